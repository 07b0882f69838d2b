// The demo page: everything is computed in this browser by the dangjian wasm module.
// Plain ES module, no framework, no network beyond this static site (works offline).
import init, { Community, builtinRuleSet, version } from '../pkg/dangjian_wasm.js';

const $ = (id) => document.getElementById(id);
const STATUS = { counted: '计入', partial: '部分计入（达上限）', over_cap: '超出上限', reversed: '已撤销', reversal: '撤销记录', rejected: '未计入' };
const CATEGORY = { basic: '基本分', reward: '奖励分', deduction: '扣分', veto: '一票否决' };

const state = {
  community: null, // Community (wasm)
  baseRules: null, // RuleSet as loaded
  rules: null, // RuleSet in force on the page (edited by what-if)
  period: '2026-10',
  report: null, // MonthlyReport under baseRules
  whatIf: null, // WhatIf base → edited, when edited
  selected: null,
};

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}

function showError(err) {
  const box = $('error');
  if (!err) { box.hidden = true; return; }
  box.hidden = false;
  const where = err.details ? Object.entries(err.details).map(([k, v]) => `${k}=${v}`).join('，') : '';
  box.textContent = `出错了（${err.code ?? 'error'}）：${err.message}${where ? `（${where}）` : ''}`;
  box.dataset.code = err.code ?? '';
}

// ---------------------------------------------------------------- leaderboard
function renderBoard() {
  const rep = state.report;
  const t = rep.table;
  const w = state.whatIf;
  const board = $('board');
  board.replaceChildren();
  const orgs = [...new Set(t.org)].sort();
  for (const org of orgs) {
    const rows = t.subject.map((_, r) => r).filter((r) => t.org[r] === org);
    // Under an edited rule set, order by the edited rank in the organization.
    const rank = (r) => (w ? w.rank_in_org_b[r] : t.rank_in_org[r]);
    rows.sort((x, y) => rank(x) - rank(y) || x - y);
    const body = el('tbody');
    for (const r of rows) {
      const moved = w ? w.rank_in_org_a[r] - w.rank_in_org_b[r] : 0;
      const grade = w ? w.grade_b[r] : t.grade_names[t.grade[r]];
      const gi = t.grade_names.indexOf(grade);
      const total = w ? w.total_b[r] : t.total[r];
      body.append(el('tr', {
        class: 'member' + (state.selected === t.subject[r] ? ' selected' : ''),
        dataset: { subject: t.subject[r], total: String(total), rank: String(rank(r)), grade, stars: String(t.stars[r]) },
        onclick: () => explain(t.subject[r]),
      },
      el('td', { class: 'num' }, rank(r)),
      el('td', {}, t.subject[r]),
      el('td', {}, rep.names[r]),
      el('td', { class: 'num' }, total),
      el('td', {}, el('span', { class: `grade g${gi}` }, grade), t.vetoed[r] ? ' 否决' : '', t.demoted[r] ? ' 限额' : ''),
      el('td', { class: 'stars' }, '★'.repeat(t.stars[r])),
      el('td', { class: moved > 0 ? 'move-up' : moved < 0 ? 'move-down' : '' }, moved > 0 ? `▲${moved}` : moved < 0 ? `▼${-moved}` : ''),
      ));
    }
    const name = rep.org_names[rows[0]] || org || '—';
    board.append(el('div', { class: 'branch', dataset: { org: org ?? '' } },
      el('h3', {}, `${name}（${org}）· ${rows.length} 人`),
      el('div', { class: 'scroll' }, el('table', {}, el('thead', {}, el('tr', {}, el('th', { class: 'num' }, '名次'), el('th', {}, '编号'), el('th', {}, '姓名'),
        el('th', { class: 'num' }, '总分'), el('th', {}, '等次'), el('th', {}, '星级'), el('th', {}, w ? '变化' : ''))), body))));
  }
  const counts = t.grade_names.map((g, i) => `${g} ${t.grade.filter((x) => x === i).length}`);
  $('summary').textContent = `${t.period} · 参评 ${t.subject.length} 人 · ${counts.join(' · ')}`;
  board.dataset.ready = 'true';
}

// ---------------------------------------------------------------- explanation
function explain(subject) {
  state.selected = subject;
  document.querySelectorAll('tr.member').forEach((tr) => tr.classList.toggle('selected', tr.dataset.subject === subject));
  const box = $('explain');
  try {
    const e = state.community.explain(state.rules, state.period, subject, { mode: 'lenient' });
    const r = state.report.table.subject.indexOf(subject);
    $('explain-who').textContent = `${subject} ${state.report.names[r] ?? ''}`;
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
      el('div', { class: 'scroll' }, el('table', { id: 'events' }, el('thead', {}, el('tr', {}, el('th', {}, '日期'), el('th', {}, '事项'), el('th', { class: 'num' }, '数量'), el('th', { class: 'num' }, '计入'), el('th', {}, '说明'))), events)),
    );
    box.dataset.subject = subject;
    showError(null);
  } catch (err) {
    showError(err);
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
}

function runWhatIf(ev) {
  ev?.preventDefault();
  const edited = structuredClone(state.baseRules);
  edited.id = `${edited.id}-whatif`;
  if (edited.grades[0]) edited.grades[0].min = Number($('th-top').value);
  if (edited.grades[1]) edited.grades[1].min = Number($('th-second').value);
  const item = edited.items.find((i) => i.code === $('cap-item').value);
  if (item?.cap) item.cap.points = Number($('cap-points').value);
  try {
    const w = state.community.whatIf(state.baseRules, edited, state.period, { mode: 'lenient' });
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
      el('p', { class: 'stat', id: 'whatif-stat', dataset: { gradeChanges: String(w.grade_changes), rankChanges: String(w.rank_changes) } },
        `等次变化 ${w.grade_changes} 人 · 名次变化 ${w.rank_changes} 人 · 名次相关系数 ρ = ${rho}`),
      el('table', {}, head, el('tbody', {}, ...rows)),
    );
    renderBoard();
    renderChart();
    renderStats();
    if (state.selected) explain(state.selected);
    showError(null);
  } catch (err) {
    showError(err);
  }
}

