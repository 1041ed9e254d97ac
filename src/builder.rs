//! [`ConfigBuilder`]: typed values in, a validated [`crate::Config`] out.

use std::fmt;

use zeroize::Zeroizing;

use crate::auth::{AuthScheme, InitiateOAuth};
use crate::config::Config;
use crate::config_error::Error;
use crate::finding::{Finding, Report, Rule};
use crate::registry;
use crate::secret::Secret;
use crate::syntax::Syntax;
use crate::writer;

/// A value set on the builder.
#[derive(Clone)]
enum Value {
    Text(String),
    Secret(Secret),
}

/// Builds a [`Config`] from typed values; [`build`](Self::build) writes the canonical
/// connection string and validates it, exactly as [`Config::parse`] would.
///
/// Setting a property twice keeps the last value. `Debug` never shows a secret.
///
/// ```
/// use zoomconn::{AuthScheme, Config, InitiateOAuth};
/// let cfg = Config::builder()
///     .profile("Zoom.apip")
///     .auth_scheme(AuthScheme::OAuth)
///     .initiate_oauth(InitiateOAuth::GetAndRefresh)
///     .oauth_client_id("Xq3pLm8RTyWv2kZ9aB1c")
///     .oauth_client_secret("t7YhG2kLp9QwErTy")
///     .callback_url("http://localhost:33333/callback")
///     .scope("meeting:read:meeting user:read:user")
///     .property("Region", "EU")
///     .build()?;
/// assert_eq!(
///     cfg.redacted(),
///     "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=Xq3pLm8RTyWv2kZ9aB1c;\
///      OAuthClientSecret=***;CallbackURL=http://localhost:33333/callback;\
///      Scope=\"meeting:read:meeting user:read:user\";Region=EU;"
/// );
/// # Ok::<(), zoomconn::Error>(())
/// ```
#[derive(Clone, Default)]
pub struct ConfigBuilder {
    pairs: Vec<(String, Value)>,
}

