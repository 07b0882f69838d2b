// The secretary's workbench: everything is computed and kept in this browser by the dangjian
// wasm module. Plain ES modules, no framework, no network beyond this static site.
//
// The page (this file) draws and checks what she types; the engine (engine.js: the wasm
// `Community`, the working dataset, its copy in IndexedDB) runs in a Web Worker (worker.js),
// or on the page in the single-file edition. Every change is all or nothing.
import { handle } from './engine.js';
import { readRows, toCsv, toXlsx } from './sheets.js';
import { KINDS, MEETING_KINDS, checkDate, readSheet, toRecords, toRow, yuan } from './records.js';

window.__dangjianStarted = true;
const $ = (id) => document.getElementById(id);
const STATUS = { counted: '计入', partial: '部分计入（达上限）', over_cap: '超出上限', reversed: '已撤销', reversal: '撤销记录', rejected: '未计入' };
const CATEGORY = { basic: '基本分', reward: '奖励分', deduction: '扣分', veto: '一票否决' };
const natural = new Intl.Collator('zh-CN', { numeric: true }).compare;

const state = {
  info: null, // what the engine says of the working community (engine.js `summary`)
  source: 'sample', // 'sample' | 'mine'
  baseRules: null, // RuleSet chosen (built-in or her file), for its own period kind
  rules: null, // RuleSet in force on the page (edited by what-if)
  period: '2026-10',
  scope: '', // '' or an organization id (只看本支部)
  report: null, // MonthlyReport (or a scope's table in the same shape)
  whatIf: null,
  selected: null,
  names: new Map(), // member id → full name (her own data; never leaves the page unmasked unless she says so)
  savedAt: null, // last write to IndexedDB
  fileSavedAt: null, // last 保存数据文件
};

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}

// ---------------------------------------------------------------- messages in Chinese
const CODE_ZH = {
  json: '文件不是有效的数据文件（JSON 格式有误）',
  unreadable: '文件无法读取',
  invalid_rows: '花名册中有需要改正的单元格',
  missing_column: '缺少必需的列',
  unknown_member: '党员编号不在花名册上',
  wrong_period: '所选期间与规则的考核周期不一致',
  invalid_rule_set: '规则有误',
  bad_argument: '参数有误',
};

/** The Chinese text of an error from the core (or of our own checks). */
export function zhError(err) {
  if (!err) return '';
  if (err.zh) return err.zh;
  // The core's record errors are whole Chinese sentences naming the record (第1条积分记录（…）…).
  if (/^record_/.test(err.code ?? '')) return err.message;
  const head = CODE_ZH[err.code] ?? '出错了';
  const rows = Array.isArray(err.rows) ? err.rows : Array.isArray(err.details?.rows) ? err.details.rows : null;
  let body = '';
  if (rows?.length) {
    body = rows.slice(0, 20).map((r) => `第${r.row}行 ${r.column ?? ''}${r.value ? `「${r.value}」` : ''}：${r.reason ?? r.code}`).join('；');
    if (rows.length > 20) body += `；另有 ${rows.length - 20} 处`;
  } else {
    body = err.message ?? String(err);
  }
  return `${head}：${body}${err.code ? `（${err.code}）` : ''}`;
}

/** Shows `text` (or hides the box when empty) in the message box next to a control. */
function say(box, text, kind = 'error') {
  const b = typeof box === 'string' ? $(box) : box;
  delete b.dataset.code; // a code belongs to the error it came with (fail() sets it after)
  if (!text) { b.hidden = true; b.textContent = ''; delete b.dataset.kind; return; }
  b.hidden = false;
  b.dataset.kind = kind;
  if (Array.isArray(text)) b.replaceChildren(...text.map((t) => el('div', {}, t)));
  else b.textContent = text;
}

function fail(box, err) {
  say(box, zhError(err));
  if (err?.code) (typeof box === 'string' ? $(box) : box).dataset.code = err.code;
}

// ---------------------------------------------------------------- the engine (a Web Worker)
// engine.js runs in worker.js when the page is served (http/https): loading and scoring a
// 20,000-member community never blocks the page. The single-file edition (file://) runs the
// same engine on the page.
let worker = null;
let seq = 0;
const pending = new Map();

function showProgress(text) {
  const p = $('progress');
  p.hidden = !text;
  p.textContent = text ?? '';
  document.body.toggleAttribute('aria-busy', Boolean(text));
}

function startEngine() {
  if (globalThis.__DANGJIAN_WASM_BASE64 || typeof Worker !== 'function' || !location.protocol.startsWith('http')) return;
  try {
    worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  } catch {
    worker = null;
    return;
  }
  worker.onmessage = (e) => {
    const { id, progress, result, error } = e.data;
    if (progress) { showProgress(progress); return; }
    const q = pending.get(id);
    pending.delete(id);
    if (!pending.size) showProgress('');
    if (error) q?.reject(error); else q?.resolve(result);
  };
  worker.onerror = (e) => {
    for (const q of pending.values()) q.reject({ message: e.message ?? '后台计算线程出错' });
    pending.clear();
    showProgress('');
  };
}

/** Runs `msg` on the engine (engine.js `handle`). */
function call(msg) {
  if (!worker) {
    return new Promise((resolve) => setTimeout(resolve, 0))
      .then(() => handle(msg, showProgress))
      .finally(() => showProgress(''));
  }
  return new Promise((resolve, reject) => {
    const id = ++seq;
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, msg });
  });
}

function hhmm(t) {
  if (!t) return '';
  const d = new Date(t);
  const sameDay = new Date().toDateString() === d.toDateString();
  const time = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return sameDay ? time : `${d.getMonth() + 1}月${d.getDate()}日 ${time}`;
}

function showSaved() {
  const s = $('saved');
  if (state.source === 'sample') {
    s.textContent = '正在看示例数据（不保存）';
    s.dataset.state = 'sample';
    return;
  }
  const unsaved = !state.fileSavedAt || state.savedAt > state.fileSavedAt;
  s.textContent = `已在本机保存 ${hhmm(state.savedAt)} · ${state.fileSavedAt ? `数据文件保存于 ${hhmm(state.fileSavedAt)}` : '尚未保存数据文件'}${unsaved ? '（有新改动，建议“保存数据文件”备份）' : ''}`;
  s.dataset.state = unsaved ? 'unsaved' : 'saved';
}

async function persist({ fileSaved = false, changed = true } = {}) {
  if (state.source !== 'mine') return;
  if (changed || fileSaved) state.savedAt = Date.now();
  if (fileSaved) state.fileSavedAt = state.savedAt;
  await call({ op: 'persist', meta: { savedAt: state.savedAt, fileSavedAt: state.fileSavedAt, period: state.period } });
  showSaved();
}

