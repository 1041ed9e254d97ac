//! `zoomconn oauth`: the OAuth flow the connection string describes — `url`, `login`,
//! `refresh`, `token` — over `zoomconn_oauth`.
//!
//! stdout carries what the command is for: the authorization URL, the updated connection
//! string (it holds the tokens) or the access token. stderr carries messages, which never hold
//! a secret: library errors are secret-free by construction, and nothing else from the
//! connection string is printed there.

mod input;
mod write;

use std::ffi::OsString;
use std::io::{self, BufRead, Read};
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use clap::{Args, Subcommand};
use zoomconn::{ConnectionString, InitiateOAuth, Secret};
use zoomconn_oauth::{self as oauth, Client, Endpoints, Error, Step, TokenSource, Tokens};

use crate::ExitCode;
use crate::out::Out;
use crate::write::Through;
use input::{Loaded, Origin};
use write::Target;

/// The help text on stdout holding the tokens (a macro, so that `concat!` can use it).
macro_rules! tokens_on_stdout {
    () => {
        "Without --write, the updated connection string is printed on stdout: it holds the access \
and refresh tokens, so treat it as a credential. Zoom rotates refresh tokens (only the newest \
works), so keep what this prints."
    };
}

#[derive(Debug, Args)]
pub(crate) struct OauthArgs {
    #[command(subcommand)]
    pub command: OauthCommand,
}

