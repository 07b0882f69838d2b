//! Small-cell suppression with complementary suppression checked by exact linear algebra.
//!
//! Cells are the count cells of a table (rows × count columns). The table's [`Structure`] gives
//! the linear relations an attacker can use: per-row equations (`total = Σ parts`, the flow
//! identity) and the row hierarchy (`parent = Σ children + remainder` in every count column not
//! listed in `not_additive`), where a remainder is an unknown the table does not publish. The
//! relations must be true of the table (tests check this for every table of the library): the
//! guarantee and the termination argument below rest on it.
//!
//! 1. **Primary suppression**: every cell with `1 ≤ value < k`. Zeros are published.
//! 2. **Pairing**: until every relation has no withheld cell or at least two unknowns, withhold
//!    the best published cell (part columns before totals, leaf rows before parents, then the
//!    smallest value) of each relation whose only unknown is a withheld cell.
//! 3. **Audit**: the withheld cells are the unknowns of the relations (relations with a
//!    remainder are left out — exactly, since a remainder occurs in one relation only). A
//!    withheld cell is *disclosed* when these equations fix its value: when its unit vector lies
//!    in their row space. Sparse Gauss–Jordan elimination over the rationals (integer rows
//!    normalized by their gcd, pivoting on the least frequent unknowns first) brings the system
//!    to reduced row echelon form; a cell is disclosed iff its pivot row has no other entry.
//! 4. **Complementary suppression**: every disclosed cell gets the best published non-zero cell
//!    of a relation containing it withheld; pair up again and repeat the audit until nothing is
//!    disclosed.
//!
//! The loop ends: each round withholds at least one more non-zero cell, and once every non-zero
//! cell is withheld nothing can be disclosed (all right-hand sides are then zero, so the
//! all-zero assignment is a solution that differs from the true, non-zero value of every
//! withheld cell).
//!
//! # Examples
//!
//! ```
//! use dangjian::stats::{membership, suppression_mask, Rollup};
//! use dangjian::table::Table;
//! # let reg = dangjian::Registry::sample_small();
//! # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
//! // B1 3 = M1 + M3 full and M2 probationary: withholding the 1 alone would let it be read back
//! let t = membership(&reg, d("2024-06-01"), Rollup::Subtree);
//! let mask = suppression_mask(&t, 2)?;
//! let col = |name: &str| t.columns().iter().position(|c| c.name == name).unwrap();
//! assert!(mask[col("probationary")][1]);
//! assert!(mask[col("full")][1] || mask[col("headcount")][1]); // complementary suppression
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;

use crate::table::{Role, Structure, Table, TableError};

/// Index of an unknown: a cell (`row * cols + col`) or a remainder (`cells + k`).
type Var = usize;

/// A table's count cells and the relations among them.
#[derive(Debug, Clone)]
pub(crate) struct Grid {
    pub(crate) rows: usize,
    pub(crate) cols: usize,
    /// Column index in the table of each count column.
    pub(crate) table_col: Vec<usize>,
    /// Row-major values.
    pub(crate) values: Vec<u64>,
    /// Each equation: Σ coef · var = 0.
    equations: Vec<Vec<(Var, i64)>>,
    /// Count columns that are the total of a `total = Σ parts` relation.
    total_col: Vec<bool>,
    /// Rows with child rows.
    parent_row: Vec<bool>,
}

