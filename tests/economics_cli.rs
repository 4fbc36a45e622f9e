//! `canvasc economics` and `build --scenario` as a user runs them.

use std::process::{Command, Output};

fn canvasc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_canvasc"))
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("the binary runs")
}

fn tea_club() -> String {
    format!("{}/tests/economics/tea-club.canvas", env!("CARGO_MANIFEST_DIR"))
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn economics_prints_every_format_and_exits_as_check() {
    let path = tea_club();
    for format in ["text", "md", "json", "csv"] {
        let output = canvasc(&["economics", &path, "--format", format]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{format}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let printed = stdout(&output);
        assert!(printed.contains("price-war"), "{format}: {printed}");
        // The warning price-war introduces goes to standard error.
        assert!(String::from_utf8_lossy(&output.stderr).contains("unrecovered-acquisition"));
    }
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&canvasc(&["economics", &path, "--format", "json"]))).expect("JSON");
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["economics"]["break_even_scale"], "0.35");
    assert_eq!(json["scenarios"][1]["economics"]["break_even_never"], true);
    let csv = stdout(&canvasc(&["economics", &path, "--format", "csv"]));
    assert!(csv.starts_with("scenario,row,segment,label,revenue_per_customer,"));
    assert!(csv.contains("price-war,segment,tea-lovers,Tea lovers,2.00,2.50,-0.50,4.00,25.00,-12.50,30.00,-0.42,never,300.00,9000.00,,,,"), "{csv}");
    assert!(
        csv.contains("price-war,canvas,,,,,,,,,,,,,,10000.00,41500.00,-31500.00,never"),
        "{csv}"
    );
}

#[test]
fn economics_refuses_a_canvas_with_errors_and_an_unreadable_file() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let broken = directory.path().join("broken.canvas");
    std::fs::write(
        &broken,
        "canvas \"B\" { currency EUR }\nsegment a { churn 0% per month }\n",
    )
    .expect("written");
    let output = canvasc(&["economics", broken.to_str().unwrap_or_default()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).is_empty());
    let missing = directory.path().join("missing.canvas");
    assert_eq!(
        canvasc(&["economics", missing.to_str().unwrap_or_default()])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn build_compiles_one_scenario_in_every_format() {
    let path = tea_club();
    let json = stdout(&canvasc(&[
        "build",
        &path,
        "--format",
        "json",
        "--scenario",
        "price-war",
    ]));
    let document: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(document["scenario"], "price-war");
    assert_eq!(document["economics"]["monthly_revenue"], "10000.00");
    assert_eq!(document["revenues"][0]["price"]["amount"], "2.00");
    for format in ["html", "svg", "md"] {
        let output = canvasc(&["build", &path, "--format", format, "--scenario", "pricier-ads"]);
        assert_eq!(output.status.code(), Some(0), "{format}");
        let printed = stdout(&output);
        assert!(!printed.is_empty(), "{format}");
        if format != "svg" {
            // The scenario's own figures: a margin of 35,500 a month.
            assert!(printed.contains("35,500.00"), "{format}");
        }
    }
    let unknown = canvasc(&["build", &path, "--scenario", "no-such"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("pricier-ads, price-war"));
}
