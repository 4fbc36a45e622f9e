//! `canvasc fmt FILE...`: rewrite canvases into the canonical layout.
//!
//! Writing is safe: a file with a syntax error is refused and left as it
//! was; a file already canonical is not written; a path that is not a
//! regular file (a FIFO, a device) is refused before it is read; a new text
//! goes to a temporary file in the same directory that replaces the original
//! in one rename, keeping its permissions; a symbolic link is written through
//! to its target; a file changed by someone else since it was read is left
//! alone, and a write that races with the replacement is reported (exit 2;
//! see `write::replace`); on any error the original stays whole and no
//! temporary file is left.

use std::path::PathBuf;

use super::inputs::{expand, Input};
use super::terminal::{plural, stderr_style};
use super::Status;
use crate::render::{escape_control, ShownSource};

#[derive(clap::Args)]
pub(super) struct Args {
    /// Files or directories to format (`-` formats standard input to standard output); the current directory without one.
    #[arg(default_value = ".")]
    files: Vec<PathBuf>,
    /// Write nothing; list the files that would change and exit 1 if any would.
    #[arg(long)]
    check: bool,
    /// Write nothing; show what would change as a unified diff.
    #[arg(long)]
    diff: bool,
}

pub(super) fn run(args: Args) -> Status {
    if super::inputs::names_stdin_twice(&args.files) {
        eprintln!("error: standard input (`-`) can be read only once; name it once");
        return Status::Trouble;
    }
    let (inputs, problems) = expand(&args.files);
    let mut status = Status::Success;
    let mut changed = 0;
    for entry in super::inputs::in_place(&inputs, problems) {
        match entry {
            Ok(input) => {
                let (outcome, would_change) = format_input(input, &args);
                status = status.worst(outcome);
                changed += usize::from(would_change);
            }
            Err(problem) => {
                eprintln!("error: {}", escape_control(&problem.message));
                status = Status::Trouble;
            }
        }
    }
    if args.check || args.diff {
        if changed > 0 {
            eprintln!("{} would be reformatted", plural(changed, "file", "files"));
            if args.check {
                status = status.worst(Status::Findings);
            }
        }
    } else if changed > 0 {
        eprintln!("reformatted {}", plural(changed, "file", "files"));
    }
    status
}

/// Reports the syntax errors of a file `fmt` will not touch.
fn refuse(name: &str, source: &str, diagnostics: &[crate::Diagnostic]) -> (Status, bool) {
    let style = stderr_style();
    let shown = ShownSource::new(name, source);
    for diagnostic in diagnostics.iter().filter(|d| d.code == crate::Code::Syntax) {
        eprint!("{}", shown.render(diagnostic, style));
    }
    eprintln!(
        "error: `{}` has syntax errors; it was left untouched",
        escape_control(name)
    );
    (Status::Findings, false)
}

/// Formats one input; returns its status and whether it would change.
fn format_input(input: &Input, args: &Args) -> (Status, bool) {
    let name = input.name();
    // A file rewritten in place must be a regular file, judged before it is
    // read: reading a FIFO would block, and a device is never rewritten.
    if let (Input::File(path), false, false) = (input, args.check, args.diff) {
        if let Err(problem) = super::write::check_rewritable(path) {
            eprintln!(
                "error: cannot format `{}` in place: {}",
                escape_control(&name),
                escape_control(&problem)
            );
            return (Status::Trouble, false);
        }
    }
    let bytes = match input.read() {
        Ok(bytes) => bytes,
        Err(problem) => {
            problem.print(&name);
            return (Status::Trouble, false);
        }
    };
    // Formatting needs the syntax tree and nothing of the model: decode and
    // parse only (`check_bytes` explains a file that is not UTF-8).
    let Ok(source) = std::str::from_utf8(&bytes) else {
        let checked = crate::check_bytes(name.clone(), bytes.as_slice());
        return refuse(&checked.name, &checked.source, &checked.diagnostics);
    };
    let (syntax, diagnostics) = crate::syntax::parse(source);
    if !diagnostics.is_empty() {
        return refuse(&name, source, &diagnostics);
    }
    let formatted = crate::fmt::format(source, &syntax);
    let changes = formatted != source;
    if args.diff && changes && super::stdout(unified_diff(&name, source, &formatted).as_bytes()).is_err() {
        return (Status::Trouble, changes);
    }
    if args.check {
        if changes && super::stdout(format!("{}\n", escape_control(&name)).as_bytes()).is_err() {
            return (Status::Trouble, changes);
        }
        return (Status::Success, changes);
    }
    if args.diff {
        return (Status::Success, changes);
    }
    match input {
        Input::Stdin => match super::stdout(formatted.as_bytes()) {
            Ok(()) => (Status::Success, false),
            Err(_) => (Status::Trouble, false),
        },
        Input::File(path) if changes => match super::write::replace(path, &bytes, formatted.as_bytes()) {
            Ok(()) => (Status::Success, true),
            Err(problem) => {
                eprintln!(
                    "error: cannot write `{}`: {}",
                    escape_control(&name),
                    escape_control(&problem)
                );
                (Status::Trouble, false)
            }
        },
        Input::File(_) => (Status::Success, false),
    }
}

/// The diff for a terminal: control and invisible characters of the canvas
/// (an ESC, a bidi override) are shown as `\u{..}`, never obeyed.
fn unified_diff(name: &str, old: &str, new: &str) -> String {
    let diff = similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&format!("{name} (original)"), &format!("{name} (formatted)"))
        .to_string();
    crate::output::text::escape_hazards(&diff).into_owned()
}
