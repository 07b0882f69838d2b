use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar month, written `YYYY-MM` in data files (dues are assessed per month).
///
/// ```
/// use dangjian::compliance::Month;
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
    pub const MIN: Month = Month {
        year: -262_143,
        month: 1,
    };

    /// The month `year`-`month` (1–12), if valid.
    pub const fn new(year: i32, month: u32) -> Option<Month> {
        if month >= 1 && month <= 12 && year >= -262_143 && year <= 262_142 {
            Some(Month { year, month })
        } else {
            None
        }
    }

    /// The month containing `date`.
    pub fn of(date: NaiveDate) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month number, 1–12.
    pub fn month(self) -> u32 {
        self.month
    }

    /// The quarter, 1–4.
    pub fn quarter(self) -> u32 {
        (self.month - 1) / 3 + 1
    }

    /// The first day.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The last day.
    pub fn last_day(self) -> NaiveDate {
        self.next()
            .first_day()
            .pred_opt()
            .unwrap_or_else(|| self.first_day())
    }

    /// The following month.
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
    /// use dangjian::compliance::Month;
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
    pub fn months_until(self, other: Month) -> i64 {
        (i64::from(other.year) - i64::from(self.year)) * 12 + i64::from(other.month)
            - i64::from(self.month)
    }

    /// Every month from `from` to `to`, both inclusive (empty when `to < from`).
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

    fn from_str(s: &str) -> Result<Month, MonthError> {
        let bad = || MonthError(s.chars().take(16).collect());
        let (y, m) = s.trim().split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        Month::new(year, month).ok_or_else(bad)
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
        assert!("2024-2".parse::<Month>().is_err());
        let j: Month = serde_json::from_str("\"2026-10\"").unwrap();
        assert_eq!(serde_json::to_string(&j).unwrap(), "\"2026-10\"");
    }
}
