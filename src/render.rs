//! Human output: diagnostics as miette reports.
//!
//! Invariants:
//! - only this module knows about miette; diagnostics stay plain data;
//! - no raw control character, escape sequence or bidi override from a
//!   user's file reaches the terminal: the source and every message are
//!   shown with visible placeholders, keeping byte offsets intact;
//! - rendering a diagnostic costs time in proportion to the lines it shows,
//!   not to the size of the file (a [`LineIndex`] finds the lines);
//! - labels are clamped to the source, and a label at the very end of the
//!   file is moved onto its last character so it stays visible.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};

use crate::code::Severity;
use crate::diagnostic::Diagnostic;
pub use crate::hazards::{escape_control, is_hazard};
use crate::lines::{floor_char_boundary, LineIndex};

/// How to render.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// Whether to use ANSI colours.
    pub color: bool,
    /// The width to wrap at, in columns.
    pub width: usize,
}

impl Style {
    /// No colour, 80 columns: stable output for snapshots and pipes.
    pub fn plain() -> Self {
        Style {
            color: false,
            width: 80,
        }
    }
}

/// A source prepared for showing: sanitised text and its line index.
pub struct ShownSource {
    name: String,
    text: String,
    lines: LineIndex,
    /// Bytes dropped from the start (a byte-order mark), to shift spans by.
    shift: usize,
}

impl ShownSource {
    /// The source `text` of file `name`, ready to render.
    pub fn new(name: &str, text: &str) -> Self {
        let without_bom = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let shift = text.len() - without_bom.len();
        let text = sanitize_source(without_bom);
        let lines = LineIndex::new(&text);
        ShownSource {
            name: escape_control(name),
            text,
            lines,
            shift,
        }
    }

    /// Renders one diagnostic for people (§5 "Reports for people"): a first
    /// line `severity[code]: message`, the excerpt of the primary label,
    /// then an excerpt for each related label elsewhere, the help line, and
    /// a blank line that separates it from what follows.
    pub fn render(&self, diagnostic: &Diagnostic, style: Style) -> String {
        let message = escape_control(&diagnostic.message);
        let head = paint(
            style,
            severity_colour(diagnostic.severity),
            &format!("{}[{}]", diagnostic.severity, diagnostic.code),
        );
        if diagnostic.labels.is_empty() {
            let help = diagnostic
                .help
                .as_ref()
                .map(|help| wrap_help(&escape_control(help), style))
                .unwrap_or_default();
            return format!("{head}: {}: {message}\n{help}\n", self.name);
        }
        let mut out = format!("{head}{}\n", paint(style, "1", &format!(": {message}")));
        for group in self.label_groups(diagnostic) {
            out.push_str(&self.excerpt(diagnostic, &group, style));
        }
        if let Some(help) = &diagnostic.help {
            out.push_str(&wrap_help(&escape_control(help), style));
        }
        out.push('\n');
        out
    }

    /// The labels in the order they are shown: the primary label with the
    /// related labels on its own or a neighbouring line (one excerpt), then
    /// each other related label in source order, neighbours together.
    fn label_groups(&self, diagnostic: &Diagnostic) -> Vec<Vec<usize>> {
        let line = |index: usize| {
            let span = self.visible_span(diagnostic.labels[index].span);
            self.lines.line_of(span.offset())
        };
        let primary_line = line(0);
        let mut first = vec![0];
        let mut rest: Vec<usize> = Vec::new();
        for index in 1..diagnostic.labels.len() {
            if line(index).abs_diff(primary_line) <= 1 {
                first.push(index);
            } else {
                rest.push(index);
            }
        }
        rest.sort_by_key(|index| diagnostic.labels[*index].span.start());
        let mut groups = vec![first];
        for index in rest {
            let joins = groups.len() > 1
                && groups
                    .last()
                    .and_then(|group| group.last())
                    .is_some_and(|last| line(*last).abs_diff(line(index)) <= 1);
            match groups.last_mut() {
                Some(group) if joins => group.push(index),
                _ => groups.push(vec![index]),
            }
        }
        groups
    }

    /// One miette excerpt of the labels `group` (the first label of the
    /// diagnostic is the primary one), without miette's own header or help.
    fn excerpt(&self, diagnostic: &Diagnostic, group: &[usize], style: Style) -> String {
        let theme = if style.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(style.width)
            .with_links(false);
        let report = Report {
            diagnostic,
            source: self,
            labels: group
                .iter()
                .map(|&index| {
                    let label = &diagnostic.labels[index];
                    let span = self.visible_span(label.span);
                    let message = Some(escape_control(&label.message));
                    if index == 0 {
                        LabeledSpan::new_primary_with_span(message, span)
                    } else {
                        LabeledSpan::new_with_span(message, span)
                    }
                })
                .collect(),
        };
        let mut out = String::new();
        if handler.render_report(&mut out, &report).is_err() {
            return String::new();
        }
        // miette's header (code and message) comes before the first frame.
        let Some(frame) = out.find("\u{256D}\u{2500}[") else {
            return String::new();
        };
        let line_start = out[..frame].rfind('\n').map_or(0, |newline| newline + 1);
        let mut excerpt = out[line_start..].trim_end().to_string();
        excerpt.push('\n');
        excerpt
    }

