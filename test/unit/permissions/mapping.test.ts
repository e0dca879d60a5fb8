import { strict as assert } from 'node:assert';
import { notExercised, permissionsToCheck } from '../../../src/core/permissions/mapping';
import { PROBES, type Probe } from '../../../src/core/permissions/probes';
import { clauseLabel, type MethodName } from '../../../src/core/scopes';

const probe = (method: MethodName): Probe => {
  const found = Object.values(PROBES).flat().find((p) => p.method === method);
  assert.ok(found, method);
  return found;
};
const labels = (clauses: readonly (readonly string[])[]) => clauses.map((c) => c.join(' or '));

describe('permissions: mapping a failure back to Wix permissions', () => {
  it('order.count failing names the guide\'s permissions for order.count and the ticked order reads', () => {
    // Spelled out from the guide's rows, so a wrong table cannot agree with itself.
    assert.deepEqual(labels(permissionsToCheck(probe('order.count'), ['order.list', 'order.info'])), [
      'Manage Your App',
      'Read Orders',
      'Read v3 catalog (PII)',
    ]);
  });

  it('includes what the ticked methods need beyond the probe, alternatives kept as one entry', () => {
    assert.deepEqual(labels(permissionsToCheck(probe('product.count'), ['product.list'])), [
      'Manage Your App',
      'Product v3 read admin or Read products in v3 catalog',
      'Read categories',
      'Read inventory in v3 catalog',
      'Read Products',
      'Read v3 catalog (PII)',
    ]);
  });

  it('leaves out ticked methods the failing probe does not stand for', () => {
    const coupon = permissionsToCheck(probe('cart.coupon.count'), ['cart.coupon.list', 'cart.info']);
    assert.deepEqual(labels(coupon), ['Manage Coupons', 'Manage Your App', 'Read v3 catalog (PII)']);
    assert.ok(!coupon.some((c) => clauseLabel(c) === 'Read Stores Locations in v3 catalog'), 'cart.info has its own probe');
  });

  it('with nothing ticked, names the probe\'s own permissions', () => {
    assert.deepEqual(labels(permissionsToCheck(probe('customer.count'), [])), ['Manage Your App', 'Read Contacts', 'Read v3 catalog (PII)']);
  });

  it('says which permissions of the ticked reads a working probe did not exercise', () => {
    // product.count works; product.info also needs "Read inventory in v3 catalog", which product.count does not.
    assert.deepEqual(labels(notExercised(['product.count'], ['product.count', 'product.info'])), ['Read inventory in v3 catalog']);
    assert.deepEqual(notExercised(['product.count', 'product.child_item.list'], ['product.info', 'product.list']), []);
    assert.deepEqual(notExercised(['order.count'], ['order.list', 'order.shipment.list']), []);
  });

  it('claims nothing as exercised when no probe worked', () => {
    assert.deepEqual(notExercised([], ['order.list']), []);
  });
});
