//! `zoomconn fmt --check` output: for each connection string that would change, its old and
//! new text, each redacted as a whole ([`Shown::lines`]) — the diff shows connection-string
//! text only, never the rest of the file.

use zoomconn::Syntax;

use super::Shown;

/// A unified-diff-like hunk for one string: `--- path:line:col`, `+++ path:line:col`, then
/// `-old` and `+new` lines (a multi-line string gives several), secrets masked and control
/// characters escaped.
///
/// ```
/// use crate::render::Shown;
/// use zoomconn::Syntax;
/// let d = crate::render::diff(&Shown::new("a.env"), 2, 6, " Profile = Zoom.apip ;Password=pw", "Profile=Zoom.apip;Password=pw", Syntax::Ado);
/// assert_eq!(d, "--- a.env:2:6\n+++ a.env:2:6\n- Profile = Zoom.apip ;Password=***\n+Profile=Zoom.apip;Password=***\n");
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
    for (sign, text) in [('-', old), ('+', new)] {
        for l in Shown::lines(text, syntax) {
            out.push(sign);
            out.push_str(l.as_str());
            out.push('\n');
        }
    }
    out
}
