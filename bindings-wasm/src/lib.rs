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

mod error;

use dangjian::io::Dataset;
use dangjian::scoring::{Mode, MonthlyReport, Period, RuleSet, Scorer, WhatIf};
use dangjian::Registry;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use error::{Fail, ToJs};

// TypeScript declarations of the JSON shapes (generated from the core's JSON schemas; see
// `types/README.md`), appended to the package's `dangjian_wasm.d.ts`.
#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = include_str!("../types/types.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const TS_API: &str = r#"
/** Scoring options. `strict` (default) fails on the first activity that cannot be scored;
 * `lenient` leaves it out and reports a diagnostic. */
export interface ScoreOptions { mode?: "strict" | "lenient" }

/** The `Error` thrown by every function of this package. */
export interface DangjianError extends Error {
  name: "DangjianError";
  /** Stable snake_case code of the Rust error variant (e.g. `unknown_item`, `rule_set_parse`). */
  code: string;
  /** The location fields of the Rust error (record id, position, path, line, column, field…). */
  details: Record<string, string | number | boolean | null>;
}

/** Members per organization on a date (each member counted in their own branch, and rolled up). */
export interface MemberCounts {
  date: string;
  orgs: { id: string; name: string; kind: OrgKind; parent: string | null }[];
  members: number[];
  full: number[];
  members_rolled_up: number[];
  full_rolled_up: number[];
  total: number;
}
"#;

/// Serialises a core value to JSON and parses it into a plain JS object.
fn out<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| Fail::internal(e.to_string()).to_js())?;
    js_sys::JSON::parse(&text).map_err(|_| Fail::internal("JSON.parse failed".into()).to_js())
}

/// JSON text of a JS value: a string is taken as JSON text, anything else is `JSON.stringify`ed.
fn json_text(value: &JsValue, what: &str) -> Result<String, JsValue> {
    if let Some(s) = value.as_string() {
        return Ok(s);
    }
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| Fail::bad_argument(what, "cannot be converted to JSON").to_js())
}

fn rule_set(value: &JsValue) -> Result<RuleSet, JsValue> {
    RuleSet::from_json(&json_text(value, "rules")?).map_err(|e| e.to_js())
}

fn period(text: &str) -> Result<Period, JsValue> {
    text.parse::<Period>().map_err(|e| e.to_js())
}

fn mode(options: &JsValue) -> Result<Mode, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(Mode::Strict);
    }
    let m = js_sys::Reflect::get(options, &JsValue::from_str("mode"))
        .map_err(|_| Fail::bad_argument("options", "is not an object").to_js())?;
    if m.is_undefined() {
        return Ok(Mode::Strict);
    }
    let text = json_text(&m, "options.mode")?;
    serde_json::from_value(serde_json::Value::String(text)).map_err(|_| {
        Fail::bad_argument("options.mode", "must be \"strict\" or \"lenient\"").to_js()
    })
}

/// The version of the underlying Rust core.
#[wasm_bindgen]
pub fn version() -> String {
    dangjian::VERSION.to_string()
}

/// Parses and validates a rule set (JSON, or TOML when `format` is `"toml"`); returns it as a
/// plain object (the JSON form, defaults filled in).
#[wasm_bindgen(js_name = loadRuleSet, unchecked_return_type = "RuleSet")]
pub fn load_rule_set(
    text: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "\"json\" | \"toml\"")] format: Option<String>,
) -> Result<JsValue, JsValue> {
    let rules = match format.as_deref() {
        None | Some("json") => RuleSet::from_json(text),
        Some("toml") => RuleSet::from_toml(text),
        Some(_) => return Err(Fail::bad_argument("format", "must be \"json\" or \"toml\"").to_js()),
    }
    .map_err(|e| e.to_js())?;
    out(&rules)
}

