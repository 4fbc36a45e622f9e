//! The recovery test (issue #14, §4 "One mistake, one diagnostic"): every
//! valid canvas on disk — the examples, the clean UI cases and the canvases
//! of `tests/recovery/canvases/` — is given each single edit of
//! `tests/recovery/mutate.rs`, and each mutation must give exactly one new
//! diagnostic, labelled within the edited block (an error; `unknown-need`
//! for a misspelt text). A mutation that cannot is listed, with its reason,
//! in `tests/recovery/exceptions.txt`; the list stays under 2% of the
//! mutations, and an exception that no longer fails must be removed.

#[path = "recovery/mutate.rs"]
mod mutate;

use std::collections::BTreeMap;
use std::path::Path;

/// `id | reason` lines; `#` starts a comment.
fn exceptions() -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/recovery/exceptions.txt");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let (id, reason) = line.split_once('|')?;
            Some((id.trim().to_string(), reason.trim().to_string()))
        })
        .collect()
}

#[test]
fn one_mistake_gives_one_diagnostic() {
    let exceptions = exceptions();
    let mut total = 0;
    let mut failures = Vec::new();
    let mut excepted = 0;
    let mut stale = Vec::new();
    for (name, source) in mutate::corpus() {
        let original = canvasc::check(name.clone(), &source);
        assert!(!original.has_errors(), "{name} must be valid to be mutated");
        for mutation in mutate::mutations(&name, &source) {
            total += 1;
            let outcome = mutate::outcome(&original, &mutation);
            assert!(!outcome.silent, "{}: the mistake passed silently", mutation.id);
            match (outcome.exact, exceptions.get(&mutation.id)) {
                (true, Some(_)) => stale.push(mutation.id.clone()),
                (true, None) => {}
                (false, Some(reason)) => {
                    assert!(!reason.is_empty(), "{}: an exception needs its reason", mutation.id);
                    excepted += 1;
                }
                (false, None) => {
                    let found: Vec<String> = outcome
                        .new
                        .iter()
                        .map(|diagnostic| {
                            let at = diagnostic.primary_span().map_or(0, |span| span.start());
                            format!("{}@{at} {}", diagnostic.code, diagnostic.message)
                        })
                        .collect();
                    failures.push(format!("{} (block {:?}): {found:?}", mutation.id, mutation.block));
                }
            }
        }
    }
    assert!(total > 1_000, "only {total} mutations");
    assert!(
        failures.is_empty(),
        "{} of {total} mutations break the promise:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        stale.is_empty(),
        "exceptions that now hold, to remove:\n{}",
        stale.join("\n")
    );
    assert!(
        excepted * 50 < total,
        "{excepted} exceptions of {total} mutations: at least 2%"
    );
}
