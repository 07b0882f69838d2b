//! The classes of the typed API: `Dataset`, `Registry`, `RuleSet`, `Scorer` and its results.

use std::sync::{Arc, OnceLock};

use dangjian::community::{Community, PracticeTable, RecordError, RecordKind};

use dangjian::fixed::Fixed;
use dangjian::io::Dataset as CoreDataset;
use dangjian::report::{MonthlyReport as MembershipReport, ReportOptions};
use dangjian::scoring::{self as sc, Mode};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use serde::Serialize;

use crate::errors::{py_err, CoreError};
use crate::registry::Registry;
use crate::table::{from_core, Table};

/// Return the version of the underlying Rust core.
#[pyfunction]
pub fn version() -> &'static str {
    dangjian::VERSION
}

/// The rule catalogue (规则目录): one row per dated version of every rule the library checks
/// or computes — its code (named by every finding), area, the rule in Chinese and English,
/// whether local practice may configure it, the dates in force, the document and article,
/// and the parameters.
///
/// >>> t = dangjian.rules()
/// >>> "term_expired" in t.to_pandas()["code"].tolist()
/// True
#[pyfunction]
pub fn rules() -> PyResult<Table> {
    let t = dangjian::catalogue::CatalogueTable::build();
    from_core(&t, &dangjian::stats::ExportOptions::default())
}

/// A core table as an Arrow table with no privacy transform (the default export options).
pub(crate) fn arrow_of(t: &dyn dangjian::table::Table) -> PyResult<Table> {
    from_core(t, &dangjian::stats::ExportOptions::default())
}

/// The golden file `tests/golden/sample-scores-2026-10.json` as the core produces it: the
/// sample community's scores for October 2026 under the default member rule set.
#[pyfunction]
pub fn golden_sample() -> PyResult<String> {
    dangjian::synth::golden_sample().map_err(py_err)
}

/// Period and date arguments are converted in one place, [`crate::convert`].
pub(crate) use crate::convert::{to_date, to_period};

/// The month of a monthly report: a month argument, or `(year, month)` as two numbers.
fn report_month(period: &Bound<'_, PyAny>, month: Option<u32>) -> PyResult<(i32, u32)> {
    let m = match month {
        Some(m) => {
            let year: i32 = period.extract().map_err(|_| {
                py_err(CoreError::invalid(
                    "bad_month",
                    "period",
                    "`period`：给出 month 时 period 应为年份数字，如 (2026, 10) / with `month`, `period` is the year as a number, like (2026, 10)".to_string(),
                ))
            })?;
            crate::convert::to_month(
                &PyString::new(period.py(), &format!("{year:04}-{m:02}")).into_any(),
                "month",
                crate::convert::Edge::Only,
            )?
        }
        None => crate::convert::to_month(period, "period", crate::convert::Edge::Only)?,
    };
    Ok((m.year(), m.month()))
}

fn to_mode(s: &str) -> PyResult<Mode> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).map_err(|_| {
        py_err(CoreError::invalid(
            "bad_mode",
            "mode",
            format!("mode must be \"strict\" or \"lenient\", not `{s}`"),
        ))
    })
}

/// The serde name of a core enum value (its stable snake_case code).
pub(crate) fn code_of<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// A `decimal.Decimal` holding a `Fixed` exactly.
fn decimal<'py>(py: Python<'py>, f: Fixed) -> PyResult<Bound<'py, PyAny>> {
    py.import("decimal")?
        .getattr("Decimal")?
        .call1((f.to_string(),))
}

/// JSON text of records: `str`/`bytes` as given, anything else through `json.dumps`.
fn records_text(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = obj.extract::<String>() {
        return Ok(s);
    }
    if let Ok(b) = obj.cast::<pyo3::types::PyBytes>() {
        return Ok(String::from_utf8_lossy(b.as_bytes()).into_owned());
    }
    let py = obj.py();
    let kwargs = PyDict::new(py);
    kwargs.set_item("ensure_ascii", false)?;
    kwargs.set_item("default", py.import("builtins")?.getattr("str")?)?;
    py.import("json")?
        .call_method("dumps", (obj,), Some(&kwargs))?
        .extract()
}

fn read_text(path: &str) -> PyResult<String> {
    std::fs::read_to_string(path)
        .map_err(|e| crate::errors::file_err("read", std::path::Path::new(path), e))
}

// ---------------------------------------------------------------------------------------------
// Dataset and Registry
// ---------------------------------------------------------------------------------------------

/// A community's data (format `dangjian-dataset` v1): organizations, members, lifecycle
/// events and activities. Build one with `Dataset.sample()`, `Dataset.from_json(text)` or
/// `Dataset.load(path)`.
#[pyclass(module = "dangjian._dangjian", frozen)]
pub struct Dataset {
    pub(crate) ds: Arc<CoreDataset>,
    /// The core session (registry and scorer checks), built on first need and kept.
    session: OnceLock<Arc<Community>>,
}

impl Dataset {
    pub(crate) fn of(ds: CoreDataset) -> Dataset {
        Dataset {
            ds: Arc::new(ds),
            session: OnceLock::new(),
        }
    }

    fn from_session(c: Community) -> Dataset {
        let ds = Arc::new(c.dataset().clone());
        Dataset {
            ds,
            session: OnceLock::from(Arc::new(c)),
        }
    }

    /// The session of the dataset: the registry built (and validated) once.
    pub(crate) fn session(&self) -> PyResult<Arc<Community>> {
        if let Some(c) = self.session.get() {
            return Ok(Arc::clone(c));
        }
        let c = Arc::new(Community::new((*self.ds).clone()).map_err(py_err)?);
        Ok(Arc::clone(self.session.get_or_init(|| c)))
    }

    /// A table of the practices or the declarations, from the session (the practices
    /// checked once).
    fn practice(
        &self,
        table: PracticeTable,
        first: chrono::NaiveDate,
        last: chrono::NaiveDate,
    ) -> PyResult<Table> {
        let t = self
            .session()?
            .practice_table(table, first, last)
            .map_err(py_err)?;
        crate::table::from_owned(&t)
    }

    /// A new dataset: this one's session changed by `f` (all or nothing).
    fn changed(
        &self,
        f: impl FnOnce(&mut Community) -> Result<(), RecordError>,
    ) -> PyResult<Dataset> {
        let mut c = (*self.session()?).clone();
        f(&mut c).map_err(record_err)?;
        Ok(Dataset::from_session(c))
    }
}

