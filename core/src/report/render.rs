use std::fmt::Write;

use super::MonthlyReport;
use crate::org::Severity;
use crate::registry::DueKind;

impl MonthlyReport {
    /// Plain-text rendering with Chinese headings, for the terminal and for printing.
    pub fn render_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{} 月度党建报告 {}年{}月（截至 {}）",
            self.community, self.year, self.month, self.as_of
        );
        let _ = writeln!(s, "\n一、党员队伍（按组织汇总）");
        let _ = writeln!(
            s,
            "{}{}{}{}{}",
            pad("组织", 28),
            lpad("党员", 6),
            lpad("正式", 6),
            lpad("预备", 6),
            lpad("本月增减", 10)
        );
        for o in &self.orgs {
            let name = format!("{}{}", "  ".repeat(o.depth as usize), o.name);
            let _ = writeln!(
                s,
                "{}{:>6}{:>6}{:>6}{:>+10}",
                pad(&name, 28),
                o.members,
                o.full,
                o.probationary,
                o.change
            );
        }
        let f = &self.flows;
        let _ = writeln!(
            s,
            "\n二、本月党员变动：月初 {}，发展 {}，转入 {}，初始登记 {}，转正 {}，转出 {}，去世 {}，其他减少 {}，月末 {}（净增 {:+}）",
            f.start, f.admitted, f.transferred_in, f.registered, f.converted, f.transferred_out, f.died, f.other_exits, f.end, f.net()
        );
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
            let what = match p.due {
                DueKind::Talk => "一个月内谈话",
                DueKind::CandidateEligible => "可列为发展对象",
                DueKind::ConversionDue => "预备期满，讨论转正",
            };
            let flag = if p.overdue { "（已逾期）" } else { "" };
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
            let _ = writeln!(
                s,
                "{}{}{}{}",
                pad("岗位", 26),
                lpad("岗位数", 8),
                lpad("已认领", 8),
                lpad("空缺", 6)
            );
            for r in 0..c.len() {
                let name = c.name.get(r).map(|n| n.as_str()).unwrap_or("");
                let (cap, filled, vac) = (c.capacity.get(r), c.filled.get(r), c.vacancies.get(r));
                let _ = writeln!(
                    s,
                    "{}{:>8}{:>8}{:>6}",
                    pad(name, 26),
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
            let _ = writeln!(
                s,
                "{}{}{}{}{}{}",
                pad("单位", 16),
                lpad("党员", 6),
                lpad("认领", 6),
                lpad("服务时长", 10),
                lpad("已核实", 8),
                lpad("承诺兑现", 10)
            );
            for u in &f.units {
                let kept = format!("{}/{}", u.commitments_kept, u.commitments_due);
                let _ = writeln!(
                    s,
                    "{}{:>6}{:>6}{:>10}{:>8}{:>10}",
                    pad(&u.unit, 16),
                    u.members,
                    u.claims,
                    u.hours.to_string(),
                    u.verified_hours.to_string(),
                    kept
                );
            }
        }
        if let Some(c) = &self.compliance {
            let _ = writeln!(s, "\n九、党费收缴与组织生活");
            s.push_str(&c.render_text());
        }
        self.statistics.render_text(&mut s);
        super::elections::render(&self.elections, &mut s);
        s
    }
}

/// Display width, counting CJK characters as two columns.
pub(super) fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) >= 0x2E80 { 2 } else { 1 })
        .sum()
}

/// Pads on the right to a display width.
pub(super) fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

/// Pads on the left to a display width.
pub(super) fn lpad(s: &str, w: usize) -> String {
    format!("{}{s}", " ".repeat(w.saturating_sub(width(s))))
}
