//! Editing keeps every other byte: input, edit → exact output.

use zoomconn::{ConnectionString, Syntax, WriteError};

#[test]
fn set_table() {
    #[rustfmt::skip]
    let table: &[(&str, &str, &str, &str)] = &[
        // input, key, value, output
        ("a=1;b=2", "b", "3", "a=1;b=3"),
        ("a=1; B = 2 ;c=3", "b", "x y", "a=1; B = x y ;c=3"),
        ("a=1; B = 2 ;c=3", "b", " x", "a=1; B = \" x\" ;c=3"),
        ("a=1;b=2;", "c", "3", "a=1;b=2;c=3;"),
        ("a=1;b=2", "c", "3", "a=1;b=2;c=3"),
        ("a=1;b=2;  ", "c", "3", "a=1;b=2;c=3;  "),
        ("", "a", "1", "a=1;"),
        ("a=1;a=2", "A", "3", "a=1;a=3"),
        ("a=1;a=", "a", "3", "a=1;a=;a=3"),
        ("a='x''y'", "a", "it's \"q\"", "a=\"it's \"\"q\"\"\""),
        ("a=1\0", "b", "2", "a=1;b=2\0"),
        ("a=1", "k=ey", "", "a=1;k==ey=\"\""),
    ];
    for &(input, key, value, output) in table {
        let mut cs = ConnectionString::parse(input).unwrap();
        cs.set(key, value).unwrap();
        assert_eq!(cs.as_str(), output, "set({key:?}, {value:?}) on {input:?}");
        assert_eq!(cs.get(key), Some(value));
    }
}

#[test]
fn remove_table() {
    #[rustfmt::skip]
    let table: &[(&str, &str, &str, Option<&str>)] = &[
        ("a=1; b=2; c=3", "b", "a=1; c=3", Some("2")),
        ("a=1;b=2", "b", "a=1;", Some("2")),
        ("  a=1; b=2", "a", "  b=2", Some("1")),
        ("a=1;b=2;a=3;a=", "A", "b=2;", None),
        ("a=1", "z", "a=1", None),
    ];
    for &(input, key, output, old) in table {
        let mut cs = ConnectionString::parse(input).unwrap();
        assert_eq!(cs.remove(key).as_deref(), old, "{input:?}");
        assert_eq!(cs.as_str(), output, "remove({key:?}) from {input:?}");
    }
}

#[test]
fn unwritable_edits_are_refused_and_change_nothing() {
    let mut cs = ConnectionString::parse("a=1").unwrap();
    for (key, value, err) in [
        ("", "1", WriteError::EmptyKey),
        (" a", "1", WriteError::KeyWhitespace),
        (";a", "1", WriteError::KeySemicolon),
        ("a\u{1}", "1", WriteError::KeyControl),
        ("a", "x\0", WriteError::ValueNul),
    ] {
        assert_eq!(cs.set(key, value), Err(err), "{key:?}");
        assert_eq!(cs.as_str(), "a=1");
    }
    let mut odbc = ConnectionString::parse_with("a=1", Syntax::Odbc).unwrap();
    assert_eq!(odbc.set("b", "x;y"), Err(WriteError::OdbcValue));
    assert_eq!(odbc.set("b=c", "1"), Err(WriteError::KeyEquals));
    odbc.set("b", "{x;y}").unwrap();
    assert_eq!(odbc.as_str(), "a=1;b={x;y}");
}

#[test]
fn std_traits() {
    let a: ConnectionString = "A=1;b=2".parse().unwrap();
    let b = ConnectionString::try_from("a = 1 ; B=2").unwrap();
    assert_eq!(a, b, "equality is by entries, keys ignoring case");
    let c: ConnectionString = [("A", "1"), ("b", "2")].into_iter().collect();
    assert_eq!(c.as_str(), "A=1;b=2;");
    let mut d = ConnectionString::default();
    d.extend([("x", "1")]);
    assert_eq!(d.as_str(), "x=1;");
    let pairs: Vec<_> = (&c).into_iter().collect();
    assert_eq!(pairs, [("A", "1"), ("b", "2")]);
    use std::collections::HashSet;
    // The cache of decoded values is interior mutability that `Hash` and `Eq` never read.
    #[allow(clippy::mutable_key_type)]
    let set: HashSet<_> = [a.clone(), b.clone()].into_iter().collect();
    assert_eq!(set.len(), 1);
}
