//! Secret hygiene audit: a distinctive canary in every secret property, run through every
//! public type and every output path — `Display`, `Debug`, errors, findings, reports,
//! `redacted`, and the CLI's stdout and stderr for each subcommand and format. The canary may
//! appear only where the API exposes it on purpose: `expose_secret`, `Display`/canonical
//! output and the lossless text, `parse --show-secrets`, and `fmt` writing the file.

use zoomconn::{Config, ConnectionString, registry, validate};

const CANARY: &str = "Cx7Q9zCANARYk2";

fn secret_names() -> Vec<&'static str> {
    registry::PROPERTIES
        .iter()
        .filter(|p| p.secret)
        .map(|p| p.name)
        .collect()
}

/// A valid config with the canary in every secret property.
fn with_canaries() -> String {
    let mut s = String::from(
        "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=id;CallbackURL=http://localhost:33333;OAuthSettingsLocation=memory://z;",
    );
    for (i, name) in secret_names().iter().enumerate() {
        s.push_str(&format!("{name}={CANARY}{i};"));
    }
    s
}

/// Inputs that go through the error and warning paths with canaries in secret values.
fn broken_inputs() -> Vec<String> {
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
    }
    v
}

#[track_caller]
fn assert_clean(what: &str, text: &str) {
    assert!(!text.contains(CANARY), "{what} leaks the canary: {text}");
}

#[test]
fn config_outputs_never_show_secrets() {
    let input = with_canaries();
    let cfg = Config::parse(&input).unwrap();
    assert_clean("Config Debug", &format!("{cfg:?}"));
    assert_clean("Config redacted", &cfg.redacted());
    assert_clean("validate", &format!("{:?}", validate(&input)));
    // Exposed on purpose: Display and expose_secret.
    assert!(cfg.to_string().contains(CANARY));
    assert!(
        cfg.oauth_client_secret()
            .unwrap()
            .expose_secret()
            .starts_with(CANARY)
    );
    for name in secret_names() {
        assert_eq!(cfg.get(name), None, "get({name}) must not expose a secret");
        assert!(cfg.get_secret(name).is_some(), "{name}");
    }
}

#[test]
fn connection_string_outputs_never_show_secrets() {
    let cs = ConnectionString::parse(&with_canaries()).unwrap();
    assert_clean("ConnectionString Debug", &format!("{cs:?}"));
    assert_clean("ConnectionString redacted", &cs.redacted());
    assert!(
        cs.to_string().contains(CANARY),
        "Display is the lossless text"
    );
}

#[test]
fn errors_and_findings_never_show_secrets() {
    for input in broken_inputs() {
        if let Err(e) = ConnectionString::parse(&input) {
            assert_clean("ParseError", &format!("{e} {e:?}"));
        }
        if let Ok(cs) = ConnectionString::parse(&input) {
            assert_clean("redacted", &cs.redacted());
            assert_clean("Debug", &format!("{cs:?}"));
        }
        let report = validate(&input);
        for f in &report {
            assert_clean("finding", &format!("{f} {f:?} {:?}", f.help()));
        }
        match Config::parse(&input) {
            Err(e) => assert_clean("config Error", &format!("{e} {e:?} {:?}", e.findings())),
            Ok(cfg) => {
                assert_clean("config Debug", &format!("{cfg:?}"));
                assert_clean("config redacted", &cfg.redacted());
            }
        }
        // Masking the secret spans removes every canary from the source text.
        let mut masked = input.clone().into_bytes();
        for span in report.secret_spans() {
            for b in &mut masked[span.clone()] {
                *b = b'*';
            }
        }
        assert_clean(
            &format!("masked {input:?}"),
            &String::from_utf8_lossy(&masked),
        );
    }
}

#[test]
fn a_key_holding_the_end_of_a_secret_is_masked_in_a_valid_config() {
    let input =
        format!("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;Password=a;{CANARY};X=1");
    let cfg = Config::parse(&input).expect("valid: the rest of the password is read as a key");
    assert_clean("config Debug", &format!("{cfg:?}"));
    // `X` is not a known property: `X=1` may be the rest of the password too.
    assert_eq!(
        cfg.redacted(),
        "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=***;Password=***;***=***;"
    );
    let cs = ConnectionString::parse(&input).unwrap();
    assert_eq!(
        cs.redacted(),
        "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=***;Password=***;***=***"
    );
}

