//! Hooks for the fuzz targets (feature `fuzzing`, hidden): the reference tokenizer, the plain
//! char-by-char reading of the grammar (`docs/grammar.md`) that the driver and the map's fold are checked against. Not
//! part of the API.

use crate::grammar::reference;
use crate::grammar::syntax::Syntax;
use crate::map::connection_string::ConnectionString;

/// Does the driver read `s` as the reference does — the same segments with the same spans, or
/// the same error at the same offset — and does [`ConnectionString::parse_with`] hold the
/// reference's plain fold of them?
///
/// ```
/// # #[cfg(feature = "fuzzing")]
/// assert!(zoomconn::fuzzing::agrees_with_reference("a=1;b='x;y';c=;A=2", zoomconn::Syntax::Ado));
/// ```
pub fn agrees_with_reference(s: &str, syntax: Syntax) -> bool {
    let (segments, error) = reference::tokenize(s, syntax);
    if reference::driver_tokens(s, syntax) != (segments.clone(), error) {
        return false;
    }
    match ConnectionString::parse_with(s, syntax) {
        Ok(cs) => {
            let got: Vec<(String, String)> = cs
                .iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect();
            error.is_none() && got == reference::entries(&segments)
        }
        Err(e) => error == Some((e.kind(), e.offset())),
    }
}
