//! `zoomconn oauth` run for real against a mock Zoom OAuth server: `url`, `login --paste`,
//! `login` with the loopback listener (the test plays the browser), `refresh` twice, `token`,
//! and every error path — with exact outputs, the file unchanged after each failure, and a
//! canary in the client secret and every token that must never reach stderr (the secret audit
//! of the `oauth` output paths; `tests/secret_audit.rs` covers the library's).

#[path = "../../zoomconn-oauth/tests/mock_zoom/mod.rs"]
mod mock_zoom;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use mock_zoom::{MockZoom, Mode};
use zoomconn::ConnectionString;

const CANARY: &str = "Cx7Q9zCANARYk2";
const ID: &str = "zoomClientId1";
/// The client secret: a canary.
const SECRET: &str = "Cx7Q9zCANARYk2sec";

fn mock() -> MockZoom {
    // Every token the mock issues holds the canary.
    MockZoom::start(ID, SECRET, CANARY)
}

fn login_string(callback: &str) -> String {
    format!(
        "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId={ID};OAuthClientSecret={SECRET};CallbackURL={callback}"
    )
}

/// A REFRESH string whose token expired long ago.
fn refresh_string(refresh_token: &str) -> String {
    format!(
        "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=REFRESH;OAuthClientId={ID};OAuthClientSecret={SECRET};OAuthAccessToken=old.{CANARY};OAuthRefreshToken={refresh_token};OAuthExpiresIn=3599;OAuthTokenTimestamp=1000"
    )
}

fn rt0() -> String {
    format!("eyJ.rt0.{CANARY}")
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Every run is audited: stderr never holds the canary.
#[track_caller]
fn audited(run: Run) -> Run {
    assert!(
        !run.stderr.contains("CANARY"),
        "stderr leaks a secret: {}",
        run.stderr
    );
    run
}

fn zoomconn() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_zoomconn"));
    cmd.env_remove("GITHUB_ACTIONS")
        .env_remove("HTTPS_PROXY")
        .env_remove("https_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("http_proxy")
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .env("BROWSER", "true");
    cmd
}

#[track_caller]
fn run(args: &[&str], stdin: &str) -> Run {
    let mut child = zoomconn()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that fails before reading stdin closes it: ignore a broken pipe.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let out = child.wait_with_output().unwrap();
    audited(Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    })
}

/// A running command whose stdout is read line by line.
struct Live {
    child: Child,
    stdout: BufReader<ChildStdout>,
}

impl Live {
    fn start(args: &[&str]) -> Live {
        let mut child = zoomconn()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        Live { child, stdout }
    }

    fn line(&mut self) -> String {
        let mut line = String::new();
        self.stdout.read_line(&mut line).unwrap();
        line.trim_end().to_owned()
    }

    fn type_in(&mut self, text: &str) {
        let stdin = self.child.stdin.as_mut().unwrap();
        stdin.write_all(text.as_bytes()).unwrap();
        stdin.flush().unwrap();
    }

    fn finish(mut self) -> Run {
        drop(self.child.stdin.take());
        let mut stdout = String::new();
        self.stdout.read_to_string(&mut stdout).unwrap();
        let mut stderr = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let code = self.child.wait().unwrap().code().unwrap_or(-1);
        audited(Run {
            code,
            stdout,
            stderr,
        })
    }
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn now_ms() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis()
}

/// The OAuthTokenTimestamp written in `text` (a connection string), checked to lie between
/// `before` and now.
#[track_caller]
fn timestamp_in(text: &str, before: u128) -> String {
    let cs = ConnectionString::parse(text).unwrap();
    let ts = cs.get("OAuthTokenTimestamp").unwrap().to_owned();
    let ms: u128 = ts.parse().unwrap();
    assert!(
        before <= ms && ms <= now_ms(),
        "{ms} not in [{before}, now]"
    );
    ts
}

/// The browser: GET `url`, return the whole answer.
fn browse(url: &str) -> String {
    let u = url::Url::parse(url).unwrap();
    let mut s = TcpStream::connect((u.host_str().unwrap(), u.port().unwrap())).unwrap();
    let target = match u.query() {
        Some(q) => format!("{}?{q}", u.path()),
        None => u.path().to_owned(),
    };
    write!(
        s,
        "GET {target} HTTP/1.1\r\nHost: {}\r\n\r\n",
        u.authority()
    )
    .unwrap();
    let mut page = String::new();
    s.read_to_string(&mut page).unwrap();
    assert!(!page.contains("CANARY"), "the page leaks a secret: {page}");
    page
}

