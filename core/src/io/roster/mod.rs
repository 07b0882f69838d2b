//! Roster (花名册) import: CSV (UTF-8, GB18030, UTF-16), Excel `.xlsx` / `.xls` and WPS `.et`.
//!
//! - [`headers`]: the header alias table, normalization, the header row under title rows;
//! - [`values`]: dates (day or month precision, Excel serials of both date systems), category,
//!   education and gender synonyms, the 登记方式 (initial registration or transfer in);
//! - `text` / `xlsx`: reading the cells of each file format, bounded by the limits;
//! - `records`: turning rows into member records and events, every bad cell reported;
//! - [`merge`]: merging an import into a dataset by person;
//! - [`errors_xlsx`]: the error list as an Excel workbook with the bad cells marked.
//!
//! See `docs/roster.md`. A CSV roster of one row, read into records and applied:
//!
//! ```
//! use dangjian::io::{import_roster_csv_with, Entry, RosterOptions};
//! let mut reg = dangjian::Registry::sample_small();
//! let csv = "姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部,编号\n赵六,女,1990/1/2,汉族,大学本科,2015年6月1日,2016年6月1日,第一党支部,R9\n";
//! let opts = RosterOptions::new("2024-01-01".parse()?).entry(Entry::TransferredIn);
//! let import = import_roster_csv_with(csv.as_bytes(), reg.tree(), &opts, &|_| None)?;
//! reg.import(import.members, import.events)?;
//! assert_eq!(reg.headcount_on("2024-01-01".parse()?), 5);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashSet;

use chrono::NaiveDate;

use super::{ImportError, RowError};
use crate::member::{EventRecord, MemberRecord};
use crate::org::OrgTree;
use crate::privacy::Pseudonymizer;

#[cfg(all(feature = "xlsx", feature = "gb18030"))]
pub(crate) mod errors_xlsx;
mod headers;
pub(crate) mod merge;
mod records;
mod text;
mod values;
#[cfg(feature = "xlsx")]
mod xlsx;

pub use headers::{normalize_header, roster_field_of, HeaderAlias, ROSTER_HEADER_ALIASES};
pub use values::{
    excel_serial_date, parse_roster_category, parse_roster_date, parse_roster_date_precise,
    parse_roster_education, parse_roster_gender, DatePrecision, Entry, SerialError,
};

/// The canonical column headers of a roster (花名册); see [`ROSTER_HEADER_ALIASES`] for the
/// other names each one is accepted under. The first eight are required.
///
/// | header | meaning |
/// |---|---|
/// | 姓名 | name |
/// | 性别 | 男 / 女 |
/// | 出生日期 | birth date (`1980-05-01`, `1980/5/1`, `1980年5月1日`, `19800501`, month-only `1980.05` / `1980年5月` reconciled with the ID number, or an Excel date or serial number) |
/// | 民族 | ethnicity |
/// | 学历 | education (小学, 初中, 高中, 中专, 大专, 本科, 研究生, 硕士, 博士 and synonyms) |
/// | 入党时间 | admission date |
/// | 转正时间 | conversion date; empty for a probationary member |
/// | 所在支部 | branch id or name |
/// | 编号 | member id (optional; else derived from the ID number with a keyed pseudonym) |
/// | 人员类别 | category (居民, 离退休, 在职, 流动, 学生, 农民, 无固定收入 and synonyms) |
/// | 工作单位 | home unit of an in-service member |
/// | 身份证号 | resident ID number (validated, masked in errors) |
/// | 联系电话 | phone (validated, masked in errors) |
/// | 特长 | skills, separated by `、`, `,` or `;` |
/// | 登记方式 | 初始登记 or 转入 (optional; see [`RosterOptions::entry`]) |
///
/// # Examples
///
/// ```
/// # use dangjian::io::{import_roster_csv_with, Entry, RosterOptions};
/// # let reg = dangjian::Registry::sample_small();
/// # let utf8_only = |_: &[u8]| None;
/// use dangjian::io::ROSTER_HEADERS;
/// // A roster with only the eight required columns imports.
/// let csv = format!("{}\n赵六,女,1990-01-02,汉族,本科,2015-06-01,2016-06-01,第一党支部,R9\n", ROSTER_HEADERS[..9].join(","));
/// let opts = RosterOptions::new("2024-01-01".parse()?).entry(Entry::TransferredIn);
/// let out = import_roster_csv_with(csv.as_bytes(), reg.tree(), &opts, &utf8_only)?;
/// assert_eq!(out.members.first().map(|m| m.id.as_str()), Some("R9"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const ROSTER_HEADERS: [&str; 15] = [
    "姓名",
    "性别",
    "出生日期",
    "民族",
    "学历",
    "入党时间",
    "转正时间",
    "所在支部",
    "编号",
    "人员类别",
    "工作单位",
    "身份证号",
    "联系电话",
    "特长",
    "登记方式",
];

