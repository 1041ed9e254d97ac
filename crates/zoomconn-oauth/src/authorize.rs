//! The authorization request: the URL the user opens, with PKCE (RFC 7636, `S256`) and a
//! random `state`; and reading the code back from the redirect.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};
use url::Url;

use zoomconn::{Config, Secret};

use super::error::shown;
use super::flow::{self, Step};
use super::{Endpoints, Error};

/// One authorization request: the URL to open, and what the caller keeps to finish the login
/// (the PKCE verifier, a [`Secret`], and the `state`).
///
/// The URL is the authorization endpoint with `response_type=code`, `client_id`
/// (OAuthClientId), `redirect_uri` (CallbackURL exactly as written), `code_challenge` and
/// `code_challenge_method=S256`, `state`, and `scope` when Scope is set. The verifier is 32
/// random bytes from the operating system (43 characters of base64url), the state 16 (22
/// characters); the challenge is the base64url SHA-256 of the verifier.
///
/// ```
/// use zoomconn::Config;
/// use zoomconn_oauth::{AuthorizationRequest, Endpoints};
/// let cfg = Config::parse(
///     "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=abc;\
///      OAuthClientSecret=s;CallbackURL=http://localhost:33333",
/// )?;
/// let req = AuthorizationRequest::new(&cfg, &Endpoints::zoom())?;
/// assert!(req.url().starts_with(
///     "https://zoom.us/oauth/authorize?response_type=code&client_id=abc&redirect_uri=http%3A%2F%2Flocalhost%3A33333&code_challenge="
/// ));
/// assert!(req.url().ends_with(&format!("&code_challenge_method=S256&state={}", req.state())));
/// assert_eq!(req.verifier().expose_secret().len(), 43);
///
/// // The browser comes back to the CallbackURL with the code and the same state.
/// let redirect = format!("http://localhost:33333/?code=c0de&state={}", req.state());
/// assert_eq!(req.code_from_redirect(&redirect)?.expose_secret(), "c0de");
/// assert!(req.code_from_redirect("http://localhost:33333/?code=c0de&state=forged").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct AuthorizationRequest {
    url: String,
    state: String,
    verifier: Secret,
    challenge: String,
    redirect_uri: String,
}

