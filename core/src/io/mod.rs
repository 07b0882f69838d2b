//! Data in and out: the versioned JSON dataset format (with its JSON Schema), the compact binary
//! form, and roster (花名册) import from CSV and Excel `.xlsx`.
//!
//! ```
//! use dangjian::io::Dataset;
//! let ds = Dataset::sample_small();
//! let json = ds.to_json().unwrap();
//! let back = Dataset::from_json(&json).unwrap();
//! assert_eq!(ds, back);
//! ```

#[cfg(feature = "fs")]
mod atomic;
mod dataset;
mod error;
pub(crate) mod json_path;
mod roster;

#[cfg(feature = "fs")]
pub use atomic::{write_atomic, write_atomic_with};
pub use dataset::{
    parse_json, Community, Dataset, BINARY_MAGIC, FORMAT, FORMAT_VERSION, MAX_INPUT_BYTES,
};
pub use error::{DatasetError, ImportError, RowError};
#[cfg(feature = "xlsx")]
pub use roster::import_roster_xlsx;
#[cfg(feature = "gb18030")]
pub use roster::{gb18030, import_roster_csv};
pub use roster::{
    import_roster_csv_with, parse_roster_date, RosterImport, RosterOptions, MAX_ROSTER_BYTES,
    MAX_ROSTER_COLUMNS, MAX_ROSTER_ROWS, MAX_ROW_ERRORS, MAX_XLSX_UNCOMPRESSED_BYTES,
    ROSTER_HEADERS,
};
