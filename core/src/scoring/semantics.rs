//! The scoring rules, each in one function: the product of points and quantity, the window
//! cap, the category cap, the clamped total, the grade, the stars, the top-grade quota, the
//! competition ranks and the rank merge of partitioned scoring.
//!
//! The kernel (both of its paths), the explanations, the annual summaries and the
//! distributed path (through the bindings) call these functions; none restates a rule. The
//! kernel's fast paths for ranks (a histogram of dense totals, direct comparison in small
//! organizations) are optimisations of [`competition_ranks`], held equal to it by the
//! property tests (`core/tests/scoring_props.rs`).
//!
//! The semantics are those of `docs/scoring.md` (积分管理: caps per window and category,
//! 优秀 quota per organization, competition ranks 1, 2, 2, 4).
//!
//! # Examples
//!
//! ```
//! use dangjian::scoring::RankHistogram;
//! // competition ranks: 1, 2, 2, 4
//! let h = RankHistogram::from_totals(&[90_000, 75_000, 75_000, 60_000]);
//! assert_eq!(h.ranks(), [4, 2, 1]); // for the totals ascending: 60, 75, 90
//! ```

use std::cmp::Ordering;

use super::rules::Compiled;

/// The cap magnitude meaning "no cap" (the clamp is then the identity).
pub(crate) const NO_CAP: i64 = i64::MAX;

crate::speed::hot! {
/// `points × qty` in thousandths, rounded half away from zero, saturating at ±MAX_ABS.
#[inline]
pub(crate) fn mul_points(points: i64, qty: i64) -> i64 {
    const MAX: i64 = crate::fixed::MAX_ABS;
    // Factors of 32 bits cannot overflow: a plain multiplication (on wasm32 `checked_mul` of
    // 64 bits is a call to a 128-bit multiplication).
    const SMALL: std::ops::Range<i64> = -(1 << 31)..(1 << 31);
    let product = if SMALL.contains(&points) && SMALL.contains(&qty) {
        Some(points * qty)
    } else {
        points.checked_mul(qty)
    };
    match product {
        Some(p) => {
            // (Quotient and remainder: `p ± 500` could overflow next to `i64::MAX`.)
            let (q, r) = (p / 1000, p % 1000);
            (q + i64::from(r >= 500) - i64::from(r <= -500)).clamp(-MAX, MAX)
        }
        None => {
            let p = i128::from(points) * i128::from(qty);
            let q = if p >= 0 {
                (p + 500) / 1000
            } else {
                (p - 500) / 1000
            };
            q.clamp(-i128::from(MAX), i128::from(MAX)) as i64
        }
    }
}
}

/// The window cap: an item's points in one cap window cut to the cap's magnitude
/// ([`NO_CAP`] for none).
#[inline(always)]
pub(crate) fn window_cap(raw: i64, cap: i64) -> i64 {
    raw.clamp(-cap, cap)
}

/// Points of one window: `points × quantity` rounded half away from zero to a thousandth,
/// then cut to the cap's magnitude ([`window_cap`]). Saturates at ±[`crate::fixed::MAX_ABS`].
#[inline]
pub(crate) fn window_points(points: i64, qty: i64, cap: Option<i64>) -> i64 {
    window_cap(mul_points(points, qty), cap.unwrap_or(NO_CAP))
}

/// The category cap: a category's summed item points cut to the cap's magnitude
/// ([`NO_CAP`] for none).
#[inline(always)]
pub(crate) fn category_cap(sum: i64, cap: i64) -> i64 {
    sum.clamp(-cap, cap)
}

/// The four category totals after their caps.
#[inline(always)]
pub(crate) fn category_caps(cats: [i64; 4], caps: [i64; 4]) -> [i64; 4] {
    // Written out, not zipped: array iterators are calls in the size-optimised WebAssembly
    // build.
    let [k0, k1, k2, k3] = caps;
    let [x0, x1, x2, x3] = cats;
    [
        category_cap(x0, k0),
        category_cap(x1, k1),
        category_cap(x2, k2),
        category_cap(x3, k3),
    ]
}

crate::speed::hot! {
/// The total of one row: base plus the (capped) category totals, clamped to floor and
/// ceiling.
#[inline]
pub(crate) fn total_of(c: &Compiled, cats: [i64; 4]) -> i64 {
    let [a, b, d, e] = cats;
    c.base
        .saturating_add(a)
        .saturating_add(b)
        .saturating_add(d)
        .saturating_add(e)
        .clamp(c.floor, c.ceiling)
}
}

