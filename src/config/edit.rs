//! Typed edits of a [`ZoomConnectionConfig`]: the map's minimal-diff edit, then the view
//! validated again from the edited map.

use crate::config::error::Error;
use crate::config::zoom_config::ZoomConnectionConfig;
use crate::map::connection_string::ConnectionString;
use crate::registry::PropertyId;

impl ZoomConnectionConfig {
    /// Sets a known property in the connection string this config is a view of, with
    /// [`ConnectionString::set_property`]: the value of the occurrence that wins changes, under
    /// the spelling it has (name in any case, or spaced alias), or the property is appended
    /// under its canonical name; every other byte stays. The config is then validated again
    /// from the edited string.
    ///
    /// # Errors
    ///
    /// An [`Error`] when the value cannot be written (rule `syntax`) or when the edited string
    /// is not a valid configuration (the first error finding, positions in the edited string);
    /// the config is then unchanged.
    ///
    /// ```
    /// use zoomconn::{Config, InitiateOAuth, registry::PropertyId};
    /// let mut cfg = Config::parse("Profile=Zoom.apip; Auth Scheme=OAuth ;OAuthAccessToken=old")?;
    /// cfg.set_property(PropertyId::OAuthAccessToken, "new")?;
    /// cfg.set_property(PropertyId::InitiateOAuth, "REFRESH").unwrap_err(); // needs a client id
    /// assert_eq!(cfg.as_connection_string().as_str(), "Profile=Zoom.apip; Auth Scheme=OAuth ;OAuthAccessToken=new");
    /// assert_eq!(cfg.oauth_access_token().unwrap().expose_secret(), "new");
    /// assert_eq!(cfg.initiate_oauth(), InitiateOAuth::Off);
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn set_property(&mut self, id: PropertyId, value: &str) -> Result<(), Error> {
        self.edit(|map| {
            map.set_property(id, value).map_err(|e| {
                let what = if id.property().secret {
                    "a secret value".to_owned()
                } else {
                    format!("a value of {}", id.name())
                };
                Error::unwritable(Some(&what), &e)
            })
        })
    }

    /// Removes a known property under every spelling from the connection string this config
    /// is a view of ([`ConnectionString::remove_property`]; every other byte stays), then
    /// validates the config again.
    ///
    /// # Errors
    ///
    /// An [`Error`] when the string without the property is not a valid configuration; the
    /// config is then unchanged.
    ///
    /// ```
    /// use zoomconn::{Config, registry::PropertyId};
    /// let mut cfg = Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;Scope=a;scope=b")?;
    /// cfg.remove_property(PropertyId::Scope)?;
    /// assert_eq!(cfg.as_connection_string().as_str(), "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;");
    /// assert_eq!(cfg.remove_property(PropertyId::Profile).unwrap_err().rule(), "missing-profile");
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn remove_property(&mut self, id: PropertyId) -> Result<(), Error> {
        self.edit(|map| {
            map.remove_property(id);
            Ok(())
        })
    }

    /// Applies `change` to a copy of the map and, when the result validates, takes its view;
    /// the copy is wiped either way.
    fn edit(
        &mut self,
        change: impl FnOnce(&mut ConnectionString) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let mut map = self.map.clone();
        let result = change(&mut map).and_then(|()| Self::parse_with(map.as_str(), map.syntax()));
        map.wipe();
        *self = result?;
        Ok(())
    }
}
