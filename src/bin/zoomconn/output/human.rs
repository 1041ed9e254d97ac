//! The human format: rustc-like snippets with a caret under the problem, and help.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::Diagnostic;

pub struct Human {
    renderer: Renderer,
}

impl Human {
    pub fn new(color: bool) -> Self {
        Human {
            renderer: if color {
                Renderer::styled()
            } else {
                Renderer::plain()
            },
        }
    }

    pub fn render(&self, d: &Diagnostic<'_>) -> String {
        let (text, span, line) = d.snippet();
        let level = match d.severity {
            zoomconn::Severity::Error => Level::ERROR,
            zoomconn::Severity::Warning => Level::WARNING,
        };
        let mut group = level.primary_title(d.message.as_str()).id(d.rule).element(
            Snippet::source(text.as_str())
                .line_start(line)
                .path(d.path)
                .annotation(AnnotationKind::Primary.span(span)),
        );
        if let Some(help) = &d.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        let report: [Group<'_>; 1] = [group];
        self.renderer.render(&report)
    }
}
