//! Character classes of the grammar (SPEC §2): white space, control characters and the byte
//! tables the tokenizer's hot loops use.
//!
//! *WS* is Unicode `White_Space` ([`char::is_whitespace`], the same set as .NET's
//! `char.IsWhiteSpace`); *CTL* is the general category `Cc`. A "control character" in the
//! grammar's error rules is a CTL that is not WS.

pub(crate) const LO: u64 = 0x0101_0101_0101_0101;
pub(crate) const HI: u64 = 0x8080_8080_8080_8080;

/// High bit set in each byte of `x` that is zero (exact for the lowest such byte, which is all
/// the scanners use).
#[inline(always)]
pub(crate) const fn zero_bytes(x: u64) -> u64 {
    x.wrapping_sub(LO) & !x & HI
}

/// Marks bytes of `x` that are `delim`, an ASCII control byte (< 0x20 or 0x7F) or non-ASCII.
///
/// `x + 1` sets the high bit of bytes 0x7F–0xFE (0xFF has it already; its carry only reaches
/// bytes above it); `x - 0x20` borrows, setting the high bit, exactly in bytes below 0x20.
#[inline(always)]
const fn special_bytes(x: u64, delim: u8) -> u64 {
    let high = x | x.wrapping_add(LO) | (x.wrapping_sub(LO * 0x20) & !x);
    let d = x ^ (LO * delim as u64);
    (high | (d.wrapping_sub(LO) & !d)) & HI
}

/// Is `b` a byte the scanners stop at: `delim`, an ASCII control byte or a non-ASCII byte.
#[inline(always)]
const fn is_special(b: u8, delim: u8) -> bool {
    b < 0x20 || b >= 0x7f || b == delim
}

