//! [`Raw`]: one segment as byte offsets into its source, and the decoding of its escapes.

use crate::grammar::chars;

/// How a segment's value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueForm {
    /// `k=` — a null value, which removes the key.
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// Largest input accepted: offsets are kept in 31 bits inside [`crate::ConnectionString`].
pub(crate) const MAX_LEN: usize = (1 << 31) - 1;

impl Raw {
    /// The key as written (escapes not decoded).
    #[inline]
    pub fn raw_key(self, src: &str) -> &str {
        src.get(self.key_start..self.key_end).unwrap_or_default()
    }

    /// The bytes of the key as written.
    #[inline]
    pub fn raw_key_bytes(self, src: &str) -> &[u8] {
        src.as_bytes()
            .get(self.key_start..self.key_end)
            .unwrap_or_default()
    }

    /// The value's text without quotes (escapes not decoded), `None` for a null value.
    #[inline]
    pub fn raw_value(self, src: &str) -> Option<&str> {
        let (start, end) = (self.v_start, self.v_end);
        match self.form {
            ValueForm::Null => None,
            ValueForm::Plain | ValueForm::Braced => src.get(start..end),
            ValueForm::Quoted(_) => src.get(start + 1..end - 1),
        }
    }

    /// Is the value null (`k=`)?
    #[inline(always)]
    pub fn is_null(self) -> bool {
        self.form == ValueForm::Null
    }

    /// The quote that delimits the value (`'`, `"`, or `{` for an ODBC braced value).
    pub fn quote(self) -> Option<char> {
        match self.form {
            ValueForm::Quoted(q) => Some(q as char),
            ValueForm::Braced => Some('{'),
            _ => None,
        }
    }

    /// Offset in the source of byte `offset` of this segment's decoded value `decoded`: each
    /// quote of a doubled pair is one byte of the decoded value and two of the source.
    pub fn value_offset(self, decoded: &str, offset: usize) -> usize {
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
    pub fn decode_key_into(self, src: &str, out: &mut String) {
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
    pub fn decode_value_into(self, src: &str, out: &mut String) {
        let raw = self.raw_value(src).unwrap_or_default();
        match self.form {
            ValueForm::Quoted(q) if self.value_escaped => undouble_into(raw, q, out),
            _ => out.push_str(raw),
        }
    }
}

/// Appends `raw` with each doubled `q` written once. The tokenizer accepted `raw` as the inside
/// of a quoted value, so every `q` in it is the first of a pair.
///
/// Eight bytes at a time while they hold no quote and are ASCII; where they do, the next eight
/// bytes go one by one (one branch per byte, the cheapest where quotes are dense). Non-ASCII
/// text is copied as whole chars.
fn undouble_into(raw: &str, q: u8, out: &mut String) {
    let b = raw.as_bytes();
    out.reserve(b.len());
    let pattern = chars::LO * u64::from(q);
    let mut i = 0;
    while i < b.len() {
        if let Some(word) = b.get(i..i + 8) {
            let x = chars::word_at(b, i);
            // No `q` and no non-ASCII byte among the eight: copy them at once.
            if chars::zero_bytes(x ^ pattern) | (x & chars::HI) == 0 {
                // ASCII bytes: a char boundary on both sides.
                out.push_str(std::str::from_utf8(word).unwrap_or_default());
                i += 8;
                continue;
            }
        }
        let stop = i + 8;
        while i < stop {
            match b.get(i) {
                Some(&c) if c < 0x80 => {
                    out.push(c as char);
                    // The second quote of a pair is skipped.
                    i += 1 + usize::from(c == q);
                }
                Some(_) => {
                    // A non-ASCII char: copy it whole.
                    let len = chars::char_at(raw, i).map_or(1, char::len_utf8);
                    out.push_str(raw.get(i..i + len).unwrap_or_default());
                    i += len;
                }
                None => return,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::undouble_into;

    #[test]
    fn undoubling_table() {
        for (raw, q, decoded) in [
            ("", b'"', ""),
            ("a\"\"b", b'"', "a\"b"),
            ("\"\"\"\"", b'"', "\"\""),
            ("x''x''x''", b'\'', "x'x'x'"),
            ("ü\"\"é", b'"', "ü\"é"),
            ("0123456789\"\"0123456789", b'"', "0123456789\"0123456789"),
            ("a\"b", b'\'', "a\"b"),
        ] {
            let mut out = String::from(">");
            undouble_into(raw, q, &mut out);
            assert_eq!(out, format!(">{decoded}"), "{raw:?}");
        }
    }
}
