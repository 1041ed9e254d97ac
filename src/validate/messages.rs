//! Every finding's message and help, in one place. Keys and values are quoted only through
//! [`crate::secrets`]: shortened, and cut where a secret may start.

use std::borrow::Cow;
use std::ops::Range;

use crate::grammar::error::ParseError;
use crate::registry::{AuthScheme, Dependency, EnumError, Flow, InitiateOAuth};
use crate::secrets::Secrecy;
use crate::secrets::{shorten, shown_text};
use crate::validate::finding::{Finding, Rule};

/// What is said when a value runs into a property's or a secret's name: the `;` before it is
/// probably missing.
fn missing_semicolon(name: &str) -> String {
    format!("a `;` is probably missing before {name}")
}

/// `missing-semicolon`: the known property `name`, at `span`, glued into the value of
/// `container` (`None` when its key is not shown: it holds secret text).
pub(crate) fn glued_property(span: Range<usize>, name: &str, container: Named<'_>) -> Finding {
    let help = match container {
        Named::Withheld => format!("end the value before {name} with `;`"),
        c => format!(
            "end the value of {} with `;`: as written, {name} and its value are part of it",
            c.subject()
        ),
    };
    Finding::new(Rule::MissingSemicolon, span, missing_semicolon(name)).with_help(help)
}

pub(crate) fn syntax(rule: Rule, span: Range<usize>, e: &ParseError) -> Finding {
    Finding::syntax(rule, span, e.kind(), e.message())
}

pub(crate) fn nested_syntax(span: Range<usize>, name: &str, e: &ParseError) -> Finding {
    Finding::syntax(
        Rule::NestedSyntax,
        span,
        e.kind(),
        format!("invalid {name}: {}", e.message()),
    )
    .with_help(format!(
        "{name} holds a connection string: Name=value pairs separated by `;`"
    ))
}

pub(crate) fn missing_profile(at: Range<usize>) -> Finding {
    Finding::new(
        Rule::MissingProfile,
        at,
        "missing required property Profile".to_owned(),
    )
    .with_help("set Profile=Zoom.apip")
}

pub(crate) fn not_zoom_profile(span: Range<usize>, value: &str) -> Finding {
    let (shown, secret) = shown_text(value);
    let f = Finding::new(
        Rule::NotZoomProfile,
        span,
        format!("Profile `{shown}` is not the Zoom profile"),
    );
    match secret {
        Some(name) => f.with_help(missing_semicolon(name)),
        None => f.with_help("set Profile=Zoom.apip (or the path of Zoom.apip)"),
    }
}

pub(crate) fn missing_auth_scheme(at: Range<usize>) -> Finding {
    Finding::new(
        Rule::MissingAuthScheme,
        at,
        "missing required property AuthScheme".to_owned(),
    )
    .with_help("set AuthScheme=OAuth, as the Zoom profile requires")
}

/// An enum value outside its set: the message names the value (cut at a secret; not at all when
/// `withheld`: it is part of a secret value) and the accepted values; the help suggests the
/// nearest value.
pub(crate) fn invalid_enum(
    span: Range<usize>,
    property: &str,
    value: &str,
    expected: &str,
    suggestion: Option<&str>,
    withheld: bool,
) -> Finding {
    if withheld {
        return Finding::new(
            Rule::InvalidEnum,
            span,
            format!("invalid value for {property} (text withheld): expected {expected}"),
        );
    }
    let (shown, secret) = shown_text(value);
    match secret {
        Some(name) => Finding::new(
            Rule::InvalidEnum,
            span,
            format!("{property} has `{shown}`: {}", missing_semicolon(name)),
        )
        .with_help(format!("{property} expects {expected}")),
        None => {
            let f = Finding::new(
                Rule::InvalidEnum,
                span,
                format!("invalid value `{shown}` for {property}: expected {expected}"),
            );
            match suggestion {
                Some(near) => f.with_help(format!("did you mean {near}?")),
                None => f,
            }
        }
    }
}

/// [`invalid_enum`] from an [`EnumError`].
pub(crate) fn enum_error(
    span: Range<usize>,
    value: &str,
    e: &EnumError,
    withheld: bool,
) -> Finding {
    invalid_enum(
        span,
        e.property().name(),
        value,
        e.expected(),
        e.suggestion(),
        withheld,
    )
}

pub(crate) fn unsupported_auth_scheme(span: Range<usize>, auth: AuthScheme) -> Finding {
    let supported: Vec<&str> = AuthScheme::ALL
        .iter()
        .filter(|a| a.is_supported())
        .map(|a| a.as_str())
        .collect();
    Finding::new(
        Rule::UnsupportedAuthScheme,
        span,
        format!(
            "AuthScheme {auth} is not supported by the Zoom profile: expected {}",
            crate::registry::or_list(&supported)
        ),
    )
    .with_help("set AuthScheme=OAuth")
}

