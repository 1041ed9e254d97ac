//! `zoomconn_oauth` against a mock Zoom OAuth server: the login (pasted redirect and loopback
//! listener), the code exchange, refreshes with rotated tokens, the token source, and every
//! error path, with exact messages.

mod mock_zoom;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mock_zoom::{EXPIRES_IN, MockZoom, Mode};
use zoomconn::{Config, ConnectionString, InitiateOAuth};
use zoomconn_oauth::{
    AuthorizationRequest, Client, Endpoints, Error, RedirectListener, TokenSource, Tokens,
};

const ID: &str = "zoomClientId1";
// Random-looking, as real client secrets are: a secret holding a word (`Client`) would
// mask that word in the server's messages too.
const SECRET: &str = "zQ7xKv9TmR2pLw4s";

fn login_string(callback: &str) -> String {
    format!(
        "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId={ID};\
         OAuthClientSecret={SECRET};CallbackURL={callback}"
    )
}

fn refresh_string(refresh_token: &str, extra: &str) -> String {
    format!(
        "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=REFRESH;OAuthClientId={ID};\
         OAuthClientSecret={SECRET};OAuthRefreshToken={refresh_token};{extra}"
    )
}

fn client(mock: &MockZoom) -> Client {
    Client::new(Endpoints::new(&mock.authorize_url(), &mock.token_url()).unwrap())
        .with_timeout(Duration::from_secs(10))
}

#[test]
fn login_with_a_pasted_redirect_then_exchange() {
    let mock = MockZoom::start(ID, SECRET, "M");
    let callback = "http://localhost:33333/zoom/callback";
    let mut cs = ConnectionString::parse(&login_string(callback)).unwrap();
    let cfg = Config::try_from(&cs).unwrap();
    let client = client(&mock);
    let request = client.authorization_request(&cfg).unwrap();
    // The mock checks client_id, redirect_uri exactly as written, S256 and the state.
    let redirect = mock.authorize(request.url(), callback).unwrap();
    let code = request.code_from_redirect(&redirect).unwrap();
    assert_eq!(code.expose_secret(), "code1");

    let tokens = client.exchange_code(&cfg, &request, &code).unwrap();
    assert_eq!(tokens.access_token().expose_secret(), "eyJ.at2.M");
    assert_eq!(tokens.refresh_token().unwrap().expose_secret(), "eyJ.rt2.M");
    assert_eq!(tokens.expires_in(), Some(EXPIRES_IN));
    assert_eq!(tokens.scope(), Some("meeting:read user:read"));

    let sent = mock.requests();
    assert_eq!(sent.len(), 1);
    let form: Vec<(&str, &str)> = sent[0]
        .form
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        form,
        [
            ("grant_type", "authorization_code"),
            ("code", "code1"),
            ("redirect_uri", callback),
            ("code_verifier", request.verifier().expose_secret()),
        ]
    );

    tokens.apply_to(&mut cs).unwrap();
    zoomconn_oauth::set_initiate_oauth(&mut cs, InitiateOAuth::Refresh).unwrap();
    let expected = format!(
        "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=REFRESH;OAuthClientId={ID};\
         OAuthClientSecret={SECRET};CallbackURL={callback};OAuthAccessToken=eyJ.at2.M;\
         OAuthRefreshToken=eyJ.rt2.M;OAuthExpiresIn=3599;OAuthTokenTimestamp={}",
        tokens.timestamp_millis()
    );
    assert_eq!(cs.as_str(), expected);
    let cfg = Config::try_from(&cs).unwrap();
    assert_eq!(cfg.initiate_oauth(), InitiateOAuth::Refresh);
    // The timestamp is written in whole milliseconds.
    assert_eq!(
        zoomconn_oauth::expires_at(&cfg),
        Some(
            std::time::UNIX_EPOCH
                + Duration::from_millis(tokens.timestamp_millis() as u64 + EXPIRES_IN * 1000)
        )
    );
    // A code works once.
    let again = client.exchange_code(
        &Config::parse(&login_string(callback)).unwrap(),
        &request,
        &code,
    );
    assert_eq!(
        again.unwrap_err().to_string(),
        "the token endpoint refused the request (HTTP 400, invalid_request): Invalid authorization code"
    );
}

