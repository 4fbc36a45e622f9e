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
fn a_lone_carriage_return_inside_a_string_is_an_ordinary_character() {
    let checked = check(
        "cr-string.canvas",
        "canvas \"x\" { currency EUR }\nsegment a \"one\rtwo\" { type niche }\n",
    );
    assert!(checked.parsed_cleanly(), "{}", rendered(&checked));
    let label = checked.model.segments[0]
        .block
        .label
        .as_ref()
        .map(|label| label.value.as_str());
    assert_eq!(label, Some("one\rtwo"));
    // Shown, never obeyed: the report shows no raw carriage return.
    let checked = check(
        "cr-string.canvas",
        "canvas \"x\r\" { currency EUR }\nsegment a { type nich }\n",
    );
    assert!(checked.parsed_cleanly());
    assert!(!rendered(&checked).contains('\r'));
    // `\r\n` in a string is still a line break inside it: a broken string.
    let checked = check("crlf-string.canvas", "canvas \"x\r\ny\" { currency EUR }\r\n");
    assert!(!checked.parsed_cleanly());
}

#[test]
fn numbers_over_a_thousand_digits_are_invalid_values_decided_at_once() {
    let started = std::time::Instant::now();
    for digits in [1_001, 200_000, 1_000_000] {
        let source = format!(
            "canvas \"x\" {{ currency EUR }}\nsegment a {{\n  type niche\n  size {}\n}}\nrevenue r {{ from a; price {}.5 EUR per month }}\n",
            "9".repeat(digits),
            "1_".repeat(1_000) + "1"
        );
        let checked = check("digits.canvas", &source);
        let invalid: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.code == Code::InvalidValue)
            .collect();
        assert_eq!(invalid.len(), 2, "{digits}: {:?}", codes(&checked));
        assert!(
            invalid[0]
                .message
                .contains(&format!("a number of {digits} digits is more than the 1000")),
            "{}",
            invalid[0].message
        );
        // The message names the number's length, not the number.
        assert!(invalid.iter().all(|diagnostic| diagnostic.message.len() < 200));
        assert!(checked.model.segments[0].size.is_none());
    }
    // Linear: the three together take well under the 3.4 s that 200,000
    // digits alone once took (a bound far above the real cost, for slow machines).
    assert!(
        started.elapsed() < std::time::Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    // A thousand digits is still exact.
    let source = format!(
        "canvas \"x\" {{ currency EUR }}\nsegment a {{\n  type niche\n  size {}\n}}\n",
        "9".repeat(1_000)
    );
    let checked = check("thousand.canvas", &source);
    assert!(!checked
        .diagnostics
        .iter()
        .any(|diagnostic| diagnostic.code == Code::InvalidValue));
    let size = checked.model.segments[0]
        .size
        .as_ref()
        .map(|size| size.value.to_string());
    assert_eq!(size, Some("9".repeat(1_000)));
}

#[test]
fn a_100_kb_identifier_is_cut_in_every_message() {
    let name = "n".repeat(100_000);
    let mut source = format!("canvas \"x\" {{ currency EUR }}\nsegment {name} {{ type niche }}\n");
    for index in 0..20 {
        source.push_str(&format!("proposition p{index} {{ for {name}x }}\n"));
    }
    let checked = check("long-name.canvas", &source);
    assert!(checked.diagnostics.len() >= 20);
    for diagnostic in &checked.diagnostics {
        let texts = std::iter::once(&diagnostic.message)
            .chain(diagnostic.help.iter())
            .chain(diagnostic.labels.iter().map(|label| &label.message));
        for text in texts {
            assert!(text.len() < 1_000, "{}: {} bytes", diagnostic.code, text.len());
        }
    }
    // The labels still cover the whole name: only the words shown are cut.
    assert!(checked
        .diagnostics
        .iter()
        .filter_map(|diagnostic| diagnostic.primary_span())
        .any(|span| span.len() == 100_001));
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
    assert!(output.contains("this block is not closed"), "{output}");
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
fn a_file_over_the_size_limit_is_a_too_large_diagnostic_and_exit_2() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let path = directory.path().join("huge.canvas");
    let file = std::fs::File::create(&path).expect("creatable");
    // Sparse: no disk is written, but the size says 300 MiB. Were it read,
    // it would be NUL bytes: a `syntax` error, not `too-large`.
    file.set_len(300 * 1024 * 1024).expect("sparse file");
    let good = directory.path().join("good.canvas");
    std::fs::write(&good, "canvas \"x\" { currency EUR }\nproposition p { for nobody }\n").expect("writable");
    let (huge, good) = (path.to_str().unwrap_or_default(), good.to_str().unwrap_or_default());

    let human = canvasc_binary(&["check", huge, good]);
    assert_eq!(human.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&human.stderr);
    assert!(stderr.contains("too-large"), "{stderr}");
    // The report wraps lines, so only its start is on one line.
    assert!(
        stderr.contains(&format!("`{huge}` is 300 MiB (314572800 bytes)")),
        "{stderr}"
    );
    assert!(stderr.contains("help: a canvas is a page of text"), "{stderr}");
    // The other file is still checked.
    assert!(stderr.contains("no segment named `nobody`"), "{stderr}");

    let json = canvasc_binary(&["check", "--format", "json", huge, good]);
    assert_eq!(json.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let refused = &report["files"][0];
    assert_eq!(refused["path"], huge);
    let message =
        format!("`{huge}` is 300 MiB (314572800 bytes), more than the 256 MiB canvasc reads; it was not read");
    assert_eq!(refused["error"], message.as_str());
    assert_eq!(refused["diagnostics"][0]["message"], message.as_str());
    assert_eq!(refused["diagnostics"][0]["code"], "too-large");
    assert_eq!(refused["diagnostics"][0]["severity"], "error");
    assert_eq!(refused["diagnostics"][0]["labels"], serde_json::json!([]));
    assert_eq!(report["files"][1]["diagnostics"][0]["code"], "unknown-reference");
    assert_eq!(report["summary"]["errors"], 2);

    let sarif = canvasc_binary(&["check", "--format", "sarif", huge]);
    assert_eq!(sarif.status.code(), Some(2));
    let log: serde_json::Value = serde_json::from_slice(&sarif.stdout).expect("SARIF");
    let run = &log["runs"][0];
    assert_eq!(run["results"][0]["ruleId"], "too-large");
    assert!(run["results"][0]["locations"][0]["physicalLocation"]["region"].is_null());
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);

    let github = canvasc_binary(&["check", "--format", "github", huge]);
    assert_eq!(github.status.code(), Some(2));
    let annotations = String::from_utf8_lossy(&github.stdout);
    assert!(annotations.starts_with("::error file="), "{annotations}");
    assert!(annotations.contains(",title=too-large::`"), "{annotations}");
    assert!(annotations.contains("` is 300 MiB"), "{annotations}");

    for command in [&["build", huge][..], &["fmt", "--check", huge], &["diff", huge, good]] {
        let output = canvasc_binary(command);
        assert_eq!(output.status.code(), Some(2), "{command:?}");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("too-large"),
            "{command:?}"
        );
    }
}

