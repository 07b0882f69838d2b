//! The calendar: months, quarters, years and assessment periods, with one parser for their
//! labels (`2026-10`, `2026-Q4`, `2026`) and for dates (`2026-10-31`, `2026/10/31`).
//!
//! - [`Month`]: a calendar month (dues are assessed per month, the monthly report covers one);
//! - [`PeriodKind`] and [`Period`]: a month, quarter or year as an assessment period (考核周期)
//!   or the period a requirement counts in;
//! - [`month_bounds`]: the first and last day of a month;
//! - [`parse_date`]: a date written `2026-10-31` or `2026/10/31`.
//!
//! Every label is read by the same grammar: a four-digit year, then optionally `-` (or `/`) and
//! a month of one or two digits, or `Q` and a quarter 1–4; a date adds a day the same way.
//! Periods and dates lie in the documented years 1900 to 2199 ([`crate::limits::MIN_DATE`] ..=
//! [`crate::limits::MAX_DATE`]).
//!
//! ```
//! use dangjian::calendar::{parse_date, Month, Period, PeriodKind};
//! let q: Period = "2026-Q4".parse().unwrap();
//! assert_eq!(q.kind(), PeriodKind::Quarter);
//! let m: Month = "2026-10".parse().unwrap();
//! assert_eq!(Period::from(m), "2026-10".parse().unwrap());
//! assert_eq!(parse_date("2026/10/31").unwrap(), m.last_day());
//! assert!(q.contains(m.first_day()));
//! ```

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar month, written `YYYY-MM` in data files (dues are assessed per month).
///
/// ```
/// use dangjian::calendar::Month;
/// let m: Month = "2026-02".parse().unwrap();
/// assert_eq!(m.last_day().to_string(), "2026-02-28");
/// assert_eq!(m.next().to_string(), "2026-03");
/// assert_eq!(Month::of("2026-10-31".parse().unwrap()).to_string(), "2026-10");
/// assert_eq!(m.quarter(), 1);
/// assert!("2026-13".parse::<Month>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: i32,
    month: u32,
}

/// Why a text is not a `YYYY-MM` month.
///
/// # Examples
///
/// ```
/// use dangjian::calendar::{Month, MonthError};
/// let e = "2026-13".parse::<Month>().unwrap_err();
/// assert_eq!(e, MonthError("2026-13".into()));
/// assert_eq!(e.to_string(), "`2026-13` is not a month written YYYY-MM");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a month written YYYY-MM")]
pub struct MonthError(pub String);

impl Default for Month {
    /// 1970-01.
    fn default() -> Month {
        Month {
            year: 1970,
            month: 1,
        }
    }
}

impl Month {
    /// The earliest month chrono can represent.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::calendar::Month;
    /// assert!(Some(Month::MIN) < Month::new(1900, 1));
    /// assert_eq!(Month::MIN.year(), -262_143);
    /// ```
    pub const MIN: Month = Month {
        year: -262_143,
        month: 1,
    };

