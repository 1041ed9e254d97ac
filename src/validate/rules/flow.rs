//! The OAuth flow: `missing-auth-scheme`, `unsupported-auth-scheme`, `auth-scheme-none`,
//! `missing-required` and `refresh-without-token`, from the registry's flow tables.
//!
//! Nothing cascades: when AuthScheme or InitiateOAuth has an invalid value (an `invalid-enum`
//! finding), the flow it asks for is unknown and its requirements are not checked.

use std::ops::Range;

use crate::registry::{
    self, AuthScheme, DEPENDENCIES, FLOWS, InitiateOAuth, PropertyId, REFRESH_SOURCES,
};
use crate::validate::messages;
use crate::validate::rules::{Slots, Values};
use crate::validate::sink::Sink;

pub(crate) fn check(
    slots: &Slots<'_, '_>,
    values: &Values,
    findings: &mut Sink,
    start: Range<usize>,
) {
    let Some(auth) = values.auth_scheme else {
        // Absent: required. Present but invalid: `invalid-enum` said so already.
        if slots.get(PropertyId::AuthScheme).is_none() {
            findings.push(messages::missing_auth_scheme(start));
        }
        return;
    };
    let auth_span = slots
        .get(PropertyId::AuthScheme)
        .map_or(start.clone(), |i| i.value_span());
    match auth {
        AuthScheme::None => findings.push(messages::auth_scheme_none(auth_span)),
        a if !a.is_supported() => findings.push(messages::unsupported_auth_scheme(auth_span, a)),
        _ => {}
    }
    for dependency in DEPENDENCIES {
        if slots.present(dependency.when_set) && !slots.present(dependency.requires) {
            findings.push(messages::missing_dependency(start.clone(), dependency));
        }
    }
    if values.initiate_oauth_invalid {
        return;
    }
    let initiate = values.initiate_oauth;
    for flow in FLOWS.iter().filter(|f| f.applies(auth, initiate)) {
        for &id in flow.requires.iter().filter(|&&id| !slots.present(id)) {
            findings.push(messages::missing_required(
                start.clone(),
                id.name(),
                flow,
                initiate,
            ));
        }
    }
    if initiate == InitiateOAuth::Refresh && !REFRESH_SOURCES.iter().any(|&id| slots.present(id)) {
        let span = slots
            .get(PropertyId::InitiateOAuth)
            .map_or(start, |i| i.value_span());
        let names: Vec<&str> = REFRESH_SOURCES.iter().map(|id| id.name()).collect();
        findings.push(messages::refresh_without_token(
            span,
            &registry::or_list(&names),
        ));
    }
}
