//! Measures "one mistake, one diagnostic" (§4, issue #14): applies every
//! single edit of `tests/recovery/mutate.rs` to the valid canvases on disk
//! and prints, per folder and in all, the share of mutations that give
//! exactly one diagnostic in the edited block, the share reported inside
//! the edited block, the silent ones and the extra diagnostics per 100.
//! A report, not an assertion (the recovery test asserts):
//!
//! ```text
//! cargo run --release --example recovery [-- --list]
//! ```
//!
//! `--list` also prints every mutation that is not exact, with what it gave.

#[path = "../tests/recovery/mutate.rs"]
mod mutate;

use std::collections::BTreeMap;

#[derive(Default)]
struct Tally {
    mutations: usize,
    exact: usize,
    one: usize,
    in_block: usize,
    silent: usize,
    extra: usize,
}

fn main() {
    let list = std::env::args().any(|argument| argument == "--list");
    let mut by_folder: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_kind: BTreeMap<&'static str, Tally> = BTreeMap::new();
    for (name, source) in mutate::corpus() {
        let original = canvasc::check(name.clone(), &source);
        if original.has_errors() {
            eprintln!("skipped {name}: it has errors");
            continue;
        }
        let folder = name.rsplit_once('/').map_or(".", |(folder, _)| folder).to_string();
        for mutation in mutate::mutations(&name, &source) {
            let outcome = mutate::outcome(&original, &mutation);
            for tally in [
                by_folder.entry(folder.clone()).or_default(),
                by_kind.entry(mutation.kind).or_default(),
            ] {
                tally.mutations += 1;
                tally.exact += usize::from(outcome.exact);
                tally.one += usize::from(outcome.new.len() == 1);
                tally.in_block += usize::from(outcome.found_in_block);
                tally.silent += usize::from(outcome.silent);
                tally.extra += outcome.new.len().saturating_sub(1);
            }
            if list && !outcome.exact {
                println!("{}", mutation.id);
                for diagnostic in &outcome.new {
                    let at = diagnostic.primary_span().map_or(0, |span| span.start());
                    println!("    {}@{at}: {}", diagnostic.code, diagnostic.message);
                }
            }
        }
    }
    let mut all = Tally::default();
    println!(
        "{:<28} {:>9} {:>7} {:>8} {:>9} {:>7} {:>10}",
        "", "mutations", "exact", "one", "in block", "silent", "extra/100"
    );
    let row = |name: &str, tally: &Tally| {
        let share = |count: usize| 100.0 * count as f64 / tally.mutations.max(1) as f64;
        println!(
            "{name:<28} {:>9} {:>6.1}% {:>7.1}% {:>8.1}% {:>7} {:>10.1}",
            tally.mutations,
            share(tally.exact),
            share(tally.one),
            share(tally.in_block),
            tally.silent,
            share(tally.extra)
        );
    };
    for (folder, tally) in &by_folder {
        row(folder, tally);
        all.mutations += tally.mutations;
        all.exact += tally.exact;
        all.one += tally.one;
        all.in_block += tally.in_block;
        all.silent += tally.silent;
        all.extra += tally.extra;
    }
    row("all", &all);
    println!();
    for (kind, tally) in &by_kind {
        row(kind, tally);
    }
}
