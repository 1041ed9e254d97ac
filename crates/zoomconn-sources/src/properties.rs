//! Java `.properties` (and CData's `.prp`) as `java.util.Properties.load` reads them: `#`/`!`
//! comment lines; a key ends at the first unescaped `=`, `:` or white space; backslash escapes
//! (`\t`, `\n`, `\uXXXX`…); a line ending in an odd number of backslashes continues on the
//! next line, whose indentation is dropped. Hand-written: the format is a small line grammar,
//! and no maintained crate reports positions for it.

use super::Entry;
use super::found::{Builder, Fixed, Host};

/// Reads the property that starts on the line at `*at` (`*at < source.len()`), hands out
/// its entry and moves `*at` past it (continuation lines included).
pub(crate) fn step(source: &str, at: &mut usize, out: &mut dyn FnMut(Entry)) {
    let from = *at;
    let rest = source.get(from..).unwrap_or_default();
    // Java's line ends: `\n`, `\r\n` and a lone `\r`.
    let line_end = rest.find(['\n', '\r']).map_or(source.len(), |i| from + i);
    let line = source.get(from..line_end).unwrap_or_default();
    let trimmed = line.trim_start_matches([' ', '\t', '\u{c}']);
    if trimmed.trim_end().is_empty() || trimmed.starts_with(['#', '!']) {
        *at = past_line_end(source, line_end);
        return;
    }
    let start = from + (line.len() - trimmed.len());
    let (entry, next) = property(source, start);
    out(entry);
    // Never stand still, whatever `property` read.
    *at = next.max(from + 1);
}

/// Just past the line end at `end`: `\r\n` is one line end, `\n` and a lone `\r` are one
/// each; the end of the source past the end.
fn past_line_end(source: &str, end: usize) -> usize {
    let b = source.as_bytes();
    match b.get(end) {
        Some(b'\r') if b.get(end + 1) == Some(&b'\n') => end + 2,
        Some(_) => end + 1,
        None => source.len(),
    }
}

/// Where a value may be: in the key, between key and value, in the value.
#[derive(PartialEq, Eq)]
enum Part {
    Key,
    Separator,
    Value,
}

/// Four hex digits after `\u`, consumed; `None` when they are not there.
fn unit(chars: &mut std::iter::Peekable<impl Iterator<Item = (usize, char)>>) -> Option<u32> {
    let mut code = 0u32;
    for _ in 0..4 {
        let d = chars.peek().and_then(|&(_, h)| h.to_digit(16))?;
        code = code * 16 + d;
        chars.next();
    }
    Some(code)
}

