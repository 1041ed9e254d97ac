//! [`Kind`]: how to read a file, from its name.

use std::path::Path;

/// How to read a file.
///
/// ```
/// use zoomconn_sources::Kind;
/// assert_eq!(Kind::from_path("appsettings.Production.json".as_ref()), Kind::Json);
/// assert_eq!(Kind::from_path(".env.local".as_ref()), Kind::Env);
/// assert_eq!(Kind::from_path("docker-compose.yaml.example".as_ref()), Kind::Yaml);
/// assert_eq!(Kind::from_path("Program.cs".as_ref()), Kind::Code);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// One connection string per line; blank lines and `#` comment lines are skipped. Never
    /// chosen from a file name: `--input text` and stdin.
    Text,
    /// `.env`: `[export ]NAME=value`, with `"…"` (escapes) or `'…'` values.
    Env,
    /// Java `.properties` and CData's `.prp`: `key=value` or `key: value`, escapes,
    /// continuation lines.
    Properties,
    /// JSON as .NET's configuration reads it: comments, trailing commas.
    Json,
    /// XML: `app.config`, `web.config`, `Settings.settings`…
    Xml,
    /// YAML: docker-compose, Kubernetes, GitHub Actions, Spring `application.yml`.
    Yaml,
    /// An INI file: every `key=value` value.
    Ini,
    /// ODBC data sources: `odbc.ini` and `.dsn` files, one connection string per section.
    OdbcIni,
    /// A CData connection properties file (`.prp`): one connection string, a property per
    /// line.
    Prp,
    /// Source code, documentation and files of unknown kind: strings shaped like a CData
    /// connection string.
    Code,
}

impl Kind {
    /// Every kind.
    ///
    /// ```
    /// assert_eq!(zoomconn_sources::Kind::ALL.len(), 10);
    /// ```
    pub const ALL: &'static [Kind] = &[
        Kind::Text,
        Kind::Env,
        Kind::Properties,
        Kind::Json,
        Kind::Xml,
        Kind::Yaml,
        Kind::Ini,
        Kind::OdbcIni,
        Kind::Prp,
        Kind::Code,
    ];

    /// The kind's name, as `--input` takes it.
    ///
    /// ```
    /// assert_eq!(zoomconn_sources::Kind::OdbcIni.name(), "odbc");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Env => "env",
            Kind::Properties => "properties",
            Kind::Json => "json",
            Kind::Xml => "xml",
            Kind::Yaml => "yaml",
            Kind::Ini => "ini",
            Kind::OdbcIni => "odbc",
            Kind::Prp => "prp",
            Kind::Code => "code",
        }
    }

    /// What the kind reads, in a line (for a command's help).
    ///
    /// ```
    /// assert_eq!(zoomconn_sources::Kind::Env.description(), ".env: NAME=value assignments");
    /// ```
    pub const fn description(self) -> &'static str {
        match self {
            Kind::Text => "one connection string per line; blank lines and `#` comments skipped",
            Kind::Env => ".env: NAME=value assignments",
            Kind::Properties => "Java .properties: key=value or key: value",
            Kind::Json => "JSON as .NET reads appsettings.json (comments, trailing commas)",
            Kind::Xml => "XML: app.config, web.config, Settings.settings",
            Kind::Yaml => "YAML: docker-compose, Kubernetes, GitHub Actions, Spring",
            Kind::Ini => "INI: every key=value value",
            Kind::OdbcIni => {
                "odbc.ini and .dsn files: one connection string per data source section"
            }
            Kind::Prp => "CData .prp files: one connection string, a property per line",
            Kind::Code => "source code and docs: strings shaped like CData connection strings",
        }
    }

    /// The kind a file's name says. `.env`, `.env.*`, `*.env`, `.env_example`,
    /// `env.example`; `.properties`, `.prp`; `.json`; `.config`, `.xml`, `.settings`;
    /// `.yml`, `.yaml`; `odbc.ini`, `.odbc.ini`, `.dsn`; `.ini`; anything else is
    /// [`Kind::Code`]. A `.example`, `.sample`, `.template`, `.dist` or `.default` suffix is
    /// read as the kind before it.
    ///
    /// ```
    /// use zoomconn_sources::Kind;
    /// assert_eq!(Kind::from_path("Web.config".as_ref()), Kind::Xml);
    /// assert_eq!(Kind::from_path("/etc/odbc.ini".as_ref()), Kind::OdbcIni);
    /// assert_eq!(Kind::from_path("zoom.prp".as_ref()), Kind::Prp);
    /// assert_eq!(Kind::from_path("env.example".as_ref()), Kind::Env);
    /// ```
    pub fn from_path(path: &Path) -> Kind {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let mut name = name.as_str();
        loop {
            if let Some(kind) = by_name(name) {
                return kind;
            }
            match [".example", ".sample", ".template", ".dist", ".default"]
                .iter()
                .find_map(|s| name.strip_suffix(s))
            {
                Some(shorter) if !shorter.is_empty() => name = shorter,
                _ => return Kind::Code,
            }
        }
    }
}

