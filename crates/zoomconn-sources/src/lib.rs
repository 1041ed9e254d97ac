//! CData connection strings inside files: each kind of configuration file read
//! the way its own ecosystem reads it, every string that is a CData connection string found
//! by its parsed keys, with its driver, profile and syntax, and a map from each decoded byte
//! back to the file, so that findings point at the file's own line and column through every
//! escape.
//!
//! | kind | read as | found |
//! |---|---|---|
//! | [`Kind::Json`] | .NET configuration JSON: comments, trailing commas, BOM (`jsonc-parser`) | every string value, named by its configuration path (`ConnectionStrings:Zoom`) |
//! | [`Kind::Xml`] | XML in UTF-8, UTF-16 or its declared encoding (`quick-xml`, `encoding_rs`) | every attribute value and text or CDATA content: `<add connectionString>`, `<appSettings>`, `<applicationSettings>`, `Settings.settings` |
//! | [`Kind::Yaml`] | YAML 1.2 (`saphyr-parser`, with positions) | every scalar value: docker-compose `environment`, Kubernetes `env`/`stringData`, GitHub Actions `env`, Spring |
//! | [`Kind::Env`] | `.env`: `[export ]NAME=value`, quotes, escapes | every value |
//! | [`Kind::Properties`] | Java `.properties`: escapes, continuation lines | every value |
//! | [`Kind::Prp`] | CData's connection properties files (`.prp`) | the whole file, a property per line |
//! | [`Kind::Ini`] | INI files: `[section]` and `key=value` | every value |
//! | [`Kind::OdbcIni`] | `odbc.ini` and `.dsn` files | each DSN section, its keys forming one ODBC string |
//! | [`Kind::Code`] | source code, docs and files of unknown kind | string literals and lines shaped like a CData string |
//! | [`Kind::Text`] | one connection string per line (`--input text`, stdin) | every line but blanks and `#` comments |
//!
//! Only CData connection strings are returned (see [`Found::driver`]); an application's
//! database strings are left alone.
//!
//! ## Why these parsers
//!
//! Each structured kind is parsed by a maintained crate that reports where things are, and
//! each string's raw text is decoded again here to map every char to the file:
//!
//! * JSON: `jsonc-parser` (dprint's) scanner: comments and trailing commas as .NET accepts
//!   them, byte ranges for every token; the grammar is walked here as a stream, without a
//!   tree, with the parser's own error kinds; `serde_json` rejects comments and reports no
//!   spans.
//! * XML: `quick-xml` reads borrowed slices of the input (so each value's offset is known),
//!   streams (no tree in memory) and checks end tags; `encoding_rs` decodes UTF-16 and the
//!   encodings an XML declaration names.
//! * YAML: `saphyr-parser`, the maintained YAML 1.2 parser of the yaml-rust lineage, gives a
//!   span for every event and never expands aliases (no billion laughs).
//! * Directories: `ignore`, ripgrep's walker: the ignore files, hidden-file rules and parallel
//!   walk users know from `rg`.
//!
//! `.env`, `.properties`, INI/ODBC and the source-code scanner are hand-written: their grammars
//! are line loops, no maintained crate reports positions for them, and each is small (one file
//! each, with its table tests).
//!
//! ## Bounds
//!
//! [`read_file`] and [`read_limited`] stop at a size limit ([`DEFAULT_MAX_SIZE`], 64 MiB)
//! before reading more, so an endless stream ends with [`SourceErrorKind::TooLarge`] and memory
//! near the limit. No reader keeps a tree or anything per value: nesting past [`MAX_DEPTH`]
//! and, in the formats read to their end first, more than [`MAX_STRINGS`] strings are
//! [`SourceErrorKind::TooComplex`]. Every reader is linear in its input (`benches/scaling.sh` measures
//! instructions per byte at two sizes); [`find_each`] hands strings out one at a time for the
//! line-based kinds. `${VAR}`, `$VAR`, `%VAR%` and `{{ … }}` in a value are
//! unresolved references: [`Found::validate`] reports no value rule on them.
//!
//! ```
//! use zoomconn_sources::{self as sources, Kind, Options};
//! let file = r#"{
//!   // comments and trailing commas, as .NET reads appsettings.json
//!   "connectionStrings": {
//!     "Db": "Server=db;Database=UserProfileDB;Password=x",
//!     "Zoom": "Profile=Zoom.apip;Scope=\"a b\";AuthScheme=OAuth2",
//!   },
//! }"#;
//! let found = sources::find(file, Kind::Json, &Options::default())?;
//! assert_eq!(found.len(), 1);
//! assert_eq!(found[0].name(), Some("connectionStrings:Zoom"));
//! assert_eq!(found[0].text(), r#"Profile=Zoom.apip;Scope="a b";AuthScheme=OAuth2"#);
//! let checked = found[0].validate();
//! let finding = checked.findings().next().unwrap();
//! let in_file = found[0].file_range(checked.span(finding));
//! assert_eq!(&file[in_file], "OAuth2");
//! # Ok::<(), zoomconn_sources::SourceError>(())
//! ```

