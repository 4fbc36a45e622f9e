//! Safe writes: every file canvasc writes goes through a temporary file in
//! the same directory that replaces the target in one rename.
//!
//! Invariants: a reader (or a crash) sees the old file or the new one, never
//! a truncated mix; a replaced file keeps its permissions; a symbolic link is
//! written through to its target; a file changed by someone else since it
//! was read is left as they left it; on an error the original stays whole
//! and the temporary file is removed.

use std::io::Write;
use std::path::Path;

/// Writes through a temporary file in the same directory, then renames it
/// over the target, so readers see the old file or the new one, never half.
pub fn write_atomically(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temporary = tempfile::NamedTempFile::new_in(directory)?;
    temporary.write_all(contents)?;
    temporary.as_file().sync_all()?;
    // A temporary file is private (0600); the output keeps the mode of the
    // file it replaces, or gets the usual 0644 of a new file.
    let permissions = match std::fs::metadata(path) {
        Ok(metadata) => metadata.permissions(),
        Err(_) => {
            use std::os::unix::fs::PermissionsExt;
            std::fs::Permissions::from_mode(0o644)
        }
    };
    std::fs::set_permissions(temporary.path(), permissions)?;
    temporary.persist(path).map_err(|error| error.error)?;
    Ok(())
}

/// Replaces the file at `path` (or, for a link, the file it points to) with
/// `contents`, provided it still holds `expected`. Shared by `fmt` and
/// `check --fix`.
pub fn replace(path: &Path, expected: &[u8], contents: &[u8]) -> Result<(), String> {
    let target = std::fs::canonicalize(path).map_err(|error| error.to_string())?;
    let directory = target.parent().unwrap_or_else(|| Path::new("."));
    let permissions = std::fs::metadata(&target)
        .map_err(|error| error.to_string())?
        .permissions();
    let mut temporary = tempfile::Builder::new()
        .prefix(".canvasc-")
        .tempfile_in(directory)
        .map_err(|error| format!("cannot create a temporary file beside it: {error}"))?;
    temporary
        .write_all(contents)
        .and_then(|()| temporary.as_file().sync_all())
        .map_err(|error| error.to_string())?;
    std::fs::set_permissions(temporary.path(), permissions).map_err(|error| error.to_string())?;
    // Someone may have saved the file while we rewrote it: their edit wins.
    let now = std::fs::read(&target).map_err(|error| error.to_string())?;
    if now != expected {
        return Err("the file changed while canvasc was rewriting it; it was left as it is".to_string());
    }
    temporary.persist(&target).map_err(|error| error.error.to_string())?;
    Ok(())
}