/// How to turn roster rows into records.
///
/// # Examples
///
/// ```
/// # use dangjian::io::{import_roster_csv_with, Entry, RosterOptions};
/// # let reg = dangjian::Registry::sample_small();
/// # let utf8_only = |_: &[u8]| None;
/// let opts = RosterOptions { entry: Some(Entry::TransferredIn), ..RosterOptions::new("2024-01-01".parse()?) };
/// let csv = "编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部\nR9,赵六,女,1990-01-02,汉族,本科,2015-06-01,2016-06-01,第一党支部\n";
/// let out = import_roster_csv_with(csv.as_bytes(), reg.tree(), &opts, &utf8_only)?;
/// assert_eq!(out.events.first().map(|e| e.date.to_string()).as_deref(), Some("2024-01-01"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct RosterOptions {
    /// The roster's date: each member is registered (初始登记) or transferred in on this day.
    pub as_of: NaiveDate,
    /// Prefix of the ids derived from ID numbers (`R` gives `R3f9a-1b2c-7d8e-4f00`).
    pub id_prefix: String,
    /// The key of the pseudonyms that give a member without a 编号 a stable id from the ID
    /// number (the same person gets the same id in every import with the same key). Without it,
    /// a row without 编号 is an error (`no_member_id`).
    pub id_key: Option<Pseudonymizer>,
    /// The sheet to read (by name); default: the first visible worksheet.
    pub sheet: Option<String>,
    /// How members without a 登记方式 cell entered: default 初始登记 when the roster is dated
    /// on or before the founding of the earliest organization, else every such row is an
    /// error (`entry_unknown`) asking which members are transfers in.
    pub entry: Option<Entry>,
}

impl RosterOptions {
    /// Options registering members on `as_of`, with no id key, the first visible sheet and
    /// the entry decided by the founding date.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::io::{import_roster_csv_with, Entry, RosterOptions};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let utf8_only = |_: &[u8]| None;
    /// // The sample's organizations were founded in 2020: a roster dated later needs to know
    /// // whether its members are initial registrations or transfers in.
    /// let opts = RosterOptions::new("2024-01-01".parse()?);
    /// assert_eq!((opts.id_prefix.as_str(), opts.entry, opts.sheet.as_deref()), ("R", None, None));
    /// let csv = "编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部\nR9,赵六,女,1990-01-02,汉族,本科,2015-06-01,2016-06-01,第一党支部\n";
    /// let err = import_roster_csv_with(csv.as_bytes(), reg.tree(), &opts, &utf8_only).unwrap_err();
    /// assert_eq!(err.code(), "invalid_rows"); // entry_unknown
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(as_of: NaiveDate) -> Self {
        RosterOptions {
            as_of,
            id_prefix: "R".into(),
            id_key: None,
            sheet: None,
            entry: None,
        }
    }

    /// Sets the key of the ids derived from ID numbers (builder style).
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::io::{import_roster_csv_with, Entry, RosterOptions};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let utf8_only = |_: &[u8]| None;
    /// # let opts = RosterOptions::new("2024-01-01".parse()?).entry(Entry::TransferredIn);
    /// // No 编号 column: the id comes from the ID number under the community's key.
    /// let csv = "姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部,身份证号\n赵六,女,1990-01-02,汉族,本科,2015-06-01,2016-06-01,B1,110105199001020024\n";
    /// let keyed = opts.clone().id_key(b"community key");
    /// let a = import_roster_csv_with(csv.as_bytes(), reg.tree(), &keyed, &utf8_only)?;
    /// let b = import_roster_csv_with(csv.as_bytes(), reg.tree(), &keyed, &utf8_only)?;
    /// assert_eq!(a.members[0].id, b.members[0].id); // the same person, the same id
    /// assert!(a.members[0].id.starts_with('R'));
    /// assert!(import_roster_csv_with(csv.as_bytes(), reg.tree(), &opts, &utf8_only).is_err()); // no key: no id
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn id_key(mut self, key: &[u8]) -> Self {
        self.id_key = Some(Pseudonymizer::new(key));
        self
    }

