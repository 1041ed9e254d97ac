//! Helpers shared by the table tests.
#![allow(dead_code)]

use zoomconn::{ConnectionString, ErrorKind, Syntax};

/// Asserts that `input` fails to parse with exactly this error: its message, and a `Display`
/// of `line:column: syntax/kind: message`.
#[track_caller]
pub(crate) fn assert_parse_error(
    input: &str,
    syntax: Syntax,
    kind: ErrorKind,
    offset: usize,
    line: usize,
    column: usize,
    message: &str,
) {
    let err = match ConnectionString::parse_with(input, syntax) {
        Ok(cs) => panic!("{input:?} parsed as {cs:?}"),
        Err(e) => e,
    };
    assert_eq!(err.kind(), kind, "kind of {input:?}");
    assert_eq!(
        (err.offset(), err.line(), err.column()),
        (offset, line, column),
        "position of {input:?}"
    );
    assert_eq!(err.message(), message, "message of {input:?}");
    assert_eq!(
        err.to_string(),
        format!("{line}:{column}: syntax/{}: {message}", kind.as_str()),
        "Display of {input:?}"
    );
}

/// Asserts that `input` parses to exactly these entries, in order.
#[track_caller]
pub(crate) fn assert_entries(input: &str, syntax: Syntax, entries: &[(&str, &str)]) {
    let cs =
        ConnectionString::parse_with(input, syntax).unwrap_or_else(|e| panic!("{input:?}: {e:?}"));
    assert_eq!(
        cs.iter().collect::<Vec<_>>(),
        entries,
        "entries of {input:?}"
    );
}
