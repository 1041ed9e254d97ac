//! Which names are secret: the decision every other part of the crate asks for.
//!
//! A key's value is secret when the key is
//!
//! 1. a secret property of the registry or one of its spaced aliases (`OAuthClientSecret`,
//!    `OAuth Client Secret`, `Password`, `RTK`, …);
//! 2. not a known property, and a near miss of a secret name (`OAuthClientSecrte`, `Pasword`,
//!    `OAuth_Client_Secret`) — within the edit distance that typo suggestions use;
//! 3. not a known property, and holds a secret word where the word's [`Place`] says, the key
//!    read as words (split at spaces, `_`, `-`, `.`, case changes, acronyms and digits):
//!    anywhere (`secret`, `token`, `password`, `pwd`, `passphrase`, `jwt`, `apikey`,
//!    `clientkey`, …: `ClientSecret`, `x-api-key`, `CLIENTKEY`), ending a word (`pass`, `pw`,
//!    `psk`: `DB_PASS`, `DBPASS`, not `Bypass`), as whole words (`sas`, `creds`, `auth`:
//!    `SAS`, `BasicAuth`, not `AuthScheme`) or as the last words (`key`, `clientcert`: `Key`,
//!    `SortKey`, `SSLClientCert`, not `Monkey`, `Keys`, `KeyColumns`).
//!
//! Known properties that are not secret (`OAuthTokenTimestamp`, `OAuthClientId`), and other
//! spellings of them (`oauth_token_timestamp`, `Auth.Scheme`), are never secret by rules 2 and
//! 3.
//!
//! Whatever the key, credentials inside a text are found by [`embedded`]: a URL's user
//! information, the password of `user:password@host`, PEM blocks.

use std::ops::Range;
use std::sync::LazyLock;

use crate::registry::{self, Candidates, PROPERTIES, PropertyId};

/// Why a key's value is treated as secret.
///
/// ```
/// use zoomconn::registry::PropertyId;
/// use zoomconn::secrets::{Secrecy, classify_key};
/// assert_eq!(classify_key("OAuth Client Secret"), Some(Secrecy::Property(PropertyId::OAuthClientSecret)));
/// assert_eq!(classify_key("OAuthClientSecrte"), Some(Secrecy::NearMiss(PropertyId::OAuthClientSecret)));
/// assert_eq!(classify_key("RefreshToken"), Some(Secrecy::Word("token")));
/// assert_eq!(classify_key("OAuthTokenTimestamp"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Secrecy {
    /// A secret property of the registry, by name or alias.
    Property(PropertyId),
    /// Not a known property, but a near miss of this secret property's name.
    NearMiss(PropertyId),
    /// Not a known property, but it holds this secret word.
    Word(&'static str),
}

impl Secrecy {
    /// The canonical name of the secret property the key names or misspells, if any.
    ///
    /// ```
    /// let s = zoomconn::secrets::classify_key("Pasword").unwrap();
    /// assert_eq!(s.property_name(), Some("Password"));
    /// ```
    pub fn property_name(self) -> Option<&'static str> {
        match self {
            Secrecy::Property(id) | Secrecy::NearMiss(id) => Some(id.name()),
            Secrecy::Word(_) => None,
        }
    }
}

/// Where a secret word must stand among the words of a name ([`split`]) to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Anywhere, inside a word or across words: `ClientSecret`, `CLIENTSECRET`, `x-api-key`.
    Anywhere,
    /// At the end of one word, unless that word is an ordinary English word ([`ENGLISH`]):
    /// `DB_PASS`, `DBPASS`, `UserPass`, `RootPW` — not `Passive`, `Bypass`, `Compass`.
    WordEnd,
    /// Whole words: `SAS`, `Creds`, `BasicAuth`. `auth` counts only where the next word does
    /// not name the mechanism ([`DESCRIBES_AUTH`]): `AuthScheme`, `auth_type` stay visible.
    Word,
    /// Whole words that end the name (trailing digits aside): `Key`, `x-api-key`, `Key2`,
    /// `SortKey` — not `Monkey`, `Keys`, `KeyColumns`, `Keyboard`.
    Last,
}

/// Words that make a key's value secret, normalized (lowercase, no spaces, `_`, `-` or `.`),
/// with where they must stand. The first that a name holds is the one [`Secrecy::Word`]
/// names.
const SECRET_WORDS: &[(&str, Place)] = &[
    ("secret", Place::Anywhere),
    ("verifier", Place::Anywhere),
    ("token", Place::Anywhere),
    ("password", Place::Anywhere),
    ("passwd", Place::Anywhere),
    ("pwd", Place::Anywhere),
    ("apikey", Place::Anywhere),
    ("accesskey", Place::Anywhere),
    ("privatekey", Place::Anywhere),
    ("credential", Place::Anywhere),
    ("authorization", Place::Anywhere),
    ("bearer", Place::Anywhere),
    ("cookie", Place::Anywhere),
    ("passphrase", Place::Anywhere),
    ("signature", Place::Anywhere),
    ("jwt", Place::Anywhere),
    // A key of what it opens or signs: `AccountKey`, `Client_Key`, `client.key`, `APPKEY`.
    ("accountkey", Place::Anywhere),
    ("sharedkey", Place::Anywhere),
    ("clientkey", Place::Anywhere),
    ("appkey", Place::Anywhere),
    ("authkey", Place::Anywhere),
    ("encryptionkey", Place::Anywhere),
    ("decryptionkey", Place::Anywhere),
    ("signingkey", Place::Anywhere),
    ("masterkey", Place::Anywhere),
    ("sessionkey", Place::Anywhere),
    ("sshkey", Place::Anywhere),
    ("hmackey", Place::Anywhere),
    ("privkey", Place::Anywhere),
    ("pass", Place::WordEnd),
    ("pw", Place::WordEnd),
    ("psk", Place::WordEnd),
    ("sas", Place::Word),
    ("creds", Place::Word),
    ("cred", Place::Word),
    ("auth", Place::Word),
    ("key", Place::Last),
    // A client certificate may be a private key blob: `SSLClientCert`, `OAuthJWTCert`.
    ("clientcert", Place::Last),
    ("clientcertificate", Place::Last),
];

