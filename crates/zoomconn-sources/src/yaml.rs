//! YAML (docker-compose, Kubernetes, GitHub Actions, Spring `application.yml`): every scalar
//! value is an entry, named by its key path (`spring.datasource.url`), by the sibling `name`
//! of a Kubernetes `env` item (`- name: ZOOM` / `value: …`), or by the variable of a
//! docker-compose `environment:`/`args:` list item (`- ZOOM=…`, whose text starts after `=`).
//! `saphyr-parser` (the maintained YAML 1.2 parser of the yaml-rust lineage; an event
//! parser, so aliases are never expanded) reads the document and gives each scalar's span;
//! the scalar's raw text is decoded here again to map each char to the file. When that
//! decoding does not give the parser's value (a form this mapper does not know), the
//! parser's value is used, located at the scalar's start, and it is not editable.

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use super::found::{Builder, Candidate, Fixed, Host};
use super::limits;
use super::{Entry, SourceError, SourceErrorKind};

/// Char index → byte offset, moving from the last position (events come in file order).
struct Cursor<'a> {
    text: &'a str,
    chars: usize,
    bytes: usize,
}

impl Cursor<'_> {
    fn byte(&mut self, char_index: usize) -> usize {
        while self.chars < char_index {
            let Some(c) = self.text.get(self.bytes..).and_then(|r| r.chars().next()) else {
                return self.bytes;
            };
            self.bytes += c.len_utf8();
            self.chars += 1;
        }
        while self.chars > char_index {
            let Some(c) = self
                .text
                .get(..self.bytes)
                .and_then(|r| r.chars().next_back())
            else {
                return self.bytes;
            };
            self.bytes -= c.len_utf8();
            self.chars -= 1;
        }
        self.bytes
    }
}

/// A collection being read: its key path, and for mappings the key waiting for its value.
enum Open {
    Map {
        path: Option<String>,
        key: Option<String>,
        expecting_key: bool,
        /// A `name:` value seen in this mapping (Kubernetes `env` items).
        name_field: Option<String>,
    },
    Seq {
        path: Option<String>,
        /// The key the sequence is the value of.
        key: Option<String>,
    },
}

fn child(path: Option<&str>, key: &str) -> String {
    match path {
        Some(p) => format!("{p}.{key}"),
        None => key.to_owned(),
    }
}

