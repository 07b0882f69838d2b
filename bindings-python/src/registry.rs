//! `Registry` (reading, statistics tables, all-or-nothing changes, roster import),
//! `Privacy` (how a table leaves: pseudonyms, suppression, names) and `RegistryScope` (the
//! view of one organization's subtree). Every figure comes from the core; this file converts.

use std::sync::{Arc, RwLock};

use dangjian::io::{parse_json, Entry, RosterFormat, RosterImport, RosterOptions};
use dangjian::member::{EventRecord, MemberRecord};
use dangjian::privacy::Pseudonymizer;
use dangjian::stats::{self, ExportOptions, NamePolicy, Rollup};
use dangjian::Registry as CoreRegistry;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};

use crate::api::{to_date, ScoreTable};
use crate::errors::{py_err, CoreError};
use crate::table::{from_core, from_core_in, from_owned, Table};

/// How a table leaves the library: `Privacy(key=b"...", min_count=3, names="drop",
/// contacts=False)`.
///
/// - `key`: replace member ids by keyed pseudonyms (HMAC-SHA256 with this key; the same key
///   gives the same pseudonym, so tables can still be joined);
/// - `min_count`: withhold counts below this threshold (at least 2), with complementary
///   suppression so that no withheld cell can be recomputed; withheld cells are null;
/// - `names`: `"drop"` (default), `"mask"` (`张**`) or `"keep"`;
/// - `contacts`: keep the (always masked) ID-number and phone columns.
///
/// The default (`Privacy()`) drops names and contact columns and keeps ids and counts.
///
/// >>> import dangjian
/// >>> reg = dangjian.Dataset.sample().registry()
/// >>> t = reg.membership("2026-10-31", privacy=dangjian.Privacy(min_count=3))
/// >>> t.to_pyarrow()["lost_contact"].null_count > 0
/// True
#[pyclass(module = "dangjian._dangjian", frozen)]
pub struct Privacy {
    key: Option<Vec<u8>>,
    min_count: Option<u64>,
    names: String,
    contacts: bool,
}

impl Privacy {
    /// The core's export options.
    pub(crate) fn options(&self) -> PyResult<ExportOptions> {
        let names = match self.names.as_str() {
            "drop" => NamePolicy::Drop,
            "mask" => NamePolicy::Mask,
            "keep" => NamePolicy::Keep,
            other => {
                return Err(py_err(CoreError::invalid(
                    "bad_names",
                    "names",
                    format!("names must be \"drop\", \"mask\" or \"keep\", not `{other}`"),
                )))
            }
        };
        Ok(ExportOptions {
            pseudonymizer: self.key.as_deref().map(Pseudonymizer::new),
            min_count: self.min_count,
            names,
            drop_contacts: !self.contacts,
        })
    }
}

/// The export options of an optional `Privacy` (default: names and contacts dropped).
pub(crate) fn options_of(p: Option<&Privacy>) -> PyResult<ExportOptions> {
    match p {
        Some(p) => p.options(),
        None => Ok(ExportOptions {
            names: NamePolicy::Drop,
            drop_contacts: true,
            ..ExportOptions::default()
        }),
    }
}

#[pymethods]
impl Privacy {
    #[new]
    #[pyo3(signature = (*, key = None, min_count = None, names = "drop", contacts = false))]
    fn new(
        key: Option<Vec<u8>>,
        min_count: Option<u64>,
        names: &str,
        contacts: bool,
    ) -> PyResult<Privacy> {
        let p = Privacy {
            key,
            min_count,
            names: names.to_string(),
            contacts,
        };
        p.options()?;
        Ok(p)
    }

    fn __repr__(&self) -> String {
        // never the key itself
        format!(
            "<dangjian.Privacy key={} min_count={} names='{}' contacts={}>",
            if self.key.is_some() { "set" } else { "None" },
            self.min_count.map_or("None".to_string(), |k| k.to_string()),
            self.names,
            if self.contacts { "True" } else { "False" }
        )
    }
}

pub(crate) fn rollup(rolled_up: bool) -> Rollup {
    if rolled_up {
        Rollup::Subtree
    } else {
        Rollup::Direct
    }
}

