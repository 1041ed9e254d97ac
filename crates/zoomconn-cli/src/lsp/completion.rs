//! Completion inside a connection string: property names where a name goes (a spaced alias
//! as the filter text when the typed name has a space), and after `=` the accepted values of
//! an enum property or `true`/`false` for a boolean. Nothing outside connection strings.

use std::ops::Range;

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, MarkupContent,
    MarkupKind, TextEdit,
};
use zoomconn::Tokenizer;
use zoomconn::registry::{self, PROPERTIES, ValueType};

use super::analysis::Analysis;
use super::hover::{describe, meaning};

/// What goes at the cursor, in decoded body offsets.
#[derive(Debug, PartialEq, Eq)]
enum Place {
    /// A property name; the name typed so far spans this range.
    Name(Range<usize>),
    /// The value of this key; the value typed so far spans this range.
    Value(String, Range<usize>),
}

/// The place of body offset `at`: inside a segment the grammar reads, or in the text after
/// the last one it could read (a half-typed segment).
fn place(body: &str, syntax: zoomconn::Syntax, at: usize) -> Place {
    let mut last_end = 0;
    for seg in Tokenizer::with_syntax(body, syntax).map_while(Result::ok) {
        let (key, value) = (seg.key_span(), seg.value_span());
        if at < key.start {
            return Place::Name(at..at);
        }
        if at <= key.end {
            return Place::Name(key.start..at);
        }
        if at <= value.end.max(value.start) {
            return Place::Value(seg.key().to_owned(), value.start.min(at)..at);
        }
        last_end = seg.span().end;
        if at < last_end {
            // Between the value and its `;`.
            return Place::Name(at..at);
        }
    }
    let tail = body.get(last_end.min(at)..at).unwrap_or_default();
    let lead = tail.len() - tail.trim_start_matches([' ', '\t', ';']).len();
    let start = last_end.min(at) + lead;
    match tail.find('=') {
        Some(eq) => {
            let key = tail.get(lead.min(eq)..eq).unwrap_or_default().trim();
            let v = last_end.min(at) + eq + 1;
            let rest = body.get(v..at).unwrap_or_default();
            let v = v + (rest.len() - rest.trim_start().len());
            Place::Value(key.to_owned(), v..at)
        }
        None => Place::Name(start..at),
    }
}

/// The completion items at file byte `offset`, each with the file byte range it replaces.
pub(crate) fn complete(analysis: &Analysis, offset: usize) -> Vec<(CompletionItem, Range<usize>)> {
    let Some((entry, d)) = analysis.at(offset) else {
        return Vec::new();
    };
    let found = &entry.found;
    let body_at = entry.body_offset();
    let Some(at) = d.checked_sub(body_at) else {
        return Vec::new();
    };
    let body = found.body();
    let file = |r: &Range<usize>| found.file_range(body_at + r.start..body_at + r.end);
    match place(body, found.syntax(), at) {
        Place::Name(r) => {
            let typed = body.get(r.clone()).unwrap_or_default();
            let spaced = typed.contains(' ');
            let has_eq = body
                .get(at..)
                .is_some_and(|rest| rest.trim_start().starts_with('='));
            PROPERTIES
                .iter()
                .map(|p| {
                    let filter = match (spaced, p.aliases.first()) {
                        (true, Some(alias)) => (*alias).to_owned(),
                        _ => p.name.to_owned(),
                    };
                    let insert = if has_eq {
                        p.name.to_owned()
                    } else {
                        format!("{}=", p.name)
                    };
                    let item = CompletionItem {
                        label: p.name.to_owned(),
                        kind: Some(CompletionItemKind::PROPERTY),
                        detail: Some(p.value_type.to_string()),
                        documentation: Some(markdown(describe(p))),
                        // The Zoom profile's own properties first.
                        sort_text: Some(format!("{}{}", if p.zoom { 0 } else { 1 }, p.name)),
                        filter_text: Some(filter),
                        text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                            range: lsp_types::Range::default(),
                            new_text: insert,
                        })),
                        ..CompletionItem::default()
                    };
                    (item, file(&r))
                })
                .collect()
        }
        Place::Value(key, r) => {
            let Some(m) = registry::lookup(&key) else {
                return Vec::new();
            };
            let p = m.property;
            let values: &[&str] = match p.value_type {
                ValueType::Enum(values) => values,
                ValueType::Bool => &["true", "false"],
                _ => &[],
            };
            values
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let item = CompletionItem {
                        label: (*v).to_owned(),
                        kind: Some(CompletionItemKind::ENUM_MEMBER),
                        detail: meaning(p.id, v).map(str::to_owned),
                        preselect: Some(p.default.is_some_and(|d| d.eq_ignore_ascii_case(v))),
                        sort_text: Some(format!("{i:02}")),
                        text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                            range: lsp_types::Range::default(),
                            new_text: (*v).to_owned(),
                        })),
                        ..CompletionItem::default()
                    };
                    (item, file(&r))
                })
                .collect()
        }
    }
}

fn markdown(value: String) -> Documentation {
    Documentation::MarkupContent(MarkupContent {
        kind: MarkupKind::Markdown,
        value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places() {
        let v = |k: &str, r: Range<usize>| Place::Value(k.to_owned(), r);
        #[rustfmt::skip]
        let table = [
            ("Profile=Zoom.apip;Init", 22, Place::Name(18..22)),
            ("Profile=Zoom.apip;", 18, Place::Name(18..18)),
            ("InitiateOAuth=", 14, v("InitiateOAuth", 14..14)),
            ("InitiateOAuth=GET;A=1", 17, v("InitiateOAuth", 14..17)),
            ("InitiateOAuth=GETANDREFESH;A=1", 14, v("InitiateOAuth", 14..14)),
            ("a=1; Auth Sch", 13, Place::Name(5..13)),
            ("a='x", 4, v("a", 2..4)),
            ("", 0, Place::Name(0..0)),
        ];
        for (body, at, expected) in table {
            assert_eq!(
                place(body, zoomconn::Syntax::Ado, at),
                expected,
                "{body} @{at}"
            );
        }
    }
}
