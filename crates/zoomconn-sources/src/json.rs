//! JSON as .NET's configuration reads `appsettings.json`: `//` and `/* */` comments, trailing
//! commas, keys compared ignoring case. `jsonc-parser` (dprint's, maintained, with byte ranges
//! for every node and a nesting limit) parses the document; every string value is an entry,
//! named by its .NET configuration path (`ConnectionStrings:Zoom`, `Items:0`), so that strings
//! are found wherever they are: nested sections, arrays, flat `ConnectionStrings:Zoom` keys.
//! Each string's raw text maps its decoded bytes back through the escapes.

use std::borrow::Cow;

use jsonc_parser::errors::ParseErrorKind;
use jsonc_parser::tokens::Token;
use jsonc_parser::{Scanner, ScannerOptions};

use super::found::{Builder, Candidate, Fixed, Host};
use super::limits;
use super::{Entry, SourceError, SourceErrorKind};

fn options() -> ScannerOptions {
    ScannerOptions {
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

/// An open object or array: where it starts, its next element's index (arrays), and the
/// length of the configuration path before its child's key was added.
struct Open {
    array: bool,
    start: usize,
    index: usize,
    /// Does its path agree with the pointer so far (is it on the way to, or under, it)?
    on_pointer: bool,
    path_len: usize,
}

/// The document's tokens, comments skipped, with the grammar errors of `jsonc-parser`'s
/// own parser (comments and trailing commas accepted, nothing else loose).
struct Tokens<'a> {
    scanner: Scanner<'a>,
    source: &'a str,
}

impl<'a> Tokens<'a> {
    fn next(&mut self) -> Result<Option<Token<'a>>, SourceError> {
        loop {
            match self.scanner.scan() {
                Ok(Some(Token::CommentLine(_) | Token::CommentBlock(_))) => {}
                Ok(t) => return Ok(t),
                Err(e) => return Err(invalid(self.source, e.kind(), e.range().start)),
            }
        }
    }

    fn start(&self) -> usize {
        self.scanner.token_start()
    }

    fn error(&self, kind: &ParseErrorKind) -> SourceError {
        invalid(self.source, kind, self.start())
    }
}

fn invalid(source: &str, kind: &ParseErrorKind, at: usize) -> SourceError {
    // The message names the problem only; the position is added from the offset.
    let message = format!("invalid JSON: {}", first_letter_lower(&kind.to_string()));
    SourceError::at(SourceErrorKind::InvalidJson, message, source, at)
}

