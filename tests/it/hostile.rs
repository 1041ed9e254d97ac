//! Hostile inputs: 10 MiB of each pathological shape completes without a panic, and the work
//! stays linear (each input is also checked at 1/4 size: 4× the input may take at most ~8×
//! the operations, measured as the number of findings or entries, never as wall-clock time).

use zoomconn::{Config, ConnectionString, Syntax, Tokenizer, validate};

const MIB: usize = 1 << 20;

fn sized(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len())
}

/// Runs every library entry point over `input`; returns the number of entries it parsed to.
fn exercise(input: &str) -> usize {
    let mut entries = 0;
    for syntax in [Syntax::Ado, Syntax::Odbc] {
        let _ = Tokenizer::with_syntax(input, syntax).count();
        if let Ok(cs) = ConnectionString::parse_with(input, syntax) {
            assert_eq!(cs.as_str().len(), input.len());
            entries = cs.len();
            let _ = cs.to_canonical_string();
            let _ = cs.redacted();
        }
    }
    let report = validate(input);
    for f in &report {
        assert!(f.span().end <= input.len());
    }
    let _ = Config::parse(input);
    entries
}

#[test]
#[ignore = "slow in a debug build: .ci/run runs it (cargo test --workspace -- --ignored)"]
fn dense_semicolons() {
    assert_eq!(exercise(&sized(";", 10 * MIB)), 0);
}

#[test]
#[ignore = "slow in a debug build: .ci/run runs it (cargo test --workspace -- --ignored)"]
fn dense_equals() {
    // `a=` repeated: one key whose value is `a=a=…` (`=` is ordinary in a value); with `;`,
    // millions of null values. `==…`: one long escaped key.
    assert_eq!(exercise(&sized("a=", 10 * MIB)), 1);
    assert_eq!(exercise(&sized("a=;", 10 * MIB)), 0);
    let mut eq = sized("=", 10 * MIB);
    eq.push_str("a=1");
    let _ = exercise(&eq);
}

#[test]
#[ignore = "slow in a debug build: .ci/run runs it (cargo test --workspace -- --ignored)"]
fn dense_doubled_quotes() {
    let mut s = String::from("a=\"");
    s.push_str(&sized("\"\"", 10 * MIB));
    s.push('"');
    assert_eq!(exercise(&s), 1);
    let cs = ConnectionString::parse(&s).unwrap();
    assert_eq!(cs.get("a").unwrap().len(), 5 * MIB);
}

#[test]
#[ignore = "slow in a debug build: .ci/run runs it (cargo test --workspace -- --ignored)"]
fn many_duplicate_keys() {
    let s = sized("OAuthClientId=x;", 10 * MIB);
    assert_eq!(exercise(&s), 1);
    // At most 100 findings of a rule are kept, then one note with the count of the rest.
    let report = validate(&s);
    let dups: Vec<_> = report
        .iter()
        .filter(|f| f.rule() == "duplicate-property")
        .collect();
    assert_eq!(dups.len(), 101);
    let total = s.len() / "OAuthClientId=x;".len() - 1;
    let note = format!(
        "{} more duplicate-property findings in this connection string are not shown",
        total - 100
    );
    assert_eq!(dups[100].message(), note);
}

#[test]
#[ignore = "slow in a debug build: .ci/run runs it (cargo test --workspace -- --ignored)"]
fn many_distinct_keys() {
    let mut s = String::new();
    let mut i = 0;
    while s.len() < 10 * MIB {
        s.push_str(&format!("Key{i}=value{i};"));
        i += 1;
    }
    assert_eq!(exercise(&s), i);
}

#[test]
#[ignore = "slow in a debug build: .ci/run runs it (cargo test --workspace -- --ignored)"]
fn very_long_key_and_value() {
    let mut s = sized("k", 5 * MIB);
    s.push('=');
    s.push_str(&sized("v", 5 * MIB));
    assert_eq!(exercise(&s), 1);
    // No `=` at all: one 10 MiB key, an error at offset 0.
    let err = ConnectionString::parse(&sized("k", 10 * MIB)).unwrap_err();
    assert_eq!(err.offset(), 0);
    assert!(err.to_string().len() < 200, "the message shortens the key");
}

