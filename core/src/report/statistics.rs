//! The statistics part of the monthly report (党员队伍结构与发展情况): membership structure,
//! flows since the community was founded, the development pipeline per stage and the score
//! distribution per organization — every table from [`crate::stats`], rolled up the tree.
//!
//! ```
//! use dangjian::report::{MonthlyReport, ReportOptions};
//! let ds = dangjian::synth::sample_community();
//! let r = MonthlyReport::build(&ds, 2026, 10, &ReportOptions::default()).unwrap();
//! let st = &r.statistics;
//! let z = st.membership.row_of("Z").unwrap();
//! // seed 000: 158 members, 32 of them aged 35 or under
//! assert_eq!(st.membership.counts.age_35_or_under[z], 32);
//! // founded with 121 members, 21 developed since, 158 now
//! let f = st.flows_since_founding.row_of("Z").unwrap();
//! let c = &st.flows_since_founding.counts;
//! assert_eq!((c.opening[f], c.admitted[f], c.closing[f]), (121, 21, 158));
//! ```

use std::fmt::Write;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::org::OrgKind;
use crate::registry::Registry;
use crate::stats::{
    flows_with, membership_with, pipeline_with, score_distribution, FlowTable, MembershipTable,
    OrgColumns, PipelineTable, Rollup, ScoreBands, ScoreDistribution, ScoreEntry, Timelines,
};
use crate::table::Table;

use super::ReportError;

/// Membership statistics of the report, every table rolled up its subtree.
///
/// # Examples
///
/// ```
/// use dangjian::report::{MonthlyReport, ReportOptions};
/// let ds = dangjian::io::Dataset::sample_small();
/// let st = MonthlyReport::build(&ds, 2024, 3, &ReportOptions::default())?.statistics;
/// assert_eq!(st.founded.to_string(), "2020-01-01");
/// let z = st.membership.row_of("Z").ok_or("no Z")?;
/// assert_eq!(st.flows_since_founding.counts.closing[z], 4);
/// assert!(st.scores.is_none()); // no activities
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatisticsSection {
    /// The day the community (its earliest root organization) was founded.
    pub founded: NaiveDate,
    /// Structure on the report date: gender, ethnicity, education, age, standing, category.
    pub membership: MembershipTable,
    /// Flows from the day after the founding to the report date (opening = members registered
    /// by the end of the founding day).
    pub flows_since_founding: FlowTable,
    /// People at each stage of the development pipeline on the report date.
    pub pipeline: PipelineTable,
    /// Distribution of the month's member scores per organization (when activities exist).
    pub scores: Option<ScoreDistribution>,
}

impl StatisticsSection {
    /// Builds the section for `as_of`, with the month's scores when given.
    pub(crate) fn build(
        reg: &Registry,
        as_of: NaiveDate,
        scores: Option<&crate::scoring::ScoreReport>,
    ) -> Result<StatisticsSection, ReportError> {
        let tree = reg.tree();
        let founded = tree
            .records()
            .iter()
            .filter(|r| r.parent.is_none())
            .map(|r| r.founded)
            .min()
            .unwrap_or(as_of);
        let timelines = Timelines::build(reg);
        let start = founded.succ_opt().unwrap_or(founded).min(as_of);
        let flows_since_founding = flows_with(reg, &timelines, start, as_of, Rollup::Subtree)
            .map_err(ReportError::Stats)?;
        let scores = match scores {
            None => None,
            Some(s) => {
                let entries = ScoreEntry::from_scores(&s.table);
                Some(
                    score_distribution(tree, &entries, &score_bands(), Rollup::Subtree)
                        .map_err(ReportError::Stats)?,
                )
            }
        };
        Ok(StatisticsSection {
            founded,
            membership: membership_with(reg, &timelines, as_of, Rollup::Subtree),
            flows_since_founding,
            pipeline: pipeline_with(reg, &timelines, as_of, Rollup::Subtree),
            scores,
        })
    }

    /// The section's tables, for CSV / Excel export.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::report::{MonthlyReport, ReportOptions};
    /// let ds = dangjian::io::Dataset::sample_small();
    /// let st = MonthlyReport::build(&ds, 2024, 3, &ReportOptions::default())?.statistics;
    /// let names: Vec<&str> = st.tables().iter().map(|t| t.name()).collect();
    /// assert_eq!(names.len(), 3); // membership, flows, pipeline; no score distribution
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn tables(&self) -> Vec<&dyn Table> {
        let mut v: Vec<&dyn Table> =
            vec![&self.membership, &self.flows_since_founding, &self.pipeline];
        if let Some(s) = &self.scores {
            v.push(s);
        }
        v
    }