/// A free loopback port (bound, then released for the code under test to bind).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The browser: requests `url` and returns the whole answer.
fn browse(url: &str) -> String {
    let u = url::Url::parse(url).unwrap();
    let mut s = TcpStream::connect((u.host_str().unwrap(), u.port().unwrap())).unwrap();
    let target = match u.query() {
        Some(q) => format!("{}?{q}", u.path()),
        None => u.path().to_owned(),
    };
    write!(
        s,
        "GET {target} HTTP/1.1\r\nHost: {}\r\n\r\n",
        u.authority()
    )
    .unwrap();
    let mut page = String::new();
    s.read_to_string(&mut page).unwrap();
    page
}

#[test]
fn login_through_the_loopback_listener() {
    let mock = MockZoom::start(ID, SECRET, "M");
    let callback = format!("http://127.0.0.1:{}/cb", free_port());
    let cfg = Config::parse(&login_string(&callback)).unwrap();
    let client = client(&mock);
    let request = client.authorization_request(&cfg).unwrap();
    let listener = RedirectListener::bind(&cfg).unwrap();
    let redirect = mock.authorize(request.url(), &callback).unwrap();
    let browser = std::thread::spawn(move || {
        // A favicon request first, as browsers do: answered 404, the listener keeps waiting.
        let favicon = browse(&redirect.replace("/cb?", "/favicon.ico?"));
        (favicon, browse(&redirect))
    });
    let code = listener.wait(&request, Duration::from_secs(20)).unwrap();
    let (favicon, page) = browser.join().unwrap();
    assert!(
        favicon.starts_with("HTTP/1.1 404 Not Found\r\n"),
        "{favicon}"
    );
    assert!(page.starts_with("HTTP/1.1 200 OK\r\n"), "{page}");
    assert!(page.contains("You may close this window"), "{page}");
    assert!(
        !page.contains(code.expose_secret()),
        "the page never shows the code"
    );
    let tokens = client.exchange_code(&cfg, &request, &code).unwrap();
    assert_eq!(tokens.access_token().expose_secret(), "eyJ.at2.M");
}

/// Requests in order (`{state}` standing for this login's state), the result of the wait,
/// the notes, the first line of each answer.
type Case<'a> = (
    &'a [&'a str],
    Result<&'a str, &'a str>,
    &'a [&'a str],
    &'a [&'a str],
);

