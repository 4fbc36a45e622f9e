//! `build --format html`: the canvas as one self-contained page.
//!
//! The board is the classic nine-block canvas laid out with CSS grid, each
//! item a sticky note in the colour of the segment it serves; below it the
//! journey matrix, the relationships, the fit of propositions to customer
//! profiles, the economics and the canvas's warnings and advice.
//!
//! Invariants: one file, no external resource and no script at all; a
//! Content-Security-Policy that forbids both, so the page stays inert even
//! if something slipped through; every piece of user text escaped exactly
//! once with [`super::text::xml`] (text nodes and attribute values alike), with
//! what XML forbids dropped and bidi controls shown, not obeyed.

use std::fmt::Write as _;

use super::board::{self, Board, Fact, Figure, PALETTE};
use super::text::xml;
use crate::code::Severity;
use crate::model::BlockKind;
use crate::Checked;

/// The page's Content-Security-Policy: nothing loads, nothing runs.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const CSS: &str = r#"
:root { --ink: #222; --muted: #666; --line: #c9c9c3; --paper: #fafaf7; --gap: #fde2e0; --gap-ink: #8a1c1c; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px; background: var(--paper); color: var(--ink);
  font: 14px/1.4 Helvetica, Arial, "Liberation Sans", sans-serif; }
