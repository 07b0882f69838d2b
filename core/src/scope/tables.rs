//! Scoped tables: statistics, compliance and score tables cut to what a scope may see.
//!
//! The statistics and compliance functions work on the whole registry; a branch secretary's
//! view of their results keeps only the rows about organizations of the scope. A table is cut
//! by its `org` column (per-organization tables) or its `branch` column (member lists). An
//! organization's row is visible when the organization lies in the scope's subtree and so does
//! the branch its members belong to (a group's parent branch); a scope rooted at a 党小组 sees
//! its own group's rows (issue 23: the group leader's view). A table with
//! neither column is refused ([`ScopeError::NotScopable`]): the scope fails closed.
//!
//! # Examples
//!
//! ```
//! use dangjian::stats::{membership, Rollup};
//! use dangjian::table::OwnedTable;
//! let reg = dangjian::Registry::sample_small();
//! let d = dangjian::chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
//! let t = membership(&reg, d, Rollup::Subtree);
//! assert_eq!(reg.scope("B2")?.restrict(&t)?.rows, 1); // B2's own row only
//! let bare = OwnedTable { name: "notes".into(), title_zh: "备注".into(), rows: 0, columns: vec![] };
//! assert_eq!(reg.scope("B2")?.restrict(&bare).unwrap_err().code(), "not_scopable");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use compact_str::CompactString;

use super::{Scope, ScopeError};
use crate::org::{OrgIdx, OrgKind};
use crate::scoring::{ScoreTable, SubjectKind};
use crate::table::{ColumnValues, OwnedColumn, OwnedTable, Table};

