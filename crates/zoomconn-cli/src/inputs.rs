//! Reading the inputs of check, find and fmt: paths and directories walked in parallel, each
//! file read within the size limit, decoded, and read as its kind. Files are handed out in a
//! fixed order whatever the number of threads: the files named, in the order named, then the
//! files of the directories walked, in path order. They are read on several threads and put
//! back in that order before they are handed out.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

use zoomconn::Syntax;
use zoomconn_sources::{
    self as sources, Decoded, Found, Kind, Language, Options, SourceError, SourceErrorKind,
    WalkEntry, WalkOptions,
};

use crate::args::InputArgs;

/// The path of a walk entry, for ordering.
fn entry_path(entry: &WalkEntry) -> &Path {
    match entry {
        WalkEntry::File { path, .. } | WalkEntry::Error { path, .. } => path,
        _ => Path::new(""),
    }
}

/// Paths in path order (component by component, as [`Path`]'s `Ord`), compared as bytes
/// with the separator lowest, which gives the same order for the walk's paths at a fraction
/// of the cost.
fn path_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    let (a, b) = (
        a.as_os_str().as_encoded_bytes(),
        b.as_os_str().as_encoded_bytes(),
    );
    let low = |c: Option<&u8>| {
        c.map(|&c| {
            if std::path::is_separator(char::from(c)) {
                0
            } else {
                c
            }
        })
    };
    match a.iter().zip(b).position(|(x, y)| x != y) {
        None => a.len().cmp(&b.len()),
        Some(i) => low(a.get(i)).cmp(&low(b.get(i))),
    }
}

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
    /// A file read and decoded; `note`: how its encoding was guessed.
    File {
        shown: String,
        path: PathBuf,
        file: Decoded,
        kind: Kind,
        note: Option<SourceError>,
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
    /// Unparseable files, binary and oversized files are errors rather than notes.
    pub strict: bool,
}

/// What reading a file as its kind gave besides its strings: the reason it could not be read
/// as its kind (then it was searched by shape as text), a note rather than an error.
pub(crate) type ParseNote = Option<SourceError>;

/// Files read and handed out together.
const BATCH: usize = 32;

