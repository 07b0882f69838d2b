//! The errors of scoring: [`RuleSetError`] (a rule set that cannot be loaded),
//! [`ScoringError`] (an activity that cannot be scored, a call out of bounds) and the
//! [`Diagnostic`] that lenient mode reports instead, each with a stable snake_case code.
//!
//! ```
//! use dangjian::scoring::{ActivityRecord, DiagnosticCode, Mode, RuleSet, Scorer};
//! let reg = dangjian::Registry::sample_small();
//! let acts = [ActivityRecord::new("a1", "M1", "karaoke", "2024-03-05".parse()?)];
//! let (rules, march) = (RuleSet::member_default(), "2024-03".parse()?);
//! let err = Scorer::new(&reg, &acts, Mode::Strict)?.score(&rules, march).unwrap_err();
//! assert_eq!(err.diagnostic_code(), DiagnosticCode::UnknownItem);
//! let lenient = Scorer::new(&reg, &acts, Mode::Lenient)?.score(&rules, march)?;
//! assert_eq!(lenient.diagnostics[0].code, err.code());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

/// Echoed ids, codes and reasons with every run of 11 or more digits masked: a phone or an ID
/// number typed as an activity's subject, id or item (or a rule set's id) never reaches a log.
/// Valid member ids hold no such run, so they are shown as given. An echoed text longer than
/// [`MAX_ECHO_CHARS`] keeps its head and tail around `…`.
fn r(text: &str) -> String {
    crate::privacy::echo_cut(text, 11, MAX_ECHO_CHARS)
}

pub use crate::limits::MAX_ECHO_CHARS;

/// Why a rule set (or a rule book) could not be loaded. Says which rule set, which item,
/// which field and why.
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{RuleSet, RuleSetError};
/// let err = RuleSet::from_json(r#"{"id": "x", "version": "one"}"#).unwrap_err();
/// assert!(matches!(err, RuleSetError::Parse { format: "json", .. }));
/// assert!(err.to_string().starts_with("rule set json at `version`"), "{err}");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleSetError {
    /// The text is not a valid JSON or TOML rule set document.
    #[error("rule set {format} at `{path}` (line {line}, column {column}): {message}")]
    Parse {
        /// `json` or `toml`.
        format: &'static str,
        /// Where in the document (e.g. `items[2].points`).
        path: String,
        /// Line (1-based; 0 when unknown).
        line: usize,
        /// Column (1-based; 0 when unknown).
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A field has a value the engine refuses.
    #[error("rule set `{}`{}: field `{field}` {}", r(rule_set), item.as_ref().map(|i| format!(", item `{}`", r(i))).unwrap_or_default(), r(reason))]
    Invalid {
        /// The rule set id.
        rule_set: String,
        /// The item code, when the field belongs to an item.
        item: Option<String>,
        /// The field (e.g. `cap.per`).
        field: String,
        /// Why.
        reason: String,
    },
    /// Two items share a code.
    #[error(
        "rule set `{}`: item #{position} `{}` repeats the code of item #{first}",
        r(rule_set),
        r(code)
    )]
    DuplicateItem {
        /// The rule set id.
        rule_set: String,
        /// The code.
        code: String,
        /// Position of the repeat.
        position: usize,
        /// Position of the first item with the code.
        first: usize,
    },
    /// The versions of a rule book do not fit together.
    #[error("rule book: version {version} of `{}`: {}", r(rule_set), r(reason))]
    Book {
        /// The rule set id.
        rule_set: String,
        /// The offending version.
        version: u32,
        /// Why.
        reason: String,
    },
    /// The input is larger than the documented limit.
    #[error("rule set input of {actual} bytes exceeds the limit of {limit} bytes")]
    TooLarge {
        /// Bytes given.
        actual: usize,
        /// The limit.
        limit: usize,
    },
}

