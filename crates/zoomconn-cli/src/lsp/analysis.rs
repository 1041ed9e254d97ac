//! What `zoomconn check` sees in a document: its connection strings as the library finds
//! them, each validated, with the findings that no `zoomconn:allow(…)` marker allows — the
//! same library calls as `check`, on the editor's text. Hover, completion and code actions
//! read the same analysis.

use zoomconn::Finding;
use zoomconn_sources::{self as sources, Allowances, Checked, Found, Kind, LineIndex, Options};

use super::documents::Document;

/// A problem with the whole document: it does not parse as its kind, holds NUL bytes, or is
/// over the size limit.
#[derive(Debug, Clone)]
pub(crate) struct Problem {
    /// The rule name the CLI reports it under (`invalid-json`, `binary-file`…).
    pub rule: &'static str,
    /// The message (never text of the document but what the readers quote for positions).
    pub message: String,
    /// Where, as a byte offset.
    pub offset: usize,
}

/// One connection string and its findings.
pub(crate) struct Entry {
    pub found: Found,
    pub checked: Checked,
    /// The findings no marker allows, in order.
    pub findings: Vec<Finding>,
}

impl Entry {
    /// The file byte range of a finding.
    pub(crate) fn range(&self, finding: &Finding) -> std::ops::Range<usize> {
        self.found.file_range(self.checked.span(finding))
    }

    /// Where the validated text starts in [`Found::text`] (after a `jdbc:` prefix): the offset
    /// of finding spans.
    pub(crate) fn body_offset(&self) -> usize {
        self.found.prefix().len()
    }

    /// The decoded offset of file byte `offset` (which must be inside the string's span): the
    /// last char of the text that starts at or before it.
    pub(crate) fn decoded(&self, offset: usize) -> usize {
        let text = self.found.text();
        let (mut lo, mut hi) = (0, text.len());
        // The largest i with file_offset(i) <= offset; file offsets grow with i.
        while lo < hi {
            let mid = lo + (hi - lo).div_ceil(2);
            if self.found.file_range(mid..mid).start <= offset {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        while !text.is_char_boundary(lo) {
            lo -= 1;
        }
        lo
    }
}

/// A document's analysis.
pub(crate) struct Analysis {
    /// The version it was made from.
    pub version: i32,
    /// The connection strings, in document order.
    pub entries: Vec<Entry>,
    /// A problem with the whole document.
    pub problem: Option<Problem>,
}

/// Kinds whose reader parses the whole file first: a syntax error gives no string.
fn structured(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Json | Kind::Xml | Kind::Yaml | Kind::Ini | Kind::OdbcIni
    )
}

/// Analyses a document. Over the size limit or holding NUL, only that problem. When a
/// structured document does not parse (the editor holds it half-typed), the parse error and
/// the strings its text holds read as source code — string literals shaped like CData
/// strings — so that their findings stay while the file is being edited.
pub(crate) fn analyze(doc: &Document) -> Analysis {
    let text = doc.text.as_str();
    let mut analysis = Analysis {
        version: doc.version,
        entries: Vec::new(),
        problem: None,
    };
    if text.len() as u64 > sources::DEFAULT_MAX_SIZE {
        analysis.problem = Some(Problem {
            rule: sources::SourceErrorKind::TooLarge.rule(),
            message: format!(
                "the document is larger than the size limit of {} MiB: not checked",
                sources::DEFAULT_MAX_SIZE >> 20
            ),
            offset: 0,
        });
        return analysis;
    }
    if let Some(at) = text.find('\0') {
        analysis.problem = Some(Problem {
            rule: sources::SourceErrorKind::Binary.rule(),
            message: "holds NUL bytes: a binary document, not checked".to_owned(),
            offset: at,
        });
        return analysis;
    }
    let options = Options::default().language(doc.language);
    let found: Vec<_> = match sources::find(text, doc.kind, &options) {
        Ok(found) => found.collect(),
        Err(e) => {
            analysis.problem = Some(Problem {
                rule: e.kind().rule(),
                message: e.message().to_owned(),
                offset: e.position().map_or(0, |p| p.offset),
            });
            if structured(doc.kind) {
                sources::find(text, Kind::Code, &options)
                    .map_or_else(|_| Vec::new(), Iterator::collect)
            } else {
                Vec::new()
            }
        }
    };
    let lines = LineIndex::new(text);
    let allow = Allowances::scan(text, &lines);
    for found in found {
        let checked = found.validate();
        let string_line = found.start().line;
        let findings = checked
            .findings()
            .filter(|f| {
                let at = found.file_range(checked.span(f)).start;
                allow.is_empty()
                    || !allow.allows(f.rule().name(), lines.locate(text, at).line, string_line)
            })
            .cloned()
            .collect();
        analysis.entries.push(Entry {
            found,
            checked,
            findings,
        });
    }
    analysis
}

impl Analysis {
    /// The string whose text holds file byte `offset` (its end included, so that a cursor
    /// just after the last char is inside), and the decoded offset there.
    pub(crate) fn at(&self, offset: usize) -> Option<(&Entry, usize)> {
        let i = self
            .entries
            .partition_point(|e| e.found.span().end < offset);
        let entry = self.entries.get(i)?;
        let span = entry.found.span();
        (span.start <= offset && offset <= span.end).then(|| (entry, entry.decoded(offset)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::documents::Documents;

    fn analysis(name: &str, text: &str) -> Analysis {
        let mut docs = Documents::default();
        let uri: lsp_types::Uri = format!("file:///p/{name}").parse().unwrap();
        docs.open(uri.clone(), text.to_owned(), 1);
        analyze(docs.get(&uri).unwrap())
    }

    #[test]
    fn findings_as_check_has_them() {
        #[rustfmt::skip]
        let table: &[(&str, &str, Option<&str>, &[&str])] = &[
            ("a.env", "Z=Profile=Zoom.apip;AuthScheme=OAuth2\n", None, &["invalid-enum"]),
            ("a.env", "# zoomconn:allow(invalid-enum)\nZ=Profile=Zoom.apip;AuthScheme=OAuth2\n", None, &[]),
            // A half-typed JSON file: the parse error, and the string's findings still.
            ("appsettings.json", "{\"Z\": \"Profile=Zoom.apip;AuthScheme=OAuth2\",\n", Some("invalid-json"), &["invalid-enum"]),
            ("a.env", "Z=Profile=Zoom.apip;\0AuthScheme=OAuth2\n", Some("binary-file"), &[]),
        ];
        for (name, text, problem, rules) in table {
            let a = analysis(name, text);
            let got: Vec<&str> = a
                .entries
                .iter()
                .flat_map(|e| e.findings.iter().map(|f| f.rule().name()))
                .collect();
            assert_eq!(got, *rules, "{text}");
            assert_eq!(a.problem.map(|p| p.rule), *problem, "{text}");
        }
    }

    #[test]
    fn file_offsets_map_back_through_escapes() {
        let text = r#"{"Z": "Profile=Zoom.apip;Scope=\"a\";AuthScheme=OAuth"}"#;
        let a = analysis("appsettings.json", text);
        let table = [
            ("Profile", "Profile"),
            ("\\\"a", "\"a"),
            ("\"a\\", "\"a"),
            ("a\\\"", "a\""),
            ("OAuth\"}", "OAuth"),
        ];
        for (in_file, in_string) in table {
            let at = text.find(in_file).unwrap();
            let (entry, d) = a.at(at).unwrap();
            assert!(entry.found.text()[d..].starts_with(in_string), "{in_file}");
        }
        assert!(a.at(0).is_none());
    }
}
