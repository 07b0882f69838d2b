// The npm package as a web developer gets it: `npm pack` of pkg/ (package.json written by
// build.sh), installed from the tarball into a fresh CommonJS-default project and a fresh
// ES-module project (no registry: the package has no dependencies), used from node; then built
// with esbuild and with Vite (the wasm file emitted as an asset), and its size checked.
//
// Run with: node --test tests/package.test.mjs  (after build.sh)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const WASM_DIR = fileURLToPath(new URL('../', import.meta.url));
const PKG = join(WASM_DIR, 'pkg');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const SIZE_AIM = 450 * 1024;

let tmp;
let tarball;

const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const npmOffline = ['--offline', '--no-audit', '--no-fund', '--loglevel=error'];

function project(name, type) {
  const dir = join(tmp, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true, ...(type ? { type } : {}) }, null, 2));
  run(NPM, ['install', tarball, ...npmOffline], dir);
  return dir;
}

before(() => {
  assert.ok(existsSync(join(PKG, 'package.json')), 'pkg/package.json (run build.sh)');
  tmp = mkdtempSync(join(tmpdir(), 'dangjian-pack-'));
  const out = run(NPM, ['pack', PKG, '--pack-destination', tmp, '--json', '--loglevel=error'], tmp);
  const [info] = JSON.parse(out);
  tarball = join(tmp, info.filename);
});

