//! Spreadsheet rosters: `.xlsx` (and WPS `.et` saved as XLSX) read cell by cell, `.xls` (and
//! WPS `.et` in the compound-file format) read by calamine's BIFF reader.
//!
//! Work is bounded before anything is copied: the zip directory's declared sizes
//! ([`MAX_XLSX_UNCOMPRESSED_BYTES`]), each cell's text ([`MAX_ROSTER_CELL_BYTES`]), all the text
//! together ([`MAX_ROSTER_TEXT_BYTES`]) and the number of cells ([`MAX_ROSTER_CELLS`]), so a
//! small workbook whose one huge shared string is used by thousands of cells is refused with
//! `limit_exceeded` instead of exhausting memory.
//!
//! Whatever the bytes, the answer is records or a typed error:
//!
//! ```
//! use dangjian::io::{import_roster_xlsx, Entry, RosterOptions};
//! let reg = dangjian::Registry::sample_small();
//! let opts = RosterOptions::new("2024-01-01".parse()?).entry(Entry::TransferredIn);
//! // A zip archive that is not a workbook.
//! let err = import_roster_xlsx(b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", reg.tree(), &opts).unwrap_err();
//! assert_eq!(err.code(), "unreadable");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashSet;
use std::io::Read as _;

use calamine::{Data, DataRef, Reader, Sheet, SheetType, SheetVisible, Xls, Xlsx};

use super::values::excel_serial_date;
use super::{
    column_letters, limit, Grid, MAX_ROSTER_BYTES, MAX_ROSTER_CELLS, MAX_ROSTER_CELL_BYTES,
    MAX_ROSTER_COLUMNS, MAX_ROSTER_ROWS, MAX_ROSTER_TEXT_BYTES, MAX_ROW_ERRORS,
    MAX_XLSX_UNCOMPRESSED_BYTES,
};
use crate::io::ImportError;
use crate::privacy::redact_digits;

fn unreadable(e: &dyn std::fmt::Display) -> ImportError {
    ImportError::Unreadable(redact_digits(&e.to_string()))
}

/// The sheet to read: the one named, else the first visible worksheet.
fn choose_sheet(sheets: &[Sheet], wanted: Option<&str>) -> Result<String, ImportError> {
    let available = || sheets.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
    if let Some(w) = wanted {
        return sheets
            .iter()
            .find(|s| s.name == w || s.name.trim() == w.trim())
            .map(|s| s.name.clone())
            .ok_or_else(|| ImportError::SheetNotFound {
                sheet: w.to_string(),
                available: available(),
            });
    }
    sheets
        .iter()
        .find(|s| s.visible == SheetVisible::Visible && s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .ok_or_else(|| ImportError::SheetNotFound {
            sheet: String::new(),
            available: available(),
        })
}

/// Refuses an `.xlsx` whose parts would inflate beyond [`MAX_XLSX_UNCOMPRESSED_BYTES`], then
/// scans every worksheet part for shared-string indexes that are not whole numbers (`-1`,
/// `abc`: calamine would read them as string 0).
fn check_zip(bytes: &[u8]) -> Result<(), ImportError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        ImportError::Unreadable(format!(
            "不是 .xlsx 工作簿 (not an .xlsx workbook (zip archive): {e})"
        ))
    })?;
    let mut total: u64 = 0;
    let mut sheets = Vec::new();
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|e| ImportError::Unreadable(format!("zip entry #{i}: {e}")))?;
        total = total.saturating_add(entry.size());
        if total > MAX_XLSX_UNCOMPRESSED_BYTES {
            return Err(limit(
                "uncompressed bytes of the .xlsx parts",
                MAX_XLSX_UNCOMPRESSED_BYTES as usize,
                total.min(usize::MAX as u64) as usize,
            ));
        }
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        if name.starts_with("xl/worksheets/") && name.ends_with(".xml") {
            sheets.push(i);
        }
    }
    for i in sheets {
        let entry = zip.by_index(i).map_err(|e| unreadable(&e))?;
        let part = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        // at most the declared size (already bounded) is read
        let limited = entry.take(MAX_XLSX_UNCOMPRESSED_BYTES);
        scan_string_indexes(std::io::BufReader::new(limited), &part)?;
    }
    Ok(())
}

