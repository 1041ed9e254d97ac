//! Inputs the fuzzers found, kept as regression tests: each must run through the same checks
//! as its fuzz target without a panic.

use zoomconn::{Config, ConnectionString, Syntax, Tokenizer};

fn inputs(prefix: &str) -> Vec<(String, Vec<u8>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz");
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    out.sort();
    out
}

#[test]
fn library_inputs() {
    for (name, bytes) in inputs("") {
        // As a `&str` fuzz target sees it (the longest UTF-8 prefix), and lossily converted.
        let prefix = match std::str::from_utf8(&bytes) {
            Ok(s) => s,
            Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap(),
        };
        for s in [
            prefix.to_owned(),
            String::from_utf8_lossy(&bytes).into_owned(),
        ] {
            check_library_input(&name, &s);
        }
    }
}

fn check_library_input(name: &str, s: &str) {
    for syntax in [Syntax::Ado, Syntax::Odbc] {
        let _ = Tokenizer::with_syntax(s, syntax).count();
        if let Ok(cs) = ConnectionString::parse_with(s, syntax) {
            assert_eq!(cs.to_string(), s, "{name}");
            // `Other=Other=…`: redaction once requoted each nested level, doubling the output.
            assert!(cs.redacted().len() <= 2 * s.len() + 16, "{name}");
            assert!(format!("{cs:?}").len() <= 4 * s.len() + 64, "{name}");
        }
    }
    let _ = (zoomconn::validate(s), Config::parse(s));
}