    /// The month `year`-`month` (1–12), if valid.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::calendar::Month;
    /// let m = Month::new(2026, 10).ok_or("no such month")?;
    /// assert_eq!(m.to_string(), "2026-10");
    /// assert_eq!(Month::new(2026, 13), None);
    /// assert_eq!(Month::new(2026, 0), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub const fn new(year: i32, month: u32) -> Option<Month> {
        if month >= 1 && month <= 12 && year >= -262_143 && year <= 262_142 {
            Some(Month { year, month })
        } else {
            None
        }
    }

    /// The month containing `date`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::calendar::Month;
    /// use dangjian::chrono::NaiveDate;
    /// let founded = NaiveDate::from_ymd_opt(2026, 7, 1).ok_or("no such day")?;
    /// assert_eq!(Month::of(founded), "2026-07".parse()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn of(date: NaiveDate) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The year.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::calendar::Month;
    /// let m: Month = "2026-10".parse()?;
    /// assert_eq!(m.year(), 2026);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month number, 1–12.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::calendar::Month;
    /// let m: Month = "2026-10".parse()?;
    /// assert_eq!(m.month(), 10);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn month(self) -> u32 {
        self.month
    }

    /// The quarter, 1–4.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::calendar::Month;
    /// let quarters: Vec<u32> = ["2026-01", "2026-03", "2026-04", "2026-12"]
    ///     .iter()
    ///     .map(|s| s.parse::<Month>().map(Month::quarter))
    ///     .collect::<Result<_, _>>()?;
    /// assert_eq!(quarters, [1, 1, 2, 4]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn quarter(self) -> u32 {
        (self.month - 1) / 3 + 1
    }

    /// The first day.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::calendar::Month;
    /// let m: Month = "2026-10".parse()?;
    /// assert_eq!(m.first_day().to_string(), "2026-10-01");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The last day.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::calendar::Month;
    /// let leap: Month = "2024-02".parse()?;
    /// assert_eq!(leap.last_day().to_string(), "2024-02-29");
    /// let common: Month = "2026-02".parse()?;
    /// assert_eq!(common.last_day().to_string(), "2026-02-28");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn last_day(self) -> NaiveDate {
        self.next()
            .first_day()
            .pred_opt()
            .unwrap_or_else(|| self.first_day())
    }

    /// The following month.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::calendar::Month;
    /// let december: Month = "2026-12".parse()?;
    /// assert_eq!(december.next().to_string(), "2027-01");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// The preceding month.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::calendar::Month;
    /// let january: Month = "2027-01".parse()?;
    /// assert_eq!(january.prev().to_string(), "2026-12");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn prev(self) -> Month {
        if self.month == 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// The month `months` before this one (`back(0)` is this month).
    ///
    /// ```
    /// use dangjian::calendar::Month;
    /// let m: Month = "2026-10".parse().unwrap();
    /// assert_eq!(m.back(11), "2025-11".parse().unwrap());
    /// assert_eq!(m.back(22), "2024-12".parse().unwrap());
    /// ```
    pub fn back(self, months: u32) -> Month {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 - i64::from(months);
        Month {
            year: i32::try_from(index.div_euclid(12)).unwrap_or(i32::MIN),
            month: index.rem_euclid(12) as u32 + 1,
        }
    }

    /// Months from `self` to `other` (0 when equal, negative when `other` is earlier).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::calendar::Month;
    /// let joined: Month = "2025-11".parse()?;
    /// let report: Month = "2026-10".parse()?;
    /// assert_eq!(joined.months_until(report), 11);
    /// assert_eq!(report.months_until(joined), -11);
    /// assert_eq!(report.months_until(report), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn months_until(self, other: Month) -> i64 {
        (i64::from(other.year) - i64::from(self.year)) * 12 + i64::from(other.month)
            - i64::from(self.month)
    }

    /// Every month from `from` to `to`, both inclusive (empty when `to < from`).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::calendar::Month;
    /// let from: Month = "2025-11".parse()?;
    /// let to: Month = "2026-02".parse()?;
    /// let months: Vec<String> = Month::range(from, to).map(|m| m.to_string()).collect();
    /// assert_eq!(months, ["2025-11", "2025-12", "2026-01", "2026-02"]);
    /// assert_eq!(Month::range(to, from).count(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn range(from: Month, to: Month) -> impl Iterator<Item = Month> {
        let mut next = Some(from);
        std::iter::from_fn(move || {
            let m = next.filter(|m| *m <= to)?;
            next = Some(m.next());
            Some(m)
        })
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for Month {
    type Err = MonthError;

    /// Reads `YYYY-MM` (also `YYYY-M` and `YYYY/MM`), by the calendar's one grammar.
    fn from_str(s: &str) -> Result<Month, MonthError> {
        let bad = || MonthError(s.chars().take(16).collect());
        match parse_label(s) {
            Some(Label {
                year,
                part: Part::Month(month),
            }) => Month::new(year, month).ok_or_else(bad),
            _ => Err(bad()),
        }
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Month, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for Month {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Month".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$",
            "description": "calendar month, YYYY-MM"
        })
    }
}

/// A calendar month, quarter or year: the length of an assessment period (考核周期) or the
/// period a requirement counts in (每月, 每季度, 每年).
///
/// # Examples
///
/// ```
/// use dangjian::calendar::{Period, PeriodKind};
/// let q: Period = "2026-Q4".parse()?;
/// assert_eq!(q.kind(), PeriodKind::Quarter);
/// assert_eq!(serde_json::to_string(&PeriodKind::Quarter)?, "\"quarter\"");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// A calendar month (一月一考核, seed 003).
    Month,
    /// A calendar quarter.
    Quarter,
    /// A calendar year.
    Year,
}

