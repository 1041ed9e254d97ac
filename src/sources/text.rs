//! Plain text: one connection string per non-empty line; `#` starts a comment line.

use super::Found;

/// The lines that hold connection strings, each with its byte range (without the line end).
pub fn lines(source: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    source.split_inclusive('\n').map(move |line| {
        let start = at;
        at += line.len();
        (start, line.trim_end_matches('\n').trim_end_matches('\r'))
    })
}

/// Is this line a connection string (not blank, not a comment)?
pub fn is_content(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#')
}

pub fn find(source: &str) -> Vec<Found> {
    lines(source)
        .filter(|(_, l)| is_content(l))
        .map(|(start, l)| Found::verbatim(l, start))
        .collect()
}
