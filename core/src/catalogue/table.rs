//! The catalogue as a [`Table`] (one row per dated version) and as the Chinese text that
//! `dangjian rules` prints.
//!
//! ```
//! use dangjian::catalogue::{all, render_text, CatalogueTable};
//! use dangjian::table::Table;
//! let table = CatalogueTable::build();
//! let versions: usize = all().iter().map(|r| r.versions.len()).sum();
//! assert_eq!(table.len(), versions);
//! assert!(render_text(false).contains("【党费】"));
//! ```

use chrono::NaiveDate;

use super::{all, parse};
use crate::table::{Column, ColumnData, Role, Table};

/// The rule catalogue as a table: one row per dated version of each rule, in catalogue order.
///
/// ```
/// use dangjian::table::Table;
/// let t = dangjian::catalogue::CatalogueTable::build();
/// assert!(t.len() >= dangjian::catalogue::all().len());
/// assert_eq!(t.columns()[0].name, "code");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CatalogueTable {
    code: Vec<&'static str>,
    area: Vec<&'static str>,
    title: Vec<&'static str>,
    title_en: Vec<&'static str>,
    configurable: Vec<bool>,
    from: Vec<Option<NaiveDate>>,
    to: Vec<Option<NaiveDate>>,
    document: Vec<&'static str>,
    article: Vec<&'static str>,
    adopted: Vec<Option<NaiveDate>>,
    parameters: Vec<&'static str>,
}

impl CatalogueTable {
    /// The whole catalogue.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::catalogue::CatalogueTable;
    /// use dangjian::table::Table;
    /// let table = CatalogueTable::build();
    /// assert_eq!(table.name(), "rules");
    /// assert_eq!(table.title_zh(), "规则目录");
    /// assert!(table.len() > 60);
    /// ```
    pub fn build() -> Self {
        let mut t = CatalogueTable::default();
        for rule in all() {
            for v in rule.versions {
                t.code.push(rule.code);
                t.area.push(rule.area.zh());
                t.title.push(rule.title);
                t.title_en.push(rule.title_en);
                t.configurable.push(rule.configurable);
                t.from.push(parse(v.from));
                t.to.push(parse(v.to));
                t.document.push(v.source.document);
                t.article.push(v.source.article);
                t.adopted.push(parse(v.source.adopted));
                t.parameters.push(v.parameters);
            }
        }
        t
    }
}

impl Table for CatalogueTable {
    fn name(&self) -> &str {
        "rules"
    }

    fn title_zh(&self) -> String {
        "规则目录".into()
    }

    fn len(&self) -> usize {
        self.code.len()
    }

    fn columns(&self) -> Vec<Column<'_>> {
        let s = |v: &[&'static str]| ColumnData::Str(v.to_vec());
        vec![
            Column::new("code", "规则代码", Role::Key, s(&self.code)),
            Column::new("area", "类别", Role::Text, s(&self.area)),
            Column::new("title", "规则", Role::Text, s(&self.title)),
            Column::new("title_en", "规则（英文）", Role::Text, s(&self.title_en)),
            Column::new(
                "configurable",
                "可按本地规定配置",
                Role::Value,
                ColumnData::Bool(&self.configurable),
            ),
            Column::new(
                "from",
                "施行起",
                Role::Value,
                ColumnData::OptDate(&self.from),
            ),
            Column::new("to", "施行止", Role::Value, ColumnData::OptDate(&self.to)),
            Column::new("document", "依据文件", Role::Text, s(&self.document)),
            Column::new("article", "条款", Role::Text, s(&self.article)),
            Column::new(
                "adopted",
                "通过或印发日期",
                Role::Value,
                ColumnData::OptDate(&self.adopted),
            ),
            Column::new("parameters", "参数", Role::Text, s(&self.parameters)),
        ]
    }
}

/// The catalogue as the text `dangjian rules` prints: per area, each rule's code and sentence,
/// then each dated version with its source and parameters. `english` prints the English
/// sentence after the Chinese one.
///
/// ```
/// let text = dangjian::catalogue::render_text(false);
/// assert!(text.starts_with("规则目录"));
/// assert!(text.contains("term_expired"));
/// ```
pub fn render_text(english: bool) -> String {
    use std::fmt::Write as _;
    let rules = all();
    let mut out = format!("规则目录（共{}条规则）\n", rules.len());
    let mut area = None;
    for rule in rules {
        if area != Some(rule.area) {
            area = Some(rule.area);
            let _ = write!(out, "\n【{}】\n", rule.area.zh());
        }
        let conf = if rule.configurable {
            "（可按本地规定配置，以下为默认值）"
        } else {
            ""
        };
        let _ = writeln!(out, "{}  {}{}", rule.code, rule.title, conf);
        if english {
            let _ = writeln!(out, "    {}", rule.title_en);
        }
        for v in rule.versions {
            let span = match (v.from.is_empty(), v.to.is_empty()) {
                (true, true) => "自依据文件施行起".to_string(),
                (false, true) => format!("{} 起施行", v.from),
                (true, false) => format!("至 {} 止", v.to),
                (false, false) => format!("{} 至 {}", v.from, v.to),
            };
            let article = if v.source.article.is_empty() {
                String::new()
            } else {
                format!(" {}", v.source.article)
            };
            let _ = writeln!(
                out,
                "    {span}：{}{article}；{}",
                v.source.document, v.parameters
            );
        }
    }
    out
}

/// The catalogue as a Markdown table (one row per dated version), the block README.md and
/// `docs/rules.md` carry between `<!-- rules:begin -->` and `<!-- rules:end -->`; a test
/// checks both are the catalogue's (`DANGJIAN_BLESS=1 cargo test --test catalogue_docs`
/// rewrites them).
///
/// ```
/// let md = dangjian::catalogue::render_markdown();
/// assert!(md.starts_with("| 代码 |"));
/// ```
pub fn render_markdown() -> String {
    use std::fmt::Write as _;
    let cell = |s: &str| s.replace('|', "\\|");
    let mut out = String::from("| 代码 | 规则 | 施行 | 依据 | 参数 |\n|---|---|---|---|---|\n");
    for rule in all() {
        for v in rule.versions {
            let span = match (v.from.is_empty(), v.to.is_empty()) {
                (true, true) => "–".to_string(),
                (false, true) => format!("{} 起", v.from),
                (true, false) => format!("至 {}", v.to),
                (false, false) => format!("{} 至 {}", v.from, v.to),
            };
            let source = if v.source.article.is_empty() {
                v.source.document.to_string()
            } else {
                format!("{} {}", v.source.document, v.source.article)
            };
            let conf = if rule.configurable {
                "（可配置）"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "| `{}` | {}{} | {} | {} | {} |",
                rule.code,
                cell(rule.title),
                conf,
                span,
                cell(&source),
                cell(v.parameters)
            );
        }
    }
    out
}
