//! Case-insensitive key comparison and hashing: keys compare as .NET's
//! `StringComparer.OrdinalIgnoreCase` compares them.
//!
//! ASCII keys take a fast path. Other keys compare char by char, each char replaced by its
//! simple uppercase mapping, one char for one ([`fold_char`], from the table of
//! [`crate::grammar::upper`]): `µ` = `μ` = `Μ` and `ς` = `σ`, while `ẞ` ≠ `ß`, `İ` ≠ `i`,
//! `ı` ≠ `i`, `ſ` ≠ `s` and the Kelvin sign ≠ `k`. No char outside ASCII folds to an ASCII
//! char, so an ASCII key never equals a key with other chars.

use std::hash::Hasher;

use crate::grammar::chars::word_at;
use crate::grammar::upper::simple_upper;

/// The char `c` is compared as: ASCII letters lowercased, other chars replaced by their simple
/// uppercase mapping. Two chars are equal ignoring case when their folds are equal; every
/// comparison and hash of keys goes through this one function.
#[inline]
pub(crate) fn fold_char(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        simple_upper(c)
    }
}

/// `key` with every char folded ([`fold_char`]): keys equal ignoring case fold to the same
/// string.
pub(crate) fn fold_key(key: &str) -> String {
    key.chars().map(fold_char).collect()
}

/// Are `a` and `b` equal ignoring case, as .NET's `StringComparer.OrdinalIgnoreCase` says?
/// Each char compares by its simple uppercase mapping, one char for one. Public as
/// [`ConnectionString::keys_match`](crate::ConnectionString::keys_match).
#[inline(always)]
pub(crate) fn eq_ignore_case(a: &str, b: &str) -> bool {
    if a.len() == b.len() && eq_ignore_ascii_case_swar(a.as_bytes(), b.as_bytes()) {
        return true;
    }
    if a.is_ascii() && b.is_ascii() {
        return false;
    }
    eq_folded(a, b)
}

/// Are `a` and `b` equal char by char after [`fold_char`]?
fn eq_folded(a: &str, b: &str) -> bool {
    a.chars().map(fold_char).eq(b.chars().map(fold_char))
}

/// Lowercases the ASCII letters of eight bytes at once (other bytes unchanged).
#[inline(always)]
pub(crate) const fn lower8(x: u64) -> u64 {
    use crate::grammar::chars::LO;
    let heptets = x & (0x7f * LO);
    let above_z = heptets.wrapping_add((0x7f - b'Z' as u64) * LO);
    let from_a = heptets.wrapping_add((0x80 - b'A' as u64) * LO);
    let upper = from_a & !above_z & !x & (0x80 * LO);
    x | (upper >> 2)
}

/// `a.eq_ignore_ascii_case(b)`, eight bytes per step: for the values of enumerated
/// properties, compared with each accepted spelling.
#[inline]
pub(crate) fn eq_ignore_ascii_case(a: &str, b: &str) -> bool {
    a.len() == b.len() && eq_ignore_ascii_case_swar(a.as_bytes(), b.as_bytes())
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
        write_lower(fold_key(key).as_bytes(), state);
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

    /// A fixed, fast hash of the folded key ([`fold_key`]). It reads the first and last eight
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
            Ok(other) => eq_folded(self.text(), other),
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

/// A key known to be ASCII (the keys of the driver's fast path): [`KeyBytes`] without the
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
    quick_hash_ascii(fold_key(key).as_bytes())
}

/// [`KeyBytes::quick_hash`] of ASCII bytes: ASCII letters hash as their lowercase (`| 0x20`
/// on every byte is enough: it maps both cases of a letter to one value and changes nothing
/// else that could make equal keys differ).
#[inline(always)]
fn quick_hash_ascii(b: &[u8]) -> u64 {
    let n = b.len();
    let (lo, hi) = if n >= 8 {
        (word_at(b, 0), word_at(b, n - 8))
    } else if n >= 4 {
        (u64::from(word4(b, 0)), u64::from(word4(b, n - 4)))
    } else {
        let at = |i: usize| u64::from(b.get(i).copied().unwrap_or(0));
        (at(0) | at(n / 2) << 8 | at(n.wrapping_sub(1)) << 16, 0)
    };
    mix(lo, hi, n)
}

