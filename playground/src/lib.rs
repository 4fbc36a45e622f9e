//! The playground's bindings: canvasc's library, called from the browser
//! page through `wasm-bindgen`.
//!
//! This crate owns only the boundary. Every function takes and returns
//! strings (JSON where the answer has structure), so the same functions run
//! natively in the unit tests below and in the page; none of them adds
//! behaviour of its own. What each one answers is what the command line
//! prints for the same canvas:
//!
//! - [`check`]: the document of `canvasc check --format json` (one file);
//! - [`format`]: what `canvasc fmt` writes, or nothing for a canvas with
//!   syntax errors (which `fmt` refuses too);
//! - [`build`]: what `canvasc build --format json|html|svg|md` writes, or
//!   nothing for a canvas with errors (which `build` refuses too);
//! - [`economics`]: what `canvasc economics --format text|md|json|csv`
//!   prints, or nothing for a canvas with errors;
//! - [`fix`]: the canvas with every certain fix applied (`check --fix`);
//! - [`explain`] and [`codes`]: `canvasc explain CODE` and `canvasc explain`.
//!
//! The page runs in one thread and has no file system: the core parses on
//! one thread there (the one `cfg` is in `canvasc::limits`), and nothing
//! here reads or writes a file. The canvas is checked under the name
//! [`NAME`], with no `canvas.toml` levels (there is no project around it).

use canvasc::levels::Levels;
use canvasc::output::report::{CheckReport, FileReport};
use canvasc::Code;
use serde_json::{json, Value};
use wasm_bindgen::prelude::wasm_bindgen;

/// The name the page's canvas is checked under, as `path` in reports.
pub const NAME: &str = "playground.canvas";

/// The shipped examples (`examples/*.canvas`), for the page's menu:
/// compiled in so the page fetches nothing but the wasm file.
const EXAMPLES: &[(&str, &str)] = &[
    ("beauty-shop", include_str!("../../examples/beauty-shop.canvas")),
    (
        "co-creation-platform",
        include_str!("../../examples/co-creation-platform.canvas"),
    ),
    (
        "coffee-subscription",
        include_str!("../../examples/coffee-subscription.canvas"),
    ),
    (
        "community-marketplace",
        include_str!("../../examples/community-marketplace.canvas"),
    ),
    (
        "department-store",
        include_str!("../../examples/department-store.canvas"),
    ),
    (
        "free-mobile-telecom",
        include_str!("../../examples/free-mobile-telecom.canvas"),
    ),
    ("music-service", include_str!("../../examples/music-service.canvas")),
    ("private-bank", include_str!("../../examples/private-bank.canvas")),
    (
        "razor-and-blades",
        include_str!("../../examples/razor-and-blades.canvas"),
    ),
    ("saas-analytics", include_str!("../../examples/saas-analytics.canvas")),
];

/// canvasc's version and the language version it implements, for the
/// page's footer: `{"canvasc": "0.1.0", "language": "0.1"}`.
#[wasm_bindgen]
pub fn version() -> String {
    json!({
        "canvasc": canvasc_version(),
        "language": canvasc::LANGUAGE_VERSION,
    })
    .to_string()
}

/// The version of the canvasc library this page was built with.
fn canvasc_version() -> &'static str {
    // The playground is versioned with the library it wraps.
    env!("CARGO_PKG_VERSION")
}

/// Checks `source`: the JSON document `canvasc check --format json` prints
/// for one file (offsets in bytes of the UTF-8 text, lines and columns
/// from 1).
#[wasm_bindgen]
pub fn check(source: &str) -> String {
    let checked = canvasc::check(NAME, source);
    CheckReport::new(vec![FileReport::of(&checked)]).to_json()
}

/// The canonical layout of `source`, or `None` when it has syntax errors.
#[wasm_bindgen]
pub fn format(source: &str) -> Option<String> {
    canvasc::fmt::format_source(source)
}

/// Compiles `source` to `format` (`json`, `html`, `svg` or `md`), or
/// `None` when the canvas has errors or the format is unknown.
#[wasm_bindgen]
pub fn build(source: &str, format: &str) -> Option<String> {
    let checked = canvasc::check(NAME, source);
    if checked.has_errors() {
        return None;
    }
    let output = match format {
        "json" => model_json(&checked.model) + "\n",
        "html" => canvasc::output::html::html(&checked),
        "svg" => canvasc::output::svg::svg(&checked),
        "md" => canvasc::output::markdown::markdown(&checked),
        _ => return None,
    };
    Some(output)
}

