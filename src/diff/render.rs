//! The three forms of a diff: text for terminals, Markdown for pull
//! requests, JSON for bots (schema in `docs/json.md`).
//!
//! Text and Markdown open with the same one-paragraph summary
//! ([`summary`]); Markdown then puts the detail in collapsible `<details>`
//! sections, so that a pull-request comment reads at a glance, and passes
//! every user text through [`crate::output::text::markdown`], the one
//! escaping function `build --format md` uses too, so that nothing in a
//! canvas becomes a link, an image or markup. A Markdown comment is bounded
//! ([`MAX_MD_BLOCKS`], [`MAX_MD_SEGMENTS`]): the JSON form has everything.

use num_rational::BigRational;
use serde_json::{json, Map, Value};

use super::economics::{decimal, signed, Figure, SegmentFigures, Unit};
use super::{BlockChange, ChangeKind, DiagnosticSummary, FieldChange, ModelDiff};
use crate::code::Severity;
use crate::model::derive::format_money_grouped;
use crate::output::text::markdown as md;
use crate::output::SCHEMA_VERSION;
use crate::render::escape_control;

/// The most blocks a Markdown diff details; GitHub refuses a comment over
/// 65,536 characters.
pub const MAX_MD_BLOCKS: usize = 200;
/// The most segments whose figures a Markdown diff details.
pub const MAX_MD_SEGMENTS: usize = 50;

/// Fields whose values are texts, shown in quotes.
const TEXT_FIELDS: &[&str] = &[
    "label",
    "needs",
    "jobs",
    "pains",
    "gains",
    "meets",
    "offers",
    "relieves",
    "creates",
    "helps",
    "notes",
    "description",
    "title",
    "owner",
    "version",
];

/// Shows a field value the way it is written in a canvas.
fn show(field: &str, value: &Value) -> String {
    match value {
        Value::Null => "(none)".to_string(),
        Value::String(text) if TEXT_FIELDS.contains(&field) => format!("{text:?}"),
        Value::String(text) => text.clone(),
        Value::Object(object) if object.contains_key("per_customer") => show_rate(value),
        Value::Object(object) if object.contains_key("phase") => {
            let phase = object.get("phase").and_then(Value::as_str).unwrap_or_default();
            match object.get("how").and_then(Value::as_str) {
                Some(how) => format!("{phase} {how:?}"),
                None => phase.to_string(),
            }
        }
        Value::Object(object) if object.contains_key("sets") => show_override(object),
        Value::Object(object) if object.contains_key("key") => {
            let key = object.get("key").and_then(Value::as_str).unwrap_or_default();
            let value = object.get("value").and_then(Value::as_str).unwrap_or_default();
            format!("{key} {value:?}")
        }
        other => other.to_string(),
    }
}

/// A scenario's override as written: `revenue sales { price 14.00 EUR ... }`.
fn show_override(object: &Map<String, Value>) -> String {
    let kind = object.get("kind").and_then(Value::as_str).unwrap_or_default();
    let block = object.get("block").and_then(Value::as_str).unwrap_or_default();
    let mut head = format!("{kind} {block}");
    if let Some(label) = object.get("label").and_then(Value::as_str) {
        head.push_str(&format!(" {label:?}"));
    }
    let segments: Vec<&str> = object
        .get("for")
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if !segments.is_empty() {
        head.push_str(&format!(" for {}", segments.join(", ")));
    }
    let sets: Vec<String> = object
        .get("sets")
        .and_then(Value::as_object)
        .map(|sets| {
            sets.iter()
                .map(|(key, value)| format!("{} {}", key.replace('_', " "), show(key, value)))
                .collect()
        })
        .unwrap_or_default();
    format!("{head} {{ {} }}", sets.join("; "))
}

fn show_rate(rate: &Value) -> String {
    let mut text = rate.get("amount").and_then(Value::as_str).unwrap_or("?").to_string();
    if let Some(currency) = rate.get("currency").and_then(Value::as_str) {
        text.push(' ');
        text.push_str(currency);
    }
    if rate.get("per_customer").and_then(Value::as_bool) == Some(true) {
        text.push_str(" per customer");
    }
    if let Some(period) = rate.get("period").and_then(Value::as_str) {
        text.push_str(" per ");
        text.push_str(period);
    }
    text
}

