// Scoring speed, WASM (node) against native Rust on the same work (bench/workloads.mjs):
//
//   node bench/bench.mjs            # builds and runs the native example in release mode
//   node bench/bench.mjs --no-native
//
// Writes bench/results.json and prints a Markdown table for BENCHMARKS.md.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

import { loadPkg } from '../tests/load-pkg.mjs';
import { benchmark, syntheticDatasetJson } from './workloads.mjs';

const here = fileURLToPath(new URL('./', import.meta.url));
const root = join(here, '..', '..');
const pkg = await loadPkg();
// CPU time of the main thread (Linux /proc/thread-self/schedstat, ns), as the native side
// measures it; wall time elsewhere.
const cpuNow = () => {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return performance.now();
  }
};
const wasm = benchmark(pkg, cpuNow);

let native = null;
if (!process.argv.includes('--no-native')) {
  const dir = mkdtempSync(join(tmpdir(), 'dangjian-bench-'));
  const sample = join(dir, 'sample.json');
  const big = join(dir, 'events-100k.json');
  const text = pkg.sampleDatasetJson();
  writeFileSync(sample, text);
  writeFileSync(big, syntheticDatasetJson(text, 100_000));
  const out = execFileSync(
    'cargo',
    ['run', '--quiet', '--release', '-p', 'dangjian-wasm', '--example', 'bench_native', '--', sample, big],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  native = JSON.parse(out);
  rmSync(dir, { recursive: true, force: true });
}

const wasmFile = join(here, '..', 'pkg', 'dangjian_wasm_bg.wasm');
const bytes = readFileSync(wasmFile);
const browserFile = join(here, 'browser-timings.json');
const browser = existsSync(browserFile) ? JSON.parse(readFileSync(browserFile, 'utf8')) : null;
const results = {
  node: process.version,
  wasm,
  native,
  browser,
  wasmSize: { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length },
};
writeFileSync(join(here, 'results.json'), JSON.stringify(results, null, 2) + '\n');

const ratio = (w, n) => (n ? (w / n).toFixed(2) : '—');
const row = (name, w, n, b) => `| ${name} | ${n ?? '—'} | ${w} | ${b ?? '—'} | ${ratio(w, n)} |`;
console.log('| workload | native (CPU ms) | WASM, node (CPU ms) | WASM, Chromium (wall ms) | WASM / native |');
console.log('| --- | ---: | ---: | ---: | ---: |');
console.log(row('sample year: 158 members, 12 months scored', wasm.sampleYear.ms, native?.sampleYear?.ms, browser?.sampleYear?.ms));
console.log(row('sample year, `community.scorer(rules)` kept across the 12 months', wasm.sampleYear.keptMs, native?.sampleYear?.keptMs, browser?.sampleYear?.keptMs));
console.log(`| (native, each call from scratch: rule set, checks, scoring) | ${native?.sampleYear?.freshMs ?? '—'} | | | |`);
console.log(row('100,000 events: 12 months scored', wasm.events100k.ms, native?.events100k?.ms, browser?.events100k?.ms));
console.log(row('100,000 events: load dataset JSON + registry', wasm.events100k.loadMs, native?.events100k?.loadMs, browser?.events100k?.loadMs));
console.log(`\n.wasm: ${results.wasmSize.raw} bytes raw, ${results.wasmSize.gzip} bytes gzipped`);
