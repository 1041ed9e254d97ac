//! Keys compare as .NET's `StringComparer.OrdinalIgnoreCase` compares them: each char by its
//! simple uppercase mapping, one char for one, with `ı` and `ſ` kept as themselves. A repeated
//! key merges into the first entry; a key that differs stays an entry of its own.

use zoomconn::{ConnectionString, Syntax};

/// Two keys, and whether they are the same key.
const PAIRS: &[(&str, &str, bool)] = &[
    // ASCII: the fast path.
    ("Profile", "PROFILE", true),
    ("OAuthClientSecret", "oauthclientsecret", true),
    ("a", "b", false),
    // Letters with a one-char uppercase.
    ("Größe", "GRÖßE", true),
    ("ÄÖÜ", "äöü", true),
    ("ς", "σ", true),
    ("ς", "Σ", true),
    ("σ", "Σ", true),
    ("µ", "μ", true),
    ("µ", "Μ", true),
    ("μ", "Μ", true),
    ("ǅ", "Ǆ", true),
    ("ǅ", "ǆ", true),
    ("Ω", "ω", true),
    ("ᾳ", "ᾼ", true),
    // `ᾀ`'s full uppercase is `ἈΙ`, its simple uppercase `ᾈ`.
    ("ᾈ", "ᾀ", true),
    ("\u{10428}", "\u{10400}", true),
    // Chars whose uppercase is themselves (or several chars): they stay apart.
    ("ẞ", "ß", false),
    ("ß", "SS", false),
    ("İ", "i", false),
    ("İ", "I", false),
    ("ı", "i", false),
    ("ı", "I", false),
    ("ſ", "s", false),
    ("ſ", "S", false),
    ("\u{212A}", "k", false),
    ("\u{212A}", "K", false),
    ("\u{212B}", "Å", false),
    ("\u{2126}", "Ω", false),
    ("ﬁ", "FI", false),
    ("ᾈ", "ἈΙ", false),
];

#[test]
fn repeated_keys_merge_as_dotnet_merges_them() {
    for syntax in [Syntax::Ado, Syntax::Odbc] {
        for &(a, b, same) in PAIRS {
            let text = format!("{a}=1;{b}=2");
            let cs = ConnectionString::parse_with(&text, syntax).unwrap();
            let entries: Vec<(&str, &str)> = cs.iter().collect();
            let want: Vec<(&str, &str)> = if same {
                vec![(a, "2")]
            } else {
                vec![(a, "1"), (b, "2")]
            };
            assert_eq!(entries, want, "{text:?} {syntax:?}");
            assert_eq!(cs.get(b), Some("2"), "{text:?}");
            assert_eq!(cs.get(a), Some(if same { "2" } else { "1" }), "{text:?}");
            assert_eq!(
                zoomconn::ConnectionString::keys_match(a, b),
                same,
                "{a} {b}"
            );
            // A null value removes the key it names, and only that key.
            let removed = ConnectionString::parse_with(&format!("{a}=1;{b}="), syntax).unwrap();
            assert_eq!(removed.len(), usize::from(!same), "{a} {b}");
        }
    }
}

/// Equal maps hash equally: maps that differ only in the case of their keys are equal.
#[test]
fn maps_with_keys_of_other_case_are_equal() {
    use std::collections::hash_map::DefaultHasher;
    use std::hash::{Hash, Hasher};
    let hash = |cs: &ConnectionString| {
        let mut h = DefaultHasher::new();
        cs.hash(&mut h);
        h.finish()
    };
    for &(a, b, same) in PAIRS {
        let x = ConnectionString::parse(&format!("{a}=1")).unwrap();
        let y = ConnectionString::parse(&format!("{b}=1")).unwrap();
        assert_eq!(x == y, same, "{a} {b}");
        if same {
            assert_eq!(hash(&x), hash(&y), "{a} {b}");
        }
    }
}
