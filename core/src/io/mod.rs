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
mod books;
mod dataset;
mod error;
mod roster;

#[cfg(feature = "fs")]
pub use atomic::{write_atomic, write_atomic_with};
pub use dataset::{
    parse_json, schema_without_doc_examples, CommunityInfo, Dataset, BINARY_MAGIC, FORMAT,
    FORMAT_VERSION, MAX_INPUT_BYTES,
};
pub use error::{DatasetError, ImportError, RowError};
#[cfg(all(feature = "xlsx", feature = "gb18030"))]
pub use roster::errors_xlsx::{roster_error_workbook, roster_errors_path};
pub use roster::merge::{MemberChange, RosterMerge};
pub use roster::{
    excel_serial_date, import_roster_csv_with, import_roster_with, normalize_header,
    parse_roster_category, parse_roster_date, parse_roster_date_precise, parse_roster_education,
    parse_roster_gender, roster_field_of, DatePrecision, Entry, HeaderAlias, RosterFormat,
    RosterImport, RosterOptions, SerialError, MAX_ROSTER_BYTES, MAX_ROSTER_CELLS,
    MAX_ROSTER_CELL_BYTES, MAX_ROSTER_COLUMNS, MAX_ROSTER_ROWS, MAX_ROSTER_TEXT_BYTES,
    MAX_ROW_ERRORS, MAX_XLSX_UNCOMPRESSED_BYTES, ROSTER_HEADERS, ROSTER_HEADER_ALIASES,
};
#[cfg(feature = "gb18030")]
pub use roster::{gb18030, import_roster_csv};
#[cfg(all(feature = "xlsx", feature = "gb18030"))]
pub use roster::{import_roster, roster_branch_columns};
#[cfg(feature = "xlsx")]
pub use roster::{import_roster_xls, import_roster_xlsx};