#[test]
fn url_from_an_argument_stdin_and_files_of_every_kind() {
    let dir = tempdir();
    let cs = login_string("http://localhost:33333");
    let txt = write(dir.path(), "conns.txt", &format!("# Zoom\r\n{cs}\r\n"));
    let env = write(
        dir.path(),
        "deploy.env",
        &format!("DB=Server=x\nZOOM=\"{cs}\"\nOTHER='{cs}'\n"),
    );
    let json = write(
        dir.path(),
        "appsettings.json",
        &format!("{{\"ConnectionStrings\": {{\"Zoom\": \"{cs}\"}}}}"),
    );
    let xml = write(
        dir.path(),
        "app.config",
        &format!(
            "<configuration><connectionStrings><add name=\"Zoom\" connectionString=\"{cs}\"/></connectionStrings></configuration>"
        ),
    );
    let table: Vec<(Vec<&str>, &str)> = vec![
        (vec!["oauth", "url", &cs], ""),
        (vec!["oauth", "url"], &cs),
        (vec!["oauth", "url", "-"], &cs),
        (vec!["oauth", "url", "--file", s(&txt)], ""),
        (vec!["oauth", "url", "--file", s(&env), "--var", "ZOOM"], ""),
        (vec!["oauth", "url", "--file", s(&json)], ""),
        (vec!["oauth", "url", "--file", s(&xml)], ""),
        (
            vec![
                "oauth",
                "url",
                "--file",
                s(&txt),
                "--input",
                "text",
                "--line",
                "2",
            ],
            "",
        ),
    ];
    for (args, stdin) in table {
        let r = run(&args, stdin);
        assert_eq!((r.code, r.stderr.as_str()), (0, ""), "{args:?}");
        let url = url::Url::parse(r.stdout.trim_end()).unwrap();
        assert_eq!(r.stdout.lines().count(), 1, "{args:?}");
        assert_eq!(
            &url[..url::Position::AfterPath],
            "https://zoom.us/oauth/authorize"
        );
        let q: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        let keys: Vec<&str> = q.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "response_type",
                "client_id",
                "redirect_uri",
                "code_challenge",
                "code_challenge_method",
                "state"
            ],
            "{args:?}"
        );
        assert_eq!(q[1].1, ID);
        assert_eq!(q[2].1, "http://localhost:33333");
        assert!(!r.stdout.contains("CANARY"));
    }
    let r = run(
        &[
            "oauth",
            "url",
            "--authorize-url",
            "https://gw.example/authorize",
            &cs,
        ],
        "",
    );
    assert!(
        r.stdout.starts_with(
            "https://gw.example/authorize?response_type=code&client_id=zoomClientId1&"
        )
    );
}

#[test]
fn url_errors() {
    let dir = tempdir();
    let two = write(
        dir.path(),
        "two.txt",
        &format!(
            "{}\n\n{}\n",
            login_string("http://localhost:1"),
            login_string("http://localhost:2")
        ),
    );
    let none = write(dir.path(), "none.env", "DB=Server=x\n");
    #[rustfmt::skip]
    let table: Vec<(Vec<String>, i32, String)> = vec![
        (vec!["Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t".into()], 1,
         "error: the authorization request needs OAuthClientId, which is absent or empty\n".into()),
        (vec![format!("Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=a;OAuthClientSecret={SECRET};CallbackURL=your_callback_url")], 1,
         "error: <argument>:1:128: invalid CallbackURL `your_callback_url`: not an absolute URL\n  help: use the redirect URI of your Zoom app, an absolute URL such as http://localhost:33333\n".into()),
        (vec![format!("Profile=Zoom.apip;OAuthClientSecret='{CANARY}")], 1,
         "error: <argument>:1:19: unterminated quoted value for key `OAuthClientSecret`\n".into()),
        (vec!["--authorize-url".into(), "http://zoom.us/oauth/authorize".into(), login_string("http://localhost:1")], 2,
         "error: invalid authorize URL: http is accepted only for a loopback host; use https for zoom.us\n".into()),
        (vec!["--file".into(), two.to_str().unwrap().into()], 2,
         format!("error: {} holds 2 connection strings (lines 1, 3): pick one with --var NAME or --line N\n", two.display())),
        (vec!["--file".into(), two.to_str().unwrap().into(), "--line".into(), "2".into()], 2,
         format!("error: {}: no connection string on line 2 found (read as text)\n", two.display())),
        (vec!["--file".into(), none.to_str().unwrap().into(), "--var".into(), "ZOOM".into()], 2,
         format!("error: {}: no connection string named ZOOM found (read as env)\n", none.display())),
        (vec!["--file".into(), dir.path().join("absent.txt").to_str().unwrap().into()], 2,
         format!("error: {}: cannot read: No such file or directory (os error 2)\n", dir.path().join("absent.txt").display())),
    ];
    for (args, code, stderr) in table {
        let mut all = vec!["oauth", "url"];
        all.extend(args.iter().map(String::as_str));
        let r = run(&all, "");
        assert_eq!(
            (r.code, r.stderr.as_str(), r.stdout.as_str()),
            (code, stderr.as_str(), ""),
            "{args:?}"
        );
    }
}

