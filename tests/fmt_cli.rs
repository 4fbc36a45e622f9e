//! `canvasc fmt` as a user runs it: safe writes and exit statuses.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

mod common;
use common::{canvasc, status};

const MESSY: &str = "canvas \"X\"{currency EUR}\nsegment a{type niche;size 3} # keep me\n";
const CANONICAL: &str = "canvas \"X\" { currency EUR }\n\nsegment a {\n  type niche\n  size 3\n} # keep me\n";
const BROKEN: &str = "canvas \"X\" {\n  description \"open\n}\n";

fn path_str(path: &Path) -> &str {
    path.to_str().expect("temp paths are UTF-8")
}

#[test]
fn rewrites_in_place_keeping_permissions() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let path = directory.path().join("a.canvas");
    std::fs::write(&path, MESSY).expect("writable");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let output = canvasc(&["fmt", path_str(&path)]);
    assert_eq!(status(&output), 0, "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(std::fs::read_to_string(&path).expect("readable"), CANONICAL);
    let mode = std::fs::metadata(&path).expect("metadata").permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(directory.path())
        .expect("listable")
        .flatten()
        .collect();
    assert_eq!(names.len(), 1);
}

#[test]
fn a_canonical_file_is_not_written() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let path = directory.path().join("a.canvas");
    std::fs::write(&path, CANONICAL).expect("writable");
    // Read-only: any attempt to write it would fail loudly.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let before = std::fs::metadata(&path).expect("metadata").modified().expect("mtime");
    assert_eq!(status(&canvasc(&["fmt", path_str(&path)])), 0);
    let after = std::fs::metadata(&path).expect("metadata").modified().expect("mtime");
    assert_eq!(before, after);
}

#[test]
fn a_syntax_error_is_refused_and_the_file_left_untouched() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let path = directory.path().join("broken.canvas");
    std::fs::write(&path, BROKEN).expect("writable");
    let output = canvasc(&["fmt", path_str(&path)]);
    assert_eq!(status(&output), 1);
    assert!(String::from_utf8_lossy(&output.stderr).contains("left untouched"));
    assert_eq!(std::fs::read(&path).expect("readable"), BROKEN.as_bytes());
}

#[test]
fn check_lists_files_that_would_change_and_writes_nothing() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let messy = directory.path().join("messy.canvas");
    let clean = directory.path().join("clean.canvas");
    std::fs::write(&messy, MESSY).expect("writable");
    std::fs::write(&clean, CANONICAL).expect("writable");
    let output = canvasc(&["fmt", "--check", path_str(directory.path())]);
    assert_eq!(status(&output), 1);
    let listed = String::from_utf8_lossy(&output.stdout);
    assert!(
        listed.contains("messy.canvas") && !listed.contains("clean.canvas"),
        "{listed}"
    );
    assert_eq!(std::fs::read_to_string(&messy).expect("readable"), MESSY);
    assert_eq!(status(&canvasc(&["fmt", "--check", path_str(&clean)])), 0);
}

#[test]
fn diff_shows_the_change() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let path = directory.path().join("a.canvas");
    std::fs::write(&path, MESSY).expect("writable");
    let output = canvasc(&["fmt", "--diff", path_str(&path)]);
    assert_eq!(status(&output), 0);
    let diff = String::from_utf8_lossy(&output.stdout);
    assert!(diff.contains("+  type niche"), "{diff}");
    assert_eq!(std::fs::read_to_string(&path).expect("readable"), MESSY);
}

#[test]
fn a_symlink_is_written_through() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let target = directory.path().join("real.canvas");
    let link = directory.path().join("link.canvas");
    std::fs::write(&target, MESSY).expect("writable");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    assert_eq!(status(&canvasc(&["fmt", path_str(&link)])), 0);
    assert!(std::fs::symlink_metadata(&link)
        .expect("metadata")
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read_to_string(&target).expect("readable"), CANONICAL);
}

#[test]
fn a_read_only_directory_leaves_the_file_whole_and_exits_2() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let path = directory.path().join("a.canvas");
    std::fs::write(&path, MESSY).expect("writable");
    std::fs::set_permissions(directory.path(), std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let output = canvasc(&["fmt", path_str(&path)]);
    std::fs::set_permissions(directory.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    // Root may write anyway; either the write succeeded whole, or it failed with 2.
    let text = std::fs::read_to_string(&path).expect("readable");
    match status(&output) {
        0 => assert_eq!(text, CANONICAL),
        2 => assert_eq!(text, MESSY),
        other => panic!("unexpected status {other}"),
    }
}

#[test]
fn dash_formats_standard_input_to_standard_output() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_canvasc"))
        .args(["fmt", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(MESSY.as_bytes())
        .expect("written");
    let output = child.wait_with_output().expect("finishes");
    assert_eq!(status(&output), 0);
    assert_eq!(String::from_utf8_lossy(&output.stdout), CANONICAL);
}

#[test]
fn an_unreadable_file_exits_2() {
    assert_eq!(status(&canvasc(&["fmt", "/nonexistent/a.canvas"])), 2);
}
