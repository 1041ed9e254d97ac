//! [`LineIndex`]: byte offsets to line and column in O(log n), columns counted in chars even
//! on very long lines (a checkpoint every 4 KiB), so that locating many findings stays linear.

use zoomconn::Position;

/// Bytes between two column checkpoints of a long line.
const STEP: usize = 4096;

/// Line starts of a text, and char counts at checkpoints, to turn byte offsets into
/// [`Position`]s without rescanning the line each time.
///
/// ```
/// use zoomconn_sources::LineIndex;
/// let text = "a=1\nb=ü;c=2";
/// let index = LineIndex::new(text);
/// let p = index.locate(text, 9);
/// assert_eq!((p.line, p.column), (2, 5));
/// ```
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `(byte offset, column)` at every `STEP` bytes of long lines, on char boundaries.
    checkpoints: Vec<(usize, usize)>,
}

impl LineIndex {
    /// Indexes `text`.
    ///
    /// ```
    /// let _ = zoomconn_sources::LineIndex::new("a\nb");
    /// ```
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut checkpoints = Vec::new();
        let bytes = text.as_bytes();
        for (i, &start) in starts.iter().enumerate() {
            let end = starts.get(i + 1).copied().unwrap_or(bytes.len());
            if end - start <= STEP {
                continue;
            }
            let mut at = start;
            let mut column = 1;
            while at + STEP < end {
                let mut next = at + STEP;
                while !text.is_char_boundary(next) {
                    next -= 1;
                }
                column += count_chars(bytes.get(at..next).unwrap_or_default());
                at = next;
                checkpoints.push((at, column));
            }
        }
        LineIndex {
            starts,
            checkpoints,
        }
    }

    /// The position of byte `offset` of `text` (the text this index was built from); past the
    /// end, the end.
    ///
    /// ```
    /// let t = "ab\ncd";
    /// let p = zoomconn_sources::LineIndex::new(t).locate(t, 4);
    /// assert_eq!((p.offset, p.line, p.column), (4, 2, 2));
    /// ```
    pub fn locate(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let line_start = self.starts.get(line - 1).copied().unwrap_or(0);
        let cp = self.checkpoints.partition_point(|&(at, _)| at <= offset);
        let (from, column) = match cp.checked_sub(1).and_then(|i| self.checkpoints.get(i)) {
            Some(&(at, column)) if at >= line_start => (at, column),
            _ => (line_start, 1),
        };
        let column = column + count_chars(text.as_bytes().get(from..offset).unwrap_or_default());
        Position {
            offset,
            line,
            column,
        }
    }

    /// The byte range of line `line` (1-based) without its line end; empty past the end.
    ///
    /// ```
    /// let t = "ab\r\ncd";
    /// assert_eq!(zoomconn_sources::LineIndex::new(t).line_range(t, 1), 0..2);
    /// ```
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let Some(&start) = line.checked_sub(1).and_then(|i| self.starts.get(i)) else {
            return text.len()..text.len();
        };
        let mut end = self.starts.get(line).map_or(text.len(), |&next| next - 1);
        if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end.max(start)
    }
}

/// Chars in a byte slice: bytes that do not continue a UTF-8 sequence.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xc0) != 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_position_locate() {
        let long = format!("x\n{}é{}\r\nz", "ab".repeat(5000), "ü".repeat(3000));
        let index = LineIndex::new(&long);
        for offset in (0..=long.len()).step_by(7).chain([long.len()]) {
            assert_eq!(
                index.locate(&long, offset),
                Position::locate(&long, offset),
                "{offset}"
            );
        }
    }
}
