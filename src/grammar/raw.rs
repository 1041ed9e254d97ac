//! [`Raw`]: one segment as byte offsets into its source, and the decoding of its escapes.

use crate::grammar::chars;

/// How a segment's value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum ValueForm {
    /// `k=` — a null value, which removes the key.
    #[default]
    Null,
    /// Unquoted text, trimmed.
    Plain,
    /// `'…'` or `"…"` (the byte is the quote).
    Quoted(u8),
    /// ODBC `{…}`; the braces belong to the value.
    Braced,
}

/// A segment as offsets into the source: what the driver hands to its sinks. Offsets fit in
/// 32 bits where the map stores them: the driver rejects inputs over [`MAX_LEN`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Raw {
    pub key_start: usize,
    pub key_end: usize,
    pub v_start: usize,
    pub v_end: usize,
    /// Where the segment's leading separators and white space start.
    pub leading: usize,
    /// Past the segment's `;` (or its last byte when none follows).
    pub end: usize,
    pub form: ValueForm,
    /// The key holds `==` (ADO).
    pub key_escaped: bool,
    /// The quoted value holds a doubled quote.
    pub value_escaped: bool,
    /// The key is ASCII.
    pub key_ascii: bool,
}

/// The empty key of a segment whose offsets do not fit its source (never the case for a
/// segment of the driver): out of line, so that the common path branches instead of selecting.
#[cold]
#[inline(never)]
fn empty() -> &'static [u8] {
    &[]
}

/// Largest input accepted: offsets are kept in 31 bits inside [`crate::ConnectionString`].
pub(crate) const MAX_LEN: usize = (1 << 31) - 1;

impl Raw {
    /// The key as written (escapes not decoded).
    #[inline]
    pub(crate) fn raw_key(self, src: &str) -> &str {
        src.get(self.key_start..self.key_end).unwrap_or_default()
    }

    /// The bytes of the key as written.
    #[inline]
    pub(crate) fn raw_key_bytes(self, src: &str) -> &[u8] {
        match src.as_bytes().get(self.key_start..self.key_end) {
            Some(key) => key,
            None => empty(),
        }
    }

    /// The value's text without quotes (escapes not decoded), `None` for a null value.
    #[inline]
    pub(crate) fn raw_value(self, src: &str) -> Option<&str> {
        let (start, end) = (self.v_start, self.v_end);
        match self.form {
            ValueForm::Null => None,
            ValueForm::Plain | ValueForm::Braced => src.get(start..end),
            ValueForm::Quoted(_) => src.get(start + 1..end - 1),
        }
    }

    /// Is the value null (`k=`)?
    #[inline(always)]
    pub(crate) fn is_null(self) -> bool {
        self.form == ValueForm::Null
    }

    /// The quote that delimits the value (`'`, `"`, or `{` for an ODBC braced value).
    pub(crate) fn quote(self) -> Option<char> {
        match self.form {
            ValueForm::Quoted(q) => Some(q as char),
            ValueForm::Braced => Some('{'),
            _ => None,
        }
    }

    /// Offset in the source of byte `offset` of this segment's decoded value `decoded`: each
    /// quote of a doubled pair is one byte of the decoded value and two of the source.
    pub(crate) fn value_offset(self, decoded: &str, offset: usize) -> usize {
        match self.form {
            ValueForm::Quoted(q) => {
                let before = decoded
                    .as_bytes()
                    .get(..offset)
                    .unwrap_or(decoded.as_bytes());
                let doubled = if self.value_escaped {
                    before.iter().filter(|&&c| c == q).count()
                } else {
                    0
                };
                self.v_start + 1 + offset + doubled
            }
            _ => self.v_start + offset,
        }
    }