fn field_lines(field: &FieldChange) -> Vec<String> {
    let name = &field.field;
    let mut lines = Vec::new();
    if field.before.is_some() || field.after.is_some() {
        let before = field
            .before
            .as_ref()
            .map_or("(none)".to_string(), |value| show(name, value));
        let after = field
            .after
            .as_ref()
            .map_or("(none)".to_string(), |value| show(name, value));
        lines.push(format!("{name}: {before} → {after}"));
    }
    for value in &field.removed {
        lines.push(format!("{name}: - {}", show(name, value)));
    }
    for value in &field.added {
        lines.push(format!("{name}: + {}", show(name, value)));
    }
    lines
}

/// The lines under a block's title: an added or removed block's statements,
/// a changed one's field changes.
fn detail_lines(block: &BlockChange) -> Vec<String> {
    match block.change {
        ChangeKind::Added | ChangeKind::Removed if !block.content.is_empty() => {
            block.content.iter().skip(1).cloned().collect()
        }
        // A block without its source lines (a scenario): its fields, as written.
        ChangeKind::Added | ChangeKind::Removed => block
            .fields
            .iter()
            .filter(|field| field.field != "label")
            .flat_map(|field| {
                let name = field.field.as_str();
                let single = field.after.iter().chain(&field.before);
                let items = field.added.iter().chain(&field.removed);
                single
                    .chain(items)
                    .map(|value| format!("{name} {}", show(name, value)))
                    .collect::<Vec<_>>()
            })
            .collect(),
        ChangeKind::Changed | ChangeKind::Renamed => block.fields.iter().flat_map(field_lines).collect(),
    }
}

/// The title line of a block: an added or removed block's first line as
/// written; else its kind and name, with the rename.
fn title_line(block: &BlockChange) -> String {
    format!("{}{}", block_name(block), rename_note(block))
}

/// An added or removed block's first line as written (with a
/// relationship's segments); else its kind and name.
fn block_name(block: &BlockChange) -> String {
    let mut title = match (block.change, block.content.first(), &block.label) {
        (ChangeKind::Added | ChangeKind::Removed, Some(head), _) => head.clone(),
        (ChangeKind::Added | ChangeKind::Removed, None, Some(label)) if block.segments.is_none() => {
            format!("{} {label:?}", block.title())
        }
        _ => block.title(),
    };
    if let Some(segments) = block.segments.as_ref().filter(|_| !block.content.is_empty()) {
        // The segments are part of a relationship's name; its head lacks them.
        title.push_str(&format!(" (for {})", segments.join(", ")));
    }
    title
}

/// ` (renamed from OLD; 5 of 6 statements and label shared)`, or nothing.
fn rename_note(block: &BlockChange) -> String {
    let Some(from) = &block.renamed_from else {
        return String::new();
    };
    match block.similarity {
        Some(similarity) => format!(
            " (renamed from {from}; {} of {} statements and label shared)",
            similarity.shared, similarity.of
        ),
        None => format!(" (renamed from {from})"),
    }
}

fn sign(change: ChangeKind) -> &'static str {
    match change {
        ChangeKind::Added => "+",
        ChangeKind::Removed => "-",
        ChangeKind::Changed => "~",
        ChangeKind::Renamed => ">",
    }
}

fn grouped(value: &BigRational) -> String {
    format_money_grouped(value)
}

/// A figure's value on one side, as people read it.
fn figure_value(figure: &Figure, value: &Value, never: bool) -> String {
    if never {
        return "never".to_string();
    }
    let Some(number) = value.as_str().and_then(decimal) else {
        return "unknown".to_string();
    };
    let shown = grouped(&number);
    match figure.unit {
        Unit::Percent => format!("{shown}%"),
        Unit::Money | Unit::Months | Unit::Ratio | Unit::Customers | Unit::Scale => shown,
    }
}

