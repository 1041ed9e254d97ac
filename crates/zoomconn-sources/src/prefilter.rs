//! The one prefilter: can a file hold a CData connection string? One case-insensitive
//! multi-literal scan (`aho-corasick`) over its raw bytes for the words every CData string,
//! or every file whose evidence makes one, holds. A file without any is not parsed.
//!
//! What [`classify`](super::classify) accepts always holds one of the strong words `jdbc:`
//! (a JDBC prefix), `cdata` (`jdbc:cdata:`, `Driver={CData …}`, a DSN naming CData, every
//! piece of a file's evidence) or `.apip` (`Profile=….apip`), or else two property names only
//! CData's registry has (every distinctive name and spaced alias of [`zoomconn::registry`]):
//! a file passes with one strong word or two others. The scan looks for a short set of words
//! that covers these: a name holding another word of the set (`OAuthClientId` holds `oauth`)
//! needs no pattern of its own. The bytes are searched as they are in the file:
//! UTF-8 and the legacy single-byte encodings spell these ASCII words the same way; a UTF-16
//! file is searched once decoded.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

/// The words searched for: every anchor of a CData string, reduced to those no other word
/// of the set is part of.
pub(crate) fn vocabulary() -> Vec<String> {
    let mut words: Vec<String> = vec!["oauth".to_owned()];
    for p in zoomconn::registry::PROPERTIES {
        if super::classify::GENERIC.contains(&p.name) || p.name == "Profile" {
            continue;
        }
        words.push(p.name.to_ascii_lowercase());
        words.extend(p.aliases.iter().map(|a| a.to_ascii_lowercase()));
    }
    words.sort();
    words.dedup();
    // A part of a word is found wherever the word is: words whose first letters are common
    // in code (`use…`, `max…`, `log…`, `ver…`) are searched by a part that starts with rarer
    // ones, so that the SIMD searcher, which looks at the first three bytes of each word,
    // stops at fewer places.
    let mut parts: Vec<String> = words
        .iter()
        .map(|w| match RARER.iter().find(|p| w.contains(*p)) {
            Some(p) => (*p).to_owned(),
            // `oxyserver`, `rewall port`: `pro…` and `fir…` start many words of code.
            None if w.starts_with("proxy") || w.starts_with("firewall") => {
                w.get(2..).unwrap_or(w).to_owned()
            }
            None => w.clone(),
        })
        .collect();
    parts.sort();
    parts.dedup();
    parts
        .iter()
        .filter(|w| !parts.iter().any(|o| o != *w && w.contains(o.as_str())))
        .cloned()
        .collect()
}

/// Parts of words searched in their place (see [`vocabulary`]).
const RARER: &[&str] = &[
    "hscheme",
    "ableschemas",
    "able schemas",
    "eudocolumns",
    "eudo columns",
    "backurl",
    "back url",
    "gmodules",
    "g modules",
    "xlogfile",
    "x log file",
    "rbosity",
    "ofilesettings",
    "ofile settings",
    "sl server",
    "slserver",
    "npooling",
    "n pooling",
    "dviews",
    "d views",
];

/// The words, lowercase, searched case-sensitively in lowercased bytes: a case-sensitive
/// searcher of a few dozen words runs on `aho-corasick`'s SIMD prefilter (Teddy), several
/// times faster than its case-insensitive automaton, and lowercasing a chunk costs little.
static SCAN: LazyLock<Option<(AhoCorasick, usize, usize)>> = LazyLock::new(|| {
    let mut words: Vec<String> = STRONG.map(str::to_owned).to_vec();
    words.extend(vocabulary());
    let longest = words.iter().map(String::len).max().unwrap_or(0);
    let rtk = words.iter().position(|w| w == "rtk").unwrap_or(usize::MAX);
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(words)
        .ok()
        .map(|s| (s, longest, rtk))
});

/// Is `bytes[start..end]` a word of its own: no letter or digit right before it (but the
/// letter of a backslash escape, `\nRTK=`) or right after it? The ends of a chunk count as
/// word ends.
fn is_word(bytes: &[u8], start: usize, end: usize) -> bool {
    let alnum = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_alphanumeric);
    let before = start == 0
        || !alnum(start - 1)
        || start.checked_sub(2).and_then(|i| bytes.get(i)) == Some(&b'\\');
    before && !alnum(end)
}

/// Words one of which makes a file pass alone; they come first in [`SCAN`]'s patterns.
const STRONG: [&str; 3] = ["jdbc:", "cdata", ".apip"];

/// Bytes lowercased and searched at a time.
const CHUNK: usize = 64 << 10;

