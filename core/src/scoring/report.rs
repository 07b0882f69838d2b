//! The monthly report (一月一考核一通报, seed 003): ranking per branch, grades, top movers and
//! warnings.
//!
//! # Examples
//!
//! ```
//! use dangjian::scoring::{Mode, RuleSet, ScoreReport, Scorer};
//! let reg = dangjian::Registry::sample_small();
//! let scorer = Scorer::new(&reg, &[], Mode::Strict)?;
//! let report = ScoreReport::build(&scorer, &RuleSet::member_default(), "2024-03".parse()?, "示例社区")?;
//! assert_eq!(report.names, ["张**", "李*", "王**", "赵**"]); // masked
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;
use std::fmt::Write as _;

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::error::{Diagnostic, ScoringError};
use super::rules::ScoringRules;
use super::typed::{ScoreTable, Scorer};
use crate::calendar::Period;

/// A member whose overall rank moved since the previous period.
///
/// # Examples
///
/// M3 led February with a meeting; in March M1 does:
///
/// ```
/// use dangjian::scoring::{ActivityRecord, Mode, RuleSet, ScoreReport, Scorer};
/// # let reg = dangjian::Registry::sample_small();
/// let acts = [ActivityRecord::new("a1", "M3", "meeting", "2024-02-06".parse()?),
///     ActivityRecord::new("a2", "M1", "meeting", "2024-03-05".parse()?)];
/// let scorer = Scorer::new(&reg, &acts, Mode::Strict)?;
/// let report = ScoreReport::build(&scorer, &RuleSet::member_default(), "2024-03".parse()?, "示例社区")?;
/// let m1 = report.movers.iter().find(|m| m.subject == "M1").unwrap();
/// assert_eq!((m1.rank_before, m1.rank_now, m1.gained), (2, 1, 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Mover {
    /// The subject.
    #[schemars(with = "String")]
    pub subject: CompactString,
    /// Overall rank in the previous period.
    pub rank_before: u32,
    /// Overall rank now.
    pub rank_now: u32,
    /// Places gained (negative: lost).
    pub gained: i64,
}

/// A period's public report: the score table, the previous period's table, top movers and
/// warnings. Names are masked (surname plus `*`).
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{ActivityRecord, Mode, RuleSet, ScoreReport, Scorer};
/// # let reg = dangjian::Registry::sample_small();
/// let acts = [ActivityRecord::new("a1", "M3", "absent", "2024-03-19".parse()?)];
/// let scorer = Scorer::new(&reg, &acts, Mode::Strict)?;
/// let report = ScoreReport::build(&scorer, &RuleSet::member_default(), "2024-03".parse()?, "示例社区")?;
/// assert_eq!(report.table.len(), 4);
/// assert_eq!(report.org_names[report.table.row_of("M4").unwrap()], "第二党支部");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
// The JSON schema keeps its name (the TypeScript type `MonthlyReport` of the WASM package).
#[schemars(rename = "MonthlyReport")]
pub struct ScoreReport {
    /// Community name.
    pub community: String,
    /// The scores.
    pub table: ScoreTable,
    /// Masked display name of each row.
    pub names: Vec<String>,
    /// Display name of each row's organization.
    pub org_names: Vec<String>,
    /// Top five gainers then top five losers of overall rank.
    pub movers: Vec<Mover>,
    /// Things to look at, in Chinese.
    pub warnings: Vec<String>,
    /// Activities left out (lenient mode).
    pub diagnostics: Vec<Diagnostic>,
}

