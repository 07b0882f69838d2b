// Changes (all or nothing), the reusable scorer, statistics tables, scoped views and the
// privacy of member objects, under node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { loadPkg } from './load-pkg.mjs';

const ROOT = new URL('../../', import.meta.url);
const GOLDEN = readFileSync(new URL('tests/golden/sample-scores-2026-10.json', ROOT), 'utf8');
const pkg = await loadPkg();
const sample = pkg.Community.sample();
const rules = pkg.builtinRuleSet('member-default');
const AS_OF = '2026-10-31';

/** Column `name` of a statistics table. */
const col = (t, name) => {
  const c = t.columns.find((x) => x.name === name);
  assert.ok(c, `${t.name} has no column ${name}: ${t.columns.map((x) => x.name)}`);
  return c.values.values;
};
/** Value of column `name` in the row of organization `org`. */
const cell = (t, name, org) => col(t, name)[col(t, 'org').indexOf(org)];

test('a Scorer kept across calls gives the golden bytes and the same tables as community.score', () => {
  const scorer = sample.scorer(rules);
  assert.equal(scorer.scoreTableJson('2026-10'), GOLDEN);
  for (const p of ['2026-09', '2026-10', '2026-03']) {
    assert.deepEqual(scorer.score(p), sample.score(rules, p));
  }
  assert.equal(sample.scoreTableJson(rules, '2026-10'), GOLDEN); // the community's own cache too
  const who = scorer.score('2026-10').table.subject[0];
  assert.deepEqual(scorer.explain('2026-10', who), sample.explain(rules, '2026-10', who));
  assert.equal(scorer.rules.id, rules.id);
  // A lenient scorer is a different scorer; switching modes on the community works both ways.
  const lenient = sample.scorer(rules, { mode: 'lenient' });
  assert.deepEqual(lenient.score('2026-10').table, scorer.score('2026-10').table);
  assert.equal(sample.scoreTableJson(rules, '2026-10', { mode: 'lenient' }), GOLDEN);
  assert.equal(sample.scoreTableJson(rules, '2026-10'), GOLDEN);
});

test('apply, addMembers and importRosterCsv change the community; toJson follows', () => {
  const c = pkg.Community.sampleSmall();
  assert.equal(c.memberCount, 4);
  const before = c.headcountOn('2024-06-01');
  c.addMembers([{ id: 'M5', name: '钱多多', gender: 'female', birth_date: '1990-02-03' }]);
  assert.equal(c.memberCount, 5);
  assert.equal(c.headcountOn('2024-06-01'), before); // no event yet: not a member
  const summary = c.apply([
    { member: 'M5', date: '2024-05-01', type: 'transferred_in', branch: 'B2', status: 'full' },
  ]);
  assert.deepEqual(summary, { events: 1, members: 1 });
  assert.equal(c.headcountOn('2024-06-01'), before + 1);
  const again = pkg.Community.fromJson(c.toJson());
  assert.equal(again.headcountOn('2024-06-01'), before + 1);
  // A roster CSV: two rows, registered on the given day, ids generated with the prefix.
  // Ids from 编号; rows without 登记方式 enter by transfer in (the roster is dated after the founding).
  const csv = '编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部\nR1,赵六,女,1990-01-02,汉族,本科,2015-06-01,2016-06-01,第一党支部\nR2,孙七,男,1985/3/4,汉族,大专,2010-07-01,2011-07-01,第二党支部\n';
  assert.equal(c.importRosterCsv(new TextEncoder().encode(csv), '2024-07-01', 'R', undefined, 'transferred_in'), 2);
  assert.equal(c.memberCount, 7);
  assert.equal(c.headcountOn('2024-07-01'), before + 3);
  assert.equal(c.headcountOn('2024-06-30'), before + 1);
});

