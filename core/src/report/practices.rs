//! Section 十七 of the monthly report: the community practices of the month (issue 23) —
//! pairings and pairings left without help, grids, regular service days, co-building units
//! (year to date) and the points declared for review.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::layout::cell;
use crate::io::Dataset;
use crate::practice::report as pr;
use crate::registry::Registry;
use crate::table::{ColumnValues, OwnedTable};

/// Months without help after which a pairing is listed in the report.
pub const IDLE_MONTHS: u32 = 3;

/// The practices of the month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeSection {
    /// Pairings and what was done in the month.
    pub pairings: OwnedTable,
    /// Pairings in force with no help for [`IDLE_MONTHS`] months.
    pub idle: OwnedTable,
    /// Statistics per grid for the month.
    pub grids: OwnedTable,
    /// Coverage of the regular service days in the month.
    pub schedules: OwnedTable,
    /// What the co-building units did from 1 January to the month's end.
    pub cobuild: OwnedTable,
    /// The month's declarations with their review.
    pub declarations: OwnedTable,
}

impl PracticeSection {
    /// The section, or `None` when the dataset has no practice records nor declarations.
    pub(crate) fn build(
        ds: &Dataset,
        reg: &Registry,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<Option<PracticeSection>, super::ReportError> {
        if ds.practices.is_empty() && ds.declarations.is_empty() {
            return Ok(None);
        }
        ds.practices.validate(reg, &ds.posts)?;
        crate::declaration::validate(&ds.declarations, &ds.activities, |id| {
            reg.member_index(id).is_some()
        })?;
        let p = &ds.practices;
        let jan1 = NaiveDate::from_ymd_opt(chrono::Datelike::year(&last), 1, 1).unwrap_or(first);
        Ok(Some(PracticeSection {
            pairings: pr::pairing_activity(p, reg, first, last),
            idle: pr::idle_pairings(p, last, IDLE_MONTHS),
            grids: pr::grid_report(p, reg, first, last),
            schedules: pr::schedule_coverage(p, &ds.posts, &ds.service, first, last),
            cobuild: pr::cobuild_report(p, jan1, last),
            declarations: crate::declaration::review_lines(&ds.declarations, first, last),
        }))
    }

    /// Appends the section's text.
    pub(crate) fn render(&self, s: &mut String) {
        let _ = writeln!(s, "\n十七、社区实践");
        let kinds = strs(&self.pairings, "kind");
        let help = kinds
            .iter()
            .filter(|k| k.as_str() == "一帮一结对帮扶")
            .count();
        let records: u64 = u64s(&self.pairings, "records").iter().sum();
        let _ = writeln!(
            s,
            "  结对帮扶：一帮一结对 {help} 个，党员联系户 {} 个，本月帮扶和走访 {records} 次。",
            kinds.len() - help
        );
        let idle = strs(&self.idle, "pairing");
        if idle.is_empty() {
            let _ = writeln!(s, "  {IDLE_MONTHS}个月以上未开展帮扶或走访的结对：无");
        } else {
            let _ = writeln!(
                s,
                "  {IDLE_MONTHS}个月以上未开展帮扶或走访的结对 {} 个：{}",
                idle.len(),
                idle.join("、")
            );
        }
        if self.grids.rows > 0 {
            let _ = writeln!(s, "网格\t党员\t户数\t本月走访\t走访户数\t未走访户数");
            let names = strs(&self.grids, "name");
            let cols: Vec<Vec<u64>> = [
                "members",
                "households",
                "contacts",
                "households_reached",
                "households_missed",
            ]
            .iter()
            .map(|c| u64s(&self.grids, c))
            .collect();
            for (r, name) in names.iter().enumerate() {
                let v: Vec<String> = cols
                    .iter()
                    .map(|c| c.get(r).copied().unwrap_or(0).to_string())
                    .collect();
                let _ = writeln!(s, "{}\t{}", cell(name), v.join("\t"));
            }
        }
        if self.schedules.rows > 0 {
            let _ = writeln!(s, "固定服务日\t安排\t应服务天数\t到岗天数\t到岗人次");
            let (names, days) = (strs(&self.schedules, "name"), strs(&self.schedules, "days"));
            let (exp, cov, ppl) = (
                u64s(&self.schedules, "expected"),
                u64s(&self.schedules, "covered"),
                u64s(&self.schedules, "people_days"),
            );
            for r in 0..names.len() {
                let _ = writeln!(
                    s,
                    "{}\t{}\t{}\t{}\t{}",
                    cell(names.get(r).map_or("", |x| x.as_str())),
                    days.get(r).map_or("", |x| x.as_str()),
                    exp.get(r).unwrap_or(&0),
                    cov.get(r).unwrap_or(&0),
                    ppl.get(r).unwrap_or(&0)
                );
            }
        }
        if self.cobuild.rows > 0 {
            let _ = writeln!(
                s,
                "区域联建（年初至今）\t共建事项\t承诺\t应开展\t已开展\t差额"
            );
            let (units, what, per) = (
                strs(&self.cobuild, "unit_name"),
                strs(&self.cobuild, "what"),
                strs(&self.cobuild, "per"),
            );
            let (exp, done, short) = (
                u64s(&self.cobuild, "expected"),
                u64s(&self.cobuild, "done"),
                u64s(&self.cobuild, "shortfall"),
            );
            for r in 0..units.len() {
                let _ = writeln!(
                    s,
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    cell(units.get(r).map_or("", |x| x.as_str())),
                    what.get(r).map_or("", |x| x.as_str()),
                    per.get(r).map_or("", |x| x.as_str()),
                    exp.get(r).unwrap_or(&0),
                    done.get(r).unwrap_or(&0),
                    short.get(r).unwrap_or(&0)
                );
            }
        }
        let status = strs(&self.declarations, "status");
        let count = |x: &str| status.iter().filter(|s| s.as_str() == x).count();
        let _ = writeln!(
            s,
            "  积分申报：本月 {} 条，审核通过 {} 条，退回 {} 条，待审核 {} 条（只有审核通过的计入积分）。",
            status.len(),
            count("审核通过"),
            count("退回"),
            count("待审核")
        );
    }
}

fn strs(t: &OwnedTable, name: &str) -> Vec<String> {
    match t.column(name).map(|c| &c.values) {
        Some(ColumnValues::Str(v)) => v.clone(),
        _ => Vec::new(),
    }
}

fn u64s(t: &OwnedTable, name: &str) -> Vec<u64> {
    match t.column(name).map(|c| &c.values) {
        Some(ColumnValues::U64(v)) => v.clone(),
        Some(ColumnValues::I64(v)) => v.iter().map(|x| (*x).max(0) as u64).collect(),
        _ => Vec::new(),
    }
}
