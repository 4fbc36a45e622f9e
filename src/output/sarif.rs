//! `check --format sarif`: the diagnostics as one SARIF 2.1.0 log, for code
//! scanning services (GitHub's `upload-sarif`) and the tools that read SARIF.
//!
//! Invariants:
//!
//! - One run, whose driver is canvasc; its `rules` describe every code the
//!   results use, in the order of [`Code::ALL`], and each result's `ruleIndex`
//!   points at its rule.
//! - A result's `level` is its severity as reported (a denied warning is an
//!   `error`); advice is `note`. A rule's `defaultConfiguration.level` is its
//!   code's own severity.
//! - Regions count lines from 1 and columns in Unicode code points from 1
//!   (`columnKind` says so), the end column just past the last character, as
//!   SARIF defines it; `byteOffset` and `byteLength` give the same span in
//!   bytes of the file as read. A diagnostic about the whole file has a
//!   location without a region.
//! - Secondary labels are `relatedLocations`; a diagnostic's certain fix is
//!   its one `fixes` entry.
//! - Files that could not be read are tool execution notifications, and make
//!   the invocation unsuccessful; a file refused for its size is also a
//!   `too-large` result without a region.
//! - SARIF is a standard with its own `version`; it carries no canvasc
//!   `schema_version`.

use serde_json::{json, Map, Value};

use super::FileOutcome;
use crate::code::{Code, Severity};
use crate::diagnostic::Diagnostic;
use crate::lines::LineIndex;
use crate::span::Span;

/// The SARIF version written.
pub const SARIF_VERSION: &str = "2.1.0";

