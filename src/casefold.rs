//! Case-insensitive key comparison and hashing (SPEC §2.7).
//!
//! ASCII keys take a fast path. Other keys compare by the Unicode lowercase mapping of each
//! char ([`char::to_lowercase`]), which agrees with simple case folding for the characters
//! connection-string keys use in practice (`ẞ` = `ß`, `Ω` = `ω`; `İ` ≠ `i`).

use std::hash::Hasher;

/// Are `a` and `b` equal ignoring case?
///
/// ```
/// assert!(zoomconn::eq_ignore_case("OAuthClientId", "oauthclientid"));
/// assert!(zoomconn::eq_ignore_case("ẞ", "ß"));
/// assert!(!zoomconn::eq_ignore_case("İ", "i"));
/// ```
#[inline]
pub fn eq_ignore_case(a: &str, b: &str) -> bool {
    if a.len() == b.len() && a.as_bytes().eq_ignore_ascii_case(b.as_bytes()) {
        return true;
    }
    if a.is_ascii() && b.is_ascii() {
        return false;
    }
    a.chars().flat_map(char::to_lowercase).eq(b.chars().flat_map(char::to_lowercase))
}

/// Feeds `key` to `state` so that keys equal under [`eq_ignore_case`] hash equally.
#[inline]
pub(crate) fn hash_ignore_case<H: Hasher>(key: &str, state: &mut H) {
    if key.is_ascii() {
        for chunk in key.as_bytes().chunks(16) {
            let mut buf = [0u8; 16];
            for (d, s) in buf.iter_mut().zip(chunk) {
                *d = s.to_ascii_lowercase();
            }
            state.write(&buf[..chunk.len()]);
        }
    } else {
        // Hash the lowercase text in the same 16-byte chunks as the ASCII path produces.
        let lower: String = key.chars().flat_map(char::to_lowercase).collect();
        for chunk in lower.as_bytes().chunks(16) {
            state.write(chunk);
        }
    }
    state.write_u8(0xff);
}
