//! The rule catalogue (规则目录): every published rule the library checks or computes, with a
//! stable code, its text (document, article, dates in force) and its parameters.
//!
//! A rule that changed over time has several [`RuleVersion`]s; the one that applies to a fact is
//! chosen by the date of that fact ([`RuleInfo::version_on`]), never by "today". The checks that
//! apply a rule name it by its code in every finding, so a secretary can look the code up here
//! (`dangjian rules`).
//!
//! ```
//! use dangjian::catalogue;
//! let all = catalogue::all();
//! assert!(!all.is_empty());
//! // Codes are unique.
//! let mut codes: Vec<&str> = all.iter().map(|r| r.code).collect();
//! codes.sort();
//! codes.dedup();
//! assert_eq!(codes.len(), all.len());
//! ```

mod appraisal;
mod development;
mod dues;
mod elections;
mod life;
mod members;
mod org;
mod practice;
mod scoring;
mod table;
mod transfers;

pub use table::{render_markdown, render_text, CatalogueTable};

use chrono::NaiveDate;
use serde::Serialize;

/// The area a rule belongs to (for grouping in `dangjian rules` and the docs).
///
/// # Examples
///
/// ```
/// use dangjian::catalogue::{find, Area};
/// let rule = find("art9_dues").ok_or("not in the catalogue")?;
/// assert_eq!(rule.area, Area::Dues);
/// assert_eq!(serde_json::to_string(&Area::OrganizationLife)?, "\"organization_life\"");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    /// 组织设置与任期: organization structure and terms of office.
    Organization,
    /// 党员与党龄: members, standing, discipline, honours.
    Members,
    /// 发展党员: the development pipeline.
    Development,
    /// 选举: elections.
    Elections,
    /// 党费: dues.
    Dues,
    /// 组织生活: organization life (三会一课, art. 9).
    OrganizationLife,
    /// 积分: points assessment (local configuration).
    Scoring,
    /// 社区实践: the seeds' practices (一帮一, service days, 联建, declared points).
    Practice,
}

impl Area {
    /// Chinese name of the area.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::catalogue::Area;
    /// assert_eq!(Area::Dues.zh(), "党费");
    /// assert_eq!(Area::OrganizationLife.zh(), "组织生活");
    /// ```
    pub fn zh(self) -> &'static str {
        match self {
            Area::Organization => "组织设置与任期",
            Area::Members => "党员与党龄",
            Area::Development => "发展党员",
            Area::Elections => "选举",
            Area::Dues => "党费",
            Area::OrganizationLife => "组织生活",
            Area::Scoring => "积分考核",
            Area::Practice => "社区实践",
        }
    }
}

/// The text a rule (version) comes from.
///
/// # Examples
///
/// ```
/// let rule = dangjian::catalogue::find("dues_salary_rate").ok_or("not in the catalogue")?;
/// let source = rule.versions[0].source;
/// assert!(source.document.contains("中组发〔2008〕3号"));
/// assert_eq!((source.article, source.adopted), ("一、党费的收缴", "2008-02-28"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Source {
    /// The document, e.g. `中国共产党章程（2022年修改）`.
    pub document: &'static str,
    /// The article or section, e.g. `第三十条`; empty when the rule is the document's as a whole.
    pub article: &'static str,
    /// The date the document was adopted or issued (`YYYY-MM-DD`), empty when unknown.
    pub adopted: &'static str,
}

/// One dated version of a rule: the text in force from `from` to `to` and its parameters.
///
/// # Examples
///
/// ```
/// let rule = dangjian::catalogue::find("art9_dues").ok_or("not in the catalogue")?;
/// assert_eq!(rule.versions.len(), 2);
/// let (v2017, v2022) = (rule.versions[0], rule.versions[1]);
/// assert_eq!((v2017.from, v2017.to), ("2017-10-24", "2022-10-21"));
/// assert_eq!((v2022.from, v2022.to), ("2022-10-22", "")); // still in force
/// assert!(v2022.parameters.starts_with("连续6个月"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleVersion {
    /// First day in force (`YYYY-MM-DD`); empty: since before any data the library keeps.
    pub from: &'static str,
    /// Last day in force (`YYYY-MM-DD`); empty: still in force.
    pub to: &'static str,
    /// The text.
    pub source: Source,
    /// The parameters in force, in Chinese (e.g. `基层委员会5年；总支部、支部3年；村、社区5年`).
    pub parameters: &'static str,
}

