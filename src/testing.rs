//! Hooks for canvasc's own tests, benchmarks, fuzzers and examples: the
//! stages one at a time, and the limits they test against. Not part of the
//! library's promise, and hidden from its documentation.

#[cfg(feature = "cli")]
pub use crate::cli::write::{replace, write_atomically};
pub use crate::limits::{too_large, MAX_DIAGNOSTICS_PER_FILE, MAX_FILE_SIZE, PARSER_CALLS_PER_BYTE};
pub use crate::lines::{LineIndex, Position};
#[cfg(feature = "cli")]
pub use crate::lsp::exercise;
pub use crate::rules::run as run_rules;
pub use crate::syntax::{comment_spans, parse, parse_into, recognise, Atom, Item, ItemSink, SourceFile, Statement};
