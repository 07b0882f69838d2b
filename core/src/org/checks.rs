//! The structure rules of organizations (支部条例, 党章 art. 30, terms of office), checked on a
//! date: [`check_structure`] and [`check_structure_with`] give [`Finding`]s.
//!
//! ```
//! use dangjian::org::{Severity, StructureRule};
//! let reg = dangjian::synth::sample_community().to_registry()?;
//! let findings = reg.structure_findings(dangjian::synth::SAMPLE_AS_OF, &Default::default());
//! // The fourth branch has 19 full members but no branch committee (支部条例: 7 or more).
//! let b4 = findings.iter().find(|f| f.org == "B4").ok_or("no finding")?;
//! assert_eq!((b4.rule, b4.severity, b4.actual), (StructureRule::BranchCommittee, Severity::Warning, 19));
//! assert_eq!(b4.message, "第四党支部（流动党员）正式党员19名，达到7名应设立支部委员会");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::term::{term_in_force, MAX_TERM_EXTENSION_MONTHS};
use super::{OrgId, OrgIdx, OrgKind, OrgTree};

/// How serious a finding is.
///
/// # Examples
///
/// ```
/// # let reg = dangjian::synth::sample_community().to_registry()?;
/// use dangjian::org::Severity;
/// let findings = reg.structure_findings(dangjian::synth::SAMPLE_AS_OF, &Default::default());
/// let warnings = findings.iter().filter(|f| f.severity == Severity::Warning).count();
/// assert_eq!((findings.len(), warnings), (3, 1));
/// assert!(Severity::Info < Severity::Warning);
/// # Ok::<(), Box<dyn std::error::Error>>(())
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
pub enum Severity {
    /// Worth knowing; no rule is broken.
    Info,
    /// A published rule is not met.
    Warning,
}

/// The structure rule a finding is about. Thresholds come from [`StructureRules`]; each rule is
/// in the catalogue (`dangjian rules`) under its [`code`](StructureRule::code).
///
/// # Examples
///
/// ```
/// # let reg = dangjian::synth::sample_community().to_registry()?;
/// use dangjian::org::StructureRule;
/// let findings = reg.structure_findings(dangjian::synth::SAMPLE_AS_OF, &Default::default());
/// let rules: Vec<StructureRule> = findings.iter().map(|f| f.rule).collect();
/// assert_eq!(rules, [
///     StructureRule::CommitteeThreshold,     // 158 members: may form a committee
///     StructureRule::GeneralBranchThreshold, // the first branch has 61 members
///     StructureRule::BranchCommittee,        // the fourth branch has no committee
/// ]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StructureRule {
    /// A branch needs at least 3 full members (支部条例).
    BranchMinFullMembers,
    /// A branch with 7 or more full members elects a branch committee (支部条例).
    BranchCommittee,
    /// More than 50 members may form a general branch (支部条例).
    GeneralBranchThreshold,
    /// 100 or more members may form a grassroots committee (党章 art. 30; 支部条例).
    CommitteeThreshold,
    /// The term of office, set by the text in force on the election day, has ended (党章 2012 and
    /// 2017 art. 30; 中办《关于党的基层组织任期的意见》2018; 党章 2022 art. 30): see
    /// [`super::term_in_force`].
    TermExpired,
    /// An approved extension of a term is longer than one year (选举工作条例 2020); only 12
    /// months count.
    TermExtensionTooLong,
    /// A branch with fewer than 7 full members has a secretary, not a branch committee (支部条例).
    BranchCommitteeNeedsSeven,
    /// A branch committee has 3–5 members, at most 7 (支部条例): seats of the latest election.
    BranchCommitteeSize,
}

