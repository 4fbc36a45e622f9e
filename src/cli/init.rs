//! `canvasc init [FILE]`

use std::io::Write;
use std::path::PathBuf;

use super::Status;

/// The starter canvas: every block with the questions the canvas method asks of it.
pub const STARTER: &str = include_str!("starter.canvas");

#[derive(clap::Args)]
pub struct Args {
    /// Where to write the starter canvas; standard output without one. An
    /// existing file is never overwritten.
    file: Option<PathBuf>,
}

pub fn run(args: Args) -> Status {
    let Some(path) = args.file else {
        print!("{STARTER}");
        return Status::Success;
    };
    let created = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut file| file.write_all(STARTER.as_bytes()));
    match created {
        Ok(()) => {
            eprintln!(
                "wrote {}; check it with `canvasc check {}`",
                path.display(),
                path.display()
            );
            Status::Success
        }
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "error: `{}` already exists; canvasc init never overwrites a file",
                path.display()
            );
            Status::Trouble
        }
        Err(error) => {
            eprintln!("error: cannot write `{}`: {error}", path.display());
            Status::Trouble
        }
    }
}
