//! `check --format github`: one GitHub Actions workflow command per
//! diagnostic, which the runner turns into an annotation on the file and line
//! (`::error file=F,line=L,col=C,endLine=L,endColumn=C,title=CODE::message`).
//!
//! Invariants:
//!
//! - Files are named as given, less any leading `./` (a walk of `.` gives
//!   `./plans/shop.canvas`, and GitHub matches `plans/shop.canvas` against the
//!   repository), with `/` separators.
//! - One line per diagnostic, in the order reported; errors are `error`,
//!   warnings `warning`, advice `notice`. A file that could not be read is one
//!   `error` with its file and no line (titled `too-large` when it was
//!   refused for its size).
//! - Lines count from 1 and columns in Unicode code points from 1; `endColumn`
//!   is the column of the label's last character. Columns are given only when
//!   the label starts and ends on one line, as GitHub requires; a diagnostic
//!   about the whole file names only its file.
//! - Nothing from a canvas can end a command or start another: the message
//!   is escaped as command data (`%`, `\r`, `\n`) and each property also has
//!   `:` and `,` escaped, as GitHub's toolkit does; no control or invisible
//!   character (ESC, BEL, a bidi override) reaches the log raw.

use super::sarif::message_text;
use super::FileOutcome;
use crate::code::Severity;
use crate::diagnostic::Diagnostic;
use crate::lines::LineIndex;

/// Every annotation of one `check` run, one per line.
pub fn annotations(files: &[FileOutcome<'_>]) -> String {
    let mut out = String::new();
    for file in files {
        match file {
            FileOutcome::Unreadable {
                path,
                diagnostic: Some(diagnostic),
                ..
            } => {
                out.push_str(&annotation(path, "", &LineIndex::new(""), diagnostic));
                out.push('\n');
            }
            FileOutcome::Unreadable { path, problem, .. } => {
                out.push_str(&format!(
                    "::error file={}::{}\n",
                    escape_property(path),
                    escape_data(problem)
                ));
            }
            FileOutcome::Checked(checked) => {
                let lines = LineIndex::new(&checked.source);
                for diagnostic in &checked.diagnostics {
                    out.push_str(&annotation(&checked.name, &checked.source, &lines, diagnostic));
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// The workflow command for one severity.
pub fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Advice => "notice",
    }
}

fn annotation(path: &str, source: &str, lines: &LineIndex, diagnostic: &Diagnostic) -> String {
    let mut properties = vec![format!("file={}", escape_property(&file_name(path)))];
    if let Some(span) = diagnostic.primary_span() {
        let start = span.start().min(source.len());
        let end = span.end().min(source.len()).max(start);
        let from = lines.position(source, start);
        // The last character, not the one after it: GitHub's end is inclusive.
        let last = if end > start {
            lines.position(source, crate::lines::floor_char_boundary(source, end - 1))
        } else {
            from
        };
        properties.push(format!("line={}", from.line));
        if from.line == last.line {
            properties.push(format!("col={}", from.column));
            properties.push(format!("endLine={}", last.line));
            properties.push(format!("endColumn={}", last.column));
        } else {
            properties.push(format!("endLine={}", last.line));
        }
    }
    properties.push(format!("title={}", escape_property(diagnostic.code.as_str())));
    format!(
        "::{} {}::{}",
        command(diagnostic.severity),
        properties.join(","),
        escape_data(&message_text(diagnostic))
    )
}

/// The file as GitHub matches it: `/` separators, no leading `./`.
pub fn file_name(path: &str) -> String {
    let mut name = path.replace('\\', "/");
    while let Some(rest) = name.strip_prefix("./") {
        name = rest.to_string();
    }
    name
}

/// Escapes a command's message: control and invisible characters made
/// visible (an ESC or BEL would reach the log raw), then `%`, carriage
/// return and line feed as the toolkit does.
pub fn escape_data(text: &str) -> String {
    super::text::escape_hazards(text)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value: as data, plus `:` and `,`.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_named_from_the_repository_root() {
        assert_eq!(file_name("./plans/shop.canvas"), "plans/shop.canvas");
        assert_eq!(file_name("plans\\shop.canvas"), "plans/shop.canvas");
        assert_eq!(file_name("/abs/shop.canvas"), "/abs/shop.canvas");
    }

    #[test]
    fn escaping_follows_the_toolkit() {
        assert_eq!(escape_data("50% off\r\nnow: a, b"), "50%25 off%0D%0Anow: a, b");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn control_characters_never_reach_the_log_raw() {
        let escaped = escape_data("\u{1b}]8;;x\u{7}bell\u{202E}\u{2061}\r\n");
        assert_eq!(escaped, "\\u{1b}]8;;x\\u{7}bell\\u{202e}\\u{2061}%0D%0A");
        assert!(!escaped.chars().any(crate::output::text::is_hazard));
        assert_eq!(escape_property("a\u{1b}b.canvas"), "a\\u{1b}b.canvas");
    }
}
