//! `zoomconn parse`: the effective entries of one connection string.

use std::borrow::Cow;
use std::io;

use serde_json::json;
use zoomconn::{ConnectionString, Syntax};

use crate::ExitCode;
use crate::out::Out;
use crate::render::Shown;

/// The entries to show: secrets as `***` unless asked for.
fn entries(cs: &ConnectionString, show_secrets: bool) -> Vec<(Cow<'_, str>, Cow<'_, str>)> {
    if show_secrets {
        cs.iter()
            .map(|(k, v)| (Cow::Borrowed(k), Cow::Borrowed(v)))
            .collect()
    } else {
        cs.redacted_entries().collect()
    }
}

pub(crate) fn run(
    input: Result<String, (usize, String)>,
    odbc: bool,
    json: bool,
    show_secrets: bool,
    out: &mut Out,
) -> io::Result<ExitCode> {
    let syntax = if odbc { Syntax::Odbc } else { Syntax::Ado };
    let text = match input {
        Ok(t) => t,
        Err((offset, message)) => {
            if json {
                out.line(
                    &json!({"ok": false, "error": {"kind": "invalid-utf8", "message": message, "offset": offset, "line": 0, "column": 0}})
                        .to_string(),
                )?;
            } else {
                eprintln!("error: {message}");
            }
            return Ok(ExitCode::Findings);
        }
    };
    match ConnectionString::parse_with(&text, syntax) {
        Ok(cs) => {
            let canonical = if show_secrets {
                cs.to_canonical_string()
            } else {
                // The canonical form of the redacted string: secrets as ***.
                ConnectionString::parse_with(&cs.redacted(), syntax)
                    .map(|r| r.to_canonical_string())
                    .unwrap_or_default()
            };
            if json {
                let entries: Vec<_> = entries(&cs, show_secrets)
                    .into_iter()
                    .map(|(k, v)| json!({"key": k, "value": v}))
                    .collect();
                out.line(
                    &json!({"ok": true, "entries": entries, "canonical": canonical}).to_string(),
                )?;
            } else {
                // Keys and values come from input: control characters are escaped (and, without
                // --show-secrets, what the secrets module calls secret stays masked).
                let shown = |t: &str| {
                    if show_secrets {
                        Shown::exposed(t)
                    } else {
                        Shown::new(t)
                    }
                };
                for (k, v) in entries(&cs, show_secrets) {
                    out.line(&format!("{} = {}", shown(&k), shown(&v)))?;
                }
            }
            Ok(ExitCode::Clean)
        }
        Err(e) => {
            if json {
                out.line(
                    &json!({"ok": false, "error": {"kind": e.kind().as_str(), "message": e.message(), "offset": e.offset(), "line": e.line(), "column": e.column()}})
                        .to_string(),
                )?;
            } else {
                eprintln!(
                    "error[syntax/{}]: {} at line {}, column {} (byte {})",
                    e.kind(),
                    e.message(),
                    e.line(),
                    e.column(),
                    e.offset()
                );
            }
            Ok(ExitCode::Findings)
        }
    }
}
