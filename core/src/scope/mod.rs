//! Scoped access: a read-only view of a [`Registry`] restricted to one organization's subtree —
//! what a branch or general-branch secretary may see.
//!
//! # What "inside" means
//!
//! * A person is **visible on a date** when their branch on that date (the branch of their
//!   state as of that day: the branch they apply to, belong to, or last belonged to before
//!   leaving) lies in the subtree. People with no event yet on that date have no branch and
//!   are visible to no scope. So a member who moved from `B1` to `B2` on 2025-03-01 is
//!   visible to `B1` up to 2025-02-28 and to `B2` from 2025-03-01; one transferred out of
//!   `B1` stays visible to `B1` (as exited) until they re-enter elsewhere.
//! * A scope rooted at a **党小组** sees the people whose group on that date is the group
//!   (issue 23: the group leader reviews and scores her own group), with the same guarantees:
//!   its counts, flows and history follow the group assignment, its score tables keep the
//!   group's members ranked among themselves, and an outsider is refused like an unknown id.
//! * A person's **history** in a scope is the events during which they were inside it: an
//!   event is shown when the branch just before it or just after it lies in the subtree (so
//!   `B1` sees the move out to `B2`, `B2` sees the move in, and neither sees the other's
//!   events). A person none of whose events is shown is not found.
//! * **Counts, head counts, flows, pipeline due dates, the jubilee list and structure
//!   findings** count only members visible on the day concerned; organizations outside the
//!   subtree count zero. Flows treat a move between a branch inside and one outside as a
//!   transfer in or out of the scope, so `end = start + net` holds for every scope.
//! * A lookup of a person outside the scope fails with the very same [`ScopeError::NotFound`]
//!   as a lookup of an id that does not exist: a scope is no oracle for who exists elsewhere.
//!
//! Exports ([`Scope::roster_on`]) mask ID numbers and phones always, names unless asked, and
//! replace ids by keyed pseudonyms on request. The full dataset (the storage format, with
//! full values) is exported only from the whole registry, never from a scope.
//!
//! ```
//! use dangjian::Registry;
//! let reg = Registry::sample_small();
//! let d = "2024-06-01".parse().unwrap();
//! let b2 = reg.scope("B2").unwrap();
//! assert_eq!(b2.headcount_on(d), 1); // M4
//! assert!(b2.state("M4", d).is_ok());
//! // M1 exists, but in B1: the error is the same as for an id that does not exist
//! assert_eq!(b2.state("M1", d).unwrap_err().code(), b2.state("NOPE", d).unwrap_err().code());
//! assert_eq!(b2.state("M1", d).unwrap_err().to_string(), "member `M1` not found");
//! ```

mod export;
mod tables;

use std::ops::Range;

use chrono::NaiveDate;

pub use export::{RosterExportOptions, RosterTable};

use crate::member::{
    step, EventKind, EventRecord, MemberId, MemberRecord, MemberState, ReplayContext,
};
use crate::org::{Finding, OrgId, OrgIdx, OrgRecord, StructureRules};
use crate::registry::{Flows, MemberIdx, OrgCounts, OrgCountsTable, PipelineDue, Registry};

/// Why a scoped query failed.
///
/// # Examples
///
/// ```
/// let reg = dangjian::Registry::sample_small();
/// let err = reg.scope("B9").unwrap_err();
/// assert!(matches!(err, dangjian::scope::ScopeError::UnknownOrg { .. }));
/// assert_eq!(err.to_string(), "organization `B9` does not exist");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScopeError {
    /// The organization a scope was asked for does not exist.
    #[error("organization `{id}` does not exist")]
    UnknownOrg {
        /// The id asked for.
        id: OrgId,
    },
    /// The person is not visible in the scope — or does not exist at all; the two are not
    /// told apart.
    #[error("member `{id}` not found")]
    NotFound {
        /// The id asked for.
        id: MemberId,
    },
    /// The table has no `org` nor `branch` column, so a scope cannot tell which rows it may
    /// see; it is refused rather than shown whole.
    #[error("table `{table}` has no `org` or `branch` column and cannot be cut to a scope")]
    NotScopable {
        /// The table's name.
        table: String,
    },
}

