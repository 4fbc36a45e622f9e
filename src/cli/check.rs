//! `canvasc check FILE...`
//!
//! Invariants:
//!
//! - Levels come from three places, strongest first: `allow` in the canvas
//!   (applied by the library before anything here), the command line
//!   (`-A`, `-W`, `-D`, later flags winning), then the nearest project file
//!   (`canvas.toml`). A level that cannot hold (an error lowered, an unknown
//!   code) is a usage error: nothing is checked and the status is 2.
//! - `--fix` rewrites only files, never standard input, through the same safe
//!   replacement as `fmt` (a temporary file renamed over the original,
//!   permissions kept, a file changed meanwhile left alone); what is reported
//!   afterwards is the check of the text as written.
//! - Machine formats (`json`, `sarif`, `github`) go to standard output and
//!   nothing else does; everything for people goes to standard error.

use std::path::PathBuf;

use clap::{ArgMatches, ValueEnum};

use super::inputs::{expand, Input, ReadError};
use super::terminal::{plural, stderr_style};
use super::write::replace;
use super::Status;
use crate::levels::{Level, Levels};
use crate::output::report::{CheckReport, FileReport};
use crate::output::FileOutcome;
use crate::project::Projects;
use crate::render::{escape_control, ShownSource};
use crate::{check_bytes, Checked, Severity};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum Format {
    /// Graphical reports for people, on standard error.
    Human,
    /// One JSON document on standard output (schema in docs/json.md).
    Json,
    /// A SARIF 2.1.0 log on standard output, for code scanning.
    Sarif,
    /// GitHub Actions annotations (`::error file=...::message`) on standard output.
    Github,
    /// One `file:line:column: severity[code]: message` line per diagnostic on standard output.
    Short,
}

#[derive(clap::Args)]
pub(super) struct Args {
    /// Files or directories to check (`-` for standard input); the current directory without one.
    #[arg(default_value = ".")]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// How `--format short` counts columns: `chars` (code points, as in JSON) or `bytes` (as Vim does).
    #[arg(long, value_enum, default_value_t = crate::output::short::Columns::Chars)]
    pub columns: crate::output::short::Columns,
    /// Drop the diagnostics of CODE (a warning or advice code, `warnings` or `advice`).
    #[arg(short = 'A', long = "allow", value_name = "CODE", value_delimiter = ',')]
    pub allow: Vec<String>,
    /// Report CODE at its own severity, undoing an allow or deny from a group or canvas.toml.
    #[arg(short = 'W', long = "warn", value_name = "CODE", value_delimiter = ',')]
    pub warn: Vec<String>,
    /// Report CODE as an error, failing the check (`--deny warnings` for every warning).
    #[arg(short = 'D', long = "deny", value_name = "CODE", value_delimiter = ',')]
    pub deny: Vec<String>,
    /// Print only errors and the summary line (human format).
    #[arg(long, short)]
    pub quiet: bool,
    /// Apply the certain fixes (did-you-mean with one close name) to the files, then report what remains.
    #[arg(long)]
    pub fix: bool,
    /// Check again whenever a file changes, until Ctrl-C.
    #[arg(long, conflicts_with = "fix")]
    pub watch: bool,
}

impl Args {
    /// The level flags in the order they were given: the command-line
    /// positions come from `matches` when there are any, else allow, warn,
    /// deny in turn.
    pub(super) fn level_flags(&self, matches: Option<&ArgMatches>) -> Vec<(Level, String)> {
        let mut flags: Vec<(usize, Level, String)> = Vec::new();
        for (id, level, names) in [
            ("allow", Level::Allow, &self.allow),
            ("warn", Level::Warn, &self.warn),
            ("deny", Level::Deny, &self.deny),
        ] {
            let indices: Vec<usize> = matches
                .and_then(|matches| matches.indices_of(id))
                .map(Iterator::collect)
                .unwrap_or_default();
            for (position, name) in names.iter().enumerate() {
                let index = indices.get(position).copied().unwrap_or(usize::MAX);
                flags.push((index, level, name.clone()));
            }
        }
        flags.sort_by_key(|(index, _, _)| *index);
        flags.into_iter().map(|(_, level, name)| (level, name)).collect()
    }
}

/// One input after checking, or why it could not be read.
enum Outcome {
    Checked {
        checked: Box<Checked>,
        /// `--fix` found fixes but could not write them.
        unwritten: bool,
    },
    /// Not read: missing, unreadable, or too large (a `too-large` diagnostic).
    Unreadable { name: String, problem: ReadError },
}

