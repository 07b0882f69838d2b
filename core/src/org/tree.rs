//! The validated organization tree ([`OrgTree`]), stored in pre-order.
//!
//! ```
//! let reg = dangjian::synth::sample_community().to_registry()?;
//! let tree = reg.tree();
//! let b1 = tree.require("B1")?;
//! let groups: Vec<&str> = tree.children(b1).filter_map(|i| tree.get(i)).map(|r| r.name.as_str()).collect();
//! assert_eq!(groups, ["第一党小组", "第二党小组"]);
//! assert_eq!(tree.subtree_ids("B1")?, ["B1", "G11", "G12"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;

use super::{OrgError, OrgId, OrgKind, OrgRecord};

/// Dense index of an organization in an [`OrgTree`]: its position in pre-order.
///
/// Because indices are assigned in pre-order, the subtree of `i` is the contiguous range
/// `i .. i + subtree_len(i)`; subtree queries cost nothing beyond the range itself, even for
/// millions of organizations.
///
/// # Examples
///
/// ```
/// # let reg = dangjian::synth::sample_community().to_registry()?;
/// # let tree = reg.tree();
/// use dangjian::org::OrgIdx;
/// let b2: OrgIdx = tree.require("B2")?;
/// // Pre-order: the subtree of B2 (itself and its two groups) is a contiguous range.
/// assert_eq!(tree.subtree(b2), 4..7);
/// assert_eq!(tree.get(b2).map(|r| r.id.as_str()), Some("B2"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub type OrgIdx = u32;

pub use crate::limits::MAX_ORGS;
pub use crate::limits::MAX_ORG_DEPTH;
pub use crate::limits::MAX_ORG_ID_LEN as MAX_ID_LEN;
pub use crate::limits::MAX_ORG_NAME_CHARS as MAX_NAME_CHARS;

/// A validated organization tree, stored in pre-order.
///
/// ```
/// use dangjian::org::{OrgKind, OrgRecord, OrgTree};
/// let d = "2020-01-01".parse().unwrap();
/// let tree = OrgTree::build(vec![
///     OrgRecord::new("B", "支部", OrgKind::Branch, Some("C"), d),
///     OrgRecord::new("C", "党委", OrgKind::Committee, None, d),
/// ]).unwrap();
/// let c = tree.index("C").unwrap();
/// assert_eq!(c, 0); // roots come first in pre-order
/// assert_eq!(tree.subtree(c), 0..2);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrgTree {
    records: Vec<OrgRecord>,
    parent: Vec<Option<OrgIdx>>,
    subtree_len: Vec<u32>,
    index: crate::hash::IdMap<OrgId, OrgIdx>,
}

