import * as assert from 'node:assert/strict';
import { checkBaseUrl } from '../../../src/core/http/baseUrl';

describe('base URL settings', () => {
  const setting = 'api2cartWix.api2cart.baseUrl';

  it('accepts an http(s) URL with a path, and the default', () => {
    for (const value of ['https://api.api2cart.com/v1.1', 'http://127.0.0.1:8080/v1.1/', ' https://proxy.example/api2cart/v1.1 ']) {
      assert.ok(checkBaseUrl(setting, value).ok, value);
    }
  });

  it('refuses a query or a fragment, which would swallow the method name, saying so', () => {
    const cases: [string, RegExp][] = [
      ['https://api.api2cart.com/v1.1?debug=1', /has a query/],
      ['https://api.api2cart.com/v1.1?', /has a query/],
      ['https://api.api2cart.com/v1.1#docs', /has a fragment/],
      ['https://api.api2cart.com/v1.1#', /has a fragment/],
    ];
    for (const [value, why] of cases) {
      const result = checkBaseUrl(setting, value);
      assert.ok(!result.ok, value);
      assert.match(result.error.message, new RegExp(`^The setting ${setting.replace(/\./g, '\\.')} `));
      assert.match(result.error.message, why);
      assert.match(result.error.message, /method name/);
      assert.equal(result.error.fix, 'openSettings');
    }
  });

  it('refuses other schemes, garbage and credentials without repeating the value', () => {
    for (const value of ['ftp://api.api2cart.com/v1.1', 'api.api2cart.com/v1.1', '', 'https://user:hunter22@api.api2cart.com/v1.1']) {
      const result = checkBaseUrl(setting, value);
      assert.ok(!result.ok, value);
      assert.ok(!result.error.message.includes('hunter22'));
    }
  });
});
