//! The plain-text rendering of the monthly report ([`MonthlyReport::render_text`]): numbered
//! Chinese sections, tables aligned by [`super::layout`], personal numbers masked.
//!
//! # Examples
//!
//! ```
//! use dangjian::report::{MonthlyReport, ReportOptions};
//! let ds = dangjian::io::Dataset::sample_small();
//! let text = MonthlyReport::build(&ds, 2024, 3, &ReportOptions::default())?.render_text();
//! assert!(text.contains("\n二、本月党员变动：月初 4，发展 0，"));
//! assert!(text.contains("[警示] 第二党支部正式党员1名，少于成立支部所需的3名（规则 branch_min_full_members）"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt::Write;

use super::layout::{align_tabs, cell};
use super::MonthlyReport;
use crate::org::Severity;

impl MonthlyReport {
    /// The month's flows in one sentence (section 二 of the text and the printable report).
    pub(crate) fn flows_sentence(&self) -> String {
        let f = &self.flows;
        format!(
            "月初 {}，发展 {}，转入 {}，初始登记 {}，转正 {}，转出 {}，去世 {}，其他减少 {}，月末 {}（净增 {:+}）",
            f.start, f.admitted, f.transferred_in, f.registered, f.converted, f.transferred_out, f.died, f.other_exits, f.end, f.net()
        )
    }

    /// Plain-text rendering with Chinese headings, for the terminal and for printing.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::report::{MonthlyReport, ReportOptions};
    /// let ds = dangjian::io::Dataset::sample_small();
    /// let text = MonthlyReport::build(&ds, 2024, 3, &ReportOptions::default())?.render_text();
    /// assert_eq!(text.lines().next(), Some("示例社区 月度党建报告 2024年3月（截至 2024-03-31）"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn render_text(&self) -> String {
        // the one masking pass at the boundary: a phone or ID number typed into any free-text
        // field (an organization's or a post's name, a work unit) leaves masked (issue 17)
        crate::privacy::redact_personal(&self.render_text_unmasked())
    }

    fn render_text_unmasked(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{} 月度党建报告 {}年{}月（截至 {}）",
            self.community, self.year, self.month, self.as_of
        );
        let _ = writeln!(s, "\n一、党员队伍（按组织汇总）");
        let _ = writeln!(s, "组织\t党员\t正式\t预备\t本月增减");
        for o in &self.orgs {
            let name = format!("{}{}", "  ".repeat(o.depth as usize), cell(&o.name));
            let _ = writeln!(
                s,
                "{name}\t{}\t{}\t{}\t{:+}",
                o.members, o.full, o.probationary, o.change
            );
        }
        let _ = writeln!(s, "\n二、本月党员变动：{}", self.flows_sentence());
        let _ = writeln!(s, "\n三、组织建设提示");
        if self.findings.is_empty() {
            let _ = writeln!(s, "  无");
        }
        for x in &self.findings {
            let level = match x.severity {
                Severity::Warning => "警示",
                Severity::Info => "提示",
            };
            let _ = writeln!(s, "  [{level}] {}（规则 {}）", x.message, x.rule.code());
        }
        let _ = writeln!(s, "\n四、发展党员与预备期（逾期及31天内到期）");
        if self.pipeline.is_empty() {
            let _ = writeln!(s, "  无");
        }
        for p in &self.pipeline {
            let what = p.due.label();
            let flag = if p.due.is_finding() {
                format!("（规则 {}）", p.rule)
            } else if p.overdue {
                "（已逾期）".to_string()
            } else {
                String::new()
            };
            let _ = writeln!(
                s,
                "  {} {} {} {}{}",
                p.member,
                p.stage.label(),
                p.date,
                what,
                flag
            );
        }
        let _ = writeln!(s, "\n五、{}年光荣在党50年", self.year);
        if self.jubilee.is_empty() {
            let _ = writeln!(s, "  无");
        }
        for j in &self.jubilee {
            let _ = writeln!(s, "  {} {} 党龄满50年于 {}", j.member, j.name, j.date);
        }
        if let Some(scores) = &self.scores {
            let _ = writeln!(s, "\n六、积分考核通报");
            s.push_str(&scores.to_text());
        }
        if let Some(posts) = &self.posts {
            let c = &posts.coverage;
            let _ = writeln!(s, "\n七、设岗定责：岗位认领情况（{}）", c.date);
            let _ = writeln!(s, "岗位\t岗位数\t已认领\t空缺");
            for r in 0..c.len() {
                let name = cell(c.name.get(r).map(|n| n.as_str()).unwrap_or(""));
                let (cap, filled, vac) = (c.capacity.get(r), c.filled.get(r), c.vacancies.get(r));
                let _ = writeln!(
                    s,
                    "{name}\t{}\t{}\t{}",
                    cap.unwrap_or(&0),
                    filled.unwrap_or(&0),
                    vac.unwrap_or(&0)
                );
            }
            let f = &posts.feedback;
            let _ = writeln!(
                s,
                "\n八、在职党员到社区报到：向共建单位反馈（{} 至 {}）",
                f.from, f.to
            );
            let _ = writeln!(s, "单位\t党员\t认领\t服务时长\t已核实\t承诺兑现");
            for u in &f.units {
                let _ = writeln!(
                    s,
                    "{}\t{}\t{}\t{}\t{}\t{}/{}",
                    cell(&u.unit),
                    u.members,
                    u.claims,
                    u.hours,
                    u.verified_hours,
                    u.commitments_kept,
                    u.commitments_due
                );
            }
        }
        if let Some(c) = &self.compliance {
            let _ = writeln!(s, "\n九、党费收缴与组织生活");
            s.push_str(&c.render_text());
        }
        self.statistics.render_text(&mut s);
        super::elections::render(&self.elections, &mut s);
        if let Some(y) = &self.year_processes {
            y.render_text(&mut s);
        }
        if !self.agenda.is_empty() {
            let _ = writeln!(s, "\n十六、待办与提醒（逾期及31天内到期）");
            for it in &self.agenda {
                // An organization's row keeps the member column (empty), so items stay aligned.
                let who = if it.member.is_empty() {
                    "\t".to_string()
                } else {
                    format!("\t{} {}", it.member, it.name)
                };
                let _ = writeln!(
                    s,
                    "  {}\t{}\t{}\t{}{who}\t{}",
                    it.due,
                    if it.days_left < 0 {
                        format!("逾期{}天", -it.days_left)
                    } else {
                        format!("剩{}天", it.days_left)
                    },
                    it.rule,
                    cell(&it.org_name),
                    cell(&it.item)
                );
            }
        }
        if let Some(p) = &self.practices {
            p.render(&mut s);
        }
        align_tabs(&s)
    }
}
