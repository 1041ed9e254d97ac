//! Reading the inputs of check, find and fmt: paths and directories walked in parallel, each
//! file read within the size limit, decoded, and read as its kind.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use zoomconn::Syntax;
use zoomconn_sources::{
    self as sources, Decoded, Found, Kind, Language, Options, SourceError, SourceErrorKind,
    WalkEntry, WalkOptions,
};

use crate::args::InputArgs;

/// How a path is named in messages: `<stdin>` for `-`, and without a leading `./`.
pub(crate) fn shown_path(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".to_owned()
    } else {
        let s = path.display().to_string();
        s.strip_prefix("./").map(str::to_owned).unwrap_or(s)
    }
}

/// One input, read.
pub(crate) enum Loaded {
    /// A file found in a directory that holds no word of a CData string: not parsed.
    Plain,
    /// A file read and decoded.
    File {
        shown: String,
        path: PathBuf,
        file: Decoded,
        kind: Kind,
    },
    /// A file found in a directory and skipped (binary, not text, over the size limit).
    Skipped { shown: String, error: SourceError },
    /// A file that cannot be read (or a file named that is binary or too large).
    Failed { shown: String, error: SourceError },
}

/// The inputs of a command and what it asked to pick.
pub(crate) struct Inputs {
    paths: Vec<PathBuf>,
    kind: Option<Kind>,
    max_size: u64,
    walk: WalkOptions,
    pub options: Options,
    vars_matched: Vec<AtomicBool>,
    pointer_matched: AtomicBool,
}

impl Inputs {
    pub(crate) fn new(args: &InputArgs) -> Inputs {
        let mut options = Options::new();
        options.vars = args.var.clone();
        options.json_pointer = args.json_pointer.clone();
        if args.odbc {
            options.syntax = Some(Syntax::Odbc);
        }
        let mut walk = WalkOptions::new()
            .hidden(args.hidden)
            .no_ignore(args.no_ignore);
        if let Some(n) = args.threads {
            walk = walk.threads(n);
        }
        for g in &args.glob {
            walk = walk.glob(g);
        }
        let paths = if args.paths.is_empty() {
            vec![PathBuf::from("-")]
        } else {
            args.paths.clone()
        };
        Inputs {
            paths,
            kind: args.input,
            max_size: args.max_size,
            walk,
            vars_matched: args.var.iter().map(|_| AtomicBool::new(false)).collect(),
            pointer_matched: AtomicBool::new(false),
            options,
        }
    }

    /// Reads every input and hands it to `visit` (on the walker's threads).
    pub(crate) fn each(&self, visit: &(dyn Fn(Loaded) + Sync)) -> Result<(), String> {
        sources::walk(&self.paths, &self.walk, &|entry| match entry {
            WalkEntry::File { path, explicit } => visit(self.load(path, explicit)),
            WalkEntry::Error { path, error } => visit(Loaded::Failed {
                shown: shown_path(&path),
                error,
            }),
            _ => {}
        })
        .map_err(|e| e.to_string())
    }

    fn load(&self, path: PathBuf, explicit: bool) -> Loaded {
        let shown = shown_path(&path);
        let stdin = path.as_os_str() == "-";
        let read = if stdin {
            sources::read_limited(std::io::stdin().lock(), self.max_size).and_then(sources::decode)
        } else {
            sources::read_file(&path, self.max_size)
        };
        match read {
            Ok(file) => {
                // A file found in a directory is parsed only when it may hold a CData string:
                // a broken file of another tool (a Helm template, a test fixture) is no
                // business of this walk, and a file without one of the words cannot hold one.
                let selecting =
                    !self.options.vars.is_empty() || self.options.json_pointer.is_some();
                if !explicit && !selecting && !sources::may_hold_cdata(file.text()) {
                    return Loaded::Plain;
                }
                let kind = self.kind.unwrap_or_else(|| {
                    if stdin {
                        Kind::Text
                    } else {
                        Kind::from_path(&path)
                    }
                });
                Loaded::File {
                    shown,
                    path,
                    file,
                    kind,
                }
            }
            Err(error) => {
                let skippable = matches!(
                    error.kind(),
                    SourceErrorKind::TooLarge | SourceErrorKind::Binary | SourceErrorKind::Encoding
                );
                if skippable && !explicit {
                    Loaded::Skipped { shown, error }
                } else {
                    Loaded::Failed { shown, error }
                }
            }
        }
    }

    /// The strings of a file, read as they are asked for (see [`sources::find`]); notes
    /// which `--var`s and pointer matched. `path` names the language of a source file.
    pub(crate) fn find<'a>(
        &'a self,
        source: &'a str,
        kind: Kind,
        path: &Path,
    ) -> Result<impl Iterator<Item = Found> + 'a, SourceError> {
        let options = self.options.clone().language(Language::from_path(path));
        let found = sources::find(source, kind, &options)?;
        if found.pointer_matched() && self.options.json_pointer.is_some() {
            self.pointer_matched.store(true, Ordering::Relaxed);
        }
        Ok(found.inspect(|f| {
            if let Some(name) = f.name() {
                for (var, matched) in self.options.vars.iter().zip(&self.vars_matched) {
                    if sources::name_matches(var, name) {
                        matched.store(true, Ordering::Relaxed);
                    }
                }
            }
        }))
    }

    /// Usage errors found after reading: selectors that matched nothing.
    pub(crate) fn unmatched(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .options
            .vars
            .iter()
            .zip(&self.vars_matched)
            .filter(|(_, m)| !m.load(Ordering::Relaxed))
            .map(|(v, _)| format!("--var {v} matched no entry in the files read"))
            .collect();
        if let Some(p) = &self.options.json_pointer {
            if !self.pointer_matched.load(Ordering::Relaxed) {
                out.push(format!(
                    "--json-pointer {p} matched nothing in the JSON files read"
                ));
            }
        }
        out
    }
}
