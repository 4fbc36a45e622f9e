//! `canvasc diff`: snapshots of the three formats over before/after pairs
//! in `tests/diff/<case>/{old,new}.canvas` (a missing side is no canvas,
//! as for an added or deleted file), and git integration in a real repository.

use std::path::Path;
use std::process::Command;

use canvasc::diff::{diff, render};

fn side(folder: &Path, name: &str) -> canvasc::Checked {
    match std::fs::read_to_string(folder.join(name)) {
        Ok(source) => canvasc::check(name, &source),
        Err(_) => {
            let mut nothing = canvasc::check(name, "");
            nothing.diagnostics.clear();
            nothing
        }
    }
}

#[test]
fn before_and_after_pairs() {
    insta::glob!("diff/*/new.canvas", |path| {
        let folder = path.parent().expect("a case folder");
        let change = diff(&side(folder, "old.canvas"), &side(folder, "new.canvas"));
        let text = render::text(&change, "old.canvas", "new.canvas", false);
        let markdown = render::markdown(&change, "old.canvas", "new.canvas");
        let json = render::json(&change, "old.canvas", "new.canvas");
        insta::assert_snapshot!(format!(
            "{text}\n---- markdown ----\n{markdown}\n---- json ----\n{json}"
        ));
    });
}

#[test]
fn layout_comments_and_order_are_no_change() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff/reorder-only");
    assert!(diff(&side(&folder, "old.canvas"), &side(&folder, "new.canvas")).is_empty());
}

#[test]
fn a_rename_is_reported_as_one() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff/rename");
    let change = diff(&side(&folder, "old.canvas"), &side(&folder, "new.canvas"));
    assert_eq!(change.blocks.len(), 1, "{change:#?}");
    assert_eq!(change.blocks[0].renamed_from.as_deref(), Some("young-women"));
    assert_eq!(change.blocks[0].id, "young-adults");
}

#[test]
fn every_example_diffed_with_itself_is_empty() {
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"))
        .expect("examples")
        .flatten()
    {
        let source = std::fs::read_to_string(entry.path()).expect("UTF-8");
        let checked = canvasc::check("x", &source);
        let change = diff(&checked, &checked);
        assert!(change.is_empty() && change.introduced.is_empty() && change.resolved.is_empty());
    }
}

fn git(directory: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .args(args)
        .current_dir(directory)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .env("NO_COLOR", "1")
        .output()
        .expect("git runs")
}

#[test]
fn works_as_a_git_diff_driver_and_reads_revisions() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let repo = directory.path();
    let binary = env!("CARGO_BIN_EXE_canvasc");
    let base = include_str!("../examples/beauty-shop.canvas");
    assert!(git(repo, &["init", "-q"]).status.success());
    std::fs::write(repo.join(".gitattributes"), "*.canvas diff=canvas\n").expect("writable");
    std::fs::write(repo.join("shop.canvas"), base).expect("writable");
    assert!(git(repo, &["add", "."]).status.success());
    assert!(git(repo, &["commit", "-qm", "first"]).status.success());

    let changed = base.replace(
        "price 12 EUR per customer per month",
        "price 14 EUR per customer per month",
    );
    std::fs::write(repo.join("shop.canvas"), &changed).expect("writable");
    std::fs::write(repo.join("new.canvas"), base).expect("writable");
    assert!(git(repo, &["add", "."]).status.success());
    let driver = format!("diff.canvas.command={binary} diff --git");
    let output = git(repo, &["-c", &driver, "diff", "--cached", "--ext-diff"]);
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "git diff failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(shown.contains("~ revenue sales"), "{shown}");
    assert!(shown.contains("14.00 EUR per customer per month"), "{shown}");
    // The added file is compared against no canvas at all.
    assert!(shown.contains("+ segment young-women"), "{shown}");

    // A renamed file: git passes nine arguments.
    assert!(git(repo, &["commit", "-qm", "second"]).status.success());
    assert!(git(repo, &["mv", "new.canvas", "moved.canvas"]).status.success());
    let output = git(repo, &["-c", &driver, "diff", "--cached", "-M", "--ext-diff"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));

    // Revisions directly.
    let output = Command::new(binary)
        .args(["diff", "HEAD~1:shop.canvas", "shop.canvas"])
        .current_dir(repo)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("price: 12.00 EUR"));
}

#[test]
fn exit_statuses() {
    let binary = env!("CARGO_BIN_EXE_canvasc");
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff");
    let run = |case: &str| {
        Command::new(binary)
            .args(["diff"])
            .arg(folder.join(case).join("old.canvas"))
            .arg(folder.join(case).join("new.canvas"))
            .output()
            .expect("runs")
            .status
            .code()
    };
    assert_eq!(run("reorder-only"), Some(0));
    assert_eq!(run("price-and-phase"), Some(1));
    let directory = tempfile::tempdir().expect("a temp dir");
    let broken = directory.path().join("broken.canvas");
    std::fs::write(&broken, "canvas \"x\" {\n  description \"open\n}\n").expect("writable");
    let status = Command::new(binary)
        .arg("diff")
        .arg(&broken)
        .arg(&broken)
        .output()
        .expect("runs")
        .status
        .code();
    assert_eq!(status, Some(2));
    let missing = Command::new(binary)
        .args(["diff", "/nonexistent/a.canvas", "/nonexistent/b.canvas"])
        .output();
    assert_eq!(missing.expect("runs").status.code(), Some(2));
}