impl PeriodKind {
    /// Months in one period.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::calendar::PeriodKind;
    /// assert_eq!(PeriodKind::Month.months(), 1);
    /// assert_eq!(PeriodKind::Quarter.months(), 3);
    /// assert_eq!(PeriodKind::Year.months(), 12);
    /// ```
    pub fn months(self) -> u32 {
        match self {
            PeriodKind::Month => 1,
            PeriodKind::Quarter => 3,
            PeriodKind::Year => 12,
        }
    }

    /// Chinese label.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::calendar::PeriodKind;
    /// assert_eq!(PeriodKind::Quarter.label(), "季度");
    /// assert_eq!(PeriodKind::Year.label(), "年度");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            PeriodKind::Month => "月度",
            PeriodKind::Quarter => "季度",
            PeriodKind::Year => "年度",
        }
    }

    /// Chinese label of a frequency: 每月, 每季度, 每年 (a requirement counted per period).
    ///
    /// ```
    /// assert_eq!(dangjian::calendar::PeriodKind::Quarter.every_label(), "每季度");
    /// ```
    pub fn every_label(self) -> &'static str {
        match self {
            PeriodKind::Month => "每月",
            PeriodKind::Quarter => "每季度",
            PeriodKind::Year => "每年",
        }
    }
}

/// One assessment period: its kind and first day. Written `2026-10` (month), `2026-Q4`
/// (quarter) or `2026` (year).
///
/// ```
/// use dangjian::calendar::{Period, PeriodKind};
/// let p: Period = "2026-Q4".parse().unwrap();
/// assert_eq!(p.start().to_string(), "2026-10-01");
/// assert_eq!(p.end().to_string(), "2027-01-01");
/// assert_eq!(p.kind(), PeriodKind::Quarter);
/// let m = Period::containing(PeriodKind::Month, "2026-02-14".parse().unwrap());
/// assert_eq!(m.to_string(), "2026-02");
/// assert_eq!(m.days(), 28);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    start: NaiveDate,
    kind: PeriodKind,
}

fn first_of(year: i32, month0: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month0 + 1, 1).unwrap_or(NaiveDate::MIN)
}

