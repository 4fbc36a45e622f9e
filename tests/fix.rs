//! `canvasc check --fix` as a user runs it: certain fixes written in place,
//! safely, the file checked again, standard input refused.

use std::process::{Command, Output, Stdio};

mod common;
use common::{canvasc_in, status};

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The misspellings of the language reference: `type nich` and a proposition
/// `for young-woman`, each with one close name. The comment and the layout
/// must survive.
const MISSPELT: &str = "\
canvas \"Maria's Beauty Shop\" { currency EUR }

segment young-women \"Young women\" {
  type nich   # niche, misspelt
  need \"affordable products\"
}

proposition cheap-and-cute {
  for young-woman
  meets \"affordable products\"
}
";

const FIXED: &str = "\
canvas \"Maria's Beauty Shop\" { currency EUR }

segment young-women \"Young women\" {
  type niche   # niche, misspelt
  need \"affordable products\"
}

proposition cheap-and-cute {
  for young-women
  meets \"affordable products\"
}
";

#[test]
fn fixes_are_written_in_place_and_the_file_is_checked_again() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let path = directory.path().join("shop.canvas");
    std::fs::write(&path, MISSPELT).expect("temp files are writable");

    let before = canvasc_in(directory.path(), &["check", "shop.canvas"]);
    assert_eq!(status(&before), 1);
    assert!(stderr(&before).contains("2 errors"), "{}", stderr(&before));

    let output = canvasc_in(directory.path(), &["check", "--fix", "shop.canvas"]);
    assert_eq!(std::fs::read_to_string(&path).expect("the file is there"), FIXED);
    // What remains is reported: no errors, the warnings of the fixed model.
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    let text = stderr(&output);
    assert!(text.contains("fixed 2 problems in shop.canvas"), "{text}");
    assert!(text.contains("0 errors, 2 warnings in 1 file"), "{text}");
    assert!(
        !text.contains("young-woman`"),
        "the fixed reference is not reported: {text}"
    );

    // Nothing is left to fix: the file is not written again.
    let again = canvasc_in(directory.path(), &["check", "--fix", "shop.canvas"]);
    assert_eq!(status(&again), 0);
    assert!(!stderr(&again).contains("fixed"), "{}", stderr(&again));
    // No temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(directory.path())
        .expect("the dir is readable")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["shop.canvas"]);
}

#[test]
fn the_json_report_after_a_fix_describes_the_fixed_file() {
    let directory = tempfile::tempdir().expect("a temp dir");
    std::fs::write(directory.path().join("shop.canvas"), MISSPELT).expect("temp files are writable");
    let output = canvasc_in(directory.path(), &["check", "--fix", "--format", "json", "shop.canvas"]);
    assert_eq!(status(&output), 0);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON on stdout only");
    assert_eq!(report["summary"]["errors"], 0);
    let fixes = report["files"][0]["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter(|diagnostic| !diagnostic["fix"].is_null())
        .count();
    assert_eq!(fixes, 0);
}

#[cfg(unix)]
#[test]
fn a_fixed_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let directory = tempfile::tempdir().expect("a temp dir");
    let path = directory.path().join("shop.canvas");
    std::fs::write(&path, MISSPELT).expect("temp files are writable");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let output = canvasc_in(directory.path(), &["check", "--fix", "shop.canvas"]);
    assert_eq!(status(&output), 0);
    let mode = std::fs::metadata(&path)
        .expect("the file is there")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o640);
}

#[test]
fn errors_without_a_certain_fix_remain_and_fail_the_check() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let text = format!("{MISSPELT}\nchannel c {{ reaches nobody-at-all }}\n");
    std::fs::write(directory.path().join("shop.canvas"), &text).expect("temp files are writable");
    let output = canvasc_in(directory.path(), &["check", "--fix", "shop.canvas"]);
    assert_eq!(status(&output), 1);
    let written = std::fs::read_to_string(directory.path().join("shop.canvas")).expect("the file");
    assert!(written.contains("type niche") && written.contains("for young-women"));
    assert!(written.contains("reaches nobody-at-all"));
    assert!(
        stderr(&output).contains("no segment named `nobody-at-all`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn allowed_diagnostics_are_not_fixed() {
    let directory = tempfile::tempdir().expect("a temp dir");
    // `unknown-need` is a warning with a fix; allowed, its fix is not wanted.
    let text = "canvas \"X\" { currency EUR }\nsegment s { type niche; need \"cheap\" }\n\
                proposition p { for s; meets \"cheep\" }\nallow no-relationship, no-channel\n";
    std::fs::write(directory.path().join("x.canvas"), text).expect("temp files are writable");
    let output = canvasc_in(directory.path(), &["check", "--fix", "-A", "unknown-need", "x.canvas"]);
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(directory.path().join("x.canvas")).expect("the file"),
        text
    );
    let fixed = canvasc_in(directory.path(), &["check", "--fix", "x.canvas"]);
    assert_eq!(status(&fixed), 0, "{}", stderr(&fixed));
    assert!(std::fs::read_to_string(directory.path().join("x.canvas"))
        .expect("the file")
        .contains("meets \"cheap\""));
}

#[test]
fn standard_input_is_refused() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let output = Command::new(env!("CARGO_BIN_EXE_canvasc"))
        .args(["check", "--fix", "-"])
        .current_dir(directory.path())
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    assert_eq!(status(&output), 2);
    assert!(
        stderr(&output).contains("cannot fix standard input"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn invalid_utf8_is_reported_and_never_rewritten() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let path = directory.path().join("bad.canvas");
    let bytes = b"canvas \"X\"\nsegment s { type nich }\n\xff\n".to_vec();
    std::fs::write(&path, &bytes).expect("temp files are writable");
    let output = canvasc_in(directory.path(), &["check", "--fix", "bad.canvas"]);
    assert_eq!(status(&output), 1);
    assert_eq!(std::fs::read(&path).expect("the file"), bytes);
}
