//! The zero-copy tokenizer: `&str` → `Key=Value;` segments with byte spans (SPEC §2).
//!
//! It works on bytes, eight at a time (SWAR scanners in [`crate::chars`]), and decodes a char
//! only where a non-ASCII byte could be white space or a C1 control. The common segments — a
//! printable-ASCII key without white space or `==`, then `=` and a plain printable-ASCII value
//! or (ADO) a quoted one, then `;` — take fast paths ([`fast_at`], [`fast_quoted`]) that check
//! exactly that and otherwise leave the segment to the general state machine, which decides it
//! from the same place. A property test holds the two to the same results. The tokenizer
//! allocates only when a key holds `==` or a quoted value holds a doubled quote, and then only
//! for that text.

use std::borrow::Cow;
use std::ops::Range;

use crate::chars;
use crate::error::{ErrorKind, KeyName, ParseError};
use crate::registry;
use crate::syntax::Syntax;

/// Largest input accepted: offsets are kept in 31 bits inside [`crate::ConnectionString`].
pub(crate) const MAX_LEN: usize = (1 << 31) - 1;

/// One `Key=Value;` segment of a connection string, as written.
///
/// `key()` and `value()` are decoded (`==` → `=`, doubled quotes → one quote); they borrow the
/// input unless decoding changed them.
///
/// ```
/// use zoomconn::Tokenizer;
/// let seg = Tokenizer::new(" Pass==word = 'a;''b' ;x=").next().unwrap().unwrap();
/// assert_eq!(seg.key(), "Pass=word");
/// assert_eq!(seg.value(), Some("a;'b"));
/// assert_eq!(seg.key_span(), 1..11);
/// assert_eq!(seg.value_span(), 14..21);
/// assert_eq!(seg.span(), 1..23);
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Segment<'a> {
    src: &'a str,
    raw: Raw,
    /// The key, when decoding `==` changed it.
    key: Option<Box<str>>,
    /// The value, when decoding a doubled quote changed it.
    value: Option<Box<str>>,
}

impl<'a> Segment<'a> {
    /// The decoded key, spelled as written (trailing white space trimmed).
    ///
    /// ```
    /// let seg = zoomconn::Tokenizer::new("a==b =1").next().unwrap().unwrap();
    /// assert_eq!(seg.key(), "a=b");
    /// ```
    #[inline]
    pub fn key(&self) -> &str {
        match &self.key {
            Some(k) => k,
            None => self.raw.raw_key(self.src),
        }
    }

    /// The decoded value, or `None` for a null value (`k=` or `k= ;`), which removes the key.
    ///
    /// ```
    /// let mut t = zoomconn::Tokenizer::new("a=;b=''");
    /// assert_eq!(t.next().unwrap().unwrap().value(), None);
    /// assert_eq!(t.next().unwrap().unwrap().value(), Some(""));
    /// ```
    #[inline]
    pub fn value(&self) -> Option<&str> {
        match &self.value {
            Some(v) => Some(v),
            None => self.raw.raw_value(self.src),
        }
    }