impl Period {
    /// The period of `kind` holding `date`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::calendar::{Period, PeriodKind};
    /// use dangjian::chrono::NaiveDate;
    /// let day = NaiveDate::from_ymd_opt(2026, 11, 15).ok_or("no such day")?;
    /// assert_eq!(Period::containing(PeriodKind::Month, day).to_string(), "2026-11");
    /// assert_eq!(Period::containing(PeriodKind::Quarter, day).to_string(), "2026-Q4");
    /// assert_eq!(Period::containing(PeriodKind::Year, day).to_string(), "2026");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn containing(kind: PeriodKind, date: NaiveDate) -> Period {
        let m0 = date.month0();
        let start_m0 = match kind {
            PeriodKind::Month => m0,
            PeriodKind::Quarter => m0 / 3 * 3,
            PeriodKind::Year => 0,
        };
        Period {
            start: first_of(date.year(), start_m0),
            kind,
        }
    }

    /// The month `year`-`month`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::calendar::Period;
    /// let p = Period::month(2026, 10).ok_or("no such month")?;
    /// assert_eq!(p, "2026-10".parse()?);
    /// assert_eq!(Period::month(2026, 13), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn month(year: i32, month: u32) -> Option<Period> {
        NaiveDate::from_ymd_opt(year, month, 1).map(|d| Period::containing(PeriodKind::Month, d))
    }

    /// The calendar year `year`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::calendar::Period;
    /// let p = Period::year(2024).ok_or("no such year")?;
    /// assert_eq!(p.to_string(), "2024");
    /// assert_eq!(p.days(), 366);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn year(year: i32) -> Option<Period> {
        NaiveDate::from_ymd_opt(year, 1, 1).map(|d| Period::containing(PeriodKind::Year, d))
    }

    /// The kind.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::calendar::{Period, PeriodKind};
    /// assert_eq!("2026".parse::<Period>()?.kind(), PeriodKind::Year);
    /// assert_eq!("2026-10".parse::<Period>()?.kind(), PeriodKind::Month);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn kind(self) -> PeriodKind {
        self.kind
    }

    /// First day (inclusive).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::calendar::Period;
    /// let q: Period = "2026-Q3".parse()?;
    /// assert_eq!(q.start().to_string(), "2026-07-01");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn start(self) -> NaiveDate {
        self.start
    }

    /// Day after the last day (exclusive).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::calendar::Period;
    /// let year: Period = "2026".parse()?;
    /// assert_eq!(year.end().to_string(), "2027-01-01"); // exclusive
    /// assert!(!year.contains(year.end()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn end(self) -> NaiveDate {
        self.start
            .checked_add_months(chrono::Months::new(self.kind.months()))
            .unwrap_or(NaiveDate::MAX)
    }

    /// Last day (inclusive).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::calendar::Period;
    /// let q: Period = "2026-Q4".parse()?;
    /// assert_eq!(q.last_day().to_string(), "2026-12-31");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn last_day(self) -> NaiveDate {
        self.end().pred_opt().unwrap_or(self.start)
    }

    /// Number of days.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::calendar::Period;
    /// assert_eq!("2026-02".parse::<Period>()?.days(), 28);
    /// assert_eq!("2026-Q4".parse::<Period>()?.days(), 92);
    /// assert_eq!("2024".parse::<Period>()?.days(), 366);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn days(self) -> u32 {
        (self.end() - self.start).num_days() as u32
    }

    /// Whether `date` lies in the period.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::calendar::{parse_date, Period};
    /// let q: Period = "2026-Q4".parse()?;
    /// assert!(q.contains(parse_date("2026-10-01")?));
    /// assert!(q.contains(parse_date("2026-12-31")?));
    /// assert!(!q.contains(parse_date("2027-01-01")?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn contains(self, date: NaiveDate) -> bool {
        self.start <= date && date < self.end()
    }

    /// The next period of the same kind.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::calendar::Period;
    /// let q: Period = "2026-Q4".parse()?;
    /// assert_eq!(q.next().to_string(), "2027-Q1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn next(self) -> Period {
        Period {
            start: self.end(),
            kind: self.kind,
        }
    }

    /// The previous period of the same kind.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::calendar::Period;
    /// let m: Period = "2026-01".parse()?;
    /// assert_eq!(m.prev().to_string(), "2025-12");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn prev(self) -> Period {
        let start = self
            .start
            .checked_sub_months(chrono::Months::new(self.kind.months()))
            .unwrap_or(NaiveDate::MIN);
        Period {
            start,
            kind: self.kind,
        }
    }

    /// `count` consecutive periods starting with this one.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::calendar::Period;
    /// let q: Period = "2026-Q3".parse()?;
    /// let labels: Vec<String> = q.sequence(3).iter().map(|p| p.to_string()).collect();
    /// assert_eq!(labels, ["2026-Q3", "2026-Q4", "2027-Q1"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn sequence(self, count: usize) -> Vec<Period> {
        let mut out = Vec::with_capacity(count);
        let mut p = self;
        for _ in 0..count {
            out.push(p);
            p = p.next();
        }
        out
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let y = self.start.year();
        match self.kind {
            PeriodKind::Month => write!(f, "{y:04}-{:02}", self.start.month()),
            PeriodKind::Quarter => write!(f, "{y:04}-Q{}", self.start.month0() / 3 + 1),
            PeriodKind::Year => write!(f, "{y:04}"),
        }
    }
}

/// Why a period label could not be read. Holds the label as given, cut to 32 characters and
/// with digit runs of 7 or more masked (it is echoed in the message).
///
/// ```
/// use dangjian::calendar::Period;
/// let e = "2026-13".parse::<Period>().unwrap_err();
/// assert_eq!(e.code(), "bad_period");
/// assert_eq!(e.to_string(), "`2026-13` is not a period (expected `2026-10`, `2026-Q4` or `2026`)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a period (expected `2026-10`, `2026-Q4` or `2026`)")]
pub struct PeriodParseError(pub String);

