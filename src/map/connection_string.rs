//! [`ConnectionString`]: the lossless, case-insensitive map built from the driver's segments
//! by the one [`Fold`].

use std::sync::OnceLock;

use crate::grammar::casefold::{AsciiKey, KeyBytes, Probe};
use crate::grammar::driver::{Segments, drive};
use crate::grammar::error::ParseError;
use crate::grammar::raw::{self, MAX_LEN, Raw, ValueForm};
use crate::grammar::syntax::Syntax;
use crate::grammar::tokenizer::{Segment, Tokenizer};
use crate::map::fold::{self, Fold};
use crate::secrets;

/// Text of an entry: a byte range of [`ConnectionString::text`] — of the source part, or of
/// the decoded keys after it — or, for a value with doubled quotes, the inside of its quotes in
/// the source with [`ESCAPED`] set in `start`, decoded when first read ([`Decoded`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Loc {
    start: u32,
    end: u32,
}

/// The bit of [`Loc::start`] that marks a value with doubled quotes. Offsets fit in 31 bits
/// ([`MAX_LEN`]).
const ESCAPED: u32 = 1 << 31;

impl Loc {
    #[inline]
    fn get(self, text: &str) -> &str {
        // Locs are built from char-boundary offsets of this very text, so `get` never fails;
        // the fallback only keeps this path free of panics.
        text.get(self.start as usize..self.end as usize)
            .unwrap_or_default()
    }

    /// [`get`](Self::get) as bytes, without the char-boundary checks.
    #[inline]
    fn bytes(self, text: &str) -> &[u8] {
        text.as_bytes()
            .get(self.start as usize..self.end as usize)
            .unwrap_or_default()
    }

    /// The text appended to `text` by `push`.
    #[inline]
    fn appended(text: &mut String, push: impl FnOnce(&mut String)) -> Loc {
        // `text` holds at most the source and its decoded copies: under 2 × `MAX_LEN` bytes.
        let start = text.len() as u32;
        push(text);
        Loc {
            start,
            end: text.len() as u32,
        }
    }

    /// The key of `raw`: a range of the source, or decoded text appended to `text`.
    #[inline]
    fn key(src: &str, text: &mut String, raw: Raw) -> Loc {
        if raw.key_escaped {
            Loc::appended(text, |t| raw.decode_key_into(src, t))
        } else {
            Loc {
                start: raw.key_start as u32,
                end: raw.key_end as u32,
            }
        }
    }

    /// The value of a non-null `raw`: a range of the source; for a quoted value with doubled
    /// quotes, the inside of the quotes marked [`ESCAPED`].
    #[inline]
    fn value(raw: Raw) -> Loc {
        match raw.form {
            ValueForm::Quoted(_) if raw.value_escaped => Loc {
                start: (raw.v_start as u32 + 1) | ESCAPED,
                end: raw.v_end as u32 - 1,
            },
            ValueForm::Quoted(_) => Loc {
                start: raw.v_start as u32 + 1,
                end: raw.v_end as u32 - 1,
            },
            _ => Loc {
                start: raw.v_start as u32,
                end: raw.v_end as u32,
            },
        }
    }
}

/// The values with doubled quotes of a connection string, decoded one after another: made the
/// first time one of them is read, so that parsing, validating or editing a string does not
/// decode values nobody reads.
#[derive(Clone, Default)]
struct Decoded {
    text: String,
    /// For each value: its [`Loc::start`] (flag included) and where its decoded text is in
    /// `text`, in increasing order of `Loc::start`.
    at: Vec<(u32, Loc)>,
}

