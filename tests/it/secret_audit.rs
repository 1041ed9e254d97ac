//! Secret hygiene audit: a distinctive canary in every secret property, run through every
//! public type and every output path — `Display`, `Debug`, errors, findings, reports,
//! `redacted`, and the CLI's stdout and stderr for each subcommand and format. The canary may
//! appear only where the API exposes it on purpose: `expose_secret`, `Display`/canonical
//! output and the lossless text, `parse --show-secrets`, and `fmt` writing the file.

use zoomconn::{Config, ConnectionString, validate};

use crate::audit;

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

/// The policy by class: secret names made of words where one word is a secret word, credentials
/// of any shape inside any value, and the names that must stay visible. Every name × every
/// shape × every library output; no output may hold a piece of the canary 5 chars or longer.
mod policy_table {
    use zoomconn::registry::PROPERTIES;
    use zoomconn::{
        Config, ConnectionString, RuleSet, Syntax, Tokenizer, ValidateOptions, secrets,
    };

    const CANARY: &str = "Vb4CANARYq8";

    /// Secret names by class: passwords (`pass`, `pw`, `passphrase`), keys of what they open
    /// (`AccountKey`, `ClientKey`, a last word `key`), SAS, PSK, JWT, `auth`, client
    /// certificates — each in its separator and casing variants.
    const SECRET_NAMES: &[&str] = &[
        "Pass",
        "DB_PASS",
        "PW",
        "UserPass",
        "Passphrase",
        "KeyPassphrase",
        "AccountKey",
        "SharedAccessKey",
        "SharedAccessSignature",
        "SAS",
        "ClientKey",
        "AppKey",
        "AppSecretKey",
        "PSK",
        "JWT",
        "AuthKey",
        "EncryptionKey",
        "OAuthJWTCert",
        "SSLClientCert",
        // Variants.
        "pass",
        "PASS",
        "db_pass",
        "db-pass",
        "db.pass",
        "DBPass",
        "DBPASS",
        "dbPass",
        "db pass",
        "pw",
        "db-pw",
        "DB_PW",
        "RootPW",
        "user_pass",
        "USERPASS",
        "passphrase",
        "key_passphrase",
        "account_key",
        "ACCOUNT_KEY",
        "account.key",
        "shared-access-key",
        "shared_access_signature",
        "sas",
        "sas_url",
        "SasUrl",
        "Client_Key",
        "client.key",
        "client-key",
        "CLIENTKEY",
        "clientKey",
        "app_key",
        "APPKEY",
        "app.secret.key",
        "psk",
        "WPA-PSK",
        "jwt",
        "jwt_cert",
        "auth_key",
        "AUTHKEY",
        "encryption_key",
        "ENCRYPTION-KEY",
        "oauth_jwt_cert",
        "ssl_client_cert",
        "SSL.Client.Cert",
        "x-api-key",
        "X-API-KEY",
        "api.key",
        "Key",
        "key",
        "KEY",
        "SigningKey",
        "PrivateKey",
        "private_key",
        "PreSharedKey",
        "Auth",
        "BasicAuth",
        "basic_auth",
        "ProxyAuth",
        "Creds",
        "Cookie",
        "Bearer",
        "Key2",
        "PassThrough",
    ];