/// A rule of the catalogue.
///
/// # Examples
///
/// ```
/// use dangjian::catalogue::{find, Area};
/// let rule = find("branch_min_full_members").ok_or("not in the catalogue")?;
/// assert_eq!(rule.area, Area::Organization);
/// assert_eq!(rule.versions[0].parameters, "党支部正式党员不少于3人");
/// assert!(!rule.title_en.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleInfo {
    /// Stable code, named in every finding that applies the rule (`snake_case`).
    pub code: &'static str,
    /// Area.
    pub area: Area,
    /// The rule in one Chinese sentence.
    pub title: &'static str,
    /// The rule in one English sentence.
    pub title_en: &'static str,
    /// Whether local practice may configure it (points tables, accepted reasons …): the
    /// parameters are then the published defaults.
    pub configurable: bool,
    /// The versions, oldest first; at least one.
    pub versions: &'static [RuleVersion],
}

impl RuleInfo {
    /// The version in force on `date` (the date of the fact judged), if any.
    ///
    /// ```
    /// let r = dangjian::catalogue::find("term_expired").unwrap();
    /// let v = r.version_on(chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap()).unwrap();
    /// assert!(v.source.document.contains("章程"));
    /// ```
    pub fn version_on(&self, date: NaiveDate) -> Option<&'static RuleVersion> {
        self.versions.iter().find(|v| {
            let after_from = v.from.is_empty() || parse(v.from).is_some_and(|f| f <= date);
            let before_to = v.to.is_empty() || parse(v.to).is_some_and(|t| date <= t);
            after_from && before_to
        })
    }
}

fn parse(text: &str) -> Option<NaiveDate> {
    text.parse::<NaiveDate>().ok()
}

/// Every rule of the catalogue, grouped by area, in a fixed order.
///
/// # Examples
///
/// ```
/// use dangjian::catalogue::{all, Area};
/// let rules = all();
/// assert_eq!(rules[0].area, Area::Organization); // grouped by area, in a fixed order
/// let dues = rules.iter().filter(|r| r.area == Area::Dues).count();
/// assert_eq!(dues, 9);
/// assert!(rules.iter().all(|r| !r.versions.is_empty()));
/// ```
pub fn all() -> Vec<&'static RuleInfo> {
    [
        org::RULES,
        members::RULES,
        transfers::RULES,
        development::RULES,
        elections::RULES,
        dues::RULES,
        life::RULES,
        appraisal::RULES,
        scoring::RULES,
        practice::RULES,
    ]
    .iter()
    .flat_map(|rules| rules.iter())
    .collect()
}

/// The rule with `code`.
///
/// ```
/// assert!(dangjian::catalogue::find("no_such_rule").is_none());
/// ```
pub fn find(code: &str) -> Option<&'static RuleInfo> {
    all().into_iter().find(|r| r.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_snake_case_and_versions_well_formed() {
        let all = all();
        let mut seen = std::collections::HashSet::new();
        for r in &all {
            assert!(seen.insert(r.code), "duplicate code {}", r.code);
            assert!(
                r.code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{}",
                r.code
            );
            assert!(!r.versions.is_empty(), "{} has no version", r.code);
            let mut last_to: Option<NaiveDate> = None;
            for v in r.versions {
                let from = (!v.from.is_empty()).then(|| parse(v.from));
                let to = (!v.to.is_empty()).then(|| parse(v.to));
                assert!(
                    from.is_none_or(|f| f.is_some()),
                    "{}: bad from {}",
                    r.code,
                    v.from
                );
                assert!(
                    to.is_none_or(|t| t.is_some()),
                    "{}: bad to {}",
                    r.code,
                    v.to
                );
                if let (Some(Some(f)), Some(Some(t))) = (from, to) {
                    assert!(f <= t, "{}: from after to", r.code);
                }
                // Versions follow each other without overlap.
                if let (Some(prev), Some(Some(f))) = (last_to, from) {
                    assert!(prev < f, "{}: versions overlap", r.code);
                }
                last_to = to.flatten();
                assert!(!v.source.document.is_empty(), "{}: no document", r.code);
            }
        }
    }
}
