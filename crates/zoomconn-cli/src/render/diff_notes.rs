//! What a masked `fmt --check` diff cannot show: the changes inside secret text, named without
//! the text. The old and new string are read with the library's tokenizer and compared
//! segment by segment — key spelling, value text, quoting, white space — and a change that
//! lies in text the secrets module masks (in the old string or the new) gets a note naming
//! the property and what changes (`note: the quoting of OAuthClientSecret's value changes`),
//! never the value.

use std::collections::HashMap;
use std::ops::Range;

use zoomconn::{ConnectionString, Segment, Syntax, Tokenizer, secrets};

use super::Shown;

/// What is said when the masked old and new text are the same and no segment explains why.
pub const HIDDEN: &str = "note: the change lies inside masked secret text";

/// One side of the diff: its text, segments and secret spans.
struct Side<'a> {
    text: &'a str,
    segments: Vec<Segment<'a>>,
    secrets: Vec<Range<usize>>,
}

impl<'a> Side<'a> {
    /// `text` read in `syntax`, or `None` when it does not parse.
    fn read(text: &'a str, syntax: Syntax) -> Option<Side<'a>> {
        let segments = Tokenizer::with_syntax(text, syntax)
            .collect::<Result<Vec<_>, _>>()
            .ok()?;
        Some(Side {
            text,
            segments,
            secrets: secrets::spans(text, syntax),
        })
    }

    /// Does `r` meet a secret span? (An empty range meets none.)
    fn masked(&self, r: &Range<usize>) -> bool {
        let first = self.secrets.partition_point(|s| s.end <= r.start);
        self.secrets
            .get(first)
            .is_some_and(|s| s.start < r.end && r.start < r.end)
    }

    /// Is all of `r` (non-empty) inside one secret span?
    fn covered(&self, r: Range<usize>) -> bool {
        let first = self.secrets.partition_point(|s| s.end <= r.start);
        !r.is_empty()
            && self
                .secrets
                .get(first)
                .is_some_and(|s| s.start <= r.start && r.end <= s.end)
    }

    /// The text of `r`.
    fn at(&self, r: Range<usize>) -> &'a str {
        self.text.get(r).unwrap_or_default()
    }

    /// The white space of `r` (the `;` that ends or separates segments left out).
    fn space(&self, r: Range<usize>) -> String {
        self.at(r).chars().filter(|&c| c != ';').collect()
    }
}

/// The segment of `old` whose value `new` keeps for each key: the last one of that key
/// (`ConnectionString::keys_match`, as the map compares keys), by lowercase key.
fn winners<'s, 'a>(old: &'s Side<'a>) -> HashMap<String, Vec<&'s Segment<'a>>> {
    let mut by_key: HashMap<String, Vec<&Segment<'a>>> = HashMap::new();
    for s in &old.segments {
        by_key.entry(s.key().to_lowercase()).or_default().push(s);
    }
    by_key
}

/// The notes for a change from `old` to `new` (connection strings in `syntax`): one line per
/// change that the masked diff hides, in the order of `new`'s segments. Empty when either does
/// not parse or nothing is hidden.
///
/// ```
/// use zoomconn::Syntax;
/// let notes = crate::render::diff_notes::notes("OAuthClientSecret=\"abc\"", "OAuthClientSecret=abc;", Syntax::Ado);
/// let notes: Vec<String> = notes.iter().map(ToString::to_string).collect();
/// assert_eq!(notes, ["note: the quoting of OAuthClientSecret's value changes"]);
/// ```
pub fn notes(old: &str, new: &str, syntax: Syntax) -> Vec<Shown> {
    let (Some(old), Some(new)) = (Side::read(old, syntax), Side::read(new, syntax)) else {
        return Vec::new();
    };
    let winners = winners(&old);
    let mut out = Vec::new();
    for n in &new.segments {
        let Some(o) = winners.get(&n.key().to_lowercase()).and_then(|candidates| {
            candidates
                .iter()
                .rev()
                .find(|o| ConnectionString::keys_match(o.key(), n.key()))
        }) else {
            continue;
        };
        changes(&old, o, &new, n, &mut out);
    }
    out
}

