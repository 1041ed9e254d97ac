//! Source code, documentation and files of unknown kind: only text shaped like a CData
//! connection string is read, so nothing else on a line is ever reported or shown.
//!
//! Lines holding one of the words every CData string holds (`Profile`, `jdbc:`, `CData`, and
//! the API driver's distinctive property names, spaced spellings included) are found with one
//! case-insensitive Aho-Corasick pass over the file. On such a
//! line, each string literal (`"…"`, `'…'`, `` `…` ``; backslash escapes, or doubled quotes in
//! C# `@"…"` and SQL-style literals) is a candidate; when none is a CData string, the line
//! itself (without list, quote or comment markers) or its text from the first key on is.
//! Literals that may span lines — `"""…"""` and `'''…'''` (Python, Java and Kotlin text
//! blocks, C# raw strings), C# `@"…"`, `` `…` `` (JavaScript, Go) — are followed to their
//! end, also when they open at the end of the line before; `fmt` does not rewrite them.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::classify::{Context, classify_in};
use super::escapes::{self, Escape, In};
use super::evidence::FileEvidence;
use super::found::{Builder, Candidate, CodeLiteral, Fixed, Host};
use super::{Entry, Language};

/// Words one of which every CData connection string holds (see [`classify`]): `profile`,
/// `jdbc:`, `cdata`, and every distinctive property name and spaced alias of the registry.
fn anchors() -> Vec<String> {
    let mut words: Vec<String> = ["profile", "jdbc:", "cdata"].map(str::to_owned).to_vec();
    for p in zoomconn::registry::PROPERTIES {
        if super::classify::GENERIC.contains(&p.name) {
            continue;
        }
        words.push(p.name.to_ascii_lowercase());
        words.extend(p.aliases.iter().map(|a| a.to_ascii_lowercase()));
    }
    words
}

static FINDER: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(anchors())
        .ok()
});

/// Does `text` hold one of the anchor words?
pub(crate) fn has_anchor(text: &str) -> bool {
    FINDER.as_ref().is_some_and(|f| f.is_match(text))
}

/// Reads the next line that holds an anchor word, from the anchor search at `*at` on, and
/// hands out its strings: `*at` moves past the anchor found (to the end of `source` when there
/// is none), `*done_until` past what was read (a literal over several lines included), so
/// that each line is read once. Literals are classified with the file's `evidence`; anchors
/// inside `covered` (the strings [`calls`](super::calls) read whole) are skipped.
pub(crate) fn step(
    source: &str,
    at: &mut usize,
    done_until: &mut usize,
    lang: Option<Language>,
    evidence: &FileEvidence,
    covered: &[std::ops::Range<usize>],
    out: &mut dyn FnMut(Entry),
) {
    let Some(finder) = FINDER.as_ref() else {
        *at = source.len();
        return;
    };
    let ctx = Context {
        file: Some(evidence),
        ..Context::default()
    };
    let bytes = source.as_bytes();
    loop {
        let input = aho_corasick::Input::new(source).span(*at..source.len());
        let Some(m) = finder.find(input) else {
            *at = source.len();
            return;
        };
        *at = m.end().max(*at + 1);
        if m.start() < *done_until {
            continue;
        }
        // Inside a string handed whole to a CData connection type: its literals are not read
        // again one by one.
        if let Some(r) = covered.iter().find(|r| r.contains(&m.start())) {
            *done_until = r.end;
            continue;
        }
        let line_start =
            memchr::memrchr(b'\n', bytes.get(..m.start()).unwrap_or_default()).map_or(0, |i| i + 1);
        let line_end = memchr::memchr(b'\n', bytes.get(m.start()..).unwrap_or_default())
            .map_or(source.len(), |i| m.start() + i);
        let Some(line) = source.get(line_start..line_end) else {
            *done_until = line_end;
            return;
        };
        let line = line.strip_suffix('\r').unwrap_or(line);
        // A literal opened at the end of the line before (`"""`, `@"`, `` ` ``) and holding
        // this line: read from there.
        let from = opener_before(source, line_start)
            .filter(|&from| from >= *done_until)
            .unwrap_or(line_start);
        let read = scan_line(source, lang, from, line_start, line, &ctx, out);
        *done_until = line_end.max(read);
        return;
    }
}

