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
    pub(crate) fn row(&self, i: usize) -> &[T] {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => self.values.get(a..b).unwrap_or_default(),
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

    /// Replaces the rows named in `updates` (sorted by row, each row once); linear in the total size.
    pub(crate) fn replace_rows(&mut self, updates: Vec<(usize, Vec<T>)>) {
        if updates.is_empty() {
            return;
        }
        let added: usize = updates.iter().map(|(_, v)| v.len()).sum();
        let mut values = Vec::with_capacity(self.values.len() + added);
        let mut offsets = Vec::with_capacity(self.offsets.len());
        offsets.push(0);
        let mut updates = updates.into_iter().peekable();
        for i in 0..self.rows() {
            match updates.peek() {
                Some((r, _)) if *r == i => {
                    if let Some((_, row)) = updates.next() {
                        values.extend(row);
                    }
                }
                _ => values.extend_from_slice(self.row(i)),
            }
            offsets.push(values.len());
        }
        self.values = values;
        self.offsets = offsets;
    }

    /// Heap bytes used.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.values.capacity() * std::mem::size_of::<T>()
            + self.offsets.capacity() * std::mem::size_of::<usize>()
    }
}
