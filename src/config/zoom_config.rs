//! [`ZoomConnectionConfig`]: the typed, validated view of one [`ConnectionString`]. Its
//! accessors are in `view`, its masked output in `redact`, its canonical form in `canonical`,
//! its edits in `edit`.

use std::borrow::Cow;
use std::str::FromStr;
use std::sync::OnceLock;

use crate::config::error::Error;
use crate::grammar::casefold::fold_key;
use crate::grammar::chars;
use crate::grammar::syntax::Syntax;
use crate::map::connection_string::{Builder, ConnectionString};
use crate::registry::{AuthScheme, InitiateOAuth, PropertyId, ValueType};
use crate::secrets::Secret;
use crate::validate::RuleSet;
use crate::validate::analysis::{self, Analysis, Options};
use crate::validate::callback::CheckedUrl;
use crate::validate::item::{Item, PropertyIndex};
use crate::validate::sink::Collect;

/// Shorthand for [`ZoomConnectionConfig`].
///
/// ```
/// let cfg: zoomconn::Config = "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t".parse()?;
/// assert_eq!(cfg.profile(), "Zoom.apip");
/// # Ok::<(), zoomconn::Error>(())
/// ```
pub type Config = ZoomConnectionConfig;

/// One property of a config: the item validation made of it — its property (known or not),
/// where its key (as first written) and winning value are in the map's text, decoded
/// ([`Item::at`]), and where they are written in the map's source, the value with its quotes
/// ([`Item::src`]): what the secret policy's spans are checked against when the text was
/// decoded. Only its offsets are read: its text is the map's.
pub(super) type Entry = Item;

/// Copies the API hands out by reference, made the first time one is asked for.
#[derive(Clone, Default)]
pub(super) struct Cache {
    /// The values of the secret properties, in the order of their entries.
    pub secrets: OnceLock<Box<[Secret]>>,
    /// The nested strings, boxed: a config is moved whole, and most never parse them.
    pub profile_settings: OnceLock<Option<Box<ConnectionString>>>,
    pub other: OnceLock<Option<Box<ConnectionString>>>,
}

