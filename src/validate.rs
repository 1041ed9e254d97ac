//! The analysis behind [`validate`] and [`crate::Config::parse`]: one pass over the segments
//! for the per-occurrence rules, then the per-property rules on the effective entries.
//! Every rule of SPEC §5 is decided here, from the data in [`crate::registry`].

use std::borrow::Cow;
use std::ops::Range;

use crate::auth::{AuthScheme, InitiateOAuth, or_list};
use crate::casefold::eq_ignore_case;
use crate::finding::{Finding, Report, Rule};
use crate::map::ConnectionString;
use crate::registry::{self, Property, ValueType};
use crate::syntax::Syntax;
use crate::tokenizer::{Raw, RawTokenizer, ValueForm};

/// White-space trimming with a fast path for the common case of nothing to trim.
trait TrimWs {
    fn trim_ws(&self) -> &str;
}

impl TrimWs for str {
    #[inline]
    fn trim_ws(&self) -> &str {
        let b = self.as_bytes();
        let plain = |c: u8| c > b' ' && c < 0x80;
        match (b.first(), b.last()) {
            (Some(&f), Some(&l)) if plain(f) && plain(l) => self,
            _ => self.trim(),
        }
    }
}

/// Text quoted in a message, shortened so that a message stays one readable line.
fn shorten(text: &str) -> Cow<'_, str> {
    const MAX: usize = 60;
    match text.char_indices().nth(MAX) {
        // `at` is a char index from `char_indices`: a boundary in bounds.
        Some((at, _)) => Cow::Owned(format!("{}…", &text[..at])),
        None => Cow::Borrowed(text),
    }
}

// Registry positions of the properties the flow rules name (checked at compile time).
const PROFILE: usize = registry::index_of("Profile");
const AUTH_SCHEME: usize = registry::index_of("AuthScheme");
const INITIATE_OAUTH: usize = registry::index_of("InitiateOAuth");
const OAUTH_CLIENT_ID: usize = registry::index_of("OAuthClientId");
const OAUTH_CLIENT_SECRET: usize = registry::index_of("OAuthClientSecret");
const CALLBACK_URL: usize = registry::index_of("CallbackURL");
const OAUTH_ACCESS_TOKEN: usize = registry::index_of("OAuthAccessToken");
const OAUTH_REFRESH_TOKEN: usize = registry::index_of("OAuthRefreshToken");
const OAUTH_SETTINGS_LOCATION: usize = registry::index_of("OAuthSettingsLocation");
const OAUTH_VERIFIER: usize = registry::index_of("OAuthVerifier");

/// Prefixes of CData's JDBC URL form, stripped before parsing.
const JDBC_PREFIXES: [&str; 2] = ["jdbc:cdata:api:", "jdbc:api:"];

/// One effective entry, with where it came from.
#[derive(Debug)]
pub(crate) struct Item<'s> {
    pub property: Option<&'static Property>,
    /// The key as first spelled (decoded); empty for known properties, which the registry
    /// names.
    pub key: Cow<'s, str>,
    /// Raw span of the key's first occurrence.
    pub key_span: Range<usize>,
    /// The decoded value of the winning occurrence, borrowing the input unless unescaped.
    pub value: Cow<'s, str>,
    /// Raw span of the winning value, quotes included.
    pub value_span: Range<usize>,
    /// How the winning value was written, to map offsets inside it.
    pub form: ValueForm,
    pub escaped: bool,
    /// The key follows a secret value and contains `;`: part of it may be that secret.
    pub key_withheld: bool,
    alive: bool,
}

impl Item<'_> {
    fn name(&self) -> &str {
        self.property.map_or(&self.key, |p| p.name)
    }

    /// Byte offset in the input of byte `offset` of the decoded value.
    pub fn source_offset(&self, src: &str, offset: usize) -> usize {
        let inner_start = match self.form {
            ValueForm::Quoted(_) => self.value_span.start + 1,
            _ => self.value_span.start,
        };
        match self.form {
            ValueForm::Quoted(q) if self.escaped => {
                // Each doubled quote in the source is one byte of the decoded value.
                let raw = src.as_bytes().get(inner_start..).unwrap_or_default();
                let (mut r, mut d) = (0, 0);
                // `raw[r]` is guarded by `r < raw.len()`.
                while d < offset && r < raw.len() {
                    r += if raw[r] == q { 2 } else { 1 };
                    d += 1;
                }
                inner_start + r
            }
            _ => inner_start + offset,
        }
    }
}

