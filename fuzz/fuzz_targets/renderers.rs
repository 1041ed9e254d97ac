//! The CLI's renderers as library code (human snippets in colour and plain, short, GitHub,
//! JSON, SARIF, `find` lines, the `fmt --check` diff), on inputs up to 1 MiB read as every
//! kind: no panic, snippets within their width, and a canary secret placed in the input in no
//! output.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zoomconn_cli::render::{self, Diagnostic, FindingSite, Listing, Masks, SNIPPET_WIDTH, SarifWriter, Shown};
use zoomconn_sources::{self as sources, Kind, LineIndex, Options};

const CANARY: &str = "Qz8CANARYsecretQz8";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The input, then a CData string holding the canary as a secret value.
    let s = format!("{text}\nZOOM=\"Profile=Zoom.apip;OAuthClientSecret={CANARY};AuthScheme=x\"\n");
    let lines = LineIndex::new(&s);
    let mut sarif = SarifWriter::new(Vec::new()).unwrap();
    let mut outputs = Vec::new();
    for &kind in Kind::ALL {
        let found = match sources::find(&s, kind, &Options::default()) {
            Ok(f) => f,
            Err(e) => {
                let d = Diagnostic::from_error("f", &e);
                outputs.push(render::human(&d, false));
                sarif.result(&d, 0).unwrap();
                continue;
            }
        };
        for f in found {
            let f = &f;
            let listing = Listing::new("f", f);
            outputs.push(render::found_json(&listing));
            outputs.push(render::found_human(&listing));
            if let Ok(cs) = zoomconn::ConnectionString::parse_with(f.body(), f.syntax()) {
                let new = cs.to_canonical_string();
                outputs.push(render::diff_found(&Shown::new("f"), f, &new));
            }
            let checked = f.validate();
            let masks = Masks::new(f, &checked);
            for finding in checked.findings() {
                let d = Diagnostic::from_finding(FindingSite {
                    path: "f",
                    source: &s,
                    lines: &lines,
                    found: f,
                    checked: &checked,
                    masks: &masks,
                    finding,
                });
                if let Some(snippet) = &d.snippet {
                    // Each char of the window is shown as at most 8 (`\u{2069}`).
                    let text = snippet.text.as_str();
                    assert!(text.chars().count() <= (SNIPPET_WIDTH + 2) * 8);
                    assert!(text.is_char_boundary(snippet.span.start));
                    assert!(text.is_char_boundary(snippet.span.end));
                }
                outputs.push(render::human(&d, false));
                outputs.push(render::human(&d, true));
                outputs.push(render::short(&d));
                outputs.push(render::github(&d));
                outputs.push(render::json(&d, 0));
                sarif.result(&d, 0).unwrap();
            }
        }
    }
    outputs.push(String::from_utf8(sarif.finish().unwrap()).unwrap());
    for o in &outputs {
        // The canary is written by this target, so only a leak can print it — unless the
        // fuzzer's own text already holds it.
        if !text.contains(CANARY) {
            assert!(!o.contains(CANARY), "{o}");
        }
    }
});