#[derive(Debug, Subcommand)]
pub(crate) enum OauthCommand {
    /// Print the authorization URL for the connection string's app (a fresh PKCE challenge and
    /// state), to check the app's settings. `login` prints it too and completes the login.
    #[command(after_help = "Examples:
  zoomconn oauth url 'Profile=Zoom.apip;AuthScheme=OAuth;OAuthClientId=abc;CallbackURL=http://localhost:33333;...'
  zoomconn oauth url --file conns.txt

Exit codes: 0 printed, 1 the connection string cannot start a login, 2 usage or I/O error.")]
    Url(UrlArgs),
    /// Log in: print the authorization URL, receive the redirect, exchange the code, and write
    /// the tokens and InitiateOAuth=REFRESH into the connection string.
    #[command(after_help = concat!("Examples:
  zoomconn oauth login --write conns.txt                # browser on this machine
  zoomconn oauth login --paste --no-browser --write conns.txt   # headless: paste the redirect

The URL is printed alone on the first line of stdout. Without --paste, a one-shot listener on
CallbackURL's loopback host and port receives the redirect; with --paste, open the URL anywhere,
log in, and paste the address the browser was sent to (or the bare code) on stdin.

", tokens_on_stdout!(), " It follows the URL.

Exit codes: 0 logged in, 1 refused (missing property, state mismatch, network, Zoom's error), 2 usage or I/O error."))]
    Login(LoginArgs),
    /// Refresh the access token with OAuthRefreshToken and write the rotated tokens back.
    #[command(after_help = concat!("Examples:
  zoomconn oauth refresh --write conns.txt
  zoomconn oauth refresh --file deploy.env --var ZOOM > new.conn

", tokens_on_stdout!(), "

Exit codes: 0 refreshed, 1 refused (missing property, network, Zoom's error), 2 usage or I/O error."))]
    Refresh(RefreshArgs),
    /// Print a valid access token alone, refreshing it first if it expired (InitiateOAuth
    /// REFRESH or GETANDREFRESH).
    #[command(after_help = "Examples:
  curl -H \"Authorization: Bearer $(zoomconn oauth token --write conns.txt)\" \\
       https://api.zoom.us/v2/users/me

A refresh rotates the refresh token, so it needs --write FILE to keep the new one; without it,
an expired token is an error (run `zoomconn oauth refresh` instead).

Exit codes: 0 printed, 1 refused (missing property, network, Zoom's error), 2 usage or I/O error.")]
    Token(TokenArgs),
}

/// Where the connection string comes from.
#[derive(Debug, Args)]
pub(crate) struct SourceArgs {
    /// The connection string; `-` or nothing reads it from stdin (unless --file or --write
    /// names a file).
    #[arg(value_name = "STRING")]
    pub string: Option<OsString>,
    /// Read the connection string from FILE, of any kind `check` reads (see --input, --var,
    /// --line).
    #[arg(long, value_name = "FILE", conflicts_with = "string")]
    pub file: Option<PathBuf>,
    /// How to read the file, instead of guessing from its extension.
    #[arg(long, value_name = "KIND", value_parser = crate::args::kind_parser())]
    pub input: Option<zoomconn_sources::Kind>,
    /// Pick the entry with this name: a .env/.properties variable, a JSON member or an
    /// app.config `add@name`.
    #[arg(long, value_name = "NAME")]
    pub var: Option<String>,
    /// Pick the connection string that starts on line N of the file.
    #[arg(long, value_name = "N")]
    pub line: Option<usize>,
    /// JSON: the location of the connection strings instead of /ConnectionStrings.
    #[arg(long, value_name = "POINTER")]
    pub json_pointer: Option<String>,
}

/// The token endpoint and its bound.
#[derive(Debug, Args)]
pub(crate) struct TokenEndpointArgs {
    /// The token endpoint (default: Zoom's, https://zoom.us/oauth/token); https unless its host
    /// is loopback.
    #[arg(long, value_name = "URL")]
    pub token_url: Option<String>,
    /// Seconds a request to the token endpoint may take.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub timeout: u64,
}

#[derive(Debug, Args)]
pub(crate) struct UrlArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// The authorization endpoint (default: Zoom's, https://zoom.us/oauth/authorize).
    #[arg(long, value_name = "URL")]
    pub authorize_url: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct LoginArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// The authorization endpoint (default: Zoom's, https://zoom.us/oauth/authorize).
    #[arg(long, value_name = "URL")]
    pub authorize_url: Option<String>,
    #[command(flatten)]
    pub endpoint: TokenEndpointArgs,
    /// Do not open a browser; only print the URL.
    #[arg(long)]
    pub no_browser: bool,
    /// Read the redirect URL (or the bare code) from stdin instead of listening on CallbackURL:
    /// for a machine without a browser.
    #[arg(long)]
    pub paste: bool,
    /// Seconds to wait for the redirect.
    #[arg(long, value_name = "SECONDS", default_value_t = 300)]
    pub wait: u64,
    /// Edit the connection string inside FILE in place (only the token values and
    /// InitiateOAuth change) instead of printing it; FILE is also where it is read.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["string", "file"])]
    pub write: Option<PathBuf>,
    /// With --write: rewrite a file with several hard links in place, through the links (not
    /// atomic), instead of refusing it.
    #[arg(long, requires = "write")]
    pub force: bool,
}

#[derive(Debug, Args)]
pub(crate) struct RefreshArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    #[command(flatten)]
    pub endpoint: TokenEndpointArgs,
    /// Edit the connection string inside FILE in place (only the token values change) instead
    /// of printing it; FILE is also where it is read.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["string", "file"])]
    pub write: Option<PathBuf>,
    /// With --write: rewrite a file with several hard links in place, through the links (not
    /// atomic), instead of refusing it.
    #[arg(long, requires = "write")]
    pub force: bool,
}

#[derive(Debug, Args)]
pub(crate) struct TokenArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    #[command(flatten)]
    pub endpoint: TokenEndpointArgs,
    /// The file that holds the connection string, where a refresh writes the rotated tokens
    /// (only the token values change); also where it is read.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["string", "file"])]
    pub write: Option<PathBuf>,
    /// With --write: rewrite a file with several hard links in place, through the links (not
    /// atomic), instead of refusing it.
    #[arg(long, requires = "write")]
    pub force: bool,
}

/// Why a subcommand stopped: its exit code and a message without secrets, or a write error
/// on stdout (returned to [`crate::run`]).
pub(crate) struct Failure {
    code: ExitCode,
    message: String,
    help: Option<String>,
    output: Option<io::Error>,
}

impl Failure {
    fn usage(message: impl Into<String>) -> Self {
        Failure {
            code: ExitCode::Trouble,
            message: message.into(),
            help: None,
            output: None,
        }
    }

    fn findings(message: impl Into<String>) -> Self {
        Failure {
            code: ExitCode::Findings,
            ..Failure::usage(message)
        }
    }
}

/// Stdout could not be written.
impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure {
            output: Some(e),
            ..Failure::usage("cannot write the output")
        }
    }
}

/// Library errors: exit 1, except endpoint URLs (an argument) and a failed save (I/O): 2.
impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        match e {
            Error::Endpoint { .. } | Error::Persist(_) => Failure::usage(e.to_string()),
            _ => Failure::findings(e.to_string()),
        }
    }
}

