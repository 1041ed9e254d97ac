//! Standard output for every command: buffered, and a closed pipe (`zoomconn … | head`) ends
//! the process quietly with the status a shell shows for SIGPIPE (141), as other Unix tools
//! end — never a panic.

use std::io::{self, BufWriter, Stdout, Write};

/// The exit status of a process that stopped on a closed pipe.
pub(crate) const BROKEN_PIPE: i32 = 141;

/// Ends the process for a write error: quietly for a closed pipe, with a message otherwise.
#[allow(clippy::exit)] // the one place a command ends the process on a write error
pub(crate) fn fail(e: &io::Error) -> ! {
    if e.kind() == io::ErrorKind::BrokenPipe {
        std::process::exit(BROKEN_PIPE);
    }
    eprintln!("error: cannot write the output: {e}");
    std::process::exit(2);
}

/// `println!` and friends panic on a closed stdout; this hook turns that panic into the quiet
/// exit of [`fail`], for any command.
#[allow(clippy::exit)]
pub(crate) fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if message.contains("Broken pipe") || message.contains("os error 32") {
            std::process::exit(BROKEN_PIPE);
        }
        default(info);
    }));
}

/// Buffered stdout whose every write ends the process on failure.
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
    pub(crate) fn line(&mut self, s: &str) {
        if let Err(e) = self
            .inner
            .write_all(s.as_bytes())
            .and_then(|()| self.inner.write_all(b"\n"))
        {
            fail(&e);
        }
    }

    /// Writes `s` as it is.
    pub(crate) fn text(&mut self, s: &str) {
        if let Err(e) = self.inner.write_all(s.as_bytes()) {
            fail(&e);
        }
    }

    pub(crate) fn flush(&mut self) {
        if let Err(e) = self.inner.flush() {
            fail(&e);
        }
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
