//! The `zoomconn` binary on directories and real file shapes: the walk, `find`, results for
//! files that cannot be read, selectors that match nothing, `fmt` that changes only
//! connection-string bytes, suppressions, baselines, bounded input and a closed stdout.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const CANARY: &str = "Qz7CANARYqz7";

fn tempdir() -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "zoomconn-cli-sources-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, content).unwrap();
    path
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn zoomconn(dir: &Path, args: &[&str]) -> Run {
    zoomconn_stdin(dir, args, "")
}

fn zoomconn_stdin(dir: &Path, args: &[&str], stdin: &str) -> Run {
    let out = Command::cargo_bin("zoomconn")
        .unwrap()
        .current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .env_remove("NO_COLOR")
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// A small repository: strings in several kinds, a git-ignored file, a hidden file, a binary.
fn repo() -> PathBuf {
    let dir = tempdir();
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    write(&dir, ".gitignore", "ignored/\n");
    write(
        &dir,
        "appsettings.json",
        format!(
            "{{\n  // c\n  \"ConnectionStrings\": {{\n    \"Db\": \"Server=x;Database=UserProfileDB;Password={CANARY}\",\n    \"Zoom\": \"Profile=Zoom.apip;AuthScheme=OAuth2;OAuthClientSecret={CANARY}\",\n  }},\n}}\n"
        ),
    );
    write(
        &dir,
        "deploy/.env",
        format!(
            "ZOOM=\"Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=OFF;OAuthAccessToken={CANARY}\"\n"
        ),
    );
    write(
        &dir,
        "src/Main.java",
        format!("String z = \"jdbc:cdata:salesforce:User=u;Password={CANARY};Timeout=x\";\n"),
    );
    write(
        &dir,
        "notes.toml",
        format!("[db]\npassword = \"{CANARY}\"\nurl = \"Server=x;Password={CANARY}\"\n"),
    );
    write(
        &dir,
        "ignored/a.env",
        "Z=Profile=Zoom.apip;AuthScheme=Bad\n",
    );
    write(
        &dir,
        ".hidden/a.env",
        "Z=Profile=Zoom.apip;AuthScheme=Bad\n",
    );
    write(&dir, "logo.png", [0x89, b'P', b'N', b'G', 0, 0, 0xff]);
    dir
}

#[test]
fn check_walks_a_directory_in_every_format() {
    let dir = repo();
    let r = zoomconn(&dir, &["check", "-j1", "--format", "short", "."]);
    assert_eq!(
        r.stdout,
        "appsettings.json:5:43: error[invalid-enum]: invalid value `OAuth2` for AuthScheme: expected None or OAuth\n\
         src/Main.java:1:72: error[invalid-value]: invalid value `x` for Timeout: expected an integer ≥ 0\n"
    );
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "note: skipped 1 file (1 binary or not text, 0 over the size limit)\n"
    );
    let r = zoomconn(&dir, &["check", "-j1", "--color", "never", "."]);
    assert!(
        r.stdout
            .ends_with("2 errors, 0 warnings in 3 connection strings found in 4 files read\n"),
        "{}",
        r.stdout
    );
    // --hidden and --no-ignore walk what ripgrep would with the same switches.
    let r = zoomconn(
        &dir,
        &[
            "check",
            "-j1",
            "--format",
            "short",
            "--hidden",
            "--no-ignore",
            "--glob",
            "*.env",
            ".",
        ],
    );
    let files: Vec<&str> = r
        .stdout
        .lines()
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(files, [".hidden/a.env", "ignored/a.env"]);
    for format in ["human", "short", "github", "json", "sarif"] {
        for threads in ["1", "2"] {
            let r = zoomconn(
                &dir,
                &[
                    "check", "-j", threads, "--format", format, "--color", "always", ".",
                ],
            );
            assert!(
                !r.stdout.contains(CANARY) && !r.stderr.contains(CANARY),
                "{format}: {}",
                r.stdout
            );
            assert_eq!(r.code, 1, "{format}");
        }
    }
    let r = zoomconn(&dir, &["check", "-j1", "--format", "github", "."]);
    assert!(
        r.stdout
            .contains("::error file=src/Main.java,line=1,col=72,"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("%0Anote: CData Salesforce driver::")
            || r.stdout.contains("note: CData Salesforce driver"),
        "{}",
        r.stdout
    );
}

#[test]
fn find_lists_every_string_with_its_driver() {
    let dir = repo();
    let r = zoomconn(&dir, &["find", "-j1", "--format", "json", "."]);
    assert_eq!(
        r.stdout,
        "{\"column\":14,\"driver\":\"API\",\"fragment\":false,\"kind\":\"json\",\"line\":5,\"name\":\"ConnectionStrings:Zoom\",\"path\":\"appsettings.json\",\"profile\":\"Zoom.apip\",\"syntax\":\"ado\",\"zoom\":true}\n\
         {\"column\":7,\"driver\":\"API\",\"fragment\":false,\"kind\":\"env\",\"line\":1,\"name\":\"ZOOM\",\"path\":\"deploy/.env\",\"profile\":\"Zoom.apip\",\"syntax\":\"ado\",\"zoom\":true}\n\
         {\"column\":13,\"driver\":\"Salesforce\",\"fragment\":false,\"kind\":\"code\",\"line\":1,\"name\":\"z\",\"path\":\"src/Main.java\",\"profile\":null,\"syntax\":\"ado\",\"zoom\":false}\n"
    );
    assert_eq!(r.code, 0);
    let r = zoomconn(&dir, &["find", "-j1", "."]);
    assert_eq!(
        r.stdout,
        "appsettings.json:5:14: ConnectionStrings:Zoom — Zoom profile (Zoom.apip) of the CData API driver, ADO syntax\n\
         deploy/.env:1:7: ZOOM — Zoom profile (Zoom.apip) of the CData API driver, ADO syntax\n\
         src/Main.java:1:13: z — CData Salesforce driver, ADO syntax\n\
         3 connection strings found in 4 files read\n"
    );
}

#[test]
fn files_that_cannot_be_read_are_results_in_every_format() {
    let dir = tempdir();
    write(&dir, "bad.json", "{\n  \"a\": [\"Profile=Zoom.apip\",\n");
    write(&dir, "bad.yml", "a: [Profile=Zoom.apip, 2\nb: 3\n");
    // A broken file of another tool (a Helm template) that cannot hold a CData string is not
    // parsed in a walk; named on the command line, it is.
    write(&dir, "chart.yaml", "{{- if .Values.enabled }}\nkind: [\n");
    write(&dir, "odbc.ini", "[Zoom\nProfile=Zoom.apip\n");
    write(&dir, "good.env", "Z=Profile=Zoom.apip;AuthScheme=Bad\n");
    let r = zoomconn(
        &dir,
        &["check", "--strict", "-j1", "--format", "short", "."],
    );
    assert_eq!(r.code, 2);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "bad.json:2:8: error[invalid-json]: invalid JSON: unterminated array"
    );
    assert!(
        lines[1].starts_with("bad.yml:")
            && lines[1].contains("error[invalid-yaml]: invalid YAML: "),
        "{}",
        lines[1]
    );
    assert_eq!(
        lines[2],
        "good.env:1:32: error[invalid-enum]: invalid value `Bad` for AuthScheme: expected None or OAuth"
    );
    assert_eq!(
        lines[3],
        "odbc.ini:1:1: error[invalid-ini]: invalid INI: a section header is not closed with `]`"
    );
    assert_eq!(lines.len(), 4);
    let r = zoomconn(
        &dir,
        &["check", "--strict", "--format", "short", "chart.yaml"],
    );
    assert!(r.stdout.starts_with("chart.yaml:1:"), "{}", r.stdout);
    assert!(
        r.stdout.contains("error[invalid-yaml]: invalid YAML: "),
        "{}",
        r.stdout
    );
    assert_eq!(r.code, 2);
    let r = zoomconn(
        &dir,
        &["check", "--strict", "-j1", "--format", "github", "bad.json"],
    );
    assert_eq!(
        r.stdout,
        "::error file=bad.json,line=2,col=8,endLine=2,endColumn=8,title=zoomconn invalid-json::invalid JSON: unterminated array\n"
    );
    let r = zoomconn(&dir, &["check", "--strict", "--format", "json", "bad.json"]);
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(
        (v["rule"].as_str(), v["line"].as_u64()),
        (Some("invalid-json"), Some(2))
    );
    let r = zoomconn(
        &dir,
        &["check", "--strict", "--format", "sarif", "bad.json"],
    );
    let log: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(log["runs"][0]["results"][0]["ruleId"], "invalid-json");
    assert_eq!(
        log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"],
        "invalid JSON: unterminated array at line 2, column 8"
    );
    let r = zoomconn(&dir, &["find", "--strict", "--format", "json", "bad.json"]);
    assert!(
        r.stdout.contains("\"rule\":\"invalid-json\""),
        "{}",
        r.stdout
    );
    assert_eq!(r.code, 2);
    // Without --strict, a file that does not parse as its kind is a note in every format,
    // searched by shape as text: its strings are checked, and the note fails nothing.
    let r = zoomconn(&dir, &["check", "-j1", "--format", "short", "."]);
    let notes: Vec<&str> = r.stdout.lines().filter(|l| l.contains(": note[")).collect();
    assert_eq!(
        notes,
        [
            "bad.json:2:8: note[invalid-json]: invalid JSON: unterminated array",
            "bad.yml:2:2: note[invalid-yaml]: invalid YAML: illegal placement of ':' indicator",
            "odbc.ini:1:1: note[invalid-ini]: invalid INI: a section header is not closed with `]`",
        ],
        "{}",
        r.stdout
    );
    // `"Profile=Zoom.apip"` in bad.json, read as text, lacks its AuthScheme: a finding.
    assert!(
        r.stdout
            .contains("bad.json:2:10: error[missing-auth-scheme]"),
        "{}",
        r.stdout
    );
    assert_eq!(r.code, 1);
    let r = zoomconn(&dir, &["check", "--format", "github", "bad.json"]);
    assert!(
        r.stdout.starts_with("::notice file=bad.json,line=2,col=8,"),
        "{}",
        r.stdout
    );
    let r = zoomconn(&dir, &["check", "--format", "json", "bad.json"]);
    let first: serde_json::Value = serde_json::from_str(r.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(first["severity"], "note");
    let r = zoomconn(&dir, &["check", "--format", "sarif", "bad.json"]);
    let log: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let note = &log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
    assert_eq!(note["level"], "note");
    assert_eq!(
        note["message"]["text"],
        "invalid-json: invalid JSON: unterminated array"
    );
    let r = zoomconn(
        &dir,
        &["check", "--format", "human", "--color", "never", "bad.json"],
    );
    assert!(
        r.stdout
            .starts_with("note[invalid-json]: invalid JSON: unterminated array"),
        "{}",
        r.stdout
    );
}

#[test]
fn selectors_that_match_nothing_are_usage_errors() {
    let dir = tempdir();
    write(
        &dir,
        "a.env",
        "ZOOM=Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=OFF;OAuthAccessToken=t\n",
    );
    write(
        &dir,
        "a.json",
        "{\"Zoom\": {\"Main\": \"Profile=Zoom.apip;AuthScheme=x\"}}\n",
    );
    let r = zoomconn(&dir, &["check", "--var", "ZOOM", "--var", "NOPE", "a.env"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (2, "error: --var NOPE matched no entry in the files read\n")
    );
    let r = zoomconn(
        &dir,
        &[
            "check",
            "--format",
            "short",
            "--json-pointer",
            "/Zoom",
            "a.json",
        ],
    );
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            1,
            "a.json:1:49: error[invalid-enum]: invalid value `x` for AuthScheme: expected None or OAuth\n"
        )
    );
    let r = zoomconn(&dir, &["check", "--json-pointer", "/Nope", "a.json"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            2,
            "error: --json-pointer /Nope matched nothing in the JSON files read\n"
        )
    );
    let r = zoomconn(&dir, &["find", "--var", "NOPE", "a.env"]);
    assert_eq!(r.code, 2);
}

