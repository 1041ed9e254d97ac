//! The index of ASCII spellings behind [`lookup`](super::lookup): every canonical name and
//! alias in an open-addressing table built at compile time, probed by a hash of the name's
//! length and first and last bytes (in either case), and compared eight bytes at a time
//! against the spelling's lowercase words, computed at compile time too.
//!
//! It answers for ASCII names only: a name with other chars matches no entry, and
//! [`lookup`](super::lookup) asks the plain scan, which folds case as .NET does. A property
//! test holds the index to that scan for every spelling in every case and for near misses.

use super::{Match, PROPERTIES, PROPERTIES_LEN, TABLE};
use crate::grammar::casefold::lower8;

/// Longest spelling the index holds (a compile-time check keeps every spelling within it).
const MAX_LEN: usize = 24;

/// Slots of the table: a power of two, at least twice the number of spellings.
const SLOTS: usize = 256;

/// [`Spelling::alias`] of a canonical name.
const CANONICAL: u8 = u8::MAX;

/// One spelling: its property's index in the table, its alias index ([`CANONICAL`] for the
/// name), its length and its lowercase bytes as [`words`].
#[derive(Clone, Copy)]
struct Spelling {
    property: u8,
    alias: u8,
    len: u8,
    words: [u64; 3],
}

/// How many spellings (names and aliases) the registry has.
const SPELLINGS_LEN: usize = {
    let mut n = 0;
    let mut i = 0;
    while i < PROPERTIES_LEN {
        n += 1 + TABLE[i].aliases.len();
        i += 1;
    }
    n
};

/// The bytes of a name of 1 to [`MAX_LEN`] bytes as three little-endian words: for eight
/// bytes or more, the words at 0, 8 and 16, each moved back to end at the name's end at the
/// latest (they overlap); for four to seven bytes, the four at 0 and the four ending at the end
/// in one word; for one to three, the first, middle and last byte. Equal names (of equal
/// length) have equal words, and every byte of the name is in them.
const fn words(b: &[u8]) -> [u64; 3] {
    let n = b.len();
    let mut out = [0; 3];
    if n >= 8 {
        let mut w = 0;
        while w < 3 {
            let at = if 8 * w + 8 <= n { 8 * w } else { n - 8 };
            let mut k = 0;
            let mut word = 0;
            while k < 8 {
                word |= (b[at + k] as u64) << (8 * k);
                k += 1;
            }
            out[w] = word;
            w += 1;
        }
    } else if n >= 4 {
        let mut k = 0;
        while k < 4 {
            out[0] |= (b[k] as u64) << (8 * k) | (b[n - 4 + k] as u64) << (8 * (k + 4));
            k += 1;
        }
    } else if n > 0 {
        out[0] = b[0] as u64 | (b[n / 2] as u64) << 8 | (b[n - 1] as u64) << 16;
    }
    out
}

/// [`words`] at run time, with word loads.
#[inline(always)]
fn words_of(b: &[u8]) -> [u64; 3] {
    let n = b.len();
    let load8 = |at: usize| {
        b.get(at..)
            .and_then(<[u8]>::first_chunk::<8>)
            .map_or(0, |w| u64::from_le_bytes(*w))
    };
    let load4 = |at: usize| {
        b.get(at..)
            .and_then(<[u8]>::first_chunk::<4>)
            .map_or(0, |w| u64::from(u32::from_le_bytes(*w)))
    };
    let byte = |i: usize| b.get(i).map_or(0, |&c| u64::from(c));
    if n >= 8 {
        let last = n - 8;
        [load8(0), load8(8.min(last)), load8(16.min(last))]
    } else if n >= 4 {
        [load4(0) | load4(n - 4) << 32, 0, 0]
    } else {
        [
            byte(0) | byte(n / 2) << 8 | byte(n.wrapping_sub(1)) << 16,
            0,
            0,
        ]
    }
}

/// Lowercases the ASCII letters of every word.
const fn lower(w: [u64; 3]) -> [u64; 3] {
    [lower8(w[0]), lower8(w[1]), lower8(w[2])]
}

/// The slot where the search for a name of `len` bytes, first byte `first` and last byte
/// `last` starts. Bit 5 of both is set, which makes the slot the same in either ASCII case.
const fn home(len: usize, first: u8, last: u8) -> usize {
    let key = ((first | 0x20) as u32) << 16 | ((last | 0x20) as u32) << 8 | len as u32;
    (key.wrapping_mul(0x9e37_79b1) >> 24) as usize % SLOTS
}

/// Every spelling, in table order.
static SPELLINGS: [Spelling; SPELLINGS_LEN] = {
    let empty = Spelling {
        property: 0,
        alias: 0,
        len: 0,
        words: [0; 3],
    };
    let mut out = [empty; SPELLINGS_LEN];
    let mut n = 0;
    let mut i = 0;
    while i < PROPERTIES_LEN {
        let p = &TABLE[i];
        let mut a = 0;
        // The name, then each alias.
        while a <= p.aliases.len() {
            let (text, alias) = if a == 0 {
                (p.name, CANONICAL)
            } else {
                (p.aliases[a - 1], (a - 1) as u8)
            };
            let b = text.as_bytes();
            assert!(!b.is_empty() && b.len() <= MAX_LEN && b.is_ascii());
            out[n] = Spelling {
                property: i as u8,
                alias,
                len: b.len() as u8,
                words: lower(words(b)),
            };
            n += 1;
            a += 1;
        }
        i += 1;
    }
    out
};