/// Streams a worksheet part and checks that the value of every shared-string cell (`t="s"`) is
/// a whole number.
fn scan_string_indexes(mut reader: impl std::io::BufRead, part: &str) -> Result<(), ImportError> {
    let mut scan = IndexScan {
        st: St::Out,
        pending: None,
        part,
    };
    loop {
        let buf = reader.fill_buf().map_err(|e| unreadable(&e))?;
        if buf.is_empty() {
            return Ok(());
        }
        let n = buf.len();
        for &b in buf {
            scan.feed(b)?;
        }
        reader.consume(n);
    }
}

/// Where the scanner of [`scan_string_indexes`] is.
enum St {
    Out,
    Tag(Vec<u8>),
    Value(Vec<u8>),
}

struct IndexScan<'a> {
    st: St,
    /// The reference of the open shared-string cell, if any.
    pending: Option<String>,
    part: &'a str,
}

/// The value of attribute `name` in a tag's text (whitespace normalized to spaces).
fn attr(tag: &[u8], name: &str) -> Option<String> {
    let text = String::from_utf8_lossy(tag);
    let pat = format!(" {name}=");
    let at = text.find(&pat)? + pat.len();
    let rest = text.get(at..)?;
    let q = rest.chars().next()?;
    let rest = rest.get(1..)?;
    Some(rest.get(..rest.find(q)?)?.to_string())
}

impl IndexScan<'_> {
    fn feed(&mut self, b: u8) -> Result<(), ImportError> {
        let st = std::mem::replace(&mut self.st, St::Out);
        self.st = match st {
            St::Out if b == b'<' => St::Tag(Vec::new()),
            St::Out => St::Out,
            St::Tag(t) if b == b'>' => self.tag(&t),
            St::Tag(mut t) => {
                if t.len() < 4096 {
                    t.push(b);
                }
                St::Tag(t)
            }
            St::Value(v) if b == b'<' => {
                let text = String::from_utf8_lossy(&v).trim().to_string();
                if text.is_empty() || !text.bytes().all(|c| c.is_ascii_digit()) {
                    return Err(ImportError::BadStringIndex {
                        part: self.part.to_string(),
                        cell: self.pending.take().unwrap_or_default(),
                        value: crate::privacy::echo_cut(&text, 11, 20),
                    });
                }
                self.pending = None;
                St::Tag(Vec::new())
            }
            St::Value(mut v) => {
                if v.len() < 64 {
                    v.push(b);
                }
                St::Value(v)
            }
        };
        Ok(())
    }

    /// A complete tag `<…>` (without the brackets).
    fn tag(&mut self, t: &[u8]) -> St {
        let is_c = t.first() == Some(&b'c')
            && matches!(t.get(1), None | Some(b' ' | b'/' | b'\t' | b'\n' | b'\r'));
        if is_c {
            let self_closing = t.last() == Some(&b'/');
            let norm: Vec<u8> = t
                .iter()
                .map(|c| if c.is_ascii_whitespace() { b' ' } else { *c })
                .collect();
            self.pending = (attr(&norm, "t").as_deref() == Some("s") && !self_closing)
                .then(|| attr(&norm, "r").unwrap_or_else(|| "?".into()));
            St::Out
        } else if t == b"v" && self.pending.is_some() {
            St::Value(Vec::new())
        } else {
            if t.starts_with(b"/c") && matches!(t.get(2), None | Some(b' ')) {
                self.pending = None;
            }
            St::Out
        }
    }
}

