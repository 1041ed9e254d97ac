//! The property registry is consistent with itself: ids, names, aliases, defaults, the enums and
//! the flow tables all say the same thing.

use zoomconn::registry::{self, DEPENDENCIES, FLOWS, PROPERTIES, PropertyId, ValueType};
use zoomconn::{AuthScheme, InitiateOAuth};

#[test]
fn ids_name_their_rows() {
    assert_eq!(PropertyId::ALL.len(), PROPERTIES.len());
    for (id, p) in PropertyId::ALL.iter().zip(PROPERTIES) {
        assert_eq!(p.id, *id);
        assert_eq!(id.name(), p.name);
        assert!(std::ptr::eq(id.property(), p));
    }
}

#[test]
fn names_and_aliases_find_their_property_and_no_other() {
    for p in PROPERTIES {
        let m = registry::lookup(p.name).unwrap();
        assert_eq!((m.property.id, m.via_alias), (p.id, false), "{}", p.name);
        assert_eq!(
            registry::lookup(&p.name.to_uppercase())
                .unwrap()
                .property
                .id,
            p.id
        );
        for alias in p.aliases {
            // The lookup's tag tables hold ASCII spellings, and it asks about aliases only
            // for spaced names.
            assert!(alias.is_ascii() && alias.contains(' '), "{alias}");
            for spelling in [
                alias.to_string(),
                alias.to_lowercase(),
                alias.to_uppercase(),
            ] {
                let m = registry::lookup(&spelling).unwrap();
                assert_eq!((m.property.id, m.via_alias), (p.id, true), "{spelling}");
            }
        }
        assert!(p.name.is_ascii(), "{}", p.name);
        // Keys compare as .NET's OrdinalIgnoreCase: the Kelvin sign is not `k`, so a name
        // spelled with it is no property.
        let kelvin = p.name.replace(['k', 'K'], "\u{212a}");
        if kelvin != p.name {
            assert!(registry::lookup(&kelvin).is_none(), "{kelvin}");
        }
    }
    // No two spellings fold to the same text.
    let mut all: Vec<String> = PROPERTIES
        .iter()
        .flat_map(|p| std::iter::once(p.name).chain(p.aliases.iter().copied()))
        .map(str::to_lowercase)
        .collect();
    let n = all.len();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), n);
}

/// Does `value` pass `ty`'s check, as validation runs it?
fn accepted(ty: ValueType, value: &str) -> bool {
    match ty {
        ValueType::Int { min, max } => value.parse::<i64>().is_ok_and(|n| (min..=max).contains(&n)),
        ValueType::Bool => {
            value.eq_ignore_ascii_case("true") || value.eq_ignore_ascii_case("false")
        }
        ValueType::Port => value.parse::<u16>().is_ok_and(|n| n >= 1),
        ValueType::Enum(values) => values.iter().any(|v| v.eq_ignore_ascii_case(value)),
        _ => true,
    }
}

#[test]
fn every_default_is_a_value_its_property_accepts() {
    for p in PROPERTIES {
        if let Some(default) = p.default {
            assert!(accepted(p.value_type, default), "{}={default}", p.name);
        }
    }
}

#[test]
fn secret_flags_follow_the_type_and_the_secret_policy() {
    for p in PROPERTIES {
        assert_eq!(p.secret, p.value_type == ValueType::Secret, "{}", p.name);
        assert_eq!(
            zoomconn::secrets::is_secret_key(p.name),
            p.secret,
            "{}",
            p.name
        );
    }
}

#[test]
fn the_last_word_of_every_secret_name_and_alias_is_secret_on_its_own() {
    // Text after a secret name with a forgotten `;` is masked word by word: the last word of a
    // spaced alias (`OAuth Verifier=…`) must be enough.
    for p in PROPERTIES.iter().filter(|p| p.secret) {
        for name in std::iter::once(p.name).chain(p.aliases.iter().copied()) {
            let last = name.rsplit(' ').next().unwrap();
            assert!(zoomconn::secrets::is_secret_key(last), "{name}: {last}");
        }
    }
}

#[test]
fn the_enums_are_the_registrys_accepted_values() {
    assert_eq!(
        PropertyId::AuthScheme.property().accepted_values(),
        AuthScheme::NAMES
    );
    assert_eq!(
        PropertyId::InitiateOAuth.property().accepted_values(),
        InitiateOAuth::NAMES
    );
    for (v, name) in AuthScheme::ALL.iter().zip(AuthScheme::NAMES) {
        assert_eq!(v.as_str(), *name);
    }
    for (v, name) in InitiateOAuth::ALL.iter().zip(InitiateOAuth::NAMES) {
        assert_eq!(v.as_str(), *name);
    }
}

#[test]
fn flows_name_known_properties_and_cover_every_oauth_flow() {
    for flow in FLOWS {
        assert!(!flow.requires.is_empty());
    }
    for initiate in InitiateOAuth::ALL {
        let n = FLOWS
            .iter()
            .filter(|f| f.applies(AuthScheme::OAuth, *initiate))
            .count();
        assert_eq!(n, 1, "AuthScheme=OAuth, InitiateOAuth={initiate}");
    }
    for d in DEPENDENCIES {
        assert_ne!(d.when_set, d.requires);
    }
}
