//! A one-month compliance summary for the monthly report (月度党建报告).

use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::{ArrearsTable, Compliance, ComplianceError, Fen, Month, MonthStatus};
use crate::registry::Registry;
use crate::stats::{basis_points, Rollup};

/// Key compliance figures of one month, as of its last day: dues of the month and of the year
/// to date, members flagged under 党章 art. 9 (six consecutive months without paying dues or
/// without organization life, looking back twelve months), meeting periods missed this year,
/// attendance, and special dues.
///
/// ```
/// use dangjian::compliance::{Compliance, Month};
/// let ds = dangjian::synth::sample_community();
/// let reg = ds.to_registry().unwrap();
/// let c = Compliance::from_dataset(&ds, &reg).unwrap();
/// let s = c.summary(&reg, "2026-09".parse::<Month>().unwrap()).unwrap();
/// assert_eq!(s.dues_flagged.len(), 2);
/// assert!(s.render_text().contains("党费"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplianceSummary {
    /// The month.
    pub month: Month,
    /// Its last day: every figure is as of this day.
    pub as_of: NaiveDate,
    /// Dues of the month's member-months with a known amount, in fen.
    pub month_due: Fen,
    /// Collected towards them by `as_of` (each month capped at its dues), in fen.
    pub month_collected: Fen,
    /// Member-months of the month paid in full.
    pub month_paid: u64,
    /// Member-months of the month.
    pub month_member_months: u64,
    /// Dues assessed from January to the month (overdue months only), in fen.
    pub ytd_due: Fen,
    /// Collected towards them, in fen.
    pub ytd_collected: Fen,
    /// `ytd_collected / ytd_due` in basis points, rounded down.
    pub ytd_rate_bp: Option<u64>,
    /// Members with unpaid or part-paid months in the twelve months to the month.
    pub members_in_arrears: u64,
    /// Members six or more consecutive months unpaid without a reason (党章 art. 9).
    pub dues_flagged: Vec<CompactString>,
    /// Special dues received from January to the month, in fen.
    pub special_dues_ytd: Fen,
    /// Meetings held in the month.
    pub meetings_held: u64,
    /// Meeting periods missed from January to the month: `org kind period`.
    pub periods_missed: Vec<String>,
    /// Attendance at the month's meetings, in basis points of those expected.
    pub attendance_bp: Option<u64>,
    /// Members absent without leave six or more months running (党章 art. 9).
    pub absence_flagged: Vec<CompactString>,
}