impl PeriodParseError {
    /// The stable error code, `bad_period` (as the bindings report it).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::calendar::Period;
    /// let e = "2026-Q5".parse::<Period>().unwrap_err();
    /// assert_eq!(e.code(), "bad_period");
    /// ```
    pub fn code(&self) -> &'static str {
        "bad_period"
    }

    fn of(s: &str) -> PeriodParseError {
        let mut shown: String = s.chars().take(32).collect();
        if shown.len() < s.len() {
            shown.push('…');
        }
        PeriodParseError(crate::privacy::redact_digits(&shown))
    }
}

impl FromStr for Period {
    type Err = PeriodParseError;

    /// Reads `2026-10` (month), `2026-Q4` (quarter) or `2026` (year), by the calendar's one
    /// grammar, in the years 1900 to 2199.
    fn from_str(s: &str) -> Result<Period, PeriodParseError> {
        let bad = || PeriodParseError::of(s);
        let label = parse_label(s).ok_or_else(bad)?;
        if !documented_year(label.year) {
            return Err(bad());
        }
        match label.part {
            Part::Year => Period::year(label.year).ok_or_else(bad),
            Part::Month(m) => Period::month(label.year, m).ok_or_else(bad),
            Part::Quarter(q) => Ok(Period {
                start: first_of(label.year, (q - 1) * 3),
                kind: PeriodKind::Quarter,
            }),
            Part::Date(..) => Err(bad()),
        }
    }
}

impl From<Month> for Period {
    /// The month as a monthly period.
    ///
    /// ```
    /// use dangjian::calendar::{Month, Period};
    /// let m = Month::new(2026, 10).unwrap();
    /// assert_eq!(Period::from(m).to_string(), "2026-10");
    /// ```
    fn from(m: Month) -> Period {
        Period {
            start: m.first_day(),
            kind: PeriodKind::Month,
        }
    }
}

/// What a label says after the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Nothing: the whole year.
    Year,
    /// A month 1–12.
    Month(u32),
    /// A quarter 1–4.
    Quarter(u32),
    /// A month and a day (not checked against the month's length).
    Date(u32, u32),
}

/// A label read by the calendar's grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Label {
    year: i32,
    part: Part,
}

/// The number written by `min..=max` ASCII digits.
fn digits(s: &str, min: usize, max: usize) -> Option<u32> {
    if s.len() < min || s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// The calendar's one grammar: `YYYY`, `YYYY-M[M]`, `YYYY-Qn` and `YYYY-M[M]-D[D]`, with `/`
/// in place of every `-` allowed (not mixed), surrounding white space ignored.
fn parse_label(s: &str) -> Option<Label> {
    let t = s.trim();
    let sep = if t.contains('/') { '/' } else { '-' };
    let mut parts = t.split(sep);
    let year = i32::try_from(digits(parts.next()?, 4, 4)?).ok()?;
    let part = match (parts.next(), parts.next(), parts.next()) {
        (None, _, _) => Part::Year,
        (Some(r), None, _) => {
            if let Some(q) = r.strip_prefix('Q').or_else(|| r.strip_prefix('q')) {
                Part::Quarter(digits(q, 1, 2).filter(|q| (1..=4).contains(q))?)
            } else {
                Part::Month(digits(r, 1, 2).filter(|m| (1..=12).contains(m))?)
            }
        }
        (Some(m), Some(d), None) => Part::Date(
            digits(m, 1, 2).filter(|m| (1..=12).contains(m))?,
            digits(d, 1, 2)?,
        ),
        _ => return None,
    };
    Some(Label { year, part })
}

/// Whether `year` lies in the documented years (`limits::MIN_DATE ..= MAX_DATE`).
fn documented_year(year: i32) -> bool {
    (crate::limits::MIN_DATE.year()..=crate::limits::MAX_DATE.year()).contains(&year)
}

/// First and last day of a month; `None` for a month that does not exist or lies outside the
/// documented years 1900 to 2199 (`limits::MIN_DATE ..= MAX_DATE`).
///
/// ```
/// let (a, b) = dangjian::calendar::month_bounds(2024, 2).unwrap();
/// assert_eq!((a.to_string(), b.to_string()), ("2024-02-01".into(), "2024-02-29".into()));
/// assert!(dangjian::calendar::month_bounds(2024, 13).is_none());
/// assert!(dangjian::calendar::month_bounds(1899, 12).is_none());
/// ```
pub fn month_bounds(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    if !documented_year(year) {
        return None;
    }
    let m = Month::new(year, month)?;
    Some((m.first_day(), m.last_day()))
}

/// Why a text is not a date. Holds the text as given, cut to 32 characters and with digit runs
/// of 7 or more masked (it is echoed in the message).
///
/// ```
/// let e = dangjian::calendar::parse_date("2026-02-30").unwrap_err();
/// assert_eq!(e.code(), "bad_date");
/// assert_eq!(e.to_string(), "`2026-02-30` is not a date (expected `2026-10-31` or `2026/10/31`)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a date (expected `2026-10-31` or `2026/10/31`)")]
pub struct DateParseError(pub String);

impl DateParseError {
    /// The stable error code, `bad_date`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::calendar::parse_date;
    /// let e = parse_date("2026-02-30").unwrap_err();
    /// assert_eq!(e.code(), "bad_date");
    /// ```
    pub fn code(&self) -> &'static str {
        "bad_date"
    }
}