    /// The decoded key as a `Cow` borrowing the input unless `==` was unescaped.
    ///
    /// ```
    /// let seg = zoomconn::Tokenizer::new("a=1").next().unwrap().unwrap();
    /// assert!(matches!(seg.key_cow(), std::borrow::Cow::Borrowed("a")));
    /// ```
    pub fn key_cow(&self) -> Cow<'a, str> {
        match &self.key {
            Some(k) => Cow::Owned(k.to_string()),
            None => Cow::Borrowed(self.raw.raw_key(self.src)),
        }
    }

    /// The decoded value as a `Cow` borrowing the input unless a doubled quote was unescaped.
    ///
    /// ```
    /// let seg = zoomconn::Tokenizer::new("a='x''y'").next().unwrap().unwrap();
    /// assert_eq!(seg.value_cow().as_deref(), Some("x'y"));
    /// ```
    pub fn value_cow(&self) -> Option<Cow<'a, str>> {
        match &self.value {
            Some(v) => Some(Cow::Owned(v.to_string())),
            None => self.raw.raw_value(self.src).map(Cow::Borrowed),
        }
    }

    /// Bytes of the key as written (trimmed; escapes not decoded).
    ///
    /// ```
    /// let seg = zoomconn::Tokenizer::new("  a b  =1").next().unwrap().unwrap();
    /// assert_eq!(seg.key_span(), 2..5);
    /// ```
    pub fn key_span(&self) -> Range<usize> {
        self.raw.key_start..self.raw.key_end
    }

    /// Bytes of the value as written, quotes or braces included; empty, just after the `=` and
    /// any white space, for a null value.
    ///
    /// ```
    /// let seg = zoomconn::Tokenizer::new("a = \"x\" ;").next().unwrap().unwrap();
    /// assert_eq!(seg.value_span(), 4..7);
    /// ```
    pub fn value_span(&self) -> Range<usize> {
        self.raw.v_start..self.raw.v_end
    }

    /// Bytes from the key's first character to the end of the segment, its `;` included.
    ///
    /// ```
    /// let seg = zoomconn::Tokenizer::new(" a=1 ; b=2").next().unwrap().unwrap();
    /// assert_eq!(seg.span(), 1..6);
    /// ```
    pub fn span(&self) -> Range<usize> {
        self.raw.key_start..self.raw.end
    }

    /// Bytes of the segment with the separators and white space before it (from the end of the
    /// previous segment).
    ///
    /// ```
    /// let mut t = zoomconn::Tokenizer::new("a=1; b=2");
    /// t.next();
    /// assert_eq!(t.next().unwrap().unwrap().full_span(), 4..8);
    /// ```
    pub fn full_span(&self) -> Range<usize> {
        self.raw.leading..self.raw.end
    }

    /// The quote that delimits the value (`'`, `"`, or `{` for an ODBC braced value).
    ///
    /// ```
    /// let seg = zoomconn::Tokenizer::new("a='1'").next().unwrap().unwrap();
    /// assert_eq!(seg.quote(), Some('\''));
    /// ```
    pub fn quote(&self) -> Option<char> {
        match self.raw.form {
            ValueForm::Quoted(q) => Some(q as char),
            ValueForm::Braced => Some('{'),
            _ => None,
        }
    }

    /// `true` when the segment ends with a `;` it consumed.
    pub(crate) fn end_with_semicolon(&self) -> bool {
        let end = self.raw.end;
        end > 0 && self.src.as_bytes().get(end - 1) == Some(&b';')
    }
}

/// How a segment's value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueForm {
    /// `k=` — removes the key.
    Null,
    /// Unquoted text, trimmed.
    Plain,
    /// `'…'` or `"…"` (the byte is the quote).
    Quoted(u8),
    /// ODBC `{…}`; the braces belong to the value.
    Braced,
}

/// A segment as offsets into the source: what the hot path passes around. Offsets fit in
/// 32 bits (the map stores them so): the tokenizer rejects inputs over [`MAX_LEN`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Raw {
    pub key_start: usize,
    pub key_end: usize,
    pub v_start: usize,
    pub v_end: usize,
    pub leading: usize,
    pub end: usize,
    pub form: ValueForm,
    /// The key holds `==`.
    pub key_escaped: bool,
    /// The quoted value holds a doubled quote.
    pub value_escaped: bool,
    /// The key is ASCII.
    pub key_ascii: bool,
}

impl Raw {
    /// The key as written (escapes not decoded).
    #[inline]
    pub fn raw_key(self, src: &str) -> &str {
        src.get(self.key_start..self.key_end).unwrap_or_default()
    }

    /// The bytes of the key as written.
    #[inline]
    pub fn raw_key_bytes(self, src: &str) -> &[u8] {
        src.as_bytes()
            .get(self.key_start..self.key_end)
            .unwrap_or_default()
    }

