//! A SARIF 2.1.0 log that GitHub code scanning accepts: rules with ids and help, results with
//! physical locations.

use serde_json::{Value, json};
use zoomconn::{Rule, Severity};

use super::Diagnostic;

#[derive(Default)]
pub struct Sarif {
    results: Vec<Value>,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

impl Sarif {
    pub fn push(&mut self, d: &Diagnostic<'_>) {
        let rule_index = Rule::ALL
            .iter()
            .position(|r| r.name() == d.rule)
            .unwrap_or(0);
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str(" (help: ");
            message.push_str(help);
            message.push(')');
        }
        self.results.push(json!({
            "ruleId": d.rule,
            "ruleIndex": rule_index,
            "level": level(d.severity),
            "message": { "text": message },
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": { "uri": d.path.trim_start_matches("./") },
                    "region": {
                        "startLine": d.start.line,
                        "startColumn": d.start.column,
                        "endLine": d.end.line,
                        "endColumn": d.end.column.max(d.start.column),
                        "byteOffset": d.range.start,
                        "byteLength": d.range.end - d.range.start,
                    }
                }
            }]
        }));
    }

    pub fn finish(self) -> String {
        let rules: Vec<Value> = Rule::ALL
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
        let log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {
                    "driver": {
                        "name": "zoomconn",
                        "version": env!("CARGO_PKG_VERSION"),
                        "informationUri": "https://crates.io/crates/zoomconn",
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": self.results,
            }]
        });
        serde_json::to_string_pretty(&log).unwrap_or_default()
    }
}
