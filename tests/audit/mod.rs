//! The canary and the inputs of the secret audits, shared by the audits of every crate.
#![allow(dead_code)]

use zoomconn::registry;

pub(crate) const CANARY: &str = "Cx7Q9zCANARYk2";

pub(crate) fn secret_names() -> Vec<&'static str> {
    registry::PROPERTIES
        .iter()
        .filter(|p| p.secret)
        .map(|p| p.name)
        .collect()
}

/// A valid config with the canary in every secret property.
pub(crate) fn with_canaries() -> String {
    let mut s = String::from(
        "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=id;CallbackURL=http://localhost:33333;OAuthSettingsLocation=memory://z;",
    );
    for (i, name) in secret_names().iter().enumerate() {
        s.push_str(&format!("{name}={CANARY}{i};"));
    }
    s
}

/// Inputs that go through the error and warning paths with canaries in secret values.
pub(crate) fn broken_inputs() -> Vec<String> {
    let mut v = Vec::new();
    for name in secret_names() {
        v.push(format!("Profile=Zoom.apip;{name}='{CANARY}")); // unterminated quote
        v.push(format!("Profile=Zoom.apip;{name}={CANARY};x{CANARY}")); // text after a secret read as a key
        v.push(format!(
            "Profile=Zoom.apip;{name}={CANARY};{CANARY};AuthScheme=OAuth"
        )); // key with `;`
        v.push(format!("Profile=Zoom.apip;{name}={CANARY}'")); // quote ends value
        v.push(format!(
            "Profile=Zoom.apip;{name}={CANARY};{name}={CANARY}2;{name}="
        )); // duplicates, empty
        v.push(format!(
            "Profile=Zoom.apip;AuthScheme=Basic;{name}=xxx{CANARY}"
        )); // placeholder
        v.push(format!("Profile=Zoom.apip;AuthScheme=OAuth;Other=\"{name}={CANARY}\";ProfileSettings='{name}=\"{CANARY}'")); // nested
        v.push(format!("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;ProfileSettings=\"{name}='{CANARY}\""));
        v.push(format!(
            "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;{name}=a;{CANARY};X=1"
        )); // valid, key withheld
        v.push(format!(
            "Profile=Zoom.apip;AuthScheme=OAuth;{name}={CANARY};InitiateOAuth=GETANDREFESH"
        )); // an error with a suggestion after a secret
        v.push(format!(
            "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFESH {name}={CANARY}"
        )); // an enum value that runs into a secret: no suggestion, no secret
        v.push(format!(
            "Z={name}=a;{CANARY};Profile=Zoom.apip;AuthScheme=OAuth"
        )); // a secret named inside another value, its tail a key with `;`
        v.push(format!(
            "Profile=Zoom.apip;Scope=k1 {name}={CANARY};AuthScheme=OAuth"
        )); // a forgotten `;`: the secret's name ends a spaced key
        v.push(format!(
            "{{\"Zoom\": \"{name}={CANARY};Profile=Zoom.apip;AuthScheme=OAuth\"}}"
        )); // a file's text read as the string: the name ends a key after a quote
    }
    // Misspelt secret names ending a key after a forgotten `;`.
    for near in ["Pasword", "OAuthClientSecrte", "OAuth_Refresh_Tokn"] {
        v.push(format!(
            "Profile=Zoom.apip;Scope=k1 {near}={CANARY};AuthScheme=OAuth"
        ));
        v.push(format!(
            "Profile=Zoom.apip;Timeout=x_y.{near}={CANARY};AuthScheme=OAuth"
        ));
    }
    v
}

#[track_caller]
pub(crate) fn assert_clean(what: &str, text: &str) {
    assert!(!text.contains(CANARY), "{what} leaks the canary: {text}");
}
