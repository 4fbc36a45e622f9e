//! Hostile inputs: each test states the behaviour written down in
//! `docs/reference.md` ("Limits and hostile input"). None may panic, hang or
//! damage a file; speed is shown by benchmarks, not asserted here.

use std::process::Command;

use canvasc::render::{render_all, Style};
use canvasc::{check, check_bytes, Code};

fn codes(checked: &canvasc::Checked) -> Vec<Code> {
    checked.diagnostics.iter().map(|diagnostic| diagnostic.code).collect()
}

fn rendered(checked: &canvasc::Checked) -> String {
    render_all(&checked.name, &checked.source, &checked.diagnostics, Style::plain())
}

#[test]
fn an_empty_file_is_one_missing_header_without_label() {
    for text in ["", "\n\n", "# only a comment\n", "\u{FEFF}"] {
        let checked = check("empty.canvas", text);
        assert_eq!(codes(&checked), [Code::MissingHeader], "{text:?}");
        assert!(checked.diagnostics[0].labels.is_empty());
    }
}

#[test]
fn invalid_utf8_is_reported_at_its_byte() {
    let checked = check_bytes("latin1.canvas", b"canvas \"ok\"\nsegment caf\xe9 {}\n");
    assert_eq!(codes(&checked), [Code::Syntax]);
    assert_eq!(checked.diagnostics[0].primary_span().map(|span| span.start()), Some(23));
    assert!(rendered(&checked).contains("not valid UTF-8"));
}

#[test]
fn utf16_is_one_clear_error_not_a_flood() {
    let utf16: Vec<u8> = "\u{FEFF}canvas \"x\"\n"
        .encode_utf16()
        .flat_map(|unit| unit.to_le_bytes())
        .collect();
    let checked = check_bytes("utf16.canvas", utf16);
    assert_eq!(codes(&checked), [Code::Syntax]);
    assert!(checked.diagnostics[0].message.contains("UTF-16"));
}

#[test]
fn a_lone_carriage_return_is_a_syntax_error_and_mixed_endings_are_fine() {
    let lone = check("cr.canvas", "canvas \"x\" { currency EUR }\rsegment a { type niche }\n");
    assert_eq!(lone.diagnostics.first().map(|d| d.code), Some(Code::Syntax));
    assert!(lone.diagnostics[0].message.contains("carriage return"));
    let mixed = check(
        "mixed.canvas",
        "canvas \"x\" { currency EUR }\r\nsegment a {\n  type niche\r\n}\n",
    );
    assert!(mixed.parsed_cleanly(), "{}", rendered(&mixed));
    // The formatter keeps the style of the first line break.
    let formatted = canvasc::fmt::format_source(&mixed.source).expect("it parses");
    assert!(formatted.contains("\r\n") && !formatted.replace("\r\n", "").contains('\n'));
}

#[test]
fn nested_braces_and_unclosed_blocks_give_clear_bounded_errors() {
    let nested = format!("canvas \"x\" {{ currency EUR }}\nsegment a {}", "{".repeat(100_000));
    let checked = check("nested.canvas", &nested);
    assert_eq!(codes(&checked), [Code::Syntax]);
    assert!(
        checked.diagnostics[0].message.contains("blocks do not nest"),
        "{}",
        checked.diagnostics[0].message
    );

    let mut unclosed = String::from("canvas \"x\" { currency EUR }\n");
    for index in 0..10_000 {
        unclosed.push_str(&format!("segment s{index} {{\n  type niche\n"));
    }
    let checked = check("unclosed.canvas", &unclosed);
    // One error per broken block; every name is still defined.
    assert_eq!(checked.count(canvasc::Severity::Error), 10_000);
    assert!(checked.diagnostics.iter().all(|d| d.code == Code::Syntax));
    assert_eq!(checked.model.segments.len(), 10_000);
}

#[test]
fn a_megabyte_line_with_an_error_at_its_end_prints_a_bounded_excerpt() {
    let line = format!(
        "canvas \"x\" {{ currency EUR }}\nsegment a {{ need \"{}\" @ }}\n",
        "x".repeat(1_000_000)
    );
    let checked = check("long.canvas", &line);
    let output = rendered(&checked);
    assert!(output.len() < 2_000, "{} bytes of output", output.len());
    assert!(output.contains(":2:1000021]"), "{output}");
}

#[test]
fn an_error_at_the_end_of_the_file_has_a_visible_label() {
    let checked = check("eof.canvas", "canvas \"x\" {\n  currency EUR\n");
    let output = rendered(&checked);
    assert!(output.contains("the block is not closed"), "{output}");
}