    /// The value's text without quotes (escapes not decoded), `None` for a null value.
    #[inline]
    pub fn raw_value(self, src: &str) -> Option<&str> {
        let (start, end) = (self.v_start, self.v_end);
        match self.form {
            ValueForm::Null => None,
            ValueForm::Plain | ValueForm::Braced => src.get(start..end),
            ValueForm::Quoted(_) => src.get(start + 1..end - 1),
        }
    }

    /// Appends the decoded key to `out`.
    pub fn decode_key_into(self, src: &str, out: &mut String) {
        let raw = self.raw_key(src);
        if self.key_escaped {
            let mut rest = raw;
            // `at` is where `find` saw `==`: `..=at` and `at + 2..` are in bounds, on ASCII bytes.
            while let Some(at) = rest.find("==") {
                out.push_str(&rest[..=at]);
                rest = &rest[at + 2..];
            }
            out.push_str(rest);
        } else {
            out.push_str(raw);
        }
    }

    /// Appends the decoded value to `out`.
    pub fn decode_value_into(self, src: &str, out: &mut String) {
        let raw = self.raw_value(src).unwrap_or_default();
        match self.form {
            ValueForm::Quoted(q) if self.value_escaped => {
                // Doubled quotes are the only quotes inside: copy each run of text with the
                // first quote of the pair that ends it, and skip the second.
                let bytes = raw.as_bytes();
                let mut run = 0;
                let mut i = chars::scan_quote(bytes, 0, q);
                while let Some(&c) = bytes.get(i) {
                    if c == q {
                        out.push_str(raw.get(run..=i).unwrap_or_default());
                        run = i + 2;
                        // Runs of pairs (hostile input): one quote each, no scanner call.
                        while bytes.get(run) == Some(&q) {
                            out.push(q as char);
                            run += 2;
                        }
                        i = run;
                    } else {
                        // NUL: not in a value the tokenizer accepted; kept as text.
                        i += 1;
                    }
                    i = chars::scan_quote(bytes, i, q);
                }
                out.push_str(raw.get(run..).unwrap_or_default());
            }
            _ => out.push_str(raw),
        }
    }

    /// The public [`Segment`] view; decodes only what escapes changed.
    #[inline]
    pub fn segment(self, src: &str) -> Segment<'_> {
        let key = self.key_escaped.then(|| {
            let mut k = String::new();
            self.decode_key_into(src, &mut k);
            k.into_boxed_str()
        });
        let value = self.value_escaped.then(|| {
            let mut v = String::new();
            self.decode_value_into(src, &mut v);
            v.into_boxed_str()
        });
        Segment {
            src,
            raw: self,
            key,
            value,
        }
    }
}

/// Iterator over the [`Segment`]s of a connection string; stops after the first error.
///
/// Zero-copy and allocation-free on input without escapes.
///
/// ```
/// use zoomconn::{Syntax, Tokenizer};
/// let keys: Vec<_> = Tokenizer::new("Profile=Zoom.apip;AuthScheme=OAuth;")
///     .map(|s| s.unwrap().key().to_owned())
///     .collect();
/// assert_eq!(keys, ["Profile", "AuthScheme"]);
///
/// let err = Tokenizer::with_syntax("a={b", Syntax::Odbc).last().unwrap().unwrap_err();
/// assert_eq!(err.kind(), zoomconn::ErrorKind::UnterminatedBrace);
/// ```
#[derive(Clone)]
pub struct Tokenizer<'a> {
    raw: RawTokenizer<'a>,
}

impl<'a> Tokenizer<'a> {
    /// Tokenizes `src` with the default ADO syntax.
    ///
    /// ```
    /// assert_eq!(zoomconn::Tokenizer::new("a=1;b=2").count(), 2);
    /// ```
    pub fn new(src: &'a str) -> Self {
        Self::with_syntax(src, Syntax::Ado)
    }

