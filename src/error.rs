//! The syntax error of the tokenizer ([`ParseError`]) and the writer's error ([`WriteError`]).

use std::fmt;
use std::ops::Range;

use crate::position::Position;

/// What went wrong in a connection string's syntax. The `as_str` names are stable.
///
/// ```
/// use zoomconn::{ConnectionString, ErrorKind};
/// let err = ConnectionString::parse("Profile").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::MissingEquals);
/// assert_eq!(err.kind().as_str(), "missing-equals");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A key runs to the end of its segment without `=` (`a`, `a=1;b`).
    MissingEquals,
    /// The key is empty after trimming (`=1`, `a=1;=2`).
    EmptyKey,
    /// A control character (Cc, not white space) inside a key (`a\x01b=1`).
    ControlInKey,
    /// A key contains a white-space control character such as a tab or newline (`a\tb=1`);
    /// .NET's `DbConnectionStringBuilder` rejects such keys as invalid.
    InvalidKey,
    /// A control character where a value should start (`a=\x01`).
    ControlInValue,
    /// A control character where a key should start (`a=1;\x01`).
    ControlBeforeKey,
    /// A quoted value has no closing quote (`a='b`).
    UnterminatedQuote,
    /// A NUL character inside a quoted or braced value.
    NulInQuote,
    /// Something other than white space, `;` or NUL follows a closing quote (`a='b'c`).
    TextAfterQuote,
    /// An unquoted value ends in a quote character (`a=b'`).
    QuoteEndsValue,
    /// An ODBC braced value has no closing `}` (`a={b`).
    UnterminatedBrace,
    /// Something other than NUL or white space follows a NUL that ended the data (`a=1\0;`).
    TextAfterNul,
    /// The input is longer than the 2 GiB this crate accepts.
    TooLong,
}

