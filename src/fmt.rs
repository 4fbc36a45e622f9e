//! The formatter: one canonical layout for every canvas (`canvasc fmt`).
//!
//! The layout (documented in `docs/reference.md`, "Formatting"):
//! - one blank line between top-level items, none at the start or end;
//! - a block's statements one per line, indented two spaces, its `}` alone;
//! - inside a block, a blank line where the author left one (at most one);
//! - a block written on one line with at most one statement and no comment
//!   stays on one line (`activity curation { type problem-solving }`); an
//!   empty block is `{}`;
//! - in a scenario, an override is indented like a statement and its own
//!   statements one level more; an override written on one line without a
//!   comment stays on one line, its statements joined by `; `; a scenario
//!   always spans several lines;
//! - one space between the atoms of a value, `, ` between list items;
//! - statements, blocks, list form or repeated statements, and the spelling
//!   of names, numbers and strings are kept exactly as written;
//! - own-line comments stay on their own line before what followed them,
//!   at its indentation; trailing comments stay at the end of their line,
//!   after one space;
//! - the file keeps its byte-order mark and its line endings (`\n` or
//!   `\r\n`, as its first line break), and ends with one line break.
//!
//! Invariants: formatting refuses a tree with syntax errors (the caller
//! checks); it never changes the model (the model's JSON is equal before and
//! after); it keeps every comment; `format(format(x)) == format(x)`.

use crate::syntax::{Argument, Item, SourceFile, Span, Statement};

/// Formats a source that parsed without syntax errors.
pub fn format(source: &str, file: &SourceFile) -> String {
    let mut layout = Layout::new(source, file);
    layout.code_lines();
    layout.place_comments();
    layout.print()
}

/// Formats `source`, or returns `None` when it has syntax errors.
pub fn format_source(source: &str) -> Option<String> {
    let (file, diagnostics) = crate::syntax::parse(source);
    let broken = diagnostics
        .iter()
        .any(|diagnostic| diagnostic.code == crate::Code::Syntax);
    (!broken).then(|| format(source, &file))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LineKind {
    /// The first line of a top-level item.
    ItemStart,
    /// A statement inside a block.
    Statement,
    /// The `}` of a multi-line block.
    Close,
    /// A further line of a list that keeps a comment between its items.
    Continuation,
}

/// One line of the output.
#[derive(Debug)]
struct Line {
    depth: usize,
    text: String,
    kind: LineKind,
    /// The source span of the code this line prints (empty for comments).
    start: usize,
    end: usize,
    /// Own-line comments printed before this line, with whether a blank line
    /// preceded each in the source.
    leading: Vec<(Span, bool)>,
    trailing: Vec<Span>,
    /// A blank line precedes this line's code (after its leading comments).
    blank_before: bool,
}

struct Layout<'s> {
    source: &'s str,
    file: &'s SourceFile,
    lines: Vec<Line>,
    /// Own-line comments after the last line of code.
    tail: Vec<(Span, bool)>,
}

impl<'s> Layout<'s> {
    fn new(source: &'s str, file: &'s SourceFile) -> Self {
        Layout {
            source,
            file,
            lines: Vec::new(),
            tail: Vec::new(),
        }
    }