/// A record error as a Python `ValidationError` (code `record_*`, the record's number and
/// label in `details`).
fn record_err(e: RecordError) -> PyErr {
    PyErr::from(CoreError(dangjian::ffi::ErrorReport::from(&e)))
}

#[pymethods]
impl Dataset {
    /// The bundled sample community (翔凤社区, 158 members on 2026-10-31, with activities).
    #[staticmethod]
    fn sample() -> Dataset {
        Dataset::of(dangjian::synth::sample_community())
    }

    /// A tiny fixture (four members) for examples and tests.
    #[staticmethod]
    fn sample_small() -> Dataset {
        Dataset::of(CoreDataset::sample_small())
    }

    /// A deterministic synthetic community of about `members` people.
    #[staticmethod]
    #[pyo3(signature = (members, *, seed = 0))]
    fn synthetic(members: usize, seed: u64) -> Dataset {
        let cfg = dangjian::synth::SynthConfig::new(members, seed);
        Dataset::of(dangjian::synth::generate(&cfg))
    }

    /// Parses a dataset from JSON text (`str`) or UTF-8 bytes; raises `ValidationError`
    /// with the JSON path, line and column.
    #[staticmethod]
    fn from_json(text: &Bound<'_, PyAny>) -> PyResult<Dataset> {
        let ds = if let Ok(b) = text.cast::<pyo3::types::PyBytes>() {
            CoreDataset::from_json_bytes(b.as_bytes())
        } else {
            CoreDataset::from_json(&text.extract::<String>()?)
        };
        Ok(Dataset::of(ds.map_err(py_err)?))
    }

    /// Parses the compact binary form of a dataset (see `to_binary`).
    #[staticmethod]
    fn from_binary(data: &[u8]) -> PyResult<Dataset> {
        let ds = CoreDataset::from_binary(data).map_err(py_err)?;
        Ok(Dataset::of(ds))
    }

    /// The compact binary form of the dataset.
    fn to_binary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyBytes>> {
        let b = self.ds.to_binary().map_err(py_err)?;
        Ok(pyo3::types::PyBytes::new(py, &b))
    }

