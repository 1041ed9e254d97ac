//! `zoomconn check`: validate every connection string found in the inputs.

use std::collections::{HashMap, HashSet};
use std::io::{self, IsTerminal};
use std::sync::Mutex;

use crate::render::{self, Diagnostic, FindingSite, Masks, SarifWriter, Shown};
use zoomconn::Severity;
use zoomconn_sources::{Allowances, LineIndex};

use crate::ExitCode;
use crate::args::{CheckArgs, ColorChoice, Format};
use crate::inputs::{Inputs, Loaded};
use crate::out::Out;

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

/// Where results go: lines, or one SARIF log.
enum Output<'o> {
    Lines(&'o mut Out),
    Sarif(SarifWriter<&'o mut Out>),
}

struct Printer<'o> {
    format: Format,
    color: bool,
    output: Output<'o>,
    /// The first write error: nothing more is written after it.
    error: Option<io::Error>,
    tally: Tally,
}

impl Printer<'_> {
    fn emit(&mut self, d: &Diagnostic, occurrence: usize) {
        if self.error.is_some() {
            return;
        }
        let written = match &mut self.output {
            Output::Lines(out) => {
                let line = match self.format {
                    Format::Human => render::human(d, self.color) + "\n",
                    Format::Short => render::short(d),
                    Format::Github => render::github(d),
                    Format::Json => render::json(d, occurrence),
                    Format::Sarif => String::new(),
                };
                out.line(&line)
            }
            Output::Sarif(w) => w.result(d, occurrence),
        };
        if let Err(e) = written {
            self.error = Some(e);
        }
    }

    fn notice(&mut self, path: &str, message: &str) {
        if let (Output::Sarif(w), None) = (&mut self.output, &self.error) {
            if let Err(e) = w.notification(&Shown::new(path), &Shown::message(message)) {
                self.error = Some(e);
            }
        }
    }

    /// A note about a file: a SARIF notification at level `note`, a `note` line otherwise.
    fn note(&mut self, path: &str, error: &zoomconn_sources::SourceError) {
        self.tally.notes += 1;
        if self.error.is_some() {
            return;
        }
        let d = Diagnostic::note(path, error);
        match &mut self.output {
            Output::Sarif(w) => {
                let message = Shown::message(&format!("{}: {}", d.rule, error.message()));
                if let Err(e) = w.notification_at(&d.path, &message, "note") {
                    self.error = Some(e);
                }
            }
            Output::Lines(_) => self.emit(&d, 0),
        }
    }

    /// A file skipped (binary, over the size limit): a SARIF notification at level `note`.
    fn skipped(&mut self, path: &str, error: &zoomconn_sources::SourceError) {
        if let (Output::Sarif(w), None) = (&mut self.output, &self.error) {
            let message = Shown::message(&format!("skipped: {error}"));
            if let Err(e) = w.notification_at(&Shown::new(path), &message, "note") {
                self.error = Some(e);
            }
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

pub(crate) fn run(args: &CheckArgs, out: &mut Out) -> io::Result<ExitCode> {
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
            eprintln!("error: {}", Shown::message(&e));
            return Ok(ExitCode::Trouble);
        }
    };
    let output = if format == Format::Sarif {
        Output::Sarif(SarifWriter::new(out)?)
    } else {
        Output::Lines(out)
    };
    let printer = Mutex::new(Printer {
        format,
        color: use_color(args.color),
        output,
        error: None,
        tally: Tally::default(),
    });
    let inputs = Inputs::new(&args.input);
    let walked = inputs.each(&|loaded| check_one(&inputs, loaded, &printer, &known));
    let printer = printer.into_inner().unwrap_or_else(|p| p.into_inner());
    if let Some(e) = printer.error {
        return Err(e);
    }
    if let Err(e) = walked {
        eprintln!("error: {}", Shown::message(&e));
        return Ok(ExitCode::Trouble);
    }
    let unmatched = inputs.unmatched();
    let tally = printer.tally;
    match printer.output {
        Output::Sarif(w) => {
            w.finish()?;
        }
        Output::Lines(out) => {
            if format == Format::Human {
                out.line(&tally.summary())?;
            }
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
        eprintln!("error: {}", Shown::message(u));
    }
    Ok(if tally.failed > 0 || !unmatched.is_empty() {
        ExitCode::Trouble
    } else if tally.errors > 0 || (args.deny_warnings && tally.warnings > 0) {
        ExitCode::Findings
    } else {
        ExitCode::Clean
    })
}

fn check_one(
    inputs: &Inputs,
    loaded: Loaded,
    printer: &Mutex<Printer<'_>>,
    known: &HashSet<String>,
) {
    let lock = || printer.lock().unwrap_or_else(|p| p.into_inner());
    let (shown, path, file, kind) = match loaded {
        Loaded::File {
            shown,
            path,
            file,
            kind,
            note,
        } => {
            if let Some(note) = note {
                lock().note(&shown, &note);
            }
            (shown, path, file, kind)
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
            p.skipped(&shown, &error);
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
    let found = match inputs.find_or_text(source, kind, &path) {
        Ok((note, found)) => {
            if let Some(note) = note {
                lock().note(&shown, &note);
            }
            found
        }
        Err(error) => {
            let d = Diagnostic::from_error(&shown, &error);
            let mut p = lock();
            p.tally.files += 1;
            p.tally.failed += 1;
            p.notice(&shown, &error.to_string());
            p.emit(&d, 0);
            return;
        }
    };
    for f in found {
        let p = guard.get_or_insert_with(lock);
        if p.error.is_some() {
            return;
        }
        p.tally.strings += 1;
        let checked = f.validate();
        let masks = Masks::new(&f, &checked);
        for finding in checked.findings() {
            let d = Diagnostic::from_finding(FindingSite {
                path: &shown,
                source,
                lines: &lines,
                found: &f,
                checked: &checked,
                masks: &masks,
                finding,
            });
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
    }
    guard.get_or_insert_with(lock).tally.files += 1;
}
