//! Parses a JSON file with serde_json and reports how many values it holds:
//! the baseline `benches/compare.sh` measures `canvasc check` against.

fn count(value: &serde_json::Value) -> usize {
    1 + match value {
        serde_json::Value::Array(items) => items.iter().map(count).sum(),
        serde_json::Value::Object(object) => object.values().map(count).sum(),
        _ => 0,
    }
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parse_json FILE");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("cannot read {path}: {error}");
            std::process::exit(2);
        }
    };
    match serde_json::from_slice::<serde_json::Value>(&bytes) {
        Ok(value) => println!("{} values", count(&value)),
        Err(error) => {
            eprintln!("invalid JSON: {error}");
            std::process::exit(1);
        }
    }
}
