//! Writing a file in place — `zoomconn fmt` and `zoomconn oauth … --write` — atomically,
//! keeping what the file was, and never over someone else's edit:
//!
//! 1. the target is the file a symbolic link names; a file without any write permission
//!    bit (`0444`) is refused, and so is a file with more than one hard link (a rename would
//!    split it from its other names) unless [`Through::Link`] asks to write through it;
//! 2. a temporary file is created beside it, new (`O_EXCL`) and `0600` from its first byte;
//! 3. it is given the target's owner and group (`fchown`; if that fails, nothing is written)
//!    and the target's mode without setuid, setgid and sticky bits;
//! 4. the new bytes are written to it and synced;
//! 5. the target is read again: its size, modification time and a SHA-256 of its bytes must be
//!    what they were when it was read ([`Snapshot`]), or nothing is written;
//! 6. the temporary file is renamed over the target, and the directory synced.
//!
//! On any error the target is untouched and the temporary file is gone.
//!
//! [`Through::Link`] (`--force`) writes a hard-linked file in place instead — truncated and
//! rewritten, the same inode, so every name sees the new text — which is not atomic: a reader
//! at that moment may see a short file, and a crash may leave it so.

use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use sha2::{Digest, Sha256};
use tempfile::NamedTempFile;

/// What a file was when it was read: its size, modification time and the hash of its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Snapshot {
    len: u64,
    modified: Option<SystemTime>,
    hash: [u8; 32],
}

impl Snapshot {
    /// The snapshot of `path`, whose bytes were `bytes` when it was read.
    pub(crate) fn of(path: &Path, bytes: &[u8]) -> io::Result<Snapshot> {
        let meta = std::fs::metadata(path)?;
        Ok(Snapshot {
            len: meta.len(),
            modified: meta.modified().ok(),
            hash: Sha256::digest(bytes).into(),
        })
    }

    /// The snapshot of an open file as it is now: metadata and bytes of the same open file,
    /// which [`in_place`] then writes.
    #[allow(clippy::verbose_file_reads)] // the open file, not a path: see above
    fn now(file: &mut File) -> io::Result<Snapshot> {
        let meta = file.metadata()?;
        let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
        file.read_to_end(&mut bytes)?;
        Ok(Snapshot {
            len: meta.len(),
            modified: meta.modified().ok(),
            hash: Sha256::digest(&bytes).into(),
        })
    }
}

/// How to write a file with several hard links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Through {
    /// Refuse it.
    Rename,
    /// Write it in place, through the link (`--force`): not atomic.
    Link,
}

/// Why a file was not written; it is untouched.
#[derive(Debug)]
pub(crate) enum WriteError {
    /// No write permission bit for anyone.
    ReadOnly,
    /// More than one hard link, and no [`Through::Link`].
    HardLinked(u64),
    /// The temporary file could not be given the target's owner and group.
    Owner(io::Error),
    /// The target changed since it was read.
    Changed,
    /// An I/O error, and what was being done.
    Io(&'static str, io::Error),
}

/// A message for `path: message`, whole without more words.
impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::ReadOnly => f.write_str("it is read-only; it was not written"),
            WriteError::HardLinked(n) => write!(
                f,
                "it has {n} hard links, which replacing it would split; it was not written \
                 (--force writes it in place, through the links, not atomically)"
            ),
            WriteError::Owner(e) => write!(
                f,
                "cannot give the new file the owner and group of the old one ({e}); it was not written"
            ),
            WriteError::Changed => {
                f.write_str("the file changed while zoomconn ran; it was not overwritten")
            }
            WriteError::Io(what, e) => write!(f, "cannot {what}: {e}"),
        }
    }
}

fn io(what: &'static str) -> impl FnOnce(io::Error) -> WriteError {
    move |e| WriteError::Io(what, e)
}

