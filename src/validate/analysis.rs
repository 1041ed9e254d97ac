//! The analysis behind [`validate`](crate::validate()) and [`Config::parse`](crate::Config::parse):
//! one pass of the grammar's driver, whose segments go to the per-occurrence rules, to the
//! secret tracker and into the one [`Fold`] keyed by property; then the per-property rules on
//! the effective entries.
//!
//! A [`Follower`] sees every segment too: [`Config::parse`](crate::Config::parse) builds its
//! [`ConnectionString`](crate::ConnectionString) in the same pass ([`Builder`]), and each item
//! records where its key and value are in that map's text.

use std::borrow::Cow;
use std::ops::Range;

use zeroize::Zeroizing;

use crate::grammar::casefold::{Hashed, KeyBytes};
use crate::grammar::chars;
use crate::grammar::driver::{self, Segments};
use crate::grammar::error::ParseError;
use crate::grammar::raw::{Raw, ValueForm};
use crate::grammar::syntax::Syntax;
use crate::map::connection_string::{Builder, TextAt};
use crate::map::fold::Fold;
use crate::registry::{self, AuthScheme, InitiateOAuth, Property, ValueType};
use crate::secrets::{Tracker, Verdict, classify_key, shown_text};
use crate::validate::RuleSet;
use crate::validate::callback::CheckedUrl;
use crate::validate::finding::{Report, Rule};
use crate::validate::glue;
use crate::validate::item::{Item, PropertyIndex, TextRef, Texts};
use crate::validate::messages::{self, Named};
use crate::validate::rules;
use crate::validate::sink::{Collect, Sink as Findings};

/// How to analyse a connection string.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Options {
    pub syntax: Syntax,
    pub rules: RuleSet,
    pub collect: Collect,
    /// Compute the spans of secrets (reports need them to mask snippets; a config does not).
    pub secret_spans: bool,
}

/// Prefixes of CData's JDBC URL form, skipped before parsing.
const JDBC_PREFIXES: [&str; 2] = ["jdbc:cdata:api:", "jdbc:api:"];

/// Length of a JDBC prefix at the start of `s`.
fn prefix_len(s: &str) -> usize {
    JDBC_PREFIXES
        .iter()
        .find(|p| {
            s.get(..p.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(p))
        })
        .map_or(0, |p| p.len())
}

/// The result of analysing a connection string.
#[derive(Debug)]
pub(crate) struct Analysis<'s> {
    pub report: Report,
    /// Effective entries in order; empty after a syntax error.
    pub items: Vec<Item>,
    /// Where the item of each known property is in [`items`](Self::items).
    pub index: PropertyIndex,
    /// The text of the items.
    #[cfg_attr(
        not(test),
        expect(
            dead_code,
            reason = "read by the tests: a config reads its items' text from its map"
        )
    )]
    pub texts: Texts<'s>,
    pub syntax_ok: bool,
    /// The parsed CallbackURL, when valid.
    pub callback_url: Option<CheckedUrl>,
    /// AuthScheme, when valid.
    pub auth_scheme: Option<AuthScheme>,
    /// InitiateOAuth (OFF when absent or invalid).
    pub initiate_oauth: InitiateOAuth,
}

/// What sees every segment beside the analysis, and where it keeps the text of the last one.
pub(crate) trait Follower: Segments {
    /// Where the key and value of the segment just handed in are kept.
    fn last(&self) -> TextAt;
}

/// No follower.
impl Segments for () {
    #[inline(always)]
    fn segment(&mut self, _: &str, _: Raw) {}
}

impl Follower for () {
    #[inline(always)]
    fn last(&self) -> TextAt {
        TextAt::default()
    }
}

/// The map built in the same pass.
impl Follower for Builder {
    #[inline(always)]
    fn last(&self) -> TextAt {
        Builder::last(self)
    }
}

/// Analyses `s` (after any JDBC prefix) and returns every finding `options` asks for.
pub(crate) fn analyze<'s>(s: &'s str, options: &Options) -> Analysis<'s> {
    analyze_replaying(s, options, true, &mut ())
}