    /// Sets the sheet to read (builder style).
    ///
    /// # Examples
    ///
    /// ```
    /// # #[cfg(feature = "xlsx")] {
    /// # use dangjian::table::{to_xlsx, ColumnValues, OwnedColumn, OwnedTable, Role, XlsxOptions};
    /// # let col = |h: &str, v: &str| OwnedColumn::new(h, h, Role::Text, ColumnValues::Str(vec![v.into()]));
    /// # let roster = OwnedTable { name: "roster".into(), title_zh: "翔凤社区党员花名册".into(), rows: 1, columns: vec![
    /// #     col("编号", "R9"), col("姓名", "赵六"), col("性别", "女"), col("出生日期", "1990-01-02"), col("民族", "汉族"),
    /// #     col("学历", "本科"), col("入党时间", "2015-06-01"), col("转正时间", "2016-06-01"), col("所在支部", "第一党支部"),
    /// # ] };
    /// use dangjian::io::{import_roster_xlsx, Entry, RosterOptions};
    /// let reg = dangjian::Registry::sample_small();
    /// let bytes = to_xlsx(&[&roster], &XlsxOptions::default())?; // one sheet, named by its title
    /// let opts = RosterOptions::new("2024-01-01".parse()?).entry(Entry::TransferredIn);
    /// let err = import_roster_xlsx(&bytes, reg.tree(), &opts.clone().sheet("第二页")).unwrap_err();
    /// assert_eq!(err.code(), "sheet_not_found");
    /// let sheet = import_roster_xlsx(&bytes, reg.tree(), &opts)?.sheet.ok_or("no sheet")?;
    /// assert_eq!(import_roster_xlsx(&bytes, reg.tree(), &opts.sheet(&sheet))?.members.len(), 1);
    /// # }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn sheet(mut self, name: &str) -> Self {
        self.sheet = Some(name.to_string());
        self
    }

    /// Sets how members without a 登记方式 cell entered (builder style).
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::io::{import_roster_csv_with, Entry, RosterOptions};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let utf8_only = |_: &[u8]| None;
    /// let csv = "编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部\nR9,赵六,女,1990-01-02,汉族,本科,2015-06-01,2016-06-01,第一党支部\n";
    /// let opts = RosterOptions::new("2024-01-01".parse()?).entry(Entry::TransferredIn);
    /// let out = import_roster_csv_with(csv.as_bytes(), reg.tree(), &opts, &utf8_only)?;
    /// assert_eq!(out.events[0].kind, dangjian::member::EventType::TransferredIn);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn entry(mut self, entry: Entry) -> Self {
        self.entry = Some(entry);
        self
    }
}

/// The records a roster yields: apply with [`crate::Registry::import`], or merge into a dataset
/// by person with [`crate::io::Dataset::merge_roster`].
///
/// # Examples
///
/// ```
/// # use dangjian::io::{import_roster_csv_with, Entry, RosterOptions};
/// # let reg = dangjian::Registry::sample_small();
/// # let utf8_only = |_: &[u8]| None;
/// # let opts = RosterOptions::new("2024-01-01".parse()?).entry(Entry::TransferredIn);
/// let csv = "翔凤社区党员花名册\n编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部\nR9,赵六,女,1990-01-02,汉族,本科,2015-06-01,2016-06-01,第一党支部\n";
/// let out = import_roster_csv_with(csv.as_bytes(), reg.tree(), &opts, &utf8_only)?;
/// assert_eq!((out.members.len(), out.events.len()), (1, 1));
/// assert_eq!(out.header_row, 2); // under the title row
/// assert_eq!((out.sheet, out.date1904), (None, false)); // CSV: no sheet
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RosterImport {
    /// One record per row.
    pub members: Vec<MemberRecord>,
    /// One `registered` (初始登记) or `transferred_in` event per row, carrying 入党时间 and
    /// 转正时间.
    pub events: Vec<EventRecord>,
    /// The sheet read (spreadsheets only).
    pub sheet: Option<String>,
    /// Whether the workbook uses the 1904 date system.
    pub date1904: bool,
    /// The header row (1-based, as the sheet numbers it).
    pub header_row: usize,
    /// What was reconciled or assumed, per cell (e.g. the exact birth date taken from the ID
    /// number of a month-only 出生年月): the same shape as the errors.
    pub notes: Vec<RowError>,
}

