//! `canvasc economics`: the unit economics of every segment and the
//! canvas's monthly figures, for the base and every scenario side by side,
//! as a terminal table, Markdown, JSON or CSV.
//!
//! Every figure is computed by [`crate::model::derive`] and only rounded
//! here (half away from zero, two decimals). Invariants: the four formats
//! show the same figures; unknown figures are `unknown` (text), `—`
//! (Markdown), `null` (JSON) or an empty cell (CSV); user text is escaped
//! for its format, and a CSV cell of user text cannot start a formula.

use std::fmt::Write as _;

use num_rational::BigRational;
use num_traits::Signed;
use serde_json::{json, Value};

use super::text;
use crate::model::derive::{format_decimal, format_money, format_money_grouped, BreakEven, Economics, Payback};
use crate::model::{scenario, Model};

/// One column of figures: the base or a scenario.
pub struct Column {
    /// `base`, or the scenario's identifier.
    pub id: String,
    pub label: Option<String>,
    pub economics: Economics,
}

/// The base, then every scenario in source order.
pub fn columns(model: &Model) -> Vec<Column> {
    let mut columns = vec![Column {
        id: "base".to_string(),
        label: None,
        economics: model.facts.economics.clone(),
    }];
    for (scenario, economics) in scenario::economics(model) {
        columns.push(Column {
            id: scenario.name().to_string(),
            label: scenario.label.as_ref().map(|label| label.value.to_string()),
            economics,
        });
    }
    columns
}

/// The per-segment figures, in the order of every table.
const SEGMENT_FIGURES: &[(&str, &str)] = &[
    ("revenue_per_customer", "revenue/cust"),
    ("cost_per_customer", "cost/cust"),
    ("contribution_per_customer", "contribution"),
    ("churn_per_month", "churn/mo"),
    ("lifetime_months", "lifetime mo"),
    ("lifetime_value", "LTV"),
    ("acquisition_cost", "CAC"),
    ("ltv_to_cac", "LTV:CAC"),
    ("payback_months", "payback mo"),
    ("growth_per_month", "growth/mo"),
    ("acquisition_spend_per_month", "acq. spend/mo"),
];

/// The canvas figures, in the order of every table.
const CANVAS_FIGURES: &[(&str, &str)] = &[
    ("monthly_revenue", "revenue/mo"),
    ("monthly_cost", "cost/mo"),
    ("monthly_margin", "margin/mo"),
    ("break_even_scale", "break-even"),
];

/// A figure before formatting.
enum Figure<'a> {
    Money(&'a BigRational),
    /// A ratio, a number of months or of customers.
    Number(&'a BigRational),
    /// A fraction shown as a percentage.
    Percent(BigRational),
    Unknown,
    Never,
}

impl Figure<'_> {
    fn is_negative(&self) -> bool {
        match self {
            Figure::Money(value) | Figure::Number(value) => {
                value.is_negative() && format_decimal(value, 2).starts_with('-')
            }
            _ => false,
        }
    }

    /// Plain decimals, as in JSON and CSV (`-0.50`, `4.00` for 4%); `None` when unknown.
    fn plain(&self) -> Option<String> {
        match self {
            Figure::Money(value) => Some(format_money(value)),
            Figure::Number(value) => Some(format_decimal(value, 2)),
            Figure::Percent(value) => Some(format_decimal(value, 2)),
            Figure::Unknown => None,
            Figure::Never => Some("never".to_string()),
        }
    }

    /// For the board, which shows an unknown figure its own way.
    fn figure(&self) -> super::board::Figure {
        match self {
            Figure::Unknown => super::board::Figure::Unknown,
            _ => super::board::Figure::Known(self.shown()),
        }
    }

    /// For people: grouped thousands, `%`, a true minus sign.
    fn shown(&self) -> String {
        let text = match self {
            Figure::Money(value) => format_money_grouped(value),
            Figure::Number(value) => format_money_grouped(value),
            Figure::Percent(value) => format!("{}%", format_decimal(value, 2)),
            Figure::Unknown => return "unknown".to_string(),
            Figure::Never => return "never".to_string(),
        };
        match text.strip_prefix('-') {
            Some(magnitude) => format!("\u{2212}{magnitude}"),
            None => text,
        }
    }
}

