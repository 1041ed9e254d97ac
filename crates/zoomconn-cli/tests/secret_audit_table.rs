//! The secret audit as a generated table: every secret name, spaced alias, misspelling and
//! secret word × every shape a secret value takes in real and broken strings × every output of
//! the library, with a canary that must never show; then the same strings written into a file
//! of every kind the readers know (Python triple-quoted literals among them), through every
//! command and format of the CLI.

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
        // Names of other tools' secrets, and their separators and casings.
        "Pass",
        "DB_PASS",
        "db-pw",
        "PW",
        "UserPass",
        "Passphrase",
        "KeyPassphrase",
        "AccountKey",
        "SharedAccessKey",
        "SharedAccessSignature",
        "SAS",
        "ClientKey",
        "Client_Key",
        "client.key",
        "CLIENTKEY",
        "x-api-key",
        "AppKey",
        "AppSecretKey",
        "PSK",
        "WPA-PSK",
        "JWT",
        "AuthKey",
        "EncryptionKey",
        "OAuthJWTCert",
        "SSLClientCert",
        "SSL.Client.Cert",
        "BasicAuth",
        "Key",
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
        // The rest of a secret read as a key whose value is a placeholder.
        format!("{base}{n}=a;xxx{c}=xxxx"),
        format!("{base}{n}=a;x;{c}=your_value"),
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
        // Credentials inside any value, whatever its key's name.
        format!("{base}Description='-----BEGIN PRIVATE KEY-----\n{c}\n-----END PRIVATE KEY-----'"),
        format!("{base}SSLServerCert='-----BEGIN CERTIFICATE-----{c}'"),
        format!("{base}ProxyServer=https://ghp_{c}@github.com/x"),
        format!("{base}Description=admin:{c}@db.example.com:5432"),
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
    for rules in [
        RuleSet::ZoomProfile,
        RuleSet::ZoomFragment,
        RuleSet::AnyCData,
    ] {
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
        {
            let json = serde_json::to_string(input).unwrap();
            if let Err(e) = serde_json::from_str::<Config>(&json) {
                out.push(("serde error", e.to_string()));
            }
        }
    }
    out
}

#[test]
#[ignore = "slow in a debug build: .ci/run runs it (cargo test --workspace -- --ignored)"]
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

/// The same table through the CLI: every name × every shape, written into a file of every kind
/// the readers know (each escaped as its own tools escape it), checked in every format, found,
/// and diffed by `fmt --check` — stdout and stderr must not hold the canary or a piece of it.
mod cli {
    use super::{CANARY, names, shapes};
    use assert_cmd::Command;
    use std::path::Path;
    use zoomconn::Syntax;

    /// Pieces of the canary: a snippet window or a shortened message may cut it.
    const PIECES: [&str; 3] = ["Qz7CA", "CANAR", "ARYx9"];

    fn escape_json(s: &str) -> Option<String> {
        Some(serde_json::to_string(s).unwrap())
    }

