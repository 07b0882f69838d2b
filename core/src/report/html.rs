//! The monthly 通报 as one self-contained HTML page with a print stylesheet: A4, the
//! community's name and the month in the page header, page numbers in the footer (CSS paged
//! media, as Chromium prints them), table headers repeated on every page, and the CJK fonts of
//! Debian's packages (`fonts-noto-cjk`, `fonts-wqy-zenhei`, `fonts-arphic-uming`) named in
//! order. Print it from a browser, or `chromium --headless --print-to-pdf=report.pdf report.html`.
//!
//! ```
//! use dangjian::report::{MonthlyReport, ReportOptions};
//! let ds = dangjian::synth::sample_community();
//! let r = MonthlyReport::build(&ds, 2026, 10, &ReportOptions::default()).unwrap();
//! let html = r.render_html();
//! assert!(html.contains("size: A4"));
//! assert!(html.contains("counter(page)"));
//! assert!(html.contains("XF015")); // every member's row of the 积分通报
//! ```

use std::fmt::Write;

use super::{sections, MonthlyReport};
use crate::table::{cell_text, ColumnData, HeaderLang, Table, SUPPRESSED_MARKER};

/// Escapes text for HTML.
fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// A CSS string literal.
fn css_str(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                o.push('\\');
                o.push(c);
            }
            '\n' | '\r' => o.push(' '),
            c => o.push(c),
        }
    }
    o.push('"');
    o
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

/// Tables wider than this are turned for the A4 page: a row per column, a column per row.
const MAX_COLUMNS: usize = 14;