/// Bytes of a roster: `bytes` as given, the file at a path (`str` or `os.PathLike`), or a
/// table (pandas or polars DataFrame, anything with `__arrow_c_stream__`) written as CSV by
/// `dangjian._convert.frame_to_csv`.
fn source_bytes(source: &Bound<'_, PyAny>) -> PyResult<(Vec<u8>, Option<String>)> {
    if let Ok(b) = source.cast::<PyBytes>() {
        return Ok((b.as_bytes().to_vec(), None));
    }
    let Ok(path) = source.extract::<std::path::PathBuf>() else {
        let csv = source
            .py()
            .import("dangjian._convert")?
            .call_method1("frame_to_csv", (source,))?;
        if let Ok(b) = csv.cast::<PyBytes>() {
            return Ok((b.as_bytes().to_vec(), Some("csv".to_string())));
        }
        return Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "花名册应为文件路径、bytes 或数据表（pandas/polars DataFrame、Arrow 表），不是 {} \
             (a roster is a path, bytes or a DataFrame/Arrow table)",
            source.get_type().name()?
        )));
    };
    let bytes = std::fs::read(&path).map_err(|e| crate::errors::file_err("read", &path, e))?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    Ok((bytes, ext))
}

/// The keyword arguments of a roster import, as Python passes them.
pub(crate) struct RosterArgs<'a> {
    pub format: Option<&'a str>,
    pub id_prefix: &'a str,
    pub id_key: Option<&'a str>,
    pub sheet: Option<&'a str>,
    pub entry: Option<&'a str>,
}

/// Parses a roster (花名册) against `reg`'s organizations.
pub(crate) fn read_roster(
    reg: &CoreRegistry,
    source: &Bound<'_, PyAny>,
    as_of: &Bound<'_, PyAny>,
    args: &RosterArgs<'_>,
) -> PyResult<RosterImport> {
    let (bytes, _extension) = source_bytes(source)?;
    let mut opts = RosterOptions::new(to_date(as_of, "as_of")?);
    opts.id_prefix = args.id_prefix.to_string();
    if let Some(k) = args.id_key {
        opts = opts.id_key(k.as_bytes());
    }
    opts.sheet = args.sheet.map(str::to_string);
    if let Some(e) = args.entry {
        opts.entry = Some(Entry::parse(e).ok_or_else(|| {
            py_err(CoreError::invalid(
                "bad_entry",
                "entry",
                format!("entry must be \"registered\" (初始登记) or \"transferred_in\" (转入), not `{e}`"),
            ))
        })?);
    }
    // The format is the caller's word, else found from the content (the one roster import
    // of the core, as the CLI and the WebAssembly package read rosters).
    let format = match args.format {
        None => None,
        Some(f) => Some(RosterFormat::parse(f).ok_or_else(|| {
            py_err(CoreError::invalid(
                "bad_format",
                "format",
                format!("format must be \"csv\", \"xlsx\" or \"xls\", not `{f}`"),
            ))
        })?),
    };
    let out =
        dangjian::io::import_roster_with(&bytes, format, reg.tree(), &opts, &dangjian::io::gb18030);
    out.map_err(py_err)
}

/// JSON text of a batch argument: `str`/`bytes` as given, anything else through `json.dumps`
/// (midnight timestamps of `df.to_dict("records")` as ISO dates: `_convert.json_default`)
/// (so lists of dicts and JSON text take the same parsing path and give the same errors).
fn json_text(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return std::str::from_utf8(b.as_bytes())
            .map(str::to_owned)
            .map_err(|e| {
                py_err(CoreError::new(
                    "ValidationError",
                    "json",
                    format!("the batch is not UTF-8 text: {e}"),
                ))
            });
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return s.extract();
    }
    let py = obj.py();
    let kw = PyDict::new(py);
    kw.set_item("ensure_ascii", false)?;
    kw.set_item(
        "default",
        py.import("dangjian._convert")?.getattr("json_default")?,
    )?;
    py.import("json")?
        .call_method("dumps", (obj,), Some(&kw))?
        .extract()
}

fn summary<'py>(
    py: Python<'py>,
    s: dangjian::registry::BatchSummary,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("events", s.events)?;
    d.set_item("members", s.members)?;
    Ok(d)
}

