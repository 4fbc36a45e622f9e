//! File safety: what `fmt`, `build -o` and `check --fix` promise about the
//! files they write, tested by racing them and killing them mid-write.

use std::process::Command;
use std::time::Duration;

use canvasc::testing::{replace, write_atomically};

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

fn canvasc(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_canvasc"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("runs")
}

/// Runs the binary, killed (and the test failed) if it is not done within
/// 20 seconds: a FIFO once made it block for ever.
fn canvasc_bounded(args: &[&str]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_canvasc"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while child.try_wait().expect("waitable").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`canvasc {}` blocked", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("finishes")
}

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/beauty-shop.canvas");

/// What is at `path`, without following a link.
fn kind(path: &std::path::Path) -> std::fs::FileType {
    std::fs::symlink_metadata(path).expect("still there").file_type()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Makes a FIFO and a character device (the numbers of `/dev/null`) in a
/// temporary directory, never touching the real `/dev`; `None` where this
/// system does not let us (not root, no `mknod`).
fn special_files(directory: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut made = Vec::new();
    let fifo = directory.join("pipe.canvas");
    if Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success()) {
        made.push(fifo);
    }
    let device = directory.join("null.canvas");
    if Command::new("mknod")
        .arg(&device)
        .args(["c", "1", "3"])
        .status()
        .is_ok_and(|s| s.success())
    {
        made.push(device);
    }
    made
}

