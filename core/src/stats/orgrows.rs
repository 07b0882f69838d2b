//! The organization keys every per-organization table shares, the rollup choice, and exact
//! shares.
//!
//! ```
//! use dangjian::stats::{per_mille, pipeline, Rollup};
//! let reg = dangjian::Registry::sample_small();
//! let t = pipeline(&reg, "2024-06-01".parse()?, Rollup::Subtree);
//! assert_eq!(t.orgs.id, ["Z", "B1", "G1", "B2"]);
//! assert_eq!(per_mille(1, 4), Some(250));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::org::{OrgId, OrgIdx, OrgKind, OrgTree};
use crate::table::{Column, ColumnData, Role};

/// Whether a per-organization table counts each organization's own members only, or everything
/// in its subtree (the organization and all organizations under it).
///
/// # Examples
///
/// ```
/// use dangjian::stats::{membership, Rollup};
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// let direct = membership(&reg, d("2024-06-01"), Rollup::Direct);
/// let rolled = membership(&reg, d("2024-06-01"), Rollup::Subtree);
/// let z = direct.row_of("Z").unwrap();
/// assert_eq!((direct.counts.headcount[z], rolled.counts.headcount[z]), (0, 4)); // a 党总支 has no members of its own
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Rollup {
    /// Members counted in the organization itself: a member counts in their group (党小组) when
    /// assigned one, otherwise in their branch.
    Direct,
    /// The organization and its whole subtree (rolled up): a general branch's row covers all its
    /// branches and groups.
    #[default]
    Subtree,
}

impl Rollup {
    /// Chinese label.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::stats::Rollup;
    /// assert_eq!((Rollup::Direct.label(), Rollup::Subtree.label()), ("本级", "含下级"));
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            Rollup::Direct => "本级",
            Rollup::Subtree => "含下级",
        }
    }
}

/// The organization key columns shared by every per-organization table: which organizations
/// are rows (those active on the table's date, in pre-order), their ids, names and kinds, and
/// the row hierarchy used by small-cell suppression.
///
/// # Examples
///
/// ```
/// use dangjian::stats::{membership, Rollup};
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// let orgs = membership(&reg, d("2024-06-01"), Rollup::Subtree).orgs;
/// assert_eq!(orgs.id, ["Z", "B1", "G1", "B2"]); // pre-order
/// assert_eq!(orgs.parent_row, [None, Some(0), Some(1), Some(0)]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgColumns {
    /// Tree index of each row's organization.
    pub idx: Vec<OrgIdx>,
    /// Organization id.
    pub id: Vec<OrgId>,
    /// Organization name.
    pub name: Vec<CompactString>,
    /// Organization kind.
    pub kind: Vec<OrgKind>,
    /// Row of the parent organization, if it is a row.
    pub parent_row: Vec<Option<usize>>,
    /// Whether some child organization is not a row (inactive on the table's date).
    pub missing_child: Vec<bool>,
}

impl OrgColumns {
    /// The organizations of `tree` active on `date`, in pre-order.
    pub(crate) fn active(tree: &OrgTree, date: NaiveDate) -> OrgColumns {
        OrgColumns::of(tree, &tree.active_on(date))
    }

    /// The organizations `rows` (tree indices in pre-order) of `tree`.
    pub(crate) fn of(tree: &OrgTree, rows: &[OrgIdx]) -> OrgColumns {
        let mut out = OrgColumns::default();
        let mut row_of = vec![None; tree.len()];
        for &i in rows {
            if let Some(r) = tree.get(i) {
                if let Some(slot) = row_of.get_mut(i as usize) {
                    *slot = Some(out.idx.len());
                }
                out.idx.push(i);
                out.id.push(r.id.clone());
                out.name.push(r.name.clone());
                out.kind.push(r.kind);
            }
        }
        for &i in &out.idx {
            out.parent_row.push(
                tree.parent(i)
                    .and_then(|p| row_of.get(p as usize).copied().flatten()),
            );
            out.missing_child.push(
                tree.children(i)
                    .any(|c| row_of.get(c as usize).copied().flatten().is_none()),
            );
        }
        out
    }

    /// Appends the rows of `block` (e.g. one block of organizations per campaign), shifting its
    /// parent rows.
    pub(crate) fn append(&mut self, block: &OrgColumns) {
        let offset = self.idx.len();
        self.idx.extend(&block.idx);
        self.id.extend(block.id.iter().cloned());
        self.name.extend(block.name.iter().cloned());
        self.kind.extend(&block.kind);
        self.parent_row
            .extend(block.parent_row.iter().map(|p| p.map(|p| p + offset)));
        self.missing_child.extend(&block.missing_child);
    }

