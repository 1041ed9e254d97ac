//! Rendering results for people and machines: the `zoomconn` binary's output
//! formats, as library code so that tests and fuzz targets drive them directly.
//!
//! A [`Diagnostic`] is a finding (or a file that cannot be read) located in its file, holding
//! no secret text: its message never has one, and its snippet shows only the connection
//! string's own text on the line, windowed to [`SNIPPET_WIDTH`] chars around the problem,
//! with every secret span — as [`Checked::secret_spans`] decides — masked. Building one is
//! O(log n + width), so output stays linear in the input whatever the file holds.
//!
//! ```
//! use crate::render::{self, Diagnostic, Masks};
//! use zoomconn_sources::{self as sources, Kind, LineIndex};
//! let file = "ZOOM=Profile=Zoom.apip;OAuthClientSecret=hunter2;AuthScheme=OAuth2\n";
//! let found = &sources::find(file, Kind::Env, &Default::default())?[0];
//! let checked = found.validate();
//! let masks = Masks::new(found, &checked);
//! let lines = LineIndex::new(file);
//! let finding = checked.findings().find(|f| f.rule() == "invalid-enum").unwrap();
//! let d = Diagnostic::from_finding("deploy.env", file, &lines, found, &checked, &masks, finding);
//! assert_eq!(render::short(&d), "deploy.env:1:61: error[invalid-enum]: invalid value `OAuth2` for AuthScheme: expected None or OAuth");
//! assert!(!render::human(&d, false).contains("hunter2"));
//! # Ok::<(), zoomconn_sources::SourceError>(())
//! ```

mod diff;
mod found;
mod human;
mod line;
mod sarif;

#[cfg(test)]
mod corpus;

use std::ops::Range;

use zoomconn::{Finding, Position, Severity};
use zoomconn_sources::{Checked, Found, LineIndex, SourceError};

pub use diff::diff;
pub use found::{found_human, found_json};
pub use human::human;
pub use line::{github, json, short};
pub use sarif::SarifWriter;

/// The widest snippet, in chars: longer lines are windowed around the problem.
pub const SNIPPET_WIDTH: usize = 100;

/// A finding, or a file that cannot be read, located in its file and ready to print.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Diagnostic {
    /// The file as the user named it (`<stdin>` for standard input).
    pub path: String,
    /// Error or warning.
    pub severity: Severity,
    /// The rule name (`invalid-enum`, `syntax`, `invalid-json`…): SARIF's rule id.
    pub rule: &'static str,
    /// What the output prints between brackets: the rule name, and for a syntax error the
    /// error's kind after a `/` (`syntax/missing-equals`), as [`Finding::code`] has it.
    pub code: std::borrow::Cow<'static, str>,
    /// The message: never a secret.
    pub message: String,
    /// A help line.
    pub help: Option<String>,
    /// Where the problem starts (1-based line, column in chars) — in the decoded file.
    pub start: Position,
    /// Where it ends.
    pub end: Position,
    /// The connection string's text around the problem, secrets masked.
    pub snippet: Option<Snippet>,
    /// The entry's name in the file (variable, key…), when it has one.
    pub name: Option<String>,
    /// The CData driver of the string (`None` for file problems).
    pub driver: Option<String>,
    /// The API profile the string names.
    pub profile: Option<String>,
    /// Does the Zoom profile's rule set apply?
    pub zoom: bool,
    /// Is the string a fragment ([`Found::is_fragment`]), checked without the rules about
    /// what a whole string holds?
    pub fragment: bool,
    /// A note about a file rather than a problem in it (a file that does not parse as its
    /// kind, read as text instead; an encoding guessed): printed as `note`, never failing.
    pub note: bool,
}

/// A masked, windowed piece of one line of a connection string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// The line number.
    pub line: usize,
    /// The text shown: the string's own text on that line, secrets as `*`, cut with `…`.
    pub text: String,
    /// The problem's byte range in [`text`](Self::text).
    pub span: Range<usize>,
}

/// The secret spans of one found string in file offsets, sorted: computed once per string and
/// shared by its diagnostics, so that masking costs O(log n) per char shown.
///
/// ```
/// use crate::render::Masks;
/// let file = "Z=Profile=Zoom.apip;Password=pw\n";
/// let found = &zoomconn_sources::find(file, zoomconn_sources::Kind::Env, &Default::default())?[0];
/// let masks = Masks::new(found, &found.validate());
/// assert!(masks.is_secret(30) && !masks.is_secret(10));
/// # Ok::<(), zoomconn_sources::SourceError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Masks {
    ranges: Vec<Range<usize>>,
}

