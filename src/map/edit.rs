//! Editing a [`ConnectionString`]: change one entry, keep every other byte.
//!
//! Each edit splices the source text and parses it again, so the map and the text can never
//! disagree. An edit costs time linear in the string's length. The buffers an edit drops (the
//! old text, the spliced copy) are overwritten with zeros first: a connection string holds
//! credentials.

use zeroize::Zeroizing;

use crate::grammar::casefold::eq_ignore_case;
use crate::grammar::error::WriteError;
use crate::grammar::writer;
use crate::map::connection_string::ConnectionString;
use crate::registry::{self, PropertyId};

impl ConnectionString {
    /// Sets `key` to `value`.
    ///
    /// If the key is present, only its value's text changes (the last occurrence's, the one that
    /// wins), written in canonical form; the key keeps its spelling and position and every other
    /// byte stays as it was. Otherwise `key=value` is appended after the last segment, with `;`
    /// placed to match the string's style.
    ///
    /// # Errors
    ///
    /// [`WriteError`] when the key or value cannot be written so that it reads back unchanged
    /// (an empty key, a key with leading/trailing white space or a control character, a value
    /// with NUL; see [`WriteError`]). The connection string is then unchanged.
    ///
    /// ```
    /// let mut cs = zoomconn::ConnectionString::parse("Profile = Zoom.apip ; Scope=a")?;
    /// cs.set("scope", "meeting:read user:read")?;
    /// cs.set("Timeout", "30")?;
    /// assert_eq!(cs.to_string(), "Profile = Zoom.apip ; Scope=meeting:read user:read;Timeout=30");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), WriteError> {
        writer::check_key(key, self.syntax())?;
        let mut text = Zeroizing::new(String::new());
        writer::push_value(&mut text, value, self.syntax())?;
        let mut last_same = None;
        let mut last_any = None;
        for seg in self.segments() {
            if eq_ignore_case(seg.key(), key) {
                last_same = Some((seg.value().is_some(), seg.value_span()));
            }
            last_any = Some((seg.end_with_semicolon(), seg.full_span().end));
        }
        // Indexing in this function: spans and `at` come from tokenizing `self.as_str()` itself, so
        // they are in bounds and on char boundaries.
        let mut source = String::with_capacity(self.as_str().len() + key.len() + text.len() + 2);
        match last_same {
            Some((true, span)) => {
                source.push_str(&self.as_str()[..span.start]);
                source.push_str(&text);
                source.push_str(&self.as_str()[span.end..]);
            }
            _ => {
                let (semicolon, at) = last_any.unwrap_or((true, 0));
                let mut pair = Zeroizing::new(String::new());
                if !semicolon {
                    pair.push(';');
                }
                writer::push_key(&mut pair, key);
                pair.push('=');
                pair.push_str(&text);
                if semicolon {
                    pair.push(';');
                }
                source.push_str(&self.as_str()[..at]);
                source.push_str(&pair);
                source.push_str(&self.as_str()[at..]);
            }
        }
        self.replace_source(source)
    }

    /// Removes every occurrence of `key` (case-insensitive) and returns the value it had.
    ///
    /// The removed segments go with the separators before them; every other byte stays.
    ///
    /// ```
    /// let mut cs = zoomconn::ConnectionString::parse("a=1; b=2; c=3")?;
    /// assert_eq!(cs.remove("B").as_deref(), Some("2"));
    /// assert_eq!(cs.to_string(), "a=1; c=3");
    /// assert_eq!(cs.remove("b"), None);
    /// # Ok::<(), zoomconn::ParseError>(())
    /// ```
    pub fn remove(&mut self, key: &str) -> Option<String> {
        let old = self.get(key).map(str::to_owned);
        let segments: Vec<_> = self.segments().collect();
        let mut cuts = Vec::new();
        for (i, seg) in segments.iter().enumerate() {
            if eq_ignore_case(seg.key(), key) {
                let span = seg.full_span();
                // The first segment keeps the text before it and takes the separators after
                // it instead, so the next segment starts where this one did.
                let cut = match (span.start, segments.get(i + 1)) {
                    (0, Some(next)) => seg.key_span().start..next.key_span().start,
                    (0, None) => seg.key_span().start..span.end,
                    _ => span,
                };
                cuts.push(cut);
            }
        }
        if cuts.is_empty() {
            return old;
        }
        // Indexing below: the cuts are segment spans of `self.as_str()`, in order, on char boundaries.
        let mut source = String::with_capacity(self.as_str().len());
        let mut at = 0;
        for cut in cuts {
            let start = cut.start.max(at);
            source.push_str(&self.as_str()[at..start]);
            at = cut.end.max(at);
        }
        source.push_str(&self.as_str()[at..]);
        // Removing whole segments of a valid string leaves a valid string.
        let _ = self.replace_source(source);
        old
    }

    /// Removes every entry, keeping the syntax.
    ///
    /// ```
    /// let mut cs = zoomconn::ConnectionString::parse("a=1").unwrap();
    /// cs.clear();
    /// assert!(cs.is_empty() && cs.as_str().is_empty());
    /// ```
    pub fn clear(&mut self) {
        let empty = ConnectionString::with_syntax(self.syntax());
        std::mem::replace(self, empty).wipe();
    }

    /// Parses `source` and, when it parses, takes it as the new text; the old text and
    /// `source` are wiped.
    fn replace_source(&mut self, source: String) -> Result<(), WriteError> {
        let source = Zeroizing::new(source);
        match ConnectionString::parse_with(&source, self.syntax()) {
            Ok(cs) => {
                std::mem::replace(self, cs).wipe();
                Ok(())
            }
            Err(_) => Err(WriteError::Unrepresentable),
        }
    }
}

