//! Validation results: [`Rule`], [`Severity`], [`Finding`] and [`Report`] (`docs/properties.md`).

use std::fmt;
use std::ops::Range;

use crate::grammar::error::ErrorKind;

/// How serious a finding is.
///
/// ```
/// assert!(zoomconn::Severity::Error > zoomconn::Severity::Warning);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Likely a mistake, but the driver accepts it.
    Warning,
    /// The driver would reject or misuse the configuration; CI should fail.
    Error,
}

impl Severity {
    /// `"error"` or `"warning"`.
    ///
    /// ```
    /// assert_eq!(zoomconn::Severity::Warning.as_str(), "warning");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! rules {
    ($( $(#[$meta:meta])* $variant:ident = $name:literal, $severity:ident, $summary:literal; )+) => {
        /// A validation rule; its [`name`](Rule::name) is stable, and the README's table of
        /// rules lists every rule id a finding or error can print.
        ///
        /// ```
        /// use zoomconn::{Rule, Severity};
        /// assert_eq!(Rule::InvalidCallbackUrl.name(), "invalid-callback-url");
        /// assert_eq!(Rule::InvalidCallbackUrl.severity(), Severity::Error);
        /// assert_eq!(Rule::from_name("placeholder-value"), Some(Rule::PlaceholderValue));
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Rule {
            $( $(#[$meta])* $variant, )+
        }

        impl Rule {
            /// Every rule, in declaration order.
            ///
            /// ```
            /// assert_eq!(zoomconn::Rule::ALL.len(), 20);
            /// ```
            pub const ALL: &'static [Rule] = &[$(Rule::$variant),+];

            /// The stable kebab-case name.
            ///
            /// ```
            /// assert_eq!(zoomconn::Rule::Syntax.name(), "syntax");
            /// ```
            pub const fn name(self) -> &'static str {
                match self { $( Rule::$variant => $name, )+ }
            }

            /// The severity of this rule's findings.
            ///
            /// ```
            /// assert_eq!(zoomconn::Rule::UnknownProperty.severity(), zoomconn::Severity::Warning);
            /// ```
            pub const fn severity(self) -> Severity {
                match self { $( Rule::$variant => Severity::$severity, )+ }
            }

            /// One line on when the rule fires.
            ///
            /// ```
            /// assert!(zoomconn::Rule::Syntax.summary().contains("does not parse"));
            /// ```
            pub const fn summary(self) -> &'static str {
                match self { $( Rule::$variant => $summary, )+ }
            }

            /// Position of the rule in [`ALL`](Self::ALL).
            pub(crate) const fn index(self) -> usize {
                self as usize
            }

            /// The rule with this name.
            ///
            /// ```
            /// assert_eq!(zoomconn::Rule::from_name("nested-syntax"), Some(zoomconn::Rule::NestedSyntax));
            /// ```
            pub fn from_name(name: &str) -> Option<Rule> {
                Rule::ALL.iter().copied().find(|r| r.name() == name)
            }
        }
    };
}

rules! {
    /// Any grammar error.
    Syntax = "syntax", Error, "the connection string does not parse";
    /// Profile absent or empty.
    MissingProfile = "missing-profile", Error, "Profile is absent or empty";
    /// Profile's file name is not `Zoom.apip`.
    NotZoomProfile = "not-zoom-profile", Warning, "Profile names another profile than Zoom.apip";
    /// AuthScheme absent.
    MissingAuthScheme = "missing-auth-scheme", Error, "AuthScheme is absent (the Zoom profile requires AuthScheme=OAuth)";
    /// An enum property has a value outside its set.
    InvalidEnum = "invalid-enum", Error, "an enum property (AuthScheme, InitiateOAuth, …) has a value outside its set";
    /// AuthScheme is Basic, NTLM or OAuthClient.
    UnsupportedAuthScheme = "unsupported-auth-scheme", Warning, "AuthScheme is Basic, NTLM or OAuthClient, which the Zoom profile does not accept";
    /// AuthScheme=None.
    AuthSchemeNone = "auth-scheme-none", Warning, "AuthScheme=None: Zoom's API rejects unauthenticated requests";
    /// A property the OAuth flow needs is absent or empty.
    MissingRequired = "missing-required", Error, "a property the chosen OAuth flow needs is absent or empty";
    /// REFRESH without anything to refresh from.
    RefreshWithoutToken = "refresh-without-token", Warning, "InitiateOAuth=REFRESH without OAuthRefreshToken, OAuthSettingsLocation or OAuthVerifier";
    /// CallbackURL is not an absolute http(s) URL with a host.
    InvalidCallbackUrl = "invalid-callback-url", Error, "CallbackURL is not an absolute http or https URL with a host";
    /// CallbackURL is plain http to a non-loopback host.
    InsecureCallbackUrl = "insecure-callback-url", Warning, "CallbackURL uses http with a host that is not loopback";
    /// A documentation placeholder was left in.
    PlaceholderValue = "placeholder-value", Warning, "a value still holds a documentation placeholder (your_…, <…>, xxx…, changeme, TODO)";
    /// An int/bool/port property does not parse or is out of range.
    InvalidValue = "invalid-value", Error, "an integer, boolean or port property does not parse or is out of range";
    /// A property occurs more than once.
    DuplicateProperty = "duplicate-property", Warning, "a property occurs more than once (the last value wins)";
    /// `Key=` with nothing after it.
    EmptyValue = "empty-value", Warning, "Key= has no value: the driver ignores it and it removes an earlier value";
    /// Not a known property.
    UnknownProperty = "unknown-property", Warning, "not a known property (the nearest known name is suggested)";
    /// A spaced display name such as `Auth Scheme`.
    SpacedPropertyName = "spaced-property-name", Warning, "a spaced display name such as `Auth Scheme` was used";
    /// A key contains `;`.
    KeyContainsSemicolon = "key-contains-semicolon", Warning, "a key contains `;`: an earlier segment probably lacks its `=`";
    /// ProfileSettings or Other does not parse.
    NestedSyntax = "nested-syntax", Error, "ProfileSettings or Other does not parse";
    /// A known property's name inside an unquoted value: a `;` before it is missing.
    MissingSemicolon = "missing-semicolon", Error, "an unquoted value holds, after white space, a known property's name and `=`: a `;` is probably missing before it";
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A rule equals its stable name: `finding.rule() == "placeholder-value"`.
impl PartialEq<str> for Rule {
    fn eq(&self, other: &str) -> bool {
        self.name() == other
    }
}

/// A rule equals its stable name: `finding.rule() == "placeholder-value"`.
impl PartialEq<&str> for Rule {
    fn eq(&self, other: &&str) -> bool {
        self.name() == *other
    }
}

/// One problem found in a connection string.
///
/// Messages name the property and the problem; they never contain a secret value.
///
/// ```
/// let report = zoomconn::validate("Profile=Zoom.apip;AuthScheme=OAuth2");
/// let f = report.iter().find(|f| f.rule() == "invalid-enum").unwrap();
/// assert_eq!(f.message(), "invalid value `OAuth2` for AuthScheme: expected None or OAuth");
/// assert_eq!(f.span(), 29..35);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub(crate) rule: Rule,
    pub(crate) span: Range<usize>,
    pub(crate) message: String,
    pub(crate) help: Option<String>,
    pub(crate) related: Option<Range<usize>>,
    pub(crate) kind: Option<ErrorKind>,
}

impl Finding {
    pub(crate) fn new(rule: Rule, span: Range<usize>, message: String) -> Self {
        Finding {
            rule,
            span,
            message,
            help: None,
            related: None,
            kind: None,
        }
    }

    /// The finding of a syntax error, with the error's kind.
    pub(crate) fn syntax(rule: Rule, span: Range<usize>, kind: ErrorKind, message: String) -> Self {
        Finding {
            kind: Some(kind),
            ..Finding::new(rule, span, message)
        }
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub(crate) fn with_related(mut self, span: Range<usize>) -> Self {
        self.related = Some(span);
        self
    }

    /// The rule; it compares equal to its stable kebab-case name.
    ///
    /// ```
    /// let r = zoomconn::validate("AuthScheme=OAuth");
    /// let rule = r.iter().next().unwrap().rule();
    /// assert_eq!(rule, zoomconn::Rule::MissingProfile);
    /// assert_eq!(rule, "missing-profile");
    /// ```
    pub fn rule(&self) -> Rule {
        self.rule
    }

    /// For a `syntax` or `nested-syntax` finding, the kind of the syntax error — what
    /// [`ParseError::kind`](crate::ParseError::kind) says for the same input.
    ///
    /// ```
    /// let r = zoomconn::validate("Profile=Zoom.apip;AuthScheme");
    /// let f = r.iter().next().unwrap();
    /// assert_eq!((f.rule().name(), f.kind()), ("syntax", Some(zoomconn::ErrorKind::MissingEquals)));
    /// ```
    pub fn kind(&self) -> Option<ErrorKind> {
        self.kind
    }

    /// Error or warning.
    ///
    /// ```
    /// let r = zoomconn::validate("AuthScheme=OAuth");
    /// assert_eq!(r.iter().next().unwrap().severity(), zoomconn::Severity::Error);
    /// ```
    pub fn severity(&self) -> crate::Severity {
        self.rule.severity()
    }

    /// Byte span in the input. Findings about a missing property point at the start of the
    /// connection string (an empty span); findings inside a nested value point into it.
    ///
    /// ```
    /// let r = zoomconn::validate("Profile=Zoom.apip;AuthScheme=Basic");
    /// let f = r.iter().find(|f| f.rule() == "unsupported-auth-scheme").unwrap();
    /// assert_eq!(f.span(), 29..34);
    /// ```
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// The message: lowercase start, names the property, no secret values.
    ///
    /// ```
    /// let r = zoomconn::validate("Profile=Zoom.apip");
    /// assert_eq!(r.iter().next().unwrap().message(), "missing required property AuthScheme");
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }

    /// How to fix it, when there is something specific to say.
    ///
    /// ```
    /// let r = zoomconn::validate("Profile=Zoom.apip");
    /// assert_eq!(r.iter().next().unwrap().help(), Some("set AuthScheme=OAuth, as the Zoom profile requires"));
    /// ```
    pub fn help(&self) -> Option<&str> {
        self.help.as_deref()
    }

    /// A second place the finding refers to (the earlier occurrence of a duplicate).
    ///
    /// ```
    /// let r = zoomconn::validate("Profile=Zoom.apip;AuthScheme=OAuth;authscheme=None");
    /// let f = r.iter().find(|f| f.rule() == "duplicate-property").unwrap();
    /// assert_eq!((f.span(), f.related_span()), (35..45, Some(18..28)));
    /// ```
    pub fn related_span(&self) -> Option<Range<usize>> {
        self.related.clone()
    }
}

impl Finding {
    /// The rule's name, and for a syntax error the error's kind after a `/`
    /// (`syntax/missing-equals`): what the CLI prints between the brackets.
    ///
    /// ```
    /// let r = zoomconn::validate("Profile=Zoom.apip;AuthScheme");
    /// assert_eq!(r.iter().next().unwrap().code(), "syntax/missing-equals");
    /// let r = zoomconn::validate("AuthScheme=OAuth");
    /// assert_eq!(r.iter().next().unwrap().code(), "missing-profile");
    /// ```
    pub fn code(&self) -> std::borrow::Cow<'static, str> {
        match self.kind {
            Some(kind) => format!("{}/{}", self.rule.name(), kind.as_str()).into(),
            None => self.rule.name().into(),
        }
    }
}

impl fmt::Display for Finding {
    /// `severity[code]: message` ([`code`](Finding::code)).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]: {}", self.severity(), self.code(), self.message)
    }
}