impl StructureRule {
    /// Stable code of the rule.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::org::StructureRule;
    /// assert_eq!(StructureRule::TermExpired.code(), "term_expired");
    /// assert_eq!(serde_json::to_string(&StructureRule::TermExpired)?, r#""term_expired""#);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            StructureRule::BranchMinFullMembers => "branch_min_full_members",
            StructureRule::BranchCommittee => "branch_committee",
            StructureRule::GeneralBranchThreshold => "general_branch_threshold",
            StructureRule::CommitteeThreshold => "committee_threshold",
            StructureRule::TermExpired => "term_expired",
            StructureRule::TermExtensionTooLong => "term_extension_too_long",
            StructureRule::BranchCommitteeNeedsSeven => "branch_committee_needs_seven",
            StructureRule::BranchCommitteeSize => "branch_committee_size",
        }
    }
}

/// Thresholds of the structure rules; the defaults are the published ones (see DOMAIN notes).
/// Terms of office are not here: they are dated and set per organization (see
/// [`super::term_in_force`]).
///
/// ```
/// let r = dangjian::org::StructureRules::default();
/// assert_eq!((r.branch_min_full, r.branch_committee_at, r.general_branch_over, r.committee_at), (3, 7, 50, 100));
/// assert_eq!((r.committee_usual_max, r.committee_max), (5, 7));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct StructureRules {
    /// Minimum full members of a branch (支部条例: 3).
    pub branch_min_full: u32,
    /// Full members from which a branch elects a committee (支部条例: 7).
    pub branch_committee_at: u32,
    /// Members above which a general branch is called for (支部条例: 50).
    pub general_branch_over: u32,
    /// Members from which a grassroots committee is called for (党章 art. 30: 100).
    pub committee_at: u32,
    /// Usual largest branch committee (支部条例: 一般设委员3至5人).
    pub committee_usual_max: u32,
    /// Largest branch committee (支部条例: 最多不超过7人).
    pub committee_max: u32,
}

impl Default for StructureRules {
    fn default() -> Self {
        StructureRules {
            branch_min_full: 3,
            branch_committee_at: 7,
            general_branch_over: 50,
            committee_at: 100,
            committee_usual_max: 5,
            committee_max: 7,
        }
    }
}

/// What the dataset's elections (换届选举) say about each organization up to the check date, by
/// pre-order organization index. Empty vectors: no elections recorded.
///
/// # Examples
///
/// ```
/// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// # use dangjian::org::{OrgKind, OrgRecord, OrgTree};
/// # let mut b = OrgRecord::new("B1", "第一党支部", OrgKind::Branch, None, d(2019, 1, 1)?);
/// # b.elected = Some(d(2019, 3, 1)?);
/// # let tree = OrgTree::build(vec![b])?;
/// use dangjian::org::{check_structure_with, ElectionFacts, StructureRule};
/// // Without the dataset's elections the term of 2019-03-01 (3 years) has ended by 2022-06-01 …
/// let on = d(2022, 6, 1)?;
/// let expired = |facts: &ElectionFacts| check_structure_with(&tree, &[9], &[9], on, &Default::default(), facts)
///     .iter().any(|f| f.rule == StructureRule::TermExpired);
/// assert!(expired(&ElectionFacts::default()));
/// // … but a valid election on 2022-02-20 started a new one.
/// let facts = ElectionFacts { last_valid: vec![Some((d(2022, 2, 20)?, "E1".into()))], last_seats: vec![] };
/// assert!(!expired(&facts));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ElectionFacts {
    /// Day and id of the latest valid election (meeting valid, every seat filled): it starts a
    /// new term. An invalid election does not.
    pub last_valid: Vec<Option<(NaiveDate, String)>>,
    /// Day and seats of the latest election (valid or not).
    pub last_seats: Vec<Option<(NaiveDate, u32)>>,
}