    /// Reads a dataset JSON file.
    #[staticmethod]
    fn load(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Dataset> {
        // Reading and parsing run without the GIL (a large dataset takes seconds); the error
        // becomes a Python exception only afterwards.
        enum Fail {
            Read(std::io::Error),
            Parse(dangjian::io::DatasetError),
        }
        let ds = py
            .detach(|| {
                let bytes = std::fs::read(&path).map_err(Fail::Read)?;
                CoreDataset::from_json_bytes(&bytes).map_err(Fail::Parse)
            })
            .map_err(|e| match e {
                Fail::Read(e) => crate::errors::file_err("read", &path, e),
                Fail::Parse(e) => py_err(e),
            })?;
        Ok(Dataset::of(ds))
    }

    /// The JSON Schema of the dataset format, as JSON text.
    #[staticmethod]
    fn json_schema() -> String {
        serde_json::to_string_pretty(&CoreDataset::json_schema()).unwrap_or_default()
    }

    /// Pretty JSON of the dataset.
    fn to_json(&self) -> PyResult<String> {
        self.ds.to_json().map_err(py_err)
    }

    /// Community name.
    #[getter]
    fn community(&self) -> &str {
        &self.ds.community.name
    }

    /// Number of people on the roster.
    #[getter]
    fn n_members(&self) -> usize {
        self.ds.members.len()
    }

    /// Number of lifecycle events.
    #[getter]
    fn n_events(&self) -> usize {
        self.ds.events.len()
    }

    /// Number of activities (scoring input).
    #[getter]
    fn n_activities(&self) -> usize {
        self.ds.activities.len()
    }

    /// The activities as a table: id, subject, item, date, quantity, reverses.
    fn activities(&self) -> PyResult<Table> {
        arrow_of(&sc::ActivityTable::new(&self.ds.activities))
    }

    /// The organizations as a table: id, name, kind, parent, founded, dissolved.
    fn orgs(&self) -> PyResult<Table> {
        arrow_of(&dangjian::registry::OrgRecordsTable::new(&self.ds.orgs))
    }

    /// Builds the registry (validates organizations, members and every event).
    fn registry(&self) -> PyResult<Registry> {
        Ok(Registry::wrap(self.session()?.registry().clone()))
    }

    /// The compliance records (dues, meetings, elections) validated against the registry;
    /// raises `ComplianceError` naming the section and position of a bad record.
    fn compliance(&self) -> PyResult<crate::reports::Compliance> {
        crate::reports::Compliance::build(Arc::clone(&self.ds))
    }

    /// The posts, claims and service records (设岗定责, 承诺践诺) validated against the
    /// registry; raises `PostError`.
    fn posts(&self) -> PyResult<crate::reports::PostBook> {
        crate::reports::PostBook::build(&self.ds)
    }

    /// A new dataset with a roster (花名册: CSV in UTF-8, GB18030 or UTF-16, `.xlsx`, `.xls`
    /// or WPS `.et`; `bytes` or a path) merged in by person: new people are added with a
    /// 初始登记 or 转入 event on `as_of`, people already in the dataset (same id, else same ID
    /// number) get their static fields updated. Arguments as `Registry.import_roster`. All or
    /// nothing: raises `RosterError` (every bad cell in `errors()`) or `ValidationError`.
    #[pyo3(signature = (source, *, as_of, format = None, id_prefix = "R", id_key = None, sheet = None, entry = None))]
    #[allow(clippy::too_many_arguments)]
    fn with_roster(
        &self,
        source: &Bound<'_, PyAny>,
        as_of: &Bound<'_, PyAny>,
        format: Option<&str>,
        id_prefix: &str,
        id_key: Option<&str>,
        sheet: Option<&str>,
        entry: Option<&str>,
    ) -> PyResult<Dataset> {
        let session = self.session()?;
        let args = crate::registry::RosterArgs {
            format,
            id_prefix,
            id_key,
            sheet,
            entry,
        };
        let out = crate::registry::read_roster(session.registry(), source, as_of, &args)?;
        let mut c = (*session).clone();
        c.merge_roster(out).map_err(py_err)?;
        Ok(Dataset::from_session(c))
    }

    /// A new dataset with 积分记录 (activities: id, subject, item, date, quantity, reverses, note) added — a list of dicts, one dict or JSON text — all or
    /// nothing: each record is checked (a unique id, the people, organizations and posts it
    /// names, the rules of its section). This dataset is unchanged. Raises `ValidationError`
    /// (code ``record_*``) naming the record: ``第101条积分记录（A000101，XF002）日期
    /// 2026/10/15 应写成 2026-10-15``.
    ///
    /// >>> ds = dangjian.Dataset.sample()
    /// >>> after = ds.add_activities([{"id": "A900001", "subject": "XF001", "item": "meeting",
    /// ...                             "date": "2026-10-15"}])
    /// >>> after.n_activities - ds.n_activities
    /// 1
    fn add_activities(&self, records: &Bound<'_, PyAny>) -> PyResult<Dataset> {
        let text = records_text(records)?;
        self.changed(|c| c.add_json(RecordKind::Activity, &text).map(drop))
    }

    /// A new dataset with the record whose id is `id` replaced by `record` (checked as
    /// `add_activities` checks it).
    fn correct_activity(&self, id: &str, record: &Bound<'_, PyAny>) -> PyResult<Dataset> {
        let text = records_text(record)?;
        self.changed(|c| c.correct_json(RecordKind::Activity, id, &text))
    }

    /// A new dataset without the record whose id is `id` (``record_not_found`` if none).
    fn remove_activity(&self, id: &str) -> PyResult<Dataset> {
        self.changed(|c| c.remove_kind(RecordKind::Activity, id))
    }

    /// A new dataset with 会议记录 (meetings: 三会一课, 主题党日) added — a list of dicts, one dict or JSON text — all or
    /// nothing: each record is checked (a unique id, the people, organizations and posts it
    /// names, the rules of its section). This dataset is unchanged. Raises `ValidationError`
    /// (code ``record_*``) naming the record: ``第1条会议记录（T9，theme_day）日期 2026/10/15
    /// 应写成 2026-10-15``.
    ///
    /// >>> import json
    /// >>> ds = dangjian.Dataset.sample()
    /// >>> after = ds.add_meetings([{"id": "T9", "org": "B1", "kind": "theme_day",
    /// ...                           "date": "2026-10-15", "attendees": ["XF002", "XF003"]}])
    /// >>> [m["id"] for m in json.loads(after.to_json())["meetings"]][-1]
    /// 'T9'
    fn add_meetings(&self, records: &Bound<'_, PyAny>) -> PyResult<Dataset> {
        let text = records_text(records)?;
        self.changed(|c| c.add_json(RecordKind::Meeting, &text).map(drop))
    }

    /// A new dataset with the record whose id is `id` replaced by `record` (checked as
    /// `add_meetings` checks it).
    fn correct_meeting(&self, id: &str, record: &Bound<'_, PyAny>) -> PyResult<Dataset> {
        let text = records_text(record)?;
        self.changed(|c| c.correct_json(RecordKind::Meeting, id, &text))
    }

    /// A new dataset without the record whose id is `id` (``record_not_found`` if none).
    fn remove_meeting(&self, id: &str) -> PyResult<Dataset> {
        self.changed(|c| c.remove_kind(RecordKind::Meeting, id))
    }

    /// A new dataset with 党费缴纳记录 (dues payments; a payment's id is ``member/YYYY-MM``) added — a list of dicts, one dict or JSON text — all or
    /// nothing: each record is checked (a unique id, the people, organizations and posts it
    /// names, the rules of its section). This dataset is unchanged. Raises `ValidationError`
    /// (code ``record_*``) naming the record: ``第1条党费缴纳记录（XF999，2026-10）不符合规则：
    /// …党员 XF999 不在名册中``. ``amount`` is in fen (1650 = 16.50 元).
    ///
    /// >>> import json
    /// >>> ds = dangjian.Dataset.sample()
    /// >>> after = ds.add_payments([{"member": "XF001", "month": "2026-11", "amount": 1650,
    /// ...                           "paid_on": "2026-11-10"}])
    /// >>> len(json.loads(after.to_json())["payments"]) - len(json.loads(ds.to_json())["payments"])
    /// 1
    fn add_payments(&self, records: &Bound<'_, PyAny>) -> PyResult<Dataset> {
        let text = records_text(records)?;
        self.changed(|c| c.add_json(RecordKind::Payment, &text).map(drop))
    }

    /// A new dataset with the record whose id is `id` replaced by `record` (checked as
    /// `add_payments` checks it).
    fn correct_payment(&self, id: &str, record: &Bound<'_, PyAny>) -> PyResult<Dataset> {
        let text = records_text(record)?;
        self.changed(|c| c.correct_json(RecordKind::Payment, id, &text))
    }

    /// A new dataset without the record whose id is `id` (``record_not_found`` if none).
    fn remove_payment(&self, id: &str) -> PyResult<Dataset> {
        self.changed(|c| c.remove_kind(RecordKind::Payment, id))
    }

    /// A new dataset with 服务记录 (service records of posts) added — a list of dicts, one dict or JSON text — all or
    /// nothing: each record is checked (a unique id, the people, organizations and posts it
    /// names, the rules of its section). This dataset is unchanged. Raises `ValidationError`
    /// (code ``record_*``) naming the record: ``第1条服务记录（S9，P-CIV）日期 2026-13-01
    /// 应写成 YYYY-MM-DD``.
    ///
    /// >>> import json
    /// >>> ds = dangjian.Dataset.sample()
    /// >>> after = ds.add_service_records([{"id": "S9", "member": "XF070", "post": "P-CIV",
    /// ...                                  "date": "2026-10-15", "hours": 2}])
    /// >>> json.loads(after.to_json())["service"][-1]["hours"]
    /// 2
    fn add_service_records(&self, records: &Bound<'_, PyAny>) -> PyResult<Dataset> {
        let text = records_text(records)?;
        self.changed(|c| c.add_json(RecordKind::Service, &text).map(drop))
    }

    /// A new dataset with the record whose id is `id` replaced by `record` (checked as
    /// `add_service_records` checks it).
    fn correct_service_record(&self, id: &str, record: &Bound<'_, PyAny>) -> PyResult<Dataset> {
        let text = records_text(record)?;
        self.changed(|c| c.correct_json(RecordKind::Service, id, &text))
    }

    /// A new dataset without the record whose id is `id` (``record_not_found`` if none).
    fn remove_service_record(&self, id: &str) -> PyResult<Dataset> {
        self.changed(|c| c.remove_kind(RecordKind::Service, id))
    }

    /// The community's monthly report (月度党建报告) of a month as a dict: the same content as
    /// `dangjian report --format json` (membership, flows, findings with their rule codes,
    /// pipeline, 光荣在党50年, scores, posts, compliance, statistics, elections). The month
    /// like every period argument (`"2026-10"`, `datetime.date`, `pandas.Period`,
    /// `pandas.Timestamp`), or as two numbers `(2026, 10)`.
    ///
    /// >>> r = dangjian.Dataset.sample().monthly_report("2026-10")
    /// >>> r["orgs"][0]["members"]
    /// 158
    #[pyo3(signature = (period, month = None))]
    fn monthly_report<'py>(
        &self,
        py: Python<'py>,
        period: &Bound<'py, PyAny>,
        month: Option<u32>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (year, month) = report_month(period, month)?;
        let r = MembershipReport::build(&self.ds, year, month, &ReportOptions::default())
            .map_err(py_err)?;
        let text = serde_json::to_string(&r)
            .map_err(|e| py_err(CoreError::invalid("json", "report", e.to_string())))?;
        py.import("json")?.call_method1("loads", (text,))
    }

