//! A mock of Zoom's OAuth server on 127.0.0.1 (a random port), std::net only.
//!
//! * [`MockZoom::authorize`] plays the authorization endpoint and the user's login: it checks
//!   the URL (`response_type=code`, the client id, `redirect_uri` exactly, a `S256`
//!   challenge, a state) and returns where the browser is sent, with a one-time code bound to
//!   the challenge.
//! * `POST /oauth/token` checks HTTP Basic client authentication and the form: a code is
//!   exchanged once, with the same `redirect_uri` and a `code_verifier` whose SHA-256 is the
//!   challenge; refresh tokens rotate, and a used one gets Zoom's
//!   `{"reason":"Invalid Token!","error":"invalid_request"}`.
//! * A [`Mode`] makes it misbehave for the error paths.
//!
//! It serves at most a few hundred connections and stops by itself after two minutes.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use sha2::{Digest, Sha256};

/// How the token endpoint answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// As Zoom does.
    Normal,
    /// `502` with an HTML page.
    HtmlError,
    /// `200` with an HTML page.
    Html200,
    /// `200` with an OAuth error body.
    Error200,
    /// `302` to another host.
    Redirect,
    /// Accepts the connection and answers nothing for two seconds.
    Hang,
    /// `200` with a body of 100 KiB.
    Huge,
    /// `500` with `{}`.
    Empty500,
    /// `400` whose reason quotes the refresh token and the code sent, and the client secret.
    EchoSecrets,
    /// `400` whose reason echoes every secret of the request (the form's refresh token, code
    /// and verifier, the client secret, the `Authorization` header) in one shape.
    Echo(Echo),
}

/// A shape in which a server may echo a secret it received.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Echo {
    /// The `Authorization` header's value as sent (`Basic …`).
    BasicHeader,
    /// The header's base64 alone.
    Base64,
    /// Each secret without its first and last two chars.
    Truncated,
    /// Each secret with its ASCII case swapped.
    CaseChanged,
    /// Each secret with `\n` after its 5th char and `\r\n` after its 9th.
    LineSplit,
}

impl Echo {
    /// Every shape.
    pub(crate) const ALL: [Echo; 5] = [
        Echo::BasicHeader,
        Echo::Base64,
        Echo::Truncated,
        Echo::CaseChanged,
        Echo::LineSplit,
    ];

    /// `secret` in this shape (the `Authorization` header's value for the header shapes).
    pub(crate) fn apply(self, secret: &str) -> String {
        match self {
            Echo::BasicHeader => secret.to_owned(),
            Echo::Base64 => secret.trim_start_matches("Basic ").to_owned(),
            Echo::Truncated => secret
                .get(2..secret.len().saturating_sub(2))
                .unwrap_or_default()
                .to_owned(),
            Echo::CaseChanged => secret
                .chars()
                .map(|c| {
                    if c.is_ascii_lowercase() {
                        c.to_ascii_uppercase()
                    } else {
                        c.to_ascii_lowercase()
                    }
                })
                .collect(),
            Echo::LineSplit => {
                let mut out = String::new();
                for (i, c) in secret.chars().enumerate() {
                    out.push(c);
                    if i == 4 {
                        out.push('\n');
                    } else if i == 8 {
                        out.push_str("\r\n");
                    }
                }
                out
            }
        }
    }
}

/// One request the token endpoint received.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub path: String,
    pub authorization: Option<String>,
    pub content_type: Option<String>,
    pub form: Vec<(String, String)>,
}

struct State {
    client_id: String,
    client_secret: String,
    token_marker: String,
    mode: Mode,
    /// Issued codes: code → (challenge, redirect_uri).
    codes: HashMap<String, (String, String)>,
    /// The one refresh token that works.
    refresh_token: Option<String>,
    issued: u32,
    requests: Vec<Request>,
    /// The echoed texts of the last `Echo` answer.
    echoed: Vec<String>,
}