/// [`quick_hash_ascii`] at compile time: the same words, read a byte at a time.
const fn quick_hash_ascii_const(b: &[u8]) -> u64 {
    /// The `k` bytes of `b` at `at` as a little-endian word.
    const fn le(b: &[u8], at: usize, k: usize) -> u64 {
        let mut word = 0;
        let mut i = 0;
        while i < k {
            word |= (b[at + i] as u64) << (8 * i);
            i += 1;
        }
        word
    }
    let n = b.len();
    let (lo, hi) = if n >= 8 {
        (le(b, 0, 8), le(b, n - 8, 8))
    } else if n >= 4 {
        (le(b, 0, 4), le(b, n - 4, 4))
    } else if n > 0 {
        (
            b[0] as u64 | (b[n / 2] as u64) << 8 | (b[n - 1] as u64) << 16,
            0,
        )
    } else {
        (0, 0)
    };
    mix(lo, hi, n)
}

/// The hash of [`quick_hash_ascii`] from the key's first and last words and its length.
#[inline(always)]
const fn mix(lo: u64, hi: u64, n: usize) -> u64 {
    const PAD: u64 = 0x2020_2020_2020_2020;
    // The product's top bits depend on every bit of both words; callers use the top byte.
    ((lo | PAD) ^ 0x243f_6a88_85a3_08d3).wrapping_mul((hi | PAD) ^ 0x1319_8a2e_0370_7344 ^ n as u64)
}

/// A key with its [`quick_hash`](Probe::quick_hash) computed ahead: at compile time for the
/// registry's canonical names ([`ascii`](Self::ascii)), which validation folds its entries by.
#[derive(Clone, Copy)]
pub(crate) struct Hashed<'a> {
    key: KeyBytes<'a>,
    hash: u64,
}

impl<'a> Hashed<'a> {
    /// `key` and its hash.
    #[inline(always)]
    pub(crate) fn of(key: KeyBytes<'a>) -> Self {
        Hashed {
            key,
            hash: key.quick_hash(),
        }
    }

    /// The ASCII key `name`, hashed at compile time.
    pub(crate) const fn ascii(name: &'a str) -> Self {
        assert!(name.is_ascii());
        Hashed {
            key: KeyBytes {
                bytes: name.as_bytes(),
                ascii: true,
            },
            hash: quick_hash_ascii_const(name.as_bytes()),
        }
    }
}

impl Probe for Hashed<'_> {
    #[inline(always)]
    fn quick_hash(self) -> u64 {
        self.hash
    }

    #[inline(always)]
    fn matches(self, other: &[u8]) -> bool {
        self.key.matches(other)
    }
}

