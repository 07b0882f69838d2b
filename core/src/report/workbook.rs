//! The report workbook: one sheet per section with a short unique sheet name, the section's
//! title over a frozen header row of distinct Chinese headers, shares as percentages (a column
//! in basis points or per mille becomes an Excel percentage), and column widths that fit the
//! widest cell. The privacy layer ([`crate::stats::prepare`]) runs on every table first.

use std::borrow::Cow;

use crate::stats::ExportOptions;
use crate::table::{cell_text, ColumnData, HeaderLang, OwnedTable, Table, SUPPRESSED_MARKER};

use super::layout::width;
use super::ReportError;

/// How a column's numbers are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scale {
    /// As they are.
    Plain,
    /// Basis points (1/10000) shown as a percentage.
    BasisPoints,
    /// Per mille shown as a percentage.
    PerMille,
}

/// The header shown and the scale of a column: `出席率（万分比）` → `出席率`, percent; a
/// `…_permille` column → percent.
fn header_and_scale<'a>(name: &str, label: &'a str) -> (Cow<'a, str>, Scale) {
    for tag in ["（万分比）", "(万分比)", "（‱）"] {
        if let Some(base) = label.strip_suffix(tag) {
            return (Cow::Owned(format!("{base}（%）")), Scale::BasisPoints);
        }
    }
    for tag in ["（千分比）", "(千分比)", "（‰）"] {
        if let Some(base) = label.strip_suffix(tag) {
            return (Cow::Owned(format!("{base}（%）")), Scale::PerMille);
        }
    }
    if name.ends_with("_bp") {
        return (Cow::Owned(format!("{label}（%）")), Scale::BasisPoints);
    }
    if name.ends_with("_permille") {
        return (Cow::Owned(format!("{label}（%）")), Scale::PerMille);
    }
    (Cow::Borrowed(label), Scale::Plain)
}

/// Headers made distinct: a repeated header gets `（2）`, `（3）` …
fn distinct(headers: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(headers.len());
    for h in headers {
        let mut name = h.clone();
        let mut k = 2;
        while out.contains(&name) {
            name = format!("{h}（{k}）");
            k += 1;
        }
        out.push(name);
    }
    out
}

/// A sheet name Excel accepts (at most 31 characters, none of `[]:*?/\`), unique in `used`.
fn sheet_name(want: &str, used: &mut Vec<String>) -> String {
    let clean: String = want
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\' | '\''))
        .take(28)
        .collect();
    let base = if clean.trim().is_empty() {
        "表".to_string()
    } else {
        clean
    };
    let mut name = base.clone();
    let mut k = 2;
    while used.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
        name = format!("{base}{k}");
        k += 1;
    }
    used.push(name.clone());
    name
}

/// Writes `sheets` (short sheet name, table) into one workbook after the privacy `options`.
pub(crate) fn write(
    sheets: &[(&str, &dyn Table)],
    options: &ExportOptions,
) -> Result<Vec<u8>, ReportError> {
    let prepared: Vec<(&str, OwnedTable)> = sheets
        .iter()
        .map(|(n, t)| Ok((*n, crate::stats::prepare(*t, options)?)))
        .collect::<Result<_, crate::stats::StatsError>>()?;
    write_prepared(&prepared).map_err(|m| {
        ReportError::Stats(crate::stats::StatsError::Table(
            crate::table::TableError::Xlsx {
                table: "workbook".into(),
                message: m,
            },
        ))
    })
}

