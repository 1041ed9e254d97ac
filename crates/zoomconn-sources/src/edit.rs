//! Putting new text in place of a found string: only that string's bytes change, re-escaped
//! for the host format (JSON string escapes, XML entities, `.env` quoting, `.properties`
//! escapes, YAML scalars, source-code literals); every other byte is kept. Each edit is
//! checked by reading the edited file again: the string must read back as the new text at
//! the same place, or the edit is refused.

use super::found::Host;
use super::{Found, Options, SourceError, SourceErrorKind};

fn refuse(message: impl Into<String>) -> SourceError {
    SourceError::new(SourceErrorKind::NotEditable, message)
}

/// `new` written for `host`, or why it cannot be.
fn escape(new: &str, host: Host) -> Result<String, SourceError> {
    let mut out = String::with_capacity(new.len() + 8);
    let line_break = || refuse("the new text has a line break, which this place cannot hold");
    match host {
        Host::Fixed => {
            return Err(refuse(
                "this connection string is not one piece of text in the file (an ODBC data source section, a YAML block scalar, or a literal over several lines of source code)",
            ));
        }
        Host::Verbatim | Host::YamlPlain => {
            if new.contains(['\n', '\r']) {
                return Err(line_break());
            }
            out.push_str(new);
        }
        Host::Json => {
            for c in new.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                    c => out.push(c),
                }
            }
        }
        Host::XmlAttr(q) => {
            for c in new.chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '"' if q == b'"' => out.push_str("&quot;"),
                    '\'' if q == b'\'' => out.push_str("&apos;"),
                    '\t' => out.push_str("&#9;"),
                    '\n' => out.push_str("&#10;"),
                    '\r' => out.push_str("&#13;"),
                    c => out.push(c),
                }
            }
        }
        Host::XmlText => {
            for c in new.chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '\r' => out.push_str("&#13;"),
                    c => out.push(c),
                }
            }
        }
        Host::XmlCdata => {
            if new.contains("]]>") {
                return Err(refuse(
                    "the new text holds `]]>`, which ends a CDATA section",
                ));
            }
            out.push_str(new);
        }
        Host::EnvDouble | Host::YamlDouble => {
            for c in new.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    c if host == Host::YamlDouble && (c as u32) < 0x20 => {
                        out.push_str(&format!("\\x{:02x}", c as u32));
                    }
                    c => out.push(c),
                }
            }
        }
        Host::EnvSingle => {
            if new.contains('\'') {
                return Err(refuse(
                    "the new text has a `'`, which a single-quoted .env value cannot hold",
                ));
            }
            out.push_str(new);
        }
        Host::YamlBlock(indent) => {
            // Each line of the new text is a line of the block, at its indentation.
            let pad = " ".repeat(usize::from(indent));
            for (i, line) in new.split('\n').enumerate() {
                if i > 0 {
                    out.push('\n');
                    out.push_str(&pad);
                }
                if line.contains('\r') {
                    return Err(line_break());
                }
                out.push_str(line);
            }
        }
        Host::YamlSingle => {
            if new.contains(['\n', '\r']) {
                return Err(line_break());
            }
            out.push_str(&new.replace('\'', "''"));
        }
        Host::Properties => {
            for (i, c) in new.chars().enumerate() {
                match c {
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    '\u{c}' => out.push_str("\\f"),
                    ' ' if i == 0 => out.push_str("\\ "),
                    c => out.push(c),
                }
            }
        }
        Host::Code { quote, doubled } => {
            for c in new.chars() {
                match c {
                    '\n' | '\r' if doubled => return Err(line_break()),
                    c if c as u32 == u32::from(quote) => {
                        if doubled {
                            out.push(c);
                            out.push(c);
                        } else {
                            out.push('\\');
                            out.push(c);
                        }
                    }
                    '\\' if !doubled => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' if !doubled => out.push_str("\\t"),
                    c => out.push(c),
                }
            }
        }
    }
    Ok(out)
}

