//! The zero-copy tokenizer: `&str` → `Key=Value;` segments with byte spans (SPEC §2).
//!
//! It works on bytes. Hot loops skip ordinary bytes through a 256-entry class table
//! ([`crate::chars::CLASS`]) and only decode a char where a non-ASCII byte could be white
//! space or a C1 control. It allocates only when a key holds `==` or a quoted value holds a
//! doubled quote, and then only for that text.

use std::borrow::Cow;
use std::ops::Range;

use crate::chars::{self, CLASS, KEY_STOP, VALUE_STOP};
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment<'a> {
    key: Cow<'a, str>,
    value: Option<Cow<'a, str>>,
    leading: usize,
    key_span: Range<usize>,
    value_span: Range<usize>,
    end: usize,
    quote: Option<char>,
}

impl<'a> Segment<'a> {
    /// The decoded key, spelled as written (trailing white space trimmed).
    ///
    /// ```
    /// let seg = zoomconn::Tokenizer::new("a==b =1").next().unwrap().unwrap();
    /// assert_eq!(seg.key(), "a=b");
    /// ```
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The decoded value, or `None` for a null value (`k=` or `k= ;`), which removes the key.
    ///
    /// ```
    /// let mut t = zoomconn::Tokenizer::new("a=;b=''");
    /// assert_eq!(t.next().unwrap().unwrap().value(), None);
    /// assert_eq!(t.next().unwrap().unwrap().value(), Some(""));
    /// ```
    pub fn value(&self) -> Option<&str> {
        self.value.as_deref()
    }

