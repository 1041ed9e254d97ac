//! [`ZoomConnectionConfig`]: the typed, validated view of a Zoom connection string.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use crate::config::error::Error;
use crate::grammar::casefold::fold_key;
use crate::grammar::chars;
use crate::grammar::syntax::Syntax;
use crate::grammar::writer;
use crate::map::connection_string::ConnectionString;
use crate::registry::{
    self, AuthScheme, InitiateOAuth, PROPERTIES_LEN, Property, PropertyId, ValueType,
};
use crate::secrets::{self, Secret};
use crate::validate::RuleSet;
use crate::validate::analysis::{Analysis, Options, analyze};
use crate::validate::callback::CheckedUrl;
use crate::validate::sink::Collect;

/// Shorthand for [`ZoomConnectionConfig`].
///
/// ```
/// let cfg: zoomconn::Config = "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t".parse()?;
/// assert_eq!(cfg.profile(), "Zoom.apip");
/// # Ok::<(), zoomconn::Error>(())
/// ```
pub type Config = ZoomConnectionConfig;

/// The callback URL: the text as written, and the parsed [`url::Url`] for checks.
///
/// ```
/// let cfg = zoomconn::Config::parse(
///     "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=id;\
///      OAuthClientSecret=s;CallbackURL=HTTP://LOCALHOST:33333",
/// )?;
/// let cb = cfg.callback_url().unwrap();
/// assert_eq!(cb.as_str(), "HTTP://LOCALHOST:33333");
/// assert_eq!(cb.url().as_str(), "http://localhost:33333/");
/// # Ok::<(), zoomconn::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallbackUrl<'a> {
    text: &'a str,
    url: &'a url::Url,
}

impl<'a> CallbackUrl<'a> {
    /// The URL exactly as written.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;CallbackURL=http://LocalHost:1")?;
    /// assert_eq!(cfg.callback_url().unwrap().as_str(), "http://LocalHost:1");
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn as_str(&self) -> &'a str {
        self.text
    }

    /// The parsed, normalised URL.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;CallbackURL=http://LocalHost:1")?;
    /// assert_eq!(cfg.callback_url().unwrap().url().host_str(), Some("localhost"));
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn url(&self) -> &'a url::Url {
        self.url
    }
}

