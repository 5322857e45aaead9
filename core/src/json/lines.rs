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
            let newlines = seg.iter().filter(|&&b| b == b'\n').count();
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

/// 1-based column of `offset` on a line starting at `start`, counting code points.
fn column(src: &str, start: usize, offset: usize) -> u32 {
    let bytes = &src.as_bytes()[start..offset.max(start)];
    // Count the bytes that begin a code point.
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count() as u32 + 1
}
