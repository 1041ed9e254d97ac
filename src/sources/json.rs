//! JSON (.NET `appsettings.json`): the string values of the top-level `ConnectionStrings`
//! object, or of the location a JSON pointer names. serde_json parses the document; the raw
//! text of each string maps its decoded bytes back through the escapes.

use std::fmt;

use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::{Builder, Found};

/// The members of an object (or elements of an array), as raw JSON slices of the input.
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> serde::Deserialize<'de> for Members<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object or an array")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    out.push((key, map.next_value::<&'de RawValue>()?));
                }
                Ok(Members(out))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(v) = seq.next_element::<&'de RawValue>()? {
                    out.push((out.len().to_string(), v));
                }
                Ok(Members(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// Byte offset of `part` inside `whole` (a sub-slice of it).
fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
}

fn describe(e: &serde_json::Error) -> String {
    // serde_json's message ends with the line and column.
    format!("invalid JSON: {e}")
}

pub fn find(source: &str, pointer: Option<&str>) -> Result<Vec<(String, Found)>, String> {
    let root: &RawValue = serde_json::from_str(source).map_err(|e| describe(&e))?;
    let pointer = pointer.unwrap_or("/ConnectionStrings");
    let mut current = root;
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        let members: Members<'_> = match serde_json::from_str(current.get()) {
            Ok(m) => m,
            // Not a container: nothing at this pointer.
            Err(_) => return Ok(Vec::new()),
        };
        match members.0.into_iter().find(|(k, _)| *k == token) {
            Some((_, v)) => current = v,
            None => return Ok(Vec::new()),
        }
    }
    let raw = current.get();
    if raw.starts_with('"') {
        let name = pointer.rsplit('/').next().unwrap_or_default().to_owned();
        return Ok(vec![(name, decode(source, raw))]);
    }
    let members: Members<'_> = serde_json::from_str(raw).map_err(|e| describe(&e))?;
    Ok(members
        .0
        .into_iter()
        .filter(|(_, v)| v.get().starts_with('"'))
        .map(|(k, v)| (k, decode(source, v.get())))
        .collect())
}

/// Decodes the JSON string literal `raw` (a slice of `source`), mapping each char to the
/// offset of its escape or character in the file.
// Indexing: `raw` is a JSON string literal that serde_json accepted, so it starts and ends
// with `"`; `chars.peek()` offsets are char boundaries of `inner`.
fn decode(source: &str, raw: &str) -> Found {
    let base = offset_in(source, raw);
    let inner = &raw[1..raw.len().saturating_sub(1).max(1)];
    let mut b = Builder::default();
    let mut chars = inner.char_indices().peekable();
    while let Some((o, c)) = chars.next() {
        let at = base + 1 + o;
        if c != '\\' {
            b.push(c, at);
            continue;
        }
        let Some((_, e)) = chars.next() else { break };
        let decoded = match e {
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'u' => {
                let hex = |chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>| {
                    let h: String = (0..4)
                        .filter_map(|_| chars.next().map(|(_, h)| h))
                        .collect();
                    u32::from_str_radix(&h, 16).unwrap_or(0xfffd)
                };
                let hi = hex(&mut chars);
                if (0xd800..0xdc00).contains(&hi)
                    && inner[chars.peek().map_or(inner.len(), |p| p.0)..].starts_with("\\u")
                {
                    chars.next();
                    chars.next();
                    let lo = hex(&mut chars);
                    char::from_u32(
                        0x10000 + ((hi - 0xd800) << 10) + (lo.wrapping_sub(0xdc00) & 0x3ff),
                    )
                    .unwrap_or('\u{fffd}')
                } else {
                    char::from_u32(hi).unwrap_or('\u{fffd}')
                }
            }
            other => other,
        };
        b.push(decoded, at);
    }
    b.finish(base + raw.len().saturating_sub(1))
}