/// The result of analysing a connection string.
#[derive(Debug, Default)]
pub(crate) struct Analysis<'s> {
    pub report: Report,
    /// Effective entries in order; empty after a syntax error.
    pub items: Vec<Item<'s>>,
    pub syntax_ok: bool,
    /// The parsed CallbackURL, when valid.
    pub callback_url: Option<crate::callback::CheckedUrl>,
    /// AuthScheme, when valid.
    pub auth_scheme: Option<AuthScheme>,
    /// InitiateOAuth (OFF when absent or invalid).
    pub initiate_oauth: InitiateOAuth,
}

/// Validates a connection string (ADO syntax; a `jdbc:api:` or `jdbc:cdata:api:` prefix is
/// accepted) and returns every finding of SPEC §5, in order of position.
///
/// Never panics; a syntax error gives one `syntax` finding and stops the analysis.
///
/// ```
/// let report = zoomconn::validate("Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=abc");
/// let found: Vec<_> = report.iter().map(|f| (f.rule(), f.message())).collect();
/// assert_eq!(found, [
///     ("missing-required", "missing OAuthClientSecret, required when AuthScheme=OAuth and InitiateOAuth=GETANDREFRESH"),
///     ("missing-required", "missing CallbackURL, required when AuthScheme=OAuth and InitiateOAuth=GETANDREFRESH"),
/// ]);
/// ```
pub fn validate(s: &str) -> Report {
    analyze(s, Syntax::Ado).report
}

/// Which rules [`validate_with`] applies.
///
/// ```
/// assert_eq!(zoomconn::RuleSet::default(), zoomconn::RuleSet::ZoomProfile);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RuleSet {
    /// Every rule: the string is for the API driver's Zoom profile.
    #[default]
    ZoomProfile,
    /// The rules that hold for every CData connection string (syntax, duplicates, empty
    /// values, placeholders, value types, callback URL, spaced names, nested strings): for
    /// strings of other CData drivers and profiles. The Zoom profile's own rules
    /// (`missing-profile`, `not-zoom-profile`, `missing-auth-scheme`, the OAuth flow rules and
    /// `unknown-property`) do not apply.
    AnyCData,
}

/// How [`validate_with`] reads and judges a connection string.
///
/// ```
/// use zoomconn::{RuleSet, Syntax, ValidateOptions};
/// let opts = ValidateOptions::new().syntax(Syntax::Odbc).rules(RuleSet::AnyCData);
/// assert_eq!(opts.syntax, Syntax::Odbc);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ValidateOptions {
    /// The grammar to read the string with.
    pub syntax: Syntax,
    /// The rules to apply.
    pub rules: RuleSet,
}

impl ValidateOptions {
    /// ADO syntax, every rule of the Zoom profile.
    ///
    /// ```
    /// assert_eq!(zoomconn::ValidateOptions::new(), Default::default());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the syntax.
    ///
    /// ```
    /// let o = zoomconn::ValidateOptions::new().syntax(zoomconn::Syntax::Odbc);
    /// assert_eq!(o.syntax, zoomconn::Syntax::Odbc);
    /// ```
    pub fn syntax(mut self, syntax: Syntax) -> Self {
        self.syntax = syntax;
        self
    }

    /// Sets the rule set.
    ///
    /// ```
    /// let o = zoomconn::ValidateOptions::new().rules(zoomconn::RuleSet::AnyCData);
    /// assert_eq!(o.rules, zoomconn::RuleSet::AnyCData);
    /// ```
    pub fn rules(mut self, rules: RuleSet) -> Self {
        self.rules = rules;
        self
    }
}

/// [`validate`] with a syntax and a rule set: ODBC strings, and strings of other CData drivers
/// or profiles, which get only the rules that hold for every CData string.
///
/// ```
/// use zoomconn::{RuleSet, Syntax, ValidateOptions, validate_with};
/// let opts = ValidateOptions::new().syntax(Syntax::Odbc).rules(RuleSet::AnyCData);
/// let report = validate_with("Driver={CData ODBC Driver for Salesforce};User=u;Timeout=x", &opts);
/// let rules: Vec<_> = report.iter().map(|f| f.rule()).collect();
/// assert_eq!(rules, ["invalid-value"]);
/// ```
pub fn validate_with(s: &str, options: &ValidateOptions) -> Report {
    analyze_rules(s, options.syntax, true, options.rules).report
}

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

