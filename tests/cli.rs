//! The command line as a user runs it: exit statuses, inputs, formats.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod common;
use common::{canvasc, status};

fn canvasc_with_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_canvasc"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input.as_bytes())
        .expect("stdin takes the input");
    child.wait_with_output().expect("the binary finishes")
}

fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
        .display()
        .to_string()
}

fn write(directory: &Path, name: &str, text: &str) -> PathBuf {
    let path = directory.join(name);
    std::fs::write(&path, text).expect("temp files are writable");
    path
}

const BROKEN: &str = "canvas \"X\" { currency EUR }\nproposition p { for nobody }\n";
const WARNED: &str = "canvas \"X\" { currency EUR }\nsegment a { type niche }\n";

#[test]
fn a_clean_example_exits_0() {
    let output = canvasc(&["check", &example("beauty-shop.canvas")]);
    assert_eq!(status(&output), 0, "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stderr).contains("0 errors, 0 warnings in 1 file"));
}

#[test]
fn errors_exit_1_and_warnings_only_with_deny() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let broken = write(directory.path(), "broken.canvas", BROKEN);
    let warned = write(directory.path(), "warned.canvas", WARNED);
    assert_eq!(status(&canvasc(&["check", broken.to_str().unwrap_or_default()])), 1);
    assert_eq!(status(&canvasc(&["check", warned.to_str().unwrap_or_default()])), 0);
    let denied = canvasc(&["check", "--deny", "warnings", warned.to_str().unwrap_or_default()]);
    assert_eq!(status(&denied), 1);
}

#[test]
fn the_worst_status_of_several_files_wins() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let broken = write(directory.path(), "broken.canvas", BROKEN);
    let missing = directory.path().join("missing.canvas");
    let output = canvasc(&[
        "check",
        &example("beauty-shop.canvas"),
        broken.to_str().unwrap_or_default(),
        missing.to_str().unwrap_or_default(),
    ]);
    assert_eq!(status(&output), 2);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no such file"), "{stderr}");
    // The readable files were still checked.
    assert!(
        stderr.contains("no proposition named `nobody`") || stderr.contains("no segment named `nobody`"),
        "{stderr}"
    );
}

#[test]
fn a_directory_means_every_canvas_below_it() {
    let directory = tempfile::tempdir().expect("a temp dir");
    std::fs::create_dir(directory.path().join("nested")).expect("a nested dir");
    write(directory.path(), "a.canvas", WARNED);
    write(&directory.path().join("nested"), "b.canvas", BROKEN);
    write(directory.path(), "notes.txt", "not a canvas");
    let output = canvasc(&[
        "check",
        "--format",
        "json",
        directory.path().to_str().unwrap_or_default(),
    ]);
    assert_eq!(status(&output), 1);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("one JSON document");
    assert_eq!(report["schema_version"], 1);
    assert_eq!(report["summary"]["files"], 2);
    assert_eq!(report["summary"]["errors"], 1);
}

#[test]
fn dash_reads_standard_input() {
    let output = canvasc_with_stdin(&["check", "--format", "json", "-"], BROKEN);
    assert_eq!(status(&output), 1);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("one JSON document");
    assert_eq!(report["files"][0]["path"], "-");
    let diagnostic = &report["files"][0]["diagnostics"][0];
    assert_eq!(diagnostic["code"], "unknown-reference");
    assert_eq!(diagnostic["labels"][0]["line"], 2);
    assert_eq!(diagnostic["labels"][0]["column"], 21);
    assert_eq!(diagnostic["labels"][0]["offset"], 48);
    assert_eq!(diagnostic["labels"][0]["length"], 6);
}

