//! Branch assessment computed from the community's own records (支部考核 / 支部争先 / 星级支部,
//! issue 23).
//!
//! Seed 001's 百分目标管理考核 (the shipped organization rule set `org-default`: 组织建设 25,
//! 党员管理 20, 服务群众 25, 党风廉政 15, 特色工作 15, deductions per failed requirement) is
//! usually typed in by hand. Here the indicators the library can see are **derived** from its
//! data as organization activities, each with the reason it was derived, and scored with the
//! activities typed in:
//!
//! | item | derived from | one occurrence per |
//! |---|---|---|
//! | `org_building_failed` (组织建设) | meeting compliance (三会一课, 主题党日: [`crate::compliance`]) | required period missed, dated at its last day |
//! | `member_mgmt_failed` (党员管理) | dues collection; the development pipeline | ended quarter with unpaid member-months; step overdue on the assessment date |
//! | `service_failed` (服务群众) | regular service days of the branch's posts ([`crate::practice`]) | ended month in which fewer than half of the expected days were covered |
//!
//! A derived activity's id is `考核:<org>:<item>:<period>` and its note the reason, so an
//! explanation lists every deduction item by item. [`assess`] scores the year and, for each
//! ended quarter, the year to that quarter's end, so branches are compared across quarters.
//!
//! ```
//! use dangjian::assessment::assess;
//! use dangjian::scoring::RuleSet;
//! let ds = dangjian::synth::sample_community();
//! let reg = ds.to_registry().unwrap();
//! let a = assess(&ds, &reg, &RuleSet::org_default(), 2026, "2026-10-31".parse().unwrap()).unwrap();
//! assert_eq!(a.scores.len(), 4); // the four branches
//! assert!(a.derived.iter().all(|d| d.activity.id.starts_with("考核:")));
//! ```

use chrono::NaiveDate;

use crate::calendar::{Month, Period};
use crate::compliance::{Compliance, ComplianceError};
use crate::io::Dataset;
use crate::org::OrgKind;
use crate::registry::Registry;
use crate::scoring::{ActivityRecord, Mode, RuleSet, ScoreTable, Scorer, ScoringError};
use crate::stats::Rollup;
use crate::table::{ColumnValues, OwnedColumn, OwnedTable, Role};

/// Why an assessment could not be made.
///
/// # Examples
///
/// ```
/// use dangjian::assessment::{derive, AssessmentError};
/// # let ds = dangjian::io::Dataset::sample_small();
/// # let reg = ds.to_registry()?;
/// let err = derive(&ds, &reg, 300_000, "2024-03-31".parse()?).unwrap_err();
/// assert_eq!(err, AssessmentError::BadYear { year: 300_000 });
/// assert_eq!(err.to_string(), "考核年度 300000 无效 / assessment year 300000 is invalid");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssessmentError {
    /// The year is outside the dates the library handles.
    #[error("考核年度 {year} 无效 / assessment year {year} is invalid")]
    BadYear {
        /// The year.
        year: i32,
    },
    /// The dues or meeting records are invalid.
    #[error(transparent)]
    Compliance(#[from] ComplianceError),
    /// The activities or the rule set are invalid.
    #[error(transparent)]
    Scoring(#[from] ScoringError),
}

impl AssessmentError {
    /// A stable machine-readable code for the variant.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::assessment::AssessmentError;
    /// assert_eq!(AssessmentError::BadYear { year: 300_000 }.code(), "assessment_bad_year");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            AssessmentError::BadYear { .. } => "assessment_bad_year",
            AssessmentError::Compliance(e) => e.code(),
            AssessmentError::Scoring(e) => e.code(),
        }
    }
}

/// An organization activity derived from the records, with the reason.
///
/// # Examples
///
/// ```
/// use dangjian::assessment::derive;
/// # let ds = dangjian::io::Dataset::sample_small();
/// # let reg = ds.to_registry()?;
/// // M2's probation ended on 2024-03-01 and the conversion is not recorded.
/// let derived = derive(&ds, &reg, 2024, "2024-03-31".parse()?)?;
/// let d = &derived[0];
/// assert_eq!((d.activity.subject.as_str(), d.activity.item.as_str()), ("B1", "member_mgmt_failed"));
/// assert_eq!(d.reason_zh, "M2 预备期满，讨论转正已逾期（规则 conversion_due）");
/// assert_eq!(d.activity.note.as_deref(), Some(d.reason_zh.as_str())); // explained by its note
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DerivedActivity {
    /// The activity to score (id `考核:<org>:<item>:<period>`, the reason in its note).
    pub activity: ActivityRecord,
    /// The reason, in Chinese.
    pub reason_zh: String,
}

