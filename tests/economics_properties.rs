//! Properties of unit economics and scenarios, on random canvases that use
//! every kind of amount: a scenario without overrides is the base exactly
//! (figures and diagnostics), and scaling every `size` by k scales the
//! per-customer part of the monthly figures by k, keeps every per-customer
//! figure and divides the break-even scale by k.

use canvasc::model::derive::{BreakEven, Economics};
use num_bigint::BigInt;
use num_rational::BigRational;
use proptest::prelude::*;

const PERIODS: &[&str] = &["day", "week", "month", "quarter", "year"];

/// A segment: size, optional churn (percent per month) and growth (per period).
type SegmentSpec = (u32, Option<u32>, Option<(u32, &'static str)>);

fn segment() -> impl Strategy<Value = SegmentSpec> {
    (
        1u32..50_000,
        prop::option::of(1u32..=100),
        prop::option::of((0u32..500, prop::sample::select(PERIODS))),
    )
}

/// An amount in cents, written with two decimals.
fn amount() -> impl Strategy<Value = String> {
    (0u32..100_000).prop_map(|cents| format!("{}.{:02}", cents / 100, cents % 100))
}

/// A rate of one of the sorts a relationship, channel or revenue stream takes.
fn rate(keyword: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![
        (amount(), prop::sample::select(PERIODS))
            .prop_map(move |(amount, period)| format!("{keyword} {amount} EUR per customer per {period}")),
        (amount(), prop::sample::select(PERIODS))
            .prop_map(move |(amount, period)| format!("{keyword} {amount} EUR per {period}")),
        amount().prop_map(move |amount| format!("{keyword} {amount} EUR per new customer")),
        amount().prop_map(move |amount| format!("{keyword} {amount} EUR")),
    ]
}

#[derive(Clone, Debug)]
struct Canvas {
    segments: Vec<SegmentSpec>,
    /// Per block: the segments it names (indexes) and its rates.
    relationships: Vec<(Vec<usize>, Vec<String>)>,
    channels: Vec<(Vec<usize>, Vec<String>)>,
    revenues: Vec<(Vec<usize>, Vec<String>)>,
    fixed: Option<String>,
}

fn canvas() -> impl Strategy<Value = Canvas> {
    prop::collection::vec(segment(), 1..4).prop_flat_map(|segments| {
        let count = segments.len();
        let named = move || prop::collection::vec(0..count, 1..=count);
        let block = move |keyword: &'static str| {
            prop::collection::vec((named(), prop::collection::vec(rate(keyword), 0..3)), 0..3)
        };
        (
            Just(segments),
            block("cost"),
            block("cost"),
            block("price"),
            prop::option::of(amount()),
        )
            .prop_map(|(segments, relationships, channels, revenues, fixed)| Canvas {
                segments,
                relationships,
                channels,
                revenues,
                fixed,
            })
    })
}

/// Keeps one rate of each sort, as the language allows.
fn one_of_each_sort(rates: &[String]) -> Vec<&String> {
    let mut ordinary = false;
    let mut per_new = false;
    rates
        .iter()
        .filter(|rate| {
            let seen = if rate.contains("per new customer") {
                &mut per_new
            } else {
                &mut ordinary
            };
            !std::mem::replace(seen, true)
        })
        .collect()
}

fn render(canvas: &Canvas, scale: u32, scenario: &str) -> String {
    let mut text = String::from(
        "canvas \"P\" { currency EUR }\n\
         allow no-relationship, no-channel, no-value-proposition, incomplete-journey, no-retention, unclassified\n",
    );
    for (index, (size, churn, growth)) in canvas.segments.iter().enumerate() {
        text.push_str(&format!("segment s{index} {{\n  type niche\n  size {}\n", size * scale));
        if let Some(churn) = churn {
            text.push_str(&format!("  churn {churn}% per month\n"));
        }
        if let Some((growth, period)) = growth {
            text.push_str(&format!("  growth {growth} per {period}\n"));
        }
        text.push_str("}\n");
    }
    let names = |segments: &[usize]| {
        segments
            .iter()
            .map(|segment| format!("s{segment}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (index, (segments, rates)) in canvas.relationships.iter().enumerate() {
        text.push_str(&format!(
            "relationship community \"R{index}\" {{\n  for {}\n  link long-term\n",
            names(segments)
        ));
        for rate in one_of_each_sort(rates) {
            text.push_str(&format!("  {rate}\n"));
        }
        text.push_str("}\n");
    }
    for (index, (segments, rates)) in canvas.channels.iter().enumerate() {
        text.push_str(&format!(
            "channel c{index} {{\n  owner own\n  type direct\n  mode online\n  reaches {}\n",
            names(segments)
        ));
        for rate in one_of_each_sort(rates) {
            text.push_str(&format!("  {rate}\n"));
        }
        text.push_str("}\n");
    }
    for (index, (segments, rates)) in canvas.revenues.iter().enumerate() {
        text.push_str(&format!("revenue r{index} {{\n  from {}\n", names(segments)));
        for rate in one_of_each_sort(rates) {
            text.push_str(&format!("  {rate}\n"));
        }
        text.push_str("}\n");
    }
    if let Some(fixed) = &canvas.fixed {
        text.push_str(&format!("cost rent {{ type fixed; amount {fixed} EUR per month }}\n"));
    }
    text.push_str(scenario);
    text
}

fn ratio(value: u32) -> BigRational {
    BigRational::from_integer(BigInt::from(value))
}

/// The monthly revenue and cost that depend on sizes: per customer × size.
fn per_customer_parts(model: &canvasc::Model, economics: &Economics) -> (BigRational, BigRational) {
    let mut revenue = BigRational::default();
    let mut cost = BigRational::default();
    for (segment, figures) in model.segments.iter().zip(&economics.segments) {
        let size = BigRational::from_integer(segment.size.as_ref().map(|size| size.value.clone()).unwrap_or_default());
        revenue += &figures.revenue_per_customer * &size;
        cost += &figures.cost_per_customer * &size;
    }
    (revenue, cost)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_scenario_without_overrides_is_the_base(canvas in canvas()) {
        let base = canvasc::check("p.canvas", &render(&canvas, 1, ""));
        prop_assert!(!base.has_errors(), "{:?}", base.diagnostics);
        let with = canvasc::check("p.canvas", &render(&canvas, 1, "scenario same \"Nothing changes\" {}\n"));
        prop_assert_eq!(&with.diagnostics, &base.diagnostics);
        let scenario = &with.model.scenarios[0];
        let economics = canvasc::model::scenario::apply(&with.model, scenario).facts.economics;
        prop_assert_eq!(&economics, &base.model.facts.economics);
        let document = canvasc::output::json::model_json(&with.model);
        prop_assert_eq!(&document["scenarios"][0]["economics"], &document["economics"]);
    }

    #[test]
    fn a_scenario_that_sets_the_base_values_changes_nothing(canvas in canvas()) {
        let mut scenario = String::from("scenario again {\n");
        for (index, (size, churn, _)) in canvas.segments.iter().enumerate() {
            let churn = churn.map(|churn| format!("; churn {churn}% per month")).unwrap_or_default();
            scenario.push_str(&format!("  segment s{index} {{ size {size}{churn} }}\n"));
        }
        scenario.push_str("}\n");
        let base = canvasc::check("p.canvas", &render(&canvas, 1, ""));
        let with = canvasc::check("p.canvas", &render(&canvas, 1, &scenario));
        prop_assert_eq!(&with.diagnostics, &base.diagnostics);
        let economics = canvasc::model::scenario::apply(&with.model, &with.model.scenarios[0]).facts.economics;
        prop_assert_eq!(&economics, &base.model.facts.economics);
    }

    #[test]
    fn scaling_every_size_scales_the_per_customer_part(canvas in canvas(), k in 2u32..20) {
        let one = canvasc::check("p.canvas", &render(&canvas, 1, ""));
        let scaled = canvasc::check("p.canvas", &render(&canvas, k, ""));
        prop_assert!(!one.has_errors() && !scaled.has_errors());
        let (a, b) = (&one.model.facts.economics, &scaled.model.facts.economics);
        for (x, y) in a.segments.iter().zip(&b.segments) {
            prop_assert_eq!(&x.revenue_per_customer, &y.revenue_per_customer);
            prop_assert_eq!(&x.cost_per_customer, &y.cost_per_customer);
            prop_assert_eq!(&x.contribution_per_customer, &y.contribution_per_customer);
            prop_assert_eq!(&x.lifetime_months, &y.lifetime_months);
            prop_assert_eq!(&x.lifetime_value, &y.lifetime_value);
            prop_assert_eq!(&x.acquisition_cost, &y.acquisition_cost);
            prop_assert_eq!(&x.ltv_to_cac, &y.ltv_to_cac);
            prop_assert_eq!(&x.payback, &y.payback);
        }
        let (revenue_one, cost_one) = per_customer_parts(&one.model, a);
        let (revenue_k, cost_k) = per_customer_parts(&scaled.model, b);
        prop_assert_eq!(&revenue_k, &(&revenue_one * ratio(k)));
        prop_assert_eq!(&cost_k, &(&cost_one * ratio(k)));
        // What does not depend on sizes is the same: the rest of the monthly figures.
        let rest = |total: &Option<BigRational>, part: &BigRational| total.as_ref().map(|total| total - part);
        prop_assert_eq!(rest(&a.monthly_revenue, &revenue_one), rest(&b.monthly_revenue, &revenue_k));
        prop_assert_eq!(rest(&a.monthly_cost, &cost_one), rest(&b.monthly_cost, &cost_k));
        match (&a.break_even, &b.break_even) {
            (BreakEven::At(x), BreakEven::At(y)) => prop_assert_eq!(y, &(x / ratio(k))),
            (x, y) => prop_assert_eq!(x, y),
        }
    }
}
