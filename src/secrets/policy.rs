//! Which names are secret: the decision every other part of the crate asks for.
//!
//! A key's value is secret when the key is
//!
//! 1. a secret property of the registry or one of its spaced aliases (`OAuthClientSecret`,
//!    `OAuth Client Secret`, `Password`, `RTK`, …);
//! 2. not a known property, and a near miss of a secret name (`OAuthClientSecrte`, `Pasword`,
//!    `OAuth_Client_Secret`) — within the edit distance that typo suggestions use;
//! 3. not a known property, and holds a secret word (`secret`, `verifier`, `token`,
//!    `password`, `passwd`, `pwd`, `apikey`, `api token`, `accesskey`, `privatekey`,
//!    `credential`), ignoring case, spaces, `_` and `-` (`ClientSecret`, `RefreshToken`,
//!    `ProxyPasswd`, `APIKey`, `CodeVerifier`).
//!
//! Known properties that are not secret (`OAuthTokenTimestamp`, `OAuthClientId`) are never
//! secret by rules 2 and 3.

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

/// Words that make a key's value secret, normalized (lowercase, no spaces, `_` or `-`).
const SECRET_WORDS: &[&str] = &[
    "secret",
    "verifier",
    "token",
    "password",
    "passwd",
    "pwd",
    "apikey",
    "accesskey",
    "privatekey",
    "credential",
    "authorization",
    "bearer",
    "cookie",
];

/// Keys longer than this are normalized on the heap; shorter ASCII keys on the stack.
const STACK: usize = 64;

/// Why `key`'s value is secret, or `None` when it is not.
///
/// ```
/// use zoomconn::secrets::classify_key;
/// assert!(classify_key("ProxyPasswd").is_some());
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
        let mut buf = [0u8; STACK];
        let mut n = 0;
        for &b in key.as_bytes() {
            if !matches!(b, b' ' | b'_' | b'-') {
                buf[n] = b.to_ascii_lowercase();
                n += 1;
            }
        }
        unknown_key(key, buf.get(..n).unwrap_or_default())
    } else {
        let normalized = registry::normalized(key);
        unknown_key(key, normalized.as_bytes())
    }
}

/// [`classify_key`] of a key that is not a known property; `normalized` is the key lowercased
/// without spaces, `_` and `-`.
fn unknown_key(key: &str, normalized: &[u8]) -> Option<Secrecy> {
    if let Some(word) = secret_word(normalized) {
        return Some(Secrecy::Word(word));
    }
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
    let near = SECRET_NAMES.nearest(key)?;
    let m = registry::lookup(near)?;
    Some(Secrecy::NearMiss(m.property.id))
}

/// For each byte, the [`SECRET_WORDS`] that start with it (bit `k` for the `k`-th word).
static FIRST_BYTES: [u16; 256] = {
    let mut table = [0u16; 256];
    let mut k = 0;
    while k < SECRET_WORDS.len() {
        table[SECRET_WORDS[k].as_bytes()[0] as usize] |= 1 << k;
        k += 1;
    }
    table
};

/// The first of [`SECRET_WORDS`] (in their order) that `normalized` contains. One pass: a word
/// is compared only where a byte that starts one stands, so long keys cost a few instructions
/// per byte.
fn secret_word(normalized: &[u8]) -> Option<&'static str> {
    let mut found = 0u16;
    for (i, &b) in normalized.iter().enumerate() {
        let mut starting = FIRST_BYTES[usize::from(b)] & !found;
        while starting != 0 {
            let k = starting.trailing_zeros() as usize;
            starting &= starting - 1;
            // `i` is an index of `normalized`, so `i..` is in bounds.
            if normalized[i..].starts_with(SECRET_WORDS[k].as_bytes()) {
                found |= 1 << k;
            }
        }
    }
    (found != 0).then(|| SECRET_WORDS[found.trailing_zeros() as usize])
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
            for from in phrases {
                let name = text.get(from..i).unwrap_or_default();
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

/// The passwords of URLs' user information in `text` (`https://user:password@host/`): the
/// text between the `:` after the user name and the `@` before the host, for every `://`.
///
/// Linear: each authority is looked at once.
pub(crate) fn url_passwords(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = text.get(from..).and_then(|rest| rest.find("://")) {
        let start = from + at + 3;
        let rest = text.get(start..).unwrap_or_default();
        let len = rest
            .find(|c: char| matches!(c, '/' | '?' | '#' | ';' | '"' | '\'') || c.is_whitespace())
            .unwrap_or(rest.len());
        // `len` and the positions below are where `find` saw ASCII chars: char boundaries.
        let authority = &rest[..len];
        if let Some(user_end) = authority.rfind('@')
            && let Some(colon) = authority[..user_end].find(':')
        {
            out.push(start + colon + 1..start + user_end);
        }
        from = start + len;
    }
    out
}

/// Does `text` name a secret anywhere (a name [`classify_key`] calls secret, or up to four
/// words together, wherever they stand)? What cannot be parsed is masked when it does.
pub(crate) fn mentions_secret(text: &str) -> bool {
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
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
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

    proptest! {
        /// The one-pass search finds what searching for each word in turn finds.
        #[test]
        fn secret_word_is_its_plain_twin(
            parts in proptest::collection::vec(
                prop_oneof![
                    prop::sample::select(vec!["secret", "token", "pwd", "passw", "apike", "credential"])
                        .prop_map(str::to_owned),
                    "[a-z]{0,6}",
                ],
                0..8,
            ),
        ) {
            let text = parts.concat();
            let plain = SECRET_WORDS
                .iter()
                .copied()
                .find(|w| text.as_bytes().windows(w.len()).any(|x| x == w.as_bytes()));
            prop_assert_eq!(secret_word(text.as_bytes()), plain, "{:?}", text);
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
        ] {
            assert_eq!(classify_key(key), want, "{key}");
        }
    }

    #[test]
    fn url_passwords_table() {
        for (text, want) in [
            ("http://user:pw@host/x", vec!["pw"]),
            ("http://user:p:w@host", vec!["p:w"]),
            ("https://host:8080/x", vec![]),
            ("http://user@host", vec![]),
            ("a http://u:1@h b ftp://v:2@k", vec!["1", "2"]),
            ("http://u:1/path@x", vec![]),
            ("://:@", vec![""]),
            ("no url", vec![]),
        ] {
            let got: Vec<&str> = url_passwords(text).into_iter().map(|r| &text[r]).collect();
            assert_eq!(got, want, "{text}");
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
            ("OAuth API Key=abc", Some(("API Key", 14))),
            ("x OAuth Client Secret:abc", Some(("Secret", 22))),
            ("a b c d", None),
        ] {
            let got = first_mention(text).map(|m| (m.name, m.secret_from));
            assert_eq!(got, want, "{text:?}");
        }
    }
}
