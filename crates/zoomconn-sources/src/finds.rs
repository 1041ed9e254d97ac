//! [`find`]: the one way to read the connection strings of a file — an iterator, [`Finds`],
//! that reads line-based files (text, `.env`, `.properties`, source code) a line at a time as
//! it is advanced, and parses structured files (JSON, XML, YAML, INI) whole before handing out
//! their first string, so that a file that does not parse gives an error and no string.

use std::collections::VecDeque;

use zoomconn::Syntax;

use super::classify::{self, Class};
use super::{
    Entry, Found, Kind, Language, LineIndex, Options, SourceError, code, env, ini, json,
    name_matches, properties, text, xml, yaml,
};

/// The connection strings of a file, in file order, as [`find`] reads them.
///
/// An iterator of [`Found`]: for text, `.env`, `.properties` and source files memory holds one
/// line's strings at a time; structured files were parsed when [`find`] returned.
///
/// ```
/// use zoomconn_sources::{self as sources, Kind, Options};
/// let file = r#"{"Zoom": {"Main": "Profile=Zoom.apip;AuthScheme=OAuth"}}"#;
/// let mut finds = sources::find(file, Kind::Json, &Options::new().json_pointer("/Zoom"))?;
/// assert!(finds.pointer_matched());
/// assert_eq!(finds.next().map(|f| f.name().map(str::to_owned)), Some(Some("Zoom:Main".to_owned())));
/// assert!(finds.next().is_none());
/// # Ok::<(), zoomconn_sources::SourceError>(())
/// ```
pub struct Finds<'a> {
    source: &'a str,
    kind: Kind,
    vars: Vec<String>,
    syntax: Option<Syntax>,
    lines: LineIndex,
    entries: Entries<'a>,
    pointer_matched: bool,
}

impl std::fmt::Debug for Finds<'_> {
    // The strings may hold secrets: only what kind of file is read shows.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Finds")
            .field("kind", &self.kind)
            .field("pointer_matched", &self.pointer_matched)
            .finish_non_exhaustive()
    }
}

impl Finds<'_> {
    /// Did [`Options::json_pointer`] name a place in the file? `true` without a pointer;
    /// `false` for a pointer and a file that is not JSON. Known before any string is read.
    ///
    /// ```
    /// use zoomconn_sources::{self as sources, Kind, Options};
    /// let with = |p: &str| Options::new().json_pointer(p);
    /// assert!(!sources::find("{}", Kind::Json, &with("/A"))?.pointer_matched());
    /// assert!(sources::find(r#"{"A": 1}"#, Kind::Json, &with("/A"))?.pointer_matched());
    /// assert!(sources::find("", Kind::Env, &Options::new())?.pointer_matched());
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn pointer_matched(&self) -> bool {
        self.pointer_matched
    }

    /// The entry as a connection string, or `None` when it is not one (or not picked).
    fn classify(&self, entry: Entry) -> Option<Found> {
        let text = &entry.candidate.text;
        // Data source sections are ODBC strings.
        let syntax = match self.kind {
            Kind::OdbcIni => self.syntax.or(Some(Syntax::Odbc)),
            _ => self.syntax,
        };
        let class = if self.kind == Kind::Text && self.vars.is_empty() {
            // `--input text`: every line is a connection string, whatever it holds.
            Class::chosen(text, syntax, None)
        } else if self.vars.is_empty() {
            let mut c = classify::classify(text, syntax, entry.hint.as_deref())?;
            // Found by shape in a literal or inside a line of code or docs, naming no
            // profile, driver or `jdbc:` prefix: a piece of a string
            // (`InitiateOAuth=OFF;OAuthAccessToken=…` in a README, one literal of a
            // concatenation), not a whole one.
            if entry.piece {
                c.fragment = c.profile.is_none() && c.driver.is_none() && c.prefix == 0;
            }
            c
        } else {
            let picked = entry
                .name
                .as_deref()
                .is_some_and(|n| self.vars.iter().any(|v| name_matches(v, n)));
            if !picked {
                return None;
            }
            Class::chosen(text, syntax, entry.hint.as_deref())
        };
        let start = self.lines.locate(self.source, entry.candidate.file_start());
        Some(Found {
            text: entry.candidate.text,
            runs: entry.candidate.runs,
            kind: self.kind,
            host: entry.host,
            name: entry.name,
            class,
            start,
        })
    }
}

