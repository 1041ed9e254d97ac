//! The one driver loop of the grammar: every segment of every caller — the map, validation,
//! redaction, the public [`Tokenizer`](crate::Tokenizer) — is read by [`Cursor::step`].
//!
//! The common segments are decided here by fast paths, without the general state machine: a
//! printable-ASCII key without white space or `==` (after any `;` and ASCII white space), then
//! `=` and a plain printable-ASCII value, a quoted value (ADO) or nothing (a null value), then
//! `;` or the end. A segment they miss is offered to the spaced path ([`spaced`]: printable
//! ASCII with spaces in names and values, white space around `=` and after quotes), out of
//! line so that the common paths pay nothing for it. Anything else goes to
//! [`general::segment`], which decides it from the same place. The fast paths live in this file only; a property test and a fuzz target hold the
//! driver to the plain reference tokenizer written from the grammar
//! (`grammar::reference`).

use crate::grammar::chars;
use crate::grammar::error::ParseError;
use crate::grammar::general::{self, At};
use crate::grammar::raw::{MAX_LEN, Raw, ValueForm};
use crate::grammar::syntax::Syntax;

/// Where the driver hands segments.
pub(crate) trait Segments {
    /// A segment of the fast paths: its key is printable ASCII without white space or `==`, so
    /// nothing in it needs decoding. The default is [`segment`](Self::segment); implementations inline
    /// their own so that the known fields fold away.
    #[inline(always)]
    fn plain(&mut self, src: &str, raw: Raw) {
        self.segment(src, raw);
    }

    /// A segment of the fast paths with a null value (`k=;`): its key is printable ASCII
    /// without white space or `==`. The default is [`segment`](Self::segment).
    #[inline(always)]
    fn null(&mut self, src: &str, raw: Raw) {
        self.segment(src, raw);
    }

    /// A segment of the [`spaced`] path: its key is ASCII without escapes (spaces inside it
    /// allowed), its value any form. The default is [`segment`](Self::segment).
    #[inline(always)]
    fn spaced(&mut self, src: &str, raw: Raw) {
        self.segment(src, raw);
    }

    /// Any segment.
    fn segment(&mut self, src: &str, raw: Raw);
}

/// Reads `src` to the end, handing every segment to `sink`; stops at the first syntax error.
///
/// The loop of [`Cursor::step`], written out so that the position stays in registers and each
/// fast path reaches the sink on its own: the segments of the fast paths go to
/// [`Segments::plain`] with their known fields folded in.
#[inline(always)]
pub(crate) fn drive<S: Segments>(
    src: &str,
    syntax: Syntax,
    sink: &mut S,
) -> Result<(), ParseError> {
    let mut cursor = Cursor::new(src, syntax);
    let (b, ado) = (src.as_bytes(), syntax == Syntax::Ado);
    loop {
        let pos = cursor.pos;
        let start = match fast_at(b, pos, ado) {
            Ok(raw) => {
                cursor.advance(raw);
                sink.plain(src, raw);
                continue;
            }
            Err(Miss::Quoted { start, eq, quote }) => {
                if let Some(raw) = fast_quoted(b, start, eq as usize, pos, quote) {
                    cursor.advance(raw);
                    sink.plain(src, raw);
                    continue;
                }
                pos
            }
            Err(Miss::Null { start, eq }) => {
                let raw = null_segment(b, start, eq as usize, pos);
                cursor.advance(raw);
                sink.null(src, raw);
                continue;
            }
            Err(Miss::End) => return Ok(()),
            Err(Miss::Other { start }) => start,
        };
        if let Some(raw) = spaced(b, pos, start, ado) {
            cursor.advance(raw);
            sink.spaced(src, raw);
            continue;
        }
        match cursor.general(sink, start) {
            Some(Ok(())) => {}
            Some(Err(e)) => return Err(e),
            None => return Ok(()),
        }
    }
}

/// The driver's state: where the next segment starts and the raw span of the key before it.
/// Callers keep it in a local, so that [`step`](Self::step), inlined, runs on registers.
#[derive(Clone)]
pub(crate) struct Cursor<'a> {
    src: &'a str,
    syntax: Syntax,
    /// Where the next segment starts; [`DONE`] after the end or an error.
    pos: usize,
    prev_key: (usize, usize),
}

/// [`Cursor::pos`] once the data has ended or failed: past any input, so the fast paths miss.
const DONE: usize = usize::MAX;

impl<'a> Cursor<'a> {
    pub(crate) fn new(src: &'a str, syntax: Syntax) -> Self {
        Cursor {
            src,
            syntax,
            // An input over the length limit starts on the general path, which reports it
            // (the fast paths' offsets are narrowed to 32 bits by the map).
            pos: if src.len() > MAX_LEN { DONE - 1 } else { 0 },
            prev_key: (0, 0),
        }
    }