impl RuleSetError {
    /// A stable machine-readable code for the variant, used by the bindings.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{RuleSet, MAX_RULESET_BYTES};
    /// assert_eq!(RuleSet::from_json("[").unwrap_err().code(), "rule_set_parse");
    /// let huge = " ".repeat(MAX_RULESET_BYTES + 1);
    /// assert_eq!(RuleSet::from_json(&huge).unwrap_err().code(), "too_large");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            RuleSetError::Parse { .. } => "rule_set_parse",
            RuleSetError::Invalid { .. } => "rule_set_invalid",
            RuleSetError::DuplicateItem { .. } => "duplicate_item",
            RuleSetError::Book { .. } => "rule_book",
            RuleSetError::TooLarge { .. } => "too_large",
        }
    }
}

/// Why scoring failed, or (in lenient mode) why an activity was left out. Activity errors say
/// which activity (id), where (its position in the input) and why. Never contains names, ID
/// numbers or phones.
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{ActivityRecord, Mode, Scorer, ScoringError};
/// # let reg = dangjian::Registry::sample_small();
/// let d = dangjian::chrono::NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
/// let acts = [ActivityRecord::new("a1", "M1", "meeting", d), ActivityRecord::new("a1", "M3", "meeting", d)];
/// let err = Scorer::new(&reg, &acts, Mode::Strict).unwrap_err();
/// assert!(matches!(err, ScoringError::DuplicateActivity { position: 1, first: 0, .. }));
/// assert_eq!(err.to_string(), "activity #1 `a1`: duplicate id (first at #0)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScoringError {
    /// Two activities share an id (an error in both modes).
    #[error("activity #{position} `{}`: duplicate id (first at #{first})", r(id))]
    DuplicateActivity {
        /// The id.
        id: CompactString,
        /// Position of the repeat.
        position: usize,
        /// Position of the first activity with the id.
        first: usize,
    },
    /// The subject is neither a member on the roster nor an organization.
    #[error(
        "activity #{position} `{}`: subject `{}` is not on the roster nor in the organization tree",
        r(id),
        r(subject)
    )]
    UnknownSubject {
        /// The activity id.
        id: CompactString,
        /// Position in the input.
        position: usize,
        /// The subject given.
        subject: CompactString,
    },
    /// The item code is not in the rule set.
    #[error(
        "activity #{position} `{}`: item `{}` is not in rule set `{}` version {version}",
        r(id),
        r(item),
        r(rule_set)
    )]
    UnknownItem {
        /// The activity id.
        id: CompactString,
        /// Position in the input.
        position: usize,
        /// The item code given.
        item: CompactString,
        /// The rule set.
        rule_set: CompactString,
        /// Its version.
        version: u32,
    },
    /// The subject was not a subject of the rule set on the activity's date (a member who was
    /// not a member that day, an organization not yet founded or dissolved, an organization of
    /// a kind the rule set does not assess).
    #[error(
        "activity #{position} `{}`: `{}` on {date}: {}",
        r(id),
        r(subject),
        r(reason)
    )]
    NotASubject {
        /// The activity id.
        id: CompactString,
        /// Position in the input.
        position: usize,
        /// The subject.
        subject: CompactString,
        /// The activity's date.
        date: NaiveDate,
        /// Why.
        reason: String,
    },
    /// The member's category on the activity's date is not eligible for the item.
    #[error("activity #{position} `{}`: item `{}` is only for {allowed}; the member's category on {date} is {category}", r(id), r(item))]
    Ineligible {
        /// The activity id.
        id: CompactString,
        /// Position in the input.
        position: usize,
        /// The item.
        item: CompactString,
        /// The activity's date.
        date: NaiveDate,
        /// The member's category that day (label).
        category: &'static str,
        /// The eligible categories (labels).
        allowed: String,
    },
    /// The quantity is zero, negative or above the limit.
    #[error("activity #{position} `{}`: quantity {}: {reason}", r(id), r(quantity))]
    BadQuantity {
        /// The activity id.
        id: CompactString,
        /// Position in the input.
        position: usize,
        /// The quantity given.
        quantity: String,
        /// Why.
        reason: &'static str,
    },
    /// A reversal that cannot be applied.
    #[error(
        "activity #{position} `{}` reverses `{}`: {}",
        r(id),
        r(target),
        r(reason)
    )]
    BadReversal {
        /// The reversing activity's id.
        id: CompactString,
        /// Its position in the input.
        position: usize,
        /// The id it reverses.
        target: CompactString,
        /// Why.
        reason: String,
    },
    /// No version of the rule book is in force on the date.
    #[error("no version of rule set `{}` is in force on {date}", r(rule_set))]
    NoRuleInForce {
        /// The rule set.
        rule_set: CompactString,
        /// The date asked for.
        date: NaiveDate,
    },
    /// The period is not of the rule set's kind.
    #[error("period {period} is not a {expected} period of rule set `{rule_set}`")]
    WrongPeriod {
        /// The period given.
        period: String,
        /// The rule set's period kind (label).
        expected: &'static str,
        /// The rule set.
        rule_set: CompactString,
    },
    /// The subject asked for has no row in the period.
    #[error("`{subject}` is not scored in {period}")]
    NotScored {
        /// The subject.
        subject: CompactString,
        /// The period.
        period: String,
    },
    /// Two rule sets cannot be compared.
    #[error("rule sets `{a}` and `{b}` cannot be compared: {reason}")]
    Incomparable {
        /// First rule set.
        a: CompactString,
        /// Second rule set.
        b: CompactString,
        /// Why.
        reason: &'static str,
    },
    /// A bulk input column is malformed.
    #[error("column `{column}` at row {position}: {reason}")]
    BadColumn {
        /// The column.
        column: &'static str,
        /// The row.
        position: usize,
        /// Why.
        reason: String,
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
    /// The points of one subject could leave the documented range ±10^12 (`fixed::MAX_ABS`):
    /// refused rather than saturated, so every published total is exact and equals the base
    /// plus its categories.
    #[error(
        "对象 #{subject} 的积分可能超出 ±10^12（points of subject #{subject} could reach {bound} \
         in magnitude, beyond the limit of ±10^12 points: base plus |points × quantity| of its \
         activities, each at most its item's cap）"
    )]
    PointsOutOfRange {
        /// The subject's index in the input.
        subject: usize,
        /// The bound reached, in points.
        bound: String,
    },
    /// A state the library believes impossible (a bug, caught by a `debug_assert!` in debug
    /// builds): reported rather than panicking in release builds, instead of a made-up error of
    /// another kind.
    #[error("内部错误（请报告此问题）：{what}（internal error: {what}）")]
    Internal {
        /// Which invariant failed.
        what: &'static str,
    },
    /// The rule set is invalid.
    #[error(transparent)]
    RuleSet(#[from] RuleSetError),
}

