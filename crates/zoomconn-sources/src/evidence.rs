//! Evidence that a string is a CData connection string, and the one place it is scored.
//!
//! A string's own evidence: a `jdbc:cdata:<driver>:` prefix; a `jdbc:<driver>:` prefix with a
//! property only CData drivers use (`InitiateOAuth`, `OAuthSettingsLocation`, `RTK`, `Other`,
//! `ProfileSettings`, `Profile=….apip`); `Driver={CData …}` or a DSN naming a CData driver;
//! `Profile=….apip`; or two property names of the CData registry that other providers do not
//! use. Its file's evidence ([`FileEvidence`]): a `cdata.jdbc.<driver>.` class name, a
//! `System.Data.CData.<Driver>` or `CData.<Driver>` namespace, `import cdata.<driver>` or
//! `from cdata…`, a `DriverClass`/`driverClassName` naming CData, a `CData ODBC Driver for …`
//! name. A bare `jdbc:<word>:` with neither is another vendor's URL (Apache Calcite's and
//! Hasura's SharePoint drivers use `jdbc:sharepoint:` too).

use memchr::memmem;

/// What a string shows of itself, gathered by [`classify`](super::classify::classify).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Signals {
    /// A `jdbc:<id>:` prefix.
    pub jdbc: bool,
    /// A `jdbc:cdata:<id>:` prefix.
    pub jdbc_cdata: bool,
    /// `Driver=`/`DSN=` (or the file's DSN list) names a CData driver.
    pub cdata_driver: bool,
    /// `Profile=….apip`.
    pub apip: bool,
    /// Properties only CData drivers use ([`is_cdata_only`]).
    pub cdata_only: usize,
    /// Registry property names other providers do not use.
    pub known: usize,
    /// `Driver=`/`Provider=`/`metadata=` names another vendor.
    pub foreign: bool,
    /// Every key is one of an `odbcinst.ini` driver registration (`Driver`, `Setup`,
    /// `Description`, …): a driver installed, not a connection.
    pub registration: bool,
    /// Handed whole to a CData connection type (`new AccessConnection(…)`, `mod.connect(…)`).
    pub call: bool,
}

/// Is a string with these signals, in a file with (`file`) or without CData evidence, a CData
/// connection string? A bare `jdbc:<id>:` prefix is not enough on its own.
pub(crate) fn is_cdata(s: &Signals, file: bool) -> bool {
    if s.registration {
        return false;
    }
    if s.foreign && !s.cdata_driver {
        return false;
    }
    if s.jdbc_cdata || s.cdata_driver || s.apip || s.known >= 2 {
        return true;
    }
    if s.jdbc && s.cdata_only >= 1 {
        return true;
    }
    // The file names a CData driver: one property of the registry, a `jdbc:` prefix, or a
    // string handed to the driver's connection type is enough.
    file && (s.call || s.jdbc || s.known >= 1 || s.cdata_only >= 1)
}

/// Property names only CData drivers use (canonical registry names).
const CDATA_ONLY: [&str; 6] = [
    "InitiateOAuth",
    "OAuthSettingsLocation",
    "RTK",
    "Other",
    "ProfileSettings",
    "OAuthVerifier",
];

/// Is `key` (any spelling the registry knows) a property only CData drivers use?
pub(crate) fn is_cdata_only(key: &str) -> bool {
    zoomconn::registry::lookup(key).is_some_and(|m| CDATA_ONLY.contains(&m.property.name))
}

/// Keys of an `odbcinst.ini` driver section.
const REGISTRATION_KEYS: [&str; 12] = [
    "driver",
    "driver64",
    "setup",
    "setup64",
    "description",
    "usagecount",
    "fileusage",
    "apilevel",
    "connectfunctions",
    "driverodbcver",
    "sqllevel",
    "cptimeout",
];

/// Is `key` one an `odbcinst.ini` driver section holds?
pub(crate) fn is_registration_key(key: &str) -> bool {
    REGISTRATION_KEYS
        .iter()
        .any(|k| k.eq_ignore_ascii_case(key))
}