/// The current term of office of an organization on a date, and the text that set it.
///
/// # Examples
///
/// ```
/// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// # use dangjian::org::{OrgKind, OrgRecord, OrgTree};
/// # let mut b = OrgRecord::new("B1", "第一党支部", OrgKind::Branch, None, d(2019, 1, 1)?);
/// # b.elected = Some(d(2019, 3, 1)?);
/// # let tree = OrgTree::build(vec![b])?;
/// use dangjian::org::{terms_on, ElectionFacts};
/// let terms = terms_on(&tree, d(2022, 6, 1)?, &ElectionFacts::default());
/// let t = terms.first().ok_or("no term")?;
/// assert_eq!((t.org.as_str(), t.elected_by.as_str(), t.years), ("B1", "org", 3));
/// assert_eq!(t.document, "中共中央办公厅《关于党的基层组织任期的意见》");
/// assert_eq!((t.ends, t.expired), (d(2022, 3, 1)?, true));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TermStatus {
    /// The organization.
    #[schemars(with = "String")]
    pub org: OrgId,
    /// Day of the election that started the term.
    pub elected: NaiveDate,
    /// Where that election is recorded: `org` (the organization's `elected` field) or the id of
    /// a valid election of the dataset.
    pub elected_by: String,
    /// The document that sets the term (chosen by the election day).
    pub document: String,
    /// Its article (empty: the document as a whole).
    pub article: String,
    /// Term in years.
    pub years: u32,
    /// Approved extension counted, in months (at most 12).
    pub extension_months: u32,
    /// First day after the term (the new election is due before it).
    pub ends: NaiveDate,
    /// Whether `ends` is on or before the check date.
    pub expired: bool,
}

/// The current term of every active organization (groups excepted) with an election on record,
/// on `date`, in tree order.
///
/// ```
/// use dangjian::org::{terms_on, ElectionFacts, OrgKind, OrgRecord, OrgTree};
/// let d = |s: &str| s.parse().unwrap();
/// let mut b = OrgRecord::new("B", "支部", OrgKind::Branch, None, d("2019-01-01"));
/// b.elected = Some(d("2019-03-01"));
/// let tree = OrgTree::build(vec![b]).unwrap();
/// let t = &terms_on(&tree, d("2022-02-28"), &ElectionFacts::default())[0];
/// assert_eq!((t.years, t.ends.to_string(), t.expired), (3, "2022-03-01".into(), false));
/// ```
pub fn terms_on(tree: &OrgTree, date: NaiveDate, facts: &ElectionFacts) -> Vec<TermStatus> {
    let mut village = vec![false; tree.len()];
    let mut out = Vec::new();
    for (i, rec) in tree.records().iter().enumerate() {
        let inherited = tree
            .parent(i as OrgIdx)
            .and_then(|p| village.get(p as usize).copied())
            .unwrap_or(false);
        let v = rec.village_or_community || inherited;
        if let Some(slot) = village.get_mut(i) {
            *slot = v;
        }
        if !rec.is_active(date) || rec.kind == OrgKind::Group {
            continue;
        }
        let recorded = rec.elected.filter(|e| *e <= date);
        let dataset = facts
            .last_valid
            .get(i)
            .cloned()
            .flatten()
            .filter(|(e, _)| *e <= date);
        // The latest election starts the term; the extension belongs to the term of `elected`.
        let (elected, by, extension) = match (recorded, dataset) {
            (Some(r), Some((e, id))) if e > r => (e, id, 0),
            (Some(r), _) => (r, "org".to_string(), rec.term_extension_months),
            (None, Some((e, id))) => (e, id, 0),
            (None, None) => continue,
        };
        let term = term_in_force(elected, rec.kind, v, rec.term_years);
        let extension = extension.min(MAX_TERM_EXTENSION_MONTHS);
        let ends = elected
            .checked_add_months(Months::new(term.years.saturating_mul(12) + extension))
            .unwrap_or(NaiveDate::MAX);
        out.push(TermStatus {
            org: rec.id.clone(),
            elected,
            elected_by: by,
            document: term.text.document.to_string(),
            article: term.text.article.to_string(),
            years: term.years,
            extension_months: extension,
            ends,
            expired: ends <= date,
        });
    }
    out
}

