//! `zoomconn find` output: one line per connection string found.

use zoomconn::Syntax;
use zoomconn_sources::Found;

fn syntax(s: Syntax) -> &'static str {
    match s {
        Syntax::Odbc => "odbc",
        _ => "ado",
    }
}

/// One JSON object: `path`, `line`, `column` (1-based, the start of the string's text),
/// `name`, `driver`, `profile`, `syntax`, `zoom`, `kind`. Never the string itself.
///
/// ```
/// let f = &zoomconn_sources::find("Z=Profile=Zoom.apip;AuthScheme=OAuth\n", zoomconn_sources::Kind::Env, &Default::default())?.next().unwrap();
/// assert_eq!(crate::render::found_json("a.env", f), r#"{"column":3,"driver":"API","fragment":false,"kind":"env","line":1,"name":"Z","path":"a.env","profile":"Zoom.apip","syntax":"ado","zoom":true}"#);
/// # Ok::<(), zoomconn_sources::SourceError>(())
/// ```
pub fn found_json(path: &str, found: &Found) -> String {
    serde_json::json!({
        "path": path,
        "line": found.start().line,
        "column": found.start().column,
        "name": found.name(),
        "driver": found.driver(),
        "profile": found.profile(),
        "syntax": syntax(found.syntax()),
        "zoom": found.is_zoom(),
        "fragment": found.is_fragment(),
        "kind": found.kind().name(),
    })
    .to_string()
}

/// `path:line:col: name — driver, profile, syntax`.
///
/// ```
/// let f = &zoomconn_sources::find("Z=jdbc:salesforce:User=u;Password=p\n", zoomconn_sources::Kind::Env, &Default::default())?.next().unwrap();
/// assert_eq!(crate::render::found_human("a.env", f), "a.env:1:3: Z — CData Salesforce driver, ADO syntax");
/// # Ok::<(), zoomconn_sources::SourceError>(())
/// ```
pub fn found_human(path: &str, found: &Found) -> String {
    let name = found.name().unwrap_or("(unnamed)");
    let what = match (found.is_zoom(), found.profile()) {
        _ if found.is_fragment() => "a fragment of a CData API driver string".to_owned(),
        (true, Some(p)) => format!("Zoom profile ({p}) of the CData API driver"),
        (true, None) => "Zoom profile of the CData API driver (no Profile named)".to_owned(),
        (false, Some(p)) => format!("profile {p} of the CData {} driver", found.driver()),
        (false, None) => format!("CData {} driver", found.driver()),
    };
    format!(
        "{path}:{}:{}: {name} — {what}, {} syntax",
        found.start().line,
        found.start().column,
        syntax(found.syntax()).to_ascii_uppercase()
    )
}