impl ScoringError {
    /// A stable machine-readable code for the variant, used by the bindings: the text of
    /// [`ScoringError::diagnostic_code`].
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{ActivityRecord, Mode, RuleSet, Scorer};
    /// # let reg = dangjian::Registry::sample_small();
    /// let d = dangjian::chrono::NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
    /// let acts = [ActivityRecord::new("a1", "M1", "karaoke", d)];
    /// let scorer = Scorer::new(&reg, &acts, Mode::Strict)?;
    /// let err = scorer.score(&RuleSet::member_default(), "2024-03".parse()?).unwrap_err();
    /// assert_eq!(err.code(), "unknown_item");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn code(&self) -> &'static str {
        self.diagnostic_code().as_str()
    }

    /// The code of the variant as a [`DiagnosticCode`] (the code of the rule set error for
    /// [`ScoringError::RuleSet`]).
    ///
    /// ```
    /// use dangjian::scoring::{DiagnosticCode, ScoringError};
    /// let e = ScoringError::Internal { what: "example" };
    /// assert_eq!(e.diagnostic_code(), DiagnosticCode::Internal);
    /// assert_eq!(e.code(), "internal");
    /// ```
    pub fn diagnostic_code(&self) -> DiagnosticCode {
        use DiagnosticCode as D;
        match self {
            ScoringError::DuplicateActivity { .. } => D::DuplicateActivity,
            ScoringError::UnknownSubject { .. } => D::UnknownSubject,
            ScoringError::UnknownItem { .. } => D::UnknownItem,
            ScoringError::NotASubject { .. } => D::NotASubject,
            ScoringError::Ineligible { .. } => D::Ineligible,
            ScoringError::BadQuantity { .. } => D::BadQuantity,
            ScoringError::BadReversal { .. } => D::BadReversal,
            ScoringError::NoRuleInForce { .. } => D::NoRuleInForce,
            ScoringError::WrongPeriod { .. } => D::WrongPeriod,
            ScoringError::NotScored { .. } => D::NotScored,
            ScoringError::Incomparable { .. } => D::Incomparable,
            ScoringError::BadColumn { .. } => D::BadColumn,
            ScoringError::LimitExceeded { .. } => D::LimitExceeded,
            ScoringError::PointsOutOfRange { .. } => D::PointsOutOfRange,
            ScoringError::Internal { .. } => D::Internal,
            ScoringError::RuleSet(e) => match e {
                RuleSetError::Parse { .. } => D::RuleSetParse,
                RuleSetError::Invalid { .. } => D::RuleSetInvalid,
                RuleSetError::DuplicateItem { .. } => D::DuplicateItem,
                RuleSetError::Book { .. } => D::RuleBook,
                RuleSetError::TooLarge { .. } => D::TooLarge,
            },
        }
    }

    /// The activity (id and input position) the error is about, if any.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{ActivityRecord, Mode, Scorer, ScoringError};
    /// # let reg = dangjian::Registry::sample_small();
    /// let d = dangjian::chrono::NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
    /// let acts = [ActivityRecord::new("a1", "M1", "meeting", d), ActivityRecord::new("a1", "M3", "meeting", d)];
    /// assert_eq!(Scorer::new(&reg, &acts, Mode::Strict).unwrap_err().activity(), Some(("a1", 1)));
    /// assert_eq!(ScoringError::Internal { what: "example" }.activity(), None);
    /// ```
    pub fn activity(&self) -> Option<(&str, usize)> {
        match self {
            ScoringError::DuplicateActivity { id, position, .. }
            | ScoringError::UnknownSubject { id, position, .. }
            | ScoringError::UnknownItem { id, position, .. }
            | ScoringError::NotASubject { id, position, .. }
            | ScoringError::Ineligible { id, position, .. }
            | ScoringError::BadQuantity { id, position, .. }
            | ScoringError::BadReversal { id, position, .. } => Some((id.as_str(), *position)),
            _ => None,
        }
    }
}