impl OrgTree {
    /// Validates `records` (unique ids, known parents, allowed nesting, no cycles, dates in
    /// order and inside the parent's lifetime) and builds the tree. Children keep input order.
    ///
    /// # Examples
    ///
    /// ```
    /// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// use dangjian::org::{OrgKind, OrgRecord, OrgTree};
    /// let day = d(2022, 11, 1)?;
    /// let tree = OrgTree::build(vec![
    ///     OrgRecord::new("G1", "第一党小组", OrgKind::Group, Some("B1"), day),
    ///     OrgRecord::new("B1", "第一党支部", OrgKind::Branch, Some("Z"), day),
    ///     OrgRecord::new("Z", "翔凤社区党总支", OrgKind::GeneralBranch, None, day),
    /// ])?;
    /// // Any input order: the tree is stored parents first.
    /// let ids: Vec<&str> = tree.records().iter().map(|r| r.id.as_str()).collect();
    /// assert_eq!(ids, ["Z", "B1", "G1"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn build(records: Vec<OrgRecord>) -> Result<Self, OrgError> {
        if records.len() > MAX_ORGS {
            return Err(OrgError::TooMany {
                actual: records.len(),
                limit: MAX_ORGS,
            });
        }
        let mut pos: crate::hash::IdMap<OrgId, usize> = crate::hash::IdMap::default();
        pos.reserve(records.len());
        for (i, r) in records.iter().enumerate() {
            check_fields(i, r)?;
            if let Some(first) = pos.insert(r.id.clone(), i) {
                return Err(OrgError::DuplicateId {
                    id: r.id.clone(),
                    position: i,
                    first,
                });
            }
        }
        let n = records.len();
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut roots = Vec::new();
        for (i, r) in records.iter().enumerate() {
            let parent = match &r.parent {
                None => None,
                Some(p) => Some(*pos.get(p).ok_or_else(|| OrgError::UnknownParent {
                    id: r.id.clone(),
                    parent: p.clone(),
                })?),
            };
            let parent_rec = parent.and_then(|p| records.get(p));
            if !r.kind.may_sit_under(parent_rec.map(|p| p.kind)) {
                if let Some(p) = parent_rec {
                    return Err(OrgError::BadNesting {
                        id: r.id.clone(),
                        kind: r.kind,
                        parent: p.id.clone(),
                        parent_kind: p.kind,
                    });
                }
                return Err(OrgError::BadNesting {
                    id: r.id.clone(),
                    kind: r.kind,
                    parent: "(root)".into(),
                    parent_kind: r.kind,
                });
            }
            if let Some(d) = r.dissolved {
                if d <= r.founded {
                    return Err(OrgError::ReversedDates {
                        id: r.id.clone(),
                        founded: r.founded,
                        dissolved: d,
                    });
                }
            }
            if let Some(p) = parent_rec {
                let outlives = match (r.dissolved, p.dissolved) {
                    (_, None) => false,
                    (None, Some(_)) => true,
                    (Some(c), Some(pd)) => c > pd,
                };
                if r.founded < p.founded || outlives {
                    return Err(OrgError::OutlivesParent {
                        id: r.id.clone(),
                        parent: p.id.clone(),
                    });
                }
            }
            match parent.and_then(|p| children.get_mut(p)) {
                Some(c) => c.push(i),
                None => roots.push(i),
            }
        }
        // Pre-order walk from the roots; whatever is not reached sits on a cycle.
        let mut order: Vec<usize> = Vec::with_capacity(n);
        let mut stack: Vec<(usize, usize)> = roots.iter().rev().map(|&r| (r, 0)).collect();
        while let Some((i, depth)) = stack.pop() {
            if depth > MAX_ORG_DEPTH {
                return Err(OrgError::TooDeep {
                    id: records.get(i).map(|r| r.id.clone()).unwrap_or_default(),
                    limit: MAX_ORG_DEPTH,
                });
            }
            order.push(i);
            if let Some(c) = children.get(i) {
                stack.extend(c.iter().rev().map(|&c| (c, depth + 1)));
            }
        }
        if order.len() != n {
            let mut seen = vec![false; n];
            for &i in &order {
                if let Some(s) = seen.get_mut(i) {
                    *s = true;
                }
            }
            // The first unreached organization may only hang below a cycle: following its
            // parents n times surely lands on the cycle itself.
            let mut at = seen.iter().position(|s| !s);
            for _ in 0..n {
                at = at.and_then(|i| {
                    let p = records.get(i)?.parent.as_ref()?;
                    pos.get(p).copied()
                });
            }
            let on_cycle = at.and_then(|i| records.get(i));
            return Err(OrgError::Cycle {
                id: on_cycle.map(|r| r.id.clone()).unwrap_or_default(),
            });
        }
        let mut new_of_old = vec![0 as OrgIdx; n];
        for (new, &old) in order.iter().enumerate() {
            if let Some(slot) = new_of_old.get_mut(old) {
                *slot = new as OrgIdx;
            }
        }
        let mut slots: Vec<Option<OrgRecord>> = records.into_iter().map(Some).collect();
        let mut sorted = Vec::with_capacity(n);
        for &old in &order {
            if let Some(r) = slots.get_mut(old).and_then(Option::take) {
                sorted.push(r);
            }
        }
        let index: crate::hash::IdMap<OrgId, OrgIdx> = sorted
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i as OrgIdx))
            .collect();
        let parent: Vec<Option<OrgIdx>> = sorted
            .iter()
            .map(|r| r.parent.as_ref().and_then(|p| index.get(p).copied()))
            .collect();
        let mut subtree_len = vec![1u32; n];
        for i in (0..n).rev() {
            if let Some(p) = parent.get(i).copied().flatten() {
                let len = subtree_len.get(i).copied().unwrap_or(1);
                if let Some(pl) = subtree_len.get_mut(p as usize) {
                    *pl += len;
                }
            }
        }
        Ok(OrgTree {
            records: sorted,
            parent,
            subtree_len,
            index,
        })
    }

    /// Number of organizations.
    ///
    /// # Examples
    ///
    /// ```
    /// # let reg = dangjian::synth::sample_community().to_registry()?;
    /// # let tree = reg.tree();
    /// assert_eq!(tree.len(), 12); // a general branch, 4 branches, 7 groups
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether the tree has no organizations.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::org::OrgTree;
    /// assert!(OrgTree::build(vec![])?.is_empty());
    /// assert!(OrgTree::default().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Index of the organization with `id`.
    ///
    /// # Examples
    ///
    /// ```
    /// # let reg = dangjian::synth::sample_community().to_registry()?;
    /// # let tree = reg.tree();
    /// assert_eq!(tree.index("Z"), Some(0)); // the root comes first
    /// assert_eq!(tree.index("G11"), Some(2));
    /// assert_eq!(tree.index("B9"), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn index(&self, id: &str) -> Option<OrgIdx> {
        self.index.get(id).copied()
    }

    /// Index of `id`, or an [`OrgError::NotFound`].
    ///
    /// # Examples
    ///
    /// ```
    /// # let reg = dangjian::synth::sample_community().to_registry()?;
    /// # let tree = reg.tree();
    /// let b3 = tree.require("B3")?;
    /// assert_eq!(tree.kind(b3), Some(dangjian::org::OrgKind::Branch));
    /// assert_eq!(tree.require("B9").map_err(|e| e.code()), Err("org_not_found"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn require(&self, id: &str) -> Result<OrgIdx, OrgError> {
        self.index(id)
            .ok_or_else(|| OrgError::NotFound { id: id.into() })
    }

    /// The record at `idx`.
    ///
    /// # Examples
    ///
    /// ```
    /// # let reg = dangjian::synth::sample_community().to_registry()?;
    /// # let tree = reg.tree();
    /// let b1 = tree.get(1).ok_or("no organization")?;
    /// assert_eq!((b1.id.as_str(), b1.name.as_str()), ("B1", "第一党支部（居民）"));
    /// assert!(tree.get(99).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn get(&self, idx: OrgIdx) -> Option<&OrgRecord> {
        self.records.get(idx as usize)
    }

    /// All records, in pre-order.
    ///
    /// # Examples
    ///
    /// ```
    /// # let reg = dangjian::synth::sample_community().to_registry()?;
    /// # let tree = reg.tree();
    /// use dangjian::org::OrgKind;
    /// let groups = tree.records().iter().filter(|r| r.kind == OrgKind::Group).count();
    /// assert_eq!(groups, 7);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn records(&self) -> &[OrgRecord] {
        &self.records
    }

    /// Parent index of `idx`.
    ///
    /// # Examples
    ///
    /// ```
    /// # let reg = dangjian::synth::sample_community().to_registry()?;
    /// # let tree = reg.tree();
    /// let g11 = tree.require("G11")?;
    /// let up = tree.parent(g11).and_then(|p| tree.get(p)).map(|r| r.id.as_str());
    /// assert_eq!(up, Some("B1"));
    /// assert_eq!(tree.parent(0), None); // the root
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parent(&self, idx: OrgIdx) -> Option<OrgIdx> {
        self.parent.get(idx as usize).copied().flatten()
    }

    /// The pre-order range of `idx`'s subtree (itself included).
    ///
    /// # Examples
    ///
    /// ```
    /// # let reg = dangjian::synth::sample_community().to_registry()?;
    /// # let tree = reg.tree();
    /// let b1 = tree.require("B1")?;
    /// assert_eq!(tree.subtree(b1), 1..4); // B1, G11, G12
    /// let names: Vec<&str> = tree.records()[tree.subtree(b1)].iter().map(|r| r.id.as_str()).collect();
    /// assert_eq!(names, ["B1", "G11", "G12"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn subtree(&self, idx: OrgIdx) -> std::ops::Range<usize> {
        let start = idx as usize;
        // an index outside the tree (a caller's mistake, public API) is an empty range
        start..start + self.subtree_len.get(start).copied().unwrap_or(0) as usize
    }

    /// Ids of the subtree of `id` in pre-order.
    ///
    /// # Examples
    ///
    /// ```
    /// # let reg = dangjian::synth::sample_community().to_registry()?;
    /// # let tree = reg.tree();
    /// assert_eq!(tree.subtree_ids("B4")?, ["B4", "G41"]);
    /// assert!(tree.subtree_ids("B9").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn subtree_ids(&self, id: &str) -> Result<Vec<&str>, OrgError> {
        let i = self.require(id)?;
        Ok(self
            .records
            .get(self.subtree(i))
            .unwrap_or_default()
            .iter()
            .map(|r| r.id.as_str())
            .collect())
    }

    /// Whether `inner` lies in the subtree of `outer` (or is it).
    ///
    /// # Examples
    ///
    /// ```
    /// # let reg = dangjian::synth::sample_community().to_registry()?;
    /// # let tree = reg.tree();
    /// let (z, b1, g21) = (tree.require("Z")?, tree.require("B1")?, tree.require("G21")?);
    /// assert!(tree.contains(z, g21));
    /// assert!(!tree.contains(b1, g21)); // G21 is in the second branch
    /// assert!(tree.contains(b1, b1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn contains(&self, outer: OrgIdx, inner: OrgIdx) -> bool {
        self.subtree(outer).contains(&(inner as usize))
    }

    /// Direct children of `idx` (in pre-order).
    ///
    /// # Examples
    ///
    /// ```
    /// # let reg = dangjian::synth::sample_community().to_registry()?;
    /// # let tree = reg.tree();
    /// let z = tree.require("Z")?;
    /// let branches: Vec<&str> = tree.children(z).filter_map(|i| tree.get(i)).map(|r| r.id.as_str()).collect();
    /// assert_eq!(branches, ["B1", "B2", "B3", "B4"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn children(&self, idx: OrgIdx) -> impl Iterator<Item = OrgIdx> + '_ {
        let range = self.subtree(idx);
        let mut next = range.start + 1;
        std::iter::from_fn(move || {
            if next >= range.end {
                return None;
            }
            let c = next;
            next += self.subtree_len.get(c).copied().unwrap_or(1) as usize;
            Some(c as OrgIdx)
        })
    }

    /// Indices of organizations active on `date` whose ancestors are all active too: the tree as
    /// of that date.
    ///
    /// # Examples
    ///
    /// ```
    /// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// use dangjian::org::{OrgKind, OrgRecord, OrgTree};
    /// let mut b2 = OrgRecord::new("B2", "第二党支部", OrgKind::Branch, Some("Z"), d(2022, 11, 1)?);
    /// b2.dissolved = Some(d(2025, 1, 1)?);
    /// let tree = OrgTree::build(vec![
    ///     OrgRecord::new("Z", "翔凤社区党总支", OrgKind::GeneralBranch, None, d(2022, 11, 1)?),
    ///     OrgRecord::new("B1", "第一党支部", OrgKind::Branch, Some("Z"), d(2022, 11, 1)?),
    ///     b2,
    /// ])?;
    /// assert_eq!(tree.active_on(d(2024, 12, 31)?), [0, 1, 2]);
    /// assert_eq!(tree.active_on(d(2025, 1, 1)?), [0, 1]);
    /// assert!(tree.active_on(d(2022, 10, 31)?).is_empty()); // before the founding
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn active_on(&self, date: NaiveDate) -> Vec<OrgIdx> {
        (0..self.records.len() as OrgIdx)
            .filter(|&i| self.is_active(i, date))
            .collect()
    }

    /// Whether organization `idx` exists on `date`.
    ///
    /// # Examples
    ///
    /// ```
    /// # let reg = dangjian::synth::sample_community().to_registry()?;
    /// # let tree = reg.tree();
    /// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// let z = tree.require("Z")?;
    /// assert!(tree.is_active(z, d(2026, 10, 31)?));
    /// assert!(!tree.is_active(z, d(2022, 10, 31)?)); // founded 2022-11-01
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_active(&self, idx: OrgIdx, date: NaiveDate) -> bool {
        self.get(idx).is_some_and(|r| r.is_active(date))
    }

    /// Sums per-organization values over each subtree: `out[i] = Σ values[j]` for `j` in the
    /// subtree of `i`. Linear in the number of organizations.
    ///
    /// ```
    /// use dangjian::org::{OrgKind, OrgRecord, OrgTree};
    /// let d = "2020-01-01".parse().unwrap();
    /// let t = OrgTree::build(vec![
    ///     OrgRecord::new("Z", "总支", OrgKind::GeneralBranch, None, d),
    ///     OrgRecord::new("A", "一支部", OrgKind::Branch, Some("Z"), d),
    ///     OrgRecord::new("B", "二支部", OrgKind::Branch, Some("Z"), d),
    /// ]).unwrap();
    /// assert_eq!(t.rollup(&[0, 5, 7]), vec![12, 5, 7]);
    /// ```
    pub fn rollup(&self, values: &[u64]) -> Vec<u64> {
        let mut out: Vec<u64> = values.to_vec();
        out.resize(self.records.len(), 0);
        for i in (0..out.len()).rev() {
            if let (Some(p), Some(&v)) = (self.parent.get(i).copied().flatten(), out.get(i)) {
                if let Some(slot) = out.get_mut(p as usize) {
                    *slot += v;
                }
            }
        }
        out
    }

    /// The kind of `idx`.
    ///
    /// # Examples
    ///
    /// ```
    /// # let reg = dangjian::synth::sample_community().to_registry()?;
    /// # let tree = reg.tree();
    /// use dangjian::org::OrgKind;
    /// assert_eq!(tree.kind(0), Some(OrgKind::GeneralBranch));
    /// assert_eq!(tree.kind(tree.require("G41")?), Some(OrgKind::Group));
    /// assert_eq!(tree.kind(99), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn kind(&self, idx: OrgIdx) -> Option<OrgKind> {
        self.get(idx).map(|r| r.kind)
    }
}

