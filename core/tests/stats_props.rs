//! Property tests of the statistics: flows reconcile with headcounts, rollups equal the sum of
//! children, the declared relations hold, and suppression never reveals a cell below k.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::needless_range_loop,
    clippy::type_complexity,
    missing_docs
)]

use std::borrow::Cow;

use chrono::{Days, NaiveDate};
use dangjian::compliance::Compliance;
use dangjian::fixed::Fixed;
use dangjian::org::OrgTree;
use dangjian::stats::{
    flows, membership, pipeline, prepare, score_distribution, suppression_mask, ExportOptions,
    FlowTable, Rollup, ScoreBands, ScoreEntry,
};
use dangjian::synth::{generate, SynthConfig};
use dangjian::table::{Column, ColumnData, Equation, Role, Structure, Table};
use dangjian::Registry;
use proptest::prelude::*;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(256);
    ProptestConfig::with_cases(cases)
}

fn community(n: usize, seed: u64) -> Registry {
    generate(&SynthConfig::new(n, seed))
        .into_registry()
        .unwrap()
}

/// A day from the synthetic communities' founding (2022-01-01) on.
fn day(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 1, 1)
        .unwrap()
        .checked_add_days(Days::new(offset))
        .unwrap()
}

/// The values of count column `name`.
fn col(t: &dyn Table, name: &str) -> Vec<u64> {
    let c = t.columns();
    let c = c.iter().find(|c| c.name == name).expect(name);
    (0..t.len()).map(|r| c.data.count_at(r).unwrap()).collect()
}

fn count_names(t: &dyn Table) -> Vec<String> {
    t.columns()
        .iter()
        .filter(|c| c.role == Role::Count)
        .map(|c| c.name.to_string())
        .collect()
}

/// Every declared equation holds in every row.
fn equations_hold(t: &dyn Table) -> Result<(), TestCaseError> {
    for eq in t.structure().equations {
        let side = |names: &[String]| -> Vec<u64> {
            let mut acc = vec![0u64; t.len()];
            for n in names {
                for (a, v) in acc.iter_mut().zip(col(t, n)) {
                    *a += v;
                }
            }
            acc
        };
        prop_assert_eq!(side(&eq.left), side(&eq.right), "{:?} in {}", eq, t.name());
    }
    Ok(())
}

