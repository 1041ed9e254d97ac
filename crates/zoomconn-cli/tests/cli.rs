//! The `zoomconn` binary, run for real: every subcommand, input kind, output format and exit
//! code, with positions asserted exactly and a secret canary that must never appear.

use assert_cmd::Command;

const CANARY: &str = "zzCANARYzz";

fn fixtures() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn zoomconn() -> Command {
    let mut cmd = Command::cargo_bin("zoomconn").unwrap();
    cmd.current_dir(fixtures())
        .env_remove("GITHUB_ACTIONS")
        .env_remove("NO_COLOR");
    cmd
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn check_short(args: &[&str]) -> Run {
    run(zoomconn()
        .arg("check")
        .arg("--format")
        .arg("short")
        .args(args))
}

#[test]
fn positions_are_the_files_own_for_every_input_kind() {
    #[rustfmt::skip]
    let table: &[(&str, i32, &str)] = &[
        // JSON: `\"`, `\t` and `\u00e9` escapes come before the error on the line.
        ("appsettings.json", 1, "appsettings.json:5:95: error[invalid-enum]: invalid value `OAuth2` for AuthScheme: expected None or OAuth\n"),
        // XML: `&quot;` and `&amp;` come before the errors.
        ("app.config", 1, "app.config:6:114: warning[unsupported-auth-scheme]: AuthScheme Basic is not supported by the Zoom profile: expected None or OAuth\n\
                           app.config:6:128: error[invalid-value]: invalid value `soon` for Timeout: expected an integer ≥ 0\n"),
        ("connections.txt", 1, "connections.txt:4:76: error[invalid-value]: invalid value `9` for Verbosity: expected an integer from 1 to 5\n"),
        ("deploy.env", 0, "deploy.env:2:48: warning[auth-scheme-none]: AuthScheme=None sends unauthenticated requests, which Zoom's API rejects\n"),
        // .properties: a continuation line and a `\u0055` escape.
        ("app.properties", 1, "app.properties:3:50: error[invalid-callback-url]: invalid CallbackURL `ftp://x`: the scheme `ftp` is not http or https\n"),
    ];
    for &(file, code, expected) in table {
        let r = check_short(&[file]);
        assert_eq!(r.stdout, expected, "{file}");
        assert_eq!(r.code, code, "{file}");
    }
}

#[test]
fn input_kind_override_and_selection() {
    // Read a .txt as JSON with a pointer.
    let dir = tempdir();
    let path = dir.join("settings.txt");
    std::fs::write(
        &path,
        r#"{"zoom": {"main": "Profile=Zoom.apip;AuthScheme=OAuth2"}}"#,
    )
    .unwrap();
    let r = check_short(&[
        "--input",
        "json",
        "--json-pointer",
        "/zoom",
        path.to_str().unwrap(),
    ]);
    assert!(
        r.stdout.contains(":1:49: error[invalid-enum]"),
        "{}",
        r.stdout
    );
    // --var picks one variable, even one that does not look like a connection string.
    let r = check_short(&["--var", "DB", "deploy.env"]);
    assert!(
        r.stdout.contains("deploy.env:3:4: error[missing-profile]"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("auth-scheme-none"));
}

#[test]
fn human_format_draws_the_line_with_a_caret_and_masks_secrets() {
    let r = run(zoomconn().args(["check", "--color", "never", "app.config"]));
    let expected = "\
warning[unsupported-auth-scheme]: AuthScheme Basic is not supported by the Zoom profile: expected None or OAuth
 --> app.config:6:114
  |
6 | …ile=Zoom.apip;Scope=&quot;x &amp; y&quot;;OAuthClientSecret=**********;AuthScheme=Basic;Timeout=soon
  |                                                                                    ^^^^^
  |
  = help: set AuthScheme=OAuth

error[invalid-value]: invalid value `soon` for Timeout: expected an integer ≥ 0
 --> app.config:6:128
  |
6 | …ile=Zoom.apip;Scope=&quot;x &amp; y&quot;;OAuthClientSecret=**********;AuthScheme=Basic;Timeout=soon
  |                                                                                                  ^^^^

1 error, 1 warning in 1 connection string found in 1 file read
";
    assert_eq!(r.stdout, expected);
    assert_eq!(r.code, 1);
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let ansi = |r: &Run| r.stdout.contains('\u{1b}');
    assert!(ansi(&run(zoomconn().args([
        "check",
        "--color",
        "always",
        "app.config"
    ]))));
    assert!(!ansi(&run(zoomconn().args([
        "check",
        "--color",
        "never",
        "app.config"
    ]))));
    // auto: not a terminal here, and NO_COLOR set: no colour either way.
    assert!(!ansi(&run(zoomconn()
        .env("NO_COLOR", "1")
        .args(["check", "app.config"]))));
    assert!(!ansi(&run(zoomconn().args(["check", "app.config"]))));
}

#[test]
fn github_format_and_its_default_under_actions() {
    let expected = "::warning file=app.config,line=6,col=114,endLine=6,endColumn=119,title=zoomconn unsupported-auth-scheme::AuthScheme Basic is not supported by the Zoom profile: expected None or OAuth%0Ahelp: set AuthScheme=OAuth\n\
                    ::error file=app.config,line=6,col=128,endLine=6,endColumn=132,title=zoomconn invalid-value::invalid value `soon` for Timeout: expected an integer ≥ 0\n";
    assert_eq!(
        run(zoomconn().args(["check", "--format", "github", "app.config"])).stdout,
        expected
    );
    assert_eq!(
        run(zoomconn()
            .env("GITHUB_ACTIONS", "true")
            .args(["check", "app.config"]))
        .stdout,
        expected
    );
}

#[test]
fn a_syntax_error_has_one_code_in_every_command_and_format() {
    let input = "Profile=Zoom.apip;AuthScheme\n";
    #[rustfmt::skip]
    let table: &[(&[&str], &str)] = &[
        (&["check", "-"], "error[syntax/missing-equals]: missing `=` after key `AuthScheme`"),
        (&["check", "--format", "short", "-"], "<stdin>:1:19: error[syntax/missing-equals]: missing `=` after key `AuthScheme`"),
        (&["check", "--format", "github", "-"], "title=zoomconn syntax/missing-equals::missing `=` after key `AuthScheme`"),
        (&["check", "--format", "json", "-"], "\"code\":\"syntax/missing-equals\""),
        (&["parse", "-"], "error[syntax/missing-equals]: missing `=` after key `AuthScheme` at line 1, column 19 (byte 18)"),
    ];
    for (args, expected) in table {
        let r = zoomconn().args(*args).write_stdin(input).output().unwrap();
        let out =
            String::from_utf8_lossy(&r.stdout).into_owned() + &String::from_utf8_lossy(&r.stderr);
        assert!(out.contains(expected), "{args:?}: {out}");
    }
}

#[test]
fn json_format_is_one_object_per_finding() {
    let r = run(zoomconn().args(["check", "--format", "json", "app.config"]));
    let lines: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[1],
        serde_json::json!({
            "file": "app.config", "line": 6, "column": 128, "end_line": 6, "end_column": 132,
            "severity": "error", "rule": "invalid-value", "code": "invalid-value",
            "message": "invalid value `soon` for Timeout: expected an integer ≥ 0", "help": null,
            "name": "Zoom", "driver": "API", "profile": "Zoom.apip", "fingerprint": "67cc42bef939c595"
        })
    );
}

#[test]
fn sarif_format_is_a_valid_sarif_log() {
    let r = run(zoomconn().args([
        "check",
        "--format",
        "sarif",
        "app.config",
        "appsettings.json",
    ]));
    let log: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif"));
    let run0 = &log["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(
        rules.len(),
        zoomconn::Rule::ALL.len() + zoomconn_sources::SourceErrorKind::ALL.len()
    );
    for rule in rules {
        assert!(rule["id"].is_string() && rule["shortDescription"]["text"].is_string());
    }
    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    for result in results {
        let id = result["ruleId"].as_str().unwrap();
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], id);
        assert!(["error", "warning"].contains(&result["level"].as_str().unwrap()));
        assert!(result["message"]["text"].is_string());
        let loc = &result["locations"][0]["physicalLocation"];
        assert!(loc["artifactLocation"]["uri"].is_string());
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(loc["region"]["startColumn"].as_u64().unwrap() >= 1);
    }
    assert_eq!(
        results[2]["locations"][0]["physicalLocation"]["region"]["startColumn"],
        95
    );
    assert_eq!(r.code, 1);
}