/// The README's Rust examples run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

mod allow;
mod classify;
mod code;
mod edit;
mod env;
mod error;
mod found;
mod ini;
mod json;
mod kind;
mod limits;
mod lines;
mod properties;
mod read;
mod refs;
mod text;
mod validate;
mod walk;
mod xml;
mod yaml;

pub use allow::Allowances;
pub use code::may_hold_cdata;
pub use edit::{edit, edit_all};
pub use error::{SourceError, SourceErrorKind};
pub use found::Found;
pub use kind::Kind;
pub use limits::{MAX_DEPTH, MAX_STRINGS};
pub use lines::LineIndex;
pub use read::{DEFAULT_MAX_SIZE, Decoded, decode, read_file, read_limited};
pub use validate::Checked;
pub use walk::{WalkEntry, WalkOptions, walk};

use found::{Candidate, Host};
use zoomconn::Syntax;

/// What to pick inside a file, and how to read the strings.
///
/// ```
/// use zoomconn_sources::Options;
/// let opts = Options::new().var("ZOOM").syntax(zoomconn::Syntax::Odbc);
/// assert_eq!(opts.vars, ["ZOOM"]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Entries to check by name, whatever they hold (see [`name_matches`]); when empty, every
    /// CData connection string.
    pub vars: Vec<String>,
    /// JSON: only strings under this JSON pointer (RFC 6901, `/ConnectionStrings`).
    pub json_pointer: Option<String>,
    /// Read every string with this syntax instead of telling it from the string (`--odbc`).
    pub syntax: Option<Syntax>,
}

impl Options {
    /// Every CData connection string, each read with the syntax it shows.
    ///
    /// ```
    /// assert_eq!(zoomconn_sources::Options::new(), Default::default());
    /// ```
    pub fn new() -> Options {
        Options::default()
    }

    /// Adds a name to pick.
    ///
    /// ```
    /// assert_eq!(zoomconn_sources::Options::new().var("A").var("B").vars, ["A", "B"]);
    /// ```
    pub fn var(mut self, name: impl Into<String>) -> Options {
        self.vars.push(name.into());
        self
    }

    /// Sets the JSON pointer.
    ///
    /// ```
    /// let o = zoomconn_sources::Options::new().json_pointer("/Zoom");
    /// assert_eq!(o.json_pointer.as_deref(), Some("/Zoom"));
    /// ```
    pub fn json_pointer(mut self, pointer: impl Into<String>) -> Options {
        self.json_pointer = Some(pointer.into());
        self
    }

    /// Forces a syntax.
    ///
    /// ```
    /// let o = zoomconn_sources::Options::new().syntax(zoomconn::Syntax::Odbc);
    /// assert_eq!(o.syntax, Some(zoomconn::Syntax::Odbc));
    /// ```
    pub fn syntax(mut self, syntax: Syntax) -> Options {
        self.syntax = Some(syntax);
        self
    }
}

/// Does `var` (from [`Options::vars`]) pick an entry named `name`? Names compare ignoring
/// ASCII case, as .NET configuration keys do; a var also matches the last part of a
/// configuration path or YAML key path (`Zoom` picks `ConnectionStrings:Zoom` and
/// `zoom.datasource.Zoom`).
///
/// ```
/// use zoomconn_sources::name_matches;
/// assert!(name_matches("zoom", "ConnectionStrings:Zoom"));
/// assert!(name_matches("ConnectionStrings:Zoom", "connectionstrings:zoom"));
/// assert!(!name_matches("Zoo", "Zoom"));
/// ```
pub fn name_matches(var: &str, name: &str) -> bool {
    name.eq_ignore_ascii_case(var)
        || name
            .rsplit([':', '.'])
            .next()
            .is_some_and(|last| last.eq_ignore_ascii_case(var))
}