impl Compliance {
    /// The compliance summary of `month` (see [`ComplianceSummary`]).
    pub fn summary(
        &self,
        reg: &Registry,
        month: Month,
    ) -> Result<ComplianceSummary, ComplianceError> {
        let as_of = month.last_day();
        let year_start = Month::new(month.year(), 1).unwrap_or(month);
        let back = month.back(11);
        let ledger = self.ledger(reg, back, month, as_of)?;
        let arrears = ArrearsTable::from_ledger(reg, &ledger, &self.policy);
        let (mut month_due, mut month_collected, mut month_paid, mut month_n) = (0, 0, 0, 0);
        let (mut ytd_due, mut ytd_collected) = (0i64, 0i64);
        for k in 0..ledger.len() {
            let (Some(&mo), Some(&st), Some(&due), Some(&paid)) = (
                ledger.month.get(k),
                ledger.status.get(k),
                ledger.due.get(k),
                ledger.paid.get(k),
            ) else {
                continue;
            };
            if mo == month {
                month_n += 1;
                if st.is_paid() {
                    month_paid += 1;
                }
                if let Some(d) = due {
                    month_due += d;
                    month_collected += paid.min(d);
                }
            }
            let assessed = matches!(
                st,
                MonthStatus::Paid | MonthStatus::Late | MonthStatus::Partial | MonthStatus::Unpaid
            );
            if mo >= year_start && assessed {
                if let Some(d) = due {
                    ytd_due = ytd_due.saturating_add(d);
                    ytd_collected = ytd_collected.saturating_add(paid.min(d));
                }
            }
        }
        let special_dues_ytd = self
            .dues
            .special()
            .iter()
            .filter(|(_, r)| r.date >= year_start.first_day() && r.date <= as_of)
            .map(|(_, r)| r.amount)
            .fold(0i64, i64::saturating_add);
        let comp = self.meetings.compliance(reg, year_start, month, as_of)?;
        let periods_missed = (0..comp.len())
            .filter(|&k| !comp.compliant.get(k).copied().unwrap_or(true))
            .map(|k| {
                format!(
                    "{} {} {}",
                    comp.org.get(k).map(|s| s.as_str()).unwrap_or(""),
                    comp.kind.get(k).map(|x| x.label()).unwrap_or(""),
                    comp.missed.get(k).map(String::as_str).unwrap_or("")
                )
            })
            .collect();
        let org_att = self
            .meetings
            .org_attendance(reg, month, month, as_of, Rollup::Subtree)?;
        let roots: Vec<usize> = (0..org_att.orgs.len())
            .filter(|&r| org_att.orgs.parent_row.get(r).copied().flatten().is_none())
            .collect();
        let sum = |v: &[u64]| roots.iter().filter_map(|&r| v.get(r)).sum::<u64>();
        let meetings_held = self
            .meetings
            .detail(reg, month, month, as_of)?
            .meeting
            .iter()
            .collect::<std::collections::HashSet<_>>()
            .len() as u64;
        let att = self
            .meetings
            .attendance(reg, back, month, as_of, self.policy.flag_months)?;
        Ok(ComplianceSummary {
            month,
            as_of,
            month_due,
            month_collected,
            month_paid,
            month_member_months: month_n,
            ytd_due,
            ytd_collected,
            ytd_rate_bp: basis_points(ytd_collected.max(0) as u64, ytd_due.max(0) as u64),
            members_in_arrears: arrears.member.len() as u64,
            dues_flagged: arrears.flagged_ids().into_iter().map(Into::into).collect(),
            special_dues_ytd,
            meetings_held,
            periods_missed,
            attendance_bp: basis_points(sum(&org_att.attended), sum(&org_att.expected)),
            absence_flagged: att.flagged_ids().into_iter().map(Into::into).collect(),
        })
    }
}

fn yuan(fen: Fen) -> String {
    format!("{}.{:02}", fen / 100, (fen % 100).abs())
}

fn pct(bp: Option<u64>) -> String {
    bp.map(|b| format!("{}.{:02}%", b / 100, b % 100))
        .unwrap_or_else(|| "—".into())
}

impl ComplianceSummary {
    /// The summary as a few lines of Chinese text (member ids only, no names).
    pub fn render_text(&self) -> String {
        let mut s = String::new();
        s.push_str(&format!(
            "党费：本月应交{}元，已交{}元（{}/{}人次交清）；本年累计收缴率{}（{}/{}元）\n",
            yuan(self.month_due),
            yuan(self.month_collected),
            self.month_paid,
            self.month_member_months,
            pct(self.ytd_rate_bp),
            yuan(self.ytd_collected),
            yuan(self.ytd_due)
        ));
        s.push_str(&format!(
            "欠缴党费党员{}名；连续六个月未交纳党费（党章第九条）：{}\n",
            self.members_in_arrears,
            list(&self.dues_flagged)
        ));
        if self.special_dues_ytd > 0 {
            s.push_str(&format!(
                "本年特殊党费：{}元\n",
                yuan(self.special_dues_ytd)
            ));
        }
        s.push_str(&format!(
            "组织生活：本月召开会议{}次，出席率{}；连续六个月未参加组织生活（党章第九条）：{}\n",
            self.meetings_held,
            pct(self.attendance_bp),
            list(&self.absence_flagged)
        ));
        if self.periods_missed.is_empty() {
            s.push_str("“三会一课”：本年各项均按要求落实\n");
        } else {
            s.push_str("“三会一课”未按要求落实：\n");
            for m in &self.periods_missed {
                s.push_str(&format!("  {m}\n"));
            }
        }
        s
    }
}

fn list(ids: &[CompactString]) -> String {
    if ids.is_empty() {
        "无".into()
    } else {
        ids.iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("、")
    }
}