/// A figure's change with its unit, or nothing when it did not change or
/// one side is unknown.
fn figure_change(figure: &Figure, currency: Option<&str>) -> String {
    let Some(change) = figure.change_value().filter(|_| figure.changed()) else {
        return String::new();
    };
    let amount = signed(&change, grouped);
    match (figure.unit, currency) {
        (Unit::Money, Some(currency)) => format!("{amount} {currency}"),
        (Unit::Money, None) | (Unit::Ratio, _) | (Unit::Scale, _) => amount,
        (Unit::Percent, _) => format!("{amount} points"),
        (Unit::Months, _) => format!("{amount} months"),
        (Unit::Customers, _) => format!("{amount} customers"),
    }
}

/// A figure's name as people read it: `monthly margin`.
fn figure_name(figure: &Figure) -> String {
    figure.name.replace('_', " ")
}

struct Row {
    changed: bool,
    name: String,
    before: String,
    after: String,
    change: String,
}

/// A figure's row; `only` is `"added"` or `"removed"` for a segment on one
/// side only, which has no figure at all on the other.
fn row(figure: &Figure, currency: Option<&str>, only: Option<&str>) -> Row {
    let side = |value: &Value, never: bool, absent: bool| {
        if absent {
            "—".to_string()
        } else {
            figure_value(figure, value, never)
        }
    };
    Row {
        changed: figure.changed(),
        name: figure_name(figure),
        before: side(&figure.before, figure.before_never, only == Some("added")),
        after: side(&figure.after, figure.after_never, only == Some("removed")),
        change: figure_change(figure, currency),
    }
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// Diagnostics counted by severity: `1 warning, 2 errors`.
fn counted(items: &[DiagnosticSummary]) -> Vec<String> {
    let mut parts = Vec::new();
    for (severity, one, many) in [
        (Severity::Error, "error", "errors"),
        (Severity::Warning, "warning", "warnings"),
        (Severity::Advice, "advice", "advice"),
    ] {
        let count = items.iter().filter(|item| item.severity == severity).count();
        if count > 0 {
            parts.push(plural(count, one, many));
        }
    }
    parts
}

/// The one-paragraph summary: `2 blocks added, 1 renamed; margin −1,200.00
/// EUR a month; 1 new warning.`
pub fn summary(diff: &ModelDiff) -> String {
    if diff.is_empty() && diff.introduced.is_empty() && diff.resolved.is_empty() {
        return "No change to the model.".to_string();
    }
    let mut parts = Vec::new();
    let mut blocks = Vec::new();
    for (change, word) in [
        (ChangeKind::Added, "added"),
        (ChangeKind::Removed, "removed"),
        (ChangeKind::Renamed, "renamed"),
        (ChangeKind::Changed, "changed"),
    ] {
        let count = diff.count(change);
        if count > 0 {
            let noun = if blocks.is_empty() {
                format!("{} ", if count == 1 { "block" } else { "blocks" })
            } else {
                String::new()
            };
            blocks.push(format!("{count} {noun}{word}"));
        }
    }
    if blocks.is_empty() {
        parts.push("no block changed".to_string());
    } else {
        parts.push(blocks.join(", "));
    }
    let currency = diff.economics.currency.as_deref();
    for (name, words) in [("monthly_margin", "margin"), ("break_even_scale", "break-even scale")] {
        if let Some(figure) = diff.economics.canvas_figure(name).filter(|figure| figure.changed()) {
            let change = figure_change(figure, currency);
            let text = if change.is_empty() {
                format!(
                    "{words} {} → {}",
                    figure_value(figure, &figure.before, figure.before_never),
                    figure_value(figure, &figure.after, figure.after_never)
                )
            } else if figure.unit == Unit::Money {
                format!("{words} {change} a month")
            } else {
                format!("{words} {change}")
            };
            parts.push(text);
        }
    }
    let mut diagnostics: Vec<String> = counted(&diff.introduced)
        .into_iter()
        .map(|part| {
            let (count, noun) = part.split_once(' ').unwrap_or((&part, ""));
            format!("{count} new {noun}")
        })
        .collect();
    diagnostics.extend(
        counted(&diff.resolved)
            .into_iter()
            .map(|part| format!("{part} resolved")),
    );
    if !diagnostics.is_empty() {
        parts.push(diagnostics.join(", "));
    }
    format!("{}.", parts.join("; "))
}

/// Plain or coloured text for a terminal.
pub fn text(diff: &ModelDiff, old_name: &str, new_name: &str, color: bool) -> String {
    let paint = |code: &str, text: &str| {
        if color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    };
    let mut out = format!(
        "{}\n{}\n",
        paint(
            "1",
            &format!(
                "canvas diff {} → {}",
                escape_control(old_name),
                escape_control(new_name)
            )
        ),
        escape_control(&summary(diff))
    );
    if diff.is_empty() && diff.introduced.is_empty() && diff.resolved.is_empty() {
        return out;
    }
    for block in &diff.blocks {
        let colour = match block.change {
            ChangeKind::Added => "32",
            ChangeKind::Removed => "31",
            ChangeKind::Changed | ChangeKind::Renamed => "33",
        };
        let title = format!("{} {}", sign(block.change), title_line(block));
        out.push_str(&format!("\n{}\n", paint(colour, &escape_control(&title))));
        for line in detail_lines(block) {
            out.push_str(&format!("    {}\n", escape_control(&line)));
        }
    }
    let diagnostics = |out: &mut String, title: &str, items: &[DiagnosticSummary], mark: &str, colour: &str| {
        if items.is_empty() {
            return;
        }
        out.push_str(&format!("\n{}\n", paint("1", title)));
        for item in items {
            let line = format!(
                "{mark} {}: {}[{}]: {}",
                item.place(),
                item.severity,
                item.code,
                item.message
            );
            out.push_str(&format!("    {}\n", paint(colour, &escape_control(&line))));
        }
    };
    diagnostics(&mut out, "introduced", &diff.introduced, "+", "31");
    diagnostics(&mut out, "resolved", &diff.resolved, "-", "32");
    let currency = diff.economics.currency.as_deref();
    let title = match currency {
        Some(currency) => format!("economics ({})", escape_control(currency)),
        None => "economics".to_string(),
    };
    out.push_str(&format!("\n{}\n", paint("1", &title)));
    let rows = |out: &mut String, figures: &[Figure], indent: &str, only: Option<&str>| {
        let rows: Vec<Row> = figures.iter().map(|figure| row(figure, currency, only)).collect();
        let name_width = rows.iter().map(|row| row.name.chars().count()).max().unwrap_or(0);
        let before_width = rows.iter().map(|row| row.before.chars().count()).max().unwrap_or(0);
        for row in rows {
            let marker = if row.changed { "*" } else { " " };
            let mut line = format!(
                "{indent}{marker} {:<name_width$}  {:>before_width$} → {}",
                row.name, row.before, row.after
            );
            if !row.change.is_empty() {
                line.push_str(&format!("  ({})", row.change));
            }
            out.push_str(&escape_control(&line));
            out.push('\n');
        }
    };
    rows(&mut out, &diff.economics.canvas, "  ", None);
    for segment in &diff.economics.segments {
        out.push_str(&format!("  {}\n", escape_control(&segment_title(segment))));
        rows(&mut out, &segment.figures, "    ", segment.only);
    }
    out
}

fn segment_title(segment: &SegmentFigures) -> String {
    let mut title = format!("segment {}", segment.segment);
    if let Some(from) = &segment.renamed_from {
        title.push_str(&format!(" (renamed from {from})"));
    }
    if let Some(only) = segment.only {
        title.push_str(&format!(" ({only})"));
    }
    title
}

/// An identifier or title as Markdown inline code when it is plain
/// identifier characters (safe in backticks), else escaped text.
fn code(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' ' | ':' | '.' | '/' | '~' | '^'));
    if plain {
        format!("`{text}`")
    } else {
        md(text)
    }
}

