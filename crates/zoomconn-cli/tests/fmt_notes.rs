//! `zoomconn fmt --check` names a change that the masking hides: a string whose secret's
//! quoting or surrounding white space changes gets a `note:` line saying so, never the
//! secret — so a failing check always shows what there is to fix.

use assert_cmd::Command;

/// The secret value of every row: it must never be printed.
const CANARY: &str = "zzCANARYzz";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// `zoomconn fmt --check ARGS…` on a file named `name` holding `text`.
fn fmt_check(name: &str, text: &str, args: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    let out = Command::cargo_bin("zoomconn")
        .unwrap()
        .current_dir(dir.path())
        .env_remove("GITHUB_ACTIONS")
        .env_remove("NO_COLOR")
        .arg("fmt")
        .arg("--check")
        .args(args)
        .arg(name)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// One string per row, read as text: the string (`{s}` stands for the secret) → the hunk's
/// lines after its `---`/`+++` header: the masked old and new text, then the notes.
#[test]
fn notes_name_what_changes_inside_a_secret() {
    #[rustfmt::skip]
    let table: &[(&str, &[&str])] = &[
        // The quoting of a secret: the masked lines are the same, the note says why they differ.
        ("Profile=Zoom.apip;OAuthClientSecret=\"{s}\";", &[
            "-Profile=Zoom.apip;OAuthClientSecret=***;",
            "+Profile=Zoom.apip;OAuthClientSecret=***;",
            "note: the quoting of OAuthClientSecret's value changes",
        ]),
        ("Password='{s}''x';", &[
            "-Password=***;",
            "+Password=***;",
            "note: the quoting of Password's value changes",
        ]),
        ("OAuth Client Secret=' {s}';", &[
            "-OAuth Client Secret=***;",
            "+OAuth Client Secret=***;",
            "note: the quoting of OAuth Client Secret's value changes",
        ]),
        // Beside a visible change, the hidden one is named too.
        ("Profile=Zoom.apip;OAuthClientSecret='{s}'", &[
            "-Profile=Zoom.apip;OAuthClientSecret=***",
            "+Profile=Zoom.apip;OAuthClientSecret=***;",
            "note: the quoting of OAuthClientSecret's value changes",
        ]),
        // The white space around a secret, and both at once.
        ("Profile=Zoom.apip;OAuthClientSecret = {s} ;", &[
            "-Profile=Zoom.apip;OAuthClientSecret = *** ;",
            "+Profile=Zoom.apip;OAuthClientSecret=***;",
            "note: the white space around OAuthClientSecret's value changes",
        ]),
        ("OAuthAccessToken = \"{s}\";Profile=Zoom.apip;", &[
            "-OAuthAccessToken = ***;Profile=Zoom.apip;",
            "+OAuthAccessToken=***;Profile=Zoom.apip;",
            "note: the quoting of OAuthAccessToken's value changes",
            "note: the white space around OAuthAccessToken's value changes",
        ]),
        // The rest of an unquoted secret, read as a segment whose key is masked: not named.
        ("OAuthClientSecret={s};tail = {s};Scope=s", &[
            "-OAuthClientSecret=***;*** = ***;Scope=s",
            "+OAuthClientSecret=***;***=***;Scope=s;",
            "note: the white space around a masked key's value changes",
        ]),
        // Nothing hidden changes: no note (quotes and white space show).
        ("Scope=\"a b\";", &["-Scope=\"a b\";", "+Scope=a b;"]),
        ("ProxyServer=\"http://u:{s}@host\";", &[
            "-ProxyServer=\"http://***@host\";",
            "+ProxyServer=http://***@host;",
        ]),
        ("Profile=Zoom.apip;Other=\"Password={s}\";", &[
            "-Profile=Zoom.apip;Other=\"Password=***\";",
            "+Profile=Zoom.apip;Other=Password=***;",
        ]),
        ("Profile = Zoom.apip;OAuthClientSecret={s};", &[
            "-Profile = Zoom.apip;OAuthClientSecret=***;",
            "+Profile=Zoom.apip;OAuthClientSecret=***;",
        ]),
    ];
    for &(string, want) in table {
        let string = string.replace("{s}", CANARY);
        let r = fmt_check("conns.txt", &format!("{string}\n"), &["--input", "text"]);
        assert_eq!((r.code, r.stderr.as_str()), (1, ""), "{string}");
        let got: Vec<&str> = r.stdout.lines().skip(2).collect();
        assert_eq!(got, want, "{string}");
        assert!(
            r.stdout
                .starts_with("--- conns.txt:1:1\n+++ conns.txt:1:1\n")
        );
        assert!(!r.stdout.contains(CANARY), "{}", r.stdout);
    }
}

/// The same in host formats: the note follows the string's own hunk.
#[test]
fn notes_in_host_formats() {
    let table: &[(&str, &str, &str)] = &[
        (
            "deploy.env",
            "ZOOM=\"Profile=Zoom.apip;OAuthClientSecret='{s}';\"\n",
            "note: the quoting of OAuthClientSecret's value changes",
        ),
        (
            "appsettings.json",
            "{\"ConnectionStrings\": {\"Zoom\": \"Profile=Zoom.apip;Password='{s}';\"}}\n",
            "note: the quoting of Password's value changes",
        ),
    ];
    for &(name, text, note) in table {
        let text = text.replace("{s}", CANARY);
        let r = fmt_check(name, &text, &[]);
        assert_eq!(r.code, 1, "{name}: {}{}", r.stdout, r.stderr);
        let notes: Vec<&str> = r
            .stdout
            .lines()
            .filter(|l| l.starts_with("note:"))
            .collect();
        assert_eq!(notes, [note], "{name}: {}", r.stdout);
        assert!(!r.stdout.contains(CANARY) && !r.stderr.contains(CANARY));
    }
}
