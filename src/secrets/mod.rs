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
//! * [`redact`] and [`mask`]: the text with those ranges replaced by `***`, or by one `*` per
//!   char (for snippets, whose columns must stay right).
//! * [`Secret`]: a typed secret value that does not print and is wiped on drop.
//!
//! When the module cannot decide, it masks.

mod display;
mod masking;
mod policy;
mod secret;
mod tracker;

use std::ops::Range;

use crate::grammar::syntax::Syntax;

pub(crate) use display::{shorten, shown_text};
pub use masking::{REDACTED, mask, redact};
pub use policy::{Secrecy, classify_key, is_secret_key};
pub use secret::Secret;
pub(crate) use tracker::Tracker;

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