impl Grid {
    /// Reads the count cells and relations of `table`.
    pub(crate) fn of(table: &dyn Table) -> Result<Grid, TableError> {
        let cols = table.columns();
        let rows = table.len();
        let mut table_col = Vec::new();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        for (j, c) in cols.iter().enumerate() {
            if c.role == Role::Count {
                by_name.insert(c.name.to_string(), table_col.len());
                table_col.push(j);
            }
        }
        let nc = table_col.len();
        let mut values = vec![0u64; rows * nc];
        for (k, &j) in table_col.iter().enumerate() {
            if let Some(c) = cols.get(j) {
                for r in 0..rows {
                    if let Some(v) = values.get_mut(r * nc + k) {
                        *v = c.data.count_at(r).unwrap_or(0);
                    }
                }
            }
        }
        let s: Structure = table.structure();
        let name = |n: &str| {
            by_name
                .get(n)
                .copied()
                .ok_or_else(|| TableError::UnknownColumn {
                    table: table.name().into(),
                    column: n.into(),
                })
        };
        let mut equations = Vec::new();
        let mut total_col = vec![false; nc];
        for eq in &s.equations {
            if let ([t], [_, _, ..]) = (eq.left.as_slice(), eq.right.as_slice()) {
                if let Some(slot) = total_col.get_mut(name(t)?) {
                    *slot = true;
                }
            }
            let mut coef: HashMap<usize, i64> = HashMap::new();
            for n in &eq.left {
                *coef.entry(name(n)?).or_insert(0) += 1;
            }
            for n in &eq.right {
                *coef.entry(name(n)?).or_insert(0) -= 1;
            }
            let mut terms: Vec<(usize, i64)> = coef.into_iter().filter(|(_, c)| *c != 0).collect();
            crate::sort::sort(&mut terms);
            for r in 0..rows {
                equations.push(terms.iter().map(|&(k, c)| (r * nc + k, c)).collect());
            }
        }
        let mut hidden = 0;
        let mut parent_row = vec![false; rows];
        if !s.parent.is_empty() {
            if s.parent.len() != rows || (!s.remainder.is_empty() && s.remainder.len() != rows) {
                return Err(TableError::BadStructure {
                    table: table.name().into(),
                    expected: rows,
                    actual: s.parent.len(),
                });
            }
            let mut skip = vec![false; nc];
            for n in &s.not_additive {
                if let Some(slot) = skip.get_mut(name(n)?) {
                    *slot = true;
                }
            }
            let mut children: Vec<Vec<usize>> = vec![Vec::new(); rows];
            for (r, p) in s.parent.iter().enumerate() {
                if let Some(list) = p.and_then(|p| children.get_mut(p)) {
                    list.push(r);
                }
            }
            for (p, ch) in children.iter().enumerate() {
                if ch.is_empty() {
                    continue;
                }
                if let Some(slot) = parent_row.get_mut(p) {
                    *slot = true;
                }
                let rem = s.remainder.get(p).copied().unwrap_or(false);
                for k in 0..nc {
                    if crate::invariant::at(&skip, k) {
                        continue;
                    }
                    let mut eq: Vec<(Var, i64)> = vec![(p * nc + k, 1)];
                    eq.extend(ch.iter().map(|&c| (c * nc + k, -1)));
                    if rem {
                        eq.push((rows * nc + hidden, -1));
                        hidden += 1;
                    }
                    equations.push(eq);
                }
            }
        }
        Ok(Grid {
            rows,
            cols: nc,
            table_col,
            values,
            equations,
            total_col,
            parent_row,
        })
    }

    /// Preference of a cell as a complementary suppression (lower is better): part columns
    /// before totals, leaf rows before parent rows, then the smallest value, then position.
    fn rank(&self, v: Var) -> (u8, u64, Var) {
        let (r, c) = (v / self.cols.max(1), v % self.cols.max(1));
        let total = crate::invariant::at(&self.total_col, c) as u8;
        let parent = crate::invariant::at(&self.parent_row, r) as u8;
        (total + parent, crate::invariant::at(&self.values, v), v)
    }

    /// The best published non-zero cell among `vars`.
    fn best(&self, vars: impl Iterator<Item = Var>, sup: &[bool]) -> Option<Var> {
        let n = self.cells();
        // A published non-zero cell first; a zero only when no other is left (a withheld zero
        // of a row below k, see `suppress`, may need a zero beside it to stay hidden).
        vars.filter(|&v| v < n && !sup.get(v).copied().unwrap_or(true))
            .min_by_key(|&v| (self.values.get(v).is_none_or(|x| *x == 0), self.rank(v)))
    }

    /// Local phase: until every relation has no withheld cell or at least two unknowns, withhold
    /// the best published cell of each relation whose only unknown is a withheld cell.
    fn pair_up(&self, sup: &mut [bool]) {
        let n = self.cells();
        loop {
            let mut changed = false;
            for eq in &self.equations {
                let mut unknowns = eq
                    .iter()
                    .filter(|&&(v, _)| v >= n || crate::invariant::at(sup, v));
                let (Some(&(only, _)), None) = (unknowns.next(), unknowns.next()) else {
                    continue;
                };
                if only >= n {
                    continue;
                }
                if let Some(c) = self.best(eq.iter().map(|t| t.0), sup) {
                    if let Some(slot) = sup.get_mut(c) {
                        *slot = true;
                        changed = true;
                    }
                }
            }
            if !changed {
                return;
            }
        }
    }

    fn cells(&self) -> usize {
        self.rows * self.cols
    }

