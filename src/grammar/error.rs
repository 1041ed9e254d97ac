//! The errors of the grammar: the syntax error of the tokenizer ([`ParseError`]), the writer's
//! error ([`WriteError`]) and the error of a list of pairs ([`PairError`]).
//!
//! These are data: kinds, positions and the key text an error is about. Their messages are
//! rendered by [`crate::secrets`], which decides what of a key may be shown.

use std::fmt;
use std::ops::Range;

use crate::grammar::position::Position;

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
    /// Every kind, in declaration order.
    ///
    /// ```
    /// assert!(zoomconn::ErrorKind::ALL.contains(&zoomconn::ErrorKind::TooLong));
    /// ```
    pub const ALL: &'static [ErrorKind] = &[
        ErrorKind::MissingEquals,
        ErrorKind::EmptyKey,
        ErrorKind::ControlInKey,
        ErrorKind::InvalidKey,
        ErrorKind::ControlInValue,
        ErrorKind::ControlBeforeKey,
        ErrorKind::UnterminatedQuote,
        ErrorKind::NulInQuote,
        ErrorKind::TextAfterQuote,
        ErrorKind::QuoteEndsValue,
        ErrorKind::UnterminatedBrace,
        ErrorKind::TextAfterNul,
        ErrorKind::TooLong,
    ];

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

/// A syntax error in a connection string, with its position.
///
/// `Display` is one line that stands on its own: `line:column: syntax/kind: message`, with the
/// rule id validation's finding of the same error prints ([`crate::Finding::code`]). The
/// message ([`message`](ParseError::message)) is lowercase, names the key and the problem, and
/// never contains a value's text or anything of a key that may be secret: it is rendered by
/// [`crate::secrets`], which decides what of the key may be shown. `Debug` adds the byte
/// offset, so `unwrap()` panics read well.
///
/// ```
/// use zoomconn::{ConnectionString, ErrorKind};
/// let err = ConnectionString::parse("Profile=Zoom.apip;\nPassword='abc").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::UnterminatedQuote);
/// assert_eq!((err.offset(), err.line(), err.column()), (19, 2, 1));
/// assert_eq!(
///     err.to_string(),
///     "2:1: syntax/unterminated-quote: unterminated quoted value for key `Password`"
/// );
/// assert_eq!(err.message(), "unterminated quoted value for key `Password`");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ParseError(Box<Inner>);

/// Boxed so that `Result<_, ParseError>` stays small on the success path.
#[derive(Clone, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    pos: Position,
    len: usize,
    /// The decoded key the error is about, as written (trimmed), if any.
    key: Option<Box<str>>,
    /// The key of the segment before, if any: text read as this key may be the end of that
    /// segment's value.
    prev_key: Option<Box<str>>,
    ch: Option<char>,
}

/// Keys longer than this are kept only up to here in an error (messages shorten them further).
const MAX_KEY_KEPT: usize = 256;

/// The first [`MAX_KEY_KEPT`] chars of a key, for an error.
fn kept(key: &str) -> Box<str> {
    match key.char_indices().nth(MAX_KEY_KEPT) {
        Some((at, _)) => key.get(..at).unwrap_or_default().into(),
        None => key.into(),
    }
}

impl ParseError {
    /// An error of `kind` at byte `offset` of `src`, about the decoded `key` (if any); `prev_key`
    /// is the key of the segment before it; `ch` the offending character.
    pub(crate) fn new(
        src: &str,
        kind: ErrorKind,
        offset: usize,
        key: Option<&str>,
        prev_key: Option<&str>,
        ch: Option<char>,
    ) -> Self {
        let pos = Position::locate(src, offset);
        let len = crate::grammar::chars::char_at(src, pos.offset).map_or(0, char::len_utf8);
        ParseError(Box::new(Inner {
            kind,
            pos,
            len,
            key: key.map(kept),
            prev_key: prev_key.map(kept),
            ch,
        }))
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

    /// The key the error is about, as written — for the message renderer, which decides what of
    /// it may be shown.
    pub(crate) fn key(&self) -> Option<&str> {
        self.0.key.as_deref()
    }

    /// The key of the segment before the error's.
    pub(crate) fn prev_key(&self) -> Option<&str> {
        self.0.prev_key.as_deref()
    }

    /// The offending character, if the error is about one.
    pub(crate) fn ch(&self) -> Option<char> {
        self.0.ch
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

/// A list of pairs that cannot be written ([`write_pairs`](crate::write_pairs),
/// [`ConnectionString::try_from_pairs`](crate::ConnectionString::try_from_pairs),
/// [`try_extend`](crate::ConnectionString::try_extend)): the index of the first pair that
/// cannot be written, and why.
///
/// ```
/// use zoomconn::{Syntax, WriteError, write_pairs};
/// let err = write_pairs([("Profile", "Zoom.apip"), (" bad", "1")], Syntax::Ado).unwrap_err();
/// assert_eq!((err.index(), err.kind()), (1, WriteError::KeyWhitespace));
/// assert_eq!(err.to_string(), "pair 1 cannot be written: cannot write a key that starts or ends with white space");
/// let boxed: Box<dyn std::error::Error> = err.into();
/// # let _ = boxed;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("pair {index} cannot be written: {kind}")]
pub struct PairError {
    index: usize,
    kind: WriteError,
}

impl PairError {
    pub(crate) fn new(index: usize, kind: WriteError) -> Self {
        PairError { index, kind }
    }

    /// The 0-based index of the pair that cannot be written.
    ///
    /// ```
    /// let err = zoomconn::write_pairs([("a", "1"), ("", "2")], zoomconn::Syntax::Ado).unwrap_err();
    /// assert_eq!(err.index(), 1);
    /// ```
    pub fn index(&self) -> usize {
        self.index
    }

    /// Why it cannot be written.
    ///
    /// ```
    /// let err = zoomconn::write_pairs([("", "2")], zoomconn::Syntax::Ado).unwrap_err();
    /// assert_eq!(err.kind(), zoomconn::WriteError::EmptyKey);
    /// ```
    pub fn kind(&self) -> WriteError {
        self.kind
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorKind;

    /// [`ErrorKind::ALL`] holds every kind: a kind added to the enum fails to compile here
    /// until it is added to the list.
    #[test]
    fn all_holds_every_kind() {
        for (i, kind) in ErrorKind::ALL.iter().enumerate() {
            let position = match kind {
                ErrorKind::MissingEquals => 0,
                ErrorKind::EmptyKey => 1,
                ErrorKind::ControlInKey => 2,
                ErrorKind::InvalidKey => 3,
                ErrorKind::ControlInValue => 4,
                ErrorKind::ControlBeforeKey => 5,
                ErrorKind::UnterminatedQuote => 6,
                ErrorKind::NulInQuote => 7,
                ErrorKind::TextAfterQuote => 8,
                ErrorKind::QuoteEndsValue => 9,
                ErrorKind::UnterminatedBrace => 10,
                ErrorKind::TextAfterNul => 11,
                ErrorKind::TooLong => 12,
            };
            assert_eq!(position, i, "{kind}");
        }
        assert_eq!(ErrorKind::ALL.len(), 13);
    }
}