#[test]
fn fmt_changes_only_connection_string_bytes() {
    let dir = tempdir();
    let json = "\u{feff}{\r\n  // keep\r\n  \"ConnectionStrings\": {\r\n    \"Db\": \"Server = x ; Database = y\",\r\n    \"Zoom\": \"Profile = Zoom.apip ; Scope = \\\"a b\\\"\",\r\n  },\r\n}\r\n";
    let json_path = write(&dir, "appsettings.json", json);
    let env_path = write(
        &dir,
        ".env",
        "# c\nA=1\nZOOM=\"Profile = Zoom.apip ; AuthScheme = OAuth\"\nB='x'\n",
    );
    let props = write(
        &dir,
        "app.properties",
        "a=1\nzoom=Profile = Zoom.apip ; \\\n  AuthScheme = OAuth\nb=2\n",
    );
    let yaml = write(
        &dir,
        "k8s.yaml",
        "env:\n  - name: ZOOM\n    value: 'Profile = Zoom.apip ; AuthScheme = OAuth' # c\n",
    );
    // A UTF-16 app.config is written back in UTF-16, BOM included.
    let xml = "<?xml version=\"1.0\" encoding=\"utf-16\"?>\r\n<c><add name=\"Z\" connectionString=\"Profile = Zoom.apip ; Scope = &quot;a&quot;\" /></c>\r\n";
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(xml.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let xml_path = write(&dir, "App.config", &utf16);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&env_path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let r = zoomconn(&dir, &["fmt", "--check", "-j1", "--hidden", "."]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.contains("--- appsettings.json:5:14\n+++ appsettings.json:5:14\n-Profile = Zoom.apip ; Scope = \"a b\"\n+Profile=Zoom.apip;Scope=a b;\n"), "{}", r.stdout);
    assert_eq!(
        std::fs::read(&json_path).unwrap(),
        json.as_bytes(),
        "--check writes nothing"
    );
    let r = zoomconn(&dir, &["fmt", "-j1", "--hidden", "."]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    assert_eq!(
        std::fs::read_to_string(&json_path).unwrap(),
        json.replace(
            "Profile = Zoom.apip ; Scope = \\\"a b\\\"",
            "Profile=Zoom.apip;Scope=a b;"
        )
    );
    assert_eq!(
        std::fs::read_to_string(&env_path).unwrap(),
        "# c\nA=1\nZOOM=\"Profile=Zoom.apip;AuthScheme=OAuth;\"\nB='x'\n"
    );
    assert_eq!(
        std::fs::read_to_string(&props).unwrap(),
        "a=1\nzoom=Profile=Zoom.apip;AuthScheme=OAuth;\nb=2\n"
    );
    assert_eq!(
        std::fs::read_to_string(&yaml).unwrap(),
        "env:\n  - name: ZOOM\n    value: 'Profile=Zoom.apip;AuthScheme=OAuth;' # c\n"
    );
    let mut want = vec![0xff, 0xfe];
    want.extend(
        xml.replace(
            "Profile = Zoom.apip ; Scope = &quot;a&quot;",
            "Profile=Zoom.apip;Scope=a;",
        )
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes()),
    );
    assert_eq!(std::fs::read(&xml_path).unwrap(), want);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&env_path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "permissions kept");
    }
    let r = zoomconn(&dir, &["fmt", "--check", "--hidden", "."]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains("zoomconn-")), "{names:?}");
}