/// Where SARIF's schema lives, for editors that validate the document.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The SARIF log of one `check` run.
pub fn sarif(files: &[FileOutcome<'_>]) -> Value {
    let mut used: Vec<Code> = files
        .iter()
        .flat_map(|file| file.diagnostics().iter().map(|diagnostic| diagnostic.code))
        .collect();
    used.sort_by_key(|code| Code::ALL.iter().position(|known| known == code));
    used.dedup();

    let results: Vec<Value> = files
        .iter()
        .map(|file| match file {
            FileOutcome::Checked(checked) => (checked.name.as_str(), checked.source.as_str(), file),
            // Only a file refused for its size has a diagnostic, about the whole file.
            FileOutcome::Unreadable { path, .. } => (*path, "", file),
        })
        .flat_map(|(path, source, file)| {
            let lines = LineIndex::new(source);
            let used = &used;
            file.diagnostics()
                .iter()
                .map(move |diagnostic| result(path, source, &lines, diagnostic, used))
                .collect::<Vec<_>>()
        })
        .collect();

    let notifications: Vec<Value> = files
        .iter()
        .filter_map(|file| match file {
            FileOutcome::Unreadable { path, problem, .. } => Some(json!({
                "level": "error",
                "message": { "text": problem },
                "locations": [{ "physicalLocation": { "artifactLocation": artifact_location(path) } }],
            })),
            FileOutcome::Checked(_) => None,
        })
        .collect();

    json!({
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {
                "driver": {
                    "name": "canvasc",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": used.iter().map(|code| rule(*code)).collect::<Vec<_>>(),
                }
            },
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

/// The SARIF log as text, pretty-printed, with a final line break.
pub fn to_string(files: &[FileOutcome<'_>]) -> String {
    serde_json::to_string_pretty(&sarif(files)).unwrap_or_else(|_| "{}".to_string()) + "\n"
}

/// SARIF's name for a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Advice => "note",
    }
}

fn rule(code: Code) -> Value {
    let explanation = code.explanation();
    json!({
        "id": code.as_str(),
        "name": friendly_name(code),
        "shortDescription": { "text": code.summary() },
        "fullDescription": { "text": unwrap_lines(code.section("What it checks").unwrap_or(explanation)) },
        "help": { "text": explanation, "markdown": explanation },
        "defaultConfiguration": { "level": level(code.severity()) },
    })
}

/// SARIF's "friendly name" of a rule: `unknown-reference` → `UnknownReference`.
fn friendly_name(code: Code) -> String {
    code.as_str()
        .split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// Markdown wrapped at 80 columns as plain text: the lines of a paragraph
/// joined, list items and fenced code kept on lines of their own, so a
/// viewer can wrap the text to its own width.
fn unwrap_lines(markdown: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut fenced = false;
    // Whether the last line is prose that a next prose line continues.
    let mut joinable = false;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            fenced = !fenced;
            lines.push(line.to_string());
            joinable = false;
        } else if fenced || trimmed.is_empty() {
            lines.push(line.to_string());
            joinable = false;
        } else if joinable && !trimmed.starts_with("- ") {
            if let Some(last) = lines.last_mut() {
                last.push(' ');
                last.push_str(trimmed);
            }
        } else {
            lines.push(line.to_string());
            joinable = true;
        }
    }
    lines.join("\n").trim().to_string()
}

fn result(path: &str, source: &str, lines: &LineIndex, diagnostic: &Diagnostic, used: &[Code]) -> Value {
    let mut result = Map::new();
    result.insert("ruleId".into(), json!(diagnostic.code.as_str()));
    if let Some(index) = used.iter().position(|code| *code == diagnostic.code) {
        result.insert("ruleIndex".into(), json!(index));
    }
    result.insert("level".into(), json!(level(diagnostic.severity)));
    result.insert("message".into(), json!({ "text": message_text(diagnostic) }));
    let primary = match diagnostic.labels.first() {
        Some(label) => json!({
            "physicalLocation": physical_location(path, source, lines, label.span),
            "message": { "text": label.message },
        }),
        None => json!({ "physicalLocation": { "artifactLocation": artifact_location(path) } }),
    };
    result.insert("locations".into(), json!([primary]));
    let related: Vec<Value> = diagnostic
        .labels
        .iter()
        .skip(1)
        .enumerate()
        .map(|(index, label)| {
            json!({
                "id": index + 1,
                "physicalLocation": physical_location(path, source, lines, label.span),
                "message": { "text": label.message },
            })
        })
        .collect();
    if !related.is_empty() {
        result.insert("relatedLocations".into(), json!(related));
    }
    if let Some(fix) = &diagnostic.fix {
        let description = diagnostic
            .help
            .clone()
            .unwrap_or_else(|| format!("replace with `{}`", fix.replacement));
        result.insert(
            "fixes".into(),
            json!([{
                "description": { "text": description },
                "artifactChanges": [{
                    "artifactLocation": artifact_location(path),
                    "replacements": [{
                        "deletedRegion": region(source, lines, fix.span),
                        "insertedContent": { "text": fix.replacement },
                    }],
                }],
            }]),
        );
    }
    Value::Object(result)
}

/// The message, with the help line after it when there is one.
pub fn message_text(diagnostic: &Diagnostic) -> String {
    match &diagnostic.help {
        Some(help) => format!("{}\nhelp: {help}", diagnostic.message),
        None => diagnostic.message.clone(),
    }
}

fn physical_location(path: &str, source: &str, lines: &LineIndex, span: Span) -> Value {
    json!({
        "artifactLocation": artifact_location(path),
        "region": region(source, lines, span),
    })
}

fn region(source: &str, lines: &LineIndex, span: Span) -> Value {
    let start = span.start().min(source.len());
    let end = span.end().min(source.len()).max(start);
    let from = lines.position(source, start);
    let to = lines.position(source, end);
    json!({
        "startLine": from.line,
        "startColumn": from.column,
        "endLine": to.line,
        "endColumn": to.column,
        "byteOffset": start,
        "byteLength": end - start,
    })
}

fn artifact_location(path: &str) -> Value {
    let uri = uri_of(path);
    if is_relative(path) {
        json!({ "uri": uri, "uriBaseId": "%SRCROOT%" })
    } else {
        json!({ "uri": uri })
    }
}

fn is_relative(path: &str) -> bool {
    !(path.starts_with('/') || path.starts_with('\\') || path.get(1..3).is_some_and(|drive| drive == ":\\"))
}

/// A path as a URI reference: `/` separators, a leading `./` dropped, and
/// every byte outside the unreserved characters and `/` percent-encoded; an
/// absolute path becomes a `file://` URI.
pub fn uri_of(path: &str) -> String {
    let mut path = path.replace('\\', "/");
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.to_string();
    }
    let windows_drive = path.get(1..3).is_some_and(|drive| drive == ":/");
    let encoded: String = path
        .bytes()
        .enumerate()
        .map(|(index, byte)| {
            let keep = byte.is_ascii_alphanumeric()
                || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/')
                || (windows_drive && index == 1);
            if keep {
                char::from(byte).to_string()
            } else {
                format!("%{byte:02X}")
            }
        })
        .collect();
    if encoded.starts_with('/') {
        format!("file://{encoded}")
    } else if windows_drive {
        format!("file:///{encoded}")
    } else {
        encoded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_have_friendly_names_and_unwrapped_descriptions() {
        assert_eq!(friendly_name(Code::UnknownReference), "UnknownReference");
        assert_eq!(friendly_name(Code::Syntax), "Syntax");
        assert_eq!(
            unwrap_lines("One\ntwo.\n\n- a\n  b\n- c\n\n```canvas\nx {\n}\n```\nEnd\nhere."),
            "One two.\n\n- a b\n- c\n\n```canvas\nx {\n}\n```\nEnd here."
        );
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri_of("plans/shop.canvas"), "plans/shop.canvas");
        assert_eq!(uri_of("./plans/my shop.canvas"), "plans/my%20shop.canvas");
        assert_eq!(uri_of("/home/me/a:b.canvas"), "file:///home/me/a%3Ab.canvas");
        assert_eq!(uri_of("C:\\plans\\shop.canvas"), "file:///C:/plans/shop.canvas");
        assert_eq!(uri_of("jóvenes.canvas"), "j%C3%B3venes.canvas");
    }
}
