//! The second, separately loaded WebAssembly module of the npm package `dangjian-wasm`: the
//! community's monthly report (月度党建报告, `dangjian::report::MonthlyReport`), the largest
//! and least often used part of the API. The main module (`bindings-wasm/src/lib.rs`) keeps
//! loading, scoring, explanations, what-ifs, records, rosters and statistics; this one is
//! fetched and instantiated on the first `await loadReportModule()` (`js/report.js`), and
//! `Community.monthlyReport` hands it the community's dataset as JSON text.
//!
//! Not an API of its own: its functions take and give JSON text, and fail with the JSON of the
//! core's `ErrorReport` (a string), which `js/report.js` turns into the package's one
//! `DangjianError` class. Built by `bindings-wasm/build.sh` into
//! `pkg/dangjian_wasm_report.js` and `pkg/dangjian_wasm_report_bg.wasm`.

mod host;

use dangjian::ffi::ErrorReport;
use dangjian::io::Dataset;
use dangjian::report::{MonthlyReport, ReportOptions};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `crypto.getRandomValues` (browsers, Node 19+); throws where there is no `crypto`.
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues, catch)]
    fn get_random_values(buf: &mut [u8]) -> Result<(), JsValue>;
}

/// Runs when the module is instantiated: the core's hash key (`dangjian::hash`), from
/// `crypto.getRandomValues` mixed with `Math.random`, as in the main module.
#[wasm_bindgen(start)]
fn start() {
    let mut bytes = [0u8; 32];
    let _ = get_random_values(&mut bytes);
    let mut seed = [0u64; 4];
    for (i, s) in seed.iter_mut().enumerate() {
        let mut b = [0u8; 8];
        if let Some(chunk) = bytes.get(i * 8..i * 8 + 8) {
            b.copy_from_slice(chunk);
        }
        // 52 random bits of Math.random, spread over the word.
        let m = (js_sys::Math::random() * 4_503_599_627_370_496.0) as u64;
        *s = u64::from_le_bytes(b) ^ m.rotate_left(12 * i as u32);
    }
    dangjian::hash::set_seed(seed);
    host::register();
}

/// The JSON of an error report: what this module throws.
fn fail(r: ErrorReport) -> String {
    serde_json::to_string(&r).unwrap_or_else(|_| String::from("{}"))
}

/// The monthly report of `year`-`month` of the dataset `dataset` (JSON text, the storage form
/// `Community.toJson()` gives) as JSON text: the same document as `dangjian report --format
/// json`. Throws the JSON text of the core's error report.
#[wasm_bindgen(js_name = monthlyReport)]
pub fn monthly_report(dataset: &str, year: i32, month: u32) -> Result<String, String> {
    let ds = Dataset::from_json(dataset).map_err(|e| fail(ErrorReport::from(&e)))?;
    let r = MonthlyReport::build(&ds, year, month, &ReportOptions::default())
        .map_err(|e| fail(ErrorReport::from(&e)))?;
    serde_json::to_string(&r).map_err(|e| fail(ErrorReport::internal(&e.to_string())))
}

/// The version of the core this module was built from (as the main module's `version()`).
#[wasm_bindgen]
pub fn version() -> String {
    dangjian::VERSION.to_string()
}
