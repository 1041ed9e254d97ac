//! The server's main loop: the `initialize` handshake, then requests answered in order and
//! document changes re-checked after a quiet time (the debounce), always on the latest
//! version. One thread reads the stream ([`transport::read_loop`]); this one handles
//! messages and writes. Every handler runs under `catch_unwind`, so that a bug answers with
//! an internal error instead of ending the server.

use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use lsp_server::{Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    CompletionOptions, CompletionParams, CompletionResponse, CompletionTextEdit,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DocumentFormattingParams, HoverParams, HoverProviderCapability, InitializeParams,
    InitializeResult, OneOf, PositionEncodingKind, PublishDiagnosticsParams, ServerCapabilities,
    ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, Uri,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::analysis::{self, Analysis};
use super::documents::{Document, Documents};
use super::positions::Encoding;
use super::transport::{self, Incoming, Writer};
use super::{actions, completion, diagnostics, hover};

/// JSON-RPC and LSP error codes.
const METHOD_NOT_FOUND: i32 = -32601;
const INVALID_PARAMS: i32 = -32602;
const INTERNAL_ERROR: i32 = -32603;
const SERVER_NOT_INITIALIZED: i32 = -32002;
const REQUEST_FAILED: i32 = -32803;

/// How the server is set up.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    /// The base URL of the rules' documentation (`codeDescription` is `{base}#rule-{name}`);
    /// none: no `codeDescription`.
    pub rule_docs: Option<String>,
    /// The quiet time after a change before a document is checked again.
    pub debounce: Duration,
}

/// The server's state after `initialize`.
struct State {
    config: Config,
    encoding: Encoding,
    documents: Documents,
    analyses: HashMap<Uri, Analysis>,
    /// Documents to check again, and when.
    pending: HashMap<Uri, Instant>,
    shutdown: bool,
}

type Answer = Result<Value, (i32, String)>;

fn params<P: DeserializeOwned>(value: Value) -> Result<P, (i32, String)> {
    serde_json::from_value(value).map_err(|_| (INVALID_PARAMS, "invalid params".to_owned()))
}

/// A method name fit to quote in an error message: short and plain.
fn shown_method(method: &str) -> &str {
    let plain = method.len() <= 64
        && method
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/$_.-".contains(c));
    if plain { method } else { "(not shown)" }
}

impl State {
    /// The document and its analysis, made again when the document changed since.
    fn analysis(&mut self, uri: &Uri) -> Option<(&Document, &Analysis)> {
        let doc = self.documents.get(uri)?;
        let fresh = self
            .analyses
            .get(uri)
            .is_some_and(|a| a.version == doc.version);
        if !fresh {
            // The last analysis's validations carry over: changed strings only validate again.
            let previous = self
                .analyses
                .remove(uri)
                .map(|a| a.validations)
                .unwrap_or_default();
            self.analyses
                .insert(uri.clone(), analysis::analyze(doc, previous));
        }
        Some((doc, self.analyses.get(uri)?))
    }

