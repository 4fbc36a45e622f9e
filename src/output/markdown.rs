//! `build --format md`: the canvas as a Markdown document, for a README,
//! a wiki page or a pull request.
//!
//! Sections follow the order in which a canvas is usually told (customers
//! first, costs last); the journey matrix, relationships, fit, economics and
//! diagnostics are tables. Invariants: every piece of user text goes through
//! [`text::markdown`] exactly once, so it cannot open a table cell, a link,
//! emphasis or raw HTML; identifiers are shown as code only when they are
//! plain identifier characters.

use std::fmt::Write as _;

use super::board::{Board, Fact, Figure};
use super::text::{self, markdown as md};
use crate::code::Severity;
use crate::model::{BlockKind, Phase};
use crate::Checked;

/// The order in which the blocks are told.
const STORY_ORDER: [BlockKind; 9] = [
    BlockKind::Segment,
    BlockKind::Proposition,
    BlockKind::Channel,
    BlockKind::Relationship,
    BlockKind::Revenue,
    BlockKind::Resource,
    BlockKind::Activity,
    BlockKind::Partner,
    BlockKind::Cost,
];

/// An identifier as inline code when that is safe, else escaped text.
fn code(id: &str) -> String {
    let plain = !id.is_empty() && id.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    if plain {
        format!("`{id}`")
    } else {
        md(id)
    }
}

/// A table row from cells that are already Markdown.
fn row(out: &mut String, cells: &[String]) {
    out.push('|');
    for cell in cells {
        out.push(' ');
        out.push_str(if cell.is_empty() { "—" } else { cell });
        out.push_str(" |");
    }
    out.push('\n');
}

/// A table head; `right` marks the columns aligned right (figures).
fn head(out: &mut String, titles: &[&str], right: &[bool]) {
    row(out, &titles.iter().map(|title| title.to_string()).collect::<Vec<_>>());
    out.push('|');
    for index in 0..titles.len() {
        out.push_str(if right.get(index).copied().unwrap_or(false) {
            " ---: |"
        } else {
            " --- |"
        });
    }
    out.push('\n');
}

fn fact_line(fact: &Fact) -> String {
    format!("{}: {}", fact.key, md(&fact.value))
}

/// The canvas of a checked canvas as Markdown.
pub fn markdown(checked: &Checked) -> String {
    let board = Board::of(checked);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", md(&board.heading.title));
    if let Some(description) = &board.heading.description {
        let _ = writeln!(out, "{}\n", text::markdown_paragraph(description));
    }
    if !board.heading.facts.is_empty() {
        let facts: Vec<String> = board.heading.facts.iter().map(fact_line).collect();
        let _ = writeln!(out, "{}\n", facts.join(" · "));
    }

    for kind in STORY_ORDER {
        let _ = writeln!(out, "## {}\n", kind.title());
        let items = board.area(kind).map(|area| area.items.as_slice()).unwrap_or_default();
        if items.is_empty() {
            out.push_str("*Nothing yet.*\n\n");
            continue;
        }
        for item in items {
            let _ = write!(out, "- **{}**", md(&item.name));
            if item.id != item.name && !item.id.is_empty() {
                let _ = write!(out, " ({})", code(&item.id));
            }
            out.push('\n');
            for fact in &item.facts {
                let _ = writeln!(out, "  - {}", fact_line(fact));
            }
        }
        out.push('\n');
    }

    journeys(&mut out, &board);
    relationships(&mut out, &board);
    fits(&mut out, &board);
    economics(&mut out, &board);
    findings(&mut out, &board);
    out
}

fn journeys(out: &mut String, board: &Board) {
    out.push_str("## Customer journeys\n\n");
    if board.journeys.is_empty() {
        out.push_str("*No segments yet.*\n\n");
        return;
    }
    out.push_str("The channels that reach each segment in each phase; **gap** marks a phase no channel covers.\n\n");
    let mut titles = vec!["Segment"];
    titles.extend(Phase::ALL.iter().map(|phase| phase.as_str()));
    head(out, &titles, &[]);
    for journey in &board.journeys {
        let mut cells = vec![md(&journey.segment)];
        cells.extend(journey.phases.iter().map(|(_, channels)| {
            if channels.is_empty() {
                "**gap**".to_string()
            } else {
                md(&channels.join(", "))
            }
        }));
        row(out, &cells);
    }
    out.push('\n');
}

fn relationships(out: &mut String, board: &Board) {
    out.push_str("## Customer relationships\n\n");
    if board.relationships.is_empty() {
        out.push_str("*No relationships yet.*\n\n");
        return;
    }
    head(
        out,
        &[
            "Relationship",
            "Type",
            "For",
            "Intimacy",
            "Directness",
            "Link",
            "Goals",
            "Cost",
        ],
        &[false, false, false, false, false, false, false, true],
    );
    for relationship in &board.relationships {
        row(
            out,
            &[
                md(&relationship.name),
                code(&relationship.relationship_type),
                md(&relationship.segments),
                relationship.intimacy.map(|i| i.to_string()).unwrap_or_default(),
                relationship.directness.map(|d| d.to_string()).unwrap_or_default(),
                relationship.link.map(|l| l.to_string()).unwrap_or_default(),
                md(&relationship.goals),
                relationship.cost.as_deref().map(md).unwrap_or_default(),
            ],
        );
    }
    out.push('\n');
}

