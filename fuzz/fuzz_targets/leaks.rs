//! A canary secret at a random secret position — a secret property's value under its name, a
//! spaced alias, a misspelling or a secret word; quoted or not; with the rest of the value after
//! an unquoted `;`; after a forgotten `;` or `=`; nested in `Other`/`ProfileSettings`; before
//! or after a syntax error; after a forgotten `;` in a `Profile`, `Driver` or `DSN` value — among
//! text the fuzzer writes, in both syntaxes: no output of the library may show it (`Display` of
//! a string or config, which is the credential, aside), and no output of the CLI's renderers
//! either (`find` lines, diagnostics in every format, the `fmt --check` diff), with the string
//! in a file of every kind.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zoomconn::{Config, ConnectionString, RuleSet, Syntax, Tokenizer, ValidateOptions};
use zoomconn_cli::render::{self, Diagnostic, FindingSite, Listing, Masks, SarifWriter, Shown};
use zoomconn_sources::{self as sources, Kind, LineIndex, Options};

const CANARY: &str = "Qz9CANARYleak";

const NAMES: &[&str] = &[
    "OAuthClientSecret",
    "oauth client secret",
    "OAuthAccessToken",
    "OAuth Refresh Token",
    "OAuthVerifier",
    "OAuth Verifier",
    "Password",
    "ProxyPassword",
    "Firewall Password",
    "RTK",
    "OAuthClientSecrte",
    "Pasword",
    "ProxyPasswd",
    "OAuth_Client_Secret",
    "ClientSecret",
    "RefreshToken",
    "API Key",
    "APIToken",
    "SecurityToken",
    "db_pwd",
];

/// Shapes with the secret's name `{n}`, the canary `{c}` and text of the fuzzer `{x}` (letters,
/// digits, spaces and `._-:` only, so that it cannot move the canary out of the secret).
const SHAPES: &[&str] = &[
    "{n}={c}",
    "{n}={x}{c}{x}",
    "{n}='{x}{c}'",
    "{n}=\"{c};{x}\"",
    "{n}=a;{c}",
    "{n}=a;{x}{c}={x}",
    "{n}=a;tail={c}",
    "AuthScheme=OAuth {n}={c}",
    "Timeout={x} {n}={c}",
    "Scope={x} {n}={c}",
    "{n}:{c};OAuthClientId=id",
    "{n} {c};AuthScheme=OAuth",
    "Other=\"{n}={c}\"",
    "ProfileSettings='{x}=1;{n}={c}'",
    "{n}='{c}",
    "{n}={c}';{x}",
    "{x}={x};{n}={c}'",
    "Profile=Zoom.apip {n}={c}",
    "Profile={x}.apip {n} {c}",
    "Driver=CData ODBC Driver for Zoom {n}={c}",
    "Driver={CData ODBC Driver for {x} {n}={c}}",
    "DSN=CData Zoom {n}={c}",
];

/// Every output of the CLI's renderers for `input` in a `.env` line and a JSON value, read as
/// every kind: `find` lines, diagnostics in every format, SARIF, the `fmt --check` diff.
fn rendered(input: &str) -> Vec<String> {
    let mut out = Vec::new();
    let json = serde_json::to_string(input).unwrap_or_default();
    let mut sarif = SarifWriter::new(Vec::new()).unwrap();
    for file in [format!("ZOOM={input}\n"), format!("{{\"Zoom\": {json}}}")] {
        let lines = LineIndex::new(&file);
        for &kind in Kind::ALL {
            let found = match sources::find(&file, kind, &Options::default()) {
                Ok(f) => f,
                Err(e) => {
                    let d = Diagnostic::from_error("f", &e);
                    out.push(render::short(&d));
                    out.push(render::json(&d, 0));
                    continue;
                }
            };
            for f in found {
                let f = &f;
                let listing = Listing::new("f", f);
                out.push(render::found_human(&listing));
                out.push(render::found_json(&listing));
                if let Ok(cs) = ConnectionString::parse_with(f.body(), f.syntax()) {
                    let new = cs.to_canonical_string();
                    out.push(render::diff_found(&Shown::new("f"), f, &new));
                }
                let checked = f.validate();
                let masks = Masks::new(f, &checked);
                for finding in checked.findings() {
                    let d = Diagnostic::from_finding(FindingSite {
                        path: "f",
                        source: &file,
                        lines: &lines,
                        found: f,
                        checked: &checked,
                        masks: &masks,
                        finding,
                    });
                    out.push(render::human(&d, false));
                    out.push(render::human(&d, true));
                    out.push(render::short(&d));
                    out.push(render::github(&d));
                    out.push(render::json(&d, 0));
                    sarif.result(&d, 0).unwrap();
                }
            }
        }
    }
    out.push(String::from_utf8(sarif.finish().unwrap()).unwrap_or_default());
    out
}

/// Every output of the library for `input` that must not show a secret.
fn outputs(input: &str, syntax: Syntax) -> Vec<String> {
    let mut out = Vec::new();
    match ConnectionString::parse_with(input, syntax) {
        Ok(cs) => {
            out.push(format!("{cs:?}"));
            out.push(cs.redacted());
        }
        Err(e) => out.push(format!("{e} {e:?}")),
    }
    for item in Tokenizer::with_syntax(input, syntax) {
        out.push(format!("{item:?}"));
    }
    for rules in [RuleSet::ZoomProfile, RuleSet::AnyCData] {
        let report =
            zoomconn::validate_with(input, &ValidateOptions::new().syntax(syntax).rules(rules));
        out.push(format!("{report:?}"));
        for f in &report {
            out.push(format!("{f} {:?}", f.help()));
        }
        out.push(zoomconn::secrets::mask(input, report.secret_spans()));
    }
    out.push(zoomconn::secrets::redact(input, syntax));
    if syntax == Syntax::Ado {
        match Config::parse(input) {
            Ok(cfg) => {
                out.push(format!("{cfg:?}"));
                out.push(cfg.redacted());
                out.push(format!("{:?}", cfg.to_builder()));
            }
            Err(e) => out.push(format!("{e} {e:?}")),
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Some((&pick2, rest)) = rest.split_first() else {
        return;
    };
    // The fuzzer's text, kept to characters that cannot end or quote a value.
    let x: String = rest
        .iter()
        .map(|&b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b' ' | b'.' | b'_' | b'-' | b':' => b as char,
            _ => 'k',
        })
        .take(64)
        .collect();
    // The fuzzer learns the canary from comparisons; in its own text the canary stands where
    // nothing is secret (a key before a secret word), so such inputs prove nothing.
    if x.contains(CANARY) {
        return;
    }
    let name = NAMES[usize::from(pick) % NAMES.len()];
    let shape = SHAPES[usize::from(pick2) % SHAPES.len()];
    let body = shape
        .replace("{n}", name)
        .replace("{x}", &x)
        .replace("{c}", CANARY);
    let base = "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t0k;";
    let syntax = if pick & 0x80 != 0 {
        Syntax::Odbc
    } else {
        Syntax::Ado
    };
    for input in [format!("{base}{body}"), format!("{body};{base}")] {
        for o in outputs(&input, syntax) {
            assert!(
                !o.contains(CANARY),
                "{input:?} ({syntax:?}) shows the canary:\n{o}"
            );
        }
        for o in rendered(&input) {
            assert!(
                !o.contains(CANARY),
                "{input:?} rendered shows the canary:\n{o}"
            );
        }
    }
});
