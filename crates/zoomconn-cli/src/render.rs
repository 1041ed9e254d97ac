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
//! let found = &sources::find(file, Kind::Env, &Default::default())?.next().unwrap();
//! let checked = found.validate();
//! let masks = Masks::new(found, &checked);
//! let lines = LineIndex::new(file);
//! let finding = checked.findings().find(|f| f.rule() == "invalid-enum").unwrap();
//! let d = Diagnostic::from_finding(render::FindingSite {
//!     path: "deploy.env", source: file, lines: &lines, found, checked: &checked, masks: &masks, finding,
//! });
//! assert_eq!(render::short(&d), "deploy.env:1:61: error[invalid-enum]: invalid value `OAuth2` for AuthScheme: expected None or OAuth");
//! assert!(!render::human(&d, false).contains("hunter2"));
//! # Ok::<(), zoomconn_sources::SourceError>(())
//! ```

mod diff;
mod diff_notes;
mod found;
mod human;
mod line;
mod safe;
mod sarif;

#[cfg(test)]
mod corpus;

use std::ops::Range;

use zoomconn::{Finding, Position, Severity};
use zoomconn_sources::{Checked, Found, LineIndex, SourceError};

pub use diff::diff_found;
pub use found::{Listing, found_human, found_json};
pub use human::human;
pub use line::{github, json, short};
pub use safe::Shown;
pub use sarif::SarifWriter;

/// The widest snippet, in chars: longer lines are windowed around the problem.
pub const SNIPPET_WIDTH: usize = 100;

/// A finding, or a file that cannot be read, located in its file and ready to print. Every
/// text of it that came from input is a [`Shown`]: masked and escaped once, when it is built.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Diagnostic {
    /// The file as the user named it (`<stdin>` for standard input).
    pub path: Shown,
    /// Error or warning.
    pub severity: Severity,
    /// The rule name (`invalid-enum`, `syntax`, `invalid-json`…): SARIF's rule id.
    pub rule: &'static str,
    /// What the output prints between brackets: the rule name, and for a syntax error the
    /// error's kind after a `/` (`syntax/missing-equals`), as [`Finding::code`] has it.
    pub code: std::borrow::Cow<'static, str>,
    /// The message: never a secret.
    pub message: Shown,
    /// A help line.
    pub help: Option<Shown>,
    /// Where the problem starts (1-based line, column in chars) — in the decoded file.
    pub start: Position,
    /// Where it ends.
    pub end: Position,
    /// The connection string's text around the problem, secrets masked.
    pub snippet: Option<Snippet>,
    /// The entry's name in the file (variable, key…), when it has one.
    pub name: Option<Shown>,
    /// The CData driver of the string (`None` for file problems).
    pub driver: Option<Shown>,
    /// The API profile the string names.
    pub profile: Option<Shown>,
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
    /// The text shown: the string's own text on that line, secrets as `*`, cut with `…`,
    /// control characters escaped.
    pub text: Shown,
    /// The problem's byte range in [`text`](Self::text).
    pub span: Range<usize>,
}

/// The secret spans of one found string in file offsets, sorted: computed once per string and
/// shared by its diagnostics, so that masking a snippet costs O(log n) and the masks in its
/// window.
///
/// ```
/// use crate::render::Masks;
/// let file = "Z=Profile=Zoom.apip;Password=pw\n";
/// let found = &zoomconn_sources::find(file, zoomconn_sources::Kind::Env, &Default::default())?.next().unwrap();
/// let masks = Masks::new(found, &found.validate());
/// let (shown, _) = crate::render::Shown::snippet(file, 2..31, (false, false), &masks, 0..0);
/// assert_eq!(shown.as_str(), "Profile=Zoom.apip;Password=**");
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

    /// The secret ranges that meet `window` (file offsets), cut to it.
    fn within(&self, window: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
        let first = self.ranges.partition_point(|r| r.end <= window.start);
        self.ranges[first..]
            .iter()
            .take_while(move |r| r.start < window.end)
            .map(move |r| r.start.max(window.start)..r.end.min(window.end))
    }
}

/// A finding and everything about where it is, to build its [`Diagnostic`] from.
#[derive(Clone, Copy)]
pub struct FindingSite<'a> {
    /// The file as named in messages.
    pub path: &'a str,
    /// The file's text.
    pub source: &'a str,
    /// The line index of `source`.
    pub lines: &'a LineIndex,
    /// The connection string found in `source`.
    pub found: &'a Found,
    /// Its validation.
    pub checked: &'a Checked,
    /// Its secret spans.
    pub masks: &'a Masks,
    /// The finding, one of `checked`'s.
    pub finding: &'a Finding,
}