test('a failed batch changes nothing (snapshot), a later valid one applies', () => {
  const c = pkg.Community.sampleSmall();
  const snap = c.toJson();
  const bad = [
    { member: 'M4', date: '2024-05-01', type: 'floated_out' },
    { member: 'NOPE', date: '2024-05-02', type: 'died' },
  ];
  assert.throws(() => c.apply(bad), (e) => e.code === 'event_rejected' && e.details.record === 'NOPE' && e.details.position === 1);
  assert.equal(c.toJson(), snap);
  assert.throws(() => c.addMembers([{ id: 'M1', name: '重复', gender: 'male', birth_date: '1990-01-01' }]), { code: 'duplicate_member' });
  assert.equal(c.toJson(), snap);
  c.apply(bad.slice(0, 1));
  assert.notEqual(c.toJson(), snap);
});

test('statistics tables: membership, flows, pipeline (hand-checked on the small fixture)', () => {
  const c = pkg.Community.sampleSmall();
  // 2024-06-01: M1, M3 (full) and M2 (probationary, admitted 2023-03-01) in B1; M4 in B2.
  const m = c.statsMembership('2024-06-01');
  assert.equal(m.name, 'membership');
  assert.equal(m.rows, col(m, 'org').length);
  assert.deepEqual(col(m, 'org'), ['Z', 'B1', 'G1', 'B2']);
  assert.equal(cell(m, 'headcount', 'Z'), 4);
  assert.equal(cell(m, 'headcount', 'B1'), 3);
  assert.equal(cell(m, 'headcount', 'B2'), 1);
  assert.equal(cell(m, 'female', 'Z'), 2); // 李红, 赵秀英
  const direct = c.statsMembership('2024-06-01', { rollup: 'direct' });
  assert.equal(cell(direct, 'headcount', 'Z'), 0);
  // Every column is typed: counts are u64, names are text, labels are Chinese.
  const hc = m.columns.find((x) => x.name === 'headcount');
  assert.equal(hc.values.type, 'u64');
  assert.equal(hc.role, 'count');
  assert.equal(hc.label_zh, '党员总数');
  // Flows over 2023: M2 admitted 2023-03-01 (probationary: counted as a member), nobody left.
  const f = c.statsFlows('2023-01-01', '2023-12-31');
  assert.equal(cell(f, 'admitted', 'Z'), 1);
  assert.equal(cell(f, 'opening', 'Z'), 3);
  assert.equal(cell(f, 'closing', 'Z'), 4);
  for (let r = 0; r < f.rows; r += 1) {
    const v = (n) => col(f, n)[r];
    assert.equal(v('closing'), v('opening') + v('admitted') + v('transferred_in') + v('registered') + v('moved_in')
      - v('transferred_out') - v('moved_out') - v('died') - v('other_exits'));
  }
  assert.throws(() => c.statsFlows('2024-01-01', '2023-01-01'), { code: 'bad_interval' });
  assert.throws(() => c.statsFlows('2023-01-01', '2023-12-31', { rollup: 'sideways' }), { code: 'bad_argument' });
  assert.throws(() => c.statsFlows('2023-01-01', '2023-12-31', { names: 'shout' }), { code: 'bad_argument' });
  assert.throws(() => c.statsFlows('2023-01-01', '2023-12-31', { minCount: 1 }), { code: 'bad_threshold' });
  const p = c.statsPipeline('2022-01-01');
  assert.equal(p.name, 'pipeline');
  assert.ok(p.columns.every((x) => x.values.values.length === p.rows));
});