    /// Appends the decoded key to `out`.
    pub(crate) fn decode_key_into(self, src: &str, out: &mut String) {
        let raw = self.raw_key(src);
        if self.key_escaped {
            let mut rest = raw;
            // `at` is where `find` saw `==`: `..=at` and `at + 2..` are in bounds, on ASCII bytes.
            while let Some(at) = rest.find("==") {
                out.push_str(&rest[..=at]);
                rest = &rest[at + 2..];
            }
            out.push_str(rest);
        } else {
            out.push_str(raw);
        }
    }

    /// Appends the decoded value to `out` (nothing for a null value).
    pub(crate) fn decode_value_into(self, src: &str, out: &mut String) {
        let raw = self.raw_value(src).unwrap_or_default();
        match self.form {
            ValueForm::Quoted(q) if self.value_escaped => undouble_into(raw, q, out),
            _ => out.push_str(raw),
        }
    }
}

/// Decoded bytes are gathered in a buffer on the stack and appended to the output in chunks of
/// about this many bytes.
const CHUNK: usize = 1024;

/// Values this long or longer are decoded eight bytes at a time.
const LONG: usize = 512;

/// Appends `raw` with each doubled `q` written once. The tokenizer accepted `raw` as the inside
/// of a quoted value, so every `q` in it is the first of a pair.
///
/// A block of 32 bytes per step: the second quotes of the block's pairs are found as bits
/// ([`chars::second_quotes`]) and squeezed out of each of its words ([`chars::squeeze`]),
/// which is stored whole into a buffer on the stack; the buffer advances by the bytes kept. The
/// buffer is appended whenever it holds a chunk, up to its last char boundary (dropping an
/// ASCII quote never splits a char). The last bytes, fewer than a block, go one by one.
#[inline]
pub(crate) fn undouble_into(raw: &str, q: u8, out: &mut String) {
    if raw.len() < LONG {
        undouble_short(raw, q, out);
    } else {
        undouble_long(raw, q, out);
    }
}

/// [`undouble_into`] for a long value, out of line: its buffer stays off the stack of the
/// common, short values.
#[inline(never)]
fn undouble_long(raw: &str, q: u8, out: &mut String) {
    let b = raw.as_bytes();
    out.reserve(b.len());
    let pattern = chars::LO * u64::from(q);
    // Room for a full chunk and one more block, whose last store ends eight bytes past what
    // it keeps, and the last bytes of all.
    let mut buf = [0u8; CHUNK + 2 * chars::BLOCK];
    let mut n = 0;
    // 1 when the next byte is the second quote of a pair begun before it.
    let mut carry = 0;
    // Indexing `buf[n..n + 8]` below: `n < CHUNK` at the top of the loop (a full chunk is
    // flushed, keeping at most the three first bytes of a char).
    let mut blocks = b.chunks_exact(chars::BLOCK);
    for block in &mut blocks {
        if n >= CHUNK {
            n = flush(&mut buf, n, out);
        }
        let Ok(block) = <&[u8; chars::BLOCK]>::try_from(block) else {
            break;
        };
        let words = chars::block_words(block);
        if words == [pattern; 4] && carry == 0 {
            // Sixteen pairs.
            buf[n..n + chars::BLOCK / 2].fill(q);
            n += chars::BLOCK / 2;
            continue;
        }
        let (drop, next) = chars::second_quotes(chars::quote_bits(&words, pattern), carry);
        carry = next;
        if drop == 0 {
            buf[n..n + chars::BLOCK].copy_from_slice(block);
            n += chars::BLOCK;
            continue;
        }
        for (k, &x) in words.iter().enumerate() {
            let (kept, len) = chars::squeeze(x, drop >> (8 * k));
            buf[n..n + 8].copy_from_slice(&kept.to_le_bytes());
            n += len;
        }
    }
    let mut second = carry == 1;
    for &c in blocks.remainder() {
        buf[n] = c;
        n += usize::from(!second);
        second = !second && c == q;
    }
    let _ = flush(&mut buf, n, out);
}