/// A date written `2026-10-31` or `2026/10/31` (month and day of one or two digits), in the
/// documented years 1900 to 2199.
///
/// ```
/// use dangjian::calendar::parse_date;
/// let d = parse_date("2026/10/31").unwrap();
/// assert_eq!(d, parse_date(" 2026-10-31 ").unwrap());
/// assert_eq!(d.to_string(), "2026-10-31");
/// assert_eq!(parse_date("2026/1/5").unwrap().to_string(), "2026-01-05");
/// assert!(parse_date("2026-10").is_err());
/// assert!(parse_date("2026-10/31").is_err());
/// assert!(parse_date("2200-01-01").is_err());
/// ```
pub fn parse_date(s: &str) -> Result<NaiveDate, DateParseError> {
    let bad = || {
        let mut shown: String = s.chars().take(32).collect();
        if shown.len() < s.len() {
            shown.push('…');
        }
        DateParseError(crate::privacy::redact_digits(&shown))
    };
    match parse_label(s) {
        Some(Label {
            year,
            part: Part::Date(m, d),
        }) if documented_year(year) => NaiveDate::from_ymd_opt(year, m, d).ok_or_else(bad),
        _ => Err(bad()),
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Period, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for Period {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Period".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "an assessment period: `2026-10` (month), `2026-Q4` (quarter) or `2026` (year)",
            "type": "string",
            "pattern": "^[0-9]{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$"
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn ranges_and_arithmetic() {
        let a: Month = "2025-11".parse().unwrap();
        let b: Month = "2026-02".parse().unwrap();
        let v: Vec<String> = Month::range(a, b).map(|m| m.to_string()).collect();
        assert_eq!(v, ["2025-11", "2025-12", "2026-01", "2026-02"]);
        assert_eq!(a.months_until(b), 3);
        assert_eq!(b.months_until(a), -3);
        assert_eq!(Month::range(b, a).count(), 0);
        assert_eq!(b.prev().prev().prev(), a);
        assert_eq!(
            "2024-02".parse::<Month>().unwrap().last_day().to_string(),
            "2024-02-29"
        );
        assert_eq!(
            "2024-2".parse::<Month>().unwrap(),
            "2024-02".parse::<Month>().unwrap()
        );
        assert!("2024-2x".parse::<Month>().is_err());
        let j: Month = serde_json::from_str("\"2026-10\"").unwrap();
        assert_eq!(serde_json::to_string(&j).unwrap(), "\"2026-10\"");
    }

    #[test]
    fn labels_round_trip() {
        for s in ["2026-10", "2026-01", "2026-Q1", "2026-Q4", "2026"] {
            let p: Period = s.parse().unwrap();
            assert_eq!(p.to_string(), s);
        }
        for s in ["2026-13", "2026-Q5", "26", "2026-1x", "", "2026-"] {
            assert!(s.parse::<Period>().is_err(), "{s}");
        }
    }

    #[test]
    fn sequence_and_prev() {
        let p = Period::month(2025, 11).unwrap();
        let s = p.sequence(12);
        assert_eq!(s.last().unwrap().to_string(), "2026-10");
        assert_eq!(s[1].prev(), p);
        assert_eq!(Period::year(2024).unwrap().days(), 366);
    }
}
