//! The properties the fuzz targets check, one function per target.
//!
//! Shared by the fuzz targets (`fuzz/fuzz_targets/*.rs`) and by the
//! regression test `tests/fuzz_regressions.rs`, which replays every input in
//! `tests/fuzz/` through the same function, so a crash found by the fuzzer
//! stays fixed. Every function panics when its property does not hold.

#![allow(dead_code)]

/// `check` target, any bytes: `check_bytes` never panics, and neither does
/// rendering its diagnostics for people or as the JSON report.
pub fn check(data: &[u8]) {
    let checked = canvasc::check_bytes("fuzz.canvas", data);
    let rendered = canvasc::render::render_all(
        &checked.name,
        &checked.source,
        &checked.diagnostics,
        canvasc::render::Style::plain(),
    );
    std::hint::black_box(rendered);
    let report = canvasc::output::report::FileReport::of(&checked);
    let json = serde_json::to_string(&report).expect("the report serialises");
    std::hint::black_box(json);
}

/// The texts of a source's comments. The formatter drops whitespace at the
/// end of a comment (`Layout::print` in `src/fmt.rs` writes `trim_end()`),
/// so they are compared without it.
fn comments(source: &str) -> Vec<&str> {
    canvasc::testing::comment_spans(source)
        .into_iter()
        .map(|span| source[span.range()].trim_end())
        .collect()
}

/// `fmt` target, any UTF-8: when the formatter accepts a source, formatting
/// is idempotent, keeps the model (its JSON) and keeps every comment's text.
pub fn fmt(source: &str) {
    let Some(once) = canvasc::fmt::format_source(source) else {
        return;
    };
    let twice = canvasc::fmt::format_source(&once);
    assert_eq!(twice.as_deref(), Some(once.as_str()), "formatting is not idempotent");

    let before = canvasc::output::json::model_json(&canvasc::check("fuzz.canvas", source).model);
    let after = canvasc::output::json::model_json(&canvasc::check("fuzz.canvas", &once).model);
    assert_eq!(before, after, "formatting changed the model");

    assert_eq!(comments(source), comments(&once), "formatting changed the comments");
}

/// The first raw control character other than line feed, tab and carriage
/// return, with its byte offset.
fn control_character(text: &str) -> Option<(usize, char)> {
    text.char_indices()
        .find(|&(_, c)| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
}

/// `build_outputs` target, any UTF-8 that checks without errors: the SVG is
/// well-formed XML, the HTML runs no script, and neither holds a raw control
/// character other than line feed, tab and carriage return.
pub fn build_outputs(source: &str) {
    let checked = canvasc::check("fuzz.canvas", source);
    if checked.has_errors() {
        return;
    }
    let svg = canvasc::output::svg::svg(&checked);
    if let Err(error) = roxmltree::Document::parse(&svg) {
        panic!("the SVG is not well-formed: {error}");
    }
    assert_eq!(control_character(&svg), None, "control character in the SVG");

    let html = canvasc::output::html::html(&checked);
    assert!(!html.to_ascii_lowercase().contains("<script"), "the HTML has a <script");
    assert_eq!(control_character(&html), None, "control character in the HTML");
}

/// `diff` target, any UTF-8: a canvas compared with itself has no changes,
/// and no diagnostic is introduced or resolved.
pub fn diff(source: &str) {
    let checked = canvasc::check("fuzz.canvas", source);
    let diff = canvasc::diff::diff(&checked, &checked);
    assert!(diff.is_empty(), "a canvas differs from itself: {:?}", diff.blocks);
    assert!(diff.introduced.is_empty(), "introduced: {:?}", diff.introduced);
    assert!(diff.resolved.is_empty(), "resolved: {:?}", diff.resolved);
}

/// `lsp`: the language server's message loop, on any bytes after an
/// `initialize` (so that the bytes reach the features, not only the
/// lifecycle gate): it ends at the end of input, never panics, never hangs.
/// Bytes that start with `P` are of a client that pulls diagnostics (the `P`
/// is not sent); others of one that takes them pushed.
pub fn lsp(data: &[u8]) {
    let (initialize, data) = match data.split_first() {
        Some((b'P', rest)) => (
            r#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"capabilities":{"textDocument":{"diagnostic":{}},"workspace":{"diagnostics":{"refreshSupport":true}}},"initializationOptions":{"rulePages":"file:///rules/"}}}"#,
            rest,
        ),
        _ => (
            r#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"capabilities":{}}}"#,
            data,
        ),
    };
    let mut input = format!("Content-Length: {}\r\n\r\n{initialize}", initialize.len()).into_bytes();
    input.extend_from_slice(data);
    let ending = canvasc::lsp::serve(std::io::Cursor::new(input), std::io::sink());
    assert!(ending.is_ok(), "writing to a sink cannot fail: {ending:?}");
}
