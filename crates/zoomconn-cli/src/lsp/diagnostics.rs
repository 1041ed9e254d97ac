//! Findings as LSP diagnostics: `code` the rule name, `source` `zoomconn`, the help after the
//! message, the earlier occurrence of a duplicate as related information, and — when a base
//! URL for the rules' documentation is configured — `codeDescription` pointing at the rule's
//! row of the README's rules table (`{base}#rule-{name}`). Messages are the library's, which
//! never quote a secret.

use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Uri,
};
use zoomconn::{Finding, Severity};
use zoomconn_sources::Checked;

use super::analysis::{Analysis, Entry};
use super::documents::Document;
use super::positions::Encoding;

/// The `source` of every diagnostic.
pub(crate) const SOURCE: &str = "zoomconn";

/// The link to a rule's documentation: `{base}#rule-{rule}`, when a base is configured.
///
/// ```
/// let d = crate::lsp::diagnostics::rule_link(Some("https://example.org/zoomconn"), "invalid-enum");
/// assert_eq!(d.unwrap().href.as_str(), "https://example.org/zoomconn#rule-invalid-enum");
/// ```
pub(crate) fn rule_link(base: Option<&str>, rule: &str) -> Option<CodeDescription> {
    let href = format!("{}#rule-{rule}", base?.trim_end_matches('#'));
    href.parse::<Uri>()
        .ok()
        .map(|href| CodeDescription { href })
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
    }
}

/// The message and, on a line of its own, the help, as the string may show them (nothing
/// quoted when the whole string is secret).
pub(crate) fn message(checked: &Checked, finding: &Finding) -> String {
    let text = checked.message(finding);
    match checked.help(finding) {
        Some(help) => format!("{text}\nhelp: {help}"),
        None => text.into_owned(),
    }
}

pub(crate) fn one(
    uri: &Uri,
    doc: &Document,
    entry: &Entry,
    finding: &Finding,
    encoding: Encoding,
    docs: Option<&str>,
) -> Diagnostic {
    let range = doc.index.range(&doc.text, entry.range(finding), encoding);
    let related = finding.related_span().map(|r| {
        let offset = entry.checked.span(finding).start - finding.span().start;
        let file = entry.found.file_range(r.start + offset..r.end + offset);
        vec![DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), doc.index.range(&doc.text, file, encoding)),
            message: "the earlier occurrence".to_owned(),
        }]
    });
    Diagnostic {
        range,
        severity: Some(severity(finding.severity())),
        code: Some(NumberOrString::String(finding.rule().name().to_owned())),
        code_description: rule_link(docs, finding.rule().name()),
        source: Some(SOURCE.to_owned()),
        message: message(&entry.checked, finding),
        related_information: related,
        tags: None,
        data: None,
    }
}

/// Every diagnostic of a document: its problem first, then each string's findings.
pub(crate) fn diagnostics(
    uri: &Uri,
    doc: &Document,
    analysis: &Analysis,
    encoding: Encoding,
    docs: Option<&str>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(p) = &analysis.problem {
        out.push(Diagnostic {
            range: doc.index.range(&doc.text, p.offset..p.offset, encoding),
            severity: Some(DiagnosticSeverity::ERROR),
            code: Some(NumberOrString::String(p.rule.to_owned())),
            code_description: None,
            source: Some(SOURCE.to_owned()),
            message: p.message.clone(),
            related_information: None,
            tags: None,
            data: None,
        });
    }
    for entry in &analysis.entries {
        for finding in &entry.findings {
            out.push(one(uri, doc, entry, finding, encoding, docs));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_links_only_with_a_base() {
        #[rustfmt::skip]
        let table = [
            (Some("https://example.org/zoomconn"), Some("https://example.org/zoomconn#rule-invalid-enum")),
            (Some("https://example.org/r#"), Some("https://example.org/r#rule-invalid-enum")),
            (None, None),
        ];
        for (base, href) in table {
            let got = rule_link(base, "invalid-enum").map(|c| c.href.as_str().to_owned());
            assert_eq!(got.as_deref(), href, "{base:?}");
        }
    }
}
