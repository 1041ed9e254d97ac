//! Secret-safe text: a connection string with its secret spans replaced, for logs and messages.

use std::ops::Range;

use crate::grammar::syntax::Syntax;

/// What replaces a secret in redacted output.
///
/// ```
/// let cs = zoomconn::ConnectionString::parse("Password=pw").unwrap();
/// assert_eq!(cs.redacted(), format!("Password={}", zoomconn::REDACTED));
/// ```
pub const REDACTED: &str = "***";

/// `text` with every secret span ([`spans`](super::spans)) replaced by [`REDACTED`]; every other
/// byte as it was. Never fails: text that does not parse is redacted as far as it reads, and
/// from the segment that fails on when it names a secret (see [`spans`](super::spans)).
///
/// ```
/// use zoomconn::{Syntax, secrets};
/// assert_eq!(secrets::redact("Profile=Zoom.apip;Password=pw", Syntax::Ado), "Profile=Zoom.apip;Password=***");
/// assert_eq!(secrets::redact("Profile=Zoom.apip;Password='pw", Syntax::Ado), "Profile=Zoom.apip;Password=***");
/// assert_eq!(
///     secrets::redact("AuthScheme=OAuth OAuthClientSecret=abc;Scope=x", Syntax::Ado),
///     "AuthScheme=OAuth OAuthClientSecret=***;Scope=x",
/// );
/// ```
pub fn redact(text: &str, syntax: Syntax) -> String {
    replace(text, &super::spans(text, syntax), REDACTED)
}

/// `text` with every char inside `spans` replaced by `*`: the same width in chars, so that
/// columns of a source snippet stay right. Spans must lie on char boundaries of `text` (spans of
/// [`spans`](super::spans) and of a [`Report`](crate::Report) do).
///
/// ```
/// use zoomconn::{Syntax, secrets};
/// let text = "Password=pä;Scope=s";
/// assert_eq!(secrets::mask(text, &secrets::spans(text, Syntax::Ado)), "Password=**;Scope=s");
/// ```
pub fn mask(text: &str, spans: &[Range<usize>]) -> String {
    rewrite(text, spans, |hidden, out| {
        out.extend(std::iter::repeat_n('*', hidden.chars().count()));
    })
}

/// `text` with each span (sorted, disjoint) replaced by `with`.
pub(crate) fn replace(text: &str, spans: &[Range<usize>], with: &str) -> String {
    rewrite(text, spans, |_, out| out.push_str(with))
}

/// `text` with the text of each span (sorted; overlaps and parts past the end skipped) written
/// by `write` instead.
fn rewrite(text: &str, spans: &[Range<usize>], mut write: impl FnMut(&str, &mut String)) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for span in spans {
        let (start, end) = (span.start.max(at).min(text.len()), span.end.min(text.len()));
        if start >= end {
            continue;
        }
        out.push_str(text.get(at..start).unwrap_or_default());
        write(text.get(start..end).unwrap_or_default(), &mut out);
        at = end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    out
}
