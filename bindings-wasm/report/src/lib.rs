//! The second, separately loaded WebAssembly module of the npm package `dangjian-wasm`: the
//! outputs the page's first screen does not need — the community's monthly report (月度党建报告),
//! the agenda, the community practices, the branch assessment, the year's tables (民主评议,
//! 介绍信, 增减名册), the counted elections, the rule catalogue —, the sample community's
//! generator and the roster import's reader (the main module applies what it reads). The main module
//! (`bindings-wasm/src/lib.rs`) keeps loading, scoring, explanations, what-ifs, records, rosters
//! and statistics; this one is fetched and instantiated on the first `await loadReportModule()`
//! (`js/report.js`), and the main module's methods of those outputs call it.
//!
//! Not an API of its own: its functions take and give JSON text, and fail with the JSON of the
//! core's `ErrorReport` (a string), which `js/report.js` turns into the package's one
//! `DangjianError` class. The community crosses once per version: [`load`] parses the dataset
//! (JSON text, the storage form of `Community.toJson()`) into a core session that this module
//! keeps (one at a time) under the version number the main module gave it; [`call`] answers
//! from the session it holds, whose kept books (compliance, the year's book) then serve every
//! later call. A change of the community in the main module gives it a new version, so the next
//! call loads it again. Built by `bindings-wasm/build.sh` into `pkg/dangjian_wasm_report.js`
//! and `pkg/dangjian_wasm_report_bg.wasm`.

// The module start, shared with the main module.
#[path = "../../src/host.rs"]
mod host;
use std::cell::RefCell;

use chrono::NaiveDate;
use dangjian::community::{Community, PracticeTable};
use dangjian::ffi::ErrorReport;
use dangjian::io::{import_roster_with, Dataset, Entry, RosterOptions};
use dangjian::report::{MonthlyReport, ReportOptions};
use dangjian::stats::{ExportOptions, NamePolicy};
use dangjian::table::{OwnedTable, Table};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The community this module holds: the version the main module gave it, and the session.
    static HELD: RefCell<Option<(f64, Community)>> = const { RefCell::new(None) };
}

/// The JSON of an error report: what this module throws.
fn fail(r: ErrorReport) -> String {
    serde_json::to_string(&r).unwrap_or_else(|_| String::from("{}"))
}

/// Any core error as the JSON of its report.
fn err<E>(e: E) -> String
where
    for<'a> &'a E: Into<ErrorReport>,
{
    fail((&e).into())
}

fn internal(what: &str) -> String {
    fail(ErrorReport::internal(what))
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string(value).map_err(|e| internal(&e.to_string()))
}

/// Whether this module holds the community of version `version`.
#[wasm_bindgen]
pub fn holds(version: f64) -> bool {
    HELD.with(|h| h.borrow().as_ref().is_some_and(|(v, _)| *v == version))
}

/// Parses the dataset `dataset` (JSON text, the storage form) into a session and holds it as
/// version `version`, in place of the one held before. Throws the JSON text of the core's
/// error report.
#[wasm_bindgen]
pub fn load(version: f64, dataset: &str) -> Result<(), String> {
    HELD.with(|h| *h.borrow_mut() = None);
    let ds = Dataset::from_json(dataset).map_err(err)?;
    let c = Community::new(ds).map_err(err)?;
    HELD.with(|h| *h.borrow_mut() = Some((version, c)));
    Ok(())
}

/// The arguments of [`call`] (JSON, checked by the main module: dates as `YYYY-MM-DD`).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Args {
    year: Option<i32>,
    month: Option<u32>,
    as_of: Option<NaiveDate>,
    days: Option<u32>,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    kind: Option<String>,
    org: Option<String>,
    #[serde(default)]
    options: TableOptions,
}

/// The privacy options of a table (`StatOptions`, checked by the main module).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct TableOptions {
    names: Option<String>,
    min_count: Option<u64>,
    pseudonym_key: Option<String>,
}

fn need<T>(v: Option<T>, name: &str) -> Result<T, String> {
    v.ok_or_else(|| internal(&format!("missing argument {name}")))
}

/// A core table through the core's privacy layer, as the `OwnedTable` JSON.
fn table(t: &dyn Table, o: &TableOptions) -> Result<OwnedTable, String> {
    let names = match o.names.as_deref() {
        Some("keep") => NamePolicy::Keep,
        Some("drop") => NamePolicy::Drop,
        _ => NamePolicy::Mask,
    };
    let opts = ExportOptions {
        pseudonymizer: o
            .pseudonym_key
            .as_ref()
            .map(|k| dangjian::privacy::Pseudonymizer::new(k.as_bytes())),
        min_count: o.min_count,
        names,
        drop_contacts: false,
    };
    dangjian::stats::prepare(t, &opts).map_err(err)
}