    /// Tokenizes `src` with the given syntax.
    ///
    /// ```
    /// use zoomconn::{Syntax, Tokenizer};
    /// let seg = Tokenizer::with_syntax("a={x;y}", Syntax::Odbc).next().unwrap().unwrap();
    /// assert_eq!(seg.value(), Some("{x;y}"));
    /// ```
    pub fn with_syntax(src: &'a str, syntax: Syntax) -> Self {
        Tokenizer {
            raw: RawTokenizer::new(src, syntax),
        }
    }

    /// The input being tokenized.
    ///
    /// ```
    /// assert_eq!(zoomconn::Tokenizer::new("a=1").source(), "a=1");
    /// ```
    pub fn source(&self) -> &'a str {
        self.raw.src
    }
}

/// Shows the position and syntax, never the text (it may hold secrets).
impl std::fmt::Debug for Tokenizer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokenizer")
            .field("syntax", &self.raw.syntax)
            .field("position", &self.raw.pos)
            .field("done", &self.raw.done)
            .finish_non_exhaustive()
    }
}

/// Key, value (secret values as `***`) and spans.
impl std::fmt::Debug for Segment<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let value = self
            .value()
            .map(|v| crate::redact::shown_value(self.key(), v, Syntax::Ado));
        f.debug_struct("Segment")
            .field("key", &self.key())
            .field("value", &value)
            .field("key_span", &self.key_span())
            .field("value_span", &self.value_span())
            .field("span", &self.span())
            .finish()
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Result<Segment<'a>, ParseError>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let src = self.raw.src;
        match self.raw.fast() {
            // A plain segment has nothing to decode.
            Ok(raw) => Some(Ok(Segment {
                src,
                raw,
                key: None,
                value: None,
            })),
            Err(miss) => self.raw.slow(miss).map(|r| r.map(|raw| raw.segment(src))),
        }
    }
}

impl std::iter::FusedIterator for Tokenizer<'_> {}

/// The state machine of SPEC §2, yielding [`Raw`] segments.
///
/// `FAST` lets the fast paths run; it is `false` only in the tests that check them against
/// the general path ([`general_only`](RawTokenizer::general_only)).
#[derive(Clone)]
pub(crate) struct RawTokenizer<'a, const FAST: bool = true> {
    src: &'a str,
    pos: usize,
    syntax: Syntax,
    done: bool,
    /// Raw span of the previous key: text after a secret value is withheld from errors.
    prev_key: Range<usize>,
}

impl<'a> RawTokenizer<'a> {
    pub(crate) fn new(src: &'a str, syntax: Syntax) -> Self {
        RawTokenizer {
            src,
            // Past the end for an input over `MAX_LEN`, so that the fast path, whose offsets
            // end up in 32-bit fields, does not run and the general path reports the length
            // first.
            pos: if src.len() > MAX_LEN { usize::MAX } else { 0 },
            syntax,
            done: false,
            prev_key: 0..0,
        }
    }
}

#[cfg(any(test, feature = "fuzzing"))]
impl<'a> RawTokenizer<'a, false> {
    /// A tokenizer that takes the general path for every segment: the reference the fast
    /// paths are tested against.
    pub(crate) fn general_only(src: &'a str, syntax: Syntax) -> Self {
        let t = RawTokenizer::new(src, syntax);
        RawTokenizer {
            src: t.src,
            pos: t.pos,
            syntax: t.syntax,
            done: t.done,
            prev_key: t.prev_key,
        }
    }
}