/// Where a property's value is kept.
#[derive(Clone)]
enum Slot {
    /// A range of the config's text buffer.
    Text(Range<usize>),
    /// A canonical enum spelling.
    Static(&'static str),
    /// A secret, in its own wiped-on-drop buffer.
    Secret(Secret),
}

/// One property of a config: a known property (by registry entry) or another key as written
/// (a range of the text buffer).
#[derive(Clone)]
struct Entry {
    property: Option<&'static Property>,
    key: Range<usize>,
    value: Slot,
}

/// The typed, validated configuration of a CData Zoom connection string.
///
/// Build one with [`Config::parse`] (or `FromStr`, `TryFrom<&ConnectionString>`) or with
/// [`Config::builder`]. A config always passed validation: it has a Profile, a supported
/// AuthScheme, the properties its OAuth flow needs and a valid callback URL. Warnings
/// (placeholders, unknown properties…) do not stop it; see [`crate::validate()`] for them.
///
/// # Properties
///
/// | property | accessor | type, default |
/// |---|---|---|
/// | Profile | [`profile`](Self::profile) | required; `Zoom.apip` or its path |
/// | AuthScheme | [`auth_scheme`](Self::auth_scheme) | [`AuthScheme`], required |
/// | InitiateOAuth | [`initiate_oauth`](Self::initiate_oauth) | [`InitiateOAuth`], default `OFF` |
/// | OAuthClientId | [`oauth_client_id`](Self::oauth_client_id) | string |
/// | OAuthClientSecret | [`oauth_client_secret`](Self::oauth_client_secret) | [`Secret`] |
/// | CallbackURL | [`callback_url`](Self::callback_url) | [`CallbackUrl`] |
/// | OAuthAccessToken, OAuthRefreshToken | [`oauth_access_token`](Self::oauth_access_token), [`oauth_refresh_token`](Self::oauth_refresh_token) | [`Secret`] |
/// | OAuthVerifier | [`oauth_verifier`](Self::oauth_verifier) | [`Secret`] |
/// | OAuthSettingsLocation | [`oauth_settings_location`](Self::oauth_settings_location) | path or `memory://<id>` |
/// | Scope | [`scope`](Self::scope) | space-separated scopes |
/// | Timeout | [`timeout`](Self::timeout) | seconds, default 60, 0 = none |
/// | Verbosity | [`verbosity`](Self::verbosity) | 1–5, default 1 |
/// | ProfileSettings, Other | [`profile_settings`](Self::profile_settings), [`other`](Self::other) | nested connection strings |
/// | anything else | [`get`](Self::get), [`get_secret`](Self::get_secret) | kept verbatim, in order |
///
/// The full list, with generic CData properties, is [`registry::PROPERTIES`].
///
/// # Secrets
///
/// `Display` is the canonical connection string, secrets included: it *is* the credential.
/// `Debug` never shows a secret; [`redacted`](Self::redacted) gives a loggable form. Secret
/// values are held in [`Secret`]s, which are wiped from memory on drop.
///
/// ```
/// use zoomconn::{AuthScheme, Config, InitiateOAuth};
/// let cfg = Config::parse(
///     "Profile=Zoom.apip;Authscheme=oauth;InitiateOAuth=GETANDREFRESH;OAuthClientId=abc;\
///      OAuthClientSecret=s3cret;CallbackUrl=http://localhost:33333;Region=EU",
/// )?;
/// assert_eq!(cfg.auth_scheme(), AuthScheme::OAuth);
/// assert_eq!(cfg.initiate_oauth(), InitiateOAuth::GetAndRefresh);
/// assert_eq!(cfg.oauth_client_secret().unwrap().expose_secret(), "s3cret");
/// assert_eq!(cfg.get("region"), Some("EU"));
/// assert_eq!(
///     cfg.to_string(),
///     "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=abc;\
///      OAuthClientSecret=s3cret;CallbackURL=http://localhost:33333;Region=EU;"
/// );
/// assert!(!format!("{cfg:?}").contains("s3cret"));
/// # Ok::<(), zoomconn::Error>(())
/// ```
#[derive(Clone)]
pub struct ZoomConnectionConfig {
    /// Non-secret values and unknown keys, one after another.
    text: String,
    entries: Vec<Entry>,
    /// The entry of each known property, by [`PropertyId`] ([`NONE`] when absent).
    slots: [u16; PROPERTIES_LEN],
    auth_scheme: AuthScheme,
    initiate_oauth: InitiateOAuth,
    callback_url: Option<CheckedUrl>,
    profile_settings: Option<ConnectionString>,
    other: Option<ConnectionString>,
}

/// [`ZoomConnectionConfig::slots`] of an absent property.
const NONE: u16 = u16::MAX;

/// Properties written first by the canonical form, in this order.
const CANONICAL_ORDER: [PropertyId; 6] = [
    PropertyId::Profile,
    PropertyId::AuthScheme,
    PropertyId::InitiateOAuth,
    PropertyId::OAuthClientId,
    PropertyId::OAuthClientSecret,
    PropertyId::CallbackUrl,
];

impl ZoomConnectionConfig {
    /// Parses and validates a connection string (ADO syntax; a `jdbc:api:` or
    /// `jdbc:cdata:api:` prefix is accepted).
    ///
    /// # Errors
    ///
    /// The first error finding of validation — a syntax error, a missing Profile or AuthScheme, an
    /// invalid enum or number, a missing property of the OAuth flow, an invalid callback URL —
    /// as an [`Error`] with its rule name, span and message; [`Error::findings`] has every error.
    /// Warnings do not fail parsing.
    ///
    /// ```
    /// let err = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;\
    ///     OAuthClientId=id;OAuthClientSecret=s;CallbackURL=your_callback_url").unwrap_err();
    /// assert_eq!(err.rule(), "invalid-callback-url");
    /// assert_eq!(err.message(), "invalid CallbackURL `your_callback_url`: not an absolute URL");
    /// assert_eq!(err.span(), 112..129);
    /// ```
    pub fn parse(s: &str) -> Result<Self, Error> {
        Self::parse_with(s, Syntax::Ado)
    }