/// Hands every string entry of the document (under `pointer` when given) to `out`, in
/// document order; returns whether the pointer named a place in it.
///
/// The document is read as a stream of tokens: no tree, and nothing kept per value but the
/// open containers (at most [`limits::MAX_DEPTH`]) and the current configuration path, so
/// memory does not grow with the number of values. On an error, `out` may have seen the
/// entries before it.
pub(crate) fn find(
    source: &str,
    pointer: Option<&str>,
    out: &mut dyn FnMut(Entry),
) -> Result<bool, SourceError> {
    let tokens: Vec<String> = pointer
        .map(|p| {
            p.split('/')
                .skip(1)
                .map(|t| t.replace("~1", "/").replace("~0", "~"))
                .collect()
        })
        .unwrap_or_default();
    let mut toks = Tokens {
        scanner: Scanner::new(source, &options()),
        source,
    };
    let mut pointer_found = tokens.is_empty();
    let mut stack: Vec<Open> = Vec::new();
    // The configuration path of the value being read (`Items:0:Name`), and how many parts.
    let mut path = String::new();
    let mut depth_parts = 0usize;
    // Does the value being read lie on the pointer's way (`true` at the root)?
    let mut on_pointer = true;
    let Some(mut token) = toks.next()? else {
        return Ok(pointer_found);
    };
    loop {
        // `token` starts a value whose path is `path` (`depth_parts` parts).
        let inside = on_pointer && depth_parts >= tokens.len();
        if on_pointer && depth_parts == tokens.len() {
            pointer_found = true;
        }
        match token {
            Token::OpenBrace | Token::OpenBracket => {
                let array = matches!(token, Token::OpenBracket);
                if stack.len() >= limits::MAX_DEPTH {
                    return Err(limits::too_deep(source, toks.start()));
                }
                stack.push(Open {
                    array,
                    start: toks.start(),
                    index: 0,
                    on_pointer,
                    path_len: path.len(),
                });
                let first = toks.next()?;
                match first_child(&mut toks, first, array, stack.last())? {
                    Some((next, key)) => {
                        token = next;
                        enter(&mut path, &mut depth_parts, &key);
                        on_pointer = agrees(&tokens, stack.last(), depth_parts, &key);
                        continue;
                    }
                    None => {
                        stack.pop();
                    }
                }
            }
            Token::String(_) => {
                if inside {
                    let (start, end) = (toks.start(), toks.scanner.token_end());
                    let raw = source.get(start..end).unwrap_or_default();
                    let name = (depth_parts > 0).then(|| path.clone());
                    let (cand, exact) = decode(raw, start);
                    // A lone surrogate read as U+FFFD: the value cannot be written back as read.
                    let host = if exact {
                        Host::Json
                    } else {
                        Host::Fixed(Fixed::Escapes)
                    };
                    out(Entry::new(name, cand, host));
                }
            }
            Token::Boolean(_) | Token::Number(_) | Token::Null => {}
            Token::CloseBracket => return Err(toks.error(&ParseErrorKind::UnexpectedCloseBracket)),
            Token::CloseBrace => return Err(toks.error(&ParseErrorKind::UnexpectedCloseBrace)),
            Token::Comma => return Err(toks.error(&ParseErrorKind::UnexpectedComma)),
            Token::Colon => return Err(toks.error(&ParseErrorKind::UnexpectedColon)),
            Token::Word(_) => return Err(toks.error(&ParseErrorKind::UnexpectedWord)),
            Token::CommentLine(_) | Token::CommentBlock(_) => {}
        }
        // After a value: the separator, the next element or key, or the container's end.
        loop {
            let Some(open) = stack.last_mut() else {
                if toks.next()?.is_some() {
                    return Err(toks.error(&ParseErrorKind::MultipleRootJsonValues));
                }
                return Ok(pointer_found);
            };
            // The value just read is left: back to the container's own path.
            path.truncate(open.path_len);
            depth_parts = depth_parts.saturating_sub(1);
            let after_value_end = toks.scanner.token_end();
            let next = toks.next()?;
            let next = match next {
                Some(Token::Comma) => {
                    let after_comma = toks.next()?;
                    // A trailing comma is accepted, as .NET reads configuration JSON.
                    match after_comma {
                        Some(Token::CloseBracket) if open.array => None,
                        Some(Token::CloseBrace) if !open.array => None,
                        other => Some(other),
                    }
                }
                Some(Token::CloseBracket) if open.array => None,
                Some(Token::CloseBrace) if !open.array => None,
                Some(t)
                    if (open.array && is_value_start(&t))
                        || (!open.array && is_property_start(&t)) =>
                {
                    return Err(invalid(
                        source,
                        &ParseErrorKind::ExpectedComma,
                        after_value_end,
                    ));
                }
                other => Some(other),
            };
            match next {
                None => {
                    // The container is closed: it is a value of its parent.
                    stack.pop();
                }
                Some(first) => {
                    open.index += 1;
                    let open = &*open;
                    match first_child(&mut toks, first, open.array, Some(open))? {
                        Some((next, key)) => {
                            token = next;
                            enter(&mut path, &mut depth_parts, &key);
                            on_pointer = agrees(&tokens, stack.last(), depth_parts, &key);
                            break;
                        }
                        None => {
                            stack.pop();
                        }
                    }
                }
            }
        }
    }
}

/// The key of a container's child (its index in an array).
enum Key<'a> {
    Index(usize),
    Name(Cow<'a, str>),
}