    /// Plain-text rendering (sections 十 to 十三 of the monthly report).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::report::{MonthlyReport, ReportOptions};
    /// let ds = dangjian::io::Dataset::sample_small();
    /// let r = MonthlyReport::build(&ds, 2024, 3, &ReportOptions::default())?;
    /// let mut s = String::new();
    /// r.statistics.render_text(&mut s);
    /// assert!(r.render_text().contains(&s)); // sections 十 to 十三 of the report
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn render_text(&self, s: &mut String) {
        let start = s.len();
        self.render_tabbed(s);
        let tail = super::layout::align_tabs(s.get(start..).unwrap_or_default());
        s.truncate(start);
        s.push_str(&tail);
    }

    /// The section with tab-separated table lines (aligned by the caller).
    fn render_tabbed(&self, s: &mut String) {
        let m = &self.membership;
        let c = &m.counts;
        let rows = report_rows(&m.orgs);
        let _ = writeln!(s, "\n十、党员队伍结构（截至 {}，含下级组织）", m.as_of);
        header(
            s,
            &[
                "党员",
                "男",
                "女",
                "少数民族",
                "大专以上",
                "35岁以下",
                "平均年龄",
                "失联",
            ],
        );
        for &(r, ref name) in &rows {
            let g = |v: &Vec<u64>| v.get(r).copied().unwrap_or(0);
            let share = |n: u64, p: Option<&Option<u64>>| match p.copied().flatten() {
                Some(pm) => format!("{n}({})", permille(pm)),
                None => n.to_string(),
            };
            let avg = m
                .avg_age
                .get(r)
                .copied()
                .flatten()
                .map(one_decimal)
                .unwrap_or_else(|| "-".into());
            line(
                s,
                name,
                &[
                    g(&c.headcount).to_string(),
                    g(&c.male).to_string(),
                    g(&c.female).to_string(),
                    g(&c.minority).to_string(),
                    share(g(&c.college_or_above), m.college_permille.get(r)),
                    share(g(&c.age_35_or_under), m.age_35_or_under_permille.get(r)),
                    avg,
                    g(&c.lost_contact).to_string(),
                ],
            );
        }
        let _ = writeln!(s, "年龄结构");
        header(
            s,
            &[
                "35岁以下",
                "36-45岁",
                "46-55岁",
                "56-65岁",
                "66-75岁",
                "76岁以上",
            ],
        );
        for &(r, ref name) in &rows {
            let cols = [
                &c.age_35_or_under,
                &c.age_36_45,
                &c.age_46_55,
                &c.age_56_65,
                &c.age_66_75,
                &c.age_over_75,
            ];
            line(s, name, &counts_at(&cols, r));
        }
        let _ = writeln!(s, "党龄结构（正式党员）");
        header(
            s,
            &[
                "10年以下",
                "10-19年",
                "20-29年",
                "30-39年",
                "40-49年",
                "50年以上",
            ],
        );
        for &(r, ref name) in &rows {
            let cols = [
                &c.standing_under_10,
                &c.standing_10_19,
                &c.standing_20_29,
                &c.standing_30_39,
                &c.standing_40_49,
                &c.standing_50_plus,
            ];
            line(s, name, &counts_at(&cols, r));
        }
        let _ = writeln!(s, "党员类别");
        header(
            s,
            &[
                "居民",
                "离退休",
                "在职",
                "流动",
                "学生",
                "农民",
                "无业",
                "外出",
            ],
        );
        for &(r, ref name) in &rows {
            let cols = [
                &c.cat_resident,
                &c.cat_retired,
                &c.cat_in_service,
                &c.cat_floating,
                &c.cat_student,
                &c.cat_farmer,
                &c.cat_unemployed,
                &c.floating_out,
            ];
            line(s, name, &counts_at(&cols, r));
        }

        let f = &self.flows_since_founding;
        let fc = &f.counts;
        let _ = writeln!(
            s,
            "\n十一、党员增减（{} 成立至 {}；期初为成立当日登记的党员）",
            self.founded, f.end
        );
        header(
            s,
            &[
                "期初",
                "发展",
                "转入",
                "初始登记",
                "调入",
                "转正",
                "转出",
                "调出",
                "去世",
                "其他",
                "期末",
                "净增",
            ],
        );
        for &(r, ref name) in &report_rows(&f.orgs) {
            let cols = [
                &fc.opening,
                &fc.admitted,
                &fc.transferred_in,
                &fc.registered,
                &fc.moved_in,
                &fc.converted,
                &fc.transferred_out,
                &fc.moved_out,
                &fc.died,
                &fc.other_exits,
                &fc.closing,
            ];
            let mut cells = counts_at(&cols, r);
            cells.push(format!("{:+}", f.net.get(r).copied().unwrap_or(0)));
            line(s, name, &cells);
        }

        let p = &self.pipeline;
        let pc = &p.counts;
        let _ = writeln!(s, "\n十二、发展党员工作（{}，各阶段人数）", p.as_of);
        header(
            s,
            &[
                "申请人",
                "积极分子",
                "发展对象",
                "合计",
                "预备党员",
                "待转正",
            ],
        );
        for &(r, ref name) in &report_rows(&p.orgs) {
            let cols = [
                &pc.applicants,
                &pc.activists,
                &pc.candidates,
                &pc.in_pipeline,
                &pc.probationary,
                &pc.conversion_due,
            ];
            line(s, name, &counts_at(&cols, r));
        }

        if let Some(t) = &self.scores {
            let _ = writeln!(
                s,
                "\n十三、本月积分分布（含下级组织；分数段含下限不含上限）"
            );
            let mut heads: Vec<&str> = vec!["参评"];
            heads.extend(t.band_labels.iter().rev().map(String::as_str));
            heads.extend(["平均分", "中位数", "最高", "最低"]);
            header(s, &heads);
            for &(r, ref name) in &report_rows(&t.orgs) {
                let mut cells = vec![t.n.get(r).copied().unwrap_or(0).to_string()];
                for band in t.bands.iter().rev() {
                    cells.push(band.get(r).copied().unwrap_or(0).to_string());
                }
                for col in [&t.mean, &t.median, &t.max, &t.min] {
                    cells.push(
                        col.get(r)
                            .copied()
                            .flatten()
                            .map(one_decimal)
                            .unwrap_or_else(|| "-".into()),
                    );
                }
                line(s, name, &cells);
            }
        }
    }
}

