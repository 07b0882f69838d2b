// The loader of the package's second WebAssembly module, the monthly report
// (`dangjian_wasm_report.js` and `dangjian_wasm_report_bg.wasm` next to `dangjian_wasm.js`;
// crate bindings-wasm/report). The main module keeps everything else; this one is fetched and
// instantiated once, by `await loadReportModule()`, and then `Community.monthlyReport` calls it
// with the community's dataset as JSON text. A wasm-bindgen snippet of the main crate: it is
// copied to pkg/snippets/dangjian-wasm-<hash>/js/, three levels below pkg/.
import { DangjianError } from './error.js';

let report = null; // the report module's exports, once instantiated
let loading = null;

/**
 * Fetches and instantiates the report module (once; later calls return at once). `source`: what
 * wasm-bindgen's `init` takes as `module_or_path` — the URL of `dangjian_wasm_report_bg.wasm`
 * (default: next to this package, as `init()` finds the main module), or its bytes (node:
 * `readFileSync`), a `Response` or a `WebAssembly.Module`.
 */
export function loadReportModule(source) {
  if (report) return Promise.resolve();
  if (!loading) {
    loading = (async () => {
      const m = await import('../../../dangjian_wasm_report.js');
      await m.default(source === undefined ? undefined : { module_or_path: source });
      report = m;
    })();
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

/** Whether the report module is loaded. */
export function reportModuleLoaded() {
  return report !== null;
}

/** Calls `op` of the report module: its JSON text result parsed, or its error report thrown as a DangjianError. */
export function reportModuleCall(op, dataset, year, month) {
  let text;
  try {
    text = report[op](dataset, year, month);
  } catch (e) {
    if (typeof e !== 'string') throw e;
    const r = JSON.parse(e);
    throw new DangjianError(r.message_zh, r.code, r.class, r.details, r.rows, r.message_en);
  }
  return JSON.parse(text);
}
