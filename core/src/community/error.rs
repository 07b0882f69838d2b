//! The errors of the records of the month ([`RecordError`]) and the section errors they carry
//! ([`RejectedBy`]): every message names the record by its number in the batch, its kind and
//! its ids, in Chinese.
//!
//! ```
//! use dangjian::community::{Community, RecordError, RecordKind};
//! let mut c = Community::new(dangjian::io::Dataset::sample_small())?;
//! let err = c.add_json(RecordKind::Activity,
//!     r#"[{"id": "a1", "subject": "M1", "item": "meeting", "date": "2024-03-05"},
//!         {"id": "a2", "subject": "M1", "item": "meeting", "date": "2024/03/06"}]"#).unwrap_err();
//! assert!(matches!(err, RecordError::BadDate { number: Some(2), .. }));
//! assert_eq!(err.to_string(), "第2条积分记录（a2，meeting）日期 2024/03/06 应写成 2024-03-06");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use super::RecordKind;

/// Why records of the month could not be added, corrected or removed. Every message names the
/// record in Chinese — its number in the batch (1-based), its kind and its id and second key —
/// e.g. `第101条积分记录（A000101，XF002）日期 2026/10/15 应写成 2026-10-15`. Ids are echoed
/// through [`crate::privacy::echo_id`] (digit runs that could be ID numbers or phones masked).
///
/// # Examples
///
/// ```
/// use dangjian::community::{Community, RecordError, RecordKind};
/// let mut c = Community::new(dangjian::io::Dataset::sample_small())?;
/// let err = c.add_json(RecordKind::Activity,
///     r#"[{"id": "a1", "subject": "M9", "item": "meeting", "date": "2024-03-05"}]"#).unwrap_err();
/// assert!(matches!(err, RecordError::UnknownSubject { number: Some(1), .. }));
/// assert_eq!(err.to_string(), "第1条积分记录（a1，meeting）的对象 M9 既不在名册中也不是组织");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    /// A record is not valid JSON for its kind (a missing field, a wrong type …).
    #[error("{}无法读取：{message}", at(.kind, .number, .label))]
    Json {
        /// The kind of record.
        kind: RecordKind,
        /// 1-based number in the batch (none: the batch itself is malformed).
        number: Option<usize>,
        /// The record's id and second key, as written (masked).
        label: String,
        /// What the parser said (masked, cut).
        message: String,
    },
    /// A date (or month) is not written `YYYY-MM-DD` (`YYYY-MM`).
    #[error("{}{field} {value} 应写成 {expected}", at(.kind, .number, .label))]
    BadDate {
        /// The kind of record.
        kind: RecordKind,
        /// 1-based number in the batch.
        number: Option<usize>,
        /// The record's id and second key (masked).
        label: String,
        /// The field, in Chinese (`日期`, `缴纳日期`, `月份`).
        field: &'static str,
        /// The value given (masked, cut).
        value: String,
        /// The value as it should be written (`2026-10-15`), or the form (`YYYY-MM-DD`).
        expected: String,
    },
    /// The record's id is already used by another record of its kind.
    #[error("{}编号已被另一条记录使用", at(.kind, .number, .label))]
    DuplicateId {
        /// The kind of record.
        kind: RecordKind,
        /// 1-based number in the batch.
        number: Option<usize>,
        /// The record's id and second key (masked).
        label: String,
    },
    /// The record names a person or organization that is neither on the roster nor in the
    /// organization tree.
    #[error("{}的对象 {subject} 既不在名册中也不是组织", at(.kind, .number, .label))]
    UnknownSubject {
        /// The kind of record.
        kind: RecordKind,
        /// 1-based number in the batch.
        number: Option<usize>,
        /// The record's id and second key (masked).
        label: String,
        /// The subject given (masked).
        subject: String,
    },
    /// The record breaks a rule of its section (a meeting of an organization that does not
    /// exist, a payment's amount, a service record of a post not held, a reversal …); `rule`
    /// is the code of the section's own error.
    #[error("{}不符合规则：{reason}", at(.kind, .number, .label))]
    Rejected {
        /// The kind of record.
        kind: RecordKind,
        /// 1-based number in the batch (none: a correction or removal, or an existing record).
        number: Option<usize>,
        /// The record's id and second key (masked).
        label: String,
        /// The code of the section's error (`unknown_org`, `bad_reversal` …).
        rule: &'static str,
        /// What is wrong: the section error's message (masked, cut).
        reason: String,
        /// The section's own error, kept whole so that the bindings show its Chinese message
        /// (`dangjian::ffi` builds its report).
        by: Box<RejectedBy>,
    },
    /// No record of this kind has that id.
    #[error("没有编号为 {id} 的{}", .kind.name_zh())]
    NotFound {
        /// The kind of record.
        kind: RecordKind,
        /// The id given (masked).
        id: String,
    },
    /// A batch (or a correction) holds more records than allowed.
    #[error("一批{}最多 {limit} 条，给出了 {actual} 条", .kind.name_zh())]
    TooMany {
        /// The kind of record.
        kind: RecordKind,
        /// The limit.
        limit: usize,
        /// The number given.
        actual: usize,
    },
}