#[test]
fn login_paste_prints_the_url_then_the_updated_string() {
    let mock = mock();
    let callback = "http://localhost:33333/zoom";
    let cs = login_string(callback);
    let before = now_ms();
    let mut live = Live::start(&[
        "oauth",
        "login",
        "--paste",
        "--no-browser",
        "--authorize-url",
        &mock.authorize_url(),
        "--token-url",
        &mock.token_url(),
        &cs,
    ]);
    let url = live.line();
    assert!(!url.contains("CANARY"));
    let redirect = mock.authorize(&url, callback).unwrap();
    live.type_in(&format!("{redirect}\n"));
    let r = live.finish();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "Open the URL above in a browser and log in. Then paste the address the browser was sent to (it starts with http://localhost:33333/zoom) and press Enter:\n"
    );
    let ts = timestamp_in(r.stdout.trim_end(), before);
    assert_eq!(
        r.stdout,
        format!(
            "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=REFRESH;OAuthClientId={ID};OAuthClientSecret={SECRET};CallbackURL={callback};OAuthAccessToken=eyJ.at2.{CANARY};OAuthRefreshToken=eyJ.rt2.{CANARY};OAuthExpiresIn=3599;OAuthTokenTimestamp={ts}\n"
        )
    );
}

#[test]
fn login_paste_writes_the_file_in_place_keeping_every_other_byte() {
    let mock = mock();
    let callback = "http://localhost:33333";
    let dir = tempdir();
    let original = format!(
        "\u{feff}# Zoom, production\r\n  {} ; Timeout = 30 \r\n\r\nProfile=Other.apip;AuthScheme=None\r\n",
        login_string(callback).replace(
            "InitiateOAuth=GETANDREFRESH",
            "InitiateOAuth = GetAndRefresh"
        )
    );
    let file = write(dir.path(), "conns.txt", &original);
    set_mode(&file, 0o640);
    let before = now_ms();
    let mut live = Live::start(&[
        "oauth",
        "login",
        "--paste",
        "--no-browser",
        "--line",
        "2",
        "--authorize-url",
        &mock.authorize_url(),
        "--token-url",
        &mock.token_url(),
        "--write",
        s(&file),
    ]);
    let url = live.line();
    let redirect = mock.authorize(&url, callback).unwrap();
    // The bare query is accepted as well as the whole URL.
    live.type_in(&format!("{}\n", redirect.split_once('?').unwrap().1));
    let r = live.finish();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "");
    assert!(r.stderr.ends_with(&format!(
        "Logged in: tokens and InitiateOAuth=REFRESH written to {}\n",
        file.display()
    )));
    let now = read(&file);
    let ts = timestamp_in(now.lines().nth(1).unwrap().trim(), before);
    let expected = format!(
        // The line's trailing blank is not part of the string, and stays where it was.
        "\u{feff}# Zoom, production\r\n  {} ; Timeout = 30;OAuthAccessToken=eyJ.at2.{CANARY};OAuthRefreshToken=eyJ.rt2.{CANARY};OAuthExpiresIn=3599;OAuthTokenTimestamp={ts} \r\n\r\nProfile=Other.apip;AuthScheme=None\r\n",
        login_string(callback).replace("InitiateOAuth=GETANDREFRESH", "InitiateOAuth = REFRESH")
    );
    assert_eq!(now, expected);
    assert_eq!(mode(&file), 0o640);
    assert_no_temp_files(dir.path());
}

#[test]
fn login_through_the_loopback_listener_writes_a_json_file() {
    let mock = mock();
    let callback = format!("http://127.0.0.1:{}/cb", free_port());
    let dir = tempdir();
    let original = format!(
        "{{\n  \"Logging\": {{ \"Level\": \"Info\" }},\n  \"ConnectionStrings\": {{\n    \"Db\": \"Server=db;Password=pw\",\n    \"Zoom\": \"{}\"\n  }}\n}}\n",
        login_string(&callback)
    );
    let file = write(dir.path(), "appsettings.json", &original);
    let before = now_ms();
    let mut live = Live::start(&[
        "oauth",
        "login",
        "--no-browser",
        "--wait",
        "30",
        "--authorize-url",
        &mock.authorize_url(),
        "--token-url",
        &mock.token_url(),
        "--write",
        s(&file),
    ]);
    let url = live.line();
    let redirect = mock.authorize(&url, &callback).unwrap();
    let page = browse(&redirect);
    assert!(page.starts_with("HTTP/1.1 200 OK\r\n"), "{page}");
    assert!(page.contains(
        "<h1>Zoom login complete</h1><p>You may close this window and return to the terminal.</p>"
    ));
    let r = live.finish();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        format!(
            "Waiting up to 30 s for the redirect to {callback} …\nLogged in: tokens and InitiateOAuth=REFRESH written to {}\n",
            file.display()
        )
    );
    let now = read(&file);
    let found: Vec<_> =
        zoomconn_sources::find(&now, zoomconn_sources::Kind::Json, &Default::default())
            .unwrap()
            .collect();
    let ts = timestamp_in(found[0].text(), before);
    assert_eq!(
        now,
        original.replace(
            &login_string(&callback),
            &format!(
                "{};OAuthAccessToken=eyJ.at2.{CANARY};OAuthRefreshToken=eyJ.rt2.{CANARY};OAuthExpiresIn=3599;OAuthTokenTimestamp={ts}",
                login_string(&callback).replace("GETANDREFRESH", "REFRESH")
            )
        )
    );
}