#[test]
fn json_report_of_the_misspelt_reference_example_matches_the_reference() {
    let source = std::fs::read_to_string(example("beauty-shop.canvas")).expect("the example");
    let misspelt = source.replacen("  for young-women\n  meets", "  for young-woman\n  meets", 1);
    let output = canvasc_with_stdin(&["check", "--format", "json", "-"], &misspelt);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("one JSON document");
    let diagnostics = report["files"][0]["diagnostics"].as_array().expect("diagnostics");
    let error = diagnostics
        .iter()
        .find(|diagnostic| diagnostic["severity"] == "error")
        .expect("the misspelling is an error");
    assert_eq!(
        error,
        &serde_json::json!({
            "code": "unknown-reference",
            "severity": "error",
            "message": "no segment named `young-woman`",
            "help": "did you mean `young-women`?",
            "labels": [{ "message": "used here", "offset": 666, "length": 11, "line": 27, "column": 7 }],
            // An extension of the reference's document: the certain fix.
            "fix": { "offset": 666, "length": 11, "replacement": "young-women" }
        })
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(status(&canvasc(&["check", "--no-such-flag"])), 2);
    assert_eq!(status(&canvasc(&["frobnicate"])), 2);
    assert_eq!(status(&canvasc(&["check", "--format", "yaml", "x.canvas"])), 2);
}

#[test]
fn explain_prints_a_rule_and_rejects_unknown_codes() {
    let output = canvasc(&["explain", "incomplete-journey"]);
    assert_eq!(status(&output), 0);
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("# `incomplete-journey` (warning)"));
    let unknown = canvasc(&["explain", "incomplete-journy"]);
    assert_eq!(status(&unknown), 2);
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("did you mean `incomplete-journey`?"));
}

#[test]
fn build_refuses_a_canvas_with_errors_and_writes_nothing() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let broken = write(directory.path(), "broken.canvas", BROKEN);
    let out = directory.path().join("out.json");
    let output = canvasc(&[
        "build",
        broken.to_str().unwrap_or_default(),
        "--format",
        "json",
        "-o",
        out.to_str().unwrap_or_default(),
    ]);
    assert_eq!(status(&output), 1);
    assert!(!out.exists());
}

#[test]
fn build_json_writes_the_model_with_economics() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let out = directory.path().join("model.json");
    let output = canvasc(&[
        "build",
        &example("beauty-shop.canvas"),
        "--format",
        "json",
        "-o",
        out.to_str().unwrap_or_default(),
    ]);
    assert_eq!(status(&output), 0, "{}", String::from_utf8_lossy(&output.stderr));
    let model: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("written")).expect("JSON");
    assert_eq!(model["schema_version"], 1);
    assert_eq!(model["economics"]["monthly_margin"], "1846900.00");
    assert_eq!(model["segments"][0]["journey"]["after-sales"][0], "webshop");
    assert_eq!(model["relationships"][0]["intimacy"], "collective");
    assert_eq!(model["relationships"][0]["directness"], "indirect");
}

#[test]
fn init_writes_a_starter_that_checks_without_errors() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let path = directory.path().join("mine.canvas");
    let path = path.to_str().unwrap_or_default();
    assert_eq!(status(&canvasc(&["init", path])), 0);
    let text = std::fs::read_to_string(path).expect("init wrote the file");
    assert!(text.contains("for whom are we creating value?"));
    assert_eq!(status(&canvasc(&["check", path])), 0);
    // It never overwrites.
    assert_eq!(status(&canvasc(&["init", path])), 2);
}

#[test]
fn invalid_utf8_is_a_diagnostic_at_the_right_byte() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let path = directory.path().join("latin1.canvas");
    std::fs::write(&path, b"canvas \"Caf\xe9\"\n").expect("writable");
    let output = canvasc(&["check", "--format", "json", path.to_str().unwrap_or_default()]);
    assert_eq!(status(&output), 1);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let label = &report["files"][0]["diagnostics"][0]["labels"][0];
    assert_eq!(label["offset"], 11);
}

#[test]
fn version_names_the_crate_and_the_language() {
    let output = canvasc(&["--version"]);
    assert_eq!(status(&output), 0);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains(env!("CARGO_PKG_VERSION")), "{text}");
    assert!(
        text.contains(&format!("(canvas language {})", canvasc::LANGUAGE_VERSION)),
        "{text}"
    );
}

