//! Standard trait implementations for [`ConnectionString`].

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use crate::grammar::casefold::{eq_ignore_case, hash_ignore_case};
use crate::grammar::error::{PairError, ParseError, WriteError};
use crate::grammar::syntax::Syntax;
use crate::grammar::writer;
use crate::map::connection_string::{ConnectionString, Iter};

/// The lossless text: the exact input for an unedited value. It contains secrets.
impl fmt::Display for ConnectionString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The effective entries as a map, secret values shown as `***`.
impl fmt::Debug for ConnectionString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.redacted_entries()).finish()
    }
}

/// Equal when the effective entries are equal in order (keys ignoring case, values exactly)
/// and the syntax is the same; the source text is not compared (compare
/// [`as_str`](ConnectionString::as_str) for that).
impl PartialEq for ConnectionString {
    fn eq(&self, other: &Self) -> bool {
        self.syntax() == other.syntax()
            && self.len() == other.len()
            && self
                .iter()
                .zip(other.iter())
                .all(|((k1, v1), (k2, v2))| v1 == v2 && eq_ignore_case(k1, k2))
    }
}

impl Eq for ConnectionString {}

/// Hashes what [`PartialEq`] compares. The cache of decoded values inside a connection string
/// is interior mutability that neither reads, so a `ConnectionString` is a sound map key;
/// clippy's `mutable_key_type` lint cannot see that: allow it where one is a key.
///
/// ```
/// # #![allow(clippy::mutable_key_type)]
/// use std::collections::HashSet;
/// let set: HashSet<zoomconn::ConnectionString> =
///     ["a='x''y'".parse().unwrap(), "A = 'x''y'".parse().unwrap()].into_iter().collect();
/// assert_eq!(set.len(), 1);
/// ```
impl Hash for ConnectionString {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.syntax().hash(state);
        for (k, v) in self.iter() {
            hash_ignore_case(k, state);
            v.hash(state);
        }
    }
}

impl FromStr for ConnectionString {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ConnectionString::parse(s)
    }
}

impl TryFrom<&str> for ConnectionString {
    type Error = ParseError;

    fn try_from(s: &str) -> Result<Self, Self::Error> {
        ConnectionString::parse(s)
    }
}

impl<'a> IntoIterator for &'a ConnectionString {
    type Item = (&'a str, &'a str);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl ConnectionString {
    /// Builds an ADO connection string from pairs, written in canonical form (later duplicates
    /// win, as when parsing).
    ///
    /// # Errors
    ///
    /// A [`PairError`]: the index of the first pair that cannot be written, and why.
    ///
    /// ```
    /// use zoomconn::ConnectionString;
    /// let cs = ConnectionString::try_from_pairs([("Profile", "Zoom.apip"), ("Scope", "a b")])?;
    /// assert_eq!(cs.to_string(), "Profile=Zoom.apip;Scope=a b;");
    /// assert!(ConnectionString::try_from_pairs([("", "x")]).is_err());
    /// # Ok::<(), zoomconn::PairError>(())
    /// ```
    pub fn try_from_pairs<K: AsRef<str>, V: AsRef<str>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Self, PairError> {
        let text = writer::write_pairs(pairs, Syntax::Ado)?;
        ConnectionString::parse(&text).map_err(|_| PairError::new(0, WriteError::Unrepresentable))
    }

    /// Sets every pair in turn, stopping at the first that cannot be written.
    ///
    /// # Errors
    ///
    /// A [`PairError`]: the index of the pair that failed and why; the pairs before it are set.
    ///
    /// ```
    /// let mut cs = zoomconn::ConnectionString::parse("a=1")?;
    /// cs.try_extend([("b", "2"), ("A", "3")]).unwrap();
    /// assert_eq!(cs.to_string(), "a=3;b=2");
    /// # Ok::<(), zoomconn::ParseError>(())
    /// ```
    pub fn try_extend<K: AsRef<str>, V: AsRef<str>>(
        &mut self,
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<(), PairError> {
        for (i, (k, v)) in pairs.into_iter().enumerate() {
            self.set(k.as_ref(), v.as_ref())
                .map_err(|e| PairError::new(i, e))?;
        }
        Ok(())
    }
}

/// Collects pairs into a canonical ADO connection string.
///
/// # Panics
///
/// If a key or value cannot be written (see [`WriteError`]): an empty key, a key with edge
/// white space, a leading `;` or a control character, or a value with NUL. Use
/// [`ConnectionString::try_from_pairs`] to get an error instead.
// The panics below concern keys and values written by code, not parsed input; they are
// documented, and `try_from_pairs`/`try_extend` are the fallible forms.
impl<K: AsRef<str>, V: AsRef<str>> FromIterator<(K, V)> for ConnectionString {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        match ConnectionString::try_from_pairs(iter) {
            Ok(cs) => cs,
            Err(e) => panic!("{e}"),
        }
    }
}

/// Sets each pair with [`ConnectionString::set`].
///
/// # Panics
///
/// If a key or value cannot be written; use [`ConnectionString::try_extend`] to get an error.
impl<K: AsRef<str>, V: AsRef<str>> Extend<(K, V)> for ConnectionString {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        if let Err(e) = self.try_extend(iter) {
            panic!("{e}");
        }
    }
}
