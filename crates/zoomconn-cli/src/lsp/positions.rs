//! Byte offsets of a document ↔ LSP positions (line, character), characters counted in
//! UTF-16 code units or in UTF-8 bytes as the client and server agreed. Lines end at `\n`,
//! `\r\n` or a lone `\r`, as the protocol says. Positions past the end of a line or of the
//! document are clamped to it, and a position inside a character (between the two halves of a
//! surrogate pair) to that character's start: a client can never make an offset that is not a
//! char boundary.

use lsp_types::Position;

/// How the client counts characters in a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// UTF-16 code units: the protocol's default.
    Utf16,
    /// UTF-8 bytes: when the client offers `utf-8` in `general.positionEncodings`.
    Utf8,
}

/// Bytes between two column checkpoints of a long non-ASCII line.
const STEP: usize = 4096;

/// The line starts of a text, which lines are all ASCII, and column checkpoints on long
/// non-ASCII lines, so that each conversion costs O(log n + STEP).
///
/// ```
/// use crate::lsp::positions::{Encoding, Index};
/// let text = "a\n🚀=b";
/// let index = Index::new(text);
/// let p = index.position(text, 6, Encoding::Utf16);
/// assert_eq!((p.line, p.character), (1, 2));
/// assert_eq!(index.offset(text, p, Encoding::Utf16), 6);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Index {
    /// `(start, all ASCII)` of every line.
    lines: Vec<(usize, bool)>,
    /// `(byte offset, UTF-16 column)` every `STEP` bytes of long non-ASCII lines.
    checkpoints: Vec<(usize, u32)>,
}

impl Index {
    /// Indexes `text` in one pass.
    pub(crate) fn new(text: &str) -> Index {
        let mut lines = Vec::with_capacity(text.len() / 40 + 1);
        scan_lines(text.as_bytes(), 0, &mut lines, |_| false);
        let mut index = Index {
            lines,
            checkpoints: Vec::new(),
        };
        let mut checkpoints = Vec::new();
        for line in 0..index.lines.len() {
            index.line_checkpoints(text, line, &mut checkpoints);
        }
        index.checkpoints = checkpoints;
        index
    }

    /// Updates the index of a text in which the bytes `start..old_end` were replaced by
    /// `start..new_end` of `text` (the text after): the lines before the edit and after it are
    /// kept (those after shifted), the lines it touched indexed again — the same index as
    /// [`Index::new`] of `text`, in time that does not grow with the lines the edit did not
    /// touch but for one shift of the line starts.
    ///
    /// ```
    /// use crate::lsp::positions::Index;
    /// let (before, after) = ("a\r\nb\nc", "a\r\nbé\nc");
    /// let mut index = Index::new(before);
    /// index.edit(after, 4, 4, 6);
    /// assert_eq!(index, Index::new(after));
    /// ```
    pub(crate) fn edit(&mut self, text: &str, start: usize, old_end: usize, new_end: usize) {
        // From the line before the one holding `start`: a `\r` before it and a `\n` typed
        // after it make one line break. That line's start is before `start - 1`, so it stays.
        let line = self
            .lines
            .partition_point(|&(s, _)| s <= start)
            .saturating_sub(1);
        let first = line.saturating_sub(1);
        let from = self.lines.get(first).map_or(0, |&(s, _)| s);
        // A line start at or after `new_end + 2` follows two bytes the edit did not touch: it
        // is a line start of the text before, `old_end + 2` or later, shifted, and so is every
        // line after it.
        let mut scanned = Vec::new();
        let resync = scan_lines(text.as_bytes(), from, &mut scanned, |p| p >= new_end + 2);
        let shift = |at: usize| (at + new_end).saturating_sub(old_end);
        let (kept, kept_cps) = match resync {
            Some(p) => {
                let old = p + old_end - new_end;
                let j = self.lines.partition_point(|&(s, _)| s < old);
                if self.lines.get(j).is_none_or(|&(s, _)| s != old) {
                    // Not an index of the text before the edit: index the text again.
                    *self = Index::new(text);
                    return;
                }
                let cp = self.checkpoints.partition_point(|&(at, _)| at < old);
                (j, cp)
            }
            None => (self.lines.len(), self.checkpoints.len()),
        };
        let first_cp = self.checkpoints.partition_point(|&(at, _)| at < from);
        let count = scanned.len();
        self.lines.splice(first..kept, scanned);
        for l in self.lines.get_mut(first + count..).unwrap_or_default() {
            l.0 = shift(l.0);
        }
        let mut checkpoints = Vec::new();
        for line in first..first + count {
            self.line_checkpoints(text, line, &mut checkpoints);
        }
        let tail = self.checkpoints.split_off(kept_cps);
        self.checkpoints.truncate(first_cp);
        self.checkpoints.extend(checkpoints);
        self.checkpoints
            .extend(tail.into_iter().map(|(at, column)| (shift(at), column)));
    }