impl Outcome {
    fn status(&self) -> Status {
        match self {
            Outcome::Unreadable { .. } | Outcome::Checked { unwritten: true, .. } => Status::Trouble,
            Outcome::Checked { checked, .. } if checked.has_errors() => Status::Findings,
            Outcome::Checked { .. } => Status::Success,
        }
    }

    fn as_file(&self) -> FileOutcome<'_> {
        match self {
            Outcome::Checked { checked, .. } => FileOutcome::Checked(checked),
            Outcome::Unreadable { name, problem } => FileOutcome::Unreadable {
                path: name,
                problem: problem.message(),
                diagnostic: problem.diagnostic(),
            },
        }
    }
}

pub(super) fn run(args: Args, flags: &[(Level, String)]) -> Status {
    let command_line = match command_line_levels(flags) {
        Ok(levels) => levels,
        Err(message) => {
            eprintln!("error: {message}");
            return Status::Trouble;
        }
    };
    if super::inputs::names_stdin_twice(&args.files) {
        eprintln!("error: standard input (`-`) can be read only once; name it once");
        return Status::Trouble;
    }
    let reads_stdin = args.files.iter().any(|file| file.as_os_str() == "-");
    if args.fix && reads_stdin {
        eprintln!("error: `--fix` rewrites files in place and cannot fix standard input");
        eprintln!("help: save the canvas to a file, or use `--format json` to read the fixes");
        return Status::Trouble;
    }
    if args.watch {
        if reads_stdin {
            eprintln!("error: `--watch` cannot watch standard input");
            return Status::Trouble;
        }
        return super::watch::run(&args.files, || {
            run_once(&args, &command_line);
        });
    }
    run_once(&args, &command_line)
}

/// The levels of the command line, refusing what cannot hold.
fn command_line_levels(flags: &[(Level, String)]) -> Result<Levels, String> {
    let mut levels = Levels::new();
    for (level, name) in flags {
        levels.set(name, *level).map_err(|error| {
            let flag = match level {
                Level::Allow => "--allow",
                Level::Warn => "--warn",
                Level::Deny => "--deny",
            };
            format!(
                "in `{flag} {}`: {}",
                escape_control(name),
                escape_control(&error.to_string())
            )
        })?;
    }
    Ok(levels)
}

/// Checks every input once and prints the report; the status of the run.
fn run_once(args: &Args, command_line: &Levels) -> Status {
    let (inputs, problems) = expand(&args.files);

    // Every project file is read before anything is checked: a bad one is a
    // usage error, like a bad flag.
    let mut projects = Projects::default();
    let mut levels = Vec::with_capacity(inputs.len());
    let mut bad_projects: Vec<String> = Vec::new();
    for input in &inputs {
        match projects.levels_for(input.path()) {
            Ok(project) => levels.push(command_line.over(&project)),
            Err(message) => {
                if !bad_projects.contains(&message) {
                    // A TOML error shows the line at fault under the message.
                    let lines: Vec<String> = message.lines().map(escape_control).collect();
                    eprintln!("error: {}", lines.join("\n"));
                    bad_projects.push(message);
                }
            }
        }
    }
    if !bad_projects.is_empty() {
        return Status::Trouble;
    }

    let checked = super::inputs::in_parallel(&inputs.iter().zip(&levels).collect::<Vec<_>>(), |(input, levels)| {
        check_input(input, levels, args.fix)
    });
    let outcomes: Vec<Outcome> = super::inputs::in_place(checked, problems)
        .map(|entry| {
            entry.unwrap_or_else(|problem| Outcome::Unreadable {
                name: problem.path,
                problem: ReadError::Io(problem.message),
            })
        })
        .collect();

    let status = outcomes
        .iter()
        .fold(Status::Success, |status, outcome| status.worst(outcome.status()));
    let files: Vec<FileOutcome<'_>> = outcomes.iter().map(Outcome::as_file).collect();
    let printed = match args.format {
        Format::Human => {
            print_human(&outcomes, args.quiet);
            Ok(())
        }
        Format::Json => super::stdout((json_report(&outcomes) + "\n").as_bytes()),
        Format::Sarif => super::stdout(crate::output::sarif::to_string(&files).as_bytes()),
        Format::Github => super::stdout(crate::output::github::annotations(&files).as_bytes())
            .inspect(|()| eprintln!("{}", summary_line(&outcomes))),
        Format::Short => super::stdout(crate::output::short::lines(&files, args.columns).as_bytes())
            .inspect(|()| eprintln!("{}", summary_line(&outcomes))),
    };
    match printed {
        Ok(()) => status,
        Err(error) => {
            eprintln!("error: cannot write the report: {error}");
            Status::Trouble
        }
    }
}

