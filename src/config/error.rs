//! [`Error`]: why [`crate::Config::parse`] or [`crate::ConfigBuilder::build`] failed.

use std::fmt;
use std::ops::Range;

use crate::grammar::position::Position;
use crate::validate::{Finding, Report};

/// A connection string that is not a valid Zoom configuration: the first error finding, with
/// its rule, span and position, and every other error finding.
///
/// `Debug` prints the same as `Display` plus the position. Never contains a secret value.
///
/// ```
/// let err = zoomconn::Config::parse("Profile=Zoom.apip;\nAuthScheme=OAuth2").unwrap_err();
/// assert_eq!(err.rule(), "invalid-enum");
/// assert_eq!((err.line(), err.column()), (2, 12));
/// assert_eq!(err.to_string(), "invalid value `OAuth2` for AuthScheme: expected None or OAuth");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Error(Box<Inner>);

/// Boxed so that `Result<Config, Error>` stays small.
#[derive(Clone, PartialEq, Eq)]
struct Inner {
    first: Finding,
    position: Position,
    errors: Vec<Finding>,
}

impl Error {
    pub(crate) fn from_report(src: &str, report: Report) -> Self {
        let errors: Vec<Finding> = report.errors().cloned().collect();
        let first = errors.first().cloned().unwrap_or_else(|| {
            Finding::new(
                crate::Rule::Syntax,
                0..0,
                "invalid connection string".to_owned(),
            )
        });
        let position = Position::locate(src, first.span.start);
        Error(Box::new(Inner {
            first,
            position,
            errors,
        }))
    }

    /// A key or value that cannot be written into a connection string (rule `syntax`, no
    /// span): `what` names it without showing a secret (`a secret value`, ``key `X` ``).
    pub(crate) fn unwritable(what: &str, e: &crate::WriteError) -> Self {
        let finding = Finding::new(
            crate::Rule::Syntax,
            0..0,
            format!("cannot write {what}: {e}"),
        );
        let report = Report {
            findings: vec![finding],
            secret_spans: Vec::new(),
        };
        Error::from_report("", report)
    }

    /// The stable rule name of the first error (`"syntax"`, `"missing-required"`, …).
    ///
    /// ```
    /// let err = zoomconn::Config::parse("Profile=Zoom.apip;\nAuthScheme=OAuth2").unwrap_err();
    /// assert_eq!(err.rule(), "invalid-enum");
    /// ```
    pub fn rule(&self) -> crate::validate::Rule {
        self.0.first.rule()
    }

    /// Byte span of the first error in the input.
    ///
    /// ```
    /// let err = zoomconn::Config::parse("Profile=Zoom.apip;\nAuthScheme=OAuth2").unwrap_err();
    /// assert_eq!(err.span(), 30..36);
    /// ```
    pub fn span(&self) -> Range<usize> {
        self.0.first.span()
    }

    /// The message of the first error.
    ///
    /// ```
    /// let err = zoomconn::Config::parse("Profile=Zoom.apip;\nAuthScheme=OAuth2").unwrap_err();
    /// assert!(err.message().starts_with("invalid value `OAuth2`"));
    /// ```
    pub fn message(&self) -> &str {
        self.0.first.message()
    }

    /// How to fix the first error, when known.
    ///
    /// ```
    /// let err = zoomconn::Config::parse("Profile=Zoom.apip;\nAuthScheme=OAuth2").unwrap_err();
    /// assert_eq!(err.help(), Some("did you mean OAuth?"));
    /// ```
    pub fn help(&self) -> Option<&str> {
        self.0.first.help()
    }

    /// 1-based line of the first error.
    ///
    /// ```
    /// let err = zoomconn::Config::parse("Profile=Zoom.apip;\nAuthScheme=OAuth2").unwrap_err();
    /// assert_eq!(err.line(), 2);
    /// ```
    pub fn line(&self) -> usize {
        self.0.position.line
    }

    /// 1-based column (in chars) of the first error.
    ///
    /// ```
    /// let err = zoomconn::Config::parse("Profile=Zoom.apip;\nAuthScheme=OAuth2").unwrap_err();
    /// assert_eq!(err.column(), 12);
    /// ```
    pub fn column(&self) -> usize {
        self.0.position.column
    }

    /// The first error as a [`Finding`].
    ///
    /// ```
    /// let err = zoomconn::Config::parse("Profile=Zoom.apip;\nAuthScheme=OAuth2").unwrap_err();
    /// assert_eq!(err.finding().rule(), "invalid-enum");
    /// ```
    pub fn finding(&self) -> &Finding {
        &self.0.first
    }

    /// Every error finding, in order of position.
    ///
    /// ```
    /// let err = zoomconn::Config::parse("").unwrap_err();
    /// let rules: Vec<_> = err.findings().iter().map(|f| f.rule()).collect();
    /// assert_eq!(rules, ["missing-profile", "missing-auth-scheme"]);
    /// ```
    pub fn findings(&self) -> &[Finding] {
        &self.0.errors
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.first.message())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "error[{}]: {} at line {}, column {}",
            self.rule(),
            self.message(),
            self.0.position.line,
            self.0.position.column
        )
    }
}

impl std::error::Error for Error {}
