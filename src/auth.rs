//! The enum properties of the Zoom profile: [`AuthScheme`] and [`InitiateOAuth`].

use std::fmt;
use std::str::FromStr;

/// The value of an enum property did not match any accepted spelling.
///
/// ```
/// let err = "OAuth2".parse::<zoomconn::AuthScheme>().unwrap_err();
/// assert_eq!(err.to_string(), "invalid value `OAuth2` for AuthScheme: expected None or OAuth");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid value `{value}` for {property}: expected {expected}")]
pub struct EnumError {
    property: &'static str,
    value: String,
    expected: String,
}

impl EnumError {
    pub(crate) fn new(property: &'static str, value: &str, expected: String) -> Self {
        // Keep messages one line: long values are shortened.
        let mut shown: String = value.chars().take(60).collect();
        if shown.len() < value.len() {
            shown.push('…');
        }
        EnumError {
            property,
            value: shown,
            expected,
        }
    }
}

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
        $name:ident, $property:literal, expected: [$($expected:literal),*], {
            $( $(#[$vmeta:meta])* $variant:ident => $canonical:literal $(| $alias:literal)* ),+ $(,)?
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
                    if t.eq_ignore_ascii_case($canonical) $(|| t.eq_ignore_ascii_case($alias))* {
                        return Ok($name::$variant);
                    }
                )+
                Err(EnumError::new($property, s, or_list(&[$($expected),*])))
            }
        }
    };
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
    AuthScheme, "AuthScheme", expected: ["None", "OAuth"], {
        /// No authentication (Zoom's API rejects such requests).
        None => "None",
        /// OAuth 2.0 authorization code flow — what the Zoom profile uses.
        OAuth => "OAuth",
        /// OAuth client credentials (driver-wide; not the Zoom profile).
        OAuthClient => "OAuthClient" | "OAUTH_CLIENT",
        /// HTTP Basic (driver-wide; not the Zoom profile).
        Basic => "Basic",
        /// Windows NTLM (driver-wide; not the Zoom profile).
        Ntlm => "NTLM",
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
    InitiateOAuth, "InitiateOAuth", expected: ["OFF", "GETANDREFRESH", "REFRESH"], {
        /// The access token is supplied in `OAuthAccessToken`.
        Off => "OFF",
        /// The driver runs the OAuth flow when needed and refreshes the token.
        GetAndRefresh => "GETANDREFRESH",
        /// The driver only refreshes an existing token.
        Refresh => "REFRESH",
    }
}

// The enum is generated by `property_enum!`, which has no `#[default]` marker.
#[allow(clippy::derivable_impls)]
impl Default for InitiateOAuth {
    fn default() -> Self {
        InitiateOAuth::Off
    }
}
