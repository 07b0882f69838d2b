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
mod report_module;

use std::rc::Rc;

use chrono::NaiveDate;
use dangjian::compliance::Month;
use dangjian::io::{parse_json, Dataset, RosterOptions};
use dangjian::member::{EventRecord, MemberRecord};
use dangjian::org::OrgRecord;
use dangjian::registry::OrgCounts;
use dangjian::scoring::{
    Mode, Period, RuleBook, RuleSet, RuleSetError, ScoreReport, Scorer, WhatIf,
};
use dangjian::stats::{Rollup, ScoreBands, ScoreEntry};
use dangjian::table::{OwnedTable, Table};
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

#[wasm_bindgen]
extern "C" {
    /// `crypto.getRandomValues` (browsers, Node 19+); throws where there is no `crypto`.
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues, catch)]
    fn get_random_values(buf: &mut [u8]) -> Result<(), JsValue>;
}

/// Runs when the module is instantiated: gives the core its hash key (`dangjian::hash`), since
/// `wasm32-unknown-unknown` has no random source of its own. From `crypto.getRandomValues`,
/// mixed with `Math.random` (also the fallback where `crypto` is missing).
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
}

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

fn date(text: &str, argument: &str) -> Result<NaiveDate, JsValue> {
    text.parse()
        .map_err(|_| Fail::bad_argument(argument, "is not a YYYY-MM-DD date").to_js())
}

fn month(text: &str) -> Result<Month, JsValue> {
    text.parse::<Month>().map_err(|e| e.to_js())
}

/// An optional snake_case enum argument (`rollup`, `options.mode`), by its serde name.
fn enum_arg<T: serde::de::DeserializeOwned + Default>(
    value: &JsValue,
    argument: &str,
    allowed: &str,
) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    let text = value
        .as_string()
        .ok_or_else(|| Fail::bad_argument(argument, allowed).to_js())?;
    serde_json::from_value(serde_json::Value::String(text))
        .map_err(|_| Fail::bad_argument(argument, allowed).to_js())
}

fn rollup(value: &JsValue) -> Result<Rollup, JsValue> {
    enum_arg(value, "rollup", "must be \"direct\" or \"subtree\"")
}

/// A field of an options object (`undefined` when the object or the field is absent).
fn field(options: &JsValue, name: &str) -> Result<JsValue, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(JsValue::UNDEFINED);
    }
    js_sys::Reflect::get(options, &JsValue::from_str(name))
        .map_err(|_| Fail::bad_argument("options", "is not an object").to_js())
}

/// Any table of the core as a plain object, through the core's privacy layer
/// ([`dangjian::stats::prepare`] with the `StatOptions` in `options`): the [`OwnedTable`] JSON,
/// columnar (one `{name, label_zh, role, values: {type, values}}` per column).
fn table_out(table: &dyn Table, options: &JsValue) -> Result<JsValue, JsValue> {
    use dangjian::stats::{ExportOptions, NamePolicy};
    let names = match field(options, "names")?.as_string().as_deref() {
        None | Some("mask") => NamePolicy::Mask,
        Some("keep") => NamePolicy::Keep,
        Some("drop") => NamePolicy::Drop,
        Some(_) => {
            return Err(Fail::bad_argument(
                "options.names",
                "must be \"mask\", \"keep\" or \"drop\"",
            )
            .to_js())
        }
    };
    let min_count = field(options, "minCount")?;
    let min_count = if min_count.is_undefined() || min_count.is_null() {
        None
    } else {
        let k = min_count
            .as_f64()
            .filter(|k| k.fract() == 0.0 && *k >= 0.0 && *k < 1e15);
        Some(
            k.ok_or_else(|| Fail::bad_argument("options.minCount", "is not a count").to_js())?
                as u64,
        )
    };
    let opts = ExportOptions {
        pseudonymizer: field(options, "pseudonymKey")?
            .as_string()
            .map(|k| dangjian::privacy::Pseudonymizer::new(k.as_bytes())),
        min_count,
        names,
        drop_contacts: false,
    };
    let prepared: OwnedTable = dangjian::stats::prepare(table, &opts).map_err(|e| e.to_js())?;
    out(&prepared)
}

fn mode(options: &JsValue) -> Result<Mode, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(Mode::Strict);
    }
    enum_arg(
        &field(options, "mode")?,
        "options.mode",
        "must be \"strict\" or \"lenient\"",
    )
}

