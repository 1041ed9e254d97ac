//! The reference tokenizer: the grammar read one char at a time, written from the grammar's text and
//! not from the driver — no scanners, no fast paths, no byte tricks. Tests and the fuzz targets
//! hold the driver ([`crate::grammar::driver`]) and the map's fold to it; it is not compiled
//! into the library otherwise.

use std::ops::Range;

use crate::grammar::error::ErrorKind;
use crate::grammar::syntax::Syntax;
use crate::grammar::tokenizer::Tokenizer;

/// One segment as the reference reads it: decoded key and value, and the byte spans the public
/// [`Segment`](crate::Segment) reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RefSegment {
    pub key: String,
    /// `None` for a null value.
    pub value: Option<String>,
    pub key_span: Range<usize>,
    pub value_span: Range<usize>,
    /// From the key's first char to the end of the segment.
    pub span: Range<usize>,
    /// From the end of the segment before.
    pub full_span: Range<usize>,
}

/// Every segment before the first error, and the error (kind and byte offset), if any.
pub(crate) type RefTokens = (Vec<RefSegment>, Option<(ErrorKind, usize)>);

/// White space (Unicode `White_Space`).
fn ws(c: char) -> bool {
    c.is_whitespace()
}

/// A control character in the grammar's sense: Cc and not white space.
fn control(c: char) -> bool {
    c.is_control() && !c.is_whitespace()
}

/// Reads `src` with `syntax`, one char at a time.
pub(crate) fn tokenize(src: &str, syntax: Syntax) -> RefTokens {
    let chars: Vec<(usize, char)> = src.char_indices().collect();
    // Byte offset of char `k` (the end of the input for `k == n`).
    let off = |k: usize| chars.get(k).map_or(src.len(), |&(o, _)| o);
    let ch = |k: usize| chars.get(k).map(|&(_, c)| c);
    let ado = syntax == Syntax::Ado;
    let mut segments = Vec::new();
    let mut k = 0;
    loop {
        let seg_start = k;
        // Rule 1: white space and `;` before a key are skipped.
        while ch(k).is_some_and(|c| ws(c) || c == ';') {
            k += 1;
        }
        let Some(c) = ch(k) else {
            return (segments, None);
        };
        // Rule 6: a NUL ends the data; only NUL and white space may follow it.
        if c == '\0' {
            while let Some(c) = ch(k) {
                if c != '\0' && !ws(c) {
                    return (segments, Some((ErrorKind::TextAfterNul, off(k))));
                }
                k += 1;
            }
            return (segments, None);
        }
        // A control character where a key should start: at the start of the segment.
        if control(c) {
            return (
                segments,
                Some((ErrorKind::ControlBeforeKey, off(seg_start))),
            );
        }

        // Rule 2: the key runs to the first `=` that ends it.
        let key_start = k;
        let fail = |kind| Some((kind, off(key_start)));
        let mut key = String::new();
        loop {
            match ch(k) {
                None => return (segments, fail(ErrorKind::MissingEquals)),
                Some('=') if ado && ch(k + 1) == Some('=') => {
                    key.push('=');
                    k += 2;
                }
                Some('=') => break,
                Some(c) if control(c) => return (segments, fail(ErrorKind::ControlInKey)),
                Some(c) => {
                    key.push(c);
                    k += 1;
                }
            }
        }
        let eq = k;
        // Trailing white space of the key is trimmed.
        let mut key_end = eq;
        while key_end > key_start && ch(key_end - 1).is_some_and(ws) {
            key_end -= 1;
        }
        let key = key.trim_end_matches(ws).to_owned();
        if key.is_empty() {
            return (segments, fail(ErrorKind::EmptyKey));
        }
        let ws_control_in_key = key.chars().any(|c| ws(c) && c.is_control());

        // Rule 3: after `=`, white space is skipped.
        k = eq + 1;
        while ch(k).is_some_and(ws) {
            k += 1;
        }
        let v_start = k;
        let (value, v_end, mut end, enclosed) = match ch(k) {
            // Null values.
            None | Some('\0') => (None, k, k, false),
            Some(';') => (None, k, k + 1, false),
            // Rule 5: quoted values.
            Some(q @ ('\'' | '"')) if ado => {
                let mut value = String::new();
                k += 1;
                loop {
                    match ch(k) {
                        None => return (segments, fail(ErrorKind::UnterminatedQuote)),
                        Some('\0') => return (segments, fail(ErrorKind::NulInQuote)),
                        Some(c) if c == q && ch(k + 1) == Some(q) => {
                            value.push(q);
                            k += 2;
                        }
                        Some(c) if c == q => {
                            k += 1;
                            break;
                        }
                        Some(c) => {
                            value.push(c);
                            k += 1;
                        }
                    }
                }
                (Some(value), k, k, true)
            }
            // ODBC braces: to a `}` not followed by `}`; braces and `}}` stay in the value.
            Some('{') if !ado => {
                let mut value = String::from("{");
                k += 1;
                loop {
                    match ch(k) {
                        None => return (segments, fail(ErrorKind::UnterminatedBrace)),
                        Some('\0') => return (segments, fail(ErrorKind::NulInQuote)),
                        Some('}') if ch(k + 1) == Some('}') => {
                            value.push_str("}}");
                            k += 2;
                        }
                        Some('}') => {
                            value.push('}');
                            k += 1;
                            break;
                        }
                        Some(c) => {
                            value.push(c);
                            k += 1;
                        }
                    }
                }
                (Some(value), k, k, true)
            }
            Some(c) if control(c) => return (segments, fail(ErrorKind::ControlInValue)),
            // Rule 4: unquoted values run to `;`, a control character or the end; trimmed.
            Some(_) => {
                let mut value = String::new();
                while let Some(c) = ch(k) {
                    if c == ';' || control(c) {
                        break;
                    }
                    value.push(c);
                    k += 1;
                }
                let stop = k;
                let mut v_end = stop;
                while v_end > v_start && ch(v_end - 1).is_some_and(ws) {
                    v_end -= 1;
                }
                let value = value.trim_end_matches(ws).to_owned();
                if ado && (value.ends_with('\'') || value.ends_with('"')) {
                    return (segments, fail(ErrorKind::QuoteEndsValue));
                }
                let end = if ch(stop) == Some(';') {
                    stop + 1
                } else {
                    stop
                };
                (Some(value), v_end, end, false)
            }
        };
        if enclosed {
            // After a closing quote or brace: white space, then `;`, NUL or the end.
            while ch(end).is_some_and(ws) {
                end += 1;
            }
            match ch(end) {
                None | Some('\0') => {}
                Some(';') => end += 1,
                Some(_) => return (segments, fail(ErrorKind::TextAfterQuote)),
            }
        }
        // Rule 2: a white-space control character inside the key is an error only where the
        // key has a value.
        if ws_control_in_key && value.is_some() {
            return (segments, fail(ErrorKind::InvalidKey));
        }
        segments.push(RefSegment {
            key,
            value,
            key_span: off(key_start)..off(key_end),
            value_span: off(v_start)..off(v_end),
            span: off(key_start)..off(end),
            full_span: off(seg_start)..off(end),
        });
        k = end;
    }
}

