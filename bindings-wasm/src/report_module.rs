//! The link to the package's second WebAssembly module (crate `bindings-wasm/report`): the
//! community's monthly report, loaded on first use so that the main module stays under the
//! size aim (`docs/wasm.md`, *Size*). `js/report.js` fetches and instantiates it
//! (`loadReportModule`, re-exported from the package) and calls it; the community's dataset
//! crosses as JSON text (the storage form of `Community.toJson()`), the report comes back as
//! JSON, and an error as the core's error report, thrown as the one `DangjianError`.

use wasm_bindgen::prelude::*;

use crate::error::Fail;

#[wasm_bindgen(typescript_custom_section)]
const TS_REPORT: &str = r#"
/** Fetches and instantiates the package's second WebAssembly module, the monthly report
 * (`dangjian_wasm_report_bg.wasm`, about a third of the package), once; later calls resolve at
 * once. Needed before `Community.monthlyReport`. `source` is what `init` takes as
 * `module_or_path`: by default the file next to the package (browsers and bundlers, as for
 * `init()`); in node its bytes.
 *
 * ```js
 * await loadReportModule();   // node: loadReportModule(readFileSync(require.resolve('dangjian-wasm/dangjian_wasm_report_bg.wasm')))
 * const r = Community.sample().monthlyReport(2026, 10);
 * ```
 */
export function loadReportModule(source?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;
"#;

#[wasm_bindgen(module = "/js/report.js")]
extern "C" {
    /// `loadReportModule(source?)`, re-exported from the package as it is (declared in
    /// `TS_REPORT`). Never called from Rust.
    #[wasm_bindgen(reexport, skip_typescript, js_name = loadReportModule)]
    pub fn load_report_module();

    #[wasm_bindgen(js_name = reportModuleLoaded)]
    fn report_module_loaded() -> bool;

    #[wasm_bindgen(catch, js_name = reportModuleCall)]
    fn report_module_call(
        op: &str,
        dataset: &str,
        year: i32,
        month: u32,
    ) -> Result<JsValue, JsValue>;
}

/// The monthly report of `year`-`month` of the dataset (JSON text) from the report module:
/// a `bad_argument` error naming `loadReportModule` when that module is not loaded yet.
pub(crate) fn monthly_report(
    dataset: impl FnOnce() -> Result<String, JsValue>,
    year: i32,
    month: u32,
) -> Result<JsValue, JsValue> {
    if !report_module_loaded() {
        return Err(Fail::bad_argument(
            "loadReportModule",
            "报告模块尚未加载：先 await loadReportModule() (the report module is not loaded: await loadReportModule() first)",
        )
        .to_js());
    }
    report_module_call("monthlyReport", &dataset()?, year, month)
}
