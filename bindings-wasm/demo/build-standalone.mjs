// Builds the single-file edition of the workbench: dist/dangjian.html, one HTML file with the
// style sheet, the page's modules and the wasm glue bundled inline (esbuild) and both wasm
// modules inlined as base64. It works from a double-click (file://, where a browser refuses to load
// modules or fetch files) and needs no network, ever.
//
//   node demo/build-standalone.mjs        (after build.sh made pkg/; build.sh runs it)
import { build } from 'esbuild';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const WASM_DIR = fileURLToPath(new URL('..', import.meta.url));
const DEMO = join(WASM_DIR, 'demo');
const OUT_DIR = join(WASM_DIR, 'dist');
const OUT = join(OUT_DIR, 'dangjian.html');

const bundle = await build({
  entryPoints: [join(DEMO, 'app.js')],
  bundle: true,
  format: 'esm',
  write: false,
  minify: true,
  target: 'es2022',
  logLevel: 'warning',
});
const js = bundle.outputFiles[0].text;
const wasm = readFileSync(join(WASM_DIR, 'pkg', 'dangjian_wasm_bg.wasm'));
// The second module (agenda, year tables, practices, assessment, the sample community): inline
// too, since a page opened from file:// cannot fetch it. Its glue is bundled by esbuild with the
// rest (the dynamic import in js/report.js).
const reportWasm = readFileSync(join(WASM_DIR, 'pkg', 'dangjian_wasm_report_bg.wasm'));
const css = readFileSync(join(DEMO, 'style.css'), 'utf8');
let html = readFileSync(join(DEMO, 'index.html'), 'utf8');

// `</script` inside inline code would end the element early.
const safe = (s) => s.replace(/<\/(script)/gi, '<\\/$1');
const replaceOnce = (text, from, to) => {
  if (!text.includes(from)) throw new Error(`index.html: ${from} not found`);
  return text.replace(from, () => to);
};
html = replaceOnce(html, '<link rel="stylesheet" href="style.css">', `<style>\n${css}</style>`);
html = replaceOnce(html, '<link rel="manifest" href="manifest.webmanifest">', '');
html = replaceOnce(html, '<script type="module" src="app.js"></script>',
  `<script>window.__DANGJIAN_WASM_BASE64 = "${wasm.toString('base64')}";\n  window.__DANGJIAN_REPORT_WASM_BASE64 = "${reportWasm.toString('base64')}";</script>\n  <script type="module">${safe(js)}</script>`);
html = html.replace('<title>党员积分管理 · 本机工作台</title>', '<title>党员积分管理 · 本机工作台（单文件版）</title>');

mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(OUT, html);
const size = statSync(OUT).size;
console.log(`[standalone] ${OUT}: ${size} bytes, ${gzipSync(html).length} bytes gzipped`);
