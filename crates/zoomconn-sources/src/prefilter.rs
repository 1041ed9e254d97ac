//! The one prefilter: can a file hold a CData connection string? One case-insensitive
//! multi-literal scan (`aho-corasick`) over its raw bytes for the words every CData string,
//! or every file whose evidence makes one, holds. A file without any is not parsed.
//!
//! What [`classify`](super::classify) accepts always holds one of: `jdbc:` (a JDBC prefix),
//! `cdata` (`jdbc:cdata:`, `Driver={CData …}`, a DSN naming CData, every piece of a file's
//! evidence), `apip` (`Profile=….apip`), or a property name only CData's registry has (every
//! distinctive name and spaced alias of [`zoomconn::registry`]). The scan looks for a short
//! set of words that covers these: a name holding another word of the set (`OAuthClientId`
//! holds `oauth`) needs no pattern of its own. The bytes are searched as they are in the file:
//! UTF-8 and the legacy single-byte encodings spell these ASCII words the same way; a UTF-16
//! file is searched once decoded.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

/// The words searched for: every anchor of a CData string, reduced to those no other word
/// of the set is part of.
pub(crate) fn vocabulary() -> Vec<String> {
    let mut words: Vec<String> = ["jdbc:", "cdata", "apip", "oauth", "proxy", "firewall"]
        .map(str::to_owned)
        .to_vec();
    for p in zoomconn::registry::PROPERTIES {
        if super::classify::GENERIC.contains(&p.name) || p.name == "Profile" {
            continue;
        }
        words.push(p.name.to_ascii_lowercase());
        words.extend(p.aliases.iter().map(|a| a.to_ascii_lowercase()));
    }
    words.sort();
    words.dedup();
    let reduced: Vec<String> = words
        .iter()
        .filter(|w| !words.iter().any(|o| o != *w && w.contains(o.as_str())))
        .cloned()
        .collect();
    reduced
}

static SCAN: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(vocabulary())
        .ok()
});

/// Can `bytes` (a file's raw bytes, or its text) hold a CData connection string? `false`
/// means that no reader would find one in it, so it need not be read; strings picked by name
/// (`--var`) are another matter.
///
/// ```
/// assert!(zoomconn_sources::may_hold_cdata("x = 'initiateoauth=OFF'"));
/// assert!(zoomconn_sources::may_hold_cdata(b"Profile=Zoom.APIP".as_slice()));
/// assert!(!zoomconn_sources::may_hold_cdata("Server=db;Password=x;Description=profile"));
/// ```
pub fn may_hold_cdata(bytes: impl AsRef<[u8]>) -> bool {
    let bytes = bytes.as_ref();
    if is_utf16(bytes) {
        return true;
    }
    SCAN.as_ref().is_none_or(|s| s.is_match(bytes))
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
    fn vocabulary_is_small_and_covers_the_anchors() {
        let v = super::vocabulary();
        assert!(v.len() < 40, "{v:?}");
        for p in zoomconn::registry::PROPERTIES {
            if crate::classify::GENERIC.contains(&p.name) || p.name == "Profile" {
                continue;
            }
            for w in std::iter::once(&p.name).chain(p.aliases) {
                let w = w.to_ascii_lowercase();
                assert!(v.iter().any(|x| w.contains(x.as_str())), "{w}");
            }
        }
    }
}
