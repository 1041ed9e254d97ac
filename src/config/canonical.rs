//! The canonical form of a [`ZoomConnectionConfig`]: `Display` and
//! [`to_canonical_string`](ZoomConnectionConfig::to_canonical_string), secrets included.

use std::fmt;

use zeroize::Zeroizing;

use crate::config::zoom_config::ZoomConnectionConfig;
use crate::grammar::syntax::Syntax;
use crate::grammar::writer;

impl ZoomConnectionConfig {
    /// The canonical form, as `Display` prints it (secrets included).
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("profile=Zoom.apip;authscheme=oauth;OAuthAccessToken=t")?;
    /// assert_eq!(cfg.to_canonical_string(), "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;");
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn to_canonical_string(&self) -> String {
        self.to_string()
    }
}

/// The canonical connection string, **secrets included**: the properties of the canonical
/// order first (Profile, AuthScheme, InitiateOAuth, OAuthClientId, OAuthClientSecret,
/// CallbackURL), then the others in order; known properties under their canonical names,
/// enum values in their canonical spelling, each pair as `key=value;` with values quoted only
/// where needed.
impl fmt::Display for ZoomConnectionConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // One pair at a time, in a buffer wiped on drop (a pair may hold a secret).
        let mut pair = Zeroizing::new(String::with_capacity(128));
        for e in self.ordered() {
            pair.clear();
            // Names and values of a config came from parsing, so they can be written.
            if writer::push_pair(&mut pair, self.name(e), self.exposed(e), Syntax::Ado).is_ok() {
                pair.push(';');
                f.write_str(&pair)?;
            }
        }
        Ok(())
    }
}