impl Decoded {
    /// The decoded values of the live entries of `source`.
    fn of(source: &str, entries: &[Entry]) -> Self {
        let escaped = |v: &Loc| v.start != REMOVED && v.start & ESCAPED != 0;
        let room = entries
            .iter()
            .filter(|e| escaped(&e.value))
            .map(|e| (e.value.end - (e.value.start & !ESCAPED)) as usize)
            .sum();
        let mut decoded = Decoded {
            text: String::with_capacity(room),
            at: Vec::with_capacity(entries.len()),
        };
        for v in entries.iter().map(|e| e.value).filter(escaped) {
            let inside = (v.start & !ESCAPED) as usize;
            // The opening quote is the byte before the inside.
            let q = source.as_bytes().get(inside.wrapping_sub(1)).copied();
            let at = Loc::appended(&mut decoded.text, |t| {
                if let (Some(q), Some(raw)) = (q, source.get(inside..v.end as usize)) {
                    raw::undouble_into(raw, q, t);
                }
            });
            decoded.at.push((v.start, at));
        }
        // In the order of the source (a later occurrence moves an entry's value forward).
        if !decoded.at.is_sorted_by_key(|&(start, _)| start) {
            decoded.at.sort_unstable_by_key(|&(start, _)| start);
        }
        decoded
    }

    /// The decoded text of the value at `loc` (marked [`ESCAPED`]): a value of a live entry,
    /// the only kind of marked value the map and its config hand out.
    fn get(&self, loc: Loc) -> &str {
        let k = self
            .at
            .binary_search_by_key(&loc.start, |&(start, _)| start);
        debug_assert!(k.is_ok(), "a marked value that no live entry holds");
        k.ok()
            .and_then(|k| self.at.get(k))
            .map_or("", |&(_, at)| at.get(&self.text))
    }
}

/// One effective entry: the key as first spelled, the value of the last occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    key: Loc,
    value: Loc,
}

/// [`Loc::start`] of a removed entry's value.
const REMOVED: u32 = u32::MAX;

/// An entry's key is text of the connection string's buffer.
impl fold::Entry<String> for Entry {
    #[inline(always)]
    fn key<'a>(&'a self, text: &'a String) -> &'a [u8] {
        self.key.bytes(text)
    }

    #[inline(always)]
    fn set_value(&mut self, later: Self) {
        self.value = later.value;
    }

    fn remove(&mut self) {
        self.value.start = REMOVED;
    }

    fn is_removed(&self) -> bool {
        self.value.start == REMOVED
    }
}

/// The driver's sink while parsing: the text buffer and the fold of the entries.
struct Parse {
    text: String,
    fold: Fold<Entry>,
}

impl Parse {
    /// Applies one segment of `src` (the start of the text) whose decoded key is `key`.
    /// Returns the occurrence as an entry (where its key and value are in the buffer).
    #[inline(always)]
    fn apply(&mut self, src: &str, raw: Raw, key: impl Probe) -> Entry {
        // The occurrence as an entry: offsets into the source, or decoded text appended to the
        // buffer (a key decoded from `==` is appended even when an earlier spelling is kept).
        let entry = Entry {
            key: Loc::key(src, &mut self.text, raw),
            value: if raw.is_null() {
                Loc { start: 0, end: 0 }
            } else {
                Loc::value(raw)
            },
        };
        self.fold.apply(&self.text, key, raw.is_null(), entry);
        entry
    }

    /// [`Sink::segment`], returning the occurrence as an entry.
    #[inline(never)]
    fn general(&mut self, src: &str, raw: Raw) -> Entry {
        if raw.key_escaped {
            let mut decoded = String::new();
            raw.decode_key_into(src, &mut decoded);
            self.apply(src, raw, KeyBytes::of(&decoded))
        } else if raw.key_ascii {
            // Spaced ASCII names (`Auth Scheme`): the fast path's probe.
            self.apply(src, raw, AsciiKey(raw.raw_key_bytes(src)))
        } else {
            self.apply(src, raw, KeyBytes::new(raw.raw_key_bytes(src), false))
        }
    }

    /// An empty parse of `s` (nothing allocated for an input over the length limit, which
    /// fails at its first segment).
    #[inline(always)]
    fn new(s: &str) -> Self {
        let fits = s.len() <= MAX_LEN;
        // Only keys with `==` (rare) are decoded while parsing, after the source: no room is
        // kept for them.
        let mut text = String::with_capacity(if fits { s.len() } else { 0 });
        if fits {
            text.push_str(s);
        }
        // About one entry per 16 bytes.
        let fold = Fold::with_capacity(if s.is_empty() || !fits {
            0
        } else {
            s.len() / 16 + 1
        });
        Parse { text, fold }
    }

