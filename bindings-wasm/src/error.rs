//! The one error conversion point of the bindings: every core error becomes a [`Fail`] (stable
//! `code`, the message of the Rust error, and its location fields as `details`), and every
//! [`Fail`] becomes one JS `Error` with `name = "DangjianError"`, `code` and `details`.
//!
//! No panics: errors are values all the way (the core's lints forbid unwrap/expect/panic and
//! indexing in library code), so nothing aborts the module.

use dangjian::compliance::{ComplianceError, MonthError};
use dangjian::io::{DatasetError, ImportError};
use dangjian::scope::ScopeError;
use dangjian::scoring::{PeriodParseError, RuleSetError, ScoringError};
use dangjian::stats::StatsError;
use dangjian::table::TableError;
use dangjian::RegistryError;
use serde_json::{json, Map, Value};
use wasm_bindgen::JsValue;

/// A failure on its way to JavaScript.
#[derive(Debug, Clone, PartialEq)]
pub struct Fail {
    /// Stable snake_case code (the core's `code()` of the variant).
    pub code: &'static str,
    /// The Rust error's message.
    pub message: String,
    /// Location fields (record id, position, path, line, column, field…).
    pub details: Map<String, Value>,
    /// Every bad row of a roster import (`invalid_rows`): row, column, reason.
    pub rows: Option<Value>,
}

impl Fail {
    fn new(code: &'static str, message: String, details: Value) -> Fail {
        let details = match details {
            // Echoed ids may be anything a user typed: a run of 11 or more digits (a phone or an
            // ID number) is masked as in the core's messages.
            Value::Object(m) => m
                .into_iter()
                .map(|(k, v)| match v {
                    Value::String(s) => (k, Value::String(dangjian::privacy::redact_runs(&s, 11))),
                    v => (k, v),
                })
                .collect(),
            _ => Map::new(),
        };
        Fail {
            code,
            message,
            details,
            rows: None,
        }
    }

    /// A bad argument of a binding function (not a core error).
    pub fn bad_argument(argument: &str, reason: &str) -> Fail {
        Fail::new(
            "bad_argument",
            format!("argument `{argument}` {reason}"),
            json!({ "argument": argument }),
        )
    }

    /// A JSON value of the wrong shape for a core type.
    pub fn json(argument: &str, e: &serde_json::Error) -> Fail {
        Fail::new(
            "json",
            format!(
                "argument `{argument}` (line {}, column {}): {e}",
                e.line(),
                e.column()
            ),
            json!({ "argument": argument, "line": e.line(), "column": e.column() }),
        )
    }

    /// Something that should not happen (serialisation of a core value failed).
    pub fn internal(message: String) -> Fail {
        Fail::new("internal", message, json!({}))
    }

    /// The JS `Error`.
    pub fn to_js(&self) -> JsValue {
        let err = js_sys::Error::new(&self.message);
        err.set_name("DangjianError");
        let obj: &JsValue = err.as_ref();
        let details = serde_json::to_string(&self.details)
            .ok()
            .and_then(|t| js_sys::JSON::parse(&t).ok())
            .unwrap_or_else(|| js_sys::Object::new().into());
        // Setting properties on a fresh Error object cannot fail.
        let _ = js_sys::Reflect::set(obj, &"code".into(), &JsValue::from_str(self.code));
        let _ = js_sys::Reflect::set(obj, &"details".into(), &details);
        if let Some(rows) = self
            .rows
            .as_ref()
            .and_then(|r| serde_json::to_string(r).ok())
            .and_then(|t| js_sys::JSON::parse(&t).ok())
        {
            let _ = js_sys::Reflect::set(obj, &"rows".into(), &rows);
        }
        err.into()
    }
}

/// Conversion of a core error into a [`Fail`], then a JS `Error`.
pub trait ToJs {
    /// The failure: code, message, details.
    fn fail(&self) -> Fail;

    /// The JS `Error`.
    fn to_js(&self) -> JsValue {
        self.fail().to_js()
    }
}

impl ToJs for RuleSetError {
    fn fail(&self) -> Fail {
        let details = match self {
            RuleSetError::Parse {
                format,
                path,
                line,
                column,
                ..
            } => json!({"format": format, "path": path, "line": line, "column": column}),
            RuleSetError::Invalid {
                rule_set,
                item,
                field,
                ..
            } => json!({"rule_set": rule_set, "item": item, "field": field}),
            RuleSetError::DuplicateItem {
                rule_set,
                code,
                position,
                first,
            } => json!({"rule_set": rule_set, "item": code, "position": position, "first": first}),
            RuleSetError::Book {
                rule_set, version, ..
            } => json!({"rule_set": rule_set, "version": version}),
            RuleSetError::TooLarge { actual, limit } => json!({"actual": actual, "limit": limit}),
        };
        Fail::new(self.code(), self.to_string(), details)
    }
}

