//! The map's own driver loop and fold against the reference tokenizer and its plain fold.

use proptest::prelude::*;

use crate::grammar::reference;
use crate::grammar::syntax::Syntax;
use crate::grammar::tests::input;

/// A map's entries, or the error's kind and offset.
type Entries = Result<Vec<(String, String)>, (crate::grammar::error::ErrorKind, usize)>;

/// The map of `s` as `ConnectionString::parse_with` folds it (its own driver loop), or the
/// error's kind and offset; and the same from the reference's segments and plain fold.
fn map_and_reference(s: &str, syntax: Syntax) -> (Entries, Entries) {
    let map = crate::map::connection_string::ConnectionString::parse_with(s, syntax)
        .map(|cs| {
            cs.iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect()
        })
        .map_err(|e| (e.kind(), e.offset()));
    let (segments, error) = reference::tokenize(s, syntax);
    let plain = match error {
        Some(e) => Err(e),
        None => Ok(reference::entries(&segments)),
    };
    (map, plain)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8192))]

    #[test]
    fn the_map_holds_what_the_reference_folds(s in input()) {
        for syntax in [Syntax::Ado, Syntax::Odbc] {
            let (map, plain) = map_and_reference(&s, syntax);
            prop_assert_eq!(map, plain, "{:?} {:?}", s, syntax);
        }
    }
}

/// Inputs where the map's driver loop once read differently from the reference.
#[test]
fn map_regressions() {
    // A quoted value followed by white space before `;`, after one `;`: the spaced path
    // took the `;` into the key.
    for s in ["b;  b=;;b='a=afa=g'  ;", "x=1;b='v'  ;", ";k = 'v' ;"] {
        for syntax in [Syntax::Ado, Syntax::Odbc] {
            let (map, plain) = map_and_reference(s, syntax);
            assert_eq!(map, plain, "{s:?} {syntax:?}");
        }
    }
}
