//! Walking directories as ripgrep does, with its `ignore` crate: `.gitignore` (in a git
//! repository), `.ignore` and `.rgignore` files honoured, hidden files skipped — except
//! `.env` files, `.odbc.ini` and `.github/`, which zoomconn exists for — `--glob` overrides,
//! several threads. `.git` is never walked. Paths given by name are always visited.

use std::path::{Path, PathBuf};

use ignore::WalkBuilder;
use ignore::overrides::OverrideBuilder;

use super::{Kind, SourceError, SourceErrorKind};

/// How to walk directories; the switches are ripgrep's.
///
/// ```
/// let o = zoomconn_sources::WalkOptions::new().hidden(true).threads(1);
/// assert!(o.hidden && !o.no_ignore);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct WalkOptions {
    /// Visit hidden files and directories (`--hidden`); hidden `.env` files, `.odbc.ini` and
    /// `.github/` are visited either way.
    pub hidden: bool,
    /// Do not honour `.gitignore`, `.ignore` and similar files (`--no-ignore`).
    pub no_ignore: bool,
    /// Globs that pick files (`--glob '*.json'`) or leave them out (`--glob '!target/'`).
    pub globs: Vec<String>,
    /// Threads; 1 walks in one thread, in file-name order.
    pub threads: usize,
}

impl Default for WalkOptions {
    fn default() -> WalkOptions {
        WalkOptions {
            hidden: false,
            no_ignore: false,
            globs: Vec::new(),
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }
}

impl WalkOptions {
    /// Ignore files honoured, hidden files skipped, one thread per core.
    ///
    /// ```
    /// assert!(zoomconn_sources::WalkOptions::new().threads >= 1);
    /// ```
    pub fn new() -> WalkOptions {
        WalkOptions::default()
    }

    /// Sets [`hidden`](Self::hidden).
    ///
    /// ```
    /// assert!(zoomconn_sources::WalkOptions::new().hidden(true).hidden);
    /// ```
    pub fn hidden(mut self, yes: bool) -> WalkOptions {
        self.hidden = yes;
        self
    }

    /// Sets [`no_ignore`](Self::no_ignore).
    ///
    /// ```
    /// assert!(zoomconn_sources::WalkOptions::new().no_ignore(true).no_ignore);
    /// ```
    pub fn no_ignore(mut self, yes: bool) -> WalkOptions {
        self.no_ignore = yes;
        self
    }

    /// Adds a glob.
    ///
    /// ```
    /// assert_eq!(zoomconn_sources::WalkOptions::new().glob("*.json").globs, ["*.json"]);
    /// ```
    pub fn glob(mut self, glob: impl Into<String>) -> WalkOptions {
        self.globs.push(glob.into());
        self
    }

