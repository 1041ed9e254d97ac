//! One-line formats: `short`, GitHub Actions workflow commands, and JSON lines.

use super::Diagnostic;

/// `path:line:col: severity[rule]: message`.
pub fn short(d: &Diagnostic<'_>) -> String {
    format!(
        "{}:{}:{}: {}[{}]: {}",
        d.path, d.start.line, d.start.column, d.severity, d.rule, d.message
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
pub fn github(d: &Diagnostic<'_>) -> String {
    let command = match d.severity {
        zoomconn::Severity::Error => "error",
        zoomconn::Severity::Warning => "warning",
    };
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    format!(
        "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        escape_property(d.path),
        d.start.line,
        d.start.column,
        d.end.line,
        d.end.column,
        escape_property(&format!("zoomconn {}", d.rule)),
        escape_data(&message)
    )
}

/// One JSON object.
pub fn json_line(d: &Diagnostic<'_>) -> String {
    serde_json::json!({
        "file": d.path,
        "line": d.start.line,
        "column": d.start.column,
        "end_line": d.end.line,
        "end_column": d.end.column,
        "offset": d.range.start,
        "end_offset": d.range.end,
        "severity": d.severity.as_str(),
        "rule": d.rule,
        "message": d.message,
        "help": d.help,
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
