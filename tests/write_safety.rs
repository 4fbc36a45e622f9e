//! File safety: what `fmt`, `build -o` and `check --fix` promise about the
//! files they write, tested by racing them and killing them mid-write.

use std::process::Command;
use std::time::Duration;

use canvasc::cli::write::{replace, write_atomically};

fn leftovers(directory: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(directory)
        .expect("listable")
        .flatten()
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| name.starts_with('.'))
        .collect()
}

#[test]
fn a_concurrent_edit_between_read_and_write_is_detected_and_kept() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let path = directory.path().join("a.canvas");
    std::fs::write(&path, "what canvasc read").expect("writable");
    // Someone saves the file after canvasc read it.
    std::fs::write(&path, "what the editor saved").expect("writable");
    let outcome = replace(&path, b"what canvasc read", b"formatted");
    assert!(outcome.is_err());
    assert_eq!(
        std::fs::read_to_string(&path).expect("readable"),
        "what the editor saved"
    );
    assert!(
        leftovers(directory.path()).is_empty(),
        "{:?}",
        leftovers(directory.path())
    );
}

#[test]
fn an_error_leaves_the_original_whole_and_no_temporary_file() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let missing_directory = directory.path().join("gone").join("a.canvas");
    assert!(replace(&missing_directory, b"", b"new").is_err());
    assert!(write_atomically(&missing_directory, b"new").is_err());
    assert!(leftovers(directory.path()).is_empty());
}

/// A large messy canvas, so formatting it takes long enough to be interrupted.
fn messy(blocks: usize) -> String {
    let mut source = String::from("canvas \"Big\"{currency EUR}\n");
    for index in 0..blocks {
        source.push_str(&format!(
            "segment s{index}{{type niche;need \"n{index}\" ;size {index}1}}\n"
        ));
    }
    source
}

#[test]
fn a_killed_fmt_leaves_every_file_old_or_new_never_truncated() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let path = directory.path().join("big.canvas");
    let old = messy(40_000);
    let new = canvasc::fmt::format_source(&old).expect("it parses");
    for attempt in 0..12u64 {
        std::fs::write(&path, &old).expect("writable");
        let mut child = Command::new(env!("CARGO_BIN_EXE_canvasc"))
            .args(["fmt", path.to_str().unwrap_or_default()])
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("runs");
        std::thread::sleep(Duration::from_millis(attempt * 40));
        let _ = child.kill();
        let _ = child.wait();
        let now = std::fs::read_to_string(&path).expect("readable");
        assert!(
            now == old || now == new,
            "attempt {attempt}: the file is neither old nor new ({} bytes)",
            now.len()
        );
    }
}