    /// The membership monthly report (组织与党员月报) of a month as text; the month as in
    /// `monthly_report` (`"2026-10"`, `datetime.date`, `pandas.Period`, or `(2026, 10)`).
    ///
    /// >>> text = dangjian.Dataset.sample().membership_report("2026-10")
    /// >>> "2026" in text
    /// True
    #[pyo3(signature = (period, month = None))]
    fn membership_report(&self, period: &Bound<'_, PyAny>, month: Option<u32>) -> PyResult<String> {
        let (year, month) = report_month(period, month)?;
        let r = MembershipReport::build(&self.ds, year, month, &ReportOptions::default())
            .map_err(py_err)?;
        Ok(r.render_text())
    }

    /// The agenda (待办与提醒) as of `as_of`: what is overdue and what falls due within `days`
    /// days, one row per item with its rule code, organization, member (name masked), due date
    /// and days left.
    ///
    /// >>> t = dangjian.Dataset.sample().agenda("2026-10-31", 30).to_pandas()
    /// >>> "transfer_letter_expiry" in t["rule"].tolist()
    /// True
    #[pyo3(signature = (as_of, days = 30))]
    fn agenda(&self, as_of: &Bound<'_, PyAny>, days: u32) -> PyResult<Table> {
        let as_of = to_date(as_of, "as_of")?;
        let a = self.session()?.agenda(as_of, days).map_err(py_err)?;
        crate::table::from_core(&a, &dangjian::stats::ExportOptions::default())
    }

    /// 民主评议党员情况 of `year` per branch (members appraised, grades, 限期改正, 劝退, 除名).
    fn appraisal_stats(&self, year: i32) -> PyResult<Table> {
        let t = self.session()?.appraisal_stats(year).map_err(py_err)?;
        crate::table::from_core(&t, &dangjian::stats::ExportOptions::default())
    }

    /// The introduction letters (组织关系介绍信) with their status on `as_of`.
    fn letters(&self, as_of: &Bound<'_, PyAny>) -> PyResult<Table> {
        let as_of = to_date(as_of, "as_of")?;
        let t = self.session()?.letters(as_of).map_err(py_err)?;
        crate::table::from_core(&t, &dangjian::stats::ExportOptions::default())
    }

    /// The register of additions and removals (党员增减名册) from `first` to `last`, with coded
    /// reasons.
    fn change_register(
        &self,
        first: &Bound<'_, PyAny>,
        last: &Bound<'_, PyAny>,
    ) -> PyResult<Table> {
        let (first, last) = (to_date(first, "first")?, to_date(last, "last")?);
        let r = self.session()?.change_register(first, last);
        crate::table::from_core(&r, &dangjian::stats::ExportOptions::default())
    }

    /// The pairings (一帮一结对帮扶 and 党员联系户) in force from `first` to `last` with what was
    /// done in the period: records, hours, money (fen) and the last day of help.
    ///
    /// >>> t = dangjian.Dataset.sample().pairings("2026-10-01", "2026-10-31").to_pandas()
    /// >>> sorted(set(t["kind"]))
    /// ['一帮一结对帮扶', '党员联系户']
    fn pairings(&self, first: &Bound<'_, PyAny>, last: &Bound<'_, PyAny>) -> PyResult<Table> {
        let (first, last) = (to_date(first, "first")?, to_date(last, "last")?);
        self.practice(PracticeTable::Pairings, first, last)
    }

    /// The pairings in force on `as_of` that have gone `months` whole months without help or
    /// a visit (rule `practice_idle_pairing`).
    #[pyo3(signature = (as_of, months = 3))]
    fn idle_pairings(&self, as_of: &Bound<'_, PyAny>, months: u32) -> PyResult<Table> {
        let as_of = to_date(as_of, "as_of")?;
        self.practice(PracticeTable::IdlePairings { months }, as_of, as_of)
    }

    /// Statistics per grid (网格化管理) from `first` to `last`: members, households, contacts,
    /// households reached and missed.
    fn grids(&self, first: &Bound<'_, PyAny>, last: &Bound<'_, PyAny>) -> PyResult<Table> {
        let (first, last) = (to_date(first, "first")?, to_date(last, "last")?);
        self.practice(PracticeTable::Grids, first, last)
    }

    /// The coverage of the regular service days (固定服务日) from `first` to `last`: expected
    /// days, days covered by verified service, people-days and hours.
    fn service_days(&self, first: &Bound<'_, PyAny>, last: &Bound<'_, PyAny>) -> PyResult<Table> {
        let (first, last) = (to_date(first, "first")?, to_date(last, "last")?);
        self.practice(PracticeTable::ServiceDays, first, last)
    }

    /// What each co-building unit (区域党建联建) did from `first` to `last` against its
    /// commitments: due, done, shortfall, participants.
    fn cobuild(&self, first: &Bound<'_, PyAny>, last: &Bound<'_, PyAny>) -> PyResult<Table> {
        let (first, last) = (to_date(first, "first")?, to_date(last, "last")?);
        self.practice(PracticeTable::Cobuild, first, last)
    }

    /// The points declarations (积分申报) of activities dated from `first` to `last` with their
    /// review; only the pending ones with `pending=True`. Only approved ones are scored.
    #[pyo3(signature = (first, last, pending = false))]
    fn declarations(
        &self,
        first: &Bound<'_, PyAny>,
        last: &Bound<'_, PyAny>,
        pending: bool,
    ) -> PyResult<Table> {
        let (first, last) = (to_date(first, "first")?, to_date(last, "last")?);
        let t = if pending {
            PracticeTable::PendingDeclarations
        } else {
            PracticeTable::Declarations
        };
        self.practice(t, first, last)
    }

