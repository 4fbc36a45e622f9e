//! `check --format short`, through the binary: every `tests/short/*.canvas`
//! is checked with code-point columns and with byte columns, and standard
//! output (one line per diagnostic) and standard error (the summary) are
//! snapshotted together.

use std::process::Command;

fn check(path: &std::path::Path, columns: &str) -> (String, String, Option<i32>) {
    let directory = path.parent().expect("a folder");
    let name = path.file_name().expect("a file name");
    let output = Command::new(env!("CARGO_BIN_EXE_canvasc"))
        .current_dir(directory)
        .args(["check", "--format", "short", "--columns", columns])
        .arg(name)
        .env("NO_COLOR", "1")
        .output()
        .expect("canvasc runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code(),
    )
}

#[test]
fn short_lines_in_both_column_units() {
    insta::glob!("short/*.canvas", |path| {
        let (chars, summary, status) = check(path, "chars");
        let (bytes, bytes_summary, bytes_status) = check(path, "bytes");
        assert_eq!(summary, bytes_summary);
        assert_eq!(status, bytes_status);
        // One line per diagnostic of the library's check, nothing else.
        let source = std::fs::read(path).expect("readable");
        let checked = canvasc::check_bytes("x", source);
        assert_eq!(chars.lines().count(), checked.diagnostics.len(), "{chars}");
        insta::assert_snapshot!(format!(
            "---- --columns chars (stdout) ----\n{chars}---- --columns bytes (stdout) ----\n{bytes}---- stderr ----\n{summary}---- status ----\n{status:?}\n"
        ));
    });
}

#[test]
fn the_default_unit_is_code_points_and_files_that_cannot_be_read_are_one_line() {
    let output = Command::new(env!("CARGO_BIN_EXE_canvasc"))
        .args(["check", "--format", "short", "does-not-exist.canvas"])
        .output()
        .expect("canvasc runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.starts_with("does-not-exist.canvas: error: "), "{stdout}");
    assert_eq!(output.status.code(), Some(2));
}