/// The error of a record's section that refused it (the source of [`RecordError::Rejected`]).
///
/// ```
/// use dangjian::community::RejectedBy;
/// let by = RejectedBy::Other("须先删除该冲销记录".into());
/// assert!(matches!(by, RejectedBy::Other(_)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RejectedBy {
    /// An activity the scorer refuses (an unknown item, a bad reversal …).
    Scoring(crate::scoring::ScoringError),
    /// A meeting, payment or election record that breaks a rule.
    Compliance(crate::compliance::ComplianceError),
    /// A post, claim or service record refused.
    Post(crate::post::PostError),
    /// A reason the community writes itself, Chinese first.
    Other(String),
}

/// `第3条积分记录（a3，meeting）`, `积分记录（a3，meeting）` or `积分记录`.
fn at(kind: &RecordKind, number: &Option<usize>, label: &str) -> String {
    let mut s = String::new();
    if let Some(n) = number {
        s.push_str(&format!("第{n}条"));
    }
    s.push_str(kind.name_zh());
    if !label.is_empty() {
        s.push_str(&format!("（{label}）"));
    }
    s
}

impl RecordError {
    /// A stable machine-readable code for the variant, used by the bindings.
    ///
    /// ```
    /// use dangjian::community::{RecordError, RecordKind};
    /// let e = RecordError::NotFound { kind: RecordKind::Meeting, id: "m9".into() };
    /// assert_eq!(e.code(), "record_not_found");
    /// assert_eq!(e.to_string(), "没有编号为 m9 的会议记录");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            RecordError::Json { .. } => "record_json",
            RecordError::BadDate { .. } => "record_date",
            RecordError::DuplicateId { .. } => "record_duplicate_id",
            RecordError::UnknownSubject { .. } => "record_unknown_subject",
            RecordError::Rejected { .. } => "record_rejected",
            RecordError::NotFound { .. } => "record_not_found",
            RecordError::TooMany { .. } => "record_limit",
        }
    }

    /// Every code [`RecordError::code`] can return.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::community::{RecordError, RecordKind};
    /// let e = RecordError::TooMany { kind: RecordKind::Payment, limit: 1, actual: 2 };
    /// assert!(RecordError::CODES.contains(&e.code()));
    /// assert_eq!(RecordError::CODES.len(), 7);
    /// ```
    pub const CODES: [&'static str; 7] = [
        "record_json",
        "record_date",
        "record_duplicate_id",
        "record_unknown_subject",
        "record_rejected",
        "record_not_found",
        "record_limit",
    ];

    /// The kind of record the error is about.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::community::{RecordError, RecordKind};
    /// let e = RecordError::NotFound { kind: RecordKind::Service, id: "S9".into() };
    /// assert_eq!(e.kind(), RecordKind::Service);
    /// ```
    pub fn kind(&self) -> RecordKind {
        match self {
            RecordError::Json { kind, .. }
            | RecordError::BadDate { kind, .. }
            | RecordError::DuplicateId { kind, .. }
            | RecordError::UnknownSubject { kind, .. }
            | RecordError::Rejected { kind, .. }
            | RecordError::NotFound { kind, .. }
            | RecordError::TooMany { kind, .. } => *kind,
        }
    }

    /// The 1-based number of the record in its batch, when the error is about one.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::community::{Community, RecordKind};
    /// let mut c = Community::new(dangjian::io::Dataset::sample_small())?;
    /// let err = c.add_json(RecordKind::Activity, r#"[
    ///     {"id": "a1", "subject": "M1", "item": "meeting", "date": "2024-03-05"},
    ///     {"id": "a1", "subject": "M2", "item": "meeting", "date": "2024-03-05"}]"#).unwrap_err();
    /// assert_eq!((err.code(), err.number()), ("record_duplicate_id", Some(2)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn number(&self) -> Option<usize> {
        match self {
            RecordError::Json { number, .. }
            | RecordError::BadDate { number, .. }
            | RecordError::DuplicateId { number, .. }
            | RecordError::UnknownSubject { number, .. }
            | RecordError::Rejected { number, .. } => *number,
            RecordError::NotFound { .. } | RecordError::TooMany { .. } => None,
        }
    }

    /// The same error about record `number` labelled `label`.
    pub(crate) fn at(mut self, at_number: Option<usize>, at_label: String) -> RecordError {
        match &mut self {
            RecordError::Json { number, label, .. }
            | RecordError::BadDate { number, label, .. }
            | RecordError::DuplicateId { number, label, .. }
            | RecordError::UnknownSubject { number, label, .. }
            | RecordError::Rejected { number, label, .. } => {
                *number = at_number;
                *label = at_label;
            }
            RecordError::NotFound { .. } | RecordError::TooMany { .. } => {}
        }
        self
    }
}
