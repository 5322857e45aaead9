//! The vectors a [`super::BundleIndex`] fills, kept between bundles by a reusable validator.
//!
//! The index of a 100,000-reference bundle is some 25 MB of rows (entries, references, keys,
//! hash slots, adjacency): allocated, faulted in and freed on every call, that memory is what
//! made a loop of validations grow faster than the bundles (glibc hands a freed block this large
//! back to the system, and the next call faults every page in again). A [`Scratch`] keeps them
//! cleared, so the next bundle writes into pages already mapped.
//!
//! Rows borrow the document (`Entry<'d, 'a>`), so the scratch holds them as `'static` rows, always
//! empty, and [`recycle`] moves an emptied vector between the two lifetimes in its allocation.

use std::borrow::Cow;

use super::{Entry, Reference};

/// An empty `Vec<U>` in the allocation of `v` (emptied): no element is moved or made. When `T`
/// and `U` have one layout (here they differ in lifetimes only) the standard library collects in
/// place, keeping the allocation; otherwise this is a new, empty vector. Safe either way.
pub(crate) fn recycle<T, U>(mut v: Vec<T>) -> Vec<U> {
    v.clear();
    v.into_iter().filter_map(|_| None).collect()
}

/// See the module docs. `Default` is empty (no allocation).
#[derive(Default)]
pub struct Scratch {
    pub(super) entries: Vec<Entry<'static, 'static>>,
    pub(super) refs: Vec<Reference<'static, 'static>>,
    pub(super) type_ids: Vec<(Cow<'static, str>, Cow<'static, str>, u32)>,
    pub(super) urls: Vec<(u64, u32)>,
    pub(super) hashes: Vec<u64>,
    pub(super) slots: [Vec<(u32, u32)>; 2],
    pub(super) roots: Vec<(u32, Cow<'static, str>)>,
    pub(super) entry_nodes: Vec<(u32, usize, u32)>,
    pub(super) ranges: Vec<(u32, u32)>,
    /// The resource-root bitset, then the rank of each of its words.
    pub(super) words: Vec<u64>,
    pub(super) rank: Vec<u32>,
    /// Candidate Reference objects, targets, `in_start`, its fill cursor, `incoming`.
    pub(super) u32s: [Vec<u32>; 5],
    /// (entries, references, bitset words) of the last bundle indexed; zero when none was.
    pub(super) last: [usize; 3],
}

/// Capacity kept whatever the last bundle was (rows): a typical bundle's need.
const MIN_KEPT: usize = 256;

impl Scratch {
    /// Notes that the next call may index no bundle (not JSON, not a Bundle): [`Self::trim`] then
    /// keeps only [`MIN_KEPT`] rows.
    pub fn forget_last(&mut self) {
        self.last = [0; 3];
    }

    /// Bytes of capacity held.
    pub fn retained_bytes(&self) -> usize {
        fn b<T>(v: &Vec<T>) -> usize {
            v.capacity() * std::mem::size_of::<T>()
        }
        b(&self.entries)
            + b(&self.refs)
            + b(&self.type_ids)
            + b(&self.urls)
            + b(&self.hashes)
            + self.slots.iter().map(b).sum::<usize>()
            + b(&self.roots)
            + b(&self.entry_nodes)
            + b(&self.ranges)
            + b(&self.words)
            + b(&self.rank)
            + self.u32s.iter().map(b).sum::<usize>()
    }

    /// Frees each vector holding more than `slack` times what the last bundle needed.
    pub fn trim(&mut self, slack: usize) {
        use crate::json::shrink;
        let [e, r, w] = self.last.map(|n| n.max(MIN_KEPT));
        shrink(&mut self.entries, e, slack);
        shrink(&mut self.type_ids, 3 * e, slack);
        shrink(&mut self.urls, e, slack);
        shrink(&mut self.hashes, 3 * e, slack);
        for s in &mut self.slots {
            shrink(s, 6 * e, slack);
        }
        shrink(&mut self.roots, e, slack);
        shrink(&mut self.entry_nodes, e, slack);
        shrink(&mut self.ranges, e, slack);
        shrink(&mut self.words, w, slack);
        shrink(&mut self.rank, w, slack);
        shrink(&mut self.refs, r, slack);
        for (i, v) in self.u32s.iter_mut().enumerate() {
            shrink(v, if i == 2 || i == 3 { e + 1 } else { r }, slack);
        }
    }
}