function download(name, text, type = 'text/plain;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---------------------------------------------------------------- names and privacy
export function mask(name) {
  if (!name) return '';
  const chars = [...name];
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** A name shown in her work (full) and in exports and print (masked), switched by CSS. */
function nameCell(subject, masked) {
  const full = state.names.get(subject) ?? masked ?? '';
  return el('td', { class: 'name' }, el('span', { class: 'name-full' }, full), el('span', { class: 'name-masked' }, masked || mask(full)));
}

const exportMasked = () => $('privacy-export').checked;

// ---------------------------------------------------------------- leaderboard
/** The what-if in force with `row[r]`: its row of the board's row r (a scope shows fewer). */
function whatIfRows() {
  const w = state.whatIf;
  if (!w) return null;
  const at = new Map(w.subject.map((s, k) => [s, k]));
  return { ...w, row: state.report.table.subject.map((s) => at.get(s)) };
}

let renderToken = 0;
let boardObserver = null;
const EAGER_ROWS = 3000; // up to this many members every row is drawn at once
const pendingRows = new Map(); // branch section → function drawing its rows

/** Draws every row not drawn yet (before printing: print shows every member). */
function drawAllRows() {
  for (const draw of [...pendingRows.values()]) draw();
}

function renderBoard() {
  const t = state.report.table;
  const w = whatIfRows();
  const board = $('board');
  board.dataset.ready = 'false';
  boardObserver?.disconnect();
  pendingRows.clear();
  board.replaceChildren();
  const rank = (r) => (w ? w.rank_in_org_b[w.row[r]] : t.rank_in_org[r]);
  const byOrg = new Map();
  t.subject.forEach((_, r) => {
    const o = t.org[r] ?? '';
    if (!byOrg.has(o)) byOrg.set(o, []);
    byOrg.get(o).push(r);
  });
  const orgs = [...byOrg.keys()].sort(natural);
  const token = ++renderToken;
  // Each branch's section holds all of its members (no inner scroll box). In a large community
  // a section's rows are drawn when it comes near the screen (and all of them before printing),
  // in slices of 200 rows per task, so the page never blocks.
  const sections = [];
  for (const org of orgs) {
    const rows = byOrg.get(org);
    rows.sort((x, y) => rank(x) - rank(y) || x - y);
    const body = el('tbody');
    const name = state.report.org_names[rows[0]] || org || '—';
    const section = el('section', { class: 'branch', dataset: { org, rows: String(rows.length) } },
      el('h3', {}, `${name}（${org}）· ${rows.length} 人`),
      el('table', {}, el('thead', {}, el('tr', {}, el('th', { class: 'num' }, '名次'), el('th', { class: 'id' }, '编号'), el('th', {}, '姓名'),
        el('th', { class: 'num' }, '总分'), el('th', {}, '等次'), el('th', { class: 'stars-col' }, '星级'), el('th', {}, w ? '变化' : ''))), body));
    sections.push([section, body, rows]);
  }
  const row = (r) => {
    const k = w ? w.row[r] : r;
    const moved = w ? w.rank_in_org_a[k] - w.rank_in_org_b[k] : 0;
    const grade = w ? w.grade_b[k] : t.grade_names[t.grade[r]];
    const gi = t.grade_names.indexOf(grade);
    const total = w ? w.total_b[k] : t.total[r];
    const s = t.subject[r];
    return el('tr', {
      class: 'member' + (state.selected === s ? ' selected' : ''),
      dataset: { subject: s, total: String(total), rank: String(rank(r)), grade, stars: String(t.stars[r]) },
    },
    el('td', { class: 'num' }, rank(r)),
    el('td', { class: 'id' }, s),
    nameCell(s, state.report.names[r]),
    el('td', { class: 'num' }, total),
    el('td', {}, el('span', { class: `grade g${gi}` }, grade), t.vetoed[r] ? ' 否决' : '', t.demoted[r] ? ' 限额' : ''),
    el('td', { class: 'stars' }, '★'.repeat(t.stars[r])),
    el('td', { class: moved > 0 ? 'move-up' : moved < 0 ? 'move-down' : '' }, moved > 0 ? `▲${moved}` : moved < 0 ? `▼${-moved}` : ''));
  };
  const fill = (body, rows) => {
    const frag = document.createDocumentFragment();
    for (const r of rows) frag.append(row(r));
    body.append(frag);
  };
  if (t.subject.length <= EAGER_ROWS) {
    for (const [section, body, rows] of sections) { fill(body, rows); board.append(section); }
    board.dataset.ready = 'true';
  } else {
    boardObserver = new IntersectionObserver((entries) => {
      for (const e of entries) if (e.isIntersecting) pendingRows.get(e.target)?.('lazy');
    }, { rootMargin: '600px 0px' });
    for (const [section, body, rows] of sections) {
      section.style.minHeight = `${rows.length * 25 + 60}px`;
      let next = 0;
      let started = false;
      const done = () => { pendingRows.delete(section); boardObserver?.unobserve(section); section.style.minHeight = ''; };
      const draw = (how) => {
        if (token !== renderToken || next >= rows.length) return;
        if (how !== 'lazy') { fill(body, rows.slice(next)); next = rows.length; done(); return; }
        if (started) return;
        started = true;
        boardObserver?.unobserve(section);
        const step = () => {
          if (token !== renderToken || next >= rows.length) return;
          fill(body, rows.slice(next, next + 200));
          next += 200;
          if (next < rows.length) setTimeout(step, 0); else done();
        };
        step();
      };
      pendingRows.set(section, draw);
    }
    // The sections go in a few at a time too (120 branches of empty tables are cheap).
    const frag = document.createDocumentFragment();
    for (const [section] of sections) frag.append(section);
    board.append(frag);
    for (const [section] of sections) boardObserver.observe(section);
    board.dataset.ready = 'true';
  }
  const counts = t.grade_names.map((g, i) => `${g} ${t.grade.filter((x) => x === i).length}`);
  $('summary').textContent = `${t.period} · 参评 ${t.subject.length} 人 · ${counts.join(' · ')}`;
}

// ---------------------------------------------------------------- explanation
function closeExplain() {
  $('explain-card').classList.remove('open');
}

async function explain(subject, at) {
  state.selected = subject;
  document.querySelectorAll('tr.member.selected').forEach((tr) => tr.classList.remove('selected'));
  at?.classList.add('selected');
  const box = $('explain');
  try {
    const e = await call({ op: 'explain', rules: state.rules, period: state.period, subject });
    const r = state.report.table.subject.indexOf(subject);
    $('explain-who').replaceChildren(`${subject} `, el('span', { class: 'name-full' }, state.names.get(subject) ?? ''), el('span', { class: 'name-masked' }, state.report.names[r] ?? ''));
    const itemName = Object.fromEntries(e.items.code.map((c, i) => [c, e.items.name[i]]));
    const items = el('tbody');
    e.items.code.forEach((c, i) => {
      if (Number(e.items.quantity[i]) === 0) return;
      items.append(el('tr', {}, el('td', {}, e.items.name[i]), el('td', {}, CATEGORY[e.items.category[i]]),
        el('td', { class: 'num' }, e.items.quantity[i]), el('td', { class: 'num' }, e.items.raw[i]), el('td', { class: 'num' }, e.items.counted[i])));
    });
    const events = el('tbody');
    e.events.id.forEach((id, i) => {
      events.append(el('tr', { class: `status-${e.events.status[i]}`, dataset: { event: id, counted: String(e.events.counted[i]) } },
        el('td', {}, e.events.date[i]), el('td', {}, itemName[e.events.item[i]] ?? e.events.item[i]), el('td', { class: 'num' }, e.events.quantity[i]),
        el('td', { class: 'num' }, e.events.counted[i]), el('td', {}, STATUS[e.events.status[i]])));
    });
    box.replaceChildren(
      el('p', { class: 'total', dataset: { total: String(e.total) } }, `总分 ${e.total}（基础分 ${e.base}）· `, el('span', { class: `grade g${state.report.table.grade_names.indexOf(e.grade)}` }, e.grade),
        ' ', el('span', { class: 'stars' }, '★'.repeat(e.stars)), ` · 支部第 ${e.rank_in_org} 名 · 全社区第 ${e.rank_overall} 名`),
      el('h4', {}, '按事项'),
      el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, '事项'), el('th', {}, '类别'), el('th', { class: 'num' }, '数量'), el('th', { class: 'num' }, '原始分'), el('th', { class: 'num' }, '计入'))), items),
      el('h4', {}, `每一条记录（${e.events.id.length} 条）`),
      el('table', { id: 'events' }, el('thead', {}, el('tr', {}, el('th', {}, '日期'), el('th', {}, '事项'), el('th', { class: 'num' }, '数量'), el('th', { class: 'num' }, '计入'), el('th', {}, '说明'))), events),
    );
    box.dataset.subject = subject;
    // On a narrow screen the explanation opens over the page, where the finger is.
    $('explain-card').classList.add('open');
    say('board-msg', '');
  } catch (err) {
    fail('board-msg', err);
  }
}

// ---------------------------------------------------------------- what-if
function fillWhatIfForm() {
  const r = state.baseRules;
  $('top-grade').textContent = r.grades[0]?.name ?? '';
  $('second-grade').textContent = r.grades[1]?.name ?? '';
  $('th-top').value = r.grades[0]?.min ?? '';
  $('th-second').value = r.grades[1]?.min ?? '';
  const sel = $('cap-item');
  sel.replaceChildren(...r.items.filter((i) => i.cap).map((i) => el('option', { value: i.code }, i.name)));
  const setCap = () => { $('cap-points').value = r.items.find((i) => i.code === sel.value)?.cap?.points ?? ''; };
  sel.onchange = setCap;
  setCap();
  $('whatif').replaceChildren();
  say('whatif-msg', '');
}

