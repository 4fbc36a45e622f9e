//! `build_outputs` target, any UTF-8 that checks without errors: the SVG is
//! well-formed XML, the HTML runs no script, and neither holds a raw control
//! character other than line feed, tab and carriage return.
//! The property lives in `fuzz/properties.rs`, shared with
//! `tests/fuzz_regressions.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../properties.rs"]
mod properties;

fuzz_target!(|source: &str| properties::build_outputs(source));