    /// Names whose values must stay visible: the registry's non-secret properties, their
    /// aliases and snake_case spellings, and names that only contain the letters of a secret
    /// word.
    fn public_names() -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for p in PROPERTIES.iter().filter(|p| !p.secret) {
            out.push(p.name.to_owned());
            out.push(p.name.to_uppercase());
            out.extend(zoomconn::registry::spellings(p));
            out.extend(p.aliases.iter().map(|a| a.replace(' ', ".")));
        }
        for word in [
            "Monkey",
            "Keyboard",
            "Passenger",
            "Passive",
            "PassiveMode",
            "Compass",
            "Bypass",
            "BypassProxy",
            "Pathway",
            "Keys",
            "KeyColumns",
            "Hotkey",
            "Kansas",
            "SASL",
            "Upward",
            "Upskill",
            "AuthScheme",
            "auth_scheme",
            "Auth.Scheme",
            "AuthType",
            "ProxyAuthMethod",
            "InitiateOAuth",
            "OAuthClientId",
            "oauth_client_id",
            "SSLServerCert",
            "ssl_server_cert",
            "SSLClientCertType",
            "Concert",
            "Certain",
            "Sorted",
            "Region",
            "AccountId",
        ] {
            out.push(word.to_owned());
        }
        out
    }

    /// Strings holding the canary `c` as, or inside, the value of `n`: the shapes of
    /// `crates/zoomconn-cli/tests/secret_audit_table.rs`, real and broken.
    fn shapes(n: &str) -> Vec<(String, Syntax)> {
        let c = CANARY;
        let base = "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t0k;";
        let ado = [
            format!("{base}{n}={c}"),
            format!("{n}={c};{base}"),
            format!("{base}{n}='{c}'"),
            format!("{base}{n}=\"{c}\""),
            format!("{base}{n} = {c} ; Scope=x"),
            format!("{base}{n}='a;{c}'"),
            format!("{base}{n}=\"a\"\"{c}\"\"b\""),
            format!("{base}{n}={c}=="),
            format!("{base}{n}=xxx{c}"),
            format!("{base}{n}=your_{c}"),
            format!("{base}{n}={c}\u{e9}\u{2603}"),
            format!("{base}{n}={c} with spaces"),
            format!("{base}{n}=a\n{c}"),
            format!("{base}{n}={c};X"),
            format!("{base}{n}='{c}"),
            format!("{base}{n}={c}'"),
            format!("{base}{n}='{c}'x"),
            format!("{base}{n}={c}\u{1}"),
            format!("{base}{n}={c}\0;y=1"),
            format!("{base}{n}=a;{c}"),
            format!("{base}{n}=a;{c};Scope=x"),
            format!("{base}{n}=a;tail={c}"),
            format!("{base}{n}=a;{c}=b;c=d"),
            format!("{base}{n}=a;xxx{c}=xxxx"),
            format!("{base}{n}=a;x;{c}=your_value"),
            format!("{base}{n}=a;b;{c};AuthScheme=OAuth"),
            format!("Profile=Zoom.apip;AuthScheme=OAuth {n}={c};OAuthAccessToken=t"),
            format!("{base}Timeout=60 {n}={c}"),
            format!("Profile=Zoom.apip {n}={c};AuthScheme=OAuth"),
            format!("{base}CallbackURL=http://localhost:1 {n}={c}"),
            format!("{base}Scope=a:read {n}={c}"),
            format!("{base}Region=EU {n}={c}"),
            format!("{base}InitiateOAuth=OFF {n}={c}"),
            format!("{base}{n}:{c};OAuthClientId=id"),
            format!("{base}{n} {c};AuthScheme=OAuth"),
            format!("{base}{n} {c}"),
            format!("{base}{n}={c};{n}=again;{n}="),
            format!("{base}Other=\"{n}={c}\""),
            format!("{base}ProfileSettings='{n}={c};Region=US'"),
            format!("{base}ProfileSettings=\"Other='{n}={c}'\""),
            format!("{base}Other=\"{n}='{c}\""),
            format!("jdbc:api:{base}{n}={c}"),
        ];
        let odbc = [
            format!("Driver={{CData ODBC Driver for Zoom}};Profile=Zoom.apip;{n}={c}"),
            format!("Profile=Zoom.apip;{n}={{{c};x}}"),
            format!("Profile=Zoom.apip;{n}={{{c}"),
            format!("Profile=Zoom.apip;Other={{{n}={c}}}"),
            format!("Profile=Zoom.apip;ProfileSettings={n}={c}"),
            format!("Profile=Zoom.apip;{n}='{c}"),
        ];
        ado.into_iter()
            .map(|s| (s, Syntax::Ado))
            .chain(odbc.into_iter().map(|s| (s, Syntax::Odbc)))
            .collect()
    }

    /// Credentials that no key names: PEM blocks, a URL's user name that is a token, a
    /// scheme-less `user:password@host` — in values of every kind of key, in keys, nested, and
    /// after syntax errors.
    fn embedded() -> Vec<(String, Syntax)> {
        let c = CANARY;
        let base = "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t0k;";
        let pems = [
            format!("-----BEGIN PRIVATE KEY-----\nMII{c}\n-----END PRIVATE KEY-----"),
            format!("-----BEGIN RSA PRIVATE KEY-----\n{c}\n-----END RSA PRIVATE KEY-----"),
            format!("-----BEGIN ENCRYPTED PRIVATE KEY-----{c}-----END ENCRYPTED PRIVATE KEY-----"),
            format!(
                "-----BEGIN OPENSSH PRIVATE KEY-----\r\n{c}\r\n-----END OPENSSH PRIVATE KEY-----"
            ),
            format!("-----BEGIN CERTIFICATE-----\n{c}\n-----END CERTIFICATE-----"),
            format!("-----BEGIN CERTIFICATE-----{c}"),
            format!("-----BEGIN EC PRIVATE KEY----- {c} -----END EC PRIVATE KEY"),
            format!("-----begin private key-----\n{c}"),
        ];
        let mut out = Vec::new();
        for pem in &pems {
            let one_line = !pem.contains(['\n', '\r']);
            for key in [
                "Description",
                "SSLServerCert",
                "Cert",
                "X",
                "Scope",
                "OAuthClientId",
            ] {
                out.push((format!("{base}{key}='{pem}';Timeout=60"), Syntax::Ado));
                out.push((format!("{base}{key}=\"text {pem} text\""), Syntax::Ado));
                out.push((format!("{base}{key}='{pem}"), Syntax::Ado));
                if one_line {
                    out.push((format!("{base}{key}={pem};Timeout=60"), Syntax::Ado));
                    out.push((format!("Driver={{x}};{key}={{{pem}}}"), Syntax::Odbc));
                }
            }
            out.push((format!("{base}Other=\"Description='{pem}'\""), Syntax::Ado));
            out.push((format!("{base}ProfileSettings='X=\"{pem}\"'"), Syntax::Ado));
            if one_line {
                out.push((format!("{base}{pem}=1;Timeout=60"), Syntax::Ado));
                out.push((format!("{base}{pem};Timeout=60"), Syntax::Ado));
                out.push((format!("{base}Timeout=60 {pem}"), Syntax::Ado));
            }
        }
        let urls = [
            format!("https://ghp_{c}@github.com/org/repo"),
            format!("https://{c}@github.com"),
            format!("https://user:{c}@host:8080/x"),
            format!("https://x{c}:x-oauth-basic@github.com"),
            format!("git+https://{c}:@gitlab.com/a"),
            format!("postgres://admin:{c}@db.example.com:5432/db"),
            format!("admin:{c}@db.example.com:5432"),
            format!("tcp:admin:{c}@db.example.com,1433"),
            format!("sa:p@ss{c}@[::1]:1433"),
        ];
        for url in &urls {
            for key in [
                "ProxyServer",
                "CallbackURL",
                "Description",
                "Location",
                "X",
                "Server",
            ] {
                out.push((format!("{base}{key}={url};Timeout=60"), Syntax::Ado));
                out.push((format!("{base}{key}='{url}'"), Syntax::Ado));
                out.push((
                    format!("{base}{key}=\"see {url} here\";Timeout=60"),
                    Syntax::Ado,
                ));
                out.push((format!("{base}{key}='{url}"), Syntax::Ado));
                out.push((format!("Driver={{x}};{key}={url}"), Syntax::Odbc));
            }
            out.push((format!("{base}Other=\"ProxyServer={url}\""), Syntax::Ado));
            out.push((format!("{base}{url}=1"), Syntax::Ado));
            out.push((format!("{base}Scope=x {url}"), Syntax::Ado));
            out.push((format!("{base}X=1;{url}"), Syntax::Ado));
        }
        out
    }

    /// Every output of the library for `input`, but those that show secrets on purpose.
    fn outputs(input: &str, syntax: Syntax) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        match ConnectionString::parse_with(input, syntax) {
            Ok(cs) => {
                out.push(("ConnectionString Debug", format!("{cs:?}")));
                out.push(("redacted", cs.redacted()));
                let entries: Vec<String> = cs
                    .redacted_entries()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect();
                out.push(("redacted_entries", entries.join(";")));
            }
            Err(e) => out.push(("ParseError", format!("{e} | {e:?}"))),
        }
        for item in Tokenizer::with_syntax(input, syntax) {
            out.push(("Tokenizer item", format!("{item:?}")));
        }
        for rules in [RuleSet::ZoomProfile, RuleSet::AnyCData] {
            let options = ValidateOptions::new().syntax(syntax).rules(rules);
            let report = zoomconn::validate_with(input, &options);
            out.push(("Report Debug", format!("{report:?}")));
            for f in &report {
                out.push(("Finding", format!("{f} | {f:?} | {:?}", f.help())));
            }
            out.push((
                "masked by the report",
                secrets::mask(input, report.secret_spans()),
            ));
        }
        out.push(("secrets::redact", secrets::redact(input, syntax)));
        out.push((
            "secrets::mask",
            secrets::mask(input, &secrets::spans(input, syntax)),
        ));
        if syntax == Syntax::Ado {
            match Config::parse(input) {
                Ok(cfg) => {
                    out.push(("Config Debug", format!("{cfg:?}")));
                    out.push(("Config redacted", cfg.redacted()));
                    out.push(("ConfigBuilder Debug", format!("{:?}", cfg.to_builder())));
                }
                Err(e) => out.push(("Error", format!("{e} | {e:?} | {:?}", e.findings()))),
            }
        }
        out
    }

    /// The canary's pieces of 5 chars: a shortened message or a window may cut it.
    fn pieces() -> Vec<&'static str> {
        (0..=CANARY.len() - 5).map(|i| &CANARY[i..i + 5]).collect()
    }

    fn leaks(inputs: impl IntoIterator<Item = (String, Syntax)>) -> (usize, Vec<String>) {
        let pieces = pieces();
        let mut found = Vec::new();
        let mut checked = 0;
        for (input, syntax) in inputs {
            assert!(input.contains(CANARY), "{input:?}");
            for (what, text) in outputs(&input, syntax) {
                checked += 1;
                if pieces.iter().any(|p| text.contains(p)) {
                    found.push(format!("{what} of {input:?} ({syntax:?}):\n    {text}"));
                }
            }
        }
        (checked, found)
    }

    #[test]
    fn every_secret_name_is_classified_secret() {
        let missed: Vec<&str> = SECRET_NAMES
            .iter()
            .copied()
            .filter(|n| !secrets::is_secret_key(n))
            .collect();
        assert!(missed.is_empty(), "not secret: {missed:?}");
    }

    #[test]
    fn no_output_shows_a_secret_of_any_new_name_in_any_shape() {
        let (checked, found) = leaks(SECRET_NAMES.iter().flat_map(|n| shapes(n)));
        assert!(checked > 50_000, "only {checked} outputs checked");
        assert!(
            found.is_empty(),
            "{} of {checked} outputs leak; the first:\n{}",
            found.len(),
            found[..found.len().min(12)].join("\n")
        );
    }

    #[test]
    fn no_output_shows_a_pem_block_or_a_url_user_or_password() {
        let (checked, found) = leaks(embedded());
        assert!(checked > 8_000, "only {checked} outputs checked");
        assert!(
            found.is_empty(),
            "{} of {checked} outputs leak; the first:\n{}",
            found.len(),
            found[..found.len().min(12)].join("\n")
        );
    }

    #[test]
    fn public_names_stay_visible() {
        let base = "Profile=Zoom.apip;AuthScheme=OAuth;";
        let value = "Visible42";
        let mut wrong = Vec::new();
        for name in public_names() {
            if let Some(why) = secrets::classify_key(&name) {
                wrong.push(format!("{name}: {why:?}"));
                continue;
            }
            let input = format!("{base}{name}={value};Timeout=60");
            let redacted = secrets::redact(&input, Syntax::Ado);
            if !redacted.contains(&format!("{name}={value}")) {
                wrong.push(format!("{name}: {redacted}"));
            }
        }
        assert!(wrong.is_empty(), "masked: {wrong:#?}");
    }

    /// How each shape reads once redacted: what is masked, and what stays.
    #[test]
    fn redacted_shapes() {
        for (input, want) in [
            ("DB_PASS=hunter2;Timeout=60", "DB_PASS=***;Timeout=60"),
            ("db-pw=hunter2", "db-pw=***"),
            (
                "CLIENTKEY='k';client.key='k';x-api-key='k'",
                "CLIENTKEY=***;client.key=***;x-api-key=***",
            ),
            (
                "Monkey=m;Keys=k;Bypass=b;Passive=p",
                "Monkey=m;Keys=k;Bypass=b;Passive=p",
            ),
            (
                "auth_scheme=OAuth;BasicAuth=u:p",
                "auth_scheme=OAuth;BasicAuth=***",
            ),
            (
                "ProxyServer=https://ghp_abcdefghijklmnop1234@github.com/x",
                "ProxyServer=https://***@github.com/x",
            ),
            (
                "ProxyServer=http://user:pw@proxy:80",
                "ProxyServer=http://***@proxy:80",
            ),
            (
                "ProxyServer=http://user@proxy",
                "ProxyServer=http://***@proxy",
            ),
            (
                "Description=mail me@example.com",
                "Description=mail me@example.com",
            ),
            (
                "Server=admin:hunter2@db.example.com:5432;Timeout=60",
                "Server=admin:***@db.example.com:5432;Timeout=60",
            ),
            (
                "SSLServerCert='-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----';Timeout=60",
                "SSLServerCert='***';Timeout=60",
            ),
            (
                "Description=\"see -----BEGIN PRIVATE KEY-----\nMIIE\";Timeout=60",
                "Description=\"see ***\";Timeout=60",
            ),
        ] {
            assert_eq!(secrets::redact(input, Syntax::Ado), want, "{input:?}");
        }
    }
}
