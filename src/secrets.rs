//! What is secret in a connection string, decided in one place: every output of the crate
//! (and of the CLI) asks this module before it shows text of a connection string.

use std::ops::Range;

use crate::map::ConnectionString;
use crate::syntax::Syntax;

pub use crate::redact::REDACTED;

/// Is `name` the name of a secret property (canonical or spaced alias, any case)?
///
/// ```
/// assert!(zoomconn::secrets::is_secret_key("oauth client secret"));
/// assert!(!zoomconn::secrets::is_secret_key("OAuthClientId"));
/// ```
pub fn is_secret_key(name: &str) -> bool {
    crate::registry::is_secret(name)
}

/// `text` with every secret masked as [`REDACTED`], whether or not it parses: values of
/// secret properties, and — where the text does not parse — everything from the segment that
/// fails on, since it may hold a secret that cannot be located.
///
/// ```
/// use zoomconn::{Syntax, secrets};
/// assert_eq!(secrets::redact("Profile=Zoom.apip;Password=pw", Syntax::Ado), "Profile=Zoom.apip;Password=***");
/// assert_eq!(secrets::redact("Profile=Zoom.apip;Password='pw", Syntax::Ado), "Profile=Zoom.apip;***");
/// ```
pub fn redact(text: &str, syntax: Syntax) -> String {
    match ConnectionString::parse_with(text, syntax) {
        Ok(cs) => cs.redacted(),
        Err(e) => {
            let cut = e.span().start.min(text.len());
            let head = text.get(..cut).unwrap_or_default();
            let mut out = match ConnectionString::parse_with(head, syntax) {
                Ok(cs) => cs.redacted(),
                Err(_) => String::new(),
            };
            out.push_str(REDACTED);
            out
        }
    }
}

/// Byte ranges of `text` that hold secret text and must be masked wherever `text` is shown.
///
/// ```
/// use zoomconn::{Syntax, secrets};
/// assert_eq!(secrets::spans("Password=pw;Scope=s", Syntax::Ado), [9..11]);
/// ```
pub fn spans(text: &str, syntax: Syntax) -> Vec<Range<usize>> {
    crate::validate::analyze(text, syntax).report.secret_spans
}
