//! The explanations of `canvasc explain` (`docs/rules/CODE.md`): each has
//! the expected sections, and its examples do what they claim — the
//! `Example` fires the code and the `Fixed` version does not (except for
//! the limits of `EXAMPLE_NOT_A_CANVAS`, which no small canvas reaches).

use canvasc::Code;

/// The first ```canvas block after `heading`.
fn example_after<'a>(text: &'a str, heading: &str) -> &'a str {
    let section = text
        .split(heading)
        .nth(1)
        .unwrap_or_else(|| panic!("no `{heading}` section"));
    let start = section.find("```canvas\n").expect("a canvas example") + "```canvas\n".len();
    let end = section[start..].find("```").expect("a closed example");
    &section[start..start + end]
}

#[test]
fn every_explanation_has_its_sections() {
    for code in Code::ALL {
        let text = code.explanation();
        let title = format!("# `{}` ({})", code.as_str(), code.severity());
        assert!(text.starts_with(&title), "{code}: the title is `{title}`");
        for heading in ["## What it checks", "## Why it matters", "## Example", "## Fixed"] {
            assert!(text.contains(heading), "{code}: missing `{heading}`");
        }
        assert!(!code.summary().is_empty(), "{code}: no summary line");
    }
}

/// The limits whose example cannot be a canvas small enough to show (a file
/// over 256 MiB, more than 10,000 diagnostics): their `Example` shows a
/// session instead, in a ```console block, and `tests/hostile.rs` makes them
/// fire.
const EXAMPLE_NOT_A_CANVAS: &[Code] = &[Code::TooLarge, Code::TooManyDiagnostics];

#[test]
fn the_limits_show_a_session_instead_of_a_canvas() {
    for code in EXAMPLE_NOT_A_CANVAS {
        let example = code.section("Example").unwrap_or_default();
        assert!(
            example.contains("```console\n$ canvasc check") && example.contains(code.as_str()),
            "{code}: the example shows a session that reports it"
        );
        assert!(
            !code.explanation().contains("```canvas"),
            "{code}: a canvas example would be tested"
        );
    }
    // The session shows the message canvasc gives.
    let too_large = canvasc::testing::too_large("huge.canvas", Some(300 * 1024 * 1024));
    assert!(Code::TooLarge.explanation().contains(&too_large.message));
}

#[test]
fn every_example_fires_and_every_fix_is_quiet() {
    let mut failures = Vec::new();
    for code in Code::ALL.iter().filter(|code| !EXAMPLE_NOT_A_CANVAS.contains(code)) {
        let text = code.explanation();
        let example = canvasc::check("example.canvas", example_after(text, "## Example"));
        if !example.diagnostics.iter().any(|diagnostic| diagnostic.code == *code) {
            failures.push(format!("{code}: the example does not fire it"));
        }
        let fixed = canvasc::check("fixed.canvas", example_after(text, "## Fixed"));
        if fixed.diagnostics.iter().any(|diagnostic| diagnostic.code == *code) {
            failures.push(format!("{code}: the fixed example still fires it"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
