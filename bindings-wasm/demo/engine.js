// The workbench's engine: the wasm `Community`, the working dataset and its copy in IndexedDB.
// It runs in a Web Worker (worker.js), so that loading and scoring a 20,000-member community
// never blocks the page; the single-file edition (file://, no worker files) runs the same code
// on the page. Messages: `{ op, ...args }` → a result, or a thrown error (the core's, with
// `code`, `details`, `rows`); `progress(text)` reports the phases of a long operation.
//
// Every record goes through the core's record APIs (`Community.addActivities`,
// `correctActivity`, `removeActivity` and their kin for meetings, payments and service records;
// `importRosterCsv` for a roster): each change is all or nothing, checked by the core, and a
// refused one throws the core's error (Chinese, naming the record by its position in the batch).
// Only a roster that brings new branches rebuilds the community (the core has no API to add
// organizations): its dataset with the new branches, loaded whole, then `importRosterCsv`.
import init, { Community, builtinRuleSet, loadReportModule, loadRuleSet, version } from '../pkg/dangjian_wasm.js';

// The package's second module (agenda, year tables, practices, assessment: `loadReportModule`),
// fetched when the page first asks for one of those panels, not at start. `source`: the module's
// bytes in the single-file edition, else the file next to the package.
let reportSource;
const report = () => loadReportModule(reportSource);

let community = null;
let ds = null; // the dataset as a plain object
let source = 'sample';
const scopes = new Map();

