//! The one exit of text from input: every string a renderer prints that came from a file or an
//! argument — entry names, profiles, drivers, paths, snippets, messages, notes, diff lines — is
//! a [`Shown`], and the only way to make a `Shown` is [`clean`], which
//!
//! 1. masks secrets: every char inside a span that the secrets module calls secret becomes
//!    `*` — [`secrets::text_spans`] for a name, a path, a profile or driver and a value
//!    quoted in a message, [`secrets::spans`] for the text of a connection string (snippets,
//!    diff lines);
//! 2. escapes what could break a line or rewrite a terminal, in a visible form: `\n`, `\r`,
//!    `\t`, and `\u{…}` (lowercase hex) for the other C0 controls, DEL, the C1 controls (ESC
//!    and BEL included), the bidi marks, overrides and isolates (U+061C, U+200E, U+200F,
//!    U+202A–U+202E, U+2066–U+2069) and the line and paragraph separators (U+2028, U+2029);
//! 3. puts a `\` before a text that starts with `::` (after white space), so that no line of
//!    the output can be read as a GitHub Actions workflow command that zoomconn did not write.
//!
//! The escaped form is for people and logs; it is not meant to be decoded (a `\` of the input
//! stays as it is).
//!
//! ```
//! use crate::render::Shown;
//! assert_eq!(Shown::new("a\x1b]0;title\x07b").to_string(), "a\\u{1b}]0;title\\u{7}b");
//! assert_eq!(Shown::new("::error::x").to_string(), "\\::error::x");
//! assert_eq!(Shown::new("Zoom.apip OAuthClientSecret=hunter2").to_string(), "Zoom.apip OAuthClientSecret=*******");
//! ```

use std::fmt;
use std::ops::Range;

use zoomconn::{Syntax, secrets};

use super::Masks;

/// Text from input, made safe to print: secrets masked, control characters escaped (see the
/// module's documentation). `Display` prints it; there is no way to build one from raw text
/// that skips the masking and the escaping.
///
/// ```
/// use crate::render::Shown;
/// let s = Shown::new("deploy\n::error title=forged::x.env");
/// assert_eq!(s.to_string(), "deploy\\n::error title=forged::x.env");
/// assert!(!s.as_str().contains('\n'));
/// ```
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Shown(String);

impl Shown {
    /// A value from input that is not a connection string (a name, a path, a profile, a
    /// driver): masked as [`secrets::text_spans`] says, and escaped.
    ///
    /// ```
    /// let s = crate::render::Shown::new("Zoom.apip Password=pw");
    /// assert_eq!(s.as_str(), "Zoom.apip Password=**");
    /// ```
    pub fn new(text: &str) -> Shown {
        Shown(clean(text, &secrets::text_spans(text), 0..0).0)
    }

    /// A message or help line made by the libraries: the values it quotes between backticks
    /// come from input and are masked as [`secrets::text_spans`] says; the whole is escaped.
    ///
    /// ```
    /// let s = crate::render::Shown::message("invalid value `x Password=pw` for Timeout: OAuthClientSecret is set");
    /// assert_eq!(s.as_str(), "invalid value `x Password=**` for Timeout: OAuthClientSecret is set");
    /// ```
    pub fn message(text: &str) -> Shown {
        let mut spans = Vec::new();
        let mut quoted = text.match_indices('`').map(|(at, _)| at + 1);
        while let (Some(from), Some(to)) = (quoted.next(), quoted.next()) {
            let part = text.get(from..to - 1).unwrap_or_default();
            spans.extend(
                secrets::text_spans(part)
                    .into_iter()
                    .map(|r| r.start + from..r.end + from),
            );
        }
        Shown(clean(text, &spans, 0..0).0)
    }

    /// The `window` of a connection string's line in `source` (byte offsets on char
    /// boundaries), with a `…` before and after it as `cut` says, and a problem at `problem`
    /// (file offsets): masked where `masks` — the string's secret spans as the secrets module
    /// found them in the whole string — say, and escaped; with the problem's byte range in the
    /// shown text (clamped to the window).
    ///
    /// ```
    /// use crate::render::{Masks, Shown};
    /// let file = "Z=a\x1b;Timeout=x\n";
    /// let (s, span) = Shown::snippet(file, 2..15, (false, false), &Masks::default(), 14..15);
    /// assert_eq!((s.as_str(), &s.as_str()[span]), ("a\\u{1b};Timeout=x", "x"));
    /// ```
    pub fn snippet(
        source: &str,
        window: Range<usize>,
        cut: (bool, bool),
        masks: &Masks,
        problem: Range<usize>,
    ) -> (Shown, Range<usize>) {
        const CUT: &str = "…";
        let lead = if cut.0 { CUT.len() } else { 0 };
        let mut text = String::with_capacity(window.len() + 2 * CUT.len());
        if cut.0 {
            text.push_str(CUT);
        }
        text.push_str(source.get(window.clone()).unwrap_or_default());
        if cut.1 {
            text.push_str(CUT);
        }
        let at = |o: usize| o.clamp(window.start, window.end) - window.start + lead;
        let spans: Vec<Range<usize>> = masks
            .within(window.clone())
            .map(|r| at(r.start)..at(r.end))
            .collect();
        let (shown, span) = clean(&text, &spans, at(problem.start)..at(problem.end));
        (Shown(shown), span)
    }

