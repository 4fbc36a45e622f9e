//! Reading the files named on the command line.
//!
//! `-` is standard input; a directory means every `*.canvas` file below it,
//! in sorted order; anything that is not a regular file inside a directory
//! (a FIFO, a device) is skipped so a run never blocks. Files over
//! [`MAX_FILE_SIZE`] are refused before they are read, with a `too-large`
//! diagnostic.

use std::io::Read;
use std::path::{Path, PathBuf};

pub use crate::limits::MAX_FILE_SIZE;
use crate::Diagnostic;

/// Why an input was not read.
#[derive(Clone, Debug)]
pub enum ReadError {
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
    pub fn message(&self) -> &str {
        match self {
            ReadError::TooLarge(diagnostic) => &diagnostic.message,
            ReadError::Io(message) => message,
        }
    }

    /// The diagnostic of the file, when the problem is one.
    pub fn diagnostic(&self) -> Option<&Diagnostic> {
        match self {
            ReadError::TooLarge(diagnostic) => Some(diagnostic),
            ReadError::Io(_) => None,
        }
    }

    /// Prints the problem for people, on standard error: the diagnostic as
    /// a report, or an `error:` line.
    pub fn print(&self, name: &str) {
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
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// The name diagnostics show.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File(path) => path.display().to_string(),
        }
    }

    /// The file's path; `None` for standard input.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Input::Stdin => None,
            Input::File(path) => Some(path),
        }
    }

    /// Reads the whole input as bytes, refusing oversized files.
    pub fn read(&self) -> Result<Vec<u8>, ReadError> {
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
        |error: std::io::Error| ReadError::Io(format!("cannot read `{}`: {}", path.display(), describe(&error)));
    let metadata = std::fs::metadata(path).map_err(cannot_read)?;
    if metadata.is_dir() {
        return Err(ReadError::Io(format!("`{}` is a directory", path.display())));
    }
    // The size is checked first, so an oversized file is never read.
    if metadata.len() > MAX_FILE_SIZE {
        return Err(ReadError::too_large(&path.display().to_string(), Some(metadata.len())));
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
        return Err(ReadError::too_large(&path.display().to_string(), None));
    }
    Ok(bytes)
}

fn describe(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => error.to_string(),
    }
}

/// A path that could not be read, and why.
pub struct Problem {
    pub path: String,
    pub message: String,
    /// How many inputs come before it, so reports can keep command-line order.
    pub place: usize,
}

/// Expands the command line's paths into inputs; problems (a path that does
/// not exist) come back apart, in order, each knowing its place among the inputs.
pub fn expand(paths: &[PathBuf]) -> (Vec<Input>, Vec<Problem>) {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(path) {
            Ok(metadata) if metadata.is_dir() => walk(path, &mut inputs, &mut problems),
            // A file named explicitly is read whatever its kind: the user asked for it.
            Ok(_) => inputs.push(Input::File(path.clone())),
            Err(error) => problems.push(Problem {
                path: path.display().to_string(),
                message: format!("cannot read `{}`: {}", path.display(), describe(&error)),
                place: inputs.len(),
            }),
        }
    }
    (inputs, problems)
}

fn walk(directory: &Path, inputs: &mut Vec<Input>, problems: &mut Vec<Problem>) {
    let entries = match std::fs::read_dir(directory) {
        Ok(entries) => entries,
        Err(error) => {
            problems.push(Problem {
                path: directory.display().to_string(),
                message: format!("cannot read directory `{}`: {}", directory.display(), describe(&error)),
                place: inputs.len(),
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .collect();
    paths.sort();
    for path in paths {
        // Follow links, but judge the kind of what they point to.
        let Ok(metadata) = std::fs::metadata(&path) else {
            if path.extension().is_some_and(|extension| extension == "canvas") {
                problems.push(Problem {
                    path: path.display().to_string(),
                    message: format!("cannot read `{}`: broken link or unreadable", path.display()),
                    place: inputs.len(),
                });
            }
            continue;
        };
        if metadata.is_dir() {
            walk(&path, inputs, problems);
        } else if metadata.is_file() && path.extension().is_some_and(|extension| extension == "canvas") {
            inputs.push(Input::File(path));
        }
    }
}

/// Puts each problem back among the inputs (or their results, one per
/// input, in order) where its path was named, lazily, so a caller that works
/// as it goes keeps command-line order too.
pub fn in_place<R>(
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
pub fn in_parallel<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
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
