//! Every byte from input leaves through one exit: whatever a file or its name holds, no output
//! of `check` (every format, plain and in colour), `find` (human, JSON) or `fmt --check` shows
//! a piece of a secret, a raw control character, a bidi override or a line that reads as a
//! GitHub workflow command zoomconn did not write.

use std::path::Path;

use assert_cmd::Command;

/// The secret placed in the inputs; no 5-char piece of it may appear in any output.
const CANARY: &str = "Qx7CANARYz9";

/// Every command and format that prints text from input.
const RUNS: &[(&str, &[&str])] = &[
    (
        "check human",
        &["check", "--format", "human", "--color", "never"],
    ),
    (
        "check colour",
        &["check", "--format", "human", "--color", "always"],
    ),
    ("check short", &["check", "--format", "short"]),
    ("check github", &["check", "--format", "github"]),
    ("check json", &["check", "--format", "json"]),
    ("check sarif", &["check", "--format", "sarif"]),
    ("find human", &["find"]),
    ("find json", &["find", "--format", "json"]),
    ("fmt --check", &["fmt", "--check"]),
];

/// stdout and stderr of `zoomconn <args> <dir>`.
fn run(args: &[&str], dir: &Path) -> (String, String) {
    let out = Command::cargo_bin("zoomconn")
        .unwrap()
        .args(args)
        .arg(dir)
        .current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn write_all(dir: &Path, files: &[(String, String)]) {
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

/// Connection strings that hide a secret after a forgotten `;` in a Profile, a Driver, a
/// braced Driver or a DSN value (`{c}` is the secret).
const SHAPES: &[(&str, &str)] = &[
    (
        "profile",
        "Profile=Zoom.apip OAuthClientSecret={c};AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;Timeout=x",
    ),
    (
        "profile, spaced name",
        "Profile=Zoom.apip OAuth Client Secret={c};AuthScheme=OAuth;Timeout=x",
    ),
    (
        "profile, no `=`",
        "Profile=Zoom.apip Password {c};AuthScheme=OAuth;Timeout=x",
    ),
    (
        "driver",
        "Driver=CData ODBC Driver for Zoom Password={c};Timeout=x",
    ),
    (
        "braced driver",
        "Driver={CData ODBC Driver for Zoom OAuthClientSecret={c}};Timeout=x",
    ),
    ("dsn", "DSN=CData Zoom Password={c};Timeout=x"),
];

/// The string in every kind of file, and a secret in an entry's name and in a file's name.
fn containers(s: &str) -> Vec<(String, String)> {
    let ini_body = s.replace(';', "\n");
    vec![
        ("a.env".into(), format!("ZOOM={s}\n")),
        (
            "b.json".into(),
            format!(r#"{{"ConnectionStrings": {{"Zoom": "{s}"}}}}"#),
        ),
        ("c.yaml".into(), format!("zoom:\n  conn: '{s}'\n")),
        (
            "App.config".into(),
            format!(
                r#"<configuration><connectionStrings><add name="Zoom" connectionString="{s}"/></connectionStrings></configuration>"#
            ),
        ),
        (
            "odbc.ini".into(),
            format!(
                "[ODBC Data Sources]\nZoom=CData ODBC Driver for Zoom Password={CANARY}\n\n[Zoom]\n{ini_body}\n"
            ),
        ),
        // The secret in an entry's name and in a file's name.
        (
            "d.json".into(),
            format!(r#"{{"conn OAuthClientSecret={CANARY}": "{s}"}}"#),
        ),
        (format!("e Password={CANARY}.env"), format!("ZOOM={s}\n")),
        // Not in canonical form: `fmt --check` shows it.
        ("f.env".into(), format!("ZOOM= {s}\n")),
    ]
}

/// The 5-char pieces of the canary that `text` shows.
fn leaks(text: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = (0..=CANARY.len() - 5)
        .map(|i| &CANARY[i..i + 5])
        .filter(|w| text.contains(w))
        .collect();
    out.dedup();
    out
}

#[test]
fn no_output_shows_a_piece_of_a_secret_hidden_after_a_forgotten_semicolon() {
    for (label, shape) in SHAPES {
        let dir = tempfile::tempdir().unwrap();
        write_all(dir.path(), &containers(&shape.replace("{c}", CANARY)));
        for (run_label, args) in RUNS {
            let (stdout, stderr) = run(args, dir.path());
            // Something was found and printed: the test sees the fields it is about.
            let wanted = match run_label.split(' ').next() {
                Some("check") => "Timeout",
                Some("find") => "Zoom",
                _ => "+++",
            };
            assert!(stdout.contains(wanted), "{label}, {run_label}: {stdout}");
            for (stream, text) in [("stdout", &stdout), ("stderr", &stderr)] {
                let found = leaks(text);
                assert!(
                    found.is_empty(),
                    "{label}, {run_label}, {stream} shows {found:?}:\n{text}"
                );
            }
        }
    }
}

/// What an attacker writes to forge a workflow command or take over a terminal.
const PAYLOADS: &[&str] = &[
    "\n::error title=forged::x",
    "\r\n::warning::y",
    "%0A::notice::z",
    "\x1b]0;title\x07",
    "\x1b[2J\x1b[31m",
    "\u{9b}31m\u{85}",
    "\u{202e}txt.exe\u{202c}",
    "\u{2066}\u{2069}\u{2028}\u{2029}",
    "\x7f\x08\t\x00",
];

/// Characters no output may hold raw.
fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

/// `text` without zoomconn's own colour: SGR sequences (`ESC [ digits ; … m`).
fn without_sgr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("\x1b[") {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 2..];
        let len = tail
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(tail.len());
        if tail[len..].starts_with('m') {
            rest = &tail[len + 1..];
        } else {
            // Not an SGR sequence: keep the ESC for the check to find.
            out.push('\x1b');
            rest = &rest[at + 1..];
        }
    }
    out.push_str(rest);
    out
}

/// JSON's escape of a string's content (the payloads need `\uXXXX` in a JSON file).
fn json_str(s: &str) -> String {
    let quoted = serde_json::to_string(s).unwrap();
    quoted[1..quoted.len() - 1].to_owned()
}

/// Files holding `p` in an entry's name, a Profile, a Driver and a DSN value, a value that
/// gets a finding (message and snippet), in a file's name, and in a string `fmt` rewrites.
fn injected(p: &str) -> Vec<(String, String)> {
    let j = json_str(p);
    // A file name cannot hold `/` or NUL.
    let file_name: String = p.chars().filter(|&c| c != '/' && c != '\0').collect();
    vec![
        (
            "names.json".into(),
            format!(r#"{{"entry{j}": "Profile=Zoom.apip;AuthScheme=x{j}"}}"#),
        ),
        (
            "profile.json".into(),
            format!(r#"{{"z": "Profile=Zoom.apip{j};Timeout=x"}}"#),
        ),
        (
            "driver.json".into(),
            format!(
                r#"{{"d": "Driver=CData ODBC Driver for Zoom{j};Timeout=x", "n": "DSN=CData{j} Zoom;Timeout=x"}}"#
            ),
        ),
        (
            "fmt.json".into(),
            format!(r#"{{"f": " Profile = Zoom.apip ; Scope = a{j}b ; Timeout=x"}}"#),
        ),
        (
            format!("file{file_name}.env"),
            "ZOOM=\" Profile = Zoom.apip ;Timeout=x\"\n".into(),
        ),
    ]
}

/// Checks one output: no raw control or bidi character (zoomconn's own colour and line ends
/// aside), no line that reads as a workflow command zoomconn did not write, and JSON values
/// free of them too once decoded.
fn assert_safe(what: &str, format_github: bool, text: &str) {
    let plain = without_sgr(text);
    let bad: Vec<char> = plain.chars().filter(|&c| is_forbidden(c)).collect();
    assert!(bad.is_empty(), "{what}: raw {bad:?} in\n{text}");
    for line in plain.lines() {
        if line.trim_start().starts_with("::") {
            let own = format_github
                && (line.starts_with("::error file=") || line.starts_with("::warning file="));
            assert!(
                own,
                "{what}: a line zoomconn did not write starts with `::`: {line:?}"
            );
        }
    }
    for line in plain.lines() {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
            let decoded = v.to_string();
            let mut strings = Vec::new();
            collect_strings(&v, &mut strings);
            for s in strings {
                assert!(
                    !s.chars().any(is_forbidden),
                    "{what}: a JSON value decodes to a control character: {decoded}"
                );
            }
        }
    }
}

fn collect_strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_strings(x, out)),
        serde_json::Value::Object(o) => o.iter().for_each(|(k, x)| {
            out.push(k.clone());
            collect_strings(x, out);
        }),
        _ => {}
    }
}

#[test]
fn no_output_lets_input_inject_control_characters_or_workflow_commands() {
    for payload in PAYLOADS {
        let dir = tempfile::tempdir().unwrap();
        write_all(dir.path(), &injected(payload));
        for (run_label, args) in RUNS {
            let (stdout, stderr) = run(args, dir.path());
            let what = format!("{payload:?}, {run_label}");
            // The files were read and reported: the fields holding the payload were printed
            // (on stderr for `fmt --check` when the payload breaks the string's syntax).
            assert!(
                !stdout.is_empty() || !stderr.is_empty(),
                "{what}: no output"
            );
            assert_safe(&what, *run_label == "check github", &stdout);
            assert_safe(&format!("{what} (stderr)"), false, &stderr);
        }
    }
}

/// The escaped forms are visible: what the input held can still be read in the output.
#[test]
fn escaped_forms_are_shown() {
    let table: &[(&str, &[&str], &str)] = &[
        ("\x1b]0;title\x07", &["find"], "\\u{1b}]0;title\\u{7}"),
        (
            "\n::error title=forged::x",
            &["find"],
            "entry\\n::error title=forged::x",
        ),
        (
            "\u{202e}txt.exe\u{202c}",
            &["find"],
            "\\u{202e}txt.exe\\u{202c}",
        ),
        (
            "\n::error title=forged::x",
            &["check", "--format", "short"],
            "file\\n::error title=forged::x.env",
        ),
        (
            "%0A::notice::z",
            &["check", "--format", "github"],
            "%250A::notice::z",
        ),
        ("\x1b]0;title\x07", &["fmt", "--check"], "+++ "),
        (
            "\x1b]0;title\x07",
            &["fmt", "--check"],
            "file\\u{1b}]0;title\\u{7}.env:1:7",
        ),
    ];
    for (payload, args, wanted) in table {
        let dir = tempfile::tempdir().unwrap();
        write_all(dir.path(), &injected(payload));
        let (stdout, _) = run(args, dir.path());
        assert!(
            stdout.contains(wanted),
            "{payload:?} {args:?}: {wanted} not in\n{stdout}"
        );
    }
}

/// A file name that starts with `::` (after spaces) is not a workflow command in `short`
/// and `find` lines, which start with the path.
#[test]
fn a_path_that_starts_with_colons_gets_a_visible_prefix() {
    for name in ["::error title=x::y.env", "  ::warning::z.env"] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(name), "ZOOM=Profile=Zoom.apip;Timeout=x\n").unwrap();
        for args in [&["check", "--format", "short", "."][..], &["find", "."]] {
            let out = Command::cargo_bin("zoomconn")
                .unwrap()
                .args(args)
                .current_dir(dir.path())
                .env_remove("GITHUB_ACTIONS")
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                stdout.contains(&format!("\\{name}")),
                "{name:?} {args:?}: {stdout}"
            );
            assert_safe(&format!("{name:?} {args:?}"), false, &stdout);
        }
    }
}

