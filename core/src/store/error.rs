//! The errors of the store: one [`StoreError`] with a stable snake_case code per kind; a
//! refused write has written nothing.
//!
//! ```
//! # use dangjian::store::{BatchId, Stamp, Store};
//! # let dir = std::env::temp_dir().join(format!("dangjian-doc-error-mod-{}", std::process::id()));
//! # std::fs::create_dir_all(&dir)?;
//! # let path = dir.join("c.djstore");
//! # let _ = std::fs::remove_file(&path);
//! # let at = |d: u32| dangjian::chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
//! let mut store = Store::create(&path, &dangjian::io::Dataset::sample_small(), Stamp::new(at(5), "op-01"))?;
//! let ds = store.dataset()?;
//! let err = store.replace(&ds, Stamp::new(at(6), "op-02"), BatchId(7)).unwrap_err();
//! assert_eq!(err.code(), "conflict"); // the head is batch 1, not 7
//! assert_eq!(store.history()?.len(), 1);
//! # drop(store);
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDateTime;

use super::BatchId;
use crate::compliance::ComplianceError;
use crate::io::DatasetError;
use crate::post::PostError;
use crate::registry::RegistryError;
use crate::scoring::ScoringError;
use crate::year::YearErrors;

/// Why the store refused an operation. Nothing was written when an error is returned: every
/// write is one SQLite transaction, rolled back whole on any error.
///
/// Messages are Chinese first, English after; they never contain names, ID numbers or phones
/// (the wrapped core errors follow the same rule, and SQLite's own messages have their digit
/// runs masked).
///
/// # Examples
///
/// ```
/// # use dangjian::store::{Stamp, Store};
/// # let dir = std::env::temp_dir().join(format!("dangjian-doc-error-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir)?;
/// # let path = dir.join("c.djstore");
/// # let _ = std::fs::remove_file(&path);
/// # let at = |d: u32| dangjian::chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
/// use dangjian::store::StoreError;
/// let err = Store::open(&dir.join("missing.djstore")).unwrap_err();
/// assert!(matches!(err, StoreError::NotFound { .. }));
/// assert_eq!(err.code(), "not_found");
/// assert!(err.to_string().starts_with("存储文件不存在"));
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// No store file at the path.
    #[error("存储文件不存在：{path}（store file not found）")]
    NotFound {
        /// The path given.
        path: String,
    },
    /// `create` was given a path that already holds a store or another file.
    #[error("该路径已有文件，未覆盖：{path}（a file already exists at the path; nothing was overwritten）")]
    AlreadyExists {
        /// The path given.
        path: String,
    },
    /// The file is not a dangjian store (another SQLite database, or not SQLite at all).
    #[error("不是党建存储文件：{path}（{reason}）")]
    NotAStore {
        /// The path given.
        path: String,
        /// What was found instead.
        reason: String,
    },
    /// The store was written by a newer version of this library (its schema version is higher).
    #[error("存储格式版本 {found} 高于本程序支持的 {supported}，请升级程序（store schema {found} is newer than {supported}）")]
    NewerSchema {
        /// Schema version in the file.
        found: i64,
        /// The highest version this library reads.
        supported: i64,
    },
    /// Another writer committed first: the batch was based on an older head. Nothing was
    /// written; read the store again, re-check the change and commit it anew.
    #[error("写入冲突：本批基于第 {expected} 批，但存储已到第 {actual} 批（另一写入者已先提交），本批未写入；请重新读取后再提交（conflict: the head moved, nothing was written）")]
    Conflict {
        /// The head the batch was based on.
        expected: BatchId,
        /// The head found.
        actual: BatchId,
    },
    /// Another writer held the store locked for longer than the busy timeout.
    #[error("存储正被另一写入者锁定，等待 {waited_ms} 毫秒后放弃，本批未写入（busy: locked by another writer）")]
    Busy {
        /// How long the writer waited, in milliseconds.
        waited_ms: u64,
    },
    /// The disk (or the configured size limit of the store) is full. Nothing was written.
    #[error(
        "磁盘已满或达到存储大小上限，本批未写入，存储保持原样（disk full: nothing was written）"
    )]
    DiskFull,
    /// The stamp is unusable (empty or too long `recorded_by`, a date outside 1900–9999, a
    /// note over the limit).
    #[error("登记信息无效：{reason}（bad stamp）")]
    BadStamp {
        /// What is wrong.
        reason: String,
    },
    /// The batch's `recorded_at` is earlier than the head's: the record times of an append-only
    /// store never go backwards (they order the "as recorded on" reads).
    #[error("登记时间 {at} 早于上一批的 {head_at}，本批未写入（recorded_at goes backwards）")]
    RecordedBeforeHead {
        /// The batch's time.
        at: NaiveDateTime,
        /// The head's time.
        head_at: NaiveDateTime,
    },
    /// The batch adds nothing.
    #[error("本批没有任何记录，未写入（empty batch）")]
    EmptyBatch,
    /// Nothing had been recorded by the date asked for (before the store's first batch), or
    /// the batch asked for does not exist.
    #[error("{what}：存储中尚无此记录（nothing recorded）")]
    NotRecorded {
        /// What was asked for (a date or a batch number).
        what: String,
    },
    /// The batch would make the community invalid (the dataset format, the registry's
    /// lifecycle rules, posts, dues and meetings, activities): nothing was written.
    #[error("本批未通过校验，未写入：{0}")]
    Dataset(#[from] DatasetError),
    /// The batch breaks a registry rule: nothing was written.
    #[error("本批未通过校验，未写入：{0}")]
    Registry(#[from] RegistryError),
    /// The batch breaks a post rule: nothing was written.
    #[error("本批未通过校验，未写入：{0}")]
    Post(#[from] PostError),
    /// The batch breaks a dues, meeting or election rule: nothing was written.
    #[error("本批未通过校验，未写入：{0}")]
    Compliance(#[from] ComplianceError),
    /// The batch's activities are invalid: nothing was written.
    #[error("本批未通过校验，未写入：{0}")]
    Scoring(#[from] ScoringError),
    /// The batch's appraisals, ballots, actions or letters are invalid (every problem listed):
    /// nothing was written.
    #[error("本批未通过校验，未写入：{0}")]
    Year(#[from] YearErrors),
    /// The stored data is damaged: a digest of the chain does not match, or a stored record
    /// is not valid JSON of its kind.
    #[error("存储数据损坏：{reason}（corrupt store）")]
    Corrupt {
        /// What was found.
        reason: String,
    },
    /// Any other SQLite or file-system error.
    #[error("存储读写错误：{message}（storage error）")]
    Storage {
        /// SQLite's or the system's message (digit runs masked).
        message: String,
    },
}

impl StoreError {
    /// A stable machine-readable code for the variant, used by the bindings; a validation
    /// error gives the code of the core error (e.g. `event_rejected`).
    ///
    /// ```
    /// use dangjian::store::{BatchId, StoreError};
    /// let e = StoreError::Conflict { expected: BatchId(3), actual: BatchId(4) };
    /// assert_eq!(e.code(), "conflict");
    /// assert!(e.to_string().starts_with("写入冲突"));
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::NotFound { .. } => "not_found",
            StoreError::AlreadyExists { .. } => "already_exists",
            StoreError::NotAStore { .. } => "not_a_store",
            StoreError::NewerSchema { .. } => "newer_schema",
            StoreError::Conflict { .. } => "conflict",
            StoreError::Busy { .. } => "busy",
            StoreError::DiskFull => "disk_full",
            StoreError::BadStamp { .. } => "bad_stamp",
            StoreError::RecordedBeforeHead { .. } => "recorded_before_head",
            StoreError::EmptyBatch => "empty_batch",
            StoreError::NotRecorded { .. } => "not_recorded",
            StoreError::Dataset(e) => e.code(),
            StoreError::Registry(e) => e.code(),
            StoreError::Post(e) => e.code(),
            StoreError::Compliance(e) => e.code(),
            StoreError::Scoring(e) => e.code(),
            StoreError::Year(e) => e.code(),
            StoreError::Corrupt { .. } => "corrupt",
            StoreError::Storage { .. } => "storage",
        }
    }

    /// Whether the batch was refused by the core's validation (the community would be
    /// invalid), as opposed to a storage condition.
    ///
    /// ```
    /// use dangjian::store::StoreError;
    /// assert!(!StoreError::DiskFull.is_validation());
    /// ```
    pub fn is_validation(&self) -> bool {
        matches!(
            self,
            StoreError::Dataset(_)
                | StoreError::Registry(_)
                | StoreError::Post(_)
                | StoreError::Compliance(_)
                | StoreError::Scoring(_)
                | StoreError::Year(_)
        )
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        if let rusqlite::Error::SqliteFailure(f, _) = &e {
            match f.code {
                ErrorCode::DiskFull => return StoreError::DiskFull,
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
                    return StoreError::Busy { waited_ms: 0 }
                }
                ErrorCode::NotADatabase => {
                    return StoreError::NotAStore {
                        path: String::new(),
                        reason: "不是 SQLite 数据库（not an SQLite database）".into(),
                    }
                }
                _ => {}
            }
        }
        StoreError::Storage {
            message: crate::privacy::echo_cut(&e.to_string(), 7, crate::limits::MAX_ECHO_CHARS),
        }
    }
}
