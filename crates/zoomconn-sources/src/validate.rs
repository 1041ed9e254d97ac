//! [`Found::validate`]: the rules that hold for the string's driver and profile, read with its
//! syntax, positions in the found text.

use std::borrow::Cow;
use std::ops::Range;

use zoomconn::{Finding, Report, Rule, RuleSet, ValidateOptions, validate_with};

use super::Found;

/// The findings of one found string: [`zoomconn::validate_with`](zoomconn::validate_with) with
/// the Zoom profile's rules for Zoom strings and the rules of every CData string otherwise, in
/// the string's syntax. Findings on unresolved references (`${VAR}`, `%VAR%`…) are left out.
/// Spans are byte ranges of [`Found::text`]; map them to the file with
/// [`Found::file_range`].
///
/// ```
/// let file = "ZOOM=jdbc:cdata:salesforce:User=u;Timeout=soon;CallbackURL=${URL}\n";
/// let found = &zoomconn_sources::find(file, zoomconn_sources::Kind::Env, &Default::default())?.next().unwrap();
/// let checked = found.validate();
/// let rules: Vec<_> = checked.findings().map(|f| (f.rule().name(), checked.span(f))).collect();
/// assert_eq!(rules, [("invalid-value", 37..41)]);
/// # Ok::<(), zoomconn_sources::SourceError>(())
/// ```
pub struct Checked {
    report: Report,
    offset: usize,
    references: Vec<Range<usize>>,
    /// For a fragment that ends in `Key=` (its value follows outside it, as in
    /// `"…;OAuthAccessToken=" + token`): where that last segment starts.
    continued_from: Option<usize>,
    /// The whole string is the value of an entry whose name is a secret's (`CLIENT_SECRET=…`,
    /// `Password: …`): its length, all of it secret.
    withheld: Option<usize>,
}

impl Found {
    /// Validates the string as its driver, profile and syntax say.
    ///
    /// ```
    /// let found = &zoomconn_sources::find("Z=Profile=Zoom.apip;AuthScheme=OAuth2\n", zoomconn_sources::Kind::Env, &Default::default())?.next().unwrap();
    /// assert!(found.validate().findings().any(|f| f.rule() == "invalid-enum"));
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn validate(&self) -> Checked {
        self.validate_as(self.syntax())
    }

    /// [`validate`](Self::validate) with another syntax (`--odbc`).
    ///
    /// ```
    /// use zoomconn::Syntax;
    /// let found = &zoomconn_sources::find("Z=Profile=Zoom.apip;AuthScheme=OAuth\n", zoomconn_sources::Kind::Env, &Default::default())?.next().unwrap();
    /// assert_eq!(found.validate_as(Syntax::Odbc).findings().count(), found.validate().findings().count());
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn validate_as(&self, syntax: zoomconn::Syntax) -> Checked {
        self.inputs(syntax).check()
    }

    /// What [`validate`](Self::validate) reads of the string, as a key: its text, syntax,
    /// rule set and name. Two strings with equal keys have equal [`Checked`]s, wherever they
    /// are in their files (finding spans are offsets in [`Found::text`], not in the file). For
    /// a cache of validations across edits of a document, as `zoomconn lsp` keeps.
    ///
    /// ```
    /// use zoomconn_sources::{self as sources, Kind};
    /// let first = |file| sources::find(file, Kind::Env, &Default::default()).unwrap().next().unwrap();
    /// let (a, b) = (first("Z=Profile=Zoom.apip;AuthScheme=OAuth2\n"), first("# moved\n\nZ=Profile=Zoom.apip;AuthScheme=OAuth2\n"));
    /// assert_eq!(a.validation_key(), b.validation_key());
    /// assert_eq!(a.validate().report(), b.validate().report());
    /// assert_ne!(a.validation_key(), first("Z=Profile=Zoom.apip;AuthScheme=OAuth\n").validation_key());
    /// ```
    pub fn validation_key(&self) -> ValidationKey {
        let i = self.inputs(self.syntax());
        ValidationKey {
            text: i.text.to_owned(),
            offset: i.offset,
            syntax: i.syntax,
            rules: i.rules,
            fragment: i.fragment,
            name: i.name.map(str::to_owned),
        }
    }

