//! # zoomconn
//!
//! Read, validate and write CData connection strings for the Zoom API profile, exactly as the
//! driver reads them.
//!
//! Start from [`Config::parse`]: a typed, validated configuration, or an error that says which
//! rule failed, where, and how to fix it.
//!
//! ```
//! use zoomconn::{AuthScheme, Config, InitiateOAuth};
//! let cfg = Config::parse(
//!     "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;\
//!      OAuthClientId=abc;OAuthClientSecret=s3cret;CallbackURL=http://localhost:33333",
//! )?;
//! assert_eq!((cfg.auth_scheme(), cfg.initiate_oauth()), (AuthScheme::OAuth, InitiateOAuth::GetAndRefresh));
//! assert_eq!(cfg.oauth_client_secret().unwrap().expose_secret(), "s3cret");
//!
//! let err = Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFESH").unwrap_err();
//! assert_eq!(err.rule(), "invalid-enum");
//! assert!(err.to_string().contains("did you mean GETANDREFRESH?"));
//! # Ok::<(), zoomconn::Error>(())
//! ```
//!
//! Under it, [`ConnectionString`] is the lossless map: every byte kept, edits that change only
//! the edited segment, secrets masked wherever it is shown.
//!
//! ```
//! use zoomconn::ConnectionString;
//! let mut cs = ConnectionString::parse("Profile = Zoom.apip ; OAuthClientSecret='a;b'")?;
//! assert_eq!(cs.get("oauthclientsecret"), Some("a;b"));
//! cs.set("Scope", "meeting:read")?;
//! assert_eq!(cs.to_string(), "Profile = Zoom.apip ; OAuthClientSecret='a;b';Scope=meeting:read");
//! assert_eq!(cs.redacted(), "Profile = Zoom.apip ; OAuthClientSecret=***;Scope=meeting:read");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Layers
//!
//! Data flows one way; each layer imports only the layers before it (`tests/it/layering.rs`
//! checks every import):
//!
//! 1. **Grammar** — [`Tokenizer`] splits `&str` into [`Segment`]s (`Key=Value;`) with byte
//!    spans. Zero-copy: it allocates only to unescape a `==` in a key or a doubled quote in a
//!    value. Its fast path lives inside one driver loop, checked against a plain char-by-char
//!    reference tokenizer by proptest and fuzzing. The canonical writer ([`write_pairs`]) and
//!    [`ParseError`] belong here too.
//! 2. **Registry** — [`registry::PROPERTIES`]: every property of the Zoom profile with its
//!    spaced alias, type, enum values, secrecy and the OAuth flows' requirements. Validation,
//!    typed parsing, redaction, typo suggestions and `zoomconn explain` all read it.
//! 3. **Secrets** — [`secrets`] decides what is secret in a text; every output asks it.
//! 4. **Map** — [`ConnectionString`], the lossless, case-insensitive map of the segments. One
//!    fold decides which value of a repeated key wins, for the map and for validation alike.
//!    It holds one copy of the source and offsets into it; values with doubled quotes are
//!    decoded the first time one of them is read (all at once, kept for later reads), so a
//!    parse that only validates or reads a few keys does not pay for the others.
//! 5. **Validation** — [`validate`] gives a [`Report`] of [`Finding`]s, each with a stable
//!    [`Rule`] name, a severity and a byte span.
//! 6. **Config** — [`ZoomConnectionConfig`] (also named [`Config`]: one type, two names),
//!    typed and validated, with [`ConfigBuilder`] and serde support (feature `serde`).
//!
//! Built on this crate, in the same repository: `zoomconn-sources` (connection strings inside
//! files of every kind, host-format editing, the directory walk), `zoomconn-oauth` (the flow
//! `InitiateOAuth` describes) and `zoomconn-cli` (the `zoomconn` command).
//!
//! ## Features
//!
//! | feature | brings | dependencies |
//! |---|---|---|
//! | (default) | the grammar, the map, validation, the typed config | `thiserror`, `url`, `zeroize`, `hashbrown`, `strsim`; on x86-64 `safe_arch` (safe SSE2 for the scanners) |
//! | `serde` | `Serialize`/`Deserialize` for [`Config`] and [`ConnectionString`] | `serde` |
//!
//! ## Grammar (ADO syntax, the default)
//!
//! The grammar is .NET's `DbConnectionStringBuilder`, which CData's ADO.NET providers use:
//!
//! * Segments are `key=value` separated by `;`; white space and `;` before a key are skipped.
//! * A key runs to the first `=` that is not doubled: `==` is a literal `=` (`a==b=1` → key
//!   `a=b`). Everything else is part of the key, `;` included (`a;b=1` has the key `a;b`).
//!   Trailing white space is trimmed. A key with a control character is an error — except a
//!   white-space control character (`a\tb=`) in a segment with a null value, which is a
//!   removal and, as in .NET, never checked.
//! * A value is unquoted (runs to `;` or a control character; trimmed; `=` and inner quotes
//!   are ordinary), or quoted with `'…'` / `"…"` where a doubled quote is one literal quote and
//!   `;`, `=`, white space and newlines are literal.
//! * `key=` (a null value) removes the key; the last value of a repeated key wins, and the
//!   entry keeps the position and spelling of the key's first occurrence. Keys compare
//!   ignoring case, as .NET's `OrdinalIgnoreCase` (see below).
//! * A NUL outside quotes ends the data; only NUL and white space may follow it.
//!
//! [`Syntax::Odbc`] reads ODBC strings: `{…}` braces a value (braces kept), quotes mean nothing,
//! the first `=` ends a key.
//!
//! Every syntax error is a [`ParseError`] with a kind, a byte offset, a line and a column; its
//! message names the key and never contains a value.
//!
//! ## Round-trip guarantee
//!
//! * `ConnectionString::parse(s)?.to_string() == s`, byte for byte.
//! * [`ConnectionString::set`] and [`ConnectionString::remove`] change only the edited segment.
//! * `parse(canonical(parse(s)))` has the same entries as `parse(s)`, and the canonical form is
//!   idempotent. Keys and values that cannot be written so that they read back unchanged are
//!   rejected with a [`WriteError`], never written.
//!
//! ## Deliberate differences from .NET
//!
//! * **Empty and newline-ending values round-trip.** .NET writes the empty value as `k=`, which
//!   reads back as a removal, and can drop a value's trailing newline; this crate writes `""` and
//!   quotes any value with white space, so the canonical form always reads back unchanged.
//! * **ODBC values are written raw or rejected.** .NET wraps an ODBC value containing `;` in
//!   `{…}`, but the ODBC grammar keeps braces in the value, so the value reads back changed.
//!   This crate writes an ODBC value only if it reads back unchanged and returns
//!   [`WriteError::OdbcValue`] otherwise.
//! * **Invalid keys are reported where they occur.** .NET checks keys for white-space control
//!   characters (`a\tb=1`) only after the whole string parsed, so a later syntax error wins;
//!   this crate reports the first problem in the text, at the key's first character.
//! * **Size.** Inputs longer than 2 GiB are rejected ([`ErrorKind::TooLong`]).
//!
//! ## Case folding, as .NET's
//!
//! Keys compare as `StringComparer.OrdinalIgnoreCase` compares them ([`ConnectionString::keys_match`]): char
//! by char, each char replaced by its simple uppercase mapping (Unicode's `UnicodeData.txt`, one
//! char for one, never the several chars of `SpecialCasing.txt`), with `ı` (U+0131) and `ſ`
//! (U+017F) kept as themselves as .NET's ordinal casing keeps them. So `µ`, `μ` and `Μ` are one
//! key, and so are `ς`, `σ` and `Σ`, but `ß` and `ẞ`, `İ` and `i`, `ı` and `i`, `ſ` and `s`,
//! the Kelvin sign and `k` are different keys, and no key with a non-ASCII char equals an ASCII
//! one. The mapping is that of this crate's Unicode version; .NET takes it from the ICU or
//! Windows version it runs on, and older .NET runtimes upper-case only some ranges outside the
//! Basic Multilingual Plane (Deseret, Osage, Old Hungarian, Warang Citi, Medefaidrin, Adlam),
//! so keys with letters that are new to Unicode or outside those ranges may compare differently
//! on such a runtime.
//!
//! ## Secrets
//!
//! `Display` of a [`ConnectionString`] is the full text, secrets included: the connection
//! string *is* the credential. `Debug`, errors, findings and [`ConnectionString::redacted`]
//! never show a secret value. [`secrets`] decides what is secret: the secret properties of
//! [`registry::PROPERTIES`] and their aliases, keys that look like them (near misses, names
//! with a secret word: `…Secret`, `…Token`, `DB_PASS`, `x-api-key`, `SAS`), the tail of a secret
//! that holds an unquoted `;`, text after a secret name that lacks its `;` or `=`, a URL's user
//! information, the password of `user:password@host`, PEM blocks, secrets of nested strings;
//! where it cannot decide, it masks.