impl<'a, const FAST: bool> RawTokenizer<'a, FAST> {
    #[cold]
    #[inline(never)]
    fn fail(
        &mut self,
        kind: ErrorKind,
        at: usize,
        key: Option<Range<usize>>,
        ch: Option<char>,
    ) -> ParseError {
        self.done = true;
        let after_secret = self
            .src
            .get(self.prev_key.clone())
            .and_then(registry::secret_name);
        let key_text = key.and_then(|k| self.src.get(k));
        let key = match (after_secret, key_text) {
            (Some(name), Some(_)) => KeyName::Withheld(name),
            (None, Some(k)) => {
                let decoded = if self.syntax == Syntax::Ado {
                    k.replace("==", "=")
                } else {
                    k.to_owned()
                };
                ParseError::key_name(&decoded)
            }
            (_, None) => KeyName::None,
        };
        ParseError::new(self.src, kind, at, key, ch)
    }

    /// After a NUL outside quotes: only NUL and white space may follow.
    fn null_termination(&mut self, mut i: usize) -> Option<ParseError> {
        let b = self.src.as_bytes();
        // `b[i]` is guarded by `i < b.len()`.
        while i < b.len() {
            if b[i] == 0 {
                i += 1;
            } else if let Some(n) = chars::ws_len_at(self.src, i) {
                i += n;
            } else {
                let c = chars::char_at(self.src, i);
                return Some(self.fail(ErrorKind::TextAfterNul, i, None, c));
            }
        }
        self.done = true;
        None
    }

    /// The fast path: a plain segment ([`fast_at`]) that starts right here, the common case
    /// after a `;`. On a miss, [`slow`](Self::slow) with the miss gives the next item.
    ///
    /// Callers keep the plain segment's [`Raw`] apart from the slow path's result, so that it
    /// stays in registers with its constant fields known.
    #[inline(always)]
    pub(crate) fn fast(&mut self) -> Result<Raw, Miss> {
        if !FAST {
            return Err(Miss::Other);
        }
        let raw = fast_at(self.src.as_bytes(), self.pos, self.syntax == Syntax::Ado)?;
        self.prev_key = raw.key_start..raw.key_end;
        self.pos = raw.end;
        Ok(raw)
    }

    /// Where the next segment starts, and the previous key's span: the state a caller that
    /// runs [`fast_at`] itself keeps, and hands back with [`resume`](Self::resume).
    #[inline(always)]
    pub(crate) fn position(&self) -> (usize, Range<usize>) {
        (self.pos, self.prev_key.clone())
    }

    /// Continues from a [`position`](Self::position) that [`fast_at`] advanced.
    #[inline(always)]
    pub(crate) fn resume(&mut self, (pos, prev_key): (usize, Range<usize>)) {
        self.pos = pos;
        self.prev_key = prev_key;
    }

    /// The next item after [`fast`](Self::fast) missed with `miss`: a quoted or null value
    /// after a plain key, or the general path.
    #[inline(never)]
    pub(crate) fn slow(&mut self, miss: Miss) -> Option<Result<Raw, ParseError>> {
        if self.done {
            return None;
        }
        match miss {
            Miss::Quoted { eq, quote } => {
                if let Some(raw) = self.quoted(eq, quote) {
                    return Some(Ok(raw));
                }
            }
            Miss::Null { eq } => {
                let i = self.pos;
                let raw = null_segment(self.src.as_bytes(), i, eq as usize, i);
                self.prev_key = raw.key_start..raw.key_end;
                self.pos = raw.end;
                return Some(Ok(raw));
            }
            Miss::Other => {}
        }
        self.general_segment()
    }

    /// After [`fast`](Self::fast) missed with [`Miss::Quoted`]: the segment if its quoted
    /// value closes and is followed by `;` or the end ([`fast_quoted`]). On `None`,
    /// [`slow`](Self::slow) gives the next item.
    #[inline(never)]
    pub(crate) fn quoted(&mut self, eq: u32, quote: u8) -> Option<Raw> {
        let i = self.pos;
        let raw = fast_quoted(self.src.as_bytes(), i, eq as usize, i, quote)?;
        self.prev_key = raw.key_start..raw.key_end;
        self.pos = raw.end;
        Some(raw)
    }

