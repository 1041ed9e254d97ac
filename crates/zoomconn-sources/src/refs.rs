//! Unresolved references in a key or value — `${VAR}`, `${VAR:-default}`,
//! `${{ secrets.X }}`, `$VAR`, `%VAR%`, `{{ .Values.x }}`, and the placeholders of a template
//! a program fills in: printf's `%s`, `%d`, `%(name)s`, .NET's and Python's `{0}`, `{}`,
//! `{name}`, ERB's `<%= … %>` — which a deployment or the program substitutes later: no syntax
//! or value rule can judge them.

use std::ops::Range;

/// The byte ranges of `text` that are references, in order. Linear: each scan for a closing
/// delimiter starts where the last one ended.
pub(crate) fn references(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    while let Some(&c) = bytes.get(i) {
        let found = match c {
            b'$' if bytes.get(i + 1) == Some(&b'{') => {
                let double = bytes.get(i + 2) == Some(&b'{');
                let close: &[u8] = if double { b"}}" } else { b"}" };
                memchr::memmem::find(bytes.get(i + 2..).unwrap_or_default(), close)
                    .map(|e| i + 2 + e + close.len())
            }
            b'$' if bytes
                .get(i + 1)
                .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'_') =>
            {
                let len = bytes
                    .get(i + 1..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|&&b| ident(b))
                    .count();
                Some(i + 1 + len)
            }
            b'%' if bytes
                .get(i + 1)
                .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'_') =>
            {
                let len = bytes
                    .get(i + 1..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|&&b| ident(b))
                    .count();
                (bytes.get(i + 1 + len) == Some(&b'%'))
                    .then_some(i + 2 + len)
                    .or_else(|| printf(bytes, i))
            }
            b'%' => printf(bytes, i),
            b'{' if bytes.get(i + 1) == Some(&b'{') => {
                memchr::memmem::find(bytes.get(i + 2..).unwrap_or_default(), b"}}")
                    .map(|e| i + 2 + e + 2)
            }
            b'{' => format_field(bytes, i),
            b'<' if bytes.get(i + 1..i + 3) == Some(b"%=") => {
                memchr::memmem::find(bytes.get(i + 3..).unwrap_or_default(), b"%>")
                    .map(|e| i + 3 + e + 2)
            }
            _ => None,
        };
        match found {
            Some(end) => {
                out.push(i..end);
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// A printf conversion at `i` (`%s`, `%-5d`, `%(name)s`): its end.
fn printf(bytes: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    if bytes.get(j) == Some(&b'(') {
        j += 1 + memchr::memchr(b')', bytes.get(j..)?)?;
    }
    while bytes
        .get(j)
        .is_some_and(|b| matches!(b, b'-' | b'+' | b'0'..=b'9' | b'.'))
    {
        j += 1;
    }
    let conv = *bytes.get(j)?;
    let after = bytes.get(j + 1);
    (matches!(
        conv,
        b's' | b'd' | b'i' | b'f' | b'v' | b'x' | b'r' | b'q' | b'u'
    ) && !after.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_'))
    .then_some(j + 1)
}

/// A format field at `i` (`{}`, `{0}`, `{0:N2}`, `{name}`): its end. A braced ODBC value
/// with spaces or punctuation (`{CData ODBC Driver for API}`) is not one.
fn format_field(bytes: &[u8], i: usize) -> Option<usize> {
    let rest = bytes.get(i + 1..)?;
    let close = rest.iter().take(64).position(|&b| b == b'}')?;
    let inner = rest.get(..close)?;
    let name = inner.split(|&b| b == b':').next().unwrap_or_default();
    let ok = name
        .iter()
        .all(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.');
    ok.then_some(i + 1 + close + 1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn table() {
        #[rustfmt::skip]
        let table: &[(&str, &[&str])] = &[
            ("CallbackURL=${CALLBACK_URL};Timeout=$T;x=%HOME%", &["${CALLBACK_URL}", "$T", "%HOME%"]),
            ("a=${X:-http://d};b=${{ secrets.ZOOM }}", &["${X:-http://d}", "${{ secrets.ZOOM }}"]),
            ("a={{ .Values.url }};b=50%;c=$5;d=${open", &["{{ .Values.url }}"]),
            ("DRIVER={CData ODBC Driver for NetSuite};%s", &["%s"]),
            ("Timeout=%d;OAuthClientId=%(id)s;x=%-5d;y=100%sure", &["%d", "%(id)s", "%-5d"]),
            ("Profile={0};Scope={};CallbackURL={url};Timeout={0:N2}", &["{0}", "{}", "{url}", "{0:N2}"]),
            ("OAuthClientId=<%= ENV['ID'] %>;a={b c}", &["<%= ENV['ID'] %>"]),
        ];
        for &(text, expected) in table {
            let got: Vec<&str> = super::references(text)
                .into_iter()
                .map(|r| &text[r])
                .collect();
            assert_eq!(got, expected, "{text}");
        }
    }
}