#![forbid(unsafe_code)]
#![warn(missing_docs)]
// docs.rs builds with every feature and labels the items each feature brings.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![doc(test(attr(deny(warnings))))]

/// The README's Rust examples run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

// The layers, lowest first: grammar, registry, secrets, map, validate, config. A module imports only from its own layer and those before it
// (`tests/it/layering.rs` checks it).
mod config;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
mod grammar;
mod map;
pub mod registry;
pub mod secrets;
mod validate;

pub use config::builder::ConfigBuilder;
pub use config::error::Error;
pub use config::view::CallbackUrl;
pub use config::zoom_config::{Config, ZoomConnectionConfig};
pub use grammar::error::{ErrorKind, PairError, ParseError, WriteError};
pub use grammar::position::Position;
pub use grammar::syntax::Syntax;
pub use grammar::tokenizer::{Segment, Tokenizer};
pub use grammar::writer::write_pairs;
pub use map::connection_string::{ConnectionString, Iter};
pub use registry::enums::{AuthScheme, EnumError, InitiateOAuth};
pub use secrets::masking::REDACTED;
pub use secrets::secret::Secret;
pub use validate::callback::is_loopback;
pub use validate::{
    Finding, Report, Rule, RuleSet, Severity, ValidateOptions, validate, validate_with,
};
