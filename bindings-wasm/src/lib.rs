//! WebAssembly bindings for `dangjian`: load a community dataset and rule sets (JSON), score a
//! period, explain a member's points, compare two rule sets (what-if), build the monthly
//! report and count members — all in the browser, the data never leaving the device.
//!
//! Built by `bindings-wasm/build.sh` into `bindings-wasm/pkg/` with
//! `wasm-bindgen --target web`; the same package is loaded by the browser demo
//! (`init()`) and by the node tests (`initSync({ module: bytes })`).
//!
//! Thin by design: every function converts its arguments, calls the core and converts the
//! result. Core-owned result types cross the boundary as JSON (serde_json, then
//! `JSON.parse`), so the objects seen from JavaScript have exactly the documented JSON shapes
//! (`docs/scoring.md`, `docs/dataset-format.md`) and their TypeScript types are generated from
//! the core's JSON schemas (`types/types.d.ts`). Every failure becomes one JS `Error` built in
//! [`error::to_js`], with a stable `code` and the location `details` of the Rust error.

mod community;
mod convert;
mod error;
mod host;
mod outputs;
mod records;
mod report_module;
mod rules;
mod scope;
mod scorer;

use dangjian::scoring::ScoreReport;
use wasm_bindgen::prelude::*;

pub use community::Community;
pub use rules::*;
pub use scope::{Member, ScopeView};
pub use scorer::JsScorer;

use convert::{out, period, rule_set};
use error::ToJs;

// TypeScript declarations of the JSON shapes (generated from the core's JSON schemas; see
// `types/README.md`), appended to the package's `dangjian_wasm.d.ts`.
#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = include_str!("../types/types.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const TS_API: &str = r#"
/** Scoring options. `strict` (default) fails on the first activity that cannot be scored;
 * `lenient` leaves it out and reports a diagnostic. */
export interface ScoreOptions { mode?: "strict" | "lenient" }

/** Options of every statistics table: the roll-up (`"subtree"`, the default: an organization's
 * row covers its whole subtree; or `"direct"`), and the privacy layer of the core's export:
 * person names masked (`"mask"`, the default: `张**`), kept or dropped; member ids replaced by
 * keyed pseudonyms (HMAC-SHA256 with `pseudonymKey`); counts below `minCount` (at least 2)
 * suppressed with complementary suppression (`suppressed` flags, values zeroed). ID numbers
 * and phones are masked in every table. */
export interface StatOptions {
  rollup?: Rollup;
  names?: "mask" | "keep" | "drop";
  pseudonymKey?: string;
  minCount?: number;
}

/** Options of the statistics of scores: those of every table, the scoring mode, and the score
 * bands (default: below 60 不合格, 60–74 基本合格, 75–89 合格, 90 and above 优秀). */
export interface ScoreStatsOptions extends StatOptions { mode?: "strict" | "lenient"; bands?: ScoreBands }

/** Options of a scoped roster export. Names are masked (`张*`) unless `showNames`; ID numbers and
 * phones are always masked; `pseudonymKey` replaces ids by keyed pseudonyms (HMAC-SHA256) and
 * drops names, birth dates, ID numbers and phones. */
export interface RosterOptions { showNames?: boolean; pseudonymKey?: string }

"#;

// The reports (kept in this file: they may move to a separately loaded module).
#[wasm_bindgen]
impl Community {
    /// The monthly report of `period` (per-branch ranking with masked names, movers, warnings).
    #[wasm_bindgen(unchecked_return_type = "MonthlyReport")]
    pub fn report(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RuleSet | string")] rules: JsValue,
        period_text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "ScoreOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let r = self.monthly_report(rules, period_text, &options)?;
        out(&r)
    }

    /// The monthly report as plain text (the same text as the Rust CLI prints).
    #[wasm_bindgen(js_name = reportText)]
    pub fn report_text(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RuleSet | string")] rules: JsValue,
        period_text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "ScoreOptions")] options: JsValue,
    ) -> Result<String, JsValue> {
        Ok(self.monthly_report(rules, period_text, &options)?.to_text())
    }

    /// The community's monthly report (月度党建报告) of `year`-`month`: the same JSON as
    /// `dangjian report --format json` and Python's `Dataset.monthly_report` (membership, flows,
    /// findings with their rule codes, pipeline, 光荣在党50年, scores, posts, compliance,
    /// statistics, elections).
    ///
    /// ```js
    /// await loadReportModule();
    /// const r = Community.sample().monthlyReport(2026, 10);
    /// r.orgs[0].members; // 158
    /// ```
    ///
    /// Built by the package's second WebAssembly module (`report_module.rs`): call
    /// `await loadReportModule()` once first (otherwise a `bad_argument` error naming
    /// `loadReportModule`).
    #[wasm_bindgen(js_name = monthlyReport, unchecked_return_type = "Record<string, any>")]
    pub fn community_report(&self, year: i32, month: u32) -> Result<JsValue, JsValue> {
        self.second(
            "monthlyReport",
            serde_json::json!({ "year": year, "month": month }),
        )
    }
}

impl Community {
    fn monthly_report(
        &self,
        rules: JsValue,
        period_text: &str,
        options: &JsValue,
    ) -> Result<ScoreReport, JsValue> {
        let rules = rule_set(&rules)?;
        let p = period(period_text)?;
        let name = &self.inner.dataset().community.name;
        self.score_with(options, |s| {
            ScoreReport::build(s, &rules, p, name).map_err(|e| e.to_js())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_matches_core() {
        assert_eq!(version(), dangjian::VERSION);
    }
}