/** A whole number ≥ 0 typed in `input`, or the Chinese reason it is not. */
function wholeNumber(input, what) {
  const s = input.value.trim();
  if (!/^\d+$/.test(s)) return { error: `${what}应是不小于 0 的整数${s ? `，不是“${s}”` : '，不能为空'}` };
  return { ok: Number(s) };
}

function clearWhatIf() {
  state.whatIf = null;
  state.rules = state.baseRules;
  $('whatif').replaceChildren();
}

async function runWhatIf(ev) {
  ev?.preventDefault();
  const top = wholeNumber($('th-top'), `“${$('top-grade').textContent}”分数线`);
  const second = wholeNumber($('th-second'), `“${$('second-grade').textContent}”分数线`);
  const cap = $('cap-item').value ? wholeNumber($('cap-points'), '单项上限') : { ok: null };
  const problems = [top.error, second.error, cap.error].filter(Boolean);
  if (!problems.length && top.ok < second.ok) problems.push(`“${$('top-grade').textContent}”分数线不能低于“${$('second-grade').textContent}”分数线`);
  if (problems.length) {
    // A refused what-if leaves nothing stale: the board goes back to the rules in force.
    const had = state.whatIf !== null;
    clearWhatIf();
    if (had) await renderAll();
    say('whatif-msg', problems);
    return;
  }
  const edited = structuredClone(state.periodRules);
  edited.id = `${edited.id}-whatif`;
  if (edited.grades[0]) edited.grades[0].min = top.ok;
  if (edited.grades[1]) edited.grades[1].min = second.ok;
  const item = edited.items.find((i) => i.code === $('cap-item').value);
  if (item?.cap && cap.ok !== null) item.cap.points = cap.ok;
  try {
    const w = await call({ op: 'whatIf', a: state.periodRules, b: edited, period: state.period });
    state.whatIf = w;
    state.rules = edited;
    const rho = w.spearman ? (w.spearman.num / w.spearman.den).toFixed(3) : '—';
    const changed = w.subject.map((_, r) => r).filter((r) => w.rank_a[r] !== w.rank_b[r] || w.grade_a[r] !== w.grade_b[r]);
    changed.sort((x, y) => Math.abs(w.rank_b[y] - w.rank_a[y]) - Math.abs(w.rank_b[x] - w.rank_a[x]) || x - y);
    const rows = changed.slice(0, 8).map((r) => el('tr', {},
      el('td', {}, w.subject[r]),
      el('td', { class: 'num' }, `${w.total_a[r]} → ${w.total_b[r]}`),
      el('td', {}, `${w.grade_a[r]} → ${w.grade_b[r]}`),
      el('td', { class: 'num' }, `${w.rank_a[r]} → ${w.rank_b[r]}`)));
    const head = el('thead', {}, el('tr', {}, el('th', {}, '编号'), el('th', { class: 'num' }, '总分'), el('th', {}, '等次'), el('th', { class: 'num' }, '名次')));
    $('whatif').replaceChildren(
      el('p', { class: 'stat', id: 'whatif-stat', dataset: { gradeChanges: String(w.grade_changes), rankChanges: String(w.rank_changes), period: state.period } },
        `${state.period}：等次变化 ${w.grade_changes} 人 · 名次变化 ${w.rank_changes} 人 · 名次相关系数 ρ = ${rho}`),
      el('table', {}, head, el('tbody', {}, ...rows)),
    );
    say('whatif-msg', '');
    await renderAll();
  } catch (err) {
    clearWhatIf();
    await renderAll();
    fail('whatif-msg', err);
  }
}

// ---------------------------------------------------------------- chart (inline SVG)
function renderChart() {
  const t = state.report.table;
  const w = whatIfRows();
  const totals = t.subject.map((_, r) => Number(w ? w.total_b[w.row[r]] : t.total[r]));
  if (!totals.length) { $('chart').replaceChildren(el('p', { class: 'hint' }, '本期没有参评党员。')); return; }
  const step = 5;
  let lo = Infinity, hi = -Infinity;
  for (const v of totals) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  lo = Math.floor(lo / step) * step;
  hi = Math.floor(hi / step) * step;
  const bins = [];
  for (let x = lo; x <= hi; x += step) bins.push({ x, n: 0 });
  for (const v of totals) bins[Math.floor((v - lo) / step)].n += 1;
  const W = 420, H = 160, pad = 22;
  const max = Math.max(...bins.map((b) => b.n));
  const bw = (W - pad * 2) / bins.length;
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H + 18}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', '总分分布直方图');
  const add = (tag, attrs, text) => {
    const e = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    svg.append(e);
    return e;
  };
  bins.forEach((b, i) => {
    const h = max ? ((H - pad) * b.n) / max : 0;
    const x = pad + i * bw;
    add('rect', { class: 'bar', x: x + 1, y: H - h, width: Math.max(bw - 2, 1), height: h, 'data-from': b.x, 'data-count': b.n }).append(
      Object.assign(document.createElementNS(NS, 'title'), { textContent: `${b.x}–${b.x + step} 分：${b.n} 人` }));
    if (b.n) add('text', { x: x + bw / 2, y: H - h - 3, 'text-anchor': 'middle' }, b.n);
    add('text', { x: x + bw / 2, y: H + 12, 'text-anchor': 'middle' }, b.x);
  });
  add('line', { x1: pad, x2: W - pad, y1: H, y2: H, stroke: '#999' });
  $('chart').replaceChildren(svg);
}

// ---------------------------------------------------------------- statistics (core tables)
const STAT_COLUMNS = ['org_name', 'headcount', 'full', 'probationary', 'female', 'college_or_above', 'age_35_or_under'];
const AGE_COLUMNS = ['age_35_or_under', 'age_36_45', 'age_46_55', 'age_56_65', 'age_66_75', 'age_over_75'];

