//! The registry: organizations, the roster and every member's event log, with state as of any
//! date derived from the log.
//!
//! Every change is a batch applied all or nothing: [`Registry::apply`] checks each event against
//! the lifecycle rules in date order, merged with the member's existing history, and either
//! commits the whole batch or leaves the registry exactly as it was.
//!
//! ```
//! use dangjian::Registry;
//! let reg = Registry::sample_small();
//! let d = "2024-01-01".parse().unwrap();
//! let counts = reg.counts_on(d);
//! let b1 = reg.tree().index("B1").unwrap() as usize;
//! assert_eq!(counts.members[b1], 3);
//! ```

mod counts;
mod csr;
mod error;
mod pipeline;
mod tables;

use chrono::NaiveDate;

pub use counts::{Flows, OrgCounts, Spell};
pub use error::RegistryError;
pub use pipeline::{
    working_days, DueKind, PipelineDue, DEVELOPMENT_RULES_SINCE, JUBILEE_FIRST_YEAR,
    NOTICE_MIN_WORKING_DAYS, TRAINING_MIN_DAYS, TRAINING_MIN_HOURS,
};
pub use tables::{OrgCountsTable, OrgRecordsTable};

use crate::hash::IdMap;
use crate::member::{
    replay, Event, EventRecord, LifecycleRules, MemberId, MemberRecord, MemberRule, MemberState,
    ReplayContext,
};
use crate::org::{OrgRecord, OrgTree};
use csr::Csr;

/// Dense index of a member in a [`Registry`] (roster order).
///
/// # Examples
///
/// ```
/// let reg = dangjian::Registry::sample_small();
/// let idx: dangjian::MemberIdx = reg.member_index("M3").ok_or("M3")?;
/// assert_eq!(idx, 2); // roster order: M1, M2, M3, M4
/// assert_eq!(reg.member(idx).map(|m| m.id.as_str()), Some("M3"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub type MemberIdx = u32;

pub use crate::limits::MAX_EVENTS_PER_MEMBER;
pub use crate::limits::MAX_MEMBERS;
pub use crate::limits::MAX_MEMBER_ID_LEN;

/// Organizations, the roster and the event log of one community (or one partition).
///
/// # Examples
///
/// ```
/// use dangjian::member::{EventRecord, EventType, Gender, MemberRecord, Stage};
/// use dangjian::org::{OrgKind, OrgRecord};
/// use dangjian::Registry;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// let b1 = OrgRecord::new("B1", "第一党支部", OrgKind::Branch, None, d("2020-01-01"));
/// let mut reg = Registry::new(vec![b1])?;
/// reg.add_members(vec![MemberRecord::new("M1", "张建国", Gender::Male, d("1990-03-02"))?])?;
/// reg.apply(vec![EventRecord::new("M1", d("2024-03-01"), EventType::Applied).branch("B1")])?;
/// assert_eq!(reg.state("M1", d("2024-12-31"))?.stage, Stage::Applicant);
/// assert_eq!(reg.headcount_on(d("2024-12-31")), 0); // an applicant is not yet a member
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Registry {
    tree: OrgTree,
    rules: LifecycleRules,
    members: Vec<MemberRecord>,
    index: IdMap<MemberId, MemberIdx>,
    events: Csr<Event>,
    spells: Csr<Spell>,
}

/// What a successful batch did.
///
/// # Examples
///
/// ```
/// use dangjian::member::{EventRecord, EventType};
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// let mut reg = dangjian::Registry::sample_small();
/// let done = reg.apply(vec![
///     EventRecord::new("M2", d("2024-03-01"), EventType::Converted),
///     EventRecord::new("M1", d("2024-06-30"), EventType::Died),
/// ])?;
/// assert_eq!((done.events, done.members), (2, 2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
pub struct BatchSummary {
    /// Events added.
    pub events: usize,
    /// Members whose history changed.
    pub members: usize,
}

impl Registry {
    /// A registry with the given organizations and no members, under the default rules.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::org::{OrgKind, OrgRecord};
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let orgs = vec![
    ///     OrgRecord::new("Z", "示例社区党总支", OrgKind::GeneralBranch, None, d("2020-01-01")),
    ///     OrgRecord::new("B1", "第一党支部", OrgKind::Branch, Some("Z"), d("2020-01-01")),
    /// ];
    /// let reg = dangjian::Registry::new(orgs)?;
    /// assert_eq!((reg.tree().len(), reg.len()), (2, 0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(orgs: Vec<OrgRecord>) -> Result<Self, RegistryError> {
        Self::with_rules(orgs, LifecycleRules::default())
    }

