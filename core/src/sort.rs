//! One stable sort for the whole crate, compiled once.
//!
//! `slice::sort_by` is generic over the element and the closure, so each of the crate's ~30 call
//! sites instantiated the standard library's whole driftsort/quicksort machinery: about 70 KB of
//! the portal's Wasm went to sorting alone. Here the work is a bottom-up merge sort over indices
//! behind a `&dyn Fn` comparator, compiled once; each call site adds only a small wrapper and
//! the permutation. Stable and O(n log n), so findings keep their deterministic order.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`.
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let perm = {
        let items: &[T] = v;
        sorted_indices(items.len(), &|a, b| match (items.get(a), items.get(b)) {
            (Some(x), Some(y)) => cmp(x, y),
            _ => Ordering::Equal,
        })
    };
    if let Some(mut perm) = perm {
        permute(v, &mut perm);
    }
}

/// Sorts `v` stably by the key `key` gives each element.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably in its natural order.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Sorts `v` stably by `cmp`, by insertion when it is short (a resource's members, a handful of
/// roots): as fast as the standard sort there, and each call site compiles to a few hundred
/// bytes instead of the standard sort's several kilobytes. Longer vectors go to [`sort_by`].
pub fn small_sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() > 32 {
        return sort_by(v, cmp);
    }
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && v.get(j - 1).zip(v.get(j)).is_some_and(|(a, b)| cmp(a, b) == Ordering::Greater) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Sorts numbers (arena ids): a least-significant-byte radix sort, one copy in the binary for
/// every caller, in linear time whatever the input's order.
#[inline(never)]
pub fn sort_u32(v: &mut [u32]) {
    if v.len() <= 32 {
        for i in 1..v.len() {
            let mut j = i;
            while j > 0 && v.get(j - 1).zip(v.get(j)).is_some_and(|(a, b)| a > b) {
                v.swap(j - 1, j);
                j -= 1;
            }
        }
        return;
    }
    let max = v.iter().copied().max().unwrap_or(0);
    let mut buf = vec![0u32; v.len()];
    let mut shift = 0;
    while shift < 32 && (max >> shift) != 0 {
        let mut count = [0usize; 257];
        for &x in v.iter() {
            if let Some(c) = count.get_mut(((x >> shift) & 0xFF) as usize + 1) {
                *c += 1;
            }
        }
        for i in 1..count.len() {
            count[i] += count[i - 1];
        }
        for &x in v.iter() {
            if let Some(c) = count.get_mut(((x >> shift) & 0xFF) as usize) {
                if let Some(slot) = buf.get_mut(*c) {
                    *slot = x;
                }
                *c += 1;
            }
        }
        v.copy_from_slice(&buf);
        shift += 8;
    }
}

/// The indices `0..n` in the order `cmp` (which compares two indices) puts them, ties kept in
/// index order: a bottom-up merge sort, the one non-generic piece.
#[inline(never)]
fn sorted_indices(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Option<Vec<usize>> {
    // Already in order (most short lists of findings are): no work, no allocation. Checked
    // here, in the one non-generic piece, so the check adds no code per call site.
    if (1..n).all(|i| cmp(i - 1, i) != Ordering::Greater) {
        return None;
    }
    // One allocation for both halves of the merge; the result is moved to the front at the end.
    let mut buf: Vec<usize> = (0..n).chain(std::iter::repeat_n(0, n)).collect();
    let mut in_second_half = false;
    let (mut a, mut b) = buf.split_at_mut(n);
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j, mut k) = (start, mid, start);
            while k < end {
                let take_left = match (a.get(i), a.get(j)) {
                    (Some(&x), Some(&y)) if i < mid && j < end => cmp(y, x) != Ordering::Less,
                    _ => i < mid,
                };
                let from = if take_left { &mut i } else { &mut j };
                if let (Some(slot), Some(&x)) = (b.get_mut(k), a.get(*from)) {
                    *slot = x;
                }
                *from += 1;
                k += 1;
            }
            start = end;
        }
        std::mem::swap(&mut a, &mut b);
        in_second_half = !in_second_half;
        width *= 2;
    }
    if in_second_half {
        buf.copy_within(n.., 0);
    }
    buf.truncate(n);
    Some(buf)
}

/// Rearranges `v` in place so that its i-th element is the old `perm[i]`-th, following each
/// cycle of the permutation with swaps (no copy of `v`); `perm` is used up as the visited marks.
fn permute<T>(v: &mut [T], perm: &mut [usize]) {
    const DONE: usize = usize::MAX;
    for i in 0..perm.len() {
        let mut j = i;
        // Each step marks one slot done, so a cycle ends within `perm.len()` steps.
        for _ in 0..perm.len() {
            let Some(k) = perm.get_mut(j).map(|p| std::mem::replace(p, DONE)) else { break };
            if k == DONE || k == i {
                break;
            }
            if k < v.len() && j < v.len() {
                v.swap(j, k);
            }
            j = k;
        }
    }
}

/// A small set kept as a sorted Vec without repeats: the order a `BTreeSet` iterates in, with
/// binary search for lookups and inserts. For the handful of names or paths a finding, a linter
/// or a form keeps, this costs a fraction of a B-tree's code in the Wasm (each `BTreeSet<T>`
/// brings its node code and its Clone/PartialEq/Drop), and building one never runs a sort.
/// Saved as a plain array; read from any array (sorted and deduplicated as it is read).
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(from = "Vec<T>", bound(deserialize = "T: Ord + serde::Deserialize<'de>"))]
pub struct SortedSet<T>(Vec<T>);