impl Scope<'_> {
    /// Whether the rows of organization `idx` are visible: `idx` and its members' branch (its
    /// parent, for a group) lie in the scope.
    fn org_rows_visible(&self, idx: OrgIdx) -> bool {
        if self.root.is_none() {
            return true;
        }
        let tree = self.reg.tree();
        let branch = match tree.get(idx).map(|r| r.kind) {
            Some(OrgKind::Group) => tree.parent(idx),
            Some(_) => Some(idx),
            None => None,
        };
        self.contains_org(idx)
            && (self.group_rooted() || branch.is_some_and(|b| self.contains_org(b)))
    }

    fn org_id_visible(&self, id: &str) -> bool {
        self.reg
            .tree()
            .index(id)
            .is_some_and(|i| self.org_rows_visible(i))
    }

    /// `table` (any statistics or compliance table) with only the rows this scope may see, as
    /// an owned table ready for [`crate::table::to_csv`] or the exports of
    /// [`crate::stats::export`]. Rows are kept by the `org` column, or for member lists by the
    /// `branch` column (a member with no branch on the date is not visible).
    ///
    /// ```
    /// use dangjian::stats::{membership, Rollup};
    /// use dangjian::synth::{sample_community, SAMPLE_AS_OF};
    /// let reg = sample_community().to_registry().unwrap();
    /// let t = membership(&reg, SAMPLE_AS_OF, Rollup::Subtree);
    /// let b1 = reg.scope("B1").unwrap().restrict(&t).unwrap();
    /// assert_eq!(b1.rows, 3); // B1 and its groups G11, G12
    /// ```
    pub fn restrict(&self, table: &dyn Table) -> Result<OwnedTable, ScopeError> {
        let mut owned = OwnedTable::copy_of(table);
        let key = owned
            .columns
            .iter()
            .find(|c| c.name == "org")
            .or_else(|| owned.columns.iter().find(|c| c.name == "branch"));
        let Some(OwnedColumn {
            values: ColumnValues::Str(keys),
            ..
        }) = key
        else {
            return Err(ScopeError::NotScopable {
                table: owned.name.clone(),
            });
        };
        let keep: Vec<bool> = keys.iter().map(|k| self.org_id_visible(k)).collect();
        for c in &mut owned.columns {
            retain_values(&mut c.values, &keep);
            if !c.suppressed.is_empty() {
                let mut k = keep.iter();
                c.suppressed.retain(|_| k.next().copied().unwrap_or(false));
            }
        }
        owned.rows = keep.iter().filter(|k| **k).count();
        Ok(owned)
    }

    /// The counted elections (from [`crate::compliance::Compliance::elections_counted`]) of
    /// organizations in this scope: a branch secretary sees the branch's own elections and
    /// those of organizations below it, not the community committee's.
    ///
    /// ```
    /// use dangjian::compliance::{Compliance, ElectionRules};
    /// let ds = dangjian::synth::sample_community();
    /// let reg = ds.to_registry().unwrap();
    /// let all = Compliance::from_dataset(&ds, &reg).unwrap()
    ///     .elections_counted(&reg, &ElectionRules::default()).unwrap();
    /// assert_eq!(reg.scope("Z").unwrap().elections(&all).len(), 1); // the founding election of Z
    /// assert!(reg.scope("B1").unwrap().elections(&all).is_empty());
    /// ```
    pub fn elections(
        &self,
        all: &[crate::compliance::CountedElection],
    ) -> Vec<crate::compliance::CountedElection> {
        let tree = self.reg.tree();
        all.iter()
            .filter(|e| {
                self.root.is_none() || tree.index(&e.org).is_some_and(|i| self.contains_org(i))
            })
            .cloned()
            .collect()
    }

    /// A score table (from [`crate::scoring::Scorer`]) cut to this scope: members ranked in a
    /// branch of the scope, or organizations of the scope (organization rule sets). The
    /// overall rank is recomputed among the rows kept, so it tells nothing about the rows
    /// left out; the rank within an organization is kept (the organization is in scope).
    ///
    /// ```
    /// use dangjian::scoring::{Mode, RuleSet, Scorer};
    /// let ds = dangjian::synth::sample_community();
    /// let reg = ds.to_registry().unwrap();
    /// let scorer = Scorer::new(&reg, &ds.activities, Mode::Strict).unwrap();
    /// let t = scorer.score(&RuleSet::member_default(), "2026-10".parse().unwrap()).unwrap().table;
    /// let b2 = reg.scope("B2").unwrap().scores(&t);
    /// assert!(b2.org.iter().all(|o| o.as_deref() == Some("B2")));
    /// assert!(b2.rank_overall.contains(&1));
    /// ```
    ///
    /// A scope rooted at a 党小组 keeps the members in the group on the period's last day, and
    /// ranks them among themselves (their rank in the branch would tell about members the
    /// group leader may not see).
    pub fn scores(&self, table: &ScoreTable) -> ScoreTable {
        let group = self.group_rooted();
        let last_day = table.period.last_day();
        let keep: Vec<bool> = (0..table.len())
            .map(|r| match table.subject_kind {
                SubjectKind::Member if group => table.subject.get(r).is_some_and(|s| {
                    self.reg
                        .member_index(s)
                        .and_then(|i| self.visible(i, last_day))
                        .is_some()
                }),
                SubjectKind::Member => table
                    .org
                    .get(r)
                    .and_then(|o| o.as_deref())
                    .is_some_and(|o| self.org_id_visible(o)),
                SubjectKind::Organization => {
                    table.subject.get(r).is_some_and(|s| self.org_id_visible(s))
                }
            })
            .collect();
        fn cut<T: Clone>(v: &[T], keep: &[bool]) -> Vec<T> {
            v.iter()
                .zip(keep)
                .filter(|(_, k)| **k)
                .map(|(x, _)| x.clone())
                .collect()
        }
        let total = cut(&table.total, &keep);
        let rank_overall: Vec<u32> = total
            .iter()
            .map(|t| 1 + total.iter().filter(|o| *o > t).count() as u32)
            .collect();
        let rank_in_org = if group {
            rank_overall.clone()
        } else {
            cut(&table.rank_in_org, &keep)
        };
        ScoreTable {
            rule_set: table.rule_set.clone(),
            rule_version: table.rule_version,
            period: table.period,
            subject_kind: table.subject_kind,
            grade_names: table.grade_names.clone(),
            subject: cut::<CompactString>(&table.subject, &keep),
            org: cut(&table.org, &keep),
            total,
            basic: cut(&table.basic, &keep),
            reward: cut(&table.reward, &keep),
            deduction: cut(&table.deduction, &keep),
            veto: cut(&table.veto, &keep),
            grade: cut(&table.grade, &keep),
            stars: cut(&table.stars, &keep),
            vetoed: cut(&table.vetoed, &keep),
            demoted: cut(&table.demoted, &keep),
            rank_in_org,
            rank_overall,
        }
    }
}

/// Keeps the values at the rows where `keep` is true.
fn retain_values(values: &mut ColumnValues, keep: &[bool]) {
    fn r<T>(v: &mut Vec<T>, keep: &[bool]) {
        let mut k = keep.iter();
        v.retain(|_| k.next().copied().unwrap_or(false));
    }
    match values {
        ColumnValues::U64(v) => r(v, keep),
        ColumnValues::OptU64(v) => r(v, keep),
        ColumnValues::I64(v) | ColumnValues::Fen(v) => r(v, keep),
        ColumnValues::OptFen(v) => r(v, keep),
        ColumnValues::Fixed(v) => r(v, keep),
        ColumnValues::OptFixed(v) => r(v, keep),
        ColumnValues::Bool(v) => r(v, keep),
        ColumnValues::Date(v) => r(v, keep),
        ColumnValues::OptDate(v) => r(v, keep),
        ColumnValues::Str(v) => r(v, keep),
    }
}
