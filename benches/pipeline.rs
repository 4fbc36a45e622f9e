//! Benchmarks of every stage on generated canvases of about 1k, 10k and
//! 100k blocks (each generated segment brings five blocks).
//!
//! `cargo bench` runs them; `benches/compare.sh` times the whole process
//! against serde_json. See `docs/performance.md` for the method and figures.

mod generator;

use divan::{black_box, Bencher};

/// Segments per canvas: about 1k, 10k and 100k blocks.
const SIZES: &[usize] = &[200, 2_000, 20_000];

fn main() {
    divan::main();
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn parse(bencher: Bencher, segments: usize) {
    let source = generator::canvas(segments);
    bencher
        .counter(divan::counter::BytesCount::new(source.len()))
        .bench(|| canvasc::testing::parse(black_box(&source)));
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn model(bencher: Bencher, segments: usize) {
    let source = generator::canvas(segments);
    let (syntax, _) = canvasc::testing::parse(&source);
    bencher.bench(|| {
        let (mut model, _) = canvasc::model::build::build(black_box(&syntax));
        let names = canvasc::model::resolve::resolve(&mut model);
        model.facts = canvasc::model::Facts::of(&model);
        (model, names)
    });
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn rules(bencher: Bencher, segments: usize) {
    let checked = canvasc::check("bench.canvas", &generator::canvas(segments));
    bencher.bench(|| canvasc::testing::run_rules(black_box(&checked.model), &checked.names));
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn check(bencher: Bencher, segments: usize) {
    let source = generator::canvas(segments);
    bencher
        .counter(divan::counter::BytesCount::new(source.len()))
        .bench(|| canvasc::check("bench.canvas", black_box(&source)));
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn fmt(bencher: Bencher, segments: usize) {
    let source = generator::canvas(segments);
    let (syntax, _) = canvasc::testing::parse(&source);
    bencher.bench(|| canvasc::fmt::format(black_box(&source), &syntax));
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn diff(bencher: Bencher, segments: usize) {
    let old = canvasc::check("old.canvas", &generator::canvas(segments));
    let changed = generator::canvas(segments).replace("price 9 EUR", "price 10 EUR");
    let new = canvasc::check("new.canvas", &changed);
    bencher.bench(|| canvasc::diff::diff(black_box(&old), &new));
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn build_json(bencher: Bencher, segments: usize) {
    let checked = canvasc::check("bench.canvas", &generator::canvas(segments));
    // What `build --format json` writes: the typed views, pretty-printed.
    bencher.bench(|| canvasc::output::json::document_text(black_box(&checked.model), None));
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn build_html(bencher: Bencher, segments: usize) {
    let checked = canvasc::check("bench.canvas", &generator::canvas(segments));
    bencher.bench(|| canvasc::output::html::html(black_box(&checked)));
}

/// Rendering thousands of diagnostics stays linear: one line index per file.
#[divan::bench(args = [1_000, 10_000], sample_count = 5, sample_size = 1)]
fn render_diagnostics(bencher: Bencher, duplicates: usize) {
    let mut source = String::from("canvas \"Duplicates\" { currency EUR }\n");
    for _ in 0..duplicates {
        source.push_str("segment same { type niche }\n");
    }
    let checked = canvasc::check("duplicates.canvas", &source);
    bencher.bench(|| {
        canvasc::render::render_all(
            &checked.name,
            &checked.source,
            black_box(&checked.diagnostics),
            canvasc::render::Style::plain(),
        )
    });
}

/// What the language server does on every change of a 5,000-line canvas:
/// the whole pipeline on the new text.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn recheck_5000_lines(bencher: Bencher) {
    let mut segments = 1;
    while generator::canvas(segments).lines().count() < 5_000 {
        segments += 10;
    }
    let source = generator::canvas(segments);
    bencher.bench(|| canvasc::check("editor.canvas", black_box(&source)));
}

/// Hostile inputs stay fast (issue #10 asks for a benchmark, never a timing
/// assertion): 100,000 nested `{` after one block head, and 10,000 blocks
/// that never close, each checked whole. `tests/hostile.rs` checks what
/// they report, in debug builds.
#[divan::bench(args = ["100000 nested braces", "10000 unclosed blocks"], sample_count = 5, sample_size = 1)]
fn hostile(bencher: Bencher, input: &str) {
    let source = match input {
        "100000 nested braces" => format!("canvas \"x\" {{ currency EUR }}\nsegment a {}", "{".repeat(100_000)),
        _ => {
            let mut source = String::from("canvas \"x\" { currency EUR }\n");
            for index in 0..10_000 {
                source.push_str(&format!("segment s{index} {{\n  type niche\n"));
            }
            source
        }
    };
    bencher.bench(|| canvasc::check("hostile.canvas", black_box(&source)));
}
