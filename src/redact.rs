//! Secret-safe views of a connection string: [`ConnectionString::redacted`] and the value
//! masking that `Debug` and the diagnostics share.

use std::borrow::Cow;

use crate::map::ConnectionString;
use crate::registry::{self, ValueType};
use crate::syntax::Syntax;

/// Does `text` contain the name of a secret property (any case)?
fn mentions_secret(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    registry::PROPERTIES
        .iter()
        .filter(|p| p.secret)
        .any(|p| lower.contains(&p.name.to_ascii_lowercase()))
}

/// What replaces a secret value in redacted output.
///
/// ```
/// let cs = zoomconn::ConnectionString::parse("Password=pw").unwrap();
/// assert_eq!(cs.redacted(), format!("Password={}", zoomconn::REDACTED));
/// ```
pub const REDACTED: &str = "***";

/// Nested connection strings deeper than this (`Other=Other=…`) are masked whole: redacting
/// them level by level would cost time quadratic in the input.
const MAX_NESTING: usize = 8;

/// How `value` of `key` may be shown: secrets become `***`; nested connection strings
/// (`ProfileSettings`, `Other`) have their own secrets redacted.
pub(crate) fn shown_value<'v>(key: &str, value: &'v str, syntax: Syntax) -> Cow<'v, str> {
    shown_value_at(key, value, syntax, 0)
}

/// [`shown_value`] of a value nested `depth` levels deep.
fn shown_value_at<'v>(key: &str, value: &'v str, syntax: Syntax, depth: usize) -> Cow<'v, str> {
    match registry::lookup(key).map(|m| m.property) {
        Some(p) if p.secret => Cow::Borrowed(REDACTED),
        Some(p) if p.value_type == ValueType::Nested => {
            if depth >= MAX_NESTING {
                return Cow::Borrowed(REDACTED);
            }
            match ConnectionString::parse_with(value, syntax) {
                Ok(nested) => {
                    let r = nested.redacted_at(depth + 1);
                    if r.len() > 2 * value.len() + 16 {
                        // Requoting grew it past any legitimate `***`: show nothing rather
                        // than an output that could grow with each level.
                        Cow::Borrowed(REDACTED)
                    } else if r != value {
                        Cow::Owned(r)
                    } else if mentions_secret(value) {
                        // Read differently than the driver might (quotes in ODBC syntax):
                        // a secret property name inside means the value may hold a secret.
                        Cow::Borrowed(REDACTED)
                    } else {
                        Cow::Borrowed(value)
                    }
                }
                // An unparsable nested value may hold a secret we cannot locate.
                Err(_) => Cow::Borrowed(REDACTED),
            }
        }
        _ => Cow::Borrowed(value),
    }
}

/// How a key may be shown: a key that follows a secret value and contains `;` is probably
/// the rest of that value (an unquoted `;` inside it), so the part before its last `;` is
/// masked.
pub(crate) fn shown_key(after_secret: bool, key: &str) -> Cow<'_, str> {
    match key.rfind(';') {
        // `at` is where `rfind` saw `;`: a char boundary of `key`.
        Some(at) if after_secret => Cow::Owned(format!("{REDACTED}{}", &key[at..])),
        _ => Cow::Borrowed(key),
    }
}

impl ConnectionString {
    /// Keys of effective entries that [`shown_key`] masks.
    pub(crate) fn keys_after_secrets(&self) -> Vec<String> {
        let mut prev_secret = false;
        let mut keys = Vec::new();
        for seg in self.segments() {
            if prev_secret && seg.key().contains(';') {
                keys.push(seg.key().to_owned());
            }
            prev_secret = registry::is_secret(seg.key());
        }
        keys
    }

    /// The text with every secret value (SPEC §6: `OAuthClientSecret`, tokens, passwords, …)
    /// replaced by `***`; everything else byte for byte. Secrets inside nested connection
    /// strings (`ProfileSettings`, `Other`) are replaced too, and the nested value keeps its
    /// quoting (unquoted, or its own quote). Nesting deeper than 8 levels is masked whole
    /// (`***`): redacting each level would cost time quadratic in the input.
    ///
    /// ```
    /// let cs = zoomconn::ConnectionString::parse(
    ///     "Profile=Zoom.apip; OAuthClientSecret='s3cr;t'; Other=\"Password=pw\"",
    /// )?;
    /// assert_eq!(cs.redacted(), "Profile=Zoom.apip; OAuthClientSecret=***; Other=\"Password=***\"");
    /// # Ok::<(), zoomconn::ParseError>(())
    /// ```
    pub fn redacted(&self) -> String {
        self.redacted_at(0)
    }