/** The last day of a period (`YYYY-MM`, `YYYY-Qn` or `YYYY`). */
export function periodEnd(period) {
  let y, m;
  if (/^\d{4}$/.test(period)) { y = +period; m = 12; } else if (/^\d{4}-Q[1-4]$/.test(period)) { y = +period.slice(0, 4); m = 3 * +period.slice(6); } else [y, m] = period.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

function statsTable() {
  return call({ op: 'stats', day: periodEnd(state.period), scopeOrg: state.scope || null });
}

async function renderStats() {
  const day = periodEnd(state.period);
  const t = await statsTable();
  const byName = Object.fromEntries(t.columns.map((c) => [c.name, c]));
  const kind = byName.org_kind.values.values;
  const rows = [...Array(t.rows).keys()].filter((r) => kind[r] !== '党小组');
  const cols = STAT_COLUMNS.map((n) => byName[n]).filter(Boolean);
  const head = el('tr', {}, ...cols.map((c) => el('th', { class: c.role === 'count' ? 'num' : '' }, c.label_zh)));
  const body = rows.map((r) => el('tr', { dataset: { org: byName.org.values.values[r] } },
    ...cols.map((c) => el('td', { class: c.role === 'count' ? 'num' : '', dataset: { col: c.name } }, c.values.values[r] ?? '—'))));
  $('stats').replaceChildren(el('table', { class: 'stats' }, el('thead', {}, head), el('tbody', {}, ...body)));
  $('stats').dataset.ready = 'true';
  $('stats-date').textContent = `截至 ${day}`;
  const root = 0;
  const bands = AGE_COLUMNS.map((n) => byName[n]).filter(Boolean).map((c) => ({ label: c.label_zh, n: c.values.values[root] }));
  const W = 420, rowH = 20, labelW = 90;
  const max = Math.max(1, ...bands.map((b) => b.n));
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${bands.length * rowH + 4}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', '年龄结构');
  bands.forEach((b, i) => {
    const y = i * rowH + 2;
    const w = ((W - labelW - 40) * b.n) / max;
    for (const [tag, attrs, text] of [
      ['text', { x: labelW - 6, y: y + 14, 'text-anchor': 'end' }, b.label],
      ['rect', { class: 'bar', x: labelW, y: y + 3, width: w, height: rowH - 6, 'data-count': b.n }],
      ['text', { x: labelW + w + 4, y: y + 14 }, b.n],
    ]) {
      const e = document.createElementNS(NS, tag);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
      if (text !== undefined) e.textContent = text;
      svg.append(e);
    }
  });
  $('age-chart').replaceChildren(el('h3', {}, `年龄结构（${state.scope ? '本支部' : '全社区'}）`), svg);
}

// ---------------------------------------------------------------- the year's processes (core tables)
// 待办与提醒 (`Community.agenda`), 民主评议党员 (`appraisalStats`), 介绍信 (`letters`), 增减名册
// (`changeRegister`), 社区实践 (`practices`) and 支部考核 (`assessment`): the core's tables as
// they are, every row, under their Chinese headers. The core masks the names in its tables; a
// row's full name comes from her roster by the row's member id (her own data), shown on screen
// unless her 隐私 switch says otherwise and masked in print when she chose so. On a phone each
// row becomes a block of label: value lines.
const PANEL_CHUNK = 400; // rows drawn per task in a long table
const PANEL_BOXES = ['agenda', 'appraisal', 'letters', 'register', 'practices', 'assess-quarters', 'assess-deductions'];

/** One cell's text: money in 元, flags 是/否, nothing as —. */
function cellText(values, r) {
  const v = values.values[r];
  if (v === null || v === undefined || v === '') return '—';
  if (values.type === 'fen' || values.type === 'opt_fen') return yuan(v);
  if (values.type === 'bool') return v ? '是' : '否';
  return String(v);
}

/** Draws the core's table `t` into `box`, every row (in slices when long). `only(r)` keeps
 * row r (只看本支部). Returns the number of rows shown. */
function renderTable(box, t, { only = null, empty = '没有需要列出的内容。', names = {} } = {}) {
  box.dataset.ready = 'false';
  const token = (box.renderToken = (box.renderToken ?? 0) + 1);
  const cols = t.columns;
  const rows = [...Array(t.rows).keys()].filter((r) => !only || only(r));
  const ids = cols.find((c) => c.role === 'member_id')?.values.values;
  box.dataset.rows = String(rows.length);
  if (!rows.length) {
    box.replaceChildren(el('p', { class: 'hint' }, empty));
    box.dataset.ready = 'true';
    return 0;
  }
  const numeric = (c) => ['count', 'measure'].includes(c.role) || ['u64', 'opt_u64', 'i64', 'fen', 'opt_fen', 'fixed', 'opt_fixed'].includes(c.values.type);
  // Short columns (dates, ids, names, numbers, a status) never break inside a value.
  const short = cols.map((c) => c.values.type.includes('date') || rows.every((r) => String(names[c.name]?.[c.values.values[r]] ?? c.values.values[r] ?? '').length <= 8));
  const late = cols.find((c) => c.name === 'days_left')?.values.values;
  const body = el('tbody');
  const row = (r) => el('tr', { class: late && late[r] < 0 ? 'overdue' : '', dataset: Object.fromEntries(cols.filter((c) => c.role === 'key' || c.name === 'rule').map((c) => [c.name.replace(/_(.)/g, (_, x) => x.toUpperCase()), String(c.values.values[r] ?? '')])) },
    ...cols.map((c, j) => {
      const text = names[c.name]?.[c.values.values[r]] ?? cellText(c.values, r);
      const full = c.role === 'person_name' && ids ? state.names.get(ids[r]) : null;
      const td = el('td', { class: `${numeric(c) ? 'num' : ''}${short[j] ? ' nw' : ''} col-${c.name}`, 'data-label': c.label_zh });
      if (c.suppressed?.[r]) td.append('*');
      else if (full && full !== text) td.append(el('span', { class: 'name-full' }, full), el('span', { class: 'name-masked' }, text));
      else td.append(text);
      return td;
    }));
  const fill = (from) => {
    const frag = document.createDocumentFragment();
    for (const r of rows.slice(from, from + PANEL_CHUNK)) frag.append(row(r));
    body.append(frag);
    if (from + PANEL_CHUNK < rows.length) setTimeout(() => { if (token === box.renderToken) fill(from + PANEL_CHUNK); }, 0);
    else box.dataset.ready = 'true';
  };
  box.replaceChildren(el('table', { class: 'panel stack', dataset: { table: t.name } },
    el('thead', {}, el('tr', {}, ...cols.map((c) => el('th', { class: numeric(c) ? 'num' : '' }, c.label_zh)))), body));
  fill(0);
  return rows.length;
}

/** The organizations of the scope (只看本支部) and below, or null for the whole community. */
function scopeOrgs() {
  if (!state.scope) return null;
  const kids = new Map();
  for (const o of state.info.orgs) kids.set(o.parent, [...(kids.get(o.parent) ?? []), o.id]);
  const out = new Set();
  const walk = (id) => { out.add(id); for (const k of kids.get(id) ?? []) walk(k); };
  walk(state.scope);
  return out;
}

/** `only` for a table: its rows of the scope's organizations (tables without an org column: all). */
function inScope(t) {
  const orgs = scopeOrgs();
  const col = t.columns.find((c) => c.name === 'org');
  if (!orgs || !col) return null;
  return (r) => orgs.has(col.values.values[r]);
}

async function panel(box, msgBox, msg, opts) {
  $(box).dataset.ready = 'false';
  try {
    const t = await call(msg);
    say(msgBox, '');
    return renderTable($(box), t, { only: inScope(t), ...opts });
  } catch (err) {
    $(box).replaceChildren();
    $(box).dataset.ready = 'true';
    fail(msgBox, err);
    return null;
  }
}

async function renderAgenda() {
  const asOf = checkDate($('agenda-asof').value);
  const days = $('agenda-days').value.trim();
  const problems = [];
  if (asOf.error) problems.push(`截至日期：${asOf.error}`);
  if (!/^\d{1,4}$/.test(days)) problems.push(`天数应是 0 到 9999 的整数${days ? `，不是“${days}”` : ''}`);
  if (problems.length) {
    $('agenda').replaceChildren();
    $('agenda').dataset.ready = 'true';
    $('agenda-count').textContent = '';
    say('agenda-msg', problems);
    return;
  }
  const n = await panel('agenda', 'agenda-msg', { op: 'agenda', asOf: asOf.ok, days: Number(days) }, { empty: '没有逾期或即将到期的事项。' });
  $('agenda-summary').textContent = n === null ? '' : `截至 ${asOf.ok}：逾期和 ${days} 天内到期的 ${n} 项${state.scope ? '（本支部）' : ''}`;
  $('agenda-count').textContent = n ? `（${n}）` : '';
}

async function renderYear() {
  const end = periodEnd(state.period);
  const y = Number(end.slice(0, 4));
  const sel = $('appraisal-year');
  const years = [...new Set([...(state.info.appraisalYears ?? []), y, y - 1])].filter((x) => x <= y).sort((a, b) => b - a);
  const keep = Number(sel.value);
  sel.replaceChildren(...years.map((x) => el('option', { value: String(x) }, `${x}年度`)));
  // Her choice stays; else the latest appraisal recorded (a year's appraisal is held at its end).
  sel.value = String(years.includes(keep) && sel.dataset.chosen ? keep : (state.info.appraisalYears ?? []).find((x) => x <= y) ?? y);
  await renderAppraisal();
  $('letters-sub').textContent = `截至 ${end}`;
  $('register-sub').textContent = `${y}-01-01 至 ${end}`;
  $('year-sub').textContent = `${y}年 · 截至 ${end}`;
  await panel('letters', 'year-msg', { op: 'letters', asOf: end }, { empty: '没有介绍信记录。' });
  await panel('register', 'year-msg', { op: 'register', first: `${y}-01-01`, last: end }, { empty: '本年没有党员增减。' });
}

async function renderAppraisal() {
  $('appraisal-sub').textContent = `${$('appraisal-year').value}年度`;
  await panel('appraisal', 'year-msg', { op: 'appraisal', year: Number($('appraisal-year').value) }, { empty: '这一年没有民主评议记录。' });
}

async function renderPractices() {
  const [first, last] = periodRange(state.period);
  const kind = $('practice-kind');
  $('practice-sub').textContent = `${kind.selectedOptions[0]?.textContent ?? ''} · ${first} 至 ${last}`;
  await panel('practices', 'practice-msg', { op: 'practices', kind: kind.value, first, last }, { empty: '本期没有这类记录。' });
}

let orgItems = null;

async function renderAssessment() {
  const end = periodEnd(state.period);
  const year = Number(end.slice(0, 4));
  $('assess-sub').textContent = `${year}年 · 截至 ${end} · 按记录推算`;
  for (const b of ['assess-quarters', 'assess-deductions']) $(b).dataset.ready = 'false';
  try {
    const [quarters, deductions] = await call({ op: 'assessmentTables', year, asOf: end });
    // the items by their names in the branch rule set (org-default), as the assessment scores them
    orgItems ??= Object.fromEntries((await call({ op: 'builtinRuleSet', id: 'org-default' })).items.map((i) => [i.code, i.name]));
    say('assess-msg', '');
    renderTable($('assess-quarters'), quarters, { only: inScope(quarters) });
    renderTable($('assess-deductions'), deductions, { only: inScope(deductions), empty: '没有扣分。', names: { item: orgItems } });
  } catch (err) {
    for (const b of ['assess-quarters', 'assess-deductions']) { $(b).replaceChildren(); $(b).dataset.ready = 'true'; }
    fail('assess-msg', err);
  }
}

// The panels' tables come from the package's second module (`loadReportModule`), fetched the
// first time the panels are drawn, after the board: until it is there each panel says 加载中….
let reportModule = null; // the promise of its loading, once asked for

/** Loads the second module once, showing 加载中… in the panels while it comes. */
async function panelsReady() {
  if (!reportModule) {
    for (const b of PANEL_BOXES) {
      $(b).replaceChildren(el('p', { class: 'hint loading' }, '加载中…'));
      $(b).dataset.loading = 'true';
    }
    reportModule = call({ op: 'loadReport' }).catch((err) => {
      reportModule = null;
      throw err;
    });
  }
  try {
    await reportModule;
    return true;
  } catch (err) {
    for (const b of PANEL_BOXES) { $(b).replaceChildren(); $(b).dataset.ready = 'true'; }
    for (const m of ['agenda-msg', 'year-msg', 'practice-msg', 'assess-msg']) fail(m, { zh: `年度和实践表格的计算模块加载失败：${err?.message ?? err}（请刷新页面）`, code: 'module' });
    return false;
  } finally {
    for (const b of PANEL_BOXES) delete $(b).dataset.loading;
  }
}

/** All the panels, for the period in force (after the board: they never hold it up). */
async function renderPanels() {
  if (!state.info) return;
  for (const b of PANEL_BOXES) $(b).dataset.ready = 'false';
  if (!(await panelsReady())) return;
  const end = periodEnd(state.period);
  if (!$('agenda-asof').dataset.chosen) $('agenda-asof').value = end;
  await renderAgenda();
  await renderYear();
  await renderPractices();
  await renderAssessment();
}

// ---------------------------------------------------------------- scoring the period
/** The rule set for the chosen period: her rules as they are, or their copy for a quarter/year. */
function rulesFor(period, rules) {
  const kind = /^\d{4}$/.test(period) ? 'year' : /Q/.test(period) ? 'quarter' : 'month';
  if (rules.period === kind) return rules;
  return { ...structuredClone(rules), id: `${rules.id}-${kind}`, period: kind };
}

async function renderAll() {
  renderBoard();
  renderChart();
  await renderStats();
}

let refreshToken = 0;
/** Marks the board as being recomputed (tests and screen readers wait for `data-ready`). */
function busy() {
  $('board').dataset.ready = 'false';
}

async function refresh() {
  busy();
  clearWhatIf();
  fillWhatIfForm();
  const token = ++refreshToken;
  try {
    const rules = rulesFor(state.period, state.baseRules);
    state.rules = rules;
    state.periodRules = rules;
    // 只看本支部: the scope's own scoring (its records only, `Community.scope(org).score`).
    const report = await call({ op: 'report', rules, period: state.period, scopeOrg: state.scope || null });
    if (token !== refreshToken) return; // a later choice of month or scope is on its way
    if (!report.names) {
      report.names = report.table.subject.map((s) => mask(state.names.get(s)));
      report.org_names = report.table.org.map((o) => orgName(o));
    }
    state.report = report;
    await renderAll();
    if (state.selected && state.report.table.subject.includes(state.selected)) {
      await explain(state.selected, document.querySelector(`tr.member[data-subject="${CSS.escape(state.selected)}"]`));
    } else {
      state.selected = null;
      $('explain-who').textContent = '';
      $('explain').replaceChildren(el('p', { class: 'hint' }, '点击排行中的党员，查看每一分的来源。'));
    }
    say('board-msg', '');
    renderPanels();
  } catch (err) {
    // Nothing stale: no board of another month or rule set stays up under an error.
    state.report = null;
    $('board').replaceChildren();
    $('board').dataset.ready = 'true';
    fail('board-msg', err);
  }
}

function orgName(id) {
  return state.info?.orgs?.find((o) => o.id === id)?.name ?? id ?? '';
}

function setRules(rules) {
  state.baseRules = rules;
  fillWhatIfForm();
}

// ---------------------------------------------------------------- periods and scope
function fillPeriods(last) {
  const sel = $('period');
  const [y, m] = last.split('-').map(Number);
  const months = [];
  for (let k = 0; k < 12; k += 1) {
    const d = new Date(Date.UTC(y, m - 1 - k, 1));
    const p = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    months.push(el('option', { value: p }, `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月`));
  }
  const q = Math.ceil(m / 3);
  const quarters = [];
  for (let k = 0; k < 4; k += 1) {
    const qq = ((q - 1 - k + 8) % 4) + 1;
    const yy = y - (q - 1 - k < 0 ? 1 : 0);
    quarters.push(el('option', { value: `${yy}-Q${qq}` }, `${yy}年第${'一二三四'[qq - 1]}季度`));
  }
  sel.replaceChildren(el('optgroup', { label: '月度' }, ...months), el('optgroup', { label: '季度' }, ...quarters),
    el('optgroup', { label: '年度' }, el('option', { value: String(y) }, `${y}年全年`), el('option', { value: String(y - 1) }, `${y - 1}年全年`)));
  sel.value = last;
}

function fillScopes() {
  const sel = $('scope');
  const branches = (state.info.orgs ?? []).filter((o) => o.kind === 'branch').sort((a, b) => natural(a.id, b.id));
  sel.replaceChildren(el('option', { value: '' }, '全社区'), ...branches.map((o) => el('option', { value: o.id }, `只看 ${o.name}`)));
  sel.value = branches.some((o) => o.id === state.scope) ? state.scope : '';
  state.scope = sel.value;
}

function latestPeriod(info) {
  return info.lastDate ? info.lastDate.slice(0, 7) : '2026-10';
}

// ---------------------------------------------------------------- the working community
/** Shows the community the engine now holds (`info`, engine.js `summary`). */
function useInfo(info) {
  state.info = info;
  state.source = info.source;
  state.names = new Map(info.members);
  $('community').textContent = `${info.name}（${info.source === 'sample' ? '示例数据，' : ''}名册 ${info.memberCount} 人，${info.activityCount} 条积分记录）`;
  $('community').dataset.source = info.source;
  fillScopes();
}

async function loadSample() {
  busy();
  useInfo(await call({ op: 'sample' }));
  state.period = '2026-10';
  fillPeriods(state.period);
  showSaved();
  await refresh();
}

async function openDataFile(file) {
  performance.mark('open:start');
  busy();
  try {
    // The file itself goes to the engine (a reference, not a copy): a 30 MB data file is read
    // and decoded off the page's thread.
    const info = await call({ op: 'open', file });
    performance.mark('open:loaded');
    useInfo(info);
    state.period = latestPeriod(info);
    fillPeriods(state.period);
    await persist({ fileSaved: true });
    await refresh();
    say('io-msg', `已打开数据文件 ${file.name}`, 'ok');
  } catch (err) {
    fail('io-msg', err);
    $('board').dataset.ready = 'true';
  }
}

async function saveDataFile() {
  if (!state.info) return;
  const day = new Date().toISOString().slice(0, 10);
  download(`${state.info.name || '社区'}-党建数据-${day}.json`, await call({ op: 'toJson' }), 'application/json');
  if (state.source === 'mine') persist({ fileSaved: true });
}

// ---------------------------------------------------------------- roster import
const BRANCH_HEADERS = ['所在支部', '所在党支部', '党支部', '支部', '所属支部', '所属党支部'];
let pendingRoster = null;

async function pickRoster(file) {
  say('roster-msg', '');
  try {
    const grid = await readRows(new Uint8Array(await file.arrayBuffer()));
    const norm = (s) => String(s ?? '').replace(/\s+/g, '');
    const at = grid.findIndex((r) => r.some((c) => BRANCH_HEADERS.includes(norm(c))));
    if (at < 0) throw { zh: `花名册中找不到“所在支部”列（也接受：${BRANCH_HEADERS.slice(1).join('、')}）。` };
    const col = grid[at].findIndex((c) => BRANCH_HEADERS.includes(norm(c)));
    const data = grid.slice(at + 1).filter((r) => r.some((c) => String(c ?? '').trim()));
    const branches = [...new Set(data.map((r) => String(r[col] ?? '').trim()).filter(Boolean))];
    pendingRoster = { name: file.name, grid, branches, rows: data.length };
    $('import-roster').hidden = false;
    $('roster-summary').textContent = `${file.name}：${data.length} 行，${branches.length} 个支部（${branches.slice(0, 6).join('、')}${branches.length > 6 ? '…' : ''}）`;
    $('roster-mode').value = state.source === 'sample' ? 'new' : 'add';
    $('roster-name-label').hidden = $('roster-mode').value !== 'new';
    if (!$('roster-asof').value) $('roster-asof').value = periodEnd(state.period).slice(0, 8) + '01';
    $('import-roster').scrollIntoView({ block: 'nearest' });
  } catch (err) {
    $('import-roster').hidden = false;
    $('roster-summary').textContent = file.name;
    fail('roster-msg', err);
  }
}

async function importRoster(ev) {
  ev.preventDefault();
  const p = pendingRoster;
  if (!p) return;
  const asOf = checkDate($('roster-asof').value);
  const fresh = $('roster-mode').value === 'new';
  const name = $('roster-name').value.trim();
  const problems = [];
  if (asOf.error) problems.push(`登记日期：${asOf.error}`);
  if (fresh && !name) problems.push('请填写社区名称');
  if (!fresh && state.source === 'sample') problems.push('示例数据不能加入花名册：请选“新建社区”，或先“打开数据文件”');
  if (problems.length) { say('roster-msg', problems); return; }
  try {
    let base = null;
    const newOrgs = [];
    if (fresh) {
      const orgs = [{ id: 'Z', name: `${name}党总支`, kind: 'general_branch', founded: asOf.ok }];
      p.branches.forEach((b, i) => orgs.push({ id: `B${i + 1}`, name: b, kind: 'branch', parent: 'Z', founded: asOf.ok }));
      base = { format: 'dangjian-dataset', version: 1, community: { name }, orgs, members: [], events: [] };
    } else {
      const have = state.info.orgs;
      const known = new Set(have.map((o) => o.name));
      const root = have.find((o) => !o.parent)?.id;
      const taken = new Set(have.map((o) => o.id));
      let k = have.filter((o) => o.kind === 'branch').length;
      for (const b of p.branches) {
        if (known.has(b)) continue;
        let id;
        do { k += 1; id = `B${k}`; } while (taken.has(id));
        taken.add(id);
        newOrgs.push({ id, name: b, kind: 'branch', parent: root, founded: asOf.ok });
      }
    }
    const csv = new TextEncoder().encode(toCsv(p.grid));
    const info = await call({ op: 'roster', base, newOrgs, csv, asOf: asOf.ok });
    const n = info.n;
    useInfo(info);
    if (fresh) state.fileSavedAt = null;
    state.period = asOf.ok.slice(0, 7);
    fillPeriods(state.period);
    await persist();
    refresh();
    say('roster-msg', `已导入 ${n} 名党员。下一步：录入本月的积分记录（“录入记录”或“导入记录表”）。`, 'ok');
    say('io-msg', `花名册 ${p.name}：已导入 ${n} 名党员`, 'ok');
  } catch (err) {
    fail('roster-msg', err);
  }
}

// ---------------------------------------------------------------- records: entry form and sheets
function fillEntryFields() {
  const kind = $('entry-kind').value;
  const box = $('entry-fields');
  box.replaceChildren(...KINDS[kind].columns.map(([h, key, req, hint]) => {
    let input;
    if (key === 'item' && state.baseRules) {
      input = el('select', { name: key }, ...state.baseRules.items.map((i) => el('option', { value: i.code }, `${i.name}（${i.code}）`)));
    } else if (kind === 'meetings' && key === 'kind') {
      input = el('select', { name: key }, ...['支部党员大会', '支部委员会会议', '党小组会', '党课', '主题党日', '组织生活会', '民主评议党员'].map((k) => el('option', { value: k }, k)));
    } else {
      input = el('input', { name: key, placeholder: hint, autocomplete: 'off' });
    }
    return el('label', { class: req ? 'required' : '' }, h, input);
  }));
  const date = box.querySelector('[name=date]');
  if (date) date.value = periodEnd(state.period).slice(0, 8) + '01';
  const month = box.querySelector('[name=month]');
  if (month) month.value = periodEnd(state.period).slice(0, 7);
}

const ON_SAMPLE = '现在显示的是示例数据，示例不能录入也不保存。请先“导入花名册”建立您的社区，或“打开数据文件”。';

/** The first and last day of a period (`YYYY-MM`, `YYYY-Qn` or `YYYY`). */
function periodRange(period) {
  const last = periodEnd(period);
  let first;
  if (/^\d{4}$/.test(period)) first = `${period}-01-01`;
  else if (/Q/.test(period)) first = `${period.slice(0, 4)}-${String(3 * +period.slice(6) - 2).padStart(2, '0')}-01`;
  else first = `${period}-01`;
  return [first, last];
}

/**
 * Adds rows of `kind` (from the form or a sheet) through the core, all or nothing. The page
 * checks only what the core cannot know (records.js `toRecords`); the core checks the rest and
 * its error names the record by its position, which `where(position)` turns into the sheet's
 * row (a sheet) or nothing (the form).
 */
async function addRecords(kind, rows, label, box, where = () => '') {
  if (state.source === 'sample') { say(box, ON_SAMPLE); $(box).dataset.code = 'sample'; return false; }
  const { records, errors } = toRecords(kind, rows, state.baseRules, label);
  if (errors.length) {
    say(box, [`${KINDS[kind].title}有 ${errors.length} 处需要改正，尚未保存任何记录：`, ...errors.slice(0, 30), ...(errors.length > 30 ? [`……另有 ${errors.length - 30} 处`] : [])]);
    $(box).dataset.code = 'invalid_rows';
    return false;
  }
  try {
    const info = await call({ op: 'append', kind, records });
    useInfo(info);
    await persist();
    await refresh();
    await renderEntryList();
    say(box, `已添加 ${info.n} 条${KINDS[kind].title}（已在本机保存）`, 'ok');
    return true;
  } catch (err) {
    const at = Number.isInteger(err?.details?.position) ? where(err.details.position) : '';
    say(box, `${at}${zhError(err)}${/^record_/.test(err?.code ?? '') ? '。尚未保存任何记录。' : ''}`);
    if (err?.code) $(box).dataset.code = err.code;
    return false;
  }
}

// The record being corrected in the form (`{ kind, key }`), or null when the form adds.
let editing = null;

function formRow() {
  return Object.fromEntries([...$('entry-fields').querySelectorAll('[name]')].map((i) => [i.name, i.value.trim()]).filter(([, v]) => v !== ''));
}

async function submitEntry(ev) {
  ev.preventDefault();
  const kind = $('entry-kind').value;
  if (editing) { await saveCorrection(); return; }
  if (await addRecords(kind, [formRow()], () => '这条记录', 'entry-msg')) {
    for (const i of $('entry-fields').querySelectorAll('input')) if (!['date', 'item', 'month'].includes(i.name)) i.value = '';
  }
}

/** Puts the record `key` of `kind` into the form to be corrected (修改). */
function startCorrection(kind, key, record) {
  editing = { kind, key, record };
  fillEntryFields();
  const row = toRow(kind, record);
  for (const input of $('entry-fields').querySelectorAll('[name]')) {
    const v = row[input.name] ?? '';
    if (input.tagName === 'SELECT' && v && ![...input.options].some((o) => o.value === v)) input.append(el('option', { value: v }, v));
    input.value = v;
  }
  $('entry-kind').disabled = true;
  $('entry-add').textContent = '保存修改';
  $('entry-cancel').hidden = false;
  $('entry-form').dataset.editing = key;
  say('entry-msg', `正在修改${KINDS[kind].title} ${key}：改好后点“保存修改”。`, 'ok');
  $('entry-form').scrollIntoView({ block: 'nearest' });
}

function endCorrection() {
  editing = null;
  $('entry-kind').disabled = false;
  $('entry-add').textContent = '添加';
  $('entry-cancel').hidden = true;
  delete $('entry-form').dataset.editing;
}

async function saveCorrection() {
  const { kind, key, record: was } = editing;
  const row = formRow();
  // An item kept as it was is not checked against the rule set on the page (a branch's record
  // under the branch rules, corrected while the member rules are chosen).
  const rules = kind === 'activities' && row.item === was.item ? null : state.baseRules;
  const { records, errors } = toRecords(kind, [row], rules, () => '这条记录');
  if (errors.length) { say('entry-msg', errors); $('entry-msg').dataset.code = 'invalid_rows'; return; }
  const record = records[0];
  // A correction keeps the record's id when the field is left empty.
  if (kind !== 'payments' && !record.id) record.id = key;
  try {
    const info = await call({ op: 'correct', kind, id: key, record });
    useInfo(info);
    endCorrection();
    fillEntryFields();
    await persist();
    await refresh();
    await renderEntryList();
    say('entry-msg', `已修改${KINDS[kind].title} ${info.id}（已在本机保存）`, 'ok');
  } catch (err) {
    fail('entry-msg', err);
  }
}

async function removeRecord(kind, key) {
  try {
    useInfo(await call({ op: 'remove', kind, id: key }));
    if (editing?.key === key) { endCorrection(); fillEntryFields(); }
    await persist();
    await refresh();
    await renderEntryList();
    say('entry-msg', `已删除${KINDS[kind].title} ${key}（已在本机保存）`, 'ok');
  } catch (err) {
    fail('entry-msg', err);
  }
}

// The list of the period's records of the kind chosen in the form, newest first, with 修改 and
// 删除 (删除 asks once more on the same button). A long list shows 100 rows at a time.
const LIST_STEP = 100;
let listShown = LIST_STEP;

function recordCells(kind, r) {
  const who = (id) => [id, state.names.get(id) ? el('span', { class: 'who' }, ' ', el('span', { class: 'name-full' }, state.names.get(id)), el('span', { class: 'name-masked' }, mask(state.names.get(id)))) : null];
  const itemName = (code) => state.baseRules?.items.find((i) => i.code === code)?.name ?? orgItems?.[code] ?? code;
  const meeting = (k) => Object.keys(MEETING_KINDS).find((n) => MEETING_KINDS[n] === k) ?? k;
  if (kind === 'activities') return [['编号', r.id], ['对象', who(r.subject)], ['事项', itemName(r.item)], ['日期', r.date], ['数量', r.quantity ?? '1', 'num']];
  if (kind === 'meetings') return [['编号', r.id], ['组织', orgName(r.org)], ['类型', meeting(r.kind)], ['日期', r.date], ['出席', (r.attendees ?? []).length, 'num']];
  if (kind === 'payments') return [['党员', who(r.member)], ['月份', r.month], ['金额（元）', yuan(r.amount), 'num'], ['缴纳日期', r.paid_on], ['原因', r.reason ?? '']];
  return [['编号', r.id], ['党员', who(r.member)], ['岗位', r.post], ['日期', r.date], ['时长', r.hours, 'num']];
}

async function renderEntryList() {
  const box = $('entry-list');
  if ($('entry').hidden || !state.info) return;
  const kind = $('entry-kind').value;
  box.dataset.ready = 'false';
  $('entry-list-kind').textContent = KINDS[kind].title;
  if (state.source === 'sample') {
    box.replaceChildren(el('p', { class: 'hint' }, '示例数据的记录不能修改或删除。'));
    $('entry-list-count').textContent = '';
    box.dataset.ready = 'true';
    return;
  }
  const [first, last] = periodRange(state.period);
  const all = (await call({ op: 'records', kind, first, last })).reverse();
  const q = $('entry-filter').value.trim();
  const list = q ? all.filter(({ record }) => JSON.stringify(record).includes(q) || [record.subject, record.member].some((m) => state.names.get(m)?.includes(q))) : all;
  $('entry-list-count').textContent = `${state.period} · ${list.length} 条${q ? `（共 ${all.length} 条）` : ''}`;
  if (!list.length) {
    box.replaceChildren(el('p', { class: 'hint' }, q ? '没有符合的记录。' : '本期还没有这类记录。'));
    box.dataset.ready = 'true';
    return;
  }
  const cols = recordCells(kind, list[0].record).map(([h, , c]) => [h, c]);
  const body = el('tbody');
  for (const { key, record } of list.slice(0, listShown)) {
    const del = el('button', { type: 'button', class: 'remove', 'aria-label': `删除 ${key}` }, '删除');
    del.onclick = () => {
      if (del.dataset.confirm) { removeRecord(kind, key); return; }
      del.dataset.confirm = '1';
      del.textContent = '确认删除';
      setTimeout(() => { delete del.dataset.confirm; del.textContent = '删除'; }, 5000);
    };
    body.append(el('tr', { dataset: { key } },
      ...recordCells(kind, record).map(([h, v, c]) => el('td', { class: c ?? '', 'data-label': h }, el('span', {}, ...[v].flat()))),
      el('td', { class: 'actions' }, el('button', { type: 'button', class: 'edit', onclick: () => startCorrection(kind, key, record), 'aria-label': `修改 ${key}` }, '修改'), ' ', del)));
  }
  const more = list.length > listShown
    ? el('button', { type: 'button', class: 'link more', onclick: () => { listShown += LIST_STEP; renderEntryList(); } }, `再显示 ${Math.min(LIST_STEP, list.length - listShown)} 条（共 ${list.length} 条）`)
    : null;
  box.replaceChildren(el('table', { class: 'records stack' }, el('thead', {}, el('tr', {}, ...cols.map(([h, c]) => el('th', { class: c ?? '' }, h)), el('th', {}, ''))), body), more);
  box.dataset.ready = 'true';
}

async function importSheet(file) {
  say('io-msg', '');
  try {
    const grid = await readRows(new Uint8Array(await file.arrayBuffer()));
    const sheet = readSheet(grid);
    if (!sheet) throw { zh: `${file.name} 不是记录表：第一行应是模板的表头（积分记录：对象编号、积分事项、日期……）。可点“下载记录表模板”。` };
    await addRecords(sheet.kind, sheet.rows, (i) => `第${sheet.lines[i]}行`, 'io-msg', (p) => (sheet.lines[p] ? `${file.name} 第${sheet.lines[p]}行：` : ''));
  } catch (err) {
    fail('io-msg', err);
  }
}

function downloadTemplate() {
  const kind = $('entry-kind').value || 'activities';
  const cols = KINDS[kind].columns;
  download(`${KINDS[kind].title}模板.csv`, toCsv([cols.map((c) => c[0]), cols.map((c, i) => (i === 0 ? '说明：' : '') + c[3])]), 'text/csv;charset=utf-8');
}

// ---------------------------------------------------------------- exports
function boardRows() {
  const t = state.report.table;
  const w0 = whatIfRows();
  const w = w0 && Object.fromEntries(['rank_in_org_b', 'total_b', 'grade_b', 'rank_b'].map((k) => [k, w0.row.map((j) => w0[k][j])]));
  const masked = exportMasked();
  const head = ['支部编号', '支部', '支部名次', '编号', '姓名', '总分', '等次', '星级', '全社区名次'];
  const rows = t.subject.map((s, r) => [t.org[r] ?? '', state.report.org_names[r] ?? '', w ? w.rank_in_org_b[r] : t.rank_in_org[r], s,
    masked ? (state.report.names[r] || mask(state.names.get(s))) : (state.names.get(s) ?? state.report.names[r]),
    w ? w.total_b[r] : t.total[r], w ? w.grade_b[r] : t.grade_names[t.grade[r]], t.stars[r], w ? w.rank_b[r] : t.rank_overall[r]]);
  rows.sort((a, b) => natural(String(a[0]), String(b[0])) || a[2] - b[2]);
  return [head, ...rows];
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function exportBoard(format = 'csv') {
  const rows = boardRows();
  if (format === 'xlsx') download(`积分排行-${state.period}.xlsx`, toXlsx(rows, '积分排行'), XLSX_TYPE);
  else download(`积分排行-${state.period}.csv`, toCsv(rows), 'text/csv;charset=utf-8');
}

async function exportStats(format = 'csv') {
  const t = await statsTable();
  const cols = t.columns;
  const rows = [cols.map((c) => c.label_zh), ...[...Array(t.rows).keys()].map((r) => cols.map((c) => c.values.values[r] ?? ''))];
  const name = `党员队伍统计-${periodEnd(state.period)}`;
  if (format === 'xlsx') download(`${name}.xlsx`, toXlsx(rows, '党员队伍统计'), XLSX_TYPE);
  else download(`${name}.csv`, toCsv(rows), 'text/csv;charset=utf-8');
}

async function exportReport() {
  try {
    const text = await call({ op: 'reportText', rules: state.rules, period: state.period });
    download(`积分考核通报-${state.period}.txt`, text);
    say('io-msg', '');
  } catch (err) {
    fail('io-msg', err);
  }
}

// ---------------------------------------------------------------- start
async function boot() {
  const v = $('version');
  startEngine();
  let started;
  try {
    // The single-file edition carries both modules inline (base64).
    const bytes = (inline) => {
      if (!inline) return undefined;
      const bin = atob(inline);
      const out = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i += 1) out[i] = bin.charCodeAt(i);
      return out;
    };
    const wasm = bytes(globalThis.__DANGJIAN_WASM_BASE64);
    const reportWasm = bytes(globalThis.__DANGJIAN_REPORT_WASM_BASE64);
    started = await call({ op: 'init', wasm, reportWasm });
    v.textContent = started.version;
    v.dataset.ready = 'true';
  } catch (err) {
    v.textContent = '未加载';
    v.dataset.ready = 'error';
    $('boot').hidden = false;
    $('boot').textContent = `计算模块加载失败：${err?.message ?? err}`;
    return;
  }
  setRules(started.rules);
  wire();
  let restored = null;
  try {
    restored = await call({ op: 'restore' });
  } catch (err) {
    fail('io-msg', err);
  }
  if (restored) {
    useInfo(restored);
    state.savedAt = restored.savedAt;
    state.fileSavedAt = restored.fileSavedAt;
    state.period = restored.period ?? latestPeriod(restored);
    fillPeriods(state.period);
    showSaved();
    await refresh();
  } else {
    await loadSample();
  }
  fillEntryFields();
  if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
    navigator.serviceWorker.register('sw.js').then(() => { $('offline').textContent = 'dangjian · WebAssembly · 已可离线使用'; }).catch(() => {});
  }
  document.body.dataset.ready = 'true';
}

