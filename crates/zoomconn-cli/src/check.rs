//! `zoomconn check`: validate every connection string found in the inputs.

use std::collections::{HashMap, HashSet};
use std::io::IsTerminal;
use std::sync::Mutex;

use crate::render::{self, Diagnostic, Masks, SarifWriter};
use zoomconn::Severity;
use zoomconn_sources::{Allowances, LineIndex};

use crate::ExitCode;
use crate::args::{CheckArgs, ColorChoice, Format};
use crate::inputs::{Inputs, Loaded};
use crate::out::{self, Out};

/// Chooses colour for human output.
pub(crate) fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// What was read and reported, for the summary and the exit code.
#[derive(Debug, Default)]
struct Tally {
    files: usize,
    strings: usize,
    errors: usize,
    warnings: usize,
    failed: usize,
    skipped_binary: usize,
    skipped_large: usize,
    notes: usize,
    suppressed: usize,
    baselined: usize,
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

impl Tally {
    /// `1 error, 2 warnings in 3 connection strings; 5 files read`.
    fn summary(&self) -> String {
        let mut s = format!(
            "{}, {} in {} found in {} read",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.strings, "connection string"),
            plural(self.files, "file")
        );
        if self.failed > 0 {
            s.push_str(&format!(
                "; {} could not be read",
                plural(self.failed, "file")
            ));
        }
        if self.suppressed > 0 {
            s.push_str(&format!("; {} allowed inline", self.suppressed));
        }
        if self.baselined > 0 {
            s.push_str(&format!("; {} in the baseline", self.baselined));
        }
        s
    }
}

/// Where results go.
enum Sink {
    Lines(Out),
    Sarif(SarifWriter<Out>),
}

struct Printer {
    format: Format,
    color: bool,
    sink: Sink,
    tally: Tally,
}

impl Printer {
    fn emit(&mut self, d: &Diagnostic, occurrence: usize) {
        let line = match self.format {
            Format::Human => render::human(d, self.color) + "\n",
            Format::Short => render::short(d),
            Format::Github => render::github(d),
            Format::Json => render::json(d, occurrence),
            Format::Sarif => String::new(),
        };
        match &mut self.sink {
            Sink::Lines(out) => out.line(&line),
            Sink::Sarif(w) => {
                if let Err(e) = w.result(d, occurrence) {
                    out::fail(&e);
                }
            }
        }
    }

    fn notice(&mut self, path: &str, message: &str) {
        if let Sink::Sarif(w) = &mut self.sink {
            let _ = w.notification(path, message);
        }
    }

    /// A note about a file: a SARIF notification at level `note`, a `note` line otherwise.
    fn note(&mut self, path: &str, error: &zoomconn_sources::SourceError) {
        self.tally.notes += 1;
        let d = Diagnostic::note(path, error);
        match &mut self.sink {
            Sink::Sarif(w) => {
                let _ = w.notification_at(path, &format!("{}: {}", d.rule, d.message), "note");
            }
            Sink::Lines(_) => self.emit(&d, 0),
        }
    }
}

/// Reads a baseline: the fingerprints of an earlier `--format json` report.
fn baseline(path: &std::path::Path) -> Result<HashSet<String>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the baseline {}: {e}", path.display()))?;
    let mut out = HashSet::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| {
            format!(
                "the baseline {} is not a `zoomconn check --format json` report (line {}: {e})",
                path.display(),
                i + 1
            )
        })?;
        if let Some(f) = v.get("fingerprint").and_then(|f| f.as_str()) {
            out.insert(f.to_owned());
        }
    }
    Ok(out)
}

