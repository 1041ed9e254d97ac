//! The property registry: one table of every property the crate knows (SPEC §4).
//!
//! Validation, typo suggestions, secret redaction, the typed accessors, the docs and the CLI's
//! `explain` all read this table; no other file lists property names.

use std::fmt;

use crate::casefold::eq_ignore_case;

/// The value type of a property, with the values it accepts.
///
/// ```
/// use zoomconn::registry::{self, ValueType};
/// let p = registry::lookup("Verbosity").unwrap().property;
/// assert_eq!(p.value_type, ValueType::Int { min: 1, max: 5 });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ValueType {
    /// Any text.
    String,
    /// Any text; a credential, never printed.
    Secret,
    /// An absolute `http`/`https` URL with a host.
    Url,
    /// One of the listed values (case-insensitive); the first spelling is canonical.
    Enum(&'static [&'static str]),
    /// An integer in `min..=max`.
    Int {
        /// Smallest accepted value.
        min: i64,
        /// Largest accepted value.
        max: i64,
    },
    /// `true` or `false`, case-insensitive.
    Bool,
    /// A TCP port, 1–65535.
    Port,
    /// A nested connection string, parsed with the same grammar.
    Nested,
}

impl fmt::Display for ValueType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueType::String => f.write_str("string"),
            ValueType::Secret => f.write_str("secret string"),
            ValueType::Url => f.write_str("URL (absolute http or https, with a host)"),
            ValueType::Enum(_) => f.write_str("enum"),
            ValueType::Int { min, max } if *max == i64::MAX => write!(f, "integer ≥ {min}"),
            ValueType::Int { min, max } => write!(f, "integer {min}–{max}"),
            ValueType::Bool => f.write_str("boolean (true or false)"),
            ValueType::Port => f.write_str("port (1–65535)"),
            ValueType::Nested => f.write_str("nested connection string"),
        }
    }
}

/// One known property.
///
/// ```
/// let p = zoomconn::registry::lookup("oauthclientsecret").unwrap().property;
/// assert_eq!(p.name, "OAuthClientSecret");
/// assert!(p.secret);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Property {
    /// Canonical name, as CData documents it.
    pub name: &'static str,
    /// Other accepted spellings: the spaced display names of older CData docs.
    pub aliases: &'static [&'static str],
    /// Value type and accepted values.
    pub value_type: ValueType,
    /// The driver's default when the property is absent.
    pub default: Option<&'static str>,
    /// A credential: never shown in `Debug`, errors, findings or CLI output.
    pub secret: bool,
    /// Part of the Zoom profile's typed configuration (as opposed to a generic CData property).
    pub zoom: bool,
    /// One-line description.
    pub description: &'static str,
}

impl Property {
    /// The accepted values of an enum property, empty for other types.
    ///
    /// ```
    /// let p = zoomconn::registry::lookup("InitiateOAuth").unwrap().property;
    /// assert_eq!(p.accepted_values(), ["OFF", "GETANDREFRESH", "REFRESH"]);
    /// ```
    pub fn accepted_values(&self) -> &'static [&'static str] {
        match self.value_type {
            ValueType::Enum(values) => values,
            _ => &[],
        }
    }
}

/// The result of [`lookup`]: the property and how the name matched.
///
/// ```
/// let m = zoomconn::registry::lookup("Auth Scheme").unwrap();
/// assert_eq!(m.property.name, "AuthScheme");
/// assert!(m.via_alias);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// The property.
    pub property: &'static Property,
    /// `true` when a spaced alias matched rather than the canonical name.
    pub via_alias: bool,
}

const fn prop(
    name: &'static str,
    aliases: &'static [&'static str],
    value_type: ValueType,
    default: Option<&'static str>,
    zoom: bool,
    description: &'static str,
) -> Property {
    let secret = matches!(value_type, ValueType::Secret);
    Property {
        name,
        aliases,
        value_type,
        default,
        secret,
        zoom,
        description,
    }
}

