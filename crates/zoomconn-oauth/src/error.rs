//! [`Error`]: why a step of the OAuth flow failed. Messages are lowercase, one line, and never
//! hold a secret: no client secret, token, code or verifier, and no response body other than
//! the `reason`/`error` fields an OAuth server sends for people to read.

use std::time::Duration;

use super::flow::Step;

/// Why a step of the OAuth flow failed.
///
/// Every variant is plain data; [`Display`](std::fmt::Display) is a one-line message without a
/// secret. [`is_rejection`](Self::is_rejection) and the fields tell a program what to do next.
///
/// ```
/// use zoomconn_oauth::Tokens;
/// let err = Tokens::from_response(400, br#"{"reason":"Invalid Token!","error":"invalid_request"}"#, std::time::SystemTime::now())
///     .unwrap_err();
/// assert_eq!(err.to_string(), "the token endpoint refused the request (HTTP 400, invalid_request): Invalid Token!");
/// assert!(err.is_rejection());
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The connection string is not a valid Zoom configuration (the first error finding; its
    /// message names the property and never holds a secret).
    #[error("{0}")]
    Config(#[from] zoomconn::Error),
    /// A property the step needs is absent or empty.
    #[error("{step} needs {property}, which is absent or empty")]
    Missing {
        /// The property, by its canonical name.
        property: &'static str,
        /// The step that needs it.
        step: Step,
    },
    /// An authorize or token endpoint URL that cannot be used.
    #[error("invalid {which} URL: {problem}")]
    Endpoint {
        /// `"authorize"` or `"token"`.
        which: &'static str,
        /// What is wrong with it.
        problem: String,
    },
    /// The redirect cannot be received here: CallbackURL is not a plain-http loopback URL.
    #[error(
        "CallbackURL `{url}` cannot be received on this machine: the listener needs an http URL on a loopback host (localhost, 127.0.0.1, [::1])"
    )]
    CallbackNotLoopback {
        /// The CallbackURL as written.
        url: String,
    },
    /// The loopback listener could not bind its address (the port is in use, or privileged).
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// The address, such as `127.0.0.1:33333`.
        addr: String,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// No redirect reached the listener in time.
    #[error("no redirect reached the listener within {0:?}")]
    LoginTimeout(Duration),
    /// No redirect of this login reached the listener in time, and other requests were
    /// ignored: redirects with a wrong or missing `state`, or requests from other machines.
    #[error(
        "no redirect of this login reached the listener within {timeout:?}; {ignored} other {} ignored (a wrong or missing state, or not from this machine)",
        if *ignored == 1 { "request was" } else { "requests were" }
    )]
    RedirectsIgnored {
        /// How long the listener waited.
        timeout: Duration,
        /// How many requests were ignored.
        ignored: usize,
    },
    /// The redirect's `state` is missing or differs from the request's: a stale or forged
    /// redirect.
    #[error("the redirect's state does not match this login: a stale or forged redirect")]
    StateMismatch,
    /// The redirect (or the pasted text) holds no authorization code.
    #[error("the redirect holds no authorization code")]
    NoCode,
    /// The authorization server sent the user back with an `error` instead of a code.
    #[error("the authorization was refused: {error}{}", description.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
    Denied {
        /// The OAuth error code, such as `access_denied`.
        error: String,
        /// The `error_description`, if any.
        description: Option<String>,
    },
    /// The token endpoint could not be reached (DNS, connection, TLS, protocol).
    #[error("cannot reach the token endpoint: {0}")]
    Network(String),
    /// The token endpoint did not answer in time.
    #[error("the token endpoint did not answer within {0:?}")]
    Timeout(Duration),
    /// The token endpoint answered with a redirect, which is never followed (it would carry the
    /// client credentials elsewhere).
    #[error("the token endpoint answered with a redirect (HTTP {status}), which is not followed")]
    Redirect {
        /// The 3xx status.
        status: u16,
    },
    /// The token endpoint's answer is larger than the limit.
    #[error("the token endpoint's answer is larger than {limit} bytes")]
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The token endpoint refused the request: an OAuth error body (Zoom sends
    /// `{"reason":…,"error":…}`), an error status, or a 200 answer that holds an error.
    #[error("{}", rejected_message(*status, code.as_deref(), reason.as_deref()))]
    Rejected {
        /// The HTTP status.
        status: u16,
        /// The OAuth `error` code (`invalid_request`, `invalid_grant`, `invalid_client`, …).
        code: Option<String>,
        /// The human-readable `reason` (Zoom) or `error_description` (RFC 6749).
        reason: Option<String>,
    },
    /// The answer is not a JSON object (an HTML error page, a proxy's answer, …).
    #[error(
        "the token endpoint answered HTTP {status} with {bytes} bytes that are not a JSON object"
    )]
    NotJson {
        /// The HTTP status.
        status: u16,
        /// The length of the body.
        bytes: usize,
    },
    /// A successful answer without a field the flow needs.
    #[error("the token response has no {0}")]
    MissingField(&'static str),
    /// A field of the token response has a value that cannot be used.
    #[error("the token response's {field} is invalid: {problem}")]
    InvalidField {
        /// The JSON field.
        field: &'static str,
        /// What is wrong (never the value of a token).
        problem: String,
    },
    /// No refresh token and no valid access token: an authorization-code login must come first
    /// (`InitiateOAuth=GETANDREFRESH`).
    #[error(
        "no valid OAuthAccessToken and no OAuthRefreshToken: an authorization-code login must come first"
    )]
    LoginRequired,
    /// The persistence hook of a [`TokenSource`](super::TokenSource) failed; the new tokens are
    /// kept in memory and handed to the hook again on the next call.
    #[error("the new tokens could not be saved: {0}")]
    Persist(Box<dyn std::error::Error + Send + Sync>),
    /// The tokens cannot be written into the connection string.
    #[error("the tokens cannot be written into the connection string: {0}")]
    Write(#[from] zoomconn::WriteError),
    /// The operating system gave no random numbers for the PKCE verifier and the state.
    #[error("no random numbers from the operating system: {0}")]
    Random(String),
}

