//! [`Found`]: one connection string found in a file, decoded, with the file offset of each of
//! its bytes and what the file and the string say about it.

use std::ops::Range;

use zoomconn::{Position, Syntax};

use super::classify::Class;
use super::{Kind, Language};

/// How a string is written in its file: what [`edit`](super::edit) must escape when it puts
/// new text in its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Host {
    /// Verbatim bytes: a text line, an unquoted `.env` value, an INI value.
    Verbatim,
    /// A JSON string literal (`"…"` with backslash escapes).
    Json,
    /// An XML attribute value in this quote.
    XmlAttr(u8),
    /// XML character data (`&amp;`, `&lt;`).
    XmlText,
    /// An XML CDATA section.
    XmlCdata,
    /// An unquoted `.env` value.
    EnvPlain,
    /// A `.env` value in double quotes (backslash escapes).
    EnvDouble,
    /// A `.env` value in single quotes (no escapes).
    EnvSingle,
    /// A Java `.properties` value (backslash escapes).
    Properties,
    /// A YAML plain scalar.
    YamlPlain,
    /// A YAML single-quoted scalar (`''` is a quote).
    YamlSingle,
    /// A YAML double-quoted scalar (backslash escapes).
    YamlDouble,
    /// A YAML block scalar (`|`, `>`) whose lines are indented this much.
    YamlBlock(u8),
    /// A string literal in source code.
    Code(CodeLiteral),
    /// Cannot be edited in place, for this reason.
    Fixed(Fixed),
}

/// How a one-line string literal of source code is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CodeLiteral {
    /// The quote char.
    pub quote: u8,
    /// The language the file is in (`None`: the generic reader).
    pub lang: Option<Language>,
    /// A doubled quote is one quote and backslashes are literal (C# `@"…"`, SQL).
    pub doubled: bool,
    /// No escapes at all (Python `r'…'`, Rust `r"…"`, Go `` `…` ``).
    pub raw: bool,
    /// A Rust raw string's `#`s: its text may hold a quote not followed by them.
    pub hashes: bool,
    /// ASCII only (Python and Rust byte strings).
    pub ascii: bool,
    /// `{` and `}` are written doubled (a Python f-string without fields).
    pub braces: bool,
    /// `$` is written `\$` (a JavaScript template, Kotlin).
    pub dollar: bool,
}

/// Why a string cannot be edited in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fixed {
    /// Not one piece of text in the file: an ODBC DSN section, a YAML block scalar that is
    /// not one piece, a literal over several lines of source code.
    Layout,
    /// An escape, reference, interpolation or form this reader does not decode exactly as the
    /// file's own reader does: its text is read with that part as written.
    Escapes,
    /// The programs that read the file read this value differently (bash and dotenv).
    Readers,
    /// The quote is not closed.
    Unterminated,
}

impl Fixed {
    /// Why, in words.
    pub(crate) fn reason(self) -> &'static str {
        match self {
            Fixed::Layout => {
                "it is not one piece of text in the file (an ODBC data source section, a YAML block scalar, or a literal over several lines of source code)"
            }
            Fixed::Escapes => {
                "it holds an escape, reference or interpolation that is kept as written rather than decoded exactly as the file's own reader decodes it"
            }
            Fixed::Readers => {
                "bash and dotenv do not read this value the same way (a backslash escape other than `\\\"` and `\\\\`, a `$` or backquote expansion, or `;`, a space, a quote or a backslash outside quotes)"
            }
            Fixed::Unterminated => "its quote is not closed",
        }
    }
}

/// A connection string found in a file: decoded, with the file offset of each of its bytes.
///
/// Offsets are byte offsets into the text given to [`find`](super::find) (the decoded file).
///
/// ```
/// let found: Vec<_> = zoomconn_sources::find("# c\n  a=1\n", zoomconn_sources::Kind::Text, &Default::default())?.collect();
/// assert_eq!((found[0].text(), found[0].file_range(2..3)), ("a=1", 8..9));
/// # Ok::<(), zoomconn_sources::SourceError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Found {
    pub(crate) text: String,
    /// Runs `(decoded offset, file offset)`, sorted: decoded byte `i` of a run starting at
    /// `(d, f)` is file byte `f + (i - d)`. Verbatim text is one run; each escape starts
    /// another, so the map stays small. The last run marks the end of the string.
    pub(crate) runs: Vec<(usize, usize)>,
    pub(crate) kind: Kind,
    pub(crate) host: Host,
    pub(crate) name: Option<String>,
    pub(crate) class: Class,
    pub(crate) start: Position,
}

