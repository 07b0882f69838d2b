// WASM against native in alternating rounds, by the wall time of single runs — sturdier than
// CPU-time medians on a shared machine, where a neighbour's load comes and goes:
//
//   node bench/interleaved.mjs [ROUNDS] [PKG_DIR ...]   # default: 5 rounds, ../pkg
//
// Each round runs examples/bench_native.rs with `--wall`, then each package in a fresh node
// process (this file with `--child`). A run is one year of the workloads of bench/workloads.mjs
// (12 calls); each figure is the best over the rounds of the 10th percentile of 300 runs (60 for
// the 100,000 events), and the median beside it. Prints a Markdown table.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadPkg } from '../tests/load-pkg.mjs';
import { MONTHS, scoreYear, syntheticDatasetJson } from './workloads.mjs';

const here = fileURLToPath(new URL('./', import.meta.url));
const root = join(here, '..', '..');
const load = (dir) => loadPkg(pathToFileURL(join(dir, '/')));

/** [10th percentile, median] of the wall time of `runs` runs of `fn`, ms, after 20 warm-ups. */
function wall(fn, runs) {
  for (let k = 0; k < 20; k += 1) fn();
  const xs = [];
  for (let k = 0; k < runs; k += 1) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  xs.sort((a, b) => a - b);
  return [xs[Math.floor(runs / 10)], xs[Math.floor(runs / 2)]];
}

if (process.argv[2] === '--child') {
  const [, , , dir, samplePath, bigPath] = process.argv;
  const pkg = await load(dir);
  const rules = JSON.stringify(pkg.builtinRuleSet('member-default'));
  const sample = pkg.Community.fromJson(readFileSync(samplePath, 'utf8'));
  const big = pkg.Community.fromJson(readFileSync(bigPath, 'utf8'));
  const scorer = sample.scorer(rules);
  const lenient = { mode: 'lenient' };
  console.log(JSON.stringify({
    sampleYear: wall(() => scoreYear(sample, rules), 300),
    sampleKept: wall(() => MONTHS.forEach((p) => scorer.scoreTableJson(p)), 300),
    events100k: wall(() => scoreYear(big, rules, lenient), 60),
  }));
  process.exit(0);
}

const rounds = Number(process.argv[2] ?? 5);
const pkgs = process.argv.length > 3 ? process.argv.slice(3).map((d) => resolve(d)) : [join(here, '..', 'pkg')];
const dir = mkdtempSync(join(tmpdir(), 'dangjian-interleaved-'));
const samplePath = join(dir, 'sample.json');
const bigPath = join(dir, 'events-100k.json');
const sampleText = (await load(pkgs[0])).sampleDatasetJson();
writeFileSync(samplePath, sampleText);
writeFileSync(bigPath, syntheticDatasetJson(sampleText, 100_000));
execFileSync('cargo', ['build', '--quiet', '--release', '-p', 'dangjian-wasm', '--example', 'bench_native'], { cwd: root, stdio: 'inherit' });
const native = join(root, 'target', 'release', 'examples', 'bench_native');
const runs = { native: [] };
for (const p of pkgs) runs[p] = [];
for (let r = 0; r < rounds; r += 1) {
  runs.native.push(JSON.parse(execFileSync(native, [samplePath, bigPath, '--wall'], { encoding: 'utf8' })));
  for (const p of pkgs) {
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', p, samplePath, bigPath], { encoding: 'utf8' });
    runs[p].push(JSON.parse(out));
  }
}
rmSync(dir, { recursive: true, force: true });
const keys = [['sampleYear', 'sample year, 12 calls, each parses the rule set'], ['sampleKept', 'sample year, `community.scorer(rules)` kept'], ['events100k', '100,000 events, 12 calls']];
const best = (xs, k, i) => Math.min(...xs.map((x) => x[k][i]));
console.log(`| workload | native p10 (median) ms | ${pkgs.map((p) => `${p.split('/').slice(-1)[0]} p10 (median) ms | ratio p10`).join(' | ')} |`);
console.log(`| --- | ---: | ${pkgs.map(() => '---: | ---:').join(' | ')} |`);
for (const [k, name] of keys) {
  const n = best(runs.native, k, 0);
  const cells = pkgs.map((p) => `${best(runs[p], k, 0).toFixed(2)} (${best(runs[p], k, 1).toFixed(2)}) | ${(best(runs[p], k, 0) / n).toFixed(2)}`);
  console.log(`| ${name} | ${n.toFixed(2)} (${best(runs.native, k, 1).toFixed(2)}) | ${cells.join(' | ')} |`);
}
