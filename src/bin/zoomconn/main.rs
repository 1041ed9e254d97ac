//! `zoomconn`: a thin command-line face over the library — check, fmt, parse, redact, explain,
//! oauth.

mod args;
mod check;
mod explain;
mod fmt;
mod oauth;
mod output;
mod parse;
mod redact;

use std::io::Read;
use std::path::Path;

use clap::Parser;

use args::{Cli, Command};

/// The process exit codes (SPEC §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// Nothing to report.
    Clean = 0,
    /// Findings (errors; warnings under --deny-warnings) or formatting differences.
    Findings = 1,
    /// Usage or I/O error.
    Trouble = 2,
}

/// How a path is named in messages: `<stdin>` for `-`.
pub fn shown_path(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    }
}

/// Reads a file (or stdin for `-`) as UTF-8 text; binary data is refused.
pub fn read_input(path: &Path) -> Result<String, String> {
    let bytes = if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read stdin: {e}"))?;
        buf
    } else {
        if path.is_dir() {
            return Err("is a directory".to_owned());
        }
        std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text (invalid byte at offset {}); binary file?",
            e.utf8_error().valid_up_to()
        )
    })?;
    if text.contains('\0') {
        return Err("contains NUL bytes; binary file?".to_owned());
    }
    Ok(text)
}

/// A string argument, or all of stdin byte for byte when it is absent or `-`.
fn string_or_stdin(arg: Option<&std::ffi::OsStr>) -> Result<String, (usize, String)> {
    match arg {
        Some(s) if s != "-" => s
            .to_str()
            .map(str::to_owned)
            .ok_or((0, "the argument is not valid UTF-8".to_owned())),
        _ => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| (0, format!("cannot read stdin: {e}")))?;
            String::from_utf8(buf).map_err(|e| {
                let at = e.utf8_error().valid_up_to();
                (
                    at,
                    format!("stdin is not valid UTF-8 (invalid byte at offset {at})"),
                )
            })
        }
    }
}

fn main() {
    let cli = Cli::parse();
    let code = match &cli.command {
        Command::Check(a) => check::run(a),
        Command::Fmt(a) => fmt::run(a.file.as_deref(), a.check),
        Command::Parse(a) => parse::run(
            string_or_stdin(a.string.as_deref()),
            a.odbc,
            a.json,
            a.show_secrets,
        ),
        Command::Redact(a) => match string_or_stdin(a.string.as_deref()) {
            Ok(text) => redact::run(&text),
            Err((_, e)) => {
                eprintln!("error: {e}");
                ExitCode::Trouble
            }
        },
        Command::Explain(a) => explain::run(a.property.as_deref()),
        Command::Oauth(a) => oauth::run(a),
    };
    std::process::exit(code as i32);
}