#[test]
fn refresh_twice_uses_the_rotated_token_then_token_prints_it() {
    let mock = mock();
    mock.set_refresh_token(&rt0());
    let dir = tempdir();
    let file = write(
        dir.path(),
        "deploy.env",
        &format!("# deploy\nexport ZOOM='{}'\nDB=x\n", refresh_string(&rt0())),
    );
    let refresh = [
        "oauth",
        "refresh",
        "--var",
        "ZOOM",
        "--token-url",
        &mock.token_url(),
        "--write",
        s(&file),
    ];
    for n in 1..=2 {
        let before = now_ms();
        let r = run(&refresh, "");
        assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
        assert_eq!(
            r.stderr,
            format!(
                "Refreshed: the rotated tokens were written to {}\n",
                file.display()
            )
        );
        let now = read(&file);
        let line = now.lines().nth(1).unwrap();
        let ts = timestamp_in(
            line.trim_start_matches("export ZOOM='")
                .trim_end_matches('\''),
            before,
        );
        assert_eq!(
            now,
            format!(
                "# deploy\nexport ZOOM='{}'\nDB=x\n",
                refresh_string(&format!("eyJ.rt{n}.{CANARY}"))
                    .replace(&format!("old.{CANARY}"), &format!("eyJ.at{n}.{CANARY}"))
                    .replace(
                        "OAuthTokenTimestamp=1000",
                        &format!("OAuthTokenTimestamp={ts}")
                    )
            )
        );
    }
    let sent: Vec<String> = mock
        .requests()
        .iter()
        .map(|r| r.form[1].1.clone())
        .collect();
    assert_eq!(sent, [rt0(), format!("eyJ.rt1.{CANARY}")]);

    // The token is valid now: `token` prints it alone, without a request, and needs no --write.
    let r = run(
        &[
            "oauth",
            "token",
            "--file",
            s(&file),
            "--var",
            "ZOOM",
            "--token-url",
            &mock.token_url(),
        ],
        "",
    );
    assert_eq!(
        (r.code, r.stdout.clone(), r.stderr.as_str()),
        (0, format!("eyJ.at2.{CANARY}\n"), "")
    );
    assert_eq!(mock.requests().len(), 2);
}

#[test]
fn token_refreshes_an_expired_token_into_the_file_first() {
    let mock = mock();
    mock.set_refresh_token(&rt0());
    let dir = tempdir();
    let file = write(
        dir.path(),
        "conns.txt",
        &format!("{}\n", refresh_string(&rt0())),
    );
    let args = [
        "oauth",
        "token",
        "--token-url",
        &mock.token_url(),
        "--write",
        s(&file),
    ];
    let r = run(&args, "");
    assert_eq!(
        (r.code, r.stdout.clone(), r.stderr.as_str()),
        (0, format!("eyJ.at1.{CANARY}\n"), "")
    );
    assert!(read(&file).contains(&format!(
        "OAuthAccessToken=eyJ.at1.{CANARY};OAuthRefreshToken=eyJ.rt1.{CANARY};"
    )));
    // Valid now: the same token, no second request.
    let r = run(&args, "");
    assert_eq!(r.stdout, format!("eyJ.at1.{CANARY}\n"));
    assert_eq!(mock.requests().len(), 1);
    // InitiateOAuth=OFF: the configured token, however old.
    let off = format!(
        "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t.{CANARY};OAuthTokenTimestamp=0;OAuthExpiresIn=1"
    );
    let r = run(&["oauth", "token", &off], "");
    assert_eq!((r.code, r.stdout.clone()), (0, format!("t.{CANARY}\n")));
}

/// A file that must stay as it is.
struct Unchanged {
    path: PathBuf,
    text: String,
}

impl Unchanged {
    fn new(dir: &Path, name: &str, text: &str) -> Unchanged {
        Unchanged {
            path: write(dir, name, text),
            text: text.to_owned(),
        }
    }
    #[track_caller]
    fn check(&self) {
        assert_eq!(
            read(&self.path),
            self.text,
            "{} changed",
            self.path.display()
        );
    }
}

/// `--write` on a file with two hard links is refused before any request (exit 2, nothing
/// rotated); `--force` writes the rotated tokens through the links, one inode for both names.
#[cfg(unix)]
#[test]
fn write_refuses_a_hard_linked_file_unless_forced() {
    use std::os::unix::fs::MetadataExt;
    let mock = mock();
    mock.set_refresh_token(&rt0());
    let dir = tempdir();
    let token_url = mock.token_url();
    let file = Unchanged::new(
        dir.path(),
        "a.txt",
        &format!("{}\n", refresh_string(&rt0())),
    );
    let link = dir.path().join("b.txt");
    std::fs::hard_link(&file.path, &link).unwrap();
    let args = [
        "oauth",
        "refresh",
        "--token-url",
        &token_url,
        "--write",
        s(&file.path),
    ];
    let r = run(&args, "");
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        format!(
            "error: {}: it has 2 hard links, which replacing it would split; it was not written \
             (--force writes it in place, through the links, not atomically)\n",
            file.path.display()
        )
    );
    assert_eq!(r.stdout, "");
    file.check();

    let mut forced = args.to_vec();
    forced.push("--force");
    let r = run(&forced, "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "");
    let now = read(&file.path);
    assert_ne!(now, file.text);
    assert!(!now.contains(&rt0()), "{now}");
    assert_eq!(read(&link), now);
    let inode = |p: &Path| std::fs::metadata(p).unwrap().ino();
    assert_eq!(inode(&file.path), inode(&link));
    assert_no_temp_files(dir.path());
}

