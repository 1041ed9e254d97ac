//! The OAuth 2.0 flow a Zoom connection string describes:
//! the authorization-code login with PKCE, the code exchange, the refresh, and a
//! token source that follows `InitiateOAuth`.
//!
//! The pieces, each usable alone:
//!
//! * [`AuthorizationRequest`] — the URL the user opens at Zoom's authorization endpoint
//!   (`response_type=code`, `client_id`, `redirect_uri` = CallbackURL exactly as written,
//!   PKCE `S256`, a random `state`); the verifier and state stay with the caller; then
//!   [`code_from_redirect`](AuthorizationRequest::code_from_redirect) reads the code from
//!   where the browser was sent, checking the state.
//! * [`RedirectListener`] — a one-shot listener on a loopback CallbackURL that receives that
//!   redirect; on a headless machine, paste the redirect URL instead.
//! * [`Client`] — the token endpoint: [`exchange_code`](Client::exchange_code) and
//!   [`refresh`](Client::refresh), with HTTP Basic client authentication and a form body,
//!   giving [`Tokens`] (access and refresh token as [`Secret`](zoomconn::Secret)s, `expires_in`,
//!   scope, the time obtained) or a typed [`Error`] that carries Zoom's `reason`.
//! * [`Tokens::apply_to`] — the tokens into a [`ConnectionString`](zoomconn::ConnectionString),
//!   losslessly: `OAuthAccessToken`, `OAuthRefreshToken`, `OAuthExpiresIn` (seconds),
//!   `OAuthTokenTimestamp` (Unix epoch milliseconds, as CData writes it).
//! * [`TokenSource`] — a valid access token on demand: `OFF` gives the configured token;
//!   `REFRESH` and `GETANDREFRESH` refresh when the token expired or its expiry is unknown, and
//!   hand the rotated tokens to a persistence hook before returning.
//!
//! Endpoints default to Zoom's ([`ZOOM_AUTHORIZE_URL`], [`ZOOM_TOKEN_URL`]) and can be
//! overridden ([`Endpoints`]) for a Zoom-compatible gateway or a test server; they must be
//! `https` unless their host is loopback. Before any request, each step checks that the
//! connection string has what it needs ([`requirements`]) and names what is missing.
//!
//! The HTTP client is `ureq` on rustls, blocking: no async runtime (see [`Client`] for why).
//!
//! # A login, step by step
//!
//! ```no_run
//! use std::time::Duration;
//! use zoomconn::{ConnectionString, Config, InitiateOAuth};
//! use zoomconn_oauth as oauth;
//!
//! let mut cs = ConnectionString::parse(
//!     "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=abc;\
//!      OAuthClientSecret=s3cret;CallbackURL=http://localhost:33333",
//! )?;
//! let cfg = Config::try_from(&cs)?;
//! let client = oauth::Client::default();
//! let request = client.authorization_request(&cfg)?;
//! let listener = oauth::RedirectListener::bind(&cfg)?; // before the URL is shown
//! println!("Open {}", request.url());
//! let code = listener.wait(&request, Duration::from_secs(300))?;
//! let tokens = client.exchange_code(&cfg, &request, &code)?;
//! tokens.apply_to(&mut cs)?;
//! oauth::set_initiate_oauth(&mut cs, InitiateOAuth::Refresh)?;
//! std::fs::write("zoom.conn", cs.to_string())?; // keep the refresh token: Zoom rotates it
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Secrets
//!
//! The client secret, the tokens, the code and the verifier are [`Secret`](zoomconn::Secret)s or
//! go straight into the request; no [`Error`] message, `Debug` output or page served by the
//! listener holds one. Text from the server is masked before it goes into a message: any run
//! of 6 chars or more of a secret of the request (in any case, across inserted line breaks),
//! the Basic header and its base64. The request body itself is built by the HTTP client in
//! buffers that are not wiped.

/// The README's Rust examples run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

mod apply;
mod authorize;
mod client;
mod endpoints;
mod error;
mod flow;
mod loopback;
mod mask;
mod response;
mod source;

pub use apply::{expires_at, set_initiate_oauth};
pub use authorize::AuthorizationRequest;
pub use client::Client;
pub use endpoints::{Endpoints, ZOOM_AUTHORIZE_URL, ZOOM_TOKEN_URL};
pub use error::Error;
pub use flow::{Step, check, requirements};
pub use loopback::RedirectListener;
pub use response::Tokens;
pub use source::TokenSource;
