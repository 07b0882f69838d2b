//! The errors of reading and writing data: a dataset ([`DatasetError`]) and a roster import
//! ([`ImportError`], with one [`RowError`] per bad cell).
//!
//! ```
//! use dangjian::io::{DatasetError, Dataset};
//! let err = Dataset::from_json(r#"{"format": "dangjian-dataset", "version": 1, "orgs": 3}"#).unwrap_err();
//! assert!(matches!(&err, DatasetError::Json { path, .. } if path == "orgs"));
//! assert_eq!(err.code(), "json");
//! ```

use crate::registry::RegistryError;

/// Why a dataset could not be read or written.
///
/// # Examples
///
/// ```
/// use dangjian::io::{Dataset, DatasetError};
/// let mut ds = Dataset::sample_small();
/// ds.community.name = "社".repeat(201);
/// let err = Dataset::from_json(&ds.to_json()?).unwrap_err();
/// assert!(matches!(err, DatasetError::LimitExceeded { limit: 200, actual: 201, .. }));
/// assert_eq!(err.code(), "limit_exceeded");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DatasetError {
    /// The text is not valid JSON for the format, at `path` (e.g. `members[3].birth_date`).
    #[error("dataset JSON at `{path}` (line {line}, column {column}): {message}")]
    Json {
        /// Where in the document.
        path: String,
        /// Line (1-based).
        line: usize,
        /// Column (1-based).
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The `format` or `version` field is not one this library reads.
    #[error(
        "dataset format `{format}` version {version} is not supported (expected `{}` version {})",
        super::FORMAT,
        super::FORMAT_VERSION
    )]
    UnsupportedFormat {
        /// Format found.
        format: String,
        /// Version found.
        version: u32,
    },
    /// The input is larger than the documented limit.
    #[error("dataset input of {actual} bytes exceeds the limit of {limit} bytes")]
    TooLarge {
        /// Bytes given.
        actual: usize,
        /// The limit.
        limit: usize,
    },
    /// A field exceeds a documented limit (see `docs/limits.md`).
    #[error("dataset field `{path}`: {actual} characters exceed the limit of {limit}")]
    LimitExceeded {
        /// Where in the document.
        path: String,
        /// The limit.
        limit: usize,
        /// The size found.
        actual: usize,
    },
    /// The binary form is corrupt or from another version.
    #[error("binary dataset is corrupt or of another version: {message}")]
    Binary {
        /// What the decoder said.
        message: String,
    },
    /// The dataset file could not be read or written ([`crate::io::Dataset::load`],
    /// [`crate::io::Dataset::save`]).
    #[error("数据文件 {path} 无法读写（dataset file cannot be read or written）: {message}")]
    Io {
        /// The file (digit runs masked).
        path: String,
        /// What the system said.
        message: String,
    },
    /// The content breaks a rule of the registry.
    #[error("dataset content: {0}")]
    Registry(#[from] RegistryError),
}

/// One bad cell or row of a roster import (or, in [`crate::io::RosterImport::notes`], one
/// reconciled cell).
///
/// Displayed in Chinese: `第3行「出生日期」列（值 1990-02-30）：不是有效日期 …`.
///
/// # Examples
///
/// ```
/// # use dangjian::io::{import_roster_csv_with, Entry, RosterOptions};
/// # let reg = dangjian::Registry::sample_small();
/// # let opts = RosterOptions::new("2024-01-01".parse()?).entry(Entry::TransferredIn);
/// # let utf8_only = |_: &[u8]| None;
/// use dangjian::io::ImportError;
/// let csv = "编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部\nR9,赵六,女,1990-02-30,汉族,本科,2015-06-01,2016-06-01,第一党支部\n";
/// let Err(ImportError::Rows(errors)) = import_roster_csv_with(csv.as_bytes(), reg.tree(), &opts, &utf8_only) else {
///     return Err("the roster should be refused".into());
/// };
/// let e = errors.first().ok_or("no row error")?;
/// assert_eq!((e.row, e.column.as_str(), e.value.as_str()), (2, "出生日期", "1990-02-30"));
/// assert!(e.to_string().starts_with("第2行「出生日期」列（值 1990-02-30）："));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[error("第{row}行「{column}」列{}：{reason}", if value.is_empty() { String::new() } else { format!("（值 {value}）") })]
pub struct RowError {
    /// 1-based row number in the sheet (as the spreadsheet numbers it).
    pub row: usize,
    /// Column header (the canonical name when the sheet uses an alias).
    pub column: String,
    /// Stable snake_case code of the reason (`bad_date`, `unknown_branch` …; `docs/roster.md`).
    pub code: &'static str,
    /// The cell's value, masked: ID numbers and phones to 3 + 4 characters, names to the
    /// surname, long digit runs elsewhere.
    pub value: String,
    /// What is wrong, in Chinese (the English follows in parentheses); never contains the full
    /// ID number or phone.
    pub reason: String,
}

