//! `.env` (`NAME=value`, quoted values) and Java `.properties` (`key=value`, `key: value`,
//! backslash escapes, continuation lines).

use super::{Builder, Found};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Env,
    Properties,
}

// Indexing in this file: every offset is a line start, a line end or a char offset found by
// `find`/`char_indices` in `source`, so it is in bounds and on a char boundary; the loop stops
// before `at` passes the end.
pub fn find(source: &str, dialect: Dialect) -> Vec<(String, Found)> {
    let mut out = Vec::new();
    let bytes = source.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let line_end = source[at..].find('\n').map_or(source.len(), |i| at + i);
        let line = &source[at..line_end];
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let comment = match dialect {
            Dialect::Env => trimmed.starts_with('#'),
            Dialect::Properties => trimmed.starts_with('#') || trimmed.starts_with('!'),
        };
        if trimmed.trim_end().is_empty() || comment {
            at = line_end + 1;
            continue;
        }
        let start = at + indent;
        let (name, value, next) = match dialect {
            Dialect::Env => env_assignment(source, start, line_end),
            Dialect::Properties => property(source, start, line_end),
        };
        at = next;
        if let Some(value) = value {
            out.push((name, value));
        }
    }
    out
}

/// `[export ]NAME=value` starting at `start`; returns the name, the value and where the next
/// line starts (after a multi-line quoted value).
fn env_assignment(source: &str, start: usize, line_end: usize) -> (String, Option<Found>, usize) {
    let line = &source[start..line_end];
    let body_start = if line.starts_with("export ") {
        start + 7
    } else {
        start
    };
    let Some(eq) = source[body_start..line_end].find('=') else {
        return (String::new(), None, line_end + 1);
    };
    let name = source[body_start..body_start + eq].trim().to_owned();
    let mut i = body_start + eq + 1;
    while source[i..].starts_with([' ', '\t']) {
        i += 1;
    }
    let mut b = Builder::default();
    match source[i..].chars().next() {
        Some(q @ ('"' | '\'')) => {
            let mut chars = source[i + 1..]
                .char_indices()
                .map(|(o, c)| (i + 1 + o, c))
                .peekable();
            while let Some((o, c)) = chars.next() {
                if c == q {
                    let end = source[o..].find('\n').map_or(source.len(), |n| o + n);
                    return (name, Some(b.finish(o)), end + 1);
                }
                if c == '\\' && q == '"' {
                    if let Some(&(_, e)) = chars.peek() {
                        let decoded = match e {
                            'n' => '\n',
                            'r' => '\r',
                            't' => '\t',
                            other => other,
                        };
                        chars.next();
                        b.push(decoded, o);
                        continue;
                    }
                }
                b.push(c, o);
            }
            // Unterminated: take the rest of the line as written.
            (
                name,
                Some(Found::verbatim(
                    source[i..line_end].trim_end_matches('\r'),
                    i,
                )),
                line_end + 1,
            )
        }
        _ => {
            let mut value = source[i..line_end].trim_end_matches('\r');
            if let Some(c) = value.find(" #") {
                value = &value[..c];
            }
            (
                name,
                Some(Found::verbatim(value.trim_end(), i)),
                line_end + 1,
            )
        }
    }
}

/// A `.properties` entry starting at `start`, with continuation lines.
fn property(source: &str, start: usize, line_end: usize) -> (String, Option<Found>, usize) {
    let mut name = String::new();
    let mut value = Builder::default();
    let mut in_value = false;
    let mut seen_separator = false;
    let mut chars = source[start..]
        .char_indices()
        .map(|(o, c)| (start + o, c))
        .peekable();
    let mut end = line_end;
    while let Some((o, c)) = chars.next() {
        match c {
            '\r' if chars.peek().is_some_and(|&(_, n)| n == '\n') => continue,
            '\n' => {
                end = o;
                break;
            }
            '\\' => match chars.next() {
                // A continuation: skip the line end and the next line's indentation.
                Some((_, '\n')) | Some((_, '\r')) => {
                    if chars.peek().is_some_and(|&(_, n)| n == '\n') {
                        chars.next();
                    }
                    while chars.peek().is_some_and(|&(_, n)| n == ' ' || n == '\t') {
                        chars.next();
                    }
                }
                Some((_, 'u')) => {
                    let hex: String = (0..4)
                        .filter_map(|_| chars.next().map(|(_, h)| h))
                        .collect();
                    let d = u32::from_str_radix(&hex, 16)
                        .ok()
                        .and_then(char::from_u32)
                        .unwrap_or('\u{fffd}');
                    push(&mut name, &mut value, in_value, d, o);
                }
                Some((_, e)) => {
                    let d = match e {
                        't' => '\t',
                        'n' => '\n',
                        'r' => '\r',
                        'f' => '\u{c}',
                        other => other,
                    };
                    push(&mut name, &mut value, in_value, d, o);
                }
                None => {}
            },
            '=' | ':' if !in_value => {
                in_value = true;
                seen_separator = true;
                while chars.peek().is_some_and(|&(_, n)| n == ' ' || n == '\t') {
                    chars.next();
                }
            }
            ' ' | '\t' if !in_value => {
                // White space ends the key; an `=` or `:` may follow it.
                while chars.peek().is_some_and(|&(_, n)| n == ' ' || n == '\t') {
                    chars.next();
                }
                if let Some(&(_, n)) = chars.peek() {
                    if (n == '=' || n == ':') && !seen_separator {
                        chars.next();
                    }
                }
                in_value = true;
                while chars.peek().is_some_and(|&(_, n)| n == ' ' || n == '\t') {
                    chars.next();
                }
            }
            c => push(&mut name, &mut value, in_value, c, o),
        }
        // Just past everything consumed so far (an escape consumes more than `c`).
        end = chars.peek().map_or(source.len(), |&(next, _)| next);
    }
    let next = end + 1;
    let found = value.finish(end);
    (name, Some(found), next)
}

fn push(name: &mut String, value: &mut Builder, in_value: bool, c: char, offset: usize) {
    if in_value {
        value.push(c, offset);
    } else {
        name.push(c);
    }
}
