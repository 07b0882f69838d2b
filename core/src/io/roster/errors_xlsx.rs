//! The error list of a failed import as an Excel workbook, the way secretaries are used to
//! getting it back: the roster's own rows with every bad cell filled red and annotated, an
//! 错误说明 column at the end of each bad row, and a second sheet 错误清单 listing the errors
//! (row, column, code, masked value, reason).
//!
//! The workbook of a roster with a bad 性别 cell, to save beside the roster:
//!
//! ```
//! use dangjian::io::{import_roster_csv, roster_error_workbook, roster_errors_path, ImportError, RosterOptions};
//! let reg = dangjian::Registry::sample_small();
//! let opts = RosterOptions::new("2020-01-01".parse()?);
//! let csv = "编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部\nR9,赵六,?,1990-01-02,汉族,本科,2015-06-01,2016-06-01,B1\n";
//! let Err(ImportError::Rows(rows)) = import_roster_csv(csv.as_bytes(), reg.tree(), &opts) else {
//!     return Err("the roster should be refused".into());
//! };
//! let workbook = roster_error_workbook(csv.as_bytes(), &opts, &rows)?;
//! assert!(workbook.starts_with(b"PK"));
//! assert_eq!(roster_errors_path(std::path::Path::new("花名册.csv")), std::path::Path::new("花名册.错误.xlsx"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Color, Format, Note, Workbook};

use super::headers::{find_header_row, roster_field_of};
use super::{read_roster_grid, RosterFormat, RosterOptions};
use crate::io::{ImportError, RowError};

fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> ImportError {
    ImportError::Unreadable(format!(
        "写出错误清单失败 (writing the error workbook): {e}"
    ))
}

/// Where the error workbook of `roster` goes: beside it, `花名册.xlsx` → `花名册.错误.xlsx`.
///
/// ```
/// use dangjian::io::roster_errors_path;
/// let p = roster_errors_path(std::path::Path::new("/tmp/花名册.csv"));
/// assert_eq!(p, std::path::Path::new("/tmp/花名册.错误.xlsx"));
/// ```
pub fn roster_errors_path(roster: &Path) -> PathBuf {
    let stem = roster
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "花名册".into());
    roster.with_file_name(format!("{stem}.错误.xlsx"))
}

/// The error workbook of a roster whose import failed with `errors` (the rows of
/// [`ImportError::Rows`]): the roster as read (the sheet chosen by `options`), the bad cells
/// filled red with the reason as a note, a 错误说明 column, and the sheet 错误清单.
///
/// The first sheet copies the roster's own cells (it is the secretary's file, returned to
/// them); the 错误清单 sheet shows the masked values only.
///
/// ```
/// use dangjian::io::{import_roster_csv, roster_error_workbook, ImportError, RosterOptions};
/// let reg = dangjian::Registry::sample_small();
/// let opts = RosterOptions::new("2024-01-01".parse().unwrap());
/// let csv = "编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部\nR9,赵六,?,1990-01-02,汉族,本科,2015-06-01,2016-06-01,B1\n";
/// let Err(ImportError::Rows(rows)) = import_roster_csv(csv.as_bytes(), reg.tree(), &opts) else { panic!() };
/// let xlsx = roster_error_workbook(csv.as_bytes(), &opts, &rows).unwrap();
/// assert!(xlsx.starts_with(b"PK"));
/// ```
pub fn roster_error_workbook(
    roster: &[u8],
    options: &RosterOptions,
    errors: &[RowError],
) -> Result<Vec<u8>, ImportError> {
    let grid = read_roster_grid(
        roster,
        RosterFormat::sniff(roster),
        options.sheet.as_deref(),
    )?;
    let header_at = find_header_row(&grid.rows).unwrap_or(0);
    let header: &[String] = grid.rows.get(header_at).map(Vec::as_slice).unwrap_or(&[]);
    let column_of = |name: &str| -> Option<usize> {
        header
            .iter()
            .position(|h| roster_field_of(h) == Some(name) || h.trim() == name)
            .or_else(|| {
                name.strip_prefix('#')
                    .and_then(|n| n.parse::<usize>().ok())
                    .and_then(|n| n.checked_sub(1))
            })
    };
    let width = grid.rows.iter().map(Vec::len).max().unwrap_or(0);
    let note_col = width.min(usize::from(u16::MAX) - 1) as u16;
    let bad = Format::new().set_background_color(Color::RGB(0xFFC7CE));
    let bold = Format::new().set_bold();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("花名册（标注错误）").map_err(xlsx_err)?;
    for (r, row) in grid.rows.iter().enumerate() {
        let r = u32::try_from(r).unwrap_or(u32::MAX);
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r, c as u16, v).map_err(xlsx_err)?;
            }
        }
    }
    ws.write_string_with_format(
        u32::try_from(header_at).unwrap_or(0),
        note_col,
        "错误说明",
        &bold,
    )
    .map_err(xlsx_err)?;
    let mut by_row: std::collections::BTreeMap<usize, Vec<&RowError>> = Default::default();
    for e in errors {
        by_row.entry(e.row).or_default().push(e);
    }
    for (row, errs) in &by_row {
        let r = u32::try_from(row.saturating_sub(1)).unwrap_or(u32::MAX);
        let text: Vec<String> = errs
            .iter()
            .map(|e| format!("{}：{}", e.column, e.reason))
            .collect();
        ws.write_string_with_format(r, note_col, text.join("；"), &bad)
            .map_err(xlsx_err)?;
        for e in errs {
            let Some(c) = column_of(&e.column) else {
                continue;
            };
            let c = c.min(usize::from(u16::MAX)) as u16;
            let value = grid
                .rows
                .get(row.saturating_sub(1))
                .and_then(|x| x.get(usize::from(c)))
                .map_or("", String::as_str);
            ws.write_string_with_format(r, c, value, &bad)
                .map_err(xlsx_err)?;
            let note = Note::new(format!("[{}] {}", e.code, e.reason)).set_author("dangjian");
            // one note per cell: a second error in the same cell is in the 错误说明 column
            let _ = ws.insert_note(r, c, &note);
        }
    }
    let list = wb.add_worksheet();
    list.set_name("错误清单").map_err(xlsx_err)?;
    for (c, h) in ["行", "列", "错误代码", "值（已遮蔽）", "原因"]
        .iter()
        .enumerate()
    {
        list.write_string_with_format(0, c as u16, *h, &bold)
            .map_err(xlsx_err)?;
    }
    for (i, e) in errors.iter().enumerate() {
        let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
        list.write_number(r, 0, e.row as f64).map_err(xlsx_err)?;
        list.write_string(r, 1, &e.column).map_err(xlsx_err)?;
        list.write_string(r, 2, e.code).map_err(xlsx_err)?;
        list.write_string(r, 3, &e.value).map_err(xlsx_err)?;
        list.write_string(r, 4, &e.reason).map_err(xlsx_err)?;
    }
    list.set_column_width(4, 80).map_err(xlsx_err)?;
    wb.save_to_buffer().map_err(xlsx_err)
}
