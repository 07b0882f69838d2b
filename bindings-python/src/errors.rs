//! The one conversion point from core errors to Python exceptions.
//!
//! Every core error becomes an instance of a class of `dangjian.errors` (pure Python, so it
//! has docstrings and methods): `Error` and its subclasses `ValidationError`, `RuleError`,
//! `ScoringError`, `RosterError`, `PostError`. Each instance carries `.code` (the core's stable
//! snake_case code) and `.details` (a dict: record id, position/row, field … as the core
//! reports them). Messages and details never hold names, ID numbers or phones: the core's
//! errors do not contain them.

use dangjian::io::{DatasetError, ImportError};
use dangjian::org::OrgError;
use dangjian::post::PostError;
use dangjian::registry::RegistryError;
use dangjian::report::ReportError;
use dangjian::scoring::{RuleSetError, ScoringError};
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// A detail value.
pub(crate) enum D {
    /// Text.
    S(String),
    /// A count or position.
    U(usize),
}

impl From<&str> for D {
    fn from(s: &str) -> D {
        D::S(s.to_string())
    }
}
impl From<String> for D {
    fn from(s: String) -> D {
        D::S(s)
    }
}
impl From<usize> for D {
    fn from(u: usize) -> D {
        D::U(u)
    }
}

/// A core error ready to cross into Python: class name, code, message and details.
pub(crate) struct CoreError {
    class: &'static str,
    code: String,
    message: String,
    details: Vec<(&'static str, D)>,
    rows: Vec<Vec<(&'static str, D)>>,
}

impl CoreError {
    /// An error of `class` with `code`.
    pub(crate) fn new(class: &'static str, code: &str, message: String) -> CoreError {
        CoreError {
            class,
            code: code.to_string(),
            message,
            details: Vec::new(),
            rows: Vec::new(),
        }
    }

    /// Adds a detail.
    pub(crate) fn with(mut self, key: &'static str, value: impl Into<D>) -> CoreError {
        self.details.push((key, value.into()));
        self
    }

    /// A `ValidationError` about an argument (bad date, period, column …).
    pub(crate) fn invalid(code: &str, field: &str, message: String) -> CoreError {
        CoreError::new("ValidationError", code, message).with("field", field)
    }
}

fn dict<'py>(py: Python<'py>, items: &[(&'static str, D)]) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (k, v) in items {
        match v {
            D::S(s) => d.set_item(k, s)?,
            D::U(u) => d.set_item(k, u)?,
        }
    }
    Ok(d)
}

impl From<CoreError> for PyErr {
    fn from(e: CoreError) -> PyErr {
        Python::attach(|py| {
            let build = || -> PyResult<PyErr> {
                let cls = py.import("dangjian.errors")?.getattr(e.class)?;
                let details = dict(py, &e.details)?;
                if !e.rows.is_empty() {
                    let rows = e
                        .rows
                        .iter()
                        .map(|r| dict(py, r))
                        .collect::<PyResult<Vec<_>>>()?;
                    details.set_item("rows", rows)?;
                }
                let inst = cls.call1((e.message.as_str(), e.code.as_str(), details))?;
                Ok(PyErr::from_value(inst))
            };
            build().unwrap_or_else(|err| err)
        })
    }
}

/// A file that could not be read or written, as a Python `OSError` naming the path.
pub(crate) fn file_err(verb: &str, path: &std::path::Path, e: std::io::Error) -> PyErr {
    pyo3::exceptions::PyOSError::new_err(format!("cannot {verb} `{}`: {e}", path.display()))
}

/// Converts a core error (the only conversion point used by the bindings).
pub(crate) fn py_err(e: impl Into<CoreError>) -> PyErr {
    PyErr::from(e.into())
}

impl From<RuleSetError> for CoreError {
    fn from(e: RuleSetError) -> CoreError {
        let c = CoreError::new("RuleError", e.code(), e.to_string());
        #[allow(unreachable_patterns)] // variants added to the core later fall through
        match e {
            RuleSetError::Parse {
                format,
                path,
                line,
                column,
                ..
            } => c
                .with("format", format)
                .with("field", path)
                .with("line", line)
                .with("column", column),
            RuleSetError::Invalid {
                rule_set,
                item,
                field,
                reason,
            } => {
                let c = c
                    .with("rule_set", rule_set)
                    .with("field", field)
                    .with("reason", reason);
                match item {
                    Some(i) => c.with("item", i),
                    None => c,
                }
            }
            RuleSetError::DuplicateItem {
                rule_set,
                code,
                position,
                first,
            } => c
                .with("rule_set", rule_set)
                .with("item", code)
                .with("position", position)
                .with("first", first),
            RuleSetError::Book {
                rule_set, version, ..
            } => c
                .with("rule_set", rule_set)
                .with("version", version as usize),
            RuleSetError::TooLarge { actual, limit } => {
                c.with("actual", actual).with("limit", limit)
            }
            _ => c,
        }
    }
}

impl From<ScoringError> for CoreError {
    fn from(e: ScoringError) -> CoreError {
        let c = CoreError::new("ScoringError", e.code(), e.to_string());
        let c = match e.activity() {
            Some((id, position)) => c.with("record", id).with("position", position),
            None => c,
        };
        #[allow(unreachable_patterns)] // variants added to the core later fall through
        match e {
            ScoringError::RuleSet(r) => CoreError::from(r),
            ScoringError::DuplicateActivity { first, .. } => c.with("first", first),
            ScoringError::UnknownSubject { subject, .. } => {
                c.with("field", "subject").with("subject", subject.as_str())
            }
            ScoringError::UnknownItem { item, rule_set, .. } => c
                .with("field", "item")
                .with("item", item.as_str())
                .with("rule_set", rule_set.as_str()),
            ScoringError::NotASubject { subject, date, .. } => c
                .with("field", "subject")
                .with("subject", subject.as_str())
                .with("date", date.to_string()),
            ScoringError::Ineligible { item, date, .. } => c
                .with("field", "item")
                .with("item", item.as_str())
                .with("date", date.to_string()),
            ScoringError::BadQuantity { .. } => c.with("field", "quantity"),
            ScoringError::BadReversal { target, .. } => {
                c.with("field", "reverses").with("target", target.as_str())
            }
            ScoringError::NoRuleInForce { rule_set, date } => c
                .with("rule_set", rule_set.as_str())
                .with("date", date.to_string()),
            ScoringError::WrongPeriod {
                period, rule_set, ..
            } => c
                .with("field", "period")
                .with("period", period)
                .with("rule_set", rule_set.as_str()),
            ScoringError::NotScored { subject, period } => {
                c.with("record", subject.as_str()).with("period", period)
            }
            ScoringError::Incomparable { a, b, .. } => {
                c.with("rule_set", a.as_str()).with("other", b.as_str())
            }
            ScoringError::BadColumn {
                column, position, ..
            } => c.with("field", column).with("position", position),
            ScoringError::LimitExceeded {
                what,
                limit,
                actual,
            } => c
                .with("field", what)
                .with("limit", limit)
                .with("actual", actual),
            ScoringError::PointsOutOfRange { subject, bound } => {
                c.with("position", subject).with("bound", bound.as_str())
            }
            _ => c,
        }
    }
}

impl From<OrgError> for CoreError {
    fn from(e: OrgError) -> CoreError {
        let c = CoreError::new("ValidationError", e.code(), e.to_string());
        #[allow(unreachable_patterns)] // variants added to the core later fall through
        match e {
            OrgError::DuplicateId {
                id,
                position,
                first,
            } => c
                .with("record", id.as_str())
                .with("position", position)
                .with("first", first),
            OrgError::UnknownParent { id, parent } => c
                .with("record", id.as_str())
                .with("field", "parent")
                .with("parent", parent.as_str()),
            OrgError::BadNesting { id, parent, .. } | OrgError::OutlivesParent { id, parent } => c
                .with("record", id.as_str())
                .with("field", "parent")
                .with("parent", parent.as_str()),
            OrgError::Cycle { id } => c.with("record", id.as_str()).with("field", "parent"),
            OrgError::ReversedDates { id, .. } => {
                c.with("record", id.as_str()).with("field", "dissolved")
            }
            OrgError::BadField {
                position, field, ..
            } => c.with("position", position).with("field", field),
            OrgError::NotFound { id } => c.with("record", id.as_str()),
            _ => c,
        }
    }
}

impl From<RegistryError> for CoreError {
    fn from(e: RegistryError) -> CoreError {
        let c = CoreError::new("ValidationError", e.code(), e.to_string());
        #[allow(unreachable_patterns)] // variants added to the core later fall through
        match e {
            RegistryError::Org(o) => {
                // The registry's code (`org`) with the organization's own code as detail.
                let mut inner = CoreError::from(o);
                let org_code = std::mem::replace(&mut inner.code, "org".to_string());
                inner.with("org_code", org_code)
            }
            RegistryError::DuplicateMember { id, position } => {
                c.with("record", id.as_str()).with("position", position)
            }
            RegistryError::BadMember {
                id,
                position,
                field,
                reason,
            } => c
                .with("record", id.as_str())
                .with("position", position)
                .with("field", field)
                .with("reason", reason),
            RegistryError::EventRejected {
                position,
                member,
                date,
                event_type,
                rule,
                ..
            } => c
                .with("record", member.as_str())
                .with("position", position)
                .with("field", "events")
                .with("date", date.to_string())
                .with("event_type", event_type.code())
                .with("rule", rule.code()),
            RegistryError::UnknownMember { id } => c.with("record", id.as_str()),
            RegistryError::LimitExceeded {
                what,
                limit,
                actual,
            } => c
                .with("field", what)
                .with("limit", limit)
                .with("actual", actual),
            _ => c,
        }
    }
}

impl From<DatasetError> for CoreError {
    fn from(e: DatasetError) -> CoreError {
        let c = CoreError::new("ValidationError", e.code(), e.to_string());
        #[allow(unreachable_patterns)] // variants added to the core later fall through
        match e {
            DatasetError::Registry(r) => CoreError::from(r),
            DatasetError::Json {
                path, line, column, ..
            } => c
                .with("field", path)
                .with("line", line)
                .with("column", column),
            DatasetError::UnsupportedFormat { format, version } => c
                .with("field", "format")
                .with("format", format)
                .with("version", version as usize),
            DatasetError::TooLarge { actual, limit } => {
                c.with("actual", actual).with("limit", limit)
            }
            DatasetError::Binary { .. } => c,
            _ => c,
        }
    }
}

impl From<ImportError> for CoreError {
    fn from(e: ImportError) -> CoreError {
        let mut c = CoreError::new("RosterError", e.code(), e.to_string());
        #[allow(unreachable_patterns)] // variants added to the core later fall through
        match e {
            ImportError::Registry(r) => {
                let inner = CoreError::from(r);
                c.details = inner.details;
                c
            }
            ImportError::MissingColumn { column, .. } => c.with("field", column),
            ImportError::Unreadable(_) => c,
            ImportError::Rows(rows) => {
                if let Some(first) = rows.first() {
                    c = c
                        .with("row", first.row)
                        .with("field", first.column.as_str());
                }
                c.rows = rows
                    .into_iter()
                    .map(|r| {
                        vec![
                            ("row", D::U(r.row)),
                            ("field", D::S(r.column)),
                            ("code", D::S(r.code.to_string())),
                            ("value", D::S(r.value)),
                            ("reason", D::S(r.reason)),
                        ]
                    })
                    .collect();
                c
            }
            _ => c,
        }
    }
}

impl From<PostError> for CoreError {
    fn from(e: PostError) -> CoreError {
        CoreError::new("PostError", e.code(), e.to_string())
    }
}

impl From<ReportError> for CoreError {
    fn from(e: ReportError) -> CoreError {
        match e {
            ReportError::Registry(r) => CoreError::from(r),
            ReportError::Scoring(r) => CoreError::from(r),
            ReportError::Post(r) => CoreError::from(r),
            ReportError::BadMonth { .. } => CoreError::invalid(e.code(), "month", e.to_string()),
            ReportError::Compliance(_) => CoreError::invalid(e.code(), "compliance", e.to_string()),
            ReportError::Stats(_) => CoreError::invalid(e.code(), "statistics", e.to_string()),
            ReportError::Year(_) => CoreError::invalid(e.code(), "year", e.to_string()),
        }
    }
}

impl From<dangjian::year::YearError> for CoreError {
    fn from(e: dangjian::year::YearError) -> CoreError {
        CoreError::invalid(e.code(), "year", e.to_string())
    }
}

impl From<dangjian::agenda::AgendaError> for CoreError {
    fn from(e: dangjian::agenda::AgendaError) -> CoreError {
        use dangjian::agenda::AgendaError as A;
        match e {
            A::Registry(r) => CoreError::from(r),
            A::Compliance(r) => CoreError::from(r),
            A::Year(r) => CoreError::from(r),
            A::Report(r) => CoreError::from(*r),
            _ => CoreError::invalid(e.code(), "agenda", e.to_string()),
        }
    }
}

impl From<dangjian::table::TableError> for CoreError {
    fn from(e: dangjian::table::TableError) -> CoreError {
        CoreError::new("ValidationError", e.code(), e.to_string())
    }
}

impl From<dangjian::stats::StatsError> for CoreError {
    fn from(e: dangjian::stats::StatsError) -> CoreError {
        CoreError::new("ValidationError", e.code(), e.to_string())
    }
}

impl From<dangjian::compliance::ComplianceError> for CoreError {
    fn from(e: dangjian::compliance::ComplianceError) -> CoreError {
        use dangjian::compliance::ComplianceError as E;
        let c = CoreError::new("ComplianceError", e.code(), e.to_string());
        #[allow(unreachable_patterns)] // variants added to the core later fall through
        match e {
            E::UnknownMember {
                section, position, ..
            }
            | E::UnknownOrg {
                section, position, ..
            }
            | E::OrgInactive {
                section, position, ..
            }
            | E::BadPayment {
                section, position, ..
            }
            | E::DuplicateId {
                section, position, ..
            } => c.with("field", section).with("position", position),
            _ => c,
        }
    }
}

impl From<dangjian::scope::ScopeError> for CoreError {
    fn from(e: dangjian::scope::ScopeError) -> CoreError {
        use dangjian::scope::ScopeError as E;
        let c = CoreError::new("ScopeError", e.code(), e.to_string());
        #[allow(unreachable_patterns)] // variants added to the core later fall through
        match e {
            E::UnknownOrg { id } => c.with("record", id.as_str()),
            E::NotFound { id } => c.with("record", id.as_str()),
            _ => c,
        }
    }
}