    /// [`parse`](Self::parse) in the given syntax.
    fn parse_with(s: &str, syntax: Syntax) -> Result<Self, Error> {
        let options = Options {
            syntax,
            rules: RuleSet::ZoomProfile,
            collect: Collect::Errors,
            secret_spans: false,
        };
        Self::from_analysis(s, analyze(s, &options))
    }

    fn from_analysis(s: &str, analysis: Analysis<'_>) -> Result<Self, Error> {
        if analysis.report.has_errors() || !analysis.syntax_ok {
            return Err(Error::from_report(s, analysis.report));
        }
        // A config without errors has a valid AuthScheme.
        let auth_scheme = analysis.auth_scheme.unwrap_or(AuthScheme::OAuth);
        let initiate_oauth = analysis.initiate_oauth;
        let mut profile_settings = None;
        let mut other = None;
        let capacity = analysis
            .items
            .iter()
            .map(|i| i.key.len() + i.value.len())
            .sum();
        let mut text = String::with_capacity(capacity);
        let mut push = |t: &str| {
            let start = text.len();
            text.push_str(t);
            start..text.len()
        };
        let mut entries = Vec::with_capacity(analysis.items.len());
        let mut slots = [NONE; PROPERTIES_LEN];
        for item in analysis.items {
            let value = item.value.as_ref();
            if let Some(slot) = item.property.and_then(|p| slots.get_mut(p.id as usize)) {
                // A config has fewer entries than its input has bytes, and inputs over
                // `u16::MAX` entries keep the index of the last that fits.
                *slot = entries.len().min(usize::from(NONE - 1)) as u16;
            }
            let slot = match item.property {
                Some(p) if p.secret => Slot::Secret(Secret::new(item.value.into_owned())),
                // Validation parsed these.
                Some(p) if p.id == PropertyId::AuthScheme => Slot::Static(auth_scheme.as_str()),
                Some(p) if p.id == PropertyId::InitiateOAuth => {
                    Slot::Static(initiate_oauth.as_str())
                }
                Some(p) => {
                    match p.id {
                        PropertyId::ProfileSettings => {
                            profile_settings = ConnectionString::parse(value).ok()
                        }
                        PropertyId::Other => other = ConnectionString::parse(value).ok(),
                        _ => {}
                    }
                    let canonical = p
                        .accepted_values()
                        .iter()
                        .find(|v| v.eq_ignore_ascii_case(chars::trim(value)));
                    match canonical {
                        Some(v) => Slot::Static(v),
                        None => Slot::Text(push(value)),
                    }
                }
                None => Slot::Text(push(value)),
            };
            let key = push(&item.key);
            entries.push(Entry {
                property: item.property,
                key,
                value: slot,
            });
        }
        Ok(ZoomConnectionConfig {
            text,
            entries,
            slots,
            auth_scheme,
            initiate_oauth,
            callback_url: analysis.callback_url,
            profile_settings,
            other,
        })
    }

    fn entry(&self, id: PropertyId) -> Option<&Entry> {
        let i = *self.slots.get(id as usize)?;
        self.entries.get(usize::from(i))
    }

    /// The text of a non-secret value.
    fn plain(&self, e: &Entry) -> Option<&str> {
        match &e.value {
            Slot::Text(r) => self.text.get(r.clone()),
            Slot::Static(s) => Some(s),
            Slot::Secret(_) => None,
        }
    }