    /// The source being read.
    pub(crate) fn src(&self) -> &'a str {
        self.src
    }

    /// The syntax being read.
    pub(crate) fn syntax(&self) -> Syntax {
        self.syntax
    }

    /// Reads the next segment into `sink`: `Some(Ok(()))` after a segment, `Some(Err(_))` on a
    /// syntax error (then `None` for ever), `None` at the end of the data.
    #[inline(always)]
    pub(crate) fn step<S: Segments>(&mut self, sink: &mut S) -> Option<Result<(), ParseError>> {
        let (src, b) = (self.src, self.src.as_bytes());
        match fast_at(b, self.pos, self.syntax == Syntax::Ado) {
            Ok(raw) => {
                self.advance(raw);
                sink.plain(src, raw);
                return Some(Ok(()));
            }
            Err(Miss::Quoted { start, eq, quote }) => {
                if let Some(raw) = fast_quoted(b, start, eq as usize, self.pos, quote) {
                    self.advance(raw);
                    sink.plain(src, raw);
                    return Some(Ok(()));
                }
            }
            Err(Miss::Null { start, eq }) => {
                let raw = null_segment(b, start, eq as usize, self.pos);
                self.advance(raw);
                sink.null(src, raw);
                return Some(Ok(()));
            }
            Err(Miss::End) => {
                self.pos = DONE;
                return None;
            }
            Err(Miss::Other { start }) => {
                if self.pos == DONE {
                    return None;
                }
                if let Some(raw) = spaced(b, self.pos, start, self.syntax == Syntax::Ado) {
                    self.advance(raw);
                    sink.spaced(src, raw);
                    return Some(Ok(()));
                }
                return self.general(sink, start);
            }
        }
        // A quoted value that does not close or is followed by more than `;`.
        let start = self.pos;
        self.general(sink, start)
    }

    /// The general path for the segment whose leading separators start at `pos` and whose
    /// first `start - pos` bytes the fast path skipped as separators.
    #[inline(always)]
    fn general<S: Segments>(
        &mut self,
        sink: &mut S,
        start: usize,
    ) -> Option<Result<(), ParseError>> {
        let src = self.src;
        let at = At {
            src,
            syntax: self.syntax,
            leading: self.pos,
            pos: start,
            prev_key: self.prev_key,
        };
        match general::segment(at) {
            Some(Ok(raw)) => {
                self.advance(raw);
                sink.segment(src, raw);
                Some(Ok(()))
            }
            other => {
                self.pos = DONE;
                other.map(|r| r.map(|_| ()))
            }
        }
    }

    #[inline(always)]
    fn advance(&mut self, raw: Raw) {
        self.pos = raw.end;
        self.prev_key = (raw.key_start, raw.key_end);
    }
}

/// Why [`fast_at`] did not take a segment.
#[derive(Debug, Clone, Copy)]
enum Miss {
    /// The key at `start` is plain and the value after the `=` at `eq` opens with `quote`
    /// (ADO): [`fast_quoted`] may take it.
    Quoted { start: usize, eq: u32, quote: u8 },
    /// The key at `start` is plain and the `=` at `eq` is followed by `;` or the end: a null
    /// value ([`null_segment`]).
    Null { start: usize, eq: u32 },
    /// Only separators up to the end of the input: the data has ended.
    End,
    /// Anything else: the general path, from `start` (past the separators the fast path
    /// skipped).
    Other { start: usize },
}

/// Is `c` a separator the fast path skips before a key: `;` or ASCII white space other than
/// vertical tab and form feed (`\t`, `\n`, `\r`, space)?
#[inline(always)]
fn is_fast_separator(c: u8) -> bool {
    const SET: u64 = 1 << b';' | 1 << b' ' | 1 << b'\t' | 1 << b'\n' | 1 << b'\r';
    c < 64 && (SET >> c) & 1 == 1
}

/// What the first byte of a value tells the fast path: a plain value ([`PLAIN`]: printable
/// ASCII other than `=`, `;`, a quote or `{`), a null value ([`NULL`]: `;`, or the end), a quoted
/// value ([`QUOTE`]) or anything else ([`OTHER`]).
const VALUE_START: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut c = b'!';
    while c <= b'~' {
        table[c as usize] = match c {
            b';' => NULL,
            b'\'' | b'"' => QUOTE,
            b'=' | b'{' => OTHER,
            _ => PLAIN,
        };
        c += 1;
    }
    table
};
const PLAIN: u8 = 0;
const NULL: u8 = 1;
const QUOTE: u8 = 2;
const OTHER: u8 = 3;