/// Is `value` a documentation placeholder?
#[inline]
fn is_placeholder(value: &str) -> bool {
    let v = value.trim_ws();
    // Every placeholder starts with one of these.
    if !matches!(
        v.as_bytes().first(),
        Some(b'y' | b'Y' | b'<' | b'x' | b'X' | b'c' | b'C' | b't' | b'T')
    ) {
        return false;
    }
    let lower_starts = |p: &str| v.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    lower_starts("your_")
        || (v.len() >= 2 && v.starts_with('<') && v.ends_with('>'))
        || lower_starts("xxx")
        || v.eq_ignore_ascii_case("changeme")
        || v.eq_ignore_ascii_case("todo")
}

fn invalid_value(
    findings: &mut Sink,
    p: &Property,
    value: &str,
    span: Range<usize>,
    expected: &str,
) {
    let message = if p.secret {
        format!("invalid value for {}: expected {expected}", p.name)
    } else {
        format!(
            "invalid value `{}` for {}: expected {expected}",
            shorten(value),
            p.name
        )
    };
    findings.push(Finding::new(Rule::InvalidValue, span, message));
}

/// Finds the latest item of a property; hashed once there are many items, so that strings with
/// 100,000 properties stay linear.
#[derive(Default)]
struct ItemIndex {
    table: Option<(hashbrown::HashTable<u32>, hashbrown::DefaultHashBuilder)>,
}

/// Items of fewer properties than this are searched linearly.
const INDEX_FROM: usize = 16;

/// Hashes a name case-insensitively.
struct Folded<'a>(&'a str);

impl std::hash::Hash for Folded<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        crate::casefold::hash_ignore_case(self.0, state);
    }
}

#[inline]
fn same(item: &Item<'_>, property: Option<&'static Property>, name: &str) -> bool {
    match (item.property, property) {
        (Some(a), Some(b)) => std::ptr::eq(a, b),
        (None, None) => eq_ignore_case(&item.key, name),
        _ => false,
    }
}

