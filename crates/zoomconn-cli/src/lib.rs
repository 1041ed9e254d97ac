//! The `zoomconn` command: a thin face over the `zoomconn`, `zoomconn-sources` and
//! `zoomconn-oauth` libraries — check, find, fmt, parse, redact, explain, oauth.
//!
//! This library target holds the command for the binary (`src/main.rs`) and the fuzz targets;
//! [`run`] is its only entry point. It is not an API: use the libraries.

mod args;
mod check;
mod explain;
mod find;
mod fmt;
mod inputs;
mod lsp;
mod oauth;
mod out;
mod parse;
mod redact;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
#[allow(missing_docs, unreachable_pub)]
pub mod render;
mod write;
// The renderers are `pub` inside so that the fuzz targets can reach them.
#[cfg(not(feature = "fuzzing"))]
#[allow(unreachable_pub)]
mod render;

use std::io::Write as _;

use clap::Parser;

use args::{Cli, Command};
use out::Out;

/// The process exit codes (`docs/cli.md`); a closed stdout ends with 141 instead (see [`run`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExitCode {
    /// Nothing to report.
    Clean = 0,
    /// Findings (errors; warnings under --deny-warnings) or formatting differences.
    Findings = 1,
    /// Usage or I/O error.
    Trouble = 2,
}

/// How a path is named in messages: `<stdin>` for `-`.
pub(crate) fn shown_path(path: &std::path::Path) -> String {
    inputs::shown_path(path)
}

/// Reads a file (or stdin for `-`) to edit in place: its text and its encoding, up to the
/// default size limit.
pub(crate) fn read_input(path: &std::path::Path) -> Result<zoomconn_sources::Decoded, String> {
    use zoomconn_sources as sources;
    let read = if path.as_os_str() == "-" {
        sources::read_limited(std::io::stdin().lock(), sources::DEFAULT_MAX_SIZE)
            .and_then(sources::decode)
    } else {
        sources::read_file(path, sources::DEFAULT_MAX_SIZE)
    };
    read.map_err(|e| e.to_string())
}

/// A string argument, or all of stdin byte for byte when it is absent or `-`, up to the
/// default size limit.
fn string_or_stdin(arg: Option<&std::ffi::OsStr>) -> Result<String, (usize, String)> {
    match arg {
        Some(s) if s != "-" => s
            .to_str()
            .map(str::to_owned)
            .ok_or((0, "the argument is not valid UTF-8".to_owned())),
        _ => {
            let buf = zoomconn_sources::read_limited(
                std::io::stdin().lock(),
                zoomconn_sources::DEFAULT_MAX_SIZE,
            )
            .map_err(|e| (0, format!("stdin: {e}")))?;
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

/// Runs the command line of this process and returns its exit code.
///
/// Every command writes its output through one buffered stdout and returns its write errors
/// here: a closed pipe ends the process quietly with status 141 (as a shell shows SIGPIPE),
/// any other write error is reported with status 2.
pub fn run() -> std::process::ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // `--help`, `--version` (stdout, 0) or a usage error (stderr, 2).
        Err(e) => {
            return match e.print() {
                Err(p) if p.kind() == std::io::ErrorKind::BrokenPipe => {
                    std::process::ExitCode::from(out::BROKEN_PIPE)
                }
                _ => std::process::ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2)),
            };
        }
    };
    let mut out = Out::new();
    let result = command(&cli.command, &mut out).and_then(|code| out.flush().map(|()| code));
    match result {
        Ok(code) => std::process::ExitCode::from(code as u8),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            std::process::ExitCode::from(out::BROKEN_PIPE)
        }
        Err(e) => {
            eprintln!("error: cannot write the output: {e}");
            std::process::ExitCode::from(ExitCode::Trouble as u8)
        }
    }
}

/// Runs one command; its output errors are returned, everything else is its exit code.
fn command(command: &Command, out: &mut Out) -> std::io::Result<ExitCode> {
    match command {
        Command::Check(a) => check::run(a, out),
        Command::Find(a) => find::run(a, out),
        Command::Fmt(a) => fmt::run(a, out),
        Command::Parse(a) => parse::run(
            string_or_stdin(a.string.as_deref()),
            a.odbc,
            a.json,
            a.show_secrets,
            out,
        ),
        Command::Redact(a) => match string_or_stdin(a.string.as_deref()) {
            Ok(text) => redact::run(&text, a.odbc, out),
            Err((_, e)) => {
                eprintln!("error: {e}");
                Ok(ExitCode::Trouble)
            }
        },
        Command::Explain(a) => explain::run(a.property.as_deref(), out),
        Command::Oauth(a) => oauth::run(a, out),
        // The protocol owns stdin and stdout.
        Command::Lsp(a) => Ok(lsp::run(a)),
    }
}
