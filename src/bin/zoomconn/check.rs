//! `zoomconn check`: validate every connection string found in the inputs.

use std::io::{IsTerminal, Write};
use std::path::Path;

use std::ops::Range;
use std::rc::Rc;

use zoomconn::Position;

use zoomconn::sources::{self, Found, Kind, Options};

use crate::args::{CheckArgs, ColorChoice, Format};
use crate::output::{self, Diagnostic, Human, Sarif, Tally};
use crate::{ExitCode, read_input, shown_path};

/// Line starts of a file, to turn offsets into positions in O(log n).
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(source: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// The position of byte `offset` (1-based line; column in chars).
    pub fn locate(&self, source: &str, offset: usize) -> Position {
        let offset = offset.min(source.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = 1 + source.get(start..offset).map_or(0, |t| t.chars().count());
        Position {
            offset,
            line,
            column,
        }
    }
}

/// Chooses colour for human output.
pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

pub fn run(args: &CheckArgs) -> ExitCode {
    let format = args.format.unwrap_or_else(|| {
        if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
            Format::Github
        } else {
            Format::Human
        }
    });
    let human = Human::new(use_color(args.color));
    let mut sarif = Sarif::default();
    let mut tally = Tally::default();
    let mut io_error = false;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let files: Vec<&Path> = if args.files.is_empty() {
        vec![Path::new("-")]
    } else {
        args.files.iter().map(|p| p.as_path()).collect()
    };
    let options = Options {
        vars: args.var.clone(),
        json_pointer: args.json_pointer.clone(),
    };

    for path in files {
        let shown = shown_path(path);
        let source = match read_input(path) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("error: {shown}: {e}");
                io_error = true;
                continue;
            }
        };
        let kind = match args.input {
            Some(k) => k.into(),
            None if path == Path::new("-") => Kind::Text,
            None => Kind::from_path(path),
        };
        let found = match sources::find(&source, kind, &options) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("error: {shown}: {e}");
                io_error = true;
                continue;
            }
        };
        tally.files += 1;
        let lines = LineIndex::new(&source);
        for f in &found {
            for d in diagnostics(&shown, &source, &lines, f) {
                tally.add(d.severity);
                let line = match format {
                    Format::Human => human.render(&d) + "\n",
                    Format::Short => output::short(&d),
                    Format::Github => output::github(&d),
                    Format::Json => output::json_line(&d),
                    Format::Sarif => {
                        sarif.push(&d);
                        continue;
                    }
                };
                let _ = writeln!(out, "{line}");
            }
        }
    }
    match format {
        Format::Sarif => {
            let _ = writeln!(out, "{}", sarif.finish());
        }
        Format::Human => {
            let _ = writeln!(out, "{}", tally.summary());
        }
        _ => {}
    }
    let _ = out.flush();
    if io_error {
        ExitCode::Trouble
    } else if tally.errors > 0 || (args.deny_warnings && tally.warnings > 0) {
        ExitCode::Findings
    } else {
        ExitCode::Clean
    }
}

/// The findings of one connection string, located in the file.
fn diagnostics<'a>(
    path: &'a str,
    source: &'a str,
    lines: &LineIndex,
    found: &Found,
) -> Vec<Diagnostic<'a>> {
    let report = zoomconn::validate(found.text());
    if report.is_empty() {
        return Vec::new();
    }
    // Secret ranges in file coordinates, shared by this string's diagnostics.
    let secrets: Rc<[Range<usize>]> = report
        .secret_spans()
        .iter()
        .map(|s| found.file_range(s.clone()))
        .collect();
    report
        .iter()
        .map(|f| {
            let range = found.file_range(f.span());
            Diagnostic {
                path,
                source,
                severity: f.severity(),
                rule: f.rule().name(),
                message: f.message().to_owned(),
                help: f.help().map(str::to_owned),
                start: lines.locate(source, range.start),
                end: lines.locate(source, range.end),
                range,
                secrets: Rc::clone(&secrets),
            }
        })
        .collect()
}