    /// A registry with the given organizations and lifecycle rule numbers.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::LifecycleRules;
    /// use dangjian::org::{OrgKind, OrgRecord};
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let rules = LifecycleRules { talk_within_months: 2, ..LifecycleRules::default() };
    /// let b = OrgRecord::new("B1", "第一党支部", OrgKind::Branch, None, d("2020-01-01"));
    /// let reg = dangjian::Registry::with_rules(vec![b], rules)?;
    /// assert_eq!(reg.rules().talk_within_months, 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_rules(orgs: Vec<OrgRecord>, rules: LifecycleRules) -> Result<Self, RegistryError> {
        Ok(Registry {
            tree: OrgTree::build(orgs)?,
            rules,
            members: Vec::new(),
            index: IdMap::default(),
            events: Csr::default(),
            spells: Csr::default(),
        })
    }

    /// A registry built from organizations, members and events, each step validated.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::{EventRecord, EventType, Gender, MemberRecord};
    /// use dangjian::org::{OrgKind, OrgRecord};
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let orgs = vec![OrgRecord::new("B1", "第一党支部", OrgKind::Branch, None, d("2020-01-01"))];
    /// let members = vec![MemberRecord::new("M1", "李红", Gender::Female, d("1995-08-09"))?];
    /// let events = vec![EventRecord::new("M1", d("2024-05-06"), EventType::Applied).branch("B1")];
    /// let reg = dangjian::Registry::build(orgs, members, events, Default::default())?;
    /// assert_eq!(reg.event_count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn build(
        orgs: Vec<OrgRecord>,
        members: Vec<MemberRecord>,
        events: Vec<EventRecord>,
        rules: LifecycleRules,
    ) -> Result<Self, RegistryError> {
        let mut reg = Self::with_rules(orgs, rules)?;
        reg.add_members(members)?;
        reg.apply(events)?;
        Ok(reg)
    }

    /// The organization tree.
    ///
    /// # Examples
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// assert_eq!(reg.tree().len(), 4); // Z, B1, G1, B2
    /// assert_eq!(reg.tree().index("B1"), Some(1));
    /// ```
    pub fn tree(&self) -> &OrgTree {
        &self.tree
    }

    /// The lifecycle rule numbers in force.
    ///
    /// # Examples
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// assert_eq!(reg.rules().probation_months, 12);
    /// ```
    pub fn rules(&self) -> &LifecycleRules {
        &self.rules
    }

    /// All roster records, in roster order.
    ///
    /// # Examples
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// let ids: Vec<&str> = reg.members().iter().map(|m| m.id.as_str()).collect();
    /// assert_eq!(ids, ["M1", "M2", "M3", "M4"]);
    /// ```
    pub fn members(&self) -> &[MemberRecord] {
        &self.members
    }

    /// Number of people on the roster (members, pipeline and former members).
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(dangjian::Registry::sample_small().len(), 4);
    /// ```
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether the roster is empty.
    ///
    /// # Examples
    ///
    /// ```
    /// assert!(dangjian::Registry::default().is_empty());
    /// assert!(!dangjian::Registry::sample_small().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Index of member `id`.
    ///
    /// # Examples
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// assert_eq!(reg.member_index("M1"), Some(0));
    /// assert_eq!(reg.member_index("M9"), None);
    /// ```
    pub fn member_index(&self, id: &str) -> Option<MemberIdx> {
        self.index.get(id).copied()
    }

    /// The record of member `idx`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::Gender;
    /// let reg = dangjian::Registry::sample_small();
    /// let m = reg.member(1).ok_or("no member 1")?;
    /// assert_eq!((m.id.as_str(), m.gender), ("M2", Gender::Female));
    /// assert!(reg.member(9).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn member(&self, idx: MemberIdx) -> Option<&MemberRecord> {
        self.members.get(idx as usize)
    }

    /// The validated events of member `idx`, in date order.
    ///
    /// # Examples
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// let m2 = reg.member_index("M2").ok_or("M2")?;
    /// let dates: Vec<String> = reg.events_of(m2).iter().map(|e| e.date.to_string()).collect();
    /// assert_eq!(dates, ["2020-06-01", "2020-09-01", "2021-10-01", "2023-03-01"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn events_of(&self, idx: MemberIdx) -> &[Event] {
        self.events.row(idx as usize)
    }

    /// The membership spells of member `idx`.
    ///
    /// # Examples
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// let m2 = reg.member_index("M2").ok_or("M2")?;
    /// let spells = reg.spells_of(m2); // admitted on 2023-03-01, still on probation
    /// assert_eq!(spells.len(), 1);
    /// assert_eq!((spells[0].from.to_string(), spells[0].full), ("2023-03-01".to_string(), false));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn spells_of(&self, idx: MemberIdx) -> &[Spell] {
        self.spells.row(idx as usize)
    }

    /// Number of events in the log.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(dangjian::Registry::sample_small().event_count(), 7);
    /// ```
    pub fn event_count(&self) -> usize {
        self.events.values().len()
    }

    /// Adds people to the roster, all or nothing: ids must be new and unique, ID numbers must
    /// agree with the birth date and gender (GB 11643-1999).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::{Gender, MemberRecord};
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let mut reg = dangjian::Registry::sample_small();
    /// reg.add_members(vec![MemberRecord::new("M5", "陈静", Gender::Female, d("2000-02-29"))?])?;
    /// assert_eq!(reg.len(), 5);
    /// let again = MemberRecord::new("M1", "张建国", Gender::Male, d("1950-03-02"))?;
    /// let err = reg.add_members(vec![again]).unwrap_err();
    /// assert_eq!(err.code(), "duplicate_member");
    /// assert_eq!(reg.len(), 5); // all or nothing
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_members(&mut self, records: Vec<MemberRecord>) -> Result<(), RegistryError> {
        if self.members.len() + records.len() > MAX_MEMBERS {
            return Err(RegistryError::LimitExceeded {
                what: "members in one registry",
                limit: MAX_MEMBERS,
                actual: self.members.len() + records.len(),
            });
        }
        for (position, r) in records.iter().enumerate() {
            validate_member(position, r)?;
        }
        // Insert ids one by one; on a duplicate, take the inserted ones out again (all or nothing).
        let start = self.members.len();
        self.index.reserve(records.len());
        for (i, r) in records.iter().enumerate() {
            if self.index.contains_key(r.id.as_str()) {
                for undo in records.iter().take(i) {
                    self.index.remove(undo.id.as_str());
                }
                return Err(RegistryError::DuplicateMember {
                    id: r.id.clone(),
                    position: i,
                });
            }
            self.index.insert(r.id.clone(), (start + i) as MemberIdx);
        }
        self.members.extend(records);
        self.events.grow_to(self.members.len());
        self.spells.grow_to(self.members.len());
        Ok(())
    }

    /// Applies a batch of events, all or nothing.
    ///
    /// Events are merged into each member's history by date (an event dated the same day as an
    /// existing one comes after it; events of one member on one day keep their batch order) and
    /// the whole history is re-checked. Events of different members are independent, so the
    /// order of the batch across members does not matter. On the first broken rule the batch is
    /// rejected with the event's position, and the registry is unchanged.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::{EventRecord, EventType, Stage};
    /// use dangjian::RegistryError;
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let mut reg = dangjian::Registry::sample_small();
    /// reg.apply(vec![EventRecord::new("M2", d("2024-03-01"), EventType::Converted)])?;
    /// assert_eq!(reg.state("M2", d("2024-03-01"))?.stage, Stage::Full);
    /// // M4 is already a full member: admitting her again is refused, and nothing changes
    /// let err = reg.apply(vec![EventRecord::new("M4", d("2024-05-01"), EventType::Admitted)]);
    /// assert!(matches!(err, Err(RegistryError::EventRejected { position: 0, .. })));
    /// assert_eq!(reg.event_count(), 8);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply(&mut self, batch: Vec<EventRecord>) -> Result<BatchSummary, RegistryError> {
        // 1. Resolve members and organizations; key each event by (member, date, position).
        let mut converted: Vec<Event> = Vec::with_capacity(batch.len());
        let mut keyed: Vec<(MemberIdx, NaiveDate, u32)> = Vec::with_capacity(batch.len());
        for (position, rec) in batch.iter().enumerate() {
            let reject = |rule: MemberRule, reason: String| RegistryError::EventRejected {
                position,
                member: rec.member.clone(),
                date: rec.date,
                event_type: rec.kind,
                rule,
                reason,
            };
            let idx = self.member_index(&rec.member).ok_or_else(|| {
                // an id not on the roster was never checked: it may be a mistyped phone
                let mut e = reject(
                    MemberRule::UnknownMember,
                    "the member is not on the roster".into(),
                );
                if let RegistryError::EventRejected { member, .. } = &mut e {
                    *member = crate::privacy::redact_runs(member, 11).into();
                }
                e
            })?;
            converted
                .push(Event::from_record(rec, &self.tree).map_err(|v| reject(v.rule, v.reason))?);
            keyed.push((idx, rec.date, position as u32));
        }
        keyed.sort_unstable();
        // 2. Rebuild the event and spell rows: members with new events are merged (existing
        //    events first on equal dates) and re-checked; the others are copied.
        let n = self.members.len();
        let mut events: Vec<Event> = Vec::with_capacity(self.events.values().len() + batch.len());
        let mut event_offsets: Vec<usize> = Vec::with_capacity(n + 1);
        let mut spells: Vec<Spell> = Vec::with_capacity(self.spells.values().len() + batch.len());
        let mut spell_offsets: Vec<usize> = Vec::with_capacity(n + 1);
        event_offsets.push(0);
        spell_offsets.push(0);
        let mut positions: Vec<Option<usize>> = Vec::new();
        let mut changed = 0;
        let mut g = 0;
        for m in 0..n {
            let existing = self.events.row(m);
            let end = g + keyed
                .get(g..)
                .unwrap_or_default()
                .iter()
                .take_while(|k| k.0 as usize == m)
                .count();
            if end == g {
                events.extend_from_slice(existing);
                spells.extend_from_slice(self.spells.row(m));
            } else {
                changed += 1;
                let added = keyed.get(g..end).unwrap_or_default();
                if existing.len() + added.len() > MAX_EVENTS_PER_MEMBER {
                    return Err(RegistryError::LimitExceeded {
                        what: "events of one member",
                        limit: MAX_EVENTS_PER_MEMBER,
                        actual: existing.len() + added.len(),
                    });
                }
                let start = events.len();
                positions.clear();
                let (mut i, mut j) = (0, 0);
                while i < existing.len() || j < added.len() {
                    let take_existing = match (existing.get(i), added.get(j)) {
                        (Some(e), Some(a)) => e.date <= a.1,
                        (Some(_), None) => true,
                        _ => false,
                    };
                    if take_existing {
                        if let Some(e) = existing.get(i) {
                            events.push(e.clone());
                        }
                        positions.push(None);
                        i += 1;
                    } else {
                        if let Some(e) = added.get(j).and_then(|a| converted.get(a.2 as usize)) {
                            events.push(e.clone());
                        }
                        positions.push(added.get(j).map(|a| a.2 as usize));
                        j += 1;
                    }
                }
                let record = self
                    .members
                    .get(m)
                    .ok_or_else(|| RegistryError::UnknownMember {
                        id: MemberId::default(),
                    })?;
                let ctx = ReplayContext {
                    tree: &self.tree,
                    record,
                    rules: &self.rules,
                };
                let merged = events.get(start..).unwrap_or_default();
                if let Err((at, v)) = counts::checked_spells(merged, ctx, &mut spells) {
                    let (blame, extra) = match positions.get(at).copied().flatten() {
                        Some(p) => (p, String::new()),
                        None => {
                            // An existing event fails: blame the earliest new event before it.
                            let p = positions.iter().take(at).find_map(|p| *p).unwrap_or(0);
                            let when = merged
                                .get(at)
                                .map(|e| e.date.to_string())
                                .unwrap_or_default();
                            (p, format!(" (it invalidates the recorded event of {when})"))
                        }
                    };
                    let rec = batch.get(blame);
                    return Err(RegistryError::EventRejected {
                        position: blame,
                        member: record.id.clone(),
                        date: rec.map(|r| r.date).unwrap_or_default(),
                        event_type: rec
                            .map(|r| r.kind)
                            .unwrap_or(crate::member::EventType::Applied),
                        rule: v.rule,
                        reason: v.reason + &extra,
                    });
                }
            }
            g = end;
            event_offsets.push(events.len());
            spell_offsets.push(spells.len());
        }
        self.events = Csr::from_parts(events, event_offsets);
        self.spells = Csr::from_parts(spells, spell_offsets);
        Ok(BatchSummary {
            events: batch.len(),
            members: changed,
        })
    }

    /// Adds people and their events in one step, all or nothing (e.g. a roster import).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::{EventRecord, EventType, Gender, MemberRecord};
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let mut reg = dangjian::Registry::sample_small();
    /// let person = MemberRecord::new("M5", "陈静", Gender::Female, d("2000-02-29"))?;
    /// let applied = EventRecord::new("M5", d("2024-04-02"), EventType::Applied).branch("B2");
    /// let done = reg.import(vec![person], vec![applied])?;
    /// assert_eq!((done.events, done.members, reg.len()), (1, 1, 5));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn import(
        &mut self,
        members: Vec<MemberRecord>,
        events: Vec<EventRecord>,
    ) -> Result<BatchSummary, RegistryError> {
        let mut next = self.clone();
        next.add_members(members)?;
        let summary = next.apply(events)?;
        *self = next;
        Ok(summary)
    }

    /// The state of member `id` on `date`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::Stage;
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let reg = dangjian::Registry::sample_small();
    /// assert_eq!(reg.state("M2", d("2021-01-01"))?.stage, Stage::Activist);
    /// assert_eq!(reg.state("M2", d("2023-06-30"))?.stage, Stage::Probationary);
    /// assert_eq!(reg.state("M9", d("2023-06-30")).unwrap_err().code(), "unknown_member");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn state(&self, id: &str, date: NaiveDate) -> Result<MemberState, RegistryError> {
        let idx = self
            .member_index(id)
            .ok_or_else(|| RegistryError::UnknownMember {
                id: crate::privacy::redact_runs(id, 11).into(),
            })?;
        Ok(self.state_of(idx, date))
    }

    /// The state of member `idx` on `date` (the initial state for an unknown index).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::Stage;
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let reg = dangjian::Registry::sample_small();
    /// assert_eq!(reg.state_of(1, d("2022-01-01")).stage, Stage::Candidate);
    /// assert_eq!(reg.state_of(99, d("2022-01-01")).stage, Stage::Outsider);
    /// ```
    pub fn state_of(&self, idx: MemberIdx, date: NaiveDate) -> MemberState {
        let Some(record) = self.members.get(idx as usize) else {
            return MemberState::default();
        };
        let ctx = ReplayContext {
            tree: &self.tree,
            record,
            rules: &self.rules,
        };
        // The log was validated when applied, so replay cannot fail; fall back to the initial state.
        replay(self.events.row(idx as usize), ctx, Some(date))
            .unwrap_or_else(|_| MemberState::initial(record))
    }

    /// Every person on the roster with their state on `date`, in roster order.
    ///
    /// # Examples
    ///
    /// ```
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let reg = dangjian::Registry::sample_small();
    /// let members = reg.states_on(d("2022-01-01")).filter(|(_, s)| s.is_member()).count();
    /// assert_eq!(members, 3); // M2 is still a candidate
    /// ```
    pub fn states_on(
        &self,
        date: NaiveDate,
    ) -> impl Iterator<Item = (MemberIdx, MemberState)> + '_ {
        (0..self.members.len() as MemberIdx).map(move |i| (i, self.state_of(i, date)))
    }

    /// The event log of member `id` in data-file form.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::EventType;
    /// let reg = dangjian::Registry::sample_small();
    /// let log = reg.history("M2")?;
    /// assert_eq!(log.len(), 4);
    /// assert_eq!((log[3].date.to_string(), log[3].kind), ("2023-03-01".to_string(), EventType::Admitted));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn history(&self, id: &str) -> Result<Vec<EventRecord>, RegistryError> {
        let idx = self
            .member_index(id)
            .ok_or_else(|| RegistryError::UnknownMember {
                id: crate::privacy::redact_runs(id, 11).into(),
            })?;
        let mid = self
            .members
            .get(idx as usize)
            .map(|m| m.id.clone())
            .unwrap_or_default();
        Ok(self
            .events_of(idx)
            .iter()
            .map(|e| e.to_record(&mid, &self.tree))
            .collect())
    }

    /// The whole event log in data-file form, member by member, each in date order.
    ///
    /// # Examples
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// let log = reg.event_records();
    /// assert_eq!(log.len(), reg.event_count());
    /// assert_eq!(log[0].member.as_str(), "M1");
    /// ```
    pub fn event_records(&self) -> Vec<EventRecord> {
        let mut out = Vec::with_capacity(self.event_count());
        for (i, m) in self.members.iter().enumerate() {
            out.extend(
                self.events
                    .row(i)
                    .iter()
                    .map(|e| e.to_record(&m.id, &self.tree)),
            );
        }
        out
    }

    /// Approximate heap and inline bytes held by the registry (for the memory benchmark).
    ///
    /// # Examples
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// assert!(reg.approx_bytes() >= reg.len() * std::mem::size_of::<dangjian::member::MemberRecord>());
    /// ```
    pub fn approx_bytes(&self) -> usize {
        let member_heap: usize = self
            .members
            .iter()
            .map(|m| {
                let s = |c: &compact_str::CompactString| {
                    if c.is_heap_allocated() {
                        c.capacity()
                    } else {
                        0
                    }
                };
                s(&m.id)
                    + s(&m.ethnicity)
                    + m.skills.capacity() * std::mem::size_of::<compact_str::CompactString>()
            })
            .sum();
        self.members.capacity() * std::mem::size_of::<MemberRecord>()
            + member_heap
            + self.index.capacity()
                * (std::mem::size_of::<MemberId>() + std::mem::size_of::<MemberIdx>() + 1)
            + self.events.heap_bytes()
            + self.spells.heap_bytes()
    }
}

