//! Unresolved references in a value — `${VAR}`, `${VAR:-default}`, `${{ secrets.X }}`,
//! `$VAR`, `%VAR%`, `{{ .Values.x }}` — which a deployment substitutes later: no value rule
//! can judge them.

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
                (bytes.get(i + 1 + len) == Some(&b'%')).then_some(i + 2 + len)
            }
            b'{' if bytes.get(i + 1) == Some(&b'{') => {
                memchr::memmem::find(bytes.get(i + 2..).unwrap_or_default(), b"}}")
                    .map(|e| i + 2 + e + 2)
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

#[cfg(test)]
mod tests {
    #[test]
    fn table() {
        #[rustfmt::skip]
        let table: &[(&str, &[&str])] = &[
            ("CallbackURL=${CALLBACK_URL};Timeout=$T;x=%HOME%", &["${CALLBACK_URL}", "$T", "%HOME%"]),
            ("a=${X:-http://d};b=${{ secrets.ZOOM }}", &["${X:-http://d}", "${{ secrets.ZOOM }}"]),
            ("a={{ .Values.url }};b=50%;c=$5;d=${open", &["{{ .Values.url }}"]),
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