/// Reads what follows a container's opening or a comma in it: `None` when the container
/// closes there, else the first token of the child's value and the child's key.
fn first_child<'a>(
    toks: &mut Tokens<'a>,
    first: Option<Token<'a>>,
    array: bool,
    open: Option<&Open>,
) -> Result<Option<(Token<'a>, Key<'a>)>, SourceError> {
    let start = open.map_or(0, |o| o.start);
    let index = open.map_or(0, |o| o.index);
    if array {
        return match first {
            Some(Token::CloseBracket) => Ok(None),
            None => Err(invalid(
                toks.source,
                &ParseErrorKind::UnterminatedArray,
                start,
            )),
            Some(t) => Ok(Some((t, Key::Index(index)))),
        };
    }
    let key = match first {
        Some(Token::CloseBrace) => return Ok(None),
        Some(Token::String(k)) => k,
        None => {
            return Err(invalid(
                toks.source,
                &ParseErrorKind::UnterminatedObject,
                start,
            ));
        }
        Some(Token::Word(_) | Token::Number(_) | Token::Boolean(_) | Token::Null) => {
            return Err(toks.error(&ParseErrorKind::ExpectedStringObjectProperty));
        }
        Some(_) => return Err(toks.error(&ParseErrorKind::UnexpectedTokenInObject)),
    };
    match toks.next()? {
        Some(Token::Colon) => {}
        _ => return Err(toks.error(&ParseErrorKind::ExpectedColonAfterObjectKey)),
    }
    match toks.next()? {
        Some(t) => Ok(Some((t, Key::Name(key)))),
        None => Err(toks.error(&ParseErrorKind::ExpectedObjectValue)),
    }
}

fn is_value_start(t: &Token<'_>) -> bool {
    matches!(
        t,
        Token::OpenBrace
            | Token::OpenBracket
            | Token::String(_)
            | Token::Boolean(_)
            | Token::Number(_)
            | Token::Null
    )
}

fn is_property_start(t: &Token<'_>) -> bool {
    matches!(
        t,
        Token::String(_) | Token::Word(_) | Token::Number(_) | Token::Boolean(_) | Token::Null
    )
}

/// Adds a child's key to the configuration path.
fn enter(path: &mut String, parts: &mut usize, key: &Key<'_>) {
    if *parts > 0 {
        path.push(':');
    }
    match key {
        Key::Index(i) => {
            use std::fmt::Write as _;
            let _ = write!(path, "{i}");
        }
        Key::Name(k) => path.push_str(k),
    }
    *parts += 1;
}

/// Does the child just entered (its path `parts` long, its key `key`) still agree with the
/// pointer `tokens`?
fn agrees(tokens: &[String], open: Option<&Open>, parts: usize, key: &Key<'_>) -> bool {
    let Some(open) = open else { return true };
    if !open.on_pointer {
        return false;
    }
    let Some(want) = tokens.get(parts - 1) else {
        return true;
    };
    match key {
        Key::Index(i) => want.parse::<usize>().is_ok_and(|w| w == *i),
        Key::Name(k) => k == want,
    }
}

fn first_letter_lower(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Decodes the JSON string literal `raw` (quotes included) found at file offset `base`,
/// mapping each char to the offset of its escape or character in the file; `false` with it
/// when a lone surrogate (`\ud800`), which no string of chars holds, was read as U+FFFD.
// Indexing: `raw` is a string literal the parser accepted, so it starts and ends with `"`.
fn decode(raw: &str, base: usize) -> (Candidate, bool) {
    let mut exact = true;
    let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or_default();
    let mut b = Builder::default();
    let hex = |chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>| {
        let mut v = 0u32;
        for _ in 0..4 {
            v = v * 16 + chars.next().and_then(|(_, h)| h.to_digit(16)).unwrap_or(0);
        }
        v
    };
    // `o`: the offset in `inner` of what is read next.
    let mut o = 0;
    while let Some(rest) = inner.get(o..).filter(|r| !r.is_empty()) {
        let at = base + 1 + o;
        if !rest.starts_with('\\') {
            // The text up to the next escape, in one piece (one run, as char by char).
            let n = memchr::memchr(b'\\', rest.as_bytes()).unwrap_or(rest.len());
            b.push_str(rest.get(..n).unwrap_or_default(), at);
            o += n;
            continue;
        }
        // An escape: `chars` reads it, offsets in `rest`.
        let mut chars = rest.char_indices().peekable();
        chars.next();
        let Some((_, e)) = chars.next() else { break };
        let decoded = match e {
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'u' => {
                let hi = hex(&mut chars);
                let next_is_low = rest
                    .get(chars.peek().map_or(rest.len(), |p| p.0)..)
                    .is_some_and(|r| r.starts_with("\\u"));
                let lo = next_is_low
                    .then(|| rest.get(chars.peek().map_or(rest.len(), |p| p.0) + 2..))
                    .flatten()
                    .and_then(|r| r.get(..4))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .filter(|lo| (0xdc00..0xe000).contains(lo));
                let c = match lo {
                    Some(lo) if (0xd800..0xdc00).contains(&hi) => {
                        chars.next();
                        chars.next();
                        hex(&mut chars);
                        char::from_u32(0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00))
                    }
                    _ => char::from_u32(hi),
                };
                c.unwrap_or_else(|| {
                    exact = false;
                    '\u{fffd}'
                })
            }
            other => other,
        };
        b.push(decoded, at);
        o += chars.peek().map_or(rest.len(), |p| p.0);
    }
    (b.finish(base + raw.len().saturating_sub(1)), exact)
}

