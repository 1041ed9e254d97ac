//! `zoomconn find`: every CData connection string in the inputs, one line each.

use std::io;
use std::sync::Mutex;

use crate::render::{self, Diagnostic, Listing, Shown};

use crate::ExitCode;
use crate::args::{FindArgs, FindFormat};
use crate::inputs::{Inputs, Loaded};
use crate::out::{Out, Shared};

#[derive(Default)]
struct Tally {
    files: usize,
    strings: usize,
    failed: usize,
    skipped: usize,
}

pub(crate) fn run(args: &FindArgs, out: &mut Out) -> io::Result<ExitCode> {
    let inputs = Inputs::new(&args.input);
    let state = Mutex::new((Shared::new(out), Tally::default()));
    let json = args.format == FindFormat::Json;
    let walked = inputs.each(&|loaded| {
        let lock = || state.lock().unwrap_or_else(|p| p.into_inner());
        match loaded {
            Loaded::File {
                shown,
                path,
                file,
                kind,
                ..
            } => {
                // The lock is taken at the first string, and kept to the end of the file.
                let mut guard = None;
                match inputs.find_or_text(file.text(), kind, &path) {
                    Ok((note, found)) => {
                        // Not parseable as its kind: searched by shape as text, noted on
                        // stderr.
                        if let Some(error) = note {
                            eprintln!(
                                "note: {}: {}; searched as text",
                                Shown::new(&shown),
                                Shown::message(&error.to_string())
                            );
                        }
                        for f in found {
                            let s = guard.get_or_insert_with(lock);
                            if s.0.failed() {
                                return;
                            }
                            s.1.strings += 1;
                            let line = if json {
                                render::found_json(&Listing::new(&shown, &f))
                            } else {
                                render::found_human(&Listing::new(&shown, &f))
                            };
                            s.0.with(|o| o.line(&line));
                        }
                        guard.get_or_insert_with(lock).1.files += 1;
                    }
                    Err(error) => {
                        let s = guard.get_or_insert_with(lock);
                        s.1.files += 1;
                        failed(s, &shown, &error, json);
                    }
                }
            }
            Loaded::Plain => lock().1.files += 1,
            Loaded::Skipped { .. } => lock().1.skipped += 1,
            Loaded::Failed { shown, error } => failed(&mut lock(), &shown, &error, json),
        }
    });
    let (shared, tally) = state.into_inner().unwrap_or_else(|p| p.into_inner());
    let out = shared.finish()?;
    if let Err(e) = walked {
        eprintln!("error: {}", Shown::message(&e));
        return Ok(ExitCode::Trouble);
    }
    if !json {
        out.line(&format!(
            "{} connection string{} found in {} file{} read",
            tally.strings,
            if tally.strings == 1 { "" } else { "s" },
            tally.files,
            if tally.files == 1 { "" } else { "s" }
        ))?;
    }
    if tally.skipped > 0 {
        eprintln!("note: skipped {} binary or oversized files", tally.skipped);
    }
    let unmatched = inputs.unmatched();
    for u in &unmatched {
        eprintln!("error: {}", Shown::message(u));
    }
    Ok(if tally.failed > 0 || !unmatched.is_empty() {
        ExitCode::Trouble
    } else {
        ExitCode::Clean
    })
}

/// A file that cannot be read is a result: a JSON object with its rule, or a short line.
fn failed(
    state: &mut (Shared<'_>, Tally),
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
    state.0.with(|o| o.line(&line));
}
