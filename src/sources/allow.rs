//! Inline suppressions: a `zoomconn:allow(rule, …)` marker — in a comment, where the file's
//! format has comments — allows those rules for the connection string on the marker's line
//! or on the line after it. `zoomconn:allow(all)` allows every rule.

use super::LineIndex;

const MARKER: &str = "zoomconn:allow(";

/// The `zoomconn:allow(…)` markers of a file, by line.
///
/// ```
/// use zoomconn::sources::{Allowances, LineIndex};
/// let file = "# zoomconn:allow(placeholder-value, empty-value)\nZOOM=Profile=Zoom.apip;OAuthClientId=your_id\n";
/// let allow = Allowances::scan(file, &LineIndex::new(file));
/// assert!(allow.allows("placeholder-value", 2, 2));
/// assert!(!allow.allows("missing-required", 2, 2));
/// assert!(!allow.allows("placeholder-value", 4, 4));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Allowances {
    /// `(line, rules)` in line order.
    lines: Vec<(usize, Vec<String>)>,
}

impl Allowances {
    /// Finds every marker of `source` (one pass).
    ///
    /// ```
    /// let a = zoomconn::sources::Allowances::scan("x", &zoomconn::sources::LineIndex::new("x"));
    /// assert!(a.is_empty());
    /// ```
    pub fn scan(source: &str, lines: &LineIndex) -> Allowances {
        let mut out: Vec<(usize, Vec<String>)> = Vec::new();
        for at in memchr::memmem::find_iter(source.as_bytes(), MARKER) {
            let rest = source.get(at + MARKER.len()..).unwrap_or_default();
            let body = rest.get(..rest.len().min(400)).unwrap_or(rest);
            let Some(close) = body.find(')') else {
                continue;
            };
            let rules: Vec<String> = body
                .get(..close)
                .unwrap_or_default()
                .split(',')
                .map(|r| r.trim().to_ascii_lowercase())
                .filter(|r| !r.is_empty())
                .collect();
            let line = lines.locate(source, at).line;
            match out.last_mut() {
                Some((l, existing)) if *l == line => existing.extend(rules),
                _ => out.push((line, rules)),
            }
        }
        Allowances { lines: out }
    }

    /// Are there no markers?
    ///
    /// ```
    /// assert!(zoomconn::sources::Allowances::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Is `rule` allowed for a finding on line `finding_line` of a string starting on line
    /// `string_line`? A marker on either line, or on the line before either, allows it.
    ///
    /// ```
    /// use zoomconn::sources::{Allowances, LineIndex};
    /// let f = "a // zoomconn:allow(all)\n";
    /// assert!(Allowances::scan(f, &LineIndex::new(f)).allows("syntax", 1, 1));
    /// ```
    pub fn allows(&self, rule: &str, finding_line: usize, string_line: usize) -> bool {
        let on = |line: usize| {
            let i = self.lines.partition_point(|(l, _)| *l < line);
            self.lines.get(i).is_some_and(|(l, rules)| {
                *l == line
                    && rules
                        .iter()
                        .any(|r| r == "all" || r.eq_ignore_ascii_case(rule))
            })
        };
        [finding_line, string_line]
            .into_iter()
            .any(|l| on(l) || l.checked_sub(1).is_some_and(on))
    }
}
