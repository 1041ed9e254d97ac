//! Writing keys and values (`docs/canonical-form.md`): canonical quoting for ADO, raw-or-reject for ODBC.

use crate::grammar::chars;
use crate::grammar::error::{PairError, WriteError};
use crate::grammar::syntax::Syntax;
use crate::grammar::tokenizer::Tokenizer;

/// Checks that `key` can be written so that it reads back unchanged.
pub(crate) fn check_key(key: &str, syntax: Syntax) -> Result<(), WriteError> {
    let Some(first) = key.chars().next() else {
        return Err(WriteError::EmptyKey);
    };
    if first.is_whitespace() || key.chars().next_back().is_some_and(char::is_whitespace) {
        return Err(WriteError::KeyWhitespace);
    }
    if first == ';' {
        return Err(WriteError::KeySemicolon);
    }
    if key.chars().any(chars::is_ctl) {
        return Err(WriteError::KeyControl);
    }
    if syntax == Syntax::Odbc && key.contains('=') {
        return Err(WriteError::KeyEquals);
    }
    Ok(())
}

/// Appends `key` with each `=` doubled (ADO) — call [`check_key`] first.
pub(crate) fn push_key(out: &mut String, key: &str) {
    if key.contains('=') {
        out.push_str(&key.replace('=', "=="));
    } else {
        out.push_str(key);
    }
}

/// Does an ADO value need quotes? Only where the grammar would read it otherwise, or where a
/// raw value would be hard to read: the empty value; white space at either end (trimmed); a `;`
/// (it ends the value); a quote at either end (a leading one opens a quoted value, a trailing
/// one is an error); a leading `=` (it would double the key's `=`); a leading `{` (ODBC
/// readers brace it); a control character, line breaks and tabs included. Interior spaces,
/// `=` and quotes are written as they are (`Logfile=C:\My Logs\zoom.log`).
fn needs_quotes(value: &str) -> bool {
    let (Some(first), Some(last)) = (value.chars().next(), value.chars().next_back()) else {
        return true;
    };
    matches!(first, '"' | '\'' | '=' | '{')
        || matches!(last, '"' | '\'')
        || first.is_whitespace()
        || last.is_whitespace()
        || value.chars().any(|c| c == ';' || c.is_control())
}

/// Appends `value` in canonical form for `syntax`.
pub(crate) fn push_value(out: &mut String, value: &str, syntax: Syntax) -> Result<(), WriteError> {
    if value.contains('\0') {
        return Err(WriteError::ValueNul);
    }
    match syntax {
        Syntax::Ado => {
            if !needs_quotes(value) {
                out.push_str(value);
            } else if value.contains('"') && !value.contains('\'') {
                out.push('\'');
                out.push_str(value);
                out.push('\'');
            } else {
                out.push('"');
                out.push_str(&value.replace('"', "\"\""));
                out.push('"');
            }
        }
        Syntax::Odbc => {
            if !odbc_raw_ok(value) {
                return Err(WriteError::OdbcValue);
            }
            out.push_str(value);
        }
    }
    Ok(())
}

/// Can `value` be written raw and read back unchanged?
fn raw_ok(value: &str, syntax: Syntax) -> bool {
    let probe = format!("k={value}");
    let mut t = Tokenizer::with_syntax(&probe, syntax);
    matches!((t.next(), t.next()), (Some(Ok(seg)), None) if seg.value() == Some(value))
}

/// Can `value` be written raw in ODBC syntax and read back unchanged?
fn odbc_raw_ok(value: &str) -> bool {
    raw_ok(value, Syntax::Odbc)
}

/// Appends `key=value` in canonical form (no separator).
pub(crate) fn push_pair(
    out: &mut String,
    key: &str,
    value: &str,
    syntax: Syntax,
) -> Result<(), WriteError> {
    check_key(key, syntax)?;
    push_key(out, key);
    out.push('=');
    push_value(out, value, syntax)
}

/// Writes `key=value;` pairs in canonical form: the builder of connection strings.
///
/// # Errors
///
/// A [`PairError`]: the index of the first pair whose key or value cannot be written, and why
/// (see [`WriteError`]).
///
/// ```
/// use zoomconn::{write_pairs, Syntax};
/// let s = write_pairs([("Profile", "Zoom.apip"), ("Scope", "a b"), ("X", "\"q\" it's")], Syntax::Ado)?;
/// assert_eq!(s, r#"Profile=Zoom.apip;Scope=a b;X="""q"" it's";"#);
/// assert!(write_pairs([(" bad", "1")], Syntax::Ado).is_err());
/// # Ok::<(), zoomconn::PairError>(())
/// ```
pub fn write_pairs<K: AsRef<str>, V: AsRef<str>>(
    pairs: impl IntoIterator<Item = (K, V)>,
    syntax: Syntax,
) -> Result<String, PairError> {
    let mut out = String::new();
    for (i, (k, v)) in pairs.into_iter().enumerate() {
        push_pair(&mut out, k.as_ref(), v.as_ref(), syntax).map_err(|e| PairError::new(i, e))?;
        out.push(';');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ado_value_table() {
        for (value, written) in [
            ("abc", "abc"),
            ("", "\"\""),
            ("a b", "a b"),
            (r"C:\My Logs\zoom.log", r"C:\My Logs\zoom.log"),
            ("a=b", "a=b"),
            ("abc==", "abc=="),
            ("=b", "\"=b\""),
            ("it's", "it's"),
            ("say \"hi\"", "'say \"hi\"'"),
            ("\"hi\" all", "'\"hi\" all'"),
            (" a", "\" a\""),
            ("a ", "\"a \""),
            ("a;b", "\"a;b\""),
            ("a\tb", "\"a\tb\""),
            ("a\nb", "\"a\nb\""),
            ("'\"", "\"'\"\"\""),
            ("{x}", "\"{x}\""),
            ("x{y}", "x{y}"),
            ("ü", "ü"),
            ("a\u{a0}b", "a\u{a0}b"),
            ("\u{a0}b", "\"\u{a0}b\""),
            ("a\u{85}", "\"a\u{85}\""),
        ] {
            let mut out = String::new();
            push_value(&mut out, value, Syntax::Ado).unwrap();
            assert_eq!(out, written, "{value:?}");
        }
        assert_eq!(
            push_value(&mut String::new(), "a\0", Syntax::Ado),
            Err(WriteError::ValueNul)
        );
    }

    proptest::proptest! {
        /// The plain twin of `needs_quotes`: a value written raw reads back unchanged.
        #[test]
        fn a_raw_value_reads_back(value in "[ a-z'\"=;{}\t\n\u{a0}\u{85}\u{1}]{0,8}") {
            if !needs_quotes(&value) {
                proptest::prop_assert!(raw_ok(&value, Syntax::Ado), "{:?}", value);
            }
            let mut out = String::from("k=");
            if push_value(&mut out, &value, Syntax::Ado).is_ok() {
                let mut t = Tokenizer::new(&out);
                let seg = t.next().unwrap().unwrap();
                proptest::prop_assert_eq!(seg.value(), Some(value.as_str()));
            }
        }
    }

    #[test]
    fn odbc_value_table() {
        for (value, ok) in [
            ("abc", true),
            ("{a;b}", true),
            ("{a}}b}", true),
            ("a;b", false),
            ("", false),
            (" a", false),
            ("{a}b}", false),
            ("it's", true),
        ] {
            assert_eq!(
                push_value(&mut String::new(), value, Syntax::Odbc).is_ok(),
                ok,
                "{value:?}"
            );
        }
    }
}