// Indexing `items[i]` in this impl: the table only holds indices of pushed items (the one
// being recorded is inserted, never looked up, before it is pushed).
impl ItemIndex {
    #[inline]
    fn latest(
        &self,
        items: &[Item<'_>],
        property: Option<&'static Property>,
        name: &str,
    ) -> Option<usize> {
        use std::hash::BuildHasher;
        match &self.table {
            None => items.iter().rposition(|i| same(i, property, name)),
            Some((table, hasher)) => table
                .find(hasher.hash_one(Folded(name)), |&i| {
                    same(&items[i as usize], property, name)
                })
                .map(|&i| i as usize),
        }
    }

    /// Notes that item `at` (about to be pushed) is the latest of its property.
    #[inline]
    fn record(
        &mut self,
        items: &[Item<'_>],
        property: Option<&'static Property>,
        name: &str,
        at: usize,
    ) {
        if self.table.is_none() && items.len() + 1 < INDEX_FROM {
            return;
        }
        self.record_hashed(items, property, name, at);
    }

    #[inline(never)]
    fn record_hashed(
        &mut self,
        items: &[Item<'_>],
        property: Option<&'static Property>,
        name: &str,
        at: usize,
    ) {
        use std::hash::BuildHasher;
        if self.table.is_none() && items.len() + 1 >= INDEX_FROM {
            let hasher = hashbrown::DefaultHashBuilder::default();
            self.table = Some((hashbrown::HashTable::with_capacity(items.len() * 2), hasher));
            for (i, item) in items.iter().enumerate() {
                self.record(items, item.property, item.name(), i);
            }
        }
        let Some((table, hasher)) = &mut self.table else {
            return;
        };
        let hash = hasher.hash_one(Folded(name));
        match table.find_mut(hash, |&i| same(&items[i as usize], property, name)) {
            Some(slot) => *slot = at as u32,
            None => {
                table.insert_unique(hash, at as u32, |&i| {
                    hasher.hash_one(Folded(items[i as usize].name()))
                });
            }
        }
    }
}

/// Collects findings, keeping at most [`PER_RULE`] of each rule: a hostile string with a
/// million duplicate keys yields 100 findings and a note, not a million.
#[derive(Default)]
struct Sink {
    findings: Vec<Finding>,
    /// Per rule (by position in [`Rule::ALL`]): findings kept, findings dropped, last dropped span.
    kept: Vec<(usize, usize, Range<usize>)>,
}

/// Findings kept per rule and connection string.
const PER_RULE: usize = 100;

// Indexing `kept[i]` and `Rule::ALL[i]` in this impl: `kept` has one slot per rule and `i` is
// a position in `Rule::ALL`.
impl Sink {
    /// Whether a finding of `rule` at `span` would be kept; if not, it is counted as dropped
    /// (so hot paths skip building its message).
    fn wants(&mut self, rule: Rule, span: &Range<usize>) -> bool {
        if self.kept.is_empty() {
            return true;
        }
        let i = Rule::ALL.iter().position(|r| *r == rule).unwrap_or(0);
        let slot = &mut self.kept[i];
        if slot.0 < PER_RULE {
            return true;
        }
        slot.1 += 1;
        slot.2 = span.clone();
        false
    }

    fn push(&mut self, f: Finding) {
        if self.kept.is_empty() {
            self.kept = vec![(0, 0, 0..0); Rule::ALL.len()];
        }
        let i = Rule::ALL.iter().position(|r| *r == f.rule).unwrap_or(0);
        let slot = &mut self.kept[i];
        if slot.0 < PER_RULE {
            slot.0 += 1;
            self.findings.push(f);
        } else {
            slot.1 += 1;
            slot.2 = f.span;
        }
    }

    fn finish(mut self) -> Vec<Finding> {
        for (i, (_, dropped, span)) in self.kept.iter().enumerate() {
            if *dropped > 0 {
                let rule = Rule::ALL[i];
                let message = format!(
                    "{dropped} more {} findings in this connection string are not shown",
                    rule.name()
                );
                self.findings
                    .push(Finding::new(rule, span.clone(), message));
            }
        }
        self.findings.sort_by_key(|f| f.span.start);
        self.findings
    }
}

struct Analyzer<'s> {
    index: ItemIndex,
    /// The Zoom profile's own rules apply ([`RuleSet::ZoomProfile`]).
    zoom: bool,
    want_secret_spans: bool,
    src: &'s str,
    base: usize,
    findings: Sink,
    secret_spans: Vec<Range<usize>>,
    items: Vec<Item<'s>>,
    callback_url: Option<crate::callback::CheckedUrl>,
    auth_scheme: Option<AuthScheme>,
    initiate_oauth: InitiateOAuth,
}

pub(crate) fn analyze(s: &str, syntax: Syntax) -> Analysis<'_> {
    analyze_with(s, syntax, true)
}

/// [`analyze`], optionally without collecting the spans of secrets (only reports need them).
pub(crate) fn analyze_with(s: &str, syntax: Syntax, want_secret_spans: bool) -> Analysis<'_> {
    analyze_rules(s, syntax, want_secret_spans, RuleSet::ZoomProfile)
}

fn analyze_rules(s: &str, syntax: Syntax, want_secret_spans: bool, rules: RuleSet) -> Analysis<'_> {
    let base = prefix_len(s);
    let mut a = Analyzer {
        index: ItemIndex::default(),
        zoom: rules == RuleSet::ZoomProfile,
        want_secret_spans,
        src: s,
        base,
        findings: Sink::default(),
        secret_spans: Vec::new(),
        items: Vec::with_capacity(8),
        callback_url: None,
        auth_scheme: None,
        initiate_oauth: InitiateOAuth::Off,
    };
    let syntax_ok = a.segments(syntax);
    if syntax_ok {
        a.items.retain(|i| i.alive);
        a.properties(syntax);
    }
    Analysis {
        report: Report {
            findings: a.findings.finish(),
            secret_spans: a.secret_spans,
        },
        items: a.items,
        syntax_ok,
        callback_url: a.callback_url,
        auth_scheme: a.auth_scheme,
        initiate_oauth: a.initiate_oauth,
    }
}

// Indexing `self.items[i]` in this impl: every `i` comes from a search of `self.items`
// (`position`, `rposition`, the item index or an enumeration) and items are only appended.
impl<'s> Analyzer<'s> {
    fn at(&self, r: Range<usize>) -> Range<usize> {
        self.base + r.start..self.base + r.end
    }

    fn push(&mut self, f: Finding) {
        self.findings.push(f);
    }

