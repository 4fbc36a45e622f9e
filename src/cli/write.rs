//! Safe writes: every path canvasc writes (`fmt` and `check --fix` in place,
//! `build -o`, `init`) goes through a temporary file in the same directory
//! that replaces the target in one rename (reference §5, "Writing files").
//!
//! Invariants:
//!
//! - A target is a regular file or nothing yet. A FIFO, a device, a socket or
//!   a directory there is refused before anything is read from or written to
//!   it, so `build -o /dev/null` never replaces a device and `fmt` never
//!   blocks on a pipe.
//! - A symbolic link is written through to the file it names (followed as
//!   the kernel does, at most [`MAX_LINKS`] links); the link stays a link.
//! - A reader (or a crash) sees the old file or the new one, never a mix; a
//!   replaced file keeps its permissions; on an error the target is as it
//!   was and the temporary file is removed, so nothing partial or empty is
//!   left behind.
//! - `replace` (for `fmt` and `--fix`) leaves a file changed by someone else
//!   since it was read as they left it, and reports a write that raced with
//!   the replacement itself (see [`replace`] for what can and cannot be seen).

use std::fs::{File, Metadata};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use super::inputs::display;
use crate::limits::MAX_FILE_SIZE;

/// How many symbolic links a path may go through, as Linux allows.
pub(crate) const MAX_LINKS: usize = 40;

/// What stands at a path that is not a regular file, in words.
fn kind_of(metadata: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = metadata.file_type();
    if kind.is_dir() {
        "a directory"
    } else if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

/// A real file: its device and inode, the same through every link.
fn identity(metadata: &Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (metadata.dev(), metadata.ino())
}

/// The path a write lands on, links followed, and what is there now
/// (`None`: nothing yet, so the write creates it). Anything there but a
/// regular file is refused, with a message that says what it is.
pub(crate) fn target(path: &Path) -> Result<(PathBuf, Option<Metadata>), String> {
    let mut current = path.to_path_buf();
    for _ in 0..=MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let link = std::fs::read_link(&current).map_err(|error| error.to_string())?;
                current = match current.parent() {
                    Some(parent) if link.is_relative() => parent.join(link),
                    _ => link,
                };
            }
            Ok(metadata) if metadata.is_file() => return Ok((current, Some(metadata))),
            Ok(metadata) => {
                return Err(format!(
                    "it is {}; canvasc writes only regular files, and left it untouched",
                    kind_of(&metadata)
                ))
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok((current, None)),
            Err(error) => return Err(error.to_string()),
        }
    }
    Err(format!("more than {MAX_LINKS} symbolic links lead to it"))
}

/// Refuses what `build -o` must not write: a target that is not a regular
/// file, or the input itself (through whatever links).
pub(crate) fn check_output(output: &Path, input: Option<&Path>) -> Result<(), String> {
    let (_, existing) = target(output)?;
    let same = match (existing, input.map(std::fs::metadata)) {
        (Some(existing), Some(Ok(input))) => identity(&existing) == identity(&input),
        _ => false,
    };
    if same {
        return Err("it is the canvas being built; choose another output".to_string());
    }
    Ok(())
}

/// The directory a temporary file for `target` goes in: the target's own,
/// so the final rename never crosses file systems.
fn directory_of(target: &Path) -> &Path {
    match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// A temporary file beside `target` holding `contents`, on disk, with
/// `permissions`. Dropped unpersisted, it is removed.
fn staged(
    target: &Path,
    contents: &[u8],
    permissions: std::fs::Permissions,
) -> std::io::Result<tempfile::NamedTempFile> {
    let mut temporary = tempfile::Builder::new()
        .prefix(".canvasc-")
        .tempfile_in(directory_of(target))?;
    temporary.write_all(contents)?;
    temporary.as_file().sync_all()?;
    // A temporary file is private (0600); the output keeps the mode of the
    // file it replaces, or gets the usual 0644 of a new file.
    std::fs::set_permissions(temporary.path(), permissions)?;
    Ok(temporary)
}

fn new_file_permissions() -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    std::fs::Permissions::from_mode(0o644)
}

