//! The durable store: a community kept safe in one SQLite file (feature `store`).
//!
//! The store is **append-only**: every change is a *batch* (one SQLite transaction) stamped with
//! when it was recorded and by whom, checked by the core first (the dataset format, the
//! registry's lifecycle rules, posts, dues, meetings, elections and activities) and written all
//! or nothing. Nothing is ever updated or deleted (SQLite triggers refuse it); a correction is a
//! new batch. So the store answers two kinds of "when":
//!
//! - **as of** a date (valid time): what was true on that day — the core's as-of APIs on the
//!   dataset read back ([`Registry::headcount_on`](crate::Registry::headcount_on) …);
//! - **as recorded on** a date (record time): what the store held then —
//!   [`Store::dataset_as_recorded`] replays the batches recorded up to that instant, so a report
//!   filed last year is reproduced exactly after later corrections.
//!
//! Two writers at once: each batch names the head it was based on; the second of two writers
//! gets [`StoreError::Conflict`] and nothing of either is lost. The JSON dataset stays the
//! exchange format ([`Store::import_json`], [`Store::export_json`]). See `docs/store.md`.
//!
//! ```
//! use chrono::NaiveDate;
//! use dangjian::io::Dataset;
//! use dangjian::scoring::ActivityRecord;
//! use dangjian::store::{Records, Stamp, Store};
//!
//! let dir = std::env::temp_dir().join(format!("dangjian-doc-store-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let path = dir.join("community.djstore");
//! # let _ = std::fs::remove_file(&path);
//! let at = |d: u32| NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
//!
//! let mut store = Store::create(&path, &Dataset::sample_small(), Stamp::new(at(5), "op-01")).unwrap();
//! let head = store.head().unwrap().id;
//! let day = NaiveDate::from_ymd_opt(2025, 12, 30).unwrap();
//! let add = Records {
//!     activities: vec![ActivityRecord::new("A1", "M1", "attend", day)],
//!     ..Records::default()
//! };
//! store.append(add, Stamp::new(at(6), "op-02").note("补录"), head).unwrap();
//!
//! assert_eq!(store.dataset().unwrap().activities.len(), 1);
//! // as recorded on 5 January: the activity was not yet recorded
//! assert!(store.dataset_as_recorded(at(5)).unwrap().activities.is_empty());
//! assert_eq!(store.history().unwrap().len(), 2);
//! # drop(store); std::fs::remove_dir_all(&dir).unwrap();
//! ```

mod error;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{Datelike, NaiveDateTime};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use error::StoreError;

use crate::compliance::{
    Compliance, DuesProfile, DuesSchedule, ElectionRecord, MeetingRecord, MeetingRequirement,
    PaymentRecord, SpecialDuesRecord,
};
use crate::io::{CommunityInfo, Dataset};
use crate::limits::MAX_DESCRIPTION_CHARS;
use crate::member::{EventRecord, LifecycleRules, MemberRecord};
use crate::org::OrgRecord;
use crate::post::{ClaimRecord, PostBook, PostKind, PostRecord, PostRules, ServiceRecord};
use crate::registry::Registry;
use crate::scoring::{ActivityRecord, Mode, Scorer};

/// The store's schema version (`PRAGMA user_version`).
///
/// # Examples
///
/// ```
/// # use dangjian::store::{Stamp, Store};
/// # let dir = std::env::temp_dir().join(format!("dangjian-doc-schema-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir)?;
/// # let path = dir.join("c.djstore");
/// # let _ = std::fs::remove_file(&path);
/// # let at = |d: u32| dangjian::chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
/// # let store = Store::create(&path, &dangjian::io::Dataset::sample_small(), Stamp::new(at(5), "op-01"))?;
/// use dangjian::store::SCHEMA_VERSION;
/// drop(store);
/// // a SQLite header: `user_version` at byte 60, `application_id` at byte 68
/// let header = std::fs::read(&path)?;
/// assert_eq!(header[60..64], (SCHEMA_VERSION as u32).to_be_bytes());
/// assert_eq!(&header[68..72], b"DJST");
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const SCHEMA_VERSION: i64 = 1;
/// The SQLite `application_id` of a dangjian store: `DJST` in ASCII.
///
/// # Examples
///
/// ```
/// use dangjian::store::APPLICATION_ID;
/// assert_eq!((APPLICATION_ID as u32).to_be_bytes(), *b"DJST"); // what `file` and SQLite tools show
/// ```
pub const APPLICATION_ID: i64 = 0x444A_5354;
/// Longest `recorded_by`, in characters.
///
/// # Examples
///
/// ```
/// # use dangjian::store::{Stamp, Store};
/// # let dir = std::env::temp_dir().join(format!("dangjian-doc-recorded-by-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir)?;
/// # let path = dir.join("c.djstore");
/// # let _ = std::fs::remove_file(&path);
/// # let at = |d: u32| dangjian::chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
/// use dangjian::store::MAX_RECORDED_BY_CHARS;
/// let who = "操".repeat(MAX_RECORDED_BY_CHARS + 1);
/// let err = Store::create(&path, &dangjian::io::Dataset::sample_small(), Stamp::new(at(5), &who)).unwrap_err();
/// assert_eq!(err.code(), "bad_stamp");
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_RECORDED_BY_CHARS: usize = 200;
/// How long a writer waits for another writer's lock by default.
///
/// # Examples
///
/// ```
/// use dangjian::store::{StoreOptions, DEFAULT_BUSY_TIMEOUT};
/// assert_eq!(StoreOptions::default().busy_timeout, DEFAULT_BUSY_TIMEOUT);
/// assert_eq!(DEFAULT_BUSY_TIMEOUT.as_secs(), 5);
/// ```
pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The number of a batch: 1 for the store's first (its creation), then 2, 3 … in commit order.
///
/// ```
/// assert_eq!(dangjian::store::BatchId(7).to_string(), "7");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BatchId(pub i64);

impl std::fmt::Display for BatchId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// When a batch was recorded and by whom: the audit trail. The time is passed in explicitly
/// (the library never reads the clock; the CLI passes the current time).
///
/// `Debug` masks `recorded_by` (it may be a person's name).
///
/// ```
/// use chrono::NaiveDate;
/// let at = NaiveDate::from_ymd_opt(2026, 10, 31).unwrap().and_hms_opt(17, 30, 0).unwrap();
/// let s = dangjian::store::Stamp::new(at, "张三").note("十月份补录");
/// assert!(!format!("{s:?}").contains("张三"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Stamp {
    /// When the batch was recorded (record time, not the date of the facts).
    pub recorded_at: NaiveDateTime,
    /// Who recorded it: an operator account or name (1–200 characters).
    pub recorded_by: String,
    /// Why (free text, may be empty; at most 10,000 characters).
    pub note: String,
}

impl Stamp {
    /// A stamp without a note.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::store::Stamp;
    /// let at = dangjian::chrono::NaiveDate::from_ymd_opt(2026, 10, 31).unwrap().and_hms_opt(17, 30, 0).unwrap();
    /// let s = Stamp::new(at, "op-01");
    /// assert_eq!((s.recorded_by.as_str(), s.note.as_str()), ("op-01", ""));
    /// ```
    pub fn new(recorded_at: NaiveDateTime, recorded_by: &str) -> Self {
        Stamp {
            recorded_at,
            recorded_by: recorded_by.into(),
            note: String::new(),
        }
    }

