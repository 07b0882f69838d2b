//! Recurring service days of a post (seed 002: volunteer days on the 5th, 15th and 25th of each
//! month; a volunteer studio open every Thursday).
//!
//! # Examples
//!
//! ```
//! use dangjian::practice::ScheduleDays;
//! # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
//! let seed_002 = ScheduleDays::MonthDays(vec![5, 15, 25]);
//! assert_eq!(seed_002.label_zh(), "每月5日、15日、25日");
//! assert!(seed_002.falls_on(d("2026-10-25")));
//! ```

use chrono::{Datelike, NaiveDate};
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::PracticeError;
use crate::post::PostRecord;

/// On which days a schedule falls.
///
/// ```
/// use dangjian::practice::ScheduleDays;
/// let d = |s: &str| s.parse().unwrap();
/// let monthly = ScheduleDays::MonthDays(vec![5, 15, 25]);
/// assert!(monthly.falls_on(d("2026-10-15")) && !monthly.falls_on(d("2026-10-16")));
/// let thursdays = ScheduleDays::Weekdays(vec![4]);
/// assert!(thursdays.falls_on(d("2026-10-15"))); // a Thursday
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScheduleDays {
    /// Days of the month (1 to 31); a day a month does not have (31 in a 30-day month) does
    /// not fall in that month.
    MonthDays(Vec<u8>),
    /// ISO weekdays, 1 = Monday … 7 = Sunday.
    Weekdays(Vec<u8>),
}

impl ScheduleDays {
    /// Whether `date` is one of the schedule's days.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::practice::ScheduleDays;
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let days = ScheduleDays::MonthDays(vec![31]);
    /// assert!(days.falls_on(d("2026-10-31")));
    /// assert!(!days.falls_on(d("2026-11-30"))); // November has no 31st
    /// assert!(ScheduleDays::Weekdays(vec![6, 7]).falls_on(d("2026-10-31"))); // a Saturday
    /// ```
    pub fn falls_on(&self, date: NaiveDate) -> bool {
        match self {
            ScheduleDays::MonthDays(days) => days.iter().any(|d| u32::from(*d) == date.day()),
            ScheduleDays::Weekdays(days) => days
                .iter()
                .any(|d| u32::from(*d) == date.weekday().number_from_monday()),
        }
    }

    /// The Chinese description, e.g. `每月5日、15日、25日` or `每周四`.
    ///
    /// ```
    /// use dangjian::practice::ScheduleDays;
    /// assert_eq!(ScheduleDays::MonthDays(vec![5, 15, 25]).label_zh(), "每月5日、15日、25日");
    /// assert_eq!(ScheduleDays::Weekdays(vec![4]).label_zh(), "每周四");
    /// ```
    pub fn label_zh(&self) -> String {
        const WD: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
        match self {
            ScheduleDays::MonthDays(days) => format!(
                "每月{}",
                days.iter()
                    .map(|d| format!("{d}日"))
                    .collect::<Vec<_>>()
                    .join("、")
            ),
            ScheduleDays::Weekdays(days) => format!(
                "每周{}",
                days.iter()
                    .filter_map(|d| WD.get(usize::from(*d).wrapping_sub(1)).copied())
                    .collect::<Vec<_>>()
                    .join("、")
            ),
        }
    }
}

/// A recurring schedule of service on a post: on each of its days from `start` (and while the
/// post is open) at least `min_people` members are expected to serve.
///
/// # Examples
///
/// ```
/// use dangjian::practice::{ScheduleDays, ServiceSchedule};
/// let s: ServiceSchedule = serde_json::from_str(r#"{"id": "S2", "post": "VOL", "name": "相约星期四工作室",
///     "days": {"weekdays": [4]}, "start": "2026-01-01", "min_people": 20}"#)?;
/// assert_eq!(s.days, ScheduleDays::Weekdays(vec![4]));
/// assert_eq!(s.days.label_zh(), "每周四");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceSchedule {
    /// Stable identifier, unique among schedules.
    #[schemars(with = "String")]
    pub id: CompactString,
    /// The post (岗位) served.
    #[schemars(with = "String")]
    pub post: CompactString,
    /// Display name, e.g. `窗口服务日` or `相约星期四工作室`.
    pub name: String,
    /// The days.
    pub days: ScheduleDays,
    /// First day.
    pub start: NaiveDate,
    /// Day the schedule ends (exclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
    /// Members expected on each day (at least 1).
    #[serde(default = "one")]
    pub min_people: u32,
}

fn one() -> u32 {
    1
}

impl ServiceSchedule {
    /// The days in `from..=to` on which service is expected: the schedule's days while both
    /// the schedule and its post are open.
    ///
    /// ```
    /// use dangjian::practice::{ScheduleDays, ServiceSchedule};
    /// let d = |s: &str| s.parse().unwrap();
    /// let s = ServiceSchedule { id: "S1".into(), post: "P1".into(), name: "服务日".into(),
    ///     days: ScheduleDays::MonthDays(vec![5, 15, 25]), start: d("2026-10-10"), end: None,
    ///     min_people: 1 };
    /// assert_eq!(s.expected_dates(None, d("2026-10-01"), d("2026-10-31")),
    ///            vec![d("2026-10-15"), d("2026-10-25")]);
    /// ```
    pub fn expected_dates(
        &self,
        post: Option<&PostRecord>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Vec<NaiveDate> {
        let first = from.max(self.start);
        first
            .iter_days()
            .take_while(|d| *d <= to)
            .filter(|d| self.end.is_none_or(|e| *d < e))
            .filter(|d| post.is_none_or(|p| p.is_open(*d)))
            .filter(|d| self.days.falls_on(*d))
            .collect()
    }

    pub(super) fn validate(&self, posts: &[PostRecord]) -> Result<(), PracticeError> {
        let bad = |reason: &str| PracticeError::BadValue {
            what: "服务日程",
            id: self.id.to_string(),
            reason: reason.into(),
        };
        if !posts.iter().any(|p| p.id == self.post) {
            return Err(PracticeError::UnknownReference {
                what: "服务日程",
                id: self.id.to_string(),
                target: "岗位",
                reference: self.post.to_string(),
            });
        }
        let (days, range) = match &self.days {
            ScheduleDays::MonthDays(d) => (d, 1..=31u8),
            ScheduleDays::Weekdays(d) => (d, 1..=7u8),
        };
        if days.is_empty() || days.iter().any(|d| !range.contains(d)) {
            return Err(bad("服务日应为每月1至31日或每周1（周一）至7（周日）"));
        }
        if self.min_people == 0 || self.min_people > 10_000 {
            return Err(bad("每次应到人数应在1至10000之间"));
        }
        if self.end.is_some_and(|e| e <= self.start) {
            return Err(PracticeError::BadDates {
                what: "服务日程",
                id: self.id.to_string(),
                reason: "结束日期应晚于开始日期".into(),
            });
        }
        Ok(())
    }
}
