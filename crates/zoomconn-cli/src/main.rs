//! The `zoomconn` binary: see the `zoomconn_cli` library target for the commands.

fn main() -> std::process::ExitCode {
    zoomconn_cli::run()
}
