//! The layers of the crate import only downwards: grammar → registry → secrets → map →
//! validate → config. A module may use its own layer and the layers before it; this test reads
//! every source file and fails on a path into a later layer. (The crates built on this one —
//! sources, oauth, the command line — are kept apart by the compiler: they are other crates.)

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The layers, lowest first: the top-level module of `src/` each one is.
const LAYERS: &[&str] = &[
    "grammar", "registry", "secrets", "map", "validate", "config", "fuzzing",
];

/// The rank of a layer: its place in [`LAYERS`].
fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| *l == module)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The names `lib.rs` re-exports at the crate root, and the layer each comes from
/// (`pub use grammar::tokenizer::{Segment, Tokenizer};` → Segment, Tokenizer: grammar).
fn root_exports(lib: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut statement = String::new();
    for line in lib.lines() {
        let line = line.trim();
        if statement.is_empty() && !line.starts_with("pub use ") {
            continue;
        }
        statement.push_str(line);
        statement.push(' ');
        if !line.ends_with(';') {
            continue;
        }
        let body = statement
            .trim_start_matches("pub use ")
            .trim_end()
            .trim_end_matches(';');
        let module = body.split("::").next().unwrap_or_default().to_owned();
        let names = match body.find('{') {
            Some(open) => body[open + 1..].trim_end_matches('}').to_owned(),
            None => body.rsplit("::").next().unwrap_or_default().to_owned(),
        };
        for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            out.insert(name.to_owned(), module.clone());
        }
        statement.clear();
    }
    out
}

/// The first path segment after each `crate::` in `code` (comments and doc text skipped).
fn crate_paths(code: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in code.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("//") {
            continue;
        }
        let code_part = match trimmed.find("//") {
            Some(at) => &trimmed[..at],
            None => trimmed,
        };
        let mut rest = code_part;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '{')
                .collect();
            // `crate::{a, b}`: every name in the braces.
            if name.starts_with('{') {
                let inner = rest[1..].split('}').next().unwrap_or_default();
                for part in inner.split(',') {
                    let first = part.trim().split("::").next().unwrap_or_default();
                    out.push((n + 1, first.to_owned()));
                }
            } else {
                out.push((n + 1, name));
            }
        }
    }
    out
}

#[test]
fn modules_import_only_their_own_layer_and_lower_ones() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    let exports = root_exports(&lib);
    assert!(exports.contains_key("ConnectionString"), "{exports:?}");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut checked = 0;
    let mut problems = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_str()
            .unwrap();
        let top = top.trim_end_matches(".rs");
        // The crate root sits above every layer.
        let Some(own) = layer_of(top) else { continue };
        let code = std::fs::read_to_string(file).unwrap();
        for (line, name) in crate_paths(&code) {
            let module = exports.get(&name).cloned().unwrap_or(name.clone());
            let Some(used) = layer_of(&module) else {
                problems.push(format!(
                    "{}:{line}: crate::{name} is in no layer",
                    rel.display()
                ));
                continue;
            };
            checked += 1;
            if used > own {
                problems.push(format!(
                    "{}:{line}: the {top} layer uses crate::{name} ({module}), a layer above or beside it",
                    rel.display()
                ));
            }
        }
    }
    assert!(checked > 100, "only {checked} paths checked");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_checker_sees_an_upward_import() {
    let code = "use crate::grammar::chars;\nuse crate::{map::x, validate::y};\n// crate::config in a comment\nlet a = crate::Config::parse(s);";
    let found: Vec<_> = crate_paths(code).into_iter().map(|(_, n)| n).collect();
    assert_eq!(found, ["grammar", "map", "validate", "Config"]);
    let exports = root_exports(
        "pub use config::zoom_config::{CallbackUrl, Config};\npub use validate::{\n    Finding, Report,\n};",
    );
    assert_eq!(exports.get("Config").map(String::as_str), Some("config"));
    assert_eq!(exports.get("Report").map(String::as_str), Some("validate"));
    assert!(layer_of("config") > layer_of("grammar"));
}
