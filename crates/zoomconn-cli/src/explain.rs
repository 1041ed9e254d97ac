//! `zoomconn explain`: what the property registry knows about a property.

use std::io;

use zoomconn::registry::{self, PROPERTIES, Property};

use crate::ExitCode;
use crate::out::Out;
use crate::render::Shown;

fn describe(p: &Property) -> String {
    let mut s = format!("{}\n  {}\n", p.name, p.description);
    if !p.aliases.is_empty() {
        s.push_str(&format!("  aliases:  {}\n", p.aliases.join(", ")));
    }
    s.push_str(&format!("  type:     {}\n", p.value_type));
    if !p.accepted_values().is_empty() {
        s.push_str(&format!("  values:   {}\n", p.accepted_values().join(", ")));
    }
    s.push_str(&format!("  default:  {}\n", p.default.unwrap_or("(none)")));
    s.push_str(&format!(
        "  secret:   {}\n",
        if p.secret {
            "yes — never printed by zoomconn"
        } else {
            "no"
        }
    ));
    s.push_str(&format!(
        "  scope:    {}\n",
        if p.zoom {
            "Zoom profile"
        } else {
            "generic CData property"
        }
    ));
    s
}

pub(crate) fn run(name: Option<&str>, out: &mut Out) -> io::Result<ExitCode> {
    let Some(name) = name else {
        out.line(&format!("{:<24} {:<28} DESCRIPTION", "PROPERTY", "TYPE"))?;
        for p in PROPERTIES {
            let secret = if p.secret { " (secret)" } else { "" };
            out.line(&format!(
                "{:<24} {:<28} {}{secret}",
                p.name,
                p.value_type.to_string(),
                p.description
            ))?;
        }
        return Ok(ExitCode::Clean);
    };
    match registry::lookup(name) {
        Some(m) => {
            out.text(&describe(m.property))?;
            Ok(ExitCode::Clean)
        }
        None => {
            // A bare name holds no value; an argument with a separator may be a whole
            // `Name=secret` pair: shown as the secrets module masks it.
            let shown =
                if name.contains(|c: char| matches!(c, '=' | ':' | ';') || c.is_whitespace()) {
                    zoomconn::secrets::redact(name, zoomconn::Syntax::Ado)
                } else {
                    name.to_owned()
                };
            // Escaped: the argument may hold control characters.
            let shown = Shown::exposed(&shown);
            match registry::suggest(name) {
                Some(near) => {
                    eprintln!("error: unknown property `{shown}`; did you mean `{near}`?")
                }
                None => eprintln!(
                    "error: unknown property `{shown}`; run `zoomconn explain` for the list"
                ),
            }
            Ok(ExitCode::Trouble)
        }
    }
}