impl ScoreReport {
    /// Builds the report of `period` (movers against the period before).
    ///
    /// ```
    /// use dangjian::scoring::{Mode, ScoreReport, RuleSet, Scorer};
    /// let ds = dangjian::synth::sample_community();
    /// let reg = ds.to_registry().unwrap();
    /// let scorer = Scorer::new(&reg, &ds.activities, Mode::Lenient).unwrap();
    /// let r = ScoreReport::build(&scorer, &RuleSet::member_default(), "2026-10".parse().unwrap(), "翔凤社区").unwrap();
    /// let text = r.to_text();
    /// assert!(text.contains("第一党支部"));
    /// assert!(text.contains("优秀"));
    /// ```
    pub fn build<R: ScoringRules + ?Sized>(
        scorer: &Scorer<'_>,
        rules: &R,
        period: Period,
        community: &str,
    ) -> Result<ScoreReport, ScoringError> {
        let compiled = rules.compiled()?;
        let mut both = scorer.score_range(&*compiled, period.prev(), 2)?;
        let rules = compiled.rules();
        debug_assert_eq!(both.len(), 2, "score_range(.., 2) gives two periods");
        let now = both.pop().ok_or(ScoringError::Internal {
            what: "score_range gave no period for a count of 2",
        })?;
        let before = both.pop().map(|s| s.table);
        let t = now.table;
        let reg = scorer.registry();
        let names = t
            .subject
            .iter()
            .map(|s| match t.subject_kind {
                super::rules::SubjectKind::Member => reg
                    .member_index(s)
                    .and_then(|i| reg.member(i))
                    .map(|m| m.name.masked())
                    .unwrap_or_default(),
                super::rules::SubjectKind::Organization => reg
                    .tree()
                    .index(s)
                    .and_then(|i| reg.tree().get(i))
                    .map(|r| r.name.to_string())
                    .unwrap_or_default(),
            })
            .collect();
        let org_names = t
            .org
            .iter()
            .map(|o| {
                o.as_ref()
                    .and_then(|o| reg.tree().index(o))
                    .and_then(|i| reg.tree().get(i))
                    .map(|r| r.name.to_string())
                    .unwrap_or_default()
            })
            .collect();
        let mut movers = Vec::new();
        if let Some(b) = &before {
            // The previous period's row of each subject, looked up once: `ScoreTable::row_of`
            // scans, and calling it for every row made the report quadratic (1.5–2.2 s for
            // 20,000 members where scoring takes 55 ms).
            let before_row: HashMap<&str, usize> = b
                .subject
                .iter()
                .enumerate()
                .map(|(r, s)| (s.as_str(), r))
                .collect();
            let mut all: Vec<Mover> = t
                .subject
                .iter()
                .enumerate()
                .filter_map(|(r, s)| {
                    let rb = *before_row.get(s.as_str())?;
                    let before = b.rank_overall.get(rb).copied()?;
                    let now = t.rank_overall.get(r).copied()?;
                    Some(Mover {
                        subject: s.clone(),
                        rank_before: before,
                        rank_now: now,
                        gained: i64::from(before) - i64::from(now),
                    })
                })
                .filter(|m| m.gained != 0)
                .collect();
            crate::sort::sort_by(&mut all, |x, y| {
                y.gained.cmp(&x.gained).then(x.subject.cmp(&y.subject))
            });
            movers.extend(all.iter().filter(|m| m.gained > 0).take(5).cloned());
            let mut down: Vec<Mover> = all.iter().filter(|m| m.gained < 0).cloned().collect();
            crate::sort::sort_by(&mut down, |x, y| {
                x.gained.cmp(&y.gained).then(x.subject.cmp(&y.subject))
            });
            movers.extend(down.into_iter().take(5));
        }
        let mut warnings = Vec::new();
        let last = t.grade_names.len().saturating_sub(1);
        let lowest = t.grade_names.last().map_or("", |s| s.as_str());
        for r in 0..t.len() {
            let s = t.subject.get(r).map_or("", |s| s.as_str());
            if t.vetoed.get(r).copied().unwrap_or(false) {
                warnings.push(format!("{s}：一票否决，评为{lowest}"));
            } else if t.grade.get(r).copied() == Some(last as u8) && last > 0 {
                warnings.push(format!(
                    "{s}：总分 {}，评为{lowest}，请支部谈心谈话",
                    t.total.get(r).map(|v| v.to_string()).unwrap_or_default()
                ));
            }
            if t.demoted.get(r).copied().unwrap_or(false) {
                let top = t.grade_names.first().map_or("", |s| s.as_str());
                let pct = rules
                    .top_quota
                    .map(|q| q.percent.to_string())
                    .unwrap_or_default();
                warnings.push(format!(
                    "{s}：总分 {} 达到{top}，因{top}名额不超过{pct}%调整为{}",
                    t.total.get(r).map(|v| v.to_string()).unwrap_or_default(),
                    t.grade_name(r)
                ));
            }
        }
        let quiet = (0..t.len())
            .filter(|&r| {
                t.basic.get(r).is_some_and(|v| v.is_zero())
                    && t.reward.get(r).is_some_and(|v| v.is_zero())
                    && t.deduction.get(r).is_some_and(|v| v.is_zero())
                    && !t.vetoed.get(r).copied().unwrap_or(false)
            })
            .count();
        if quiet > 0 {
            warnings.push(format!("{quiet} 名党员本月没有任何积分记录"));
        }
        if !now.diagnostics.is_empty() {
            warnings.push(format!(
                "{} 条积分记录未计入（见诊断信息）",
                now.diagnostics.len()
            ));
        }
        Ok(ScoreReport {
            community: community.into(),
            table: t,
            names,
            org_names,
            movers,
            warnings,
            diagnostics: now.diagnostics,
        })
    }