/// The start of the line before `line_start` when that line ends with the opening of a
/// literal that may span lines (`"""`, `'''`, `@"`, `` ` ``), as Java text blocks, C# raw
/// and verbatim strings and Python's triple-quoted strings are written.
fn opener_before(source: &str, line_start: usize) -> Option<usize> {
    let before = source.get(..line_start.checked_sub(1)?)?;
    let prev_start = before.rfind('\n').map_or(0, |i| i + 1);
    let prev = before.get(prev_start..)?.trim_end();
    let opens = ["\"\"\"", "'''", "@\"", "`"]
        .iter()
        .any(|o| prev.ends_with(o));
    // Two backticks or more end a Markdown fence, not a literal.
    let fence = prev.ends_with("``");
    (opens && !fence).then_some(prev_start)
}

/// How far past its first line a literal that may span lines is followed before it is taken
/// as unterminated.
const MULTI_LINE_MAX: usize = 16 * 1024;

/// A string literal: its decoded text, where its opening quote is, where it ends (after the
/// closing quote), and its host.
pub(crate) struct Literal {
    pub cand: Candidate,
    pub open: usize,
    pub end: usize,
    pub host: Host,
}

/// Reads the line `line` (starting at `line_start` in `source`), from `from` on (the line
/// before, when a literal opens there); hands out its CData strings. Returns how far the
/// source was read: past the end of a literal that spans lines, or `line_start`.
fn scan_line(
    source: &str,
    lang: Option<Language>,
    from: usize,
    line_start: usize,
    line: &str,
    ctx: &Context<'_>,
    out: &mut dyn FnMut(Entry),
) -> usize {
    let mut found_any = false;
    let mut read = line_start;
    for lit in literals(source, lang, from, line_start + line.len()) {
        if lit.end <= line_start
            || !has_anchor(&lit.cand.text)
            || classify_in(&lit.cand.text, None, ctx).is_none()
        {
            continue;
        }
        found_any = true;
        read = read.max(lit.end);
        let line_of_open = source
            .get(..lit.open)
            .map_or(0, |b| b.rfind('\n').map_or(0, |i| i + 1));
        let head = source.get(line_of_open..lit.open).unwrap_or_default();
        let name = name_before(head, head.len());
        let mut entry = Entry::new(name, lit.cand, lit.host);
        entry.piece = true;
        out(entry);
    }
    if found_any {
        return read;
    }
    // The line itself, without markers, or from its first key.
    let base = line_start;
    let (text, at) = unmarked(line);
    if classify_in(text, None, ctx).is_some() {
        let cand = Builder::verbatim(text, base + at).finish(base + at + text.len());
        out(Entry::new(None, cand, Host::Verbatim));
        return read;
    }
    if let Some(from) = first_key(line) {
        let text = line.get(from..).unwrap_or_default().trim_end();
        if classify_in(text, None, ctx).is_some() {
            let cand = Builder::verbatim(text, base + from).finish(base + from + text.len());
            let mut entry = Entry::new(secret_name_before(line, from), cand, Host::Verbatim);
            entry.piece = true;
            out(entry);
        }
    }
    read
}

/// How a literal is written: its prefix and quote, read for the file's language.
#[derive(Default)]
struct Form {
    triple: bool,
    /// Doubled quotes, literal backslashes (C# `@"…"`, SQL-style `'…'`).
    doubled: bool,
    /// No escapes (Python `r'…'`, Rust `r"…"`, Go `` `…` ``, Kotlin and C# `"""…"""`).
    raw: bool,
    /// Rust raw strings: the number of `#` around the quotes.
    hashes: usize,
    within: In,
    /// Fields in braces (Python `f'…'`, C# `$"…"`).
    braces: bool,
    /// `${…}` (JavaScript templates) or `$name` (Kotlin).
    dollar: bool,
    /// A JavaScript tagged template: the tag function reads it.
    unsure: bool,
}