/// A rule set shipped with the core: `member-default`, `member-strict` or `org-default`.
#[wasm_bindgen(js_name = builtinRuleSet, unchecked_return_type = "RuleSet")]
pub fn builtin_rule_set(
    #[wasm_bindgen(
        unchecked_param_type = "\"member-default\" | \"member-strict\" | \"org-default\""
    )]
    id: &str,
) -> Result<JsValue, JsValue> {
    let rules = match id {
        "member-default" => RuleSet::member_default(),
        "member-strict" => RuleSet::member_strict(),
        "org-default" => RuleSet::org_default(),
        _ => return Err(Fail::bad_argument("id", "is not a built-in rule set").to_js()),
    };
    out(&rules)
}

/// The sample community (翔凤社区, 158 members on 2026-10-31, with a year of activities) as
/// dataset JSON text.
#[wasm_bindgen(js_name = sampleDatasetJson)]
pub fn sample_dataset_json() -> Result<String, JsValue> {
    dangjian::synth::sample_community()
        .to_json()
        .map_err(|e| e.to_js())
}

/// The golden file `tests/golden/sample-scores-2026-10.json`, computed here (byte-identical to
/// the Rust and Python outputs).
#[wasm_bindgen(js_name = goldenSample)]
pub fn golden_sample() -> Result<String, JsValue> {
    dangjian::scoring::golden_sample().map_err(|e| e.to_js())
}

/// Compares two score tables of the same period (who changes grade or rank).
#[wasm_bindgen(js_name = compareTables, unchecked_return_type = "WhatIf")]
pub fn compare_tables(
    #[wasm_bindgen(unchecked_param_type = "ScoreTable | string")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ScoreTable | string")] b: JsValue,
) -> Result<JsValue, JsValue> {
    let parse = |v: &JsValue, what: &str| -> Result<dangjian::scoring::ScoreTable, JsValue> {
        dangjian::scoring::ScoreTable::from_json(&json_text(v, what)?)
            .map_err(|e| Fail::json(what, &e).to_js())
    };
    let w = WhatIf::compare(&parse(&a, "a")?, &parse(&b, "b")?).map_err(|e| e.to_js())?;
    out(&w)
}

/// Bulk scoring of event columns with the core's columnar kernel (`scoring::score_columns`),
/// for large synthetic or exported workloads: `subject` (index into `groups`), `item` (index
/// into the rule set's items), `day` (days since 1970-01-01) and `quantity` (thousandths) hold
/// one value per event; `groups` the ranking organization of each subject (`nGroups` in all).
/// Scores `count` periods from `first` (e.g. `"2025-01"`). Returns period-major columns
/// (`count × groups.length` rows): `total` (thousandths, `BigInt64Array`), `grade` (index,
/// 255 = no row), `rankInOrg`, `rankOverall`, and `eventsScored`.
#[wasm_bindgen(js_name = scoreColumns)]
#[allow(clippy::too_many_arguments)]
pub fn score_columns(
    #[wasm_bindgen(unchecked_param_type = "RuleSet | string")] rules: JsValue,
    first: &str,
    count: usize,
    subject: &[u32],
    item: &[u16],
    day: &[i32],
    quantity: &[i64],
    groups: &[u32],
    #[wasm_bindgen(js_name = nGroups)] n_groups: usize,
) -> Result<js_sys::Object, JsValue> {
    use dangjian::scoring::{BulkInput, BulkOptions, Columns, Groups};
    let rules = rule_set(&rules)?;
    let input = BulkInput {
        columns: Columns {
            subject,
            item,
            day,
            quantity: Some(quantity),
        },
        n_subjects: groups.len(),
        groups: Groups::Fixed(groups),
        n_groups,
    };
    let opts = BulkOptions {
        parallel: false,
        categories: false,
    };
    let s = dangjian::scoring::score_columns(&rules, period(first)?, count, &input, opts)
        .map_err(|e| e.to_js())?;
    let cat = |f: fn(&dangjian::scoring::PeriodScores) -> &[u32]| -> Vec<u32> {
        s.periods
            .iter()
            .flat_map(|p| f(p).iter().copied())
            .collect()
    };
    let total: Vec<i64> = s
        .periods
        .iter()
        .flat_map(|p| p.total.iter().copied())
        .collect();
    let grade: Vec<u8> = s
        .periods
        .iter()
        .flat_map(|p| p.grade.iter().copied())
        .collect();
    let o = js_sys::Object::new();
    let set = |k: &str, v: JsValue| js_sys::Reflect::set(&o, &JsValue::from_str(k), &v);
    set("total", js_sys::BigInt64Array::from(&total[..]).into())?;
    set("grade", js_sys::Uint8Array::from(&grade[..]).into())?;
    set(
        "rankInOrg",
        js_sys::Uint32Array::from(&cat(|p| &p.rank_in_org)[..]).into(),
    )?;
    set(
        "rankOverall",
        js_sys::Uint32Array::from(&cat(|p| &p.rank_overall)[..]).into(),
    )?;
    set("eventsScored", JsValue::from_f64(s.events_scored as f64))?;
    Ok(o)
}

