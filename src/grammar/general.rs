//! The general path: the whole state machine of the grammar (`docs/grammar.md`), for every segment the driver's fast
//! paths do not take (white space inside keys, escapes, non-ASCII, errors, ODBC braces, the
//! end of the data).

use crate::grammar::chars;
use crate::grammar::error::{ErrorKind, ParseError};
use crate::grammar::raw::{MAX_LEN, Raw, ValueForm};
use crate::grammar::syntax::Syntax;

/// Where the general path starts: the source, the syntax, where the segment's leading
/// separators start, where to read on (the driver may have skipped some separators already),
/// and where the key before it starts (an error names that key).
#[derive(Clone, Copy)]
pub(crate) struct At<'a> {
    pub src: &'a str,
    pub syntax: Syntax,
    pub leading: usize,
    pub pos: usize,
    pub prev_key: Option<usize>,
}

impl At<'_> {
    /// The error `kind` at `offset`, about the key at `key` (a raw span), if any.
    #[cold]
    #[inline(never)]
    fn fail(
        self,
        kind: ErrorKind,
        offset: usize,
        key: Option<(usize, usize)>,
        ch: Option<char>,
    ) -> ParseError {
        let text = |(start, end): (usize, usize)| self.src.get(start..end);
        let key = key.and_then(text).map(|k| match self.syntax {
            Syntax::Ado => k.replace("==", "="),
            Syntax::Odbc => k.to_owned(),
        });
        let prev = self
            .prev_key
            .map(|start| key_span(self.src, self.syntax, start))
            .filter(|&(start, end)| start < end)
            .and_then(text);
        ParseError::new(self.src, kind, offset, key.as_deref(), prev, ch)
    }
}

/// The raw span of the key that starts at `start` of a segment read without error: to the
/// first `=` that is not doubled (ADO) or the first `=` (ODBC), trailing white space trimmed.
fn key_span(src: &str, syntax: Syntax, start: usize) -> (usize, usize) {
    let b = src.as_bytes();
    let mut i = start;
    loop {
        i = chars::scan_special(b, i, b'=');
        match b.get(i) {
            None => break,
            Some(b'=') if syntax == Syntax::Ado && b.get(i + 1) == Some(&b'=') => i += 2,
            Some(b'=') => break,
            Some(_) => i += 1,
        }
    }
    (start, chars::trim_end_at(src, start, i))
}

/// The segment at `at.pos`, `None` at the end of the data, or the syntax error that ends it.
#[inline(never)]
pub(crate) fn segment(at: At<'_>) -> Option<Result<Raw, ParseError>> {
    let src = at.src;
    if src.len() > MAX_LEN {
        return Some(Err(at.fail(ErrorKind::TooLong, 0, None, None)));
    }
    let b = src.as_bytes();
    let seg_start = at.leading;
    let mut i = at.pos;

    // Before a key: skip white space and `;`.
    loop {
        let c = *b.get(i)?;
        if c == b';' || chars::is_ascii_ws(c) {
            i += 1;
        } else if c == 0 {
            return null_termination(at, i).map(Err);
        } else if c < 0x20 || c == 0x7f {
            let e = at.fail(
                ErrorKind::ControlBeforeKey,
                seg_start,
                None,
                Some(c as char),
            );
            return Some(Err(e));
        } else if c >= 0x80 {
            match chars::char_at(src, i) {
                Some(ch) if ch.is_whitespace() => i += ch.len_utf8(),
                Some(ch) if ch.is_control() => {
                    let e = at.fail(ErrorKind::ControlBeforeKey, seg_start, None, Some(ch));
                    return Some(Err(e));
                }
                _ => break,
            }
        } else {
            break;
        }
    }

    // The key runs to the first `=` that is not `==` (ADO).
    let ado = at.syntax == Syntax::Ado;
    let key_start = i;
    let mut key_escaped = false;
    let mut key_ascii = true;
    // The first white-space control character inside the key: an invalid key, unless this
    // occurrence has a null value (a removal, never checked).
    let mut ws_ctl = None;
    let eq = loop {
        i = chars::scan_special(b, i, b'=');
        let Some(&c) = b.get(i) else {
            let end = chars::trim_end_at(src, key_start, i);
            let e = at.fail(
                ErrorKind::MissingEquals,
                key_start,
                Some((key_start, end)),
                None,
            );
            return Some(Err(e));
        };
        if c == b'=' {
            if ado && b.get(i + 1) == Some(&b'=') {
                key_escaped = true;
                i += 2;
                continue;
            }
            break i;
        }
        // A control byte or a non-ASCII char.
        key_ascii &= c < 0x80;
        let ch = chars::char_at(src, i).unwrap_or('\u{fffd}');
        if ch.is_control() {
            if !ch.is_whitespace() {
                let key = Some((key_start, i));
                return Some(Err(at.fail(
                    ErrorKind::ControlInKey,
                    key_start,
                    key,
                    Some(ch),
                )));
            }
            ws_ctl = ws_ctl.or(Some((i, ch)));
        }
        i += ch.len_utf8();
    };
    let key_end = chars::trim_end_at(src, key_start, eq);
    let key = Some((key_start, key_end));
    if key_end == key_start {
        return Some(Err(at.fail(ErrorKind::EmptyKey, key_start, None, None)));
    }
    // Trailing white space is trimmed, so only a control character before the end counts.
    let ws_ctl = ws_ctl.filter(|&(p, _)| p < key_end);

    // After `=`: white space, then the value.
    let v_start = chars::skip_ws(src, eq + 1);
    let mut value_escaped = false;
    let (form, v_end, mut end) = match b.get(v_start) {
        None | Some(0) => (ValueForm::Null, v_start, v_start),
        Some(b';') => (ValueForm::Null, v_start, v_start + 1),
        Some(&q @ (b'\'' | b'"')) if ado => match quoted(b, v_start, q) {
            Ok((close, escaped)) => {
                value_escaped = escaped;
                (ValueForm::Quoted(q), close, close)
            }
            Err(kind) => return Some(Err(at.fail(kind, key_start, key, None))),
        },
        Some(b'{') if !ado => match braced(b, v_start) {
            Ok(close) => (ValueForm::Braced, close, close),
            Err(kind) => return Some(Err(at.fail(kind, key_start, key, None))),
        },
        Some(&c) => {
            if c < 0x20
                || c == 0x7f
                || (c >= 0x80 && chars::char_at(src, v_start).is_some_and(char::is_control))
            {
                let ch = chars::char_at(src, v_start);
                return Some(Err(at.fail(ErrorKind::ControlInValue, key_start, key, ch)));
            }
            let stop = unquoted_end(src, v_start);
            let v_end = chars::trim_end_at(src, v_start, stop);
            if ado && matches!(b.get(v_end - 1), Some(b'\'' | b'"')) {
                return Some(Err(at.fail(
                    ErrorKind::QuoteEndsValue,
                    key_start,
                    key,
                    None,
                )));
            }
            let end = if b.get(stop) == Some(&b';') {
                stop + 1
            } else {
                stop
            };
            (ValueForm::Plain, v_end, end)
        }
    };
    if matches!(form, ValueForm::Quoted(_) | ValueForm::Braced) {
        // After the closing quote: white space, then `;`, NUL or the end.
        end = chars::skip_ws(src, end);
        match b.get(end) {
            None | Some(0) => {}
            Some(b';') => end += 1,
            Some(_) => {
                return Some(Err(at.fail(
                    ErrorKind::TextAfterQuote,
                    key_start,
                    key,
                    None,
                )));
            }
        }
    }
    if let Some((_, ch)) = ws_ctl.filter(|_| form != ValueForm::Null) {
        return Some(Err(at.fail(
            ErrorKind::InvalidKey,
            key_start,
            key,
            Some(ch),
        )));
    }
    Some(Ok(Raw {
        key_start,
        key_end,
        v_start,
        v_end,
        leading: seg_start,
        end,
        form,
        key_escaped,
        value_escaped,
        key_ascii,
    }))
}

