//! [`ConnectionString`]: the lossless, case-insensitive map built from the tokenizer's segments.

use std::hash::BuildHasher;

use hashbrown::DefaultHashBuilder;
use hashbrown::HashTable;

use crate::casefold::KeyBytes;
use crate::error::ParseError;
use crate::syntax::Syntax;
use crate::tokenizer::{
    MAX_LEN, Miss, Raw, RawTokenizer, Segment, Tokenizer, ValueForm, fast_at, fast_quoted,
    null_segment,
};

/// Text of an entry: a byte range of [`ConnectionString::text`] — of the source part, or of
/// the decoded text after it when unescaping changed the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Loc {
    start: u32,
    end: u32,
}

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
}

/// One effective entry: the key as first spelled, the value of the last occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry {
    key: Loc,
    value: Loc,
}

/// [`Loc::start`] of a removed entry's key.
const DEAD: u32 = u32::MAX;

impl Entry {
    #[inline]
    fn alive(&self) -> bool {
        self.key.start != DEAD
    }
}

/// Entries filtered by [`Entries::tags`]; maps with more get a hash index.
const TAGGED: usize = 32;

const LO: u64 = 0x0101_0101_0101_0101;

/// The effective entries and their lookup structure (SPEC §2.7). Their text lives in the
/// [`ConnectionString`]'s buffer; every method that reads it takes that buffer as `text`.
///
/// Up to [`TAGGED`] entries, a lookup compares a one-byte hash tag of the key against eight
/// entries per step and compares text only on a tag match. Larger maps use a hash table with
/// a per-process random seed, so crafted keys cannot make lookups quadratic.
#[derive(Clone, Default)]
pub(crate) struct Entries {
    entries: Vec<Entry>,
    /// Byte `i` is the tag of entry `i` ([`tag`]; never 0), or 0 for a removed entry.
    tags: [u8; TAGGED],
    index: Option<(HashTable<u32>, DefaultHashBuilder)>,
    /// Some entry was removed (a null value); [`finish`](Self::finish) drops it.
    removed: bool,
}

/// The one-byte filter of a key's hash, never 0.
#[inline(always)]
fn tag(key: KeyBytes<'_>) -> u8 {
    ((key.quick_hash() >> 56) as u8).max(1)
}

// Indexing `self.entries[i]` in this impl: every `i` comes from `find` (a position in
// `entries` or an index built from them) and entries are only appended until `finish`, which
// rebuilds the tags and the index.
impl Entries {
    /// The decoded key of `raw`: a range of the source, or decoded text appended to `text`.
    #[inline]
    fn key_loc(src: &str, text: &mut String, raw: Raw) -> Loc {
        if raw.key_escaped {
            Loc::appended(text, |t| raw.decode_key_into(src, t))
        } else {
            Loc {
                start: raw.key_start as u32,
                end: raw.key_end as u32,
            }
        }
    }