#[test]
fn failures_write_nothing_and_say_why() {
    let mock = mock();
    mock.set_refresh_token(&rt0());
    let dir = tempdir();
    let token_url = mock.token_url();
    let closed = format!("http://127.0.0.1:{}/oauth/token", free_port());
    let no_refresh = format!(
        "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=REFRESH;OAuthClientId={ID};OAuthClientSecret={SECRET}\n"
    );
    let used = refresh_string(&format!("used.{CANARY}"));
    let odbc_section = format!(
        "[ODBC Data Sources]\nZoom=CData API\n\n[Zoom]\nDriver=CData ODBC Driver for API\n{}\n",
        refresh_string(&rt0()).replace(';', "\n")
    );
    #[rustfmt::skip]
    let table: Vec<(&str, String, Vec<&str>, i32, String)> = vec![
        ("a.txt", no_refresh.clone(), vec!["refresh", "--token-url", &token_url], 1,
         "error: the refresh needs OAuthRefreshToken, which is absent or empty\n".into()),
        ("b.txt", format!("{used}\n"), vec!["refresh", "--token-url", &token_url], 1,
         "error: the token endpoint refused the request (HTTP 400, invalid_request): Invalid Token!\n".into()),
        ("c.txt", format!("{}\n", refresh_string(&rt0())), vec!["refresh", "--token-url", &closed], 1,
         "error: cannot reach the token endpoint: ".into()),
        ("d.txt", format!("{}\n", refresh_string(&rt0())), vec!["refresh", "--token-url", "http://zoom.us/oauth/token"], 2,
         "error: invalid token URL: http is accepted only for a loopback host; use https for zoom.us\n".into()),
        ("odbc.ini", odbc_section, vec!["refresh", "--token-url", &token_url], 2,
         "cannot write the tokens into this odbc file: this connection string cannot be edited in place: it is not one piece of text in the file (an ODBC data source section, a YAML block scalar, or a literal over several lines of source code); run without --write and copy the connection string from stdout\n".into()),
        ("h.txt", format!("{}\n{}\n", refresh_string(&rt0()), refresh_string(&rt0())), vec!["refresh", "--token-url", &token_url], 2,
         "holds 2 connection strings (lines 1, 2): pick one with --var NAME or --line N\n".into()),
        ("i.txt", format!("{}\n", login_string("https://app.example.com/cb")), vec!["login", "--no-browser", "--token-url", &token_url], 1,
         "error: CallbackURL `https://app.example.com/cb` cannot be received on this machine: the listener needs an http URL on a loopback host (localhost, 127.0.0.1, [::1])\n".into()),
        ("j.txt", format!("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;OAuthClientId={ID};CallbackURL=http://localhost:1\n"), vec!["login", "--no-browser", "--paste"], 1,
         "error: the code exchange needs OAuthClientSecret, which is absent or empty\n".into()),
        ("k.txt", format!("Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId={ID};CallbackURL=http://localhost:1\n"), vec!["login", "--no-browser", "--paste"], 1,
         "error: conns:1:1: missing OAuthClientSecret, required when AuthScheme=OAuth and InitiateOAuth=GETANDREFRESH\n".into()),
    ];
    for (name, text, args, code, stderr) in table {
        let file = Unchanged::new(dir.path(), name, &text);
        let mut all = vec!["oauth"];
        all.extend(args.iter().copied());
        all.extend(["--write", s(&file.path)]);
        let r = run(&all, "");
        assert_eq!(r.code, code, "{name}: {}", r.stderr);
        let stderr = stderr.replace("conns:", &format!("{}:", file.path.display()));
        match name {
            // The operating system's words vary: the start is enough.
            "c.txt" => assert!(r.stderr.starts_with(&stderr), "{name}: {}", r.stderr),
            "odbc.ini" | "h.txt" => {
                assert_eq!(
                    r.stderr,
                    format!(
                        "error: {}{}{stderr}",
                        file.path.display(),
                        if name == "h.txt" { " " } else { ": " }
                    ),
                    "{name}"
                )
            }
            _ => assert_eq!(r.stderr, stderr, "{name}"),
        }
        // Nothing written, nothing printed (the tokens were not rotated).
        assert_eq!(r.stdout, "", "{name}");
        file.check();
    }
    assert_no_temp_files(dir.path());
}

