//! Inputs the fuzzers found in the readers, kept as regression tests: each must run through
//! the same checks as its fuzz target without a panic.

fn inputs(prefix: &str) -> Vec<(String, Vec<u8>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/fuzz");
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    out.sort();
    out
}

/// A `.properties` escape (`\` and a two-byte char) at the very end of the file made the
/// reader slice inside the char.
#[test]
fn sources_inputs() {
    use zoomconn_sources::{self as sources, Kind, Options};
    let found = inputs("sources-");
    assert!(!found.is_empty());
    for (name, bytes) in found {
        let s = String::from_utf8_lossy(&bytes);
        for &kind in Kind::ALL {
            let all = Options::new().var("x");
            for opts in [&Options::default(), &all] {
                let Ok(found) = sources::find(&s, kind, opts) else {
                    continue;
                };
                for f in found {
                    let r = f.file_range(0..f.text().len());
                    assert!(
                        r.end <= s.len() && s.is_char_boundary(r.start),
                        "{name} {kind:?}"
                    );
                }
            }
        }
    }
    // The smallest form of it.
    let _ = sources::find("k=\\\u{72c}", Kind::Properties, &Options::default());
    let _ = sources::find("k\\\u{72c}", Kind::Properties, &Options::default());
}

/// A string read under a secret name (`CLIENT_SECRET=…`, `oauth client secret=…`, a piece of a
/// line that continues `APIToken='…`) is withheld whole: no message or help of any finding shows a piece of it, whatever names the finding
/// quotes (an empty value's key, a key with `;`, the value a property is glued into).
#[test]
fn withheld_strings_show_nothing_in_messages() {
    use zoomconn_sources::{self as sources, Kind, Options};
    const CANARY: &str = "Qz9CANARYleak";
    let rows = [
        (
            Kind::Env,
            format!("CLIENT_SECRET=a;{CANARY}=;Profile=Zoom.apip\n"),
        ),
        (
            Kind::Env,
            format!("CLIENT_SECRET=a;{CANARY};x=1;Profile=Zoom.apip\n"),
        ),
        (
            Kind::Env,
            format!("CLIENT_SECRET={CANARY}=1;{CANARY}=2;Profile=Zoom.apip\n"),
        ),
        (
            Kind::Env,
            format!("CLIENT_SECRET={CANARY}=a Timeout=5;Profile=Zoom.apip\n"),
        ),
        (
            Kind::Ini,
            format!("oauth client secret=a;{CANARY}=;Profile=Zoom.apip\n"),
        ),
        // A piece of a line read from its first key, inside a secret's quoted value.
        (
            Kind::Code,
            format!(
                "ZOOM=APIToken='ikprofileey1{CANARY}';Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t0k;\n"
            ),
        ),
    ];
    for (kind, file) in rows {
        let found: Vec<_> = sources::find(&file, kind, &Options::default())
            .unwrap()
            .collect();
        assert!(!found.is_empty(), "{kind:?} {file:?}");
        for f in &found {
            let checked = f.validate();
            assert!(checked.is_withheld(), "{file:?}");
            assert!(checked.findings().next().is_some(), "{file:?}");
            for finding in checked.findings() {
                let shown = format!("{} {:?}", checked.message(finding), checked.help(finding));
                assert!(!shown.contains(CANARY), "{file:?}: {shown}");
            }
        }
    }
    // A whole line read as the string: the secret policy masks what follows the secret's name
    // (the line is not withheld, its findings quote nothing of the secret).
    let file = format!(
        "password: \"x_profile_{CANARY}\";Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t0k;\n"
    );
    let found: Vec<_> = sources::find(&file, Kind::Code, &Options::default())
        .unwrap()
        .collect();
    assert!(!found.is_empty());
    for f in &found {
        let checked = f.validate();
        for finding in checked.findings() {
            let shown = format!("{} {:?}", checked.message(finding), checked.help(finding));
            assert!(!shown.contains(CANARY), "{shown}");
        }
    }
}
