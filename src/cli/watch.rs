//! `canvasc check --watch`: check again whenever a file changes.
//!
//! Changes are found by polling, every [`POLL_INTERVAL`], the modification
//! time and size of every canvas the command line names (directories walked
//! again each time, so new canvases join) and of the project files that
//! govern them. Polling needs no platform API and no extra crate, and a few
//! `stat` calls every 300 ms cost nothing next to a person typing.
//!
//! Invariants: a run starts with the state it saw recorded, so a save during
//! a run is seen afterwards and checked again; a file that appears,
//! disappears or changes time or size counts as a change; the screen is
//! cleared between runs only when standard error is a terminal, so a
//! redirected log keeps every run. The loop ends only when the process is
//! interrupted (Ctrl-C), with the shell's usual status.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use super::inputs::{expand, Input};
use super::terminal::plural;
use super::Status;
use crate::project::Projects;

/// How often the files are looked at.
pub(super) const POLL_INTERVAL: Duration = Duration::from_millis(300);

/// What a file looked like: its modification time and size, or nothing when
/// it could not be seen.
pub(super) type Stamp = Option<(SystemTime, u64)>;

/// Every watched path with its stamp, in a stable order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Snapshot {
    pub files: Vec<(PathBuf, Stamp)>,
}

impl Snapshot {
    /// The canvases `paths` name and the project files that govern them.
    pub(super) fn take(paths: &[PathBuf]) -> Snapshot {
        let (inputs, problems) = expand(paths);
        let mut projects = Projects::default();
        let mut files: Vec<PathBuf> = Vec::new();
        for input in &inputs {
            if let Input::File(path) = input {
                files.push(path.clone());
            }
            files.extend(projects.file_for(input.path()));
        }
        // A path that is missing now may appear later.
        files.extend(problems.into_iter().map(|problem| PathBuf::from(problem.path)));
        files.sort();
        files.dedup();
        Snapshot {
            files: files
                .into_iter()
                .map(|path| {
                    let stamp = stamp(&path);
                    (path, stamp)
                })
                .collect(),
        }
    }

    /// How many canvases and project files are watched.
    pub(super) fn count(&self) -> usize {
        self.files.len()
    }
}

fn stamp(path: &std::path::Path) -> Stamp {
    let metadata = std::fs::metadata(path).ok()?;
    Some((metadata.modified().ok()?, metadata.len()))
}

/// Whether anything watched changed between two snapshots: a file added or
/// gone, or one whose time or size differs.
pub(super) fn changed(before: &Snapshot, after: &Snapshot) -> bool {
    before != after
}

/// Runs `check` (one check of every file), then again after every change
/// to what `paths` name, until interrupted.
pub(super) fn run(paths: &[PathBuf], mut check: impl FnMut()) -> Status {
    let clear = std::io::stderr().is_terminal();
    let mut seen = Snapshot::take(paths);
    check();
    announce(&seen);
    loop {
        std::thread::sleep(POLL_INTERVAL);
        let now = Snapshot::take(paths);
        if !changed(&seen, &now) {
            continue;
        }
        seen = now;
        if clear {
            eprint!("\x1b[2J\x1b[H");
        }
        check();
        announce(&seen);
    }
}

fn announce(snapshot: &Snapshot) {
    eprintln!(
        "watching {} for changes; press Ctrl-C to stop",
        plural(snapshot.count(), "file", "files")
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshots_see_saves_new_files_and_project_files() -> std::io::Result<()> {
        let directory = tempfile::tempdir()?;
        let canvas = directory.path().join("a.canvas");
        std::fs::write(&canvas, "canvas \"A\"\n")?;
        let paths = [directory.path().to_path_buf()];
        let first = Snapshot::take(&paths);
        assert!(first
            .files
            .iter()
            .any(|(path, stamp)| *path == canvas && stamp.is_some()));
        assert!(!changed(&first, &Snapshot::take(&paths)));

        std::fs::write(&canvas, "canvas \"A longer title\"\n")?;
        let saved = Snapshot::take(&paths);
        assert!(changed(&first, &saved));

        std::fs::write(directory.path().join("b.canvas"), "canvas \"B\"\n")?;
        let added = Snapshot::take(&paths);
        assert!(changed(&saved, &added));

        std::fs::write(directory.path().join(crate::project::PROJECT_FILE), "")?;
        assert!(changed(&added, &Snapshot::take(&paths)));
        Ok(())
    }
}
