//! A compact hash index from a key's 64-bit hash to a `u32` (an entry or key number).
//!
//! The fullUrl and `Type/id` maps are probed once per reference at random places: with keys
//! stored in the table (`Cow<str>` pairs, 32–56 bytes a slot) a 50,000-entry bundle's maps
//! outgrow the caches and each probe costs a trip to memory. Here a slot is 8 bytes (a 32-bit tag
//! from the hash and the value), the table is sized once from the key count at half load, and
//! the key's text is compared only when the tag matches, through a closure that reads it where it
//! already lives (the entry). Linear probing keeps a probe's slots on one or two cache lines.
//!
//! The hash is unkeyed (gom-core has no randomness to key it with), so a crafted bundle can give
//! thousands of fullUrls one hash: every such key would then probe past all the others, and
//! building the index would be quadratic. So no probe goes past [`MAX_PROBE`] slots: a key that
//! finds no room within them goes to an overflow list, sorted by the key itself once every key
//! is in ([`Table::seal`]) and binary-searched. Random keys at half load practically never get
//! there (a run of 32 full slots); colliding keys cost at most 32 probes and a binary search
//! each, so the worst case is O(n log n), not O(n²).

use std::cmp::Ordering;

const EMPTY: u32 = u32::MAX;

/// The most slots one probe visits before the key goes to (or is looked up in) the overflow.
const MAX_PROBE: usize = 32;

pub(super) struct Table {
    /// (tag, value); `value == EMPTY` marks a free slot.
    slots: Vec<(u32, u32)>,
    /// `slots.len() - 1` (a power of two less one).
    mask: usize,
    /// Values whose key found no free slot within [`MAX_PROBE`]: in insertion order until
    /// [`Table::seal`], then sorted by key (one value per key, the first inserted).
    overflow: Vec<u32>,
    /// Slots visited and keys compared, for the tests' bounds on adversarial keys.
    #[cfg(test)]
    pub(super) probes: std::cell::Cell<usize>,
}

