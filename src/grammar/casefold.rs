//! Case-insensitive key comparison and hashing (SPEC §2.7).
//!
//! ASCII keys take a fast path. Other keys compare by the Unicode lowercase mapping of each
//! char ([`char::to_lowercase`]), which agrees with simple case folding for the characters
//! connection-string keys use in practice (`ẞ` = `ß`, `Ω` = `ω`; `İ` ≠ `i`).

use std::hash::Hasher;

use crate::grammar::chars::word_at;

/// Are `a` and `b` equal ignoring case?
///
/// ```
/// assert!(zoomconn::eq_ignore_case("OAuthClientId", "oauthclientid"));
/// assert!(zoomconn::eq_ignore_case("ẞ", "ß"));
/// assert!(!zoomconn::eq_ignore_case("İ", "i"));
/// ```
#[inline(always)]
pub fn eq_ignore_case(a: &str, b: &str) -> bool {
    if a.len() == b.len() && eq_ignore_ascii_case_swar(a.as_bytes(), b.as_bytes()) {
        return true;
    }
    if a.is_ascii() && b.is_ascii() {
        return false;
    }
    eq_lowercase(a, b)
}

/// Are the Unicode lowercase mappings of `a` and `b` equal?
fn eq_lowercase(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// Lowercases the ASCII letters of eight bytes at once (other bytes unchanged).
#[inline(always)]
const fn lower8(x: u64) -> u64 {
    use crate::grammar::chars::LO;
    let heptets = x & (0x7f * LO);
    let above_z = heptets.wrapping_add((0x7f - b'Z' as u64) * LO);
    let from_a = heptets.wrapping_add((0x80 - b'A' as u64) * LO);
    let upper = from_a & !above_z & !x & (0x80 * LO);
    x | (upper >> 2)
}

/// `a.eq_ignore_ascii_case(b)` for slices of equal length, eight bytes per step; the last
/// step overlaps the one before it instead of falling back to bytes.
#[inline]
fn eq_ignore_ascii_case_swar(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n < 8 || b.len() != n {
        return a.eq_ignore_ascii_case(b);
    }
    let mut i = 0;
    while i + 8 <= n {
        if lower8(word_at(a, i)) != lower8(word_at(b, i)) {
            return false;
        }
        i += 8;
    }
    i == n || lower8(word_at(a, n - 8)) == lower8(word_at(b, n - 8))
}

/// Feeds lowercase ASCII `bytes` to `state` eight bytes per write.
#[inline]
fn write_lower<H: Hasher>(bytes: &[u8], state: &mut H) {
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        if let Ok(word) = <[u8; 8]>::try_from(chunk) {
            state.write_u64(lower8(u64::from_le_bytes(word)));
        }
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        state.write_u64(lower8(u64::from_le_bytes(word)));
    }
    state.write_usize(bytes.len());
}

/// Feeds `key` to `state` so that keys equal under [`eq_ignore_case`] hash equally.
#[inline]
pub(crate) fn hash_ignore_case<H: Hasher>(key: &str, state: &mut H) {
    if key.is_ascii() {
        write_lower(key.as_bytes(), state);
    } else {
        let lower: String = key.chars().flat_map(char::to_lowercase).collect();
        write_lower(lower.as_bytes(), state);
    }
}

/// A key's bytes (UTF-8 text) and whether they are all ASCII: what map lookups hash and
/// compare. Hashing ([`std::hash::Hash`] and [`quick_hash`](Self::quick_hash)) agrees with
/// [`eq_ignore_case`]: equal keys hash equally.
#[derive(Clone, Copy)]
pub(crate) struct KeyBytes<'a> {
    bytes: &'a [u8],
    ascii: bool,
}

impl<'a> KeyBytes<'a> {
    /// `bytes` must be UTF-8 text, all ASCII when `ascii` is `true`.
    #[inline(always)]
    pub(crate) fn new(bytes: &'a [u8], ascii: bool) -> Self {
        KeyBytes { bytes, ascii }
    }

    /// The key `s`.
    #[inline]
    pub(crate) fn of(s: &'a str) -> Self {
        KeyBytes::new(s.as_bytes(), s.is_ascii())
    }

    /// The key of UTF-8 `bytes` (as stored by a map).
    #[inline]
    pub(crate) fn of_bytes(bytes: &'a [u8]) -> Self {
        KeyBytes::new(bytes, bytes.is_ascii())
    }

    fn text(self) -> &'a str {
        std::str::from_utf8(self.bytes).unwrap_or_default()
    }

    /// A fixed, fast hash of the key folded to lowercase. It reads the first and last eight
    /// bytes and the length only, so it is a filter (callers compare keys on a match), not a
    /// table hash for untrusted key sets.
    #[inline(always)]
    pub(crate) fn quick_hash(self) -> u64 {
        if self.ascii {
            quick_hash_ascii(self.bytes)
        } else {
            quick_hash_non_ascii(self.text())
        }
    }

    /// Is the key equal to `other` (UTF-8 text) ignoring case, as [`eq_ignore_case`]?
    #[inline(always)]
    pub(crate) fn matches(self, other: &[u8]) -> bool {
        if self.bytes.len() == other.len() && eq_ignore_ascii_case_swar(self.bytes, other) {
            return true;
        }
        if self.ascii && other.is_ascii() {
            return false;
        }
        match std::str::from_utf8(other) {
            Ok(other) => eq_lowercase(self.text(), other),
            Err(_) => false,
        }
    }
}

