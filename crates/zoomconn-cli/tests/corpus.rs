//! The CLI over the corpus of configuration files (`tests/corpus/`): no output shows its
//! secret. The strings and findings of each file are checked in `src/render/corpus.rs`.

use std::path::{Path, PathBuf};

/// The secret every corpus file holds (`tests/corpus.canary`, shared by the corpus tests).
const CANARY: &str = include_str!("corpus.canary").trim_ascii();

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// The CLI over the whole corpus, in every format: the canary never appears.
#[test]
fn the_cli_never_prints_a_corpus_secret() {
    for format in ["human", "short", "github", "json", "sarif"] {
        let out = assert_cmd::Command::cargo_bin("zoomconn")
            .unwrap()
            .args(["check", "--format", format, "--color", "always", "--hidden"])
            .arg(corpus())
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr);
        assert!(!text.contains(CANARY), "{format}: {text}");
        assert_eq!(out.status.code(), Some(1), "{format}");
    }
    for args in [
        &["find", "--format", "json"][..],
        &["find"],
        &["fmt", "--check"],
    ] {
        let out = assert_cmd::Command::cargo_bin("zoomconn")
            .unwrap()
            .args(args)
            .arg(corpus())
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr);
        assert!(!text.contains(CANARY), "{args:?}: {text}");
    }
}