/// Where the key after the separators at `pos` starts; [`Miss::End`] when only separators
/// follow, [`Miss::Other`] past the end (the data has ended or the input is too long: `step`
/// tells these apart). Runs of `;` (hostile input) go eight at a time.
#[inline(never)]
fn skip_separators(b: &[u8], mut i: usize) -> Result<usize, Miss> {
    const SEMICOLONS: u64 = chars::LO * b';' as u64;
    loop {
        if chars::word_at(b, i) == SEMICOLONS && i + 8 <= b.len() {
            i += 8;
            continue;
        }
        match b.get(i) {
            Some(&c) if is_fast_separator(c) => i += 1,
            Some(_) => return Ok(i),
            None if i == b.len() => return Err(Miss::End),
            None => return Err(Miss::Other { start: i }),
        }
    }
}

/// The common segment at `pos`, after any `;` and ASCII white space: a key of printable ASCII
/// other than `=` (nothing to trim, no `==`), then `=`, then a plain value — printable ASCII
/// that starts with neither `=`, `;`, a quote nor a brace and does not end with a quote —
/// ending at `;` or the end of the input. A quoted or null value after a plain key is a
/// [`Miss::Quoted`] or [`Miss::Null`]; anything else a [`Miss::Other`].
#[inline(always)]
fn fast_at(b: &[u8], pos: usize, ado: bool) -> Result<Raw, Miss> {
    let start = match b.get(pos) {
        // The common case: the key starts right here.
        Some(&c) if !is_fast_separator(c) => pos,
        // One separator (`; ` leaves a space): no call.
        Some(_) if b.get(pos + 1).is_some_and(|&c| !is_fast_separator(c)) => pos + 1,
        _ => skip_separators(b, pos)?,
    };
    let other = Miss::Other { start };
    let eq = chars::scan_plain(b, start, b'=');
    if eq == start || b.get(eq) != Some(&b'=') {
        return Err(other);
    }
    let v_start = eq + 1;
    // `eq` fits: over-long inputs never reach the fast path.
    match b
        .get(v_start)
        .map_or(NULL, |&c| VALUE_START[usize::from(c)])
    {
        PLAIN => {}
        NULL => {
            return Err(Miss::Null {
                start,
                eq: eq as u32,
            });
        }
        QUOTE if ado => {
            let quote = b[v_start];
            return Err(Miss::Quoted {
                start,
                eq: eq as u32,
                quote,
            });
        }
        // `==` (an escaped `=` in ADO, a value starting with `=` in ODBC), a quote in ODBC,
        // a brace, white space or a control character: the general path.
        _ => return Err(other),
    }
    let v_end = chars::scan_plain(b, v_start, b';');
    let end = segment_end(b, v_end).ok_or(other)?;
    // A quote may stand inside an unquoted value but not at its end (ADO); in ODBC it may,
    // and the general path decides both.
    if matches!(b.get(v_end - 1), Some(b'\'' | b'"')) {
        return Err(other);
    }
    Ok(plain_key(
        start..eq,
        v_start..v_end,
        pos..end,
        ValueForm::Plain,
        false,
    ))
}

/// End of a segment whose value ends at `v_end`: past its `;`, or at the end of the input;
/// `None` if anything else follows.
#[inline(always)]
fn segment_end(b: &[u8], v_end: usize) -> Option<usize> {
    match b.get(v_end) {
        None => Some(v_end),
        Some(b';') => Some(v_end + 1),
        Some(_) => None,
    }
}

/// A segment of the fast paths: a key of plain ASCII without escapes at `key`, the value at
/// `value` (quotes included), the whole segment at `segment` (from its leading separators).
#[inline(always)]
fn plain_key(
    key: std::ops::Range<usize>,
    value: std::ops::Range<usize>,
    segment: std::ops::Range<usize>,
    form: ValueForm,
    value_escaped: bool,
) -> Raw {
    Raw {
        key_start: key.start,
        key_end: key.end,
        v_start: value.start,
        v_end: value.end,
        leading: segment.start,
        end: segment.end,
        form,
        key_escaped: false,
        value_escaped,
        key_ascii: true,
    }
}

/// A null value after a plain key at `start`: the `=` at `eq` is followed by `;` or the end.
#[inline(always)]
fn null_segment(b: &[u8], start: usize, eq: usize, leading: usize) -> Raw {
    let v_start = eq + 1;
    let end = segment_end(b, v_start).unwrap_or(v_start);
    plain_key(
        start..eq,
        v_start..v_start,
        leading..end,
        ValueForm::Null,
        false,
    )
}

