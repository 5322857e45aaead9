//! Unicode case mapping for CESQL's `LOWER` and `UPPER`, the same as `str::to_lowercase` and
//! `str::to_uppercase` (the Go, Java and JS SDKs map case by Unicode too; the spec's strings are
//! "sequences of Unicode characters"), from tables a fifth of the size of the standard
//! library's: runs of characters that move by one offset instead of one entry per character.
//! The tables are generated from the standard library by the test `tables_are_current`, which
//! fails (and rewrites `tables.rs` when `GOM_REGEN_CASE=1`) if the toolchain's Unicode differs.

#[rustfmt::skip]
mod tables;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

use tables::{CASED, CASE_IGNORABLE, LOWER, LOWER_MULTI, UPPER, UPPER_MULTI};

/// `s` in lowercase, as `str::to_lowercase` (with its word-final sigma).
pub(crate) fn lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if c == 'Σ' {
            let before = s.get(..i).unwrap_or("").chars().rev();
            let after = s.get(i + 'Σ'.len_utf8()..).unwrap_or("").chars();
            out.push(if ignorable_then_cased(before) && !ignorable_then_cased(after) { 'ς' } else { 'σ' });
        } else {
            push_mapped(&mut out, c, LOWER, LOWER_MULTI);
        }
    }
    out
}

/// `s` in uppercase, as `str::to_uppercase`.
pub(crate) fn upper(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_uppercase());
        } else {
            push_mapped(&mut out, c, UPPER, UPPER_MULTI);
        }
    }
    out
}

fn push_mapped(out: &mut String, c: char, runs: &[(u32, i32)], multi: &[(char, &str)]) {
    if let Ok(i) = multi.binary_search_by_key(&c, |&(k, _)| k) {
        if let Some((_, to)) = multi.get(i) {
            out.push_str(to);
            return;
        }
    }
    out.push(map(c, runs).unwrap_or(c));
}

/// A run is `(start << 8 | stride_two << 7 | len, offset)`: the `len` characters from `start`
/// (every other one when `stride_two`) map to themselves plus `offset`.
fn map(c: char, runs: &[(u32, i32)]) -> Option<char> {
    let cp = u32::from(c);
    let i = runs.partition_point(|&(k, _)| k >> 8 <= cp).checked_sub(1)?;
    let &(k, offset) = runs.get(i)?;
    let (start, stride, len) = (k >> 8, if k & 0x80 == 0 { 1 } else { 2 }, k & 0x7f);
    let off = cp - start;
    if off % stride != 0 || off / stride >= len {
        return None;
    }
    char::from_u32(cp.checked_add_signed(offset)?)
}

/// Unicode's test for a final sigma: skipping case-ignorable characters, the next one is cased.
fn ignorable_then_cased(mut chars: impl Iterator<Item = char>) -> bool {
    chars.find(|&c| !in_ranges(CASE_IGNORABLE, c)).is_some_and(|c| in_ranges(CASED, c))
}

/// Whether `c` is in a set stored as LEB128 pairs (gap from the end of the previous range,
/// length of the range less one).
fn in_ranges(set: &[u8], c: char) -> bool {
    let cp = u32::from(c);
    let mut bytes = set.iter();
    let mut next = || {
        let mut v = 0u32;
        for shift in [0, 7, 14] {
            let b = u32::from(*bytes.next()?);
            v |= (b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    };
    let mut end = 0u32; // one past the previous range
    while let (Some(gap), Some(len)) = (next(), next()) {
        let start = end + gap;
        if cp < start {
            return false;
        }
        if cp <= start + len {
            return true;
        }
        end = start + len + 1;
    }
    false
}