    fn request(&mut self, method: &str, value: Value) -> Answer {
        let encoding = self.encoding;
        let docs = self.config.rule_docs.clone();
        match method {
            "textDocument/hover" => {
                let p: HoverParams = params(value)?;
                let at = p.text_document_position_params;
                let Some((doc, analysis)) = self.analysis(&at.text_document.uri) else {
                    return Ok(Value::Null);
                };
                let offset = doc.index.offset(&doc.text, at.position, encoding);
                Ok(match hover::hover(analysis, offset) {
                    Some((text, r)) => {
                        let range = doc.index.range(&doc.text, r, encoding);
                        serde_json::to_value(hover::to_lsp(text, range)).unwrap_or_default()
                    }
                    None => Value::Null,
                })
            }
            "textDocument/completion" => {
                let p: CompletionParams = params(value)?;
                let at = p.text_document_position;
                let Some((doc, analysis)) = self.analysis(&at.text_document.uri) else {
                    return Ok(Value::Null);
                };
                let offset = doc.index.offset(&doc.text, at.position, encoding);
                let items: Vec<_> = completion::complete(analysis, offset)
                    .into_iter()
                    .map(|(mut item, r)| {
                        if let Some(CompletionTextEdit::Edit(e)) = &mut item.text_edit {
                            e.range = doc.index.range(&doc.text, r, encoding);
                        }
                        item
                    })
                    .collect();
                if items.is_empty() {
                    return Ok(Value::Null);
                }
                Ok(serde_json::to_value(CompletionResponse::Array(items)).unwrap_or_default())
            }
            "textDocument/codeAction" => {
                let p: CodeActionParams = params(value)?;
                let uri = p.text_document.uri;
                let Some((doc, analysis)) = self.analysis(&uri) else {
                    return Ok(Value::Null);
                };
                let start = doc.index.offset(&doc.text, p.range.start, encoding);
                let end = doc
                    .index
                    .offset(&doc.text, p.range.end, encoding)
                    .max(start);
                let only = p.context.only.as_deref();
                let found = actions::actions(
                    &uri,
                    doc,
                    analysis,
                    start..end,
                    only,
                    encoding,
                    docs.as_deref(),
                );
                Ok(serde_json::to_value(found).unwrap_or_default())
            }
            "textDocument/formatting" => {
                let p: DocumentFormattingParams = params(value)?;
                let Some((doc, analysis)) = self.analysis(&p.text_document.uri) else {
                    return Ok(Value::Null);
                };
                match actions::format(doc, analysis, encoding) {
                    Ok(edits) => Ok(serde_json::to_value(edits).unwrap_or_default()),
                    Err(e) => Err((REQUEST_FAILED, format!("not formatted: {}", e.message()))),
                }
            }
            "shutdown" => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            other => Err((
                METHOD_NOT_FOUND,
                format!("unknown method {}", shown_method(other)),
            )),
        }
    }

    fn notification(&mut self, method: &str, value: Value) {
        let now = Instant::now();
        match method {
            "textDocument/didOpen" => {
                if let Ok(p) = params::<DidOpenTextDocumentParams>(value) {
                    let d = p.text_document;
                    self.pending
                        .insert(d.uri.clone(), now + self.config.debounce);
                    self.documents.open(d.uri, d.text, d.version);
                }
            }
            "textDocument/didChange" => {
                if let Ok(p) = params::<DidChangeTextDocumentParams>(value) {
                    let uri = p.text_document.uri;
                    let version = p.text_document.version;
                    if self
                        .documents
                        .change(&uri, version, p.content_changes, self.encoding)
                    {
                        self.pending.insert(uri, now + self.config.debounce);
                    }
                }
            }
            "textDocument/didClose" => {
                if let Ok(p) = params::<DidCloseTextDocumentParams>(value) {
                    let uri = p.text_document.uri;
                    self.documents.close(&uri);
                    self.analyses.remove(&uri);
                    // Cleared at once: the document's diagnostics go with it.
                    self.pending.insert(uri, now);
                }
            }
            _ => {}
        }
    }

    /// The earliest time a pending document is due.
    fn next_due(&self) -> Option<Instant> {
        self.pending.values().min().copied()
    }

    /// Checks the documents that are due and publishes their diagnostics.
    fn publish_due(&mut self) -> Vec<Notification> {
        let now = Instant::now();
        let due: Vec<Uri> = self
            .pending
            .iter()
            .filter(|&(_, &at)| at <= now)
            .map(|(u, _)| u.clone())
            .collect();
        let mut out = Vec::new();
        for uri in due {
            self.pending.remove(&uri);
            let encoding = self.encoding;
            let docs = self.config.rule_docs.clone();
            let (diagnostics, version) = match self.analysis(&uri) {
                Some((doc, analysis)) => (
                    diagnostics::diagnostics(&uri, doc, analysis, encoding, docs.as_deref()),
                    Some(doc.version),
                ),
                None => (Vec::new(), None),
            };
            out.push(Notification::new(
                "textDocument/publishDiagnostics".to_owned(),
                PublishDiagnosticsParams {
                    uri,
                    diagnostics,
                    version,
                },
            ));
        }
        out
    }
}

/// The capabilities the server offers, in the client's position encoding.
fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["=".to_owned(), ";".to_owned()]),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::REFACTOR_REWRITE,
            ]),
            resolve_provider: Some(false),
            ..CodeActionOptions::default()
        })),
        document_formatting_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

