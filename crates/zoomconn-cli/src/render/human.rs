//! The human format: rustc-like snippets (`annotate-snippets`) with a caret under the problem.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::Diagnostic;

/// A rustc-like report: the title, the location, the masked snippet with a caret, help, and
/// for strings outside the Zoom profile a note naming their driver.
///
/// ```
/// let e = zoomconn_sources::find("<a>", zoomconn_sources::Kind::Xml, &Default::default()).unwrap_err();
/// let d = crate::render::Diagnostic::from_error("a.config", &e);
/// let text = crate::render::human(&d, false);
/// assert!(text.starts_with("error[invalid-xml]: invalid XML: an element is not closed"));
/// assert!(text.contains("a.config:1:"));
/// ```
pub fn human(d: &Diagnostic, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let level = match d.severity {
        _ if d.note => Level::NOTE,
        zoomconn::Severity::Error => Level::ERROR,
        zoomconn::Severity::Warning => Level::WARNING,
    };
    let title = level.primary_title(d.message.as_str()).id(d.code.as_ref());
    let location = format!("{}:{}:{}", d.path, d.start.line, d.start.column);
    let note = if d.fragment {
        Some("a fragment of a connection string (no Profile or driver named): the rules about what a whole string holds do not apply".to_owned())
    } else {
        (!d.zoom).then(|| d.driver_label()).flatten().map(|label| {
            format!(
                "a string of the CData {label} driver: the Zoom profile's own rules do not apply"
            )
        })
    };
    let mut group = match &d.snippet {
        Some(s) => title.element(
            Snippet::source(s.text.as_str())
                .line_start(s.line)
                .annotation(AnnotationKind::Primary.span(s.span.clone())),
        ),
        None => title.element(Level::NOTE.message(format!("in {location}"))),
    };
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    if let Some(note) = &note {
        group = group.element(Level::NOTE.message(note.as_str()));
    }
    let report: [Group<'_>; 1] = [group];
    let rendered = renderer.render(&report);
    if d.snippet.is_none() {
        return rendered;
    }
    // The snippet is a window of the line, so the location is the file's, written here.
    let width = d.start.line.to_string().len();
    match rendered.split_once('\n') {
        Some((title, rest)) => format!("{title}\n{:width$}--> {location}\n{rest}", ""),
        None => rendered,
    }
}
