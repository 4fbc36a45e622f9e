//! Reading the files named on the command line.
//!
//! `-` is standard input; a directory means every `*.canvas` file below it,
//! in sorted order; anything that is not a regular file inside a directory
//! (a FIFO, a device) is skipped so a run never blocks. Files over
//! [`MAX_FILE_SIZE`] are refused before they are read, with a `too-large`
//! diagnostic.

use std::io::Read;
use std::path::{Path, PathBuf};

pub(super) use crate::limits::MAX_FILE_SIZE;
use crate::Diagnostic;

/// Why an input was not read.
#[derive(Clone, Debug)]
pub(super) enum ReadError {
    /// Over [`MAX_FILE_SIZE`]: refused unread, with its `too-large`
    /// diagnostic (about the whole file).
    TooLarge(Box<Diagnostic>),
    /// Missing, a directory, a permission problem, an I/O error.
    Io(String),
}

impl ReadError {
    fn too_large(name: &str, size: Option<u64>) -> Self {
        ReadError::TooLarge(Box::new(crate::limits::too_large(name, size)))
    }

    /// The problem in one line, as JSON's `error` and plain `error:` lines give it.
    pub(super) fn message(&self) -> &str {
        match self {
            ReadError::TooLarge(diagnostic) => &diagnostic.message,
            ReadError::Io(message) => message,
        }
    }

    /// The diagnostic of the file, when the problem is one.
    pub(super) fn diagnostic(&self) -> Option<&Diagnostic> {
        match self {
            ReadError::TooLarge(diagnostic) => Some(diagnostic),
            ReadError::Io(_) => None,
        }
    }

    /// Prints the problem for people, on standard error: the diagnostic as
    /// a report, or an `error:` line.
    pub(super) fn print(&self, name: &str) {
        match self.diagnostic() {
            Some(diagnostic) => eprint!(
                "{}",
                crate::render::ShownSource::new(name, "").render(diagnostic, super::terminal::stderr_style())
            ),
            None => eprintln!("error: {}", crate::render::escape_control(self.message())),
        }
    }
}

/// Where a source comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// The name diagnostics show.
    pub(super) fn name(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File(path) => display(path),
        }
    }

    /// The file's path; `None` for standard input.
    pub(super) fn path(&self) -> Option<&Path> {
        match self {
            Input::Stdin => None,
            Input::File(path) => Some(path),
        }
    }

    /// Reads the whole input as bytes, refusing oversized files.
    pub(super) fn read(&self) -> Result<Vec<u8>, ReadError> {
        match self {
            Input::Stdin => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .take(MAX_FILE_SIZE + 1)
                    .read_to_end(&mut bytes)
                    .map_err(|error| ReadError::Io(format!("cannot read standard input: {error}")))?;
                if bytes.len() as u64 > MAX_FILE_SIZE {
                    return Err(ReadError::too_large("-", None));
                }
                Ok(bytes)
            }
            Input::File(path) => read_file(path),
        }
    }
}

fn read_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    let cannot_read =
        |error: std::io::Error| ReadError::Io(format!("cannot read `{}`: {}", display(path), describe(&error)));
    let metadata = std::fs::metadata(path).map_err(cannot_read)?;
    if metadata.is_dir() {
        return Err(ReadError::Io(format!("`{}` is a directory", display(path))));
    }
    // The size is checked first, so an oversized file is never read.
    if metadata.len() > MAX_FILE_SIZE {
        return Err(ReadError::too_large(&display(path), Some(metadata.len())));
    }
    // Room for the whole file at once (plus the byte that shows it is at its
    // end): growing by doubling would briefly hold up to three times its size.
    let expected = usize::try_from(metadata.len()).unwrap_or(0).saturating_add(1);
    let mut bytes = Vec::with_capacity(expected);
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_FILE_SIZE + 1).read_to_end(&mut bytes))
        .map_err(cannot_read)?;
    // A FIFO or a file that grew since: its size is only known now.
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(ReadError::too_large(&display(path), None));
    }
    Ok(bytes)
}

/// A path as diagnostics and reports name it. A name that is not UTF-8 has
/// each byte that is not shown as `\xNN`, so two such names never look the
/// same (a lossy `U+FFFD` would merge them).
pub(super) fn display(path: &Path) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    let mut shown = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        shown.push_str(chunk.valid());
        for byte in chunk.invalid() {
            shown.push_str(&format!("\\x{byte:02X}"));
        }
    }
    shown
}

fn describe(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => error.to_string(),
    }
}

/// A path that could not be read, and why.
pub(super) struct Problem {
    pub path: String,
    pub message: String,
    /// How many inputs come before it, so reports can keep command-line order.
    pub place: usize,
}

