//! Project files: the `canvas.toml` that sets lint levels for the canvases
//! below it, found and read for the command line and the language server
//! alike, so that an editor shows what `canvasc check` reports.
//!
//! Invariants: a canvas's project file is the nearest `canvas.toml` in its
//! directory or any directory above it, up to the filesystem root (standard
//! input's search starts in the working directory); there is no merging of
//! several files, the nearest one alone counts. Through [`Projects`] each file
//! is read and parsed once per run, however many canvases share it. What the
//! file means is [`Levels::from_toml`]'s business; this module only finds and
//! reads it. It is outside the pipeline, which does no I/O.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::levels::Levels;

/// The name of a project file.
pub(crate) const PROJECT_FILE: &str = "canvas.toml";

/// The project files of one run, found and read at most once each.
#[derive(Default)]
pub(crate) struct Projects {
    /// Directory searched → the project file that governs it.
    found: HashMap<PathBuf, Option<PathBuf>>,
    /// Project file → its levels, or why it could not be used.
    read: HashMap<PathBuf, Result<Levels, String>>,
}

impl Projects {
    /// The project file that governs the canvas at `canvas` (`None` for
    /// standard input), if any.
    pub(crate) fn file_for(&mut self, canvas: Option<&Path>) -> Option<PathBuf> {
        let directory = start_directory(canvas);
        if let Some(found) = self.found.get(&directory) {
            return found.clone();
        }
        let found = find_upward(&directory);
        self.found.insert(directory, found.clone());
        found
    }

    /// The levels the project file of `canvas` sets (none without a file),
    /// or a message naming the file and what is wrong with it.
    pub(crate) fn levels_for(&mut self, canvas: Option<&Path>) -> Result<Levels, String> {
        let Some(file) = self.file_for(canvas) else {
            return Ok(Levels::new());
        };
        self.read.entry(file.clone()).or_insert_with(|| read(&file)).clone()
    }
}

/// Where the search for a canvas's project file starts: its own directory
/// (the working directory for standard input), made absolute so the walk
/// can go above the working directory.
fn start_directory(canvas: Option<&Path>) -> PathBuf {
    let directory = match canvas.and_then(Path::parent) {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    // Canonical when it exists (so `a/../b` walks up from `b`), else at
    // least absolute.
    std::fs::canonicalize(&directory)
        .or_else(|_| std::path::absolute(&directory))
        .unwrap_or(directory)
}

/// The levels of the project file that governs the canvas at `path` (none
/// without one), read afresh: for the language server, whose documents may
/// change project between two edits.
pub(crate) fn levels_for_path(path: &Path) -> Result<Levels, String> {
    match find_upward(&start_directory(Some(path))) {
        Some(file) => read(&file),
        None => Ok(Levels::new()),
    }
}

/// The nearest `canvas.toml` that is a file, from `directory` up to the root.
pub(crate) fn find_upward(directory: &Path) -> Option<PathBuf> {
    directory
        .ancestors()
        .map(|ancestor| ancestor.join(PROJECT_FILE))
        .find(|candidate| candidate.is_file())
}

fn read(file: &Path) -> Result<Levels, String> {
    let text = std::fs::read_to_string(file).map_err(|error| format!("cannot read `{}`: {error}", file.display()))?;
    Levels::from_toml(&text).map_err(|error| format!("in `{}`: {error}", file.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_project_file_up_the_tree_counts() -> std::io::Result<()> {
        let root = tempfile::tempdir()?;
        let deep = root.path().join("a").join("b");
        std::fs::create_dir_all(&deep)?;
        // Nothing in the tree yet: only what may lie above it, as for its root.
        assert_eq!(find_upward(&deep), find_upward(root.path()));
        std::fs::write(root.path().join(PROJECT_FILE), "")?;
        assert_eq!(find_upward(&deep), Some(root.path().join(PROJECT_FILE)));
        std::fs::write(root.path().join("a").join(PROJECT_FILE), "")?;
        assert_eq!(find_upward(&deep), Some(root.path().join("a").join(PROJECT_FILE)));
        // A directory of that name is not a project file.
        std::fs::create_dir(deep.join(PROJECT_FILE))?;
        assert_eq!(find_upward(&deep), Some(root.path().join("a").join(PROJECT_FILE)));
        Ok(())
    }
}
