//! The report workbook: one sheet per section with a short unique sheet name, the section's
//! title over a frozen header row of distinct Chinese headers, shares as percentages (a column
//! in basis points or per mille becomes an Excel percentage), and column widths that fit the
//! widest cell. The privacy layer ([`crate::stats::prepare`]) runs on every table first.
//!
//! # Examples
//!
//! ```
//! use calamine::Reader;
//! use dangjian::report::{MonthlyReport, ReportOptions, ReportTables};
//! use dangjian::stats::ExportOptions;
//! let ds = dangjian::io::Dataset::sample_small();
//! let reg = ds.to_registry()?;
//! let r = MonthlyReport::build_with(&ds, &reg, 2024, 3, &ReportOptions::default())?;
//! let tables = ReportTables::build(&ds, &reg, &r)?;
//! let bytes = tables.to_xlsx(&ExportOptions::form())?;
//! let book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))?;
//! let names: Vec<&str> = tables.sheets().iter().map(|(s, _)| *s).collect();
//! assert_eq!(book.sheet_names(), names);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::stats::ExportOptions;
use crate::table::{HeaderLang, OwnedTable, Table, XlsxOptions, SUPPRESSED_MARKER};

use super::ReportError;

/// Writes `sheets` (short sheet name, table) into one workbook after the privacy `options`.
pub(crate) fn write(
    sheets: &[(&str, &dyn Table)],
    options: &ExportOptions,
) -> Result<Vec<u8>, ReportError> {
    let prepared: Vec<(&str, OwnedTable)> = sheets
        .iter()
        .map(|(n, t)| Ok((*n, crate::stats::prepare(*t, options)?)))
        .collect::<Result<_, crate::stats::StatsError>>()?;
    write_prepared(&prepared).map_err(|e| ReportError::Stats(crate::stats::StatsError::Table(e)))
}

/// The prepared tables through the library's one cell writer ([`crate::table::to_xlsx_sheets`])
/// with Chinese headers and shares as percentages.
fn write_prepared(sheets: &[(&str, OwnedTable)]) -> Result<Vec<u8>, crate::table::TableError> {
    let refs: Vec<(&str, &dyn Table)> = sheets.iter().map(|(n, t)| (*n, t as &dyn Table)).collect();
    crate::table::to_xlsx_sheets(
        &refs,
        &XlsxOptions {
            header: HeaderLang::Zh,
            marker: SUPPRESSED_MARKER.into(),
            shares_as_percent: true,
        },
    )
}
