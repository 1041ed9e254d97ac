//! The property table: every property the crate knows, with its id, name, spaced aliases, value
//! type, default, secret flag and description (`docs/properties.md`). Each row is written once, here; the
//! [`PropertyId`] enum and [`PROPERTIES`](super::PROPERTIES) are generated from it, so code that
//! names a property by id cannot misspell it.

use super::enums::{AuthScheme, InitiateOAuth};
use super::{Property, ValueType};

/// Integers ≥ 0.
const NON_NEG: ValueType = ValueType::Int {
    min: 0,
    max: i64::MAX,
};

macro_rules! properties {
    ($(
        $id:ident = $name:literal, [$($alias:literal),*], $ty:expr, $default:expr, $scope:ident,
            $desc:literal;
    )+) => {
        /// A known property, by id: what validation, the typed accessors and the builder refer
        /// to. [`property`](Self::property) has its name, aliases, type and description.
        ///
        /// ```
        /// use zoomconn::registry::PropertyId;
        /// assert_eq!(PropertyId::CallbackUrl.name(), "CallbackURL");
        /// assert!(PropertyId::OAuthClientSecret.property().secret);
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum PropertyId {
            $(
                #[doc = concat!("`", $name, "`: ", $desc, ".")]
                $id,
            )+
        }

        impl PropertyId {
            /// Every id, in table order: the Zoom profile's own properties first, then CData's
            /// generic ones.
            ///
            /// ```
            /// assert_eq!(zoomconn::registry::PropertyId::ALL[0].name(), "Profile");
            /// ```
            pub const ALL: &'static [PropertyId] = &[$(PropertyId::$id),+];
        }

        /// Number of known properties.
        pub(crate) const PROPERTIES_LEN: usize = PropertyId::ALL.len();

        /// The table, in [`PropertyId`] order.
        pub(crate) const TABLE: [Property; PROPERTIES_LEN] = [$(
            Property {
                id: PropertyId::$id,
                name: $name,
                aliases: &[$($alias),*],
                value_type: {
                    #[allow(unused_imports)]
                    use ValueType::*;
                    $ty
                },
                default: $default,
                secret: {
                    #[allow(unused_imports)]
                    use ValueType::*;
                    matches!($ty, ValueType::Secret)
                },
                zoom: properties!(@zoom $scope),
                description: $desc,
            },
        )+];
    };
    (@zoom zoom) => { true };
    (@zoom generic) => { false };
}