/// The typed, validated configuration of a CData Zoom connection string.
///
/// Build one with [`Config::parse`] (or `FromStr`, `TryFrom<&ConnectionString>`) or with
/// [`Config::builder`]. A config always passed validation: it has a Profile, a supported
/// AuthScheme, the properties its OAuth flow needs and a valid callback URL. Warnings
/// (placeholders, unknown properties…) do not stop it; see [`crate::validate()`] for them.
///
/// # Properties
///
/// | property | accessor | type, default |
/// |---|---|---|
/// | Profile | [`profile`](Self::profile) | required; `Zoom.apip` or its path |
/// | AuthScheme | [`auth_scheme`](Self::auth_scheme) | [`AuthScheme`], required |
/// | InitiateOAuth | [`initiate_oauth`](Self::initiate_oauth) | [`InitiateOAuth`], default `OFF` |
/// | OAuthClientId | [`oauth_client_id`](Self::oauth_client_id) | string |
/// | OAuthClientSecret | [`oauth_client_secret`](Self::oauth_client_secret) | [`Secret`] |
/// | CallbackURL | [`callback_url`](Self::callback_url) | [`CallbackUrl`](crate::CallbackUrl) |
/// | OAuthAccessToken, OAuthRefreshToken | [`oauth_access_token`](Self::oauth_access_token), [`oauth_refresh_token`](Self::oauth_refresh_token) | [`Secret`] |
/// | OAuthVerifier | [`oauth_verifier`](Self::oauth_verifier) | [`Secret`] |
/// | OAuthSettingsLocation | [`oauth_settings_location`](Self::oauth_settings_location) | path or `memory://<id>` |
/// | Scope | [`scope`](Self::scope) | space-separated scopes |
/// | Timeout | [`timeout`](Self::timeout) | seconds, default 60, 0 = none |
/// | Verbosity | [`verbosity`](Self::verbosity) | 1–5, default 1 |
/// | ProfileSettings, Other | [`profile_settings`](Self::profile_settings), [`other`](Self::other) | nested connection strings |
/// | anything else | [`get`](Self::get), [`get_secret`](Self::get_secret) | kept verbatim, in order |
///
/// The full list, with generic CData properties, is [`registry::PROPERTIES`](crate::registry::PROPERTIES).
///
/// # Secrets
///
/// `Display` is the canonical connection string, secrets included: it *is* the credential.
/// `Debug` never shows a secret; [`redacted`](Self::redacted) gives a loggable form. Both write
/// the secrets module's masked text and never hold a secret in a plain buffer. The
/// [`ConnectionString`] a config holds is wiped from memory on drop, and the [`Secret`]s its
/// accessors return are wiped on drop too.
///
/// # One representation
///
/// A config is a view over one [`ConnectionString`]: the map holds the text, and the config
/// holds where each property's key and value are in it, plus the values validation parsed
/// (AuthScheme, InitiateOAuth, the checked callback URL). The map is built in the same pass as
/// the validation; [`as_connection_string`](Self::as_connection_string) returns it, and
/// [`set_property`](Self::set_property) edits it and validates the result again.
///
/// ```
/// use zoomconn::{AuthScheme, Config, InitiateOAuth};
/// let cfg = Config::parse(
///     "Profile=Zoom.apip;Authscheme=oauth;InitiateOAuth=GETANDREFRESH;OAuthClientId=abc;\
///      OAuthClientSecret=s3cret;CallbackUrl=http://localhost:33333;Region=EU",
/// )?;
/// assert_eq!(cfg.auth_scheme(), AuthScheme::OAuth);
/// assert_eq!(cfg.initiate_oauth(), InitiateOAuth::GetAndRefresh);
/// assert_eq!(cfg.oauth_client_secret().unwrap().expose_secret(), "s3cret");
/// assert_eq!(cfg.get("region"), Some("EU"));
/// assert_eq!(
///     cfg.to_string(),
///     "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=abc;\
///      OAuthClientSecret=s3cret;CallbackURL=http://localhost:33333;Region=EU;"
/// );
/// assert!(!format!("{cfg:?}").contains("s3cret"));
/// # Ok::<(), zoomconn::Error>(())
/// ```
#[derive(Clone)]
pub struct ZoomConnectionConfig {
    /// The connection string (after any JDBC prefix): the one copy of the text.
    pub(super) map: ConnectionString,
    /// The effective properties in order (spaced aliases merged into their property).
    pub(super) entries: Vec<Entry>,
    /// Where the entry of each known property is in [`entries`](Self::entries).
    pub(super) slots: PropertyIndex,
    pub(super) auth_scheme: AuthScheme,
    pub(super) initiate_oauth: InitiateOAuth,
    pub(super) callback_url: Option<CheckedUrl>,
    pub(super) cache: Cache,
}

/// Properties written first by the canonical form, in this order.
pub(super) const CANONICAL_ORDER: [PropertyId; 6] = [
    PropertyId::Profile,
    PropertyId::AuthScheme,
    PropertyId::InitiateOAuth,
    PropertyId::OAuthClientId,
    PropertyId::OAuthClientSecret,
    PropertyId::CallbackUrl,
];

impl ZoomConnectionConfig {
    /// Parses and validates a connection string (ADO syntax; a `jdbc:api:` or
    /// `jdbc:cdata:api:` prefix is accepted).
    ///
    /// # Errors
    ///
    /// The first error finding of validation — a syntax error, a missing Profile or AuthScheme,
    /// an invalid enum or number, a missing property of the OAuth flow, an invalid callback URL —
    /// as an [`Error`] with its rule name, span and message; [`Error::findings`] has every error.
    /// Warnings do not fail parsing.
    ///
    /// ```
    /// let err = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;\
    ///     OAuthClientId=id;OAuthClientSecret=s;CallbackURL=your_callback_url").unwrap_err();
    /// assert_eq!(err.rule(), "invalid-callback-url");
    /// assert_eq!(err.message(), "invalid CallbackURL `your_callback_url`: not an absolute URL");
    /// assert_eq!(err.span(), 112..129);
    /// ```
    pub fn parse(s: &str) -> Result<Self, Error> {
        Self::parse_with(s, Syntax::Ado)
    }

