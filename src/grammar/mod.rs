//! The grammar layer: connection-string text in, segments out — and back.
//!
//! It imports nothing above it. Its parts:
//!
//! * [`chars`]: character classes and the scanners, eight bytes a step as integers or, on
//!   x86-64, sixteen with SSE2 (`sse2`), each checked against a plain predicate from every start
//!   position;
//! * [`driver`]: the one loop every reader goes through, with the fast path inside it, and
//!   [`general`], the state machine for everything else;
//! * [`raw`]: a segment as offsets, and the decoding of `==` and doubled quotes;
//! * [`tokenizer`]: the public [`Tokenizer`] and [`Segment`];
//! * [`error`]: [`ParseError`], [`WriteError`], [`PairError`] (data; their messages are
//!   rendered by [`crate::secrets`], which decides what of a key may be shown);
//! * [`writer`]: canonical quoting, the inverse of the tokenizer;
//! * [`casefold`], [`upper`], [`position`], [`syntax`]: key comparison (as .NET's
//!   `OrdinalIgnoreCase`), its simple-uppercase table, line and column, the dialects;
//! * `reference` (tests and fuzzing only): the grammar read one char at a time, the oracle the
//!   driver is checked against.
//!
//! [`Tokenizer`]: crate::Tokenizer
//! [`Segment`]: crate::Segment
//! [`ParseError`]: crate::ParseError
//! [`WriteError`]: crate::WriteError
//! [`PairError`]: crate::PairError

pub(crate) mod casefold;
pub(crate) mod chars;
pub(crate) mod driver;
pub(crate) mod error;
pub(crate) mod general;
pub(crate) mod position;
pub(crate) mod raw;
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) mod reference;
#[cfg(target_arch = "x86_64")]
pub(crate) mod sse2;
pub(crate) mod syntax;
pub(crate) mod tokenizer;
pub(crate) mod upper;
pub(crate) mod writer;

#[cfg(test)]
pub(crate) mod tests;
