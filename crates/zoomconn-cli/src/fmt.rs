//! `zoomconn fmt`: connection strings in canonical form, changing only their bytes.

use std::io;
use std::path::Path;
use std::sync::Mutex;

use crate::render::{self, Shown};
use zoomconn::ConnectionString;
use zoomconn_sources::{self as sources, Decoded, Found};

use crate::ExitCode;
use crate::args::FmtArgs;
use crate::inputs::{Inputs, Loaded};
use crate::out::{Out, Shared};
use crate::write::{self, Snapshot, Through};

#[derive(Default)]
struct Tally {
    /// Files that differ from their canonical form (written, or shown with --check).
    changed: usize,
    /// Strings that do not parse.
    unparsable: usize,
    /// Files that could not be read, parsed, edited or written.
    failed: usize,
}

/// The canonical text of a found string (its `jdbc:` prefix kept), or the syntax error and
/// its file offset.
fn canonical(f: &Found) -> Result<String, (usize, String)> {
    match ConnectionString::parse_with(f.body(), f.syntax()) {
        Ok(cs) => Ok(format!("{}{}", f.prefix(), cs.to_canonical_string())),
        Err(e) => {
            let at = f.prefix().len() + e.offset();
            Err((f.file_range(at..at).start, e.message().to_owned()))
        }
    }
}

/// Writes the edited text over the file, in its encoding, if it is still what was read
/// (see [`crate::write`]).
fn write_back(path: &Path, file: &Decoded, edited: &str, through: Through) -> Result<(), String> {
    let cannot = |e: &dyn std::fmt::Display| format!("cannot write: {e}");
    let original = file.encode(file.text()).map_err(|e| cannot(&e))?;
    let bytes = file.encode(edited).map_err(|e| cannot(&e))?;
    let snapshot = Snapshot::of(path, &original).map_err(|e| cannot(&e))?;
    write::replace(path, &snapshot, &bytes, through).map_err(|e| e.to_string())
}

pub(crate) fn run(args: &FmtArgs, out: &mut Out) -> io::Result<ExitCode> {
    let inputs = Inputs::new(&args.input);
    let through = if args.force {
        Through::Link
    } else {
        Through::Rename
    };
    let state = Mutex::new((Shared::new(out), Tally::default()));
    let walked = inputs.each(&|loaded| {
        let lock = || state.lock().unwrap_or_else(|p| p.into_inner());
        let (shown, path, file, kind) = match loaded {
            Loaded::File {
                shown,
                path,
                file,
                kind,
                ..
            } => (shown, path, file, kind),
            Loaded::Skipped { .. } | Loaded::Plain => return,
            Loaded::Failed { shown, error } => {
                let (shown, error) = (Shown::new(&shown), Shown::message(&error.to_string()));
                eprintln!("error: {shown}: {error}");
                lock().1.failed += 1;
                return;
            }
        };
        // Every message below names the file as the one exit of text from input shows it.
        let shown = Shown::new(&shown);
        let stdin = path.as_os_str() == "-";
        let text = file.text();
        let found: Vec<Found> = match inputs.find(text, kind, &path) {
            Ok(f) => f.collect(),
            Err(error) => {
                let error = Shown::message(&error.to_string());
                eprintln!("error: {shown}: {error}");
                lock().1.failed += 1;
                return;
            }
        };
        let mut edits: Vec<(&Found, String)> = Vec::new();
        let mut unparsable = 0;
        for f in &found {
            // A data source section is one key per line already, and a fragment is a piece
            // of a string (a concatenation, a doc's example): nothing to rewrite.
            if f.kind() == sources::Kind::OdbcIni || f.is_fragment() {
                continue;
            }
            match canonical(f) {
                // A literal over several lines keeps the layout its author gave it; a string
                // whose escapes or readers leave its meaning open is never rewritten.
                Ok(new) if new != f.text() && !f.is_editable() => {
                    let p = f.start();
                    eprintln!(
                        "note: {shown}:{}:{}: kept as written: {}",
                        p.line,
                        p.column,
                        f.not_editable_reason().unwrap_or_default()
                    );
                }
                Ok(new) if new != f.text() => edits.push((f, new)),
                Ok(_) => {}
                Err((at, e)) => {
                    let p = zoomconn::Position::locate(text, at);
                    let e = Shown::message(&e);
                    eprintln!("error: {shown}:{}:{}: {e}", p.line, p.column);
                    unparsable += 1;
                }
            }
        }
        lock().1.unparsable += unparsable;
        if edits.is_empty() {
            if stdin && !args.check {
                lock().0.with(|o| o.text(text));
            }
            return;
        }
        if args.check {
            let mut s = lock();
            s.1.changed += 1;
            for (f, new) in &edits {
                let diff = render::diff_found(&shown, f, new);
                s.0.with(|o| o.text(&diff));
            }
            return;
        }
        let pairs: Vec<(&Found, &str)> = edits.iter().map(|(f, n)| (*f, n.as_str())).collect();
        let edited = match sources::edit_all(text, &pairs) {
            Ok(t) => t,
            Err(e) => {
                let e = Shown::message(&e.to_string());
                eprintln!("error: {shown}: not formatted, left untouched: {e}");
                lock().1.failed += 1;
                return;
            }
        };
        if stdin {
            let mut s = lock();
            s.1.changed += 1;
            s.0.with(|o| o.text(&edited));
            return;
        }
        let written = write_back(&path, &file, &edited, through);
        let mut s = lock();
        match written {
            Ok(()) => s.1.changed += 1,
            Err(e) => {
                let e = Shown::message(&e);
                eprintln!("error: {shown}: {e}");
                s.1.failed += 1;
            }
        }
    });
    let (shared, tally) = state.into_inner().unwrap_or_else(|p| p.into_inner());
    shared.finish()?;
    if let Err(e) = walked {
        eprintln!("error: {}", Shown::message(&e));
        return Ok(ExitCode::Trouble);
    }
    let unmatched = inputs.unmatched();
    for u in &unmatched {
        eprintln!("error: {}", Shown::message(u));
    }
    Ok(if tally.failed > 0 || !unmatched.is_empty() {
        ExitCode::Trouble
    } else if tally.unparsable > 0 || (args.check && tally.changed > 0) {
        ExitCode::Findings
    } else {
        ExitCode::Clean
    })
}