fn flows_dict<'py>(py: Python<'py>, f: &dangjian::registry::Flows) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("start", f.start)?;
    d.set_item("admitted", f.admitted)?;
    d.set_item("converted", f.converted)?;
    d.set_item("transferred_in", f.transferred_in)?;
    d.set_item("registered", f.registered)?;
    d.set_item("transferred_out", f.transferred_out)?;
    d.set_item("died", f.died)?;
    d.set_item("other_exits", f.other_exits)?;
    d.set_item("end", f.end)?;
    d.set_item("net", f.net())?;
    Ok(d)
}

/// A serde value as a Python object (through JSON).
pub(crate) fn to_py<'py, T: serde::Serialize>(
    py: Python<'py>,
    v: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(v)
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
    py.import("json")?.call_method1("loads", (text,))
}

/// The validated membership registry: the state of every member as of any date, statistics
/// tables, and all-or-nothing changes.
///
/// >>> import dangjian
/// >>> reg = dangjian.Dataset.sample().registry()
/// >>> reg.headcount_on("2026-10-31")
/// 158
/// >>> int(reg.membership("2026-10-31").to_pandas().set_index("org").loc["Z", "headcount"])
/// 158
#[pyclass(module = "dangjian._dangjian", frozen)]
pub struct Registry {
    reg: RwLock<Arc<CoreRegistry>>,
}

impl Registry {
    /// Wraps a core registry.
    pub(crate) fn wrap(reg: CoreRegistry) -> Registry {
        Registry {
            reg: RwLock::new(Arc::new(reg)),
        }
    }

    /// The current state (a cheap shared snapshot).
    pub(crate) fn get(&self) -> Arc<CoreRegistry> {
        match self.reg.read() {
            Ok(g) => Arc::clone(&g),
            Err(p) => Arc::clone(&p.into_inner()),
        }
    }

    /// Runs one of the core's all-or-nothing changes (`apply`, `add_members`, `import`: on an
    /// error they leave the registry as it was). Copy-on-write: snapshots handed out earlier
    /// (scopes, copies) keep the state they were made from.
    ///
    /// The GIL is released first and the write lock taken without it, and nothing calls into
    /// Python while the lock is held: the core's error is turned into a Python exception only
    /// after the lock is released. Before (issue 17), the exception was built under the lock;
    /// building it can let another thread run, whose read then waited for the lock while
    /// holding the GIL, and the process froze.
    fn change<T: Send, E: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&mut CoreRegistry) -> Result<T, E> + Send,
    ) -> Result<T, E> {
        py.detach(|| {
            let mut guard = match self.reg.write() {
                Ok(g) => g,
                Err(p) => p.into_inner(),
            };
            f(Arc::make_mut(&mut guard))
        })
    }
}

#[pymethods]
impl Registry {
    /// The small four-member fixture (`Dataset.sample_small().registry()`).
    #[staticmethod]
    fn sample_small() -> Registry {
        Registry::wrap(CoreRegistry::sample_small())
    }

    /// Members (full and probationary) on `date`.
    fn headcount_on(&self, date: &Bound<'_, PyAny>) -> PyResult<u64> {
        Ok(self.get().headcount_on(to_date(date, "date")?))
    }

    /// The roster on `date` (党员花名册, `stats::member_list`): member, gender, birth_date,
    /// age, ethnicity, education, stage, admitted_on, converted_on, branch, group (empty when
    /// none), category, home_unit, floating, lost_contact. Names and the (masked) ID-number
    /// and phone columns are left out unless `privacy` asks for them.
    #[pyo3(signature = (date, *, privacy = None))]
    fn members_on(&self, date: &Bound<'_, PyAny>, privacy: Option<&Privacy>) -> PyResult<Table> {
        let reg = self.get();
        let t = stats::member_list(&reg, to_date(date, "date")?);
        from_core(&t, &options_of(privacy)?)
    }

    /// Members per organization on `date`: org, name, kind, parent, members, full,
    /// probationary. Counts are of the organization's whole subtree when `rolled_up`.
    #[pyo3(signature = (date, *, rolled_up = true))]
    fn counts_on(&self, date: &Bound<'_, PyAny>, rolled_up: bool) -> PyResult<Table> {
        let reg = self.get();
        let d = to_date(date, "date")?;
        from_core(
            &reg.scope_all().counts_table(d, rolled_up),
            &dangjian::stats::ExportOptions::default(),
        )
    }