/// The assessment of a year.
///
/// # Examples
///
/// ```
/// use dangjian::assessment::assess;
/// use dangjian::scoring::RuleSet;
/// # let ds = dangjian::io::Dataset::sample_small();
/// # let reg = ds.to_registry()?;
/// let a = assess(&ds, &reg, &RuleSet::org_default(), 2024, "2024-03-31".parse()?)?;
/// assert_eq!(a.scores.subject, ["B1", "B2"]);
/// let totals: Vec<String> = a.scores.total.iter().map(|t| t.to_string()).collect();
/// assert_eq!(totals, ["96", "100"]); // B1 loses points for the overdue conversion
/// assert_eq!(a.derived.len(), 1);
/// assert_eq!(a.quarters.rows, 2); // one row per branch
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// The year's scores of the branches (recorded and derived organization activities).
    pub scores: ScoreTable,
    /// The activities derived from the records, in (org, date, id) order.
    pub derived: Vec<DerivedActivity>,
    /// Each branch's score for the year to the end of each ended quarter (empty cells for
    /// quarters not ended by the assessment date).
    pub quarters: OwnedTable,
}

impl Assessment {
    /// The derived activities as a table (org, item, date, reason).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::assessment::assess;
    /// use dangjian::scoring::RuleSet;
    /// # let ds = dangjian::io::Dataset::sample_small();
    /// # let reg = ds.to_registry()?;
    /// let a = assess(&ds, &reg, &RuleSet::org_default(), 2024, "2024-03-31".parse()?)?;
    /// let t = a.derived_table();
    /// assert_eq!((t.name.as_str(), t.rows), ("assessment_derived", 1));
    /// let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_ref()).collect();
    /// assert_eq!(names, ["org", "item", "date", "id", "reason"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn derived_table(&self) -> OwnedTable {
        let d = &self.derived;
        let s = |f: &dyn Fn(&DerivedActivity) -> String| d.iter().map(f).collect::<Vec<_>>();
        let rows = d.len();
        OwnedTable {
            name: "assessment_derived".into(),
            title_zh: "支部考核：由数据自动生成的扣分事项".into(),
            rows,
            columns: vec![
                OwnedColumn::new(
                    "org",
                    "党组织",
                    Role::Key,
                    ColumnValues::Str(s(&|x| x.activity.subject.to_string())),
                ),
                OwnedColumn::new(
                    "item",
                    "考核项目",
                    Role::Key,
                    ColumnValues::Str(s(&|x| x.activity.item.to_string())),
                ),
                OwnedColumn::new(
                    "date",
                    "日期",
                    Role::Value,
                    ColumnValues::Date(d.iter().map(|x| x.activity.date).collect()),
                ),
                OwnedColumn::new(
                    "id",
                    "事项编号",
                    Role::Key,
                    ColumnValues::Str(s(&|x| x.activity.id.to_string())),
                ),
                OwnedColumn::new(
                    "reason",
                    "依据",
                    Role::Text,
                    ColumnValues::Str(s(&|x| x.reason_zh.clone())),
                ),
            ],
        }
    }
}

fn derived(
    org: &str,
    item: &str,
    period: &str,
    date: NaiveDate,
    reason: String,
) -> DerivedActivity {
    let mut a = ActivityRecord::new(&format!("考核:{org}:{item}:{period}"), org, item, date);
    a.note = Some(reason.clone());
    DerivedActivity {
        activity: a,
        reason_zh: reason,
    }
}

