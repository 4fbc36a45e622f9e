//! Helpers shared by the integration tests.

#![allow(dead_code)]

use canvasc::render::{render_all, Style};
use canvasc::Checked;

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
