// The package's second module (`loadReportModule`): the outputs it builds throw `bad_argument`
// naming `loadReportModule` until it is loaded and work synchronously after; the community
// crosses once per version (a change of the community is seen at once; a scope keeps the state
// it was made from); errors cross as the one DangjianError.
//
// This file loads the main module alone (not through load-pkg.mjs, which loads both).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const pkgUrl = new URL('../pkg/', import.meta.url);
const pkg = await import(new URL('dangjian_wasm.js', pkgUrl).href);
pkg.initSync({ module: readFileSync(new URL('dangjian_wasm_bg.wasm', pkgUrl)) });
const reportBytes = () => readFileSync(new URL('dangjian_wasm_report_bg.wasm', pkgUrl));

const notLoaded = (e) => {
  assert.ok(e instanceof pkg.DangjianError, String(e));
  assert.equal(e.code, 'bad_argument');
  assert.equal(e.details.argument, 'loadReportModule');
  return true;
};

test('before loadReportModule: every output of the second module says to load it', () => {
  // the small fixture is built by the main module itself
  const c = pkg.Community.sampleSmall();
  assert.equal(pkg.reportModuleLoaded(), false);
  const calls = {
    monthlyReport: () => c.monthlyReport(2026, 10),
    agenda: () => c.agenda('2026-10-31', 30),
    practices: () => c.practices('grids', '2026-10-01', '2026-10-31'),
    assessment: () => c.assessment(2026, '2026-10-31'),
    appraisalStats: () => c.appraisalStats(2025),
    letters: () => c.letters('2026-10-31'),
    changeRegister: () => c.changeRegister('2026-01-01', '2026-10-31'),
    elections: () => c.elections(),
    'Scope.elections': () => c.scope('B1').elections(),
    rules: () => pkg.rules(),
    'Community.sample': () => pkg.Community.sample(),
    sampleDatasetJson: () => pkg.sampleDatasetJson(),
    goldenSample: () => pkg.goldenSample(),
    importRosterCsv: () => c.importRosterCsv(new TextEncoder().encode('编号,姓名\n'), '2026-10-31'),
  };
  for (const [name, f] of Object.entries(calls)) assert.throws(f, notLoaded, name);
});

test('loaded: the outputs work, and follow every change of the community', async () => {
  await pkg.loadReportModule(reportBytes());
  await pkg.loadReportModule(); // loaded: resolves at once
  assert.equal(pkg.reportModuleLoaded(), true);
  assert.ok(pkg.rules().rows > 50);

  const c = pkg.Community.sample();
  const rules = pkg.builtinRuleSet('member-default');
  const before = c.monthlyReport(2026, 10);
  const scope = c.scope(before.orgs.find((o) => o.org !== before.orgs[0].org)?.org ?? before.orgs[0].org);
  const scopeElections = scope.elections();
  const agenda = c.agenda('2026-10-31', 30);
  // asked again: the same answer (the report module holds this community now)
  assert.deepEqual(c.monthlyReport(2026, 10), before);
  assert.deepEqual(c.agenda('2026-10-31', 30), agenda);

  // a change: the full member whose last activity is the earliest dies in October, after it
  const lastActivity = new Map();
  for (const a of JSON.parse(c.toJson()).activities) if (a.date > (lastActivity.get(a.subject) ?? '')) lastActivity.set(a.subject, a.date);
  const roster = c.scope(before.orgs[0].org).roster('2026-10-31');
  const full = roster.id.filter((id, i) => roster.stage[i] === 'full');
  const who = full.reduce((a, b) => ((lastActivity.get(a) ?? '') <= (lastActivity.get(b) ?? '') ? a : b));
  assert.ok((lastActivity.get(who) ?? '') < '2026-10-30');
  c.apply([{ member: who, date: '2026-10-30', type: 'died' }]);
  const after = c.monthlyReport(2026, 10);
  assert.equal(after.orgs[0].members, before.orgs[0].members - 1, 'the report sees the change');
  const fresh = pkg.Community.fromJson(c.toJson());
  assert.deepEqual(after, fresh.monthlyReport(2026, 10));
  assert.deepEqual(c.agenda('2026-10-31', 30), fresh.agenda('2026-10-31', 30));
  assert.deepEqual(c.changeRegister('2026-01-01', '2026-10-31'), fresh.changeRegister('2026-01-01', '2026-10-31'));
  assert.equal(c.scoreTableJson(rules, '2026-10', { mode: 'lenient' }), fresh.scoreTableJson(rules, '2026-10', { mode: 'lenient' }));

  // a scope made before the change keeps the community it was made from
  assert.deepEqual(scope.elections(), scopeElections);
  // and the community its own (the communities in turn: each crosses again, same answers)
  assert.deepEqual(c.monthlyReport(2026, 10), after);
  assert.deepEqual(fresh.monthlyReport(2026, 10), after);
  for (const x of [c, fresh, scope]) x.free();
});

test('the sample community comes from the second module, equal to its dataset JSON', async () => {
  await pkg.loadReportModule(reportBytes());
  const c = pkg.Community.sample();
  const text = pkg.sampleDatasetJson();
  assert.equal(c.toJson(), pkg.Community.fromJson(text).toJson());
  assert.equal(c.memberCount, 172);
  assert.deepEqual(c.agenda('2026-10-31', 30), pkg.Community.fromJson(text).agenda('2026-10-31', 30));
  c.free();
});

test('errors: arguments checked by the main module, the core\'s errors from the second', async () => {
  await pkg.loadReportModule(reportBytes());
  const c = pkg.Community.sample();
  const code = (f, want, argument) => assert.throws(f, (e) => {
    assert.ok(e instanceof pkg.DangjianError, String(e));
    assert.equal(e.code, want);
    if (argument) assert.equal(e.details.argument, argument);
    return true;
  });
  code(() => c.agenda('2026-02-30', 30), 'bad_argument', 'asOf');
  code(() => c.practices('nope', '2026-10-01', '2026-10-31'), 'bad_argument', 'kind');
  code(() => c.letters('2026-10-31', { names: 'all' }), 'bad_argument', 'options.names');
  code(() => c.changeRegister('2026-01-01', '2026-10-31', { minCount: -1 }), 'bad_argument', 'options.minCount');
  code(() => c.monthlyReport(2026, 13), 'bad_month');
  code(() => c.scope('nope').elections(), 'scope_org_not_found');
  // the privacy options reach the second module
  const masked = c.letters('2026-10-31');
  const dropped = c.letters('2026-10-31', { names: 'drop' });
  assert.ok(masked.columns.some((col) => col.role === 'person_name'));
  assert.ok(!dropped.columns.some((col) => col.role === 'person_name'));
  c.free();
});
