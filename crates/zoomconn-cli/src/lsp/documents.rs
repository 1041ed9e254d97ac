//! The open documents: their text as the client sent it (the disk is never read), version,
//! kind and position index. Memory holds the open documents and nothing else: a document's
//! analysis is dropped with it.

use std::collections::HashMap;

use lsp_types::{TextDocumentContentChangeEvent, Uri};
use zoomconn_sources::{Kind, Language};

use super::positions::{Encoding, Index};

/// One open document.
#[derive(Debug)]
pub(crate) struct Document {
    /// The text, exactly as the client holds it.
    pub text: String,
    /// The client's version of the text.
    pub version: i32,
    /// How to read it, from the file name of its URI.
    pub kind: Kind,
    /// The language of its literals, for source code.
    pub language: Option<Language>,
    /// Line starts and columns of `text`.
    pub index: Index,
}

/// The kind of a document from the last segment of its URI's path, as the CLI tells it from a
/// file name (`appsettings.json` → JSON, `.env` → env, `main.py` → code).
///
/// ```
/// let uri: lsp_types::Uri = "file:///srv/app/appsettings.Production.json".parse().unwrap();
/// assert_eq!(crate::lsp::documents::kind_of(&uri), zoomconn_sources::Kind::Json);
/// ```
pub(crate) fn kind_of(uri: &Uri) -> Kind {
    Kind::from_path(std::path::Path::new(&file_name(uri)))
}

/// The language of a source document's literals, from its file name (`main.py` → Python), as
/// the CLI tells it.
pub(crate) fn language_of(uri: &Uri) -> Option<Language> {
    Language::from_path(std::path::Path::new(&file_name(uri)))
}

/// The last segment of a URI's path, decoded (`%2E` and friends).
fn file_name(uri: &Uri) -> String {
    let path = uri.path().as_str();
    percent_decode(path.rsplit('/').next().unwrap_or(path))
}

/// `%XX` escapes decoded (invalid ones kept as written).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |j: usize| b.get(j).and_then(|&c| (c as char).to_digit(16));
        match (b.get(i), hex(i + 1), hex(i + 2)) {
            (Some(b'%'), Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (Some(&c), _, _) => {
                out.push(c);
                i += 1;
            }
            (None, _, _) => break,
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The open documents by URI.
#[derive(Debug, Default)]
pub(crate) struct Documents {
    open: HashMap<Uri, Document>,
}

impl Documents {
    /// Opens (or replaces) a document.
    pub(crate) fn open(&mut self, uri: Uri, text: String, version: i32) {
        let kind = kind_of(&uri);
        let language = language_of(&uri);
        let index = Index::new(&text);
        self.open.insert(
            uri,
            Document {
                text,
                version,
                kind,
                language,
                index,
            },
        );
    }

    /// Closes a document; `false` when it was not open.
    pub(crate) fn close(&mut self, uri: &Uri) -> bool {
        self.open.remove(uri).is_some()
    }

    /// An open document.
    pub(crate) fn get(&self, uri: &Uri) -> Option<&Document> {
        self.open.get(uri)
    }

    /// Applies the changes of a `didChange`, in order: a change with a range replaces that
    /// range (clamped to the text), one without replaces the whole text. `false` when the
    /// document is not open.
    pub(crate) fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) -> bool {
        let Some(doc) = self.open.get_mut(uri) else {
            return false;
        };
        for change in changes {
            match change.range {
                Some(range) => {
                    let start = doc.index.offset(&doc.text, range.start, encoding);
                    let end = doc.index.offset(&doc.text, range.end, encoding).max(start);
                    doc.text.replace_range(start..end, &change.text);
                    // The lines around the change are indexed again, the others kept.
                    doc.index
                        .edit(&doc.text, start, end, start + change.text.len());
                }
                None => {
                    doc.text = change.text;
                    doc.index = Index::new(&doc.text);
                }
            }
        }
        doc.version = version;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    fn change(
        range: Option<((u32, u32), (u32, u32))>,
        text: &str,
    ) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range
                .map(|((a, b), (c, d))| Range::new(Position::new(a, b), Position::new(c, d))),
            range_length: None,
            text: text.to_owned(),
        }
    }

    #[test]
    fn incremental_changes_apply_in_order_and_clamp() {
        let uri: Uri = "file:///x/.env".parse().unwrap();
        #[rustfmt::skip]
        let table: &[(&str, Vec<TextDocumentContentChangeEvent>, &str)] = &[
            ("a=1\n🚀b=2", vec![change(Some(((1, 2), (1, 3))), "c")], "a=1\n🚀c=2"),
            ("a=1", vec![change(Some(((0, 1), (0, 1))), "x"), change(Some(((0, 0), (0, 1))), "")], "x=1"),
            ("a=1", vec![change(Some(((5, 0), (9, 9))), ";b")], "a=1;b"),
            ("a=1", vec![change(Some(((0, 3), (0, 1))), "!")], "a=1!"),
            ("a=1", vec![change(None, "whole")], "whole"),
            // A position inside a surrogate pair is the start of its char.
            ("🚀", vec![change(Some(((0, 1), (0, 2))), "x")], "x"),
            ("🚀", vec![change(Some(((0, 1), (0, 1))), "x")], "x🚀"),
        ];
        for (before, changes, after) in table {
            let mut docs = Documents::default();
            docs.open(uri.clone(), (*before).to_owned(), 1);
            assert!(docs.change(&uri, 2, changes.clone(), Encoding::Utf16));
            let doc = docs.get(&uri).unwrap();
            assert_eq!((doc.text.as_str(), doc.version), (*after, 2), "{before}");
            assert_eq!(doc.index, Index::new(after), "{before}");
        }
        let mut docs = Documents::default();
        assert!(!docs.change(&uri, 1, vec![], Encoding::Utf16));
        assert!(!docs.close(&uri));
    }

    #[test]
    fn kinds_come_from_the_file_name() {
        #[rustfmt::skip]
        let table = [
            ("file:///a/appsettings.json", Kind::Json), ("file:///a/.env", Kind::Env),
            ("file:///a/docker-compose.yml", Kind::Yaml), ("file:///a/App.config", Kind::Xml),
            ("file:///a/odbc.ini", Kind::OdbcIni), ("file:///a/main.py", Kind::Code),
            ("file:///a/my%20app.json", Kind::Json), ("untitled:Untitled-1", Kind::Code),
        ];
        for (uri, kind) in table {
            assert_eq!(kind_of(&uri.parse().unwrap()), kind, "{uri}");
        }
    }
}
