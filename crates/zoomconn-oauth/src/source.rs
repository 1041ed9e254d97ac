//! [`TokenSource`]: a valid access token whenever asked, as `InitiateOAuth` says, with rotated
//! tokens handed to a persistence hook before they are used.

use std::fmt;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use zoomconn::{Config, ConnectionString, InitiateOAuth, Secret};

use super::flow::{self, Step};
use super::{Client, Error, Tokens, expires_at};

/// The persistence hook: receives the updated connection string and the new tokens.
type Hook = Box<
    dyn FnMut(&ConnectionString, &Tokens) -> Result<(), Box<dyn std::error::Error + Send + Sync>>
        + Send,
>;

/// A valid access token whenever asked, following the connection string's `InitiateOAuth`:
///
/// * `OFF` (or absent): the configured OAuthAccessToken, never refreshed;
/// * `REFRESH` and `GETANDREFRESH`: the configured token while it is valid; once
///   `OAuthTokenTimestamp + OAuthExpiresIn` has passed — or is unknown — a refresh with
///   OAuthRefreshToken. The rotated tokens are written into the connection string
///   ([`Tokens::apply_to`]) and handed to the persistence hook **before** the new access token
///   is returned: Zoom accepts only the newest refresh token, so a program that kept it only in
///   memory would lock itself out at its next start.
///
/// A token is refreshed a little before it expires: 60 seconds unless
/// [`refresh_margin`](Self::refresh_margin) says otherwise. If the hook fails, the call returns
/// [`Error::Persist`]; the new tokens stay in the source, and the next call hands them to the
/// hook again before it returns anything.
///
/// Obtaining the first tokens takes a browser login ([`AuthorizationRequest`](super::AuthorizationRequest)
/// and [`Client::exchange_code`]); without a refresh token, an expired token gives
/// [`Error::LoginRequired`] (`GETANDREFRESH`) or [`Error::Missing`] (`REFRESH`).
///
/// ```
/// use zoomconn::ConnectionString;
/// use zoomconn_oauth::{Client, TokenSource, Tokens};
/// let cs = ConnectionString::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t0k")?;
/// let mut source = TokenSource::new(cs, Client::default())?
///     .on_refresh(|cs: &ConnectionString, _: &Tokens| std::fs::write("zoom.conn", cs.to_string()));
/// // InitiateOAuth is OFF: the configured token, no request.
/// assert_eq!(source.access_token()?.expose_secret(), "t0k");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct TokenSource {
    client: Client,
    cs: ConnectionString,
    margin: Duration,
    /// In a mutex only so that the source is `Sync`; it is reached through `&mut self`.
    hook: Mutex<Option<Hook>>,
    /// Tokens obtained but not yet accepted by the hook.
    unsaved: Option<Tokens>,
}

impl TokenSource {
    /// The margin before the expiry at which a token is refreshed unless set.
    pub const DEFAULT_MARGIN: Duration = Duration::from_secs(60);