/// The rule catalogue (规则目录): one row per dated version of every rule the library checks
/// or computes (code, area, rule in Chinese and English, dates in force, document, article,
/// parameters), as a statistics table.
///
/// ```js
/// rules().columns.find((c) => c.name === 'code').values.values.includes('term_expired'); // true
/// ```
#[wasm_bindgen(unchecked_return_type = "StatTable")]
pub fn rules() -> Result<JsValue, JsValue> {
    table_out(
        &dangjian::catalogue::CatalogueTable::build(),
        &JsValue::UNDEFINED,
    )
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

#[wasm_bindgen]
extern "C" {
    /// The host's WHATWG `TextDecoder` (browsers, node, Deno).
    type TextDecoder;
    #[wasm_bindgen(constructor, catch)]
    fn new(label: &str, options: &JsValue) -> Result<TextDecoder, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn decode(this: &TextDecoder, input: &[u8]) -> Result<String, JsValue>;
}

/// GB18030 for roster CSVs that are not UTF-8: the host's `TextDecoder("gb18030", {fatal:
/// true})`, the WHATWG decoder `encoding_rs` implements natively (the package leaves
/// `encoding_rs` out, see docs/wasm.md). `None` on malformed input.
fn gb18030(bytes: &[u8]) -> Option<String> {
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"fatal".into(), &true.into()).ok()?;
    TextDecoder::new("gb18030", &options)
        .ok()?
        .decode(bytes)
        .ok()
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

fn bytes_arg(value: &JsValue, argument: &str) -> Result<Vec<u8>, JsValue> {
    value
        .dyn_ref::<js_sys::Uint8Array>()
        .map(js_sys::Uint8Array::to_vec)
        .ok_or_else(|| Fail::bad_argument(argument, "is neither a string nor a Uint8Array").to_js())
}

fn rule_book(value: &JsValue) -> Result<RuleBook, JsValue> {
    if value.is_instance_of::<js_sys::Uint8Array>() {
        return RuleBook::from_json_bytes(&bytes_arg(value, "book")?).map_err(|e| e.to_js());
    }
    RuleBook::from_json(&json_text(value, "book")?).map_err(|e| e.to_js())
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

/// The data of a community: the core session (dataset, registry and the scorer's kept
/// checks). Shared (`Rc`) by the [`Community`] and the [`JsScorer`]s and [`ScopeView`]s made
/// from it; a change to the community makes a new one (copy on write), so those keep the
/// state they were made from.
type Inner = dangjian::community::Community;
use dangjian::community::RecordKind;

fn inner(ds: Dataset) -> Result<Rc<Inner>, JsValue> {
    Ok(Rc::new(Inner::new(ds).map_err(|e| e.to_js())?))
}

/// Runs `f` with a scorer of the session (its checks made once and kept by the session).
fn with_scorer<T>(
    inner: &Inner,
    mode: Mode,
    f: impl FnOnce(&Scorer<'_>) -> Result<T, JsValue>,
) -> Result<T, JsValue> {
    f(&inner.scorer(mode).map_err(|e| e.to_js())?)
}

/// Members per organization (`orgs`, a pre-order slice of the tree starting at index `first`).
fn member_counts(
    tree: &dangjian::org::OrgTree,
    orgs: &[OrgRecord],
    own: &OrgCounts,
    day: NaiveDate,
) -> Result<JsValue, JsValue> {
    let up = own.rolled_up(tree);
    let first = orgs
        .first()
        .and_then(|o| tree.index(&o.id))
        .unwrap_or_default() as usize;
    let pick = |v: &[u64]| -> Vec<u64> { v.iter().skip(first).take(orgs.len()).copied().collect() };
    let members = pick(&own.members);
    let total: u64 = members.iter().sum();
    let list: Vec<serde_json::Value> = orgs
        .iter()
        .map(
            |o| serde_json::json!({"id": o.id, "name": o.name, "kind": o.kind, "parent": o.parent}),
        )
        .collect();
    out(&serde_json::json!({
        "date": day,
        "orgs": list,
        "members": members,
        "full": pick(&own.full),
        "members_rolled_up": pick(&up.members),
        "full_rolled_up": pick(&up.full),
        "total": total,
    }))
}

/// A community loaded from a dataset: the registry built once, then scored many times.
#[wasm_bindgen]
pub struct Community {
    inner: Rc<Inner>,
}

impl Community {
    fn of(ds: Dataset) -> Result<Community, JsValue> {
        Ok(Community { inner: inner(ds)? })
    }

    /// Changes the session with `f`, all or nothing (the core's changes are).
    fn change<T, E: ToJs>(
        &mut self,
        f: impl FnOnce(&mut Inner) -> Result<T, E>,
    ) -> Result<T, JsValue> {
        f(Rc::make_mut(&mut self.inner)).map_err(|e| e.to_js())
    }

    fn score_with<T>(
        &self,
        options: &JsValue,
        f: impl FnOnce(&Scorer<'_>) -> Result<T, JsValue>,
    ) -> Result<T, JsValue> {
        with_scorer(&self.inner, mode(options)?, f)
    }

    fn add_records(&mut self, kind: RecordKind, records: &JsValue) -> Result<usize, JsValue> {
        let text = json_text(records, "records")?;
        self.change(|c| c.add_json(kind, &text))
    }

    fn correct_record(
        &mut self,
        kind: RecordKind,
        id: &str,
        record: &JsValue,
    ) -> Result<(), JsValue> {
        let text = json_text(record, "record")?;
        self.change(|c| c.correct_json(kind, id, &text))
    }
}

#[wasm_bindgen]
impl Community {
    /// Loads a dataset (format `dangjian-dataset` v1) from JSON text or a plain object.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | Dataset")] dataset: JsValue,
    ) -> Result<Community, JsValue> {
        Community::of(Dataset::from_json(&json_text(&dataset, "dataset")?).map_err(|e| e.to_js())?)
    }

    /// Loads a dataset from the bytes of a JSON file (UTF-8, as read from a dropped file).
    #[wasm_bindgen(js_name = fromJsonBytes)]
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Community, JsValue> {
        Community::of(Dataset::from_json_bytes(bytes).map_err(|e| e.to_js())?)
    }

    /// Loads a dataset from its compact binary form (`Dataset::to_binary` in Rust). Only in a
    /// package built with the crate feature `binary` (`WASM_FEATURES=binary build.sh`).
    #[cfg(feature = "binary")]
    #[wasm_bindgen(js_name = fromBinary)]
    pub fn from_binary(bytes: &[u8]) -> Result<Community, JsValue> {
        Community::of(Dataset::from_binary(bytes).map_err(|e| e.to_js())?)
    }

    /// The bundled sample community (翔凤社区).
    pub fn sample() -> Result<Community, JsValue> {
        Community::of(dangjian::synth::sample_community())
    }

    /// The tiny fixture of the core's tests (`Dataset::sample_small()`: branches B1, B2, four
    /// people M1..M4), the base the hostile-input corpus applies event batches to.
    #[wasm_bindgen(js_name = sampleSmall)]
    pub fn sample_small() -> Result<Community, JsValue> {
        Community::of(Dataset::sample_small())
    }

    /// Community name.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.inner.dataset().community.name.clone()
    }

    /// Number of members on the roster (all stages and dates).
    #[wasm_bindgen(getter, js_name = memberCount)]
    pub fn member_count(&self) -> usize {
        self.inner.registry().len()
    }

    /// Number of events in the lifecycle log.
    #[wasm_bindgen(getter, js_name = eventCount)]
    pub fn event_count(&self) -> usize {
        self.inner.registry().event_count()
    }

    /// Number of scored activities.
    #[wasm_bindgen(getter, js_name = activityCount)]
    pub fn activity_count(&self) -> usize {
        self.inner.dataset().activities.len()
    }

    /// The dataset as JSON text (after changes: the current roster and event log). This is the
    /// storage format and holds ID numbers and phones in full; scopes never export it.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> Result<String, JsValue> {
        self.inner.dataset().to_json().map_err(|e| e.to_js())
    }

    /// A short description (counts only, no personal data).
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        format!(
            "Community({}: {} orgs, {} people, {} events, {} activities)",
            self.inner.dataset().community.name,
            self.inner.registry().tree().len(),
            self.inner.registry().len(),
            self.inner.registry().event_count(),
            self.inner.dataset().activities.len()
        )
    }

    // --- changes (all or nothing) ----------------------------------------------------------

    /// Applies a batch of lifecycle events, all or nothing: after an error the community is
    /// exactly as before.
    #[wasm_bindgen(unchecked_return_type = "BatchSummary")]
    pub fn apply(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "EventRecord[] | string")] events: JsValue,
    ) -> Result<JsValue, JsValue> {
        let batch: Vec<EventRecord> =
            parse_json(&json_text(&events, "events")?).map_err(|e| e.to_js())?;
        let summary = self.change(|c| c.apply(batch))?;
        out(&summary)
    }

    /// Adds people to the roster (no events yet), all or nothing.
    #[wasm_bindgen(js_name = addMembers)]
    pub fn add_members(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "MemberRecord[] | string")] members: JsValue,
    ) -> Result<(), JsValue> {
        let people: Vec<MemberRecord> =
            parse_json(&json_text(&members, "members")?).map_err(|e| e.to_js())?;
        self.change(|c| c.add_members(people))
    }

    /// Adds activities (积分记录), all or nothing: each record is checked (a unique id, the people,
    /// organizations and posts it names, the rules of its section); on the first bad one the
    /// community is exactly as before and the error (`code` `record_*`) names the record in
    /// Chinese (`第101条积分记录（A000101，XF002）日期 2026/10/15 应写成 2026-10-15`).
    /// Returns the number added: `community.addActivities([{...}])`.
    #[wasm_bindgen(js_name = addActivities)]
    pub fn add_activities(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ActivityRecord[] | ActivityRecord | string")]
        records: JsValue,
    ) -> Result<usize, JsValue> {
        self.add_records(RecordKind::Activity, &records)
    }

    /// Replaces the record of this kind whose id is `id` by `record`, checked as
    /// `addActivities` checks it.
    #[wasm_bindgen(js_name = correctActivity)]
    pub fn correct_activity(
        &mut self,
        id: &str,
        #[wasm_bindgen(unchecked_param_type = "ActivityRecord | string")] record: JsValue,
    ) -> Result<(), JsValue> {
        self.correct_record(RecordKind::Activity, id, &record)
    }

    /// Removes the record of this kind whose id is `id` (code `record_not_found` if none).
    #[wasm_bindgen(js_name = removeActivity)]
    pub fn remove_activity(&mut self, id: &str) -> Result<(), JsValue> {
        self.change(|c| c.remove_kind(RecordKind::Activity, id))
    }

    /// Adds meetings (会议记录: 三会一课, 主题党日), all or nothing: each record is checked (a unique id, the people,
    /// organizations and posts it names, the rules of its section); on the first bad one the
    /// community is exactly as before and the error (`code` `record_*`) names the record in
    /// Chinese (`第101条积分记录（A000101，XF002）日期 2026/10/15 应写成 2026-10-15`).
    /// Returns the number added: `community.addMeetings([{...}])`.
    #[wasm_bindgen(js_name = addMeetings)]
    pub fn add_meetings(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "MeetingRecord[] | MeetingRecord | string")] records: JsValue,
    ) -> Result<usize, JsValue> {
        self.add_records(RecordKind::Meeting, &records)
    }

    /// Replaces the record of this kind whose id is `id` by `record`, checked as
    /// `addMeetings` checks it.
    #[wasm_bindgen(js_name = correctMeeting)]
    pub fn correct_meeting(
        &mut self,
        id: &str,
        #[wasm_bindgen(unchecked_param_type = "MeetingRecord | string")] record: JsValue,
    ) -> Result<(), JsValue> {
        self.correct_record(RecordKind::Meeting, id, &record)
    }

    /// Removes the record of this kind whose id is `id` (code `record_not_found` if none).
    #[wasm_bindgen(js_name = removeMeeting)]
    pub fn remove_meeting(&mut self, id: &str) -> Result<(), JsValue> {
        self.change(|c| c.remove_kind(RecordKind::Meeting, id))
    }

    /// Adds dues payments (党费缴纳记录; a payment's id is `member/YYYY-MM`), all or nothing: each record is checked (a unique id, the people,
    /// organizations and posts it names, the rules of its section); on the first bad one the
    /// community is exactly as before and the error (`code` `record_*`) names the record in
    /// Chinese (`第101条积分记录（A000101，XF002）日期 2026/10/15 应写成 2026-10-15`).
    /// Returns the number added: `community.addPayments([{...}])`.
    #[wasm_bindgen(js_name = addPayments)]
    pub fn add_payments(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "PaymentRecord[] | PaymentRecord | string")] records: JsValue,
    ) -> Result<usize, JsValue> {
        self.add_records(RecordKind::Payment, &records)
    }

    /// Replaces the record of this kind whose id is `id` by `record`, checked as
    /// `addPayments` checks it.
    #[wasm_bindgen(js_name = correctPayment)]
    pub fn correct_payment(
        &mut self,
        id: &str,
        #[wasm_bindgen(unchecked_param_type = "PaymentRecord | string")] record: JsValue,
    ) -> Result<(), JsValue> {
        self.correct_record(RecordKind::Payment, id, &record)
    }

    /// Removes the record of this kind whose id is `id` (code `record_not_found` if none).
    #[wasm_bindgen(js_name = removePayment)]
    pub fn remove_payment(&mut self, id: &str) -> Result<(), JsValue> {
        self.change(|c| c.remove_kind(RecordKind::Payment, id))
    }

    /// Adds service records (服务记录), all or nothing: each record is checked (a unique id, the people,
    /// organizations and posts it names, the rules of its section); on the first bad one the
    /// community is exactly as before and the error (`code` `record_*`) names the record in
    /// Chinese (`第101条积分记录（A000101，XF002）日期 2026/10/15 应写成 2026-10-15`).
    /// Returns the number added: `community.addServiceRecords([{...}])`.
    #[wasm_bindgen(js_name = addServiceRecords)]
    pub fn add_service_records(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ServiceRecord[] | ServiceRecord | string")] records: JsValue,
    ) -> Result<usize, JsValue> {
        self.add_records(RecordKind::Service, &records)
    }

    /// Replaces the record of this kind whose id is `id` by `record`, checked as
    /// `addServiceRecords` checks it.
    #[wasm_bindgen(js_name = correctServiceRecord)]
    pub fn correct_service_record(
        &mut self,
        id: &str,
        #[wasm_bindgen(unchecked_param_type = "ServiceRecord | string")] record: JsValue,
    ) -> Result<(), JsValue> {
        self.correct_record(RecordKind::Service, id, &record)
    }

    /// Removes the record of this kind whose id is `id` (code `record_not_found` if none).
    #[wasm_bindgen(js_name = removeServiceRecord)]
    pub fn remove_service_record(&mut self, id: &str) -> Result<(), JsValue> {
        self.change(|c| c.remove_kind(RecordKind::Service, id))
    }

    /// Imports a roster CSV (UTF-8, GB18030 or UTF-16; Chinese headers 姓名, 性别, 出生日期, …,
    /// 所在支部, under their common aliases): every row becomes a member on `asOf`, all or
    /// nothing. Ids come from 编号, else from the ID number keyed by `idKey`; rows without
    /// 登记方式 enter as `entry` (`"registered"` 初始登记 or `"transferred_in"` 转入; needed
    /// when `asOf` is after the founding). Returns the number of members added. Bad cells are
    /// all reported together (`code` `invalid_rows`, `rows` with row, column, code, masked
    /// value and reason).
    #[wasm_bindgen(js_name = importRosterCsv)]
    pub fn import_roster_csv(
        &mut self,
        bytes: &[u8],
        #[wasm_bindgen(js_name = asOf)] as_of: &str,
        #[wasm_bindgen(js_name = idPrefix)] id_prefix: Option<String>,
        #[wasm_bindgen(js_name = idKey)] id_key: Option<String>,
        entry: Option<String>,
    ) -> Result<usize, JsValue> {
        let mut opts = RosterOptions::new(date(as_of, "asOf")?);
        if let Some(p) = id_prefix {
            opts.id_prefix = p;
        }
        if let Some(k) = id_key {
            opts = opts.id_key(k.as_bytes());
        }
        if let Some(e) = entry {
            opts.entry = Some(dangjian::io::Entry::parse(&e).ok_or_else(|| {
                Fail::bad_argument("entry", "is neither \"registered\" nor \"transferred_in\"")
                    .to_js()
            })?);
        }
        // the one roster import of the core: the format found from the content (a workbook
        // is refused with a Chinese message when the package is built without `xlsx`)
        let rows = dangjian::io::import_roster_with(
            bytes,
            None,
            self.inner.registry().tree(),
            &opts,
            &gb18030,
        )
        .map_err(|e| e.to_js())?;
        let n = rows.members.len();
        self.change(|c| c.import(rows.members, rows.events))?;
        Ok(n)
    }

    // --- scoring ---------------------------------------------------------------------------

    /// A scorer for one rule set, kept across calls (the rule set parsed and the activities
    /// checked once): `community.scorer(rules).score("2026-10")`.
    pub fn scorer(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RuleSet | string")] rules: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ScoreOptions")] options: JsValue,
    ) -> Result<JsScorer, JsValue> {
        let rules = rule_set(&rules)?;
        let mode = mode(&options)?;
        with_scorer(&self.inner, mode, |_| Ok(()))?;
        Ok(JsScorer {
            inner: Rc::clone(&self.inner),
            rules,
            mode,
        })
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
        let p = period(period_text)?;
        let scored = self.score_with(&options, |s| s.score(&rules, p).map_err(|e| e.to_js()))?;
        out(&scored)
    }

    /// Scores `period` with the version of the rule book `book` in force on its first day.
    #[wasm_bindgen(js_name = scoreBook, unchecked_return_type = "Scored")]
    pub fn score_book(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RuleSet[] | string")] book: JsValue,
        period_text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "ScoreOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let book = rule_book(&book)?;
        let p = period(period_text)?;
        let scored =
            self.score_with(&options, |s| s.score_book(&book, p).map_err(|e| e.to_js()))?;
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
        let p = period(period_text)?;
        let table = self.score_with(&options, |s| {
            s.score_table(&rules, p).map_err(|e| e.to_js())
        })?;
        let mut json = table.to_json();
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
        let p = period(period_text)?;
        let e = self.score_with(&options, |s| {
            s.explain(&rules, p, subject).map_err(|e| e.to_js())
        })?;
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
        let p = period(period_text)?;
        let w = self.score_with(&options, |s| s.what_if(&a, &b, p).map_err(|e| e.to_js()))?;
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

    // --- statistics ------------------------------------------------------------------------

    /// Members per organization on `date` (`YYYY-MM-DD`), own and rolled up over subtrees.
    #[wasm_bindgen(js_name = memberCounts, unchecked_return_type = "MemberCounts")]
    pub fn member_counts(&self, date_text: &str) -> Result<JsValue, JsValue> {
        let day = date(date_text, "date")?;
        let tree = self.inner.registry().tree();
        member_counts(
            tree,
            tree.records(),
            &self.inner.registry().counts_on(day),
            day,
        )
    }

    /// Membership statistics on `date` per organization: headcount, full and probationary,
    /// gender, ethnicity, education, age bands, party standing, category, floating and lost
    /// contact (`options`: roll-up and privacy, see `StatOptions`).
    #[wasm_bindgen(js_name = statsMembership, unchecked_return_type = "StatTable")]
    pub fn stats_membership(
        &self,
        date_text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "StatOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let t = dangjian::stats::membership(
            self.inner.registry(),
            date(date_text, "date")?,
            rollup(&field(&options, "rollup")?)?,
        );
        table_out(&t, &options)
    }

    /// Flows from `start` to `end` (inclusive) per organization: admissions, conversions,
    /// transfers and moves in and out, deaths and other exits; `closing = opening + in − out`.
    #[wasm_bindgen(js_name = statsFlows, unchecked_return_type = "StatTable")]
    pub fn stats_flows(
        &self,
        start: &str,
        end: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "StatOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let t = dangjian::stats::flows(
            self.inner.registry(),
            date(start, "start")?,
            date(end, "end")?,
            rollup(&field(&options, "rollup")?)?,
        )
        .map_err(|e| e.to_js())?;
        table_out(&t, &options)
    }

    /// People at each stage of the development pipeline on `date`, per organization.
    #[wasm_bindgen(js_name = statsPipeline, unchecked_return_type = "StatTable")]
    pub fn stats_pipeline(
        &self,
        date_text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "StatOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let t = dangjian::stats::pipeline(
            self.inner.registry(),
            date(date_text, "date")?,
            rollup(&field(&options, "rollup")?)?,
        );
        table_out(&t, &options)
    }

    /// The distribution of the scores of `period` per organization: count, bands, sum, min,
    /// max, mean, median (each subject under the organization it is ranked in).
    #[wasm_bindgen(js_name = statsScores, unchecked_return_type = "StatTable")]
    pub fn stats_scores(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RuleSet | string")] rules: JsValue,
        period_text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "ScoreStatsOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let rules = rule_set(&rules)?;
        let p = period(period_text)?;
        let bands_arg = field(&options, "bands")?;
        let bands: ScoreBands = if bands_arg.is_undefined() || bands_arg.is_null() {
            ScoreBands::default()
        } else {
            parse_json(&json_text(&bands_arg, "options.bands")?).map_err(|e| e.to_js())?
        };
        let scored = self.score_with(&options, |s| s.score(&rules, p).map_err(|e| e.to_js()))?;
        let t = dangjian::stats::score_distribution(
            self.inner.registry().tree(),
            &ScoreEntry::from_scores(&scored.table),
            &bands,
            rollup(&field(&options, "rollup")?)?,
        )
        .map_err(|e| e.to_js())?;
        table_out(&t, &options)
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
        report_module::monthly_report(
            || self.inner.dataset().to_json().map_err(|e| e.to_js()),
            year,
            month,
        )
    }

    /// The community practices (社区实践, issue 23) as tables: `kind` is `pairings`,
    /// `idle_pairings` (3 whole months without help as of `last`), `grids`, `service_days`,
    /// `cobuild`, `declarations` or `pending_declarations`, over `first`..`last`
    /// (`YYYY-MM-DD`). The core's tables (`options`: privacy, see `StatOptions`).
    ///
    /// ```js
    /// const t = Community.sample().practices("grids", "2026-10-01", "2026-10-31");
    /// ```
    #[wasm_bindgen(unchecked_return_type = "StatTable")]
    pub fn practices(
        &self,
        kind: &str,
        first: &str,
        last: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "StatOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        use dangjian::practice::report as pr;
        let (first, last) = (date(first, "first")?, date(last, "last")?);
        let ds = self.inner.dataset();
        let reg = self.inner.registry();
        let p = &ds.practices;
        let t = match kind {
            "pairings" => pr::pairing_activity(p, reg, first, last),
            "idle_pairings" => pr::idle_pairings(p, last, 3),
            "grids" => pr::grid_report(p, reg, first, last),
            "service_days" => pr::schedule_coverage(p, &ds.posts, &ds.service, first, last),
            "cobuild" => pr::cobuild_report(p, first, last),
            "declarations" => dangjian::declaration::review_lines(&ds.declarations, first, last),
            "pending_declarations" => dangjian::declaration::pending(&ds.declarations, first, last),
            _ => {
                return Err(Fail::bad_argument(
                    "kind",
                    "应为 pairings、idle_pairings、grids、service_days、cobuild、declarations 或 pending_declarations",
                )
                .to_js())
            }
        };
        table_out(&t, &options)
    }

    /// The branch assessment (支部考核, `org-default`) of `year` as of `asOf`, derived from
    /// the records: `[scores by quarter, the derived deductions with their reasons]`.
    ///
    /// ```js
    /// const [quarters, deductions] = Community.sample().assessment(2026, "2026-10-31");
    /// ```
    #[wasm_bindgen(unchecked_return_type = "[StatTable, StatTable]")]
    pub fn assessment(
        &self,
        year: i32,
        as_of: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "StatOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let a = dangjian::assessment::assess(
            self.inner.dataset(),
            self.inner.registry(),
            &dangjian::scoring::RuleSet::org_default(),
            year,
            date(as_of, "asOf")?,
        )
        .map_err(|e| e.to_js())?;
        let arr = js_sys::Array::new();
        arr.push(&table_out(&a.quarters, &options)?);
        arr.push(&table_out(&a.derived_table(), &options)?);
        Ok(arr.into())
    }

    /// The agenda (待办与提醒) as of `asOf` (`YYYY-MM-DD`): what is overdue and what falls due
    /// within `days` days, one row per item with its rule code, organization, member (name
    /// masked), due date and days left — the core's `Agenda` table (`options`: privacy, see
    /// `StatOptions`).
    ///
    /// ```js
    /// const t = Community.sample().agenda("2026-10-31", 30);
    /// ```
    #[wasm_bindgen(unchecked_return_type = "StatTable")]
    pub fn agenda(
        &self,
        as_of: &str,
        days: u32,
        #[wasm_bindgen(unchecked_optional_param_type = "StatOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let a = dangjian::agenda::Agenda::build(
            self.inner.dataset(),
            self.inner.registry(),
            date(as_of, "asOf")?,
            days,
        )
        .map_err(|e| e.to_js())?;
        table_out(&a, &options)
    }

    /// 民主评议党员情况 of `year` per branch (members appraised, grades, 限期改正, 劝退, 除名).
    #[wasm_bindgen(js_name = appraisalStats, unchecked_return_type = "StatTable")]
    pub fn appraisal_stats(
        &self,
        year: i32,
        #[wasm_bindgen(unchecked_optional_param_type = "StatOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let book =
            dangjian::year::YearBook::from_dataset(self.inner.dataset(), self.inner.registry())
                .map_err(|e| e.to_js())?;
        table_out(&book.appraisal_stats(self.inner.registry(), year), &options)
    }

    /// The introduction letters (组织关系介绍信) with their status on `asOf`.
    #[wasm_bindgen(unchecked_return_type = "StatTable")]
    pub fn letters(
        &self,
        as_of: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "StatOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let book =
            dangjian::year::YearBook::from_dataset(self.inner.dataset(), self.inner.registry())
                .map_err(|e| e.to_js())?;
        table_out(
            &book.letter_table(self.inner.registry(), date(as_of, "asOf")?),
            &options,
        )
    }

    /// The register of additions and removals (党员增减名册) from `first` to `last`.
    #[wasm_bindgen(js_name = changeRegister, unchecked_return_type = "StatTable")]
    pub fn change_register(
        &self,
        first: &str,
        last: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "StatOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let r = dangjian::year::ChangeRegister::build(
            self.inner.dataset(),
            self.inner.registry(),
            date(first, "first")?,
            date(last, "last")?,
        );
        table_out(&r, &options)
    }

    /// Every recorded election (换届选举) counted by the rules of 选举条例, in record order:
    /// organization, day, verdict (`valid`, `findings`), the counts and the votes per person
    /// (`tally`). Voters not listed in a record are the full members of its organization's
    /// subtree on the day.
    #[wasm_bindgen(unchecked_return_type = "CountedElection[]")]
    pub fn elections(&self) -> Result<JsValue, JsValue> {
        let c = self.inner.compliance().map_err(|e| e.to_js())?;
        let rules = dangjian::compliance::ElectionRules::default();
        out(&c
            .elections_counted(self.inner.registry(), &rules)
            .map_err(|e| e.to_js())?)
    }

    /// Dues collection per organization over the months `from`..=`to` (`YYYY-MM`) as of `asOf`:
    /// members due, paid, in arrears, amounts due and paid (fen).
    #[wasm_bindgen(js_name = statsDues, unchecked_return_type = "StatTable")]
    pub fn stats_dues(
        &self,
        from: &str,
        to: &str,
        #[wasm_bindgen(js_name = asOf)] as_of: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "StatOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let c = self.inner.compliance().map_err(|e| e.to_js())?;
        let t = c
            .collection(
                self.inner.registry(),
                month(from)?,
                month(to)?,
                date(as_of, "asOf")?,
                rollup(&field(&options, "rollup")?)?,
            )
            .map_err(|e| e.to_js())?;
        table_out(&t, &options)
    }

    /// Members in dues arrears over `from`..=`to` as of `asOf`, with the six-consecutive-months
    /// flag of 党章 art. 9 (names masked unless `options.names` says otherwise).
    #[wasm_bindgen(js_name = statsArrears, unchecked_return_type = "StatTable")]
    pub fn stats_arrears(
        &self,
        from: &str,
        to: &str,
        #[wasm_bindgen(js_name = asOf)] as_of: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "StatOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let c = self.inner.compliance().map_err(|e| e.to_js())?;
        let t = c
            .arrears(
                self.inner.registry(),
                month(from)?,
                month(to)?,
                date(as_of, "asOf")?,
            )
            .map_err(|e| e.to_js())?;
        table_out(&t, &options)
    }

    /// Organization-life compliance (三会一课, 主题党日) per organization and requirement over
    /// `from`..=`to` as of `asOf`: required, held, compliant.
    #[wasm_bindgen(js_name = statsMeetings, unchecked_return_type = "StatTable")]
    pub fn stats_meetings(
        &self,
        from: &str,
        to: &str,
        #[wasm_bindgen(js_name = asOf)] as_of: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "StatOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let c = self.inner.compliance().map_err(|e| e.to_js())?;
        let t = c
            .meetings
            .compliance(
                self.inner.registry(),
                month(from)?,
                month(to)?,
                date(as_of, "asOf")?,
            )
            .map_err(|e| e.to_js())?;
        table_out(&t, &options)
    }

    /// Meeting attendance per organization over `from`..=`to` as of `asOf`: member-meetings
    /// expected, attended, excused and absent.
    #[wasm_bindgen(js_name = statsAttendance, unchecked_return_type = "StatTable")]
    pub fn stats_attendance(
        &self,
        from: &str,
        to: &str,
        #[wasm_bindgen(js_name = asOf)] as_of: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "StatOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let c = self.inner.compliance().map_err(|e| e.to_js())?;
        let t = c
            .meetings
            .org_attendance(
                self.inner.registry(),
                month(from)?,
                month(to)?,
                date(as_of, "asOf")?,
                rollup(&field(&options, "rollup")?)?,
            )
            .map_err(|e| e.to_js())?;
        table_out(&t, &options)
    }

    // --- people and scopes -----------------------------------------------------------------

    /// The roster record of member `id` (its `toString` masks name, ID number and phone).
    pub fn member(&self, id: &str) -> Result<Member, JsValue> {
        let reg = self.inner.registry();
        reg.member_index(id)
            .and_then(|i| reg.member(i))
            .map(|r| Member { rec: r.clone() })
            .ok_or_else(|| dangjian::RegistryError::UnknownMember { id: id.into() }.to_js())
    }

    /// The view of the subtree of organization `org` (what its secretary may see): a snapshot
    /// of the community as it is now.
    pub fn scope(&self, org: &str) -> Result<ScopeView, JsValue> {
        self.inner.registry().scope(org).map_err(|e| e.to_js())?;
        Ok(ScopeView {
            inner: Rc::clone(&self.inner),
            org: org.to_string(),
        })
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

/// A scorer for one rule set over one community (made by `community.scorer(rules)`): the rule
/// set is parsed and the activities are checked once, then each period costs only the scoring.
#[wasm_bindgen(js_name = Scorer)]
pub struct JsScorer {
    inner: Rc<Inner>,
    rules: RuleSet,
    mode: Mode,
}

impl JsScorer {
    fn run<T>(&self, f: impl FnOnce(&Scorer<'_>) -> Result<T, JsValue>) -> Result<T, JsValue> {
        with_scorer(&self.inner, self.mode, f)
    }
}

#[wasm_bindgen(js_class = Scorer)]
impl JsScorer {
    /// The rule set (its JSON form).
    #[wasm_bindgen(getter, unchecked_return_type = "RuleSet")]
    pub fn rules(&self) -> Result<JsValue, JsValue> {
        out(&self.rules)
    }

    /// Scores `period`.
    #[wasm_bindgen(unchecked_return_type = "Scored")]
    pub fn score(&self, period_text: &str) -> Result<JsValue, JsValue> {
        let p = period(period_text)?;
        let scored = self.run(|s| s.score(&self.rules, p).map_err(|e| e.to_js()))?;
        out(&scored)
    }

    /// The score table of `period` as the core's pretty JSON text (golden form).
    #[wasm_bindgen(js_name = scoreTableJson)]
    pub fn score_table_json(&self, period_text: &str) -> Result<String, JsValue> {
        let p = period(period_text)?;
        let table = self.run(|s| s.score_table(&self.rules, p).map_err(|e| e.to_js()))?;
        let mut json = table.to_json();
        json.push('\n');
        Ok(json)
    }

    /// Why `subject` has its score in `period`.
    #[wasm_bindgen(unchecked_return_type = "Explanation")]
    pub fn explain(&self, period_text: &str, subject: &str) -> Result<JsValue, JsValue> {
        let p = period(period_text)?;
        let e = self.run(|s| s.explain(&self.rules, p, subject).map_err(|e| e.to_js()))?;
        out(&e)
    }
}

/// A person on the roster. `toString()` and `toJSON()` show the name, ID number and phone
/// masked only (`张*`, `110***********002X`, `138****5678`).
#[wasm_bindgen]
pub struct Member {
    rec: MemberRecord,
}

#[wasm_bindgen]
impl Member {
    /// Member id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.rec.id.to_string()
    }

    /// Masked name (`张*`).
    #[wasm_bindgen(getter, js_name = maskedName)]
    pub fn masked_name(&self) -> String {
        self.rec.name.masked()
    }

    /// Masked ID number, if any.
    #[wasm_bindgen(getter, js_name = maskedIdNumber)]
    pub fn masked_id_number(&self) -> Option<String> {
        self.rec.id_number.as_ref().map(|n| n.masked())
    }

    /// Masked phone, if any.
    #[wasm_bindgen(getter, js_name = maskedPhone)]
    pub fn masked_phone(&self) -> Option<String> {
        self.rec.phone.as_ref().map(|p| p.masked())
    }

    /// The record as the core's `Debug` shows it (personal fields masked).
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        format!("{:?}", self.rec)
    }

    /// What `JSON.stringify` shows: the id and the masked fields.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "{ id: string; name: string; id_number: string | null; phone: string | null }")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        out(&serde_json::json!({
            "id": self.rec.id,
            "name": self.masked_name(),
            "id_number": self.masked_id_number(),
            "phone": self.masked_phone(),
        }))
    }
}