/// Collects cells into the grid, counting before copying.
struct Collector {
    grid: Grid,
    seen: HashSet<(u32, u32)>,
    text_bytes: usize,
    cells: usize,
}

impl Collector {
    fn new(grid: Grid) -> Self {
        Collector {
            grid,
            seen: HashSet::new(),
            text_bytes: 0,
            cells: 0,
        }
    }

    /// Checks a cell's position and text size before its text is copied.
    fn admit(&mut self, r: u32, c: u32, len: usize) -> Result<(), ImportError> {
        let (ru, cu) = (r as usize, c as usize);
        if ru >= MAX_ROSTER_ROWS {
            return Err(limit("roster rows", MAX_ROSTER_ROWS, ru + 1));
        }
        if cu >= MAX_ROSTER_COLUMNS {
            return Err(limit("roster columns", MAX_ROSTER_COLUMNS, cu + 1));
        }
        if len > MAX_ROSTER_CELL_BYTES {
            return Err(limit(
                "bytes of one cell's text",
                MAX_ROSTER_CELL_BYTES,
                len,
            ));
        }
        self.cells += 1;
        if self.cells > MAX_ROSTER_CELLS {
            return Err(limit("roster cells", MAX_ROSTER_CELLS, self.cells));
        }
        self.text_bytes = self.text_bytes.saturating_add(len);
        if self.text_bytes > MAX_ROSTER_TEXT_BYTES {
            return Err(limit(
                "bytes of cell text",
                MAX_ROSTER_TEXT_BYTES,
                self.text_bytes,
            ));
        }
        if !self.seen.insert((r, c)) {
            return Err(ImportError::DuplicateCell {
                sheet: self.grid.sheet.clone().unwrap_or_default(),
                cell: format!("{}{}", column_letters(c), r + 1),
            });
        }
        Ok(())
    }

    fn put(&mut self, r: u32, c: u32, text: String, numeric: bool) {
        let (r, c) = (r as usize, c as usize);
        let rows = &mut self.grid.rows;
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
        if numeric {
            self.grid.numeric.insert((r, c));
        }
    }
}

/// A number's text: whole numbers without `.0`.
fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// A date cell's text: the ISO date under the workbook's date system, else the raw serial (the
/// cell is numeric: the roster's date parser reports why the serial is no date).
fn datetime_text(serial: f64, date1904: bool) -> String {
    match excel_serial_date(serial, date1904) {
        Ok(d) => d.to_string(),
        Err(_) => number_text(serial),
    }
}

/// The cells of the chosen sheet of an `.xlsx` workbook.
pub(super) fn xlsx_grid(bytes: &[u8], sheet: Option<&str>) -> Result<Grid, ImportError> {
    if bytes.len() > MAX_ROSTER_BYTES {
        return Err(limit("roster file bytes", MAX_ROSTER_BYTES, bytes.len()));
    }
    check_zip(bytes)?;
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let date1904 = wb.has_1904_epoch();
    let name = choose_sheet(wb.sheets_metadata(), sheet)?;
    let merged: Vec<(u32, u32, u32, u32)> = wb
        .merge_cells_by_sheet_name(&name)
        .map_err(|e| unreadable(&e))?
        .iter()
        .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
        .collect();
    let mut col = Collector::new(Grid {
        sheet: Some(name.clone()),
        date1904,
        merged,
        ..Grid::default()
    });
    let mut cells = wb
        .worksheet_cells_reader(&name)
        .map_err(|e| unreadable(&e))?;
    while let Some(cell) = cells.next_cell_with_formula().map_err(|e| unreadable(&e))? {
        let (r, c) = cell.pos;
        let has_formula = cell.formula.as_ref().is_some_and(|f| !f.is_empty());
        // the size is checked on the borrowed text, before anything is copied
        let len = match &cell.value {
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.len(),
            DataRef::SharedString(s) => s.len(),
            _ => 32,
        };
        let empty = match &cell.value {
            DataRef::Empty => true,
            DataRef::String(s) => s.trim().is_empty(),
            DataRef::SharedString(s) => s.trim().is_empty(),
            _ => false,
        };
        if empty && !has_formula {
            continue;
        }
        col.admit(r, c, len)?;
        let numeric = matches!(
            cell.value,
            DataRef::Float(_) | DataRef::Int(_) | DataRef::DateTime(_)
        );
        let text = match cell.value {
            DataRef::Empty => String::new(),
            DataRef::String(s) => s,
            DataRef::SharedString(s) => s.to_owned(),
            DataRef::Float(f) => number_text(f),
            DataRef::Int(i) => i.to_string(),
            DataRef::Bool(b) => b.to_string(),
            DataRef::DateTime(d) => datetime_text(d.as_f64(), date1904),
            DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s,
            DataRef::Error(e) => format!("#ERROR {e:?}"),
        };
        // enough to report MAX_ROW_ERRORS even if the header row is all formulas
        if has_formula && col.grid.formulas.len() < MAX_ROW_ERRORS + MAX_ROSTER_COLUMNS {
            col.grid.formulas.push((r as usize, c as usize));
        }
        col.put(r, c, text, numeric);
    }
    Ok(col.grid)
}