#[test]
fn wide_combining_and_zero_width_characters_keep_the_caret_right() {
    let source = "canvas \"x\" { currency EUR }\nsegment 漢字-é\u{301}-a \"x\u{200B}y\" { type nich }\n";
    let checked = check("wide.canvas", source);
    let unknown = checked
        .diagnostics
        .iter()
        .find(|d| d.code == Code::UnknownValue)
        .expect("nich");
    let label = &canvasc::output::report::FileReport::of(&checked).diagnostics;
    let json = label.iter().find(|d| d.code == "unknown-value").expect("in the report");
    // Columns count code points: `segment 漢字-é\u{301}-a "x\u{200B}y" { type ` is 29 of them.
    assert_eq!(json.labels[0].column, 30);
    assert!(unknown.primary_span().is_some());
    insta::assert_snapshot!(rendered(&checked));
}

#[test]
fn nul_control_escape_and_bidi_characters_never_reach_the_terminal_raw() {
    let source = "canvas \"evil\u{1b}[31m\u{202E}\" { currency EUR }\n# comment \u{0}\u{7}\u{1b}]0;title\u{7}\nsegment a\u{0} { type niche }\n";
    let checked = check("evil.canvas", source);
    assert!(!checked.diagnostics.is_empty());
    let output = rendered(&checked);
    for hazard in ['\u{0}', '\u{7}', '\u{1b}', '\u{202E}'] {
        assert!(!output.contains(hazard), "{hazard:?} reached the output:\n{output}");
    }
}

#[test]
fn a_64_kib_identifier_is_just_a_long_name() {
    let name = "a".repeat(64 * 1024);
    let source =
        format!("canvas \"x\" {{ currency EUR }}\nsegment {name} {{ type niche }}\nproposition p {{ for {name}b }}\n");
    let checked = check("long-name.canvas", &source);
    assert!(checked.diagnostics.iter().any(|d| d.code == Code::UnknownReference));
}

#[test]
fn ten_thousand_duplicate_blocks_are_all_reported() {
    let mut source = String::from(
        "canvas \"x\" { currency EUR }\nallow unclassified, no-relationship, no-channel, no-value-proposition\n",
    );
    for _ in 0..10_000 {
        source.push_str("segment same { type niche }\n");
    }
    let checked = check("duplicates.canvas", &source);
    assert_eq!(checked.count(canvasc::Severity::Error), 9_999);
}

fn canvasc_binary(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_canvasc"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs")
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_reading() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let path = directory.path().join("huge.canvas");
    let file = std::fs::File::create(&path).expect("creatable");
    // Sparse: no disk is written, but the size says 300 MiB.
    file.set_len(300 * 1024 * 1024).expect("sparse file");
    let output = canvasc_binary(&["check", path.to_str().unwrap_or_default()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("larger than"));
}

#[test]
fn fifos_in_a_directory_are_skipped_and_never_block() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let fifo = directory.path().join("pipe.canvas");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|status| status.success()) {
        return; // No mkfifo here: nothing to test.
    }
    std::fs::write(directory.path().join("a.canvas"), "canvas \"x\" { currency EUR }\n").expect("writable");
    let output = canvasc_binary(&["check", directory.path().to_str().unwrap_or_default()]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("in 1 file"));
}

#[test]
fn an_unreadable_path_exits_2_and_the_others_are_still_checked() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let good = directory.path().join("good.canvas");
    std::fs::write(&good, "canvas \"x\" { currency EUR }\nproposition p { for nobody }\n").expect("writable");
    let output = canvasc_binary(&["check", "/nonexistent/x.canvas", good.to_str().unwrap_or_default()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no segment named `nobody`"));
}

#[test]
fn build_output_keeps_the_mode_of_the_file_it_replaces() {
    use std::os::unix::fs::PermissionsExt;
    let directory = tempfile::tempdir().expect("a temp dir");
    let out = directory.path().join("model.json");
    std::fs::write(&out, "old").expect("writable");
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/beauty-shop.canvas");
    let output = canvasc_binary(&["build", example, "-o", out.to_str().unwrap_or_default()]);
    assert_eq!(output.status.code(), Some(0));
    let mode = std::fs::metadata(&out).expect("metadata").permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[test]
fn a_flood_of_diagnostics_is_capped_on_a_terminal_but_complete_in_json() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let path = directory.path().join("duplicates.canvas");
    let mut source = String::from(
        "canvas \"x\" { currency EUR }\nallow unclassified, no-relationship, no-channel, no-value-proposition\n",
    );
    for _ in 0..1_000 {
        source.push_str("segment same { type niche }\n");
    }
    std::fs::write(&path, source).expect("writable");
    let path = path.to_str().unwrap_or_default();
    let human = canvasc_binary(&["check", path]);
    let stderr = String::from_utf8_lossy(&human.stderr);
    assert!(
        stderr.contains("and 799 more"),
        "{}",
        &stderr[stderr.len().saturating_sub(300)..]
    );
    assert!(stderr.contains("999 errors"));
    let json = canvasc_binary(&["check", "--format", "json", path]);
    assert_eq!(human.status.code(), json.status.code());
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(report["files"][0]["diagnostics"].as_array().map(Vec::len), Some(999));
}
