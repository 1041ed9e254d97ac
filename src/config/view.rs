//! The accessors of [`ZoomConnectionConfig`]: each reads its property's text from the map the
//! config holds, through the entry the validation found for it.

use std::sync::OnceLock;

use crate::config::zoom_config::{CANONICAL_ORDER, Entry, ZoomConnectionConfig};
use crate::grammar::chars;
use crate::map::connection_string::ConnectionString;
use crate::registry::{self, AuthScheme, InitiateOAuth, PropertyId};
use crate::secrets::Secret;

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

impl ZoomConnectionConfig {
    pub(super) fn entry(&self, id: PropertyId) -> Option<&Entry> {
        self.slots.find(&self.entries, id)
    }

    /// The value of any entry as written (decoded), secrets included.
    pub(super) fn raw(&self, e: &Entry) -> &str {
        self.map.text_at(e.at.value)
    }

    /// The value of any entry, secrets included, enums in their canonical spelling.
    pub(super) fn exposed(&self, e: &Entry) -> &str {
        let raw = self.raw(e);
        match e.property {
            Some(p) if p.secret => raw,
            Some(p) => match p.id {
                // Validation parsed these.
                PropertyId::AuthScheme => self.auth_scheme.as_str(),
                PropertyId::InitiateOAuth => self.initiate_oauth.as_str(),
                _ => p
                    .accepted_values()
                    .iter()
                    .find(|v| v.eq_ignore_ascii_case(chars::trim(raw)))
                    .copied()
                    .unwrap_or(raw),
            },
            None => raw,
        }
    }

    /// The value of a non-secret entry.
    pub(super) fn plain(&self, e: &Entry) -> Option<&str> {
        match e.property {
            Some(p) if p.secret => None,
            _ => Some(self.exposed(e)),
        }
    }

    /// The name of an entry: canonical for a known property, the key as first written for
    /// another.
    pub(super) fn name(&self, e: &Entry) -> &str {
        match e.property {
            Some(p) => p.name,
            None => self.map.text_at(e.at.key),
        }
    }

    fn text(&self, id: PropertyId) -> Option<&str> {
        self.plain(self.entry(id)?)
    }

    fn secret(&self, id: PropertyId) -> Option<&Secret> {
        self.secret_of(self.entry(id)?)
    }

    /// The [`Secret`] of a secret property's entry: the secret values are copied into wiped-on-drop
    /// buffers the first time one is asked for (the API hands them out by reference).
    fn secret_of(&self, e: &Entry) -> Option<&Secret> {
        if !e.property.is_some_and(|p| p.secret) {
            return None;
        }
        let secret_entries = || {
            self.entries
                .iter()
                .filter(|e| e.property.is_some_and(|p| p.secret))
        };
        let index = secret_entries().position(|s| std::ptr::eq(s, e))?;
        let all = self
            .cache
            .secrets
            .get_or_init(|| secret_entries().map(|s| Secret::new(self.raw(s))).collect());
        all.get(index)
    }

    /// A nested connection string, parsed the first time it is asked for.
    fn nested<'a>(
        &'a self,
        id: PropertyId,
        cell: &'a OnceLock<Option<Box<ConnectionString>>>,
    ) -> Option<&'a ConnectionString> {
        cell.get_or_init(|| ConnectionString::parse(self.text(id)?).ok().map(Box::new))
            .as_deref()
    }
}

impl ZoomConnectionConfig {
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
        self.nested(PropertyId::ProfileSettings, &self.cache.profile_settings)
    }

    /// `Other`, parsed.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;Other=\"A=1;B=2\"")?;
    /// assert_eq!(cfg.other().unwrap().len(), 2);
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn other(&self) -> Option<&ConnectionString> {
        self.nested(PropertyId::Other, &self.cache.other)
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
        self.secret_of(self.find(name)?)
    }

    fn find(&self, name: &str) -> Option<&Entry> {
        match registry::lookup(name) {
            Some(m) => self.entry(m.property.id),
            None => self.entries.iter().find(|e| {
                e.property.is_none() && crate::grammar::casefold::eq_ignore_case(self.name(e), name)
            }),
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
    pub(super) fn ordered(&self) -> impl Iterator<Item = &Entry> {
        let first = CANONICAL_ORDER.iter().filter_map(|&id| self.entry(id));
        let rest = self
            .entries
            .iter()
            .filter(|e| !e.property.is_some_and(|p| CANONICAL_ORDER.contains(&p.id)));
        first.chain(rest)
    }
}