function wire() {
  $('period').onchange = (e) => { state.period = e.target.value; delete $('agenda-asof').dataset.chosen; refresh(); persistPeriod(); listShown = LIST_STEP; renderEntryList(); };
  $('scope').onchange = (e) => { state.scope = e.target.value; refresh(); };
  $('ruleset').onchange = async (e) => {
    if (e.target.value === '__file') return;
    setRules(await call({ op: 'builtinRuleSet', id: e.target.value }));
    await refresh();
    fillEntryFields();
  };
  $('rules-file').onchange = async (e) => {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (!f) return;
    try {
      const text = await f.text();
      if (/\.toml$/i.test(f.name)) throw { zh: '网页版只读 JSON 规则文件：请用命令行 dangjian rules 把 TOML 规则转成 JSON。', code: 'bad_argument' };
      const rules = await call({ op: 'loadRuleSet', text });
      const sel = $('ruleset');
      sel.querySelector('option[data-file]')?.remove();
      sel.append(el('option', { value: '__file', 'data-file': '1' }, `${rules.name}（${f.name}）`));
      sel.value = '__file';
      setRules(rules);
      await refresh();
      fillEntryFields();
      say('io-msg', `已使用规则文件 ${f.name}`, 'ok');
    } catch (err) {
      fail('io-msg', err);
    }
  };
  $('open-file').onchange = (e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) openDataFile(f); };
  $('save-file').onclick = saveDataFile;
  $('load-sample').onclick = () => {
    if (state.source === 'mine' && !confirm('切换到示例数据？您的数据仍保存在本机，重新打开页面或“打开数据文件”即可回来。')) return;
    loadSample();
  };
  $('roster-file').onchange = (e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) pickRoster(f); };
  $('roster-form').onsubmit = importRoster;
  $('roster-mode').onchange = () => { $('roster-name-label').hidden = $('roster-mode').value !== 'new'; };
  $('roster-close').onclick = () => { $('import-roster').hidden = true; };
  $('sheet-file').onchange = (e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) importSheet(f); };
  $('template').onclick = downloadTemplate;
  $('entry-open').onclick = () => { $('entry').hidden = false; fillEntryFields(); renderEntryList(); $('entry').scrollIntoView({ block: 'nearest' }); };
  $('entry-close').onclick = () => { $('entry').hidden = true; endCorrection(); };
  $('entry-kind').onchange = () => { fillEntryFields(); listShown = LIST_STEP; renderEntryList(); };
  $('entry-cancel').onclick = () => { endCorrection(); fillEntryFields(); say('entry-msg', ''); };
  $('entry-filter').oninput = () => { listShown = LIST_STEP; renderEntryList(); };
  $('agenda-form').onsubmit = (e) => { e.preventDefault(); $('agenda-asof').dataset.chosen = '1'; renderAgenda(); };
  $('appraisal-year').onchange = (e) => { e.target.dataset.chosen = '1'; renderAppraisal(); };
  $('practice-kind').onchange = renderPractices;
  $('entry-form').onsubmit = submitEntry;
  $('export-report').onclick = exportReport;
  $('export-board').onclick = () => exportBoard('csv');
  $('export-stats').onclick = () => exportStats('csv');
  $('export-board-xlsx').onclick = () => exportBoard('xlsx');
  $('export-stats-xlsx').onclick = () => exportStats('xlsx');
  $('print').onclick = () => { drawAllRows(); window.print(); };
  window.addEventListener('beforeprint', drawAllRows);
  $('privacy-screen').onchange = (e) => document.body.classList.toggle('show-full', e.target.checked);
  $('privacy-export').onchange = (e) => document.body.classList.toggle('mask-export', e.target.checked);
  $('whatif-form').onsubmit = runWhatIf;
  $('whatif-reset').onclick = () => { refresh(); };
  $('explain-close').onclick = closeExplain;
  $('board').addEventListener('click', (e) => {
    const tr = e.target.closest('tr.member');
    if (tr) explain(tr.dataset.subject, tr);
  });
  // Drag and drop: a dataset (.json), a roster or a record sheet.
  const drop = $('drop');
  window.addEventListener('dragover', (e) => { e.preventDefault(); drop.hidden = false; });
  drop.addEventListener('dragleave', () => { drop.hidden = true; });
  window.addEventListener('drop', async (e) => {
    e.preventDefault();
    drop.hidden = true;
    const f = e.dataTransfer?.files?.[0];
    if (!f) return;
    if (/\.json$/i.test(f.name)) openDataFile(f);
    else {
      const grid = await readRows(new Uint8Array(await f.arrayBuffer())).catch(() => null);
      if (grid && readSheet(grid)) importSheet(f); else pickRoster(f);
    }
  });
}

async function persistPeriod() {
  if (state.source === 'mine') await persist({ changed: false });
}

boot();
