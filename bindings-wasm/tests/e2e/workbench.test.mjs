// The secretary's path through the workbench in Debian's headless Chromium (playwright-core),
// on a laptop (1366×768) and a phone (390×844): a messy Excel roster becomes her community, she
// enters a month's records (form and sheet, through the core's record APIs; a bad record refused
// with the core's Chinese message next to the control),
// saves the data file, reloads (IndexedDB keeps her work), reopens the file, scores, explains,
// tries a what-if, exports the 通报 and the CSVs, prints every member to PDF; the phone layout
// never scrolls sideways; the single-file edition works from file://; the page works offline.
//
// Run with: node --test tests/e2e/  (after build.sh)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

import { serveStatic } from './static-server.mjs';
import { loadPkg } from '../load-pkg.mjs';

const WASM_DIR = fileURLToPath(new URL('../../', import.meta.url)); // bindings-wasm/
const ROOT = join(WASM_DIR, '..');
const IMAGES = join(ROOT, 'docs', 'images');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const MESSY_XLSX = join(ROOT, 'tests', 'rosters', '花名册-杂乱.xlsx');
const GB_CSV = join(ROOT, 'tests', 'rosters', '花名册-gb18030.csv');

let server;
let tmp;
const contexts = [];

async function open(viewport, { url, offline = false } = {}) {
  const dir = mkdtempSync(join(tmp, 'profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, args: ARGS, headless: true, viewport, locale: 'zh-CN', acceptDownloads: true,
    isMobile: viewport.width < 500, hasTouch: viewport.width < 500, offline,
  });
  contexts.push(context);
  const page = context.pages()[0] ?? await context.newPage();
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(String(err)));
  page.on('console', (msg) => { if (msg.type() === 'error') page.errors.push(msg.text()); });
  page.on('dialog', (d) => d.accept());
  await page.goto(url ?? new URL('demo/', server.url).href);
  await page.waitForSelector('#board[data-ready="true"]', { timeout: 60_000 });
  return { context, page };
}

async function download(page, click) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(click)]);
  return { name: d.suggestedFilename(), text: readFileSync(await d.path(), 'utf8') };
}

const boardTotals = (page) => page.$$eval('#board tr.member', (trs) => Object.fromEntries(trs.map((tr) => [tr.dataset.subject, Number(tr.dataset.total)])));
const ready = (page) => page.waitForSelector('#board[data-ready="true"]');

