//! The tokenizer in both syntaxes: never panics; every segment's spans lie inside the input,
//! on char boundaries, in order; the key and value spans slice what the segment reports.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zoomconn::{Syntax, Tokenizer};

fuzz_target!(|s: &str| {
    for syntax in [Syntax::Ado, Syntax::Odbc] {
        let mut last_end = 0;
        for seg in Tokenizer::with_syntax(s, syntax) {
            let seg = match seg {
                Ok(seg) => seg,
                Err(e) => {
                    assert!(e.offset() <= s.len() && s.is_char_boundary(e.offset()));
                    assert!(e.span().end <= s.len());
                    break;
                }
            };
            for span in [seg.span(), seg.key_span(), seg.value_span(), seg.full_span()] {
                assert!(span.start <= span.end && span.end <= s.len(), "{span:?}");
                assert!(s.is_char_boundary(span.start) && s.is_char_boundary(span.end));
            }
            assert!(seg.full_span().start == last_end, "segments are contiguous");
            last_end = seg.full_span().end;
            assert!(!seg.key().is_empty());
            if seg.quote().is_none() {
                if let Some(v) = seg.value() {
                    assert_eq!(v, &s[seg.value_span()]);
                }
            }
        }
    }
});