#[test]
fn more_than_the_cap_of_diagnostics_are_counted_not_reported() {
    use canvasc::testing::MAX_DIAGNOSTICS_PER_FILE;
    // One block with an unknown statement per line: one error each.
    let mut source = String::from(
        "canvas \"x\" { currency EUR }\nallow unclassified, no-relationship, no-channel, no-value-proposition\nsegment a {\n",
    );
    for _ in 0..MAX_DIAGNOSTICS_PER_FILE + 5 {
        source.push_str("x\n");
    }
    source.push_str("}\n");
    let checked = check("flood.canvas", &source);
    assert_eq!(checked.diagnostics.len(), MAX_DIAGNOSTICS_PER_FILE + 1);
    assert!(checked.diagnostics[..MAX_DIAGNOSTICS_PER_FILE]
        .iter()
        .all(|d| d.code == Code::UnknownValue));
    let last = &checked.diagnostics[MAX_DIAGNOSTICS_PER_FILE];
    assert_eq!(last.code, Code::TooManyDiagnostics);
    assert_eq!(
        last.message,
        "5 more diagnostics not reported (5 errors): canvasc reports at most 10000 per file"
    );
    // Labelled at the first one not reported: the 100,001st `x`.
    let first_dropped = source.find("{\n").map(|brace| brace + 2 + 2 * MAX_DIAGNOSTICS_PER_FILE);
    assert_eq!(last.primary_span().map(|span| span.start()), first_dropped);
    assert!(checked.has_errors());
    // The machine formats see the same diagnostics.
    let report = canvasc::output::report::FileReport::of(&checked);
    assert_eq!(report.diagnostics.len(), MAX_DIAGNOSTICS_PER_FILE + 1);
    assert_eq!(
        report.diagnostics[MAX_DIAGNOSTICS_PER_FILE].code,
        "too-many-diagnostics"
    );
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

/// The library refuses a text over the limit too (its spans are 32-bit
/// offsets), without parsing it.
#[test]
fn the_library_refuses_a_text_over_the_size_limit() {
    let limit = usize::try_from(canvasc::testing::MAX_FILE_SIZE).expect("the limit fits in memory");
    let text = "#".repeat(limit + 1);
    let checked = check("huge.canvas", &text);
    let codes: Vec<Code> = checked.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::TooLarge]);
    assert!(checked.diagnostics[0].labels.is_empty());
    assert!(checked.model.segments.is_empty());
}

#[test]
fn github_annotations_and_fmt_diff_never_carry_raw_control_characters() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let path = directory.path().join("evil\u{1b}]0;x\u{7}.canvas");
    std::fs::write(
        &path,
        "canvas \"x\" { currency EUR }\nsegment a \"\u{1b}[2J\u{7}\u{202E}\u{61C}\u{2061}\" {type nich}\n",
    )
    .expect("writable");
    let name = path.to_str().unwrap_or_default();
    let hazards = |text: &str| text.chars().filter(|c| canvasc::render::is_hazard(*c)).count();
    let github = canvasc_binary(&["check", "--format", "github", name]);
    let annotations = String::from_utf8_lossy(&github.stdout);
    assert!(annotations.contains("title=unknown-value"), "{annotations}");
    assert_eq!(hazards(&annotations), 0, "{annotations:?}");
    let diff = canvasc_binary(&["fmt", "--diff", name]);
    let shown = String::from_utf8_lossy(&diff.stdout);
    assert!(shown.contains("\\u{1b}[2J"), "{shown:?}");
    assert_eq!(hazards(&shown), 0, "{shown:?}");
    let human = canvasc_binary(&["check", name]);
    assert_eq!(hazards(&String::from_utf8_lossy(&human.stderr)), 0);
}

#[test]
fn one_list_of_hazards_for_pages_terminals_and_logs() {
    // Every character the pages show as an escape, the terminal does too.
    for c in [
        '\u{061C}', '\u{200B}', '\u{202E}', '\u{2060}', '\u{2064}', '\u{2066}', '\u{FEFF}',
    ] {
        assert!(canvasc::output::text::is_invisible(c), "{c:?}");
        assert!(canvasc::render::is_hazard(c), "{c:?}");
        assert!(!canvasc::render::escape_control(&c.to_string()).contains(c));
    }
}