before(() => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} not found (run scripts/install-deps.sh browser)`);
  tmp = mkdtempSync(join(tmpdir(), 'dangjian-wb-'));
  return serveStatic(WASM_DIR).then((s) => { server = s; });
});

after(async () => {
  for (const c of contexts) await c.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

test('laptop 1366×768: roster → month → save → reload → reopen → score → explain → what-if → export → print', async (t) => {
  const { page } = await open({ width: 1366, height: 768 });
  assert.equal(await page.getAttribute('#community', 'data-source'), 'sample');

  await t.test('a messy Excel roster becomes her community (branches from 所在支部)', async () => {
    await page.setInputFiles('#roster-file', MESSY_XLSX);
    await page.waitForSelector('#import-roster:not([hidden])');
    assert.match(await page.textContent('#roster-summary'), /3 个支部/);
    await page.selectOption('#roster-mode', 'new');
    await page.fill('#roster-name', '测试社区');
    await page.fill('#roster-asof', '2026/10/01');
    await page.click('#roster-go');
    assert.match(await page.textContent('#roster-msg'), /登记日期：日期 2026\/10\/01 应写成 2026-10-01/);
    await page.fill('#roster-asof', '2026-10-01');
    await page.click('#roster-go');
    await page.waitForSelector('#roster-msg[data-kind="ok"]');
    await ready(page);
    // The same three members and three branches as `dangjian init --roster 花名册-杂乱.xlsx`.
    assert.match(await page.textContent('#community'), /测试社区（名册 3 人/);
    assert.equal(await page.getAttribute('#community', 'data-source'), 'mine');
    assert.deepEqual(await page.$$eval('#board .branch', (ds) => ds.map((d) => d.dataset.org)), ['B1', 'B2', 'B3']);
    assert.equal(await page.getAttribute('#saved', 'data-state'), 'unsaved');
  });

  await t.test('a GB18030 CSV roster is added to the same community', async () => {
    await page.setInputFiles('#roster-file', GB_CSV);
    await page.waitForSelector('#import-roster:not([hidden])');
    await page.selectOption('#roster-mode', 'add');
    await page.click('#roster-go');
    await page.waitForSelector('#roster-msg:not([hidden])');
    // Either all rows are in, or every bad cell is listed in Chinese (nothing half-imported).
    const msg = await page.textContent('#roster-msg');
    const kind = await page.getAttribute('#roster-msg', 'data-kind');
    if (kind === 'ok') assert.match(msg, /已导入 \d+ 名党员/);
    else assert.match(msg, /第\d+行/);
    await page.click('#roster-close');
  });

  let members;
  await t.test('a month entered in the form; a bad date is refused next to the form', async () => {
    members = Object.keys(await boardTotals(page));
    const before = await boardTotals(page);
    await page.click('#entry-open');
    await page.selectOption('#entry-kind', 'activities');
    await page.fill('#entry-fields [name=subject]', members[0]);
    await page.selectOption('#entry-fields [name=item]', 'meeting');
    await page.fill('#entry-fields [name=date]', '2026/10/15');
    await page.click('#entry-add');
    await page.waitForSelector('#entry-msg:not([hidden])');
    // The core's message (Community.addActivities): the record by its position, nothing saved.
    assert.match(await page.textContent('#entry-msg'), /^第1条积分记录（A000001，meeting）日期 2026\/10\/15 应写成 2026-10-15。尚未保存任何记录。$/);
    assert.equal(await page.getAttribute('#entry-msg', 'data-code'), 'record_date');
    await page.fill('#entry-fields [name=date]', '2026-10-15');
    await page.click('#entry-add');
    await page.waitForSelector('#entry-msg[data-kind="ok"]');
    await ready(page);
    const after = await boardTotals(page);
    assert.ok(after[members[0]] > before[members[0]], `${after[members[0]]} > ${before[members[0]]}`);
    await page.click('#entry-close');
  });

  await t.test('a record sheet (CSV, the CLI template headers): all or nothing, the bad record named on its row', async () => {
    const sheet = join(tmp, '积分记录.csv');
    const rows = (date) => ['记录编号,对象编号,积分事项,日期,数量,冲销记录,备注', '说明：可空,党员编号,事项代码,2026-10-12,1,,',
      `,${members[1]},study,2026-10-08,1,,`, `,${members[1]},meeting,${date},1,,`, `,${members[2] ?? members[0]},service_hour,2026-10-20,2,,`].join('\n');
    writeFileSync(sheet, rows('2026/10/15'));
    const before = await page.evaluate(() => document.getElementById('community').textContent);
    await page.setInputFiles('#sheet-file', sheet);
    await page.waitForSelector('#io-msg[data-code="record_date"]');
    // The core's message for the second record of the batch, on the sheet's row 4.
    assert.match(await page.textContent('#io-msg'), /^积分记录\.csv 第4行：第2条积分记录（A000003，meeting）日期 2026\/10\/15 应写成 2026-10-15。尚未保存任何记录。$/);
    assert.equal(await page.evaluate(() => document.getElementById('community').textContent), before);
    writeFileSync(sheet, rows('2026-10-15'));
    await page.setInputFiles('#sheet-file', sheet);
    await page.waitForSelector('#io-msg[data-kind="ok"]');
    assert.match(await page.textContent('#io-msg'), /已添加 3 条积分记录/);
    await ready(page);
  });

  let saved;
  await t.test('保存数据文件, reload (IndexedDB keeps her work), 打开数据文件', async () => {
    const totals = await boardTotals(page);
    const file = await download(page, '#save-file');
    assert.match(file.name, /测试社区-党建数据-\d{4}-\d{2}-\d{2}\.json/);
    const ds = JSON.parse(file.text);
    assert.equal(ds.activities.length, 4);
    assert.equal(await page.getAttribute('#saved', 'data-state'), 'saved');
    assert.match(await page.textContent('#saved'), /数据文件保存于/);
    saved = join(tmp, file.name);
    writeFileSync(saved, file.text);

    await page.reload();
    await ready(page);
    assert.equal(await page.getAttribute('#community', 'data-source'), 'mine');
    assert.deepEqual(await boardTotals(page), totals);

    await page.click('#load-sample');
    await page.waitForFunction(() => document.getElementById('community').dataset.source === 'sample');
    await ready(page);
    await page.setInputFiles('#open-file', saved);
    await page.waitForFunction(() => document.getElementById('community').dataset.source === 'mine');
    await ready(page);
    assert.deepEqual(await boardTotals(page), totals);
  });

  await t.test('exports: 通报 (the core text), leaderboard CSV masked by default, full names when she says so', async () => {
    const report = await download(page, '#export-report');
    assert.match(report.name, /积分考核通报-2026-10\.txt/);
    assert.match(report.text, /测试社区 2026-10 积分考核通报/);
    const csv = await download(page, '#export-board');
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split(/\r\n/);
    assert.equal(lines[0], '支部编号,支部,支部名次,编号,姓名,总分,等次,星级,全社区名次');
    assert.equal(lines.length - 1, members.length);
    assert.ok(lines.slice(1).every((l) => /\*/.test(l.split(',')[4])), 'masked');
    await page.uncheck('#privacy-export');
    const full = await download(page, '#export-board');
    assert.ok(full.text.split(/\r\n/).slice(1, -1).every((l) => !/\*/.test(l.split(',')[4])), 'full names');
    await page.check('#privacy-export');
    const stats = await download(page, '#export-stats');
    assert.match(stats.text, /党员总数/);
    // Excel: a real .xlsx (read back by the page's own reader, as a roster would be).
    const [d] = await Promise.all([page.waitForEvent('download'), page.click('#export-board-xlsx')]);
    assert.match(d.suggestedFilename(), /积分排行-2026-10\.xlsx/);
    const bytes = [...readFileSync(await d.path())];
    const grid = await page.evaluate(async (b) => (await import('./sheets.js')).readXlsx(new Uint8Array(b)), bytes);
    assert.deepEqual(grid[0], lines[0].split(','));
    assert.equal(grid.length - 1, members.length);
    assert.equal(grid[1][3], lines[1].split(',')[3]);
  });

  await t.test('what-if: an invalid threshold leaves nothing stale and says why next to the form; a month change clears it', async () => {
    await page.click('#load-sample');
    await page.waitForFunction(() => document.getElementById('community').dataset.source === 'sample');
    await ready(page);
    // The sample is for looking: no record goes into it (her own work stays as it was kept).
    await page.click('#entry-open');
    await page.click('#entry-add');
    await page.waitForSelector('#entry-msg[data-code="sample"]');
    assert.match(await page.textContent('#entry-msg'), /示例不能录入/);
    await page.click('#entry-close');
    await page.fill('#th-top', '80');
    await page.click('#whatif-run');
    await page.waitForSelector('#whatif-stat');
    await ready(page);
    await page.fill('#th-top', '八十');
    await page.click('#whatif-run');
    await page.waitForSelector('#whatif-msg:not([hidden])');
    assert.match(await page.textContent('#whatif-msg'), /“优秀”分数线应是不小于 0 的整数/);
    assert.equal(await page.$('#whatif-stat'), null, 'the old result is gone');
    await page.fill('#th-top', '80');
    await page.click('#whatif-run');
    await page.waitForSelector('#whatif-stat');
    await page.selectOption('#period', '2026-09');
    await ready(page);
    assert.equal(await page.$('#whatif-stat'), null, 'a month change clears the what-if');
    assert.equal(await page.inputValue('#th-top'), '90');
  });

  await t.test('quarter and year periods, 只看本支部 through scope()', async () => {
    await page.selectOption('#period', '2026-Q4');
    await ready(page);
    assert.match(await page.textContent('#summary'), /^2026-Q4 · 参评 158 人/);
    await page.selectOption('#period', '2026');
    await ready(page);
    assert.match(await page.textContent('#summary'), /^2026 · 参评/);
    await page.selectOption('#period', '2026-10');
    await page.selectOption('#scope', 'B1');
    await ready(page);
    assert.deepEqual(await page.$$eval('#board .branch', (ds) => ds.map((d) => d.dataset.org)), ['B1']);
    const pkg = await loadPkg();
    const golden = pkg.Community.sample().report(pkg.builtinRuleSet('member-default'), '2026-10', { mode: 'lenient' }).table;
    const b1 = golden.subject.filter((_, r) => golden.org[r] === 'B1');
    assert.deepEqual(Object.keys(await boardTotals(page)).sort(), b1.sort());
    await page.selectOption('#scope', '');
    await ready(page);
  });

  await t.test('explain a member; screenshot', async () => {
    const first = await page.getAttribute('#board tr.member', 'data-subject');
    await page.click(`#board tr[data-subject="${first}"]`);
    await page.waitForSelector(`#explain[data-subject="${first}"]`);
    await page.screenshot({ path: join(IMAGES, 'workbench.png') });
  });

  await t.test('print to PDF: every member of every branch, one branch per page, no controls, names masked', async () => {
    await page.emulateMedia({ media: 'print' });
    const shown = await page.$$eval('#board tr.member', (trs) => trs.filter((tr) => tr.getClientRects().length > 0).length);
    assert.equal(shown, 158, 'every scored member of the sample is printed');
    assert.equal(await page.isVisible('#toolbar'), false);
    assert.equal(await page.isVisible('#whatif-card'), false);
    const names = await page.$$eval('#board td.name', (tds) => tds.map((td) => td.innerText.trim()));
    assert.ok(names.every((n) => /\*/.test(n)), 'masked in print');
    const branches = await page.$$eval('#board .branch', (ds) => ds.length);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(tmp, 'report.pdf'), pdf);
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.ok(pages >= branches, `${pages} pages for ${branches} branches`);
    await page.emulateMedia({ media: 'screen' });
  });

  assert.deepEqual(page.errors, []);
});