test('statistics of the sample community: membership matches memberCounts, scores, dues, meetings', () => {
  const m = sample.statsMembership(AS_OF);
  assert.equal(cell(m, 'headcount', 'Z'), 158);
  assert.equal(sample.headcountOn(AS_OF), 158);
  assert.equal(cell(sample.memberCounts(AS_OF), 'members', 'Z'), 158); // the core's counts table
  const s = sample.statsScores(rules, '2026-10');
  const golden = JSON.parse(GOLDEN);
  assert.equal(cell(s, 'n', 'Z'), golden.subject.length); // every member ranked under a branch
  const bandCols = s.columns.filter((x) => x.name.startsWith('band_'));
  assert.equal(bandCols.length, 4);
  assert.equal(bandCols.reduce((n, x) => n + x.values.values[0], 0), cell(s, 'n', 'Z'));
  const max = Math.max(...golden.total);
  assert.equal(cell(s, 'max', 'Z'), max);
  const two = sample.statsScores(rules, '2026-10', { bands: { thresholds: [80], labels_zh: ['低', '高'] } });
  assert.equal(two.columns.filter((x) => x.name.startsWith('band_')).length, 2);
  assert.throws(() => sample.statsScores(rules, '2026-10', { bands: { thresholds: [80], labels_zh: ['低'] } }), { code: 'bad_bands' });
  const dues = sample.statsDues('2026-01', '2026-09', AS_OF);
  assert.ok(dues.rows > 0 && dues.columns.some((x) => x.values.type === 'fen'), dues.columns.map((x) => x.values.type));
  const arrears = sample.statsArrears('2025-01', '2026-09', AS_OF);
  assert.ok(arrears.rows > 0);
  // Names in the arrears table are masked by default; kept or dropped on request.
  const names = arrears.columns.filter((x) => x.role === 'person_name');
  assert.ok(names.length > 0);
  for (const c of names) for (const v of c.values.values) assert.ok(v.length === 0 || v.includes('*'), v);
  const kept = sample.statsArrears('2025-01', '2026-09', AS_OF, { names: 'keep' });
  const full = kept.columns.find((x) => x.role === 'person_name').values.values;
  assert.ok(full.some((v) => v.length > 0 && !v.includes('*')));
  const dropped = sample.statsArrears('2025-01', '2026-09', AS_OF, { names: 'drop' });
  assert.equal(dropped.columns.filter((x) => x.role === 'person_name').length, 0);
  const anon = sample.statsArrears('2025-01', '2026-09', AS_OF, { pseudonymKey: 'a key of 16 bytes or more' });
  const ids = (t) => t.columns.find((x) => x.role === 'member_id').values.values;
  assert.equal(ids(anon).length, ids(arrears).length);
  assert.ok(ids(anon).every((p, k) => p !== ids(arrears)[k]));
  // Small-cell suppression: every published count is 0 or at least k.
  const safe = sample.statsMembership(AS_OF, { minCount: 5 });
  let withheld = 0;
  for (const c of safe.columns.filter((x) => x.role === 'count')) {
    c.values.values.forEach((v, r) => {
      if (c.suppressed?.[r]) withheld += 1;
      else assert.ok(v === 0 || v >= 5, `${c.name}[${r}] = ${v}`);
    });
  }
  assert.ok(withheld > 0);
  const meetings = sample.statsMeetings('2026-01', '2026-09', AS_OF);
  assert.ok(meetings.rows > 0 && col(meetings, 'compliant').includes(false));
  const att = sample.statsAttendance('2026-01', '2026-09', AS_OF);
  assert.ok(att.rows > 0);
  assert.throws(() => sample.statsDues('2026-13', '2026-09', AS_OF), { code: 'bad_month' });
});