#[test]
fn fmt_refuses_what_it_cannot_edit_and_leaves_it_untouched() {
    let dir = tempdir();
    // The canonical form quotes `a;"b` with `'`, which a single-quoted .env value cannot hold.
    let env = "OK=\"Profile = Zoom.apip ; AuthScheme = OAuth\"\nZOOM='Profile = Zoom.apip ; Scope = \"a;\"\"b\"'\n";
    let path = write(&dir, "a.env", env);
    let r = zoomconn(&dir, &["fmt", "a.env"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: a.env: not formatted, left untouched: the new text has a `'`, which a single-quoted .env value cannot hold\n"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        env,
        "nothing written, not even the other string"
    );
    // A string that does not parse is reported at its place; the file is left as it is.
    let bad = "ZOOM=\"Profile=Zoom.apip;AuthScheme='OAuth\"\n";
    std::fs::write(&path, bad).unwrap();
    let r = zoomconn(&dir, &["fmt", "a.env"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            1,
            "error: a.env:1:25: unterminated quoted value for key `AuthScheme`\n"
        )
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), bad);
}

#[test]
fn inline_allow_comments_and_baselines() {
    let dir = tempdir();
    write(
        &dir,
        "a.env",
        "# zoomconn:allow(placeholder-value)\nA=Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=OFF;OAuthAccessToken=your_token\nB=Profile=Zoom.apip;AuthScheme=x # zoomconn:allow(invalid-enum)\nC=Profile=Zoom.apip;AuthScheme=y\n",
    );
    let r = zoomconn(&dir, &["check", "--format", "short", "a.env"]);
    assert_eq!(
        r.stdout,
        "a.env:4:32: error[invalid-enum]: invalid value `y` for AuthScheme: expected None or OAuth\n"
    );
    let r = zoomconn(&dir, &["check", "--color", "never", "a.env"]);
    assert!(r.stdout.ends_with("; 2 allowed inline\n"), "{}", r.stdout);
    // A baseline of today's findings: moving lines keeps them known, a new one is reported.
    let report = zoomconn(&dir, &["check", "--format", "json", "a.env"]).stdout;
    write(&dir, "baseline.json", &report);
    write(
        &dir,
        "a.env",
        "\n\n# moved\nC=Profile=Zoom.apip;AuthScheme=y\nD=Profile=Zoom.apip;AuthScheme=z\n",
    );
    let r = zoomconn(
        &dir,
        &[
            "check",
            "--format",
            "short",
            "--baseline",
            "baseline.json",
            "a.env",
        ],
    );
    assert_eq!(
        r.stdout,
        "a.env:5:32: error[invalid-enum]: invalid value `z` for AuthScheme: expected None or OAuth\n"
    );
    assert_eq!(r.code, 1);
    write(&dir, "bad.json", "not json\n");
    let r = zoomconn(&dir, &["check", "--baseline", "bad.json", "a.env"]);
    assert_eq!(r.code, 2);
}