    /// The per-occurrence pass. Returns `false` on a syntax error.
    fn segments(&mut self, syntax: Syntax) -> bool {
        let body = self.src.get(self.base..).unwrap_or_default();
        let mut prev_secret: Option<&'static str> = None;
        let mut last_end = 0;
        for raw in RawTokenizer::new(body, syntax) {
            let raw = match raw {
                Ok(raw) => raw,
                Err(e) => {
                    self.syntax_error(body, &e, last_end, prev_secret.is_some());
                    return false;
                }
            };
            last_end = raw.end;
            let seg = raw.segment(body);
            let key = seg.key();
            let found = registry::lookup(key);
            let property = found.map(|m| m.property);
            let key_span = self.at(seg.key_span());
            let value_span = self.at(seg.value_span());
            // Keys are short: a byte loop beats a `memchr` call.
            let has_semicolon = key.bytes().any(|b| b == b';');
            let key_shown = prev_secret.is_none() || !has_semicolon;

            // Only reports need the spans of secrets (to mask snippets); a config does not.
            if self.want_secret_spans
                && property.is_some_and(|p| p.secret)
                && raw.form != ValueForm::Null
            {
                self.secret_spans.push(value_span.clone());
            }
            if let Some(after) = prev_secret.filter(|_| has_semicolon) {
                // Text after a secret value read as a key: part of the secret. The cut is in
                // the key as written (a decoded `==` would shift it).
                let written = body.get(seg.key_span()).unwrap_or_default();
                let cut = written.rfind(';').unwrap_or(0);
                self.secret_spans.push(key_span.start..key_span.start + cut);
                self.push(
                    Finding::new(
                        Rule::KeyContainsSemicolon,
                        key_span.clone(),
                        format!(
                            "a key after the secret value of {after} contains `;` (text withheld)"
                        ),
                    )
                    .with_help(format!(
                        "quote the value of {after} if it contains `;`: {after}='…'"
                    )),
                );
            } else if has_semicolon {
                self.push(
                    Finding::new(
                        Rule::KeyContainsSemicolon,
                        key_span.clone(),
                        format!(
                            "key `{}` contains `;`: the segment before it probably lacks its `=`",
                            shorten(key)
                        ),
                    )
                    .with_help("every property needs `Name=value`; quote values that contain `;`"),
                );
            }
            match found {
                Some(m)
                    if m.via_alias && self.findings.wants(Rule::SpacedPropertyName, &key_span) =>
                {
                    self.push(
                        Finding::new(
                            Rule::SpacedPropertyName,
                            key_span.clone(),
                            format!(
                                "`{}` is an old spaced name for {}",
                                shorten(key),
                                m.property.name
                            ),
                        )
                        .with_help(format!("write {}", m.property.name)),
                    )
                }
                Some(_) => {}
                None if self.zoom
                    && key_shown
                    && self.findings.wants(Rule::UnknownProperty, &key_span) =>
                {
                    let f = Finding::new(
                        Rule::UnknownProperty,
                        key_span.clone(),
                        format!("unknown property `{}`", shorten(key)),
                    );
                    self.push(match registry::suggest(key) {
                        Some(near) => f.with_help(format!("did you mean {near}?")),
                        None => f,
                    });
                }
                None => {}
            }
            if raw.form == ValueForm::Null && self.findings.wants(Rule::EmptyValue, &key_span) {
                let name = property.map_or(key, |p| p.name);
                let f = Finding::new(
                    Rule::EmptyValue,
                    key_span.start..value_span.end.max(key_span.end),
                    format!("empty value for {name}: the driver ignores it, and it removes any earlier value"),
                )
                .with_help(format!("remove `{name}=` or give it a value"));
                self.push(f);
            }
            self.merge(property, raw, &seg, key_span, value_span, key_shown);
            prev_secret = property.filter(|p| p.secret).map(|p| p.name);
        }
        true
    }

    /// Folds one occurrence into the effective entries (SPEC §2.7, with aliases as the same
    /// property).
    fn merge(
        &mut self,
        property: Option<&'static Property>,
        raw: Raw,
        seg: &crate::Segment<'s>,
        key_span: Range<usize>,
        value_span: Range<usize>,
        key_shown: bool,
    ) {
        let key = seg.key();
        let name = property.map_or(key, |p| p.name);
        // The latest occurrence of this property, removed or not.
        let prev = self.index.latest(&self.items, property, name);
        if let Some(p) = prev.filter(|_| self.findings.wants(Rule::DuplicateProperty, &key_span)) {
            let earlier = self.items[p].key_span.clone();
            let name = property.map_or(if key_shown { key } else { "a property" }, |p| p.name);
            self.findings.push(
                Finding::new(
                    Rule::DuplicateProperty,
                    key_span.clone(),
                    format!(
                        "{} is set more than once; the last value wins",
                        shorten(name)
                    ),
                )
                .with_related(earlier)
                .with_help("remove the earlier occurrence"),
            );
        }
        let value = seg.value_cow();
        match (prev.filter(|&p| self.items[p].alive), value) {
            (Some(p), Some(v)) => {
                let item = &mut self.items[p];
                item.value = v;
                item.value_span = value_span;
                item.form = raw.form;
                item.escaped = raw.value_escaped;
            }
            (Some(p), None) => self.items[p].alive = false,
            (None, Some(v)) => {
                self.index
                    .record(&self.items, property, name, self.items.len());
                self.items.push(Item {
                    property,
                    // Known properties are named by the registry.
                    key: if property.is_some() {
                        Cow::Borrowed("")
                    } else {
                        seg.key_cow()
                    },
                    key_span,
                    value: v,
                    value_span,
                    form: raw.form,
                    escaped: raw.value_escaped,
                    key_withheld: !key_shown,
                    alive: true,
                })
            }
            (None, None) => {}
        }
    }

