//! Validation of the year's records (appraisals with their ballots, actions, letters, the
//! counting rules): every problem found, each with its section and position, in Chinese first.
//!
//! # Examples
//!
//! ```
//! # use dangjian::year::{validate_records, AppraisalRules, LetterKind, TransferLetter, YearError};
//! # let reg = dangjian::Registry::sample_small();
//! # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
//! let ok = TransferLetter::new(2026, 1, LetterKind::WithinSystem, "M4", "B2", "B1", d("2026-10-01"), 30);
//! assert!(validate_records(&reg, &[], &[], &[ok.clone()], &AppraisalRules::default()).is_ok());
//! let twice = [ok.clone(), ok]; // the same serial twice
//! assert_eq!(validate_records(&reg, &[], &[], &twice, &AppraisalRules::default()).unwrap_err().code(), "letter_serial");
//! ```

use std::collections::HashSet;

use chrono::Datelike;

use super::{
    appraised_on, ActionKind, ActionOutcome, AppraisalAction, AppraisalRecord, AppraisalRules,
    Grade, TransferLetter, YearError, MAX_VALID_DAYS,
};
use crate::member::MemberId;
use crate::org::OrgKind;
use crate::registry::Registry;

/// Every problem of the year's records, in section order (appraisals, rules, actions,
/// letters), at least one.
///
/// ```
/// use dangjian::year::{validate_records, LetterKind, TransferLetter};
/// let ds = dangjian::synth::sample_community();
/// let reg = ds.to_registry().unwrap();
/// let mut letters = ds.letters.clone();
/// letters[0].valid_days = 0; // out of range
/// letters[1].serial = 0; // no serial 0
/// let e = validate_records(&reg, &ds.appraisals, &ds.appraisal_actions, &letters,
///     &ds.appraisal_rules).unwrap_err();
/// assert_eq!(e.errors().len(), 2);
/// assert_eq!(e.code(), "letter_validity");
/// assert!(e.to_string().starts_with("年度记录有2处错误"));
/// assert!(e.to_string().contains("letters[0]"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", render(.0))]
pub struct YearErrors(pub Vec<YearError>);

fn render(errors: &[YearError]) -> String {
    let mut s = format!(
        "年度记录有{}处错误（{} problem(s) in the year's records）：",
        errors.len(),
        errors.len()
    );
    for e in errors {
        s.push_str("\n  ");
        s.push_str(&e.to_string());
    }
    s
}

impl YearErrors {
    /// The problems, in section order.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::year::{validate_records, AppraisalRules, LetterKind, TransferLetter, YearError};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let bad = TransferLetter::new(2026, 0, LetterKind::WithinSystem, "M4", "B2", "B1", d("2026-10-01"), 0);
    /// let err = validate_records(&reg, &[], &[], &[bad], &AppraisalRules::default()).unwrap_err();
    /// let codes: Vec<&str> = err.errors().iter().map(YearError::code).collect();
    /// assert_eq!(codes, ["letter_serial", "letter_validity"]); // serial 0, valid for 0 days
    /// ```
    pub fn errors(&self) -> &[YearError] {
        &self.0
    }

    /// The code of the first problem (`year_records` if there were none).
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::year::{validate_records, AppraisalRules, LetterKind, TransferLetter, YearError};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let bad = TransferLetter::new(2026, 3, LetterKind::WithinSystem, "M9", "B2", "B1", d("2026-10-01"), 30);
    /// let err = validate_records(&reg, &[], &[], &[bad], &AppraisalRules::default()).unwrap_err();
    /// assert_eq!(err.code(), "unknown_member"); // the first problem's code
    /// ```
    pub fn code(&self) -> &'static str {
        self.0.first().map_or("year_records", YearError::code)
    }
}

/// Validates the year's records against `reg` (built from the same dataset), listing every
/// problem: appraisals (ids, branch and date, who is appraised, the voters and the grades given
/// once per member), the counting rules, the actions on members graded 不合格 and the letters.
/// Ballots themselves are never refused: a duplicate, ineligible or empty ballot is counted as
/// invalid ([`super::count_appraisal`]).
///
/// # Examples
///
/// ```
/// # use dangjian::year::{validate_records, AppraisalRules, LetterKind, TransferLetter, YearError};
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// let rules = AppraisalRules { excellent_share_bp: 20_000, ..AppraisalRules::default() }; // 200%
/// let err = validate_records(&reg, &[], &[], &[], &rules).unwrap_err();
/// assert_eq!(err.code(), "appraisal_rules");
/// assert!(err.to_string().starts_with("年度记录有1处错误"));
/// ```
pub fn validate_records(
    reg: &Registry,
    appraisals: &[AppraisalRecord],
    actions: &[AppraisalAction],
    letters: &[TransferLetter],
    rules: &AppraisalRules,
) -> Result<(), YearErrors> {
    let errors = problems(reg, appraisals, actions, letters, rules);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(YearErrors(errors))
    }
}

/// The problems, in section order.
pub(super) fn problems(
    reg: &Registry,
    appraisals: &[AppraisalRecord],
    actions: &[AppraisalAction],
    letters: &[TransferLetter],
    rules: &AppraisalRules,
) -> Vec<YearError> {
    let mut out = Vec::new();
    check_appraisals(reg, appraisals, &mut out);
    if rules.peer_weight == 0 && rules.masses_weight == 0
        || [
            rules.excellent_bp,
            rules.basic_bp,
            rules.unqualified_bp,
            rules.excellent_share_bp,
        ]
        .iter()
        .any(|bp| *bp > 10_000)
        || rules.rectification_days == 0
        || rules.rectification_days > MAX_VALID_DAYS
    {
        out.push(YearError::BadRules);
    }
    check_actions(appraisals, actions, &mut out);
    check_letters(reg, letters, &mut out);
    out
}

