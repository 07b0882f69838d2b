//! 组织关系介绍信: introduction letters that carry a member's organizational relationship, and
//! their status as of a date.
//!
//! # Examples
//!
//! ```
//! use dangjian::year::{LetterKind, LetterStatus, TransferLetter};
//! let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
//! let mut letter = TransferLetter::new(2026, 3, LetterKind::OutsideSystem, "M4", "B2", "某县某镇党委", d("2026-10-01"), 30);
//! letter.received_on = Some(d("2026-10-20"));
//! assert_eq!(letter.status_on(d("2026-10-19")), LetterStatus::Issued);
//! assert_eq!(letter.status_on(d("2026-10-20")), LetterStatus::Received);
//! ```

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::member::MemberId;

/// The kind of an introduction letter.
///
/// # Examples
///
/// ```
/// use dangjian::year::LetterKind;
/// assert_eq!(serde_json::from_str::<LetterKind>("\"temporary\"")?, LetterKind::Temporary);
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
pub enum LetterKind {
    /// 系统内: between organizations of the same system (the 全国党员管理信息系统 letter).
    WithinSystem,
    /// 系统外: to or from an organization outside it (a paper letter).
    OutsideSystem,
    /// 临时组织关系介绍信: a floating member's temporary letter; the formal relationship stays.
    Temporary,
}

impl LetterKind {
    /// Chinese label.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(dangjian::year::LetterKind::WithinSystem.label(), "系统内转接");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            LetterKind::WithinSystem => "系统内转接",
            LetterKind::OutsideSystem => "系统外转接",
            LetterKind::Temporary => "临时组织关系",
        }
    }
}

/// The status of a letter on a date ([`TransferLetter::status_on`]).
///
/// # Examples
///
/// ```
/// # use dangjian::year::{LetterKind, LetterStatus, TransferLetter};
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// let mut letter = TransferLetter::new(2026, 5, LetterKind::WithinSystem, "M4", "B2", "B1", d("2026-10-01"), 30);
/// assert_eq!(letter.status_on(d("2026-09-30")), LetterStatus::NotIssued);
/// letter.returned_on = Some(d("2026-10-08"));
/// assert_eq!(letter.status_on(d("2026-12-01")), LetterStatus::Returned); // not expired: returned first
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
pub enum LetterStatus {
    /// Not issued yet on the date (the date is before the issue date).
    NotIssued,
    /// Issued and within its validity, not yet received.
    Issued,
    /// Received by the organization it is addressed to (报到), on `received_on`.
    Received,
    /// Returned (退回) on `returned_on`.
    Returned,
    /// Past its validity without being received, returned or cancelled (超过有效期).
    Expired,
    /// Cancelled (作废) on `cancelled_on`.
    Cancelled,
}

impl LetterStatus {
    /// Chinese label.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(dangjian::year::LetterStatus::Expired.label(), "已过期");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            LetterStatus::NotIssued => "未开具",
            LetterStatus::Issued => "已开具",
            LetterStatus::Received => "已报到",
            LetterStatus::Returned => "已退回",
            LetterStatus::Expired => "已过期",
            LetterStatus::Cancelled => "已作废",
        }
    }
}

/// An introduction letter (党员组织关系介绍信) as a record: its serial number (year + serial, as
/// the letters are numbered: `〔2026〕第12号`), kind, the organizations it goes from and to, the
/// member, the issue date and the validity in days, and the dates of what happened to it. The
/// status is never stored: it follows from the dates ([`TransferLetter::status_on`]).
///
/// An organization is the id of an organization of the dataset or, outside the community, its
/// name. A letter from an organization of the dataset is outgoing and goes with the member's
/// `transferred_out` event of its issue date; a letter to one is incoming and goes with the
/// `transferred_in` event of its receipt date (`linked` findings otherwise).
///
/// Source: 《中国共产党党员教育管理工作条例》（中共中央, 2019年5月）, chapter on organizational
/// relationships: a member moving transfers the relationship with a letter and reports to the
/// receiving organization within its validity; a floating member holds a temporary letter.
/// Days are counted as 《中华人民共和国民法典》第二百零一条 counts periods: the issue day is not
/// counted, so a letter of 30 days issued on 1 October is valid through 31 October.
///
/// ```
/// use dangjian::year::{LetterKind, LetterStatus, TransferLetter};
/// let d = |s: &str| s.parse().unwrap();
/// let l = TransferLetter::new(2026, 12, LetterKind::WithinSystem, "M01", "B", "某街道党工委", d("2026-10-01"), 30);
/// assert_eq!(l.serial_label(), "〔2026〕第12号");
/// assert_eq!(l.last_valid_day().to_string(), "2026-10-31");
/// assert_eq!(l.status_on(d("2026-10-31")), LetterStatus::Issued);
/// assert_eq!(l.status_on(d("2026-11-01")), LetterStatus::Expired);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TransferLetter {
    /// Year of the serial number.
    pub year: i32,
    /// Serial number within the year (from 1).
    pub serial: u32,
    /// Kind.
    pub kind: LetterKind,
    /// The member.
    #[schemars(with = "String")]
    pub member: MemberId,
    /// The organization it comes from (an org id of the dataset, or a name outside it).
    pub from_org: String,
    /// The organization it is addressed to (an org id of the dataset, or a name outside it).
    pub to_org: String,
    /// Issue date.
    pub issued: NaiveDate,
    /// Validity in days after the issue date.
    pub valid_days: u32,
    /// Received by the addressee (报到) on this day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_on: Option<NaiveDate>,
    /// Returned on this day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returned_on: Option<NaiveDate>,
    /// Cancelled on this day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancelled_on: Option<NaiveDate>,
}

