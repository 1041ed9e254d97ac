//! [`Tokens`] and the token endpoint's answer: a token response, an OAuth error body (Zoom's
//! `{"reason":…,"error":…}` or RFC 6749's `error_description`), a 200 answer that holds an
//! error, or something that is not JSON at all.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{Map, Value};

use zoomconn::Secret;
use zoomconn::registry::PropertyId;

use super::Error;
use super::error::shown;

/// The tokens of one answer of the token endpoint.
///
/// Access and refresh tokens are [`Secret`]s: `Debug` shows `Secret(***)`. `expires_in` is
/// the lifetime the server gave, in seconds; `obtained_at` the time the answer arrived, from
/// which the expiry is counted.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use zoomconn_oauth::Tokens;
/// let at = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
/// let body = br#"{"access_token":"eyJ.a.b","token_type":"bearer","refresh_token":"eyJ.r.s","expires_in":3599,"scope":"meeting:read"}"#;
/// let tokens = Tokens::from_response(200, body, at)?;
/// assert_eq!(tokens.access_token().expose_secret(), "eyJ.a.b");
/// assert_eq!(tokens.refresh_token().map(|t| t.expose_secret()), Some("eyJ.r.s"));
/// assert_eq!(tokens.expires_in(), Some(3599));
/// assert_eq!(tokens.expires_at(), Some(at + Duration::from_secs(3599)));
/// assert_eq!(tokens.scope(), Some("meeting:read"));
/// assert!(!format!("{tokens:?}").contains("eyJ"));
/// # Ok::<(), zoomconn_oauth::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tokens {
    access_token: Secret,
    refresh_token: Option<Secret>,
    expires_in: Option<u64>,
    scope: Option<String>,
    obtained_at: SystemTime,
}

/// A lifetime as it is kept and written: saturated to the range the property registry gives
/// `OAuthExpiresIn` (`0..=i64::MAX` seconds), so that the tokens read back from a written
/// connection string have the lifetime these tokens report.
fn lifetime(seconds: u64) -> u64 {
    super::apply::saturated(PropertyId::OAuthExpiresIn, seconds.into())
}

/// The largest token response read, in bytes.
pub(crate) const MAX_RESPONSE: usize = 64 * 1024;

impl Tokens {
    /// Tokens obtained at `obtained_at`, without refresh token, lifetime or scope (add them with
    /// the `with_…` methods). For tokens that come from elsewhere than
    /// [`from_response`](Self::from_response).
    ///
    /// ```
    /// use zoomconn::Secret;
    /// use zoomconn_oauth::Tokens;
    /// let t = Tokens::new(Secret::new("acc"), std::time::SystemTime::now())
    ///     .with_refresh_token(Secret::new("ref"))
    ///     .with_expires_in(3600)
    ///     .with_scope("user:read");
    /// assert_eq!(t.expires_in(), Some(3600));
    /// ```
    pub fn new(access_token: Secret, obtained_at: SystemTime) -> Self {
        Tokens {
            access_token,
            refresh_token: None,
            expires_in: None,
            scope: None,
            obtained_at,
        }
    }

    /// The same tokens with a refresh token.
    ///
    /// ```
    /// # use zoomconn::Secret;
    /// # use zoomconn_oauth::Tokens;
    /// let t = Tokens::new(Secret::new("a"), std::time::UNIX_EPOCH).with_refresh_token(Secret::new("r"));
    /// assert!(t.refresh_token().is_some());
    /// ```
    pub fn with_refresh_token(mut self, refresh_token: Secret) -> Self {
        self.refresh_token = Some(refresh_token);
        self
    }

    /// The same tokens with a lifetime in seconds.
    ///
    /// ```
    /// # use zoomconn::Secret;
    /// # use zoomconn_oauth::Tokens;
    /// let t = Tokens::new(Secret::new("a"), std::time::UNIX_EPOCH).with_expires_in(60);
    /// assert_eq!(t.expires_at(), Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(60)));
    /// ```
    pub fn with_expires_in(mut self, seconds: u64) -> Self {
        self.expires_in = Some(lifetime(seconds));
        self
    }

    /// The same tokens with a scope.
    ///
    /// ```
    /// # use zoomconn::Secret;
    /// # use zoomconn_oauth::Tokens;
    /// let t = Tokens::new(Secret::new("a"), std::time::UNIX_EPOCH).with_scope("a b");
    /// assert_eq!(t.scope(), Some("a b"));
    /// ```
    pub fn with_scope(mut self, scope: impl Into<String>) -> Self {
        self.scope = Some(scope.into());
        self
    }

