//! Every shipped example checks as documented, and its build output is
//! snapshotted. An example states the diagnostics it carries on purpose in
//! comments of the form `# Expect warning CODE ...`; nothing else may appear.

mod common;

#[test]
fn examples_check_as_documented() {
    insta::glob!("../examples", "*.canvas", |path| {
        let source = std::fs::read_to_string(path).expect("examples are UTF-8");
        let checked = canvasc::check(common::display_name(path), &source);
        let mut expected: Vec<&str> = source
            .lines()
            .filter_map(|line| line.trim().strip_prefix("# Expect "))
            .filter_map(|rest| rest.split_whitespace().nth(1))
            .map(|code| code.trim_end_matches(':'))
            .collect();
        expected.sort_unstable();
        let mut found = common::codes(&checked);
        found.sort_unstable();
        assert_eq!(found, expected, "{}:\n{}", path.display(), common::rendered(&checked));
        let model = canvasc::output::json::model_json(&checked.model);
        insta::assert_json_snapshot!(model);
    });
}

/// The reference example's economics, as the issue states them.
#[test]
fn reference_example_economics() {
    let source = include_str!("../examples/beauty-shop.canvas");
    let checked = canvasc::check("beauty-shop.canvas", source);
    assert!(checked.diagnostics.is_empty(), "{}", common::rendered(&checked));
    let model = canvasc::output::json::model_json(&checked.model);
    assert_eq!(model["economics"]["monthly_revenue"], "1920000.00");
    assert_eq!(model["economics"]["monthly_cost"], "73100.00");
    assert_eq!(model["economics"]["monthly_margin"], "1846900.00");
}
