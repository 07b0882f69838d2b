//! Stable sorting at the core's sort call sites off the hot paths.
//!
//! std's `sort_by` is generic: every call site with its own element type or closure gets its
//! own copy of driftsort (with its small-sort networks), about 3-4 KB of WebAssembly each, some
//! 200 KB over the crate. With the feature `small-sort` (the WebAssembly package turns it on)
//! [`sort_by`], [`sort_by_key`] and [`sort`] run one compact, non-generic stable merge sort of
//! the positions `0..n` (`stable_order`, comparing elements through a `&mut dyn FnMut`), then
//! move the elements into that order by swaps (`permute`): per call site only two small
//! closures are generic. The order is the one std's stable sort gives (a property test checks it
//! on random slices with many ties); only the speed differs (dynamic calls, no pattern
//! detection), so the scoring kernel, the scorer and what the benchmarks time keep std's sorts.
//! Without the feature the functions call std's `sort_by` / `sort_by_key` / `sort`.
//!
//! An unstable std sort (`sort_unstable*`) is replaced by these only where equal elements are
//! indistinguishable (a total order on the whole value: integers, strings, tuples of them), so
//! that the stable order is the only order.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Sorts `v` stably by `cmp`: `v.sort_by(cmp)`.
#[inline]
pub(crate) fn sort_by<T, F>(v: &mut [T], cmp: F)
where
    F: FnMut(&T, &T) -> Ordering,
{
    #[cfg(feature = "small-sort")]
    {
        let mut cmp = cmp;
        let order = stable_order(v.len(), &mut |i, j| match (v.get(i), v.get(j)) {
            (Some(a), Some(b)) => cmp(a, b),
            _ => Ordering::Equal,
        });
        permute(order, &mut |i, j| v.swap(i, j));
    }
    #[cfg(not(feature = "small-sort"))]
    v.sort_by(cmp);
}

/// Sorts `v` stably by the key `key`: `v.sort_by_key(key)`.
#[inline]
pub(crate) fn sort_by_key<T, K, F>(v: &mut [T], key: F)
where
    F: FnMut(&T) -> K,
    K: Ord,
{
    #[cfg(feature = "small-sort")]
    {
        let mut key = key;
        sort_by(v, |a, b| key(a).cmp(&key(b)));
    }
    #[cfg(not(feature = "small-sort"))]
    v.sort_by_key(key);
}

/// Sorts `v` stably: `v.sort()`.
#[inline]
pub(crate) fn sort<T: Ord>(v: &mut [T]) {
    #[cfg(feature = "small-sort")]
    sort_by(v, T::cmp);
    #[cfg(not(feature = "small-sort"))]
    v.sort();
}

/// `iter.collect::<BTreeMap<K, V>>()`. std's `collect` sorts the pairs (a stable sort
/// instantiated per pair type) and builds the tree in bulk; with `small-sort` the pairs are
/// inserted one by one instead. The same map: of pairs with equal keys the last value stays in
/// both (`insert` keeps the first key, which only differs from the last for keys that are equal
/// without being the same, never for the strings and ids used here).
#[inline]
pub(crate) fn btree_map<K: Ord, V>(iter: impl Iterator<Item = (K, V)>) -> BTreeMap<K, V> {
    #[cfg(feature = "small-sort")]
    {
        let mut m = BTreeMap::new();
        for (k, v) in iter {
            m.insert(k, v);
        }
        m
    }
    #[cfg(not(feature = "small-sort"))]
    iter.collect()
}

/// `iter.collect::<BTreeSet<T>>()`, as [`btree_map`] (the first of equal elements stays with
/// `small-sort`, the last without: the same for strings).
#[inline]
pub(crate) fn btree_set<T: Ord>(iter: impl Iterator<Item = T>) -> BTreeSet<T> {
    #[cfg(feature = "small-sort")]
    {
        let mut m = BTreeSet::new();
        for x in iter {
            m.insert(x);
        }
        m
    }
    #[cfg(not(feature = "small-sort"))]
    iter.collect()
}

/// Length of the runs sorted by insertion before merging.
#[cfg(any(feature = "small-sort", test))]
const RUN: usize = 12;

