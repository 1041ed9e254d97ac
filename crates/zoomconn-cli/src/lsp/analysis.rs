//! What `zoomconn check` sees in a document: its connection strings as the library finds
//! them, each validated, with the findings that no `zoomconn:allow(…)` marker allows — the
//! same library calls as `check`, on the editor's text. Hover, completion and code actions
//! read the same analysis.

use std::rc::Rc;

use hashbrown::HashMap;
use hashbrown::hash_map::Entry as Slot;

use zoomconn::Finding;
use zoomconn_sources::{
    self as sources, Allowances, Checked, Found, Kind, LineIndex, Options, ValidationKey,
};

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
    /// Shared with the document's [`Validations`] (and with equal strings of the document).
    pub checked: Rc<Checked>,
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
    /// The validations of its strings, for the next analysis of the document.
    pub validations: Validations,
}

/// The validations of a document's strings by what validation reads of them
/// ([`ValidationKey`]: the decoded text, its syntax, rule set and name, never where it is in
/// the file), kept from one analysis to the next so that an edit validates again only the
/// strings whose text changed. After an analysis it holds that analysis's strings only, so
/// that memory stays bounded by the open documents.
#[derive(Default)]
pub(crate) struct Validations {
    /// Each validation, and whether the analysis under way has used it.
    by_key: HashMap<ValidationKey, (Rc<Checked>, bool)>,
}

impl Validations {
    /// The validation of `found`: kept from an earlier analysis when one validated the same
    /// text alike, else made now.
    fn get(&mut self, found: &Found) -> Rc<Checked> {
        match self.by_key.entry(found.validation_key()) {
            Slot::Occupied(mut e) => {
                let (checked, used) = e.get_mut();
                *used = true;
                Rc::clone(checked)
            }
            Slot::Vacant(e) => {
                let checked = Rc::new(found.validate());
                e.insert((Rc::clone(&checked), true));
                checked
            }
        }
    }

    /// Drops the validations the analysis just made did not use.
    fn keep_used(&mut self) {
        self.by_key.retain(|_, (_, used)| std::mem::take(used));
    }

