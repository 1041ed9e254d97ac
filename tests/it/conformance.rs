//! .NET conformance: every vector recorded from `DbConnectionStringBuilder`
//! (`tests/data/parse.jsonl`, `tests/data/build.jsonl`, copied from the project's shared
//! conformance data) in both syntaxes.

use std::collections::BTreeMap;

use serde_json::Value;
use zoomconn::{ConnectionString, Syntax, write_pairs};

fn vectors(file: &str) -> Vec<Value> {
    let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn syntaxes() -> [(&'static str, Syntax); 2] {
    [("ado", Syntax::Ado), ("odbc", Syntax::Odbc)]
}

/// Effective entries as a map with lowercased keys (how .NET reports them).
fn as_map(cs: &ConnectionString) -> BTreeMap<String, String> {
    cs.iter()
        .map(|(k, v)| (k.to_lowercase(), v.to_owned()))
        .collect()
}

#[test]
fn parse_vectors_match_dotnet() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for v in vectors("parse.jsonl") {
        if v["runtime_specific"] == true {
            continue;
        }
        let input = v["input"].as_str().unwrap();
        for (name, syntax) in syntaxes() {
            let expected = &v[name];
            let got = ConnectionString::parse_with(input, syntax);
            checked += 1;
            let problem = match (expected["ok"].as_bool().unwrap(), &got) {
                (true, Ok(cs)) => {
                    let want: BTreeMap<String, String> = expected["pairs"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|p| {
                            (
                                p[0].as_str().unwrap().to_lowercase(),
                                p[1].as_str().unwrap().to_owned(),
                            )
                        })
                        .collect();
                    (as_map(cs) != want).then(|| format!("entries {:?} != {want:?}", as_map(cs)))
                }
                (true, Err(e)) => Some(format!("unexpected error {e:?}")),
                (false, Ok(cs)) => Some(format!("expected an error, got {:?}", as_map(cs))),
                (false, Err(e)) => {
                    let kind = expected["kind"].as_str().unwrap();
                    let want_kind = if e.kind().is_invalid_key() {
                        "invalid-key"
                    } else {
                        "syntax"
                    };
                    if kind != want_kind {
                        Some(format!("kind {want_kind} != {kind}"))
                    } else {
                        match expected.get("byte_offset").and_then(Value::as_u64) {
                            Some(off) if off as usize != e.offset() => {
                                Some(format!("offset {} != {off} ({e})", e.offset()))
                            }
                            _ => None,
                        }
                    }
                }
            };
            if let Some(p) = problem {
                failures.push(format!("{} [{name}] {input:?}: {p}", v["id"]));
            }
        }
    }
    assert!(checked > 1600, "only {checked} checks ran");
    assert!(
        failures.is_empty(),
        "{} of {checked} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn build_vectors_round_trip_through_our_writer() {
    let mut failures = Vec::new();
    let mut written = 0;
    for v in vectors("build.jsonl") {
        let pairs: Vec<(String, String)> = v["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p[0].as_str().unwrap().to_owned(),
                    p[1].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        // The map the pairs describe: last wins, keys ignoring case.
        let mut want: Vec<(String, String)> = Vec::new();
        for (k, val) in &pairs {
            match want
                .iter_mut()
                .find(|(k2, _)| zoomconn::ConnectionString::keys_match(k2, k))
            {
                Some(slot) => slot.1 = val.clone(),
                None => want.push((k.clone(), val.clone())),
            }
        }
        let want: BTreeMap<String, String> = want
            .into_iter()
            .map(|(k, v)| (k.to_lowercase(), v))
            .collect();
        for (name, syntax) in syntaxes() {
            let expected = &v[name];
            let ours = write_pairs(pairs.iter().map(|(k, v)| (k, v)), syntax);
            let id = &v["id"];
            if expected["ok"] == false {
                // .NET rejects the pair: so must we, at the same index.
                let failed = expected["failed_pair"].as_u64().unwrap() as usize;
                match ours {
                    Err(e) if e.index() == failed => {}
                    other => failures.push(format!(
                        "{id} [{name}]: expected rejection of pair {failed}, got {other:?}"
                    )),
                }
                continue;
            }
            // What .NET wrote, read by our parser.
            let dotnet = expected["dotnet_canonical"].as_str().unwrap();
            let dotnet_map = ConnectionString::parse_with(dotnet, syntax).map(|cs| as_map(&cs));
            let dotnet_exact = dotnet_map.as_ref().is_ok_and(|m| *m == want);
            match ours {
                Ok(text) => {
                    written += 1;
                    match ConnectionString::parse_with(&text, syntax) {
                        Ok(cs) if as_map(&cs) == want => {
                            // Canonical form is idempotent.
                            let canon = cs.to_canonical_string();
                            let again = ConnectionString::parse_with(&canon, syntax)
                                .map(|c| c.to_canonical_string());
                            if again.as_deref() != Ok(canon.as_str()) {
                                failures.push(format!("{id} [{name}]: not idempotent: {text:?}"));
                            }
                        }
                        other => failures
                            .push(format!("{id} [{name}]: {text:?} reads back as {other:?}")),
                    }
                }
                // We may refuse only what .NET itself cannot write losslessly (ODBC values
                // that would gain braces, the empty value in ODBC).
                Err(e) => {
                    if dotnet_exact || syntax == Syntax::Ado {
                        failures.push(format!(
                            "{id} [{name}]: we rejected {e} that .NET writes as {dotnet:?}"
                        ));
                    }
                }
            }
        }
    }
    assert!(written > 400, "only {written} strings written");
    assert!(
        failures.is_empty(),
        "{}:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The `runtime_specific` vectors (non-ASCII case folding, where .NET runtimes have differed)
/// as the recording runtime gave them: keys compare as `OrdinalIgnoreCase` does (`İ` ≠ `i`,
/// the Kelvin sign ≠ `k`), so each is checked on its own here.
#[test]
fn runtime_specific_vectors_match_ordinal_ignore_case() {
    let mut checked = 0;
    for v in vectors("parse.jsonl") {
        if v["runtime_specific"] != true {
            continue;
        }
        let input = v["input"].as_str().unwrap();
        for (name, syntax) in syntaxes() {
            let expected = &v[name];
            let cs = ConnectionString::parse_with(input, syntax).unwrap();
            let got: Vec<String> = cs.iter().map(|(_, v)| v.to_owned()).collect();
            let want: Vec<String> = expected["pairs"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p[1].as_str().unwrap().to_owned())
                .collect();
            assert_eq!(got, want, "{} [{name}] {input:?}", v["id"]);
            for p in expected["pairs"].as_array().unwrap() {
                let key = p[0].as_str().unwrap();
                assert_eq!(cs.get(key), p[1].as_str(), "{} {key:?}", v["id"]);
            }
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} checks ran");
}