/// The unit economics of `source` as `canvasc economics --format FORMAT`
/// prints them (`text`, `md`, `json` or `csv`), or `None` when the canvas
/// has errors (whose economics `economics` refuses too) or the format is
/// unknown.
#[wasm_bindgen]
pub fn economics(source: &str, format: &str) -> Option<String> {
    use canvasc::output::economics;
    let checked = canvasc::check(NAME, source);
    if checked.has_errors() {
        return None;
    }
    let model = &checked.model;
    let output = match format {
        // No terminal colours in a page.
        "text" => economics::text(model, false),
        "md" => economics::markdown(model),
        "json" => serde_json::to_string_pretty(&economics::json(model)).unwrap_or_default() + "\n",
        "csv" => economics::csv(model),
        _ => return None,
    };
    Some(output)
}

/// `source` with every certain fix applied, repeated while fixes reveal
/// more (as `canvasc check --fix` writes it).
#[wasm_bindgen]
pub fn fix(source: &str) -> String {
    canvasc::fix::fix(NAME, source, &Levels::new()).source
}

/// The explanation of a rule code (Markdown), or `None` for an unknown code.
#[wasm_bindgen]
pub fn explain(code: &str) -> Option<String> {
    Code::from_name(code).map(|code| code.explanation().to_string())
}

/// Every rule code: `[{"code", "severity", "summary"}]`, in the order of
/// the language reference.
#[wasm_bindgen]
pub fn codes() -> String {
    let codes: Vec<Value> = Code::ALL
        .iter()
        .map(|code| {
            json!({
                "code": code.as_str(),
                "severity": code.severity().as_str(),
                "summary": code.summary(),
            })
        })
        .collect();
    Value::Array(codes).to_string()
}

/// The shipped examples: `[{"name", "source"}]`.
#[wasm_bindgen]
pub fn examples() -> String {
    let examples: Vec<Value> = EXAMPLES
        .iter()
        .map(|(name, source)| json!({ "name": name, "source": source }))
        .collect();
    Value::Array(examples).to_string()
}