/// `source` (the text `found` was found in) with the found string replaced by `new_text`,
/// escaped for the file's format; every other byte kept.
///
/// # Errors
///
/// [`SourceErrorKind::NotEditable`] when the string is not one piece of text in the file (an
/// ODBC data source section), when the place cannot hold the new text (a line break in a
/// plain value, `'` in a single-quoted `.env` value, `]]>` in CDATA), or when the edited file
/// would not read the new text back at that place.
///
/// ```
/// use zoomconn_sources::{self as sources, Kind};
/// let file = "{\n  // Zoom\n  \"ConnectionStrings\": { \"Zoom\": \"Profile=Zoom.apip\" },\n}\n";
/// let found = &sources::find(file, Kind::Json, &Default::default())?[0];
/// let edited = sources::edit(file, found, r#"Profile=Zoom.apip;Scope="a b""#)?;
/// assert_eq!(edited, "{\n  // Zoom\n  \"ConnectionStrings\": { \"Zoom\": \"Profile=Zoom.apip;Scope=\\\"a b\\\"\" },\n}\n");
/// # Ok::<(), zoomconn_sources::SourceError>(())
/// ```
pub fn edit(source: &str, found: &Found, new_text: &str) -> Result<String, SourceError> {
    edit_all(source, &[(found, new_text)])
}

/// [`edit`] for several strings of the same file at once (each found in `source`, none
/// overlapping), checked with one reading of the result.
///
/// # Errors
///
/// As [`edit`]; nothing is edited when any edit is refused.
///
/// ```
/// use zoomconn_sources::{self as sources, Kind};
/// let file = "A=\"Profile=Zoom.apip;AuthScheme=OAuth\"\nB='AuthScheme=OAuth;InitiateOAuth=OFF'\n";
/// let found = sources::find(file, Kind::Env, &Default::default())?;
/// let edited = sources::edit_all(file, &[(&found[0], "x=\"1\""), (&found[1], "y=2")])?;
/// assert_eq!(edited, "A=\"x=\\\"1\\\"\"\nB='y=2'\n");
/// # Ok::<(), zoomconn_sources::SourceError>(())
/// ```
pub fn edit_all(source: &str, edits: &[(&Found, &str)]) -> Result<String, SourceError> {
    let mut order: Vec<(std::ops::Range<usize>, &Found, String)> = Vec::with_capacity(edits.len());
    for &(found, new) in edits {
        let span = found.span();
        if span.end > source.len()
            || !source.is_char_boundary(span.start)
            || !source.is_char_boundary(span.end)
        {
            return Err(refuse("the connection string is not in this text"));
        }
        order.push((span, found, escape(new, found.host)?));
    }
    order.sort_by_key(|(span, _, _)| span.start);
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    // Where each edited string starts in the result, and its new text.
    let mut expected = Vec::with_capacity(order.len());
    for (span, found, escaped) in &order {
        if span.start < at {
            return Err(refuse("two edits overlap"));
        }
        out.push_str(source.get(at..span.start).unwrap_or_default());
        expected.push((out.len(), *found));
        out.push_str(escaped);
        at = span.end;
    }
    out.push_str(source.get(at..).unwrap_or_default());
    verify(&out, &expected, edits)?;
    Ok(out)
}

/// Reads the edited text again: each edited string must be there, at its new start, reading
/// as its new text.
fn verify(
    out: &str,
    expected: &[(usize, &Found)],
    edits: &[(&Found, &str)],
) -> Result<(), SourceError> {
    let Some((_, first)) = expected.first() else {
        return Ok(());
    };
    let mut entries = Vec::new();
    super::entries(
        out,
        first.kind,
        &Options::default(),
        &super::evidence::scan(out),
        &mut |e| entries.push(e),
    )
    .map_err(|e| refuse(format!("the edited file would not parse ({})", e.message())))?;
    for &(start, found) in expected {
        let new = edits
            .iter()
            .find(|(f, _)| std::ptr::eq(*f, found))
            .map_or("", |(_, n)| n);
        let ok = entries.iter().any(|e| {
            e.candidate.file_start() == start && e.candidate.text == new
                || (new.is_empty() && e.candidate.text.is_empty())
        });
        if !ok {
            return Err(refuse(format!(
                "the {} file would not read the new text back at line {}, column {}",
                found.kind.name(),
                found.start.line,
                found.start.column
            )));
        }
    }
    Ok(())
}