/// Score ranges of the distribution (half-open, so fractional points fall in exactly one):
/// the thresholds of the typical points table, labelled by range rather than by grade because
/// the top-grade quota can demote a score of 90 or more to the second grade.
fn score_bands() -> ScoreBands {
    ScoreBands {
        thresholds: [60, 75, 90].map(crate::fixed::Fixed::from_int).to_vec(),
        labels_zh: ["<60分", "60-75分", "75-90分", "≥90分"]
            .map(String::from)
            .to_vec(),
    }
}

/// Rows shown in the text report: every organization except groups, indented by depth.
fn report_rows(orgs: &OrgColumns) -> Vec<(usize, String)> {
    let mut depth = vec![0usize; orgs.len()];
    let mut out = Vec::new();
    for r in 0..orgs.len() {
        let d = orgs
            .parent_row
            .get(r)
            .copied()
            .flatten()
            .and_then(|p| depth.get(p).copied())
            .map_or(0, |d| d + 1);
        if let Some(slot) = depth.get_mut(r) {
            *slot = d;
        }
        if orgs.kind.get(r) == Some(&OrgKind::Group) {
            continue;
        }
        let name = orgs.name.get(r).map(|n| n.as_str()).unwrap_or("");
        out.push((r, format!("{}{}", "  ".repeat(d), name)));
    }
    out
}

fn counts_at(cols: &[&Vec<u64>], r: usize) -> Vec<String> {
    cols.iter()
        .map(|c| c.get(r).copied().unwrap_or(0).to_string())
        .collect()
}

/// A per-mille share as a percentage with one decimal (`203` → `20.3%`).
fn permille(pm: u64) -> String {
    format!("{}.{}%", pm / 10, pm % 10)
}

/// An exact decimal rounded half away from zero to one place (`41.275` → `41.3`).
fn one_decimal(f: crate::fixed::Fixed) -> String {
    let raw = f.raw();
    let tenths = (raw + if raw < 0 { -50 } else { 50 }) / 100;
    let sign = if tenths < 0 { "-" } else { "" };
    format!("{sign}{}.{}", (tenths / 10).abs(), (tenths % 10).abs())
}

/// A header line of a table: cells separated by tabs, laid out from the data afterwards
/// (`layout::align_tabs`), so that numbers never run together.
fn header(s: &mut String, heads: &[&str]) {
    let _ = writeln!(s, "组织\t{}", heads.join("\t"));
}

fn line(s: &mut String, name: &str, cells: &[String]) {
    let _ = writeln!(s, "{}\t{}", super::layout::cell(name), cells.join("\t"));
}
