//! The one driver loop of the grammar: every segment of every caller — the map, validation,
//! redaction, the public [`Tokenizer`](crate::Tokenizer) — is read by [`Cursor::step`].
//!
//! The common segments are decided here by one fast path ([`fast_at`]), without the general
//! state machine: after any `;` and ASCII white space, a printable-ASCII key without `==`
//! (spaces inside it and before the `=` allowed), then `=`, ASCII white space, and a plain
//! value (spaces, tabs, line breaks and non-ASCII chars inside it allowed), a quoted value
//! (ADO), a braced value (ODBC) or nothing (a null value), then `;` or the end. Anything else
//! goes to [`general::segment`], which decides it from the same place. The fast path lives in
//! this file only; a property test and a fuzz target hold the driver to the plain reference
//! tokenizer written from the grammar (`grammar::reference`).

use crate::grammar::chars;
use crate::grammar::error::ParseError;
use crate::grammar::general::{self, At};
use crate::grammar::raw::{MAX_LEN, Raw, ValueForm};
use crate::grammar::syntax::Syntax;

/// Where the driver hands segments.
pub(crate) trait Segments {
    /// A segment of the fast path ([`fast_at`]): its key is ASCII without `==` (nothing in it
    /// needs decoding; it may hold spaces), its value any form. The default is
    /// [`segment`](Self::segment); implementations inline their own so that the known fields
    /// fold away.
    #[inline(always)]
    fn fast(&mut self, src: &str, raw: Raw) {
        self.segment(src, raw);
    }

    /// Any segment.
    fn segment(&mut self, src: &str, raw: Raw);
}

/// Reads `src` to the end, handing every segment to `sink`; stops at the first syntax error.
///
/// The loop of [`Cursor::step`], written out so that the position stays in registers and the
/// segments of the fast path reach [`Segments::fast`] with their known fields folded in.
#[inline(always)]
pub(crate) fn drive<S: Segments>(
    src: &str,
    syntax: Syntax,
    sink: &mut S,
) -> Result<(), ParseError> {
    let mut cursor = Cursor::new(src, syntax);
    let (b, ado) = (src.as_bytes(), syntax == Syntax::Ado);
    loop {
        // The fast path's loop keeps the position in a register; the cursor learns it before
        // the general path.
        let (mut pos, mut key) = (cursor.pos, cursor.prev_key);
        let start = loop {
            match fast_at(b, pos, ado) {
                Ok(raw) => {
                    (pos, key) = (raw.end, Some(raw.key_start));
                    sink.fast(src, raw);
                }
                Err(Miss::End) => return Ok(()),
                Err(Miss::Other { start }) => break start,
            }
        };
        (cursor.pos, cursor.prev_key) = (pos, key);
        match cursor.general(sink, start) {
            Some(Ok(())) => {}
            Some(Err(e)) => return Err(e),
            None => return Ok(()),
        }
    }
}

/// The driver's state: where the next segment starts and where the key before it starts.
/// Callers keep it in a local, so that [`step`](Self::step), inlined, runs on registers.
#[derive(Clone)]
pub(crate) struct Cursor<'a> {
    src: &'a str,
    syntax: Syntax,
    /// Where the next segment starts; [`DONE`] after the end or an error.
    pos: usize,
    /// Where the key of the segment before starts (its span is found again if an error
    /// names it).
    prev_key: Option<usize>,
}

/// [`Cursor::pos`] once the data has ended or failed: past any input, so the fast path misses.
const DONE: usize = usize::MAX;

