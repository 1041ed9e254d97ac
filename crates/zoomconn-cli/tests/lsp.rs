//! `zoomconn lsp` driven over stdio as an editor drives it: the real binary, `lsp-types`
//! messages, this file's own `Content-Length` framing. Every message the server sends and its
//! stderr are searched for the documents' secret.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use lsp_types::{
    ClientCapabilities, CodeActionContext, CodeActionKind, CodeActionOrCommand, CodeActionParams,
    CompletionParams, CompletionResponse, Diagnostic, DidChangeTextDocumentParams,
    DidOpenTextDocumentParams, DocumentFormattingParams, FormattingOptions,
    GeneralClientCapabilities, HoverContents, HoverParams, InitializeParams, PartialResultParams,
    Position, PositionEncodingKind, PublishDiagnosticsParams, Range,
    TextDocumentContentChangeEvent, TextDocumentIdentifier, TextDocumentItem,
    TextDocumentPositionParams, TextEdit, Uri, VersionedTextDocumentIdentifier,
    WorkDoneProgressParams,
};
use serde_json::{Value, json};

const SECRET: &str = "hunter2Secret";
const WAIT: Duration = Duration::from_secs(60);

/// A client: the server process, what it sent, and every raw message seen.
struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<String>,
    queue: VecDeque<Value>,
    seen: Vec<String>,
    next_id: i64,
}

/// Reads framed messages from the server's stdout.
fn read_frames(out: impl Read, tx: std::sync::mpsc::Sender<String>) {
    let mut out = BufReader::new(out);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            if out.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                length = v.parse::<usize>().ok();
            }
        }
        let mut body = vec![0; length.expect("a Content-Length header")];
        if out.read_exact(&mut body).is_err() {
            return;
        }
        if tx.send(String::from_utf8(body).expect("UTF-8")).is_err() {
            return;
        }
    }
}

fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_zoomconn"))
            .args(["lsp", "--stdio", "--debounce-ms", "20"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the zoomconn binary");
        let (tx, rx) = channel();
        let out = child.stdout.take().expect("stdout");
        std::thread::spawn(move || read_frames(out, tx));
        Client {
            stdin: child.stdin.take(),
            child,
            rx,
            queue: VecDeque::new(),
            seen: Vec::new(),
            next_id: 1,
        }
    }

    fn raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("write");
        stdin.flush().expect("flush");
    }

    fn send(&mut self, message: Value) {
        self.raw(&frame(&message.to_string()));
    }

    fn notify(&mut self, method: &str, params: impl serde::Serialize) {
        let params = serde_json::to_value(params).unwrap();
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message from the server.
    fn next(&mut self) -> Value {
        if let Some(v) = self.queue.pop_front() {
            return v;
        }
        let text = match self.rx.recv_timeout(WAIT) {
            Ok(t) => t,
            Err(RecvTimeoutError::Timeout) => panic!("no message from the server in {WAIT:?}"),
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
        };
        self.seen.push(text.clone());
        serde_json::from_str(&text).expect("the server sends JSON")
    }

    /// Waits for the message `pick` accepts, keeping the others for later.
    fn wait_for(&mut self, pick: impl Fn(&Value) -> bool) -> Value {
        let mut skipped = Vec::new();
        let deadline = Instant::now() + WAIT;
        loop {
            assert!(Instant::now() < deadline, "no matching message");
            let v = self.next();
            if pick(&v) {
                skipped
                    .into_iter()
                    .rev()
                    .for_each(|s| self.queue.push_front(s));
                return v;
            }
            skipped.push(v);
        }
    }

    /// Sends a request and returns its whole response.
    fn request_raw(&mut self, method: &str, params: impl serde::Serialize) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let params = serde_json::to_value(params).unwrap();
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(|v| v.get("id") == Some(&json!(id)) && v.get("method").is_none())
    }

    /// Sends a request and returns its result.
    fn request(&mut self, method: &str, params: impl serde::Serialize) -> Value {
        let response = self.request_raw(method, params);
        assert!(response.get("error").is_none(), "{method}: {response}");
        response.get("result").cloned().unwrap_or(Value::Null)
    }

    fn initialize(&mut self, utf8: bool) -> Value {
        let mut params = InitializeParams {
            capabilities: ClientCapabilities::default(),
            ..InitializeParams::default()
        };
        if utf8 {
            params.capabilities.general = Some(GeneralClientCapabilities {
                position_encodings: Some(vec![PositionEncodingKind::UTF8]),
                ..GeneralClientCapabilities::default()
            });
        }
        let result = self.request("initialize", params);
        self.notify("initialized", json!({}));
        result
    }

    fn open(&mut self, uri: &Uri, text: &str) {
        self.notify(
            "textDocument/didOpen",
            DidOpenTextDocumentParams {
                text_document: TextDocumentItem::new(
                    uri.clone(),
                    "plaintext".into(),
                    1,
                    text.into(),
                ),
            },
        );
    }

    /// The diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &Uri, version: i32) -> Vec<Diagnostic> {
        let uri = uri.as_str().to_owned();
        let v = self.wait_for(|v| {
            v.get("method") == Some(&json!("textDocument/publishDiagnostics"))
                && v["params"]["uri"] == json!(uri)
                && v["params"]["version"] == json!(version)
        });
        let p: PublishDiagnosticsParams = serde_json::from_value(v["params"].clone()).unwrap();
        p.diagnostics
    }

    /// `shutdown`, `exit`, and the exit status and stderr.
    fn finish(mut self) -> (i32, String, Vec<String>) {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r, Value::Null);
        self.notify("exit", Value::Null);
        self.wait()
    }

    /// Closes stdin and waits for the process (60 s at most).
    fn wait(mut self) -> (i32, String, Vec<String>) {
        drop(self.stdin.take());
        let deadline = Instant::now() + WAIT;
        let status = loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                break s;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server did not exit");
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        let mut err = String::new();
        if let Some(mut e) = self.child.stderr.take() {
            let _ = e.read_to_string(&mut err);
        }
        while let Ok(t) = self.rx.try_recv() {
            self.seen.push(t);
        }
        (status.code().unwrap_or(-1), err, self.seen)
    }
}

/// The UTF-16 position of byte `offset` of `text`, counted here independently of the server.
fn utf16(text: &str, offset: usize) -> Position {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    Position::new(
        line as u32,
        text[start..offset].encode_utf16().count() as u32,
    )
}

