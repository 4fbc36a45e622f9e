//! `canvasc diff OLD NEW`: what a change does to the business model.
//!
//! Each side is a file, `-`, `/dev/null` (no canvas: an added or deleted
//! file) or a git revision such as `HEAD~1:shop.canvas`, read with
//! `git show --end-of-options`, and never one that starts with `-`, so that
//! no side is ever read by git as an option. With `--git`, the arguments
//! are those git passes an external diff driver (path, old file, old hex,
//! old mode, new file, new hex, new mode, and on a rename the new path and
//! a similarity line); a side that cannot be read or parsed is then shown
//! as a plain unified diff of the two files, headed by one line that says
//! why, and the exit status is 0 whenever something was printed, since git
//! stops `git log -p` and `git diff` at the first driver that fails.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use clap::ValueEnum;

use super::inputs::ReadError;
use super::terminal::stderr_style;
use super::Status;
use crate::diff::{diff, render};
use crate::lines::LineIndex;
use crate::render::{escape_control, ShownSource};
use crate::Checked;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Grouped by block, coloured on a terminal.
    Text,
    /// Markdown for a pull-request comment.
    Md,
    /// JSON for bots (schema in docs/json.md).
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// The old and the new canvas (files, `-`, `/dev/null` or `REV:PATH`); with --git, git's arguments.
    #[arg(required = true, num_args = 2..=9)]
    sides: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Act as a git external diff driver (`git config diff.canvas.command 'canvasc diff --git'`).
    #[arg(long)]
    git: bool,
}

/// The longest a fallback text diff may search for a shortest edit before
/// it settles for a longer one: a driver must not hold git up.
const TEXT_DIFF_TIMEOUT: Duration = Duration::from_secs(5);

/// A side that cannot be compared as a model.
enum Unusable {
    Unreadable(ReadError),
    /// It has syntax errors (the checked side, to show them).
    Syntax(Box<Checked>),
}

impl Unusable {
    /// Why, in a few words: `has a syntax error at 3:5: ...`.
    fn reason(&self) -> String {
        match self {
            Unusable::Unreadable(problem) => format!("cannot be read: {}", problem.message()),
            Unusable::Syntax(checked) => {
                let first = checked.diagnostics.iter().find(|d| d.code == crate::Code::Syntax);
                let place = first.and_then(|d| d.labels.first()).map(|label| {
                    let offset = label.span.start().min(checked.source.len());
                    let position = LineIndex::new(&checked.source).position(&checked.source, offset);
                    format!(" at {}:{}", position.line, position.column)
                });
                let message = first.map_or(String::new(), |d| format!(": {}", d.message));
                format!("has a syntax error{}{message}", place.unwrap_or_default())
            }
        }
    }

    /// The text of the side, when it could be read.
    fn source(&self) -> &str {
        match self {
            Unusable::Unreadable(_) => "",
            Unusable::Syntax(checked) => &checked.source,
        }
    }
}

pub fn run(args: Args) -> Status {
    let (old_name, old_source, new_name, new_source) = if args.git {
        // path old-file old-hex old-mode new-file new-hex new-mode [new-path similarity]
        if args.sides.len() != 7 && args.sides.len() != 9 {
            eprintln!("error: --git expects the 7 or 9 arguments git passes to a diff driver");
            return Status::Trouble;
        }
        let path = &args.sides[0];
        let new_path = if args.sides.len() == 9 { &args.sides[7] } else { path };
        (
            path.clone(),
            args.sides[1].clone(),
            new_path.clone(),
            args.sides[4].clone(),
        )
    } else {
        if args.sides.len() != 2 {
            eprintln!("error: diff takes two canvases, OLD and NEW");
            return Status::Trouble;
        }
        if args.sides.iter().all(|side| side == "-") {
            eprintln!("error: standard input (`-`) can be read only once; name it for one side");
            return Status::Trouble;
        }
        (
            args.sides[0].clone(),
            args.sides[0].clone(),
            args.sides[1].clone(),
            args.sides[1].clone(),
        )
    };
    // The two sides are checked at once, each on a thread of its own.
    let (old, new) = std::thread::scope(|scope| {
        let old = scope.spawn(|| load(&old_name, &old_source));
        let new = load(&new_name, &new_source);
        // Checking cannot panic on any input; were it to, checking again
        // here gives the same result.
        let old = old.join().unwrap_or_else(|_| load(&old_name, &old_source));
        (old, new)
    });
    match (old, new) {
        (Ok(old), Ok(new)) => {
            let change = diff(&old, &new);
            let output = match args.format {
                Format::Text => render::text(&change, &old_name, &new_name, stdout_color()),
                Format::Md => render::markdown(&change, &old_name, &new_name),
                Format::Json => render::json(&change, &old_name, &new_name),
            };
            print!("{output}");
            let status = if args.git || change.is_empty() {
                Status::Success
            } else {
                Status::Findings
            };
            // The process ends next, and the system takes its memory back
            // at once: freeing two models block by block costs more than
            // the diff itself on a large canvas (0.5 s at 20,000 segments).
            std::mem::forget((old, new));
            status
        }
        (old, new) if args.git => {
            print!(
                "{}",
                text_fallback((&old_name, &old_source, old), (&new_name, &new_source, new))
            );
            Status::Success
        }
        (old, new) => {
            for (name, side) in [(&old_name, old), (&new_name, new)] {
                match side {
                    Ok(_) => {}
                    Err(Unusable::Unreadable(problem)) => problem.print(name),
                    Err(Unusable::Syntax(checked)) => {
                        let style = stderr_style();
                        let shown = ShownSource::new(&checked.name, &checked.source);
                        for diagnostic in checked.diagnostics.iter().filter(|d| d.code == crate::Code::Syntax) {
                            eprint!("{}", shown.render(diagnostic, style));
                        }
                        eprintln!(
                            "error: `{}` has syntax errors; cannot compare its model",
                            escape_control(name)
                        );
                    }
                }
            }
            Status::Trouble
        }
    }
}

