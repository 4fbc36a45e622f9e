//! Times each stage of the pipeline on one file, once: a quick look at where
//! the time goes (`cargo run --release --example stages -- big.canvas`).
//! The benchmarks in `benches/` are the measurements.

use std::time::Instant;

/// Resident memory now, in MB (Linux only; 0 elsewhere).
fn resident_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        })
        .map_or(0, |kb| kb / 1024)
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: stages FILE");
        std::process::exit(2);
    };
    let source = std::fs::read_to_string(&path).unwrap_or_default();
    let recognising = Instant::now();
    let pairs = canvasc::parse::recognise(&source);
    println!(
        "pest only  {:8.1} ms ({pairs} pairs)",
        (Instant::now() - recognising).as_secs_f64() * 1000.0
    );
    let started = Instant::now();
    let (syntax, _) = canvasc::parse::parse(&source);
    let parsed = Instant::now();
    println!("rss after parse   {} MB", resident_mb());
    let (mut model, _) = canvasc::model::build::build(&syntax);
    let built = Instant::now();
    println!("rss after build   {} MB", resident_mb());
    let names = canvasc::model::resolve::resolve(&mut model);
    let resolved = Instant::now();
    model.facts = canvasc::model::Facts::of(&model);
    let derived = Instant::now();
    println!("rss after derive  {} MB", resident_mb());
    let diagnostics = canvasc::rules::run(&model, &names);
    let ruled = Instant::now();
    let _ = canvasc::fmt::format(&source, &syntax);
    let formatted = Instant::now();
    let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1000.0;
    println!("bytes      {}", source.len());
    println!("parse      {:8.1} ms", ms(started, parsed));
    println!("build      {:8.1} ms", ms(parsed, built));
    println!("resolve    {:8.1} ms", ms(built, resolved));
    println!("derive     {:8.1} ms", ms(resolved, derived));
    println!(
        "rules      {:8.1} ms ({} diagnostics)",
        ms(derived, ruled),
        diagnostics.len()
    );
    println!("fmt        {:8.1} ms", ms(ruled, formatted));
}
