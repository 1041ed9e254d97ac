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

/// Values with doubled quotes are decoded the first time one is read: each reads the same by
/// `get`, by the iterator from either end, and from a clone made before or after that.
#[test]
fn escaped_values_read_the_same_every_way() {
    use crate::map::connection_string::ConnectionString;
    let table: &[(&str, &[(&str, &str)])] = &[
        (
            "a='x''y';b=\"p\"\"q\";c=plain",
            &[("a", "x'y"), ("b", "p\"q"), ("c", "plain")],
        ),
        // A later occurrence moves the entry's value after the others.
        ("a='1''1';b='2''2';A='3''3'", &[("a", "3'3"), ("b", "2'2")]),
        // A removed entry, and one set again.
        (
            "a='1''1';a=;b='2''2';a='4''4'",
            &[("b", "2'2"), ("a", "4'4")],
        ),
        // A key with `==` (decoded while parsing) and a value of two doubled quotes.
        (
            "k==ey='v''v';x=\"\"\"\"\"\"",
            &[("k=ey", "v'v"), ("x", "\"\"")],
        ),
        // Non-ASCII text around the quotes.
        (
            "é='ü''é''';ß=\"日\"\"本\"",
            &[("é", "ü'é'"), ("ß", "日\"本")],
        ),
    ];
    for &(s, want) in table {
        let cs = ConnectionString::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        let early = cs.clone();
        for &(k, v) in want {
            assert_eq!(cs.get(k), Some(v), "{s} {k}");
        }
        assert_eq!(cs.iter().collect::<Vec<_>>(), want, "{s}");
        let late = cs.clone();
        for other in [&early, &late] {
            let backwards: Vec<_> = other.iter().rev().collect();
            assert_eq!(
                backwards,
                want.iter().rev().copied().collect::<Vec<_>>(),
                "{s}"
            );
            assert_eq!(other, &cs, "{s}");
        }
    }
}
