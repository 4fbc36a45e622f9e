//! The command line: a thin shell over the library, one file per command.
//!
//! Invariants: only this module reads files, writes to the terminal and
//! decides exit statuses (§5): 0 fine, 1 the canvas has errors (or what the
//! command counts as a finding), 2 the command could not run. Over several
//! files the highest status wins.

// Being rewritten on another branch; its visibility follows after the merge.
#[allow(unreachable_pub)]
mod build;
mod check;
#[allow(unreachable_pub)]
mod diff;
mod economics;
mod explain;
mod fmt;
mod init;
mod inputs;
mod man;
mod serve;
mod terminal;
mod watch;
pub(crate) mod write;

use std::process::ExitCode;
use std::sync::LazyLock;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

/// How a command ended, ordered so the worst of several wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Status {
    /// Everything checked is fine.
    Success = 0,
    /// A canvas has errors (or what the command counts as a finding).
    Findings = 1,
    /// The command could not run: a usage error, an unreadable file.
    Trouble = 2,
}

impl Status {
    /// The worse of two statuses.
    pub(crate) fn worst(self, other: Status) -> Status {
        self.max(other)
    }
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> ExitCode {
        ExitCode::from(status as u8)
    }
}

/// What `--version` prints after the name: the crate's version and the
/// version of the language it implements (`0.1.0 (canvas language 0.1)`).
pub(crate) static VERSION: LazyLock<String> = LazyLock::new(|| {
    format!(
        "{} (canvas language {})",
        env!("CARGO_PKG_VERSION"),
        crate::LANGUAGE_VERSION
    )
});

#[derive(Parser)]
#[command(
    name = "canvasc",
    version = VERSION.as_str(),
    about = "The Business Model Canvas as code: check, build and format .canvas files",
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse, build and check canvases; report every diagnostic.
    Check(check::Args),
    /// Compile a checked canvas into another form.
    Build(build::Args),
    /// The unit economics of every segment, the base and every scenario side by side.
    Economics(economics::Args),
    /// Preview the board in a browser, updated on every save.
    Serve(serve::Args),
    /// Show what a change does to the business model, block by block.
    Diff(diff::Args),
    /// Rewrite canvases into the one canonical layout, keeping comments.
    Fmt(fmt::Args),
    /// Explain a rule code, with an example.
    Explain(explain::Args),
    /// Run the language server over standard input and output.
    Lsp {
        /// Accepted for editors that pass it; standard input and output is the only transport.
        #[arg(long, hide = true)]
        stdio: bool,
    },
    /// Write a starter canvas whose comments ask each block's key questions.
    Init(init::Args),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) on standard output.
    Man,
}

/// Runs the command line and returns its exit status.
pub fn main() -> ExitCode {
    end_quietly_on_a_closed_pipe();
    // The matches are kept beside the parsed command: they alone know the
    // order of `-A`, `-W` and `-D`, and the later of two flags wins.
    let parsed = Cli::command()
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches).map(|cli| (cli, matches)));
    let (cli, matches) = match parsed {
        Ok(parsed) => parsed,
        Err(error) => {
            let _ = error.print();
            // Help and version are successes; usage errors are trouble (2).
            return if error.use_stderr() {
                Status::Trouble.into()
            } else {
                Status::Success.into()
            };
        }
    };
    let status = match cli.command {
        Command::Check(args) => {
            let flags = args.level_flags(matches.subcommand_matches("check"));
            check::run(args, &flags)
        }
        Command::Completions { shell } => {
            // Generated into memory first: the generator panics on a write
            // error, and a closed pipe (`| head`) must not become a panic.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "canvasc", &mut script);
            write_stdout(&script)
        }
        Command::Man => match man::page(Cli::command()) {
            Ok(page) => write_stdout(page.as_bytes()),
            Err(error) => {
                eprintln!("error: cannot render the manual page: {error}");
                Status::Trouble
            }
        },
        Command::Build(args) => build::run(args),
        Command::Economics(args) => economics::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Init(args) => init::run(args),
        Command::Lsp { .. } => match crate::lsp::run() {
            Ok(crate::lsp::Ending::Clean) => Status::Success,
            // The protocol's status for `exit` without `shutdown`.
            Ok(crate::lsp::Ending::Abrupt) => Status::Findings,
            Err(error) => {
                eprintln!("error: the language server stopped: {error}");
                Status::Trouble
            }
        },
    };
    status.into()
}

/// Writes `bytes` to standard output; any error but a closed pipe is trouble.
fn write_stdout(bytes: &[u8]) -> Status {
    match stdout(bytes) {
        Ok(()) => Status::Success,
        Err(_) => Status::Trouble,
    }
}

/// Writes `bytes` to standard output. A closed pipe (`canvasc check --format
/// json | head`) is no error: the reader wanted no more, and the command
/// ends quietly with the status it had, as Unix tools do. (`print!` would
/// panic there.)
pub(crate) fn stdout(bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Standard error closed under a report (`canvasc check 2>&1 | head`):
/// `eprint!` panics with "failed printing to stderr"; the process ends
/// quietly instead, with status 2, and any other panic is reported as usual.
fn end_quietly_on_a_closed_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if message.starts_with("failed printing to std") && message.contains("Broken pipe") {
            std::process::exit(Status::Trouble as i32);
        }
        default(info);
    }));
}