    /// Everything validation reads, and nothing else ([`ValidationKey`] holds the same).
    fn inputs(&self, syntax: zoomconn::Syntax) -> Inputs<'_> {
        Inputs {
            text: &self.text,
            offset: self.body_offset().min(self.text.len()),
            syntax,
            rules: match (self.is_zoom(), self.is_fragment()) {
                (true, false) => RuleSet::ZoomProfile,
                (true, true) => RuleSet::ZoomFragment,
                (false, _) => RuleSet::AnyCData,
            },
            fragment: self.is_fragment(),
            name: self.name(),
        }
    }
}

/// The inputs of a validation: the string's text and what its class and name say.
struct Inputs<'a> {
    text: &'a str,
    /// Where the body starts (after a `jdbc:` prefix).
    offset: usize,
    syntax: zoomconn::Syntax,
    rules: RuleSet,
    fragment: bool,
    /// The entry's name: one named like a secret holds a secret, whatever its text.
    name: Option<&'a str>,
}

impl Inputs<'_> {
    fn check(&self) -> Checked {
        let body = self.text.get(self.offset..).unwrap_or_default();
        let report = validate_with(
            body,
            &ValidateOptions::new().syntax(self.syntax).rules(self.rules),
        );
        let continued_from = (self.fragment && body.trim_end().ends_with('='))
            .then(|| body.rfind(';').map_or(0, |i| i + 1));
        Checked {
            report,
            offset: self.offset,
            references: super::refs::references(body),
            continued_from,
            // An entry named like a secret holds a secret, whatever its text looks like.
            withheld: self
                .name
                .is_some_and(zoomconn::secrets::is_secret_key)
                .then_some(self.text.len()),
        }
    }
}

/// What [`Found::validate`] reads of a string ([`Found::validation_key`]): its text, syntax
/// and rule set, and its name; equal keys, equal [`Checked`]s. It holds the string's text:
/// its `Debug` shows none of it.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ValidationKey {
    text: String,
    offset: usize,
    syntax: zoomconn::Syntax,
    rules: RuleSet,
    fragment: bool,
    name: Option<String>,
}

/// Shows the length of the text, never the text (it may hold secrets).
impl std::fmt::Debug for ValidationKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ValidationKey")
            .field("len", &self.text.len())
            .field("syntax", &self.syntax)
            .field("rules", &self.rules)
            .finish_non_exhaustive()
    }
}

/// Shows the report and offsets, never the text (it may hold secrets).
impl std::fmt::Debug for Checked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checked")
            .field("report", &self.report)
            .field("offset", &self.offset)
            .field("references", &self.references)
            .finish_non_exhaustive()
    }
}

