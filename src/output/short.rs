//! `check --format short`: one line per diagnostic, for editors' error
//! parsers (Vim's `errorformat`, Emacs' `compilation-mode`) and for grep
//! (reference §5):
//!
//! ```text
//! shop.canvas:9:24: error[unknown-reference]: no segment named `young-woman`
//! big.canvas: error[too-large]: the file is larger than the 256 MiB canvasc reads
//! ```
//!
//! Invariants:
//!
//! - One line per diagnostic, in the order reported, at its primary label;
//!   a diagnostic without labels names only its file. A file that could not
//!   be read is one `file: error: why` line (no code: it was not checked).
//! - Lines count from 1; columns count from 1, in code points (as in JSON)
//!   or, with [`Columns::Bytes`], in bytes of the line (as Vim's `%c` and
//!   `:cc` count them); a byte-order mark is not part of the first line.
//! - Nothing from a canvas can start a second line or drive a terminal: the
//!   file name and message are escaped as in the human report.

use super::FileOutcome;
use crate::diagnostic::Diagnostic;
use crate::lines::LineIndex;
use crate::render::escape_control;

/// How columns are counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
// A command-line value only where there is a command line (feature `cli`).
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Columns {
    /// Unicode code points, as in the JSON report.
    #[default]
    Chars,
    /// Bytes of UTF-8, as Vim's quickfix list counts them.
    Bytes,
}

/// Every line of one `check` run.
pub fn lines(files: &[FileOutcome<'_>], columns: Columns) -> String {
    let mut out = String::new();
    for file in files {
        match file {
            FileOutcome::Unreadable {
                path,
                diagnostic: Some(diagnostic),
                ..
            } => line(&mut out, path, "", &LineIndex::new(""), diagnostic, columns),
            FileOutcome::Unreadable { path, problem, .. } => {
                out.push_str(&format!(
                    "{}: error: {}\n",
                    escape_control(path),
                    escape_control(problem)
                ));
            }
            FileOutcome::Checked(checked) => {
                let index = LineIndex::new(&checked.source);
                for diagnostic in &checked.diagnostics {
                    line(&mut out, &checked.name, &checked.source, &index, diagnostic, columns);
                }
            }
        }
    }
    out
}

fn line(out: &mut String, path: &str, source: &str, index: &LineIndex, diagnostic: &Diagnostic, columns: Columns) {
    out.push_str(&escape_control(path));
    if let Some(span) = diagnostic.primary_span() {
        let offset = crate::lines::floor_char_boundary(source, span.start());
        let position = index.position(source, offset);
        let column = match columns {
            Columns::Chars => position.column,
            Columns::Bytes => {
                let start = index.line_start(index.line_of(offset)).min(offset);
                source[start..offset].trim_start_matches('\u{FEFF}').len() + 1
            }
        };
        out.push_str(&format!(":{}:{column}", position.line));
    }
    out.push_str(&format!(
        ": {}[{}]: {}\n",
        diagnostic.severity.as_str(),
        diagnostic.code.as_str(),
        escape_control(&diagnostic.message)
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_in_code_points_or_bytes() {
        let source = "canvas \"X\" { currency EUR }\nsegment s { need \"需要\"; type\tnich }\n";
        let checked = crate::check("x.canvas", source);
        let files = [FileOutcome::Checked(&checked)];
        let chars = lines(&files, Columns::Chars);
        let bytes = lines(&files, Columns::Bytes);
        let nich = |report: &str| {
            report
                .lines()
                .find(|line| line.contains("unknown-value"))
                .map(str::to_string)
                .unwrap_or_default()
        };
        // `nich` is the 29th character of line 2, and its 33rd byte.
        assert!(
            nich(&chars).starts_with("x.canvas:2:29: error[unknown-value]: "),
            "{chars}"
        );
        assert!(
            nich(&bytes).starts_with("x.canvas:2:33: error[unknown-value]: "),
            "{bytes}"
        );
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let checked = crate::check(
            "b.canvas",
            "\u{FEFF}canvas \"B\" { currency EUR }\nsegment s { type nich }\n",
        );
        for columns in [Columns::Chars, Columns::Bytes] {
            let report = lines(&[FileOutcome::Checked(&checked)], columns);
            assert!(report.contains("b.canvas:2:18: error[unknown-value]"), "{report}");
        }
    }

    #[test]
    fn whole_file_problems_and_hostile_names() {
        let checked = crate::check("a\nb\u{1b}.canvas", "");
        let report = lines(&[FileOutcome::Checked(&checked)], Columns::Chars);
        assert_eq!(report.lines().count(), checked.diagnostics.len(), "{report}");
        assert!(report.starts_with("a\\u{a}b\\u{1b}.canvas: error["), "{report}");
        let unreadable = FileOutcome::Unreadable {
            path: "gone.canvas",
            problem: "No such file",
            diagnostic: None,
        };
        assert_eq!(
            lines(&[unreadable], Columns::Bytes),
            "gone.canvas: error: No such file\n"
        );
    }
}