use ValueType::*;

const AUTH_SCHEMES: &[&str] = &["None", "OAuth", "OAuthClient", "Basic", "NTLM"];
const INITIATE_OAUTH: &[&str] = &["OFF", "GETANDREFRESH", "REFRESH"];
const NON_NEG: ValueType = Int {
    min: 0,
    max: i64::MAX,
};

/// Every known property: the Zoom profile's own first, then CData's generic ones.
///
/// ```
/// let secrets: Vec<_> = zoomconn::registry::PROPERTIES.iter().filter(|p| p.secret).map(|p| p.name).collect();
/// assert!(secrets.contains(&"OAuthClientSecret"));
/// ```
pub static PROPERTIES: &[Property] = &TABLE;

/// Number of known properties.
pub(crate) const PROPERTIES_LEN: usize = 48;

/// The rows of [`PROPERTIES`], as a constant so that [`index_of`] can run at compile time.
const TABLE: [Property; PROPERTIES_LEN] = [
    prop(
        "Profile",
        &[],
        String,
        None,
        true,
        "Path or name of the API profile (.apip) to load; Zoom.apip for Zoom",
    ),
    prop(
        "AuthScheme",
        &["Auth Scheme"],
        Enum(AUTH_SCHEMES),
        Some("OAuth"),
        true,
        "The scheme used for authentication; the Zoom profile accepts None or OAuth",
    ),
    prop(
        "InitiateOAuth",
        &["Initiate OAuth"],
        Enum(INITIATE_OAUTH),
        Some("OFF"),
        true,
        "How the driver gets the OAuth access token: OFF uses OAuthAccessToken as given; GETANDREFRESH logs in through a browser, then refreshes the token; REFRESH only refreshes it with OAuthRefreshToken (no browser: for servers)",
    ),
    prop(
        "OAuthClientId",
        &["OAuth Client Id", "OAuth Client ID"],
        String,
        None,
        true,
        "The client ID assigned when you registered your OAuth app with Zoom",
    ),
    prop(
        "OAuthClientSecret",
        &["OAuth Client Secret"],
        Secret,
        None,
        true,
        "The client secret assigned when you registered your OAuth app with Zoom",
    ),
    prop(
        "CallbackURL",
        &["Callback URL"],
        Url,
        None,
        true,
        "The OAuth redirect URI; must match the one in your Zoom app's settings",
    ),
    prop(
        "OAuthAccessToken",
        &["OAuth Access Token"],
        Secret,
        None,
        true,
        "The access token for connecting using OAuth",
    ),
    prop(
        "OAuthRefreshToken",
        &["OAuth Refresh Token"],
        Secret,
        None,
        true,
        "The OAuth refresh token for the corresponding access token",
    ),
    prop(
        "OAuthSettingsLocation",
        &["OAuth Settings Location"],
        String,
        Some("%APPDATA%\\CData\\API Data Provider\\OAuthSettings.txt"),
        true,
        "Where the driver saves OAuth tokens: a file path, or memory://<id>",
    ),
    prop(
        "OAuthVerifier",
        &["OAuth Verifier"],
        Secret,
        None,
        true,
        "The verifier code returned from the OAuth authorization URL",
    ),
    prop(
        "Scope",
        &[],
        String,
        None,
        true,
        "Space-separated Zoom OAuth scopes, e.g. meeting:read:meeting user:read:user",
    ),
    prop(
        "Timeout",
        &[],
        NON_NEG,
        Some("60"),
        true,
        "Seconds before a request times out; 0 means no timeout",
    ),
    prop(
        "Verbosity",
        &[],
        Int { min: 1, max: 5 },
        Some("1"),
        true,
        "How much detail the log file gets, 1 (least) to 5 (most)",
    ),
    prop(
        "ProfileSettings",
        &["Profile Settings"],
        Nested,
        None,
        true,
        "A nested connection string of settings the profile reads",
    ),
    prop(
        "Other",
        &[],
        Nested,
        None,
        true,
        "A nested connection string of hidden properties for specific use cases",
    ),
    prop(
        "User",
        &[],
        String,
        None,
        false,
        "The user name for authentication",
    ),
    prop(
        "Password",
        &[],
        Secret,
        None,
        false,
        "The password for authentication",
    ),
    prop(
        "OAuthVersion",
        &["OAuth Version"],
        String,
        None,
        false,
        "The version of OAuth in use",
    ),
    prop(
        "OAuthExpiresIn",
        &["OAuth Expires In"],
        String,
        None,
        false,
        "The lifetime in seconds of the OAuth access token",
    ),
    prop(
        "OAuthTokenTimestamp",
        &["OAuth Token Timestamp"],
        String,
        None,
        false,
        "The Unix epoch timestamp in milliseconds when the access token was created",
    ),
    prop(
        "SSLServerCert",
        &["SSL Server Cert"],
        String,
        None,
        false,
        "The certificate to accept from the server when connecting using TLS/SSL",
    ),
    prop(
        "FirewallType",
        &["Firewall Type"],
        Enum(&["NONE", "TUNNEL", "SOCKS4", "SOCKS5"]),
        Some("NONE"),
        false,
        "The protocol used by a proxy-based firewall",
    ),
    prop(
        "FirewallServer",
        &["Firewall Server"],
        String,
        None,
        false,
        "The name or IP address of a proxy-based firewall",
    ),
    prop(
        "FirewallPort",
        &["Firewall Port"],
        Port,
        None,
        false,
        "The TCP port for a proxy-based firewall",
    ),
    prop(
        "FirewallUser",
        &["Firewall User"],
        String,
        None,
        false,
        "The user name to authenticate with a proxy-based firewall",
    ),
    prop(
        "FirewallPassword",
        &["Firewall Password"],
        Secret,
        None,
        false,
        "The password to authenticate with a proxy-based firewall",
    ),
    prop(
        "ProxyAutoDetect",
        &["Proxy Auto Detect"],
        Bool,
        Some("false"),
        false,
        "Whether to use the system proxy settings",
    ),
    prop(
        "ProxyServer",
        &["Proxy Server"],
        String,
        None,
        false,
        "The hostname or IP address of a proxy to route HTTP traffic through",
    ),
    prop(
        "ProxyPort",
        &["Proxy Port"],
        Port,
        Some("80"),
        false,
        "The TCP port the proxy server is running on",
    ),
    prop(
        "ProxyAuthScheme",
        &["Proxy Auth Scheme"],
        Enum(&[
            "BASIC",
            "DIGEST",
            "NONE",
            "NEGOTIATE",
            "NTLM",
            "PROPRIETARY",
        ]),
        Some("BASIC"),
        false,
        "The authentication type to use with the proxy server",
    ),
    prop(
        "ProxyUser",
        &["Proxy User"],
        String,
        None,
        false,
        "The user name to authenticate with the proxy server",
    ),
    prop(
        "ProxyPassword",
        &["Proxy Password"],
        Secret,
        None,
        false,
        "The password to authenticate with the proxy server",
    ),
    prop(
        "ProxySSLType",
        &["Proxy SSL Type"],
        Enum(&["AUTO", "ALWAYS", "NEVER", "TUNNEL"]),
        Some("AUTO"),
        false,
        "The SSL type to use when connecting to the proxy server",
    ),
    prop(
        "ProxyExceptions",
        &["Proxy Exceptions"],
        String,
        None,
        false,
        "A semicolon-separated list of hosts exempt from the proxy",
    ),
    prop(
        "Logfile",
        &["Log File"],
        String,
        None,
        false,
        "The path of the log file",
    ),
    prop(
        "LogModules",
        &["Log Modules"],
        String,
        None,
        false,
        "Core modules to include in the log file",
    ),
    prop(
        "MaxLogFileSize",
        &["Max Log File Size"],
        String,
        Some("100MB"),
        false,
        "The size at which a log file is rolled over",
    ),
    prop(
        "MaxLogFileCount",
        &["Max Log File Count"],
        NON_NEG,
        Some("-1"),
        false,
        "How many rolled-over log files to keep",
    ),
    prop(
        "Location",
        &[],
        String,
        None,
        false,
        "The directory of schema files defining tables, views and stored procedures",
    ),
    prop(
        "BrowsableSchemas",
        &["Browsable Schemas"],
        String,
        None,
        false,
        "Restricts the schemas reported to this comma-separated list",
    ),
    prop(
        "Tables",
        &[],
        String,
        None,
        false,
        "Restricts the tables reported to this comma-separated list",
    ),
    prop(
        "Views",
        &[],
        String,
        None,
        false,
        "Restricts the views reported to this comma-separated list",
    ),
    prop(
        "MaxRows",
        &["Max Rows"],
        Int {
            min: -1,
            max: i64::MAX,
        },
        Some("-1"),
        false,
        "Limits the rows returned when no aggregation or GROUP BY is used; -1 means no limit",
    ),
    prop(
        "PseudoColumns",
        &["Pseudo Columns"],
        String,
        None,
        false,
        "Whether to include pseudo columns as columns of tables",
    ),
    prop(
        "UserDefinedViews",
        &["User Defined Views"],
        String,
        None,
        false,
        "The path of a JSON file of custom views",
    ),
    prop(
        "UseConnectionPooling",
        &["Use Connection Pooling"],
        Bool,
        Some("false"),
        false,
        "Whether to enable connection pooling",
    ),
    prop(
        "Readonly",
        &["Read Only"],
        Bool,
        Some("false"),
        false,
        "Whether the provider only reads data",
    ),
    prop(
        "RTK",
        &[],
        Secret,
        None,
        false,
        "The runtime key used for licensing",
    ),
];