    /// Membership statistics per organization on `date` (党员队伍基本情况统计表): headcount,
    /// full/probationary, gender, ethnicity, education, age bands, party standing, category,
    /// floating and lost contact, exact shares (per mille) and average age.
    #[pyo3(signature = (date, *, rolled_up = true, privacy = None))]
    fn membership(
        &self,
        date: &Bound<'_, PyAny>,
        rolled_up: bool,
        privacy: Option<&Privacy>,
    ) -> PyResult<Table> {
        let reg = self.get();
        let t = stats::membership(&reg, to_date(date, "date")?, rollup(rolled_up));
        from_core(&t, &options_of(privacy)?)
    }

    /// Flows per organization from `start` to `end` (both inclusive): opening, admitted,
    /// converted, transfers and moves in and out, deaths, other exits, closing (every row
    /// reconciles). See `flows` for the community's totals as a dict.
    #[pyo3(signature = (start, end, *, rolled_up = true, privacy = None))]
    fn flow_table(
        &self,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
        rolled_up: bool,
        privacy: Option<&Privacy>,
    ) -> PyResult<Table> {
        let reg = self.get();
        let t = stats::flows(
            &reg,
            to_date(start, "start")?,
            to_date(end, "end")?,
            rollup(rolled_up),
        )
        .map_err(py_err)?;
        from_core(&t, &options_of(privacy)?)
    }

    /// People at each stage of the development pipeline per organization on `date`.
    #[pyo3(signature = (date, *, rolled_up = true, privacy = None))]
    fn pipeline(
        &self,
        date: &Bound<'_, PyAny>,
        rolled_up: bool,
        privacy: Option<&Privacy>,
    ) -> PyResult<Table> {
        let reg = self.get();
        let t = stats::pipeline(&reg, to_date(date, "date")?, rollup(rolled_up));
        from_core(&t, &options_of(privacy)?)
    }

    /// Distribution of a `ScoreTable`'s totals per organization (积分分布): count, band counts,
    /// sum, min, max, mean, median, exact. `thresholds` (ascending, e.g. `["60", "75", "90"]`)
    /// and `labels` (one more) default to the year grades 不合格/基本合格/合格/优秀.
    #[pyo3(signature = (scores, *, thresholds = None, labels = None, rolled_up = true, privacy = None))]
    fn score_distribution(
        &self,
        scores: &ScoreTable,
        thresholds: Option<Vec<String>>,
        labels: Option<Vec<String>>,
        rolled_up: bool,
        privacy: Option<&Privacy>,
    ) -> PyResult<Table> {
        let reg = self.get();
        let mut bands = stats::ScoreBands::default();
        if let Some(t) = thresholds {
            bands.thresholds = t
                .iter()
                .map(|s| {
                    s.parse().map_err(|e| {
                        py_err(CoreError::invalid(
                            "bad_threshold",
                            "thresholds",
                            format!("`{s}` is not a number with at most 3 decimals: {e}"),
                        ))
                    })
                })
                .collect::<PyResult<_>>()?;
        }
        if let Some(l) = labels {
            bands.labels_zh = l;
        }
        let entries = stats::ScoreEntry::from_scores(scores.core());
        let t = stats::score_distribution(reg.tree(), &entries, &bands, rollup(rolled_up))
            .map_err(py_err)?;
        from_core(&t, &options_of(privacy)?)
    }