/// The code of a [`Diagnostic`]: one per kind of [`ScoringError`] (and of [`RuleSetError`]).
/// Written (JSON, `Display`, [`DiagnosticCode::as_str`]) as the same stable snake_case text
/// as [`ScoringError::code`], and comparable with that text.
///
/// ```
/// use dangjian::scoring::DiagnosticCode;
/// let c = DiagnosticCode::BadReversal;
/// assert_eq!(c.as_str(), "bad_reversal");
/// assert_eq!(c.to_string(), "bad_reversal");
/// assert_eq!(serde_json::to_string(&c).unwrap(), "\"bad_reversal\"");
/// assert_eq!(DiagnosticCode::from_code("bad_reversal"), Some(c));
/// assert!(c == "bad_reversal");
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DiagnosticCode {
    /// [`ScoringError::DuplicateActivity`].
    DuplicateActivity,
    /// [`ScoringError::UnknownSubject`].
    UnknownSubject,
    /// [`ScoringError::UnknownItem`].
    UnknownItem,
    /// [`ScoringError::NotASubject`].
    NotASubject,
    /// [`ScoringError::Ineligible`].
    Ineligible,
    /// [`ScoringError::BadQuantity`].
    BadQuantity,
    /// [`ScoringError::BadReversal`].
    BadReversal,
    /// [`ScoringError::NoRuleInForce`].
    NoRuleInForce,
    /// [`ScoringError::WrongPeriod`].
    WrongPeriod,
    /// [`ScoringError::NotScored`].
    NotScored,
    /// [`ScoringError::Incomparable`].
    Incomparable,
    /// [`ScoringError::BadColumn`].
    BadColumn,
    /// [`ScoringError::LimitExceeded`].
    LimitExceeded,
    /// [`ScoringError::PointsOutOfRange`].
    PointsOutOfRange,
    /// [`ScoringError::Internal`].
    Internal,
    /// [`RuleSetError::Parse`].
    RuleSetParse,
    /// [`RuleSetError::Invalid`].
    RuleSetInvalid,
    /// [`RuleSetError::DuplicateItem`].
    DuplicateItem,
    /// [`RuleSetError::Book`].
    RuleBook,
    /// [`RuleSetError::TooLarge`].
    TooLarge,
}