impl AuthorizationRequest {
    /// A new request for `cfg` at `endpoints`' authorization endpoint, with a fresh verifier
    /// and state.
    ///
    /// # Errors
    ///
    /// [`Error::Missing`] when OAuthClientId or CallbackURL is absent or empty;
    /// [`Error::Random`] when the operating system gives no random numbers.
    ///
    /// ```
    /// use zoomconn::Config;
    /// use zoomconn_oauth::{AuthorizationRequest, Endpoints};
    /// let cfg = Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;OAuthClientId=abc")?;
    /// let err = AuthorizationRequest::new(&cfg, &Endpoints::zoom()).unwrap_err();
    /// assert_eq!(err.to_string(), "the authorization request needs CallbackURL, which is absent or empty");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(cfg: &Config, endpoints: &Endpoints) -> Result<Self, Error> {
        flow::check(cfg, Step::Authorize)?;
        let client_id = cfg.oauth_client_id().unwrap_or_default();
        let redirect_uri = cfg
            .callback_url()
            .map(|u| u.as_str().to_owned())
            .unwrap_or_default();
        let verifier = Secret::new(random_base64url::<32>()?);
        let challenge = pkce_challenge(verifier.expose_secret());
        let state = random_base64url::<16>()?;
        let mut url: Url = endpoints.authorize_url().clone();
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("response_type", "code")
                .append_pair("client_id", client_id)
                .append_pair("redirect_uri", &redirect_uri)
                .append_pair("code_challenge", &challenge)
                .append_pair("code_challenge_method", "S256")
                .append_pair("state", &state);
            if let Some(scope) = cfg.scope().filter(|s| !s.trim().is_empty()) {
                q.append_pair("scope", scope);
            }
        }
        Ok(AuthorizationRequest {
            url: url.into(),
            state,
            verifier,
            challenge,
            redirect_uri,
        })
    }

    /// The URL to open in a browser. It holds no secret: the challenge, not the verifier.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;OAuthClientId=a;CallbackURL=http://localhost:1")?;
    /// let req = zoomconn_oauth::AuthorizationRequest::new(&cfg, &Default::default())?;
    /// assert!(!req.url().contains(req.verifier().expose_secret()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The `state` sent with the request, which the redirect must carry back.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;OAuthClientId=a;CallbackURL=http://localhost:1")?;
    /// let req = zoomconn_oauth::AuthorizationRequest::new(&cfg, &Default::default())?;
    /// assert_eq!(req.state().len(), 22);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn state(&self) -> &str {
        &self.state
    }

    /// The PKCE verifier, sent with the code exchange.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;OAuthClientId=a;CallbackURL=http://localhost:1")?;
    /// let req = zoomconn_oauth::AuthorizationRequest::new(&cfg, &Default::default())?;
    /// assert_eq!(format!("{:?}", req.verifier()), "Secret(***)");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn verifier(&self) -> &Secret {
        &self.verifier
    }

    /// The PKCE challenge in the URL: base64url (no padding) of the verifier's SHA-256.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;OAuthClientId=a;CallbackURL=http://localhost:1")?;
    /// let req = zoomconn_oauth::AuthorizationRequest::new(&cfg, &Default::default())?;
    /// assert_eq!(req.code_challenge().len(), 43);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn code_challenge(&self) -> &str {
        &self.challenge
    }

    /// The `redirect_uri`: CallbackURL exactly as written in the connection string.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;OAuthClientId=a;CallbackURL=HTTP://LocalHost:1")?;
    /// let req = zoomconn_oauth::AuthorizationRequest::new(&cfg, &Default::default())?;
    /// assert_eq!(req.redirect_uri(), "HTTP://LocalHost:1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }

    /// The authorization code from what the browser was redirected to: the whole redirect URL,
    /// its query (`?code=…&state=…` or `code=…&state=…`), or the bare code.
    ///
    /// A URL or query must carry this request's `state`. A bare code (no `=`) cannot be
    /// checked against the state; PKCE still binds it to this request, since only the holder
    /// of the verifier can exchange it.
    ///
    /// # Errors
    ///
    /// [`Error::Denied`] when the redirect carries `error=…` (the user refused, or the app is
    /// misconfigured); [`Error::StateMismatch`] when the state is missing or different;
    /// [`Error::NoCode`] when there is no code.
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;OAuthClientId=a;CallbackURL=http://localhost:1")?;
    /// let req = zoomconn_oauth::AuthorizationRequest::new(&cfg, &Default::default())?;
    /// assert_eq!(req.code_from_redirect("  c0de\n")?.expose_secret(), "c0de");
    /// let err = req.code_from_redirect("http://localhost:1/?error=access_denied").unwrap_err();
    /// assert_eq!(err.to_string(), "the authorization was refused: access_denied");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn code_from_redirect(&self, input: &str) -> Result<Secret, Error> {
        let input = input.trim();
        if input.is_empty() {
            return Err(Error::NoCode);
        }
        if !input.contains('=') {
            return if input.chars().any(|c| c.is_whitespace() || c.is_control()) {
                Err(Error::NoCode)
            } else {
                Ok(Secret::new(input))
            };
        }
        let query = match Url::parse(input) {
            Ok(url) => url.query().unwrap_or_default().to_owned(),
            Err(_) => input.trim_start_matches('?').to_owned(),
        };
        let mut code = None;
        let mut state = None;
        let mut error = None;
        let mut description = None;
        for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
            match k.as_ref() {
                "code" => code = Some(Secret::new(v.into_owned())),
                "state" => state = Some(v.into_owned()),
                "error" => error = Some(v.into_owned()),
                "error_description" => description = Some(v.into_owned()),
                _ => {}
            }
        }
        if let Some(error) = error {
            return Err(Error::Denied {
                error: shown(&error),
                description: description.map(|d| shown(&d)),
            });
        }
        if state.as_deref() != Some(self.state.as_str()) {
            return Err(Error::StateMismatch);
        }
        match code {
            Some(code) if !code.is_empty() => Ok(code),
            _ => Err(Error::NoCode),
        }
    }
}

