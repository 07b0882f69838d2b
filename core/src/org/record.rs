//! One organization as a dataset stores it ([`OrgRecord`]).
//!
//! ```
//! use dangjian::org::{OrgKind, OrgRecord};
//! let json = r#"{"id": "B1", "name": "第一党支部", "kind": "branch", "parent": "Z",
//!                "founded": "2022-11-01", "elected": "2022-11-01", "has_committee": true}"#;
//! let b: OrgRecord = serde_json::from_str(json)?;
//! assert_eq!((b.kind, b.parent.as_deref()), (OrgKind::Branch, Some("Z")));
//! assert!(b.has_committee && b.dissolved.is_none());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::OrgKind;

/// The stable, user-facing identifier of an organization (e.g. `"B01"`).
///
/// # Examples
///
/// ```
/// use dangjian::org::{OrgId, OrgKind, OrgRecord};
/// let id = OrgId::from("B1");
/// let b = OrgRecord::new(&id, "第一党支部", OrgKind::Branch, None, dangjian::chrono::NaiveDate::MIN);
/// assert_eq!(b.id, "B1");
/// assert_eq!(b.id.as_str(), id.as_str());
/// ```
pub type OrgId = CompactString;

/// One organization as stored in a dataset.
///
/// An organization exists from `founded` (inclusive) until `dissolved` (exclusive).
/// `elected` is the date the current committee (or secretary) was elected, for term checks.
///
/// ```
/// use dangjian::org::{OrgKind, OrgRecord};
/// let b = OrgRecord::new("B1", "第一党支部", OrgKind::Branch, Some("Z"), "2022-11-01".parse().unwrap());
/// assert!(b.is_active("2023-01-01".parse().unwrap()));
/// assert!(!b.is_active("2022-10-31".parse().unwrap()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrgRecord {
    /// Stable identifier, unique in the dataset.
    #[schemars(with = "String")]
    pub id: OrgId,
    /// Display name (Chinese).
    #[schemars(with = "String")]
    pub name: CompactString,
    /// Kind of organization.
    pub kind: OrgKind,
    /// Parent organization id; `None` for a root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub parent: Option<OrgId>,
    /// Founding date (inclusive).
    pub founded: NaiveDate,
    /// Dissolution date (exclusive), if dissolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dissolved: Option<NaiveDate>,
    /// Date the current committee or secretary was elected (换届), for term checks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elected: Option<NaiveDate>,
    /// Whether a branch committee (支委会) has been set up, as opposed to a lone secretary.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub has_committee: bool,
    /// A 村 or 社区 organization (its descendants count as such too): from 2018-07 its term is
    /// 5 years whatever its kind (中办《关于党的基层组织任期的意见》, 2018).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub village_or_community: bool,
    /// The term in years chosen by the organization where the text in force gives a range (党章
    /// 2012: committees 3–5, branches 2 or 3; 党章 2017: 3–5); outside the range the nearest
    /// allowed value applies. Default: see [`crate::org::term_in_force`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_years: Option<u32>,
    /// Months of an approved extension (延期换届) of the term started by `elected`, at most 12
    /// (选举工作条例 2020: 一般不超过1年); a later election in the dataset starts a term without it.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub term_extension_months: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl OrgRecord {
    /// A new, undissolved organization with no election recorded.
    ///
    /// # Examples
    ///
    /// ```
    /// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// use dangjian::org::{OrgKind, OrgRecord};
    /// let b = OrgRecord::new("B5", "第五党支部", OrgKind::Branch, Some("Z"), d(2026, 7, 1)?);
    /// assert_eq!(b.parent.as_deref(), Some("Z"));
    /// assert_eq!((b.dissolved, b.elected, b.has_committee), (None, None, false));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        id: &str,
        name: &str,
        kind: OrgKind,
        parent: Option<&str>,
        founded: NaiveDate,
    ) -> Self {
        OrgRecord {
            id: id.into(),
            name: name.into(),
            kind,
            parent: parent.map(Into::into),
            founded,
            dissolved: None,
            elected: None,
            has_committee: false,
            village_or_community: false,
            term_years: None,
            term_extension_months: 0,
        }
    }

    /// Whether the organization exists on `date`.
    ///
    /// # Examples
    ///
    /// ```
    /// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// use dangjian::org::{OrgKind, OrgRecord};
    /// let mut g = OrgRecord::new("G9", "第九党小组", OrgKind::Group, Some("B1"), d(2023, 1, 1)?);
    /// g.dissolved = Some(d(2026, 1, 1)?); // exclusive: the last day is 2025-12-31
    /// assert!(g.is_active(d(2025, 12, 31)?));
    /// assert!(!g.is_active(d(2026, 1, 1)?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_active(&self, date: NaiveDate) -> bool {
        self.founded <= date && self.dissolved.is_none_or(|d| date < d)
    }
}