/// Ordinary English words that end in a [`Place::WordEnd`] word: not secret by that word.
const ENGLISH: &[&str] = &[
    "bypass",
    "compass",
    "encompass",
    "overpass",
    "underpass",
    "surpass",
    "trespass",
];

/// Words that, after `auth`, say the name is about the mechanism, not a credential
/// (`AuthScheme`, `auth_type`, `ProxyAuthMethod`).
const DESCRIBES_AUTH: &[&str] = &[
    "scheme",
    "schemes",
    "type",
    "mode",
    "method",
    "methods",
    "mechanism",
    "protocol",
    "provider",
    "flow",
    "version",
    "url",
    "uri",
    "endpoint",
    "server",
    "host",
    "port",
    "realm",
    "domain",
    "timeout",
    "level",
    "enabled",
];

/// Keys longer than this are normalized on the heap; shorter ASCII keys on the stack.
const STACK: usize = 64;

/// Why `key`'s value is secret, or `None` when it is not.
///
/// ```
/// use zoomconn::secrets::classify_key;
/// assert!(classify_key("ProxyPasswd").is_some());
/// assert!(classify_key("DB_PASS").is_some());
/// assert!(classify_key("Monkey").is_none());
/// assert!(classify_key("Scope").is_none());
/// ```
pub fn classify_key(key: &str) -> Option<Secrecy> {
    // Quotes and braces around a name (a nested string read in the other syntax) are not part
    // of it.
    let trimmed =
        key.trim_matches(|c: char| c.is_whitespace() || matches!(c, '\'' | '"' | '{' | '}'));
    let known = registry::lookup(key)
        .or_else(|| (trimmed.len() != key.len()).then(|| registry::lookup(trimmed))?);
    match known {
        Some(m) => m
            .property
            .secret
            .then_some(Secrecy::Property(m.property.id)),
        None => unknown(trimmed),
    }
}

/// [`classify_key`] of a key that is not a known property.
fn unknown(key: &str) -> Option<Secrecy> {
    if key.is_ascii() && key.len() <= STACK {
        let mut name = StackName {
            bytes: [0; STACK],
            starts: [0; STACK / 64 + 1],
            len: 0,
        };
        split(key, &mut name);
        let (bytes, starts) = (name.bytes.get(..name.len).unwrap_or_default(), &name.starts);
        unknown_key(key, bytes, starts)
    } else {
        let mut name = HeapName::with_capacity(key.len());
        split(key, &mut name);
        unknown_key(key, &name.bytes, &name.starts)
    }
}

/// [`classify_key`] of a key that is not a known property; `normalized` is the key split into
/// words ([`split`]): lowercased, without spaces, `_`, `-` and `.`, with bit `i` of `starts`
/// set where a word starts.
fn unknown_key(key: &str, normalized: &[u8], starts: &[u64]) -> Option<Secrecy> {
    let found = match secret_word(normalized, starts) {
        Some(word) => Secrecy::Word(word),
        None => near_miss(key, normalized)?,
    };
    // Another spelling of a known property that is not secret (`oauth_token_timestamp`,
    // `Auth.Scheme`) is that property.
    (!is_public_spelling(normalized)).then_some(found)
}

/// The secret property whose name `key` misspells, if any.
fn near_miss(key: &str, normalized: &[u8]) -> Option<Secrecy> {
    // Every secret name and alias normalizes to at least three chars, and a near miss is within
    // one edit of three chars: shorter keys are not near misses.
    if normalized.len() < 2 {
        return None;
    }
    // Prepared once: this is asked about every name in every value.
    static SECRET_NAMES: LazyLock<Candidates> = LazyLock::new(|| {
        Candidates::new(
            PROPERTIES
                .iter()
                .filter(|p| p.secret)
                .flat_map(|p| std::iter::once(p.name).chain(p.aliases.iter().copied())),
        )
    });
    let near = SECRET_NAMES
        .nearest(key)
        .or_else(|| last_words(key).find_map(|tail| SECRET_NAMES.nearest(tail)))?;
    let m = registry::lookup(near)?;
    Some(Secrecy::NearMiss(m.property.id))
}