#[test]
fn input_is_bounded() {
    let dir = tempdir();
    // An endless device and a file over the limit: a clear error, nothing more read.
    let r = zoomconn(
        &dir,
        &[
            "check",
            "--format",
            "short",
            "--max-size",
            "1M",
            "/dev/zero",
        ],
    );
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            2,
            "/dev/zero:1:1: error[file-too-large]: larger than the size limit of 1 MiB\n"
        )
    );
    write(&dir, "big.env", "A=1\n".repeat(1000));
    let r = zoomconn(
        &dir,
        &["check", "--format", "short", "--max-size", "1K", "big.env"],
    );
    assert_eq!(
        r.stdout,
        "big.env:1:1: error[file-too-large]: larger than the size limit of 1 KiB\n"
    );
    // Found in a directory, it is skipped with a counted notice.
    let r = zoomconn(
        &dir,
        &["check", "--format", "short", "--max-size", "1K", "."],
    );
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            0,
            "note: skipped 1 file (0 binary or not text, 1 over the size limit)\n"
        )
    );
    // stdin too.
    let r = zoomconn_stdin(
        &dir,
        &["check", "--format", "short", "--max-size", "10", "-"],
        "Profile=Zoom.apip;AuthScheme=OAuth\n",
    );
    assert_eq!(
        r.stdout,
        "<stdin>:1:1: error[file-too-large]: larger than the size limit of 10 bytes\n"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_is_read_within_the_limit() {
    let dir = tempdir();
    let fifo = dir.join("pipe");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            use std::io::Write;
            if let Ok(mut f) = std::fs::OpenOptions::new().write(true).open(&fifo) {
                let chunk = vec![b'a'; 1 << 16];
                // Endless until the reader goes away.
                while f.write_all(&chunk).is_ok() {}
            }
        })
    };
    let r = zoomconn(
        &dir,
        &["check", "--format", "short", "--max-size", "2M", "pipe"],
    );
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            2,
            "pipe:1:1: error[file-too-large]: larger than the size limit of 2 MiB\n"
        )
    );
    writer.join().unwrap();
}

