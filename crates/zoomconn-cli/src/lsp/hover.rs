//! Hover on a property name or value: what `zoomconn explain` says about the property —
//! description, type, accepted values, default, aliases, the OAuth flows that need it, secret
//! or not — as Markdown, from the registry; on an enum value, what that value means; on a
//! secret value, that it is secret. Hover text is built from the registry only: it never
//! quotes the document, so no value — secret or not — appears in it.

use std::ops::Range;

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};
use zoomconn::registry::{self, DEPENDENCIES, FLOWS, Property, PropertyId};
use zoomconn::{Segment, Tokenizer};

use super::analysis::Analysis;

/// What an enum value of the Zoom profile means (values of the other enum properties are
/// listed without one).
///
/// ```
/// assert!(crate::lsp::hover::meaning(zoomconn::registry::PropertyId::InitiateOAuth, "GETANDREFRESH").is_some());
/// ```
pub(crate) fn meaning(property: PropertyId, value: &str) -> Option<&'static str> {
    const MEANINGS: &[(PropertyId, &str, &str)] = &[
        (
            PropertyId::AuthScheme,
            "None",
            "no authentication: Zoom's API rejects such requests",
        ),
        (
            PropertyId::AuthScheme,
            "OAuth",
            "OAuth 2.0 authorization code flow — what the Zoom profile uses",
        ),
        (
            PropertyId::AuthScheme,
            "OAuthClient",
            "OAuth client credentials (driver-wide; not accepted by the Zoom profile)",
        ),
        (
            PropertyId::AuthScheme,
            "Basic",
            "HTTP Basic (driver-wide; not accepted by the Zoom profile)",
        ),
        (
            PropertyId::AuthScheme,
            "NTLM",
            "Windows NTLM (driver-wide; not accepted by the Zoom profile)",
        ),
        (
            PropertyId::InitiateOAuth,
            "OFF",
            "the access token is supplied in OAuthAccessToken; the driver does not run the OAuth flow",
        ),
        (
            PropertyId::InitiateOAuth,
            "GETANDREFRESH",
            "the driver runs the OAuth flow when it has no token, and refreshes the token when it expires",
        ),
        (
            PropertyId::InitiateOAuth,
            "REFRESH",
            "the driver only refreshes an existing token (OAuthRefreshToken or OAuthSettingsLocation)",
        ),
    ];
    MEANINGS
        .iter()
        .find(|(p, v, _)| *p == property && v.eq_ignore_ascii_case(value.trim()))
        .map(|(_, _, m)| *m)
}

/// Where the OAuth flows need a property, in words.
fn needed_by(p: &Property) -> Vec<String> {
    let mut out: Vec<String> = FLOWS
        .iter()
        .filter(|f| f.requires.contains(&p.id))
        .map(|f| match f.initiate_oauth {
            Some(i) => format!("AuthScheme={} with InitiateOAuth={i}", f.auth_scheme),
            None => format!("AuthScheme={}", f.auth_scheme),
        })
        .collect();
    out.extend(
        DEPENDENCIES
            .iter()
            .filter(|d| d.requires == p.id)
            .map(|d| format!("{} is set", d.when_set)),
    );
    out
}

