//! Byte offsets → 1-based line and column (columns count chars, as editors and rustc do).

/// A position in a text: byte offset, 1-based line and 1-based column counted in chars.
///
/// Lines end at `\n` (so `\r\n` counts once); a lone `\r` does not start a new line.
///
/// ```
/// use zoomconn::Position;
/// let p = Position::locate("a=1;\nb=ü;c", 10);
/// assert_eq!((p.offset, p.line, p.column), (10, 2, 5));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Position {
    /// Byte offset from the start of the text.
    pub offset: usize,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in chars (Unicode scalar values).
    pub column: usize,
}

impl Position {
    /// Locates byte `offset` in `text`. An offset past the end is clamped to the end; an offset
    /// inside a multi-byte char counts that char as started.
    ///
    /// ```
    /// use zoomconn::Position;
    /// assert_eq!(Position::locate("ab\ncd", 4).column, 2);
    /// ```
    pub fn locate(text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let before = &text.as_bytes()[..offset];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        // Count chars as non-continuation bytes: works on any byte prefix.
        let column = 1 + before[line_start..]
            .iter()
            .filter(|&&b| (b & 0xc0) != 0x80)
            .count();
        Position {
            offset,
            line,
            column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Position;

    #[test]
    fn table() {
        for (text, off, line, col) in [
            ("", 0, 1, 1),
            ("abc", 2, 1, 3),
            ("a\nb", 2, 2, 1),
            ("a\r\nb", 3, 2, 1),
            ("ü=1;x", 4, 1, 4),
            ("abc", 99, 1, 4),
        ] {
            let p = Position::locate(text, off);
            assert_eq!((p.line, p.column), (line, col), "{text:?} @ {off}");
        }
    }
}