    /// The same stamp with a note.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::store::Stamp;
    /// let at = dangjian::chrono::NaiveDate::from_ymd_opt(2026, 10, 31).unwrap().and_hms_opt(17, 30, 0).unwrap();
    /// assert_eq!(Stamp::new(at, "op-01").note("十月份补录").note, "十月份补录");
    /// ```
    pub fn note(mut self, note: &str) -> Self {
        self.note = note.into();
        self
    }

    fn check(&self) -> Result<(), StoreError> {
        let bad = |reason: String| Err(StoreError::BadStamp { reason });
        let by = self.recorded_by.trim();
        if by.is_empty() {
            return bad("登记人（recorded_by）不能为空".into());
        }
        let n = self.recorded_by.chars().count();
        if n > MAX_RECORDED_BY_CHARS {
            return bad(format!(
                "登记人（recorded_by）{n} 个字符，超过上限 {MAX_RECORDED_BY_CHARS}"
            ));
        }
        let n = self.note.chars().count();
        if n > MAX_DESCRIPTION_CHARS {
            return bad(format!(
                "说明（note）{n} 个字符，超过上限 {MAX_DESCRIPTION_CHARS}"
            ));
        }
        let y = self.recorded_at.year();
        if !(1900..=9999).contains(&y) {
            return bad(format!(
                "登记时间（recorded_at）年份 {y} 不在 1900–9999 之间"
            ));
        }
        Ok(())
    }
}

impl std::fmt::Debug for Stamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stamp")
            .field("recorded_at", &self.recorded_at)
            .field(
                "recorded_by",
                &crate::privacy::mask(&self.recorded_by, 1, 0),
            )
            .field("note", &self.note)
            .finish()
    }
}

/// Records added by a batch: the record sections of a [`Dataset`], each appended to the end of
/// its section. JSON: an object with any of the dataset's section names
/// (`{"events": [...], "payments": [...]}`).
///
/// ```
/// let r: dangjian::store::Records = serde_json::from_str(
///     r#"{"events": [{"member": "M4", "date": "2024-01-01", "type": "died"}]}"#).unwrap();
/// assert_eq!(r.len(), 1);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Records {
    /// Organizations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub orgs: Vec<OrgRecord>,
    /// Members (roster records).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<MemberRecord>,
    /// Lifecycle events.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<EventRecord>,
    /// Scored activities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<ActivityRecord>,
    /// Post kinds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub post_kinds: Vec<PostKind>,
    /// Posts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub posts: Vec<PostRecord>,
    /// Claims of posts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<ClaimRecord>,
    /// Service records.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service: Vec<ServiceRecord>,
    /// Dues rate schedules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dues_schedules: Vec<DuesSchedule>,
    /// Dues profiles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dues_profiles: Vec<DuesProfile>,
    /// Dues payments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub payments: Vec<PaymentRecord>,
    /// Special dues.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub special_dues: Vec<SpecialDuesRecord>,
    /// Meeting requirements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meeting_requirements: Vec<MeetingRequirement>,
    /// Meetings held.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meetings: Vec<MeetingRecord>,
    /// Elections.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elections: Vec<ElectionRecord>,
    /// Democratic appraisals (民主评议党员).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appraisals: Vec<crate::year::AppraisalRecord>,
    /// Handling of members graded 不合格.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appraisal_actions: Vec<crate::year::AppraisalAction>,
    /// Introduction letters (组织关系介绍信).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub letters: Vec<crate::year::TransferLetter>,
    /// Points declared by members and their review (积分申报).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub declarations: Vec<crate::declaration::Declaration>,
}

/// Runs `$m!(field)` for every record section, in the order of the dataset format.
macro_rules! sections {
    ($m:ident) => {
        $m!(orgs);
        $m!(members);
        $m!(events);
        $m!(activities);
        $m!(post_kinds);
        $m!(posts);
        $m!(claims);
        $m!(service);
        $m!(dues_schedules);
        $m!(dues_profiles);
        $m!(payments);
        $m!(special_dues);
        $m!(meeting_requirements);
        $m!(meetings);
        $m!(elections);
        $m!(appraisals);
        $m!(appraisal_actions);
        $m!(letters);
        $m!(declarations);
    };
}

/// The section names a store's `records` table may hold (the dataset's record sections, and
/// `header` for the format, community and rule numbers of a whole-dataset batch).
///
/// # Examples
///
/// ```
/// use dangjian::store::SECTIONS;
/// assert_eq!(SECTIONS[0], "header");
/// assert!(SECTIONS.contains(&"events") && SECTIONS.contains(&"payments"));
/// ```
pub const SECTIONS: [&str; 20] = [
    "header",
    "orgs",
    "members",
    "events",
    "activities",
    "post_kinds",
    "posts",
    "claims",
    "service",
    "dues_schedules",
    "dues_profiles",
    "payments",
    "special_dues",
    "meeting_requirements",
    "meetings",
    "elections",
    "appraisals",
    "appraisal_actions",
    "letters",
    "declarations",
];

impl Records {
    /// How many records in all.
    ///
    /// # Examples
    ///
    /// ```
    /// let r: dangjian::store::Records = serde_json::from_str(
    ///     r#"{"events": [{"member": "M4", "date": "2024-01-01", "type": "died"}], "activities": []}"#)?;
    /// assert_eq!(r.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn len(&self) -> usize {
        let mut n = 0;
        macro_rules! count {
            ($f:ident) => {
                n += self.$f.len();
            };
        }
        sections!(count);
        n
    }

    /// Whether there are none.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::store::{Stamp, Store};
    /// # let dir = std::env::temp_dir().join(format!("dangjian-doc-empty-batch-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// # let path = dir.join("c.djstore");
    /// # let _ = std::fs::remove_file(&path);
    /// # let at = |d: u32| dangjian::chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// # let mut store = Store::create(&path, &dangjian::io::Dataset::sample_small(), Stamp::new(at(5), "op-01"))?;
    /// use dangjian::store::Records;
    /// assert!(Records::default().is_empty());
    /// let head = store.head()?.id;
    /// assert_eq!(store.append(Records::default(), Stamp::new(at(6), "op-01"), head).unwrap_err().code(), "empty_batch");
    /// # drop(store);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Appends every section to the end of the same section of `ds`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::{io::Dataset, scoring::ActivityRecord, store::Records};
    /// let mut ds = Dataset::sample_small();
    /// let add = Records { activities: vec![ActivityRecord::new("A1", "M1", "meeting", "2025-12-30".parse()?)], ..Records::default() };
    /// add.append_to(&mut ds);
    /// assert_eq!(ds.activities.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn append_to(&self, ds: &mut Dataset) {
        macro_rules! extend {
            ($f:ident) => {
                ds.$f.extend(self.$f.iter().cloned());
            };
        }
        sections!(extend);
    }
}

/// The non-record part of a dataset, kept as the `header` row of a whole-dataset batch.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    format: String,
    version: u32,
    community: CommunityInfo,
    rules: LifecycleRules,
    #[serde(default)]
    post_rules: PostRules,
    #[serde(
        default,
        skip_serializing_if = "crate::year::AppraisalRules::is_default"
    )]
    appraisal_rules: crate::year::AppraisalRules,
    /// The community practices (一帮一, grids, service schedules, 联建), kept whole with the
    /// dataset: a store replaces them with the dataset (`replace`), not record by record.
    #[serde(default, skip_serializing_if = "crate::practice::Practices::is_empty")]
    practices: crate::practice::Practices,
}

