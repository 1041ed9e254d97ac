//! [`Endpoints`]: where the authorization and token requests go — Zoom's by default, or a
//! Zoom-compatible gateway's (or a test server's).

use url::Url;

use super::Error;

/// Zoom's authorization endpoint, which the user opens in a browser.
pub const ZOOM_AUTHORIZE_URL: &str = "https://zoom.us/oauth/authorize";

/// Zoom's token endpoint, for the code exchange and the refresh.
pub const ZOOM_TOKEN_URL: &str = "https://zoom.us/oauth/token";

/// The authorization and token endpoints.
///
/// Both must be absolute `https` URLs; plain `http` is accepted only for a loopback host
/// (`localhost`, `127.0.0.0/8`, `[::1]`), where nothing leaves the machine. A user name or
/// password in the URL is refused (it would travel with every request and show in messages).
///
/// ```
/// use zoomconn_oauth::Endpoints;
/// let zoom = Endpoints::zoom();
/// assert_eq!(zoom.token_url().as_str(), "https://zoom.us/oauth/token");
///
/// let local = Endpoints::zoom().with_token_url("http://127.0.0.1:8080/oauth/token")?;
/// assert_eq!(local.token_url().port(), Some(8080));
///
/// let err = Endpoints::zoom().with_token_url("http://gateway.example/oauth/token").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "invalid token URL: http is accepted only for a loopback host; use https for gateway.example"
/// );
/// # Ok::<(), zoomconn_oauth::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    authorize: Url,
    token: Url,
}

impl Default for Endpoints {
    /// Zoom's endpoints.
    fn default() -> Self {
        Self::zoom()
    }
}

impl Endpoints {
    /// Zoom's endpoints: [`ZOOM_AUTHORIZE_URL`] and [`ZOOM_TOKEN_URL`].
    ///
    /// ```
    /// let e = zoomconn_oauth::Endpoints::zoom();
    /// assert_eq!(e.authorize_url().as_str(), zoomconn_oauth::ZOOM_AUTHORIZE_URL);
    /// ```
    pub fn zoom() -> Self {
        // Constants, not input: both are valid https URLs (a unit test parses them).
        Endpoints {
            authorize: Url::parse(ZOOM_AUTHORIZE_URL).expect("a valid constant URL"),
            token: Url::parse(ZOOM_TOKEN_URL).expect("a valid constant URL"),
        }
    }

    /// Both endpoints from text.
    ///
    /// # Errors
    ///
    /// [`Error::Endpoint`] when a URL does not parse, is not `http`/`https`, has no host, holds
    /// a user name or password, or uses `http` with a host that is not loopback.
    ///
    /// ```
    /// let e = zoomconn_oauth::Endpoints::new("http://localhost:9/authorize", "http://localhost:9/token")?;
    /// assert_eq!(e.authorize_url().path(), "/authorize");
    /// assert!(zoomconn_oauth::Endpoints::new("zoom.us/oauth/authorize", "https://zoom.us/oauth/token").is_err());
    /// # Ok::<(), zoomconn_oauth::Error>(())
    /// ```
    pub fn new(authorize: &str, token: &str) -> Result<Self, Error> {
        Ok(Endpoints {
            authorize: checked("authorize", authorize)?,
            token: checked("token", token)?,
        })
    }

    /// The same endpoints with another authorization endpoint.
    ///
    /// # Errors
    ///
    /// As [`new`](Self::new).
    ///
    /// ```
    /// let e = zoomconn_oauth::Endpoints::zoom().with_authorize_url("https://gw.example/authorize")?;
    /// assert_eq!(e.authorize_url().host_str(), Some("gw.example"));
    /// # Ok::<(), zoomconn_oauth::Error>(())
    /// ```
    pub fn with_authorize_url(mut self, url: &str) -> Result<Self, Error> {
        self.authorize = checked("authorize", url)?;
        Ok(self)
    }

