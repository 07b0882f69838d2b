//! The annual summary of monthly scores (DOMAIN.md: members are "scored monthly and summed for
//! the year").
//!
//! # Examples
//!
//! ```
//! use dangjian::scoring::{ActivityRecord, Mode, RuleSet, Scorer};
//! let reg = dangjian::Registry::sample_small();
//! let acts = [ActivityRecord::new("a1", "M3", "absent", "2024-05-14".parse()?)];
//! let year = Scorer::new(&reg, &acts, Mode::Strict)?.summarize(&RuleSet::member_default(), "2024".parse()?)?;
//! let m3 = year.subject.iter().position(|s| s == "M3").unwrap();
//! assert_eq!((year.months[m3], year.sum[m3].to_string().as_str()), (12, "715"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::error::ScoringError;
use super::rules::ScoringRules;
use super::semantics::{
    competition_ranks, grade_by, quota_allowed, quota_cut, quota_demotes, Mean,
};
use super::typed::{ScoreTable, Scorer};
use crate::calendar::Period;
use crate::fixed::Fixed;

/// A year (or any run of periods) summed from period tables: one row per subject scored in at
/// least one of them.
///
/// - `sum` is the sum of the subject's period totals, `months` the number of periods scored;
/// - the year grade is the grade the **mean** period total reaches, compared exactly
///   (`sum ≥ min × months`, no division), so that a member who joined in June is graded on
///   the months they were a member; a veto in any period gives the lowest grade;
/// - the top-grade quota of the rule set applies per organization (the one of the subject's
///   last period), with the same rule as for periods (a tie that does not fit is demoted whole);
/// - ranks are competition ranks by mean total (compared exactly by cross-multiplication).
///
/// # Examples
///
/// One absence in May leaves M3 a mean of 59.583 points a month, under the 60 of 基本合格:
///
/// ```
/// use dangjian::scoring::{ActivityRecord, Mode, RuleSet, Scorer};
/// # let reg = dangjian::Registry::sample_small();
/// let acts = [ActivityRecord::new("a1", "M3", "absent", "2024-05-14".parse()?)];
/// let year = Scorer::new(&reg, &acts, Mode::Strict)?.summarize(&RuleSet::member_default(), "2024".parse()?)?;
/// assert_eq!(year.span, "2024-01..2024-12");
/// let m3 = year.subject.iter().position(|s| s == "M3").unwrap();
/// assert_eq!(year.mean[m3].to_string(), "59.583");
/// assert_eq!(year.grade_names[year.grade[m3] as usize], "不合格");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AnnualSummary {
    /// First and last period, e.g. `2025-11..2026-10`.
    pub span: String,
    /// Rule set used for the grades.
    #[schemars(with = "String")]
    pub rule_set: CompactString,
    /// Grade names, best first.
    #[schemars(with = "Vec<String>")]
    pub grade_names: Vec<CompactString>,
    /// Subject.
    #[schemars(with = "Vec<String>")]
    pub subject: Vec<CompactString>,
    /// Organization in the subject's last period.
    #[schemars(with = "Vec<Option<String>>")]
    pub org: Vec<Option<CompactString>>,
    /// Periods scored.
    pub months: Vec<u32>,
    /// Sum of the period totals.
    pub sum: Vec<Fixed>,
    /// Mean period total, rounded half away from zero to a thousandth (for display; grades
    /// and ranks use the exact mean).
    pub mean: Vec<Fixed>,
    /// Year grade index.
    pub grade: Vec<u8>,
    /// Vetoed in at least one period.
    pub vetoed: Vec<bool>,
    /// Demoted by the top-grade quota.
    pub demoted: Vec<bool>,
    /// Rank in the organization by mean total.
    pub rank_in_org: Vec<u32>,
    /// Rank overall by mean total.
    pub rank_overall: Vec<u32>,
}

