// The agenda (待办与提醒) and the year's processes (民主评议党员, letters, 增减名册) under node
// (issue 22): the core session's tables, checked against the texts' own invariants rather than
// against stored numbers: every agenda row names a catalogued rule, its days left are its due
// date less the as-of date, its status follows its days left, and a longer look-ahead keeps
// every row of a shorter one.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { loadPkg } from './load-pkg.mjs';

const pkg = await loadPkg();

const col = (t, name) => {
  const c = t.columns.find((x) => x.name === name);
  assert.ok(c, `${t.name} has no column ${name}`);
  return c.values.values;
};
const DAY = 86_400_000;
const days = (a, b) => Math.round((Date.parse(a) - Date.parse(b)) / DAY);

test('agenda rows: a catalogued rule, days left from the due date, status from days left', () => {
  const c = pkg.Community.sample();
  const asOf = '2026-10-31';
  const t = c.agenda(asOf, 60);
  assert.ok(t.rows > 0, 'the sample has something due');
  const catalogue = new Set(col(pkg.rules(), 'code'));
  const due = col(t, 'due');
  const left = col(t, 'days_left');
  const status = col(t, 'status');
  col(t, 'rule').forEach((r, i) => {
    assert.ok(catalogue.has(r), `rule ${r} is in the catalogue`);
    assert.equal(left[i], days(due[i], asOf), `row ${i}: days left`);
    assert.ok(left[i] <= 60, `row ${i}: within the look-ahead`);
    const want = left[i] < 0 ? '已逾期' : left[i] === 0 ? '今日到期' : '即将到期';
    assert.equal(status[i], want, `row ${i}: status`);
  });
});

test('a longer look-ahead keeps every row of a shorter one', () => {
  const c = pkg.Community.sample();
  const key = (t) => {
    const [r, o, d, it] = ['rule', 'org', 'due', 'item'].map((n) => col(t, n));
    return r.map((x, i) => `${x}|${o[i]}|${d[i]}|${it[i]}`);
  };
  const short = key(c.agenda('2026-10-31', 7));
  const long = new Set(key(c.agenda('2026-10-31', 90)));
  assert.ok(long.size >= short.length);
  for (const k of short) assert.ok(long.has(k), `${k} is kept`);
});

test('agenda: 2026/10/31 is 2026-10-31; a bad date and a look-ahead over ten years are typed errors', () => {
  const c = pkg.Community.sample();
  assert.deepEqual(col(c.agenda('2026/10/31', 30), 'rule'), col(c.agenda('2026-10-31', 30), 'rule'));
  assert.throws(() => c.agenda('2026-13-01', 30), (e) => e instanceof pkg.DangjianError && e.details.argument === 'asOf');
  assert.throws(() => c.agenda('2026-10-31', 100_000), (e) => e instanceof pkg.DangjianError && typeof e.code === 'string');
});

test('the year: appraisal statistics, letters with year-and-serial numbers, the register', () => {
  const c = pkg.Community.sample();
  const stats = c.appraisalStats(2025);
  assert.ok(stats.rows > 0, '民主评议党员 of 2025');
  const letters = c.letters('2026-10-31');
  assert.ok(letters.rows > 0);
  // 介绍信 numbers: 〔year〕第n号, the year no later than the as-of date's
  for (const s of col(letters, 'serial')) {
    const m = /^〔(\d{4})〕第(\d+)号$/.exec(s);
    assert.ok(m, `serial ${s}`);
    assert.ok(Number(m[1]) <= 2026 && Number(m[2]) >= 1);
  }
  const reg = c.changeRegister('2026-01-01', '2026-10-31');
  assert.ok(reg.rows > 0, 'additions and removals of 2026');
  // the register names no one in full
  for (const column of reg.columns.filter((x) => x.role === 'name')) {
    for (const v of column.values.values) assert.ok(v === null || /\*/.test(v), 'masked');
  }
});