/// One result of a structure check: which organization, which rule, the numbers compared.
///
/// # Examples
///
/// ```
/// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// # use dangjian::org::{OrgKind, OrgRecord, OrgTree};
/// # let mut b = OrgRecord::new("B1", "第一党支部", OrgKind::Branch, None, d(2019, 1, 1)?);
/// # b.elected = Some(d(2019, 3, 1)?);
/// # let tree = OrgTree::build(vec![b])?;
/// use dangjian::org::{check_structure, StructureRule};
/// let findings = check_structure(&tree, &[9], &[9], d(2022, 6, 1)?, &Default::default());
/// let f = findings.iter().find(|f| f.rule == StructureRule::TermExpired).ok_or("no finding")?;
/// assert_eq!((f.org.as_str(), f.actual, f.threshold), ("B1", 3, 3)); // 3 years since, term 3 years
/// assert!(f.message.starts_with("第一党支部于2019-03-01换届"));
/// assert_eq!(f.term.as_ref().map(|t| t.ends), Some(d(2022, 3, 1)?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Finding {
    /// How serious.
    pub severity: Severity,
    /// The organization concerned.
    #[schemars(with = "String")]
    pub org: OrgId,
    /// The rule.
    pub rule: StructureRule,
    /// The number observed (members, or years since the election).
    pub actual: u32,
    /// The threshold of the rule.
    pub threshold: u32,
    /// A sentence in Chinese for reports.
    pub message: String,
    /// For `term_expired`: the term and the text that set it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<TermStatus>,
}

/// Checks the tree as of `date` against the structure rules.
///
/// `members[i]` and `full_members[i]` are the members (full + probationary) and full members
/// counted in the subtree of organization `i` (pre-order index) on `date`; the registry computes
/// them (`Registry::structure_findings`). Only organizations active on `date` are checked.
///
/// # Examples
///
/// ```
/// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// use dangjian::org::{check_structure, OrgKind, OrgRecord, OrgTree, StructureRule};
/// let tree = OrgTree::build(vec![OrgRecord::new("B1", "第一党支部", OrgKind::Branch, None, d(2024, 1, 1)?)])?;
/// // Members and full members per organization (pre-order), as the registry counts them.
/// let findings = check_structure(&tree, &[3], &[2], d(2026, 10, 31)?, &Default::default());
/// let rules: Vec<StructureRule> = findings.iter().map(|f| f.rule).collect();
/// assert_eq!(rules, [StructureRule::BranchMinFullMembers]); // 2 full members, at least 3
/// assert_eq!(findings.first().map(|f| f.message.as_str()), Some("第一党支部正式党员2名，少于成立支部所需的3名"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check_structure(
    tree: &OrgTree,
    members: &[u64],
    full_members: &[u64],
    date: NaiveDate,
    rules: &StructureRules,
) -> Vec<Finding> {
    check_structure_with(
        tree,
        members,
        full_members,
        date,
        rules,
        &ElectionFacts::default(),
    )
}

