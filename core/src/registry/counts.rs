//! Counts and flows of a registry, from each member's membership spells: members per
//! organization on a date, headcounts, the flows of an interval, exits and structure findings.
//!
//! # Examples
//!
//! ```
//! # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
//! let reg = dangjian::Registry::sample_small();
//! let f = reg.flows(d("2023-01-01"), d("2023-12-31"));
//! assert_eq!(f.end, reg.headcount_on(d("2023-12-31")));
//! assert_eq!(reg.counts_on(d("2023-12-31")).total(), f.end);
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{MemberIdx, Registry};
use crate::member::{
    step, Event, EventKind, ExitReason, MemberState, ReplayContext, RuleViolation, Stage,
};
use crate::org::{OrgIdx, OrgTree};

/// A stretch of days during which a member held one status in one branch:
/// `from` inclusive, `to` exclusive (`NaiveDate::MAX` while still running).
///
/// # Examples
///
/// ```
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// let reg = dangjian::Registry::sample_small();
/// let m1 = reg.member_index("M1").ok_or("M1")?;
/// let spell = reg.spells_of(m1)[0]; // transferred into B1 on 2020-01-01, still there
/// assert_eq!((spell.branch, spell.full), (reg.tree().index("B1").ok_or("B1")?, true));
/// assert_eq!(spell.to, dangjian::chrono::NaiveDate::MAX);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spell {
    /// The branch.
    pub branch: OrgIdx,
    /// Full member (otherwise probationary).
    pub full: bool,
    /// First day.
    pub from: NaiveDate,
    /// Day after the last day.
    pub to: NaiveDate,
}

impl Spell {
    /// Whether the spell covers `date`. A running spell (`to == NaiveDate::MAX`) covers every
    /// day from `from` on, `NaiveDate::MAX` included.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::registry::Spell;
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let s = Spell { branch: 1, full: true, from: d("2024-01-01"), to: d("2024-07-01") };
    /// assert!(s.covers(d("2024-06-30")));
    /// assert!(!s.covers(d("2024-07-01"))); // `to` is the day after the last
    /// ```
    #[inline]
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from <= date && (date < self.to || self.to == NaiveDate::MAX)
    }
}

/// Membership spells of one member's (validated, date-sorted) history. Same-day events count
/// by the state at the end of that day.
/// Replays a member's (date-sorted) history, checking every rule, and appends the membership
/// spells to `out`. On a broken rule returns the event's index and the violation.
pub(crate) fn checked_spells(
    events: &[Event],
    ctx: ReplayContext<'_>,
    out: &mut Vec<Spell>,
) -> Result<(), (usize, RuleViolation)> {
    let first = out.len();
    let mut state = MemberState::initial(ctx.record);
    for (k, e) in events.iter().enumerate() {
        step(&mut state, e, ctx).map_err(|v| (k, v))?;
        if events.get(k + 1).is_some_and(|next| next.date == e.date) {
            continue; // count by the state at the end of the day
        }
        let now = if state.is_member() {
            state.branch.map(|b| (b, state.stage == Stage::Full))
        } else {
            None
        };
        let open = out
            .get_mut(first..)
            .and_then(|s| s.last_mut())
            .filter(|s| s.to == NaiveDate::MAX);
        if open.as_ref().map(|s| (s.branch, s.full)) != now {
            if let Some(s) = open {
                s.to = e.date;
            }
            if let Some((branch, full)) = now {
                out.push(Spell {
                    branch,
                    full,
                    from: e.date,
                    to: NaiveDate::MAX,
                });
            }
        }
    }
    Ok(())
}

/// Members counted per organization on a date; index by pre-order organization index.
///
/// `members` and `full` count each member in their own branch only; call
/// [`OrgCounts::rolled_up`] for subtree totals.
///
/// # Examples
///
/// ```
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// let reg = dangjian::Registry::sample_small();
/// let c = reg.counts_on(d("2024-01-01"));
/// let b1 = reg.tree().index("B1").ok_or("B1")? as usize;
/// assert_eq!((c.members[b1], c.full[b1]), (3, 2)); // M1, M3 full; M2 on probation
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OrgCounts {
    /// Full plus probationary members.
    pub members: Vec<u64>,
    /// Full members.
    pub full: Vec<u64>,
}

impl OrgCounts {
    /// Probationary members of organization `i`.
    ///
    /// # Examples
    ///
    /// ```
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let reg = dangjian::Registry::sample_small();
    /// let c = reg.counts_on(d("2024-01-01"));
    /// assert_eq!(c.probationary(1), 1); // B1: M2
    /// assert_eq!(c.probationary(99), 0);
    /// ```
    pub fn probationary(&self, i: usize) -> u64 {
        self.members.get(i).copied().unwrap_or(0) - self.full.get(i).copied().unwrap_or(0)
    }

