//! Connection strings inside configuration files (feature `cli`): .NET `appsettings.json` and
//! `app.config`, `.env`, Java `.properties` and plain text — each found string decoded, with a
//! map from every decoded byte back to its offset in the file, so that findings point at the
//! file's own line and column through JSON escapes and XML entities.
//!
//! ```
//! use zoomconn::sources::{self, Kind, Options};
//! let file = r#"{"ConnectionStrings": {"Zoom": "Profile=Zoom.apip;Scope=\"a b\";AuthScheme=OAuth2"}}"#;
//! let found = sources::find(file, Kind::Json, &Options::default())?;
//! assert_eq!(found[0].text(), r#"Profile=Zoom.apip;Scope="a b";AuthScheme=OAuth2"#);
//! let finding = zoomconn::validate(found[0].text()).iter().next().cloned().unwrap();
//! let in_file = found[0].file_range(finding.span());
//! assert_eq!(&file[in_file], "OAuth2");
//! # Ok::<(), zoomconn::sources::SourceError>(())
//! ```

mod env;
mod json;
mod text;
mod xml;

use std::ops::Range;
use std::path::Path;

/// How to read a file.
///
/// ```
/// use zoomconn::sources::Kind;
/// assert_eq!(Kind::from_path("appsettings.Production.json".as_ref()), Kind::Json);
/// assert_eq!(Kind::from_path(".env.local".as_ref()), Kind::Env);
/// assert_eq!(Kind::from_path("conns.txt".as_ref()), Kind::Text);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// One connection string per non-empty line; `#` starts a comment line.
    Text,
    /// `.env`: `[export ]NAME=value`, with `"…"` (escapes) or `'…'` values.
    Env,
    /// Java `.properties`: `key=value` or `key: value`, backslash escapes, continuation lines.
    Properties,
    /// JSON: the string values of the top-level `ConnectionStrings` object.
    Json,
    /// XML: `connectionStrings/add/@connectionString`.
    Xml,
}

impl Kind {
    /// The kind a file's name suggests: `.json`; `.config`/`.xml`; `.env`, `.env.*`, `*.env`;
    /// `.properties`; anything else is text.
    ///
    /// ```
    /// use zoomconn::sources::Kind;
    /// assert_eq!(Kind::from_path("Web.config".as_ref()), Kind::Xml);
    /// ```
    pub fn from_path(path: &Path) -> Kind {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        if name == ".env" || name.starts_with(".env.") || ext == "env" {
            return Kind::Env;
        }
        match ext.as_str() {
            "json" => Kind::Json,
            "config" | "xml" => Kind::Xml,
            "properties" => Kind::Properties,
            _ => Kind::Text,
        }
    }
}

/// What to pick inside a file.
///
/// ```
/// let opts = zoomconn::sources::Options { vars: vec!["ZOOM".into()], json_pointer: None };
/// assert_eq!(opts.vars.len(), 1);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Entries to check by name (a variable, a JSON member, an `add@name`); when empty, every
    /// value that looks like a CData connection string.
    pub vars: Vec<String>,
    /// JSON: where the connection strings are (an object of strings, or one string) instead
    /// of `/ConnectionStrings`.
    pub json_pointer: Option<String>,
}

/// A file that cannot be read as the kind asked for (invalid JSON or XML).
///
/// ```
/// use zoomconn::sources::{self, Kind, Options};
/// let err = sources::find("{", Kind::Json, &Options::default()).unwrap_err();
/// assert!(err.to_string().starts_with("invalid JSON"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct SourceError(String);

/// A connection string found in a file: decoded, with the file offset of each of its bytes.
///
/// ```
/// let found = zoomconn::sources::find("# c\n  a=1\n", zoomconn::sources::Kind::Text, &Default::default())?;
/// assert_eq!((found[0].text(), found[0].file_range(2..3)), ("  a=1", 6..7));
/// # Ok::<(), zoomconn::sources::SourceError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Found {
    text: String,
    /// Runs `(decoded offset, file offset)`, sorted: decoded byte `i` of a run starting at
    /// `(d, f)` is file byte `f + (i - d)`. Verbatim text is one run; each escape starts
    /// another, so the map stays small.
    runs: Vec<(usize, usize)>,
}

impl Found {
    fn verbatim(text: &str, start: usize) -> Found {
        Found {
            text: text.to_owned(),
            runs: vec![(0, start)],
        }
    }

    /// The decoded connection string.
    ///
    /// ```
    /// let f = zoomconn::sources::find("a=1\n", zoomconn::sources::Kind::Text, &Default::default())?;
    /// assert_eq!(f[0].text(), "a=1");
    /// # Ok::<(), zoomconn::sources::SourceError>(())
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