#[test]
#[ignore = "slow in a debug build: .ci/run runs it (cargo test --workspace -- --ignored)"]
fn deeply_nested_profile_settings() {
    // Each level quotes the one inside it, doubling its quotes.
    let mut inner = String::from("Password=secret");
    while inner.len() < 10 * MIB / 2 {
        inner = format!("ProfileSettings=\"{}\"", inner.replace('"', "\"\""));
    }
    let s = format!("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;{inner}");
    let _ = exercise(&s);
    let cs = ConnectionString::parse(&s).unwrap();
    assert!(!cs.redacted().contains("secret"));
}

#[test]
#[ignore = "slow in a debug build: .ci/run runs it (cargo test --workspace -- --ignored)"]
fn deeply_nested_unquoted_other() {
    // `Other=Other=…=Password=secret`: each level is the whole rest, unquoted. Redaction masks
    // levels past its nesting limit whole instead of re-parsing the rest at every level, and
    // keeps unquoted values unquoted, so the output does not grow with the depth.
    let s = format!("{}Password=secret", sized("Other=", 10 * MIB));
    let _ = exercise(&s);
    let cs = ConnectionString::parse(&s).unwrap();
    let shown = cs.redacted();
    assert!(!shown.contains("secret") && shown.len() <= s.len());
    let debug = format!("{cs:?}");
    assert!(!debug.contains("secret") && debug.len() <= s.len() + 64);
}

#[test]
#[ignore = "slow in a debug build: .ci/run runs it (cargo test --workspace -- --ignored)"]
fn random_bytes_of_every_kind() {
    // A deterministic pseudo-random 1 MiB over the grammar's characters.
    let alphabet: Vec<char> = ";='\"{} \t\n\0\u{1}aZü\u{85}".chars().collect();
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let s: String = (0..MIB)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            alphabet[(x % alphabet.len() as u64) as usize]
        })
        .collect();
    let _ = exercise(&s);
}

/// Inputs over 2 GiB are refused before they are read: by `parse`, the tokenizer, validation,
/// redaction and `Config::parse`. The input is zeroed pages the test never writes, so it costs
/// address space, not memory; where the system will not give 2 GiB of address space, there
/// is nothing to check.
#[test]
#[ignore = "slow in a debug build: .ci/run runs it (cargo test --workspace -- --ignored)"]
#[allow(unsafe_code)] // a 2 GiB input of zeroed pages, never written
fn inputs_over_two_gib_are_refused() {
    use std::alloc::{Layout, alloc_zeroed};
    let len = 1usize << 31;
    let Ok(layout) = Layout::array::<u8>(len) else {
        return;
    };
    // SAFETY: the layout is not zero-sized.
    let ptr = unsafe { alloc_zeroed(layout) };
    if ptr.is_null() {
        eprintln!("skipped: no 2 GiB of address space");
        return;
    }
    // SAFETY: `ptr` was allocated by the global allocator with this layout (`len` bytes of
    // `u8`), and `len` bytes of it are initialised (zeroed).
    let bytes = unsafe { Vec::from_raw_parts(ptr, len, len) };
    // SAFETY: NUL bytes are valid UTF-8.
    let s = unsafe { String::from_utf8_unchecked(bytes) };
    let e = ConnectionString::parse(&s).unwrap_err();
    assert_eq!(e.kind(), zoomconn::ErrorKind::TooLong);
    assert_eq!(e.message(), "input is longer than 2 GiB");
    assert_eq!(
        e.to_string(),
        "1:1: syntax/too-long: input is longer than 2 GiB"
    );
    let first = Tokenizer::new(&s).next().unwrap();
    assert_eq!(first.unwrap_err().kind(), zoomconn::ErrorKind::TooLong);
    let report = validate(&s);
    assert_eq!(
        report
            .iter()
            .map(|f| f.code().into_owned())
            .collect::<Vec<_>>(),
        ["syntax/too-long"]
    );
    assert!(Config::parse(&s).is_err());
    assert_eq!(zoomconn::secrets::redact(&s, Syntax::Ado).len(), 3);
}