    /// The branch assessment (支部考核, `org-default`) of `year` as of `as_of`, derived from the
    /// records: `(scores by quarter, the derived deductions with their reasons)`.
    ///
    /// >>> q, d = dangjian.Dataset.sample().assessment(2026, "2026-10-31")
    /// >>> len(q.to_pandas())
    /// 4
    fn assessment(&self, year: i32, as_of: &Bound<'_, PyAny>) -> PyResult<(Table, Table)> {
        let as_of = to_date(as_of, "as_of")?;
        let a = self.session()?.assessment(year, as_of).map_err(py_err)?;
        Ok((
            crate::table::from_owned(&a.quarters)?,
            crate::table::from_owned(&a.derived_table())?,
        ))
    }

    fn __len__(&self) -> usize {
        self.ds.members.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "<dangjian.Dataset '{}': {} orgs, {} members, {} events, {} activities>",
            self.ds.community.name,
            self.ds.orgs.len(),
            self.ds.members.len(),
            self.ds.events.len(),
            self.ds.activities.len()
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Rule sets
// ---------------------------------------------------------------------------------------------

/// A points rule set (积分规则): items, caps, grades, stars, quota. Validated on load; raises
/// `RuleError` saying which item and field are wrong.
#[pyclass(module = "dangjian._dangjian", frozen)]
pub struct RuleSet {
    /// Validated once, here: scoring calls never validate it again.
    pub(crate) rules: Arc<sc::CompiledRules>,
}

impl RuleSet {
    fn wrap(r: sc::RuleSet) -> PyResult<RuleSet> {
        Ok(RuleSet {
            rules: Arc::new(r.compile().map_err(py_err)?),
        })
    }
}

#[pymethods]
impl RuleSet {
    /// The default member rule set (积分管理, seed 001).
    #[staticmethod]
    fn member_default() -> PyResult<RuleSet> {
        RuleSet::wrap(sc::RuleSet::member_default())
    }

    /// A stricter member rule set (for what-if comparisons).
    #[staticmethod]
    fn member_strict() -> PyResult<RuleSet> {
        RuleSet::wrap(sc::RuleSet::member_strict())
    }

    /// The default organization rule set (百分目标管理考核).
    #[staticmethod]
    fn org_default() -> PyResult<RuleSet> {
        RuleSet::wrap(sc::RuleSet::org_default())
    }

    /// Parses a JSON rule set (`str`, or `bytes` checked as UTF-8 by the core).
    #[staticmethod]
    fn from_json(text: &Bound<'_, PyAny>) -> PyResult<RuleSet> {
        let r = match text.cast::<pyo3::types::PyBytes>() {
            Ok(b) => sc::RuleSet::from_json_bytes(b.as_bytes()),
            Err(_) => sc::RuleSet::from_json(&text.extract::<String>()?),
        };
        RuleSet::wrap(r.map_err(py_err)?)
    }

    /// Parses a TOML rule set (`str`, or `bytes` checked as UTF-8 by the core).
    #[staticmethod]
    fn from_toml(text: &Bound<'_, PyAny>) -> PyResult<RuleSet> {
        let r = match text.cast::<pyo3::types::PyBytes>() {
            Ok(b) => sc::RuleSet::from_toml_bytes(b.as_bytes()),
            Err(_) => sc::RuleSet::from_toml(&text.extract::<String>()?),
        };
        RuleSet::wrap(r.map_err(py_err)?)
    }

    /// Reads a rule set file (`.toml` as TOML, anything else as JSON).
    #[staticmethod]
    fn load(path: std::path::PathBuf) -> PyResult<RuleSet> {
        let text = read_text(&path.to_string_lossy())?;
        let toml = path.extension().is_some_and(|e| e == "toml");
        let r = if toml {
            sc::RuleSet::from_toml(&text)
        } else {
            sc::RuleSet::from_json(&text)
        };
        RuleSet::wrap(r.map_err(py_err)?)
    }

    /// Pretty JSON of the rule set.
    fn to_json(&self) -> String {
        serde_json::to_string_pretty(self.rules.rules()).unwrap_or_default()
    }

    /// Rule set id.
    #[getter]
    fn id(&self) -> &str {
        &self.rules.id
    }

    /// Version number.
    #[getter]
    fn version(&self) -> u32 {
        self.rules.version
    }

    /// Display name.
    #[getter]
    fn name(&self) -> &str {
        &self.rules.name
    }

    /// `member` or `organization`.
    #[getter]
    fn subject(&self) -> String {
        code_of(&self.rules.subject)
    }

    /// `month`, `quarter` or `year`.
    #[getter]
    fn period(&self) -> String {
        code_of(&self.rules.period)
    }

    /// Item codes, in order (the item index of the bulk API).
    #[getter]
    fn items(&self) -> Vec<String> {
        self.rules
            .items
            .iter()
            .map(|i| i.code.to_string())
            .collect()
    }

    fn __repr__(&self) -> String {
        format!(
            "<dangjian.RuleSet '{}' v{} ({}, {}, {} items)>",
            self.rules.id,
            self.rules.version,
            code_of(&self.rules.subject),
            code_of(&self.rules.period),
            self.rules.items.len()
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Scoring
// ---------------------------------------------------------------------------------------------

/// Versions of one rule set with effective dates (规则版本): each period is scored with the
/// version in force on its first day, so last year's report is reproduced with last year's
/// table. Built from `RuleSet`s (validated: one id, subject and period; versions rising with
/// `effective_from`); raises `RuleError` (`rule_book`) otherwise.
///
/// >>> import dangjian, json
/// >>> v1 = dangjian.RuleSet.member_default()
/// >>> d = json.loads(v1.to_json()); d["version"] = 2; d["effective_from"] = "2026-07-01"
/// >>> book = dangjian.RuleBook([v1, dangjian.RuleSet.from_json(json.dumps(d))])
/// >>> book.for_period("2026-06").version, book.for_period("2026-07").version
/// (1, 2)
#[pyclass(module = "dangjian._dangjian", frozen)]
pub struct RuleBook {
    pub(crate) book: sc::RuleBook,
}

#[pymethods]
impl RuleBook {
    #[new]
    fn new(rule_sets: Vec<PyRef<'_, RuleSet>>) -> PyResult<RuleBook> {
        let sets = rule_sets.iter().map(|r| r.rules.rules().clone()).collect();
        Ok(RuleBook {
            book: sc::RuleBook::new(sets).map_err(py_err)?,
        })
    }

    /// Parses a JSON array of rule sets (`str` or `bytes`).
    #[staticmethod]
    fn from_json(text: &Bound<'_, PyAny>) -> PyResult<RuleBook> {
        let r = match text.cast::<pyo3::types::PyBytes>() {
            Ok(b) => sc::RuleBook::from_json_bytes(b.as_bytes()),
            Err(_) => sc::RuleBook::from_json(&text.extract::<String>()?),
        };
        Ok(RuleBook {
            book: r.map_err(py_err)?,
        })
    }

    /// Reads a JSON file holding an array of rule sets.
    #[staticmethod]
    fn load(path: std::path::PathBuf) -> PyResult<RuleBook> {
        let text = read_text(&path.to_string_lossy())?;
        Ok(RuleBook {
            book: sc::RuleBook::from_json(&text).map_err(py_err)?,
        })
    }

    /// JSON array of the versions, oldest first.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string_pretty(&self.book)
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
    }

    /// The versions, oldest first.
    #[getter]
    fn versions(&self) -> PyResult<Vec<RuleSet>> {
        self.book
            .versions()
            .iter()
            .map(|r| RuleSet::wrap(r.clone()))
            .collect()
    }

    /// The version in force on `date` (`None` before the first).
    fn in_force(&self, date: &Bound<'_, PyAny>) -> PyResult<Option<RuleSet>> {
        let d = to_date(date, "date")?;
        self.book
            .in_force(d)
            .map(|r| RuleSet::wrap(r.clone()))
            .transpose()
    }

    /// The version used to score `period`: the one in force on its first day.
    fn for_period(&self, period: &Bound<'_, PyAny>) -> PyResult<Option<RuleSet>> {
        let p = to_period(period, "period")?;
        self.book
            .for_period(p)
            .map(|r| RuleSet::wrap(r.clone()))
            .transpose()
    }

    fn __len__(&self) -> usize {
        self.book.versions().len()
    }

    fn __repr__(&self) -> String {
        let v = self.book.versions();
        format!(
            "<dangjian.RuleBook '{}': {} versions>",
            v.first().map(|r| r.id.to_string()).unwrap_or_default(),
            v.len()
        )
    }
}

/// Scores a dataset's activities under rule sets: `score`, `explain`, `what_if`, `report`.
/// Construction checks the activities once (unique ids, subjects, reversals).
#[pyclass(module = "dangjian._dangjian", frozen)]
pub struct Scorer {
    /// The dataset's session: the registry and the activity checks made once, kept.
    session: Arc<Community>,
    mode: Mode,
    community: String,
}

impl Scorer {
    fn with<T>(
        &self,
        f: impl FnOnce(&sc::Scorer<'_>) -> Result<T, sc::ScoringError>,
    ) -> PyResult<T> {
        let s = self.session.scorer(self.mode).map_err(py_err)?;
        f(&s).map_err(py_err)
    }
}

#[pymethods]
impl Scorer {
    /// A scorer over `dataset` and its activities; `mode` is `"strict"` (the first bad
    /// activity raises `ScoringError`) or `"lenient"` (bad activities are left out and
    /// reported in `diagnostics`).
    #[new]
    #[pyo3(signature = (dataset, *, mode = "strict"))]
    fn new(dataset: &Dataset, mode: &str) -> PyResult<Scorer> {
        let mode = to_mode(mode)?;
        let s = Scorer {
            session: dataset.session()?,
            mode,
            community: dataset.ds.community.name.clone(),
        };
        s.with(|_| Ok(()))?;
        Ok(s)
    }

    /// `"strict"` or `"lenient"`.
    #[getter]
    fn mode(&self) -> String {
        code_of(&self.mode)
    }

    /// Scores one period of the rule set's kind (`"2026-10"`, a `datetime.date` or
    /// `pandas.Timestamp` for the month holding it, or a `pandas.Period`; `"2026-Q4"` or
    /// `"2026"` for a quarterly or yearly rule set) under a `RuleSet`, or under the version of
    /// a `RuleBook` in force on the period's first day, giving a `ScoreTable`. A year or a
    /// quarter under a monthly rule set (every month scored, graded by the monthly mean) is
    /// `score_year`; `score` refuses it (`ScoringError`, code `wrong_period`).
    fn score(&self, rules: &Bound<'_, PyAny>, period: &Bound<'_, PyAny>) -> PyResult<ScoreTable> {
        let p = to_period(period, "period")?;
        let s = if let Ok(book) = rules.cast::<RuleBook>() {
            let book = book.get();
            self.with(|s| s.score_book(&book.book, p))?
        } else {
            let rules = rules.cast::<RuleSet>()?.get();
            self.with(|s| s.score(&*rules.rules, p))?
        };
        ScoreTable::new(s.table, s.diagnostics)
    }

    /// The summary of a year (`2026`, `"2026"`, a yearly `pandas.Period`) or a quarter
    /// (`"2026-Q4"`) under a rule set of shorter periods: each period scored, summed, graded by
    /// the mean period total, the top-grade quota per organization, ranks by mean (the core's
    /// `AnnualSummary`). A period not longer than the rule set's is refused (`ScoringError`,
    /// code `wrong_period`): score it with `score`.
    fn score_year(
        &self,
        rules: &RuleSet,
        year: &Bound<'_, PyAny>,
    ) -> PyResult<crate::annual::AnnualSummary> {
        let p = match year.extract::<i64>() {
            Ok(y) => to_period(
                pyo3::types::PyString::new(year.py(), &y.to_string()).as_any(),
                "year",
            )?,
            Err(_) => to_period(year, "year")?,
        };
        let y = self.with(|s| s.summarize(&*rules.rules, p))?;
        crate::annual::AnnualSummary::new(y)
    }

    /// Scores `count` consecutive periods from `first` in one call.
    fn score_range(
        &self,
        rules: &RuleSet,
        first: &Bound<'_, PyAny>,
        count: usize,
    ) -> PyResult<Vec<ScoreTable>> {
        let p = to_period(first, "first")?;
        let v = self.with(|s| s.score_range(&*rules.rules, p, count))?;
        v.into_iter()
            .map(|s| ScoreTable::new(s.table, s.diagnostics))
            .collect()
    }

    /// How `subject`'s score in `period` was reached: every event, item and category.
    fn explain(
        &self,
        rules: &RuleSet,
        period: &Bound<'_, PyAny>,
        subject: &str,
    ) -> PyResult<Explanation> {
        let p = to_period(period, "period")?;
        let e = self.with(|s| s.explain(&*rules.rules, p, subject))?;
        Ok(Explanation { e })
    }

    /// Scores `period` under rule sets `a` and `b` and compares grades and ranks.
    fn what_if(&self, a: &RuleSet, b: &RuleSet, period: &Bound<'_, PyAny>) -> PyResult<WhatIf> {
        let p = to_period(period, "period")?;
        let w = self.with(|s| s.what_if(&*a.rules, &*b.rules, p))?;
        Ok(WhatIf { w })
    }

    /// The period's public report (一月一考核一通报): scores with masked names, movers,
    /// warnings.
    #[pyo3(signature = (rules, period, *, community = None))]
    fn report(
        &self,
        rules: &RuleSet,
        period: &Bound<'_, PyAny>,
        community: Option<&str>,
    ) -> PyResult<ScoreReport> {
        let p = to_period(period, "period")?;
        let name = community.unwrap_or(&self.community).to_string();
        let r = self.with(|s| sc::ScoreReport::build(s, &*rules.rules, p, &name))?;
        Ok(ScoreReport { r })
    }

    fn __repr__(&self) -> String {
        format!(
            "<dangjian.Scorer '{}': {} people, {} activities, {}>",
            self.community,
            self.session.registry().len(),
            self.session.dataset().activities.len(),
            code_of(&self.mode)
        )
    }
}

fn diag_dicts<'py>(py: Python<'py>, d: &[sc::Diagnostic]) -> PyResult<Vec<Bound<'py, PyDict>>> {
    d.iter()
        .map(|x| {
            let o = PyDict::new(py);
            o.set_item("code", x.code.as_str())?;
            o.set_item("record", &x.activity)?;
            o.set_item("position", x.position)?;
            o.set_item("message", &x.message)?;
            Ok(o)
        })
        .collect()
}

/// Scores of one period under one rule set, one row per subject. An Arrow table
/// (`__arrow_c_stream__`): columns period, subject, org, total, basic, reward, deduction, veto
/// (exact decimals), grade, grade_index, stars, vetoed, demoted, rank_in_org, rank_overall.
#[pyclass(module = "dangjian._dangjian", frozen)]
pub struct ScoreTable {
    t: sc::ScoreTable,
    diagnostics: Vec<sc::Diagnostic>,
    table: Py<Table>,
}

impl ScoreTable {
    /// The core's table.
    pub(crate) fn core(&self) -> &sc::ScoreTable {
        &self.t
    }

    /// A score table with its Arrow form.
    pub(crate) fn new(t: sc::ScoreTable, diagnostics: Vec<sc::Diagnostic>) -> PyResult<ScoreTable> {
        let table = Python::attach(|py| Py::new(py, arrow_of(&t)?))?;
        Ok(ScoreTable {
            t,
            diagnostics,
            table,
        })
    }
}

#[pymethods]
impl ScoreTable {
    /// Export as an Arrow C stream (the Arrow PyCapsule interface).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.table
            .bind(py)
            .call_method1("__arrow_c_stream__", (requested_schema,))
    }

    /// The rows as an Arrow `Table` object.
    #[getter]
    fn table(&self, py: Python<'_>) -> Py<Table> {
        self.table.clone_ref(py)
    }

    fn __len__(&self, py: Python<'_>) -> usize {
        self.table.bind(py).get().batch().num_rows()
    }

    /// The rows as a `pandas.DataFrame` (see `Table.to_pandas`).
    #[pyo3(signature = (*, exact = false, header = "en"))]
    fn to_pandas<'py>(
        &self,
        py: Python<'py>,
        exact: bool,
        header: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let kw = PyDict::new(py);
        kw.set_item("exact", exact)?;
        kw.set_item("header", header)?;
        self.table.bind(py).call_method("to_pandas", (), Some(&kw))
    }

    /// The rows as a `polars.DataFrame` (see `Table.to_polars`).
    #[pyo3(signature = (*, header = "en"))]
    fn to_polars<'py>(&self, py: Python<'py>, header: &str) -> PyResult<Bound<'py, PyAny>> {
        let kw = PyDict::new(py);
        kw.set_item("header", header)?;
        self.table.bind(py).call_method("to_polars", (), Some(&kw))
    }

    /// Rule set id.
    #[getter]
    fn rule_set(&self) -> &str {
        &self.t.rule_set
    }

    /// Rule set version.
    #[getter]
    fn rule_version(&self) -> u32 {
        self.t.rule_version
    }

    /// The period (`2026-10`).
    #[getter]
    fn period(&self) -> String {
        self.t.period.to_string()
    }

    /// Grade names, best first.
    #[getter]
    fn grade_names(&self) -> Vec<String> {
        self.t.grade_names.iter().map(|g| g.to_string()).collect()
    }

    /// Activities left out (lenient mode): dicts with code, record, position, message.
    #[getter]
    fn diagnostics<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        diag_dicts(py, &self.diagnostics)
    }

    /// The core's pretty JSON of the table (byte-identical to the Rust and WASM output).
    fn to_json(&self) -> String {
        self.t.to_json()
    }

    /// CSV with a header row; grades by name.
    fn to_csv(&self) -> PyResult<String> {
        self.t.to_csv().map_err(py_err)
    }

    fn __repr__(&self) -> String {
        format!(
            "<dangjian.ScoreTable '{}' v{} {}: {} rows, {} diagnostics>",
            self.t.rule_set,
            self.t.rule_version,
            self.t.period,
            self.t.len(),
            self.diagnostics.len()
        )
    }
}