/// Batches read ahead of the one handed out, at most.
const WINDOW: usize = 16;

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
            strict: args.strict,
        }
    }

    /// Reads every input and hands it to `visit`, one at a time and in order: the files
    /// named, in the order named, then the files walked, in path order.
    pub(crate) fn each(&self, visit: &(dyn Fn(Loaded) + Sync)) -> Result<(), String> {
        let listed = Mutex::new(Vec::new());
        sources::walk(&self.paths, &self.walk, &|entry| {
            listed.lock().unwrap_or_else(|p| p.into_inner()).push(entry);
        })
        .map_err(|e| e.to_string())?;
        let mut entries = listed.into_inner().unwrap_or_else(|p| p.into_inner());
        // Named files first, as named (the walk hands them out first, on this thread); then
        // the walked files and errors by path.
        let named = entries
            .iter()
            .take_while(|e| matches!(e, WalkEntry::File { explicit: true, .. }))
            .count();
        if let Some(walked) = entries.get_mut(named..) {
            walked.sort_unstable_by(|a, b| path_order(entry_path(a), entry_path(b)));
        }
        let threads = self.walk.threads.clamp(1, entries.len().max(1));
        if threads == 1 {
            for entry in entries {
                visit(self.loaded(entry));
            }
            return Ok(());
        }
        // Files go out in batches, so that the threads meet once per batch, not per file.
        let mut batches: Vec<Mutex<Vec<WalkEntry>>> = Vec::new();
        let mut rest = entries.into_iter().peekable();
        while rest.peek().is_some() {
            batches.push(Mutex::new(rest.by_ref().take(BATCH).collect()));
        }
        let next = AtomicUsize::new(0);
        // The batches read and not yet handed out, and the next one to hand out.
        let ready = Mutex::new((BTreeMap::new(), 0usize));
        let arrived = Condvar::new();
        let room = Condvar::new();
        let work = || {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(batch) = batches.get(i) else { break };
                let batch = std::mem::take(&mut *batch.lock().unwrap_or_else(|p| p.into_inner()));
                // Stay within a window of the batch handed out last.
                let mut state = ready.lock().unwrap_or_else(|p| p.into_inner());
                while i >= state.1 + WINDOW {
                    state = room.wait(state).unwrap_or_else(|p| p.into_inner());
                }
                drop(state);
                let loaded: Vec<Loaded> = batch.into_iter().map(|e| self.loaded(e)).collect();
                let mut state = ready.lock().unwrap_or_else(|p| p.into_inner());
                state.0.insert(i, loaded);
                if i == state.1 {
                    arrived.notify_one();
                }
            }
        };
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(work);
            }
            // This thread hands the files out in order.
            for i in 0..batches.len() {
                let mut state = ready.lock().unwrap_or_else(|p| p.into_inner());
                let loaded = loop {
                    if let Some(l) = state.0.remove(&i) {
                        break l;
                    }
                    state = arrived.wait(state).unwrap_or_else(|p| p.into_inner());
                };
                state.1 = i + 1;
                room.notify_all();
                drop(state);
                loaded.into_iter().for_each(visit);
            }
        });
        Ok(())
    }

    fn loaded(&self, entry: WalkEntry) -> Loaded {
        match entry {
            WalkEntry::File { path, explicit } => self.load(path, explicit),
            WalkEntry::Error { path, error } => Loaded::Failed {
                shown: shown_path(&path),
                error,
            },
            _ => Loaded::Plain,
        }
    }

    fn load(&self, path: PathBuf, explicit: bool) -> Loaded {
        let shown = shown_path(&path);
        let stdin = path.as_os_str() == "-";
        let read = if stdin {
            sources::read_limited(std::io::stdin().lock(), self.max_size)
        } else {
            sources::read_bytes(&path, self.max_size)
        };
        let kind = self.kind.unwrap_or_else(|| {
            if stdin {
                Kind::Text
            } else {
                Kind::from_path(&path)
            }
        });
        // A file found in a directory is parsed only when it may hold a CData string (one
        // scan of its bytes for the words every CData string holds): a broken file of another
        // tool is no business of this walk, and a file without one of the words cannot hold
        // one.
        let selecting = !self.options.vars.is_empty() || self.options.json_pointer.is_some();
        let read = read.and_then(|bytes| {
            // NUL bytes outside UTF-16: a binary file, whatever words it holds.
            sources::not_binary(&bytes)?;
            if !explicit && !selecting && !sources::may_hold_cdata(&bytes) {
                return Ok(None);
            }
            sources::decode_as(bytes, kind).map(Some)
        });
        match read {
            Ok(None) => Loaded::Plain,
            Ok(Some(file)) => Loaded::File {
                shown,
                path,
                note: file.note(),
                file,
                kind,
            },
            Err(error) => {
                let skippable = matches!(
                    error.kind(),
                    SourceErrorKind::TooLarge | SourceErrorKind::Binary | SourceErrorKind::Encoding
                );
                if skippable && !explicit && !self.strict {
                    Loaded::Skipped { shown, error }
                } else {
                    Loaded::Failed { shown, error }
                }
            }
        }
    }

    /// The strings of a file, read strictly as its kind, as they are asked for (see
    /// [`sources::find`]); notes which `--var`s and pointer matched. `path` names the language
    /// of a source file.
    pub(crate) fn find<'a>(
        &'a self,
        source: &'a str,
        kind: Kind,
        path: &Path,
    ) -> Result<impl Iterator<Item = Found> + 'a, SourceError> {
        self.find_as(source, kind, path, true)
            .map(|(_, found)| found)
    }

    /// [`find`](Self::find), but a file that does not parse as its kind is searched by shape
    /// as text instead, and the parse failure comes back as a note beside the strings (an
    /// error with `--strict`). A file past the limits ([`SourceErrorKind::TooComplex`]) is an
    /// error either way.
    pub(crate) fn find_or_text<'a>(
        &'a self,
        source: &'a str,
        kind: Kind,
        path: &Path,
    ) -> Result<(ParseNote, impl Iterator<Item = Found> + 'a), SourceError> {
        self.find_as(source, kind, path, self.strict)
    }

    fn find_as<'a>(
        &'a self,
        source: &'a str,
        kind: Kind,
        path: &Path,
        strict: bool,
    ) -> Result<(ParseNote, impl Iterator<Item = Found> + 'a), SourceError> {
        let options = self.options.clone().language(Language::from_path(path));
        let (note, found) = match sources::find(source, kind, &options) {
            Ok(found) => (None, found),
            // A file past the limits is an error still: reading it as text would hide it.
            Err(error)
                if !strict && kind != Kind::Code && error.kind() != SourceErrorKind::TooComplex =>
            {
                (Some(error), sources::find(source, Kind::Code, &options)?)
            }
            Err(error) => return Err(error),
        };
        if note.is_none() && found.pointer_matched() && self.options.json_pointer.is_some() {
            self.pointer_matched.store(true, Ordering::Relaxed);
        }
        let found = found.inspect(|f| {
            if let Some(name) = f.name() {
                for (var, matched) in self.options.vars.iter().zip(&self.vars_matched) {
                    if sources::name_matches(var, name) {
                        matched.store(true, Ordering::Relaxed);
                    }
                }
            }
        });
        Ok((note, found))
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
