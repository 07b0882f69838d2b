use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{OrgId, OrgKind, OrgTree};

/// How serious a finding is.
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

/// The structure rule a finding is about. Thresholds come from [`StructureRules`].
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
    /// Committees, general branches and branch committees serve 5-year terms (党章 art. 30, 2022).
    TermExpired,
}

impl StructureRule {
    /// Stable code of the rule.
    pub fn code(self) -> &'static str {
        match self {
            StructureRule::BranchMinFullMembers => "branch_min_full_members",
            StructureRule::BranchCommittee => "branch_committee",
            StructureRule::GeneralBranchThreshold => "general_branch_threshold",
            StructureRule::CommitteeThreshold => "committee_threshold",
            StructureRule::TermExpired => "term_expired",
        }
    }
}

/// Thresholds of the structure rules; the defaults are the published ones (see DOMAIN notes).
///
/// ```
/// let r = dangjian::org::StructureRules::default();
/// assert_eq!((r.branch_min_full, r.branch_committee_at, r.general_branch_over, r.committee_at, r.term_years), (3, 7, 50, 100, 5));
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
    /// Term length in years (党章 art. 30, 2022: 5; older local rules used 3).
    pub term_years: u32,
}

impl Default for StructureRules {
    fn default() -> Self {
        StructureRules {
            branch_min_full: 3,
            branch_committee_at: 7,
            general_branch_over: 50,
            committee_at: 100,
            term_years: 5,
        }
    }
}

/// One result of a structure check: which organization, which rule, the numbers compared.
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
}

/// Checks the tree as of `date` against the structure rules.
///
/// `members[i]` and `full_members[i]` are the members (full + probationary) and full members
/// counted in the subtree of organization `i` (pre-order index) on `date`; the registry computes
/// them (`Registry::structure_findings`). Only organizations active on `date` are checked.
pub fn check_structure(
    tree: &OrgTree,
    members: &[u64],
    full_members: &[u64],
    date: NaiveDate,
    rules: &StructureRules,
) -> Vec<Finding> {
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
        if rec.kind != OrgKind::Group {
            if let Some(elected) = rec.elected {
                let due =
                    elected.checked_add_months(Months::new(rules.term_years.saturating_mul(12)));
                if due.is_some_and(|due| due <= date) {
                    let years = date.years_since(elected).unwrap_or(0);
                    push(
                        Severity::Warning,
                        StructureRule::TermExpired,
                        years,
                        rules.term_years,
                        format!(
                            "{}于{}换届，任期{}年已满，应按期换届",
                            rec.name, elected, rules.term_years
                        ),
                    );
                }
            }
        }
    }
    out
}