/// The tails of `key` that start a word after a space, `_`, `-`, `.` or `:` — the last word
/// first — as long as a tail can still be a near miss of a name (at most
/// [`NEAR_MISS_TAIL`] bytes). A forgotten `;` joins the text before it to a key
/// (`Scope=k1 Pasword=…` reads the key `k1 Pasword`), so a misspelt secret name ending a key is
/// a near miss as much as the whole key is.
fn last_words(key: &str) -> impl Iterator<Item = &str> {
    let bytes = key.as_bytes();
    let lowest = bytes.len().saturating_sub(NEAR_MISS_TAIL);
    (lowest.max(1)..bytes.len())
        .rev()
        .filter(move |&i| {
            matches!(bytes[i - 1], b' ' | b'\t' | b'_' | b'-' | b'.' | b':')
                && bytes[i].is_ascii_alphanumeric()
        })
        .filter_map(move |i| key.get(i..))
}

/// The longest tail [`last_words`] offers: the longest secret name with room for the edits a
/// near miss may make, and the separators a spelling may add.
const NEAR_MISS_TAIL: usize = 64;

/// Is `normalized` ([`split`]) the name or an alias of a known property that is not secret?
fn is_public_spelling(normalized: &[u8]) -> bool {
    static PUBLIC: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| {
        PROPERTIES
            .iter()
            .filter(|p| !p.secret)
            .flat_map(|p| std::iter::once(p.name).chain(p.aliases.iter().copied()))
            .map(|n| {
                let mut name = HeapName::default();
                split(n, &mut name);
                name.bytes
            })
            .collect()
    });
    PUBLIC.iter().any(|n| n.as_slice() == normalized)
}

/// Where [`split`] writes a name: its bytes, and a bit for each byte that starts a word.
trait NameBuf {
    /// Appends `byte`; `starts` when it starts a word.
    fn push(&mut self, byte: u8, starts: bool);
    /// Marks byte `at` (already written) as the start of a word.
    fn mark(&mut self, at: usize);
    /// Bytes written so far.
    fn len(&self) -> usize;
}

/// A short ASCII name, on the stack.
struct StackName {
    bytes: [u8; STACK],
    starts: [u64; STACK / 64 + 1],
    len: usize,
}

impl NameBuf for StackName {
    fn push(&mut self, byte: u8, starts: bool) {
        // Only ASCII keys of at most `STACK` bytes come here, and `split` writes at most one
        // byte per byte of an ASCII key.
        if let Some(slot) = self.bytes.get_mut(self.len) {
            *slot = byte;
            if starts {
                self.mark(self.len);
            }
            self.len += 1;
        }
    }
    fn mark(&mut self, at: usize) {
        if let Some(w) = self.starts.get_mut(at / 64) {
            *w |= 1 << (at % 64);
        }
    }
    fn len(&self) -> usize {
        self.len
    }
}

/// Any name, on the heap.
#[derive(Default)]
struct HeapName {
    bytes: Vec<u8>,
    starts: Vec<u64>,
}

impl HeapName {
    /// Room for a name written from `len` bytes (more only where lowercasing grows a char).
    fn with_capacity(len: usize) -> Self {
        HeapName {
            bytes: Vec::with_capacity(len),
            starts: vec![0; len / 64 + 1],
        }
    }
}

impl NameBuf for HeapName {
    fn push(&mut self, byte: u8, starts: bool) {
        let at = self.bytes.len();
        self.bytes.push(byte);
        if starts {
            self.mark(at);
        }
    }
    fn mark(&mut self, at: usize) {
        match self.starts.get_mut(at / 64) {
            Some(w) => *w |= 1 << (at % 64),
            None => {
                self.starts.resize(at / 64 + 1, 0);
                self.starts[at / 64] |= 1 << (at % 64);
            }
        }
    }
    fn len(&self) -> usize {
        self.bytes.len()
    }
}

/// What a char is to [`split`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CharKind {
    /// A space, `_`, `-` or `.`: dropped, and ends a word.
    Separator,
    Upper,
    /// A lowercase letter, or a letter without case.
    Lower,
    /// An ASCII digit.
    Digit,
    /// Anything else: a word of its own.
    Symbol,
}

fn char_kind(c: char) -> CharKind {
    match c {
        ' ' | '_' | '-' | '.' => CharKind::Separator,
        'A'..='Z' => CharKind::Upper,
        'a'..='z' => CharKind::Lower,
        '0'..='9' => CharKind::Digit,
        c if c.is_ascii() => CharKind::Symbol,
        c if c.is_uppercase() => CharKind::Upper,
        c if c.is_alphanumeric() => CharKind::Lower,
        _ => CharKind::Symbol,
    }
}

/// Splits a name into words and writes it lowercased, without separators, into `out`. A word
/// ends at a space, `_`, `-` or `.`, before an uppercase letter that follows a lowercase one
/// (`userPass`), before the last of three or more uppercase letters followed by a lowercase one
/// (`DBPass`, `SSLClientCert`; `OAuth` stays one word), between letters and digits, and
/// around any other symbol.
fn split(key: &str, out: &mut impl NameBuf) {
    let mut state = SplitState::default();
    if key.is_ascii() {
        // Byte by byte, the kinds from a table: long keys cost a few instructions per byte.
        for &b in key.as_bytes() {
            let kind = ASCII_KINDS[usize::from(b & 0x7f)];
            if let Some(starts) = state.step(kind, out) {
                out.push(b.to_ascii_lowercase(), starts);
            }
        }
        return;
    }
    for c in key.chars() {
        let Some(starts) = state.step(char_kind(c), out) else {
            continue;
        };
        let mut first = starts;
        for l in c.to_lowercase() {
            let mut buf = [0u8; 4];
            for &b in l.encode_utf8(&mut buf).as_bytes() {
                out.push(b, first);
                first = false;
            }
        }
    }
}

