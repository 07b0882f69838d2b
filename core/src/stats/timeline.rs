//! Every member's states over time, replayed once: statistics over many dates then cost a
//! binary search per member.
//!
//! ```
//! use dangjian::stats::Timelines;
//! let reg = dangjian::Registry::sample_small();
//! let t = Timelines::build(&reg);
//! let m2 = reg.member_index("M2").unwrap();
//! let stages: Vec<_> = t.of(m2).iter().map(|s| s.stage.label()).collect();
//! assert_eq!(stages, ["入党申请人", "入党积极分子", "发展对象", "预备党员"]);
//! ```

use chrono::NaiveDate;

use crate::member::{step, Category, EventType, ExitReason, MemberState, ReplayContext, Stage};
use crate::org::OrgIdx;
use crate::registry::{MemberIdx, Registry};

/// A member's state at the end of one day on which events happened, valid until the next
/// snapshot. Built once per registry by [`Timelines::build`], so that statistics over many dates
/// cost a binary search per member instead of a replay.
///
/// # Examples
///
/// ```
/// # use dangjian::stats::Timelines;
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let t = Timelines::build(&reg);
/// # let m2 = reg.member_index("M2").unwrap();
/// let s = t.on(m2, d("2023-06-01")).unwrap();
/// assert_eq!((s.from, s.admitted_on, s.probation_due), (d("2023-03-01"), Some(d("2023-03-01")), Some(d("2024-03-01"))));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// First day this state holds (the events' day).
    pub from: NaiveDate,
    /// Stage.
    pub stage: Stage,
    /// Why they left, when exited.
    pub exit: Option<ExitReason>,
    /// Branch.
    pub branch: Option<OrgIdx>,
    /// Group (党小组), if assigned.
    pub group: Option<OrgIdx>,
    /// Category.
    pub category: Category,
    /// Floating out (流出).
    pub floating: bool,
    /// Lost contact (失联).
    pub lost_contact: bool,
    /// Admission date (入党时间).
    pub admitted_on: Option<NaiveDate>,
    /// Conversion date (转正时间).
    pub converted_on: Option<NaiveDate>,
    /// The day probation ends, for probationary members.
    pub probation_due: Option<NaiveDate>,
    /// The latest 党纪处分 (see `member::discipline`).
    pub discipline: Option<crate::member::DisciplineRecord>,
    /// The latest 留党察看: first day and the day it is complete.
    pub observation: Option<(NaiveDate, NaiveDate)>,
    /// Rights suspended (停止党员权利).
    pub rights_suspended: bool,
    events: u64,
}

impl Snapshot {
    /// Probationary or full member.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::stats::Timelines;
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let t = Timelines::build(&reg);
    /// # let m2 = reg.member_index("M2").unwrap();
    /// assert!(!t.on(m2, d("2022-06-01")).unwrap().is_member()); // 发展对象
    /// assert!(t.on(m2, d("2023-06-01")).unwrap().is_member()); // 预备党员
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_member(&self) -> bool {
        matches!(self.stage, Stage::Probationary | Stage::Full)
    }

    /// The organization a member is counted in directly: the group when assigned, else the
    /// branch. `None` for non-members.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::stats::Timelines;
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let t = Timelines::build(&reg);
    /// # let m2 = reg.member_index("M2").unwrap();
    /// let b1 = reg.tree().index("B1");
    /// assert_eq!(t.on(m2, d("2023-06-01")).unwrap().unit(), b1); // no group: counted in the branch
    /// assert_eq!(t.on(m2, d("2022-06-01")).unwrap().unit(), None); // not yet a member
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn unit(&self) -> Option<OrgIdx> {
        if self.is_member() {
            self.group.or(self.branch)
        } else {
            None
        }
    }

    /// Under 留党察看 on `date` (a date this snapshot covers): 党章 art. 41.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::stats::Timelines;
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let t = Timelines::build(&reg);
    /// # let m2 = reg.member_index("M2").unwrap();
    /// let s = t.on(m2, d("2023-06-01")).unwrap();
    /// assert!(s.observation.is_none() && !s.under_observation(d("2023-06-01"))); // no 留党察看
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn under_observation(&self, date: NaiveDate) -> bool {
        self.observation
            .is_some_and(|(from, until)| from <= date && date < until)
    }

    /// Whether an event of type `t` happened on this snapshot's day.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::stats::Timelines;
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let t = Timelines::build(&reg);
    /// # let m2 = reg.member_index("M2").unwrap();
    /// use dangjian::member::EventType;
    /// let s = t.on(m2, d("2023-03-01")).unwrap();
    /// assert!(s.had(EventType::Admitted));
    /// assert!(!s.had(EventType::Candidate)); // that was on 2021-10-01
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn had(&self, t: EventType) -> bool {
        self.events & (1u64 << (t as u32)) != 0
    }
}

/// Every member's snapshots, stored back to back (one allocation for the whole roster).
///
/// ```
/// use dangjian::stats::Timelines;
/// let reg = dangjian::Registry::sample_small();
/// let t = Timelines::build(&reg);
/// let m2 = reg.member_index("M2").unwrap();
/// let s = t.on(m2, "2023-06-01".parse().unwrap()).unwrap();
/// assert_eq!(s.stage, dangjian::member::Stage::Probationary);
/// assert!(t.on(m2, "2020-01-01".parse().unwrap()).is_none()); // before any event
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timelines {
    snaps: Vec<Snapshot>,
    offsets: Vec<usize>,
}

