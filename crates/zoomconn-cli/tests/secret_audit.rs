//! The secret audit through the command line: every subcommand and format, stdout and stderr,
//! with a canary in every secret property. The canary may appear only where the command
//! exposes it on purpose (`parse --show-secrets`, `fmt` writing the file).

#[path = "../../../tests/audit/mod.rs"]
mod audit;

/// The CLI: every subcommand and format, stdout and stderr.
use assert_cmd::Command;
use audit::{CANARY, assert_clean, broken_inputs, with_canaries};

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
