//! The library's integration tests, one binary: each module is a table of input → expected
//! output for one concern (`cargo test --test it <module>` runs one).

#[path = "../audit/mod.rs"]
mod audit;
#[path = "../util/mod.rs"]
mod util;

mod autotraits;
mod casefold;
mod config_api;
mod config_view;
mod conformance;
mod docs;
mod edit;
mod error_display;
mod fuzz_regressions;
mod hostile;
mod layering;
mod parse_errors;
mod properties;
mod readme;
mod registry;
mod rules;
mod secret_audit;
mod serde;
