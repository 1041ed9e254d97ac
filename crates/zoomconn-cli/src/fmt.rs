//! `zoomconn fmt`: connection strings in canonical form, changing only their bytes.

use std::io::Write;
use std::path::Path;
use std::sync::Mutex;

use crate::render;
use zoomconn::ConnectionString;
use zoomconn_sources::{self as sources, Found};

use crate::ExitCode;
use crate::args::FmtArgs;
use crate::inputs::{Inputs, Loaded};
use crate::out::Out;

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
            Err((f.file_range(at..at).start, e.to_string()))
        }
    }
}

/// Writes `bytes` to `path` atomically: a temporary file beside it, the original's
/// permissions, then a rename over it.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.zoomconn-{}.tmp", std::process::id()));
    let permissions = std::fs::metadata(&target)?.permissions();
    let result = (|| {
        let mut f = std::fs::File::create_new(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::set_permissions(&tmp, permissions)?;
        std::fs::rename(&tmp, &target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

pub(crate) fn run(args: &FmtArgs) -> ExitCode {
    let inputs = Inputs::new(&args.input);
    let state = Mutex::new((Out::new(), Tally::default()));
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
                eprintln!("error: {shown}: {error}");
                lock().1.failed += 1;
                return;
            }
        };
        let stdin = path.as_os_str() == "-";
        let text = file.text();
        let found = match inputs.find(text, kind) {
            Ok(f) => f,
            Err(error) => {
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
                // A literal over several lines keeps the layout its author gave it.
                Ok(new) if new != f.text() && !f.is_editable() => {
                    let p = f.start();
                    eprintln!(
                        "note: {shown}:{}:{}: kept as written: it is not one piece of text in the file",
                        p.line, p.column
                    );
                }
                Ok(new) if new != f.text() => edits.push((f, new)),
                Ok(_) => {}
                Err((at, e)) => {
                    let p = zoomconn::Position::locate(text, at);
                    eprintln!("error: {shown}:{}:{}: {e}", p.line, p.column);
                    unparsable += 1;
                }
            }
        }
        lock().1.unparsable += unparsable;
        if edits.is_empty() {
            if stdin && !args.check {
                lock().0.text(text);
            }
            return;
        }
        if args.check {
            let mut s = lock();
            s.1.changed += 1;
            for (f, new) in &edits {
                let p = f.start();
                s.0.text(&render::diff(
                    &shown,
                    p.line,
                    p.column,
                    f.text(),
                    new,
                    f.syntax(),
                ));
            }
            return;
        }
        let pairs: Vec<(&Found, &str)> = edits.iter().map(|(f, n)| (*f, n.as_str())).collect();
        let edited = match sources::edit_all(text, &pairs) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: {shown}: not formatted, left untouched: {e}");
                lock().1.failed += 1;
                return;
            }
        };
        if stdin {
            let mut s = lock();
            s.1.changed += 1;
            s.0.text(&edited);
            return;
        }
        let written = file
            .encode(&edited)
            .map_err(|e| e.to_string())
            .and_then(|bytes| write_atomic(&path, &bytes).map_err(|e| e.to_string()));
        let mut s = lock();
        match written {
            Ok(()) => s.1.changed += 1,
            Err(e) => {
                eprintln!("error: {shown}: cannot write: {e}");
                s.1.failed += 1;
            }
        }
    });
    let Ok((mut out, tally)) = state.into_inner() else {
        return ExitCode::Trouble;
    };
    out.flush();
    if let Err(e) = walked {
        eprintln!("error: {e}");
        return ExitCode::Trouble;
    }
    let unmatched = inputs.unmatched();
    for u in &unmatched {
        eprintln!("error: {u}");
    }
    if tally.failed > 0 || !unmatched.is_empty() {
        ExitCode::Trouble
    } else if tally.unparsable > 0 || (args.check && tally.changed > 0) {
        ExitCode::Findings
    } else {
        ExitCode::Clean
    }
}