pub(crate) fn auth_scheme_none(span: Range<usize>) -> Finding {
    Finding::new(
        Rule::AuthSchemeNone,
        span,
        "AuthScheme=None sends unauthenticated requests, which Zoom's API rejects".to_owned(),
    )
    .with_help("set AuthScheme=OAuth")
}

/// When a flow applies, in words: `AuthScheme=OAuth and InitiateOAuth=GETANDREFRESH`.
fn flow_condition(flow: &Flow, initiate: InitiateOAuth) -> String {
    match flow.initiate_oauth {
        Some(_) => format!(
            "AuthScheme={} and InitiateOAuth={initiate}",
            flow.auth_scheme
        ),
        None => format!("AuthScheme={}", flow.auth_scheme),
    }
}

pub(crate) fn missing_required(
    at: Range<usize>,
    name: &str,
    flow: &Flow,
    initiate: InitiateOAuth,
) -> Finding {
    let f = Finding::new(
        Rule::MissingRequired,
        at,
        format!(
            "missing {name}, required when {}",
            flow_condition(flow, initiate)
        ),
    );
    match flow.help {
        Some(h) => f.with_help(h),
        None => f,
    }
}

pub(crate) fn missing_dependency(at: Range<usize>, dependency: &Dependency) -> Finding {
    Finding::new(
        Rule::MissingRequired,
        at,
        format!(
            "missing {}, required when {} is set",
            dependency.requires, dependency.when_set
        ),
    )
    .with_help(dependency.help)
}

pub(crate) fn refresh_without_token(span: Range<usize>, sources: &str) -> Finding {
    Finding::new(
        Rule::RefreshWithoutToken,
        span,
        format!("InitiateOAuth=REFRESH has no {sources} to refresh from"),
    )
    .with_help("set OAuthRefreshToken or OAuthSettingsLocation, or use InitiateOAuth=GETANDREFRESH")
}

/// A callback URL that is not an absolute http(s) URL: quoted (cut at a secret), unless
/// `withheld` (it is part of a secret value).
pub(crate) fn invalid_callback_url(
    span: Range<usize>,
    name: &str,
    value: &str,
    problem: &str,
    withheld: bool,
) -> Finding {
    let (shown, secret) = shown_text(value);
    let message = if withheld {
        format!("invalid {name} (text withheld): {problem}")
    } else {
        format!("invalid {name} `{shown}`: {problem}")
    };
    let f = Finding::new(Rule::InvalidCallbackUrl, span, message);
    let secret = secret.filter(|_| !withheld);
    match secret {
        Some(s) => f.with_help(missing_semicolon(s)),
        None => f.with_help(
            "use the redirect URI of your Zoom app, an absolute URL such as http://localhost:33333",
        ),
    }
}

/// A callback URL over plain http to a host that is not loopback; the host is not named when
/// `withheld` (the URL is part of a secret value).
pub(crate) fn insecure_callback_url(
    span: Range<usize>,
    name: &str,
    host: &str,
    withheld: bool,
) -> Finding {
    let message = if withheld {
        format!(
            "{name} sends the OAuth code over plain http to a host that is not loopback (text withheld)"
        )
    } else {
        format!(
            "{name} sends the OAuth code over plain http to `{}`",
            shorten(host)
        )
    };
    Finding::new(Rule::InsecureCallbackUrl, span, message)
        .with_help("use https, or a loopback host such as localhost")
}

/// A documentation placeholder left in the value of `name` (a known property when `known`);
/// `secret` values are not quoted.
pub(crate) fn placeholder(
    span: Range<usize>,
    name: &str,
    value: &str,
    known: bool,
    secret: bool,
) -> Finding {
    let message = if secret {
        format!("{name} still holds a documentation placeholder")
    } else {
        format!(
            "{name} still holds the documentation placeholder `{}`",
            shown_text(value).0
        )
    };
    Finding::new(Rule::PlaceholderValue, span, message).with_help(if known {
        "replace it with the value from your Zoom app's settings"
    } else {
        "replace it with the real value"
    })
}

/// An int, bool or port that does not parse or is out of range; `secret` values are not
/// quoted.
pub(crate) fn invalid_value(
    span: Range<usize>,
    name: &str,
    value: &str,
    expected: &str,
    secret: bool,
) -> Finding {
    let (shown, mention) = shown_text(value);
    let message = match (secret, mention) {
        (true, _) => format!("invalid value for {name}: expected {expected}"),
        (false, Some(s)) => format!("{name} has `{shown}`: {}", missing_semicolon(s)),
        (false, None) => format!("invalid value `{shown}` for {name}: expected {expected}"),
    };
    let f = Finding::new(Rule::InvalidValue, span, message);
    match mention {
        Some(_) if !secret => f.with_help(format!("{name} expects {expected}")),
        _ => f,
    }
}

