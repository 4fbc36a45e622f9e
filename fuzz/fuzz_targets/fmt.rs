//! `fmt` target, any UTF-8: when the formatter accepts a source, formatting
//! is idempotent, keeps the model (its JSON) and keeps every comment's text.
//! The property lives in `fuzz/properties.rs`, shared with
//! `tests/fuzz_regressions.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../properties.rs"]
mod properties;

fuzz_target!(|source: &str| properties::fmt(source));
