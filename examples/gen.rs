//! Writes a large, realistic, valid canvas (or the same model as JSON):
//!
//! ```sh
//! cargo run --release --example gen -- 20000 > big.canvas
//! cargo run --release --example gen -- 20000 --json > big.json
//! ```
//!
//! The generator itself lives in `benches/generator.rs`, shared with the benchmarks.

#[path = "../benches/generator.rs"]
mod generator;

use std::io::{BufWriter, Write};

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let segments: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1000);
    let json = args.any(|arg| arg == "--json");
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if json {
        generator::write_json(&mut out, segments)?;
    } else {
        generator::write_canvas(&mut out, segments)?;
    }
    out.flush()
}
