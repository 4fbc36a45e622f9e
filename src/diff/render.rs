//! The three forms of a diff: text for terminals, Markdown for pull
//! requests, JSON for bots (schema in `docs/json.md`).

use serde_json::{json, Value};

use super::{BlockChange, ChangeKind, DiagnosticSummary, FieldChange, ModelDiff};
use crate::model::derive::format_money_grouped;
use crate::output::SCHEMA_VERSION;
use crate::render::escape_control;

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
        Value::Object(object) if object.contains_key("key") => {
            let key = object.get("key").and_then(Value::as_str).unwrap_or_default();
            let value = object.get("value").and_then(Value::as_str).unwrap_or_default();
            format!("{key} {value:?}")
        }
        other => other.to_string(),
    }
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

fn block_title(block: &BlockChange) -> String {
    let mut title = format!("{} {}", block.kind, block.id);
    if let Some(segments) = &block.segments {
        title.push_str(&format!(" (for {})", segments.join(", ")));
    }
    if block.kind == "canvas" {
        title = "canvas header".to_string();
    }
    title
}

fn sign(change: ChangeKind) -> &'static str {
    match change {
        ChangeKind::Added => "+",
        ChangeKind::Removed => "-",
        ChangeKind::Changed => "~",
        ChangeKind::Renamed => ">",
    }
}

fn money(value: &Value) -> String {
    let Some(amount) = value.as_str() else {
        return "unknown".to_string();
    };
    let (sign, digits) = amount.strip_prefix('-').map_or(("", amount), |digits| ("-", digits));
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return amount.to_string();
    }
    format!(
        "{sign}{}",
        format_money_grouped(&crate::model::build::number_value(digits))
    )
}

fn economics_rows(diff: &ModelDiff) -> Vec<(&'static str, String, String)> {
    let economics = &diff.economics;
    [
        ("revenue", &economics.revenue),
        ("cost", &economics.cost),
        ("margin", &economics.margin),
    ]
    .into_iter()
    .map(|(name, (before, after))| (name, money(before), money(after)))
    .collect()
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
        "{}\n",
        paint(
            "1",
            &format!(
                "canvas diff {} → {}",
                escape_control(old_name),
                escape_control(new_name)
            )
        )
    );
    if diff.is_empty() {
        out.push_str("no change to the model\n");
        return out;
    }
    for block in &diff.blocks {
        let colour = match block.change {
            ChangeKind::Added => "32",
            ChangeKind::Removed => "31",
            ChangeKind::Changed | ChangeKind::Renamed => "33",
        };
        let mut title = format!("{} {}", sign(block.change), block_title(block));
        if let Some(from) = &block.renamed_from {
            title.push_str(&format!(" (renamed from {from})"));
        }
        out.push_str(&format!("\n{}\n", paint(colour, &escape_control(&title))));
        for field in &block.fields {
            for line in field_lines(field) {
                out.push_str(&format!("    {}\n", escape_control(&line)));
            }
        }
    }
    let diagnostics = |out: &mut String, title: &str, items: &[DiagnosticSummary], mark: &str, colour: &str| {
        if items.is_empty() {
            return;
        }
        out.push_str(&format!("\n{}\n", paint("1", title)));
        for item in items {
            let line = format!("{mark} {}[{}]: {}", item.severity, item.code, item.message);
            out.push_str(&format!("    {}\n", paint(colour, &escape_control(&line))));
        }
    };
    diagnostics(&mut out, "introduced", &diff.introduced, "+", "31");
    diagnostics(&mut out, "resolved", &diff.resolved, "-", "32");
    let currency = diff.economics.currency.clone().unwrap_or_default();
    out.push_str(&format!(
        "\n{}\n",
        paint("1", &format!("economics ({currency} per month)").replace(" ()", ""))
    ));
    for (name, before, after) in economics_rows(diff) {
        let marker = if before == after { " " } else { "*" };
        out.push_str(&format!("  {marker} {name:<8} {before:>18} → {after}\n"));
    }
    out
}

/// Escapes text for a Markdown table cell or list item.
fn md(text: &str) -> String {
    escape_control(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace('`', "\\`")
        .replace('*', "\\*")
        .replace('_', "\\_")
}

/// Markdown for a pull-request comment.
pub fn markdown(diff: &ModelDiff, old_name: &str, new_name: &str) -> String {
    let mut out = format!(
        "### Business model changes: `{}` → `{}`\n\n",
        md(old_name),
        md(new_name)
    );
    if diff.is_empty() {
        out.push_str("No change to the model.\n");
        return out;
    }
    for block in &diff.blocks {
        let verb = match block.change {
            ChangeKind::Added => "added".to_string(),
            ChangeKind::Removed => "removed".to_string(),
            ChangeKind::Changed => "changed".to_string(),
            ChangeKind::Renamed => format!("renamed from {}", md(block.renamed_from.as_deref().unwrap_or(""))),
        };
        out.push_str(&format!("- **{}** {verb}\n", md(&block_title(block))));
        for field in &block.fields {
            for line in field_lines(field) {
                out.push_str(&format!("  - {}\n", md(&line)));
            }
        }
    }
    if !diff.introduced.is_empty() || !diff.resolved.is_empty() {
        out.push_str("\n| | diagnostic | message |\n|---|---|---|\n");
        for (mark, items) in [("introduced", &diff.introduced), ("resolved", &diff.resolved)] {
            for item in items.iter() {
                out.push_str(&format!(
                    "| {mark} | {} `{}` | {} |\n",
                    item.severity,
                    item.code,
                    md(&item.message)
                ));
            }
        }
    }
    let currency = diff.economics.currency.clone().unwrap_or_default();
    out.push_str(&format!(
        "\n| per month ({}) | before | after |\n|---|---:|---:|\n",
        md(&currency)
    ));
    for (name, before, after) in economics_rows(diff) {
        out.push_str(&format!("| {name} | {before} | {after} |\n"));
    }
    out
}

/// The JSON document for bots.
pub fn json(diff: &ModelDiff, old_name: &str, new_name: &str) -> String {
    let document = json!({
        "schema_version": SCHEMA_VERSION,
        "old": old_name,
        "new": new_name,
        "changed": !diff.is_empty(),
        "blocks": diff.blocks,
        "diagnostics": { "introduced": diff.introduced, "resolved": diff.resolved },
        "economics": {
            "currency": diff.economics.currency,
            "monthly_revenue": { "before": diff.economics.revenue.0, "after": diff.economics.revenue.1 },
            "monthly_cost": { "before": diff.economics.cost.0, "after": diff.economics.cost.1 },
            "monthly_margin": { "before": diff.economics.margin.0, "after": diff.economics.margin.1 },
        },
    });
    serde_json::to_string_pretty(&document).unwrap_or_default() + "\n"
}
