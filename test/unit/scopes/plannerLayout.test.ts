import assert from 'node:assert/strict';
import { ALL_METHODS, NO_ID_HINT, scopeInfo, sharedRequirements } from '../../../src/core/scopes';
import { buildPlannerState } from '../../../src/vscode/scopePlanner/plannerController';
import { parseGuideTable } from './guideText';

describe('scopes: the planner lists shared permissions once and says how to find ones without an id', () => {
  // From the guide's own table: the single-option requirements that every row lists.
  const rows = parseGuideTable();
  const inEveryRow = rows[0]!.requires
    .filter((options) => options.length === 1)
    .map((options) => options[0]!)
    .filter((scope) => rows.every((row) => row.requires.some((options) => options.length === 1 && options[0] === scope)));

  it('finds the permissions every method needs (Manage Your App, Read v3 catalog (PII))', () => {
    assert.deepEqual(inEveryRow.sort(), ['Manage Your App', 'Read v3 catalog (PII)']);
    assert.deepEqual([...sharedRequirements(ALL_METHODS)].sort(), inEveryRow);
    assert.deepEqual(sharedRequirements([]), []);
  });

  it('puts them in the state once and leaves them out of every row', () => {
    const state = buildPlannerState([]);
    assert.deepEqual([...state.commonScopes].sort(), inEveryRow);
    const rowsListingThem = state.groups.flatMap((g) => g.methods).filter((m) => m.scopes.some((label) => inEveryRow.includes(label)));
    assert.deepEqual(rowsListingThem.map((m) => m.name), []);
    const orderList = state.groups.flatMap((g) => g.methods).find((m) => m.name === 'order.list');
    assert.deepEqual(orderList?.scopes, ['Read Orders']);
  });

  it('still requests them: the result list keeps every permission', () => {
    const labels = buildPlannerState(['order.list']).clauses.map((c) => c.label);
    for (const scope of inEveryRow) assert.ok(labels.includes(scope), scope);
  });

  it('tells how to find a permission by name where Wix publishes no id', () => {
    const options = buildPlannerState([...ALL_METHODS]).clauses.flatMap((c) => c.options);
    const withoutId = options.filter((o) => scopeInfo(o.name as Parameters<typeof scopeInfo>[0]).id === undefined);
    assert.ok(withoutId.length > 0, 'some permissions have no published id');
    for (const option of withoutId) assert.equal(option.noIdHint, NO_ID_HINT, option.name);
    assert.match(NO_ID_HINT, /search its name under Develop → Permissions/);
    assert.ok(options.filter((o) => o.id).every((o) => o.noIdHint === undefined));
  });
});