pub use crate::limits::MAX_ROSTER_BYTES;
pub use crate::limits::MAX_ROSTER_COLUMNS;
pub use crate::limits::MAX_ROSTER_ROWS;
/// Most non-empty cells of a spreadsheet roster.
///
/// # Examples
///
/// ```
/// use dangjian::io::{MAX_ROSTER_CELLS, MAX_ROSTER_COLUMNS, MAX_ROSTER_ROWS};
/// assert_eq!(MAX_ROSTER_CELLS, 2_000_000);
/// // Fewer than rows × columns: a full sheet of 100,000 rows and 64 columns is refused.
/// assert!(MAX_ROSTER_CELLS < MAX_ROSTER_ROWS * MAX_ROSTER_COLUMNS);
/// ```
pub const MAX_ROSTER_CELLS: usize = 2_000_000;
/// Longest text of one spreadsheet cell, in bytes (Excel's own limit is 32,767 characters).
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "xlsx")] {
/// # use dangjian::table::{to_xlsx, ColumnValues, OwnedColumn, OwnedTable, Role, XlsxOptions};
/// # let col = |h: &str, v: &str| OwnedColumn::new(h, h, Role::Text, ColumnValues::Str(vec![v.into()]));
/// # let roster = OwnedTable { name: "roster".into(), title_zh: "翔凤社区党员花名册".into(), rows: 1, columns: vec![
/// #     col("编号", "R9"), col("姓名", "赵六"), col("性别", "女"), col("出生日期", "1990-01-02"), col("民族", "汉族"),
/// #     col("学历", "本科"), col("入党时间", "2015-06-01"), col("转正时间", "2016-06-01"), col("所在支部", "第一党支部"),
/// # ] };
/// use dangjian::io::{import_roster_xlsx, Entry, RosterOptions, MAX_ROSTER_CELL_BYTES};
/// let mut roster = roster;
/// roster.columns[1] = col("姓名", &"名".repeat(MAX_ROSTER_CELL_BYTES / 3 + 1)); // 3 bytes a character
/// let bytes = to_xlsx(&[&roster], &XlsxOptions::default())?;
/// let opts = RosterOptions::new("2024-01-01".parse()?).entry(Entry::TransferredIn);
/// let err = import_roster_xlsx(&bytes, dangjian::Registry::sample_small().tree(), &opts).unwrap_err();
/// assert_eq!(err.code(), "limit_exceeded");
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_ROSTER_CELL_BYTES: usize = 32 << 10;
/// Most text of all the cells of a spreadsheet roster together, in bytes (64 MiB): a shared
/// string repeated by many cells counts once per cell.
///
/// # Examples
///
/// ```
/// use dangjian::io::{MAX_ROSTER_CELL_BYTES, MAX_ROSTER_TEXT_BYTES};
/// assert_eq!(MAX_ROSTER_TEXT_BYTES, 64 << 20);
/// // A shared string counts once per cell: 2,048 cells of the longest text reach the limit,
/// // whatever the size of the file.
/// assert_eq!(MAX_ROSTER_TEXT_BYTES / MAX_ROSTER_CELL_BYTES, 2_048);
/// ```
pub const MAX_ROSTER_TEXT_BYTES: usize = 64 << 20;
pub use crate::limits::MAX_XLSX_UNCOMPRESSED_BYTES;
/// Most row errors collected before an import stops looking.
///
/// # Examples
///
/// ```
/// # use dangjian::io::{import_roster_csv_with, Entry, RosterOptions};
/// # let reg = dangjian::Registry::sample_small();
/// # let utf8_only = |_: &[u8]| None;
/// # let opts = RosterOptions::new("2024-01-01".parse()?).entry(Entry::TransferredIn);
/// use dangjian::io::{ImportError, MAX_ROW_ERRORS};
/// let bad_row = "R9,赵六,?,1990-01-02,汉族,本科,2015-06-01,2016-06-01,第一党支部\n"; // no gender
/// let csv = format!("编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部\n{}", bad_row.repeat(MAX_ROW_ERRORS + 50));
/// let Err(ImportError::Rows(errors)) = import_roster_csv_with(csv.as_bytes(), reg.tree(), &opts, &utf8_only) else {
///     return Err("the roster should be refused".into());
/// };
/// assert_eq!(errors.len(), MAX_ROW_ERRORS);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_ROW_ERRORS: usize = 1000;

fn limit(what: &'static str, limit: usize, actual: usize) -> ImportError {
    ImportError::LimitExceeded {
        what,
        limit,
        actual,
    }
}

/// The cells of a roster's sheet, as text, with what the reader knows about them.
#[derive(Debug, Default)]
pub(crate) struct Grid {
    /// Rows of cells (0-based; ragged).
    pub rows: Vec<Vec<String>>,
    /// Cells that were numbers (or dates) in a spreadsheet: in a date column, Excel serials.
    pub numeric: HashSet<(usize, usize)>,
    /// Formula cells.
    pub formulas: Vec<(usize, usize)>,
    /// Merged ranges (first row, first column, last row, last column; 0-based).
    pub merged: Vec<(u32, u32, u32, u32)>,
    /// The sheet read.
    pub sheet: Option<String>,
    /// The 1904 date system.
    pub date1904: bool,
}

/// Excel column letters of a 0-based column index (`0` → `A`, `27` → `AB`).
pub(crate) fn column_letters(c: u32) -> String {
    let mut n = u64::from(c) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// The file format of roster bytes, from their content.
///
/// # Examples
///
/// ```
/// use dangjian::io::RosterFormat;
/// let name = "花名册.XLSX";
/// let ext = name.rsplit('.').next().unwrap_or("");
/// assert_eq!(RosterFormat::from_extension(ext), Some(RosterFormat::Xlsx));
/// assert_eq!(RosterFormat::sniff(b"PK\x03\x04"), RosterFormat::Xlsx); // by content
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RosterFormat {
    /// Comma- (or tab-) separated text.
    Csv,
    /// Office Open XML workbook (`.xlsx`; WPS `.et` files saved in this format too).
    Xlsx,
    /// BIFF8 compound file (`.xls`; older WPS `.et` files).
    Xls,
}

impl RosterFormat {
    /// The format of `bytes`: a zip archive is `.xlsx`, an OLE compound file `.xls`, anything
    /// else CSV.
    ///
    /// ```
    /// use dangjian::io::RosterFormat;
    /// assert_eq!(RosterFormat::sniff(b"PK\x03\x04..."), RosterFormat::Xlsx);
    /// assert_eq!(RosterFormat::sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), RosterFormat::Xls);
    /// assert_eq!(RosterFormat::sniff("姓名,性别".as_bytes()), RosterFormat::Csv);
    /// ```
    pub fn sniff(bytes: &[u8]) -> RosterFormat {
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
            RosterFormat::Xlsx
        } else if bytes.starts_with(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") {
            RosterFormat::Xls
        } else {
            RosterFormat::Csv
        }
    }

    /// The usual file extension (`csv`, `xlsx`, `xls`).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::io::RosterFormat;
    /// assert_eq!(RosterFormat::Xls.extension(), "xls");
    /// assert_eq!(RosterFormat::parse(RosterFormat::Csv.extension()), Some(RosterFormat::Csv));
    /// ```
    pub fn extension(self) -> &'static str {
        match self {
            RosterFormat::Csv => "csv",
            RosterFormat::Xlsx => "xlsx",
            RosterFormat::Xls => "xls",
        }
    }

    /// The format a caller names (`csv`, `xlsx`, `xls`, any case).
    ///
    /// ```
    /// use dangjian::io::RosterFormat;
    /// assert_eq!(RosterFormat::parse("XLSX"), Some(RosterFormat::Xlsx));
    /// assert_eq!(RosterFormat::parse("pdf"), None);
    /// ```
    pub fn parse(name: &str) -> Option<RosterFormat> {
        match name.to_ascii_lowercase().as_str() {
            "csv" => Some(RosterFormat::Csv),
            "xlsx" => Some(RosterFormat::Xlsx),
            "xls" => Some(RosterFormat::Xls),
            _ => None,
        }
    }

    /// The format a file name's extension names (`csv`, `txt`, `xlsx`, `xlsm`, `xls`, `et`);
    /// `.et` is sniffed, since WPS writes both kinds under it.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::io::RosterFormat;
    /// assert_eq!(RosterFormat::from_extension("txt"), Some(RosterFormat::Csv));
    /// assert_eq!(RosterFormat::from_extension("xlsm"), Some(RosterFormat::Xlsx));
    /// assert_eq!(RosterFormat::from_extension("et"), None); // WPS: sniff the content
    /// ```
    pub fn from_extension(ext: &str) -> Option<RosterFormat> {
        match ext.to_ascii_lowercase().as_str() {
            "csv" | "txt" => Some(RosterFormat::Csv),
            "xlsx" | "xlsm" => Some(RosterFormat::Xlsx),
            "xls" => Some(RosterFormat::Xls),
            _ => None,
        }
    }
}