    /// Reads an answer of the token endpoint: its HTTP status and body.
    ///
    /// A 2xx answer must be a JSON object with a non-empty `access_token`; `refresh_token`,
    /// `expires_in` (a non-negative integer, or a string of one; saturated to `i64::MAX`, the
    /// largest lifetime a connection string's `OAuthExpiresIn` holds), `scope` and `token_type`
    /// (`bearer`, any case) are read when present. Tokens must be RFC 6750 bearer tokens
    /// (letters, digits, `-._~+/`, then `=` padding), so that they can go into an
    /// `Authorization` header and a connection string as they are.
    ///
    /// # Errors
    ///
    /// * [`Error::Rejected`] for an `error` or `reason` field — in any answer, 200 included —
    ///   and for any status outside 2xx; the message carries the reason and the code;
    /// * [`Error::Redirect`] for a 3xx status;
    /// * [`Error::NotJson`] for a body that is not a JSON object (an HTML error page);
    /// * [`Error::MissingField`] for a 2xx object without `access_token`;
    /// * [`Error::InvalidField`] for a field of the wrong type or a token with characters a
    ///   bearer token cannot have.
    ///
    /// No message holds a token: a reason that quotes a token of the same answer is masked.
    ///
    /// ```
    /// use zoomconn_oauth::Tokens;
    /// let now = std::time::SystemTime::now();
    /// let table: &[(u16, &str, &str)] = &[
    ///     (400, r#"{"reason":"Invalid Token!","error":"invalid_request"}"#,
    ///      "the token endpoint refused the request (HTTP 400, invalid_request): Invalid Token!"),
    ///     (200, r#"{"error":"invalid_grant","error_description":"code expired"}"#,
    ///      "the token endpoint refused the request (HTTP 200, invalid_grant): code expired"),
    ///     (502, "<html>Bad Gateway</html>",
    ///      "the token endpoint answered HTTP 502 with 24 bytes that are not a JSON object"),
    ///     (200, r#"{"token_type":"bearer"}"#, "the token response has no access_token"),
    /// ];
    /// for &(status, body, message) in table {
    ///     assert_eq!(Tokens::from_response(status, body.as_bytes(), now).unwrap_err().to_string(), message);
    /// }
    /// ```
    pub fn from_response(
        status: u16,
        body: &[u8],
        obtained_at: SystemTime,
    ) -> Result<Tokens, Error> {
        Self::read_response(status, body, obtained_at, &[])
    }