#[test]
fn completions_are_printed_for_every_shell() {
    for (shell, marker) in [
        ("bash", "complete -F _canvasc"),
        ("zsh", "#compdef canvasc"),
        ("fish", "complete -c canvasc"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let output = canvasc(&["completions", shell]);
        assert_eq!(status(&output), 0, "{shell}");
        let script = String::from_utf8_lossy(&output.stdout);
        assert!(script.contains(marker), "{shell}: {script}");
        // Every command and the new check flags can be completed.
        for word in ["check", "fmt", "format", "deny", "fix", "watch"] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
    assert_eq!(status(&canvasc(&["completions", "tcsh"])), 2);
}

#[test]
fn the_manual_page_is_roff_with_every_command() {
    let output = canvasc(&["man"]);
    assert_eq!(status(&output), 0);
    let page = String::from_utf8_lossy(&output.stdout);
    assert!(page.contains(".TH canvasc 1"), "{page}");
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH COMMANDS",
        ".SH \"EXIT STATUS\"",
        ".SH FILES",
    ] {
        assert!(page.contains(section), "{section}");
    }
    for command in [
        "check",
        "build",
        "diff",
        "fmt",
        "explain",
        "lsp",
        "init",
        "completions",
        "man",
    ] {
        assert!(page.contains(&format!(".SS \"canvasc {command}\"")), "{command}");
    }
    assert!(page.contains("\\-\\-deny"));
    // No line of help text can be read as a roff request.
    for line in page.lines().filter(|line| line.starts_with('.')) {
        let request: String = line.chars().skip(1).take_while(|c| c.is_ascii_alphabetic()).collect();
        assert!(
            ["TH", "SH", "SS", "TP", "PP", "nf", "fi", "ie", "el", "B", "IP", "br", "RS", "RE"]
                .contains(&request.as_str()),
            "unexpected request: {line}"
        );
    }
}

#[test]
fn reports_keep_the_order_of_the_command_line_even_for_missing_paths() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let first = write(directory.path(), "first.canvas", WARNED);
    let missing = directory.path().join("missing.canvas");
    let last = write(directory.path(), "last.canvas", BROKEN);
    let paths = [
        first.to_str().unwrap_or_default(),
        missing.to_str().unwrap_or_default(),
        last.to_str().unwrap_or_default(),
    ];
    let output = canvasc(&["check", "--format", "json", paths[0], paths[1], paths[2]]);
    assert_eq!(status(&output), 2);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("one JSON document");
    let reported: Vec<&str> = report["files"]
        .as_array()
        .map(|files| files.iter().filter_map(|file| file["path"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(reported, paths);
    // Human output too: the missing path's error comes between the two files.
    let output = canvasc(&["check", paths[0], paths[1], paths[2]]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let at = |needle: &str| stderr.find(needle).unwrap_or(usize::MAX);
    assert!(at("first.canvas") < at("missing.canvas"), "{stderr}");
    assert!(at("missing.canvas") < at("last.canvas"), "{stderr}");
}

/// Runs the binary in `directory` under a memory limit, killed if it is not
/// done within `seconds`: the walks this bounds once grew without end.
fn canvasc_bounded(directory: &Path, args: &[&str], seconds: u64) -> Output {
    let script = format!("ulimit -v 4000000; exec {} \"$@\"", env!("CARGO_BIN_EXE_canvasc"));
    let mut child = Command::new("bash")
        .arg("-c")
        .arg(script)
        .arg("canvasc")
        .args(args)
        .current_dir(directory)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bash runs");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    while child.try_wait().expect("waitable").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`canvasc {}` did not end within {seconds} s", args.join(" "));
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().expect("the binary finishes")
}

/// The paths of the files a JSON report names, in order.
fn reported_paths(output: &Output) -> Vec<String> {
    let report: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("one JSON document: {}", String::from_utf8_lossy(&output.stderr)));
    report["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|file| file["path"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn a_walk_never_follows_link_loops_and_reads_each_real_file_once() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let root = directory.path();
    write(root, "a.canvas", WARNED);
    std::fs::create_dir(root.join("sub")).expect("a sub dir");
    write(&root.join("sub"), "b.canvas", WARNED);
    // Two loops back to the top, a loop inside, and a link to a directory.
    std::os::unix::fs::symlink(".", root.join("l1")).expect("a link");
    std::os::unix::fs::symlink(".", root.join("l2")).expect("a link");
    std::os::unix::fs::symlink("..", root.join("sub").join("up")).expect("a link");
    // A link to a file is read, but the file only once.
    std::os::unix::fs::symlink("a.canvas", root.join("alias.canvas")).expect("a link");
    std::os::unix::fs::symlink("sub/b.canvas", root.join("c.canvas")).expect("a link");
    let output = canvasc_bounded(root, &["check", "--format", "json", "."], 20);
    assert_eq!(status(&output), 0, "{}", String::from_utf8_lossy(&output.stderr));
    // The first path in sorted order names a file: `c.canvas` before `sub/`.
    assert_eq!(reported_paths(&output), ["./a.canvas", "./c.canvas"]);
}

#[test]
fn a_linked_file_found_alone_in_a_walk_is_read() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let elsewhere = tempfile::tempdir().expect("a temp dir");
    write(elsewhere.path(), "real.canvas", WARNED);
    std::os::unix::fs::symlink(
        elsewhere.path().join("real.canvas"),
        directory.path().join("shop.canvas"),
    )
    .expect("a link");
    // A link to a directory outside is not entered.
    std::fs::create_dir(elsewhere.path().join("more")).expect("a dir");
    write(&elsewhere.path().join("more"), "x.canvas", WARNED);
    std::os::unix::fs::symlink(elsewhere.path().join("more"), directory.path().join("more")).expect("a link");
    let output = canvasc_bounded(directory.path(), &["check", "--format", "json", "."], 20);
    assert_eq!(reported_paths(&output), ["./shop.canvas"]);
}

#[test]
fn a_walk_skips_hidden_directories_and_what_gitignore_excludes() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let root = directory.path();
    for folder in [".hidden", "build", "plans"] {
        std::fs::create_dir(root.join(folder)).expect("a dir");
        write(&root.join(folder), "x.canvas", WARNED);
    }
    write(root, ".gitignore", "build/\n*.draft.canvas\n");
    write(root, "idea.draft.canvas", BROKEN);
    write(root, ".dotfile.canvas", WARNED);
    let output = canvasc_bounded(root, &["check", "--format", "json", "."], 20);
    // A hidden file is still a file; only hidden directories are skipped.
    assert_eq!(reported_paths(&output), ["./.dotfile.canvas", "./plans/x.canvas"]);
    // A file named on the command line is always read.
    let output = canvasc_bounded(
        root,
        &["check", "--format", "json", "idea.draft.canvas", ".hidden/x.canvas"],
        20,
    );
    assert_eq!(reported_paths(&output), ["idea.draft.canvas", ".hidden/x.canvas"]);
}

#[test]
fn check_and_fmt_without_a_file_mean_the_current_directory() {
    let directory = tempfile::tempdir().expect("a temp dir");
    write(
        directory.path(),
        "a.canvas",
        "canvas \"X\"{currency EUR}\nsegment a{type niche}\n",
    );
    let output = canvasc_bounded(directory.path(), &["check", "--format", "json"], 20);
    assert_eq!(reported_paths(&output), ["./a.canvas"]);
    let output = canvasc_bounded(directory.path(), &["fmt", "--check"], 20);
    assert_eq!(status(&output), 1);
    assert_eq!(String::from_utf8_lossy(&output.stdout), "./a.canvas\n");
}

#[test]
fn standard_input_named_twice_is_a_usage_error() {
    for args in [
        &["check", "-", "-"][..],
        &["fmt", "-", "-"],
        &["check", "--format", "json", "-", "x.canvas", "-"],
        &["diff", "-", "-"],
    ] {
        let output = canvasc_with_stdin(args, WARNED);
        assert_eq!(status(&output), 2, "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}: nothing is checked");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("can be read only once"),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn a_closed_pipe_ends_the_process_quietly() {
    // Many files, so the report is larger than a pipe holds.
    let directory = tempfile::tempdir().expect("a temp dir");
    for index in 0..300 {
        write(directory.path(), &format!("f{index:03}.canvas"), BROKEN);
    }
    for (format, stream) in [("json", "1"), ("sarif", "1"), ("github", "1"), ("human", "2")] {
        let script = format!(
            "{} check --format {format} . {stream}>&1 | head -c 10 >/dev/null; echo \"${{PIPESTATUS[0]}}\" >&2",
            env!("CARGO_BIN_EXE_canvasc")
        );
        let output = Command::new("bash")
            .arg("-c")
            .arg(&script)
            .current_dir(directory.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("bash runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{format}: {stderr}");
    }
}

#[test]
fn a_file_name_that_is_not_utf8_is_named_by_its_bytes() {
    use std::os::unix::ffi::OsStrExt;
    let directory = tempfile::tempdir().expect("a temp dir");
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.canvas");
    std::fs::write(directory.path().join(name), BROKEN).expect("writable");
    let output = canvasc_bounded(directory.path(), &["check", "--format", "json", "."], 20);
    assert_eq!(reported_paths(&output), ["./caf\\xE9.canvas"]);
    let output = canvasc_bounded(directory.path(), &["check", "."], 20);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("caf\\xE9.canvas"), "{stderr}");
    assert!(!stderr.contains('\u{FFFD}'), "{stderr}");
}
