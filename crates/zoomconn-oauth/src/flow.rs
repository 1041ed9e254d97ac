//! What each step of the OAuth flow needs from the connection string, in one table, checked
//! before any request is made.

use std::fmt;

use zoomconn::Config;
use zoomconn::registry::PropertyId;

use super::Error;

/// A step of the OAuth flow, for [`requirements`] and [`Error::Missing`].
///
/// ```
/// use zoomconn_oauth::Step;
/// assert_eq!(Step::Refresh.to_string(), "the refresh");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Step {
    /// Building the authorization URL the user opens.
    Authorize,
    /// Exchanging the authorization code for tokens.
    ExchangeCode,
    /// Refreshing the access token with the refresh token.
    Refresh,
    /// Using the access token as configured (`InitiateOAuth=OFF`).
    StoredToken,
}

/// Each step with the properties it needs and what it is called in messages.
const TABLE: &[(Step, &str, &[PropertyId])] = &[
    (
        Step::Authorize,
        "the authorization request",
        &[PropertyId::OAuthClientId, PropertyId::CallbackUrl],
    ),
    (
        Step::ExchangeCode,
        "the code exchange",
        &[
            PropertyId::OAuthClientId,
            PropertyId::OAuthClientSecret,
            PropertyId::CallbackUrl,
        ],
    ),
    (
        Step::Refresh,
        "the refresh",
        &[
            PropertyId::OAuthClientId,
            PropertyId::OAuthClientSecret,
            PropertyId::OAuthRefreshToken,
        ],
    ),
    (
        Step::StoredToken,
        "InitiateOAuth=OFF",
        &[PropertyId::OAuthAccessToken],
    ),
];

fn row(step: Step) -> (&'static str, &'static [PropertyId]) {
    TABLE
        .iter()
        .find(|(s, _, _)| *s == step)
        .map_or(("", &[]), |&(_, name, props)| (name, props))
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(row(*self).0)
    }
}

/// The properties a step needs, in the order they are checked.
///
/// ```
/// use zoomconn_oauth::{Step, requirements};
/// use zoomconn::registry::PropertyId;
/// assert_eq!(
///     requirements(Step::Refresh),
///     [PropertyId::OAuthClientId, PropertyId::OAuthClientSecret, PropertyId::OAuthRefreshToken]
/// );
/// ```
pub fn requirements(step: Step) -> &'static [PropertyId] {
    row(step).1
}

/// Checks that `cfg` has every property `step` needs, non-empty.
///
/// # Errors
///
/// [`Error::Missing`] naming the first absent or empty property.
///
/// ```
/// use zoomconn::Config;
/// use zoomconn_oauth::{self as oauth, Step};
/// let cfg = Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=REFRESH;OAuthClientId=id;OAuthClientSecret=s")?;
/// let err = oauth::check(&cfg, Step::Refresh).unwrap_err();
/// assert_eq!(err.to_string(), "the refresh needs OAuthRefreshToken, which is absent or empty");
/// assert!(oauth::check(&cfg, Step::Authorize).is_err()); // no CallbackURL
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check(cfg: &Config, step: Step) -> Result<(), Error> {
    for &id in requirements(step) {
        let property = id.name();
        let present = match id {
            PropertyId::CallbackUrl => cfg.callback_url().is_some_and(|u| !u.as_str().is_empty()),
            _ => match cfg.get_secret(property) {
                Some(secret) => !secret.is_empty(),
                None => cfg.get(property).is_some_and(|v| !v.trim().is_empty()),
            },
        };
        if !present {
            return Err(Error::Missing { property, step });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_has_a_row_and_properties() {
        for step in [
            Step::Authorize,
            Step::ExchangeCode,
            Step::Refresh,
            Step::StoredToken,
        ] {
            assert!(!step.to_string().is_empty(), "{step:?}");
            assert!(!requirements(step).is_empty(), "{step:?}");
        }
    }

    #[test]
    fn missing_properties_are_named_in_order() {
        let base = "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;";
        let table: &[(&str, Step, Option<&str>)] = &[
            ("", Step::Authorize, Some("OAuthClientId")),
            ("OAuthClientId=id", Step::Authorize, Some("CallbackURL")),
            (
                "OAuthClientId=id;CallbackURL=http://localhost:1",
                Step::Authorize,
                None,
            ),
            (
                "OAuthClientId=id;CallbackURL=http://localhost:1",
                Step::ExchangeCode,
                Some("OAuthClientSecret"),
            ),
            (
                "OAuthClientId=id;OAuthClientSecret='';CallbackURL=http://localhost:1",
                Step::ExchangeCode,
                Some("OAuthClientSecret"),
            ),
            (
                "OAuthClientId=' ';OAuthClientSecret=s",
                Step::Refresh,
                Some("OAuthClientId"),
            ),
            (
                "OAuthClientId=id;OAuthClientSecret=s;OAuthRefreshToken=r",
                Step::Refresh,
                None,
            ),
            ("", Step::StoredToken, None),
        ];
        for &(extra, step, missing) in table {
            let cfg = Config::parse(&format!("{base}{extra}")).unwrap();
            match (check(&cfg, step), missing) {
                (Ok(()), None) => {}
                (Err(Error::Missing { property, .. }), Some(m)) => {
                    assert_eq!(property, m, "{extra} {step:?}")
                }
                (other, _) => panic!("{extra} {step:?}: {other:?}"),
            }
        }
    }
}
