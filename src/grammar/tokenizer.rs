//! The public face of the tokenizer: [`Tokenizer`], an iterator of [`Segment`]s (`Key=Value;`
//! with byte spans), read by the grammar's one driver loop ([`crate::grammar::driver`]).
//!
//! Zero-copy: a segment borrows the input, and allocates only when a key holds `==` or a quoted
//! value holds a doubled quote, and then only for that text.

use std::borrow::Cow;
use std::ops::Range;

use crate::grammar::driver::{Cursor, Segments};
use crate::grammar::error::ParseError;
use crate::grammar::raw::Raw;
use crate::grammar::syntax::Syntax;

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
    syntax: Syntax,
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
        self.raw.quote()
    }

    /// The syntax the segment was read with.
    pub(crate) fn syntax(&self) -> Syntax {
        self.syntax
    }

    /// `true` when the segment ends with a `;` it consumed.
    pub(crate) fn end_with_semicolon(&self) -> bool {
        let end = self.raw.end;
        end > 0 && self.src.as_bytes().get(end - 1) == Some(&b';')
    }
}

impl Raw {
    /// The public [`Segment`] view; decodes only what escapes changed.
    #[inline]
    pub(crate) fn segment(self, src: &str, syntax: Syntax) -> Segment<'_> {
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
            syntax,
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
    cursor: Cursor<'a>,
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
            cursor: Cursor::new(src, syntax),
        }
    }

    /// The input being tokenized.
    ///
    /// ```
    /// assert_eq!(zoomconn::Tokenizer::new("a=1").source(), "a=1");
    /// ```
    pub fn source(&self) -> &'a str {
        self.cursor.src()
    }

    /// The syntax being read.
    ///
    /// ```
    /// assert_eq!(zoomconn::Tokenizer::new("a=1").syntax(), zoomconn::Syntax::Ado);
    /// ```
    pub fn syntax(&self) -> Syntax {
        self.cursor.syntax()
    }
}

/// Shows the syntax, never the text (it may hold secrets).
impl std::fmt::Debug for Tokenizer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokenizer")
            .field("syntax", &self.cursor.syntax())
            .finish_non_exhaustive()
    }
}

/// The sink of one [`Tokenizer::next`]: the segment the driver read, apart by where it came
/// from — a segment of the fast path has a key without escapes, and its fields stay in registers.
#[derive(Default)]
struct One {
    fast: Option<Raw>,
    general: Option<Raw>,
}

impl Segments for One {
    #[inline(always)]
    fn fast(&mut self, _: &str, raw: Raw) {
        self.fast = Some(raw);
    }

    #[inline(always)]
    fn segment(&mut self, _: &str, raw: Raw) {
        self.general = Some(raw);
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Result<Segment<'a>, ParseError>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let mut one = One::default();
        if let Err(e) = self.cursor.step(&mut one)? {
            return Some(Err(e));
        }
        let (src, syntax) = (self.cursor.src(), self.cursor.syntax());
        match one {
            One {
                fast: Some(raw), ..
            } if !raw.value_escaped => Some(Ok(Segment {
                src,
                raw,
                syntax,
                key: None,
                value: None,
            })),
            One {
                fast: Some(raw), ..
            }
            | One {
                general: Some(raw), ..
            } => Some(Ok(raw.segment(src, syntax))),
            _ => None,
        }
    }
}

impl std::iter::FusedIterator for Tokenizer<'_> {}
