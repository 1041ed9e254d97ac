//! Rendering findings: human snippets, short lines, GitHub workflow commands, JSON, SARIF.

mod human;
mod machine;
mod sarif;

use std::ops::Range;

pub use human::Human;
pub use machine::{github, json_line, short};
pub use sarif::Sarif;

use zoomconn::{Position, Severity};

/// A finding located in a file, ready to print. Holds no secret text: the message never has
/// one, and [`Diagnostic::snippet`] masks the secret ranges.
pub struct Diagnostic<'a> {
    pub path: &'a str,
    pub source: &'a str,
    pub severity: Severity,
    pub rule: &'static str,
    pub message: String,
    pub help: Option<String>,
    /// File byte range of the finding.
    pub range: Range<usize>,
    pub start: Position,
    pub end: Position,
    /// File byte ranges holding secret text, to mask in snippets.
    pub secrets: std::rc::Rc<[Range<usize>]>,
}

impl Diagnostic<'_> {
    /// The lines of the file the finding covers, secret text masked char for char (so columns
    /// stay right), with the range of the finding inside them and the first line's number.
    // Indexing: `start` and `end` are clamped to the source and are char boundaries (file
    // offsets of decoded char starts, as the `sources` fuzz target checks); line ends come
    // from `find`/`rfind` of `\n`.
    pub fn snippet(&self) -> (String, Range<usize>, usize) {
        let src = self.source;
        let start = self.range.start.min(src.len());
        let end = self.range.end.clamp(start, src.len());
        let line_start = src[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = src[end..].find('\n').map_or(src.len(), |i| end + i);
        let mut text = String::with_capacity(line_end - line_start);
        for (o, c) in src[line_start..line_end].char_indices() {
            let at = line_start + o;
            let secret = self.secrets.iter().any(|s| s.contains(&at));
            text.push(if secret && !c.is_whitespace() { '*' } else { c });
        }
        // Masking keeps byte offsets only for ASCII; recompute the range in chars.
        let char_start = src[line_start..start].chars().count();
        let char_len = src[start..end].chars().count();
        let byte_start: usize = text.chars().take(char_start).map(char::len_utf8).sum();
        let byte_len: usize = text
            .chars()
            .skip(char_start)
            .take(char_len)
            .map(char::len_utf8)
            .sum();
        (text, byte_start..byte_start + byte_len, self.start.line)
    }
}

/// Counts of what was reported, for the summary and the exit code.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub files: usize,
}

impl Tally {
    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
    }

    /// `3 errors, 1 warning in 2 files`.
    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        format!(
            "{}, {} in {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.files, "file")
        )
    }
}
