//! The elections part of the monthly report (换届选举): the latest recorded election of each
//! organization up to the report date, counted by the rules of 选举条例 (quorum of more than four
//! fifths of those expected, a slate at least 20% larger than the seats, more than half of the
//! voting attendees to be elected), with the problems found.
//!
//! ```
//! use dangjian::report::{MonthlyReport, ReportOptions};
//! let ds = dangjian::synth::sample_community();
//! let r = MonthlyReport::build(&ds, 2026, 10, &ReportOptions::default()).unwrap();
//! let e = &r.elections[0]; // the founding election of the general branch committee
//! assert_eq!((e.org.as_str(), e.result.seats), ("Z", 5));
//! assert!(e.result.is_valid());
//! ```

use std::fmt::Write;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::compliance::{count_election, ElectionResult, ElectionRules, RefusedName};
use crate::io::Dataset;
use crate::org::OrgId;
use crate::registry::Registry;

use super::ReportError;

/// One organization's latest election up to the report date.
///
/// # Examples
///
/// ```
/// use dangjian::report::{MonthlyReport, ReportOptions};
/// let ds = dangjian::synth::sample_community();
/// let r = MonthlyReport::build(&ds, 2026, 10, &ReportOptions::default())?;
/// let e = &r.elections[0];
/// assert_eq!(e.org_name, "翔凤社区党总支");
/// assert!(r.elections.iter().all(|e| e.date <= r.as_of));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElectionLine {
    /// The organization.
    pub org: OrgId,
    /// Its name.
    pub org_name: String,
    /// The day of the election.
    pub date: NaiveDate,
    /// Names refused from the record's lists for want of voting rights on the day, each with
    /// its reason and rule (`election_voting_rights`); they are not counted.
    pub refused: Vec<RefusedName>,
    /// The count.
    pub result: ElectionResult,
}

/// The latest election of each organization held on or before `as_of`, in tree order.
pub(crate) fn latest_elections(
    ds: &Dataset,
    reg: &Registry,
    as_of: NaiveDate,
) -> Result<Vec<ElectionLine>, ReportError> {
    let tree = reg.tree();
    let mut latest: Vec<Option<&crate::compliance::ElectionRecord>> = vec![None; tree.len()];
    for e in ds.elections.iter().filter(|e| e.date <= as_of) {
        if let Some(slot) = tree.index(&e.org).and_then(|i| latest.get_mut(i as usize)) {
            if slot.is_none_or(|l| (l.date, &l.id) < (e.date, &e.id)) {
                *slot = Some(e);
            }
        }
    }
    let rules = ElectionRules::default();
    let mut out = Vec::new();
    for (i, e) in latest.into_iter().enumerate() {
        let Some(e) = e else { continue };
        let checked = e.checked_input(reg)?;
        let result = count_election(&checked.input, &rules)?;
        out.push(ElectionLine {
            org: e.org.clone(),
            org_name: tree
                .records()
                .get(i)
                .map(|r| r.name.to_string())
                .unwrap_or_default(),
            date: e.date,
            refused: checked.refused,
            result,
        });
    }
    Ok(out)
}

/// Plain-text rendering of the elections section.
pub(crate) fn render(lines: &[ElectionLine], s: &mut String) {
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(s, "\n十四、换届选举（各组织最近一次）");
    for l in lines {
        let r = &l.result;
        let _ =
            writeln!(
            s,
            "  {} {}：应到{}人（有选举权{}人，请假{}人），实到{}人，{}；候选人{}名、应选{}名，{}",
            l.org_name,
            l.date,
            r.expected,
            r.eligible,
            r.excused,
            r.present,
            if r.quorum_met { "超过五分之四，会议有效" } else { "未超过五分之四，会议无效" },
            r.candidates,
            r.seats,
            if r.competitive { "差额选举" } else { "差额不足20%" },
        );
        let _ = writeln!(
            s,
            "    收回选票{}张，有效{}张，无效{}张（多选{}张）；当选须超过实到人数半数（{}票）；当选{}名：{}{}",
            r.ballots,
            r.valid_ballots,
            r.invalid_ballots,
            r.invalid_too_many,
            r.votes_needed,
            r.elected.len(),
            if r.elected.is_empty() {
                "无".to_string()
            } else {
                r.elected.iter().map(|m| m.as_str()).collect::<Vec<_>>().join("、")
            },
            if r.unfilled > 0 {
                format!("；{}个席位未选出，须另行选举", r.unfilled)
            } else {
                String::new()
            },
        );
        for x in &l.refused {
            let _ = writeln!(
                s,
                "    [不予计入] {}（{}）：{}（规则 {}）",
                x.member,
                x.list.label(),
                x.reason.label(),
                x.rule
            );
        }
    }
}