    /// The text of any value, secrets included (for the canonical form).
    fn exposed<'a>(&'a self, e: &'a Entry) -> &'a str {
        match &e.value {
            Slot::Secret(s) => s.expose_secret(),
            _ => self.plain(e).unwrap_or_default(),
        }
    }

    fn name<'a>(&'a self, e: &'a Entry) -> &'a str {
        match e.property {
            Some(p) => p.name,
            None => self.text.get(e.key.clone()).unwrap_or_default(),
        }
    }

    fn text(&self, id: PropertyId) -> Option<&str> {
        self.plain(self.entry(id)?)
    }

    fn secret(&self, id: PropertyId) -> Option<&Secret> {
        match &self.entry(id)?.value {
            Slot::Secret(s) => Some(s),
            _ => None,
        }
    }

    /// `Profile`: the `.apip` profile path or name.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t")?;
    /// assert_eq!(cfg.profile(), "Zoom.apip");
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn profile(&self) -> &str {
        self.text(PropertyId::Profile).unwrap_or_default()
    }

    /// `AuthScheme`.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAUTH;OAuthAccessToken=t")?;
    /// assert_eq!(cfg.auth_scheme(), zoomconn::AuthScheme::OAuth);
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn auth_scheme(&self) -> AuthScheme {
        self.auth_scheme
    }

    /// `InitiateOAuth`; `OFF` when absent, as for the driver.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t")?;
    /// assert_eq!(cfg.initiate_oauth(), zoomconn::InitiateOAuth::Off);
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn initiate_oauth(&self) -> InitiateOAuth {
        self.initiate_oauth
    }

    /// `OAuthClientId`.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;OAuthClientId=abc")?;
    /// assert_eq!(cfg.oauth_client_id(), Some("abc"));
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn oauth_client_id(&self) -> Option<&str> {
        self.text(PropertyId::OAuthClientId)
    }

    /// `OAuthClientSecret`.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;OAuthClientSecret=s")?;
    /// assert_eq!(cfg.oauth_client_secret().map(|s| s.expose_secret()), Some("s"));
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn oauth_client_secret(&self) -> Option<&Secret> {
        self.secret(PropertyId::OAuthClientSecret)
    }

    /// `CallbackURL`, validated: absolute, `http` or `https`, with a host.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;CallbackURL=https://example.com/cb")?;
    /// assert_eq!(cfg.callback_url().unwrap().url().host_str(), Some("example.com"));
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn callback_url(&self) -> Option<CallbackUrl<'_>> {
        let checked = self.callback_url.as_ref()?;
        let text = self.text(PropertyId::CallbackUrl)?;
        Some(CallbackUrl {
            text,
            url: checked.url(text),
        })
    }

    /// `OAuthAccessToken`.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t")?;
    /// assert_eq!(cfg.oauth_access_token().unwrap().expose_secret(), "t");
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn oauth_access_token(&self) -> Option<&Secret> {
        self.secret(PropertyId::OAuthAccessToken)
    }

    /// `OAuthRefreshToken`.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t")?;
    /// assert!(cfg.oauth_refresh_token().is_none());
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn oauth_refresh_token(&self) -> Option<&Secret> {
        self.secret(PropertyId::OAuthRefreshToken)
    }

    /// `OAuthSettingsLocation`: a file path, or `memory://<id>`.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;OAuthSettingsLocation=memory://zoom")?;
    /// assert_eq!(cfg.oauth_settings_location(), Some("memory://zoom"));
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn oauth_settings_location(&self) -> Option<&str> {
        self.text(PropertyId::OAuthSettingsLocation)
    }

    /// `OAuthVerifier`.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t")?;
    /// assert!(cfg.oauth_verifier().is_none());
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn oauth_verifier(&self) -> Option<&Secret> {
        self.secret(PropertyId::OAuthVerifier)
    }

    /// `Scope`: the space-separated Zoom scopes.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;Scope='a:read b:read'")?;
    /// assert_eq!(cfg.scope(), Some("a:read b:read"));
    /// assert_eq!(cfg.scopes().collect::<Vec<_>>(), ["a:read", "b:read"]);
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn scope(&self) -> Option<&str> {
        self.text(PropertyId::Scope)
    }