    /// Clamps a span into the text and keeps an end-of-file label visible.
    fn visible_span(&self, span: crate::span::Span) -> SourceSpan {
        let len = self.text.len();
        let (span_start, span_end) = (
            span.start().saturating_sub(self.shift),
            span.end().saturating_sub(self.shift),
        );
        let mut start = floor_char_boundary(&self.text, span_start.min(len));
        let mut end = floor_char_boundary(&self.text, span_end.clamp(start, len));
        if start == len && len > 0 {
            // miette drops a label that starts at the end of the text; point
            // at the last visible character instead.
            let trimmed = self.text.trim_end_matches(['\n', '\r']);
            let last = trimmed.char_indices().last().map_or(0, |(index, _)| index);
            start = last;
            end = trimmed.len().max(last);
        }
        SourceSpan::new(start.into(), end - start)
    }
}

/// Renders every diagnostic of one source, in order.
pub fn render_all(name: &str, text: &str, diagnostics: &[Diagnostic], style: Style) -> String {
    let source = ShownSource::new(name, text);
    diagnostics
        .iter()
        .map(|diagnostic| source.render(diagnostic, style))
        .collect()
}

struct Report<'a> {
    diagnostic: &'a Diagnostic,
    source: &'a ShownSource,
    labels: Vec<LabeledSpan>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Report").field("code", &self.diagnostic.code).finish()
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The message is the report's first line, written by `render`.
        Ok(())
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Advice => miette::Severity::Advice,
        })
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        if self.labels.is_empty() {
            None
        } else {
            Some(self.source)
        }
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
}

impl SourceCode for ShownSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let start = span.offset();
        let end = start + span.len();
        if end > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        // Hand miette only the lines it will show, so it never scans the file.
        let first_line = self.lines.line_of(start).saturating_sub(context_lines_before);
        let last_line = (self.lines.line_of(end.saturating_sub(1).max(start)) + context_lines_after)
            .min(self.lines.line_count().saturating_sub(1));
        let window_start = self.lines.line_start(first_line);
        let window_end = self.lines.line_end(last_line);
        if window_end - window_start > LONG_WINDOW {
            // Without context miette wants the label's own position (for the
            // `file:line:column` header); with context, a slice around it.
            let margin = if context_lines_before == 0 { 0 } else { LONG_LINE_MARGIN };
            return Ok(self.long_line_excerpt(start, end, margin));
        }
        let window = &self.text[window_start..window_end];
        let relative = SourceSpan::new((start - window_start).into(), span.len());
        let contents = window.read_span(&relative, context_lines_before, context_lines_after)?;
        let data_start = window_start + contents.span().offset();
        // miette counts columns in bytes; the reference counts characters.
        let line = first_line + contents.line();
        let line_start = self.lines.line_start(line).min(data_start);
        let column = self.text[line_start..floor_char_boundary(&self.text, data_start)]
            .chars()
            .count();
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            contents.data(),
            SourceSpan::new(data_start.into(), contents.span().len()),
            line,
            column,
            contents.line_count(),
        )))
    }
}

/// Beyond this many bytes, an excerpt shows only part of the label's line.
const LONG_WINDOW: usize = 2048;

/// How much of a long line is shown on each side of a label.
const LONG_LINE_MARGIN: usize = 60;

impl ShownSource {
    /// An excerpt of one long line around `start..end`, so a label on a
    /// megabyte-long line prints a few dozen columns, not the megabyte.
    fn long_line_excerpt(&self, start: usize, end: usize, margin: usize) -> Box<dyn SpanContents<'_> + '_> {
        let line = self.lines.line_of(start);
        let line_start = self.lines.line_start(line);
        let line_end = self.lines.line_end(line);
        let content_end = line_start + self.text[line_start..line_end].trim_end_matches(['\n', '\r']).len();
        let from = floor_char_boundary(&self.text, start.saturating_sub(margin).max(line_start));
        let mut to = (end.max(start) + LONG_LINE_MARGIN)
            .min(content_end)
            .min(from + LONG_WINDOW);
        while to < self.text.len() && !self.text.is_char_boundary(to) {
            to += 1;
        }
        let column = self.text[line_start..from].chars().count();
        Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &self.text.as_bytes()[from..to],
            SourceSpan::new(from.into(), to - from),
            line,
            column,
            1,
        ))
    }
}

/// The ANSI colour of a severity word.
fn severity_colour(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Advice => "1;36",
    }
}

/// `text` in an ANSI style when colour is on.
fn paint(style: Style, ansi: &str, text: &str) -> String {
    if style.color {
        format!("\x1b[{ansi}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// `  help: ...`, wrapped at spaces only, so a name such as `self-service`
/// is never broken at its hyphen; continuation lines align with the text.
fn wrap_help(help: &str, style: Style) -> String {
    const PREFIX: &str = "  help: ";
    let indent = " ".repeat(PREFIX.len());
    let width = style.width.max(PREFIX.len() + 20);
    let mut out = paint(style, "36", "  help:");
    out.push(' ');
    let mut column = PREFIX.len();
    let mut first = true;
    for word in help.split(' ') {
        let word_width = word.chars().count();
        if !first && column + 1 + word_width > width {
            out.push('\n');
            out.push_str(&indent);
            column = indent.len();
        } else if !first {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += word_width;
        first = false;
    }
    out.push('\n');
    out
}

/// Replaces hazards with visible placeholders of the same byte length, so
/// offsets into the original text still hold.
fn sanitize_source(text: &str) -> String {
    if !text.chars().any(is_hazard) {
        return text.to_string();
    }
    let mut shown = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            shown.push(c);
        } else if is_hazard(c) {
            match c.len_utf8() {
                1 => shown.push('?'),
                2 => shown.push('\u{00BF}'),
                3 => shown.push('\u{FFFD}'),
                _ => shown.push_str("\u{FFFD}?"),
            }
        } else {
            shown.push(c);
        }
    }
    shown
}