/// The grade index of a row: the first grade whose minimum `reaches` (minimums best first),
/// else the last; a veto gives the last grade.
#[inline]
pub(crate) fn grade_by(mins: &[i64], vetoed: bool, reaches: impl Fn(i64) -> bool) -> u8 {
    let last = mins.len();
    if vetoed {
        return last as u8;
    }
    mins.iter().position(|m| reaches(*m)).unwrap_or(last) as u8
}

crate::speed::hot! {
/// The grade index of a period total.
#[inline]
pub(crate) fn grade_of(c: &Compiled, total: i64, vetoed: bool) -> u8 {
    grade_by(&c.grade_mins, vetoed, |m| total >= m)
}
}

crate::speed::hot! {
/// Stars of a period total (none when vetoed).
#[inline]
pub(crate) fn stars_of(c: &Compiled, total: i64, vetoed: bool) -> u8 {
    if vetoed {
        return 0;
    }
    c.stars.iter().filter(|s| total >= **s).count() as u8
}
}

/// The top-grade quota: how many of an organization's `members` may hold the top grade
/// (`quota` in thousandths of a percent, rounded down).
#[inline]
pub(crate) fn quota_allowed(members: usize, quota: i64) -> usize {
    (members as i128 * i128::from(quota) / 100_000) as usize
}

/// The top-grade quota's cut: given the keys of an organization's top-grade holders, best
/// first, and the number `allowed`, the key from which holders are demoted (every holder
/// whose key is not above it, see [`quota_demotes`]: a tie that does not fit is demoted
/// whole); `None` when all fit.
#[inline]
pub(crate) fn quota_cut<K>(
    holders_best_first: impl IntoIterator<Item = K>,
    allowed: usize,
) -> Option<K> {
    holders_best_first.into_iter().nth(allowed)
}

/// Whether a top-grade holder with `key` is demoted by the quota's `cut`.
#[inline]
pub(crate) fn quota_demotes<K: Ord>(key: &K, cut: &K) -> bool {
    key <= cut
}

/// Competition ranks (1, 2, 2, 4): `rows` sorted best first by key, each rank written to
/// `out[row]`. A row's rank is 1 + the number of rows with a better key.
pub(crate) fn competition_ranks<K: PartialEq>(
    rows: impl IntoIterator<Item = (K, usize)>,
    out: &mut [u32],
) {
    let mut prev: Option<(K, u32)> = None;
    for (pos, (key, row)) in rows.into_iter().enumerate() {
        let r = match &prev {
            Some((pk, pr)) if *pk == key => *pr,
            _ => pos as u32 + 1,
        };
        if let Some(x) = out.get_mut(row) {
            *x = r;
        }
        prev = Some((key, r));
    }
}

/// A mean of `n` totals kept as the exact fraction `sum / n` (compared by
/// cross-multiplication, never divided): the key of the annual summary's grades and ranks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mean {
    pub(crate) sum: i64,
    pub(crate) n: u32,
}

impl Mean {
    fn cross(&self, other: &Mean) -> (i128, i128) {
        (
            i128::from(self.sum) * i128::from(other.n.max(1)),
            i128::from(other.sum) * i128::from(self.n.max(1)),
        )
    }

    /// The mean rounded half away from zero to a thousandth (for display).
    pub(crate) fn rounded(&self) -> i64 {
        let (p, m) = (i128::from(self.sum), i128::from(self.n.max(1)));
        let q = if p >= 0 {
            (2 * p + m) / (2 * m)
        } else {
            (2 * p - m) / (2 * m)
        };
        q as i64
    }

    /// Whether the mean reaches `min` (`sum ≥ min × n`).
    pub(crate) fn reaches(&self, min: i64) -> bool {
        i128::from(self.sum) >= i128::from(min) * i128::from(self.n.max(1))
    }
}

impl PartialEq for Mean {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = self.cross(other);
        a == b
    }
}

impl Eq for Mean {}

impl PartialOrd for Mean {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Mean {
    fn cmp(&self, other: &Self) -> Ordering {
        let (a, b) = self.cross(other);
        a.cmp(&b)
    }
}

/// The histogram of totals of one period's rows: the one figure that partitioned scoring
/// (whole organizations per partition) must merge to rank across partitions. Ranks by it are
/// the kernel's competition ranks, `1 + (rows with a greater total)`.
///
/// ```
/// use dangjian::scoring::RankHistogram;
/// // Two partitions scored apart: totals in thousandths.
/// let a = RankHistogram::from_totals(&[70_000, 65_000, 65_000]);
/// let b = RankHistogram::from_totals(&[68_000, 65_000]);
/// let all = RankHistogram::merge([&a, &b]);
/// assert_eq!(all.rank_of(70_000), Some(1));
/// assert_eq!(all.rank_of(68_000), Some(2));
/// assert_eq!(all.rank_of(65_000), Some(3)); // three rows tie at 65
/// assert_eq!(all.rank_of(1), None); // no row has that total
/// assert_eq!(all.rows(), 5);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RankHistogram {
    /// Distinct totals, ascending.
    totals: Vec<i64>,
    /// Rows with each total.
    counts: Vec<u64>,
}

