//! The enum properties of the Zoom profile: [`AuthScheme`] and [`InitiateOAuth`]. Each enum and
//! the registry's accepted values of its property come from one list (`property_enum!`).

use std::fmt;
use std::str::FromStr;

use super::properties::PropertyId;
use super::suggest::nearest;
use crate::grammar::casefold::eq_ignore_ascii_case;

/// The value of an enum property did not match any accepted spelling. `Display` is one line:
/// the rule id (`invalid-enum`, as validation has it), the value (shortened; enum properties
/// hold no secrets), the accepted values and the suggestion when there is one.
///
/// ```
/// let err = "OAuth2".parse::<zoomconn::AuthScheme>().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "invalid-enum: invalid value `OAuth2` for AuthScheme: expected None or OAuth; did you mean OAuth?"
/// );
/// assert_eq!(err.suggestion(), Some("OAuth"));
/// ```
///
/// Its message is rendered by [`crate::secrets`]: a value that runs into a secret (a missing
/// `;`) is quoted only up to it.
#[derive(Clone, PartialEq, Eq)]
pub struct EnumError {
    property: PropertyId,
    value: String,
    expected: String,
    suggestion: Option<&'static str>,
}

impl EnumError {
    fn new(
        property: PropertyId,
        value: &str,
        expected: String,
        suggestion: Option<&'static str>,
    ) -> Self {
        // Keep messages one line: long values are shortened.
        let mut shown: String = value.chars().take(60).collect();
        if shown.len() < value.len() {
            shown.push('…');
        }
        EnumError {
            property,
            value: shown,
            expected,
            suggestion,
        }
    }

    /// The property whose value it is.
    ///
    /// ```
    /// let err = "x".parse::<zoomconn::InitiateOAuth>().unwrap_err();
    /// assert_eq!(err.property(), zoomconn::registry::PropertyId::InitiateOAuth);
    /// ```
    pub fn property(&self) -> PropertyId {
        self.property
    }

    /// The accepted value nearest to the one given, when it is a likely typo.
    ///
    /// ```
    /// let err = "GETANDREFERSH".parse::<zoomconn::InitiateOAuth>().unwrap_err();
    /// assert_eq!(err.suggestion(), Some("GETANDREFRESH"));
    /// ```
    pub fn suggestion(&self) -> Option<&'static str> {
        self.suggestion
    }

    /// The value as given (shortened), for the message renderer.
    pub(crate) fn value(&self) -> &str {
        &self.value
    }

    /// The accepted values, as a list for a message.
    pub(crate) fn expected(&self) -> &str {
        &self.expected
    }
}

impl std::error::Error for EnumError {}

