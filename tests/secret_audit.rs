//! Secret hygiene audit: a distinctive canary in every secret property, run through every
//! public type and every output path — `Display`, `Debug`, errors, findings, reports,
//! `redacted`, and the CLI's stdout and stderr for each subcommand and format. The canary may
//! appear only where the API exposes it on purpose: `expose_secret`, `Display`/canonical
//! output and the lossless text, `parse --show-secrets`, and `fmt` writing the file.

use zoomconn::{Config, ConnectionString, validate};

mod audit;

use audit::{CANARY, assert_clean, broken_inputs, secret_names, with_canaries};

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
