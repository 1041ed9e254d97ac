//! The `zoomconn` binary under a memory limit on hostile files just under 16 MiB: floods of
//! tiny values and deep nesting in JSON and YAML. The limit is 16× the file plus 64 MiB of
//! address space (`ulimit -v`, which counts more than the resident memory it bounds); each
//! run must finish with its exact result, never an allocation failure.

use std::path::PathBuf;
use std::process::Command;

/// 16 MiB, the size of every input here.
const SIZE: usize = 16 << 20;

/// The address-space limit for the run, in KiB: 16× the input and a constant.
const LIMIT_KIB: usize = (16 * SIZE + (64 << 20)) >> 10;

fn tempdir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zoomconn-cli-memory-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `unit` repeated to fill `SIZE` bytes between `open` and `close`.
fn flood(open: &str, unit: &str, close: &str) -> String {
    let n = (SIZE - open.len() - close.len()) / unit.len();
    let mut s = String::with_capacity(SIZE);
    s.push_str(open);
    for _ in 0..n {
        s.push_str(unit);
    }
    s.push_str(close);
    s
}

#[test]
#[ignore = "slow in a debug build: .ci/run runs it (cargo test --workspace -- --ignored)"]
fn hostile_files_under_a_memory_limit() {
    if !std::path::Path::new("/bin/bash").exists() {
        eprintln!("skipped: no /bin/bash to set the limit with `ulimit -v`");
        return;
    }
    let bin = env!("CARGO_BIN_EXE_zoomconn");
    let dir = tempdir();
    let many_strings = "- Z=Profile=Zoom.apip\n";
    // (file name, content, exit code, the end of stdout)
    let table: Vec<(&str, String, i32, String)> = vec![
        (
            "flood.json",
            // `["=","=",…,"="]`: a value of 4 bytes, 4 million of them.
            flood("[", "\"=\",", "\"=\"]"),
            0,
            "0 errors, 0 warnings in 0 connection strings found in 1 file read\n".into(),
        ),
        (
            "flood.yaml",
            flood("", "- =\n", ""),
            0,
            "0 errors, 0 warnings in 0 connection strings found in 1 file read\n".into(),
        ),
        (
            "deep.json",
            "[".repeat(SIZE / 2) + &"]".repeat(SIZE / 2),
            2,
            "error[file-too-complex]: nests deeper than the limit of 512 levels\n  |\n  = note: in deep.json:1:513\n\n0 errors, 0 warnings in 0 connection strings found in 1 file read; 1 file could not be read\n".into(),
        ),
        (
            "deep.yaml",
            flood("", "- ", "a\n"),
            2,
            "error[file-too-complex]: nests deeper than the limit of 512 levels\n  |\n  = note: in deep.yaml:1:1025\n\n0 errors, 0 warnings in 0 connection strings found in 1 file read; 1 file could not be read\n".into(),
        ),
        (
            "strings.yaml",
            flood("environment:\n", many_strings, ""),
            2,
            "error[file-too-complex]: holds more than the limit of 10000 connection strings\n  |\n  = note: in strings.yaml:10002:5\n\n0 errors, 0 warnings in 0 connection strings found in 1 file read; 1 file could not be read\n".into(),
        ),
    ];
    for (name, content, code, tail) in table {
        assert!(content.len() <= SIZE && content.len() > SIZE - 64, "{name}");
        std::fs::write(dir.join(name), &content).unwrap();
        let out = Command::new("/bin/bash")
            .arg("-c")
            .arg(format!("ulimit -v {LIMIT_KIB} && exec \"$0\" check \"$1\""))
            .arg(bin)
            .arg(name)
            .current_dir(&dir)
            .env("NO_COLOR", "1")
            .env_remove("GITHUB_ACTIONS")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{name}: {stdout}{stderr}");
        assert!(
            stdout.ends_with(&tail),
            "{name}:\n{stdout}\n--- stderr\n{stderr}"
        );
        std::fs::remove_file(dir.join(name)).unwrap();
    }
    let _ = std::fs::remove_dir_all(&dir);
}