/// Only the redirect with this login's state ends the wait; every other one is answered,
/// noted and ignored.
#[test]
fn the_listener_ignores_other_redirects_until_its_own() {
    const OK: &str = "HTTP/1.1 200 OK";
    const BAD: &str = "HTTP/1.1 400 Bad Request";
    const STATE: &str = "ignored a redirect whose state is not this login's";
    #[rustfmt::skip]
    let table: &[Case<'_>] = &[
        // A forged redirect, then the real one: the login succeeds.
        (&["/cb?code=forged&state=forged", "/cb?code=c0de&state={state}"],
         Ok("c0de"), &[STATE], &[BAD, OK]),
        // An `error=` without the state does not end the login either.
        (&["/cb?error=access_denied", "/cb?code=c0de&state={state}"],
         Ok("c0de"), &[STATE], &[BAD, OK]),
        // Only forged ones: the wait times out, saying what was ignored.
        (&["/cb?code=forged&state=forged", "/cb?error=access_denied&state=x", "/cb"],
         Err("no redirect of this login reached the listener within 1.5s; 3 other requests were ignored (a wrong or missing state, or not from this machine)"),
         &[STATE, STATE, STATE], &[BAD, BAD, BAD]),
        // This login's own redirect ends it, with its error.
        (&["/cb?error=access_denied&error_description=User+denied&state={state}"],
         Err("the authorization was refused: access_denied: User denied"), &[], &[BAD]),
        (&["/cb?state={state}"], Err("the redirect holds no authorization code"), &[], &[BAD]),
        // Nothing at all.
        (&[], Err("no redirect reached the listener within 1.5s"), &[], &[]),
    ];
    for &(requests, expected, notes, answers) in table {
        let port = free_port();
        let cfg = Config::parse(&login_string(&format!("http://127.0.0.1:{port}/cb"))).unwrap();
        let request = AuthorizationRequest::new(&cfg, &Endpoints::zoom()).unwrap();
        let listener = RedirectListener::bind(&cfg).unwrap();
        let urls: Vec<String> = requests
            .iter()
            .map(|r| {
                format!(
                    "http://127.0.0.1:{port}{}",
                    r.replace("{state}", request.state())
                )
            })
            .collect();
        let browser =
            std::thread::spawn(move || urls.iter().map(|u| browse(u)).collect::<Vec<_>>());
        let mut noted = Vec::new();
        let got = listener
            .wait_noting(&request, Duration::from_millis(1500), &mut |n| {
                noted.push(n.to_owned())
            })
            .map(|code| code.expose_secret().to_owned())
            .map_err(|e| e.to_string());
        let pages = browser.join().unwrap();
        assert_eq!(
            got.as_ref().map(String::as_str).map_err(String::as_str),
            expected,
            "{requests:?}"
        );
        assert_eq!(noted, notes, "{requests:?}");
        let firsts: Vec<&str> = pages
            .iter()
            .map(|p| p.lines().next().unwrap_or_default())
            .collect();
        assert_eq!(firsts, answers, "{requests:?}");
        for note in &noted {
            assert!(
                !note.contains("forged") && !note.contains(request.state()),
                "{note}"
            );
        }
    }
}

#[test]
fn the_listener_port_in_use_and_a_remote_callback_are_refused() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let cfg = Config::parse(&login_string(&format!("http://127.0.0.1:{port}"))).unwrap();
    let err = RedirectListener::bind(&cfg).unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("cannot listen on 127.0.0.1:{port}: ")),
        "{err}"
    );
    let table: &[&str] = &[
        "https://localhost:33333",
        "http://app.example.com/cb",
        "http://10.1.2.3:33333",
    ];
    for callback in table {
        let cfg = Config::parse(&login_string(callback)).unwrap();
        assert_eq!(
            RedirectListener::bind(&cfg).unwrap_err().to_string(),
            format!(
                "CallbackURL `{callback}` cannot be received on this machine: the listener needs an http URL on a loopback host (localhost, 127.0.0.1, [::1])"
            )
        );
    }
}

#[test]
fn refresh_twice_with_rotation_then_a_used_token_is_refused() {
    let mock = MockZoom::start(ID, SECRET, "M");
    mock.set_refresh_token("rt0");
    let client = client(&mock);
    let mut cs =
        ConnectionString::parse(&refresh_string("rt0", "Scope='meeting:read user:read'")).unwrap();

    let first = client.refresh(&Config::try_from(&cs).unwrap()).unwrap();
    assert_eq!(first.refresh_token().unwrap().expose_secret(), "eyJ.rt1.M");
    first.apply_to(&mut cs).unwrap();
    let second = client.refresh(&Config::try_from(&cs).unwrap()).unwrap();
    assert_eq!(second.access_token().expose_secret(), "eyJ.at2.M");
    assert_eq!(second.refresh_token().unwrap().expose_secret(), "eyJ.rt2.M");
    let sent: Vec<String> = mock
        .requests()
        .iter()
        .map(|r| {
            r.form
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("&")
        })
        .collect();
    assert_eq!(
        sent,
        [
            "grant_type=refresh_token&refresh_token=rt0",
            "grant_type=refresh_token&refresh_token=eyJ.rt1.M",
        ]
    );
    // The first refresh token was rotated away.
    let used = client
        .refresh(&Config::parse(&refresh_string("rt0", "")).unwrap())
        .unwrap_err();
    assert_eq!(
        used.to_string(),
        "the token endpoint refused the request (HTTP 400, invalid_request): Invalid Token!"
    );
    assert!(used.is_rejection());
    assert!(matches!(used, Error::Rejected { status: 400, .. }));
}