/// Does a `Driver=` value name a library file (`/opt/cdata/lib/libx.so`, `C:\…\x.dll`)?
pub(crate) fn is_library_path(value: &str) -> bool {
    let v = value.trim().to_ascii_lowercase();
    (v.contains('/') || v.contains('\\'))
        && [".so", ".dll", ".dylib"]
            .iter()
            .any(|e| v.ends_with(e) || v.contains(&format!("{e}.")))
}

/// What a file shows of CData: whether it names a CData driver, which one, and the names
/// of the connection calls its strings are handed to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FileEvidence {
    /// The file names a CData driver.
    pub cdata: bool,
    /// The one driver it names (`Some(None)`: the API driver); `None` when it names none or
    /// several.
    pub driver: Option<Option<String>>,
    /// Calls whose first argument is a connection string: `AccessConnection` (C#, after
    /// `new`), `mod.connect` (Python).
    pub calls: Vec<String>,
    /// The file names more than one driver.
    several: bool,
}

impl FileEvidence {
    fn name(&mut self, driver: &str) {
        let driver = super::classify::driver_name(driver);
        let driver = (!driver.eq_ignore_ascii_case(super::classify::API)).then_some(driver);
        self.cdata = true;
        match &self.driver {
            None if !self.several => self.driver = Some(driver),
            Some(d) if *d != driver => {
                self.driver = None;
                self.several = true;
            }
            _ => {}
        }
    }
}

/// Scans `source` for CData evidence. Every piece of it holds the word `cdata` (any case),
/// so the scan only looks around those.
pub(crate) fn scan(source: &str) -> FileEvidence {
    let mut ev = FileEvidence::default();
    let bytes = source.as_bytes();
    let finder = memmem::Finder::new(b"cdata");
    // Case-insensitive: `CData`, `cdata`, `CDATA` — lowercase a copy only when needed.
    let lower;
    let hay: &[u8] = if bytes.iter().any(u8::is_ascii_uppercase) {
        lower = bytes.to_ascii_lowercase();
        &lower
    } else {
        bytes
    };
    for at in finder.find_iter(hay) {
        // Not inside a word (`xcdata`), except after `.` or `:` (a namespace, a URL).
        if at > 0
            && hay
                .get(at - 1)
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        {
            continue;
        }
        let rest = source.get(at + 5..).unwrap_or_default();
        let before = source.get(..at).unwrap_or_default();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line_head = before.get(line_start..).unwrap_or_default().trim_start();
        if let Some(r) = strip_ci(rest, ".jdbc.") {
            // `cdata.jdbc.onenote.OneNoteDriver`: the class names the driver's spelling.
            let id = ident(r);
            let after = r.get(id.len()..).unwrap_or_default();
            let class = after.strip_prefix('.').map(ident).unwrap_or_default();
            let name = class
                .strip_suffix("Driver")
                .filter(|c| c.eq_ignore_ascii_case(id));
            ev.name(name.unwrap_or(id));
        } else if let Some(r) = rest.strip_prefix('.').filter(|_| {
            // `System.Data.CData.Access`, `using CData.Access;`
            before.ends_with("System.Data.")
                || line_head.starts_with("using ")
                || line_head.starts_with("Imports ")
        }) {
            let driver = ident(r);
            if !driver.is_empty() && driver.chars().next().is_some_and(char::is_uppercase) {
                ev.name(driver);
                ev.calls.push(format!("{driver}Connection"));
            }
        } else if line_head.starts_with("import ") && before.ends_with("import ") {
            // `import cdata.facebookads as mod`
            if let Some(r) = rest.strip_prefix('.') {
                let id = ident(r);
                if !id.is_empty() {
                    ev.name(id);
                    let after = r.get(id.len()..).unwrap_or_default().trim_start();
                    let alias = after.strip_prefix("as ").map(|a| ident(a.trim_start()));
                    let module = alias.map_or_else(|| format!("cdata.{id}"), str::to_owned);
                    ev.calls.push(format!("{module}.connect"));
                }
            }
        } else if line_head.starts_with("from ") && before.ends_with("from ") {
            // `from cdata.facebookads import connect`, `from cdata import facebookads`
            if let Some(r) = rest.strip_prefix('.') {
                let id = ident(r);
                if !id.is_empty() {
                    ev.name(id);
                    if r.get(id.len()..)
                        .is_some_and(|a| a.contains("import connect"))
                    {
                        ev.calls.push("connect".to_owned());
                    }
                }
            } else if let Some(r) = rest.trim_start().strip_prefix("import ") {
                let id = ident(r.trim_start());
                if !id.is_empty() {
                    ev.name(id);
                    ev.calls.push(format!("{id}.connect"));
                }
            }
        } else if let Some(name) = odbc_name(source, at) {
            // `CData ODBC Driver for NetSuite`, `CData Zoom Source`.
            ev.name(&name);
        } else {
            let key_line = line_head.to_ascii_lowercase();
            if key_line.contains("driverclass") || key_line.contains("driver-class") {
                ev.cdata = true;
            }
        }
    }
    ev
}