/// Every command that prints, its stdout closed before it starts (a socket whose other end
/// is gone, so that the very first write fails): status 141, as a shell shows SIGPIPE, and
/// nothing on stderr.
#[cfg(unix)]
#[test]
fn a_closed_stdout_ends_every_command_quietly() {
    use std::io::{Read, Write};
    use std::os::fd::OwnedFd;
    use std::os::unix::net::UnixStream;
    use std::process::Stdio;
    let dir = tempdir();
    let mut big = String::new();
    for i in 0..20_000 {
        big.push_str(&format!("Z{i}=Profile=Zoom.apip;AuthScheme=x{i}\n"));
    }
    write(&dir, "big.env", &big);
    write(
        &dir,
        "ugly.env",
        "Z=\"Profile = Zoom.apip ; AuthScheme = OAuth\"\n",
    );
    let bin = assert_cmd::cargo::cargo_bin("zoomconn");
    let url = "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=abc;OAuthClientSecret=s;CallbackURL=http://localhost:33333";
    for args in [
        &["check", "big.env"][..],
        &["check", "--format", "sarif", "big.env"],
        &["check", "--format", "json", "big.env"],
        &["find", "big.env"],
        &["find", "--format", "json", "."],
        &["fmt", "--check", "ugly.env"],
        &["fmt", "--input", "text", "-"],
        &["explain"],
        &["explain", "InitiateOAuth"],
        &["parse", "--json", "Profile=Zoom.apip"],
        &["parse", "Profile=Zoom.apip"],
        &["redact", "Password=x"],
        &["oauth", "url", url],
        &["--help"],
        &["--version"],
    ] {
        let (stdout, gone) = UnixStream::pair().unwrap();
        drop(gone);
        let mut child = std::process::Command::new(&bin)
            .current_dir(&dir)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::from(OwnedFd::from(stdout)))
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        {
            let mut stdin = child.stdin.take().unwrap();
            if args[0] == "fmt" {
                let _ = stdin.write_all(big.as_bytes());
            }
        }
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(
            (status.code(), stderr.as_str()),
            (Some(141), ""),
            "{args:?}"
        );
    }
}