/// How one subject's score was reached: tables `events`, `items`, `categories` and the final
/// figures.
#[pyclass(module = "dangjian._dangjian", frozen)]
pub struct Explanation {
    e: sc::Explanation,
}

#[pymethods]
impl Explanation {
    /// The subject.
    #[getter]
    fn subject(&self) -> &str {
        &self.e.subject
    }

    /// The period.
    #[getter]
    fn period(&self) -> String {
        self.e.period.to_string()
    }

    /// Base points (exact `Decimal`).
    #[getter]
    fn base<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal(py, self.e.base)
    }

    /// Total (exact `Decimal`).
    #[getter]
    fn total<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal(py, self.e.total)
    }

    /// Grade name.
    #[getter]
    fn grade(&self) -> &str {
        &self.e.grade
    }

    /// Stars.
    #[getter]
    fn stars(&self) -> u8 {
        self.e.stars
    }

    /// Whether a veto forced the lowest grade.
    #[getter]
    fn vetoed(&self) -> bool {
        self.e.vetoed
    }

    /// Whether the top-grade quota demoted the subject.
    #[getter]
    fn demoted(&self) -> bool {
        self.e.demoted
    }

    /// Rank in the subject's organization.
    #[getter]
    fn rank_in_org(&self) -> u32 {
        self.e.rank_in_org
    }

    /// Overall rank.
    #[getter]
    fn rank_overall(&self) -> u32 {
        self.e.rank_overall
    }

    /// One row per event: id, item, date, quantity, window, raw, counted, status.
    fn events(&self) -> PyResult<Table> {
        arrow_of(&self.e.table(sc::ExplanationPart::Events))
    }

    /// One row per item: code, name, category, quantity, raw, counted.
    fn items(&self) -> PyResult<Table> {
        arrow_of(&self.e.table(sc::ExplanationPart::Items))
    }

    /// One row per category: category, raw, counted, cap.
    fn categories(&self) -> PyResult<Table> {
        arrow_of(&self.e.table(sc::ExplanationPart::Categories))
    }

    /// The core's pretty JSON.
    fn to_json(&self) -> String {
        self.e.to_json()
    }

    fn __repr__(&self) -> String {
        format!(
            "<dangjian.Explanation {} {}: total {}, {}, {} events>",
            self.e.subject,
            self.e.period,
            self.e.total,
            self.e.grade,
            self.e.events.id.len()
        )
    }
}

