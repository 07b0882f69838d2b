//! Assessment periods (month, quarter, year), cap windows and day numbers.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Days since 1970-01-01 (the day-number column of the bulk API).
pub type DayNum = i32;

/// `num_days_from_ce` of 1970-01-01.
const EPOCH_CE: i32 = 719_163;

/// The day number of `date` (days since 1970-01-01; negative before).
///
/// ```
/// use dangjian::scoring::{date_of_day, day_number};
/// let d = "2026-10-31".parse().unwrap();
/// assert_eq!(day_number("1970-01-02".parse().unwrap()), 1);
/// assert_eq!(date_of_day(day_number(d)), Some(d));
/// ```
pub fn day_number(date: NaiveDate) -> DayNum {
    date.num_days_from_ce() - EPOCH_CE
}

/// The date of a day number, if representable.
pub fn date_of_day(day: DayNum) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(day.checked_add(EPOCH_CE)?)
}

/// Length of an assessment period (考核周期). Calendar months, quarters and years.
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
    pub fn months(self) -> u32 {
        match self {
            PeriodKind::Month => 1,
            PeriodKind::Quarter => 3,
            PeriodKind::Year => 12,
        }
    }

    /// Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            PeriodKind::Month => "月度",
            PeriodKind::Quarter => "季度",
            PeriodKind::Year => "年度",
        }
    }
}

/// The window a cap applies to: points of one item are summed per window and cut to the cap.
///
/// Windows must fit in the period (a year window in a monthly rule set is refused). Weeks are
/// ISO weeks (Monday to Sunday) cut at the period's bounds: a week that straddles two months
/// is two windows in a monthly rule set, so that no window crosses a period.
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
pub enum Window {
    /// One calendar day.
    Day,
    /// One ISO week (Monday to Sunday), cut at the period's bounds.
    Week,
    /// One calendar month.
    Month,
    /// One calendar quarter.
    Quarter,
    /// One calendar year.
    Year,
}

impl Window {
    /// Every window, shortest first.
    pub const ALL: [Window; 5] = [
        Window::Day,
        Window::Week,
        Window::Month,
        Window::Quarter,
        Window::Year,
    ];

    /// Whether the window fits in a period of `kind`.
    pub fn fits(self, kind: PeriodKind) -> bool {
        match self {
            Window::Day | Window::Week | Window::Month => true,
            Window::Quarter => kind != PeriodKind::Month,
            Window::Year => kind == PeriodKind::Year,
        }
    }

    /// The index of the window holding `date` among the windows of a period starting on
    /// `period_start` (0 for the window holding the first day).
    pub fn index_in(self, period_start: NaiveDate, date: NaiveDate) -> u32 {
        let off = (date - period_start).num_days().max(0) as u32;
        let months = || {
            let a = period_start.year() * 12 + period_start.month0() as i32;
            let b = date.year() * 12 + date.month0() as i32;
            (b - a).max(0) as u32
        };
        match self {
            Window::Day => off,
            Window::Week => (off + period_start.weekday().num_days_from_monday()) / 7,
            Window::Month => months(),
            Window::Quarter => months() / 3,
            Window::Year => months() / 12,
        }
    }
}

/// For each day of the `days` days from `start`, the index of its window of each kind
/// ([`Window::ALL`] order, then 0 for the whole period): what [`Window::index_in`] gives, in
/// one pass over the days (a month boundary is a 1st of the month).
pub(crate) fn window_tables(start: NaiveDate, days: usize) -> [Vec<u16>; 6] {
    let mut t: [Vec<u16>; 6] = Default::default();
    for v in &mut t {
        v.reserve_exact(days);
    }
    let [day, week, month, quarter, year, whole] = &mut t;
    let weekday = start.weekday().num_days_from_monday() as usize;
    let (mut date, mut months) = (start, 0usize);
    for o in 0..days {
        if o > 0 && date.day() == 1 {
            months += 1;
        }
        day.push(o as u16);
        week.push(((o + weekday) / 7) as u16);
        month.push(months as u16);
        quarter.push((months / 3) as u16);
        year.push((months / 12) as u16);
        whole.push(0);
        date = date.succ_opt().unwrap_or(date);
    }
    t
}

