//! The documentation that is generated from the code stays equal to it:
//! `docs/rules/README.md`, the index of rule codes, lists exactly
//! `Code::ALL`, with each code's severity and summary, in order.
//!
//! `UPDATE_DOCS=1 cargo test --test docs` rewrites the index.

use std::path::Path;

use canvasc::Code;

fn rules_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs").join("rules")
}

#[test]
fn the_rules_index_matches_the_codes() {
    let path = rules_dir().join("README.md");
    let expected = canvasc::code::rules_index();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).expect("docs/rules/README.md is writable");
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/rules/README.md is out of date; run `UPDATE_DOCS=1 cargo test --test docs`\n\n{}",
        similar::TextDiff::from_lines(&actual, &expected)
            .unified_diff()
            .header("docs/rules/README.md", "generated")
    );
}

#[test]
fn the_index_has_one_row_per_code_with_its_summary() {
    let index = canvasc::code::rules_index();
    let rows: Vec<&str> = index.lines().filter(|line| line.starts_with("| [`")).collect();
    assert_eq!(rows.len(), Code::ALL.len());
    for (row, code) in rows.iter().zip(Code::ALL) {
        let cells: Vec<&str> = row.trim_matches('|').split(" | ").map(str::trim).collect();
        assert_eq!(cells[0], format!("[`{code}`]({code}.md)"));
        assert_eq!(cells[1], code.severity().as_str());
        assert_eq!(cells[2], code.summary());
    }
}

#[test]
fn every_page_is_a_code_and_every_code_has_a_page() {
    let mut pages: Vec<String> = std::fs::read_dir(rules_dir())
        .expect("docs/rules is readable")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".md") && name != "README.md")
        .collect();
    pages.sort();
    let mut codes: Vec<String> = Code::ALL.iter().map(|code| format!("{code}.md")).collect();
    codes.sort();
    assert_eq!(pages, codes);
}

#[test]
fn the_tutorial_ends_with_a_canvas_that_checks_clean() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs").join("tutorial.md");
    let text = std::fs::read_to_string(path).expect("docs/tutorial.md is readable");
    let whole = text
        .split("The whole canvas:")
        .nth(1)
        .expect("the whole canvas is shown");
    let start = whole.find("```canvas\n").expect("a canvas block") + "```canvas\n".len();
    let end = whole[start..].find("```").expect("a closed block");
    let checked = canvasc::check("bikes.canvas", &whole[start..start + end]);
    let codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(codes.is_empty(), "{codes:?}");
    let json = canvasc::output::json::model_json(&checked.model);
    assert_eq!(
        json["economics"]["monthly_margin"], "18500.00",
        "the tutorial's economics"
    );
}
