//! How the grammar's and the registry's types show text of a connection string: the messages of
//! [`ParseError`] and [`EnumError`], and the `Debug` of a [`Segment`]. Those types are data in
//! their own layers; what of a key or value they may show is decided here, by the policy.

use std::borrow::Cow;
use std::fmt;

use crate::grammar::error::{ErrorKind, ParseError};
use crate::grammar::tokenizer::Segment;
use crate::registry::{self, EnumError, ValueType};
use crate::secrets::REDACTED;
use crate::secrets::policy::{classify_key, embedded, first_mention, is_known};

/// Text quoted in a message is shortened to this many chars, so a message stays one line.
const SHOWN_CHARS: usize = 60;

/// `text` shortened to [`SHOWN_CHARS`] chars, with `…` when cut; control characters escaped.
pub(crate) fn shorten(text: &str) -> Cow<'_, str> {
    let cut = text.char_indices().nth(SHOWN_CHARS).map(|(at, _)| at);
    let head = cut.map_or(text, |at| text.get(..at).unwrap_or_default());
    let escaped = if head.chars().any(char::is_control) {
        Cow::Owned(head.escape_debug().to_string())
    } else {
        Cow::Borrowed(head)
    };
    match cut {
        Some(_) => Cow::Owned(format!("{escaped}…")),
        None => escaped,
    }
}

/// How a key or a non-secret value may be quoted in a message: shortened, and cut after a
/// secret name followed by `=`, `:` or white space (`OAuthClientSecret=…`), with that name.
///
/// A credential inside the text ends the quote too: a URL's user information
/// (`http://user:password@host`), the password of `user:password@host`, a PEM block.
pub(crate) fn shown_text(text: &str) -> (Cow<'_, str>, Option<&str>) {
    let password = embedded(text).iter().map(|r| r.start).min();
    match first_mention(text) {
        Some(m) if password.is_none_or(|p| m.secret_from <= p) => {
            let head = text.get(..m.secret_from).unwrap_or_default();
            (Cow::Owned(format!("{}…", shorten(head))), Some(m.name))
        }
        _ => match password {
            Some(p) => {
                let head = text.get(..p).unwrap_or_default();
                (Cow::Owned(format!("{}…", shorten(head))), None)
            }
            None => (shorten(text), None),
        },
    }
}

/// How a key that may hold the end of a secret value (it follows one, and holds `;`) is shown:
/// masked up to its last `;`.
pub(crate) fn shown_tail_key(key: &str) -> Cow<'_, str> {
    match key.rfind(';') {
        // `at` is where `rfind` saw `;`: a char boundary of `key`.
        Some(at) => Cow::Owned(format!("{REDACTED}{}", shorten(&key[at..]))),
        None => shown_text(key).0,
    }
}

/// A syntax error's message alone: what [`ParseError::message`] returns and its `Display`
/// shows after the position and rule id.
struct Message<'a>(&'a ParseError);