/// Joins `["a", "b", "c"]` as `a, b or c`.
pub(crate) fn or_list(values: &[&str]) -> String {
    match values {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

macro_rules! property_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $property:ident, {
            $( $(#[$vmeta:meta])* $variant:ident => $canonical:literal $(| $alias:literal)*, $support:ident; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in documentation order.
            ///
            /// ```
            #[doc = concat!("assert!(!zoomconn::", stringify!($name), "::ALL.is_empty());")]
            /// ```
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The canonical spelling of every value, in [`ALL`](Self::ALL) order: the
            /// registry's accepted values of the property.
            ///
            /// ```
            #[doc = concat!("assert_eq!(zoomconn::", stringify!($name), "::NAMES.len(), zoomconn::", stringify!($name), "::ALL.len());")]
            /// ```
            pub const NAMES: &'static [&'static str] = &[$($canonical),+];

            /// The canonical spelling, as written by [`Display`](fmt::Display) and the
            /// canonical form.
            ///
            /// ```
            #[doc = concat!("for v in zoomconn::", stringify!($name), "::ALL {")]
            ///     assert_eq!(v.as_str().parse::<_>().ok(), Some(*v));
            /// }
            /// ```
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $canonical, )+
                }
            }

            /// Does the Zoom profile support this value? (Others are driver-wide values.)
            ///
            /// ```
            #[doc = concat!("assert!(zoomconn::", stringify!($name), "::ALL.iter().any(|v| v.is_supported()));")]
            /// ```
            pub const fn is_supported(self) -> bool {
                match self {
                    $( $name::$variant => property_enum!(@supported $support), )+
                }
            }

            /// The property this enum is the value of.
            pub(crate) const PROPERTY: PropertyId = PropertyId::$property;

            /// The spellings of the supported values, for messages.
            fn expected() -> String {
                let supported: Vec<&str> = Self::ALL
                    .iter()
                    .filter(|v| v.is_supported())
                    .map(|v| v.as_str())
                    .collect();
                or_list(&supported)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = EnumError;

            /// Case-insensitive; leading and trailing white space is ignored.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                // Values are usually trimmed already: skip the Unicode trim then.
                let b = s.as_bytes();
                let plain = |c: Option<&u8>| c.is_some_and(|&c| c > b' ' && c < 0x80);
                let t = if plain(b.first()) && plain(b.last()) { s } else { s.trim() };
                $(
                    if eq_ignore_ascii_case(t, $canonical) $(|| eq_ignore_ascii_case(t, $alias))* {
                        return Ok($name::$variant);
                    }
                )+
                let suggestion = nearest(t, Self::NAMES.iter().copied());
                Err(EnumError::new(Self::PROPERTY, s, Self::expected(), suggestion))
            }
        }
    };
    (@supported supported) => { true };
    (@supported unsupported) => { false };
}

property_enum! {
    /// How the driver authenticates (`AuthScheme`). The Zoom profile accepts `None` and
    /// `OAuth`; the others are driver-wide values the profile does not use.
    ///
    /// ```
    /// use zoomconn::AuthScheme;
    /// assert_eq!("oauth_client".parse::<AuthScheme>()?, AuthScheme::OAuthClient);
    /// assert_eq!(AuthScheme::OAuth.to_string(), "OAuth");
    /// # Ok::<(), zoomconn::EnumError>(())
    /// ```
    AuthScheme, AuthScheme, {
        /// No authentication (Zoom's API rejects such requests).
        None => "None", supported;
        /// OAuth 2.0 authorization code flow — what the Zoom profile uses.
        OAuth => "OAuth", supported;
        /// OAuth client credentials (driver-wide; not the Zoom profile).
        OAuthClient => "OAuthClient" | "OAUTH_CLIENT", unsupported;
        /// HTTP Basic (driver-wide; not the Zoom profile).
        Basic => "Basic", unsupported;
        /// Windows NTLM (driver-wide; not the Zoom profile).
        Ntlm => "NTLM", unsupported;
    }
}

property_enum! {
    /// Whether the driver obtains or refreshes the OAuth access token when it connects
    /// (`InitiateOAuth`; CData's default is `OFF`).
    ///
    /// ```
    /// use zoomconn::InitiateOAuth;
    /// assert_eq!("GetAndRefresh".parse::<InitiateOAuth>()?, InitiateOAuth::GetAndRefresh);
    /// assert_eq!(InitiateOAuth::default().as_str(), "OFF");
    /// # Ok::<(), zoomconn::EnumError>(())
    /// ```
    InitiateOAuth, InitiateOAuth, {
        /// The access token is supplied in `OAuthAccessToken`.
        Off => "OFF", supported;
        /// The driver runs the OAuth flow when needed and refreshes the token.
        GetAndRefresh => "GETANDREFRESH", supported;
        /// The driver only refreshes an existing token.
        Refresh => "REFRESH", supported;
    }
}

// The enum is generated by `property_enum!`, which has no `#[default]` marker.
#[allow(clippy::derivable_impls)]
impl Default for InitiateOAuth {
    fn default() -> Self {
        InitiateOAuth::Off
    }
}