impl Found {
    /// The decoded connection string.
    ///
    /// ```
    /// let f: Vec<_> = zoomconn_sources::find("a=1\n", zoomconn_sources::Kind::Text, &Default::default())?.collect();
    /// assert_eq!(f[0].text(), "a=1");
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The file offset of decoded byte `i` (`text().len()` maps to just after the string).
    fn file_offset(&self, i: usize) -> usize {
        let i = i.min(self.text.len());
        let run = self
            .runs
            .partition_point(|&(d, _)| d <= i)
            .saturating_sub(1);
        self.runs.get(run).map_or(0, |&(d, f)| f + (i - d))
    }

    /// The file byte range of a byte range of [`text`](Self::text), escapes included.
    ///
    /// ```
    /// use zoomconn_sources::{self as sources, Kind};
    /// let file = r#"{"ConnectionStrings": {"Z": "Profile=Zoom.apip;Scope=\"x\""}}"#;
    /// let f = &sources::find(file, Kind::Json, &Default::default())?.next().unwrap();
    /// assert_eq!(f.text(), r#"Profile=Zoom.apip;Scope="x""#);
    /// assert_eq!(&file[f.file_range(24..27)], r#"\"x\""#);
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn file_range(&self, r: Range<usize>) -> Range<usize> {
        let start = self.file_offset(r.start);
        start..self.file_offset(r.end).max(start)
    }

    /// The file bytes the whole string occupies (quotes of the host format excluded).
    ///
    /// ```
    /// let file = "ZOOM=\"Profile=Zoom.apip;AuthScheme=OAuth\"\n";
    /// let f = &zoomconn_sources::find(file, zoomconn_sources::Kind::Env, &Default::default())?.next().unwrap();
    /// assert_eq!(f.span(), 6..40);
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn span(&self) -> Range<usize> {
        self.file_range(0..self.text.len())
    }

    /// Where the string's text starts in the file: offset, 1-based line and column (chars).
    ///
    /// ```
    /// let file = "# note\nZOOM=Profile=Zoom.apip;AuthScheme=OAuth\n";
    /// let f = &zoomconn_sources::find(file, zoomconn_sources::Kind::Env, &Default::default())?.next().unwrap();
    /// assert_eq!((f.start().line, f.start().column), (2, 6));
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn start(&self) -> Position {
        self.start
    }