/// Markdown for a pull-request comment: the summary first, then the detail
/// in collapsible sections.
pub fn markdown(diff: &ModelDiff, old_name: &str, new_name: &str) -> String {
    let mut out = format!(
        "### Business model changes: {} → {}\n\n{}\n",
        code(old_name),
        code(new_name),
        md(&summary(diff))
    );
    if diff.is_empty() && diff.introduced.is_empty() && diff.resolved.is_empty() {
        return out;
    }
    if !diff.blocks.is_empty() {
        out.push_str(&format!(
            "\n<details><summary>Blocks ({})</summary>\n\n",
            diff.blocks.len()
        ));
        for block in diff.blocks.iter().take(MAX_MD_BLOCKS) {
            let verb = match block.change {
                ChangeKind::Added => "added",
                ChangeKind::Removed => "removed",
                ChangeKind::Changed => "changed",
                ChangeKind::Renamed => "renamed",
            };
            out.push_str(&format!(
                "- {verb} **{}**{}\n",
                md(&block_name(block)),
                md(&rename_note(block))
            ));
            for line in detail_lines(block) {
                out.push_str(&format!("  - {}\n", md(&line)));
            }
        }
        if diff.blocks.len() > MAX_MD_BLOCKS {
            out.push_str(&format!(
                "\n… and {} more blocks; `canvasc diff --format json` lists them all.\n",
                diff.blocks.len() - MAX_MD_BLOCKS
            ));
        }
        out.push_str("\n</details>\n");
    }
    if !diff.introduced.is_empty() || !diff.resolved.is_empty() {
        out.push_str(&format!(
            "\n<details><summary>Diagnostics ({} introduced, {} resolved)</summary>\n\n",
            diff.introduced.len(),
            diff.resolved.len()
        ));
        out.push_str("| | place | diagnostic | message |\n| --- | --- | --- | --- |\n");
        for (mark, items) in [("introduced", &diff.introduced), ("resolved", &diff.resolved)] {
            for item in items.iter() {
                out.push_str(&format!(
                    "| {mark} | {} | {} `{}` | {} |\n",
                    md(&item.place()),
                    item.severity,
                    item.code,
                    md(&item.message)
                ));
            }
        }
        out.push_str("\n</details>\n");
    }
    let currency = diff.economics.currency.as_deref();
    let changed = diff.economics.canvas.iter().filter(|figure| figure.changed()).count();
    out.push_str(&format!(
        "\n<details><summary>Economics ({} of {} canvas figures changed, {})</summary>\n\n",
        changed,
        diff.economics.canvas.len(),
        plural(diff.economics.segments.len(), "segment", "segments")
    ));
    let table = |out: &mut String, figures: &[Figure], first: Option<&str>, only: Option<&str>| {
        for figure in figures {
            let row = row(figure, currency, only);
            let lead = first.map_or(String::new(), |segment| format!("{segment} | "));
            out.push_str(&format!(
                "| {lead}{} | {} | {} | {} |\n",
                md(&row.name),
                md(&row.before),
                md(&row.after),
                if row.change.is_empty() {
                    "—".to_string()
                } else {
                    md(&row.change)
                }
            ));
        }
    };
    if let Some(currency) = currency {
        out.push_str(&format!("Amounts in {}.\n\n", md(currency)));
    }
    out.push_str("| canvas | before | after | change |\n| --- | ---: | ---: | ---: |\n");
    table(&mut out, &diff.economics.canvas, None, None);
    if !diff.economics.segments.is_empty() {
        out.push_str("\n| segment | figure | before | after | change |\n| --- | --- | ---: | ---: | ---: |\n");
        for segment in diff.economics.segments.iter().take(MAX_MD_SEGMENTS) {
            table(
                &mut out,
                &segment.figures,
                Some(&md(&segment_title(segment))),
                segment.only,
            );
        }
        if diff.economics.segments.len() > MAX_MD_SEGMENTS {
            out.push_str(&format!(
                "\n… and {} more segments; `canvasc diff --format json` lists them all.\n",
                diff.economics.segments.len() - MAX_MD_SEGMENTS
            ));
        }
    }
    out.push_str("\n</details>\n");
    out
}

