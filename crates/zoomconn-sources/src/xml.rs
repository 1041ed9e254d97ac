//! XML (`app.config`, `web.config`, VS `Settings.settings`…): every attribute value and every
//! text or CDATA content is an entry — `<connectionStrings><add connectionString>`,
//! `<appSettings><add value>`, `<applicationSettings>` `<value>`, `Settings.settings`
//! `<Value>` — named by its element's `name`/`key` attribute (or its parent's, for
//! `<setting name="…"><value>`), else `element@attribute` or the element's name.
//! `quick-xml` (maintained, streaming, borrows the input so every raw slice has its offset)
//! reads the document; the file was decoded from UTF-8, UTF-16 or its declared encoding
//! before (see [`decode`](super::decode)). Entities, character references, attribute-value
//! normalisation and line ends are decoded here, with each char mapped to the file.

use quick_xml::Error;
use quick_xml::errors::IllFormedError;
use quick_xml::events::Event;
use quick_xml::reader::Reader;

use super::found::{Builder, Candidate, Host};
use super::limits;
use super::{Entry, SourceError, SourceErrorKind};

/// An open element: its name, and the name its entries take (`name`/`key` attribute).
struct Open {
    name: String,
    entry_name: Option<String>,
    /// Where its start tag is, for an element left open at the end.
    at: usize,
}

fn describe(e: &Error) -> &'static str {
    match e {
        Error::Syntax(_) => "a tag, comment, CDATA section or declaration is not closed",
        Error::IllFormed(IllFormedError::MismatchedEndTag { .. }) => {
            "an end tag does not match its start tag"
        }
        Error::IllFormed(IllFormedError::UnmatchedEndTag(_)) => "an end tag has no start tag",
        Error::IllFormed(IllFormedError::MissingEndTag(_)) => "an element is not closed",
        Error::IllFormed(IllFormedError::UnclosedReference) => {
            "a `&` does not start an entity or character reference"
        }
        Error::IllFormed(_) => "the document is not well-formed",
        Error::InvalidAttr(_) => "an attribute is not written as name=\"value\"",
        Error::Escape(_) => "an entity or character reference is not valid",
        _ => "the document cannot be read",
    }
}

/// Offset of `part` (a sub-slice of `whole`) in `whole`.
fn offset_in(whole: &str, part: &[u8]) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
}

/// Hands every value entry to `out`, in file order. Nothing is kept per value: memory holds
/// the open elements (at most [`limits::MAX_DEPTH`]). On an error, `out` may have seen the
/// entries before it.
pub(crate) fn find(source: &str, out: &mut dyn FnMut(Entry)) -> Result<(), SourceError> {
    let mut reader = Reader::from_str(source);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Open> = Vec::new();
    // The raw range of the text being gathered (text and entity references).
    let mut text: Option<(usize, usize)> = None;
    loop {
        let before = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = reader.read_event().map_err(|e| {
            let at = usize::try_from(reader.error_position()).unwrap_or(0);
            SourceError::at(
                SourceErrorKind::InvalidXml,
                format!("invalid XML: {}", describe(&e)),
                source,
                at,
            )
        })?;
        let after = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        if matches!(event, Event::Text(_) | Event::GeneralRef(_)) {
            let start = text.map_or(before, |t| t.0);
            text = Some((start, after));
            continue;
        }
        if let Some((start, end)) = text.take() {
            if let Some(raw) = source.get(start..end) {
                if raw.contains('=') || raw.contains("&#") {
                    let cand = decode(raw, start, false).trim();
                    out(Entry::new(text_name(&stack), cand, Host::XmlText));
                }
            }
        }
        match event {
            Event::Start(ref tag) | Event::Empty(ref tag) => {
                let name = tag.local_name().as_ref().to_owned();
                let mut entry_name = None;
                let mut values = Vec::new();
                for attr in tag.attributes() {
                    let attr = attr.map_err(|e| {
                        SourceError::at(
                            SourceErrorKind::InvalidXml,
                            format!("invalid XML: {}", describe(&Error::InvalidAttr(e))),
                            source,
                            before,
                        )
                    })?;
                    let key = attr.key.local_name().as_ref().to_owned();
                    // Reading from a `&str`, attribute values borrow the source.
                    let std::borrow::Cow::Borrowed(raw) = attr.value else {
                        continue;
                    };
                    if key.eq_ignore_ascii_case("name") || key.eq_ignore_ascii_case("key") {
                        entry_name = Some(raw.to_owned());
                    }
                    if raw.contains('=') || raw.contains("&#") {
                        let at = offset_in(source, raw.as_bytes());
                        let quote = source
                            .as_bytes()
                            .get(at.wrapping_sub(1))
                            .copied()
                            .unwrap_or(b'"');
                        if let Some(raw) = source.get(at..at + raw.len()) {
                            values.push((key, decode(raw, at, true), quote));
                        }
                    }
                }
                for (key, cand, quote) in values {
                    let n = entry_name
                        .clone()
                        .unwrap_or_else(|| format!("{name}@{key}"));
                    out(Entry::new(Some(n), cand, Host::XmlAttr(quote)));
                }
                if matches!(event, Event::Start(_)) {
                    if stack.len() >= limits::MAX_DEPTH {
                        return Err(limits::too_deep(source, before));
                    }
                    stack.push(Open {
                        name,
                        entry_name,
                        at: before,
                    });
                }
            }
            Event::CData(_) => {
                // `<![CDATA[` … `]]>`.
                let (start, end) = (before + 9, after.saturating_sub(3));
                if let Some(raw) = source.get(start..end) {
                    let cand = Builder::verbatim(raw, start).finish(end).trim();
                    out(Entry::new(text_name(&stack), cand, Host::XmlCdata));
                }
            }
            Event::End(_) => {
                stack.pop();
            }
            Event::Eof => {
                if let Some(open) = stack.last() {
                    return Err(SourceError::at(
                        SourceErrorKind::InvalidXml,
                        "invalid XML: an element is not closed",
                        source,
                        open.at,
                    ));
                }
                break;
            }
            _ => {}
        }
    }
    Ok(())
}

