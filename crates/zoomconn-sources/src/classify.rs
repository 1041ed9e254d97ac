//! Is a candidate string a CData connection string, and of which driver, profile and syntax?
//! Decided from the parsed keys, never from substrings: a `jdbc:<driver>:` prefix of a CData
//! driver, `Driver={CData …}` (or a DSN naming one), `Profile=….apip`, or at least two of the
//! API driver's own property names (spaced spellings included). A SQL Server, Npgsql, MySQL,
//! SQLite or Entity Framework string has none of these and is left alone.

use super::evidence::{self, FileEvidence, Signals};
use zoomconn::{Syntax, Tokenizer};
use zoomconn::{registry, secrets};

/// The API driver, whose profiles include Zoom.
pub(crate) const API: &str = "API";

/// What a connection string is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Class {
    /// `None`: the API driver.
    pub driver: Option<String>,
    pub profile: Option<String>,
    pub syntax: Syntax,
    /// The Zoom profile's rules apply.
    pub zoom: bool,
    /// Length of a `jdbc:…:` prefix.
    pub prefix: usize,
    /// A piece of a string found by its shape in code or docs (no profile, driver or `jdbc:`
    /// prefix named): the rules about what a whole string holds do not apply.
    pub fragment: bool,
}

impl Class {
    pub(crate) fn driver(&self) -> &str {
        self.driver.as_deref().unwrap_or(API)
    }

    /// The class of a string picked by name (`--var`): whatever it holds, it is checked as a
    /// string of the Zoom profile unless its keys say otherwise.
    pub(crate) fn chosen(text: &str, forced: Option<Syntax>, hint: Option<&str>) -> Class {
        classify(text, forced, hint).unwrap_or(Class {
            driver: None,
            profile: None,
            syntax: forced.unwrap_or_else(|| sniff_syntax(text)),
            zoom: true,
            prefix: 0,
            fragment: false,
        })
    }
}

/// Names of the API driver's properties that other providers' strings do not use. Generic
/// words (`User`, `Password`, `Timeout`, `Location`…) do not count.
fn is_distinctive(name: &str) -> bool {
    registry::lookup(name).is_some_and(|m| !GENERIC.contains(&m.property.name))
}

/// Registry names that other providers' strings use too (or that are common words, or every
/// ODBC string's keywords).
pub(crate) const GENERIC: [&str; 17] = [
    "Profile",
    "Scope",
    "Timeout",
    "Other",
    "User",
    "Password",
    "Location",
    "Tables",
    "Views",
    "Readonly",
    "Logfile",
    "MaxRows",
    "Driver",
    "DSN",
    "FileDSN",
    "SaveFile",
    "Description",
];

/// Drivers of other vendors reached through `Driver=`/`Provider=`: a string naming one is not
/// CData's.
fn names_cdata(value: &str) -> bool {
    value
        .as_bytes()
        .windows(5)
        .any(|w| w.eq_ignore_ascii_case(b"cdata"))
}

/// `jdbc:[cdata:]<id>:` followed by `key=value` pairs, after any white space (a text block
/// starts with its line break): the prefix length and the driver id.
fn jdbc_prefix(text: &str) -> Option<(usize, &str)> {
    let lead = text.len() - text.trim_start().len();
    let head = text.get(lead..lead + 5)?;
    if !head.eq_ignore_ascii_case("jdbc:") {
        return None;
    }
    let mut at = lead + 5;
    let cdata = text
        .get(at..at + 6)
        .is_some_and(|s| s.eq_ignore_ascii_case("cdata:"));
    if cdata {
        at += 6;
    }
    let rest = text.get(at..)?;
    let id_len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if id_len == 0 || rest.as_bytes().get(id_len) != Some(&b':') {
        return None;
    }
    let id = rest.get(..id_len)?;
    let body = rest.get(id_len + 1..)?;
    // `jdbc:sqlserver://…`, `jdbc:oracle:thin:@…`, `jdbc:h2:mem:…`: not key=value pairs.
    // After `jdbc:cdata:<driver>:` the text is CData's, however broken
    // (`AuthScheme:OAuthJWT;…`).
    let first_key = body.split(['=', ';']).next().unwrap_or_default();
    let plain_key = !first_key.trim().is_empty()
        && first_key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b' ' || b == b'_');
    ((cdata || plain_key) && body.contains('=')).then_some((at + id_len + 1, id))
}

