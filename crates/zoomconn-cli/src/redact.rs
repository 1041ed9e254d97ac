//! `zoomconn redact`: the string with secret values replaced by `***`, the rest unchanged.

use zoomconn::{ConnectionString, Syntax};

use crate::ExitCode;
use crate::out::Out;

pub(crate) fn run(text: &str, odbc: bool) -> ExitCode {
    let syntax = if odbc { Syntax::Odbc } else { Syntax::Ado };
    match ConnectionString::parse_with(text, syntax) {
        Ok(cs) => {
            let mut out = Out::new();
            out.text(&cs.redacted());
            if !text.ends_with('\n') {
                out.text("\n");
            }
            out.flush();
            ExitCode::Clean
        }
        Err(e) => {
            eprintln!(
                "error[{}]: {} at line {}, column {}",
                e.kind(),
                e.message(),
                e.line(),
                e.column()
            );
            ExitCode::Findings
        }
    }
}