/// Hands every scalar entry to `out`, in file order. Nothing is kept per scalar: memory holds
/// the open collections (at most [`limits::MAX_DEPTH`]). On an error, `out` may have seen
/// the entries before it.
pub(crate) fn find(source: &str, out: &mut dyn FnMut(Entry)) -> Result<(), SourceError> {
    let mut parser = Parser::new_from_str(source);
    let mut cursor = Cursor {
        text: source,
        chars: 0,
        bytes: 0,
    };
    let mut stack: Vec<Open> = Vec::new();
    while let Some(event) = parser.next_event() {
        let (event, span) = event.map_err(|e| {
            let at = cursor.byte(e.marker().index());
            let info: String = e.info().chars().take(100).collect();
            SourceError::at(
                SourceErrorKind::InvalidYaml,
                format!("invalid YAML: {info}"),
                source,
                at,
            )
        })?;
        match event {
            Event::Scalar(value, style, _, _) => {
                let name = match stack.last_mut() {
                    Some(Open::Map {
                        key,
                        expecting_key,
                        path,
                        name_field,
                    }) => {
                        if *expecting_key {
                            *key = Some(value.into_owned());
                            *expecting_key = false;
                            continue;
                        }
                        *expecting_key = true;
                        let k = key.take().unwrap_or_default();
                        if k.eq_ignore_ascii_case("name") {
                            *name_field = Some(value.to_string());
                        }
                        if k.eq_ignore_ascii_case("value") && name_field.is_some() {
                            Naming::Plain(name_field.clone())
                        } else {
                            Naming::Plain(Some(child(path.as_deref(), &k)))
                        }
                    }
                    Some(Open::Seq { path, key }) => {
                        let listed = key.as_deref().is_some_and(|k| {
                            k.eq_ignore_ascii_case("environment") || k.eq_ignore_ascii_case("args")
                        });
                        if listed {
                            Naming::Assignment
                        } else {
                            Naming::Plain(path.clone())
                        }
                    }
                    None => Naming::Plain(None),
                };
                let start = cursor.byte(span.start.index());
                let end = cursor.byte(span.end.index());
                let (cand, host) = scalar(source, start, end, &value, style, span);
                let entry = match naming_entry(name, cand) {
                    Some(e) => e,
                    None => continue,
                };
                out(Entry::new(entry.0, entry.1, host));
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if stack.len() >= limits::MAX_DEPTH {
                    return Err(limits::too_deep(source, cursor.byte(span.start.index())));
                }
                let (path, key) = match stack.last_mut() {
                    Some(Open::Map {
                        key,
                        expecting_key,
                        path,
                        ..
                    }) => {
                        if *expecting_key {
                            // A collection as a key: nothing to name by.
                            *expecting_key = false;
                            *key = Some(String::new());
                            (None, None)
                        } else {
                            *expecting_key = true;
                            let k = key.take().unwrap_or_default();
                            (Some(child(path.as_deref(), &k)), Some(k))
                        }
                    }
                    Some(Open::Seq { path, .. }) => (path.clone(), None),
                    None => (None, None),
                };
                stack.push(if matches!(event, Event::MappingStart(..)) {
                    Open::Map {
                        path,
                        key: None,
                        expecting_key: true,
                        name_field: None,
                    }
                } else {
                    Open::Seq { path, key }
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
            }
            Event::Alias(_) => {
                if let Some(Open::Map {
                    key, expecting_key, ..
                }) = stack.last_mut()
                {
                    if *expecting_key {
                        *key = Some(String::new());
                    }
                    *expecting_key = !*expecting_key;
                }
            }
            Event::StreamEnd => break,
            _ => {}
        }
    }
    Ok(())
}

enum Naming {
    Plain(Option<String>),
    /// `NAME=value`: the name is in the text.
    Assignment,
}

fn naming_entry(naming: Naming, cand: Candidate) -> Option<(Option<String>, Candidate)> {
    match naming {
        Naming::Plain(name) => Some((name, cand)),
        Naming::Assignment => {
            let eq = cand.text.find('=');
            let is_name = |n: &str| {
                !n.is_empty()
                    && n.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'-')
            };
            match eq {
                Some(eq) if cand.text.get(..eq).is_some_and(is_name) => {
                    let name = cand.text.get(..eq).map(str::to_owned);
                    Some((name, cand.skip(eq + 1)))
                }
                _ => Some((None, cand)),
            }
        }
    }
}

/// The scalar at `start..end` of the file, decoded with positions; the parser's `value` when
/// the raw text decodes to something else.
fn scalar(
    source: &str,
    start: usize,
    end: usize,
    value: &str,
    style: ScalarStyle,
    _span: Span,
) -> (Candidate, Host) {
    // A quoted scalar's span may run on over a comment after it: end at the closing quote.
    let end = match style {
        ScalarStyle::SingleQuoted => closing_quote(source, start, end, b'\''),
        ScalarStyle::DoubleQuoted => closing_quote(source, start, end, b'"'),
        _ => end,
    };
    let raw = source.get(start..end).unwrap_or_default();
    let decoded = match style {
        ScalarStyle::Plain => Some((fold(raw, start, Quote::None), Host::YamlPlain)),
        ScalarStyle::SingleQuoted => strip_quotes(raw, '\'')
            .map(|inner| (fold(inner, start + 1, Quote::Single), Host::YamlSingle)),
        ScalarStyle::DoubleQuoted => strip_quotes(raw, '"')
            .map(|inner| (fold(inner, start + 1, Quote::Double), Host::YamlDouble)),
        ScalarStyle::Literal | ScalarStyle::Folded => {
            block(source, start, end, style == ScalarStyle::Folded).map(|(cand, indent)| {
                let host = if indent <= 255 {
                    Host::YamlBlock(indent as u8)
                } else {
                    Host::Fixed(Fixed::Layout)
                };
                (cand, host)
            })
        }
    };
    match decoded {
        // A block scalar's text is its value without the line ends around it.
        Some((cand, host)) if matches!(host, Host::YamlBlock(_)) && cand.text == value.trim() => {
            (cand, host)
        }
        Some((cand, host)) if cand.text == value => (cand, host),
        _ => {
            // Every char at the scalar's start: in bounds, never edited.
            let mut b = Builder::default();
            for c in value.chars() {
                b.push(c, start);
            }
            (b.finish(start), Host::Fixed(Fixed::Escapes))
        }
    }
}

/// A block scalar (`|` literal or `>` folded) whose span is `start..end`: its content lines
/// decoded with positions, without the line ends and white space around the value, and the
/// content's indentation. `None` for forms this mapper does not read (an explicit
/// indentation indicator).
fn block(source: &str, start: usize, end: usize, folded: bool) -> Option<(Candidate, usize)> {
    // The header: the indicator, chomping and indentation indicators, a comment.
    let head_at = source
        .get(..start.min(source.len()))?
        .rfind(['|', '>'])
        .filter(|&i| {
            // The span may start at the indicator or at the content: between them there can
            // only be the header's indicators and comment, and white space.
            source.get(i + 1..start).is_some_and(|between| {
                between.lines().all(|l| {
                    let l = l.split('#').next().unwrap_or_default();
                    l.trim()
                        .bytes()
                        .all(|b| matches!(b, b'+' | b'-' | b'0'..=b'9'))
                })
            })
        });
    let head_at = match source.as_bytes().get(start) {
        Some(b'|' | b'>') => start,
        _ => head_at?,
    };
    let line_end = source
        .get(head_at..)?
        .find('\n')
        .map_or(source.len(), |i| head_at + i);
    let header = source.get(head_at + 1..line_end)?;
    let header = header.split('#').next().unwrap_or_default().trim();
    if header.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut b = Builder::default();
    let mut indent: Option<usize> = None;
    let mut at = line_end + 1;
    let end = end.max(at).min(source.len());
    // Line breaks waiting to be written (folded: between text lines), and whether the last
    // text line was more indented (its break is kept).
    let mut pending: Vec<usize> = Vec::new();
    let mut last_more_indented = false;
    let mut any_text = false;
    let mut prev_end = at;
    while at < end {
        let next = source
            .get(at..)?
            .find('\n')
            .map_or(source.len(), |i| at + i);
        let line = source.get(at..next)?.trim_end_matches('\r');
        let spaces = line.len() - line.trim_start_matches(' ').len();
        if line.trim().is_empty() {
            pending.push(at + line.len());
            at = next + 1;
            continue;
        }
        let ind = *indent.get_or_insert(spaces);
        if spaces < ind {
            break;
        }
        let content = line.get(ind..)?;
        let more_indented = content.starts_with([' ', '\t']);
        if any_text {
            // The break ending the previous text line, then one per empty line, each at its
            // place in the file (in order).
            let breaks: Vec<usize> = std::iter::once(prev_end)
                .chain(pending.iter().copied())
                .collect();
            if folded && !more_indented && !last_more_indented {
                match breaks.get(1..) {
                    Some([]) | None => b.push(' ', prev_end),
                    Some(rest) => rest.iter().for_each(|&p| b.push('\n', p)),
                }
            } else {
                breaks.iter().for_each(|&p| b.push('\n', p));
            }
        }
        pending.clear();
        b.push_str(content, at + ind);
        prev_end = at + line.len();
        any_text = true;
        last_more_indented = more_indented;
        at = next + 1;
    }
    let cand = b.finish(prev_end);
    Some((cand.trim(), indent.unwrap_or(0)))
}

/// Just past the quote closing the scalar whose opening quote is at `start` (`''` is a quote
/// in single quotes, `\"` in double quotes); `end` when there is none before it.
fn closing_quote(source: &str, start: usize, end: usize, q: u8) -> usize {
    let bytes = source.as_bytes();
    let mut i = start + 1;
    while i < end {
        match bytes.get(i) {
            Some(b'\\') if q == b'"' => i += 2,
            Some(&b) if b == q => {
                if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                    i += 2;
                } else {
                    return i + 1;
                }
            }
            _ => i += 1,
        }
    }
    end
}

