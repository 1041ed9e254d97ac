//! Where the secrets of a connection string are: the byte ranges every output masks.
//!
//! [`Tracker`] decides segment by segment, as the driver reads them (validation feeds it the
//! segments of its own pass; [`spans`](super::spans) runs it alone). It masks
//!
//! * the value of every key whose value is secret ([`classify_key`]);
//! * after an unquoted secret value, text the driver read as further segments but that is
//!   probably the rest of the secret (an unquoted `;` inside it): whole segments whose keys do
//!   not name a property (neither a known one nor a near miss of one), until one that does —
//!   of that one, only the text before its last `;`;
//! * in any other key or value, everything after a secret name followed by `=`, `:` or white
//!   space (a forgotten `;` or `=`: `AuthScheme=OAuth OAuthClientSecret=…`), a URL's user
//!   information (`ProxyServer=http://user:password@proxy`, `https://<token>@host`), the
//!   password of `user:password@host`, and PEM blocks (`-----BEGIN PRIVATE KEY-----…`);
//! * inside nested connection strings (`ProfileSettings`, `Other`), the same, level by level;
//!   past [`MAX_NESTING`] levels, or where a nested string does not parse and names a secret,
//!   the whole nested value;
//! * after a syntax error, when the text names a secret anywhere: everything from the segment
//!   that failed (after its key, when that key is a known property), since what follows cannot
//!   be read reliably; a text too long to be read at all (over 2 GiB), whole.

use std::ops::Range;

use crate::grammar::driver::{Segments, drive};
use crate::grammar::error::{ErrorKind, ParseError};
use crate::grammar::raw::{Raw, ValueForm};
use crate::grammar::syntax::Syntax;
use crate::registry::{self, Property, ValueType};
use crate::secrets::policy::{classify_key, embedded, first_mention, is_known, mentions_secret};

/// Nested connection strings deeper than this (`Other=Other=…`) are masked whole: following
/// each level would cost time quadratic in the input.
pub(crate) const MAX_NESTING: usize = 8;

/// What the tracker made of one segment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Verdict {
    /// The key holds secret text (the rest of a secret value, or text after a secret name).
    pub key_secret: bool,
    /// The value is secret.
    pub value_secret: bool,
}

/// The secret spans of one connection string, fed segment by segment.
pub(crate) struct Tracker {
    syntax: Syntax,
    depth: usize,
    spans: Vec<Range<usize>>,
    /// The previous segment ended an unquoted secret value (or continued one): what the driver
    /// reads next may be the rest of it.
    tail_open: bool,
    /// Where the last good segment ended.
    last_end: usize,
}

impl Tracker {
    pub(crate) fn new(syntax: Syntax) -> Self {
        Self::at_depth(syntax, 0)
    }

    fn at_depth(syntax: Syntax, depth: usize) -> Self {
        Tracker {
            syntax,
            depth,
            spans: Vec::new(),
            tail_open: false,
            last_end: 0,
        }
    }

    /// One segment of `src`; `property` is the registry's entry for its key (`None` for a key
    /// that is not a known property).
    #[inline]
    pub(crate) fn segment(
        &mut self,
        src: &str,
        raw: Raw,
        property: Option<&'static Property>,
    ) -> Verdict {
        self.last_end = raw.end;
        if self.is_quiet(src, &raw) {
            return Verdict::default();
        }
        self.decide(src, raw, property)
    }

    /// Takes a run of segments that [`is_quiet`](Self::is_quiet) said leave the tracker as it
    /// is, the last of which ended at `end`.
    #[inline]
    pub(crate) fn repeat(&mut self, end: usize) {
        self.last_end = end;
    }

    /// Does `raw` leave the tracker as it is (but for where the last segment ended)? A null
    /// value after a value that is not secret, of a key without a separator that could hide a
    /// secret: nothing to mask (hostile `a=;a=;…` costs no more).
    #[inline]
    pub(crate) fn is_quiet(&self, src: &str, raw: &Raw) -> bool {
        raw.is_null()
            && !self.tail_open
            && !raw
                .raw_key_bytes(src)
                .iter()
                .any(|&c| c == b'=' || c == b':' || c.is_ascii_whitespace())
    }

