//! Secrets of a request masked in text a server sent back: every run of 6 or more chars that
//! also occurs in a secret (compared ignoring ASCII case, across line breaks inserted into
//! it), and every secret of 4 or 5 bytes whole. Linear in the text: the secrets' windows go
//! into a set, and one window slides over the text (a token answer is at most
//! [`MAX_RESPONSE`](super::response::MAX_RESPONSE) bytes).

use std::collections::HashSet;

/// The shortest part of a secret that is masked on its own.
const PART: usize = 6;

/// The shortest secret masked at all: shorter ones cannot be told from words.
const SHORTEST: usize = 4;

/// `text` with every part of `secrets` masked as `***` (see the module's doc). Line breaks
/// inside a masked run go with it: `mask("id ABCdef123 ok", &["abcdef"])` is `id ***123 ok`.
pub(crate) fn mask(text: &str, secrets: &[&str]) -> String {
    // The text without line breaks, lowercased, and each of its bytes' offset in `text`.
    let mut folded: Vec<u8> = Vec::with_capacity(text.len());
    let mut at: Vec<usize> = Vec::with_capacity(text.len());
    for (i, b) in text.bytes().enumerate() {
        if b != b'\n' && b != b'\r' {
            folded.push(b.to_ascii_lowercase());
            at.push(i);
        }
    }
    // Windows of each length to look for: every 6-byte part of a long secret, a short
    // secret whole.
    let mut windows: Vec<(usize, HashSet<Vec<u8>>)> = Vec::new();
    for secret in secrets {
        let s: Vec<u8> = secret
            .bytes()
            .filter(|&b| b != b'\n' && b != b'\r')
            .map(|b| b.to_ascii_lowercase())
            .collect();
        if s.len() < SHORTEST {
            continue;
        }
        let w = s.len().min(PART);
        let set = match windows.iter_mut().find(|(len, _)| *len == w) {
            Some((_, set)) => set,
            None => {
                windows.push((w, HashSet::new()));
                &mut windows.last_mut().expect("just pushed").1
            }
        };
        set.extend(s.windows(w).map(<[u8]>::to_vec));
    }
    // Which bytes of `folded` are part of a secret.
    let mut hidden = vec![false; folded.len()];
    for (w, set) in &windows {
        for (i, window) in folded.windows(*w).enumerate() {
            if set.contains(window) {
                hidden
                    .get_mut(i..i + w)
                    .into_iter()
                    .flatten()
                    .for_each(|h| *h = true);
            }
        }
    }
    // Runs of hidden bytes, as ranges of `text` (widened to whole chars), each one `***`.
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < hidden.len() {
        if !hidden.get(i).copied().unwrap_or(false) {
            i += 1;
            continue;
        }
        let mut j = i;
        while hidden.get(j + 1).copied().unwrap_or(false) {
            j += 1;
        }
        let mut start = at.get(i).copied().unwrap_or(0);
        let mut end = at.get(j).copied().unwrap_or(start) + 1;
        while start > 0 && !text.is_char_boundary(start) {
            start -= 1;
        }
        while end < text.len() && !text.is_char_boundary(end) {
            end += 1;
        }
        if start >= copied {
            out.push_str(text.get(copied..start).unwrap_or_default());
            out.push_str(zoomconn::REDACTED);
        }
        copied = copied.max(end);
        i = j + 1;
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    /// (text, secrets, masked): the shapes in which a server may echo a secret.
    #[test]
    fn echo_shapes() {
        #[rustfmt::skip]
        let table: &[(&str, &[&str], &str)] = &[
            ("bad Sec7ret99 here", &["Sec7ret99"], "bad *** here"),
            // Case changed.
            ("bad sEC7RET99 here", &["Sec7ret99"], "bad *** here"),
            // Truncated, at either end: any 6 chars or more.
            ("bad Sec7re here", &["Sec7ret99"], "bad *** here"),
            ("bad c7ret99 here", &["Sec7ret99"], "bad *** here"),
            ("bad ec7r here", &["Sec7ret99"], "bad ec7r here"),
            // Split by line breaks.
            ("bad Sec7\nret99 here", &["Sec7ret99"], "bad *** here"),
            ("bad Se\r\nc7r\r\net99 here", &["Sec7ret99"], "bad *** here"),
            // Short secrets whole only.
            ("bad abcd here", &["abcd"], "bad *** here"),
            ("bad abc here", &["abcd"], "bad abc here"),
            ("abc", &["abc"], "abc"),
            // Two secrets, overlapping echoes.
            ("x Sec7ret99ABCDEFGH y", &["Sec7ret99", "abcdefgh"], "x *** y"),
            // Non-ASCII around and inside.
            ("é Sec7ret99 é", &["Sec7ret99"], "é *** é"),
            ("x sécret1 y", &["sécret1"], "x *** y"),
        ];
        for &(text, secrets, expected) in table {
            assert_eq!(super::mask(text, secrets), expected, "{text:?}");
        }
    }
}