    /// Member flows from `start` to `end` (both inclusive): a dict with start, admitted,
    /// converted, transferred_in, transferred_out, died, other_exits, end and net
    /// (`end == start + net`).
    fn flows<'py>(
        &self,
        py: Python<'py>,
        start: &Bound<'py, PyAny>,
        end: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let f = self
            .get()
            .flows(to_date(start, "start")?, to_date(end, "end")?);
        flows_dict(py, &f)
    }

    /// The view of organization `org`'s subtree (what its secretary may see): reading,
    /// counting and exporting outside it is impossible. Raises `ScopeError`
    /// (`scope_org_not_found`) for an unknown organization.
    ///
    /// >>> import dangjian
    /// >>> b1 = dangjian.Dataset.sample().registry().scope("B1")
    /// >>> b1.headcount_on("2026-10-31") < 158
    /// True
    fn scope(&self, org: &str) -> PyResult<RegistryScope> {
        let reg = self.get();
        reg.scope(org).map_err(py_err)?;
        Ok(RegistryScope {
            reg,
            org: org.to_string(),
        })
    }

    /// The roster of members and people in the pipeline on `date` (the whole registry), with
    /// ID numbers and phones masked and names masked; with `key`, ids become keyed pseudonyms
    /// and names, birth dates, ID numbers and phones are left out (pseudonymized export).
    #[pyo3(signature = (date, *, key = None, show_names = false))]
    fn export_roster(
        &self,
        date: &Bound<'_, PyAny>,
        key: Option<Vec<u8>>,
        show_names: bool,
    ) -> PyResult<Table> {
        let reg = self.get();
        roster(reg.scope_all(), date, key, show_names)
    }

    /// Applies a batch of lifecycle events — a list of dicts or JSON text/bytes in the
    /// dataset's event format — all or nothing: on any error (`ValidationError`, code
    /// `event_rejected`, `json`, `limit_exceeded` …) the registry is unchanged. Returns
    /// `{"events": n, "members": m}`.
    ///
    /// >>> import dangjian
    /// >>> reg = dangjian.Registry.sample_small()
    /// >>> reg.apply([{"member": "M2", "date": "2024-03-01", "type": "converted"}])
    /// {'events': 1, 'members': 1}
    fn apply<'py>(
        &self,
        py: Python<'py>,
        batch: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let text = json_text(batch)?;
        let events: Vec<EventRecord> = parse_json(&text).map_err(py_err)?;
        let s = self.change(py, |r| r.apply(events)).map_err(py_err)?;
        summary(py, s)
    }

    /// Adds people (a list of dicts or JSON text/bytes in the dataset's member format), all
    /// or nothing: on any error (`duplicate_member`, `bad_member`, `json` …) nothing is added.
    fn add_members(&self, py: Python<'_>, records: &Bound<'_, PyAny>) -> PyResult<()> {
        let text = json_text(records)?;
        let people: Vec<MemberRecord> = parse_json(&text).map_err(py_err)?;
        self.change(py, |r| r.add_members(people)).map_err(py_err)
    }

    /// Imports a roster (花名册) — CSV (UTF-8, GB18030 or UTF-16), `.xlsx`, `.xls` or WPS
    /// `.et`, as `bytes` or a path — adding every row as a member on `as_of` (初始登记 or 转入,
    /// see `entry`), all or nothing. `format` is `"csv"`, `"xlsx"` or `"xls"` (default: from
    /// the file extension, else the content); `id_key` derives stable ids from ID numbers for
    /// rows without 编号; `sheet` names the sheet (default: the first visible one); `entry` is
    /// `"registered"` or `"transferred_in"` for rows without 登记方式. Raises `RosterError`
    /// whose `errors()` lists every bad cell (row, field, code, masked value, reason).
    /// Returns `{"events": n, "members": m}`.
    #[pyo3(signature = (source, *, as_of, format = None, id_prefix = "R", id_key = None, sheet = None, entry = None))]
    #[allow(clippy::too_many_arguments)]
    fn import_roster<'py>(
        &self,
        py: Python<'py>,
        source: &Bound<'py, PyAny>,
        as_of: &Bound<'py, PyAny>,
        format: Option<&str>,
        id_prefix: &str,
        id_key: Option<&str>,
        sheet: Option<&str>,
        entry: Option<&str>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let args = RosterArgs {
            format,
            id_prefix,
            id_key,
            sheet,
            entry,
        };
        let out = read_roster(&self.get(), source, as_of, &args)?;
        let s = self
            .change(py, |r| r.import(out.members, out.events))
            .map_err(py_err)?;
        summary(py, s)
    }

    /// An independent copy (later changes to either do not affect the other).
    fn copy(&self) -> Registry {
        Registry {
            reg: RwLock::new(self.get()),
        }
    }

    /// Whether two registries hold the same organizations, people and events.
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        match other.cast::<Registry>() {
            Ok(o) => *self.get() == *o.get().get(),
            Err(_) => false,
        }
    }

    /// Number of people on the roster (members, former members, applicants).
    fn __len__(&self) -> usize {
        self.get().len()
    }

    fn __repr__(&self) -> String {
        let reg = self.get();
        format!(
            "<dangjian.Registry: {} orgs, {} people, {} events>",
            reg.tree().records().len(),
            reg.len(),
            reg.event_count()
        )
    }
}

