//! serde (feature `serde`): configs as strings or maps, validated either way.
#![cfg(feature = "serde")]

use zoomconn::{Config, ConnectionString};

const VALID: &str = "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=abc;OAuthClientSecret=s3cret;CallbackURL=http://localhost:33333;";

#[test]
fn json_string_round_trip() {
    let cfg: Config = serde_json::from_str(&serde_json::to_string(VALID).unwrap()).unwrap();
    assert_eq!(
        serde_json::to_string(&cfg).unwrap(),
        serde_json::to_string(VALID).unwrap()
    );
    let cs: ConnectionString = serde_json::from_str("\" a = 1 \"").unwrap();
    assert_eq!(serde_json::to_string(&cs).unwrap(), "\" a = 1 \"");
}

#[test]
fn json_map_with_aliases_and_any_case() {
    let json = r#"{"profile": "Zoom.apip", "Auth Scheme": "oauth", "OAUTHACCESSTOKEN": "t", "Timeout": 30, "Readonly": true}"#;
    let cfg: Config = serde_json::from_str(json).unwrap();
    assert_eq!(cfg.auth_scheme(), zoomconn::AuthScheme::OAuth);
    assert_eq!(cfg.timeout(), Some(std::time::Duration::from_secs(30)));
    assert_eq!(cfg.get("readonly"), Some("true"));
}

#[test]
fn toml_table_and_string() {
    #[derive(serde::Deserialize)]
    struct Settings {
        zoom: Config,
        raw: Config,
    }
    let text = format!(
        "raw = '{VALID}'\n[zoom]\nProfile = \"Zoom.apip\"\nAuthScheme = \"OAuth\"\nOAuthAccessToken = \"t\"\nVerbosity = 2\n"
    );
    let s: Settings = toml::from_str(&text).unwrap();
    assert_eq!(s.zoom.verbosity(), Some(2));
    assert_eq!(s.raw.to_string(), VALID);
}

#[test]
fn errors_are_readable_and_keep_secrets() {
    let err =
        serde_json::from_str::<Config>(r#""Profile=Zoom.apip;AuthScheme=OAuth2""#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid Zoom connection string: invalid value `OAuth2` for AuthScheme: expected None or OAuth [invalid-enum] at line 1 column 37"
    );
    let err = serde_json::from_str::<Config>(r#"{"Profile": "Zoom.apip", "AuthScheme": "OAuth", "OAuthClientSecret": "zzTOPSECRETzz", "InitiateOAuth": "GETANDREFRESH"}"#).unwrap_err();
    assert!(err.to_string().contains("missing-required"), "{err}");
    assert!(!err.to_string().contains("zzTOPSECRETzz"));
    let err = toml::from_str::<toml::Table>("x = 1")
        .map(|_| ())
        .and_then(|_| toml::from_str::<Config>("Profile = [1]").map(|_| ()));
    assert!(err.is_err());
}