/// One assessment period: its kind and first day. Written `2026-10` (month), `2026-Q4`
/// (quarter) or `2026` (year).
///
/// ```
/// use dangjian::scoring::{Period, PeriodKind};
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
    pub fn month(year: i32, month: u32) -> Option<Period> {
        NaiveDate::from_ymd_opt(year, month, 1).map(|d| Period::containing(PeriodKind::Month, d))
    }

    /// The calendar year `year`.
    pub fn year(year: i32) -> Option<Period> {
        NaiveDate::from_ymd_opt(year, 1, 1).map(|d| Period::containing(PeriodKind::Year, d))
    }

    /// The kind.
    pub fn kind(self) -> PeriodKind {
        self.kind
    }

    /// First day (inclusive).
    pub fn start(self) -> NaiveDate {
        self.start
    }

    /// Day after the last day (exclusive).
    pub fn end(self) -> NaiveDate {
        self.start
            .checked_add_months(chrono::Months::new(self.kind.months()))
            .unwrap_or(NaiveDate::MAX)
    }

    /// Last day (inclusive).
    pub fn last_day(self) -> NaiveDate {
        self.end().pred_opt().unwrap_or(self.start)
    }

    /// Number of days.
    pub fn days(self) -> u32 {
        (self.end() - self.start).num_days() as u32
    }

    /// Whether `date` lies in the period.
    pub fn contains(self, date: NaiveDate) -> bool {
        self.start <= date && date < self.end()
    }

    /// The next period of the same kind.
    pub fn next(self) -> Period {
        Period {
            start: self.end(),
            kind: self.kind,
        }
    }

    /// The previous period of the same kind.
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
/// use dangjian::scoring::Period;
/// let e = "2026-13".parse::<Period>().unwrap_err();
/// assert_eq!(e.code(), "bad_period");
/// assert_eq!(e.to_string(), "`2026-13` is not a period (expected `2026-10`, `2026-Q4` or `2026`)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a period (expected `2026-10`, `2026-Q4` or `2026`)")]
pub struct PeriodParseError(pub String);

impl PeriodParseError {
    /// The stable error code, `bad_period` (as the bindings report it).
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

    fn from_str(s: &str) -> Result<Period, PeriodParseError> {
        let bad = || PeriodParseError::of(s);
        let t = s.trim();
        let (y, rest) = match t.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (t, None),
        };
        if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        // The documented date range (`limits::MIN_DATE ..= MAX_DATE`): 1900 to 2199.
        if !(1900..=2199).contains(&year) {
            return Err(bad());
        }
        let num = |r: &str| -> Result<u32, PeriodParseError> {
            if r.is_empty() || r.len() > 2 || !r.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            r.parse().map_err(|_| bad())
        };
        match rest {
            None => Period::year(year).ok_or_else(bad),
            Some(r) => {
                if let Some(q) = r.strip_prefix('Q').or_else(|| r.strip_prefix('q')) {
                    let q = num(q)?;
                    if !(1..=4).contains(&q) {
                        return Err(bad());
                    }
                    Ok(Period {
                        start: first_of(year, (q - 1) * 3),
                        kind: PeriodKind::Quarter,
                    })
                } else {
                    Period::month(year, num(r)?).ok_or_else(bad)
                }
            }
        }
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
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    #[allow(clippy::needless_range_loop)]
    fn window_tables_agree_with_index_in() {
        for kind in [PeriodKind::Month, PeriodKind::Quarter, PeriodKind::Year] {
            let mut p = Period::containing(kind, "2023-01-01".parse().unwrap());
            for _ in 0..30 {
                let days = p.days() as usize;
                let t = super::window_tables(p.start(), days);
                for o in 0..days {
                    let date = p.start() + chrono::Days::new(o as u64);
                    for (slot, w) in Window::ALL.iter().enumerate() {
                        assert_eq!(
                            u32::from(t[slot][o]),
                            w.index_in(p.start(), date),
                            "{p} {w:?} {date}"
                        );
                    }
                    assert_eq!(t[5][o], 0);
                }
                p = p.next();
            }
        }
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
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
    fn weeks_are_iso_and_cut_at_the_period() {
        // 2026-10-01 is a Thursday: days 1-4 are window 0, Monday the 5th starts window 1.
        let start = d("2026-10-01");
        assert_eq!(Window::Week.index_in(start, d("2026-10-04")), 0);
        assert_eq!(Window::Week.index_in(start, d("2026-10-05")), 1);
        assert_eq!(Window::Month.index_in(d("2026-01-01"), d("2026-12-31")), 11);
        assert_eq!(
            Window::Quarter.index_in(d("2026-01-01"), d("2026-07-01")),
            2
        );
        assert!(!Window::Quarter.fits(PeriodKind::Month));
        assert!(Window::Week.fits(PeriodKind::Month));
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