/// The one roster import every front end uses (the CLI, Python's `with_roster`, the
/// WebAssembly `Community.importRoster`): the format is the caller's word, else found from the
/// content ([`RosterFormat::sniff`]: a zip archive is `.xlsx`, an OLE compound file `.xls`,
/// anything else CSV, whose encoding — UTF-8, UTF-16, GB18030 — is found as
/// [`import_roster_csv_with`] finds it, GB18030 through `gb18030`). Without the crate feature
/// `xlsx` a workbook is refused with [`ImportError::Unreadable`] naming the format.
///
/// ```
/// use dangjian::io::{import_roster_with, Entry, RosterOptions};
/// let reg = dangjian::Registry::sample_small();
/// let csv = "编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部\nR9,赵六,女,1990-01-02,汉族,本科,2015-06-01,2016-06-01,第一党支部\n";
/// let opts = RosterOptions::new("2024-01-01".parse().unwrap()).entry(Entry::TransferredIn);
/// let none = |_: &[u8]| None;
/// let out = import_roster_with(csv.as_bytes(), None, reg.tree(), &opts, &none).unwrap();
/// assert_eq!(out.members[0].id, "R9");
/// ```
pub fn import_roster_with(
    bytes: &[u8],
    format: Option<RosterFormat>,
    tree: &OrgTree,
    options: &RosterOptions,
    gb18030: &dyn Fn(&[u8]) -> Option<String>,
) -> Result<RosterImport, ImportError> {
    let format = format.unwrap_or_else(|| RosterFormat::sniff(bytes));
    let grid = match format {
        RosterFormat::Csv => text::csv_grid(bytes, gb18030)?,
        #[cfg(feature = "xlsx")]
        RosterFormat::Xlsx => xlsx::xlsx_grid(bytes, options.sheet.as_deref())?,
        #[cfg(feature = "xlsx")]
        RosterFormat::Xls => xlsx::xls_grid(bytes, options.sheet.as_deref())?,
        #[cfg(not(feature = "xlsx"))]
        other => {
            return Err(ImportError::Unreadable(format!(
                "此版本不能读取 {} 工作簿，请另存为 CSV (this build reads no {} workbooks; save as CSV)",
                other.extension(),
                other.extension()
            )))
        }
    };
    records::grid_to_records(grid, tree, options)
}