    /// The report as plain text.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{Mode, RuleSet, ScoreReport, Scorer};
    /// # let reg = dangjian::Registry::sample_small();
    /// let scorer = Scorer::new(&reg, &[], Mode::Strict)?;
    /// let text = ScoreReport::build(&scorer, &RuleSet::member_default(), "2024-03".parse()?, "示例社区")?.to_text();
    /// assert!(text.starts_with("示例社区 2024-03 积分考核通报（规则 member-default 第1版）\n"), "{text}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_text(&self) -> String {
        let t = &self.table;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} {} 积分考核通报（规则 {} 第{}版）",
            self.community, t.period, t.rule_set, t.rule_version
        );
        let mut counts = vec![0usize; t.grade_names.len()];
        for g in &t.grade {
            if let Some(c) = counts.get_mut(*g as usize) {
                *c += 1;
            }
        }
        let summary: Vec<String> = t
            .grade_names
            .iter()
            .zip(&counts)
            .map(|(n, c)| format!("{n} {c}"))
            .collect();
        let vetoed = t.vetoed.iter().filter(|v| **v).count();
        let _ = writeln!(
            out,
            "参评 {} 人：{}；一票否决 {} 人",
            t.len(),
            summary.join("，"),
            vetoed
        );
        // Organizations in order of first appearance, rows by rank in the organization.
        let mut orgs: Vec<Option<&CompactString>> = Vec::new();
        for o in &t.org {
            if !orgs.contains(&o.as_ref()) {
                orgs.push(o.as_ref());
            }
        }
        crate::sort::sort(&mut orgs);
        for o in orgs {
            let mut rows: Vec<usize> = (0..t.len())
                .filter(|&r| t.org.get(r).map(|x| x.as_ref()) == Some(o))
                .collect();
            crate::sort::sort_by_key(&mut rows, |&r| (t.rank_in_org.get(r).copied(), r));
            let name = rows
                .first()
                .and_then(|&r| self.org_names.get(r))
                .cloned()
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "\n【{} {}】{} 人",
                o.map_or("-", |s| s.as_str()),
                name,
                rows.len()
            );
            let _ = writeln!(
                out,
                "{}  {}{}{}  {}{}{}",
                pad_left("名次", 4),
                pad("编号", 8),
                pad("姓名", 8),
                pad_left("总分", 7),
                pad("等次", 10),
                pad("星级", 7),
                pad_left("总名次", 6)
            );
            for r in rows {
                let stars = t.stars.get(r).copied().unwrap_or(0) as usize;
                let mut flag = String::new();
                if t.vetoed.get(r).copied().unwrap_or(false) {
                    flag.push_str(" 否决");
                }
                if t.demoted.get(r).copied().unwrap_or(false) {
                    flag.push_str(" 限额调整");
                }
                let _ = writeln!(
                    out,
                    "{}  {}{}{}  {}{}{}{}",
                    pad_left(&t.rank_in_org.get(r).copied().unwrap_or(0).to_string(), 4),
                    pad(t.subject.get(r).map_or("", |s| s.as_str()), 8),
                    pad(self.names.get(r).map_or("", |s| s.as_str()), 8),
                    pad_left(
                        &t.total.get(r).map(|v| v.to_string()).unwrap_or_default(),
                        7
                    ),
                    pad(t.grade_name(r), 10),
                    pad(&"★".repeat(stars), 7),
                    pad_left(&t.rank_overall.get(r).copied().unwrap_or(0).to_string(), 6),
                    flag
                );
            }
        }
        if !self.movers.is_empty() {
            let _ = writeln!(out, "\n【名次变化最大】（与 {} 相比）", t.period.prev());
            for m in &self.movers {
                let arrow = if m.gained > 0 { "↑" } else { "↓" };
                let _ = writeln!(
                    out,
                    "  {:<8} 第{}名 → 第{}名 {}{}",
                    m.subject,
                    m.rank_before,
                    m.rank_now,
                    arrow,
                    m.gained.abs()
                );
            }
        }
        if !self.warnings.is_empty() {
            let _ = writeln!(out, "\n【提示】");
            for w in &self.warnings {
                let _ = writeln!(out, "  - {w}");
            }
        }
        out
    }
}