impl Timelines {
    /// Replays every member's log once. Linear in the number of events.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::stats::Timelines;
    /// let reg = dangjian::Registry::sample_small();
    /// let t = Timelines::build(&reg);
    /// assert_eq!(t.members(), reg.len());
    /// assert_eq!(t.of(reg.member_index("M1").unwrap()).len(), 1); // one event: the transfer in
    /// ```
    pub fn build(reg: &Registry) -> Timelines {
        let n = reg.len();
        let mut snaps = Vec::with_capacity(reg.event_count());
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0);
        for (i, record) in reg.members().iter().enumerate() {
            let ctx = ReplayContext {
                tree: reg.tree(),
                record,
                rules: reg.rules(),
            };
            let events = reg.events_of(i as MemberIdx);
            let mut state = MemberState::initial(record);
            let mut mask = 0u64;
            for (k, e) in events.iter().enumerate() {
                // The log was validated when applied; a failing step leaves the state unchanged.
                let _ = step(&mut state, e, ctx);
                mask |= 1u64 << (e.kind.event_type() as u32);
                if events.get(k + 1).is_some_and(|next| next.date == e.date) {
                    continue;
                }
                snaps.push(Snapshot {
                    from: e.date,
                    stage: state.stage,
                    exit: state.exit,
                    branch: state.branch,
                    group: state.group,
                    category: state.category,
                    floating: state.floating,
                    lost_contact: state.lost_contact,
                    admitted_on: state.admitted_on,
                    converted_on: state.converted_on,
                    probation_due: state.probation_due,
                    discipline: state.discipline,
                    observation: state.observation,
                    rights_suspended: state.rights_suspended_on.is_some(),
                    events: mask,
                });
                mask = 0;
            }
            offsets.push(snaps.len());
        }
        Timelines { snaps, offsets }
    }

    /// Number of members covered.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::stats::Timelines;
    /// assert_eq!(Timelines::build(&dangjian::Registry::sample_small()).members(), 4);
    /// assert_eq!(Timelines::default().members(), 0);
    /// ```
    pub fn members(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// The snapshots of member `m`, in date order.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::stats::Timelines;
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let t = Timelines::build(&reg);
    /// # let m2 = reg.member_index("M2").unwrap();
    /// assert_eq!(t.of(m2).len(), 4); // applied, activist, candidate, admitted
    /// assert!(t.of(99).is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn of(&self, m: MemberIdx) -> &[Snapshot] {
        let i = m as usize;
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => self.snaps.get(a..b).unwrap_or_default(),
            _ => &[],
        }
    }

    /// Member `m`'s state on `date` (end of day), or `None` before their first event.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::stats::Timelines;
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let t = Timelines::build(&reg);
    /// # let m2 = reg.member_index("M2").unwrap();
    /// use dangjian::member::Stage;
    /// assert_eq!(t.on(m2, d("2021-10-01")).map(|s| s.stage), Some(Stage::Candidate)); // end of the day
    /// assert_eq!(t.on(m2, d("2021-09-30")).map(|s| s.stage), Some(Stage::Activist));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn on(&self, m: MemberIdx, date: NaiveDate) -> Option<&Snapshot> {
        let s = self.of(m);
        let k = s.partition_point(|x| x.from <= date);
        k.checked_sub(1).and_then(|k| s.get(k))
    }

    /// The unit (group or branch) member `m` is counted in on `date`, if a member.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::stats::Timelines;
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let t = Timelines::build(&reg);
    /// # let m2 = reg.member_index("M2").unwrap();
    /// let m4 = reg.member_index("M4").unwrap();
    /// assert_eq!(t.unit_on(m4, d("2024-06-01")), reg.tree().index("B2"));
    /// assert_eq!(t.unit_on(m4, d("2020-06-01")), None); // transferred in on 2021-01-01
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn unit_on(&self, m: MemberIdx, date: NaiveDate) -> Option<OrgIdx> {
        self.on(m, date).and_then(Snapshot::unit)
    }

    /// Every member's stays in units, indexed by organization: `spells[o]` lists
    /// `(from, to_exclusive, member)` for each stretch a member was counted directly in `o`
    /// (`to` is `NaiveDate::MAX` while it lasts). With the tree's pre-order, the members of a
    /// subtree on a date are found by scanning only that subtree's organizations.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::stats::Timelines;
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let t = Timelines::build(&reg);
    /// # let m2 = reg.member_index("M2").unwrap();
    /// let spells = t.unit_spells(reg.tree().len());
    /// let b2 = reg.tree().index("B2").unwrap() as usize;
    /// let m4 = reg.member_index("M4").unwrap();
    /// assert_eq!(spells[b2], [(d("2021-01-01"), dangjian::chrono::NaiveDate::MAX, m4)]); // still there
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn unit_spells(&self, orgs: usize) -> Vec<Vec<(NaiveDate, NaiveDate, MemberIdx)>> {
        let mut out: Vec<Vec<(NaiveDate, NaiveDate, MemberIdx)>> = vec![Vec::new(); orgs];
        for m in 0..self.members() as MemberIdx {
            let snaps = self.of(m);
            let mut open: Option<(OrgIdx, NaiveDate)> = None;
            for s in snaps {
                let unit = s.unit();
                if open.map(|o| o.0) == unit {
                    continue;
                }
                if let Some((u, from)) = open.take() {
                    if let Some(v) = out.get_mut(u as usize) {
                        v.push((from, s.from, m));
                    }
                }
                open = unit.map(|u| (u, s.from));
            }
            if let Some((u, from)) = open {
                if let Some(v) = out.get_mut(u as usize) {
                    v.push((from, NaiveDate::MAX, m));
                }
            }
        }
        out
    }
}