impl DiagnosticCode {
    /// Every code, in declaration order.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::DiagnosticCode;
    /// assert_eq!(DiagnosticCode::ALL.len(), 20);
    /// assert!(DiagnosticCode::ALL.iter().all(|c| DiagnosticCode::from_code(c.as_str()) == Some(*c)));
    /// ```
    pub const ALL: [DiagnosticCode; 20] = [
        DiagnosticCode::DuplicateActivity,
        DiagnosticCode::UnknownSubject,
        DiagnosticCode::UnknownItem,
        DiagnosticCode::NotASubject,
        DiagnosticCode::Ineligible,
        DiagnosticCode::BadQuantity,
        DiagnosticCode::BadReversal,
        DiagnosticCode::NoRuleInForce,
        DiagnosticCode::WrongPeriod,
        DiagnosticCode::NotScored,
        DiagnosticCode::Incomparable,
        DiagnosticCode::BadColumn,
        DiagnosticCode::LimitExceeded,
        DiagnosticCode::PointsOutOfRange,
        DiagnosticCode::Internal,
        DiagnosticCode::RuleSetParse,
        DiagnosticCode::RuleSetInvalid,
        DiagnosticCode::DuplicateItem,
        DiagnosticCode::RuleBook,
        DiagnosticCode::TooLarge,
    ];

    /// The code whose text is `code`, if any.
    ///
    /// ```
    /// use dangjian::scoring::DiagnosticCode;
    /// assert_eq!(DiagnosticCode::from_code("too_large"), Some(DiagnosticCode::TooLarge));
    /// assert_eq!(DiagnosticCode::from_code("TooLarge"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<DiagnosticCode> {
        DiagnosticCode::ALL.into_iter().find(|c| c.as_str() == code)
    }

    /// The stable snake_case text (the same as [`ScoringError::code`]).
    ///
    /// ```
    /// assert_eq!(dangjian::scoring::DiagnosticCode::NotASubject.as_str(), "not_a_subject");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            DiagnosticCode::DuplicateActivity => "duplicate_activity",
            DiagnosticCode::UnknownSubject => "unknown_subject",
            DiagnosticCode::UnknownItem => "unknown_item",
            DiagnosticCode::NotASubject => "not_a_subject",
            DiagnosticCode::Ineligible => "ineligible",
            DiagnosticCode::BadQuantity => "bad_quantity",
            DiagnosticCode::BadReversal => "bad_reversal",
            DiagnosticCode::NoRuleInForce => "no_rule_in_force",
            DiagnosticCode::WrongPeriod => "wrong_period",
            DiagnosticCode::NotScored => "not_scored",
            DiagnosticCode::Incomparable => "incomparable",
            DiagnosticCode::BadColumn => "bad_column",
            DiagnosticCode::LimitExceeded => "limit_exceeded",
            DiagnosticCode::PointsOutOfRange => "points_out_of_range",
            DiagnosticCode::Internal => "internal",
            DiagnosticCode::RuleSetParse => "rule_set_parse",
            DiagnosticCode::RuleSetInvalid => "rule_set_invalid",
            DiagnosticCode::DuplicateItem => "duplicate_item",
            DiagnosticCode::RuleBook => "rule_book",
            DiagnosticCode::TooLarge => "too_large",
        }
    }
}

impl std::fmt::Display for DiagnosticCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

impl PartialEq<str> for DiagnosticCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for DiagnosticCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<DiagnosticCode> for &str {
    fn eq(&self, other: &DiagnosticCode) -> bool {
        *self == other.as_str()
    }
}