    /// The decoded value of a non-null `raw`: a range of the source, or decoded text appended
    /// to `text`.
    #[inline]
    fn value_loc(src: &str, text: &mut String, raw: Raw) -> Loc {
        match raw.form {
            ValueForm::Quoted(_) if raw.value_escaped => {
                Loc::appended(text, |t| raw.decode_value_into(src, t))
            }
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

    /// Index of the live entry whose key equals `key`.
    #[inline]
    fn find(&self, text: &str, key: &str) -> Option<usize> {
        let key = KeyBytes::of(key);
        match &self.index {
            None => self.find_tagged(text, key, tag(key)),
            Some((table, hasher)) => self.find_indexed(text, key, table, hasher.hash_one(key)),
        }
    }

    /// [`find`](Self::find) in a map of at most [`TAGGED`] entries.
    #[inline(always)]
    fn find_tagged(&self, text: &str, key: KeyBytes<'_>, tag: u8) -> Option<usize> {
        let pattern = LO * u64::from(tag);
        // High bit of each byte of `tags` equal to `tag`, exactly (no borrow between bytes).
        // Unused and removed slots hold 0, which no tag equals.
        let hits = |tags: u64| {
            let x = tags ^ pattern;
            let low7 = 0x7f * LO;
            !(((x & low7).wrapping_add(low7)) | x | low7)
        };
        let word = |w: usize| {
            let bytes = self.tags.get(8 * w..8 * w + 8).unwrap_or_default();
            u64::from_le_bytes(bytes.try_into().unwrap_or_default())
        };
        // Only the words that hold tags of entries.
        let words = match self.entries.len() {
            0..=8 => [hits(word(0)), 0, 0, 0],
            9..=16 => [hits(word(0)), hits(word(1)), 0, 0],
            17..=24 => [hits(word(0)), hits(word(1)), hits(word(2)), 0],
            _ => [hits(word(0)), hits(word(1)), hits(word(2)), hits(word(3))],
        };
        // A new key usually matches no tag at all: one test for all four words.
        if words.iter().fold(0, |all, w| all | w) == 0 {
            return None;
        }
        for (w, mut hits) in words.into_iter().enumerate() {
            while hits != 0 {
                let i = w * 8 + (hits.trailing_zeros() / 8) as usize;
                if key.matches(self.entries[i].key.bytes(text)) {
                    return Some(i);
                }
                hits &= hits - 1;
            }
        }
        None
    }

    /// [`find`](Self::find) through the hash index, with `key`'s `hash`.
    #[inline]
    fn find_indexed(
        &self,
        text: &str,
        key: KeyBytes<'_>,
        table: &HashTable<u32>,
        hash: u64,
    ) -> Option<usize> {
        table
            .find(hash, |&i| {
                key.matches(self.entries[i as usize].key.bytes(text))
            })
            .map(|&i| i as usize)
    }

    fn set_tag(&mut self, i: usize, tag: u8) {
        if let Some(t) = self.tags.get_mut(i) {
            *t = tag;
        }
    }

    fn build_index(&mut self, text: &str) {
        let hasher = DefaultHashBuilder::default();
        let mut table = HashTable::with_capacity(self.entries.capacity());
        let entries = &self.entries;
        let hash = |e: &Entry| hasher.hash_one(KeyBytes::of(e.key.get(text)));
        for (i, e) in entries.iter().enumerate() {
            if e.alive() {
                table.insert_unique(hash(e), i as u32, |&j| hash(&entries[j as usize]));
            }
        }
        self.index = Some((table, hasher));
    }

    /// [`apply`](Self::apply) for a segment of the tokenizer's fast paths: its key is plain
    /// ASCII without escapes.
    #[inline(always)]
    fn apply_plain(&mut self, src: &str, text: &mut String, raw: Raw) {
        let key = KeyBytes::new(raw.raw_key_bytes(src), true);
        self.apply_key(src, text, key, raw);
    }

    /// Applies one segment of `src` (the start of `text`): set (last wins, first spelling
    /// kept) or remove (null value).
    #[inline(never)]
    fn apply(&mut self, src: &str, text: &mut String, raw: Raw) {
        if raw.key_escaped {
            let mut decoded = String::new();
            raw.decode_key_into(src, &mut decoded);
            self.apply_key(src, text, KeyBytes::of(&decoded), raw);
        } else {
            let key = KeyBytes::new(raw.raw_key_bytes(src), raw.key_ascii);
            self.apply_key(src, text, key, raw);
        }
    }

    #[inline(always)]
    fn apply_key(&mut self, src: &str, text: &mut String, key: KeyBytes<'_>, raw: Raw) {
        let null = raw.form == ValueForm::Null;
        let (found, hashed) = match &self.index {
            None => {
                let tag = tag(key);
                (self.find_tagged(text, key, tag), Err(tag))
            }
            Some((table, hasher)) => {
                let hash = hasher.hash_one(key);
                (self.find_indexed(text, key, table, hash), Ok(hash))
            }
        };
        match found {
            Some(i) if !null => self.entries[i].value = Self::value_loc(src, text, raw),
            Some(i) => self.kill(i, hashed),
            None if !null => {
                let key = Self::key_loc(src, text, raw);
                let value = Self::value_loc(src, text, raw);
                let i = self.entries.len();
                self.entries.push(Entry { key, value });
                match hashed {
                    Err(tag) if i < TAGGED => self.set_tag(i, tag),
                    Err(_) => self.build_index(text),
                    Ok(hash) => {
                        let entries = &self.entries;
                        if let Some((table, hasher)) = &mut self.index {
                            table.insert_unique(hash, i as u32, |&j| {
                                hasher.hash_one(KeyBytes::of(entries[j as usize].key.get(text)))
                            });
                        }
                    }
                }
            }
            None => {}
        }
    }

    /// Marks entry `i` removed; `hashed` is its key's hash (index) or tag.
    #[cold]
    fn kill(&mut self, i: usize, hashed: Result<u64, u8>) {
        self.entries[i].key.start = DEAD;
        self.removed = true;
        match (&mut self.index, hashed) {
            (Some((table, _)), Ok(hash)) => {
                if let Ok(slot) = table.find_entry(hash, |&j| j as usize == i) {
                    slot.remove();
                }
            }
            _ => self.set_tag(i, 0),
        }
    }

    /// Drops removed entries and rebuilds the tags and index if positions moved.
    fn finish(&mut self, text: &str) {
        if self.removed {
            self.removed = false;
            self.entries.retain(Entry::alive);
            self.tags = [0; TAGGED];
            self.index = None;
            if self.entries.len() > TAGGED {
                self.build_index(text);
            } else {
                for i in 0..self.entries.len() {
                    let t = tag(KeyBytes::of(self.entries[i].key.get(text)));
                    self.set_tag(i, t);
                }
            }
        }
    }
}

/// A parsed connection string: a lossless, case-insensitive map of its entries.
///
/// * **Lossless**: it keeps the source text; `Display` of an unedited value prints the input
///   byte for byte, and [`set`](Self::set) / [`remove`](Self::remove) change only the edited
///   segment.
/// * **Case-insensitive**: `get("PROFILE")` finds `Profile`.
/// * **.NET semantics** (SPEC §2.7): the last value of a repeated key wins, the entry keeps the
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
    /// The source text, then the decoded text of escaped keys and values (one allocation).
    text: String,
    /// Length of the source part of `text`.
    source_len: usize,
    pub(crate) syntax: Syntax,
    map: Entries,
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
    /// A [`ParseError`] with kind, byte offset, line and column for any syntax error of SPEC §2,
    /// for example `a` (no `=`), `=1` (empty key), `a='b` (unterminated quote), `a=b'` (unquoted
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

    /// Parses `s` with the given syntax.
    ///
    /// # Errors
    ///
    /// As [`parse`](Self::parse), with the rules of `syntax`.
    ///
    /// ```
    /// use zoomconn::{ConnectionString, Syntax};
    /// let cs = ConnectionString::parse_with("Driver={a;b};x='y", Syntax::Odbc)?;
    /// assert_eq!(cs.get("x"), Some("'y"));
    /// # Ok::<(), zoomconn::ParseError>(())
    /// ```
    pub fn parse_with(s: &str, syntax: Syntax) -> Result<Self, ParseError> {
        // An input over the length limit fails at its first segment: allocate nothing for it.
        let fits = s.len() <= MAX_LEN;
        let mut map = Entries {
            entries: Vec::with_capacity(if s.is_empty() || !fits {
                0
            } else {
                s.len() / 16 + 1
            }),
            ..Entries::default()
        };
        // Room for some decoded text after the source, so that a string with a few escaped
        // values needs no second allocation.
        let mut text = String::with_capacity(if fits { s.len() + s.len() / 8 } else { 0 });
        if fits {
            text.push_str(s);
        }
        // The fast path runs here on a position kept in registers; the tokenizer takes over
        // from that position for everything else.
        let (b, ado) = (s.as_bytes(), syntax == Syntax::Ado);
        let mut tokens = RawTokenizer::new(s, syntax);
        let (mut pos, mut prev_key) = tokens.position();
        loop {
            // Two arms on purpose: each segment reaches the map without merging with the
            // other, which would force it through memory.
            match fast_at(b, pos, ado) {
                Ok(raw) => {
                    (pos, prev_key) = (raw.end, raw.key_start..raw.key_end);
                    map.apply_plain(s, &mut text, raw);
                    continue;
                }
                Err(Miss::Quoted { eq, quote }) => {
                    if let Some(raw) = fast_quoted(b, pos, eq as usize, pos, quote) {
                        (pos, prev_key) = (raw.end, raw.key_start..raw.key_end);
                        map.apply_plain(s, &mut text, raw);
                        continue;
                    }
                }
                Err(Miss::Null { eq }) => {
                    let raw = null_segment(b, pos, eq as usize, pos);
                    (pos, prev_key) = (raw.end, raw.key_start..raw.key_end);
                    map.apply(s, &mut text, raw);
                    continue;
                }
                Err(Miss::Other) => {}
            }
            tokens.resume((pos, prev_key));
            match tokens.slow(Miss::Other) {
                Some(raw) => map.apply(s, &mut text, raw?),
                None => break,
            }
            (pos, prev_key) = tokens.position();
        }
        map.finish(&text);
        Ok(ConnectionString {
            text,
            source_len: s.len(),
            syntax,
            map,
        })
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
        let i = self.map.find(&self.text, key)?;
        Some(self.map.entries[i].value.get(&self.text))
    }

    /// The key as spelled in the string and its value, if present.
    ///
    /// ```
    /// let cs = zoomconn::ConnectionString::parse("AuthScheme=OAuth").unwrap();
    /// assert_eq!(cs.get_key_value("authscheme"), Some(("AuthScheme", "OAuth")));
    /// ```
    pub fn get_key_value(&self, key: &str) -> Option<(&str, &str)> {
        let i = self.map.find(&self.text, key)?;
        let e = &self.map.entries[i];
        Some((e.key.get(&self.text), e.value.get(&self.text)))
    }

    /// Is `key` present (case-insensitive)?
    ///
    /// ```
    /// let cs = zoomconn::ConnectionString::parse("a=1;b=").unwrap();
    /// assert!(cs.contains_key("A") && !cs.contains_key("b"));
    /// ```
    pub fn contains_key(&self, key: &str) -> bool {
        self.map.find(&self.text, key).is_some()
    }

    /// Number of effective entries.
    ///
    /// ```
    /// assert_eq!(zoomconn::ConnectionString::parse("a=1;A=2;b=3").unwrap().len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.map.entries.len()
    }

