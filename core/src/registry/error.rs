//! The error of the registry ([`RegistryError`]), with a stable code per variant.
//!
//! # Examples
//!
//! ```
//! use dangjian::member::{Gender, MemberRecord};
//! # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
//! let mut reg = dangjian::Registry::sample_small();
//! let phone_as_id = MemberRecord::new("13812345678", "王五", Gender::Male, d("1980-01-01"))?;
//! let err = reg.add_members(vec![phone_as_id]).unwrap_err();
//! assert_eq!(err.code(), "bad_member");
//! assert!(!err.to_string().contains("13812345678")); // never echoed whole
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;

use crate::member::{EventType, MemberId, MemberRule};
use crate::org::OrgError;

/// Why the registry refused a change or a query. Every variant says what (the record), where
/// (its position in the input) and why (the rule). Never contains names, ID numbers or phones.
///
/// # Examples
///
/// ```
/// use dangjian::RegistryError;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// let reg = dangjian::Registry::sample_small();
/// let err = reg.state("M9", d("2024-01-01")).unwrap_err();
/// assert!(matches!(err, RegistryError::UnknownMember { .. }));
/// assert_eq!(err.to_string(), "member `M9` is not on the roster");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegistryError {
    /// The organization tree is invalid.
    #[error(transparent)]
    Org(#[from] OrgError),
    /// Two members share an id.
    #[error("member #{position} `{id_}`: duplicate id (already on the roster)", id_ = crate::privacy::echo_id(.id))]
    DuplicateMember {
        /// The id.
        id: MemberId,
        /// Position in the input.
        position: usize,
    },
    /// A member record has a bad field.
    #[error("member #{position} `{id_}`: field `{field}` {reason}", id_ = crate::privacy::echo_id(.id))]
    BadMember {
        /// The member.
        id: MemberId,
        /// Position in the input.
        position: usize,
        /// The field.
        field: &'static str,
        /// What is wrong (may cite GB 11643-1999 for ID numbers).
        reason: String,
    },
    /// An event breaks a lifecycle rule; the whole batch was rejected.
    #[error("event #{position} ({event_type:?} of member `{member_}` on {date}) breaks rule `{rule}`: {reason}", member_ = crate::privacy::echo_id(.member))]
    EventRejected {
        /// Position of the event in the batch.
        position: usize,
        /// The member.
        member: MemberId,
        /// The event's date.
        date: NaiveDate,
        /// The event's type.
        event_type: EventType,
        /// The rule broken.
        rule: MemberRule,
        /// Why.
        reason: String,
    },
    /// A query named a member not on the roster.
    #[error("member `{id_}` is not on the roster", id_ = crate::privacy::echo_id(.id))]
    UnknownMember {
        /// The id.
        id: MemberId,
    },
    /// An input exceeds a documented limit.
    #[error("{what}: {actual} exceeds the limit of {limit}")]
    LimitExceeded {
        /// What was too large.
        what: &'static str,
        /// The limit.
        limit: usize,
        /// The size found.
        actual: usize,
    },
}

impl RegistryError {
    /// A stable machine-readable code for the variant, used by the bindings.
    ///
    /// # Examples
    ///
    /// ```
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let reg = dangjian::Registry::sample_small();
    /// assert_eq!(reg.history("M9").unwrap_err().code(), "unknown_member");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            RegistryError::Org(_) => "org",
            RegistryError::DuplicateMember { .. } => "duplicate_member",
            RegistryError::BadMember { .. } => "bad_member",
            RegistryError::EventRejected { .. } => "event_rejected",
            RegistryError::UnknownMember { .. } => "unknown_member",
            RegistryError::LimitExceeded { .. } => "limit_exceeded",
        }
    }
}