    /// The connection string of `s`, read to its end.
    #[inline(always)]
    fn finish(self, s: &str, syntax: Syntax) -> ConnectionString {
        let Parse { text, mut fold } = self;
        fold.finish(&text);
        ConnectionString {
            text,
            source_len: s.len(),
            syntax,
            fold,
            decoded: OnceLock::new(),
        }
    }
}

impl Parse {
    /// Removes the entry of a plain `key` (a null value of the fast path), out of line: the
    /// fast loop keeps only the key's span.
    #[inline(never)]
    fn remove_plain(&mut self, key: &[u8]) {
        let none = Loc { start: 0, end: 0 };
        let entry = Entry {
            key: none,
            value: none,
        };
        self.fold.apply(&self.text, AsciiKey(key), true, entry);
    }
}

impl Segments for Parse {
    /// A fast-path segment: its key is plain ASCII without escapes. A null value removes its
    /// key: nothing to do while there are no entries (hostile `a=;a=;…` costs no call).
    #[inline(always)]
    fn fast(&mut self, src: &str, raw: Raw) {
        if raw.is_null() {
            if !self.fold.entries().is_empty() {
                self.remove_plain(raw.raw_key_bytes(src));
            }
        } else {
            self.apply(src, raw, AsciiKey(raw.raw_key_bytes(src)));
        }
    }

    #[inline(always)]
    fn segment(&mut self, src: &str, raw: Raw) {
        self.general(src, raw);
    }
}

/// Where an occurrence's key and value are in the buffer of the connection string being built:
/// byte ranges of [`ConnectionString::text_at`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct TextAt {
    pub key: (u32, u32),
    pub value: (u32, u32),
}

/// Builds a [`ConnectionString`] from segments another pass drives (validation reads the
/// string once and hands each segment here too), and tells where each occurrence's key and
/// value are in its buffer.
pub(crate) struct Builder {
    parse: Parse,
    last: TextAt,
}

impl Builder {
    /// A builder for the segments of `s`.
    pub(crate) fn new(s: &str) -> Self {
        Builder {
            parse: Parse::new(s),
            last: TextAt::default(),
        }
    }

    /// Where the key and value of the last segment handed in are (zero for a null value).
    #[inline(always)]
    pub(crate) fn last(&self) -> TextAt {
        self.last
    }

    /// The connection string of `s` (the text the segments came from), in `syntax`.
    pub(crate) fn finish(self, s: &str, syntax: Syntax) -> ConnectionString {
        self.parse.finish(s, syntax)
    }

    #[inline(always)]
    fn keep(&mut self, e: Entry) {
        self.last = TextAt {
            key: (e.key.start, e.key.end),
            value: (e.value.start, e.value.end),
        };
    }
}

impl Segments for Builder {
    #[inline(always)]
    fn fast(&mut self, src: &str, raw: Raw) {
        if raw.is_null() {
            self.parse.fast(src, raw);
        } else {
            let e = self.parse.apply(src, raw, AsciiKey(raw.raw_key_bytes(src)));
            self.keep(e);
        }
    }

    #[inline(always)]
    fn segment(&mut self, src: &str, raw: Raw) {
        let e = self.parse.general(src, raw);
        self.keep(e);
    }
}

