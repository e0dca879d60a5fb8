import { strict as assert } from 'node:assert';
import {
  ALL_PROBES,
  PROBED_ENTITIES,
  PROBES,
  UNPROBED_READS,
  planCheck,
} from '../../../src/core/permissions/probes';
import { ALL_METHODS, ENTITIES, entityOf, isReadMethod, type MethodName } from '../../../src/core/scopes';
import { checkRequest, loadSpec, specMethods } from '../../support/stubs/specCheck';

describe('permissions: the probe table', () => {
  const spec = loadSpec();

  it('every probe method exists in API2Cart\'s spec and is a GET (and only a GET)', () => {
    const methods = new Set(specMethods(spec));
    assert.ok(ALL_PROBES.length >= 10, 'a probe for most entities');
    for (const probe of ALL_PROBES) {
      assert.ok(methods.has(probe.method), `${probe.method} is in the spec`);
      assert.deepEqual(Object.keys(spec.paths[`/${probe.method}.json`]!), ['get'], `${probe.method} is a GET`);
    }
  });

  it('every probe, sent with its query, is a request the spec accepts', () => {
    for (const probe of ALL_PROBES) {
      const violations = checkRequest(spec, {
        httpMethod: 'GET',
        path: `/${probe.method}.json`,
        query: new URLSearchParams(probe.query ?? {}),
        headers: { 'x-api-key': 'k', 'x-store-key': 's' },
        bodyText: '',
      });
      assert.deepEqual(violations, [], probe.method);
    }
  });

  it('probes only read: each is an info, list or count method of the guide, named for its own entity', () => {
    for (const entity of ENTITIES) {
      for (const probe of PROBES[entity]) {
        assert.ok(isReadMethod(probe.method), `${probe.method} reads`);
        assert.equal(entityOf(probe.method), entity);
        assert.ok(ALL_METHODS.includes(probe.method), `${probe.method} is a guide method, so its permissions are known`);
      }
    }
  });

  it('each probe stands for read methods of its own entity, itself included', () => {
    for (const probe of ALL_PROBES) {
      assert.ok(probe.covers.includes(probe.method), `${probe.method} covers itself`);
      for (const method of probe.covers) {
        assert.ok(ALL_METHODS.includes(method), method);
        assert.ok(isReadMethod(method), `${probe.method} stands for ${method}, which writes`);
        assert.equal(entityOf(method), entityOf(probe.method));
      }
    }
  });

  it('every read method of the guide has a probe or a stated reason, never both', () => {
    const covered = new Set(ALL_PROBES.flatMap((p) => p.covers));
    for (const method of ALL_METHODS.filter(isReadMethod)) {
      const reason = UNPROBED_READS[method];
      assert.ok(covered.has(method) !== (reason !== undefined), `${method}: covered ${covered.has(method)}, reason ${reason}`);
    }
    assert.deepEqual(Object.keys(UNPROBED_READS).filter((m) => !isReadMethod(m as MethodName)), []);
  });

  it('names the cheap reads the issue lists', () => {
    const names = ALL_PROBES.map((p) => p.method);
    for (const method of ['product.count', 'order.count', 'customer.count', 'category.count', 'cart.coupon.count', 'cart.info'] as const) {
      assert.ok(names.includes(method), method);
    }
    assert.deepEqual(PROBED_ENTITIES, ENTITIES.filter((e) => e !== 'basket'));
  });
});

describe('permissions: planning a check', () => {
  it('runs, per entity of the selection, the probes that stand for its ticked methods', () => {
    const plan = planCheck({ methods: ['order.list', 'order.info', 'cart.coupon.list', 'product.find'] });
    assert.deepEqual(
      plan.map((e) => [e.entity, e.probes.map((p) => p.method)]),
      [
        ['cart', ['cart.coupon.count']],
        ['order', ['order.count']],
        ['product', ['product.count']],
      ],
    );
    assert.deepEqual(plan.find((e) => e.entity === 'order')?.methods, ['order.info', 'order.list']);
  });

  it('does not probe a group whose ticked methods only write: probes never write', () => {
    const [product] = planCheck({ methods: ['product.add', 'product.update'] });
    assert.equal(product?.entity, 'product');
    assert.deepEqual(product?.probes, []);
    assert.deepEqual(product?.notChecked, ['product.add', 'product.update']);
    assert.match(product?.notProbedReason ?? '', /product\.add, product\.update write, and probes never write/);
  });

  it('does not probe basket: its only read needs a basket id', () => {
    const [basket] = planCheck({ methods: ['basket.info'] });
    assert.deepEqual(basket?.probes, []);
    assert.match(basket?.notProbedReason ?? '', /basket\.info reads one basket by its id/);
  });

  it('lists the writes of a probed group as not checked', () => {
    const [order] = planCheck({ methods: ['order.list', 'order.update'] });
    assert.deepEqual(order?.probes.map((p) => p.method), ['order.count']);
    assert.deepEqual(order?.notChecked, ['order.update']);
    assert.equal(order?.notProbedReason, undefined);
  });

  it('runs every probe of each picked group when nothing is ticked', () => {
    const plan = planCheck({ entities: ['tax', 'cart'] });
    assert.deepEqual(plan.map((e) => e.entity), ['cart', 'tax'], 'in the planner\'s order');
    assert.deepEqual(plan[0]?.probes.map((p) => p.method), ['cart.info', 'cart.coupon.count', 'cart.catalog_price_rules.count']);
    assert.deepEqual(plan[0]?.methods, []);
  });

  it('ignores methods it does not know', () => {
    assert.deepEqual(planCheck({ methods: ['order.drop' as MethodName] }), []);
  });
});