/// A comparison of two rule sets over one period. An Arrow table (subject, org, total_a,
/// total_b, grade_a, grade_b, rank_a, rank_b, rank_in_org_a, rank_in_org_b) plus summary
/// figures.
#[pyclass(module = "dangjian._dangjian", frozen)]
pub struct WhatIf {
    w: sc::WhatIf,
}

#[pymethods]
impl WhatIf {
    /// The rows as an Arrow table.
    fn table(&self) -> PyResult<Table> {
        arrow_of(&self.w)
    }

    /// Export as an Arrow C stream (the Arrow PyCapsule interface).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        Bound::new(py, self.table()?)?.call_method1("__arrow_c_stream__", (requested_schema,))
    }

    /// The rows as a `pandas.DataFrame` (see `Table.to_pandas`).
    #[pyo3(signature = (*, exact = false, header = "en"))]
    fn to_pandas<'py>(
        &self,
        py: Python<'py>,
        exact: bool,
        header: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let kw = PyDict::new(py);
        kw.set_item("exact", exact)?;
        kw.set_item("header", header)?;
        Bound::new(py, self.table()?)?.call_method("to_pandas", (), Some(&kw))
    }

    /// The rows as a `polars.DataFrame` (see `Table.to_polars`).
    #[pyo3(signature = (*, header = "en"))]
    fn to_polars<'py>(&self, py: Python<'py>, header: &str) -> PyResult<Bound<'py, PyAny>> {
        let kw = PyDict::new(py);
        kw.set_item("header", header)?;
        Bound::new(py, self.table()?)?.call_method("to_polars", (), Some(&kw))
    }

    /// The period.
    #[getter]
    fn period(&self) -> String {
        self.w.period.to_string()
    }

    /// Rule set A.
    #[getter]
    fn rule_set_a(&self) -> &str {
        &self.w.rule_set_a
    }

    /// Rule set B.
    #[getter]
    fn rule_set_b(&self) -> &str {
        &self.w.rule_set_b
    }

    /// Subjects whose grade differs.
    #[getter]
    fn grade_changes(&self) -> usize {
        self.w.grade_changes
    }

    /// Subjects whose overall rank differs.
    #[getter]
    fn rank_changes(&self) -> usize {
        self.w.rank_changes
    }

    /// Spearman rank correlation as a float (for display and analysis), or None; the
    /// exact value is `spearman_exact`.
    #[getter]
    fn spearman(&self) -> Option<f64> {
        self.w.spearman.map(|r| r.num as f64 / r.den as f64)
    }

    /// Spearman rank correlation as an exact fraction `(num, den)`, or None.
    #[getter]
    fn spearman_exact(&self) -> Option<(i64, i64)> {
        self.w.spearman.map(|r| (r.num, r.den))
    }

    /// Spearman rank correlation in thousandths (rounded), or None.
    #[getter]
    fn spearman_per_mille(&self) -> Option<i64> {
        self.w.spearman.map(|r| r.per_mille())
    }

    fn __len__(&self) -> usize {
        self.w.subject.len()
    }

    /// The core's pretty JSON.
    fn to_json(&self) -> String {
        self.w.to_json()
    }

    fn __repr__(&self) -> String {
        format!(
            "<dangjian.WhatIf {} '{}' vs '{}': {} rows, {} grade changes, {} rank changes>",
            self.w.period,
            self.w.rule_set_a,
            self.w.rule_set_b,
            self.w.subject.len(),
            self.w.grade_changes,
            self.w.rank_changes
        )
    }
}