    /// The same counts summed over each subtree.
    ///
    /// # Examples
    ///
    /// ```
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let reg = dangjian::Registry::sample_small();
    /// let c = reg.counts_on(d("2024-01-01"));
    /// assert_eq!(c.members[0], 0); // nobody belongs to the general branch Z directly
    /// assert_eq!(c.rolled_up(reg.tree()).members[0], 4); // B1's 3 and B2's 1
    /// ```
    pub fn rolled_up(&self, tree: &OrgTree) -> OrgCounts {
        OrgCounts {
            members: tree.rollup(&self.members),
            full: tree.rollup(&self.full),
        }
    }

    /// Total members over all organizations.
    ///
    /// # Examples
    ///
    /// ```
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let reg = dangjian::Registry::sample_small();
    /// assert_eq!(reg.counts_on(d("2024-01-01")).total(), 4);
    /// ```
    pub fn total(&self) -> u64 {
        self.members.iter().sum()
    }
}

/// Member flows over an interval: who entered and who left the community's membership.
///
/// # Examples
///
/// ```
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// let reg = dangjian::Registry::sample_small();
/// let f = reg.flows(d("2023-01-01"), d("2023-12-31"));
/// assert_eq!((f.start, f.admitted, f.end), (3, 1, 4)); // M2 admitted on 2023-03-01
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct Flows {
    /// Members at the start (on the day before the interval).
    pub start: u64,
    /// Admitted as probationary members (发展).
    pub admitted: u64,
    /// Converted to full members (no change in headcount).
    pub converted: u64,
    /// Transferred in (including re-entries).
    pub transferred_in: u64,
    /// First registered (初始登记, e.g. a roster imported on the founding day): not a transfer.
    pub registered: u64,
    /// Transferred out.
    pub transferred_out: u64,
    /// Died.
    pub died: u64,
    /// Expelled, removed, withdrawn or probation cancelled.
    pub other_exits: u64,
    /// Members at the end (on the last day of the interval).
    pub end: u64,
}

impl Flows {
    /// Inflows minus outflows; equals `end - start`.
    ///
    /// # Examples
    ///
    /// ```
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let reg = dangjian::Registry::sample_small();
    /// let f = reg.flows(d("2020-01-01"), d("2023-12-31"));
    /// assert_eq!(f.net(), 4);
    /// assert_eq!(f.end as i64 - f.start as i64, f.net());
    /// ```
    pub fn net(&self) -> i64 {
        (self.admitted + self.transferred_in + self.registered) as i64
            - (self.transferred_out + self.died + self.other_exits) as i64
    }
}

impl Registry {
    /// Members per branch on `date` (direct counts; see [`OrgCounts::rolled_up`]).
    /// One pass over the membership spells: linear in the size of the roster.
    ///
    /// # Examples
    ///
    /// ```
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let reg = dangjian::Registry::sample_small();
    /// let c = reg.counts_on(d("2021-06-30"));
    /// assert_eq!(c.members, [0, 2, 0, 1]); // Z, B1, G1, B2 (pre-order)
    /// ```
    pub fn counts_on(&self, date: NaiveDate) -> OrgCounts {
        let n = self.tree.len();
        let mut members = vec![0u64; n];
        let mut full = vec![0u64; n];
        for s in self.spells.values() {
            if s.covers(date) {
                if let Some(m) = members.get_mut(s.branch as usize) {
                    *m += 1;
                }
                if s.full {
                    if let Some(f) = full.get_mut(s.branch as usize) {
                        *f += 1;
                    }
                }
            }
        }
        OrgCounts { members, full }
    }

    /// Members (full or probationary) of the community on `date`.
    ///
    /// # Examples
    ///
    /// ```
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let reg = dangjian::Registry::sample_small();
    /// assert_eq!(reg.headcount_on(d("2020-12-31")), 1);
    /// assert_eq!(reg.headcount_on(d("2023-03-01")), 4);
    /// ```
    pub fn headcount_on(&self, date: NaiveDate) -> u64 {
        self.spells
            .values()
            .iter()
            .filter(|s| s.covers(date))
            .count() as u64
    }

