use std::collections::HashMap;

use chrono::NaiveDate;
use compact_str::CompactString;

use super::{ImportError, RowError};
use crate::member::{
    Category, Education, EventRecord, EventType, Gender, MemberRecord, MembershipStatus,
};
use crate::org::{OrgKind, OrgTree};
use crate::privacy::redact_digits;
use crate::privacy::{IdNumber, PersonName, Phone};

/// Column headers a roster (花名册) may have. The first eight are required.
///
/// | header | meaning |
/// |---|---|
/// | 姓名 | name |
/// | 性别 | 男 / 女 |
/// | 出生日期 | birth date (`1980-05-01`, `1980/5/1`, `1980年5月1日`, `19800501`, `1980.05`, or an Excel date) |
/// | 民族 | ethnicity |
/// | 学历 | education (小学, 初中, 高中, 中专, 大专, 本科, 研究生, 硕士, 博士) |
/// | 入党时间 | admission date |
/// | 转正时间 | conversion date; empty for a probationary member |
/// | 所在支部 | branch id or name |
/// | 编号 | member id (optional; generated from the row number otherwise) |
/// | 人员类别 | category (居民, 离退休, 在职, 流动, 学生, 农民, 无固定收入) |
/// | 工作单位 | home unit of an in-service member |
/// | 身份证号 | resident ID number (validated, masked in errors) |
/// | 联系电话 | phone (validated, masked in errors) |
/// | 特长 | skills, separated by `、`, `,` or `;` |
pub const ROSTER_HEADERS: [&str; 14] = [
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
];

const REQUIRED: usize = 8;

/// How to turn roster rows into records.
#[derive(Debug, Clone)]
pub struct RosterOptions {
    /// The roster's date: each member is registered by a `transferred_in` event on this day.
    pub as_of: NaiveDate,
    /// Prefix of generated member ids when the sheet has no 编号 column (`R` gives `R0002` for row 2).
    pub id_prefix: String,
}

impl RosterOptions {
    /// Options registering members on `as_of`, with generated ids prefixed `R`.
    pub fn new(as_of: NaiveDate) -> Self {
        RosterOptions {
            as_of,
            id_prefix: "R".into(),
        }
    }
}

/// The records a roster yields: apply with [`crate::Registry::import`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RosterImport {
    /// One record per row.
    pub members: Vec<MemberRecord>,
    /// One `transferred_in` event per row, carrying 入党时间 and 转正时间.
    pub events: Vec<EventRecord>,
}

/// Parses a date as written on rosters.
///
/// ```
/// use dangjian::io::parse_roster_date;
/// let d = |s| parse_roster_date(s).map(|d| d.to_string());
/// assert_eq!(d("1980/5/1").as_deref(), Some("1980-05-01"));
/// assert_eq!(d("1980年5月1日").as_deref(), Some("1980-05-01"));
/// assert_eq!(d("1980.05").as_deref(), Some("1980-05-01"));
/// assert_eq!(d("2024-02-30"), None);
/// ```
pub fn parse_roster_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    // A date starts with its year's digits and ends with a digit or 日/号/月: `-1990-02-03` is
    // not 1990-02-03 (issue 17).
    if !s.starts_with(|c: char| c.is_ascii_digit())
        || !s.ends_with(|c: char| c.is_ascii_digit() || matches!(c, '日' | '号' | '月'))
    {
        return None;
    }
    let digits_only = s.chars().all(|c| c.is_ascii_digit());
    if digits_only && s.len() == 8 {
        // YYYYMMDD (as chrono's `%Y%m%d` reads eight digits).
        let n = |r: std::ops::Range<usize>| s.get(r).and_then(|t| t.parse::<u32>().ok());
        let (y, m, d) = (n(0..4)?, n(4..6)?, n(6..8)?);
        return NaiveDate::from_ymd_opt(y as i32, m, d);
    }
    let parts: Vec<&str> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    let num = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
    let year = parts.first().and_then(|p| {
        if p.len() == 4 {
            p.parse::<i32>().ok()
        } else {
            None
        }
    })?;
    let (m, d) = match parts.len() {
        2 => (num(1)?, 1),
        3 => (num(1)?, num(2)?),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, m, d)
}