fn roster(
    scope: dangjian::scope::Scope<'_>,
    date: &Bound<'_, PyAny>,
    key: Option<Vec<u8>>,
    show_names: bool,
) -> PyResult<Table> {
    let pseudonymize = key.as_deref().map(Pseudonymizer::new);
    if let Some(p) = &pseudonymize {
        dangjian::stats::check_key(p).map_err(crate::errors::py_err)?;
    }
    let opts = dangjian::scope::RosterExportOptions {
        show_names,
        pseudonymize,
    };
    let t = scope.roster_on(to_date(date, "date")?, &opts);
    from_owned(&t.to_table())
}

/// A read-only view of a registry restricted to one organization's subtree (what a branch
/// secretary may see), from `Registry.scope(org)`. Every query counts only people visible on
/// the day concerned; a lookup of a person outside raises `ScopeError` (`not_found`) exactly
/// as for an id that does not exist. The view is of the registry as it was when the scope
/// was made.
///
/// >>> import dangjian
/// >>> b2 = dangjian.Registry.sample_small().scope("B2")
/// >>> b2.headcount_on("2024-06-01")
/// 1
/// >>> b2.state("M1", "2024-06-01")
/// Traceback (most recent call last):
/// ...
/// dangjian.errors.ScopeError: 未找到党员 M1
#[pyclass(module = "dangjian._dangjian", frozen)]
pub struct RegistryScope {
    reg: Arc<CoreRegistry>,
    org: String,
}

impl RegistryScope {
    fn with<T>(&self, f: impl FnOnce(dangjian::scope::Scope<'_>) -> PyResult<T>) -> PyResult<T> {
        f(self.reg.scope(&self.org).map_err(py_err)?)
    }
}

#[pymethods]
impl RegistryScope {
    /// The root organization's id.
    #[getter]
    fn root(&self) -> &str {
        &self.org
    }

    /// The ids of the organizations in scope, in pre-order.
    fn orgs(&self) -> PyResult<Vec<String>> {
        self.with(|s| Ok(s.orgs().iter().map(|o| o.id.to_string()).collect()))
    }

    /// Members (full and probationary) visible on `date`.
    fn headcount_on(&self, date: &Bound<'_, PyAny>) -> PyResult<u64> {
        let d = to_date(date, "date")?;
        self.with(|s| Ok(s.headcount_on(d)))
    }

    /// Members per organization of the scope on `date` (as `Registry.counts_on`, rows of the
    /// scope's organizations only).
    #[pyo3(signature = (date, *, rolled_up = true))]
    fn counts_on(&self, date: &Bound<'_, PyAny>, rolled_up: bool) -> PyResult<Table> {
        let d = to_date(date, "date")?;
        self.with(|s| {
            from_core(
                &s.counts_table(d, rolled_up),
                &dangjian::stats::ExportOptions::default(),
            )
        })
    }

    /// Flows of the scope (a move across its border is a transfer in or out), as a dict.
    fn flows<'py>(
        &self,
        py: Python<'py>,
        start: &Bound<'py, PyAny>,
        end: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let (a, b) = (to_date(start, "start")?, to_date(end, "end")?);
        self.with(|s| flows_dict(py, &s.flows(a, b)))
    }

    /// Membership statistics (as `Registry.membership`), only the rows of this scope.
    #[pyo3(signature = (date, *, rolled_up = true, privacy = None))]
    fn membership(
        &self,
        date: &Bound<'_, PyAny>,
        rolled_up: bool,
        privacy: Option<&Privacy>,
    ) -> PyResult<Table> {
        let t = stats::membership(&self.reg, to_date(date, "date")?, rollup(rolled_up));
        self.with(|s| from_core_in(&t, Some(&s), &options_of(privacy)?))
    }