/// The organization activities derived from the records of `year` up to `as_of` for every
/// branch (see the module documentation for the indicators).
///
/// # Examples
///
/// ```
/// use dangjian::assessment::derive;
/// let ds = dangjian::io::Dataset::sample_small();
/// let reg = ds.to_registry()?;
/// let before = derive(&ds, &reg, 2024, "2024-02-29".parse()?)?;
/// assert!(before.is_empty()); // nothing overdue yet
/// let after = derive(&ds, &reg, 2024, "2024-03-31".parse()?)?;
/// assert_eq!(after[0].activity.id, "考核:B1:member_mgmt_failed:pipeline:M2:预备期满，讨论转正");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn derive(
    ds: &Dataset,
    reg: &Registry,
    year: i32,
    as_of: NaiveDate,
) -> Result<Vec<DerivedActivity>, AssessmentError> {
    let (Some(jan), Some(dec)) = (Month::new(year, 1), Month::new(year, 12)) else {
        return Err(AssessmentError::BadYear { year });
    };
    if as_of < jan.first_day() {
        return Ok(Vec::new());
    }
    let to = Month::of(as_of).min(dec);
    let tree = reg.tree();
    let is_branch = |id: &str| {
        tree.index(id)
            .and_then(|i| tree.kind(i))
            .is_some_and(|k| k == OrgKind::Branch)
    };
    let mut out = Vec::new();
    let compliance = Compliance::from_dataset(ds, reg)?;
    // 组织建设: each required meeting period missed
    if !ds.meetings.is_empty() || !ds.meeting_requirements.is_empty() {
        let t = compliance.meetings.compliance(reg, jan, to, as_of)?;
        for r in 0..t.len() {
            let (Some(org), Some(kind), Some(missed)) =
                (t.org.get(r), t.kind.get(r), t.missed.get(r))
            else {
                continue;
            };
            if !is_branch(org) {
                continue;
            }
            for label in missed.split('、').filter(|s| !s.is_empty()) {
                let Ok(p) = label.parse::<Period>() else {
                    continue;
                };
                out.push(derived(
                    org,
                    "org_building_failed",
                    &format!("{}:{label}", kind.code()),
                    p.last_day(),
                    format!("{label} 未按要求召开{}（{}）", kind.label(), kind.rule()),
                ));
            }
        }
    }
    // 党员管理: ended quarters with unpaid dues
    if !ds.dues_profiles.is_empty() || !ds.payments.is_empty() {
        for q in 0..4u32 {
            let (Some(first), Some(last)) =
                (Month::new(year, 3 * q + 1), Month::new(year, 3 * q + 3))
            else {
                continue;
            };
            if last.last_day() > as_of {
                break;
            }
            let c = compliance.collection(reg, first, last, as_of, Rollup::Direct)?;
            for r in 0..c.orgs.id.len() {
                let (Some(org), Some(unpaid)) = (c.orgs.id.get(r), c.months_unpaid.get(r)) else {
                    continue;
                };
                if *unpaid > 0 && is_branch(org) {
                    let label = format!("{year}-Q{}", q + 1);
                    out.push(derived(
                        org,
                        "member_mgmt_failed",
                        &format!("dues:{label}"),
                        last.last_day(),
                        format!("{label} 有 {unpaid} 个人月党费未交（党费规定）"),
                    ));
                }
            }
        }
    }
    // 党员管理: development steps overdue on the assessment date
    for p in reg.pipeline_due(as_of).iter().filter(|p| p.overdue) {
        let Some(branch) = reg
            .member_index(&p.member)
            .and_then(|i| reg.state_of(i, as_of).branch)
            .and_then(|b| tree.get(b))
        else {
            continue;
        };
        if branch.kind == OrgKind::Branch && p.date >= jan.first_day() {
            out.push(derived(
                &branch.id,
                "member_mgmt_failed",
                &format!("pipeline:{}:{}", p.member, p.due.label()),
                p.date,
                format!("{} {}已逾期（规则 {}）", p.member, p.due.label(), p.rule),
            ));
        }
    }
    // 服务群众: ended months with under half the service days covered
    for s in &ds.practices.schedules {
        let Some(post) = ds.posts.iter().find(|p| p.id == s.post) else {
            continue;
        };
        if !is_branch(&post.org) {
            continue;
        }
        for m in Month::range(jan, to) {
            if m.last_day() > as_of {
                break;
            }
            let c = crate::practice::report::coverage(
                s,
                Some(post),
                &ds.service,
                m.first_day(),
                m.last_day(),
            );
            let (expected, covered) = (c.expected, c.covered);
            if expected > 0 && covered * 2 < expected {
                out.push(derived(
                    &post.org,
                    "service_failed",
                    &format!("{}:{m}", s.id),
                    m.last_day(),
                    format!("{m} {}到岗 {covered}/{expected} 天，不足一半", s.name),
                ));
            }
        }
    }
    crate::sort::sort_by(&mut out, |a, b| {
        (&a.activity.subject, a.activity.date, &a.activity.id).cmp(&(
            &b.activity.subject,
            b.activity.date,
            &b.activity.id,
        ))
    });
    Ok(out)
}

