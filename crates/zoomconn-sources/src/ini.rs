//! INI files, hand-written (INI has no standard grammar; unixODBC's and Windows' readers are
//! line loops): `[section]` headers, `key=value` lines, `;` and `#` comment lines.
//!
//! * [`Kind::Ini`](super::Kind::Ini): every value is an entry, named `section.key`.
//! * [`Kind::OdbcIni`](super::Kind::OdbcIni) (`odbc.ini`, `.dsn`): each data source section
//!   is one ODBC connection string made of its `key=value` lines, each key at its own line;
//!   `[ODBC Data Sources]` (which names each data source's driver) is not one.
//! * [`Kind::Prp`](super::Kind::Prp) (CData `.prp`): the whole file is one connection string,
//!   a property per line.

/// How the `key=value` lines make entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Every value is an entry.
    Values,
    /// Every section but `[ODBC Data Sources]` is one entry.
    Sections,
    /// The file is one entry.
    WholeFile,
}

use super::found::{Builder, Fixed, Host};
use super::{Entry, SourceError, SourceErrorKind};

/// Hands every entry to `out`: values as they are read, data source sections at the end
/// (the `[ODBC Data Sources]` section naming their drivers may come after them). On an
/// error, `out` may have seen the entries before it.
pub(crate) fn find(
    source: &str,
    mode: Mode,
    out: &mut dyn FnMut(Entry),
) -> Result<(), SourceError> {
    let odbc = mode != Mode::Values;
    let mut section: Option<(String, usize)> =
        (mode == Mode::WholeFile).then(|| (String::new(), 0));
    // The data source being gathered: its builder and the end of its last value.
    let mut dsn: Option<(Builder, usize)> = None;
    // `[ODBC Data Sources]` entries: data source → driver description.
    let mut drivers: Vec<(String, String)> = Vec::new();
    let mut sections: Vec<(String, Builder, usize)> = Vec::new();
    let mut at = 0;
    for line in source.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim_start();
        let lead = start + body.len() - trimmed.len();
        let trimmed = trimmed.trim_end();
        if trimmed.is_empty() || trimmed.starts_with([';', '#']) {
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix('[') {
            let Some(name) = rest.strip_suffix(']') else {
                return Err(SourceError::at(
                    SourceErrorKind::InvalidIni,
                    "invalid INI: a section header is not closed with `]`",
                    source,
                    lead,
                ));
            };
            if mode == Mode::WholeFile {
                continue;
            }
            if let (Some((name, _)), Some((b, end))) = (section.take(), dsn.take()) {
                sections.push((name, b, end));
            }
            section = Some((name.trim().to_owned(), lead));
            continue;
        }
        let Some(eq) = trimmed.find('=') else {
            return Err(SourceError::at(
                SourceErrorKind::InvalidIni,
                "invalid INI: a line is neither `[section]`, `key=value` nor a comment",
                source,
                lead,
            ));
        };
        let key = trimmed.get(..eq).unwrap_or_default().trim_end();
        let raw_value = trimmed.get(eq + 1..).unwrap_or_default();
        let value = raw_value.trim_start();
        let value_at = lead + eq + 1 + (raw_value.len() - value.len());
        let section_name = section.as_ref().map(|s| s.0.as_str());
        if odbc {
            if section_name.is_some_and(|s| s.eq_ignore_ascii_case("ODBC Data Sources")) {
                drivers.push((key.to_owned(), value.to_owned()));
                continue;
            }
            if section_name.is_none() {
                continue;
            }
            // `key=value;` with the key and value as written; the `;` stands at the line end.
            let (b, end) = dsn.get_or_insert_with(|| (Builder::default(), lead));
            if !b.text.is_empty() {
                b.push(';', *end);
            }
            b.push_str(trimmed.get(..eq + 1).unwrap_or_default(), lead);
            b.push_str(value, value_at);
            *end = value_at + value.len();
        } else {
            let name = match section_name {
                Some(s) => format!("{s}.{key}"),
                None => key.to_owned(),
            };
            let cand = Builder::verbatim(value, value_at).finish(value_at + value.len());
            out(Entry::new(Some(name), cand, Host::Verbatim));
        }
    }
    if let (Some((name, _)), Some((b, end))) = (section, dsn) {
        sections.push((name, b, end));
    }
    for (name, b, end) in sections {
        let hint = drivers
            .iter()
            .find(|(dsn, _)| dsn.eq_ignore_ascii_case(&name))
            .map(|(_, d)| d.clone());
        let name = (!name.is_empty()).then_some(name);
        let mut entry = Entry::new(name, b.finish(end), Host::Fixed(Fixed::Layout));
        entry.hint = hint;
        out(entry);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn odbc_sections() {
        let file = "[ODBC Data Sources]\nZoomDSN = CData ODBC Driver for API\n\n[ZoomDSN]\r\nDriver = /opt/cdata/lib/libapi.so\r\n; note\r\nProfile=Zoom.apip\r\n";
        let entries = crate::read_entries(file, crate::Kind::OdbcIni).unwrap();
        let got: Vec<_> = entries
            .iter()
            .map(|e| (e.name.clone(), e.candidate.text.clone(), e.hint.clone()))
            .collect();
        assert_eq!(
            got,
            [(
                Some("ZoomDSN".to_owned()),
                "Driver =/opt/cdata/lib/libapi.so;Profile=Zoom.apip".to_owned(),
                Some("CData ODBC Driver for API".to_owned())
            )]
        );
        let c = &entries[0].candidate;
        // `Profile` is at line 7 of the file.
        let p = c.text.find("Profile").unwrap();
        assert_eq!(&file[c.file_offset(p)..c.file_offset(p + 7)], "Profile");
    }

    #[test]
    fn values_and_errors() {
        let entries = crate::read_entries("top=1\n[s]\nk = a=b\n", crate::Kind::Ini).unwrap();
        let got: Vec<_> = entries
            .iter()
            .map(|e| (e.name.clone().unwrap_or_default(), e.candidate.text.clone()))
            .collect();
        assert_eq!(
            got,
            [
                ("top".to_owned(), "1".to_owned()),
                ("s.k".to_owned(), "a=b".to_owned())
            ]
        );
        for (file, message) in [
            (
                "[s\nk=v",
                "invalid INI: a section header is not closed with `]` at line 1, column 1",
            ),
            (
                "[s]\n  junk",
                "invalid INI: a line is neither `[section]`, `key=value` nor a comment at line 2, column 3",
            ),
        ] {
            let e = crate::read_entries(file, crate::Kind::OdbcIni)
                .err()
                .map(|e| e.to_string());
            assert_eq!(e.as_deref(), Some(message));
        }
    }
}
