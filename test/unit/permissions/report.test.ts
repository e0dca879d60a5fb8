import { strict as assert } from 'node:assert';
import { outcomeLabel, summaryLine } from '../../../src/core/permissions/format';
import { formatVerificationMarkdown } from '../../../src/core/permissions/report';
import { RETURN_CODES } from '../../../src/core/api2cart/returnCodes';
import type { EntityCheck, VerificationResult } from '../../../src/core/permissions/types';

const orderFails: EntityCheck = {
  entity: 'order',
  methods: ['order.list', 'order.update'],
  status: 'fails',
  probes: [
    {
      method: 'order.count',
      outcome: { kind: 'fails', returnCode: 100, message: 'API2Cart could not access the Wix store. (API2Cart: "403 | Forbidden")', ms: 80 },
      permissionsToCheck: [['Manage Your App'], ['Read Orders'], ['Read v3 catalog (PII)']],
    },
  ],
  notChecked: ['order.update'],
  notExercised: [],
};

const result: VerificationResult = {
  store: { id: 'i', name: 'Canary Crafts' },
  startedAt: '2025-02-03T14:02:00.000Z',
  status: 'done',
  methods: ['basket.info', 'customer.list', 'order.list', 'order.update', 'product.find', 'product.info', 'product.review.list'],
  entities: [
    {
      entity: 'basket',
      methods: ['basket.info'],
      status: 'not-probed',
      probes: [],
      notChecked: ['basket.info'],
      notProbedReason: 'basket.info reads one basket by its id, and API2Cart has no count or list of baskets to probe without one.',
      notExercised: [],
    },
    {
      entity: 'customer',
      methods: ['customer.list'],
      status: 'unknown',
      probes: [{ method: 'customer.count', outcome: { kind: 'rate-limited', returnCode: 110, message: 'Too many requests reached the store\'s API.' } }],
      notChecked: [],
      notExercised: [],
    },
    orderFails,
    {
      entity: 'product',
      methods: ['product.find', 'product.info', 'product.review.list'],
      status: 'works',
      probes: [{ method: 'product.count', outcome: { kind: 'works', ms: 40 } }],
      notChecked: ['product.review.list'],
      notExercised: [['Read inventory in v3 catalog']],
    },
  ],
  platform: { kind: 'read', methods: 120, unsupported: ['product.review.list'], cached: false },
  wix: { kind: 'read', permissions: ['WIX_STORES.READ_PRODUCTS', 'WIX_STORES.READ_ORDERS'], appName: 'Sync', siteName: 'Canary Crafts' },
};