macro_rules! text_setters {
    ($( $(#[$meta:meta])* $fn:ident => $name:literal; )+) => {
        $(
            $(#[$meta])*
            ///
            /// ```
            #[doc = concat!("let b = zoomconn::Config::builder().", stringify!($fn), "(\"value\");")]
            #[doc = concat!("assert!(format!(\"{b:?}\").contains(\"", $name, "\"));")]
            /// ```
            pub fn $fn(self, value: impl Into<String>) -> Self {
                self.set($name, Value::Text(value.into()))
            }
        )+
    };
}

macro_rules! secret_setters {
    ($( $(#[$meta:meta])* $fn:ident => $name:literal; )+) => {
        $(
            $(#[$meta])*
            ///
            /// ```
            #[doc = concat!("let b = zoomconn::Config::builder().", stringify!($fn), "(\"hunter2\");")]
            #[doc = concat!("assert!(format!(\"{b:?}\").contains(\"\\\"", $name, "\\\": Secret(***)\"));")]
            /// ```
            pub fn $fn(self, value: impl Into<Secret>) -> Self {
                self.set($name, Value::Secret(value.into()))
            }
        )+
    };
}

impl ConfigBuilder {
    /// An empty builder (same as [`Config::builder`]).
    ///
    /// ```
    /// assert!(zoomconn::ConfigBuilder::new().build().is_err());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    fn set(mut self, name: &str, value: Value) -> Self {
        let same = |n: &str| match (registry::lookup(n), registry::lookup(name)) {
            (Some(a), Some(b)) => std::ptr::eq(a.property, b.property),
            _ => crate::eq_ignore_case(n, name),
        };
        self.pairs.retain(|(n, _)| !same(n));
        self.pairs.push((name.to_owned(), value));
        self
    }

    text_setters! {
        /// `Profile`, e.g. `Zoom.apip`.
        profile => "Profile";
        /// `OAuthClientId`.
        oauth_client_id => "OAuthClientId";
        /// `CallbackURL`.
        callback_url => "CallbackURL";
        /// `OAuthSettingsLocation`: a path or `memory://<id>`.
        oauth_settings_location => "OAuthSettingsLocation";
        /// `Scope`: space-separated Zoom scopes.
        scope => "Scope";
        /// `ProfileSettings`: a nested connection string.
        profile_settings => "ProfileSettings";
        /// `Other`: a nested connection string.
        other => "Other";
    }

    secret_setters! {
        /// `OAuthClientSecret`.
        oauth_client_secret => "OAuthClientSecret";
        /// `OAuthAccessToken`.
        oauth_access_token => "OAuthAccessToken";
        /// `OAuthRefreshToken`.
        oauth_refresh_token => "OAuthRefreshToken";
        /// `OAuthVerifier`.
        oauth_verifier => "OAuthVerifier";
    }

    /// `AuthScheme`.
    ///
    /// ```
    /// let b = zoomconn::Config::builder().auth_scheme(zoomconn::AuthScheme::OAuth);
    /// assert!(format!("{b:?}").contains("\"AuthScheme\": \"OAuth\""));
    /// ```
    pub fn auth_scheme(self, value: AuthScheme) -> Self {
        self.set("AuthScheme", Value::Text(value.as_str().to_owned()))
    }

    /// `InitiateOAuth`.
    ///
    /// ```
    /// let b = zoomconn::Config::builder().initiate_oauth(zoomconn::InitiateOAuth::Refresh);
    /// assert!(format!("{b:?}").contains("\"InitiateOAuth\": \"REFRESH\""));
    /// ```
    pub fn initiate_oauth(self, value: InitiateOAuth) -> Self {
        self.set("InitiateOAuth", Value::Text(value.as_str().to_owned()))
    }

    /// `Timeout` in whole seconds (0 = no timeout).
    ///
    /// ```
    /// let b = zoomconn::Config::builder().timeout(std::time::Duration::from_secs(30));
    /// assert!(format!("{b:?}").contains("\"Timeout\": \"30\""));
    /// ```
    pub fn timeout(self, value: std::time::Duration) -> Self {
        self.set("Timeout", Value::Text(value.as_secs().to_string()))
    }

    /// `Verbosity`, 1–5 (other values fail [`build`](Self::build) with `invalid-value`).
    ///
    /// ```
    /// let err = zoomconn::Config::builder().profile("Zoom.apip").auth_scheme(zoomconn::AuthScheme::OAuth)
    ///     .oauth_access_token("t").verbosity(9).build().unwrap_err();
    /// assert_eq!(err.rule(), "invalid-value");
    /// ```
    pub fn verbosity(self, value: u8) -> Self {
        self.set("Verbosity", Value::Text(value.to_string()))
    }

    /// Any other property, by name. Secret properties (per the registry) are kept as secrets.
    ///
    /// ```
    /// let b = zoomconn::Config::builder().property("ProxyPassword", "hunter2");
    /// assert!(!format!("{b:?}").contains("hunter2"));
    /// ```
    pub fn property(self, name: impl AsRef<str>, value: impl Into<String>) -> Self {
        let name = name.as_ref();
        let value = value.into();
        let value = if registry::is_secret(name) {
            Value::Secret(Secret::new(value))
        } else {
            Value::Text(value)
        };
        self.set(name, value)
    }

    /// Writes the canonical connection string and validates it.
    ///
    /// # Errors
    ///
    /// An [`Error`] whose [`findings`](Error::findings) hold every error: a key that cannot be
    /// written (rule `syntax`), or any error rule of [`crate::validate()`].
    ///
    /// ```
    /// let err = zoomconn::Config::builder().profile("Zoom.apip").build().unwrap_err();
    /// assert_eq!(err.rule(), "missing-auth-scheme");
    /// ```
    pub fn build(&self) -> Result<Config, Error> {
        let mut text = Zeroizing::new(String::new());
        for (name, value) in &self.pairs {
            let raw = match value {
                Value::Text(t) => t.as_str(),
                Value::Secret(s) => s.expose_secret(),
            };
            if let Err(e) = writer::push_pair(&mut text, name, raw, Syntax::Ado) {
                let shown = if registry::is_secret(name) {
                    "a secret value".to_owned()
                } else {
                    format!("key `{name}`")
                };
                let finding =
                    Finding::new(Rule::Syntax, 0..0, format!("cannot write {shown}: {e}"));
                let report = Report {
                    findings: vec![finding],
                    secret_spans: Vec::new(),
                };
                return Err(Error::from_report("", report));
            }
            text.push(';');
        }
        Config::parse(&text)
    }
}

impl fmt::Debug for ConfigBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut m = f.debug_map();
        for (name, value) in &self.pairs {
            match value {
                Value::Secret(s) => m.entry(name, s),
                Value::Text(t) => m.entry(name, &crate::redact::shown_value(name, t, Syntax::Ado)),
            };
        }
        m.finish()
    }
}