/// The entry starting at `start` (continuation lines included) and where the next line starts.
/// A malformed `\uXXXX` (which Java's `Properties.load` rejects) or a lone surrogate is read
/// as U+FFFD, and the value is not editable.
fn property(source: &str, start: usize) -> (Entry, usize) {
    let mut exact = true;
    let mut name = String::new();
    let mut value = Builder::default();
    let mut part = Part::Key;
    let mut seen_separator = false;
    let mut chars = source
        .get(start..)
        .unwrap_or_default()
        .char_indices()
        .map(|(o, c)| (start + o, c))
        .peekable();
    let mut end = source.len();
    let mut value_end = None;
    while let Some((o, c)) = chars.next() {
        let decoded = match c {
            '\r' if chars.peek().is_some_and(|&(_, n)| n == '\n') => continue,
            '\n' | '\r' => {
                end = o;
                break;
            }
            '\\' => match chars.next() {
                // A continuation: skip the line end and the next line's indentation.
                Some((_, end @ ('\n' | '\r'))) => {
                    // `\r\n` is one line end; after `\n`, a `\n` is an empty line, which
                    // ends the entry (as Java's `Properties.load` reads it).
                    if end == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
                        chars.next();
                    }
                    while chars
                        .peek()
                        .is_some_and(|&(_, n)| matches!(n, ' ' | '\t' | '\u{c}'))
                    {
                        chars.next();
                    }
                    continue;
                }
                Some((_, 'u')) => {
                    // Java throws on a malformed `\uXXXX`; UTF-16 surrogate pairs are one
                    // char, and a lone surrogate is none.
                    let hi = unit(&mut chars);
                    let c = match hi {
                        Some(hi @ 0xd800..=0xdbff) => {
                            let rest = chars.peek().map_or("", |&(at, _)| &source[at..]);
                            let lo = rest
                                .strip_prefix("\\u")
                                .and_then(|r| r.get(..4))
                                .and_then(|h| u32::from_str_radix(h, 16).ok())
                                .filter(|lo| (0xdc00..0xe000).contains(lo));
                            lo.and_then(|lo| {
                                chars.next();
                                chars.next();
                                unit(&mut chars);
                                char::from_u32(0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00))
                            })
                        }
                        Some(code) => char::from_u32(code),
                        None => None,
                    };
                    match c {
                        Some(c) => c,
                        None => {
                            exact = false;
                            '\u{fffd}'
                        }
                    }
                }
                Some((_, e)) => match e {
                    't' => '\t',
                    'n' => '\n',
                    'r' => '\r',
                    'f' => '\u{c}',
                    other => other,
                },
                None => continue,
            },
            '=' | ':' if part != Part::Value && !seen_separator => {
                part = Part::Separator;
                seen_separator = true;
                continue;
            }
            ' ' | '\t' | '\u{c}' if part != Part::Value => {
                if part == Part::Key {
                    part = Part::Separator;
                }
                continue;
            }
            c => c,
        };
        if part == Part::Separator {
            part = Part::Value;
        }
        match part {
            Part::Key => name.push(decoded),
            _ => {
                value.push(decoded, o);
                // Just past everything consumed so far (an escape consumes more than `c`).
                value_end = Some(chars.peek().map_or(source.len(), |&(next, _)| next));
            }
        }
    }
    let value_end = value_end.unwrap_or(end);
    let mut cand = value.finish(value_end);
    if cand.text.is_empty() {
        cand = Builder::default().finish(end);
    }
    // `end` is the `\n` or lone `\r` that ended the entry (a `\r` before a `\n` was passed
    // over), or the end of the source.
    let next = past_line_end(source, end);
    let host = if exact {
        Host::Properties
    } else {
        Host::Fixed(Fixed::Escapes)
    };
    (Entry::new(Some(name), cand, host), next)
}

#[cfg(test)]
mod tests {
    /// (file, [(name, text, file text of the value)]).
    #[test]
    fn table() {
        #[rustfmt::skip]
        let table: crate::Table<'_> = &[
            ("a=1\n! c\n# c\nb : two words \n", &[("a", "1", "1"), ("b", "two words ", "two words ")]),
            ("k v\r\nx\\ y=z", &[("k", "v", "v"), ("x y", "z", "z")]),
            ("long=ab\\\n    cd\\u0041\n", &[("long", "abcdA", "ab\\\n    cd\\u0041")]),
            ("e=\\\n", &[("e", "", "")]),
            // A continuation into an empty line ends the entry there.
            ("a=x\\\n\nb=y\n", &[("a", "x", "x"), ("b", "y", "y")]),
            ("a=x\\\r\n\r\nb=y\r\n", &[("a", "x", "x"), ("b", "y", "y")]),
            ("a=x\\\r\n  z\n", &[("a", "xz", "x\\\r\n  z")]),
            // A lone `\r` ends a line, a comment's too.
            ("a=1\rb=2\n", &[("a", "1", "1"), ("b", "2", "2")]),
            ("# c\rb=2\r\n\rc=3", &[("b", "2", "2"), ("c", "3", "3")]),
            ("a=x\\\n;d\r e=f\n", &[("a", "x;d", "x\\\n;d"), ("e", "f", "f")]),
            ("t=a\\tb\\=c", &[("t", "a\tb=c", "a\\tb\\=c")]),
            ("key=é\\", &[("key", "é", "é")]),
            ("s=\\ud83d\\ude00\\u00e4", &[("s", "😀ä", "\\ud83d\\ude00\\u00e4")]),
            ("s=\\ud83dx\\u12", &[("s", "\u{fffd}x\u{fffd}", "\\ud83dx\\u12")]),
        ];
        crate::check_table(crate::Kind::Properties, table);
    }
}
