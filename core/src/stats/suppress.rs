//! Small-cell suppression with complementary suppression checked by exact linear algebra.
//!
//! Cells are the count cells of a table (rows × count columns). The table's [`Structure`] gives
//! the linear relations an attacker can use: per-row equations (`total = Σ parts`, the flow
//! identity) and the row hierarchy (`parent = Σ children + remainder`), where a remainder is an
//! unknown the table does not publish.
//!
//! 1. **Primary suppression**: every cell with `1 ≤ value < k`. Zeros are published.
//! 2. **Audit**: the suppressed cells and the remainders are the unknowns; every relation is a
//!    linear equation in them with known right-hand side. A suppressed cell is *disclosed* when
//!    its value is fixed by these equations — exactly when its unit vector lies in the row space
//!    of the equations restricted to the unknowns. The audit brings the system to reduced row
//!    echelon form over the rationals (integer rows, fraction-free, normalized by their gcd) per
//!    connected component of unknowns; a cell is disclosed iff its pivot row has no other
//!    non-zero entry.
//! 3. **Complementary suppression**: for each disclosed cell, withhold the smallest published
//!    non-zero cell of a relation containing it; repeat the audit until nothing is disclosed.
//!
//! The loop ends: each round withholds at least one more cell, and once every non-zero cell is
//! withheld nothing can be disclosed (all right-hand sides are then zero, so the all-zero
//! assignment is a solution that differs from the true, non-zero value of every withheld cell).

use std::collections::HashMap;

use crate::table::{Role, Structure, Table, TableError};

/// Index of an unknown: a cell (`row * cols + col`) or a remainder (`cells + k`).
type Var = usize;
/// One equation: Σ coef · var = 0.
type Eq = Vec<(Var, i64)>;

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
    /// Number of remainder variables.
    hidden: usize,
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
            terms.sort_unstable();
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
                    if skip.get(k).copied().unwrap_or(false) {
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
            hidden,
            total_col,
            parent_row,
        })
    }

    /// Preference of a cell as a complementary suppression (lower is better): part columns
    /// before totals, leaf rows before parent rows, then the smallest value, then position.
    fn rank(&self, v: Var) -> (u8, u64, Var) {
        let (r, c) = (v / self.cols.max(1), v % self.cols.max(1));
        let total = self.total_col.get(c).copied().unwrap_or(false) as u8;
        let parent = self.parent_row.get(r).copied().unwrap_or(false) as u8;
        (total + parent, self.values.get(v).copied().unwrap_or(0), v)
    }

    /// The best published non-zero cell among `vars`.
    fn best(&self, vars: impl Iterator<Item = Var>, sup: &[bool]) -> Option<Var> {
        let n = self.cells();
        vars.filter(|&v| v < n && !sup.get(v).copied().unwrap_or(true))
            .filter(|&v| self.values.get(v).is_some_and(|x| *x > 0))
            .min_by_key(|&v| self.rank(v))
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
                    .filter(|&&(v, _)| v >= n || sup.get(v).copied().unwrap_or(false));
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
            let Some(&j) = disclosed.first() else {
                return sup;
            };
            // Fix the first disclosed cell with the best published cell of a relation containing
            // it, else of any relation touching a withheld cell; then pair up again.
            let local = self.best(
                occurs
                    .get(j)
                    .into_iter()
                    .flatten()
                    .filter_map(|&e| self.equations.get(e))
                    .flatten()
                    .map(|t| t.0),
                &sup,
            );
            let pick = local.or_else(|| {
                self.best(
                    self.equations
                        .iter()
                        .filter(|eq| {
                            eq.iter()
                                .any(|&(v, _)| sup.get(v).copied().unwrap_or(false))
                        })
                        .flatten()
                        .map(|t| t.0),
                    &sup,
                )
            });
            match pick.and_then(|v| sup.get_mut(v)) {
                Some(slot) => *slot = true,
                None => return sup,
            }
            self.pair_up(&mut sup);
        }
    }

    /// The withheld cells whose value the published cells and the relations determine.
    pub(crate) fn disclosed(&self, sup: &[bool]) -> Vec<usize> {
        let n = self.cells();
        let unknown = |v: Var| v >= n || sup.get(v).copied().unwrap_or(false);
        // Equations restricted to the unknowns. A relation with a remainder is left out: the
        // remainder occurs in no other relation and can take any value, so that relation fixes
        // nothing else (exact, not an approximation).
        let reduced: Vec<Vec<(Var, i64)>> = self
            .equations
            .iter()
            .filter(|eq| eq.iter().all(|&(v, _)| v < n))
            .map(|eq| {
                eq.iter()
                    .copied()
                    .filter(|&(v, _)| unknown(v))
                    .collect::<Vec<_>>()
            })
            .filter(|eq: &Vec<(Var, i64)>| !eq.is_empty())
            .collect();
        // Connected components of unknowns (union-find).
        let total = n + self.hidden;
        let mut parent: Vec<usize> = (0..total).collect();
        fn find(p: &mut [usize], mut x: usize) -> usize {
            while let Some(&px) = p.get(x) {
                if px == x {
                    break;
                }
                let gp = p.get(px).copied().unwrap_or(px);
                if let Some(slot) = p.get_mut(x) {
                    *slot = gp;
                }
                x = px;
            }
            x
        }
        for eq in &reduced {
            if let Some(&(a, _)) = eq.first() {
                for &(b, _) in eq.iter().skip(1) {
                    let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                    if ra != rb {
                        if let Some(slot) = parent.get_mut(ra) {
                            *slot = rb;
                        }
                    }
                }
            }
        }
        let mut comp_eqs: HashMap<usize, Vec<&Vec<(Var, i64)>>> = HashMap::new();
        for eq in &reduced {
            if let Some(&(a, _)) = eq.first() {
                let r = find(&mut parent, a);
                comp_eqs.entry(r).or_default().push(eq);
            }
        }
        let mut out = Vec::new();
        let mut comps: Vec<(usize, Vec<&Eq>)> = comp_eqs.into_iter().collect();
        comps.sort_by_key(|(r, _)| *r);
        for (_, eqs) in comps {
            let mut vars: Vec<Var> = eqs.iter().flat_map(|e| e.iter().map(|t| t.0)).collect();
            vars.sort_unstable();
            vars.dedup();
            let col: HashMap<Var, usize> = vars.iter().enumerate().map(|(i, &v)| (v, i)).collect();
            let matrix: Vec<Vec<i128>> = eqs
                .iter()
                .map(|e| {
                    let mut row = vec![0i128; vars.len()];
                    for &(v, c) in e.iter() {
                        if let Some(slot) = col.get(&v).and_then(|&i| row.get_mut(i)) {
                            *slot += i128::from(c);
                        }
                    }
                    row
                })
                .collect();
            match determined_columns(matrix, vars.len()) {
                Some(cols) => out.extend(
                    cols.into_iter()
                        .filter_map(|c| vars.get(c).copied())
                        .filter(|&v| v < n),
                ),
                // Overflow: treat every withheld cell of the component as disclosed (safe).
                None => out.extend(vars.iter().copied().filter(|&v| v < n)),
            }
        }
        out.sort_unstable();
        out
    }
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

