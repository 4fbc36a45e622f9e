//! Recovery from syntax errors (§4 "One mistake, one diagnostic"): pest
//! reads bounded windows that end at resume points (lines that start an
//! item in column 1); a run of items that does not parse is read again
//! item by item and statement by statement, so one mistake costs one
//! diagnostic and the rest of its block is kept.

use pest::Parser as _;

use super::errors::{
    brace_on_next_line, explain_syntax_error, habit, missing_open_brace, top_level_error, unclosed_block, SyntaxError,
    HABIT_READ_WHOLE, UNCLOSED_STRING,
};
use super::grammar::{continues_name, CanvasParser, Rule, TOP_LEVEL_KEYWORDS};
use super::lower::Lower;
use super::tree::{Argument, Atom, Body, Item, ItemSink, Statement, Word};
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// The first window of text handed to pest after `start` (see
/// `Recovering::parse_window`).
const WINDOW: usize = 16 * 1024;

/// Parses `source[start..end]` item by item into `sink`, recovering from
/// syntax errors.
pub(super) fn parse_range<S: ItemSink>(
    source: &str,
    resume_points: &[usize],
    start: usize,
    end: usize,
    sink: &mut S,
) -> Vec<Diagnostic> {
    let mut parser = Recovering {
        source,
        resume_points,
        end,
        sink,
        diagnostics: Vec::new(),
    };
    parser.run(start);
    parser.diagnostics
}

/// Line starts, at column 1, of a top-level keyword followed by something
/// that cannot continue a name.
pub(super) fn resume_points(source: &str, start: usize) -> Vec<usize> {
    let bytes = source.as_bytes();
    let mut points = Vec::new();
    let mut line_start = start;
    loop {
        // Every keyword is lowercase ASCII: most lines (indented statements)
        // are ruled out by their first byte, the rest by one word compared.
        if bytes.get(line_start).is_some_and(u8::is_ascii_lowercase) {
            let line = &source[line_start..];
            let word_end = line.find(|c: char| !c.is_ascii_lowercase()).unwrap_or(line.len());
            let (word, rest) = line.split_at(word_end);
            if TOP_LEVEL_KEYWORDS.contains(&word) && rest.chars().next().is_none_or(|c| !continues_name(c)) {
                points.push(line_start);
            }
        }
        match source[line_start..].find('\n') {
            Some(newline) => line_start += newline + 1,
            None => break,
        }
    }
    points
}

/// The start of the first line after `from` (and before `to`) that starts
/// with a letter at column 1, or `to`.
fn name_line_after(source: &str, from: usize, to: usize) -> usize {
    let mut pos = from;
    while let Some(newline) = source[pos..to].find('\n') {
        pos += newline + 1;
        if source[pos..to].chars().next().is_some_and(char::is_alphabetic) {
            return pos;
        }
    }
    to
}

struct Recovering<'s, 'k, S> {
    source: &'s str,
    resume_points: &'s [usize],
    /// Where the range being parsed ends.
    end: usize,
    /// Where each item goes as soon as it is read.
    sink: &'k mut S,
    diagnostics: Vec<Diagnostic>,
}

impl<S: ItemSink> Recovering<'_, '_, S> {
    fn run(&mut self, mut start: usize) {
        let len = self.end;
        while start < len {
            let mut error = match self.parse_window(start) {
                Ok(end) => {
                    start = end;
                    continue;
                }
                Err(error) => error,
            };
            // The error lies in the item that starts at the last resume point
            // before it; everything before that item may be sound.
            let mut item_start = self.last_resume_point(start, error.offset);
            while item_start > start {
                match self.parse_items(start, item_start) {
                    Ok(()) => break,
                    Err(earlier) => {
                        // An error at the very end of the prefix belongs to
                        // the item before `item_start`, so look strictly before it.
                        let within = earlier.offset.min(item_start - 1);
                        error = earlier;
                        item_start = self.last_resume_point(start, within);
                    }
                }
            }
            if item_start > start {
                start = item_start;
                continue;
            }
            let next = self.next_resume_point(start, error.offset);
            let before = self.diagnostics.len();
            self.recover(start, next.unwrap_or(len).min(len));
            if self.diagnostics.len() == before {
                // Recovery read the text differently from pest: keep pest's word.
                self.diagnostics.push(*error.diagnostic);
            }
            match next {
                Some(next) if next < len => start = next,
                _ => return,
            }
        }
    }

