//! Character classes of the grammar (SPEC §2): white space, control characters and the byte
//! tables the tokenizer's hot loops use.
//!
//! *WS* is Unicode `White_Space` ([`char::is_whitespace`], the same set as .NET's
//! `char.IsWhiteSpace`); *CTL* is the general category `Cc`. A "control character" in the
//! grammar's error rules is a CTL that is not WS.

/// Byte that can end a key: `=`, an ASCII control byte, or the UTF-8 lead byte `0xC2` of the
/// C1 controls (U+0080–U+009F).
pub(crate) const KEY_STOP: u8 = 1;
/// Byte that can end an unquoted value: `;`, an ASCII control byte, or `0xC2`.
pub(crate) const VALUE_STOP: u8 = 2;

/// Per-byte flags, indexed by the byte.
pub(crate) static CLASS: [u8; 256] = build_class();

const fn build_class() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = KEY_STOP | VALUE_STOP;
        b += 1;
    }
    t[0x7f] = KEY_STOP | VALUE_STOP;
    t[0xc2] = KEY_STOP | VALUE_STOP;
    t[b'=' as usize] = KEY_STOP;
    t[b';' as usize] = VALUE_STOP;
    t
}

/// The white space ASCII bytes: `\t \n \v \f \r` and space.
#[inline]
pub(crate) const fn is_ascii_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// Is `c` a control character (Cc) that is not white space — the characters the grammar
/// rejects outside quotes.
#[inline]
pub(crate) fn is_hard_control(c: char) -> bool {
    c.is_control() && !c.is_whitespace()
}

/// Is `c` a CTL (any Cc, white space or not).
#[inline]
pub(crate) fn is_ctl(c: char) -> bool {
    c.is_control()
}

/// Decodes the char starting at byte `i` of `s`, if `i` is in bounds and on a char boundary.
#[inline]
pub(crate) fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|rest| rest.chars().next())
}

/// Length in bytes of the white space char at `i`, or `None` when the char there is not WS.
#[inline]
pub(crate) fn ws_len_at(s: &str, i: usize) -> Option<usize> {
    match s.as_bytes().get(i) {
        Some(&b) if b < 0x80 => is_ascii_ws(b).then_some(1),
        Some(_) => char_at(s, i).filter(|c| c.is_whitespace()).map(char::len_utf8),
        None => None,
    }
}

/// Skips white space from `i`, returning the index of the first non-WS char (or `s.len()`).
#[inline]
pub(crate) fn skip_ws(s: &str, mut i: usize) -> usize {
    while let Some(n) = ws_len_at(s, i) {
        i += n;
    }
    i
}

/// Index where the trailing white space of `s[start..end]` begins.
#[inline]
pub(crate) fn trim_end_at(s: &str, start: usize, end: usize) -> usize {
    match s.get(start..end) {
        Some(t) => start + t.trim_end().len(),
        None => end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_table_matches_char_predicates() {
        for b in 0u8..0x80 {
            let c = b as char;
            assert_eq!(CLASS[b as usize] & VALUE_STOP != 0, c.is_control() || c == ';', "{b:#x}");
            assert_eq!(CLASS[b as usize] & KEY_STOP != 0, c.is_control() || c == '=', "{b:#x}");
        }
        // Every C1 control starts with 0xC2 in UTF-8.
        for c in '\u{80}'..='\u{9f}' {
            let mut buf = [0; 4];
            assert_eq!(c.encode_utf8(&mut buf).as_bytes()[0], 0xc2);
        }
    }

    #[test]
    fn white_space_is_unicode_white_space() {
        let s = "\u{85}\u{a0}\u{3000} x";
        assert_eq!(skip_ws(s, 0), s.len() - 1);
        assert_eq!(ws_len_at("x", 0), None);
        assert!(is_hard_control('\u{1}') && !is_hard_control('\n') && is_ctl('\u{85}'));
    }
}
