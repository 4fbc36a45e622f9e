//! Decisions about the terminal: colour and width.

use std::io::IsTerminal;

use crate::render::Style;

/// Colour only on a terminal, never under `NO_COLOR`, always under
/// `CLICOLOR_FORCE` (https://no-color.org, https://bixense.com/clicolors).
pub fn stderr_style() -> Style {
    let set = |name: &str| std::env::var_os(name).is_some_and(|value| !value.is_empty() && value != "0");
    let color = if set("CLICOLOR_FORCE") {
        true
    } else {
        !set("NO_COLOR") && std::io::stderr().is_terminal()
    };
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|columns| columns.parse().ok())
        .filter(|columns| *columns >= 40)
        .unwrap_or(100);
    Style { color, width }
}

/// `1 error`, `2 warnings`.
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}