fn figure_json(figure: &Figure) -> Value {
    let mut object = Map::new();
    object.insert("before".into(), figure.before.clone());
    object.insert("after".into(), figure.after.clone());
    object.insert("change".into(), json!(figure.change));
    if figure.before_never {
        object.insert("before_never".into(), json!(true));
    }
    if figure.after_never {
        object.insert("after_never".into(), json!(true));
    }
    Value::Object(object)
}

fn figures_json(figures: &[Figure]) -> Map<String, Value> {
    figures
        .iter()
        .map(|figure| (figure.name.clone(), figure_json(figure)))
        .collect()
}

/// The JSON document for bots.
pub fn json(diff: &ModelDiff, old_name: &str, new_name: &str) -> String {
    let mut economics = Map::new();
    economics.insert("currency".into(), json!(diff.economics.currency));
    economics.extend(figures_json(&diff.economics.canvas));
    let segments: Vec<Value> = diff
        .economics
        .segments
        .iter()
        .map(|segment| {
            let mut object = Map::new();
            object.insert("segment".into(), json!(segment.segment));
            if let Some(from) = &segment.renamed_from {
                object.insert("renamed_from".into(), json!(from));
            }
            if let Some(only) = segment.only {
                object.insert("only".into(), json!(only));
            }
            object.insert("figures".into(), Value::Object(figures_json(&segment.figures)));
            Value::Object(object)
        })
        .collect();
    economics.insert("segments".into(), Value::Array(segments));
    let document = json!({
        "schema_version": SCHEMA_VERSION,
        "old": old_name,
        "new": new_name,
        "changed": !diff.is_empty(),
        "summary": summary(diff),
        "blocks": diff.blocks,
        "diagnostics": { "introduced": diff.introduced, "resolved": diff.resolved },
        "economics": economics,
    });
    serde_json::to_string_pretty(&document).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::model::Model;

    #[test]
    fn never_and_signed_changes_read_as_people_say_them() {
        let old = json!({ "economics": {
            "monthly_margin": "1200.00",
            "break_even_scale": "0.35",
            "break_even_never": false,
            "segments": [{ "segment": "a", "payback_months": "14.00", "payback_never": false, "churn_per_month": "4.00" }],
        }});
        let new = json!({ "economics": {
            "monthly_margin": "0.00",
            "break_even_scale": null,
            "break_even_never": true,
            "segments": [{ "segment": "a", "payback_months": null, "payback_never": true, "churn_per_month": "5.00" }],
        }});
        let model = Model::default();
        let price = BlockChange {
            kind: super::super::DiffKind::Block(crate::model::BlockKind::Revenue),
            id: "sales".to_string(),
            label: None,
            segments: None,
            change: ChangeKind::Changed,
            renamed_from: None,
            similarity: None,
            fields: Vec::new(),
            content: Vec::new(),
        };
        let diff = ModelDiff {
            blocks: vec![price],
            economics: super::super::economics::change(
                super::super::economics::Side::of_document(&model, &old),
                super::super::economics::Side::of_document(&model, &new),
                &HashMap::new(),
            ),
            ..ModelDiff::default()
        };
        let shown = text(&diff, "a", "b", false);
        assert!(
            shown.contains("* monthly margin    1,200.00 → 0.00  (−1,200.00)"),
            "{shown}"
        );
        assert!(shown.contains("* break even scale      0.35 → never"), "{shown}");
        assert!(shown.contains("* payback months   14.00 → never"), "{shown}");
        assert!(
            shown.contains("* churn per month  4.00% → 5.00%  (+1.00 points)"),
            "{shown}"
        );
        let summary = summary(&diff);
        assert_eq!(
            summary,
            "1 block changed; margin −1,200.00 a month; break-even scale 0.35 → never."
        );
    }
}