/// The commands that print one string given as an argument — `redact`, `parse` (with and
/// without `--show-secrets`), `explain` — escape control characters too.
#[test]
fn single_string_commands_escape_control_characters() {
    let bin = assert_cmd::cargo::cargo_bin("zoomconn");
    let payload = "a\x1b]0;title\x07\u{202e}b";
    let string = format!("Profile=Zoom.apip;Other='{payload}';Password='pw{payload}'");
    for args in [
        vec!["redact", string.as_str()],
        vec!["parse", string.as_str()],
        vec!["parse", "--show-secrets", string.as_str()],
        vec!["explain", payload],
        vec!["explain", string.as_str()],
    ] {
        let out = std::process::Command::new(&bin)
            .args(&args)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr);
        let bad: Vec<char> = text.chars().filter(|&c| is_forbidden(c)).collect();
        assert!(bad.is_empty(), "{args:?}: raw {bad:?} in {text}");
        assert!(text.contains("\\u{1b}]0;title\\u{7}"), "{args:?}: {text}");
    }
}

/// A connection string that is the value of an entry named like a secret (`CLIENT_SECRET=…`,
/// or a line read as `.env` whose name holds `secret`) is secret as a whole: no output quotes
/// any of it — snippets, messages, help, `fmt --check` diffs.
#[test]
fn a_string_stored_under_a_secret_name_is_withheld_whole() {
    let dir = tempfile::tempdir().unwrap();
    let c = "Qz9CANARYleak";
    std::fs::write(
        dir.path().join("a.env"),
        format!("CLIENT_SECRET=\"Profile = Zoom.apip ; Timeout={c} ; {c}';;x=1\"\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.json"),
        format!("{{\"Zoom\": \"oauth client secret={c}';;Profile=Zoom.apip;AuthScheme=OAuth;\"}}"),
    )
    .unwrap();
    let bin = assert_cmd::cargo::cargo_bin("zoomconn");
    for args in [
        vec!["check", "--format", "human", "a.env"],
        vec!["check", "--format", "short", "a.env"],
        vec!["check", "--format", "json", "a.env"],
        vec!["check", "--format", "sarif", "a.env"],
        vec!["check", "--format", "github", "a.env"],
        vec!["fmt", "--check", "a.env"],
        vec!["check", "--input", "env", "b.json"],
        vec!["check", "--input", "ini", "--format", "json", "b.json"],
    ] {
        let out = std::process::Command::new(&bin)
            .args(&args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr);
        assert!(
            !text.contains("Qz9CA") && !text.contains("ARYleak"),
            "{args:?}: {text}"
        );
    }
}
