//! [`Error`]: why [`crate::Config::parse`] or [`crate::ConfigBuilder::build`] failed.

use std::fmt;
use std::ops::Range;

use crate::grammar::position::Position;
use crate::validate::{Finding, Report};

/// A connection string that is not a valid Zoom configuration: the first error finding, with
/// its rule, span and position, and every other error finding.
///
/// `Display` is one line that stands on its own (in an `anyhow` chain, a log): where the error
/// is, its rule id ([`Finding::code`]), the message and, when there is one, the help — for
/// [`Config::parse`](crate::Config::parse) `line:column: rule: message; help`, for
/// [`ConfigBuilder::build`](crate::ConfigBuilder::build) `Property: rule: message; help` (the
/// builder's user wrote no text a line and column could point into). `Debug` adds the byte
/// span. Neither contains a secret value.
///
/// ```
/// let err = zoomconn::Config::parse("Profile=Zoom.apip;\nAuthScheme=OAuth2").unwrap_err();
/// assert_eq!(err.rule(), "invalid-enum");
/// assert_eq!((err.line(), err.column()), (2, 12));
/// assert_eq!(
///     err.to_string(),
///     "2:12: invalid-enum: invalid value `OAuth2` for AuthScheme: expected None or OAuth; did you mean OAuth?"
/// );
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Error(Box<Inner>);

/// Boxed so that `Result<Config, Error>` stays small.
#[derive(Clone, PartialEq, Eq)]
struct Inner {
    first: Finding,
    position: Position,
    errors: Vec<Finding>,
    origin: Origin,
}

/// What the text the error points into is.
#[derive(Clone, PartialEq, Eq)]
enum Origin {
    /// The user's own text: the error shows its line and column.
    Text,
    /// The string a builder wrote: the error names the property it is about, if any.
    Built(Option<String>),
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
            origin: Origin::Text,
        }))
    }

    /// A key or value that cannot be written into a connection string (rule `syntax`, no
    /// span): `what`, when given, names it without showing a secret (`a secret value`).
    pub(crate) fn unwritable(what: Option<&str>, e: &crate::WriteError) -> Self {
        let message = match what {
            Some(what) => format!("cannot write {what}: {e}"),
            None => e.to_string(),
        };
        let finding = Finding::new(crate::Rule::Syntax, 0..0, message);
        let report = Report {
            findings: vec![finding],
            secret_spans: Vec::new(),
        };
        Error::from_report("", report)
    }

    /// The error of a string a builder wrote, about `property` (its name as shown), if any.
    pub(crate) fn built(mut self, property: Option<String>) -> Self {
        self.0.origin = Origin::Built(property);
        self
    }

    /// The stable rule name of the first error (`"syntax"`, `"missing-required"`, …). The
    /// rule id `Display` shows is the finding's [`code`](Finding::code), which adds a syntax
    /// error's kind (`syntax/missing-equals`).
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

    /// 1-based line of the first error. For an error of
    /// [`ConfigBuilder::build`](crate::ConfigBuilder::build), the line in the connection string
    /// the builder wrote; [`property`](Self::property) names what it is about.
    ///
    /// ```
    /// let err = zoomconn::Config::parse("Profile=Zoom.apip;\nAuthScheme=OAuth2").unwrap_err();
    /// assert_eq!(err.line(), 2);
    /// ```
    pub fn line(&self) -> usize {
        self.0.position.line
    }

    /// 1-based column (in chars) of the first error (for a builder's error, see
    /// [`line`](Self::line)).
    ///
    /// ```
    /// let err = zoomconn::Config::parse("Profile=Zoom.apip;\nAuthScheme=OAuth2").unwrap_err();
    /// assert_eq!(err.column(), 12);
    /// ```
    pub fn column(&self) -> usize {
        self.0.position.column
    }

    /// For an error of [`ConfigBuilder::build`](crate::ConfigBuilder::build), the property the
    /// first error is about, as its name is shown (`None` when it is about no single property,
    /// such as a missing one, which the message names). `None` for
    /// [`Config::parse`](crate::Config::parse).
    ///
    /// ```
    /// use zoomconn::{AuthScheme, Config};
    /// let err = Config::builder().profile("Zoom.apip").auth_scheme(AuthScheme::OAuth)
    ///     .oauth_access_token("t").property("Timeout", "soon").build().unwrap_err();
    /// assert_eq!(err.property(), Some("Timeout"));
    /// assert_eq!(Config::parse("Timeout=soon").unwrap_err().property(), None);
    /// ```
    pub fn property(&self) -> Option<&str> {
        match &self.0.origin {
            Origin::Built(property) => property.as_deref(),
            Origin::Text => None,
        }
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

/// `line:column: rule: message; help` for a parsed string, `Property: rule: message; help` for
/// a builder's (`rule: message; help` when the error is about no single property).
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let first = &self.0.first;
        match &self.0.origin {
            Origin::Text => write!(f, "{}:{}: ", self.line(), self.column())?,
            Origin::Built(Some(property)) => write!(f, "{property}: ")?,
            Origin::Built(None) => {}
        }
        write!(f, "{}: {}", first.code(), first.message())?;
        if let Some(help) = first.help() {
            write!(f, "; {help}")?;
        }
        Ok(())
    }
}

/// `Display` and the first error's byte span.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let span = self.span();
        write!(f, "{self} (bytes {}..{})", span.start, span.end)
    }
}

impl std::error::Error for Error {}
