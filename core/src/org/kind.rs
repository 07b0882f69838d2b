//! The kinds of party organization ([`OrgKind`]) and how they may nest.
//!
//! ```
//! use dangjian::org::OrgKind;
//! let kinds: Vec<&str> = OrgKind::ALL.iter().map(|k| k.label()).collect();
//! assert_eq!(kinds, ["党委", "党工委", "党总支", "党支部", "党小组"]);
//! assert_eq!(OrgKind::parse("党小组"), Some(OrgKind::Group));
//! ```

use serde::{Deserialize, Serialize};

/// The kind of a party organization.
///
/// Nesting (支部条例): a group (党小组) sits only inside a branch; a branch sits under a general
/// branch, a committee or a working committee (or at the top); general branches sit under
/// committees or working committees; committees and working committees nest in each other.
///
/// ```
/// use dangjian::org::OrgKind;
/// assert!(OrgKind::Group.may_sit_under(Some(OrgKind::Branch)));
/// assert!(!OrgKind::Group.may_sit_under(Some(OrgKind::GeneralBranch)));
/// assert_eq!(OrgKind::Branch.label(), "党支部");
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// 党委 / 基层党委: grassroots committee.
    Committee,
    /// 党工委: working committee of a sub-district or community administration.
    WorkingCommittee,
    /// 党总支: general branch.
    GeneralBranch,
    /// 党支部: branch, the unit every member belongs to.
    Branch,
    /// 党小组: group inside a branch.
    Group,
}

impl OrgKind {
    /// Every kind, from the top of a tree down.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::org::OrgKind;
    /// // Only a branch may hold groups.
    /// let hosts: Vec<OrgKind> = OrgKind::ALL.into_iter().filter(|k| OrgKind::Group.may_sit_under(Some(*k))).collect();
    /// assert_eq!(hosts, [OrgKind::Branch]);
    /// ```
    pub const ALL: [OrgKind; 5] = [
        OrgKind::Committee,
        OrgKind::WorkingCommittee,
        OrgKind::GeneralBranch,
        OrgKind::Branch,
        OrgKind::Group,
    ];

    /// Whether an organization of this kind may have a parent of kind `parent` (`None`: a root).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::org::OrgKind;
    /// assert!(OrgKind::Branch.may_sit_under(Some(OrgKind::GeneralBranch)));
    /// assert!(OrgKind::Branch.may_sit_under(None)); // a branch may stand alone
    /// assert!(!OrgKind::GeneralBranch.may_sit_under(Some(OrgKind::GeneralBranch)));
    /// assert!(!OrgKind::Group.may_sit_under(None));
    /// ```
    pub fn may_sit_under(self, parent: Option<OrgKind>) -> bool {
        use OrgKind::*;
        match (self, parent) {
            (Group, Some(Branch)) => true,
            (Group, _) => false,
            (_, None) => true,
            (
                Committee | WorkingCommittee | GeneralBranch | Branch,
                Some(Committee | WorkingCommittee),
            ) => true,
            (Branch, Some(GeneralBranch)) => true,
            _ => false,
        }
    }

    /// The Chinese display label.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::org::OrgKind;
    /// assert_eq!(OrgKind::GeneralBranch.label(), "党总支");
    /// assert_eq!(OrgKind::Group.to_string(), OrgKind::Group.label());
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            OrgKind::Committee => "党委",
            OrgKind::WorkingCommittee => "党工委",
            OrgKind::GeneralBranch => "党总支",
            OrgKind::Branch => "党支部",
            OrgKind::Group => "党小组",
        }
    }

    /// Parses a Chinese label or the snake_case identifier.
    ///
    /// ```
    /// use dangjian::org::OrgKind;
    /// assert_eq!(OrgKind::parse("党总支"), Some(OrgKind::GeneralBranch));
    /// assert_eq!(OrgKind::parse("branch"), Some(OrgKind::Branch));
    /// ```
    pub fn parse(s: &str) -> Option<OrgKind> {
        let s = s.trim();
        OrgKind::ALL
            .into_iter()
            .find(|k| k.label() == s || k.code() == s)
    }

    /// The snake_case identifier used in data files.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::org::OrgKind;
    /// assert_eq!(OrgKind::WorkingCommittee.code(), "working_committee");
    /// assert_eq!(serde_json::to_string(&OrgKind::WorkingCommittee)?, r#""working_committee""#);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            OrgKind::Committee => "committee",
            OrgKind::WorkingCommittee => "working_committee",
            OrgKind::GeneralBranch => "general_branch",
            OrgKind::Branch => "branch",
            OrgKind::Group => "group",
        }
    }
}

impl std::fmt::Display for OrgKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}
