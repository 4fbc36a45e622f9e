//! `check --format sarif` and `check --format github` as a user runs them:
//! snapshots of both for a small canvas with an error that has a fix, a
//! warning, advice and a related label, and the structure SARIF consumers
//! rely on.

use std::process::Output;

use serde_json::Value;

mod common;
use common::{canvasc_in, status};

/// An error with a certain fix (`amateurs-de-the`), a duplicate with a
/// related label, warnings on a name with a non-ASCII letter (columns count
/// code points, offsets bytes) and advice for the unclassified channel.
const CANVAS: &str = "\
canvas \"Tea Club\" { currency EUR }

segment amateurs-de-thé \"Tea lovers\" {
  type niche
}

proposition rare-teas \"Rare teas\" { for amateurs-de-the }

proposition rare-teas { for amateurs-de-thé }

channel webshop { reaches amateurs-de-thé }
";

fn run(format: &str, name: &str) -> Output {
    let directory = tempfile::tempdir().expect("a temp dir");
    std::fs::write(directory.path().join(name), CANVAS).expect("temp files are writable");
    canvasc_in(directory.path(), &["check", "--format", format, name])
}

fn sarif() -> Value {
    let output = run("sarif", "tea.canvas");
    assert_eq!(status(&output), 1, "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("the SARIF log is JSON")
}

#[test]
fn sarif_snapshot() {
    let mut log = sarif();
    // The rules' help is the whole `canvasc explain` page, tested on its own
    // in tests/explain.rs; here it would only make the snapshot long.
    if let Some(rules) = log["runs"][0]["tool"]["driver"]["rules"].as_array_mut() {
        for rule in rules {
            let code = rule["id"].as_str().unwrap_or_default().to_string();
            let page = canvasc::Code::from_name(&code).map(|code| code.explanation());
            assert_eq!(rule["help"]["markdown"].as_str(), page, "{code}");
            assert_eq!(rule["help"]["text"].as_str(), page, "{code}");
            rule["help"] = Value::String(format!("[docs/rules/{code}.md]"));
        }
    }
    let version = log["runs"][0]["tool"]["driver"]["version"].clone();
    assert_eq!(version, env!("CARGO_PKG_VERSION"));
    log["runs"][0]["tool"]["driver"]["version"] = Value::String("[version]".to_string());
    log["runs"][0]["tool"]["driver"]["semanticVersion"] = Value::String("[version]".to_string());
    insta::assert_json_snapshot!("sarif", log);
}

#[test]
fn sarif_has_the_structure_consumers_rely_on() {
    let log = sarif();
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(log["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
    let runs = log["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["tool"]["driver"]["name"], "canvasc");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let ids: Vec<&str> = rules.iter().filter_map(|rule| rule["id"].as_str()).collect();
    for rule in rules {
        let code = canvasc::Code::from_name(rule["id"].as_str().unwrap_or_default()).expect("a known code");
        assert_eq!(rule["shortDescription"]["text"], code.summary());
        let level = rule["defaultConfiguration"]["level"].as_str().unwrap_or_default();
        assert!(["error", "warning", "note"].contains(&level), "{level}");
        assert!(!rule["fullDescription"]["text"].as_str().unwrap_or_default().is_empty());
    }
    let results = run["results"].as_array().expect("results");
    assert!(!results.is_empty());
    for result in results {
        let rule_id = result["ruleId"].as_str().expect("ruleId");
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(ids.get(index), Some(&rule_id), "ruleIndex points at its rule");
        assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap_or_default()));
        assert!(!result["message"]["text"].as_str().unwrap_or_default().is_empty());
        let locations = result["locations"].as_array().expect("locations");
        assert_eq!(locations.len(), 1);
        let related = result["relatedLocations"].as_array().cloned().unwrap_or_default();
        for location in locations.iter().chain(related.iter()) {
            let physical = &location["physicalLocation"];
            assert_eq!(physical["artifactLocation"]["uri"], "tea.canvas");
            let region = &physical["region"];
            for key in ["startLine", "startColumn", "endLine", "endColumn"] {
                assert!(
                    region[key].as_u64().is_some_and(|value| value >= 1),
                    "{key} in {region}"
                );
            }
        }
        for fix in result["fixes"].as_array().cloned().unwrap_or_default() {
            let change = &fix["artifactChanges"][0];
            assert_eq!(change["artifactLocation"]["uri"], "tea.canvas");
            assert!(change["replacements"][0]["insertedContent"]["text"].is_string());
            assert!(change["replacements"][0]["deletedRegion"]["startLine"].is_u64());
        }
    }
    // Every ruleId has a rule, and every rule is used.
    for id in &ids {
        assert!(results.iter().any(|result| result["ruleId"] == *id), "{id} is unused");
    }
    // Advice is a note; the fix of the misspelt name is there.
    assert!(results
        .iter()
        .any(|result| result["ruleId"] == "unclassified" && result["level"] == "note"));
    let fixed = results
        .iter()
        .find(|result| result["ruleId"] == "unknown-reference")
        .expect("the misspelt name");
    assert_eq!(
        fixed["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        "amateurs-de-thé"
    );
}

#[test]
fn sarif_regions_count_code_points_and_bytes_apart() {
    let log = sarif();
    let results = log["runs"][0]["results"].as_array().cloned().unwrap_or_default();
    let warning = results
        .iter()
        .find(|result| result["ruleId"] == "no-relationship")
        .expect("a warning on the segment");
    let region = &warning["locations"][0]["physicalLocation"]["region"];
    // `amateurs-de-thé`: 15 code points, 16 bytes, from column 9 of line 3.
    assert_eq!(region["startLine"], 3);
    assert_eq!(region["startColumn"], 9);
    assert_eq!(region["endColumn"], 24);
    assert_eq!(region["byteLength"], 16);
}

#[test]
fn denied_warnings_are_sarif_errors() {
    let directory = tempfile::tempdir().expect("a temp dir");
    std::fs::write(directory.path().join("tea.canvas"), CANVAS).expect("temp files are writable");
    let output = canvasc_in(
        directory.path(),
        &["check", "--format", "sarif", "-D", "no-relationship", "tea.canvas"],
    );
    let log: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let results = log["runs"][0]["results"].as_array().cloned().unwrap_or_default();
    let denied = results
        .iter()
        .find(|result| result["ruleId"] == "no-relationship")
        .expect("the denied warning");
    assert_eq!(denied["level"], "error");
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let rule = rules
        .iter()
        .find(|rule| rule["id"] == "no-relationship")
        .expect("its rule");
    assert_eq!(rule["defaultConfiguration"]["level"], "warning");
}

#[test]
fn unreadable_files_are_notifications() {
    let directory = tempfile::tempdir().expect("a temp dir");
    let output = canvasc_in(directory.path(), &["check", "--format", "sarif", "missing.canvas"]);
    assert_eq!(status(&output), 2);
    let log: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notification = &invocation["toolExecutionNotifications"][0];
    assert_eq!(notification["level"], "error");
    assert_eq!(
        notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "missing.canvas"
    );
    assert_eq!(log["runs"][0]["results"], Value::Array(Vec::new()));
}

#[test]
fn github_annotations_snapshot() {
    let output = run("github", "tea.canvas");
    assert_eq!(status(&output), 1);
    let annotations = String::from_utf8_lossy(&output.stdout);
    insta::assert_snapshot!("github", annotations);
    // The summary for people goes to standard error, never among the commands.
    assert!(String::from_utf8_lossy(&output.stderr).contains("2 errors, 2 warnings, 1 advice in 1 file"));
}

#[test]
fn github_properties_and_messages_are_escaped() {
    let output = run("github", "odd, name: 100%.canvas");
    let annotations = String::from_utf8_lossy(&output.stdout);
    for line in annotations.lines() {
        assert!(line.starts_with("::"), "{line}");
        assert!(line.contains("file=odd%2C name%3A 100%25.canvas,"), "{line}");
    }
    // Help goes on a second line of the message, escaped so the command stays one line.
    assert!(annotations.contains("no segment named `amateurs-de-the`%0Ahelp: did you mean `amateurs-de-thé`?"));
}
