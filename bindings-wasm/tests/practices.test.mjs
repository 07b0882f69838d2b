// The community practices and the branch assessment under node (issue 23): the core's tables,
// the same numbers as the core's own tests, typed errors for a bad kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { loadPkg } from './load-pkg.mjs';

const pkg = await loadPkg();

const col = (t, name) => {
  const c = t.columns.find((x) => x.name === name);
  assert.ok(c, `${t.name} has no column ${name}`);
  return c.values.values;
};

test('practice tables of the sample: 9 grids, service days, co-building units, declarations', () => {
  const c = pkg.Community.sample();
  const grids = c.practices('grids', '2026-10-01', '2026-10-31');
  assert.equal(grids.rows, 9);
  const days = c.practices('service_days', '2026-10-01', '2026-10-31');
  assert.ok(days.rows >= 2);
  // covered days never exceed the expected ones
  col(days, 'covered').forEach((v, i) => assert.ok(v <= col(days, 'expected')[i]));
  const units = c.practices('cobuild', '2026-01-01', '2026-10-31');
  assert.ok(new Set(col(units, 'unit')).size >= 7);
  const pending = c.practices('pending_declarations', '2026-10-01', '2026-10-31');
  assert.ok(pending.rows > 0);
  assert.ok(col(pending, 'status').every((s) => s === '待审核'));
  const idle = c.practices('idle_pairings', '2026-07-01', '2026-10-31');
  assert.ok(idle.rows < c.practices('pairings', '2026-10-01', '2026-10-31').rows);
});

test('the branch assessment by quarter with its derived deductions', () => {
  const c = pkg.Community.sample();
  const [quarters, deductions] = c.assessment(2026, '2026-10-31');
  assert.equal(quarters.rows, 4);
  assert.ok(deductions.rows > 0);
  assert.ok(col(deductions, 'id').every((id) => id.startsWith('考核:')));
});

test('an unknown practice kind is refused with a typed error', () => {
  const c = pkg.Community.sample();
  assert.throws(() => c.practices('nope', '2026-10-01', '2026-10-31'), (e) => {
    assert.equal(e.code, 'bad_argument');
    return true;
  });
});