/// The byte offset of a UTF-16 position.
fn offset(text: &str, p: Position) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(p.line as usize)
        .map(str::len)
        .sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= p.character as usize {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// Applies edits (ranges in the old text) as a client does.
fn apply(text: &str, edits: &[TextEdit]) -> String {
    let mut spans: Vec<_> = edits
        .iter()
        .map(|e| {
            (
                offset(text, e.range.start),
                offset(text, e.range.end),
                e.new_text.clone(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_owned();
    for (s, e, t) in spans {
        out.replace_range(s..e, &t);
    }
    out
}

fn at(uri: &Uri, p: Position) -> TextDocumentPositionParams {
    TextDocumentPositionParams::new(TextDocumentIdentifier::new(uri.clone()), p)
}

fn no_progress() -> (WorkDoneProgressParams, PartialResultParams) {
    (
        WorkDoneProgressParams::default(),
        PartialResultParams::default(),
    )
}

/// One whole exchange on a document holding `InitiateOAuth=GETANDREFESH` and a secret.
fn exchange(name: &str, text: &str) {
    let uri: Uri = format!("file:///work/project/{name}").parse().unwrap();
    let mut c = Client::start();
    c.initialize(false);
    c.open(&uri, text);

    // The diagnostic, at the typo's exact UTF-16 range.
    let diags = c.diagnostics(&uri, 1);
    let typo = text.find("GETANDREFESH").expect("the typo");
    let expected = Range::new(utf16(text, typo), utf16(text, typo + "GETANDREFESH".len()));
    let codes: Vec<_> = diags.iter().map(|d| d.code.clone()).collect();
    assert_eq!(diags.len(), 1, "{name}: {codes:?}");
    let d = &diags[0];
    assert_eq!(
        d.code,
        Some(lsp_types::NumberOrString::String("invalid-enum".into())),
        "{name}"
    );
    assert_eq!(d.range, expected, "{name}");
    assert_eq!(d.source.as_deref(), Some("zoomconn"));
    assert_eq!(d.severity, Some(lsp_types::DiagnosticSeverity::ERROR));
    assert!(
        d.message.contains("did you mean GETANDREFRESH?"),
        "{}",
        d.message
    );

    // Hover on the property name.
    let key = text.find("InitiateOAuth=").unwrap();
    let (w, _) = no_progress();
    let hover = c.request(
        "textDocument/hover",
        HoverParams {
            text_document_position_params: at(&uri, utf16(text, key + 3)),
            work_done_progress_params: w,
        },
    );
    let hover: lsp_types::Hover = serde_json::from_value(hover).expect("a hover");
    let HoverContents::Markup(m) = hover.contents else {
        panic!("markdown")
    };
    for words in [
        "**InitiateOAuth**",
        "GETANDREFRESH",
        "type: enum",
        "default: `OFF`",
        "secret: no",
    ] {
        assert!(m.value.contains(words), "{name}: {words} in {}", m.value);
    }
    assert_eq!(
        hover.range,
        Some(Range::new(utf16(text, key), utf16(text, key + 13)))
    );

    // Hover on the secret value: that it is secret, never the value.
    let secret = text.find(SECRET).unwrap();
    let (w, _) = no_progress();
    let hover = c.request(
        "textDocument/hover",
        HoverParams {
            text_document_position_params: at(&uri, utf16(text, secret + 2)),
            work_done_progress_params: w,
        },
    );
    assert!(hover.to_string().contains("**secret**"), "{hover}");

    // Completion after `InitiateOAuth=`.
    let (w, p) = no_progress();
    let items = c.request(
        "textDocument/completion",
        CompletionParams {
            text_document_position: at(&uri, utf16(text, typo)),
            work_done_progress_params: w,
            partial_result_params: p,
            context: None,
        },
    );
    let items = match serde_json::from_value::<CompletionResponse>(items).expect("completions") {
        CompletionResponse::Array(items) => items,
        CompletionResponse::List(l) => l.items,
    };
    let labels: Vec<_> = items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels, ["OFF", "GETANDREFRESH", "REFRESH"], "{name}");

    // The code actions at the diagnostic, of the kinds `only` names (all without it).
    let mut code_actions = |only: Option<&str>| -> Vec<CodeActionOrCommand> {
        let (w, p) = no_progress();
        let found = c.request(
            "textDocument/codeAction",
            CodeActionParams {
                text_document: TextDocumentIdentifier::new(uri.clone()),
                range: expected,
                context: CodeActionContext {
                    diagnostics: diags.clone(),
                    only: only.map(|k| vec![CodeActionKind::from(k.to_owned())]),
                    trigger_kind: None,
                },
                work_done_progress_params: w,
                partial_result_params: p,
            },
        );
        serde_json::from_value(found).unwrap()
    };
    // The quick fix.
    let actions = code_actions(None);
    let fix = actions
        .iter()
        .find_map(|a| match a {
            CodeActionOrCommand::CodeAction(a) if a.is_preferred == Some(true) => Some(a),
            _ => None,
        })
        .expect("a preferred fix");
    assert_eq!(fix.title, "Replace with `GETANDREFRESH`");
    // The kinds the client asks for (`context.only`), a kind taking the kinds under it.
    let kinds = |actions: &[CodeActionOrCommand]| -> Vec<String> {
        let mut kinds: Vec<String> = actions
            .iter()
            .map(|a| match a {
                CodeActionOrCommand::CodeAction(a) => a.kind.clone().unwrap().as_str().to_owned(),
                CodeActionOrCommand::Command(_) => "command".to_owned(),
            })
            .collect();
        kinds.dedup();
        kinds
    };
    assert_eq!(kinds(&actions), ["quickfix", "refactor.rewrite"], "{name}");
    for (only, want) in [
        ("quickfix", &["quickfix"][..]),
        ("refactor", &["refactor.rewrite"]),
        ("refactor.rewrite", &["refactor.rewrite"]),
        ("refactor.extract", &[]),
        ("source", &[]),
    ] {
        assert_eq!(
            kinds(&code_actions(Some(only))),
            want,
            "{name}: only {only}"
        );
    }
    let edits = fix.edit.as_ref().unwrap().changes.as_ref().unwrap()[&uri].clone();
    let fixed = apply(text, &edits);
    assert_eq!(
        fixed,
        text.replace("GETANDREFESH", "GETANDREFRESH"),
        "{name}"
    );

    // The fix applied as the editor applies it: the diagnostics go.
    let mut sorted = edits.clone();
    sorted.sort_by_key(|e| std::cmp::Reverse((e.range.start.line, e.range.start.character)));
    c.notify(
        "textDocument/didChange",
        DidChangeTextDocumentParams {
            text_document: VersionedTextDocumentIdentifier::new(uri.clone(), 2),
            content_changes: sorted
                .into_iter()
                .map(|e| TextDocumentContentChangeEvent {
                    range: Some(e.range),
                    range_length: None,
                    text: e.new_text,
                })
                .collect(),
        },
    );
    assert_eq!(c.diagnostics(&uri, 2), [], "{name}");

    let (status, stderr, seen) = c.finish();
    assert_eq!(status, 0, "{name}: {stderr}");
    assert!(!stderr.contains(SECRET));
    assert!(
        seen.iter().all(|m| !m.contains(SECRET)),
        "{name}: a message holds the secret"
    );
}

const PAIRS: &str = "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFESH;OAuthClientId=abc123;OAuthClientSecret=hunter2Secret;CallbackURL=http://localhost:33333";

#[test]
fn appsettings_json() {
    let pairs = PAIRS.replace(
        "Profile=Zoom.apip;",
        r#"Profile=Zoom.apip;Scope=\"meeting:read user:read\";"#,
    );
    exchange(
        "appsettings.json",
        &format!(
            "{{\n  // 🚀 Zoom settings 🎉\n  \"ConnectionStrings\": {{\n    \"Zoom🚀\": \"{pairs}\"\n  }}\n}}\n"
        ),
    );
}

#[test]
fn dotenv() {
    let pairs = PAIRS.replace(
        "Profile=Zoom.apip;",
        r#"Profile=Zoom.apip;Scope=\"meeting:read user:read\";"#,
    );
    exchange(".env", &format!("# 🚀 deploy 🎉\nZOOM=\"{pairs}\"\n"));
}

#[test]
fn docker_compose_yaml() {
    exchange(
        "docker-compose.yml",
        &format!(
            "services:\n  app:\n    image: app # 🚀\n    environment:\n      ZOOM_🎉: '{}'\n",
            PAIRS
                .replace(
                    "Profile=Zoom.apip;",
                    "Profile=Zoom.apip;Scope='meeting:read';"
                )
                .replace('\'', "''")
        ),
    );
}

#[test]
fn app_config() {
    let pairs = PAIRS.replace(
        "Profile=Zoom.apip;",
        "Profile=Zoom.apip;Scope=&quot;meeting:read user:read&quot;;",
    );
    exchange(
        "App.config",
        &format!(
            "<?xml version=\"1.0\"?>\n<configuration>\n  <!-- 🚀 -->\n  <connectionStrings>\n    <add name=\"Zoom🎉\" connectionString=\"{pairs}\" />\n  </connectionStrings>\n</configuration>\n"
        ),
    );
}

#[test]
fn python_literal() {
    let pairs = PAIRS.replace(
        "Profile=Zoom.apip;",
        r#"Profile=Zoom.apip;Scope=\"meeting:read\";"#,
    );
    exchange(
        "settings.py",
        &format!("# 🚀 settings\nlabel = \"🎉\"; conn = \"{pairs}\"\n"),
    );
}

/// The error code of a response.
fn error_code(response: &Value) -> Option<i64> {
    response
        .get("error")
        .and_then(|e| e.get("code"))
        .and_then(Value::as_i64)
}

#[test]
fn bad_frames_get_errors_and_the_server_serves_on() {
    let mut c = Client::start();
    // A request before `initialize`.
    let r = c.request_raw("textDocument/hover", json!({}));
    assert_eq!(error_code(&r), Some(-32002));
    // Not JSON; JSON that is no message; a length too short (the rest is junk before the
    // next frame); a method that is a secret-looking string.
    c.raw(&frame(
        "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"hunter2Secret",
    ));
    let r = c.next();
    assert_eq!(
        (error_code(&r), r["id"].clone()),
        (Some(-32700), Value::Null)
    );
    c.raw(&frame("[1, 2]"));
    assert_eq!(error_code(&c.next()), Some(-32600));
    c.raw(b"Content-Length: 4\r\n\r\n{\"jsonrpc\": \"2.0\"}\r\n");
    assert_eq!(error_code(&c.next()), Some(-32700));
    c.initialize(false);
    let r = c.request_raw("Password=hunter2Secret", json!({}));
    assert_eq!(error_code(&r), Some(-32601));
    let r = c.request_raw("zoomconn/unknown", json!({}));
    assert_eq!(error_code(&r), Some(-32601));
    // Unknown notifications and bad params of known ones are ignored.
    c.notify("zoomconn/whatever", json!({"x": SECRET}));
    c.notify("textDocument/didOpen", json!({"textDocument": 5}));
    let r = c.request_raw("textDocument/hover", json!({"textDocument": "x"}));
    assert_eq!(error_code(&r), Some(-32602));
    // Requests on a document that is not open.
    let uri: Uri = "file:///nowhere/appsettings.json".parse().unwrap();
    let (w, _) = no_progress();
    let hover = c.request(
        "textDocument/hover",
        HoverParams {
            text_document_position_params: at(&uri, Position::new(0, 0)),
            work_done_progress_params: w,
        },
    );
    assert_eq!(hover, Value::Null);
    let (w, _) = no_progress();
    let formatted = c.request(
        "textDocument/formatting",
        DocumentFormattingParams {
            text_document: TextDocumentIdentifier::new(uri),
            options: FormattingOptions::default(),
            work_done_progress_params: w,
        },
    );
    assert_eq!(formatted, Value::Null);
    let (status, stderr, seen) = c.finish();
    assert_eq!(status, 0, "{stderr}");
    assert!(
        !stderr.contains(SECRET) && !stderr.contains("panicked"),
        "{stderr}"
    );
    assert!(seen.iter().all(|m| !m.contains(SECRET)));
}

#[test]
fn out_of_range_positions_and_odd_documents() {
    let mut c = Client::start();
    c.initialize(false);
    let uri: Uri = "file:///p/.env".parse().unwrap();
    let text = format!("Z=Profile=Zoom.apip;AuthScheme=OAuth2;OAuthClientSecret={SECRET}\n");
    c.open(&uri, &text);
    let before = c.diagnostics(&uri, 1).len();
    assert!(before > 0);
    for p in [
        Position::new(0, 9999),
        Position::new(9999, 0),
        Position::new(u32::MAX, u32::MAX),
    ] {
        let (w, _) = no_progress();
        let r = c.request_raw(
            "textDocument/hover",
            HoverParams {
                text_document_position_params: at(&uri, p),
                work_done_progress_params: w,
            },
        );
        assert!(r.get("error").is_none(), "{r}");
    }
    // A change with a range past the end is clamped to it.
    c.notify(
        "textDocument/didChange",
        DidChangeTextDocumentParams {
            text_document: VersionedTextDocumentIdentifier::new(uri.clone(), 2),
            content_changes: vec![TextDocumentContentChangeEvent {
                range: Some(Range::new(Position::new(50, 3), Position::new(0, 0))),
                range_length: None,
                text: "# end\n".into(),
            }],
        },
    );
    assert_eq!(c.diagnostics(&uri, 2).len(), before);

    // A binary document and one over the size limit: a diagnostic each, and the server goes on.
    let binary: Uri = "file:///p/b.json".parse().unwrap();
    c.open(&binary, "{\"a\": \"\u{0}\u{1}\"}");
    let d = c.diagnostics(&binary, 1);
    assert_eq!(
        d[0].code,
        Some(lsp_types::NumberOrString::String("binary-file".into()))
    );
    let large: Uri = "file:///p/large.json".parse().unwrap();
    let big = format!("{{\"a\": \"{}\"}}", "x".repeat(64 << 20));
    c.open(&large, &big);
    drop(big);
    let d = c.diagnostics(&large, 1);
    assert_eq!(
        d[0].code,
        Some(lsp_types::NumberOrString::String("file-too-large".into()))
    );
    let (w, _) = no_progress();
    let hover = c.request(
        "textDocument/hover",
        HoverParams {
            text_document_position_params: at(&uri, Position::new(0, 22)),
            work_done_progress_params: w,
        },
    );
    assert!(hover.to_string().contains("AuthScheme"), "{hover}");
    // Closing a document clears its diagnostics.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": large.as_str()}}),
    );
    let v = c.wait_for(|v| {
        v["params"]["uri"] == json!(large.as_str()) && v["params"]["diagnostics"] == json!([])
    });
    assert!(v["params"]["version"].is_null());
    let (status, stderr, seen) = c.finish();
    assert_eq!(status, 0, "{stderr}");
    assert!(seen.iter().all(|m| !m.contains(SECRET)));
}

#[test]
fn the_client_disappearing_or_exiting_without_shutdown() {
    // The stream ends: the server ends, without a panic, with status 1.
    let mut c = Client::start();
    c.initialize(false);
    let (status, stderr, _) = c.wait();
    assert_eq!(status, 1);
    assert!(!stderr.contains("panicked"), "{stderr}");
    // `exit` without `shutdown`: status 1, as the protocol says.
    let mut c = Client::start();
    c.initialize(false);
    c.notify("exit", Value::Null);
    let (status, stderr, _) = c.wait();
    assert_eq!(status, 1, "{stderr}");
    // The stream ends mid-frame.
    let mut c = Client::start();
    c.raw(b"Content-Length: 100\r\n\r\n{\"jsonrpc\"");
    let (status, stderr, _) = c.wait();
    assert_eq!(status, 1, "{stderr}");
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let mut c = Client::start();
    let init = c.initialize(true);
    assert_eq!(init["capabilities"]["positionEncoding"], json!("utf-8"));
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], json!(2));
    assert_eq!(
        init["capabilities"]["completionProvider"]["triggerCharacters"],
        json!(["=", ";"])
    );
    let uri: Uri = "file:///p/.env".parse().unwrap();
    let text = "# 🚀\nZ=Profile=Zoom.apip;Scope=🎉;AuthScheme=OAuth2\n";
    c.open(&uri, text);
    let d = c.diagnostics(&uri, 1);
    let at = text.find("OAuth2").unwrap();
    let line_start = text[..at].rfind('\n').unwrap() + 1;
    assert_eq!(d[0].range.start, Position::new(1, (at - line_start) as u32));
    c.finish();
}

#[test]
fn formatting_and_fixes_are_escaped_for_the_host() {
    let mut c = Client::start();
    c.initialize(false);
    let uri: Uri = "file:///p/appsettings.json".parse().unwrap();
    let text = format!(
        "{{\"Zoom\": \"Profile=Zoom.apip ; AuthScheme=OAuth;InitiateOAuth=OFF;OAuthAccessToken={SECRET};Scope='a \\\"b\\\"' Timeout=5;authscheme=OAuth\"}}"
    );
    c.open(&uri, &text);
    let diags = c.diagnostics(&uri, 1);
    let rules: Vec<_> = diags.iter().filter_map(|d| d.code.clone()).collect();
    assert!(
        rules.contains(&lsp_types::NumberOrString::String("syntax".into())),
        "{rules:?}"
    );
    // Every fix's edit reads back as JSON holding the fixed string.
    let (w, p) = no_progress();
    let actions = c.request(
        "textDocument/codeAction",
        CodeActionParams {
            text_document: TextDocumentIdentifier::new(uri.clone()),
            range: Range::new(Position::new(0, 0), Position::new(0, 999)),
            context: CodeActionContext {
                diagnostics: diags,
                only: None,
                trigger_kind: None,
            },
            work_done_progress_params: w,
            partial_result_params: p,
        },
    );
    let actions: Vec<CodeActionOrCommand> = serde_json::from_value(actions).unwrap();
    let mut titles = Vec::new();
    for a in &actions {
        let CodeActionOrCommand::CodeAction(a) = a else {
            continue;
        };
        titles.push(a.title.clone());
        let edits = a.edit.as_ref().unwrap().changes.as_ref().unwrap()[&uri].clone();
        let fixed = apply(&text, &edits);
        let v: Value = serde_json::from_str(&fixed).expect("still JSON");
        assert!(v["Zoom"].as_str().unwrap().contains(SECRET), "{}", a.title);
    }
    assert!(
        titles.contains(&"Insert the missing `;`".to_owned()),
        "{titles:?}"
    );
    let insert = actions.iter().find_map(|a| match a {
        CodeActionOrCommand::CodeAction(a) if a.title == "Insert the missing `;`" => Some(a),
        _ => None,
    });
    let edits = insert
        .unwrap()
        .edit
        .as_ref()
        .unwrap()
        .changes
        .as_ref()
        .unwrap()[&uri]
        .clone();
    assert!(apply(&text, &edits).contains(r#"Scope='a \"b\"'; Timeout=5"#));

    // Formatting: the strings `fmt` would rewrite, the secret left out of the edits, and
    // nothing more to do once applied.
    let env: Uri = "file:///p/.env".parse().unwrap();
    let text = format!(
        "# 🚀\nZ=\"Profile = Zoom.apip ;AuthScheme=OAuth;InitiateOAuth=OFF;OAuthAccessToken={SECRET};Scope='a b'\"\n"
    );
    c.open(&env, &text);
    let format = |c: &mut Client, v: i32| {
        let _ = c.diagnostics(&env, v);
        let (w, _) = no_progress();
        let edits = c.request(
            "textDocument/formatting",
            DocumentFormattingParams {
                text_document: TextDocumentIdentifier::new(env.clone()),
                options: FormattingOptions::default(),
                work_done_progress_params: w,
            },
        );
        serde_json::from_value::<Vec<TextEdit>>(edits).unwrap()
    };
    let edits = format(&mut c, 1);
    assert!(edits.iter().all(|e| !e.new_text.contains(SECRET)));
    let formatted = apply(&text, &edits);
    // What `zoomconn fmt` writes for the same file.
    let mut fmt = Command::new(env!("CARGO_BIN_EXE_zoomconn"))
        .args(["fmt", "--input", "env", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    fmt.stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = fmt.wait_with_output().unwrap();
    assert_eq!(formatted, String::from_utf8(out.stdout).unwrap());
    assert!(
        formatted.contains(r#"Profile=Zoom.apip;AuthScheme=OAuth"#),
        "{formatted}"
    );
    c.notify(
        "textDocument/didChange",
        DidChangeTextDocumentParams {
            text_document: VersionedTextDocumentIdentifier::new(env.clone(), 2),
            content_changes: vec![TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: formatted,
            }],
        },
    );
    assert_eq!(format(&mut c, 2), []);
    let (status, _, seen) = c.finish();
    assert_eq!(status, 0);
    assert!(seen.iter().all(|m| !m.contains(SECRET)));
}