test('a scope reads nothing outside its subtree', () => {
  const c = pkg.Community.sampleSmall();
  const b2 = c.scope('B2');
  const d = '2024-06-01';
  assert.equal(b2.org, 'B2');
  assert.deepEqual(b2.orgs().map((o) => o.id), ['B2']);
  assert.equal(b2.headcountOn(d), 1);
  const counts = b2.memberCounts(d);
  assert.deepEqual(col(counts, 'org'), ['B2']);
  assert.deepEqual(col(counts, 'members'), [1]);
  const roster = b2.roster(d);
  assert.deepEqual(roster.id, ['M4']);
  assert.equal(roster.name[0], '赵**');
  assert.equal(b2.roster(d, { showNames: true }).name[0], '赵秀英');
  // a key shorter than 16 bytes protects nothing: refused (issue 17, class 8)
  assert.throws(() => b2.roster(d, { pseudonymKey: 'k' }), (e) => e.code === 'weak_key');
  const anon = b2.roster(d, { pseudonymKey: 'a key of 16 bytes' });
  assert.notEqual(anon.id[0], 'M4');
  assert.equal(anon.name[0], '');
  const st = b2.statsMembership(d);
  assert.deepEqual(col(st, 'org'), ['B2']);
  assert.deepEqual(col(st, 'headcount'), [1]);
  assert.equal(b2.member('M4', d).id, 'M4');
  assert.ok(b2.history('M4').length >= 1);
  // Outside: exactly the error of an id that does not exist (no oracle).
  const err = (fn) => {
    try {
      fn();
    } catch (e) {
      return e;
    }
    return assert.fail('no error');
  };
  for (const id of ['M1', 'M2', 'M3']) {
    for (const op of [(x) => b2.member(x, d), (x) => b2.history(x)]) {
      const [e1, e2] = [err(() => op(id)), err(() => op('NOPE'))];
      assert.equal(e1.code, 'not_found');
      assert.equal(e2.code, 'not_found');
      assert.equal(e1.message, e2.message.replace('NOPE', id));
      assert.deepEqual(e1.details, { record: id });
    }
  }
  assert.equal(JSON.stringify(b2.roster(d)).includes('M1'), false);
  assert.equal(JSON.stringify(b2.pipelineDue('2024-02-01')).includes('M2'), false); // M2's conversion is due in B1
  assert.ok(c.scope('B1').pipelineDue('2024-02-01').some((x) => JSON.stringify(x).includes('M2')));
  const fl = b2.flows('2023-01-01', '2023-12-31');
  assert.equal(fl.start, 1);
  assert.equal(fl.end, 1);
  assert.throws(() => c.scope('B9'), { code: 'scope_org_not_found' });
  // A scope is a snapshot: a later change of the community does not show in it.
  c.apply([{ member: 'M1', date: '2024-05-01', type: 'moved', branch: 'B2' }]);
  assert.equal(b2.headcountOn(d), 1);
  assert.equal(c.scope('B2').headcountOn(d), 2);
});

test('elections are counted by the election rules, the same as in Python and Rust', () => {
  const es = sample.elections();
  assert.deepEqual(es.map((e) => [e.id, e.org, e.date]), [['E2022Z', 'Z', '2022-11-01']]);
  for (const e of es) {
    assert.equal(e.expected, e.eligible - e.excused);
    assert.equal(e.quorum_met, e.present * 5 > e.expected * 4);
    assert.equal(e.votes_needed, Math.floor(e.present / 2) + 1);
    assert.equal(e.valid, e.quorum_met && e.competitive && !e.void);
    assert.deepEqual(e.findings, []);
    assert.deepEqual(e.tally.person.filter((p, i) => e.tally.elected[i]), e.elected);
    assert.ok(e.elected.every((p) => e.tally.votes[e.tally.person.indexOf(p)] >= e.votes_needed));
    if (e.valid) assert.equal(e.elected.length + e.unfilled, e.seats);
  }
  assert.deepEqual(pkg.Community.sampleSmall().elections(), []);
  // A scope keeps the elections of its organizations.
  assert.deepEqual(sample.scope('Z').elections(), es);
  assert.deepEqual(sample.scope('B1').elections(), []);
});