properties! {
    Profile = "Profile", [], String, None, zoom,
        "Path or name of the API profile (.apip) to load; Zoom.apip for Zoom";
    AuthScheme = "AuthScheme", ["Auth Scheme"], Enum(AuthScheme::NAMES), Some("OAuth"), zoom,
        "The scheme used for authentication; the Zoom profile accepts None or OAuth";
    InitiateOAuth = "InitiateOAuth", ["Initiate OAuth"], Enum(InitiateOAuth::NAMES), Some("OFF"), zoom,
        "How the driver gets the OAuth access token: OFF uses OAuthAccessToken as given; GETANDREFRESH logs in through a browser, then refreshes the token; REFRESH only refreshes it with OAuthRefreshToken (no browser: for servers)";
    OAuthClientId = "OAuthClientId", ["OAuth Client Id"], String, None, zoom,
        "The client ID assigned when you registered your OAuth app with Zoom";
    OAuthClientSecret = "OAuthClientSecret", ["OAuth Client Secret"], Secret, None, zoom,
        "The client secret assigned when you registered your OAuth app with Zoom";
    CallbackUrl = "CallbackURL", ["Callback URL"], Url, None, zoom,
        "The OAuth redirect URI; must match the one in your Zoom app's settings";
    OAuthAccessToken = "OAuthAccessToken", ["OAuth Access Token"], Secret, None, zoom,
        "The access token for connecting using OAuth";
    OAuthRefreshToken = "OAuthRefreshToken", ["OAuth Refresh Token"], Secret, None, zoom,
        "The OAuth refresh token for the corresponding access token";
    OAuthSettingsLocation = "OAuthSettingsLocation", ["OAuth Settings Location"], String, Some("%APPDATA%\\CData\\API Data Provider\\OAuthSettings.txt"), zoom,
        "Where the driver saves OAuth tokens: a file path, or memory:// followed by a name";
    OAuthVerifier = "OAuthVerifier", ["OAuth Verifier"], Secret, None, zoom,
        "The verifier code returned from the OAuth authorization URL";
    Scope = "Scope", [], String, None, zoom,
        "Space-separated Zoom OAuth scopes, e.g. meeting:read:meeting user:read:user";
    Timeout = "Timeout", [], NON_NEG, Some("60"), zoom,
        "Seconds before a request times out; 0 means no timeout";
    Verbosity = "Verbosity", [], Int { min: 1, max: 5 }, Some("1"), zoom,
        "How much detail the log file gets, 1 (least) to 5 (most)";
    ProfileSettings = "ProfileSettings", ["Profile Settings"], Nested, None, zoom,
        "A nested connection string of settings the profile reads";
    Other = "Other", [], Nested, None, zoom,
        "A nested connection string of hidden properties for specific use cases";
    User = "User", [], String, None, generic,
        "The user name for authentication";
    Password = "Password", [], Secret, None, generic,
        "The password for authentication";
    OAuthVersion = "OAuthVersion", ["OAuth Version"], String, None, generic,
        "The version of OAuth in use";
    OAuthExpiresIn = "OAuthExpiresIn", ["OAuth Expires In"], NON_NEG, None, generic,
        "The lifetime in seconds of the OAuth access token";
    OAuthTokenTimestamp = "OAuthTokenTimestamp", ["OAuth Token Timestamp"], NON_NEG, None, generic,
        "The Unix epoch timestamp in milliseconds when the access token was created";
    SslServerCert = "SSLServerCert", ["SSL Server Cert"], String, None, generic,
        "The certificate to accept from the server when connecting using TLS/SSL";
    FirewallType = "FirewallType", ["Firewall Type"], Enum(&["NONE", "TUNNEL", "SOCKS4", "SOCKS5"]), Some("NONE"), generic,
        "The protocol used by a proxy-based firewall";
    FirewallServer = "FirewallServer", ["Firewall Server"], String, None, generic,
        "The name or IP address of a proxy-based firewall";
    FirewallPort = "FirewallPort", ["Firewall Port"], Port, None, generic,
        "The TCP port for a proxy-based firewall";
    FirewallUser = "FirewallUser", ["Firewall User"], String, None, generic,
        "The user name to authenticate with a proxy-based firewall";
    FirewallPassword = "FirewallPassword", ["Firewall Password"], Secret, None, generic,
        "The password to authenticate with a proxy-based firewall";
    ProxyAutoDetect = "ProxyAutoDetect", ["Proxy Auto Detect"], Bool, Some("false"), generic,
        "Whether to use the system proxy settings";
    ProxyServer = "ProxyServer", ["Proxy Server"], String, None, generic,
        "The hostname or IP address of a proxy to route HTTP traffic through";
    ProxyPort = "ProxyPort", ["Proxy Port"], Port, Some("80"), generic,
        "The TCP port the proxy server is running on";
    ProxyAuthScheme = "ProxyAuthScheme", ["Proxy Auth Scheme"], Enum(&["BASIC", "DIGEST", "NONE", "NEGOTIATE", "NTLM", "PROPRIETARY"]), Some("BASIC"), generic,
        "The authentication type to use with the proxy server";
    ProxyUser = "ProxyUser", ["Proxy User"], String, None, generic,
        "The user name to authenticate with the proxy server";
    ProxyPassword = "ProxyPassword", ["Proxy Password"], Secret, None, generic,
        "The password to authenticate with the proxy server";
    ProxySslType = "ProxySSLType", ["Proxy SSL Type"], Enum(&["AUTO", "ALWAYS", "NEVER", "TUNNEL"]), Some("AUTO"), generic,
        "The SSL type to use when connecting to the proxy server";
    ProxyExceptions = "ProxyExceptions", ["Proxy Exceptions"], String, None, generic,
        "A semicolon-separated list of hosts exempt from the proxy";
    Logfile = "Logfile", ["Log File"], String, None, generic,
        "The path of the log file";
    LogModules = "LogModules", ["Log Modules"], String, None, generic,
        "Core modules to include in the log file";
    MaxLogFileSize = "MaxLogFileSize", ["Max Log File Size"], String, Some("100MB"), generic,
        "The size at which a log file is rolled over";
    MaxLogFileCount = "MaxLogFileCount", ["Max Log File Count"], Int { min: -1, max: i64::MAX }, Some("-1"), generic,
        "How many rolled-over log files to keep";
    Location = "Location", [], String, None, generic,
        "The directory of schema files defining tables, views and stored procedures";
    BrowsableSchemas = "BrowsableSchemas", ["Browsable Schemas"], String, None, generic,
        "Restricts the schemas reported to this comma-separated list";
    Tables = "Tables", [], String, None, generic,
        "Restricts the tables reported to this comma-separated list";
    Views = "Views", [], String, None, generic,
        "Restricts the views reported to this comma-separated list";
    MaxRows = "MaxRows", ["Max Rows"], Int { min: -1, max: i64::MAX, }, Some("-1"), generic,
        "Limits the rows returned when no aggregation or GROUP BY is used; -1 means no limit";
    PseudoColumns = "PseudoColumns", ["Pseudo Columns"], String, None, generic,
        "Whether to include pseudo columns as columns of tables";
    UserDefinedViews = "UserDefinedViews", ["User Defined Views"], String, None, generic,
        "The path of a JSON file of custom views";
    UseConnectionPooling = "UseConnectionPooling", ["Use Connection Pooling"], Bool, Some("false"), generic,
        "Whether to enable connection pooling";
    Readonly = "Readonly", ["Read Only"], Bool, Some("false"), generic,
        "Whether the provider only reads data";
    Rtk = "RTK", [], Secret, None, generic,
        "The runtime key used for licensing";
    Driver = "Driver", [], String, None, generic,
        "ODBC: the driver to load, e.g. {CData ODBC Driver for Zoom}";
    Dsn = "DSN", [], String, None, generic,
        "ODBC: the data source name whose settings to use";
    FileDsn = "FileDSN", [], String, None, generic,
        "ODBC: the .dsn file whose settings to use";
    SaveFile = "SaveFile", [], String, None, generic,
        "ODBC: the .dsn file to save the connection's settings to";
    Description = "Description", [], String, None, generic,
        "ODBC: a description of the data source";
}
