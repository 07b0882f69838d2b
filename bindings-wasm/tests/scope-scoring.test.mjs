// Issue 17, class 6: a scope's strict scoring sees only the scope's records.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { loadPkg } from './load-pkg.mjs';

const pkg = await loadPkg();
const rules = pkg.builtinRuleSet('member-default');

/** The sample with one bad activity (an unknown item) for a member of branch B2. */
function withBadActivityInB2() {
  const ds = JSON.parse(pkg.sampleDatasetJson());
  const inB2 = ds.events.find(
    (e) => (e.type === 'registered' || e.type === 'transferred_in') && e.branch === 'B2',
  ).member;
  ds.activities.push({ id: 'BAD-B2', subject: inB2, item: 'no_such_item', date: '2026-10-05' });
  return { community: pkg.Community.fromJson(JSON.stringify(ds)), inB2 };
}

test("another branch's bad record fails neither the branch's strict scoring nor appears in it", () => {
  const { community, inB2 } = withBadActivityInB2();
  // the whole community, strictly: refused because of B2's record
  assert.throws(() => community.score(rules, '2026-10'), (e) => e.code === 'unknown_item');
  // branch B1: scored, without B2's people
  const t = community.scope('B1').score(rules, '2026-10');
  assert.equal(t.subject.length, 61);
  assert.ok(!t.subject.includes(inB2));
  // branch B2: refused for its own record, naming its own activity only
  assert.throws(
    () => community.scope('B2').score(rules, '2026-10'),
    (e) => e.code === 'unknown_item' && JSON.stringify(e.details).includes('BAD-B2'),
  );
});

test('a scope lookup of someone outside it fails as an unknown id does', () => {
  const { community, inB2 } = withBadActivityInB2();
  const b1 = community.scope('B1');
  const codeOf = (f) => {
    try {
      f();
    } catch (e) {
      return e.code;
    }
    return 'ok';
  };
  assert.equal(codeOf(() => b1.member(inB2, '2026-10-31')), codeOf(() => b1.member('NO-SUCH', '2026-10-31')));
  assert.equal(codeOf(() => b1.history(inB2)), 'not_found');
});
