//! The year's processes (全年工作): the annual democratic appraisal of members (民主评议党员),
//! introduction letters that carry organizational relationships (组织关系转接) and the register of
//! additions and removals (党员增减名册).
//!
//! - [`AppraisalRecord`]: an appraisal per branch and year with structured ballots (who may vote,
//!   one ballot per voter, invalid ballots), counted by [`count_appraisal`] with configurable
//!   [`AppraisalRules`]; the branch's decision apart; 不合格 handled by dated
//!   [`AppraisalAction`]s (限期改正, 劝退, 除名). Votes are never shown per voter.
//! - [`TransferLetter`]: letters with serial numbers, kinds, validity in days and the dates of
//!   receipt, return or cancellation; the status follows from the dates.
//! - [`ChangeRegister`]: the additions and removals of a period with coded reasons.
//!
//! [`YearBook`] validates these sections of a dataset against its registry and builds the
//! tables, the findings (each naming its catalogued rule) and the agenda's rows.
//!
//! ```
//! use dangjian::year::YearBook;
//! let ds = dangjian::synth::sample_community();
//! let reg = ds.to_registry().unwrap();
//! let book = YearBook::from_dataset(&ds, &reg).unwrap();
//! let stats = book.appraisal_stats(&reg, 2025);
//! assert!(stats.appraised.iter().sum::<u64>() > 0); // the sample ships a year's appraisal
//! ```

mod appraisal;
mod check;
mod error;
mod letters;
mod register;
mod tables;

pub use appraisal::{
    count_appraisal, ActionKind, ActionOutcome, AppraisalAction, AppraisalCount, AppraisalRecord,
    AppraisalRules, Grade, InvalidReason, MemberCount, MemberGrade, PeerBallot,
};
pub use check::{validate_records, YearErrors};
pub use error::YearError;
pub use letters::{LetterKind, LetterStatus, TransferLetter};
pub use register::{ChangeDirection, ChangeReason, ChangeRegister};
pub use tables::{AppraisalStats, AppraisalTable, LetterTable};

use std::collections::{HashMap, HashSet};

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::member::{EventRecord, EventType, MemberId, Stage};
use crate::registry::Registry;

/// The most days a letter may be valid for (one year), and the longest rectification.
///
/// # Examples
///
/// ```
/// use dangjian::year::{validate_records, AppraisalRules, LetterKind, TransferLetter, MAX_VALID_DAYS};
/// let reg = dangjian::Registry::sample_small();
/// let issued = "2026-10-01".parse()?;
/// let letter = |days| TransferLetter::new(2026, 1, LetterKind::OutsideSystem, "M4", "B2", "外地党委", issued, days);
/// let check = |l| validate_records(&reg, &[], &[], &[l], &AppraisalRules::default());
/// assert!(check(letter(MAX_VALID_DAYS)).is_ok());
/// assert_eq!(check(letter(MAX_VALID_DAYS + 1)).unwrap_err().code(), "letter_validity");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_VALID_DAYS: u32 = 366;

/// A finding of the year's processes, naming its catalogued rule.
///
/// | rule | kind | meaning |
/// |---|---|---|
/// | `transfer_letter_expiry` | `expired` | a letter past its validity and not received, returned or cancelled |
/// | `transfer_letter_expiry` | `received_late` | a letter received after its last valid day |
/// | `transfer_letter_linked` | `no_event` | an outgoing letter without the member's `transferred_out` on its issue day, or an incoming one received without a `transferred_in` that day |
/// | `transfer_letter_linked` | `no_letter` | a `transferred_out`/`transferred_in` on or after the first letter recorded, without a letter |
/// | `appraisal_excellent_quota` | `over_quota` | counted 合格 because 优秀 exceeded the branch's share |
/// | `appraisal_ballots` | `invalid_ballots` | ballots not counted (`count`), by reason (`detail`) |
/// | `appraisal_grades` | `decision_differs` | the branch decided a grade other than the count's |
/// | `appraisal_unqualified_handling` | `no_action` | a member decided 不合格 without any action recorded |
/// | `appraisal_unqualified_handling` | `out_of_order` | 劝退 without a 限期改正 not corrected, or 除名 without a 劝退 refused or a 限期改正 not corrected |
/// | `appraisal_rectification` | `overdue` | a 限期改正 past its deadline without an outcome |
///
/// # Examples
///
/// ```
/// # use dangjian::year::*;
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let rec: AppraisalRecord = serde_json::from_str(r#"{"id": "P2024", "org": "B1", "year": 2024, "date": "2024-12-20",
/// #   "ballots": [
/// #     {"voter": "M1", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
/// #     {"voter": "M2", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
/// #     {"voter": "M3", "votes": {"M1": "qualified", "M2": "qualified", "M3": "qualified"}}],
/// #   "decisions": [{"member": "M3", "grade": "unqualified"}]}"#)?;
/// # let act: AppraisalAction = serde_json::from_str(
/// #     r#"{"member": "M3", "appraisal": "P2024", "kind": "rectify", "date": "2025-01-10"}"#)?;
/// # let letter = TransferLetter::new(2026, 1, LetterKind::WithinSystem, "M4", "B2", "某街道党工委", d("2026-10-01"), 30);
/// # let book = YearBook::new(&reg, vec![rec], vec![act], vec![letter], AppraisalRules::default())?;
/// // on 1 August 2025 the 限期改正 of M3 (decided 2025-01-10, 180 days) has no outcome
/// let f = book.findings(&reg, &[], d("2025-08-01"));
/// let overdue = f.iter().find(|f| f.kind == "overdue").unwrap();
/// assert_eq!((overdue.rule.as_str(), overdue.member.as_str()), ("appraisal_rectification", "M3"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct YearFinding {
    /// Catalogue code.
    pub rule: String,
    /// What was found.
    pub kind: String,
    /// The organization.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub org: String,
    /// The member, if any.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub member: String,
    /// The letter (`2026-12`) or appraisal id.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub record: String,
    /// The day concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// A count, where the finding counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    /// Details in Chinese.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub detail: String,
}