fn normalize(row: &mut [i128]) {
    let g = row.iter().fold(0i128, |g, &x| gcd(g, x));
    if g > 1 {
        for x in row.iter_mut() {
            *x /= g;
        }
    }
}

/// Gauss–Jordan elimination over the rationals with integer rows; returns the columns whose
/// value the homogeneous system fixes (pivot rows with no other non-zero entry), or `None` on
/// arithmetic overflow.
fn determined_columns(mut m: Vec<Vec<i128>>, ncols: usize) -> Option<Vec<usize>> {
    let nrows = m.len();
    let mut r = 0;
    let mut pivots: Vec<(usize, usize)> = Vec::new();
    for c in 0..ncols {
        if r >= nrows {
            break;
        }
        let Some(p) =
            (r..nrows).find(|&i| m.get(i).and_then(|row| row.get(c)).is_some_and(|x| *x != 0))
        else {
            continue;
        };
        m.swap(r, p);
        let pivot_row = m.get(r)?.clone();
        let a = *pivot_row.get(c)?;
        for (i, row) in m.iter_mut().enumerate() {
            if i == r {
                continue;
            }
            let b = row.get(c).copied().unwrap_or(0);
            if b == 0 {
                continue;
            }
            let g = gcd(a, b);
            let (ra, rb) = (a / g, b / g);
            for (x, &y) in row.iter_mut().zip(&pivot_row) {
                *x = x.checked_mul(ra)?.checked_sub(y.checked_mul(rb)?)?;
            }
            normalize(row);
        }
        pivots.push((r, c));
        r += 1;
    }
    Some(
        pivots
            .into_iter()
            .filter(|&(row, _)| {
                m.get(row)
                    .is_some_and(|x| x.iter().filter(|v| **v != 0).count() == 1)
            })
            .map(|(_, c)| c)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn rref_finds_determined_columns() {
        // x0 + x1 = 0 ; x1 = 0  → both fixed.
        assert_eq!(
            determined_columns(vec![vec![1, 1], vec![0, 1]], 2).unwrap(),
            vec![0, 1]
        );
        // x0 + x1 - x2 = 0 → nothing fixed.
        assert!(determined_columns(vec![vec![1, 1, -1]], 3)
            .unwrap()
            .is_empty());
        // x0 - x1 = 0 ; x0 + x1 = 0 → both fixed (rank 2).
        assert_eq!(
            determined_columns(vec![vec![1, -1], vec![1, 1]], 2).unwrap(),
            vec![0, 1]
        );
    }
}