    /// The same endpoints with another token endpoint.
    ///
    /// # Errors
    ///
    /// As [`new`](Self::new).
    ///
    /// ```
    /// let e = zoomconn_oauth::Endpoints::zoom().with_token_url("https://gw.example/token")?;
    /// assert_eq!(e.token_url().path(), "/token");
    /// # Ok::<(), zoomconn_oauth::Error>(())
    /// ```
    pub fn with_token_url(mut self, url: &str) -> Result<Self, Error> {
        self.token = checked("token", url)?;
        Ok(self)
    }

    /// The authorization endpoint.
    ///
    /// ```
    /// assert_eq!(zoomconn_oauth::Endpoints::zoom().authorize_url().path(), "/oauth/authorize");
    /// ```
    pub fn authorize_url(&self) -> &Url {
        &self.authorize
    }

    /// The token endpoint.
    ///
    /// ```
    /// assert_eq!(zoomconn_oauth::Endpoints::zoom().token_url().path(), "/oauth/token");
    /// ```
    pub fn token_url(&self) -> &Url {
        &self.token
    }
}

fn checked(which: &'static str, text: &str) -> Result<Url, Error> {
    let problem = |problem: String| Error::Endpoint { which, problem };
    let url = Url::parse(text.trim()).map_err(|e| problem(e.to_string()))?;
    if url.scheme() != "https" && url.scheme() != "http" {
        return Err(problem(format!(
            "the scheme `{}` is not https",
            super::error::shown(url.scheme())
        )));
    }
    let Some(host) = url.host_str() else {
        return Err(problem("no host".to_owned()));
    };
    if !url.username().is_empty() || url.password().is_some() {
        return Err(problem(
            "a user name or password in the URL is not accepted".to_owned(),
        ));
    }
    if url.scheme() == "http" && !zoomconn::is_loopback(&url) {
        return Err(problem(format!(
            "http is accepted only for a loopback host; use https for {host}"
        )));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_constants_parse() {
        assert_eq!(
            Url::parse(ZOOM_AUTHORIZE_URL).unwrap().as_str(),
            ZOOM_AUTHORIZE_URL
        );
        assert_eq!(Url::parse(ZOOM_TOKEN_URL).unwrap().as_str(), ZOOM_TOKEN_URL);
        assert_eq!(Endpoints::zoom().token_url().as_str(), ZOOM_TOKEN_URL);
    }

    #[test]
    fn endpoint_checks() {
        let table: &[(&str, Result<&str, &str>)] = &[
            (
                "https://zoom.us/oauth/token",
                Ok("https://zoom.us/oauth/token"),
            ),
            (
                "  https://zoom.us/oauth/token ",
                Ok("https://zoom.us/oauth/token"),
            ),
            ("http://localhost:8080/t", Ok("http://localhost:8080/t")),
            ("http://127.0.0.1:1/t", Ok("http://127.0.0.1:1/t")),
            ("http://[::1]:1/t", Ok("http://[::1]:1/t")),
            (
                "https://gw.example:8443/t?x=1",
                Ok("https://gw.example:8443/t?x=1"),
            ),
            (
                "http://zoom.us/oauth/token",
                Err(
                    "invalid token URL: http is accepted only for a loopback host; use https for zoom.us",
                ),
            ),
            (
                "http://localhost.evil/t",
                Err(
                    "invalid token URL: http is accepted only for a loopback host; use https for localhost.evil",
                ),
            ),
            (
                "zoom.us/oauth/token",
                Err("invalid token URL: relative URL without a base"),
            ),
            (
                "ftp://zoom.us/t",
                Err("invalid token URL: the scheme `ftp` is not https"),
            ),
            (
                "https://user:pw@zoom.us/t",
                Err("invalid token URL: a user name or password in the URL is not accepted"),
            ),
            (
                "https://user@zoom.us/t",
                Err("invalid token URL: a user name or password in the URL is not accepted"),
            ),
            ("", Err("invalid token URL: relative URL without a base")),
        ];
        for &(input, expected) in table {
            let got = checked("token", input)
                .map(|u| u.to_string())
                .map_err(|e| e.to_string());
            assert_eq!(
                got.as_ref().map(String::as_str).map_err(String::as_str),
                expected,
                "{input:?}"
            );
        }
    }
}
