//! [`find`]: the one way to read the connection strings of a file — an iterator, [`Finds`],
//! that reads line-based files (text, `.env`, `.properties`, source code) a line at a time as
//! it is advanced, and reads structured files (JSON, XML, YAML, INI) to their end before
//! handing out their first string, so that a file that does not parse gives an error and no
//! string. The values of a structured file are classified as its reader hands them out: memory
//! holds its connection strings (at most [`MAX_STRINGS`]), never an entry per value.

use std::collections::VecDeque;

use zoomconn::Syntax;

use super::classify::{self, Class};
use super::evidence::{self, FileEvidence};
use super::{
    Entry, Found, Kind, Language, LineIndex, MAX_STRINGS, Options, SourceError, code, env, ini,
    json, limits, name_matches, properties, text, xml, yaml,
};

/// The connection strings of a file, in file order, as [`find`] reads them.
///
/// An iterator of [`Found`]: for text, `.env`, `.properties` and source files memory holds one
/// line's strings at a time; structured files were read when [`find`] returned, and only their
/// connection strings are held.
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
    /// What the file shows of CData (imports, driver names, connection types).
    evidence: FileEvidence,
    state: State<'a>,
    pointer_matched: bool,
}

/// Where the strings a [`Finds`] hands out come from.
enum State<'a> {
    /// A structured file, read to its end by [`find`]: its connection strings.
    Found(std::vec::IntoIter<Found>),
    /// A line-based file, read a step at a time and classified as it is read.
    Lines(Entries<'a>),
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
            // A whole `.prp` file is a connection string by its own keys only: the file's
            // evidence (`DriverClass=cdata.jdbc.…`) speaks of the strings in it.
            let whole_file = self.kind == Kind::Prp && entry.name.is_none();
            let ctx = classify::Context {
                hint: entry.hint.as_deref(),
                file: (!whole_file).then_some(&self.evidence),
                call: entry.call,
            };
            let mut c = classify::classify_in(text, syntax, &ctx)?;
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
            let entry = match &mut self.state {
                State::Found(found) => return found.next(),
                State::Lines(entries) => entries.next()?,
            };
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
/// its kind (JSON, XML, YAML, INI), and [`SourceErrorKind::TooComplex`] when such a file nests
/// deeper than [`MAX_DEPTH`](crate::MAX_DEPTH) levels or holds more than [`MAX_STRINGS`]
/// connection strings; no string has been read then. Text, `.env`, `.properties` and source
/// code always read.
///
/// [`SourceErrorKind::TooComplex`]: crate::SourceErrorKind::TooComplex
///
/// ```
/// use zoomconn_sources::{self as sources, Kind, Options};
/// let env = "DB=Server=x;Database=profiles\nZOOM=\"Profile=Zoom.apip;AuthScheme=OAuth\"\n";
/// let found: Vec<_> = sources::find(env, Kind::Env, &Options::default())?.collect();
/// assert_eq!((found.len(), found[0].name()), (1, Some("ZOOM")));
/// # Ok::<(), zoomconn_sources::SourceError>(())
/// ```
pub fn find<'a>(source: &'a str, kind: Kind, options: &Options) -> Result<Finds<'a>, SourceError> {
    let mut finds = Finds {
        source,
        kind,
        vars: options.vars.clone(),
        syntax: options.syntax,
        lines: LineIndex::new(source),
        evidence: evidence::scan(source),
        state: State::Found(Vec::new().into_iter()),
        pointer_matched: options.json_pointer.is_none(),
    };
    if let Some(reader) = LineReader::of(source, kind, options, &finds.evidence) {
        finds.state = State::Lines(Entries::lines(source, reader));
        return Ok(finds);
    }
    // Each value is classified as the reader hands it out and only the connection strings
    // are held, until the file has read to its end.
    let mut found = Vec::new();
    let mut too_many = None;
    let pointer_matched = structured(source, kind, options, &mut |entry| {
        if too_many.is_some() {
            return;
        }
        let at = entry.candidate.file_start();
        if let Some(f) = finds.classify(entry) {
            if found.len() == MAX_STRINGS {
                too_many = Some(limits::too_many(source, at));
            } else {
                found.push(f);
            }
        }
    })?;
    if let Some(error) = too_many {
        return Err(error);
    }
    finds.pointer_matched = pointer_matched;
    finds.state = State::Found(found.into_iter());
    Ok(finds)
}

