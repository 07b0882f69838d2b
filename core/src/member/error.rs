use serde::{Deserialize, Serialize};

/// A lifecycle rule an event can break. Each names its source where there is one.
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
    pub fn new(rule: MemberRule, reason: String) -> Self {
        RuleViolation { rule, reason }
    }
}