/// A parsed connection string: a lossless, case-insensitive map of its entries.
///
/// * **Lossless**: it keeps the source text; `Display` of an unedited value prints the input
///   byte for byte, and [`set`](Self::set) / [`remove`](Self::remove) change only the edited
///   segment.
/// * **Case-insensitive**: `get("PROFILE")` finds `Profile`.
/// * **.NET semantics**: the last value of a repeated key wins, the entry keeps the
///   position and spelling of the key's first occurrence; a null value (`k=`) removes the key.
///
/// `Display` prints the full text — secrets included, since the connection string *is* the
/// credential. Use [`redacted`](Self::redacted) for logs; `Debug` never shows secret values.
///
/// ```
/// use zoomconn::ConnectionString;
/// let mut cs: ConnectionString =
///     "Profile=Zoom.apip; AuthScheme=OAuth;CallbackURL=http://localhost:33333".parse()?;
/// assert_eq!(cs.get("authscheme"), Some("OAuth"));
/// cs.set("CallbackUrl", "http://localhost:8080/cb")?;
/// assert_eq!(cs.to_string(), "Profile=Zoom.apip; AuthScheme=OAuth;CallbackURL=http://localhost:8080/cb");
/// assert_eq!(
///     cs.to_canonical_string(),
///     "Profile=Zoom.apip;AuthScheme=OAuth;CallbackURL=http://localhost:8080/cb;"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Default)]
pub struct ConnectionString {
    /// The source text, then the decoded text of keys with `==` (one allocation).
    text: String,
    /// Length of the source part of `text`.
    source_len: usize,
    syntax: Syntax,
    /// The effective entries, in order of first appearance, and their index by key.
    fold: Fold<Entry>,
    /// The values with doubled quotes, decoded when one is first read.
    decoded: OnceLock<Decoded>,
}

impl ConnectionString {
    /// An empty connection string (ADO syntax).
    ///
    /// ```
    /// assert!(zoomconn::ConnectionString::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty connection string that reads and writes `syntax`.
    ///
    /// ```
    /// use zoomconn::{ConnectionString, Syntax};
    /// assert_eq!(ConnectionString::with_syntax(Syntax::Odbc).syntax(), Syntax::Odbc);
    /// ```
    pub fn with_syntax(syntax: Syntax) -> Self {
        ConnectionString {
            syntax,
            ..Self::default()
        }
    }

