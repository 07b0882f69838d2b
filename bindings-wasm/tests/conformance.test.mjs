// The conformance suite (tests/conformance/, format in its README) replayed through the
// WebAssembly package: the same case files as `cargo test` and pytest, one node test per case,
// named by its file and case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadPkg } from './load-pkg.mjs';

const ROOT = fileURLToPath(new URL('../../tests/conformance/', import.meta.url));
const pkg = await loadPkg();

/** Every case file except the bases, sorted. */
function caseFiles(dir = ROOT) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'bases') out.push(...caseFiles(p));
    } else if (name.endsWith('.json')) {
      out.push(p);
    }
  }
  return out;
}

const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'));

function dataset(doc, c) {
  const ds = c.dataset
    ? structuredClone(c.dataset)
    : readJson(join(ROOT, 'bases', `${c.base ?? doc.base}.json`));
  for (const [k, v] of Object.entries(c.merge ?? {})) ds[k] = structuredClone(v);
  for (const [k, v] of Object.entries(c.extend ?? {})) (ds[k] ??= []).push(...structuredClone(v));
  return ds;
}

const MISSING = Symbol('missing');

function pointer(value, path) {
  if (path === '') return value;
  for (const raw of path.split('/').slice(1)) {
    const token = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(value)) {
      if (!/^\d+$/.test(token) || Number(token) >= value.length) return MISSING;
      value = value[Number(token)];
    } else if (value !== null && typeof value === 'object') {
      if (!Object.hasOwn(value, token)) return MISSING;
      value = value[token];
    } else {
      return MISSING;
    }
  }
  return value;
}

function select(report, query) {
  let v = pointer(report, query.path ?? '');
  if (v === MISSING) throw new Error(`path not found: ${query.path}`);
  if (query.where) {
    v = v.filter((item) =>
      Object.entries(query.where).every(([k, want]) => JSON.stringify(item[k]) === JSON.stringify(want)),
    );
  }
  if (query.pluck) v = v.map((item) => item[query.pluck] ?? null);
  if (query.count) v = v.length;
  return v;
}

/** ['ok', value] or ['error', code]. */
function run(ds, query) {
  let report;
  try {
    const community = pkg.Community.fromJson(JSON.stringify(ds));
    const kind = query.kind ?? 'report';
    if (kind === 'load') return ['ok', 'ok'];
    if (kind !== 'report') throw new Error(`unknown query kind ${kind}`);
    const [y, m] = query.month.split('-').map(Number);
    report = community.monthlyReport(y, m);
  } catch (e) {
    if (e?.name === 'DangjianError') return ['error', e.code];
    throw e;
  }
  return ['ok', select(report, query)];
}

const codes = new Set(
  pkg.rules().columns.find((c) => c.name === 'code').values.values,
);

for (const file of caseFiles()) {
  const doc = readJson(file);
  const rel = relative(ROOT, file);
  (doc.cases ?? []).forEach((c, i) => {
    test(`${rel}#${i}: ${c.name}`, () => {
      assert.ok(codes.has(c.rule ?? doc.rule), `rule ${c.rule ?? doc.rule} is not catalogued`);
      const got = run(dataset(doc, c), c.query ?? {});
      if ('error' in c) assert.deepEqual(got, ['error', c.error]);
      else assert.deepEqual(got, ['ok', c.expected]);
    });
  });
}