impl AnnualSummary {
    /// The summary as a table (`annual_summary`, title 积分汇总（span）): one row per subject with
    /// span, subject, org, months, sum, mean, grade (its name), grade_index, vetoed, demoted,
    /// rank_in_org and rank_overall, Chinese headers from the core's vocabulary. Python's
    /// `AnnualSummary` is this table.
    ///
    /// ```
    /// use dangjian::scoring::{AnnualSummary, Mode, RuleSet, Scorer};
    /// use dangjian::table::Table;
    /// let ds = dangjian::synth::sample_community();
    /// let reg = ds.to_registry().unwrap();
    /// let scorer = Scorer::new(&reg, &ds.activities, Mode::Strict).unwrap();
    /// let rules = RuleSet::member_default();
    /// let months: Vec<_> = scorer.score_range(&rules, "2026-01".parse().unwrap(), 10).unwrap()
    ///     .into_iter().map(|s| s.table).collect();
    /// let year = AnnualSummary::from_tables(&months, &rules).unwrap().to_table();
    /// assert_eq!(year.name(), "annual_summary");
    /// assert!(year.rows > 0);
    /// let best = year.sorted_by("rank_overall").unwrap().next().unwrap();
    /// assert_eq!(best.u64("rank_overall"), Some(1));
    /// ```
    pub fn to_table(&self) -> crate::table::OwnedTable {
        use crate::table::{ColumnValues as V, OwnedColumn as C, OwnedTable, Role};
        let s = self;
        let n = s.subject.len();
        let grades: Vec<String> = s
            .grade
            .iter()
            .map(|g| {
                s.grade_names
                    .get(*g as usize)
                    .map_or("", |n| n.as_str())
                    .to_string()
            })
            .collect();
        let u = |v: &[u32]| V::U64(v.iter().map(|x| u64::from(*x)).collect());
        OwnedTable {
            name: "annual_summary".into(),
            title_zh: format!("积分汇总（{}）", s.span),
            rows: n,
            columns: vec![
                C::new(
                    "span",
                    "期间",
                    Role::Key,
                    V::Str(vec![s.span.to_string(); n]),
                ),
                C::new(
                    "subject",
                    "对象",
                    Role::MemberId,
                    V::Str(s.subject.iter().map(|x| x.to_string()).collect()),
                ),
                C::new(
                    "org",
                    "组织编号",
                    Role::Key,
                    V::Str(
                        s.org
                            .iter()
                            .map(|o| o.as_deref().unwrap_or("").to_string())
                            .collect(),
                    ),
                ),
                C::new("months", "计分月数", Role::Value, u(&s.months)),
                C::new("sum", "合计", Role::Value, V::Fixed(s.sum.clone())),
                C::new("mean", "月均", Role::Value, V::Fixed(s.mean.clone())),
                C::new("grade", "等次", Role::Text, V::Str(grades)),
                C::new(
                    "grade_index",
                    "等次序号",
                    Role::Value,
                    V::U64(s.grade.iter().map(|g| u64::from(*g)).collect()),
                ),
                C::new("vetoed", "一票否决", Role::Value, V::Bool(s.vetoed.clone())),
                C::new(
                    "demoted",
                    "名额降等",
                    Role::Value,
                    V::Bool(s.demoted.clone()),
                ),
                C::new("rank_in_org", "组织内排名", Role::Value, u(&s.rank_in_org)),
                C::new("rank_overall", "总排名", Role::Value, u(&s.rank_overall)),
            ],
        }
    }

