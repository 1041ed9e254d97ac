//! The grammar's driver (its fast paths and its general path) and the map's fold against the
//! reference tokenizer, the grammar of `docs/grammar.md` read one char at a time: the same segments with the same spans
//! or the same error at the same offset, and the same entries, in both syntaxes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zoomconn::Syntax;

fuzz_target!(|s: &str| {
    for syntax in [Syntax::Ado, Syntax::Odbc] {
        assert!(
            zoomconn::fuzzing::agrees_with_reference(s, syntax),
            "the driver disagrees with the reference ({syntax:?})"
        );
    }
});