    fn syntax_error(
        &mut self,
        body: &str,
        e: &crate::ParseError,
        last_end: usize,
        after_secret: bool,
    ) {
        let span = self.at(e.span());
        self.push(Finding::new(Rule::Syntax, span, e.to_string()));
        // Mask what may be secret in the text that did not parse.
        let end = self.src.len();
        if after_secret {
            self.secret_spans.push(self.base + last_end..end);
        } else if let Some(eq) = body.get(last_end..).and_then(|t| t.find('=')) {
            let key = body
                .get(last_end..last_end + eq)
                .unwrap_or_default()
                .trim_ws();
            let key = key.trim_start_matches(|c: char| c == ';' || c.is_whitespace());
            if registry::is_secret(key) {
                self.secret_spans.push(self.base + last_end + eq + 1..end);
            }
        }
    }

    /// The per-property rules, on the effective entries.
    fn properties(&mut self, syntax: Syntax) {
        let start = self.base..self.base;
        // Item of each known property, by registry position (`NONE` when absent).
        const NONE: u16 = u16::MAX;
        let mut slots = [NONE; registry::PROPERTIES_LEN];
        for (i, item) in self.items.iter().enumerate() {
            if let Some(p) = item.property {
                if let Some(slot) = slots.get_mut(registry::index(p)) {
                    *slot = i.min(usize::from(NONE - 1)) as u16;
                }
            }
        }
        let get = |property: usize| -> Option<usize> {
            slots
                .get(property)
                .filter(|&&s| s != NONE)
                .map(|&s| usize::from(s))
        };
        let present = |items: &[Item], property: usize| -> bool {
            get(property).is_some_and(|i| !items[i].value.trim_ws().is_empty())
        };

        // Profile.
        match get(PROFILE) {
            _ if !self.zoom => {}
            Some(i) if !self.items[i].value.trim_ws().is_empty() => {
                let value = self.items[i].value.trim_ws();
                let file = match value.bytes().rposition(|b| b == b'/' || b == b'\\') {
                    Some(at) => &value[at + 1..],
                    None => value,
                };
                if !file.eq_ignore_ascii_case("Zoom.apip") {
                    let f = Finding::new(
                        Rule::NotZoomProfile,
                        self.items[i].value_span.clone(),
                        format!("Profile `{}` is not the Zoom profile", shorten(value)),
                    )
                    .with_help("set Profile=Zoom.apip (or the path of Zoom.apip)");
                    self.push(f);
                }
            }
            _ => self.push(
                Finding::new(
                    Rule::MissingProfile,
                    start.clone(),
                    "missing required property Profile".to_owned(),
                )
                .with_help("set Profile=Zoom.apip"),
            ),
        }

        // Enum, number, boolean, port and nested values; placeholders.
        let mut auth = None;
        let mut initiate = InitiateOAuth::Off;
        let mut nested = Vec::new();
        let mut callback = None;
        let self_zoom = self.zoom;
        let (items, findings) = (&self.items, &mut self.findings);
        for (i, item) in items.iter().enumerate() {
            let span = item.value_span.clone();
            let value = item.value.trim_ws();
            let Some(p) = item.property else {
                if is_placeholder(value) {
                    let f = Finding::new(
                        Rule::PlaceholderValue,
                        span,
                        format!(
                            "{} still holds the documentation placeholder `{}`",
                            shorten(&item.key),
                            shorten(value)
                        ),
                    );
                    findings.push(f.with_help("replace it with the real value"));
                }
                continue;
            };
            if is_placeholder(value) {
                let message = if p.secret {
                    format!("{} still holds a documentation placeholder", p.name)
                } else {
                    format!(
                        "{} still holds the documentation placeholder `{}`",
                        p.name,
                        shorten(value)
                    )
                };
                let f = Finding::new(Rule::PlaceholderValue, span.clone(), message);
                findings
                    .push(f.with_help("replace it with the value from your Zoom app's settings"));
            }
            match p.value_type {
                ValueType::Enum(values) => {
                    if p.name == "AuthScheme" && !self_zoom {
                        // Other drivers accept other schemes.
                    } else if p.name == "AuthScheme" {
                        match value.parse::<AuthScheme>() {
                            Ok(a) => auth = Some(a),
                            Err(e) => {
                                findings.push(Finding::new(Rule::InvalidEnum, span, e.to_string()))
                            }
                        }
                    } else if p.name == "InitiateOAuth" {
                        match value.parse::<InitiateOAuth>() {
                            Ok(v) => initiate = v,
                            Err(e) => {
                                findings.push(Finding::new(Rule::InvalidEnum, span, e.to_string()))
                            }
                        }
                    } else if !values.iter().any(|v| v.eq_ignore_ascii_case(value)) {
                        let message = format!(
                            "invalid value `{}` for {}: expected {}",
                            shorten(value),
                            p.name,
                            or_list(values)
                        );
                        findings.push(Finding::new(Rule::InvalidEnum, span, message));
                    }
                }
                ValueType::Int { min, max } => {
                    let ok = value.parse::<i64>().is_ok_and(|n| (min..=max).contains(&n));
                    if !ok {
                        let expected = if max == i64::MAX {
                            format!("an integer ≥ {min}")
                        } else {
                            format!("an integer from {min} to {max}")
                        };
                        invalid_value(findings, p, value, span, &expected);
                    }
                }
                ValueType::Bool => {
                    if !value.eq_ignore_ascii_case("true") && !value.eq_ignore_ascii_case("false") {
                        invalid_value(findings, p, value, span, "true or false");
                    }
                }
                ValueType::Port => {
                    if !value.parse::<u16>().is_ok_and(|n| n >= 1) {
                        invalid_value(findings, p, value, span, "a port from 1 to 65535");
                    }
                }
                ValueType::Url => match crate::callback::check(value) {
                    Err(problem) => {
                        let f = Finding::new(
                            Rule::InvalidCallbackUrl,
                            span,
                            format!("invalid {} `{}`: {problem}", p.name, shorten(value)),
                        );
                        findings.push(f.with_help(
                            "use the redirect URI of your Zoom app, an absolute URL such as http://localhost:33333",
                        ));
                    }
                    Ok(checked) => {
                        if let Some(host) = &checked.insecure_host {
                            let host = shorten(host);
                            let f = Finding::new(
                                Rule::InsecureCallbackUrl,
                                span,
                                format!(
                                    "{} sends the OAuth code over plain http to `{host}`",
                                    p.name
                                ),
                            );
                            findings.push(
                                f.with_help("use https, or a loopback host such as localhost"),
                            );
                        }
                        callback = Some(checked.url);
                    }
                },
                ValueType::Nested => nested.push(i),
                ValueType::String | ValueType::Secret => {}
            }
        }
        self.callback_url = callback;
        self.auth_scheme = auth;
        self.initiate_oauth = initiate;
        for i in nested {
            self.nested(i, syntax);
        }

        // The authentication flow.
        if !self.zoom {
            return;
        }
        let Some(auth) = auth else {
            if get(AUTH_SCHEME).is_none() {
                self.push(
                    Finding::new(
                        Rule::MissingAuthScheme,
                        start.clone(),
                        "missing required property AuthScheme".to_owned(),
                    )
                    .with_help("set AuthScheme=OAuth, as the Zoom profile requires"),
                );
            }
            return;
        };
        let auth_span =
            get(AUTH_SCHEME).map_or(start.clone(), |i| self.items[i].value_span.clone());
        match auth {
            AuthScheme::Basic | AuthScheme::Ntlm | AuthScheme::OAuthClient => self.push(
                Finding::new(
                    Rule::UnsupportedAuthScheme,
                    auth_span,
                    format!("AuthScheme {auth} is not supported by the Zoom profile: expected None or OAuth"),
                )
                .with_help("set AuthScheme=OAuth"),
            ),
            AuthScheme::None => self.push(
                Finding::new(
                    Rule::AuthSchemeNone,
                    auth_span,
                    "AuthScheme=None sends unauthenticated requests, which Zoom's API rejects".to_owned(),
                )
                .with_help("set AuthScheme=OAuth"),
            ),
            AuthScheme::OAuth => {}
        }
        let (needed, when, help): (&[usize], &str, Option<&str>) = match (auth, initiate) {
            (AuthScheme::OAuth, InitiateOAuth::GetAndRefresh) => (
                &[OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET, CALLBACK_URL],
                "AuthScheme=OAuth and InitiateOAuth=GETANDREFRESH",
                None,
            ),
            (AuthScheme::OAuth, InitiateOAuth::Off) => (
                &[OAUTH_ACCESS_TOKEN],
                "AuthScheme=OAuth and InitiateOAuth=OFF",
                Some("set InitiateOAuth=GETANDREFRESH to let the driver obtain it"),
            ),
            (AuthScheme::OAuth, InitiateOAuth::Refresh) => (
                &[OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET],
                "AuthScheme=OAuth and InitiateOAuth=REFRESH",
                None,
            ),
            (AuthScheme::OAuthClient, _) => (
                &[OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET],
                "AuthScheme=OAuthClient",
                None,
            ),
            _ => (&[], "", None),
        };
        for &property in needed {
            if !present(&self.items, property) {
                let name = registry::PROPERTIES[property].name;
                let f = Finding::new(
                    Rule::MissingRequired,
                    start.clone(),
                    format!("missing {name}, required when {when}"),
                );
                self.push(match help {
                    Some(h) => f.with_help(h),
                    None => f,
                });
            }
        }
        if present(&self.items, OAUTH_VERIFIER) && !present(&self.items, OAUTH_SETTINGS_LOCATION) {
            self.push(
                Finding::new(
                    Rule::MissingRequired,
                    start.clone(),
                    "missing OAuthSettingsLocation, required when OAuthVerifier is set".to_owned(),
                )
                .with_help("set OAuthSettingsLocation to where the driver may store the tokens"),
            );
        }
        if initiate == InitiateOAuth::Refresh
            && ![OAUTH_REFRESH_TOKEN, OAUTH_SETTINGS_LOCATION, OAUTH_VERIFIER]
                .iter()
                .any(|&n| present(&self.items, n))
        {
            let span = get(INITIATE_OAUTH).map_or(start, |i| self.items[i].value_span.clone());
            self.push(
                Finding::new(
                    Rule::RefreshWithoutToken,
                    span,
                    "InitiateOAuth=REFRESH has no OAuthRefreshToken, OAuthSettingsLocation or OAuthVerifier to refresh from".to_owned(),
                )
                .with_help("set OAuthRefreshToken or OAuthSettingsLocation, or use InitiateOAuth=GETANDREFRESH"),
            );
        }
    }