/// Spreads every bit of an FxHash over the whole word (its low bits are weak): the slot comes
/// from the high bits, the tag from the low ones.
#[inline]
fn mix(h: u64) -> u64 {
    let h = (h ^ (h >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd);
    let h = (h ^ (h >> 33)).wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

impl Table {
    /// A table for up to `n` keys.
    #[cfg(test)]
    pub(super) fn with_keys(n: usize) -> Table {
        Self::with_keys_in(n, Vec::new())
    }

    /// [`Self::with_keys`] in the allocation of `slots` (whatever it held is overwritten).
    pub(super) fn with_keys_in(n: usize, mut slots: Vec<(u32, u32)>) -> Table {
        let len = n.saturating_mul(2).max(8).next_power_of_two();
        slots.clear();
        slots.resize(len, (0, EMPTY));
        Table {
            slots,
            mask: len - 1,
            overflow: Vec::new(),
            #[cfg(test)]
            probes: std::cell::Cell::new(0),
        }
    }

    /// Empties the table and sizes it for up to `n` keys, in the allocation it has.
    pub(super) fn reset(&mut self, n: usize) {
        let len = n.saturating_mul(2).max(8).next_power_of_two();
        self.slots.clear();
        self.slots.resize(len, (0, EMPTY));
        self.mask = len - 1;
        self.overflow.clear();
    }

    /// The slots' vector, for the next table ([`Self::with_keys_in`]).
    pub(super) fn into_slots(self) -> Vec<(u32, u32)> {
        self.slots
    }

    #[inline]
    fn start(&self, h: u64) -> (usize, u32) {
        let h = mix(h);
        ((h >> 32) as usize & self.mask, h as u32)
    }

    #[inline]
    fn count(&self) {
        #[cfg(test)]
        self.probes.set(self.probes.get() + 1);
    }

    /// The value stored under the key hashing to `hash` for which `same` is true; `order` gives
    /// the key's order against a stored value's key (`Less` when the key sorts first), for the
    /// overflow's binary search.
    #[inline]
    pub(super) fn find(
        &self,
        hash: u64,
        mut same: impl FnMut(u32) -> bool,
        order: impl FnMut(u32) -> Ordering,
    ) -> Option<u32> {
        let (mut i, tag) = self.start(hash);
        for _ in 0..MAX_PROBE.min(self.slots.len()) {
            self.count();
            let &(t, v) = self.slots.get(i)?;
            if v == EMPTY {
                return None;
            }
            if t == tag && same(v) {
                return Some(v);
            }
            i = (i + 1) & self.mask;
        }
        // Every slot within reach was taken: the key, if stored, overflowed when it was inserted
        // (slots are never freed, so they were all taken then too).
        self.find_overflow(order)
    }

    #[cold]
    fn find_overflow(&self, mut order: impl FnMut(u32) -> Ordering) -> Option<u32> {
        let (mut lo, mut hi) = (0, self.overflow.len());
        while lo < hi {
            self.count();
            let mid = lo + (hi - lo) / 2;
            let v = *self.overflow.get(mid)?;
            match order(v) {
                Ordering::Equal => return Some(v),
                Ordering::Less => hi = mid,
                Ordering::Greater => lo = mid + 1,
            }
        }
        None
    }

    /// Reads the first slot a probe for each of `hashes` looks at, in one loop of loads that do
    /// not depend on each other, so a batch's cache misses overlap and its slots are in cache
    /// when the real probes come a moment later (only the loads matter, not the values read).
    pub(super) fn touch_all(&self, hashes: impl Iterator<Item = u64>) {
        let touched = hashes.fold(0u32, |acc, h| {
            let (i, _) = self.start(h);
            acc ^ self.slots.get(i).map_or(0, |s| s.0)
        });
        std::hint::black_box(touched);
    }

    /// Stores `value` under `hash` unless a key for which `same` is true is there already;
    /// returns that key's value then. Callers size the table for every key they insert (one
    /// fullUrl per entry, at most three `Type/id` keys per entry), so it stays at most half full.
    /// A key that finds no free slot within [`MAX_PROBE`] goes to the overflow, whose repeats
    /// [`Table::seal`] reports.
    pub(super) fn insert(&mut self, hash: u64, value: u32, mut same: impl FnMut(u32) -> bool) -> Option<u32> {
        let (mut i, tag) = self.start(hash);
        for _ in 0..MAX_PROBE.min(self.slots.len()) {
            self.count();
            let slot = self.slots.get_mut(i)?;
            if slot.1 == EMPTY {
                *slot = (tag, value);
                return None;
            }
            if slot.0 == tag && same(slot.1) {
                return Some(slot.1);
            }
            i = (i + 1) & self.mask;
        }
        self.overflow.push(value);
        None
    }

    /// Sorts the overflow by key (`cmp` orders two stored values by their keys) once every key
    /// is in, keeping the first value inserted of each key; returns the repeats as (value, first
    /// value with that key), in insertion order. Nothing to do, and no call of `cmp`, when no key
    /// overflowed.
    pub(super) fn seal(&mut self, cmp: impl Fn(u32, u32) -> Ordering) -> Vec<(u32, u32)> {
        let mut repeats = Vec::new();
        if self.overflow.is_empty() {
            return repeats;
        }
        // Values are increasing in insertion order, so (key, value) puts each key's first first.
        #[cfg(test)]
        let probes = &self.probes;
        crate::sort::sort_by(&mut self.overflow, |&a, &b| {
            #[cfg(test)]
            probes.set(probes.get() + 1);
            cmp(a, b).then(a.cmp(&b))
        });
        let mut kept: Vec<u32> = Vec::with_capacity(self.overflow.len());
        for &v in &self.overflow {
            match kept.last() {
                Some(&first) if cmp(first, v) == Ordering::Equal => repeats.push((v, first)),
                _ => kept.push(v),
            }
        }
        self.overflow = kept;
        crate::sort::sort_by_key(&mut repeats, |r| r.0);
        repeats
    }
}