    /// The name the file gives the string: a variable (`.env`, `.properties`, source code), a
    /// key (JSON member, YAML key, Kubernetes `env` `name`), an `add` element's `name` or
    /// `key`, an ODBC DSN section — or `None`.
    ///
    /// ```
    /// let file = r#"<connectionStrings><add name="Zoom" connectionString="Profile=Zoom.apip;AuthScheme=OAuth"/></connectionStrings>"#;
    /// let f = &zoomconn_sources::find(file, zoomconn_sources::Kind::Xml, &Default::default())?.next().unwrap();
    /// assert_eq!(f.name(), Some("Zoom"));
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The CData driver the string is for: `API` (the API driver, whose profiles include
    /// Zoom), or another driver's name as the string spells it (`Salesforce`, `LinkedIn`…).
    /// Strings that name no driver but use the API driver's properties are `API`.
    ///
    /// ```
    /// let f = &zoomconn_sources::find("c=jdbc:cdata:salesforce:User=u;Password=p;SecurityToken=t\n", zoomconn_sources::Kind::Env, &Default::default())?.next().unwrap();
    /// assert_eq!(f.driver(), "Salesforce");
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn driver(&self) -> &str {
        self.class.driver()
    }

    /// The API profile the string names (`Profile=…`), as written.
    ///
    /// ```
    /// let f = &zoomconn_sources::find("Z=Profile=C:\\p\\Zoom.apip;AuthScheme=OAuth\n", zoomconn_sources::Kind::Env, &Default::default())?.next().unwrap();
    /// assert_eq!(f.profile(), Some("C:\\p\\Zoom.apip"));
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn profile(&self) -> Option<&str> {
        self.class.profile.as_deref()
    }

    /// Is this a string of the API driver's Zoom profile, which gets every Zoom rule?
    /// Strings that name no driver or profile but use the Zoom profile's properties count.
    ///
    /// ```
    /// let f = &zoomconn_sources::find("Z=Profile=Zoom.apip;AuthScheme=OAuth\n", zoomconn_sources::Kind::Env, &Default::default())?.next().unwrap();
    /// assert!(f.is_zoom());
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn is_zoom(&self) -> bool {
        self.class.zoom
    }

    /// Is this a piece of a string rather than a whole one? A string found by its shape in
    /// source code or docs ([`Kind::Code`](super::Kind::Code)) inside a string literal, an
    /// inline code span or after other words on its line, that names no `Profile`, no driver
    /// and no `jdbc:` prefix — `InitiateOAuth=OFF;OAuthAccessToken=…` in a README, one
    /// literal of a concatenation — is checked with [`RuleSet::ZoomFragment`](zoomconn::RuleSet):
    /// its values are, but not what a whole string must hold (`missing-profile`, the OAuth
    /// flows).
    ///
    /// ```
    /// use zoomconn_sources::{self as sources, Kind};
    /// let doc = "Set `InitiateOAuth=OFF;OAuthAccessToken=...` when you have a token.\n";
    /// let f = &sources::find(doc, Kind::Code, &Default::default())?.next().unwrap();
    /// assert!(f.is_fragment());
    /// assert_eq!(f.validate().findings().count(), 0);
    /// let env = &sources::find("Z=InitiateOAuth=OFF;OAuthAccessToken=t\n", Kind::Env, &Default::default())?.next().unwrap();
    /// assert!(!env.is_fragment());
    /// // A line of its own is a whole string.
    /// let line = &sources::find("InitiateOAuth=OFF;OAuthAccessToken=t\n", Kind::Code, &Default::default())?.next().unwrap();
    /// assert!(!line.is_fragment());
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn is_fragment(&self) -> bool {
        self.class.fragment
    }

    /// The grammar the string is read with: ODBC for `Driver={CData …}` strings and DSN
    /// sections, ADO otherwise (unless [`Options::syntax`](super::Options::syntax) forced one).
    ///
    /// ```
    /// let f = &zoomconn_sources::find("Driver={CData ODBC Driver for Zoom};Profile=Zoom.apip;AuthScheme=OAuth\n", zoomconn_sources::Kind::Text, &Default::default())?.next().unwrap();
    /// assert_eq!(f.syntax(), zoomconn::Syntax::Odbc);
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn syntax(&self) -> Syntax {
        self.class.syntax
    }

    /// How the file was read.
    ///
    /// ```
    /// let f = &zoomconn_sources::find("a=1\n", zoomconn_sources::Kind::Text, &Default::default())?.next().unwrap();
    /// assert_eq!(f.kind(), zoomconn_sources::Kind::Text);
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// Can [`edit`](super::edit) replace this string in its file? Not for ODBC DSN sections,
    /// whose keys are separate lines of the file, YAML block scalars that are not one piece
    /// of text, string literals over several lines of source code (`"""…"""`, `@"…"`),
    /// whose layout is the author's, strings holding an escape, reference or interpolation
    /// the reader keeps as written (`\N{…}` in Python, an entity a DTD declares, `${x}` in a
    /// template), and `.env` values that bash and dotenv read differently
    /// (see [`not_editable_reason`](Self::not_editable_reason)).
    ///
    /// ```
    /// let f = &zoomconn_sources::find("a=1\n", zoomconn_sources::Kind::Text, &Default::default())?.next().unwrap();
    /// assert!(f.is_editable());
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn is_editable(&self) -> bool {
        !matches!(self.host, Host::Fixed(_))
    }

    /// Why [`edit`](super::edit) cannot replace this string, or `None` when it can.
    ///
    /// ```
    /// use zoomconn_sources::{self as sources, Kind};
    /// let file = "Z=\"Profile=Zoom.apip;Password=a\\$b\"\n";
    /// let f = &sources::find(file, Kind::Env, &Default::default())?.next().unwrap();
    /// assert!(f.not_editable_reason().unwrap().contains("bash and dotenv"));
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn not_editable_reason(&self) -> Option<&'static str> {
        match self.host {
            Host::Fixed(why) => Some(why.reason()),
            _ => None,
        }
    }

    /// The `jdbc:…:` prefix of a JDBC URL (`jdbc:api:`, `jdbc:cdata:salesforce:`), or `""`.
    ///
    /// ```
    /// let f = &zoomconn_sources::find("Z=jdbc:api:Profile=Zoom.apip;AuthScheme=OAuth\n", zoomconn_sources::Kind::Env, &Default::default())?.next().unwrap();
    /// assert_eq!((f.prefix(), f.body()), ("jdbc:api:", "Profile=Zoom.apip;AuthScheme=OAuth"));
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn prefix(&self) -> &str {
        self.text.get(..self.body_offset()).unwrap_or_default()
    }

