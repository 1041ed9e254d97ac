//! Tokens into a [`ConnectionString`], losslessly, as CData keeps them: `OAuthAccessToken`,
//! `OAuthRefreshToken`, `OAuthExpiresIn` (seconds) and `OAuthTokenTimestamp` (Unix epoch
//! milliseconds); and the expiry read back from a [`Config`].

use std::time::SystemTime;

use zoomconn::registry::PropertyId;
use zoomconn::{Config, ConnectionString, InitiateOAuth, WriteError};

use super::Tokens;

impl Tokens {
    /// Writes the tokens into `cs` with [`ConnectionString::set`]: only the values of
    /// `OAuthAccessToken`, `OAuthRefreshToken` (when the answer had one), `OAuthExpiresIn` and
    /// `OAuthTokenTimestamp` change, every other byte stays; a property that is absent is
    /// appended. A property written under a spaced alias (`OAuth Access Token`) is edited
    /// where it is. When the lifetime is unknown, `OAuthExpiresIn` is removed, so that a stale
    /// lifetime is not read against the new timestamp. `OAuthExpiresIn` and
    /// `OAuthTokenTimestamp` are saturated to the integer range the property registry gives
    /// them (`0..=i64::MAX`), the range validation accepts.
    ///
    /// # Errors
    ///
    /// [`WriteError`] when a value cannot be written (never for tokens that came from
    /// [`Tokens::from_response`]); `cs` is then unchanged.
    ///
    /// ```
    /// use std::time::{Duration, UNIX_EPOCH};
    /// use zoomconn::{ConnectionString, Secret};
    /// use zoomconn_oauth::Tokens;
    /// let mut cs = ConnectionString::parse(
    ///     "Profile=Zoom.apip; AuthScheme=OAuth ;OAuth Access Token=old;Scope='a b'",
    /// )?;
    /// let tokens = Tokens::new(Secret::new("new"), UNIX_EPOCH + Duration::from_millis(1_700_000_000_123))
    ///     .with_refresh_token(Secret::new("r2"))
    ///     .with_expires_in(3599);
    /// tokens.apply_to(&mut cs)?;
    /// assert_eq!(
    ///     cs.as_str(),
    ///     "Profile=Zoom.apip; AuthScheme=OAuth ;OAuth Access Token=new;Scope='a b';\
    ///      OAuthRefreshToken=r2;OAuthExpiresIn=3599;OAuthTokenTimestamp=1700000000123"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply_to(&self, cs: &mut ConnectionString) -> Result<(), WriteError> {
        let mut edited = cs.clone();
        set_property(
            &mut edited,
            PropertyId::OAuthAccessToken,
            self.access_token().expose_secret(),
        )?;
        if let Some(refresh) = self.refresh_token() {
            set_property(
                &mut edited,
                PropertyId::OAuthRefreshToken,
                refresh.expose_secret(),
            )?;
        }
        match self.expires_in() {
            Some(seconds) => set_integer(&mut edited, PropertyId::OAuthExpiresIn, seconds.into())?,
            None => remove_property(&mut edited, PropertyId::OAuthExpiresIn),
        }
        set_integer(
            &mut edited,
            PropertyId::OAuthTokenTimestamp,
            self.timestamp_millis(),
        )?;
        *cs = edited;
        Ok(())
    }
}

/// Sets `InitiateOAuth` in `cs` (edited where it is, under any spelling, or appended).
///
/// After a login, `REFRESH` is what a headless driver needs: it refreshes the token it was
/// given and never tries to open a browser.
///
/// # Errors
///
/// Never for the enum's values; [`WriteError`] is kept for the signature of
/// [`ConnectionString::set`].
///
/// ```
/// use zoomconn::{ConnectionString, InitiateOAuth};
/// use zoomconn_oauth as oauth;
/// let mut cs = ConnectionString::parse("Profile=Zoom.apip;initiateoauth = GETANDREFRESH ;X=1")?;
/// oauth::set_initiate_oauth(&mut cs, InitiateOAuth::Refresh)?;
/// assert_eq!(cs.as_str(), "Profile=Zoom.apip;initiateoauth = REFRESH ;X=1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn set_initiate_oauth(
    cs: &mut ConnectionString,
    value: InitiateOAuth,
) -> Result<(), WriteError> {
    set_property(cs, PropertyId::InitiateOAuth, value.as_str())
}

