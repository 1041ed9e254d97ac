//! `zoomconn redact`: the string with secret values replaced by `***`, the rest unchanged.

use std::io;

use zoomconn::{ConnectionString, Syntax};

use crate::ExitCode;
use crate::out::Out;
use crate::render::Shown;

pub(crate) fn run(text: &str, odbc: bool, out: &mut Out) -> io::Result<ExitCode> {
    let syntax = if odbc { Syntax::Odbc } else { Syntax::Ado };
    match ConnectionString::parse_with(text, syntax) {
        Ok(_) => {
            // Redacted, and each line escaped: a quoted value may hold control characters.
            let lines = Shown::lines(text, syntax);
            let last = lines.len() - usize::from(text.ends_with('\n'));
            for line in lines.iter().take(last.max(1)) {
                out.line(line.as_str())?;
            }
            Ok(ExitCode::Clean)
        }
        Err(e) => {
            eprintln!(
                "error[{}]: {} at line {}, column {}",
                e.kind(),
                e.message(),
                e.line(),
                e.column()
            );
            Ok(ExitCode::Findings)
        }
    }
}
