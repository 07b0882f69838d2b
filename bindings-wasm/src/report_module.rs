//! The link to the package's second WebAssembly module (crate `bindings-wasm/report`): the
//! outputs the page's first screen does not need — the monthly report, the agenda, the
//! practices, the assessment, the year's tables, the elections, the rule catalogue and the
//! sample community —,
//! loaded on first use so that the main module stays small (`docs/wasm.md`, *Size*).
//! `js/report.js` fetches and instantiates it (`loadReportModule`, re-exported from the
//! package) and calls it. The community crosses as JSON text (the storage form of
//! `Community.toJson()`) once per version: the report module keeps the last community it was
//! given, and a change of the community gives it a new version ([`next_version`]). Arguments
//! cross as JSON (checked here first), results come back as JSON, and an error as the core's
//! error report, thrown as the one `DangjianError`.

use std::sync::atomic::{AtomicU64, Ordering};

use wasm_bindgen::prelude::*;

use crate::community::Inner;
use crate::error::{Fail, ToJs};

#[wasm_bindgen(typescript_custom_section)]
const TS_REPORT: &str = r#"
/** Fetches and instantiates the package's second WebAssembly module
 * (`dangjian_wasm_report_bg.wasm`) once; later calls resolve at once. It builds what the first
 * screen of a page does not need: `Community.monthlyReport`, `agenda`, `practices`,
 * `assessment`, `appraisalStats`, `letters`, `changeRegister`, `elections`, `Scope.elections`,
 * `rules()` and the sample community (`Community.sample()`, `sampleDatasetJson()`,
 * `goldenSample()`; `Community.sampleSmall()` stays in the main module) — each throws a `DangjianError` `bad_argument` naming `loadReportModule` until
 * it is loaded, and is synchronous after. `source` is what `init` takes as `module_or_path`:
 * by default the file next to the package (browsers and bundlers, as for `init()`); in node its
 * bytes.
 *
 * ```js
 * await loadReportModule();   // node: loadReportModule(readFileSync(require.resolve('dangjian-wasm/dangjian_wasm_report_bg.wasm')))
 * const c = Community.sample();                // or Community.fromJson(text)
 * const r = c.monthlyReport(2026, 10);
 * const todo = c.agenda("2026-10-31", 30);
 * ```
 */
export function loadReportModule(source?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;
/** Whether the second module (`loadReportModule`) is loaded: the methods that need it work. */
export function reportModuleLoaded(): boolean;
"#;

#[wasm_bindgen(module = "/js/report.js")]
extern "C" {
    /// `loadReportModule(source?)`, re-exported from the package as it is (declared in
    /// `TS_REPORT`). Never called from Rust.
    #[wasm_bindgen(reexport, skip_typescript, js_name = loadReportModule)]
    pub fn load_report_module();

    /// `reportModuleLoaded()`, re-exported from the package as it is (declared in
    /// `TS_REPORT`). Never called from Rust.
    #[wasm_bindgen(reexport, skip_typescript, js_name = reportModuleLoaded)]
    pub fn report_module_loaded_export();

    #[wasm_bindgen(js_name = reportLoaded)]
    fn report_module_loaded() -> bool;

    // `catch`: through the JS glue (two direct imports of one snippet would give the glue's
    // import object a duplicate key).
    #[wasm_bindgen(catch, js_name = reportModuleHolds)]
    fn report_module_holds(version: f64) -> Result<bool, JsValue>;

    #[wasm_bindgen(catch, js_name = reportModuleLoad)]
    fn report_module_load(version: f64, dataset: &str) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, js_name = reportModuleCall)]
    fn report_module_call(version: f64, op: &str, args: &str) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, js_name = reportModuleRoster)]
    fn report_module_roster(version: f64, bytes: &[u8], args: &str) -> Result<String, JsValue>;

    #[wasm_bindgen(catch, js_name = reportModuleText)]
    fn report_module_text(op: &str, version: f64) -> Result<String, JsValue>;
}

static NEXT: AtomicU64 = AtomicU64::new(1);

/// A new version number of a community (every community and every change of one gets its own,
/// so the report module never answers from a stale copy).
pub(crate) fn next_version() -> f64 {
    NEXT.fetch_add(1, Ordering::Relaxed) as f64
}

/// The `bad_argument` error of a method that needs the report module before it is loaded.
fn not_loaded() -> JsValue {
    Fail::bad_argument(
        "loadReportModule",
        "报告模块尚未加载：先 await loadReportModule() (the report module is not loaded: await loadReportModule() first)",
    )
    .to_js()
}

/// Fails with [`not_loaded`] unless the report module is loaded (checked before the arguments,
/// as `monthlyReport` always did).
pub(crate) fn ensure_loaded() -> Result<(), JsValue> {
    if report_module_loaded() {
        Ok(())
    } else {
        Err(not_loaded())
    }
}

/// Runs `op` of the report module on the community `inner` of version `version` with the
/// arguments `args` (a JSON object): the community crosses (as JSON text) only when the report
/// module does not hold that version already.
pub(crate) fn call(
    inner: &Inner,
    version: f64,
    op: &str,
    args: serde_json::Value,
) -> Result<JsValue, JsValue> {
    hand_over(inner, version)?;
    report_module_call(version, op, &args.to_string())
}

/// Makes sure the report module is loaded and holds the community `inner` of version `version`:
/// the community crosses (as JSON text) only when it does not hold that version already.
fn hand_over(inner: &Inner, version: f64) -> Result<(), JsValue> {
    ensure_loaded()?;
    if !report_module_holds(version)? {
        let text = inner.dataset().to_json().map_err(|e| e.to_js())?;
        report_module_load(version, &text)?;
    }
    Ok(())
}

/// The roster file `bytes` read by the report module against the tree of `inner` (version
/// `version`) with the options `args` (`asOf`, `idPrefix`, `idKey`, `entry`): the JSON of the
/// new members, a newline, the JSON of their events.
pub(crate) fn roster(
    inner: &Inner,
    version: f64,
    bytes: &[u8],
    args: serde_json::Value,
) -> Result<String, JsValue> {
    hand_over(inner, version)?;
    report_module_roster(version, bytes, &args.to_string())
}

/// The rule catalogue from the report module (`rules()`).
pub(crate) fn rules() -> Result<JsValue, JsValue> {
    ensure_loaded()?;
    let text = report_module_text("rules", -1.0)?;
    js_sys::JSON::parse(&text).map_err(|_| Fail::internal("JSON.parse failed".into()).to_js())
}

/// The sample community's dataset as JSON text, generated by the report module; with
/// `version` ≥ 0 the report module holds it as that version too.
pub(crate) fn sample(version: f64) -> Result<String, JsValue> {
    ensure_loaded()?;
    report_module_text("sample", version)
}

/// The golden file of the sample (`goldenSample()`), computed by the report module.
pub(crate) fn golden_sample() -> Result<String, JsValue> {
    ensure_loaded()?;
    report_module_text("goldenSample", -1.0)
}