    /// [`parse`](Self::parse) in the given syntax: one pass of the grammar's driver feeds the
    /// validation and builds the map.
    pub(super) fn parse_with(s: &str, syntax: Syntax) -> Result<Self, Error> {
        let options = Options {
            syntax,
            rules: RuleSet::ZoomProfile,
            collect: Collect::Errors,
            secret_spans: false,
        };
        let body = analysis::body(s);
        let mut builder = Builder::new(body);
        let analysis = analysis::analyze_following(s, &options, &mut builder);
        if analysis.report.has_errors() || !analysis.syntax_ok {
            return Err(Error::from_report(s, analysis.report));
        }
        let map = builder.finish(body, syntax);
        Ok(Self::view(map, s.len() - body.len(), analysis))
    }

    /// The view of `map` that `analysis` (without errors) found; its offsets are `base` past
    /// the map's.
    fn view(map: ConnectionString, base: usize, analysis: Analysis<'_>) -> Self {
        let mut entries = analysis.items;
        if base != 0 {
            for e in &mut entries {
                e.shift_back(base as u32);
            }
        }
        let slots = analysis.index;
        ZoomConnectionConfig {
            map,
            entries,
            slots,
            // A config without errors has a valid AuthScheme.
            auth_scheme: analysis.auth_scheme.unwrap_or(AuthScheme::OAuth),
            initiate_oauth: analysis.initiate_oauth,
            callback_url: analysis.callback_url,
            cache: Cache::default(),
        }
    }

    /// The connection string this config is a view of (after any JDBC prefix), as written.
    ///
    /// ```
    /// let cfg = zoomconn::Config::parse("Profile=Zoom.apip; Auth Scheme=OAuth;OAuthAccessToken=t")?;
    /// assert_eq!(cfg.as_connection_string().as_str(), "Profile=Zoom.apip; Auth Scheme=OAuth;OAuthAccessToken=t");
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn as_connection_string(&self) -> &ConnectionString {
        &self.map
    }

    /// The connection string this config is a view of, given away.
    ///
    /// ```
    /// let cfg = zoomconn::Config::parse("jdbc:api:Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t")?;
    /// assert_eq!(cfg.into_connection_string().get("profile"), Some("Zoom.apip"));
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn into_connection_string(mut self) -> ConnectionString {
        std::mem::take(&mut self.map)
    }

    /// A copy of the connection string this config is a view of, as written (its canonical
    /// form is [`to_canonical_string`](Self::to_canonical_string)).
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t")?;
    /// assert_eq!(cfg.to_connection_string().get("authscheme"), Some("OAuth"));
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn to_connection_string(&self) -> ConnectionString {
        self.map.clone()
    }

    /// Every property in the order of the string it was parsed from: its id when it is known,
    /// its name (canonical, or as written), its value, and whether the value is secret.
    pub(crate) fn properties(
        &self,
    ) -> impl Iterator<Item = (Option<PropertyId>, &str, &str, bool)> {
        self.entries.iter().map(|e| {
            let secret = e.property.is_some_and(|p| p.secret);
            (
                e.property.map(|p| p.id),
                self.name(e),
                self.exposed(e),
                secret,
            )
        })
    }

    /// A [`ConfigBuilder`](crate::ConfigBuilder) holding every property of this config, to
    /// change some and build again; typed setters replace a property whatever spelling it
    /// had, unknown properties stay in order.
    ///
    /// ```
    /// use std::time::Duration;
    /// let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;Timeout=60")?;
    /// let faster = cfg.to_builder().timeout(Duration::from_secs(5)).build()?;
    /// assert_eq!(faster.timeout(), Some(Duration::from_secs(5)));
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn to_builder(&self) -> crate::ConfigBuilder {
        crate::ConfigBuilder::from(self)
    }