/// A key to look up: hashed ([`std::hash::Hash`], [`quick_hash`](Probe::quick_hash)) and
/// compared as [`eq_ignore_case`] compares.
pub(crate) trait Probe: Copy + std::hash::Hash {
    /// See [`KeyBytes::quick_hash`].
    fn quick_hash(self) -> u64;
    /// Is the key equal to `other` (UTF-8 text) ignoring case?
    fn matches(self, other: &[u8]) -> bool;
}

impl Probe for KeyBytes<'_> {
    #[inline(always)]
    fn quick_hash(self) -> u64 {
        KeyBytes::quick_hash(self)
    }

    #[inline(always)]
    fn matches(self, other: &[u8]) -> bool {
        KeyBytes::matches(self, other)
    }
}

/// A key known to be ASCII (the keys of the driver's fast paths): [`KeyBytes`] without the
/// branches for other text.
#[derive(Clone, Copy)]
pub(crate) struct AsciiKey<'a>(pub(crate) &'a [u8]);

impl Probe for AsciiKey<'_> {
    #[inline(always)]
    fn quick_hash(self) -> u64 {
        quick_hash_ascii(self.0)
    }

    #[inline(always)]
    fn matches(self, other: &[u8]) -> bool {
        KeyBytes::new(self.0, true).matches(other)
    }
}

impl std::hash::Hash for AsciiKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        write_lower(self.0, state);
    }
}

impl std::hash::Hash for KeyBytes<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        if self.ascii {
            write_lower(self.bytes, state);
        } else {
            hash_ignore_case(self.text(), state);
        }
    }
}

#[cold]
#[inline(never)]
fn quick_hash_non_ascii(key: &str) -> u64 {
    let lower: String = key.chars().flat_map(char::to_lowercase).collect();
    quick_hash_ascii(lower.as_bytes())
}

/// [`KeyBytes::quick_hash`] of ASCII bytes: ASCII letters hash as their lowercase (`| 0x20`
/// on every byte is enough: it maps both cases of a letter to one value and changes nothing
/// else that could make equal keys differ).
#[inline(always)]
fn quick_hash_ascii(b: &[u8]) -> u64 {
    const PAD: u64 = 0x2020_2020_2020_2020;
    let n = b.len();
    let (lo, hi) = if n >= 8 {
        (word_at(b, 0), word_at(b, n - 8))
    } else if n >= 4 {
        (u64::from(word4(b, 0)), u64::from(word4(b, n - 4)))
    } else {
        let at = |i: usize| u64::from(b.get(i).copied().unwrap_or(0));
        (at(0) | at(n / 2) << 8 | at(n.wrapping_sub(1)) << 16, 0)
    };
    let m = u128::from((lo | PAD) ^ 0x243f_6a88_85a3_08d3)
        * u128::from((hi | PAD) ^ 0x1319_8a2e_0370_7344 ^ n as u64);
    (m as u64) ^ ((m >> 64) as u64)
}

/// The four bytes of `s` at `i` as a little-endian word (0 if out of bounds).
#[inline(always)]
fn word4(s: &[u8], i: usize) -> u32 {
    s.get(i..)
        .and_then(<[u8]>::first_chunk::<4>)
        .map_or(0, |w| u32::from_le_bytes(*w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower8_lowercases_ascii_letters_only() {
        for b in 0u8..=255 {
            let x = u64::from_le_bytes([b, b'A', b'Z', b'@', b'[', b'a', b'z', 0xC1]);
            let want = u64::from_le_bytes([
                b.to_ascii_lowercase(),
                b'a',
                b'z',
                b'@',
                b'[',
                b'a',
                b'z',
                0xC1,
            ]);
            assert_eq!(lower8(x), want, "{b:#x}");
        }
    }

    #[test]
    fn swar_comparison_agrees_with_std() {
        let words = [
            "OAuthClientSecret",
            "oauthclientsecreT",
            "OAuthClientSecreu",
            "@[`{",
            "`{@[",
            "ProfileSettings",
            "profilesettings",
        ];
        for a in words {
            for b in words {
                if a.len() == b.len() {
                    assert_eq!(
                        eq_ignore_ascii_case_swar(a.as_bytes(), b.as_bytes()),
                        a.eq_ignore_ascii_case(b),
                        "{a} {b}"
                    );
                }
            }
        }
    }

    #[test]
    fn equal_keys_hash_equally() {
        use std::hash::BuildHasher;
        let h = std::collections::hash_map::RandomState::new();
        let hash = |k: &str| {
            let mut s = h.build_hasher();
            hash_ignore_case(k, &mut s);
            s.finish()
        };
        for (a, b) in [
            ("OAuthClientSecret", "oauthclientsecret"),
            ("\u{212a}", "k"),
            ("ẞ", "ß"),
            ("RTK", "rtk"),
            ("Ab", "aB"),
            ("Scope", "sCOPE"),
            ("\u{212a}ey", "KEY"),
            ("", ""),
        ] {
            assert!(eq_ignore_case(a, b));
            assert_eq!(hash(a), hash(b), "{a} {b}");
            let (ka, kb) = (KeyBytes::of(a), KeyBytes::of(b));
            assert_eq!(ka.quick_hash(), kb.quick_hash(), "{a} {b}");
            let mut sa = h.build_hasher();
            let mut sb = h.build_hasher();
            std::hash::Hash::hash(&ka, &mut sa);
            std::hash::Hash::hash(&kb, &mut sb);
            assert_eq!(sa.finish(), sb.finish(), "{a} {b}");
            assert!(
                ka.matches(b.as_bytes()) && kb.matches(a.as_bytes()),
                "{a} {b}"
            );
        }
    }
}
