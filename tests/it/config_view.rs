//! The config as a view over one connection string: accessors read the map, masked output
//! shows no secret, and edits change the map minimally and validate the view again.

use std::time::Duration;

use zoomconn::registry::PropertyId;
use zoomconn::{AuthScheme, Config, InitiateOAuth};

const BASE: &str = "Profile=Zoom.apip;AuthScheme=OAuth;";

/// Every piece of `secret` of 5 chars or more.
fn pieces(secret: &str) -> Vec<&str> {
    let n = secret.len();
    (0..n)
        .flat_map(|i| (i + 5..=n).map(move |j| (i, j)))
        .filter_map(|(i, j)| secret.get(i..j))
        .collect()
}

fn assert_no_piece(what: &str, text: &str, secrets: &[&str]) {
    for secret in secrets {
        for piece in pieces(secret) {
            assert!(!text.contains(piece), "{what} shows `{piece}`: {text}");
        }
    }
}

#[test]
// One row of the table is one tuple: input, then each accessor's expected value.
#[allow(clippy::type_complexity)]
fn accessors_read_the_values_of_the_map() {
    // (input, profile, auth scheme, initiate oauth, client id, client secret, callback URL as
    // written, scope, timeout, names in canonical order, an unknown key and its value)
    #[rustfmt::skip]
    let table: &[(&str, &str, AuthScheme, InitiateOAuth, Option<&str>, Option<&str>, Option<&str>, Option<&str>, Option<u64>, &[&str], (&str, Option<&str>))] = &[
        ("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t",
         "Zoom.apip", AuthScheme::OAuth, InitiateOAuth::Off, None, None, None, None, None,
         &["Profile", "AuthScheme", "OAuthAccessToken"], ("x", None)),
        // Aliases merge into their property; the last occurrence under any spelling wins.
        ("X-Team=ops;Auth Scheme=None;profile = Zoom.apip ;AuthScheme=oauth;OAuth Access Token=t;Timeout=060",
         "Zoom.apip", AuthScheme::OAuth, InitiateOAuth::Off, None, None, None, None, Some(60),
         &["Profile", "AuthScheme", "X-Team", "OAuthAccessToken", "Timeout"], ("x-TEAM", Some("ops"))),
        // Quoted and escaped values are read decoded; a JDBC prefix is skipped.
        ("jdbc:api:Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=getandrefresh;OAuthClientId='a;b';\
          OAuthClientSecret=\"it\"\"s\";CallbackUrl=HTTP://LOCALHOST:33333;Scope='a:read  b:read';Note='x''y'",
         "Zoom.apip", AuthScheme::OAuth, InitiateOAuth::GetAndRefresh, Some("a;b"), Some("it\"s"),
         Some("HTTP://LOCALHOST:33333"), Some("a:read  b:read"), None,
         &["Profile", "AuthScheme", "InitiateOAuth", "OAuthClientId", "OAuthClientSecret", "CallbackURL", "Scope", "Note"],
         ("note", Some("x'y"))),
        // Values with doubled quotes, decoded when first read: under an alias, replaced by a
        // later occurrence (which moves the value after the others), next to an unknown key.
        ("Profile=Zoom.apip;OAuth Client Secret='s''1';AuthScheme=OAuth;Scope=\"a\"\"b\";\
          OAuthAccessToken=t;Note='n''1';OAuthClientSecret=\"s\"\"2\";Note='n''2';Scope='c''d'",
         "Zoom.apip", AuthScheme::OAuth, InitiateOAuth::Off, None, Some("s\"2"), None, Some("c'd"), None,
         &["Profile", "AuthScheme", "OAuthClientSecret", "Scope", "OAuthAccessToken", "Note"],
         ("NOTE", Some("n'2"))),
        // A removed key (null value) is gone; a key set again comes back at the end.
        ("a=1;Profile=Zoom.apip;a=;AuthScheme=OAuth;OAuthAccessToken=t;A=2",
         "Zoom.apip", AuthScheme::OAuth, InitiateOAuth::Off, None, None, None, None, None,
         &["Profile", "AuthScheme", "OAuthAccessToken", "A"], ("a", Some("2"))),
    ];
    for &(
        input,
        profile,
        auth,
        initiate,
        id,
        secret,
        callback,
        scope,
        timeout,
        names,
        (key, value),
    ) in table
    {
        let cfg = Config::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(cfg.profile(), profile, "{input}");
        assert_eq!(cfg.auth_scheme(), auth, "{input}");
        assert_eq!(cfg.initiate_oauth(), initiate, "{input}");
        assert_eq!(cfg.oauth_client_id(), id, "{input}");
        assert_eq!(
            cfg.oauth_client_secret().map(|s| s.expose_secret()),
            secret,
            "{input}"
        );
        assert_eq!(cfg.callback_url().map(|u| u.as_str()), callback, "{input}");
        assert_eq!(cfg.scope(), scope, "{input}");
        assert_eq!(cfg.timeout(), timeout.map(Duration::from_secs), "{input}");
        assert_eq!(cfg.names().collect::<Vec<_>>(), names, "{input}");
        assert_eq!(cfg.get(key), value, "{input}");
        // The map it holds is the input after any JDBC prefix, as written.
        let body = input.strip_prefix("jdbc:api:").unwrap_or(input);
        assert_eq!(cfg.as_connection_string().as_str(), body, "{input}");
    }
}

