//! Plain text: one connection string per line; blank lines and `#` comments are skipped.

use super::Entry;
use super::found::{Builder, Host};

/// Reads the line that starts at `*at`, hands out its entry (if it is not blank or a
/// comment) and moves `*at` to the next line.
pub(crate) fn step(source: &str, at: &mut usize, out: &mut dyn FnMut(Entry)) {
    let start = *at;
    let line = source
        .get(start..)
        .and_then(|rest| rest.split_inclusive('\n').next())
        .unwrap_or_default();
    *at = if line.is_empty() {
        source.len()
    } else {
        start + line.len()
    };
    let body = line.trim_end_matches(['\n', '\r']);
    let trimmed = body.trim_start();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return;
    }
    let lead = body.len() - trimmed.len();
    let cand = Builder::verbatim(trimmed.trim_end(), start + lead);
    let end = start + lead + trimmed.trim_end().len();
    out(Entry::new(None, cand.finish(end), Host::Verbatim));
}