    /// Parses from `start` in windows that end at resume points, growing a
    /// window while an error is only its running out of text. pest spends
    /// time proportional to the rest of its input on every error it builds,
    /// so bounded windows keep a file with thousands of errors linear.
    /// Returns where the parsed items end.
    fn parse_window(&mut self, start: usize) -> Result<usize, SyntaxError> {
        let mut size = WINDOW;
        loop {
            let end = match start.checked_add(size).filter(|target| *target < self.end) {
                Some(target) => {
                    let index = self.resume_points.partition_point(|point| *point < target);
                    let at_keyword = self
                        .resume_points
                        .get(index)
                        .copied()
                        .filter(|point| *point < self.end)
                        .unwrap_or(self.end);
                    // A long stretch without a keyword line (a hostile file of
                    // `a` lines, or thousands of statements at column 1) is cut
                    // at the next line that starts with a name, so that what
                    // pest holds stays bounded; a cut inside a block is only
                    // the window running out of text, and grows it.
                    if at_keyword - target > size {
                        name_line_after(self.source, target, at_keyword)
                    } else {
                        at_keyword
                    }
                }
                None => self.end,
            };
            match self.parse_items(start, end) {
                Ok(()) => return Ok(end),
                Err(error) if end < self.end && error.offset >= end => size = size.saturating_mul(4),
                Err(error) => return Err(error),
            }
        }
    }

    /// Parses `source[start..end]` as a run of items, keeping them on success.
    fn parse_items(&mut self, start: usize, end: usize) -> Result<(), SyntaxError> {
        let text = &self.source[start..end];
        match CanvasParser::parse(Rule::items, text) {
            Ok(mut pairs) => {
                let lower = Lower {
                    base: start,
                    diagnostics: &mut self.diagnostics,
                };
                let items = pairs.next().map(|items| lower.items(items)).unwrap_or_default();
                for item in items {
                    self.sink.item(item);
                }
                Ok(())
            }
            Err(error) => Err(SyntaxError::from_pest(self.source, start, end, &error)),
        }
    }

    fn last_resume_point(&self, after: usize, at_or_before: usize) -> usize {
        let index = self.resume_points.partition_point(|&point| point <= at_or_before);
        self.resume_points[..index]
            .last()
            .copied()
            .filter(|&point| point > after)
            .unwrap_or(after)
    }

    fn next_resume_point(&self, after: usize, at_or_after: usize) -> Option<usize> {
        let index = self.resume_points.partition_point(|&point| point < at_or_after);
        self.resume_points[index..].iter().copied().find(|&point| point > after)
    }

    /// Reads `source[from..to]`, a run of items that did not parse as a whole,
    /// item by item and statement by statement (§4 "One mistake, one
    /// diagnostic"): a syntax error inside a block skips the rest of its
    /// statement, and the block keeps every statement before and after it;
    /// a syntax error between items skips to `to`, the next column-1 line
    /// that starts an item.
    fn recover(&mut self, from: usize, to: usize) {
        let mut pos = from;
        loop {
            pos = skip_trivia(self.source, pos, to, true);
            if pos >= to {
                return;
            }
            let Some((keyword, arguments)) = self.head(pos, to) else {
                self.diagnostics.push(top_level_error(self.source, pos, to));
                return;
            };
            pos = self.recover_item(keyword, arguments, pos, to);
        }
    }

