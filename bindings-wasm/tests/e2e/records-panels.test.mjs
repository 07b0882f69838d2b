// The month's records through the core's record APIs, and the panels of the year's processes,
// in Debian's headless Chromium (playwright-core) on a laptop (1366×768) and a phone (390×844):
// she enters a record in the form, corrects it and deletes it from the list of the month's
// records (修改 / 删除); a bad record is refused next to the form with the core's Chinese message
// (the record's position, nothing saved); payments and meetings go the same way; the agenda
// (待办与提醒) lists every row of `Community.agenda` with its rule code; the year's processes,
// the practices and the branch assessment show the core's tables, every row, names masked when
// she says so and in print; the phone never scrolls sideways. Screenshots go to docs/images.
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
const ROOT = join(WASM_DIR, '..');
const IMAGES = join(ROOT, 'docs', 'images');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const pkg = await loadPkg();
const sample = pkg.Community.sample();
const SAMPLE_JSON = sample.toJson();
const SAMPLE = JSON.parse(SAMPLE_JSON);

let server;
let tmp;
let dataFile;
const contexts = [];

before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} not found (run scripts/install-deps.sh browser)`);
  tmp = mkdtempSync(join(tmpdir(), 'dangjian-rp-'));
  dataFile = join(tmp, '示例社区.json');
  writeFileSync(dataFile, SAMPLE_JSON);
  server = await serveStatic(WASM_DIR);
});

after(async () => {
  for (const c of contexts) await c.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** A fresh browser profile on `viewport`, with her own data (the sample as her data file). */
async function open(viewport) {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmp, 'profile-')), {
    executablePath: CHROMIUM, args: ARGS, headless: true, viewport, locale: 'zh-CN', acceptDownloads: true,
    isMobile: viewport.width < 500, hasTouch: viewport.width < 500,
  });
  contexts.push(context);
  const page = context.pages()[0] ?? await context.newPage();
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(String(err)));
  page.on('console', (msg) => { if (msg.type() === 'error') page.errors.push(msg.text()); });
  await page.goto(new URL('demo/', server.url).href);
  await ready(page);
  await page.setInputFiles('#open-file', dataFile);
  await page.waitForFunction(() => document.getElementById('community').dataset.source === 'mine');
  await ready(page);
  await panelsReady(page);
  return page;
}

const ready = (page) => page.waitForSelector('#board[data-ready="true"]', { timeout: 60_000 });
const PANELS = ['agenda', 'appraisal', 'letters', 'register', 'practices', 'assess-quarters', 'assess-deductions'];
const panelsReady = (page) => page.waitForFunction((ids) => ids.every((id) => document.getElementById(id).dataset.ready === 'true'), PANELS, { timeout: 60_000 });
const listReady = (page) => page.waitForSelector('#entry-list[data-ready="true"]');
const total = (page, subject) => page.getAttribute(`#board tr.member[data-subject="${subject}"]`, 'data-total').then(Number);
const activityCount = (page) => page.textContent('#community').then((t) => Number(/(\d+) 条积分记录/.exec(t)[1]));
const noSideways = (page) => page.evaluate(() => [document.documentElement.scrollWidth, document.body.scrollWidth]);

/** `member`'s October total in the core with `added` activities on top of the sample. */
function scored(added, member) {
  const c = pkg.Community.fromJson(SAMPLE_JSON);
  c.addActivities(added);
  const t = c.report(pkg.builtinRuleSet('member-default'), '2026-10', { mode: 'lenient' }).table;
  return Number(t.total[t.subject.indexOf(member)]);
}

/** Waits for the message box `id` to say something (ok or not) after `action`. */
async function after_(page, id, action) {
  await page.evaluate((i) => { const b = document.getElementById(i); b.hidden = true; delete b.dataset.kind; delete b.dataset.code; }, id);
  await action();
  await page.waitForSelector(`#${id}:not([hidden])`);
  return { kind: await page.getAttribute(`#${id}`, 'data-kind'), code: await page.getAttribute(`#${id}`, 'data-code'), text: await page.textContent(`#${id}`) };
}