/// Position in [`PROPERTIES`] of the property named exactly `name`; a compile error when used
/// in a constant with a name that is not there.
pub(crate) const fn index_of(name: &str) -> usize {
    let mut i = 0;
    while i < TABLE.len() {
        let (a, b) = (TABLE[i].name.as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return i;
            }
        }
        i += 1;
    }
    panic!("not a property name")
}

/// Position of a registry entry in [`PROPERTIES`].
pub(crate) fn index(property: &'static Property) -> usize {
    (property as *const Property as usize).wrapping_sub(PROPERTIES.as_ptr() as usize)
        / size_of::<Property>()
}

/// Finds a property by canonical name or alias, case-insensitively.
///
/// ```
/// use zoomconn::registry;
/// assert_eq!(registry::lookup("CALLBACKURL").unwrap().property.name, "CallbackURL");
/// assert!(registry::lookup("Callback Url").unwrap().via_alias);
/// assert!(registry::lookup("Colour").is_none());
/// ```
#[inline]
pub fn lookup(name: &str) -> Option<Match> {
    let t = tag(name);
    let tags = &TAGS;
    if t != u32::MAX {
        // ASCII names: only properties with the same tag can match.
        let first = tags.partition_point(|&(tag, _)| tag < t);
        // `partition_point` returns at most `tags.len()`.
        for &(tag, i) in &tags[first..] {
            if tag != t {
                break;
            }
            let property = &PROPERTIES[usize::from(i)];
            if eq_ignore_case(property.name, name) {
                return Some(Match {
                    property,
                    via_alias: false,
                });
            }
        }
    } else if let Some(property) = PROPERTIES.iter().find(|p| eq_ignore_case(p.name, name)) {
        return Some(Match {
            property,
            via_alias: false,
        });
    }
    if !name.contains(' ') {
        return None;
    }
    PROPERTIES.iter().find_map(|property| {
        property
            .aliases
            .iter()
            .any(|a| eq_ignore_case(a, name))
            .then_some(Match {
                property,
                via_alias: true,
            })
    })
}