impl ErrorKind {
    /// Stable kebab-case name of the kind.
    ///
    /// ```
    /// assert_eq!(zoomconn::ErrorKind::UnterminatedQuote.as_str(), "unterminated-quote");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorKind::MissingEquals => "missing-equals",
            ErrorKind::EmptyKey => "empty-key",
            ErrorKind::ControlInKey => "control-in-key",
            ErrorKind::InvalidKey => "invalid-key",
            ErrorKind::ControlInValue => "control-in-value",
            ErrorKind::ControlBeforeKey => "control-before-key",
            ErrorKind::UnterminatedQuote => "unterminated-quote",
            ErrorKind::NulInQuote => "nul-in-quote",
            ErrorKind::TextAfterQuote => "text-after-quote",
            ErrorKind::QuoteEndsValue => "quote-ends-value",
            ErrorKind::UnterminatedBrace => "unterminated-brace",
            ErrorKind::TextAfterNul => "text-after-nul",
            ErrorKind::TooLong => "too-long",
        }
    }

    /// `true` for [`ErrorKind::InvalidKey`], the one kind .NET reports as an invalid keyword
    /// rather than a syntax error.
    ///
    /// ```
    /// assert!(zoomconn::ErrorKind::InvalidKey.is_invalid_key());
    /// ```
    pub const fn is_invalid_key(self) -> bool {
        matches!(self, ErrorKind::InvalidKey)
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How an error message may name the key it is about.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum KeyName {
    /// No key is involved.
    None,
    /// The key's text (possibly shortened).
    Shown(Box<str>),
    /// The text is withheld: it follows a secret value and may be part of it.
    Withheld(&'static str),
}

/// A syntax error in a connection string, with its position.
///
/// The message is lowercase, names the key and the problem, and never contains a value's text.
/// `Debug` prints the same as `Display`, so `unwrap()` panics read well.
///
/// ```
/// use zoomconn::{ConnectionString, ErrorKind};
/// let err = ConnectionString::parse("Profile=Zoom.apip;\nPassword='abc").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::UnterminatedQuote);
/// assert_eq!((err.offset(), err.line(), err.column()), (19, 2, 1));
/// assert_eq!(err.to_string(), "unterminated quoted value for key `Password`");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ParseError(Box<Inner>);

/// Boxed so that `Result<_, ParseError>` stays small on the success path.
#[derive(Clone, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    pos: Position,
    len: usize,
    key: KeyName,
    ch: Option<char>,
}

const MAX_KEY_IN_MESSAGE: usize = 60;

impl ParseError {
    pub(crate) fn new(
        src: &str,
        kind: ErrorKind,
        offset: usize,
        key: KeyName,
        ch: Option<char>,
    ) -> Self {
        let pos = Position::locate(src, offset);
        let len = crate::chars::char_at(src, pos.offset).map_or(0, char::len_utf8);
        ParseError(Box::new(Inner {
            kind,
            pos,
            len,
            key,
            ch,
        }))
    }

    /// Shortens a key for a message; control characters are escaped.
    pub(crate) fn key_name(key: &str) -> KeyName {
        let mut shown: String = key.chars().take(MAX_KEY_IN_MESSAGE).collect();
        if shown.len() < key.len() {
            shown.push('…');
        }
        KeyName::Shown(shown.into_boxed_str())
    }

    /// The kind of error.
    ///
    /// ```
    /// let err = zoomconn::ConnectionString::parse("=1").unwrap_err();
    /// assert_eq!(err.kind(), zoomconn::ErrorKind::EmptyKey);
    /// ```
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// Byte offset of the error in the input.
    ///
    /// ```
    /// let err = zoomconn::ConnectionString::parse("a=1;b").unwrap_err();
    /// assert_eq!(err.offset(), 4);
    /// ```
    pub fn offset(&self) -> usize {
        self.0.pos.offset
    }

    /// 1-based line of the error.
    ///
    /// ```
    /// let err = zoomconn::ConnectionString::parse("a=1;\nb").unwrap_err();
    /// assert_eq!(err.line(), 2);
    /// ```
    pub fn line(&self) -> usize {
        self.0.pos.line
    }

    /// 1-based column of the error, counted in chars.
    ///
    /// ```
    /// let err = zoomconn::ConnectionString::parse("ü=1;b").unwrap_err();
    /// assert_eq!((err.offset(), err.column()), (5, 5));
    /// ```
    pub fn column(&self) -> usize {
        self.0.pos.column
    }

    /// The error's position (offset, line, column).
    ///
    /// ```
    /// let err = zoomconn::ConnectionString::parse("b").unwrap_err();
    /// assert_eq!(err.position().line, 1);
    /// ```
    pub fn position(&self) -> Position {
        self.0.pos
    }

    /// Byte span of the offending character (empty at the end of the input).
    ///
    /// ```
    /// let err = zoomconn::ConnectionString::parse("a=1;b").unwrap_err();
    /// assert_eq!(err.span(), 4..5);
    /// ```
    pub fn span(&self) -> Range<usize> {
        self.0.pos.offset..self.0.pos.offset + self.0.len
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let key = match &self.0.key {
            KeyName::Shown(k) => format!("key `{}`", k.escape_debug()),
            KeyName::Withheld(after) => {
                format!("the key after the secret value of `{after}` (text withheld)")
            }
            KeyName::None => "key".to_owned(),
        };
        let ch = self
            .0
            .ch
            .map_or_else(String::new, |c| format!(" U+{:04X}", c as u32));
        match self.0.kind {
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
        if let KeyName::Withheld(_) = self.0.key {
            if self.0.kind == ErrorKind::MissingEquals {
                f.write_str("; a `;` inside a value must be quoted")?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {}, column {} (byte {})",
            self, self.0.pos.line, self.0.pos.column, self.0.pos.offset
        )
    }
}

impl std::error::Error for ParseError {}

/// Why a key or value cannot be written into a connection string.
///
/// ```
/// use zoomconn::{ConnectionString, WriteError};
/// let mut cs = ConnectionString::new();
/// assert_eq!(cs.set(" a", "1"), Err(WriteError::KeyWhitespace));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    /// The key is empty.
    #[error("cannot write an empty key")]
    EmptyKey,
    /// The key starts or ends with white space, which the parser would trim.
    #[error("cannot write a key that starts or ends with white space")]
    KeyWhitespace,
    /// The key starts with `;`, which the parser would skip.
    #[error("cannot write a key that starts with `;`")]
    KeySemicolon,
    /// The key contains a control character.
    #[error("cannot write a key that contains a control character")]
    KeyControl,
    /// ODBC syntax has no escape for `=` in a key.
    #[error("cannot write a key that contains `=` in ODBC syntax")]
    KeyEquals,
    /// The value contains NUL, which ends the data.
    #[error("cannot write a value that contains a NUL character")]
    ValueNul,
    /// ODBC syntax cannot write this value so that it reads back unchanged.
    #[error("cannot write this value in ODBC syntax so that it reads back unchanged")]
    OdbcValue,
    /// The edited text did not read back as written; the connection string was left unchanged.
    /// The writer's tests and property tests check that this does not happen.
    #[error("the edit cannot be represented; the connection string is unchanged")]
    Unrepresentable,
}