/// [`analyze`], handing every segment of [`body`] to `follower` too.
pub(crate) fn analyze_following<'s, F: Follower>(
    s: &'s str,
    options: &Options,
    follower: &mut F,
) -> Analysis<'s> {
    analyze_replaying(s, options, true, follower)
}

/// The text that is analysed: `s` after any JDBC prefix.
pub(crate) fn body(s: &str) -> &str {
    s.get(prefix_len(s)..).unwrap_or_default()
}

/// [`analyze`], with repeated null segments replayed or not ([`Repeat`]).
fn analyze_replaying<'s, F: Follower>(
    s: &'s str,
    options: &Options,
    replay: bool,
    follower: &mut F,
) -> Analysis<'s> {
    let base = prefix_len(s);
    let body = s.get(base..).unwrap_or_default();
    let mut pass = Pass {
        follower,
        body,
        base,
        zoom: options.rules != RuleSet::AnyCData,
        findings: Findings::new(options.collect),
        tracker: options.secret_spans.then(|| Tracker::new(options.syntax)),
        items: Fold::with_capacity(8),
        texts: Texts::new(body),
        prev_secret: None,
        repeat: None,
        replay,
    };
    let driven = driver::drive(body, options.syntax, &mut pass);
    pass.end_repeat();
    let syntax_ok = match driven {
        Ok(()) => true,
        Err(e) => {
            pass.syntax_error(&e);
            false
        }
    };
    let mut values = rules::Values::default();
    pass.items.finish(&pass.texts);
    let items = pass.items.into_entries();
    let mut index = PropertyIndex::EMPTY;
    if syntax_ok {
        index = PropertyIndex::of(&items);
        values = rules::entries(
            &items,
            &index,
            &pass.texts,
            &mut pass.findings,
            options.syntax,
            rules::Scope {
                zoom: pass.zoom,
                whole: options.rules == RuleSet::ZoomProfile,
            },
            base..base,
        );
    }
    let secret_spans = match pass.tracker {
        Some(t) => t
            .finish()
            .into_iter()
            .map(|r| r.start + base..r.end + base)
            .collect(),
        None => Vec::new(),
    };
    Analysis {
        report: Report {
            findings: pass.findings.finish(),
            secret_spans,
        },
        items: if syntax_ok { items } else { Vec::new() },
        index,
        texts: pass.texts,
        syntax_ok,
        callback_url: values.callback_url,
        auth_scheme: values.auth_scheme,
        initiate_oauth: values.initiate_oauth,
    }
}

/// How messages name an occurrence: its property, its key, or neither when the key holds
/// secret text.
fn named<'k>(property: Option<&'static Property>, key: &'k str, verdict: Verdict) -> Named<'k> {
    match property {
        Some(p) => Named::Property(p.name),
        None if verdict.key_secret => Named::Withheld,
        None => Named::Key(key),
    }
}

/// The per-occurrence pass: the driver's sink.
struct Pass<'s, 'f, F> {
    /// Sees every segment first.
    follower: &'f mut F,
    /// The connection string after any prefix.
    body: &'s str,
    /// Length of the prefix: offsets of `body` plus `base` are offsets of the input.
    base: usize,
    /// The Zoom profile's own rules apply.
    zoom: bool,
    findings: Findings,
    tracker: Option<Tracker>,
    /// The effective entries so far, folded by property.
    items: Fold<Item>,
    /// Their text.
    texts: Texts<'s>,
    /// The key of the previous segment, when its value was secret.
    prev_secret: Option<Cow<'s, str>>,
    /// The previous segment, when the same text again would only count capped findings.
    repeat: Option<Repeat>,
    /// Replay [`repeat`](Self::repeat) (off only in the test that checks it).
    replay: bool,
}

/// A null value of a plain key whose only effect was to count findings past their cap: with
/// nothing to remove, nothing secret before it and nothing for the secret tracker, the same
/// text again has the same effect, and only the count is kept (hostile `a=;a=;…`). The
/// repeats are counted here and handed to the findings and the tracker in one step when the
/// run ends ([`Pass::end_repeat`]), before anything else reads them.
#[derive(Debug, Clone, Copy)]
struct Repeat {
    /// The segment's key.
    key: (usize, usize),
    /// The rule it counted for its name, if any (empty-value is always counted).
    rules: [Option<Rule>; 1],
    /// Repeats since the segment.
    times: usize,
    /// The last repeat's key (start, end) and end of segment.
    last: (usize, usize, usize),
}