impl ToJs for ScoringError {
    fn fail(&self) -> Fail {
        if let ScoringError::RuleSet(e) = self {
            return e.fail();
        }
        let mut details = match self {
            ScoringError::DuplicateActivity { first, .. } => json!({ "first": first }),
            ScoringError::UnknownSubject { subject, .. } => json!({ "subject": subject }),
            ScoringError::UnknownItem {
                item,
                rule_set,
                version,
                ..
            } => json!({"item": item, "rule_set": rule_set, "version": version}),
            ScoringError::NotASubject { subject, date, .. } => {
                json!({"subject": subject, "date": date})
            }
            ScoringError::Ineligible { item, date, .. } => json!({"item": item, "date": date}),
            ScoringError::BadQuantity { quantity, .. } => json!({ "quantity": quantity }),
            ScoringError::BadReversal { target, .. } => json!({ "target": target }),
            ScoringError::NoRuleInForce { rule_set, date } => {
                json!({"rule_set": rule_set, "date": date})
            }
            ScoringError::WrongPeriod {
                period, rule_set, ..
            } => json!({"period": period, "rule_set": rule_set}),
            ScoringError::NotScored { subject, period } => {
                json!({"subject": subject, "period": period})
            }
            ScoringError::Incomparable { a, b, .. } => json!({"a": a, "b": b}),
            ScoringError::BadColumn {
                column, position, ..
            } => json!({"column": column, "position": position}),
            ScoringError::LimitExceeded {
                what,
                limit,
                actual,
            } => json!({"what": what, "limit": limit, "actual": actual}),
            ScoringError::PointsOutOfRange { subject, bound } => {
                json!({"subject": subject, "bound": bound})
            }
            ScoringError::RuleSet(_) => json!({}),
        };
        if let (Some((id, position)), Some(m)) = (self.activity(), details.as_object_mut()) {
            m.insert("activity".into(), json!(id));
            m.insert("position".into(), json!(position));
        }
        Fail::new(self.code(), self.to_string(), details)
    }
}

impl ToJs for RegistryError {
    fn fail(&self) -> Fail {
        let details = match self {
            // The registry's code (`org`, as in Rust and Python) and the tree rule broken.
            RegistryError::Org(e) => json!({ "org_rule": e.code() }),
            RegistryError::DuplicateMember { id, position } => {
                json!({"member": id.as_str(), "position": position})
            }
            RegistryError::BadMember {
                id,
                position,
                field,
                ..
            } => json!({"member": id.as_str(), "position": position, "field": field}),
            RegistryError::EventRejected {
                position,
                member,
                date,
                rule,
                ..
            } => json!({"member": member.as_str(), "position": position, "date": date,
                        "rule": format!("{rule:?}")}),
            RegistryError::UnknownMember { id } => json!({"member": id.as_str()}),
            RegistryError::LimitExceeded {
                what,
                limit,
                actual,
            } => json!({"what": what, "limit": limit, "actual": actual}),
        };
        Fail::new(self.code(), self.to_string(), details)
    }
}

impl ToJs for DatasetError {
    fn fail(&self) -> Fail {
        let details = match self {
            DatasetError::Json {
                path, line, column, ..
            } => json!({"path": path, "line": line, "column": column}),
            DatasetError::UnsupportedFormat { format, version } => {
                json!({"format": format, "version": version})
            }
            DatasetError::TooLarge { actual, limit } => json!({"actual": actual, "limit": limit}),
            DatasetError::LimitExceeded {
                path,
                limit,
                actual,
            } => json!({"path": path, "limit": limit, "actual": actual}),
            DatasetError::Binary { .. } => json!({}),
            DatasetError::Registry(e) => return e.fail(),
        };
        Fail::new(self.code(), self.to_string(), details)
    }
}

impl ToJs for PeriodParseError {
    fn fail(&self) -> Fail {
        Fail::new("bad_period", self.to_string(), json!({ "period": self.0 }))
    }
}

impl ToJs for ImportError {
    fn fail(&self) -> Fail {
        let details = match self {
            ImportError::Unreadable(_) => json!({}),
            ImportError::MissingColumn {
                column,
                accepted,
                nearest,
            } => json!({ "column": column, "accepted": accepted, "nearest": nearest }),
            ImportError::SheetNotFound { sheet, available } => {
                json!({ "sheet": sheet, "available": available })
            }
            ImportError::BadStringIndex { part, cell, value } => {
                json!({ "part": part, "cell": cell, "value": value })
            }
            ImportError::DuplicateCell { sheet, cell } => json!({ "sheet": sheet, "cell": cell }),
            ImportError::Rows(rows) => {
                let first = rows.first();
                json!({"rows": rows.len(), "row": first.map(|r| r.row),
                       "column": first.map(|r| r.column.as_str())})
            }
            ImportError::LimitExceeded {
                what,
                limit,
                actual,
            } => json!({"what": what, "limit": limit, "actual": actual}),
            ImportError::Registry(e) => return e.fail(),
        };
        let mut f = Fail::new(self.code(), self.to_string(), details);
        if let ImportError::Rows(rows) = self {
            f.rows = serde_json::to_value(rows).ok();
        }
        f
    }
}

