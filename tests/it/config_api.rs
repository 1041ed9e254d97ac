//! The typed API as its users reach for it: editing a config through its builder, durations
//! that read back as at least what was asked, equality and hashing by meaning.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::time::Duration;

use proptest::prelude::*;
use zoomconn::{AuthScheme, Config, ConfigBuilder, InitiateOAuth};

const BASE: &str = "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;";

fn hash(cfg: &Config) -> u64 {
    let mut h = DefaultHasher::new();
    cfg.hash(&mut h);
    h.finish()
}

#[test]
fn timeouts_read_back_as_at_least_what_was_asked() {
    #[rustfmt::skip]
    let table: &[(Duration, &str, Duration)] = &[
        (Duration::ZERO,                 "Timeout=0;",  Duration::ZERO),
        (Duration::from_nanos(1),        "Timeout=1;",  Duration::from_secs(1)),
        (Duration::from_millis(500),     "Timeout=1;",  Duration::from_secs(1)),
        (Duration::from_secs(1),         "Timeout=1;",  Duration::from_secs(1)),
        (Duration::from_millis(1_001),   "Timeout=2;",  Duration::from_secs(2)),
        (Duration::from_secs(60),        "Timeout=60;", Duration::from_secs(60)),
    ];
    for &(asked, written, read) in table {
        let cfg = Config::parse(BASE)
            .unwrap()
            .to_builder()
            .timeout(asked)
            .build()
            .unwrap();
        assert!(cfg.to_string().ends_with(written), "{asked:?}: {cfg}");
        assert_eq!(cfg.timeout(), Some(read), "{asked:?}");
        assert!(read >= asked);
    }
}

#[test]
fn typed_setters_replace_a_property_whatever_its_spelling() {
    let cfg = Config::parse(
        "profile=Zoom.apip;Auth Scheme=None;X-Team=ops;initiate oauth=REFRESH;OAuthClientId=id;OAuthClientSecret=s;OAuthRefreshToken=r;Region=EU",
    )
    .unwrap();
    let edited = cfg
        .to_builder()
        .auth_scheme(AuthScheme::OAuth)
        .initiate_oauth(InitiateOAuth::Off)
        .oauth_access_token("t")
        .build()
        .unwrap();
    assert_eq!(
        edited.to_string(),
        "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=OFF;OAuthClientId=id;OAuthClientSecret=s;X-Team=ops;OAuthRefreshToken=r;Region=EU;OAuthAccessToken=t;"
    );
    // The builder of a config builds it again, unchanged.
    assert_eq!(ConfigBuilder::from(&cfg).build().unwrap(), cfg);
}

#[test]
fn to_builder_round_trips_every_conformance_input_that_forms_a_config() {
    let vectors = include_str!("../data/parse.jsonl");
    let mut checked = 0;
    for line in vectors.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let input = v["input"].as_str().unwrap();
        let Ok(cfg) = Config::parse(&format!("{BASE}{input}")) else {
            continue;
        };
        let again = cfg.to_builder().build().unwrap();
        assert_eq!(again, cfg, "{input:?}");
        assert_eq!(again.to_string(), cfg.to_string(), "{input:?}");
        assert_eq!(hash(&again), hash(&cfg));
        checked += 1;
    }
    assert!(checked > 300, "only {checked} inputs formed a config");
}

#[test]
fn equal_by_meaning_whatever_the_order_and_spelling() {
    #[rustfmt::skip]
    let table: &[(&str, &str, bool)] = &[
        ("Scope=a b;Timeout=60", "Timeout=060;scope='a b'", true),
        ("Auth Scheme=None", "AuthScheme=NONE", true), // both replace BASE's AuthScheme
        ("Readonly=TRUE", "readonly=true", true),
        ("CallbackURL=HTTP://LOCALHOST:1", "Callback URL=http://localhost:1/", true),
        ("X-Team=ops", "x-team=ops", true),
        ("X-Team=ops", "X-Team=OPS", false),
        ("Scope=a", "Scope=b", false),
        ("Scope=a", "", false),
        ("OAuthClientSecret=s", "OAuth Client Secret=s", true),
    ];
    for &(a, b, equal) in table {
        let a = Config::parse(&format!("{BASE}{a}")).unwrap();
        let b = Config::parse(&format!("{BASE}{b}")).unwrap();
        assert_eq!(a == b, equal, "{a:?} == {b:?}");
        if equal {
            assert_eq!(hash(&a), hash(&b), "{a:?}");
        }
    }
}

/// Properties to permute, each in two spellings of the same meaning.
const PROPERTIES: &[(&str, &str)] = &[
    ("Scope=x y", "scope=\"x y\""),
    ("Timeout=30", "timeout=030"),
    ("Verbosity=2", "verbosity=2"),
    ("InitiateOAuth=OFF", "Initiate OAuth=off"),
    ("Region=EU", "region=EU"),
    ("UseConnectionPooling=true", "Use Connection Pooling=TRUE"),
];

proptest! {
    /// Reordering and respelling the properties of a config gives an equal config with an
    /// equal hash; equality is reflexive and symmetric.
    #[test]
    fn equality_and_hash_laws(
        order in Just((0..PROPERTIES.len()).collect::<Vec<_>>()).prop_shuffle(),
        spelling in proptest::collection::vec(proptest::bool::ANY, PROPERTIES.len()),
    ) {
        let written: Vec<&str> = (0..PROPERTIES.len()).map(|i| PROPERTIES[i].0).collect();
        let shuffled: Vec<&str> = order
            .iter()
            .map(|&i| if spelling[i] { PROPERTIES[i].1 } else { PROPERTIES[i].0 })
            .collect();
        let a = Config::parse(&format!("{BASE}{}", written.join(";"))).unwrap();
        let b = Config::parse(&format!("{BASE}{}", shuffled.join(";"))).unwrap();
        prop_assert_eq!(&a, &a);
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(&b, &a);
        prop_assert_eq!(hash(&a), hash(&b));
    }
}
