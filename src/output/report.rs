//! The `check --format json` document (§5).

use serde::Serialize;

use super::SCHEMA_VERSION;
use crate::lines::LineIndex;
use crate::{Checked, Diagnostic, Severity};

/// The `check --format json` document.
#[derive(Serialize)]
pub struct CheckReport {
    /// The version of this document's shape.
    pub schema_version: u32,
    /// Each input, in the order given.
    pub files: Vec<FileReport>,
    /// The counts over every file.
    pub summary: Summary,
}

/// One input of a check.
#[derive(Serialize)]
pub struct FileReport {
    /// The path as the user named it (`-` for standard input).
    pub path: String,
    /// Why the file could not be read; it then has no diagnostics but a
    /// `too-large` one when it was refused for its size.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Its diagnostics, in source order.
    pub diagnostics: Vec<DiagnosticReport>,
}

/// One diagnostic.
#[derive(Serialize)]
pub struct DiagnosticReport {
    /// The rule code.
    pub code: &'static str,
    /// `error`, `warning` or `advice`.
    pub severity: &'static str,
    /// What is wrong.
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// How to put it right, when there is something to say.
    pub help: Option<String>,
    /// Where: the primary label first.
    pub labels: Vec<LabelReport>,
    /// A machine-applicable fix: replace `length` bytes at `offset`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<FixReport>,
}

/// The one likely fix of a diagnostic.
#[derive(Serialize)]
pub struct FixReport {
    /// Where the replaced text starts, in bytes.
    pub offset: usize,
    /// How many bytes it replaces.
    pub length: usize,
    /// What it writes there.
    pub replacement: String,
}

/// A label.
#[derive(Serialize)]
pub struct LabelReport {
    /// What it says.
    pub message: String,
    /// Where it starts, in bytes.
    pub offset: usize,
    /// How many bytes it covers.
    pub length: usize,
    /// Its line, from 1.
    pub line: usize,
    /// Its column, in code points from 1.
    pub column: usize,
}

/// Counts over every file.
#[derive(Serialize, Default)]
pub struct Summary {
    /// How many files.
    pub files: usize,
    /// How many errors.
    pub errors: usize,
    /// How many warnings.
    pub warnings: usize,
    /// How many pieces of advice.
    pub advice: usize,
}

impl FileReport {
    /// The report of `diagnostics` on `source` of the file `path`.
    pub fn new(path: &str, source: &str, diagnostics: &[Diagnostic]) -> Self {
        let lines = LineIndex::new(source);
        FileReport {
            path: path.to_string(),
            error: None,
            diagnostics: diagnostics
                .iter()
                .map(|diagnostic| DiagnosticReport {
                    code: diagnostic.code.as_str(),
                    severity: diagnostic.severity.as_str(),
                    message: diagnostic.message.clone(),
                    help: diagnostic.help.clone(),
                    labels: diagnostic
                        .labels
                        .iter()
                        .map(|label| {
                            let offset = label.span.start().min(source.len());
                            let position = lines.position(source, offset);
                            LabelReport {
                                message: label.message.clone(),
                                offset,
                                length: label.span.end().min(source.len()).saturating_sub(offset),
                                line: position.line,
                                column: position.column,
                            }
                        })
                        .collect(),
                    fix: diagnostic.fix.as_ref().map(|fix| FixReport {
                        offset: fix.span.start(),
                        length: fix.span.len(),
                        replacement: fix.replacement.clone(),
                    }),
                })
                .collect(),
        }
    }

    /// A file that could not be read; one refused for its size also has its
    /// `too-large` diagnostic (about the whole file).
    pub fn unreadable(path: &str, problem: &str, diagnostic: Option<&Diagnostic>) -> Self {
        FileReport {
            error: Some(problem.to_string()),
            ..FileReport::new(path, "", diagnostic.map_or(&[], std::slice::from_ref))
        }
    }

    /// The report of one check.
    pub fn of(checked: &Checked) -> Self {
        FileReport::new(&checked.name, &checked.source, &checked.diagnostics)
    }
}

impl CheckReport {
    /// The document of these files.
    pub fn new(files: Vec<FileReport>) -> Self {
        let mut summary = Summary {
            files: files.len(),
            ..Summary::default()
        };
        for diagnostic in files.iter().flat_map(|file| file.diagnostics.iter()) {
            match diagnostic.severity {
                "error" => summary.errors += 1,
                "warning" => summary.warnings += 1,
                _ => summary.advice += 1,
            }
        }
        CheckReport {
            schema_version: SCHEMA_VERSION,
            files,
            summary,
        }
    }

    /// The document as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".to_string())
    }
}

/// Counts by severity.
pub fn count(diagnostics: &[Diagnostic], severity: Severity) -> usize {
    diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.severity == severity)
        .count()
}