/// What [`find_with`] found in a file.
///
/// ```
/// let scan = zoomconn_sources::find_with("{}", zoomconn_sources::Kind::Json, &zoomconn_sources::Options::new().json_pointer("/A"))?;
/// assert!(scan.found.is_empty() && !scan.pointer_found);
/// # Ok::<(), zoomconn_sources::SourceError>(())
/// ```
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Scan {
    /// The connection strings, in file order.
    pub found: Vec<Found>,
    /// Did [`Options::json_pointer`] name a place in the file? (`true` without a pointer;
    /// `false` for a pointer and a file that is not JSON.)
    pub pointer_found: bool,
}

/// Reader test tables: file → `[(name, decoded text, file text of the value)]`.
#[cfg(test)]
pub(crate) type Table<'a> = &'a [(&'a str, &'a [(&'a str, &'a str, &'a str)])];

/// The entries a reader hands out, gathered (tests).
#[cfg(test)]
pub(crate) fn collect<R>(
    read: impl FnOnce(&mut dyn FnMut(Entry)) -> Result<R, SourceError>,
) -> Result<Vec<Entry>, SourceError> {
    let mut all = Vec::new();
    read(&mut |e| all.push(e))?;
    Ok(all)
}

/// An entry a reader found, before classification.
pub(crate) struct Entry {
    pub name: Option<String>,
    pub candidate: Candidate,
    pub host: Host,
    /// A driver description from elsewhere in the file (`[ODBC Data Sources]`).
    pub hint: Option<String>,
    /// Found by shape as part of a line — a string literal, an inline code span, the text
    /// after a comment's words — rather than as a whole line or a whole value: naming no
    /// profile or driver, it is a fragment of a string.
    pub piece: bool,
}

impl Entry {
    pub(crate) fn new(name: Option<String>, candidate: Candidate, host: Host) -> Entry {
        Entry {
            name,
            candidate,
            host,
            hint: None,
            piece: false,
        }
    }
}

/// Every CData connection string in `source`, read as `kind`.
///
/// With [`Options::vars`], the entries of those names instead, whatever they hold (checked
/// as Zoom strings unless their keys name another driver).
///
/// # Errors
///
/// [`SourceError`] with the position of the first problem when the file does not parse as
/// its kind (JSON, XML, YAML, INI). Text, `.env`, `.properties` and source code always read.
///
/// ```
/// use zoomconn_sources::{self as sources, Kind, Options};
/// let env = "DB=Server=x;Database=profiles\nZOOM=\"Profile=Zoom.apip;AuthScheme=OAuth\"\n";
/// let found = sources::find(env, Kind::Env, &Options::default())?;
/// assert_eq!((found.len(), found[0].name()), (1, Some("ZOOM")));
/// # Ok::<(), zoomconn_sources::SourceError>(())
/// ```
pub fn find(source: &str, kind: Kind, options: &Options) -> Result<Vec<Found>, SourceError> {
    find_with(source, kind, options).map(|scan| scan.found)
}

/// [`find`], and whether the JSON pointer named a place in the file.
///
/// # Errors
///
/// As [`find`].
///
/// ```
/// use zoomconn_sources::{self as sources, Kind, Options};
/// let file = r#"{"Zoom": {"Main": "Profile=Zoom.apip;AuthScheme=OAuth"}}"#;
/// let scan = sources::find_with(file, Kind::Json, &Options::new().json_pointer("/Zoom"))?;
/// assert!(scan.pointer_found);
/// assert_eq!(scan.found[0].name(), Some("Zoom:Main"));
/// # Ok::<(), zoomconn_sources::SourceError>(())
/// ```
pub fn find_with(source: &str, kind: Kind, options: &Options) -> Result<Scan, SourceError> {
    let mut found = Vec::new();
    let pointer_found = find_each(source, kind, options, &mut |f| found.push(f))?;
    Ok(Scan {
        found,
        pointer_found,
    })
}

/// [`find`], handing each string to `visit` as it is found, so that memory holds one string
/// at a time for text, `.env`, `.properties` and source files (structured files are read to
/// their end first, holding only the strings found, so that a file that does not parse gives
/// no string). Returns whether the JSON pointer named a place in the file.
///
/// # Errors
///
/// As [`find`], and [`SourceErrorKind::TooComplex`] for a JSON, XML, YAML or INI file past
/// [`MAX_DEPTH`] levels of nesting or [`MAX_STRINGS`] strings; `visit` has seen nothing then.
///
/// ```
/// use zoomconn_sources::{self as sources, Kind, Options};
/// let mut names = Vec::new();
/// sources::find_each("A=Profile=Zoom.apip;AuthScheme=OAuth\nB=x\n", Kind::Env, &Options::new(), &mut |f| {
///     names.push(f.name().unwrap_or_default().to_owned())
/// })?;
/// assert_eq!(names, ["A"]);
/// # Ok::<(), zoomconn_sources::SourceError>(())
/// ```
pub fn find_each(
    source: &str,
    kind: Kind,
    options: &Options,
    visit: &mut dyn FnMut(Found),
) -> Result<bool, SourceError> {
    let lines = LineIndex::new(source);
    // Data source sections are ODBC strings.
    let syntax = match kind {
        Kind::OdbcIni => options.syntax.or(Some(Syntax::Odbc)),
        _ => options.syntax,
    };
    // Readers that can fail hand entries out as they read; the strings found are held until
    // the file has read to its end, so that a file that does not parse gives none. Memory
    // holds the strings found (at most `MAX_STRINGS`), never an entry per value. Other kinds
    // hand each string out as it is found, holding none: they need no such bound.
    let mut held = parsed(kind).then(Vec::new);
    let mut count = 0usize;
    let mut error = None;
    let mut classify_entry = |entry: Entry| {
        let text = &entry.candidate.text;
        let class = if kind == Kind::Text && options.vars.is_empty() {
            // `--input text`: every line is a connection string, whatever it holds.
            classify::Class::chosen(text, syntax, None)
        } else if options.vars.is_empty() {
            match classify::classify(text, syntax, entry.hint.as_deref()) {
                // Found by shape in a literal or inside a line of code or docs, naming no
                // profile, driver or `jdbc:` prefix: a piece of a string
                // (`InitiateOAuth=OFF;OAuthAccessToken=…` in a README, one literal of a
                // concatenation), not a whole one.
                Some(mut c) if entry.piece => {
                    c.fragment = c.profile.is_none() && c.driver.is_none() && c.prefix == 0;
                    c
                }
                Some(c) => c,
                None => return,
            }
        } else {
            let picked = entry
                .name
                .as_deref()
                .is_some_and(|n| options.vars.iter().any(|v| name_matches(v, n)));
            if !picked {
                return;
            }
            classify::Class::chosen(text, syntax, entry.hint.as_deref())
        };
        if error.is_some() {
            return;
        }
        if held.is_some() {
            if count == MAX_STRINGS {
                error = Some(limits::too_many(source, entry.candidate.file_start()));
                return;
            }
            count += 1;
        }
        let start = lines.locate(source, entry.candidate.file_start());
        let found = Found {
            text: entry.candidate.text,
            runs: entry.candidate.runs,
            kind,
            host: entry.host,
            name: entry.name,
            class,
            start,
        };
        match held.as_mut() {
            Some(held) => held.push(found),
            None => visit(found),
        }
    };
    let pointer_found = entries(source, kind, options, &mut classify_entry)?;
    if let Some(error) = error {
        return Err(error);
    }
    held.into_iter().flatten().for_each(visit);
    Ok(pointer_found)
}

/// Is `kind` a format that can fail to parse (JSON, XML, YAML, INI)?
fn parsed(kind: Kind) -> bool {
    !matches!(kind, Kind::Text | Kind::Env | Kind::Properties | Kind::Code)
}

/// The entries of a file, unclassified, handed to `out`; whether the JSON pointer named a
/// place in the file. Readers that can fail may have handed some entries out before their
/// error.
pub(crate) fn entries(
    source: &str,
    kind: Kind,
    options: &Options,
    out: &mut dyn FnMut(Entry),
) -> Result<bool, SourceError> {
    match kind {
        Kind::Text => text::find(source, out),
        Kind::Env => env::find(source, out),
        Kind::Properties => properties::find(source, out),
        Kind::Code => code::find(source, out),
        Kind::Json => return json::find(source, options.json_pointer.as_deref(), out),
        Kind::Xml => xml::find(source, out)?,
        Kind::Yaml => yaml::find(source, out)?,
        Kind::Ini => ini::find(source, ini::Mode::Values, out)?,
        Kind::OdbcIni => ini::find(source, ini::Mode::Sections, out)?,
        Kind::Prp => ini::find(source, ini::Mode::WholeFile, out)?,
    }
    Ok(options.json_pointer.is_none())
}
