//! Character classes of the grammar (`docs/grammar.md`): white space, control characters and the byte
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
/// 0x7F) or a non-ASCII byte; `b.len()` if none. Sixteen bytes a step with SSE2 on x86-64
/// (`grammar::sse2`), eight elsewhere ([`scan_special_words`]).
#[inline(always)]
pub(crate) fn scan_special(b: &[u8], i: usize, delim: u8) -> usize {
    #[cfg(target_arch = "x86_64")]
    return super::sse2::scan_special(b, i, delim, |b, i| scan_special_words(b, i, delim));
    #[cfg(not(target_arch = "x86_64"))]
    return scan_special_words(b, i, delim);
}

/// [`scan_special`] eight bytes a step.
#[inline(always)]
pub(crate) fn scan_special_words(b: &[u8], i: usize, delim: u8) -> usize {
    scan(b, i, |x| special_bytes(x, delim), |c| is_special(c, delim))
}

/// Index of the first `q` or NUL byte at or after `i`; `b.len()` if none. Sixteen bytes a step
/// with SSE2 on x86-64, eight elsewhere ([`scan_quote_words`]).
#[inline(always)]
pub(crate) fn scan_quote(b: &[u8], i: usize, q: u8) -> usize {
    #[cfg(target_arch = "x86_64")]
    return super::sse2::scan_quote(b, i, q, |b, i| scan_quote_words(b, i, q));
    #[cfg(not(target_arch = "x86_64"))]
    return scan_quote_words(b, i, q);
}