/// Are the bytes of `b` at `x` and at `y` the same? Keys are short: a byte loop beats a
/// `memcmp` call.
#[inline]
fn same_bytes(b: &[u8], x: (usize, usize), y: (usize, usize)) -> bool {
    match (b.get(x.0..x.1), b.get(y.0..y.1)) {
        (Some(x), Some(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| a == b),
        _ => false,
    }
}

impl<'s, F: Follower> Pass<'s, '_, F> {
    fn at(&self, r: Range<usize>) -> Range<usize> {
        self.base + r.start..self.base + r.end
    }

    /// `r` in the input, as stored in an item (inputs are under 2 GiB).
    fn at32(&self, r: Range<usize>) -> (u32, u32) {
        ((self.base + r.start) as u32, (self.base + r.end) as u32)
    }

    fn syntax_error(&mut self, e: &ParseError) {
        let span = self.at(e.span());
        self.findings.push(messages::syntax(Rule::Syntax, span, e));
        if let Some(t) = &mut self.tracker {
            t.error(self.body, e);
        }
    }

    /// One occurrence: its own rules, then the fold. `may_glue` is false for a segment of the
    /// fast path whose value is quoted or holds no white space, so that no property can be
    /// glued into it ([`glue::find`] is not asked).
    ///
    /// The common occurrence — a property by its name, with a value, no secret before it and
    /// no secret tracker — runs only the lookup, the item and the fold; the rest is out of
    /// line.
    fn occurrence(&mut self, raw: Raw, may_glue: bool) {
        let body = self.body;
        // The decoded key of a key with escapes; any other key is its text in `body`, which
        // the common occurrence looks up as bytes and never needs as text.
        let decoded = raw.key_escaped.then(|| {
            // Wiped on drop, as the decoded text the analysis keeps is.
            let mut k = Zeroizing::new(String::new());
            raw.decode_key_into(body, &mut k);
            k
        });
        let key = || {
            decoded
                .as_deref()
                .map_or_else(|| raw.raw_key(body), String::as_str)
        };
        let found = match &decoded {
            None if raw.key_ascii => registry::lookup_ascii(raw.raw_key_bytes(body)),
            _ => registry::lookup(key()),
        };
        let property = found.map(|m| m.property);
        let null = raw.form == ValueForm::Null;
        let (verdict, prev_secret) = if self.tracker.is_some() || self.prev_secret.is_some() {
            self.secret_context(raw, property, key())
        } else {
            (Verdict::default(), None)
        };
        if null || found.is_none_or(|m| m.via_alias) {
            self.key_findings(raw, found, key(), verdict, prev_secret.as_deref());
        }

        // The fold, keyed by property. A null value with nothing to remove does nothing.
        if null && self.items.entries().is_empty() {
            return;
        }
        let fold_key = match property {
            Some(p) => p.hashed_name(),
            None => Hashed::of(KeyBytes::of(key())),
        };
        let value = if raw.value_escaped {
            self.texts.decode(|out| raw.decode_value_into(body, out))
        } else {
            let (start, end) = (raw.v_start, raw.v_end);
            match raw.form {
                ValueForm::Null => TextRef::body(start, start),
                ValueForm::Plain | ValueForm::Braced => TextRef::body(start, end),
                ValueForm::Quoted(_) => TextRef::body(start + 1, end - 1),
            }
        };
        let mut item = Item {
            property,
            // Known properties are named by the registry.
            key: match (property, &decoded) {
                (Some(_), _) => TextRef::default(),
                (None, None) => TextRef::body(raw.key_start, raw.key_end),
                (None, Some(k)) => self.texts.keep(k),
            },
            value,
            key_at: self.at32(raw.key_start..raw.key_end),
            value_at: self.at32(raw.v_start..raw.v_end),
            form: raw.form,
            escaped: raw.value_escaped,
            removed: false,
            at: self.follower.last(),
            key_withheld: verdict.key_secret,
            value_secret: verdict.value_secret,
        };
        // Known properties glued into an unquoted value by a forgotten `;`: the value ends
        // before the first, and each is an occurrence of its own.
        let glued = if self.zoom
            && may_glue
            && raw.form == ValueForm::Plain
            && property.is_none_or(|p| p.value_type != ValueType::Nested)
        {
            glue::find(self.texts.get(item.value))
        } else {
            Vec::new()
        };
        if let Some(first) = glued.first() {
            item.value = item.value.prefix(first.before);
            item.value_at.1 = self.at32(raw.v_start..raw.v_start + first.before).1;
        }
        let at = item.at;
        let applied = self.items.apply(&self.texts, fold_key, null, item);
        if let Some(i) = applied.earlier() {
            self.duplicate(raw, property, verdict, i);
        }
        if !glued.is_empty() {
            let name = named(property, key(), verdict);
            for g in glued {
                self.glued(&raw, &g, name, at, verdict.value_secret);
            }
        }
    }

    /// What the secret tracker makes of an occurrence (only reports ask), and the secret
    /// before it: the name of the secret property whose value came before, if any. Keeps the
    /// secret this occurrence continues or starts for the next one.
    #[inline(never)]
    fn secret_context(
        &mut self,
        raw: Raw,
        property: Option<&'static Property>,
        key: &str,
    ) -> (Verdict, Option<Cow<'s, str>>) {
        let verdict = match &mut self.tracker {
            Some(t) => t.segment(self.body, raw, property),
            None => Verdict::default(),
        };
        let prev_secret = self.prev_secret.take();
        if verdict.value_secret {
            // Through the rest of a secret, the secret it continues is still the one named.
            self.prev_secret = match (verdict.key_secret, &prev_secret) {
                (true, Some(origin)) => Some(origin.clone()),
                _ => Some(match property {
                    Some(p) => Cow::Borrowed(p.name),
                    // Shown only up to where a secret could start.
                    None => Cow::Owned(shown_text(key).0.into_owned()),
                }),
            };
        }
        (verdict, prev_secret)
    }

    /// The findings on an occurrence's key and on an empty value: `key-contains-semicolon`,
    /// `spaced-property-name`, `unknown-property`, `empty-value`. None of them concerns a
    /// property written by its name with a value, which [`occurrence`](Self::occurrence)
    /// does not send here.
    #[inline(never)]
    fn key_findings(
        &mut self,
        raw: Raw,
        found: Option<registry::Match>,
        key: &str,
        verdict: Verdict,
        prev_secret: Option<&str>,
    ) {
        let key_span = self.at(raw.key_start..raw.key_end);
        // A key that holds secret text is not quoted in messages.
        let shown_key = (!verdict.key_secret).then_some(key);
        // A property's spellings hold no `;`. Other keys are short: a byte loop beats a
        // `memchr` call.
        let has_semicolon = found.is_none() && key.bytes().any(|b| b == b';');
        if has_semicolon && self.findings.wants(Rule::KeyContainsSemicolon, &key_span) {
            let after = prev_secret.filter(|_| verdict.key_secret);
            let f = messages::key_contains_semicolon(key_span.clone(), shown_key, after);
            self.findings.push(f);
        }
        match found {
            Some(m) if m.via_alias => {
                if self.findings.wants(Rule::SpacedPropertyName, &key_span) {
                    let f = messages::spaced_property_name(key_span.clone(), key, m.property.name);
                    self.findings.push(f);
                }
            }
            Some(_) => {}
            None => {
                if self.zoom && self.findings.wants(Rule::UnknownProperty, &key_span) {
                    let f = match (shown_key, prev_secret) {
                        (Some(k), _) => messages::unknown_property(
                            key_span.clone(),
                            k,
                            registry::suggest(k),
                            classify_key(k),
                        ),
                        (None, after) => messages::unknown_withheld(key_span.clone(), after),
                    };
                    self.findings.push(f);
                }
            }
        }
        if raw.form == ValueForm::Null && self.findings.wants(Rule::EmptyValue, &key_span) {
            let value_span = self.at(raw.v_start..raw.v_end);
            let span = empty_span(&key_span, &value_span);
            let name = named(found.map(|m| m.property), key, verdict);
            self.findings.push(messages::empty_value(span, name));
        }
    }

    /// `duplicate-property` for an occurrence whose key (or property) came before, as the
    /// `i`-th item.
    #[inline(never)]
    fn duplicate(
        &mut self,
        raw: Raw,
        property: Option<&'static Property>,
        verdict: Verdict,
        i: usize,
    ) {
        let key_span = self.at(raw.key_start..raw.key_end);
        if !self.findings.wants(Rule::DuplicateProperty, &key_span) {
            return;
        }
        let earlier = self.items.entries().get(i).map_or(0..0, Item::key_span);
        // Wiped on drop, as the occurrence's decoded key is: it may be the rest of a secret.
        let mut written = Zeroizing::new(String::new());
        raw.decode_key_into(self.body, &mut written);
        let f = messages::duplicate(key_span, earlier, named(property, &written, verdict));
        self.findings.push(f);
    }

    /// A known property glued into the value of `container` (the segment `raw`): its
    /// `missing-semicolon` finding, then its own occurrence, as if the `;` were there. Its value
    /// is secret when it is a secret property or the value it is glued into is secret.
    fn glued(
        &mut self,
        raw: &Raw,
        g: &glue::Glue,
        container: Named<'_>,
        at: TextAt,
        in_secret: bool,
    ) {
        let p = g.property;
        let name = raw.v_start + g.name.start..raw.v_start + g.name.end;
        let value = raw.v_start + g.value.start..raw.v_start + g.value.end;
        let name_span = self.at(name.clone());
        if self.findings.wants(Rule::MissingSemicolon, &name_span) {
            let f = messages::glued_property(name_span.clone(), p.name, container);
            self.findings.push(f);
        }
        let null = value.is_empty();
        let item = Item {
            property: Some(p),
            key: TextRef::default(),
            value: TextRef::body(value.start, value.end),
            key_at: self.at32(name),
            value_at: self.at32(value),
            form: if null {
                ValueForm::Null
            } else {
                ValueForm::Plain
            },
            escaped: false,
            removed: false,
            at,
            key_withheld: false,
            value_secret: in_secret || p.secret,
        };
        let fold_key = p.hashed_name();
        let applied = self.items.apply(&self.texts, fold_key, null, item);
        if let Some(i) = applied.earlier()
            && self.findings.wants(Rule::DuplicateProperty, &name_span)
        {
            let earlier = self.items.entries().get(i).map_or(0..0, Item::key_span);
            let f = messages::duplicate(name_span, earlier, Named::Property(p.name));
            self.findings.push(f);
        }
    }
}