/// The literal form of the quote `c` at `i`, with the letters (and `@ $ #`) just before it as
/// its prefix; `None` when the quote is an apostrophe inside a word.
fn form(lang: Option<Language>, bytes: &[u8], from: usize, i: usize, c: u8) -> Option<Form> {
    let mut p = i;
    while p > from
        && i - p < 4
        && bytes
            .get(p - 1)
            .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'@' | b'$' | b'#'))
    {
        p -= 1;
    }
    // More letters before the prefix: a word (`don't`, `foo"`).
    let word_before = p > from
        && bytes
            .get(p - 1)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
    let pre = bytes.get(p..i).unwrap_or_default();
    let pre_lower = pre.to_ascii_lowercase();
    let pre_str = std::str::from_utf8(&pre_lower).unwrap_or_default();
    let hashes = pre.iter().rev().take_while(|&&b| b == b'#').count();
    let letters = pre_str.trim_end_matches('#');
    let triple = c != b'`' && bytes.get(i..i + 3) == Some(&[c, c, c][..]);
    let mut f = Form {
        triple,
        ..Form::default()
    };
    let known = |ok: &[&str]| !word_before && ok.contains(&letters);
    // An apostrophe right after a letter or digit that is no prefix: a word's (`don't`).
    let in_word = c == b'\'' && p < i && pre.last().is_some_and(u8::is_ascii_alphanumeric);
    match lang {
        Some(Language::Python) => {
            if !known(&["", "r", "u", "b", "f", "rb", "br", "fr", "rf"]) || hashes > 0 {
                return (!in_word).then_some(f);
            }
            f.raw = letters.contains('r');
            f.within.bytes = letters.contains('b');
            f.braces = letters.contains('f');
        }
        Some(Language::Rust) => {
            if c == b'"' && known(&["r", "br", "cr"]) {
                f.raw = true;
                f.hashes = hashes;
            } else if c == b'"' && hashes == 0 && known(&["b", "c"]) {
                f.within.bytes = letters == "b";
            } else if in_word {
                return None;
            }
        }
        Some(Language::CSharp) => {
            if in_word {
                return None;
            }
            f.doubled = pre.ends_with(b"@") && !word_before && !triple;
            f.raw = triple;
            f.braces = pre.contains(&b'$') && !word_before;
        }
        Some(Language::JavaScript) => {
            if c == b'`' {
                f.dollar = true;
                f.within.template = true;
                f.unsure = !pre.is_empty() || word_before;
            } else if in_word {
                return None;
            }
        }
        Some(Language::Kotlin) => {
            if in_word {
                return None;
            }
            f.dollar = true;
            f.raw = triple;
        }
        Some(Language::Go) => {
            if in_word {
                return None;
            }
            f.raw = c == b'`';
        }
        Some(Language::Java) => {
            if in_word {
                return None;
            }
        }
        None => {
            let prev = pre.last().copied();
            let prefix = pre.len() == 1
                && matches!(
                    prev,
                    Some(b'r' | b'R' | b'b' | b'B' | b'f' | b'F' | b'u' | b'U')
                )
                && !word_before;
            if c == b'\'' && prev.is_some_and(|b| b.is_ascii_alphanumeric()) && !prefix {
                return None;
            }
            let verbatim = c == b'"' && prev == Some(b'@') && !triple;
            f.raw = c != b'`' && matches!(prev, Some(b'r' | b'R')) && prefix;
            f.doubled = (verbatim || c == b'\'') && !triple;
        }
    }
    Some(f)
}