/// [`scan_quote`] eight bytes a step.
#[inline]
pub(crate) fn scan_quote_words(b: &[u8], i: usize, q: u8) -> usize {
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

/// Bytes per step of the quote pairing: four words, whose quotes fit a `u64` with a bit to
/// spare.
pub(crate) const BLOCK: usize = 32;

/// The four words of a block, little-endian.
#[inline(always)]
pub(crate) fn block_words(block: &[u8; BLOCK]) -> [u64; 4] {
    let mut words = [0; 4];
    for (word, bytes) in words.iter_mut().zip(block.chunks_exact(8)) {
        *word = u64::from_le_bytes(bytes.try_into().unwrap_or_default());
    }
    words
}

/// The quotes of a block as bits (bit `k` for byte `k`); `pattern` holds the quote eight times.
#[inline(always)]
pub(crate) fn quote_bits(words: &[u64; 4], pattern: u64) -> u64 {
    let mut quotes = 0;
    for (k, &x) in words.iter().enumerate() {
        quotes |= u64::from(bits(eq_bytes(x, pattern))) << (8 * k);
    }
    quotes
}

/// The second quotes of the pairs among `quotes` (bits of a block of a quoted value's inside,
/// read left to right from a block boundary), and whether the block's last byte is a quote that
/// opens a pair (1 or 0). `carry` is 1 when the block's first byte closes a pair the block
/// before opened.
///
/// Quotes pair left to right within each run of quotes: the second quotes are the run's bits
/// at odd distance from its start. With the carried quote as bit 0 and byte `k` as bit `k + 1`,
/// the runs that start at even bits are found as simdjson finds runs of backslashes: adding
/// each run's first bit carries past the run, clearing it.
#[inline(always)]
pub(crate) fn second_quotes(quotes: u64, carry: u64) -> (u64, u64) {
    // Bits 0..=32 at even and at odd positions.
    const EVEN: u64 = 0x1_5555_5555;
    const ODD: u64 = 0x0_aaaa_aaaa;
    let quotes = (quotes << 1) | carry;
    let starts = quotes & !(quotes << 1);
    let even_runs = quotes & !(quotes + (starts & EVEN));
    let seconds = (even_runs & ODD) | (quotes & !even_runs & EVEN);
    let next = (quotes & !seconds) >> BLOCK;
    (seconds >> 1, next)
}

/// For each set of bytes to drop from a word (bit `k` for byte `k`; at most four are used): the
/// masks that drop them one at a time from the highest, each the bytes from the dropped one
/// up (none for a step with nothing to drop), and how many bytes are kept.
static SQUEEZE: [([u64; 4], u8); 256] = {
    let mut table = [([0u64; 4], 8u8); 256];
    let mut drop = 0;
    while drop < 256 {
        let mut step = 0;
        let mut at = 8;
        while at > 0 {
            at -= 1;
            if drop & (1 << at) != 0 && step < 4 {
                table[drop].0[step] = !((1u64 << (8 * at)) - 1);
                table[drop].1 -= 1;
                step += 1;
            }
        }
        drop += 1;
    }
    table
};

/// The word `x` without the bytes marked in `drop` (at most four, none adjacent: the second
/// quotes of pairs), the kept bytes moved down in order, and how many are kept. The bytes
/// above them are undefined.
#[inline(always)]
pub(crate) fn squeeze(x: u64, drop: u64) -> (u64, usize) {
    let (above, kept) = &SQUEEZE[(drop & 0xff) as usize];
    let mut word = x;
    for &mask in above {
        // The bytes from the dropped one up take the value of the byte above them.
        word ^= (word ^ (word >> 8)) & mask;
    }
    (word, usize::from(*kept))
}

/// The end of a quoted value read from `i`, just after its opening quote `q`: the index of the
/// closing quote, or of a NUL before it, or `b.len()` when neither comes; and whether a doubled
/// quote (the only escape) occurred before it.
///
/// A block of 32 bytes per step, whatever they hold: the quotes of the block as bits, paired
/// left to right ([`second_quotes`]); the closing quote is the first that opens no pair, a
/// quote followed by a byte that is not a quote. A block with a NUL and the last bytes, fewer
/// than a block, go one by one.
#[inline]
pub(crate) fn quoted_end(b: &[u8], mut i: usize, q: u8) -> (usize, bool) {
    let pattern = LO * u64::from(q);
    let mut escaped = false;
    // 1 when the byte at `i` must be the second quote of a pair the block before opened.
    let mut carry = 0;
    let mut blocks = b.get(i..).unwrap_or_default().chunks_exact(BLOCK);
    for block in &mut blocks {
        let Ok(block) = <&[u8; BLOCK]>::try_from(block) else {
            break;
        };
        let words = block_words(block);
        if words == [pattern; 4] && carry == 0 {
            // Sixteen doubled quotes.
            escaped = true;
            i += BLOCK;
            continue;
        }
        if words.iter().fold(0, |any, &x| any | zero_bytes(x)) != 0 {
            // A NUL: the bytes go one by one below.
            break;
        }
        let quotes = quote_bits(&words, pattern);
        if carry & !quotes & 1 != 0 {
            // The block before ended with a quote that opens no pair.
            return (i - 1, escaped);
        }
        let (seconds, next) = second_quotes(quotes, carry);
        // Quotes before the last byte that open no pair: the next byte is not a quote.
        let closing = quotes & !seconds & !(quotes >> 1) & ((1 << (BLOCK - 1)) - 1);
        if closing != 0 {
            let at = closing.trailing_zeros();
            return (i + at as usize, escaped || seconds & ((1 << at) - 1) != 0);
        }
        escaped |= seconds != 0;
        carry = next;
        i += BLOCK;
    }
    // The byte at `i` must be the second quote of a pair.
    let mut second = carry == 1;
    while let Some(&c) = b.get(i) {
        if second {
            if c != q {
                return (i - 1, escaped);
            }
            escaped = true;
            second = false;
        } else if c == 0 {
            return (i, escaped);
        } else {
            second = c == q;
        }
        i += 1;
    }
    if second {
        return (i - 1, escaped);
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
/// ASCII bytes are decided byte by byte; only a non-ASCII byte decodes a char.
#[inline(always)]
pub(crate) fn skip_ws(s: &str, mut i: usize) -> usize {
    let b = s.as_bytes();
    loop {
        match b.get(i) {
            Some(&c) if c < 0x80 => {
                if !is_ascii_ws(c) {
                    return i;
                }
                i += 1;
            }
            Some(_) => match ws_len_at(s, i) {
                Some(n) => i += n,
                None => return i,
            },
            None => return i,
        }
    }
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

/// Index where the trailing white space of `s[start..end]` begins. ASCII bytes are decided
/// byte by byte from the end; a non-ASCII byte hands the rest to [`str::trim_end`].
#[inline(always)]
pub(crate) fn trim_end_at(s: &str, start: usize, mut end: usize) -> usize {
    let b = s.as_bytes();
    while end > start {
        match b.get(end - 1) {
            Some(&c) if c < 0x80 => {
                if !is_ascii_ws(c) {
                    return end;
                }
                end -= 1;
            }
            _ => {
                return match s.get(start..end) {
                    Some(t) => start + t.trim_end().len(),
                    None => end,
                };
            }
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scanners_agree_with_byte_predicates() {
        // Every position of every byte value, with and without a block or two before it, for
        // the scanners of this target and the word scanners.
        for b in 0u8..=255 {
            for pad in 0..40 {
                let mut buf = vec![b'x'; pad];
                buf.push(b);
                buf.extend_from_slice(b"yyyyyyyyyyy");
                let special = !(0x20..0x7f).contains(&b) || b == b';';
                let want = if special { pad } else { buf.len() };
                assert_eq!(scan_special(&buf, 0, b';'), want, "{b:#x} {pad}");
                assert_eq!(scan_special_words(&buf, 0, b';'), want, "{b:#x} {pad}");
                let quote = b == b'"' || b == 0;
                let want = if quote { pad } else { buf.len() };
                assert_eq!(scan_quote(&buf, 0, b'"'), want, "{b:#x} {pad}");
                assert_eq!(scan_quote_words(&buf, 0, b'"'), want, "{b:#x} {pad}");
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
                    proptest::prop_assert_eq!(scan_special_words(&bytes, i, delim), first(i, &special));
                }
                for q in [b'"', b'\'', b'}'] {
                    let quote = |c: u8| c == q || c == 0;
                    proptest::prop_assert_eq!(scan_quote(&bytes, i, q), first(i, &quote));
                    proptest::prop_assert_eq!(scan_quote_words(&bytes, i, q), first(i, &quote));
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
                b"\0\"\"\"\"''x\xc3\xa9".to_vec()), 0..120)
        ) {
            for i in 0..=bytes.len() {
                for q in [b'"', b'\''] {
                    proptest::prop_assert_eq!(quoted_end(&bytes, i, q), quoted_end_plain(&bytes, i, q), "{:?} {}", bytes, i);
                }
            }
        }

        /// The same over long runs of pairs with a rare NUL, so that whole blocks are read.
        #[test]
        fn quoted_end_agrees_with_its_plain_twin_over_blocks(
            tokens in proptest::collection::vec(proptest::sample::select(
                vec![&b"\"\""[..], b"\"", b"''", b"'", b"x", b"\xc3\xa9", b"abcdefg", b"\0"]), 0..80),
        ) {
            let bytes: Vec<u8> = tokens.concat();
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

    proptest::proptest! {
        /// The byte-by-byte white space skips agree with `str`'s Unicode trims, from every
        /// start and end on a char boundary.
        #[test]
        fn white_space_skips_agree_with_str_trims(
            s in "[ \t\n\x0b\x0c\ra=\u{85}\u{a0}\u{2028}\u{3000}é]{0,12}"
        ) {
            for start in (0..=s.len()).filter(|&i| s.is_char_boundary(i)) {
                let rest = &s[start..];
                proptest::prop_assert_eq!(skip_ws(&s, start), s.len() - rest.trim_start().len());
                for end in (start..=s.len()).filter(|&i| s.is_char_boundary(i)) {
                    let plain = start + s[start..end].trim_end().len();
                    proptest::prop_assert_eq!(trim_end_at(&s, start, end), plain);
                }
            }
        }
    }

    #[test]
    fn white_space_is_unicode_white_space() {
        let s = "\u{85}\u{a0}\u{3000} x";
        assert_eq!(skip_ws(s, 0), s.len() - 1);
        assert_eq!(ws_len_at("x", 0), None);
        assert!(is_hard_control('\u{1}') && !is_hard_control('\n') && is_ctl('\u{85}'));
    }
}
