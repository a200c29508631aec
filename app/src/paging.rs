//! One page of a long list, as server functions return it, and the one rule for which page
//! that is: the requested number clamped to the pages that exist, so `?page=0` shows the first
//! and `?page=9223372036854775807` the last (never an overflowing OFFSET).
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Items in the whole list, across pages.
    pub total: i64,
    /// 1-based.
    pub page: i64,
    pub page_size: i64,
}

impl<T> Page<T> {
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
            page: self.page,
            page_size: self.page_size,
        }
    }
}

/// The page to fetch once the list's total is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slice {
    pub page: i64,
    pub size: i64,
}

impl Slice {
    /// Page `requested` of `total` items, `size` a page, clamped to `1..=last page`.
    pub fn clamped(requested: i64, size: i64, total: i64) -> Self {
        let size = size.max(1);
        let total = total.max(0);
        let last = (total / size + i64::from(total % size != 0)).max(1);
        Self {
            page: requested.clamp(1, last),
            size,
        }
    }

    /// Rows to skip: at most `total`, so it never overflows.
    pub fn offset(self) -> i64 {
        (self.page - 1) * self.size
    }

    pub fn of<T>(self, items: Vec<T>, total: i64) -> Page<T> {
        Page {
            items,
            total,
            page: self.page,
            page_size: self.size,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Slice;

    #[test]
    fn requested_pages_are_clamped_to_those_that_exist() {
        assert_eq!(Slice::clamped(2, 25, 60).offset(), 25);
        assert_eq!(Slice::clamped(i64::MAX, 25, 60).page, 3);
        assert_eq!(Slice::clamped(i64::MAX, 25, 60).offset(), 50);
        assert_eq!(Slice::clamped(i64::MIN, 25, 60).page, 1);
        assert_eq!(Slice::clamped(0, 25, 0).page, 1);
        assert_eq!(Slice::clamped(3, 25, 75).page, 3);
        assert_eq!(Slice::clamped(4, 25, 75).page, 3);
        assert_eq!(Slice::clamped(5, 0, 3).size, 1);
    }
}