    /// Parses `s` with the ADO syntax CData's providers use.
    ///
    /// # Errors
    ///
    /// A [`ParseError`] with kind, byte offset, line and column for any syntax error of the
    /// grammar (see the crate docs), for example `a` (no `=`), `=1` (empty key), `a='b` (unterminated quote), `a=b'` (unquoted
    /// value ending in a quote) or `a='b'c` (text after the closing quote).
    ///
    /// ```
    /// use zoomconn::ConnectionString;
    /// let cs = ConnectionString::parse("a=1;A=2;b=;c='x;y'")?;
    /// assert_eq!(cs.iter().collect::<Vec<_>>(), [("a", "2"), ("c", "x;y")]);
    /// assert!(ConnectionString::parse("a='b").is_err());
    /// # Ok::<(), zoomconn::ParseError>(())
    /// ```
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        Self::parse_with(s, Syntax::Ado)
    }

    /// Do two keys name the same entry? Keys compare as .NET's
    /// `StringComparer.OrdinalIgnoreCase` compares them: each char by its simple uppercase
    /// mapping, one char for one (`docs/grammar.md`), as every lookup of the map does.
    ///
    /// ```
    /// use zoomconn::ConnectionString;
    /// assert!(ConnectionString::keys_match("OAuthClientId", "oauthclientid"));
    /// assert!(ConnectionString::keys_match("µ", "Μ"));
    /// assert!(!ConnectionString::keys_match("ẞ", "ß"));
    /// assert!(!ConnectionString::keys_match("İ", "i"));
    /// assert!(!ConnectionString::keys_match("\u{212A}", "k"));
    /// ```
    pub fn keys_match(a: &str, b: &str) -> bool {
        crate::grammar::casefold::eq_ignore_case(a, b)
    }

    /// As [`parse`](Self::parse), with the rules of `syntax`.
    ///
    /// # Errors
    ///
    /// A [`ParseError`] for any syntax error of `syntax`'s grammar, as [`parse`](Self::parse).
    ///
    /// ```
    /// use zoomconn::{ConnectionString, Syntax};
    /// let cs = ConnectionString::parse_with("Driver={a;b};x='y", Syntax::Odbc)?;
    /// assert_eq!(cs.get("x"), Some("'y"));
    /// # Ok::<(), zoomconn::ParseError>(())
    /// ```
    pub fn parse_with(s: &str, syntax: Syntax) -> Result<Self, ParseError> {
        let mut parse = Parse::new(s);
        drive(s, syntax, &mut parse)?;
        Ok(parse.finish(s, syntax))
    }

    /// The text at `at` (a range [`Builder::last`] gave for this connection string): source
    /// text, or decoded text after it.
    #[inline]
    pub(crate) fn text_at(&self, at: (u32, u32)) -> &str {
        self.text_of(Loc {
            start: at.0,
            end: at.1,
        })
    }

    /// Is `at` a range of the source text (not of decoded text)?
    #[inline]
    pub(crate) fn in_source(&self, at: (u32, u32)) -> bool {
        at.0 & ESCAPED == 0 && (at.1 as usize) <= self.source_len
    }

    /// The text at `loc`: of the buffer, or decoded.
    #[inline]
    fn text_of(&self, loc: Loc) -> &str {
        if loc.start & ESCAPED == 0 {
            loc.get(&self.text)
        } else {
            self.decoded_text(loc)
        }
    }

    /// The decoded text of a value with doubled quotes, decoding them all the first time.
    fn decoded_text(&self, loc: Loc) -> &str {
        self.decoded
            .get_or_init(|| Decoded::of(self.as_str(), self.fold.entries()))
            .get(loc)
    }

    /// Overwrites the whole buffer with zeros and empties the map: for a connection string
    /// that holds credentials, before its memory is freed.
    pub(crate) fn wipe(&mut self) {
        secrets::wipe(&mut self.text);
        if let Some(decoded) = self.decoded.get_mut() {
            secrets::wipe(&mut decoded.text);
        }
        self.decoded = OnceLock::new();
        self.source_len = 0;
        self.fold = Fold::default();
    }

    /// The syntax this connection string reads and writes.
    ///
    /// ```
    /// assert_eq!(zoomconn::ConnectionString::new().syntax(), zoomconn::Syntax::Ado);
    /// ```
    pub fn syntax(&self) -> Syntax {
        self.syntax
    }

    /// The source text: the input as parsed, with any edits applied.
    ///
    /// ```
    /// let cs = zoomconn::ConnectionString::parse(" a = 1 ;").unwrap();
    /// assert_eq!(cs.as_str(), " a = 1 ;");
    /// ```
    pub fn as_str(&self) -> &str {
        self.text.get(..self.source_len).unwrap_or_default()
    }

    /// The value of `key` (case-insensitive), if present.
    ///
    /// ```
    /// let cs = zoomconn::ConnectionString::parse("OAuthClientId=abc").unwrap();
    /// assert_eq!(cs.get("OAUTHCLIENTID"), Some("abc"));
    /// assert_eq!(cs.get("Scope"), None);
    /// ```
    pub fn get(&self, key: &str) -> Option<&str> {
        let e = self.entry(key)?;
        Some(self.text_of(e.value))
    }

    /// The live entry of `key`.
    fn entry(&self, key: &str) -> Option<&Entry> {
        self.fold.get(&self.text, key)
    }

    /// The key as spelled in the string and its value, if present.
    ///
    /// ```
    /// let cs = zoomconn::ConnectionString::parse("AuthScheme=OAuth").unwrap();
    /// assert_eq!(cs.get_key_value("authscheme"), Some(("AuthScheme", "OAuth")));
    /// ```
    pub fn get_key_value(&self, key: &str) -> Option<(&str, &str)> {
        let e = self.entry(key)?;
        Some((e.key.get(&self.text), self.text_of(e.value)))
    }

    /// Is `key` present (case-insensitive)?
    ///
    /// ```
    /// let cs = zoomconn::ConnectionString::parse("a=1;b=").unwrap();
    /// assert!(cs.contains_key("A") && !cs.contains_key("b"));
    /// ```
    pub fn contains_key(&self, key: &str) -> bool {
        self.entry(key).is_some()
    }

    /// Number of effective entries.
    ///
    /// ```
    /// assert_eq!(zoomconn::ConnectionString::parse("a=1;A=2;b=3").unwrap().len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.fold.entries().len()
    }

    /// `true` when there are no effective entries.
    ///
    /// ```
    /// assert!(zoomconn::ConnectionString::parse(" ; ;").unwrap().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.fold.entries().is_empty()
    }

    /// The effective entries `(key, value)` in order of first appearance (a key removed by a
    /// null value and set again comes at the end).
    ///
    /// ```
    /// let cs = zoomconn::ConnectionString::parse("b=1;a=2;b=3").unwrap();
    /// assert_eq!(cs.iter().collect::<Vec<_>>(), [("b", "3"), ("a", "2")]);
    /// ```
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            cs: self,
            inner: self.fold.entries().iter(),
        }
    }

    /// The keys of the effective entries, as first spelled.
    ///
    /// ```
    /// let cs = zoomconn::ConnectionString::parse("Profile=x;AuthScheme=OAuth").unwrap();
    /// assert_eq!(cs.keys().collect::<Vec<_>>(), ["Profile", "AuthScheme"]);
    /// ```
    pub fn keys(&self) -> impl Iterator<Item = &str> + '_ {
        self.iter().map(|(k, _)| k)
    }

    /// Every segment as written, with spans: duplicates and removals (`k=`) included.
    ///
    /// ```
    /// let cs = zoomconn::ConnectionString::parse("a=1; a=; b=2").unwrap();
    /// let raw: Vec<_> = cs.segments().map(|s| (s.key().to_owned(), s.value().map(str::to_owned), s.span())).collect();
    /// assert_eq!(raw[1], ("a".to_owned(), None, 5..8));
    /// assert_eq!(raw.len(), 3);
    /// ```
    pub fn segments(&self) -> impl Iterator<Item = Segment<'_>> + '_ {
        // The source parsed without error when it was stored, so re-tokenizing cannot fail.
        Tokenizer::with_syntax(self.as_str(), self.syntax).map_while(Result::ok)
    }
}

