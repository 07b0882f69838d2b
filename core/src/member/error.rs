//! The lifecycle rules an event can break ([`MemberRule`]) and a broken one ([`RuleViolation`]).
//!
//! ```
//! use dangjian::member::{EventRecord, EventType, MemberRule};
//! use dangjian::RegistryError;
//! let mut reg = dangjian::Registry::sample_small();
//! // M2 was admitted on 2023-03-01: converting her before 2024-03-01 is refused.
//! let early = EventRecord::new("M2", "2023-12-01".parse()?, EventType::Converted);
//! let Err(RegistryError::EventRejected { rule, .. }) = reg.apply(vec![early]) else {
//!     return Err("the conversion should be refused".into());
//! };
//! assert_eq!(rule, MemberRule::ProbationNotOver);
//! assert_eq!(rule.source(), Some("党章 art. 7; 发展细则"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::{Deserialize, Serialize};

/// A lifecycle rule an event can break. Each names its source where there is one.
///
/// # Examples
///
/// ```
/// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// # let mut reg = dangjian::Registry::sample_small();
/// use dangjian::member::{EventRecord, EventType, MemberRule};
/// use dangjian::RegistryError;
/// // M1 is a full member already: a second conversion needs a probationary member.
/// let err = reg.apply(vec![EventRecord::new("M1", d(2026, 1, 5)?, EventType::Converted)]).unwrap_err();
/// assert!(matches!(err, RegistryError::EventRejected { rule: MemberRule::WrongStage, position: 0, .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MemberRule {
    /// The event names a member who is not on the roster.
    UnknownMember,
    /// The event names an organization that does not exist.
    UnknownOrganization,
    /// The event lacks a field its type needs, or has a value out of range.
    MissingField,
    /// The organization is not of the kind the event needs (a branch; a group of the member's branch).
    WrongOrganizationKind,
    /// The organization does not exist on the event's date (founded later or dissolved).
    OrganizationInactive,
    /// The event is dated before the member's birth.
    BeforeBirth,
    /// An applicant must be at least 18 years old (党章 art. 1; 发展细则).
    UnderAge,
    /// The event needs an earlier stage than the member is in (e.g. conversion of a non-probationary member).
    WrongStage,
    /// An activist is trained for more than one year before becoming a candidate (发展细则).
    ActivistTooShort,
    /// Conversion not before the probation (one year, plus any extension) ends (党章 art. 7).
    ProbationNotOver,
    /// Probation may be extended once, by 6 to 12 months (党章 art. 7; 发展细则).
    BadExtension,
    /// Nothing follows a terminal event except a re-entry by transfer in; nothing follows death.
    AfterTerminal,
    /// The event changes nothing (moving to the current branch, returning while not floating, …).
    NoChange,
    /// Historical dates given with a transfer in contradict each other or the event date.
    InconsistentDates,
    /// The record's ID number disagrees with its birth date or gender (GB 11643-1999).
    IdentityMismatch,
    /// A date or a text lies outside the documented limits (`docs/limits.md`).
    OutOfRange,
    // --- Discipline and standing ---
    /// 党纪处分 applies to full members; 留党察看 lasts one or two years, a one-year period may be
    /// extended once by a year, never beyond two years (党章 art. 41; 纪律处分条例).
    BadDiscipline,
    /// A transfer in gives a `converted_on` that is not the end of a probation from `admitted_on`
    /// (one year, or one year plus an extension of 6–12 months): party standing counts from the
    /// day probation ends (党章 art. 7; 发展细则 art. 32).
    ConversionNotAtProbationEnd,
}

impl MemberRule {
    /// Stable code of the rule, as shown in errors.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::MemberRule;
    /// assert_eq!(MemberRule::UnderAge.code(), "under_age");
    /// assert_eq!(MemberRule::UnderAge.to_string(), "under_age");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            MemberRule::UnknownMember => "unknown_member",
            MemberRule::UnknownOrganization => "unknown_organization",
            MemberRule::MissingField => "missing_field",
            MemberRule::WrongOrganizationKind => "wrong_organization_kind",
            MemberRule::OrganizationInactive => "organization_inactive",
            MemberRule::BeforeBirth => "before_birth",
            MemberRule::UnderAge => "under_age",
            MemberRule::WrongStage => "wrong_stage",
            MemberRule::ActivistTooShort => "activist_too_short",
            MemberRule::ProbationNotOver => "probation_not_over",
            MemberRule::BadExtension => "bad_extension",
            MemberRule::AfterTerminal => "after_terminal",
            MemberRule::NoChange => "no_change",
            MemberRule::InconsistentDates => "inconsistent_dates",
            MemberRule::IdentityMismatch => "identity_mismatch",
            MemberRule::OutOfRange => "out_of_range",
            MemberRule::BadDiscipline => "bad_discipline",
            MemberRule::ConversionNotAtProbationEnd => "conversion_not_at_probation_end",
        }
    }

    /// The published source of the rule, if any.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::MemberRule;
    /// assert_eq!(MemberRule::UnderAge.source(), Some("党章 art. 1; 发展细则"));
    /// assert_eq!(MemberRule::NoChange.source(), None); // a consistency rule, not a published one
    /// ```
    pub fn source(self) -> Option<&'static str> {
        match self {
            MemberRule::UnderAge => Some("党章 art. 1; 发展细则"),
            MemberRule::ActivistTooShort => Some("发展细则"),
            MemberRule::ProbationNotOver | MemberRule::BadExtension => {
                Some("党章 art. 7; 发展细则")
            }
            MemberRule::IdentityMismatch => Some("GB 11643-1999"),
            MemberRule::BadDiscipline => Some("党章 art. 41; 中国共产党纪律处分条例"),
            MemberRule::ConversionNotAtProbationEnd => Some("党章 art. 7; 发展细则 art. 32"),
            _ => None,
        }
    }
}

impl std::fmt::Display for MemberRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// A broken lifecycle rule: which rule and why (the registry adds which event and where).
///
/// # Examples
///
/// ```
/// use dangjian::member::{MemberRule, RuleViolation};
/// let v = RuleViolation::new(MemberRule::BadExtension, "extension of 3 months, 6 to 12 allowed".into());
/// assert_eq!(v.to_string(), "bad_extension: extension of 3 months, 6 to 12 allowed");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{rule}: {reason}")]
pub struct RuleViolation {
    /// The rule.
    pub rule: MemberRule,
    /// Why, in words, with the dates and numbers compared. Never contains personal data.
    pub reason: String,
}

impl RuleViolation {
    /// A violation of `rule` because `reason`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::{MemberRule, RuleViolation};
    /// let v = RuleViolation::new(MemberRule::NoChange, "already in branch `B1`".into());
    /// assert_eq!((v.rule, v.reason.as_str()), (MemberRule::NoChange, "already in branch `B1`"));
    /// ```
    pub fn new(rule: MemberRule, reason: String) -> Self {
        RuleViolation { rule, reason }
    }
}