/// `subtree[i] = Σ direct[j]` over the subtree of `i`, for the given columns (all organizations
/// are rows of both tables, in pre-order).
fn rollup_matches(
    tree: &OrgTree,
    direct: &dyn Table,
    subtree: &dyn Table,
    cols: &[String],
) -> Result<(), TestCaseError> {
    prop_assert_eq!(direct.len(), tree.len());
    prop_assert_eq!(subtree.len(), tree.len());
    for name in cols {
        let d = col(direct, name);
        let s = col(subtree, name);
        for i in 0..tree.len() {
            let want: u64 = tree.subtree(i as u32).map(|j| d[j]).sum();
            prop_assert_eq!(s[i], want, "column {} row {}", name, i);
            // and: parent = own + Σ children
            let kids: u64 = tree.children(i as u32).map(|c| s[c as usize]).sum();
            prop_assert_eq!(s[i], d[i] + kids);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    /// closing = opening + inflows − outflows for every organization, direct and rolled up;
    /// rolled-up opening/closing equal the membership headcounts; the root rows agree with the
    /// registry's community-wide flows.
    #[test]
    fn flows_reconcile_with_headcounts(n in 40usize..260, seed in any::<u64>(), a in 0u64..1600, len in 0u64..900) {
        let reg = community(n, seed);
        let (start, end) = (day(a), day(a + len));
        let sub = flows(&reg, start, end, Rollup::Subtree).unwrap();
        let dir = flows(&reg, start, end, Rollup::Direct).unwrap();
        prop_assert!(sub.reconciles());
        prop_assert!(dir.reconciles());
        for t in [&sub, &dir] {
            for r in 0..t.orgs.len() {
                let row = t.counts.row(r).unwrap();
                prop_assert_eq!(row.closing as i64 - row.opening as i64, t.net[r]);
            }
            equations_hold(t)?;
        }
        let m_end = membership(&reg, end, Rollup::Subtree);
        let m_start = membership(&reg, start.pred_opt().unwrap(), Rollup::Subtree);
        // Compare by organization: a table's rows are the organizations active on its date.
        let by_org = |ids: &[dangjian::org::OrgId], v: &[u64], id: &str| {
            ids.iter().position(|o| o == id).map_or(0, |r| v[r])
        };
        for (r, id) in sub.orgs.id.iter().enumerate() {
            prop_assert_eq!(sub.counts.closing[r], by_org(&m_end.orgs.id, &m_end.counts.headcount, id));
            prop_assert_eq!(sub.counts.opening[r], by_org(&m_start.orgs.id, &m_start.counts.headcount, id));
        }
        // Additive flows roll up exactly; moves roll up in net.
        let additive: Vec<String> = ["opening", "admitted", "transferred_in", "converted",
            "transferred_out", "died", "other_exits", "closing"].iter().map(|s| s.to_string()).collect();
        rollup_matches(reg.tree(), &dir, &sub, &additive)?;
        let tree = reg.tree();
        for i in 0..tree.len() {
            let net_moves: i64 = tree.subtree(i as u32)
                .map(|j| dir.counts.moved_in[j] as i64 - dir.counts.moved_out[j] as i64).sum();
            prop_assert_eq!(sub.counts.moved_in[i] as i64 - sub.counts.moved_out[i] as i64, net_moves);
        }
        // Independent cross-check against the registry's community-wide flows.
        let f = reg.flows(start, end);
        let roots: Vec<usize> = (0..tree.len()).filter(|&i| tree.parent(i as u32).is_none()).collect();
        let sum = |v: &Vec<u64>| roots.iter().map(|&i| v[i]).sum::<u64>();
        prop_assert_eq!(sum(&sub.counts.opening), f.start);
        prop_assert_eq!(sum(&sub.counts.closing), f.end);
        prop_assert_eq!(sum(&sub.counts.admitted), f.admitted);
        prop_assert_eq!(sum(&sub.counts.transferred_in), f.transferred_in);
        prop_assert_eq!(sum(&sub.counts.transferred_out), f.transferred_out);
        prop_assert_eq!(sum(&sub.counts.died), f.died);
        prop_assert_eq!(sum(&sub.counts.other_exits), f.other_exits);
        prop_assert_eq!(sum(&sub.counts.converted), f.converted);
        prop_assert_eq!(roots.iter().map(|&i| sub.counts.moved_in[i]).sum::<u64>(), 0);
    }

    /// Rolled-up statistics equal the sum of the organization's own and its children's; the
    /// relations declared for suppression hold; headcounts agree with the registry's counts.
    #[test]
    fn rollups_equal_sum_of_children(n in 40usize..260, seed in any::<u64>(), a in 0u64..1600) {
        let reg = community(n, seed);
        let date = day(a);
        let dm = membership(&reg, date, Rollup::Direct);
        let sm = membership(&reg, date, Rollup::Subtree);
        rollup_matches(reg.tree(), &dm, &sm, &count_names(&dm))?;
        equations_hold(&dm)?;
        equations_hold(&sm)?;
        let rolled = reg.counts_on(date).rolled_up(reg.tree());
        prop_assert_eq!(&sm.counts.headcount, &rolled.members);
        prop_assert_eq!(&sm.counts.full, &rolled.full);
        prop_assert_eq!(sm.age_sum.clone(), reg.tree().rollup(&dm.age_sum));
        let dp = pipeline(&reg, date, Rollup::Direct);
        let sp = pipeline(&reg, date, Rollup::Subtree);
        rollup_matches(reg.tree(), &dp, &sp, &count_names(&dp))?;
        equations_hold(&sp)?;
        let stages = reg.states_on(date).filter(|(_, s)| s.in_pipeline()).count() as u64;
        let roots = (0..reg.tree().len()).filter(|&i| reg.tree().parent(i as u32).is_none());
        prop_assert_eq!(roots.map(|i| sp.counts.in_pipeline[i]).sum::<u64>(), stages);
    }

    /// The per-organization index of unit stays agrees with the snapshots on every date.
    #[test]
    fn unit_spells_agree_with_snapshots(n in 20usize..150, seed in any::<u64>(), dates in prop::collection::vec(0u64..1800, 1..6)) {
        let reg = community(n, seed);
        let t = dangjian::stats::Timelines::build(&reg);
        let spells = t.unit_spells(reg.tree().len());
        for off in dates {
            let date = day(off);
            for (o, list) in spells.iter().enumerate() {
                let mut a: Vec<u32> = list.iter().filter(|(f, to, _)| *f <= date && date < *to).map(|x| x.2).collect();
                a.sort_unstable();
                let b: Vec<u32> = (0..reg.len() as u32).filter(|&m| t.unit_on(m, date) == Some(o as u32)).collect();
                prop_assert_eq!(a, b);
            }
        }
    }

    /// Score distributions: rolled-up counts and sums equal those of the subtree's entries.
    #[test]
    fn score_rollups(seed in any::<u64>(), scores in prop::collection::vec((0usize..50, -20_000i64..120_000), 0..60)) {
        let reg = community(120, seed);
        let tree = reg.tree();
        let entries: Vec<ScoreEntry> = scores.iter().enumerate().map(|(k, (o, raw))| ScoreEntry {
            member: format!("S{k}").into(),
            org: tree.get((*o % tree.len()) as u32).unwrap().id.clone(),
            total: Fixed::from_raw(*raw),
        }).collect();
        let d = score_distribution(tree, &entries, &ScoreBands::default(), Rollup::Direct).unwrap();
        let s = score_distribution(tree, &entries, &ScoreBands::default(), Rollup::Subtree).unwrap();
        rollup_matches(tree, &d, &s, &count_names(&d))?;
        equations_hold(&s)?;
        for i in 0..tree.len() {
            let want: Fixed = tree.subtree(i as u32).map(|j| d.sum[j]).sum();
            prop_assert_eq!(s.sum[i], want);
            if let (Some(lo), Some(hi), Some(me)) = (s.min[i], s.max[i], s.median[i]) {
                prop_assert!(lo <= me && me <= hi);
            }
        }
    }

    /// Suppression never reveals a cell below k, on random hierarchical tables: every published
    /// count is 0 or ≥ k; no withheld count is determined by the published counts and the
    /// relations (checked by ranks over a prime field, independently of the implementation's
    /// rational elimination); measures are withheld with the counts they derive from; withheld
    /// values are not in the output.
    #[test]
    fn suppression_never_reveals_a_cell_below_k(t in arb_table(), k in 2u64..6) {
        check_suppression_with(&t, k, true)?;
        check_suppression_with(&t, k, false)?;
    }

    /// The same on real membership, flow and pipeline tables of synthetic communities.
    #[test]
    fn suppression_on_real_tables(n in 30usize..100, seed in any::<u64>(), k in 2u64..8, sub in any::<bool>()) {
        let reg = community(n, seed);
        let rollup = if sub { Rollup::Subtree } else { Rollup::Direct };
        let date = day(900);
        check_suppression(&membership(&reg, date, rollup), k)?;
        check_suppression(&flows(&reg, day(400), date, rollup).unwrap(), k)?;
        check_suppression(&pipeline(&reg, date, rollup), k)?;
    }
}

// ---------------------------------------------------------------------------------------------
// Independent suppression checker.

/// A Mersenne prime small enough that products fit in `u64`.
const P: u64 = (1 << 31) - 1;

fn inv(a: u64) -> u64 {
    // a^(P-2) mod P
    let (mut base, mut e, mut r) = (a % P, P - 2, 1u64);
    while e > 0 {
        if e & 1 == 1 {
            r = r * base % P;
        }
        base = base * base % P;
        e >>= 1;
    }
    r
}

/// Rank of a matrix over GF(P).
fn rank(mut m: Vec<Vec<u64>>) -> usize {
    let cols = m.first().map(|r| r.len()).unwrap_or(0);
    let mut r = 0;
    for c in 0..cols {
        let Some(p) = (r..m.len()).find(|&i| m[i][c] != 0) else {
            continue;
        };
        m.swap(r, p);
        let iv = inv(m[r][c]);
        let pivot: Vec<u64> = m[r].iter().map(|x| x * iv % P).collect();
        for (i, row) in m.iter_mut().enumerate() {
            if i != r && row[c] != 0 {
                let f = row[c];
                for (x, y) in row.iter_mut().zip(&pivot) {
                    if *y != 0 {
                        *x = (*x + P - f * y % P) % P;
                    }
                }
            }
        }
        m[r] = pivot;
        r += 1;
    }
    r
}

/// Columns fixed by a homogeneous system over GF(P): pivot columns whose reduced row has no
/// other non-zero entry (one elimination instead of one rank per column).
fn fixed_columns(mut m: Vec<Vec<u64>>) -> Vec<usize> {
    let cols = m.first().map(|r| r.len()).unwrap_or(0);
    let mut r = 0;
    let mut pivots = Vec::new();
    for c in 0..cols {
        let Some(p) = (r..m.len()).find(|&i| m[i][c] != 0) else {
            continue;
        };
        m.swap(r, p);
        let iv = inv(m[r][c]);
        let pivot: Vec<u64> = m[r].iter().map(|x| x * iv % P).collect();
        for (i, row) in m.iter_mut().enumerate() {
            if i != r && row[c] != 0 {
                let f = row[c];
                for (x, y) in row.iter_mut().zip(&pivot) {
                    if *y != 0 {
                        *x = (*x + P - f * y % P) % P;
                    }
                }
            }
        }
        m[r] = pivot;
        pivots.push((r, c));
        r += 1;
    }
    pivots
        .into_iter()
        .filter(|&(row, _)| m[row].iter().filter(|x| **x != 0).count() == 1)
        .map(|(_, c)| c)
        .collect()
}

/// The relations of a table as rows over (cells ∪ remainders), built from the structure
/// independently of the library.
fn relations(t: &dyn Table) -> (Vec<Vec<(usize, i64)>>, usize, Vec<String>) {
    let names = count_names(t);
    let idx = |n: &str| names.iter().position(|x| x == n).unwrap();
    let nc = names.len();
    let rows = t.len();
    let s: Structure = t.structure();
    let mut eqs = Vec::new();
    for Equation { left, right } in &s.equations {
        for r in 0..rows {
            let mut e: Vec<(usize, i64)> = left.iter().map(|n| (r * nc + idx(n), 1)).collect();
            e.extend(right.iter().map(|n| (r * nc + idx(n), -1)));
            eqs.push(e);
        }
    }
    let mut hidden = rows * nc;
    for p in 0..rows {
        let kids: Vec<usize> = (0..s.parent.len())
            .filter(|&c| s.parent[c] == Some(p))
            .collect();
        if kids.is_empty() {
            continue;
        }
        for c in 0..nc {
            if s.not_additive.contains(&names[c]) {
                continue;
            }
            let mut e = vec![(p * nc + c, 1)];
            e.extend(kids.iter().map(|&k| (k * nc + c, -1)));
            if s.remainder.get(p).copied().unwrap_or(false) {
                e.push((hidden, -1));
                hidden += 1;
            }
            eqs.push(e);
        }
    }
    (eqs, hidden, names)
}

/// `per_cell`: decide each cell by comparing ranks (independent criterion, for small tables);
/// otherwise by one reduced row echelon form over GF(P).
fn check_suppression(t: &dyn Table, k: u64) -> Result<(), TestCaseError> {
    check_suppression_with(t, k, t.len() * 8 < 64)
}

fn check_suppression_with(t: &dyn Table, k: u64, per_cell: bool) -> Result<(), TestCaseError> {
    let mask = suppression_mask(t, k).unwrap();
    let cols = t.columns();
    let (eqs, total_vars, names) = relations(t);
    let nc = names.len();
    let rows = t.len();
    let mut sup = vec![false; rows * nc];
    for (ci, name) in names.iter().enumerate() {
        let j = cols.iter().position(|c| c.name == name.as_str()).unwrap();
        for r in 0..rows {
            let v = cols[j].data.count_at(r).unwrap();
            let s = mask[j][r];
            sup[r * nc + ci] = s;
            // published counts are 0 or at least k
            prop_assert!(
                s || v == 0 || v >= k,
                "published {} < k in {} row {}",
                v,
                name,
                r
            );
        }
    }
    // Unknowns: withheld cells and all remainders.
    let unknown: Vec<usize> = (0..total_vars)
        .filter(|&v| v >= rows * nc || sup[v])
        .collect();
    let pos = |v: usize| unknown.iter().position(|&u| u == v);
    let matrix: Vec<Vec<u64>> = eqs
        .iter()
        .map(|e| {
            let mut row = vec![0u64; unknown.len()];
            for &(v, c) in e {
                if let Some(i) = pos(v) {
                    row[i] = (row[i]
                        + if c > 0 {
                            c as u64 % P
                        } else {
                            P - ((-c) as u64 % P)
                        })
                        % P;
                }
            }
            row
        })
        .filter(|r| r.iter().any(|x| *x != 0))
        .collect();
    if !matrix.is_empty() && !per_cell {
        for i in fixed_columns(matrix.clone()) {
            let v = unknown[i];
            prop_assert!(
                v >= rows * nc,
                "cell {} ({}) of {} is determined",
                v,
                names[v % nc],
                t.name()
            );
        }
    }
    if !matrix.is_empty() && per_cell {
        let full = rank(matrix.clone());
        for (i, &v) in unknown.iter().enumerate() {
            if v >= rows * nc {
                continue;
            }
            let without: Vec<Vec<u64>> = matrix
                .iter()
                .map(|r| {
                    r.iter()
                        .enumerate()
                        .filter(|(c, _)| *c != i)
                        .map(|(_, x)| *x)
                        .collect()
                })
                .collect();
            // Removing the column lowers the rank iff the cell's value is determined.
            prop_assert_eq!(
                rank(without),
                full,
                "cell {} ({}) of {} is determined",
                v,
                names[v % nc],
                t.name()
            );
        }
    }
    // Measures published only where their counts are.
    let s = t.structure();
    for (j, c) in cols.iter().enumerate() {
        if c.role != Role::Measure {
            continue;
        }
        let deps: Vec<usize> = match s.derived.iter().find(|(m, _)| *m == c.name) {
            Some((_, d)) => d
                .iter()
                .map(|n| cols.iter().position(|c| c.name == n.as_str()).unwrap())
                .collect(),
            None => cols
                .iter()
                .enumerate()
                .filter(|(_, c)| c.role == Role::Count)
                .map(|(i, _)| i)
                .collect(),
        };
        for r in 0..rows {
            if deps.iter().any(|&d| mask[d][r]) {
                prop_assert!(
                    mask[j][r],
                    "measure {} row {} published over a withheld count",
                    c.name,
                    r
                );
            }
        }
    }
    // The prepared output carries no withheld value.
    let out = prepare(
        t,
        &ExportOptions {
            min_count: Some(k),
            ..ExportOptions::default()
        },
    )
    .unwrap();
    let views = out.columns();
    for c in &out.columns {
        let view = views.iter().find(|x| x.name == c.name.as_str()).unwrap();
        for (r, s) in c.suppressed.iter().enumerate() {
            if *s {
                let shown =
                    dangjian::table::cell_text(view, r, dangjian::table::HeaderLang::En, "*");
                prop_assert_eq!(shown.as_ref(), "*");
                match &c.values {
                    dangjian::table::ColumnValues::U64(v) => prop_assert_eq!(v[r], 0),
                    dangjian::table::ColumnValues::OptU64(v) => prop_assert_eq!(v[r], None),
                    _ => {}
                }
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Random hierarchical tables.

#[derive(Debug, Clone)]
struct TestTable {
    parent: Vec<Option<usize>>,
    remainder: Vec<bool>,
    /// columns: total, p0..p{m-1}, x
    cols: Vec<Vec<u64>>,
    names: Vec<String>,
    measure: Vec<Option<u64>>,
}

impl Table for TestTable {
    fn name(&self) -> &str {
        "test"
    }
    fn title_zh(&self) -> String {
        "测试".into()
    }
    fn len(&self) -> usize {
        self.parent.len()
    }
    fn columns(&self) -> Vec<Column<'_>> {
        let mut c: Vec<Column<'_>> = self
            .cols
            .iter()
            .zip(&self.names)
            .map(|(v, n)| Column {
                name: Cow::Borrowed(n.as_str()),
                label_zh: Cow::Borrowed(n.as_str()),
                role: Role::Count,
                data: ColumnData::U64(v),
                suppressed: None,
            })
            .collect();
        c.push(Column::new(
            "share",
            "占比",
            Role::Measure,
            ColumnData::OptU64(&self.measure),
        ));
        c
    }
    fn structure(&self) -> Structure {
        let parts: Vec<&str> = self.names[1..self.names.len() - 1]
            .iter()
            .map(String::as_str)
            .collect();
        Structure {
            equations: vec![Equation::sum("total", &parts)],
            parent: self.parent.clone(),
            remainder: self.remainder.clone(),
            derived: vec![("share".into(), vec!["p0".into(), "total".into()])],
            not_additive: Vec::new(),
        }
    }
}

fn arb_table() -> impl Strategy<Value = TestTable> {
    (1usize..7, 2usize..5, any::<bool>()).prop_flat_map(|(rows, parts, flat)| {
        (
            prop::collection::vec(any::<prop::sample::Index>(), rows),
            prop::collection::vec(any::<bool>(), rows),
            prop::collection::vec(prop::collection::vec(0u64..12, parts + 1), rows),
            Just((rows, parts, flat)),
        )
            .prop_map(|(pidx, rem, leaf, (rows, parts, flat))| {
                // Row r's parent is an earlier row (pre-order-like), or none.
                let parent: Vec<Option<usize>> = (0..rows)
                    .map(|r| {
                        if flat || r == 0 {
                            None
                        } else {
                            Some(pidx[r].index(r))
                        }
                    })
                    .collect();
                let remainder: Vec<bool> = if flat { Vec::new() } else { rem };
                // Own values per row: parts and x; parents add their children.
                let mut own: Vec<Vec<u64>> = leaf;
                for r in 0..rows {
                    let has_kids = parent.contains(&Some(r));
                    if has_kids && !remainder.get(r).copied().unwrap_or(false) {
                        own[r] = vec![0; parts + 1];
                    }
                }
                let mut vals = own.clone();
                for r in (0..rows).rev() {
                    if let Some(p) = parent[r] {
                        let child = vals[r].clone();
                        for (a, b) in vals[p].iter_mut().zip(child) {
                            *a += b;
                        }
                    }
                }
                let mut names = vec!["total".to_string()];
                names.extend((0..parts).map(|i| format!("p{i}")));
                names.push("x".into());
                let mut cols = vec![vec![0u64; rows]; parts + 2];
                for r in 0..rows {
                    let mut tot = 0;
                    for i in 0..parts {
                        cols[1 + i][r] = vals[r][i];
                        tot += vals[r][i];
                    }
                    cols[0][r] = tot;
                    cols[parts + 1][r] = vals[r][parts];
                }
                let measure = (0..rows)
                    .map(|r| dangjian::stats::per_mille(cols[1][r], cols[0][r]))
                    .collect();
                TestTable {
                    parent,
                    remainder,
                    cols,
                    names,
                    measure,
                }
            })
    })
}

// ---------------------------------------------------------------------------------------------
// Hand-checked cases on the sample community (seed 000).

#[test]
fn sample_membership_matches_seed_000() {
    let ds = dangjian::synth::sample_community();
    let reg = ds.to_registry().unwrap();
    let t = membership(&reg, dangjian::synth::SAMPLE_AS_OF, Rollup::Subtree);
    let z = t.row_of("Z").unwrap();
    assert_eq!(t.counts.headcount[z], 158);
    assert_eq!(t.counts.age_35_or_under[z], 32);
    // 32 / 158 = 0.20253… → 203 ‰ (half up).
    assert_eq!(t.age_35_or_under_permille[z], Some(203));
    // Average age is age_sum / 158, rounded half up to thousandths.
    let exact = t.age_sum[z] as f64 / 158.0;
    assert!((t.avg_age[z].unwrap().raw() as f64 / 1000.0 - exact).abs() <= 0.0005);
    let f: FlowTable = flows(
        &reg,
        dangjian::synth::SAMPLE_FOUNDED,
        dangjian::synth::SAMPLE_AS_OF,
        Rollup::Subtree,
    )
    .unwrap();
    let fz = f.row_of("Z").unwrap();
    let r = f.counts.row(fz).unwrap();
    // 121 at founding (初始登记 that day) + 24 transferred in, 21 admitted, 6 out, 2 died.
    assert_eq!(
        (
            r.opening,
            r.admitted,
            r.registered,
            r.transferred_in,
            r.transferred_out,
            r.died,
            r.closing
        ),
        (0, 21, 121, 24, 6, 2, 158)
    );
    let at_founding = membership(&reg, dangjian::synth::SAMPLE_FOUNDED, Rollup::Subtree);
    assert_eq!(
        at_founding.counts.headcount[at_founding.row_of("Z").unwrap()],
        121
    );
    // Three in-service members retired and moved B3 → B2: moves inside Z are invisible in Z's row.
    let b2 = f.row_of("B2").unwrap();
    assert!(f.counts.moved_in[b2] >= 3);
    assert_eq!(f.counts.moved_in[fz], 0);
    let _ = Compliance::default();
}

#[test]
fn sample_suppression_keeps_the_totals() {
    let reg = dangjian::synth::sample_community().to_registry().unwrap();
    let t = membership(&reg, dangjian::synth::SAMPLE_AS_OF, Rollup::Subtree);
    check_suppression(&t, 3).unwrap();
    let mask = suppression_mask(&t, 3).unwrap();
    let hc = t
        .columns()
        .iter()
        .position(|c| c.name == "headcount")
        .unwrap();
    assert!(
        !mask[hc][t.row_of("Z").unwrap()],
        "the community total stays published"
    );
}

#[test]
fn suppression_hand_case() {
    // One flat row: total 10 = p0 1 + p1 9 (+ x 4). k = 3: p0 is withheld; alone in its relation
    // it would be 10 − 9, so the smallest other published cell of the relation (p1 = 9, a part,
    // preferred over the total) is withheld too; x is in no relation and stays.
    let t = TestTable {
        parent: vec![None],
        remainder: vec![],
        cols: vec![vec![10], vec![1], vec![9], vec![4]],
        names: vec!["total".into(), "p0".into(), "p1".into(), "x".into()],
        measure: vec![Some(100)],
    };
    let m = suppression_mask(&t, 3).unwrap();
    assert_eq!(
        (m[0][0], m[1][0], m[2][0], m[3][0], m[4][0]),
        (false, true, true, false, true)
    );
}

#[test]
fn stats_errors_have_codes() {
    let reg = Registry::sample_small();
    let d = |s: &str| s.parse::<NaiveDate>().unwrap();
    assert_eq!(
        flows(&reg, d("2024-02-01"), d("2024-01-01"), Rollup::Subtree)
            .unwrap_err()
            .code(),
        "bad_interval"
    );
    let e = |org: &str| ScoreEntry {
        member: "M1".into(),
        org: org.into(),
        total: Fixed::ONE,
    };
    assert_eq!(
        score_distribution(
            reg.tree(),
            &[e("B9")],
            &ScoreBands::default(),
            Rollup::Direct
        )
        .unwrap_err()
        .code(),
        "unknown_org"
    );
    let bands = ScoreBands {
        thresholds: vec![Fixed::from_int(60)],
        labels_zh: vec!["低".into()],
    };
    assert_eq!(
        score_distribution(reg.tree(), &[e("B1")], &bands, Rollup::Direct)
            .unwrap_err()
            .code(),
        "bad_bands"
    );
    let m = membership(&reg, d("2024-01-01"), Rollup::Subtree);
    assert_eq!(suppression_mask(&m, 1).unwrap_err().code(), "bad_threshold");
    struct Bad {
        v: Vec<u64>,
        structure: Structure,
        rows: usize,
    }
    impl Table for Bad {
        fn name(&self) -> &str {
            "bad"
        }
        fn title_zh(&self) -> String {
            "坏表".into()
        }
        fn len(&self) -> usize {
            self.rows
        }
        fn columns(&self) -> Vec<Column<'_>> {
            vec![Column::new(
                "n",
                "数",
                Role::Count,
                ColumnData::U64(&self.v),
            )]
        }
        fn structure(&self) -> Structure {
            self.structure.clone()
        }
    }
    let mut t = Bad {
        v: vec![3, 1],
        structure: Structure {
            parent: vec![None, Some(0)],
            ..Structure::default()
        },
        rows: 2,
    };
    assert!(suppression_mask(&t, 2).is_ok());
    t.structure.equations = vec![Equation::sum("n", &["missing"])];
    assert_eq!(
        suppression_mask(&t, 2).unwrap_err().code(),
        "unknown_column"
    );
    t.structure.equations.clear();
    t.structure.parent = vec![None];
    assert_eq!(suppression_mask(&t, 2).unwrap_err().code(), "bad_structure");
    t.rows = 3;
    assert_eq!(suppression_mask(&t, 2).unwrap_err().code(), "ragged");
}

#[test]
fn exports_never_leak_id_numbers_phones_or_ids() {
    use dangjian::table::{to_csv, CsvOptions};
    let ds = dangjian::synth::sample_community();
    let reg = ds.to_registry().unwrap();
    let as_of = dangjian::synth::SAMPLE_AS_OF;
    let list = dangjian::stats::member_list(&reg, as_of);
    let secrets: Vec<String> = reg
        .members()
        .iter()
        .flat_map(|m| {
            m.id_number
                .iter()
                .map(|i| i.expose().to_string())
                .chain(m.phone.iter().map(|p| p.expose().to_string()))
        })
        .collect();
    assert!(secrets.len() > 300);
    let form = to_csv(&list, &CsvOptions::zh()).unwrap();
    let prepared = to_csv(
        &prepare(&list, &ExportOptions::form()).unwrap(),
        &CsvOptions::en(),
    )
    .unwrap();
    for text in [&form, &prepared] {
        for s in &secrets {
            assert!(!text.contains(s.as_str()), "an ID number or phone leaked");
        }
    }
    // Analysis exports: no member id, no name, no ID-number or phone column; pseudonyms join.
    let c = Compliance::from_dataset(&ds, &reg).unwrap();
    let (from, to) = (
        dangjian::synth::COMPLIANCE_FROM,
        dangjian::synth::COMPLIANCE_TO,
    );
    let arrears = c.arrears(&reg, from, to, as_of).unwrap();
    let att = c.meetings.attendance(&reg, from, to, as_of, 6).unwrap();
    let opts = ExportOptions::analysis(b"test key, 16 byte", 3);
    // Pseudonyms join across tables; with a threshold, person-level rows whose published
    // attributes are rarer than k are left out (issue 17), so the join is checked without one.
    let join = ExportOptions {
        min_count: None,
        ..opts.clone()
    };
    let a = prepare(&arrears, &join).unwrap();
    let b = prepare(&att, &join).unwrap();
    let l = prepare(&list, &opts).unwrap();
    assert!(
        l.column("id_number").is_none()
            && l.column("phone").is_none()
            && l.column("name").is_none()
    );
    let text = to_csv(&l, &CsvOptions::en()).unwrap() + &to_csv(&a, &CsvOptions::en()).unwrap();
    for m in reg.members() {
        assert!(
            !text.contains(&format!("{},", m.id)),
            "member id {} left in clear",
            m.id
        );
        assert!(!text.contains(m.name.as_str()) || m.name.as_str().chars().count() < 2);
    }
    let pseudo = |t: &dangjian::table::OwnedTable, row: usize| {
        t.values("member").unwrap().as_strs().unwrap()[row].clone()
    };
    let flagged = arrears
        .member_id
        .iter()
        .position(|x| att.member_id.contains(x))
        .unwrap();
    let id = &arrears.member_id[flagged];
    let in_att = att.row(id).unwrap();
    assert_eq!(pseudo(&a, flagged), pseudo(&b, in_att));
    assert_eq!(
        pseudo(&a, flagged),
        dangjian::privacy::Pseudonymizer::new(b"test key, 16 byte").pseudonym(id)
    );
}