impl<F: Follower> Pass<'_, '_, F> {
    /// A null value of a key of the fast path (no escapes): replayed when it repeats the
    /// previous segment ([`Repeat`]), else analysed ([`null_analysed`](Self::null_analysed)).
    #[inline(always)]
    fn null_occurrence(&mut self, raw: Raw) {
        let body = self.body.as_bytes();
        if let Some(r) = &mut self.repeat
            && same_bytes(body, r.key, (raw.key_start, raw.key_end))
        {
            r.times += 1;
            r.last = (raw.key_start, raw.key_end, raw.end);
            return;
        }
        self.null_analysed(raw);
    }

    /// Ends a run of repeats: each counts the findings `occurrence` would have asked for at
    /// its key, and the tracker takes the last one.
    #[inline]
    fn end_repeat(&mut self) {
        if self.repeat.is_some() {
            self.flush_repeat();
        }
    }

    #[inline(never)]
    fn flush_repeat(&mut self) {
        let Some(r) = self.repeat.take() else { return };
        if r.times == 0 {
            return;
        }
        let (key_start, key_end, end) = r.last;
        if let Some(t) = &mut self.tracker {
            t.repeat(end);
        }
        let key_span = self.at(key_start..key_end);
        if let Some(rule) = r.rules[0] {
            self.findings.count_dropped(rule, r.times, &key_span);
        }
        self.findings
            .count_dropped(Rule::EmptyValue, r.times, &key_span);
    }