fn model_json(model: &canvasc::Model) -> String {
    serde_json::to_string_pretty(&canvasc::output::json::model_json(model)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Value {
        serde_json::from_str(json).expect("the bindings print valid JSON")
    }

    fn reference() -> &'static str {
        EXAMPLES[0].1
    }

    /// The reference example with `for young-women` misspelt, as in
    /// LANGUAGE.md and docs/json.md.
    fn misspelt() -> String {
        let source = reference();
        let at = source
            .find("for young-women")
            .expect("the reference example has the reference");
        let mut text = source.to_string();
        text.replace_range(at..at + "for young-women".len(), "for young-woman");
        text
    }

    #[test]
    fn check_is_the_json_of_check_format_json() {
        let report = parse(&check(&misspelt()));
        assert_eq!(report["schema_version"], 1);
        assert_eq!(report["files"][0]["path"], NAME);
        assert_eq!(report["summary"]["files"], 1);
        let diagnostics = report["files"][0]["diagnostics"].as_array().expect("a list");
        let unknown = diagnostics
            .iter()
            .find(|d| d["code"] == "unknown-reference")
            .expect("the misspelling is reported");
        assert_eq!(unknown["severity"], "error");
        assert_eq!(unknown["fix"]["replacement"], "young-women");
        let offset = unknown["fix"]["offset"].as_u64().expect("an offset") as usize;
        let length = unknown["fix"]["length"].as_u64().expect("a length") as usize;
        assert_eq!(&misspelt()[offset..offset + length], "young-woman");
    }

    #[test]
    fn check_matches_the_library_diagnostic_for_diagnostic() {
        for (name, source) in EXAMPLES {
            let report = parse(&check(source));
            let library = canvasc::check(NAME, source);
            let codes: Vec<&str> = report["files"][0]["diagnostics"]
                .as_array()
                .expect("a list")
                .iter()
                .map(|d| d["code"].as_str().expect("a code"))
                .collect();
            let expected: Vec<&str> = library.diagnostics.iter().map(|d| d.code.as_str()).collect();
            assert_eq!(codes, expected, "{name}");
            assert_eq!(report["summary"]["errors"], 0, "{name} has no errors");
        }
    }

    #[test]
    fn the_examples_are_every_shipped_canvas() {
        let mut shipped: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples"))
            .expect("the examples folder")
            .filter_map(|entry| entry.ok())
            .filter_map(|entry| entry.file_name().into_string().ok())
            .filter_map(|name| name.strip_suffix(".canvas").map(str::to_string))
            .collect();
        shipped.sort();
        let listed = parse(&examples());
        let names: Vec<&str> = listed
            .as_array()
            .expect("a list")
            .iter()
            .map(|example| example["name"].as_str().expect("a name"))
            .collect();
        assert_eq!(names, shipped);
    }

    #[test]
    fn fix_repairs_the_misspelling_and_leaves_the_rest() {
        let fixed = fix(&misspelt());
        assert_eq!(fixed, reference());
    }

    #[test]
    fn format_is_fmt_and_refuses_syntax_errors() {
        let messy = "canvas   \"X\"   {   currency EUR }\n\n\n\nsegment a {type niche}";
        assert_eq!(
            format(messy).as_deref(),
            Some("canvas \"X\" { currency EUR }\n\nsegment a { type niche }\n")
        );
        assert_eq!(
            format(reference()).as_deref(),
            Some(reference()),
            "the examples are canonical"
        );
        assert_eq!(format("segment {"), None);
        // Line endings and a byte-order mark are kept.
        let crlf = "\u{feff}canvas \"É\" { currency EUR }\r\n";
        assert_eq!(format(crlf).as_deref(), Some(crlf));
    }

    #[test]
    fn build_gives_every_format_and_refuses_errors() {
        let source = reference();
        let json = parse(&build(source, "json").expect("json"));
        assert_eq!(json["schema_version"], 1);
        assert!(json["economics"].is_object());
        let html = build(source, "html").expect("html");
        assert!(
            html.starts_with("<!DOCTYPE html>") || html.starts_with("<!doctype html>"),
            "{}",
            &html[..40]
        );
        assert!(html.contains("Maria"));
        assert!(build(source, "svg").expect("svg").contains("<svg"));
        assert!(build(source, "md").expect("md").contains("Maria"));
        assert_eq!(build(source, "pdf"), None);
        assert_eq!(build(&misspelt(), "html"), None);
    }

    #[test]
    fn economics_is_the_economics_command() {
        let model = canvasc::check(NAME, reference()).model;
        let json = parse(&economics(reference(), "json").expect("json"));
        assert_eq!(json, canvasc::output::economics::json(&model));
        assert_eq!(
            economics(reference(), "text").as_deref(),
            Some(canvasc::output::economics::text(&model, false).as_str())
        );
        assert!(economics(reference(), "md").is_some());
        assert!(economics(reference(), "csv").is_some());
        assert_eq!(economics(reference(), "xls"), None);
        assert_eq!(economics(&misspelt(), "text"), None);
    }

    #[test]
    fn explain_knows_every_code_and_no_other() {
        let listed = parse(&codes());
        let listed = listed.as_array().expect("a list");
        assert_eq!(listed.len(), Code::ALL.len());
        for entry in listed {
            let code = entry["code"].as_str().expect("a code");
            let text = explain(code).expect("an explanation");
            assert!(!text.trim().is_empty(), "{code}");
        }
        assert_eq!(explain("no-such-code"), None);
    }

    #[test]
    fn version_names_the_language() {
        assert_eq!(parse(&version())["language"], canvasc::LANGUAGE_VERSION);
    }

    /// Generated inputs: whatever the text, every binding answers (never a
    /// panic), with valid JSON where it promises JSON.
    #[test]
    fn no_input_breaks_a_binding() {
        let pieces = [
            "canvas", "segment", "{", "}", "\"", "é", "\r\n", "\n", "for", "a-b", ";", "#", "0.5", "EUR", "per",
            "month", "\u{feff}", "\u{0}", "💡", " ",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..(seed % 40) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            parse(&check(&text));
            if let Some(json) = economics(&text, "json") {
                parse(&json);
            }
            let _ = format(&text);
            let _ = fix(&text);
            for kind in ["json", "html", "svg", "md"] {
                let _ = build(&text, kind);
            }
        }
    }
}