    /// [`from_response`](Self::from_response), masking `sent` (the secrets of the request)
    /// as well should the answer quote them.
    pub(crate) fn read_response(
        status: u16,
        body: &[u8],
        obtained_at: SystemTime,
        sent: &[&str],
    ) -> Result<Tokens, Error> {
        if (300..400).contains(&status) {
            return Err(Error::Redirect { status });
        }
        let object = match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(object)) => object,
            _ => {
                return Err(Error::NotJson {
                    status,
                    bytes: body.len(),
                });
            }
        };
        let ok = (200..300).contains(&status);
        let code = text_field(&object, "error");
        let reason =
            text_field(&object, "reason").or_else(|| text_field(&object, "error_description"));
        if !ok || code.is_some() || (reason.is_some() && !object.contains_key("access_token")) {
            // Never echo a secret: the tokens of the same answer, the secrets of the request.
            let mut secrets: Vec<&str> = ["access_token", "refresh_token"]
                .iter()
                .filter_map(|field| text_field(&object, field))
                .collect();
            secrets.extend_from_slice(sent);
            return Err(Error::Rejected {
                status,
                code: code.map(|c| masked(c, &secrets)),
                reason: reason.map(|r| masked(r, &secrets)),
            });
        }
        let access_token = match object.get("access_token") {
            None | Some(Value::Null) => return Err(Error::MissingField("access_token")),
            Some(v) => bearer_token("access_token", v)?,
        };
        let refresh_token = match object.get("refresh_token") {
            None | Some(Value::Null) => None,
            Some(v) => Some(bearer_token("refresh_token", v)?),
        };
        if let Some(t) = object.get("token_type").filter(|v| !v.is_null()) {
            match t.as_str() {
                Some(t) if t.eq_ignore_ascii_case("bearer") => {}
                Some(t) => {
                    return Err(invalid(
                        "token_type",
                        format!("`{}` is not bearer", shown(t)),
                    ));
                }
                None => return Err(invalid("token_type", "not a string".to_owned())),
            }
        }
        let expires_in =
            match object.get("expires_in") {
                None | Some(Value::Null) => None,
                Some(Value::Number(n)) => Some(n.as_u64().ok_or_else(|| {
                    invalid("expires_in", "not a non-negative integer".to_owned())
                })?),
                Some(Value::String(s)) => {
                    Some(s.trim().parse::<u64>().map_err(|_| {
                        invalid("expires_in", "not a non-negative integer".to_owned())
                    })?)
                }
                Some(_) => return Err(invalid("expires_in", "not a number".to_owned())),
            }
            .map(lifetime);
        let scope = match object.get("scope") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => return Err(invalid("scope", "not a string".to_owned())),
        };
        Ok(Tokens {
            access_token,
            refresh_token,
            expires_in,
            scope,
            obtained_at,
        })
    }

    /// The access token.
    ///
    /// ```
    /// # use zoomconn::Secret;
    /// # use zoomconn_oauth::Tokens;
    /// let t = Tokens::new(Secret::new("a"), std::time::UNIX_EPOCH);
    /// assert_eq!(t.access_token().expose_secret(), "a");
    /// ```
    pub fn access_token(&self) -> &Secret {
        &self.access_token
    }

    /// The refresh token, if the server sent one. Zoom sends a new one with every answer, and
    /// only the newest works: keep it.
    ///
    /// ```
    /// # use zoomconn::Secret;
    /// # use zoomconn_oauth::Tokens;
    /// assert!(Tokens::new(Secret::new("a"), std::time::UNIX_EPOCH).refresh_token().is_none());
    /// ```
    pub fn refresh_token(&self) -> Option<&Secret> {
        self.refresh_token.as_ref()
    }

    /// The access token's lifetime in seconds, if the server gave it.
    ///
    /// ```
    /// # use zoomconn::Secret;
    /// # use zoomconn_oauth::Tokens;
    /// assert_eq!(Tokens::new(Secret::new("a"), std::time::UNIX_EPOCH).expires_in(), None);
    /// ```
    pub fn expires_in(&self) -> Option<u64> {
        self.expires_in
    }

    /// The scope the server granted, if it said.
    ///
    /// ```
    /// # use zoomconn::Secret;
    /// # use zoomconn_oauth::Tokens;
    /// assert_eq!(Tokens::new(Secret::new("a"), std::time::UNIX_EPOCH).scope(), None);
    /// ```
    pub fn scope(&self) -> Option<&str> {
        self.scope.as_deref()
    }

    /// When the answer arrived.
    ///
    /// ```
    /// # use zoomconn::Secret;
    /// # use zoomconn_oauth::Tokens;
    /// let t = Tokens::new(Secret::new("a"), std::time::UNIX_EPOCH);
    /// assert_eq!(t.obtained_at(), std::time::UNIX_EPOCH);
    /// ```
    pub fn obtained_at(&self) -> SystemTime {
        self.obtained_at
    }

    /// `obtained_at` in Unix epoch milliseconds, as CData writes `OAuthTokenTimestamp` (0 for
    /// a time before 1970).
    ///
    /// ```
    /// # use zoomconn::Secret;
    /// # use zoomconn_oauth::Tokens;
    /// use std::time::{Duration, UNIX_EPOCH};
    /// let t = Tokens::new(Secret::new("a"), UNIX_EPOCH + Duration::from_millis(1_700_000_000_123));
    /// assert_eq!(t.timestamp_millis(), 1_700_000_000_123);
    /// ```
    pub fn timestamp_millis(&self) -> u128 {
        self.obtained_at
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis())
    }

    /// When the access token expires: `obtained_at + expires_in`, if the lifetime is known.
    ///
    /// ```
    /// # use zoomconn::Secret;
    /// # use zoomconn_oauth::Tokens;
    /// assert_eq!(Tokens::new(Secret::new("a"), std::time::UNIX_EPOCH).expires_at(), None);
    /// ```
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.obtained_at
            .checked_add(Duration::from_secs(self.expires_in?))
    }
}