    /// [`null_occurrence`](Self::null_occurrence) of a segment that is not replayed, out of
    /// line.
    #[inline(never)]
    fn null_analysed(&mut self, raw: Raw) {
        self.end_repeat();
        let quiet = self.replay
            && self.items.entries().is_empty()
            && self.prev_secret.is_none()
            && self
                .tracker
                .as_ref()
                .is_none_or(|t| t.is_quiet(self.body, &raw));
        self.occurrence(raw, false);
        if !quiet {
            return;
        }
        // The rules `occurrence` asks of a null value of a plain key.
        let found = registry::lookup(raw.raw_key(self.body));
        let name_rule = match found {
            Some(m) if m.via_alias => Some(Rule::SpacedPropertyName),
            Some(_) => None,
            None => self.zoom.then_some(Rule::UnknownProperty),
        };
        if name_rule.is_none_or(|rule| !self.findings.keeps(rule))
            && !self.findings.keeps(Rule::EmptyValue)
        {
            self.repeat = Some(Repeat {
                key: (raw.key_start, raw.key_end),
                rules: [name_rule],
                times: 0,
                last: (0, 0, 0),
            });
        }
    }
}

/// Where an empty-value finding points: the key through the value (or the key alone).
fn empty_span(key: &Range<usize>, value: &Range<usize>) -> Range<usize> {
    key.start..value.end.max(key.end)
}

