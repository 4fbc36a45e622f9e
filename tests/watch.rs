//! `canvasc check --watch`: a save is checked again without a restart.
//! (How changes are detected is unit-tested in `src/cli/watch.rs`.)

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

/// Kills the watcher however the test ends, so no process outlives it.
struct Watcher(Child);

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Waits for a line of standard error that contains `wanted`; the lines seen
/// until then come back in the error.
fn wait_for(lines: &Receiver<String>, wanted: &str) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut seen = String::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match lines.recv_timeout(left) {
            Ok(line) if line.contains(wanted) => return Ok(()),
            Ok(line) => {
                seen.push_str(&line);
                seen.push('\n');
            }
            Err(_) => break,
        }
    }
    Err(format!("no line with {wanted:?}; saw:\n{seen}"))
}

#[test]
fn a_save_is_checked_again() -> Result<(), String> {
    let directory = tempfile::tempdir().map_err(|error| error.to_string())?;
    let path = directory.path().join("x.canvas");
    std::fs::write(&path, "canvas \"X\" { currency EUR }\nproposition p { for nobody }\n")
        .map_err(|error| error.to_string())?;
    let child = Command::new(env!("CARGO_BIN_EXE_canvasc"))
        .args(["check", "--watch", "x.canvas"])
        .current_dir(directory.path())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| error.to_string())?;
    let mut watcher = Watcher(child);
    let stderr = watcher.0.stderr.take().ok_or("stderr is piped")?;
    let (sender, lines) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                break;
            }
        }
    });

    wait_for(&lines, "1 error, 0 warnings in 1 file")?;
    wait_for(&lines, "watching 1 file for changes")?;
    std::fs::write(&path, "canvas \"X\" { currency EUR }\n").map_err(|error| error.to_string())?;
    wait_for(&lines, "0 errors, 0 warnings in 1 file")?;
    wait_for(&lines, "watching 1 file for changes")?;
    // Still running: only an interrupt ends it.
    assert!(matches!(watcher.0.try_wait(), Ok(None)));
    Ok(())
}

#[test]
fn standard_input_cannot_be_watched() {
    let output = Command::new(env!("CARGO_BIN_EXE_canvasc"))
        .args(["check", "--watch", "-"])
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(2));
}
