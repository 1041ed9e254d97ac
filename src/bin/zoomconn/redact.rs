//! `zoomconn redact`: the string with secret values replaced by `***`, the rest unchanged.

use zoomconn::ConnectionString;

use crate::ExitCode;

pub fn run(text: &str) -> ExitCode {
    match ConnectionString::parse(text) {
        Ok(cs) => {
            print!("{}", cs.redacted());
            if !text.ends_with('\n') {
                println!();
            }
            ExitCode::Clean
        }
        Err(e) => {
            eprintln!(
                "error[{}]: {e} at line {}, column {}",
                e.kind(),
                e.line(),
                e.column()
            );
            ExitCode::Findings
        }
    }
}
