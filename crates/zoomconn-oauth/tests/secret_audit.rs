//! The secret audit of the OAuth flow: `Debug` of every type and every error message, with a
//! canary in the client secret, the tokens, the code and the verifier. (The command line's
//! `oauth` paths are audited run by run in the CLI's `tests/oauth_cli.rs`.)

#[path = "../../../tests/audit/mod.rs"]
mod audit;
mod mock_zoom;

use audit::{CANARY, assert_clean};

/// The `oauth` module's outputs: `Debug` of every type, and every error message, with the
/// canary in the client secret, the tokens, the code and the verifier. (The CLI's `oauth`
/// paths are audited run by run in `tests/oauth_cli.rs`.)
use std::time::{Duration, SystemTime};
use zoomconn::{Config, ConnectionString, Secret};
use zoomconn_oauth::{
    AuthorizationRequest, Client, Endpoints, RedirectListener, TokenSource, Tokens,
};

use mock_zoom::{Echo, MockZoom, Mode};

fn config(extra: &str) -> String {
    format!(
        "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=REFRESH;OAuthClientId=id;\
         OAuthClientSecret={CANARY}s;OAuthAccessToken={CANARY}a;OAuthRefreshToken={CANARY}r;\
         CallbackURL=http://127.0.0.1:9/cb;{extra}"
    )
}

#[test]
fn debug_of_every_oauth_type_hides_secrets() {
    let cfg = Config::parse(&config("")).unwrap();
    let request = AuthorizationRequest::new(&cfg, &Endpoints::zoom()).unwrap();
    assert_clean("AuthorizationRequest Debug", &format!("{request:?}"));
    assert_clean("authorization URL", request.url());
    let tokens = Tokens::new(Secret::new(format!("{CANARY}a")), SystemTime::now())
        .with_refresh_token(Secret::new(format!("{CANARY}r")));
    assert_clean("Tokens Debug", &format!("{tokens:?}"));
    let client = Client::default();
    assert_clean("Client Debug", &format!("{client:?}"));
    let source = TokenSource::new(ConnectionString::parse(&config("")).unwrap(), client).unwrap();
    assert_clean("TokenSource Debug", &format!("{source:?}"));
    let listener = RedirectListener::bind_url(&"http://127.0.0.1:0/".parse().unwrap()).unwrap();
    assert_clean("RedirectListener Debug", &format!("{listener:?}"));
    // Exposed on purpose.
    assert!(tokens.access_token().expose_secret().contains(CANARY));
}

#[test]
fn token_responses_never_echo_a_token_in_an_error() {
    let bodies = [
        format!(
            r#"{{"error":"invalid_request","reason":"bad {CANARY}a","access_token":"{CANARY}a"}}"#
        ),
        format!(r#"{{"error":"x {CANARY}r","refresh_token":"{CANARY}r"}}"#),
        format!(r#"{{"access_token":"{CANARY}a b"}}"#),
        format!(r#"{{"access_token":"{CANARY}a","refresh_token":"{CANARY}r'"}}"#),
        format!(r#"{{"access_token":"{CANARY}a","token_type":"mac","refresh_token":"{CANARY}r"}}"#),
        format!(r#"{{"access_token":"{CANARY}a","expires_in":"{CANARY}"}}"#),
        format!("<html>{CANARY}</html>"),
    ];
    for body in &bodies {
        for status in [200, 400, 500] {
            if let Err(e) = Tokens::from_response(status, body.as_bytes(), SystemTime::now()) {
                assert_clean("token response error", &format!("{e} {e:?}"));
            }
        }
    }
}

#[test]
fn a_server_that_quotes_the_request_secrets_is_masked() {
    let mock = MockZoom::start("id", &format!("{CANARY}s"), CANARY);
    mock.set_mode(Mode::EchoSecrets);
    let client = Client::new(Endpoints::new(&mock.authorize_url(), &mock.token_url()).unwrap())
        .with_timeout(Duration::from_secs(10));
    let cfg = Config::parse(&config("")).unwrap();
    let refresh = client.refresh(&cfg).unwrap_err();
    let request = client.authorization_request(&cfg).unwrap();
    let exchange = client
        .exchange_code(&cfg, &request, &Secret::new(format!("{CANARY}code")))
        .unwrap_err();
    for e in [refresh, exchange] {
        assert!(e.is_rejection(), "{e:?}");
        assert_clean("rejection", &format!("{e} {e:?}"));
        assert!(e.to_string().contains("rejected ***"), "{e}");
    }
}

/// Every echo shape, on the refresh and on the code exchange: the error names the rejection
/// and holds no echoed text, no 6-char run of a secret, in any case.
#[test]
fn echoes_of_the_request_secrets_in_every_shape_are_masked() {
    let mock = MockZoom::start("id", &format!("{CANARY}s"), CANARY);
    let client = Client::new(Endpoints::new(&mock.authorize_url(), &mock.token_url()).unwrap())
        .with_timeout(Duration::from_secs(10));
    let cfg = Config::parse(&config("")).unwrap();
    let request = client.authorization_request(&cfg).unwrap();
    let secrets = [
        format!("{CANARY}s"),
        format!("{CANARY}r"),
        format!("{CANARY}code"),
        request.verifier().expose_secret().to_owned(),
    ];
    for shape in Echo::ALL {
        mock.set_mode(Mode::Echo(shape));
        for step in ["refresh", "exchange"] {
            let e = match step {
                "refresh" => client.refresh(&cfg).unwrap_err(),
                _ => client
                    .exchange_code(&cfg, &request, &Secret::new(format!("{CANARY}code")))
                    .unwrap_err(),
            };
            let shown = format!("{e} {e:?}");
            assert!(e.is_rejection(), "{shape:?} {step}: {e:?}");
            assert!(shown.contains("rejected [***]"), "{shape:?} {step}: {e}");
            let echoed = mock.echoed();
            assert!(!echoed.is_empty(), "{shape:?} {step}");
            for text in echoed {
                let joined = text.replace(['\r', '\n'], "");
                assert!(!shown.contains(&joined), "{shape:?} {step}: {e}");
            }
            let lower = shown.to_ascii_lowercase();
            for secret in &secrets {
                let secret = secret.to_ascii_lowercase();
                for i in 0..secret.len().saturating_sub(5) {
                    let part = &secret[i..i + 6];
                    assert!(!lower.contains(part), "{shape:?} {step}: {part} in {e}");
                }
            }
            assert_clean("echo", &shown);
        }
    }
}

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn oauth_types_are_send_and_sync() {
    assert_send_sync::<zoomconn_oauth::AuthorizationRequest>();
    assert_send_sync::<zoomconn_oauth::Client>();
    assert_send_sync::<zoomconn_oauth::Endpoints>();
    assert_send_sync::<zoomconn_oauth::Error>();
    assert_send_sync::<zoomconn_oauth::RedirectListener>();
    assert_send_sync::<zoomconn_oauth::Step>();
    assert_send_sync::<zoomconn_oauth::TokenSource>();
    assert_send_sync::<zoomconn_oauth::Tokens>();
}