/// What kind of batch.
///
/// # Examples
///
/// ```
/// # use dangjian::store::{Stamp, Store};
/// # let dir = std::env::temp_dir().join(format!("dangjian-doc-batch-kind-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir)?;
/// # let path = dir.join("c.djstore");
/// # let _ = std::fs::remove_file(&path);
/// # let at = |d: u32| dangjian::chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
/// # let mut store = Store::create(&path, &dangjian::io::Dataset::sample_small(), Stamp::new(at(5), "op-01"))?;
/// # let add = dangjian::store::Records { activities: vec![dangjian::scoring::ActivityRecord::new("A1", "M1", "meeting", "2025-12-30".parse()?)], ..Default::default() };
/// use dangjian::store::BatchKind;
/// let head = store.head()?.id;
/// store.append(add, Stamp::new(at(6), "op-02"), head)?;
/// let kinds: Vec<BatchKind> = store.history()?.iter().map(|b| b.kind).collect();
/// assert_eq!(kinds, [BatchKind::Create, BatchKind::Add]);
/// # drop(store);
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BatchKind {
    /// The store's first batch: the whole dataset it was created with.
    Create,
    /// Records added to the end of their sections.
    Add,
    /// The whole dataset replaced (an import or a correction).
    Replace,
}

impl BatchKind {
    /// The stable name stored in the `kind` column.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::store::BatchKind;
    /// assert_eq!(BatchKind::Replace.as_str(), "replace");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            BatchKind::Create => "create",
            BatchKind::Add => "add",
            BatchKind::Replace => "replace",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s {
            "create" => Some(BatchKind::Create),
            "add" => Some(BatchKind::Add),
            "replace" => Some(BatchKind::Replace),
            _ => None,
        }
    }
}

/// One batch of the audit trail ([`Store::history`]). `Debug` masks `recorded_by`.
///
/// # Examples
///
/// ```
/// # use dangjian::store::{Stamp, Store};
/// # let dir = std::env::temp_dir().join(format!("dangjian-doc-batch-info-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir)?;
/// # let path = dir.join("c.djstore");
/// # let _ = std::fs::remove_file(&path);
/// # let at = |d: u32| dangjian::chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
/// # let store = Store::create(&path, &dangjian::io::Dataset::sample_small(), Stamp::new(at(5), "op-01"))?;
/// let first = store.head()?;
/// assert_eq!((first.id.0, first.base, first.recorded_by.as_str()), (1, None, "op-01"));
/// assert_eq!(first.digest.len(), 64); // SHA-256 in hex
/// assert!(!format!("{first:?}").contains("op-01")); // Debug masks who recorded it
/// # drop(store);
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct BatchInfo {
    /// Its number.
    pub id: BatchId,
    /// Its kind.
    pub kind: BatchKind,
    /// When it was recorded.
    pub recorded_at: NaiveDateTime,
    /// Who recorded it.
    pub recorded_by: String,
    /// Why.
    pub note: String,
    /// The head it was based on (none for the first batch).
    pub base: Option<BatchId>,
    /// How many records it holds.
    pub records: u64,
    /// SHA-256 (hex) chaining this batch's content to the previous batch's digest: changing any
    /// stored byte of the history breaks the chain ([`Store::verify`]).
    pub digest: String,
}

impl std::fmt::Debug for BatchInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BatchInfo")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("recorded_at", &self.recorded_at)
            .field(
                "recorded_by",
                &crate::privacy::mask(&self.recorded_by, 1, 0),
            )
            .field("note", &self.note)
            .field("base", &self.base)
            .field("records", &self.records)
            .field("digest", &self.digest)
            .finish()
    }
}

/// What [`Store::verify`] checked.
///
/// # Examples
///
/// ```
/// # use dangjian::store::{Stamp, Store};
/// # let dir = std::env::temp_dir().join(format!("dangjian-doc-verified-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir)?;
/// # let path = dir.join("c.djstore");
/// # let _ = std::fs::remove_file(&path);
/// # let at = |d: u32| dangjian::chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
/// # let store = Store::create(&path, &dangjian::io::Dataset::sample_small(), Stamp::new(at(5), "op-01"))?;
/// let v = store.verify()?;
/// assert_eq!((v.batches, v.head.0), (1, 1));
/// assert!(v.records > 0);
/// # drop(store);
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verified {
    /// Batches whose digests were recomputed.
    pub batches: u64,
    /// Records read.
    pub records: u64,
    /// The head.
    pub head: BatchId,
}

/// How a store is opened.
///
/// # Examples
///
/// ```
/// # use dangjian::store::{Stamp, Store};
/// # let dir = std::env::temp_dir().join(format!("dangjian-doc-options-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir)?;
/// # let path = dir.join("c.djstore");
/// # let _ = std::fs::remove_file(&path);
/// # let at = |d: u32| dangjian::chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
/// use dangjian::store::{Durability, StoreOptions};
/// let options = StoreOptions { sync: Durability::Normal, max_pages: Some(10_000), ..StoreOptions::default() };
/// let store = Store::create_with(&path, &dangjian::io::Dataset::sample_small(), Stamp::new(at(5), "op-01"), &options)?;
/// assert_eq!(store.history()?.len(), 1);
/// # drop(store);
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreOptions {
    /// How long a writer waits for another writer's lock before [`StoreError::Busy`].
    pub busy_timeout: Duration,
    /// Largest size of the database file, in pages (SQLite's `max_page_count`; none: no limit
    /// but the disk). A write that would pass it fails with [`StoreError::DiskFull`].
    pub max_pages: Option<u32>,
    /// When a commit is on disk (default [`Durability::Full`]).
    pub sync: Durability,
}

/// When a commit reaches the disk (SQLite's `synchronous` in WAL mode). Either way a crash of
/// the process (kill -9) loses nothing that was committed and never leaves a half batch.
///
/// # Examples
///
/// ```
/// use dangjian::store::{Durability, StoreOptions};
/// assert_eq!(Durability::default(), Durability::Full);
/// assert_eq!(StoreOptions::default().sync, Durability::Full);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Durability {
    /// Every commit is flushed to the disk before it returns: a power cut loses nothing that
    /// was committed (the default).
    #[default]
    Full,
    /// Commits are flushed at checkpoints: faster; a power cut may lose the last commits
    /// (never half a batch). For bulk loads and tests.
    Normal,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions {
            busy_timeout: DEFAULT_BUSY_TIMEOUT,
            max_pages: None,
            sync: Durability::Full,
        }
    }
}

