//! `--write FILE`: the updated connection string back into its file, in place — only the
//! connection string's bytes change — with the writer `fmt` uses ([`crate::write`]):
//! atomically, keeping the file's owner, group and mode, never over an edit made since the
//! file was read; on any error the file is untouched.
//!
//! The new text replaces the old one escaped for the file's format (`sources::edit`: JSON
//! escapes, XML entities, `.env` and `.properties` quoting…), the file is written in the
//! encoding it was read in (UTF-16 app.config files stay UTF-16, a byte-order mark stays), and
//! the result is read back with `sources::find` to prove that the file now holds exactly the
//! new connection string and every other one unchanged. A place that cannot hold the new text
//! (an ODBC data source section, a line break in a plain value) is refused before any request.

use std::path::PathBuf;

use zoomconn::ConnectionString;
use zoomconn_sources as sources;

use super::Failure;
use super::input::FileOrigin;
use crate::shown_path;
use crate::write::{self, Snapshot, Through};

/// A file prepared for writing: the splice proved possible, the file writable.
pub(super) struct Target {
    shown: String,
    path: PathBuf,
    file: sources::Decoded,
    kind: sources::Kind,
    options: sources::Options,
    index: usize,
    found: sources::Found,
    /// The file as it was read.
    snapshot: Snapshot,
    through: Through,
}

impl Target {
    /// Checks, before any request, that `probe` (the connection string with placeholder tokens)
    /// can be written into the file, and that the file can be replaced (see
    /// [`write::target`]).
    pub(super) fn prepare(
        origin: &FileOrigin,
        probe: &ConnectionString,
        through: Through,
    ) -> Result<Target, Failure> {
        let shown = shown_path(&origin.path);
        let cannot =
            |e: &dyn std::fmt::Display| Failure::usage(format!("{shown}: cannot write: {e}"));
        // Write through a symbolic link to the file it names.
        let path = write::target(&origin.path, through)
            .map_err(|e| Failure::usage(format!("{shown}: {e}")))?;
        let original = origin
            .file
            .encode(origin.file.text())
            .map_err(|e| cannot(&e))?;
        let snapshot = Snapshot::of(&path, &original).map_err(|e| cannot(&e))?;
        let target = Target {
            shown,
            path,
            file: origin.file.clone(),
            kind: origin.kind,
            options: origin.options.clone(),
            index: origin.index,
            found: origin.found.clone(),
            snapshot,
            through,
        };
        target.splice(probe.as_str())?;
        Ok(target)
    }

    /// Writes `cs` in place of the connection string.
    pub(super) fn commit(self, cs: &ConnectionString) -> Result<(), Failure> {
        let updated = self.splice(cs.as_str())?;
        let bytes = self
            .file
            .encode(&updated)
            .map_err(|e| Failure::usage(format!("{}: cannot write: {e}", self.shown)))?;
        write::replace(&self.path, &self.snapshot, &bytes, self.through)
            .map_err(|e| Failure::usage(format!("{}: {e}", self.shown)))
    }

    /// The file's text with the connection string replaced by `new`, escaped for the file's
    /// format, proved by reading it back.
    fn splice(&self, new: &str) -> Result<String, Failure> {
        let refuse = |why: &str| {
            Failure::usage(format!(
                "{}: cannot write the tokens into this {} file: {why}; run without --write and \
                 copy the connection string from stdout",
                self.shown,
                self.kind.name()
            ))
        };
        let original = self.file.text();
        let updated = sources::edit(original, &self.found, new).map_err(|e| refuse(e.message()))?;
        let before: Vec<_> = sources::find(original, self.kind, &self.options)
            .map_err(|e| refuse(e.message()))?
            .collect();
        let after: Vec<_> = sources::find(&updated, self.kind, &self.options)
            .map_err(|_| refuse("the new value would not read back"))?
            .collect();
        let same = before.len() == after.len()
            && before.iter().zip(&after).enumerate().all(|(i, (b, a))| {
                if i == self.index {
                    a.text() == new
                } else {
                    a.text() == b.text()
                }
            });
        if !same {
            return Err(refuse("the new value would not read back"));
        }
        Ok(updated)
    }
}