/// A community loaded from a dataset: the registry built once, then scored many times.
#[wasm_bindgen]
pub struct Community {
    ds: Dataset,
    reg: Registry,
}

#[wasm_bindgen]
impl Community {
    /// Loads a dataset (format `dangjian-dataset` v1) from JSON text or a plain object.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | Dataset")] dataset: JsValue,
    ) -> Result<Community, JsValue> {
        let ds = Dataset::from_json(&json_text(&dataset, "dataset")?).map_err(|e| e.to_js())?;
        let reg = ds.to_registry().map_err(|e| e.to_js())?;
        Ok(Community { ds, reg })
    }

    /// Loads a dataset from the bytes of a JSON file (UTF-8, as read from a dropped file).
    #[wasm_bindgen(js_name = fromJsonBytes)]
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Community, JsValue> {
        let ds = Dataset::from_json_bytes(bytes).map_err(|e| e.to_js())?;
        let reg = ds.to_registry().map_err(|e| e.to_js())?;
        Ok(Community { ds, reg })
    }

    /// Loads a dataset from its compact binary form (`Dataset::to_binary` in Rust).
    #[wasm_bindgen(js_name = fromBinary)]
    pub fn from_binary(bytes: &[u8]) -> Result<Community, JsValue> {
        let ds = Dataset::from_binary(bytes).map_err(|e| e.to_js())?;
        let reg = ds.to_registry().map_err(|e| e.to_js())?;
        Ok(Community { ds, reg })
    }

    /// The bundled sample community (翔凤社区).
    pub fn sample() -> Result<Community, JsValue> {
        let ds = dangjian::synth::sample_community();
        let reg = ds.to_registry().map_err(|e| e.to_js())?;
        Ok(Community { ds, reg })
    }

    /// Community name.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.ds.community.name.clone()
    }

    /// Number of members on the roster (all stages and dates).
    #[wasm_bindgen(getter, js_name = memberCount)]
    pub fn member_count(&self) -> usize {
        self.reg.len()
    }

    /// Number of scored activities.
    #[wasm_bindgen(getter, js_name = activityCount)]
    pub fn activity_count(&self) -> usize {
        self.ds.activities.len()
    }

    /// The dataset as JSON text.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> Result<String, JsValue> {
        self.ds.to_json().map_err(|e| e.to_js())
    }

    fn scorer(&self, mode: Mode) -> Result<Scorer<'_>, JsValue> {
        Scorer::new(&self.reg, &self.ds.activities, mode).map_err(|e| e.to_js())
    }

    /// Scores `period` (e.g. `"2026-10"`, `"2026-Q4"`, `"2026"`) under `rules`.
    #[wasm_bindgen(unchecked_return_type = "Scored")]
    pub fn score(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RuleSet | string")] rules: JsValue,
        period_text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "ScoreOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let rules = rule_set(&rules)?;
        let scored = self
            .scorer(mode(&options)?)?
            .score(&rules, period(period_text)?)
            .map_err(|e| e.to_js())?;
        out(&scored)
    }

    /// The score table of `period` as pretty JSON text, exactly as the core writes it (the
    /// form of the golden files).
    #[wasm_bindgen(js_name = scoreTableJson)]
    pub fn score_table_json(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RuleSet | string")] rules: JsValue,
        period_text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "ScoreOptions")] options: JsValue,
    ) -> Result<String, JsValue> {
        let rules = rule_set(&rules)?;
        let scored = self
            .scorer(mode(&options)?)?
            .score(&rules, period(period_text)?)
            .map_err(|e| e.to_js())?;
        let mut json = scored.table.to_json();
        json.push('\n');
        Ok(json)
    }

    /// Why `subject` has its score in `period`: every item, every activity.
    #[wasm_bindgen(unchecked_return_type = "Explanation")]
    pub fn explain(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RuleSet | string")] rules: JsValue,
        period_text: &str,
        subject: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "ScoreOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let rules = rule_set(&rules)?;
        let e = self
            .scorer(mode(&options)?)?
            .explain(&rules, period(period_text)?, subject)
            .map_err(|e| e.to_js())?;
        out(&e)
    }

    /// Scores `period` under rule sets `a` and `b`: who changes grade or rank.
    #[wasm_bindgen(js_name = whatIf, unchecked_return_type = "WhatIf")]
    pub fn what_if(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RuleSet | string")] a: JsValue,
        #[wasm_bindgen(unchecked_param_type = "RuleSet | string")] b: JsValue,
        period_text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "ScoreOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (a, b) = (rule_set(&a)?, rule_set(&b)?);
        let w = self
            .scorer(mode(&options)?)?
            .what_if(&a, &b, period(period_text)?)
            .map_err(|e| e.to_js())?;
        out(&w)
    }

    /// The monthly report of `period` (per-branch ranking with masked names, movers, warnings).
    #[wasm_bindgen(unchecked_return_type = "MonthlyReport")]
    pub fn report(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RuleSet | string")] rules: JsValue,
        period_text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "ScoreOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let rules = rule_set(&rules)?;
        let scorer = self.scorer(mode(&options)?)?;
        let r = MonthlyReport::build(
            &scorer,
            &rules,
            period(period_text)?,
            &self.ds.community.name,
        )
        .map_err(|e| e.to_js())?;
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
        let rules = rule_set(&rules)?;
        let scorer = self.scorer(mode(&options)?)?;
        let r = MonthlyReport::build(
            &scorer,
            &rules,
            period(period_text)?,
            &self.ds.community.name,
        )
        .map_err(|e| e.to_js())?;
        Ok(r.to_text())
    }

    /// Members per organization on `date` (`YYYY-MM-DD`), own and rolled up over subtrees.
    #[wasm_bindgen(js_name = memberCounts, unchecked_return_type = "MemberCounts")]
    pub fn member_counts(&self, date: &str) -> Result<JsValue, JsValue> {
        let day: chrono::NaiveDate = date
            .parse()
            .map_err(|_| Fail::bad_argument("date", "is not a YYYY-MM-DD date").to_js())?;
        let tree = self.reg.tree();
        let own = self.reg.counts_on(day);
        let up = own.rolled_up(tree);
        let orgs: Vec<serde_json::Value> = tree
            .records()
            .iter()
            .map(|o| {
                serde_json::json!({"id": o.id, "name": o.name, "kind": o.kind, "parent": o.parent})
            })
            .collect();
        out(&serde_json::json!({
            "date": day,
            "orgs": orgs,
            "members": own.members,
            "full": own.full,
            "members_rolled_up": up.members,
            "full_rolled_up": up.full,
            "total": own.total(),
        }))
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