/// The string literals that open in `source[from..line_end]`, in order; an unterminated one
/// ends the scan. A literal in `"…"` or `'…'` ends on its line; `"""…"""`, `'''…'''`, C#
/// `@"…"`, Rust `r#"…"#` and `` `…` `` may run on for [`MULTI_LINE_MAX`] bytes past it.
/// Escapes are read as `lang` reads them (see [`escapes`]).
// Indexing: `i` and `j` advance by whole chars or past ASCII quote and backslash bytes.
pub(crate) fn literals(
    source: &str,
    lang: Option<Language>,
    from: usize,
    line_end: usize,
) -> Vec<Literal> {
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    let mut i = from;
    while i < line_end {
        let Some(&c) = bytes.get(i) else { break };
        if !matches!(c, b'"' | b'\'' | b'`') {
            i += 1;
            continue;
        }
        // Two or more backticks: a Markdown fence or code span delimiter, not a literal.
        if c == b'`' && bytes.get(i + 1) == Some(&b'`') {
            while bytes.get(i) == Some(&b'`') {
                i += 1;
            }
            continue;
        }
        let Some(form) = form(lang, bytes, from, i, c) else {
            i += 1;
            continue;
        };
        let triple = form.triple;
        let multi = triple || (form.doubled && c == b'"') || c == b'`' || form.hashes > 0;
        let limit = if multi {
            line_end.saturating_add(MULTI_LINE_MAX).min(source.len())
        } else {
            line_end
        };
        let mut b = Builder::default();
        let mut unsure = form.unsure;
        let mut j = i + if triple { 3 } else { 1 };
        let mut close = None;
        while j < limit {
            let Some(ch) = source.get(j..).and_then(|r| r.chars().next()) else {
                break;
            };
            if ch as u32 == u32::from(c) {
                if triple {
                    if bytes.get(j..j + 3) == Some(&[c, c, c][..]) {
                        close = Some((j, j + 3));
                        break;
                    }
                } else if form.doubled && bytes.get(j + 1) == Some(&c) {
                    b.push(ch, j);
                    j += 2;
                    continue;
                } else if form.hashes > 0 {
                    let tail = bytes.get(j + 1..j + 1 + form.hashes);
                    if tail.is_some_and(|t| t.iter().all(|&h| h == b'#')) {
                        close = Some((j, j + 1 + form.hashes));
                        break;
                    }
                } else {
                    close = Some((j, j + 1));
                    break;
                }
            }
            if ch == '\\' && form.raw {
                // Python: a backslash keeps the quote after it in the literal.
                if lang == Some(Language::Python) {
                    if let Some(next) = source.get(j + 1..).and_then(|r| r.chars().next()) {
                        b.push('\\', j);
                        b.push(next, j + 1);
                        j += 1 + next.len_utf8();
                        continue;
                    }
                }
                // The generic reader cannot tell what a backslash in `r'…'` means.
                unsure |= lang.is_none();
            } else if ch == '\\' && !form.doubled {
                let rest = source.get(j..).unwrap_or_default();
                match escapes::escape(lang, form.within, rest) {
                    Escape::Char(d, len) => {
                        b.push(d, j);
                        j += len;
                        continue;
                    }
                    Escape::Skip(len) => {
                        j += len;
                        continue;
                    }
                    Escape::Backslash => {}
                    Escape::Unsure(len) => {
                        let mut end = len.min(rest.len());
                        while !rest.is_char_boundary(end) {
                            end += 1;
                        }
                        b.push_str(rest.get(..end).unwrap_or_default(), j);
                        j += end;
                        unsure = true;
                        continue;
                    }
                }
            } else if ch == '\\' && lang.is_none() && c == b'\'' {
                // `'…'` with a backslash: SQL keeps it, Python reads an escape.
                unsure = true;
            }
            let next = bytes.get(j + 1).copied();
            let field = match ch {
                '{' | '}' => form.braces,
                '$' if form.dollar => match lang {
                    Some(Language::Kotlin) => {
                        next.is_some_and(|n| n == b'{' || n == b'_' || n.is_ascii_alphabetic())
                    }
                    _ => next == Some(b'{'),
                },
                // Go drops carriage returns from raw strings.
                '\r' => lang == Some(Language::Go) && form.raw,
                _ => false,
            };
            unsure |= field || (form.within.bytes && !ch.is_ascii());
            b.push(ch, j);
            j += ch.len_utf8();
        }
        let Some((text_end, end)) = close else { break };
        // A literal over several lines, or in triple quotes, is not re-escaped in place.
        let host = if triple || end > line_end {
            Host::Fixed(Fixed::Layout)
        } else if unsure {
            Host::Fixed(Fixed::Escapes)
        } else {
            Host::Code(CodeLiteral {
                quote: c,
                lang,
                doubled: form.doubled && !form.raw,
                raw: form.raw,
                hashes: form.hashes > 0,
                ascii: form.within.bytes,
                braces: form.braces,
                dollar: form.dollar,
            })
        };
        out.push(Literal {
            cand: b.finish(text_end),
            open: i,
            end,
            host,
        });
        i = end;
    }
    out
}

/// The line without leading markers (`-`, `*`, `>`, `//`, `#`, `--`, `;`, a list number) and
/// trailing white space, and where that text starts.
fn unmarked(line: &str) -> (&str, usize) {
    let mut rest = line.trim_start();
    loop {
        let before = rest.len();
        for marker in ["//", "--", "#", ";", "-", "*", ">"] {
            if let Some(r) = rest.strip_prefix(marker) {
                rest = r.trim_start();
            }
        }
        if rest.len() == before {
            break;
        }
    }
    let text = rest.trim_end();
    (text, line.len() - rest.len())
}