/// After a NUL outside quotes at `i`: only NUL and white space may follow.
fn null_termination(at: At<'_>, mut i: usize) -> Option<ParseError> {
    let b = at.src.as_bytes();
    while let Some(&c) = b.get(i) {
        if c == 0 {
            i += 1;
        } else if let Some(n) = chars::ws_len_at(at.src, i) {
            i += n;
        } else {
            let ch = chars::char_at(at.src, i);
            return Some(at.fail(ErrorKind::TextAfterNul, i, None, ch));
        }
    }
    None
}

/// End of an unquoted value starting at `i`: the first `;` or hard control character.
#[inline(always)]
fn unquoted_end(src: &str, mut i: usize) -> usize {
    let b = src.as_bytes();
    loop {
        i = chars::scan_special(b, i, b';');
        match b.get(i) {
            None | Some(b';') => return i,
            Some(&c) if c < 0x80 => {
                if chars::is_ascii_ws(c) {
                    i += 1;
                } else {
                    return i;
                }
            }
            Some(_) => match chars::char_at(src, i) {
                Some(ch) if chars::is_hard_control(ch) => return i,
                Some(ch) => i += ch.len_utf8(),
                None => return i,
            },
        }
    }
}

/// Reads an ODBC braced value opening at `open`; returns the index past the closing `}`.
pub(crate) fn braced(b: &[u8], open: usize) -> Result<usize, ErrorKind> {
    let mut i = open + 1;
    loop {
        i = chars::scan_quote(b, i, b'}');
        match b.get(i) {
            None => return Err(ErrorKind::UnterminatedBrace),
            Some(0) => return Err(ErrorKind::NulInQuote),
            _ if b.get(i + 1) == Some(&b'}') => i += 2,
            _ => return Ok(i + 1),
        }
    }
}

/// Finds the end of a quoted value whose opening quote `q` is at `open`. Returns the index
/// just past the closing quote and whether a doubled quote occurred.
#[inline(always)]
pub(crate) fn quoted(b: &[u8], open: usize, q: u8) -> Result<(usize, bool), ErrorKind> {
    // Most quoted values hold no doubled quote, or a few: the scanner finds each quote. Past a
    // few doubled quotes (hostile input), the pairs are read eight bytes at a time.
    const SCANNED_PAIRS: usize = 4;
    let mut i = chars::scan_quote(b, open + 1, q);
    let mut pairs = 0;
    let (end, escaped) = loop {
        if b.get(i) != Some(&q) || b.get(i + 1) != Some(&q) {
            break (i, pairs > 0);
        }
        pairs += 1;
        if pairs > SCANNED_PAIRS {
            break (chars::quoted_end(b, i + 2, q).0, true);
        }
        i = chars::scan_quote(b, i + 2, q);
    };
    match b.get(end) {
        None => Err(ErrorKind::UnterminatedQuote),
        Some(0) => Err(ErrorKind::NulInQuote),
        Some(_) => Ok((end + 1, escaped)),
    }
}
