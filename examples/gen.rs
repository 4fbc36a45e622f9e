//! Writes a large, realistic, valid canvas (or the same model as JSON):
//!
//! ```sh
//! cargo run --release --example gen -- 20000 > big.canvas
//! cargo run --release --example gen -- 20000 --json > big.json
//! cargo run --release --example gen -- 20000 --shape text > text.canvas
//! ```
//!
//! `--shape text` gives the text-heavy shape (many statements per segment,
//! few shared blocks, long labels) instead of the default one.
//!
//! The generator itself lives in `benches/generator.rs`, shared with the benchmarks.

#[path = "../benches/generator.rs"]
mod generator;

use std::io::{BufWriter, Write};

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let segments: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1000);
    let args: Vec<String> = args.collect();
    let json = args.iter().any(|arg| arg == "--json");
    let text_heavy = args.windows(2).any(|pair| pair[0] == "--shape" && pair[1] == "text");
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let text = generator::TextHeavy { segments };
    match (json, text_heavy) {
        (false, false) => generator::write_canvas(&mut out, segments)?,
        (true, false) => generator::write_json(&mut out, segments)?,
        (false, true) => text.write_canvas(&mut out)?,
        (true, true) => text.write_json(&mut out)?,
    }
    out.flush()
}