pub(crate) fn run(args: &OauthArgs, out: &mut Out) -> io::Result<ExitCode> {
    let result = match &args.command {
        OauthCommand::Url(a) => url(a, out),
        OauthCommand::Login(a) => login(a, out),
        OauthCommand::Refresh(a) => refresh(a, out),
        OauthCommand::Token(a) => token(a, out),
    };
    match result {
        Ok(()) => Ok(ExitCode::Clean),
        Err(Failure {
            output: Some(e), ..
        }) => Err(e),
        Err(f) => {
            eprintln!("error: {}", f.message);
            if let Some(help) = f.help {
                eprintln!("  help: {help}");
            }
            Ok(f.code)
        }
    }
}

fn endpoints(authorize: Option<&str>, token: Option<&str>) -> Result<Endpoints, Failure> {
    let mut e = Endpoints::zoom();
    if let Some(url) = authorize {
        e = e.with_authorize_url(url)?;
    }
    if let Some(url) = token {
        e = e.with_token_url(url)?;
    }
    Ok(e)
}

fn client(endpoints: Endpoints, args: &TokenEndpointArgs) -> Client {
    Client::new(endpoints).with_timeout(Duration::from_secs(args.timeout))
}

fn url(args: &UrlArgs, out: &mut Out) -> Result<(), Failure> {
    let loaded = Loaded::load(&args.source, None)?;
    let cfg = loaded.config()?;
    let endpoints = endpoints(args.authorize_url.as_deref(), None)?;
    let request = oauth::AuthorizationRequest::new(&cfg, &endpoints)?;
    out.line_now(request.url())?;
    Ok(())
}

/// The connection string with placeholder tokens of the real shape (Zoom's tokens are JWTs:
/// base64url and dots), to prove `--write` can write before anything is requested. The real
/// tokens are escaped for the file as the placeholders are; should they still not fit (a
/// quote in a single-quoted `.env` value), the updated string goes to stdout (see `deliver`).
fn probe(cs: &ConnectionString, login: bool) -> Result<ConnectionString, Failure> {
    let mut probe = cs.clone();
    Tokens::new(Secret::new("eyJpr0be.A-b_c~+/d"), SystemTime::now())
        .with_refresh_token(Secret::new("eyJpr0be.R-b_c~+/d"))
        .with_expires_in(3599)
        .apply_to(&mut probe)
        .map_err(Error::from)?;
    if login {
        oauth::set_initiate_oauth(&mut probe, InitiateOAuth::Refresh).map_err(Error::from)?;
    }
    Ok(probe)
}

/// Prepares `--write` (`--force`: through hard links): only a connection string read from a
/// file can be written back.
fn target(
    loaded: &Loaded,
    write: bool,
    force: bool,
    login: bool,
) -> Result<Option<Target>, Failure> {
    if !write {
        return Ok(None);
    }
    let through = if force {
        Through::Link
    } else {
        Through::Rename
    };
    match &loaded.origin {
        Origin::File(origin) => {
            Target::prepare(origin, &probe(&loaded.cs, login)?, through).map(Some)
        }
        // `--write` names the file the string is read from; clap keeps the others out.
        _ => Err(Failure::usage(
            "--write needs the connection string in a file",
        )),
    }
}

/// Delivers the updated connection string: into the file, or on stdout. If the file cannot be
/// written after the tokens were rotated, the string goes to stdout all the same, since the
/// previous refresh token no longer works.
fn deliver(
    cs: &ConnectionString,
    target: Option<Target>,
    done: &str,
    out: &mut Out,
) -> Result<(), Failure> {
    match target {
        Some(target) => match target.commit(cs) {
            Ok(()) => {
                eprintln!("{done}");
                Ok(())
            }
            Err(mut f) => {
                out.line_now(cs.as_str())?;
                f.message.push_str(
                    "; the updated connection string is on stdout instead: keep it, it holds the only refresh token that works",
                );
                Err(f)
            }
        },
        None => {
            out.line_now(cs.as_str())?;
            Ok(())
        }
    }
}

