//! Period, month and date arguments: the one place where the bindings turn what an analyst
//! passes into the core's calendar types.
//!
//! Two steps, kept apart:
//!
//! 1. *Python types to text* ([`period_text`], [`date_value`]): `str` as given;
//!    `datetime.date` (a period: the month holding it); `datetime.datetime` and
//!    `pandas.Timestamp` (a date only at midnight; a period: its month); `pandas.Period` of a
//!    monthly, quarterly (`Q-DEC`) or yearly (`Y-DEC`) frequency; `numpy.datetime64`.
//! 2. *Text to the core's types* ([`parse_period`], [`parse_date`]): the core's own parsers
//!    (`Period::from_str`, the roster date parser), so that a string means the same thing here,
//!    in the CLI and in data files. A core calendar parser replacing them is called here and
//!    nowhere else in the bindings.
//!
//! Every refusal is one `ValidationError` (code `bad_period`, `bad_month` or `bad_date`,
//! `details["field"]` the argument) with one message, Chinese first, that shows the refused text
//! with its digits masked (an ID number passed by mistake never reaches a log).

use chrono::{NaiveDate, Timelike};
use dangjian::compliance::Month;
use dangjian::io::{parse_roster_date_precise, DatePrecision};
use dangjian::scoring::{Period, PeriodKind};
use pyo3::prelude::*;
use pyo3::types::{PyDate, PyDateTime, PyString};

use crate::errors::{py_err, CoreError};

/// What a period argument may be, for messages.
const PERIOD_FORMS: &str = "应为 `2026-10`（月）、`2026-Q4`（季度）或 `2026`（年），\
     或 datetime.date、pandas.Timestamp、pandas.Period";
/// The core's own wording (`PeriodParseError`), so a message reads the same in every language.
const PERIOD_FORMS_EN: &str = "(expected `2026-10`, `2026-Q4` or `2026`); \
     a datetime.date, pandas.Timestamp or pandas.Period also works";
const DATE_FORMS: &str =
    "应为 `2026-10-31` 或 `2026/10/31`，或 datetime.date、零点的 pandas.Timestamp";
const DATE_FORMS_EN: &str =
    "expected `2026-10-31` or `2026/10/31`, or a datetime.date or a pandas.Timestamp at midnight";

/// Refused text as a message may show it: at most 32 characters, digits masked.
fn shown(s: &str) -> String {
    let mut t: String = s.chars().take(32).collect();
    if t.len() < s.len() {
        t.push('…');
    }
    dangjian::privacy::redact_digits(&t)
}

/// A refused period.
fn bad_period(field: &str, what: &str) -> PyErr {
    py_err(CoreError::invalid(
        "bad_period",
        field,
        format!("`{field}`：{what} 不是周期，{PERIOD_FORMS} / `{field}`: {what} is not a period {PERIOD_FORMS_EN}"),
    ))
}

/// A refused month (code `bad_month`, as the compliance reports have always said).
fn bad_month(field: &str, what: &str) -> PyErr {
    py_err(CoreError::invalid(
        "bad_month",
        field,
        format!(
            "`{field}`：{what} 不是月份，应为 `2026-10`，或 datetime.date、pandas.Timestamp、pandas.Period / \
             `{field}`: {what} is not a month (expected `2026-10`); a datetime.date, pandas.Timestamp or pandas.Period also works"
        ),
    ))
}

/// A refused date.
fn bad_date(field: &str, what: &str) -> PyErr {
    py_err(CoreError::invalid(
        "bad_date",
        field,
        format!("`{field}`：{what} 不是日期，{DATE_FORMS} / `{field}`: {what} is not a date, {DATE_FORMS_EN}"),
    ))
}

/// The Python type name of `obj`, for messages.
fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_string())
}

/// `numpy.datetime64` as a `datetime.date` (None for NaT or another type).
fn numpy_date<'py>(obj: &Bound<'py, PyAny>) -> Option<Bound<'py, PyAny>> {
    if type_name(obj) != "datetime64" {
        return None;
    }
    let d = obj
        .call_method1("astype", ("datetime64[D]",))
        .and_then(|d| d.call_method0("item"))
        .ok()?;
    d.cast::<PyDate>().is_ok().then_some(d)
}