    /// [`segment`](Self::segment) beyond its quick exit.
    #[inline(never)]
    fn decide(&mut self, src: &str, raw: Raw, property: Option<&'static Property>) -> Verdict {
        let mut verdict = Verdict::default();
        let written = raw.raw_key(src);
        let decoded;
        let key = if raw.key_escaped {
            decoded = written.replace("==", "=");
            decoded.as_str()
        } else {
            written
        };
        let value_span = raw.v_start..raw.v_end;

        // The rest of a secret value read as further segments.
        if std::mem::take(&mut self.tail_open) && property.is_none() && !names_property(key) {
            match written.rfind(';') {
                // The part after the last `;` names a property: only the part before is the
                // secret's tail.
                Some(cut)
                    if names_property(written.get(cut + 1..).unwrap_or_default().trim_start()) =>
                {
                    self.spans.push(raw.key_start..raw.key_start + cut);
                    verdict.key_secret = true;
                }
                _ => {
                    self.spans.push(raw.key_start..raw.key_end);
                    verdict.key_secret = true;
                    if !raw.is_null() {
                        self.spans.push(value_span);
                        self.tail_open = raw.form == ValueForm::Plain;
                        verdict.value_secret = true;
                    }
                    return verdict;
                }
            }
        }

        // Everything after a secret name inside the key (a forgotten `=` or `;`). A known
        // property's name holds none.
        if property.is_none() {
            if let Some(m) = first_mention(key) {
                let from = raw.key_start + written_offset(written, m.secret_from, raw.key_escaped);
                if from < raw.key_end {
                    self.spans.push(from..raw.key_end);
                    verdict.key_secret = true;
                }
            }
            // Credentials in the key itself (`-----BEGIN PRIVATE KEY-----…`, `user:pw@host`);
            // `==` holds neither `@`, `:` nor `-`, so the written key is searched.
            for r in embedded(written) {
                self.spans
                    .push(raw.key_start + r.start..raw.key_start + r.end);
                verdict.key_secret = true;
            }
        }
        if raw.is_null() {
            return verdict;
        }
        let secret = match property {
            Some(p) => p.secret,
            None => classify_key(key).is_some(),
        };
        if secret {
            self.spans.push(value_span);
            self.tail_open = raw.form == ValueForm::Plain;
            verdict.value_secret = true;
            return verdict;
        }
        let nested = property.is_some_and(|p| p.value_type == ValueType::Nested);
        if nested {
            self.nested(src, raw);
        } else if let Some(value) = raw.raw_value(src) {
            // Everything after a secret name inside the value. Decoding doubled quotes never
            // adds a name char, so the mention is found in the written text as well.
            let inner = inner_start(raw);
            if let Some(m) = first_mention(value) {
                self.spans
                    .push(inner + m.secret_from.min(value.len())..inner + value.len());
                // The secret runs to the value's end, and an unquoted `;` may have cut it
                // there: what follows is its tail, as after a secret property's value.
                self.tail_open = raw.form == ValueForm::Plain;
            }
            // Credentials in any value: a URL's user information (`http://user:pw@proxy`),
            // `user:pw@host`, PEM blocks.
            for r in embedded(value) {
                self.spans.push(inner + r.start..inner + r.end);
            }
        }
        verdict
    }

    /// A nested connection string: its own secrets, level by level.
    fn nested(&mut self, src: &str, raw: Raw) {
        let whole = raw.v_start..raw.v_end;
        if self.depth >= MAX_NESTING {
            self.spans.push(whole);
            return;
        }
        let mut value = String::new();
        raw.decode_value_into(src, &mut value);
        let mut inner = Tracker::at_depth(self.syntax, self.depth + 1);
        inner.run(&value);
        for span in inner.finish() {
            let start = raw.value_offset(&value, span.start);
            let end = raw.value_offset(&value, span.end).max(start);
            self.spans.push(start..end);
        }
    }

    /// Feeds every segment of `text` and its syntax error, if any.
    pub(crate) fn run(&mut self, text: &str) {
        let mut sink = TrackerSegments(self);
        if let Err(e) = drive(text, sink.0.syntax, &mut sink) {
            self.error(text, &e);
        }
    }

    /// The syntax error that ended `src`.
    pub(crate) fn error(&mut self, src: &str, error: &ParseError) {
        let tail = std::mem::take(&mut self.tail_open);
        // Too long to be read at all: masked whole, unread.
        if error.kind() == ErrorKind::TooLong {
            self.spans.push(0..src.len());
            return;
        }
        if !tail && !mentions_secret(src) {
            // What was not read as segments may still hold a URL's user information.
            let rest = self.last_end.min(src.len());
            for r in embedded(src.get(rest..).unwrap_or_default()) {
                self.spans.push(rest + r.start..rest + r.end);
            }
            return;
        }
        let mut from = error.offset().max(self.last_end).min(src.len());
        // A known property's name at the error stays readable, with its `=`; its value does not.
        if let Some(key) = error.key().filter(|k| is_known(k)) {
            let rest = src.get(from..).unwrap_or_default();
            if rest.starts_with(key) && !tail {
                let after = &rest[key.len()..];
                let trimmed = after.trim_start();
                let eq = usize::from(trimmed.starts_with('='));
                from += key.len() + (after.len() - trimmed.len()) + eq;
            }
        }
        if from < src.len() {
            self.spans.push(from..src.len());
        }
    }

    /// The spans, sorted, overlapping ones merged.
    pub(crate) fn finish(mut self) -> Vec<Range<usize>> {
        merge(&mut self.spans);
        self.spans
    }
}

/// Does `key` name a property: a known one, or a near miss of one (a typo is meant as a name,
/// not as the rest of a secret)?
fn names_property(key: &str) -> bool {
    is_known(key) || registry::suggest(key).is_some()
}

/// Feeds the driver's segments to a [`Tracker`].
struct TrackerSegments<'t>(&'t mut Tracker);

impl Segments for TrackerSegments<'_> {
    fn segment(&mut self, src: &str, raw: Raw) {
        let key = raw.raw_key(src);
        let property = if raw.key_escaped {
            registry::lookup(&key.replace("==", "="))
        } else {
            registry::lookup(key)
        };
        let _ = self.0.segment(src, raw, property.map(|m| m.property));
    }
}

/// Sorts `spans` and merges those that overlap or touch; drops empty ones.
pub(crate) fn merge(spans: &mut Vec<Range<usize>>) {
    spans.retain(|s| s.start < s.end);
    spans.sort_by_key(|s| (s.start, s.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for s in spans.drain(..) {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    *spans = out;
}

/// Where the value's text starts (inside its quote).
fn inner_start(raw: Raw) -> usize {
    match raw.form {
        ValueForm::Quoted(_) => raw.v_start + 1,
        _ => raw.v_start,
    }
}

/// Offset in the key as written of byte `offset` of the decoded key (each `==` is one `=`).
fn written_offset(written: &str, offset: usize, escaped: bool) -> usize {
    if !escaped {
        return offset;
    }
    let b = written.as_bytes();
    let (mut r, mut d) = (0, 0);
    while d < offset && r < b.len() {
        r += if b.get(r) == Some(&b'=') { 2 } else { 1 };
        d += 1;
    }
    r
}
