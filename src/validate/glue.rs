//! Where a `;` was probably forgotten: inside an unquoted value, after white space, a known
//! property's name or spaced alias followed by `=` (`OAuthClientId=abc OAuthClientSecret=xyz`,
//! `AuthScheme=OAuth InitiateOAuth=GETANDREFRESH`). The driver reads all of it as the first
//! value; the `missing-semicolon` rule reads it as the user meant it: the value up to the white
//! space, then each glued property with its own value.
//!
//! [`find`] is linear in the value: the next `=` is searched once for all the runs of white
//! space before it, and only a run at most [`LONGEST`] bytes before it is looked at.
//! `find_plain`, in the tests, is its plain twin.

use std::ops::Range;

use crate::registry::{self, Property};

/// Text longer than this between white space and `=` is not a property's name: every name and
/// alias of the registry is shorter.
const LONGEST: usize = 96;

/// A known property glued to the value before it. Offsets are bytes of the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Glue {
    /// Where the white space before the name starts: the end of the text before it.
    pub before: usize,
    /// The name as written.
    pub name: Range<usize>,
    /// The property it names.
    pub property: &'static Property,
    /// Its value: from after the `=` (white space trimmed) to the next glued name or the end.
    pub value: Range<usize>,
}

/// White space between a value and a glued name.
fn is_space(b: u8) -> bool {
    b.is_ascii_whitespace()
}

/// The known property named from `start` of `value` to the `=` at `eq` (white space before
/// the `=` allowed): the name's end.
fn name_at(value: &str, start: usize, eq: usize) -> Option<(usize, &'static Property)> {
    let b = value.as_bytes();
    if eq - start > LONGEST {
        return None;
    }
    let mut end = eq;
    while end > start && b.get(end - 1).copied().is_some_and(is_space) {
        end -= 1;
    }
    // `start` follows ASCII white space and `end` precedes ASCII white space or `=`: both are
    // char boundaries.
    let name = value.get(start..end).filter(|n| !n.is_empty())?;
    let m = registry::lookup(name)?;
    Some((end, m.property))
}

/// Every known property glued into `value` (an unquoted value, as decoded), in order: in
/// `abc OAuthClientSecret=xyz`, OAuthClientSecret with its name at 4..21 and its value at
/// 22..25, after `abc` (`before` is 3).
pub(crate) fn find(value: &str) -> Vec<Glue> {
    let b = value.as_bytes();
    let mut out: Vec<Glue> = Vec::new();
    // Most values have no `=`.
    if !b.contains(&b'=') {
        return out;
    }
    let mut i = 0;
    // The first `=` at or after `i` (or the end).
    let mut eq = 0;
    while i < b.len() {
        if !b.get(i).copied().is_some_and(is_space) {
            i += 1;
            continue;
        }
        let before = i;
        while b.get(i).copied().is_some_and(is_space) {
            i += 1;
        }
        if eq < i {
            eq = b
                .get(i..)
                .and_then(|rest| rest.iter().position(|&c| c == b'='))
                .map_or(b.len(), |at| i + at);
        }
        if eq == b.len() {
            // No `=` is left: no name either.
            break;
        }
        let Some((end, property)) = name_at(value, i, eq) else {
            continue;
        };
        if let Some(last) = out.last_mut() {
            last.value.end = before.max(last.value.start);
        }
        let mut from = eq + 1;
        while b.get(from).copied().is_some_and(is_space) {
            from += 1;
        }
        out.push(Glue {
            before,
            name: i..end,
            property,
            value: from..b.len(),
        });
        i = eq + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Glue, LONGEST, find, is_space};
    use crate::registry;

    /// The plain twin of [`find`]: at every start of a name after white space, every `=` after
    /// it is tried, the first known name wins, and the scan goes on after its `=`.
    fn find_plain(value: &str) -> Vec<Glue> {
        let b = value.as_bytes();
        let mut out: Vec<Glue> = Vec::new();
        let mut i = 1;
        while i < b.len() {
            // After ASCII white space: a char boundary.
            let after_space = is_space(b[i - 1]) && !is_space(b[i]);
            let eq = after_space
                .then(|| value[i..].find('=').map(|e| i + e))
                .flatten();
            let found = eq.filter(|&eq| eq - i <= LONGEST).and_then(|eq| {
                let name = value[i..eq].trim_end_matches(|c: char| c.is_ascii_whitespace());
                registry::lookup(name).map(|m| (eq, i + name.len(), m.property))
            });
            let Some((eq, end, property)) = found else {
                i += 1;
                continue;
            };
            let before = value[..i]
                .trim_end_matches(|c: char| c.is_ascii_whitespace())
                .len();
            if let Some(last) = out.last_mut() {
                last.value.end = before.max(last.value.start);
            }
            let rest = &value[eq + 1..];
            let from = eq
                + 1
                + (rest.len()
                    - rest
                        .trim_start_matches(|c: char| c.is_ascii_whitespace())
                        .len());
            out.push(Glue {
                before,
                name: i..end,
                property,
                value: from..value.len(),
            });
            i = eq + 1;
        }
        out
    }

    #[test]
    fn glued_names() {
        #[rustfmt::skip]
        let table: &[(&str, &[(&str, &str)])] = &[
            ("abc OAuthClientSecret=xyz", &[("OAuthClientSecret", "xyz")]),
            ("OAuth InitiateOAuth=GETANDREFRESH", &[("InitiateOAuth", "GETANDREFRESH")]),
            ("abc OAuth Client Secret = xyz", &[("OAuth Client Secret", "xyz")]),
            ("a\tcallbackurl=http://x/?a=b Timeout=5", &[("callbackurl", "http://x/?a=b"), ("Timeout", "5")]),
            ("x Foo OAuthClientSecret=y", &[("OAuthClientSecret", "y")]),
            ("abc Foo=bar", &[]),
            ("OAuthClientSecret=xyz", &[]),
            ("a OAuthClientSecret", &[]),
            ("a b c", &[]),
        ];
        for &(value, want) in table {
            let got: Vec<(&str, &str)> = find(value)
                .iter()
                .map(|g| (&value[g.name.clone()], &value[g.value.clone()]))
                .collect();
            assert_eq!(got, want, "{value:?}");
        }
    }

    /// Every name and alias of the registry is short enough to be found.
    #[test]
    fn every_name_fits() {
        for p in registry::PROPERTIES {
            for name in std::iter::once(&p.name).chain(p.aliases) {
                assert!(name.len() <= LONGEST, "{name}");
                let value = format!("x {name}=1");
                assert_eq!(find(&value).len(), 1, "{value}");
            }
        }
    }

    proptest::proptest! {
        /// The linear scan finds what the plain twin finds.
        #[test]
        fn find_matches_its_plain_twin(parts in proptest::collection::vec(proptest::sample::select(vec![
            " ", "  ", "\t", "=", "==", "abc", "OAuth", "Client", "Secret", "OAuthClientSecret",
            "oauthclientid", "Initiate", "Timeout", "x=y", "é", "Callback URL", " = ",
            "                                                            ",
        ]), 0..24)) {
            let value: String = parts.concat();
            proptest::prop_assert_eq!(find(&value), find_plain(&value));
        }
    }
}
