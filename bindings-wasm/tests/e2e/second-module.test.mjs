// The workbench and the package's second module (`loadReportModule`: the agenda, the year's
// tables, the practices, the assessment, the sample community, the roster import's reader): her
// own data comes back from IndexedDB and the board is drawn from the main module alone; the
// panels say 加载中… until the second module has arrived (held back here by a slow network),
// then show the core's tables.
//
// Run with: node --test tests/e2e/  (after build.sh)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { serveStatic } from './static-server.mjs';
import { loadPkg } from '../load-pkg.mjs';

const WASM_DIR = fileURLToPath(new URL('../../', import.meta.url)); // bindings-wasm/
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PANELS = ['agenda', 'appraisal', 'letters', 'register', 'practices', 'assess-quarters', 'assess-deductions'];

let server;
let tmp;
let context;

before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} not found (run scripts/install-deps.sh browser)`);
  tmp = mkdtempSync(join(tmpdir(), 'dangjian-second-'));
  server = await serveStatic(WASM_DIR);
});

after(async () => {
  await context?.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

test('her data: the board from the main module, the panels 加载中… until the second module is there', async () => {
  // no service worker: every request goes to the (routed) network
  context = await chromium.launchPersistentContext(join(tmp, 'profile'), {
    executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width: 1366, height: 768 }, locale: 'zh-CN',
    serviceWorkers: 'block',
  });
  const page = context.pages()[0] ?? await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  await page.goto(new URL('demo/', server.url).href);
  await page.waitForSelector('#board[data-ready="true"]', { timeout: 60_000 });

  // her own data file (the sample's dataset), kept in IndexedDB
  const pkg = await loadPkg();
  const file = join(tmp, 'mine.json');
  writeFileSync(file, pkg.sampleDatasetJson());
  await page.setInputFiles('#open-file', file);
  await page.waitForSelector('#saved[data-state="saved"]');

  // reload with the second module held back until the board is drawn
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  let asked = 0;
  await context.route('**/dangjian_wasm_report_bg.wasm', async (route) => {
    asked += 1;
    await held;
    await route.continue();
  });
  await page.reload();
  await page.waitForSelector('#board[data-ready="true"]', { timeout: 60_000 });
  assert.equal(await page.getAttribute('#community', 'data-source'), 'mine');
  await page.waitForFunction(() => document.getElementById('agenda').textContent.includes('加载中…'), null, { timeout: 30_000 });
  for (const id of PANELS) {
    assert.match(await page.textContent(`#${id}`), /加载中…/, id);
    assert.equal(await page.getAttribute(`#${id}`, 'data-ready'), 'false', id);
  }
  assert.equal(asked, 1, 'the second module is asked for once, by the panels');
  release();
  await page.waitForFunction((ids) => ids.every((id) => document.getElementById(id).dataset.ready === 'true'), PANELS, { timeout: 60_000 });
  const sample = pkg.Community.sample();
  assert.equal(await page.$$eval('#agenda tbody tr', (trs) => trs.length), sample.agenda('2026-10-31', 30).rows);
  assert.equal(await page.$$eval('#letters tbody tr', (trs) => trs.length), sample.letters('2026-10-31').rows);
  assert.equal(await page.isVisible('#agenda-msg'), false);
  assert.deepEqual(errors, []);
});
