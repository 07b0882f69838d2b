//! Errors of the year's records.
//!
//! # Examples
//!
//! ```
//! # use dangjian::year::{validate_records, AppraisalRules, LetterKind, TransferLetter, YearError};
//! # let reg = dangjian::Registry::sample_small();
//! # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
//! let late = TransferLetter { received_on: Some(d("2026-09-01")), ..TransferLetter::new(2026, 1, LetterKind::WithinSystem, "M4", "B2", "B1", d("2026-10-01"), 30) };
//! let err = validate_records(&reg, &[], &[], &[late], &AppraisalRules::default()).unwrap_err();
//! assert!(matches!(err.errors()[0], YearError::LetterDates { position: 0, .. }));
//! ```

use chrono::NaiveDate;

/// Why the year's records (appraisals, actions, letters) were refused.
///
/// # Examples
///
/// ```
/// # use dangjian::year::{validate_records, AppraisalRules, LetterKind, TransferLetter, YearError};
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// let stray = TransferLetter::new(2026, 1, LetterKind::WithinSystem, "M4", "B2", "B1", d("2026-10-01"), 400);
/// let err = validate_records(&reg, &[], &[], &[stray], &AppraisalRules::default()).unwrap_err();
/// assert!(matches!(err.errors()[0], YearError::BadValidity { position: 0, .. })); // more than 366 days
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum YearError {
    /// Two appraisals share an id, or a branch has two appraisals of one year.
    #[error("appraisals[{position}]：民主评议 `{id}` 重复（同一编号，或同一支部同一年度已有评议）（appraisal `{id}` is a duplicate: same id, or the branch already has one for the year）")]
    DuplicateAppraisal {
        /// Position in `appraisals`.
        position: usize,
        /// The id.
        id: String,
    },
    /// A record names an organization that does not exist.
    #[error("{section}[{position}]：组织 `{org}` 不存在（organization `{org}` does not exist）")]
    UnknownOrg {
        /// Section.
        section: &'static str,
        /// Position.
        position: usize,
        /// The id given.
        org: String,
    },
    /// An appraisal's organization is not a branch active on its date.
    #[error("appraisals[{position}]：`{org}` 不是评议当日存在的党支部（`{org}` is not a branch active on the appraisal's date）")]
    NotABranch {
        /// Position.
        position: usize,
        /// The organization.
        org: String,
    },
    /// An appraisal is held outside its year or the next.
    #[error("appraisals[{position}]：评议日期 {date} 不在 {year} 年或次年（appraisal date {date} is not in {year} or the year after）")]
    AppraisalDate {
        /// Position.
        position: usize,
        /// The date.
        date: NaiveDate,
        /// The year appraised.
        year: i32,
    },
    /// A decision or self-appraisal names someone not appraised.
    #[error("appraisals[{position}]：党员 `{member_}` 不在参评名单（member is not among those appraised）", member_ = crate::privacy::echo_id(.member))]
    NotAppraised {
        /// Position.
        position: usize,
        /// The member.
        member: String,
    },
    /// An appraisal's list of voters names someone twice.
    #[error("appraisals[{position}]：评议资格名单中党员 `{member_}` 重复（a voter is listed twice）", member_ = crate::privacy::echo_id(.member))]
    DuplicateVoter {
        /// Position.
        position: usize,
        /// The member.
        member: String,
    },
    /// An appraisal gives a member two grades in one list (self-appraisals, decisions or
    /// points grades).
    #[error("appraisals[{position}].{list}：党员 `{member_}` 有两个等次（a member is graded twice in the list）", member_ = crate::privacy::echo_id(.member))]
    DuplicateGrade {
        /// Position.
        position: usize,
        /// `self_grades`, `decisions` or `points_grades`.
        list: &'static str,
        /// The member.
        member: String,
    },
    /// The counting rules are out of range.
    #[error("民主评议计票规则无效：权重不能全为0，比例不超过10000个基点，限期改正天数为1至366（appraisal rules out of range）")]
    BadRules,
    /// An action names an appraisal that does not exist.
    #[error(
        "appraisal_actions[{position}]：民主评议 `{id}` 不存在（appraisal `{id}` does not exist）"
    )]
    UnknownAppraisal {
        /// Position.
        position: usize,
        /// The id.
        id: String,
    },
    /// An action's dates are out of order.
    #[error("appraisal_actions[{position}]：处置日期早于评议日期，或期限、结果日期早于处置日期，或结果与结果日期不成对（action dates out of order）")]
    ActionDates {
        /// Position.
        position: usize,
    },
    /// An action's outcome does not fit its kind.
    #[error("appraisal_actions[{position}]：处置结果与处置方式不符（the outcome does not fit the action）")]
    ActionOutcome {
        /// Position.
        position: usize,
    },
    /// An action concerns a member the branch did not decide 不合格.
    #[error("appraisal_actions[{position}]：党员 `{member_}` 未被支部评定为不合格（the member was not decided unqualified）", member_ = crate::privacy::echo_id(.member))]
    NotUnqualified {
        /// Position.
        position: usize,
        /// The member.
        member: String,
    },
    /// A record names a member who is not on the roster.
    #[error("{section}[{position}]：党员 `{member_}` 不在名册中（member is not on the roster）", member_ = crate::privacy::echo_id(.member))]
    UnknownMember {
        /// Section.
        section: &'static str,
        /// Position.
        position: usize,
        /// The id.
        member: String,
    },
    /// A letter's serial number is zero, of another year than its issue, or repeated.
    #[error("letters[{position}]：介绍信编号 `{serial}` 无效或重复（编号年份须为开具年份，序号从1起）（letter number `{serial}` is invalid or repeated）")]
    BadSerial {
        /// Position.
        position: usize,
        /// `year-serial`.
        serial: String,
    },
    /// A letter's validity is zero or longer than a year.
    #[error("letters[{position}]：有效期 {days} 天无效（应为1至366天）（validity of {days} days is out of range）")]
    BadValidity {
        /// Position.
        position: usize,
        /// Days given.
        days: u32,
    },
    /// A letter is received, returned or cancelled before it was issued.
    #[error(
        "letters[{position}]：报到、退回或作废日期早于开具日期（a date precedes the issue date）"
    )]
    LetterDates {
        /// Position.
        position: usize,
    },
    /// Neither end of a letter is an organization of the dataset.
    #[error("letters[{position}]：介绍信的开出和接收组织都不在本数据中（neither organization of the letter is in the dataset）")]
    LetterOrgs {
        /// Position.
        position: usize,
    },
}

