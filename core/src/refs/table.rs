//! A compact hash index from a key's 64-bit hash to a `u32` (an entry or key number).
//!
//! The fullUrl and `Type/id` maps are probed once per reference at random places: with keys
//! stored in the table (`Cow<str>` pairs, 32–56 bytes a slot) a 50,000-entry bundle's maps
//! outgrow the caches and each probe costs a trip to memory. Here a slot is 8 bytes (a 32-bit tag
//! from the hash and the value), the table is sized once from the key count at half load, and
//! the key's text is compared only when the tag matches, through a closure that reads it where it
//! already lives (the entry). Linear probing keeps a probe's slots on one or two cache lines.

const EMPTY: u32 = u32::MAX;

pub(super) struct Table {
    /// (tag, value); `value == EMPTY` marks a free slot.
    slots: Vec<(u32, u32)>,
    /// `slots.len() - 1` (a power of two less one).
    mask: usize,
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
    pub(super) fn with_keys(n: usize) -> Table {
        let len = n.saturating_mul(2).max(8).next_power_of_two();
        Table { slots: vec![(0, EMPTY); len], mask: len - 1 }
    }

    #[inline]
    fn start(&self, h: u64) -> (usize, u32) {
        let h = mix(h);
        ((h >> 32) as usize & self.mask, h as u32)
    }

    /// The value stored under the key hashing to `hash` for which `same` is true.
    #[inline]
    pub(super) fn find(&self, hash: u64, mut same: impl FnMut(u32) -> bool) -> Option<u32> {
        let (mut i, tag) = self.start(hash);
        // At most every slot once: the table is never full, but the bound costs nothing.
        for _ in 0..self.slots.len() {
            let &(t, v) = self.slots.get(i)?;
            if v == EMPTY {
                return None;
            }
            if t == tag && same(v) {
                return Some(v);
            }
            i = (i + 1) & self.mask;
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
    pub(super) fn insert(&mut self, hash: u64, value: u32, mut same: impl FnMut(u32) -> bool) -> Option<u32> {
        let (mut i, tag) = self.start(hash);
        for _ in 0..self.slots.len() {
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
        debug_assert!(false, "the table was sized for fewer keys");
        None
    }
}