// ---------------------------------------------------------------- chart (inline SVG)
function renderChart() {
  const t = state.report.table;
  const totals = (state.whatIf ? state.whatIf.total_b : t.total).map(Number);
  const step = 5;
  const lo = Math.floor(Math.min(...totals) / step) * step;
  const hi = Math.floor(Math.max(...totals) / step) * step;
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

/** The last day of a `YYYY-MM` period. */
function monthEnd(period) {
  const [y, m] = period.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

function renderStats() {
  const day = monthEnd(state.period);
  const t = state.community.statsMembership(day);
  const byName = Object.fromEntries(t.columns.map((c) => [c.name, c]));
  const kind = byName.org_kind.values.values;
  // Organizations with members of their own or below them: the general branch and branches.
  const rows = [...Array(t.rows).keys()].filter((r) => kind[r] !== '党小组');
  const cols = STAT_COLUMNS.map((n) => byName[n]).filter(Boolean);
  const head = el('tr', {}, ...cols.map((c) => el('th', {}, c.label_zh)));
  const body = rows.map((r) => el('tr', { dataset: { org: byName.org.values.values[r] } },
    ...cols.map((c) => el('td', { class: c.role === 'count' ? 'num' : '', dataset: { col: c.name } }, c.values.values[r] ?? '—'))));
  $('stats').replaceChildren(el('table', { class: 'stats' }, el('thead', {}, head), el('tbody', {}, ...body)));
  $('stats').dataset.ready = 'true';
  $('stats-date').textContent = `截至 ${day}`;
  // Age bands of the whole community (the first row: the root of the tree, rolled up).
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
  $('age-chart').replaceChildren(el('h3', {}, '年龄结构（全社区）'), svg);
}

// ---------------------------------------------------------------- loading
function refresh() {
  try {
    state.report = state.community.report(state.baseRules, state.period, { mode: 'lenient' });
    state.whatIf = null;
    state.rules = state.baseRules;
    renderBoard();
    renderChart();
    renderStats();
    if (state.selected && state.report.table.subject.includes(state.selected)) explain(state.selected);
    else { state.selected = null; $('explain-who').textContent = ''; }
    showError(null);
  } catch (err) {
    showError(err);
  }
}

function setRules(id) {
  state.baseRules = builtinRuleSet(id);
  fillWhatIfForm();
}

function fillPeriods(last) {
  const sel = $('period');
  const [y, m] = last.split('-').map(Number);
  const opts = [];
  for (let k = 0; k < 12; k += 1) {
    const d = new Date(Date.UTC(y, m - 1 - k, 1));
    const p = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    opts.push(el('option', { value: p }, `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月`));
  }
  sel.replaceChildren(...opts);
  sel.value = last;
}

function latestPeriod(datasetText) {
  // The month of the latest activity (falls back to the sample's 2026-10).
  try {
    const ds = JSON.parse(datasetText);
    const last = (ds.activities ?? []).reduce((a, x) => (x.date > a ? x.date : a), '');
    return last ? last.slice(0, 7) : '2026-10';
  } catch { return '2026-10'; }
}

async function loadFile(file) {
  const text = await file.text();
  try {
    const c = Community.fromJson(text);
    state.community?.free();
    state.community = c;
    $('community').textContent = `${c.name}（名册 ${c.memberCount} 人，${c.activityCount} 条积分记录）`;
    $('source').querySelector('option[value=file]').disabled = false;
    $('source').value = 'file';
    state.period = latestPeriod(text);
    fillPeriods(state.period);
    refresh();
  } catch (err) {
    showError(err);
  }
}

function loadSample() {
  state.community?.free();
  state.community = Community.sample();
  $('community').textContent = `${state.community.name}（示例数据，名册 ${state.community.memberCount} 人，${state.community.activityCount} 条积分记录）`;
  state.period = '2026-10';
  fillPeriods(state.period);
  refresh();
}

async function main() {
  const v = $('version');
  try {
    await init();
    v.textContent = version();
    v.dataset.ready = 'true';
  } catch (err) {
    v.textContent = `error: ${err}`;
    v.dataset.ready = 'error';
    return;
  }
  setRules('member-default');
  loadSample();
  $('period').onchange = (e) => { state.period = e.target.value; refresh(); };
  $('ruleset').onchange = (e) => { setRules(e.target.value); refresh(); };
  $('source').onchange = (e) => { if (e.target.value === 'sample') loadSample(); };
  $('file').onchange = (e) => {
    const f = e.target.files?.[0];
    if (f) loadFile(f);
    e.target.value = ''; // choosing the same file again loads it again
  };
  $('whatif-form').onsubmit = runWhatIf;
  $('whatif-reset').onclick = () => { fillWhatIfForm(); refresh(); };
  // Drag and drop a dataset anywhere on the page.
  const drop = $('drop');
  window.addEventListener('dragover', (e) => { e.preventDefault(); drop.hidden = false; });
  drop.addEventListener('dragleave', () => { drop.hidden = true; });
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.hidden = true;
    const f = e.dataTransfer?.files?.[0];
    if (f) loadFile(f);
  });
}

main();