impl ScopeError {
    /// A stable machine-readable code for the variant.
    ///
    /// # Examples
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// assert_eq!(reg.scope("B9").unwrap_err().code(), "scope_org_not_found");
    /// let d = dangjian::chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    /// assert_eq!(reg.scope("B2").unwrap().state("M1", d).unwrap_err().code(), "not_found");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            ScopeError::UnknownOrg { .. } => "scope_org_not_found",
            ScopeError::NotFound { .. } => "not_found",
            ScopeError::NotScopable { .. } => "not_scopable",
        }
    }
}

/// A read-only view of a registry restricted to the subtree of one organization (or, from
/// [`Registry::scope_all`], the whole registry). See the [module documentation](self) for
/// exactly what is visible.
///
/// # Examples
///
/// ```
/// let reg = dangjian::Registry::sample_small();
/// let d = dangjian::chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
/// let b1 = reg.scope("B1")?;
/// assert_eq!(b1.headcount_on(d), 3); // M1, M2, M3
/// assert_eq!(reg.scope_all().headcount_on(d), 4);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Scope<'a> {
    reg: &'a Registry,
    root: Option<OrgIdx>,
    range: Range<usize>,
}

impl Registry {
    /// The view of the subtree of organization `org` (itself included).
    ///
    /// # Examples
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// let d = dangjian::chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    /// assert_eq!(reg.scope("B2")?.headcount_on(d), 1);
    /// assert_eq!(reg.scope("B9").unwrap_err().code(), "scope_org_not_found");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn scope(&self, org: &str) -> Result<Scope<'_>, ScopeError> {
        let root = self
            .tree()
            .index(org)
            .ok_or_else(|| ScopeError::UnknownOrg { id: org.into() })?;
        Ok(Scope {
            reg: self,
            root: Some(root),
            range: self.tree().subtree(root),
        })
    }

    /// The view of the whole registry: every person is visible, people with no event included.
    ///
    /// # Examples
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// let all = reg.scope_all();
    /// assert!(all.root().is_none());
    /// assert_eq!(all.orgs().len(), 4); // Z, B1, G1, B2
    /// ```
    pub fn scope_all(&self) -> Scope<'_> {
        Scope {
            reg: self,
            root: None,
            range: 0..self.tree().len(),
        }
    }
}

