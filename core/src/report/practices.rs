//! Section 十七 of the monthly report: the community practices of the month (issue 23) —
//! pairings and pairings left without help, grids, regular service days, co-building units
//! (year to date) and the points declared for review.
//!
//! # Examples
//!
//! ```
//! use dangjian::report::{MonthlyReport, ReportOptions};
//! let ds = dangjian::synth::sample_community();
//! let r = MonthlyReport::build(&ds, 2026, 10, &ReportOptions::default())?;
//! let section = r.practices.as_ref().ok_or("the sample records practices")?;
//! assert!(section.cobuild.rows >= 13); // seed 002: the community and 13 units ("1+13")
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::layout::cell;
use crate::io::Dataset;
use crate::practice::report as pr;
use crate::registry::Registry;
use crate::table::{Cell, ColumnValues, OwnedTable, Table};

/// Months without help after which a pairing is listed in the report.
///
/// # Examples
///
/// ```
/// use dangjian::practice::report::idle_pairings;
/// use dangjian::report::{MonthlyReport, ReportOptions, IDLE_MONTHS};
/// let ds = dangjian::synth::sample_community();
/// let r = MonthlyReport::build(&ds, 2026, 10, &ReportOptions::default())?;
/// let section = r.practices.as_ref().ok_or("the sample records practices")?;
/// assert_eq!(section.idle, idle_pairings(&ds.practices, r.as_of, IDLE_MONTHS));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const IDLE_MONTHS: u32 = 3;

/// The practices of the month.
///
/// # Examples
///
/// ```
/// use dangjian::report::{MonthlyReport, ReportOptions};
/// let ds = dangjian::synth::sample_community();
/// let r = MonthlyReport::build(&ds, 2026, 10, &ReportOptions::default())?;
/// let section = r.practices.as_ref().ok_or("the sample records practices")?;
/// assert_eq!(section.grids.rows, 9); // seed 004
/// assert!(r.render_text().contains("十七"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
        let kinds = self
            .pairings
            .values("kind")
            .and_then(ColumnValues::as_strs)
            .unwrap_or_default();
        let help = kinds
            .iter()
            .filter(|k| k.as_str() == "一帮一结对帮扶")
            .count();
        let records: u64 = self
            .pairings
            .values("records")
            .and_then(ColumnValues::as_u64s)
            .unwrap_or_default()
            .iter()
            .sum();
        let _ = writeln!(
            s,
            "  结对帮扶：一帮一结对 {help} 个，党员联系户 {} 个，本月帮扶和走访 {records} 次。",
            kinds.len() - help
        );
        let idle = self
            .idle
            .values("pairing")
            .and_then(ColumnValues::as_strs)
            .unwrap_or_default();
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
        let tables: [(&OwnedTable, &str, &[&str]); 3] = [
            (
                &self.grids,
                "网格\t党员\t户数\t本月走访\t走访户数\t未走访户数",
                &[
                    "name",
                    "members",
                    "households",
                    "contacts",
                    "households_reached",
                    "households_missed",
                ],
            ),
            (
                &self.schedules,
                "固定服务日\t安排\t应服务天数\t到岗天数\t到岗人次",
                &["name", "days", "expected", "covered", "people_days"],
            ),
            (
                &self.cobuild,
                "区域联建（年初至今）\t共建事项\t承诺\t应开展\t已开展\t差额",
                &["unit_name", "what", "per", "expected", "done", "shortfall"],
            ),
        ];
        for (table, header, columns) in tables {
            if table.rows == 0 {
                continue;
            }
            let _ = writeln!(s, "{header}");
            for row in table.rows() {
                let line: Vec<String> = columns
                    .iter()
                    .map(|c| match row.get(c) {
                        Some(v @ Cell::U64(_)) => v.to_string(),
                        Some(Cell::Str(t)) => cell(&t),
                        _ => String::new(),
                    })
                    .collect();
                let _ = writeln!(s, "{}", line.join("\t"));
            }
        }
        let status = self
            .declarations
            .values("status")
            .and_then(ColumnValues::as_strs)
            .unwrap_or_default();
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
