import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ALL_METHODS, GUIDE_ROWS, planScopes, requiredClauses, type MethodName } from '../../../src/core/scopes';
import { parseGuideTable } from './guideText';

const guide = parseGuideTable();

const selection = fc.array(fc.constantFrom<MethodName>(...ALL_METHODS), { maxLength: 30 });

describe('scopes: planner properties', () => {
  it('does not depend on the order or repetition of the selection', () => {
    fc.assert(
      fc.property(selection, fc.func(fc.integer()), (methods, key) => {
        const shuffled = [...methods, ...methods].sort((a, b) => key(a) - key(b));
        assert.deepEqual(planScopes(shuffled), planScopes(methods));
      }),
    );
  });

  it('satisfies every requirement of every guide row of the selected methods', () => {
    fc.assert(
      fc.property(selection, (methods) => {
        const result = requiredClauses(methods);
        for (const row of GUIDE_ROWS.filter((r) => methods.includes(r.method))) {
          const method = row.method;
          for (const requirement of row.requires) {
            const own: readonly string[] = typeof requirement === 'string' ? [requirement] : requirement.anyOf;
            // some result clause implies `own`: each of its options is an option of `own`
            assert.ok(
              result.some((r) => r.every((scope) => own.includes(scope))),
              `${method}: ${own.join(' or ')}`,
            );
          }
        }
      }),
    );
  });

  it('is minimal: no result clause implies another, every clause serves a selected method', () => {
    fc.assert(
      fc.property(selection, (methods) => {
        const plan = planScopes(methods);
        for (const a of plan.clauses) {
          assert.ok(a.neededBy.length > 0);
          // neededBy names only selected methods, each with a guide row (read by the tests' own
          // parser) whose requirement this clause meets: every option of it is an option there.
          for (const method of a.neededBy) {
            assert.ok(methods.includes(method), `${method} was not selected`);
            const row = guide.find((r) => r.method === method);
            assert.ok(row?.requires.some((own) => a.anyOf.every((scope) => own.includes(scope))), `${method} needs no ${a.anyOf.join(' or ')}`);
          }
          for (const b of plan.clauses) {
            if (a !== b) assert.ok(!a.anyOf.every((s) => b.anyOf.includes(s)), `${a.anyOf} implies ${b.anyOf}`);
          }
        }
      }),
    );
  });

  it('only grows when methods are added', () => {
    fc.assert(
      fc.property(selection, selection, (base, extra) => {
        const before = requiredClauses(base);
        const after = requiredClauses([...base, ...extra]);
        for (const clause of before) assert.ok(after.some((r) => r.every((s) => clause.includes(s))));
      }),
    );
  });
});