const DB = 'dangjian-workbench';
function db() {
  return new Promise((resolve, reject) => {
    const r = indexedDB.open(DB, 1);
    r.onupgradeneeded = () => r.result.createObjectStore('work');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}
async function idb(mode, f) {
  const d = await db();
  return new Promise((resolve, reject) => {
    const tx = d.transaction('work', mode);
    const req = f(tx.objectStore('work'));
    tx.oncomplete = () => { d.close(); resolve(req?.result); };
    tx.onerror = () => { d.close(); reject(tx.error); };
  });
}

/** What the page needs to know of the community (no activity list: it may be 300,000 long). */
function summary() {
  let last = '';
  for (const a of ds.activities ?? []) if (a.date > last) last = a.date;
  return {
    source,
    name: community.name,
    memberCount: community.memberCount,
    activityCount: community.activityCount,
    members: (ds.members ?? []).map((m) => [m.id, m.name]),
    orgs: (ds.orgs ?? []).map((o) => ({ id: o.id, name: o.name, kind: o.kind, parent: o.parent ?? null })),
    posts: (ds.posts ?? []).map((p) => p.id),
    lastDate: last,
    // the years of the recorded democratic appraisals (民主评议党员), newest first
    appraisalYears: [...new Set((ds.appraisals ?? []).map((a) => a.year))].sort((a, b) => b - a),
  };
}

function use(next, text, from, progress) {
  progress?.('正在校验名册和记录…');
  const c = Community.fromJson(text ?? JSON.stringify(next));
  dropScopes();
  community?.free();
  community = c;
  ds = next;
  source = from;
  return summary();
}

/** Frees the scope views (before a change: they would keep the old community alive). */
function dropScopes() {
  for (const s of scopes.values()) s.free();
  scopes.clear();
}

// The core's record APIs per kind of record, and the key a record is found by.
const API = {
  activities: { add: 'addActivities', correct: 'correctActivity', remove: 'removeActivity', prefix: 'A', key: (r) => r.id },
  meetings: { add: 'addMeetings', correct: 'correctMeeting', remove: 'removeMeeting', prefix: 'MT', key: (r) => r.id },
  payments: { add: 'addPayments', correct: 'correctPayment', remove: 'removePayment', prefix: null, key: (r) => `${r.member}/${r.month}` },
  service: { add: 'addServiceRecords', correct: 'correctServiceRecord', remove: 'removeServiceRecord', prefix: 'S', key: (r) => r.id },
};

function scope(org) {
  if (!scopes.has(org)) scopes.set(org, community.scope(org));
  return scopes.get(org);
}

const handlers = {
  async init({ wasm, reportWasm }) {
    await init(wasm ? { module_or_path: wasm } : undefined);
    reportSource = reportWasm;
    return { version: version(), rules: builtinRuleSet('member-default') };
  },
  builtinRuleSet: ({ id }) => builtinRuleSet(id),
  loadRuleSet: ({ text }) => loadRuleSet(text, 'json'),
  sample() {
    const c = Community.sample();
    const text = c.toJson();
    c.free();
    return use(JSON.parse(text), text, 'sample');
  },
  async open({ file }, progress) {
    progress('正在读取数据文件…');
    const text = await file.text();
    let next;
    try {
      next = JSON.parse(text);
    } catch {
      throw Object.assign(new Error('文件不是 JSON 格式'), { code: 'json' });
    }
    return use(next, text, 'mine', progress);
  },
  async restore(_, progress) {
    const work = await idb('readonly', (s) => s.get('current'));
    if (!work?.text) return null;
    progress('正在打开上次的工作…');
    return { ...use(JSON.parse(work.text), work.text, 'mine', progress), savedAt: work.savedAt, fileSavedAt: work.fileSavedAt ?? null, period: work.period };
  },
  async persist({ meta }) {
    if (source !== 'mine') return false;
    // The community as the core holds it (records as the core keeps them), not the page's copy.
    await idb('readwrite', (s) => s.put({ text: community.toJson(), ...meta }, 'current'));
    return true;
  },
  /** A new community (`base`, a dataset with its organizations) or the current one with the
   * new branches `newOrgs`, plus a roster (CSV bytes), all or nothing: the core's
   * `importRosterCsv` on the current community when no branch is new, else on the community
   * rebuilt with its new branches (the core has no API to add organizations). */
  roster({ base, newOrgs, csv, asOf }, progress) {
    progress('正在导入花名册…');
    if (!base && !newOrgs?.length) {
      dropScopes();
      const n = community.importRosterCsv(csv, asOf, undefined, undefined, 'registered');
      ds = JSON.parse(community.toJson());
      source = 'mine';
      return { n, ...summary() };
    }
    const next = base ?? { ...JSON.parse(community.toJson()), orgs: [...ds.orgs, ...newOrgs] };
    const c = Community.fromJson(JSON.stringify(next));
    let n;
    try {
      n = c.importRosterCsv(csv, asOf, undefined, undefined, 'registered');
    } catch (err) {
      c.free();
      throw err;
    }
    const text = c.toJson();
    dropScopes();
    community?.free();
    community = c;
    ds = JSON.parse(text);
    source = 'mine';
    return { n, ...summary() };
  },
  /** Adds `records` of `kind` through the core (`addActivities` …), all or nothing. Records
   * without an id get the next free one of their kind; a payment's id is its member and month.
   * A refused batch throws the core's error, which names the record by its position
   * (`details.position`, 0-based) and leaves the community as it was. */
  append({ kind, records }, progress) {
    const api = API[kind];
    if (!api) throw Object.assign(new Error(`unknown kind ${kind}`), { code: 'bad_argument' });
    progress?.('正在核对记录…');
    if (api.prefix) {
      // New ids follow the ones already there (MT0364 → MT0365), else A000001, MT000001, S000001.
      const list = ds[kind] ?? [];
      const style = /^(\D+)(\d+)$/.exec(list.at(-1)?.id ?? '');
      const prefix = style ? style[1] : api.prefix;
      const width = style ? style[2].length : 6;
      const taken = new Set(list.map((r) => r.id));
      let seq = 0;
      for (const r of list) {
        const m = /^(\D+)(\d+)$/.exec(r.id ?? '');
        if (m && m[1] === prefix) seq = Math.max(seq, Number(m[2]));
      }
      for (const r of records) if (r.id) taken.add(r.id);
      for (const r of records) {
        if (r.id) continue;
        do { seq += 1; r.id = `${prefix}${String(seq).padStart(width, '0')}`; } while (taken.has(r.id));
        taken.add(r.id);
      }
    }
    dropScopes();
    const n = community[api.add](records);
    ds[kind] = [...(ds[kind] ?? []), ...records];
    return { n, ids: records.map(api.key), ...summary() };
  },
  /** Replaces the record of `kind` whose id is `id` by `record` (`correctActivity` …). */
  correct({ kind, id, record }) {
    const api = API[kind];
    dropScopes();
    community[api.correct](id, record);
    const list = ds[kind] ?? [];
    const at = list.findIndex((r) => api.key(r) === id);
    ds[kind] = list.map((r, i) => (i === at ? record : r));
    return { id: api.key(record), ...summary() };
  },
  /** Removes the record of `kind` whose id is `id` (`removeActivity` …). */
  remove({ kind, id }) {
    const api = API[kind];
    dropScopes();
    community[api.remove](id);
    ds[kind] = (ds[kind] ?? []).filter((r) => api.key(r) !== id);
    return summary();
  },
  /** The records of `kind` in `first`..`last` (dates `YYYY-MM-DD`; a payment by its month),
   * each with its `key` (what `correct` and `remove` take), in the order entered. */
  records({ kind, first, last }) {
    const api = API[kind];
    const out = [];
    for (const r of ds[kind] ?? []) {
      const d = kind === 'payments' ? `${r.month}-01` : r.date;
      if (d >= first && d <= last) out.push({ key: api.key(r), record: r });
    }
    return out;
  },
  // ------------------------------------------------------------ the year's processes
  // The core's tables (names masked by the core; the page shows her roster's full names by
  // the rows' member ids when her 隐私 switch says so).
  // They come from the package's second module (`loadReportModule`, loaded once by the first
  // of them; `loadReport` loads it ahead, while the page shows 加载中… in those panels). The
  // module keeps the community it was given until the community changes.
  loadReport: () => report(),
  agenda: async ({ asOf, days }) => (await report(), community.agenda(asOf, days)),
  appraisal: async ({ year }) => (await report(), community.appraisalStats(year)),
  letters: async ({ asOf }) => (await report(), community.letters(asOf)),
  register: async ({ first, last }) => (await report(), community.changeRegister(first, last)),
  practices: async ({ kind, first, last }) => (await report(), community.practices(kind, first, last)),
  /** The branch assessment: `[quarters, deductions]`. */
  assessmentTables: async ({ year, asOf }) => (await report(), community.assessment(year, asOf)),
  toJson: () => community.toJson(),
  async report({ rules, period, scopeOrg }, progress) {
    progress('正在计算积分…');
    if (scopeOrg) {
      const table = scope(scopeOrg).score(rules, period, { mode: 'lenient' });
      return { table, names: null, org_names: null };
    }
    return await community.report(rules, period, { mode: 'lenient' });
  },
  reportText: async ({ rules, period }) => await community.reportText(rules, period, { mode: 'lenient' }),
  explain: ({ rules, period, subject }) => community.explain(rules, period, subject, { mode: 'lenient' }),
  whatIf({ a, b, period }, progress) {
    progress('正在试算…');
    return community.whatIf(a, b, period, { mode: 'lenient' });
  },
  stats: ({ day, scopeOrg }) => (scopeOrg ? scope(scopeOrg) : community).statsMembership(day),
};

/** Runs one message; errors keep the core's fields (structured clone drops an Error's own props). */
export async function handle(msg, progress = () => {}) {
  const f = handlers[msg.op];
  if (!f) throw new Error(`unknown op ${msg.op}`);
  return f(msg, progress);
}

export function plainError(err) {
  return { message: err?.message ?? String(err), code: err?.code, details: err?.details, rows: err?.rows, zh: err?.zh };
}
