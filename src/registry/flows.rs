//! The OAuth flows of the Zoom profile as data (`docs/properties.md`, `missing-required`,
//! `refresh-without-token`): which properties each AuthScheme/InitiateOAuth combination needs.
//! Validation and the OAuth client read these tables; no rule spells them out in code.

use super::enums::{AuthScheme, InitiateOAuth};
use super::properties::PropertyId;

/// One flow: when AuthScheme is `auth_scheme` (and InitiateOAuth is `initiate_oauth`, if
/// given), the properties in `requires` must be set and not empty.
///
/// ```
/// use zoomconn::registry::{FLOWS, PropertyId};
/// use zoomconn::{AuthScheme, InitiateOAuth};
/// let flow = FLOWS.iter().find(|f| f.applies(AuthScheme::OAuth, InitiateOAuth::GetAndRefresh)).unwrap();
/// assert_eq!(flow.requires, [PropertyId::OAuthClientId, PropertyId::OAuthClientSecret, PropertyId::CallbackUrl]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Flow {
    /// The AuthScheme the flow is for.
    pub auth_scheme: AuthScheme,
    /// The InitiateOAuth value the flow is for; `None` for any.
    pub initiate_oauth: Option<InitiateOAuth>,
    /// The properties the flow needs.
    pub requires: &'static [PropertyId],
    /// How to avoid needing them, when there is another way.
    pub help: Option<&'static str>,
}

impl Flow {
    /// Does the flow apply to these values?
    ///
    /// ```
    /// use zoomconn::{AuthScheme, InitiateOAuth};
    /// let flow = &zoomconn::registry::FLOWS[0];
    /// assert!(flow.applies(AuthScheme::OAuth, InitiateOAuth::GetAndRefresh));
    /// assert!(!flow.applies(AuthScheme::OAuth, InitiateOAuth::Off));
    /// ```
    pub fn applies(&self, auth_scheme: AuthScheme, initiate_oauth: InitiateOAuth) -> bool {
        self.auth_scheme == auth_scheme && self.initiate_oauth.is_none_or(|i| i == initiate_oauth)
    }
}

/// Every flow and what it needs.
///
/// ```
/// assert_eq!(zoomconn::registry::FLOWS.len(), 4);
/// ```
pub static FLOWS: &[Flow] = &[
    Flow {
        auth_scheme: AuthScheme::OAuth,
        initiate_oauth: Some(InitiateOAuth::GetAndRefresh),
        requires: &[
            PropertyId::OAuthClientId,
            PropertyId::OAuthClientSecret,
            PropertyId::CallbackUrl,
        ],
        help: None,
    },
    Flow {
        auth_scheme: AuthScheme::OAuth,
        initiate_oauth: Some(InitiateOAuth::Off),
        requires: &[PropertyId::OAuthAccessToken],
        help: Some("set InitiateOAuth=GETANDREFRESH to let the driver obtain it"),
    },
    Flow {
        auth_scheme: AuthScheme::OAuth,
        initiate_oauth: Some(InitiateOAuth::Refresh),
        requires: &[PropertyId::OAuthClientId, PropertyId::OAuthClientSecret],
        help: None,
    },
    Flow {
        auth_scheme: AuthScheme::OAuthClient,
        initiate_oauth: None,
        requires: &[PropertyId::OAuthClientId, PropertyId::OAuthClientSecret],
        help: None,
    },
];

/// A property that needs another: when `when_set` is set, `requires` must be too.
///
/// ```
/// use zoomconn::registry::{DEPENDENCIES, PropertyId};
/// assert_eq!(DEPENDENCIES[0].requires, PropertyId::OAuthSettingsLocation);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Dependency {
    /// The property that needs another.
    pub when_set: PropertyId,
    /// The property it needs.
    pub requires: PropertyId,
    /// What to do.
    pub help: &'static str,
}

/// Every dependency between properties.
pub static DEPENDENCIES: &[Dependency] = &[Dependency {
    when_set: PropertyId::OAuthVerifier,
    requires: PropertyId::OAuthSettingsLocation,
    help: "set OAuthSettingsLocation to where the driver may store the tokens",
}];

/// What `InitiateOAuth=REFRESH` can refresh from: at least one of these should be set.
///
/// ```
/// assert!(zoomconn::registry::REFRESH_SOURCES.contains(&zoomconn::registry::PropertyId::OAuthRefreshToken));
/// ```
pub static REFRESH_SOURCES: &[PropertyId] = &[
    PropertyId::OAuthRefreshToken,
    PropertyId::OAuthSettingsLocation,
    PropertyId::OAuthVerifier,
];