/// Writes `contents` at `path` (through a link to its target) atomically:
/// readers see the old file or the new one, never half. A target that is
/// not a regular file is refused. For `build -o`.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<(), String> {
    let (target, existing) = target(path)?;
    let permissions = existing.map_or_else(new_file_permissions, |metadata| metadata.permissions());
    let temporary = staged(&target, contents, permissions).map_err(|error| error.to_string())?;
    temporary.persist(&target).map_err(|error| error.error.to_string())?;
    Ok(())
}

/// Creates `path` with `contents`, all or nothing, and never over anything
/// already there (a link, even a broken one, counts): the file appears
/// whole in one step, so a full disk leaves no empty file. For `init`.
pub(crate) fn create_new(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(std::io::ErrorKind::AlreadyExists.into());
    }
    let temporary = staged(path, contents, new_file_permissions())?;
    temporary.persist_noclobber(path).map_err(|error| error.error)?;
    Ok(())
}

/// Refuses to rewrite in place what is not a regular file, before it is
/// read: `fmt` or `check --fix` on a FIFO would block, on a device it would
/// write where it must not.
pub(crate) fn check_rewritable(path: &Path) -> Result<(), String> {
    match target(path)? {
        (_, Some(_)) => Ok(()),
        (_, None) => Err("it does not exist".to_string()),
    }
}

/// Reads a whole open file from its start, bounded by the size limit.
fn read_from_start(file: &mut File) -> std::io::Result<Vec<u8>> {
    file.rewind()?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_SIZE + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Replaces the file at `path` (or, for a link, the file it points to) with
/// `contents`, provided it still holds `expected`. Shared by `fmt` and
/// `check --fix`.
///
/// What is guaranteed: a save by another program (by rename or in place)
/// before the replacement is kept, and the replacement is refused; a write
/// into the old file in the instant between the last comparison and the
/// rename (an append, say) is seen afterwards, and the file is put back as
/// that program left it (unformatted, with its write), reported as an error.
/// What is not: a program that keeps the old file open and writes after
/// that goes on writing into the replaced file, which no path names any
/// more; POSIX has no atomic compare-and-replace to prevent it.
pub fn replace(path: &Path, expected: &[u8], contents: &[u8]) -> Result<(), String> {
    let (target, existing) = target(path)?;
    let Some(existing) = existing else {
        return Err("it no longer exists".to_string());
    };
    let changed = || "the file changed while canvasc was rewriting it; it was left as it is".to_string();
    let mut original = File::open(&target).map_err(|error| error.to_string())?;
    let opened = original.metadata().map_err(|error| error.to_string())?;
    if identity(&opened) != identity(&existing) {
        return Err(changed());
    }
    let temporary = staged(&target, contents, existing.permissions())
        .map_err(|error| format!("cannot write a temporary file beside it: {error}"))?;
    // Someone may have saved the file while we rewrote it: their edit wins.
    let now = read_from_start(&mut original).map_err(|error| error.to_string())?;
    let still_there = std::fs::metadata(&target).is_ok_and(|metadata| identity(&metadata) == identity(&opened));
    if now != expected || !still_there {
        return Err(changed());
    }
    temporary.persist(&target).map_err(|error| error.error.to_string())?;
    // A write between the comparison and the rename went into the old file:
    // put that back rather than lose it.
    let after = read_from_start(&mut original).map_err(|error| error.to_string())?;
    if after != expected {
        let restored = staged(&target, &after, existing.permissions())
            .and_then(|temporary| temporary.persist(&target).map_err(|error| error.error));
        return Err(match restored {
            Ok(_) => {
                "another program wrote to the file while canvasc replaced it; it was put back as that program left it"
                    .to_string()
            }
            Err(error) => format!(
                "another program wrote to the file while canvasc replaced it, and putting its text back failed ({error}): \
                 `{}` holds the formatted text without that write",
                display(path)
            ),
        });
    }
    Ok(())
}
