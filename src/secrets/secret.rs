//! [`Secret`]: a credential that does not print and is wiped from memory on drop.

use std::fmt;

use zeroize::Zeroizing;

/// A secret value (`OAuthClientSecret`, tokens, passwords).
///
/// `Debug` prints `Secret(***)`; there is no `Display`; the value is reached only through
/// [`expose_secret`](Self::expose_secret). The memory holding it is zeroed on drop.
///
/// ```
/// use zoomconn::Secret;
/// let s = Secret::new("t0ps3cret");
/// assert_eq!(format!("{s:?}"), "Secret(***)");
/// assert_eq!(s.expose_secret(), "t0ps3cret");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    /// Wraps a value.
    ///
    /// ```
    /// assert!(!zoomconn::Secret::new("x").is_empty());
    /// ```
    pub fn new(value: impl Into<String>) -> Self {
        Secret(Zeroizing::new(value.into()))
    }

    /// The secret text. Every call site is a place where the credential leaves the type:
    /// keep them few.
    ///
    /// ```
    /// assert_eq!(zoomconn::Secret::new("abc").expose_secret(), "abc");
    /// ```
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    /// `true` when the value is empty.
    ///
    /// ```
    /// assert!(zoomconn::Secret::new("").is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret::new(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret::new(value)
    }
}
