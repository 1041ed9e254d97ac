//! Every file reader (text, .env, .properties, .prp, JSON, XML, YAML, INI, ODBC, code), on
//! inputs up to 1 MiB: no panic; every decoded offset maps into the file, in order, on a char
//! boundary; findings and secret spans map into the file; an edit that puts a string's own
//! text back gives the file unchanged, and any accepted edit reads back as asked.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zoomconn_sources::{self as sources, Kind, Options};

fuzz_target!(|data: &[u8]| {
    // The bytes as a file: decoding (BOM, UTF-16, declared encodings) included.
    let Ok(file) = sources::decode(data.to_vec()) else { return };
    let s = file.text();
    let picked = Options::new().var("ZOOM").var("Zoom").var("zoom.url");
    for &kind in Kind::ALL {
        for opts in [&Options::default(), &picked] {
            let Ok(found) = sources::find(s, kind, opts) else { continue };
            for f in found {
                let f = &f;
                let text = f.text();
                let whole = f.span();
                assert!(whole.start <= whole.end && whole.end <= s.len(), "{kind:?} {whole:?}");
                let mut last = whole.start;
                for (i, _) in text.char_indices() {
                    let r = f.file_range(i..i);
                    assert!(r.start >= last && r.start <= s.len(), "{kind:?} offset {i} -> {r:?}");
                    assert!(s.is_char_boundary(r.start), "{kind:?} {r:?}");
                    last = r.start;
                }
                let checked = f.validate();
                for finding in checked.findings() {
                    let r = f.file_range(checked.span(finding));
                    assert!(r.end <= s.len());
                }
                for span in checked.secret_spans() {
                    assert!(f.file_range(span).end <= s.len());
                }
                // `edit` reads its result again and refuses what does not read back; here it
                // must not panic, and what it accepts keeps the bytes around the string.
                for new in [text.to_owned(), format!("{text}Timeout=5;")] {
                    if let Ok(edited) = sources::edit(s, f, &new) {
                        assert!(edited.starts_with(&s[..whole.start]), "{kind:?}");
                        assert!(edited.ends_with(&s[whole.end..]), "{kind:?}");
                    }
                }
            }
        }
    }
});