fn login(args: &LoginArgs, out: &mut Out) -> Result<(), Failure> {
    let write = args.write.as_deref();
    if args.paste && Loaded::from_stdin(&args.source, write) {
        return Err(Failure::usage(
            "--paste reads the redirect from stdin: give the connection string as an argument, with --file or with --write",
        ));
    }
    let mut loaded = Loaded::load(&args.source, write)?;
    let cfg = loaded.config()?;
    oauth::check(&cfg, Step::ExchangeCode)?;
    let endpoints = endpoints(
        args.authorize_url.as_deref(),
        args.endpoint.token_url.as_deref(),
    )?;
    let client = client(endpoints, &args.endpoint);
    let request = client.authorization_request(&cfg)?;
    let listener = match args.paste {
        true => None,
        false => Some(oauth::RedirectListener::bind(&cfg)?),
    };
    let target = target(&loaded, write.is_some(), args.force, true)?;

    out.line_now(request.url())?;
    if !args.no_browser {
        open_browser(request.url());
    }
    let code = match &listener {
        Some(listener) => {
            eprintln!(
                "Waiting up to {} s for the redirect to {} …",
                args.wait,
                request.redirect_uri()
            );
            // Redirects that are not this login's are ignored, with a note (never a code).
            listener.wait_noting(&request, Duration::from_secs(args.wait), &mut |note| {
                eprintln!("note: {note}; still waiting");
            })?
        }
        None => {
            eprintln!(
                "Open the URL above in a browser and log in. Then paste the address the browser was sent to \
                 (it starts with {}) and press Enter:",
                request.redirect_uri()
            );
            request.code_from_redirect(&read_pasted()?)?
        }
    };
    let tokens = client.exchange_code(&cfg, &request, &code)?;
    tokens.apply_to(&mut loaded.cs).map_err(Error::from)?;
    oauth::set_initiate_oauth(&mut loaded.cs, InitiateOAuth::Refresh).map_err(Error::from)?;
    let done = match write {
        Some(path) => format!(
            "Logged in: tokens and InitiateOAuth=REFRESH written to {}",
            crate::shown_path(path)
        ),
        None => String::new(),
    };
    deliver(&loaded.cs, target, &done, out)
}

/// One line from stdin (bounded): the pasted redirect URL or code.
fn read_pasted() -> Result<String, Failure> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .take(64 * 1024)
        .read_line(&mut line)
        .map_err(|e| Failure::usage(format!("cannot read stdin: {e}")))?;
    Ok(line)
}

fn open_browser(url: &str) {
    let url = url.to_owned();
    // A text-mode browser blocks until it exits: never hold the listener up for it.
    std::thread::spawn(move || {
        if webbrowser::open(&url).is_err() {
            eprintln!("No browser could be opened: open the URL above yourself.");
        }
    });
}

fn refresh(args: &RefreshArgs, out: &mut Out) -> Result<(), Failure> {
    let write = args.write.as_deref();
    let mut loaded = Loaded::load(&args.source, write)?;
    let cfg = loaded.config()?;
    oauth::check(&cfg, Step::Refresh)?;
    let client = client(
        endpoints(None, args.endpoint.token_url.as_deref())?,
        &args.endpoint,
    );
    let target = target(&loaded, write.is_some(), args.force, false)?;
    let tokens = client.refresh(&cfg)?;
    tokens.apply_to(&mut loaded.cs).map_err(Error::from)?;
    let done = match write {
        Some(path) => format!(
            "Refreshed: the rotated tokens were written to {}",
            crate::shown_path(path)
        ),
        None => String::new(),
    };
    deliver(&loaded.cs, target, &done, out)
}

fn token(args: &TokenArgs, out: &mut Out) -> Result<(), Failure> {
    let write = args.write.as_deref();
    let loaded = Loaded::load(&args.source, write)?;
    loaded.config()?;
    let client = client(
        endpoints(None, args.endpoint.token_url.as_deref())?,
        &args.endpoint,
    );
    let mut source = TokenSource::new(loaded.cs.clone(), client)?;
    if source.needs_refresh() {
        let cfg = loaded.config()?;
        if write.is_none() {
            return Err(Failure::usage(
                "the access token expired (or its expiry is unknown), and a refresh rotates the refresh token: \
                 give --write FILE to keep the new one, or run `zoomconn oauth refresh`",
            ));
        }
        if cfg.oauth_refresh_token().is_some() {
            oauth::check(&cfg, Step::Refresh)?;
        }
        let mut target = target(&loaded, true, args.force, false)?;
        source = source.on_refresh(
            move |cs: &ConnectionString, _: &Tokens| match target.take() {
                Some(t) => t.commit(cs).map_err(|f| f.message),
                None => Err("the file was already written once".to_owned()),
            },
        );
    }
    match source.access_token() {
        Ok(token) => {
            out.line_now(token.expose_secret())?;
            Ok(())
        }
        Err(Error::Persist(e)) => {
            // The tokens were rotated but not saved: the connection string must not be lost.
            out.line_now(source.connection_string().as_str())?;
            Err(Failure::usage(format!(
                "{e}; the updated connection string is on stdout instead of the token: keep it, it holds the only refresh token that works"
            )))
        }
        Err(e) => Err(e.into()),
    }
}