#[cfg(test)]
mod tests {
    /// (file, [(name, text, file text)]).
    #[test]
    fn table() {
        #[rustfmt::skip]
        let table: crate::Table<'_> = &[
            ("{\"a\": \"x\\\"y\", // c\n /* b */ \"n\": {\"m\": [\"p\", 1, \"q\\u00e9\",],},}",
             &[("a", "x\"y", "x\\\"y"), ("n:m:0", "p", "p"), ("n:m:2", "qé", "q\\u00e9")]),
            ("{\"ConnectionStrings:Zoom\": \"v\"}", &[("ConnectionStrings:Zoom", "v", "v")]),
            ("\"top\"", &[("", "top", "top")]),
            ("{\"s\": \"\\ud83d\\ude00\"}", &[("s", "😀", "\\ud83d\\ude00")]),
            ("", &[]),
        ];
        crate::check_table(crate::Kind::Json, table);
    }

    #[test]
    fn errors() {
        for (file, message) in [
            (
                "{\"a\": 1 \"b\": 2}",
                "invalid JSON: expected comma at line 1, column 8",
            ),
            (
                "{'a': 1}",
                "invalid JSON: single-quoted strings are not allowed at line 1, column 2",
            ),
            (
                "[1,\n 2",
                "invalid JSON: unterminated array at line 1, column 1",
            ),
        ] {
            let e = crate::read_entries(file, crate::Kind::Json)
                .err()
                .map(|e| e.to_string());
            assert_eq!(e.as_deref(), Some(message), "{file}");
        }
    }
}

/// What the twin and the streaming reader give for a string: (name, text, file start,
/// decoded exactly).
#[cfg(test)]
type Read = (Option<String>, String, usize, bool);

/// The plain twin of [`find`]: `jsonc-parser`'s tree, walked. The streaming walker must
/// give the same entries, and the same error for a document that does not parse.
#[cfg(test)]
mod twin {
    use jsonc_parser::ast::{ObjectPropName, Value};
    use jsonc_parser::{CollectOptions, ParseOptions};