    /// Flows per organization (as `Registry.flow_table`), only the rows of this scope.
    #[pyo3(signature = (start, end, *, rolled_up = true, privacy = None))]
    fn flow_table(
        &self,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
        rolled_up: bool,
        privacy: Option<&Privacy>,
    ) -> PyResult<Table> {
        let t = stats::flows(
            &self.reg,
            to_date(start, "start")?,
            to_date(end, "end")?,
            rollup(rolled_up),
        )
        .map_err(py_err)?;
        self.with(|s| from_core_in(&t, Some(&s), &options_of(privacy)?))
    }

    /// The development pipeline per organization (as `Registry.pipeline`), only this scope.
    #[pyo3(signature = (date, *, rolled_up = true, privacy = None))]
    fn pipeline(
        &self,
        date: &Bound<'_, PyAny>,
        rolled_up: bool,
        privacy: Option<&Privacy>,
    ) -> PyResult<Table> {
        let t = stats::pipeline(&self.reg, to_date(date, "date")?, rollup(rolled_up));
        self.with(|s| from_core_in(&t, Some(&s), &options_of(privacy)?))
    }

    /// `scores` (from `Scorer.score`) cut to this scope: members ranked in a branch of the
    /// scope (or organizations of the scope, for organization rule sets). The overall rank
    /// is recomputed among the rows kept, so it tells nothing about the rows left out; the
    /// rank within an organization is kept. Diagnostics are not carried over (they may name
    /// subjects outside the scope).
    ///
    /// >>> ds = dangjian.Dataset.sample()
    /// >>> t = dangjian.Scorer(ds).score(dangjian.RuleSet.member_default(), "2026-10")
    /// >>> b2 = ds.registry().scope("B2").scores(t)
    /// >>> sorted(set(b2.table.to_pyarrow()["org"].to_pylist()))
    /// ['B2']
    fn scores(&self, scores: &ScoreTable) -> PyResult<ScoreTable> {
        self.with(|s| ScoreTable::new(s.scores(scores.core()), Vec::new()))
    }

    /// The roster of people visible on `date` who are members or in the pipeline: ID numbers
    /// and phones masked, names masked unless `show_names`; with `key`, pseudonymized (ids
    /// replaced by keyed pseudonyms; names, birth dates, ID numbers and phones left out).
    #[pyo3(signature = (date, *, key = None, show_names = false))]
    fn members_on(
        &self,
        date: &Bound<'_, PyAny>,
        key: Option<Vec<u8>>,
        show_names: bool,
    ) -> PyResult<Table> {
        self.with(|s| roster(s, date, key, show_names))
    }

    /// The state of person `id` on `date` as a dict (stage, branch, group, category, …), if
    /// visible; else `ScopeError` (`not_found`).
    fn state<'py>(
        &self,
        py: Python<'py>,
        id: &str,
        date: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let d = to_date(date, "date")?;
        self.with(|s| {
            let st = s.state(id, d).map_err(py_err)?;
            let tree = self.reg.tree();
            let org = |o: Option<u32>| o.and_then(|o| tree.get(o)).map(|r| r.id.to_string());
            let out = PyDict::new(py);
            out.set_item("stage", crate::api::code_of(&st.stage))?;
            out.set_item("branch", org(st.branch))?;
            out.set_item("group", org(st.group))?;
            out.set_item("category", crate::api::code_of(&st.category))?;
            out.set_item("admitted_on", st.admitted_on)?;
            out.set_item("converted_on", st.converted_on)?;
            out.set_item("floating", st.floating)?;
            out.set_item("lost_contact", st.lost_contact)?;
            out.set_item("is_member", st.is_member())?;
            Ok(out.into_any())
        })
    }

    /// The events of person `id` while inside the scope (list of dicts in the dataset's event
    /// format); `ScopeError` (`not_found`) when none is.
    fn history<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        self.with(|s| to_py(py, &s.history(id).map_err(py_err)?))
    }

    /// Due dates of the pipeline and of probation for people visible on `date` (list of dicts).
    fn pipeline_due<'py>(
        &self,
        py: Python<'py>,
        date: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let d = to_date(date, "date")?;
        self.with(|s| to_py(py, &s.pipeline_due(d)))
    }

    fn __repr__(&self) -> PyResult<String> {
        self.with(|s| {
            Ok(format!(
                "<dangjian.RegistryScope '{}': {} orgs>",
                self.org,
                s.orgs().len()
            ))
        })
    }
}