/// The S256 challenge of a verifier: base64url without padding of its SHA-256.
pub(crate) fn pkce_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// `N` random bytes from the operating system, as base64url without padding.
fn random_base64url<const N: usize>() -> Result<String, Error> {
    let mut bytes = zeroize::Zeroizing::new([0u8; N]);
    getrandom::fill(bytes.as_mut()).map_err(|e| Error::Random(e.to_string()))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s256_matches_rfc_7636_appendix_b() {
        assert_eq!(
            pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn random_values_differ_and_use_the_unreserved_alphabet() {
        let a = random_base64url::<32>().unwrap();
        let b = random_base64url::<32>().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert!(
            a.bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        );
    }

    fn request() -> AuthorizationRequest {
        let cfg = Config::parse(
            "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=abc;\
             OAuthClientSecret=s;CallbackURL=http://localhost:33333/cb;Scope='meeting:read user:read'",
        )
        .unwrap();
        AuthorizationRequest::new(&cfg, &Endpoints::zoom()).unwrap()
    }

    #[test]
    fn the_url_carries_every_parameter_once() {
        let req = request();
        let url = Url::parse(req.url()).unwrap();
        let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        let expected = [
            ("response_type", "code"),
            ("client_id", "abc"),
            ("redirect_uri", "http://localhost:33333/cb"),
            ("code_challenge", req.code_challenge()),
            ("code_challenge_method", "S256"),
            ("state", req.state()),
            ("scope", "meeting:read user:read"),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(pairs, expected);
        assert_eq!(
            req.code_challenge(),
            pkce_challenge(req.verifier().expose_secret())
        );
    }

    #[test]
    fn codes_from_redirects() {
        let req = request();
        let s = req.state().to_owned();
        let table: Vec<(String, Result<&str, &str>)> = vec![
            (format!("http://localhost:33333/cb?code=abc&state={s}"), Ok("abc")),
            (format!("http://localhost:33333/cb?state={s}&code=a%2Bb"), Ok("a+b")),
            (format!("?code=abc&state={s}"), Ok("abc")),
            (format!("code=abc&state={s}\r\n"), Ok("abc")),
            ("  bare-code_123.x \n".to_owned(), Ok("bare-code_123.x")),
            ("http://localhost:33333/cb?code=abc&state=other".to_owned(), Err("the redirect's state does not match this login: a stale or forged redirect")),
            ("http://localhost:33333/cb?code=abc".to_owned(), Err("the redirect's state does not match this login: a stale or forged redirect")),
            (format!("http://localhost:33333/cb?state={s}"), Err("the redirect holds no authorization code")),
            (format!("http://localhost:33333/cb?code=&state={s}"), Err("the redirect holds no authorization code")),
            ("".to_owned(), Err("the redirect holds no authorization code")),
            ("two words".to_owned(), Err("the redirect holds no authorization code")),
            (
                "http://localhost:33333/cb?error=access_denied&error_description=The+user+said+no%0A".to_owned(),
                Err("the authorization was refused: access_denied: The user said no"),
            ),
        ];
        for (input, expected) in table {
            let got = req.code_from_redirect(&input).map_err(|e| e.to_string());
            assert_eq!(
                got.as_ref()
                    .map(|c| c.expose_secret())
                    .map_err(String::as_str),
                expected,
                "{input:?}"
            );
        }
    }
}
