//! The command line: a thin shell over the library, one file per command.
//!
//! Invariants: only this module reads files, writes to the terminal and
//! decides exit statuses (§5): 0 fine, 1 the canvas has errors (or what the
//! command counts as a finding), 2 the command could not run. Over several
//! files the highest status wins.

mod build;
mod check;
mod diff;
mod explain;
mod fmt;
mod init;
pub mod inputs;
mod terminal;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// How a command ended, ordered so the worst of several wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Success = 0,
    Findings = 1,
    Trouble = 2,
}

impl Status {
    pub fn worst(self, other: Status) -> Status {
        self.max(other)
    }
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> ExitCode {
        ExitCode::from(status as u8)
    }
}

#[derive(Parser)]
#[command(
    name = "canvasc",
    version = concat!(env!("CARGO_PKG_VERSION"), " (canvas language ", "0.1", ")"),
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
}

/// Runs the command line and returns its exit status.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
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
        Command::Check(args) => check::run(args),
        Command::Build(args) => build::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Init(args) => init::run(args),
        Command::Lsp { .. } => match crate::lsp::run() {
            Ok(()) => Status::Success,
            Err(error) => {
                eprintln!("error: the language server stopped: {error}");
                Status::Trouble
            }
        },
    };
    status.into()
}