fn table_html(out: &mut String, t: &dyn Table) {
    let cols = t.columns();
    if cols.len() > MAX_COLUMNS && t.len() < cols.len() {
        return turned_html(out, t);
    }
    out.push_str("<table>\n<thead><tr>");
    for c in &cols {
        let _ = write!(out, "<th>{}</th>", esc(&c.label_zh));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for r in 0..t.len() {
        out.push_str("<tr>");
        for c in &cols {
            let text = cell_text(c, r, HeaderLang::Zh, SUPPRESSED_MARKER);
            if numeric(&c.data) {
                let _ = write!(out, "<td class=\"n\">{}</td>", esc(&text));
            } else {
                let _ = write!(out, "<td>{}</td>", esc(&text));
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// A wide table turned: the first text column (the organization's name) heads the columns.
fn turned_html(out: &mut String, t: &dyn Table) {
    let cols = t.columns();
    let cell = |c: &crate::table::Column<'_>, r: usize| {
        cell_text(c, r, HeaderLang::Zh, SUPPRESSED_MARKER).into_owned()
    };
    let key = cols
        .iter()
        .find(|c| c.name == "name" || c.name == "org_name")
        .or_else(|| cols.first());
    out.push_str("<table class=\"turned\">\n<thead><tr><th>项目</th>");
    for r in 0..t.len() {
        let _ = write!(
            out,
            "<th>{}</th>",
            esc(&key.map(|k| cell(k, r)).unwrap_or_default())
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for c in cols.iter().filter(|c| numeric(&c.data)) {
        let _ = write!(out, "<tr><th>{}</th>", esc(&c.label_zh));
        for r in 0..t.len() {
            let _ = write!(out, "<td class=\"n\">{}</td>", esc(&cell(c, r)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

const STYLE: &str = r#"
:root { --ink: #111; --rule: #888; --head: #e8edf6; }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "WenQuanYi Zen Hei", "AR PL UMing CN", serif;
       color: var(--ink); font-size: 10.5pt; line-height: 1.45; margin: 0 auto; max-width: 180mm; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 4mm; }
.sub { text-align: center; margin: 0 0 6mm; }
h2 { font-size: 13pt; margin: 6mm 0 2mm; border-bottom: 1px solid var(--rule); break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 1mm; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; font-size: 9pt; }
th, td { border: 0.5pt solid var(--rule); padding: 0.6mm 1.5mm; }
th { background: var(--head); font-weight: bold; }
table.turned tbody th { text-align: left; white-space: nowrap; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
pre { font-family: inherit; white-space: pre-wrap; margin: 1mm 0; }
p.none { color: #555; }
@page {
  size: A4;
  margin: 18mm 15mm 18mm 15mm;
  @bottom-center { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font-size: 9pt; }
}
@media print {
  body { max-width: none; }
  h2 { break-after: avoid-page; }
}
"#;

impl MonthlyReport {
    /// The report as one printable HTML page (A4, page numbers, the community's name and the
    /// month on every page); every section of [`MonthlyReport::render_text`], every member's
    /// row of the 积分通报 included. Names as in the text report.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::report::{MonthlyReport, ReportOptions};
    /// let ds = dangjian::io::Dataset::sample_small();
    /// let html = MonthlyReport::build(&ds, 2024, 3, &ReportOptions::default())?.render_html();
    /// assert!(html.starts_with("<!DOCTYPE html>"));
    /// assert!(html.contains("<title>示例社区 月度党建报告 2024年3月</title>"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn render_html(&self) -> String {
        // the one masking pass at the boundary: a phone or ID number typed into any free-text
        // field (an organization's or a post's name, a work unit) leaves masked (issue 17)
        crate::privacy::redact_personal(&self.render_html_unmasked())
    }

    fn render_html_unmasked(&self) -> String {
        let title = format!(
            "{} 月度党建报告 {}年{}月",
            self.community, self.year, self.month
        );
        let mut o = String::new();
        o.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
        let _ = writeln!(o, "<title>{}</title>", esc(&title));
        o.push_str("<style>");
        o.push_str(STYLE);
        // the running page header: the community and the month, in the top margin box
        let _ = writeln!(
            o,
            "@page {{ @top-center {{ content: {}; }} }}",
            css_str(&title)
        );
        o.push_str("</style>\n</head>\n<body>\n");
        let _ = writeln!(o, "<h1>{}</h1>", esc(&title));
        let _ = writeln!(o, "<p class=\"sub\">截至 {}</p>", self.as_of);
        let section = |o: &mut String, h: &str| {
            let _ = writeln!(o, "<h2>{}</h2>", esc(h));
        };
        section(&mut o, "一、党员队伍（按组织汇总）");
        table_html(&mut o, &sections::orgs(self));
        section(&mut o, "二、本月党员变动");
        let _ = writeln!(o, "<p>{}</p>", self.flows_sentence());
        section(&mut o, "三、组织建设提示");
        self.list_or_table(&mut o, self.findings.is_empty(), &sections::findings(self));
        section(&mut o, "四、发展党员与预备期（逾期及31天内到期）");
        self.list_or_table(
            &mut o,
            self.pipeline.is_empty(),
            &sections::pipeline_due(self),
        );
        section(&mut o, &format!("五、{}年光荣在党50年", self.year));
        self.list_or_table(&mut o, self.jubilee.is_empty(), &sections::jubilee(self));
        if let (Some(s), Some(t)) = (&self.scores, sections::leaderboard(self)) {
            section(&mut o, "六、积分考核通报");
            let first = s.to_text();
            if let Some(l) = first.lines().nth(1) {
                let _ = writeln!(o, "<p>{}</p>", esc(l));
            }
            table_html(&mut o, &t);
        }
        if let Some(t) = sections::coverage(self) {
            section(&mut o, "七、设岗定责：岗位认领情况");
            table_html(&mut o, &t);
        }
        if let Some(t) = sections::feedback(self) {
            section(&mut o, "八、在职党员到社区报到：向共建单位反馈");
            table_html(&mut o, &t);
        }
        if let Some(c) = &self.compliance {
            section(&mut o, "九、党费收缴与组织生活");
            let _ = writeln!(o, "<pre>{}</pre>", esc(&c.render_text()));
        }
        let st = &self.statistics;
        section(
            &mut o,
            &format!(
                "十、党员队伍结构（截至 {}，含下级组织）",
                st.membership.as_of
            ),
        );
        table_html(&mut o, &st.membership);
        section(
            &mut o,
            &format!("十一、党员增减（{} 成立至 {}）", st.founded, self.as_of),
        );
        table_html(&mut o, &st.flows_since_founding);
        section(&mut o, "十二、发展党员工作（各阶段人数）");
        table_html(&mut o, &st.pipeline);
        if let Some(t) = &st.scores {
            section(&mut o, "十三、本月积分分布");
            table_html(&mut o, t);
        }
        if let Some(t) = sections::elections(self) {
            section(&mut o, "十四、换届选举（各组织最近一次）");
            table_html(&mut o, &t);
        }
        o.push_str("</body>\n</html>\n");
        o
    }

    fn list_or_table(&self, o: &mut String, empty: bool, t: &dyn Table) {
        if empty {
            o.push_str("<p class=\"none\">无</p>\n");
        } else {
            table_html(o, t);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(esc("<a&'\">"), "&lt;a&amp;&#39;&quot;&gt;");
        assert_eq!(css_str("a\"b\\"), "\"a\\\"b\\\\\"");
    }
}
