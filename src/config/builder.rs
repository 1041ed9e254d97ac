//! [`ConfigBuilder`]: typed values in, a validated [`crate::Config`] out.

use std::fmt;

use zeroize::Zeroizing;

use crate::config::error::Error;
use crate::config::zoom_config::Config;
use crate::grammar::casefold::eq_ignore_case;
use crate::grammar::syntax::Syntax;
use crate::grammar::writer;
use crate::registry::{self, AuthScheme, InitiateOAuth, PropertyId};
use crate::secrets::{self, Secret};

/// The name a value is set under: a known property, or another key as written.
#[derive(Clone)]
enum Key {
    Known(PropertyId),
    Other(String),
}

impl Key {
    fn of(name: &str) -> Key {
        match registry::lookup(name) {
            Some(m) => Key::Known(m.property.id),
            None => Key::Other(name.to_owned()),
        }
    }

    /// The name written: a known property's canonical name.
    fn name(&self) -> &str {
        match self {
            Key::Known(id) => id.name(),
            Key::Other(name) => name,
        }
    }

    /// The name as an error shows it: a known property's canonical name; another key in
    /// backticks, cut where the secret policy cuts it.
    fn shown(&self) -> String {
        match self {
            Key::Known(id) => id.name().to_owned(),
            Key::Other(name) => format!("`{}`", secrets::shown_text(name).0),
        }
    }

    fn same(&self, other: &Key) -> bool {
        match (self, other) {
            (Key::Known(a), Key::Known(b)) => a == b,
            (Key::Other(a), Key::Other(b)) => eq_ignore_case(a, b),
            _ => false,
        }
    }
}

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
///      Scope=meeting:read:meeting user:read:user;Region=EU;"
/// );
/// # Ok::<(), zoomconn::Error>(())
/// ```
#[derive(Clone, Default)]
pub struct ConfigBuilder {
    pairs: Vec<(Key, Value)>,
}

