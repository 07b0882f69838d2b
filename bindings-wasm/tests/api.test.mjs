// The wasm API under node: golden equality with the core, scoring, explanations, what-if,
// the report and member counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { hasToml, loadPkg } from './load-pkg.mjs';

const ROOT = new URL('../../', import.meta.url);
const GOLDEN = readFileSync(new URL('tests/golden/sample-scores-2026-10.json', ROOT), 'utf8');
const rulesetText = (name) => readFileSync(new URL(`core/rulesets/${name}`, ROOT), 'utf8');

const pkg = await loadPkg();
const sample = pkg.Community.sample();

test('goldenSample() is byte-identical to tests/golden/sample-scores-2026-10.json', () => {
  assert.equal(pkg.goldenSample(), GOLDEN);
});

test('scoring the sample through the API gives the golden bytes (rule set as object, text and file)', () => {
  assert.equal(sample.scoreTableJson(pkg.builtinRuleSet('member-default'), '2026-10'), GOLDEN);
  assert.equal(sample.scoreTableJson(rulesetText('member-default.json'), '2026-10'), GOLDEN);
  const fromFile = pkg.loadRuleSet(rulesetText('member-default.json'));
  assert.equal(sample.scoreTableJson(fromFile, '2026-10'), GOLDEN);
  if (hasToml(pkg)) {
    const fromToml = pkg.loadRuleSet(rulesetText('member-default.toml'), 'toml');
    assert.equal(sample.scoreTableJson(fromToml, '2026-10'), GOLDEN);
  }
});

test('loadRuleSet(text, "toml") without the crate feature `toml` is a bad_argument error', { skip: hasToml(pkg) && 'built with `toml`' }, () => {
  for (const text of [rulesetText('member-default.toml'), new TextEncoder().encode('id = "x"')]) {
    assert.throws(() => pkg.loadRuleSet(text, 'toml'), (e) => {
      assert.ok(e instanceof Error);
      assert.equal(e.code, 'bad_argument');
      assert.equal(e.details.argument, 'format');
      assert.match(e.message, /未启用 crate 特性 `toml`/);
      return true;
    });
  }
});

test('the sample dataset survives a JSON round trip through the API', () => {
  const text = pkg.sampleDatasetJson();
  const again = pkg.Community.fromJson(text);
  assert.equal(again.name, '翔凤社区');
  assert.equal(again.memberCount, sample.memberCount);
  assert.equal(again.scoreTableJson(pkg.builtinRuleSet('member-default'), '2026-10'), GOLDEN);
  // A parsed object works as well as text.
  const obj = pkg.Community.fromJson(JSON.parse(text));
  assert.equal(obj.toJson(), again.toJson());
});

test('score() returns the golden table as an object', () => {
  const scored = sample.score(pkg.builtinRuleSet('member-default'), '2026-10');
  assert.deepEqual(scored.table, JSON.parse(GOLDEN));
  assert.equal(scored.table.subject.length, 158);
  assert.deepEqual(scored.diagnostics, []);
});

test('explain() adds up to the table total for every member of one branch', () => {
  const rules = pkg.builtinRuleSet('member-default');
  const t = JSON.parse(GOLDEN);
  let checked = 0;
  t.subject.forEach((s, r) => {
    if (t.org[r] !== 'B1') return;
    const e = sample.explain(rules, '2026-10', s);
    assert.equal(e.subject, s);
    assert.equal(e.total, t.total[r]);
    assert.equal(e.rank_in_org, t.rank_in_org[r]);
    // Thousandths are exact: sum as integers.
    const milli = (v) => Math.round(Number(v) * 1000);
    const itemSum = e.items.counted.reduce((a, v) => a + milli(v), 0);
    const eventSum = e.events.counted.reduce((a, v) => a + milli(v), 0);
    assert.equal(eventSum, itemSum, `${s}: events add up to items`);
    checked += 1;
  });
  assert.ok(checked > 10);
});

test('whatIf() compares two rule sets, compareTables() two tables', () => {
  const a = pkg.builtinRuleSet('member-default');
  const b = pkg.builtinRuleSet('member-strict');
  const w = sample.whatIf(a, b, '2026-10');
  assert.equal(w.subject.length, 158);
  assert.ok(w.spearman.den > 0);
  const w2 = pkg.compareTables(sample.score(a, '2026-10').table, sample.scoreTableJson(b, '2026-10'));
  assert.deepEqual(w2, w);
  // Same rule set twice: nothing moves.
  const same = sample.whatIf(a, a, '2026-10');
  assert.equal(same.grade_changes, 0);
  assert.equal(same.rank_changes, 0);
});

test('a lowered threshold moves grades (what-if on an edited rule set)', () => {
  const a = pkg.builtinRuleSet('member-default');
  const b = structuredClone(a);
  b.grades[0].min = 80;
  b.id = 'member-edited';
  const w = sample.whatIf(a, b, '2026-10');
  assert.ok(w.grade_changes > 0);
});

test('report() and reportText() for the branch secretary', () => {
  const rules = pkg.builtinRuleSet('member-default');
  const r = sample.report(rules, '2026-10');
  assert.equal(r.community, '翔凤社区');
  assert.equal(r.names.length, 158);
  assert.ok(r.names.every((n) => n.endsWith('*')), 'names are masked');
  const text = sample.reportText(rules, '2026-10');
  assert.ok(text.includes('第一党支部'));
});

test('memberCounts() counts 158 members on 2026-10-31 (the core counts table)', () => {
  const t = sample.memberCounts('2026-10-31');
  const col = (name) => t.columns.find((c) => c.name === name).values.values;
  assert.equal(t.name, 'counts');
  const root = col('parent').indexOf('');
  assert.equal(col('members')[root], 158);
  assert.equal(col('members').length, t.rows);
  assert.equal(sample.headcountOn('2026-10-31'), 158);
  const direct = sample.memberCounts('2026-10-31', { rollup: 'direct' });
  const own = direct.columns.find((c) => c.name === 'members').values.values;
  assert.equal(own.reduce((a, b) => a + b, 0), 158);
  assert.throws(() => sample.memberCounts('2026-10-31', { rollup: 'up' }), { code: 'bad_argument' });
});