test('phone 390×844: no sideways scrolling; the explanation opens where the finger is', async () => {
  const { page } = await open({ width: 390, height: 844 });
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.body.scrollWidth]);
  assert.ok(widths.every((w) => w <= 390), `page is ${widths} px wide`);
  const rows = await page.$$('#board tr.member');
  const row = rows[20];
  await row.scrollIntoViewIfNeeded();
  await row.tap();
  await page.waitForSelector('#explain[data-subject]');
  const box = await page.locator('#explain-card').boundingBox();
  assert.ok(box.y >= 0 && box.y < 844 && box.y + box.height <= 845, JSON.stringify(box));
  assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('explain-card')).position), 'fixed');
  await page.screenshot({ path: join(IMAGES, 'workbench-phone.png') });
  await page.click('#explain-close');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390));
  // The forms fit too.
  await page.click('#entry-open');
  await page.waitForSelector('#entry:not([hidden])');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'entry form');
  assert.deepEqual(page.errors, []);
});

test('file://: the single-file edition works from a double-click; the dev page says what to do', async () => {
  const single = join(WASM_DIR, 'dist', 'dangjian.html');
  assert.ok(existsSync(single), 'dist/dangjian.html (build.sh makes it)');
  const { page } = await open({ width: 1366, height: 768 }, { url: pathToFileURL(single).href });
  assert.match(await page.textContent('#summary'), /参评 158 人/);
  assert.equal(await page.isVisible('#boot'), false);
  // The panels of the year's processes work there too (the engine on the page).
  await page.waitForFunction(() => document.getElementById('agenda').dataset.ready === 'true' && document.getElementById('appraisal').dataset.ready === 'true');
  assert.ok(await page.$$eval('#agenda tbody tr[data-rule]', (trs) => trs.length) > 0);
  assert.ok(await page.$$eval('#appraisal tbody tr', (trs) => trs.length) > 0);
  // Her work is kept there too (IndexedDB of the file's origin).
  const pkg = await loadPkg();
  const data = join(tmp, 'single.json');
  writeFileSync(data, pkg.sampleDatasetJson());
  await page.setInputFiles('#open-file', data);
  await page.waitForSelector('#saved[data-state="saved"]');
  await page.reload();
  await ready(page);
  assert.equal(await page.getAttribute('#community', 'data-source'), 'mine');
  const dev = await page.context().newPage();
  await dev.goto(pathToFileURL(join(WASM_DIR, 'demo', 'index.html')).href);
  await dev.waitForSelector('#boot:not([hidden])', { timeout: 10_000 });
  assert.match(await dev.textContent('#boot'), /单文件版/);
});

test('offline after the first visit (service worker)', async () => {
  const { context, page } = await open({ width: 1366, height: 768 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null || document.getElementById('offline').textContent.includes('离线'), null, { timeout: 20_000 });
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await ready(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.reload();
  await ready(page);
  assert.match(await page.textContent('#summary'), /参评 158 人/);
  await context.setOffline(false);
});
