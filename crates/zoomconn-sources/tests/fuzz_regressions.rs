//! Inputs the fuzzers found in the readers, kept as regression tests: each must run through
//! the same checks as its fuzz target without a panic.

fn inputs(prefix: &str) -> Vec<(String, Vec<u8>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/fuzz");
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    out.sort();
    out
}

/// A `.properties` escape (`\` and a two-byte char) at the very end of the file made the
/// reader slice inside the char.
#[test]
fn sources_inputs() {
    use zoomconn_sources::{self as sources, Kind, Options};
    let found = inputs("sources-");
    assert!(!found.is_empty());
    for (name, bytes) in found {
        let s = String::from_utf8_lossy(&bytes);
        for &kind in Kind::ALL {
            let all = Options::new().var("x");
            for opts in [&Options::default(), &all] {
                let Ok(found) = sources::find(&s, kind, opts) else {
                    continue;
                };
                for f in found {
                    let r = f.file_range(0..f.text().len());
                    assert!(
                        r.end <= s.len() && s.is_char_boundary(r.start),
                        "{name} {kind:?}"
                    );
                }
            }
        }
    }
    // The smallest form of it.
    let _ = sources::find("k=\\\u{72c}", Kind::Properties, &Options::default());
    let _ = sources::find("k\\\u{72c}", Kind::Properties, &Options::default());
}