    /// Pushes the column checkpoints of line `line` onto `out`: none for an ASCII line or a
    /// short one.
    fn line_checkpoints(&self, text: &str, line: usize, out: &mut Vec<(usize, u32)>) {
        let (start, ascii) = self.lines.get(line).copied().unwrap_or((0, true));
        let end = self.line_end(text, line);
        if ascii || end - start <= STEP {
            return;
        }
        let mut at = start;
        let mut column = 0u32;
        while at + STEP < end {
            let mut next = at + STEP;
            while !text.is_char_boundary(next) {
                next -= 1;
            }
            column += utf16_len(text.get(at..next).unwrap_or_default());
            at = next;
            out.push((at, column));
        }
    }

    /// The end of line `line` (0-based), its line break excluded.
    fn line_end(&self, text: &str, line: usize) -> usize {
        let end = self
            .lines
            .get(line + 1)
            .map_or(text.len(), |&(next, _)| next);
        let bytes = text.as_bytes();
        let mut end = end;
        let start = self.lines.get(line).map_or(0, |&(s, _)| s);
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        end
    }

    /// The position of byte `offset` (clamped to the text, floored to a char boundary).
    pub(crate) fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self
            .lines
            .partition_point(|&(s, _)| s <= offset)
            .saturating_sub(1);
        let (start, ascii) = self.lines.get(line).copied().unwrap_or((0, true));
        // An offset inside a `\r\n` counts as the end of its line.
        let offset = offset.min(self.line_end(text, line)).max(start);
        let character = if ascii || encoding == Encoding::Utf8 {
            to_u32(offset - start)
        } else {
            let (from, column) = self.checkpoint(start, offset);
            column + utf16_len(text.get(from..offset).unwrap_or_default())
        };
        Position::new(to_u32(line), character)
    }

    /// The byte offset of `position`: a line past the end is the end of the text, a character
    /// past the end of its line the end of the line.
    pub(crate) fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let line = position.line as usize;
        let Some(&(start, ascii)) = self.lines.get(line) else {
            return text.len();
        };
        let end = self.line_end(text, line);
        let wanted = position.character as usize;
        if ascii || encoding == Encoding::Utf8 {
            let mut at = (start + wanted).min(end);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            return at;
        }
        // The last checkpoint at or before the wanted column, then char by char.
        let first = self.checkpoints.partition_point(|&(at, _)| at <= start);
        let last = self.checkpoints.partition_point(|&(at, _)| at < end);
        let cps = self.checkpoints.get(first..last).unwrap_or_default();
        let i = cps.partition_point(|&(_, col)| (col as usize) <= wanted);
        let (mut at, mut column) = match i.checked_sub(1).and_then(|i| cps.get(i)) {
            Some(&(at, col)) => (at, col as usize),
            None => (start, 0),
        };
        for c in text.get(at..end).unwrap_or_default().chars() {
            let next = column + c.len_utf16();
            if next > wanted {
                break;
            }
            column = next;
            at += c.len_utf8();
        }
        at
    }

    /// The last checkpoint of the line starting at `start` at or before `offset`.
    fn checkpoint(&self, start: usize, offset: usize) -> (usize, u32) {
        let i = self.checkpoints.partition_point(|&(at, _)| at <= offset);
        match i.checked_sub(1).and_then(|i| self.checkpoints.get(i)) {
            Some(&(at, column)) if at > start => (at, column),
            _ => (start, 0),
        }
    }

    /// The LSP range of a byte range.
    pub(crate) fn range(
        &self,
        text: &str,
        r: std::ops::Range<usize>,
        encoding: Encoding,
    ) -> lsp_types::Range {
        lsp_types::Range::new(
            self.position(text, r.start, encoding),
            self.position(text, r.end.max(r.start), encoding),
        )
    }
}

