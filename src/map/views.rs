//! Other views of a [`ConnectionString`]: the canonical form, and the redacted forms that
//! [`crate::secrets`] decides.

use std::borrow::Cow;

use crate::grammar::writer;
use crate::map::connection_string::ConnectionString;
use crate::secrets;

impl ConnectionString {
    /// The text with every secret replaced by `***` ([`secrets::redact`]); everything else
    /// byte for byte. Masked: values of secret properties and of keys that look like them
    /// (`Pasword`, `ClientSecret`, `APIKey`); the rest of an unquoted secret value that holds
    /// `;`; text after a secret name that lacks its `;` or `=`; secrets of nested connection
    /// strings (`ProfileSettings`, `Other`) in place, each nested value keeping its quoting;
    /// nesting deeper than 8 levels whole.
    ///
    /// ```
    /// let cs = zoomconn::ConnectionString::parse(
    ///     "Profile=Zoom.apip; OAuthClientSecret='s3cr;t'; Other=\"Password=pw\"",
    /// )?;
    /// assert_eq!(cs.redacted(), "Profile=Zoom.apip; OAuthClientSecret=***; Other=\"Password=***\"");
    /// # Ok::<(), zoomconn::ParseError>(())
    /// ```
    pub fn redacted(&self) -> String {
        secrets::redact(self.as_str(), self.syntax())
    }

    /// The effective entries of [`redacted`](Self::redacted): secret values as `***`, and a
    /// key that may hold the end of a secret value (read after an unquoted secret) as `***`.
    ///
    /// ```
    /// let cs = zoomconn::ConnectionString::parse("Password=ab;cd;X=1;Scope=s")?;
    /// let shown: Vec<_> = cs.redacted_entries().map(|(k, v)| format!("{k}={v}")).collect();
    /// assert_eq!(shown, ["Password=***", "***=***", "Scope=s"]);
    /// # Ok::<(), zoomconn::ParseError>(())
    /// ```
    pub fn redacted_entries(&self) -> impl Iterator<Item = (Cow<'_, str>, Cow<'_, str>)> + '_ {
        // Every replacement is `***` in place of a whole key, a whole value or text inside one,
        // so the redacted text parses.
        let redacted = ConnectionString::parse_with(&self.redacted(), self.syntax());
        let entries: Vec<(String, String)> = match redacted {
            Ok(cs) => cs
                .iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
            Err(_) => vec![(secrets::REDACTED.to_owned(), secrets::REDACTED.to_owned())],
        };
        entries
            .into_iter()
            .map(|(k, v)| (Cow::Owned(k), Cow::Owned(v)))
    }

    /// The canonical form (`docs/canonical-form.md`): effective entries as `key=value;`, no spaces, keys as first
    /// spelled with `=` doubled, values raw or quoted as needed.
    ///
    /// `parse(canonical)` gives the same entries, and canonical form is idempotent.
    ///
    /// ```
    /// let cs = zoomconn::ConnectionString::parse(" a = x y ; b==c = 'it''s' ; a = 2 ")?;
    /// assert_eq!(cs.to_canonical_string(), "a=2;b==c=it's;");
    /// # Ok::<(), zoomconn::ParseError>(())
    /// ```
    pub fn to_canonical_string(&self) -> String {
        let mut out = String::with_capacity(self.as_str().len());
        for (key, value) in self.iter() {
            // Every entry of a ConnectionString came from parsing, so it can be written (a
            // parsed key has no control character or edge white space; a parsed ADO value
            // has no NUL; a parsed ODBC value reads back raw). The raw fallback is never taken.
            if writer::push_pair(&mut out, key, value, self.syntax()).is_err() {
                out.push_str(key);
                out.push('=');
                out.push_str(value);
            }
            out.push(';');
        }
        out
    }
}
