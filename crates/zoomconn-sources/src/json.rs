//! JSON as .NET's configuration reads `appsettings.json`: `//` and `/* */` comments, trailing
//! commas, keys compared ignoring case. `jsonc-parser` (dprint's, maintained, with byte ranges
//! for every node and a nesting limit) parses the document; every string value is an entry,
//! named by its .NET configuration path (`ConnectionStrings:Zoom`, `Items:0`), so that strings
//! are found wherever they are: nested sections, arrays, flat `ConnectionStrings:Zoom` keys.
//! Each string's raw text maps its decoded bytes back through the escapes.

use jsonc_parser::ast::{ObjectPropName, Value};
use jsonc_parser::{CollectOptions, ParseOptions};

use super::found::{Builder, Candidate, Fixed, Host};
use super::{Entry, SourceError, SourceErrorKind};

fn options() -> ParseOptions {
    ParseOptions {
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
    }
}

/// The string entries of the document (under `pointer` when given), and whether the pointer
/// named a place in it.
pub(crate) fn find(source: &str, pointer: Option<&str>) -> Result<(Vec<Entry>, bool), SourceError> {
    let parsed = jsonc_parser::parse_to_ast(source, &CollectOptions::default(), &options())
        .map_err(|e| {
            // The message names the problem only; the position is added from the range.
            let message = format!(
                "invalid JSON: {}",
                first_letter_lower(&e.kind().to_string())
            );
            SourceError::at(
                SourceErrorKind::InvalidJson,
                message,
                source,
                e.range().start,
            )
        })?;
    let Some(root) = parsed.value else {
        return Ok((Vec::new(), pointer.is_none()));
    };
    let mut root = &root;
    let mut path: Vec<String> = Vec::new();
    if let Some(pointer) = pointer {
        for token in pointer.split('/').skip(1) {
            let token = token.replace("~1", "/").replace("~0", "~");
            let next = match root {
                Value::Object(o) => o
                    .properties
                    .iter()
                    .find(|p| p.name.as_str() == token)
                    .map(|p| &p.value),
                Value::Array(a) => token.parse::<usize>().ok().and_then(|i| a.elements.get(i)),
                _ => None,
            };
            match next {
                Some(v) => {
                    root = v;
                    path.push(token);
                }
                None => return Ok((Vec::new(), false)),
            }
        }
    }
    let mut out = Vec::new();
    // Depth-first, in document order, without recursion.
    let mut stack: Vec<(&Value<'_>, Option<String>)> = vec![(root, join(&path))];
    while let Some((value, name)) = stack.pop() {
        match value {
            Value::StringLit(s) => {
                let raw = source.get(s.range.start..s.range.end).unwrap_or_default();
                let (cand, exact) = decode(raw, s.range.start);
                let host = if exact {
                    Host::Json
                } else {
                    Host::Fixed(Fixed::Escapes)
                };
                out.push(Entry::new(name, cand, host));
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
    Ok((out, true))
}

fn first_letter_lower(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

fn join(path: &[String]) -> Option<String> {
    (!path.is_empty()).then(|| path.join(":"))
}

fn child(parent: Option<&str>, key: &str) -> String {
    match parent {
        Some(p) => format!("{p}:{key}"),
        None => key.to_owned(),
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
    let mut chars = inner.char_indices().peekable();
    let hex = |chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>| {
        let mut v = 0u32;
        for _ in 0..4 {
            v = v * 16 + chars.next().and_then(|(_, h)| h.to_digit(16)).unwrap_or(0);
        }
        v
    };
    while let Some((o, c)) = chars.next() {
        let at = base + 1 + o;
        if c != '\\' {
            b.push(c, at);
            continue;
        }
        let Some((_, e)) = chars.next() else { break };
        let decoded = match e {
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'u' => {
                let hi = hex(&mut chars);
                let next_is_low = inner
                    .get(chars.peek().map_or(inner.len(), |p| p.0)..)
                    .is_some_and(|r| r.starts_with("\\u"));
                let lo = next_is_low
                    .then(|| inner.get(chars.peek().map_or(inner.len(), |p| p.0) + 2..))
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
            let e = super::find(file, None).err().map(|e| e.to_string());
            assert_eq!(e.as_deref(), Some(message), "{file}");
        }
    }
}
