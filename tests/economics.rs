//! Unit economics and scenarios (§3 "Derived facts", "Scenarios"): every
//! `tests/economics/*.canvas` states the figures it must give, computed by
//! hand from the reference, as `# expect SCENARIO ROW FIELD VALUE` lines
//! (ROW is a segment or `canvas`; VALUE a decimal, `never` or `unknown`);
//! the outputs of `canvasc economics` are snapshotted beside them.

mod common;

use canvasc::output::economics;
use serde_json::Value;

/// The figure `field` of `row` in the `economics` object of one scenario,
/// as the reference states it: a decimal string, `never` or `unknown`.
fn figure(economics: &Value, row: &str, field: &str) -> String {
    let object = if row == "canvas" {
        economics
    } else {
        let segments = economics["segments"].as_array().cloned().unwrap_or_default();
        match segments.into_iter().find(|segment| segment["segment"] == row) {
            Some(segment) => return shown(&segment, field),
            None => return format!("no segment `{row}`"),
        }
    };
    shown(object, field)
}

fn shown(object: &Value, field: &str) -> String {
    let never = match field {
        "payback_months" => object["payback_never"].as_bool(),
        "break_even_scale" => object["break_even_never"].as_bool(),
        _ => None,
    };
    if never == Some(true) {
        return "never".to_string();
    }
    match &object[field] {
        Value::Null => "unknown".to_string(),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

fn scenario_economics<'a>(document: &'a Value, scenario: &str) -> Option<&'a Value> {
    if scenario == "base" {
        return Some(&document["economics"]);
    }
    document["scenarios"]
        .as_array()?
        .iter()
        .find(|entry| entry["id"] == scenario)
        .map(|entry| &entry["economics"])
}

/// Every money, month and ratio figure is a decimal string with two places:
/// no binary floating-point artefact can appear.
fn assert_decimals(value: &Value, path: &str) {
    match value {
        Value::Object(object) => object
            .iter()
            .for_each(|(key, value)| assert_decimals(value, &format!("{path}.{key}"))),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(index, value)| assert_decimals(value, &format!("{path}[{index}]"))),
        Value::Number(number) => panic!("{path} is a JSON number ({number}), not a decimal string"),
        Value::String(text) if text.chars().any(|c| c.is_ascii_digit()) && !path.ends_with("segment") => {
            let (whole, places) = text.trim_start_matches('-').split_once('.').unwrap_or(("", ""));
            assert!(
                !whole.is_empty() && whole.chars().all(|c| c.is_ascii_digit()) && places.len() == 2,
                "{path} = {text:?} is not a decimal with two places"
            );
        }
        _ => {}
    }
}

#[test]
fn every_canvas_gives_the_figures_it_states() {
    let mut failures = Vec::new();
    insta::glob!("economics/*.canvas", |path| {
        let source = std::fs::read_to_string(path).expect("test inputs are UTF-8");
        let name = common::display_name(path);
        let checked = canvasc::check(name.clone(), &source);
        assert!(
            !checked.has_errors(),
            "{name} has errors:\n{}",
            common::rendered(&checked)
        );
        let document = economics::json(&checked.model);
        assert_decimals(&document["economics"], "economics");
        for (index, scenario) in document["scenarios"].as_array().into_iter().flatten().enumerate() {
            assert_decimals(&scenario["economics"], &format!("scenarios[{index}].economics"));
        }
        let mut expectations = 0;
        for line in source.lines() {
            let Some(expectation) = line.strip_prefix("# expect ") else {
                continue;
            };
            let words: Vec<&str> = expectation.split_whitespace().collect();
            let [scenario, row, field, wanted] = words.as_slice() else {
                failures.push(format!("{name}: malformed expectation `{line}`"));
                continue;
            };
            expectations += 1;
            let got = match scenario_economics(&document, scenario) {
                Some(economics) => figure(economics, row, field),
                None => format!("no scenario `{scenario}`"),
            };
            if got != *wanted {
                failures.push(format!(
                    "{name}: {scenario} {row} {field}: expected {wanted}, got {got}"
                ));
            }
        }
        assert!(expectations > 0, "{name} states no figures");
        // The same figures in the model's JSON (`build --format json`).
        let built = canvasc::output::json::model_json(&checked.model);
        assert_eq!(
            built["economics"], document["economics"],
            "{name}: build json economics"
        );
        let built_scenarios: Vec<&Value> = built["scenarios"]
            .as_array()
            .map(|entries| entries.iter().map(|entry| &entry["economics"]).collect())
            .unwrap_or_default();
        let own_scenarios: Vec<&Value> = document["scenarios"]
            .as_array()
            .map(|entries| entries.iter().map(|entry| &entry["economics"]).collect())
            .unwrap_or_default();
        assert_eq!(built_scenarios, own_scenarios, "{name}: build json scenarios");
        let shown = format!(
            "---- diagnostics ----\n{}\n---- text ----\n{}\n---- md ----\n{}\n---- csv ----\n{}",
            common::rendered(&checked),
            economics::text(&checked.model, false),
            economics::markdown(&checked.model),
            economics::csv(&checked.model),
        );
        insta::assert_snapshot!(shown);
    });
    assert!(failures.is_empty(), "figures differ:\n{}", failures.join("\n"));
}