fn strip_quotes(raw: &str, q: char) -> Option<&str> {
    raw.strip_prefix(q)?.strip_suffix(q)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    None,
    Single,
    Double,
}

/// Decodes a flow scalar's text found at file offset `base`: escapes (double quotes), `''`
/// (single quotes), and line folding — a line break and the white space around it become one
/// space, or `n - 1` line feeds for `n` breaks; an escaped line break (double quotes) joins.
fn fold(raw: &str, base: usize, quote: Quote) -> Candidate {
    let mut b = Builder::default();
    let bytes = raw.as_bytes();
    let mut i = 0;
    while let Some(c) = raw.get(i..).and_then(|r| r.chars().next()) {
        let at = base + i;
        match c {
            '\'' if quote == Quote::Single && bytes.get(i + 1) == Some(&b'\'') => {
                b.push('\'', at);
                i += 2;
            }
            '\\' if quote == Quote::Double => {
                let e = raw.get(i + 1..).and_then(|r| r.chars().next());
                let (decoded, len) = match e {
                    Some('\n' | '\r') => {
                        // An escaped line break: skip it and the next line's indentation.
                        let mut j = i + 1;
                        if bytes.get(j) == Some(&b'\r') {
                            j += 1;
                        }
                        if bytes.get(j) == Some(&b'\n') {
                            j += 1;
                        }
                        while matches!(bytes.get(j), Some(b' ' | b'\t')) {
                            j += 1;
                        }
                        i = j;
                        continue;
                    }
                    Some(e) => escape(e, raw.get(i + 2..).unwrap_or_default()),
                    None => (None, 1),
                };
                match decoded {
                    Some(d) => b.push(d, at),
                    None => b.push('\\', at),
                }
                i += len;
            }
            '\r' | '\n' => {
                // Fold: drop trailing white space already pushed, count breaks, skip indentation.
                let kept = b.text.trim_end_matches([' ', '\t']).len();
                b.text.truncate(kept);
                b.runs.retain(|&(d, _)| d <= kept);
                let mut breaks = 0;
                let mut j = i;
                loop {
                    match bytes.get(j) {
                        Some(b'\r') => j += 1,
                        Some(b'\n') => {
                            breaks += 1;
                            j += 1;
                        }
                        Some(b' ' | b'\t') => j += 1,
                        _ => break,
                    }
                }
                if breaks == 1 {
                    b.push(' ', at);
                } else {
                    for _ in 1..breaks {
                        b.push('\n', at);
                    }
                }
                i = j;
            }
            _ => {
                b.push(c, at);
                i += c.len_utf8();
            }
        }
    }
    b.finish(base + raw.len())
}

