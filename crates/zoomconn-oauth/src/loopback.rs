//! [`RedirectListener`]: a one-shot HTTP listener on the CallbackURL's loopback host and port,
//! which receives the browser's redirect and answers with a short page.

use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::time::{Duration, Instant};

use url::Url;

use zoomconn::{Config, Secret};

use super::{AuthorizationRequest, Error};
use zoomconn::is_loopback;

/// The largest request head read from the browser.
const MAX_REQUEST: usize = 16 * 1024;

/// How long one connection may take to send its request line and headers.
const READ_TIMEOUT: Duration = Duration::from_secs(5);

/// A one-shot listener for the redirect, bound to the host and port of a loopback `http`
/// CallbackURL (`http://localhost:33333` listens on `127.0.0.1:33333`).
///
/// [`wait`](Self::wait) answers requests for other paths with 404 (browsers ask for
/// `/favicon.ico`) and stops at the first request for the CallbackURL's path: with a code and
/// the right state it answers "you may close this window" and returns the code; with an error,
/// a wrong state or no code it answers with what went wrong and returns the error.
///
/// ```
/// use std::io::{Read, Write};
/// use std::time::Duration;
/// use zoomconn::Config;
/// use zoomconn_oauth::{AuthorizationRequest, Endpoints, RedirectListener};
/// let listener = RedirectListener::bind_url(&"http://127.0.0.1:0/callback".parse()?)?;
/// let port = listener.local_addr().port();
/// let cfg = Config::parse(&format!(
///     "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=id;\
///      OAuthClientSecret=s;CallbackURL=http://127.0.0.1:{port}/callback"))?;
/// let req = AuthorizationRequest::new(&cfg, &Endpoints::zoom())?;
/// // The browser, after the login:
/// let state = req.state().to_owned();
/// let browser = std::thread::spawn(move || {
///     let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
///     write!(s, "GET /callback?code=c0de&state={state} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
///     let mut page = String::new();
///     s.read_to_string(&mut page).unwrap();
///     page
/// });
/// let code = listener.wait(&req, Duration::from_secs(10))?;
/// assert_eq!(code.expose_secret(), "c0de");
/// assert!(browser.join().unwrap().contains("You may close this window"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct RedirectListener {
    listener: TcpListener,
    path: String,
}