    /// The scopes of `Scope`, split at white space.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;Scope='a b'")?;
    /// assert_eq!(cfg.scopes().count(), 2);
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn scopes(&self) -> impl Iterator<Item = &str> {
        self.scope().unwrap_or_default().split_whitespace()
    }

    /// `Timeout` in seconds (0 = no timeout), if set.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;Timeout=30")?;
    /// assert_eq!(cfg.timeout(), Some(std::time::Duration::from_secs(30)));
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn timeout(&self) -> Option<std::time::Duration> {
        self.text(PropertyId::Timeout)?
            .trim()
            .parse()
            .ok()
            .map(std::time::Duration::from_secs)
    }

    /// `Verbosity`, 1–5, if set.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;Verbosity=3")?;
    /// assert_eq!(cfg.verbosity(), Some(3));
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn verbosity(&self) -> Option<u8> {
        self.text(PropertyId::Verbosity)?.trim().parse().ok()
    }

    /// `OAuthExpiresIn`: the lifetime of the access token, if set.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;OAuthExpiresIn=3599")?;
    /// assert_eq!(cfg.oauth_expires_in(), Some(std::time::Duration::from_secs(3599)));
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn oauth_expires_in(&self) -> Option<std::time::Duration> {
        self.text(PropertyId::OAuthExpiresIn)?
            .trim()
            .parse()
            .ok()
            .map(std::time::Duration::from_secs)
    }

    /// `OAuthTokenTimestamp`: when the access token was obtained (CData writes Unix epoch
    /// milliseconds), if set.
    ///
    /// ```
    /// use std::time::{Duration, UNIX_EPOCH};
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;OAuthTokenTimestamp=1700000000000")?;
    /// assert_eq!(cfg.oauth_token_timestamp(), Some(UNIX_EPOCH + Duration::from_secs(1_700_000_000)));
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn oauth_token_timestamp(&self) -> Option<std::time::SystemTime> {
        let millis: u64 = self
            .text(PropertyId::OAuthTokenTimestamp)?
            .trim()
            .parse()
            .ok()?;
        std::time::UNIX_EPOCH.checked_add(std::time::Duration::from_millis(millis))
    }

    /// `ProfileSettings`, parsed.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;ProfileSettings='Region=EU'")?;
    /// assert_eq!(cfg.profile_settings().unwrap().get("region"), Some("EU"));
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn profile_settings(&self) -> Option<&ConnectionString> {
        self.profile_settings.as_ref()
    }

    /// `Other`, parsed.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;Other=\"A=1;B=2\"")?;
    /// assert_eq!(cfg.other().unwrap().len(), 2);
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn other(&self) -> Option<&ConnectionString> {
        self.other.as_ref()
    }

    /// The value of any non-secret property, by canonical name, alias or the key as written
    /// (case-insensitive). Secret properties give `None`: use [`get_secret`](Self::get_secret).
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;Proxy Server=p;X-Team=ops")?;
    /// assert_eq!(cfg.get("ProxyServer"), Some("p"));
    /// assert_eq!(cfg.get("x-team"), Some("ops"));
    /// assert_eq!(cfg.get("OAuthAccessToken"), None);
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn get(&self, name: &str) -> Option<&str> {
        self.plain(self.find(name)?)
    }

    /// The value of a secret property, by name or alias (case-insensitive).
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;Proxy Password=pw")?;
    /// assert_eq!(cfg.get_secret("proxypassword").unwrap().expose_secret(), "pw");
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn get_secret(&self, name: &str) -> Option<&Secret> {
        match &self.find(name)?.value {
            Slot::Secret(s) => Some(s),
            _ => None,
        }
    }

