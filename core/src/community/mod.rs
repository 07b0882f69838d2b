//! The community session: one owned value holding a dataset, the registry built from it and
//! the checks and caches the scoring needs, built once and used by the CLI, the Python and
//! the WebAssembly bindings alike.
//!
//! A [`Community`] is made from a [`Dataset`] (its registry validated once); every change
//! goes through it, all or nothing (lifecycle events, members, rosters, and the month's records:
//! activities, meetings, dues payments and service records, see [`Record`]), and keeps the
//! dataset, the registry and the caches in step, so that [`Community::dataset`] can be saved
//! at any moment and holds everything.
//!
//! ```
//! use dangjian::community::Community;
//! use dangjian::scoring::{ActivityRecord, Mode, RuleSet};
//! let mut c = Community::new(dangjian::io::Dataset::sample_small()).unwrap();
//! let d = |s: &str| s.parse().unwrap();
//! c.add(vec![ActivityRecord::new("a1", "M1", "meeting", d("2024-03-05"))]).unwrap();
//! let t = c.scorer(Mode::Strict).unwrap()
//!     .score(&RuleSet::member_default(), "2024-03".parse().unwrap()).unwrap().table;
//! assert_eq!(t.total[t.row_of("M1").unwrap()].to_string(), "62");
//! assert_eq!(c.dataset().activities.len(), 1); // the dataset holds the record
//! ```

mod error;
mod outputs;
mod records;

use std::sync::OnceLock;

pub use error::{RecordError, RejectedBy};
pub use outputs::PracticeTable;
pub use records::{parse_records, Record, RecordKind, MAX_BATCH_RECORDS};

use crate::io::{Dataset, ImportError, RosterImport, RosterMerge};
use crate::member::{EventRecord, MemberRecord};
use crate::post::{PostBook, PostError};
use crate::registry::{BatchSummary, Registry, RegistryError};
use crate::scoring::{ActivityRecord, Mode, Scorer, ScorerChecks, ScoringError};

/// The scorer's checks, with the activities they were made for when those are not the
/// dataset's own (approved declarations added).
type KeptChecks = (Option<Vec<ActivityRecord>>, ScorerChecks);

/// A community held in memory: the dataset, its registry and the scoring checks, kept in
/// step by every change (see the [module documentation](self)).
///
/// # Examples
///
/// ```
/// use dangjian::community::Community;
/// use dangjian::io::Dataset;
/// let c = Community::new(Dataset::sample_small())?;
/// assert_eq!(c.name(), "示例社区");
/// assert_eq!(c.registry().len(), 4);
/// assert_eq!(c.dataset(), &Dataset::sample_small()); // nothing changed yet
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Community {
    ds: Dataset,
    reg: Registry,
    /// The scorer's checks of the activities (ids, subjects, reversals, the index), made by
    /// the first scorer and kept until the roster or the activities change.
    /// Together with the approved declarations added to the activities when there are any
    /// (`None`: the dataset's activities as they are; see [`Dataset::scored_activities`]).
    checks: OnceLock<Result<KeptChecks, ScoringError>>,
    /// The other outputs' kept inputs (compliance records, the year's book, the practices'
    /// check), see [`outputs`].
    caches: outputs::Caches,
}

impl Community {
    /// Validates the dataset's organizations, roster and event log and builds the registry.
    ///
    /// ```
    /// let c = dangjian::community::Community::new(dangjian::synth::sample_community()).unwrap();
    /// assert_eq!(c.registry().headcount_on(dangjian::synth::SAMPLE_AS_OF), 158);
    /// ```
    pub fn new(ds: Dataset) -> Result<Community, RegistryError> {
        let reg = ds.to_registry()?;
        Ok(Community {
            ds,
            reg,
            checks: OnceLock::new(),
            caches: outputs::Caches::default(),
        })
    }