impl RedirectListener {
    /// Binds the CallbackURL of `cfg`.
    ///
    /// # Errors
    ///
    /// [`Error::Missing`] without CallbackURL; [`Error::CallbackNotLoopback`] when it is not
    /// `http` on a loopback host; [`Error::Listen`] when the port is in use or privileged.
    ///
    /// ```
    /// let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;CallbackURL=https://example.com/cb")?;
    /// let err = zoomconn_oauth::RedirectListener::bind(&cfg).unwrap_err();
    /// assert!(err.to_string().starts_with("CallbackURL `https://example.com/cb` cannot be received on this machine"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn bind(cfg: &Config) -> Result<Self, Error> {
        let Some(callback) = cfg.callback_url() else {
            return Err(Error::Missing {
                property: "CallbackURL",
                step: super::Step::Authorize,
            });
        };
        if callback.url().scheme() != "http" || !is_loopback(callback.url()) {
            return Err(Error::CallbackNotLoopback {
                url: callback.as_str().to_owned(),
            });
        }
        Self::bind_url(callback.url())
    }

    /// Binds a loopback `http` URL (port 0 picks a free port, for tests).
    ///
    /// # Errors
    ///
    /// As [`bind`](Self::bind).
    ///
    /// ```
    /// let l = zoomconn_oauth::RedirectListener::bind_url(&"http://localhost:0/".parse()?)?;
    /// assert!(l.local_addr().ip().is_loopback());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn bind_url(url: &Url) -> Result<Self, Error> {
        if url.scheme() != "http" || !is_loopback(url) {
            return Err(Error::CallbackNotLoopback {
                url: url.to_string(),
            });
        }
        let ip = match url.host() {
            Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip),
            Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip),
            // `localhost`: the IPv4 loopback, which browsers fall back to.
            _ => IpAddr::V4(Ipv4Addr::LOCALHOST),
        };
        let addr = SocketAddr::new(ip, url.port_or_known_default().unwrap_or(80));
        let listener = TcpListener::bind(addr).map_err(|source| Error::Listen {
            addr: addr.to_string(),
            source,
        })?;
        Ok(RedirectListener {
            listener,
            path: url.path().to_owned(),
        })
    }

    /// The address listened on.
    ///
    /// ```
    /// let l = zoomconn_oauth::RedirectListener::bind_url(&"http://127.0.0.1:0/".parse()?)?;
    /// assert_ne!(l.local_addr().port(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .unwrap_or_else(|_| SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0))
    }

    /// Waits up to `timeout` for the redirect of `request` and returns its code (see
    /// [`wait_noting`](Self::wait_noting), whose notes this drops).
    ///
    /// # Errors
    ///
    /// As [`wait_noting`](Self::wait_noting).
    ///
    /// ```
    /// use std::time::Duration;
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;OAuthClientId=a;CallbackURL=http://127.0.0.1:1")?;
    /// let req = zoomconn_oauth::AuthorizationRequest::new(&cfg, &Default::default())?;
    /// let l = zoomconn_oauth::RedirectListener::bind_url(&"http://127.0.0.1:0/".parse()?)?;
    /// let err = l.wait(&req, Duration::from_millis(50)).unwrap_err();
    /// assert_eq!(err.to_string(), "no redirect reached the listener within 50ms");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn wait(&self, request: &AuthorizationRequest, timeout: Duration) -> Result<Secret, Error> {
        self.wait_noting(request, timeout, &mut |_| {})
    }

    /// Waits up to `timeout` for the redirect of `request` and returns its code. Only the
    /// redirect that carries this request's `state`, from a loopback peer, ends the wait
    /// (with its code, or the error it carries). Any other request is answered with a short
    /// page and ignored, with a note to `note` (never holding a code or a state): a redirect
    /// with a wrong or missing state — an `error=` one included — and a request from a peer
    /// that is not on this machine. Requests for another path get a 404 without a note.
    ///
    /// # Errors
    ///
    /// [`Error::LoginTimeout`] when nothing came; [`Error::RedirectsIgnored`] when only
    /// ignored requests came; for the redirect of this request, the errors of
    /// [`AuthorizationRequest::code_from_redirect`] ([`Error::Denied`], [`Error::NoCode`]);
    /// [`Error::Listen`] when accepting fails.
    ///
    /// ```
    /// use std::io::Write;
    /// use std::time::Duration;
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;OAuthClientId=a;CallbackURL=http://127.0.0.1:1")?;
    /// let req = zoomconn_oauth::AuthorizationRequest::new(&cfg, &Default::default())?;
    /// let l = zoomconn_oauth::RedirectListener::bind_url(&"http://127.0.0.1:0/".parse()?)?;
    /// let mut forged = std::net::TcpStream::connect(l.local_addr())?;
    /// forged.write_all(b"GET /?code=x&state=forged HTTP/1.1\r\n\r\n")?;
    /// let mut notes = Vec::new();
    /// let err = l.wait_noting(&req, Duration::from_millis(300), &mut |n| notes.push(n.to_owned())).unwrap_err();
    /// assert!(err.to_string().starts_with("no redirect of this login reached the listener within 300ms; 1 other request was ignored"));
    /// assert_eq!(notes, ["ignored a redirect whose state is not this login's"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn wait_noting(
        &self,
        request: &AuthorizationRequest,
        timeout: Duration,
        note: &mut dyn FnMut(&str),
    ) -> Result<Secret, Error> {
        let deadline = Instant::now() + timeout;
        let listen_error = |source| Error::Listen {
            addr: self.local_addr().to_string(),
            source,
        };
        self.listener.set_nonblocking(true).map_err(listen_error)?;
        let mut ignored = 0usize;
        let timed_out = |ignored: usize| {
            if ignored == 0 {
                Error::LoginTimeout(timeout)
            } else {
                Error::RedirectsIgnored { timeout, ignored }
            }
        };
        loop {
            match self.listener.accept() {
                Ok((stream, peer)) => {
                    match self.answer(stream, peer, request) {
                        Answer::Redirect(result) => return result,
                        Answer::Ignored(why) => {
                            ignored += 1;
                            note(why);
                        }
                        Answer::Other => {}
                    }
                    if Instant::now() >= deadline {
                        return Err(timed_out(ignored));
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    if Instant::now() >= deadline {
                        return Err(timed_out(ignored));
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(listen_error(e)),
            }
        }
    }

    /// Reads one request and answers it.
    fn answer(
        &self,
        mut stream: TcpStream,
        peer: SocketAddr,
        request: &AuthorizationRequest,
    ) -> Answer {
        let _ = stream.set_nonblocking(false);
        let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
        let _ = stream.set_write_timeout(Some(READ_TIMEOUT));
        if !peer.ip().is_loopback() {
            respond(
                &mut stream,
                "403 Forbidden",
                "Not from this machine",
                "Only this machine's browser can complete the login.",
            );
            return Answer::Ignored("ignored a request from a peer that is not on this machine");
        }
        let Some(head) = read_head(&mut stream) else {
            return Answer::Other;
        };
        let line = head.lines().next().unwrap_or_default();
        let mut parts = line.split(' ');
        let (method, target) = (
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
        );
        let path = target.split('?').next().unwrap_or_default();
        if method != "GET" || path != self.path {
            respond(
                &mut stream,
                "404 Not Found",
                "Not found",
                "This is not the page you are looking for.",
            );
            return Answer::Other;
        }
        let query = target.split_once('?').map_or("", |(_, q)| q);
        let state = url::form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == "state")
            .map(|(_, v)| v);
        if state.as_deref() != Some(request.state()) {
            // Not this login's redirect (a stale tab, another login, a forged link): its
            // code or error is not read, and the login goes on waiting.
            respond(
                &mut stream,
                "400 Bad Request",
                "Not this login",
                "This redirect does not belong to the login in progress and was ignored.",
            );
            return Answer::Ignored("ignored a redirect whose state is not this login's");
        }
        let result = request.code_from_redirect(query);
        match &result {
            Ok(_) => respond(
                &mut stream,
                "200 OK",
                "Zoom login complete",
                "You may close this window and return to the terminal.",
            ),
            Err(e) => respond(
                &mut stream,
                "400 Bad Request",
                "Zoom login failed",
                &format!("{e}. You may close this window."),
            ),
        }
        Answer::Redirect(result)
    }
}

/// What one request to the listener was.
enum Answer {
    /// The redirect of this login: its code or error ends the wait.
    Redirect(Result<Secret, Error>),
    /// A request that looked like a redirect but is not this login's: why, for a note.
    Ignored(&'static str),
    /// Another page, or nothing.
    Other,
}

/// The request line and headers, up to the blank line; `None` if the connection gave none.
fn read_head(stream: &mut TcpStream) -> Option<String> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") && !buf.windows(2).any(|w| w == b"\n\n") {
        if buf.len() >= MAX_REQUEST {
            break;
        }
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => buf.extend_from_slice(chunk.get(..n).unwrap_or_default()),
            Err(_) => break,
        }
    }
    if buf.is_empty() {
        return None;
    }
    Some(String::from_utf8_lossy(&buf).into_owned())
}

fn respond(stream: &mut TcpStream, status: &str, title: &str, text: &str) {
    let body = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body style=\"font-family:sans-serif;margin:3em\"><h1>{title}</h1><p>{}</p></body></html>\n",
        html_escape(text)
    );
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.flush();
}

fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            html_escape("<a href='x'>&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
        );
    }

    #[test]
    fn only_loopback_http_is_bound() {
        let table: &[(&str, bool)] = &[
            ("http://127.0.0.1:0/", true),
            ("http://localhost:0/cb", true),
            ("https://localhost:0/", false),
            ("http://example.com:0/", false),
            ("http://10.0.0.1:0/", false),
        ];
        for &(url, ok) in table {
            let got = RedirectListener::bind_url(&url.parse().unwrap());
            assert_eq!(got.is_ok(), ok, "{url}: {got:?}");
        }
    }
}
