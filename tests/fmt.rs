//! The formatter: snapshots of a messy corpus (`tests/fmt/*.canvas`), and
//! the properties it promises, on every canvas the tests know (the corpus,
//! the UI cases and the examples), each also with CRLF line endings and a
//! byte-order mark: formatting is idempotent, keeps the model, and keeps
//! every comment.

use std::path::{Path, PathBuf};

use canvasc::fmt::format_source;

fn all_canvases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    let mut stack = vec![root.join("tests/fmt"), root.join("tests/ui"), root.join("examples")];
    while let Some(directory) = stack.pop() {
        for entry in std::fs::read_dir(&directory).expect("test folders exist").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|extension| extension == "canvas") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    paths
}

fn comments(source: &str) -> Vec<String> {
    canvasc::testing::comment_spans(source)
        .into_iter()
        .map(|span| source[span.range()].trim_end().to_string())
        .collect()
}

fn meaning(source: &str) -> (serde_json::Value, Vec<(String, String)>) {
    let checked = canvasc::check("x.canvas", source);
    let diagnostics = checked
        .diagnostics
        .iter()
        .map(|diagnostic| (diagnostic.code.to_string(), diagnostic.message.clone()))
        .collect();
    (canvasc::output::json::model_json(&checked.model), diagnostics)
}

#[test]
fn messy_corpus() {
    insta::glob!("fmt/*.canvas", |path| {
        let source = std::fs::read_to_string(path).expect("UTF-8 input");
        let formatted = format_source(&source).expect("the corpus parses");
        // The input beside the output, so each snapshot reviews on its own.
        insta::assert_snapshot!(format!("---- before ----\n{source}\n---- after ----\n{formatted}"));
    });
}

/// The variants each file is also formatted in.
fn variants(source: &str) -> Vec<(&'static str, String)> {
    let lf = source.replace("\r\n", "\n");
    vec![
        ("as written", source.to_string()),
        ("crlf", lf.replace('\n', "\r\n")),
        ("bom", format!("\u{FEFF}{lf}")),
    ]
}

#[test]
fn formatting_is_idempotent_lossless_and_keeps_the_model() {
    let mut failures = Vec::new();
    let mut formatted_files = 0;
    for path in all_canvases() {
        let Ok(original) = std::fs::read_to_string(&path) else {
            continue;
        };
        for (variant, source) in variants(&original) {
            let Some(once) = format_source(&source) else {
                continue; // A file with a syntax error is refused, by design.
            };
            formatted_files += 1;
            let name = format!("{} ({variant})", path.display());
            match format_source(&once) {
                Some(twice) if twice == once => {}
                Some(_) => failures.push(format!("{name}: not idempotent")),
                None => failures.push(format!("{name}: the formatted text does not parse")),
            }
            if meaning(&source) != meaning(&once) {
                failures.push(format!("{name}: the model or its diagnostics changed"));
            }
            if comments(&source) != comments(&once) {
                failures.push(format!("{name}: comments were lost or reordered"));
            }
            if variant == "crlf" && once.replace("\r\n", "").contains('\n') {
                failures.push(format!("{name}: CRLF line endings were not kept"));
            }
            if variant == "bom" && !once.starts_with('\u{FEFF}') {
                failures.push(format!("{name}: the byte-order mark was dropped"));
            }
        }
    }
    assert!(formatted_files > 300, "only {formatted_files} files were formatted");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_file_with_a_syntax_error_is_refused() {
    assert_eq!(format_source("canvas \"x\" {\n  need \"open\n}\n"), None);
}

#[test]
fn the_examples_are_canonical() {
    for path in all_canvases()
        .iter()
        .filter(|path| path.starts_with(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")))
    {
        let source = std::fs::read_to_string(path).expect("UTF-8 examples");
        assert_eq!(
            format_source(&source).as_deref(),
            Some(source.as_str()),
            "{} is not canonical",
            path.display()
        );
    }
}