/// The answer to `initialize`, and the encoding and docs base it settles.
fn initialize(value: Value, config: &mut Config) -> Result<(Value, Encoding), (i32, String)> {
    let p: InitializeParams = params(value)?;
    let utf8 = p
        .capabilities
        .general
        .and_then(|g| g.position_encodings)
        .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8));
    let encoding = if utf8 {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    if config.rule_docs.is_none() {
        config.rule_docs = p
            .initialization_options
            .as_ref()
            .and_then(|o| o.get("ruleDocs"))
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_owned);
    }
    let result = InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(ServerInfo {
            name: "zoomconn".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    };
    Ok((serde_json::to_value(result).unwrap_or_default(), encoding))
}

fn respond(id: RequestId, answer: Answer) -> Message {
    Message::Response(match answer {
        Ok(result) => Response {
            id,
            result: Some(result),
            error: None,
        },
        Err((code, message)) => Response::new_err(id, code, message),
    })
}

/// Runs a handler, turning a panic into an internal error.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, (i32, String)> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|_| (INTERNAL_ERROR, "internal error".to_owned()))
}

/// Serves one client on `input`/`output` until `exit` or the end of the stream; the process
/// exit status: 0 after `shutdown` then `exit`, 1 otherwise (as the protocol says).
pub(crate) fn serve(
    mut config: Config,
    input: impl BufRead + Send + 'static,
    output: impl Write,
) -> i32 {
    let (tx, rx) = mpsc::channel();
    // The reader is left to end with the stream (or the process).
    std::thread::spawn(move || transport::read_loop(input, &tx));
    let mut w = Writer::new(output);
    let note = |m: &str| eprintln!("zoomconn lsp: {m}");

    // Until `initialize`: requests are refused, notifications dropped.
    let encoding = loop {
        let Ok(incoming) = rx.recv() else { return 1 };
        let sent = match incoming {
            Incoming::End => return 1,
            Incoming::Malformed { id, code, message } => {
                note(&message);
                w.malformed(id, code, &message)
            }
            Incoming::Message(Message::Request(Request { id, method, params })) => {
                if method == "initialize" {
                    match guarded(|| initialize(params, &mut config)).and_then(|r| r) {
                        Ok((result, encoding)) => {
                            if w.send(respond(id, Ok(result))).is_err() {
                                return 1;
                            }
                            break encoding;
                        }
                        Err(e) => w.send(respond(id, Err(e))),
                    }
                } else {
                    w.send(respond(
                        id,
                        Err((
                            SERVER_NOT_INITIALIZED,
                            "the server is not initialized".to_owned(),
                        )),
                    ))
                }
            }
            Incoming::Message(Message::Notification(n)) if n.method == "exit" => return 1,
            Incoming::Message(_) => Ok(()),
        };
        if sent.is_err() {
            return 1;
        }
    };

    let mut state = State {
        config,
        encoding,
        documents: Documents::default(),
        analyses: HashMap::new(),
        pending: HashMap::new(),
        shutdown: false,
    };
    loop {
        let incoming = match state.next_due() {
            Some(due) => match rx.recv_timeout(due.saturating_duration_since(Instant::now())) {
                Ok(i) => Some(i),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => Some(Incoming::End),
            },
            None => Some(rx.recv().unwrap_or(Incoming::End)),
        };
        let sent = match incoming {
            None => Ok(()),
            Some(Incoming::End) => return if state.shutdown { 0 } else { 1 },
            Some(Incoming::Malformed { id, code, message }) => {
                note(&message);
                w.malformed(id, code, &message)
            }
            Some(Incoming::Message(Message::Request(Request { id, method, params }))) => {
                let answer = if state.shutdown {
                    Err((
                        transport::INVALID_REQUEST,
                        "the server is shutting down".to_owned(),
                    ))
                } else {
                    guarded(|| state.request(&method, params)).and_then(|a| a)
                };
                w.send(respond(id, answer))
            }
            Some(Incoming::Message(Message::Notification(n))) => {
                if n.method == "exit" {
                    return if state.shutdown { 0 } else { 1 };
                }
                let _ = guarded(|| state.notification(&n.method, n.params));
                Ok(())
            }
            Some(Incoming::Message(Message::Response(_))) => Ok(()),
        };
        if sent.is_err() {
            return 1;
        }
        let published = guarded(|| state.publish_due()).unwrap_or_default();
        for n in published {
            if w.send(Message::Notification(n)).is_err() {
                return 1;
            }
        }
    }
}
