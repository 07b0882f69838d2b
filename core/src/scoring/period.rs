//! Cap windows and day numbers (the periods themselves are [`crate::calendar`]).
//!
//! # Examples
//!
//! ```
//! use dangjian::scoring::{day_number, PeriodKind, Window};
//! let d = dangjian::chrono::NaiveDate::from_ymd_opt(1970, 1, 11).unwrap();
//! assert_eq!(day_number(d), 10);
//! assert!(Window::Week.fits(PeriodKind::Month) && !Window::Year.fits(PeriodKind::Month));
//! ```

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

#[cfg(test)]
use crate::calendar::Period;
use crate::calendar::PeriodKind;

/// Days since 1970-01-01 (the day-number column of the bulk API).
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{day_number, DayNum};
/// let eve: DayNum = day_number(dangjian::chrono::NaiveDate::from_ymd_opt(1969, 12, 31).unwrap());
/// assert_eq!(eve, -1);
/// ```
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
///
/// # Examples
///
/// ```
/// use dangjian::scoring::date_of_day;
/// assert_eq!(date_of_day(0), dangjian::chrono::NaiveDate::from_ymd_opt(1970, 1, 1));
/// assert_eq!(date_of_day(20_757).map(|d| d.to_string()).as_deref(), Some("2026-10-31"));
/// assert_eq!(date_of_day(i32::MAX), None);
/// ```
pub fn date_of_day(day: DayNum) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(day.checked_add(EPOCH_CE)?)
}

/// The window a cap applies to: points of one item are summed per window and cut to the cap.
///
/// Windows must fit in the period (a year window in a monthly rule set is refused). Weeks are
/// ISO weeks (Monday to Sunday) cut at the period's bounds: a week that straddles two months
/// is two windows in a monthly rule set, so that no window crosses a period.
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{RuleSet, Window};
/// let rules = RuleSet::member_default();
/// let meeting = &rules.items[rules.item_index("meeting").unwrap()];
/// assert_eq!(meeting.cap.map(|c| c.per), Some(Window::Month)); // at most +8 a month
/// assert_eq!(serde_json::from_str::<Window>("\"week\"")?, Window::Week);
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
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{PeriodKind, Window};
    /// let in_a_month: Vec<Window> = Window::ALL.into_iter().filter(|w| w.fits(PeriodKind::Month)).collect();
    /// assert_eq!(in_a_month, [Window::Day, Window::Week, Window::Month]);
    /// ```
    pub const ALL: [Window; 5] = [
        Window::Day,
        Window::Week,
        Window::Month,
        Window::Quarter,
        Window::Year,
    ];

    /// Whether the window fits in a period of `kind`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{PeriodKind, Window};
    /// assert!(Window::Quarter.fits(PeriodKind::Year));
    /// assert!(!Window::Quarter.fits(PeriodKind::Month)); // refused in a monthly rule set
    /// ```
    pub fn fits(self, kind: PeriodKind) -> bool {
        match self {
            Window::Day | Window::Week | Window::Month => true,
            Window::Quarter => kind != PeriodKind::Month,
            Window::Year => kind == PeriodKind::Year,
        }
    }

    /// The index of the window holding `date` among the windows of a period starting on
    /// `period_start` (0 for the window holding the first day).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::Window;
    /// let d = |m, d| dangjian::chrono::NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    /// // October 2026 starts on a Thursday: its first ISO week ends on Sunday the 4th
    /// assert_eq!(Window::Week.index_in(d(10, 1), d(10, 4)), 0);
    /// assert_eq!(Window::Week.index_in(d(10, 1), d(10, 5)), 1);
    /// assert_eq!(Window::Month.index_in(d(1, 1), d(10, 5)), 9);
    /// ```
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
}