    /// `true` when there are no effective entries.
    ///
    /// ```
    /// assert!(zoomconn::ConnectionString::parse(" ; ;").unwrap().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.map.entries.is_empty()
    }

    /// The effective entries `(key, value)` in order of first appearance (SPEC §2.7).
    ///
    /// ```
    /// let cs = zoomconn::ConnectionString::parse("b=1;a=2;b=3").unwrap();
    /// assert_eq!(cs.iter().collect::<Vec<_>>(), [("b", "3"), ("a", "2")]);
    /// ```
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            cs: self,
            inner: self.map.entries.iter(),
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

    fn next(&mut self) -> Option<Self::Item> {
        let e = self.inner.next()?;
        let text = &self.cs.text;
        Some((e.key.get(text), e.value.get(text)))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let e = self.inner.next_back()?;
        let text = &self.cs.text;
        Some((e.key.get(text), e.value.get(text)))
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

/// The fast paths (the tokenizer's plain and quoted segments, the register loop of
/// `parse_with` and its inlined map update) against the general path alone, on inputs built
/// from the grammar's troublesome pieces.
/// Entries (or the error) from the general path alone, through the out-of-line `apply`: the
/// reference that `parse_with`'s fast paths are checked against.
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn general_path_entries(
    s: &str,
    syntax: Syntax,
) -> Result<Vec<(String, String)>, ParseError> {
    let mut map = Entries::default();
    let mut text = s.to_owned();
    for raw in RawTokenizer::general_only(s, syntax) {
        map.apply(s, &mut text, raw?);
    }
    map.finish(&text);
    Ok(map
        .entries
        .iter()
        .map(|e| (e.key.get(&text).to_owned(), e.value.get(&text).to_owned()))
        .collect())
}

/// Entries (or the error) from [`ConnectionString::parse_with`], to compare with
/// [`general_path_entries`].
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn parsed_entries(s: &str, syntax: Syntax) -> Result<Vec<(String, String)>, ParseError> {
    let cs = ConnectionString::parse_with(s, syntax)?;
    Ok(cs
        .iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect())
}

#[cfg(test)]
mod fast_path_tests {
    use proptest::prelude::*;

    use super::*;

    const PIECES: &[&str] = &[
        "a",
        "B",
        "Key",
        "OAuthClientSecret",
        "\u{212a}",
        "é",
        "=",
        "==",
        ";",
        ";;",
        " ",
        "\t",
        "'",
        "''",
        "\"",
        "\"\"",
        "{",
        "}",
        "}}",
        "\0",
        "\u{85}",
        "\u{a0}",
        "x;y",
        "1",
        "\u{1}",
        "a=b;",
        "k='v';",
        "k=\"v\"\";",
        "p={x;y};",
        "K=1; k=2;",
        "k=;",
    ];

    fn input() -> impl Strategy<Value = String> {
        prop_oneof![
            proptest::collection::vec(proptest::sample::select(PIECES), 0..16)
                .prop_map(|p| p.concat()),
            "[a-cA=;'\"{} \t\u{0}é\u{85}]{0,24}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(8192))]

        #[test]
        fn fast_paths_agree_with_the_general_path(s in input()) {
            for syntax in [Syntax::Ado, Syntax::Odbc] {
                let fast: Vec<_> = RawTokenizer::new(&s, syntax).collect();
                let general: Vec<_> = RawTokenizer::general_only(&s, syntax).collect();
                prop_assert_eq!(&fast, &general, "{:?} {:?}", s, syntax);
                prop_assert_eq!(parsed_entries(&s, syntax), general_path_entries(&s, syntax), "{:?} {:?}", s, syntax);
            }
        }
    }
}
