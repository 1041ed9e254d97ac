//! Strings handed to a CData connection type — `new AccessConnection("…" + "…")` in C#,
//! `mod.connect("…" "…")` in Python where `mod` is a `cdata.*` import — read whole: the
//! literals of the argument, joined by `+` or written side by side, are one string, each byte
//! still mapped to its place in the file.

use std::ops::Range;

use super::code::{Literal, literals};
use super::evidence::FileEvidence;
use super::found::{Candidate, Fixed, Host};
use super::{Entry, Language};

/// The connection strings passed to the calls `evidence` names, handed to `out`; returns the
/// byte ranges of the file they cover (their literals are not read again one by one).
pub(crate) fn find(
    source: &str,
    lang: Option<Language>,
    evidence: &FileEvidence,
    out: &mut dyn FnMut(Entry),
) -> Vec<Range<usize>> {
    let mut covered = Vec::new();
    let bytes = source.as_bytes();
    for callee in &evidence.calls {
        for (at, _) in source.match_indices(callee.as_str()) {
            let before = at.checked_sub(1).and_then(|p| bytes.get(p));
            if before.is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.') {
                continue;
            }
            let mut i = skip_space(source, at + callee.len());
            if bytes.get(i) != Some(&b'(') {
                continue;
            }
            i = skip_space(source, i + 1);
            let Some((cand, range, pieces)) = argument(source, lang, i) else {
                continue;
            };
            let host = match pieces {
                Piece::One(host) => host,
                Piece::Many => Host::Fixed(Fixed::Layout),
            };
            let mut entry = Entry::new(None, cand, host);
            entry.call = true;
            out(entry);
            covered.push(range);
        }
    }
    covered.sort_by_key(|r| r.start);
    covered
}

enum Piece {
    One(Host),
    Many,
}

/// The literals from `at` on, joined by `+` or side by side: the joined candidate, the bytes
/// it spans, and how it is written.
fn argument(
    source: &str,
    lang: Option<Language>,
    at: usize,
) -> Option<(Candidate, Range<usize>, Piece)> {
    let mut joined: Option<Candidate> = None;
    let mut pieces = None;
    let mut i = at;
    let mut end = at;
    while let Some(lit) = literal_at(source, lang, i) {
        end = lit.end;
        pieces = Some(match pieces {
            None => Piece::One(lit.host),
            Some(_) => Piece::Many,
        });
        joined = Some(match joined {
            None => lit.cand,
            Some(c) => append(c, lit.cand),
        });
        i = skip_space(source, lit.end);
        if source.as_bytes().get(i) == Some(&b'+') {
            i = skip_space(source, i + 1);
        }
    }
    Some((joined?, at..end, pieces?))
}

/// The literal that opens at `at` (after a `@`, `$`, `r`, `f`, `u` or `b` prefix).
fn literal_at(source: &str, lang: Option<Language>, at: usize) -> Option<Literal> {
    let bytes = source.as_bytes();
    let mut q = at;
    while bytes.get(q).is_some_and(|b| {
        matches!(
            b,
            b'@' | b'$' | b'r' | b'R' | b'f' | b'F' | b'u' | b'U' | b'b' | b'B'
        )
    }) && q < at + 2
    {
        q += 1;
    }
    if !matches!(bytes.get(q), Some(b'"' | b'\'')) {
        return None;
    }
    let line_end = memchr::memchr(b'\n', bytes.get(q..)?).map_or(source.len(), |n| q + n);
    literals(source, lang, at, line_end)
        .into_iter()
        .next()
        .filter(|l| l.open == q)
}

/// `a` then `b`, each byte keeping its file offset.
fn append(mut a: Candidate, b: Candidate) -> Candidate {
    let len = a.text.len();
    if a.runs.last().is_some_and(|&(d, _)| d == len) {
        a.runs.pop();
    }
    a.runs.extend(b.runs.into_iter().map(|(d, f)| (d + len, f)));
    a.text.push_str(&b.text);
    a
}

/// Past white space (line breaks included) from `i`.
fn skip_space(source: &str, i: usize) -> usize {
    let rest = source.get(i..).unwrap_or_default();
    i + (rest.len() - rest.trim_start().len())
}

#[cfg(test)]
mod tests {
    use super::super::evidence;

    /// file → [(decoded text, file text from first to last byte)].
    #[test]
    fn table() {
        #[rustfmt::skip]
        let table: &[(&str, &[(&str, &str)])] = &[
            ("using System.Data.CData.Access;\nvar c = new AccessConnection(\"DataSource=a.accdb; \" +\n  \"Logfile=l.txt; Verbosity=3;\");\n",
             &[("DataSource=a.accdb; Logfile=l.txt; Verbosity=3;", "DataSource=a.accdb; \" +\n  \"Logfile=l.txt; Verbosity=3;")]),
            ("import cdata.facebookads as mod\nconn = mod.connect(\"InitiateOAuth=GETANDREFRESH;\"\n    'OAuthSettingsLocation=/tmp/o.txt;')\n",
             &[("InitiateOAuth=GETANDREFRESH;OAuthSettingsLocation=/tmp/o.txt;", "InitiateOAuth=GETANDREFRESH;\"\n    'OAuthSettingsLocation=/tmp/o.txt;")]),
            ("import cdata.facebookads as mod\nconn = mod.connect(settings)\nx.mod.connect('a=b')\n", &[]),
        ];
        for &(file, expected) in table {
            let ev = evidence::scan(file);
            let mut got = Vec::new();
            super::find(file, None, &ev, &mut |e| {
                let c = &e.candidate;
                got.push((
                    c.text.clone(),
                    file[c.file_start()..c.file_end()].to_owned(),
                ));
            });
            let expected: Vec<_> = expected
                .iter()
                .map(|&(a, b)| (a.to_owned(), b.to_owned()))
                .collect();
            assert_eq!(got, expected, "{file}");
        }
    }
}