/// The driver a `CData ODBC Driver for <X>` or `CData <X> Source` at `at` names.
fn odbc_name(source: &str, at: usize) -> Option<String> {
    let rest = source.get(at + 5..)?;
    let r = strip_ci(rest, " odbc driver for ")?;
    let id = ident(r);
    (!id.is_empty()).then(|| id.to_owned())
}

/// `s` without `prefix` (ASCII case ignored).
fn strip_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| s.get(prefix.len()..))
        .flatten()
}

/// The identifier at the start of `s`.
fn ident(s: &str) -> &str {
    let n = s
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    s.get(..n).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// file → (names CData, driver, calls).
    #[test]
    fn scan_table() {
        #[rustfmt::skip]
        type Row<'a> = (&'a str, bool, Option<Option<&'a str>>, &'a [&'a str]);
        let table: &[Row<'_>] = &[
            (
                "DriverClass=cdata.jdbc.onenote.OneNoteDriver\n",
                true,
                Some(Some("OneNote")),
                &[],
            ),
            (
                "using System.Data.CData.Access;\nvar c = new AccessConnection(s);\n",
                true,
                Some(Some("Access")),
                &["AccessConnection"],
            ),
            (
                "import cdata.facebookads as mod\nmod.connect('x')\n",
                true,
                Some(Some("FacebookAds")),
                &["mod.connect"],
            ),
            (
                "import cdata.api\n",
                true,
                Some(None),
                &["cdata.api.connect"],
            ),
            (
                "from cdata.salesforce import connect\n",
                true,
                Some(Some("Salesforce")),
                &["connect"],
            ),
            (
                "from cdata import zoom\n",
                true,
                Some(Some("Zoom")),
                &["zoom.connect"],
            ),
            (
                "Driver={CData ODBC Driver for NetSuite};%s\n",
                true,
                Some(Some("NetSuite")),
                &[],
            ),
            (
                "spring.datasource.driver-class-name=cdata.jdbc.api.APIDriver\n",
                true,
                Some(None),
                &[],
            ),
            ("<![CDATA[ x ]]>\n", false, None, &[]),
            (
                "import cdata.salesforce\nimport cdata.hubspot\n",
                true,
                None,
                &["cdata.salesforce.connect", "cdata.hubspot.connect"],
            ),
            ("nothing here\n", false, None, &[]),
        ];
        for &(file, cdata, driver, calls) in table {
            let ev = scan(file);
            let driver = driver.map(|d| d.map(str::to_owned));
            assert_eq!(
                (ev.cdata, ev.driver, ev.calls),
                (
                    cdata,
                    driver,
                    calls.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>()
                ),
                "{file}"
            );
        }
    }

    #[test]
    fn libraries() {
        assert!(is_library_path("/opt/cdata/lib/libsharepointodbc.x64.so"));
        assert!(is_library_path("C:\\cdata\\lib\\x.dll"));
        assert!(is_library_path("/usr/lib/libx.so.2"));
        assert!(!is_library_path("{CData ODBC Driver for API}"));
    }
}