#[cfg(feature = "xlsx")]
fn excel_serial_to_date(v: f64) -> Option<NaiveDate> {
    if !(1.0..=2_958_465.0).contains(&v) {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    base.checked_add_days(chrono::Days::new(v.floor() as u64))
}

/// Largest roster file accepted, in bytes (64 MiB).
pub const MAX_ROSTER_BYTES: usize = 64 << 20;
/// Most rows of a roster, header included (split larger rosters by organization).
pub const MAX_ROSTER_ROWS: usize = 100_000;
/// Most columns of a roster: cells right of column 64 (`BL`) must be empty.
pub const MAX_ROSTER_COLUMNS: usize = 64;
/// Largest total uncompressed size of the parts of an `.xlsx` file, as declared in its zip
/// directory (256 MiB): a zip bomb is refused before anything is inflated.
pub const MAX_XLSX_UNCOMPRESSED_BYTES: u64 = 256 << 20;
/// Most row errors collected before an import stops looking.
pub const MAX_ROW_ERRORS: usize = 1000;

fn limit(what: &'static str, limit: usize, actual: usize) -> ImportError {
    ImportError::LimitExceeded {
        what,
        limit,
        actual,
    }
}

/// The text of roster bytes that are not UTF-8: a UTF-8 byte order mark leaves them malformed,
/// a UTF-16 one (`FF FE` little-endian, `FE FF` big-endian) selects UTF-16 (an odd length or an
/// unpaired surrogate is malformed), anything else is GB18030. `None`: malformed.
fn non_utf8_text(bytes: &[u8], gb18030: &dyn Fn(&[u8]) -> Option<String>) -> Option<String> {
    let utf16 = |rest: &[u8], unit: fn([u8; 2]) -> u16| {
        let pairs = rest.chunks_exact(2);
        if !pairs.remainder().is_empty() {
            return None;
        }
        let units: Vec<u16> = pairs
            .map(|p| Some(unit([p.first().copied()?, p.get(1).copied()?])))
            .collect::<Option<Vec<u16>>>()?;
        String::from_utf16(&units).ok()
    };
    match bytes {
        [0xEF, 0xBB, 0xBF, ..] => None,
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ => gb18030(bytes),
    }
}

/// Reads a CSV roster (UTF-8, with or without BOM; GB18030/GBK as saved by Chinese Excel is
/// detected and decoded). Every bad row is reported; nothing is returned unless all rows are good.
///
/// ```
/// use dangjian::io::{import_roster_csv, RosterOptions};
/// let reg = dangjian::Registry::sample_small();
/// let csv = "姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部\n赵六,女,1990-01-02,汉族,本科,2015-06-01,2016-06-01,第一党支部\n";
/// let out = import_roster_csv(csv.as_bytes(), reg.tree(), &RosterOptions::new("2024-01-01".parse().unwrap())).unwrap();
/// assert_eq!(out.members.len(), 1);
/// assert_eq!(out.members[0].id, "R0002");
/// let bad = "姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部\n赵六,?,1990-02-30,汉族,本科,2015-06-01,,第九支部\n";
/// let err = import_roster_csv(bad.as_bytes(), reg.tree(), &RosterOptions::new("2024-01-01".parse().unwrap())).unwrap_err();
/// assert!(err.to_string().contains("row 2"));
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
#[cfg(feature = "gb18030")]
pub fn gb18030(bytes: &[u8]) -> Option<String> {
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(std::borrow::Cow::into_owned)
}

/// [`import_roster_csv`] with the GB18030 decoder given by the caller: the WebAssembly package
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
    if bytes.len() > MAX_ROSTER_BYTES {
        return Err(limit("roster file bytes", MAX_ROSTER_BYTES, bytes.len()));
    }
    let text: std::borrow::Cow<'_, str> = match std::str::from_utf8(bytes) {
        Ok(s) => s.into(),
        Err(_) => non_utf8_text(bytes, gb18030)
            .ok_or_else(|| {
                ImportError::Unreadable("the file is neither UTF-8 nor GB18030 text".into())
            })?
            .into(),
    };
    let text = text.trim_start_matches('\u{feff}');
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        if i >= MAX_ROSTER_ROWS {
            return Err(limit("roster rows", MAX_ROSTER_ROWS, i + 1));
        }
        let rec = rec
            .map_err(|e| ImportError::Unreadable(redact_digits(&format!("row {}: {e}", i + 1))))?;
        if rec.len() > MAX_ROSTER_COLUMNS
            && rec
                .iter()
                .skip(MAX_ROSTER_COLUMNS)
                .any(|c| !c.trim().is_empty())
        {
            return Err(limit("roster columns", MAX_ROSTER_COLUMNS, rec.len()));
        }
        rows.push(
            rec.iter()
                .take(MAX_ROSTER_COLUMNS)
                .map(str::to_owned)
                .collect(),
        );
    }
    rows_to_records_checked(rows, tree, options, &[], &[])
}

