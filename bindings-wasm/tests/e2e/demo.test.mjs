// Browser end-to-end test: serve bindings-wasm/ on 127.0.0.1, open demo/ in Debian's headless
// Chromium (driven by playwright-core; no browser download) and click through the flows:
// leaderboard per branch (numbers compared with the core's golden file), a member's
// explanation, a what-if on a threshold and a cap, the distribution chart, loading a dropped
// JSON file; then save the screenshot docs/images/demo.png and time scoring in the browser.
//
// Run with: node --test tests/e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { serveStatic } from './static-server.mjs';
import { loadPkg } from '../load-pkg.mjs';

const WASM_DIR = fileURLToPath(new URL('../../', import.meta.url)); // bindings-wasm/
const ROOT = join(WASM_DIR, '..');
const SCREENSHOT = join(ROOT, 'docs', 'images', 'demo.png');
const GOLDEN = JSON.parse(readFileSync(join(ROOT, 'tests/golden/sample-scores-2026-10.json'), 'utf8'));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TIMINGS = join(WASM_DIR, 'bench', 'browser-timings.json');

// Flags for a root user on a machine with a closed network: no sandbox (root),
// no GPU, and no background connections to Google services.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let server;
let context;
let profileDir;
let page;
const errors = [];
const requests = [];

before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} not found (run scripts/install-deps.sh browser)`);
  server = await serveStatic(WASM_DIR);
  profileDir = mkdtempSync(join(tmpdir(), 'dangjian-chromium-'));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
  });
  page = await context.newPage();
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`${msg.text()} (${msg.location().url})`);
  });
  page.on('request', (r) => requests.push(r.url()));
  const wasmResponse = page.waitForResponse((r) => r.url().endsWith('.wasm'));
  await page.goto(new URL('demo/', server.url).href);
  const wasm = await wasmResponse;
  assert.equal(wasm.status(), 200);
  assert.equal(wasm.headers()['content-type'], 'application/wasm');
  await page.waitForSelector('#board[data-ready="true"]', { timeout: 30_000 });
});

after(async () => {
  await context?.close();
  await server?.close();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
});

/** The leaderboard rows as shown: subject → { total, rank, grade, stars }. */
async function board() {
  return page.$$eval('#board tr.member', (trs) =>
    Object.fromEntries(trs.map((tr) => [tr.dataset.subject, {
      total: Number(tr.dataset.total), rank: Number(tr.dataset.rank), grade: tr.dataset.grade, stars: Number(tr.dataset.stars),
    }])));
}

test('the page shows the core version and loads only from localhost', async () => {
  const expected = (await loadPkg()).version();
  assert.equal((await page.textContent('#version'))?.trim(), expected);
  assert.ok(requests.every((u) => u.startsWith(server.url) || u.startsWith('data:')), requests.join('\n'));
});

test('leaderboard per branch matches the golden scores (total, grade, rank in branch, stars)', async () => {
  const shown = await board();
  assert.equal(Object.keys(shown).length, GOLDEN.subject.length);
  GOLDEN.subject.forEach((s, r) => {
    assert.deepEqual(shown[s], {
      total: GOLDEN.total[r],
      rank: GOLDEN.rank_in_org[r],
      grade: GOLDEN.grade_names[GOLDEN.grade[r]],
      stars: GOLDEN.stars[r],
    }, s);
  });
  const branches = await page.$$eval('#board .branch', (ds) => ds.map((d) => d.dataset.org));
  assert.deepEqual(branches, [...new Set(GOLDEN.org)].sort(new Intl.Collator('zh-CN', { numeric: true }).compare));
});

test('clicking a member explains every point', async () => {
  // The top member of the first branch.
  const r = GOLDEN.subject.findIndex((_, k) => GOLDEN.org[k] === 'B1' && GOLDEN.rank_in_org[k] === 1);
  const s = GOLDEN.subject[r];
  await page.click(`#board tr[data-subject="${s}"]`);
  await page.waitForSelector(`#explain[data-subject="${s}"]`);
  assert.equal(Number(await page.getAttribute('#explain .total', 'data-total')), GOLDEN.total[r]);
  const counted = await page.$$eval('#events tbody tr', (trs) => trs.map((tr) => Number(tr.dataset.counted)));
  assert.ok(counted.length > 0);
  // Base 60 plus every counted point (before the reward category cap, which the sample does
  // not reach for this member) gives the total; thousandths are exact.
  const sum = counted.reduce((a, v) => a + Math.round(v * 1000), 0);
  const base = 60_000;
  assert.ok(base + sum >= GOLDEN.total[r] * 1000, `${base + sum} vs ${GOLDEN.total[r]}`);
});

