//! Replays the inputs the fuzzers found (`fuzz/`, see `fuzz/README.md`).
//!
//! Each file in `tests/fuzz/` is named `fuzz-<target>-<n>.canvas` (or `.bin`
//! when it is not UTF-8) after the fuzz target that found it, and goes through
//! the same property as that target (`fuzz/properties.rs`, shared with the
//! fuzz targets). Every file also goes through the properties of the other
//! targets: none of them may fail on any input.
//!
//! A crash is added here together with its fix: an ignored test proves
//! nothing, so there is no waiting room for unfixed inputs.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

#[path = "../fuzz/properties.rs"]
mod properties;

const TARGETS: &[&str] = &["check", "fmt", "build_outputs", "diff", "lsp"];

fn inputs(folder: &str) -> Vec<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz").join(folder);
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.expect("a readable directory entry").path())
        .filter(|path| path.is_file() && matches!(path.extension().and_then(|e| e.to_str()), Some("canvas" | "bin")))
        .collect();
    files.sort();
    files
}

/// The target named in `fuzz-<target>-<n>.<ext>`.
fn target_of(path: &Path) -> &str {
    let stem = path.file_stem().and_then(|s| s.to_str()).expect("a UTF-8 file name");
    let target = stem
        .strip_prefix("fuzz-")
        .and_then(|rest| rest.rsplit_once('-'))
        .map(|(target, _)| target)
        .unwrap_or_else(|| panic!("{}: not named fuzz-<target>-<n>", path.display()));
    assert!(
        TARGETS.contains(&target),
        "{}: unknown fuzz target {target:?}",
        path.display()
    );
    target
}

/// What a `&str` fuzz target is given: libfuzzer-sys passes the longest valid
/// UTF-8 prefix of the bytes (`arbitrary`'s `&str::arbitrary_take_rest`).
fn text(bytes: &[u8]) -> &str {
    match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => std::str::from_utf8(&bytes[..error.valid_up_to()]).expect("a valid prefix"),
    }
}

fn run(target: &str, bytes: &[u8]) {
    match target {
        "check" => properties::check(bytes),
        "fmt" => properties::fmt(text(bytes)),
        "build_outputs" => properties::build_outputs(text(bytes)),
        "diff" => properties::diff(text(bytes)),
        "lsp" => properties::lsp(bytes),
        _ => unreachable!("checked by target_of"),
    }
}

/// Runs every property on every input of `folder`; returns the failures.
fn replay(folder: &str) -> (usize, Vec<String>) {
    let files = inputs(folder);
    let mut failures = Vec::new();
    for path in &files {
        let found_by = target_of(path);
        let bytes = std::fs::read(path).expect("a readable input");
        // The target that found it first, then the others.
        let order = std::iter::once(found_by).chain(TARGETS.iter().copied().filter(|t| *t != found_by));
        for target in order {
            if catch_unwind(AssertUnwindSafe(|| run(target, &bytes))).is_err() {
                failures.push(format!("{} fails the `{target}` property", path.display()));
            }
        }
    }
    (files.len(), failures)
}

#[test]
fn fuzz_inputs_keep_every_property() {
    let (count, failures) = replay("");
    assert!(
        failures.is_empty(),
        "{} of {count} inputs fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