fn segment_figure<'a>(economics: &'a Economics, segment: usize, name: &str) -> Figure<'a> {
    let Some(figures) = economics.segments.get(segment) else {
        return Figure::Unknown;
    };
    let optional = |value: Option<&'a BigRational>, money: bool| match value {
        Some(value) if money => Figure::Money(value),
        Some(value) => Figure::Number(value),
        None => Figure::Unknown,
    };
    match name {
        "revenue_per_customer" => Figure::Money(&figures.revenue_per_customer),
        "cost_per_customer" => Figure::Money(&figures.cost_per_customer),
        "contribution_per_customer" => Figure::Money(&figures.contribution_per_customer),
        "churn_per_month" => figures.churn_per_month.as_ref().map_or(Figure::Unknown, |churn| {
            Figure::Percent(churn * BigRational::from_integer(100.into()))
        }),
        "lifetime_months" => optional(figures.lifetime_months.as_ref(), false),
        "lifetime_value" => optional(figures.lifetime_value.as_ref(), true),
        "acquisition_cost" => Figure::Money(&figures.acquisition_cost),
        "ltv_to_cac" => optional(figures.ltv_to_cac.as_ref(), false),
        "payback_months" => match &figures.payback {
            Payback::Months(months) => Figure::Number(months),
            Payback::Never => Figure::Never,
            Payback::Unknown => Figure::Unknown,
        },
        "growth_per_month" => optional(figures.growth_per_month.as_ref(), false),
        "acquisition_spend_per_month" => optional(figures.acquisition_spend_per_month.as_ref(), true),
        _ => Figure::Unknown,
    }
}

fn canvas_figure<'a>(economics: &'a Economics, name: &str) -> Figure<'a> {
    let money = |value: &'a Option<BigRational>| value.as_ref().map_or(Figure::Unknown, Figure::Money);
    match name {
        "monthly_revenue" => money(&economics.monthly_revenue),
        "monthly_cost" => money(&economics.monthly_cost),
        "monthly_margin" => money(&economics.monthly_margin),
        "break_even_scale" => match &economics.break_even {
            BreakEven::At(scale) => Figure::Number(scale),
            BreakEven::Never => Figure::Never,
            BreakEven::Unknown => Figure::Unknown,
        },
        _ => Figure::Unknown,
    }
}

/// Break-even for people: "at 35% of the customers given".
fn break_even_words(break_even: &BreakEven) -> String {
    match break_even {
        BreakEven::At(scale) => {
            let percent = scale * BigRational::from_integer(100.into());
            format!("at {}% of the customers given", format_decimal(&percent, 0))
        }
        BreakEven::Never => "never".to_string(),
        BreakEven::Unknown => "unknown (a segment has no size)".to_string(),
    }
}

/// How a terminal table marks a negative figure: red when coloured, and
/// always with a true minus sign.
fn mark(cell: String, negative: bool, color: bool) -> String {
    if negative && color {
        format!("\u{1b}[31m{cell}\u{1b}[0m")
    } else {
        cell
    }
}

