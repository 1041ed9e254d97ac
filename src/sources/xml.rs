//! XML (.NET `app.config`): the `connectionString` attribute of each `add` element inside a
//! `connectionStrings` element. quick-xml reads the document; each attribute's raw text maps
//! its decoded characters back through entities and attribute-value normalisation.

use quick_xml::events::Event;
use quick_xml::reader::Reader;

use super::{Builder, Found};

pub fn find(source: &str) -> Result<Vec<(String, Found)>, String> {
    let mut reader = Reader::from_str(source);
    let mut stack: Vec<String> = Vec::new();
    let mut out = Vec::new();
    loop {
        let event = reader.read_event().map_err(|e| {
            let at = reader.error_position() as usize;
            let pos = crate::Position::locate(source, at);
            format!(
                "invalid XML at line {}, column {}: {e}",
                pos.line, pos.column
            )
        })?;
        match event {
            Event::Start(ref tag) | Event::Empty(ref tag) => {
                let name = tag.local_name().as_ref().to_ascii_lowercase();
                let in_strings = stack.last().is_some_and(|p| p == "connectionstrings");
                if name == "add" && in_strings {
                    let mut entry_name = String::new();
                    let mut value = None;
                    for attr in tag.attributes().with_checks(false).flatten() {
                        let key = attr.key.local_name();
                        if key.as_ref().eq_ignore_ascii_case("connectionString") {
                            // Reading from a `&str`, attribute values borrow the source.
                            if let std::borrow::Cow::Borrowed(raw) = attr.value {
                                value = Some(decode(source, raw));
                            }
                        } else if key.as_ref().eq_ignore_ascii_case("name") {
                            entry_name = attr.value.into_owned();
                        }
                    }
                    if let Some(v) = value {
                        out.push((entry_name, v));
                    }
                }
                if matches!(event, Event::Start(_)) {
                    stack.push(name);
                }
            }
            Event::End(_) => {
                stack.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Decodes an attribute value (a slice of `source`): entities and character references, and
/// the normalisation of literal tabs and line ends to spaces.
// Indexing: `i` advances by whole chars (or past an entity ending at the `;` that `find`
// saw), so `raw[i..]` is always a boundary in bounds; `\r` is one byte, so `i + 1` is too.
fn decode(source: &str, raw: &str) -> Found {
    let base = (raw.as_ptr() as usize).saturating_sub(source.as_ptr() as usize);
    let mut b = Builder::default();
    let mut i = 0;
    while let Some(c) = raw[i..].chars().next() {
        let at = base + i;
        if c == '&' {
            if let Some(semi) = raw[i..].find(';') {
                let entity = &raw[i + 1..i + semi];
                let decoded = match entity {
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
                };
                if let Some(d) = decoded {
                    b.push(d, at);
                    i += semi + 1;
                    continue;
                }
            }
        }
        if c == '\r' && raw[i + 1..].starts_with('\n') {
            i += 1;
            continue;
        }
        let normalised = if matches!(c, '\t' | '\n' | '\r') {
            ' '
        } else {
            c
        };
        b.push(normalised, at);
        i += c.len_utf8();
    }
    b.finish(base + raw.len())
}