/// When the configured access token expires: `OAuthTokenTimestamp` (Unix epoch
/// milliseconds) plus `OAuthExpiresIn` (seconds). `None` when either is absent or not a
/// non-negative integer — the expiry is then unknown.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use zoomconn::Config;
/// use zoomconn_oauth as oauth;
/// let cfg = Config::parse(
///     "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;\
///      OAuthTokenTimestamp=1700000000123;OAuthExpiresIn=3599",
/// )?;
/// assert_eq!(oauth::expires_at(&cfg), Some(UNIX_EPOCH + Duration::from_millis(1_700_003_599_123)));
/// # Ok::<(), zoomconn::Error>(())
/// ```
pub fn expires_at(cfg: &Config) -> Option<SystemTime> {
    cfg.oauth_token_timestamp()?
        .checked_add(cfg.oauth_expires_in()?)
}

/// The integer `n` as the registry's range for `id` accepts it: saturated to the range's
/// bounds (a lifetime of `u64::MAX` seconds is written as `i64::MAX`, the largest value
/// validation accepts), so that a written config always validates.
pub(crate) fn saturated(id: PropertyId, n: u128) -> u64 {
    id.property()
        .value_type
        .saturate(n)
        .and_then(|v| u64::try_from(v).ok())
        .unwrap_or(0)
}

/// Sets an integer property, saturated to its registry range (see [`saturated`]).
fn set_integer(cs: &mut ConnectionString, id: PropertyId, n: u128) -> Result<(), WriteError> {
    set_property(cs, id, &saturated(id, n).to_string())
}

/// Sets a property under the spelling it already has in `cs`, or appends it.
fn set_property(cs: &mut ConnectionString, id: PropertyId, value: &str) -> Result<(), WriteError> {
    cs.set_property(id, value)
}