/// A read-only view of one organization's subtree (made by `community.scope(org)`): people
/// outside it cannot be read, counted or exported — a lookup fails exactly as for an id that
/// does not exist (`not_found`).
#[wasm_bindgen(js_name = Scope)]
pub struct ScopeView {
    inner: Rc<Inner>,
    org: String,
}

impl ScopeView {
    fn view(&self) -> Result<dangjian::scope::Scope<'_>, JsValue> {
        self.inner
            .registry()
            .scope(&self.org)
            .map_err(|e| e.to_js())
    }
}

#[wasm_bindgen(js_class = Scope)]
impl ScopeView {
    /// The root organization's id.
    #[wasm_bindgen(getter)]
    pub fn org(&self) -> String {
        self.org.clone()
    }

    /// The organizations in scope, in pre-order.
    #[wasm_bindgen(unchecked_return_type = "OrgRecord[]")]
    pub fn orgs(&self) -> Result<JsValue, JsValue> {
        out(&self.view()?.orgs())
    }

    /// Members visible on `date`.
    #[wasm_bindgen(js_name = headcountOn)]
    pub fn headcount_on(&self, date_text: &str) -> Result<f64, JsValue> {
        Ok(self.view()?.headcount_on(date(date_text, "date")?) as f64)
    }

    /// Members per organization of the scope on `date`.
    #[wasm_bindgen(js_name = memberCounts, unchecked_return_type = "MemberCounts")]
    pub fn member_counts(&self, date_text: &str) -> Result<JsValue, JsValue> {
        let day = date(date_text, "date")?;
        let v = self.view()?;
        member_counts(
            self.inner.registry().tree(),
            v.orgs(),
            &v.counts_on(day),
            day,
        )
    }

