//! The driver (fast paths and general path) against the reference tokenizer, and the reference
//! against the recorded .NET vectors.

use proptest::prelude::*;

use crate::grammar::reference::{self, driver_tokens};
use crate::grammar::syntax::Syntax;

/// Pieces of the grammar that trouble tokenizers: escapes, quotes, braces, separators, white
/// space and control characters of every kind, non-ASCII, NUL.
const PIECES: &[&str] = &[
    "a",
    "B",
    "Key",
    "OAuthClientSecret",
    "\u{212a}",
    "é",
    "=",
    "==",
    ";",
    ";;",
    " ",
    "\t",
    "\n",
    "\r\n",
    "\u{b}",
    "'",
    "''",
    "\"",
    "\"\"",
    "{",
    "}",
    "}}",
    "\0",
    "\u{85}",
    "\u{a0}",
    "\u{1f600}",
    "\u{3000}",
    "x;y",
    "1",
    "\u{1}",
    "\u{7f}",
    "\u{9f}",
    "a=b;",
    "k='v';",
    "k=\"v\"\";",
    "p={x;y};",
    "K=1; k=2;",
    "k=;",
    "a\tb=;",
    "a\tb=1;",
    // The spaced path: names and values with spaces, white space around `=`, `;` and quotes.
    "a b",
    " = ",
    "x y ",
    "k = 'v w' ;",
    "Auth Scheme=OAuth; ",
    "p = {x y} ;",
    "v=a b c ",
    "b='v'  ;",
    // Runs of spaces the word-at-a-time trims count: two, and past a word.
    "  ",
    "         ",
];

pub(crate) fn input() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::collection::vec(proptest::sample::select(PIECES), 0..16).prop_map(|p| p.concat()),
        "[a-cA=;'\"{} \t\n\u{0}é\u{85}\u{9f}\u{a0}\u{1}]{0,24}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8192))]

    #[test]
    fn the_driver_reads_what_the_reference_reads(s in input()) {
        for syntax in [Syntax::Ado, Syntax::Odbc] {
            prop_assert_eq!(driver_tokens(&s, syntax), reference::tokenize(&s, syntax), "{:?} {:?}", s, syntax);
        }
    }
}

#[test]
fn the_reference_reads_what_dotnet_reads() {
    let vectors = include_str!("../../tests/data/parse.jsonl");
    let extra = include_str!("../../tests/data/parse_extra.jsonl");
    let mut checked = 0;
    for line in vectors.lines().chain(extra.lines()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        if v["runtime_specific"] == true {
            continue;
        }
        let input = v["input"].as_str().unwrap();
        for (name, syntax) in [("ado", Syntax::Ado), ("odbc", Syntax::Odbc)] {
            let want = &v[name];
            let (segments, error) = reference::tokenize(input, syntax);
            match (want["ok"].as_bool().unwrap(), error) {
                (true, None) => {
                    let mut got: Vec<_> = reference::entries(&segments)
                        .into_iter()
                        .map(|(k, v)| (k.to_lowercase(), v))
                        .collect();
                    let mut expected: Vec<_> = want["pairs"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|p| {
                            let key = p[0].as_str().unwrap().to_lowercase();
                            (key, p[1].as_str().unwrap().to_owned())
                        })
                        .collect();
                    got.sort();
                    expected.sort();
                    assert_eq!(got, expected, "{input:?} {name}");
                }
                (false, Some((kind, offset))) => {
                    let invalid_key = kind == crate::ErrorKind::InvalidKey;
                    assert_eq!(
                        want["kind"] == "invalid-key",
                        invalid_key,
                        "{input:?} {name}"
                    );
                    if let Some(at) = want.get("byte_offset").and_then(|o| o.as_u64()) {
                        assert_eq!(offset as u64, at, "{input:?} {name}");
                    }
                }
                (ok, error) => panic!("{input:?} {name}: ok {ok}, reference {error:?}"),
            }
            checked += 1;
        }
    }
    assert!(checked > 1700, "{checked}");
}

/// Quoted values with any number of doubled quotes, past the ones the fast path pairs one scan
/// at a time, read as the reference reads them.
#[test]
fn many_doubled_quotes_read_as_the_reference_reads_them() {
    for n in 0..48 {
        for (q, tail) in [
            ('"', ";b=1"),
            ('\'', ""),
            ('"', "x"),
            ('\'', "  ;"),
            ('"', "\0"),
        ] {
            // A pair read as a closing quote would end the value early at a `;`.
            for unit in ["y", ";b=2"] {
                let s = format!("a={q}{}x{q}{tail}", format!("{q}{q}{unit}").repeat(n));
                for syntax in [Syntax::Ado, Syntax::Odbc] {
                    let want = reference::tokenize(&s, syntax);
                    assert_eq!(driver_tokens(&s, syntax), want, "{s:?}");
                }
            }
        }
    }
}

/// White space between a key and its `=` (a tab that aligns the `=`), which the fast path
/// takes, next to the shapes around it that it leaves to the general path: white space inside
/// a key, before `;` or at the end, an `==` escape or a second `=` after the white space,
/// vertical tab and form feed, non-ASCII white space.
#[test]
fn white_space_before_equals_reads_as_the_reference() {
    for s in [
        "a\t=1",
        "a \t =1",
        "a\t\t=",
        "\ta\t=\t'x''y'\t;\tb\t=\t2\t;",
        "a\t;b=1",
        "a\tb\t=1",
        "a\t\r\n=1",
        "a\u{b}=1",
        "a\u{c}=1",
        "a \t\n=\n1;",
        "a\t",
        "a\t=",
        "=\t=1",
        "a\t==b=1",
        "a\t= =1",
        "a\u{a0}=1",
        "a\u{3000}\t=1",
        "Auth Scheme\t=\tOAuth;\tOAuth Client Id\t=\t\"x\"\"y\";",
    ] {
        for syntax in [Syntax::Ado, Syntax::Odbc] {
            assert_eq!(
                driver_tokens(s, syntax),
                reference::tokenize(s, syntax),
                "{s:?} {syntax:?}"
            );
        }
    }
}