    /// The connection string proper: the text after any [`prefix`](Self::prefix).
    ///
    /// ```
    /// let f = &zoomconn_sources::find("Z=Profile=Zoom.apip;AuthScheme=OAuth\n", zoomconn_sources::Kind::Env, &Default::default())?.next().unwrap();
    /// assert_eq!(f.body(), f.text());
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn body(&self) -> &str {
        self.text.get(self.body_offset()..).unwrap_or_default()
    }

    /// Length of a `jdbc:…:` prefix at the start of the text (0 when there is none): the
    /// connection string proper starts after it.
    pub(crate) fn body_offset(&self) -> usize {
        self.class.prefix
    }
}

/// Shows the redacted text: the string may hold secrets.
impl std::fmt::Debug for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let body = self.text.get(self.body_offset()..).unwrap_or_default();
        f.debug_struct("Found")
            .field("text", &zoomconn::secrets::redact(body, self.class.syntax))
            .field("name", &self.name)
            .field("driver", &self.driver())
            .field("line", &self.start.line)
            .field("column", &self.start.column)
            .finish()
    }
}

/// A candidate string as a reader decodes it, before classification.
#[derive(Default)]
pub(crate) struct Builder {
    pub text: String,
    pub runs: Vec<(usize, usize)>,
}

impl Builder {
    /// A verbatim piece of the file starting at `file_offset`.
    pub(crate) fn verbatim(text: &str, file_offset: usize) -> Builder {
        let mut b = Builder::default();
        b.push_str(text, file_offset);
        b
    }

    pub(crate) fn push(&mut self, c: char, file_offset: usize) {
        self.mark(file_offset);
        self.text.push(c);
    }

    pub(crate) fn push_str(&mut self, s: &str, file_offset: usize) {
        self.mark(file_offset);
        self.text.push_str(s);
    }

    /// Starts a new run unless `file_offset` continues the current one.
    pub(crate) fn mark(&mut self, file_offset: usize) {
        let d = self.text.len();
        let continues = self
            .runs
            .last()
            .is_some_and(|&(rd, rf)| rf + (d - rd) == file_offset);
        if !continues {
            self.runs.push((d, file_offset));
        }
    }

    /// Ends the string at `end` (the file offset just after its last byte).
    pub(crate) fn finish(mut self, end: usize) -> Candidate {
        self.mark(end);
        Candidate {
            text: self.text,
            runs: self.runs,
        }
    }
}

/// A decoded string of a file and its offset map, not yet classified.
pub(crate) struct Candidate {
    pub text: String,
    pub runs: Vec<(usize, usize)>,
}

impl Candidate {
    /// The candidate with the first `n` bytes of its text dropped (`NAME=` of a docker-compose
    /// list item), offsets kept.
    pub(crate) fn skip(self, n: usize) -> Candidate {
        let n = n.min(self.text.len());
        let at = self.file_offset(n);
        let mut runs = vec![(0, at)];
        runs.extend(
            self.runs
                .iter()
                .filter(|&&(d, _)| d > n)
                .map(|&(d, f)| (d - n, f)),
        );
        Candidate {
            text: self.text.get(n..).unwrap_or_default().to_owned(),
            runs,
        }
    }

    /// The file offset of decoded byte `i`.
    pub(crate) fn file_offset(&self, i: usize) -> usize {
        let i = i.min(self.text.len());
        let run = self
            .runs
            .partition_point(|&(d, _)| d <= i)
            .saturating_sub(1);
        self.runs.get(run).map_or(0, |&(d, f)| f + (i - d))
    }

    /// The candidate without leading and trailing white space, offsets kept.
    pub(crate) fn trim(self) -> Candidate {
        let lead = self.text.len() - self.text.trim_start().len();
        let mut c = self.skip(lead);
        let keep = c.text.trim_end().len();
        let end = c.file_offset(keep);
        c.text.truncate(keep);
        c.runs.retain(|&(d, _)| d < keep);
        if c.file_offset(keep) != end {
            c.runs.push((keep, end));
        }
        c
    }

    /// The file offset of the first byte.
    pub(crate) fn file_start(&self) -> usize {
        self.file_offset(0)
    }

    /// The file offset just after the last byte.
    #[cfg(test)]
    pub(crate) fn file_end(&self) -> usize {
        self.file_offset(self.text.len())
    }
}
