//! Inline suppressions: a `zoomconn:allow(rule, …)` marker — in a comment, where the file's
//! format has comments — allows those rules for the connection string on the marker's line;
//! a marker in a comment line of its own allows them for the string on the next line.
//! `zoomconn:allow(all)` allows every rule.

use super::LineIndex;

const MARKER: &str = "zoomconn:allow(";

/// The `zoomconn:allow(…)` markers of a file, by line.
///
/// ```
/// use zoomconn_sources::{Allowances, LineIndex};
/// let file = "# zoomconn:allow(placeholder-value, empty-value)\nZOOM=Profile=Zoom.apip;OAuthClientId=your_id\nA=x # zoomconn:allow(all)\nB=y\n";
/// let allow = Allowances::scan(file, &LineIndex::new(file));
/// assert!(allow.allows("placeholder-value", 2, 2));
/// assert!(!allow.allows("missing-required", 2, 2));
/// assert!(allow.allows("syntax", 3, 3));
/// assert!(!allow.allows("syntax", 4, 4)); // a marker after text allows its own line only
/// ```
#[derive(Debug, Clone, Default)]
pub struct Allowances {
    /// `(line, stands alone, rules)` in line order.
    lines: Vec<(usize, bool, Vec<String>)>,
}

impl Allowances {
    /// Finds every marker of `source` (one pass).
    ///
    /// ```
    /// let a = zoomconn_sources::Allowances::scan("x", &zoomconn_sources::LineIndex::new("x"));
    /// assert!(a.is_empty());
    /// ```
    pub fn scan(source: &str, lines: &LineIndex) -> Allowances {
        let mut out: Vec<(usize, bool, Vec<String>)> = Vec::new();
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
            // Alone on its line: only a comment opener before it.
            let line_start = lines.line_range(source, line).start;
            let alone = source.get(line_start..at).is_some_and(|before| {
                before
                    .chars()
                    .all(|c| c.is_whitespace() || "#/!;-*<%'".contains(c))
            });
            match out.last_mut() {
                Some((l, a, existing)) if *l == line => {
                    *a |= alone;
                    existing.extend(rules);
                }
                _ => out.push((line, alone, rules)),
            }
        }
        Allowances { lines: out }
    }

    /// Are there no markers?
    ///
    /// ```
    /// assert!(zoomconn_sources::Allowances::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Is `rule` allowed for a finding on line `finding_line` of a string starting on line
    /// `string_line`? A marker on either line allows it, and so does a marker alone in a
    /// comment line just before either.
    ///
    /// ```
    /// use zoomconn_sources::{Allowances, LineIndex};
    /// let f = "a // zoomconn:allow(all)\n";
    /// assert!(Allowances::scan(f, &LineIndex::new(f)).allows("syntax", 1, 1));
    /// ```
    pub fn allows(&self, rule: &str, finding_line: usize, string_line: usize) -> bool {
        let on = |line: usize, must_stand_alone: bool| {
            let i = self.lines.partition_point(|(l, _, _)| *l < line);
            self.lines.get(i).is_some_and(|(l, alone, rules)| {
                *l == line
                    && (*alone || !must_stand_alone)
                    && rules
                        .iter()
                        .any(|r| r == "all" || r.eq_ignore_ascii_case(rule))
            })
        };
        [finding_line, string_line]
            .into_iter()
            .any(|l| on(l, false) || l.checked_sub(1).is_some_and(|p| on(p, true)))
    }
}