test('what-if: a lower top threshold and a higher cap move grades and ranks', async () => {
  const pkg = await loadPkg();
  const sample = pkg.Community.sample();
  const base = pkg.builtinRuleSet('member-default');
  const edited = structuredClone(base);
  edited.id = `${edited.id}-whatif`;
  edited.grades[0].min = 80;
  const item = edited.items.find((i) => i.code === 'service_hour');
  item.cap.points = 20;
  const expected = sample.whatIf(base, edited, '2026-10', { mode: 'lenient' });

  await page.fill('#th-top', '80');
  await page.selectOption('#cap-item', 'service_hour');
  await page.fill('#cap-points', '20');
  await page.click('#whatif-run');
  await page.waitForSelector('#whatif-stat');
  assert.equal(Number(await page.getAttribute('#whatif-stat', 'data-grade-changes')), expected.grade_changes);
  assert.equal(Number(await page.getAttribute('#whatif-stat', 'data-rank-changes')), expected.rank_changes);
  assert.ok(expected.grade_changes > 0);
  const shown = await board();
  expected.subject.forEach((s, r) => {
    assert.equal(shown[s].rank, expected.rank_in_org_b[r], s);
    assert.equal(shown[s].grade, expected.grade_b[r], s);
    assert.equal(shown[s].total, expected.total_b[r], s);
  });
  const arrows = await page.$$eval('#board td.move-up, #board td.move-down', (tds) => tds.length);
  assert.ok(arrows > 0, 'rank movements are shown');
});

test('the distribution chart counts every member', async () => {
  const counts = await page.$$eval('#chart rect.bar', (rs) => rs.map((r) => Number(r.dataset.count)));
  assert.equal(counts.reduce((a, b) => a + b, 0), GOLDEN.subject.length);
  await page.screenshot({ path: SCREENSHOT, fullPage: false });
  assert.ok(existsSync(SCREENSHOT));
});

test('the statistics card shows the core membership table (158 members on 2026-10-31)', async () => {
  await page.waitForSelector('#stats[data-ready="true"]');
  const pkg = await loadPkg();
  const t = pkg.Community.sample().statsMembership('2026-10-31');
  const orgs = t.columns.find((c) => c.name === 'org').values.values;
  const heads = t.columns.find((c) => c.name === 'headcount').values.values;
  const shown = await page.$$eval('#stats tbody tr', (trs) =>
    trs.map((tr) => [tr.dataset.org, Number(tr.querySelector('td[data-col="headcount"]').textContent)]));
  assert.ok(shown.length >= 5, JSON.stringify(shown));
  for (const [org, n] of shown) assert.equal(n, heads[orgs.indexOf(org)], org);
  assert.deepEqual(shown[0], ['Z', 158]);
  assert.deepEqual(await page.$$eval('#stats th', (ths) => ths.slice(1, 3).map((th) => th.textContent)), ['党员总数', '正式党员']);
  const ages = await page.$$eval('#age-chart rect.bar', (rs) => rs.map((r) => Number(r.dataset.count)));
  assert.equal(ages.reduce((a, b) => a + b, 0), 158);
  await page.locator('#stats-card').screenshot({ path: join(ROOT, 'docs', 'images', 'demo-stats.png') });
});

test('restoring the rules and loading a JSON file (the sample, exported) gives the golden board again', async () => {
  await page.click('#whatif-reset');
  const pkg = await loadPkg();
  const dir = mkdtempSync(join(tmpdir(), 'dangjian-ds-'));
  const file = join(dir, 'community.json');
  writeFileSync(file, pkg.sampleDatasetJson());
  await page.setInputFiles('#open-file', file);
  await page.waitForFunction(() => document.getElementById('community').dataset.source === 'mine');
  await page.waitForSelector('#board[data-ready="true"]');
  const shown = await board();
  GOLDEN.subject.forEach((s, r) => assert.equal(shown[s].total, GOLDEN.total[r], s));
  // A broken file shows the error with its code, and the page keeps working.
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, '{"format": "dangjian-dataset", "version": 1, "orgs": 5}');
  await page.setInputFiles('#open-file', broken);
  // the box already shows 已打开数据文件…: wait for the error itself
  await page.waitForSelector('#io-msg[data-kind="error"]');
  assert.equal(await page.getAttribute('#io-msg', 'data-code'), 'json');
  assert.match(await page.textContent('#io-msg'), /数据文件/);
  rmSync(dir, { recursive: true, force: true });
});

test('timing: scoring in the browser (sample year, 100,000 events)', async () => {
  const t = await page.evaluate(async () => {
    const { benchmark } = await import('../bench/workloads.mjs');
    const pkg = await import('../pkg/dangjian_wasm.js');
    await pkg.default(); // the page's own engine runs in a Web Worker: instantiate here too
    await pkg.loadReportModule(); // the sample community comes from the second module
    return benchmark(pkg, performance.now.bind(performance));
  });
  writeFileSync(TIMINGS, JSON.stringify({ chromium: (await context.browser()?.version()) ?? 'chromium', ...t }, null, 2) + '\n');
  assert.ok(t.sampleYear.ms > 0 && t.events100k.ms > 0);
});

test('no errors in the console', () => {
  assert.deepEqual(errors, []);
});
