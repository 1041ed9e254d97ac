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
// The renderers are `pub` inside so that the fuzz targets can reach them.
#[cfg(not(feature = "fuzzing"))]
#[allow(unreachable_pub)]
mod render;

use std::io::Read;

use clap::Parser;

use args::{Cli, Command};

/// The process exit codes (SPEC §7).
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
                .take(zoomconn_sources::DEFAULT_MAX_SIZE + 1)
                .read_to_end(&mut buf)
                .map_err(|e| (0, format!("cannot read stdin: {e}")))?;
            if buf.len() as u64 > zoomconn_sources::DEFAULT_MAX_SIZE {
                return Err((
                    0,
                    "stdin is larger than the size limit of 64 MiB".to_owned(),
                ));
            }
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
pub fn run() -> std::process::ExitCode {
    out::install_panic_hook();
    let cli = Cli::parse();
    let code = match &cli.command {
        Command::Check(a) => check::run(a),
        Command::Find(a) => find::run(a),
        Command::Fmt(a) => fmt::run(a),
        Command::Parse(a) => parse::run(
            string_or_stdin(a.string.as_deref()),
            a.odbc,
            a.json,
            a.show_secrets,
        ),
        Command::Redact(a) => match string_or_stdin(a.string.as_deref()) {
            Ok(text) => redact::run(&text, a.odbc),
            Err((_, e)) => {
                eprintln!("error: {e}");
                ExitCode::Trouble
            }
        },
        Command::Explain(a) => explain::run(a.property.as_deref()),
        Command::Oauth(a) => oauth::run(a),
        Command::Lsp(a) => lsp::run(a),
    };
    std::process::ExitCode::from(code as u8)
}