    /// Sets the number of threads (at least 1).
    ///
    /// ```
    /// assert_eq!(zoomconn_sources::WalkOptions::new().threads(0).threads, 1);
    /// ```
    pub fn threads(mut self, n: usize) -> WalkOptions {
        self.threads = n.max(1);
        self
    }
}

/// What [`walk`] visits.
#[derive(Debug)]
#[non_exhaustive]
pub enum WalkEntry {
    /// A file to read: found in a directory, or named (`explicit`; also stdin as `-`, devices
    /// and FIFOs).
    File {
        /// Its path.
        path: PathBuf,
        /// Named by the caller rather than found in a directory.
        explicit: bool,
    },
    /// A path that cannot be walked (a missing path, a directory that cannot be listed).
    Error {
        /// The path.
        path: PathBuf,
        /// Why.
        error: SourceError,
    },
}

/// Visits every file under `roots`: a root that is not a directory is visited as named;
/// directories are walked. `visit` runs on the walker's threads.
///
/// # Errors
///
/// An invalid glob.
///
/// ```
/// use std::sync::Mutex;
/// use zoomconn_sources::{walk, WalkEntry, WalkOptions};
/// let dir = std::env::temp_dir().join(format!("zoomconn-doc-walk-{}", std::process::id()));
/// let _ = std::fs::remove_dir_all(&dir);
/// std::fs::create_dir_all(dir.join("sub"))?;
/// std::fs::write(dir.join("sub/a.env"), "A=1")?;
/// std::fs::write(dir.join(".hidden.yml"), "B: 1")?;
/// std::fs::write(dir.join(".env"), "B=1")?;
/// let seen = Mutex::new(Vec::new());
/// walk(&[dir.clone()], &WalkOptions::new().threads(1), &|e| {
///     if let WalkEntry::File { path, .. } = e {
///         seen.lock().unwrap().push(path.strip_prefix(&dir).unwrap().to_owned());
///     }
/// })?;
/// assert_eq!(seen.into_inner().unwrap(), [std::path::Path::new(".env"), std::path::Path::new("sub/a.env")]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn walk(
    roots: &[PathBuf],
    options: &WalkOptions,
    visit: &(dyn Fn(WalkEntry) + Sync),
) -> Result<(), SourceError> {
    let mut dirs = Vec::new();
    for root in roots {
        if root.as_os_str() == "-" {
            visit(WalkEntry::File {
                path: root.clone(),
                explicit: true,
            });
            continue;
        }
        match std::fs::metadata(root) {
            Ok(m) if m.is_dir() => dirs.push(root.clone()),
            Ok(_) => visit(WalkEntry::File {
                path: root.clone(),
                explicit: true,
            }),
            Err(e) => visit(WalkEntry::Error {
                path: root.clone(),
                error: SourceError::new(SourceErrorKind::Unreadable, format!("cannot read: {e}")),
            }),
        }
    }
    let Some((first, rest)) = dirs.split_first() else {
        return Ok(());
    };
    let mut builder = WalkBuilder::new(first);
    for d in rest {
        builder.add(d);
    }
    builder
        .standard_filters(!options.no_ignore)
        .hidden(false)
        .threads(options.threads);
    // Hidden files and directories are skipped as ripgrep skips them, except what zoomconn
    // exists for: `.env`, `.env.*` and `.odbc.ini` files, and `.github` (workflows' `env:`).
    // `.git` is never walked.
    let show_hidden = options.hidden;
    builder.filter_entry(move |e| {
        let name = e.file_name().to_string_lossy();
        if e.depth() == 0 || !name.starts_with('.') {
            return true;
        }
        if name == ".git" {
            return false;
        }
        let is_dir = e.file_type().is_some_and(|t| t.is_dir());
        show_hidden
            || (is_dir && name == ".github")
            || (!is_dir && matches!(Kind::from_path(e.path()), Kind::Env | Kind::OdbcIni))
    });
    if !options.globs.is_empty() {
        let mut o = OverrideBuilder::new(".");
        for g in &options.globs {
            o.add(g).map_err(|e| {
                SourceError::new(
                    SourceErrorKind::Unreadable,
                    format!("invalid glob `{g}`: {e}"),
                )
            })?;
        }
        let o = o.build().map_err(|e| {
            SourceError::new(SourceErrorKind::Unreadable, format!("invalid glob: {e}"))
        })?;
        builder.overrides(o);
    }
    let handle = |entry: Result<ignore::DirEntry, ignore::Error>| match entry {
        Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => visit(WalkEntry::File {
            path: e.into_path(),
            explicit: false,
        }),
        Ok(_) => {}
        Err(err) => {
            let path = error_path(&err).map_or_else(PathBuf::new, Path::to_path_buf);
            visit(WalkEntry::Error {
                path,
                error: SourceError::new(
                    SourceErrorKind::Unreadable,
                    format!("cannot read: {}", io_message(&err)),
                ),
            });
        }
    };
    if options.threads <= 1 {
        builder.sort_by_file_name(|a, b| a.cmp(b));
        for entry in builder.build() {
            handle(entry);
        }
    } else {
        builder.build_parallel().run(|| {
            Box::new(|entry| {
                handle(entry);
                ignore::WalkState::Continue
            })
        });
    }
    Ok(())
}

fn error_path(e: &ignore::Error) -> Option<&Path> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}

fn io_message(e: &ignore::Error) -> String {
    match e {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => io_message(err),
        other => other.to_string(),
    }
}