/// Pads `cells` (with their visible widths) into aligned columns.
fn aligned(rows: &[Vec<(String, bool)>], right_from: usize, color: bool) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let width = |index: usize| {
        rows.iter()
            .filter_map(|row| row.get(index))
            .map(|(cell, _)| cell.chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..columns).map(width).collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (index, (cell, negative)) in row.iter().enumerate() {
            let pad = widths[index].saturating_sub(cell.chars().count());
            if index > 0 {
                line.push_str("  ");
            }
            let marked = mark(cell.clone(), *negative, color);
            if index >= right_from {
                line.push_str(&" ".repeat(pad));
                line.push_str(&marked);
            } else {
                line.push_str(&marked);
                line.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The terminal table: per segment one row for the base and one for each
/// scenario, then the canvas rows likewise.
pub fn text(model: &Model, color: bool) -> String {
    let columns = columns(model);
    let currency = model.currency().unwrap_or("");
    let title = model
        .header()
        .and_then(|header| header.block.label.as_ref())
        .map_or("the canvas", |label| label.value.as_str());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Unit economics of {}, per customer and per month{}",
        text::clean(title),
        if currency.is_empty() {
            String::new()
        } else {
            format!(", in {currency}")
        }
    );
    out.push('\n');
    let mut rows: Vec<Vec<(String, bool)>> = Vec::new();
    let mut head = vec![("segment".to_string(), false), ("scenario".to_string(), false)];
    head.extend(SEGMENT_FIGURES.iter().map(|(_, title)| (title.to_string(), false)));
    rows.push(head);
    for (index, segment) in model.segments.iter().enumerate() {
        for (number, column) in columns.iter().enumerate() {
            let name = if number == 0 {
                text::clean(segment.block.name()).into_owned()
            } else {
                String::new()
            };
            let mut row = vec![(name, false), (text::clean(&column.id).into_owned(), false)];
            for (figure, _) in SEGMENT_FIGURES {
                let value = segment_figure(&column.economics, index, figure);
                row.push((value.shown(), value.is_negative()));
            }
            rows.push(row);
        }
    }
    if model.segments.is_empty() {
        out.push_str("No segments.\n");
    } else {
        out.push_str(&aligned(&rows, 2, color));
    }
    out.push('\n');
    let mut rows: Vec<Vec<(String, bool)>> = Vec::new();
    let mut head = vec![("canvas".to_string(), false)];
    head.extend(CANVAS_FIGURES.iter().map(|(_, title)| (title.to_string(), false)));
    rows.push(head);
    for column in &columns {
        let mut row = vec![(text::clean(&column.id).into_owned(), false)];
        for (figure, _) in &CANVAS_FIGURES[..3] {
            let value = canvas_figure(&column.economics, figure);
            row.push((value.shown(), value.is_negative()));
        }
        row.push((break_even_words(&column.economics.break_even), false));
        rows.push(row);
    }
    out.push_str(&aligned(&rows, 1, color));
    let labelled: Vec<&Column> = columns.iter().filter(|column| column.label.is_some()).collect();
    if !labelled.is_empty() {
        out.push('\n');
        for column in labelled {
            let _ = writeln!(
                out,
                "{}: {}",
                text::clean(&column.id),
                text::clean(column.label.as_deref().unwrap_or_default())
            );
        }
    }
    out
}

/// The same tables in Markdown, every user text escaped.
pub fn markdown(model: &Model) -> String {
    let columns = columns(model);
    let mut out = String::new();
    let title = model
        .header()
        .and_then(|header| header.block.label.as_ref())
        .map_or("the canvas", |label| label.value.as_str());
    let _ = writeln!(out, "# Unit economics of {}\n", text::markdown(title));
    if let Some(currency) = model.currency() {
        let _ = writeln!(out, "Per customer and per month, in {}.\n", text::markdown(currency));
    }
    out.push_str(&segment_table_md(model, &columns));
    out.push('\n');
    out.push_str(&canvas_table_md(&columns));
    out
}

/// The segment table in Markdown (also used by `build --format md`).
pub fn segment_table_md(model: &Model, columns: &[Column]) -> String {
    let mut out = String::new();
    out.push_str("| segment | scenario |");
    for (_, title) in SEGMENT_FIGURES {
        let _ = write!(out, " {title} |");
    }
    out.push_str("\n| --- | --- |");
    out.push_str(&" ---: |".repeat(SEGMENT_FIGURES.len()));
    out.push('\n');
    for (index, segment) in model.segments.iter().enumerate() {
        for (number, column) in columns.iter().enumerate() {
            let name = if number == 0 {
                text::markdown(segment.block.name())
            } else {
                String::new()
            };
            let _ = write!(out, "| {name} | {} |", text::markdown(&column.id));
            for (figure, _) in SEGMENT_FIGURES {
                let value = segment_figure(&column.economics, index, figure);
                let shown = match value {
                    Figure::Unknown => "—".to_string(),
                    _ => value.shown(),
                };
                let _ = write!(out, " {shown} |");
            }
            out.push('\n');
        }
    }
    out
}

/// The canvas table in Markdown (also used by `build --format md`).
pub fn canvas_table_md(columns: &[Column]) -> String {
    let mut out = String::from(
        "| scenario | revenue/mo | cost/mo | margin/mo | break-even |\n| --- | ---: | ---: | ---: | --- |\n",
    );
    for column in columns {
        let _ = write!(out, "| {} |", text::markdown(&column.id));
        for (figure, _) in &CANVAS_FIGURES[..3] {
            let value = canvas_figure(&column.economics, figure);
            let shown = match value {
                Figure::Unknown => "—".to_string(),
                _ => value.shown(),
            };
            let _ = write!(out, " {shown} |");
        }
        let _ = writeln!(
            out,
            " {} |",
            text::markdown(&break_even_words(&column.economics.break_even))
        );
    }
    out
}

/// The JSON document: the base's economics and each scenario's, in the
/// shape of `build --format json` (see `docs/json.md`).
pub fn json(model: &Model) -> Value {
    json!({
        "schema_version": super::SCHEMA_VERSION,
        "economics": super::json::economics_json(model, &model.facts.economics),
        "scenarios": super::json::scenarios_json(model),
    })
}

/// The CSV columns, in order (documented in `docs/reference.md`).
pub fn csv_header() -> Vec<&'static str> {
    let mut header = vec!["scenario", "row", "segment", "label"];
    header.extend(SEGMENT_FIGURES.iter().map(|(name, _)| *name));
    header.extend(CANVAS_FIGURES.iter().map(|(name, _)| *name));
    header
}

/// One CSV cell: quoted when it must be (RFC 4180), and user text that a
/// spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a tab or
/// carriage return first) prefixed with `'`.
pub fn csv_cell(text: &str, user_text: bool) -> String {
    let neutral = if user_text && text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if neutral.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

/// The CSV document: a header line, then for each scenario (base first) one
/// `segment` row per segment and one `canvas` row; figures as plain
/// decimals (`-0.50`, churn `4.00` for 4%), `never` for a payback or
/// break-even that never comes, an empty cell when unknown or not the row's.
pub fn csv(model: &Model) -> String {
    let columns = columns(model);
    let mut out = csv_header().join(",");
    out.push_str("\r\n");
    let empty_canvas = CANVAS_FIGURES.len();
    for column in &columns {
        for (index, segment) in model.segments.iter().enumerate() {
            let mut cells = vec![
                csv_cell(&column.id, true),
                "segment".to_string(),
                csv_cell(segment.block.name(), true),
                segment
                    .block
                    .label
                    .as_ref()
                    .map_or_else(String::new, |label| csv_cell(&label.value, true)),
            ];
            for (figure, _) in SEGMENT_FIGURES {
                cells.push(
                    segment_figure(&column.economics, index, figure)
                        .plain()
                        .unwrap_or_default(),
                );
            }
            cells.extend(std::iter::repeat_n(String::new(), empty_canvas));
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        }
        let mut cells = vec![
            csv_cell(&column.id, true),
            "canvas".to_string(),
            String::new(),
            String::new(),
        ];
        cells.extend(std::iter::repeat_n(String::new(), SEGMENT_FIGURES.len()));
        for (figure, _) in CANVAS_FIGURES {
            cells.push(canvas_figure(&column.economics, figure).plain().unwrap_or_default());
        }
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The unit economics as the board shows them (HTML and Markdown builds):
/// figures formatted for people, the base and each scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitEconomics {
    /// The titles of the per-segment figures.
    pub titles: Vec<&'static str>,
    pub segments: Vec<UnitRow>,
    pub canvases: Vec<CanvasRow>,
    /// Each scenario's identifier and label.
    pub scenarios: Vec<(String, Option<String>)>,
}

/// One segment's figures in one scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitRow {
    /// The segment's display name; empty on the rows after its first.
    pub segment: String,
    pub scenario: String,
    /// Each figure, and whether it is negative.
    pub cells: Vec<(super::board::Figure, bool)>,
}

/// The canvas's monthly figures in one scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CanvasRow {
    pub scenario: String,
    /// Revenue, cost and margin, each with whether it is negative.
    pub cells: Vec<(super::board::Figure, bool)>,
    pub break_even: String,
}

/// Whether a canvas uses what language 0.2 adds to its economics:
/// `churn`, `growth`, `per new customer` or scenarios.
pub fn uses_unit_economics(model: &Model) -> bool {
    !model.scenarios.is_empty()
        || model
            .segments
            .iter()
            .any(|segment| segment.churn.is_some() || segment.growth.is_some())
        || model.relationships.iter().any(|block| block.acquisition_cost.is_some())
        || model.channels.iter().any(|block| block.acquisition_cost.is_some())
        || model.revenues.iter().any(|block| block.setup_fee.is_some())
}

/// The board's unit economics, or `None` for a canvas that uses none.
pub fn unit_economics(model: &Model) -> Option<UnitEconomics> {
    if !uses_unit_economics(model) {
        return None;
    }
    let columns = columns(model);
    let mut segments = Vec::new();
    for (index, segment) in model.segments.iter().enumerate() {
        for (number, column) in columns.iter().enumerate() {
            segments.push(UnitRow {
                segment: if number == 0 {
                    segment.block.display_name().to_string()
                } else {
                    String::new()
                },
                scenario: column.id.clone(),
                cells: SEGMENT_FIGURES
                    .iter()
                    .map(|(figure, _)| {
                        let value = segment_figure(&column.economics, index, figure);
                        (value.figure(), value.is_negative())
                    })
                    .collect(),
            });
        }
    }
    let canvases = columns
        .iter()
        .map(|column| CanvasRow {
            scenario: column.id.clone(),
            cells: CANVAS_FIGURES[..3]
                .iter()
                .map(|(figure, _)| {
                    let value = canvas_figure(&column.economics, figure);
                    (value.figure(), value.is_negative())
                })
                .collect(),
            break_even: break_even_words(&column.economics.break_even),
        })
        .collect();
    Some(UnitEconomics {
        titles: SEGMENT_FIGURES.iter().map(|(_, title)| *title).collect(),
        segments,
        canvases,
        scenarios: columns
            .iter()
            .skip(1)
            .map(|column| (column.id.clone(), column.label.clone()))
            .collect(),
    })
}