fn fits(out: &mut String, board: &Board) {
    out.push_str("## Fit: customer profiles and value propositions\n\n");
    let groups: Vec<_> = board.fits.iter().filter(|group| !group.rows.is_empty()).collect();
    if groups.is_empty() {
        out.push_str("*No needs, pains, jobs or gains written yet.*\n\n");
        return;
    }
    out.push_str("Each need, pain, job and gain with the propositions that answer it; **unanswered** marks a gap.\n\n");
    head(out, &["Segment", "Profile", "Text", "Answered by"], &[]);
    for group in groups {
        for fit in &group.rows {
            let answered = if fit.answered_by.is_empty() {
                "**unanswered**".to_string()
            } else {
                md(&fit.answered_by.join(", "))
            };
            row(
                out,
                &[md(&group.segment), fit.kind.to_string(), md(&fit.text), answered],
            );
        }
    }
    out.push('\n');
}

fn economics(out: &mut String, board: &Board) {
    let money = &board.money;
    out.push_str("## Economics\n\n");
    let currency = money
        .currency
        .as_deref()
        .map_or_else(String::new, |currency| format!(", in {}", md(currency)));
    let _ = writeln!(
        out,
        "Recurring figures per month{currency}; *unknown* where a figure depends on a segment without a size.\n"
    );
    if !money.segments.is_empty() {
        head(
            out,
            &[
                "Segment",
                "Customers",
                "Revenue per customer",
                "Relationship cost per customer",
                "Revenue",
                "Relationship cost",
            ],
            &[false, true, true, true, true, true],
        );
        for segment in &money.segments {
            row(
                out,
                &[
                    md(&segment.segment),
                    segment.size.as_deref().map_or_else(|| "*unknown*".to_string(), md),
                    text::markdown(&segment.revenue_per_customer),
                    text::markdown(&segment.relationship_cost_per_customer),
                    figure(&segment.revenue),
                    figure(&segment.relationship_cost),
                ],
            );
        }
        out.push('\n');
    }
    head(out, &["Per month", "Amount"], &[false, true]);
    row(out, &["Revenue".to_string(), figure(&money.monthly_revenue)]);
    row(out, &["Cost".to_string(), figure(&money.monthly_cost)]);
    let margin = figure(&money.monthly_margin);
    let margin = if money.loss { format!("**{margin}**") } else { margin };
    row(out, &["Margin".to_string(), margin]);
    out.push('\n');
    if let Some(unit) = &money.unit {
        unit_economics(out, unit);
    }
    out.push_str("### One-off amounts\n\n");
    if money.one_off.is_empty() {
        out.push_str("*None: every amount recurs.*\n\n");
        return;
    }
    head(out, &["Item", "Flow", "Amount", "Total"], &[false, false, true, true]);
    for one_off in &money.one_off {
        row(
            out,
            &[
                md(&one_off.item),
                one_off.flow.to_string(),
                text::markdown(&one_off.amount),
                figure(&one_off.total),
            ],
        );
    }
    out.push('\n');
}

/// The unit economics of every segment and the canvas, the base and each
/// scenario; negative figures in bold.
fn unit_economics(out: &mut String, unit: &crate::output::economics::UnitEconomics) {
    let cell = |(value, negative): &(Figure, bool)| {
        let shown = figure(value);
        if *negative {
            format!("**{shown}**")
        } else {
            shown
        }
    };
    out.push_str("### Unit economics\n\n");
    let mut titles = vec!["Segment", "Scenario"];
    titles.extend(unit.titles.iter().copied());
    let mut right = vec![false, false];
    right.extend(unit.titles.iter().map(|_| true));
    head(out, &titles, &right);
    for unit_row in &unit.segments {
        let mut cells = vec![md(&unit_row.segment), md(&unit_row.scenario)];
        cells.extend(unit_row.cells.iter().map(cell));
        row(out, &cells);
    }
    out.push('\n');
    head(
        out,
        &[
            "Scenario",
            "Monthly revenue",
            "Monthly cost",
            "Monthly margin",
            "Break-even",
        ],
        &[false, true, true, true, false],
    );
    for canvas in &unit.canvases {
        let mut cells = vec![md(&canvas.scenario)];
        cells.extend(canvas.cells.iter().map(cell));
        cells.push(md(&canvas.break_even));
        row(out, &cells);
    }
    out.push('\n');
    for (id, label) in &unit.scenarios {
        let _ = writeln!(
            out,
            "- {}: {}",
            code(id),
            label.as_deref().map_or_else(|| "—".to_string(), md)
        );
    }
    if !unit.scenarios.is_empty() {
        out.push('\n');
    }
}

/// A figure, in italics when unknown.
fn figure(value: &Figure) -> String {
    match value {
        Figure::Known(value) => text::markdown(value),
        Figure::Unknown => "*unknown*".to_string(),
    }
}

fn findings(out: &mut String, board: &Board) {
    out.push_str("## Warnings and advice\n\n");
    if board.findings.is_empty() {
        out.push_str("*None: the canvas passes every rule.*\n");
        return;
    }
    head(
        out,
        &["Severity", "Code", "Message", "Line"],
        &[false, false, false, true],
    );
    for finding in &board.findings {
        let severity = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Advice => "advice",
        };
        let mut message = md(&finding.message);
        if let Some(help) = &finding.help {
            message.push_str("<br>*");
            message.push_str(&md(help));
            message.push('*');
        }
        row(
            out,
            &[
                severity.to_string(),
                code(finding.code),
                message,
                finding.line.map(|line| line.to_string()).unwrap_or_default(),
            ],
        );
    }
}