/// [`char_kind`] of every ASCII char.
static ASCII_KINDS: [CharKind; 128] = {
    let mut table = [CharKind::Symbol; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            b' ' | b'_' | b'-' | b'.' => CharKind::Separator,
            b'A'..=b'Z' => CharKind::Upper,
            b'a'..=b'z' => CharKind::Lower,
            b'0'..=b'9' => CharKind::Digit,
            _ => CharKind::Symbol,
        };
        b += 1;
    }
    table
};

/// Does a char of the second kind start a word after one of the first? After a separator or
/// a symbol, before a symbol, lowercase to uppercase, between digits and letters.
static STARTS: [[bool; 5]; 5] = {
    let kinds = [
        CharKind::Separator,
        CharKind::Upper,
        CharKind::Lower,
        CharKind::Digit,
        CharKind::Symbol,
    ];
    let mut table = [[false; 5]; 5];
    let mut p = 0;
    while p < 5 {
        let mut k = 0;
        while k < 5 {
            use CharKind::*;
            table[kinds[p] as usize][kinds[k] as usize] = matches!(
                (kinds[p], kinds[k]),
                (Separator | Symbol, _)
                    | (_, Symbol)
                    | (Lower, Upper)
                    | (Digit, Upper | Lower)
                    | (Upper | Lower, Digit)
            );
            k += 1;
        }
        p += 1;
    }
    table
};

/// Where [`split`] stands: the kind of the previous char, and the uppercase letters in a row
/// in the current word up to it.
struct SplitState {
    prev: CharKind,
    upper_run: usize,
    /// Where the previous char was written.
    prev_at: usize,
}

impl Default for SplitState {
    fn default() -> Self {
        SplitState {
            prev: CharKind::Separator,
            upper_run: 0,
            prev_at: 0,
        }
    }
}

impl SplitState {
    /// Takes a char of `kind`: `None` when it is dropped (a separator), else whether it starts
    /// a word. Marks the start of the last letter of an acronym before a lowercase letter.
    #[inline]
    fn step(&mut self, kind: CharKind, out: &mut impl NameBuf) -> Option<bool> {
        use CharKind::*;
        if kind == Separator {
            self.prev = Separator;
            self.upper_run = 0;
            return None;
        }
        let starts = STARTS[self.prev as usize][kind as usize];
        if kind == Lower && self.prev == Upper && self.upper_run >= 3 {
            out.mark(self.prev_at);
        }
        self.upper_run = match kind {
            Upper if starts => 1,
            Upper => self.upper_run + 1,
            _ => 0,
        };
        self.prev_at = out.len();
        self.prev = kind;
        Some(starts)
    }
}

/// Does a word start at byte `at` of a name of `len` bytes (the end counts as a start)?
fn starts_at(starts: &[u64], at: usize, len: usize) -> bool {
    at >= len
        || starts
            .get(at / 64)
            .is_some_and(|w| w & (1 << (at % 64)) != 0)
}

/// For each byte, the [`SECRET_WORDS`] that start with it (bit `k` for the `k`-th word).
static FIRST_BYTES: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut k = 0;
    while k < SECRET_WORDS.len() {
        table[SECRET_WORDS[k].0.as_bytes()[0] as usize] |= 1 << k;
        k += 1;
    }
    table
};

/// The first of [`SECRET_WORDS`] (in their order) that `normalized` holds where its
/// [`Place`] says. One pass: a word is compared only where a byte that starts one stands, and
/// its place is checked in constant time, so long keys cost a few instructions per byte.
fn secret_word(normalized: &[u8], starts: &[u64]) -> Option<&'static str> {
    let len = normalized.len();
    // Where the last words end, trailing digits aside.
    let last_end = len
        - normalized
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
    let mut found = 0u64;
    for (i, &b) in normalized.iter().enumerate() {
        let mut starting = FIRST_BYTES[usize::from(b)] & !found;
        while starting != 0 {
            let k = starting.trailing_zeros() as usize;
            starting &= starting - 1;
            let (word, place) = SECRET_WORDS[k];
            // The second byte first: most candidates fail there, without a call to compare.
            // `i` is an index of `normalized`, so `i..` is in bounds.
            if normalized.get(i + 1) == word.as_bytes().get(1)
                && normalized[i..].starts_with(word.as_bytes())
                && placed(normalized, starts, i..i + word.len(), word, place, last_end)
            {
                found |= 1 << k;
            }
        }
    }
    (found != 0).then(|| SECRET_WORDS[found.trailing_zeros() as usize].0)
}