impl std::hash::Hash for Hashed<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
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
    fn compile_time_quick_hash_is_the_run_time_one() {
        // Every length from 0 to 40, in both cases and mixed, with punctuation and spaces.
        let texts = [
            "OAuthClientSecretInitiateOAuthCallbackURLx",
            "oauthclientsecretinitiateoauthcallbackurlx",
            "a b-c_d.e:f@g[h]i{j}k|l~m n0o1p2q3r4s5t6u7v",
        ];
        for text in texts {
            for n in 0..=40 {
                let b = &text.as_bytes()[..n];
                assert_eq!(
                    quick_hash_ascii_const(b),
                    quick_hash_ascii(b),
                    "{n} bytes of {text:?}"
                );
            }
        }
        const NAME: Hashed<'static> = Hashed::ascii("OAuthClientSecret");
        assert_eq!(
            NAME.quick_hash(),
            KeyBytes::of("oauthCLIENTsecret").quick_hash()
        );
        assert_eq!(
            Hashed::of(KeyBytes::of("oauthCLIENTsecret")).quick_hash(),
            NAME.quick_hash()
        );
        assert!(NAME.matches(b"OAUTHCLIENTSECRET") && !NAME.matches(b"OAuthClientSecre"));
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

    /// The hash of `k` under every hashing path: [`hash_ignore_case`], [`KeyBytes`]'s
    /// `Hash` and its quick hash.
    fn hashes(h: &std::collections::hash_map::RandomState, k: &str) -> (u64, u64, u64) {
        use std::hash::BuildHasher;
        let mut s = h.build_hasher();
        hash_ignore_case(k, &mut s);
        let mut t = h.build_hasher();
        std::hash::Hash::hash(&KeyBytes::of(k), &mut t);
        (s.finish(), t.finish(), KeyBytes::of(k).quick_hash())
    }

    /// Pairs of keys and whether they are equal ignoring case, as .NET's `OrdinalIgnoreCase`
    /// says.
    const PAIRS: &[(&str, &str, bool)] = &[
        ("OAuthClientSecret", "oauthclientsecret", true),
        ("RTK", "rtk", true),
        ("Ab", "aB", true),
        ("Scope", "sCOPE", true),
        ("", "", true),
        ("Straße", "STRAßE", true),
        ("ΣΊΣΥΦΟΣ", "σίσυφος", true),
        ("ς", "σ", true),
        ("ς", "Σ", true),
        ("µ", "μ", true),
        ("µ", "Μ", true),
        ("ǅ", "ǆ", true),
        ("ǅ", "Ǆ", true),
        ("ᾳ", "ᾼ", true),
        ("\u{10428}", "\u{10400}", true),
        ("Größe", "GRÖSSE", false),
        ("ẞ", "ß", false),
        ("İ", "i", false),
        ("İ", "I", false),
        ("ı", "i", false),
        ("ı", "I", false),
        ("ſ", "s", false),
        ("ſ", "S", false),
        ("\u{212A}", "k", false),
        ("\u{212A}", "K", false),
        ("\u{212A}ey", "KEY", false),
        ("Å", "\u{212B}", false),
        ("ﬁ", "FI", false),
        ("a", "b", false),
    ];

    #[test]
    fn pairs_compare_and_hash_as_dotnet() {
        let h = std::collections::hash_map::RandomState::new();
        for &(a, b, same) in PAIRS {
            assert_eq!(eq_ignore_case(a, b), same, "{a} {b}");
            assert_eq!(eq_ignore_case(b, a), same, "{b} {a}");
            let (ka, kb) = (KeyBytes::of(a), KeyBytes::of(b));
            assert_eq!(ka.matches(b.as_bytes()), same, "{a} {b}");
            assert_eq!(kb.matches(a.as_bytes()), same, "{b} {a}");
            assert_eq!(fold_key(a) == fold_key(b), same, "{a} {b}");
            if same {
                assert_eq!(hashes(&h, a), hashes(&h, b), "{a} {b}");
            } else {
                assert_ne!(hashes(&h, a).0, hashes(&h, b).0, "{a} {b}");
            }
        }
    }

    proptest::proptest! {
        /// Equal keys hash equally on every path, and equality agrees with the folded keys
        /// (keys drawn from chars with case mappings, so that equal pairs are common).
        #[test]
        fn hash_agrees_with_eq(
            a in "[a-zA-Z\u{b5}\u{df}\u{130}\u{131}\u{17f}\u{1c4}-\u{1c6}\u{391}-\u{3c9}\u{1e9e}\u{1f80}-\u{1fbc}\u{212a}\u{10400}-\u{1044f}]{0,6}",
            flips in proptest::collection::vec(0u8..4, 0..6),
        ) {
            let h = std::collections::hash_map::RandomState::new();
            // `b`: `a` with some chars upper- or lowercased (full mappings, so it may differ).
            let b: String = a
                .chars()
                .zip(flips.iter().chain(std::iter::repeat(&0)))
                .map(|(c, f)| match f {
                    1 => c.to_uppercase().collect::<String>(),
                    2 => c.to_lowercase().collect::<String>(),
                    3 => simple_upper(c).to_string(),
                    _ => c.to_string(),
                })
                .collect();
            let same = eq_ignore_case(&a, &b);
            proptest::prop_assert_eq!(same, fold_key(&a) == fold_key(&b));
            proptest::prop_assert_eq!(same, KeyBytes::of(&a).matches(b.as_bytes()));
            proptest::prop_assert_eq!(same, KeyBytes::of(&b).matches(a.as_bytes()));
            if same {
                proptest::prop_assert_eq!(hashes(&h, &a), hashes(&h, &b));
            }
            // Folding upper-cases each char by its simple mapping: `a` equals its fold's
            // uppercase version char by char.
            let upper: String = a.chars().map(simple_upper).collect();
            proptest::prop_assert!(eq_ignore_case(&a, &upper));
        }
    }
}