/// Index of the first byte at or after `i` that `stops`; `word_mask` marks (high bit of each
/// byte) the stopping bytes of eight bytes at once, exactly at least for the lowest one.
/// `b.len()` if none. The scanners below are this loop with their own masks.
///
/// Whole words are read while eight bytes remain; the last partial word is read as the final
/// eight bytes of `b` with the bytes before `i` replaced by `A`, which no scanner stops at, so
/// only inputs shorter than eight bytes are read byte by byte.
#[inline(always)]
fn scan(
    b: &[u8],
    mut i: usize,
    word_mask: impl Fn(u64) -> u64,
    stops: impl Fn(u8) -> bool,
) -> usize {
    let n = b.len();
    while i < n.saturating_sub(7) {
        let mask = word_mask(word_at(b, i));
        if mask != 0 {
            return i + (mask.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    if i >= n {
        return n;
    }
    if n >= 8 {
        // `n - 8 < i < n`: the bytes before `i` in the last word are `1..=7` bytes.
        let base = n - 8;
        let low = (1u64 << (8 * (i - base))) - 1;
        let word = (word_at(b, base) & !low) | ((LO * u64::from(b'A')) & low);
        let mask = word_mask(word);
        return if mask != 0 {
            base + (mask.trailing_zeros() / 8) as usize
        } else {
            n
        };
    }
    while let Some(&c) = b.get(i) {
        if stops(c) {
            return i;
        }
        i += 1;
    }
    i
}

/// The eight bytes of `b` at `i` as a little-endian word; 0 past the end (callers read in
/// bounds).
#[inline(always)]
pub(crate) fn word_at(b: &[u8], i: usize) -> u64 {
    b.get(i..)
        .and_then(<[u8]>::first_chunk::<8>)
        .map_or(0, |w| u64::from_le_bytes(*w))
}

/// Index of the first byte at or after `i` that is `delim`, an ASCII control byte (< 0x20,
/// 0x7F) or a non-ASCII byte; `b.len()` if none.
#[inline(always)]
pub(crate) fn scan_special(b: &[u8], i: usize, delim: u8) -> usize {
    scan(b, i, |x| special_bytes(x, delim), |c| is_special(c, delim))
}

/// Marks bytes of `x` that are not printable ASCII (`!`..`~`) or are `delim`.
#[inline(always)]
const fn unplain_bytes(x: u64, delim: u8) -> u64 {
    // Below `!` (0x21): controls and space; from 0x7F up: DEL and non-ASCII.
    let outside = x | x.wrapping_add(LO) | (x.wrapping_sub(LO * 0x21) & !x);
    (outside | zero_bytes(x ^ (LO * delim as u64))) & HI
}

/// Index of the first byte at or after `i` that is not printable ASCII or is `delim`;
/// `b.len()` if none.
#[inline(always)]
pub(crate) fn scan_plain(b: &[u8], i: usize, delim: u8) -> usize {
    scan(
        b,
        i,
        |x| unplain_bytes(x, delim),
        |c| !c.is_ascii_graphic() || c == delim,
    )
}

/// Index of the first `q` or NUL byte at or after `i`; `b.len()` if none.
#[inline]
pub(crate) fn scan_quote(b: &[u8], i: usize, q: u8) -> usize {
    // `zero_bytes(x ^ Q) | zero_bytes(x)` with the `& !x` shared: `q` is ASCII, so `x ^ Q`
    // and `x` have the same high bits.
    let pattern = LO * q as u64;
    scan(
        b,
        i,
        |x| ((x ^ pattern).wrapping_sub(LO) | x.wrapping_sub(LO)) & !x & HI,
        |c| c == q || c == 0,
    )
}

/// High bit set in exactly the bytes of `x` equal to the byte of `pattern` (`pattern` holds the
/// same byte eight times). Unlike [`zero_bytes`], exact in every byte: no borrow crosses bytes.
#[inline(always)]
const fn eq_bytes(x: u64, pattern: u64) -> u64 {
    const LOW7: u64 = 0x7f * LO;
    let y = x ^ pattern;
    !(((y & LOW7).wrapping_add(LOW7)) | y | LOW7)
}

/// One bit per byte of a byte mask (high bit per byte): bit `k` for byte `k`.
#[inline(always)]
const fn bits(mask: u64) -> u32 {
    ((mask >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32
}

/// The end of a quoted value read from `i`, just after its opening quote `q`: the index of the
/// closing quote, or of a NUL before it, or `b.len()` when neither comes; and whether a doubled
/// quote (the only escape) occurred before it.
///
/// Eight bytes per step, whatever they hold: the quotes of a word as bits, paired left to right
/// in one go. Every word starts between pairs, so every run of quotes before the closing quote
/// has an even length, and the closing quote ends the first run of odd length. Runs of odd
/// length are found as simdjson finds runs of backslashes: adding each run's first bit carries
/// past the run; where the carry lands, odd or even, tells the run's parity. The last bytes,
/// fewer than eight, go one by one.
#[inline]
pub(crate) fn quoted_end(b: &[u8], mut i: usize, q: u8) -> (usize, bool) {
    // Bits 0..=8 at even and at odd positions.
    const EVEN: u32 = 0x155;
    const ODD: u32 = 0x0aa;
    let pattern = LO * u64::from(q);
    let mut escaped = false;
    while i + 8 <= b.len() {
        let x = word_at(b, i);
        if x == pattern {
            // Four doubled quotes.
            escaped = true;
            i += 8;
            continue;
        }
        let quotes = bits(eq_bytes(x, pattern));
        let nul = bits(eq_bytes(x, 0));
        let starts = quotes & !(quotes << 1);
        // The bit just past each run of odd length (bit 8 for a run that reaches bit 7).
        let past_odd = ((quotes + (starts & EVEN)) & !quotes & ODD)
            | ((quotes + (starts & ODD)) & !quotes & EVEN);
        let close = match past_odd {
            0 => 8,
            p => p.trailing_zeros() - 1,
        };
        let first_nul = nul.trailing_zeros().min(8);
        if first_nul < close {
            let before = quotes & ((1 << first_nul) - 1);
            return (i + first_nul as usize, escaped || before != 0);
        }
        escaped |= quotes & ((1 << close) - 1) != 0;
        match close {
            // Every quote of the word is paired.
            8 => i += 8,
            // The last quote's partner, if any, is the next byte.
            7 if b.get(i + 8) == Some(&q) => {
                escaped = true;
                i += 9;
            }
            c => return (i + c as usize, escaped),
        }
    }
    while let Some(&c) = b.get(i) {
        if c == 0 {
            return (i, escaped);
        }
        if c == q {
            if b.get(i + 1) != Some(&q) {
                return (i, escaped);
            }
            escaped = true;
            i += 2;
        } else {
            i += 1;
        }
    }
    (b.len(), escaped)
}

/// The white space ASCII bytes: `\t \n \v \f \r` and space.
#[inline]
pub(crate) const fn is_ascii_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// Is `c` a control character (Cc) that is not white space — the characters the grammar
/// rejects outside quotes.
#[inline]
pub(crate) fn is_hard_control(c: char) -> bool {
    c.is_control() && !c.is_whitespace()
}

/// Is `c` a CTL (any Cc, white space or not).
#[inline]
pub(crate) fn is_ctl(c: char) -> bool {
    c.is_control()
}

/// Decodes the char starting at byte `i` of `s`, if `i` is in bounds and on a char boundary.
#[inline]
pub(crate) fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|rest| rest.chars().next())
}

/// Length in bytes of the white space char at `i`, or `None` when the char there is not WS.
#[inline]
pub(crate) fn ws_len_at(s: &str, i: usize) -> Option<usize> {
    match s.as_bytes().get(i) {
        Some(&b) if b < 0x80 => is_ascii_ws(b).then_some(1),
        Some(_) => char_at(s, i)
            .filter(|c| c.is_whitespace())
            .map(char::len_utf8),
        None => None,
    }
}

/// Skips white space from `i`, returning the index of the first non-WS char (or `s.len()`).
#[inline(always)]
pub(crate) fn skip_ws(s: &str, mut i: usize) -> usize {
    // Fast path: the common case is no white space at all.
    if s.as_bytes()
        .get(i)
        .is_some_and(|&b| b < 0x80 && !is_ascii_ws(b))
    {
        return i;
    }
    while let Some(n) = ws_len_at(s, i) {
        i += n;
    }
    i
}

/// `s` without leading and trailing white space; without work when its first and last bytes
/// are printable ASCII (the common case: values are trimmed by the tokenizer).
#[inline]
pub(crate) fn trim(s: &str) -> &str {
    let plain = |c: Option<&u8>| c.is_some_and(|&c| c > b' ' && c < 0x7f);
    let b = s.as_bytes();
    if plain(b.first()) && plain(b.last()) {
        s
    } else {
        s.trim()
    }
}

/// Index where the trailing white space of `s[start..end]` begins.
#[inline(always)]
pub(crate) fn trim_end_at(s: &str, start: usize, end: usize) -> usize {
    if end > start
        && s.as_bytes()
            .get(end - 1)
            .is_some_and(|&b| b < 0x80 && !is_ascii_ws(b))
    {
        return end;
    }
    match s.get(start..end) {
        Some(t) => start + t.trim_end().len(),
        None => end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scanners_agree_with_byte_predicates() {
        // Every position of every byte value, with and without a word-sized run before it.
        for b in 0u8..=255 {
            for pad in 0..20 {
                let mut buf = vec![b'x'; pad];
                buf.push(b);
                buf.extend_from_slice(b"yyyyyyyyyyy");
                let special = !(0x20..0x7f).contains(&b) || b == b';';
                assert_eq!(
                    scan_special(&buf, 0, b';'),
                    if special { pad } else { buf.len() },
                    "{b:#x} {pad}"
                );
                let quote = b == b'"' || b == 0;
                assert_eq!(
                    scan_quote(&buf, 0, b'"'),
                    if quote { pad } else { buf.len() },
                    "{b:#x} {pad}"
                );
            }
        }
    }

    proptest::proptest! {
        /// Every scanner, from every start, agrees with its byte predicate — including the last
        /// partial word, read with the bytes before the start replaced.
        #[test]
        fn scanners_agree_from_every_start(
            bytes in proptest::collection::vec(proptest::sample::select(
                b"\0\x01\x1f !\"';<=>A}\x7e\x7f\x80\xff".to_vec()), 0..40)
        ) {
            let first = |i: usize, stop: &dyn Fn(u8) -> bool| {
                (i..bytes.len()).find(|&j| stop(bytes[j])).unwrap_or(bytes.len())
            };
            for i in 0..=bytes.len() {
                for delim in [b';', b'='] {
                    let special = |c: u8| !(0x20..0x7f).contains(&c) || c == delim;
                    proptest::prop_assert_eq!(scan_special(&bytes, i, delim), first(i, &special));
                    let plain = |c: u8| !c.is_ascii_graphic() || c == delim;
                    proptest::prop_assert_eq!(scan_plain(&bytes, i, delim), first(i, &plain));
                }
                for q in [b'"', b'\'', b'}'] {
                    let quote = |c: u8| c == q || c == 0;
                    proptest::prop_assert_eq!(scan_quote(&bytes, i, q), first(i, &quote));
                }
            }
        }
    }

    /// [`quoted_end`]'s plain twin: one byte at a time.
    fn quoted_end_plain(b: &[u8], mut i: usize, q: u8) -> (usize, bool) {
        let mut escaped = false;
        loop {
            match b.get(i) {
                None => return (b.len(), escaped),
                Some(0) => return (i, escaped),
                Some(&c) if c == q && b.get(i + 1) == Some(&q) => {
                    escaped = true;
                    i += 2;
                }
                Some(&c) if c == q => return (i, escaped),
                Some(_) => i += 1,
            }
        }
    }

    proptest::proptest! {
        /// The end of a quoted value, from every start, as the plain twin finds it.
        #[test]
        fn quoted_end_agrees_with_its_plain_twin(
            bytes in proptest::collection::vec(proptest::sample::select(
                b"\0\"\"\"\"''x\xc3\xa9".to_vec()), 0..48)
        ) {
            for i in 0..=bytes.len() {
                for q in [b'"', b'\''] {
                    proptest::prop_assert_eq!(quoted_end(&bytes, i, q), quoted_end_plain(&bytes, i, q), "{:?} {}", bytes, i);
                }
            }
        }
    }

    #[test]
    fn bit_masks_are_exact() {
        for k in 0..8 {
            let x = (u64::from(b'"') << (8 * k)) | ((LO * u64::from(b'#')) & !(0xff << (8 * k)));
            assert_eq!(bits(eq_bytes(x, LO * u64::from(b'"'))), 1 << k);
        }
        assert_eq!(bits(eq_bytes(0, 0)), 0xff);
        assert_eq!(bits(eq_bytes(u64::MAX, 0)), 0);
    }

    #[test]
    fn white_space_is_unicode_white_space() {
        let s = "\u{85}\u{a0}\u{3000} x";
        assert_eq!(skip_ws(s, 0), s.len() - 1);
        assert_eq!(ws_len_at("x", 0), None);
        assert!(is_hard_control('\u{1}') && !is_hard_control('\n') && is_ctl('\u{85}'));
    }
}
