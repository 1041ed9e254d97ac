//! A SARIF 2.1.0 log that GitHub code scanning accepts, written as results come: the header
//! (tool, rules) first, each result as it is reported, then the notifications about files
//! that could not be read and the closing brackets. Memory does not grow with the results.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Diagnostic, Shown};
use zoomconn::{Rule, Severity};
use zoomconn_sources::SourceErrorKind;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// Writes a SARIF log to `W` as results arrive.
///
/// ```
/// use crate::render::{Diagnostic, SarifWriter, Shown};
/// let e = zoomconn_sources::find("[", zoomconn_sources::Kind::Json, &Default::default()).unwrap_err();
/// let mut w = SarifWriter::new(Vec::new())?;
/// w.result(&Diagnostic::from_error("x.json", &e), 0)?;
/// w.notification(&Shown::new("y.json"), &Shown::new("skipped: larger than the size limit of 64 MiB"))?;
/// let log: serde_json::Value = serde_json::from_slice(&w.finish()?).unwrap();
/// assert_eq!(log["runs"][0]["results"][0]["ruleId"], "invalid-json");
/// assert_eq!(log["runs"][0]["invocations"][0]["toolExecutionNotifications"].as_array().unwrap().len(), 1);
/// # Ok::<(), std::io::Error>(())
/// ```
pub struct SarifWriter<W: Write> {
    out: W,
    results: usize,
    notifications: Vec<Value>,
}

/// Every rule: the connection-string rules, then the file rules.
fn rules() -> Vec<Value> {
    let mut rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.name(),
                "name": r.name(),
                "shortDescription": { "text": r.summary() },
                "fullDescription": { "text": r.summary() },
                "help": { "text": format!("{} — run `zoomconn explain` for the properties involved.", r.summary()) },
                "defaultConfiguration": { "level": level(r.severity()) },
            })
        })
        .collect();
    rules.extend(SourceErrorKind::ALL.iter().map(|k| {
        json!({
            "id": k.rule(),
            "name": k.rule(),
            "shortDescription": { "text": k.summary() },
            "fullDescription": { "text": k.summary() },
            "defaultConfiguration": { "level": "error" },
        })
    }));
    rules
}

fn rule_index(rule: &str) -> usize {
    Rule::ALL
        .iter()
        .map(|r| r.name())
        .chain(SourceErrorKind::ALL.iter().map(|k| k.rule()))
        .position(|r| r == rule)
        .unwrap_or(0)
}

impl<W: Write> SarifWriter<W> {
    /// Writes the log's header.
    ///
    /// # Errors
    ///
    /// Writing to `out` fails.
    pub fn new(mut out: W) -> io::Result<SarifWriter<W>> {
        let driver = json!({
            "name": "zoomconn",
            "version": env!("CARGO_PKG_VERSION"),
            "informationUri": "https://crates.io/crates/zoomconn",
            "rules": rules(),
        });
        write!(
            out,
            "{{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{{\"tool\":{{\"driver\":{driver}}},\"columnKind\":\"unicodeCodePoints\",\"results\":["
        )?;
        Ok(SarifWriter {
            out,
            results: 0,
            notifications: Vec::new(),
        })
    }

    /// Writes one result; `occurrence` is as for [`Diagnostic::fingerprint`].
    ///
    /// # Errors
    ///
    /// Writing to the output fails.
    pub fn result(&mut self, d: &Diagnostic, occurrence: usize) -> io::Result<()> {
        let mut message = d.message.to_string();
        if let Some(help) = &d.help {
            message.push_str(" (help: ");
            message.push_str(help.as_str());
            message.push(')');
        }
        let result = json!({
            "ruleId": d.rule,
            "ruleIndex": rule_index(d.rule),
            "level": level(d.severity),
            "message": { "text": message },
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": { "uri": d.path.as_str().trim_start_matches("./") },
                    "region": {
                        "startLine": d.start.line,
                        "startColumn": d.start.column,
                        "endLine": d.end.line,
                        "endColumn": d.end.column.max(d.start.column),
                    }
                }
            }],
            "partialFingerprints": { "zoomconn/v1": d.fingerprint(occurrence) },
            "properties": {
                "name": d.name.as_ref().map(Shown::as_str),
                "driver": d.driver.as_ref().map(Shown::as_str),
                "profile": d.profile.as_ref().map(Shown::as_str),
            },
        });
        if self.results > 0 {
            self.out.write_all(b",")?;
        }
        self.results += 1;
        write!(self.out, "{result}")
    }

    /// Records a notification about a file (skipped, unreadable), written at the end.
    ///
    /// # Errors
    ///
    /// Never; the signature leaves room for writing it at once.
    pub fn notification(&mut self, path: &Shown, message: &Shown) -> io::Result<()> {
        self.notification_at(path, message, "warning")
    }

    /// [`notification`](Self::notification) at a level (`note`, `warning`, `error`).
    ///
    /// # Errors
    ///
    /// Never; the signature leaves room for writing it at once.
    pub fn notification_at(
        &mut self,
        path: &Shown,
        message: &Shown,
        level: &str,
    ) -> io::Result<()> {
        self.notifications.push(json!({
            "level": level,
            "message": { "text": message.as_str() },
            "locations": [{ "physicalLocation": { "artifactLocation": { "uri": path.as_str().trim_start_matches("./") } } }],
        }));
        Ok(())
    }

    /// Writes the notifications and closes the log; returns the output.
    ///
    /// # Errors
    ///
    /// Writing to the output fails.
    pub fn finish(mut self) -> io::Result<W> {
        let invocation = json!({
            "executionSuccessful": true,
            "toolExecutionNotifications": self.notifications,
        });
        writeln!(self.out, "],\"invocations\":[{invocation}]}}]}}")?;
        Ok(self.out)
    }
}