    fn text(&self, span: Span) -> &'s str {
        &self.source[span.range()]
    }

    /// Whether the source has a blank line between two offsets: a line,
    /// neither the first nor the last of the gap, with nothing on it.
    fn blank_between(&self, from: usize, to: usize) -> bool {
        if from >= to {
            return false;
        }
        let segments: Vec<&str> = self.source[from..to].split('\n').collect();
        segments.len() > 2
            && segments[1..segments.len() - 1]
                .iter()
                .any(|line| line.trim().is_empty())
    }

    /// Items joined by `, `, the atoms of each by one space.
    fn arguments<'a>(&self, arguments: impl IntoIterator<Item = &'a Argument>) -> String {
        arguments_text(self.source, arguments)
    }

    /// A keyword and its arguments on one line.
    fn keyword_line(&self, keyword: &str, arguments: &[Argument]) -> String {
        if arguments.is_empty() {
            keyword.to_string()
        } else {
            format!("{keyword} {}", self.arguments(arguments))
        }
    }

    fn head(&self, item: &Item) -> String {
        self.keyword_line(&item.keyword.text, &item.arguments)
    }

    /// A statement on one line; an override's body inline, its statements
    /// separated by `; ` (`segment a { size 60_000; churn 6% per month }`).
    fn statement(&self, statement: &Statement) -> String {
        let line = self.keyword_line(&statement.keyword.text, &statement.arguments);
        match &statement.body {
            None => line,
            Some(body) if body.statements.is_empty() => format!("{line} {{}}"),
            Some(body) => {
                let inner: Vec<String> = body.statements.iter().map(|inner| self.statement(inner)).collect();
                format!("{line} {{ {} }}", inner.join("; "))
            }
        }
    }

    /// Whether an override is printed on one line: it was written on one
    /// line and holds no comment.
    fn override_on_one_line(&self, statement: &Statement) -> bool {
        !self.text(statement.span).contains('\n') && !self.has_comment_within(statement.span)
    }

    /// The statements of a body at `depth`, keeping one blank line where
    /// the author left one; an override's own statements one level deeper.
    fn push_statements(&mut self, depth: usize, body: &crate::syntax::Body) {
        let mut previous_end = body.open.end();
        for statement in &body.statements {
            let first_line = self.lines.len();
            match &statement.body {
                Some(inner) if !self.override_on_one_line(statement) => {
                    let head = self.keyword_line(&statement.keyword.text, &statement.arguments);
                    self.push(
                        depth,
                        format!("{head} {{"),
                        LineKind::Statement,
                        statement.span.start(),
                        inner.open.end(),
                    );
                    self.push_statements(depth + 1, inner);
                    self.push(
                        depth,
                        "}".to_string(),
                        LineKind::Close,
                        inner.close.start(),
                        inner.close.end(),
                    );
                }
                Some(_) => {
                    let text = self.statement(statement);
                    self.push(
                        depth,
                        text,
                        LineKind::Statement,
                        statement.span.start(),
                        statement.span.end(),
                    );
                }
                None => self.push_list(
                    depth,
                    LineKind::Statement,
                    &statement.keyword.text,
                    statement.span.start(),
                    &statement.arguments,
                ),
            }
            let blank = previous_end != body.open.end() && self.blank_between(previous_end, statement.span.start());
            if let Some(line) = self.lines.get_mut(first_line) {
                line.blank_before = blank;
            }
            previous_end = statement.span.end();
        }
    }

    /// A keyword and its arguments as lines of (text, start, end): one line,
    /// unless a comment sits between the items of a list written over several
    /// lines; then a line per source line of the list, so each comment keeps
    /// its place beside the items it was written with.
    fn list_lines(&self, keyword: &str, start: usize, arguments: &[Argument]) -> Vec<(String, usize, usize)> {
        let mut groups: Vec<Vec<&Argument>> = vec![Vec::new()];
        let mut previous_end = start;
        for argument in arguments {
            let gap = Span::new(previous_end, argument.span.start());
            let breaks = self.text(gap).contains('\n') && self.has_comment_within(gap);
            if breaks && groups.last().is_some_and(|group| !group.is_empty()) {
                groups.push(Vec::new());
            }
            if let Some(group) = groups.last_mut() {
                group.push(argument);
            }
            previous_end = argument.span.end();
        }
        let count = groups.len();
        groups
            .into_iter()
            .enumerate()
            .map(|(index, group)| {
                let mut text = self.arguments(group.iter().copied());
                if index + 1 < count {
                    text.push(',');
                }
                let first = group.first().map_or(start, |argument| argument.span.start());
                let last = group.last().map_or(start, |argument| argument.span.end());
                if index == 0 {
                    let line = if text.is_empty() {
                        keyword.to_string()
                    } else {
                        format!("{keyword} {text}")
                    };
                    (line, start, last.max(start + keyword.len()))
                } else {
                    (text, first, last)
                }
            })
            .collect()
    }

    /// Pushes a keyword's lines: the first as `kind`, the rest as continuations.
    fn push_list(&mut self, depth: usize, kind: LineKind, keyword: &str, start: usize, arguments: &[Argument]) {
        for (index, (text, from, to)) in self.list_lines(keyword, start, arguments).into_iter().enumerate() {
            if index == 0 {
                self.push(depth, text, kind, from, to);
            } else {
                self.push(depth + 1, text, LineKind::Continuation, from, to);
            }
        }
    }

    fn has_comment_within(&self, span: Span) -> bool {
        let index = self
            .file
            .comments
            .partition_point(|comment| comment.start() < span.start());
        self.file
            .comments
            .get(index)
            .is_some_and(|comment| comment.start() < span.end())
    }

    fn push(&mut self, depth: usize, text: String, kind: LineKind, start: usize, end: usize) {
        self.lines.push(Line {
            depth,
            text,
            kind,
            start,
            end,
            leading: Vec::new(),
            trailing: Vec::new(),
            blank_before: false,
        });
    }

    fn code_lines(&mut self) {
        let mut items: Vec<&Item> = self.file.items.iter().collect();
        items.sort_by_key(|item| item.span.start());
        for item in items {
            let head = self.head(item);
            let Some(body) = &item.body else {
                self.push_list(
                    0,
                    LineKind::ItemStart,
                    &item.keyword.text,
                    item.span.start(),
                    &item.arguments,
                );
                continue;
            };
            let inside = Span::new(body.open.start(), body.close.end());
            let commented = self.has_comment_within(inside);
            let on_one_line = !self.text(item.span).contains('\n');
            if body.statements.is_empty() && !commented {
                self.push(
                    0,
                    format!("{head} {{}}"),
                    LineKind::ItemStart,
                    item.span.start(),
                    item.span.end(),
                );
                continue;
            }
            if on_one_line && body.statements.len() == 1 && !commented && body.statements[0].body.is_none() {
                let statement = self.statement(&body.statements[0]);
                self.push(
                    0,
                    format!("{head} {{ {statement} }}"),
                    LineKind::ItemStart,
                    item.span.start(),
                    item.span.end(),
                );
                continue;
            }
            self.push(
                0,
                format!("{head} {{"),
                LineKind::ItemStart,
                item.span.start(),
                body.open.end(),
            );
            self.push_statements(1, body);
            self.push(
                0,
                "}".to_string(),
                LineKind::Close,
                body.close.start(),
                body.close.end(),
            );
        }
    }

    /// Attaches each comment to the line it belongs to.
    fn place_comments(&mut self) {
        let comments = self.file.comments.clone();
        for comment in comments {
            let line_start = self.source[..comment.start()].rfind('\n').map_or(0, |i| i + 1);
            let before = &self.source[line_start..comment.start()];
            let own_line = before.trim_start_matches('\u{FEFF}').trim().is_empty();
            if !own_line {
                // A trailing comment: the line holding the last code before it.
                let index = self.lines.partition_point(|line| line.end <= comment.start());
                if let Some(line) = index.checked_sub(1).and_then(|index| self.lines.get_mut(index)) {
                    line.trailing.push(comment);
                    continue;
                }
            }
            // An own-line comment: before the first line of code after it.
            let index = self.lines.partition_point(|line| line.start <= comment.start());
            let previous_end = self.previous_end(index, comment.start());
            let blank = self.blank_between(previous_end, line_start);
            match self.lines.get_mut(index) {
                Some(line) => line.leading.push((comment, blank)),
                None => self.tail.push((comment, blank)),
            }
        }
    }

    /// Where the last piece of source before `offset` ends: a comment or code.
    fn previous_end(&self, line_index: usize, offset: usize) -> usize {
        let code_end = line_index
            .checked_sub(1)
            .and_then(|index| self.lines.get(index))
            .map_or(0, |line| line.end);
        let comment_index = self.file.comments.partition_point(|comment| comment.start() < offset);
        let comment_end = comment_index
            .checked_sub(1)
            .and_then(|index| self.file.comments.get(index))
            .map_or(0, |comment| comment.end());
        code_end.max(comment_end)
    }

    fn print(&self) -> String {
        let mut out = String::with_capacity(self.source.len() + 64);
        let mut depth_inside = 0;
        let mut first = true;
        for line in &self.lines {
            let indent = |depth: usize| "  ".repeat(depth);
            let comment_depth = match line.kind {
                LineKind::Close => line.depth + 1,
                _ => line.depth,
            };
            for (position, (comment, blank)) in line.leading.iter().enumerate() {
                let wanted_blank = if line.kind == LineKind::ItemStart && position == 0 {
                    true
                } else {
                    *blank && !(position == 0 && depth_inside > 0 && self.just_opened(&out))
                };
                if wanted_blank {
                    blank_line(&mut out, first);
                }
                out.push_str(&indent(comment_depth));
                out.push_str(self.text(*comment).trim_end());
                out.push('\n');
                first = false;
            }
            let blank = match line.kind {
                LineKind::ItemStart => line.leading.is_empty() || line.blank_before_code(self),
                LineKind::Statement => {
                    if line.leading.is_empty() {
                        line.blank_before
                    } else {
                        line.blank_before_code(self)
                    }
                }
                LineKind::Close | LineKind::Continuation => false,
            };
            if blank {
                blank_line(&mut out, first);
            }
            out.push_str(&indent(line.depth));
            out.push_str(&line.text);
            for comment in &line.trailing {
                out.push(' ');
                out.push_str(self.text(*comment).trim_end());
            }
            out.push('\n');
            first = false;
            depth_inside = match (line.kind, line.text.ends_with('{')) {
                (LineKind::ItemStart, true) => 1,
                (LineKind::Close, _) => line.depth,
                (LineKind::ItemStart, false) => 0,
                (LineKind::Statement, _) => 1,
                (LineKind::Continuation, _) => depth_inside,
            };
        }
        for (position, (comment, blank)) in self.tail.iter().enumerate() {
            if (position == 0 && !first) || *blank {
                blank_line(&mut out, first);
            }
            out.push_str(self.text(*comment).trim_end());
            out.push('\n');
            first = false;
        }
        let mut text = String::new();
        if self.file.bom {
            text.push('\u{FEFF}');
        }
        if self.file.crlf {
            text.push_str(&out.replace('\n', "\r\n"));
        } else {
            text.push_str(&out);
        }
        text
    }

    /// Whether the output so far ends with a line that opened a block.
    fn just_opened(&self, out: &str) -> bool {
        out.trim_end_matches('\n').ends_with('{')
    }
}

/// A blank line, except at the very start of the output.
fn blank_line(out: &mut String, first: bool) {
    if !first {
        out.push('\n');
    }
}

impl Line {
    /// After leading comments: whether the source had a blank line between
    /// the last of them and this line's code.
    fn blank_before_code(&self, layout: &Layout) -> bool {
        match self.leading.last() {
            Some((comment, _)) => layout.blank_between(comment.end(), self.start),
            None => false,
        }
    }
}

/// Items joined by `, `, the atoms of each by one space.
fn arguments_text<'a>(source: &str, arguments: impl IntoIterator<Item = &'a Argument>) -> String {
    arguments
        .into_iter()
        .map(|argument| {
            argument
                .atoms
                .iter()
                .map(|atom| source.get(atom.span().range()).unwrap_or_default())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A statement or an item's first line in the canonical layout, on one
/// line: what the model diff shows of an added or removed block.
pub fn one_line(source: &str, keyword: &str, arguments: &[Argument]) -> String {
    if arguments.is_empty() {
        keyword.to_string()
    } else {
        format!("{keyword} {}", arguments_text(source, arguments))
    }
}
