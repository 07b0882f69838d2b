//! The event log's storage: every member's events back to back in one allocation (compressed
//! rows), read a member at a time.
//!
//! # Examples
//!
//! ```
//! let reg = dangjian::Registry::sample_small();
//! let per_member: usize = (0..reg.len() as u32).map(|i| reg.events_of(i).len()).sum();
//! assert_eq!(per_member, reg.event_count());
//! assert!(reg.events_of(99).is_empty()); // out of range: an empty row
//! ```

/// Rows of values stored back to back (compressed sparse rows): one allocation for all members'
/// events instead of one per member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Csr<T> {
    values: Vec<T>,
    offsets: Vec<usize>,
}

impl<T> Default for Csr<T> {
    fn default() -> Self {
        Csr {
            values: Vec::new(),
            offsets: vec![0],
        }
    }
}

impl<T: Clone> Csr<T> {
    /// Number of rows.
    pub(crate) fn rows(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Row `i` (empty when out of range).
    #[inline]
    pub(crate) fn row(&self, i: usize) -> &[T] {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => crate::invariant::rows(&self.values, a..b),
            _ => &[],
        }
    }

    /// All values, row after row.
    pub(crate) fn values(&self) -> &[T] {
        &self.values
    }

    /// Appends empty rows until there are `n`.
    pub(crate) fn grow_to(&mut self, n: usize) {
        while self.rows() < n {
            self.offsets.push(self.values.len());
        }
    }

    /// Builds from values and row offsets (`offsets[0] == 0`, non-decreasing, last = len).
    pub(crate) fn from_parts(values: Vec<T>, offsets: Vec<usize>) -> Self {
        Csr { values, offsets }
    }

    /// Heap bytes used.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.values.capacity() * std::mem::size_of::<T>()
            + self.offsets.capacity() * std::mem::size_of::<usize>()
    }
}