/// The hidden changes between the old segment `o` and the new `n`. A masked key, a value
/// masked whole, quotes included (a secret), and the white space around such a value are
/// compared; a value masked only in part (a URL's user information, a nested secret) shows
/// its quotes, and only a change of its text is noted.
fn changes(old: &Side<'_>, o: &Segment<'_>, new: &Side<'_>, n: &Segment<'_>, out: &mut Vec<Shown>) {
    let key_masked = old.masked(&o.key_span()) || new.masked(&n.key_span());
    let value_masked = old.masked(&o.value_span()) || new.masked(&n.value_span());
    let secret = old.covered(o.value_span()) || new.covered(n.value_span());
    let name = if key_masked {
        "a masked key".to_owned()
    } else {
        Shown::new(n.key()).as_str().to_owned()
    };
    let mut note = |what: String| out.push(Shown::message(&format!("note: {what}")));
    if key_masked && old.at(o.key_span()) != new.at(n.key_span()) {
        note(format!("the spelling of {name} changes"));
    }
    if value_masked && o.value() != n.value() {
        note(format!("the value of {name} changes"));
    } else if secret && (o.quote() != n.quote() || old.at(o.value_span()) != new.at(n.value_span()))
    {
        note(format!("the quoting of {name}'s value changes"));
    }
    // Between the key and the value, and after the value (its `;` aside).
    let around = |side: &Side<'_>, s: &Segment<'_>| {
        let mid = s.key_span().end..s.value_span().start;
        let tail = s.value_span().end..s.span().end;
        let masked = side.masked(&mid) || side.masked(&tail);
        ((side.space(mid), side.space(tail)), masked)
    };
    let (o_around, o_masked) = around(old, o);
    let (n_around, n_masked) = around(new, n);
    if (secret || key_masked || o_masked || n_masked) && o_around != n_around {
        note(format!("the white space around {name}'s value changes"));
    }
}

#[cfg(test)]
mod tests {
    use super::{HIDDEN, notes};
    use crate::render::Shown;
    use crate::render::diff::diff;
    use zoomconn::Syntax;

    /// Old and new strings compared directly, changes the canonical form never makes
    /// included: old → new → the notes.
    #[test]
    fn notes_table() {
        #[rustfmt::skip]
        let table: &[(&str, &str, &[&str])] = &[
            ("OAuthClientSecret=\"pw\"", "OAuthClientSecret=pw;", &["note: the quoting of OAuthClientSecret's value changes"]),
            ("OAuthClientSecret='pw'", "OAuthClientSecret=\"pw\"", &["note: the quoting of OAuthClientSecret's value changes"]),
            ("a=1; OAuthClientSecret = pw", "a=1;OAuthClientSecret=pw", &["note: the white space around OAuthClientSecret's value changes"]),
            // A change of text inside the masked part of a value.
            ("AuthScheme=OAuth OAuthClientSecret=pw1", "AuthScheme=OAuth OAuthClientSecret=pw2", &["note: the value of AuthScheme changes"]),
            ("Password=pw1", "Password=pw2", &["note: the value of Password changes"]),
            // Keys are matched as the map matches them; the last occurrence is the one kept.
            ("password=x;PASSWORD='pw'", "password=pw;", &["note: the quoting of password's value changes"]),
            // Nothing masked changes.
            ("Scope='a'", "Scope=a;", &[]),
            ("Password=pw", "Password=pw;", &[]),
            // Not a connection string: nothing to compare.
            ("Password='pw", "Password=pw;", &[]),
        ];
        for &(old, new, want) in table {
            let got: Vec<String> = notes(old, new, Syntax::Ado)
                .iter()
                .map(ToString::to_string)
                .collect();
            assert_eq!(got, want, "{old} → {new}");
            for n in &got {
                assert!(!n.contains("pw"), "{n}");
            }
        }
    }

    /// Masked lines that are the same, with no segment to explain them, still get a note.
    #[test]
    fn a_hunk_never_shows_only_two_identical_sides() {
        let d = diff(
            &Shown::new("f"),
            1,
            1,
            "Password='pw",
            "Password='pw2",
            Syntax::Ado,
        );
        assert_eq!(
            d,
            format!("--- f:1:1\n+++ f:1:1\n-Password=***\n+Password=***\n{HIDDEN}\n")
        );
    }
}