/// Iterator over the effective entries of a [`ConnectionString`].
///
/// ```
/// let cs = zoomconn::ConnectionString::parse("a=1").unwrap();
/// let mut it = cs.iter();
/// assert_eq!(it.next(), Some(("a", "1")));
/// assert_eq!(it.next(), None);
/// ```
#[derive(Clone)]
pub struct Iter<'a> {
    cs: &'a ConnectionString,
    inner: std::slice::Iter<'a, Entry>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a str, &'a str);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let e = self.inner.next()?;
        Some((e.key.get(&self.cs.text), self.cs.text_of(e.value)))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let e = self.inner.next_back()?;
        Some((e.key.get(&self.cs.text), self.cs.text_of(e.value)))
    }
}

impl ExactSizeIterator for Iter<'_> {}

/// Shows how many entries remain, never their text.
impl std::fmt::Debug for Iter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Iter")
            .field("remaining", &self.inner.len())
            .finish()
    }
}
impl std::iter::FusedIterator for Iter<'_> {}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::grammar::reference;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// The map's entries are the reference's plain fold of the reference's segments.
        #[test]
        fn entries_are_the_reference_fold(s in crate::grammar::tests::input()) {
            for syntax in [Syntax::Ado, Syntax::Odbc] {
                let (segments, error) = reference::tokenize(&s, syntax);
                match ConnectionString::parse_with(&s, syntax) {
                    Ok(cs) => {
                        prop_assert!(error.is_none(), "{:?}", s);
                        let got: Vec<_> = cs.iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
                        prop_assert_eq!(got, reference::entries(&segments), "{:?}", s);
                    }
                    Err(e) => prop_assert_eq!(Some((e.kind(), e.offset())), error, "{:?}", s),
                }
            }
        }
    }
}