impl YearFinding {
    /// Chinese label of `kind`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::year::YearFinding;
    /// let f = YearFinding { rule: "transfer_letter_expiry".into(), kind: "expired".into(), ..YearFinding::default() };
    /// assert_eq!(f.kind_label(), "介绍信已过有效期未报到");
    /// ```
    pub fn kind_label(&self) -> &'static str {
        match self.kind.as_str() {
            "expired" => "介绍信已过有效期未报到",
            "received_late" => "介绍信过有效期后报到",
            "no_event" => "介绍信无对应的组织关系转接记录",
            "no_letter" => "组织关系转接无介绍信",
            "over_quota" => "超出优秀比例，计为合格",
            "invalid_ballots" => "有无效票",
            "decision_differs" => "支部决定与计票结果不同",
            "no_action" => "不合格党员尚未作出处置",
            "out_of_order" => "处置顺序不符合规定",
            "overdue" => "限期改正已到期，未作结论",
            _ => "提示",
        }
    }
}

/// A row the year's processes add to the agenda ([`crate::agenda`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct YearAgendaRow {
    /// Catalogue code.
    pub rule: &'static str,
    /// What is due.
    pub item: String,
    /// Organization id.
    pub org: String,
    /// Organization name.
    pub org_name: String,
    /// Member id.
    pub member: String,
    /// Masked name.
    pub name: String,
    /// Due date.
    pub due: NaiveDate,
}

/// The year's records of a dataset, validated against its registry.
///
/// # Examples
///
/// ```
/// # use dangjian::year::*;
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let rec: AppraisalRecord = serde_json::from_str(r#"{"id": "P2024", "org": "B1", "year": 2024, "date": "2024-12-20",
/// #   "ballots": [
/// #     {"voter": "M1", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
/// #     {"voter": "M2", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
/// #     {"voter": "M3", "votes": {"M1": "qualified", "M2": "qualified", "M3": "qualified"}}],
/// #   "decisions": [{"member": "M3", "grade": "unqualified"}]}"#)?;
/// # let act: AppraisalAction = serde_json::from_str(
/// #     r#"{"member": "M3", "appraisal": "P2024", "kind": "rectify", "date": "2025-01-10"}"#)?;
/// # let letter = TransferLetter::new(2026, 1, LetterKind::WithinSystem, "M4", "B2", "某街道党工委", d("2026-10-01"), 30);
/// # let book = YearBook::new(&reg, vec![rec], vec![act], vec![letter], AppraisalRules::default())?;
/// assert_eq!(book.counts(&reg, 2024)[0].by_grade(), [0, 2, 0, 1]);
/// assert_eq!(book.deadline_of(&book.actions[0]), d("2025-07-09")); // 180 days
/// assert_eq!(book.letters[0].serial_label(), "〔2026〕第1号");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YearBook {
    /// Appraisals, in dataset order.
    pub appraisals: Vec<AppraisalRecord>,
    /// Actions on members graded 不合格.
    pub actions: Vec<AppraisalAction>,
    /// Introduction letters.
    pub letters: Vec<TransferLetter>,
    /// Counting rules.
    pub rules: AppraisalRules,
}