fn write_prepared(sheets: &[(&str, OwnedTable)]) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook};
    let xerr = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut wb = Workbook::new();
    let title_fmt = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Left)
        .set_align(FormatAlign::VerticalCenter);
    let head_fmt = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color(0xD9E1F2)
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let cell = Format::new().set_border(FormatBorder::Thin);
    let int_fmt = cell.clone().set_num_format("0");
    let money_fmt = cell.clone().set_num_format("#,##0.00");
    let fixed_fmt = cell.clone().set_num_format("0.###");
    let pct_fmt = cell.clone().set_num_format("0.0%");
    let pct2_fmt = cell.clone().set_num_format("0.00%");
    let date_fmt = cell.clone().set_num_format("yyyy-mm-dd");
    let mut used = Vec::new();
    for (want, table) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(want, &mut used)).map_err(xerr)?;
        let cols = table.columns();
        ws.write_string_with_format(0, 0, table.title_zh(), &title_fmt)
            .map_err(xerr)?;
        ws.set_row_height(0, 24).map_err(xerr)?;
        let heads: Vec<(String, Scale)> = cols
            .iter()
            .map(|c| {
                let (h, s) = header_and_scale(&c.name, &c.label_zh);
                (h.into_owned(), s)
            })
            .collect();
        let names = distinct(heads.iter().map(|(h, _)| h.clone()).collect());
        let mut widths: Vec<usize> = names.iter().map(|h| width(h)).collect();
        for (j, h) in names.iter().enumerate() {
            ws.write_string_with_format(1, j as u16, h, &head_fmt)
                .map_err(xerr)?;
        }
        for row in 0..table.len() {
            let r = u32::try_from(row + 2).map_err(|_| "too many rows".to_string())?;
            for (j, c) in cols.iter().enumerate() {
                let jj = j as u16;
                let scale = heads.get(j).map_or(Scale::Plain, |(_, s)| *s);
                let text = cell_text(c, row, HeaderLang::Zh, SUPPRESSED_MARKER);
                let shown_w = match scale {
                    Scale::Plain => width(&text),
                    _ => width(&text) + 2,
                };
                if let Some(w) = widths.get_mut(j) {
                    *w = (*w).max(shown_w);
                }
                if c.is_suppressed(row) {
                    ws.write_string_with_format(r, jj, SUPPRESSED_MARKER, &cell)
                        .map_err(xerr)?;
                    continue;
                }
                let mut num = |v: Option<f64>, f: &Format| -> Result<(), String> {
                    match v {
                        Some(v) => ws.write_number_with_format(r, jj, v, f).map(|_| ()),
                        None => ws.write_blank(r, jj, &cell).map(|_| ()),
                    }
                    .map_err(xerr)
                };
                let scaled = |x: f64| match scale {
                    Scale::Plain => x,
                    Scale::BasisPoints => x / 10_000.0,
                    Scale::PerMille => x / 1000.0,
                };
                let count_fmt = match scale {
                    Scale::Plain => &int_fmt,
                    Scale::BasisPoints => &pct2_fmt,
                    Scale::PerMille => &pct_fmt,
                };
                match &c.data {
                    ColumnData::U64(v) => num(v.get(row).map(|x| scaled(*x as f64)), count_fmt)?,
                    ColumnData::OptU64(v) => num(
                        v.get(row).copied().flatten().map(|x| scaled(x as f64)),
                        count_fmt,
                    )?,
                    ColumnData::I64(v) => num(v.get(row).map(|x| scaled(*x as f64)), count_fmt)?,
                    ColumnData::Fen(v) => num(v.get(row).map(|x| *x as f64 / 100.0), &money_fmt)?,
                    ColumnData::OptFen(v) => num(
                        v.get(row).copied().flatten().map(|x| x as f64 / 100.0),
                        &money_fmt,
                    )?,
                    ColumnData::Fixed(v) => {
                        num(v.get(row).map(|x| x.raw() as f64 / 1000.0), &fixed_fmt)?
                    }
                    ColumnData::OptFixed(v) => num(
                        v.get(row)
                            .copied()
                            .flatten()
                            .map(|x| x.raw() as f64 / 1000.0),
                        &fixed_fmt,
                    )?,
                    ColumnData::Date(_) | ColumnData::OptDate(_) => {
                        let d = match &c.data {
                            ColumnData::Date(v) => v.get(row).copied(),
                            ColumnData::OptDate(v) => v.get(row).copied().flatten(),
                            _ => None,
                        };
                        let xd = d.and_then(|d| {
                            use chrono::Datelike;
                            let y = u16::try_from(d.year()).ok()?;
                            ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8).ok()
                        });
                        match xd {
                            Some(xd) => ws
                                .write_datetime_with_format(r, jj, &xd, &date_fmt)
                                .map(|_| ()),
                            None => ws
                                .write_string_with_format(r, jj, text.as_ref(), &cell)
                                .map(|_| ()),
                        }
                        .map_err(xerr)?;
                        if let Some(w) = widths.get_mut(j) {
                            *w = (*w).max(10);
                        }
                    }
                    _ => ws
                        .write_string_with_format(r, jj, text.as_ref(), &cell)
                        .map(|_| ())
                        .map_err(xerr)?,
                }
            }
        }
        ws.set_freeze_panes(2, 0).map_err(xerr)?;
        for (j, w) in widths.iter().enumerate() {
            let w = (*w as f64 + 2.0).clamp(6.0, 60.0);
            ws.set_column_width(j as u16, w).map_err(xerr)?;
        }
        ws.set_row_height(1, 30).map_err(xerr)?;
    }
    wb.save_to_buffer().map_err(xerr)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn shares_become_percentages() {
        let (h, s) = header_and_scale("rate_bp", "收缴率（万分比）");
        assert_eq!((h.as_ref(), s), ("收缴率（%）", Scale::BasisPoints));
        let (h, s) = header_and_scale("college_permille", "大专以上占比");
        assert_eq!((h.as_ref(), s), ("大专以上占比（%）", Scale::PerMille));
    }

    #[test]
    fn headers_and_sheet_names_are_distinct() {
        assert_eq!(
            distinct(vec!["党员".into(), "党员".into(), "党员".into()]),
            vec!["党员", "党员（2）", "党员（3）"]
        );
        let mut used = Vec::new();
        assert_eq!(sheet_name("党员队伍", &mut used), "党员队伍");
        assert_eq!(sheet_name("党员队伍", &mut used), "党员队伍2");
    }
}
