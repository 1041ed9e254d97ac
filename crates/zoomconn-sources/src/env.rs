//! `.env` files as dotenv tools read them: `[export ]NAME=value`; `#` comment lines; a value
//! in double quotes (python-dotenv's escapes `\\`, `\"`, `\'`, `\a`, `\b`, `\f`, `\n`, `\r`,
//! `\t`, `\v`; may span lines), in single quotes (literal; may span lines) or unquoted (to the
//! end of the line or a ` #` comment, trimmed).
//!
//! The same file is also read by bash (`set -a; source .env`), which reads only `\"`, `\\`,
//! `\$`, `` \` `` and a backslash-newline in double quotes, expands `$NAME`, `${…}`, `$(…)` and
//! backquotes, and ends an unquoted word at a space, `;`, `&`, `|`, `<`, `>` or `(`. A value
//! the two read differently is found and checked as dotenv reads it, and never rewritten.
//!
//! Hand-written: dotenv has no grammar a parser crate implements with positions, and the
//! format is a line loop.

use super::Entry;
use super::found::{Builder, Candidate, Fixed, Host};

// Indexing in this file: offsets are line starts and ends found with `find`, or char offsets
// from `char_indices`, so every slice is in bounds and on a char boundary.
/// Reads the assignment that starts on the line at `*at` (`*at < source.len()`), hands out
/// its entry and moves `*at` past it (a quoted value may span lines).
pub(crate) fn step(source: &str, at: &mut usize, out: &mut dyn FnMut(Entry)) {
    let from = *at;
    let line_end = source[from..].find('\n').map_or(source.len(), |i| from + i);
    let line = &source[from..line_end];
    let trimmed = line.trim_start();
    if trimmed.trim_end().is_empty() || trimmed.starts_with('#') {
        *at = line_end + 1;
        return;
    }
    let start = from + (line.len() - trimmed.len());
    let (entry, next) = assignment(source, start, line_end);
    if let Some(e) = entry {
        out(e);
    }
    *at = next;
}

/// `[export ]NAME=value` starting at `start`: the entry and where the next line starts.
fn assignment(source: &str, start: usize, line_end: usize) -> (Option<Entry>, usize) {
    let line = &source[start..line_end];
    let body_start = match line.strip_prefix("export") {
        Some(rest) if rest.starts_with([' ', '\t']) => start + 6,
        _ => start,
    };
    let Some(eq) = source[body_start..line_end].find('=') else {
        return (None, line_end + 1);
    };
    let name = source[body_start..body_start + eq].trim().to_owned();
    let mut i = body_start + eq + 1;
    while source[i..line_end].starts_with([' ', '\t']) {
        i += 1;
    }
    let name = Some(name);
    match source[i..line_end].chars().next() {
        Some(q @ ('"' | '\'')) => {
            let (cand, next, closed, agree) = quoted(source, i + 1, q);
            let host = if !agree {
                Host::Fixed(Fixed::Readers)
            } else if q == '"' {
                Host::EnvDouble
            } else {
                Host::EnvSingle
            };
            if closed {
                (Some(Entry::new(name, cand, host)), next)
            } else {
                // An unterminated quote: the rest of the file is its value (as dotenv reads
                // it), which keeps the reading linear.
                (
                    Some(Entry::new(name, cand, Host::Fixed(Fixed::Unterminated))),
                    source.len(),
                )
            }
        }
        _ => {
            let mut value = source[i..line_end].trim_end_matches('\r');
            if let Some(c) = value.find(" #").or_else(|| value.find("\t#")) {
                value = &value[..c];
            }
            let value = value.trim_end();
            let cand = Builder::verbatim(value, i).finish(i + value.len());
            let host = if plain_agrees(value) {
                Host::EnvPlain
            } else {
                Host::Fixed(Fixed::Readers)
            };
            (Some(Entry::new(name, cand, host)), line_end + 1)
        }
    }
}

/// Would bash expand a `$` followed by `next` (a parameter, `${…}`, `$(…)`)?
pub(crate) fn expands(next: Option<char>) -> bool {
    next.is_some_and(|n| n.is_ascii_alphanumeric() || "_{(@*#?!$-".contains(n))
}

/// Does bash (`set -a; source`) read an unquoted value as dotenv does, as this one word?
pub(crate) fn plain_agrees(value: &str) -> bool {
    !value.contains(|c: char| c.is_whitespace() || "\\$`;&|<>()\"'~".contains(c))
}

/// A quoted value whose text starts at `from`: the decoded value (as dotenv reads it), where
/// the next line starts, whether the closing quote was found, and whether bash reads the same.
fn quoted(source: &str, from: usize, q: char) -> (Candidate, usize, bool, bool) {
    let mut b = Builder::default();
    let mut agree = true;
    let mut chars = source[from..]
        .char_indices()
        .map(|(o, c)| (from + o, c))
        .peekable();
    while let Some((o, c)) = chars.next() {
        if c == q {
            // dotenv reads `\'` inside single quotes as a quote, bash ends the value there.
            agree &= q == '"' || !b.text.ends_with('\\');
            let next = source[o..].find('\n').map_or(source.len(), |n| o + n + 1);
            return (b.finish(o), next, true, agree);
        }
        let next = chars.peek().map(|&(_, e)| e);
        match (q, c) {
            ('"', '\\') => {
                let decoded = next.and_then(|e| match e {
                    '"' | '\\' => Some(e),
                    // dotenv's other escapes; bash keeps their backslash.
                    '\'' => Some(e),
                    'a' => Some('\u{7}'),
                    'b' => Some('\u{8}'),
                    'f' => Some('\u{c}'),
                    'n' => Some('\n'),
                    'r' => Some('\r'),
                    't' => Some('\t'),
                    'v' => Some('\u{b}'),
                    _ => None,
                });
                agree &= matches!(next, Some('"' | '\\'));
                if let Some(d) = decoded {
                    chars.next();
                    b.push(d, o);
                    continue;
                }
            }
            ('"', '$') => agree &= !expands(next),
            ('"', '`') => agree = false,
            ('\'', '\\') => agree &= next != Some('\\'),
            _ => {}
        }
        b.push(c, o);
    }
    (b.finish(source.len()), source.len(), false, false)
}

#[cfg(test)]
mod tests {
    /// (file, [(name, text, file text of the value)]).
    #[test]
    fn table() {
        #[rustfmt::skip]
        let table: crate::Table<'_> = &[
            ("A=1\n# c\n\nexport B = two words # note\r\n", &[("A", "1", "1"), ("B", "two words", "two words")]),
            ("Z=\"a\\\"b\\nc\"\nY='x\\n'", &[("Z", "a\"b\nc", "a\\\"b\\nc"), ("Y", "x\\n", "x\\n")]),
            ("M=\"l1\nl2\"\nN=3", &[("M", "l1\nl2", "l1\nl2"), ("N", "3", "3")]),
            ("U=\"open\nV=1", &[("U", "open\nV=1", "open\nV=1")]),
            ("exportX=1", &[("exportX", "1", "1")]),
            ("no equals\n=empty", &[("", "empty", "empty")]),
        ];
        crate::check_table(crate::Kind::Env, table);
    }
}
