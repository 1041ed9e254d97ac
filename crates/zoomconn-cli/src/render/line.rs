//! One-line formats: `short`, GitHub Actions workflow commands, and JSON lines.

use super::{Diagnostic, Shown};

/// `path:line:col: severity[rule]: message`.
///
/// ```
/// let e = zoomconn_sources::find("[", zoomconn_sources::Kind::Json, &Default::default()).unwrap_err();
/// let d = crate::render::Diagnostic::from_error("x.json", &e);
/// assert_eq!(crate::render::short(&d), "x.json:1:1: error[invalid-json]: invalid JSON: unterminated array");
/// ```
pub fn short(d: &Diagnostic) -> String {
    format!(
        "{}:{}:{}: {}[{}]: {}",
        d.path,
        d.start.line,
        d.start.column,
        d.level(),
        d.code,
        d.message
    )
}

/// Escapes a workflow command's message (`%`, CR, LF), as the Actions toolkit does.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value (also `:` and `,`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.
///
/// ```
/// let e = zoomconn_sources::find("[", zoomconn_sources::Kind::Json, &Default::default()).unwrap_err();
/// let d = crate::render::Diagnostic::from_error("x.json", &e);
/// assert_eq!(crate::render::github(&d), "::error file=x.json,line=1,col=1,endLine=1,endColumn=1,title=zoomconn invalid-json::invalid JSON: unterminated array");
/// ```
pub fn github(d: &Diagnostic) -> String {
    let command = match d.severity {
        _ if d.note => "notice",
        zoomconn::Severity::Error => "error",
        zoomconn::Severity::Warning => "warning",
    };
    let mut message = d.message.to_string();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help.as_str());
    }
    if let (false, Some(label)) = (d.zoom, d.driver_label()) {
        message.push_str("\nnote: CData ");
        message.push_str(label.as_str());
        message.push_str(" driver");
    }
    format!(
        "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        escape_property(d.path.as_str()),
        d.start.line,
        d.start.column,
        d.end.line,
        d.end.column,
        escape_property(&format!("zoomconn {}", d.code)),
        escape_data(&message)
    )
}

/// One JSON object: position, rule, message, the entry's name and driver, and the baseline
/// fingerprint for this occurrence.
///
/// ```
/// let e = zoomconn_sources::find("[", zoomconn_sources::Kind::Json, &Default::default()).unwrap_err();
/// let d = crate::render::Diagnostic::from_error("x.json", &e);
/// let v: serde_json::Value = serde_json::from_str(&crate::render::json(&d, 0)).unwrap();
/// assert_eq!((v["rule"].as_str(), v["line"].as_u64()), (Some("invalid-json"), Some(1)));
/// ```
pub fn json(d: &Diagnostic, occurrence: usize) -> String {
    serde_json::json!({
        "file": d.path.as_str(),
        "line": d.start.line,
        "column": d.start.column,
        "end_line": d.end.line,
        "end_column": d.end.column,
        "severity": d.level(),
        "rule": d.rule,
        "code": d.code,
        "message": d.message.as_str(),
        "help": d.help.as_ref().map(Shown::as_str),
        "name": d.name.as_ref().map(Shown::as_str),
        "driver": d.driver.as_ref().map(Shown::as_str),
        "profile": d.profile.as_ref().map(Shown::as_str),
        "fingerprint": d.fingerprint(occurrence),
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn workflow_command_escaping() {
        assert_eq!(super::escape_data("a%b\r\nc"), "a%25b%0D%0Ac");
        assert_eq!(super::escape_property("C:\\x,y"), "C%3A\\x%2Cy");
    }
}