/// A cheap filter for names: length, first and last byte, ASCII-lowercased. Equal names
/// (ignoring case) have equal tags when they are ASCII, as every canonical name is; other
/// spellings fall back to the full comparison below.
const fn tag(name: &str) -> u32 {
    let b = name.as_bytes();
    if !name.is_ascii() || b.is_empty() {
        return u32::MAX;
    }
    ((b.len() as u32) << 16)
        | ((b[0].to_ascii_lowercase() as u32) << 8)
        | (b[b.len() - 1].to_ascii_lowercase() as u32)
}

/// `(tag, index)` of every canonical name, sorted by tag; computed at compile time.
static TAGS: [(u32, u8); PROPERTIES_LEN] = sorted_tags();

const fn sorted_tags() -> [(u32, u8); PROPERTIES_LEN] {
    let mut tags = [(0u32, 0u8); PROPERTIES_LEN];
    let mut i = 0;
    while i < PROPERTIES_LEN {
        tags[i] = (tag(TABLE[i].name), i as u8);
        i += 1;
    }
    // Insertion sort: 48 rows, at compile time.
    let mut i = 1;
    while i < PROPERTIES_LEN {
        let mut j = i;
        while j > 0 && tags[j - 1].0 > tags[j].0 {
            let t = tags[j];
            tags[j] = tags[j - 1];
            tags[j - 1] = t;
            j -= 1;
        }
        i += 1;
    }
    tags
}