    /// A source over a connection string, which must be a valid Zoom configuration.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] with the first error finding when it is not.
    ///
    /// ```
    /// use zoomconn::ConnectionString;
    /// use zoomconn_oauth::{Client, TokenSource};
    /// let cs = ConnectionString::parse("Profile=Zoom.apip;AuthScheme=OAuth")?;
    /// let err = TokenSource::new(cs, Client::default()).unwrap_err();
    /// assert!(err.to_string().starts_with("1:1: missing-required: missing OAuthAccessToken"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(cs: ConnectionString, client: Client) -> Result<Self, Error> {
        Config::try_from(&cs)?;
        Ok(TokenSource {
            client,
            cs,
            margin: Self::DEFAULT_MARGIN,
            hook: Mutex::new(None),
            unsaved: None,
        })
    }

    /// The same source with a persistence hook, called with the updated connection string and
    /// the new tokens after every refresh, before the new access token is returned.
    ///
    /// ```
    /// use std::sync::mpsc;
    /// use zoomconn::ConnectionString;
    /// use zoomconn_oauth::{Client, TokenSource, Tokens};
    /// let (tx, _rx) = mpsc::channel::<String>();
    /// let cs = ConnectionString::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t")?;
    /// let source = TokenSource::new(cs, Client::default())?
    ///     .on_refresh(move |cs: &ConnectionString, _: &Tokens| tx.send(cs.to_string()));
    /// assert!(format!("{source:?}").contains("hook: true"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn on_refresh<F, E>(mut self, mut hook: F) -> Self
    where
        F: FnMut(&ConnectionString, &Tokens) -> Result<(), E> + Send + 'static,
        E: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        let hook: Hook = Box::new(move |cs, tokens| hook(cs, tokens).map_err(Into::into));
        self.hook = Mutex::new(Some(hook));
        self
    }

    /// The same source, refreshing `margin` before the expiry (zero: at the expiry).
    ///
    /// ```
    /// use std::time::Duration;
    /// # let cs = zoomconn::ConnectionString::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t")?;
    /// let source = zoomconn_oauth::TokenSource::new(cs, Default::default())?.refresh_margin(Duration::ZERO);
    /// assert!(!source.needs_refresh()); // InitiateOAuth=OFF never refreshes
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn refresh_margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self
    }

    /// The connection string, with the tokens of every refresh so far.
    ///
    /// ```
    /// # let cs = zoomconn::ConnectionString::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t")?;
    /// let source = zoomconn_oauth::TokenSource::new(cs.clone(), Default::default())?;
    /// assert_eq!(source.connection_string(), &cs);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn connection_string(&self) -> &ConnectionString {
        &self.cs
    }

    /// The connection string, with the tokens of every refresh so far.
    ///
    /// ```
    /// # let cs = zoomconn::ConnectionString::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t")?;
    /// let source = zoomconn_oauth::TokenSource::new(cs.clone(), Default::default())?;
    /// assert_eq!(source.into_connection_string(), cs);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn into_connection_string(self) -> ConnectionString {
        self.cs
    }

    /// Would [`access_token`](Self::access_token) refresh now? Always `false` for
    /// `InitiateOAuth=OFF`; otherwise `true` when there is no access token, the expiry is
    /// unknown, or it is less than the margin away.
    ///
    /// ```
    /// use zoomconn::ConnectionString;
    /// use zoomconn_oauth::TokenSource;
    /// let cs = ConnectionString::parse(
    ///     "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=REFRESH;OAuthClientId=i;OAuthClientSecret=s;\
    ///      OAuthAccessToken=t;OAuthRefreshToken=r;OAuthTokenTimestamp=1700000000000;OAuthExpiresIn=3599",
    /// )?;
    /// assert!(TokenSource::new(cs, Default::default())?.needs_refresh()); // 2023 is long past
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn needs_refresh(&self) -> bool {
        Config::try_from(&self.cs)
            .is_ok_and(|cfg| needs_refresh_at(&cfg, SystemTime::now(), self.margin))
    }

    /// A valid access token: the configured one, or a refreshed one (see the type's docs).
    ///
    /// # Errors
    ///
    /// [`Error::Persist`] when the hook fails (the tokens are kept and offered again);
    /// [`Error::Missing`] when `OFF` has no OAuthAccessToken, or a refresh lacks a property;
    /// [`Error::LoginRequired`]; and every error of [`Client::refresh`].
    ///
    /// ```
    /// use zoomconn::ConnectionString;
    /// use zoomconn_oauth::{Error, TokenSource};
    /// let cs = ConnectionString::parse(
    ///     "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=i;\
    ///      OAuthClientSecret=s;CallbackURL=http://localhost:33333",
    /// )?;
    /// let err = TokenSource::new(cs, Default::default())?.access_token().unwrap_err();
    /// assert!(matches!(err, Error::LoginRequired));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn access_token(&mut self) -> Result<Secret, Error> {
        self.persist()?;
        let cfg = Config::try_from(&self.cs)?;
        if cfg.initiate_oauth() == InitiateOAuth::Off {
            flow::check(&cfg, Step::StoredToken)?;
        } else if needs_refresh_at(&cfg, SystemTime::now(), self.margin) {
            return self.refresh_with(&cfg);
        }
        match cfg.oauth_access_token() {
            Some(token) if !token.is_empty() => Ok(token.clone()),
            _ => Err(Error::Missing {
                property: "OAuthAccessToken",
                step: Step::StoredToken,
            }),
        }
    }

    /// Refreshes now, whatever the expiry, and returns the new access token (after the hook
    /// accepted the new tokens).
    ///
    /// # Errors
    ///
    /// As [`access_token`](Self::access_token).
    ///
    /// ```
    /// use zoomconn::ConnectionString;
    /// use zoomconn_oauth::TokenSource;
    /// let cs = ConnectionString::parse(
    ///     "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=REFRESH;OAuthClientId=i;OAuthClientSecret=s",
    /// )?;
    /// let err = TokenSource::new(cs, Default::default())?.refresh().unwrap_err();
    /// assert_eq!(err.to_string(), "the refresh needs OAuthRefreshToken, which is absent or empty");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn refresh(&mut self) -> Result<Secret, Error> {
        self.persist()?;
        let cfg = Config::try_from(&self.cs)?;
        self.refresh_with(&cfg)
    }

    fn refresh_with(&mut self, cfg: &Config) -> Result<Secret, Error> {
        let has_refresh_token = cfg.oauth_refresh_token().is_some_and(|t| !t.is_empty());
        if !has_refresh_token && cfg.initiate_oauth() == InitiateOAuth::GetAndRefresh {
            return Err(Error::LoginRequired);
        }
        let tokens = self.client.refresh(cfg)?;
        tokens.apply_to(&mut self.cs)?;
        let access = tokens.access_token().clone();
        self.unsaved = Some(tokens);
        self.persist()?;
        Ok(access)
    }

    /// Hands unsaved tokens to the hook; keeps them if it fails.
    fn persist(&mut self) -> Result<(), Error> {
        let Some(tokens) = &self.unsaved else {
            return Ok(());
        };
        let hook = self
            .hook
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(hook) = hook {
            hook(&self.cs, tokens).map_err(Error::Persist)?;
        }
        self.unsaved = None;
        Ok(())
    }
}