/// The table: slot `s` holds 1 + the index of a spelling in [`SPELLINGS`], or 0 when empty.
/// A spelling sits at its [`home`] slot or the first empty slot after it.
static INDEX: [u8; SLOTS] = {
    assert!(SPELLINGS_LEN < SLOTS / 2 && SPELLINGS_LEN < u8::MAX as usize);
    let mut slots = [0u8; SLOTS];
    // The spellings in the order of `SPELLINGS`.
    let mut n = 0;
    let mut i = 0;
    while i < PROPERTIES_LEN {
        let p = &TABLE[i];
        let mut a = 0;
        while a <= p.aliases.len() {
            let b = if a == 0 { p.name } else { p.aliases[a - 1] }.as_bytes();
            let mut s = home(b.len(), b[0], b[b.len() - 1]);
            while slots[s] != 0 {
                s = (s + 1) % SLOTS;
            }
            n += 1;
            slots[s] = n as u8;
            a += 1;
        }
        i += 1;
    }
    slots
};

/// The spelling equal to the ASCII `name` ignoring ASCII case; `None` for any other name
/// (another name, or one with non-ASCII chars, which [`lookup`](super::lookup) folds apart).
#[inline(always)]
pub(super) fn find(name: &[u8]) -> Option<Match> {
    let n = name.len();
    let (&first, &last) = (name.first()?, name.last()?);
    if n > MAX_LEN {
        return None;
    }
    let mut s = home(n, first, last);
    let words = lower(words_of(name));
    loop {
        let i = usize::from(*INDEX.get(s)?).checked_sub(1)?;
        let spelling = SPELLINGS.get(i)?;
        if usize::from(spelling.len) == n && words == spelling.words {
            return Some(Match {
                property: PROPERTIES.get(usize::from(spelling.property))?,
                via_alias: spelling.alias != CANONICAL,
            });
        }
        s = (s + 1) % SLOTS;
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{words, words_of};
    use crate::registry::{PROPERTIES, lookup, lookup_plain};

    /// Every spelling, and text that looks like one: a spelling with its case flipped at
    /// random, cut short, grown by a char, with a char changed (ASCII or not), or made of the
    /// letters names are made of.
    fn names() -> impl Strategy<Value = String> {
        let spellings: Vec<&str> = PROPERTIES
            .iter()
            .flat_map(|p| std::iter::once(p.name).chain(p.aliases.iter().copied()))
            .collect();
        let spelling = proptest::sample::select(spellings);
        prop_oneof![
            (
                spelling.clone(),
                proptest::collection::vec(any::<bool>(), 32)
            )
                .prop_map(|(s, flips)| {
                    s.chars()
                        .zip(flips)
                        .map(|(c, f)| {
                            if f {
                                c.to_ascii_uppercase()
                            } else {
                                c.to_ascii_lowercase()
                            }
                        })
                        .collect()
                }),
            (spelling.clone(), 0..30usize).prop_map(|(s, n)| s.chars().take(n).collect()),
            (
                spelling.clone(),
                proptest::sample::select(vec!['s', 'S', ' ', 'é', 'ı', 'ſ', '\u{212a}'])
            )
                .prop_map(|(s, c)| format!("{s}{c}")),
            (
                spelling,
                0..30usize,
                proptest::sample::select(vec!['a', 'X', '_', ' ', '@', '[', 'ı', 'ſ', '\u{212a}'])
            )
                .prop_map(|(s, i, c)| s
                    .chars()
                    .enumerate()
                    .map(|(j, d)| if i == j { c } else { d })
                    .collect()),
            "[a-zA-Z ]{0,26}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// The index finds what comparing with every spelling finds.
        #[test]
        fn the_index_agrees_with_the_plain_scan(name in names()) {
            prop_assert_eq!(lookup(&name), lookup_plain(&name), "{:?}", name);
        }

        /// The run-time words are the compile-time words.
        #[test]
        fn run_time_words_are_compile_time_words(b in proptest::collection::vec(any::<u8>(), 0..25)) {
            prop_assert_eq!(words_of(&b), if b.is_empty() { [0; 3] } else { words(&b) });
        }
    }

    #[test]
    fn every_spelling_is_found_in_any_case() {
        for p in PROPERTIES {
            for (s, alias) in
                std::iter::once((p.name, false)).chain(p.aliases.iter().map(|a| (*a, true)))
            {
                for s in [s.to_owned(), s.to_ascii_lowercase(), s.to_ascii_uppercase()] {
                    let m = lookup(&s).unwrap();
                    assert_eq!((m.property.id, m.via_alias), (p.id, alias), "{s}");
                }
            }
        }
    }
}