#[test]
fn token_without_write_refuses_to_lose_a_rotated_token() {
    let mock = mock();
    mock.set_refresh_token(&rt0());
    let r = run(
        &[
            "oauth",
            "token",
            "--token-url",
            &mock.token_url(),
            &refresh_string(&rt0()),
        ],
        "",
    );
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: the access token expired (or its expiry is unknown), and a refresh rotates the refresh token: give --write FILE to keep the new one, or run `zoomconn oauth refresh`\n"
    );
    assert!(mock.requests().is_empty());
}

#[test]
fn refresh_without_write_prints_the_updated_string() {
    let mock = mock();
    mock.set_refresh_token(&rt0());
    let before = now_ms();
    let r = run(
        &["oauth", "refresh", "--token-url", &mock.token_url()],
        &format!("{}\n", refresh_string(&rt0())),
    );
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let ts = timestamp_in(r.stdout.trim_end(), before);
    assert_eq!(
        r.stdout,
        format!(
            "{}\n",
            refresh_string(&format!("eyJ.rt1.{CANARY}"))
                .replace(&format!("old.{CANARY}"), &format!("eyJ.at1.{CANARY}"))
                .replace(
                    "OAuthTokenTimestamp=1000",
                    &format!("OAuthTokenTimestamp={ts}")
                )
        )
    );
}

#[test]
fn bad_answers_and_timeouts_exit_1() {
    #[rustfmt::skip]
    let table: &[(Mode, &str)] = &[
        (Mode::HtmlError, "error: the token endpoint answered HTTP 502 with 37 bytes that are not a JSON object\n"),
        (Mode::Error200, "error: the token endpoint refused the request (HTTP 200, invalid_request): Invalid authorization code\n"),
        (Mode::Redirect, "error: the token endpoint answered with a redirect (HTTP 302), which is not followed\n"),
        (Mode::Hang, "error: the token endpoint did not answer within 1s\n"),
    ];
    for &(mode, stderr) in table {
        let mock = mock();
        mock.set_refresh_token(&rt0());
        mock.set_mode(mode);
        let dir = tempdir();
        let file = Unchanged::new(
            dir.path(),
            "conns.txt",
            &format!("{}\n", refresh_string(&rt0())),
        );
        let r = run(
            &[
                "oauth",
                "refresh",
                "--timeout",
                "1",
                "--token-url",
                &mock.token_url(),
                "--write",
                s(&file.path),
            ],
            "",
        );
        assert_eq!(
            (r.code, r.stderr.as_str(), r.stdout.as_str()),
            (1, stderr, ""),
            "{mode:?}"
        );
        file.check();
    }
}

#[test]
fn login_errors_state_port_wait_and_paste() {
    let mock = mock();
    let dir = tempdir();
    let port = free_port();
    let callback = format!("http://127.0.0.1:{port}");
    let file = Unchanged::new(
        dir.path(),
        "conns.txt",
        &format!("{}\n", login_string(&callback)),
    );
    let base = [
        "oauth",
        "login",
        "--no-browser",
        "--authorize-url",
        &mock.authorize_url(),
        "--token-url",
        &mock.token_url(),
    ];

    // A pasted redirect with another login's state.
    let mut args = base.to_vec();
    args.extend(["--paste", "--write", s(&file.path)]);
    let mut live = Live::start(&args);
    let url = live.line();
    let redirect = mock.authorize(&url, &callback).unwrap();
    live.type_in(&format!("{}\n", redirect.replace("&state=", "&state=x")));
    let r = live.finish();
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.ends_with(
            "error: the redirect's state does not match this login: a stale or forged redirect\n"
        ),
        "{}",
        r.stderr
    );
    file.check();

    // Nothing pasted.
    let r = run(&args, "");
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .ends_with("error: the redirect holds no authorization code\n"),
        "{}",
        r.stderr
    );
    file.check();

    // The user refused.
    let r = run(&args, &format!("{callback}/?error=access_denied\n"));
    assert!(
        r.stderr
            .ends_with("error: the authorization was refused: access_denied\n"),
        "{}",
        r.stderr
    );
    file.check();

    // The listener's port is taken: refused before the URL is printed.
    let taken = std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
    let mut args = base.to_vec();
    args.extend(["--write", s(&file.path)]);
    let r = run(&args, "");
    assert_eq!((r.code, r.stdout.as_str()), (1, ""));
    assert!(
        r.stderr
            .starts_with(&format!("error: cannot listen on 127.0.0.1:{port}: ")),
        "{}",
        r.stderr
    );
    drop(taken);
    file.check();

    // No redirect in time.
    let mut args = base.to_vec();
    args.extend(["--wait", "1", "--write", s(&file.path)]);
    let r = run(&args, "");
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .ends_with("error: no redirect reached the listener within 1s\n"),
        "{}",
        r.stderr
    );
    file.check();

    // A forged state at the listener: answered, noted and ignored; the wait goes on to its
    // end.
    let mut live = Live::start(&args);
    let _ = live.line();
    let page = browse(&format!("{callback}/?code=c&state=forged"));
    assert!(page.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{page}");
    let r = live.finish();
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("note: ignored a redirect whose state is not this login's; still waiting\n"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.ends_with(
            "error: no redirect of this login reached the listener within 1s; 1 other request was ignored (a wrong or missing state, or not from this machine)\n"
        ),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("forged"), "{}", r.stderr);
    file.check();

    // --paste cannot read both the connection string and the redirect from stdin.
    let r = run(
        &["oauth", "login", "--paste", "--no-browser"],
        &login_string(&callback),
    );
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            2,
            "error: --paste reads the redirect from stdin: give the connection string as an argument, with --file or with --write\n"
        )
    );
    // --write names the file to read: no second source.
    let r = run(
        &[
            "oauth",
            "refresh",
            "--write",
            s(&file.path),
            "Profile=Zoom.apip",
        ],
        "",
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("error: the argument '--write <FILE>' cannot be used with '[STRING]'"),
        "{}",
        r.stderr
    );
    assert!(mock.requests().is_empty());
}

