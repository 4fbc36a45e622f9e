//! `canvasc man`: the manual page, in roff, on standard output.
//!
//! One page holds everything: `clap_mangen` writes the title, name, synopsis
//! and options of `canvasc`; each command then gets a subsection with its
//! own `--help` text, so the page needs no `canvasc-check(1)` companions that
//! nobody installs. Exit statuses, environment and files follow.
//!
//! Invariant: text from clap is escaped for roff (a backslash, and a line
//! that starts with `.` or `'`), so no help text can be read as a request.

use std::io::Write;

const EXIT_STATUS: &str = "\
0: success: no errors (warnings and advice allowed unless denied).
1: findings: a canvas has errors (denied warnings included); build refused a canvas with errors; \
fmt met a syntax error, or fmt --check found a file to reformat; diff found a difference (not with --git).
2: could not run: a usage error (an unknown flag or code, an error code set to allow or warn, a bad canvas.toml), \
a file that is missing, unreadable or over 256 MiB, an output that cannot be written.
Over several files the highest status wins.";

const ENVIRONMENT: &str = "\
NO_COLOR: any non-empty value turns colour off.
CLICOLOR_FORCE: any non-empty value but 0 turns colour on, even when standard error is not a terminal.
COLUMNS: the width of human output (at least 40; 100 by default).";

const FILES: &str = "\
canvas.toml: the project file. The nearest one in a canvas's directory or above it sets lint levels \
in a [levels] table, such as no-retention = \"deny\"; the command line's -A, -W and -D win over it, \
and allow in the canvas wins over both.";

/// The whole manual page.
pub(super) fn page(mut command: clap::Command) -> std::io::Result<String> {
    // Built, so each command's usage line reads `canvasc check`, not `check`.
    command.build();
    let mut out: Vec<u8> = Vec::new();
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    writeln!(out, ".SH COMMANDS")?;
    for mut sub in command.get_subcommands().cloned() {
        if sub.is_hide_set() || sub.get_name() == "help" {
            continue;
        }
        let name = format!("canvasc {}", sub.get_name());
        let help = sub.render_long_help().to_string();
        writeln!(out, ".SS \"{}\"", roff(&name))?;
        writeln!(out, ".nf")?;
        for line in help.trim_end().lines() {
            writeln!(out, "{}", roff(line))?;
        }
        writeln!(out, ".fi")?;
    }
    section(&mut out, "EXIT STATUS", EXIT_STATUS)?;
    section(&mut out, "ENVIRONMENT", ENVIRONMENT)?;
    section(&mut out, "FILES", FILES)?;
    man.render_version_section(&mut out)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// A section of `term: description` lines as a tagged list.
fn section(out: &mut Vec<u8>, title: &str, entries: &str) -> std::io::Result<()> {
    if title.contains(' ') {
        writeln!(out, ".SH \"{title}\"")?;
    } else {
        writeln!(out, ".SH {title}")?;
    }
    for entry in entries.lines() {
        match entry.split_once(": ") {
            Some((term, description)) => {
                writeln!(out, ".TP")?;
                writeln!(out, "\\fB{}\\fR", roff(term))?;
                writeln!(out, "{}", roff(description))?;
            }
            None => {
                writeln!(out, ".PP")?;
                writeln!(out, "{}", roff(entry))?;
            }
        }
    }
    Ok(())
}

/// Text made safe for roff: backslashes escaped, hyphens as minus signs
/// (so options can be searched and copied), and a leading `.` or `'` kept
/// from starting a request.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

#[cfg(test)]
mod tests {
    use super::roff;

    #[test]
    fn roff_text_cannot_start_a_request() {
        assert_eq!(roff(".TH x"), "\\&.TH x");
        assert_eq!(roff("a\\b --fix"), "a\\eb \\-\\-fix");
    }
}
