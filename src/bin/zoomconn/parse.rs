//! `zoomconn parse`: the effective entries of one connection string.

use serde_json::json;
use zoomconn::{ConnectionString, Syntax};

use crate::ExitCode;

/// Secret values are shown as `***` unless asked for.
fn shown<'a>(key: &str, value: &'a str, show_secrets: bool) -> &'a str {
    if !show_secrets && zoomconn::registry::is_secret(key) {
        zoomconn::REDACTED
    } else {
        value
    }
}

pub fn run(
    input: Result<String, (usize, String)>,
    odbc: bool,
    json: bool,
    show_secrets: bool,
) -> ExitCode {
    let syntax = if odbc { Syntax::Odbc } else { Syntax::Ado };
    let text = match input {
        Ok(t) => t,
        Err((offset, message)) => {
            if json {
                println!(
                    "{}",
                    json!({"ok": false, "error": {"kind": "invalid-utf8", "message": message, "offset": offset, "line": 0, "column": 0}})
                );
            } else {
                eprintln!("error: {message}");
            }
            return ExitCode::Findings;
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
                let entries: Vec<_> = cs
                    .iter()
                    .map(|(k, v)| json!({"key": k, "value": shown(k, v, show_secrets)}))
                    .collect();
                println!(
                    "{}",
                    json!({"ok": true, "entries": entries, "canonical": canonical})
                );
            } else {
                for (k, v) in cs.iter() {
                    println!("{k} = {}", shown(k, v, show_secrets));
                }
            }
            ExitCode::Clean
        }
        Err(e) => {
            if json {
                println!(
                    "{}",
                    json!({"ok": false, "error": {"kind": e.kind().as_str(), "message": e.to_string(), "offset": e.offset(), "line": e.line(), "column": e.column()}})
                );
            } else {
                eprintln!(
                    "error[{}]: {e} at line {}, column {} (byte {})",
                    e.kind(),
                    e.line(),
                    e.column(),
                    e.offset()
                );
            }
            ExitCode::Findings
        }
    }
}
