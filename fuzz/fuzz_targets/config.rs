//! `Config::parse` and `validate`: never panic; finding and secret spans lie inside the input
//! on char boundaries; a valid config's canonical form parses back to an equal config and is
//! idempotent.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zoomconn::Config;

fuzz_target!(|s: &str| {
    let report = zoomconn::validate(s);
    for f in &report {
        let span = f.span();
        assert!(span.start <= span.end && span.end <= s.len(), "{span:?}");
        assert!(s.is_char_boundary(span.start) && s.is_char_boundary(span.end));
        if let Some(r) = f.related_span() {
            assert!(r.end <= s.len() && s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
        }
    }
    for span in report.secret_spans() {
        assert!(span.start <= span.end && span.end <= s.len(), "{span:?}");
    }
    match Config::parse(s) {
        Ok(cfg) => {
            assert!(!report.has_errors());
            let text = cfg.to_string();
            let again = Config::parse(&text).expect("canonical form of a valid config parses");
            assert_eq!(again, cfg);
            assert_eq!(again.to_string(), text);
            let _ = (cfg.redacted(), format!("{cfg:?}"));
        }
        Err(e) => {
            assert!(report.has_errors());
            assert!(e.span().end <= s.len());
        }
    }
});