/// Why a roster import failed. All bad rows are reported together, not just the first.
///
/// # Examples
///
/// ```
/// # use dangjian::io::{import_roster_csv_with, Entry, RosterOptions};
/// # let reg = dangjian::Registry::sample_small();
/// # let opts = RosterOptions::new("2024-01-01".parse()?).entry(Entry::TransferredIn);
/// # let utf8_only = |_: &[u8]| None;
/// use dangjian::io::ImportError;
/// let csv = "编号,姓名,性别,出生日期\nR9,赵六,女,1990-01-02\n";
/// let err = import_roster_csv_with(csv.as_bytes(), reg.tree(), &opts, &utf8_only).unwrap_err();
/// assert!(matches!(&err, ImportError::MissingColumn { column, .. } if column == "民族"));
/// assert_eq!(err.code(), "missing_column");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read as CSV, XLSX or XLS.
    #[error("花名册文件无法读取 (roster file unreadable): {0}")]
    Unreadable(String),
    /// A required column is missing from the header row.
    #[error(
        "花名册表头缺少必需列「{column}」（可用列名：{}）{} (roster header lacks required column `{column}`)",
        accepted.join("、"),
        nearest.as_ref().map(|n| format!("；最接近的表头是「{n}」")).unwrap_or_default()
    )]
    MissingColumn {
        /// The canonical header.
        column: String,
        /// Every name the column is accepted under.
        accepted: Vec<String>,
        /// The header cell most like one of those names, if any.
        nearest: Option<String>,
    },
    /// The sheet named in the options does not exist, or (`sheet` empty) the workbook has no
    /// visible worksheet.
    #[error(
        "{} (sheets: {})",
        if sheet.is_empty() { "工作簿没有可见的工作表 (the workbook has no visible worksheet)".to_string() } else { format!("工作簿中没有名为「{sheet}」的工作表 (no sheet named `{sheet}`)") },
        available.join("、")
    )]
    SheetNotFound {
        /// The sheet asked for (empty: the first visible one).
        sheet: String,
        /// The sheets of the workbook.
        available: Vec<String>,
    },
    /// A shared-string cell of an `.xlsx` names its string by something other than a whole
    /// number (`-1`, `abc`), which readers would silently take as string 0.
    #[error("工作簿已损坏：{part} 的单元格 {cell} 的共享字符串序号 `{value}` 不是非负整数 (bad shared-string index)")]
    BadStringIndex {
        /// The zip part (`xl/worksheets/sheet1.xml`).
        part: String,
        /// The cell reference (`B2`).
        cell: String,
        /// The index as written (cut short).
        value: String,
    },
    /// A cell appears twice in a sheet: which one Excel would show is undefined.
    #[error("工作簿已损坏：工作表「{sheet}」的单元格 {cell} 出现了两次 (duplicate cell)")]
    DuplicateCell {
        /// The sheet.
        sheet: String,
        /// The cell reference (`B2`).
        cell: String,
    },
    /// Some rows are invalid; nothing was imported.
    #[error("花名册有 {} 处错误，未导入任何记录 ({} roster row(s) invalid); 第一处：{}", .0.len(), .0.len(), .0.first().map(|e| e.to_string()).unwrap_or_default())]
    Rows(Vec<RowError>),
    /// The file exceeds a documented limit (see `docs/limits.md`).
    #[error("花名册超出限制 (roster {what}): {actual} exceeds the limit of {limit}")]
    LimitExceeded {
        /// What was too large.
        what: &'static str,
        /// The limit.
        limit: usize,
        /// The size found (at least).
        actual: usize,
    },
    /// The imported records break a registry rule.
    #[error("花名册内容 (roster content): {0}")]
    Registry(#[from] RegistryError),
}

impl ImportError {
    /// A stable machine-readable code for the variant, used by the bindings; a registry error
    /// gives its own code.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::io::{import_roster_csv_with, Entry, RosterOptions};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let opts = RosterOptions::new("2024-01-01".parse()?).entry(Entry::TransferredIn);
    /// # let utf8_only = |_: &[u8]| None;
    /// let err = import_roster_csv_with(b"", reg.tree(), &opts, &utf8_only).unwrap_err();
    /// assert_eq!(err.code(), "unreadable"); // an empty file has no header row
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Unreadable(_) => "unreadable",
            ImportError::MissingColumn { .. } => "missing_column",
            ImportError::SheetNotFound { .. } => "sheet_not_found",
            ImportError::BadStringIndex { .. } => "bad_string_index",
            ImportError::DuplicateCell { .. } => "duplicate_cell",
            ImportError::Rows(_) => "invalid_rows",
            ImportError::LimitExceeded { .. } => "limit_exceeded",
            ImportError::Registry(e) => e.code(),
        }
    }
}

impl DatasetError {
    /// A stable machine-readable code for the variant, used by the bindings; a registry error
    /// gives its own code.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::io::{Dataset, DatasetError};
    /// assert_eq!(Dataset::from_json("not json").map_err(|e| e.code()).err(), Some("json"));
    /// // A content error keeps the registry's code.
    /// let mut ds = Dataset::sample_small();
    /// ds.members.push(ds.members[0].clone());
    /// let err = DatasetError::from(ds.to_registry().unwrap_err());
    /// assert_eq!(err.code(), "duplicate_member");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            DatasetError::Json { .. } => "json",
            DatasetError::UnsupportedFormat { .. } => "unsupported_format",
            DatasetError::TooLarge { .. } => "too_large",
            DatasetError::LimitExceeded { .. } => "limit_exceeded",
            DatasetError::Binary { .. } => "binary",
            DatasetError::Io { .. } => "io",
            DatasetError::Registry(e) => e.code(),
        }
    }
}
