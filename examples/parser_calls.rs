//! Measures how many counted pest calls (`pest::set_call_limit`'s unit) the
//! grammar spends per byte of text, on the examples, a generated canvas and
//! hostile shapes, as the basis of `canvasc::testing::PARSER_CALLS_PER_BYTE`:
//!
//! ```sh
//! cargo run --example parser_calls
//! ```
//!
//! The texts are about 20,000 repetitions of their shape (calls grow
//! linearly with them). For each text it finds, by bisection, the smallest call limit under which
//! one parse of the whole text (`items`, the rule the recovering parser
//! uses, and `file`) does not stop with "call limit reached". The count is
//! exact: pest counts the same calls under any limit it does not reach.

#[path = "../benches/generator.rs"]
mod generator;

// pest is built without `std` (see src/lib.rs); its derived parser names `alloc`.
extern crate alloc;

use std::num::NonZeroUsize;

use pest::Parser as _;

#[derive(pest_derive::Parser)]
#[grammar = "grammar/canvas.pest"]
struct CanvasParser;

/// Whether parsing `text` as `rule` stays within `limit` calls.
fn within(rule: Rule, text: &str, limit: usize) -> bool {
    pest::set_call_limit(NonZeroUsize::new(limit));
    match CanvasParser::parse(rule, text) {
        Ok(_) => true,
        Err(error) => !matches!(
            error.variant,
            pest::error::ErrorVariant::CustomError { ref message } if message == "call limit reached"
        ),
    }
}

/// The calls one parse of `text` as `rule` makes.
fn calls(rule: Rule, text: &str) -> usize {
    let mut high = 1;
    while !within(rule, text, high) {
        high *= 2;
    }
    let mut low = high / 2; // not enough (or 0)
    while high - low > 1 {
        let middle = low + (high - low) / 2;
        if within(rule, text, middle) {
            high = middle;
        } else {
            low = middle;
        }
    }
    high
}