/// Reads a structured file (JSON, XML, YAML, INI), handing each entry to `out` as it is read;
/// whether the options' JSON pointer named a place in it. On an error, `out` may have seen
/// the entries before it.
fn structured(
    source: &str,
    kind: Kind,
    options: &Options,
    out: &mut dyn FnMut(Entry),
) -> Result<bool, SourceError> {
    let pointer = options.json_pointer.as_deref();
    match kind {
        Kind::Json => return json::find(source, pointer, out),
        Kind::Xml => xml::find(source, out)?,
        Kind::Yaml => yaml::find(source, out)?,
        Kind::Ini => ini::find(source, ini::Mode::Values, out)?,
        Kind::OdbcIni => ini::find(source, ini::Mode::Sections, out)?,
        Kind::Prp => {
            ini::find(source, ini::Mode::WholeFile, out)?;
            // A connection string in one property (`JdbcUrl=jdbc:onenote:…` in CData's MCP
            // server configuration); nothing of it when the file does not read so.
            let mut values = Vec::new();
            if ini::find(source, ini::Mode::Values, &mut |e| values.push(e)).is_ok() {
                values.into_iter().for_each(out);
            }
        }
        Kind::Text | Kind::Env | Kind::Properties | Kind::Code => {}
    }
    Ok(pointer.is_none())
}

/// The entries of a file, unclassified, in file order.
pub(crate) enum Entries<'a> {
    /// A structured file, read whole.
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
        /// What the file shows of CData.
        evidence: Box<FileEvidence>,
        /// The strings handed whole to a CData connection type, in file order, not yet
        /// handed out.
        calls: VecDeque<Entry>,
        /// The bytes those strings span: their literals are not read again one by one.
        covered: Vec<std::ops::Range<usize>>,
    },
}

impl LineReader {
    /// The reader of a line-based `kind` of `source`, whose evidence is `evidence`; `None` for
    /// a structured one.
    fn of(
        source: &str,
        kind: Kind,
        options: &Options,
        evidence: &FileEvidence,
    ) -> Option<LineReader> {
        Some(match kind {
            Kind::Text => LineReader::Text,
            Kind::Env => LineReader::Env,
            Kind::Properties => LineReader::Properties,
            Kind::Code => {
                let mut calls = Vec::new();
                let covered =
                    super::calls::find(source, options.language, evidence, &mut |e| calls.push(e));
                calls.sort_by_key(|e: &Entry| e.candidate.file_start());
                LineReader::Code {
                    done_until: 0,
                    lang: options.language,
                    evidence: Box::new(evidence.clone()),
                    calls: calls.into(),
                    covered,
                }
            }
            Kind::Json | Kind::Xml | Kind::Yaml | Kind::Ini | Kind::OdbcIni | Kind::Prp => {
                return None;
            }
        })
    }
}

impl<'a> Entries<'a> {
    /// The entries of `source` read as `kind`, every value of a structured file included
    /// (unclassified), and whether the options' JSON pointer named a place in it. Readers
    /// that can fail finish before handing anything out.
    pub(crate) fn new(
        source: &'a str,
        kind: Kind,
        options: &Options,
    ) -> Result<(Entries<'a>, bool), SourceError> {
        if let Some(reader) = LineReader::of(source, kind, options, &evidence::scan(source)) {
            return Ok((
                Entries::lines(source, reader),
                options.json_pointer.is_none(),
            ));
        }
        let mut entries = Vec::new();
        let matched = structured(source, kind, options, &mut |e| entries.push(e))?;
        Ok((Entries::Parsed(entries.into_iter()), matched))
    }

    /// The entries of a line-based file, from its start.
    fn lines(source: &'a str, reader: LineReader) -> Entries<'a> {
        Entries::Lines {
            source,
            reader,
            at: 0,
            pending: VecDeque::new(),
        }
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
                    return match reader {
                        LineReader::Code { calls, .. } => calls.pop_front(),
                        _ => None,
                    };
                }
                let out = &mut |e| pending.push_back(e);
                match reader {
                    LineReader::Text => text::step(source, at, out),
                    LineReader::Env => env::step(source, at, out),
                    LineReader::Properties => properties::step(source, at, out),
                    LineReader::Code {
                        done_until,
                        lang,
                        evidence,
                        calls,
                        covered,
                    } => {
                        code::step(source, at, done_until, *lang, evidence, covered, out);
                        // The strings of calls before those of this step come first, so that
                        // entries stay in file order.
                        let until = pending
                            .iter()
                            .map(|e| e.candidate.file_start())
                            .max()
                            .unwrap_or(*at)
                            .max(*at);
                        while calls
                            .front()
                            .is_some_and(|c| c.candidate.file_start() < until)
                        {
                            pending.extend(calls.pop_front());
                        }
                        pending
                            .make_contiguous()
                            .sort_by_key(|e| e.candidate.file_start());
                    }
                }
            },
        }
    }
}
