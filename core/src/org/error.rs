//! Why an organization tree was rejected ([`OrgError`]).
//!
//! ```
//! use dangjian::org::{OrgError, OrgKind, OrgRecord, OrgTree};
//! let day = "2022-11-01".parse()?;
//! let err = OrgTree::build(vec![OrgRecord::new("B1", "第一党支部", OrgKind::Branch, Some("Z"), day)]).unwrap_err();
//! assert!(matches!(&err, OrgError::UnknownParent { parent, .. } if parent == "Z"));
//! assert_eq!(err.code(), "unknown_parent");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;

use super::{OrgId, OrgKind};

/// Why an organization tree was rejected. Each variant names the organization and the rule.
///
/// # Examples
///
/// ```
/// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// use dangjian::org::{OrgError, OrgKind, OrgRecord, OrgTree};
/// let day = d(2022, 11, 1)?;
/// let err = OrgTree::build(vec![
///     OrgRecord::new("Z", "翔凤社区党总支", OrgKind::GeneralBranch, None, day),
///     OrgRecord::new("G1", "第一党小组", OrgKind::Group, Some("Z"), day),
/// ]).unwrap_err();
/// assert!(matches!(err, OrgError::BadNesting { kind: OrgKind::Group, parent_kind: OrgKind::GeneralBranch, .. }));
/// assert!(err.to_string().contains("groups only inside branches"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrgError {
    /// Two organizations share an id.
    #[error("organization #{position} `{id}`: duplicate id (first used by organization #{first})")]
    DuplicateId {
        /// The id.
        id: OrgId,
        /// Position of the second occurrence in the input.
        position: usize,
        /// Position of the first occurrence.
        first: usize,
    },
    /// The parent id names no organization.
    #[error("organization `{id}`: parent `{parent}` does not exist")]
    UnknownParent {
        /// The organization.
        id: OrgId,
        /// The missing parent.
        parent: OrgId,
    },
    /// The kind may not sit under the parent's kind (e.g. a group outside a branch).
    #[error("organization `{id}`: a {kind} may not sit under {parent_kind} `{parent}` (支部条例: groups only inside branches)")]
    BadNesting {
        /// The organization.
        id: OrgId,
        /// Its kind.
        kind: OrgKind,
        /// The parent.
        parent: OrgId,
        /// The parent's kind.
        parent_kind: OrgKind,
    },
    /// Following parents leads back to the organization.
    #[error("organization `{id}`: its parent chain forms a cycle")]
    Cycle {
        /// An organization on the cycle.
        id: OrgId,
    },
    /// Dissolved on or before its founding.
    #[error("organization `{id}`: dissolved {dissolved} is not after founded {founded}")]
    ReversedDates {
        /// The organization.
        id: OrgId,
        /// Founding date.
        founded: NaiveDate,
        /// Dissolution date.
        dissolved: NaiveDate,
    },
    /// Founded before its parent, or outliving it.
    #[error("organization `{id}`: exists outside the lifetime of its parent `{parent}`")]
    OutlivesParent {
        /// The organization.
        id: OrgId,
        /// The parent.
        parent: OrgId,
    },
    /// An id or name is empty or too long.
    #[error("organization #{position}: field `{field}` {reason}")]
    BadField {
        /// Position in the input.
        position: usize,
        /// The field.
        field: &'static str,
        /// What is wrong.
        reason: &'static str,
    },
    /// More organizations than [`crate::limits::MAX_ORGS`].
    #[error("{actual} organizations exceed the limit of {limit}")]
    TooMany {
        /// Organizations given.
        actual: usize,
        /// The limit.
        limit: usize,
    },
    /// Nested deeper than [`crate::limits::MAX_ORG_DEPTH`] levels below its root.
    #[error("organization `{id}`: nested more than {limit} levels below its root")]
    TooDeep {
        /// The first organization found too deep.
        id: OrgId,
        /// The limit.
        limit: usize,
    },
    /// An id was looked up that does not exist.
    #[error("organization `{id}` does not exist")]
    NotFound {
        /// The id looked up.
        id: OrgId,
    },
}

impl OrgError {
    /// A stable machine-readable code for the variant, used by the bindings.
    ///
    /// # Examples
    ///
    /// ```
    /// # let reg = dangjian::synth::sample_community().to_registry()?;
    /// use dangjian::org::OrgError;
    /// let err = reg.tree().require("B9").unwrap_err();
    /// assert!(matches!(err, OrgError::NotFound { .. }));
    /// assert_eq!(err.code(), "org_not_found");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            OrgError::DuplicateId { .. } => "duplicate_org",
            OrgError::UnknownParent { .. } => "unknown_parent",
            OrgError::BadNesting { .. } => "bad_nesting",
            OrgError::Cycle { .. } => "org_cycle",
            OrgError::ReversedDates { .. } => "reversed_dates",
            OrgError::OutlivesParent { .. } => "outlives_parent",
            OrgError::BadField { .. } => "bad_org_field",
            OrgError::NotFound { .. } => "org_not_found",
            OrgError::TooMany { .. } => "too_many_orgs",
            OrgError::TooDeep { .. } => "org_too_deep",
        }
    }
}
