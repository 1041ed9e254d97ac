//! The corpus: configuration files in the shapes real tools write them (`tests/corpus/`),
//! each read as its kind, with every connection string found (position, name, driver,
//! profile, syntax) and every finding, compared with `tests/corpus.expected`. Strings of
//! other databases (SQL Server, Npgsql, MySQL, JDBC URLs of other drivers) must not appear.
//! `BLESS=1 cargo test -p zoomconn-cli --lib corpus` rewrites the expected file after a
//! reviewed change.

use std::path::{Path, PathBuf};

use crate::render::{self, Diagnostic, FindingSite, Listing, Masks};
use zoomconn_sources::{self as sources, Kind, LineIndex, Options};

/// The secret every corpus file holds (`tests/corpus.canary`, shared by the corpus tests).
const CANARY: &str = include_str!("../../tests/corpus.canary").trim_ascii();

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Every file's strings and findings, one line each.
fn report() -> String {
    let root = corpus();
    let mut all = Vec::new();
    files(&root, &mut all);
    let mut out = String::new();
    for path in all {
        let shown = path.strip_prefix(&root).unwrap().display().to_string();
        let file = sources::read_file(&path, sources::DEFAULT_MAX_SIZE).unwrap();
        let kind = Kind::from_path(&path);
        out.push_str(&format!(
            "== {shown} ({}, {})\n",
            kind.name(),
            file.encoding()
        ));
        let source = file.text();
        if let Some(note) = file.note() {
            out.push_str(&format!(
                "{}\n",
                render::short(&Diagnostic::note(&shown, &note))
            ));
        }
        // As `check` reads a file that does not parse as its kind: by shape, as text.
        let found = match sources::find(source, kind, &Options::default()) {
            Ok(f) => f,
            Err(e) => {
                out.push_str(&format!(
                    "{}\n",
                    render::short(&Diagnostic::note(&shown, &e))
                ));
                sources::find(source, Kind::Code, &Options::default()).unwrap()
            }
        };
        let lines = LineIndex::new(source);
        for f in found {
            let f = &f;
            out.push_str(&format!(
                "found {}\n",
                render::found_human(&Listing::new(&shown, f))
            ));
            let checked = f.validate();
            let masks = Masks::new(f, &checked);
            for finding in checked.findings() {
                let d = Diagnostic::from_finding(FindingSite {
                    path: &shown,
                    source,
                    lines: &lines,
                    found: f,
                    checked: &checked,
                    masks: &masks,
                    finding,
                });
                out.push_str(&format!("  {}\n", render::short(&d)));
                for text in [
                    render::human(&d, false),
                    render::json(&d, 0),
                    render::github(&d),
                ] {
                    assert!(!text.contains(CANARY), "{shown}: {text}");
                }
            }
        }
    }
    out
}

#[test]
fn every_file_gives_its_expected_strings_and_findings() {
    let got = report();
    assert!(!got.contains(CANARY));
    let expected_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus.expected");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&expected_path, &got).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    assert_eq!(
        got, expected,
        "run with BLESS=1 after reviewing the difference"
    );
}

/// The prefilter gives the same answers: a file it turns away holds no string.
#[test]
fn the_prefilter_turns_away_no_file_with_a_string() {
    let root = corpus();
    let mut all = Vec::new();
    files(&root, &mut all);
    for path in all {
        let bytes = sources::read_bytes(&path, sources::DEFAULT_MAX_SIZE).unwrap();
        if sources::may_hold_cdata(&bytes) {
            continue;
        }
        let kind = Kind::from_path(&path);
        let file = sources::decode_as(bytes, kind).unwrap();
        for k in [kind, Kind::Code] {
            let found = sources::find(file.text(), k, &Options::default())
                .map(|finds| finds.count())
                .unwrap_or_default();
            assert_eq!(found, 0, "{}", path.display());
        }
    }
}

#[test]
fn other_databases_are_never_reported() {
    let got = report();
    for not_cdata in [
        "UserProfileDB",
        "profilesdb",
        "Npgsql",
        "sqlserver",
        "postgresql",
        "mysql",
    ] {
        for line in got.lines().filter(|l| l.starts_with("found")) {
            assert!(!line.contains(not_cdata), "{line}");
        }
    }
}
