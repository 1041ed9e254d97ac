//! New text for a connection string as text edits: the string is rewritten by
//! [`zoomconn_sources::edit`] — re-escaped for its host format and checked by reading the file
//! again, as `zoomconn fmt` does — and the result is sent as the smallest edits that turn the
//! old document into the new one, so that text an edit does not change (a secret value next to
//! a fixed key) is never sent back to the client.

use lsp_types::TextEdit;
use similar::{Algorithm, DiffTag};
use zoomconn_sources::{self as sources, Found, SourceError};

use super::documents::Document;
use super::positions::Encoding;

/// The changed middle larger than this is sent as one edit instead of being diffed by chars.
const DIFF_LIMIT: usize = 64 << 10;

/// The edits that put `new_text` in place of `found` in `doc`.
pub(crate) fn replace(
    doc: &Document,
    found: &Found,
    new_text: &str,
    encoding: Encoding,
) -> Result<Vec<TextEdit>, SourceError> {
    let edited = sources::edit(&doc.text, found, new_text)?;
    Ok(between(doc, &edited, encoding))
}

/// The edits from `doc`'s text to `new`: the common prefix and suffix kept, the middle diffed
/// by chars (each run of changes one edit, ranges in the old text).
pub(crate) fn between(doc: &Document, new: &str, encoding: Encoding) -> Vec<TextEdit> {
    let old = doc.text.as_str();
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let mut prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = (a.len() - prefix).min(b.len() - prefix);
    let mut suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    while !old.is_char_boundary(a.len() - suffix) || !new.is_char_boundary(b.len() - suffix) {
        suffix -= 1;
    }
    let old_mid = old.get(prefix..a.len() - suffix).unwrap_or_default();
    let new_mid = new.get(prefix..b.len() - suffix).unwrap_or_default();
    if old_mid.is_empty() && new_mid.is_empty() {
        return Vec::new();
    }
    let edit = |from: usize, to: usize, text: &str| TextEdit {
        range: doc.index.range(old, from..to, encoding),
        new_text: text.to_owned(),
    };
    if old_mid.len() + new_mid.len() > DIFF_LIMIT {
        return vec![edit(prefix, prefix + old_mid.len(), new_mid)];
    }
    // Char offsets → byte offsets, one past the end included.
    let bounds =
        |s: &str| -> Vec<usize> { s.char_indices().map(|(i, _)| i).chain([s.len()]).collect() };
    let (old_chars, new_chars): (Vec<char>, Vec<char>) =
        (old_mid.chars().collect(), new_mid.chars().collect());
    let (ob, nb) = (bounds(old_mid), bounds(new_mid));
    let at = |v: &[usize], i: usize| v.get(i).copied().unwrap_or(0);
    let mut out = Vec::new();
    // The run of changes being gathered: old char range, new char range.
    let mut run: Option<(usize, usize, usize, usize)> = None;
    let flush = |run: &mut Option<(usize, usize, usize, usize)>, out: &mut Vec<TextEdit>| {
        if let Some((os, oe, ns, ne)) = run.take() {
            let text = new_mid.get(at(&nb, ns)..at(&nb, ne)).unwrap_or_default();
            out.push(edit(prefix + at(&ob, os), prefix + at(&ob, oe), text));
        }
    };
    for op in similar::capture_diff_slices(Algorithm::Myers, &old_chars, &new_chars) {
        let (tag, o, n) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            flush(&mut run, &mut out);
            continue;
        }
        run = Some(match run {
            Some((os, _, ns, _)) => (os, o.end, ns, n.end),
            None => (o.start, o.end, n.start, n.end),
        });
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::documents::Documents;
    use crate::lsp::positions::Index;

    /// Applies edits (ranges in the old text) as a client does.
    fn apply(old: &str, edits: &[TextEdit]) -> String {
        let index = Index::new(old);
        let mut spans: Vec<_> = edits
            .iter()
            .map(|e| {
                (
                    index.offset(old, e.range.start, Encoding::Utf16),
                    index.offset(old, e.range.end, Encoding::Utf16),
                    e.new_text.as_str(),
                )
            })
            .collect();
        spans.sort_by_key(|s| std::cmp::Reverse(s.0));
        let mut out = old.to_owned();
        for (s, e, t) in spans {
            out.replace_range(s..e, t);
        }
        out
    }

    #[test]
    fn edits_turn_the_old_text_into_the_new_and_leave_unchanged_text_out() {
        let uri: lsp_types::Uri = "file:///a/.env".parse().unwrap();
        #[rustfmt::skip]
        let table = [
            ("Z=a;Secret=hunter2;b=1\n", "Z=a;Secret=hunter2;c=1\n"),
            ("🚀=x;Secret=hunter2\n", "🚀=y;Secret=hunter2;d=2\n"),
            ("same", "same"),
            ("abc", ""),
            ("", "new"),
            ("é1é", "é2é"),
        ];
        for (old, new) in table {
            let mut docs = Documents::default();
            docs.open(uri.clone(), old.to_owned(), 1);
            let edits = between(docs.get(&uri).unwrap(), new, Encoding::Utf16);
            assert_eq!(apply(old, &edits), new, "{old}");
            assert!(
                edits.iter().all(|e| !e.new_text.contains("hunter2")),
                "{old}"
            );
        }
    }
}