h1 { margin: 0 0 4px; font-size: 28px; }
h2 { margin: 32px 0 10px; font-size: 19px; }
.heading .description { margin: 0 0 6px; font-size: 16px; color: #444; }
.meta { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 0; color: var(--muted); font-size: 13px; }
.meta div { display: flex; gap: 5px; }
.meta dt::after { content: ":"; }
.meta dd { margin: 0; }
.board { display: grid; grid-template-columns: repeat(10, minmax(0, 1fr));
  grid-template-areas:
    "partners partners activities activities propositions propositions relationships relationships segments segments"
    "partners partners resources resources propositions propositions channels channels segments segments"
    "costs costs costs costs costs revenues revenues revenues revenues revenues";
  grid-template-rows: minmax(260px, auto) minmax(260px, auto) minmax(200px, auto);
  margin-top: 18px; border: 2px solid #8d8d86; background: #fff; }
.block { padding: 10px; border: 1px solid var(--line); min-width: 0; }
.block h2 { margin: 0 0 8px; font-size: 15px; color: #555; text-transform: none; }
.partners { grid-area: partners; } .activities { grid-area: activities; } .resources { grid-area: resources; }
.propositions { grid-area: propositions; } .relationships { grid-area: relationships; }
.channels { grid-area: channels; } .segments { grid-area: segments; }
.costs { grid-area: costs; } .revenues { grid-area: revenues; }
.notes { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
.costs .notes, .revenues .notes { grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); }
.note { padding: 7px 9px; border-radius: 3px; box-shadow: 0 1px 3px rgba(0,0,0,.18);
  overflow-wrap: anywhere; }
.note .name { display: block; font-size: 14px; }
.note .id { display: block; font-size: 11px; color: var(--muted); font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
.facts { margin: 4px 0 0; font-size: 12px; }
.facts div { display: flex; gap: 5px; }
.facts dt { color: #555; flex: none; }
.facts dt::after { content: ":"; }
.facts dd { margin: 0; min-width: 0; }
.empty { color: var(--muted); font-style: italic; margin: 0; font-size: 13px; }
.swatch { display: inline-block; width: 11px; height: 11px; margin-right: 6px; border-radius: 2px;
  border: 1px solid rgba(0,0,0,.25); vertical-align: -1px; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top;
  overflow-wrap: break-word; }
thead th { background: #eeeee9; }
td.money, th.money { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.gap { background: var(--gap); color: var(--gap-ink); font-weight: bold; }
.none, .unknown { color: var(--muted); font-style: italic; }
.loss { color: var(--gap-ink); font-weight: bold; }
.totals { width: auto; min-width: 40%; margin-top: 10px; }
.severity-error { color: #a00; font-weight: bold; }
.severity-warning { color: #9a5b00; font-weight: bold; }
.severity-advice { color: #245f9e; font-weight: bold; }
.help { display: block; color: var(--muted); font-size: 12px; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
.caption { color: var(--muted); margin: 0 0 8px; font-size: 13px; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
@media (max-width: 900px) {
  .board { grid-template-columns: 1fr; grid-template-rows: none;
    grid-template-areas: "segments" "propositions" "channels" "relationships" "revenues" "resources" "activities" "partners" "costs"; }
}
@page { size: A3 landscape; margin: 10mm; }
@media print {
  body { padding: 0; background: #fff; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .board { break-after: page; border-width: 1px; }
  .note { box-shadow: none; border: 1px solid rgba(0,0,0,.2); break-inside: avoid; }
  h2 { break-after: avoid; }
  tr { break-inside: avoid; }
  footer { display: none; }
}
"#;

/// The colour classes: one per palette entry, and the neutral one.
fn colour_css() -> String {
    let mut css = String::new();
    for (index, colour) in PALETTE.iter().enumerate() {
        let _ = writeln!(css, ".c{index} {{ background: {colour}; }}");
    }
    let _ = writeln!(css, ".cn {{ background: {}; }}", board::NEUTRAL);
    css
}

/// The CSS class of a palette index.
fn colour_class(colour: Option<usize>) -> String {
    colour.map_or_else(|| "cn".to_string(), |index| format!("c{index}"))
}

fn swatch(colour: Option<usize>) -> String {
    format!(
        r#"<span class="swatch {}" aria-hidden="true"></span>"#,
        colour_class(colour)
    )
}

/// A value, or a muted dash when there is none.
fn or_none(value: Option<&str>) -> String {
    match value {
        Some(value) if !value.is_empty() => xml(value),
        _ => r#"<span class="none">—</span>"#.to_string(),
    }
}

/// The unit economics of every segment and the canvas, the base and each
/// scenario; negative figures in the loss style.
fn unit_economics(out: &mut String, unit: &crate::output::economics::UnitEconomics) {
    let cell = |(value, negative): &(Figure, bool)| {
        let class = if *negative { "money loss" } else { "money" };
        format!("<td class=\"{class}\">{}</td>", figure(value))
    };
    out.push_str("<h3>Unit economics</h3>\n<table class=\"unit\">\n<thead><tr><th scope=\"col\">Segment</th><th scope=\"col\">Scenario</th>");
    for title in &unit.titles {
        let _ = write!(out, "<th scope=\"col\" class=\"money\">{}</th>", xml(title));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &unit.segments {
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td>",
            xml(&row.segment),
            xml(&row.scenario)
        );
        for value in &row.cells {
            out.push_str(&cell(value));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out.push_str(
        "<table class=\"unit\">\n<thead><tr><th scope=\"col\">Scenario</th><th scope=\"col\" class=\"money\">Monthly revenue</th>\
         <th scope=\"col\" class=\"money\">Monthly cost</th><th scope=\"col\" class=\"money\">Monthly margin</th>\
         <th scope=\"col\">Break-even</th></tr></thead>\n<tbody>\n",
    );
    for row in &unit.canvases {
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", xml(&row.scenario));
        for value in &row.cells {
            out.push_str(&cell(value));
        }
        let _ = writeln!(out, "<td>{}</td></tr>", xml(&row.break_even));
    }
    out.push_str("</tbody>\n</table>\n");
    if !unit.scenarios.is_empty() {
        out.push_str("<dl class=\"scenarios\">");
        for (id, label) in &unit.scenarios {
            let _ = write!(
                out,
                "<dt>{}</dt><dd>{}</dd>",
                xml(id),
                label.as_deref().map_or_else(|| "—".to_string(), xml)
            );
        }
        out.push_str("</dl>\n");
    }
}

/// A figure, muted when unknown.
fn figure(value: &Figure) -> String {
    match value {
        Figure::Known(value) => xml(value),
        Figure::Unknown => r#"<span class="unknown">unknown</span>"#.to_string(),
    }
}

fn facts(out: &mut String, facts: &[Fact], class: &str) {
    if facts.is_empty() {
        return;
    }
    let _ = write!(out, r#"<dl class="{class}">"#);
    for fact in facts {
        let _ = write!(
            out,
            "<div><dt>{}</dt><dd>{}</dd></div>",
            xml(fact.key),
            xml(&fact.value)
        );
    }
    out.push_str("</dl>");
}

/// The board of a checked canvas as a self-contained HTML page.
pub fn html(checked: &Checked) -> String {
    let board = Board::of(checked);
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(
        out,
        r#"<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">"#
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"generator\" content=\"canvasc\">\n");
    let _ = writeln!(
        out,
        "<title>{} — Business Model Canvas</title>",
        xml(&board.heading.title)
    );
    let _ = write!(out, "<style>{CSS}{}</style>\n</head>\n<body>\n", colour_css());

    out.push_str("<header class=\"heading\">\n");
    let _ = writeln!(out, "<h1>{}</h1>", xml(&board.heading.title));
    if let Some(description) = &board.heading.description {
        let _ = writeln!(out, r#"<p class="description">{}</p>"#, xml(description));
    }
    facts(&mut out, &board.heading.facts, "meta");
    out.push_str("\n</header>\n<main>\n");

    board_grid(&mut out, &board);
    journeys(&mut out, &board);
    relationships(&mut out, &board);
    fits(&mut out, &board);
    economics(&mut out, &board);
    findings(&mut out, &board);

    out.push_str("</main>\n<footer>Compiled by canvasc from a .canvas file.</footer>\n</body>\n</html>\n");
    out
}

fn board_grid(out: &mut String, board: &Board) {
    out.push_str("<section class=\"board\" aria-label=\"Business Model Canvas\">\n");
    for area in &board.areas {
        let class = match area.kind {
            BlockKind::Partner => "partners",
            BlockKind::Activity => "activities",
            BlockKind::Resource => "resources",
            BlockKind::Proposition => "propositions",
            BlockKind::Relationship => "relationships",
            BlockKind::Channel => "channels",
            BlockKind::Segment => "segments",
            BlockKind::Cost => "costs",
            BlockKind::Revenue => "revenues",
            BlockKind::Header => continue,
        };
        let _ = writeln!(
            out,
            r#"<section class="block {class}"><h2>{}</h2>"#,
            xml(area.kind.title())
        );
        if area.items.is_empty() {
            out.push_str("<p class=\"empty\">nothing yet</p>\n");
        } else {
            out.push_str("<ul class=\"notes\">\n");
            for item in &area.items {
                let _ = write!(
                    out,
                    r#"<li class="note {}"><strong class="name">{}</strong>"#,
                    colour_class(item.colour),
                    xml(&item.name)
                );
                if item.id != item.name && !item.id.is_empty() {
                    let _ = write!(out, r#"<span class="id">{}</span>"#, xml(&item.id));
                }
                facts(out, &item.facts, "facts");
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</section>\n");
    }
    out.push_str("</section>\n");
}

fn journeys(out: &mut String, board: &Board) {
    out.push_str("<section class=\"journeys\">\n<h2>Customer journeys</h2>\n");
    if board.journeys.is_empty() {
        out.push_str("<p class=\"empty\">No segments yet.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<p class=\"caption\">The channels that reach each segment in each phase of its journey; \
         a highlighted cell is a phase no channel covers.</p>\n",
    );
    out.push_str("<table>\n<thead><tr><th scope=\"col\">Segment</th>");
    for phase in crate::model::Phase::ALL {
        let _ = write!(out, "<th scope=\"col\">{}</th>", xml(phase.as_str()));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &board.journeys {
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}{}</th>",
            swatch(row.colour),
            xml(&row.segment)
        );
        for (_, channels) in &row.phases {
            if channels.is_empty() {
                out.push_str("<td class=\"gap\">gap</td>");
            } else {
                let _ = write!(out, "<td>{}</td>", xml(&channels.join(", ")));
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn relationships(out: &mut String, board: &Board) {
    out.push_str("<section class=\"relationships-table\">\n<h2>Customer relationships</h2>\n");
    if board.relationships.is_empty() {
        out.push_str("<p class=\"empty\">No relationships yet.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<table>\n<thead><tr><th scope=\"col\">Relationship</th><th scope=\"col\">Type</th>\
         <th scope=\"col\">For</th><th scope=\"col\">Intimacy</th><th scope=\"col\">Directness</th>\
         <th scope=\"col\">Link</th><th scope=\"col\">Goals</th><th scope=\"col\">Via</th>\
         <th scope=\"col\" class=\"money\">Cost</th></tr></thead>\n<tbody>\n",
    );
    for row in &board.relationships {
        let intimacy = row.intimacy.map(|intimacy| intimacy.as_str());
        let directness = row.directness.map(|directness| directness.as_str());
        let link = row.link.map(|link| link.as_str());
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
             <td>{}</td><td>{}</td><td class=\"money\">{}</td></tr>",
            swatch(row.colour),
            xml(&row.name),
            xml(&row.relationship_type),
            or_none(Some(&row.segments)),
            or_none(intimacy),
            or_none(directness),
            or_none(link),
            or_none(Some(&row.goals)),
            or_none(Some(&row.via)),
            or_none(row.cost.as_deref()),
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn fits(out: &mut String, board: &Board) {
    out.push_str("<section class=\"fit\">\n<h2>Fit: customer profiles and value propositions</h2>\n");
    if board.fits.is_empty() {
        out.push_str("<p class=\"empty\">No segments yet.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<p class=\"caption\">Each need, pain, job and gain of a segment, with the propositions for it \
         that meet, relieve, help with or create it; a highlighted cell is unanswered.</p>\n",
    );
    out.push_str(
        "<table>\n<thead><tr><th scope=\"col\">Segment</th><th scope=\"col\">Profile</th>\
         <th scope=\"col\">Text</th><th scope=\"col\">Answered by</th></tr></thead>\n",
    );
    for group in &board.fits {
        out.push_str("<tbody>\n");
        let head = format!(
            "<th scope=\"rowgroup\" rowspan=\"{}\">{}{}</th>",
            group.rows.len().max(1),
            swatch(group.colour),
            xml(&group.segment)
        );
        if group.rows.is_empty() {
            let _ = writeln!(
                out,
                "<tr>{head}<td colspan=\"3\" class=\"none\">no needs, pains, jobs or gains written</td></tr>"
            );
        }
        for (position, row) in group.rows.iter().enumerate() {
            let answered = if row.answered_by.is_empty() {
                "<td class=\"gap\">unanswered</td>".to_string()
            } else {
                format!("<td>{}</td>", xml(&row.answered_by.join(", ")))
            };
            let _ = writeln!(
                out,
                "<tr>{}<td>{}</td><td>{}</td>{answered}</tr>",
                if position == 0 { head.as_str() } else { "" },
                xml(row.kind),
                xml(&row.text),
            );
        }
        out.push_str("</tbody>\n");
    }
    out.push_str("</table>\n</section>\n");
}

fn economics(out: &mut String, board: &Board) {
    let money = &board.money;
    out.push_str("<section class=\"economics\">\n<h2>Economics</h2>\n");
    let currency = money
        .currency
        .as_deref()
        .map_or_else(String::new, |currency| format!(", in {}", xml(currency)));
    let _ = writeln!(
        out,
        "<p class=\"caption\">Recurring figures per month{currency}; \
         <span class=\"unknown\">unknown</span> where a figure depends on a segment without a size.</p>"
    );
    if !money.segments.is_empty() {
        out.push_str(
            "<table>\n<thead><tr><th scope=\"col\">Segment</th><th scope=\"col\" class=\"money\">Customers</th>\
             <th scope=\"col\" class=\"money\">Revenue per customer</th>\
             <th scope=\"col\" class=\"money\">Relationship cost per customer</th>\
             <th scope=\"col\" class=\"money\">Revenue</th>\
             <th scope=\"col\" class=\"money\">Relationship cost</th></tr></thead>\n<tbody>\n",
        );
        for row in &money.segments {
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\">{}{}</th><td class=\"money\">{}</td><td class=\"money\">{}</td>\
                 <td class=\"money\">{}</td><td class=\"money\">{}</td><td class=\"money\">{}</td></tr>",
                swatch(row.colour),
                xml(&row.segment),
                row.size
                    .as_deref()
                    .map_or_else(|| r#"<span class="unknown">unknown</span>"#.to_string(), xml),
                xml(&row.revenue_per_customer),
                xml(&row.relationship_cost_per_customer),
                figure(&row.revenue),
                figure(&row.relationship_cost),
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    let margin_class = if money.loss { " loss" } else { "" };
    let _ = writeln!(
        out,
        "<table class=\"totals\">\n<tbody>\n\
         <tr><th scope=\"row\">Monthly revenue</th><td class=\"money\">{}</td></tr>\n\
         <tr><th scope=\"row\">Monthly cost</th><td class=\"money\">{}</td></tr>\n\
         <tr><th scope=\"row\">Monthly margin</th><td class=\"money{margin_class}\">{}</td></tr>\n\
         </tbody>\n</table>",
        figure(&money.monthly_revenue),
        figure(&money.monthly_cost),
        figure(&money.monthly_margin),
    );
    if let Some(unit) = &money.unit {
        unit_economics(out, unit);
    }
    out.push_str("<h3>One-off amounts</h3>\n");
    if money.one_off.is_empty() {
        out.push_str("<p class=\"empty\">None: every amount recurs.</p>\n");
    } else {
        out.push_str(
            "<table>\n<thead><tr><th scope=\"col\">Item</th><th scope=\"col\">Flow</th>\
             <th scope=\"col\" class=\"money\">Amount</th><th scope=\"col\" class=\"money\">Total</th></tr></thead>\n<tbody>\n",
        );
        for row in &money.one_off {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td class=\"money\">{}</td><td class=\"money\">{}</td></tr>",
                xml(&row.item),
                xml(row.flow),
                xml(&row.amount),
                figure(&row.total),
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
}

fn findings(out: &mut String, board: &Board) {
    out.push_str("<section class=\"findings\">\n<h2>Warnings and advice</h2>\n");
    if board.findings.is_empty() {
        out.push_str("<p class=\"empty\">None: the canvas passes every rule.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<table>\n<thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Code</th>\
         <th scope=\"col\">Message</th><th scope=\"col\">Line</th></tr></thead>\n<tbody>\n",
    );
    for finding in &board.findings {
        let severity = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Advice => "advice",
        };
        let help = finding.help.as_deref().map_or_else(String::new, |help| {
            format!(r#"<span class="help">{}</span>"#, xml(help))
        });
        let line = finding.line.map_or_else(|| "—".to_string(), |line| line.to_string());
        let _ = writeln!(
            out,
            "<tr><td class=\"severity-{severity}\">{severity}</td><td><code>{}</code></td><td>{}{help}</td><td>{line}</td></tr>",
            xml(finding.code),
            xml(&finding.message),
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}
