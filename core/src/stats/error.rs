//! The errors of statistics and export: one [`StatsError`] with a stable code per kind.
//!
//! ```
//! use dangjian::fixed::Fixed;
//! use dangjian::stats::{score_distribution, Rollup, ScoreBands};
//! let reg = dangjian::Registry::sample_small();
//! let bands = ScoreBands { thresholds: vec![Fixed::from_int(60)], labels_zh: vec!["低".into()] }; // one label short
//! let err = score_distribution(reg.tree(), &[], &bands, Rollup::Direct).unwrap_err();
//! assert_eq!(err.code(), "bad_bands");
//! ```
use chrono::NaiveDate;
use compact_str::CompactString;

use crate::table::TableError;

/// Why a statistics query or export failed. Never contains names, ID numbers or phones.
///
/// # Examples
///
/// ```
/// use dangjian::stats::{flows, Rollup, StatsError};
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// let err = flows(&reg, d("2024-12-31"), d("2024-01-01"), Rollup::Subtree).unwrap_err();
/// assert!(matches!(err, StatsError::BadInterval { .. }));
/// assert_eq!(err.to_string(), "interval from 2024-12-31 to 2024-01-01 is reversed");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatsError {
    /// The interval ends before it starts.
    #[error("interval from {start} to {end} is reversed")]
    BadInterval {
        /// First day.
        start: NaiveDate,
        /// Last day.
        end: NaiveDate,
    },
    /// A score entry names an organization that does not exist.
    #[error("scores[{position}]: organization `{org}` does not exist")]
    UnknownOrg {
        /// Position in the input.
        position: usize,
        /// The id given.
        org: CompactString,
    },
    /// Score bands need ascending thresholds and one more label than thresholds.
    #[error("score bands: {thresholds} thresholds need {} labels, got {labels}, and must ascend", thresholds + 1)]
    BadBands {
        /// Thresholds given.
        thresholds: usize,
        /// Labels given.
        labels: usize,
    },
    /// The suppression threshold is out of range.
    #[error("suppression threshold k = {k} must be at least 2 (1 suppresses nothing)")]
    BadThreshold {
        /// The threshold given.
        k: u64,
    },
    /// The pseudonymization key is too short.
    #[error("假名化密钥仅 {got} 字节，至少需要 {min} 字节（pseudonymization key of {got} bytes; at least {min} are needed）")]
    WeakKey {
        /// The key's length in bytes.
        got: usize,
        /// The minimum, [`crate::privacy::MIN_KEY_BYTES`].
        min: usize,
    },
    /// The table could not be exported.
    #[error(transparent)]
    Table(#[from] TableError),
}

impl StatsError {
    /// A stable machine-readable code for the variant, used by the bindings.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::stats::{membership, suppression_mask, Rollup};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let t = membership(&reg, d("2024-06-01"), Rollup::Subtree);
    /// assert_eq!(suppression_mask(&t, 0).unwrap_err().code(), "bad_threshold");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            StatsError::BadInterval { .. } => "bad_interval",
            StatsError::UnknownOrg { .. } => "unknown_org",
            StatsError::BadBands { .. } => "bad_bands",
            StatsError::BadThreshold { .. } => "bad_threshold",
            StatsError::WeakKey { .. } => "weak_key",
            StatsError::Table(e) => e.code(),
        }
    }
}