    /// Text the user asked to see as it is (`zoomconn parse --show-secrets`): escaped, not
    /// masked. The one constructor that keeps secrets; only that flag reaches it.
    ///
    /// ```
    /// let s = crate::render::Shown::exposed("Password=pw\x1b");
    /// assert_eq!(s.as_str(), "Password=pw\\u{1b}");
    /// ```
    pub fn exposed(text: &str) -> Shown {
        Shown(clean(text, &[], 0..0).0)
    }

    /// The lines of a connection string in `syntax`: redacted as a whole by
    /// [`secrets::redact`] (a secret may run over lines), then each line (without its `\r`)
    /// escaped.
    ///
    /// ```
    /// use zoomconn::Syntax;
    /// let lines = crate::render::Shown::lines("Profile=Zoom.apip;\nPassword='a\nb'", Syntax::Ado);
    /// let lines: Vec<String> = lines.iter().map(ToString::to_string).collect();
    /// assert_eq!(lines, ["Profile=Zoom.apip;", "Password=***"]);
    /// ```
    pub fn lines(text: &str, syntax: Syntax) -> Vec<Shown> {
        secrets::redact(text, syntax)
            .split('\n')
            .map(|l| Shown(clean(l.strip_suffix('\r').unwrap_or(l), &[], 0..0).0))
            .collect()
    }

