//! `canvasc init [FILE]`: a starter canvas, on standard output or in a new
//! file that is created whole or not at all, never over an existing path.

use std::path::PathBuf;

use super::Status;

/// The starter canvas: every block with the questions the canvas method asks of it.
pub(super) const STARTER: &str = include_str!("starter.canvas");

#[derive(clap::Args)]
pub(super) struct Args {
    /// Where to write the starter canvas; standard output without one. An
    /// existing file is never overwritten.
    file: Option<PathBuf>,
}

pub(super) fn run(args: Args) -> Status {
    let Some(path) = args.file else {
        return super::write_stdout(STARTER.as_bytes());
    };
    // All or nothing: a full disk leaves no empty file behind.
    let created = super::write::create_new(&path, STARTER.as_bytes());
    let shown = crate::render::escape_control(&super::inputs::display(&path));
    match created {
        Ok(()) => {
            eprintln!("wrote {shown}; check it with `canvasc check {shown}`");
            Status::Success
        }
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!("error: `{shown}` already exists; canvasc init never overwrites a file");
            Status::Trouble
        }
        Err(error) => {
            eprintln!("error: cannot write `{shown}`: {error}");
            Status::Trouble
        }
    }
}
