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

    /// Locates many offsets at once. Offsets are visited in order, so a long single line costs
    /// one pass rather than one pass per offset.
    pub fn locate_many(&self, src: &str, offsets: &[usize]) -> Vec<(u32, u32)> {
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        order.sort_by_key(|&i| offsets[i]);
        let mut out = vec![(1, 1); offsets.len()];
        let (mut line, mut at, mut col) = (usize::MAX, 0usize, 1u32);
        for i in order {
            let off = offsets[i].min(src.len());
            let l = self.starts.partition_point(|&s| s as usize <= off) - 1;
            if l != line {
                line = l;
                at = self.starts[l] as usize;
                col = 1;
            }
            col += column(src, at, off) - 1;
            at = off.max(at);
            out[i] = (l as u32 + 1, col);
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