/// Expands the command line's paths into inputs; problems (a path that does
/// not exist) come back apart, in order, each knowing its place among the inputs.
///
/// A file named on the command line is always read, whatever its kind and
/// wherever it is. A directory is walked by the `ignore` crate (as ripgrep
/// and ruff do): symbolic links to directories are not followed, so a link
/// loop cannot make the walk endless; hidden directories and what a
/// `.gitignore` (or `.ignore`) excludes are skipped, inside a git repository
/// or not; only regular `*.canvas` files are taken (a link to one counts),
/// and each real file (device and inode) once, however many links or walks
/// reach it.
pub(super) fn expand(paths: &[PathBuf]) -> (Vec<Input>, Vec<Problem>) {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut stdin_named = false;
    for path in paths {
        if path.as_os_str() == "-" {
            if stdin_named {
                // Standard input can be read only once; the second `-` would be empty.
                problems.push(Problem {
                    path: "-".to_string(),
                    message: "standard input (`-`) is named more than once; it can be read only once".to_string(),
                    place: inputs.len(),
                });
                continue;
            }
            stdin_named = true;
            inputs.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(path) {
            Ok(metadata) if metadata.is_dir() => walk(path, &mut seen, &mut inputs, &mut problems),
            // A file named explicitly is read whatever its kind: the user asked for it.
            Ok(metadata) => {
                seen.insert(identity(&metadata));
                inputs.push(Input::File(path.clone()));
            }
            Err(error) => problems.push(Problem {
                path: display(path),
                message: format!("cannot read `{}`: {}", display(path), describe(&error)),
                place: inputs.len(),
            }),
        }
    }
    (inputs, problems)
}

/// Whether a command line names standard input more than once.
pub(super) fn names_stdin_twice(paths: &[PathBuf]) -> bool {
    paths.iter().filter(|path| path.as_os_str() == "-").count() > 1
}

/// A real file: its device and inode, the same through every link.
fn identity(metadata: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (metadata.dev(), metadata.ino())
}

fn walk(
    directory: &Path,
    seen: &mut std::collections::HashSet<(u64, u64)>,
    inputs: &mut Vec<Input>,
    problems: &mut Vec<Problem>,
) {
    let walker = ignore::WalkBuilder::new(directory)
        .follow_links(false)
        // Hidden directories are skipped below; a hidden file is still a file.
        .hidden(false)
        .require_git(false)
        .sort_by_file_name(std::ffi::OsStr::cmp)
        .filter_entry(|entry| {
            let hidden = entry.file_name().as_encoded_bytes().starts_with(b".");
            let directory = entry.file_type().is_some_and(|kind| kind.is_dir());
            entry.depth() == 0 || !(hidden && directory)
        })
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                problems.push(Problem {
                    path: display(directory),
                    message: format!("cannot read directory `{}`: {}", display(directory), walk_error(&error)),
                    place: inputs.len(),
                });
                continue;
            }
        };
        let path = entry.path();
        if entry.depth() == 0 || path.extension().is_none_or(|extension| extension != "canvas") {
            continue;
        }
        // A link is judged by what it points to: a link to a regular file is
        // read (once), a link to a directory is never entered.
        let Ok(metadata) = std::fs::metadata(path) else {
            problems.push(Problem {
                path: display(path),
                message: format!("cannot read `{}`: broken link or unreadable", display(path)),
                place: inputs.len(),
            });
            continue;
        };
        // A FIFO or a device inside a directory is skipped, so a walk never blocks.
        if metadata.is_file() && seen.insert(identity(&metadata)) {
            inputs.push(Input::File(path.to_path_buf()));
        }
    }
}

fn walk_error(error: &ignore::Error) -> String {
    match error.io_error() {
        Some(io) => describe(io),
        None => error.to_string(),
    }
}

/// Puts each problem back among the inputs (or their results, one per
/// input, in order) where its path was named, lazily, so a caller that works
/// as it goes keeps command-line order too.
pub(super) fn in_place<R>(
    results: impl IntoIterator<Item = R>,
    problems: Vec<Problem>,
) -> impl Iterator<Item = Result<R, Problem>> {
    let mut results = results.into_iter().enumerate().peekable();
    let mut problems = problems.into_iter().peekable();
    std::iter::from_fn(move || {
        let next_input = results.peek().map(|(index, _)| *index);
        match problems.next_if(|problem| next_input.is_none_or(|index| problem.place <= index)) {
            Some(problem) => Some(Err(problem)),
            None => results.next().map(|(_, result)| Ok(result)),
        }
    })
}

/// Applies `work` to every item on every core, and returns the results in
/// the items' order. Files are independent, so many files are checked at once.
pub(super) fn in_parallel<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads < 2 {
        return items.iter().map(&work).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(index) else { break };
                        done.push((index, work(item)));
                    }
                    done
                })
            })
            .collect();
        // A panic in a worker is a bug: let it surface, never drop a file's result.
        workers
            .into_iter()
            .flat_map(|worker| worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    });
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
}