/// `text` made safe to show ([`shown`]) with every secret masked as [`mask`](super::mask::mask)
/// does — any run of 6 chars or more of a secret, in any case, across line breaks, and
/// secrets of 4 or 5 bytes whole — before the text is shortened, so that no part of a secret
/// survives a cut, and again after, until none is left (each mask shortens the text, so this
/// ends).
pub(crate) fn masked(text: &str, secrets: &[&str]) -> String {
    let mask_all = |text: String| {
        let mut text = text;
        loop {
            let next = super::mask::mask(&text, secrets);
            if next == text {
                return text;
            }
            text = next;
        }
    };
    mask_all(shown(&mask_all(text.to_owned())))
}

fn invalid(field: &'static str, problem: String) -> Error {
    Error::InvalidField { field, problem }
}

/// A string field, if present and non-empty.
fn text_field<'a>(object: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    object
        .get(name)
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
}

/// A token field: a non-empty string in RFC 6750's `b64token` syntax.
fn bearer_token(field: &'static str, value: &Value) -> Result<Secret, Error> {
    let Some(text) = value.as_str() else {
        return Err(invalid(field, "not a string".to_owned()));
    };
    if text.is_empty() {
        return Err(invalid(field, "empty".to_owned()));
    }
    if !is_b64token(text) {
        return Err(invalid(
            field,
            "characters a bearer token cannot have (RFC 6750)".to_owned(),
        ));
    }
    Ok(Secret::new(text))
}