/// [`undouble_into`] for a short value (a password, a scope): each run of text up to a quote is
/// appended with that quote, and the second quote skipped.
fn undouble_short(raw: &str, q: u8, out: &mut String) {
    let b = raw.as_bytes();
    let mut run = 0;
    let mut i = chars::scan_quote(b, 0, q);
    // `i` and `run` are boundaries of ASCII quotes or the end: char boundaries.
    while i < b.len() {
        out.push_str(raw.get(run..=i).unwrap_or_default());
        run = i + 2;
        i = chars::scan_quote(b, run, q);
    }
    out.push_str(raw.get(run.min(b.len())..).unwrap_or_default());
}

/// Appends `buf[..n]` to `out` up to its last char boundary, moves the bytes after it (the
/// start of a char, at most three) to the front, and returns how many there are.
fn flush(buf: &mut [u8], n: usize, out: &mut String) -> usize {
    let text = buf.get(..n).unwrap_or_default();
    let cut = match std::str::from_utf8(text) {
        Ok(whole) => {
            out.push_str(whole);
            n
        }
        Err(e) => {
            let valid = e.valid_up_to();
            out.push_str(std::str::from_utf8(&text[..valid]).unwrap_or_default());
            valid
        }
    };
    buf.copy_within(cut..n, 0);
    n - cut
}

#[cfg(test)]
mod tests {
    use super::undouble_into;

    #[test]
    fn long_values_are_appended_in_chunks_at_char_boundaries() {
        // Each value is at least 1,400 bytes: longer than the short path takes.
        const _: () = assert!(700 * 2 > super::LONG);
        for unit in ["x\"\"", "é\"\"", "\"\"", "abcdefgh", "日本\"\"語"] {
            let raw = unit.repeat(700);
            let mut out = String::new();
            undouble_into(&raw, b'"', &mut out);
            assert_eq!(out, raw.replace("\"\"", "\""), "{unit:?}");
        }
    }

    proptest::proptest! {
        /// Undoubling the inside of any quoted value is replacing each doubled quote by one.
        #[test]
        fn undoubling_replaces_each_pair(
            tokens in proptest::collection::vec(proptest::sample::select(vec!["\"\"", "x", "é", "日", "abcdefgh"]), 0..400),
        ) {
            let raw = tokens.concat();
            let mut out = String::new();
            undouble_into(&raw, b'"', &mut out);
            proptest::prop_assert_eq!(out, raw.replace("\"\"", "\""));
        }

        /// The same for values long enough for the word-at-a-time path, with pairs at every
        /// offset of a word and runs of pairs across words.
        #[test]
        fn undoubling_long_values_replaces_each_pair(
            tokens in proptest::collection::vec(proptest::sample::select(vec!["\"\"", "\"\"\"\"", "x", "é", "日", "abcdefg"]), 1..200),
            pad in 0usize..8,
        ) {
            let unit = tokens.concat();
            let raw = format!("{}{}", "p".repeat(pad), unit.repeat(1 + 2 * super::CHUNK / unit.len()));
            let mut out = String::new();
            undouble_into(&raw, b'"', &mut out);
            proptest::prop_assert_eq!(out, raw.replace("\"\"", "\""));
        }
    }

    #[test]
    fn undoubling_table() {
        for (raw, q, decoded) in [
            ("", b'"', ""),
            ("a\"\"b", b'"', "a\"b"),
            ("\"\"\"\"", b'"', "\"\""),
            ("x''x''x''", b'\'', "x'x'x'"),
            ("ü\"\"é", b'"', "ü\"é"),
            ("0123456789\"\"0123456789", b'"', "0123456789\"0123456789"),
            ("αβγδεζηθικλμνξοπ\"\"ρστυ", b'"', "αβγδεζηθικλμνξοπ\"ρστυ"),
            ("a\"b", b'\'', "a\"b"),
        ] {
            let mut out = String::from(">");
            undouble_into(raw, q, &mut out);
            assert_eq!(out, format!(">{decoded}"), "{raw:?}");
        }
    }
}
