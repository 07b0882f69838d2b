//! Membership statistics as of any date and over any interval, per organization and rolled up
//! its subtree, with privacy-aware export.
//!
//! - [`membership`]: headcount, full/probationary, gender, ethnicity, education, age bands
//!   (share aged 35 or under), average age, party standing, category, floating and lost-contact
//!   members ([`MembershipTable`]).
//! - [`flows`]: admissions, conversions, transfers and moves in and out, deaths and other exits,
//!   reconciling `closing = opening + inflows − outflows` for every organization ([`FlowTable`]).
//! - [`pipeline`]: people at each stage of the development pipeline ([`PipelineTable`]).
//! - [`score_distribution`]: points totals per organization ([`ScoreDistribution`]).
//! - [`member_list`]: the roster on a date, ID numbers and phones masked ([`MemberList`]).
//! - [`prepare`] / [`export_csv`] / `export_xlsx`: pseudonymized member ids (keyed HMAC-SHA256),
//!   names dropped or masked, and small-cell suppression with complementary suppression proved
//!   safe by exact linear algebra ([`suppression_mask`]).
//!
//! Dues collection and meeting attendance per organization live with their data in
//! [`crate::compliance`] and are tables of the same kind.
//!
//! Members are counted directly in their *unit*: their group (党小组) when assigned one,
//! otherwise their branch; [`Rollup::Subtree`] rolls counts up the organization tree. Every count
//! is an integer and every share an exact integer ratio; nothing here reads the clock.
//!
//! ```
//! use dangjian::stats::{membership, Rollup};
//! use dangjian::synth::{sample_community, SAMPLE_AS_OF};
//! let reg = sample_community().to_registry().unwrap();
//! let direct = membership(&reg, SAMPLE_AS_OF, Rollup::Direct);
//! let rolled = membership(&reg, SAMPLE_AS_OF, Rollup::Subtree);
//! let b1 = rolled.row_of("B1").unwrap();
//! let sum: u64 = ["B1", "G11", "G12"].iter().map(|o| direct.counts.headcount[direct.row_of(o).unwrap()]).sum();
//! assert_eq!(rolled.counts.headcount[b1], sum);
//! ```

/// Defines a per-row count struct and its columnar counterpart (one `Vec<u64>` per field).
macro_rules! count_columns {
    ($(#[$meta:meta])* $row:ident / $cols:ident {
        $($(#[doc = $doc:literal])* $f:ident : $zh:literal),* $(,)?
    }) => {
        /// One row of counts, for building tables and checking invariants.
        ///
        /// # Examples
        ///
        /// ```
        #[doc = concat!("use dangjian::stats::{", stringify!($row), ", ", stringify!($cols), "};")]
        #[doc = concat!("let mut cols = ", stringify!($cols), "::default();")]
        #[doc = concat!("cols.push(&", stringify!($row), "::default());")]
        #[doc = concat!("assert_eq!(cols.row(0), Some(", stringify!($row), "::default()));")]
        /// assert_eq!(cols.row(1), None);
        /// ```
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        pub struct $row {
            $($(#[doc = $doc])* pub $f: u64,)*
        }

        impl std::ops::AddAssign for $row {
            fn add_assign(&mut self, o: $row) {
                $(self.$f += o.$f;)*
            }
        }

        $(#[$meta])*
        ///
        /// # Examples
        ///
        /// One vector per column, all of the same length:
        ///
        /// ```
        #[doc = concat!("use dangjian::stats::{", stringify!($row), ", ", stringify!($cols), "};")]
        #[doc = concat!("let mut cols = ", stringify!($cols), "::default();")]
        #[doc = concat!("cols.push(&", stringify!($row), "::default());")]
        /// assert!(cols.columns().iter().all(|c| c.data.len() == 1));
        /// ```
        #[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        pub struct $cols {
            $($(#[doc = $doc])* pub $f: Vec<u64>,)*
        }

        impl $cols {
            /// Column names, in order.
            ///
            /// ```
            #[doc = concat!("let cols = dangjian::stats::", stringify!($cols), "::default();")]
            /// let names: Vec<String> = cols.columns().iter().map(|c| c.name.to_string()).collect();
            #[doc = concat!("assert_eq!(names, dangjian::stats::", stringify!($cols), "::NAMES);")]
            /// ```
            pub const NAMES: &'static [&'static str] = &[$(stringify!($f)),*];

            /// Appends a row.
            ///
            /// ```
            #[doc = concat!("use dangjian::stats::{", stringify!($row), ", ", stringify!($cols), "};")]
            #[doc = concat!("let mut cols = ", stringify!($cols), "::default();")]
            #[doc = concat!("cols.push(&", stringify!($row), "::default());")]
            #[doc = concat!("cols.push(&", stringify!($row), "::default());")]
            /// assert!(cols.row(1).is_some() && cols.row(2).is_none());
            /// ```
            pub fn push(&mut self, r: &$row) {
                $(self.$f.push(r.$f);)*
            }

            /// Row `i`, if it exists.
            ///
            /// ```
            #[doc = concat!("use dangjian::stats::{", stringify!($row), ", ", stringify!($cols), "};")]
            #[doc = concat!("let mut cols = ", stringify!($cols), "::default();")]
            #[doc = concat!("assert_eq!(cols.row(0), None);")]
            #[doc = concat!("cols.push(&", stringify!($row), "::default());")]
            #[doc = concat!("assert_eq!(cols.row(0), Some(", stringify!($row), "::default()));")]
            /// ```
            pub fn row(&self, i: usize) -> Option<$row> {
                Some($row { $($f: *self.$f.get(i)?,)* })
            }

            /// The count columns, with Chinese headers.
            ///
            /// ```
            #[doc = concat!("let cols = dangjian::stats::", stringify!($cols), "::default();")]
            /// let columns = cols.columns();
            #[doc = concat!("assert_eq!(columns.len(), dangjian::stats::", stringify!($cols), "::NAMES.len());")]
            /// assert!(columns.iter().all(|c| !c.label_zh.is_empty())); // Chinese headers
            /// ```
            pub fn columns(&self) -> Vec<crate::table::Column<'_>> {
                vec![$(crate::table::Column::new(
                    stringify!($f),
                    $zh,
                    crate::table::Role::Count,
                    crate::table::ColumnData::U64(&self.$f),
                )),*]
            }
        }
    };
}

mod error;
pub mod export;
mod flows;
mod members;
mod membership;
pub(crate) mod orgrows;
mod pipeline;
mod scores;
mod suppress;
mod timeline;

pub use error::StatsError;
#[cfg(feature = "xlsx")]
pub use export::export_xlsx;
pub use export::{check_key, export_csv, prepare, suppression_mask, ExportOptions, NamePolicy};
pub use flows::{flows, flows_with, FlowCounts, FlowRow, FlowTable};
pub use members::{member_list, MemberList};
pub use membership::{
    membership, membership_with, MembershipCounts, MembershipRow, MembershipTable, AGE_BANDS,
    STANDING_BANDS,
};
pub use orgrows::{basis_points, per_mille, OrgColumns, Rollup};
pub use pipeline::{pipeline, pipeline_with, PipelineCounts, PipelineRow, PipelineTable};
pub use scores::{score_distribution, ScoreBands, ScoreDistribution, ScoreEntry};
pub use timeline::{Snapshot, Timelines};