#[test]
fn a_key_with_an_escaped_equals_holding_the_end_of_a_secret_is_masked_whole() {
    // The cut is made in the key as written: `==` decodes to one `=`, which once shifted it
    // by a byte (into the `α`, a panic; before an ASCII byte, one byte of the secret shown).
    let input = format!("Password=a;b=={CANARY}α;X=1");
    let cs = ConnectionString::parse(&input).unwrap();
    assert_eq!(cs.redacted(), "Password=***;***=***");
    let report = zoomconn::validate(&input);
    let (key_start, key_end) = (input.find("b==").unwrap(), input.rfind('=').unwrap());
    assert!(
        report.secret_spans().contains(&(key_start..key_end)),
        "{:?}",
        report.secret_spans()
    );
    // Before a known property, only the part up to the last `;` is the secret's.
    let input = format!("Password=a;b=={CANARY}α;Scope=1");
    let cs = ConnectionString::parse(&input).unwrap();
    assert_eq!(cs.redacted(), "Password=***;***;Scope=1");
}

#[test]
fn builder_and_secret_types_never_show_secrets() {
    let mut b = Config::builder()
        .profile("Zoom.apip")
        .auth_scheme(zoomconn::AuthScheme::OAuth)
        .oauth_client_secret(CANARY)
        .oauth_access_token(CANARY)
        .oauth_refresh_token(CANARY)
        .oauth_verifier(CANARY);
    for name in secret_names() {
        b = b.property(name, CANARY);
    }
    assert_clean("builder Debug", &format!("{b:?}"));
    let err = b.clone().oauth_access_token("").build().unwrap_err();
    assert_clean("builder error", &format!("{err} {err:?}"));
    let bad_key = Config::builder()
        .property("Password", format!("{CANARY}\0"))
        .build()
        .unwrap_err();
    assert_clean("builder write error", &format!("{bad_key} {bad_key:?}"));
    // Builder errors name the property; the secrets set beside it stay hidden.
    let typo = Config::builder()
        .profile("Zoom.apip")
        .auth_scheme(zoomconn::AuthScheme::OAuth)
        .oauth_client_secret(CANARY)
        .property("InitiateOAuth", "GETANDREFESH")
        .build()
        .unwrap_err();
    assert!(
        typo.to_string().starts_with("InitiateOAuth: invalid-enum:"),
        "{typo}"
    );
    assert_clean("builder enum error", &format!("{typo} {typo:?}"));
    for name in secret_names() {
        let err = Config::builder()
            .profile("Zoom.apip")
            .property(name, format!("{CANARY}\0"))
            .build()
            .unwrap_err();
        assert_eq!(err.property(), Some(name));
        assert_clean("builder secret write error", &format!("{err} {err:?}"));
    }
    // An enum value that runs into a secret: quoted only up to the secret's name.
    for name in secret_names() {
        let value = format!("GETANDREFESH {name}={CANARY}");
        let err = value.parse::<zoomconn::InitiateOAuth>().unwrap_err();
        assert_clean("EnumError", &format!("{err} {err:?}"));
        assert!(err.to_string().starts_with("invalid-enum: "), "{err}");
    }
    let secret = zoomconn::Secret::new(CANARY);
    assert_clean("Secret Debug", &format!("{secret:?}"));
}

#[test]
fn every_public_type_debug_hides_secrets() {
    let input = with_canaries();
    for seg in zoomconn::Tokenizer::new(&input) {
        assert_clean("Segment Debug", &format!("{:?}", seg.unwrap()));
    }
    let mut t = zoomconn::Tokenizer::new(&input);
    t.next();
    assert_clean("Tokenizer Debug", &format!("{t:?}"));
    let cs = ConnectionString::parse(&input).unwrap();
    assert_clean("Iter Debug", &format!("{:?}", cs.iter()));
    let cfg = Config::parse(&input).unwrap();
    assert_clean("CallbackUrl Debug", &format!("{:?}", cfg.callback_url()));
    assert_clean("Secret Debug", &format!("{:?}", cfg.oauth_client_secret()));
    let report = validate(&input);
    assert_clean("Report Debug", &format!("{report:?}"));
}

/// The CLI: every subcommand and format, stdout and stderr.
#[cfg(feature = "cli")]
mod cli {
    use super::{CANARY, assert_clean, broken_inputs, with_canaries};
    use assert_cmd::Command;

    fn run(args: &[&str], stdin: &str) -> String {
        let out = Command::cargo_bin("zoomconn")
            .unwrap()
            .args(args)
            .env_remove("GITHUB_ACTIONS")
            .write_stdin(stdin.to_owned())
            .output()
            .unwrap();
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    }

    #[test]
    fn check_in_every_format_hides_secrets() {
        let mut inputs = broken_inputs();
        inputs.push(with_canaries());
        let text = inputs.join("\n");
        for format in ["human", "short", "github", "json", "sarif"] {
            for color in ["never", "always"] {
                let out = run(&["check", "--format", format, "--color", color, "-"], &text);
                assert_clean(&format!("check --format {format}"), &out);
            }
        }
    }

