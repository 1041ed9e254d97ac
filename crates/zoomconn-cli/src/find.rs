//! `zoomconn find`: every CData connection string in the inputs, one line each.

use std::sync::Mutex;

use crate::render::{self, Diagnostic};

use crate::ExitCode;
use crate::args::{FindArgs, FindFormat};
use crate::inputs::{Inputs, Loaded};
use crate::out::Out;

#[derive(Default)]
struct Tally {
    files: usize,
    strings: usize,
    failed: usize,
    skipped: usize,
}

pub(crate) fn run(args: &FindArgs) -> ExitCode {
    let inputs = Inputs::new(&args.input);
    let state = Mutex::new((Out::new(), Tally::default()));
    let json = args.format == FindFormat::Json;
    let walked = inputs.each(&|loaded| {
        let lock = || state.lock().unwrap_or_else(|p| p.into_inner());
        match loaded {
            Loaded::File {
                shown, file, kind, ..
            } => {
                // The lock is taken at the first string, and kept to the end of the file.
                let mut guard = None;
                // Not parseable as its kind: searched by shape as text, noted on stderr.
                let mut noted = |error: &zoomconn_sources::SourceError| {
                    eprintln!("note: {shown}: {error}; searched as text");
                };
                let read = inputs.find_each(file.text(), kind, &mut noted, &mut |f| {
                    let s = guard.get_or_insert_with(lock);
                    s.1.strings += 1;
                    let line = if json {
                        render::found_json(&shown, &f)
                    } else {
                        render::found_human(&shown, &f)
                    };
                    s.0.line(&line);
                });
                let s = guard.get_or_insert_with(lock);
                s.1.files += 1;
                if let Err(error) = read {
                    failed(s, &shown, &error, json);
                }
            }
            Loaded::Plain => lock().1.files += 1,
            Loaded::Skipped { .. } => lock().1.skipped += 1,
            Loaded::Failed { shown, error } => failed(&mut lock(), &shown, &error, json),
        }
    });
    let Ok((mut out, tally)) = state.into_inner() else {
        return ExitCode::Trouble;
    };
    if let Err(e) = walked {
        eprintln!("error: {e}");
        return ExitCode::Trouble;
    }
    if !json {
        out.line(&format!(
            "{} connection string{} found in {} file{} read",
            tally.strings,
            if tally.strings == 1 { "" } else { "s" },
            tally.files,
            if tally.files == 1 { "" } else { "s" }
        ));
    }
    out.flush();
    if tally.skipped > 0 {
        eprintln!("note: skipped {} binary or oversized files", tally.skipped);
    }
    let unmatched = inputs.unmatched();
    for u in &unmatched {
        eprintln!("error: {u}");
    }
    if tally.failed > 0 || !unmatched.is_empty() {
        ExitCode::Trouble
    } else {
        ExitCode::Clean
    }
}

/// A file that cannot be read is a result: a JSON object with its rule, or a short line.
fn failed(
    state: &mut (Out, Tally),
    shown: &str,
    error: &zoomconn_sources::SourceError,
    json: bool,
) {
    state.1.failed += 1;
    let d = Diagnostic::from_error(shown, error);
    let line = if json {
        render::json(&d, 0)
    } else {
        render::short(&d)
    };
    state.0.line(&line);
}