impl ToJs for ScopeError {
    fn fail(&self) -> Fail {
        let details = match self {
            ScopeError::UnknownOrg { id } => json!({ "org": id.as_str() }),
            ScopeError::NotFound { id } => json!({ "member": id.as_str() }),
            ScopeError::NotScopable { table } => json!({ "table": table }),
        };
        Fail::new(self.code(), self.to_string(), details)
    }
}

impl ToJs for TableError {
    fn fail(&self) -> Fail {
        Fail::new(self.code(), self.to_string(), json!({}))
    }
}

impl ToJs for StatsError {
    fn fail(&self) -> Fail {
        let details = match self {
            StatsError::BadInterval { start, end } => json!({"start": start, "end": end}),
            StatsError::UnknownOrg { position, org } => {
                json!({"position": position, "org": org.as_str()})
            }
            StatsError::BadBands { thresholds, labels } => {
                json!({"thresholds": thresholds, "labels": labels})
            }
            StatsError::BadThreshold { k } => json!({ "k": k }),
            StatsError::WeakKey { got, min } => json!({"got": got, "min": min}),
            StatsError::Table(e) => return e.fail(),
        };
        Fail::new(self.code(), self.to_string(), details)
    }
}

impl ToJs for ComplianceError {
    fn fail(&self) -> Fail {
        use ComplianceError as C;
        let details = match self {
            C::UnknownMember {
                section,
                position,
                member,
            }
            | C::BadPayment {
                section,
                position,
                member,
                ..
            } => json!({"section": section, "position": position, "member": member.as_str()}),
            C::UnknownOrg {
                section,
                position,
                org,
            } => json!({"section": section, "position": position, "org": org.as_str()}),
            C::OrgInactive {
                section,
                position,
                org,
                date,
            } => json!({"section": section, "position": position, "org": org.as_str(),
                        "date": date}),
            C::BadSchedule {
                position,
                effective_from,
                ..
            } => json!({"section": "dues_schedules", "position": position,
                        "effective_from": effective_from}),
            C::NoSchedule { month, earliest } => json!({"month": month, "earliest": earliest}),
            C::BadProfile {
                position, member, ..
            } => json!({"section": "dues_profiles", "position": position,
                        "member": member.as_str()}),
            C::BadMeeting {
                position, meeting, ..
            } => json!({"section": "meetings", "position": position,
                        "meeting": meeting.as_str()}),
            C::BadRequirement { position, .. } => {
                json!({"section": "meeting_requirements", "position": position})
            }
            C::BadElection {
                election, field, ..
            } => json!({"election": election.as_str(), "field": field}),
            C::DuplicateId {
                section,
                position,
                id,
            } => json!({"section": section, "position": position, "id": id.as_str()}),
            C::BadPeriod { from, to } => json!({"from": from, "to": to}),
        };
        Fail::new(self.code(), self.to_string(), details)
    }
}

impl ToJs for MonthError {
    fn fail(&self) -> Fail {
        Fail::new("bad_month", self.to_string(), json!({ "month": self.0 }))
    }
}

impl ToJs for dangjian::year::YearError {
    fn fail(&self) -> Fail {
        Fail::new(self.code(), self.to_string(), json!({}))
    }
}

impl ToJs for dangjian::agenda::AgendaError {
    fn fail(&self) -> Fail {
        use dangjian::agenda::AgendaError as A;
        match self {
            A::Registry(e) => e.fail(),
            A::Compliance(e) => e.fail(),
            A::Year(e) => e.fail(),
            A::Report(e) => e.fail(),
            A::TooManyDays { days, max } => Fail::new(
                self.code(),
                self.to_string(),
                json!({"days": days, "max": max}),
            ),
            A::BadDate { date } => Fail::new(
                self.code(),
                self.to_string(),
                json!({"date": date.to_string()}),
            ),
        }
    }
}

impl ToJs for dangjian::report::ReportError {
    fn fail(&self) -> Fail {
        use dangjian::report::ReportError as R;
        match self {
            R::BadMonth { year, month } => Fail::new(
                self.code(),
                self.to_string(),
                json!({"year": year, "month": month}),
            ),
            R::Registry(e) => e.fail(),
            R::Scoring(e) => e.fail(),
            R::Compliance(e) => e.fail(),
            R::Stats(e) => e.fail(),
            R::Post(e) => Fail::new(e.code(), e.to_string(), json!({})),
            R::Year(e) => e.fail(),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn rule_set_parse_error_keeps_path_line_and_column() {
        let e = dangjian::scoring::RuleSet::from_json("{\"id\": 3}").unwrap_err();
        let f = e.fail();
        assert_eq!(f.code, "rule_set_parse");
        assert!(f.details.contains_key("path"));
        assert_eq!(f.details["line"], json!(1));
    }

    #[test]
    fn period_error_has_its_code() {
        let e = "2026-13".parse::<dangjian::scoring::Period>().unwrap_err();
        assert_eq!(e.fail().code, "bad_period");
        assert_eq!(e.fail().details["period"], json!("2026-13"));
    }
}