fn validate_member(position: usize, r: &MemberRecord) -> Result<(), RegistryError> {
    let bad = |field, reason: String| {
        Err(RegistryError::BadMember {
            id: r.id.clone(),
            position,
            field,
            reason,
        })
    };
    if r.id.trim().is_empty() {
        return bad("id", "is empty".into());
    }
    if let Some(reason) = crate::text::id_problem(&r.id) {
        return Err(RegistryError::BadMember {
            id: crate::text::escape_forbidden(&r.id).into(),
            position,
            field: "id",
            reason,
        });
    }
    if r.id.len() > MAX_MEMBER_ID_LEN {
        return bad(
            "id",
            format!("超过 {MAX_MEMBER_ID_LEN} 字节 / is longer than {MAX_MEMBER_ID_LEN} bytes"),
        );
    }
    if looks_like_personal_number(&r.id) {
        return Err(RegistryError::BadMember {
            id: crate::privacy::mask(&crate::privacy::redact_personal(&r.id), 3, 4).into(),
            position,
            field: "id",
            reason: "looks like a resident ID number or a phone; ids appear in reports and errors, use a roster number".into(),
        });
    }
    if !crate::limits::date_in_range(r.birth_date) {
        return bad(
            "birth_date",
            format!(
                "超出 {} 至 {} 的范围 / lies outside {} ..= {}",
                crate::limits::MIN_DATE,
                crate::limits::MAX_DATE,
                crate::limits::MIN_DATE,
                crate::limits::MAX_DATE
            ),
        );
    }
    if r.home_unit
        .as_ref()
        .is_some_and(|h| h.chars().count() > crate::limits::MAX_TEXT_CHARS)
    {
        return bad(
            "home_unit",
            format!(
                "超过 {} 个字 / is longer than {} characters",
                crate::limits::MAX_TEXT_CHARS,
                crate::limits::MAX_TEXT_CHARS
            ),
        );
    }
    use crate::limits::{MAX_ETHNICITY_CHARS, MAX_SKILLS, MAX_SKILL_CHARS};
    if r.ethnicity.chars().count() > MAX_ETHNICITY_CHARS {
        return bad(
            "ethnicity",
            format!(
                "超过 {MAX_ETHNICITY_CHARS} 个字 / is longer than {MAX_ETHNICITY_CHARS} characters"
            ),
        );
    }
    if r.skills.len() > MAX_SKILLS || r.skills.iter().any(|s| s.chars().count() > MAX_SKILL_CHARS) {
        return bad(
            "skills",
            format!("超过 {MAX_SKILLS} 项或有一项超过 {MAX_SKILL_CHARS} 个字 / has more than {MAX_SKILLS} entries or an entry longer than {MAX_SKILL_CHARS} characters"),
        );
    }
    if let Some(idn) = &r.id_number {
        if idn.birth_date() != Some(r.birth_date) {
            return bad("id_number", format!("{} encodes a birth date other than the record's {} (GB 11643-1999 digits 7-14)", idn.masked(), r.birth_date));
        }
        if idn.gender() != r.gender {
            return bad(
                "id_number",
                format!(
                    "{} encodes gender {} but the record says {} (GB 11643-1999 digit 17)",
                    idn.masked(),
                    idn.gender().label(),
                    r.gender.label()
                ),
            );
        }
    }
    Ok(())
}

/// Whether a member id holds a run of 11 or more digits, as a resident ID number or a mobile
/// number would (valid or mistyped): such ids would carry personal data into every report and
/// error.
fn looks_like_personal_number(id: &str) -> bool {
    // Spelled with separators or full-width digits (`138-1234-5678`, `１３８…`): issue 17.
    if crate::privacy::redact_personal(id) != id {
        return true;
    }
    let mut run = 0;
    for b in id.bytes() {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        if run >= 11 {
            return true;
        }
    }
    false
}
