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

use super::found::{Builder, Candidate, Fixed, Host};
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
                    let (cand, exact) = decode(raw, start, false);
                    let host = if exact {
                        Host::XmlText
                    } else {
                        Host::Fixed(Fixed::Escapes)
                    };
                    out(Entry::new(text_name(&stack), cand.trim(), host));
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
                        entry_name = Some(decode(raw, 0, true).0.text);
                    }
                    if raw.contains('=') || raw.contains("&#") {
                        let at = offset_in(source, raw.as_bytes());
                        let quote = source
                            .as_bytes()
                            .get(at.wrapping_sub(1))
                            .copied()
                            .unwrap_or(b'"');
                        if let Some(raw) = source.get(at..at + raw.len()) {
                            let (cand, exact) = decode(raw, at, true);
                            values.push((key, cand, quote, exact));
                        }
                    }
                }
                for (key, cand, quote, exact) in values {
                    let n = entry_name
                        .clone()
                        .unwrap_or_else(|| format!("{name}@{key}"));
                    let host = if exact {
                        Host::XmlAttr(quote)
                    } else {
                        Host::Fixed(Fixed::Escapes)
                    };
                    out(Entry::new(Some(n), cand, host));
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

/// Decodes raw XML text found at file offset `base`: entities, character references of any
/// length (`&#x0000000077;`) and line ends (`\r\n` → `\n`); in an attribute value also the
/// normalisation of tabs and line ends to spaces. An entity other than the five XML defines
/// (one a DTD declares) is kept as written, and the value is not editable: the second value.
// Indexing: `i` advances by whole chars, or past a reference ending at its `;` (a name or a
// run of digits, read once, so the reading stays linear).
fn decode(raw: &str, base: usize, attribute: bool) -> (Candidate, bool) {
    let mut b = Builder::default();
    let mut exact = true;
    let mut i = 0;
    while let Some(c) = raw.get(i..).and_then(|r| r.chars().next()) {
        let at = base + i;
        if c == '&' {
            let after = raw.get(i + 1..).unwrap_or_default();
            let len = after
                .bytes()
                .take_while(|&b| b != b';' && b != b'&' && b != b'<')
                .count();
            if after.as_bytes().get(len) == Some(&b';') {
                let entity = after.get(..len).unwrap_or_default();
                match reference(entity) {
                    Some(d) => b.push(d, at),
                    None => {
                        b.push_str(raw.get(i..i + len + 2).unwrap_or_default(), at);
                        exact = false;
                    }
                }
                i += len + 2;
                continue;
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
    (b.finish(base + raw.len()), exact)
}

/// The char an entity or character reference (without `&` and `;`) stands for: the five
/// entities XML defines, and `&#…;`/`&#x…;` of a char XML allows, leading zeros included.
fn reference(entity: &str) -> Option<char> {
    let code = match entity {
        "quot" => return Some('"'),
        "amp" => return Some('&'),
        "apos" => return Some('\''),
        "lt" => return Some('<'),
        "gt" => return Some('>'),
        _ => {
            let (digits, radix) = match entity.strip_prefix("#x") {
                Some(h) => (h, 16),
                None => (entity.strip_prefix('#')?, 10),
            };
            if digits.is_empty() || !digits.chars().all(|d| d.is_digit(radix)) {
                return None;
            }
            let digits = digits.trim_start_matches('0');
            if digits.len() > 8 {
                return None;
            }
            u32::from_str_radix(if digits.is_empty() { "0" } else { digits }, radix).ok()?
        }
    };
    let c = char::from_u32(code)?;
    let allowed = matches!(c, '\t' | '\n' | '\r')
        || matches!(code, 0x20..=0xd7ff | 0xe000..=0xfffd | 0x10000..=0x10ffff);
    allowed.then_some(c)
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
            // Character references of any length, leading zeros included, in keys too.
            ("<add key=\"Z&#x000000006f;om\" value=\"Pass&#x0000000077;ord=s&#0000112;\"/>",
             &[("Zoom", "Zoom", "Z&#x000000006f;om"), ("Zoom", "Password=sp", "Pass&#x0000000077;ord=s&#0000112;")]),
            ("<v>Pass&#X77;ord=&#x110000;</v>", &[("v", "Pass&#X77;ord=&#x110000;", "Pass&#X77;ord=&#x110000;")]),
        ];
        crate::check_table(crate::Kind::Xml, table);
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
            let e = crate::read_entries(file, crate::Kind::Xml)
                .err()
                .map(|e| e.to_string());
            assert_eq!(e.as_deref(), Some(message), "{file}");
        }
    }
}