impl YearBook {
    /// Validates the records.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::year::*;
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let rec: AppraisalRecord = serde_json::from_str(r#"{"id": "P2024", "org": "B1", "year": 2024, "date": "2024-12-20",
    /// #   "ballots": [
    /// #     {"voter": "M1", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
    /// #     {"voter": "M2", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
    /// #     {"voter": "M3", "votes": {"M1": "qualified", "M2": "qualified", "M3": "qualified"}}],
    /// #   "decisions": [{"member": "M3", "grade": "unqualified"}]}"#)?;
    /// # let act: AppraisalAction = serde_json::from_str(
    /// #     r#"{"member": "M3", "appraisal": "P2024", "kind": "rectify", "date": "2025-01-10"}"#)?;
    /// # let letter = TransferLetter::new(2026, 1, LetterKind::WithinSystem, "M4", "B2", "某街道党工委", d("2026-10-01"), 30);
    /// # let book = YearBook::new(&reg, vec![rec], vec![act], vec![letter], AppraisalRules::default())?;
    /// let stray: AppraisalRecord = serde_json::from_str(r#"{"id": "X", "org": "G1", "year": 2024, "date": "2024-12-20"}"#)?;
    /// let err = YearBook::new(&reg, vec![stray], vec![], vec![], AppraisalRules::default()).unwrap_err();
    /// assert_eq!(err.code(), "appraisal_not_a_branch"); // G1 is a group
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        reg: &Registry,
        appraisals: Vec<AppraisalRecord>,
        actions: Vec<AppraisalAction>,
        letters: Vec<TransferLetter>,
        rules: AppraisalRules,
    ) -> Result<YearBook, YearError> {
        // every problem is listed by `validate_records`; the book refuses on the first
        if let Some(e) = check::problems(reg, &appraisals, &actions, &letters, &rules)
            .into_iter()
            .next()
        {
            return Err(e);
        }
        Ok(YearBook {
            appraisals,
            actions,
            letters,
            rules,
        })
    }

    /// Whether there are no records.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::year::*;
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let rec: AppraisalRecord = serde_json::from_str(r#"{"id": "P2024", "org": "B1", "year": 2024, "date": "2024-12-20",
    /// #   "ballots": [
    /// #     {"voter": "M1", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
    /// #     {"voter": "M2", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
    /// #     {"voter": "M3", "votes": {"M1": "qualified", "M2": "qualified", "M3": "qualified"}}],
    /// #   "decisions": [{"member": "M3", "grade": "unqualified"}]}"#)?;
    /// # let act: AppraisalAction = serde_json::from_str(
    /// #     r#"{"member": "M3", "appraisal": "P2024", "kind": "rectify", "date": "2025-01-10"}"#)?;
    /// # let letter = TransferLetter::new(2026, 1, LetterKind::WithinSystem, "M4", "B2", "某街道党工委", d("2026-10-01"), 30);
    /// # let book = YearBook::new(&reg, vec![rec], vec![act], vec![letter], AppraisalRules::default())?;
    /// assert!(!book.is_empty());
    /// assert!(YearBook::default().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.appraisals.is_empty() && self.actions.is_empty() && self.letters.is_empty()
    }

    /// Counts every appraisal of `year` (by the year appraised), in dataset order.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::year::*;
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let rec: AppraisalRecord = serde_json::from_str(r#"{"id": "P2024", "org": "B1", "year": 2024, "date": "2024-12-20",
    /// #   "ballots": [
    /// #     {"voter": "M1", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
    /// #     {"voter": "M2", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
    /// #     {"voter": "M3", "votes": {"M1": "qualified", "M2": "qualified", "M3": "qualified"}}],
    /// #   "decisions": [{"member": "M3", "grade": "unqualified"}]}"#)?;
    /// # let act: AppraisalAction = serde_json::from_str(
    /// #     r#"{"member": "M3", "appraisal": "P2024", "kind": "rectify", "date": "2025-01-10"}"#)?;
    /// # let letter = TransferLetter::new(2026, 1, LetterKind::WithinSystem, "M4", "B2", "某街道党工委", d("2026-10-01"), 30);
    /// # let book = YearBook::new(&reg, vec![rec], vec![act], vec![letter], AppraisalRules::default())?;
    /// assert_eq!(book.counts(&reg, 2024).len(), 1);
    /// assert!(book.counts(&reg, 2025).is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn counts(&self, reg: &Registry, year: i32) -> Vec<AppraisalCount> {
        self.appraisals
            .iter()
            .filter(|a| a.year == year)
            .map(|a| self.count(reg, a))
            .collect()
    }

