//! CSV rosters: UTF-8 (with or without BOM), UTF-16 (with a BOM, or without one when the text
//! is plainly UTF-16), GB18030 (GBK, as Chinese Excel saves "CSV").
//!
//! A roster saved as "Unicode text" (UTF-16) reads as its UTF-8 form does:
//!
//! ```
//! use dangjian::io::{import_roster_csv_with, Entry, RosterOptions};
//! let reg = dangjian::Registry::sample_small();
//! let opts = RosterOptions::new("2024-01-01".parse()?).entry(Entry::TransferredIn);
//! let text = "编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部\nR9,赵六,女,1990-01-02,汉族,本科,2015-06-01,2016-06-01,B1\n";
//! let mut utf16 = vec![0xff, 0xfe]; // little-endian, with its byte order mark
//! utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
//! let out = import_roster_csv_with(&utf16, reg.tree(), &opts, &|_| None)?;
//! assert_eq!(out.members[0].name.masked(), "赵*");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use super::{limit, Grid, MAX_ROSTER_BYTES, MAX_ROSTER_COLUMNS, MAX_ROSTER_ROWS};
use crate::io::ImportError;
use crate::privacy::redact_digits;

/// UTF-16 without a byte order mark, when every other byte of the first hundred code units is
/// zero in the ASCII positions (CSV punctuation: commas, newlines): `Some(true)` little-endian,
/// `Some(false)` big-endian.
fn bomless_utf16(bytes: &[u8]) -> Option<bool> {
    if bytes.len() < 4 || bytes.len() % 2 != 0 {
        return None;
    }
    let units: Vec<(u8, u8)> = bytes
        .chunks_exact(2)
        .take(100)
        .filter_map(|p| Some((*p.first()?, *p.get(1)?)))
        .collect();
    let ascii = |hi: u8, lo: u8| hi == 0 && matches!(lo, b',' | b'\n' | b'\r' | b'\t');
    let le = units.iter().filter(|(a, b)| ascii(*b, *a)).count();
    let be = units.iter().filter(|(a, b)| ascii(*a, *b)).count();
    match (le, be) {
        (l, 0) if l >= 2 => Some(true),
        (0, b) if b >= 2 => Some(false),
        _ => None,
    }
}

/// The text of roster bytes that are not UTF-8: a UTF-8 byte order mark leaves them malformed,
/// a UTF-16 one (`FF FE` little-endian, `FE FF` big-endian) selects UTF-16 (an odd length or an
/// unpaired surrogate is malformed), anything else is GB18030. `None`: malformed.
pub(super) fn non_utf8_text(
    bytes: &[u8],
    gb18030: &dyn Fn(&[u8]) -> Option<String>,
) -> Option<String> {
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

/// The cells of a CSV roster.
pub(super) fn csv_grid(
    bytes: &[u8],
    gb18030: &dyn Fn(&[u8]) -> Option<String>,
) -> Result<Grid, ImportError> {
    if bytes.len() > MAX_ROSTER_BYTES {
        return Err(limit("roster file bytes", MAX_ROSTER_BYTES, bytes.len()));
    }
    let bomless = match bomless_utf16(bytes) {
        Some(true) => Some([&[0xFF, 0xFE][..], bytes].concat()),
        Some(false) => Some([&[0xFE, 0xFF][..], bytes].concat()),
        None => None,
    };
    let text: std::borrow::Cow<'_, str> = match (std::str::from_utf8(bytes), bomless) {
        (Ok(s), None) => s.into(),
        (_, Some(b)) => non_utf8_text(&b, gb18030)
            .ok_or_else(|| ImportError::Unreadable("文件不是 UTF-16 文本 (the file is not UTF-16 text)".into()))?
            .into(),
        (Err(_), None) => non_utf8_text(bytes, gb18030)
            .ok_or_else(|| {
                ImportError::Unreadable(
                    "文件既不是 UTF-8 也不是 GB18030 文本 (the file is neither UTF-8 nor GB18030 text)".into(),
                )
            })?
            .into(),
    };
    let text = text.trim_start_matches('\u{feff}');
    // A tab-separated file (Excel's "Unicode text", UTF-16 with tabs) when the first line has
    // tabs and no commas.
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.contains('\t') && !first_line.contains(',') {
        b'\t'
    } else {
        b','
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut grid = Grid::default();
    for (i, rec) in rdr.records().enumerate() {
        if i >= MAX_ROSTER_ROWS {
            return Err(limit("roster rows", MAX_ROSTER_ROWS, i + 1));
        }
        let rec = rec.map_err(|e| {
            ImportError::Unreadable(redact_digits(&format!(
                "第{}行 (row {}): {e}",
                i + 1,
                i + 1
            )))
        })?;
        if rec.len() > MAX_ROSTER_COLUMNS
            && rec
                .iter()
                .skip(MAX_ROSTER_COLUMNS)
                .any(|c| !c.trim().is_empty())
        {
            return Err(limit("roster columns", MAX_ROSTER_COLUMNS, rec.len()));
        }
        grid.rows.push(
            rec.iter()
                .take(MAX_ROSTER_COLUMNS)
                .map(str::to_owned)
                .collect(),
        );
    }
    Ok(grid)
}