    /// Number of rows.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::stats::{membership, Rollup};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// assert_eq!(membership(&reg, d("2024-06-01"), Rollup::Subtree).orgs.len(), 4);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn len(&self) -> usize {
        self.idx.len()
    }

    /// Whether there are no rows.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::stats::{membership, OrgColumns, Rollup};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// assert!(!membership(&reg, d("2024-06-01"), Rollup::Subtree).orgs.is_empty());
    /// assert!(OrgColumns::default().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.idx.is_empty()
    }

    /// Picks the rows' values out of a per-organization vector (indexed by tree index).
    pub(crate) fn pick<T: Copy + Default>(&self, values: &[T]) -> Vec<T> {
        self.idx
            .iter()
            .map(|&i| crate::invariant::at(values, i as usize))
            .collect()
    }

    /// The three key columns: `org`, `org_name`, `org_kind`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::stats::{membership, Rollup};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let orgs = membership(&reg, d("2024-06-01"), Rollup::Subtree).orgs;
    /// let headers: Vec<String> = orgs.columns().iter().map(|c| c.label_zh.to_string()).collect();
    /// assert_eq!(headers, ["组织编号", "组织名称", "组织类别"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn columns(&self) -> Vec<Column<'_>> {
        vec![
            Column::new(
                "org",
                "组织编号",
                Role::Key,
                ColumnData::Str(self.id.iter().map(|s| s.as_str()).collect()),
            ),
            Column::new(
                "org_name",
                "组织名称",
                Role::Text,
                ColumnData::Str(self.name.iter().map(|s| s.as_str()).collect()),
            ),
            Column::new(
                "org_kind",
                "组织类别",
                Role::Text,
                ColumnData::Str(self.kind.iter().map(|k| k.label()).collect()),
            ),
        ]
    }

    /// Row hierarchy for suppression of a [`Rollup::Subtree`] table: each row's parent row, and
    /// whether a row's counts may exceed the sum of its child rows (`direct(kind)` says whether
    /// an organization of that kind can hold counts of its own; an inactive child also leaves a
    /// remainder). Rows of a [`Rollup::Direct`] table are independent: both vectors are empty.
    pub(crate) fn hierarchy(
        &self,
        rollup: Rollup,
        direct: impl Fn(OrgKind) -> bool,
    ) -> (Vec<Option<usize>>, Vec<bool>) {
        if rollup == Rollup::Direct {
            return (Vec::new(), Vec::new());
        }
        let remainder = self
            .kind
            .iter()
            .zip(&self.missing_child)
            .map(|(&k, &missing)| direct(k) || missing)
            .collect();
        (self.parent_row.clone(), remainder)
    }

    /// [`OrgColumns::hierarchy`] for tables of members, who are counted directly in branches and
    /// groups only.
    pub(crate) fn hierarchy_for_members(&self, rollup: Rollup) -> (Vec<Option<usize>>, Vec<bool>) {
        self.hierarchy(rollup, holds_members)
    }
}

/// Whether members can be counted directly in an organization of `kind` (branches and groups).
pub(crate) fn holds_members(kind: OrgKind) -> bool {
    matches!(kind, OrgKind::Branch | OrgKind::Group)
}

/// Sums per-organization values over subtrees when `rollup` is [`Rollup::Subtree`].
pub(crate) fn rolled(tree: &OrgTree, values: Vec<u64>, rollup: Rollup) -> Vec<u64> {
    match rollup {
        Rollup::Direct => values,
        Rollup::Subtree => tree.rollup(&values),
    }
}

/// Like [`rolled`] for signed values (money).
pub(crate) fn rolled_i64(tree: &OrgTree, values: Vec<i64>, rollup: Rollup) -> Vec<i64> {
    match rollup {
        Rollup::Direct => values,
        Rollup::Subtree => {
            let mut out = values;
            out.resize(tree.len(), 0);
            for i in (0..out.len()).rev() {
                if let (Some(p), Some(&v)) = (tree.parent(i as OrgIdx), out.get(i)) {
                    if let Some(slot) = out.get_mut(p as usize) {
                        *slot = slot.saturating_add(v);
                    }
                }
            }
            out
        }
    }
}

/// `num / den` in basis points (1/10000), rounded down; `None` when `den` is 0.
///
/// # Examples
///
/// ```
/// use dangjian::stats::basis_points;
/// assert_eq!(basis_points(1, 3), Some(3_333)); // rounded down
/// assert_eq!(basis_points(1, 0), None);
/// ```
pub fn basis_points(num: u64, den: u64) -> Option<u64> {
    if den == 0 {
        return None;
    }
    u64::try_from(u128::from(num) * 10_000 / u128::from(den)).ok()
}

/// `num / den` in per mille (1/1000), rounded half up; `None` when `den` is 0.
///
/// # Examples
///
/// ```
/// use dangjian::stats::per_mille;
/// assert_eq!(per_mille(1, 3), Some(333));
/// assert_eq!(per_mille(2, 3), Some(667)); // rounded half up
/// assert_eq!(per_mille(5, 0), None);
/// ```
pub fn per_mille(num: u64, den: u64) -> Option<u64> {
    if den == 0 {
        return None;
    }
    u64::try_from((u128::from(num) * 2_000 + u128::from(den)) / (2 * u128::from(den))).ok()
}

pub(crate) fn add(v: &mut [u64], i: Option<OrgIdx>, by: u64) {
    if let Some(slot) = i.and_then(|i| v.get_mut(i as usize)) {
        *slot += by;
    }
}

pub(crate) fn add_i64(v: &mut [i64], i: Option<OrgIdx>, by: i64) {
    if let Some(slot) = i.and_then(|i| v.get_mut(i as usize)) {
        *slot = slot.saturating_add(by);
    }
}
