//! The CLI's file readers (JSON, XML, .env, .properties, text): never panic; every position
//! they map back to lies inside the file, in order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zoomconn::sources::{self, Kind, Options};

fuzz_target!(|s: &str| {
    let options = Options::default();
    let all = Options { vars: vec!["ZOOM".into(), "Zoom".into(), "zoom.url".into()], json_pointer: None };
    for kind in [Kind::Text, Kind::Env, Kind::Properties, Kind::Json, Kind::Xml] {
        for opts in [&options, &all] {
            let Ok(found) = sources::find(s, kind, opts) else { continue };
            for f in found {
                let text = f.text();
                let whole = f.file_range(0..text.len());
                assert!(whole.start <= whole.end && whole.end <= s.len(), "{kind:?} {whole:?}");
                let mut last = whole.start;
                for (i, _) in text.char_indices() {
                    let r = f.file_range(i..i);
                    assert!(r.start >= last && r.start <= s.len(), "{kind:?} offset {i} -> {r:?}");
                    assert!(s.is_char_boundary(r.start));
                    last = r.start;
                }
                let report = zoomconn::validate(text);
                for finding in &report {
                    let r = f.file_range(finding.span());
                    assert!(r.end <= s.len());
                }
            }
        }
    }
});
