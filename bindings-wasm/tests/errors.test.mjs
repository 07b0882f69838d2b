// Every error path: a JS Error named DangjianError with the core's code and location
// details; never a panic (after each error the module still works).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { loadPkg } from './load-pkg.mjs';

const pkg = await loadPkg();
const sample = pkg.Community.sample();
const rules = pkg.builtinRuleSet('member-default');

/** Runs fn, expects a DangjianError with `code`, returns it. */
function fails(fn, code) {
  let err;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof Error, `expected an Error with code ${code}, got ${err}`);
  assert.equal(err.name, 'DangjianError');
  assert.equal(err.code, code, err.message);
  assert.equal(typeof err.details, 'object');
  // The module is still alive (a panic would have aborted it).
  assert.equal(typeof pkg.version(), 'string');
  return err;
}

/** A tiny dataset: one branch, one member, with `activities`. */
function tiny(activities, extra = {}) {
  return {
    format: 'dangjian-dataset',
    version: 1,
    community: { name: '测试社区' },
    orgs: [{ id: 'B1', name: '第一党支部', kind: 'branch', founded: '2020-01-01' }],
    members: [{ id: 'M1', name: '张三', gender: 'male', birth_date: '1960-01-01' }],
    events: [{ member: 'M1', date: '2020-01-01', type: 'transferred_in', branch: 'B1', status: 'full' }],
    activities,
    ...extra,
  };
}
const act = (id, item, date = '2026-10-05', more = {}) => ({ id, subject: 'M1', item, date, ...more });

test('rule_set_parse: bad JSON, with line, column and path', () => {
  const e = fails(() => pkg.loadRuleSet('{\n  "id": "x",\n  "version": "one"\n}'), 'rule_set_parse');
  assert.equal(e.details.line, 3);
  assert.ok(e.details.path.includes('version'), e.details.path);
  fails(() => pkg.loadRuleSet('id = [', 'toml'), 'rule_set_parse');
  fails(() => sample.score('not json', '2026-10'), 'rule_set_parse');
});

test('rule_set_invalid and duplicate_item', () => {
  const bad = structuredClone(rules);
  bad.grades = [];
  fails(() => sample.score(bad, '2026-10'), 'rule_set_invalid');
  const dup = structuredClone(rules);
  dup.items.push(structuredClone(dup.items[0]));
  const e = fails(() => pkg.loadRuleSet(JSON.stringify(dup)), 'duplicate_item');
  assert.equal(e.details.item, dup.items[0].code);
  assert.equal(e.details.position, dup.items.length - 1);
});

test('bad_period and wrong_period', () => {
  assert.equal(fails(() => sample.score(rules, '2026-13'), 'bad_period').details.period, '2026-13');
  fails(() => sample.score(rules, '2026-Q4'), 'wrong_period');
});

test('dataset errors: json (with line), unsupported_format, registry rules', () => {
  const e = fails(() => pkg.Community.fromJson('{"format": "dangjian-dataset",\n "version": 1,\n "orgs": 5}'), 'json');
  assert.equal(e.details.line, 3);
  assert.equal(e.details.path, 'orgs');
  fails(() => pkg.Community.fromJson({ format: 'other', version: 1, orgs: [] }), 'unsupported_format');
  const two = tiny([]);
  two.members.push({ ...two.members[0] });
  const d = fails(() => pkg.Community.fromJson(two), 'duplicate_member');
  assert.equal(d.details.member, 'M1');
  assert.equal(d.details.position, 1);
  const orphan = tiny([]);
  orphan.orgs.push({ id: 'G1', name: '小组', kind: 'group', parent: 'NOPE', founded: '2020-01-01' });
  assert.equal(fails(() => pkg.Community.fromJson(orphan), 'org').details.org_rule, 'unknown_parent');
});

test('activity errors carry the activity id and position', () => {
  const cases = [
    [[act('a1', 'meeting'), act('a1', 'study')], 'duplicate_activity', 1],
    [[act('a1', 'meeting'), { ...act('a2', 'meeting'), subject: 'NOBODY' }], 'unknown_subject', 1],
    [[act('a1', 'no_such_item')], 'unknown_item', 0],
    [[act('a1', 'meeting', '2019-10-05')], 'not_a_subject', 0],
    [[act('a1', 'report_in')], 'ineligible', 0],
    [[act('a1', 'service_hour', '2026-10-05', { quantity: -1 })], 'bad_quantity', 0],
    [[act('a1', 'meeting'), act('a2', 'meeting', '2026-10-06', { reverses: 'zzz' })], 'bad_reversal', 1],
  ];
  for (const [acts, code, position] of cases) {
    const c = pkg.Community.fromJson(tiny(acts));
    const period = acts[0].date.startsWith('2019') ? '2019-10' : '2026-10';
    const e = fails(() => c.score(rules, period), code);
    assert.equal(e.details.position, position, code);
    assert.equal(e.details.activity, acts[position].id, code);
    // Lenient mode reports the same error as a diagnostic instead (duplicates fail in both modes).
    if (code !== 'duplicate_activity') {
      const s = c.score(rules, period, { mode: 'lenient' });
      assert.equal(s.diagnostics[0].code, code);
      assert.equal(s.diagnostics[0].position, position);
    }
  }
});

test('not_scored, incomparable, bad_argument', () => {
  fails(() => sample.explain(rules, '2026-10', 'NOBODY'), 'not_scored');
  const org = pkg.builtinRuleSet('org-default');
  fails(() => sample.whatIf(rules, org, '2026-10'), 'incomparable');
  const a = sample.score(rules, '2026-10').table;
  const b = sample.score(rules, '2026-09').table;
  fails(() => pkg.compareTables(a, b), 'incomparable');
  fails(() => pkg.compareTables(a, '{"x": 1}'), 'json');
  fails(() => pkg.builtinRuleSet('nope'), 'bad_argument');
  fails(() => sample.score(rules, '2026-10', { mode: 'sloppy' }), 'bad_argument');
  fails(() => pkg.loadRuleSet('{}', 'yaml'), 'bad_argument');
  fails(() => sample.memberCounts('31/10/2026'), 'bad_argument');
});

test('error messages never contain member names', () => {
  const two = tiny([]);
  two.members.push({ ...two.members[0] });
  const e = fails(() => pkg.Community.fromJson(two), 'duplicate_member');
  assert.ok(!e.message.includes('张三'));
  assert.ok(!JSON.stringify(e.details).includes('张三'));
});

// The hostile-input corpus of the core (tests/bad-inputs/manifest.json): every dataset case
// gives the same error code as in Rust, and a message with the same "where" and "why".
test('tests/bad-inputs: dataset JSON and binary cases replayed through the wasm API', async () => {
  const { readFileSync } = await import('node:fs');
  const dir = new URL('../../tests/bad-inputs/', import.meta.url);
  const manifest = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8'));
  const entries = { dataset_json: pkg.Community.fromJsonBytes, dataset_binary: pkg.Community.fromBinary };
  let replayed = 0;
  for (const c of manifest.cases) {
    const entry = entries[c.entry];
    if (!entry) continue; // roster import and registry batches are not in the wasm API
    const bytes = readFileSync(new URL(c.file, dir));
    const e = fails(() => entry(bytes), c.code);
    for (const s of [...c.where, ...c.why]) assert.ok(e.message.includes(s), `${c.file}: ${JSON.stringify(s)} not in ${e.message}`);
    replayed += 1;
  }
  assert.ok(replayed > 100, `only ${replayed} cases`);
});
