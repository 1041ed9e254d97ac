//! JSON-RPC over stdio with `Content-Length` framing, hardened: a header line is read only up
//! to a bound, a body only up to [`MAX_MESSAGE`] (larger ones are skipped unread, chunk by
//! chunk), a frame that is not JSON or not a JSON-RPC message is reported as such and the
//! stream read on from the next header. The messages are `lsp-server`'s types; the framing
//! is this file's, so that no input ends the reader but the end of the stream.

use std::io::{self, BufRead, Read, Write};
use std::sync::mpsc::Sender;

use lsp_server::Message;
use serde_json::Value;

/// The largest message body read: a 64 MiB document, escaped as JSON, fits.
pub(crate) const MAX_MESSAGE: usize = 256 << 20;

/// The longest header line kept; longer ones are skipped.
const MAX_HEADER: usize = 8 << 10;

/// What the reader hands to the server.
#[derive(Debug)]
pub(crate) enum Incoming {
    /// A message.
    Message(Message),
    /// A frame that is not a JSON-RPC message: answer with this error code and message, for
    /// the request id when the frame had one.
    Malformed {
        id: serde_json::Value,
        code: i32,
        message: String,
    },
    /// The client closed the stream (or it failed).
    End,
}

/// JSON-RPC's "Parse error".
pub(crate) const PARSE_ERROR: i32 = -32700;
/// JSON-RPC's "Invalid Request".
pub(crate) const INVALID_REQUEST: i32 = -32600;

/// Reads one header line (without its line end) of at most [`MAX_HEADER`] bytes; `None` at
/// the end of the stream. A longer line is read to its end and returned cut.
fn header_line(input: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    let mut line = Vec::new();
    let mut any = false;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(any.then_some(line));
        }
        any = true;
        let (take, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        let room = MAX_HEADER.saturating_sub(line.len());
        line.extend_from_slice(buf.get(..take.min(room)).unwrap_or_default());
        input.consume(take);
        if done {
            while line.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
                line.pop();
            }
            return Ok(Some(line));
        }
    }
}

/// Reads the next frame's body: the headers up to an empty line, then `Content-Length`
/// bytes. Lines that are not headers (the rest of a frame whose length was wrong) are
/// skipped. `Ok(None)` at the end of the stream; `Err` text for a frame without a usable
/// length or too large (its body skipped).
fn frame(input: &mut impl BufRead) -> io::Result<Option<Result<Vec<u8>, String>>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut headers = false;
    loop {
        let Some(line) = header_line(input)? else {
            return Ok(None);
        };
        if line.is_empty() {
            if headers {
                break;
            }
            continue;
        }
        let text = String::from_utf8_lossy(&line);
        let Some((name, value)) = text.split_once(':') else {
            // Not a header: junk between frames.
            continue;
        };
        headers = true;
        if name.trim().eq_ignore_ascii_case("content-length") {
            length = Some(
                value
                    .trim()
                    .parse::<usize>()
                    .map_err(|_| "a Content-Length that is not a number".to_owned()),
            );
        }
    }
    let length = match length {
        Some(Ok(n)) => n,
        Some(Err(e)) => return Ok(Some(Err(e))),
        None => return Ok(Some(Err("a frame without Content-Length".to_owned()))),
    };
    if length > MAX_MESSAGE {
        // Skip it without holding it.
        io::copy(&mut input.take(length as u64), &mut io::sink())?;
        return Ok(Some(Err(format!(
            "a message of {length} bytes, over the limit of {} MiB",
            MAX_MESSAGE >> 20
        ))));
    }
    let mut body = Vec::new();
    input.take(length as u64).read_to_end(&mut body)?;
    if body.len() < length {
        return Ok(None);
    }
    Ok(Some(Ok(body)))
}

/// The message of a frame's body, or the error to answer it with. Error messages give
/// positions only, never the text.
fn parse(body: &[u8]) -> Incoming {
    let value: serde_json::Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return Incoming::Malformed {
                id: serde_json::Value::Null,
                code: PARSE_ERROR,
                message: format!(
                    "the message is not JSON (line {}, column {})",
                    e.line(),
                    e.column()
                ),
            };
        }
    };
    let id = match value.get("id") {
        Some(id @ (serde_json::Value::Number(_) | serde_json::Value::String(_))) => id.clone(),
        _ => serde_json::Value::Null,
    };
    // `lsp-server` reads any object with an id as a response: a `method` that is not a
    // string, or a value that is not an object, is an invalid request.
    let shaped = value
        .as_object()
        .is_some_and(|o| o.get("method").is_none_or(Value::is_string));
    match serde_json::from_value::<Message>(value)
        .ok()
        .filter(|_| shaped)
    {
        Some(m) => Incoming::Message(m),
        None => Incoming::Malformed {
            id,
            code: INVALID_REQUEST,
            message: "the message is not a JSON-RPC request, response or notification".to_owned(),
        },
    }
}