/// Is `name` (canonical or alias, any case) a secret property?
///
/// ```
/// assert!(zoomconn::registry::is_secret("oauth client secret"));
/// assert!(!zoomconn::registry::is_secret("OAuthClientId"));
/// ```
pub fn is_secret(name: &str) -> bool {
    secret_name(name).is_some()
}

/// The canonical name of `name` when it is a secret property.
pub(crate) fn secret_name(name: &str) -> Option<&'static str> {
    lookup(name)
        .filter(|m| m.property.secret)
        .map(|m| m.property.name)
}

/// The known property nearest to `name`, when one is close enough to be a likely typo.
///
/// ```
/// assert_eq!(zoomconn::registry::suggest("OAuthClientSecert"), Some("OAuthClientSecret"));
/// assert_eq!(zoomconn::registry::suggest("Colour"), None);
/// ```
pub fn suggest(name: &str) -> Option<&'static str> {
    // No property name is longer than this, so nothing longer is a typo of one (and the edit
    // distance stays cheap on hostile input).
    const LONGEST: usize = 32;
    if name.len() > 2 * LONGEST {
        return None;
    }
    let ignored = |c: char| matches!(c, ' ' | '_' | '-');
    let wanted_len = name.chars().filter(|&c| !ignored(c)).count();
    // The distance is at least the difference in length: most names are ruled out here,
    // before anything is allocated.
    let near = |candidate: &std::string::String| {
        wanted_len.abs_diff(candidate.len()) <= (candidate.len() / 4).clamp(1, 3)
    };
    if !LOWERCASE_NAMES.iter().any(near) {
        return None;
    }
    let wanted: std::string::String = name
        .chars()
        .filter(|&c| !ignored(c))
        .flat_map(char::to_lowercase)
        .collect();
    let mut best: Option<(usize, &'static str)> = None;
    for (property, candidate) in PROPERTIES.iter().zip(LOWERCASE_NAMES.iter()) {
        let limit = (candidate.len() / 4).clamp(1, 3);
        if !near(candidate) {
            continue;
        }
        // Optimal string alignment: edits plus adjacent transpositions, the usual typos.
        let distance = strsim::osa_distance(&wanted, candidate);
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, property.name));
        }
    }
    best.map(|(_, name)| name)
}

/// The canonical names in lowercase, in [`PROPERTIES`] order.
static LOWERCASE_NAMES: std::sync::LazyLock<Vec<std::string::String>> =
    std::sync::LazyLock::new(|| {
        PROPERTIES
            .iter()
            .map(|p| p.name.to_ascii_lowercase())
            .collect()
    });