describe('permissions: the Markdown report', () => {
  const markdown = formatVerificationMarkdown(result, { date: '2025-02-03 14:02 UTC' });

  it('titles the store, dates the check and says it only read', () => {
    assert.match(markdown, /^# Store permission check: Canary Crafts$/m);
    assert.match(markdown, /Checked 2025-02-03 14:02 UTC for 7 ticked API2Cart methods: 1 fails, 1 readable but not on cart\.methods, 1 could not tell, 1 not probed\./);
    assert.match(markdown, /Every probe is a read-only GET; methods that write are never called\./);
  });

  it('has one row per group with its result, its probes and the ticked methods', () => {
    assert.match(markdown, /^\| order \| \*\*Fails\*\* \| `order\.count`: Fails \(code 100\) \| `order\.list`, `order\.update` \|$/m);
    assert.match(markdown, /^\| basket \| \*\*Not probed\*\* \| — \|/m);
    assert.match(markdown, /^\| customer \| \*\*Rate limited \(code 110\)\*\* \|/m);
  });

  it('names, for each failure, the code, the explanation and the permissions to check with their ids', () => {
    const section = markdown.slice(markdown.indexOf('## What to check'));
    assert.match(section, /^### order: `order\.count`$/m);
    assert.match(section, /order\.count failed with API2Cart code 100: API2Cart could not access the Wix store\./);
    assert.match(section, /^- Manage Your App \(`SCOPE\.DC\.MANAGE-YOUR-APP`\)$/m);
    assert.match(section, /^- Read Orders \(`SCOPE\.DC-STORES\.READ-ORDERS`\)$/m);
    assert.match(section, /Develop → Permissions/);
    assert.match(section, /Other probes on this store work, so the credentials and the connection are fine/, 'product worked');
  });

  it('lists probes without a verdict, groups not probed, and permissions not exercised', () => {
    assert.match(markdown, /^## No verdict$/m);
    assert.match(markdown, /^- \*\*customer\*\*: customer\.count hit a request limit \(code 110\)/m);
    assert.match(markdown, /^- \*\*basket\*\* \(not probed\): basket\.info reads one basket by its id/m);
    assert.match(markdown, /^- \*\*order\*\*: not checked by a probe: `order\.update`/m);
    assert.match(markdown, /^- \*\*product\*\*: Read inventory in v3 catalog \(`SCOPE\.STORES\.INVENTORY_ITEM_READ` \(unconfirmed\)\), needed by `product\.info`$/m);
  });

  it('flags ticked methods missing from cart.methods', () => {
    assert.match(markdown, /`cart\.methods` lists 120 methods for this store \(read now\)\.\nTicked methods \*\*not on the list\*\*: `product\.review\.list`\./);
  });

  it('lists the app instance\'s permissions exactly as Wix returned them, without mapping them to scopes', () => {
    const section = markdown.slice(markdown.indexOf('## The app instance'));
    assert.match(section, /^- `WIX_STORES\.READ_PRODUCTS`\n- `WIX_STORES\.READ_ORDERS`$/m);
    assert.match(section, /does not document how these ids relate/);
    assert.doesNotMatch(section, /Read Products|SCOPE\./, 'no claimed mapping to scope names or ids');
  });

  it('says when Wix and cart.methods were not read, and when the check was cancelled', () => {
    const other = formatVerificationMarkdown({
      ...result,
      status: 'cancelled',
      platform: { kind: 'failed', message: 'API2Cart had a server error.' },
      wix: { kind: 'skipped', reason: 'the Wix App ID and App Secret Key are not set.' },
    });
    assert.match(other, /\*\*The check was cancelled\.\*\*/);
    assert.match(other, /^Not read: API2Cart had a server error\.$/m);
    assert.match(other, /^Not read: the Wix App ID and App Secret Key are not set\.$/m);
  });

  it('labels every outcome in words', () => {
    assert.equal(outcomeLabel({ kind: 'timed-out', afterMs: 1 }), 'Timed out');
    assert.equal(outcomeLabel({ kind: 'unavailable', reason: 'not-json', message: '' }), 'Not JSON');
    assert.equal(outcomeLabel({ kind: 'unavailable', reason: 'http-status', message: '', status: 503 }), 'HTTP 503');
    assert.equal(outcomeLabel({ kind: 'cancelled', sent: false }), 'Not sent');
    assert.equal(summaryLine({ ...result, entities: [] }), 'nothing to check');
  });

  it('gives a working group with a ticked method missing from cart.methods an amber verdict, not "Works"', () => {
    assert.match(markdown, /^\| product \| \*\*Readable but not on cart\.methods\*\* \|/m);
    assert.match(markdown, /^- \*\*The read works, but `product\.review\.list` is not on the platform's method list \(cart\.methods\)/m);
    assert.doesNotMatch(markdown, /\*\*Works\*\*/);
  });

  it('opens each failure with its conclusion and, since another probe worked, drops the credential causes of code 100', () => {
    const causes = RETURN_CODES[100]!.message;
    const withCauses = formatVerificationMarkdown({
      ...result,
      entities: result.entities.map((e) => (e.entity === 'order'
        ? { ...orderFails, probes: [{ ...orderFails.probes[0]!, outcome: { kind: 'fails', returnCode: 100, message: `${causes} (API2Cart: "403")`, ms: 80 } }] }
        : e)),
    });
    const section = withCauses.slice(withCauses.indexOf('### order'));
    assert.match(section, /^### order: `order\.count`\n\n\*\*Permission refused: `order\.count`, the read-only probe for `order\.list`\.\*\*$/m);
    assert.match(section, /order\.count failed with API2Cart code 100: API2Cart could not read it from the Wix store\. \(API2Cart: "403"\)/);
    assert.doesNotMatch(section, /App Secret Key|Instance ID is not valid/);
    const alone = formatVerificationMarkdown({ ...result, entities: [{ ...orderFails, probes: [{ ...orderFails.probes[0]!, outcome: { kind: 'fails', returnCode: 100, message: causes, ms: 1 } }] }] });
    assert.match(alone, /^\*\*Refused: `order\.count`, the read-only probe for `order\.list`\.\*\*$/m, 'no other probe worked: not sure it is a permission');
    assert.ok(alone.includes(causes), 'with no working probe the credential causes stay');
  });
});