    /// The keyword and arguments that start an item at `start`, read from
    /// its first line.
    fn head(&mut self, start: usize, to: usize) -> Option<(Word, Vec<Argument>)> {
        let line_end = self.source[start..to].find(['\n', '\r']).map_or(to, |i| start + i);
        let mut pairs = CanvasParser::parse(Rule::item_head, &self.source[start..line_end]).ok()?;
        let head = pairs.next()?;
        let mut ignored = Vec::new();
        let mut lower = Lower {
            base: start,
            diagnostics: &mut ignored,
        };
        let mut keyword = None;
        let mut arguments = Vec::new();
        for pair in head.into_inner() {
            match pair.as_rule() {
                Rule::keyword => keyword = Some(lower.word(pair)),
                Rule::arguments => arguments = lower.arguments(pair),
                _ => {}
            }
        }
        Some((keyword?, arguments))
    }

    /// Reads one item whose head was read, recovering inside its body, and
    /// hands it to the sink. Returns where the item ends.
    fn recover_item(&mut self, keyword: Word, mut arguments: Vec<Argument>, start: usize, to: usize) -> usize {
        let errors_before = self.diagnostics.len();
        let head_end = arguments
            .last()
            .map_or(keyword.span.end(), |argument| argument.span.end());
        let mut pos = skip_trivia(self.source, head_end, to, false);
        let next = self.source[pos.min(to)..to].chars().next();
        let mut skip_to = None;
        let extra_atoms = head_atoms(&arguments) < arguments.first().map_or(0, |argument| argument.atoms.len());
        // Where the body opens: at a `{`, or (after a habit from other
        // formats) at indented lines with no `{`.
        let open = match next {
            Some('{') => Some(Span::new(pos, pos + 1)),
            Some('}' | ';') if extra_atoms && closes_on_line(self.source, pos, to) => {
                // A one-line block without its `{`: the head ends after the
                // identifier and label, and the statements follow.
                let split = head_atoms(&arguments);
                let first = &mut arguments[0];
                let body_start = first.atoms[split].span().start();
                first.atoms.truncate(split);
                let end = first.atoms.last().map_or(first.span.start(), |atom| atom.span().end());
                first.span = Span::new(first.span.start(), end);
                arguments.truncate(1);
                self.diagnostics.push(missing_open_brace(&keyword, end));
                pos = body_start;
                Some(Span::new(body_start, body_start))
            }
            None | Some('\n' | '\r' | ';') => {
                let after = skip_trivia(self.source, pos, to, true);
                let next_line = next != Some(';') && after < to;
                if next_line && self.source[after..].starts_with('{') {
                    self.diagnostics.push(brace_on_next_line(&keyword, head_end, after));
                    pos = after;
                    Some(Span::new(after, after + 1))
                } else if next_line && is_indented(self.source, after) && !self.source[after..].starts_with('}') {
                    self.diagnostics.push(missing_open_brace(&keyword, head_end));
                    Some(Span::new(head_end, head_end))
                } else {
                    None
                }
            }
            Some(_) => {
                self.diagnostics.push(self.statement_error(pos, to));
                pos = skip_statement_rest(self.source, pos, to);
                // The rest of the head line is lost; indented lines after it
                // are still the block's. Anything else up to the next item is
                // skipped, as after an error between items.
                let after = skip_trivia(self.source, pos, to, true);
                let body = (after < to && is_indented(self.source, after)).then(|| Span::new(pos, pos));
                if body.is_none() {
                    skip_to = Some(to);
                }
                body
            }
        };
        // A misspelt or capitalised `scenario` is read as one (§4), overrides and all.
        let scenario = keyword.text == "scenario"
            || keyword.text.to_lowercase() == "scenario"
            || crate::diagnostic::single_candidate(&keyword.text, TOP_LEVEL_KEYWORDS.iter().copied())
                == Some("scenario");
        let body = open.map(|open| {
            let braced = !open.is_empty();
            if braced {
                pos = open.end();
            }
            let mut statements = Vec::new();
            // After an error, lines that cannot start a statement (a string
            // or a number: the rest of a list) belong to the skipped one.
            let mut skipping = false;
            // An unclosed string swallowed the rest of its line, `}` included.
            let mut swallowed_close = false;
            let close = loop {
                pos = skip_trivia(self.source, pos, to, true);
                if pos >= to || (!braced && starts_line(self.source, pos) && !self.source[pos..].starts_with('}')) {
                    let last = statements
                        .last()
                        .map_or(open.end(), |statement: &Statement| statement.span.end());
                    if braced && !swallowed_close {
                        self.diagnostics.push(unclosed_block(open, last));
                    }
                    break Span::new(last, last);
                }
                if skipping && self.source[pos..].starts_with(|c: char| c == '"' || c.is_ascii_digit()) {
                    pos = skip_statement_rest(self.source, pos, to);
                    continue;
                }
                if self.source[pos..].starts_with('}') {
                    pos += 1;
                    break Span::new(pos - 1, pos);
                }
                let from = pos;
                match self.statement(pos, to, scenario) {
                    Ok(statement) => {
                        pos = statement.span.end();
                        statements.push(statement);
                        skipping = false;
                    }
                    Err((diagnostic, whole_line)) => {
                        let unclosed = diagnostic.message == UNCLOSED_STRING;
                        self.diagnostics.push(diagnostic);
                        let rest = if whole_line {
                            self.source[pos..to].find('\n').map_or(to, |newline| pos + newline)
                        } else {
                            skip_statement_rest(self.source, pos, to)
                        };
                        // A nested `{` opened what the missing `}` would close.
                        swallowed_close |=
                            (unclosed && self.source[pos..rest].contains('}')) || self.source[pos..].starts_with('{');
                        pos = rest;
                        skipping = true;
                    }
                }
                if pos <= from {
                    // Never stand still, whatever the text.
                    pos = from + self.source[from..].chars().next().map_or(1, char::len_utf8);
                }
            };
            Body {
                open,
                statements,
                close,
            }
        });
        let end = body.as_ref().map_or(head_end, |body| body.close.end().max(head_end));
        let broken = self.diagnostics.len() > errors_before
            && self.diagnostics[errors_before..]
                .iter()
                .any(|diagnostic| diagnostic.code == Code::Syntax && !diagnostic.message.starts_with(HABIT_READ_WHOLE));
        self.sink.item(Item {
            span: Span::new(start, end),
            keyword,
            arguments,
            body,
            broken,
        });
        skip_to.unwrap_or(pos.max(end))
    }