impl Checked {
    /// The findings, in order, without those on unresolved references, and without the
    /// `empty-value` of a fragment's last `Key=` whose value follows outside the fragment.
    ///
    /// ```
    /// use zoomconn_sources::{self as sources, Kind};
    /// let f = &sources::find("Z=Profile=Zoom.apip;AuthScheme=${SCHEME}\n", Kind::Env, &Default::default())?.next().unwrap();
    /// assert_eq!(f.validate().findings().count(), 0);
    /// let code = "s = \";AuthScheme=OAuth;InitiateOAuth=OFF;OAuthAccessToken=\" + token\n";
    /// let f = &sources::find(code, Kind::Code, &Default::default())?.next().unwrap();
    /// assert_eq!(f.validate().findings().count(), 0);
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn findings(&self) -> impl Iterator<Item = &Finding> + '_ {
        self.report.iter().filter(|f| {
            let span = f.span();
            let on_reference = self
                .references
                .iter()
                .any(|r| span.start < r.end && r.start < span.end);
            let continued = self
                .continued_from
                .is_some_and(|from| f.rule() == Rule::EmptyValue && span.start >= from);
            !on_reference && !continued
        })
    }

    /// A finding's span in [`Found::text`].
    ///
    /// ```
    /// let f = &zoomconn_sources::find("Z=jdbc:api:Profile=Zoom.apip;AuthScheme=X\n", zoomconn_sources::Kind::Env, &Default::default())?.next().unwrap();
    /// let c = f.validate();
    /// let finding = c.findings().next().unwrap();
    /// assert_eq!(&f.text()[c.span(finding)], "X");
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn span(&self, finding: &Finding) -> Range<usize> {
        let s = finding.span();
        s.start + self.offset..s.end + self.offset
    }

    /// The byte ranges of [`Found::text`] that hold secret text, as
    /// [`Report::secret_spans`] decides: mask them wherever the string is shown.
    ///
    /// ```
    /// let f = &zoomconn_sources::find("Z=Profile=Zoom.apip;OAuthClientSecret=pw\n", zoomconn_sources::Kind::Env, &Default::default())?.next().unwrap();
    /// let spans: Vec<_> = f.validate().secret_spans().collect();
    /// assert_eq!(spans, [36..38]);
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn secret_spans(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        let whole = self.withheld.map(|len| 0..len);
        let partial = whole.is_none();
        let spans = self
            .report
            .secret_spans()
            .iter()
            .map(|s| s.start + self.offset..s.end + self.offset);
        whole.into_iter().chain(spans.filter(move |_| partial))
    }

    /// Is the whole string secret, as the value of an entry whose name is a secret's
    /// (`CLIENT_SECRET=Profile=…`)? Then [`secret_spans`](Self::secret_spans) is the whole
    /// text, and [`message`](Self::message) and [`help`](Self::help) quote none of it.
    ///
    /// ```
    /// let f = &zoomconn_sources::find("CLIENT_SECRET=Profile=Zoom.apip;Timeout=x\n", zoomconn_sources::Kind::Env, &Default::default())?.next().unwrap();
    /// let checked = f.validate();
    /// assert!(checked.is_withheld());
    /// assert_eq!(checked.secret_spans().collect::<Vec<_>>(), [0..f.text().len()]);
    /// let finding = checked.findings().find(|x| x.rule().name() == "invalid-value").unwrap();
    /// assert_eq!(checked.message(finding), "invalid value `***` for Timeout: expected an integer ≥ 0");
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn is_withheld(&self) -> bool {
        self.withheld.is_some()
    }

    /// The finding's message as it may be shown: the library's, with every quoted piece
    /// (between backticks) withheld as `***` when the whole string is secret
    /// ([`is_withheld`](Self::is_withheld)).
    ///
    /// ```
    /// let f = &zoomconn_sources::find("Z=Profile=Zoom.apip;Timeout=x\n", zoomconn_sources::Kind::Env, &Default::default())?.next().unwrap();
    /// let checked = f.validate();
    /// let finding = checked.findings().find(|x| x.rule().name() == "invalid-value").unwrap();
    /// assert_eq!(checked.message(finding), finding.message());
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn message<'f>(&self, finding: &'f Finding) -> Cow<'f, str> {
        self.shown(finding.message())
    }

    /// The finding's help as it may be shown (see [`message`](Self::message)).
    ///
    /// ```
    /// let f = &zoomconn_sources::find("Z=Profile=Zoom.apip;AuthScheme=OAuth2\n", zoomconn_sources::Kind::Env, &Default::default())?.next().unwrap();
    /// let checked = f.validate();
    /// let finding = checked.findings().next().unwrap();
    /// assert_eq!(checked.help(finding), finding.help().map(Into::into));
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn help<'f>(&self, finding: &'f Finding) -> Option<Cow<'f, str>> {
        finding.help().map(|h| self.shown(h))
    }

    /// `text` with its backtick-quoted pieces withheld when the string is.
    fn shown<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if self.withheld.is_none() || !text.contains('`') {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        for (i, part) in text.split('`').enumerate() {
            if i > 0 {
                out.push('`');
            }
            // Odd pieces are quoted; an unclosed last quote is withheld too.
            out.push_str(if i % 2 == 1 { "***" } else { part });
        }
        Cow::Owned(out)
    }

    /// The full report, spans relative to the string after any `jdbc:…:` prefix.
    ///
    /// ```
    /// let f = &zoomconn_sources::find("Z=Profile=Zoom.apip;AuthScheme=OAuth\n", zoomconn_sources::Kind::Env, &Default::default())?.next().unwrap();
    /// assert!(f.validate().report().iter().count() > 0);
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn report(&self) -> &Report {
        &self.report
    }
}
