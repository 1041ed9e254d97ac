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
//! * JSON: `jsonc-parser` (dprint's): comments and trailing commas as .NET accepts them,
//!   byte ranges for every node, a nesting limit (no stack overflow on `[[[[…`); `serde_json`
//!   rejects comments and reports no spans.
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
//! near the limit. Every reader is linear in its input (`benches/scaling.sh` measures
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
mod calls;
mod classify;
mod code;
mod edit;
mod env;
mod error;
mod evidence;
mod found;
mod ini;
mod json;
mod kind;
mod lines;
mod prefilter;
mod properties;
mod read;
mod refs;
mod text;
mod validate;
mod walk;
mod xml;
mod yaml;

pub use allow::Allowances;
pub use edit::{edit, edit_all};
pub use error::{SourceError, SourceErrorKind};
pub use found::Found;
pub use kind::Kind;
pub use lines::LineIndex;
pub use prefilter::may_hold_cdata;
pub use read::{
    DEFAULT_MAX_SIZE, Decoded, decode, decode_as, not_binary, read_bytes, read_file, read_limited,
};
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
    /// Handed whole to a CData connection type (`new AccessConnection(…)`).
    pub call: bool,
}

impl Entry {
    pub(crate) fn new(name: Option<String>, candidate: Candidate, host: Host) -> Entry {
        Entry {
            name,
            candidate,
            host,
            hint: None,
            piece: false,
            call: false,
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
/// at a time for text, `.env`, `.properties` and source files (structured files are parsed
/// whole first, so that a file that does not parse gives no string). Returns whether the
/// JSON pointer named a place in the file.
///
/// # Errors
///
/// As [`find`]; `visit` has seen nothing then.
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
    let evidence = evidence::scan(source);
    // Data source sections are ODBC strings.
    let syntax = match kind {
        Kind::OdbcIni => options.syntax.or(Some(Syntax::Odbc)),
        _ => options.syntax,
    };
    let mut classify_entry = |entry: Entry| {
        let text = &entry.candidate.text;
        let class = if kind == Kind::Text && options.vars.is_empty() {
            // `--input text`: every line is a connection string, whatever it holds.
            classify::Class::chosen(text, syntax, None)
        } else if options.vars.is_empty() {
            // A whole `.prp` file is a connection string by its own keys only: the file's
            // evidence (`DriverClass=cdata.jdbc.…`) speaks of the strings in it.
            let whole_file = kind == Kind::Prp && entry.name.is_none();
            let ctx = classify::Context {
                hint: entry.hint.as_deref(),
                file: (!whole_file).then_some(&evidence),
                call: entry.call,
            };
            match classify::classify_in(text, syntax, &ctx) {
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
        let start = lines.locate(source, entry.candidate.file_start());
        visit(Found {
            text: entry.candidate.text,
            runs: entry.candidate.runs,
            kind,
            host: entry.host,
            name: entry.name,
            class,
            start,
        });
    };
    entries(source, kind, options, &evidence, &mut classify_entry)
}

/// The entries of a file, unclassified, handed to `out`; whether the JSON pointer named a
/// place in the file. Readers that can fail finish before handing anything out.
pub(crate) fn entries(
    source: &str,
    kind: Kind,
    options: &Options,
    evidence: &evidence::FileEvidence,
    out: &mut dyn FnMut(Entry),
) -> Result<bool, SourceError> {
    let whole = |entries: Vec<Entry>, out: &mut dyn FnMut(Entry)| entries.into_iter().for_each(out);
    match kind {
        Kind::Text => text::find(source, out),
        Kind::Env => env::find(source, out),
        Kind::Properties => properties::find(source, out),
        Kind::Code => code::find(source, evidence, out),
        Kind::Json => {
            let (entries, found) = json::find(source, options.json_pointer.as_deref())?;
            whole(entries, out);
            return Ok(found);
        }
        Kind::Xml => whole(xml::find(source)?, out),
        Kind::Yaml => whole(yaml::find(source)?, out),
        Kind::Ini => whole(ini::find(source, ini::Mode::Values)?, out),
        Kind::OdbcIni => whole(ini::find(source, ini::Mode::Sections)?, out),
        Kind::Prp => {
            whole(ini::find(source, ini::Mode::WholeFile)?, out);
            // A connection string in one property (`JdbcUrl=jdbc:onenote:…` in CData's MCP
            // server configuration).
            whole(
                ini::find(source, ini::Mode::Values).unwrap_or_default(),
                out,
            );
        }
    }
    Ok(options.json_pointer.is_none())
}
