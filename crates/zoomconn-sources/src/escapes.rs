//! Backslash escapes of string literals in source code, each language's complete set, read
//! the way its compiler reads them. What a reader cannot decode exactly (a `\N{name}` in
//! Python, an escape the language rejects, a lone surrogate, a Go byte above `0x7F`) is
//! [`Escape::Unsure`]: the literal keeps it as written and is not editable.

use super::Language;

/// What one escape (starting at a backslash) reads as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Escape {
    /// This char, from this many bytes (the backslash included).
    Char(char, usize),
    /// Nothing: a line continuation of this many bytes.
    Skip(usize),
    /// The backslash is an ordinary char (Python keeps unknown escapes).
    Backslash,
    /// Not decoded exactly: these bytes stay as written, and the literal is not editable.
    Unsure(usize),
}

/// The literal an escape is in.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct In {
    /// A byte string (Python `b'…'`, Rust `b"…"`): no `\u`, `\U`, `\N`.
    pub bytes: bool,
    /// A JavaScript template: no legacy octal.
    pub template: bool,
}

/// A decoded code: a code point, or a UTF-16 unit that may be half of a surrogate pair.
enum Raw {
    Code(u32, usize),
    Skip(usize),
    Backslash,
    Unsure(usize),
}

/// The escape at the start of `s` (which starts with `\`), read as `lang` reads it (`None`: the
/// generic reader, which knows `\\`, `\"`, `\'`, `\n`, `\r` and `\t` only): JavaScript reads
/// `\x41` as `Char('A', 4)`, the generic reader as `Unsure(2)`.
pub(crate) fn escape(lang: Option<Language>, within: In, s: &str) -> Escape {
    let utf16 = matches!(
        lang,
        Some(Language::JavaScript | Language::Java | Language::Kotlin | Language::CSharp)
    );
    match raw(lang, within, s) {
        Raw::Code(hi @ 0xd800..=0xdbff, len) if utf16 => {
            match raw(lang, within, s.get(len..).unwrap_or_default()) {
                Raw::Code(lo @ 0xdc00..=0xdfff, len2) => {
                    let c = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
                    char::from_u32(c).map_or(Escape::Unsure(len), |c| Escape::Char(c, len + len2))
                }
                _ => Escape::Unsure(len),
            }
        }
        Raw::Code(c, len) => {
            char::from_u32(c).map_or(Escape::Unsure(len), |c| Escape::Char(c, len))
        }
        Raw::Skip(n) => Escape::Skip(n),
        Raw::Backslash => Escape::Backslash,
        Raw::Unsure(n) => Escape::Unsure(n),
    }
}

/// The value of `n` hex digits at the start of `s`, when they are there.
fn hex(s: &str, n: usize) -> Option<u32> {
    let h = s.get(..n)?;
    h.bytes()
        .all(|b| b.is_ascii_hexdigit())
        .then(|| u32::from_str_radix(h, 16).ok())
        .flatten()
}

/// Up to `max` hex digits (at least one) at the start of `s`: value and count.
fn hex_run(s: &str, max: usize) -> Option<(u32, usize)> {
    let n = s
        .bytes()
        .take(max)
        .take_while(u8::is_ascii_hexdigit)
        .count();
    (n > 0).then(|| u32::from_str_radix(&s[..n], 16).ok().map(|v| (v, n)))?
}

/// Octal digits at the start of `s`: at most 3 when the first is `0`–`3`, else at most 2
/// (JavaScript and Java); value and count.
fn octal_c(s: &str) -> (u32, usize) {
    let b = s.as_bytes();
    let max = if b.first().is_some_and(|&d| d <= b'3') {
        3
    } else {
        2
    };
    let n = b
        .iter()
        .take(max)
        .take_while(|d| (b'0'..=b'7').contains(d))
        .count();
    (u32::from_str_radix(&s[..n], 8).unwrap_or(0), n)
}

/// The length of a line break at the start of `s` (`\r\n`, `\n`, `\r`), or 0.
fn line_break(s: &str) -> usize {
    if s.starts_with("\r\n") {
        2
    } else if s.starts_with(['\n', '\r']) {
        1
    } else {
        0
    }
}