#[test]
fn help_says_stdout_holds_the_tokens() {
    for sub in ["login", "refresh"] {
        let r = run(&["oauth", sub, "--help"], "");
        assert_eq!(r.code, 0);
        let text = r.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            text.contains("Without --write, the updated connection string is printed on stdout: it holds the access and refresh tokens, so treat it as a credential."),
            "{sub}: {}",
            r.stdout
        );
    }
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[cfg(not(unix))]
fn set_mode(_: &Path, _: u32) {}

#[cfg(not(unix))]
fn mode(_: &Path) -> u32 {
    0o640
}

#[track_caller]
fn assert_no_temp_files(dir: &Path) {
    let left: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".zoomconn-"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

#[test]
fn refresh_writes_into_every_kind_of_file_in_place() {
    #[rustfmt::skip]
    let table: &[(&str, &str, &[&str])] = &[
        ("conns.conn", "# list\n{cs}\n", &[]),
        ("deploy.env", "A=1\nZOOM=\"{cs}\" # inline\n", &["--var", "ZOOM"]),
        // Quoted: unquoted, bash ends the value at its first `;` (see the README).
        (".env.local", "export ZOOM='{cs}'\n", &[]),
        ("app.properties", "! app\nzoom.url = {cs}\nother=1\n", &["--var", "zoom.url"]),
        ("appsettings.json", "{\"ConnectionStrings\":{\"Zoom\":\"{cs}\"},\"X\":[1]}", &[]),
        ("app.config", "<?xml version=\"1.0\"?>\n<configuration>\n  <connectionStrings>\n    <add name=\"Zoom\" connectionString=\"{cs}\" providerName=\"CData\"/>\n  </connectionStrings>\n</configuration>\n", &["--var", "Zoom"]),
        ("settings.txt", "{\"zoom\": {\"main\": \"{cs}\"}}", &["--input", "json", "--json-pointer", "/zoom"]),
    ];
    for &(name, template, extra) in table {
        let mock = mock();
        mock.set_refresh_token(&rt0());
        let dir = tempdir();
        let file = write(
            dir.path(),
            name,
            &template.replace("{cs}", &refresh_string(&rt0())),
        );
        let token_url = mock.token_url();
        let mut args = vec!["oauth", "refresh", "--token-url", &token_url];
        args.extend(extra.iter().copied());
        args.extend(["--write", s(&file)]);
        let r = run(&args, "");
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        let now = read(&file);
        let start = template.find("{cs}").unwrap();
        let end = now.len() - (template.len() - start - 4);
        let ts = timestamp_in(&now[start..end], 0);
        let updated = refresh_string(&format!("eyJ.rt1.{CANARY}"))
            .replace(&format!("old.{CANARY}"), &format!("eyJ.at1.{CANARY}"))
            .replace(
                "OAuthTokenTimestamp=1000",
                &format!("OAuthTokenTimestamp={ts}"),
            );
        assert_eq!(now, template.replace("{cs}", &updated), "{name}");
    }
}

#[test]
fn escaped_strings_are_written_back_escaped_in_the_files_encoding() {
    // A JSON string with escaped backslashes, an XML attribute with an entity, and a UTF-16
    // app.config with a byte-order mark: the new string is escaped as the file escapes, every
    // other byte stays, and the encoding stays.
    let cs = refresh_string(&rt0());
    let json = format!(
        "{{\"ConnectionStrings\": {{\"Zoom\": \"{}\"}}, \"Path\": \"C:\\\\x\"}}",
        cs.replace("Profile=Zoom.apip", "Profile=C:\\\\profiles\\\\Zoom.apip")
    );
    let xml = format!(
        "<connectionStrings><add name=\"Zoom\" connectionString=\"{}\"/></connectionStrings>",
        cs.replace(";AuthScheme", ";Other=&quot;a=1;b=2&quot;;AuthScheme")
    );
    let utf16 = format!(
        "<?xml version=\"1.0\" encoding=\"utf-16\"?>\r\n<configuration><connectionStrings><add name=\"Zoom\" connectionString=\"{cs}\"/></connectionStrings></configuration>\r\n"
    );
    let utf16_bytes: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(utf16.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let table: Vec<(&str, Vec<u8>)> = vec![
        ("appsettings.json", json.into_bytes()),
        ("web.config", xml.into_bytes()),
        ("app.config", utf16_bytes),
    ];
    for (name, bytes) in table {
        let mock = mock();
        mock.set_refresh_token(&rt0());
        let dir = tempdir();
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let token_url = mock.token_url();
        let r = run(
            &[
                "oauth",
                "refresh",
                "--token-url",
                &token_url,
                "--write",
                s(&path),
            ],
            "",
        );
        assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{name}: {}", r.stderr);
        let now = std::fs::read(&path).unwrap();
        let file = zoomconn_sources::decode(now.clone()).unwrap();
        let before = zoomconn_sources::decode(bytes.clone()).unwrap();
        assert_eq!(file.encoding(), before.encoding(), "{name}");
        assert_eq!(file.has_bom(), before.has_bom(), "{name}");
        let kind = zoomconn_sources::Kind::from_path(&path);
        let found: Vec<_> = zoomconn_sources::find(file.text(), kind, &Default::default())
            .unwrap()
            .collect();
        let was: Vec<_> = zoomconn_sources::find(before.text(), kind, &Default::default())
            .unwrap()
            .collect();
        let updated = ConnectionString::parse(found[0].text()).unwrap();
        assert_eq!(
            updated.get("OAuthRefreshToken"),
            Some(format!("eyJ.rt1.{CANARY}").as_str()),
            "{name}"
        );
        // Everything but the token properties reads as it did.
        let old = ConnectionString::parse(was[0].text()).unwrap();
        for key in ["Profile", "Other", "OAuthClientId", "OAuthClientSecret"] {
            assert_eq!(updated.get(key), old.get(key), "{name}: {key}");
        }
        // Only the string's bytes changed.
        let (b, a) = (before.text(), file.text());
        let head = was[0].file_range(0..0).start;
        let tail = b.len() - was[0].file_range(0..was[0].text().len()).end;
        assert_eq!(a[..head], b[..head], "{name}");
        assert_eq!(a[a.len() - tail..], b[b.len() - tail..], "{name}");
        assert_no_temp_files(dir.path());
    }
}

#[test]
fn a_padded_token_is_written_raw_and_reads_back() {
    // A token with `=` padding is written quoted; in JSON the quotes are escaped.
    let mock = MockZoom::start(ID, SECRET, &format!("{CANARY}=="));
    mock.set_refresh_token(&rt0());
    let dir = tempdir();
    let path = write(
        dir.path(),
        "appsettings.json",
        &format!(
            "{{\"ConnectionStrings\":{{\"Zoom\":\"{}\"}}}}",
            refresh_string(&rt0())
        ),
    );
    let r = run(
        &[
            "oauth",
            "refresh",
            "--token-url",
            &mock.token_url(),
            "--write",
            s(&path),
        ],
        "",
    );
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    let now = read(&path);
    let json: serde_json::Value = serde_json::from_str(&now).unwrap();
    let cs = ConnectionString::parse(json["ConnectionStrings"]["Zoom"].as_str().unwrap()).unwrap();
    assert_eq!(
        cs.get("OAuthRefreshToken"),
        Some(format!("eyJ.rt1.{CANARY}==").as_str())
    );
    // Base64 padding needs no quotes: `=` inside a value is an ordinary character.
    assert!(
        now.contains(&format!("OAuthRefreshToken=eyJ.rt1.{CANARY}==;")),
        "{now}"
    );
}

#[test]
fn a_file_edited_during_the_login_is_not_overwritten() {
    let mock = mock();
    let callback = "http://localhost:33333";
    let dir = tempdir();
    let file = write(
        dir.path(),
        "conns.txt",
        &format!("{}\n", login_string(callback)),
    );
    let mut live = Live::start(&[
        "oauth",
        "login",
        "--paste",
        "--no-browser",
        "--authorize-url",
        &mock.authorize_url(),
        "--token-url",
        &mock.token_url(),
        "--write",
        s(&file),
    ]);
    let url = live.line();
    let redirect = mock.authorize(&url, callback).unwrap();
    let edited = format!("{}\n# edited meanwhile\n", login_string(callback));
    std::fs::write(&file, &edited).unwrap();
    live.type_in(&format!("{redirect}\n"));
    let r = live.finish();
    assert_eq!(r.code, 2);
    assert!(r.stderr.ends_with(&format!(
        "error: {}: the file changed while zoomconn ran; it was not overwritten; the updated connection string is on stdout instead: keep it, it holds the only refresh token that works\n",
        file.display()
    )), "{}", r.stderr);
    assert!(
        r.stdout
            .contains(&format!("OAuthRefreshToken=eyJ.rt2.{CANARY};"))
    );
    assert_eq!(read(&file), edited);
    assert_no_temp_files(dir.path());
}