    /// Sums `tables` (periods of one subject kind) and grades the means under `rules`.
    ///
    /// ```
    /// use dangjian::scoring::{AnnualSummary, Mode, RuleSet, Scorer};
    /// let ds = dangjian::synth::sample_community();
    /// let reg = ds.to_registry().unwrap();
    /// let scorer = Scorer::new(&reg, &ds.activities, Mode::Strict).unwrap();
    /// let rules = RuleSet::member_default();
    /// let months: Vec<_> = scorer.score_range(&rules, "2025-11".parse().unwrap(), 12).unwrap()
    ///     .into_iter().map(|s| s.table).collect();
    /// let year = AnnualSummary::from_tables(&months, &rules).unwrap();
    /// assert_eq!(year.span, "2025-11..2026-10");
    /// let r = year.subject.iter().position(|s| s == "XF001").unwrap();
    /// assert_eq!(year.months[r], 12);
    /// assert_eq!(year.vetoed.iter().filter(|v| **v).count(), 1);
    /// ```
    pub fn from_tables<R: ScoringRules + ?Sized>(
        tables: &[ScoreTable],
        rules: &R,
    ) -> Result<AnnualSummary, ScoringError> {
        let compiled = rules.compiled()?;
        let (rules, c) = (compiled.rules(), &compiled.c);
        let (Some(first), Some(last)) = (tables.first(), tables.last()) else {
            return Err(ScoringError::LimitExceeded {
                what: "periods in an annual summary (at least 1)",
                limit: 1,
                actual: 0,
            });
        };
        if tables.iter().any(|t| t.subject_kind != first.subject_kind) {
            return Err(ScoringError::Incomparable {
                a: first.rule_set.clone(),
                b: last.rule_set.clone(),
                reason: "the tables score different kinds of subjects",
            });
        }
        // subject → (first appearance, org, months, sum, vetoed)
        let mut acc: BTreeMap<CompactString, (usize, Option<CompactString>, u32, i64, bool)> =
            BTreeMap::new();
        let mut seen = 0usize;
        for t in tables {
            for (r, s) in t.subject.iter().enumerate() {
                let e = acc.entry(s.clone()).or_insert_with(|| {
                    seen += 1;
                    (seen, None, 0, 0, false)
                });
                e.1 = t.org.get(r).cloned().flatten();
                e.2 += 1;
                e.3 = e.3.saturating_add(t.total.get(r).map_or(0, |v| v.raw()));
                e.4 |= t.vetoed.get(r).copied().unwrap_or(false);
            }
        }
        let mut rows: Vec<_> = acc.into_iter().collect();
        crate::sort::sort_by_key(&mut rows, |(_, v)| v.0);
        let n = rows.len();
        let mut out = AnnualSummary {
            span: format!("{}..{}", first.period, last.period),
            rule_set: rules.id.clone(),
            grade_names: rules.grades.iter().map(|g| g.name.clone()).collect(),
            subject: Vec::with_capacity(n),
            org: Vec::with_capacity(n),
            months: Vec::with_capacity(n),
            sum: Vec::with_capacity(n),
            mean: Vec::with_capacity(n),
            grade: Vec::with_capacity(n),
            vetoed: Vec::with_capacity(n),
            demoted: vec![false; n],
            rank_in_org: vec![0; n],
            rank_overall: vec![0; n],
        };
        let mut means = Vec::with_capacity(n);
        for (s, (_, org, months, sum, vetoed)) in rows {
            let mean = Mean { sum, n: months };
            out.subject.push(s);
            out.org.push(org);
            out.months.push(months);
            out.sum.push(Fixed::from_raw(sum));
            out.mean.push(Fixed::from_raw(mean.rounded()));
            out.grade
                .push(grade_by(&c.grade_mins, vetoed, |m| mean.reaches(m)));
            out.vetoed.push(vetoed);
            means.push(mean);
        }
        let key = |r: usize| means.get(r).copied().unwrap_or(Mean { sum: 0, n: 1 });
        // Best first: descending by exact mean (stable: ties in row order).
        let mut order: Vec<usize> = (0..n).collect();
        crate::sort::sort_by_key(&mut order, |&r| std::cmp::Reverse(key(r)));
        competition_ranks(order.iter().map(|&r| (key(r), r)), &mut out.rank_overall);
        let mut by_org: BTreeMap<Option<CompactString>, Vec<usize>> = BTreeMap::new();
        for &r in &order {
            by_org
                .entry(out.org.get(r).cloned().flatten())
                .or_default()
                .push(r);
        }
        for members in by_org.values() {
            competition_ranks(members.iter().map(|&r| (key(r), r)), &mut out.rank_in_org);
            if let Some(q) = c.quota {
                let allowed = quota_allowed(members.len(), q);
                let top: Vec<usize> = members
                    .iter()
                    .copied()
                    .filter(|&r| out.grade.get(r) == Some(&0))
                    .collect();
                if let Some(cut) = quota_cut(top.iter().map(|&r| key(r)), allowed) {
                    for r in top {
                        if quota_demotes(&key(r), &cut) {
                            if let Some(g) = out.grade.get_mut(r) {
                                *g = 1;
                            }
                            if let Some(d) = out.demoted.get_mut(r) {
                                *d = true;
                            }
                        }
                    }
                }
            }
        }
        Ok(out)
    }