    /// The dataset, with every change made so far (the storage form: save it with
    /// [`Dataset::save`] or [`Dataset::to_json`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::community::Community;
    /// use dangjian::member::{EventRecord, EventType};
    /// let mut c = Community::new(dangjian::io::Dataset::sample_small())?;
    /// let day = "2024-05-01".parse()?;
    /// c.apply(vec![EventRecord::new("M3", day, EventType::Moved).branch("B2")])?;
    /// let saved = c.dataset().to_json()?; // holds the move
    /// assert!(saved.contains("\"moved\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn dataset(&self) -> &Dataset {
        &self.ds
    }

    /// The dataset, giving up the session.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::community::Community;
    /// use dangjian::io::Dataset;
    /// let c = Community::new(Dataset::sample_small())?;
    /// let ds = c.into_dataset();
    /// assert_eq!(ds.members.len(), 4);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn into_dataset(self) -> Dataset {
        self.ds
    }

    /// The registry built from the dataset.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::community::Community;
    /// let c = Community::new(dangjian::io::Dataset::sample_small())?;
    /// assert_eq!(c.registry().headcount_on("2024-01-01".parse()?), 4);
    /// assert!(c.registry().member_index("M2").is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn registry(&self) -> &Registry {
        &self.reg
    }

    /// The community's display name.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::community::Community;
    /// let c = Community::new(dangjian::io::Dataset::new("东风社区"))?;
    /// assert_eq!(c.name(), "东风社区");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn name(&self) -> &str {
        &self.ds.community.name
    }

    /// A scorer of the community's activities in `mode`. The checks of the activities are
    /// made by the first call and reused by the next ones until the roster or the activities
    /// change.
    ///
    /// ```
    /// use dangjian::scoring::{Mode, RuleSet};
    /// let c = dangjian::community::Community::new(dangjian::synth::sample_community()).unwrap();
    /// let rules = RuleSet::member_default();
    /// let a = c.scorer(Mode::Strict).unwrap().score_table(&rules, "2026-10".parse().unwrap()).unwrap();
    /// let b = c.scorer(Mode::Strict).unwrap().score_table(&rules, "2026-10".parse().unwrap()).unwrap();
    /// assert_eq!(a, b);
    /// ```
    pub fn scorer(&self, mode: Mode) -> Result<Scorer<'_>, ScoringError> {
        let checks = self.checks.get_or_init(|| {
            let scored = match self.ds.scored_activities() {
                std::borrow::Cow::Borrowed(_) => None,
                std::borrow::Cow::Owned(all) => Some(all),
            };
            let acts = scored.as_deref().unwrap_or(&self.ds.activities);
            ScorerChecks::new(&self.reg, acts).map(|c| (scored, c))
        });
        match checks {
            Ok((scored, checks)) => Ok(Scorer::with_checks(
                &self.reg,
                scored.as_deref().unwrap_or(&self.ds.activities),
                mode,
                checks,
            )),
            Err(e) => Err(e.clone()),
        }
    }

    /// The posts, claims and service records validated against the registry.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::community::Community;
    /// let c = Community::new(dangjian::synth::sample_community())?;
    /// let book = c.posts()?;
    /// assert_eq!(book.posts().len(), 11);
    /// assert_eq!(book.post("P-MED").map(|p| p.capacity), Some(6));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn posts(&self) -> Result<PostBook, PostError> {
        PostBook::from_dataset(&self.ds, &self.reg)
    }

    /// Changes the registry with `f` (the registry's mutations are all or nothing), then
    /// brings the dataset's roster and event log up to date and drops the scoring checks.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::community::Community;
    /// use dangjian::member::{EventRecord, EventType};
    /// let mut c = Community::new(dangjian::io::Dataset::sample_small())?;
    /// let day = "2024-03-01".parse()?;
    /// let summary = c.change_registry(|reg| {
    ///     reg.apply(vec![EventRecord::new("M2", day, EventType::Converted)])
    /// })?;
    /// assert_eq!(summary.events, 1);
    /// assert_eq!(c.dataset().events.len(), 8); // the dataset follows the registry
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn change_registry<T, E>(
        &mut self,
        f: impl FnOnce(&mut Registry) -> Result<T, E>,
    ) -> Result<T, E> {
        let result = f(&mut self.reg)?;
        self.ds.members = self.reg.members().to_vec();
        self.ds.events = self.reg.event_records();
        self.checks = OnceLock::new();
        self.caches = outputs::Caches::default();
        Ok(result)
    }

    /// Applies a batch of lifecycle events, all or nothing ([`Registry::apply`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::community::Community;
    /// use dangjian::member::{EventRecord, EventType, Stage};
    /// let mut c = Community::new(dangjian::io::Dataset::sample_small())?;
    /// let day = "2024-03-01".parse()?;
    /// c.apply(vec![EventRecord::new("M2", day, EventType::Converted)])?;
    /// assert_eq!(c.registry().state("M2", day)?.stage, Stage::Full);
    /// // M2 is a full member now: a second conversion breaks the lifecycle rules.
    /// let err = c.apply(vec![EventRecord::new("M2", day, EventType::Converted)]).unwrap_err();
    /// assert_eq!(err.code(), "event_rejected");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply(&mut self, batch: Vec<EventRecord>) -> Result<BatchSummary, RegistryError> {
        self.change_registry(|reg| reg.apply(batch))
    }

    /// Adds people to the roster (no events yet), all or nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::community::Community;
    /// use dangjian::member::{Gender, MemberRecord};
    /// let mut c = Community::new(dangjian::io::Dataset::sample_small())?;
    /// let m5 = MemberRecord::new("M5", "周敏", Gender::Female, "1990-04-12".parse()?)?;
    /// c.add_members(vec![m5.clone()])?;
    /// assert_eq!(c.dataset().members.len(), 5);
    /// assert_eq!(c.add_members(vec![m5]).unwrap_err().code(), "duplicate_member");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_members(&mut self, records: Vec<MemberRecord>) -> Result<(), RegistryError> {
        self.change_registry(|reg| reg.add_members(records))
    }

    /// Adds people with their events (a roster import's new people), all or nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::community::Community;
    /// use dangjian::member::{EventRecord, EventType, Gender, MemberRecord, Stage};
    /// let mut c = Community::new(dangjian::io::Dataset::sample_small())?;
    /// let day = "2024-06-01".parse()?;
    /// let m5 = MemberRecord::new("M5", "周敏", Gender::Female, "1990-04-12".parse()?)?;
    /// let applied = EventRecord::new("M5", day, EventType::Applied).branch("B2");
    /// c.import(vec![m5], vec![applied])?;
    /// assert_eq!(c.registry().state("M5", day)?.stage, Stage::Applicant);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn import(
        &mut self,
        members: Vec<MemberRecord>,
        events: Vec<EventRecord>,
    ) -> Result<BatchSummary, RegistryError> {
        self.change_registry(|reg| reg.import(members, events))
    }

    /// Merges an imported roster by person ([`Dataset::merge_roster`]): new people are added
    /// with their entry event, known people get their static fields updated. All or nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::community::Community;
    /// use dangjian::io::{import_roster_with, Entry, RosterOptions};
    /// let mut c = Community::new(dangjian::io::Dataset::sample_small())?;
    /// let csv = "编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部\n\
    ///            R9,赵六,女,1990-01-02,汉族,本科,2015-06-01,2016-06-01,第二党支部\n";
    /// let opts = RosterOptions::new("2024-01-01".parse()?).entry(Entry::TransferredIn);
    /// let utf8_only = |_: &[u8]| None; // no GB18030 decoder
    /// let import = import_roster_with(csv.as_bytes(), None, c.registry().tree(), &opts, &utf8_only)?;
    /// let merge = c.merge_roster(import)?;
    /// assert_eq!((merge.added, merge.unchanged), (vec!["R9".to_string()], 0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn merge_roster(&mut self, import: RosterImport) -> Result<RosterMerge, ImportError> {
        let mut ds = self.ds.clone();
        let merge = ds.merge_roster(import)?;
        let reg = ds.to_registry().map_err(ImportError::Registry)?;
        self.ds = ds;
        self.reg = reg;
        self.checks = OnceLock::new();
        self.caches = outputs::Caches::default();
        Ok(merge)
    }

    /// Reads a roster (CSV in UTF-8, UTF-16 or GB18030, `.xlsx`, `.xls`; the format the
    /// caller's word, else found from the content) with the one roster import
    /// ([`crate::io::import_roster_with`]) and merges it ([`Community::merge_roster`]).
    ///
    /// ```
    /// use dangjian::io::{Entry, RosterOptions};
    /// let mut c = dangjian::community::Community::new(dangjian::io::Dataset::sample_small()).unwrap();
    /// let csv = "编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部\nR9,赵六,女,1990-01-02,汉族,本科,2015-06-01,2016-06-01,第一党支部\n";
    /// let opts = RosterOptions::new("2024-01-01".parse().unwrap()).entry(Entry::TransferredIn);
    /// let merge = c.import_roster(csv.as_bytes(), None, &opts, &|_| None).unwrap();
    /// assert_eq!(merge.added, vec!["R9".to_string()]);
    /// assert_eq!(c.registry().len(), 5);
    /// ```
    pub fn import_roster(
        &mut self,
        bytes: &[u8],
        format: Option<crate::io::RosterFormat>,
        options: &crate::io::RosterOptions,
        gb18030: &dyn Fn(&[u8]) -> Option<String>,
    ) -> Result<RosterMerge, ImportError> {
        let import =
            crate::io::import_roster_with(bytes, format, self.reg.tree(), options, gb18030)?;
        self.merge_roster(import)
    }

    /// The records of one kind (`c.records::<ActivityRecord>()`).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::community::Community;
    /// use dangjian::scoring::ActivityRecord;
    /// let mut c = Community::new(dangjian::io::Dataset::sample_small())?;
    /// c.add(vec![ActivityRecord::new("a1", "M1", "meeting", "2024-03-05".parse()?)])?;
    /// let activities = c.records::<ActivityRecord>();
    /// assert_eq!(activities.len(), 1);
    /// assert_eq!(activities[0].subject, "M1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn records<R: Record>(&self) -> &[R] {
        R::list(&self.ds)
    }

    /// Adds a batch of records of one kind, all or nothing: each is checked (a unique id, the
    /// people, organizations and posts it names, the rules of its section) and on the first
    /// bad one the session is left exactly as it was and the error names the record
    /// (`第3条积分记录（a3，meeting）…`). Returns the number of records added.
    ///
    /// ```
    /// use dangjian::community::Community;
    /// use dangjian::scoring::ActivityRecord;
    /// let mut c = Community::new(dangjian::io::Dataset::sample_small()).unwrap();
    /// let d = |s: &str| s.parse().unwrap();
    /// let err = c.add(vec![
    ///     ActivityRecord::new("a1", "M1", "meeting", d("2024-03-05")),
    ///     ActivityRecord::new("a2", "nobody", "meeting", d("2024-03-06")),
    /// ]).unwrap_err();
    /// assert_eq!(err.code(), "record_unknown_subject");
    /// assert!(err.to_string().starts_with("第2条积分记录（a2，meeting）"));
    /// assert!(c.dataset().activities.is_empty()); // nothing was added
    /// ```
    pub fn add<R: Record>(&mut self, batch: Vec<R>) -> Result<usize, RecordError> {
        let n = batch.len();
        if n > MAX_BATCH_RECORDS {
            return Err(RecordError::TooMany {
                kind: R::KIND,
                limit: MAX_BATCH_RECORDS,
                actual: n,
            });
        }
        if n == 0 {
            return Ok(0);
        }
        let old = R::list(&self.ds).len();
        let mut next = R::list(&self.ds).to_vec();
        next.extend(batch);
        records::check_batch(self, &next, old)?;
        *R::list_mut(&mut self.ds) = next;
        self.changed(R::KIND);
        Ok(n)
    }

    /// Replaces the record whose id is `id` by `record`, checked as [`Community::add`] checks
    /// a record; returns the record replaced. A payment's id is `member/YYYY-MM`.
    ///
    /// ```
    /// use dangjian::community::Community;
    /// use dangjian::scoring::ActivityRecord;
    /// let mut c = Community::new(dangjian::io::Dataset::sample_small()).unwrap();
    /// let d = |s: &str| s.parse().unwrap();
    /// c.add(vec![ActivityRecord::new("a1", "M1", "meeting", d("2024-03-05"))]).unwrap();
    /// let old = c.correct("a1", ActivityRecord::new("a1", "M3", "meeting", d("2024-03-05"))).unwrap();
    /// assert_eq!(old.subject, "M1");
    /// assert_eq!(c.dataset().activities[0].subject, "M3");
    /// ```
    pub fn correct<R: Record>(&mut self, id: &str, record: R) -> Result<R, RecordError> {
        let list = R::list(&self.ds);
        let Some(pos) = list.iter().position(|r| r.key() == id) else {
            return Err(RecordError::NotFound {
                kind: R::KIND,
                id: crate::privacy::echo_id(id),
            });
        };
        let mut next = list.to_vec();
        let Some(slot) = next.get_mut(pos) else {
            return Err(RecordError::NotFound {
                kind: R::KIND,
                id: crate::privacy::echo_id(id),
            });
        };
        let old = std::mem::replace(slot, record);
        records::check_one(self, &next, pos)?;
        *R::list_mut(&mut self.ds) = next;
        self.changed(R::KIND);
        Ok(old)
    }

    /// Removes the record whose id is `id` and returns it (refused when the rest would break
    /// a rule, e.g. an activity another one reverses).
    ///
    /// ```
    /// use dangjian::community::Community;
    /// use dangjian::scoring::ActivityRecord;
    /// let mut c = Community::new(dangjian::io::Dataset::sample_small()).unwrap();
    /// let d = |s: &str| s.parse().unwrap();
    /// c.add(vec![ActivityRecord::new("a1", "M1", "meeting", d("2024-03-05"))]).unwrap();
    /// c.remove::<ActivityRecord>("a1").unwrap();
    /// assert_eq!(c.remove::<ActivityRecord>("a1").unwrap_err().code(), "record_not_found");
    /// ```
    pub fn remove<R: Record>(&mut self, id: &str) -> Result<R, RecordError> {
        let list = R::list(&self.ds);
        let Some(pos) = list.iter().position(|r| r.key() == id) else {
            return Err(RecordError::NotFound {
                kind: R::KIND,
                id: crate::privacy::echo_id(id),
            });
        };
        let mut next = list.to_vec();
        let old = next.remove(pos);
        records::check_removal(self, &next, &old)?;
        *R::list_mut(&mut self.ds) = next;
        self.changed(R::KIND);
        Ok(old)
    }

    /// Adds records given as JSON text (an array of records of `kind`, or one record):
    /// [`parse_records`] then [`Community::add`]. The entry point of the bindings.
    ///
    /// ```
    /// use dangjian::community::{Community, RecordKind};
    /// let mut c = Community::new(dangjian::io::Dataset::sample_small()).unwrap();
    /// let err = c.add_json(RecordKind::Activity,
    ///     r#"[{"id": "A000101", "subject": "M1", "item": "XF002", "date": "2026/10/15"}]"#).unwrap_err();
    /// assert_eq!(err.to_string(), "第1条积分记录（A000101，XF002）日期 2026/10/15 应写成 2026-10-15");
    /// ```
    pub fn add_json(&mut self, kind: RecordKind, text: &str) -> Result<usize, RecordError> {
        use crate::compliance::{MeetingRecord, PaymentRecord};
        use crate::post::ServiceRecord;
        use crate::scoring::ActivityRecord;
        match kind {
            RecordKind::Activity => self.add(parse_records::<ActivityRecord>(text)?),
            RecordKind::Meeting => self.add(parse_records::<MeetingRecord>(text)?),
            RecordKind::Payment => self.add(parse_records::<PaymentRecord>(text)?),
            RecordKind::Service => self.add(parse_records::<ServiceRecord>(text)?),
        }
    }

    /// Replaces the record `id` of `kind` by the record given as JSON text.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::community::{Community, RecordKind};
    /// let mut c = Community::new(dangjian::io::Dataset::sample_small())?;
    /// c.add_json(RecordKind::Activity, r#"{"id": "a1", "subject": "M1", "item": "meeting", "date": "2024-03-05"}"#)?;
    /// c.correct_json(RecordKind::Activity, "a1",
    ///     r#"{"id": "a1", "subject": "M3", "item": "meeting", "date": "2024-03-05"}"#)?;
    /// assert_eq!(c.dataset().activities[0].subject, "M3");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn correct_json(
        &mut self,
        kind: RecordKind,
        id: &str,
        text: &str,
    ) -> Result<(), RecordError> {
        use crate::compliance::{MeetingRecord, PaymentRecord};
        use crate::post::ServiceRecord;
        use crate::scoring::ActivityRecord;
        fn one<R: Record>(text: &str) -> Result<R, RecordError> {
            let mut v = parse_records::<R>(text)?;
            match (v.pop(), v.is_empty()) {
                (Some(r), true) => Ok(r),
                (r, _) => Err(RecordError::TooMany {
                    kind: R::KIND,
                    limit: 1,
                    actual: v.len() + usize::from(r.is_some()),
                }),
            }
        }
        match kind {
            RecordKind::Activity => self.correct(id, one::<ActivityRecord>(text)?).map(drop),
            RecordKind::Meeting => self.correct(id, one::<MeetingRecord>(text)?).map(drop),
            RecordKind::Payment => self.correct(id, one::<PaymentRecord>(text)?).map(drop),
            RecordKind::Service => self.correct(id, one::<ServiceRecord>(text)?).map(drop),
        }
    }

    /// Removes the record `id` of `kind`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::community::{Community, RecordKind};
    /// let mut c = Community::new(dangjian::io::Dataset::sample_small())?;
    /// c.add_json(RecordKind::Activity, r#"{"id": "a1", "subject": "M1", "item": "meeting", "date": "2024-03-05"}"#)?;
    /// c.remove_kind(RecordKind::Activity, "a1")?;
    /// assert!(c.dataset().activities.is_empty());
    /// let err = c.remove_kind(RecordKind::Activity, "a1").unwrap_err();
    /// assert_eq!(err.code(), "record_not_found");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn remove_kind(&mut self, kind: RecordKind, id: &str) -> Result<(), RecordError> {
        use crate::compliance::{MeetingRecord, PaymentRecord};
        use crate::post::ServiceRecord;
        use crate::scoring::ActivityRecord;
        match kind {
            RecordKind::Activity => self.remove::<ActivityRecord>(id).map(drop),
            RecordKind::Meeting => self.remove::<MeetingRecord>(id).map(drop),
            RecordKind::Payment => self.remove::<PaymentRecord>(id).map(drop),
            RecordKind::Service => self.remove::<ServiceRecord>(id).map(drop),
        }
    }

    /// Drops the caches a change of `kind` makes stale.
    fn changed(&mut self, kind: RecordKind) {
        if kind == RecordKind::Activity {
            self.checks = OnceLock::new();
        } else {
            self.caches.records_changed();
        }
    }
}

impl TryFrom<Dataset> for Community {
    type Error = RegistryError;
    fn try_from(ds: Dataset) -> Result<Community, RegistryError> {
        Community::new(ds)
    }
}

impl PartialEq for Community {
    /// Two sessions are equal when their datasets are (the registry and caches follow).
    fn eq(&self, other: &Community) -> bool {
        self.ds == other.ds
    }
}

#[cfg(test)]
mod tests;
