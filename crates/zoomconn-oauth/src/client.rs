//! [`Client`]: the token endpoint over a blocking HTTPS client.
//!
//! The HTTP client is [`ureq`] 3 on rustls (with the webpki root certificates): blocking, no
//! async runtime, no OpenSSL, a small dependency tree, maintained, and configurable for what a
//! credential request needs — no redirects followed, a global timeout, error statuses read as
//! answers, a bounded body. The `oauth2` crate would add typestate generics over the same
//! requests and still need Zoom's error bodies mapped by hand, so the two requests are written
//! here, plainly.

use std::time::{Duration, SystemTime};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use zoomconn::{Config, Secret};

use super::flow::{self, Step};
use super::response::MAX_RESPONSE;
use super::{AuthorizationRequest, Endpoints, Error, Tokens};
use zoomconn::is_loopback;

/// A client of the token endpoint: the code exchange and the refresh.
///
/// Requests are `POST`s with HTTP Basic client authentication (OAuthClientId and
/// OAuthClientSecret, each form-encoded first as RFC 6749 §2.3.1 says; for Zoom's alphanumeric
/// credentials that is the pair as written) and a form body. Redirects are never followed;
/// every request is bounded by the timeout (30 s unless set) and answers by 64 KiB. Proxies
/// come from the usual environment variables (`HTTPS_PROXY`, `NO_PROXY`), except for a
/// loopback endpoint, which is always reached directly.
///
/// ```
/// use std::time::Duration;
/// use zoomconn::Config;
/// use zoomconn_oauth::{Client, Endpoints, Error};
/// let cfg = Config::parse(
///     "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=REFRESH;OAuthClientId=id;\
///      OAuthClientSecret=s;OAuthRefreshToken=r",
/// )?;
/// // Nothing listens on port 9 here: the refresh fails with a network error, not a panic.
/// let client = Client::new(Endpoints::zoom().with_token_url("http://127.0.0.1:9/oauth/token")?)
///     .with_timeout(Duration::from_secs(5));
/// match client.refresh(&cfg) {
///     Err(Error::Network(_) | Error::Timeout(_)) => {}
///     other => panic!("{other:?}"),
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Client {
    endpoints: Endpoints,
    timeout: Duration,
    agent: ureq::Agent,
}

/// The endpoints and the timeout (the HTTP agent's settings, proxy included, are not shown).
impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("endpoints", &self.endpoints)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl Default for Client {
    /// A client of Zoom's endpoints.
    fn default() -> Self {
        Client::new(Endpoints::zoom())
    }
}

impl Client {
    /// The timeout of a request unless [`with_timeout`](Self::with_timeout) sets another.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

    /// A client of `endpoints`.
    ///
    /// ```
    /// let client = zoomconn_oauth::Client::new(zoomconn_oauth::Endpoints::zoom());
    /// assert_eq!(client.timeout(), zoomconn_oauth::Client::DEFAULT_TIMEOUT);
    /// ```
    pub fn new(endpoints: Endpoints) -> Self {
        let agent = agent(&endpoints, Self::DEFAULT_TIMEOUT);
        Client {
            endpoints,
            timeout: Self::DEFAULT_TIMEOUT,
            agent,
        }
    }

