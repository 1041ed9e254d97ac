//! Property tests (proptest) of the round-trip guarantees and the no-panic promise.

use proptest::prelude::*;
use zoomconn::{Config, ConnectionString, Syntax, Tokenizer, write_pairs};

/// Strings made of the characters the grammar cares about.
fn grammar_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("(?s)[ab;=' \"{}\\t\\n\\x00\\x01\\x0b\\u{85}\\u{a0}üẞß]{0,40}")
        .unwrap()
}

/// Keys and values over an adversarial alphabet.
fn adversarial() -> impl Strategy<Value = String> {
    proptest::string::string_regex("(?s)[ab;=' \"{}\\t\\n\\r\\x00\\x01\\u{85}\\u{a0}ü]{0,8}")
        .unwrap()
}

fn syntax() -> impl Strategy<Value = Syntax> {
    prop_oneof![Just(Syntax::Ado), Just(Syntax::Odbc)]
}

fn entries(cs: &ConnectionString) -> Vec<(String, String)> {
    cs.iter()
        .map(|(k, v)| (k.to_lowercase(), v.to_owned()))
        .collect()
}

/// The map a list of pairs describes: last wins, first spelling and position kept.
fn expected_map(pairs: &[(String, String)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (k, v) in pairs {
        match out
            .iter_mut()
            .find(|(k2, _)| zoomconn::ConnectionString::keys_match(k2, k))
        {
            Some(slot) => slot.1 = v.clone(),
            None => out.push((k.clone(), v.clone())),
        }
    }
    out.into_iter()
        .map(|(k, v)| (k.to_lowercase(), v))
        .collect()
}

/// Can this key be written (`docs/canonical-form.md`)?
fn key_writable(k: &str, syntax: Syntax) -> bool {
    !k.is_empty()
        && !k.starts_with(char::is_whitespace)
        && !k.ends_with(char::is_whitespace)
        && !k.starts_with(';')
        && !k.chars().any(char::is_control)
        && (syntax != Syntax::Odbc || !k.contains('='))
}

/// The text of each segment from key to value, and the separators around them.
fn layout(cs: &ConnectionString) -> (Vec<String>, Vec<String>) {
    let src = cs.as_str();
    let mut segs = Vec::new();
    let mut gaps = Vec::new();
    let mut at = 0;
    for seg in cs.segments() {
        let end = seg.value_span().end.max(seg.key_span().end);
        gaps.push(src[at..seg.key_span().start].to_owned());
        segs.push(src[seg.key_span().start..end].to_owned());
        at = end;
    }
    gaps.push(src[at..].to_owned());
    (segs, gaps)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn lossless_print(s in grammar_text(), syntax in syntax()) {
        if let Ok(cs) = ConnectionString::parse_with(&s, syntax) {
            prop_assert_eq!(cs.to_string(), s);
        }
    }

    #[test]
    fn canonical_round_trip_and_idempotence(s in grammar_text(), syntax in syntax()) {
        if let Ok(cs) = ConnectionString::parse_with(&s, syntax) {
            let canon = cs.to_canonical_string();
            let again = ConnectionString::parse_with(&canon, syntax).expect("canonical form parses");
            prop_assert_eq!(entries(&again), entries(&cs));
            prop_assert_eq!(again.to_canonical_string(), canon);
        }
    }

    #[test]
    fn written_pairs_read_back_or_are_rejected(pairs in proptest::collection::vec((adversarial(), adversarial()), 0..5), syntax in syntax()) {
        match write_pairs(pairs.iter().map(|(k, v)| (k, v)), syntax) {
            Ok(text) => {
                let cs = ConnectionString::parse_with(&text, syntax).expect("written text parses");
                prop_assert_eq!(entries(&cs), expected_map(&pairs));
            }
            Err(e) => {
                let (k, v) = &pairs[e.index()];
                // Only unwritable keys or values may be refused.
                let refusable = !key_writable(k, syntax) || v.contains('\0') || syntax == Syntax::Odbc;
                prop_assert!(refusable, "refused {:?}={:?}", k, v);
            }
        }
    }

    #[test]
    fn edits_touch_only_their_segment(s in grammar_text(), k in "[ab]{1,2}", v in adversarial()) {
        if let Ok(mut cs) = ConnectionString::parse(&s) {
            let before = cs.clone();
            match cs.set(&k, &v) {
                Ok(()) => {
                    prop_assert_eq!(cs.get(&k), Some(v.as_str()));
                    for (key, value) in before.iter().filter(|(key, _)| !zoomconn::ConnectionString::keys_match(key, &k)) {
                        prop_assert_eq!(cs.get(key), Some(value));
                    }
                    // Every other segment, and every separator, is byte-exact.
                    let (old_segs, old_gaps) = layout(&before);
                    let (new_segs, new_gaps) = layout(&cs);
                    let edited = before.segments().collect::<Vec<_>>().iter().rposition(|s| zoomconn::ConnectionString::keys_match(s.key(), &k));
                    let replaced = edited.filter(|&i| before.segments().nth(i).is_some_and(|s| s.value().is_some()));
                    match replaced {
                        Some(i) => {
                            prop_assert_eq!(old_segs.len(), new_segs.len());
                            for (j, (a, b)) in old_segs.iter().zip(&new_segs).enumerate() {
                                if j != i {
                                    prop_assert_eq!(a, b);
                                }
                            }
                            prop_assert_eq!(old_gaps, new_gaps);
                        }
                        None => {
                            prop_assert_eq!(&new_segs[..old_segs.len()], &old_segs[..]);
                            prop_assert_eq!(new_segs.len(), old_segs.len() + 1);
                        }
                    }
                }
                Err(_) => prop_assert!(v.contains('\0')),
            }
            let mut removed = cs.clone();
            removed.remove(&k);
            prop_assert_eq!(removed.get(&k), None);
            prop_assert_eq!(removed.len(), cs.len() - usize::from(cs.contains_key(&k)));
        }
    }

    #[test]
    fn arbitrary_input_never_panics(s in any::<String>(), g in grammar_text()) {
        for input in [&s, &g] {
            for syntax in [Syntax::Ado, Syntax::Odbc] {
                let _ = Tokenizer::with_syntax(input, syntax).count();
                if let Ok(cs) = ConnectionString::parse_with(input, syntax) {
                    let _ = (cs.redacted(), format!("{cs:?}"), cs.to_canonical_string());
                }
            }
            let report = zoomconn::validate(input);
            for f in &report {
                prop_assert!(f.span().end <= input.len() && input.is_char_boundary(f.span().start) && input.is_char_boundary(f.span().end));
            }
            for span in report.secret_spans() {
                prop_assert!(span.end <= input.len());
            }
            let _ = Config::parse(input);
        }
    }

    #[test]
    fn builder_round_trip(
        id in "[A-Za-z0-9]{1,20}",
        secret in "[!-~][ -~]{0,29}",
        port in 1u16..,
        scope in "[a-z: ]{0,30}",
        extra in "[A-Za-z]{1,8}",
        extra_value in "[ -~]{0,12}",
        flow in 0..3u8,
    ) {
        let builder = Config::builder()
            .profile("Zoom.apip")
            .auth_scheme(zoomconn::AuthScheme::OAuth)
            .oauth_client_id(id)
            .oauth_client_secret(secret)
            .callback_url(format!("http://localhost:{port}/cb"))
            .scope(scope)
            .property(format!("X{extra}"), extra_value);
        let builder = match flow {
            0 => builder.initiate_oauth(zoomconn::InitiateOAuth::GetAndRefresh),
            1 => builder.initiate_oauth(zoomconn::InitiateOAuth::Refresh).oauth_refresh_token("r"),
            _ => builder.oauth_access_token("t"),
        };
        let cfg = builder.build().expect("valid config");
        let again = Config::parse(&cfg.to_string()).expect("canonical form parses");
        prop_assert_eq!(&again, &cfg);
        prop_assert_eq!(again.to_string(), cfg.to_string());
    }
}