test('laptop 1366×768: enter, correct, delete a record; a bad one refused with the core\'s message; the panels', async (t) => {
  const page = await open({ width: 1366, height: 768 });
  const member = await page.getAttribute('#board tr.member', 'data-subject');
  const before0 = await total(page, member);
  const count0 = await activityCount(page);
  const ids0 = new Set(SAMPLE.activities.map((a) => a.id));
  let key;

  await t.test('enter a record: the core adds it, the board and the month\'s list show it', async () => {
    await page.click('#entry-open');
    await listReady(page);
    // The month's activities of her data are listed (the sample's October), newest first.
    const october = SAMPLE.activities.filter((a) => a.date.startsWith('2026-10')).length;
    assert.match(await page.textContent('#entry-list-count'), new RegExp(`2026-10 · ${october} 条`));
    await page.selectOption('#entry-kind', 'activities');
    await page.fill('#entry-fields [name=subject]', member);
    await page.selectOption('#entry-fields [name=item]', 'meeting');
    await page.fill('#entry-fields [name=date]', '2026-10-15');
    const m = await after_(page, 'entry-msg', () => page.click('#entry-add'));
    assert.equal(m.kind, 'ok', m.text);
    assert.match(m.text, /已添加 1 条积分记录/);
    await ready(page);
    await listReady(page);
    assert.equal(await activityCount(page), count0 + 1);
    key = await page.getAttribute('#entry-list tbody tr:first-child', 'data-key');
    assert.ok(key && !ids0.has(key), `a new id (${key})`);
    // the board scores it as the core does
    assert.equal(await total(page, member), scored([{ id: key, subject: member, item: 'meeting', date: '2026-10-15' }], member));
    assert.match(await page.textContent('#entry-list tbody tr:first-child'), new RegExp(`${member}.*2026-10-15`));
  });

  await t.test('correct it (修改): the core replaces it, the board follows', async () => {
    const once = await total(page, member);
    await page.click(`#entry-list tr[data-key="${key}"] button.edit`);
    assert.equal(await page.getAttribute('#entry-form', 'data-editing'), key);
    assert.equal(await page.inputValue('#entry-fields [name=subject]'), member);
    assert.equal(await page.textContent('#entry-add'), '保存修改');
    await page.fill('#entry-fields [name=quantity]', '2');
    const m = await after_(page, 'entry-msg', () => page.click('#entry-add'));
    assert.equal(m.kind, 'ok', m.text);
    assert.match(m.text, new RegExp(`已修改积分记录 ${key}`));
    await ready(page);
    await listReady(page);
    assert.equal(await activityCount(page), count0 + 1, 'replaced, not added');
    assert.equal(await total(page, member), scored([{ id: key, subject: member, item: 'meeting', date: '2026-10-15', quantity: '2' }], member));
    assert.ok(once > 0);
    assert.match(await page.textContent(`#entry-list tr[data-key="${key}"]`), /2$|2修改/);
    assert.equal(await page.textContent('#entry-add'), '添加');
  });

  await t.test('a bad record is refused next to the form with the core\'s Chinese message; nothing saved', async () => {
    const count = await activityCount(page);
    await page.fill('#entry-fields [name=subject]', member);
    await page.fill('#entry-fields [name=date]', '2026/10/15');
    let m = await after_(page, 'entry-msg', () => page.click('#entry-add'));
    assert.equal(m.code, 'record_date');
    assert.match(m.text, /^第1条积分记录（A\d{6}，meeting）日期 2026\/10\/15 应写成 2026-10-15。尚未保存任何记录。$/);
    // the message sits next to the form
    const form = await page.locator('#entry-form').boundingBox();
    const box = await page.locator('#entry-msg').boundingBox();
    assert.ok(box.y >= form.y && box.y <= form.y + form.height, 'inside the form');
    await page.fill('#entry-fields [name=date]', '2026-10-15');
    await page.fill('#entry-fields [name=subject]', 'XF99999');
    m = await after_(page, 'entry-msg', () => page.click('#entry-add'));
    assert.equal(m.code, 'record_unknown_subject');
    assert.match(m.text, /^第1条积分记录（A\d{6}，meeting）的对象 XF99999 既不在名册中也不是组织/);
    assert.equal(await activityCount(page), count);
    await page.fill('#entry-fields [name=subject]', member);
    await page.fill('#entry-fields [name=date]', '2026/10/15');
    await after_(page, 'entry-msg', () => page.click('#entry-add'));
    await page.screenshot({ path: join(IMAGES, 'workbench-records.png') });
    // a correction the core refuses leaves the record as it was
    await page.click(`#entry-list tr[data-key="${key}"] button.edit`);
    await page.fill('#entry-fields [name=date]', '2026-13-01');
    m = await after_(page, 'entry-msg', () => page.click('#entry-add'));
    assert.match(m.code, /^record_/);
    assert.match(m.text, /积分记录（A\d{6}，meeting）/);
    await page.click('#entry-cancel');
    assert.match(await page.textContent(`#entry-list tr[data-key="${key}"]`), /2026-10-15/);
  });

  await t.test('delete it (删除, asked twice): the board is as before', async () => {
    await page.click(`#entry-list tr[data-key="${key}"] button.remove`);
    assert.equal(await page.textContent(`#entry-list tr[data-key="${key}"] button.remove`), '确认删除');
    const m = await after_(page, 'entry-msg', () => page.click(`#entry-list tr[data-key="${key}"] button.remove`));
    assert.equal(m.kind, 'ok', m.text);
    assert.match(m.text, new RegExp(`已删除积分记录 ${key}`));
    await ready(page);
    await listReady(page);
    assert.equal(await page.$(`#entry-list tr[data-key="${key}"]`), null);
    assert.equal(await activityCount(page), count0);
    assert.equal(await total(page, member), before0);
    // her work is kept: the saved community is the sample again
    await page.reload();
    await ready(page);
    assert.equal(await activityCount(page), count0);
  });

  await t.test('payments and meetings: add, correct, delete through the same list', async () => {
    await page.click('#entry-open');
    await page.selectOption('#entry-kind', 'payments');
    await listReady(page);
    const paid = new Set(SAMPLE.payments.filter((p) => p.month === '2026-10').map((p) => p.member));
    const who = SAMPLE.members.map((x) => x.id).find((id) => !paid.has(id) && SAMPLE.payments.some((p) => p.member === id));
    await page.fill('#entry-fields [name=member]', who);
    await page.fill('#entry-fields [name=month]', '2026-10');
    await page.fill('#entry-fields [name=amount]', '16.50');
    await page.fill('#entry-fields [name=date]', '2026-10-09');
    let m = await after_(page, 'entry-msg', () => page.click('#entry-add'));
    assert.equal(m.kind, 'ok', m.text);
    {
      await listReady(page);
      const k = `${who}/2026-10`;
      assert.match(await page.textContent(`#entry-list tr[data-key="${k}"]`), /16\.50/);
      await page.click(`#entry-list tr[data-key="${k}"] button.edit`);
      assert.equal(await page.inputValue('#entry-fields [name=amount]'), '16.50');
      await page.fill('#entry-fields [name=amount]', '20');
      m = await after_(page, 'entry-msg', () => page.click('#entry-add'));
      assert.equal(m.kind, 'ok', m.text);
      await listReady(page);
      assert.match(await page.textContent(`#entry-list tr[data-key="${k}"]`), /20\.00/);
      await page.click(`#entry-list tr[data-key="${k}"] button.remove`);
      m = await after_(page, 'entry-msg', () => page.click(`#entry-list tr[data-key="${k}"] button.remove`));
      assert.equal(m.kind, 'ok', m.text);
    }
    // a bad day is the core's message
    await page.fill('#entry-fields [name=member]', who);
    await page.fill('#entry-fields [name=month]', '2026-10');
    await page.fill('#entry-fields [name=amount]', '16.50');
    await page.fill('#entry-fields [name=date]', '2026/10/09');
    m = await after_(page, 'entry-msg', () => page.click('#entry-add'));
    assert.equal(m.code, 'record_date');
    assert.equal(m.text, `第1条党费缴纳记录（${who}，2026-10）缴纳日期 2026/10/09 应写成 2026-10-09。尚未保存任何记录。`);

    await page.selectOption('#entry-kind', 'meetings');
    await listReady(page);
    const meetings = SAMPLE.meetings.filter((x) => x.date.startsWith('2026-10')).length;
    assert.equal(await page.$$eval('#entry-list tbody tr', (trs) => trs.length), Math.min(meetings, 100));
    await page.fill('#entry-fields [name=org]', 'B1');
    await page.selectOption('#entry-fields [name=kind]', '主题党日');
    await page.fill('#entry-fields [name=date]', '2026-10-20');
    await page.fill('#entry-fields [name=topic]', '学习');
    m = await after_(page, 'entry-msg', () => page.click('#entry-add'));
    assert.equal(m.kind, 'ok', m.text);
    await listReady(page);
    const mk = await page.getAttribute('#entry-list tbody tr:first-child', 'data-key');
    // new ids follow the sample's (MT0364 → MT0365)
    const last = SAMPLE.meetings.map((x) => Number(x.id.slice(2))).reduce((a, b) => Math.max(a, b));
    assert.equal(mk, `MT${String(last + 1).padStart(4, '0')}`);
    await page.click(`#entry-list tr[data-key="${mk}"] button.remove`);
    m = await after_(page, 'entry-msg', () => page.click(`#entry-list tr[data-key="${mk}"] button.remove`));
    assert.equal(m.kind, 'ok', m.text);
    await page.fill('#entry-fields [name=org]', 'B404');
    m = await after_(page, 'entry-msg', () => page.click('#entry-add'));
    assert.match(m.code, /^record_/);
    assert.match(m.text, /^第1条会议记录（MT\d+，theme_day）/);
    await page.click('#entry-close');
  });

  await t.test('待办与提醒: every row of the core\'s agenda, each with its rule code', async () => {
    await panelsReady(page);
    const want = sample.agenda('2026-10-31', 30);
    assert.ok(want.rows > 0, 'the sample has an agenda');
    const rows = await page.$$eval('#agenda tbody tr', (trs) => trs.map((tr) => tr.dataset.rule));
    assert.equal(rows.length, want.rows);
    const rules = new Set(pkg.rules().columns.find((c) => c.name === 'code').values.values);
    for (const r of rows) {
      assert.match(r, /^[a-z][a-z0-9_.-]+$/);
      assert.ok(rules.has(r), `${r} is a rule of the catalogue`);
    }
    assert.deepEqual(rows, want.columns.find((c) => c.name === 'rule').values.values);
    assert.match(await page.textContent('#agenda-summary'), new RegExp(`截至 2026-10-31：逾期和 30 天内到期的 ${want.rows} 项`));
    assert.match(await page.textContent('#agenda-count'), new RegExp(`（${want.rows}）`));
    const head = await page.$$eval('#agenda thead th', (ths) => ths.map((th) => th.textContent));
    assert.ok(head.includes('规则代码') && head.includes('到期日'), head.join(','));
    // another date and window; a bad date is said next to the panel's form
    await page.fill('#agenda-days', '七');
    await page.click('#agenda-run');
    await page.waitForSelector('#agenda-msg:not([hidden])');
    assert.match(await page.textContent('#agenda-msg'), /天数应是 0 到 9999 的整数，不是“七”/);
    await page.fill('#agenda-days', '90');
    await page.fill('#agenda-asof', '2026-09-30');
    await page.click('#agenda-run');
    await page.waitForFunction(() => document.getElementById('agenda-msg').hidden && document.getElementById('agenda').dataset.ready === 'true');
    assert.equal(await page.$$eval('#agenda tbody tr', (trs) => trs.length), sample.agenda('2026-09-30', 90).rows);
    // 只看本支部: the rows of B1 and below
    await page.selectOption('#scope', 'B1');
    await ready(page);
    await panelsReady(page);
    const under = new Set(['B1']);
    for (let grew = true; grew;) {
      grew = false;
      for (const o of SAMPLE.orgs) if (under.has(o.parent) && !under.has(o.id)) { under.add(o.id); grew = true; }
    }
    const orgs = await page.$$eval('#agenda tbody tr', (trs) => trs.map((tr) => tr.dataset.org));
    const col = sample.agenda('2026-09-30', 90).columns.find((c) => c.name === 'org').values.values;
    assert.equal(orgs.length, col.filter((o) => under.has(o)).length);
    assert.ok(orgs.every((o) => under.has(o)), orgs.join(','));
    await page.selectOption('#scope', '');
    await ready(page);
    await panelsReady(page);
    await page.fill('#agenda-days', '30');
    await page.fill('#agenda-asof', '2026-10-31');
    await page.click('#agenda-run');
    await page.waitForFunction((n) => document.querySelectorAll('#agenda tbody tr').length === n, want.rows);
  });

  await t.test('the year\'s processes, practices and the branch assessment: the core\'s tables, every row', async () => {
    // 民主评议党员: the sample's 2025 appraisal is chosen (the latest recorded)
    assert.equal(await page.inputValue('#appraisal-year'), '2025');
    const appraisal = sample.appraisalStats(2025);
    assert.equal(await page.$$eval('#appraisal tbody tr', (trs) => trs.length), appraisal.rows);
    assert.ok(appraisal.rows > 0);
    const letters = sample.letters('2026-10-31');
    assert.ok(letters.rows > 0, 'the sample has letters');
    assert.equal(await page.$$eval('#letters tbody tr', (trs) => trs.length), letters.rows);
    const register = sample.changeRegister('2026-01-01', '2026-10-31');
    assert.equal(await page.getAttribute('#register', 'data-rows'), String(register.rows));
    for (const kind of ['pairings', 'idle_pairings', 'grids', 'service_days', 'cobuild', 'declarations', 'pending_declarations']) {
      await page.selectOption('#practice-kind', kind);
      await page.waitForFunction(() => document.getElementById('practices').dataset.ready === 'true');
      const want = sample.practices(kind, '2026-10-01', '2026-10-31');
      assert.equal(await page.getAttribute('#practices', 'data-rows'), String(want.rows), kind);
      assert.equal(await page.isVisible('#practice-msg'), false, kind);
    }
    await page.selectOption('#practice-kind', 'grids');
    await page.waitForFunction(() => document.getElementById('practices').dataset.ready === 'true');
    const [quarters, deductions] = sample.assessment(2026, '2026-10-31');
    assert.equal(await page.getAttribute('#assess-quarters', 'data-rows'), String(quarters.rows));
    assert.equal(await page.getAttribute('#assess-deductions', 'data-rows'), String(deductions.rows));
    await page.locator('#agenda-card').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(IMAGES, 'workbench-agenda.png') });
  });

  await t.test('names: full on her screen, masked by her 隐私 switch and in print', async () => {
    const full = await page.$$eval('#agenda td.col-name', (tds) => tds.map((td) => td.innerText.trim()).filter((n) => n && n !== '—'));
    assert.ok(full.length > 0, 'the agenda names people');
    assert.ok(full.some((n) => !/\*/.test(n)), 'full names on her screen');
    await page.uncheck('#privacy-screen');
    const masked = await page.$$eval('#agenda td.col-name', (tds) => tds.map((td) => td.innerText.trim()).filter((n) => n && n !== '—'));
    assert.ok(masked.every((n) => /\*/.test(n)), masked.slice(0, 3).join(','));
    await page.check('#privacy-screen');
    await page.emulateMedia({ media: 'print' });
    for (const id of ['agenda-card', 'year-card', 'assess-card']) assert.equal(await page.isVisible(`#${id}`), true, id);
    assert.equal(await page.isVisible('#agenda-form'), false, 'no controls in print');
    const printed = await page.$$eval('#agenda td.col-name', (tds) => tds.map((td) => td.innerText.trim()).filter((n) => n && n !== '—'));
    assert.ok(printed.every((n) => /\*/.test(n)), 'masked in print');
    assert.equal(await page.$$eval('#agenda tbody tr', (trs) => trs.filter((tr) => tr.getClientRects().length).length), sample.agenda('2026-10-31', 30).rows);
    await page.emulateMedia({ media: 'screen' });
  });

  await t.test('a roster into her community: importRosterCsv, all or nothing', async () => {
    const branch = SAMPLE.orgs.find((o) => o.id === 'B1').name;
    const csv = join(tmp, '新党员.csv');
    const head = '编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部';
    writeFileSync(csv, [head, `N01,王新民,男,1980-05-01,汉族,大学,2010-07-01,2011-07-01,${branch}`, `N02,李新华,女,1985-13-01,汉族,大学,2012-07-01,2013-07-01,${branch}`].join('\n'));
    const members = () => page.textContent('#community').then((x) => Number(/名册 (\d+) 人/.exec(x)[1]));
    const n0 = await members();
    await page.setInputFiles('#roster-file', csv);
    await page.waitForSelector('#import-roster:not([hidden])');
    assert.equal(await page.inputValue('#roster-mode'), 'add');
    let m = await after_(page, 'roster-msg', () => page.click('#roster-go'));
    assert.equal(m.code, 'invalid_rows');
    assert.match(m.text, /第3行/);
    assert.equal(await members(), n0, 'nothing imported');
    writeFileSync(csv, [head, `N01,王新民,男,1980-05-01,汉族,大学,2010-07-01,2011-07-01,${branch}`].join('\n'));
    await page.setInputFiles('#roster-file', csv);
    m = await after_(page, 'roster-msg', () => page.click('#roster-go'));
    assert.equal(m.kind, 'ok', m.text);
    assert.match(m.text, /已导入 1 名党员/);
    await ready(page);
    assert.equal(await members(), n0 + 1);
    assert.equal(await activityCount(page), count0, 'her records are all there');
    await page.click('#roster-close');
  });

  assert.deepEqual(page.errors, []);
});