pub(crate) struct MockZoom {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

pub(crate) const EXPIRES_IN: u64 = 3599;

impl MockZoom {
    /// A server for this client; issued tokens contain `token_marker` (a canary, in audits).
    pub(crate) fn start(client_id: &str, client_secret: &str, token_marker: &str) -> MockZoom {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(State {
            client_id: client_id.to_owned(),
            client_secret: client_secret.to_owned(),
            token_marker: token_marker.to_owned(),
            mode: Mode::Normal,
            codes: HashMap::new(),
            refresh_token: None,
            issued: 0,
            requests: Vec::new(),
            echoed: Vec::new(),
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (state, stop) = (Arc::clone(&state), Arc::clone(&stop));
            std::thread::spawn(move || serve(listener, state, stop))
        };
        MockZoom {
            addr,
            state,
            stop,
            thread: Some(thread),
        }
    }

    pub(crate) fn token_url(&self) -> String {
        format!("http://{}/oauth/token", self.addr)
    }

    pub(crate) fn authorize_url(&self) -> String {
        format!("http://{}/oauth/authorize", self.addr)
    }

    pub(crate) fn set_mode(&self, mode: Mode) {
        self.state.lock().unwrap().mode = mode;
    }

    /// Makes `token` the refresh token that works (as if issued earlier).
    pub(crate) fn set_refresh_token(&self, token: &str) {
        self.state.lock().unwrap().refresh_token = Some(token.to_owned());
    }

    /// What the last `Echo` answer echoed.
    pub(crate) fn echoed(&self) -> Vec<String> {
        self.state.lock().unwrap().echoed.clone()
    }

    pub(crate) fn requests(&self) -> Vec<Request> {
        self.state.lock().unwrap().requests.clone()
    }

    /// The refresh token that works now.
    pub(crate) fn current_refresh_token(&self) -> Option<String> {
        self.state.lock().unwrap().refresh_token.clone()
    }

    /// The authorization endpoint and the user's consent: checks the URL and returns the
    /// redirect the browser follows (`redirect_uri?code=…&state=…`).
    pub(crate) fn authorize(
        &self,
        url: &str,
        expected_redirect_uri: &str,
    ) -> Result<String, String> {
        let url = url::Url::parse(url).map_err(|e| e.to_string())?;
        if url.path() != "/oauth/authorize" {
            return Err(format!("path {}", url.path()));
        }
        let q: HashMap<String, String> = url.query_pairs().into_owned().collect();
        let get = |k: &str| q.get(k).cloned().ok_or(format!("no {k}"));
        let mut st = self.state.lock().unwrap();
        if get("response_type")? != "code" {
            return Err("response_type".into());
        }
        if get("client_id")? != st.client_id {
            return Err("client_id".into());
        }
        let redirect_uri = get("redirect_uri")?;
        if redirect_uri != expected_redirect_uri {
            return Err(format!("redirect_uri {redirect_uri}"));
        }
        if get("code_challenge_method")? != "S256" {
            return Err("code_challenge_method".into());
        }
        let challenge = get("code_challenge")?;
        if challenge.len() != 43 {
            return Err("code_challenge length".into());
        }
        let state = get("state")?;
        st.issued += 1;
        let code = format!("code{}", st.issued);
        st.codes
            .insert(code.clone(), (challenge, redirect_uri.clone()));
        let sep = if redirect_uri.contains('?') { '&' } else { '?' };
        Ok(format!("{redirect_uri}{sep}code={code}&state={state}"))
    }
}

impl Drop for MockZoom {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve(listener: TcpListener, state: Arc<Mutex<State>>, stop: Arc<AtomicBool>) {
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut served = 0;
    let mut workers = Vec::new();
    while !stop.load(Ordering::SeqCst) && Instant::now() < deadline && served < 500 {
        match listener.accept() {
            Ok((stream, _)) => {
                served += 1;
                let state = Arc::clone(&state);
                workers.push(std::thread::spawn(move || handle(stream, &state)));
            }
            Err(_) => std::thread::sleep(Duration::from_millis(5)),
        }
    }
    for w in workers {
        let _ = w.join();
    }
}

fn handle(mut stream: TcpStream, state: &Mutex<State>) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let Some((head, body)) = read_request(&mut stream) else {
        return;
    };
    let mut lines = head.lines();
    let request_line = lines.next().unwrap_or_default().to_owned();
    let mut headers = HashMap::new();
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_owned());
        }
    }
    let path = request_line
        .split(' ')
        .nth(1)
        .unwrap_or_default()
        .to_owned();
    let form: Vec<(String, String)> = url::form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect();
    let request = Request {
        path: path.clone(),
        authorization: headers.get("authorization").cloned(),
        content_type: headers.get("content-type").cloned(),
        form: form.clone(),
    };
    let mode = {
        let mut st = state.lock().unwrap();
        st.requests.push(request.clone());
        st.mode
    };
    let (status, content_type, body) = match mode {
        Mode::Normal => token_endpoint(state, &request),
        Mode::HtmlError => (
            "502 Bad Gateway",
            "text/html",
            "<html><body>Bad Gateway</body></html>".to_owned(),
        ),
        Mode::Html200 => ("200 OK", "text/html", "<html>maintenance</html>".to_owned()),
        Mode::Error200 => (
            "200 OK",
            "application/json",
            r#"{"reason":"Invalid authorization code","error":"invalid_request"}"#.to_owned(),
        ),
        Mode::Redirect => {
            let _ = write!(
                stream,
                "HTTP/1.1 302 Found\r\nLocation: https://elsewhere.example/oauth/token\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            return;
        }
        Mode::Hang => {
            std::thread::sleep(Duration::from_secs(2));
            return;
        }
        Mode::Huge => (
            "200 OK",
            "application/json",
            format!("{{\"access_token\":\"{}\"}}", "a".repeat(100 * 1024)),
        ),
        Mode::Empty500 => (
            "500 Internal Server Error",
            "application/json",
            "{}".to_owned(),
        ),
        Mode::EchoSecrets => {
            let sent: Vec<&str> = request
                .form
                .iter()
                .filter(|(k, _)| k == "refresh_token" || k == "code" || k == "code_verifier")
                .map(|(_, v)| v.as_str())
                .collect();
            let secret = state.lock().unwrap().client_secret.clone();
            zoom_error(
                "400 Bad Request",
                &format!("rejected {} for client {secret}", sent.join(" ")),
                &format!("invalid_grant_{secret}"),
            )
        }
        Mode::Echo(shape) => {
            let mut st = state.lock().unwrap();
            let echoed: Vec<String> = match shape {
                Echo::BasicHeader | Echo::Base64 => request
                    .authorization
                    .iter()
                    .map(|a| shape.apply(a))
                    .collect(),
                _ => request
                    .form
                    .iter()
                    .filter(|(k, _)| k == "refresh_token" || k == "code" || k == "code_verifier")
                    .map(|(_, v)| v.clone())
                    .chain([st.client_secret.clone()])
                    .map(|s| shape.apply(&s))
                    .collect(),
            };
            st.echoed = echoed.clone();
            let quoted: Vec<String> = echoed
                .iter()
                .map(|e| {
                    e.replace('\\', "\\\\")
                        .replace('"', "\\\"")
                        .replace('\n', "\\n")
                        .replace('\r', "\\r")
                })
                .collect();
            zoom_error(
                "400 Bad Request",
                &format!("rejected [{}]", quoted.join("] [")),
                "invalid_grant",
            )
        }
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.flush();
}

fn zoom_error(
    status: &'static str,
    reason: &str,
    error: &str,
) -> (&'static str, &'static str, String) {
    (
        status,
        "application/json",
        format!(r#"{{"reason":"{reason}","error":"{error}"}}"#),
    )
}

/// Zoom's token endpoint.
fn token_endpoint(state: &Mutex<State>, req: &Request) -> (&'static str, &'static str, String) {
    let mut st = state.lock().unwrap();
    if req.path != "/oauth/token" {
        return ("404 Not Found", "text/plain", "not found".to_owned());
    }
    if req.content_type.as_deref() != Some("application/x-www-form-urlencoded") {
        return zoom_error(
            "400 Bad Request",
            "Unsupported content type",
            "invalid_request",
        );
    }
    let expected = format!(
        "Basic {}",
        STANDARD.encode(format!("{}:{}", st.client_id, st.client_secret))
    );
    if req.authorization.as_deref() != Some(expected.as_str()) {
        return zoom_error(
            "401 Unauthorized",
            "Invalid client_id or client_secret",
            "invalid_client",
        );
    }
    let form: HashMap<&str, &str> = req
        .form
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    match form.get("grant_type").copied() {
        Some("authorization_code") => {
            let code = form.get("code").copied().unwrap_or_default();
            let Some((challenge, redirect_uri)) = st.codes.remove(code) else {
                return zoom_error(
                    "400 Bad Request",
                    "Invalid authorization code",
                    "invalid_request",
                );
            };
            if form.get("redirect_uri").copied() != Some(redirect_uri.as_str()) {
                return zoom_error(
                    "400 Bad Request",
                    "Redirect URI mismatch.",
                    "invalid_request",
                );
            }
            let verifier = form.get("code_verifier").copied().unwrap_or_default();
            if URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())) != challenge {
                return zoom_error(
                    "400 Bad Request",
                    "Invalid code_verifier",
                    "invalid_request",
                );
            }
        }
        Some("refresh_token") => {
            let sent = form.get("refresh_token").copied().unwrap_or_default();
            if st.refresh_token.as_deref() != Some(sent) {
                return zoom_error("400 Bad Request", "Invalid Token!", "invalid_request");
            }
        }
        _ => {
            return zoom_error(
                "400 Bad Request",
                "Unsupported grant type",
                "unsupported_grant_type",
            );
        }
    }
    st.issued += 1;
    let n = st.issued;
    let access = format!("eyJ.at{n}.{}", st.token_marker);
    let refresh = format!("eyJ.rt{n}.{}", st.token_marker);
    st.refresh_token = Some(refresh.clone());
    (
        "200 OK",
        "application/json;charset=UTF-8",
        format!(
            r#"{{"access_token":"{access}","token_type":"bearer","refresh_token":"{refresh}","expires_in":{EXPIRES_IN},"scope":"meeting:read user:read"}}"#
        ),
    )
}

fn read_request(stream: &mut TcpStream) -> Option<(String, String)> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        if buf.len() > 64 * 1024 {
            return None;
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return None,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let length: usize = head
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case("content-length")
                .then(|| v.trim().parse().ok())?
        })
        .unwrap_or(0);
    while buf.len() < head_end + length {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    let body =
        String::from_utf8_lossy(&buf[head_end..(head_end + length).min(buf.len())]).into_owned();
    Some((head, body))
}
