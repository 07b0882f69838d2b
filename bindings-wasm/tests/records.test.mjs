// The month's records (activities, meetings, payments, service) added, corrected and removed
// on a Community through the core session, all or nothing, with errors naming the record.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { loadPkg } from './load-pkg.mjs';

const pkg = await loadPkg();
const rules = pkg.builtinRuleSet('member-default');

const section = (c, name) => JSON.parse(c.toJson())[name] ?? [];

test('addActivities scores as a reloaded dataset; removeActivity undoes it', () => {
  const c = pkg.Community.sample();
  const original = c.toJson();
  const act = section(c, 'activities').find((a) => a.date >= '2026-10-01' && !a.reverses);
  assert.equal(c.addActivities([{ ...act, id: 'new-1' }]), 1);
  assert.equal(c.activityCount, section(c, 'activities').length);
  const reloaded = pkg.Community.fromJson(c.toJson());
  assert.equal(c.scoreTableJson(rules, '2026-10'), reloaded.scoreTableJson(rules, '2026-10'));
  c.removeActivity('new-1');
  assert.equal(c.toJson(), original);
});

test('the issue message: the record is named, the date shown as it should be written', () => {
  const c = pkg.Community.sampleSmall();
  const batch = Array.from({ length: 100 }, (_, i) => ({
    id: `A${String(101 + i).padStart(6, '0')}`, subject: 'M1', item: 'XF002', date: '2026-10-15',
  }));
  batch.push({ id: 'A000201', subject: 'M1', item: 'XF002', date: '2026/10/15' });
  const before = c.toJson();
  assert.throws(() => c.addActivities(batch), (e) => {
    assert.equal(e.code, 'record_date');
    assert.equal(e.message, '第101条积分记录（A000201，XF002）日期 2026/10/15 应写成 2026-10-15');
    assert.equal(e.details.position, 100);
    assert.equal(e.details.expected, '2026-10-15');
    return true;
  });
  assert.equal(c.toJson(), before);
});

test('a failed batch leaves the community unchanged', () => {
  const c = pkg.Community.sampleSmall();
  c.addActivities({ id: 'a1', subject: 'M1', item: 'meeting', date: '2024-03-05' });
  const before = c.toJson();
  const score = c.scoreTableJson(rules, '2024-03');
  assert.throws(
    () => c.addActivities([
      { id: 'a2', subject: 'M1', item: 'meeting', date: '2024-03-06' },
      { id: 'a3', subject: 'ghost', item: 'meeting', date: '2024-03-06' },
    ]),
    (e) => e.code === 'record_unknown_subject' && e.details.position === 1,
  );
  assert.throws(
    () => c.addActivities(JSON.stringify([{ id: 'a1', subject: 'M1', item: 'meeting', date: '2024-03-07' }])),
    (e) => e.code === 'record_duplicate_id',
  );
  assert.equal(c.toJson(), before);
  assert.equal(c.scoreTableJson(rules, '2024-03'), score);
  assert.throws(() => c.removeActivity('nope'), (e) => e.code === 'record_not_found');
});

for (const [name, add, correct, remove, key] of [
  ['meetings', 'addMeetings', 'correctMeeting', 'removeMeeting', (r) => r.id],
  ['payments', 'addPayments', 'correctPayment', 'removePayment', (r) => `${r.member}/${r.month}`],
  ['service', 'addServiceRecords', 'correctServiceRecord', 'removeServiceRecord', (r) => r.id],
]) {
  test(`${name}: remove, add back, correct to itself`, () => {
    const c = pkg.Community.sample();
    const original = c.toJson();
    const records = section(c, name);
    const last = records.at(-1);
    c[remove](key(last));
    assert.equal(section(c, name).length, records.length - 1);
    assert.equal(c[add]([last]), 1);
    assert.equal(c.toJson(), original);
    c[correct](key(last), last);
    assert.equal(c.toJson(), original);
    assert.throws(() => c[add]([last]), (e) => e.code === 'record_duplicate_id');
  });
}