fn check_appraisals(reg: &Registry, appraisals: &[AppraisalRecord], out: &mut Vec<YearError>) {
    let tree = reg.tree();
    let mut ids = HashSet::new();
    let mut branch_years = HashSet::new();
    for (position, a) in appraisals.iter().enumerate() {
        if !ids.insert(a.id.as_str()) {
            out.push(YearError::DuplicateAppraisal {
                position,
                id: a.id.clone(),
            });
            continue;
        }
        let Some(o) = tree.index(&a.org) else {
            out.push(YearError::UnknownOrg {
                section: "appraisals",
                position,
                org: a.org.clone(),
            });
            continue;
        };
        if tree.get(o).is_none_or(|r| r.kind != OrgKind::Branch) || !tree.is_active(o, a.date) {
            out.push(YearError::NotABranch {
                position,
                org: a.org.clone(),
            });
            continue;
        }
        if !branch_years.insert((a.org.as_str(), a.year)) {
            out.push(YearError::DuplicateAppraisal {
                position,
                id: a.id.clone(),
            });
        }
        if a.date.year() < a.year || a.date.year() > a.year + 1 {
            out.push(YearError::AppraisalDate {
                position,
                date: a.date,
                year: a.year,
            });
        }
        let appraised: HashSet<MemberId> = appraised_on(reg, &a.org, a.date).into_iter().collect();
        for d in a.decisions.iter().chain(&a.self_grades) {
            if !appraised.contains(&d.member) {
                out.push(YearError::NotAppraised {
                    position,
                    member: d.member.to_string(),
                });
            }
        }
        let mut voters = HashSet::new();
        for v in a.voters.iter().flatten() {
            if reg.member_index(v).is_none() {
                out.push(YearError::UnknownMember {
                    section: "appraisals",
                    position,
                    member: v.to_string(),
                });
            } else if !voters.insert(v) {
                out.push(YearError::DuplicateVoter {
                    position,
                    member: v.to_string(),
                });
            }
        }
        for (list, grades) in [
            ("self_grades", &a.self_grades),
            ("decisions", &a.decisions),
            ("points_grades", &a.points_grades),
        ] {
            let mut seen = HashSet::new();
            for g in grades {
                if !seen.insert(&g.member) {
                    out.push(YearError::DuplicateGrade {
                        position,
                        list,
                        member: g.member.to_string(),
                    });
                }
            }
        }
    }
}

fn check_actions(
    appraisals: &[AppraisalRecord],
    actions: &[AppraisalAction],
    out: &mut Vec<YearError>,
) {
    for (position, act) in actions.iter().enumerate() {
        let Some(a) = appraisals.iter().find(|a| a.id == act.appraisal) else {
            out.push(YearError::UnknownAppraisal {
                position,
                id: act.appraisal.clone(),
            });
            continue;
        };
        if act.date < a.date
            || act.deadline.is_some_and(|d| d < act.date)
            || act.outcome_date.is_some_and(|d| d < act.date)
            || act.outcome.is_some() != act.outcome_date.is_some()
        {
            out.push(YearError::ActionDates { position });
        }
        let outcome_fits = match (act.kind, act.outcome) {
            (_, None) => true,
            (ActionKind::Rectify, Some(o)) => {
                matches!(o, ActionOutcome::Corrected | ActionOutcome::NotCorrected)
            }
            (ActionKind::Persuade, Some(o)) => {
                matches!(o, ActionOutcome::Left | ActionOutcome::Refused)
            }
            (ActionKind::Remove, Some(_)) => false,
        };
        if !outcome_fits {
            out.push(YearError::ActionOutcome { position });
        }
        let graded = a
            .decisions
            .iter()
            .rev()
            .find(|d| d.member == act.member)
            .map(|d| d.grade);
        if graded != Some(Grade::Unqualified) {
            out.push(YearError::NotUnqualified {
                position,
                member: act.member.to_string(),
            });
        }
    }
}

fn check_letters(reg: &Registry, letters: &[TransferLetter], out: &mut Vec<YearError>) {
    let tree = reg.tree();
    let mut serials = HashSet::new();
    for (position, l) in letters.iter().enumerate() {
        if reg.member_index(&l.member).is_none() {
            out.push(YearError::UnknownMember {
                section: "letters",
                position,
                member: l.member.to_string(),
            });
        }
        if l.serial == 0 || l.year != l.issued.year() || !serials.insert((l.year, l.serial)) {
            out.push(YearError::BadSerial {
                position,
                serial: l.key(),
            });
        }
        if l.valid_days == 0 || l.valid_days > MAX_VALID_DAYS {
            out.push(YearError::BadValidity {
                position,
                days: l.valid_days,
            });
        }
        let before = [l.received_on, l.returned_on, l.cancelled_on]
            .into_iter()
            .flatten()
            .any(|d| d < l.issued);
        if before {
            out.push(YearError::LetterDates { position });
        }
        if tree.index(&l.from_org).is_none() && tree.index(&l.to_org).is_none() {
            out.push(YearError::LetterOrgs { position });
        }
    }
}
