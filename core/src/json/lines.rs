//! Byte offsets to 1-based line and column numbers.

/// Newline positions of a text, built once; columns count Unicode characters (code points).
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts.
    starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(src: &str) -> LineIndex {
        let mut starts = vec![0u32];
        starts.extend(src.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i as u32 + 1));
        LineIndex { starts }
    }

    /// The 1-based (line, column) of a byte offset. Offsets past the end clamp to the end.
    pub fn locate(&self, src: &str, offset: usize) -> (u32, u32) {
        let offset = offset.min(src.len());
        let line = self.starts.partition_point(|&s| s as usize <= offset) - 1;
        let start = self.starts[line] as usize;
        (line as u32 + 1, column(src, start, offset))
    }

    /// Locates many offsets at once, in one forward pass over the text up to the last offset
    /// (newlines are counted a slice at a time, which the compiler vectorises), without building
    /// the line table.
    pub fn locate_many(src: &str, offsets: &[usize]) -> Vec<(u32, u32)> {
        let bytes = src.as_bytes();
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        crate::sort::sort_by_key(&mut order, |&i| offsets.get(i).copied().unwrap_or(0));
        let mut out = vec![(1, 1); offsets.len()];
        // `col` is the column of `pos`; columns grow incrementally along a line, so many findings
        // on one long line (a minified bundle) cost one pass, not one pass each.
        let (mut pos, mut line, mut col) = (0usize, 1u32, 1u32);
        for i in order {
            let off = offsets.get(i).copied().unwrap_or(0).min(bytes.len()).max(pos);
            let seg = bytes.get(pos..off).unwrap_or(&[]);
            let newlines = count_newlines(seg);
            if newlines > 0 {
                line += newlines as u32;
                let line_start = pos + seg.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
                col = column(src, line_start, off);
            } else {
                col += column(src, pos, off) - 1;
            }
            pos = off;
            if let Some(slot) = out.get_mut(i) {
                *slot = (line, col);
            }
        }
        out
    }
}

/// Newlines in `bytes`, eight bytes at a time (exact: no borrow crosses lanes).
fn count_newlines(bytes: &[u8]) -> usize {
    const fn repeat(b: u8) -> u64 {
        u64::from_ne_bytes([b; 8])
    }
    let mut chunks = bytes.chunks_exact(8);
    let mut n = 0usize;
    for chunk in &mut chunks {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else { continue };
        let x = u64::from_le_bytes(word) ^ repeat(b'\n');
        // High bit of each lane set when the lane is nonzero; count the lanes where it is not.
        let nonzero = ((x & repeat(0x7f)) + repeat(0x7f)) | x;
        n += (!nonzero & repeat(0x80)).count_ones() as usize;
    }
    n + chunks.remainder().iter().filter(|&&b| b == b'\n').count()
}

/// 1-based column of `offset` on a line starting at `start`, counting code points.
fn column(src: &str, start: usize, offset: usize) -> u32 {
    let bytes = &src.as_bytes()[start..offset.max(start)];
    // Count the bytes that begin a code point.
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count() as u32 + 1
}