#[test]
fn exit_codes_and_deny_warnings() {
    assert_eq!(check_short(&["deploy.env"]).code, 0);
    assert_eq!(check_short(&["--deny-warnings", "deploy.env"]).code, 1);
    let clean = run(zoomconn()
        .args(["check", "-"])
        .write_stdin("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t\n"));
    assert_eq!(
        (clean.code, clean.stdout.as_str()),
        (
            0,
            "0 errors, 0 warnings in 1 connection string found in 1 file read\n"
        )
    );
    assert_eq!(run(zoomconn().args(["check", "--format", "nope"])).code, 2);
    assert_eq!(run(zoomconn().args(["frobnicate"])).code, 2);
}

#[test]
fn summary_counts_errors_warnings_and_files() {
    let r = run(zoomconn().args([
        "check",
        "--color",
        "never",
        "app.config",
        "appsettings.json",
        "deploy.env",
    ]));
    assert!(
        r.stdout
            .ends_with("2 errors, 2 warnings in 3 connection strings found in 3 files read\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn bad_files_are_reported_in_one_line_and_the_rest_still_checked() {
    let dir = tempdir();
    let bad_json = dir.join("bad.json");
    std::fs::write(&bad_json, "{\"ConnectionStrings\": [").unwrap();
    let bad_xml = dir.join("bad.config");
    std::fs::write(
        &bad_xml,
        "<configuration><connectionStrings></configuration>",
    )
    .unwrap();
    let binary = dir.join("blob.txt");
    std::fs::write(&binary, [0x61, 0x00, 0x01, 0xff]).unwrap();
    let missing = dir.join("missing.txt");
    // Files that do not parse as their kind are notes (searched as text); with --strict,
    // errors.
    for (strict, level) in [(false, "note"), (true, "error")] {
        let mut args = vec!["-j1"];
        if strict {
            args.push("--strict");
        }
        let paths = [&bad_json, &bad_xml, &binary, &missing];
        args.extend(paths.iter().map(|p| p.to_str().unwrap()));
        args.push("connections.txt");
        let r = check_short(&args);
        assert_eq!(r.code, 2);
        // Each unreadable file is a result in the output, at its problem's position.
        let tail: Vec<String> = r
            .stdout
            .lines()
            .map(|l| l.rsplit_once('/').map_or(l, |(_, t)| t).to_owned())
            .collect();
        assert_eq!(
            tail,
            [
                format!("bad.json:1:23: {level}[invalid-json]: invalid JSON: unterminated array"),
                format!("bad.config:1:35: {level}[invalid-xml]: invalid XML: an end tag does not match its start tag"),
                "blob.txt:1:2: error[binary-file]: holds NUL bytes: a binary file".to_owned(),
                "missing.txt:1:1: error[unreadable-file]: cannot read: No such file or directory (os error 2)".to_owned(),
                "connections.txt:4:76: error[invalid-value]: invalid value `9` for Verbosity: expected an integer from 1 to 5".to_owned(),
            ]
        );
    }
    // Without the binary and the missing file, the notes do not fail the run.
    let r = check_short(&["-j1", bad_json.to_str().unwrap(), bad_xml.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    let r = check_short(&["-j1", "--strict", bad_json.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stdout);
}

#[test]
fn the_canary_never_appears_in_any_output_of_check() {
    let files = [
        "appsettings.json",
        "app.config",
        "connections.txt",
        "deploy.env",
        "app.properties",
    ];
    for format in ["human", "short", "github", "json", "sarif"] {
        for color in ["never", "always"] {
            let r = run(zoomconn()
                .args(["check", "--format", format, "--color", color])
                .args(files));
            assert!(
                !r.stdout.contains(CANARY) && !r.stderr.contains(CANARY),
                "{format}: {}",
                r.stdout
            );
        }
    }
    // A secret with an unquoted `;`: its rest is masked too.
    let r = run(zoomconn()
        .args(["check", "--color", "never", "-"])
        .write_stdin(format!(
            "Profile=Zoom.apip;Password=ab;{CANARY};AuthScheme=OAuth\n"
        )));
    assert!(!r.stdout.contains(CANARY), "{}", r.stdout);
    assert!(
        r.stdout.contains("Password=**;**********;AuthScheme"),
        "{}",
        r.stdout
    );
}

#[test]
fn parse_prints_entries_and_json() {
    let r = run(zoomconn().args([
        "parse",
        "Profile = Zoom.apip; AuthScheme=OAuth;OAuthClientSecret='a;b'",
    ]));
    assert_eq!(
        r.stdout,
        "Profile = Zoom.apip\nAuthScheme = OAuth\nOAuthClientSecret = ***\n"
    );
    let r = run(zoomconn().args(["parse", "--json", "a=1;b='x y';A=2"]));
    assert_eq!(
        r.stdout,
        "{\"canonical\":\"a=2;b=x y;\",\"entries\":[{\"key\":\"a\",\"value\":\"2\"},{\"key\":\"b\",\"value\":\"x y\"}],\"ok\":true}\n"
    );
    assert_eq!(r.code, 0);
    let r = run(zoomconn().args(["parse", "--json", "a=1;\nb"]));
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"ok": false, "error": {"kind": "missing-equals", "message": "missing `=` after key `b`", "offset": 5, "line": 2, "column": 1}})
    );
    assert_eq!(r.code, 1);
    let r = run(zoomconn().args(["parse", "--odbc", "Driver={a;b};x='y"]));
    assert_eq!(r.stdout, "Driver = {a;b}\nx = 'y\n");
    let r = run(zoomconn().args(["parse", "--show-secrets", "Password=pw"]));
    assert_eq!(r.stdout, "Password = pw\n");
}

#[test]
fn parse_reads_all_of_stdin_byte_for_byte() {
    // The newline inside the quotes is part of the value; the final one is trailing space.
    let r = run(zoomconn()
        .args(["parse", "--json"])
        .write_stdin("a='x\ny'\n"));
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["entries"][0]["value"], "x\ny");
    let r = run(zoomconn()
        .args(["parse", "--json"])
        .write_stdin(vec![b'a', b'=', 0xff]));
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        (v["ok"].as_bool(), v["error"]["offset"].as_u64()),
        (Some(false), Some(2))
    );
    assert_eq!(r.code, 1);
}