/// The plain text diff git shows instead, headed by why.
fn text_fallback(old: (&str, &str, Result<Checked, Unusable>), new: (&str, &str, Result<Checked, Unusable>)) -> String {
    let mut reasons = Vec::new();
    for (which, (name, _, side)) in [("old", &old), ("new", &new)] {
        if let Err(problem) = side {
            reasons.push(format!("the {which} {} {}", escape_control(name), problem.reason()));
        }
    }
    let text = |side: &Result<Checked, Unusable>| -> String {
        match side {
            Ok(checked) => checked.source.clone(),
            Err(problem) => problem.source().to_string(),
        }
    };
    let (old_text, new_text) = (text(&old.2), text(&new.2));
    let label = |prefix: &str, name: &str, file: &str| {
        if file == "/dev/null" {
            "/dev/null".to_string()
        } else {
            format!("{prefix}/{}", escape_control(name))
        }
    };
    let unified = similar::TextDiff::configure()
        .timeout(TEXT_DIFF_TIMEOUT)
        .diff_lines(&old_text, &new_text)
        .unified_diff()
        .header(&label("a", old.0, old.1), &label("b", new.0, new.1))
        .to_string();
    let mut out = format!(
        "canvasc: cannot compare the models: {}; the text diff follows\n",
        reasons.join("; ")
    );
    // The file's own text, control characters made visible: this is a
    // terminal's output as much as the model diff is.
    for line in unified.lines() {
        let parts: Vec<String> = line.split('\t').map(escape_control).collect();
        out.push_str(&parts.join("\t"));
        out.push('\n');
    }
    out
}

fn stdout_color() -> bool {
    use std::io::IsTerminal;
    super::terminal::wants_color(std::io::stdout().is_terminal())
}

/// Reads and checks one side; a side with syntax errors cannot be compared.
fn load(name: &str, source: &str) -> Result<Checked, Unusable> {
    if source == "/dev/null" {
        // An added or deleted file: no canvas at all on this side, and so
        // nothing to diagnose either.
        let mut nothing = crate::check(name, "");
        nothing.diagnostics.clear();
        return Ok(nothing);
    }
    let bytes = read_side(source).map_err(Unusable::Unreadable)?;
    let checked = crate::check_bytes(name, bytes);
    if !checked.parsed_cleanly() {
        return Err(Unusable::Syntax(Box::new(checked)));
    }
    Ok(checked)
}

/// A file, standard input, or `REV:PATH` from git.
fn read_side(side: &str) -> Result<Vec<u8>, ReadError> {
    if side == "-" {
        return super::inputs::Input::Stdin.read();
    }
    let path = Path::new(side);
    if path.exists() || !side.contains(':') {
        return super::inputs::Input::File(path.to_path_buf()).read();
    }
    if side.starts_with('-') {
        // `git show` would read it as an option (`--output=FILE` writes a file).
        return Err(ReadError::Io(format!(
            "`{}` is not a file, and a revision cannot start with `-`",
            escape_control(side)
        )));
    }
    let (revision, file) = side.split_once(':').unwrap_or((side, ""));
    let mut attempts = vec![format!("{revision}:{file}")];
    if !file.starts_with("./") && !file.starts_with('/') {
        attempts.push(format!("{revision}:./{file}"));
    }
    let mut last_error = String::new();
    for attempt in attempts {
        match Command::new("git")
            .args(["show", "--end-of-options", &attempt])
            .output()
        {
            Ok(output) if output.status.success() => return Ok(output.stdout),
            Ok(output) => last_error = String::from_utf8_lossy(&output.stderr).trim().to_string(),
            Err(error) => return Err(ReadError::Io(format!("cannot run git to read `{side}`: {error}"))),
        }
    }
    Err(ReadError::Io(format!("cannot read `{side}`: {last_error}")))
}