impl fmt::Display for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = self.0;
        // A key read after a secret value may be the rest of that value (an unquoted `;`
        // inside it): withheld, unless it is exactly a known property's name.
        let after_secret = e
            .prev_key()
            .filter(|prev| classify_key(prev).is_some())
            .filter(|_| e.key().is_some_and(|k| !is_known(k)));
        let key = match (after_secret, e.key()) {
            (Some(prev), Some(_)) => {
                format!(
                    "the key after the secret value of `{}` (text withheld)",
                    shorten(prev)
                )
            }
            (None, Some(k)) => format!("key `{}`", shown_text(k).0),
            (_, None) => "key".to_owned(),
        };
        let ch = e
            .ch()
            .map_or_else(String::new, |c| format!(" U+{:04X}", c as u32));
        match e.kind() {
            ErrorKind::MissingEquals => write!(f, "missing `=` after {key}")?,
            ErrorKind::EmptyKey => f.write_str("empty key before `=`")?,
            ErrorKind::ControlInKey => write!(f, "control character{ch} in {key}")?,
            ErrorKind::InvalidKey => {
                write!(f, "invalid {key}: it contains the control character{ch}")?
            }
            ErrorKind::ControlInValue => write!(
                f,
                "control character{ch} where the value of {key} should start"
            )?,
            ErrorKind::ControlBeforeKey => {
                write!(f, "control character{ch} where a key should start")?
            }
            ErrorKind::UnterminatedQuote => write!(f, "unterminated quoted value for {key}")?,
            ErrorKind::NulInQuote => write!(f, "NUL character inside the quoted value of {key}")?,
            ErrorKind::TextAfterQuote => write!(
                f,
                "unexpected text after the closing quote of the value of {key}"
            )?,
            ErrorKind::QuoteEndsValue => write!(
                f,
                "unquoted value of {key} ends in a quote character; quote the whole value"
            )?,
            ErrorKind::UnterminatedBrace => write!(f, "unterminated braced value for {key}")?,
            ErrorKind::TextAfterNul => write!(
                f,
                "unexpected character{ch} after a NUL character that ended the data"
            )?,
            ErrorKind::TooLong => f.write_str("input is longer than 2 GiB")?,
        }
        if after_secret.is_some() && e.kind() == ErrorKind::MissingEquals {
            f.write_str("; a `;` inside a value must be quoted")?;
        } else if let Some(name) = e.key().and_then(|k| shown_text(k).1) {
            write!(f, "; a `=` or `;` is probably missing after {name}")?;
        }
        Ok(())
    }
}

impl ParseError {
    /// The message alone, without the position and rule id `Display` puts before it: lowercase,
    /// names the key (as far as the secret policy lets it) and the problem, never a value.
    ///
    /// ```
    /// let err = zoomconn::ConnectionString::parse("Profile=Zoom.apip;\nPassword='abc").unwrap_err();
    /// assert_eq!(err.message(), "unterminated quoted value for key `Password`");
    /// ```
    pub fn message(&self) -> String {
        Message(self).to_string()
    }
}

/// `line:column: syntax/kind: message`, the rule id as validation's finding of the same error
/// has it ([`crate::Finding::code`]).
impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: syntax/{}: {}",
            self.line(),
            self.column(),
            self.kind(),
            Message(self)
        )
    }
}

impl fmt::Debug for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self} (byte {})", self.offset())
    }
}

/// `invalid-enum: invalid value `…` for Property: expected …; did you mean …?` (the rule id of
/// validation's finding for the same value; the suggestion when there is one).
impl fmt::Display for EnumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (value, secret) = shown_text(self.value());
        write!(
            f,
            "invalid-enum: invalid value `{value}` for {}: expected {}",
            self.property(),
            self.expected()
        )?;
        match (secret, self.suggestion()) {
            (Some(name), _) => write!(f, "; a `;` is probably missing before {name}"),
            (None, Some(near)) => write!(f, "; did you mean {near}?"),
            (None, None) => Ok(()),
        }
    }
}

impl fmt::Debug for EnumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Key, value and spans, as far as a segment alone can tell what is secret: it cannot see the
/// segments before it, so a key that names no property (neither a known one nor a near miss)
/// may be the rest of a secret value before it and is shown as `***`, with its value. Secret
/// values are `***`; nested connection strings are redacted; other values are cut after a secret
/// name.
impl fmt::Debug for Segment<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let key = self.key();
        let found = registry::lookup(key);
        let names_property = found.is_some() || registry::suggest(key).is_some();
        let shown_key = if names_property {
            shown_tail_key(key)
        } else {
            Cow::Borrowed(REDACTED)
        };
        let value = self.value().map(|v| -> Cow<'_, str> {
            let nested = found.is_some_and(|m| m.property.value_type == ValueType::Nested);
            if !names_property || classify_key(key).is_some() {
                Cow::Borrowed(REDACTED)
            } else if nested {
                Cow::Owned(super::redact(v, self.syntax()))
            } else {
                shown_text(v).0
            }
        });
        f.debug_struct("Segment")
            .field("key", &shown_key)
            .field("value", &value)
            .field("key_span", &self.key_span())
            .field("value_span", &self.value_span())
            .field("span", &self.span())
            .finish()
    }
}
