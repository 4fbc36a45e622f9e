//! Decisions about the terminal: colour and width.

use std::io::IsTerminal;

use crate::render::Style;

/// Colour only on a terminal, never under `NO_COLOR`, always under
/// `CLICOLOR_FORCE` (<https://no-color.org>, <https://bixense.com/clicolors>).
pub(super) fn stderr_style() -> Style {
    let color = wants_color(std::io::stderr().is_terminal());
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|columns| columns.parse().ok())
        .filter(|columns| *columns >= 40)
        .unwrap_or(100);
    Style { color, width }
}

/// The colour decision for a stream: `NO_COLOR` (any non-empty value) turns
/// colour off, `CLICOLOR_FORCE` (any value but `0`) turns it on, and
/// otherwise a terminal gets colour.
pub(super) fn wants_color(is_terminal: bool) -> bool {
    let value = |name: &str| std::env::var_os(name).filter(|value| !value.is_empty());
    if value("NO_COLOR").is_some() {
        return false;
    }
    if value("CLICOLOR_FORCE").is_some_and(|value| value != "0") {
        return true;
    }
    is_terminal
}

/// `1 error`, `2 warnings`.
pub(super) fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}