    /// (name, text, file start, decoded exactly) of every string entry, or the error's
    /// message.
    pub(super) fn entries(source: &str) -> Result<Vec<super::Read>, String> {
        let options = ParseOptions {
            allow_comments: true,
            allow_trailing_commas: true,
            allow_loose_object_property_names: false,
            allow_missing_commas: false,
            allow_single_quoted_strings: false,
            allow_hexadecimal_numbers: false,
            allow_unary_plus_numbers: false,
            allow_bare_decimal_point_numbers: false,
            allow_non_finite_numbers: false,
            allow_extended_string_escapes: false,
        };
        let parsed = jsonc_parser::parse_to_ast(source, &CollectOptions::default(), &options)
            .map_err(|e| super::invalid(source, e.kind(), e.range().start).to_string())?;
        let mut out = Vec::new();
        let Some(root) = parsed.value else {
            return Ok(out);
        };
        let mut stack: Vec<(&Value<'_>, Option<String>)> = vec![(&root, None)];
        let child = |p: Option<&str>, k: &str| match p {
            Some(p) => format!("{p}:{k}"),
            None => k.to_owned(),
        };
        while let Some((value, name)) = stack.pop() {
            match value {
                Value::StringLit(s) => {
                    let raw = source.get(s.range.start..s.range.end).unwrap_or_default();
                    let (c, exact) = super::decode(raw, s.range.start);
                    out.push((name, c.text.clone(), c.file_start(), exact));
                }
                Value::Object(o) => {
                    for p in o.properties.iter().rev() {
                        let key = match &p.name {
                            ObjectPropName::String(s) => s.value.as_ref(),
                            ObjectPropName::Word(w) => w.value,
                        };
                        stack.push((&p.value, Some(child(name.as_deref(), key))));
                    }
                }
                Value::Array(a) => {
                    for (i, v) in a.elements.iter().enumerate().rev() {
                        stack.push((v, Some(child(name.as_deref(), &i.to_string()))));
                    }
                }
                _ => {}
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod against_the_twin {
    use proptest::prelude::*;

    use crate::found::{Fixed, Host};

    fn streamed(source: &str) -> Result<Vec<super::Read>, String> {
        crate::read_entries(source, crate::Kind::Json)
            .map(|entries| {
                entries
                    .into_iter()
                    .map(|e| {
                        let start = e.candidate.file_start();
                        let exact = match e.host {
                            Host::Json => true,
                            Host::Fixed(Fixed::Escapes) => false,
                            _ => panic!("a JSON string read as another host"),
                        };
                        (e.name, e.candidate.text, start, exact)
                    })
                    .collect()
            })
            .map_err(|e| e.to_string())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        /// Documents made of JSON's tokens, valid or not, shallow enough for both.
        #[test]
        fn same_entries_and_errors(parts in proptest::collection::vec(prop_oneof![
            Just("{"), Just("}"), Just("["), Just("]"), Just(","), Just(":"), Just(" "),
            Just("\"a\""), Just("\"b=c\""), Just("\"\\u00e9\""), Just("1"), Just("-"),
            Just("true"), Just("null"), Just("x"), Just("// c\n"), Just("/* c */"), Just("\n"),
            Just("'s'"), Just("\""), Just("\"\\ud800\""), Just("\"\\ud83d\\ude00\""),
        ], 0..24)) {
            let source: String = parts.concat();
            prop_assert_eq!(streamed(&source), super::twin::entries(&source), "{:?}", source);
        }
    }

    /// Well-formed documents the random ones rarely reach.
    #[test]
    fn table() {
        for source in [
            "{\"a\": {\"b\": [\"x\", {\"c\": \"y\"}, [], {}], \"d\": \"z\"}, \"e\": [[\"w\"]]}",
            "[{}, [], \"a\", {\"k\": [1, \"v\",],},]",
            "\"top\"",
            " // only a comment\n",
            "{\"a\": 1} {\"b\": 2}",
            "{\"a\" 1}",
            "{\"a\":}",
            "[1 2]",
            "{\"a\": 1 \"b\": 2}",
            "[,]",
            "{,}",
            "{\"a\": [}",
            "{\"lone\": \"k=\\ud800\", \"pair\": \"k=\\ud83d\\ude00\", \"low\": \"\\udc00\\ud800\"}",
        ] {
            assert_eq!(streamed(source), super::twin::entries(source), "{source:?}");
        }
    }
}

#[cfg(test)]
mod pointer {
    /// (pointer, names of the entries under it, whether it named a place).
    #[test]
    fn table() {
        let file =
            "{\"a\": {\"b\": \"x\", \"c\": [\"y\", {\"d\": \"z\"}]}, \"a~/\": \"w\", \"e\": \"v\"}";
        #[rustfmt::skip]
        let table: &[(&str, &[&str], bool)] = &[
            ("", &["a:b", "a:c:0", "a:c:1:d", "a~/", "e"], true),
            ("/a", &["a:b", "a:c:0", "a:c:1:d"], true),
            ("/a/c/1", &["a:c:1:d"], true),
            ("/a/c/0", &["a:c:0"], true),
            ("/a/b", &["a:b"], true),
            ("/a~0~1", &["a~/"], true),
            ("/a/c/2", &[], false),
            ("/b", &[], false),
            ("/e/x", &[], false),
        ];
        for &(pointer, names, found) in table {
            let mut got = Vec::new();
            let was_found = super::find(file, Some(pointer), &mut |e| {
                got.push(e.name.unwrap_or_default())
            })
            .unwrap();
            assert_eq!(
                (got, was_found),
                (names.iter().map(|n| n.to_string()).collect(), found),
                "{pointer}"
            );
        }
    }
}