/// The effective entries (the last value of a repeated key wins, at the key's first place; a
/// null value removes the key), folded the plain way: a list searched from the start, keys
/// compared by their folded text ([`fold_key`](crate::grammar::casefold::fold_key)).
pub(crate) fn entries(segments: &[RefSegment]) -> Vec<(String, String)> {
    let lower = crate::grammar::casefold::fold_key;
    let mut out: Vec<(String, String)> = Vec::new();
    for seg in segments {
        let found = out.iter().position(|(k, _)| lower(k) == lower(&seg.key));
        match (found, &seg.value) {
            (Some(i), Some(v)) => out[i].1 = v.clone(),
            (Some(i), None) => {
                out.remove(i);
            }
            (None, Some(v)) => out.push((seg.key.clone(), v.clone())),
            (None, None) => {}
        }
    }
    out
}

/// What the public tokenizer (the driver) reads, in the reference's terms.
pub(crate) fn driver_tokens(s: &str, syntax: Syntax) -> RefTokens {
    let mut segments = Vec::new();
    for item in Tokenizer::with_syntax(s, syntax) {
        match item {
            Ok(seg) => segments.push(RefSegment {
                key: seg.key().to_owned(),
                value: seg.value().map(str::to_owned),
                key_span: seg.key_span(),
                value_span: seg.value_span(),
                span: seg.span(),
                full_span: seg.full_span(),
            }),
            Err(e) => return (segments, Some((e.kind(), e.offset()))),
        }
    }
    (segments, None)
}
