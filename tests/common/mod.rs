//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

use canvasc::render::{render_all, Style};
use canvasc::Checked;

/// Runs the `canvasc` binary with `args`, without colour.
pub fn canvasc(args: &[&str]) -> Output {
    run(Command::new(env!("CARGO_BIN_EXE_canvasc")).args(args))
}

/// Runs the `canvasc` binary with `args` in `directory`, without colour.
pub fn canvasc_in(directory: &Path, args: &[&str]) -> Output {
    run(Command::new(env!("CARGO_BIN_EXE_canvasc"))
        .args(args)
        .current_dir(directory))
}

fn run(command: &mut Command) -> Output {
    command
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("the binary runs")
}

/// The exit status of a run that was not killed by a signal.
pub fn status(output: &Output) -> i32 {
    output.status.code().expect("exited normally")
}

/// The source and its diagnostics in one reviewable text: no colour, 80 columns.
pub fn rendered(checked: &Checked) -> String {
    let diagnostics = render_all(&checked.name, &checked.source, &checked.diagnostics, Style::plain());
    let diagnostics = if diagnostics.is_empty() {
        "(no diagnostics)\n".to_string()
    } else {
        diagnostics
    };
    format!(
        "{}\n---- diagnostics ----\n{}",
        checked.source.trim_end(),
        strip_trailing_whitespace(&diagnostics)
    )
}

/// miette pads some lines; trailing spaces make snapshots fragile.
pub fn strip_trailing_whitespace(text: &str) -> String {
    text.lines().map(str::trim_end).collect::<Vec<_>>().join("\n") + "\n"
}

/// The codes of a check, in order.
pub fn codes(checked: &Checked) -> Vec<&'static str> {
    checked
        .diagnostics
        .iter()
        .map(|diagnostic| diagnostic.code.as_str())
        .collect()
}

/// The file name relative to `tests/`, with `/` separators, for stable names.
pub fn display_name(path: &std::path::Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    match text.find("/tests/") {
        Some(index) => text[index + "/tests/".len()..].to_string(),
        None => match text.find("/examples/") {
            Some(index) => text[index + 1..].to_string(),
            None => text,
        },
    }
}
