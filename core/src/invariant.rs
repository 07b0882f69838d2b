//! Lookups that cannot fail, said so once. The library denies `unwrap`, `expect`, `panic!`
//! and indexing (`v[i]`), so a read of a column at a row the code itself produced is written
//! `v.get(i)`; what to do with the `None` that cannot come is decided here, not at each call:
//! a `debug_assert!` fails every test and debug build that reaches it (the state is a bug of
//! the library, never of the data), and a release build carries on with the type's default
//! (a wrong cell rather than a panic in a caller's process).
//!
//! Use these only where the index comes from the same structure (a row of the table being
//! read, an offset computed from the column's own counts). Where an absent entry is a rule
//! (no payments recorded: zero paid), keep the explicit `unwrap_or(0)` and say why; where the
//! caller can be told, return the module's error (`ScoringError::Internal`, code `internal`).
//! `docs/architecture.md` ("Silent defaults") has the audit.

use std::ops::Range;

/// The value of `column` at `row`, which the caller's structure guarantees exists.
#[track_caller]
#[inline]
pub(crate) fn at<T: Copy + Default>(column: &[T], row: usize) -> T {
    debug_assert!(
        row < column.len(),
        "row {row} of a column of {} values",
        column.len()
    );
    column.get(row).copied().unwrap_or_default()
}

/// The rows `range` of `column`, which the caller's structure guarantees are in it.
#[track_caller]
#[inline]
pub(crate) fn rows<T>(column: &[T], range: Range<usize>) -> &[T] {
    debug_assert!(
        range.start <= range.end && range.end <= column.len(),
        "rows {range:?} of a column of {} values",
        column.len()
    );
    column.get(range).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_bounds_reads_are_plain_reads() {
        assert_eq!(at(&[1, 2, 3], 1), 2);
        assert_eq!(rows(&[1, 2, 3], 1..3), &[2, 3]);
        assert_eq!(rows::<u8>(&[], 0..0), &[] as &[u8]);
    }

    #[test]
    #[should_panic(expected = "row 3 of a column of 3 values")]
    #[cfg(debug_assertions)]
    fn an_impossible_row_fails_in_debug() {
        let _ = at(&[1, 2, 3], 3);
    }
}