impl RankHistogram {
    /// The histogram of some rows' totals (thousandths).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::RankHistogram;
    /// let h = RankHistogram::from_totals(&[62_000, 60_000, 62_000]);
    /// assert_eq!((h.totals(), h.counts()), (&[60_000, 62_000][..], &[1, 2][..]));
    /// ```
    pub fn from_totals(totals: &[i64]) -> RankHistogram {
        let mut v = totals.to_vec();
        crate::sort::sort(&mut v);
        let mut h = RankHistogram::default();
        for t in v {
            match (h.totals.last(), h.counts.last_mut()) {
                (Some(&last), Some(c)) if last == t => *c += 1,
                _ => {
                    h.totals.push(t);
                    h.counts.push(1);
                }
            }
        }
        h
    }

    /// A histogram from distinct totals and their counts (any order; a total given twice
    /// has its counts added).
    ///
    /// ```
    /// use dangjian::scoring::RankHistogram;
    /// let h = RankHistogram::from_counts(&[5, 7, 5], &[1, 2, 3]);
    /// assert_eq!(h.totals(), &[5, 7]);
    /// assert_eq!(h.counts(), &[4, 2]);
    /// ```
    pub fn from_counts(totals: &[i64], counts: &[u64]) -> RankHistogram {
        let mut pairs: Vec<(i64, u64)> =
            totals.iter().copied().zip(counts.iter().copied()).collect();
        pairs.sort_unstable_by_key(|p| p.0);
        let mut h = RankHistogram::default();
        for (t, n) in pairs {
            match (h.totals.last(), h.counts.last_mut()) {
                (Some(&last), Some(c)) if last == t => *c = c.saturating_add(n),
                _ => {
                    h.totals.push(t);
                    h.counts.push(n);
                }
            }
        }
        h
    }