    fn find(&self, name: &str) -> Option<&Entry> {
        match registry::lookup(name) {
            Some(m) => self.entry(m.property.id),
            None => self
                .entries
                .iter()
                .find(|e| e.property.is_none() && crate::eq_ignore_case(self.name(e), name)),
        }
    }

    /// Number of properties.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t")?;
    /// assert_eq!(cfg.len(), 3);
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Always `false`: a valid config has at least Profile and AuthScheme.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t")?;
    /// assert!(!cfg.is_empty());
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Property names (canonical for known properties, as written for others) in canonical
    /// order.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("OAuthAccessToken=t;AuthScheme=OAuth;Profile=Zoom.apip")?;
    /// assert_eq!(cfg.names().collect::<Vec<_>>(), ["Profile", "AuthScheme", "OAuthAccessToken"]);
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.ordered().map(|e| self.name(e))
    }

    /// Entries in canonical order: the [`CANONICAL_ORDER`] properties, then the rest in order.
    fn ordered(&self) -> impl Iterator<Item = &Entry> {
        let first = CANONICAL_ORDER.iter().filter_map(|&id| self.entry(id));
        let rest = self
            .entries
            .iter()
            .filter(|e| !e.property.is_some_and(|p| CANONICAL_ORDER.contains(&p.id)));
        first.chain(rest)
    }

    /// The canonical connection string with secret values as `***`: safe to log.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t0k")?;
    /// assert_eq!(cfg.redacted(), "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=***;");
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn redacted(&self) -> String {
        secrets::redact(&self.write(), Syntax::Ado)
    }

    /// The canonical form, as `Display` prints it (secrets included).
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("profile=Zoom.apip;authscheme=oauth;OAuthAccessToken=t")?;
    /// assert_eq!(cfg.to_canonical_string(), "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;");
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn to_canonical_string(&self) -> String {
        self.write()
    }

    /// The properties as a [`ConnectionString`] in canonical form.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t")?;
    /// assert_eq!(cfg.to_connection_string().get("authscheme"), Some("OAuth"));
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn to_connection_string(&self) -> ConnectionString {
        // The canonical form of a config always parses (its values came from parsing).
        ConnectionString::parse(&self.write()).unwrap_or_default()
    }

    /// The canonical form, secrets included.
    fn write(&self) -> String {
        let mut out = String::with_capacity(32 * self.entries.len());
        for e in self.ordered() {
            // Names and values of a config came from parsing, so they can be written.
            if writer::push_pair(&mut out, self.name(e), self.exposed(e), Syntax::Ado).is_ok() {
                out.push(';');
            }
        }
        out
    }

    /// Every property in the order of the string it was parsed from: its id when it is known,
    /// its name (canonical, or as written), and its value (`Err` for a secret).
    pub(crate) fn properties(
        &self,
    ) -> impl Iterator<Item = (Option<PropertyId>, &str, Result<&str, &Secret>)> {
        self.entries.iter().map(|e| {
            let value = match &e.value {
                Slot::Secret(s) => Err(s),
                _ => Ok(self.plain(e).unwrap_or_default()),
            };
            (e.property.map(|p| p.id), self.name(e), value)
        })
    }

    /// A [`ConfigBuilder`](crate::ConfigBuilder) holding every property of this config, to
    /// change some and build again; typed setters replace a property whatever spelling it
    /// had, unknown properties stay in order.
    ///
    /// ```
    /// use std::time::Duration;
    /// let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;Timeout=60")?;
    /// let faster = cfg.to_builder().timeout(Duration::from_secs(5)).build()?;
    /// assert_eq!(faster.timeout(), Some(Duration::from_secs(5)));
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn to_builder(&self) -> crate::ConfigBuilder {
        crate::ConfigBuilder::from(self)
    }

    /// Starts a [`ConfigBuilder`](crate::ConfigBuilder).
    ///
    /// ```
    /// let cfg = zoomconn::Config::builder()
    ///     .profile("Zoom.apip")
    ///     .auth_scheme(zoomconn::AuthScheme::OAuth)
    ///     .oauth_access_token("t")
    ///     .build()?;
    /// assert_eq!(cfg.to_string(), "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;");
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn builder() -> crate::ConfigBuilder {
        crate::ConfigBuilder::default()
    }
}

