// The month's record sheets, as the command line's `dangjian template` / `dangjian import`
// define them (core/src/bin/dangjian/sheets.rs): the same Chinese headers, so a sheet filled
// for the CLI imports here too. Every cell is checked here before anything reaches the core,
// and every bad cell is reported in Chinese with its row.

export const KINDS = {
  activities: {
    title: '积分记录',
    columns: [
      ['记录编号', 'id', false, '可空，自动编号'],
      ['对象编号', 'subject', true, '党员编号或组织编号'],
      ['积分事项', 'item', true, '规则表中的事项代码，如 meeting'],
      ['日期', 'date', true, '2026-10-12'],
      ['数量', 'quantity', false, '默认 1，最多三位小数'],
      ['冲销记录', 'reverses', false, '被冲销的记录编号'],
      ['备注', 'note', false, '不含个人信息'],
    ],
  },
  meetings: {
    title: '会议记录',
    columns: [
      ['会议编号', 'id', false, '可空，自动编号'],
      ['组织编号', 'org', true, '如 B1'],
      ['会议类型', 'kind', true, '支部党员大会、支部委员会会议、党小组会、党课、主题党日、组织生活会、民主评议党员'],
      ['日期', 'date', true, '2026-10-12'],
      ['出席党员', 'attendees', false, '党员编号，以、或，分隔'],
      ['请假党员', 'excused', false, '党员编号，以、或，分隔'],
      ['主题', 'topic', false, '会议主题'],
    ],
  },
  payments: {
    title: '党费收缴',
    columns: [
      ['党员编号', 'member', true, '如 XF001'],
      ['所属月份', 'month', true, '2026-10'],
      ['金额（元）', 'amount', false, '如 16.50；未交填 0 并写原因'],
      ['缴纳日期', 'date', true, '2026-10-10'],
      ['未交原因', 'reason', false, '未交或少交时填写'],
    ],
  },
  service: {
    title: '服务记录',
    columns: [
      ['记录编号', 'id', false, '可空，自动编号'],
      ['党员编号', 'member', true, '如 XF001'],
      ['岗位编号', 'post', true, '如 P-CIV'],
      ['日期', 'date', true, '2026-10-12'],
      ['时长（小时）', 'hours', true, '大于 0 且不超过 24，最多三位小数'],
      ['已核实', 'verified', false, '是 / 否'],
      ['备注', 'note', false, '不含个人信息'],
    ],
  },
};

export const MEETING_KINDS = {
  支部党员大会: 'branch_assembly',
  支部委员会会议: 'branch_committee',
  党小组会: 'group_meeting',
  党课: 'party_lecture',
  主题党日: 'theme_day',
  组织生活会: 'org_life_meeting',
  民主评议党员: 'democratic_appraisal',
};

export const NOTE_MARK = '说明：';

/** A date as written, checked: `YYYY-MM-DD` and a real day; else the Chinese reason. */
export function checkDate(text) {
  const s = String(text ?? '').trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) {
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    if (d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3]) return { ok: s };
    return { error: `日期 ${s} 不存在` };
  }
  const loose = /^(\d{4})\s*[./年\-]\s*(\d{1,2})\s*[./月\-]\s*(\d{1,2})\s*日?$/.exec(s);
  if (loose) {
    const fixed = `${loose[1]}-${loose[2].padStart(2, '0')}-${loose[3].padStart(2, '0')}`;
    return { error: `日期 ${s} 应写成 ${fixed}` };
  }
  return { error: s ? `日期 ${s} 应写成 年-月-日，如 2026-10-15` : '日期未填写' };
}

function checkMonth(text) {
  const s = String(text ?? '').trim();
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(s)) return { ok: s };
  const loose = /^(\d{4})\s*[./年\-]\s*(\d{1,2})\s*月?$/.exec(s);
  if (loose && +loose[2] >= 1 && +loose[2] <= 12) return { error: `月份 ${s} 应写成 ${loose[1]}-${loose[2].padStart(2, '0')}` };
  return { error: s ? `月份 ${s} 应写成 年-月，如 2026-10` : '月份未填写' };
}

function checkDecimal(text, what, { positive = false, max = null } = {}) {
  const s = String(text ?? '').trim();
  if (!/^-?\d+(\.\d{1,3})?$/.test(s)) return { error: `${what} ${s} 应是数字（最多三位小数）` };
  const v = Number(s);
  if (positive && !(v > 0)) return { error: `${what} ${s} 应大于 0` };
  if (max !== null && v > max) return { error: `${what} ${s} 不能超过 ${max}` };
  return { ok: s };
}

function split(list) {
  return String(list ?? '').split(/[、，,；;\s]+/).map((x) => x.trim()).filter(Boolean);
}

/**
 * Turns rows (objects keyed by the short names) into dataset records of `kind`, checking each
 * against the working dataset `ds` and the rule set `rules`. Returns `{ records, errors }`;
 * `label(i)` names row i in messages (e.g. `第3行`).
 */