    /// [`redacted`](Self::redacted) of a string nested `depth` levels deep.
    fn redacted_at(&self, depth: usize) -> String {
        let mut out = String::with_capacity(self.as_str().len());
        let mut at = 0;
        let mut prev_secret = false;
        for seg in self.segments() {
            let after_secret = std::mem::replace(&mut prev_secret, registry::is_secret(seg.key()));
            // Segment spans are in order and on char boundaries of `source`; the cut is in the
            // key as written (a decoded `==` would shift it).
            let key = seg.key_span();
            let written = self.as_str().get(key.clone()).unwrap_or_default();
            if let Some(cut) = written.rfind(';').filter(|_| after_secret) {
                out.push_str(&self.as_str()[at..key.start]);
                out.push_str(REDACTED);
                at = key.start + cut;
            }
            let Some(value) = seg.value() else { continue };
            let shown = shown_value_at(seg.key(), value, self.syntax, depth);
            if shown == value {
                continue;
            }
            let span = seg.value_span();
            let mut text = String::new();
            // A masked value is `***`; a redacted nested string is written as the value was
            // (unquoted, or in its quote), so that nested levels do not each add a layer of
            // quoting.
            let quote = if shown == REDACTED { None } else { seg.quote() };
            if crate::writer::push_value_like(&mut text, &shown, quote, self.syntax).is_err() {
                text = REDACTED.to_owned();
            }
            out.push_str(&self.as_str()[at..span.start]);
            out.push_str(&text);
            at = span.end;
        }
        out.push_str(&self.as_str()[at..]);
        out
    }

    /// The effective entries with secret values as `***` — and a key that holds the end of a
    /// secret value (after an unquoted `;` inside it) masked up to its last `;`.
    ///
    /// ```
    /// let cs = zoomconn::ConnectionString::parse("Password=ab;cd;X=1;Scope=s")?;
    /// let shown: Vec<_> = cs.redacted_entries().map(|(k, v)| format!("{k}={v}")).collect();
    /// assert_eq!(shown, ["Password=***", "***;X=1", "Scope=s"]);
    /// # Ok::<(), zoomconn::ParseError>(())
    /// ```
    pub fn redacted_entries(&self) -> impl Iterator<Item = (Cow<'_, str>, Cow<'_, str>)> + '_ {
        let masked = self.keys_after_secrets();
        self.iter().map(move |(k, v)| {
            let after_secret = masked.iter().any(|m| m == k);
            (shown_key(after_secret, k), shown_value(k, v, self.syntax))
        })
    }

    /// The canonical form (SPEC §3): effective entries as `key=value;`, no spaces, keys as first
    /// spelled with `=` doubled, values raw or quoted as needed.
    ///
    /// `parse(canonical)` gives the same entries, and canonical form is idempotent.
    ///
    /// ```
    /// let cs = zoomconn::ConnectionString::parse(" a = x y ; b==c = 'it''s' ; a = 2 ")?;
    /// assert_eq!(cs.to_canonical_string(), "a=2;b==c=\"it's\";");
    /// # Ok::<(), zoomconn::ParseError>(())
    /// ```
    pub fn to_canonical_string(&self) -> String {
        let mut out = String::with_capacity(self.as_str().len());
        for (key, value) in self.iter() {
            // Every entry of a ConnectionString came from parsing, so it can be written (a
            // parsed key has no control character or edge white space; a parsed ADO value
            // has no NUL; a parsed ODBC value reads back raw). The raw fallback is never taken.
            if crate::writer::push_pair(&mut out, key, value, self.syntax).is_err() {
                out.push_str(key);
                out.push('=');
                out.push_str(value);
            }
            out.push(';');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_redacted_to_a_limit_then_masked_whole() {
        let nest = |levels: usize, inner: &str| format!("{}{inner}", "Other=".repeat(levels));
        // Within the limit: only the secret is masked, and nothing is requoted.
        let cs = ConnectionString::parse(&nest(MAX_NESTING, "Password=pw")).unwrap();
        assert_eq!(cs.redacted(), nest(MAX_NESTING, "Password=***"));
        let cs = ConnectionString::parse(&nest(MAX_NESTING, "Scope=x")).unwrap();
        assert_eq!(cs.redacted(), nest(MAX_NESTING, "Scope=x"));
        // Past it: the value at the limit is masked whole, secret or not.
        let cs = ConnectionString::parse(&nest(MAX_NESTING + 1, "Scope=x")).unwrap();
        assert_eq!(cs.redacted(), nest(MAX_NESTING + 1, "***"));
    }
}