/// A value quoted with `q` right after the `=` at `eq` of a plain key at `start`, closed by its
/// quote and followed by `;` or the end of the input.
#[inline(always)]
fn fast_quoted(b: &[u8], start: usize, eq: usize, leading: usize, q: u8) -> Option<Raw> {
    let v_start = eq + 1;
    let (v_end, value_escaped) = quoted_close(b, v_start, q)?;
    let end = segment_end(b, v_end)?;
    Some(plain_key(
        start..eq,
        v_start..v_end,
        leading..end,
        ValueForm::Quoted(q),
        value_escaped,
    ))
}

/// The ASCII white space [`spaced`] skips around `=` and a quoted value (the general path
/// skips any Unicode white space there; a non-ASCII byte leaves this path).
#[inline(always)]
fn skip_ascii_ws(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|&c| chars::is_ascii_ws(c)) {
        i += 1;
    }
    i
}

/// End of the spaces before `end` (down to `start`).
#[inline(always)]
fn trim_spaces(b: &[u8], start: usize, mut end: usize) -> usize {
    while end > start && b.get(end - 1) == Some(&b' ') {
        end -= 1;
    }
    end
}

/// The segment the fast paths missed at `start` (its leading separators from `leading`), when
/// it is printable ASCII with spaces: spaced names (`Auth Scheme`), white space around `=` and
/// after a closing quote, plain values with inner spaces (`Zoom reporting (nightly)`), quoted
/// values, ODBC braced values, null values. Anything else — a control character or a non-ASCII
/// byte, `==` in an ADO key, an empty key, a value ending in a quote (ADO), a missing `;` after
/// a quote, the end of the data — is `None`: [`general::segment`] decides it. Out of line, and
/// called only after the fast paths missed, so that they pay nothing for it.
#[inline(never)]
fn spaced(b: &[u8], leading: usize, start: usize, ado: bool) -> Option<Raw> {
    // The key: printable ASCII and spaces up to `=`; it starts with a printable byte other
    // than `;` (the fast path skipped the separators) and `=` (an empty key).
    if !b
        .get(start)
        .is_some_and(|&c| c.is_ascii_graphic() && c != b'=' && c != b';')
    {
        return None;
    }
    // Printable ASCII and spaces up to `=`: stops at `=`, a control character or non-ASCII.
    let eq = chars::scan_special(b, start, b'=');
    if b.get(eq) != Some(&b'=') || (ado && b.get(eq + 1) == Some(&b'=')) {
        return None;
    }
    let key_end = trim_spaces(b, start, eq);
    let v_start = skip_ascii_ws(b, eq + 1);
    let mut value_escaped = false;
    let (form, v_end, end) = match *b.get(v_start)? {
        b';' => (ValueForm::Null, v_start, v_start + 1),
        q @ (b'\'' | b'"') if ado => {
            let (close, escaped) = general::quoted(b, v_start, q).ok()?;
            value_escaped = escaped;
            (ValueForm::Quoted(q), close, after_quote(b, close)?)
        }
        b'{' if !ado => {
            let close = general::braced(b, v_start).ok()?;
            (ValueForm::Braced, close, after_quote(b, close)?)
        }
        c if c.is_ascii_graphic() => {
            let stop = chars::scan_special(b, v_start, b';');
            let end = match b.get(stop) {
                None => stop,
                Some(b';') => stop + 1,
                Some(_) => return None,
            };
            let v_end = trim_spaces(b, v_start, stop);
            if ado && matches!(b.get(v_end - 1), Some(b'\'' | b'"')) {
                return None;
            }
            (ValueForm::Plain, v_end, end)
        }
        _ => return None,
    };
    Some(Raw {
        key_start: start,
        key_end,
        v_start,
        v_end,
        leading,
        end,
        form,
        key_escaped: false,
        value_escaped,
        key_ascii: true,
    })
}

/// After a closing quote or brace at `close`: ASCII white space, then `;` (past it) or the
/// end of the input; `None` for anything else.
#[inline(always)]
fn after_quote(b: &[u8], close: usize) -> Option<usize> {
    let end = skip_ascii_ws(b, close);
    match b.get(end) {
        None => Some(end),
        Some(b';') => Some(end + 1),
        Some(_) => None,
    }
}

/// [`general::quoted`] out of line: the end of the quoted value and whether it holds a doubled
/// quote (small enough to come back in registers), `None` on any error.
#[inline(never)]
fn quoted_close(b: &[u8], open: usize, q: u8) -> Option<(usize, bool)> {
    general::quoted(b, open, q).ok()
}
