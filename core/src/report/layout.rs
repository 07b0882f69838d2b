//! Text tables whose column widths come from the data: every column as wide as its widest cell
//! (CJK characters count two), two spaces between columns, numbers right-aligned — so numbers
//! never run together, however large.
//!
//! # Examples
//!
//! ```
//! use dangjian::report::{MonthlyReport, ReportOptions};
//! let ds = dangjian::io::Dataset::sample_small();
//! let text = MonthlyReport::build(&ds, 2024, 3, &ReportOptions::default())?.render_text();
//! // 示例社区党总支: 7 characters, 14 columns wide; the numbers end under their headings
//! assert!(text.contains(concat!(
//!     "组织            党员  正式  预备  本月增减\n",
//!     "示例社区党总支     4     3     1        +0\n",
//! )));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::table::{cell_text, ColumnData, HeaderLang, Table, SUPPRESSED_MARKER};

/// Display width, counting CJK and full-width characters as two columns.
pub(crate) fn width(s: &str) -> usize {
    crate::table::display_width(s)
}

/// Column alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    /// Text.
    Left,
    /// Numbers.
    Right,
}

/// Lays out `rows` under `header`, each line prefixed by `indent`.
pub(crate) fn grid(header: &[&str], align: &[Align], rows: &[Vec<String>], indent: &str) -> String {
    let n = header.len();
    let mut w: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for r in rows {
        for (j, c) in r.iter().enumerate().take(n) {
            if let Some(x) = w.get_mut(j) {
                *x = (*x).max(width(c));
            }
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut s = String::from(indent);
        for (j, c) in cells.enumerate() {
            let cw = w.get(j).copied().unwrap_or(0);
            let fill = " ".repeat(cw.saturating_sub(width(c)));
            if j > 0 {
                s.push_str("  ");
            }
            match align.get(j).copied().unwrap_or(Align::Left) {
                Align::Right => {
                    s.push_str(&fill);
                    s.push_str(c);
                }
                Align::Left => {
                    s.push_str(c);
                    if j + 1 < n {
                        s.push_str(&fill);
                    }
                }
            }
        }
        s.truncate(s.trim_end().len());
        s.push('\n');
        s
    };
    let mut out = line(&mut header.iter().copied());
    for r in rows {
        out.push_str(&line(&mut r.iter().map(String::as_str)));
    }
    out
}

/// Lays out every run of consecutive lines holding tabs as a table: the first cell of each line
/// left-aligned (its leading spaces kept, for indented organization names), the others
/// right-aligned, every column as wide as its widest cell, two spaces between columns. Lines
/// without tabs are left as they are.
pub(crate) fn align_tabs(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut block: Vec<Vec<String>> = Vec::new();
    let flush = |block: &mut Vec<Vec<String>>, out: &mut String| {
        if block.is_empty() {
            return;
        }
        let cols = block.iter().map(Vec::len).max().unwrap_or(0);
        let header: Vec<&str> = vec![""; cols];
        let mut align = vec![Align::Right; cols];
        if let Some(a) = align.first_mut() {
            *a = Align::Left;
        }
        let g = grid(&header, &align, block, "");
        // drop the empty header line grid() writes first
        out.push_str(g.split_once('\n').map_or("", |(_, rest)| rest));
        block.clear();
    };
    for line in text.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        if body.contains('\t') {
            block.push(body.split('\t').map(str::to_string).collect());
        } else {
            flush(&mut block, &mut out);
            out.push_str(line);
        }
    }
    flush(&mut block, &mut out);
    if !text.ends_with('\n') && out.ends_with('\n') {
        out.pop();
    }
    out
}

/// A cell for a tab-separated line: tabs and line breaks in names become spaces.
pub(crate) fn cell(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn numeric(d: &ColumnData<'_>) -> bool {
    matches!(
        d,
        ColumnData::U64(_)
            | ColumnData::OptU64(_)
            | ColumnData::U32(_)
            | ColumnData::U8(_)
            | ColumnData::I64(_)
            | ColumnData::Fen(_)
            | ColumnData::OptFen(_)
            | ColumnData::Fixed(_)
            | ColumnData::OptFixed(_)
    )
}

/// Any [`Table`] as text with its Chinese headers; `turned` puts one column per line (for
/// wide tables: a row per header, a column per organization).
pub(crate) fn table_text(t: &dyn Table, turned: bool) -> String {
    let cols = t.columns();
    let cell = |c: &crate::table::Column<'_>, r: usize| {
        cell_text(c, r, HeaderLang::Zh, SUPPRESSED_MARKER).into_owned()
    };
    if !turned {
        let header: Vec<&str> = cols.iter().map(|c| c.label_zh.as_ref()).collect();
        let align: Vec<Align> = cols
            .iter()
            .map(|c| {
                if numeric(&c.data) {
                    Align::Right
                } else {
                    Align::Left
                }
            })
            .collect();
        let rows: Vec<Vec<String>> = (0..t.len())
            .map(|r| cols.iter().map(|c| cell(c, r)).collect())
            .collect();
        return grid(&header, &align, &rows, "");
    }
    // turned: the first two key/text columns name the rows of the original table
    let heads: Vec<String> = (0..t.len())
        .map(|r| {
            cols.iter()
                .find(|c| c.name == "org_name")
                .or_else(|| cols.first())
                .map(|c| cell(c, r))
                .unwrap_or_default()
        })
        .collect();
    let mut header: Vec<&str> = vec!["项目"];
    header.extend(heads.iter().map(String::as_str));
    let mut align = vec![Align::Left];
    align.extend(heads.iter().map(|_| Align::Right));
    let rows: Vec<Vec<String>> = cols
        .iter()
        .filter(|c| numeric(&c.data))
        .map(|c| {
            let mut v = vec![c.label_zh.to_string()];
            v.extend((0..t.len()).map(|r| cell(c, r)));
            v
        })
        .collect();
    grid(&header, &align, &rows, "")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn tab_runs_become_tables() {
        let t = "标题\n组织\t党员\n  第一党支部（居民）\t1234567\nZ\t1\n尾\n";
        let s = align_tabs(t);
        assert_eq!(
            s,
            "标题\n组织                     党员\n  第一党支部（居民）  1234567\nZ                           1\n尾\n"
        );
    }

    #[test]
    fn numbers_never_touch() {
        let rows = vec![
            vec![
                "一个很长很长很长很长很长很长的组织名称".to_string(),
                "1234567".into(),
                "7654321".into(),
            ],
            vec!["短".to_string(), "1".into(), "2".into()],
        ];
        let s = grid(
            &["组织", "党员", "正式"],
            &[Align::Left, Align::Right, Align::Right],
            &rows,
            "",
        );
        assert!(s.contains("1234567  7654321"));
        assert!(s.contains("名称  1234567"));
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(width(lines[1]), width(lines[2]));
    }
}