test('a scope scores only the rows ranked in it, overall rank recomputed among them', () => {
  const full = sample.score(rules, '2026-10').table;
  // branch and above: a 党小组 scope sees its group's members (issue 23; core/tests/scope_groups.rs)
  for (const root of ['B1', 'B3', 'Z']) {
    const inside = new Set(sample.scope(root).orgs().map((o) => o.id));
    const cut = sample.scope(root).score(rules, '2026-10');
    const want = full.subject.map((s, i) => i).filter((i) => inside.has(full.org[i]));
    assert.deepEqual(cut.subject, want.map((i) => full.subject[i]), root);
    assert.deepEqual(cut.total, want.map((i) => full.total[i]));
    assert.deepEqual(cut.rank_in_org, want.map((i) => full.rank_in_org[i]));
    // 1 + how many kept rows have a higher total (totals are exact decimal strings).
    const higher = (t) => cut.total.filter((o) => Number(o) > Number(t)).length;
    assert.deepEqual(cut.rank_overall, cut.total.map((t) => 1 + higher(t)));
    assert.equal(JSON.stringify(cut).includes('diagnostics'), false);
  }
  assert.throws(() => sample.scope('B1').score(rules, '2026-13'), { code: 'bad_period' });
});

test('members: toString and JSON never show full ID numbers, phones or names', () => {
  const c = pkg.Community.sampleSmall();
  c.addMembers([{ id: 'M9', name: '周小梅', gender: 'female', birth_date: '1949-12-31', id_number: '11010519491231002X', phone: '13812345678' }]);
  const m = c.member('M9');
  for (const text of [String(m), `${m}`, m.toString(), JSON.stringify(m), JSON.stringify(m.toJSON())]) {
    assert.ok(!text.includes('11010519491231002X'), text);
    assert.ok(!text.includes('13812345678'), text);
    assert.ok(!text.includes('周小梅'), text);
    assert.ok(text.includes('M9'), text);
  }
  assert.deepEqual(m.toJSON(), { id: 'M9', name: '周**', id_number: m.maskedIdNumber, phone: m.maskedPhone });
  assert.equal(m.maskedName, '周**');
  assert.ok(m.maskedIdNumber.includes('*') && m.maskedPhone.includes('*'));
  assert.throws(() => c.member('NOPE'), { code: 'unknown_member' });
  assert.ok(!String(c).includes('周'));
  // The scoped roster masks them too.
  c.apply([{ member: 'M9', date: '2024-05-01', type: 'transferred_in', branch: 'B2', status: 'full' }]);
  const r = JSON.stringify(c.scope('Z').roster('2024-06-01', { showNames: true }));
  assert.ok(!r.includes('11010519491231002X') && !r.includes('13812345678'));
});

test('roster CSV in GB18030 (decoded by the host TextDecoder) and UTF-16 import like their UTF-8 twin', () => {
  // tests/bad-inputs' GB18030 roster with its bad date (1990-02-30) made valid (1990-02-28).
  const gb = readFileSync(new URL('tests/bad-inputs/roster-csv/035-gb18030-bad-date.csv', ROOT));
  const at = gb.indexOf(Buffer.from('1990-02-30'));
  assert.ok(at > 0);
  gb[at + 8] = 0x32; // "30" -> "28"
  gb[at + 9] = 0x38;
  const text = new TextDecoder('gb18030').decode(gb);
  assert.ok(text.startsWith('姓名,性别,出生日期') && text.includes('赵六,女,1990-02-28'), text);
  const utf16le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...text].flatMap((ch) => {
    const cp = ch.codePointAt(0);
    return cp > 0xffff ? [0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff)] : [cp];
  })).buffer)]);
  const imported = (bytes) => {
    const c = pkg.Community.sample();
    assert.equal(c.importRosterCsv(bytes, AS_OF, 'R', undefined, 'transferred_in'), 1);
    return c.toJson();
  };
  const utf8 = imported(new TextEncoder().encode(text));
  assert.equal(imported(gb), utf8);
  assert.equal(imported(utf16le), utf8);
  // Not UTF-8 and malformed GB18030 (a lead byte at the end): the core's `unreadable` error.
  const broken = Buffer.concat([gb, Buffer.from([0x81])]);
  assert.throws(() => pkg.Community.sample().importRosterCsv(broken, AS_OF, 'R', undefined, 'transferred_in'), (e) => {
    assert.equal(e.code, 'unreadable');
    assert.match(e.message, /既不是 UTF-8 也不是 GB18030/);
    return true;
  });
});
