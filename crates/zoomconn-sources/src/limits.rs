//! Bounds on what one file may hold, beyond its size ([`DEFAULT_MAX_SIZE`](super::DEFAULT_MAX_SIZE)):
//! how deep its structure nests and how many connection strings it holds. Past either, the
//! file is reported as [`SourceErrorKind::TooComplex`] instead of using memory that grows
//! with it: the readers keep nothing per value but the open containers and the strings found.

use super::{SourceError, SourceErrorKind};

/// How deep objects, arrays, mappings, sequences or elements may nest in one file.
///
/// ```
/// use zoomconn_sources::{find, Kind, Options, SourceErrorKind, MAX_DEPTH};
/// let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
/// let err = find(&deep, Kind::Json, &Options::default()).unwrap_err();
/// assert_eq!(err.kind(), SourceErrorKind::TooComplex);
/// ```
pub const MAX_DEPTH: usize = 512;

/// How many connection strings one JSON, XML, YAML or INI file may hold: they are held until
/// the file has read to its end. Text, `.env`, `.properties` and source files hand each
/// string out as it is found and have no such bound.
///
/// ```
/// use zoomconn_sources::{find, Kind, Options, SourceErrorKind, MAX_STRINGS};
/// let many = "- Z=Profile=Zoom.apip\n".repeat(MAX_STRINGS + 1);
/// let err = find(&format!("environment:\n{many}"), Kind::Yaml, &Options::default()).unwrap_err();
/// assert_eq!(err.kind(), SourceErrorKind::TooComplex);
/// let env = "Z=Profile=Zoom.apip\n".repeat(MAX_STRINGS + 1);
/// assert_eq!(find(&env, Kind::Env, &Options::default())?.count(), MAX_STRINGS + 1);
/// # Ok::<(), zoomconn_sources::SourceError>(())
/// ```
pub const MAX_STRINGS: usize = 10_000;

/// The error for a container opened at byte `at` past [`MAX_DEPTH`].
pub(crate) fn too_deep(source: &str, at: usize) -> SourceError {
    SourceError::at(
        SourceErrorKind::TooComplex,
        format!("nests deeper than the limit of {MAX_DEPTH} levels"),
        source,
        at,
    )
}

/// The error for a connection string found at byte `at` past [`MAX_STRINGS`].
pub(crate) fn too_many(source: &str, at: usize) -> SourceError {
    SourceError::at(
        SourceErrorKind::TooComplex,
        format!("holds more than the limit of {MAX_STRINGS} connection strings"),
        source,
        at,
    )
}

#[cfg(test)]
mod tests {
    use crate::{Kind, Options, find};

    /// (kind, file, error) at one level past the limit in every format that nests.
    #[test]
    fn too_deep() {
        let n = super::MAX_DEPTH + 1;
        let table = [
            (
                Kind::Json,
                "[".repeat(n) + &"]".repeat(n),
                "line 1, column 513",
            ),
            (
                Kind::Json,
                "{\"a\":".repeat(n) + "1" + &"}".repeat(n),
                "line 1, column 2561",
            ),
            (Kind::Yaml, "- ".repeat(n) + "a", "line 1, column 1025"),
            (
                Kind::Xml,
                "<a>".repeat(n) + &"</a>".repeat(n),
                "line 1, column 1537",
            ),
        ];
        for (kind, file, at) in table {
            let e = find(&file, kind, &Options::default()).unwrap_err();
            assert_eq!(
                e.to_string(),
                format!("nests deeper than the limit of 512 levels at {at}"),
                "{kind:?}"
            );
            assert_eq!(e.kind().rule(), "file-too-complex");
        }
        // At the limit, the file reads.
        let n = super::MAX_DEPTH;
        let ok = "[".repeat(n) + &"]".repeat(n);
        assert_eq!(
            find(&ok, Kind::Json, &Options::default()).map(Iterator::count),
            Ok(0)
        );
    }

    /// Past the limit of strings, in the formats read to their end first.
    #[test]
    fn too_many() {
        let s = "Profile=Zoom.apip;AuthScheme=OAuth";
        let n = super::MAX_STRINGS + 1;
        let json = format!("[{}\"{s}\"]", format!("\"{s}\",").repeat(n - 1));
        let ini = format!("[s]\n{}", format!("z={s}\n").repeat(n));
        for (kind, file, at) in [
            (Kind::Json, json, "line 1, column 370003"),
            (Kind::Ini, ini, "line 10002, column 3"),
        ] {
            let e = find(&file, kind, &Options::default()).unwrap_err();
            assert_eq!(
                e.to_string(),
                format!("holds more than the limit of 10000 connection strings at {at}"),
                "{kind:?}"
            );
        }
        let json = format!("[{}]", format!("\"{s}\",").repeat(n - 1));
        assert_eq!(
            find(&json, Kind::Json, &Options::default()).map(Iterator::count),
            Ok(n - 1)
        );
        // The bound counts connection strings, not values: other strings are not held.
        let values = format!("[{}\"=\"]", "\"=\",".repeat(n));
        assert_eq!(
            find(&values, Kind::Json, &Options::default()).map(Iterator::count),
            Ok(0)
        );
    }
}