const SCHEMA: &str = "
CREATE TABLE batches (
    id          INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL CHECK (kind IN ('create', 'add', 'replace')),
    recorded_at TEXT    NOT NULL,
    recorded_by TEXT    NOT NULL,
    note        TEXT    NOT NULL,
    base        INTEGER REFERENCES batches(id),
    records     INTEGER NOT NULL,
    digest      TEXT    NOT NULL
) STRICT;
CREATE INDEX batches_recorded_at ON batches(recorded_at);
CREATE TABLE records (
    batch    INTEGER NOT NULL REFERENCES batches(id),
    section  TEXT    NOT NULL,
    position INTEGER NOT NULL,
    body     TEXT    NOT NULL,
    PRIMARY KEY (batch, section, position)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER batches_no_update BEFORE UPDATE ON batches
    BEGIN SELECT RAISE(ABORT, 'dangjian store is append-only'); END;
CREATE TRIGGER batches_no_delete BEFORE DELETE ON batches
    BEGIN SELECT RAISE(ABORT, 'dangjian store is append-only'); END;
CREATE TRIGGER records_no_update BEFORE UPDATE ON records
    BEGIN SELECT RAISE(ABORT, 'dangjian store is append-only'); END;
CREATE TRIGGER records_no_delete BEFORE DELETE ON records
    BEGIN SELECT RAISE(ABORT, 'dangjian store is append-only'); END;
";

/// The record-time format: fixed width, so text order is time order (years 1900–9999).
const TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.6f";

fn time_text(t: NaiveDateTime) -> String {
    t.format(TIME_FORMAT).to_string()
}

fn parse_time(s: &str) -> Result<NaiveDateTime, StoreError> {
    NaiveDateTime::parse_from_str(s, TIME_FORMAT).map_err(|_| StoreError::Corrupt {
        reason: format!("登记时间 `{}` 无法解析", crate::privacy::redact_digits(s)),
    })
}

/// One stored row of a batch: (section, position, JSON body).
type Row = (&'static str, i64, String);

fn json<T: Serialize>(v: &T) -> Result<String, StoreError> {
    serde_json::to_string(v).map_err(|e| StoreError::Storage {
        message: format!("JSON: {e}"),
    })
}

fn push_section<T: Serialize>(
    rows: &mut Vec<Row>,
    section: &'static str,
    items: &[T],
) -> Result<(), StoreError> {
    for (i, item) in items.iter().enumerate() {
        rows.push((section, i as i64, json(item)?));
    }
    Ok(())
}

fn rows_of_records(r: &Records) -> Result<Vec<Row>, StoreError> {
    let mut rows = Vec::with_capacity(r.len());
    macro_rules! push {
        ($f:ident) => {
            push_section(&mut rows, stringify!($f), &r.$f)?;
        };
    }
    sections!(push);
    Ok(rows)
}

fn rows_of_dataset(ds: &Dataset) -> Result<Vec<Row>, StoreError> {
    let header = Header {
        format: ds.format.clone(),
        version: ds.version,
        community: ds.community.clone(),
        rules: ds.rules,
        post_rules: ds.post_rules,
        appraisal_rules: ds.appraisal_rules,
        practices: ds.practices.clone(),
    };
    let mut rows = vec![("header", 0, json(&header)?)];
    macro_rules! push {
        ($f:ident) => {
            push_section(&mut rows, stringify!($f), &ds.$f)?;
        };
    }
    sections!(push);
    Ok(rows)
}

/// Checks a whole dataset as the core's load path does (format, registry, posts, dues,
/// meetings, elections, activities, and the year's appraisals with their ballots, actions and
/// letters, every problem of these listed) and returns its registry.
///
/// ```
/// let ds = dangjian::synth::sample_community();
/// let reg = dangjian::store::validate(&ds).unwrap();
/// assert_eq!(reg.headcount_on(dangjian::synth::SAMPLE_AS_OF), 158);
/// let mut bad = ds.clone();
/// bad.letters[0].valid_days = 0;
/// bad.letters[1].valid_days = 0;
/// let e = dangjian::store::validate(&bad).unwrap_err();
/// assert_eq!(e.code(), "letter_validity");
/// assert!(e.to_string().contains("letters[0]") && e.to_string().contains("letters[1]"));
/// ```
pub fn validate(ds: &Dataset) -> Result<Registry, StoreError> {
    ds.check_format()?;
    let reg = ds.to_registry()?;
    PostBook::from_dataset(ds, &reg)?;
    Compliance::from_dataset(ds, &reg)?;
    Scorer::new(&reg, &ds.activities, Mode::Lenient)?;
    crate::year::validate_records(
        &reg,
        &ds.appraisals,
        &ds.appraisal_actions,
        &ds.letters,
        &ds.appraisal_rules,
    )?;
    Ok(reg)
}

/// Length-prefixed bytes into the digest (no field can run into the next).
fn feed(h: &mut Sha256, bytes: &[u8]) {
    h.update((bytes.len() as u64).to_le_bytes());
    h.update(bytes);
}

struct BatchHead<'a> {
    kind: BatchKind,
    recorded_at: &'a str,
    recorded_by: &'a str,
    note: &'a str,
    base: Option<i64>,
}

/// The digest of a batch: SHA-256 over the previous digest, the batch's columns and its rows
/// in (section, position) order.
fn digest<'r>(
    prev: &str,
    head: &BatchHead<'_>,
    rows: impl Iterator<Item = (&'r str, i64, &'r str)>,
) -> String {
    let mut h = Sha256::new();
    feed(&mut h, b"dangjian-store-batch-v1");
    feed(&mut h, prev.as_bytes());
    feed(&mut h, head.kind.as_str().as_bytes());
    feed(&mut h, head.recorded_at.as_bytes());
    feed(&mut h, head.recorded_by.as_bytes());
    feed(&mut h, head.note.as_bytes());
    h.update(head.base.unwrap_or(0).to_le_bytes());
    for (section, position, body) in rows {
        feed(&mut h, section.as_bytes());
        h.update(position.to_le_bytes());
        feed(&mut h, body.as_bytes());
    }
    let out = h.finalize();
    let mut s = String::with_capacity(64);
    for b in out.iter() {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// The append-only store of one community in one SQLite file. See the [module](self) docs.
///
/// One `Store` is one connection: use one per thread or process (several may be open on the
/// same file at once; SQLite's WAL mode lets readers go on while one writer commits).
///
/// # Examples
///
/// ```
/// # use dangjian::store::{Stamp, Store};
/// # let dir = std::env::temp_dir().join(format!("dangjian-doc-store-struct-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir)?;
/// # let path = dir.join("c.djstore");
/// # let _ = std::fs::remove_file(&path);
/// # let at = |d: u32| dangjian::chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
/// # let mut store = Store::create(&path, &dangjian::io::Dataset::sample_small(), Stamp::new(at(5), "op-01"))?;
/// # let add = dangjian::store::Records { activities: vec![dangjian::scoring::ActivityRecord::new("A1", "M1", "meeting", "2025-12-30".parse()?)], ..Default::default() };
/// let head = store.head()?.id;
/// store.append(add, Stamp::new(at(6), "op-02"), head)?;
/// assert_eq!(store.dataset()?.activities.len(), 1);
/// assert_eq!(store.dataset_at(head)?.activities.len(), 0); // the first batch, as it was
/// # drop(store);
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The busy timeout (for [`StoreError::Busy`]'s message).
    wait: Duration,
    /// The latest dataset with the head it belongs to (saves a replay on every append).
    cache: Option<(BatchId, Dataset)>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

fn path_text(p: &Path) -> String {
    p.display().to_string()
}

fn configure(conn: &Connection, options: &StoreOptions) -> Result<(), StoreError> {
    conn.busy_timeout(options.busy_timeout)?;
    // FULL: a commit that returned is on disk even after a power cut, not only a crash
    let sync = match options.sync {
        Durability::Full => "FULL",
        Durability::Normal => "NORMAL",
    };
    conn.pragma_update(None, "synchronous", sync)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    if let Some(pages) = options.max_pages {
        conn.pragma_update(None, "max_page_count", pages)?;
    }
    Ok(())
}

fn set_wal(conn: &Connection) -> Result<(), StoreError> {
    let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Storage {
            message: format!("无法启用 WAL 日志模式（journal_mode = {mode}）"),
        });
    }
    Ok(())
}

/// A busy error with the time waited filled in.
fn busy(e: StoreError, options_wait: Duration) -> StoreError {
    match e {
        StoreError::Busy { .. } => StoreError::Busy {
            waited_ms: options_wait.as_millis() as u64,
        },
        other => other,
    }
}

impl Store {
    /// Creates a store at `path` holding `ds` as its first batch (kind `create`), after
    /// validating it. Fails with [`StoreError::AlreadyExists`] if the path holds anything but
    /// an empty file (a crashed `create` leaves an empty database, which may be created anew).
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::store::{Stamp, Store};
    /// # let dir = std::env::temp_dir().join(format!("dangjian-doc-create-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// # let path = dir.join("c.djstore");
    /// # let _ = std::fs::remove_file(&path);
    /// # let at = |d: u32| dangjian::chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// use dangjian::io::Dataset;
    /// let store = Store::create(&path, &Dataset::sample_small(), Stamp::new(at(5), "op-01"))?;
    /// assert_eq!(store.dataset()?, Dataset::sample_small());
    /// let again = Store::create(&path, &Dataset::sample_small(), Stamp::new(at(5), "op-01"));
    /// assert_eq!(again.unwrap_err().code(), "already_exists");
    /// # drop(store);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn create(path: &Path, ds: &Dataset, stamp: Stamp) -> Result<Store, StoreError> {
        Store::create_with(path, ds, stamp, &StoreOptions::default())
    }

    /// [`Store::create`] with options.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::store::{Stamp, Store};
    /// # let dir = std::env::temp_dir().join(format!("dangjian-doc-create-with-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// # let path = dir.join("c.djstore");
    /// # let _ = std::fs::remove_file(&path);
    /// # let at = |d: u32| dangjian::chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// use dangjian::store::{Durability, StoreOptions};
    /// let fast = StoreOptions { sync: Durability::Normal, ..StoreOptions::default() };
    /// let store = Store::create_with(&path, &dangjian::io::Dataset::sample_small(), Stamp::new(at(5), "op-01"), &fast)?;
    /// assert_eq!(store.head()?.id.0, 1);
    /// # drop(store);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn create_with(
        path: &Path,
        ds: &Dataset,
        stamp: Stamp,
        options: &StoreOptions,
    ) -> Result<Store, StoreError> {
        stamp.check()?;
        validate(ds)?;
        let exists = || StoreError::AlreadyExists {
            path: path_text(path),
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn =
            Connection::open_with_flags(path, flags).map_err(|e| match StoreError::from(e) {
                StoreError::NotAStore { .. } => exists(),
                other => other,
            })?;
        configure(&conn, options).map_err(|e| match e {
            StoreError::NotAStore { .. } => exists(),
            other => other,
        })?;
        let is_empty = |c: &Connection| -> Result<bool, StoreError> {
            let n: i64 = c.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
            let app: i64 = c.query_row("PRAGMA application_id", [], |r| r.get(0))?;
            Ok(n == 0 && app == 0)
        };
        // check before switching the journal mode: never touch another application's database
        if !is_empty(&conn).map_err(|e| match e {
            StoreError::NotAStore { .. } => exists(),
            other => other,
        })? {
            return Err(exists());
        }
        set_wal(&conn)?;
        let rows = rows_of_dataset(ds)?;
        {
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(|e| busy(e.into(), options.busy_timeout))?;
            // checked again under the write lock: two creators at once
            if !is_empty(&tx)? {
                return Err(exists());
            }
            tx.execute_batch(SCHEMA)?;
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
            tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
            insert_batch(&tx, BatchKind::Create, &stamp, None, "", rows)?;
            tx.commit()?;
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            wait: options.busy_timeout,
            cache: Some((BatchId(1), ds.clone())),
        })
    }

    /// Creates a store from a JSON dataset (the exchange format), validated first.
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # let dir = std::env::temp_dir().join(format!("dangjian-doc-import-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir).unwrap();
    /// # let path = dir.join("c.djstore");
    /// # let _ = std::fs::remove_file(&path);
    /// use dangjian::store::{Stamp, Store};
    /// let json = dangjian::io::Dataset::sample_small().to_json().unwrap();
    /// let at = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// let store = Store::import_json(&path, &json, Stamp::new(at, "op-01")).unwrap();
    /// assert_eq!(store.export_json().unwrap(), json);
    /// # drop(store); std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn import_json(path: &Path, json: &str, stamp: Stamp) -> Result<Store, StoreError> {
        let ds = Dataset::from_json(json)?;
        Store::create(path, &ds, stamp)
    }

    /// Opens an existing store.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::store::{Stamp, Store};
    /// # let dir = std::env::temp_dir().join(format!("dangjian-doc-open-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// # let path = dir.join("c.djstore");
    /// # let _ = std::fs::remove_file(&path);
    /// # let at = |d: u32| dangjian::chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// # let store = Store::create(&path, &dangjian::io::Dataset::sample_small(), Stamp::new(at(5), "op-01"))?;
    /// drop(store);
    /// let store = Store::open(&path)?;
    /// assert_eq!(store.dataset()?.members.len(), 4);
    /// assert_eq!(Store::open(&dir.join("missing.djstore")).unwrap_err().code(), "not_found");
    /// # drop(store);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_with(path, &StoreOptions::default())
    }

    /// [`Store::open`] with options.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::store::{Stamp, Store};
    /// # let dir = std::env::temp_dir().join(format!("dangjian-doc-open-with-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// # let path = dir.join("c.djstore");
    /// # let _ = std::fs::remove_file(&path);
    /// # let at = |d: u32| dangjian::chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// # let store = Store::create(&path, &dangjian::io::Dataset::sample_small(), Stamp::new(at(5), "op-01"))?;
    /// use dangjian::store::StoreOptions;
    /// drop(store);
    /// let patient = StoreOptions { busy_timeout: std::time::Duration::from_secs(30), ..StoreOptions::default() };
    /// let store = Store::open_with(&path, &patient)?;
    /// assert_eq!(store.history()?.len(), 1);
    /// # drop(store);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn open_with(path: &Path, options: &StoreOptions) -> Result<Store, StoreError> {
        if !path.exists() {
            return Err(StoreError::NotFound {
                path: path_text(path),
            });
        }
        let not_a_store = |reason: &str| StoreError::NotAStore {
            path: path_text(path),
            reason: reason.into(),
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| match StoreError::from(e) {
                StoreError::NotAStore { reason, .. } => not_a_store(&reason),
                other => other,
            })?;
        configure(&conn, options)?;
        let app: i64 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| match StoreError::from(e) {
                StoreError::NotAStore { reason, .. } => not_a_store(&reason),
                other => busy(other, options.busy_timeout),
            })?;
        if app != APPLICATION_ID {
            return Err(not_a_store(
                "不是党建存储（application_id 不符；not a dangjian store）",
            ));
        }
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        if version < 1 {
            return Err(not_a_store("存储格式版本缺失（no schema version）"));
        }
        set_wal(&conn).map_err(|e| busy(e, options.busy_timeout))?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            wait: options.busy_timeout,
            cache: None,
        })
    }

    /// The file's path.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::store::{Stamp, Store};
    /// # let dir = std::env::temp_dir().join(format!("dangjian-doc-path-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// # let path = dir.join("c.djstore");
    /// # let _ = std::fs::remove_file(&path);
    /// # let at = |d: u32| dangjian::chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// # let store = Store::create(&path, &dangjian::io::Dataset::sample_small(), Stamp::new(at(5), "op-01"))?;
    /// assert_eq!(store.path(), path.as_path());
    /// # drop(store);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The latest batch.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::store::{Stamp, Store};
    /// # let dir = std::env::temp_dir().join(format!("dangjian-doc-head-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// # let path = dir.join("c.djstore");
    /// # let _ = std::fs::remove_file(&path);
    /// # let at = |d: u32| dangjian::chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// # let mut store = Store::create(&path, &dangjian::io::Dataset::sample_small(), Stamp::new(at(5), "op-01"))?;
    /// # let add = dangjian::store::Records { activities: vec![dangjian::scoring::ActivityRecord::new("A1", "M1", "meeting", "2025-12-30".parse()?)], ..Default::default() };
    /// let head = store.head()?;
    /// assert_eq!(head.id.0, 1);
    /// let added = store.append(add, Stamp::new(at(6), "op-02"), head.id)?;
    /// assert_eq!((store.head()?.id, added.base), (added.id, Some(head.id)));
    /// # drop(store);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn head(&self) -> Result<BatchInfo, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let head = head_info(&tx)?;
        tx.commit()?;
        Ok(head)
    }

    /// Every batch, oldest first: the audit trail.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::store::{Stamp, Store};
    /// # let dir = std::env::temp_dir().join(format!("dangjian-doc-history-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// # let path = dir.join("c.djstore");
    /// # let _ = std::fs::remove_file(&path);
    /// # let at = |d: u32| dangjian::chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// # let mut store = Store::create(&path, &dangjian::io::Dataset::sample_small(), Stamp::new(at(5), "op-01"))?;
    /// # let add = dangjian::store::Records { activities: vec![dangjian::scoring::ActivityRecord::new("A1", "M1", "meeting", "2025-12-30".parse()?)], ..Default::default() };
    /// let head = store.head()?.id;
    /// store.append(add, Stamp::new(at(6), "op-02").note("补录"), head)?;
    /// let notes: Vec<String> = store.history()?.into_iter().map(|b| b.note).collect();
    /// assert_eq!(notes, ["", "补录"]);
    /// # drop(store);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn history(&self) -> Result<Vec<BatchInfo>, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let mut stmt = tx.prepare(&format!("{SELECT_BATCH} ORDER BY id"))?;
        let out = stmt
            .query_map([], raw_batch)?
            .map(|r| r.map_err(StoreError::from).and_then(batch_info))
            .collect::<Result<Vec<_>, _>>()?;
        drop(stmt);
        tx.commit()?;
        Ok(out)
    }

    /// The latest dataset.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::store::{Stamp, Store};
    /// # let dir = std::env::temp_dir().join(format!("dangjian-doc-dataset-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// # let path = dir.join("c.djstore");
    /// # let _ = std::fs::remove_file(&path);
    /// # let at = |d: u32| dangjian::chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// # let store = Store::create(&path, &dangjian::io::Dataset::sample_small(), Stamp::new(at(5), "op-01"))?;
    /// let ds = store.dataset()?;
    /// assert_eq!(ds.to_registry()?.headcount_on("2024-06-01".parse()?), 4);
    /// # drop(store);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn dataset(&self) -> Result<Dataset, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let head = head_info(&tx)?.id;
        if let Some((id, ds)) = &self.cache {
            if *id == head {
                return Ok(ds.clone());
            }
        }
        let ds = replay(&tx, head)?;
        tx.commit()?;
        Ok(ds)
    }

    /// The dataset as the store held it after batch `id`.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::store::{Stamp, Store};
    /// # let dir = std::env::temp_dir().join(format!("dangjian-doc-dataset-at-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// # let path = dir.join("c.djstore");
    /// # let _ = std::fs::remove_file(&path);
    /// # let at = |d: u32| dangjian::chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// # let mut store = Store::create(&path, &dangjian::io::Dataset::sample_small(), Stamp::new(at(5), "op-01"))?;
    /// # let add = dangjian::store::Records { activities: vec![dangjian::scoring::ActivityRecord::new("A1", "M1", "meeting", "2025-12-30".parse()?)], ..Default::default() };
    /// let first = store.head()?.id;
    /// store.append(add, Stamp::new(at(6), "op-02"), first)?;
    /// assert!(store.dataset_at(first)?.activities.is_empty());
    /// assert_eq!(store.dataset_at(dangjian::store::BatchId(2))?.activities.len(), 1);
    /// # drop(store);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn dataset_at(&self, id: BatchId) -> Result<Dataset, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let head = head_info(&tx)?.id;
        if id.0 < 1 || id > head {
            return Err(StoreError::NotRecorded {
                what: format!("第 {id} 批"),
            });
        }
        let ds = replay(&tx, id)?;
        tx.commit()?;
        Ok(ds)
    }

    /// The dataset as recorded on `at`: every batch recorded at or before that instant and
    /// none after, so a report made then is reproduced exactly, whatever was corrected since.
    /// [`StoreError::NotRecorded`] before the first batch.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::store::{Stamp, Store};
    /// # let dir = std::env::temp_dir().join(format!("dangjian-doc-as-recorded-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// # let path = dir.join("c.djstore");
    /// # let _ = std::fs::remove_file(&path);
    /// # let at = |d: u32| dangjian::chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// # let mut store = Store::create(&path, &dangjian::io::Dataset::sample_small(), Stamp::new(at(5), "op-01"))?;
    /// # let add = dangjian::store::Records { activities: vec![dangjian::scoring::ActivityRecord::new("A1", "M1", "meeting", "2025-12-30".parse()?)], ..Default::default() };
    /// let head = store.head()?.id;
    /// store.append(add, Stamp::new(at(6), "op-02"), head)?; // recorded on 6 January
    /// assert!(store.dataset_as_recorded(at(5))?.activities.is_empty());
    /// assert_eq!(store.dataset_as_recorded(at(7))?.activities.len(), 1);
    /// assert_eq!(store.dataset_as_recorded(at(4)).unwrap_err().code(), "not_recorded");
    /// # drop(store);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn dataset_as_recorded(&self, at: NaiveDateTime) -> Result<Dataset, StoreError> {
        let id = self.batch_as_recorded(at)?;
        self.dataset_at(id)
    }

    /// The last batch recorded at or before `at`.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::store::{Stamp, Store};
    /// # let dir = std::env::temp_dir().join(format!("dangjian-doc-batch-as-recorded-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// # let path = dir.join("c.djstore");
    /// # let _ = std::fs::remove_file(&path);
    /// # let at = |d: u32| dangjian::chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// # let mut store = Store::create(&path, &dangjian::io::Dataset::sample_small(), Stamp::new(at(5), "op-01"))?;
    /// # let add = dangjian::store::Records { activities: vec![dangjian::scoring::ActivityRecord::new("A1", "M1", "meeting", "2025-12-30".parse()?)], ..Default::default() };
    /// let head = store.head()?.id;
    /// store.append(add, Stamp::new(at(6), "op-02"), head)?;
    /// assert_eq!(store.batch_as_recorded(at(5))?.0, 1);
    /// assert_eq!(store.batch_as_recorded(at(20))?.0, 2);
    /// # drop(store);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn batch_as_recorded(&self, at: NaiveDateTime) -> Result<BatchId, StoreError> {
        // record times never go backwards, so the newest by time is the newest by number
        let found: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM batches WHERE recorded_at <= ?1 \
                 ORDER BY recorded_at DESC, id DESC LIMIT 1",
                params![time_text(at)],
                |r| r.get(0),
            )
            .optional()?;
        found.map(BatchId).ok_or_else(|| StoreError::NotRecorded {
            what: format!("{at}"),
        })
    }

    /// The latest dataset as JSON (the exchange format).
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::store::{Stamp, Store};
    /// # let dir = std::env::temp_dir().join(format!("dangjian-doc-export-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// # let path = dir.join("c.djstore");
    /// # let _ = std::fs::remove_file(&path);
    /// # let at = |d: u32| dangjian::chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// # let store = Store::create(&path, &dangjian::io::Dataset::sample_small(), Stamp::new(at(5), "op-01"))?;
    /// let json = store.export_json()?;
    /// assert_eq!(dangjian::io::Dataset::from_json(&json)?, store.dataset()?);
    /// # drop(store);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn export_json(&self) -> Result<String, StoreError> {
        Ok(self.dataset()?.to_json()?)
    }

    /// Appends records (a batch of kind `add`) after checking that the store's head is still
    /// `expected_head` (else [`StoreError::Conflict`]) and that the community with them is
    /// valid (else the core's error). All or nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::store::{Stamp, Store};
    /// # let dir = std::env::temp_dir().join(format!("dangjian-doc-append-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// # let path = dir.join("c.djstore");
    /// # let _ = std::fs::remove_file(&path);
    /// # let at = |d: u32| dangjian::chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// # let mut store = Store::create(&path, &dangjian::io::Dataset::sample_small(), Stamp::new(at(5), "op-01"))?;
    /// # let add = dangjian::store::Records { activities: vec![dangjian::scoring::ActivityRecord::new("A1", "M1", "meeting", "2025-12-30".parse()?)], ..Default::default() };
    /// let head = store.head()?.id;
    /// let batch = store.append(add.clone(), Stamp::new(at(6), "op-02"), head)?;
    /// assert_eq!((batch.id.0, batch.records), (2, 1));
    /// // a second writer still based on batch 1 is refused, and writes nothing
    /// let err = store.append(add, Stamp::new(at(6), "op-03"), head).unwrap_err();
    /// assert_eq!(err.code(), "conflict");
    /// # drop(store);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn append(
        &mut self,
        records: Records,
        stamp: Stamp,
        expected_head: BatchId,
    ) -> Result<BatchInfo, StoreError> {
        if records.is_empty() {
            return Err(StoreError::EmptyBatch);
        }
        let rows = rows_of_records(&records)?;
        self.commit(
            BatchKind::Add,
            rows,
            stamp,
            expected_head,
            |current: Dataset| {
                let mut next = current;
                records.append_to(&mut next);
                Ok(next)
            },
        )
    }

    /// Replaces the whole dataset (a batch of kind `replace`: an import or a correction); the
    /// earlier batches stay, so reads as recorded before it still give the old state.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::store::{Stamp, Store};
    /// # let dir = std::env::temp_dir().join(format!("dangjian-doc-replace-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// # let path = dir.join("c.djstore");
    /// # let _ = std::fs::remove_file(&path);
    /// # let at = |d: u32| dangjian::chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// # let mut store = Store::create(&path, &dangjian::io::Dataset::sample_small(), Stamp::new(at(5), "op-01"))?;
    /// use dangjian::store::BatchKind;
    /// let mut fixed = store.dataset()?;
    /// fixed.community.name = "示例社区（更正）".into();
    /// let head = store.head()?.id;
    /// assert_eq!(store.replace(&fixed, Stamp::new(at(6), "op-02").note("更正社区名称"), head)?.kind, BatchKind::Replace);
    /// assert_eq!(store.dataset()?.community.name, "示例社区（更正）");
    /// assert_eq!(store.dataset_as_recorded(at(5))?.community.name, "示例社区"); // as it was
    /// # drop(store);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn replace(
        &mut self,
        ds: &Dataset,
        stamp: Stamp,
        expected_head: BatchId,
    ) -> Result<BatchInfo, StoreError> {
        let rows = rows_of_dataset(ds)?;
        self.commit(BatchKind::Replace, rows, stamp, expected_head, |_| {
            Ok(ds.clone())
        })
    }

    fn commit(
        &mut self,
        kind: BatchKind,
        rows: Vec<Row>,
        stamp: Stamp,
        expected_head: BatchId,
        next: impl FnOnce(Dataset) -> Result<Dataset, StoreError>,
    ) -> Result<BatchInfo, StoreError> {
        stamp.check()?;
        let wait = self.wait;
        let cache = self.cache.take();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| busy(e.into(), wait))?;
        let head = head_info(&tx)?;
        if head.id != expected_head {
            return Err(StoreError::Conflict {
                expected: expected_head,
                actual: head.id,
            });
        }
        if stamp.recorded_at < head.recorded_at {
            return Err(StoreError::RecordedBeforeHead {
                at: stamp.recorded_at,
                head_at: head.recorded_at,
            });
        }
        let current = match cache {
            Some((id, ds)) if id == head.id => ds,
            _ => replay(&tx, head.id)?,
        };
        let next = next(current)?;
        validate(&next)?;
        let info = insert_batch(&tx, kind, &stamp, Some(head.id), &head.digest, rows)
            .map_err(|e| busy(e, wait))?;
        tx.commit().map_err(|e| busy(e.into(), wait))?;
        self.cache = Some((info.id, next));
        Ok(info)
    }

    /// Checks the whole store: SQLite's integrity check, batches numbered 1, 2, 3 … each based
    /// on the one before, every batch's digest chain recomputed from the stored rows, and the
    /// latest dataset validated by the core.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::store::{Stamp, Store};
    /// # let dir = std::env::temp_dir().join(format!("dangjian-doc-verify-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// # let path = dir.join("c.djstore");
    /// # let _ = std::fs::remove_file(&path);
    /// # let at = |d: u32| dangjian::chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// # let mut store = Store::create(&path, &dangjian::io::Dataset::sample_small(), Stamp::new(at(5), "op-01"))?;
    /// # let add = dangjian::store::Records { activities: vec![dangjian::scoring::ActivityRecord::new("A1", "M1", "meeting", "2025-12-30".parse()?)], ..Default::default() };
    /// let head = store.head()?.id;
    /// store.append(add, Stamp::new(at(6), "op-02"), head)?;
    /// let checked = store.verify()?;
    /// assert_eq!((checked.batches, checked.head.0), (2, 2));
    /// # drop(store);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn verify(&self) -> Result<Verified, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let ok: String = tx.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if ok != "ok" {
            return Err(StoreError::Corrupt {
                reason: format!("SQLite 完整性检查：{}", crate::privacy::redact_digits(&ok)),
            });
        }
        let batches = {
            let mut stmt = tx.prepare(&format!("{SELECT_BATCH} ORDER BY id"))?;
            stmt.query_map([], raw_batch)?
                .collect::<Result<Vec<_>, _>>()?
        };
        let mut prev = String::new();
        let mut records = 0u64;
        let mut expect_id = 1;
        let mut rows_stmt = tx.prepare(
            "SELECT section, position, body FROM records WHERE batch = ?1 \
             ORDER BY section, position",
        )?;
        for raw in &batches {
            if raw.id != expect_id {
                return Err(StoreError::Corrupt {
                    reason: format!("批次编号不连续：应为 {expect_id}，实为 {}", raw.id),
                });
            }
            let base_ok = if raw.id == 1 {
                raw.base.is_none()
            } else {
                raw.base == Some(raw.id - 1)
            };
            if !base_ok {
                return Err(StoreError::Corrupt {
                    reason: format!("第 {} 批的基准批次不是上一批", raw.id),
                });
            }
            expect_id += 1;
            let kind = BatchKind::parse(&raw.kind).ok_or_else(|| StoreError::Corrupt {
                reason: format!("第 {} 批类型未知", raw.id),
            })?;
            let rows = rows_stmt
                .query_map(params![raw.id], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, String>(2)?,
                    ))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            if rows.len() as i64 != raw.records {
                return Err(StoreError::Corrupt {
                    reason: format!(
                        "第 {} 批记录数不符：登记 {}，实有 {}",
                        raw.id,
                        raw.records,
                        rows.len()
                    ),
                });
            }
            records += rows.len() as u64;
            let head = BatchHead {
                kind,
                recorded_at: &raw.recorded_at,
                recorded_by: &raw.recorded_by,
                note: &raw.note,
                base: raw.base,
            };
            let d = digest(
                &prev,
                &head,
                rows.iter().map(|(s, p, b)| (s.as_str(), *p, b.as_str())),
            );
            if d != raw.digest {
                return Err(StoreError::Corrupt {
                    reason: format!("第 {} 批摘要不符（内容被改动）", raw.id),
                });
            }
            prev = d;
        }
        drop(rows_stmt);
        let head = BatchId(expect_id - 1);
        if head.0 < 1 {
            return Err(StoreError::Corrupt {
                reason: "存储中没有任何批次".into(),
            });
        }
        let ds = replay(&tx, head)?;
        tx.commit()?;
        validate(&ds)?;
        Ok(Verified {
            batches: batches.len() as u64,
            records,
            head,
        })
    }
}

