//! The callback URL: a conservative fast check for the plain `http(s)://host[:port][/path]`
//! URLs people write, and the `url` crate for everything else.
//!
//! Parsing with `url` costs about as much as the rest of `Config::parse`, so a URL the fast
//! check accepts is parsed only when [`crate::CallbackUrl::url`] is called. The fast check
//! accepts only URLs that `url` also accepts, with the same scheme and host (a property test
//! checks this); anything unusual — other characters, IDNA labels, numeric hosts other than
//! dotted-decimal IPv4, IPv6 other than `[::1]`, `%` escapes — goes to `url`.

use std::sync::OnceLock;

use crate::grammar::casefold;

/// A callback URL that passed validation.
#[derive(Debug, Clone)]
pub(crate) struct CheckedUrl {
    /// The parsed URL: set at validation for URLs that needed `url`, or on first use.
    parsed: OnceLock<Box<url::Url>>,
}

impl PartialEq for CheckedUrl {
    fn eq(&self, _: &Self) -> bool {
        // Equal texts give equal URLs; the config compares the texts.
        true
    }
}

impl CheckedUrl {
    fn parsed(url: url::Url) -> Self {
        let parsed = OnceLock::new();
        let _ = parsed.set(Box::new(url));
        CheckedUrl { parsed }
    }

    /// The parsed URL of `text` (the text this was checked from).
    pub(crate) fn url(&self, text: &str) -> &url::Url {
        self.parsed.get_or_init(|| {
            // `text` passed `simple` (else `parsed` was set at validation), and every URL
            // `simple` accepts parses: see `simple_urls_parse` in the tests below.
            Box::new(url::Url::parse(text.trim()).expect("a URL accepted by the fast check parses"))
        })
    }
}

/// What the fast check learned: the scheme and host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Simple<'a> {
    pub https: bool,
    pub host: &'a str,
}

/// [`CLASS`] bit of a byte a domain label may hold: ASCII letters, digits and `-`.
const LABEL: u8 = 1;
/// [`CLASS`] bit of a byte a path, query or fragment may hold: unreserved and sub-delimiter
/// characters, `:`, `@`, `/`, `?` and `#`.
const TAIL: u8 = 2;

/// The classes of each byte, one table lookup instead of a chain of comparisons.
static CLASS: [u8; 256] = {
    let mut class = [0; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || c == b'-' {
            class[b] = LABEL | TAIL;
        }
        b += 1;
    }
    let punct = b"._~!$&'()*+,;=:@/?#";
    let mut i = 0;
    while i < punct.len() {
        class[punct[i] as usize] |= TAIL;
        i += 1;
    }
    class
};

/// Is every byte of `s` of `class`?
#[inline]
fn all_of(s: &[u8], class: u8) -> bool {
    s.iter().all(|&b| CLASS[b as usize] & class != 0)
}

fn is_ipv4(host: &[u8]) -> bool {
    let octet = |o: &[u8]| {
        !o.is_empty()
            && o.len() <= 3
            && o.iter().all(u8::is_ascii_digit)
            && (o.len() == 1 || o.first() != Some(&b'0'))
            && o.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')) <= 255
    };
    host.split(|&b| b == b'.').count() == 4 && host.split(|&b| b == b'.').all(octet)
}