#[test]
fn fmt_writes_canonical_form_and_check_prints_a_diff() {
    let r = run(zoomconn()
        .arg("fmt")
        .write_stdin("# keep me\r\n  Profile = Zoom.apip ; Scope = a b  \r\n\r\n"));
    assert_eq!(
        r.stdout,
        "# keep me\r\n  Profile=Zoom.apip;Scope=a b;  \r\n\r\n"
    );
    assert_eq!(r.code, 0);
    let dir = tempdir();
    let file = dir.join("conns.txt");
    std::fs::write(&file, "a = 1\nb=2;\n").unwrap();
    let r = run(zoomconn().args(["fmt", "--input", "text", "--check", file.to_str().unwrap()]));
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("-a = 1\n+a=1;\n"), "{}", r.stdout);
    assert!(r.stdout.starts_with("--- "), "{}", r.stdout);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "a = 1\nb=2;\n",
        "--check writes nothing"
    );
    assert_eq!(
        run(zoomconn().args(["fmt", "--input", "text", file.to_str().unwrap()])).code,
        0
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "a=1;\nb=2;\n");
    let r = run(zoomconn().args(["fmt", "--input", "text", "--check", file.to_str().unwrap()]));
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
    let r = run(zoomconn().arg("fmt").write_stdin("ok=1\nbad\n"));
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "error: <stdin>:2:1: missing `=` after key `bad`\n"
    );
    assert_eq!(run(zoomconn().args(["fmt", "missing.txt"])).code, 2);
}

