//! `zoomconn redact`: the string with secret values replaced by `***`, the rest unchanged.

use std::io;

use zoomconn::{ConnectionString, Syntax};

use crate::ExitCode;
use crate::out::Out;

pub(crate) fn run(text: &str, odbc: bool, out: &mut Out) -> io::Result<ExitCode> {
    let syntax = if odbc { Syntax::Odbc } else { Syntax::Ado };
    match ConnectionString::parse_with(text, syntax) {
        Ok(cs) => {
            out.text(&cs.redacted())?;
            if !text.ends_with('\n') {
                out.text("\n")?;
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