impl<F: Follower> Segments for Pass<'_, '_, F> {
    #[inline(always)]
    fn fast(&mut self, src: &str, raw: Raw) {
        self.follower.fast(src, raw);
        if raw.is_null() {
            self.null_occurrence(raw);
        } else {
            self.end_repeat();
            // A plain value without white space has nothing glued into it. (The fast path's
            // plain values hold no control character: the scan stops at a space or the end.)
            let value = src
                .as_bytes()
                .get(raw.v_start..raw.v_end)
                .unwrap_or_default();
            let may_glue =
                raw.form == ValueForm::Plain && chars::scan_special(value, 0, b' ') < value.len();
            self.occurrence(raw, may_glue);
        }
    }

    #[inline(always)]
    fn segment(&mut self, src: &str, raw: Raw) {
        self.follower.segment(src, raw);
        self.end_repeat();
        self.occurrence(raw, true);
    }
}

#[cfg(test)]
mod tests {
    use super::{Options, analyze_replaying};
    use crate::grammar::syntax::Syntax;
    use crate::validate::RuleSet;
    use crate::validate::sink::Collect;

    proptest::proptest! {
        /// Replaying a repeated null segment gives the report, entries and values that
        /// analysing it again gives: runs of segments long enough to pass the cap, mixed with
        /// secrets, removals of kept entries, spaced names and tails.
        #[test]
        fn replayed_segments_are_analysed_the_same(
            runs in proptest::collection::vec((proptest::sample::select(vec![
                "a=;", "A=;", "a=", "Password=;", "OAuthClientId=;", "OAuthClientSecret=;",
                "x=1;", "Pwd=s3;x=;", "a= ;", "b=;", "Other=;", "verifier=;", "k:v=;",
                "OAuthClientSecret=p;q=;", "Initiate OAuth=;", ";;", "a=\"\";",
                "Auth Scheme = ;", "Pass word =;", " x y=;",
            ]), 1..130usize), 0..6),
            collect in proptest::sample::select(vec![Collect::All, Collect::Errors]),
            rules in proptest::sample::select(vec![RuleSet::ZoomProfile, RuleSet::ZoomFragment, RuleSet::AnyCData]),
            secret_spans: bool,
        ) {
            let s: String = runs.iter().map(|(unit, n)| unit.repeat(*n)).collect();
            let options = Options { syntax: Syntax::Ado, rules, collect, secret_spans };
            let fast = analyze_replaying(&s, &options, true, &mut ());
            let plain = analyze_replaying(&s, &options, false, &mut ());
            proptest::prop_assert_eq!(&fast.report, &plain.report);
            let shown = |a: &super::Analysis<'_>| -> Vec<String> {
                a.items
                    .iter()
                    .map(|i| format!("{:?}={:?} {i:?}", i.name(&a.texts), i.value(&a.texts)))
                    .collect()
            };
            proptest::prop_assert_eq!(shown(&fast), shown(&plain));
            proptest::prop_assert_eq!(fast.syntax_ok, plain.syntax_ok);
        }
    }
}