/// A property set more than once; `key` is shown only when it holds no secret text.
/// What a finding about one entry calls it: a known property by its canonical name, another
/// key quoted (so that a host format can withhold every quoted piece), or, when the key holds
/// secret text, nothing of it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Named<'a> {
    /// A known property's canonical name.
    Property(&'static str),
    /// A key that is not a known property, as written.
    Key(&'a str),
    /// A key that holds secret text.
    Withheld,
}

impl Named<'_> {
    /// The subject of a message: `OAuthClientId`, `` `Foo` ``, or "a property".
    fn subject(self) -> Cow<'static, str> {
        match self {
            Named::Property(name) => Cow::Borrowed(name),
            Named::Key(key) => Cow::Owned(format!("`{}`", shown_text(key).0)),
            Named::Withheld => Cow::Borrowed("a property"),
        }
    }

    /// The name as the user would write it, if it may be shown.
    fn written(self) -> Option<Cow<'static, str>> {
        match self {
            Named::Property(name) => Some(Cow::Borrowed(name)),
            Named::Key(key) => Some(Cow::Owned(shown_text(key).0.into_owned())),
            Named::Withheld => None,
        }
    }
}

pub(crate) fn duplicate(span: Range<usize>, earlier: Range<usize>, name: Named<'_>) -> Finding {
    Finding::new(
        Rule::DuplicateProperty,
        span,
        format!(
            "{} is set more than once; the last value wins",
            name.subject()
        ),
    )
    .with_related(earlier)
    .with_help("remove the earlier occurrence")
}

pub(crate) fn empty_value(span: Range<usize>, name: Named<'_>) -> Finding {
    Finding::new(
        Rule::EmptyValue,
        span,
        format!(
            "empty value for {}: the driver ignores it, and it removes any earlier value",
            name.subject()
        ),
    )
    .with_help(match name.written() {
        Some(n) => format!("remove `{n}=` or give it a value"),
        None => "remove it or give it a value".to_owned(),
    })
}

/// A key that is not a known property; `secrecy` says whether its value is treated as secret.
pub(crate) fn unknown_property(
    span: Range<usize>,
    key: &str,
    suggestion: Option<&str>,
    secrecy: Option<Secrecy>,
) -> Finding {
    let f = Finding::new(
        Rule::UnknownProperty,
        span,
        format!("unknown property `{}`", shown_text(key).0),
    );
    let treated = "its value is treated as a secret";
    match (suggestion, secrecy) {
        (Some(near), Some(_)) => f.with_help(format!("did you mean {near}? ({treated})")),
        (Some(near), None) => f.with_help(format!("did you mean {near}?")),
        (None, Some(_)) => f.with_help(format!("{treated}: it names a secret")),
        (None, None) => f,
    }
}

/// A key that is not a known property and holds secret text: not quoted. `after` is the
/// secret property whose value it probably continues.
pub(crate) fn unknown_withheld(span: Range<usize>, after: Option<&str>) -> Finding {
    match after {
        Some(secret) => Finding::new(
            Rule::UnknownProperty,
            span,
            format!(
                "a key after the secret value of {} is not a known property (text withheld)",
                shorten(secret)
            ),
        )
        .with_help(format!(
            "if it is the rest of the value, quote the value: {0}='…'",
            shorten(secret)
        )),
        None => Finding::new(
            Rule::UnknownProperty,
            span,
            "a key that holds secret text is not a known property (text withheld)".to_owned(),
        ),
    }
}

pub(crate) fn spaced_property_name(span: Range<usize>, key: &str, canonical: &str) -> Finding {
    Finding::new(
        Rule::SpacedPropertyName,
        span,
        format!("`{}` is an old spaced name for {canonical}", shorten(key)),
    )
    .with_help(format!("write {canonical}"))
}

/// A key with `;`: an earlier segment probably lacks its `=`. `key` is `None` when the key
/// holds secret text (it is not quoted then); after a secret value, the key is probably the
/// rest of that value and is not quoted.
pub(crate) fn key_contains_semicolon(
    span: Range<usize>,
    key: Option<&str>,
    after_secret: Option<&str>,
) -> Finding {
    match (key, after_secret) {
        (_, Some(secret)) => Finding::new(
            Rule::KeyContainsSemicolon,
            span,
            format!(
                "a key after the secret value of {} contains `;` (text withheld)",
                shorten(secret)
            ),
        )
        .with_help(format!(
            "quote the value of {0} if it contains `;`: {0}='…'",
            shorten(secret)
        )),
        (None, None) => Finding::new(
            Rule::KeyContainsSemicolon,
            span,
            "a key that holds secret text contains `;` (text withheld)".to_owned(),
        )
        .with_help("every property needs `Name=value`; quote values that contain `;`"),
        (Some(key), None) => Finding::new(
            Rule::KeyContainsSemicolon,
            span,
            format!(
                "key `{}` contains `;`: the segment before it probably lacks its `=`",
                shown_text(key).0
            ),
        )
        .with_help("every property needs `Name=value`; quote values that contain `;`"),
    }
}