impl Masks {
    /// The masks of `found`'s secret spans.
    pub fn new(found: &Found, checked: &Checked) -> Masks {
        let mut ranges: Vec<Range<usize>> = checked
            .secret_spans()
            .map(|s| found.file_range(s))
            .filter(|r| !r.is_empty())
            .collect();
        ranges.sort_by_key(|r| r.start);
        // Merge overlaps so that a binary search finds the one range holding an offset.
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        for r in ranges {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        Masks { ranges: merged }
    }

    /// Is file byte `offset` secret?
    pub fn is_secret(&self, offset: usize) -> bool {
        let i = self.ranges.partition_point(|r| r.end <= offset);
        self.ranges.get(i).is_some_and(|r| r.start <= offset)
    }
}

impl Diagnostic {
    /// A finding of `found` (from `checked`, its validation) in file `source`.
    ///
    /// ```
    /// use crate::render::{Diagnostic, Masks};
    /// use zoomconn_sources::{self as sources, Kind, LineIndex};
    /// let file = "a: 1\nzoom: Profile=Zoom.apip;AuthScheme=x\n";
    /// let found = &sources::find(file, Kind::Yaml, &Default::default())?[0];
    /// let c = found.validate();
    /// let f = c.findings().next().unwrap();
    /// let d = Diagnostic::from_finding("a.yml", file, &LineIndex::new(file), found, &c, &Masks::new(found, &c), f);
    /// assert_eq!((d.start.line, d.start.column, d.name.as_deref()), (2, 36, Some("zoom")));
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn from_finding(
        path: &str,
        source: &str,
        lines: &LineIndex,
        found: &Found,
        checked: &Checked,
        masks: &Masks,
        finding: &Finding,
    ) -> Diagnostic {
        let range = found.file_range(checked.span(finding));
        let start = lines.locate(source, range.start);
        let end = lines.locate(source, range.end);
        let snippet = snippet(source, lines, found.span(), range, start, masks);
        Diagnostic {
            path: path.to_owned(),
            severity: finding.severity(),
            rule: finding.rule().name(),
            code: finding.code(),
            message: finding.message().to_owned(),
            help: finding.help().map(str::to_owned),
            start,
            end,
            snippet: Some(snippet),
            name: found.name().map(str::to_owned),
            driver: Some(found.driver().to_owned()),
            profile: found.profile().map(str::to_owned),
            zoom: found.is_zoom(),
            fragment: found.is_fragment(),
            note: false,
        }
    }

    /// A file that cannot be read, decoded or parsed: an error at the problem's position (or
    /// the file's start).
    ///
    /// ```
    /// let e = zoomconn_sources::find("{,}", zoomconn_sources::Kind::Json, &Default::default()).unwrap_err();
    /// let d = crate::render::Diagnostic::from_error("a.json", &e);
    /// assert_eq!(crate::render::short(&d), "a.json:1:2: error[invalid-json]: invalid JSON: unexpected token in object");
    /// ```
    pub fn from_error(path: &str, error: &SourceError) -> Diagnostic {
        let at = error.position().unwrap_or(Position {
            offset: 0,
            line: 1,
            column: 1,
        });
        Diagnostic {
            path: path.to_owned(),
            severity: Severity::Error,
            rule: error.kind().rule(),
            code: error.kind().rule().into(),
            message: error.message().to_owned(),
            help: None,
            start: at,
            end: at,
            snippet: None,
            name: None,
            driver: None,
            profile: None,
            zoom: false,
            fragment: false,
            note: false,
        }
    }

    /// A note about a file: `error` did not stop it from being read.
    ///
    /// ```
    /// let e = zoomconn_sources::find("[", zoomconn_sources::Kind::Json, &Default::default()).unwrap_err();
    /// let d = crate::render::Diagnostic::note("x.json", &e);
    /// assert_eq!(crate::render::short(&d), "x.json:1:1: note[invalid-json]: invalid JSON: unterminated array");
    /// ```
    pub fn note(path: &str, error: &SourceError) -> Diagnostic {
        Diagnostic {
            note: true,
            ..Diagnostic::from_error(path, error)
        }
    }

    /// `error`, `warning`, or `note`.
    ///
    /// ```
    /// let e = zoomconn_sources::find("[", zoomconn_sources::Kind::Json, &Default::default()).unwrap_err();
    /// assert_eq!(crate::render::Diagnostic::from_error("x", &e).level(), "error");
    /// ```
    pub fn level(&self) -> &'static str {
        if self.note {
            "note"
        } else {
            self.severity.as_str()
        }
    }