/// The file `path` names (through symbolic links), after the checks that need no writing:
/// it exists, it can be written, and it has one hard link or `through` allows more.
pub(crate) fn target(path: &Path, through: Through) -> Result<PathBuf, WriteError> {
    let target = std::fs::canonicalize(path).map_err(io("read it"))?;
    let meta = std::fs::metadata(&target).map_err(io("read its metadata"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        if meta.permissions().mode() & 0o222 == 0 {
            return Err(WriteError::ReadOnly);
        }
        if meta.nlink() > 1 && through == Through::Rename {
            return Err(WriteError::HardLinked(meta.nlink()));
        }
    }
    #[cfg(not(unix))]
    if meta.permissions().readonly() {
        return Err(WriteError::ReadOnly);
    }
    Ok(target)
}

/// Replaces the contents of `path` with `bytes` as the module describes, if it is still what
/// `snapshot` saw.
pub(crate) fn replace(
    path: &Path,
    snapshot: &Snapshot,
    bytes: &[u8],
    through: Through,
) -> Result<(), WriteError> {
    replace_with(path, snapshot, bytes, through, &mut |_| {})
}

/// [`replace`], calling `created` with the temporary file's path once it exists, before
/// anything is written to it.
fn replace_with(
    path: &Path,
    snapshot: &Snapshot,
    bytes: &[u8],
    through: Through,
    created: &mut dyn FnMut(&Path),
) -> Result<(), WriteError> {
    let target = target(path, through)?;
    if links(&target)? > 1 {
        return in_place(&target, snapshot, bytes);
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".zoomconn.tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Created with this mode (`open(O_CREAT | O_EXCL, 0600)`), never wider.
        builder.permissions(std::fs::Permissions::from_mode(0o600));
    }
    // Removed when dropped: on every error below.
    let mut temp = builder
        .tempfile_in(dir)
        .map_err(io("create a temporary file beside it"))?;
    created(temp.path());
    keep_owner_and_mode(&temp, &target)?;
    temp.write_all(bytes).map_err(io("write"))?;
    temp.as_file().sync_all().map_err(io("write"))?;
    unchanged(&target, snapshot)?;
    persist(temp, &target)?;
    // The rename itself is durable once the directory is; the file is replaced either way.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The number of hard links of `target` (1 where the platform does not say).
fn links(target: &Path) -> Result<u64, WriteError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(target).map_err(io("read its metadata"))?;
        Ok(meta.nlink())
    }
    #[cfg(not(unix))]
    {
        let _ = target;
        Ok(1)
    }
}