/// Does a non-OFF config need a refresh at `now`?
fn needs_refresh_at(cfg: &Config, now: SystemTime, margin: Duration) -> bool {
    if cfg.initiate_oauth() == InitiateOAuth::Off {
        return false;
    }
    if cfg.oauth_access_token().is_none_or(Secret::is_empty) {
        return true;
    }
    match expires_at(cfg) {
        None => true,
        Some(at) => now.checked_add(margin).is_none_or(|soon| soon >= at),
    }
}

/// Shows the connection string redacted, and whether a hook is set.
impl fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hook = self.hook.lock().map(|h| h.is_some()).unwrap_or(true);
        f.debug_struct("TokenSource")
            .field("client", &self.client)
            .field("connection_string", &self.cs)
            .field("margin", &self.margin)
            .field("hook", &hook)
            .field("unsaved", &self.unsaved.is_some())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    #[test]
    fn when_a_refresh_is_due() {
        let base = "Profile=Zoom.apip;AuthScheme=OAuth;OAuthClientId=i;OAuthClientSecret=s;OAuthRefreshToken=r;";
        // Issued at 1,000 s, valid 100 s: expires at 1,100 s.
        let issued = "OAuthAccessToken=t;OAuthTokenTimestamp=1000000;OAuthExpiresIn=100;";
        let at = |s: u64| UNIX_EPOCH + Duration::from_secs(s);
        #[rustfmt::skip]
        let table: &[(&str, &str, u64, u64, bool)] = &[
            // (InitiateOAuth, tokens, now, margin, refresh?)
            ("InitiateOAuth=OFF;", issued, 5000, 0, false),
            ("", issued, 5000, 0, false),
            ("InitiateOAuth=REFRESH;", issued, 1099, 0, false),
            ("InitiateOAuth=REFRESH;", issued, 1100, 0, true),
            ("InitiateOAuth=REFRESH;", issued, 1101, 0, true),
            ("InitiateOAuth=REFRESH;", issued, 1039, 60, false),
            ("InitiateOAuth=REFRESH;", issued, 1040, 60, true),
            ("InitiateOAuth=GETANDREFRESH;CallbackURL=http://localhost:1;", issued, 1099, 0, false),
            ("InitiateOAuth=GETANDREFRESH;CallbackURL=http://localhost:1;", issued, 1100, 0, true),
            // Unknown expiry, or no token: refresh.
            ("InitiateOAuth=REFRESH;", "OAuthAccessToken=t;OAuthExpiresIn=100;", 0, 0, true),
            ("InitiateOAuth=REFRESH;", "OAuthAccessToken=t;OAuthTokenTimestamp=1000000;", 0, 0, true),
            ("InitiateOAuth=REFRESH;", "OAuthTokenTimestamp=1000000;OAuthExpiresIn=100;", 0, 0, true),
            ("InitiateOAuth=REFRESH;", "OAuthAccessToken='';OAuthTokenTimestamp=1000000;OAuthExpiresIn=100;", 0, 0, true),
        ];
        for &(initiate, tokens, now, margin, expected) in table {
            let cfg = Config::parse(&format!("{base}{initiate}{tokens}")).unwrap();
            assert_eq!(
                needs_refresh_at(&cfg, at(now), Duration::from_secs(margin)),
                expected,
                "{initiate} {tokens} now={now} margin={margin}"
            );
        }
    }
}