#[test]
fn basic_client_authentication_is_checked() {
    let mock = MockZoom::start(ID, "anotherSecret", "M");
    mock.set_refresh_token("rt0");
    let err = client(&mock)
        .refresh(&Config::parse(&refresh_string("rt0", "")).unwrap())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the token endpoint refused the request (HTTP 401, invalid_client): Invalid client_id or client_secret"
    );
    let sent = &mock.requests()[0];
    assert_eq!(
        sent.authorization.as_deref(),
        Some("Basic em9vbUNsaWVudElkMTp6UTd4S3Y5VG1SMnBMdzRz") // zoomClientId1:zQ7xKv9TmR2pLw4s
    );
    assert_eq!(
        sent.content_type.as_deref(),
        Some("application/x-www-form-urlencoded")
    );
}

#[test]
fn bad_answers_of_the_token_endpoint() {
    #[rustfmt::skip]
    let table: &[(Mode, &str)] = &[
        (Mode::HtmlError, "the token endpoint answered HTTP 502 with 37 bytes that are not a JSON object"),
        (Mode::Html200, "the token endpoint answered HTTP 200 with 24 bytes that are not a JSON object"),
        (Mode::Error200, "the token endpoint refused the request (HTTP 200, invalid_request): Invalid authorization code"),
        (Mode::Redirect, "the token endpoint answered with a redirect (HTTP 302), which is not followed"),
        (Mode::Hang, "the token endpoint did not answer within 300ms"),
        (Mode::Huge, "the token endpoint's answer is larger than 65536 bytes"),
        (Mode::Empty500, "the token endpoint refused the request (HTTP 500)"),
    ];
    for &(mode, message) in table {
        let mock = MockZoom::start(ID, SECRET, "M");
        mock.set_refresh_token("rt0");
        mock.set_mode(mode);
        let client = client(&mock).with_timeout(Duration::from_millis(300));
        let err = client
            .refresh(&Config::parse(&refresh_string("rt0", "")).unwrap())
            .unwrap_err();
        assert_eq!(err.to_string(), message, "{mode:?}");
    }
}

#[test]
fn a_closed_port_is_a_network_error() {
    let port = free_port();
    let client = Client::new(
        Endpoints::zoom()
            .with_token_url(&format!("http://127.0.0.1:{port}/oauth/token"))
            .unwrap(),
    );
    let err = client
        .refresh(&Config::parse(&refresh_string("rt0", "")).unwrap())
        .unwrap_err();
    assert!(matches!(err, Error::Network(_)), "{err:?}");
    assert!(
        err.to_string()
            .starts_with("cannot reach the token endpoint: "),
        "{err}"
    );
}

#[test]
fn missing_properties_are_refused_before_any_request() {
    let mock = MockZoom::start(ID, SECRET, "M");
    let client = client(&mock);
    #[rustfmt::skip]
    let table: &[(&str, &str)] = &[
        ("Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=REFRESH;OAuthClientId=i;OAuthClientSecret=s",
         "the refresh needs OAuthRefreshToken, which is absent or empty"),
        ("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;OAuthClientId=i;OAuthRefreshToken=r",
         "the refresh needs OAuthClientSecret, which is absent or empty"),
        ("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;OAuthClientSecret=s;OAuthRefreshToken=r",
         "the refresh needs OAuthClientId, which is absent or empty"),
    ];
    for &(input, message) in table {
        let err = client.refresh(&Config::parse(input).unwrap()).unwrap_err();
        assert_eq!(err.to_string(), message, "{input}");
    }
    let cfg = Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;OAuthClientId=i;CallbackURL=http://localhost:1").unwrap();
    let request = client.authorization_request(&cfg).unwrap();
    let err = client
        .exchange_code(&cfg, &request, &zoomconn::Secret::new("c"))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the code exchange needs OAuthClientSecret, which is absent or empty"
    );
    assert!(mock.requests().is_empty());
}

/// What the persistence hook saw.
type Saved = Arc<Mutex<Vec<String>>>;