/// Does the secret word `word` at `at` in `normalized` stand where `place` wants it?
fn placed(
    normalized: &[u8],
    starts: &[u64],
    at: Range<usize>,
    word: &str,
    place: Place,
    last_end: usize,
) -> bool {
    let len = normalized.len();
    let is_start = |i: usize| starts_at(starts, i, len);
    match place {
        Place::Anywhere => true,
        Place::WordEnd => {
            if !is_start(at.end) || (at.start + 1..at.end).any(is_start) {
                return false;
            }
            // The word it ends, if it is no longer than the longest English exception.
            let longest = ENGLISH.iter().map(|w| w.len()).max().unwrap_or(0);
            let from = at.end.saturating_sub(longest);
            match (from..=at.start).rev().find(|&i| is_start(i)) {
                Some(s) => !ENGLISH
                    .iter()
                    .any(|w| normalized.get(s..at.end) == Some(w.as_bytes())),
                None => true,
            }
        }
        Place::Word => {
            if !is_start(at.start) || !is_start(at.end) {
                return false;
            }
            if word != "auth" || at.end >= len {
                return true;
            }
            // The next word, if it is no longer than the longest word that describes `auth`.
            let longest = DESCRIBES_AUTH.iter().map(|w| w.len()).max().unwrap_or(0);
            let next_end = (at.end + 1..=(at.end + longest + 1).min(len)).find(|&i| is_start(i));
            match next_end {
                Some(e) => !DESCRIBES_AUTH
                    .iter()
                    .any(|w| normalized.get(at.end..e) == Some(w.as_bytes())),
                None => true,
            }
        }
        Place::Last => is_start(at.start) && at.end == last_end,
    }
}

/// Is `key`'s value secret?
///
/// ```
/// assert!(zoomconn::secrets::is_secret_key("oauth client secret"));
/// assert!(zoomconn::secrets::is_secret_key("APIToken"));
/// assert!(!zoomconn::secrets::is_secret_key("OAuthClientId"));
/// ```
pub fn is_secret_key(key: &str) -> bool {
    classify_key(key).is_some()
}

/// Is `key` exactly a known property name or alias?
pub(crate) fn is_known(key: &str) -> bool {
    registry::lookup(key).is_some()
}

/// A secret name inside a text: a name whose value is secret ([`classify_key`]) followed by
/// `=`, `:` or white space — where a `;` or `=` was probably forgotten.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mention<'a> {
    /// Byte offset of the name in the text.
    pub start: usize,
    /// The name as written.
    pub name: &'a str,
    /// Byte offset where the secret text may start: after the name and the separator.
    pub secret_from: usize,
}

/// Characters of a name inside a text.
fn name_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')
}

/// Can a secret follow after this byte: `=`, `:` or ASCII white space?
fn is_separator(c: u8) -> bool {
    c == b'=' || c == b':' || c.is_ascii_whitespace()
}

/// The first secret name in `text` followed by `=`, `:` or white space ([`Mention`]). A name
/// may be several words (`API Key=…`, `OAuth Client Secret:…`): the last word, and the last
/// two to four words together, are each asked.
///
/// Linear: each name is looked at once (with at most three words before it), and only names
/// before such a separator are classified.
pub(crate) fn first_mention(text: &str) -> Option<Mention<'_>> {
    let b = text.as_bytes();
    // Most keys and values have no separator at all.
    if !b.iter().any(|&c| is_separator(c)) {
        return None;
    }
    // Starts of the last words, separated by single spaces, before the current one.
    let mut words: [usize; 3] = [0; 3];
    let mut count = 0;
    let mut i = 0;
    while i < b.len() {
        if !name_char(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && name_char(b[i]) {
            i += 1;
        }
        let &sep = b.get(i)?;
        if is_separator(sep) {
            // `start..i` and the words before it hold ASCII name bytes and spaces only: char
            // boundaries on both sides.
            let phrases = std::iter::once(start).chain(words.iter().take(count).copied());
            // The name and the word after it (`Auth Scheme`): a known property that is not
            // secret, whose first word alone reads as a secret word.
            let next_end = (sep == b' ')
                .then(|| {
                    let mut j = i + 1;
                    while j < b.len() && name_char(b[j]) {
                        j += 1;
                    }
                    j
                })
                .filter(|&j| j > i + 1);
            for from in phrases {
                let name = text.get(from..i).unwrap_or_default();
                let longer = next_end.and_then(|j| text.get(from..j));
                if longer.is_some_and(|l| is_known(l) && classify_key(l).is_none()) {
                    continue;
                }
                if classify_key(name).is_some() {
                    return Some(Mention {
                        start: from,
                        name,
                        secret_from: i + 1,
                    });
                }
            }
        }
        // The next name continues the phrase only after a single space.
        if sep == b' ' && b.get(i + 1).is_some_and(|&c| name_char(c)) {
            words = [start, words[0], words[1]];
            count = (count + 1).min(words.len());
        } else {
            count = 0;
        }
    }
    None
}

/// Credentials inside any text, whatever its key says: PEM blocks ([`pem_blocks`]) and the
/// user information of URLs and of `user:password@host` ([`user_info`]). Unsorted; they may
/// overlap.
pub(crate) fn embedded(text: &str) -> Vec<Range<usize>> {
    let mut out = user_info(text);
    out.extend(pem_blocks(text));
    out
}

