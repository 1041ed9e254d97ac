//! The rules on each value by its property's type: `placeholder-value`, `invalid-enum`,
//! `invalid-value`, `invalid-callback-url`, `insecure-callback-url`, `nested-syntax` and
//! `missing-semicolon` inside nested strings.

use std::ops::Range;

use crate::grammar::chars;
use crate::grammar::driver::{self, Segments};
use crate::grammar::raw::{Raw, ValueForm};
use crate::grammar::syntax::Syntax;
use crate::registry::{self, AuthScheme, InitiateOAuth, Property, PropertyId, ValueType};
use crate::secrets::classify_key;
use crate::validate::callback;
use crate::validate::finding::Rule;
use crate::validate::glue;
use crate::validate::item::{Item, Texts};
use crate::validate::messages::{self, Named};
use crate::validate::rules::Values;
use crate::validate::sink::Sink;

/// Is `value` a documentation placeholder: `your_…`, `<…>`, `xxx…`, `changeme` or `TODO`?
fn is_placeholder(value: &str) -> bool {
    let v = chars::trim(value);
    // Every placeholder starts with one of these.
    if !matches!(
        v.as_bytes().first(),
        Some(b'y' | b'Y' | b'<' | b'x' | b'X' | b'c' | b'C' | b't' | b'T')
    ) {
        return false;
    }
    let starts = |p: &str| v.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    starts("your_")
        || (v.len() >= 2 && v.starts_with('<') && v.ends_with('>'))
        || starts("xxx")
        || v.eq_ignore_ascii_case("changeme")
        || v.eq_ignore_ascii_case("todo")
}

/// The value rules on every item.
pub(crate) fn check(
    items: &[Item],
    texts: &Texts<'_>,
    findings: &mut Sink,
    syntax: Syntax,
    zoom: bool,
) -> Values {
    let mut values = Values::default();
    for item in items {
        let span = item.value_span();
        let value = chars::trim(item.value(texts));
        if is_placeholder(value) && findings.wants(Rule::PlaceholderValue, &span) {
            let secret = item.value_secret
                || match item.property {
                    Some(p) => p.secret,
                    None => classify_key(item.key(texts)).is_some(),
                };
            let known = item.property.is_some();
            let name = if item.key_withheld {
                "a key after a secret value (text withheld)"
            } else {
                item.name(texts)
            };
            let f = messages::placeholder(span.clone(), name, value, known, secret);
            findings.push(f);
        }
        let Some(p) = item.property else { continue };
        // A property glued into a secret value (a forgotten `;`): its value is not quoted.
        let withheld = item.value_secret && !p.secret;
        match p.value_type {
            ValueType::Enum(accepted) => match p.id {
                // Other drivers accept other schemes.
                PropertyId::AuthScheme if !zoom => {}
                PropertyId::AuthScheme => match value.parse::<AuthScheme>() {
                    Ok(a) => values.auth_scheme = Some(a),
                    Err(e) => findings.push(messages::enum_error(span, value, &e, withheld)),
                },
                PropertyId::InitiateOAuth => match value.parse::<InitiateOAuth>() {
                    Ok(v) => values.initiate_oauth = v,
                    Err(e) => {
                        values.initiate_oauth_invalid = true;
                        findings.push(messages::enum_error(span, value, &e, withheld));
                    }
                },
                _ if accepted.iter().any(|v| v.eq_ignore_ascii_case(value)) => {}
                _ => {
                    let near = registry::nearest(value, accepted.iter().copied());
                    let expected = registry::or_list(accepted);
                    let f = messages::invalid_enum(span, p.name, value, &expected, near, withheld);
                    findings.push(f);
                }
            },
            ValueType::Int { min, max } => {
                if !value.parse::<i64>().is_ok_and(|n| (min..=max).contains(&n)) {
                    let expected = if max == i64::MAX {
                        format!("an integer ≥ {min}")
                    } else {
                        format!("an integer from {min} to {max}")
                    };
                    invalid(findings, p, span, value, &expected, withheld);
                }
            }
            ValueType::Bool => {
                if !value.eq_ignore_ascii_case("true") && !value.eq_ignore_ascii_case("false") {
                    invalid(findings, p, span, value, "true or false", withheld);
                }
            }
            ValueType::Port => {
                if !value.parse::<u16>().is_ok_and(|n| n >= 1) {
                    invalid(findings, p, span, value, "a port from 1 to 65535", withheld);
                }
            }
            ValueType::Url => match callback::check(value) {
                Err(problem) => {
                    let f = messages::invalid_callback_url(span, p.name, value, &problem, withheld);
                    findings.push(f);
                }
                Ok(checked) => {
                    if let Some(host) = &checked.insecure_host {
                        let f = messages::insecure_callback_url(span, p.name, host, withheld);
                        findings.push(f);
                    }
                    values.callback_url = Some(checked.url);
                }
            },
            ValueType::Nested => nested(item, texts, p, findings, syntax, zoom),
            ValueType::String | ValueType::Secret => {}
        }
    }
    values
}