export function toRecords(kind, rows, ds, rules, label) {
  const members = new Set((ds.members ?? []).map((m) => m.id));
  const orgs = new Set((ds.orgs ?? []).map((o) => o.id));
  const items = new Set((rules?.items ?? []).map((i) => i.code));
  const posts = new Set((ds.posts ?? []).map((p) => p.id));
  // Ids typed twice in one sheet are refused here; ids already in the dataset are the engine's
  // to check (it also numbers the records left without one: engine.js `append`).
  const existing = new Set();
  const records = [];
  const errors = [];
  const nextId = () => undefined;
  rows.forEach((row, i) => {
    const problems = [];
    const who = [row.id, row.subject ?? row.member ?? row.org].filter(Boolean).join('，');
    const where = `${label(i)}${who ? `（${who}）` : ''}`;
    const date = (key = 'date') => {
      const r = checkDate(row[key]);
      if (r.error) problems.push(r.error);
      return r.ok;
    };
    const id = (prefix) => {
      if (row.id) {
        if (existing.has(row.id)) problems.push(`编号 ${row.id} 已经用过`);
        existing.add(row.id);
        return row.id;
      }
      return nextId(prefix);
    };
    const member = (key) => {
      const m = String(row[key] ?? '').trim();
      if (!m) problems.push('党员编号未填写');
      else if (!members.has(m)) problems.push(`党员编号 ${m} 不在花名册上`);
      return m;
    };
    let rec;
    if (kind === 'activities') {
      const subject = String(row.subject ?? '').trim();
      if (!subject) problems.push('对象编号未填写');
      else if (!members.has(subject) && !orgs.has(subject)) problems.push(`对象编号 ${subject} 不在花名册或组织中`);
      const item = String(row.item ?? '').trim();
      if (!item) problems.push('积分事项未填写');
      else if (items.size && !items.has(item)) problems.push(`积分事项 ${item} 不在规则中（可用：${[...items].join('、')}）`);
      const q = row.quantity === undefined || String(row.quantity).trim() === '' ? null : checkDecimal(row.quantity, '数量');
      if (q?.error) problems.push(q.error);
      rec = { id: id('A'), subject, item, date: date() };
      if (q?.ok) rec.quantity = q.ok;
      if (row.reverses) rec.reverses = String(row.reverses).trim();
      if (row.note) rec.note = String(row.note);
    } else if (kind === 'meetings') {
      const org = String(row.org ?? '').trim();
      if (!org) problems.push('组织编号未填写');
      else if (!orgs.has(org)) problems.push(`组织编号 ${org} 不存在`);
      const k = MEETING_KINDS[String(row.kind ?? '').trim()] ?? (Object.values(MEETING_KINDS).includes(row.kind) ? row.kind : null);
      if (!k) problems.push(`会议类型 ${row.kind ?? ''} 应是：${Object.keys(MEETING_KINDS).join('、')}`);
      const attendees = split(row.attendees);
      const excused = split(row.excused);
      for (const m of [...attendees, ...excused]) if (!members.has(m)) problems.push(`党员编号 ${m} 不在花名册上`);
      rec = { id: id('MT'), org, kind: k, date: date(), attendees, excused };
      if (row.topic) rec.topic = String(row.topic);
    } else if (kind === 'payments') {
      const m = member('member');
      const mo = checkMonth(row.month);
      if (mo.error) problems.push(mo.error);
      const a = String(row.amount ?? '').trim() === '' ? { ok: '0' } : checkDecimal(row.amount, '金额', {});
      if (a.error) problems.push(a.error);
      else if (!/^\d+(\.\d{1,2})?$/.test(a.ok)) problems.push(`金额 ${a.ok} 应是元，最多两位小数`);
      const [yuan, jiao = ''] = (a.ok ?? '0').split('.');
      rec = { member: m, month: mo.ok, amount: Number(yuan) * 100 + Number((jiao + '00').slice(0, 2)), paid_on: date() };
      if (row.reason) rec.reason = String(row.reason);
    } else {
      const m = member('member');
      const post = String(row.post ?? '').trim();
      if (!post) problems.push('岗位编号未填写');
      else if (posts.size && !posts.has(post)) problems.push(`岗位编号 ${post} 不存在`);
      const h = checkDecimal(row.hours, '时长', { positive: true, max: 24 });
      if (h.error) problems.push(h.error);
      const v = String(row.verified ?? '').trim();
      rec = { id: id('S'), member: m, post, date: date(), hours: h.ok, verified: ['是', 'true', '1', 'yes', '已核实'].includes(v) };
      if (row.note) rec.note = String(row.note);
    }
    if (problems.length) errors.push(`${where}${problems.join('；')}`);
    else records.push(rec);
  });
  return { records, errors };
}

/**
 * The record sheet in `grid` (rows of cells): which kind it is (by its headers), its data rows
 * keyed by short names with their sheet row numbers.
 */
export function readSheet(grid) {
  for (const [kind, spec] of Object.entries(KINDS)) {
    const required = spec.columns.filter((c) => c[2]).map((c) => c[0]);
    const at = grid.findIndex((r) => required.every((h) => r.some((c) => String(c).trim() === h)));
    if (at < 0) continue;
    const header = grid[at].map((c) => String(c).trim());
    const index = spec.columns.map(([h, key]) => [key, header.indexOf(h)]);
    const rows = [];
    const lines = [];
    grid.slice(at + 1).forEach((r, k) => {
      if (!r.some((c) => String(c ?? '').trim())) return;
      if (String(r[0] ?? '').startsWith(NOTE_MARK)) return;
      rows.push(Object.fromEntries(index.filter(([, j]) => j >= 0).map(([key, j]) => [key, String(r[j] ?? '').trim()]).filter(([, v]) => v !== '')));
      lines.push(at + k + 2);
    });
    return { kind, rows, lines };
  }
  return null;
}
