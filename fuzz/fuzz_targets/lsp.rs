//! `lsp` target, any bytes: the language server's framing, JSON and every
//! request on whatever documents the bytes open, after an `initialize`.
//! The property lives in `fuzz/properties.rs`, shared with
//! `tests/fuzz_regressions.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../properties.rs"]
mod properties;

fuzz_target!(|data: &[u8]| properties::lsp(data));