/// Reads frames until the end of the stream (or `exit`), handing each to `send`; stops early
/// when the server is gone.
pub(crate) fn read_loop(mut input: impl BufRead, send: &Sender<Incoming>) {
    loop {
        let incoming = match frame(&mut input) {
            Ok(Some(Ok(body))) => parse(&body),
            Ok(Some(Err(message))) => Incoming::Malformed {
                id: serde_json::Value::Null,
                code: PARSE_ERROR,
                message,
            },
            Ok(None) | Err(_) => {
                let _ = send.send(Incoming::End);
                return;
            }
        };
        let exit =
            matches!(&incoming, Incoming::Message(Message::Notification(n)) if n.method == "exit");
        if send.send(incoming).is_err() || exit {
            return;
        }
    }
}

/// Writes framed messages.
pub(crate) struct Writer<W: Write> {
    out: W,
}

impl<W: Write> Writer<W> {
    pub(crate) fn new(out: W) -> Writer<W> {
        Writer { out }
    }

    /// Writes one message and flushes.
    pub(crate) fn send(&mut self, message: Message) -> io::Result<()> {
        message.write(&mut self.out)
    }

    /// Writes an error response for a frame that was not a message.
    pub(crate) fn malformed(
        &mut self,
        id: serde_json::Value,
        code: i32,
        message: &str,
    ) -> io::Result<()> {
        let text = serde_json::json!({
            "jsonrpc": "2.0",
            "id": id,
            "error": { "code": code, "message": message },
        })
        .to_string();
        write!(self.out, "Content-Length: {}\r\n\r\n{text}", text.len())?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &[u8]) -> Vec<String> {
        let (tx, rx) = std::sync::mpsc::channel();
        read_loop(input, &tx);
        rx.try_iter()
            .map(|i| match i {
                Incoming::Message(Message::Request(r)) => format!("request {}", r.method),
                Incoming::Message(Message::Notification(n)) => format!("notification {}", n.method),
                Incoming::Message(Message::Response(_)) => "response".to_owned(),
                Incoming::Malformed { code, id, .. } => format!("malformed {code} {id}"),
                Incoming::End => "end".to_owned(),
            })
            .collect()
    }

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn frames() {
        let ok = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let note = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        #[rustfmt::skip]
        let table: Vec<(String, Vec<&str>)> = vec![
            (framed(ok), vec!["request shutdown", "end"]),
            (framed("{not json"), vec!["malformed -32700 null", "end"]),
            (framed(r#"{"jsonrpc":"2.0","id":7,"method":5}"#) + &framed(note), vec!["malformed -32600 7", "notification initialized", "end"]),
            (framed("[1]"), vec!["malformed -32600 null", "end"]),
            // A length too short: the rest of the body is junk before the next frame.
            (format!("Content-Length: 5\r\n\r\n{ok}\r\n") + &framed(note), vec!["malformed -32700 null", "notification initialized", "end"]),
            ("Content-Length: x\r\n\r\n".to_owned() + &framed(ok), vec!["malformed -32700 null", "request shutdown", "end"]),
            ("Content-Length: 99999999999999999\r\n\r\n".to_owned(), vec!["malformed -32700 null", "end"]),
            (format!("Content-Length: {}\r\n\r\n", MAX_MESSAGE + 1), vec!["malformed -32700 null", "end"]),
            (framed(ok).replace("\r\n", "\n"), vec!["request shutdown", "end"]),
            (format!("Content-Type: x\r\n{}", framed(ok)), vec!["request shutdown", "end"]),
            (framed(r#"{"jsonrpc":"2.0","method":"exit"}"#) + &framed(ok), vec!["notification exit"]),
            (String::new(), vec!["end"]),
        ];
        for (input, expected) in table {
            assert_eq!(read_all(input.as_bytes()), expected, "{input:?}");
        }
    }
}