/// The target's owner, group and mode (without setuid, setgid and sticky) on the temporary
/// file, before it holds anything.
fn keep_owner_and_mode(temp: &NamedTempFile, target: &Path) -> Result<(), WriteError> {
    let meta = std::fs::metadata(target).map_err(io("read its metadata"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        std::os::unix::fs::fchown(temp.as_file(), Some(meta.uid()), Some(meta.gid()))
            .map_err(WriteError::Owner)?;
        let mode = meta.permissions().mode() & 0o777;
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(io("keep its permissions"))?;
    }
    #[cfg(not(unix))]
    temp.as_file()
        .set_permissions(meta.permissions())
        .map_err(io("keep its permissions"))?;
    Ok(())
}

/// Is `target` still what `snapshot` saw?
fn unchanged(target: &Path, snapshot: &Snapshot) -> Result<(), WriteError> {
    let mut file = File::open(target).map_err(io("read it again"))?;
    let now = Snapshot::now(&mut file).map_err(io("read it again"))?;
    if now == *snapshot {
        Ok(())
    } else {
        Err(WriteError::Changed)
    }
}

fn persist(temp: NamedTempFile, target: &Path) -> Result<(), WriteError> {
    // On failure the error holds the temporary file, which is removed as it drops.
    temp.persist(target)
        .map(drop)
        .map_err(|e| WriteError::Io("replace it", e.error))
}

/// Truncates and rewrites `target` in place (its inode, so all its links): not atomic.
fn in_place(target: &Path, snapshot: &Snapshot, bytes: &[u8]) -> Result<(), WriteError> {
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .open(target)
        .map_err(io("open it for writing"))?;
    let now = Snapshot::now(&mut file).map_err(io("read it again"))?;
    if now != *snapshot {
        return Err(WriteError::Changed);
    }
    file.set_len(0).map_err(io("truncate it"))?;
    // The read above left the position at the old end.
    std::io::Seek::rewind(&mut file).map_err(io("write"))?;
    file.write_all(bytes).map_err(io("write"))?;
    file.sync_all().map_err(io("write"))
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::path::Path;

    use super::{Snapshot, Through, WriteError, replace, replace_with};

    fn file(dir: &Path, name: &str, text: &str, mode: u32) -> std::path::PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        path
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

    #[test]
    fn the_temporary_file_is_0600_and_empty_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = file(dir.path(), "a.env", "old", 0o644);
        let snapshot = Snapshot::of(&path, b"old").unwrap();
        let mut seen = Vec::new();
        replace_with(&path, &snapshot, b"new", Through::Rename, &mut |temp| {
            let meta = std::fs::metadata(temp).unwrap();
            seen.push((meta.permissions().mode() & 0o7777, meta.len()));
            assert_ne!(temp, path.as_path());
            assert_eq!(temp.parent(), path.parent());
        })
        .unwrap();
        assert_eq!(seen, [(0o600, 0)]);
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(names(dir.path()), ["a.env"]);
    }

    #[test]
    fn modes_are_kept_without_setuid_setgid_sticky() {
        let dir = tempfile::tempdir().unwrap();
        for (mode, kept) in [
            (0o600, 0o600),
            (0o640, 0o640),
            (0o755, 0o755),
            (0o4755, 0o755),
            (0o2750, 0o750),
            (0o1777, 0o777),
        ] {
            let path = file(dir.path(), "f", "old", mode);
            let snapshot = Snapshot::of(&path, b"old").unwrap();
            replace(&path, &snapshot, b"new", Through::Rename).unwrap();
            let got = std::fs::metadata(&path).unwrap().permissions().mode() & 0o7777;
            assert_eq!(got, kept, "{mode:o}");
            assert_eq!(std::fs::read(&path).unwrap(), b"new");
        }
        assert_eq!(names(dir.path()), ["f"]);
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        for through in [Through::Rename, Through::Link] {
            // Same size, other bytes; then other size.
            for edit in ["OLD", "older"] {
                let path = file(dir.path(), "f", "old", 0o644);
                let snapshot = Snapshot::of(&path, b"old").unwrap();
                std::fs::write(&path, edit).unwrap();
                let err = replace(&path, &snapshot, b"new", through).unwrap_err();
                assert!(matches!(err, WriteError::Changed), "{err}");
                assert_eq!(std::fs::read_to_string(&path).unwrap(), edit);
                assert_eq!(names(dir.path()), ["f"]);
            }
        }
    }

    #[test]
    fn refusals_leave_the_file_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = file(dir.path(), "ro", "old", 0o444);
        let snapshot = Snapshot::of(&path, b"old").unwrap();
        let err = replace(&path, &snapshot, b"new", Through::Rename).unwrap_err();
        assert!(matches!(err, WriteError::ReadOnly), "{err}");
        let err = replace(&path, &snapshot, b"new", Through::Link).unwrap_err();
        assert!(matches!(err, WriteError::ReadOnly), "{err}");

        let a = file(dir.path(), "a", "old", 0o644);
        let b = dir.path().join("b");
        std::fs::hard_link(&a, &b).unwrap();
        let snapshot = Snapshot::of(&a, b"old").unwrap();
        let err = replace(&a, &snapshot, b"new", Through::Rename).unwrap_err();
        assert!(matches!(err, WriteError::HardLinked(2)), "{err}");
        for p in [&path, &a, &b] {
            assert_eq!(std::fs::read(p).unwrap(), b"old");
        }
        assert_eq!(names(dir.path()), ["a", "b", "ro"]);

        // Through the link: one inode, both names see the new text.
        let inode = std::fs::metadata(&a).unwrap().ino();
        replace(&a, &snapshot, b"new, longer", Through::Link).unwrap();
        for p in [&a, &b] {
            assert_eq!(std::fs::read(p).unwrap(), b"new, longer");
            assert_eq!(std::fs::metadata(p).unwrap().ino(), inode);
        }
        assert_eq!(names(dir.path()), ["a", "b", "ro"]);
    }

    #[test]
    fn owner_and_group_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = file(dir.path(), "f", "old", 0o640);
        let me = std::fs::metadata(&path).unwrap();
        // As root, a file of `nobody` (65534) stays nobody's; otherwise one's own stays one's own.
        let owner = if me.uid() == 0 {
            (65534, 65534)
        } else {
            (me.uid(), me.gid())
        };
        std::os::unix::fs::chown(&path, Some(owner.0), Some(owner.1)).unwrap();
        let snapshot = Snapshot::of(&path, b"old").unwrap();
        replace(&path, &snapshot, b"new", Through::Rename).unwrap();
        let meta = std::fs::metadata(&path).unwrap();
        assert_eq!((meta.uid(), meta.gid()), owner);
        assert_eq!(meta.permissions().mode() & 0o7777, 0o640);
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
    }
}
