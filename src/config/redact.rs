//! The masked output of a [`ZoomConnectionConfig`]: [`redacted`](ZoomConnectionConfig::redacted)
//! and `Debug`. Both show the canonical form with what the secrets module masks in the map's
//! text replaced by `***`, written piece by piece: no buffer ever holds a secret.

use std::borrow::Cow;
use std::fmt::{self, Write};
use std::ops::Range;

use crate::config::zoom_config::{Entry, ZoomConnectionConfig};
use crate::grammar::syntax::Syntax;
use crate::grammar::writer;
use crate::map::connection_string::ConnectionString;
use crate::secrets::{self, REDACTED};

/// The spans the secrets module masks in a map's text.
struct Masks(Vec<Range<usize>>);

impl Masks {
    fn of(map: &ConnectionString) -> Self {
        Masks(secrets::spans(map.as_str(), map.syntax()))
    }

    /// The spans that overlap `r`, in order.
    fn within(&self, r: (u32, u32)) -> impl Iterator<Item = &Range<usize>> {
        let (start, end) = (r.0 as usize, r.1 as usize);
        // Spans are sorted and disjoint: skip those that end before `r`.
        let first = self.0.partition_point(|s| s.end <= start);
        self.0
            .get(first..)
            .unwrap_or_default()
            .iter()
            .take_while(move |s| s.start < end)
    }

    fn touches(&self, r: (u32, u32)) -> bool {
        self.within(r).next().is_some()
    }
}

impl ZoomConnectionConfig {
    /// The canonical connection string with secret values as `***`: safe to log. Masked:
    /// secret properties; whatever the secrets module masks in the text (keys that look like
    /// secrets, the rest of an unquoted secret value that holds `;`, a URL's password, secrets
    /// inside nested strings, which keep the rest of their text).
    ///
    /// ```
    /// # let cfg = zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t0k")?;
    /// assert_eq!(cfg.redacted(), "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=***;");
    /// # Ok::<(), zoomconn::Error>(())
    /// ```
    pub fn redacted(&self) -> String {
        let mut out = String::with_capacity(self.map.as_str().len());
        // Writing to a String does not fail.
        let _ = self.write_redacted(&mut out);
        out
    }

    /// Writes [`redacted`](Self::redacted) to `out`, one masked pair at a time.
    fn write_redacted(&self, out: &mut impl Write) -> fmt::Result {
        let masks = Masks::of(&self.map);
        let mut pair = String::new();
        for e in self.ordered() {
            let (key, value) = self.shown(e, &masks);
            pair.clear();
            // A masked key or value is `***` or text of a parsed one: it can be written.
            if writer::push_pair(&mut pair, &key, &value, Syntax::Ado).is_ok() {
                pair.push(';');
                out.write_str(&pair)?;
            }
        }
        Ok(())
    }

    /// An entry's name and value as shown: the name, or `***` when the secrets module masks
    /// any of the key; the value with each masked part as `***` (a secret property's whole).
    fn shown<'a>(&'a self, e: &Entry, masks: &Masks) -> (Cow<'a, str>, Cow<'a, str>) {
        let key = match e.property {
            // A canonical name is never secret text.
            Some(_) => Cow::Borrowed(self.name(e)),
            None => {
                let at = if self.map.in_source(e.at.key) {
                    e.at.key
                } else {
                    e.src().key
                };
                if masks.touches(at) {
                    Cow::Borrowed(REDACTED)
                } else {
                    Cow::Borrowed(self.name(e))
                }
            }
        };
        let value = if e.property.is_some_and(|p| p.secret) {
            Cow::Borrowed(REDACTED)
        } else if !self.map.in_source(e.at.value) {
            // Decoded text: its offsets are not the source's; masked whole if any part is.
            if masks.touches(e.src().value) {
                Cow::Borrowed(REDACTED)
            } else {
                Cow::Borrowed(self.exposed(e))
            }
        } else if !masks.touches(e.at.value) {
            Cow::Borrowed(self.exposed(e))
        } else {
            let (start, end) = (e.at.value.0 as usize, e.at.value.1 as usize);
            let text = self.map.as_str();
            let mut out = String::with_capacity(end - start);
            let mut at = start;
            for span in masks.within(e.at.value) {
                let (s, t) = (span.start.max(at), span.end.min(end));
                out.push_str(text.get(at..s).unwrap_or_default());
                out.push_str(REDACTED);
                at = t.max(at);
            }
            out.push_str(text.get(at..end).unwrap_or_default());
            Cow::Owned(out)
        };
        (key, value)
    }
}

/// Properties in canonical order, as [`redacted`](ZoomConnectionConfig::redacted) shows them:
/// masked text as `***`.
///
/// ```
/// let cfg = zoomconn::Config::parse("Profile=Zoom.apip;X=1;AuthScheme=OAuth;OAuthAccessToken=t0k")?;
/// assert_eq!(
///     format!("{cfg:?}"),
///     r#"{"Profile": "Zoom.apip", "AuthScheme": "OAuth", "X": "1", "OAuthAccessToken": "***"}"#
/// );
/// # Ok::<(), zoomconn::Error>(())
/// ```
impl fmt::Debug for ZoomConnectionConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let masks = Masks::of(&self.map);
        f.debug_map()
            .entries(self.ordered().map(|e| self.shown(e, &masks)))
            .finish()
    }
}