impl AsRef<str> for DiagnosticCode {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

/// An activity left out in lenient mode, with the error strict mode would have raised.
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{ActivityRecord, DiagnosticCode, Mode, RuleSet, Scorer};
/// # let reg = dangjian::Registry::sample_small();
/// let d = dangjian::chrono::NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
/// let acts = [ActivityRecord::new("a1", "M1", "meeting", d), ActivityRecord::new("a2", "M1", "karaoke", d)];
/// let scored = Scorer::new(&reg, &acts, Mode::Lenient)?.score(&RuleSet::member_default(), "2024-03".parse()?)?;
/// let diag = &scored.diagnostics[0];
/// assert_eq!((diag.code, diag.activity.as_str(), diag.position), (DiagnosticCode::UnknownItem, "a2", 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Diagnostic {
    /// The error code (see [`ScoringError::code`]).
    // Described as a string in the JSON schemas (bindings-wasm/types), as it is written.
    #[schemars(with = "String")]
    pub code: DiagnosticCode,
    /// The activity id.
    pub activity: String,
    /// Its position in the input.
    pub position: usize,
    /// The full message.
    pub message: String,
}

impl std::fmt::Display for Diagnostic {
    /// `code` and the message, with the activity and its position when there is one:
    /// `unknown_item: activity A7 (#3): …`.
    ///
    /// ```
    /// use dangjian::scoring::{Diagnostic, DiagnosticCode};
    /// let d = Diagnostic {
    ///     code: DiagnosticCode::UnknownItem,
    ///     activity: "A7".into(),
    ///     position: 3,
    ///     message: "未知积分项目".into(),
    /// };
    /// assert_eq!(d.to_string(), "unknown_item: activity A7 (#3): 未知积分项目");
    /// ```
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.activity.is_empty() {
            write!(f, "{}: {}", self.code, self.message)
        } else {
            write!(
                f,
                "{}: activity {} (#{}): {}",
                self.code, self.activity, self.position, self.message
            )
        }
    }
}

impl Diagnostic {
    /// The diagnostic for an activity error.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{ActivityRecord, Diagnostic, Mode, Scorer};
    /// # let reg = dangjian::Registry::sample_small();
    /// let d = dangjian::chrono::NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
    /// let acts = [ActivityRecord::new("a1", "M1", "meeting", d), ActivityRecord::new("a1", "M3", "meeting", d)];
    /// let err = Scorer::new(&reg, &acts, Mode::Strict).unwrap_err();
    /// let diag = Diagnostic::from_error(&err);
    /// assert_eq!((diag.code.as_str(), diag.activity.as_str(), diag.position), ("duplicate_activity", "a1", 1));
    /// assert_eq!(diag.message, err.to_string());
    /// ```
    pub fn from_error(e: &ScoringError) -> Diagnostic {
        let (activity, position) = e.activity().unwrap_or(("", 0));
        Diagnostic {
            code: e.diagnostic_code(),
            activity: activity.into(),
            position,
            message: e.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn diagnostic_codes_are_written_as_the_error_codes() {
        let mut seen = std::collections::BTreeSet::new();
        for c in DiagnosticCode::ALL {
            assert!(seen.insert(c.as_str()), "{c} twice");
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.as_str()));
            assert_eq!(serde_json::from_str::<DiagnosticCode>(&json).unwrap(), c);
            assert_eq!(DiagnosticCode::from_code(c.as_str()), Some(c));
        }
        let rule_set = |e: RuleSetError| {
            let code = e.code();
            let s = ScoringError::RuleSet(e);
            assert_eq!(s.code(), code);
            assert_eq!(s.diagnostic_code().as_str(), code);
        };
        rule_set(RuleSetError::TooLarge {
            actual: 2,
            limit: 1,
        });
        rule_set(RuleSetError::Book {
            rule_set: "R".into(),
            version: 1,
            reason: "x".into(),
        });
        rule_set(RuleSetError::DuplicateItem {
            rule_set: "R".into(),
            code: "A".into(),
            position: 2,
            first: 1,
        });
        rule_set(RuleSetError::Invalid {
            rule_set: "R".into(),
            item: None,
            field: "f".into(),
            reason: "x".into(),
        });
        rule_set(RuleSetError::Parse {
            format: "json",
            path: String::new(),
            line: 1,
            column: 1,
            message: "x".into(),
        });
        let d = Diagnostic::from_error(&ScoringError::Internal { what: "w" });
        assert_eq!(d.code, "internal");
        assert_eq!(
            serde_json::to_value(&d).unwrap()["code"],
            serde_json::json!("internal")
        );
    }
}