    /// The cells to withhold so that no cell below `k` is disclosed: primary plus complementary.
    pub(crate) fn suppress(&self, k: u64) -> Vec<bool> {
        let n = self.cells();
        let mut sup: Vec<bool> = self.values.iter().map(|&v| v >= 1 && v < k).collect();
        // A row whose largest count is below k describes fewer than k people: its zeros would
        // tell what they are not (a one-member branch's 0 minorities), so none is published.
        if self.cols > 0 {
            for (row, vals) in self.values.chunks(self.cols).enumerate() {
                let max = vals.iter().copied().max().unwrap_or(0);
                if (1..k).contains(&max) {
                    for c in 0..self.cols {
                        if let Some(s) = sup.get_mut(row * self.cols + c) {
                            *s = true;
                        }
                    }
                }
            }
        }
        if !sup.iter().any(|s| *s) {
            return sup;
        }
        // Which equations each cell appears in.
        let mut occurs: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (e, eq) in self.equations.iter().enumerate() {
            for &(v, _) in eq {
                if let Some(o) = occurs.get_mut(v) {
                    o.push(e);
                }
            }
        }
        self.pair_up(&mut sup);
        loop {
            let disclosed = self.disclosed(&sup);
            if disclosed.is_empty() {
                return sup;
            }
            // Fix every disclosed cell with the best published cell of a relation containing
            // it (cells disclosed by the same relations usually pick the same complement), then
            // pair up again and re-audit.
            let mut added = false;
            for &j in &disclosed {
                let eqs_j = occurs.get(j).map(Vec::as_slice).unwrap_or(&[]);
                let pick = self.best(
                    eqs_j
                        .iter()
                        .filter_map(|&e| self.equations.get(e))
                        .flatten()
                        .map(|t| t.0),
                    &sup,
                );
                if let Some(slot) = pick.and_then(|v| sup.get_mut(v)) {
                    *slot = true;
                    added = true;
                }
            }
            if !added {
                // No relation of a disclosed cell has a published non-zero cell left: withhold
                // the best published cell of any relation touching a withheld cell.
                let pick = self.best(
                    self.equations
                        .iter()
                        .filter(|eq| {
                            // a remainder variable (index ≥ the cells) is never withheld
                            eq.iter()
                                .any(|&(v, _)| sup.get(v).copied().unwrap_or(false))
                        })
                        .flatten()
                        .map(|t| t.0),
                    &sup,
                );
                match pick.and_then(|v| sup.get_mut(v)) {
                    Some(slot) => *slot = true,
                    None => return sup,
                }
            }
            self.pair_up(&mut sup);
        }
    }

    /// The withheld cells whose value the published cells and the relations determine: the
    /// relations restricted to the withheld cells, in reduced row echelon form (sparse
    /// Gauss–Jordan elimination, see [`determined`]). Relations with a remainder are left out —
    /// exactly: a remainder occurs in that relation only, so no combination of relations that
    /// uses it can fix a cell.
    pub(crate) fn disclosed(&self, sup: &[bool]) -> Vec<usize> {
        let n = self.cells();
        let eqs: Vec<Vec<(Var, i64)>> = self
            .equations
            .iter()
            .filter(|eq| eq.iter().all(|&(v, _)| v < n))
            .map(|eq| {
                eq.iter()
                    .copied()
                    .filter(|&(v, _)| crate::invariant::at(sup, v))
                    .collect::<Vec<_>>()
            })
            .filter(|eq: &Vec<(Var, i64)>| !eq.is_empty())
            .collect();
        match determined(&eqs) {
            Some(v) => v,
            // Overflow: every withheld cell counts as disclosed (safe).
            None => {
                let mut all: Vec<Var> = eqs.iter().flatten().map(|t| t.0).collect();
                crate::sort::sort(&mut all);
                all.dedup();
                all
            }
        }
    }
}

/// A sparse row: (column, coefficient), sorted by column.
type Row = Vec<(u32, i128)>;

/// `a·x − b·y` of two sparse rows, divided by the gcd of its coefficients; `None` on overflow.
fn combine(x: &Row, a: i128, y: &Row, b: i128) -> Option<Row> {
    let mut out: Row = Vec::with_capacity(x.len() + y.len());
    let (mut i, mut j) = (0, 0);
    loop {
        let (cx, cy) = (x.get(i), y.get(j));
        let (col, v) = match (cx, cy) {
            (None, None) => break,
            (Some(&(c, u)), None) => {
                i += 1;
                (c, u.checked_mul(a)?)
            }
            (None, Some(&(c, w))) => {
                j += 1;
                (c, w.checked_mul(b)?.checked_neg()?)
            }
            (Some(&(c1, u)), Some(&(c2, w))) => {
                if c1 < c2 {
                    i += 1;
                    (c1, u.checked_mul(a)?)
                } else if c2 < c1 {
                    j += 1;
                    (c2, w.checked_mul(b)?.checked_neg()?)
                } else {
                    i += 1;
                    j += 1;
                    (c1, u.checked_mul(a)?.checked_sub(w.checked_mul(b)?)?)
                }
            }
        };
        if v != 0 {
            out.push((col, v));
        }
    }
    let g = out.iter().fold(0i128, |g, &(_, v)| gcd(g, v));
    if g > 1 {
        for t in out.iter_mut() {
            t.1 /= g;
        }
    }
    Some(out)
}