/// The monthly scoring report (一月一考核一通报): scores with masked names, movers, warnings.
#[pyclass(module = "dangjian._dangjian", frozen)]
pub struct ScoreReport {
    r: sc::ScoreReport,
}

#[pymethods]
impl ScoreReport {
    /// Community name.
    #[getter]
    fn community(&self) -> &str {
        &self.r.community
    }

    /// The period.
    #[getter]
    fn period(&self) -> String {
        self.r.table.period.to_string()
    }

    /// The leaderboard: the score columns plus `name` (masked) and `org_name`.
    fn table(&self) -> PyResult<Table> {
        arrow_of(&self.r)
    }

    /// Top gainers then top losers of overall rank: subject, rank_before, rank_now, gained.
    fn movers(&self) -> PyResult<Table> {
        arrow_of(&self.r.movers_table())
    }

    /// Things to look at, in Chinese.
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.r.warnings.clone()
    }

    /// Activities left out (lenient mode).
    #[getter]
    fn diagnostics<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        diag_dicts(py, &self.r.diagnostics)
    }

    /// The report as text (Chinese).
    fn to_text(&self) -> String {
        self.r.to_text()
    }

    /// The core's JSON.
    fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.r).unwrap_or_default()
    }

    fn __repr__(&self) -> String {
        format!(
            "<dangjian.ScoreReport '{}' {}: {} rows, {} movers, {} warnings>",
            self.r.community,
            self.r.table.period,
            self.r.table.len(),
            self.r.movers.len(),
            self.r.warnings.len()
        )
    }
}
