//! `canvasc check FILE...`

use std::path::PathBuf;

use clap::ValueEnum;

use super::inputs::{expand, Input};
use super::terminal::{plural, stderr_style};
use super::Status;
use crate::output::report::{CheckReport, FileReport};
use crate::render::ShownSource;
use crate::{check_bytes, Checked, Severity};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Graphical reports for people, on standard error.
    Human,
    /// One JSON document on standard output (schema in docs/json.md).
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// Treat warnings as errors for the exit status.
    Warnings,
}

#[derive(clap::Args)]
pub struct Args {
    /// Files or directories to check (`-` for standard input).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Fail (exit 1) on warnings too.
    #[arg(long, value_enum)]
    deny: Option<Deny>,
    /// Print only errors and the summary line.
    #[arg(long, short)]
    quiet: bool,
}

/// One input after checking, or why it could not be read.
enum Outcome {
    Checked(Box<Checked>),
    Unreadable { name: String, problem: String },
}

pub fn run(args: Args) -> Status {
    let (inputs, problems) = expand(&args.files);
    let mut outcomes: Vec<Outcome> = problems
        .into_iter()
        .map(|problem| Outcome::Unreadable {
            name: problem.path,
            problem: problem.message,
        })
        .collect();
    outcomes.extend(inputs.iter().map(check_input));

    let mut status = Status::Success;
    for outcome in &outcomes {
        status = status.worst(match outcome {
            Outcome::Unreadable { .. } => Status::Trouble,
            Outcome::Checked(checked) if checked.has_errors() => Status::Findings,
            Outcome::Checked(checked) if args.deny == Some(Deny::Warnings) && checked.count(Severity::Warning) > 0 => {
                Status::Findings
            }
            Outcome::Checked(_) => Status::Success,
        });
    }

    match args.format {
        Format::Json => print_json(&outcomes),
        Format::Human => print_human(&outcomes, args.quiet),
    }
    status
}

fn check_input(input: &Input) -> Outcome {
    match input.read() {
        Ok(bytes) => Outcome::Checked(Box::new(check_bytes(input.name(), &bytes))),
        Err(problem) => Outcome::Unreadable {
            name: input.name(),
            problem,
        },
    }
}

fn print_human(outcomes: &[Outcome], quiet: bool) {
    let style = stderr_style();
    let mut errors = 0;
    let mut warnings = 0;
    let mut advice = 0;
    let mut files = 0;
    for outcome in outcomes {
        match outcome {
            Outcome::Unreadable { problem, .. } => {
                errors += 1;
                eprintln!("error: {}", crate::render::escape_control(problem));
            }
            Outcome::Checked(checked) => {
                files += 1;
                errors += checked.count(Severity::Error);
                warnings += checked.count(Severity::Warning);
                advice += checked.count(Severity::Advice);
                let source = ShownSource::new(&checked.name, &checked.source);
                for diagnostic in &checked.diagnostics {
                    if quiet && !diagnostic.is_error() {
                        continue;
                    }
                    eprint!("{}", source.render(diagnostic, style));
                }
            }
        }
    }
    let mut parts = vec![
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings"),
    ];
    if advice > 0 {
        parts.push(format!("{advice} advice"));
    }
    eprintln!("{} in {}", parts.join(", "), plural(files, "file", "files"));
}

fn print_json(outcomes: &[Outcome]) {
    let files = outcomes
        .iter()
        .map(|outcome| match outcome {
            Outcome::Checked(checked) => FileReport::of(checked),
            Outcome::Unreadable { name, problem } => FileReport::unreadable(name, problem),
        })
        .collect();
    println!("{}", CheckReport::new(files).to_json());
}