impl YearError {
    /// A stable machine-readable code for the variant.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::year::{validate_records, AppraisalRules, LetterKind, TransferLetter, YearError};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let bad = TransferLetter::new(2026, 1, LetterKind::WithinSystem, "M4", "B2", "B1", d("2026-10-01"), 0);
    /// let err = validate_records(&reg, &[], &[], &[bad], &AppraisalRules::default()).unwrap_err();
    /// assert_eq!(err.errors()[0].code(), "letter_validity");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            YearError::DuplicateAppraisal { .. } => "duplicate_appraisal",
            YearError::UnknownOrg { .. } => "unknown_org",
            YearError::NotABranch { .. } => "appraisal_not_a_branch",
            YearError::AppraisalDate { .. } => "appraisal_date",
            YearError::NotAppraised { .. } => "appraisal_not_appraised",
            YearError::DuplicateVoter { .. } => "appraisal_duplicate_voter",
            YearError::DuplicateGrade { .. } => "appraisal_duplicate_grade",
            YearError::BadRules => "appraisal_rules",
            YearError::UnknownAppraisal { .. } => "unknown_appraisal",
            YearError::ActionDates { .. } => "action_dates",
            YearError::ActionOutcome { .. } => "action_outcome",
            YearError::NotUnqualified { .. } => "action_not_unqualified",
            YearError::UnknownMember { .. } => "unknown_member",
            YearError::BadSerial { .. } => "letter_serial",
            YearError::BadValidity { .. } => "letter_validity",
            YearError::LetterDates { .. } => "letter_dates",
            YearError::LetterOrgs { .. } => "letter_orgs",
        }
    }
}
