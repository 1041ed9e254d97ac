//! Finding connection strings in files, with a map from each decoded byte back to the file.

mod env;
mod json;
pub mod text;
mod xml;

use std::path::Path;

use crate::args::InputKind;

/// A connection string found in a file, decoded, with the file offset of each of its bytes.
#[derive(Debug)]
pub struct Found {
    /// The decoded connection string.
    pub text: String,
    /// `map[i]` is the file byte offset of decoded byte `i`; `map[text.len()]` is the offset
    /// just after the string.
    pub map: Vec<usize>,
}

impl Found {
    /// A string taken from the file verbatim at `start`.
    pub fn verbatim(text: &str, start: usize) -> Found {
        let map = (0..=text.len()).map(|i| start + i).collect();
        Found {
            text: text.to_owned(),
            map,
        }
    }

    /// The file range of a decoded range.
    pub fn file_range(&self, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let at = |i: usize| self.map.get(i.min(self.text.len())).copied().unwrap_or(0);
        let start = at(r.start);
        start..at(r.end).max(start)
    }
}

/// Builds a [`Found`] char by char: each decoded char comes from a range of the file.
#[derive(Default)]
pub struct Builder {
    text: String,
    map: Vec<usize>,
}

impl Builder {
    pub fn push(&mut self, c: char, file_offset: usize) {
        self.text.push(c);
        self.map
            .extend(std::iter::repeat_n(file_offset, c.len_utf8()));
    }

    pub fn finish(mut self, end: usize) -> Found {
        self.map.push(end);
        Found {
            text: self.text,
            map: self.map,
        }
    }
}

/// Options that select what to check inside a file.
pub struct Select<'a> {
    pub vars: &'a [String],
    pub json_pointer: Option<&'a str>,
}

/// The input kind of `path`, from its name.
pub fn kind_of(path: &Path) -> InputKind {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if name == ".env" || name.starts_with(".env.") || ext == "env" {
        InputKind::Env
    } else {
        match ext.as_str() {
            "json" => InputKind::Json,
            "config" | "xml" => InputKind::Xml,
            "properties" => InputKind::Properties,
            _ => InputKind::Text,
        }
    }
}

/// Does a value look like a CData connection string: an `=` and one of the property names
/// every Zoom connection string has?
fn looks_like_cdata(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    value.contains('=')
        && [
            "profile",
            "authscheme",
            "initiateoauth",
            "oauthclientid",
            "callbackurl",
        ]
        .iter()
        .any(|p| lower.contains(p))
}

/// Every connection string in `source`, read as `kind`.
///
/// Plain text: every content line. Other kinds: the named entries (`--var`: variable, JSON
/// member or `add@name`), or else every value that looks like a CData connection string, so
/// that the other connection strings of an application (databases…) are left alone.
///
/// # Errors
///
/// A one-line description of why the file cannot be read as `kind` (invalid JSON or XML).
pub fn find(source: &str, kind: InputKind, select: &Select<'_>) -> Result<Vec<Found>, String> {
    let named = match kind {
        InputKind::Text => return Ok(text::find(source)),
        InputKind::Env => env::find(source, env::Dialect::Env),
        InputKind::Properties => env::find(source, env::Dialect::Properties),
        InputKind::Json => json::find(source, select.json_pointer)?,
        InputKind::Xml => xml::find(source)?,
    };
    Ok(named
        .into_iter()
        .filter(|(name, found)| {
            if select.vars.is_empty() {
                looks_like_cdata(&found.text)
            } else {
                select.vars.iter().any(|v| v == name)
            }
        })
        .map(|(_, found)| found)
        .collect())
}