fn source(mock: &MockZoom, input: &str, saved: &Saved, fail: Arc<Mutex<bool>>) -> TokenSource {
    let saved = Arc::clone(saved);
    TokenSource::new(ConnectionString::parse(input).unwrap(), client(mock))
        .unwrap()
        .on_refresh(move |cs: &ConnectionString, _: &Tokens| {
            if *fail.lock().unwrap() {
                return Err("disk full".to_owned());
            }
            saved.lock().unwrap().push(cs.to_string());
            Ok(())
        })
}

#[test]
fn the_token_source_follows_initiate_oauth() {
    let mock = MockZoom::start(ID, SECRET, "M");
    mock.set_refresh_token("rt0");
    let saved: Saved = Arc::default();
    let never = Arc::new(Mutex::new(false));

    // OFF: the configured token, even long expired; no request.
    let off = "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t0;OAuthTokenTimestamp=0;OAuthExpiresIn=1";
    let mut s = source(&mock, off, &saved, Arc::clone(&never));
    assert_eq!(s.access_token().unwrap().expose_secret(), "t0");
    assert!(!s.needs_refresh());

    // REFRESH with a valid token: no request either.
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis();
    let valid = refresh_string(
        "rt0",
        &format!("OAuthAccessToken=t0;OAuthTokenTimestamp={now_ms};OAuthExpiresIn=3599"),
    );
    let mut s = source(&mock, &valid, &saved, Arc::clone(&never));
    assert_eq!(s.access_token().unwrap().expose_secret(), "t0");
    assert!(mock.requests().is_empty());

    // REFRESH with an expired token: refreshed, saved before it is returned, then reused.
    let expired = refresh_string(
        "rt0",
        "OAuthAccessToken=t0;OAuthTokenTimestamp=1000;OAuthExpiresIn=3599",
    );
    let mut s = source(&mock, &expired, &saved, Arc::clone(&never));
    assert!(s.needs_refresh());
    assert_eq!(s.access_token().unwrap().expose_secret(), "eyJ.at1.M");
    assert_eq!(saved.lock().unwrap().len(), 1);
    assert!(
        saved.lock().unwrap()[0]
            .contains(";OAuthRefreshToken=eyJ.rt1.M;OAuthAccessToken=eyJ.at1.M;")
    );
    assert_eq!(saved.lock().unwrap()[0], s.connection_string().to_string());
    assert!(!s.needs_refresh());
    assert_eq!(s.access_token().unwrap().expose_secret(), "eyJ.at1.M");
    assert_eq!(mock.requests().len(), 1);

    // GETANDREFRESH without tokens: a login is needed.
    let mut s = source(
        &mock,
        &login_string("http://localhost:33333"),
        &saved,
        Arc::clone(&never),
    );
    assert!(matches!(s.access_token(), Err(Error::LoginRequired)));
    // REFRESH without a refresh token and an unknown expiry.
    let mut s = source(
        &mock,
        &format!(
            "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=REFRESH;OAuthClientId={ID};OAuthClientSecret={SECRET};OAuthAccessToken=t"
        ),
        &saved,
        Arc::clone(&never),
    );
    assert_eq!(
        s.access_token().unwrap_err().to_string(),
        "the refresh needs OAuthRefreshToken, which is absent or empty"
    );
    assert_eq!(mock.requests().len(), 1);
}

#[test]
fn a_failed_save_keeps_the_tokens_and_retries_before_returning() {
    let mock = MockZoom::start(ID, SECRET, "M");
    mock.set_refresh_token("rt0");
    let saved: Saved = Arc::default();
    let fail = Arc::new(Mutex::new(true));
    let mut s = source(&mock, &refresh_string("rt0", ""), &saved, Arc::clone(&fail));
    let err = s.access_token().unwrap_err();
    assert_eq!(
        err.to_string(),
        "the new tokens could not be saved: disk full"
    );
    assert!(matches!(err, Error::Persist(_)));
    // The rotated tokens are in memory, not lost.
    assert!(
        s.connection_string()
            .as_str()
            .contains("OAuthRefreshToken=eyJ.rt1.M")
    );
    // Still failing: still no token.
    assert!(s.access_token().is_err());
    // Once the save works, the kept tokens are saved and returned without a new request.
    *fail.lock().unwrap() = false;
    assert_eq!(s.access_token().unwrap().expose_secret(), "eyJ.at1.M");
    assert_eq!(saved.lock().unwrap().len(), 1);
    assert_eq!(mock.requests().len(), 1);
}