/// Where a PEM block starts: `-----BEGIN` (any label: a private key, a certificate, …).
const PEM_BEGIN: &str = "-----BEGIN";
/// Where its last line starts.
const PEM_END: &str = "-----END";

/// The first `marker` (five dashes and a word, ASCII case ignored) in `text` at or after
/// `from`.
fn find_marker(text: &str, mut from: usize, marker: &str) -> Option<usize> {
    let b = text.as_bytes();
    while let Some(d) = text.get(from..).and_then(|rest| rest.find("-----")) {
        let at = from + d;
        if b.get(at..at + marker.len())
            .is_some_and(|m| m.eq_ignore_ascii_case(marker.as_bytes()))
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The PEM blocks of `text` (`-----BEGIN PRIVATE KEY-----…-----END PRIVATE KEY-----`): each
/// from its `-----BEGIN` to the dashes that close its `-----END` line — or, without them, to
/// the end of that line, and without an `-----END`, to the end of the text.
///
/// Linear: the text is searched once, from each block's end on.
pub(crate) fn pem_blocks(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = find_marker(text, from, PEM_BEGIN) {
        let end = match find_marker(text, at + PEM_BEGIN.len(), PEM_END) {
            None => text.len(),
            Some(e) => {
                let label = e + PEM_END.len();
                let line_end = b[label..]
                    .iter()
                    .position(|&c| c == b'\n' || c == b'\r')
                    .map_or(text.len(), |n| label + n);
                match text.get(label..line_end).and_then(|l| l.find("-----")) {
                    // Another block starts on the same line: this one ends before it.
                    Some(d) if find_marker(text, label + d, PEM_BEGIN) == Some(label + d) => {
                        label + d
                    }
                    Some(d) => {
                        let dashes = b[label + d..].iter().take_while(|&&c| c == b'-').count();
                        label + d + dashes
                    }
                    None => line_end,
                }
            }
        };
        out.push(at..end);
        from = end.max(at + 1);
    }
    out
}

/// Bytes that end an authority (`user:password@host`) in a text.
fn ends_authority(b: u8) -> bool {
    b.is_ascii_whitespace()
        || matches!(
            b,
            b';' | b'"'
                | b'\''
                | b'/'
                | b'?'
                | b'#'
                | b','
                | b'<'
                | b'>'
                | b'('
                | b')'
                | b'['
                | b']'
                | b'{'
                | b'}'
                | b'|'
                | b'\\'
                | b'`'
        )
}

/// The user information of authorities in `text`: in a URL (after `//`:
/// `https://user:password@host`, `https://<token>@host`), all of it — the user name may be a
/// token; elsewhere (`admin:hunter2@db.example.com:5432`), the text between the first `:` and
/// the last `@`. An e-mail address (`user@host`, no `:`) is not masked.
///
/// Linear: each authority is looked at once.
pub(crate) fn user_info(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    if !b.contains(&b'@') {
        return out;
    }
    let mut i = 0;
    while i < b.len() {
        if ends_authority(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let (mut at, mut colon) = (None, None);
        while i < b.len() && !ends_authority(b[i]) {
            match b[i] {
                b'@' => at = Some(i),
                b':' if colon.is_none() => colon = Some(i),
                _ => {}
            }
            i += 1;
        }
        // `start`, the `:` and the `@` are ASCII bytes: char boundaries.
        let Some(at) = at else { continue };
        if start >= 2 && b.get(start - 2..start) == Some(b"//") {
            out.push(start..at);
        } else if let Some(c) = colon.filter(|&c| c < at) {
            out.push(c + 1..at);
        }
    }
    out
}

/// Does `text` name a secret anywhere (a name [`classify_key`] calls secret, or up to four
/// words together, wherever they stand), or hold a PEM block? What cannot be parsed is masked when it does.
pub(crate) fn mentions_secret(text: &str) -> bool {
    if find_marker(text, 0, PEM_BEGIN).is_some() {
        return true;
    }
    let b = text.as_bytes();
    let mut words: [usize; 3] = [0; 3];
    let mut count = 0;
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        // A name may hold `_`, `.` and `-` (`SSL.Client.Cert`, `x-api-key`).
        while i < b.len() && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'_' | b'.' | b'-')) {
            i += 1;
        }
        // `start..i` and the words before it are ASCII: char boundaries.
        let phrases = std::iter::once(start).chain(words.iter().take(count).copied());
        for from in phrases {
            if classify_key(text.get(from..i).unwrap_or_default()).is_some() {
                return true;
            }
        }
        if b.get(i) == Some(&b' ') && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) {
            words = [start, words[0], words[1]];
            count = (count + 1).min(words.len());
        } else {
            count = 0;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The plain twin of [`split`]: the name cut into its words, one rule at a time.
    fn plain_words(key: &str) -> Vec<String> {
        let mut words = Vec::new();
        // 1. Separators end words.
        for part in key.split([' ', '_', '-', '.']) {
            // 2. Runs of the same kind of char; a symbol is a word of its own.
            let mut runs: Vec<(CharKind, String)> = Vec::new();
            for c in part.chars() {
                let kind = char_kind(c);
                match runs.last_mut() {
                    Some((k, run)) if *k == kind && kind != CharKind::Symbol => run.push(c),
                    _ => runs.push((kind, c.to_string())),
                }
            }
            // 3. An uppercase run joins the lowercase run after it (`Pass`, `OAuth`), but for
            //    an acronym of two or more letters before the last (`DB` + `Pass`).
            let mut i = 0;
            while i < runs.len() {
                let (kind, run) = &runs[i];
                let next_lower = runs.get(i + 1).is_some_and(|(k, _)| *k == CharKind::Lower);
                if *kind == CharKind::Upper && next_lower {
                    let n = run.chars().count();
                    let lower = &runs[i + 1].1;
                    if n >= 3 {
                        let cut = run.char_indices().last().map_or(0, |(at, _)| at);
                        words.push(run[..cut].to_owned());
                        words.push(format!("{}{lower}", &run[cut..]));
                    } else {
                        words.push(format!("{run}{lower}"));
                    }
                    i += 2;
                } else {
                    words.push(run.clone());
                    i += 1;
                }
            }
        }
        words
            .into_iter()
            .map(|w| w.chars().flat_map(char::to_lowercase).collect())
            .collect()
    }

    /// The plain twin of [`secret_word`]: each word in turn, its place checked on the list of
    /// words.
    fn plain_secret_word(key: &str) -> Option<&'static str> {
        let words = plain_words(key);
        let joined = words.concat();
        let digits = words
            .iter()
            .rev()
            .take_while(|w| w.bytes().all(|b| b.is_ascii_digit()))
            .count();
        let last = words.len() - digits;
        SECRET_WORDS
            .iter()
            .find(|&&(word, place)| match place {
                Place::Anywhere => joined.contains(word),
                Place::WordEnd => words
                    .iter()
                    .any(|w| w.ends_with(word) && !ENGLISH.contains(&w.as_str())),
                Place::Word => (0..words.len()).any(|i| {
                    (i..=words.len()).any(|j| {
                        words[i..j].concat() == word
                            && !(word == "auth"
                                && words
                                    .get(j)
                                    .is_some_and(|n| DESCRIBES_AUTH.contains(&n.as_str())))
                    })
                }),
                Place::Last => (0..last).any(|i| words[i..last].concat() == word),
            })
            .map(|&(word, _)| word)
    }

    /// [`split`] and [`secret_word`] of `key`, as [`unknown`] runs them.
    fn fast(key: &str) -> (Vec<String>, Option<&'static str>) {
        let mut name = HeapName::default();
        split(key, &mut name);
        let len = name.bytes.len();
        let mut words = Vec::new();
        let mut from = 0;
        for i in 1..=len {
            if starts_at(&name.starts, i, len) {
                words.push(String::from_utf8_lossy(&name.bytes[from..i]).into_owned());
                from = i;
            }
        }
        let found = secret_word(&name.bytes, &name.starts);
        (words, found)
    }

    proptest! {
        /// The one-pass search finds what searching for each word in turn, on the plain list
        /// of words, finds; and the split is the plain split.
        #[test]
        fn secret_word_is_its_plain_twin(
            parts in proptest::collection::vec(
                prop_oneof![
                    prop::sample::select(vec![
                        "secret", "token", "pwd", "passw", "apike", "credential", "Pass", "PASS",
                        "pass", "Pw", "PW", "psk", "SAS", "Sas", "sasl", "Key", "KEY", "key", "keys",
                        "Auth", "auth", "OAuth", "scheme", "Type", "client", "Client", "Cert",
                        "JWT", "jwt", "creds", "Cred", "bypass", "Compass", "monkey", "DB", "SSL",
                        "Shared", "access", "App", "Passphrase", "signature", "encryption",
                    ])
                    .prop_map(str::to_owned),
                    prop::sample::select(vec!["_", "-", ".", " ", "/", "1", "42", "é", "Ä"])
                        .prop_map(str::to_owned),
                    "[a-zA-Z0-9]{0,5}",
                ],
                0..8,
            ),
        ) {
            let key = parts.concat();
            let (words, found) = fast(&key);
            prop_assert_eq!(&words, &plain_words(&key), "{:?}", key);
            prop_assert_eq!(found, plain_secret_word(&key), "{:?}", key);
        }
    }

    #[test]
    fn keys_table() {
        use Secrecy::*;
        for (key, want) in [
            (
                "OAuthClientSecret",
                Some(Property(PropertyId::OAuthClientSecret)),
            ),
            (
                "oauth client secret",
                Some(Property(PropertyId::OAuthClientSecret)),
            ),
            ("RTK", Some(Property(PropertyId::Rtk))),
            (
                "OAuthClientSecrte",
                Some(NearMiss(PropertyId::OAuthClientSecret)),
            ),
            ("Pasword", Some(NearMiss(PropertyId::Password))),
            // A misspelt name ending a key: the text of a forgotten `;` before it.
            ("k1 Pasword", Some(NearMiss(PropertyId::Password))),
            (
                "Scope x_y OAuthClientSecrte",
                Some(NearMiss(PropertyId::OAuthClientSecret)),
            ),
            ("a:Pasword", Some(NearMiss(PropertyId::Password))),
            ("Pasword Policy", None),
            ("k1 Record", None),
            ("ProxyPasswd", Some(Word("passwd"))),
            ("OAuthAccesToken", Some(Word("token"))),
            ("OAuth_Client_Secret", Some(Word("secret"))),
            ("ClientSecret", Some(Word("secret"))),
            ("RefreshToken", Some(Word("token"))),
            ("APIKey", Some(Word("apikey"))),
            ("API Token", Some(Word("token"))),
            ("db_pwd", Some(Word("pwd"))),
            ("OAuthTokenTimestamp", None),
            ("OAuthClientId", None),
            ("Profile", None),
            ("Scope", None),
            ("a", None),
            ("Region", None),
            ("AccountId", None),
            // Words by where they stand.
            ("DB_PASS", Some(Word("pass"))),
            ("DBPASS", Some(Word("pass"))),
            ("UserPass", Some(Word("pass"))),
            ("db-pw", Some(Word("pw"))),
            ("KeyPassphrase", Some(Word("passphrase"))),
            ("SharedAccessSignature", Some(Word("signature"))),
            ("SAS", Some(Word("sas"))),
            ("CLIENTKEY", Some(Word("clientkey"))),
            ("client.key", Some(Word("clientkey"))),
            ("x-api-key", Some(Word("apikey"))),
            ("OAuthJWTCert", Some(Word("jwt"))),
            ("SSLClientCert", Some(Word("clientcert"))),
            ("BasicAuth", Some(Word("auth"))),
            ("Key", Some(Word("key"))),
            ("SortKey2", Some(Word("key"))),
            ("Monkey", None),
            ("Keys", None),
            ("KeyColumns", None),
            ("Keyboard", None),
            ("Passenger", None),
            ("Passive", None),
            ("Compass", None),
            ("BypassProxy", None),
            ("Pathway", None),
            ("SASL", None),
            ("AuthType", None),
            ("auth_scheme", None),
            ("oauth_token_timestamp", None),
            ("SSLClientCertType", None),
        ] {
            assert_eq!(classify_key(key), want, "{key}");
        }
    }

    #[test]
    fn user_info_table() {
        for (text, want) in [
            ("http://user:pw@host/x", vec!["user:pw"]),
            ("http://user:p:w@host", vec!["user:p:w"]),
            ("https://host:8080/x", vec![]),
            ("http://user@host", vec!["user"]),
            (
                "https://ghp_abcdefghijklmnop1234@github.com",
                vec!["ghp_abcdefghijklmnop1234"],
            ),
            ("a http://u:1@h b ftp://v:2@k", vec!["u:1", "v:2"]),
            ("http://u:1/path@x", vec![]),
            ("://:@", vec![":"]),
            ("admin:hunter2@db.example.com:5432", vec!["hunter2"]),
            ("Server=tcp:admin:p@ss@db:1433", vec!["admin:p@ss"]),
            ("x admin:hunter2@[::1]:5432/db", vec!["hunter2"]),
            ("user@example.com", vec![]),
            ("git@github.com:org/repo.git", vec![]),
            ("meeting:read user:read", vec![]),
            ("no url", vec![]),
        ] {
            let got: Vec<&str> = user_info(text).into_iter().map(|r| &text[r]).collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn pem_blocks_table() {
        for (text, want) in [
            (
                "a -----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY----- b",
                vec!["-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----"],
            ),
            (
                "-----BEGIN CERTIFICATE-----MIIC-----END CERTIFICATE-----",
                vec!["-----BEGIN CERTIFICATE-----MIIC-----END CERTIFICATE-----"],
            ),
            (
                "x -----BEGIN RSA PRIVATE KEY-----\nMIIE",
                vec!["-----BEGIN RSA PRIVATE KEY-----\nMIIE"],
            ),
            (
                "-----begin x-----a-----END x\nrest",
                vec!["-----begin x-----a-----END x"],
            ),
            (
                "-----BEGIN A-----1-----END A -----BEGIN B-----2",
                vec!["-----BEGIN A-----1-----END A ", "-----BEGIN B-----2"],
            ),
            ("----- BEGIN", vec![]),
            ("------------", vec![]),
            ("no pem", vec![]),
        ] {
            let got: Vec<&str> = pem_blocks(text).into_iter().map(|r| &text[r]).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn mentions_table() {
        for (text, want) in [
            (
                "OAuth OAuthClientSecret=abc",
                Some(("OAuthClientSecret", 24)),
            ),
            ("60 Password=x", Some(("Password", 12))),
            (
                "OAuthClientSecret:abc;OAuthAccessToken",
                Some(("OAuthClientSecret", 18)),
            ),
            ("http://localhost:33333", None),
            (
                "Zoom.apip OAuthClientSecret abc",
                Some(("OAuthClientSecret", 28)),
            ),
            ("meeting:read user:read", None),
            ("Password", None),
            ("OAuth API Key=abc", Some(("Key", 14))),
            ("x OAuth Client Secret:abc", Some(("Secret", 22))),
            ("a b c d", None),
            // A spaced property name whose first word alone is a secret word.
            ("`Auth Scheme` is an old spaced name", None),
            ("Auth Scheme=OAuth Password=x", Some(("Password", 27))),
        ] {
            let got = first_mention(text).map(|m| (m.name, m.secret_from));
            assert_eq!(got, want, "{text:?}");
        }
    }
}
