//! Load a Zoom configuration with serde: from a connection string in JSON, or from a TOML
//! table of properties. Either way it is validated.
//!
//! Run with `cargo run --example serde_config --features serde`.

use serde::Deserialize;
use zoomconn::Config;

#[derive(Deserialize)]
struct AppSettings {
    #[serde(rename = "ConnectionStrings")]
    connection_strings: ConnectionStrings,
}

#[derive(Deserialize)]
struct ConnectionStrings {
    #[serde(rename = "Zoom")]
    zoom: Config,
}

#[derive(Deserialize)]
struct Settings {
    zoom: Config,
}

fn main() {
    let json = r#"{
        "ConnectionStrings": {
            "Zoom": "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=abc;OAuthClientSecret=s3cret;CallbackURL=http://localhost:33333"
        }
    }"#;
    let app: AppSettings = serde_json::from_str(json).expect("valid appsettings.json");
    println!("from JSON: {}", app.connection_strings.zoom.redacted());

    let toml_text = r#"
        [zoom]
        Profile = "Zoom.apip"
        "Auth Scheme" = "OAuth"
        InitiateOAuth = "REFRESH"
        OAuthClientId = "abc"
        OAuthClientSecret = "s3cret"
        OAuthSettingsLocation = "memory://zoom"
        Timeout = 30
    "#;
    let settings: Settings = toml::from_str(toml_text).expect("valid TOML");
    println!("from TOML: {}", settings.zoom.redacted());

    let bad = r#"{"ConnectionStrings": {"Zoom": "Profile=Zoom.apip;AuthScheme=OAuth2"}}"#;
    match serde_json::from_str::<AppSettings>(bad) {
        Ok(_) => println!("unexpectedly accepted"),
        Err(e) => println!("rejected: {e}"),
    }
}
