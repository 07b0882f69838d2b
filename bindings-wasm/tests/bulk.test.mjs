// scoreColumns: bulk scoring of event columns (the kernel's own doc example, hand-computed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPkg } from './load-pkg.mjs';

const dj = await loadPkg();
const day = (iso) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

test('scoreColumns: two meetings and one meeting, member-default rules', () => {
  const rules = dj.builtinRuleSet('member-default');
  const meeting = rules.items.findIndex((i) => i.code === 'meeting');
  assert.ok(meeting >= 0);
  const d = day('2026-10-09');
  const r = dj.scoreColumns(
    rules, '2026-10', 1,
    Uint32Array.from([0, 0, 1]), Uint16Array.from([meeting, meeting, meeting]),
    Int32Array.from([d, d, d]), BigInt64Array.from([1000n, 1000n, 1000n]),
    Uint32Array.from([0, 0]), 1,
  );
  // 60 + 2 × 2 and 60 + 2 points, in thousandths.
  assert.deepEqual(Array.from(r.total), [64_000n, 62_000n]);
  assert.deepEqual(Array.from(r.rankOverall), [1, 2]);
  assert.equal(r.eventsScored, 3);
});

test('scoreColumns: an item index outside the rule set is a typed error', () => {
  const rules = dj.builtinRuleSet('member-default');
  assert.throws(
    () => dj.scoreColumns(rules, '2026-10', 1, Uint32Array.from([0]), Uint16Array.from([9999]),
      Int32Array.from([day('2026-10-09')]), BigInt64Array.from([1000n]), Uint32Array.from([0]), 1),
    (e) => e.name === 'DangjianError' && e.code === 'bad_column',
  );
});
