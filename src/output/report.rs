//! The `check --format json` document (§5).

use serde::Serialize;

use super::SCHEMA_VERSION;
use crate::lines::LineIndex;
use crate::{Checked, Diagnostic, Severity};

#[derive(Serialize)]
pub struct CheckReport {
    pub schema_version: u32,
    pub files: Vec<FileReport>,
    pub summary: Summary,
}

#[derive(Serialize)]
pub struct FileReport {
    pub path: String,
    /// Why the file could not be read; it then has no diagnostics but a
    /// `too-large` one when it was refused for its size.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    pub diagnostics: Vec<DiagnosticReport>,
}

#[derive(Serialize)]
pub struct DiagnosticReport {
    pub code: &'static str,
    pub severity: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    pub labels: Vec<LabelReport>,
    /// A machine-applicable fix: replace `length` bytes at `offset`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<FixReport>,
}

#[derive(Serialize)]
pub struct FixReport {
    pub offset: usize,
    pub length: usize,
    pub replacement: String,
}

#[derive(Serialize)]
pub struct LabelReport {
    pub message: String,
    pub offset: usize,
    pub length: usize,
    pub line: usize,
    pub column: usize,
}

#[derive(Serialize, Default)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub advice: usize,
}

impl FileReport {
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

    pub fn of(checked: &Checked) -> Self {
        FileReport::new(&checked.name, &checked.source, &checked.diagnostics)
    }
}

impl CheckReport {
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
