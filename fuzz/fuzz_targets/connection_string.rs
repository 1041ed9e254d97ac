//! `ConnectionString`: the lossless print equals the input; every value reads the same by key
//! as by the iterator; the canonical form reads back to the same entries and is idempotent; an
//! edit keeps the other entries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zoomconn::{ConnectionString, Syntax};

fn entries(cs: &ConnectionString) -> Vec<(String, String)> {
    cs.iter().map(|(k, v)| (k.to_lowercase(), v.to_owned())).collect()
}

fuzz_target!(|s: &str| {
    for syntax in [Syntax::Ado, Syntax::Odbc] {
        let Ok(cs) = ConnectionString::parse_with(s, syntax) else { continue };
        assert_eq!(cs.to_string(), s, "lossless print");
        // Values read the same by key as by the iterator, whichever decodes them first.
        let fresh = cs.clone();
        for (key, value) in cs.iter() {
            assert_eq!(fresh.get(key), Some(value), "get agrees with iter");
        }
        let canon = cs.to_canonical_string();
        let again = ConnectionString::parse_with(&canon, syntax).expect("canonical form parses");
        assert_eq!(entries(&again), entries(&cs), "canonical round trip");
        assert_eq!(again.to_canonical_string(), canon, "canonical idempotence");
        let _ = (cs.redacted(), format!("{cs:?}"));
        if let Some((key, _)) = cs.iter().next() {
            let key = key.to_owned();
            let mut edited = cs.clone();
            edited.set(&key, "edited value").expect("a parsed key can be set");
            assert_eq!(edited.get(&key), Some("edited value"));
            assert_eq!(edited.len(), cs.len());
            edited.remove(&key);
            assert_eq!(edited.get(&key), None);
        }
    }
});