/// `zoomconn find DIR | head -1`: the first line arrives, then the reader goes away; the
/// command ends quietly with 141 instead of printing the rest.
#[cfg(unix)]
#[test]
fn find_into_head_ends_quietly() {
    use std::io::{BufRead, BufReader, Read};
    use std::process::Stdio;
    let dir = tempdir();
    let mut big = String::new();
    for i in 0..20_000 {
        big.push_str(&format!("Z{i}=Profile=Zoom.apip;AuthScheme=OAuth\n"));
    }
    write(&dir, "conf/big.env", &big);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("zoomconn"))
        .current_dir(&dir)
        .args(["find", "-j", "1", "conf"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is dropped here, as `head -1` exits.
    assert!(first.starts_with("conf/big.env:1:4: Z0 — "), "{first}");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!((status.code(), stderr.as_str()), (Some(141), ""));
}

#[test]
fn unknown_kinds_show_only_connection_strings() {
    let dir = tempdir();
    write(
        &dir,
        "settings.py",
        format!(
            "DB_PASSWORD = \"{CANARY}\"  # Profile=\nZOOM = \"Profile=Zoom.apip;OAuthClientSecret={CANARY};AuthScheme=x\"\n"
        ),
    );
    write(
        &dir,
        "min.json",
        format!(
            "{{\"a\":\"Server=x;Password={CANARY}\",\"b\":\"Profile=Zoom.apip;Password={CANARY};AuthScheme=y\",\"c\":\"Profile=Zoom.apip;OAuthClientSecret={CANARY};AuthScheme=z\"}}"
        ),
    );
    for format in ["human", "short", "github", "json", "sarif"] {
        let r = zoomconn(
            &dir,
            &["check", "-j1", "--format", format, "--color", "never", "."],
        );
        assert!(!r.stdout.contains(CANARY), "{format}: {}", r.stdout);
    }
    let r = zoomconn(&dir, &["fmt", "--check", "-j1", "."]);
    assert!(!r.stdout.contains(CANARY), "{}", r.stdout);
    let r = zoomconn(&dir, &["check", "-j1", "--color", "never", "min.json"]);
    // Each snippet shows its own string only, never the others on the line.
    for block in r.stdout.split("\n\n").filter(|b| b.contains(" | ")) {
        let snippet = block.lines().find(|l| l.starts_with("1 | ")).unwrap();
        assert_eq!(snippet.matches("Profile=").count(), 1, "{snippet}");
        assert!(!snippet.contains("Server="), "{snippet}");
    }
}

/// Strings of other CData drivers name their driver in every format that has room for it.
#[test]
fn findings_name_the_driver_of_other_cdata_strings() {
    let dir = tempdir();
    write(
        &dir,
        "a.properties",
        "sf=jdbc:cdata:salesforce:User=u;Timeout=x\n",
    );
    let r = zoomconn(&dir, &["check", "--color", "never", "a.properties"]);
    assert!(
        r.stdout.contains("= note: a string of the CData Salesforce driver: the Zoom profile's own rules do not apply"),
        "{}",
        r.stdout
    );
    let r = zoomconn(&dir, &["check", "--format", "json", "a.properties"]);
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(
        (v["driver"].as_str(), v["name"].as_str()),
        (Some("Salesforce"), Some("sf"))
    );
    let r = zoomconn(&dir, &["check", "--format", "sarif", "a.properties"]);
    let log: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        log["runs"][0]["results"][0]["properties"]["driver"],
        "Salesforce"
    );
}