impl Diagnostic {
    /// A finding of a found string, where the site says it is.
    ///
    /// ```
    /// use crate::render::{Diagnostic, FindingSite, Masks};
    /// use zoomconn_sources::{self as sources, Kind, LineIndex};
    /// let file = "a: 1\nzoom: Profile=Zoom.apip;AuthScheme=x\n";
    /// let found = &sources::find(file, Kind::Yaml, &Default::default())?.next().unwrap();
    /// let c = found.validate();
    /// let d = Diagnostic::from_finding(FindingSite {
    ///     path: "a.yml",
    ///     source: file,
    ///     lines: &LineIndex::new(file),
    ///     found,
    ///     checked: &c,
    ///     masks: &Masks::new(found, &c),
    ///     finding: c.findings().next().unwrap(),
    /// });
    /// assert_eq!((d.start.line, d.start.column, d.name.as_deref()), (2, 36, Some("zoom")));
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn from_finding(site: FindingSite<'_>) -> Diagnostic {
        let FindingSite {
            path,
            source,
            lines,
            found,
            checked,
            masks,
            finding,
        } = site;
        let range = found.file_range(checked.span(finding));
        let start = lines.locate(source, range.start);
        let end = lines.locate(source, range.end);
        let snippet = snippet(source, lines, found, range, start, masks);
        Diagnostic {
            path: Shown::new(path),
            severity: finding.severity(),
            rule: finding.rule().name(),
            code: finding.code(),
            message: Shown::message(&checked.message(finding)),
            help: checked.help(finding).as_deref().map(Shown::message),
            start,
            end,
            snippet: Some(snippet),
            name: found.name().map(Shown::new),
            driver: Some(Shown::new(found.driver())),
            profile: found.profile().map(Shown::new),
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
            path: Shown::new(path),
            severity: Severity::Error,
            rule: error.kind().rule(),
            code: error.kind().rule().into(),
            message: Shown::message(error.message()),
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
        let path = self.path.as_str().trim_start_matches("./");
        let occurrence = occurrence.to_string();
        for part in [
            path,
            self.name.as_ref().map_or("", Shown::as_str),
            self.rule,
            self.message.as_str(),
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
    /// let f = &zoomconn_sources::find("Z=jdbc:linkedin:OAuthClientId=a;Timeout=x\n", zoomconn_sources::Kind::Env, &Default::default())?.next().unwrap();
    /// let c = f.validate();
    /// let d = crate::render::Diagnostic::from_finding(crate::render::FindingSite {
    ///     path: "e", source: "", lines: &zoomconn_sources::LineIndex::new(""), found: f, checked: &c,
    ///     masks: &Default::default(), finding: c.report().iter().next().unwrap(),
    /// });
    /// assert_eq!(d.driver_label().unwrap().as_str(), "LinkedIn");
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn driver_label(&self) -> Option<Shown> {
        let driver = self.driver.as_ref()?;
        Some(match (&self.profile, self.zoom) {
            (_, true) => Shown::new(&format!("{driver} (Zoom profile)")),
            (Some(p), false) => Shown::new(&format!("{driver} (profile {p})")),
            (None, false) => driver.clone(),
        })
    }
}

/// The string's own text on the finding's first line, windowed and masked.
fn snippet(
    source: &str,
    lines: &LineIndex,
    found: &Found,
    range: Range<usize>,
    start: Position,
    masks: &Masks,
) -> Snippet {
    let string = found.span();
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
    let to = source
        .get(from..vis_end)
        .unwrap_or_default()
        .char_indices()
        .nth(SNIPPET_WIDTH)
        .map_or(vis_end, |(o, _)| from + o);
    let problem = at..range.end.min(vis_end).max(at);
    let cut = (from > vis_start, to < vis_end);
    let (text, span) = Shown::snippet(source, from..to, cut, masks, problem);
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
                let d = Diagnostic::from_finding(FindingSite {
                    path: "f",
                    source: file,
                    lines: &lines,
                    found: &found,
                    checked: &c,
                    masks: &masks,
                    finding: f,
                });
                let s = d.snippet.unwrap();
                let caret = s.text.as_str().get(s.span.clone()).unwrap_or("").to_owned();
                out.push((s.text.to_string(), caret));
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
