// Load the wasm-bindgen `--target web` package in node.
//
// The web target fetches its .wasm by URL when `init()` is called without
// arguments, which node cannot do for file: URLs. Instead we read the bytes
// ourselves and hand them to `initSync`, so node tests and the browser demo use
// the very same pkg/ directory.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkgDir = new URL('../pkg/', import.meta.url);

/**
 * Import `dir`/dangjian_wasm.js (default: pkg/; a `file:` URL ending in `/`), instantiate the
 * module synchronously, load the report module (`Community.monthlyReport`) from its bytes,
 * return the exports.
 */
export async function loadPkg(dir = pkgDir) {
  const mod = await import(new URL('dangjian_wasm.js', dir).href);
  const bytes = readFileSync(fileURLToPath(new URL('dangjian_wasm_bg.wasm', dir)));
  mod.initSync({ module: bytes });
  const report = new URL('dangjian_wasm_report_bg.wasm', dir);
  if (mod.loadReportModule && existsSync(fileURLToPath(report))) {
    await mod.loadReportModule(readFileSync(fileURLToPath(report)));
  }
  return mod;
}

/**
 * Whether `pkg` was built with the crate feature `toml` (`loadRuleSet(text, 'toml')`): without
 * it that call fails with `bad_argument` naming the argument `format`.
 */
export function hasToml(pkg) {
  try {
    pkg.loadRuleSet('', 'toml');
  } catch (e) {
    return !(e.code === 'bad_argument' && e.details?.argument === 'format');
  }
  return true;
}
