//! Syntax errors: input → exact kind, byte offset, line, column and message.

use crate::util;

use util::{assert_entries, assert_parse_error};
use zoomconn::ErrorKind::*;
use zoomconn::Syntax::{Ado, Odbc};

#[test]
fn error_table() {
    #[rustfmt::skip]
    let table: &[(&str, zoomconn::Syntax, zoomconn::ErrorKind, usize, usize, usize, &str)] = &[
        ("Profile", Ado, MissingEquals, 0, 1, 1, "missing `=` after key `Profile`"),
        ("a=1;b", Ado, MissingEquals, 4, 1, 5, "missing `=` after key `b`"),
        ("a=1;\n  b ", Ado, MissingEquals, 7, 2, 3, "missing `=` after key `b`"),
        ("=1", Ado, EmptyKey, 0, 1, 1, "empty key before `=`"),
        ("a=1; =2", Ado, EmptyKey, 5, 1, 6, "empty key before `=`"),
        ("a\u{1}b=1", Ado, ControlInKey, 0, 1, 1, "control character U+0001 in key `a`"),
        ("x=1;a\tb=1", Ado, InvalidKey, 4, 1, 5, "invalid key `a\\tb`: it contains the control character U+0009"),
        ("a=\u{1}", Ado, ControlInValue, 0, 1, 1, "control character U+0001 where the value of key `a` should start"),
        ("a=1; \u{7f}", Ado, ControlBeforeKey, 4, 1, 5, "control character U+007F where a key should start"),
        ("Profile=Zoom.apip;\nPassword='abc", Ado, UnterminatedQuote, 19, 2, 1, "unterminated quoted value for key `Password`"),
        ("a=\"x\0\"", Ado, NulInQuote, 0, 1, 1, "NUL character inside the quoted value of key `a`"),
        ("Scope='a'b", Ado, TextAfterQuote, 0, 1, 1, "unexpected text after the closing quote of the value of key `Scope`"),
        ("a=b'", Ado, QuoteEndsValue, 0, 1, 1, "unquoted value of key `a` ends in a quote character; quote the whole value"),
        ("a={b;c", Odbc, UnterminatedBrace, 0, 1, 1, "unterminated braced value for key `a`"),
        ("a=1\0;b=2", Ado, TextAfterNul, 4, 1, 5, "unexpected character U+003B after a NUL character that ended the data"),
        ("a==b", Ado, MissingEquals, 0, 1, 1, "missing `=` after key `a=b`"),
        ("ü=1;ö", Ado, MissingEquals, 5, 1, 5, "missing `=` after key `ö`"),
        // Text after a secret value is withheld: it may be part of the secret.
        ("OAuthClientSecret=ab;cd", Ado, MissingEquals, 21, 1, 22,
         "missing `=` after the key after the secret value of `OAuthClientSecret` (text withheld); a `;` inside a value must be quoted"),
        ("Password=x;y='1", Ado, UnterminatedQuote, 11, 1, 12,
         "unterminated quoted value for the key after the secret value of `Password` (text withheld)"),
    ];
    for &(input, syntax, kind, offset, line, column, message) in table {
        assert_parse_error(input, syntax, kind, offset, line, column, message);
    }
}

#[test]
fn errors_never_contain_values() {
    for input in [
        "Password='s3cr3t",
        "Scope=\"v4lue'",
        "a=v4lue'",
        "a=v4lue\u{1}b",
    ] {
        let err = zoomconn::ConnectionString::parse(input).unwrap_err();
        let text = format!("{err} {err:?}");
        assert!(
            !text.contains("s3cr3t") && !text.contains("v4lue"),
            "{text}"
        );
    }
}

#[test]
fn error_is_send_sync_static_error() {
    fn check<E: std::error::Error + Send + Sync + 'static>() {}
    check::<zoomconn::ParseError>();
    check::<zoomconn::Error>();
    check::<zoomconn::WriteError>();
}

/// Input, syntax, the effective entries in order.
type Row = (
    &'static str,
    zoomconn::Syntax,
    &'static [(&'static str, &'static str)],
);

#[test]
fn grammar_table() {
    #[rustfmt::skip]
    let table: &[Row] = &[
        ("", Ado, &[]),
        (" ;; ; ", Ado, &[]),
        ("a;b=1", Ado, &[("a;b", "1")]),
        ("Profile=Zoom.apip;BadKey;CallbackUrl=x", Ado, &[("Profile", "Zoom.apip"), ("BadKey;CallbackUrl", "x")]),
        (" a b =1", Ado, &[("a b", "1")]),
        ("a==b=1", Ado, &[("a=b", "1")]),
        ("a===1", Ado, &[("a=", "1")]),
        ("a = = b", Ado, &[("a", "= b")]),
        ("a=1\nb=2", Ado, &[("a", "1\nb=2")]),
        ("a=b=c", Ado, &[("a", "b=c")]),
        ("Secret=abc==", Ado, &[("Secret", "abc==")]),
        ("a='b''c'", Ado, &[("a", "b'c")]),
        ("a=\"x;y\" ; b=''", Ado, &[("a", "x;y"), ("b", "")]),
        ("a=1;A=2", Ado, &[("a", "2")]),
        ("a=1;b=2;a=;c=3;A=4", Ado, &[("b", "2"), ("c", "3"), ("A", "4")]),
        ("a=1\0 \0", Ado, &[("a", "1")]),
        ("a={x;y}}z};b='q", Odbc, &[("a", "{x;y}}z}"), ("b", "'q")]),
        ("a==b", Odbc, &[("a", "=b")]),
        ("a=b'", Odbc, &[("a", "b'")]),
        // Keys compare as .NET's OrdinalIgnoreCase: `ß` has no one-char uppercase, so `ẞ` is
        // another key; `µ` and `Μ` are one.
        ("ẞ=1;ß=2", Ado, &[("ẞ", "1"), ("ß", "2")]),
        ("µ=1;Μ=2", Ado, &[("µ", "2")]),
    ];
    for &(input, syntax, entries) in table {
        assert_entries(input, syntax, entries);
    }
}
