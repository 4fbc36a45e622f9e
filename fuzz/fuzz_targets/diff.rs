//! `diff` target, any UTF-8: a canvas compared with itself has no changes,
//! and no diagnostic is introduced or resolved.
//! The property lives in `fuzz/properties.rs`, shared with
//! `tests/fuzz_regressions.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../properties.rs"]
mod properties;

fuzz_target!(|source: &str| properties::diff(source));