pub(crate) fn run(args: &CheckArgs) -> ExitCode {
    let format = args.format.unwrap_or_else(|| {
        if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
            Format::Github
        } else {
            Format::Human
        }
    });
    let known = match args.baseline.as_deref().map(baseline).transpose() {
        Ok(b) => b.unwrap_or_default(),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::Trouble;
        }
    };
    let sink = if format == Format::Sarif {
        match SarifWriter::new(Out::new()) {
            Ok(w) => Sink::Sarif(w),
            Err(e) => out::fail(&e),
        }
    } else {
        Sink::Lines(Out::new())
    };
    let printer = Mutex::new(Printer {
        format,
        color: use_color(args.color),
        sink,
        tally: Tally::default(),
    });
    let inputs = Inputs::new(&args.input);
    let walked = inputs.each(&|loaded| check_one(&inputs, loaded, &printer, &known));
    let Ok(mut printer) = printer.into_inner() else {
        return ExitCode::Trouble;
    };
    if let Err(e) = walked {
        eprintln!("error: {e}");
        return ExitCode::Trouble;
    }
    let unmatched = inputs.unmatched();
    let tally = std::mem::take(&mut printer.tally);
    match printer.sink {
        Sink::Sarif(w) => {
            let mut out = match w.finish() {
                Ok(o) => o,
                Err(e) => out::fail(&e),
            };
            out.flush();
        }
        Sink::Lines(mut out) => {
            if format == Format::Human {
                out.line(&tally.summary());
            }
            out.flush();
        }
    }
    let skipped = tally.skipped_binary + tally.skipped_large;
    if skipped > 0 {
        eprintln!(
            "note: skipped {} ({} binary or not text, {} over the size limit)",
            plural(skipped, "file"),
            tally.skipped_binary,
            tally.skipped_large
        );
    }
    for u in &unmatched {
        eprintln!("error: {u}");
    }
    if tally.failed > 0 || !unmatched.is_empty() {
        ExitCode::Trouble
    } else if tally.errors > 0 || (args.deny_warnings && tally.warnings > 0) {
        ExitCode::Findings
    } else {
        ExitCode::Clean
    }
}

fn check_one(inputs: &Inputs, loaded: Loaded, printer: &Mutex<Printer>, known: &HashSet<String>) {
    let lock = || printer.lock().unwrap_or_else(|p| p.into_inner());
    let (shown, file, kind) = match loaded {
        Loaded::File {
            shown,
            file,
            kind,
            note,
            ..
        } => {
            if let Some(note) = note {
                lock().note(&shown, &note);
            }
            (shown, file, kind)
        }
        Loaded::Plain => {
            lock().tally.files += 1;
            return;
        }
        Loaded::Skipped { shown, error } => {
            let mut p = lock();
            if error.kind() == zoomconn_sources::SourceErrorKind::TooLarge {
                p.tally.skipped_large += 1;
            } else {
                p.tally.skipped_binary += 1;
            }
            if let Sink::Sarif(w) = &mut p.sink {
                let _ = w.notification_at(&shown, &format!("skipped: {error}"), "note");
            }
            return;
        }
        Loaded::Failed { shown, error } => {
            let d = Diagnostic::from_error(&shown, &error);
            let mut p = lock();
            p.tally.failed += 1;
            p.notice(&shown, &error.to_string());
            p.emit(&d, 0);
            return;
        }
    };
    let source = file.text();
    let lines = LineIndex::new(source);
    let allow = Allowances::scan(source, &lines);
    let mut seen: HashMap<String, usize> = HashMap::new();
    // Results stream out string by string; the lock is taken at the first string and held to
    // the end of the file, so that a file's results stay together, files without strings
    // never wait, and memory holds one string's findings at a time.
    let mut guard = None;
    // A file that does not parse as its kind: the note first, then the strings found in it
    // as text.
    let mut noted = |error: &zoomconn_sources::SourceError| lock().note(&shown, error);
    let read = inputs.find_each(source, kind, &mut noted, &mut |f| {
        let p = guard.get_or_insert_with(lock);
        p.tally.strings += 1;
        let checked = f.validate();
        let masks = Masks::new(&f, &checked);
        for finding in checked.findings() {
            let d = Diagnostic::from_finding(&shown, source, &lines, &f, &checked, &masks, finding);
            if allow.allows(d.rule, d.start.line, f.start().line) {
                p.tally.suppressed += 1;
                continue;
            }
            let n = seen.entry(d.fingerprint(0)).or_insert(0);
            let occurrence = *n;
            *n += 1;
            if !known.is_empty() && known.contains(&d.fingerprint(occurrence)) {
                p.tally.baselined += 1;
                continue;
            }
            match d.severity {
                Severity::Error => p.tally.errors += 1,
                Severity::Warning => p.tally.warnings += 1,
            }
            p.emit(&d, occurrence);
        }
    });
    let p = guard.get_or_insert_with(lock);
    p.tally.files += 1;
    if let Err(error) = read {
        let d = Diagnostic::from_error(&shown, &error);
        p.tally.failed += 1;
        p.notice(&shown, &error.to_string());
        p.emit(&d, 0);
    }
}