/// The fast check: `http(s)://`, then a plain domain, dotted IPv4 or `[::1]`, then an
/// optional port, then an optional path, query or fragment of unreserved and sub-delimiter
/// characters. One pass over the bytes; the tests hold it to a plain twin written from the
/// same rules.
pub(crate) fn simple(text: &str) -> Option<Simple<'_>> {
    let b = text.as_bytes();
    // The scheme, eight bytes at once, its letters lowered by setting bit 5 (no other byte
    // becomes a lowercase letter that way). Every URL this accepts is longer than `http://`.
    let first8 = u64::from_le_bytes(*b.first_chunk::<8>()?);
    let https = if first8 | 0x20_2020_2020 == u64::from_le_bytes(*b"https://") {
        true
    } else if (first8 | 0x2020_2020) & 0x00ff_ffff_ffff_ffff == u64::from_le_bytes(*b"http://\0") {
        false
    } else {
        return None;
    };
    let start = if https { 8 } else { 7 };
    let mut i = start;
    if b.get(i) == Some(&b'[') {
        if b.get(i..i + 5) != Some(b"[::1]") {
            return None;
        }
        i += 5;
    } else {
        // Labels of letters, digits and `-`, separated by dots: a domain (no label empty,
        // longer than 63, starting or ending with `-`, or an IDNA `xn--` label, the last
        // starting with a letter) or dotted-decimal IPv4 (four labels of up to three digits
        // without a leading zero, each at most 255).
        let (mut labels, mut octets, mut domain_labels) = (0, 0, 0);
        let mut last_alpha;
        loop {
            let label = i;
            while b
                .get(i)
                .is_some_and(|&c| CLASS[usize::from(c)] & LABEL != 0)
            {
                i += 1;
            }
            let l = b.get(label..i).unwrap_or_default();
            let (first, last) = (l.first().copied()?, l.last().copied()?);
            let domain_label = l.len() <= 63
                && first != b'-'
                && last != b'-'
                && !l.get(..4).is_some_and(|p| p.eq_ignore_ascii_case(b"xn--"));
            let octet = l.len() <= 3
                && l.iter().all(u8::is_ascii_digit)
                && (l.len() == 1 || first != b'0')
                && l.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')) <= 255;
            labels += 1;
            octets += usize::from(octet);
            domain_labels += usize::from(domain_label);
            last_alpha = first.is_ascii_alphabetic();
            if b.get(i) != Some(&b'.') {
                break;
            }
            i += 1;
        }
        let domain = i - start <= 253 && domain_labels == labels && last_alpha;
        let ipv4 = labels == 4 && octets == 4;
        if !domain && !ipv4 {
            return None;
        }
    }
    let host = text.get(start..i)?;
    if b.get(i) == Some(&b':') {
        let port = i + 1;
        i = port;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let digits = b.get(port..i).unwrap_or_default();
        let value = digits
            .iter()
            .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
        if digits.is_empty() || digits.len() > 5 || value > 65535 {
            return None;
        }
    }
    match b.get(i) {
        None | Some(b'/' | b'?' | b'#') => {}
        Some(_) => return None,
    }
    let tail_ok = all_of(b.get(i..).unwrap_or_default(), TAIL);
    tail_ok.then_some(Simple { https, host })
}

/// Is `host` (as `simple` returned it) loopback?
fn simple_loopback(host: &str) -> bool {
    casefold::eq_ignore_ascii_case(host, "localhost")
        || host == "[::1]"
        || host.starts_with("127.") && is_ipv4(host.as_bytes())
}

/// Is the URL's host loopback: `localhost`, `127.0.0.0/8` or `[::1]`? The one check of a
/// loopback host, for `CallbackURL` validation and for the OAuth redirect listener alike.
///
/// ```
/// use url::Url;
/// assert!(zoomconn::is_loopback(&Url::parse("http://LOCALHOST:33333")?));
/// assert!(zoomconn::is_loopback(&Url::parse("http://127.8.9.1/")?));
/// assert!(!zoomconn::is_loopback(&Url::parse("http://localhost.example/")?));
/// # Ok::<(), url::ParseError>(())
/// ```
pub fn is_loopback(url: &url::Url) -> bool {
    url.host().is_some_and(|h| url_loopback(&h))
}

/// Is the parsed host loopback: `localhost`, 127.0.0.0/8 or `[::1]`?
fn url_loopback(host: &url::Host<&str>) -> bool {
    match host {
        url::Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        url::Host::Ipv4(ip) => ip.is_loopback(),
        url::Host::Ipv6(ip) => ip.is_loopback(),
    }
}

/// A valid callback URL, and the host it sends the code to in clear (plain `http` to a host
/// that is not loopback).
pub(crate) struct Checked {
    pub url: CheckedUrl,
    pub insecure_host: Option<String>,
}

