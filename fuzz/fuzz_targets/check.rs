//! `check` target, any bytes: `check_bytes` never panics, and neither does
//! rendering its diagnostics for people or as the JSON report.
//! The property lives in `fuzz/properties.rs`, shared with
//! `tests/fuzz_regressions.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../properties.rs"]
mod properties;

fuzz_target!(|data: &[u8]| properties::check(data));
