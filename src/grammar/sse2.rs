//! The scanners of [`chars`](super::chars) sixteen bytes a step, with SSE2 (part of every
//! x86-64 processor) through the safe wrappers of `safe_arch`. Each gives the same index as its
//! eight-bytes-a-step twin in `chars`, which other targets use; the tests of `chars` hold both
//! to the plain byte predicates.

use safe_arch::{
    bitandnot_m128i, bitor_m128i, cmp_eq_mask_i8_m128i, load_unaligned_m128i, m128i, max_u8_m128i,
    min_u8_m128i, move_mask_i8_m128i, set_splat_i8_m128i, zeroed_m128i,
};

/// Bytes per step.
const STEP: usize = 16;

/// The sixteen bytes of `b` at `i`, if there are as many.
#[inline(always)]
fn block_at(b: &[u8], i: usize) -> Option<&[u8; STEP]> {
    b.get(i..).and_then(<[u8]>::first_chunk::<STEP>)
}

/// Index of the first byte at or after `i` that `stops` marks (bit `k` for byte `k` of a
/// block), `b.len()` if none. The bytes after the last whole block are read as the last
/// sixteen bytes of `b`, their marks shifted past the bytes before `i`; an input shorter than
/// a block goes to `short`.
#[inline(always)]
fn scan(
    b: &[u8],
    mut i: usize,
    stops: impl Fn(m128i) -> u32,
    short: impl FnOnce(&[u8], usize) -> usize,
) -> usize {
    let n = b.len();
    // `i < blocks` exactly when a whole block starts at `i`.
    let blocks = n.saturating_sub(STEP - 1);
    while i < blocks {
        let Some(block) = block_at(b, i) else { break };
        let marks = stops(load_unaligned_m128i(block));
        if marks != 0 {
            return i + marks.trailing_zeros() as usize;
        }
        i += STEP;
    }
    if i >= n {
        return n;
    }
    let Some(base) = n.checked_sub(STEP) else {
        return short(b, i);
    };
    match block_at(b, base) {
        // `base < i < n`: the marks of the bytes before `i` are shifted out.
        Some(block) => {
            let marks = stops(load_unaligned_m128i(block)) >> (i - base);
            if marks != 0 {
                i + marks.trailing_zeros() as usize
            } else {
                n
            }
        }
        None => short(b, i),
    }
}

/// The byte `c` in every lane.
#[inline(always)]
fn splat(c: u8) -> m128i {
    set_splat_i8_m128i(c as i8)
}

/// See [`chars::scan_special`](super::chars::scan_special): `delim`, a byte below 0x20, 0x7F
/// or a non-ASCII byte.
#[inline(always)]
pub(crate) fn scan_special(
    b: &[u8],
    i: usize,
    delim: u8,
    short: impl FnOnce(&[u8], usize) -> usize,
) -> usize {
    let (low, high, d) = (splat(0x20), splat(0x7e), splat(delim));
    let stops = |x: m128i| {
        // Printable (0x20..=0x7E) exactly where clamping to that range changes nothing.
        let printable = cmp_eq_mask_i8_m128i(min_u8_m128i(max_u8_m128i(x, low), high), x);
        let kept = bitandnot_m128i(cmp_eq_mask_i8_m128i(x, d), printable);
        !(move_mask_i8_m128i(kept) as u32) & 0xffff
    };
    scan(b, i, stops, short)
}

/// See [`chars::scan_quote`](super::chars::scan_quote): `q` or NUL.
#[inline(always)]
pub(crate) fn scan_quote(
    b: &[u8],
    i: usize,
    q: u8,
    short: impl FnOnce(&[u8], usize) -> usize,
) -> usize {
    let (quote, nul) = (splat(q), zeroed_m128i());
    let stops = |x: m128i| {
        let hits = bitor_m128i(cmp_eq_mask_i8_m128i(x, quote), cmp_eq_mask_i8_m128i(x, nul));
        move_mask_i8_m128i(hits) as u32
    };
    scan(b, i, stops, short)
}