impl Iterator for Finds<'_> {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        loop {
            let entry = self.entries.next()?;
            if let Some(found) = self.classify(entry) {
                return Some(found);
            }
        }
    }
}

impl std::iter::FusedIterator for Finds<'_> {}

/// Every CData connection string in `source`, read as `kind`, in file order.
///
/// With [`Options::vars`], the entries of those names instead, whatever they hold (checked
/// as Zoom strings unless their keys name another driver). [`Finds::pointer_matched`] tells
/// whether [`Options::json_pointer`] named a place in the file.
///
/// # Errors
///
/// [`SourceError`] with the position of the first problem when the file does not parse as
/// its kind (JSON, XML, YAML, INI); no string has been read then. Text, `.env`,
/// `.properties` and source code always read.
///
/// ```
/// use zoomconn_sources::{self as sources, Kind, Options};
/// let env = "DB=Server=x;Database=profiles\nZOOM=\"Profile=Zoom.apip;AuthScheme=OAuth\"\n";
/// let found: Vec<_> = sources::find(env, Kind::Env, &Options::default())?.collect();
/// assert_eq!((found.len(), found[0].name()), (1, Some("ZOOM")));
/// # Ok::<(), zoomconn_sources::SourceError>(())
/// ```
pub fn find<'a>(source: &'a str, kind: Kind, options: &Options) -> Result<Finds<'a>, SourceError> {
    let (entries, pointer_matched) = Entries::new(source, kind, options)?;
    Ok(Finds {
        source,
        kind,
        vars: options.vars.clone(),
        syntax: options.syntax,
        lines: LineIndex::new(source),
        entries,
        pointer_matched,
    })
}

/// The entries of a file, unclassified, in file order.
pub(crate) enum Entries<'a> {
    /// A structured file, parsed whole.
    Parsed(std::vec::IntoIter<Entry>),
    /// A line-based file, read a step at a time.
    Lines {
        source: &'a str,
        reader: LineReader,
        at: usize,
        pending: VecDeque<Entry>,
    },
}

/// The readers of line-based files, and what each keeps between steps.
pub(crate) enum LineReader {
    Text,
    Env,
    Properties,
    /// How far the source was read (past a literal over several lines).
    Code {
        done_until: usize,
        /// The language whose escapes the literals use, when known.
        lang: Option<Language>,
    },
}

impl<'a> Entries<'a> {
    /// The entries of `source` read as `kind`, and whether the options' JSON pointer named a
    /// place in it. Readers that can fail finish before handing anything out.
    pub(crate) fn new(
        source: &'a str,
        kind: Kind,
        options: &Options,
    ) -> Result<(Entries<'a>, bool), SourceError> {
        let pointer = options.json_pointer.as_deref();
        let lines = |reader| Entries::Lines {
            source,
            reader,
            at: 0,
            pending: VecDeque::new(),
        };
        let parsed = |entries: Vec<Entry>| Entries::Parsed(entries.into_iter());
        let entries = match kind {
            Kind::Text => lines(LineReader::Text),
            Kind::Env => lines(LineReader::Env),
            Kind::Properties => lines(LineReader::Properties),
            Kind::Code => lines(LineReader::Code {
                done_until: 0,
                lang: options.language,
            }),
            Kind::Json => {
                let (entries, matched) = json::find(source, pointer)?;
                return Ok((parsed(entries), matched));
            }
            Kind::Xml => parsed(xml::find(source)?),
            Kind::Yaml => parsed(yaml::find(source)?),
            Kind::Ini => parsed(ini::find(source, ini::Mode::Values)?),
            Kind::OdbcIni => parsed(ini::find(source, ini::Mode::Sections)?),
            Kind::Prp => parsed(ini::find(source, ini::Mode::WholeFile)?),
        };
        Ok((entries, pointer.is_none()))
    }
}

impl Iterator for Entries<'_> {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        match self {
            Entries::Parsed(entries) => entries.next(),
            Entries::Lines {
                source,
                reader,
                at,
                pending,
            } => loop {
                if let Some(entry) = pending.pop_front() {
                    return Some(entry);
                }
                if *at >= source.len() {
                    return None;
                }
                let out = &mut |e| pending.push_back(e);
                match reader {
                    LineReader::Text => text::step(source, at, out),
                    LineReader::Env => env::step(source, at, out),
                    LineReader::Properties => properties::step(source, at, out),
                    LineReader::Code { done_until, lang } => {
                        code::step(source, at, done_until, *lang, out)
                    }
                }
            },
        }
    }
}
