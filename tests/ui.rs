//! UI tests: every `tests/ui/<code>/*.canvas` is checked, and its rendered
//! diagnostics and JSON report are snapshotted next to the source.
//!
//! The file name decides the verdict: in `tests/ui/<code>/`, a `fire-*`
//! file must produce `<code>` and a `pass-*` file must not; in
//! `tests/ui/clean/`, a file must produce nothing at all. Adding a case
//! means adding a file. Every code has both kinds of case, except the limits
//! that no small file can reach (`FIRED_ELSEWHERE`, tested in
//! `tests/hostile.rs`).

mod common;

use std::path::Path;

use canvasc::output::report::FileReport;
use canvasc::Code;

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

/// The codes whose firing case cannot be a small file in `tests/ui`, each
/// with the reason and the test that makes it fire instead.
const FIRED_ELSEWHERE: &[(Code, &str)] = &[
    (
        Code::TooLarge,
        "it takes a file over 256 MiB, refused before it is read: \
         tests/hostile.rs, a_file_over_the_size_limit_is_a_too_large_diagnostic_and_exit_2",
    ),
    (
        Code::TooManyDiagnostics,
        "it takes more than 10,000 diagnostics in one file: \
         tests/hostile.rs, more_than_the_cap_of_diagnostics_are_counted_not_reported",
    ),
];

/// Every rule code has a folder with at least one case that fires and one
/// that does not; a code of [`FIRED_ELSEWHERE`] has only cases that pass.
#[test]
fn every_code_has_firing_and_passing_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui");
    for code in canvasc::Code::ALL {
        let folder = root.join(code.as_str());
        let names: Vec<String> = std::fs::read_dir(&folder)
            .unwrap_or_else(|_| panic!("no folder tests/ui/{code}"))
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .collect();
        let fired_elsewhere = FIRED_ELSEWHERE.iter().any(|(exempt, _)| exempt == code);
        assert_eq!(
            names.iter().any(|name| name.starts_with("fire-")),
            !fired_elsewhere,
            "{code}: a fire-* case is required, except for the codes of FIRED_ELSEWHERE (which then have none)"
        );
        assert!(
            names.iter().any(|name| name.starts_with("pass-")),
            "no pass-* case for {code}"
        );
    }
}