impl TransferLetter {
    /// A letter just issued.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::year::{LetterKind, LetterStatus, TransferLetter};
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let letter = TransferLetter::new(2026, 12, LetterKind::WithinSystem, "M4", "B2", "某街道党工委", d("2026-10-01"), 30);
    /// assert_eq!((letter.member.as_str(), letter.valid_days), ("M4", 30));
    /// assert_eq!((letter.received_on, letter.returned_on, letter.cancelled_on), (None, None, None));
    /// ```
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        year: i32,
        serial: u32,
        kind: LetterKind,
        member: &str,
        from_org: &str,
        to_org: &str,
        issued: NaiveDate,
        valid_days: u32,
    ) -> TransferLetter {
        TransferLetter {
            year,
            serial,
            kind,
            member: member.into(),
            from_org: from_org.into(),
            to_org: to_org.into(),
            issued,
            valid_days,
            received_on: None,
            returned_on: None,
            cancelled_on: None,
        }
    }

    /// The serial number as printed: `〔2026〕第12号`.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::year::{LetterKind, LetterStatus, TransferLetter};
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let letter = TransferLetter::new(2026, 7, LetterKind::WithinSystem, "M4", "B2", "B1", d("2026-10-01"), 30);
    /// assert_eq!(letter.serial_label(), "〔2026〕第7号");
    /// ```
    pub fn serial_label(&self) -> String {
        format!("〔{}〕第{}号", self.year, self.serial)
    }

    /// The key of the letter: `2026-12`.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::year::{LetterKind, LetterStatus, TransferLetter};
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let letter = TransferLetter::new(2026, 7, LetterKind::WithinSystem, "M4", "B2", "B1", d("2026-10-01"), 30);
    /// assert_eq!(letter.key(), "2026-7");
    /// ```
    pub fn key(&self) -> String {
        format!("{}-{}", self.year, self.serial)
    }

    /// The last day the letter is valid: the issue date plus `valid_days` (the issue day is not
    /// counted, 民法典 第二百零一条).
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::year::{LetterKind, LetterStatus, TransferLetter};
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// // the issue day is not counted: 90 days from 1 December end on 1 March
    /// let letter = TransferLetter::new(2026, 8, LetterKind::OutsideSystem, "M4", "B2", "外地党委", d("2026-12-01"), 90);
    /// assert_eq!(letter.last_valid_day(), d("2027-03-01"));
    /// ```
    pub fn last_valid_day(&self) -> NaiveDate {
        self.issued
            .checked_add_days(Days::new(u64::from(self.valid_days)))
            .unwrap_or(NaiveDate::MAX)
    }

    /// The status on `date`: what happened first on or before `date` (cancelled, returned,
    /// received), else expired after the last valid day, else issued (or not yet issued).
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::year::{LetterKind, LetterStatus, TransferLetter};
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let mut letter = TransferLetter::new(2026, 9, LetterKind::WithinSystem, "M4", "B2", "B1", d("2026-10-01"), 30);
    /// letter.received_on = Some(d("2026-11-03")); // two days late
    /// assert_eq!(letter.status_on(d("2026-11-01")), LetterStatus::Expired);
    /// assert_eq!(letter.status_on(d("2026-11-03")), LetterStatus::Received);
    /// ```
    pub fn status_on(&self, date: NaiveDate) -> LetterStatus {
        if date < self.issued {
            return LetterStatus::NotIssued;
        }
        let mut done: Vec<(NaiveDate, LetterStatus)> = [
            (self.received_on, LetterStatus::Received),
            (self.returned_on, LetterStatus::Returned),
            (self.cancelled_on, LetterStatus::Cancelled),
        ]
        .into_iter()
        .filter_map(|(d, s)| d.filter(|d| *d <= date).map(|d| (d, s)))
        .collect();
        crate::sort::sort(&mut done);
        if let Some((_, s)) = done.first() {
            return *s;
        }
        if date > self.last_valid_day() {
            LetterStatus::Expired
        } else {
            LetterStatus::Issued
        }
    }

    /// Whether the letter is still outstanding on `date` (issued or expired: nothing recorded).
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::year::{LetterKind, LetterStatus, TransferLetter};
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let mut letter = TransferLetter::new(2026, 9, LetterKind::WithinSystem, "M4", "B2", "B1", d("2026-10-01"), 30);
    /// letter.cancelled_on = Some(d("2026-10-10"));
    /// assert!(letter.outstanding_on(d("2026-10-09")));
    /// assert!(!letter.outstanding_on(d("2026-10-10")));
    /// ```
    pub fn outstanding_on(&self, date: NaiveDate) -> bool {
        matches!(
            self.status_on(date),
            LetterStatus::Issued | LetterStatus::Expired
        )
    }
}
