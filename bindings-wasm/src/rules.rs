//! The free functions of the package: rule sets and rule books, the rule catalogue, the
//! sample community, comparisons of score tables and the columnar bulk scoring.

use dangjian::scoring::{RuleSet, RuleSetError, WhatIf};
use wasm_bindgen::prelude::*;

use crate::convert::{bytes_arg, json_text, out, period, rule_book, rule_set};
use crate::error::{Fail, ToJs};

/// The rule catalogue (规则目录): one row per dated version of every rule the library checks
/// or computes (code, area, rule in Chinese and English, dates in force, document, article,
/// parameters), as a statistics table.
///
/// ```js
/// await loadReportModule();
/// rules().columns.find((c) => c.name === 'code').values.values.includes('term_expired'); // true
/// ```
///
/// Built by the package's second module: `await loadReportModule()` first (otherwise a
/// `bad_argument` error naming `loadReportModule`).
#[wasm_bindgen(unchecked_return_type = "StatTable")]
pub fn rules() -> Result<JsValue, JsValue> {
    crate::report_module::rules()
}

/// The version of the underlying Rust core.
#[wasm_bindgen]
pub fn version() -> String {
    dangjian::VERSION.to_string()
}

/// Parses and validates a rule set (JSON, or TOML when `format` is `"toml"`) from text or the
/// bytes of a file (invalid UTF-8 is a `rule_set_parse` error naming line, column and byte);
/// returns it as a plain object (the JSON form, defaults filled in).
#[wasm_bindgen(js_name = loadRuleSet, unchecked_return_type = "RuleSet")]
pub fn load_rule_set(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "\"json\" | \"toml\"")] format: Option<String>,
) -> Result<JsValue, JsValue> {
    let toml = match format.as_deref() {
        None | Some("json") => false,
        Some("toml") => true,
        Some(_) => return Err(Fail::bad_argument("format", "must be \"json\" or \"toml\"").to_js()),
    };
    let rules = match (text.as_string(), toml) {
        (_, true) => rule_set_toml(&text)?,
        (Some(t), false) => RuleSet::from_json(&t),
        (None, false) => RuleSet::from_json_bytes(&bytes_arg(&text, "text")?),
    }
    .map_err(|e| e.to_js())?;
    out(&rules)
}

/// `loadRuleSet(text, "toml")`: TOML only in a package built with the crate feature `toml`.
#[cfg(feature = "toml")]
fn rule_set_toml(text: &JsValue) -> Result<Result<RuleSet, RuleSetError>, JsValue> {
    Ok(match text.as_string() {
        Some(t) => RuleSet::from_toml(&t),
        None => RuleSet::from_toml_bytes(&bytes_arg(text, "text")?),
    })
}

/// `loadRuleSet(text, "toml")` without the crate feature `toml` (the default wasm build).
#[cfg(not(feature = "toml"))]
fn rule_set_toml(_: &JsValue) -> Result<Result<RuleSet, RuleSetError>, JsValue> {
    Err(Fail::bad_argument(
        "format",
        "\"toml\" is not in this package (built without the crate feature `toml`)",
    )
    .to_js())
}

/// Parses and validates a rule book (a JSON array of the versions of one rule set, each with
/// its `effective_from`), from text or bytes; returns the versions, oldest first.
#[wasm_bindgen(js_name = loadRuleBook, unchecked_return_type = "RuleSet[]")]
pub fn load_rule_book(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | RuleSet[]")] book: JsValue,
) -> Result<JsValue, JsValue> {
    out(&rule_book(&book)?.versions())
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
    dangjian::synth::golden_sample().map_err(|e| e.to_js())
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
