//! `zoomconn fmt` writing files in place: the mode (without setuid, setgid, sticky), owner and
//! group kept; read-only and hard-linked files refused (exit 2) and left untouched, unless
//! `--force` writes through the links; no temporary file left behind.
#![cfg(unix)]

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// A file `fmt` rewrites, and what it becomes.
const BEFORE: &str = "ZOOM=\"Profile = Zoom.apip ; AuthScheme = OAuth\"\n";
const AFTER: &str = "ZOOM=\"Profile=Zoom.apip;AuthScheme=OAuth;\"\n";

fn file(dir: &Path, name: &str, mode: u32) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, BEFORE).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    path
}

/// `zoomconn fmt ARGS…` in `dir`: exit code and stderr.
fn fmt(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("zoomconn")
        .unwrap()
        .current_dir(dir)
        .arg("fmt")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[test]
fn modes_are_kept_without_setuid_setgid_sticky() {
    let dir = tempfile::tempdir().unwrap();
    for (before, after) in [
        (0o600, 0o600),
        (0o640, 0o640),
        (0o644, 0o644),
        (0o755, 0o755),
        (0o4755, 0o755),
        (0o2755, 0o755),
        (0o200, 0o200),
    ] {
        let path = file(dir.path(), "deploy.env", before);
        assert_eq!(mode(&path), before, "setting {before:o}");
        let (code, stderr) = fmt(dir.path(), &["deploy.env"]);
        assert_eq!((code, stderr.as_str()), (0, ""), "{before:o}");
        assert_eq!(mode(&path), after, "{before:o}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), AFTER, "{before:o}");
        assert_eq!(names(dir.path()), ["deploy.env"]);
    }
}

#[test]
fn owner_and_group_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(dir.path(), "deploy.env", 0o640);
    let me = std::fs::metadata(&path).unwrap();
    // As root: a file of `nobody` (65534) stays nobody's. Otherwise: one's own stays one's own.
    let owner = if me.uid() == 0 {
        (65534, 65534)
    } else {
        (me.uid(), me.gid())
    };
    std::os::unix::fs::chown(&path, Some(owner.0), Some(owner.1)).unwrap();
    let (code, stderr) = fmt(dir.path(), &["deploy.env"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    let meta = std::fs::metadata(&path).unwrap();
    assert_eq!((meta.uid(), meta.gid()), owner);
    assert_eq!(mode(&path), 0o640);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), AFTER);
    assert_eq!(names(dir.path()), ["deploy.env"]);
}

#[test]
fn refused_files_are_left_untouched() {
    /// (file mode, a second hard link, flags) → exit code, what stderr holds, the file after.
    type Case<'a> = (u32, bool, &'a [&'a str], i32, &'a str, &'a str);
    let table: &[Case<'_>] = &[
        (
            0o444,
            false,
            &[],
            2,
            "it is read-only; it was not written",
            BEFORE,
        ),
        (0o444, false, &["--force"], 2, "it is read-only", BEFORE),
        (0o644, true, &[], 2, "it has 2 hard links", BEFORE),
        (0o644, true, &["--force"], 0, "", AFTER),
        (0o644, false, &["--force"], 0, "", AFTER),
    ];
    for &(file_mode, linked, flags, code, message, after) in table {
        let dir = tempfile::tempdir().unwrap();
        let path = file(dir.path(), "a.env", file_mode);
        let link = dir.path().join("b.env");
        if linked {
            std::fs::hard_link(&path, &link).unwrap();
        }
        let inode = std::fs::metadata(&path).unwrap().ino();
        let mut args = vec!["a.env"];
        args.extend_from_slice(flags);
        let (got, stderr) = fmt(dir.path(), &args);
        let case = format!("{file_mode:o} linked={linked} {flags:?}: {stderr}");
        assert_eq!(got, code, "{case}");
        if message.is_empty() {
            assert_eq!(stderr, "", "{case}");
        } else {
            assert!(stderr.starts_with("error: a.env: "), "{case}");
            assert!(stderr.contains(message), "{case}");
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), after, "{case}");
        assert_eq!(mode(&path), file_mode, "{case}");
        if linked {
            // One file under two names: both show the same text, the inode is the same.
            assert_eq!(std::fs::read_to_string(&link).unwrap(), after, "{case}");
            assert_eq!(std::fs::metadata(&link).unwrap().ino(), inode, "{case}");
            assert_eq!(names(dir.path()), ["a.env", "b.env"], "{case}");
        } else {
            assert_eq!(names(dir.path()), ["a.env"], "{case}");
        }
    }
}

#[test]
fn a_file_reached_through_a_symbolic_link_is_written_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(dir.path(), "real.env", 0o640);
    std::os::unix::fs::symlink("real.env", dir.path().join("link.env")).unwrap();
    let (code, stderr) = fmt(dir.path(), &["link.env"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), AFTER);
    assert!(
        std::fs::symlink_metadata(dir.path().join("link.env"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(names(dir.path()), ["link.env", "real.env"]);
}

#[test]
fn force_needs_a_write() {
    let dir = tempfile::tempdir().unwrap();
    file(dir.path(), "a.env", 0o644);
    let (code, stderr) = fmt(dir.path(), &["--check", "--force", "a.env"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
}