    /// An XML attribute value; XML 1.0 cannot hold other control characters at all.
    fn escape_xml(s: &str) -> Option<String> {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '"' => out.push_str("&quot;"),
                '\n' => out.push_str("&#10;"),
                '\t' => out.push_str("&#9;"),
                c if c.is_control() => return None,
                c => out.push(c),
            }
        }
        out.push('"');
        Some(out)
    }

    /// A double-quoted scalar of YAML, a C# or Java literal: backslash escapes.
    fn escape_c(s: &str) -> Option<String> {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '"' => out.push_str("\\\""),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('"');
        Some(out)
    }

    /// A dotenv double-quoted value: `\\`, `\"` and `\n`; no other control characters.
    fn escape_env(s: &str) -> Option<String> {
        if s.chars().any(|c| c.is_control() && c != '\n') {
            return None;
        }
        Some(format!(
            "\"{}\"",
            s.replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace('\n', "\\n")
        ))
    }

    /// A Python triple-quoted literal: line breaks as they are, `\\` and `\"` escaped.
    fn escape_python_block(s: &str) -> Option<String> {
        if s.chars().any(|c| c.is_control() && c != '\n') {
            return None;
        }
        Some(format!(
            "\"\"\"{}\"\"\"",
            s.replace('\\', "\\\\").replace('"', "\\\"")
        ))
    }

    /// A Java `.properties` value.
    fn escape_properties(s: &str) -> Option<String> {
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                ' ' if i == 0 => out.push_str("\\ "),
                c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
        Some(out)
    }

    /// The strings of the table, with the syntax each is written in.
    fn strings() -> Vec<(String, Syntax)> {
        names().iter().flat_map(|n| shapes(n)).collect()
    }

    /// A repository that holds every string of the table in every kind of file.
    fn repository(dir: &Path) -> Vec<&'static str> {
        let strings = strings();
        let entries = |escape: fn(&str) -> Option<String>| -> Vec<(usize, String)> {
            strings
                .iter()
                .enumerate()
                .filter_map(|(i, (s, _))| escape(s).map(|e| (i, e)))
                .collect()
        };
        let mut files = Vec::new();
        let mut write = |name: &'static str, text: String| {
            std::fs::write(dir.join(name), text).unwrap();
            files.push(name);
        };
        let json: Vec<String> = entries(escape_json)
            .into_iter()
            .map(|(i, e)| format!("    \"Zoom{i}\": {e}"))
            .collect();
        write(
            "appsettings.json",
            format!(
                "{{\n  // comment\n  \"ConnectionStrings\": {{\n{}\n  }}\n}}\n",
                json.join(",\n")
            ),
        );
        let xml: Vec<String> = entries(escape_xml)
            .into_iter()
            .map(|(i, e)| format!("    <add name=\"Zoom{i}\" connectionString={e} />"))
            .collect();
        write(
            "app.config",
            format!(
                "<?xml version=\"1.0\"?>\n<configuration>\n  <connectionStrings>\n{}\n  </connectionStrings>\n</configuration>\n",
                xml.join("\n")
            ),
        );
        let yaml: Vec<String> = entries(escape_c)
            .into_iter()
            .map(|(i, e)| format!("      ZOOM_{i}: {e}"))
            .collect();
        write(
            "docker-compose.yml",
            format!(
                "services:\n  app:\n    image: app\n    environment:\n{}\n",
                yaml.join("\n")
            ),
        );
        let env: Vec<String> = entries(escape_env)
            .into_iter()
            .map(|(i, e)| format!("ZOOM_{i}={e}"))
            .collect();
        write(".env", env.join("\n") + "\n");
        let properties: Vec<String> = entries(escape_properties)
            .into_iter()
            .map(|(i, e)| format!("zoom.{i}={e}"))
            .collect();
        write("app.properties", properties.join("\n") + "\n");
        let code: Vec<String> = entries(escape_c)
            .into_iter()
            .map(|(i, e)| format!("    const string Zoom{i} = {e};"))
            .collect();
        write(
            "Connections.cs",
            format!("class Connections {{\n{}\n}}\n", code.join("\n")),
        );
        let python: Vec<String> = entries(escape_python_block)
            .into_iter()
            .map(|(i, e)| format!("ZOOM_{i} = {e}"))
            .collect();
        write("settings.py", python.join("\n") + "\n");
        // One line per string: what the readers of unknown kinds find by shape. (A NUL makes
        // the file binary, and a binary file is skipped.)
        let lines: Vec<&str> = strings
            .iter()
            .map(|(s, _)| s.as_str())
            .filter(|s| !s.contains(['\n', '\0']))
            .collect();
        write("notes.md", format!("```\n{}\n```\n", lines.join("\n")));
        // ODBC data sources: the keys of a section form one string, each on its own line.
        let mut ini = String::new();
        for (i, name) in names().iter().enumerate() {
            for value in [
                CANARY.to_owned(),
                format!("{{{CANARY};x}}"),
                format!("{{{CANARY}"),
                format!("a;{CANARY}=b"),
            ] {
                ini.push_str(&format!(
                    "[Zoom{i}]\nDriver=CData ODBC Driver for Zoom\nProfile=Zoom.apip\n{name}={value}\nTimeout=60 {name}={CANARY}\nAuthScheme=OAuth {name}:{CANARY}\n\n"
                ));
            }
        }
        write("odbc.ini", ini);
        // A CData `.prp` file holds one string.
        write(
            "zoom.prp",
            format!(
                "Profile=Zoom.apip;AuthScheme=Bad;OAuthClientSecrte={CANARY};Pasword:{CANARY}\n"
            ),
        );
        files
    }

    fn run(dir: &Path, args: &[&str], stdin: &str) -> (Option<i32>, String) {
        let out = Command::cargo_bin("zoomconn")
            .unwrap()
            .current_dir(dir)
            .env_remove("GITHUB_ACTIONS")
            .args(args)
            .write_stdin(stdin.to_owned())
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.code(), text)
    }

    fn leaks(what: &str, text: &str) -> Vec<String> {
        text.lines()
            .filter(|l| PIECES.iter().any(|p| l.contains(p)))
            .take(3)
            .map(|l| format!("{what}: {l}"))
            .collect()
    }

    #[test]
    #[ignore = "slow in a debug build: .ci/run runs it (cargo test --workspace -- --ignored)"]
    fn no_cli_output_shows_a_secret_of_any_name_in_any_shape_or_file_kind() {
        let dir = tempfile::tempdir().unwrap();
        let files = repository(dir.path());
        let mut found = Vec::new();
        let mut runs = 0;
        for format in ["human", "short", "github", "json", "sarif"] {
            for color in ["never", "always"] {
                let args = ["check", "-j1", "--format", format, "--color", color, "."];
                let (code, text) = run(dir.path(), &args, "");
                assert_eq!(code, Some(1), "{args:?}: {}", &text[..text.len().min(2000)]);
                runs += 1;
                found.extend(leaks(&args.join(" "), &text));
                if format == "short" {
                    // Every file is read and reported: the table is not vacuous.
                    for file in &files {
                        assert!(text.contains(&format!("{file}:")), "{file} has no finding");
                    }
                    assert!(text.lines().count() > 5_000, "{}", text.lines().count());
                }
            }
            let args = ["find", "--format", format, "."];
            if format != "github" && format != "sarif" {
                let (_, text) = run(dir.path(), &args, "");
                runs += 1;
                found.extend(leaks(&args.join(" "), &text));
            }
        }
        let (code, text) = run(dir.path(), &["fmt", "--check", "."], "");
        assert_ne!(code, Some(0), "{}", &text[..text.len().min(2000)]);
        found.extend(leaks("fmt --check", &text));
        // One string per line on stdin, in ADO and ODBC syntax.
        let lines: Vec<String> = super::names()
            .iter()
            .flat_map(|n| shapes(n))
            .map(|(s, _)| s)
            .filter(|s| !s.contains(['\n', '\0']))
            .collect();
        let stdin = lines.join("\n");
        for extra in [&[][..], &["--odbc"][..]] {
            for format in ["human", "short", "json", "sarif"] {
                let mut args = vec!["check", "--input", "text", "--format", format];
                args.extend_from_slice(extra);
                args.push("-");
                let (_, text) = run(dir.path(), &args, &stdin);
                runs += 1;
                found.extend(leaks(&args.join(" "), &text));
            }
        }
        assert!(runs >= 20, "{runs}");
        assert!(
            found.is_empty(),
            "{} leaks in {runs} runs over {} strings; the first:\n{}",
            found.len(),
            lines.len(),
            found[..found.len().min(20)].join("\n")
        );
    }
}