#[test]
fn build_refuses_a_fifo_or_a_device_as_output_and_leaves_it_be() {
    use std::os::unix::fs::FileTypeExt;
    let directory = tempfile::tempdir().expect("a temp dir");
    let specials = special_files(directory.path());
    for target in &specials {
        let before = kind(target);
        let output = canvasc_bounded(&["build", EXAMPLE, "-o", target.to_str().unwrap_or_default()]);
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        assert!(
            stderr(&output).contains("canvasc writes only regular files"),
            "{}",
            stderr(&output)
        );
        let after = kind(target);
        assert_eq!(before.is_fifo(), after.is_fifo());
        assert_eq!(before.is_char_device(), after.is_char_device());
    }
    // A directory too.
    let output = canvasc_bounded(&["build", EXAMPLE, "-o", directory.path().to_str().unwrap_or_default()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("it is a directory"), "{}", stderr(&output));
    assert!(
        leftovers(directory.path()).is_empty(),
        "{:?}",
        leftovers(directory.path())
    );
}

#[test]
fn build_writes_through_a_symbolic_link_and_refuses_its_own_input() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let real = directory.path().join("model.json");
    std::fs::write(&real, "old").expect("writable");
    let link = directory.path().join("latest.json");
    std::os::unix::fs::symlink("model.json", &link).expect("a link");
    let output = canvasc(&["build", EXAMPLE, "-o", link.to_str().unwrap_or_default()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(kind(&link).is_symlink(), "the link stays a link");
    assert!(std::fs::read_to_string(&real)
        .expect("readable")
        .contains("\"schema_version\": 1"));

    // The input itself, by its name or through a link, is refused untouched.
    let source = directory.path().join("shop.canvas");
    std::fs::copy(EXAMPLE, &source).expect("copied");
    let alias = directory.path().join("alias.canvas");
    std::os::unix::fs::symlink("shop.canvas", &alias).expect("a link");
    for output_path in [&source, &alias] {
        let output = canvasc(&[
            "build",
            source.to_str().unwrap_or_default(),
            "-o",
            output_path.to_str().unwrap_or_default(),
        ]);
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        assert!(
            stderr(&output).contains("it is the canvas being built"),
            "{}",
            stderr(&output)
        );
    }
    assert_eq!(
        std::fs::read(&source).expect("readable"),
        std::fs::read(EXAMPLE).expect("readable")
    );
    // A dangling link is written through: its target is created.
    let dangling = directory.path().join("dangling.json");
    std::os::unix::fs::symlink("made.json", &dangling).expect("a link");
    let output = canvasc(&["build", EXAMPLE, "-o", dangling.to_str().unwrap_or_default()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(directory.path().join("made.json").is_file());
    assert!(leftovers(directory.path()).is_empty());
}

#[test]
fn fmt_and_fix_refuse_a_fifo_or_a_device_before_reading_it() {
    use std::os::unix::fs::FileTypeExt;
    let directory = tempfile::tempdir().expect("a temp dir");
    let specials = special_files(directory.path());
    for target in &specials {
        let name = target.to_str().unwrap_or_default();
        for args in [&["fmt", name][..], &["check", "--fix", name]] {
            let output = canvasc_bounded(args);
            assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
            assert!(
                stderr(&output).contains("canvasc writes only regular files"),
                "{}",
                stderr(&output)
            );
        }
        let after = kind(target);
        assert!(after.is_fifo() || after.is_char_device());
    }
    assert!(
        leftovers(directory.path()).is_empty(),
        "{:?}",
        leftovers(directory.path())
    );
}

#[test]
fn fmt_writes_through_a_symbolic_link() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let real = directory.path().join("real.canvas");
    std::fs::write(&real, "canvas \"X\"{currency EUR}\n").expect("writable");
    let link = directory.path().join("link.canvas");
    std::os::unix::fs::symlink("real.canvas", &link).expect("a link");
    let output = canvasc(&["fmt", link.to_str().unwrap_or_default()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(kind(&link).is_symlink());
    assert_eq!(
        std::fs::read_to_string(&real).expect("readable"),
        "canvas \"X\" { currency EUR }\n"
    );
}

#[test]
fn init_on_a_full_disk_leaves_no_file_behind() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let path = directory.path().join("new.canvas");
    // A file size limit of 1 KiB stands in for a full disk: the starter is
    // larger, so its write fails (with EFBIG, the signal being ignored).
    let script = format!(
        "trap '' XFSZ; ulimit -f 1; exec {} init \"$1\"",
        env!("CARGO_BIN_EXE_canvasc")
    );
    let output = Command::new("bash")
        .args(["-c", &script, "bash", path.to_str().unwrap_or_default()])
        .output()
        .expect("bash runs");
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(!path.exists(), "no empty or partial file");
    assert!(
        leftovers(directory.path()).is_empty(),
        "{:?}",
        leftovers(directory.path())
    );
    // Without the limit it is written, and never over an existing path.
    let output = canvasc(&["init", path.to_str().unwrap_or_default()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(std::fs::read(&path).expect("readable"), canvasc(&["init"]).stdout);
    let link = directory.path().join("dangling.canvas");
    std::os::unix::fs::symlink("nowhere.canvas", &link).expect("a link");
    let output = canvasc(&["init", link.to_str().unwrap_or_default()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(!directory.path().join("nowhere.canvas").exists());
}

#[test]
fn a_write_that_races_with_the_replacement_is_reported_not_lost() {
    // An appender writes line after line while fmt replaces the file; every
    // run either keeps every line or reports the race (exit 2).
    let directory = tempfile::tempdir().expect("a temp dir");
    let path = directory.path().join("busy.canvas");
    let mut reported = 0;
    let mut kept = 0;
    for attempt in 0..10 {
        std::fs::write(&path, messy(300)).expect("writable");
        let appender_path = path.clone();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stop_appending = stop.clone();
        let appender = std::thread::spawn(move || {
            use std::io::Write;
            let mut written = Vec::new();
            let mut index = 0;
            while !stop_appending.load(std::sync::atomic::Ordering::Relaxed) && index < 400 {
                let line = format!("# appended {attempt} {index}\n");
                if let Ok(mut file) = std::fs::OpenOptions::new().append(true).open(&appender_path) {
                    if file.write_all(line.as_bytes()).is_ok() {
                        written.push(line);
                    }
                }
                index += 1;
                std::thread::sleep(Duration::from_micros(200));
            }
            written
        });
        let output = canvasc(&["fmt", path.to_str().unwrap_or_default()]);
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        let written = appender.join().expect("the appender ends");
        let now = std::fs::read_to_string(&path).expect("readable");
        let lost: Vec<&String> = written.iter().filter(|line| !now.contains(line.trim_end())).collect();
        match output.status.code() {
            Some(0) => {
                // Lines appended after fmt finished are in the new file; one
                // appended to the replaced file in the race would be lost.
                assert!(lost.is_empty(), "attempt {attempt}: fmt succeeded and lost {lost:?}");
                kept += 1;
            }
            Some(2) => reported += 1,
            other => panic!("attempt {attempt}: status {other:?}: {}", stderr(&output)),
        }
    }
    assert_eq!(kept + reported, 10);
    assert!(
        leftovers(directory.path()).is_empty(),
        "{:?}",
        leftovers(directory.path())
    );
}