/// Runs `op` on the community held as version `version` with the arguments `args` (JSON):
/// `monthlyReport`, `agenda`, `practices`, `assessment`, `appraisalStats`, `letters`,
/// `changeRegister`, `elections` (of the scope `org` when given). Returns the result as JSON
/// text; throws the JSON text of the core's error report.
#[wasm_bindgen]
pub fn call(version: f64, op: &str, args: &str) -> Result<String, String> {
    let a: Args = serde_json::from_str(args).map_err(|e| internal(&e.to_string()))?;
    HELD.with(|h| {
        let held = h.borrow();
        let c = match held.as_ref() {
            Some((v, c)) if *v == version => c,
            _ => return Err(internal("the report module does not hold this community")),
        };
        let o = &a.options;
        match op {
            "monthlyReport" => json(
                &MonthlyReport::build_with(
                    c.dataset(),
                    c.registry(),
                    need(a.year, "year")?,
                    need(a.month, "month")?,
                    &ReportOptions::default(),
                )
                .map_err(err)?,
            ),
            "agenda" => json(&table(
                &c.agenda(need(a.as_of, "asOf")?, need(a.days, "days")?)
                    .map_err(err)?,
                o,
            )?),
            "practices" => {
                let kind = need(a.kind.as_deref().and_then(PracticeTable::from_code), "kind")?;
                let t = c
                    .practice_table(kind, need(a.first, "first")?, need(a.last, "last")?)
                    .map_err(err)?;
                json(&table(&t, o)?)
            }
            "assessment" => {
                let x = c
                    .assessment(need(a.year, "year")?, need(a.as_of, "asOf")?)
                    .map_err(err)?;
                json(&[table(&x.quarters, o)?, table(&x.derived_table(), o)?])
            }
            "appraisalStats" => json(&table(
                &c.appraisal_stats(need(a.year, "year")?).map_err(err)?,
                o,
            )?),
            "letters" => json(&table(&c.letters(need(a.as_of, "asOf")?).map_err(err)?, o)?),
            "changeRegister" => json(&table(
                &c.change_register(need(a.first, "first")?, need(a.last, "last")?),
                o,
            )?),
            "elections" => {
                let all = c.elections().map_err(err)?;
                match a.org.as_deref() {
                    None => json(&all),
                    Some(org) => {
                        let scope = c.registry().scope(org).map_err(err)?;
                        json(&scope.elections(&all))
                    }
                }
            }
            _ => Err(internal(&format!("unknown operation {op}"))),
        }
    })
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

/// The options of [`roster`] (checked by the main module).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RosterArgs {
    as_of: NaiveDate,
    id_prefix: Option<String>,
    id_key: Option<String>,
    entry: Option<String>,
}

/// Reads the roster file `bytes` (CSV in UTF-8, GB18030 or UTF-16; the format found from the
/// content: `dangjian::io::import_roster_with`) against the organization tree of the
/// community held as `version`, with the options `args` (JSON): the new members' JSON, a
/// newline, their events' JSON (the main module applies them, all or nothing). Throws the JSON
/// text of the core's error report (`invalid_rows` with every bad row).
#[wasm_bindgen]
pub fn roster(version: f64, bytes: &[u8], args: &str) -> Result<String, String> {
    let a: RosterArgs = serde_json::from_str(args).map_err(|e| internal(&e.to_string()))?;
    let mut opts = RosterOptions::new(a.as_of);
    if let Some(p) = a.id_prefix {
        opts.id_prefix = p;
    }
    if let Some(k) = a.id_key {
        opts = opts.id_key(k.as_bytes());
    }
    if let Some(e) = a.entry {
        opts.entry = Some(need(Entry::parse(&e), "entry")?);
    }
    HELD.with(|h| {
        let held = h.borrow();
        let c = match held.as_ref() {
            Some((v, c)) if *v == version => c,
            _ => return Err(internal("the report module does not hold this community")),
        };
        let rows =
            import_roster_with(bytes, None, c.registry().tree(), &opts, &gb18030).map_err(err)?;
        let mut text = json(&rows.members)?;
        text.push('\n');
        text.push_str(&json(&rows.events)?);
        Ok(text)
    })
}

/// The sample community (翔凤社区, `dangjian::synth::sample_community`) as dataset JSON text,
/// generated here (the generator and its name lists are about 35 KB gzipped: the main module
/// leaves them to this one). With `version` ≥ 0 this module also holds the community read
/// back from that text (exactly what [`load`] would hold) as `version`: the main module's
/// `Community.sample()` is made from the same text and gets that version, so its first call
/// here needs no crossing.
#[wasm_bindgen]
pub fn sample(version: f64) -> Result<String, String> {
    let text = dangjian::synth::sample_community().to_json().map_err(err)?;
    if version >= 0.0 {
        load(version, &text)?;
    }
    Ok(text)
}

/// The golden file `tests/golden/sample-scores-2026-10.json`, computed here (the main module's
/// `goldenSample()`).
#[wasm_bindgen(js_name = goldenSample)]
pub fn golden_sample() -> Result<String, String> {
    dangjian::synth::golden_sample().map_err(err)
}

/// The rule catalogue (规则目录) as the `OwnedTable` JSON (the main module's `rules()`).
#[wasm_bindgen]
pub fn rules() -> Result<String, String> {
    json(&table(
        &dangjian::catalogue::CatalogueTable::build(),
        &TableOptions::default(),
    )?)
}

/// The version of the core this module was built from (as the main module's `version()`).
#[wasm_bindgen]
pub fn version() -> String {
    dangjian::VERSION.to_string()
}