const SELECT_BATCH: &str =
    "SELECT id, kind, recorded_at, recorded_by, note, base, records, digest FROM batches";

struct RawBatch {
    id: i64,
    kind: String,
    recorded_at: String,
    recorded_by: String,
    note: String,
    base: Option<i64>,
    records: i64,
    digest: String,
}

fn raw_batch(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawBatch> {
    Ok(RawBatch {
        id: r.get(0)?,
        kind: r.get(1)?,
        recorded_at: r.get(2)?,
        recorded_by: r.get(3)?,
        note: r.get(4)?,
        base: r.get(5)?,
        records: r.get(6)?,
        digest: r.get(7)?,
    })
}

fn batch_info(raw: RawBatch) -> Result<BatchInfo, StoreError> {
    Ok(BatchInfo {
        id: BatchId(raw.id),
        kind: BatchKind::parse(&raw.kind).ok_or_else(|| StoreError::Corrupt {
            reason: format!("第 {} 批类型未知", raw.id),
        })?,
        recorded_at: parse_time(&raw.recorded_at)?,
        recorded_by: raw.recorded_by,
        note: raw.note,
        base: raw.base.map(BatchId),
        records: raw.records.max(0) as u64,
        digest: raw.digest,
    })
}

fn head_info(conn: &Connection) -> Result<BatchInfo, StoreError> {
    let raw = conn
        .query_row(
            &format!("{SELECT_BATCH} ORDER BY id DESC LIMIT 1"),
            [],
            raw_batch,
        )
        .optional()?
        .ok_or_else(|| StoreError::Corrupt {
            reason: "存储中没有任何批次".into(),
        })?;
    batch_info(raw)
}

fn insert_batch(
    conn: &Connection,
    kind: BatchKind,
    stamp: &Stamp,
    base: Option<BatchId>,
    prev_digest: &str,
    mut rows: Vec<Row>,
) -> Result<BatchInfo, StoreError> {
    // the digest reads rows in the order the table returns them: (section, position)
    rows.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let recorded_at = time_text(stamp.recorded_at);
    let head = BatchHead {
        kind,
        recorded_at: &recorded_at,
        recorded_by: &stamp.recorded_by,
        note: &stamp.note,
        base: base.map(|b| b.0),
    };
    let d = digest(
        prev_digest,
        &head,
        rows.iter().map(|(s, p, b)| (*s, *p, b.as_str())),
    );
    conn.execute(
        "INSERT INTO batches (kind, recorded_at, recorded_by, note, base, records, digest) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            kind.as_str(),
            recorded_at,
            stamp.recorded_by,
            stamp.note,
            head.base,
            rows.len() as i64,
            d
        ],
    )?;
    let id = conn.last_insert_rowid();
    let mut stmt = conn
        .prepare("INSERT INTO records (batch, section, position, body) VALUES (?1, ?2, ?3, ?4)")?;
    for (section, position, body) in &rows {
        stmt.execute(params![id, section, position, body])?;
    }
    Ok(BatchInfo {
        id: BatchId(id),
        kind,
        recorded_at: stamp.recorded_at,
        recorded_by: stamp.recorded_by.clone(),
        note: stamp.note.clone(),
        base,
        records: rows.len() as u64,
        digest: d,
    })
}