#[test]
fn accessors_find_properties_after_any_number_of_other_keys() {
    // (other keys before the properties): around the entry numbers a config keeps in a byte.
    for others in [0, 1, 252, 253, 254, 255, 256, 300, 1000] {
        let mut input: String = (0..others).map(|i| format!("k{i}=v{i};")).collect();
        input.push_str("Profile=Zoom.apip;Scope=s;AuthScheme=OAuth;OAuthAccessToken=t;Timeout=7");
        let cfg = Config::parse(&input).unwrap_or_else(|e| panic!("{others}: {e}"));
        assert_eq!(cfg.profile(), "Zoom.apip", "{others}");
        assert_eq!(cfg.scope(), Some("s"), "{others}");
        assert_eq!(cfg.auth_scheme(), AuthScheme::OAuth, "{others}");
        assert_eq!(
            cfg.oauth_access_token().map(|t| t.expose_secret()),
            Some("t"),
            "{others}"
        );
        assert_eq!(cfg.timeout(), Some(Duration::from_secs(7)), "{others}");
        assert_eq!(cfg.oauth_client_id(), None, "{others}");
        assert_eq!(cfg.len(), others + 5, "{others}");
    }
}

#[test]
fn masked_output_shows_no_secret() {
    // Canaries that share no 5-char piece with any name or other output.
    const S: [&str; 9] = [
        "Qz7kWv2Xp9",
        "Jh4tNb8Ry1",
        "Lm3xVc6Dq0",
        "Pw9sKf2Gz5",
        "Tn1yBh7Mc4",
        "Xr5jWq8Lk2",
        "Fd6vZp3Hs7",
        "Ck2mQy9Tb8",
        "Gv7wNx4Jr3",
    ];
    // (input, redacted(), Debug)
    #[rustfmt::skip]
    let table: &[(String, &str, &str)] = &[
        (format!("{BASE}OAuthClientSecret={};OAuthAccessToken={};OAuthRefreshToken={};OAuthVerifier={};\
                  OAuthSettingsLocation=memory://z;Password={};FirewallPassword={};ProxyPassword={};RTK={}", S[0], S[1], S[2], S[3], S[4], S[5], S[6], S[7]),
         "Profile=Zoom.apip;AuthScheme=OAuth;OAuthClientSecret=***;OAuthAccessToken=***;OAuthRefreshToken=***;\
          OAuthVerifier=***;OAuthSettingsLocation=memory://z;Password=***;FirewallPassword=***;ProxyPassword=***;RTK=***;",
         r#"{"Profile": "Zoom.apip", "AuthScheme": "OAuth", "OAuthClientSecret": "***", "OAuthAccessToken": "***", "OAuthRefreshToken": "***", "OAuthVerifier": "***", "OAuthSettingsLocation": "memory://z", "Password": "***", "FirewallPassword": "***", "ProxyPassword": "***", "RTK": "***"}"#),
        // Aliases, quoting and doubled quotes: the canonical name, the value masked whole.
        (format!("{BASE}OAuth Client Secret='{};x';OAuth Access Token=\"{}\"\"q\";Proxy Password={}", S[0], S[1], S[6]),
         "Profile=Zoom.apip;AuthScheme=OAuth;OAuthClientSecret=***;OAuthAccessToken=***;ProxyPassword=***;",
         r#"{"Profile": "Zoom.apip", "AuthScheme": "OAuth", "OAuthClientSecret": "***", "OAuthAccessToken": "***", "ProxyPassword": "***"}"#),
        // A nested string keeps its text, its secret masked in place (in `ProfileSettings`, the
        // unknown `Region=EU` after an unquoted password may be the rest of it: masked too).
        (format!("{BASE}OAuthAccessToken={};Other=\"UseX=true;Password={}\";ProfileSettings='Pwd={};Region=EU'", S[1], S[8], S[4]),
         "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=***;Other=\"UseX=true;Password=***\";ProfileSettings=\"Pwd=***;***=***\";",
         r#"{"Profile": "Zoom.apip", "AuthScheme": "OAuth", "OAuthAccessToken": "***", "Other": "UseX=true;Password=***", "ProfileSettings": "Pwd=***;***=***"}"#),
        // Unknown keys after an unquoted secret (`ClientSecret`, the rest of the password read as
        // a key) may hold the rest of it: masked whole, key and value.
        (format!("{BASE}OAuthAccessToken={};ClientSecret={};Password=a;{};X=1", S[1], S[0], S[4]),
         "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=***;***=***;Password=***;***=***;",
         r#"{"Profile": "Zoom.apip", "AuthScheme": "OAuth", "OAuthAccessToken": "***", "***": "***", "Password": "***", "***": "***"}"#),
    ];
    for (input, redacted, debug) in table {
        let cfg = Config::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(cfg.redacted(), *redacted, "{input}");
        assert_eq!(format!("{cfg:?}"), *debug, "{input}");
        assert_no_piece("redacted", &cfg.redacted(), &S);
        assert_no_piece("Debug", &format!("{cfg:?}"), &S);
        assert_no_piece("Debug (pretty)", &format!("{cfg:#?}"), &S);
    }
}

#[test]
#[allow(clippy::type_complexity)]
fn edits_change_the_map_minimally_and_validate_again() {
    // (input, edit, the map's text after it, access token, initiate oauth)
    #[rustfmt::skip]
    let table: &[(&str, (PropertyId, Option<&str>), &str, Option<&str>, InitiateOAuth)] = &[
        ("Profile=Zoom.apip; AuthScheme=OAuth ;OAuth Access Token=old;Scope='a b'",
         (PropertyId::OAuthAccessToken, Some("n;w")),
         "Profile=Zoom.apip; AuthScheme=OAuth ;OAuth Access Token=\"n;w\";Scope='a b'", Some("n;w"), InitiateOAuth::Off),
        ("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t",
         (PropertyId::OAuthExpiresIn, Some("3599")),
         "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;OAuthExpiresIn=3599", Some("t"), InitiateOAuth::Off),
        ("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;initiate oauth = GETANDREFRESH ;OAuthClientId=i;\
          OAuthClientSecret=s;CallbackURL=http://localhost:1",
         (PropertyId::InitiateOAuth, Some("OFF")),
         "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;initiate oauth = OFF ;OAuthClientId=i;\
          OAuthClientSecret=s;CallbackURL=http://localhost:1", Some("t"), InitiateOAuth::Off),
        ("OAuthAccessToken=t;Profile=Zoom.apip;AuthScheme=OAuth;Scope=x",
         (PropertyId::Scope, None),
         "OAuthAccessToken=t;Profile=Zoom.apip;AuthScheme=OAuth;", Some("t"), InitiateOAuth::Off),
    ];
    for &(input, (id, value), text, token, initiate) in table {
        let mut cfg = Config::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        match value {
            Some(v) => cfg.set_property(id, v),
            None => cfg.remove_property(id),
        }
        .unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(cfg.as_connection_string().as_str(), text, "{input}");
        assert_eq!(
            cfg.oauth_access_token().map(|s| s.expose_secret()),
            token,
            "{input}"
        );
        assert_eq!(cfg.initiate_oauth(), initiate, "{input}");
        // The view is the one parsing the new text gives.
        assert_eq!(cfg, Config::parse(text).unwrap(), "{input}");
        assert_eq!(
            cfg.get(id.name()),
            value.filter(|_| !id.property().secret),
            "{input}"
        );
    }
}

#[test]
fn an_edit_that_fails_validation_leaves_the_config_unchanged() {
    let input = "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t";
    let mut cfg = Config::parse(input).unwrap();
    // REFRESH needs a client id, secret and refresh token.
    let err = cfg
        .set_property(PropertyId::InitiateOAuth, "REFRESH")
        .unwrap_err();
    assert_eq!(err.rule(), "missing-required");
    let err = cfg.set_property(PropertyId::Timeout, "soon").unwrap_err();
    assert_eq!(err.rule(), "invalid-value");
    assert_eq!(cfg.as_connection_string().as_str(), input);
    assert_eq!(cfg.initiate_oauth(), InitiateOAuth::Off);
}