    /// Reads one statement at `pos` and checks that it ends there (at the
    /// end of the line, a `;` or the block's `}`).
    /// An error says whether the rest of its line is lost with it.
    fn statement(&mut self, pos: usize, to: usize, scenario: bool) -> Result<Statement, (Diagnostic, bool)> {
        // A scenario's body holds overrides, each with a body of statements.
        let (rule, inner) = if scenario {
            (Rule::override_at, Rule::override_entry)
        } else {
            (Rule::statement_at, Rule::statement)
        };
        let pairs = CanvasParser::parse(rule, &self.source[pos..to])
            .map_err(|error| (self.statement_error_from_pest(pos, to, &error), false))?;
        let mut lower = Lower {
            base: pos,
            diagnostics: &mut self.diagnostics,
        };
        let statement = pairs
            .flatten()
            .find(|pair| pair.as_rule() == inner)
            .map(|pair| lower.statement(pair))
            .ok_or_else(|| (self.statement_error(pos, to), false))?;
        let after = skip_trivia(self.source, statement.span.end(), to, false);
        match self.source[after.min(to)..to].chars().next() {
            None | Some('\n' | ';' | '}') => Ok(statement),
            Some('\r') if self.source[after..].starts_with("\r\n") => Ok(statement),
            Some('{') if scenario => {
                // An override whose body is broken: say what is wrong inside it,
                // and lose the rest of its line (its own `}` included).
                let diagnostic = match CanvasParser::parse(Rule::override_body_at, &self.source[after..to]) {
                    Err(error) => self.statement_error_from_pest(after, to, &error),
                    Ok(_) => self.statement_error(after, to),
                };
                Err((diagnostic, true))
            }
            Some(_) => Err((self.statement_error(after, to), false)),
        }
    }

