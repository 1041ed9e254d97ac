//! The property registry: one table of every property the crate knows (`docs/properties.md`) — ids, names,
//! spaced aliases, value types, defaults, secret flags, accepted values and the OAuth flows'
//! requirements, all as data.
//!
//! Validation, typo suggestions, secret redaction, the typed accessors, the builder, the docs and
//! the CLI's `explain` read this table; no other file spells a property name. Code refers to a
//! property by its [`PropertyId`].

pub(crate) mod enums;
mod flows;
mod index;
mod properties;
mod suggest;

use std::fmt;

use crate::grammar::casefold::{Hashed, eq_ignore_case};

pub(crate) use enums::or_list;
// The enums are the crate root's (`zoomconn::AuthScheme`): one name for each type.
pub(crate) use enums::{AuthScheme, EnumError, InitiateOAuth};
pub use flows::{DEPENDENCIES, Dependency, FLOWS, Flow, REFRESH_SOURCES};
pub use properties::PropertyId;
pub(crate) use properties::{PROPERTIES_LEN, TABLE};
pub(crate) use suggest::{Candidates, nearest};

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

impl ValueType {
    /// The accepted integer nearest to `n` for an [`Int`](ValueType::Int) type (`n` saturated
    /// to `min..=max`), `None` for other types. Writers of integer properties use it, so that
    /// what they write is what validation accepts.
    ///
    /// ```
    /// use zoomconn::registry::{PropertyId, ValueType};
    /// let t = PropertyId::OAuthExpiresIn.property().value_type;
    /// assert_eq!(t.saturate(3599), Some(3599));
    /// assert_eq!(t.saturate(u128::from(u64::MAX)), Some(i64::MAX));
    /// assert_eq!(ValueType::Int { min: 1, max: 5 }.saturate(0), Some(1));
    /// assert_eq!(ValueType::Bool.saturate(1), None);
    /// ```
    pub fn saturate(&self, n: u128) -> Option<i64> {
        match *self {
            ValueType::Int { min, max } => {
                let n = i128::try_from(n).unwrap_or(i128::MAX);
                let n = n.clamp(i128::from(min), i128::from(max));
                Some(i64::try_from(n).unwrap_or(max))
            }
            _ => None,
        }
    }
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
    /// The property's id.
    pub id: PropertyId,
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

    /// The canonical name as a key whose fold hash was computed at compile time: what
    /// validation folds a known property's occurrences by.
    #[inline(always)]
    pub(crate) fn hashed_name(&self) -> Hashed<'static> {
        HASHED_NAMES[self.id as usize]
    }
}

/// [`Property::hashed_name`] of every property, by [`PropertyId`].
static HASHED_NAMES: [Hashed<'static>; PROPERTIES_LEN] = {
    let mut out = [Hashed::ascii(""); PROPERTIES_LEN];
    let mut i = 0;
    while i < PROPERTIES_LEN {
        out[i] = Hashed::ascii(TABLE[i].name);
        i += 1;
    }
    out
};

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

impl PropertyId {
    /// The registry row of this property.
    ///
    /// ```
    /// use zoomconn::registry::PropertyId;
    /// assert_eq!(PropertyId::Timeout.property().default, Some("60"));
    /// ```
    pub fn property(self) -> &'static Property {
        // The table is generated in id order, one row per id.
        &PROPERTIES[self as usize]
    }

    /// The canonical name.
    ///
    /// ```
    /// assert_eq!(zoomconn::registry::PropertyId::OAuthClientId.name(), "OAuthClientId");
    /// ```
    pub fn name(self) -> &'static str {
        self.property().name
    }
}

impl fmt::Display for PropertyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Every known property: the Zoom profile's own first, then CData's generic ones.
///
/// ```
/// let secrets: Vec<_> = zoomconn::registry::PROPERTIES.iter().filter(|p| p.secret).map(|p| p.name).collect();
/// assert!(secrets.contains(&"OAuthClientSecret"));
/// ```
pub static PROPERTIES: &[Property] = &TABLE;