/// Pushes `(start, all ASCII)` of the lines of `bytes` from `from` (a line start) onto
/// `lines`, up to a line start for which `stop` holds (returned) or to the end of the text
/// (`None`, its last line pushed).
fn scan_lines(
    bytes: &[u8],
    from: usize,
    lines: &mut Vec<(usize, bool)>,
    stop: impl Fn(usize) -> bool,
) -> Option<usize> {
    let mut start = from;
    let mut ascii = true;
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        if b == b'\n' || b == b'\r' {
            let next = if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i + 2
            } else {
                i + 1
            };
            lines.push((start, ascii));
            if stop(next) {
                return Some(next);
            }
            start = next;
            ascii = true;
            i = next;
            continue;
        }
        ascii &= b < 0x80;
        i += 1;
    }
    lines.push((start, ascii));
    None
}

fn utf16_len(s: &str) -> u32 {
    to_u32(s.chars().map(char::len_utf16).sum::<usize>())
}

/// Offsets and columns fit in `u32` for texts under 4 GiB; beyond, they saturate.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plain twin: positions by scanning the text from the start.
    fn plain(text: &str, offset: usize, encoding: Encoding) -> (u32, u32) {
        let mut line = 0;
        let mut column = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if i >= offset {
                break;
            }
            if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
                if i + 1 >= offset {
                    break;
                }
                continue;
            }
            if c == '\n' || c == '\r' {
                line += 1;
                column = 0;
            } else {
                column += match encoding {
                    Encoding::Utf16 => c.len_utf16(),
                    Encoding::Utf8 => c.len_utf8(),
                } as u32;
            }
        }
        (line, column)
    }

    #[test]
    fn agrees_with_a_plain_scan_both_ways() {
        let long = format!("{}é{}", "ab".repeat(3000), "🚀x".repeat(2000));
        let texts = [
            "",
            "a",
            "a\nb",
            "🚀=1;\r\né=2\rz",
            "x\n\n\r\n🎉🎉\n",
            long.as_str(),
        ];
        for text in texts {
            let index = Index::new(text);
            for encoding in [Encoding::Utf16, Encoding::Utf8] {
                for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                    let p = index.position(text, offset, encoding);
                    assert_eq!(
                        (p.line, p.character),
                        plain(text, offset, encoding),
                        "{encoding:?} {offset}"
                    );
                    let back = index.offset(text, p, encoding);
                    // `\r` of `\r\n` is the end of its line: both map to the line end.
                    let expected = if text.get(offset..).is_some_and(|r| r.starts_with('\n'))
                        && offset > 0
                        && text.as_bytes().get(offset - 1) == Some(&b'\r')
                    {
                        offset - 1
                    } else {
                        offset
                    };
                    assert_eq!(back, expected, "{encoding:?} {offset}");
                }
            }
        }
    }

    #[test]
    fn an_edited_index_is_a_new_index() {
        // Line breaks of every kind, typed next to each other, and long non-ASCII lines
        // (column checkpoints) grown and cut.
        let long = "é".repeat(1500);
        let pieces = ["a", "é", "🚀", "\r", "\n", "\r\n", long.as_str(), "b=1;"];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..40 {
            let mut text: String = (0..next(12)).map(|_| pieces[next(pieces.len())]).collect();
            let mut index = Index::new(&text);
            for _ in 0..50 {
                let boundaries: Vec<usize> = text
                    .char_indices()
                    .map(|(i, _)| i)
                    .chain([text.len()])
                    .collect();
                let start = boundaries[next(boundaries.len())];
                let end = (start + next(6000)).min(text.len());
                let end = (end..=text.len())
                    .find(|&e| text.is_char_boundary(e))
                    .unwrap();
                let new: String = (0..next(3)).map(|_| pieces[next(pieces.len())]).collect();
                let before = text.clone();
                text.replace_range(start..end, &new);
                index.edit(&text, start, end, start + new.len());
                assert_eq!(
                    index,
                    Index::new(&text),
                    "{before:?} {start}..{end} {new:?}"
                );
            }
        }
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let text = "ab\n🚀c";
        let index = Index::new(text);
        let table = [
            ((0, 99), 2),
            ((1, 1), 3), // inside the surrogate pair: the emoji's start
            ((1, 2), 7),
            ((1, 99), 8),
            ((9, 0), 8),
            ((u32::MAX, u32::MAX), 8),
        ];
        for ((line, character), offset) in table {
            assert_eq!(
                index.offset(text, Position::new(line, character), Encoding::Utf16),
                offset,
                "{line}:{character}"
            );
        }
        assert_eq!(
            index.position(text, 99, Encoding::Utf16),
            Position::new(1, 3)
        );
    }
}