#[test]
fn insecure_endpoints_are_refused() {
    let table: &[(&str, &str)] = &[
        (
            "http://zoom.us/oauth/token",
            "invalid token URL: http is accepted only for a loopback host; use https for zoom.us",
        ),
        (
            "https://id:secret@zoom.us/oauth/token",
            "invalid token URL: a user name or password in the URL is not accepted",
        ),
    ];
    for &(url, message) in table {
        let err = Endpoints::zoom().with_token_url(url).unwrap_err();
        assert_eq!(err.to_string(), message);
        assert!(!err.to_string().contains("secret"));
    }
}

mod properties {
    //! The fuzz target's properties (`fuzz/fuzz_targets/token_response.rs`), in `cargo test`.
    use proptest::prelude::*;
    use std::time::{Duration, UNIX_EPOCH};
    use zoomconn::{Config, ConnectionString};
    use zoomconn_oauth::{self as oauth, Error, Tokens};

    /// Token-like text: mostly bearer tokens, sometimes not.
    fn token() -> impl Strategy<Value = String> {
        proptest::string::string_regex("[A-Za-z0-9._~+/ ;'\"\\n=-]{0,24}").unwrap()
    }

    fn body() -> impl Strategy<Value = String> {
        (
            token(),
            proptest::option::of(token()),
            proptest::option::of(0u64..10_000_000),
            proptest::option::of(".{0,250}"),
            proptest::option::of("[a-z_]{0,12}"),
        )
            .prop_map(|(access, refresh, expires, reason, error)| {
                let mut fields = vec![format!("\"access_token\":{}", serde_json::json!(access))];
                if let Some(r) = refresh {
                    fields.push(format!("\"refresh_token\":{}", serde_json::json!(r)));
                }
                if let Some(e) = expires {
                    fields.push(format!("\"expires_in\":{e}"));
                }
                if let Some(r) = reason {
                    // Sometimes the reason quotes the tokens.
                    fields.push(format!(
                        "\"reason\":{}",
                        serde_json::json!(format!("{r} {access}"))
                    ));
                }
                if let Some(e) = error {
                    fields.push(format!("\"error\":{}", serde_json::json!(e)));
                }
                format!("{{{}}}", fields.join(","))
            })
    }

    proptest! {
        #[test]
        fn token_responses(status in 100u16..600, body in body(), raw in proptest::collection::vec(any::<u8>(), 0..64)) {
            let at = UNIX_EPOCH + Duration::from_millis(1_700_000_000_123);
            for b in [body.as_bytes(), raw.as_slice()] {
                match Tokens::from_response(status, b, at) {
                    Ok(tokens) => {
                        prop_assert!((200..300).contains(&status));
                        let mut cs = ConnectionString::parse("Profile=Zoom.apip;AuthScheme=OAuth").unwrap();
                        tokens.apply_to(&mut cs).unwrap();
                        prop_assert_eq!(cs.get("OAuthAccessToken"), Some(tokens.access_token().expose_secret()));
                        prop_assert_eq!(cs.get("OAuthRefreshToken"), tokens.refresh_token().map(|t| t.expose_secret()));
                        let cfg = Config::try_from(&cs).unwrap();
                        prop_assert_eq!(oauth::expires_at(&cfg), tokens.expires_at());
                    }
                    Err(e) => {
                        let message = e.to_string();
                        prop_assert!(!message.contains(['\n', '\r']));
                        if let Error::Rejected { reason: Some(reason), .. } = &e {
                            let v: serde_json::Value = serde_json::from_slice(b).unwrap();
                            let access = v["access_token"].as_str().unwrap_or_default();
                            if access.trim().len() >= 4 {
                                prop_assert!(!reason.contains(access), "{} in {}", access, reason);
                            }
                        }
                    }
                }
            }
        }
    }
}
