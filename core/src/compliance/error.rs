//! The one error of the compliance data ([`ComplianceError`]): what (the record), where (the
//! section and position) and why, with a stable code per variant.
//!
//! ```
//! use dangjian::compliance::{Compliance, PaymentRecord};
//! let mut ds = dangjian::io::Dataset::sample_small();
//! ds.payments.push(PaymentRecord { member: "M9".into(), month: "2024-01".parse()?, amount: 100,
//!     paid_on: "2024-01-10".parse()?, reason: None });
//! let reg = ds.to_registry()?;
//! let err = Compliance::from_dataset(&ds, &reg).unwrap_err();
//! assert_eq!(err.code(), "unknown_member");
//! assert_eq!(err.to_string(), "payments[0]: member `M9` is not on the roster");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use compact_str::CompactString;

/// Why compliance data (dues, meetings, elections) was refused. Every variant says what (the
/// record: member, meeting or election id), where (the section and position) and why (the rule,
/// with its source). Never contains names, ID numbers or phones.
///
/// # Examples
///
/// ```
/// use dangjian::compliance::{Compliance, ComplianceError, MeetingRecord};
/// let mut ds = dangjian::io::Dataset::sample_small();
/// ds.meetings.push(serde_json::from_str::<MeetingRecord>(
///     r#"{"id": "MT1", "org": "B9", "kind": "theme_day", "date": "2024-03-05"}"#)?);
/// let reg = ds.to_registry()?;
/// let err = Compliance::from_dataset(&ds, &reg).unwrap_err();
/// assert!(matches!(err, ComplianceError::UnknownOrg { section: "meetings", position: 0, .. }));
/// assert_eq!(err.to_string(), "meetings[0]: organization `B9` does not exist");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ComplianceError {
    /// A record names a member who is not on the roster.
    #[error("{section}[{position}]: member `{member_}` is not on the roster", member_ = crate::privacy::echo_id(.member))]
    UnknownMember {
        /// Data section (`payments`, `meetings`, …).
        section: &'static str,
        /// Position in the section.
        position: usize,
        /// The id given.
        member: CompactString,
    },
    /// A record names an organization that does not exist.
    #[error("{section}[{position}]: organization `{org}` does not exist")]
    UnknownOrg {
        /// Data section.
        section: &'static str,
        /// Position in the section.
        position: usize,
        /// The id given.
        org: CompactString,
    },
    /// A record is dated when its organization does not exist.
    #[error("{section}[{position}]: organization `{org}` does not exist on {date}")]
    OrgInactive {
        /// Data section.
        section: &'static str,
        /// Position in the section.
        position: usize,
        /// The organization.
        org: CompactString,
        /// The record's date.
        date: NaiveDate,
    },
    /// A dues schedule (党费标准) is malformed.
    #[error("dues_schedules[{position}] (from {effective_from}): {reason}")]
    BadSchedule {
        /// Position in `dues_schedules`.
        position: usize,
        /// Its effective date.
        effective_from: NaiveDate,
        /// What is wrong.
        reason: String,
    },
    /// A month has no dues schedule in force.
    #[error("no dues schedule is in force in {month}: the earliest starts {earliest}")]
    NoSchedule {
        /// The month (`YYYY-MM`).
        month: String,
        /// The earliest schedule's effective date.
        earliest: NaiveDate,
    },
    /// A dues profile is malformed.
    #[error("dues_profiles[{position}] (member `{member_}`): {reason}", member_ = crate::privacy::echo_id(.member))]
    BadProfile {
        /// Position in `dues_profiles`.
        position: usize,
        /// The member.
        member: CompactString,
        /// What is wrong (cites 党费规定 where a bound is broken).
        reason: String,
    },
    /// A payment or special-dues record is malformed.
    #[error("{section}[{position}] (member `{member_}`): {reason}", member_ = crate::privacy::echo_id(.member))]
    BadPayment {
        /// `payments` or `special_dues`.
        section: &'static str,
        /// Position in the section.
        position: usize,
        /// The member.
        member: CompactString,
        /// What is wrong.
        reason: String,
    },
    /// A meeting record is malformed.
    #[error("meetings[{position}] (`{meeting}`): {reason}")]
    BadMeeting {
        /// Position in `meetings`.
        position: usize,
        /// The meeting id.
        meeting: CompactString,
        /// What is wrong (cites 支部条例 for kind/organization mismatches).
        reason: String,
    },
    /// A meeting requirement is malformed.
    #[error("meeting_requirements[{position}]: {reason}")]
    BadRequirement {
        /// Position in `meeting_requirements`.
        position: usize,
        /// What is wrong.
        reason: String,
    },
    /// An election input is malformed.
    #[error("election `{election}`, field `{field}`: {reason}")]
    BadElection {
        /// The election id (empty for a bare input).
        election: CompactString,
        /// The field.
        field: &'static str,
        /// What is wrong (cites 选举条例).
        reason: String,
    },
    /// Two records share an id.
    #[error("{section}[{position}]: duplicate id `{id_}`", id_ = crate::privacy::echo_id(.id))]
    DuplicateId {
        /// Data section.
        section: &'static str,
        /// Position of the second occurrence.
        position: usize,
        /// The id.
        id: CompactString,
    },
    /// A query's period is empty or reversed.
    #[error("period from {from} to {to} is empty")]
    BadPeriod {
        /// First month or day.
        from: String,
        /// Last month or day.
        to: String,
    },
}

impl ComplianceError {
    /// A stable machine-readable code for the variant, used by the bindings.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::ComplianceError;
    /// let err = ComplianceError::BadPeriod { from: "2026-10".into(), to: "2026-01".into() };
    /// assert_eq!(err.code(), "bad_period");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            ComplianceError::UnknownMember { .. } => "unknown_member",
            ComplianceError::UnknownOrg { .. } => "unknown_org",
            ComplianceError::OrgInactive { .. } => "org_inactive",
            ComplianceError::BadSchedule { .. } => "bad_schedule",
            ComplianceError::NoSchedule { .. } => "no_schedule",
            ComplianceError::BadProfile { .. } => "bad_profile",
            ComplianceError::BadPayment { .. } => "bad_payment",
            ComplianceError::BadMeeting { .. } => "bad_meeting",
            ComplianceError::BadRequirement { .. } => "bad_requirement",
            ComplianceError::BadElection { .. } => "bad_election",
            ComplianceError::DuplicateId { .. } => "duplicate_id",
            ComplianceError::BadPeriod { .. } => "bad_period",
        }
    }
}
