//! The token-response parser (`zoomconn_oauth::Tokens::from_response`): never panics; tokens
//! it accepts are bearer tokens that go into a connection string and read back unchanged, with
//! the expiry read back as it was given; an error is one line and never echoes a token of the
//! same answer.
#![no_main]

use std::time::{Duration, UNIX_EPOCH};

use libfuzzer_sys::fuzz_target;
use zoomconn_oauth::{self as oauth, Error, Tokens};
use zoomconn::{Config, ConnectionString};

fuzz_target!(|data: &[u8]| {
    // Two bytes of status (100–599), the rest is the body.
    let [a, b, body @ ..] = data else { return };
    let status = 100 + u16::from_le_bytes([*a, *b]) % 500;
    let at = UNIX_EPOCH + Duration::from_millis(1_700_000_000_123);
    match Tokens::from_response(status, body, at) {
        Ok(tokens) => {
            assert!((200..300).contains(&status), "accepted HTTP {status}");
            let access = tokens.access_token().expose_secret();
            assert!(!access.is_empty());
            let mut cs = ConnectionString::parse("Profile=Zoom.apip;AuthScheme=OAuth").unwrap();
            tokens.apply_to(&mut cs).expect("accepted tokens can be written");
            assert_eq!(cs.get("OAuthAccessToken"), Some(access));
            assert_eq!(
                cs.get("OAuthRefreshToken"),
                tokens.refresh_token().map(|t| t.expose_secret())
            );
            let cfg = Config::try_from(&cs).expect("a valid config");
            assert_eq!(oauth::expires_at(&cfg), tokens.expires_at());
        }
        Err(e) => {
            let message = e.to_string();
            assert!(!message.contains(['\n', '\r']), "{message:?}");
            if let Error::Rejected { code, reason, .. } = &e {
                let value: Option<serde_json::Value> = serde_json::from_slice(body).ok();
                for field in ["access_token", "refresh_token"] {
                    let token = value.as_ref().and_then(|v| v.get(field)).and_then(|t| t.as_str());
                    if let Some(token) = token.filter(|t| t.trim().len() >= 4 && t.len() >= 4) {
                        for shown in [code, reason].into_iter().flatten() {
                            assert!(!shown.contains(token), "{field} echoed in {shown:?}");
                        }
                    }
                }
            }
        }
    }
});