/// Finds a property by canonical name or alias, case-insensitively.
///
/// ```
/// use zoomconn::registry;
/// assert_eq!(registry::lookup("CALLBACKURL").unwrap().property.name, "CallbackURL");
/// assert!(registry::lookup("Callback Url").unwrap().via_alias);
/// assert!(registry::lookup("Colour").is_none());
/// ```
#[inline(always)]
pub fn lookup(name: &str) -> Option<Match> {
    match index::find(name.as_bytes()) {
        Some(m) => Some(m),
        // An ASCII name the index does not hold is no spelling; others fold as .NET folds.
        None if name.is_ascii() => None,
        None => lookup_plain(name),
    }
}

/// [`lookup`] of a name known to be ASCII, as bytes: the index alone answers.
#[inline(always)]
pub(crate) fn lookup_ascii(name: &[u8]) -> Option<Match> {
    debug_assert!(name.is_ascii());
    index::find(name)
}

/// [`lookup`] by comparing `name` with every spelling: the plain twin of the index, and the
/// lookup of names with non-ASCII chars.
fn lookup_plain(name: &str) -> Option<Match> {
    if let Some(property) = PROPERTIES.iter().find(|p| eq_ignore_case(p.name, name)) {
        return Some(Match {
            property,
            via_alias: false,
        });
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

/// Finds a property by any spelling a configuration format may give it: the canonical name or a
/// spaced alias in any case ([`lookup`]), or the name with `_` or `-` between its words
/// (`auth_scheme`, `oauth-client-id`, `callback_url`), as serde maps and environment-style
/// settings write it.
///
/// ```
/// use zoomconn::registry::{self, PropertyId};
/// assert_eq!(registry::lookup_field("auth_scheme").unwrap().property.id, PropertyId::AuthScheme);
/// assert_eq!(registry::lookup_field("OAUTH_CLIENT_ID").unwrap().property.id, PropertyId::OAuthClientId);
/// assert!(registry::lookup_field("auth_schem").is_none());
/// ```
pub fn lookup_field(name: &str) -> Option<Match> {
    if let Some(m) = lookup(name) {
        return Some(m);
    }
    let wanted = suggest::normalized(name);
    PROPERTIES.iter().find_map(|property| {
        std::iter::once(property.name)
            .chain(property.aliases.iter().copied())
            .any(|spelling| suggest::normalized(spelling) == wanted)
            .then_some(Match {
                property,
                via_alias: true,
            })
    })
}

/// The spellings [`lookup_field`] accepts for a property: its name, its spaced aliases and its
/// snake_case name.
///
/// ```
/// let p = zoomconn::registry::PropertyId::CallbackUrl.property();
/// assert_eq!(zoomconn::registry::spellings(p), ["CallbackURL", "Callback URL", "callback_url"]);
/// ```
pub fn spellings(property: &Property) -> Vec<String> {
    let mut out: Vec<String> = std::iter::once(property.name)
        .chain(property.aliases.iter().copied())
        .map(str::to_owned)
        .collect();
    out.push(snake_case(property));
    out
}

/// A property's name in snake_case: the words of its first spaced alias (or its name) joined
/// by `_`, lowercased (`Callback URL` → `callback_url`).
fn snake_case(property: &Property) -> String {
    match property.aliases.first() {
        Some(spaced) => spaced.to_lowercase().replace(' ', "_"),
        None => property.name.to_lowercase(),
    }
}

/// The known property nearest to `name` (canonical names, ignoring case, spaces, `_` and `-`),
/// when one is close enough to be a likely typo.
///
/// ```
/// assert_eq!(zoomconn::registry::suggest("OAuthClientSecert"), Some("OAuthClientSecret"));
/// assert_eq!(zoomconn::registry::suggest("oauth_client_id"), Some("OAuthClientId"));
/// assert_eq!(zoomconn::registry::suggest("Colour"), None);
/// ```
pub fn suggest(name: &str) -> Option<&'static str> {
    nearest(name, PROPERTIES.iter().map(|p| p.name))
}
