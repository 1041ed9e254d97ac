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
        "invalid Zoom connection string: 1:30: invalid-enum: invalid value `OAuth2` for AuthScheme: expected None or OAuth; did you mean OAuth? at line 1 column 37"
    );
    let err = serde_json::from_str::<Config>(r#"{"Profile": "Zoom.apip", "AuthScheme": "OAuth", "OAuthClientSecret": "zzTOPSECRETzz", "InitiateOAuth": "GETANDREFRESH"}"#).unwrap_err();
    assert!(err.to_string().contains("missing-required"), "{err}");
    assert!(!err.to_string().contains("zzTOPSECRETzz"));
    let err = toml::from_str::<toml::Table>("x = 1")
        .map(|_| ())
        .and_then(|_| toml::from_str::<Config>("Profile = [1]").map(|_| ()));
    assert!(err.is_err());
}

#[test]
fn maps_take_the_cdata_name_in_any_case_spaced_aliases_and_snake_case() {
    let expected = Config::parse(
        "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=abc;OAuthClientSecret=s3cret;CallbackURL=http://localhost:33333;Timeout=30",
    )
    .unwrap();
    let toml_snake = "profile = \"Zoom.apip\"\nauth_scheme = \"OAuth\"\ninitiate_oauth = \"GETANDREFRESH\"\noauth_client_id = \"abc\"\noauth_client_secret = \"s3cret\"\ncallback_url = \"http://localhost:33333\"\ntimeout = 30\n";
    let toml_cdata = "Profile = \"Zoom.apip\"\nAuthScheme = \"OAuth\"\nInitiateOAuth = \"GETANDREFRESH\"\nOAuthClientId = \"abc\"\nOAuthClientSecret = \"s3cret\"\nCallbackURL = \"http://localhost:33333\"\nTimeout = 30\n";
    let json_mixed = r#"{"PROFILE": "Zoom.apip", "Auth Scheme": "OAuth", "initiate-oauth": "GETANDREFRESH", "OAuth Client Id": "abc", "oauth_client_secret": "s3cret", "Callback URL": "http://localhost:33333", "timeout": 30}"#;
    for cfg in [
        toml::from_str::<Config>(toml_snake).unwrap(),
        toml::from_str::<Config>(toml_cdata).unwrap(),
        serde_json::from_str::<Config>(json_mixed).unwrap(),
    ] {
        assert_eq!(cfg, expected);
    }
}

#[test]
fn map_errors_name_the_field_as_written_and_the_accepted_spellings() {
    #[rustfmt::skip]
    let table: &[(&str, &str)] = &[
        (r#"{"profile": "Zoom.apip", "auth_schem": "OAuth"}"#,
         "unknown field `auth_schem`: did you mean AuthScheme? (accepted spellings: AuthScheme, Auth Scheme, auth_scheme)"),
        (r#"{"profile": "Zoom.apip", "AuthScheme": "OAuth", "auth_scheme": "None"}"#,
         "`auth_scheme` sets AuthScheme, which `AuthScheme` set already"),
    ];
    for &(json, message) in table {
        let err = serde_json::from_str::<Config>(json)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with(message), "{err}");
    }
    // Fields that are not near a known name are further properties.
    let cfg: Config = serde_json::from_str(
        r#"{"profile": "Zoom.apip", "auth_scheme": "OAuth", "oauth_access_token": "t", "Region": "EU"}"#,
    )
    .unwrap();
    assert_eq!(cfg.get("region"), Some("EU"));
}