#[test]
fn redact_replaces_secrets_only() {
    let r = run(zoomconn().args([
        "redact",
        "Profile=Zoom.apip; OAuthClientSecret = 'x;y' ;Password=pw",
    ]));
    assert_eq!(
        r.stdout,
        "Profile=Zoom.apip; OAuthClientSecret = *** ;Password=***\n"
    );
    let r = run(zoomconn()
        .args(["redact", "-"])
        .write_stdin("OAuthAccessToken=t\n"));
    assert_eq!(r.stdout, "OAuthAccessToken=***\n");
    assert_eq!(run(zoomconn().args(["redact", "a='x"])).code, 1);
}

#[test]
fn explain_reads_the_registry() {
    let r = run(zoomconn().args(["explain", "initiate oauth"]));
    assert_eq!(
        r.stdout,
        "InitiateOAuth\n  How the driver gets the OAuth access token: OFF uses OAuthAccessToken as given; GETANDREFRESH logs in through a browser, then refreshes the token; REFRESH only refreshes it with OAuthRefreshToken (no browser: for servers)\n  aliases:  Initiate OAuth\n  type:     enum\n  values:   OFF, GETANDREFRESH, REFRESH\n  default:  OFF\n  secret:   no\n  scope:    Zoom profile\n"
    );
    let r = run(zoomconn().args(["explain", "OAuthClientSecert"]));
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            2,
            "error: unknown property `OAuthClientSecert`; did you mean `OAuthClientSecret`?\n"
        )
    );
    let r = run(zoomconn().arg("explain"));
    assert_eq!(
        r.stdout.lines().count(),
        zoomconn::registry::PROPERTIES.len() + 1
    );
    assert!(r.stdout.contains("OAuthClientSecret") && r.stdout.contains("(secret)"));
}

#[test]
fn help_and_version() {
    for sub in ["check", "fmt", "parse", "redact", "explain"] {
        let r = run(zoomconn().args([sub, "--help"]));
        assert_eq!(r.code, 0);
        assert!(r.stdout.contains("Examples:"), "{sub}");
    }
    let r = run(zoomconn().arg("--version"));
    assert_eq!(
        r.stdout,
        format!("zoomconn {}\n", env!("CARGO_PKG_VERSION"))
    );
}

/// A fresh temporary directory under the target directory.
fn tempdir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "zoomconn-cli-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