/// The positions `0..n` in the stable order of `cmp(i, j)` (which compares the elements at
/// positions `i` and `j`): a bottom-up merge sort, insertion-sorted runs of `RUN` first.
/// Ties keep their positions' order: an element moves before another only when it compares
/// strictly less.
#[cfg(any(feature = "small-sort", test))]
#[allow(clippy::indexing_slicing)] // every index is below `n` by construction
pub(crate) fn stable_order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut a: Vec<usize> = (0..n).collect();
    let mut start = 0;
    while start < n {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let mut j = i;
            while j > start && cmp(a[j - 1], a[j]) == Ordering::Greater {
                a.swap(j - 1, j);
                j -= 1;
            }
        }
        start = end;
    }
    let mut b = vec![0; n];
    let mut width = RUN;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            if mid == hi || cmp(a[mid - 1], a[mid]) != Ordering::Greater {
                // One run, or the two are already in order.
                b[lo..hi].copy_from_slice(&a[lo..hi]);
            } else {
                let (mut i, mut j, mut k) = (lo, mid, lo);
                while i < mid && j < hi {
                    if cmp(a[i], a[j]) == Ordering::Greater {
                        b[k] = a[j];
                        j += 1;
                    } else {
                        b[k] = a[i];
                        i += 1;
                    }
                    k += 1;
                }
                b[k..k + mid - i].copy_from_slice(&a[i..mid]);
                k += mid - i;
                b[k..k + hi - j].copy_from_slice(&a[j..hi]);
            }
            lo = hi;
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

/// Moves the elements into `order` (the element at `order[k]` goes to position `k`) by
/// `swap(i, j)` of positions, following each cycle of the permutation once.
#[cfg(any(feature = "small-sort", test))]
#[allow(clippy::indexing_slicing)] // `order` is a permutation of `0..order.len()`
pub(crate) fn permute(mut order: Vec<usize>, swap: &mut dyn FnMut(usize, usize)) {
    const DONE: usize = usize::MAX;
    for i in 0..order.len() {
        let mut cur = i;
        loop {
            let next = order[cur];
            if next == DONE {
                break;
            }
            order[cur] = DONE;
            if next == i {
                break;
            }
            swap(cur, next);
            cur = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The compact sort, whatever the feature.
    fn compact_sort_by<T>(v: &mut [T], cmp: &mut dyn FnMut(&T, &T) -> Ordering) {
        let order = stable_order(v.len(), &mut |i, j| match (v.get(i), v.get(j)) {
            (Some(a), Some(b)) => cmp(a, b),
            _ => Ordering::Equal,
        });
        permute(order, &mut |i, j| v.swap(i, j));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        /// Equal to std's stable sort, ties (few distinct keys) in their original order: each
        /// element carries its original position, compared by key only.
        #[test]
        fn the_compact_sort_is_std_stable_sort(
            keys in prop::collection::vec(0u8..6, 0..300),
            descending in any::<bool>(),
        ) {
            let v: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let by = |a: &(u8, usize), b: &(u8, usize)| {
                if descending { b.0.cmp(&a.0) } else { a.0.cmp(&b.0) }
            };
            let mut want = v.clone();
            want.sort_by(by);
            let mut got = v.clone();
            compact_sort_by(&mut got, &mut |a, b| by(a, b));
            prop_assert_eq!(&got, &want);
            let mut got = v.clone();
            sort_by(&mut got, by);
            prop_assert_eq!(&got, &want);
            let mut got = v;
            sort_by_key(&mut got, |x| x.0 / 2);
            let mut want2 = keys.iter().copied().zip(0..).collect::<Vec<(u8, usize)>>();
            want2.sort_by_key(|x| x.0 / 2);
            prop_assert_eq!(got, want2);
        }

        /// Presorted, reversed and long inputs with runs and wide keys.
        #[test]
        fn the_compact_sort_agrees_on_long_and_structured_inputs(
            mut keys in prop::collection::vec(any::<u16>(), 0..3000),
            shape in 0u8..4,
            modulus in 1u16..50,
        ) {
            match shape {
                1 => keys.sort_unstable(),
                2 => keys.sort_unstable_by(|a, b| b.cmp(a)),
                _ => {}
            }
            let v: Vec<(u16, usize)> = keys.iter().map(|k| k % modulus).zip(0..).collect();
            let mut want = v.clone();
            want.sort_by_key(|x| x.0);
            let mut got = v;
            compact_sort_by(&mut got, &mut |a, b| a.0.cmp(&b.0));
            prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn btree_collections_keep_the_last_value_of_equal_keys() {
        let pairs = [("b", 1), ("a", 2), ("b", 3), ("c", 4), ("a", 5)];
        let m = btree_map(pairs.iter().copied());
        assert_eq!(m, pairs.iter().copied().collect::<BTreeMap<_, _>>());
        assert_eq!(m.get("b"), Some(&3));
        let s = btree_set(["b", "a", "b"].into_iter());
        assert_eq!(s, ["a", "b"].into_iter().collect::<BTreeSet<_>>());
    }

    #[test]
    fn small_and_empty_slices() {
        for n in 0..40usize {
            let v: Vec<usize> = (0..n).rev().collect();
            let mut got = v.clone();
            compact_sort_by(&mut got, &mut |a, b| a.cmp(b));
            let mut want = v;
            want.sort();
            assert_eq!(got, want);
        }
        let mut s = vec!["b", "a", "c", "a"];
        sort(&mut s);
        assert_eq!(s, ["a", "a", "b", "c"]);
    }
}