/// The name of text inside the innermost element: the nearest `name`/`key` attribute of an
/// enclosing element, or the element's own name.
fn text_name(stack: &[Open]) -> Option<String> {
    stack
        .iter()
        .rev()
        .find_map(|o| o.entry_name.clone())
        .or_else(|| stack.last().map(|o| o.name.clone()))
}

/// Decodes raw XML text found at file offset `base`: entities, character references and line
/// ends (`\r\n` → `\n`); in an attribute value also the normalisation of tabs and line ends to
/// spaces.
// Indexing: `i` advances by whole chars, or past a reference ending at the `;` found within
// the next 12 bytes (so the search is bounded and the reading linear).
fn decode(raw: &str, base: usize, attribute: bool) -> Candidate {
    let mut b = Builder::default();
    let mut i = 0;
    while let Some(c) = raw.get(i..).and_then(|r| r.chars().next()) {
        let at = base + i;
        if c == '&' {
            let window = raw.get(i + 1..).unwrap_or_default();
            let window = &window.as_bytes()[..window.len().min(12)];
            if let Some(semi) = memchr::memchr(b';', window) {
                let entity = raw.get(i + 1..i + 1 + semi).unwrap_or_default();
                if let Some(d) = reference(entity) {
                    b.push(d, at);
                    i += semi + 2;
                    continue;
                }
            }
        }
        if c == '\r' {
            // `\r\n` and a lone `\r` are one line end.
            let lf = raw.as_bytes().get(i + 1) == Some(&b'\n');
            b.push(if attribute { ' ' } else { '\n' }, at);
            i += if lf { 2 } else { 1 };
            continue;
        }
        let normalised = if attribute && matches!(c, '\t' | '\n') {
            ' '
        } else {
            c
        };
        b.push(normalised, at);
        i += c.len_utf8();
    }
    b.finish(base + raw.len())
}

/// The char an entity or character reference (without `&` and `;`) stands for.
fn reference(entity: &str) -> Option<char> {
    match entity {
        "quot" => Some('"'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "lt" => Some('<'),
        "gt" => Some('>'),
        _ => entity
            .strip_prefix("#x")
            .map(|h| u32::from_str_radix(h, 16))
            .or_else(|| entity.strip_prefix('#').map(str::parse::<u32>))
            .and_then(Result::ok)
            .and_then(char::from_u32),
    }
}

#[cfg(test)]
mod tests {
    /// (file, [(name, text, file text)]).
    #[test]
    fn table() {
        #[rustfmt::skip]
        let table: crate::Table<'_> = &[
            ("<c><connectionStrings><add name=\"Z\" connectionString=\"a=&quot;1&quot;;b=2\"/></connectionStrings></c>",
             &[("Z", "a=\"1\";b=2", "a=&quot;1&quot;;b=2")]),
            ("<appSettings>\r\n<add key='K' value='x=1&#x9;y'/></appSettings>", &[("K", "x=1\ty", "x=1&#x9;y")]),
            ("<setting name=\"S\"><value>\n  a=1&amp;b\r\n</value></setting>", &[("S", "a=1&b", "a=1&amp;b")]),
            ("<Value Profile=\"(Default)\"><![CDATA[ p=<1> ]]></Value>", &[("Value", "p=<1>", "p=<1>")]),
            ("<x a=\"k=v\nw\" b=\"no\"/>", &[("x@a", "k=v w", "k=v\nw")]),
            ("<x>&amp;&amp;&amp;=</x>", &[("x", "&&&=", "&amp;&amp;&amp;=")]),
        ];
        for &(file, expected) in table {
            let got: Vec<_> = crate::collect(|out| super::find(file, out))
                .unwrap()
                .into_iter()
                .map(|e| {
                    let (start, end) = (e.candidate.file_start(), e.candidate.file_end());
                    (
                        e.name.unwrap_or_default(),
                        e.candidate.text,
                        file[start..end].to_owned(),
                    )
                })
                .collect();
            let expected: Vec<_> = expected
                .iter()
                .map(|&(n, t, f)| (n.to_owned(), t.to_owned(), f.to_owned()))
                .collect();
            assert_eq!(got, expected, "{file:?}");
        }
    }

    #[test]
    fn errors() {
        for (file, message) in [
            (
                "<a><b></a>",
                "invalid XML: an end tag does not match its start tag at line 1, column 7",
            ),
            (
                "<a x=1/>",
                "invalid XML: an attribute is not written as name=\"value\" at line 1, column 1",
            ),
            (
                "<a>&</a>",
                "invalid XML: a `&` does not start an entity or character reference at line 1, column 4",
            ),
            (
                "<a",
                "invalid XML: a tag, comment, CDATA section or declaration is not closed at line 1, column 1",
            ),
        ] {
            let e = crate::collect(|out| super::find(file, out))
                .err()
                .map(|e| e.to_string());
            assert_eq!(e.as_deref(), Some(message), "{file}");
        }
    }
}