    /// Counts one appraisal.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::year::*;
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let rec: AppraisalRecord = serde_json::from_str(r#"{"id": "P2024", "org": "B1", "year": 2024, "date": "2024-12-20",
    /// #   "ballots": [
    /// #     {"voter": "M1", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
    /// #     {"voter": "M2", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
    /// #     {"voter": "M3", "votes": {"M1": "qualified", "M2": "qualified", "M3": "qualified"}}],
    /// #   "decisions": [{"member": "M3", "grade": "unqualified"}]}"#)?;
    /// # let act: AppraisalAction = serde_json::from_str(
    /// #     r#"{"member": "M3", "appraisal": "P2024", "kind": "rectify", "date": "2025-01-10"}"#)?;
    /// # let letter = TransferLetter::new(2026, 1, LetterKind::WithinSystem, "M4", "B2", "某街道党工委", d("2026-10-01"), 30);
    /// # let book = YearBook::new(&reg, vec![rec], vec![act], vec![letter], AppraisalRules::default())?;
    /// let c = book.count(&reg, &book.appraisals[0]);
    /// assert_eq!((c.appraised, c.voters, c.valid), (3, 3, 3)); // M1, M2 (probationary), M3
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn count(&self, reg: &Registry, a: &AppraisalRecord) -> AppraisalCount {
        let appraised = appraised_on(reg, &a.org, a.date);
        let eligible: Vec<MemberId> = match &a.voters {
            Some(v) => v.clone(),
            None if self.rules.probationary_vote => appraised.clone(),
            None => appraised
                .iter()
                .filter(|m| {
                    reg.member_index(m)
                        .is_some_and(|i| reg.state_of(i, a.date).stage == Stage::Full)
                })
                .cloned()
                .collect(),
        };
        count_appraisal(a, &appraised, &eligible, &self.rules)
    }

    /// The deadline of a 限期改正 (given, or the decision day plus `rectification_days`).
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::year::*;
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let rec: AppraisalRecord = serde_json::from_str(r#"{"id": "P2024", "org": "B1", "year": 2024, "date": "2024-12-20",
    /// #   "ballots": [
    /// #     {"voter": "M1", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
    /// #     {"voter": "M2", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
    /// #     {"voter": "M3", "votes": {"M1": "qualified", "M2": "qualified", "M3": "qualified"}}],
    /// #   "decisions": [{"member": "M3", "grade": "unqualified"}]}"#)?;
    /// # let act: AppraisalAction = serde_json::from_str(
    /// #     r#"{"member": "M3", "appraisal": "P2024", "kind": "rectify", "date": "2025-01-10"}"#)?;
    /// # let letter = TransferLetter::new(2026, 1, LetterKind::WithinSystem, "M4", "B2", "某街道党工委", d("2026-10-01"), 30);
    /// # let book = YearBook::new(&reg, vec![rec], vec![act], vec![letter], AppraisalRules::default())?;
    /// assert_eq!(book.deadline_of(&book.actions[0]), d("2025-07-09")); // 2025-01-10 + 180 days
    /// let given = AppraisalAction { deadline: Some(d("2025-03-31")), ..book.actions[0].clone() };
    /// assert_eq!(book.deadline_of(&given), d("2025-03-31"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn deadline_of(&self, act: &AppraisalAction) -> NaiveDate {
        act.deadline.unwrap_or_else(|| {
            act.date
                .checked_add_days(Days::new(u64::from(self.rules.rectification_days)))
                .unwrap_or(act.date)
        })
    }

    /// Findings on `as_of`: letters (all, checked against the membership `events`, normally
    /// the dataset's), and the appraisals held on or before `as_of` with their actions. Each
    /// names its catalogued rule (see [`YearFinding`]).
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::year::*;
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let rec: AppraisalRecord = serde_json::from_str(r#"{"id": "P2024", "org": "B1", "year": 2024, "date": "2024-12-20",
    /// #   "ballots": [
    /// #     {"voter": "M1", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
    /// #     {"voter": "M2", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
    /// #     {"voter": "M3", "votes": {"M1": "qualified", "M2": "qualified", "M3": "qualified"}}],
    /// #   "decisions": [{"member": "M3", "grade": "unqualified"}]}"#)?;
    /// # let act: AppraisalAction = serde_json::from_str(
    /// #     r#"{"member": "M3", "appraisal": "P2024", "kind": "rectify", "date": "2025-01-10"}"#)?;
    /// # let letter = TransferLetter::new(2026, 1, LetterKind::WithinSystem, "M4", "B2", "某街道党工委", d("2026-10-01"), 30);
    /// # let book = YearBook::new(&reg, vec![rec], vec![act], vec![letter], AppraisalRules::default())?;
    /// // the letter of 2026-10-01 goes out of B2 with no `transferred_out` of M4 that day
    /// let f = book.findings(&reg, &[], d("2026-10-15"));
    /// assert!(f.iter().any(|f| f.rule == "transfer_letter_linked" && f.kind == "no_event"));
    /// assert!(f.iter().any(|f| f.kind == "overdue")); // and the 限期改正 is long overdue
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn findings(
        &self,
        reg: &Registry,
        events: &[EventRecord],
        as_of: NaiveDate,
    ) -> Vec<YearFinding> {
        let mut out = Vec::new();
        self.letter_findings(reg, events, as_of, &mut out);
        for a in self.appraisals.iter().filter(|a| a.date <= as_of) {
            let c = self.count(reg, a);
            let invalid: u64 = c.invalid.values().sum();
            if invalid > 0 {
                out.push(YearFinding {
                    rule: "appraisal_ballots".into(),
                    kind: "invalid_ballots".into(),
                    org: a.org.clone(),
                    record: a.id.clone(),
                    date: Some(a.date),
                    count: Some(invalid),
                    detail: c
                        .invalid
                        .iter()
                        .map(|(r, n)| format!("{}{}张", r.label(), n))
                        .collect::<Vec<_>>()
                        .join("、"),
                    ..YearFinding::default()
                });
            }
            for m in &c.members {
                if m.over_quota {
                    out.push(YearFinding {
                        rule: "appraisal_excellent_quota".into(),
                        kind: "over_quota".into(),
                        org: a.org.clone(),
                        member: m.member.clone(),
                        record: a.id.clone(),
                        date: Some(a.date),
                        count: Some(c.excellent_quota),
                        ..YearFinding::default()
                    });
                }
                if let Some(d) = m.decided.filter(|d| *d != m.counted) {
                    out.push(YearFinding {
                        rule: "appraisal_grades".into(),
                        kind: "decision_differs".into(),
                        org: a.org.clone(),
                        member: m.member.clone(),
                        record: a.id.clone(),
                        date: Some(a.date),
                        detail: format!("计票{}，支部决定{}", m.counted.label(), d.label()),
                        ..YearFinding::default()
                    });
                }
                if m.decided == Some(Grade::Unqualified) {
                    self.handling_findings(a, &m.member, as_of, &mut out);
                }
            }
        }
        out
    }

    fn handling_findings(
        &self,
        a: &AppraisalRecord,
        member: &str,
        as_of: NaiveDate,
        out: &mut Vec<YearFinding>,
    ) {
        let mut acts: Vec<&AppraisalAction> = self
            .actions
            .iter()
            .filter(|x| x.appraisal == a.id && x.member == member && x.date <= as_of)
            .collect();
        crate::sort::sort_by_key(&mut acts, |x| (x.date, x.kind));
        let base = YearFinding {
            rule: "appraisal_unqualified_handling".into(),
            org: a.org.clone(),
            member: member.to_string(),
            record: a.id.clone(),
            ..YearFinding::default()
        };
        if acts.is_empty() {
            out.push(YearFinding {
                kind: "no_action".into(),
                date: Some(a.date),
                ..base
            });
            return;
        }
        let known = |x: &AppraisalAction| x.outcome_date.is_some_and(|d| d <= as_of);
        for (k, x) in acts.iter().enumerate() {
            let before = acts.get(..k).unwrap_or(&[]);
            let ok = match x.kind {
                ActionKind::Rectify => true,
                ActionKind::Persuade => before.iter().any(|p| {
                    p.kind == ActionKind::Rectify
                        && p.outcome == Some(ActionOutcome::NotCorrected)
                        && p.outcome_date.is_some_and(|d| d <= x.date)
                }),
                ActionKind::Remove => before.iter().any(|p| {
                    p.outcome_date.is_some_and(|d| d <= x.date)
                        && matches!(
                            (p.kind, p.outcome),
                            (ActionKind::Persuade, Some(ActionOutcome::Refused))
                                | (ActionKind::Rectify, Some(ActionOutcome::NotCorrected))
                        )
                }),
            };
            if !ok {
                out.push(YearFinding {
                    kind: "out_of_order".into(),
                    date: Some(x.date),
                    detail: x.kind.label().to_string(),
                    ..base.clone()
                });
            }
            if x.kind == ActionKind::Rectify && !known(x) {
                let deadline = self.deadline_of(x);
                if deadline < as_of {
                    out.push(YearFinding {
                        rule: "appraisal_rectification".into(),
                        kind: "overdue".into(),
                        date: Some(deadline),
                        ..base.clone()
                    });
                }
            }
        }
    }

    fn letter_findings(
        &self,
        reg: &Registry,
        events: &[EventRecord],
        as_of: NaiveDate,
        out: &mut Vec<YearFinding>,
    ) {
        let tree = reg.tree();
        let here = |o: &str| tree.index(o).is_some();
        let mut linked: HashSet<(&str, NaiveDate, bool)> = HashSet::new();
        for l in self.letters.iter().filter(|l| l.issued <= as_of) {
            let status = l.status_on(as_of);
            let base = YearFinding {
                member: l.member.to_string(),
                record: l.key(),
                org: if here(&l.from_org) {
                    l.from_org.clone()
                } else {
                    l.to_org.clone()
                },
                ..YearFinding::default()
            };
            if status == LetterStatus::Expired {
                out.push(YearFinding {
                    rule: "transfer_letter_expiry".into(),
                    kind: "expired".into(),
                    date: Some(l.last_valid_day()),
                    ..base.clone()
                });
            }
            if let Some(r) = l.received_on.filter(|r| *r <= as_of) {
                if r > l.last_valid_day() {
                    out.push(YearFinding {
                        rule: "transfer_letter_expiry".into(),
                        kind: "received_late".into(),
                        date: Some(r),
                        ..base.clone()
                    });
                }
            }
            if l.kind == LetterKind::Temporary {
                continue;
            }
            let has = |kind: EventType, date: NaiveDate| {
                events
                    .iter()
                    .any(|e| e.member == l.member && e.date == date && e.kind == kind)
            };
            if here(&l.from_org) && !here(&l.to_org) {
                linked.insert((l.member.as_str(), l.issued, false));
                if !has(EventType::TransferredOut, l.issued) {
                    out.push(YearFinding {
                        rule: "transfer_letter_linked".into(),
                        kind: "no_event".into(),
                        date: Some(l.issued),
                        detail: "转出介绍信无同日组织关系转出记录".into(),
                        ..base.clone()
                    });
                }
            }
            if here(&l.to_org) && !here(&l.from_org) {
                if let Some(r) = l.received_on.filter(|r| *r <= as_of) {
                    linked.insert((l.member.as_str(), r, true));
                    if !has(EventType::TransferredIn, r) {
                        out.push(YearFinding {
                            rule: "transfer_letter_linked".into(),
                            kind: "no_event".into(),
                            date: Some(r),
                            detail: "转入介绍信报到日无组织关系转入记录".into(),
                            ..base.clone()
                        });
                    }
                }
            }
        }
        let Some(first) = self.letters.iter().map(|l| l.issued).min() else {
            return;
        };
        for e in events {
            let incoming = match e.kind {
                EventType::TransferredIn => true,
                EventType::TransferredOut => false,
                _ => continue,
            };
            if e.date < first || e.date > as_of {
                continue;
            }
            if !linked.contains(&(e.member.as_str(), e.date, incoming)) {
                let org = reg
                    .member_index(&e.member)
                    .and_then(|i| {
                        let day = if incoming {
                            e.date
                        } else {
                            e.date.pred_opt().unwrap_or(e.date)
                        };
                        reg.state_of(i, day).branch
                    })
                    .and_then(|o| tree.get(o))
                    .map(|r| r.id.to_string())
                    .unwrap_or_default();
                out.push(YearFinding {
                    rule: "transfer_letter_linked".into(),
                    kind: "no_letter".into(),
                    org,
                    member: e.member.to_string(),
                    date: Some(e.date),
                    detail: if incoming {
                        "组织关系转入无介绍信".into()
                    } else {
                        "组织关系转出无介绍信".into()
                    },
                    ..YearFinding::default()
                });
            }
        }
    }

    /// The rows the agenda shows on `as_of`: letters not yet received (due their last valid
    /// day) and 限期改正 under way (due their deadline).
    pub(crate) fn agenda_rows(&self, reg: &Registry, as_of: NaiveDate) -> Vec<YearAgendaRow> {
        let tree = reg.tree();
        let org_name = |o: &str| {
            tree.index(o)
                .and_then(|i| tree.get(i))
                .map(|r| r.name.to_string())
                .unwrap_or_else(|| o.to_string())
        };
        let masked = |m: &str| {
            reg.member_index(m)
                .and_then(|i| reg.member(i))
                .map(|r| r.name.masked())
                .unwrap_or_default()
        };
        let mut out = Vec::new();
        for l in &self.letters {
            if !l.outstanding_on(as_of) {
                continue;
            }
            let org = if tree.index(&l.to_org).is_some() {
                &l.to_org
            } else {
                &l.from_org
            };
            out.push(YearAgendaRow {
                rule: "transfer_letter_expiry",
                item: format!(
                    "介绍信{}（{}，{}→{}）有效期至{}，尚未报到",
                    l.serial_label(),
                    l.kind.label(),
                    org_name(&l.from_org),
                    org_name(&l.to_org),
                    l.last_valid_day()
                ),
                org: org.clone(),
                org_name: org_name(org),
                member: l.member.to_string(),
                name: masked(&l.member),
                due: l.last_valid_day(),
            });
        }
        for act in &self.actions {
            if act.kind != ActionKind::Rectify
                || act.date > as_of
                || act.outcome_date.is_some_and(|d| d <= as_of)
            {
                continue;
            }
            let org = self
                .appraisals
                .iter()
                .find(|a| a.id == act.appraisal)
                .map(|a| a.org.clone())
                .unwrap_or_default();
            out.push(YearAgendaRow {
                rule: "appraisal_rectification",
                item: "不合格党员限期改正到期，应作出处置".into(),
                org_name: org_name(&org),
                org,
                member: act.member.to_string(),
                name: masked(&act.member),
                due: self.deadline_of(act),
            });
        }
        out
    }

    /// Appraisals held from `from` to `to` per branch (for the meeting counts of the agenda).
    pub(crate) fn appraisals_held(&self, from: NaiveDate, to: NaiveDate) -> HashMap<String, u64> {
        let mut out = HashMap::new();
        for a in self
            .appraisals
            .iter()
            .filter(|a| a.date >= from && a.date <= to)
        {
            *out.entry(a.org.clone()).or_default() += 1;
        }
        out
    }
}

/// The members appraised by a branch on a day: its full and probationary members (subtree),
/// sorted by id.
///
/// # Examples
///
/// ```
/// use dangjian::year::appraised_on;
/// let reg = dangjian::Registry::sample_small();
/// let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// assert_eq!(appraised_on(&reg, "B1", d("2022-12-20")), ["M1", "M3"]);
/// assert_eq!(appraised_on(&reg, "B1", d("2023-12-20")), ["M1", "M2", "M3"]); // M2 admitted in March
/// ```
pub fn appraised_on(reg: &Registry, org: &str, date: NaiveDate) -> Vec<MemberId> {
    let tree = reg.tree();
    let Some(o) = tree.index(org) else {
        return Vec::new();
    };
    let mut out: Vec<MemberId> = reg
        .states_on(date)
        .filter(|(_, s)| s.is_member())
        .filter(|(_, s)| s.branch.is_some_and(|b| tree.contains(o, b)))
        .filter_map(|(i, _)| reg.member(i).map(|m| m.id.clone()))
        .collect();
    crate::sort::sort(&mut out);
    out
}

/// The section of the monthly report: the appraisals of the last twelve months counted (no
/// vote by voter), letters and their status on the report date, the month's
/// register of additions and removals, and the findings.
///
/// # Examples
///
/// ```
/// # use dangjian::year::*;
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let rec: AppraisalRecord = serde_json::from_str(r#"{"id": "P2024", "org": "B1", "year": 2024, "date": "2024-12-20",
/// #   "ballots": [
/// #     {"voter": "M1", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
/// #     {"voter": "M2", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
/// #     {"voter": "M3", "votes": {"M1": "qualified", "M2": "qualified", "M3": "qualified"}}],
/// #   "decisions": [{"member": "M3", "grade": "unqualified"}]}"#)?;
/// # let act: AppraisalAction = serde_json::from_str(
/// #     r#"{"member": "M3", "appraisal": "P2024", "kind": "rectify", "date": "2025-01-10"}"#)?;
/// # let letter = TransferLetter::new(2026, 1, LetterKind::WithinSystem, "M4", "B2", "某街道党工委", d("2026-10-01"), 30);
/// # let book = YearBook::new(&reg, vec![rec], vec![act], vec![letter], AppraisalRules::default())?;
/// let s = YearSection::from_records(&book, &[], &reg, d("2026-10-01"), d("2026-10-31")).unwrap();
/// assert_eq!((s.appraisals.len(), s.letters.len(), s.register.len()), (0, 1, 0)); // the appraisal is older than a year
/// assert_eq!(s.letters[0].status, LetterStatus::Issued);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearSection {
    /// Appraisals held in the twelve months to the report date, counted.
    pub appraisals: Vec<AppraisalCount>,
    /// Letters issued on or before the report date, with their status.
    pub letters: Vec<LetterLine>,
    /// The month's register of additions and removals (增减名册).
    pub register: Vec<register::RegisterLine>,
    /// Findings, each with its rule.
    pub findings: Vec<YearFinding>,
}

/// A letter in the report.
///
/// # Examples
///
/// ```
/// # use dangjian::year::*;
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let rec: AppraisalRecord = serde_json::from_str(r#"{"id": "P2024", "org": "B1", "year": 2024, "date": "2024-12-20",
/// #   "ballots": [
/// #     {"voter": "M1", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
/// #     {"voter": "M2", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
/// #     {"voter": "M3", "votes": {"M1": "qualified", "M2": "qualified", "M3": "qualified"}}],
/// #   "decisions": [{"member": "M3", "grade": "unqualified"}]}"#)?;
/// # let act: AppraisalAction = serde_json::from_str(
/// #     r#"{"member": "M3", "appraisal": "P2024", "kind": "rectify", "date": "2025-01-10"}"#)?;
/// # let letter = TransferLetter::new(2026, 1, LetterKind::WithinSystem, "M4", "B2", "某街道党工委", d("2026-10-01"), 30);
/// # let book = YearBook::new(&reg, vec![rec], vec![act], vec![letter], AppraisalRules::default())?;
/// let s = YearSection::from_records(&book, &[], &reg, d("2026-11-01"), d("2026-11-30")).unwrap();
/// let l = &s.letters[0];
/// assert_eq!((l.letter.as_str(), l.status, l.valid_until), ("2026-1", LetterStatus::Expired, d("2026-10-31")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterLine {
    /// `2026-12`.
    pub letter: String,
    /// `〔2026〕第12号`.
    pub serial: String,
    /// Kind.
    pub kind: LetterKind,
    /// The member.
    pub member: String,
    /// From.
    pub from_org: String,
    /// To.
    pub to_org: String,
    /// Issued.
    pub issued: NaiveDate,
    /// Last valid day.
    pub valid_until: NaiveDate,
    /// Status on the report date.
    pub status: LetterStatus,
    /// Catalogue rule (`transfer_letter_expiry`).
    pub rule: String,
}

impl YearSection {
    /// The section of the month `first..=last` from the year's records (`book`) and the
    /// membership `events`, or `None` when there is no appraisal, action or letter and nobody
    /// joined or left in the month. `YearSection::build` (in `io`) reads both from a dataset.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::year::*;
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let rec: AppraisalRecord = serde_json::from_str(r#"{"id": "P2024", "org": "B1", "year": 2024, "date": "2024-12-20",
    /// #   "ballots": [
    /// #     {"voter": "M1", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
    /// #     {"voter": "M2", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
    /// #     {"voter": "M3", "votes": {"M1": "qualified", "M2": "qualified", "M3": "qualified"}}],
    /// #   "decisions": [{"member": "M3", "grade": "unqualified"}]}"#)?;
    /// # let act: AppraisalAction = serde_json::from_str(
    /// #     r#"{"member": "M3", "appraisal": "P2024", "kind": "rectify", "date": "2025-01-10"}"#)?;
    /// # let letter = TransferLetter::new(2026, 1, LetterKind::WithinSystem, "M4", "B2", "某街道党工委", d("2026-10-01"), 30);
    /// # let book = YearBook::new(&reg, vec![rec], vec![act], vec![letter], AppraisalRules::default())?;
    /// let s = YearSection::from_records(&book, &[], &reg, d("2024-12-01"), d("2024-12-31")).unwrap();
    /// assert_eq!(s.appraisals[0].id, "P2024");
    /// assert!(YearSection::from_records(&YearBook::default(), &[], &reg, d("2024-12-01"), d("2024-12-31")).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_records(
        book: &YearBook,
        events: &[EventRecord],
        reg: &Registry,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Option<YearSection> {
        let register = ChangeRegister::from_events(events, reg, first, last).lines();
        if book.is_empty() && register.is_empty() {
            return None;
        }
        let year_before = last
            .checked_sub_months(chrono::Months::new(12))
            .unwrap_or(last);
        let appraisals = book
            .appraisals
            .iter()
            .filter(|a| a.date <= last && a.date > year_before)
            .map(|a| book.count(reg, a))
            .collect();
        let letters = book
            .letters
            .iter()
            .filter(|l| l.issued <= last)
            .map(|l| LetterLine {
                letter: l.key(),
                serial: l.serial_label(),
                kind: l.kind,
                member: l.member.to_string(),
                from_org: l.from_org.clone(),
                to_org: l.to_org.clone(),
                issued: l.issued,
                valid_until: l.last_valid_day(),
                status: l.status_on(last),
                rule: "transfer_letter_expiry".into(),
            })
            .collect();
        Some(YearSection {
            appraisals,
            letters,
            register,
            findings: book.findings(reg, events, last),
        })
    }
}

impl YearSection {
    /// Appends the section to the text report (section 十五).
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::year::*;
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let rec: AppraisalRecord = serde_json::from_str(r#"{"id": "P2024", "org": "B1", "year": 2024, "date": "2024-12-20",
    /// #   "ballots": [
    /// #     {"voter": "M1", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
    /// #     {"voter": "M2", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
    /// #     {"voter": "M3", "votes": {"M1": "qualified", "M2": "qualified", "M3": "qualified"}}],
    /// #   "decisions": [{"member": "M3", "grade": "unqualified"}]}"#)?;
    /// # let act: AppraisalAction = serde_json::from_str(
    /// #     r#"{"member": "M3", "appraisal": "P2024", "kind": "rectify", "date": "2025-01-10"}"#)?;
    /// # let letter = TransferLetter::new(2026, 1, LetterKind::WithinSystem, "M4", "B2", "某街道党工委", d("2026-10-01"), 30);
    /// # let book = YearBook::new(&reg, vec![rec], vec![act], vec![letter], AppraisalRules::default())?;
    /// let section = YearSection::from_records(&book, &[], &reg, d("2024-12-01"), d("2024-12-31")).unwrap();
    /// let mut text = String::new();
    /// section.render_text(&mut text);
    /// assert!(text.contains("十五、民主评议党员与组织关系转接"));
    /// assert!(text.contains("B1 2024年度民主评议（2024-12-20）：参评3人"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn render_text(&self, s: &mut String) {
        use std::fmt::Write;
        let _ = writeln!(s, "\n十五、民主评议党员与组织关系转接");
        for a in &self.appraisals {
            let [ex, q, b, u] = a.final_by_grade();
            let _ = writeln!(
                s,
                "  {} {}年度民主评议（{}）：参评{}人，收回互评票{}张、有效{}张，群众评议有效票{}张；评定优秀{}、合格{}、基本合格{}、不合格{}",
                a.org, a.year, a.date, a.appraised, a.ballots, a.valid, a.masses_valid, ex, q, b, u
            );
        }
        let open: Vec<&LetterLine> = self
            .letters
            .iter()
            .filter(|l| matches!(l.status, LetterStatus::Issued | LetterStatus::Expired))
            .collect();
        let _ = writeln!(
            s,
            "  介绍信：共{}封，未报到{}封",
            self.letters.len(),
            open.len()
        );
        for l in open {
            let _ = writeln!(
                s,
                "    {}\t{}\t{}\t{}→{}\t有效期至{}\t{}",
                l.serial,
                l.kind.label(),
                l.member,
                l.from_org,
                l.to_org,
                l.valid_until,
                l.status.label()
            );
        }
        let _ = writeln!(s, "  本月党员增减名册：{}人次", self.register.len());
        for r in &self.register {
            let _ = writeln!(
                s,
                "    {}\t{}\t{}\t{} {}\t{}",
                r.date,
                r.direction.label(),
                r.reason.label(),
                r.member,
                r.name,
                r.org
            );
        }
        for f in &self.findings {
            let who = if f.member.is_empty() {
                String::new()
            } else {
                format!(" {}", f.member)
            };
            let _ = writeln!(
                s,
                "  [提示] {} {}{} {}（规则 {}）",
                f.kind_label(),
                f.org,
                who,
                f.detail,
                f.rule
            );
        }
    }
}