    fn statement_error_from_pest(&self, pos: usize, to: usize, error: &pest::error::Error<Rule>) -> Diagnostic {
        let syntax = SyntaxError::from_pest(self.source, pos, to, error);
        if self.source[syntax.offset.min(to)..].starts_with('{') {
            return self.statement_error(syntax.offset, to);
        }
        habit(self.source, syntax.offset).unwrap_or(*syntax.diagnostic)
    }

    /// The error for what is found at `at` inside a statement or head.
    fn statement_error(&self, at: usize, to: usize) -> Diagnostic {
        if self.source[at.min(to)..].starts_with('{') {
            // `explain_syntax_error` names a nested `{` where a `}` may come.
            return explain_syntax_error(self.source, at, to, &["`}`"]);
        }
        habit(self.source, at)
            .unwrap_or_else(|| explain_syntax_error(self.source, at, to, &["a value", "the end of the statement"]))
    }
}

/// Skips spaces, tabs and comments, and with `newlines` also line breaks and `;`.
fn skip_trivia(source: &str, mut pos: usize, to: usize, newlines: bool) -> usize {
    let bytes = source.as_bytes();
    while pos < to {
        match bytes[pos] {
            b' ' | b'\t' => pos += 1,
            b'#' => {
                let end = source[pos..to].find('\n').map_or(to, |i| pos + i);
                pos = if end > pos && bytes[end - 1] == b'\r' {
                    end - 1
                } else {
                    end
                };
            }
            b'\n' | b';' if newlines => pos += 1,
            b'\r' if newlines && bytes.get(pos + 1) == Some(&b'\n') => pos += 2,
            _ => break,
        }
    }
    pos.min(to.max(pos))
}

/// Skips the rest of a statement after a syntax error: up to the end of the
/// line, a `;` or the block's `}` outside a string.
fn skip_statement_rest(source: &str, mut pos: usize, to: usize) -> usize {
    let bytes = source.as_bytes();
    let mut in_string = false;
    while pos < to {
        match bytes[pos] {
            b'\n' => return pos,
            b'\r' if bytes.get(pos + 1) == Some(&b'\n') => return pos,
            b'\\' if in_string => pos += 1,
            b'"' => in_string = !in_string,
            b';' | b'}' if !in_string => return pos,
            b'#' if !in_string => return source[pos..to].find('\n').map_or(to, |i| pos + i),
            _ => {}
        }
        pos += 1;
    }
    to
}

/// Whether a `}` follows on the line of `pos`, outside strings and comments.
fn closes_on_line(source: &str, pos: usize, to: usize) -> bool {
    let mut in_string = false;
    let mut escaped = false;
    for c in source[pos..to].chars() {
        match c {
            '\n' => return false,
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '#' if !in_string => return false,
            '}' if !in_string => return true,
            _ => {}
        }
    }
    false
}

/// How many atoms of a head are its identifier and label: a name, then a string.
fn head_atoms(arguments: &[Argument]) -> usize {
    match arguments.first().map(|argument| argument.atoms.as_slice()) {
        Some([Atom::Name(_), Atom::Str(_), ..]) => 2,
        Some([Atom::Name(_), ..] | [Atom::Str(_), ..]) => 1,
        _ => 0,
    }
}

/// Whether `pos` is in column 1.
fn starts_line(source: &str, pos: usize) -> bool {
    pos == 0 || source.as_bytes().get(pos - 1) == Some(&b'\n')
}

/// Whether the line holding `pos` starts with a space or a tab.
fn is_indented(source: &str, pos: usize) -> bool {
    let line_start = source[..pos].rfind('\n').map_or(0, |i| i + 1);
    line_start < pos
        && source[line_start..pos]
            .bytes()
            .all(|byte| byte == b' ' || byte == b'\t')
}
