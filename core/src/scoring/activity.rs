//! Scored activities (积分事项): who did which rule item how much on which day, and
//! reversals that cancel an earlier activity.
//!
//! ```
//! use dangjian::scoring::{ActivityRecord, Mode, RuleSet, Scorer};
//! let reg = dangjian::Registry::sample_small();
//! let day = "2024-03-05".parse()?;
//! let acts = [
//!     ActivityRecord::new("a1", "M1", "meeting", day),
//!     ActivityRecord { reverses: Some("a1".into()), ..ActivityRecord::new("a2", "M1", "meeting", day) },
//! ];
//! let t = Scorer::new(&reg, &acts, Mode::Strict)?.score(&RuleSet::member_default(), "2024-03".parse()?)?.table;
//! assert_eq!(t.total[t.row_of("M1").unwrap()].to_string(), "60"); // both count for nothing
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::fixed::Fixed;

pub use crate::limits::MAX_QUANTITY;

fn one() -> Fixed {
    Fixed::ONE
}

fn is_one(q: &Fixed) -> bool {
    *q == Fixed::ONE
}

/// One scored activity (积分事项): a subject (member or organization id) did `quantity` units of
/// rule item `item` on `date`. An activity may reverse an earlier one by id; both then count
/// for nothing.
///
/// ```
/// use dangjian::scoring::ActivityRecord;
/// let a: ActivityRecord = serde_json::from_str(
///     r#"{"id":"A1","subject":"XF001","item":"service_hour","date":"2026-03-05","quantity":2.5}"#).unwrap();
/// assert_eq!(a.quantity.to_string(), "2.5");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityRecord {
    /// Unique id of the activity.
    #[schemars(with = "String")]
    pub id: CompactString,
    /// The member or organization scored.
    #[schemars(with = "String")]
    pub subject: CompactString,
    /// Code of the rule item.
    #[schemars(with = "String")]
    pub item: CompactString,
    /// The day it happened.
    pub date: NaiveDate,
    /// Units (occurrences, hours, yuan …), up to three decimals; default 1.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub quantity: Fixed,
    /// Id of an earlier activity this one cancels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub reverses: Option<CompactString>,
    /// Free note (not personal data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl ActivityRecord {
    /// An activity of quantity 1.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::ActivityRecord;
    /// let d = dangjian::chrono::NaiveDate::from_ymd_opt(2026, 10, 9).unwrap();
    /// let a = ActivityRecord::new("A1", "M1", "meeting", d);
    /// assert_eq!((a.quantity.to_string().as_str(), a.reverses), ("1", None));
    /// let undo = ActivityRecord { reverses: Some("A1".into()), ..ActivityRecord::new("A2", "M1", "meeting", d) };
    /// assert_eq!(undo.reverses.as_deref(), Some("A1"));
    /// ```
    pub fn new(id: &str, subject: &str, item: &str, date: NaiveDate) -> Self {
        ActivityRecord {
            id: id.into(),
            subject: subject.into(),
            item: item.into(),
            date,
            quantity: Fixed::ONE,
            reverses: None,
            note: None,
        }
    }
}