impl<'a> Cursor<'a> {
    pub(crate) fn new(src: &'a str, syntax: Syntax) -> Self {
        Cursor {
            src,
            syntax,
            // An input over the length limit starts on the general path, which reports it
            // (the fast path's offsets are narrowed to 32 bits by the map).
            pos: if src.len() > MAX_LEN { DONE - 1 } else { 0 },
            prev_key: None,
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
        let src = self.src;
        match fast_at(src.as_bytes(), self.pos, self.syntax == Syntax::Ado) {
            Ok(raw) => {
                self.advance(raw);
                sink.fast(src, raw);
                Some(Ok(()))
            }
            Err(Miss::End) => {
                self.pos = DONE;
                None
            }
            Err(Miss::Other { .. }) if self.pos == DONE => None,
            Err(Miss::Other { start }) => self.general(sink, start),
        }
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
        self.prev_key = Some(raw.key_start);
    }
}

/// Why [`fast_at`] did not take a segment.
#[derive(Debug, Clone, Copy)]
enum Miss {
    /// Only separators up to the end of the input: the data has ended.
    End,
    /// Anything else: the general path, from `start` (past the separators the fast path
    /// skipped).
    Other { start: usize },
}

/// Separators the fast path skips in line before a key; more go to [`skip_separators`].
const SEPARATORS: usize = 6;

/// Is `c` a separator the fast path skips before a key: `;` or ASCII white space other than
/// vertical tab and form feed (`\t`, `\n`, `\r`, space)?
#[inline(always)]
fn is_fast_separator(c: u8) -> bool {
    const SET: u64 = 1 << b';' | 1 << b' ' | 1 << b'\t' | 1 << b'\n' | 1 << b'\r';
    c < 64 && (SET >> c) & 1 == 1
}

/// What the first byte of a value tells the fast path, in each syntax (`VALUE_START[1]` for
/// ADO, `VALUE_START[0]` for ODBC): a plain value ([`PLAIN`]: printable ASCII other than `=`,
/// `;`, and a quote in ADO or `{` in ODBC), a null value ([`NULL`]: `;`, or the end), a quoted
/// value ([`QUOTE`], ADO), a braced value ([`BRACE`], ODBC), ASCII white space to skip
/// ([`SPACE`]) or anything else ([`OTHER`]).
const VALUE_START: [[u8; 256]; 2] = [value_start(false), value_start(true)];

/// [`VALUE_START`] of one syntax.
const fn value_start(ado: bool) -> [u8; 256] {
    let mut table = [OTHER; 256];
    let mut c = b'!';
    while c <= b'~' {
        table[c as usize] = match c {
            b';' => NULL,
            b'\'' | b'"' if ado => QUOTE,
            b'{' if !ado => BRACE,
            b'=' => OTHER,
            _ => PLAIN,
        };
        c += 1;
    }
    let mut c = 0;
    while c < 128 {
        if chars::is_ascii_ws(c) {
            table[c as usize] = SPACE;
        }
        c += 1;
    }
    table
}
// One bit each, tested one at a time: a chain of bit tests, which the compiler keeps as
// branches in the order written (the plain value first), where equalities become a jump table.
const PLAIN: u8 = 1;
const NULL: u8 = 2;
const QUOTE: u8 = 4;
const SPACE: u8 = 8;
const BRACE: u8 = 16;
const OTHER: u8 = 32;

/// Is `class` (one of the classes above) `kind`?
#[inline(always)]
fn is(class: u8, kind: u8) -> bool {
    class & kind != 0
}

/// Where the key after the separators at `pos` starts; [`Miss::End`] when only separators
/// follow, [`Miss::Other`] past the end (the data has ended or the input is too long: `step`
/// tells these apart). Runs of `;` (hostile input) and of spaces (a deep indent) go eight at a
/// time.
#[inline(never)]
fn skip_separators(b: &[u8], mut i: usize) -> Result<usize, Miss> {
    const SEMICOLONS: u64 = chars::LO * b';' as u64;
    loop {
        match b.get(i) {
            Some(b';') => {
                i += 1;
                while i + 8 <= b.len() && chars::word_at(b, i) == SEMICOLONS {
                    i += 8;
                }
            }
            // An indent: its spaces a word at a time.
            Some(b' ') => i += spaces_at(b, i).max(1),
            Some(&c) if is_fast_separator(c) => i += 1,
            Some(_) => return Ok(i),
            None if i == b.len() => return Err(Miss::End),
            None => return Err(Miss::Other { start: i }),
        }
    }
}

/// The segment at `pos`, after any `;` and ASCII white space: a key of printable ASCII
/// without `==` (ADO), spaces inside it and before the `=` allowed, then ASCII white space,
/// then a plain value (printable ASCII and spaces, and inside it also tabs, line breaks and
/// non-ASCII chars other than C1 controls; trimmed, not ending in a quote in either syntax), a
/// quoted value (ADO), an ODBC braced value or nothing (a null value), then ASCII white space
/// after a quote or brace, then `;` or the end of the input. Anything else — a control or
/// non-ASCII char in a key or at either end of a plain value, `==` in an ADO key, an empty key,
/// an unterminated quote, text after a quote — is a [`Miss::Other`]: [`general::segment`]
/// decides it.
#[inline(always)]
fn fast_at(b: &[u8], pos: usize, ado: bool) -> Result<Raw, Miss> {
    let start = match b.get(pos) {
        // The common case: the key starts right here.
        Some(&c) if !is_fast_separator(c) => pos,
        // A few separators (`; ` leaves a space, `;\n  ` a line break and an indent): no call.
        Some(_) => {
            let mut at = pos + 1;
            while at < pos + SEPARATORS && b.get(at).is_some_and(|&c| is_fast_separator(c)) {
                at += 1;
            }
            match b.get(at) {
                Some(&c) if !is_fast_separator(c) => at,
                // More: from where the loop stopped.
                _ => skip_separators(b, at)?,
            }
        }
        None => skip_separators(b, pos)?,
    };
    let other = Miss::Other { start };
    // The key: printable ASCII and spaces up to `=`, or up to ASCII white space before `=`
    // (a tab that aligns the `=`); it starts with a byte that is neither a separator nor `=`
    // (an empty key), nor a control or non-ASCII byte (the scan stops there, at `start`).
    let mut eq = chars::scan_special(b, start, b'=');
    if eq == start {
        return Err(other);
    }
    let key_end = eq;
    if b.get(eq) != Some(&b'=') {
        eq = white_space_before_equals(b, eq).ok_or(other)?;
    }
    // The key's first byte is not a space: the trim stops after it.
    let key_end = trim_spaces(b, key_end);
    let mut v_start = eq + 1;
    let starts = &VALUE_START[usize::from(ado)];
    let mut class = b.get(v_start).map_or(NULL, |&c| starts[usize::from(c)]);
    if is(class, SPACE) {
        // Mostly one space.
        v_start += 1;
        class = b.get(v_start).map_or(NULL, |&c| starts[usize::from(c)]);
        if is(class, SPACE) {
            // More spaces (aligned `=`), then any other white space.
            v_start += spaces_at(b, v_start);
            class = b.get(v_start).map_or(NULL, |&c| starts[usize::from(c)]);
            if is(class, SPACE) {
                v_start = skip_ascii_ws(b, v_start);
                class = b.get(v_start).map_or(NULL, |&c| starts[usize::from(c)]);
            }
        }
    }
    // `{` in ADO and a quote in ODBC are ordinary characters: [`PLAIN`] in their tables.
    let (form, v_end, end, value_escaped) = if is(class, PLAIN) {
        let stop = chars::scan_special(b, v_start, b';');
        let (stop, end) = match b.get(stop) {
            Some(b';') => (stop, stop + 1),
            None => (stop, stop),
            // White space or a non-ASCII char inside the value.
            Some(_) => {
                let stop = plain_past(b, stop).ok_or(other)?;
                (stop, segment_end(b, stop).ok_or(other)?)
            }
        };
        // The value's last byte: a space to trim (the value starts with a printable byte,
        // where the trim stops), or a quote, which may stand inside an unquoted value but not
        // at its end (ADO); in ODBC it may, and the general path decides both.
        let v_end = match b.get(stop.wrapping_sub(1)) {
            Some(b' ') => trim_spaces(b, stop),
            _ => stop,
        };
        if matches!(b.get(v_end.wrapping_sub(1)), Some(b'\'' | b'"')) {
            return Err(other);
        }
        (ValueForm::Plain, v_end, end, false)
    } else if is(class, NULL) {
        let end = segment_end(b, v_start).unwrap_or(v_start);
        (ValueForm::Null, v_start, end, false)
    } else if is(class, QUOTE) {
        let q = b.get(v_start).copied().unwrap_or_default();
        // The closing quote: the first quote not doubled. Past a few doubled quotes (hostile
        // input), the general reader pairs them a block at a time.
        let mut at = chars::scan_quote(b, v_start + 1, q);
        let mut pairs = 0;
        while b.get(at) == Some(&q) && b.get(at + 1) == Some(&q) {
            pairs += 1;
            if pairs > DOUBLED {
                // The rest, from after this pair.
                at = chars::quoted_end(b, at + 2, q).0;
                break;
            }
            at = chars::scan_quote(b, at + 2, q);
        }
        if b.get(at) != Some(&q) {
            // A NUL inside, or no closing quote: an error the general path reports.
            return Err(other);
        }
        let close = at + 1;
        let end = match b.get(close) {
            None => close,
            Some(b';') => close + 1,
            Some(b' ') if b.get(close + 1) == Some(&b';') => close + 2,
            Some(_) => after_quote(b, close).ok_or(other)?,
        };
        (ValueForm::Quoted(q), close, end, pairs > 0)
    } else if is(class, BRACE) {
        let close = general::braced(b, v_start).map_err(|_| other)?;
        let end = after_quote(b, close).ok_or(other)?;
        (ValueForm::Braced, close, end, false)
    } else {
        // `==` (an escaped `=` in ADO, a value starting with `=` in ODBC), a control or
        // non-ASCII byte: the general path.
        return Err(other);
    };
    Ok(Raw {
        key_start: start,
        key_end,
        v_start,
        v_end,
        leading: pos,
        end,
        form,
        key_escaped: false,
        value_escaped,
        key_ascii: true,
    })
}

/// A key scan that stopped at `stop`, at a byte other than `=`: when ASCII white space then
/// `=` follow, the key ends at `stop` and this is where the `=` is. `None` for anything else
/// (a control char or a non-ASCII char inside the key: the general path's).
#[cold]
#[inline(never)]
fn white_space_before_equals(b: &[u8], stop: usize) -> Option<usize> {
    // [`skip_ascii_ws`] written as a plain loop: calling it here costs a tab-aligned string
    // ~3 % (`realistic-14`), and rewriting it this way costs the strings that use it in line
    // ~2 % (`benches/RESULTS.md`).
    let mut eq = stop;
    while b.get(eq).is_some_and(|&c| chars::is_ascii_ws(c)) {
        eq += 1;
    }
    (eq > stop && b.get(eq) == Some(&b'=')).then_some(eq)
}

/// The end of a plain value whose scan stopped at `stop`, at a byte other than `;`: past
/// white-space control characters and non-ASCII chars other than C1 controls, to the next `;`
/// or the end. `None` when the value ends in one of them (its trim is Unicode's: the general
/// path's) or holds a control character that is not white space (it ends the value there).
#[cold]
#[inline(never)]
fn plain_past(b: &[u8], mut stop: usize) -> Option<usize> {
    while let Some(&c) = b.get(stop) {
        stop += match c {
            b';' => break,
            b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => 1,
            // C1 controls (U+0080–U+009F) other than NEL: hard controls. NEL is white space.
            0xc2 if b
                .get(stop + 1)
                .is_some_and(|&d| (0x80..=0x9f).contains(&d) && d != 0x85) =>
            {
                return None;
            }
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xff => 4,
            _ => return None,
        };
        stop = chars::scan_special(b, stop, b';');
    }
    // The value's last byte but spaces (which the caller trims; the first byte is printable)
    // must be printable ASCII.
    let value = b.get(..stop)?;
    let last = value.iter().rev().find(|&&c| c != b' ')?;
    last.is_ascii_graphic().then_some(stop)
}

/// Doubled quotes [`fast_at`] pairs one scan at a time before it hands the rest of a quoted
/// value to the block reader.
const DOUBLED: usize = 16;

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

/// The ASCII white space [`fast_at`] skips after `=` and a quoted value (the general path
/// skips any Unicode white space there; a non-ASCII byte leaves this path).
#[inline(always)]
fn skip_ascii_ws(b: &[u8], i: usize) -> usize {
    let after = b.get(i..).unwrap_or_default();
    i + after.iter().take_while(|&&c| chars::is_ascii_ws(c)).count()
}

/// End of the spaces before `end`: no loop for the common case of none.
#[inline(always)]
fn trim_spaces(b: &[u8], end: usize) -> usize {
    // The bytes before `end` (all of them: `end` is in bounds), so that the checks below know
    // their length.
    let Some(head) = b.get(..end) else {
        return end;
    };
    let [head @ .., b' '] = head else {
        return end;
    };
    // Mostly one space.
    let [head @ .., b' '] = head else {
        return end - 1;
    };
    trim_more(head)
}

/// Where the spaces that end `head` start, `head` following two spaces: the spaces of its
/// last word counted at once; longer runs (an aligned `=` or `;`) out of line.
#[inline(always)]
fn trim_more(head: &[u8]) -> usize {
    match head.split_last_chunk::<8>() {
        Some((before, word)) => match spaces_ending(word) {
            Some(spaces) => head.len() - spaces,
            None => trim_long(before),
        },
        None => trim_loop(head, head.len()),
    }
}

/// [`trim_more`] past its first word of spaces: a word at a time.
#[cold]
#[inline(never)]
fn trim_long(mut rest: &[u8]) -> usize {
    while let Some((before, word)) = rest.split_last_chunk::<8>() {
        if let Some(spaces) = spaces_ending(word) {
            return rest.len() - spaces;
        }
        rest = before;
    }
    trim_loop(rest, rest.len())
}

/// How many spaces end `word`; `None` when all eight are spaces.
#[inline(always)]
fn spaces_ending(word: &[u8; 8]) -> Option<usize> {
    let x = u64::from_le_bytes(*word) ^ SPACES;
    (x != 0).then(|| (x.leading_zeros() / 8) as usize)
}

/// [`trim_more`] within eight bytes of the start.
#[cold]
#[inline(never)]
fn trim_loop(b: &[u8], end: usize) -> usize {
    let before = b.get(..end).unwrap_or_default();
    end - before.iter().rev().take_while(|&&c| c == b' ').count()
}

/// Eight spaces, a word.
const SPACES: u64 = chars::LO * b' ' as u64;

/// How many spaces start the word at `i`: 0 to 8, and 0 within eight bytes of the end (the
/// caller's loop goes on from there).
#[inline(always)]
fn spaces_at(b: &[u8], i: usize) -> usize {
    let x = chars::word_at(b, i) ^ SPACES;
    (x.trailing_zeros() / 8) as usize
}

/// After a closing quote or brace at `close`: ASCII white space, then `;` (past it) or the
/// end of the input; `None` for anything else.
#[inline(always)]
fn after_quote(b: &[u8], close: usize) -> Option<usize> {
    // Mostly spaces (an aligned `;`); other white space past them is rare.
    let end = close + spaces_at(b, close);
    match b.get(end) {
        None => Some(end),
        Some(b';') => Some(end + 1),
        Some(_) => segment_end(b, skip_ascii_ws(b, end)),
    }
}
