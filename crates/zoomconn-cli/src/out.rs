//! Standard output for every command: one buffered writer, made in [`crate::run`] and lent to
//! the command, whose write errors are values that end at `run`. There a closed pipe
//! (`zoomconn … | head`) ends the process quietly with the status a shell shows for SIGPIPE
//! ([`BROKEN_PIPE`], 141), as other Unix tools end; any other write error is reported (exit 2).

use std::io::{self, BufWriter, Stdout, Write};

/// The exit status of a process that stopped on a closed pipe.
pub(crate) const BROKEN_PIPE: u8 = 141;

/// Buffered stdout.
pub(crate) struct Out {
    inner: BufWriter<Stdout>,
}

impl Out {
    pub(crate) fn new() -> Out {
        Out {
            inner: BufWriter::with_capacity(64 << 10, io::stdout()),
        }
    }

    /// Writes `s` and a line end.
    pub(crate) fn line(&mut self, s: &str) -> io::Result<()> {
        self.inner.write_all(s.as_bytes())?;
        self.inner.write_all(b"\n")
    }

    /// Writes `s` as it is.
    pub(crate) fn text(&mut self, s: &str) -> io::Result<()> {
        self.inner.write_all(s.as_bytes())
    }

    /// Writes `s` and a line end, and flushes: for a line a reader needs before the command
    /// blocks (the authorization URL of `oauth login`).
    pub(crate) fn line_now(&mut self, s: &str) -> io::Result<()> {
        self.line(s)?;
        self.inner.flush()
    }
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Output shared by the walker's threads: the first write error stops further writes and is
/// kept for the command to return.
pub(crate) struct Shared<'o> {
    out: &'o mut Out,
    error: Option<io::Error>,
}

impl<'o> Shared<'o> {
    pub(crate) fn new(out: &'o mut Out) -> Shared<'o> {
        Shared { out, error: None }
    }

    /// Has a write failed? Then there is no point in reading more.
    pub(crate) fn failed(&self) -> bool {
        self.error.is_some()
    }

    /// Runs `write` on the output unless a write failed before; keeps its error.
    pub(crate) fn with(&mut self, write: impl FnOnce(&mut Out) -> io::Result<()>) {
        if self.error.is_none() {
            if let Err(e) = write(self.out) {
                self.error = Some(e);
            }
        }
    }

    /// The output back, or the first write error.
    pub(crate) fn finish(self) -> io::Result<&'o mut Out> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.out),
        }
    }
}
