//! `--write FILE`: the updated connection string back into its file, in place — only the
//! connection string's bytes change — atomically (a temporary file in the same folder, then a
//! rename), keeping the file's permissions; on any error the file is untouched.
//!
//! The new text replaces the old one escaped for the file's format (`sources::edit`: JSON
//! escapes, XML entities, `.env` and `.properties` quoting…), the file is written in the
//! encoding it was read in (UTF-16 app.config files stay UTF-16, a byte-order mark stays), and
//! the result is read back with `sources::find` to prove that the file now holds exactly the
//! new connection string and every other one unchanged. A place that cannot hold the new text
//! (an ODBC data source section, a line break in a plain value) is refused before any request.

use std::io::Write;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;
use zoomconn::ConnectionString;
use zoomconn_sources as sources;

use super::Failure;
use super::input::{FileOrigin, kind_name};
use crate::shown_path;

/// A file prepared for writing: the splice proved possible, the temporary file created.
pub(super) struct Target {
    shown: String,
    path: PathBuf,
    file: sources::Decoded,
    kind: sources::Kind,
    options: sources::Options,
    index: usize,
    found: sources::Found,
    temp: NamedTempFile,
}

impl Target {
    /// Checks, before any request, that `probe` (the connection string with placeholder tokens)
    /// can be written into the file, and that a temporary file can be created beside it.
    pub(super) fn prepare(
        origin: &FileOrigin,
        probe: &ConnectionString,
    ) -> Result<Target, Failure> {
        let shown = shown_path(&origin.path);
        // Write through a symbolic link to the file it names.
        let path = std::fs::canonicalize(&origin.path)
            .map_err(|e| Failure::usage(format!("{shown}: cannot write: {e}")))?;
        let dir = path.parent().unwrap_or(Path::new("."));
        let temp = tempfile::Builder::new()
            .prefix(".zoomconn-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| Failure::usage(format!("{shown}: cannot write beside it: {e}")))?;
        let target = Target {
            shown,
            path,
            file: origin.file.clone(),
            kind: origin.kind,
            options: origin.options.clone(),
            index: origin.index,
            found: origin.found.clone(),
            temp,
        };
        target.splice(probe.as_str())?;
        Ok(target)
    }

    /// Writes `cs` in place of the connection string, atomically.
    pub(super) fn commit(self, cs: &ConnectionString) -> Result<(), Failure> {
        let updated = self.splice(cs.as_str())?;
        let io =
            |what: &str, e: std::io::Error| Failure::usage(format!("{}: {what}: {e}", self.shown));
        let encode = |text: &str| {
            self.file
                .encode(text)
                .map_err(|e| Failure::usage(format!("{}: cannot write: {e}", self.shown)))
        };
        let (original, updated) = (encode(self.file.text())?, encode(&updated)?);
        // Someone else's edit since the file was read is never overwritten.
        let now = std::fs::read(&self.path).map_err(|e| io("cannot read it again", e))?;
        if now != original {
            return Err(Failure::usage(format!(
                "{}: the file changed while zoomconn ran; it was not overwritten",
                self.shown
            )));
        }
        let permissions = std::fs::metadata(&self.path)
            .map_err(|e| io("cannot read its permissions", e))?
            .permissions();
        let mut temp = self.temp;
        temp.write_all(&updated)
            .map_err(|e| Failure::usage(format!("{}: cannot write: {e}", self.shown)))?;
        temp.as_file().set_permissions(permissions).map_err(|e| {
            Failure::usage(format!("{}: cannot keep its permissions: {e}", self.shown))
        })?;
        temp.as_file()
            .sync_all()
            .map_err(|e| Failure::usage(format!("{}: cannot write: {e}", self.shown)))?;
        temp.persist(&self.path).map_err(|e| {
            Failure::usage(format!("{}: cannot replace it: {}", self.shown, e.error))
        })?;
        // Make the rename itself durable where the platform allows it.
        if let Some(dir) = self.path.parent() {
            if let Ok(d) = std::fs::File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }

    /// The file's text with the connection string replaced by `new`, escaped for the file's
    /// format, proved by reading it back.
    fn splice(&self, new: &str) -> Result<String, Failure> {
        let refuse = |why: &str| {
            Failure::usage(format!(
                "{}: cannot write the tokens into this {} file: {why}; run without --write and \
                 copy the connection string from stdout",
                self.shown,
                kind_name(self.kind)
            ))
        };
        let original = self.file.text();
        let updated = sources::edit(original, &self.found, new).map_err(|e| refuse(e.message()))?;
        let before =
            sources::find(original, self.kind, &self.options).map_err(|e| refuse(e.message()))?;
        let after = sources::find(&updated, self.kind, &self.options)
            .map_err(|_| refuse("the new value would not read back"))?;
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
