//! A list whose first few values are kept in place, for lists read once a
//! report that are short in every table the template lays out (a table's
//! header cells, its parts) but unbounded in damaged text: the common case
//! takes no allocation, a longer list puts the values past the first `N` on
//! the heap.

/// A list of `Copy` values, the first `N` in place and the others in a
/// `Vec` (made only when there are more than `N`).
#[derive(Debug, Clone)]
pub(crate) struct InlineList<T, const N: usize> {
    /// The first `N` values; those past `len` are `T::default()`.
    head: [T; N],
    /// How many values the list holds, `head`'s and `rest`'s.
    len: usize,
    /// The values past the first `N`.
    rest: Vec<T>,
}

impl<T: Copy + Default, const N: usize> Default for InlineList<T, N> {
    fn default() -> Self {
        InlineList {
            head: [T::default(); N],
            len: 0,
            rest: Vec::new(),
        }
    }
}

impl<T: Copy + Default, const N: usize> InlineList<T, N> {
    /// Adds a value at the end.
    pub(crate) fn push(&mut self, value: T) {
        match self.head.get_mut(self.len) {
            Some(slot) => *slot = value,
            None => self.rest.push(value),
        }
        self.len += 1;
    }

    /// How many values the list holds.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Whether the list holds no value.
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The value at `index`, when the list is that long.
    pub(crate) fn get(&self, index: usize) -> Option<T> {
        if index >= self.len {
            return None;
        }
        match self.head.get(index) {
            Some(&value) => Some(value),
            None => self.rest.get(index - N).copied(),
        }
    }

    /// The values, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &T> {
        self.head[..self.len.min(N)].iter().chain(&self.rest)
    }
}

#[cfg(test)]
mod tests {
    use super::InlineList;

    #[test]
    fn values_past_the_first_few_go_on_the_heap_in_order() {
        let mut list: InlineList<usize, 3> = InlineList::default();
        assert!(list.is_empty());
        assert_eq!(list.get(0), None);
        for v in 10..16 {
            list.push(v);
            assert_eq!(list.len(), v - 9);
            assert_eq!(list.get(v - 10), Some(v), "the value just pushed");
        }
        assert_eq!(
            list.iter().copied().collect::<Vec<_>>(),
            (10..16).collect::<Vec<_>>()
        );
        assert_eq!(list.get(6), None);
        assert_eq!(list.rest.len(), 3, "three in place, three on the heap");
    }

    #[test]
    fn a_short_list_takes_no_allocation() {
        let mut list: InlineList<u8, 4> = InlineList::default();
        for v in 0..4 {
            list.push(v);
        }
        assert_eq!(list.rest.capacity(), 0);
        assert_eq!(list.iter().copied().collect::<Vec<_>>(), [0, 1, 2, 3]);
    }
}