    /// The decoded key as a `Cow` (borrowed unless `==` was unescaped).
    ///
    /// ```
    /// let seg = zoomconn::Tokenizer::new("a=1").next().unwrap().unwrap();
    /// assert!(matches!(seg.key_cow(), std::borrow::Cow::Borrowed("a")));
    /// ```
    pub fn key_cow(&self) -> &Cow<'a, str> {
        &self.key
    }

    /// The decoded value as a `Cow` (borrowed unless a doubled quote was unescaped).
    ///
    /// ```
    /// let seg = zoomconn::Tokenizer::new("a='x''y'").next().unwrap().unwrap();
    /// assert_eq!(seg.value_cow().as_deref(), Some("x'y"));
    /// ```
    pub fn value_cow(&self) -> Option<&Cow<'a, str>> {
        self.value.as_ref()
    }

    /// Bytes of the key as written (trimmed; escapes not decoded).
    ///
    /// ```
    /// let seg = zoomconn::Tokenizer::new("  a b  =1").next().unwrap().unwrap();
    /// assert_eq!(seg.key_span(), 2..5);
    /// ```
    pub fn key_span(&self) -> Range<usize> {
        self.key_span.clone()
    }

    /// Bytes of the value as written, quotes or braces included; empty, just after the `=` and
    /// any white space, for a null value.
    ///
    /// ```
    /// let seg = zoomconn::Tokenizer::new("a = \"x\" ;").next().unwrap().unwrap();
    /// assert_eq!(seg.value_span(), 4..7);
    /// ```
    pub fn value_span(&self) -> Range<usize> {
        self.value_span.clone()
    }

    /// Bytes from the key's first character to the end of the segment, its `;` included.
    ///
    /// ```
    /// let seg = zoomconn::Tokenizer::new(" a=1 ; b=2").next().unwrap().unwrap();
    /// assert_eq!(seg.span(), 1..6);
    /// ```
    pub fn span(&self) -> Range<usize> {
        self.key_span.start..self.end
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
        self.leading..self.end
    }

    /// The quote that delimits the value (`'`, `"`, or `{` for an ODBC braced value).
    ///
    /// ```
    /// let seg = zoomconn::Tokenizer::new("a='1'").next().unwrap().unwrap();
    /// assert_eq!(seg.quote(), Some('\''));
    /// ```
    pub fn quote(&self) -> Option<char> {
        self.quote
    }

    /// `true` when the segment ends with a `;` it consumed.
    pub(crate) fn end_with_semicolon(&self, src: &str) -> bool {
        self.end > 0 && src.as_bytes().get(self.end - 1) == Some(&b';')
    }

    /// Turns the borrowed parts into owned ones.
    ///
    /// ```
    /// let owned = zoomconn::Tokenizer::new("a=1").next().unwrap().unwrap().into_owned();
    /// assert_eq!(owned.key(), "a");
    /// ```
    pub fn into_owned(self) -> Segment<'static> {
        Segment {
            key: Cow::Owned(self.key.into_owned()),
            value: self.value.map(|v| Cow::Owned(v.into_owned())),
            leading: self.leading,
            key_span: self.key_span,
            value_span: self.value_span,
            end: self.end,
            quote: self.quote,
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
#[derive(Debug, Clone)]
pub struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    syntax: Syntax,
    done: bool,
    /// Raw span of the previous key: text after a secret value is withheld from errors.
    prev_key: Range<usize>,
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
        Tokenizer { src, pos: 0, syntax, done: false, prev_key: 0..0 }
    }

    /// The input being tokenized.
    ///
    /// ```
    /// assert_eq!(zoomconn::Tokenizer::new("a=1").source(), "a=1");
    /// ```
    pub fn source(&self) -> &'a str {
        self.src
    }

    fn fail(&mut self, kind: ErrorKind, at: usize, key: Option<&str>, ch: Option<char>) -> ParseError {
        self.done = true;
        let after_secret = self.src.get(self.prev_key.clone()).and_then(registry::secret_name);
        let key = match (after_secret, key) {
            (Some(name), Some(_)) => KeyName::Withheld(name),
            (None, Some(k)) => ParseError::key_name(k),
            (_, None) => KeyName::None,
        };
        ParseError::new(self.src, kind, at, key, ch)
    }

    /// After a NUL outside quotes: only NUL and white space may follow.
    fn null_termination(&mut self, mut i: usize) -> Option<ParseError> {
        let b = self.src.as_bytes();
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

    fn segment(&mut self) -> Option<Result<Segment<'a>, ParseError>> {
        let src = self.src;
        let b = src.as_bytes();
        let len = b.len();
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
                return Some(Err(self.fail(ErrorKind::ControlBeforeKey, seg_start, None, ch)));
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

        // The key runs to the first `=` that is not `==` (ADO).
        let key_start = i;
        let ado = self.syntax == Syntax::Ado;
        let mut escaped = false;
        let mut first_ws_ctl = usize::MAX;
        let eq = loop {
            while i < len && CLASS[b[i] as usize] & KEY_STOP == 0 {
                i += 1;
            }
            let Some(&c) = b.get(i) else {
                let key = src.get(key_start..).map(str::trim_end);
                return Some(Err(self.fail(ErrorKind::MissingEquals, key_start, key, None)));
            };
            if c == b'=' {
                if ado && b.get(i + 1) == Some(&b'=') {
                    escaped = true;
                    i += 2;
                    continue;
                }
                break i;
            }
            // A control byte, or 0xC2 (maybe a C1 control).
            let ch = chars::char_at(src, i).unwrap_or('\u{fffd}');
            if ch.is_control() {
                if ch.is_whitespace() {
                    first_ws_ctl = first_ws_ctl.min(i);
                } else {
                    let key = src.get(key_start..i);
                    return Some(Err(self.fail(ErrorKind::ControlInKey, key_start, key, Some(ch))));
                }
            }
            i += ch.len_utf8();
        };
        let key_end = chars::trim_end_at(src, key_start, eq);
        let raw_key = src.get(key_start..key_end).unwrap_or_default();
        if raw_key.is_empty() {
            return Some(Err(self.fail(ErrorKind::EmptyKey, key_start, None, None)));
        }
        if first_ws_ctl < key_end {
            let ch = chars::char_at(src, first_ws_ctl);
            return Some(Err(self.fail(ErrorKind::InvalidKey, key_start, Some(raw_key), ch)));
        }
        let key: Cow<'a, str> =
            if escaped { Cow::Owned(raw_key.replace("==", "=")) } else { Cow::Borrowed(raw_key) };

        // After `=`: white space, then the value.
        i = chars::skip_ws(src, eq + 1);
        let v_start = i;
        let mut quote = None;
        let (value, v_end, mut end): (Option<Cow<'a, str>>, usize, usize) = match b.get(i) {
            None => (None, i, i),
            Some(b';') => (None, i, i + 1),
            Some(0) => (None, i, i),
            Some(&q @ (b'\'' | b'"')) if ado => {
                quote = Some(q as char);
                match self.quoted(i, q) {
                    Ok((v, close)) => (Some(v), close, close),
                    Err(kind) => {
                        return Some(Err(self.fail(kind, key_start, Some(&key), None)));
                    }
                }
            }
            Some(b'{') if !ado => {
                quote = Some('{');
                match self.braced(i) {
                    Ok(close) => (src.get(i..close).map(Cow::Borrowed), close, close),
                    Err(kind) => {
                        return Some(Err(self.fail(kind, key_start, Some(&key), None)));
                    }
                }
            }
            Some(_) => {
                let ch = chars::char_at(src, i).unwrap_or('\u{fffd}');
                if ch.is_control() {
                    let e = self.fail(ErrorKind::ControlInValue, key_start, Some(&key), Some(ch));
                    return Some(Err(e));
                }
                let stop = self.unquoted_end(i);
                let v_end = chars::trim_end_at(src, i, stop);
                let v = src.get(i..v_end).unwrap_or_default();
                if ado && (v.ends_with('\'') || v.ends_with('"')) {
                    let e = self.fail(ErrorKind::QuoteEndsValue, key_start, Some(&key), None);
                    return Some(Err(e));
                }
                let end = if b.get(stop) == Some(&b';') { stop + 1 } else { stop };
                (Some(Cow::Borrowed(v)), v_end, end)
            }
        };
        if quote.is_some() {
            // After the closing quote: white space, then `;`, NUL or the end.
            end = chars::skip_ws(src, end);
            match b.get(end) {
                None | Some(0) => {}
                Some(b';') => end += 1,
                Some(_) => {
                    let e = self.fail(ErrorKind::TextAfterQuote, key_start, Some(&key), None);
                    return Some(Err(e));
                }
            }
        }
        self.prev_key = key_start..key_end;
        self.pos = end;
        Some(Ok(Segment {
            key,
            value,
            leading: seg_start,
            key_span: key_start..key_end,
            value_span: v_start..v_end,
            end,
            quote,
        }))
    }

    /// End of an unquoted value starting at `i`: the first `;` or hard control character.
    #[inline]
    fn unquoted_end(&self, mut i: usize) -> usize {
        let b = self.src.as_bytes();
        loop {
            while i < b.len() && CLASS[b[i] as usize] & VALUE_STOP == 0 {
                i += 1;
            }
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

    /// Reads a quoted value whose opening quote `q` is at `open`. Returns the decoded value and
    /// the index just past the closing quote.
    fn quoted(&self, open: usize, q: u8) -> Result<(Cow<'a, str>, usize), ErrorKind> {
        let b = self.src.as_bytes();
        let mut i = open + 1;
        let mut escaped = false;
        loop {
            match b.get(i) {
                None => return Err(ErrorKind::UnterminatedQuote),
                Some(0) => return Err(ErrorKind::NulInQuote),
                Some(&c) if c == q => {
                    if b.get(i + 1) == Some(&q) {
                        escaped = true;
                        i += 2;
                    } else {
                        break;
                    }
                }
                Some(_) => i += 1,
            }
        }
        let inner = self.src.get(open + 1..i).unwrap_or_default();
        let value = if escaped {
            let (one, two) = if q == b'"' { ("\"", "\"\"") } else { ("'", "''") };
            Cow::Owned(inner.replace(two, one))
        } else {
            Cow::Borrowed(inner)
        };
        Ok((value, i + 1))
    }

    /// Reads an ODBC braced value opening at `open`; returns the index past the closing `}`.
    fn braced(&self, open: usize) -> Result<usize, ErrorKind> {
        let b = self.src.as_bytes();
        let mut i = open + 1;
        loop {
            match b.get(i) {
                None => return Err(ErrorKind::UnterminatedBrace),
                Some(0) => return Err(ErrorKind::NulInQuote),
                Some(b'}') => {
                    if b.get(i + 1) == Some(&b'}') {
                        i += 2;
                    } else {
                        return Ok(i + 1);
                    }
                }
                Some(_) => i += 1,
            }
        }
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Result<Segment<'a>, ParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        if self.pos == 0 && self.src.len() > MAX_LEN {
            return Some(Err(self.fail(ErrorKind::TooLong, 0, None, None)));
        }
        self.segment()
    }
}

impl std::iter::FusedIterator for Tokenizer<'_> {}