// Indexing: every slice is taken at an ASCII digit count from the start of an ASCII run.
fn raw(lang: Option<Language>, within: In, s: &str) -> Raw {
    let rest = s.get(1..).unwrap_or_default();
    let Some(e) = rest.chars().next() else {
        return Raw::Unsure(1);
    };
    let after = &rest[e.len_utf8()..];
    let elen = 1 + e.len_utf8();
    let simple = |c: char| Raw::Code(c as u32, elen);
    let unknown = Raw::Unsure(elen);
    match lang {
        None => match e {
            'n' => simple('\n'),
            'r' => simple('\r'),
            't' => simple('\t'),
            '\\' | '"' | '\'' => simple(e),
            _ => unknown,
        },
        Some(Language::JavaScript) => match e {
            'b' => simple('\u{8}'),
            'f' => simple('\u{c}'),
            'n' => simple('\n'),
            'r' => simple('\r'),
            't' => simple('\t'),
            'v' => simple('\u{b}'),
            '0' if !after.starts_with(|c: char| c.is_ascii_digit()) => simple('\0'),
            '0'..='7' if !within.template => {
                let (v, n) = octal_c(rest);
                Raw::Code(v, 1 + n)
            }
            '8' | '9' if !within.template => simple(e),
            '0'..='9' => unknown,
            'x' => hex(after, 2).map_or(unknown, |v| Raw::Code(v, 4)),
            'u' => {
                if let Some(inner) = after.strip_prefix('{') {
                    let n = inner.bytes().take_while(u8::is_ascii_hexdigit).count();
                    let v = u32::from_str_radix(&inner[..n], 16).ok();
                    match v {
                        Some(v) if v <= 0x10ffff && inner[n..].starts_with('}') => {
                            Raw::Code(v, n + 4)
                        }
                        _ => unknown,
                    }
                } else {
                    hex(after, 4).map_or(unknown, |v| Raw::Code(v, 6))
                }
            }
            '\r' | '\n' => Raw::Skip(1 + line_break(rest)),
            '\u{2028}' | '\u{2029}' => Raw::Skip(elen),
            other => simple(other),
        },
        Some(Language::Java) => match e {
            'b' => simple('\u{8}'),
            't' => simple('\t'),
            'n' => simple('\n'),
            'f' => simple('\u{c}'),
            'r' => simple('\r'),
            's' => simple(' '),
            '"' | '\'' | '\\' => simple(e),
            '0'..='7' => {
                let (v, n) = octal_c(rest);
                Raw::Code(v, 1 + n)
            }
            'u' => {
                // A Unicode escape, read before the literal is: `\uuu0041` is `A`, and one
                // that stands for `\`, `"` or a line break changes how the line is lexed.
                let us = rest.bytes().take_while(|&b| b == b'u').count();
                match hex(&rest[us..], 4) {
                    Some(v) if !matches!(v, 0x5c | 0x22 | 0x0a | 0x0d) => Raw::Code(v, 1 + us + 4),
                    _ => Raw::Unsure(1 + us),
                }
            }
            _ => unknown,
        },
        Some(Language::Kotlin) => match e {
            't' => simple('\t'),
            'b' => simple('\u{8}'),
            'n' => simple('\n'),
            'r' => simple('\r'),
            '\'' | '"' | '\\' | '$' => simple(e),
            'u' => hex(after, 4).map_or(unknown, |v| Raw::Code(v, 6)),
            _ => unknown,
        },
        Some(Language::CSharp) => match e {
            '\'' | '"' | '\\' => simple(e),
            '0' => simple('\0'),
            'a' => simple('\u{7}'),
            'b' => simple('\u{8}'),
            'f' => simple('\u{c}'),
            'n' => simple('\n'),
            'r' => simple('\r'),
            't' => simple('\t'),
            'v' => simple('\u{b}'),
            'e' => simple('\u{1b}'),
            'x' => hex_run(after, 4).map_or(unknown, |(v, n)| Raw::Code(v, 2 + n)),
            'u' => hex(after, 4).map_or(unknown, |v| Raw::Code(v, 6)),
            'U' => hex(after, 8).map_or(unknown, |v| Raw::Code(v, 10)),
            _ => unknown,
        },
        Some(Language::Python) => match e {
            '\r' | '\n' => Raw::Skip(1 + line_break(rest)),
            '\\' | '\'' | '"' => simple(e),
            'a' => simple('\u{7}'),
            'b' => simple('\u{8}'),
            'f' => simple('\u{c}'),
            'n' => simple('\n'),
            'r' => simple('\r'),
            't' => simple('\t'),
            'v' => simple('\u{b}'),
            '0'..='7' => {
                let n = rest
                    .bytes()
                    .take(3)
                    .take_while(|d| (b'0'..=b'7').contains(d))
                    .count();
                let v = u32::from_str_radix(&rest[..n], 8).unwrap_or(0);
                if within.bytes && v > 0x7f {
                    Raw::Unsure(1 + n)
                } else {
                    Raw::Code(v, 1 + n)
                }
            }
            'x' => match hex(after, 2) {
                Some(v) if !within.bytes || v < 0x80 => Raw::Code(v, 4),
                Some(_) => Raw::Unsure(4),
                None => unknown,
            },
            'u' if !within.bytes => match hex(after, 4) {
                // Python keeps a lone surrogate, which no Rust string holds.
                Some(v) if !(0xd800..0xe000).contains(&v) => Raw::Code(v, 6),
                _ => unknown,
            },
            'U' if !within.bytes => match hex(after, 8) {
                Some(v) if !(0xd800..0xe000).contains(&v) && v <= 0x10ffff => Raw::Code(v, 10),
                _ => unknown,
            },
            // `\N{name}` needs the Unicode names table: kept as written.
            'N' if !within.bytes => {
                let len = after
                    .strip_prefix('{')
                    .and_then(|n| n.find('}'))
                    .map_or(elen, |close| elen + close + 2);
                Raw::Unsure(len)
            }
            _ => Raw::Backslash,
        },
        Some(Language::Go) => match e {
            'a' => simple('\u{7}'),
            'b' => simple('\u{8}'),
            'f' => simple('\u{c}'),
            'n' => simple('\n'),
            'r' => simple('\r'),
            't' => simple('\t'),
            'v' => simple('\u{b}'),
            '\\' | '"' => simple(e),
            // One byte each: a byte above 0x7F is a piece of UTF-8 (or not).
            'x' => match hex(after, 2) {
                Some(v) if v < 0x80 => Raw::Code(v, 4),
                _ => unknown,
            },
            '0'..='7' => {
                let n = rest
                    .bytes()
                    .take(3)
                    .take_while(|d| (b'0'..=b'7').contains(d))
                    .count();
                match u32::from_str_radix(&rest[..n], 8) {
                    Ok(v) if n == 3 && v < 0x80 => Raw::Code(v, 4),
                    _ => Raw::Unsure(1 + n),
                }
            }
            'u' => match hex(after, 4) {
                Some(v) if !(0xd800..0xe000).contains(&v) => Raw::Code(v, 6),
                _ => unknown,
            },
            'U' => match hex(after, 8) {
                Some(v) if !(0xd800..0xe000).contains(&v) && v <= 0x10ffff => Raw::Code(v, 10),
                _ => unknown,
            },
            _ => unknown,
        },
        Some(Language::Rust) => match e {
            'n' => simple('\n'),
            'r' => simple('\r'),
            't' => simple('\t'),
            '0' => simple('\0'),
            '\\' | '\'' | '"' => simple(e),
            'x' => match hex(after, 2) {
                Some(v) if v < 0x80 => Raw::Code(v, 4),
                _ => unknown,
            },
            'u' if !within.bytes => {
                let Some(inner) = after.strip_prefix('{') else {
                    return unknown;
                };
                let n = inner
                    .bytes()
                    .take_while(|b| b.is_ascii_hexdigit() || *b == b'_')
                    .count();
                let digits: String = inner[..n].chars().filter(|&c| c != '_').collect();
                let ok = !inner.starts_with('_') && (1..=6).contains(&digits.len());
                match u32::from_str_radix(&digits, 16) {
                    Ok(v) if ok && inner[n..].starts_with('}') => Raw::Code(v, 3 + n + 1),
                    _ => unknown,
                }
            }
            '\r' | '\n' => {
                // A line continuation: the break and the white space after it.
                let ws = rest
                    .bytes()
                    .take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
                    .count();
                Raw::Skip(1 + ws)
            }
            _ => unknown,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::{Escape, In, Language, escape};

    #[test]
    fn table() {
        use Escape::{Backslash, Char, Skip, Unsure};
        use Language::*;
        let s = In::default();
        let b = In {
            bytes: true,
            ..In::default()
        };
        let t = In {
            template: true,
            ..In::default()
        };
        #[rustfmt::skip]
        let table: &[(Option<Language>, In, &str, Escape)] = &[
            (Some(JavaScript), s, "\\x41", Char('A', 4)),
            (Some(JavaScript), s, "\\x4", Unsure(2)),
            (Some(JavaScript), s, "\\u00e4", Char('ä', 6)),
            (Some(JavaScript), s, "\\u{1F600}", Char('😀', 9)),
            (Some(JavaScript), s, "\\u{110000}", Unsure(2)),
            (Some(JavaScript), s, "\\ud83d\\ude00", Char('😀', 12)),
            (Some(JavaScript), s, "\\ud83d", Unsure(6)),
            (Some(JavaScript), s, "\\101", Char('A', 4)),
            (Some(JavaScript), s, "\\0", Char('\0', 2)),
            (Some(JavaScript), s, "\\08", Char('\0', 2)),
            (Some(JavaScript), s, "\\477", Char('\u{27}', 3)),
            (Some(JavaScript), s, "\\3777", Char('\u{ff}', 4)),
            (Some(JavaScript), t, "\\101", Unsure(2)),
            (Some(JavaScript), s, "\\8", Char('8', 2)),
            (Some(JavaScript), s, "\\a", Char('a', 2)),
            (Some(JavaScript), s, "\\v", Char('\u{b}', 2)),
            (Some(JavaScript), s, "\\e", Char('e', 2)),
            (Some(JavaScript), s, "\\/", Char('/', 2)),
            (Some(JavaScript), s, "\\\r\n", Skip(3)),
            (Some(Java), s, "\\uuu0041", Char('A', 8)),
            (Some(Java), s, "\\u0022", Unsure(2)),
            (Some(Java), s, "\\u005c", Unsure(2)),
            (Some(Java), s, "\\s", Char(' ', 2)),
            (Some(Java), s, "\\101", Char('A', 4)),
            (Some(Java), s, "\\q", Unsure(2)),
            (Some(Kotlin), s, "\\$", Char('$', 2)),
            (Some(Kotlin), s, "\\101", Unsure(2)),
            (Some(CSharp), s, "\\x41", Char('A', 4)),
            (Some(CSharp), s, "\\x41g", Char('A', 4)),
            (Some(CSharp), s, "\\x0041", Char('A', 6)),
            (Some(CSharp), s, "\\x00410", Char('A', 6)),
            (Some(CSharp), s, "\\U0001F600", Char('😀', 10)),
            (Some(CSharp), s, "\\e", Char('\u{1b}', 2)),
            (Some(CSharp), s, "\\a", Char('\u{7}', 2)),
            (Some(CSharp), s, "\\q", Unsure(2)),
            (Some(Python), s, "\\x21", Char('!', 4)),
            (Some(Python), s, "\\101", Char('A', 4)),
            (Some(Python), s, "\\777", Char('\u{1ff}', 4)),
            (Some(Python), b, "\\777", Unsure(4)),
            (Some(Python), s, "\\U0001F600", Char('😀', 10)),
            (Some(Python), s, "\\ud83d", Unsure(2)),
            (Some(Python), s, "\\N{BULLET}", Unsure(10)),
            (Some(Python), b, "\\N{BULLET}", Backslash),
            (Some(Python), s, "\\p", Backslash),
            (Some(Python), s, "\\8", Backslash),
            (Some(Python), s, "\\\n", Skip(2)),
            (Some(Go), s, "\\x41", Char('A', 4)),
            (Some(Go), s, "\\xe4", Unsure(2)),
            (Some(Go), s, "\\101", Char('A', 4)),
            (Some(Go), s, "\\10", Unsure(3)),
            (Some(Go), s, "\\U0001F600", Char('😀', 10)),
            (Some(Go), s, "\\'", Unsure(2)),
            (Some(Rust), s, "\\x7F", Char('\u{7f}', 4)),
            (Some(Rust), s, "\\x80", Unsure(2)),
            (Some(Rust), s, "\\u{1_F600}", Char('😀', 10)),
            (Some(Rust), s, "\\u{}", Unsure(2)),
            (Some(Rust), s, "\\\n   x", Skip(5)),
            (Some(Rust), s, "\\a", Unsure(2)),
            (None, s, "\\n", Char('\n', 2)),
            (None, s, "\\x41", Unsure(2)),
            (None, s, "\\0", Unsure(2)),
            (None, s, "\\", Unsure(1)),
        ];
        for &(lang, within, text, want) in table {
            assert_eq!(escape(lang, within, text), want, "{lang:?} {text:?}");
        }
    }
}