/// Step 1 for periods: the text of a period argument.
pub(crate) fn period_text(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<String> {
    period_text_or(obj, field, bad_period)
}

/// [`period_text`], refusing with `refuse` (a period's or a month's error).
fn period_text_or(
    obj: &Bound<'_, PyAny>,
    field: &str,
    refuse: fn(&str, &str) -> PyErr,
) -> PyResult<String> {
    if let Ok(s) = obj.cast::<PyString>() {
        return s.extract();
    }
    let date = numpy_date(obj);
    let obj = date.as_ref().unwrap_or(obj);
    if let Ok(d) = obj.cast::<PyDate>() {
        // A date, a datetime or a pandas.Timestamp names the month holding it.
        let y: i32 = d.getattr("year")?.extract()?;
        let m: u32 = d.getattr("month")?.extract()?;
        return Ok(format!("{y:04}-{m:02}"));
    }
    if type_name(obj) == "Period" && obj.hasattr("freqstr")? {
        let freq: String = obj.getattr("freqstr")?.extract()?;
        let y: i32 = obj.getattr("year")?.extract()?;
        // `2M` (two months) and other multiples are no period of the core.
        return match freq.as_str() {
            "M" | "ME" => {
                let m: u32 = obj.getattr("month")?.extract()?;
                Ok(format!("{y:04}-{m:02}"))
            }
            // Calendar quarters and years only: a fiscal `Q-NOV` quarter is another period.
            "Q" | "Q-DEC" | "QE" | "QE-DEC" => {
                let q: u32 = obj.getattr("quarter")?.extract()?;
                Ok(format!("{y:04}-Q{q}"))
            }
            "Y" | "Y-DEC" | "A" | "A-DEC" | "YE" | "YE-DEC" => Ok(format!("{y:04}")),
            other => Err(refuse(
                field,
                &format!("频率为 `{}` 的 pandas.Period (frequency)", shown(other)),
            )),
        };
    }
    if obj.is_none() {
        return Err(refuse(field, "None"));
    }
    Err(refuse(field, &format!("类型 {} (type)", type_name(obj))))
}

/// Step 2 for periods: the core's period parser (the only call to it from the bindings).
pub(crate) fn parse_period(text: &str, field: &str) -> PyResult<Period> {
    // a text the core's parser refuses: the core's report (details `field`, `period`)
    text.parse::<Period>().map_err(|e| {
        let what = format!("`{}`", e.0);
        py_err(CoreError(
            CoreError::invalid(
                "bad_period",
                field,
                format!("`{field}`：{what} 不是周期，{PERIOD_FORMS} / `{field}`: {what} is not a period {PERIOD_FORMS_EN}"),
            )
            .0
            .text("period", &e.0),
        ))
    })
}

fn parse_period_or(text: &str, field: &str, refuse: fn(&str, &str) -> PyErr) -> PyResult<Period> {
    text.parse::<Period>()
        .map_err(|e| refuse(field, &format!("`{}`", e.0)))
}

/// A period argument (`"2026-10"`, `"2026-Q4"`, `"2026"`, `datetime.date`, `pandas.Period`,
/// `pandas.Timestamp`).
pub(crate) fn to_period(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Period> {
    parse_period(&period_text(obj, field)?, field)
}

/// Which month of a longer period a month argument stands for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Edge {
    /// The first month (the start of a range: `first="2026"` is 2026-01).
    First,
    /// The last month (the end of a range: `last="2026-Q3"` is 2026-09).
    Last,
    /// A month and nothing longer.
    Only,
}

/// A month argument: any period form; a quarter or a year stands for its first or last month
/// when it starts or ends a range.
pub(crate) fn to_month(obj: &Bound<'_, PyAny>, field: &str, edge: Edge) -> PyResult<Month> {
    let text = period_text_or(obj, field, bad_month)?;
    let p = parse_period_or(&text, field, bad_month)?;
    match (p.kind(), edge) {
        (PeriodKind::Month, _) | (_, Edge::First) => Ok(Month::of(p.start())),
        (_, Edge::Last) => Ok(Month::of(p.last_day())),
        (kind, Edge::Only) => Err(py_err(CoreError::invalid(
            "bad_month",
            field,
            format!(
                "`{field}`：需要一个月份（如 `2026-10`），`{p}` 是{} / `{field}`: a month is needed (like `2026-10`), `{p}` is a {}",
                kind.label(),
                code_of_kind(kind)
            ),
        ))),
    }
}

fn code_of_kind(kind: PeriodKind) -> &'static str {
    match kind {
        PeriodKind::Month => "month",
        PeriodKind::Quarter => "quarter",
        PeriodKind::Year => "year",
    }
}

/// What a date argument is after step 1.
pub(crate) enum DateValue {
    /// A date already.
    Date(NaiveDate),
    /// Text for the core's parser.
    Text(String),
}

/// Step 1 for dates.
pub(crate) fn date_value(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<DateValue> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(DateValue::Text(s.extract()?));
    }
    let date = numpy_date(obj);
    let obj = date.as_ref().unwrap_or(obj);
    if let Ok(dt) = obj.cast::<PyDateTime>() {
        // A datetime or pandas.Timestamp is a date only at midnight (as `to_csv` and
        // `to_pandas()` give dates); a time of day is refused, not cut off.
        let t: chrono::NaiveTime = dt.call_method0("time")?.extract()?;
        if t.num_seconds_from_midnight() != 0 || t.nanosecond() != 0 {
            return Err(bad_date(
                field,
                &format!("带时刻 {t} 的时间戳 (a timestamp with a time of day)"),
            ));
        }
        let y: i32 = dt.getattr("year")?.extract()?;
        let m: u32 = dt.getattr("month")?.extract()?;
        let d: u32 = dt.getattr("day")?.extract()?;
        return NaiveDate::from_ymd_opt(y, m, d)
            .map(DateValue::Date)
            .ok_or_else(|| bad_date(field, "?"));
    }
    if obj.cast::<PyDate>().is_ok() {
        return Ok(DateValue::Date(obj.extract()?));
    }
    if obj.is_none() {
        return Err(bad_date(field, "None"));
    }
    Err(bad_date(field, &format!("类型 {} (type)", type_name(obj))))
}

/// Step 2 for dates: the core's date parser (`2026-10-31`, `2026/10/31`, `2026年10月31日`, a
/// midnight time after the date); a month alone (`2026-10`) is not a date.
pub(crate) fn parse_date(text: &str, field: &str) -> PyResult<NaiveDate> {
    match parse_roster_date_precise(text) {
        Some((d, DatePrecision::Day)) => Ok(d),
        _ => Err(bad_date(field, &format!("`{}`", shown(text)))),
    }
}

/// A date argument (`datetime.date`, `"2026-10-31"`, `"2026/10/31"`, a midnight
/// `pandas.Timestamp`, `numpy.datetime64`).
pub(crate) fn to_date(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<NaiveDate> {
    match date_value(obj, field)? {
        DateValue::Date(d) => Ok(d),
        DateValue::Text(s) => parse_date(&s, field),
    }
}