    /// Pretty JSON.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{AnnualSummary, Mode, RuleSet, Scorer};
    /// # let reg = dangjian::Registry::sample_small();
    /// let year = Scorer::new(&reg, &[], Mode::Strict)?.summarize(&RuleSet::member_default(), "2024-Q4".parse()?)?;
    /// let json = year.to_json();
    /// assert!(json.contains("\"span\": \"2024-10..2024-12\""));
    /// assert_eq!(serde_json::from_str::<AnnualSummary>(&json)?, year);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

impl Scorer<'_> {
    /// The summary of a year or quarter under a rule set of shorter periods: every period of
    /// the rule set's kind inside `period` (the twelve months of `2026`, the three of
    /// `2026-Q4`) scored in one call and summed by [`AnnualSummary::from_tables`] (grade by
    /// the mean period total, 积分管理: "scored monthly and summed for the year"). A period
    /// not longer than the rule set's is a [`ScoringError::WrongPeriod`].
    ///
    /// ```
    /// use dangjian::scoring::{Mode, RuleSet, Scorer};
    /// let ds = dangjian::synth::sample_community();
    /// let reg = ds.to_registry().unwrap();
    /// let scorer = Scorer::new(&reg, &ds.activities, Mode::Strict).unwrap();
    /// let rules = RuleSet::member_default().compile().unwrap();
    /// let q4 = scorer.summarize(&rules, "2026-Q4".parse().unwrap()).unwrap();
    /// assert_eq!(q4.span, "2026-10..2026-12");
    /// let year = scorer.summarize(&rules, "2026".parse().unwrap()).unwrap();
    /// assert_eq!(year.span, "2026-01..2026-12");
    /// let e = scorer.summarize(&rules, "2026-10".parse().unwrap()).unwrap_err();
    /// assert_eq!(e.code(), "wrong_period");
    /// ```
    pub fn summarize<R: ScoringRules + ?Sized>(
        &self,
        rules: &R,
        period: Period,
    ) -> Result<AnnualSummary, ScoringError> {
        let compiled = rules.compiled()?;
        let kind = compiled.period;
        let (whole, part) = (period.kind().months(), kind.months());
        if whole <= part || whole % part != 0 {
            // The periods that sum periods of the rule set's kind.
            let expected = match kind {
                crate::calendar::PeriodKind::Month => "季度或年度",
                crate::calendar::PeriodKind::Quarter => "年度",
                crate::calendar::PeriodKind::Year => "（无：年度规则不再汇总）",
            };
            return Err(ScoringError::WrongPeriod {
                period: period.to_string(),
                expected,
                rule_set: compiled.id.clone(),
            });
        }
        let first = Period::containing(kind, period.start());
        let count = (whole / part) as usize;
        let tables: Vec<ScoreTable> = self
            .score_periods(&compiled, first, count, false)?
            .into_iter()
            .map(|s| s.table)
            .collect();
        AnnualSummary::from_tables(&tables, &*compiled)
    }
}
