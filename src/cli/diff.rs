//! `canvasc diff OLD NEW`: what a change does to the business model.
//!
//! Each side is a file, `-`, `/dev/null` (no canvas: an added or deleted
//! file) or a git revision such as `HEAD~1:shop.canvas`. With `--git`, the
//! arguments are those git passes an external diff driver (path, old file,
//! old hex, old mode, new file, new hex, new mode, and on a rename the new
//! path and a similarity line), and the exit status is 0 unless there is
//! trouble, since git aborts on any other.

use std::path::Path;
use std::process::Command;

use clap::ValueEnum;

use super::inputs::ReadError;
use super::terminal::stderr_style;
use super::Status;
use crate::diff::{diff, render};
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
    let old = match load(&old_name, &old_source) {
        Ok(checked) => checked,
        Err(status) => return status,
    };
    let new = match load(&new_name, &new_source) {
        Ok(checked) => checked,
        Err(status) => return status,
    };
    let change = diff(&old, &new);
    let output = match args.format {
        Format::Text => render::text(&change, &old_name, &new_name, stdout_color()),
        Format::Md => render::markdown(&change, &old_name, &new_name),
        Format::Json => render::json(&change, &old_name, &new_name),
    };
    print!("{output}");
    if args.git || change.is_empty() {
        Status::Success
    } else {
        Status::Findings
    }
}

fn stdout_color() -> bool {
    use std::io::IsTerminal;
    super::terminal::wants_color(std::io::stdout().is_terminal())
}

/// Reads and checks one side; a side with syntax errors is trouble.
fn load(name: &str, source: &str) -> Result<Checked, Status> {
    if source == "/dev/null" {
        // An added or deleted file: no canvas at all on this side, and so
        // nothing to diagnose either.
        let mut nothing = crate::check(name, "");
        nothing.diagnostics.clear();
        return Ok(nothing);
    }
    let bytes = read_side(source).map_err(|problem| {
        problem.print(name);
        Status::Trouble
    })?;
    let checked = crate::check_bytes(name, bytes);
    if !checked.parsed_cleanly() {
        let style = stderr_style();
        let shown = ShownSource::new(&checked.name, &checked.source);
        for diagnostic in checked.diagnostics.iter().filter(|d| d.code == crate::Code::Syntax) {
            eprint!("{}", shown.render(diagnostic, style));
        }
        eprintln!(
            "error: `{}` has syntax errors; cannot compare its model",
            escape_control(name)
        );
        return Err(Status::Trouble);
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
    let (revision, file) = side.split_once(':').unwrap_or((side, ""));
    let mut attempts = vec![format!("{revision}:{file}")];
    if !file.starts_with("./") && !file.starts_with('/') {
        attempts.push(format!("{revision}:./{file}"));
    }
    let mut last_error = String::new();
    for attempt in attempts {
        match Command::new("git").args(["show", &attempt]).output() {
            Ok(output) if output.status.success() => return Ok(output.stdout),
            Ok(output) => last_error = String::from_utf8_lossy(&output.stderr).trim().to_string(),
            Err(error) => return Err(ReadError::Io(format!("cannot run git to read `{side}`: {error}"))),
        }
    }
    Err(ReadError::Io(format!("cannot read `{side}`: {last_error}")))
}