    /// How many validations are kept.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.by_key.len()
    }
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
///
/// The strings whose validation `validations` (from the document's last analysis) holds are
/// not validated again: the analysis is the same as without it.
pub(crate) fn analyze(doc: &Document, validations: Validations) -> Analysis {
    let text = doc.text.as_str();
    let mut analysis = Analysis {
        version: doc.version,
        entries: Vec::new(),
        problem: None,
        validations: Validations::default(),
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
    analysis.validations = validations;
    for found in found {
        let checked = analysis.validations.get(&found);
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
    analysis.validations.keep_used();
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
        analyze(docs.get(&uri).unwrap(), Validations::default())
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

    /// Edits of a document, `(what, with)`: the first `what` replaced by `with`.
    type Edits<'a> = &'a [(&'a str, &'a str)];

    /// Edits `(what, with)`: the first `what` of the text replaced by `with`, as a client's
    /// incremental change. After each, the analysis made with the validations kept from the
    /// one before gives the diagnostics a fresh analysis gives, keeps no validation of a
    /// string the document no longer holds, and validates again no string it held alike.
    #[test]
    fn an_analysis_after_edits_is_a_fresh_one() {
        use crate::lsp::diagnostics::diagnostics;
        use crate::lsp::positions::Encoding;
        use lsp_types::{Range, TextDocumentContentChangeEvent};

        let json = "{\n  // zoomconn:allow(invalid-value)\n  \"ConnectionStrings\": {\n    \"A\": \"Profile=Zoom.apip;AuthScheme=OAuth;Timeout=x\",\n    \"B\": \"Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH\",\n    \"C\": \"Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH\"\n  },\n  \"Items\": [\"Profile=Zoom.apip;Scope=\\\"a\\\";AuthScheme=OAuth2\"]\n}\n";
        let env = "# zoomconn:allow(invalid-enum)\nZ=Profile=Zoom.apip;AuthScheme=OAuth2\nY=jdbc:api:Profile=Zoom.apip;AuthScheme=OAuth2;AuthScheme=OAuth\n";
        let py = "s = \";AuthScheme=OAuth;InitiateOAuth=OFF;OAuthAccessToken=\" + token\nt = \"Profile=Zoom.apip;AuthScheme=OAuth2\"\n";
        #[rustfmt::skip]
        let table: &[(&str, &str, Edits<'_>)] = &[
            ("appsettings.json", json, &[
                // A typo and its fix, in one string of three.
                ("GETANDREFRESH\",\n    \"C", "GETANDREFRES\",\n    \"C"),
                ("GETANDREFRES\"", "GETANDREFRESH\""),
                // The same string twice, then the marker moved off the string it allowed.
                ("Timeout=x", "InitiateOAuth=GETANDREFRESH"),
                ("// zoomconn:allow(invalid-value)\n", ""),
                ("\"A\": \"Profile", "\n\n  // zoomconn:allow(all)\n\"A\": \"Profile"),
                // Renamed to a secret's name: the same text is withheld.
                ("\"B\"", "\"ClientSecret\""),
                // A half-typed document (read as code), then whole again.
                ("\n}\n", "\n"),
                ("]\n", "]\n}\n"),
                // An element before the last: the array's indexes move.
                ("[\"Profile", "[\"Profile=Zoom.apip;AuthScheme=Basic\", \"Profile"),
                ("Scope=\\\"a\\\"", "Scope=\\\"a b\\\""),
                ("{", "{\u{0}"),
                ("\u{0}", ""),
            ]),
            ("a.env", env, &[
                ("OAuth2\nY", "OAuth\nY"),
                ("jdbc:api:", ""),
                ("# zoomconn:allow(invalid-enum)\n", ""),
                ("Y=", "Y=jdbc:cdata:api:"),
                ("\n", "\r\n"),
                ("Z=Profile=Zoom.apip;AuthScheme=OAuth\r\n", ""),
            ]),
            ("main.py", py, &[
                ("OAuthAccessToken=\"", "OAuthAccessToken=t\""),
                ("OAuthAccessToken=t\"", "OAuthAccessToken=\""),
                ("t = ", "CLIENT_SECRET = "),
                ("OAuth2", "🚀"),
            ]),
        ];
        for (name, text, edits) in table {
            let uri: lsp_types::Uri = format!("file:///p/{name}").parse().unwrap();
            let mut docs = Documents::default();
            docs.open(uri.clone(), (*text).to_owned(), 1);
            let mut kept = analyze(docs.get(&uri).unwrap(), Validations::default());
            for (i, (what, with)) in edits.iter().enumerate() {
                let doc = docs.get(&uri).unwrap();
                let at = doc
                    .text
                    .find(what)
                    .unwrap_or_else(|| panic!("{name}: {what:?}"));
                let range = doc
                    .index
                    .range(&doc.text, at..at + what.len(), Encoding::Utf16);
                let change = TextDocumentContentChangeEvent {
                    range: Some(Range::new(range.start, range.end)),
                    range_length: None,
                    text: (*with).to_owned(),
                };
                let version = i32::try_from(i).unwrap() + 2;
                assert!(docs.change(&uri, version, vec![change], Encoding::Utf16));
                let doc = docs.get(&uri).unwrap();
                let before: Vec<_> = (kept.entries.iter())
                    .map(|e| (e.found.validation_key(), Rc::clone(&e.checked)))
                    .collect();
                let incremental = analyze(doc, kept.validations);
                for e in &incremental.entries {
                    let key = e.found.validation_key();
                    if let Some((_, old)) = before.iter().find(|(k, _)| *k == key) {
                        assert!(
                            Rc::ptr_eq(old, &e.checked),
                            "{name}, edit {i}: validated again"
                        );
                    }
                }
                let fresh = analyze(doc, Validations::default());
                let shown = |a: &Analysis| diagnostics(&uri, doc, a, Encoding::Utf16, None);
                assert_eq!(shown(&incremental), shown(&fresh), "{name}, edit {i}");
                assert_eq!(
                    incremental.validations.len(),
                    fresh.validations.len(),
                    "{name}, edit {i}"
                );
                kept = incremental;
            }
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