fn check_fields(position: usize, r: &OrgRecord) -> Result<(), OrgError> {
    let bad = |field, reason| {
        Err(OrgError::BadField {
            position,
            field,
            reason,
        })
    };
    if r.id.trim().is_empty() {
        return bad("id", "is empty");
    }
    if r.id.len() > MAX_ID_LEN {
        return bad("id", "is longer than 64 bytes");
    }
    // Ids and names are printed into reports: no line breaks, zero-width or bidi characters
    // (crate::text).
    if crate::text::forbidden_char(&r.id).is_some() {
        return bad(
            "id",
            "含控制字符或格式字符（contains a control or format character）",
        );
    }
    if r.id.trim() != r.id.as_str() {
        return bad("id", "首尾有空白（has leading or trailing white space）");
    }
    if !crate::text::is_nfc(&r.id) {
        return bad("id", "不是 Unicode NFC 规范形式（is not in Unicode NFC）");
    }
    if r.name.trim().is_empty() {
        return bad("name", "is empty");
    }
    if crate::text::forbidden_char(&r.name).is_some() {
        return bad(
            "name",
            "含控制字符或格式字符（contains a control or format character）",
        );
    }
    if r.name.chars().count() > MAX_NAME_CHARS {
        return bad("name", "is longer than 200 characters");
    }
    let dates = [
        ("founded", Some(r.founded)),
        ("dissolved", r.dissolved),
        ("elected", r.elected),
    ];
    for (field, d) in dates {
        if d.is_some_and(|d| !crate::limits::date_in_range(d)) {
            return bad(field, "lies outside 1900-01-01 ..= 2199-12-31");
        }
    }
    Ok(())
}
