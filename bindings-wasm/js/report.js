// The loader of the package's second WebAssembly module (`dangjian_wasm_report.js` and
// `dangjian_wasm_report_bg.wasm` next to `dangjian_wasm.js`; crate bindings-wasm/report): the
// monthly report, agenda, practices, assessment, year tables, elections and rule catalogue. The
// main module keeps everything else; this one is fetched and instantiated once, by
// `await loadReportModule()`. The main module gives it a community (its dataset as JSON text)
// once per version of the community, then calls its operations with JSON arguments. A wasm-bindgen snippet of the main crate: it is
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

/** Whether the report module is loaded (re-exported from the package). */
export function reportModuleLoaded() {
  return report !== null;
}

/** The same, for the Rust side. */
export function reportLoaded() {
  return report !== null;
}

/** A report module error (the JSON text of the core's error report) as a DangjianError. */
function rethrow(e) {
  if (typeof e !== 'string') throw e;
  const r = JSON.parse(e);
  throw new DangjianError(r.message_zh, r.code, r.class, r.details, r.rows, r.message_en);
}

/** Whether the report module holds the community of `version`. */
export function reportModuleHolds(version) {
  return report.holds(version);
}

/** Gives the report module the community of `version` (its dataset as JSON text). */
export function reportModuleLoad(version, dataset) {
  try {
    report.load(version, dataset);
  } catch (e) {
    rethrow(e);
  }
}

/** Calls `op` of the report module on the community of `version` with `args` (JSON text): its
 * JSON text result parsed, or its error report thrown as a DangjianError. */
export function reportModuleCall(version, op, args) {
  let text;
  try {
    text = report.call(version, op, args);
  } catch (e) {
    rethrow(e);
  }
  return JSON.parse(text);
}

/** Reads a roster file (`bytes`) against the tree of the community of `version` (`args`: JSON
 * options): the members' JSON, a newline, the events' JSON. */
export function reportModuleRoster(version, bytes, args) {
  try {
    return report.roster(version, bytes, args);
  } catch (e) {
    rethrow(e);
  }
}

/** The JSON text of `op` (`rules`, `sample`, `goldenSample`) of the report module. */
export function reportModuleText(op, version) {
  try {
    return op === 'sample' ? report.sample(version) : report[op]();
  } catch (e) {
    rethrow(e);
  }
}