    /// A stable identity for baselines: the path, the entry's name, the rule, the message and
    /// the occurrence (the n-th identical one in the file) — no line numbers, so it survives
    /// moved lines. 16 hex digits (FNV-1a, 64 bits).
    ///
    /// ```
    /// let e = zoomconn_sources::find("{,}", zoomconn_sources::Kind::Json, &Default::default()).unwrap_err();
    /// let d = crate::render::Diagnostic::from_error("a.json", &e);
    /// assert_eq!(d.fingerprint(0).len(), 16);
    /// assert_ne!(d.fingerprint(0), d.fingerprint(1));
    /// ```
    pub fn fingerprint(&self, occurrence: usize) -> String {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let path = self.path.trim_start_matches("./");
        let occurrence = occurrence.to_string();
        for part in [
            path,
            self.name.as_deref().unwrap_or(""),
            self.rule,
            &self.message,
            &occurrence,
        ] {
            for &b in part.as_bytes().iter().chain(&[0xff]) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        format!("{h:016x}")
    }

    /// The driver as findings name it: `API (Zoom profile)`, `API (profile GitHub.apip)`,
    /// `Salesforce`.
    ///
    /// ```
    /// let f = &zoomconn_sources::find("Z=jdbc:linkedin:OAuthClientId=a;Timeout=x\n", zoomconn_sources::Kind::Env, &Default::default())?[0];
    /// let c = f.validate();
    /// let d = crate::render::Diagnostic::from_finding("e", "", &zoomconn_sources::LineIndex::new(""), f, &c, &Default::default(), c.report().iter().next().unwrap());
    /// assert_eq!(d.driver_label().as_deref(), Some("LinkedIn"));
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn driver_label(&self) -> Option<String> {
        let driver = self.driver.as_deref()?;
        Some(match (&self.profile, self.zoom) {
            (_, true) => format!("{driver} (Zoom profile)"),
            (Some(p), false) => format!("{driver} (profile {p})"),
            (None, false) => driver.to_owned(),
        })
    }
}

/// The string's own text on the finding's first line, windowed and masked.
fn snippet(
    source: &str,
    lines: &LineIndex,
    string: Range<usize>,
    range: Range<usize>,
    start: Position,
    masks: &Masks,
) -> Snippet {
    let line = lines.line_range(source, start.line);
    // The visible part: the string's text on this line.
    let vis_start = line.start.max(string.start).min(line.end);
    let vis_end = line.end.min(string.end).max(vis_start);
    let at = range.start.clamp(vis_start, vis_end);
    // Forward to the width; back from the problem by what the rest leaves (a third at least).
    let after = source
        .get(at..vis_end)
        .unwrap_or_default()
        .chars()
        .take(SNIPPET_WIDTH)
        .count();
    let budget = SNIPPET_WIDTH.saturating_sub(after).max(SNIPPET_WIDTH / 3);
    let mut from = at;
    let mut back = 0;
    while from > vis_start && back < budget {
        from -= 1;
        while from > vis_start && !source.is_char_boundary(from) {
            from -= 1;
        }
        back += 1;
    }
    let mut text = String::new();
    if from > vis_start {
        text.push('…');
    }
    let mut to = from;
    let mut span = None;
    let problem_end = range.end.min(vis_end).max(at);
    let window = source.get(from..vis_end).unwrap_or_default();
    for (o, c) in window.char_indices().take(SNIPPET_WIDTH) {
        let offset = from + o;
        if offset == at {
            span = Some(text.len()..text.len());
        }
        let shown_char = if masks.is_secret(offset) && !c.is_whitespace() {
            '*'
        } else if c.is_control() {
            ' '
        } else {
            c
        };
        text.push(shown_char);
        if offset < problem_end {
            if let Some(s) = span.as_mut() {
                s.end = text.len();
            }
        }
        to = offset + c.len_utf8();
    }
    let span = span.unwrap_or(text.len()..text.len());
    if to < vis_end {
        text.push('…');
    }
    Snippet {
        line: start.line,
        text,
        span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zoomconn_sources::{self as sources, Kind};

    fn snippets(file: &str, kind: Kind) -> Vec<(String, String)> {
        let lines = LineIndex::new(file);
        let mut out = Vec::new();
        for found in sources::find(file, kind, &Default::default()).unwrap() {
            let c = found.validate();
            let masks = Masks::new(&found, &c);
            for f in c.findings() {
                let d = Diagnostic::from_finding("f", file, &lines, &found, &c, &masks, f);
                let s = d.snippet.unwrap();
                let caret = s.text.get(s.span.clone()).unwrap_or("").to_owned();
                out.push((s.text, caret));
            }
        }
        out
    }

    #[test]
    fn a_snippet_shows_only_its_own_string() {
        // Two strings on one line: each snippet shows its own text, secrets masked.
        let file = r#"{"a": "Profile=Zoom.apip;Password=one;AuthScheme=X", "b": "Profile=Zoom.apip;Password=two;AuthScheme=Y"}"#;
        let got = snippets(file, Kind::Json);
        let wanted = [
            ("Profile=Zoom.apip;Password=***;AuthScheme=X", "X"),
            ("Profile=Zoom.apip;Password=***;AuthScheme=Y", "Y"),
        ];
        let got: Vec<_> = got
            .iter()
            .filter(|(_, c)| c == "X" || c == "Y")
            .map(|(t, c)| (t.as_str(), c.as_str()))
            .collect();
        assert_eq!(got, wanted);
    }

    #[test]
    fn long_lines_are_windowed() {
        let file = format!(
            "Z=Profile=Zoom.apip;Scope={};AuthScheme=Bad\n",
            "s".repeat(10_000)
        );
        let got = snippets(&file, Kind::Env);
        let (text, caret) = got.iter().find(|(_, c)| c == "Bad").unwrap();
        assert_eq!(caret, "Bad");
        assert!(
            text.starts_with('…') && text.chars().count() <= SNIPPET_WIDTH + 2,
            "{text}"
        );
        assert!(text.ends_with("AuthScheme=Bad"), "{text}");
    }
}
