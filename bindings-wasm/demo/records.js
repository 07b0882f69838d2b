// The month's record sheets, as the command line's `dangjian template` / `dangjian import`
// define them (core/src/bin/dangjian/sheets.rs): the same Chinese headers, so a sheet filled
// for the CLI imports here too. The records are checked by the core when they are added (all or
// nothing, its Chinese message naming the record); here only what the core cannot know.

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

function split(list) {
  return String(list ?? '').split(/[、，,；;\s]+/).map((x) => x.trim()).filter(Boolean);
}

/**
 * Turns rows (objects keyed by the short names) into dataset records of `kind`. Only what the
 * core cannot know is checked here: a required cell left empty, an activity's item against the
 * rule set chosen on the page, a meeting's kind and a payment's amount written in 元 (turned
 * into the core's fields). Everything else — dates, the people, organizations and posts a
 * record names, ids, hours, the rules of each section — is the core's to check when the
 * records are added (`Community.addActivities` …), all or nothing, with its Chinese message.
 * Returns `{ records, errors }`; `label(i)` names row i in messages (e.g. `第3行`).
 */
export function toRecords(kind, rows, rules, label) {
  const items = new Set((rules?.items ?? []).map((i) => i.code));
  const records = [];
  const errors = [];
  rows.forEach((row, i) => {
    const problems = [];
    const who = [row.id, row.subject ?? row.member ?? row.org].filter(Boolean).join('，');
    const where = `${label(i)}${who ? `（${who}）` : ''}`;
    const text = (key) => String(row[key] ?? '').trim();
    const need = (key, what) => {
      const v = text(key);
      if (!v) problems.push(`${what}未填写`);
      return v;
    };
    const opt = (rec, key, value = text(key)) => { if (value !== '') rec[key] = value; };
    let rec;
    if (kind === 'activities') {
      rec = { id: text('id') || undefined, subject: need('subject', '对象编号'), item: need('item', '积分事项'), date: need('date', '日期') };
      if (rec.item && items.size && !items.has(rec.item)) problems.push(`积分事项 ${rec.item} 不在所选规则中（可用：${[...items].join('、')}）`);
      opt(rec, 'quantity');
      opt(rec, 'reverses');
      opt(rec, 'note', String(row.note ?? ''));
    } else if (kind === 'meetings') {
      const k = MEETING_KINDS[text('kind')] ?? (Object.values(MEETING_KINDS).includes(text('kind')) ? text('kind') : null);
      if (!k) problems.push(`会议类型 ${text('kind')} 应是：${Object.keys(MEETING_KINDS).join('、')}`);
      rec = { id: text('id') || undefined, org: need('org', '组织编号'), kind: k, date: need('date', '日期'), attendees: split(row.attendees), excused: split(row.excused) };
      opt(rec, 'topic', String(row.topic ?? ''));
    } else if (kind === 'payments') {
      const a = text('amount') || '0';
      let amount = null;
      if (/^\d+(\.\d{1,2})?$/.test(a)) {
        const [yuan, jiao = ''] = a.split('.');
        amount = Number(yuan) * 100 + Number((jiao + '00').slice(0, 2));
      } else problems.push(`金额 ${a} 应是元，最多两位小数，如 16.50`);
      rec = { member: need('member', '党员编号'), month: need('month', '所属月份'), amount, paid_on: need('date', '缴纳日期') };
      opt(rec, 'reason', String(row.reason ?? ''));
    } else {
      const v = text('verified');
      rec = { id: text('id') || undefined, member: need('member', '党员编号'), post: need('post', '岗位编号'), date: need('date', '日期'), hours: need('hours', '时长'), verified: ['是', 'true', '1', 'yes', '已核实'].includes(v) };
      opt(rec, 'note', String(row.note ?? ''));
    }
    if (rec.id === undefined) delete rec.id;
    if (problems.length) errors.push(`${where}${problems.join('；')}`);
    else records.push(rec);
  });
  return { records, errors };
}

/** A record of `kind` as the form's fields (the inverse of `toRecords` for one row). */
export function toRow(kind, r) {
  if (kind === 'activities') return { id: r.id, subject: r.subject, item: r.item, date: r.date, quantity: r.quantity ?? '', reverses: r.reverses ?? '', note: r.note ?? '' };
  if (kind === 'meetings') {
    const name = Object.keys(MEETING_KINDS).find((k) => MEETING_KINDS[k] === r.kind) ?? r.kind;
    return { id: r.id, org: r.org, kind: name, date: r.date, attendees: (r.attendees ?? []).join('、'), excused: (r.excused ?? []).join('、'), topic: r.topic ?? '' };
  }
  if (kind === 'payments') return { member: r.member, month: r.month, amount: yuan(r.amount), date: r.paid_on, reason: r.reason ?? '' };
  return { id: r.id, member: r.member, post: r.post, date: r.date, hours: String(r.hours), verified: r.verified ? '是' : '否', note: r.note ?? '' };
}

/** 分 as 元 (`1650` → `16.50`). */
export function yuan(fen) {
  const f = Number(fen ?? 0);
  return `${Math.trunc(f / 100)}.${String(Math.abs(f % 100)).padStart(2, '0')}`;
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