impl<T: serde::Serialize> serde::Serialize for SortedSet<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<T> Default for SortedSet<T> {
    fn default() -> Self {
        SortedSet(Vec::new())
    }
}

impl<T: Ord> SortedSet<T> {
    fn find<Q: Ord + ?Sized>(&self, q: &Q) -> Result<usize, usize>
    where
        T: std::borrow::Borrow<Q>,
    {
        self.0.binary_search_by(|t| t.borrow().cmp(q))
    }

    pub fn contains<Q: Ord + ?Sized>(&self, q: &Q) -> bool
    where
        T: std::borrow::Borrow<Q>,
    {
        self.find(q).is_ok()
    }

    /// Adds `v`; false if it was there already.
    pub fn insert(&mut self, v: T) -> bool {
        match self.find(&v) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, v);
                true
            }
        }
    }

    pub fn retain(&mut self, keep: impl FnMut(&T) -> bool) {
        self.0.retain(keep);
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T: Ord> FromIterator<T> for SortedSet<T> {
    /// Inserted one by one (no sort is instantiated), so any order and repeats are fine.
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut set = SortedSet::default();
        for v in items {
            set.insert(v);
        }
        set
    }
}

impl<T: Ord> From<Vec<T>> for SortedSet<T> {
    fn from(v: Vec<T>) -> Self {
        v.into_iter().collect()
    }
}

impl<T: Ord, const N: usize> From<[T; N]> for SortedSet<T> {
    fn from(v: [T; N]) -> Self {
        v.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (no randomness in gom-core, even in tests).
    fn lcg(seed: &mut u64) -> u64 {
        *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        *seed >> 33
    }

    #[test]
    fn agrees_with_std_stable_sort_on_every_length_up_to_200() {
        let mut seed = 7;
        for n in 0..200 {
            // Pairs (key, original position): equal keys must keep their original order.
            let v: Vec<(u64, usize)> = (0..n).map(|i| (lcg(&mut seed) % 13, i)).collect();
            let mut ours = v.clone();
            sort_by_key(&mut ours, |p| p.0);
            let mut std = v;
            std.sort_by_key(|p| p.0);
            assert_eq!(ours, std, "length {n}");
        }
    }

    #[test]
    fn sorts_strings_and_already_sorted_and_reversed_input() {
        let mut words = vec!["pear", "apple", "fig", "apple", "date"];
        sort(&mut words);
        assert_eq!(words, ["apple", "apple", "date", "fig", "pear"]);
        let mut asc: Vec<u32> = (0..1000).collect();
        sort(&mut asc);
        assert!(asc.windows(2).all(|w| w[0] <= w[1]));
        let mut desc: Vec<u32> = (0..1000).rev().collect();
        sort(&mut desc);
        assert_eq!(desc, (0..1000).collect::<Vec<u32>>());
    }

    #[test]
    fn small_sort_and_number_sort_agree_with_std() {
        let mut seed = 11;
        for n in (0..70).chain([200, 1000, 5000]) {
            for modulo in [7, 1000, u64::from(u32::MAX)] {
                let v: Vec<(u64, usize)> = (0..n).map(|i| (lcg(&mut seed) % modulo, i)).collect();
                let mut ours = v.clone();
                small_sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
                let mut std = v.clone();
                std.sort_by_key(|p| p.0);
                assert_eq!(ours, std, "length {n}");
                let mut nums: Vec<u32> = v.iter().map(|p| (p.0 * 2654435761 % (1 << 32)) as u32).collect();
                let mut want = nums.clone();
                sort_u32(&mut nums);
                want.sort_unstable();
                assert_eq!(nums, want, "length {n}");
            }
        }
        let mut edge = vec![u32::MAX, 0, u32::MAX, 1, 0x0100_0000, 0xFF, 0x100];
        edge.extend((0..40).rev());
        let mut want = edge.clone();
        sort_u32(&mut edge);
        want.sort_unstable();
        assert_eq!(edge, want);
    }

    #[test]
    fn sort_by_orders_by_the_comparator() {
        let mut v = vec![3, 1, 2];
        sort_by(&mut v, |a, b| b.cmp(a));
        assert_eq!(v, [3, 2, 1]);
    }

    #[test]
    fn sorted_set_is_sorted_unique_and_found_by_borrow() {
        let mut set: SortedSet<String> = ["b", "a", "c", "a"].iter().map(|s| s.to_string()).collect();
        assert_eq!(set.iter().map(String::as_str).collect::<Vec<_>>(), ["a", "b", "c"]);
        assert!(set.contains("b"));
        assert!(!set.insert("b".to_owned()));
        assert!(set.insert("ab".to_owned()));
        set.retain(|s| s != "c");
        assert_eq!(set.iter().map(String::as_str).collect::<Vec<_>>(), ["a", "ab", "b"]);
        let back: SortedSet<String> = serde_json::from_str(r#"["z","y","z"]"#).unwrap_or_default();
        assert_eq!(serde_json::to_string(&back).ok().as_deref(), Some(r#"["y","z"]"#));
    }
}
