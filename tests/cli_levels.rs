//! Lint levels as a user sets them: `-A`, `-W`, `-D` on the command line and
//! `canvas.toml` project files, their precedence, and what cannot be done.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::{canvasc_in, status};

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn write(path: &Path, text: &str) -> PathBuf {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("temp dirs are writable");
    }
    std::fs::write(path, text).expect("temp files are writable");
    path.to_path_buf()
}

/// A canvas with one segment and nothing else: three warnings
/// (`no-relationship`, `no-channel`, `no-value-proposition`) and no advice.
const GAPS: &str = "canvas \"X\" { currency EUR }\nsegment a { type niche }\n";

/// A segment reached by a channel that covers no phase and says nothing of
/// itself: `no-relationship`, `incomplete-journey`, `no-value-proposition`
/// and the advice `unclassified`.
const GAPS_AND_ADVICE: &str = "canvas \"X\" { currency EUR }\nsegment a { type niche }\nchannel c { reaches a }\n";

/// The codes and severities of a JSON report's first file.
fn diagnostics(output: &Output) -> Vec<(String, String)> {
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("the report is JSON");
    report["files"][0]["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|diagnostic| {
            (
                diagnostic["code"].as_str().unwrap_or_default().to_string(),
                diagnostic["severity"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(code, severity)| (code.to_string(), severity.to_string()))
        .collect()
}

#[test]
fn deny_turns_a_warning_into_an_error_that_fails_the_check() {
    let directory = tempfile::tempdir().expect("a temp dir");
    write(&directory.path().join("x.canvas"), GAPS);
    let output = canvasc_in(
        directory.path(),
        &["check", "--format", "json", "-D", "no-channel", "x.canvas"],
    );
    assert_eq!(status(&output), 1);
    assert_eq!(
        diagnostics(&output),
        pairs(&[
            ("no-relationship", "warning"),
            ("no-channel", "error"),
            ("no-value-proposition", "warning")
        ])
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(report["summary"]["errors"], 1);
    assert_eq!(report["summary"]["warnings"], 2);

    // In human output it is shown, and counted, as an error.
    let human = canvasc_in(directory.path(), &["check", "--deny", "no-channel", "x.canvas"]);
    assert_eq!(status(&human), 1);
    assert!(
        stderr(&human).contains("error[no-channel]: no channel reaches segment `a`"),
        "{}",
        stderr(&human)
    );
    assert!(
        stderr(&human).contains("1 error, 2 warnings in 1 file"),
        "{}",
        stderr(&human)
    );
}

#[test]
fn allow_drops_and_warnings_is_a_group() {
    let directory = tempfile::tempdir().expect("a temp dir");
    write(&directory.path().join("x.canvas"), GAPS_AND_ADVICE);
    let allowed = canvasc_in(
        directory.path(),
        &[
            "check",
            "--format",
            "json",
            "-A",
            "incomplete-journey,no-relationship",
            "x.canvas",
        ],
    );
    assert_eq!(status(&allowed), 0);
    assert_eq!(
        diagnostics(&allowed),
        pairs(&[("no-value-proposition", "warning"), ("unclassified", "advice")])
    );

    // `--deny warnings` keeps working: every warning fails, advice stays advice.
    let denied = canvasc_in(
        directory.path(),
        &["check", "--format", "json", "--deny", "warnings", "x.canvas"],
    );
    assert_eq!(status(&denied), 1);
    assert_eq!(
        diagnostics(&denied),
        pairs(&[
            ("no-relationship", "error"),
            ("incomplete-journey", "error"),
            ("no-value-proposition", "error"),
            ("unclassified", "advice")
        ])
    );

    // A code's own level beats its group's, whatever the order.
    let mixed = canvasc_in(
        directory.path(),
        &[
            "check",
            "--format",
            "json",
            "-A",
            "no-relationship",
            "-D",
            "warnings",
            "-A",
            "advice",
            "-W",
            "incomplete-journey",
            "x.canvas",
        ],
    );
    assert_eq!(
        diagnostics(&mixed),
        pairs(&[("incomplete-journey", "warning"), ("no-value-proposition", "error")])
    );
}

#[test]
fn the_later_of_two_flags_for_one_code_wins() {
    let directory = tempfile::tempdir().expect("a temp dir");
    write(&directory.path().join("x.canvas"), GAPS);
    let warned = canvasc_in(
        directory.path(),
        &["check", "-D", "no-channel", "-W", "no-channel", "x.canvas"],
    );
    assert_eq!(status(&warned), 0, "{}", stderr(&warned));
    let denied = canvasc_in(
        directory.path(),
        &["check", "-W", "no-channel", "-D", "no-channel", "x.canvas"],
    );
    assert_eq!(status(&denied), 1, "{}", stderr(&denied));
}

#[test]
fn allow_in_the_canvas_beats_the_command_line_and_the_project_file() {
    let directory = tempfile::tempdir().expect("a temp dir");
    write(
        &directory.path().join("x.canvas"),
        &format!("{GAPS}allow no-channel, no-relationship, no-value-proposition\n"),
    );
    write(
        &directory.path().join("canvas.toml"),
        "[levels]\nno-channel = \"deny\"\n",
    );
    let output = canvasc_in(
        directory.path(),
        &["check", "--format", "json", "-D", "warnings", "x.canvas"],
    );
    assert_eq!(status(&output), 0);
    assert_eq!(diagnostics(&output), pairs(&[]));
}

#[test]
fn the_command_line_beats_the_project_file() {
    let directory = tempfile::tempdir().expect("a temp dir");
    write(&directory.path().join("x.canvas"), GAPS);
    write(
        &directory.path().join("canvas.toml"),
        "# levels for this folder\n[levels]\nno-channel = \"deny\"\nno-relationship = \"allow\"\n",
    );
    let project = canvasc_in(directory.path(), &["check", "--format", "json", "x.canvas"]);
    assert_eq!(status(&project), 1);
    assert_eq!(
        diagnostics(&project),
        pairs(&[("no-channel", "error"), ("no-value-proposition", "warning")])
    );

    let overridden = canvasc_in(
        directory.path(),
        &[
            "check",
            "--format",
            "json",
            "-W",
            "no-channel",
            "-W",
            "no-relationship",
            "x.canvas",
        ],
    );
    assert_eq!(status(&overridden), 0);
    assert_eq!(
        diagnostics(&overridden),
        pairs(&[
            ("no-relationship", "warning"),
            ("no-channel", "warning"),
            ("no-value-proposition", "warning")
        ])
    );

    // A group on the command line decides over a code in the project file.
    let grouped = canvasc_in(
        directory.path(),
        &["check", "--format", "json", "-A", "warnings", "x.canvas"],
    );
    assert_eq!(status(&grouped), 0);
    assert_eq!(diagnostics(&grouped), pairs(&[]));
}

#[test]
fn the_nearest_project_file_up_the_tree_is_found() {
    let root = tempfile::tempdir().expect("a temp dir");
    write(&root.path().join("canvas.toml"), "[levels]\nno-channel = \"deny\"\n");
    write(&root.path().join("plans").join("q3").join("x.canvas"), GAPS);
    write(&root.path().join("other").join("y.canvas"), GAPS);
    write(
        &root.path().join("other").join("canvas.toml"),
        "[levels]\nwarnings = \"allow\"\n",
    );

    let deep = canvasc_in(root.path(), &["check", "--format", "json", "plans/q3/x.canvas"]);
    assert_eq!(status(&deep), 1);
    assert!(diagnostics(&deep).contains(&("no-channel".to_string(), "error".to_string())));

    // From another working directory, the canvas's own directory still decides.
    let elsewhere = tempfile::tempdir().expect("a temp dir");
    let path = root.path().join("plans").join("q3").join("x.canvas");
    let from_elsewhere = canvasc_in(elsewhere.path(), &["check", path.to_str().unwrap_or_default()]);
    assert_eq!(status(&from_elsewhere), 1);

    // The nearer file alone counts: `other/` allows every warning.
    let nearer = canvasc_in(root.path(), &["check", "--format", "json", "other/y.canvas"]);
    assert_eq!(status(&nearer), 0);
    assert_eq!(diagnostics(&nearer), pairs(&[]));

    // A directory walk applies each canvas's own project file.
    let both = canvasc_in(root.path(), &["check", "."]);
    assert_eq!(status(&both), 1);
    assert!(
        stderr(&both).contains("1 error, 2 warnings in 2 files"),
        "{}",
        stderr(&both)
    );
}

#[test]
fn errors_cannot_be_allowed_or_lowered() {
    let directory = tempfile::tempdir().expect("a temp dir");
    write(&directory.path().join("x.canvas"), GAPS);
    for args in [
        ["-A", "unknown-reference"],
        ["--allow", "syntax"],
        ["-W", "missing-field"],
    ] {
        let output = canvasc_in(directory.path(), &["check", args[0], args[1], "x.canvas"]);
        assert_eq!(status(&output), 2, "{args:?}");
        assert!(
            stderr(&output).contains(&format!("`{}` is an error and cannot be set to", args[1])),
            "{}",
            stderr(&output)
        );
        // Nothing was checked.
        assert!(!stderr(&output).contains("in 1 file"), "{}", stderr(&output));
    }
    // Denying an error is allowed and changes nothing.
    let denied = canvasc_in(directory.path(), &["check", "-D", "unknown-reference", "x.canvas"]);
    assert_eq!(status(&denied), 0);

    write(
        &directory.path().join("canvas.toml"),
        "[levels]\nunknown-reference = \"allow\"\n",
    );
    let project = canvasc_in(directory.path(), &["check", "x.canvas"]);
    assert_eq!(status(&project), 2);
    assert!(stderr(&project).contains("canvas.toml"), "{}", stderr(&project));
    assert!(
        stderr(&project).contains("`unknown-reference` is an error and cannot be set to `allow`"),
        "{}",
        stderr(&project)
    );
}

#[test]
fn unknown_codes_and_bad_project_files_are_usage_errors() {
    let directory = tempfile::tempdir().expect("a temp dir");
    write(&directory.path().join("x.canvas"), GAPS);
    let misspelt = canvasc_in(directory.path(), &["check", "-D", "no-chanel", "x.canvas"]);
    assert_eq!(status(&misspelt), 2);
    assert!(
        stderr(&misspelt).contains("unknown rule code `no-chanel`; did you mean `no-channel`?"),
        "{}",
        stderr(&misspelt)
    );
    let group = canvasc_in(directory.path(), &["check", "-D", "warning", "x.canvas"]);
    assert!(
        stderr(&group).contains("did you mean `warnings`?"),
        "{}",
        stderr(&group)
    );

    for (text, expected) in [
        ("[levels\n", "TOML parse error"),
        ("[level]\nno-channel = \"deny\"\n", "unknown key `level`"),
        (
            "[levels]\nno-channel = \"error\"\n",
            "unknown level `error` for `no-channel`",
        ),
        ("[levels]\nno-chanel = \"deny\"\n", "did you mean `no-channel`?"),
    ] {
        write(&directory.path().join("canvas.toml"), text);
        let output = canvasc_in(directory.path(), &["check", "x.canvas"]);
        assert_eq!(status(&output), 2, "{text}");
        assert!(stderr(&output).contains(expected), "{text}: {}", stderr(&output));
    }
}

#[test]
fn standard_input_takes_the_project_file_of_the_working_directory() {
    let directory = tempfile::tempdir().expect("a temp dir");
    write(&directory.path().join("canvas.toml"), "[levels]\nwarnings = \"deny\"\n");
    let mut child = Command::new(env!("CARGO_BIN_EXE_canvasc"))
        .args(["check", "-"])
        .current_dir(directory.path())
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(mut stdin) = child.stdin.take() {
        use std::io::Write;
        stdin.write_all(GAPS.as_bytes()).expect("stdin takes the input");
    }
    let output = child.wait_with_output().expect("the binary finishes");
    assert_eq!(status(&output), 1, "{}", stderr(&output));
}