    /// Parses a nested connection string value; errors and secrets map to outer positions.
    fn nested(&mut self, i: usize, syntax: Syntax) {
        let item = &self.items[i];
        let name = item.name().to_owned();
        let value = item.value.clone().into_owned();
        let map = |off: usize| item.source_offset(self.src, off);
        match ConnectionString::parse_with(&value, syntax) {
            Err(e) => {
                let at = map(e.offset());
                let end = map(e.span().end).max(at);
                let f = Finding::new(Rule::NestedSyntax, at..end, format!("invalid {name}: {e}"))
                    .with_help(format!(
                        "{name} holds a connection string: Name=value pairs separated by `;`"
                    ));
                // The inner text may hold secrets we cannot locate: mask all of it.
                let whole = item.value_span.clone();
                self.secret_spans.push(whole);
                self.push(f);
            }
            Ok(cs) => {
                let mut spans = Vec::new();
                for seg in cs.segments() {
                    if seg.value().is_some() && registry::is_secret(seg.key()) {
                        let v = seg.value_span();
                        spans.push(map(v.start)..map(v.end));
                    }
                    // A deeper nested value that holds secrets is masked whole.
                    let nested = registry::lookup(seg.key())
                        .is_some_and(|m| m.property.value_type == ValueType::Nested);
                    if let Some(value) = seg.value().filter(|_| nested) {
                        if crate::redact::shown_value(seg.key(), value, syntax) != value {
                            let v = seg.value_span();
                            spans.push(map(v.start)..map(v.end));
                        }
                    }
                }
                self.secret_spans.extend(spans);
            }
        }
    }
}
