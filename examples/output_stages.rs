//! Times the stages of `build --format json` and `diff` on one or two
//! files, once: a quick look at where their time goes
//! (`cargo run --release --example output_stages -- old.canvas [new.canvas]`).
//! `benches/outputs.sh` measures the processes.

use std::time::Instant;

#[path = "common/resident.rs"]
mod resident;
use resident::resident_mb;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(old_path) = args.first() else {
        eprintln!("usage: output_stages OLD [NEW]");
        std::process::exit(2);
    };
    let read = |path: &String| std::fs::read(path).unwrap_or_default();
    let ms = |a: Instant| a.elapsed().as_secs_f64() * 1000.0;

    let started = Instant::now();
    let old = canvasc::check_bytes(old_path.clone(), read(old_path));
    println!("check            {:8.1} ms (rss {} MB)", ms(started), resident_mb());

    let started = Instant::now();
    let text = canvasc::output::json::document_text(&old.model, None);
    println!(
        "json, typed      {:8.1} ms ({} bytes, rss {} MB)",
        ms(started),
        text.len(),
        resident_mb()
    );
    drop(text);
    let started = Instant::now();
    let value = canvasc::output::json::model_json(&old.model);
    println!("json, as a Value {:8.1} ms (rss {} MB)", ms(started), resident_mb());
    drop(value);

    let Some(new_path) = args.get(1) else {
        return;
    };
    let started = Instant::now();
    let new = canvasc::check_bytes(new_path.clone(), read(new_path));
    println!("check new        {:8.1} ms (rss {} MB)", ms(started), resident_mb());
    let started = Instant::now();
    let change = canvasc::diff::diff(&old, &new);
    println!(
        "diff             {:8.1} ms ({} blocks changed, rss {} MB)",
        ms(started),
        change.blocks.len(),
        resident_mb()
    );
    let started = Instant::now();
    let shown = canvasc::diff::render::text(&change, old_path, new_path, false);
    let json = canvasc::diff::render::json(&change, old_path, new_path);
    println!(
        "render text+json {:8.1} ms ({} + {} bytes)",
        ms(started),
        shown.len(),
        json.len()
    );
    let started = Instant::now();
    drop((old, new));
    println!("drop both        {:8.1} ms", ms(started));
}