/// Reads a roster of any supported format, sniffed from its content ([`RosterFormat::sniff`]).
///
/// ```
/// use dangjian::io::{import_roster, RosterOptions};
/// let reg = dangjian::Registry::sample_small();
/// let csv = "编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部\nR9,赵六,女,1990-01-02,汉族,本科,2015-06-01,2016-06-01,第一党支部\n";
/// let opts = RosterOptions::new("2024-01-01".parse().unwrap()).entry(dangjian::io::Entry::TransferredIn);
/// let out = import_roster(csv.as_bytes(), reg.tree(), &opts).unwrap();
/// assert_eq!(out.members[0].id, "R9");
/// ```
#[cfg(all(feature = "xlsx", feature = "gb18030"))]
pub fn import_roster(
    bytes: &[u8],
    tree: &OrgTree,
    options: &RosterOptions,
) -> Result<RosterImport, ImportError> {
    import_roster_with(bytes, None, tree, options, &gb18030)
}

/// The 所在支部 and 党小组 of each data row of a roster (CSV, `.xlsx`, `.xls`, WPS `.et`, found
/// by content), in row order: what `dangjian init` makes a community's organizations from.
/// Headers are found as the importer finds them (aliases such as 所在党支部, spaces,
/// full-width characters, title rows above the header row); the group column is 党小组 (or
/// 所在党小组, 所属党小组, 小组).
///
/// ```
/// let csv = "翔凤社区花名册\n姓 名,性别,所在党支部,党小组\n王一,男,第一支部,一组\n李二,女,第二支部,\n";
/// let rows = dangjian::io::roster_branch_columns(csv.as_bytes(), None).unwrap();
/// assert_eq!(rows, vec![
///     ("第一支部".to_string(), Some("一组".to_string())),
///     ("第二支部".to_string(), None),
/// ]);
/// ```
#[cfg(all(feature = "xlsx", feature = "gb18030"))]
pub fn roster_branch_columns(
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<Vec<(String, Option<String>)>, ImportError> {
    const GROUP_HEADERS: [&str; 4] = ["党小组", "所在党小组", "所属党小组", "小组"];
    let grid = read_roster_grid(bytes, RosterFormat::sniff(bytes), sheet)?;
    let rows = grid.rows;
    let header_at = headers::find_header_row(&rows)
        .ok_or_else(|| ImportError::Unreadable("花名册是空的 (the roster is empty)".into()))?;
    let header: &[String] = rows.get(header_at).map(Vec::as_slice).unwrap_or(&[]);
    let branch = header
        .iter()
        .position(|h| headers::roster_field_of(h) == Some("所在支部"))
        .ok_or_else(|| {
            let branch = ROSTER_HEADER_ALIASES
                .iter()
                .find(|a| a.header == "所在支部");
            ImportError::MissingColumn {
                column: "所在支部".into(),
                accepted: branch
                    .map(|a| {
                        std::iter::once(a.header)
                            .chain(a.aliases.iter().copied())
                            .map(str::to_string)
                            .collect()
                    })
                    .unwrap_or_default(),
                nearest: None,
            }
        })?;
    let group = header
        .iter()
        .position(|h| GROUP_HEADERS.contains(&headers::normalize_header(h).as_str()));
    let cell = |r: &Vec<String>, i: usize| r.get(i).map_or(String::new(), |c| c.trim().to_string());
    Ok(rows
        .iter()
        .skip(header_at + 1)
        .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
        .map(|r| {
            let g = group.map(|g| cell(r, g)).filter(|g| !g.is_empty());
            (headers::strip_note(&cell(r, branch)).to_string(), g)
        })
        .collect())
}

/// The cells of a roster in `format` (crate-internal; also used by the error workbook).
#[cfg(all(feature = "xlsx", feature = "gb18030"))]
pub(crate) fn read_roster_grid(
    bytes: &[u8],
    format: RosterFormat,
    sheet: Option<&str>,
) -> Result<Grid, ImportError> {
    match format {
        RosterFormat::Csv => text::csv_grid(bytes, &gb18030),
        RosterFormat::Xlsx => xlsx::xlsx_grid(bytes, sheet),
        RosterFormat::Xls => xlsx::xls_grid(bytes, sheet),
    }
}

/// Reads a CSV roster (UTF-8, with or without BOM; GB18030/GBK as saved by Chinese Excel;
/// UTF-16 with a BOM or plainly UTF-16 without one). Every bad cell is reported; nothing is
/// returned unless all rows are good.
///
/// ```
/// use dangjian::io::{import_roster_csv, Entry, RosterOptions};
/// let reg = dangjian::Registry::sample_small();
/// let opts = RosterOptions::new("2024-01-01".parse().unwrap()).entry(Entry::TransferredIn);
/// let csv = "编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部\nR2,赵六,女,1990-01-02,汉族,本科,2015-06-01,2016-06-01,第一党支部\n";
/// let out = import_roster_csv(csv.as_bytes(), reg.tree(), &opts).unwrap();
/// assert_eq!(out.members.len(), 1);
/// assert_eq!(out.members[0].id, "R2");
/// let bad = "编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部\nR2,赵六,?,1990-02-30,汉族,本科,2015-06-01,,第九支部\n";
/// let err = import_roster_csv(bad.as_bytes(), reg.tree(), &opts).unwrap_err();
/// assert!(err.to_string().contains("第2行"));
/// ```
#[cfg(feature = "gb18030")]
pub fn import_roster_csv(
    bytes: &[u8],
    tree: &OrgTree,
    options: &RosterOptions,
) -> Result<RosterImport, ImportError> {
    import_roster_csv_with(bytes, tree, options, &gb18030)
}

/// GB18030 decoding with `encoding_rs` (the WHATWG Encoding Standard's `gb18030`), without BOM
/// handling; `None` on any malformed byte sequence. What [`import_roster_csv`] passes to
/// [`import_roster_csv_with`]; crate feature `gb18030` (on by default).
///
/// # Examples
///
/// ```
/// use dangjian::io::gb18030;
/// // "党员" as Chinese Excel saves it in a CSV file.
/// assert_eq!(gb18030(&[0xb5, 0xb3, 0xd4, 0xb1]).as_deref(), Some("党员"));
/// assert_eq!(gb18030(&[0x81]), None); // a cut sequence
/// ```
#[cfg(feature = "gb18030")]
pub fn gb18030(bytes: &[u8]) -> Option<String> {
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(std::borrow::Cow::into_owned)
}

/// `import_roster_csv` (feature `gb18030`) with the GB18030 decoder given by the caller: the WebAssembly package
/// passes the host's `TextDecoder("gb18030", {fatal: true})` (the same WHATWG decoder), so that
/// it need not carry `encoding_rs` and its tables of every legacy encoding (about 125 KB
/// gzipped). Bytes that are UTF-8 are read as UTF-8; otherwise a UTF-16 byte order mark selects
/// UTF-16 (as `encoding_rs`'s BOM sniffing did), and anything else goes to `gb18030`, which
/// returns `None` for malformed input (an [`ImportError::Unreadable`]).
///
/// ```
/// use dangjian::io::{import_roster_csv_with, RosterOptions};
/// let reg = dangjian::Registry::sample_small();
/// let opts = RosterOptions::new("2024-01-01".parse().unwrap());
/// let err = import_roster_csv_with(b"\xff\xff\xff", reg.tree(), &opts, &|_| None).unwrap_err();
/// assert_eq!(err.code(), "unreadable");
/// ```
pub fn import_roster_csv_with(
    bytes: &[u8],
    tree: &OrgTree,
    options: &RosterOptions,
    gb18030: &dyn Fn(&[u8]) -> Option<String>,
) -> Result<RosterImport, ImportError> {
    records::grid_to_records(text::csv_grid(bytes, gb18030)?, tree, options)
}

/// Reads an Excel `.xlsx` roster (or a WPS `.et` saved as XLSX): the sheet named in the
/// options, else the first visible worksheet ([`RosterImport::sheet`] says which), cell by cell
/// under the workbook's date system (1900 or 1904).
///
/// A formula cell is an error (its cached value cannot be trusted; paste values instead), and
/// so is a merged range reaching into the data rows (merged cells leave every row but the first
/// empty). Title rows (merged or not) above the header are skipped.
///
/// # Examples
///
/// ```
/// # use dangjian::table::{to_xlsx, ColumnValues, OwnedColumn, OwnedTable, Role, XlsxOptions};
/// # let col = |h: &str, v: &str| OwnedColumn::new(h, h, Role::Text, ColumnValues::Str(vec![v.into()]));
/// # let roster = OwnedTable { name: "roster".into(), title_zh: "翔凤社区党员花名册".into(), rows: 1, columns: vec![
/// #     col("编号", "R9"), col("姓名", "赵六"), col("性别", "女"), col("出生日期", "1990-01-02"), col("民族", "汉族"),
/// #     col("学历", "本科"), col("入党时间", "2015-06-01"), col("转正时间", "2016-06-01"), col("所在支部", "第一党支部"),
/// # ] };
/// use dangjian::io::{import_roster_xlsx, Entry, RosterOptions};
/// let reg = dangjian::Registry::sample_small();
/// // A workbook with a title row above the header row, as secretaries make them.
/// let bytes = to_xlsx(&[&roster], &XlsxOptions::default())?;
/// let opts = RosterOptions::new("2024-01-01".parse()?).entry(Entry::TransferredIn);
/// let out = import_roster_xlsx(&bytes, reg.tree(), &opts)?;
/// assert_eq!((out.members.len(), out.header_row), (1, 2));
/// assert_eq!(out.members[0].birth_date.to_string(), "1990-01-02");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "xlsx")]
pub fn import_roster_xlsx(
    bytes: &[u8],
    tree: &OrgTree,
    options: &RosterOptions,
) -> Result<RosterImport, ImportError> {
    records::grid_to_records(
        xlsx::xlsx_grid(bytes, options.sheet.as_deref())?,
        tree,
        options,
    )
}

/// Reads an Excel 97–2003 `.xls` roster (or a WPS `.et` in the compound-file format), as
/// [`import_roster_xlsx`] does.
///
/// # Examples
///
/// ```
/// use dangjian::io::{import_roster_xls, Entry, RosterOptions};
/// let reg = dangjian::Registry::sample_small();
/// let opts = RosterOptions::new("2024-01-01".parse()?).entry(Entry::TransferredIn);
/// // Not a compound file: unreadable, never a panic.
/// let err = import_roster_xls(b"\xd0\xcf\x11\xe0 not really", reg.tree(), &opts).unwrap_err();
/// assert_eq!(err.code(), "unreadable");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "xlsx")]
pub fn import_roster_xls(
    bytes: &[u8],
    tree: &OrgTree,
    options: &RosterOptions,
) -> Result<RosterImport, ImportError> {
    records::grid_to_records(
        xlsx::xls_grid(bytes, options.sheet.as_deref())?,
        tree,
        options,
    )
}

#[cfg(all(test, feature = "gb18030"))]
#[allow(clippy::unwrap_used)]
mod decode_tests {
    use super::text::non_utf8_text;
    use super::*;
    use proptest::prelude::*;

    /// What `encoding_rs::GB18030.decode` (BOM sniffing, then the sniffed decoder) accepted
    /// before `import_roster_csv_with`: the text, or `None` when it reported errors.
    fn encoding_rs_decode(bytes: &[u8]) -> Option<String> {
        let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
        (!had_errors).then(|| text.into_owned())
    }
    #[test]
    fn byte_order_marks_and_gb18030_as_encoding_rs_decodes_them() {
        let utf16le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("姓名\n张三".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let utf16be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("姓名\n𠀀".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        let (gbk, _, _) = encoding_rs::GB18030.encode("姓名,性别\n张三,男\n€");
        let cases: Vec<Vec<u8>> = vec![
            utf16le.clone(),
            utf16be,
            [utf16le.as_slice(), &[0x41]].concat(), // odd length
            vec![0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00], // unpaired surrogate
            vec![0xEF, 0xBB, 0xBF, 0xFF],           // UTF-8 BOM, then not UTF-8
            gbk.into_owned(),
            vec![0x81, 0x30, 0x81, 0x30], // four-byte GB18030
            vec![0x81, 0x30],             // truncated four-byte sequence
            vec![0x80],                   // the euro sign's single byte
            vec![0xFF],
        ];
        for bytes in cases {
            assert!(std::str::from_utf8(&bytes).is_err(), "{bytes:?}");
            assert_eq!(
                non_utf8_text(&bytes, &gb18030),
                encoding_rs_decode(&bytes),
                "{bytes:?}"
            );
        }
        assert_eq!(
            non_utf8_text(&[0xFF, 0xFE, 0x41, 0x00], &|_| None).as_deref(),
            Some("A")
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)))]

        /// For bytes that are not UTF-8, the BOM sniffing of `import_roster_csv_with` plus the
        /// plain GB18030 decoder accept exactly what `encoding_rs`'s `decode` accepted, with the
        /// same text (UTF-16 and GB18030 lead bytes are favoured by the strategy).
        #[test]
        fn non_utf8_decoding_equals_encoding_rs(
            head in prop::sample::select(vec![vec![], vec![0xFF, 0xFE], vec![0xFE, 0xFF], vec![0xEF, 0xBB, 0xBF], vec![0x81, 0x30]]),
            body in prop::collection::vec(prop::sample::select(vec![0x00u8, 0x30, 0x41, 0x80, 0x81, 0x8A, 0xA1, 0xB0, 0xD8, 0xDC, 0xFE, 0xFF]), 0..24),
        ) {
            let bytes = [head, body].concat();
            prop_assume!(std::str::from_utf8(&bytes).is_err());
            prop_assert_eq!(non_utf8_text(&bytes, &gb18030), encoding_rs_decode(&bytes));
        }
    }
}
