//! [`SourceError`]: a file that cannot be read, decoded, parsed or edited.

use zoomconn::Position;

/// What went wrong with a file; each kind is reported under its own rule name.
///
/// ```
/// use zoomconn_sources::SourceErrorKind;
/// assert_eq!(SourceErrorKind::InvalidJson.rule(), "invalid-json");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SourceErrorKind {
    /// The file cannot be opened or read (permissions, a directory, an I/O error).
    Unreadable,
    /// The file is larger than the size limit.
    TooLarge,
    /// The file nests deeper than [`MAX_DEPTH`](crate::MAX_DEPTH) or holds more than
    /// [`MAX_STRINGS`](crate::MAX_STRINGS) connection strings.
    TooComplex,
    /// The file holds NUL bytes: a binary file.
    Binary,
    /// The bytes are not text in the file's encoding (invalid UTF-8, malformed UTF-16).
    Encoding,
    /// JSON that does not parse (comments and trailing commas are accepted).
    InvalidJson,
    /// XML that does not parse.
    InvalidXml,
    /// YAML that does not parse.
    InvalidYaml,
    /// An INI file (odbc.ini, a .dsn file) that does not parse.
    InvalidIni,
    /// An edit that cannot be made without changing other bytes of the file.
    NotEditable,
}

impl SourceErrorKind {
    /// The rule name under which the CLI reports it.
    ///
    /// ```
    /// assert_eq!(zoomconn_sources::SourceErrorKind::Unreadable.rule(), "unreadable-file");
    /// ```
    pub const fn rule(self) -> &'static str {
        match self {
            SourceErrorKind::Unreadable => "unreadable-file",
            SourceErrorKind::TooLarge => "file-too-large",
            SourceErrorKind::TooComplex => "file-too-complex",
            SourceErrorKind::Binary => "binary-file",
            SourceErrorKind::Encoding => "invalid-encoding",
            SourceErrorKind::InvalidJson => "invalid-json",
            SourceErrorKind::InvalidXml => "invalid-xml",
            SourceErrorKind::InvalidYaml => "invalid-yaml",
            SourceErrorKind::InvalidIni => "invalid-ini",
            SourceErrorKind::NotEditable => "not-editable",
        }
    }

    /// Every kind, in declaration order.
    ///
    /// ```
    /// assert_eq!(zoomconn_sources::SourceErrorKind::ALL.len(), 10);
    /// ```
    pub const ALL: &'static [SourceErrorKind] = &[
        SourceErrorKind::Unreadable,
        SourceErrorKind::TooLarge,
        SourceErrorKind::TooComplex,
        SourceErrorKind::Binary,
        SourceErrorKind::Encoding,
        SourceErrorKind::InvalidJson,
        SourceErrorKind::InvalidXml,
        SourceErrorKind::InvalidYaml,
        SourceErrorKind::InvalidIni,
        SourceErrorKind::NotEditable,
    ];

    /// A one-line description, for rule lists (SARIF).
    ///
    /// ```
    /// assert!(zoomconn_sources::SourceErrorKind::Binary.summary().contains("binary"));
    /// ```
    pub const fn summary(self) -> &'static str {
        match self {
            SourceErrorKind::Unreadable => "the file cannot be read",
            SourceErrorKind::TooLarge => "the file is larger than the size limit",
            SourceErrorKind::TooComplex => {
                "the file nests too deep or holds too many connection strings"
            }
            SourceErrorKind::Binary => "the file holds NUL bytes (a binary file)",
            SourceErrorKind::Encoding => "the file is not text in its encoding",
            SourceErrorKind::InvalidJson => "the JSON file does not parse",
            SourceErrorKind::InvalidXml => "the XML file does not parse",
            SourceErrorKind::InvalidYaml => "the YAML file does not parse",
            SourceErrorKind::InvalidIni => "the INI file does not parse",
            SourceErrorKind::NotEditable => {
                "a connection string cannot be rewritten without changing other bytes"
            }
        }
    }
}

/// A file that cannot be read, decoded, parsed or edited, with the position of the problem
/// when there is one. Messages never quote the file's content.
///
/// ```
/// use zoomconn_sources::{self as sources, Kind, Options, SourceErrorKind};
/// let err = sources::find("{\n  \"a\": 1,,\n}", Kind::Json, &Options::default()).unwrap_err();
/// assert_eq!(err.kind(), SourceErrorKind::InvalidJson);
/// assert_eq!(err.position().map(|p| (p.line, p.column)), Some((2, 10)));
/// assert!(err.to_string().starts_with("invalid JSON"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    kind: SourceErrorKind,
    message: String,
    position: Option<Position>,
}

impl SourceError {
    pub(crate) fn new(kind: SourceErrorKind, message: impl Into<String>) -> SourceError {
        SourceError {
            kind,
            message: message.into(),
            position: None,
        }
    }

    /// The error located at byte `offset` of `text`.
    pub(crate) fn at(
        kind: SourceErrorKind,
        message: impl Into<String>,
        text: &str,
        offset: usize,
    ) -> SourceError {
        SourceError {
            kind,
            message: message.into(),
            position: Some(Position::locate(text, offset)),
        }
    }

    /// What went wrong.
    ///
    /// ```
    /// let e = zoomconn_sources::find("<a>", zoomconn_sources::Kind::Xml, &Default::default()).unwrap_err();
    /// assert_eq!(e.kind(), zoomconn_sources::SourceErrorKind::InvalidXml);
    /// ```
    pub fn kind(&self) -> SourceErrorKind {
        self.kind
    }

    /// The message, without the position.
    ///
    /// ```
    /// let e = zoomconn_sources::find("{", zoomconn_sources::Kind::Json, &Default::default()).unwrap_err();
    /// assert!(e.message().starts_with("invalid JSON"));
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Where in the file, when the problem has a place.
    ///
    /// ```
    /// let e = zoomconn_sources::find("{", zoomconn_sources::Kind::Json, &Default::default()).unwrap_err();
    /// assert_eq!(e.position().map(|p| p.line), Some(1));
    /// ```
    pub fn position(&self) -> Option<Position> {
        self.position
    }
}

impl std::fmt::Display for SourceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        if let Some(p) = self.position {
            write!(f, " at line {}, column {}", p.line, p.column)?;
        }
        Ok(())
    }
}

impl std::error::Error for SourceError {}
