//! `fmt`'s edit against independent readers: the bytes are read as a JSON, XML or
//! `.properties` file (the first byte picks which), every connection string found is replaced
//! by its canonical form the way `fmt` does it (`edit_all`), and the file before and after is
//! read by a reader that shares no code with `zoomconn_sources` — `serde_json`, `quick-xml`'s
//! own unescaping, and a plain `.properties` reader written from `java.util.Properties.load`.
//! Every value the edit did not touch must read the same; each edited value must read as its
//! canonical form.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quick_xml::events::Event;
use zoomconn::ConnectionString;
use zoomconn_sources::{self as sources, Found, Kind, Options};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let (kind, read): (Kind, fn(&str) -> Option<Vec<String>>) = match pick % 3 {
        0 => (Kind::Json, json_values),
        1 => (Kind::Xml, xml_values),
        _ => (Kind::Properties, properties_values),
    };
    let Ok(found) = sources::find(text, kind, &Options::default()) else {
        return;
    };
    let found: Vec<Found> = found.collect();
    let edits: Vec<(&Found, String)> = found
        .iter()
        .filter(|f| f.is_editable())
        .filter_map(|f| {
            let cs = ConnectionString::parse_with(f.body(), f.syntax()).ok()?;
            let new = format!("{}{}", f.prefix(), cs.to_canonical_string());
            (new != f.text()).then_some((f, new))
        })
        .collect();
    if edits.is_empty() {
        return;
    }
    let pairs: Vec<(&Found, &str)> = edits.iter().map(|(f, n)| (*f, n.as_str())).collect();
    let Ok(edited) = sources::edit_all(text, &pairs) else {
        return;
    };
    // The reference reader must read the original to judge the edit (serde_json takes no
    // comments; quick-xml's unescaping no entity a DTD declares).
    let Some(before) = read(text) else { return };
    let after = read(&edited).unwrap_or_else(|| panic!("the edited file does not read:\n{edited}"));
    assert_eq!(
        before.len(),
        after.len(),
        "values appeared or vanished:\n{text}\n---\n{edited}"
    );
    let mut unmatched: Vec<(&str, &str)> =
        edits.iter().map(|(f, n)| (f.text(), n.as_str())).collect();
    for (b, a) in before.iter().zip(&after) {
        if a == b {
            continue;
        }
        // A changed value: one of the edits, each used once.
        let Some(i) = unmatched
            .iter()
            .position(|(old, new)| b.trim() == old.trim() && a.trim() == new.trim())
        else {
            panic!("{b:?} now reads {a:?}:\n{text}\n---\n{edited}");
        };
        unmatched.swap_remove(i);
    }
});

/// Every string of a JSON document (keys and values), in order.
fn json_values(text: &str) -> Option<Vec<String>> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            serde_json::Value::Object(o) => o.iter().for_each(|(k, v)| {
                out.push(k.clone());
                walk(v, out);
            }),
            _ => {}
        }
    }
    let v: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).ok()?;
    let mut out = Vec::new();
    walk(&v, &mut out);
    Some(out)
}

/// Every attribute value and text of an XML document, unescaped by quick-xml, in order.
fn xml_values(text: &str) -> Option<Vec<String>> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut out = Vec::new();
    let mut pending = String::new();
    loop {
        let event = reader.read_event().ok()?;
        match &event {
            Event::Text(t) => {
                pending.push_str(&t.xml10_content());
                continue;
            }
            Event::GeneralRef(r) => {
                let name: &str = r;
                let c = match r.resolve_char_ref().ok()? {
                    Some(c) => c,
                    None => match name {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        _ => return None,
                    },
                };
                pending.push(c);
                continue;
            }
            _ => {}
        }
        if !pending.is_empty() {
            out.push(std::mem::take(&mut pending));
        }
        match event {
            Event::Start(e) | Event::Empty(e) => {
                for a in e.attributes() {
                    let a = a.ok()?;
                    out.push(
                        a.normalized_value_with(quick_xml::XmlVersion::Implicit1_0, 16, |name| {
                            match name {
                                "amp" => Some("&"),
                                "lt" => Some("<"),
                                "gt" => Some(">"),
                                "quot" => Some("\""),
                                "apos" => Some("'"),
                                _ => None,
                            }
                        })
                        .ok()?
                        .into_owned(),
                    );
                }
            }
            Event::CData(c) => out.push(c.into_inner().into_owned()),
            Event::Eof => break,
            _ => {}
        }
    }
    Some(out)
}