/// The Markdown of a property, as `explain` describes it.
///
/// ```
/// let p = zoomconn::registry::lookup("InitiateOAuth").unwrap().property;
/// assert!(crate::lsp::hover::describe(p).contains("GETANDREFRESH"));
/// ```
pub(crate) fn describe(p: &Property) -> String {
    let mut s = format!("**{}** — {}\n\n", p.name, p.description);
    s.push_str(&format!("- type: {}\n", p.value_type));
    let values = p.accepted_values();
    if !values.is_empty() {
        s.push_str("- values:\n");
        for v in values {
            match meaning(p.id, v) {
                Some(m) => s.push_str(&format!("  - `{v}`: {m}\n")),
                None => s.push_str(&format!("  - `{v}`\n")),
            }
        }
    }
    s.push_str(&format!(
        "- default: {}\n",
        p.default.map_or("(none)".to_owned(), |d| format!("`{d}`"))
    ));
    if !p.aliases.is_empty() {
        s.push_str(&format!("- aliases: {}\n", p.aliases.join(", ")));
    }
    let needed = needed_by(p);
    if !needed.is_empty() {
        s.push_str(&format!("- required when: {}\n", needed.join("; ")));
    }
    s.push_str(if p.secret {
        "- secret: yes — never shown by zoomconn\n"
    } else {
        "- secret: no\n"
    });
    s.push_str(if p.zoom {
        "- scope: Zoom profile\n"
    } else {
        "- scope: generic CData property\n"
    });
    s
}

/// The segment of `body` whose text holds `at` (its `;` excluded).
pub(crate) fn segment_at<'a>(
    body: &'a str,
    syntax: zoomconn::Syntax,
    at: usize,
) -> Option<Segment<'a>> {
    Tokenizer::with_syntax(body, syntax)
        .map_while(Result::ok)
        .find(|s| s.key_span().start <= at && at <= s.value_span().end.max(s.key_span().end))
}

/// The hover at file byte `offset`, and the file byte range it is about.
pub(crate) fn hover(analysis: &Analysis, offset: usize) -> Option<(String, Range<usize>)> {
    let (entry, d) = analysis.at(offset)?;
    let found = &entry.found;
    let body_at = entry.body_offset();
    let at = d.checked_sub(body_at)?;
    let seg = segment_at(found.body(), found.syntax(), at)?;
    let on_key = at <= seg.key_span().end;
    let span = if on_key {
        seg.key_span()
    } else {
        seg.value_span()
    };
    let file = found.file_range(body_at + span.start..body_at + span.end);
    let secret_here = entry
        .checked
        .secret_spans()
        .any(|s| s.start < body_at + span.end && body_at + span.start < s.end);
    let Some(m) = registry::lookup(seg.key()) else {
        // Not a known property: its name may be secret text; say nothing of it but the
        // registry's nearest name.
        if secret_here && !on_key {
            return Some((
                "This value is **secret**: zoomconn never shows it.".to_owned(),
                file,
            ));
        }
        let near = if secret_here {
            None
        } else {
            registry::suggest(seg.key())
        };
        let text = match near {
            Some(n) => format!("Not a known property. Did you mean **{n}**?"),
            None => "Not a known property of the Zoom profile.".to_owned(),
        };
        return Some((text, file));
    };
    let p = m.property;
    let mut text = String::new();
    if !on_key {
        if p.secret || secret_here {
            text.push_str("This value is **secret**: zoomconn never shows it.\n\n---\n\n");
        } else if let Some(v) = seg.value().and_then(|v| {
            p.accepted_values()
                .iter()
                .find(|a| a.eq_ignore_ascii_case(v.trim()))
        }) {
            match meaning(p.id, v) {
                Some(means) => text.push_str(&format!("`{}={v}`: {means}\n\n---\n\n", p.name)),
                None => text.push_str(&format!(
                    "`{v}` is an accepted value of {}.\n\n---\n\n",
                    p.name
                )),
            }
        }
    }
    text.push_str(&describe(p));
    Some((text, file))
}

/// The LSP hover.
pub(crate) fn to_lsp(text: String, range: lsp_types::Range) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(range),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zoomconn::{AuthScheme, InitiateOAuth};

    #[test]
    fn every_zoom_enum_value_has_a_meaning() {
        for v in AuthScheme::NAMES {
            assert!(meaning(PropertyId::AuthScheme, v).is_some(), "{v}");
        }
        for v in InitiateOAuth::NAMES {
            assert!(meaning(PropertyId::InitiateOAuth, v).is_some(), "{v}");
        }
    }
}
