//! The secret audit as a generated table: every secret name, spaced alias, misspelling and
//! secret word × every shape a secret value takes in real and broken strings × every output of
//! the library, with a canary that must never show. (The CLI's outputs and every input kind
//! are audited in `tests/secret_audit.rs` and `tests/cli.rs`.)

use zoomconn::registry::PROPERTIES;
use zoomconn::{Config, ConnectionString, RuleSet, Syntax, Tokenizer, ValidateOptions};

const CANARY: &str = "Qz7CANARYx9";

/// Names whose values are secret: the registry's secret properties and their spaced aliases,
/// misspellings of them, and keys that hold a secret word.
fn names() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in PROPERTIES.iter().filter(|p| p.secret) {
        out.push(p.name.to_owned());
        out.push(p.name.to_lowercase());
        out.extend(p.aliases.iter().map(|a| (*a).to_owned()));
        // Misspellings: two letters swapped, one dropped, one doubled.
        let chars: Vec<char> = p.name.chars().collect();
        let n = chars.len();
        if n > 4 {
            let mut swapped = chars.clone();
            swapped.swap(n - 2, n - 3);
            out.push(swapped.into_iter().collect());
            let mut dropped = chars.clone();
            dropped.remove(n / 2);
            out.push(dropped.into_iter().collect());
            let mut doubled = chars.clone();
            doubled.insert(n / 2, chars[n / 2]);
            out.push(doubled.into_iter().collect());
        }
    }
    for extra in [
        "OAuthClientSecrte",
        "Pasword",
        "ProxyPasswd",
        "OAuthAccesToken",
        "OAuth_Client_Secret",
        "oauth-client-secret",
        "ClientSecret",
        "RefreshToken",
        "AccessToken",
        "APIKey",
        "API Key",
        "APIToken",
        "API Token",
        "SecurityToken",
        "Token",
        "Secret",
        "Pwd",
        "DB_PWD",
        "Credential",
        "Credentials",
        "PrivateKey",
        "AccessKey",
    ] {
        out.push(extra.to_owned());
    }
    out
}

/// Strings that hold `C` (the canary) as, or inside, the secret of `n`.
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
        // Syntax errors at or after the secret.
        format!("{base}{n}={c};X"),
        format!("{base}{n}='{c}"),
        format!("{base}{n}={c}'"),
        format!("{base}{n}='{c}'x"),
        format!("{base}{n}={c}\u{1}"),
        format!("{base}{n}={c}\0;y=1"),
        // An unquoted `;` inside the secret: the rest is read as further segments.
        format!("{base}{n}=a;{c}"),
        format!("{base}{n}=a;{c};Scope=x"),
        format!("{base}{n}=a;tail={c}"),
        format!("{base}{n}=a;{c}=b;c=d"),
        format!("{base}{n}=a;b;{c};AuthScheme=OAuth"),
        // A forgotten `;` before the secret's name, in values of every type.
        format!("Profile=Zoom.apip;AuthScheme=OAuth {n}={c};OAuthAccessToken=t"),
        format!("{base}Timeout=60 {n}={c}"),
        format!("Profile=Zoom.apip {n}={c};AuthScheme=OAuth"),
        format!("{base}CallbackURL=http://localhost:1 {n}={c}"),
        format!("{base}Scope=a:read {n}={c}"),
        format!("{base}Region=EU {n}={c}"),
        format!("{base}InitiateOAuth=OFF {n}={c}"),
        // A forgotten `=` after the secret's name.
        format!("{base}{n}:{c};OAuthClientId=id"),
        format!("{base}{n} {c};AuthScheme=OAuth"),
        format!("{base}{n} {c}"),
        format!("{base}{n}={c};{n}=again;{n}="),
        // Nested connection strings.
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

/// Every output of the library for `input`, except those that show secrets on purpose
/// (`Display` of a string or config, `expose_secret`).
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
        if let Err(e) = item {
            out.push(("Tokenizer error", e.to_string()));
        }
    }
    for rules in [RuleSet::ZoomProfile, RuleSet::AnyCData] {
        let options = ValidateOptions::new().syntax(syntax).rules(rules);
        let report = zoomconn::validate_with(input, &options);
        out.push(("Report Debug", format!("{report:?}")));
        for f in &report {
            out.push(("Finding", format!("{f} | {f:?} | {:?}", f.help())));
        }
        out.push((
            "input masked by the report's spans",
            zoomconn::secrets::mask(input, report.secret_spans()),
        ));
    }
    out.push(("secrets::redact", zoomconn::secrets::redact(input, syntax)));
    out.push((
        "secrets::mask",
        zoomconn::secrets::mask(input, &zoomconn::secrets::spans(input, syntax)),
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
        let json = serde_json::to_string(input).unwrap();
        if let Err(e) = serde_json::from_str::<Config>(&json) {
            out.push(("serde error", e.to_string()));
        }
    }
    out
}

#[test]
fn no_output_shows_a_secret_of_any_name_in_any_shape() {
    let mut leaks = Vec::new();
    let mut checked = 0;
    for name in names() {
        for (input, syntax) in shapes(&name) {
            assert!(input.contains(CANARY));
            for (what, text) in outputs(&input, syntax) {
                checked += 1;
                if text.contains(CANARY) {
                    leaks.push(format!("{what} of {input:?} ({syntax:?}):\n    {text}"));
                }
            }
        }
    }
    assert!(checked > 20_000, "only {checked} outputs checked");
    if let Ok(path) = std::env::var("SECRET_AUDIT_DUMP") {
        std::fs::write(path, leaks.join("\n")).unwrap();
    }
    assert!(
        leaks.is_empty(),
        "{} of {checked} outputs leak the canary; the first:\n{}",
        leaks.len(),
        leaks[..leaks.len().min(12)].join("\n")
    );
}