impl<'a> Scope<'a> {
    /// The root organization (`None` for the whole registry).
    ///
    /// # Examples
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// let b1 = reg.scope("B1")?;
    /// assert_eq!(b1.root().map(|o| o.name.as_str()), Some("第一党支部"));
    /// assert!(reg.scope_all().root().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn root(&self) -> Option<&'a OrgRecord> {
        self.root.and_then(|r| self.reg.tree().get(r))
    }

    /// The organizations in scope, in pre-order.
    ///
    /// # Examples
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// let ids: Vec<&str> = reg.scope("B1")?.orgs().iter().map(|o| o.id.as_str()).collect();
    /// assert_eq!(ids, ["B1", "G1"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn orgs(&self) -> &'a [OrgRecord] {
        self.reg
            .tree()
            .records()
            .get(self.range.clone())
            .unwrap_or_default()
    }

    /// Whether organization `idx` lies in scope.
    ///
    /// # Examples
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// let b1 = reg.scope("B1")?;
    /// let (g1, b2) = (reg.tree().index("G1").unwrap(), reg.tree().index("B2").unwrap());
    /// assert!(b1.contains_org(g1));
    /// assert!(!b1.contains_org(b2));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn contains_org(&self, idx: OrgIdx) -> bool {
        self.range.contains(&(idx as usize))
    }

    fn inside(&self, branch: Option<OrgIdx>) -> bool {
        branch.is_some_and(|b| self.contains_org(b))
    }

    /// Whether a person in `state` lies inside the scope: their branch lies in the subtree, or
    /// — for a scope rooted at a 党小组, whose subtree holds no branch — their group is the
    /// root (issue 23: a group leader reviews and scores their own group). For a scope rooted
    /// at a branch or above, a member's group lies in the subtree only when their branch does,
    /// so the second test changes nothing there.
    fn holds(&self, state: &MemberState) -> bool {
        self.inside(state.branch) || self.inside(state.group)
    }

    /// Whether the scope is rooted at a 党小组.
    fn group_rooted(&self) -> bool {
        self.root
            .and_then(|r| self.reg.tree().kind(r))
            .is_some_and(|k| k == crate::org::OrgKind::Group)
    }

    /// The state of `idx` on `date`, if visible. A person never placed in the scope is refused
    /// before any replay of their history ([`Scope::ever_inside`]).
    fn visible(&self, idx: MemberIdx, date: NaiveDate) -> Option<MemberState> {
        if !self.ever_inside(idx) {
            return None;
        }
        let s = self.reg.state_of(idx, date);
        (self.root.is_none() || self.holds(&s)).then_some(s)
    }

    /// Whether person `idx` was ever placed in a branch of the scope, read from the branches
    /// their events name, without replaying their history: a lookup of someone outside the
    /// scope is refused at about the cost of an unknown id (issue 17).
    fn ever_inside(&self, idx: MemberIdx) -> bool {
        self.root.is_none()
            || self.reg.events_of(idx).iter().any(|e| match &e.kind {
                EventKind::Applied { branch }
                | EventKind::TransferredIn { branch, .. }
                | EventKind::Registered { branch, .. }
                | EventKind::Moved { branch } => self.contains_org(*branch),
                EventKind::Admitted { branch } => self.inside(*branch),
                EventKind::GroupAssigned { group } => self.inside(*group),
                _ => false,
            })
    }

    /// The activities (积分记录) this scope may see: those of people inside the scope on the
    /// activity's day, and those of organizations in the scope. A scope's scoring sees only
    /// these, so a strict scoring of one branch is neither refused because of another branch's
    /// records nor names them in its errors (issue 17).
    ///
    /// ```
    /// use dangjian::scoring::{Mode, Period, RuleSet, Scorer};
    /// let ds = dangjian::synth::sample_community();
    /// let reg = ds.to_registry().unwrap();
    /// let b1 = reg.scope("B1").unwrap();
    /// let acts = b1.activities(&ds.activities);
    /// assert!(!acts.is_empty() && acts.len() < ds.activities.len());
    /// let scorer = Scorer::new(&reg, &acts, Mode::Strict).unwrap();
    /// let oct: Period = "2026-10".parse().unwrap();
    /// let rows = b1.scores(&scorer.score(&RuleSet::member_default(), oct).unwrap().table);
    /// assert_eq!(rows.len(), 61);
    /// ```
    pub fn activities(
        &self,
        all: &[crate::scoring::ActivityRecord],
    ) -> Vec<crate::scoring::ActivityRecord> {
        if self.root.is_none() {
            return all.to_vec();
        }
        all.iter()
            .filter(|a| match self.reg.member_index(&a.subject) {
                Some(idx) => self.visible(idx, a.date).is_some(),
                None => self
                    .reg
                    .tree()
                    .index(&a.subject)
                    .is_some_and(|o| self.contains_org(o)),
            })
            .cloned()
            .collect()
    }

    fn not_found(id: &str) -> ScopeError {
        // what the caller typed may be a phone or an ID number: such runs are masked
        ScopeError::NotFound {
            id: crate::privacy::redact_runs(id, 11).into(),
        }
    }

    fn visible_index(
        &self,
        id: &str,
        date: NaiveDate,
    ) -> Result<(MemberIdx, MemberState), ScopeError> {
        let idx = self
            .reg
            .member_index(id)
            .ok_or_else(|| Self::not_found(id))?;
        let s = self.visible(idx, date).ok_or_else(|| Self::not_found(id))?;
        Ok((idx, s))
    }

    /// The record of person `id`, if visible on `date`.
    ///
    /// # Examples
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// let d = dangjian::chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    /// let b1 = reg.scope("B1")?;
    /// assert_eq!(b1.member("M1", d)?.birth_date.to_string(), "1950-03-02");
    /// assert_eq!(b1.member("M4", d).unwrap_err().code(), "not_found"); // M4 is in B2
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn member(&self, id: &str, date: NaiveDate) -> Result<&'a MemberRecord, ScopeError> {
        let (idx, _) = self.visible_index(id, date)?;
        self.reg.member(idx).ok_or_else(|| Self::not_found(id))
    }

    /// The state of person `id` on `date`, if visible on that date.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::Stage;
    /// let reg = dangjian::Registry::sample_small();
    /// let b1 = reg.scope("B1")?;
    /// let d = |y, m, d| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert_eq!(b1.state("M2", d(2022, 6, 1))?.stage, Stage::Candidate);
    /// assert_eq!(b1.state("M2", d(2023, 6, 1))?.stage, Stage::Probationary);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn state(&self, id: &str, date: NaiveDate) -> Result<MemberState, ScopeError> {
        self.visible_index(id, date).map(|(_, s)| s)
    }

    /// Every person visible on `date` with their state, in roster order.
    ///
    /// # Examples
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// let d = dangjian::chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    /// let ids: Vec<&str> = reg.scope("B1")?.states_on(d).iter().map(|(m, _)| m.id.as_str()).collect();
    /// assert_eq!(ids, ["M1", "M2", "M3"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn states_on(&self, date: NaiveDate) -> Vec<(&'a MemberRecord, MemberState)> {
        let reg = self.reg;
        (0..reg.len() as MemberIdx)
            .filter_map(|i| Some((reg.member(i)?, self.visible(i, date)?)))
            .collect()
    }

    /// Members (full and probationary) per organization on `date`, direct counts as
    /// [`Registry::counts_on`]; organizations outside the scope count zero.
    ///
    /// # Examples
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// let d = dangjian::chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    /// let c = reg.scope("B1")?.counts_on(d);
    /// let (b1, b2) = (reg.tree().index("B1").unwrap() as usize, reg.tree().index("B2").unwrap() as usize);
    /// assert_eq!((c.members[b1], c.full[b1]), (3, 2)); // M2 is still probationary
    /// assert_eq!(c.members[b2], 0); // outside the scope
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn counts_on(&self, date: NaiveDate) -> OrgCounts {
        let mut c = self.reg.counts_on(date);
        if self.group_rooted() {
            // the registry counts by branch; a group's members are counted from their states
            c.members.iter_mut().for_each(|m| *m = 0);
            c.full.iter_mut().for_each(|f| *f = 0);
            for (_, s) in self.states_on(date) {
                let Some(g) = s.group.filter(|g| self.contains_org(*g)) else {
                    continue;
                };
                if s.is_member() {
                    if let Some(m) = c.members.get_mut(g as usize) {
                        *m += 1;
                    }
                    if s.stage == crate::member::Stage::Full {
                        if let Some(f) = c.full.get_mut(g as usize) {
                            *f += 1;
                        }
                    }
                }
            }
            return c;
        }
        for (i, (m, f)) in c.members.iter_mut().zip(c.full.iter_mut()).enumerate() {
            if !self.range.contains(&i) {
                *m = 0;
                *f = 0;
            }
        }
        c
    }

    /// [`Scope::counts_on`] as the table of the scope's organizations (`counts`: org, name,
    /// kind, parent, members, full, probationary), summed over each subtree when `rolled_up`.
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// let t = reg.scope("B2").unwrap().counts_table("2024-06-01".parse().unwrap(), true);
    /// assert_eq!(dangjian::table::Table::len(&t), 1);
    /// ```
    pub fn counts_table(&self, date: NaiveDate, rolled_up: bool) -> OrgCountsTable<'a> {
        OrgCountsTable::new(
            self.reg.tree(),
            &self.counts_on(date),
            rolled_up,
            Some(self.orgs()),
            date,
        )
    }

    /// Members (full and probationary) in scope on `date`.
    ///
    /// # Examples
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// let d = |y, m, d| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let b1 = reg.scope("B1")?;
    /// assert_eq!(b1.headcount_on(d(2022, 6, 1)), 2);
    /// assert_eq!(b1.headcount_on(d(2023, 6, 1)), 3); // M2 admitted on 2023-03-01
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn headcount_on(&self, date: NaiveDate) -> u64 {
        self.counts_on(date).total()
    }

    /// Flows of the scope from `start` to `end`, both inclusive (see [`Registry::flows`]); a
    /// move across the scope's border counts as a transfer in or out.
    ///
    /// # Examples
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// let d = |y, m, d| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let f = reg.scope("B1")?.flows(d(2023, 1, 1), d(2023, 12, 31));
    /// assert_eq!((f.start, f.admitted, f.end), (2, 1, 3));
    /// assert_eq!(f.end as i64 - f.start as i64, f.net());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn flows(&self, start: NaiveDate, end: NaiveDate) -> Flows {
        let reg = self.reg;
        let mut f = Flows {
            start: start.pred_opt().map(|d| self.headcount_on(d)).unwrap_or(0),
            end: self.headcount_on(end),
            ..Flows::default()
        };
        for (i, record) in reg.members().iter().enumerate() {
            let events = reg.events_of(i as MemberIdx);
            if !events.iter().any(|e| e.date >= start && e.date <= end) {
                continue;
            }
            let ctx = ReplayContext {
                tree: reg.tree(),
                record,
                rules: reg.rules(),
            };
            let mut state = MemberState::initial(record);
            for e in events.iter().take_while(|e| e.date <= end) {
                let was = state.is_member() && self.holds(&state);
                let _ = step(&mut state, e, ctx);
                let now = state.is_member() && self.holds(&state);
                if e.date < start {
                    continue;
                }
                match (&e.kind, was, now) {
                    (EventKind::Admitted { .. }, false, true) => f.admitted += 1,
                    (EventKind::Converted, true, true) => f.converted += 1,
                    (EventKind::Registered { .. }, false, true) => f.registered += 1,
                    (_, false, true) => f.transferred_in += 1,
                    (EventKind::TransferredOut { .. } | EventKind::Moved { .. }, true, false) => {
                        f.transferred_out += 1
                    }
                    (EventKind::Died, true, false) => f.died += 1,
                    (_, true, false) => f.other_exits += 1,
                    _ => {}
                }
            }
        }
        f
    }

    /// Due dates of the pipeline and of probation for people visible on `date`.
    ///
    /// # Examples
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// let d = dangjian::chrono::NaiveDate::from_ymd_opt(2023, 6, 1).unwrap();
    /// let due = reg.scope("B1")?.pipeline_due(d);
    /// assert!(due.iter().all(|p| p.member.as_str() == "M2"));
    /// assert!(reg.scope("B2")?.pipeline_due(d).is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn pipeline_due(&self, date: NaiveDate) -> Vec<PipelineDue> {
        self.reg
            .pipeline_due(date)
            .into_iter()
            .filter(|p| {
                self.reg
                    .member_index(&p.member)
                    .is_some_and(|i| self.visible(i, date).is_some())
            })
            .collect()
    }

    /// The 光荣在党50年 list of `year` ([`Registry::jubilee`]) for members visible on 1 July.
    ///
    /// # Examples
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// let list = reg.scope("B1")?.jubilee(2026);
    /// let ids: Vec<&str> = list.iter().map(|(m, _)| m.id.as_str()).collect();
    /// assert_eq!(ids, ["M1"]); // full member since 1976-05-01: 50 years on 2026-05-01
    /// assert!(reg.scope("B2")?.jubilee(2026).is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn jubilee(&self, year: i32) -> Vec<(&'a MemberRecord, NaiveDate)> {
        let Some(july) = NaiveDate::from_ymd_opt(year, 7, 1) else {
            return Vec::new();
        };
        self.reg
            .jubilee(year)
            .into_iter()
            .filter(|(i, _)| self.visible(*i, july).is_some())
            .filter_map(|(i, d)| Some((self.reg.member(i)?, d)))
            .collect()
    }

    /// Structure findings on `date` for the organizations in scope (a subtree's own counts
    /// involve only members inside it).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::org::StructureRules;
    /// let reg = dangjian::Registry::sample_small();
    /// let d = dangjian::chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    /// let findings = reg.scope("B2")?.structure_findings(d, &StructureRules::default());
    /// assert!(findings.iter().all(|f| f.org.as_str() == "B2"));
    /// assert!(!findings.is_empty()); // one full member, under the three a branch needs
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn structure_findings(&self, date: NaiveDate, rules: &StructureRules) -> Vec<Finding> {
        self.reg
            .structure_findings(date, rules)
            .into_iter()
            .filter(|f| {
                self.reg
                    .tree()
                    .index(&f.org)
                    .is_some_and(|i| self.contains_org(i))
            })
            .collect()
    }

    /// The events of person `id` during which they were inside the scope, in date order.
    ///
    /// # Examples
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// assert_eq!(reg.scope("B1")?.history("M2")?.len(), 4); // applied … admitted
    /// assert_eq!(reg.scope("B2")?.history("M2").unwrap_err().code(), "not_found");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn history(&self, id: &str) -> Result<Vec<EventRecord>, ScopeError> {
        let reg = self.reg;
        let idx = reg
            .member_index(id)
            .filter(|i| self.ever_inside(*i))
            .ok_or_else(|| Self::not_found(id))?;
        let record = reg.member(idx).ok_or_else(|| Self::not_found(id))?;
        let events = reg.events_of(idx);
        let shown: Vec<EventRecord> = if self.root.is_none() {
            events
                .iter()
                .map(|e| e.to_record(&record.id, reg.tree()))
                .collect()
        } else {
            let ctx = ReplayContext {
                tree: reg.tree(),
                record,
                rules: reg.rules(),
            };
            let mut state = MemberState::initial(record);
            let mut out = Vec::new();
            for e in events {
                let before = self.holds(&state);
                let _ = step(&mut state, e, ctx);
                if before || self.holds(&state) {
                    out.push(e.to_record(&record.id, reg.tree()));
                }
            }
            out
        };
        if shown.is_empty() && self.root.is_some() {
            return Err(Self::not_found(id));
        }
        Ok(shown)
    }

    /// The roster of people visible on `date` who are members or in the development pipeline,
    /// as a columnar table (see [`RosterExportOptions`] for masking and pseudonyms).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scope::RosterExportOptions;
    /// let reg = dangjian::Registry::sample_small();
    /// let d = dangjian::chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    /// let roster = reg.scope("B1")?.roster_on(d, &RosterExportOptions::default());
    /// assert_eq!(roster.id, ["M1", "M2", "M3"]);
    /// assert_eq!(roster.name[0], "张**"); // names masked unless asked
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn roster_on(&self, date: NaiveDate, options: &RosterExportOptions) -> RosterTable {
        let mut t = RosterTable::default();
        for (m, s) in self.states_on(date) {
            if s.is_member() || s.in_pipeline() {
                t.push(m, &s, self.reg.tree(), options);
            }
        }
        t
    }
}
