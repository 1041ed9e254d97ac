//! Hooks for the fuzz targets (feature `fuzzing`, hidden): the general path alone, the
//! reference that the tokenizer's fast paths and `parse_with`'s register loop are checked
//! against. Not part of the API.

use crate::map::{general_path_entries, parsed_entries};
use crate::syntax::Syntax;
use crate::tokenizer::RawTokenizer;

/// Do the fast paths give what the general path alone gives for `s`: the same segments (or
/// error) from the tokenizer, and the same entries (or error) from
/// [`ConnectionString::parse_with`](crate::ConnectionString::parse_with)?
///
/// ```
/// # #[cfg(feature = "fuzzing")]
/// assert!(zoomconn::fuzzing::fast_paths_agree("a=1;b='x;y';c=;", zoomconn::Syntax::Ado));
/// ```
pub fn fast_paths_agree(s: &str, syntax: Syntax) -> bool {
    let fast: Vec<_> = RawTokenizer::new(s, syntax).collect();
    let general: Vec<_> = RawTokenizer::general_only(s, syntax).collect();
    fast == general && parsed_entries(s, syntax) == general_path_entries(s, syntax)
}