/// The dataset after batch `upto`: from the last whole-dataset batch at or before it, every
/// batch's rows appended in order, parsed once as a dataset document (the format's own rules).
fn replay(conn: &Connection, upto: BatchId) -> Result<Dataset, StoreError> {
    // newest first by the primary key: stops at the first whole-dataset batch
    let start: Option<i64> = conn
        .query_row(
            "SELECT id FROM batches WHERE id <= ?1 AND kind IN ('create', 'replace') \
             ORDER BY id DESC LIMIT 1",
            params![upto.0],
            |r| r.get(0),
        )
        .optional()?;
    let start = start.ok_or_else(|| StoreError::Corrupt {
        reason: format!("第 {upto} 批之前没有整体数据批次"),
    })?;
    let mut header: Option<String> = None;
    let mut sections: Vec<(String, Vec<String>)> = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT section, body FROM records WHERE batch BETWEEN ?1 AND ?2 \
         ORDER BY batch, section, position",
    )?;
    let mut rows = stmt.query(params![start, upto.0])?;
    while let Some(r) = rows.next()? {
        let section: String = r.get(0)?;
        let body: String = r.get(1)?;
        if section == "header" {
            header = Some(body);
            continue;
        }
        if !SECTIONS.contains(&section.as_str()) {
            return Err(StoreError::Corrupt {
                reason: format!(
                    "未知的记录类别 `{}`",
                    crate::privacy::echo_cut(&section, 7, 64)
                ),
            });
        }
        match sections.iter_mut().find(|(s, _)| *s == section) {
            Some((_, v)) => v.push(body),
            None => sections.push((section, vec![body])),
        }
    }
    let header = header.ok_or_else(|| StoreError::Corrupt {
        reason: format!("第 {start} 批缺少数据集头部"),
    })?;
    let inner = header
        .trim()
        .strip_prefix('{')
        .and_then(|h| h.strip_suffix('}'))
        .ok_or_else(|| StoreError::Corrupt {
            reason: format!("第 {start} 批的数据集头部不是 JSON 对象"),
        })?;
    let mut text = String::with_capacity(
        inner.len()
            + sections
                .iter()
                .map(|(_, v)| v.iter().map(|b| b.len() + 1).sum::<usize>() + 32)
                .sum::<usize>(),
    );
    text.push('{');
    text.push_str(inner);
    for (section, bodies) in &sections {
        text.push_str(",\"");
        text.push_str(section);
        text.push_str("\":[");
        for (i, b) in bodies.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            text.push_str(b);
        }
        text.push(']');
    }
    text.push('}');
    Dataset::from_json(&text).map_err(|e| StoreError::Corrupt {
        reason: format!("存储的记录无法读成数据集：{e}"),
    })
}

/// The examples of `docs/store.md` run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../../docs/store.md")]
#[allow(dead_code)]
pub(crate) struct StoreDocDoctests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_is_length_prefixed() {
        let h = |by: &str, note: &str| {
            let head = BatchHead {
                kind: BatchKind::Add,
                recorded_at: "2026-01-01T00:00:00.000000",
                recorded_by: by,
                note,
                base: Some(1),
            };
            digest("", &head, std::iter::empty())
        };
        assert_ne!(h("ab", "c"), h("a", "bc"));
        assert_eq!(h("a", "b").len(), 64);
    }

    #[test]
    fn time_text_orders_as_time() {
        let d = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f").ok();
        let (Some(a), Some(b)) = (d("2026-01-01 09:00:00.5"), d("2026-01-01 09:00:00.25")) else {
            return;
        };
        assert!(time_text(b) < time_text(a));
        assert_eq!(parse_time(&time_text(a)).ok(), Some(a));
    }
}