    /// The histogram of all the partitions' rows together.
    ///
    /// # Examples
    ///
    /// Two branches scored apart, ranked together:
    ///
    /// ```
    /// use dangjian::scoring::RankHistogram;
    /// let b1 = RankHistogram::from_totals(&[70_000, 64_000]);
    /// let b2 = RankHistogram::from_totals(&[66_000]);
    /// let all = RankHistogram::merge([&b1, &b2]);
    /// assert_eq!(all.rank_of(66_000), Some(2));
    /// ```
    pub fn merge<'h>(parts: impl IntoIterator<Item = &'h RankHistogram>) -> RankHistogram {
        let mut totals = Vec::new();
        let mut counts = Vec::new();
        for p in parts {
            totals.extend_from_slice(&p.totals);
            counts.extend_from_slice(&p.counts);
        }
        RankHistogram::from_counts(&totals, &counts)
    }

    /// The distinct totals, ascending.
    ///
    /// # Examples
    ///
    /// ```
    /// let h = dangjian::scoring::RankHistogram::from_totals(&[5, 3, 5]);
    /// assert_eq!(h.totals(), &[3, 5]);
    /// ```
    pub fn totals(&self) -> &[i64] {
        &self.totals
    }

    /// The rows with each total of [`RankHistogram::totals`].
    ///
    /// # Examples
    ///
    /// ```
    /// let h = dangjian::scoring::RankHistogram::from_totals(&[5, 3, 5]);
    /// assert_eq!(h.counts(), &[1, 2]); // one 3, two 5s
    /// ```
    pub fn counts(&self) -> &[u64] {
        &self.counts
    }

    /// Rows counted.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::RankHistogram;
    /// assert_eq!(RankHistogram::from_counts(&[5, 3], &[10, 4]).rows(), 14);
    /// ```
    pub fn rows(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// The competition rank of each distinct total of [`RankHistogram::totals`] (so the
    /// ranks descend).
    ///
    /// # Examples
    ///
    /// ```
    /// let h = dangjian::scoring::RankHistogram::from_totals(&[5, 3, 5, 9]);
    /// assert_eq!(h.ranks(), [4, 2, 1]); // 3 is 4th, the two 5s tie 2nd, 9 is 1st
    /// ```
    pub fn ranks(&self) -> Vec<u32> {
        let mut out = vec![0u32; self.totals.len()];
        let mut greater = 0u64;
        for k in (0..self.totals.len()).rev() {
            if let Some(x) = out.get_mut(k) {
                *x = u32::try_from(greater + 1).unwrap_or(u32::MAX);
            }
            greater += crate::invariant::at(&self.counts, k);
        }
        out
    }

    /// The competition rank of a row with `total`, if some row has it.
    ///
    /// # Examples
    ///
    /// ```
    /// let h = dangjian::scoring::RankHistogram::from_totals(&[5, 3, 5, 9]);
    /// assert_eq!((h.rank_of(9), h.rank_of(5), h.rank_of(3)), (Some(1), Some(2), Some(4)));
    /// assert_eq!(h.rank_of(4), None);
    /// ```
    pub fn rank_of(&self, total: i64) -> Option<u32> {
        let k = self.totals.binary_search(&total).ok()?;
        let greater: u64 = self.counts.get(k + 1..).map_or(0, |c| c.iter().sum());
        Some(u32::try_from(greater + 1).unwrap_or(u32::MAX))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn products_round_half_away_from_zero() {
        assert_eq!(mul_points(1500, 1500), 2250);
        assert_eq!(mul_points(1, 500), 1); // 0.001 × 0.5 = 0.0005 → 0.001
        assert_eq!(mul_points(-1, 500), -1);
        assert_eq!(mul_points(1, 499), 0);
        assert_eq!(window_points(1000, 12_000, Some(10_000)), 10_000);
        assert_eq!(window_points(-5000, 3000, Some(10_000)), -10_000);
        assert_eq!(mul_points(i64::MAX, i64::MAX), crate::fixed::MAX_ABS);
        // The 32-bit fast path agrees with 128-bit arithmetic around its bounds.
        let reference = |a: i64, b: i64| {
            let p = i128::from(a) * i128::from(b);
            let q = if p >= 0 {
                (p + 500) / 1000
            } else {
                (p - 500) / 1000
            };
            let max = i128::from(crate::fixed::MAX_ABS);
            q.clamp(-max, max) as i64
        };
        let edges = [
            0,
            1,
            -1,
            499,
            500,
            -500,
            (1 << 31) - 1,
            1 << 31,
            -(1 << 31),
            -(1 << 31) - 1,
            i64::MAX,
            i64::MIN,
        ];
        for a in edges {
            for b in edges {
                assert_eq!(mul_points(a, b), reference(a, b), "{a} × {b}");
            }
        }
    }

    #[test]
    fn quota_demotes_a_tie_that_does_not_fit_whole() {
        // 5 members at 20 %: one holder allowed; holders 90, 80, 80.
        let allowed = quota_allowed(5, 20_000);
        assert_eq!(allowed, 1);
        let cut = quota_cut([90, 80, 80], allowed).unwrap();
        assert!(!quota_demotes(&90, &cut));
        assert!(quota_demotes(&80, &cut));
        // Holders 90, 90: a tie at the boundary is demoted whole.
        let cut = quota_cut([90, 90], allowed).unwrap();
        assert!(quota_demotes(&90, &cut));
        assert_eq!(quota_cut([90], allowed), None);
    }

    #[test]
    fn ranks_are_competition_ranks() {
        let mut out = vec![0; 4];
        competition_ranks([(9, 2), (7, 0), (7, 3), (5, 1)], &mut out);
        assert_eq!(out, vec![2, 4, 1, 2]);
    }

    #[test]
    fn means_compare_exactly() {
        let a = Mean { sum: 10, n: 3 };
        let b = Mean { sum: 20, n: 6 };
        assert_eq!(a, b);
        assert!(Mean { sum: 7, n: 2 } > Mean { sum: 10, n: 3 });
        assert_eq!(Mean { sum: 5, n: 2 }.rounded(), 3);
        assert_eq!(Mean { sum: -5, n: 2 }.rounded(), -3);
        assert!(Mean { sum: 180, n: 3 }.reaches(60));
        assert!(!Mean { sum: 179, n: 3 }.reaches(60));
    }

    #[test]
    fn histograms_merge_to_the_whole() {
        let whole = RankHistogram::from_totals(&[5, 9, 5, 7, 9, 1]);
        let a = RankHistogram::from_totals(&[5, 9, 5]);
        let b = RankHistogram::from_totals(&[7, 9, 1]);
        assert_eq!(RankHistogram::merge([&a, &b]), whole);
        assert_eq!(whole.totals(), &[1, 5, 7, 9]);
        assert_eq!(whole.ranks(), vec![6, 4, 3, 1]);
        assert_eq!(whole.rank_of(5), Some(4));
    }
}