/// Characters of a word inside a value (a name that could be a key).
fn word_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')
}

/// The part of a `Profile`, `Driver` or `DSN` value (or a driver description) that names a
/// profile or driver: the value up to the first key-like word (`Word=`, where a `;` was
/// forgotten) or secret name ([`secrets::classify_key`], followed by `=`, `:` or white space),
/// and before any text the secrets module masks in it ([`secrets::text_spans`]); trimmed. A
/// key spelled in words (`OAuth Client Secret=`) is cut before its first word.
///
/// ```text
/// Zoom.apip OAuthClientSecret=s       → Zoom.apip
/// CData ODBC Driver for Zoom Password=s → CData ODBC Driver for Zoom
/// ```
fn own_part(value: &str) -> &str {
    let b = value.as_bytes();
    let mut cut = secrets::text_spans(value)
        .first()
        .map_or(value.len(), |r| r.start);
    // Starts of up to three words before the current one, each after a single space.
    let mut words: [usize; 3] = [0; 3];
    let mut count = 0;
    let mut i = 0;
    while i < cut {
        if !word_char(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && word_char(b[i]) {
            i += 1;
        }
        let sep = b.get(i).copied();
        let key_like = sep == Some(b'=');
        let separated = key_like || sep.is_some_and(|c| c == b':' || c.is_ascii_whitespace());
        if separated {
            // `start..i` and the words before it are ASCII: char boundaries on both sides.
            let phrase = |from: usize| value.get(from..i).unwrap_or_default();
            // The name starts at the first word of the longest property spelled in words
            // (`OAuth Client Secret`), or of the shortest phrase that names a secret (`API Key`).
            let mut first = start;
            let mut secret = secrets::classify_key(phrase(start)).is_some();
            for &from in words.iter().take(count) {
                if registry::lookup(phrase(from)).is_some() {
                    first = first.min(from);
                }
                if !secret && secrets::classify_key(phrase(from)).is_some() {
                    first = first.min(from);
                    secret = true;
                }
            }
            if key_like || secret {
                cut = cut.min(first);
                break;
            }
        }
        // The next word continues the phrase only after a single space.
        if sep == Some(b' ') && b.get(i + 1).is_some_and(|&c| word_char(c)) {
            words = [start, words[0], words[1]];
            count = (count + 1).min(words.len());
        } else {
            count = 0;
        }
    }
    value.get(..cut).unwrap_or_default().trim()
}

/// How CData spells a driver its JDBC id names.
pub(crate) fn driver_name(id: &str) -> String {
    const KNOWN: [&str; 24] = [
        "API",
        "LinkedIn",
        "Salesforce",
        "Zoom",
        "HubSpot",
        "SharePoint",
        "GoogleSheets",
        "MongoDB",
        "NetSuite",
        "ServiceNow",
        "QuickBooks",
        "Jira",
        "Slack",
        "Dynamics365",
        "FacebookAds",
        "OneNote",
        "Access",
        "GoogleAds",
        "GoogleAnalytics",
        "BigQuery",
        "Snowflake",
        "Excel",
        "OneDrive",
        "Marketo",
    ];
    if let Some(k) = KNOWN.iter().find(|k| k.eq_ignore_ascii_case(id)) {
        return (*k).to_owned();
    }
    let mut out = String::with_capacity(id.len());
    for (i, c) in id.chars().enumerate() {
        if i == 0 {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The driver a `Driver=` value or DSN name gives: `CData ODBC Driver for Salesforce` →
/// `Salesforce`; `{CData ODBC Driver for API}` → the API driver (`None`).
fn odbc_driver(value: &str) -> Option<String> {
    if evidence::is_library_path(value) {
        // `/opt/cdata/lib/libsalesforceodbc.x64.so` → Salesforce.
        let file = value.trim().rsplit(['/', '\\']).next().unwrap_or_default();
        let lower = file.to_ascii_lowercase();
        let id = lower.strip_prefix("lib").unwrap_or(&lower);
        let id = id
            .find("odbc")
            .and_then(|at| id.get(..at))
            .unwrap_or_default();
        let name = driver_name(id);
        return (!id.is_empty() && !name.eq_ignore_ascii_case(API)).then_some(name);
    }
    let v = value
        .trim()
        .trim_start_matches('{')
        .trim_end_matches('}')
        .trim();
    let lower = v.to_ascii_lowercase();
    let name = match lower.rfind(" for ") {
        Some(at) => v.get(at + 5..).unwrap_or_default(),
        None => {
            // `CData Zoom Source` (a DSN), `CData API`.
            let after = lower.find("cdata").map_or(0, |i| i + 5);
            v.get(after..).unwrap_or_default()
        }
    };
    let name = name.trim();
    let name = name.strip_suffix(" Source").unwrap_or(name).trim();
    let name = name.split(['/', '\\']).next_back().unwrap_or(name);
    if name.is_empty() || name.eq_ignore_ascii_case(API) || name.eq_ignore_ascii_case("api driver")
    {
        None
    } else {
        Some(name.to_owned())
    }
}

/// ODBC when a `Driver` value is braced (`Driver={…}`), ADO otherwise.
fn sniff_syntax(body: &str) -> Syntax {
    for seg in Tokenizer::new(body) {
        let Ok(seg) = seg else { break };
        if seg.key().eq_ignore_ascii_case("driver")
            && seg.value().is_some_and(|v| v.trim_start().starts_with('{'))
        {
            return Syntax::Odbc;
        }
    }
    Syntax::Ado
}

/// Is `profile` (a path or name) the Zoom profile?
fn is_zoom_profile(profile: &str) -> bool {
    let file = profile
        .trim()
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default();
    let stem = file
        .len()
        .checked_sub(5)
        .filter(|&n| {
            file.get(n..)
                .is_some_and(|e| e.eq_ignore_ascii_case(".apip"))
        })
        .and_then(|n| file.get(..n))
        .unwrap_or(file);
    stem.eq_ignore_ascii_case("zoom")
}

/// Where a candidate string was found: what the file around it shows.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Context<'a> {
    /// A driver description found elsewhere in the file (an `[ODBC Data Sources]` entry).
    pub hint: Option<&'a str>,
    /// The file's CData evidence.
    pub file: Option<&'a FileEvidence>,
    /// The string is handed whole to a CData connection type.
    pub call: bool,
}

/// Classifies `text`: `None` when it is not a CData connection string. `hint` is a driver
/// description found elsewhere in the file (an `[ODBC Data Sources]` entry).
pub(crate) fn classify(text: &str, forced: Option<Syntax>, hint: Option<&str>) -> Option<Class> {
    classify_in(
        text,
        forced,
        &Context {
            hint,
            ..Context::default()
        },
    )
}

/// [`classify`] with the file's evidence (see [`evidence`](super::evidence)).
pub(crate) fn classify_in(text: &str, forced: Option<Syntax>, ctx: &Context<'_>) -> Option<Class> {
    let hint = ctx.hint;
    let (prefix, jdbc_driver) = match jdbc_prefix(text) {
        Some((len, id)) => (len, Some(id)),
        None => (0, None),
    };
    let body = text.get(prefix..).unwrap_or_default();
    let syntax = forced.unwrap_or_else(|| sniff_syntax(body));
    let mut signals = Signals {
        jdbc: jdbc_driver.is_some(),
        jdbc_cdata: jdbc_driver.is_some()
            && text
                .trim_start()
                .get(5..11)
                .is_some_and(|s| s.eq_ignore_ascii_case("cdata:")),
        call: ctx.call,
        registration: true,
        ..Signals::default()
    };
    let mut driver: Option<Option<String>> = jdbc_driver.map(|id| {
        let name = driver_name(id);
        (!name.eq_ignore_ascii_case(API)).then_some(name)
    });
    if let Some(h) = hint.map(own_part).filter(|h| names_cdata(h)) {
        driver.get_or_insert_with(|| odbc_driver(h));
        signals.cdata_driver = true;
    }
    let mut profile = None;
    let mut keys = 0usize;
    for seg in Tokenizer::with_syntax(body, syntax) {
        // Keys before a syntax error still tell what the string is.
        let Ok(seg) = seg else { break };
        let key = seg.key().trim();
        let value = seg.value().unwrap_or_default();
        keys += 1;
        if !evidence::is_registration_key(key)
            || (key.eq_ignore_ascii_case("driver") && !evidence::is_library_path(value))
        {
            signals.registration = false;
        }
        if key.eq_ignore_ascii_case("driver") || key.eq_ignore_ascii_case("dsn") {
            let value = own_part(value);
            if names_cdata(value) {
                driver.get_or_insert_with(|| odbc_driver(value));
                signals.cdata_driver = true;
            } else if key.eq_ignore_ascii_case("driver") && !names_cdata(value) {
                signals.foreign = true;
            }
        } else if key.eq_ignore_ascii_case("provider") || key.eq_ignore_ascii_case("metadata") {
            if !names_cdata(value) {
                signals.foreign = true;
            }
        } else if key.eq_ignore_ascii_case("profile") {
            let value = own_part(value);
            if profile.is_none() && !value.is_empty() {
                profile = Some(value.to_owned());
            }
        } else {
            if is_distinctive(key) {
                signals.known += 1;
            }
            if evidence::is_cdata_only(key) {
                signals.cdata_only += 1;
            }
        }
    }
    signals.registration &= keys > 0;
    signals.apip = profile.as_deref().is_some_and(|p| {
        let p = p.trim_end();
        p.len() > 5
            && p.get(p.len() - 5..)
                .is_some_and(|e| e.eq_ignore_ascii_case(".apip"))
    });
    // The file's evidence vouches for strings that name no profile or an API profile: a
    // `Profile=` value that is no `.apip` name (`Zoom.apip OAuthClientSecret=…`, a missing
    // `;`) is not a string of the file's driver.
    let file = ctx
        .file
        .filter(|f| f.cdata && (profile.is_none() || signals.apip));
    if !evidence::is_cdata(&signals, file.is_some()) {
        return None;
    }
    // The file names the driver when the string does not (a string naming a profile is the
    // API driver's).
    if driver.is_none() && profile.is_none() {
        if let Some(d) = file.and_then(|f| f.driver.clone()) {
            driver = Some(d);
        }
    }
    let driver = driver.flatten();
    let zoom = driver.is_none() && profile.as_deref().is_none_or(is_zoom_profile);
    Some(Class {
        driver,
        profile,
        syntax,
        zoom,
        prefix,
        fragment: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// text → (driver, profile, syntax, zoom), or None when not CData.
    #[test]
    fn table() {
        #[rustfmt::skip]
        type Expected<'a> = Option<(&'a str, Option<&'a str>, Syntax, bool)>;
        let table: &[(&str, Expected<'_>)] = &[
            (
                "Profile=Zoom.apip;AuthScheme=OAuth",
                Some(("API", Some("Zoom.apip"), Syntax::Ado, true)),
            ),
            (
                "Profile=C:\\profiles\\zoom.APIP;Timeout=5",
                Some(("API", Some("C:\\profiles\\zoom.APIP"), Syntax::Ado, true)),
            ),
            (
                "Profile=GitHub.apip;AuthScheme=OAuth",
                Some(("API", Some("GitHub.apip"), Syntax::Ado, false)),
            ),
            (
                "AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH",
                Some(("API", None, Syntax::Ado, true)),
            ),
            (
                "Auth Scheme=OAuth;Initiate OAuth=GETANDREFRESH;OAuth Client Secret=x",
                Some(("API", None, Syntax::Ado, true)),
            ),
            (
                "jdbc:api:Profile=Zoom.apip;AuthScheme=OAuth",
                Some(("API", Some("Zoom.apip"), Syntax::Ado, true)),
            ),
            (
                "jdbc:cdata:api:Profile=Zoom.apip",
                Some(("API", Some("Zoom.apip"), Syntax::Ado, true)),
            ),
            (
                "jdbc:cdata:salesforce:User=u;Password=p;SecurityToken=t",
                Some(("Salesforce", None, Syntax::Ado, false)),
            ),
            // Another vendor's URL under a driver name CData uses too.
            ("jdbc:salesforce:User=u;Password=p;SecurityToken=t", None),
            (
                "jdbc:sharepoint:siteUrl=https://x;authType=CLIENT_CREDENTIALS;clientId=a",
                None,
            ),
            (
                "jdbc:onenote:InitiateOAuth=GETANDREFRESH;",
                Some(("OneNote", None, Syntax::Ado, false)),
            ),
            // An odbcinst.ini driver registration.
            (
                "Driver=/opt/cdata/lib/libsharepointodbc.x64.so;Setup=/opt/cdata/lib/libsharepointodbc.x64.so;Description=CData ODBC Driver for SharePoint",
                None,
            ),
            (
                "Driver=/opt/cdata/lib/libapiodbc.x64.so;Profile=Zoom.apip;AuthScheme=OAuth",
                Some(("API", Some("Zoom.apip"), Syntax::Ado, true)),
            ),
            (
                "Driver=/opt/cdata/lib/libsalesforceodbc.x64.so;User=u;Password=p",
                Some(("Salesforce", None, Syntax::Ado, false)),
            ),
            (
                "jdbc:linkedin:InitiateOAuth=GETANDREFRESH;OAuthClientId=x",
                Some(("LinkedIn", None, Syntax::Ado, false)),
            ),
            (
                "Driver={CData ODBC Driver for Salesforce};User=u",
                Some(("Salesforce", None, Syntax::Odbc, false)),
            ),
            (
                "Driver={CData ODBC Driver for API};Profile=Zoom.apip",
                Some(("API", Some("Zoom.apip"), Syntax::Odbc, true)),
            ),
            (
                "DSN=CData Zoom Source;AuthScheme=OAuth",
                Some(("Zoom", None, Syntax::Ado, false)),
            ),
            // Not CData.
            (
                "Server=db;Database=UserProfileDB;User Id=sa;Password=x;Timeout=30",
                None,
            ),
            (
                "Host=localhost;Database=profilesdb;Username=u;Password=p",
                None,
            ),
            ("Server=localhost;Database=x;Uid=root;Pwd=p;", None),
            ("Data Source=app.db;Cache=Shared", None),
            (
                "metadata=res://*/Model.csdl;provider=System.Data.SqlClient;provider connection string=\"data source=.;initial catalog=Profile\"",
                None,
            ),
            (
                "Driver={SQL Server};Server=x;AuthScheme=OAuth;InitiateOAuth=OFF",
                None,
            ),
            ("jdbc:sqlserver://host;databaseName=Profile;user=sa", None),
            ("jdbc:oracle:thin:@host:1521:orcl", None),
            ("jdbc:h2:mem:test;MODE=MySQL", None),
            ("Profile=admin;User=x", None),
            ("AuthScheme=OAuth", None),
            // A forgotten `;` before a secret: the profile or driver stops before its name.
            (
                "Profile=Zoom.apip OAuthClientSecret=s3cr3t;AuthScheme=OAuth;Timeout=x",
                Some(("API", Some("Zoom.apip"), Syntax::Ado, true)),
            ),
            (
                "Driver=CData ODBC Driver for Zoom Password=s3cr3t;Timeout=x",
                Some(("Zoom", None, Syntax::Ado, false)),
            ),
            (
                "Driver={CData ODBC Driver for Zoom OAuthClientSecret=s3cr3t};Timeout=x",
                Some(("Zoom", None, Syntax::Odbc, false)),
            ),
            (
                "DSN=CData Zoom Password=s3cr3t;Timeout=x",
                Some(("Zoom", None, Syntax::Ado, false)),
            ),
        ];
        for &(text, expected) in table {
            let got = classify(text, None, None)
                .map(|c| (c.driver().to_owned(), c.profile.clone(), c.syntax, c.zoom));
            let expected = expected.map(|(d, p, s, z)| (d.to_owned(), p.map(str::to_owned), s, z));
            assert_eq!(got, expected, "{text}");
        }
    }

    /// A value → the part of it that names a profile or driver.
    #[test]
    fn own_parts() {
        let table: &[(&str, &str)] = &[
            ("Zoom.apip", "Zoom.apip"),
            (" Zoom.apip ", "Zoom.apip"),
            (
                "C:\\Program Files\\CData\\Zoom.apip",
                "C:\\Program Files\\CData\\Zoom.apip",
            ),
            (
                "/opt/cdata/profiles/Zoom.apip",
                "/opt/cdata/profiles/Zoom.apip",
            ),
            ("{CData ODBC Driver for API}", "{CData ODBC Driver for API}"),
            ("CData Zoom Source", "CData Zoom Source"),
            ("Zoom.apip OAuthClientSecret=s", "Zoom.apip"),
            ("Zoom.apip OAuthClientSecret s", "Zoom.apip"),
            ("Zoom.apip OAuthClientSecret:s", "Zoom.apip"),
            ("Zoom.apip OAuth Client Secret=s", "Zoom.apip"),
            // The last word is the secret name: the cut keeps the word before it.
            ("Zoom.apip API Key=s", "Zoom.apip API"),
            ("Zoom.apip,Password=s", "Zoom.apip,"),
            ("Zoom.apip Timeout=5", "Zoom.apip"),
            (
                "CData ODBC Driver for Zoom Password=s",
                "CData ODBC Driver for Zoom",
            ),
            (
                "{CData ODBC Driver for Zoom OAuthClientSecret=s}",
                "{CData ODBC Driver for Zoom",
            ),
            ("CData Zoom Password=s", "CData Zoom"),
            ("https://u:pw@host/Zoom.apip", "https://"),
            ("OAuthClientSecret=s", ""),
        ];
        for &(value, wanted) in table {
            assert_eq!(own_part(value), wanted, "{value}");
        }
    }

    #[test]
    fn jdbc_prefix_lengths() {
        assert_eq!(jdbc_prefix("jdbc:api:a=1"), Some((9, "api")));
        assert_eq!(jdbc_prefix("JDBC:CData:Zoom:a=1"), Some((16, "Zoom")));
        assert_eq!(jdbc_prefix("jdbc:"), None);
        assert_eq!(jdbc_prefix("jdbc:é:a=1"), None);
        assert_eq!(jdbc_prefix("\n    jdbc:api:a=1"), Some((14, "api")));
        assert_eq!(jdbc_prefix("jdbc:cdata:bq:A:b;c=1"), Some((14, "bq")));
        assert_eq!(jdbc_prefix("jdbc:bq:A:b;c=1"), None);
    }
}