/// A double-quoted escape after `\`: the char and the escape's length in bytes (`\` included).
fn escape(e: char, after: &str) -> (Option<char>, usize) {
    let hex = |n: usize| {
        after
            .get(..n)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32)
    };
    let simple = match e {
        '0' => Some('\0'),
        'a' => Some('\u{7}'),
        'b' => Some('\u{8}'),
        't' | '\t' => Some('\t'),
        'n' => Some('\n'),
        'v' => Some('\u{b}'),
        'f' => Some('\u{c}'),
        'r' => Some('\r'),
        'e' => Some('\u{1b}'),
        ' ' => Some(' '),
        '"' => Some('"'),
        '/' => Some('/'),
        '\\' => Some('\\'),
        'N' => Some('\u{85}'),
        '_' => Some('\u{a0}'),
        'L' => Some('\u{2028}'),
        'P' => Some('\u{2029}'),
        _ => None,
    };
    match (simple, e) {
        (Some(c), _) => (Some(c), 2),
        (None, 'x') => (hex(2), 4),
        (None, 'u') => (hex(4), 6),
        (None, 'U') => (hex(8), 10),
        (None, other) => (None, 1 + other.len_utf8()),
    }
}

#[cfg(test)]
mod tests {
    /// (file, [(name, text, file text)]).
    #[test]
    fn table() {
        #[rustfmt::skip]
        let table: crate::Table<'_> = &[
            ("a: x=1\nb:\n  c: 'it''s=1'\n", &[("a", "x=1", "x=1"), ("b.c", "it's=1", "it''s=1")]),
            ("environment:\n  - ZOOM=p=1;q=2\n  - \"K=\\\"v\\\"\"\n", &[("ZOOM", "p=1;q=2", "p=1;q=2"), ("K", "\"v\"", "\\\"v\\\"")]),
            ("env:\n- name: ZOOM\n  value: \"a=1\"\n", &[("env.name", "ZOOM", "ZOOM"), ("ZOOM", "a=1", "a=1")]),
            ("k: \"x\\u00e9 y\"", &[("k", "xé y", "x\\u00e9 y")]),
            ("k: 'a=b' # c\n", &[("k", "a=b", "a=b")]),
            ("k: \"a\\\"=b\" # c\n", &[("k", "a\"=b", "a\\\"=b")]),
            ("k: a\n  b\n\n  c", &[("k", "a b\nc", "a\n  b\n\n  c")]),
            ("- é: ü=1", &[("é", "ü=1", "ü=1")]),
            ("a: |\n  x=1;\n  y=2\nb: 1", &[("a", "x=1;\ny=2", "x=1;\n  y=2"), ("b", "1", "1")]),
            ("a: >-\n    x=1;\n    y=2\n\n    z=3\n", &[("a", "x=1; y=2\nz=3", "x=1;\n    y=2\n\n    z=3")]),
            ("k: |+ # c\r\n  v=1\r\n", &[("k", "v=1", "v=1")]),
        ];
        crate::check_table(crate::Kind::Yaml, table);
    }

    #[test]
    fn errors() {
        let e = crate::read_entries("a: [1, 2\nb: 3", crate::Kind::Yaml)
            .err()
            .map(|e| e.to_string());
        assert!(
            e.as_deref()
                .is_some_and(|e| e.starts_with("invalid YAML: ")),
            "{e:?}"
        );
    }
}