/// Editing a known property whatever spelling the string gives it: its name in any case, or a
/// spaced alias (`Auth Scheme`). The driver reads these as one property, so the edit changes
/// the occurrence that wins instead of adding another.
impl ConnectionString {
    /// The spellings of `id` in the string (the keys of its occurrences, in order).
    fn spellings(&self, id: PropertyId) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for seg in self.segments() {
            let key = seg.key();
            if registry::lookup(key).is_some_and(|m| m.property.id == id)
                && !out.iter().any(|k| eq_ignore_case(k, key))
            {
                out.push(key.to_owned());
            }
        }
        out
    }

    /// The value of a known property as the driver reads it: of its last occurrence under any
    /// spelling, unless that removed it.
    ///
    /// ```
    /// use zoomconn::{ConnectionString, registry::PropertyId};
    /// let cs = ConnectionString::parse("AuthScheme=None;Auth Scheme=OAuth")?;
    /// assert_eq!(cs.get_property(PropertyId::AuthScheme), Some("OAuth"));
    /// # Ok::<(), zoomconn::ParseError>(())
    /// ```
    pub fn get_property(&self, id: PropertyId) -> Option<&str> {
        let last = self
            .segments()
            .filter(|seg| registry::lookup(seg.key()).is_some_and(|m| m.property.id == id))
            .last()?;
        self.get(last.key())
    }

    /// Sets a known property under the spelling of its last occurrence (name in any case, or
    /// spaced alias), or appends it under its canonical name. Every other byte stays.
    ///
    /// # Errors
    ///
    /// As [`set`](Self::set), for a value that cannot be written.
    ///
    /// ```
    /// use zoomconn::{ConnectionString, registry::PropertyId};
    /// let mut cs = ConnectionString::parse("Profile=Zoom.apip;Auth Scheme=None")?;
    /// cs.set_property(PropertyId::AuthScheme, "OAuth")?;
    /// cs.set_property(PropertyId::OAuthAccessToken, "t")?;
    /// assert_eq!(cs.to_string(), "Profile=Zoom.apip;Auth Scheme=OAuth;OAuthAccessToken=t");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn set_property(&mut self, id: PropertyId, value: &str) -> Result<(), WriteError> {
        let last = self
            .segments()
            .filter(|seg| registry::lookup(seg.key()).is_some_and(|m| m.property.id == id))
            .last()
            .map(|seg| seg.key().to_owned());
        self.set(last.as_deref().unwrap_or(id.name()), value)
    }

    /// Removes a known property under every spelling; returns the value it had.
    ///
    /// ```
    /// use zoomconn::{ConnectionString, registry::PropertyId};
    /// let mut cs = ConnectionString::parse("OAuthExpiresIn=1;Profile=Zoom.apip;oauth expires in=2")?;
    /// assert_eq!(cs.remove_property(PropertyId::OAuthExpiresIn).as_deref(), Some("2"));
    /// assert_eq!(cs.to_string(), "Profile=Zoom.apip;");
    /// # Ok::<(), zoomconn::ParseError>(())
    /// ```
    pub fn remove_property(&mut self, id: PropertyId) -> Option<String> {
        let old = self.get_property(id).map(str::to_owned);
        for key in self.spellings(id) {
            self.remove(&key);
        }
        old
    }
}