fn main() {
    let mut texts: Vec<(String, String)> = Vec::new();
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    let mut paths: Vec<_> = std::fs::read_dir(examples)
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    for path in paths {
        if path.extension().is_some_and(|extension| extension == "canvas") {
            let name = path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            texts.push((name, std::fs::read_to_string(&path).unwrap_or_default()));
        }
    }
    texts.push(("generated, 200 segments".into(), generator::canvas(200)));

    let n = 20_000;
    let header = "canvas \"x\" { currency EUR }\n";
    let hostile: Vec<(&str, String)> = vec![
        (
            "a 100 kB string",
            format!("{header}segment a {{ need \"{}\" }}\n", "x".repeat(n * 5)),
        ),
        (
            "a 100 kB name",
            format!("{header}segment {} {{ }}\n", "a".repeat(n * 5)),
        ),
        (
            "many commas",
            format!("{header}segment a {{ need {}b }}\n", "a,".repeat(n)),
        ),
        (
            "many commas with spaces",
            format!("{header}segment a {{ need {}b }}\n", "a , ".repeat(n)),
        ),
        (
            "many atoms",
            format!("{header}segment a {{ need {}b }}\n", "a ".repeat(n)),
        ),
        (
            "many one-digit numbers",
            format!("{header}segment a {{ size {}1 }}\n", "1 ".repeat(n)),
        ),
        (
            "many strings",
            format!("{header}segment a {{ need {}\"\" }}\n", "\"\" ".repeat(n)),
        ),
        (
            "many escapes",
            format!("{header}segment a {{ need \"{}\" }}\n", "\\\"".repeat(n)),
        ),
        (
            "continued list",
            format!("{header}segment a {{ need {}b }}\n", "a,\n".repeat(n)),
        ),
        (
            "continued list, comments",
            format!("{header}segment a {{ need {}b }}\n", "a, # c\n  ".repeat(n)),
        ),
        (
            "continued list, blank lines",
            format!("{header}segment a {{ need a,{}b }}\n", "\n".repeat(n)),
        ),
        (
            "many statements",
            format!("{header}segment a {{\n{}}}\n", "t\n".repeat(n)),
        ),
        (
            "many statements, `;`",
            format!("{header}segment a {{ {}}}\n", "t;".repeat(n)),
        ),
        (
            "many empty lines in a body",
            format!("{header}segment a {{{}}}\n", "\n".repeat(n)),
        ),
        (
            "many `;` in a body",
            format!("{header}segment a {{{}}}\n", ";".repeat(n)),
        ),
        ("many items", format!("{header}{}", "a\n".repeat(n))),
        ("many items, `;`", format!("{header}{}", "a;".repeat(n))),
        ("many empty blocks", format!("{header}{}", "a{}\n".repeat(n))),
        ("many items with an argument", format!("{header}{}", "a b\n".repeat(n))),
        ("many items with a number", format!("{header}{}", "a 1\n".repeat(n))),
        ("many items with a string", format!("{header}{}", "a \"\"\n".repeat(n))),
        (
            "many items with two arguments",
            format!("{header}{}", "a b,c\n".repeat(n)),
        ),
        ("many items with a comment", format!("{header}{}", "a#\n".repeat(n))),
        (
            "many blocks with a statement",
            format!("{header}{}", "a{t}\n".repeat(n)),
        ),
        (
            "many one-letter items after a BOM",
            format!("\u{FEFF}{header}{}", "a\n".repeat(n)),
        ),
        ("many blank lines", format!("{header}{}", "\n".repeat(n))),
        ("many `\\r\\n`", format!("{header}{}", "\r\n".repeat(n))),
        ("many `;`", format!("{header}{}", ";".repeat(n))),
        ("many spaces", format!("{header}segment a {{{}}}\n", " ".repeat(n))),
        (
            "many tabs between atoms",
            format!("{header}segment a {{ need a{}b }}\n", "\t".repeat(n)),
        ),
        ("many comments", format!("{header}{}", "# c\n".repeat(n))),
        (
            "many comment-only lines in a body",
            format!("{header}segment a {{\n{}}}\n", "#\n".repeat(n)),
        ),
        ("a 100 kB comment", format!("{header}# {}\n", "x".repeat(n * 5))),
        (
            "many decimals",
            format!("{header}segment a {{ size {}1 }}\n", "1.1_1 ".repeat(n)),
        ),
        // Errors: the whole text up to the error is still recognised once.
        ("nested braces", format!("{header}segment a {}", "{".repeat(n))),
        (
            "unclosed blocks",
            format!("{header}{}", "segment s {\n  type niche\n".repeat(n / 10)),
        ),
        (
            "an error after many commas",
            format!("{header}segment a {{ need {}@ }}\n", "a,".repeat(n)),
        ),
        (
            "an unclosed string at the end",
            format!("{header}segment a {{ need {}\"x }}\n", "a,".repeat(n)),
        ),
        ("many lone `\\r`", format!("{header}{}", "\r".repeat(n))),
        ("many `}`", format!("{header}{}", "}".repeat(n))),
        ("many `,`", format!("{header}segment a {{ need {}}}\n", ",".repeat(n))),
        (
            "many multibyte letters",
            format!("{header}segment {} {{ }}\n", "é".repeat(n)),
        ),
    ];
    texts.extend(hostile.into_iter().map(|(name, text)| (name.to_string(), text)));

    println!(
        "{:<40} {:>10} {:>12} {:>12} {:>8}",
        "text", "bytes", "calls/items", "calls/file", "per byte"
    );
    let mut worst: f64 = 0.0;
    for (name, text) in &texts {
        let items = calls(Rule::items, text);
        let file = calls(Rule::file, text);
        let per_byte = items.max(file) as f64 / text.len().max(1) as f64;
        worst = worst.max(per_byte);
        println!("{name:<40} {:>10} {items:>12} {file:>12} {per_byte:>8.3}", text.len());
    }
    // The item-head rule reads one line at most.
    let line = format!("segment {} {{", "a,".repeat(n));
    let head = calls(Rule::item_head, &line);
    println!(
        "{:<40} {:>10} {head:>12} {:>12} {:>8.3}",
        "item_head: many commas",
        line.len(),
        "",
        head as f64 / line.len() as f64
    );
    println!("worst: {worst:.3} calls per byte");
}
