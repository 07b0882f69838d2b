// The page's record sheets (demo/records.js) in node, no browser: rows become the core's
// records with only what the core cannot know checked here (empty required cells, the item
// against the chosen rules, meeting kinds, amounts in 元); the rest goes to the core, whose
// error names the record (checked against the core itself, through the built package).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { KINDS, readSheet, toRecords, toRow, yuan } from '../../demo/records.js';
import { loadPkg } from '../load-pkg.mjs';

const pkg = await loadPkg();
const rules = pkg.builtinRuleSet('member-default');
const row = (i) => `第${i + 3}行`;

test('a form row becomes an activity; the date is left for the core to judge', () => {
  const { records, errors } = toRecords('activities', [{ subject: 'XF001', item: 'meeting', date: '2026/10/15', quantity: '2' }], rules, row);
  assert.deepEqual(errors, []);
  assert.deepEqual(records, [{ subject: 'XF001', item: 'meeting', date: '2026/10/15', quantity: '2' }]);
  const c = pkg.Community.sample();
  const before = c.activityCount;
  assert.throws(() => c.addActivities(records.map((r) => ({ ...r, id: 'A900001' }))), (e) => {
    assert.equal(e.code, 'record_date');
    assert.equal(e.message, '第1条积分记录（A900001，meeting）日期 2026/10/15 应写成 2026-10-15');
    return true;
  });
  assert.equal(c.activityCount, before);
});

test('only what the core cannot know is refused here, every row named', () => {
  const { records, errors } = toRecords('activities', [
    { subject: 'XF001', item: 'meeting', date: '2026-10-15' },
    { item: 'no_such_item', date: '' },
  ], rules, row);
  assert.equal(records.length, 1);
  assert.equal(errors.length, 1);
  assert.match(errors[0], /^第4行对象编号未填写；日期未填写；积分事项 no_such_item 不在所选规则中/);
  const m = toRecords('meetings', [{ org: 'B1', kind: '茶话会', date: '2026-10-01' }], rules, row);
  assert.match(m.errors[0], /会议类型 茶话会 应是：支部党员大会/);
  const p = toRecords('payments', [{ member: 'XF001', month: '2026-10', amount: '十元', date: '2026-10-01' }], rules, row);
  assert.match(p.errors[0], /金额 十元 应是元，最多两位小数/);
});

test('each kind round-trips through the form (toRow) and is accepted by the core', () => {
  const c = pkg.Community.sample();
  const ds = JSON.parse(c.toJson());
  for (const [kind, add, remove, key] of [
    ['activities', 'addActivities', 'removeActivity', (r) => r.id],
    ['meetings', 'addMeetings', 'removeMeeting', (r) => r.id],
    ['payments', 'addPayments', 'removePayment', (r) => `${r.member}/${r.month}`],
    ['service', 'addServiceRecords', 'removeServiceRecord', (r) => r.id],
  ]) {
    const last = ds[kind].at(-1);
    // (the sample's last activity scores a branch under the branch rule set: no rule set given)
    const { records, errors } = toRecords(kind, [toRow(kind, last)], null, row);
    assert.deepEqual(errors, [], kind);
    c[remove](key(last));
    assert.equal(c[add](records), 1, kind);
    assert.equal(key(records[0]), key(last), kind);
  }
  assert.deepEqual(Object.keys(KINDS), ['activities', 'meetings', 'payments', 'service']);
});

test('amounts: 元 in the form, 分 in the record', () => {
  assert.equal(yuan(1650), '16.50');
  assert.equal(yuan(5), '0.05');
  assert.equal(yuan(0), '0.00');
  const { records } = toRecords('payments', [{ member: 'XF001', month: '2026-10', amount: '16.5', date: '2026-10-09' }], rules, row);
  assert.equal(records[0].amount, 1650);
  assert.equal(toRow('payments', records[0]).amount, '16.50');
});

test('a sheet is found by its headers; notes and empty rows skipped', () => {
  const grid = [['积分记录'], ['记录编号', '对象编号', '积分事项', '日期'], ['说明：可空', '', '', ''], ['', 'XF001', 'meeting', '2026-10-01'], ['', '', '', ''], ['', 'XF002', 'study', '2026-10-02']];
  const s = readSheet(grid);
  assert.equal(s.kind, 'activities');
  assert.deepEqual(s.lines, [4, 6]);
  assert.deepEqual(s.rows[1], { subject: 'XF002', item: 'study', date: '2026-10-02' });
});