    #[test]
    fn check_of_structured_files_hides_secrets() {
        let json = format!(
            r#"{{"ConnectionStrings": {{"Zoom": "Profile=Zoom.apip;OAuthClientSecret=\"{CANARY}\";AuthScheme=OAuth2"}}}}"#
        );
        let xml = format!(
            r#"<configuration><connectionStrings><add connectionString="Profile=Zoom.apip;Password=&quot;{CANARY}&quot;;AuthScheme=x"/></connectionStrings></configuration>"#
        );
        for (kind, text) in [("json", json), ("xml", xml)] {
            for format in ["human", "short", "github", "json", "sarif"] {
                let out = run(&["check", "--input", kind, "--format", format, "-"], &text);
                assert!(out.contains("AuthScheme"), "{kind} {format}: {out}");
                assert_clean(&format!("check --input {kind} --format {format}"), &out);
            }
        }
    }

    #[test]
    fn parse_redact_and_fmt_check_hide_secrets() {
        for input in broken_inputs().iter().chain([&with_canaries()]) {
            assert_clean("parse", &run(&["parse", input], ""));
            assert_clean("parse --json", &run(&["parse", "--json", input], ""));
            assert_clean("parse --odbc", &run(&["parse", "--odbc", input], ""));
            assert_clean("redact", &run(&["redact", input], ""));
            assert_clean("explain", &run(&["explain", input], ""));
            assert_clean(
                "fmt --check",
                &run(&["fmt", "--check", "-"], &format!(" {input} \n")),
            );
        }
        // Exposed on purpose: `parse --show-secrets`, and `fmt` writing the formatted text.
        assert!(run(&["parse", "--show-secrets", &with_canaries()], "").contains(CANARY));
        assert!(run(&["fmt"], &with_canaries()).contains(CANARY));
    }
}

#[cfg(feature = "oauth")]
mod mock_zoom;

/// The `oauth` module's outputs: `Debug` of every type, and every error message, with the
/// canary in the client secret, the tokens, the code and the verifier. (The CLI's `oauth`
/// paths are audited run by run in `tests/oauth_cli.rs`.)
#[cfg(feature = "oauth")]
mod oauth {
    use super::{CANARY, assert_clean};
    use std::time::{Duration, SystemTime};
    use zoomconn::oauth::{
        AuthorizationRequest, Client, Endpoints, RedirectListener, TokenSource, Tokens,
    };
    use zoomconn::{Config, ConnectionString, Secret};

    use super::mock_zoom::{MockZoom, Mode};

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
        let source =
            TokenSource::new(ConnectionString::parse(&config("")).unwrap(), client).unwrap();
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
            format!(
                r#"{{"access_token":"{CANARY}a","token_type":"mac","refresh_token":"{CANARY}r"}}"#
            ),
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
}

/// Credentials that are not a property's value: a URL's password, an `Authorization` header, a
/// cookie. Every output masks them.
#[test]
fn credentials_inside_other_values_are_masked() {
    let inputs = [
        format!("Profile=Zoom.apip;ProxyServer=http://user:{CANARY}@proxy:8080;Timeout=x"),
        format!("Profile=Zoom.apip;CallbackURL=ftp://user:{CANARY}@example.com/cb"),
        format!("Profile=Zoom.apip;CallbackURL=http://user:{CANARY}@example.com/cb"),
        format!("Profile=Zoom.apip;CustomHeaders=\"Authorization: Bearer {CANARY}\";Timeout=x"),
        format!("Profile=Zoom.apip;CustomHeaders='X-Auth: Bearer {CANARY}';Timeout=x"),
        format!("Profile=Zoom.apip;Cookie=session={CANARY};Timeout=x"),
        format!("Profile=Zoom.apip;Other=\"ProxyServer=http://u:{CANARY}@p\";Timeout=x"),
    ];
    for input in &inputs {
        assert_clean(
            "secrets::redact",
            &zoomconn::secrets::redact(input, zoomconn::Syntax::Ado),
        );
        let cs = ConnectionString::parse(input).unwrap();
        assert_clean("redacted", &cs.redacted());
        assert_clean("Debug", &format!("{cs:?}"));
        let report = validate(input);
        assert_clean("report", &format!("{report:?}"));
        for f in &report {
            assert_clean("finding", &format!("{f} {:?}", f.help()));
        }
        assert_clean(
            "masked",
            &zoomconn::secrets::mask(input, report.secret_spans()),
        );
    }
}