fn check_input(input: &Input, levels: &Levels, fix: bool) -> Outcome {
    let name = input.name();
    // `--fix` rewrites in place: a FIFO or a device is refused before it is read.
    if let (true, Input::File(path)) = (fix, input) {
        if let Err(problem) = super::write::check_rewritable(path) {
            let problem = ReadError::Io(format!("cannot fix `{name}` in place: {problem}"));
            return Outcome::Unreadable { name, problem };
        }
    }
    let bytes = match input.read() {
        Ok(bytes) => bytes,
        Err(problem) => return Outcome::Unreadable { name, problem },
    };
    let mut unwritten = false;
    // Only valid UTF-8 is fixed: any other text would be written back lossily.
    if let (true, Input::File(path), Ok(text)) = (fix, input, std::str::from_utf8(&bytes)) {
        let fixed = crate::fix::fix(&name, text, levels);
        if !fixed.changed() {
            return Outcome::Checked {
                checked: Box::new(fixed.checked),
                unwritten: false,
            };
        }
        match replace(path, &bytes, fixed.source.as_bytes()) {
            Ok(()) => {
                eprintln!(
                    "fixed {} in {}",
                    plural(fixed.applied, "problem", "problems"),
                    escape_control(&name)
                );
                return Outcome::Checked {
                    checked: Box::new(fixed.checked),
                    unwritten: false,
                };
            }
            Err(problem) => {
                eprintln!(
                    "error: cannot fix `{}`: {}",
                    escape_control(&name),
                    escape_control(&problem)
                );
                // The file is as it was, so its own diagnostics are reported.
                unwritten = true;
            }
        }
    }
    let mut checked = check_bytes(name, bytes);
    levels.apply(&mut checked.diagnostics);
    Outcome::Checked {
        checked: Box::new(checked),
        unwritten,
    }
}

/// How many diagnostics of one file a terminal is shown; the rest are
/// counted. Machine formats stay complete, and the exit status is the same.
const MAX_SHOWN_PER_FILE: usize = 200;

fn print_human(outcomes: &[Outcome], quiet: bool) {
    let style = stderr_style();
    for outcome in outcomes {
        match outcome {
            Outcome::Unreadable { name, problem } => problem.print(name),
            Outcome::Checked { checked, .. } => {
                let shown: Vec<_> = checked
                    .diagnostics
                    .iter()
                    .filter(|diagnostic| !quiet || diagnostic.is_error())
                    .collect();
                if shown.is_empty() {
                    // A shown source is a sanitised copy of the text with a
                    // line index: not worth making for nothing to show.
                    continue;
                }
                let source = ShownSource::new(&checked.name, &checked.source);
                for diagnostic in shown.iter().take(MAX_SHOWN_PER_FILE) {
                    eprint!("{}", source.render(diagnostic, style));
                }
                if let Some(more) = shown.len().checked_sub(MAX_SHOWN_PER_FILE).filter(|more| *more > 0) {
                    eprintln!(
                        "... and {more} more in {} (`--format json` or `--format sarif` lists them all)\n",
                        escape_control(&checked.name)
                    );
                }
            }
        }
    }
    eprintln!("{}", summary_line(outcomes));
}

/// `2 errors, 3 warnings in 4 files`; advice only when there is some. An
/// unreadable file counts as an error, not as a file.
fn summary_line(outcomes: &[Outcome]) -> String {
    let mut errors = 0;
    let mut warnings = 0;
    let mut advice = 0;
    let mut files = 0;
    for outcome in outcomes {
        match outcome {
            Outcome::Unreadable { .. } => errors += 1,
            Outcome::Checked { checked, .. } => {
                files += 1;
                errors += checked.count(Severity::Error);
                warnings += checked.count(Severity::Warning);
                advice += checked.count(Severity::Advice);
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
    format!("{} in {}", parts.join(", "), plural(files, "file", "files"))
}

fn json_report(outcomes: &[Outcome]) -> String {
    let files = outcomes
        .iter()
        .map(|outcome| match outcome {
            Outcome::Checked { checked, .. } => FileReport::of(checked),
            Outcome::Unreadable { name, problem } => {
                FileReport::unreadable(name, problem.message(), problem.diagnostic())
            }
        })
        .collect();
    CheckReport::new(files).to_json()
}