/// Reads the first sheet of an Excel `.xlsx` roster, cell by cell (only the cells present in
/// the file take memory, so a stray cell far away costs nothing).
///
/// A formula cell is an error (its cached value cannot be trusted; paste values instead), and
/// so is a merged range reaching into the data rows (merged cells leave every row but the first
/// empty). A title row above the header is skipped: the header is the first row with `姓名`.
#[cfg(feature = "xlsx")]
pub fn import_roster_xlsx(
    bytes: &[u8],
    tree: &OrgTree,
    options: &RosterOptions,
) -> Result<RosterImport, ImportError> {
    use calamine::{DataRef, Reader, Xlsx};
    if bytes.len() > MAX_ROSTER_BYTES {
        return Err(limit("roster file bytes", MAX_ROSTER_BYTES, bytes.len()));
    }
    let unreadable =
        |e: &dyn std::fmt::Display| ImportError::Unreadable(redact_digits(&e.to_string()));
    check_zip_sizes(bytes)?;
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let sheet = wb
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| ImportError::Unreadable("the workbook has no sheet".into()))?;
    let merged: Vec<(u32, u32, u32, u32)> = wb
        .merge_cells_by_sheet_name(&sheet)
        .map_err(|e| unreadable(&e))?
        .iter()
        .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
        .collect();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut formulas = Vec::new();
    let mut cells = wb
        .worksheet_cells_reader(&sheet)
        .map_err(|e| unreadable(&e))?;
    while let Some(cell) = cells.next_cell_with_formula().map_err(|e| unreadable(&e))? {
        let (r, c) = (cell.pos.0 as usize, cell.pos.1 as usize);
        let text = match cell.value {
            DataRef::Empty => String::new(),
            DataRef::String(s) => s,
            DataRef::SharedString(s) => s.to_owned(),
            DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
            DataRef::Float(f) => f.to_string(),
            DataRef::Int(i) => i.to_string(),
            DataRef::Bool(b) => b.to_string(),
            DataRef::DateTime(d) => excel_serial_to_date(d.as_f64())
                .map(|d| d.to_string())
                .unwrap_or_default(),
            DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s,
            DataRef::Error(e) => format!("#ERROR {e:?}"),
        };
        let has_formula = cell.formula.as_ref().is_some_and(|f| !f.is_empty());
        if text.trim().is_empty() && !has_formula {
            continue;
        }
        if r >= MAX_ROSTER_ROWS {
            return Err(limit("roster rows", MAX_ROSTER_ROWS, r + 1));
        }
        if c >= MAX_ROSTER_COLUMNS {
            return Err(limit("roster columns", MAX_ROSTER_COLUMNS, c + 1));
        }
        // enough to report MAX_ROW_ERRORS even if the header row is all formulas
        if has_formula && formulas.len() < MAX_ROW_ERRORS + MAX_ROSTER_COLUMNS {
            formulas.push((r, c));
        }
        if rows.len() <= r {
            rows.resize_with(r + 1, Vec::new);
        }
        if let Some(row) = rows.get_mut(r) {
            if row.len() <= c {
                row.resize(c + 1, String::new());
            }
            if let Some(slot) = row.get_mut(c) {
                *slot = text;
            }
        }
    }
    rows_to_records_checked(rows, tree, options, &formulas, &merged)
}

/// Refuses an `.xlsx` whose parts would inflate beyond [`MAX_XLSX_UNCOMPRESSED_BYTES`].
#[cfg(feature = "xlsx")]
fn check_zip_sizes(bytes: &[u8]) -> Result<(), ImportError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        ImportError::Unreadable(format!("not an .xlsx workbook (zip archive): {e}"))
    })?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let size = zip
            .by_index_raw(i)
            .map_err(|e| ImportError::Unreadable(format!("zip entry #{i}: {e}")))?
            .size();
        total = total.saturating_add(size);
        if total > MAX_XLSX_UNCOMPRESSED_BYTES {
            return Err(limit(
                "uncompressed bytes of the .xlsx parts",
                MAX_XLSX_UNCOMPRESSED_BYTES as usize,
                total.min(usize::MAX as u64) as usize,
            ));
        }
    }
    Ok(())
}

