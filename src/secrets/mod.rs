//! What is secret in a connection string, decided in one place. Every output of the crate — and
//! of the CLI — asks this module before it shows text of a connection string: `Debug` of every
//! type, the messages of errors and findings, [`redacted`](crate::ConnectionString::redacted),
//! the source snippets and diffs of the CLI.
//!
//! * [`classify_key`] / [`is_secret_key`]: is a key's value secret? Secret properties and their
//!   aliases; near misses of their names (`OAuthClientSecrte`, `Pasword`); keys holding a secret
//!   word where it counts (`ClientSecret`, `RefreshToken`, `APIKey`, `db_pwd`, `DB_PASS`,
//!   `client.key`, `SAS`; not `Monkey` or `Bypass`).
//! * [`spans`]: the byte ranges of a text to mask — secret values, the rest of an unquoted
//!   secret value that holds `;`, text after a secret name that lacks its `;` or `=`, a URL's
//!   user information, the password of `user:password@host`, PEM blocks, secrets of nested
//!   connection strings, and what follows a syntax error in a text that names a secret.
//! * [`text_spans`]: the same for a text that is not a connection string (an entry's name, a
//!   path, a driver or profile value): what follows a secret name that lacks its `;`, and the
//!   password of a URL's user information.
//! * [`redact`] and [`mask`]: the text with those ranges replaced by `***`, or by one `*` per
//!   char (for snippets, whose columns must stay right).
//! * [`Secret`]: a typed secret value that does not print and is wiped on drop.
//!
//! When the module cannot decide, it masks.

mod display;
pub(crate) mod masking;
mod policy;
pub(crate) mod secret;
mod tracker;
mod wipe;

use std::ops::Range;

use crate::grammar::syntax::Syntax;

pub(crate) use display::{shorten, shown_text};
pub use masking::{mask, redact};
// `Secret` and `REDACTED` are the crate root's (`zoomconn::Secret`): one name for each type.
pub(crate) use masking::REDACTED;
pub use policy::{Secrecy, classify_key, is_secret_key};
pub(crate) use secret::Secret;
pub(crate) use tracker::{Tracker, Verdict};
pub(crate) use wipe::wipe;

/// Byte ranges of `text` that hold secret text and must be masked wherever `text` is shown;
/// sorted and disjoint, on char boundaries.
///
/// ```
/// use zoomconn::{Syntax, secrets};
/// assert_eq!(secrets::spans("Password=pw;Scope=s", Syntax::Ado), [9..11]);
/// // The rest of an unquoted secret that holds `;`: read as a segment, masked whole.
/// assert_eq!(secrets::spans("OAuthClientSecret=a;tail=rest;Scope=s", Syntax::Ado), [18..19, 20..24, 25..29]);
/// ```
pub fn spans(text: &str, syntax: Syntax) -> Vec<Range<usize>> {
    let mut tracker = Tracker::new(syntax);
    tracker.run(text);
    tracker.finish()
}

/// Byte ranges of `text` — a text that is not a connection string: an entry's name, a path, a
/// driver or profile value, a value quoted in a message — to mask wherever it is shown: all
/// that follows the first secret name followed by `=`, `:` or white space (where a `;` was
/// probably forgotten), URL user information, `user:password@host` and PEM blocks. Sorted and disjoint, on
/// char boundaries. Linear in the text.
///
/// ```
/// use zoomconn::secrets;
/// assert_eq!(secrets::text_spans("Zoom.apip OAuthClientSecret=abc"), [28..31]);
/// assert_eq!(secrets::text_spans("CData Zoom API Key: k;x"), [19..23]);
/// assert_eq!(secrets::text_spans("https://u:pw@host/Zoom.apip"), [8..12]);
/// assert!(secrets::text_spans("config/secrets.json").is_empty());
/// ```
pub fn text_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = policy::embedded(text);
    if let Some(m) = policy::first_mention(text) {
        spans.push(m.secret_from.min(text.len())..text.len());
    }
    tracker::merge(&mut spans);
    spans
}