/// `--odbc` reads every string with the ODBC grammar, in check and fmt.
#[test]
fn odbc_syntax_is_told_from_the_string_or_forced() {
    let dir = tempdir();
    write(
        &dir,
        "a.txt",
        "Driver={CData ODBC Driver for API};Profile=Zoom.apip;AuthScheme='OAuth'\n",
    );
    let r = zoomconn(&dir, &["find", "--format", "json", "a.txt"]);
    assert!(r.stdout.contains("\"syntax\":\"odbc\""), "{}", r.stdout);
    // In ODBC syntax quotes are ordinary characters: `'OAuth'` is not a valid AuthScheme.
    let r = zoomconn(&dir, &["check", "--format", "short", "a.txt"]);
    assert!(
        r.stdout
            .contains("error[invalid-enum]: invalid value `'OAuth'` for AuthScheme"),
        "{}",
        r.stdout
    );
    write(
        &dir,
        "b.txt",
        "Profile=Zoom.apip;AuthScheme='OAuth';InitiateOAuth=OFF;OAuthAccessToken=t\n",
    );
    let r = zoomconn(&dir, &["check", "--format", "short", "b.txt"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
    let r = zoomconn(&dir, &["check", "--odbc", "--format", "short", "b.txt"]);
    assert!(r.stdout.contains("invalid value `'OAuth'`"), "{}", r.stdout);
    let r = zoomconn_stdin(&dir, &["redact", "--odbc"], "Driver={x};Password={a;b};X=1");
    assert_eq!(r.stdout, "Driver={x};Password=***;X=1\n");
}

#[test]
fn fmt_keeps_literals_over_several_lines_and_fragments_as_written() {
    let dir = tempdir();
    let before = "A = 'Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=OFF;OAuthAccessToken=t'\n\
                  B = \"\"\"Profile=Zoom.apip;AuthScheme=OAuth;\n\
                  InitiateOAuth=OFF;OAuthAccessToken=t\"\"\"\n\
                  C = \"Profile=\" + p + \";AuthScheme=OAuth;InitiateOAuth=OFF;OAuthAccessToken=\" + t\n";
    write(&dir, "conns.py", before);
    let r = zoomconn(&dir, &["fmt", "conns.py"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            0,
            "note: conns.py:2:8: kept as written: it is not one piece of text in the file (an ODBC data source section, a YAML block scalar, or a literal over several lines of source code)\n"
        )
    );
    let after = std::fs::read_to_string(dir.join("conns.py")).unwrap();
    assert_eq!(
        after,
        before.replace("OAuthAccessToken=t'", "OAuthAccessToken=t;'"),
        "only the one-line literal is rewritten"
    );
    // The literal over lines is still checked, positions in the file.
    write(
        &dir,
        "conns.py",
        before.replace("OAuthAccessToken=t\"", "OAuthAccessToken=t;Timeout=x\""),
    );
    let r = zoomconn(&dir, &["check", "--format", "short", "conns.py"]);
    assert_eq!(
        r.stdout,
        "conns.py:3:46: error[invalid-value]: invalid value `x` for Timeout: expected an integer ≥ 0\n"
    );
}

#[test]
fn fmt_never_changes_what_an_escape_means() {
    let dir = tempdir();
    // JavaScript: every escape is read as node reads it; the new text is written with only
    // the escapes it needs.
    let js = "const c = \"Profile=Zoom.apip;AuthScheme=OAuth;Password=p\\u00e4ss\\x21\\101\\q\";\n";
    write(&dir, "app.js", js);
    let r = zoomconn(&dir, &["fmt", "app.js"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let after = std::fs::read_to_string(dir.join("app.js")).unwrap();
    assert_eq!(
        after,
        "const c = \"Profile=Zoom.apip;AuthScheme=OAuth;Password=päss!Aq;\";\n"
    );
    // The same literal in a file of unknown language: kept as written, with a note.
    write(&dir, "app.txt2", js);
    let r = zoomconn(&dir, &["fmt", "app.txt2"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stderr
            .contains("app.txt2:1:12: kept as written: it holds an escape"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_to_string(dir.join("app.txt2")).unwrap(), js);
    // Python's `\N{…}` is not decoded: kept as written.
    let py = "C = \"Profile=Zoom.apip;AuthScheme=OAuth;Password=p\\N{BULLET}\"\n";
    write(&dir, "c.py", py);
    let r = zoomconn(&dir, &["fmt", "c.py"]);
    assert!(r.stderr.contains("kept as written"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(dir.join("c.py")).unwrap(), py);
    // `.env`: `\$` is `$` to bash and `\$` to dotenv.
    let env = "Z3=\"Profile=Zoom.apip;AuthScheme=OAuth;Password=a\\$b\"\n";
    write(&dir, "z.env", env);
    let r = zoomconn(&dir, &["fmt", "z.env"]);
    assert!(r.stderr.contains("bash and dotenv"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(dir.join("z.env")).unwrap(), env);
}

#[test]
fn xml_references_with_leading_zeros_name_secrets() {
    let dir = tempdir();
    let xml = "<c><add name=\"Z\" connectionString=\"Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=OFF;OAuthAccessToken=t;Pass&#x0000000077;ord=hunter2sekrit\"/></c>\n";
    write(&dir, "app.config", xml);
    for args in [
        &["fmt", "--check", "app.config"][..],
        &["check", "app.config"],
        &["find", "app.config"],
        &["find", "--format", "json", "app.config"],
    ] {
        let r = zoomconn(&dir, args);
        assert!(
            !r.stdout.contains("hunter2sekrit") && !r.stderr.contains("hunter2sekrit"),
            "{args:?}: {}{}",
            r.stdout,
            r.stderr
        );
    }
    let r = zoomconn(&dir, &["fmt", "app.config"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let after = std::fs::read_to_string(dir.join("app.config")).unwrap();
    assert!(after.contains(";Password=hunter2sekrit;\""), "{after}");
    assert!(!after.contains("&amp;"), "{after}");
}

/// Files are reported in path order whatever the number of threads, in every format.
#[test]
fn output_is_in_path_order_at_any_thread_count() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    for args in [
        &["find", "--hidden"][..],
        &["check", "--hidden", "--format", "short"],
        &["check", "--hidden", "--format", "json"],
    ] {
        let runs: Vec<Run> = ["1", "2", "8"]
            .iter()
            .map(|j| {
                let mut a = args.to_vec();
                a.extend(["-j", j, "."]);
                zoomconn(&corpus, &a)
            })
            .collect();
        for r in &runs[1..] {
            assert_eq!(r.stdout, runs[0].stdout, "{args:?}");
        }
        let paths: Vec<String> = runs[0]
            .stdout
            .lines()
            .filter_map(|l| match serde_json::from_str::<serde_json::Value>(l) {
                Ok(v) => v["file"].as_str().map(str::to_owned),
                Err(_) => l.split_once(':').map(|(p, _)| p.to_owned()),
            })
            .filter(|p| !p.contains(' '))
            .collect();
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(paths, sorted, "{args:?}");
        assert!(paths.len() > 10, "{args:?}: {}", runs[0].stdout);
    }
}

/// A Latin-1 `.properties` file reads the same named or walked, and a file in an unknown
/// legacy encoding is read as Windows-1252 with a note.
#[test]
fn legacy_encodings_read_the_same_walked_or_named() {
    let dir = tempdir();
    write(
        &dir,
        "app.properties",
        b"zoom=Profile=Zoom.apip;AuthScheme=OAuth2;Logfile=journ\xe9e.log\n".as_slice(),
    );
    write(
        &dir,
        "notes.txt",
        b"Profile=Zoom.apip;AuthScheme=OAuth2 \x93quoted\x94\n".as_slice(),
    );
    let walked = zoomconn(&dir, &["check", "--format", "short", "."]);
    let named = zoomconn(
        &dir,
        &["check", "--format", "short", "app.properties", "notes.txt"],
    );
    assert_eq!(walked.stdout, named.stdout);
    assert_eq!((walked.code, named.code), (1, 1));
    assert_eq!(
        walked.stdout,
        "app.properties:1:35: error[invalid-enum]: invalid value `OAuth2` for AuthScheme: expected None or OAuth\n\
         notes.txt:1:1: note[invalid-encoding]: not UTF-8 text (invalid byte at offset 36): read as windows-1252\n\
         notes.txt:1:30: error[invalid-enum]: invalid value `OAuth2 “quoted”` for AuthScheme: expected None or OAuth\n"
    );
}