const TEA_CLUB: &str = include_str!("economics/tea-club.canvas");

#[test]
fn the_worked_example_has_one_diagnostic_from_price_war_at_its_override() {
    let checked = canvasc::check("tea-club.canvas", TEA_CLUB);
    let codes = common::codes(&checked);
    assert_eq!(codes, ["unrecovered-acquisition"]);
    let diagnostic = &checked.diagnostics[0];
    let primary = diagnostic.primary_span().expect("labelled");
    assert_eq!(&TEA_CLUB[primary.range()], "price 2 EUR per customer per month");
    assert!(diagnostic.message.contains("`price-war`"), "{}", diagnostic.message);
    assert!(diagnostic.message.contains("-12.50") && diagnostic.message.contains("30.00"));
    assert_eq!(diagnostic.labels.len(), 1, "labelled once, at the override");
}

#[test]
fn the_worked_example_text_table_shows_every_figure() {
    let checked = canvasc::check("tea-club.canvas", TEA_CLUB);
    let table = economics::text(&checked.model, false);
    for figure in [
        "19.00",
        "2.50",
        "16.50",
        "\u{2212}0.50",
        "25.00",
        "12.50",
        "412.50",
        "206.25",
        "\u{2212}12.50",
        "30.00",
        "90.00",
        "13.75",
        "2.29",
        "\u{2212}0.42",
        "1.82",
        "5.45",
        "never",
        "9,000.00",
        "27,000.00",
        "95,000.00",
        "10,000.00",
        "41,500.00",
        "59,500.00",
        "53,500.00",
        "35,500.00",
        "\u{2212}31,500.00",
        "at 35% of the customers given",
        "at 57% of the customers given",
    ] {
        assert!(table.contains(figure), "the table lacks {figure}:\n{table}");
    }
    assert!(table.contains("pricier-ads") && table.contains("price-war"));
}

#[test]
fn a_scenario_build_is_the_base_with_its_overrides() {
    let checked = canvasc::check("tea-club.canvas", TEA_CLUB);
    let war = canvasc::scenario_checked(&checked, "price-war").expect("the scenario exists");
    let document = canvasc::output::json::model_json(&war.model);
    assert_eq!(document["economics"]["monthly_margin"], "-31500.00");
    assert_eq!(document["revenues"][0]["price"]["amount"], "2.00");
    assert_eq!(common::codes(&war), ["unrecovered-acquisition"]);
    assert!(canvasc::scenario_checked(&checked, "nothing").is_none());
    // The base is untouched.
    assert_eq!(
        canvasc::output::json::model_json(&checked.model)["revenues"][0]["price"]["amount"],
        "19.00"
    );
}

#[test]
fn csv_cells_of_user_text_cannot_start_a_formula() {
    assert_eq!(
        economics::csv_cell("=HYPERLINK(\"x\")", true),
        "\"'=HYPERLINK(\"\"x\"\")\""
    );
    assert_eq!(economics::csv_cell("+1", true), "'+1");
    assert_eq!(economics::csv_cell("-2", true), "'-2");
    assert_eq!(economics::csv_cell("@SUM(A1)", true), "'@SUM(A1)");
    assert_eq!(economics::csv_cell("-0.50", false), "-0.50");
    assert_eq!(economics::csv_cell("a, b", true), "\"a, b\"");
    let source = "canvas \"T\" { currency EUR }\nallow no-relationship, no-channel, no-value-proposition\nsegment a \"=cmd|' /C calc'!A0\" { type niche; size 3 }\nrevenue r { from a; price 1 EUR per customer per month }\n";
    let checked = canvasc::check("t.canvas", source);
    let csv = economics::csv(&checked.model);
    let row = csv.lines().nth(1).expect("a segment row");
    assert!(row.starts_with("base,segment,a,'=cmd|"), "{row}");
}
