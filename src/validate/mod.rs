//! The validation layer: every rule of `docs/properties.md` over a connection string, as a [`Report`] of
//! [`Finding`]s.
//!
//! * [`analysis`]: one pass of the grammar's driver, feeding the per-occurrence rules, the
//!   secret tracker and the fold keyed by property; then the per-property [`rules`];
//! * [`rules`]: one file per group of rules; [`messages`]: every message, in one place;
//! * [`sink`]: collects findings (every finding, or only errors), capped per rule;
//! * [`finding`]: [`Rule`] (the `rules!` table: name, severity, summary), [`Severity`],
//!   [`Finding`], [`Report`];
//! * [`callback`]: the CallbackURL check (a fast check property-tested against `url`);
//! * [`glue`]: known properties glued into the value before them by a forgotten `;`.

pub(crate) mod analysis;
pub(crate) mod callback;
mod finding;
mod glue;
pub(crate) mod item;
mod messages;
mod rules;
pub(crate) mod sink;

pub use finding::{Finding, Report, Rule, Severity};

use crate::grammar::syntax::Syntax;
use analysis::{Options, analyze};
use sink::Collect;

/// Validates a connection string (ADO syntax; a `jdbc:api:` or `jdbc:cdata:api:` prefix is
/// accepted) and returns every finding of the rules (`docs/properties.md`), in order of position.
///
/// Never panics; a syntax error gives one `syntax` finding and stops the analysis.
///
/// ```
/// let report = zoomconn::validate("Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=abc");
/// let found: Vec<_> = report.iter().map(|f| (f.rule().name(), f.message())).collect();
/// assert_eq!(found, [
///     ("missing-required", "missing OAuthClientSecret, required when AuthScheme=OAuth and InitiateOAuth=GETANDREFRESH"),
///     ("missing-required", "missing CallbackURL, required when AuthScheme=OAuth and InitiateOAuth=GETANDREFRESH"),
/// ]);
/// ```
pub fn validate(s: &str) -> Report {
    validate_with(s, &ValidateOptions::new())
}

/// Which rules [`validate_with`] applies.
///
/// ```
/// assert_eq!(zoomconn::RuleSet::default(), zoomconn::RuleSet::ZoomProfile);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RuleSet {
    /// Every rule: the string is for the API driver's Zoom profile.
    #[default]
    ZoomProfile,
    /// The rules that hold for every CData connection string (syntax, duplicates, empty
    /// values, placeholders, value types, callback URL, spaced names, nested strings): for
    /// strings of other CData drivers and profiles. The Zoom profile's own rules
    /// (`missing-profile`, `not-zoom-profile`, `missing-auth-scheme`, the OAuth flow rules and
    /// `unknown-property`) do not apply.
    AnyCData,
    /// A piece of a Zoom profile string (a fragment in docs, one literal of a concatenation):
    /// the Zoom profile's rules about the values it holds (AuthScheme's values,
    /// `unknown-property`) and every rule of [`AnyCData`](Self::AnyCData), but none about what
    /// a whole string must hold (`missing-profile`, `not-zoom-profile`,
    /// `missing-auth-scheme`, the OAuth flow rules).
    ///
    /// ```
    /// use zoomconn::{RuleSet, ValidateOptions, validate_with};
    /// let opts = ValidateOptions::new().rules(RuleSet::ZoomFragment);
    /// let rules: Vec<_> = validate_with("AuthScheme=OAuth2;InitiateOAuth=OFF", &opts)
    ///     .iter().map(|f| f.rule().name()).collect();
    /// assert_eq!(rules, ["invalid-enum"]);
    /// ```
    ZoomFragment,
}

/// How [`validate_with`] reads and judges a connection string.
///
/// ```
/// use zoomconn::{RuleSet, Syntax, ValidateOptions};
/// let opts = ValidateOptions::new().syntax(Syntax::Odbc).rules(RuleSet::AnyCData);
/// assert_eq!(opts.syntax, Syntax::Odbc);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ValidateOptions {
    /// The grammar to read the string with.
    pub syntax: Syntax,
    /// The rules to apply.
    pub rules: RuleSet,
}

impl ValidateOptions {
    /// ADO syntax, every rule of the Zoom profile.
    ///
    /// ```
    /// assert_eq!(zoomconn::ValidateOptions::new(), Default::default());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the syntax.
    ///
    /// ```
    /// let o = zoomconn::ValidateOptions::new().syntax(zoomconn::Syntax::Odbc);
    /// assert_eq!(o.syntax, zoomconn::Syntax::Odbc);
    /// ```
    pub fn syntax(mut self, syntax: Syntax) -> Self {
        self.syntax = syntax;
        self
    }

    /// Sets the rule set.
    ///
    /// ```
    /// let o = zoomconn::ValidateOptions::new().rules(zoomconn::RuleSet::AnyCData);
    /// assert_eq!(o.rules, zoomconn::RuleSet::AnyCData);
    /// ```
    pub fn rules(mut self, rules: RuleSet) -> Self {
        self.rules = rules;
        self
    }
}

/// [`validate`] with a syntax and a rule set: ODBC strings, and strings of other CData drivers
/// or profiles, which get only the rules that hold for every CData string.
///
/// ```
/// use zoomconn::{RuleSet, Syntax, ValidateOptions, validate_with};
/// let opts = ValidateOptions::new().syntax(Syntax::Odbc).rules(RuleSet::AnyCData);
/// let report = validate_with("Driver={CData ODBC Driver for Salesforce};User=u;Timeout=x", &opts);
/// let rules: Vec<_> = report.iter().map(|f| f.rule()).collect();
/// assert_eq!(rules, ["invalid-value"]);
/// ```
pub fn validate_with(s: &str, options: &ValidateOptions) -> Report {
    let options = Options {
        syntax: options.syntax,
        rules: options.rules,
        collect: Collect::All,
        secret_spans: true,
    };
    analyze(s, &options).report
}