    /// The roster on `date`: ID numbers and phones masked always, names unless `showNames`.
    #[wasm_bindgen(unchecked_return_type = "RosterTable")]
    pub fn roster(
        &self,
        date_text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "RosterOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let mut opts = dangjian::scope::RosterExportOptions {
            show_names: field(&options, "showNames")?.is_truthy(),
            ..Default::default()
        };
        if let Some(key) = field(&options, "pseudonymKey")?.as_string() {
            let p = dangjian::privacy::Pseudonymizer::new(key.as_bytes());
            dangjian::stats::check_key(&p).map_err(|e| e.to_js())?;
            opts.pseudonymize = Some(p);
        }
        out(&self.view()?.roster_on(date(date_text, "date")?, &opts))
    }

    /// Scores `period` under `rules` and keeps the rows ranked in the scope (the core's
    /// `Scope::scores`): members ranked in a branch of the scope, or its organizations for an
    /// organization rule set. The overall rank is recomputed among the rows kept; the rank
    /// within an organization is kept. Diagnostics are not returned (they may name people
    /// outside the scope).
    #[wasm_bindgen(unchecked_return_type = "ScoreTable")]
    pub fn score(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RuleSet | string")] rules: JsValue,
        period_text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "ScoreOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let rules = rule_set(&rules)?;
        let p = period(period_text)?;
        let view = self.view()?;
        // Only the scope's records are scored: another branch's activities neither fail a
        // strict scoring here nor appear in its errors.
        let activities = view.activities(&self.inner.dataset().activities);
        let scorer = Scorer::new(self.inner.registry(), &activities, mode(&options)?)
            .map_err(|e| e.to_js())?;
        let scored = scorer.score(&rules, p).map_err(|e| e.to_js())?;
        out(&view.scores(&scored.table))
    }

    /// The counted elections of the organizations in scope (as `community.elections()`).
    #[wasm_bindgen(unchecked_return_type = "CountedElection[]")]
    pub fn elections(&self) -> Result<JsValue, JsValue> {
        let c = self.inner.compliance().map_err(|e| e.to_js())?;
        let rules = dangjian::compliance::ElectionRules::default();
        let all = c
            .elections_counted(self.inner.registry(), &rules)
            .map_err(|e| e.to_js())?;
        out(&self.view()?.elections(&all))
    }

    /// The person `id` if visible on `date` (else `not_found`, as for an unknown id).
    pub fn member(&self, id: &str, date_text: &str) -> Result<Member, JsValue> {
        let rec = self
            .view()?
            .member(id, date(date_text, "date")?)
            .map_err(|e| e.to_js())?;
        Ok(Member { rec: rec.clone() })
    }

    /// The events of `id` while inside the scope (else `not_found`).
    #[wasm_bindgen(unchecked_return_type = "EventRecord[]")]
    pub fn history(&self, id: &str) -> Result<JsValue, JsValue> {
        out(&self.view()?.history(id).map_err(|e| e.to_js())?)
    }

    /// Flows of the scope from `start` to `end` (moves across its border count as transfers).
    #[wasm_bindgen(unchecked_return_type = "Flows")]
    pub fn flows(&self, start: &str, end: &str) -> Result<JsValue, JsValue> {
        out(&self.view()?.flows(date(start, "start")?, date(end, "end")?))
    }

    /// Membership statistics on `date` of the organizations in scope only (the community's
    /// table cut to the subtree by the core, then its privacy layer).
    #[wasm_bindgen(js_name = statsMembership, unchecked_return_type = "StatTable")]
    pub fn stats_membership(
        &self,
        date_text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "StatOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let t = dangjian::stats::membership(
            self.inner.registry(),
            date(date_text, "date")?,
            rollup(&field(&options, "rollup")?)?,
        );
        let cut = self.view()?.restrict(&t).map_err(|e| e.to_js())?;
        table_out(&cut, &options)
    }

    /// Pipeline steps due on `date` for people in scope.
    #[wasm_bindgen(js_name = pipelineDue, unchecked_return_type = "PipelineDue[]")]
    pub fn pipeline_due(&self, date_text: &str) -> Result<JsValue, JsValue> {
        out(&self.view()?.pipeline_due(date(date_text, "date")?))
    }

    /// A short description (no personal data).
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        format!("Scope({})", self.org)
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
