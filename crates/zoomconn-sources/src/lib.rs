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
//! and, in the formats read to their end first, more than [`MAX_STRINGS`] connection strings
//! are [`SourceErrorKind::TooComplex`]. Every reader is linear in its input
//! (`benches/scaling.sh` measures instructions per byte at two sizes); [`find`] reads the
//! line-based kinds a line at a time as its iterator is advanced, and holds only the
//! connection strings of a structured file, not its values. `${VAR}`, `$VAR`, `%VAR%` and
//! `{{ … }}` in a value are unresolved references: [`Found::validate`] reports no value rule
//! on them.
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
//! let found: Vec<_> = sources::find(file, Kind::Json, &Options::default())?.collect();
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
mod escapes;
mod evidence;
mod finds;
mod found;
mod ini;
mod json;
mod kind;
mod language;
mod limits;
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
pub use finds::{Finds, find};
pub use found::Found;
pub use kind::{Kind, UnknownKind};
pub use language::Language;
pub use limits::{MAX_DEPTH, MAX_STRINGS};
pub use lines::LineIndex;
pub use prefilter::may_hold_cdata;
pub use read::{
    DEFAULT_MAX_SIZE, Decoded, decode, decode_as, not_binary, read_bytes, read_file, read_limited,
};
pub use validate::{Checked, ValidationKey};
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
    /// [`Kind::Code`]: the language whose string literals the file holds, which decides how
    /// every escape reads (see [`Language::from_path`]); `None`: the generic reader, which
    /// keeps escapes it does not know as written and marks their literals not editable.
    pub language: Option<Language>,
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

    /// Sets the language of a source file (see [`Options::language`](Self::language)).
    ///
    /// ```
    /// use zoomconn_sources::{self as sources, Kind, Language, Options};
    /// let js = "const z = \"Profile=Zoom.apip;Password=p\\x21\";\n";
    /// let opts = Options::new().language(Language::from_path("app.js".as_ref()));
    /// let found: Vec<_> = sources::find(js, Kind::Code, &opts)?.collect();
    /// assert!(found[0].text().ends_with("Password=p!"));
    /// assert!(found[0].is_editable());
    /// // Without the language, `\x21` is kept as written and the literal is not editable.
    /// let generic: Vec<_> = sources::find(js, Kind::Code, &Options::new())?.collect();
    /// assert!(generic[0].text().ends_with("Password=p\\x21"));
    /// assert!(!generic[0].is_editable());
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn language(mut self, language: Option<Language>) -> Options {
        self.language = language;
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

/// Reader test tables: file → `[(name, decoded text, file text of the value)]`.
#[cfg(test)]
pub(crate) type Table<'a> = &'a [(&'a str, &'a [(&'a str, &'a str, &'a str)])];

/// Checks a reader against its table: the entries `kind`'s reader finds in each file,
/// unclassified, as `(name or "", decoded text, the file's text of the value)`.
#[cfg(test)]
pub(crate) fn check_table(kind: Kind, table: Table<'_>) {
    for &(file, expected) in table {
        let got: Vec<(String, String, String)> = match read_entries(file, kind) {
            Ok(entries) => entries
                .into_iter()
                .map(|e| {
                    let range = e.candidate.file_start()..e.candidate.file_end();
                    (
                        e.name.unwrap_or_default(),
                        e.candidate.text,
                        file.get(range).unwrap_or("<not in the file>").to_owned(),
                    )
                })
                .collect(),
            Err(e) => panic!("{file:?}: {e}"),
        };
        let expected: Vec<(String, String, String)> = expected
            .iter()
            .map(|&(n, t, f)| (n.to_owned(), t.to_owned(), f.to_owned()))
            .collect();
        assert_eq!(got, expected, "{file:?}");
    }
}

/// The entries `kind`'s reader hands out for `file`, unclassified, or its error (reader
/// tests).
#[cfg(test)]
pub(crate) fn read_entries(file: &str, kind: Kind) -> Result<Vec<Entry>, SourceError> {
    finds::Entries::new(file, kind, &Options::new()).map(|(entries, _)| entries.collect())
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
