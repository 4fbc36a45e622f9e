//! Parses a JSON file into `serde_json::Value` and reports how many values it
//! holds: the baseline `benches/compare.sh` measures `canvasc check` against.
//! Counting the values keeps the parse from being optimised away and touches
//! every node once, as a tool that reads its model would.

use std::process::ExitCode;

fn count(value: &serde_json::Value) -> usize {
    1 + match value {
        serde_json::Value::Array(items) => items.iter().map(count).sum(),
        serde_json::Value::Object(object) => object.values().map(count).sum(),
        _ => 0,
    }
}

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: json-baseline FILE");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("cannot read {path}: {error}");
            return ExitCode::from(2);
        }
    };
    match serde_json::from_slice::<serde_json::Value>(&bytes) {
        Ok(value) => {
            println!("{} values", count(&value));
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("invalid JSON: {error}");
            ExitCode::from(1)
        }
    }
}