/// Validates a callback URL: absolute, `http` or `https`, with a host.
pub(crate) fn check(text: &str) -> Result<Checked, String> {
    let text = crate::grammar::chars::trim(text);
    if let Some(s) = simple(text) {
        let insecure_host =
            (!s.https && !simple_loopback(s.host)).then(|| s.host.to_ascii_lowercase());
        return Ok(Checked {
            url: CheckedUrl {
                parsed: OnceLock::new(),
            },
            insecure_host,
        });
    }
    match url::Url::parse(text) {
        Err(url::ParseError::RelativeUrlWithoutBase) => Err("not an absolute URL".to_owned()),
        Err(e) => Err(e.to_string()),
        Ok(u) if !matches!(u.scheme(), "http" | "https") => {
            Err(format!("the scheme `{}` is not http or https", u.scheme()))
        }
        Ok(u) if u.host_str().is_none_or(str::is_empty) => Err("it has no host".to_owned()),
        Ok(u) => {
            let insecure = u.scheme() == "http" && u.host().is_some() && !is_loopback(&u);
            let insecure_host = insecure.then(|| u.host_str().unwrap_or_default().to_owned());
            Ok(Checked {
                url: CheckedUrl::parsed(u),
                insecure_host,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn table() {
        for (text, fast) in [
            ("http://localhost:33333", true),
            ("https://example.com/oauth/callback?x=1#f", true),
            ("HTTP://LOCALHOST", true),
            ("http://127.0.0.1:8080/cb", true),
            ("http://[::1]:1/", true),
            ("http://1.2.3", false),
            ("http://example.123", false),
            ("http://xn--nxasmq6b.com", false),
            ("http://ex ample.com", false),
            ("http://exa%41mple.com", false),
            ("http://h:99999", false),
            ("localhost:33333", false),
        ] {
            assert_eq!(simple(text).is_some(), fast, "{text}");
            if fast {
                assert!(url::Url::parse(text).is_ok(), "{text}");
            }
        }
        assert_eq!(
            check("http://example.com")
                .unwrap()
                .insecure_host
                .as_deref(),
            Some("example.com")
        );
        assert_eq!(check("http://127.0.0.2").unwrap().insecure_host, None);
    }

    fn is_label(l: &[u8]) -> bool {
        !l.is_empty()
            && l.len() <= 63
            && all_of(l, LABEL)
            && l.first() != Some(&b'-')
            && l.last() != Some(&b'-')
            && !(l.len() >= 4 && l[..4].eq_ignore_ascii_case(b"xn--"))
    }

    fn is_domain(host: &[u8]) -> bool {
        host.len() <= 253
            && host.split(|&b| b == b'.').all(is_label)
            // A last label that starts with a digit may be read as an IPv4 number.
            && host.rsplit(|&b| b == b'.').next().and_then(|l| l.first()).is_some_and(u8::is_ascii_alphabetic)
    }

    /// The plain twin of [`simple`]: `http(s)://`, a plain domain, dotted IPv4 or `[::1]`, an
    /// optional port, an optional path, query or fragment of unreserved and sub-delimiter characters.
    // Indexing below: the 7/8-byte prefixes are sliced after checking the length; `end` and
    // `colon` are positions of ASCII bytes found in the same string, so char boundaries.
    fn simple_plain(text: &str) -> Option<Simple<'_>> {
        let b = text.as_bytes();
        let (https, rest) = if b.len() >= 8 && b[..8].eq_ignore_ascii_case(b"https://") {
            (true, &text[8..])
        } else if b.len() >= 7 && b[..7].eq_ignore_ascii_case(b"http://") {
            (false, &text[7..])
        } else {
            return None;
        };
        let end = rest
            .bytes()
            .position(|c| matches!(c, b'/' | b'?' | b'#'))
            .unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(end);
        let colon = authority.bytes().rposition(|c| c == b':');
        let (host, port) = match colon.filter(|_| !authority.ends_with(']')) {
            Some(at) => (&authority[..at], Some(&authority[at + 1..])),
            None => (authority, None),
        };
        let host_ok = is_domain(host.as_bytes()) || is_ipv4(host.as_bytes()) || host == "[::1]";
        let port_ok = port.is_none_or(|p| {
            !p.is_empty()
                && p.len() <= 5
                && p.bytes().all(|c| c.is_ascii_digit())
                && p.parse::<u32>().is_ok_and(|n| n <= 65535)
        });
        let tail_ok = all_of(tail.as_bytes(), TAIL);
        (host_ok && port_ok && tail_ok).then_some(Simple { https, host })
    }

    fn near_urls() -> impl Strategy<Value = String> {
        proptest::string::string_regex(
            "(?i)(https?|ftp)://([a-z0-9-]{0,8}\\.){0,3}[a-z0-9-]{0,8}(\\[::1\\])?(:[0-9]{0,6})?([/?#][-a-zA-Z0-9._~!$&'()*+,;=:@/?#%]{0,12})?",
        )
        .unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 20000, ..ProptestConfig::default() })]

        /// Every URL the fast check accepts parses with `url`, with the same scheme and host,
        /// so the lazy `CallbackUrl::url` cannot fail and the insecure check agrees.
        #[test]
        fn simple_urls_parse(s in near_urls()) {
            prop_assert_eq!(simple(&s), simple_plain(&s), "{}", s);
            if let Some(fast) = simple(&s) {
                let u = url::Url::parse(&s);
                prop_assert!(u.is_ok(), "{s}: {u:?}");
                let u = u.unwrap();
                prop_assert_eq!(u.scheme(), if fast.https { "https" } else { "http" });
                prop_assert_eq!(u.host_str().map(str::to_ascii_lowercase), Some(fast.host.to_ascii_lowercase()));
                let loopback = u.host().is_some_and(|h| url_loopback(&h));
                prop_assert_eq!(loopback, simple_loopback(fast.host), "{}", s);
            }
        }
    }
}