/// Every key and value of a `.properties` file, read as `java.util.Properties.load` reads
/// it: logical lines (a line ending in an odd number of backslashes continues, the next
/// line's leading white space dropped), `#`/`!` comments, the key up to the first unescaped
/// `=`, `:` or white space, then `\t \n \r \f \uXXXX` and `\c` → `c`.
fn properties_values(text: &str) -> Option<Vec<String>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        // One logical line, its escapes still in it.
        let mut line: Vec<char> = Vec::new();
        let mut skip_ws = true;
        let mut comment = false;
        loop {
            let Some(&c) = chars.get(i) else { break };
            i += 1;
            if skip_ws {
                if matches!(c, ' ' | '\t' | '\u{c}') {
                    continue;
                }
                if line.is_empty() && matches!(c, '\r' | '\n') && !comment {
                    continue;
                }
                skip_ws = false;
                if line.is_empty() && matches!(c, '#' | '!') {
                    comment = true;
                }
            }
            if matches!(c, '\r' | '\n') {
                if c == '\r' && chars.get(i) == Some(&'\n') {
                    i += 1;
                }
                let slashes = line.iter().rev().take_while(|&&b| b == '\\').count();
                if !comment && slashes % 2 == 1 {
                    line.pop();
                    skip_ws = true;
                    continue;
                }
                break;
            }
            line.push(c);
        }
        if comment || line.is_empty() {
            continue;
        }
        if line.iter().rev().take_while(|&&b| b == '\\').count() % 2 == 1 {
            line.pop();
        }
        // Split key and value.
        let mut k = 0;
        let mut has_sep = false;
        let mut backslash = false;
        while k < line.len() {
            let c = line[k];
            if !backslash && matches!(c, '=' | ':') {
                has_sep = true;
                break;
            }
            if !backslash && matches!(c, ' ' | '\t' | '\u{c}') {
                break;
            }
            backslash = c == '\\' && !backslash;
            k += 1;
        }
        let mut v = k + 1;
        if k >= line.len() {
            v = line.len();
        }
        while v < line.len() {
            let c = line[v];
            if !matches!(c, ' ' | '\t' | '\u{c}') {
                if !has_sep && matches!(c, '=' | ':') {
                    has_sep = true;
                } else {
                    break;
                }
            }
            v += 1;
        }
        out.push(unescape(&line[..k.min(line.len())])?);
        out.push(unescape(&line[v.min(line.len())..])?);
    }
    Some(out)
}

/// `Properties.load`'s escapes; `None` for a malformed `\uXXXX`, which Java rejects.
fn unescape(s: &[char]) -> Option<String> {
    let mut units: Vec<u16> = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        i += 1;
        if c != '\\' {
            let mut b = [0u16; 2];
            units.extend_from_slice(c.encode_utf16(&mut b));
            continue;
        }
        let Some(&e) = s.get(i) else { break };
        i += 1;
        let d = match e {
            't' => '\t',
            'n' => '\n',
            'r' => '\r',
            'f' => '\u{c}',
            'u' => {
                let h: String = s.get(i..i + 4)?.iter().collect();
                units.push(u16::from_str_radix(&h, 16).ok()?);
                i += 4;
                continue;
            }
            other => other,
        };
        let mut b = [0u16; 2];
        units.extend_from_slice(d.encode_utf16(&mut b));
    }
    String::from_utf16(&units).ok()
}
