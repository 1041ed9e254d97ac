//! `zoomconn fmt`: canonical form for stdin and plain-text files, lossless around the strings.

use std::io::Write;
use std::path::Path;

use zoomconn::ConnectionString;

use crate::{ExitCode, read_input, shown_path};
use zoomconn::sources;

/// The text with the secret values of every connection-string line as `***`.
// Indexing in this file: line offsets come from `sources::lines` over the same text, and
// `lead`/`body` are lengths of trims of the line, so every slice is a boundary in bounds.
fn masked(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, line) in sources::lines(text) {
        out.push_str(&text[at..start]);
        at = start + line.len();
        match ConnectionString::parse(line) {
            Ok(cs) if sources::is_content(line) => out.push_str(&cs.redacted()),
            _ => out.push_str(line),
        }
    }
    out.push_str(&text[at..]);
    out
}

pub fn run(file: Option<&Path>, check: bool) -> ExitCode {
    let path = file.unwrap_or(Path::new("-"));
    let stdin = path == Path::new("-");
    let shown = shown_path(path);
    let source = match read_input(path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {shown}: {e}");
            return ExitCode::Trouble;
        }
    };
    let mut formatted = String::with_capacity(source.len());
    let mut failed = false;
    let mut at = 0;
    for (start, line) in sources::lines(&source) {
        formatted.push_str(&source[at..start]);
        at = start + line.len();
        if !sources::is_content(line) {
            formatted.push_str(line);
            continue;
        }
        // The connection string is the line without its indentation and trailing blanks.
        let body = line.trim();
        let lead = line.len() - line.trim_start().len();
        match ConnectionString::parse(body) {
            Ok(cs) => {
                formatted.push_str(&line[..lead]);
                formatted.push_str(&cs.to_canonical_string());
                formatted.push_str(&line[lead + body.len()..]);
            }
            Err(e) => {
                let pos = zoomconn::Position::locate(&source, start + lead + e.offset());
                eprintln!("error: {shown}:{}:{}: {e}", pos.line, pos.column);
                failed = true;
                formatted.push_str(line);
            }
        }
    }
    formatted.push_str(&source[at..]);

    if check {
        if formatted != source {
            // The diff goes to CI logs: secret values are masked on both sides.
            let (old, new) = (masked(&source), masked(&formatted));
            let diff = similar::TextDiff::from_lines(&old, &new);
            let name = shown.as_str();
            print!(
                "{}",
                diff.unified_diff().context_radius(2).header(name, name)
            );
            return ExitCode::Findings;
        }
        return if failed {
            ExitCode::Findings
        } else {
            ExitCode::Clean
        };
    }
    if stdin {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(formatted.as_bytes());
    } else if formatted != source {
        if let Err(e) = std::fs::write(path, &formatted) {
            eprintln!("error: {shown}: cannot write: {e}");
            return ExitCode::Trouble;
        }
    }
    if failed {
        ExitCode::Findings
    } else {
        ExitCode::Clean
    }
}
