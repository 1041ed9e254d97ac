//! Plain text: one connection string per line; blank lines and `#` comments are skipped.

use super::Entry;
use super::found::{Builder, Host};

pub(crate) fn find(source: &str, out: &mut dyn FnMut(Entry)) {
    let mut at = 0;
    for line in source.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let lead = body.len() - trimmed.len();
        let cand = Builder::verbatim(trimmed.trim_end(), start + lead);
        let end = start + lead + trimmed.trim_end().len();
        out(Entry::new(None, cand.finish(end), Host::Verbatim));
    }
}