/// `invalid-value` for `value` of `p` (not quoted when `withheld`: part of a secret value).
fn invalid(
    findings: &mut Sink,
    p: &Property,
    span: std::ops::Range<usize>,
    value: &str,
    expected: &str,
    withheld: bool,
) {
    let f = messages::invalid_value(span, p.name, value, expected, p.secret || withheld);
    findings.push(f);
}

/// The segments of a nested string, as far as its rules ask: the known properties glued into
/// its unquoted values (when `zoom`), with the name of the value each is glued into.
struct Nested {
    zoom: bool,
    glued: Vec<GluedIn>,
}

/// A known property glued into a nested value: where its name is (in the nested string), which
/// property, and the key of the value it is glued into — a known property's canonical name, or
/// the key as written.
struct GluedIn {
    name: Range<usize>,
    property: &'static str,
    container: Result<&'static str, String>,
}

impl Segments for Nested {
    fn segment(&mut self, src: &str, raw: Raw) {
        if !self.zoom || raw.form != ValueForm::Plain {
            return;
        }
        let key = raw.raw_key(src);
        let property = registry::lookup(key).map(|m| m.property);
        if property.is_some_and(|p| p.value_type == ValueType::Nested) {
            return;
        }
        let Some(value) = raw.raw_value(src) else {
            return;
        };
        let glued = glue::find(value);
        if glued.is_empty() {
            return;
        }
        let container = property.map(|p| p.name).ok_or_else(|| key.to_owned());
        for g in glued {
            self.glued.push(GluedIn {
                name: raw.v_start + g.name.start..raw.v_start + g.name.end,
                property: g.property.name,
                container: container.clone(),
            });
        }
    }
}

/// `nested-syntax`: a nested connection string that does not parse, at the error's position in
/// the outer string; and `missing-semicolon` inside its values. (Its secrets are the secret
/// tracker's.)
fn nested(
    item: &Item,
    texts: &Texts<'_>,
    p: &Property,
    findings: &mut Sink,
    syntax: Syntax,
    zoom: bool,
) {
    let mut sink = Nested {
        zoom,
        glued: Vec::new(),
    };
    let parsed = driver::drive(item.value(texts), syntax, &mut sink);
    for g in &sink.glued {
        let at = item.value_offset(texts, g.name.start)..item.value_offset(texts, g.name.end);
        let container = match &g.container {
            Ok(name) => Named::Property(name),
            Err(key) => Named::Key(key),
        };
        findings.push(messages::glued_property(at, g.property, container));
    }
    if let Err(e) = parsed {
        let at = item.value_offset(texts, e.offset());
        let end = item.value_offset(texts, e.span().end).max(at);
        findings.push(messages::nested_syntax(at..end, p.name, &e));
    }
}