    /// Whether member `idx` is a member on `date` (from the spells, no replay).
    ///
    /// # Examples
    ///
    /// ```
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let reg = dangjian::Registry::sample_small();
    /// let m2 = reg.member_index("M2").ok_or("M2")?;
    /// assert!(!reg.is_member_on(m2, d("2023-02-28")));
    /// assert!(reg.is_member_on(m2, d("2023-03-01")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_member_on(&self, idx: MemberIdx, date: NaiveDate) -> bool {
        self.spells.row(idx as usize).iter().any(|s| s.covers(date))
    }

    /// Flows from `start` to `end`, both inclusive: events dated in the interval that move
    /// people into or out of membership. `start`/`end` counts are taken on the day before `start`
    /// and on `end`, so `end = start + net` always holds.
    ///
    /// # Examples
    ///
    /// ```
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let reg = dangjian::Registry::sample_small();
    /// let f = reg.flows(d("2021-01-01"), d("2021-12-31"));
    /// assert_eq!((f.start, f.transferred_in, f.admitted, f.end), (1, 2, 0, 3));
    /// ```
    pub fn flows(&self, start: NaiveDate, end: NaiveDate) -> Flows {
        let mut f = Flows {
            start: start.pred_opt().map(|d| self.headcount_on(d)).unwrap_or(0),
            end: self.headcount_on(end),
            ..Flows::default()
        };
        for (i, record) in self.members.iter().enumerate() {
            let events = self.events.row(i);
            if !events.iter().any(|e| e.date >= start && e.date <= end) {
                continue;
            }
            let ctx = ReplayContext {
                tree: &self.tree,
                record,
                rules: &self.rules,
            };
            let mut state = MemberState::initial(record);
            for e in events.iter().take_while(|e| e.date <= end) {
                let was = state.is_member();
                let _ = step(&mut state, e, ctx);
                if e.date < start {
                    continue;
                }
                match (&e.kind, was, state.is_member()) {
                    (EventKind::Admitted { .. }, false, true) => f.admitted += 1,
                    (EventKind::TransferredIn { .. }, false, true) => f.transferred_in += 1,
                    (EventKind::Registered { .. }, false, true) => f.registered += 1,
                    (EventKind::Converted, true, true) => f.converted += 1,
                    (EventKind::TransferredOut { .. }, true, false) => f.transferred_out += 1,
                    (EventKind::Died, true, false) => f.died += 1,
                    (_, true, false) => f.other_exits += 1,
                    _ => {}
                }
            }
        }
        f
    }

    /// Members who left for `reason` in the interval (both ends inclusive).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::{EventRecord, EventType, ExitReason};
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let mut reg = dangjian::Registry::sample_small();
    /// reg.apply(vec![EventRecord::new("M1", d("2024-06-30"), EventType::Died)])?;
    /// assert_eq!(reg.exits(d("2024-01-01"), d("2024-12-31"), ExitReason::Died), [0]);
    /// assert!(reg.exits(d("2024-01-01"), d("2024-12-31"), ExitReason::Expelled).is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn exits(&self, start: NaiveDate, end: NaiveDate, reason: ExitReason) -> Vec<MemberIdx> {
        let mut out = Vec::new();
        for i in 0..self.members.len() {
            let hit = self.events.row(i).iter().any(|e| {
                e.date >= start
                    && e.date <= end
                    && matches!(
                        (&e.kind, reason),
                        (EventKind::TransferredOut { .. }, ExitReason::TransferredOut)
                            | (EventKind::Died, ExitReason::Died)
                            | (EventKind::Expelled, ExitReason::Expelled)
                            | (EventKind::Removed, ExitReason::Removed)
                            | (EventKind::Withdrew, ExitReason::Withdrew)
                            | (
                                EventKind::ProbationCancelled,
                                ExitReason::ProbationCancelled
                            )
                    )
            });
            if hit {
                out.push(i as MemberIdx);
            }
        }
        out
    }
}

impl Registry {
    /// Structure findings on `date` (branch sizes, committees, general-branch and committee
    /// thresholds, terms) under `rules`.
    ///
    /// ```
    /// use dangjian::org::{StructureRule, StructureRules};
    /// let reg = dangjian::Registry::sample_small();
    /// let f = reg.structure_findings("2024-06-01".parse().unwrap(), &StructureRules::default());
    /// // B1 has two full members (M1, M3) and M2 on probation: below the minimum of 3 full members
    /// assert!(f.iter().any(|x| x.org == "B1" && x.rule == StructureRule::BranchMinFullMembers && x.actual == 2));
    /// ```
    pub fn structure_findings(
        &self,
        date: NaiveDate,
        rules: &crate::org::StructureRules,
    ) -> Vec<crate::org::Finding> {
        self.structure_findings_with(date, rules, &crate::org::ElectionFacts::default())
    }

    /// [`Registry::structure_findings`] with what the dataset's elections say (a valid
    /// election starts a new term; a branch's committee seats), see
    /// [`crate::org::check_structure_with`].
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::org::{ElectionFacts, StructureRule, StructureRules};
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let reg = dangjian::Registry::sample_small();
    /// let rules = StructureRules::default();
    /// let f = reg.structure_findings_with(d("2024-06-01"), &rules, &ElectionFacts::default());
    /// assert!(f.iter().any(|x| x.org == "B1" && x.rule == StructureRule::BranchMinFullMembers));
    /// ```
    pub fn structure_findings_with(
        &self,
        date: NaiveDate,
        rules: &crate::org::StructureRules,
        facts: &crate::org::ElectionFacts,
    ) -> Vec<crate::org::Finding> {
        let c = self.counts_on(date).rolled_up(&self.tree);
        crate::org::check_structure_with(&self.tree, &c.members, &c.full, date, rules, facts)
    }
}