macro_rules! text_setters {
    ($( $(#[$meta:meta])* $fn:ident => $id:ident; )+) => {
        $(
            $(#[$meta])*
            ///
            /// ```
            #[doc = concat!("let b = zoomconn::Config::builder().", stringify!($fn), "(\"value\");")]
            #[doc = concat!("assert!(format!(\"{b:?}\").contains(zoomconn::registry::PropertyId::", stringify!($id), ".name()));")]
            /// ```
            pub fn $fn(self, value: impl Into<String>) -> Self {
                self.set(Key::Known(PropertyId::$id), Value::Text(value.into()))
            }
        )+
    };
}

macro_rules! secret_setters {
    ($( $(#[$meta:meta])* $fn:ident => $id:ident; )+) => {
        $(
            $(#[$meta])*
            ///
            /// ```
            #[doc = concat!("let b = zoomconn::Config::builder().", stringify!($fn), "(\"hunter2\");")]
            #[doc = concat!("let name = zoomconn::registry::PropertyId::", stringify!($id), ".name();")]
            /// assert!(format!("{b:?}").contains(&format!("\"{name}\": Secret(***)")));
            /// ```
            pub fn $fn(self, value: impl Into<Secret>) -> Self {
                self.set(Key::Known(PropertyId::$id), Value::Secret(value.into()))
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

    fn set(mut self, key: Key, value: Value) -> Self {
        self.pairs.retain(|(k, _)| !k.same(&key));
        self.pairs.push((key, value));
        self
    }

    text_setters! {
        /// `Profile`, e.g. `Zoom.apip`.
        profile => Profile;
        /// `OAuthClientId`.
        oauth_client_id => OAuthClientId;
        /// `CallbackURL`.
        callback_url => CallbackUrl;
        /// `OAuthSettingsLocation`: a path or `memory://<id>`.
        oauth_settings_location => OAuthSettingsLocation;
        /// `Scope`: space-separated Zoom scopes.
        scope => Scope;
        /// `ProfileSettings`: a nested connection string.
        profile_settings => ProfileSettings;
        /// `Other`: a nested connection string.
        other => Other;
    }

    secret_setters! {
        /// `OAuthClientSecret`.
        oauth_client_secret => OAuthClientSecret;
        /// `OAuthAccessToken`.
        oauth_access_token => OAuthAccessToken;
        /// `OAuthRefreshToken`.
        oauth_refresh_token => OAuthRefreshToken;
        /// `OAuthVerifier`.
        oauth_verifier => OAuthVerifier;
    }

    /// `AuthScheme`.
    ///
    /// ```
    /// let b = zoomconn::Config::builder().auth_scheme(zoomconn::AuthScheme::OAuth);
    /// assert!(format!("{b:?}").contains("\"AuthScheme\": \"OAuth\""));
    /// ```
    pub fn auth_scheme(self, value: AuthScheme) -> Self {
        self.set(
            Key::Known(PropertyId::AuthScheme),
            Value::Text(value.as_str().to_owned()),
        )
    }

    /// `InitiateOAuth`.
    ///
    /// ```
    /// let b = zoomconn::Config::builder().initiate_oauth(zoomconn::InitiateOAuth::Refresh);
    /// assert!(format!("{b:?}").contains("\"InitiateOAuth\": \"REFRESH\""));
    /// ```
    pub fn initiate_oauth(self, value: InitiateOAuth) -> Self {
        self.set(
            Key::Known(PropertyId::InitiateOAuth),
            Value::Text(value.as_str().to_owned()),
        )
    }

    /// `Timeout`, written in whole seconds so that it reads back as at least `value`: a part of
    /// a second rounds up (`500ms` writes `Timeout=1`). [`Duration::ZERO`] writes `Timeout=0`,
    /// which the driver reads as "no timeout".
    ///
    /// [`Duration::ZERO`]: std::time::Duration::ZERO
    ///
    /// ```
    /// use std::time::Duration;
    /// let b = zoomconn::Config::builder().timeout(Duration::from_millis(500));
    /// assert!(format!("{b:?}").contains("\"Timeout\": \"1\""));
    /// let b = zoomconn::Config::builder().timeout(Duration::ZERO);
    /// assert!(format!("{b:?}").contains("\"Timeout\": \"0\""));
    /// ```
    pub fn timeout(self, value: std::time::Duration) -> Self {
        let seconds = value.as_secs() + u64::from(value.subsec_nanos() > 0);
        self.set(
            Key::Known(PropertyId::Timeout),
            Value::Text(seconds.to_string()),
        )
    }

    /// `Verbosity`, 1–5 (other values fail [`build`](Self::build) with `invalid-value`).
    ///
    /// ```
    /// let err = zoomconn::Config::builder().profile("Zoom.apip").auth_scheme(zoomconn::AuthScheme::OAuth)
    ///     .oauth_access_token("t").verbosity(9).build().unwrap_err();
    /// assert_eq!(err.rule(), "invalid-value");
    /// ```
    pub fn verbosity(self, value: u8) -> Self {
        self.set(
            Key::Known(PropertyId::Verbosity),
            Value::Text(value.to_string()),
        )
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
        let value = if secrets::is_secret_key(name) {
            Value::Secret(Secret::new(value))
        } else {
            Value::Text(value)
        };
        self.set(Key::of(name), value)
    }

    /// Writes the canonical connection string and validates it.
    ///
    /// # Errors
    ///
    /// An [`Error`] whose [`findings`](Error::findings) hold every error: a key or value that
    /// cannot be written (rule `syntax`), or any error rule of [`crate::validate()`]. The
    /// error names the property it is about ([`Error::property`]), not a line and column of the
    /// string the builder wrote.
    ///
    /// ```
    /// use zoomconn::{AuthScheme, Config};
    /// let err = Config::builder().profile("Zoom.apip").build().unwrap_err();
    /// assert_eq!(err.rule(), "missing-auth-scheme");
    /// assert_eq!(
    ///     err.to_string(),
    ///     "missing-auth-scheme: missing required property AuthScheme; set AuthScheme=OAuth, as the Zoom profile requires"
    /// );
    /// let err = Config::builder().profile("Zoom.apip").auth_scheme(AuthScheme::OAuth)
    ///     .oauth_access_token("t").property("Initiate OAuth", "GETANDREFESH").build().unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "InitiateOAuth: invalid-enum: invalid value `GETANDREFESH` for InitiateOAuth: \
    ///      expected OFF, GETANDREFRESH or REFRESH; did you mean GETANDREFRESH?"
    /// );
    /// ```
    pub fn build(&self) -> Result<Config, Error> {
        let mut text = Zeroizing::new(String::new());
        // Where each pair is in `text`, and the name an error about it shows.
        let mut at: Vec<(std::ops::Range<usize>, &Key)> = Vec::with_capacity(self.pairs.len());
        for (key, value) in &self.pairs {
            let name = key.name();
            let raw = match value {
                Value::Text(t) => t.as_str(),
                Value::Secret(s) => s.expose_secret(),
            };
            let start = text.len();
            if let Err(e) = writer::push_pair(&mut text, name, raw, Syntax::Ado) {
                // The property's name says what; a write error never shows the value.
                return Err(Error::unwritable(None, &e).built(Some(key.shown())));
            }
            at.push((start..text.len(), key));
            text.push(';');
        }
        Config::parse(&text).map_err(|e| {
            // An empty span is about no pair: a property that is missing.
            let span = e.span();
            let key = at
                .iter()
                .find(|(r, _)| !span.is_empty() && r.contains(&span.start))
                .map(|(_, key)| key.shown());
            e.built(key)
        })
    }
}

/// A builder holding every property of a config, in the order of the config's string; typed
/// setters then replace a property whatever spelling the string used.
///
/// ```
/// use zoomconn::{Config, ConfigBuilder, InitiateOAuth};
/// let cfg = Config::parse("Profile=Zoom.apip;Auth Scheme=OAuth;OAuthAccessToken=t;Region=EU")?;
/// let edited = ConfigBuilder::from(&cfg).initiate_oauth(InitiateOAuth::Off).build()?;
/// assert_eq!(edited.to_string(), "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=OFF;OAuthAccessToken=t;Region=EU;");
/// # Ok::<(), zoomconn::Error>(())
/// ```
impl From<&Config> for ConfigBuilder {
    fn from(cfg: &Config) -> Self {
        let pairs = cfg
            .properties()
            .map(|(id, name, value, secret)| {
                let key = match id {
                    Some(id) => Key::Known(id),
                    None => Key::Other(name.to_owned()),
                };
                let value = if secret {
                    Value::Secret(Secret::new(value))
                } else {
                    Value::Text(value.to_owned())
                };
                (key, value)
            })
            .collect();
        ConfigBuilder { pairs }
    }
}

/// Every property set, in order; secrets as `Secret(***)`, and whatever the secret policy
/// masks in the string the builder would write (the rest of a secret, text after a secret name)
/// as `***`.
impl fmt::Debug for ConfigBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The string `build` would write, and where each pair's key and value are in it.
        let mut text = Zeroizing::new(String::new());
        let mut at = Vec::with_capacity(self.pairs.len());
        for (key, value) in &self.pairs {
            let raw = match value {
                Value::Text(t) => t.as_str(),
                Value::Secret(s) => s.expose_secret(),
            };
            let start = text.len();
            if writer::check_key(key.name(), Syntax::Ado).is_err() {
                at.push(None);
                continue;
            }
            writer::push_key(&mut text, key.name());
            let key_end = text.len();
            text.push('=');
            let value_start = text.len();
            if writer::push_value(&mut text, raw, Syntax::Ado).is_err() {
                text.truncate(start);
                at.push(None);
                continue;
            }
            at.push(Some((start..key_end, value_start..text.len())));
            text.push(';');
        }
        let spans = secrets::spans(&text, Syntax::Ado);
        let masked =
            |r: &std::ops::Range<usize>| spans.iter().any(|s| s.start < r.end && r.start < s.end);
        let mut m = f.debug_map();
        for ((key, value), at) in self.pairs.iter().zip(at) {
            let name = match &at {
                Some((k, _)) if !masked(k) => secrets::shown_text(key.name()).0,
                _ => std::borrow::Cow::Borrowed(secrets::REDACTED),
            };
            match (value, &at) {
                (Value::Secret(s), _) => m.entry(&name, s),
                (Value::Text(t), Some((_, v))) if !masked(v) => {
                    m.entry(&name, &secrets::shown_text(t).0)
                }
                (Value::Text(_), _) => m.entry(&name, &secrets::REDACTED),
            };
        }
        m.finish()
    }
}