test('phone 390×844: entry, list and panels without sideways scrolling', async () => {
  const page = await open({ width: 390, height: 844 });
  const member = await page.getAttribute('#board tr.member', 'data-subject');
  await page.click('#entry-open');
  await listReady(page);
  await page.fill('#entry-fields [name=subject]', member);
  await page.fill('#entry-fields [name=date]', '2026/10/16');
  let m = await after_(page, 'entry-msg', () => page.click('#entry-add'));
  assert.equal(m.code, 'record_date');
  await page.fill('#entry-fields [name=date]', '2026-10-16');
  m = await after_(page, 'entry-msg', () => page.click('#entry-add'));
  assert.equal(m.kind, 'ok', m.text);
  await listReady(page);
  const widths = await noSideways(page);
  assert.ok(widths.every((w) => w <= 390), `entry list: page is ${widths} px wide`);
  // the list's rows are blocks with their labels
  const row = page.locator('#entry-list tbody tr').first();
  assert.ok((await row.boundingBox()).width <= 390);
  await page.evaluate(() => document.getElementById('entry-add').scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(IMAGES, 'workbench-records-phone.png') });
  const key = await row.getAttribute('data-key');
  await row.locator('button.remove').tap();
  m = await after_(page, 'entry-msg', () => row.locator('button.remove').tap());
  assert.equal(m.kind, 'ok', m.text);
  assert.match(m.text, new RegExp(`已删除积分记录 ${key}`));
  await page.click('#entry-close');
  await panelsReady(page);
  for (const id of PANELS) {
    const w = await noSideways(page);
    assert.ok(w.every((x) => x <= 390), `${id}: page is ${w} px wide`);
    const box = await page.locator(`#${id}`).boundingBox();
    assert.ok(box.width <= 390, `${id} is ${box.width} px wide`);
  }
  assert.ok(await page.$$eval('#agenda tbody tr', (trs) => trs.length) > 0);
  await page.evaluate(() => document.getElementById('agenda-card').scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(IMAGES, 'workbench-agenda-phone.png') });
  assert.deepEqual(page.errors, []);
});