impl std::fmt::Display for Kind {
    /// The kind's [`name`](Kind::name).
    ///
    /// ```
    /// assert_eq!(zoomconn_sources::Kind::Properties.to_string(), "properties");
    /// ```
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Kind {
    type Err = UnknownKind;

    /// The kind of a [`name`](Kind::name), as `--input` takes it; ASCII case is ignored.
    ///
    /// ```
    /// use zoomconn_sources::Kind;
    /// assert_eq!("odbc".parse::<Kind>(), Ok(Kind::OdbcIni));
    /// assert_eq!("YAML".parse::<Kind>(), Ok(Kind::Yaml));
    /// assert!("toml".parse::<Kind>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Kind, UnknownKind> {
        Kind::ALL
            .iter()
            .copied()
            .find(|k| k.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownKind(s.to_owned()))
    }
}

/// A name that is not a [`Kind`]'s; its message lists the names.
///
/// ```
/// let e = "toml".parse::<zoomconn_sources::Kind>().unwrap_err();
/// assert_eq!(
///     e.to_string(),
///     "`toml` is not a kind of file: text, env, properties, json, xml, yaml, ini, odbc, prp, code"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKind(String);

impl std::fmt::Display for UnknownKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}` is not a kind of file: ", self.0)?;
        for (i, k) in Kind::ALL.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(k.name())?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownKind {}

fn by_name(name: &str) -> Option<Kind> {
    if name == ".env"
        || name == "env"
        || name.starts_with(".env.")
        || name.starts_with(".env_")
        || name.ends_with(".env")
    {
        return Some(Kind::Env);
    }
    if name == "odbc.ini" || name == ".odbc.ini" {
        return Some(Kind::OdbcIni);
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e)?;
    Some(match ext {
        "json" => Kind::Json,
        "config" | "xml" | "settings" => Kind::Xml,
        "yml" | "yaml" => Kind::Yaml,
        "properties" => Kind::Properties,
        "prp" => Kind::Prp,
        "dsn" => Kind::OdbcIni,
        "ini" => Kind::Ini,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::Kind;

    #[test]
    fn names() {
        #[rustfmt::skip]
        let table = [
            (".env", Kind::Env), (".env.production", Kind::Env), ("prod.env", Kind::Env),
            (".env_example", Kind::Env), ("env.example", Kind::Env), (".env.sample", Kind::Env),
            ("appsettings.json", Kind::Json), ("appsettings.json.template", Kind::Json),
            ("App.config", Kind::Xml), ("Settings.settings", Kind::Xml), ("pom.xml", Kind::Xml),
            ("docker-compose.yml", Kind::Yaml), ("k8s.yaml.example", Kind::Yaml),
            ("application.properties", Kind::Properties), ("Zoom.prp", Kind::Prp),
            ("odbc.ini", Kind::OdbcIni), (".odbc.ini", Kind::OdbcIni), ("Zoom.dsn", Kind::OdbcIni),
            ("settings.ini", Kind::Ini), ("main.py", Kind::Code), ("README.md", Kind::Code),
            ("conns.txt", Kind::Code), ("Cargo.toml", Kind::Code), ("Makefile", Kind::Code),
            (".example", Kind::Code), ("x.dist", Kind::Code),
        ];
        for (name, kind) in table {
            assert_eq!(Kind::from_path(name.as_ref()), kind, "{name}");
        }
    }

    #[test]
    fn every_name_reads_back() {
        for &kind in Kind::ALL {
            assert_eq!(kind.name().parse::<Kind>(), Ok(kind));
            assert_eq!(kind.to_string(), kind.name());
        }
    }
}