fn rejected_message(status: u16, code: Option<&str>, reason: Option<&str>) -> String {
    let head = match code {
        Some(code) => format!("the token endpoint refused the request (HTTP {status}, {code})"),
        None => format!("the token endpoint refused the request (HTTP {status})"),
    };
    match reason {
        Some(reason) => format!("{head}: {reason}"),
        None => head,
    }
}

impl Error {
    /// `true` when the token endpoint answered and refused ([`Error::Rejected`]): retrying the
    /// same request will not help (a used refresh token, a wrong client secret).
    ///
    /// ```
    /// let err = zoomconn_oauth::Error::Timeout(std::time::Duration::from_secs(30));
    /// assert!(!err.is_rejection());
    /// ```
    pub fn is_rejection(&self) -> bool {
        matches!(self, Error::Rejected { .. })
    }
}

/// Text from a server or a redirect, made safe to show: control characters replaced, at most
/// 200 characters.
pub(crate) fn shown(text: &str) -> String {
    const MAX: usize = 200;
    let mut out: String = text
        .chars()
        .take(MAX)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.chars().nth(MAX).is_some() {
        out.push('…');
    }
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_text_is_one_bounded_line() {
        let table: &[(&str, &str)] = &[
            ("Invalid Token!", "Invalid Token!"),
            ("a\r\nb\tc", "a  b c"),
            ("  padded  ", "padded"),
        ];
        for &(input, expected) in table {
            assert_eq!(shown(input), expected, "{input:?}");
        }
        let long = "x".repeat(300);
        assert_eq!(shown(&long), format!("{}…", "x".repeat(200)));
    }
}