/// RFC 6750 §2.1: `1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`.
fn is_b64token(s: &str) -> bool {
    let body = s.trim_end_matches('=');
    !body.is_empty()
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~+/".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Access token, refresh token, lifetime, scope.
    type Fields<'a> = (&'a str, Option<&'a str>, Option<u64>, Option<&'a str>);

    fn parse(status: u16, body: &str) -> Result<Tokens, String> {
        Tokens::from_response(status, body.as_bytes(), UNIX_EPOCH).map_err(|e| e.to_string())
    }

    #[test]
    fn answers_and_their_errors() {
        #[rustfmt::skip]
        let table: &[(u16, &str, Result<Fields<'_>, &str>)] = &[
            (200, r#"{"access_token":"a.b.c","token_type":"bearer","refresh_token":"r.s.t","expires_in":3599,"scope":"s:r"}"#,
                Ok(("a.b.c", Some("r.s.t"), Some(3599), Some("s:r")))),
            (200, r#"{"access_token":"a"}"#, Ok(("a", None, None, None))),
            // A lifetime past what `OAuthExpiresIn` holds is saturated to `i64::MAX`.
            (200, r#"{"access_token":"a","expires_in":18446744073709551615}"#, Ok(("a", None, Some(i64::MAX as u64), None))),
            (200, r#"{"access_token":"a","expires_in":"9223372036854775808"}"#, Ok(("a", None, Some(i64::MAX as u64), None))),
            (201, r#"{"access_token":"a","expires_in":"60","token_type":"Bearer","refresh_token":null}"#, Ok(("a", None, Some(60), None))),
            (200, r#"{"access_token":"YWJj+/~_-.=="}"#, Ok(("YWJj+/~_-.==", None, None, None))),
            (200, r#"{"access_token":"a","reason":"ignored next to a token"}"#, Ok(("a", None, None, None))),
            // Zoom's error bodies, with and without an error status.
            (400, r#"{"reason":"Invalid Token!","error":"invalid_request"}"#,
                Err("the token endpoint refused the request (HTTP 400, invalid_request): Invalid Token!")),
            (401, r#"{"reason":"Invalid client_id or client_secret","error":"invalid_client"}"#,
                Err("the token endpoint refused the request (HTTP 401, invalid_client): Invalid client_id or client_secret")),
            (200, r#"{"reason":"Invalid authorization code","error":"invalid_request"}"#,
                Err("the token endpoint refused the request (HTTP 200, invalid_request): Invalid authorization code")),
            (200, r#"{"access_token":"a","error":"invalid_grant"}"#,
                Err("the token endpoint refused the request (HTTP 200, invalid_grant)")),
            (200, r#"{"reason":"no code"}"#, Err("the token endpoint refused the request (HTTP 200): no code")),
            (500, r#"{}"#, Err("the token endpoint refused the request (HTTP 500)")),
            (400, r#"{"error":"x","reason":"line1\nline2"}"#, Err("the token endpoint refused the request (HTTP 400, x): line1 line2")),
            // A reason that quotes a token of the same answer is masked.
            (400, r#"{"error":"x","reason":"bad token abcdef","refresh_token":"abcdef"}"#,
                Err("the token endpoint refused the request (HTTP 400, x): bad token ***")),
            // Not JSON, or not an object.
            (200, "", Err("the token endpoint answered HTTP 200 with 0 bytes that are not a JSON object")),
            (200, "<html>ok</html>", Err("the token endpoint answered HTTP 200 with 15 bytes that are not a JSON object")),
            (503, "[1,2]", Err("the token endpoint answered HTTP 503 with 5 bytes that are not a JSON object")),
            (200, r#""access_token""#, Err("the token endpoint answered HTTP 200 with 14 bytes that are not a JSON object")),
            (302, r#"{"access_token":"a"}"#, Err("the token endpoint answered with a redirect (HTTP 302), which is not followed")),
            // 200 without what the flow needs, or with values it cannot use.
            (200, r#"{"token_type":"bearer"}"#, Err("the token response has no access_token")),
            (200, r#"{"access_token":null}"#, Err("the token response has no access_token")),
            (200, r#"{"access_token":""}"#, Err("the token response's access_token is invalid: empty")),
            (200, r#"{"access_token":42}"#, Err("the token response's access_token is invalid: not a string")),
            (200, r#"{"access_token":"a b"}"#, Err("the token response's access_token is invalid: characters a bearer token cannot have (RFC 6750)")),
            (200, r#"{"access_token":"a\r\nX-Evil: 1"}"#, Err("the token response's access_token is invalid: characters a bearer token cannot have (RFC 6750)")),
            (200, r#"{"access_token":"a;b"}"#, Err("the token response's access_token is invalid: characters a bearer token cannot have (RFC 6750)")),
            (200, r#"{"access_token":"=="}"#, Err("the token response's access_token is invalid: characters a bearer token cannot have (RFC 6750)")),
            (200, r#"{"access_token":"a","refresh_token":"r'"}"#, Err("the token response's refresh_token is invalid: characters a bearer token cannot have (RFC 6750)")),
            (200, r#"{"access_token":"a","token_type":"mac"}"#, Err("the token response's token_type is invalid: `mac` is not bearer")),
            (200, r#"{"access_token":"a","expires_in":-1}"#, Err("the token response's expires_in is invalid: not a non-negative integer")),
            (200, r#"{"access_token":"a","expires_in":1.5}"#, Err("the token response's expires_in is invalid: not a non-negative integer")),
            (200, r#"{"access_token":"a","expires_in":"soon"}"#, Err("the token response's expires_in is invalid: not a non-negative integer")),
            (200, r#"{"access_token":"a","expires_in":[]}"#, Err("the token response's expires_in is invalid: not a number")),
            (200, r#"{"access_token":"a","scope":7}"#, Err("the token response's scope is invalid: not a string")),
        ];
        for &(status, body, expected) in table {
            let got = parse(status, body);
            let got = got.as_ref().map(|t| {
                (
                    t.access_token().expose_secret(),
                    t.refresh_token().map(|r| r.expose_secret()),
                    t.expires_in(),
                    t.scope(),
                )
            });
            assert_eq!(got.map_err(String::as_str), expected, "{status} {body}");
        }
    }

    #[test]
    fn masking_leaves_no_secret_and_no_part_of_one() {
        let long = format!("{}SECRETTOKEN", "x".repeat(195));
        let table: &[(&str, &[&str], &str)] = &[
            ("bad abcd here", &["abcd"], "bad *** here"),
            ("abc", &["abc"], "abc"),      // too short to be told from words
            ("aa****", &["a***"], "****"), // a replacement that rebuilds the secret is masked again
            ("x\nSECRET y", &["SECRET"], "x *** y"),
            (&long, &["SECRETTOKEN"], &format!("{}***", "x".repeat(195))),
        ];
        for &(text, secrets, expected) in table {
            assert_eq!(masked(text, secrets), expected, "{text:?}");
        }
    }

    #[test]
    fn expiry_saturates_instead_of_overflowing() {
        let t = Tokens::new(Secret::new("a"), UNIX_EPOCH).with_expires_in(u64::MAX);
        // Either a time or None, never a panic.
        let _ = t.expires_at();
        let before_1970 = Tokens::new(Secret::new("a"), UNIX_EPOCH - Duration::from_secs(5));
        assert_eq!(before_1970.timestamp_millis(), 0);
    }
}