    /// Every segment the fast paths do not take: leading white space and `;`, then the fast
    /// paths or the whole state machine of SPEC §2.
    fn general_segment(&mut self) -> Option<Result<Raw, ParseError>> {
        if self.src.len() > MAX_LEN {
            return Some(Err(self.fail(ErrorKind::TooLong, 0, None, None)));
        }
        let src = self.src;
        let b = src.as_bytes();
        let seg_start = self.pos;
        let mut i = self.pos;

        // Before a key: skip white space and `;`.
        loop {
            let Some(&c) = b.get(i) else {
                self.done = true;
                return None;
            };
            if c == b';' || chars::is_ascii_ws(c) {
                i += 1;
            } else if c == 0 {
                return self.null_termination(i).map(Err);
            } else if c < 0x20 || c == 0x7f {
                let ch = Some(c as char);
                return Some(Err(self.fail(
                    ErrorKind::ControlBeforeKey,
                    seg_start,
                    None,
                    ch,
                )));
            } else if c >= 0x80 {
                match chars::char_at(src, i) {
                    Some(ch) if ch.is_whitespace() => i += ch.len_utf8(),
                    Some(ch) if ch.is_control() => {
                        let e = self.fail(ErrorKind::ControlBeforeKey, seg_start, None, Some(ch));
                        return Some(Err(e));
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }

        // After separators or white space, the fast path (`fast_segment`) gets its chance;
        // without them, `segment` has tried it at this very place already.
        let ado = self.syntax == Syntax::Ado;
        if i != seg_start
            && FAST
            && let Some(raw) = fast_any(b, i, seg_start, ado)
        {
            self.prev_key = raw.key_start..raw.key_end;
            self.pos = raw.end;
            return Some(Ok(raw));
        }

        // The key runs to the first `=` that is not `==` (ADO).
        let key_start = i;
        let mut key_escaped = false;
        let mut key_ascii = true;
        let mut first_ws_ctl = usize::MAX;
        let eq = loop {
            i = chars::scan_special(b, i, b'=');
            let Some(&c) = b.get(i) else {
                let end = chars::trim_end_at(src, key_start, i);
                return Some(Err(self.fail(
                    ErrorKind::MissingEquals,
                    key_start,
                    Some(key_start..end),
                    None,
                )));
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
                if ch.is_whitespace() {
                    first_ws_ctl = first_ws_ctl.min(i);
                } else {
                    let e = self.fail(
                        ErrorKind::ControlInKey,
                        key_start,
                        Some(key_start..i),
                        Some(ch),
                    );
                    return Some(Err(e));
                }
            }
            i += ch.len_utf8();
        };
        let key_end = chars::trim_end_at(src, key_start, eq);
        let key = Some(key_start..key_end);
        if key_end == key_start {
            return Some(Err(self.fail(ErrorKind::EmptyKey, key_start, None, None)));
        }
        if first_ws_ctl < key_end {
            let ch = chars::char_at(src, first_ws_ctl);
            return Some(Err(self.fail(ErrorKind::InvalidKey, key_start, key, ch)));
        }

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
                Err(kind) => return Some(Err(self.fail(kind, key_start, key, None))),
            },
            Some(b'{') if !ado => match self.braced(v_start) {
                Ok(close) => (ValueForm::Braced, close, close),
                Err(kind) => return Some(Err(self.fail(kind, key_start, key, None))),
            },
            Some(&c) => {
                if c < 0x20
                    || c == 0x7f
                    || (c >= 0x80 && chars::char_at(src, v_start).is_some_and(char::is_control))
                {
                    let ch = chars::char_at(src, v_start);
                    return Some(Err(self.fail(
                        ErrorKind::ControlInValue,
                        key_start,
                        key,
                        ch,
                    )));
                }
                let stop = self.unquoted_end(v_start);
                let v_end = chars::trim_end_at(src, v_start, stop);
                if ado && matches!(b.get(v_end - 1), Some(b'\'' | b'"')) {
                    return Some(Err(self.fail(
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
                    return Some(Err(self.fail(
                        ErrorKind::TextAfterQuote,
                        key_start,
                        key,
                        None,
                    )));
                }
            }
        }
        self.prev_key = key_start..key_end;
        self.pos = end;
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

    /// End of an unquoted value starting at `i`: the first `;` or hard control character.
    #[inline(always)]
    fn unquoted_end(&self, mut i: usize) -> usize {
        let b = self.src.as_bytes();
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
                Some(_) => match chars::char_at(self.src, i) {
                    Some(ch) if chars::is_hard_control(ch) => return i,
                    Some(ch) => i += ch.len_utf8(),
                    None => return i,
                },
            }
        }
    }

    /// Reads an ODBC braced value opening at `open`; returns the index past the closing `}`.
    fn braced(&self, open: usize) -> Result<usize, ErrorKind> {
        let b = self.src.as_bytes();
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
}

/// The common segment, decided without the general state machine: a key of printable ASCII
/// other than `=` (no white space, so nothing to trim, and no `==`), then `=`, then either
///
/// * a plain value: printable ASCII that starts with neither `=`, `;`, a quote nor a brace and
///   does not end with a quote, or
/// * (ADO) a quoted value, closed by its quote: [`Miss::Quoted`] for [`fast_quoted`],
///
/// ending at `;` or the end of the input. Anything else — white space, control or non-ASCII
/// characters, a null value, an error — is a [`Miss::Other`], left to the general path,
/// which decides it from the same place.
#[inline(always)]
fn fast_segment(b: &[u8], key_start: usize, leading: usize, ado: bool) -> Result<Raw, Miss> {
    let eq = chars::scan_plain(b, key_start, b'=');
    if eq == key_start || b.get(eq) != Some(&b'=') {
        return Err(Miss::Other);
    }
    let v_start = eq + 1;
    match b.get(v_start) {
        Some(c) if c.is_ascii_graphic() && !matches!(c, b'=' | b';' | b'\'' | b'"' | b'{') => {}
        Some(&quote @ (b'\'' | b'"')) if ado => {
            return Err(Miss::Quoted {
                // `eq` fits: over-long inputs never reach the fast path.
                eq: eq as u32,
                quote,
            });
        }
        Some(b';') | None => return Err(Miss::Null { eq: eq as u32 }),
        // `==` (an escaped `=` in ADO, a value starting with `=` in ODBC), a quote in ODBC,
        // a brace, white space or a control character: the general path.
        _ => return Err(Miss::Other),
    }
    let v_end = chars::scan_plain(b, v_start, b';');
    let end = segment_end(b, v_end).ok_or(Miss::Other)?;
    // A quote may stand inside an unquoted value but not at its end (ADO); in ODBC it may,
    // and the general path decides both.
    if matches!(b.get(v_end - 1), Some(b'\'' | b'"')) {
        return Err(Miss::Other);
    }
    Ok(Raw::plain_key(
        key_start..eq,
        v_start..v_end,
        leading..end,
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

impl Raw {
    /// A segment of the fast paths: a key of plain ASCII without escapes at `key`, the value
    /// at `value` (quotes included), the whole segment at `segment` (from `leading`).
    #[inline(always)]
    fn plain_key(
        key: Range<usize>,
        value: Range<usize>,
        segment: Range<usize>,
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
}

/// The fast path at `pos` ([`fast_segment`]), for callers that keep the position
/// themselves ([`RawTokenizer::position`]). After the end, an error or a NUL terminator, the
/// position is at the end, at the failed segment or at the NUL: the fast path misses there,
/// and [`RawTokenizer::slow`] sees that the tokenizer is done.
#[inline(always)]
pub(crate) fn fast_at(b: &[u8], pos: usize, ado: bool) -> Result<Raw, Miss> {
    if b.get(pos).is_none_or(|&c| c == b';') {
        return Err(Miss::Other);
    }
    fast_segment(b, pos, pos, ado)
}

/// Why [`fast_segment`] did not take a segment.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Miss {
    /// The key is plain and the value after the `=` at `eq` opens with `quote` (ADO).
    Quoted { eq: u32, quote: u8 },
    /// The key is plain and the `=` at `eq` is followed by `;` or the end: a null value
    /// ([`null_segment`]).
    Null { eq: u32 },
    /// Anything else.
    Other,
}

/// [`fast_segment`], then [`fast_quoted`] for a quoted value.
fn fast_any(b: &[u8], key_start: usize, leading: usize, ado: bool) -> Option<Raw> {
    match fast_segment(b, key_start, leading, ado) {
        Ok(raw) => Some(raw),
        Err(Miss::Quoted { eq, quote }) => fast_quoted(b, key_start, eq as usize, leading, quote),
        Err(Miss::Null { eq }) => Some(null_segment(b, key_start, eq as usize, leading)),
        Err(Miss::Other) => None,
    }
}

/// [`fast_segment`] of a null value: the `=` at `eq` is followed by `;` or the end.
#[inline(always)]
pub(crate) fn null_segment(b: &[u8], key_start: usize, eq: usize, leading: usize) -> Raw {
    let v_start = eq + 1;
    let end = segment_end(b, v_start).unwrap_or(v_start);
    Raw::plain_key(
        key_start..eq,
        v_start..v_start,
        leading..end,
        ValueForm::Null,
        false,
    )
}

/// [`fast_segment`] of a value quoted with `q` right after the `=` at `eq`, closed by its
/// quote and followed by `;` or the end of the input.
#[inline(always)]
pub(crate) fn fast_quoted(
    b: &[u8],
    key_start: usize,
    eq: usize,
    leading: usize,
    q: u8,
) -> Option<Raw> {
    let v_start = eq + 1;
    let (v_end, value_escaped) = quoted_close(b, v_start, q)?;
    let end = segment_end(b, v_end)?;
    Some(Raw::plain_key(
        key_start..eq,
        v_start..v_end,
        leading..end,
        ValueForm::Quoted(q),
        value_escaped,
    ))
}

/// [`quoted`] out of line, for the fast paths: the end of the quoted value and whether it
/// holds a doubled quote (small enough to come back in registers), `None` on any error.
#[inline(never)]
fn quoted_close(b: &[u8], open: usize, q: u8) -> Option<(usize, bool)> {
    quoted(b, open, q).ok()
}

/// Finds the end of a quoted value whose opening quote `q` is at `open`. Returns the index
/// just past the closing quote and whether a doubled quote occurred.
#[inline(always)]
fn quoted(b: &[u8], open: usize, q: u8) -> Result<(usize, bool), ErrorKind> {
    let mut escaped = false;
    let mut i = chars::scan_quote(b, open + 1, q);
    loop {
        match b.get(i) {
            None => return Err(ErrorKind::UnterminatedQuote),
            Some(0) => return Err(ErrorKind::NulInQuote),
            // A doubled quote.
            Some(_) if b.get(i + 1) == Some(&q) => {
                escaped = true;
                i += 2;
                // Runs of doubled quotes are common in hostile input: step over them
                // without a scanner call each.
                while b.get(i) == Some(&q) && b.get(i + 1) == Some(&q) {
                    i += 2;
                }
                i = chars::scan_quote(b, i, q);
            }
            Some(_) => return Ok((i + 1, escaped)),
        }
    }
}

impl<const FAST: bool> Iterator for RawTokenizer<'_, FAST> {
    type Item = Result<Raw, ParseError>;

    #[inline(always)]
    fn next(&mut self) -> Option<Self::Item> {
        match self.fast() {
            Ok(raw) => Some(Ok(raw)),
            Err(miss) => self.slow(miss),
        }
    }
}
