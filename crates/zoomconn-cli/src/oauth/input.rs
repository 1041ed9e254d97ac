//! Where the connection string of `zoomconn oauth` comes from: an argument, stdin, or one
//! connection string inside a file of any kind `check` reads.

use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};

use zoomconn::{Config, ConnectionString, Position};
use zoomconn_sources::{self as sources, Found, Kind, Options};

use super::{Failure, SourceArgs};
use crate::{read_input, shown_path};

/// The connection string and where it was read.
pub(super) struct Loaded {
    pub cs: ConnectionString,
    pub origin: Origin,
}

// One value per run: boxing the file's origin would buy nothing.
#[allow(clippy::large_enum_variant)]
pub(super) enum Origin {
    Argument,
    Stdin,
    File(FileOrigin),
}

/// A connection string inside a file: enough to find it again and replace it.
pub(super) struct FileOrigin {
    pub path: PathBuf,
    /// The file's text, and its encoding to write it back the same way.
    pub file: sources::Decoded,
    /// The file's text.
    pub source: String,
    pub kind: Kind,
    pub options: Options,
    /// Its index among what `sources::find` returns with `options`.
    pub index: usize,
    pub found: Found,
}

impl Loaded {
    /// Reads the connection string of `args`, or of `write` (the file to edit in place).
    pub(super) fn load(args: &SourceArgs, write: Option<&Path>) -> Result<Loaded, Failure> {
        let file = write.or(args.file.as_deref());
        let (text, origin) = match (file, args.string.as_deref()) {
            (Some(path), _) => {
                let origin = find_in_file(path, args)?;
                (origin.found.text().to_owned(), Origin::File(origin))
            }
            (None, Some(s)) if s != "-" => {
                let text = s.to_str().ok_or_else(|| {
                    Failure::usage("the connection string argument is not valid UTF-8")
                })?;
                (text.to_owned(), Origin::Argument)
            }
            (None, _) => {
                let mut buf = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut buf)
                    .map_err(|e| Failure::usage(format!("cannot read stdin: {e}")))?;
                let text = String::from_utf8(buf).map_err(|e| {
                    Failure::usage(format!(
                        "stdin is not valid UTF-8 (invalid byte at offset {})",
                        e.utf8_error().valid_up_to()
                    ))
                })?;
                let text = text.trim_end_matches(['\n', '\r']).to_owned();
                (text, Origin::Stdin)
            }
        };
        let mut loaded = Loaded {
            cs: ConnectionString::new(),
            origin,
        };
        loaded.cs = ConnectionString::parse(&text).map_err(|e| {
            Failure::findings(format!(
                "{}: {}",
                loaded.locate(&text, e.offset()..e.offset()),
                e.message()
            ))
        })?;
        Ok(loaded)
    }

    /// The validated config.
    pub(super) fn config(&self) -> Result<Config, Failure> {
        Config::try_from(&self.cs).map_err(|e| {
            let mut f = Failure::findings(format!(
                "{}: {}",
                self.locate(self.cs.as_str(), e.span()),
                e.message()
            ));
            f.help = e.help().map(str::to_owned);
            f
        })
    }

    /// `where:line:column` of a byte range of the connection string.
    fn locate(&self, text: &str, range: Range<usize>) -> String {
        match &self.origin {
            Origin::Argument => {
                let p = Position::locate(text, range.start);
                format!("<argument>:{}:{}", p.line, p.column)
            }
            Origin::Stdin => {
                let p = Position::locate(text, range.start);
                format!("<stdin>:{}:{}", p.line, p.column)
            }
            Origin::File(f) => {
                let at = f.found.file_range(range).start;
                let p = Position::locate(&f.source, at);
                format!("{}:{}:{}", shown_path(&f.path), p.line, p.column)
            }
        }
    }

    /// `true` when the connection string came from stdin.
    pub(super) fn from_stdin(args: &SourceArgs, write: Option<&Path>) -> bool {
        write.is_none() && args.file.is_none() && args.string.as_deref().is_none_or(|s| s == "-")
    }
}

fn find_in_file(path: &Path, args: &SourceArgs) -> Result<FileOrigin, Failure> {
    let shown = shown_path(path);
    let file = read_input(path).map_err(|e| Failure::usage(format!("{shown}: {e}")))?;
    let source = file.text().to_owned();
    // A `.txt` file named here holds one connection string per line, as it always did here.
    let txt = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"));
    let kind = args.input.unwrap_or_else(|| match Kind::from_path(path) {
        Kind::Code if txt => Kind::Text,
        k => k,
    });
    let mut options = Options::new().language(zoomconn_sources::Language::from_path(path));
    options.vars = args.var.iter().cloned().collect();
    options.json_pointer = args.json_pointer.clone();
    let found: Vec<Found> = sources::find(&source, kind, &options)
        .map_err(|e| Failure::usage(format!("{shown}: {e}")))?
        .collect();
    let line_of = |f: &Found| Position::locate(&source, f.file_range(0..0).start).line;
    let picked: Vec<(usize, &Found)> = found
        .iter()
        .enumerate()
        .filter(|(_, f)| args.line.is_none_or(|n| line_of(f) == n))
        .collect();
    match picked.as_slice() {
        [(index, f)] => Ok(FileOrigin {
            path: path.to_owned(),
            kind,
            options,
            index: *index,
            found: (*f).clone(),
            source: source.clone(),
            file: file.clone(),
        }),
        [] => {
            let which = match (&args.var, args.line) {
                (Some(v), Some(n)) => format!(" named {v} on line {n}"),
                (Some(v), None) => format!(" named {v}"),
                (None, Some(n)) => format!(" on line {n}"),
                (None, None) => String::new(),
            };
            Err(Failure::usage(format!(
                "{shown}: no connection string{which} found (read as {})",
                kind.name()
            )))
        }
        many => {
            let lines: Vec<String> = many.iter().map(|(_, f)| line_of(f).to_string()).collect();
            Err(Failure::usage(format!(
                "{shown} holds {} connection strings (lines {}): pick one with --var NAME or --line N",
                many.len(),
                lines.join(", ")
            )))
        }
    }
}
