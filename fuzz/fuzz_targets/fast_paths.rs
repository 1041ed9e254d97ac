//! The fast paths (the tokenizer's plain, quoted and null segments, `parse_with`'s register
//! loop and its inlined map update) against the general path alone: the same segments or
//! error, the same entries or error, in both syntaxes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zoomconn::Syntax;

fuzz_target!(|s: &str| {
    for syntax in [Syntax::Ado, Syntax::Odbc] {
        assert!(
            zoomconn::fuzzing::fast_paths_agree(s, syntax),
            "fast paths disagree with the general path ({syntax:?})"
        );
    }
});