    /// The same client with another bound on each request (connection, sending, answer). A
    /// zero duration is taken as [`DEFAULT_TIMEOUT`](Self::DEFAULT_TIMEOUT): requests are
    /// always bounded.
    ///
    /// ```
    /// use std::time::Duration;
    /// let client = zoomconn_oauth::Client::default().with_timeout(Duration::from_secs(5));
    /// assert_eq!(client.timeout(), Duration::from_secs(5));
    /// ```
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = if timeout.is_zero() {
            Self::DEFAULT_TIMEOUT
        } else {
            timeout
        };
        self.agent = agent(&self.endpoints, self.timeout);
        self
    }

    /// The endpoints.
    ///
    /// ```
    /// assert_eq!(zoomconn_oauth::Client::default().endpoints(), &zoomconn_oauth::Endpoints::zoom());
    /// ```
    pub fn endpoints(&self) -> &Endpoints {
        &self.endpoints
    }

    /// The bound on each request.
    ///
    /// ```
    /// assert_eq!(zoomconn_oauth::Client::default().timeout().as_secs(), 30);
    /// ```
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// A new [`AuthorizationRequest`] at this client's authorization endpoint.
    ///
    /// # Errors
    ///
    /// As [`AuthorizationRequest::new`].
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;OAuthClientId=a;CallbackURL=http://localhost:1")?;
    /// let req = zoomconn_oauth::Client::default().authorization_request(&cfg)?;
    /// assert!(req.url().starts_with("https://zoom.us/oauth/authorize?"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn authorization_request(&self, cfg: &Config) -> Result<AuthorizationRequest, Error> {
        AuthorizationRequest::new(cfg, &self.endpoints)
    }

    /// Exchanges an authorization code for tokens: `grant_type=authorization_code` with
    /// `code`, `redirect_uri` (the request's, CallbackURL as written) and `code_verifier`.
    ///
    /// # Errors
    ///
    /// [`Error::Missing`] before any request when OAuthClientId, OAuthClientSecret or
    /// CallbackURL is absent; otherwise what the request and [`Tokens::from_response`] give
    /// ([`Error::Network`], [`Error::Timeout`], [`Error::Rejected`], …).
    ///
    /// ```
    /// use zoomconn::{Config, Secret};
    /// use zoomconn_oauth::Client;
    /// let cfg = Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;OAuthClientId=a;CallbackURL=http://localhost:1")?;
    /// let client = Client::default();
    /// let req = client.authorization_request(&cfg)?;
    /// let err = client.exchange_code(&cfg, &req, &Secret::new("code")).unwrap_err();
    /// assert_eq!(err.to_string(), "the code exchange needs OAuthClientSecret, which is absent or empty");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn exchange_code(
        &self,
        cfg: &Config,
        request: &AuthorizationRequest,
        code: &Secret,
    ) -> Result<Tokens, Error> {
        flow::check(cfg, Step::ExchangeCode)?;
        let form = [
            ("grant_type", "authorization_code"),
            ("code", code.expose_secret()),
            ("redirect_uri", request.redirect_uri()),
            ("code_verifier", request.verifier().expose_secret()),
        ];
        self.post(cfg, &form, &[code, request.verifier()])
    }

    /// Refreshes the access token with OAuthRefreshToken: `grant_type=refresh_token`.
    ///
    /// Zoom rotates the refresh token: the answer holds a new one, and the one sent no longer
    /// works. Write the result back ([`Tokens::apply_to`]) before anything else — or use a
    /// [`TokenSource`](super::TokenSource), which hands it to a persistence hook first.
    ///
    /// # Errors
    ///
    /// [`Error::Missing`] before any request when OAuthClientId, OAuthClientSecret or
    /// OAuthRefreshToken is absent; otherwise as [`exchange_code`](Self::exchange_code). A
    /// used refresh token gives Zoom's `{"reason":"Invalid Token!","error":"invalid_request"}`
    /// as [`Error::Rejected`].
    ///
    /// ```
    /// use zoomconn::Config;
    /// use zoomconn_oauth::Client;
    /// let cfg = Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=REFRESH;OAuthClientId=a;OAuthClientSecret=s")?;
    /// let err = Client::default().refresh(&cfg).unwrap_err();
    /// assert_eq!(err.to_string(), "the refresh needs OAuthRefreshToken, which is absent or empty");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn refresh(&self, cfg: &Config) -> Result<Tokens, Error> {
        flow::check(cfg, Step::Refresh)?;
        let Some(refresh_token) = cfg.oauth_refresh_token() else {
            return Err(Error::Missing {
                property: "OAuthRefreshToken",
                step: Step::Refresh,
            });
        };
        let form = [
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token.expose_secret()),
        ];
        self.post(cfg, &form, &[refresh_token])
    }

    /// One POST to the token endpoint; `sent` are the secrets of the form, masked should the
    /// answer's reason quote them.
    fn post(&self, cfg: &Config, form: &[(&str, &str)], sent: &[&Secret]) -> Result<Tokens, Error> {
        let client_id = cfg.oauth_client_id().unwrap_or_default();
        let client_secret = cfg
            .oauth_client_secret()
            .map(Secret::expose_secret)
            .unwrap_or_default();
        let pair = zeroize::Zeroizing::new(format!(
            "{}:{}",
            form_encode(client_id).as_str(),
            form_encode(client_secret).as_str()
        ));
        let authorization =
            zeroize::Zeroizing::new(format!("Basic {}", STANDARD.encode(pair.as_bytes())));
        let result = self
            .agent
            .post(self.endpoints.token_url().as_str())
            .header("Authorization", authorization.as_str())
            .header("Accept", "application/json")
            .send_form(form.iter().copied());
        let mut response = match result {
            Ok(r) => r,
            Err(e) => return Err(self.transport_error(e)),
        };
        let status = response.status().as_u16();
        if (300..400).contains(&status) {
            return Err(Error::Redirect { status });
        }
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_RESPONSE as u64)
            .read_to_vec()
            .map_err(|e| self.transport_error(e))?;
        let obtained_at = SystemTime::now();
        // Every form the request carried a secret in: the form's secrets, the client secret
        // as written and form-encoded, the Basic header's value and its base64 alone.
        let encoded_secret = form_encode(client_secret);
        let mut secrets: Vec<&str> = sent.iter().map(|s| s.expose_secret()).collect();
        secrets.extend([
            client_secret,
            encoded_secret.as_str(),
            authorization.as_str(),
            authorization.trim_start_matches("Basic "),
        ]);
        Tokens::read_response(status, &body, obtained_at, &secrets)
    }

    fn transport_error(&self, e: ureq::Error) -> Error {
        match e {
            ureq::Error::Timeout(_) => Error::Timeout(self.timeout),
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
                Error::Timeout(self.timeout)
            }
            ureq::Error::BodyExceedsLimit(_) => Error::TooLarge {
                limit: MAX_RESPONSE,
            },
            ureq::Error::TooManyRedirects | ureq::Error::RedirectFailed => {
                Error::Redirect { status: 300 }
            }
            other => Error::Network(super::error::shown(&other.to_string())),
        }
    }
}

/// `application/x-www-form-urlencoded` of one value (wiped on drop: it may be the secret).
fn form_encode(s: &str) -> zeroize::Zeroizing<String> {
    zeroize::Zeroizing::new(url::form_urlencoded::byte_serialize(s.as_bytes()).collect())
}

fn agent(endpoints: &Endpoints, timeout: Duration) -> ureq::Agent {
    let mut config = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .timeout_global(Some(timeout))
        .user_agent(concat!("zoomconn/", env!("CARGO_PKG_VERSION")));
    if is_loopback(endpoints.token_url()) {
        config = config.proxy(None);
    }
    config.build().into()
}