/// Can `bytes` (a file's raw bytes, or its text) hold a CData connection string? `false`
/// means that no reader would find one in it, so it need not be read; strings picked by name
/// (`--var`) are another matter.
///
/// ```
/// assert!(zoomconn_sources::may_hold_cdata("x = 'initiateoauth=OFF;OAuthAccessToken=t'"));
/// assert!(zoomconn_sources::may_hold_cdata(b"Profile=Zoom.APIP".as_slice()));
/// // One property name of the registry, and no `jdbc:`, `cdata` or `.apip`: no string.
/// assert!(!zoomconn_sources::may_hold_cdata("proxy_set_header Host $host;"));
/// assert!(!zoomconn_sources::may_hold_cdata("Server=db;Password=x;Description=profile"));
/// ```
pub fn may_hold_cdata(bytes: impl AsRef<[u8]>) -> bool {
    let bytes = bytes.as_ref();
    if is_utf16(bytes) {
        return true;
    }
    let Some((scan, longest, rtk)) = SCAN.as_ref() else {
        return true;
    };
    LOWER.with(|lower| {
        let mut lower = lower.borrow_mut();
        let mut weak = 0;
        let mut at = 0;
        while at < bytes.len() {
            // Each chunk overlaps the one before by a word less one byte: no word is cut.
            let from = at.saturating_sub(longest.saturating_sub(1));
            let to = (at + CHUNK).min(bytes.len());
            lower.clear();
            let chunk = bytes.get(from..to).unwrap_or_default();
            lower.extend(chunk.iter().map(u8::to_ascii_lowercase));
            for m in scan.find_iter(lower.as_slice()) {
                // A word that ends in the overlap was counted with the chunk before.
                if from < at && m.end() <= at - from {
                    continue;
                }
                if m.pattern().as_usize() < STRONG.len() {
                    return true;
                }
                if m.pattern().as_usize() == *rtk && !is_word(&lower, m.start(), m.end()) {
                    // `rtk` inside a word or a base64 hash (`…ArtKz…`) is no property name.
                    continue;
                }
                weak += 1;
                if weak >= 2 {
                    return true;
                }
            }
            at = to;
        }
        false
    })
}

thread_local! {
    /// The lowercased chunk, kept from file to file.
    static LOWER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// UTF-16 by its byte-order mark, or an XML declaration in UTF-16: the words are not
/// searchable in the raw bytes.
pub(crate) fn is_utf16(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xff\xfe")
        || bytes.starts_with(b"\xfe\xff")
        || bytes.starts_with(b"<\0?\0")
        || bytes.starts_with(b"\0<\0?")
}

#[cfg(test)]
mod tests {
    #[test]
    fn rtk_is_a_word() {
        assert!(super::may_hold_cdata("RTK=abc;Verbosity=3"));
        assert!(super::may_hold_cdata("a=1;\\nRTK=abc;Verbosity=3"));
        assert!(!super::may_hold_cdata("sha512-ArTkz0;Verbosity=3"));
    }

    /// Words cut by a chunk's end are found: the chunks overlap.
    #[test]
    fn words_across_chunks() {
        for at in [
            super::CHUNK - 3,
            super::CHUNK - 1,
            super::CHUNK,
            2 * super::CHUNK - 5,
        ] {
            let mut text = vec![b'x'; 3 * super::CHUNK];
            text[at..at + 10].copy_from_slice(b"OAuthToken");
            assert!(!super::may_hold_cdata(&text), "{at}");
            text[at + 10..at + 21].copy_from_slice(b";ProxyPort=");
            assert!(super::may_hold_cdata(&text), "{at}");
            let mut text = vec![b'x'; 3 * super::CHUNK];
            text[at..at + 5].copy_from_slice(b"CData");
            assert!(super::may_hold_cdata(&text), "{at}");
        }
        assert!(!super::may_hold_cdata(vec![b'x'; 3 * super::CHUNK]));
    }

    #[test]
    fn vocabulary_is_small_and_covers_the_anchors() {
        let v = super::vocabulary();
        assert!(v.len() < 60, "{v:?}");
        for p in zoomconn::registry::PROPERTIES {
            if crate::classify::GENERIC.contains(&p.name) || p.name == "Profile" {
                continue;
            }
            assert!(v.iter().all(|x| !super::STRONG.contains(&x.as_str())));
            for w in std::iter::once(&p.name).chain(p.aliases) {
                let w = w.to_ascii_lowercase();
                assert!(v.iter().any(|x| w.contains(x.as_str())), "{w}");
            }
        }
    }
}