/// Where the key holding the line's first anchor starts: back from the anchor over
/// identifier characters (and a `jdbc:…:` prefix).
fn first_key(line: &str) -> Option<usize> {
    let m = FINDER.as_ref()?.find(line)?;
    let bytes = line.as_bytes();
    let mut from = m.start();
    while from > 0 {
        match bytes.get(from - 1) {
            Some(b) if b.is_ascii_alphanumeric() || matches!(b, b'_' | b':' | b'.') => from -= 1,
            _ => break,
        }
    }
    Some(from)
}

/// The secret name whose value a piece of a line starting at `from` continues: the text before
/// it ends with a name the secret policy calls secret, its `=` or `:` and perhaps an opening
/// quote (`APIToken='…`, `password: …`). The piece is then the rest of that secret value and
/// is named for it, so that it is withheld whole.
fn secret_name_before(line: &str, from: usize) -> Option<String> {
    let head = line
        .get(..from)?
        .trim_end_matches(['\'', '"', '`', ' ', '\t']);
    let head = head
        .strip_suffix(['=', ':'])?
        .trim_end()
        .trim_end_matches(['\'', '"']);
    let start = identifier_start(head)?;
    let name = head.get(start..)?;
    zoomconn::secrets::is_secret_key(name).then(|| name.to_owned())
}

/// Where the identifier that ends `head` starts (letters, digits, `_`, `.`, `-`, `$`), if it
/// ends with one.
fn identifier_start(head: &str) -> Option<usize> {
    head.char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | '$'))
        .last()
        .map(|(i, _)| i)
}

/// The identifier a literal is assigned to: `name = "…"`, `name: "…"`, `name := "…"`,
/// `"name": "…"`.
fn name_before(line: &str, open: usize) -> Option<String> {
    let head = line.get(..open)?;
    // A literal's prefix: C# `@"` and `$"`, Python and Rust `r"`, `f"`, `b"`.
    let head = match head.strip_suffix(['@', '$', 'r', 'R', 'f', 'b']) {
        Some(h) if !h.ends_with(|c: char| c.is_alphanumeric() || c == '_') => h,
        _ => head,
    };
    let head = head.trim_end();
    let (head, colon) = match head.strip_suffix(":=").or_else(|| head.strip_suffix('=')) {
        Some(h) => (h, false),
        None => (head.strip_suffix(':')?, true),
    };
    let head = head.trim_end();
    let unquoted = head.strip_suffix(['"', '\'']);
    let quoted = unquoted.is_some();
    let head = unquoted.unwrap_or(head);
    let start = identifier_start(head)?;
    // `name: "…"` names a key only at the start of a line or inside braces: after other
    // words it is prose ("the string would be: `…`").
    if colon && !quoted {
        let lead = head.get(..start)?.trim_end();
        let lead = lead.trim_start_matches([' ', '\t', '-', '*']);
        if !(lead.is_empty() || lead.ends_with(['{', ',', '('])) {
            return None;
        }
    }
    Some(head.get(start..)?.to_owned())
}