/// Display width of `s` in a terminal: wide (CJK) characters count two columns (the star sign,
/// of ambiguous width, one).
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let u = c as u32;
            if (0x1100..=0x115F).contains(&u)
                || (0x2E80..=0xA4CF).contains(&u)
                || (0xAC00..=0xD7A3).contains(&u)
                || (0xF900..=0xFAFF).contains(&u)
                || (0xFE30..=0xFE4F).contains(&u)
                || (0xFF00..=0xFF60).contains(&u)
                || (0xFFE0..=0xFFE6).contains(&u)
            {
                2
            } else {
                1
            }
        })
        .sum()
}

/// `s` padded on the right to `w` columns.
fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

/// `s` padded on the left to `w` columns.
fn pad_left(s: &str, w: usize) -> String {
    format!("{}{s}", " ".repeat(w.saturating_sub(width(s))))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::scoring::{Mode, RuleSet};

    /// The movers come from the previous period's rows looked up by subject (a hash map since
    /// the report stopped scanning the table once per row): the same ranks as a plain scan.
    #[test]
    fn movers_match_a_scan_of_the_previous_table() {
        let ds = crate::synth::sample_community();
        let reg = ds.to_registry().unwrap();
        let scorer = Scorer::new(&reg, &ds.activities, Mode::Lenient).unwrap();
        let rules = RuleSet::member_default();
        let p: Period = "2026-10".parse().unwrap();
        let r = ScoreReport::build(&scorer, &rules, p, "翔凤社区").unwrap();
        let before = scorer.score(&rules, p.prev()).unwrap().table;
        assert!(!r.movers.is_empty());
        for m in &r.movers {
            let rb = before.row_of(&m.subject).unwrap();
            let rn = r.table.row_of(&m.subject).unwrap();
            assert_eq!(m.rank_before, before.rank_overall[rb]);
            assert_eq!(m.rank_now, r.table.rank_overall[rn]);
            assert_eq!(m.gained, i64::from(m.rank_before) - i64::from(m.rank_now));
        }
    }
}