    /// Starts a [`ConfigBuilder`](crate::ConfigBuilder).
    ///
    /// ```
    /// let cfg = zoomconn::Config::builder()
    ///     .profile("Zoom.apip")
    ///     .auth_scheme(zoomconn::AuthScheme::OAuth)
    ///     .oauth_access_token("t")
    ///     .build()?;
    /// assert_eq!(cfg.to_string(), "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;");
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn builder() -> crate::ConfigBuilder {
        crate::ConfigBuilder::default()
    }
}

/// The map's text, and the nested strings parsed from it, are wiped before their memory is
/// freed.
impl Drop for ZoomConnectionConfig {
    fn drop(&mut self) {
        self.map.wipe();
        for cell in [&mut self.cache.profile_settings, &mut self.cache.other] {
            if let Some(Some(cs)) = cell.get_mut() {
                cs.wipe();
            }
        }
    }
}

/// Equal when the effective properties mean the same, whatever their order and spelling:
/// names compared as the driver compares them (aliases folded, case ignored), values as typed
/// where the type is known (enums and booleans ignoring case, numbers by value, the callback
/// URL as a URL) and byte for byte otherwise. [`ConnectionString`]'s equality stays textual.
///
/// ```
/// let a = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;Scope=x;Timeout=060")?;
/// let b = zoomconn::Config::parse("scope=x;Auth Scheme=oauth;Timeout=60;OAuthAccessToken=t;Profile=Zoom.apip")?;
/// assert_eq!(a, b);
/// # Ok::<(), zoomconn::Error>(())
/// ```
impl PartialEq for ZoomConnectionConfig {
    fn eq(&self, other: &Self) -> bool {
        self.entries.len() == other.entries.len() && self.meaning() == other.meaning()
    }
}

/// Hashes what [`PartialEq`] compares, so that equal configs hash equally.
impl std::hash::Hash for ZoomConnectionConfig {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.meaning().hash(state);
    }
}

/// One property as [`ZoomConnectionConfig`]'s equality sees it: an id (or a lowercased name)
/// and a value normalised by its type.
#[derive(PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Meaning<'a> {
    key: (usize, Cow<'a, str>),
    value: Cow<'a, str>,
}

impl ZoomConnectionConfig {
    /// The properties as their meanings, sorted: what equality and hashing compare.
    fn meaning(&self) -> Vec<Meaning<'_>> {
        let mut out: Vec<Meaning<'_>> = self
            .entries
            .iter()
            .map(|e| {
                let text = self.raw(e);
                let key = match e.property {
                    Some(p) => (p.id as usize, Cow::Borrowed("")),
                    None => (usize::MAX, Cow::Owned(fold_key(self.name(e)))),
                };
                let value = match e.property.map(|p| p.value_type) {
                    Some(ValueType::Enum(_) | ValueType::Bool) => {
                        Cow::Owned(chars::trim(text).to_ascii_lowercase())
                    }
                    Some(ValueType::Int { .. } | ValueType::Port) => {
                        match chars::trim(text).parse::<i64>() {
                            Ok(n) => Cow::Owned(n.to_string()),
                            Err(_) => Cow::Borrowed(text),
                        }
                    }
                    Some(ValueType::Url) => match &self.callback_url {
                        Some(url) => Cow::Owned(url.url(text).as_str().to_owned()),
                        None => Cow::Borrowed(text),
                    },
                    _ => Cow::Borrowed(text),
                };
                Meaning { key, value }
            })
            .collect();
        out.sort();
        out
    }
}

impl Eq for ZoomConnectionConfig {}

impl FromStr for ZoomConnectionConfig {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<&str> for ZoomConnectionConfig {
    type Error = Error;

    fn try_from(s: &str) -> Result<Self, Self::Error> {
        Self::parse(s)
    }
}

impl TryFrom<&ConnectionString> for ZoomConnectionConfig {
    type Error = Error;

    /// Validates the connection string's text (positions refer to [`ConnectionString::as_str`]);
    /// the config holds a copy of it.
    fn try_from(cs: &ConnectionString) -> Result<Self, Self::Error> {
        Self::parse_with(cs.as_str(), cs.syntax())
    }
}
