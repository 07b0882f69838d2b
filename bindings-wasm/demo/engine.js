// The workbench's engine: the wasm `Community`, the working dataset and its copy in IndexedDB.
// It runs in a Web Worker (worker.js), so that loading and scoring a 20,000-member community
// never blocks the page; the single-file edition (file://, no worker files) runs the same code
// on the page. Messages: `{ op, ...args }` → a result, or a thrown error (the core's, with
// `code`, `details`, `rows`); `progress(text)` reports the phases of a long operation.
//
// Every change goes through `commit`: the dataset is changed as a copy and loaded into a new
// `Community`, which validates it whole, so a change is all or nothing. (Helper C's session
// APIs, adding and correcting activities, meetings, payments and service records on a
// `Community`, replace this rebuild once they land.)
import init, { Community, builtinRuleSet, loadRuleSet, version } from '../pkg/dangjian_wasm.js';

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
  };
}

function use(next, text, from, progress) {
  progress?.('正在校验名册和记录…');
  const c = Community.fromJson(text ?? JSON.stringify(next));
  community?.free();
  for (const s of scopes.values()) s.free();
  scopes.clear();
  community = c;
  ds = next;
  source = from;
  return summary();
}

function scope(org) {
  if (!scopes.has(org)) scopes.set(org, community.scope(org));
  return scopes.get(org);
}

const handlers = {
  async init({ wasm }) {
    await init(wasm ? { module_or_path: wasm } : undefined);
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
    await idb('readwrite', (s) => s.put({ text: JSON.stringify(ds), ...meta }, 'current'));
    return true;
  },
  /** A new community (`base`, a dataset with its organizations) or the current one with the
   * new branches `newOrgs`, plus a roster (CSV bytes), all or nothing. */
  roster({ base, newOrgs, csv, asOf }, progress) {
    progress('正在导入花名册…');
    const next = base ?? { ...ds, orgs: [...ds.orgs, ...(newOrgs ?? [])] };
    const c = Community.fromJson(JSON.stringify(next));
    let n;
    try {
      n = c.importRosterCsv(csv, asOf, undefined, undefined, 'registered');
    } catch (err) {
      c.free();
      throw err;
    }
    const text = c.toJson();
    c.free();
    return { n, ...use(JSON.parse(text), text, 'mine', progress) };
  },
  append({ kind, records }, progress) {
    // Records without an id get the next free one of their kind (A000001, MT000001, S000001).
    const prefix = { activities: 'A', meetings: 'MT', service: 'S' }[kind];
    if (prefix) {
      const taken = new Set((ds[kind] ?? []).map((r) => r.id));
      const twice = records.map((r) => r.id).filter((id) => id && taken.has(id));
      if (twice.length) {
        throw Object.assign(new Error(`编号 ${twice.slice(0, 5).join('、')} 已经用过，尚未保存任何记录`), { code: 'duplicate_id', zh: `编号 ${twice.slice(0, 5).join('、')} 已经用过，尚未保存任何记录。` });
      }
      let seq = (ds[kind] ?? []).length;
      for (const r of records) {
        if (r.id) continue;
        do { seq += 1; r.id = `${prefix}${String(seq).padStart(6, '0')}`; } while (taken.has(r.id));
        taken.add(r.id);
      }
    }
    const next = { ...ds, [kind]: [...(ds[kind] ?? []), ...records] };
    return use(next, null, 'mine', progress);
  },
  toJson: () => community.toJson(),
  report({ rules, period, scopeOrg }, progress) {
    progress('正在计算积分…');
    if (scopeOrg) {
      const table = scope(scopeOrg).score(rules, period, { mode: 'lenient' });
      return { table, names: null, org_names: null };
    }
    return community.report(rules, period, { mode: 'lenient' });
  },
  reportText: ({ rules, period }) => community.reportText(rules, period, { mode: 'lenient' }),
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