/// The cells of the chosen sheet of an `.xls` workbook (BIFF8; WPS `.et` files in the
/// compound-file format are read the same way).
///
/// calamine reads every sheet of an `.xls` whole when it opens the file; the file size is
/// bounded by [`MAX_ROSTER_BYTES`] and a BIFF8 sheet by 65,536 × 256 cells.
pub(super) fn xls_grid(bytes: &[u8], sheet: Option<&str>) -> Result<Grid, ImportError> {
    if bytes.len() > MAX_ROSTER_BYTES {
        return Err(limit("roster file bytes", MAX_ROSTER_BYTES, bytes.len()));
    }
    let mut wb: Xls<_> = Xls::new(std::io::Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let date1904 = wb.has_1904_epoch();
    let name = choose_sheet(wb.sheets_metadata(), sheet)?;
    let merged: Vec<(u32, u32, u32, u32)> = wb
        .merge_cells_by_sheet_name(&name)
        .map_err(|e| unreadable(&e))?
        .iter()
        .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
        .collect();
    let range = wb.worksheet_range(&name).map_err(|e| unreadable(&e))?;
    let formulas = wb.worksheet_formula(&name).map_err(|e| unreadable(&e))?;
    let mut col = Collector::new(Grid {
        sheet: Some(name),
        date1904,
        merged,
        ..Grid::default()
    });
    for (r, c, f) in formulas.used_cells() {
        if !f.is_empty() && col.grid.formulas.len() < MAX_ROW_ERRORS + MAX_ROSTER_COLUMNS {
            let (r0, c0) = formulas.start().unwrap_or((0, 0));
            col.grid.formulas.push((r + r0 as usize, c + c0 as usize));
        }
    }
    let (r0, c0) = range.start().unwrap_or((0, 0));
    for (r, c, v) in range.used_cells() {
        let (r, c) = (r as u32 + r0, c as u32 + c0);
        let len = match v {
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.len(),
            _ => 32,
        };
        if matches!(v, Data::String(s) if s.trim().is_empty()) {
            continue;
        }
        col.admit(r, c, len)?;
        let numeric = matches!(v, Data::Float(_) | Data::Int(_) | Data::DateTime(_));
        let text = match v {
            Data::Empty => String::new(),
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
            Data::Float(f) => number_text(*f),
            Data::Int(i) => i.to_string(),
            Data::Bool(b) => b.to_string(),
            Data::DateTime(d) => datetime_text(d.as_f64(), date1904),
            Data::Error(e) => format!("#ERROR {e:?}"),
        };
        col.put(r, c, text, numeric);
    }
    Ok(col.grid)
}