after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('pkg/package.json: an ES module with exports, types, files and no side effects', () => {
  const pj = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
  assert.equal(pj.name, 'dangjian-wasm');
  assert.equal(pj.type, 'module');
  assert.equal(pj.types, './dangjian_wasm.d.ts');
  assert.equal(pj.exports['.'].types, './dangjian_wasm.d.ts');
  assert.equal(pj.exports['.'].default, './dangjian_wasm.js');
  assert.equal(pj.exports['./dangjian_wasm_bg.wasm'], './dangjian_wasm_bg.wasm');
  assert.equal(pj.sideEffects, false);
  for (const f of pj.files) assert.ok(existsSync(join(PKG, f)), f);
  const version = readFileSync(join(WASM_DIR, '..', 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];
  assert.equal(pj.version, version);
});

test('npm pack holds exactly the package files', () => {
  const list = run('tar', ['-tzf', tarball], tmp).trim().split('\n').sort();
  // wasm-bindgen's snippets hold the JS of the DangjianError class (bindings-wasm/js/error.js)
  // and the loader of the report module (js/report.js)
  const snippets = list.filter((f) => f.startsWith('package/snippets/'));
  assert.ok(snippets.some((f) => f.endsWith('/js/error.js')), JSON.stringify(list));
  assert.ok(snippets.some((f) => f.endsWith('/js/report.js')), JSON.stringify(list));
  assert.deepEqual(list.filter((f) => !f.startsWith('package/snippets/')), ['package/README.md', 'package/dangjian_wasm.d.ts', 'package/dangjian_wasm.js', 'package/dangjian_wasm_bg.wasm',
    'package/dangjian_wasm_bg.wasm.d.ts', 'package/dangjian_wasm_report.d.ts', 'package/dangjian_wasm_report.js', 'package/dangjian_wasm_report_bg.wasm',
    'package/dangjian_wasm_report_bg.wasm.d.ts', 'package/package.json']);
});

test('installed from the tarball into an ES-module project: import, initSync, score', () => {
  const dir = project('esm-app', 'module');
  writeFileSync(join(dir, 'main.js'), `
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initSync, Community, builtinRuleSet } from 'dangjian-wasm';
const require = createRequire(import.meta.url);
initSync({ module: readFileSync(require.resolve('dangjian-wasm/dangjian_wasm_bg.wasm')) });
const t = Community.sample().score(builtinRuleSet('member-default'), '2026-10', { mode: 'lenient' }).table;
console.log(JSON.stringify({ n: t.subject.length, total: typeof t.total[0] }));
`);
  assert.deepEqual(JSON.parse(run(process.execPath, ['main.js'], dir)), { n: 158, total: 'number' });
});

test('installed from the tarball: the report module loaded on first use (loadReportModule), monthlyReport', () => {
  const dir = project('report-app', 'module');
  writeFileSync(join(dir, 'main.js'), `
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initSync, loadReportModule, Community, DangjianError } from 'dangjian-wasm';
const require = createRequire(import.meta.url);
initSync({ module: readFileSync(require.resolve('dangjian-wasm/dangjian_wasm_bg.wasm')) });
const c = Community.sample();
let before = null;
try { c.monthlyReport(2026, 10); } catch (e) { before = { error: e instanceof DangjianError, code: e.code, argument: e.details.argument }; }
await loadReportModule(readFileSync(require.resolve('dangjian-wasm/dangjian_wasm_report_bg.wasm')));
await loadReportModule(); // loaded: resolves at once
const r = c.monthlyReport(2026, 10);
let bad = null;
try { c.monthlyReport(2026, 13); } catch (e) { bad = { error: e instanceof DangjianError, code: e.code }; }
console.log(JSON.stringify({ before, members: r.orgs[0].members, bad }));
`);
  assert.deepEqual(JSON.parse(run(process.execPath, ['main.js'], dir)), {
    before: { error: true, code: 'bad_argument', argument: 'loadReportModule' },
    members: 158,
    bad: { error: true, code: 'bad_month' },
  });
});

test('installed into a CommonJS-default project: dynamic import from a .js CommonJS file', () => {
  const dir = project('cjs-app');
  writeFileSync(join(dir, 'main.js'), `
const { readFileSync } = require('node:fs');
(async () => {
  const { initSync, Community } = await import('dangjian-wasm');
  initSync({ module: readFileSync(require.resolve('dangjian-wasm/dangjian_wasm_bg.wasm')) });
  try {
    Community.fromJson('{');
  } catch (e) {
    console.log(JSON.stringify({ members: Community.sample().memberCount, name: e.name, code: e.code }));
  }
})();
`);
  const out = JSON.parse(run(process.execPath, ['main.js'], dir));
  assert.equal(out.members, 172);
  assert.equal(out.code, 'json');
});

test('esbuild bundles it (node, ESM) and the bundle runs', async () => {
  const dir = project('esbuild-app', 'module');
  writeFileSync(join(dir, 'entry.js'), `
import { readFileSync } from 'node:fs';
import { initSync, version } from 'dangjian-wasm';
initSync({ module: readFileSync(new URL('./node_modules/dangjian-wasm/dangjian_wasm_bg.wasm', import.meta.url)) });
console.log(version());
`);
  const { build } = await import('esbuild');
  await build({ entryPoints: [join(dir, 'entry.js')], bundle: true, platform: 'node', format: 'esm', outfile: join(dir, 'out.mjs'), logLevel: 'error', absWorkingDir: dir });
  assert.match(run(process.execPath, ['out.mjs'], dir).trim(), /^\d+\.\d+\.\d+/);
});

test('Vite builds a page using it (init() with the wasm emitted as an asset)', async (t) => {
  let vite;
  try {
    vite = await import('vite');
  } catch {
    t.skip('vite is not installed (npm ci in bindings-wasm/)');
    return;
  }
  const dir = project('vite-app', 'module');
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="out"></div><script type="module" src="/main.js"></script>\n');
  writeFileSync(join(dir, 'main.js'), `
import init, { Community } from 'dangjian-wasm';
await init();
document.getElementById('out').textContent = String(Community.sample().memberCount);
`);
  await vite.build({ root: dir, logLevel: 'error', build: { outDir: join(dir, 'dist'), target: 'es2022' } });
  const assets = readdirSync(join(dir, 'dist', 'assets'));
  const wasm = assets.find((f) => f.endsWith('.wasm'));
  assert.ok(wasm, `the wasm is an asset: ${assets.join(', ')}`);
  const js = assets.filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(dir, 'dist', 'assets', f), 'utf8')).join('\n');
  assert.ok(js.includes(wasm), 'the bundle refers to the emitted wasm');
});

test(`size: the main wasm under ${SIZE_AIM / 1024} KB gzipped (the issue's aim; see BENCHMARKS.md)`, (t) => {
  const gz = gzipSync(readFileSync(join(PKG, 'dangjian_wasm_bg.wasm')), { level: 9 }).length;
  const report = gzipSync(readFileSync(join(PKG, 'dangjian_wasm_report_bg.wasm')), { level: 9 }).length;
  t.diagnostic(`dangjian_wasm_bg.wasm: ${gz} bytes gzipped; dangjian_wasm_report_bg.wasm (loaded on first use): ${report}`);
  // The aim is the main module's: the report module is fetched only by loadReportModule().
  if (gz > SIZE_AIM) t.todo(`${gz} bytes gzipped: over the aim (docs/wasm.md, "Size": what the module holds)`);
  assert.ok(gz > 0);
});