/// Removes a property under every spelling.
fn remove_property(cs: &mut ConnectionString, id: PropertyId) {
    cs.remove_property(id);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};
    use zoomconn::Secret;

    fn tokens(expires: Option<u64>, refresh: Option<&str>) -> Tokens {
        let mut t = Tokens::new(
            Secret::new("A1"),
            UNIX_EPOCH + Duration::from_millis(1_700_000_000_123),
        );
        if let Some(e) = expires {
            t = t.with_expires_in(e);
        }
        if let Some(r) = refresh {
            t = t.with_refresh_token(Secret::new(r));
        }
        t
    }

    #[test]
    fn applied_tokens_change_only_their_values() {
        #[rustfmt::skip]
        let table: &[(&str, Option<u64>, Option<&str>, &str)] = &[
            ("Profile=Zoom.apip", Some(60), Some("R1"),
             "Profile=Zoom.apip;OAuthAccessToken=A1;OAuthRefreshToken=R1;OAuthExpiresIn=60;OAuthTokenTimestamp=1700000000123"),
            ("Profile=Zoom.apip;", Some(60), None,
             "Profile=Zoom.apip;OAuthAccessToken=A1;OAuthExpiresIn=60;OAuthTokenTimestamp=1700000000123;"),
            // In place, keeping spacing, quoting style of the rest, key spelling and order.
            ("oauthtokentimestamp = 1 ; OAuthAccessToken='old;x' ;  OAuthRefreshToken=R0\r\n;OAuthExpiresIn=9;Z=\"q\"", Some(3599), Some("R1"),
             "oauthtokentimestamp = 1700000000123 ; OAuthAccessToken=A1 ;  OAuthRefreshToken=R1\r\n;OAuthExpiresIn=3599;Z=\"q\""),
            // Without a refresh token in the answer, the configured one stays.
            ("OAuthAccessToken=old;OAuthRefreshToken=R0", Some(1), None,
             "OAuthAccessToken=A1;OAuthRefreshToken=R0;OAuthExpiresIn=1;OAuthTokenTimestamp=1700000000123"),
            // Unknown lifetime: the stale OAuthExpiresIn goes, under every spelling.
            // (`remove` keeps the `;` before the last segment; the append follows its style.)
            ("OAuthExpiresIn=9;OAuthAccessToken=old;OAuth Expires In=8", None, None,
             "OAuthAccessToken=A1;OAuthTokenTimestamp=1700000000123;"),
            // Spaced aliases are edited where they are.
            ("OAuth Access Token=old;OAuth Refresh Token=R0", None, Some("R1"),
             "OAuth Access Token=A1;OAuth Refresh Token=R1;OAuthTokenTimestamp=1700000000123"),
            // A lifetime past the registry's range is written saturated to it (`i64::MAX`).
            ("Profile=Zoom.apip", Some(u64::MAX), None,
             "Profile=Zoom.apip;OAuthAccessToken=A1;OAuthExpiresIn=9223372036854775807;OAuthTokenTimestamp=1700000000123"),
            ("Profile=Zoom.apip", Some(1 << 63), None,
             "Profile=Zoom.apip;OAuthAccessToken=A1;OAuthExpiresIn=9223372036854775807;OAuthTokenTimestamp=1700000000123"),
            // A repeated key: the occurrence that wins is edited.
            ("OAuthAccessToken=a;OAuthAccessToken=b;X=1", None, None,
             "OAuthAccessToken=a;OAuthAccessToken=A1;X=1;OAuthTokenTimestamp=1700000000123"),
        ];
        for &(input, expires, refresh, expected) in table {
            let mut cs = ConnectionString::parse(input).unwrap();
            tokens(expires, refresh).apply_to(&mut cs).unwrap();
            assert_eq!(cs.as_str(), expected, "{input:?}");
        }
    }

    /// Every lifetime and time the flow can write validates, and reads back as the tokens
    /// report it.
    #[test]
    fn written_integers_validate() {
        let far = UNIX_EPOCH + Duration::from_secs(u64::from(u32::MAX) * 1000);
        for (expires, obtained) in [
            (u64::MAX, UNIX_EPOCH),
            (1 << 63, far),
            ((1 << 63) - 1, UNIX_EPOCH + Duration::from_millis(1)),
            (0, far),
        ] {
            let t = Tokens::new(Secret::new("A1"), obtained).with_expires_in(expires);
            let mut cs = ConnectionString::parse("Profile=Zoom.apip;AuthScheme=OAuth").unwrap();
            t.apply_to(&mut cs).unwrap();
            let cfg = Config::try_from(&cs).unwrap_or_else(|e| panic!("{expires}: {e}"));
            assert_eq!(super::expires_at(&cfg), t.expires_at(), "{expires}");
            assert_eq!(
                cfg.oauth_expires_in(),
                t.expires_in().map(Duration::from_secs),
                "{expires}"
            );
        }
    }

    #[test]
    fn expiry_from_the_config() {
        let base = "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;";
        let at = |ms: u64| Some(UNIX_EPOCH + Duration::from_millis(ms));
        let table: &[(&str, Option<SystemTime>)] = &[
            ("OAuthTokenTimestamp=1000;OAuthExpiresIn=1", at(2000)),
            ("OAuthTokenTimestamp= 1000 ;OAuthExpiresIn=' 0 '", at(1000)),
            ("OAuthTokenTimestamp=1000", None),
            ("OAuthExpiresIn=1", None),
        ];
        for &(extra, expected) in table {
            let cfg = Config::parse(&format!("{base}{extra}")).unwrap();
            assert_eq!(expires_at(&cfg), expected, "{extra}");
        }
        // Values that are not whole numbers of seconds and milliseconds fail validation.
        for extra in [
            "OAuthTokenTimestamp=soon;OAuthExpiresIn=1",
            "OAuthTokenTimestamp=-5;OAuthExpiresIn=1",
            "OAuthTokenTimestamp=1000;OAuthExpiresIn=1.5",
            "OAuthTokenTimestamp=18446744073709551615;OAuthExpiresIn=1",
        ] {
            let err = Config::parse(&format!("{base}{extra}")).unwrap_err();
            assert_eq!(err.rule(), "invalid-value", "{extra}");
        }
    }
}