/// Scores the branches for `year` as of `as_of` with `rules` (an organization rule set with the
/// items above, such as [`RuleSet::org_default`]): the organization activities recorded in the
/// dataset dated up to `as_of` and those derived from the records; and the same for the year to
/// the end of each ended quarter.
///
/// # Examples
///
/// ```
/// use dangjian::assessment::assess;
/// use dangjian::scoring::RuleSet;
/// let ds = dangjian::io::Dataset::sample_small();
/// let reg = ds.to_registry()?;
/// let a = assess(&ds, &reg, &RuleSet::org_default(), 2024, "2024-03-31".parse()?)?;
/// let b1 = a.scores.row_of("B1").ok_or("B1 not scored")?;
/// assert_eq!(a.scores.total[b1].to_string(), "96");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn assess(
    ds: &Dataset,
    reg: &Registry,
    rules: &RuleSet,
    year: i32,
    as_of: NaiveDate,
) -> Result<Assessment, AssessmentError> {
    let period = Period::year(year).ok_or(AssessmentError::BadYear { year })?;
    let recorded: Vec<ActivityRecord> = ds
        .scored_activities()
        .iter()
        .filter(|a| reg.tree().index(&a.subject).is_some())
        .cloned()
        .collect();
    let score_to = |day: NaiveDate| -> Result<(ScoreTable, Vec<DerivedActivity>), AssessmentError> {
        let derived = derive(ds, reg, year, day)?;
        let mut acts: Vec<ActivityRecord> =
            recorded.iter().filter(|a| a.date <= day).cloned().collect();
        acts.extend(derived.iter().map(|d| d.activity.clone()));
        let scorer = Scorer::new(reg, &acts, Mode::Lenient)?;
        Ok((scorer.score(rules, period)?.table, derived))
    };
    let (scores, derived) = score_to(as_of)?;
    let mut cols: Vec<Vec<Option<crate::fixed::Fixed>>> = Vec::new();
    for q in 1..=4u32 {
        let end = Month::new(year, 3 * q).map(|m| m.last_day());
        let col = match end {
            Some(end) if end <= as_of => {
                let (t, _) = score_to(end)?;
                scores
                    .subject
                    .iter()
                    .map(|s| {
                        t.subject
                            .iter()
                            .position(|x| x == s)
                            .and_then(|i| t.total.get(i).copied())
                    })
                    .collect()
            }
            _ => vec![None; scores.subject.len()],
        };
        cols.push(col);
    }
    let names: Vec<String> = scores
        .subject
        .iter()
        .map(|s| {
            reg.tree()
                .index(s)
                .and_then(|i| reg.tree().get(i))
                .map(|o| o.name.to_string())
                .unwrap_or_default()
        })
        .collect();
    let mut columns = vec![
        OwnedColumn::new(
            "org",
            "党组织",
            Role::Key,
            ColumnValues::Str(scores.subject.iter().map(|s| s.to_string()).collect()),
        ),
        OwnedColumn::new("org_name", "名称", Role::Text, ColumnValues::Str(names)),
    ];
    for (q, col) in cols.into_iter().enumerate() {
        columns.push(OwnedColumn::new(
            &format!("q{}", q + 1),
            &format!(
                "截至第{}季度末",
                ["一", "二", "三", "四"].get(q).copied().unwrap_or("")
            ),
            Role::Value,
            ColumnValues::OptFixed(col),
        ));
    }
    columns.push(OwnedColumn::new(
        "total",
        &format!("截至{as_of}"),
        Role::Value,
        ColumnValues::Fixed(scores.total.clone()),
    ));
    let quarters = OwnedTable {
        name: "assessment_quarters".into(),
        title_zh: format!("{year}年支部考核得分（按季度累计）"),
        rows: scores.subject.len(),
        columns,
    };
    Ok(Assessment {
        scores,
        derived,
        quarters,
    })
}
