//! UI tests: every `tests/ui/<code>/*.canvas` is checked, and its rendered
//! diagnostics and JSON report are snapshotted next to the source.
//!
//! The file name decides the verdict: in `tests/ui/<code>/`, a `fire-*`
//! file must produce `<code>` and a `pass-*` file must not; in
//! `tests/ui/clean/`, a file must produce nothing at all. Adding a case
//! means adding a file.

mod common;

use std::path::Path;

use canvasc::output::report::FileReport;

#[test]
fn ui() {
    let mut failures = Vec::new();
    insta::glob!("ui/**/*.canvas", |path| {
        let source = std::fs::read_to_string(path).expect("test inputs are UTF-8");
        let name = common::display_name(path);
        let checked = canvasc::check(name.clone(), &source);
        let report = FileReport::of(&checked);
        let json = serde_json::to_string_pretty(&report.diagnostics).expect("reports serialize");
        insta::assert_snapshot!(format!("{}\n---- json ----\n{json}", common::rendered(&checked)));
        if let Some(problem) = verdict(path, &common::codes(&checked)) {
            failures.push(format!("{name}: {problem}"));
        }
    });
    assert!(failures.is_empty(), "verdicts failed:\n{}", failures.join("\n"));
}

/// What is wrong with the codes found for this case, if anything.
fn verdict(path: &Path, codes: &[&str]) -> Option<String> {
    let folder = path.parent()?.file_name()?.to_str()?;
    let file = path.file_name()?.to_str()?;
    if folder == "clean" {
        return (!codes.is_empty()).then(|| format!("expected no diagnostics, got {codes:?}"));
    }
    let fires = codes.contains(&folder);
    if file.starts_with("fire-") && !fires {
        return Some(format!("expected `{folder}` to fire, got {codes:?}"));
    }
    if file.starts_with("pass-") && fires {
        return Some(format!("expected `{folder}` not to fire, got {codes:?}"));
    }
    if !file.starts_with("fire-") && !file.starts_with("pass-") {
        return Some("a case is named fire-* or pass-*".to_string());
    }
    None
}

/// Every rule code has a folder with at least one case that fires and one that does not.
#[test]
fn every_code_has_firing_and_passing_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui");
    for code in canvasc::Code::ALL {
        let folder = root.join(code.as_str());
        let names: Vec<String> = std::fs::read_dir(&folder)
            .unwrap_or_else(|_| panic!("no folder tests/ui/{code}"))
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .collect();
        assert!(
            names.iter().any(|name| name.starts_with("fire-")),
            "no fire-* case for {code}"
        );
        assert!(
            names.iter().any(|name| name.starts_with("pass-")),
            "no pass-* case for {code}"
        );
    }
}
