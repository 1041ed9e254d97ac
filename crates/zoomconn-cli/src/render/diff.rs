//! `zoomconn fmt --check` output: for each connection string that would change, its old and
//! new text, each redacted as a whole ([`Shown::lines`]) — the diff shows connection-string
//! text only, never the rest of the file — and a note for each change the masking hides
//! ([`diff_notes`](super::diff_notes)).

use zoomconn::Syntax;

use super::Shown;
use super::diff_notes::{self, HIDDEN};

/// A unified-diff-like hunk for one string: `--- path:line:col`, `+++ path:line:col`, then
/// `-old` and `+new` lines (a multi-line string gives several), secrets masked and control
/// characters escaped; then a `note: …` line for each change inside masked text, naming the
/// property and what changes (its quoting, the white space around it, …) but never the text —
/// and when the masked lines are the same and no segment explains it, a note: a hunk
/// never shows two identical sides and nothing else.
///
/// ```
/// use crate::render::Shown;
/// use zoomconn::Syntax;
/// let d = crate::render::diff(&Shown::new("a.env"), 2, 6, " Profile = Zoom.apip ;Password=pw", "Profile=Zoom.apip;Password=pw", Syntax::Ado);
/// assert_eq!(d, "--- a.env:2:6\n+++ a.env:2:6\n- Profile = Zoom.apip ;Password=***\n+Profile=Zoom.apip;Password=***\n");
/// let d = crate::render::diff(&Shown::new("a.env"), 1, 1, "Password='pw';", "Password=pw;", Syntax::Ado);
/// assert_eq!(d, "--- a.env:1:1\n+++ a.env:1:1\n-Password=***;\n+Password=***;\nnote: the quoting of Password's value changes\n");
/// ```
pub fn diff(
    path: &Shown,
    line: usize,
    column: usize,
    old: &str,
    new: &str,
    syntax: Syntax,
) -> String {
    let mut out = format!("--- {path}:{line}:{column}\n+++ {path}:{line}:{column}\n");
    let (old_lines, new_lines) = (Shown::lines(old, syntax), Shown::lines(new, syntax));
    for (sign, lines) in [('-', &old_lines), ('+', &new_lines)] {
        for l in lines {
            out.push(sign);
            out.push_str(l.as_str());
            out.push('\n');
        }
    }
    let mut notes = diff_notes::notes(old, new, syntax);
    if notes.is_empty() && old_lines == new_lines {
        notes.push(Shown::message(HIDDEN));
    }
    for n in notes {
        out.push_str(n.as_str());
        out.push('\n');
    }
    out
}

/// The diff of a found string and its new text: a string that is secret as a whole (the value
/// of an entry named like a secret, see `Checked::is_withheld`) shows as `*`s on both sides,
/// with the note that the change lies inside masked text.
pub fn diff_found(path: &Shown, found: &zoomconn_sources::Found, new: &str) -> String {
    let p = found.start();
    if !found.validate().is_withheld() {
        return diff(path, p.line, p.column, found.text(), new, found.syntax());
    }
    let stars = |t: &str| "*".repeat(t.chars().count().min(80));
    format!(
        "--- {path}:{l}:{c}\n+++ {path}:{l}:{c}\n-{}\n+{}\n{}\n",
        stars(found.text()),
        stars(new),
        Shown::message(HIDDEN),
        l = p.line,
        c = p.column,
    )
}