/// [`check_structure`] with what the dataset's elections say: a valid election starts a new
/// term, and the seats of a branch's latest election are checked against 3–5, at most 7.
///
/// # Examples
///
/// ```
/// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// # use dangjian::org::{OrgKind, OrgRecord, OrgTree};
/// # let mut b = OrgRecord::new("B1", "第一党支部", OrgKind::Branch, None, d(2019, 1, 1)?);
/// # b.elected = Some(d(2019, 3, 1)?);
/// # let tree = OrgTree::build(vec![b])?;
/// use dangjian::org::{check_structure_with, ElectionFacts, Severity, StructureRule};
/// // The latest election filled 6 seats: allowed (at most 7), but more than the usual 3 to 5.
/// let facts = ElectionFacts {
///     last_valid: vec![Some((d(2025, 3, 1)?, "E2".into()))],
///     last_seats: vec![Some((d(2025, 3, 1)?, 6))],
/// };
/// let findings = check_structure_with(&tree, &[12], &[12], d(2026, 10, 31)?, &Default::default(), &facts);
/// let size = findings.iter().find(|f| f.rule == StructureRule::BranchCommitteeSize).ok_or("no finding")?;
/// assert_eq!((size.severity, size.actual, size.threshold), (Severity::Info, 6, 5));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check_structure_with(
    tree: &OrgTree,
    members: &[u64],
    full_members: &[u64],
    date: NaiveDate,
    rules: &StructureRules,
    facts: &ElectionFacts,
) -> Vec<Finding> {
    let mut terms = terms_on(tree, date, facts).into_iter().peekable();
    let mut out = Vec::new();
    for (i, rec) in tree.records().iter().enumerate() {
        if !rec.is_active(date) {
            continue;
        }
        let total = members.get(i).copied().unwrap_or(0).min(u32::MAX as u64) as u32;
        let full = full_members
            .get(i)
            .copied()
            .unwrap_or(0)
            .min(u32::MAX as u64) as u32;
        let mut push = |severity, rule, actual, threshold, message: String| {
            out.push(Finding {
                severity,
                org: rec.id.clone(),
                rule,
                actual,
                threshold,
                message,
                term: None,
            });
        };
        if rec.kind == OrgKind::Branch {
            if full < rules.branch_min_full {
                push(
                    Severity::Warning,
                    StructureRule::BranchMinFullMembers,
                    full,
                    rules.branch_min_full,
                    format!(
                        "{}正式党员{}名，少于成立支部所需的{}名",
                        rec.name, full, rules.branch_min_full
                    ),
                );
            }
            if full >= rules.branch_committee_at && !rec.has_committee {
                push(
                    Severity::Warning,
                    StructureRule::BranchCommittee,
                    full,
                    rules.branch_committee_at,
                    format!(
                        "{}正式党员{}名，达到{}名应设立支部委员会",
                        rec.name, full, rules.branch_committee_at
                    ),
                );
            }
            if total > rules.general_branch_over {
                push(
                    Severity::Info,
                    StructureRule::GeneralBranchThreshold,
                    total,
                    rules.general_branch_over,
                    format!(
                        "{}党员{}名，超过{}名，可考虑成立党总支",
                        rec.name, total, rules.general_branch_over
                    ),
                );
            }
        }
        if matches!(rec.kind, OrgKind::Branch | OrgKind::GeneralBranch)
            && total >= rules.committee_at
        {
            push(
                Severity::Info,
                StructureRule::CommitteeThreshold,
                total,
                rules.committee_at,
                format!(
                    "{}党员{}名，达到{}名，可申请成立基层党委",
                    rec.name, total, rules.committee_at
                ),
            );
        }
        if rec.kind == OrgKind::Branch {
            if rec.has_committee && full < rules.branch_committee_at {
                push(
                    Severity::Warning,
                    StructureRule::BranchCommitteeNeedsSeven,
                    full,
                    rules.branch_committee_at,
                    format!(
                        "{}正式党员{}名，不足{}名，应设书记而不设支部委员会",
                        rec.name, full, rules.branch_committee_at
                    ),
                );
            }
            let seats = facts
                .last_seats
                .get(i)
                .copied()
                .flatten()
                .filter(|(d, _)| *d <= date);
            if let Some((day, seats)) = seats {
                if seats > rules.committee_max {
                    push(
                        Severity::Warning,
                        StructureRule::BranchCommitteeSize,
                        seats,
                        rules.committee_max,
                        format!(
                            "{}于{}选举支部委员{}名，超过最多{}名",
                            rec.name, day, seats, rules.committee_max
                        ),
                    );
                } else if seats > rules.committee_usual_max {
                    push(
                        Severity::Info,
                        StructureRule::BranchCommitteeSize,
                        seats,
                        rules.committee_usual_max,
                        format!(
                            "{}于{}选举支部委员{}名，支部委员会一般设委员3至{}名",
                            rec.name, day, seats, rules.committee_usual_max
                        ),
                    );
                }
            }
        }
        if rec.term_extension_months > MAX_TERM_EXTENSION_MONTHS {
            push(
                Severity::Warning,
                StructureRule::TermExtensionTooLong,
                rec.term_extension_months,
                MAX_TERM_EXTENSION_MONTHS,
                format!(
                    "{}延期换届{}个月，超过1年，只计{}个月",
                    rec.name, rec.term_extension_months, MAX_TERM_EXTENSION_MONTHS
                ),
            );
        }
        if let Some(t) = terms.next_if(|t| t.org == rec.id) {
            if t.expired {
                let extension = if t.extension_months > 0 {
                    format!("（经批准延期{}个月）", t.extension_months)
                } else {
                    String::new()
                };
                out.push(Finding {
                    severity: Severity::Warning,
                    org: rec.id.clone(),
                    rule: StructureRule::TermExpired,
                    actual: date.years_since(t.elected).unwrap_or(0),
                    threshold: t.years,
                    message: format!(
                        "{}于{}换届，按{}{}任期{}年{}，已于{}届满，应按期换届",
                        rec.name,
                        t.elected,
                        t.document,
                        t.article,
                        t.years,
                        extension,
                        t.ends.pred_opt().unwrap_or(t.ends)
                    ),
                    term: Some(t),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::OrgRecord;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn branch(elected: &str) -> OrgRecord {
        let mut b = OrgRecord::new("B", "支部", OrgKind::Branch, None, d("2010-01-01"));
        b.elected = Some(d(elected));
        b.has_committee = true;
        b
    }

    fn rules_of(tree: &OrgTree, full: u64, date: &str, facts: &ElectionFacts) -> Vec<&'static str> {
        check_structure_with(
            tree,
            &[full],
            &[full],
            d(date),
            &StructureRules::default(),
            facts,
        )
        .iter()
        .map(|f| f.rule.code())
        .collect()
    }

    #[test]
    fn term_ends_on_the_anniversary_of_the_election() {
        let tree = OrgTree::build(vec![branch("2022-11-01")]).unwrap();
        let none = ElectionFacts::default();
        assert!(!rules_of(&tree, 10, "2027-10-31", &none).contains(&"term_expired"));
        assert!(rules_of(&tree, 10, "2027-11-01", &none).contains(&"term_expired"));
        let f = check_structure(&tree, &[10], &[10], d("2027-11-01"), &Default::default());
        let t = f.iter().find_map(|f| f.term.clone()).unwrap();
        assert_eq!(
            (t.years, t.document.as_str()),
            (5, "中国共产党章程（2022年修改）")
        );
    }

    #[test]
    fn a_valid_election_starts_a_new_term_and_drops_the_extension() {
        let mut b = branch("2020-01-01");
        b.term_extension_months = 6;
        let tree = OrgTree::build(vec![b]).unwrap();
        let facts = ElectionFacts {
            last_valid: vec![Some((d("2024-01-10"), "E1".into()))],
            last_seats: vec![Some((d("2024-01-10"), 5))],
        };
        let t = &terms_on(&tree, d("2026-10-31"), &facts)[0];
        assert_eq!((t.elected_by.as_str(), t.years), ("E1", 5)); // 党章 2022
        assert_eq!((t.extension_months, t.ends), (0, d("2029-01-10")));
        let t = &terms_on(&tree, d("2023-10-31"), &facts)[0];
        assert_eq!((t.elected_by.as_str(), t.ends), ("org", d("2023-07-01")));
    }

    #[test]
    fn committee_seats_and_size() {
        let tree = OrgTree::build(vec![branch("2024-01-01")]).unwrap();
        let seats = |n| ElectionFacts {
            last_valid: vec![None],
            last_seats: vec![Some((d("2024-01-01"), n))],
        };
        assert!(!rules_of(&tree, 10, "2024-02-01", &seats(5)).contains(&"branch_committee_size"));
        assert!(rules_of(&tree, 10, "2024-02-01", &seats(7)).contains(&"branch_committee_size"));
        let f = check_structure_with(
            &tree,
            &[10],
            &[10],
            d("2024-02-01"),
            &StructureRules::default(),
            &seats(8),
        );
        assert!(f.iter().any(
            |f| f.rule == StructureRule::BranchCommitteeSize && f.severity == Severity::Warning
        ));
        let none = ElectionFacts::default();
        assert!(rules_of(&tree, 6, "2024-02-01", &none).contains(&"branch_committee_needs_seven"));
        assert!(!rules_of(&tree, 7, "2024-02-01", &none).contains(&"branch_committee_needs_seven"));
    }
}