    /// The safe text.
    ///
    /// ```
    /// assert_eq!(crate::render::Shown::new("a.env").as_str(), "a.env");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

/// How `c` is shown: `None` when it prints as itself.
fn escape(c: char) -> Option<EscapeForm> {
    match c {
        '\n' => Some(EscapeForm::Short('n')),
        '\r' => Some(EscapeForm::Short('r')),
        '\t' => Some(EscapeForm::Short('t')),
        c if c.is_control() => Some(EscapeForm::Hex(c)),
        '\u{061c}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{2028}'
        | '\u{2029}' => Some(EscapeForm::Hex(c)),
        _ => None,
    }
}

/// A visible form of a char that must not be printed as itself.
enum EscapeForm {
    /// `\n`, `\r`, `\t`.
    Short(char),
    /// `\u{1b}`.
    Hex(char),
}

/// The one function every [`Shown`] is made by: `text` masked (each char inside `spans`, the
/// secret spans the secrets module gave, sorted, as `*`), escaped, and guarded against a
/// leading `::`, with `mark` (a byte range of `text`) mapped to the byte range of the result
/// that shows it.
fn clean(text: &str, spans: &[Range<usize>], mark: Range<usize>) -> (String, Range<usize>) {
    let mut out = String::with_capacity(text.len() + 2);
    let (mut start, mut end) = (None, None);
    let mut next_span = 0;
    for (at, c) in text.char_indices() {
        if start.is_none() && at >= mark.start {
            start = Some(out.len());
        }
        if end.is_none() && at >= mark.end {
            end = Some(out.len());
        }
        while spans.get(next_span).is_some_and(|r| r.end <= at) {
            next_span += 1;
        }
        let secret = spans.get(next_span).is_some_and(|r| r.start <= at);
        match escape(c) {
            // Every char of a secret is a `*`, a control char too: one `*` per char keeps a
            // snippet's columns.
            _ if secret => out.push('*'),
            None => out.push(c),
            Some(EscapeForm::Short(s)) => {
                out.push('\\');
                out.push(s);
            }
            Some(EscapeForm::Hex(h)) => {
                use fmt::Write as _;
                let _ = write!(out, "\\u{{{:x}}}", u32::from(h));
            }
        }
    }
    let start = start.unwrap_or(out.len());
    let end = end.unwrap_or(out.len()).max(start);
    if out.trim_start().starts_with("::") {
        out.insert(0, '\\');
        return (out, start + 1..end + 1);
    }
    (out, start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Input → shown text: every escaped char, masking, the `::` guard.
    #[test]
    fn table() {
        let table: &[(&str, &str)] = &[
            ("a.env", "a.env"),
            ("", ""),
            ("Zoom.apip", "Zoom.apip"),
            ("C:\\profiles\\Zoom.apip", "C:\\profiles\\Zoom.apip"),
            ("naïve ✓", "naïve ✓"),
            ("a\nb", "a\\nb"),
            ("a\r\nb", "a\\r\\nb"),
            ("a\tb", "a\\tb"),
            ("\0", "\\u{0}"),
            ("\x1b[31mred", "\\u{1b}[31mred"),
            ("\x1b]0;title\x07", "\\u{1b}]0;title\\u{7}"),
            ("\x7f", "\\u{7f}"),
            ("\u{85}\u{9b}", "\\u{85}\\u{9b}"),
            ("\u{202e}cod.exe", "\\u{202e}cod.exe"),
            (
                "\u{202a}\u{202b}\u{202c}\u{202d}",
                "\\u{202a}\\u{202b}\\u{202c}\\u{202d}",
            ),
            (
                "\u{2066}\u{2067}\u{2068}\u{2069}",
                "\\u{2066}\\u{2067}\\u{2068}\\u{2069}",
            ),
            ("\u{2028}\u{2029}", "\\u{2028}\\u{2029}"),
            ("\u{200e}\u{200f}\u{61c}", "\\u{200e}\\u{200f}\\u{61c}"),
            ("::error::x", "\\::error::x"),
            ("  ::warning::x", "\\  ::warning::x"),
            ("\n::error::x", "\\n::error::x"),
            ("a::b", "a::b"),
            (":x", ":x"),
            ("%0A::error::x", "%0A::error::x"),
            ("Password=pw", "Password=**"),
            (
                "Zoom.apip OAuthClientSecret=s3cr3t",
                "Zoom.apip OAuthClientSecret=******",
            ),
            (
                "{CData Zoom OAuthClientSecret=s3}",
                "{CData Zoom OAuthClientSecret=***",
            ),
            ("https://u:pw@host/x", "https://****@host/x"),
            ("Password=a\x1bb", "Password=***"),
        ];
        for &(input, wanted) in table {
            assert_eq!(Shown::new(input).as_str(), wanted, "{input:?}");
        }
    }

    #[test]
    fn no_raw_control_or_bidi_char_is_left() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        let shown = Shown::new(&all);
        assert!(
            shown.as_str().chars().all(|c| escape(c).is_none()),
            "{shown:?}"
        );
    }

    /// Line, window, cut, secret ranges and problem → shown text and the part the problem's
    /// span covers.
    #[test]
    fn snippet_spans_follow_the_escapes() {
        type Row<'a> = (
            &'a str,
            Range<usize>,
            (bool, bool),
            Vec<Range<usize>>,
            Range<usize>,
            &'a str,
            &'a str,
        );
        let table: Vec<Row<'_>> = vec![
            (
                "Timeout=x",
                0..9,
                (false, false),
                vec![],
                8..9,
                "Timeout=x",
                "x",
            ),
            (
                "a=\u{1b}\u{1b};Timeout=x",
                0..14,
                (false, false),
                vec![],
                13..14,
                "a=\\u{1b}\\u{1b};Timeout=x",
                "x",
            ),
            (
                "a=\u{1b};b=x",
                0..7,
                (false, false),
                vec![],
                2..3,
                "a=\\u{1b};b=x",
                "\\u{1b}",
            ),
            (
                "Password=pä;T=x",
                0..16,
                (false, false),
                vec![Range { start: 9, end: 12 }],
                9..12,
                "Password=**;T=x",
                "**",
            ),
            (
                "Password=p\nq;T=x",
                0..16,
                (false, false),
                vec![Range { start: 9, end: 12 }],
                14..15,
                "Password=***;T=x",
                "=",
            ),
            ("::e=x", 0..5, (false, false), vec![], 4..5, "\\::e=x", "x"),
            ("xx::e=x", 2..7, (true, false), vec![], 6..7, "…::e=x", "x"),
            ("T=x;U=y", 0..3, (false, true), vec![], 2..3, "T=x…", "x"),
            ("T=x;U=y", 0..3, (false, true), vec![], 5..7, "T=x…", ""),
            ("T=x", 0..3, (false, false), vec![], 3..3, "T=x", ""),
        ];
        for (line, window, cut, secret, problem, wanted, marked) in table {
            let masks = Masks { ranges: secret };
            let (shown, span) = Shown::snippet(line, window, cut, &masks, problem);
            assert_eq!(
                (shown.as_str(), shown.as_str().get(span)),
                (wanted, Some(marked)),
                "{line:?}"
            );
        }
    }

    #[test]
    fn lines_redact_the_whole_string_first() {
        let table: &[(&str, &[&str])] = &[
            (
                "Profile=Zoom.apip;\r\nOAuthClientSecret='a\nb';Scope=s",
                &["Profile=Zoom.apip;", "OAuthClientSecret=***;Scope=s"],
            ),
            (
                "Profile=Zoom.apip;\r\nScope='a\nb';Timeout=s\x1bt",
                &["Profile=Zoom.apip;", "Scope='a", "b';Timeout=s\\u{1b}t"],
            ),
            (
                "::error::x=1\n::warning::y",
                &["\\::error::x=1", "\\::warning::y"],
            ),
        ];
        for (text, wanted) in table {
            let got: Vec<String> = Shown::lines(text, Syntax::Ado)
                .iter()
                .map(ToString::to_string)
                .collect();
            assert_eq!(got, *wanted, "{text:?}");
        }
    }
}