/// Excel column letters of a 0-based column index (`0` → `A`, `27` → `AB`).
fn column_letters(c: u32) -> String {
    let mut n = u64::from(c) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

fn rows_to_records_checked(
    rows: Vec<Vec<String>>,
    tree: &OrgTree,
    options: &RosterOptions,
    formulas: &[(usize, usize)],
    merged: &[(u32, u32, u32, u32)],
) -> Result<RosterImport, ImportError> {
    // The header is the first row holding `姓名` among the first 20 non-empty rows (title rows
    // above it are skipped), else the first non-empty row. Row numbers are the sheet's (1-based).
    let non_empty = |r: &Vec<String>| r.iter().any(|c| !c.trim().is_empty());
    let first = rows
        .iter()
        .position(non_empty)
        .ok_or_else(|| ImportError::Unreadable("the roster is empty".into()))?;
    let header_at = rows
        .iter()
        .enumerate()
        .skip(first)
        .filter(|(_, r)| non_empty(r))
        .take(20)
        .find(|(_, r)| r.iter().any(|c| c.trim() == "姓名"))
        .map_or(first, |(i, _)| i);
    let mut rows = rows.into_iter().enumerate().skip(header_at);
    let (_, header) = rows
        .next()
        .ok_or_else(|| ImportError::Unreadable("the roster is empty".into()))?;
    let col: HashMap<&str, usize> = ROSTER_HEADERS
        .iter()
        .filter_map(|h| header.iter().position(|c| c.trim() == *h).map(|i| (*h, i)))
        .collect();
    for h in ROSTER_HEADERS.iter().take(REQUIRED) {
        if !col.contains_key(h) {
            return Err(ImportError::MissingColumn((*h).into()));
        }
    }
    let column_name = |c: usize| {
        header
            .get(c)
            .map(|h| h.trim().to_owned())
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| format!("#{}", c + 1))
    };
    // Sheet-level problems, by (0-based) row: formulas and merged ranges below the header.
    let mut cell_problems: std::collections::BTreeMap<usize, Vec<(usize, String)>> =
        std::collections::BTreeMap::new();
    let mut noted = 0usize;
    for &(r, c) in formulas.iter().filter(|(r, _)| *r > header_at) {
        if noted >= MAX_ROW_ERRORS {
            break;
        }
        noted += 1;
        cell_problems.entry(r).or_default().push((
            c,
            "the cell holds a formula; paste values instead (公式单元格请转为数值)".into(),
        ));
    }
    for &(r0, c0, r1, c1) in merged {
        if noted >= MAX_ROW_ERRORS {
            break;
        }
        let (r0, r1) = (r0 as usize, r1 as usize);
        if r1 <= header_at || (r0 == r1 && c0 == c1) {
            continue;
        }
        let range = format!(
            "{}{}:{}{}",
            column_letters(c0),
            r0 + 1,
            column_letters(c1),
            r1 + 1
        );
        for r in r0.max(header_at + 1)..=r1 {
            if noted >= MAX_ROW_ERRORS {
                break;
            }
            noted += 1;
            cell_problems.entry(r).or_default().push((
                c0 as usize,
                format!("the cell is part of the merged range {range}; unmerge it and fill every row (合并单元格请拆分后逐行填写)"),
            ));
        }
    }
    let branch_by_name: HashMap<&str, &str> = tree
        .records()
        .iter()
        .filter(|r| r.kind == OrgKind::Branch)
        .flat_map(|r| {
            [
                (r.name.as_str(), r.id.as_str()),
                (r.id.as_str(), r.id.as_str()),
            ]
        })
        .collect();
    let mut out = RosterImport::default();
    let mut errors = Vec::new();
    for (r, problems) in &cell_problems {
        for (c, reason) in problems {
            errors.push(RowError {
                row: r + 1,
                column: column_name(*c),
                reason: reason.clone(),
            });
        }
    }
    for (i, row) in rows {
        let rownum = i + 1;
        if errors.len() >= MAX_ROW_ERRORS {
            break;
        }
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |h: &str| {
            col.get(h)
                .and_then(|&c| row.get(c))
                .map(|s| s.trim())
                .unwrap_or("")
        };
        let mut err = |column: &str, reason: String| {
            errors.push(RowError {
                row: rownum,
                column: column.into(),
                reason: redact_digits(&reason),
            })
        };
        let name = PersonName::new(cell("姓名"))
            .map_err(|e| err("姓名", e.to_string()))
            .ok();
        let gender = Gender::parse(cell("性别"));
        if gender.is_none() {
            err("性别", format!("`{}` is not 男 or 女", cell("性别")));
        }
        let date =
            |h: &str, required: bool, err: &mut dyn FnMut(&str, String)| -> Option<NaiveDate> {
                let raw = cell(h);
                if raw.is_empty() {
                    if required {
                        err(h, "is required".into());
                    }
                    return None;
                }
                let d = parse_roster_date(raw);
                if d.is_none() {
                    err(h, format!("`{raw}` is not a valid date"));
                }
                d
            };
        let birth = date("出生日期", true, &mut err);
        let admitted = date("入党时间", true, &mut err);
        let converted = date("转正时间", false, &mut err);
        let education = Education::parse(cell("学历"));
        if education.is_none() {
            err(
                "学历",
                format!("`{}` is not a known education level", cell("学历")),
            );
        }
        let category = Category::parse(cell("人员类别"));
        if category.is_none() {
            err(
                "人员类别",
                format!("`{}` is not a known category", cell("人员类别")),
            );
        }
        let branch = branch_by_name.get(cell("所在支部")).copied();
        if branch.is_none() {
            err(
                "所在支部",
                format!("`{}` names no branch (党支部)", cell("所在支部")),
            );
        }
        let id_number = match cell("身份证号") {
            "" => None,
            s => s
                .parse::<IdNumber>()
                .map_err(|e| err("身份证号", e.to_string()))
                .ok(),
        };
        let phone = match cell("联系电话") {
            "" => None,
            s => s
                .parse::<Phone>()
                .map_err(|e| err("联系电话", e.to_string()))
                .ok(),
        };
        if let (Some(idn), Some(b)) = (&id_number, birth) {
            if idn.birth_date() != Some(b) {
                err(
                    "身份证号",
                    format!(
                        "{} encodes a birth date other than 出生日期 {b}",
                        idn.masked()
                    ),
                );
            }
            if gender.is_some_and(|g| g != idn.gender()) {
                err(
                    "身份证号",
                    format!(
                        "{} encodes gender {}, but 性别 says otherwise",
                        idn.masked(),
                        idn.gender().label()
                    ),
                );
            }
        }
        if let (Some(a), Some(c)) = (admitted, converted) {
            if c < a {
                err("转正时间", format!("{c} is before 入党时间 {a}"));
            } else if crate::member::probation_too_short(a, c, 12) {
                err(
                    "转正时间",
                    format!(
                        "{c} is before the one-year probation from 入党时间 {a} ends (党章 art. 7)"
                    ),
                );
            }
        }
        if let Some(a) = admitted {
            if a > options.as_of {
                err(
                    "入党时间",
                    format!("{a} is after the roster date {}", options.as_of),
                );
            }
            if birth.is_some_and(|b| a.years_since(b).unwrap_or(0) < 18) {
                err(
                    "入党时间",
                    "the member would have been under 18 (党章 art. 1)".into(),
                );
            }
        }
        if converted.is_some_and(|c| c > options.as_of) {
            err(
                "转正时间",
                format!("is after the roster date {}", options.as_of),
            );
        }
        let id: CompactString = match cell("编号") {
            "" => format!("{}{:04}", options.id_prefix, rownum).into(),
            s if s.len() > 64 => {
                err("编号", "is longer than 64 bytes".into());
                CompactString::default()
            }
            s => s.into(),
        };
        let (Some(name), Some(gender), Some(birth), Some(education), Some(category), Some(branch)) =
            (name, gender, birth, education, category, branch)
        else {
            continue;
        };
        if errors.iter().any(|e| e.row == rownum) {
            continue;
        }
        let home_unit = match cell("工作单位") {
            "" => None,
            s => Some(CompactString::from(s)),
        };
        let skills = cell("特长")
            .split(['、', ',', '，', ';', '；'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(CompactString::from)
            .collect();
        out.members.push(MemberRecord {
            id: id.clone(),
            name,
            gender,
            birth_date: birth,
            ethnicity: cell("民族").into(),
            education,
            category,
            home_unit,
            id_number,
            phone,
            skills,
        });
        let status = if converted.is_some() {
            MembershipStatus::Full
        } else {
            MembershipStatus::Probationary
        };
        out.events.push(
            EventRecord::new(&id, options.as_of, EventType::TransferredIn)
                .branch(branch)
                .arriving(status, admitted, converted)
                .place("花名册导入"),
        );
    }
    if !errors.is_empty() {
        return Err(ImportError::Rows(errors));
    }
    Ok(out)
}

#[cfg(all(test, feature = "gb18030"))]
#[allow(clippy::unwrap_used)]
mod decode_tests {
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