    /// The file byte range of a byte range of [`text`](Self::text) (escapes included).
    ///
    /// ```
    /// use zoomconn::sources::{self, Kind};
    /// let file = r#"{"ConnectionStrings": {"Z": "Profile=\"x\";AuthScheme=q"}}"#;
    /// let f = &sources::find(file, Kind::Json, &Default::default())?[0];
    /// assert_eq!(f.text(), r#"Profile="x";AuthScheme=q"#);
    /// assert_eq!(&file[f.file_range(8..11)], r#"\"x\""#);
    /// # Ok::<(), zoomconn::sources::SourceError>(())
    /// ```
    pub fn file_range(&self, r: Range<usize>) -> Range<usize> {
        let start = self.file_offset(r.start);
        start..self.file_offset(r.end).max(start)
    }
}

/// Shows the redacted text: the string may hold secrets.
impl std::fmt::Debug for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = match crate::ConnectionString::parse(&self.text) {
            Ok(cs) => cs.redacted(),
            Err(_) => crate::REDACTED.to_owned(),
        };
        f.debug_struct("Found")
            .field("text", &shown)
            .field("runs", &self.runs.len())
            .finish()
    }
}

/// Builds a [`Found`] char by char: each decoded char comes from an offset of the file.
#[derive(Default)]
struct Builder {
    text: String,
    runs: Vec<(usize, usize)>,
}

impl Builder {
    fn push(&mut self, c: char, file_offset: usize) {
        self.mark(file_offset);
        self.text.push(c);
    }

    /// Starts a new run unless `file_offset` continues the current one.
    fn mark(&mut self, file_offset: usize) {
        let d = self.text.len();
        let continues = self
            .runs
            .last()
            .is_some_and(|&(rd, rf)| rf + (d - rd) == file_offset);
        if !continues {
            self.runs.push((d, file_offset));
        }
    }

    fn finish(mut self, end: usize) -> Found {
        self.mark(end);
        Found {
            text: self.text,
            runs: self.runs,
        }
    }
}

/// Does a value look like a CData connection string: an `=` and one of the property names
/// every Zoom connection string has?
fn looks_like_cdata(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    value.contains('=')
        && [
            "profile",
            "authscheme",
            "initiateoauth",
            "oauthclientid",
            "callbackurl",
        ]
        .iter()
        .any(|p| lower.contains(p))
}

/// The lines of a text with their start offsets, line ends (`\n`, `\r\n`) removed.
///
/// ```
/// let lines: Vec<_> = zoomconn::sources::lines("a\r\nb").collect();
/// assert_eq!(lines, [(0, "a"), (3, "b")]);
/// ```
pub fn lines(source: &str) -> impl Iterator<Item = (usize, &str)> {
    text::lines(source)
}

/// Does a plain-text line hold a connection string (not blank, not a `#` comment)?
///
/// ```
/// assert!(!zoomconn::sources::is_content("  # note"));
/// ```
pub fn is_content(line: &str) -> bool {
    text::is_content(line)
}

/// Every connection string in `source`, read as `kind`.
///
/// Plain text: every content line. Other kinds: the entries named in [`Options::vars`], or
/// else every value that looks like a CData connection string, so that an application's other
/// connection strings (databases…) are left alone.
///
/// # Errors
///
/// [`SourceError`] when the file is not valid JSON or XML, with the position.
///
/// ```
/// use zoomconn::sources::{self, Kind, Options};
/// let env = "DB=Server=x\nZOOM=\"Profile=Zoom.apip;AuthScheme=OAuth\"\n";
/// assert_eq!(sources::find(env, Kind::Env, &Options::default())?.len(), 1);
/// # Ok::<(), zoomconn::sources::SourceError>(())
/// ```
pub fn find(source: &str, kind: Kind, options: &Options) -> Result<Vec<Found>, SourceError> {
    let named = match kind {
        Kind::Text => return Ok(text::find(source)),
        Kind::Env => env::find(source, env::Dialect::Env),
        Kind::Properties => env::find(source, env::Dialect::Properties),
        Kind::Json => json::find(source, options.json_pointer.as_deref()).map_err(SourceError)?,
        Kind::Xml => xml::find(source).map_err(SourceError)?,
    };
    Ok(named
        .into_iter()
        .filter(|(name, found)| {
            if options.vars.is_empty() {
                looks_like_cdata(&found.text)
            } else {
                options.vars.iter().any(|v| v == name)
            }
        })
        .map(|(_, found)| found)
        .collect())
}
