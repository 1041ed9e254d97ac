//! `zoomconn lsp`: a language server over stdio (LSP 3.17) for CData connection strings in
//! every file kind the CLI reads — appsettings.json, App.config, `.env`, docker-compose.yml,
//! odbc.ini, source-code literals. Diagnostics are `zoomconn check`'s findings, hover is
//! `zoomconn explain`, completion offers property names and values, code actions fix
//! findings and format a string as `zoomconn fmt` does, re-escaped for the host file.
//!
//! | file | concern |
//! |---|---|
//! | `server.rs` | the main loop: handshake, dispatch, debounce, shutdown |
//! | `transport.rs` | `Content-Length` framing, bounded and never stopped by bad input |
//! | `documents.rs` | the open documents and incremental changes |
//! | `positions.rs` | byte offsets ↔ LSP positions (UTF-16 or UTF-8), the index updated per edit |
//! | `analysis.rs` | the strings and findings of a document, as `check` finds them; validations kept across edits |
//! | `diagnostics.rs` | findings as LSP diagnostics |
//! | `hover.rs`, `completion.rs` | hover and completion from the registry |
//! | `actions.rs`, `edits.rs` | quick fixes and formatting as host-escaped edits |

mod actions;
mod analysis;
mod completion;
mod diagnostics;
mod documents;
mod edits;
mod hover;
mod positions;
mod server;
mod transport;

use std::time::Duration;

use crate::ExitCode;

/// `zoomconn lsp` arguments.
#[derive(Debug, clap::Args)]
pub(crate) struct LspArgs {
    /// Talk over stdin and stdout (the only transport; accepted because editors pass it).
    #[arg(long)]
    pub stdio: bool,
    /// Link each diagnostic to its rule's documentation at URL#rule-NAME (the README's rules
    /// table); also `initializationOptions.ruleDocs`. Without it, diagnostics carry no link.
    #[arg(long, value_name = "URL")]
    pub rule_docs: Option<String>,
    /// Wait this long after the last change of a document before checking it again.
    #[arg(long, value_name = "MS", default_value = "100")]
    pub debounce_ms: u64,
}

/// Serves one editor over stdio until it exits.
pub(crate) fn run(args: &LspArgs) -> ExitCode {
    let config = server::Config {
        rule_docs: args.rule_docs.clone(),
        debounce: Duration::from_millis(args.debounce_ms),
    };
    let stdout = std::io::stdout();
    let status = server::serve(
        config,
        std::io::BufReader::with_capacity(64 << 10, std::io::stdin()),
        std::io::BufWriter::with_capacity(64 << 10, stdout.lock()),
    );
    if status == 0 {
        ExitCode::Clean
    } else {
        ExitCode::Findings
    }
}
