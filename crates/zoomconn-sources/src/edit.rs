//! Putting new text in place of a found string: only that string's bytes change, re-escaped
//! for the host format (JSON string escapes, XML entities, `.env` quoting, `.properties`
//! escapes, YAML scalars, source-code literals of each language) so that the host's own reader
//! reads exactly the new text; every other byte is kept. A backslash is written only as an
//! escape the host reads. Each edit is checked by reading the edited file again with the same
//! complete decoders: the string must read back as the new text at the same place, editable,
//! or the edit is refused.

use super::env::expands;
use super::found::{CodeLiteral, Host};
use super::{Found, Language, Options, SourceError, SourceErrorKind};

fn refuse(message: impl Into<String>) -> SourceError {
    SourceError::new(SourceErrorKind::NotEditable, message)
}

fn line_break() -> SourceError {
    refuse("the new text has a line break, which this place cannot hold")
}

/// A char XML 1.0 cannot hold, not even as a character reference.
fn not_xml(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// `new` written for `host`, and where its text starts in what is written (after a quote an
/// unquoted `.env` value gets); or why it cannot be.
fn escape(new: &str, host: Host) -> Result<(String, usize), SourceError> {
    let mut out = String::with_capacity(new.len() + 8);
    match host {
        Host::Fixed(why) => {
            return Err(refuse(format!(
                "this connection string cannot be edited in place: {}",
                why.reason()
            )));
        }
        Host::Verbatim | Host::YamlPlain => {
            if new.contains(['\n', '\r']) {
                return Err(line_break());
            }
            out.push_str(new);
        }
        Host::EnvPlain => {
            if new.contains(['\n', '\r']) {
                return Err(line_break());
            }
            if super::env::plain_agrees(new) && !new.starts_with('#') {
                out.push_str(new);
            } else if !new.contains(['\'', '\\']) {
                // Single quotes: bash and dotenv both read the text as it is.
                out.push('\'');
                out.push_str(new);
                out.push('\'');
                return Ok((out, 1));
            } else {
                return Err(refuse(
                    "the new text needs quotes, and has a `'` or a backslash, which bash and dotenv read differently",
                ));
            }
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
                    c if not_xml(c) => {
                        return Err(refuse(
                            "the new text has a control char, which XML cannot hold",
                        ));
                    }
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
                    c if not_xml(c) => {
                        return Err(refuse(
                            "the new text has a control char, which XML cannot hold",
                        ));
                    }
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
            if new.contains('\r') || new.chars().any(not_xml) {
                return Err(refuse(
                    "the new text has a control char, which CDATA cannot hold",
                ));
            }
            out.push_str(new);
        }
        Host::EnvDouble => {
            // Only `\"` and `\\`, which bash and dotenv both read; a `$` that bash would
            // expand or a backquote cannot be written so that both read it the same.
            let mut chars = new.chars().peekable();
            while let Some(c) = chars.next() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '`' => {
                        return Err(refuse(
                            "the new text has a backquote, which bash expands and dotenv does not",
                        ));
                    }
                    '$' if expands(chars.peek().copied()) => {
                        return Err(refuse(
                            "the new text has a `$` that bash expands and dotenv does not",
                        ));
                    }
                    '\r' => return Err(line_break()),
                    c => out.push(c),
                }
            }
        }
        Host::YamlDouble => {
            for c in new.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    c if (c as u32) < 0x20 || c == '\u{7f}' => {
                        out.push_str(&format!("\\x{:02x}", c as u32))
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
            if new.contains("\\\\") || new.ends_with('\\') || new.contains('\r') {
                return Err(refuse(
                    "the new text has `\\\\` or ends in a backslash, which bash and dotenv read differently in single quotes",
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
                    ' ' | '=' | ':' if i == 0 => {
                        out.push('\\');
                        out.push(c);
                    }
                    // Every reader of `.properties` (ISO-8859-1 or UTF-8) reads `\uXXXX`.
                    c if !c.is_ascii() || c.is_ascii_control() => {
                        let mut units = [0u16; 2];
                        for u in c.encode_utf16(&mut units) {
                            out.push_str(&format!("\\u{u:04x}"));
                        }
                    }
                    c => out.push(c),
                }
            }
        }
        Host::Code(lit) => code(new, lit, &mut out)?,
    }
    Ok((out, 0))
}

/// `new` written into a one-line string literal of source code, with only the escapes its
/// language reads.
fn code(new: &str, lit: CodeLiteral, out: &mut String) -> Result<(), SourceError> {
    let quote = char::from(lit.quote);
    if lit.doubled {
        if new.contains(['\n', '\r']) {
            return Err(line_break());
        }
        if lit.lang.is_none() && new.contains('\\') {
            return Err(refuse(
                "the new text has a backslash, which this literal's language may read as an escape",
            ));
        }
        for c in new.chars() {
            out.push(c);
            if c == quote {
                out.push(c);
            }
        }
        return Ok(());
    }
    if lit.raw {
        let quoted = if lit.hashes {
            new.contains("\"#")
        } else {
            new.contains(quote)
        };
        if quoted || new.contains(['\n', '\r']) {
            return Err(refuse(
                "the new text has a quote or a line break, which this raw literal cannot hold",
            ));
        }
        // Python: a backslash before the closing quote would escape it.
        let python = lit.lang == Some(Language::Python) && new.ends_with('\\');
        if python || (lit.lang.is_none() && new.contains('\\')) {
            return Err(refuse(
                "the new text has a backslash this raw literal cannot hold",
            ));
        }
        if lit.ascii && !new.is_ascii() {
            return Err(refuse(
                "the new text is not ASCII, which a byte string cannot hold",
            ));
        }
        out.push_str(new);
        return Ok(());
    }
    for c in new.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '{' | '}' if lit.braces => {
                out.push(c);
                out.push(c);
            }
            '$' if lit.dollar => out.push_str("\\$"),
            c if c.is_control()
                || matches!(c, '\u{2028}' | '\u{2029}')
                || (lit.ascii && !c.is_ascii()) =>
            {
                let n = c as u32;
                match lit.lang {
                    Some(Language::JavaScript | Language::Kotlin | Language::CSharp)
                        if n <= 0xffff =>
                    {
                        out.push_str(&format!("\\u{n:04x}"));
                    }
                    Some(Language::Python) if !lit.ascii => out.push_str(&format!("\\U{n:08x}")),
                    Some(Language::Python | Language::Go | Language::Rust) if n < 0x80 => {
                        out.push_str(&format!("\\x{n:02x}"));
                    }
                    Some(Language::Go) => out.push_str(&format!("\\U{n:08x}")),
                    Some(Language::Rust) if !lit.ascii => out.push_str(&format!("\\u{{{n:x}}}")),
                    // Java reads `\u` escapes before the literal: octal is safe.
                    Some(Language::Java) if n < 0x100 => out.push_str(&format!("\\{n:03o}")),
                    Some(Language::Java) => out.push(c),
                    _ => {
                        return Err(refuse(
                            "the new text has a char this literal cannot be sure to hold",
                        ));
                    }
                }
            }
            c => out.push(c),
        }
    }
    Ok(())
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
/// let found = &sources::find(file, Kind::Json, &Default::default())?.next().unwrap();
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
/// let found: Vec<_> = sources::find(file, Kind::Env, &Default::default())?.collect();
/// let edited = sources::edit_all(file, &[(&found[0], "x=\"1\""), (&found[1], "y=2")])?;
/// assert_eq!(edited, "A=\"x=\\\"1\\\"\"\nB='y=2'\n");
/// # Ok::<(), zoomconn_sources::SourceError>(())
/// ```
pub fn edit_all(source: &str, edits: &[(&Found, &str)]) -> Result<String, SourceError> {
    let mut order: Vec<(std::ops::Range<usize>, &Found, String, usize)> =
        Vec::with_capacity(edits.len());
    for &(found, new) in edits {
        let span = found.span();
        if span.end > source.len()
            || !source.is_char_boundary(span.start)
            || !source.is_char_boundary(span.end)
        {
            return Err(refuse("the connection string is not in this text"));
        }
        let (escaped, text_at) = escape(new, found.host)?;
        order.push((span, found, escaped, text_at));
    }
    order.sort_by_key(|(span, _, _, _)| span.start);
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    // Where each edited string starts in the result, and its new text.
    let mut expected = Vec::with_capacity(order.len());
    for (span, found, escaped, text_at) in &order {
        if span.start < at {
            return Err(refuse("two edits overlap"));
        }
        out.push_str(source.get(at..span.start).unwrap_or_default());
        expected.push((out.len() + text_at, *found));
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
    let language = match first.host {
        Host::Code(lit) => lit.lang,
        _ => None,
    };
    let options = Options::new().language(language);
    let entries: Vec<_> = super::finds::Entries::new(out, first.kind, &options)
        .map_err(|e| refuse(format!("the edited file would not parse ({})", e.message())))?
        .0
        .collect();
    for &(start, found) in expected {
        let new = edits
            .iter()
            .find(|(f, _)| std::ptr::eq(*f, found))
            .map_or("", |(_, n)| n);
        // Read back editable: never through an escape kept as written.
        let ok = entries.iter().any(|e| {
            (e.candidate.file_start() == start && e.candidate.text == new
                || (new.is_empty() && e.candidate.text.is_empty()))
                && !matches!(e.host, Host::Fixed(f) if f != super::found::Fixed::Layout)
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