/// The canonical connection string (what [`crate::write_pairs`] writes), **secrets included**.
impl fmt::Display for ZoomConnectionConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.write())
    }
}

/// Properties in canonical order, as [`redacted`](ZoomConnectionConfig::redacted) shows them:
/// secret values as `***`.
impl fmt::Debug for ZoomConnectionConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match ConnectionString::parse(&self.redacted()) {
            Ok(cs) => f.debug_map().entries(cs.iter()).finish(),
            Err(_) => f.write_str("{ *** }"),
        }
    }
}

/// Equal when the effective properties mean the same, whatever their order and spelling:
/// names compared as the driver compares them (aliases folded, case ignored), values as typed
/// where the type is known (enums and booleans ignoring case, numbers by value, the callback
/// URL as a URL) and byte for byte otherwise. [`ConnectionString`]'s equality stays textual.
///
/// ```
/// let a = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;Scope=x;Timeout=060")?;
/// let b = zoomconn::Config::parse("scope=x;Auth Scheme=oauth;Timeout=60;OAuthAccessToken=t;Profile=Zoom.apip")?;
/// assert_eq!(a, b);
/// # Ok::<(), zoomconn::Error>(())
/// ```
impl PartialEq for ZoomConnectionConfig {
    fn eq(&self, other: &Self) -> bool {
        self.entries.len() == other.entries.len() && self.meaning() == other.meaning()
    }
}

/// Hashes what [`PartialEq`] compares, so that equal configs hash equally.
impl std::hash::Hash for ZoomConnectionConfig {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.meaning().hash(state);
    }
}

/// One property as [`ZoomConnectionConfig`]'s equality sees it: an id (or a lowercased name)
/// and a value normalised by its type.
#[derive(PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Meaning<'a> {
    key: (usize, Cow<'a, str>),
    value: Cow<'a, str>,
}

impl ZoomConnectionConfig {
    /// The properties as their meanings, sorted: what equality and hashing compare.
    fn meaning(&self) -> Vec<Meaning<'_>> {
        let mut out: Vec<Meaning<'_>> = self
            .entries
            .iter()
            .map(|e| {
                let text = self.exposed(e);
                let key = match e.property {
                    Some(p) => (p.id as usize, Cow::Borrowed("")),
                    None => (usize::MAX, Cow::Owned(fold_key(self.name(e)))),
                };
                let value = match e.property.map(|p| p.value_type) {
                    Some(ValueType::Enum(_) | ValueType::Bool) => {
                        Cow::Owned(chars::trim(text).to_ascii_lowercase())
                    }
                    Some(ValueType::Int { .. } | ValueType::Port) => {
                        match chars::trim(text).parse::<i64>() {
                            Ok(n) => Cow::Owned(n.to_string()),
                            Err(_) => Cow::Borrowed(text),
                        }
                    }
                    Some(ValueType::Url) => match &self.callback_url {
                        Some(url) => Cow::Owned(url.url(text).as_str().to_owned()),
                        None => Cow::Borrowed(text),
                    },
                    _ => Cow::Borrowed(text),
                };
                Meaning { key, value }
            })
            .collect();
        out.sort();
        out
    }
}

impl Eq for ZoomConnectionConfig {}

impl FromStr for ZoomConnectionConfig {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<&str> for ZoomConnectionConfig {
    type Error = Error;

    fn try_from(s: &str) -> Result<Self, Self::Error> {
        Self::parse(s)
    }
}

impl TryFrom<&ConnectionString> for ZoomConnectionConfig {
    type Error = Error;

    /// Validates the connection string's text (positions refer to [`ConnectionString::as_str`]).
    fn try_from(cs: &ConnectionString) -> Result<Self, Self::Error> {
        Self::parse_with(cs.as_str(), cs.syntax())
    }
}