/// Every finding of one connection string, in the order of the text, plus what the CLI needs to
/// show it safely.
///
/// ```
/// let report = zoomconn::validate(
///     "Profile=Zoom.apip;Authscheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=your_client_id;\
///      OAuthClientSecret=your_client_secret;CallbackUrl=your_callback_url;",
/// );
/// assert!(report.has_errors());
/// let rules: Vec<_> = report.iter().map(|f| f.rule()).collect();
/// assert_eq!(rules, ["placeholder-value", "placeholder-value", "placeholder-value", "invalid-callback-url"]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub(crate) findings: Vec<Finding>,
    pub(crate) secret_spans: Vec<Range<usize>>,
}

impl Report {
    /// The findings, errors and warnings, ordered by position.
    ///
    /// ```
    /// assert_eq!(zoomconn::validate("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t").iter().count(), 0);
    /// ```
    pub fn iter(&self) -> std::slice::Iter<'_, Finding> {
        self.findings.iter()
    }

    /// The findings, errors and warnings, ordered by position: the same as
    /// [`Error::findings`](crate::Error::findings) gives for a config's errors.
    ///
    /// ```
    /// let report = zoomconn::validate("AuthScheme=OAuth2");
    /// let rules: Vec<_> = report.findings().iter().map(|f| f.code()).collect();
    /// assert_eq!(rules, ["missing-profile", "invalid-enum"]);
    /// ```
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// `true` when any finding is an error.
    ///
    /// ```
    /// assert!(zoomconn::validate("").has_errors());
    /// ```
    pub fn has_errors(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.severity() == Severity::Error)
    }

    /// The error findings.
    ///
    /// ```
    /// assert_eq!(zoomconn::validate("").errors().count(), 2);
    /// ```
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity() == Severity::Error)
    }

    /// The warning findings.
    ///
    /// ```
    /// assert_eq!(zoomconn::validate("Profile=x.apip;AuthScheme=None").warnings().count(), 2);
    /// ```
    pub fn warnings(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity() == Severity::Warning)
    }

    /// Number of findings.
    ///
    /// ```
    /// assert_eq!(zoomconn::validate("").len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.findings.len()
    }

    /// `true` when there are no findings at all.
    ///
    /// ```
    /// assert!(!zoomconn::validate("").is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.findings.is_empty()
    }

    /// Byte spans of the input that hold secret text: secret values, and text after a secret
    /// value that the grammar read as a key. Tools that show source snippets mask these.
    ///
    /// ```
    /// let r = zoomconn::validate("OAuthClientSecret=abc;Profile=Zoom.apip");
    /// assert_eq!(r.secret_spans(), &[18..21]);
    /// ```
    pub fn secret_spans(&self) -> &[Range<usize>] {
        &self.secret_spans
    }
}

impl<'a> IntoIterator for &'a Report {
    type Item = &'a Finding;
    type IntoIter = std::slice::Iter<'a, Finding>;

    fn into_iter(self) -> Self::IntoIter {
        self.findings.iter()
    }
}

impl IntoIterator for Report {
    type Item = Finding;
    type IntoIter = std::vec::IntoIter<Finding>;

    fn into_iter(self) -> Self::IntoIter {
        self.findings.into_iter()
    }
}