fn coef(row: &Row, col: u32) -> Option<i128> {
    row.binary_search_by_key(&col, |t| t.0)
        .ok()
        .and_then(|k| row.get(k))
        .map(|t| t.1)
}

/// The unknowns whose value a homogeneous linear system fixes: Gauss–Jordan elimination over the
/// rationals with sparse integer rows, pivoting on the unknowns with the fewest occurrences first
/// (leaves of tree-shaped systems cause no fill-in); an unknown is fixed iff its pivot row has
/// no other entry. `None` on arithmetic overflow.
fn determined(eqs: &[Vec<(Var, i64)>]) -> Option<Vec<Var>> {
    let mut vars: Vec<Var> = eqs.iter().flatten().map(|t| t.0).collect();
    crate::sort::sort(&mut vars);
    vars.dedup();
    let id = |v: Var| vars.binary_search(&v).ok().map(|i| i as u32);
    let mut rows: Vec<Row> = Vec::with_capacity(eqs.len());
    for eq in eqs {
        let mut r: Row = Vec::with_capacity(eq.len());
        for &(v, c) in eq {
            if let Some(i) = id(v) {
                r.push((i, i128::from(c)));
            }
        }
        r.sort_unstable_by_key(|t| t.0);
        r.dedup_by(|b, a| {
            if a.0 == b.0 {
                a.1 += b.1;
                true
            } else {
                false
            }
        });
        r.retain(|t| t.1 != 0);
        rows.push(r);
    }
    let mut col_rows: Vec<Vec<usize>> = vec![Vec::new(); vars.len()];
    for (ri, r) in rows.iter().enumerate() {
        for &(c, _) in r {
            if let Some(l) = col_rows.get_mut(c as usize) {
                l.push(ri);
            }
        }
    }
    let mut order: Vec<u32> = (0..vars.len() as u32).collect();
    crate::sort::sort_by_key(&mut order, |&c| {
        (col_rows.get(c as usize).map_or(0, Vec::len), c)
    });
    let mut is_pivot = vec![false; rows.len()];
    let mut pivots: Vec<(u32, usize)> = Vec::new();
    for c in order {
        let mut cand: Vec<usize> = col_rows.get(c as usize).cloned().unwrap_or_default();
        crate::sort::sort(&mut cand);
        cand.dedup();
        cand.retain(|&r| rows.get(r).is_some_and(|row| coef(row, c).is_some()));
        let Some(&p) = cand
            .iter()
            .filter(|&&r| !is_pivot.get(r).copied().unwrap_or(true))
            .min_by_key(|&&r| (rows.get(r).map_or(0, Vec::len), r))
        else {
            continue;
        };
        if let Some(x) = is_pivot.get_mut(p) {
            *x = true;
        }
        let prow = rows.get(p)?.clone();
        let a = coef(&prow, c)?;
        for &r in cand.iter().filter(|&&r| r != p) {
            let row = rows.get(r)?;
            let b = coef(row, c)?;
            let g = gcd(a, b);
            let new = combine(row, a / g, &prow, b / g)?;
            for &(nc, _) in &new {
                if let Some(l) = col_rows.get_mut(nc as usize) {
                    if l.last() != Some(&r) {
                        l.push(r);
                    }
                }
            }
            if let Some(slot) = rows.get_mut(r) {
                *slot = new;
            }
        }
        if let Some(l) = col_rows.get_mut(c as usize) {
            *l = vec![p];
        }
        pivots.push((c, p));
    }
    Some(
        pivots
            .into_iter()
            .filter(|&(_, p)| rows.get(p).is_some_and(|r| r.len() == 1))
            .filter_map(|(c, _)| vars.get(c as usize).copied())
            .collect(),
    )
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn elimination_finds_determined_unknowns() {
        // x0 + x1 = 0 ; x1 = 0  → both fixed.
        let mut d = determined(&[vec![(0, 1), (1, 1)], vec![(1, 1)]]).unwrap();
        d.sort_unstable();
        assert_eq!(d, vec![0, 1]);
        // x0 + x1 - x2 = 0 → nothing fixed.
        assert!(determined(&[vec![(0, 1), (1, 1), (2, -1)]])
            .unwrap()
            .is_empty());
        // x0 - x1 = 0 ; x0 + x1 = 0 → both fixed (rank 2).
        let mut d = determined(&[vec![(0, 1), (1, -1)], vec![(0, 1), (1, 1)]]).unwrap();
        d.sort_unstable();
        assert_eq!(d, vec![0, 1]);
        // The combination case: p + j + b = c1 ; j + b = c2 → p fixed, j and b not.
        assert_eq!(
            determined(&[vec![(7, 1), (8, 1), (9, 1)], vec![(8, 1), (9, 1)]]).unwrap(),
            vec![7]
        );
    }
}