#[cfg(test)]
mod tests {
    /// (file, [(name, text, file text)]).
    #[test]
    fn table() {
        #[rustfmt::skip]
        let table: crate::Table<'_> = &[
            // C#: a regular and a verbatim literal; the SQL Server string is left alone.
            ("var db = \"Server=x;Database=profiles;Password=p\";\nvar zoom = \"Profile=Zoom.apip;Scope=\\\"a b\\\";AuthScheme=OAuth\";\n",
             &[("zoom", "Profile=Zoom.apip;Scope=\"a b\";AuthScheme=OAuth", "Profile=Zoom.apip;Scope=\\\"a b\\\";AuthScheme=OAuth")]),
            ("conn = @\"Profile=Zoom.apip;Scope=\"\"a\"\"\"", &[("conn", "Profile=Zoom.apip;Scope=\"a\"", "Profile=Zoom.apip;Scope=\"\"a\"\"")]),
            // Python raw string, Java, JDBC.
            ("URL = r'jdbc:api:Profile=C:\\z\\Zoom.apip;AuthScheme=OAuth'", &[("URL", "jdbc:api:Profile=C:\\z\\Zoom.apip;AuthScheme=OAuth", "jdbc:api:Profile=C:\\z\\Zoom.apip;AuthScheme=OAuth")]),
            // Markdown: a code line, prose with an apostrophe, an inline code span.
            ("    Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH\nDon't set `AuthScheme=OAuth;InitiateOAuth=OFF` twice.\n",
             &[("", "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH", "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH"),
               ("", "AuthScheme=OAuth;InitiateOAuth=OFF", "AuthScheme=OAuth;InitiateOAuth=OFF")]),
            ("# ZOOM: AuthScheme=OAuth;InitiateOAuth=OFF", &[("", "AuthScheme=OAuth;InitiateOAuth=OFF", "AuthScheme=OAuth;InitiateOAuth=OFF")]),
            // Literals over several lines: Python triple quotes, a Java text block opened on
            // the line before, a C# verbatim string; a Markdown fence is no literal; an
            // unterminated triple quote does not swallow the lines after it.
            ("CONN = \"\"\"Profile=Zoom.apip;AuthScheme=OAuth;\nInitiateOAuth=OFF\"\"\"\n",
             &[("CONN", "Profile=Zoom.apip;AuthScheme=OAuth;\nInitiateOAuth=OFF", "Profile=Zoom.apip;AuthScheme=OAuth;\nInitiateOAuth=OFF")]),
            ("String conn = \"\"\"\n    Profile=Zoom.apip;AuthScheme=OAuth;\n    \"\"\";\n",
             &[("conn", "\n    Profile=Zoom.apip;AuthScheme=OAuth;\n    ", "\n    Profile=Zoom.apip;AuthScheme=OAuth;\n    ")]),
            ("var c = @\"Profile=Zoom.apip;\n  Scope=\"\"a\"\";AuthScheme=OAuth\";\n",
             &[("c", "Profile=Zoom.apip;\n  Scope=\"a\";AuthScheme=OAuth", "Profile=Zoom.apip;\n  Scope=\"\"a\"\";AuthScheme=OAuth")]),
            ("```\nProfile=Zoom.apip;AuthScheme=OAuth\n```\n",
             &[("", "Profile=Zoom.apip;AuthScheme=OAuth", "Profile=Zoom.apip;AuthScheme=OAuth")]),
            ("x = \"\"\"Profile=Zoom.apip;AuthScheme=OAuth\nZ = \"Profile=Zoom.apip;AuthScheme=OAuth\"\n",
             &[("", "Profile=Zoom.apip;AuthScheme=OAuth", "Profile=Zoom.apip;AuthScheme=OAuth"),
               ("Z", "Profile=Zoom.apip;AuthScheme=OAuth", "Profile=Zoom.apip;AuthScheme=OAuth")]),
            // An unknown escape keeps its backslash: a Windows path in a Python string.
            ("P = \"Profile=C:\\profiles\\Zoom.apip;AuthScheme=OAuth\\;x\"\n",
             &[("P", "Profile=C:\\profiles\\Zoom.apip;AuthScheme=OAuth\\;x", "Profile=C:\\profiles\\Zoom.apip;AuthScheme=OAuth\\;x")]),
            // A word of prose before a colon is no name.
            ("The connection string would be: \"Profile=Zoom.apip;AuthScheme=OAuth\"\n  zoom: \"Profile=Zoom.apip;AuthScheme=OAuth\"\n",
             &[("", "Profile=Zoom.apip;AuthScheme=OAuth", "Profile=Zoom.apip;AuthScheme=OAuth"),
               ("zoom", "Profile=Zoom.apip;AuthScheme=OAuth", "Profile=Zoom.apip;AuthScheme=OAuth")]),
            // Nothing CData-shaped.
            ("if (s.Contains(\"Profile=\")) { profile = 1; }\nSELECT * FROM UserProfiles;\n", &[]),
            ("-- SQL\nEXEC sp 'Profile=Zoom.apip;OAuthClientSecret=it''s';", &[("", "Profile=Zoom.apip;OAuthClientSecret=it's", "Profile=Zoom.apip;OAuthClientSecret=it''s")]),
        ];
        crate::check_table(crate::Kind::Code, table);
    }
}
