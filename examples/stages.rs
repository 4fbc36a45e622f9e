//! Times each stage of the pipeline on one file, once: a quick look at where
//! the time goes (`cargo run --release --example stages -- big.canvas`).
//! The benchmarks in `benches/` are the measurements.

use std::time::Instant;

#[path = "common/resident.rs"]
mod resident;
use resident::resident_mb;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: stages FILE");
        std::process::exit(2);
    };
    let source = std::fs::read_to_string(&path).unwrap_or_default();
    let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1000.0;
    println!("bytes      {}", source.len());
    let recognising = Instant::now();
    let pairs = canvasc::testing::recognise(&source);
    println!("pest only  {:8.1} ms ({pairs} pairs)", ms(recognising, Instant::now()));
    // What `check` does: each chunk's items go into the model as they are read.
    let started = Instant::now();
    let (builder, _) = canvasc::testing::parse_into::<canvasc::model::build::Builder>(&source);
    let (mut model, _) = builder.finish();
    let built = Instant::now();
    println!("parse+build{:8.1} ms (rss {} MB)", ms(started, built), resident_mb());
    let names = canvasc::model::resolve::resolve(&mut model);
    let resolved = Instant::now();
    println!("resolve    {:8.1} ms", ms(built, resolved));
    model.facts = canvasc::model::Facts::of(&model);
    let derived = Instant::now();
    println!("derive     {:8.1} ms (rss {} MB)", ms(resolved, derived), resident_mb());
    let diagnostics = canvasc::testing::run_rules(&model, &names);
    let ruled = Instant::now();
    println!(
        "rules      {:8.1} ms ({} diagnostics, rss {} MB)",
        ms(derived, ruled),
        diagnostics.len(),
        resident_mb()
    );
    drop(model);
    // What `fmt` does: the whole syntax tree, then the layout.
    let parsing = Instant::now();
    let (syntax, _) = canvasc::testing::parse(&source);
    let parsed = Instant::now();
    println!("parse tree {:8.1} ms (rss {} MB)", ms(parsing, parsed), resident_mb());
    let _ = canvasc::fmt::format(&source, &syntax);
    println!("fmt        {:8.1} ms", ms(parsed, Instant::now()));
}
