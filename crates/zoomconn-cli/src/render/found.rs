//! `zoomconn find` output: one line per connection string found.

use zoomconn::Syntax;
use zoomconn_sources::{Found, Kind};

use super::Shown;

fn syntax(s: Syntax) -> &'static str {
    match s {
        Syntax::Odbc => "odbc",
        _ => "ado",
    }
}

/// A found string as `find` lists it: where it is and what it is for, every text of it from
/// input a [`Shown`]. Never the string itself.
///
/// ```
/// use crate::render::Listing;
/// let f = &zoomconn_sources::find("Z=Profile=Zoom.apip;AuthScheme=OAuth\n", zoomconn_sources::Kind::Env, &Default::default())?[0];
/// assert_eq!(Listing::new("a\x1b.env", f).path.as_str(), "a\\u{1b}.env");
/// # Ok::<(), zoomconn_sources::SourceError>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Listing {
    /// The file as the user named it.
    pub path: Shown,
    /// 1-based line of the start of the string's text.
    pub line: usize,
    /// 1-based column (in chars) of the start of the string's text.
    pub column: usize,
    /// The entry's name in the file, when it has one.
    pub name: Option<Shown>,
    /// The CData driver.
    pub driver: Shown,
    /// The API profile the string names.
    pub profile: Option<Shown>,
    /// ADO or ODBC.
    pub syntax: Syntax,
    /// Does the Zoom profile's rule set apply?
    pub zoom: bool,
    /// Is the string a fragment?
    pub fragment: bool,
    /// The kind of file it was read as.
    pub kind: Kind,
}

impl Listing {
    /// The listing of `found`, in the file named `path`.
    ///
    /// ```
    /// let f = &zoomconn_sources::find("Z=Profile=Zoom.apip;AuthScheme=OAuth\n", zoomconn_sources::Kind::Env, &Default::default())?[0];
    /// assert_eq!(crate::render::Listing::new("a.env", f).name.unwrap().as_str(), "Z");
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn new(path: &str, found: &Found) -> Listing {
        Listing {
            path: Shown::new(path),
            line: found.start().line,
            column: found.start().column,
            name: found.name().map(Shown::new),
            driver: Shown::new(found.driver()),
            profile: found.profile().map(Shown::new),
            syntax: found.syntax(),
            zoom: found.is_zoom(),
            fragment: found.is_fragment(),
            kind: found.kind(),
        }
    }
}

/// One JSON object: `path`, `line`, `column` (1-based, the start of the string's text),
/// `name`, `driver`, `profile`, `syntax`, `zoom`, `kind`. Never the string itself.
///
/// ```
/// use crate::render::{Listing, found_json};
/// let f = &zoomconn_sources::find("Z=Profile=Zoom.apip;AuthScheme=OAuth\n", zoomconn_sources::Kind::Env, &Default::default())?.next().unwrap();
/// assert_eq!(found_json(&Listing::new("a.env", f)), r#"{"column":3,"driver":"API","fragment":false,"kind":"env","line":1,"name":"Z","path":"a.env","profile":"Zoom.apip","syntax":"ado","zoom":true}"#);
/// # Ok::<(), zoomconn_sources::SourceError>(())
/// ```
pub fn found_json(l: &Listing) -> String {
    serde_json::json!({
        "path": l.path.as_str(),
        "line": l.line,
        "column": l.column,
        "name": l.name.as_ref().map(Shown::as_str),
        "driver": l.driver.as_str(),
        "profile": l.profile.as_ref().map(Shown::as_str),
        "syntax": syntax(l.syntax),
        "zoom": l.zoom,
        "fragment": l.fragment,
        "kind": l.kind.name(),
    })
    .to_string()
}

/// `path:line:col: name — driver, profile, syntax`.
///
/// ```
/// use crate::render::{Listing, found_human};
/// let f = &zoomconn_sources::find("Z=jdbc:salesforce:User=u;Password=p\n", zoomconn_sources::Kind::Env, &Default::default())?.next().unwrap();
/// assert_eq!(found_human(&Listing::new("a.env", f)), "a.env:1:3: Z — CData Salesforce driver, ADO syntax");
/// # Ok::<(), zoomconn_sources::SourceError>(())
/// ```
pub fn found_human(l: &Listing) -> String {
    let name = l.name.as_ref().map_or("(unnamed)", Shown::as_str);
    let what = match (l.zoom, &l.profile) {
        _ if l.fragment => "a fragment of a CData API driver string".to_owned(),
        (true, Some(p)) => format!("Zoom profile ({p}) of the CData API driver"),
        (true, None) => "Zoom profile of the CData API driver (no Profile named)".to_owned(),
        (false, Some(p)) => format!("profile {p} of the CData {} driver", l.driver),
        (false, None) => format!("CData {} driver", l.driver),
    };
    format!(
        "{}:{}:{}: {name} — {what}, {} syntax",
        l.path,
        l.line,
        l.column,
        syntax(l.syntax).to_ascii_uppercase()
    )
}
