//! `canvasc economics FILE [--format text|md|json|csv]`: the unit economics
//! of every segment and the canvas's monthly figures, the base and every
//! scenario side by side. Exit statuses as `check`: diagnostics go to
//! standard error, and a canvas with errors is refused (status 1).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::ValueEnum;

use super::inputs::Input;
use super::terminal::{stderr_style, wants_color};
use super::Status;
use crate::output::economics;
use crate::render::ShownSource;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum Format {
    /// A table for people, negative figures marked.
    Text,
    /// Markdown tables.
    Md,
    /// One JSON document (the `economics` and `scenarios` of docs/json.md).
    Json,
    /// Comma-separated values for spreadsheets (layout in docs/reference.md).
    Csv,
}

#[derive(clap::Args)]
pub(super) struct Args {
    /// The canvas (`-` for standard input).
    file: PathBuf,
    /// What to print.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub(super) fn run(args: Args) -> Status {
    let input = if args.file.as_os_str() == "-" {
        Input::Stdin
    } else {
        Input::File(args.file.clone())
    };
    let bytes = match input.read() {
        Ok(bytes) => bytes,
        Err(problem) => {
            problem.print(&input.name());
            return Status::Trouble;
        }
    };
    let checked = crate::check_bytes(input.name(), bytes);
    let style = stderr_style();
    let source = ShownSource::new(&checked.name, &checked.source);
    for diagnostic in &checked.diagnostics {
        eprint!("{}", source.render(diagnostic, style));
    }
    if checked.has_errors() {
        eprintln!(
            "error: `{}` has errors; its economics cannot be trusted",
            crate::render::escape_control(&checked.name)
        );
        return Status::Findings;
    }
    let output = match args.format {
        Format::Text => economics::text(&checked.model, wants_color(std::io::stdout().is_terminal())),
        Format::Md => economics::markdown(&checked.model),
        Format::Json => serde_json::to_string_pretty(&economics::json(&checked.model)).unwrap_or_default() + "\n",
        Format::Csv => economics::csv(&checked.model),
    };
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(output.as_bytes()).and_then(|()| stdout.flush()) {
        Ok(()) => Status::Success,
        Err(_) => Status::Trouble,
    }
}
