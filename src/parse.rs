//! Parsing: text in, [`SourceFile`] and syntax diagnostics out.
//!
//! The pest grammar (`grammar/canvas.pest`) recognises the shape of the
//! file; this module lowers pest pairs into the syntax tree, one function
//! per grammar rule, and turns pest's errors into sentences.
//!
//! Invariants:
//! - parsing never fails: every input yields a tree (possibly empty) and
//!   the syntax diagnostics that explain what was left out;
//! - after a syntax error, parsing resumes at the next line that starts in
//!   column 1 with `canvas`, `allow`, `scenario` or a block keyword (§4), and the broken
//!   item keeps the name read from its first line (`Item::broken`);
//! - spans are byte offsets into the whole source, whatever part was parsed.

use pest::iterators::Pair;
use pest::Parser as _;

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::model::Str;
use crate::syntax::{Argument, Atom, Body, Item, Number, SourceFile, Span, Statement, Text, Word};

#[derive(pest_derive::Parser)]
#[grammar = "grammar/canvas.pest"]
struct CanvasParser;

/// The words that may start a top-level item, and so where parsing resumes
/// after a syntax error.
pub const TOP_LEVEL_KEYWORDS: &[&str] = &[
    "canvas",
    "allow",
    "scenario",
    "segment",
    "proposition",
    "relationship",
    "channel",
    "revenue",
    "cost",
    "partner",
    "activity",
    "resource",
];

const BOM: &str = "\u{FEFF}";

/// Only recognises `source` with the grammar, for measuring the parser
/// apart from lowering. Returns the number of pairs.
#[doc(hidden)]
pub fn recognise(source: &str) -> usize {
    limit_parser_calls();
    CanvasParser::parse(Rule::file, source).map_or(0, |pairs| pairs.flatten().count())
}

/// Parses a whole source text. Never fails; see the module invariants.
pub fn parse(source: &str) -> (SourceFile, Vec<Diagnostic>) {
    let (items, diagnostics) = parse_into::<Vec<Item>>(source);
    let crlf = source
        .find('\n')
        .is_some_and(|newline| newline > 0 && source.as_bytes()[newline - 1] == b'\r');
    let file = SourceFile {
        items,
        comments: comment_spans(source),
        bom: source.starts_with(BOM),
        crlf,
    };
    (file, diagnostics)
}

/// Whatever consumes the items of a file as they are parsed.
///
/// A large file is parsed in chunks on several threads; each chunk's items
/// go into a sink of their own, on the thread that parsed them, and the
/// sinks are then joined in source order. A sink that only needs each
/// item once (the model builder) lets it go at once, so the syntax tree of
/// the whole file never exists, and it is freed by the thread that made it.
pub trait ItemSink: Default + Send {
    /// Takes the next item, in source order.
    fn item(&mut self, item: Item);
    /// Joins sinks that took consecutive runs of items, in source order.
    fn join(parts: Vec<Self>) -> Self;
}

impl ItemSink for Vec<Item> {
    fn item(&mut self, item: Item) {
        self.push(item);
    }

    fn join(parts: Vec<Self>) -> Self {
        concat(parts)
    }
}

/// Concatenates lists: the only non-empty one as it is, or all of them
/// into one list allocated once at its final size, each part freed as soon
/// as it is copied, so joining costs little more memory than the result.
pub fn concat<T>(parts: Vec<Vec<T>>) -> Vec<T> {
    let total = parts.iter().map(Vec::len).sum();
    let mut filled = parts.into_iter().filter(|part| !part.is_empty());
    let Some(first) = filled.next() else {
        return Vec::new();
    };
    if first.len() == total {
        return first;
    }
    let mut joined = Vec::with_capacity(total);
    joined.extend(first);
    filled.for_each(|part| joined.extend(part));
    joined
}

/// Parses a whole source text into a sink, and returns the syntax
/// diagnostics. The sink sees exactly the items [`parse`] returns.
pub fn parse_into<S: ItemSink>(source: &str) -> (S, Vec<Diagnostic>) {
    limit_parser_calls();
    let start = if source.starts_with(BOM) { BOM.len() } else { 0 };
    let resume_points = resume_points(source, start);
    let (mut parts, sequential_from) = parse_in_parallel::<S>(source, &resume_points, start);
    let mut diagnostics = Vec::new();
    if let Some(from) = sequential_from {
        let mut rest = S::default();
        diagnostics = parse_range(source, &resume_points, from, source.len(), &mut rest);
        parts.push(rest);
    }
    (S::join(parts), diagnostics)
}

/// Sets pest's call limit, once per process, before the first parse: a
/// bound no text within `MAX_FILE_SIZE` reaches (see [`crate::limits`]),
/// so a parse always ends; reaching it is a `too-large` diagnostic.
fn limit_parser_calls() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| pest::set_call_limit(std::num::NonZeroUsize::new(crate::limits::PARSER_CALL_LIMIT)));
}

/// The first window of text handed to pest after `start` (see
/// `Recovering::parse_window`).
const WINDOW: usize = 16 * 1024;

/// Below this size a file is parsed on one thread: starting threads would
/// cost more than they save.
const PARALLEL_THRESHOLD: usize = 1 << 20;

/// Parses `source[start..end]` item by item into `sink`, recovering from
/// syntax errors.
fn parse_range<S: ItemSink>(
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

/// How many chunks each thread gets: enough that threads finish together.
const CHUNKS_PER_THREAD: usize = 8;

/// The smallest chunk a file is cut into. pest only ever sees a window of a
/// chunk (`WINDOW`), so the size does not bound working memory; it sets how
/// many partial models are joined, and fewer, larger parts keep less memory
/// resident (20,000 segments: 1 MiB chunks peak at 172 MB, 256 KiB chunks at
/// 197 MB, in the same time).
const MIN_CHUNK_SIZE: usize = 256 * 1024;

/// How many threads may parse one file: one per core, at most 8.
///
/// The one place where the browser build differs (playground/): WebAssembly
/// in a page has one thread, and its standard library cannot start another,
/// so there every file is parsed in order, on the calling thread. Nothing
/// else in the library depends on the target.
pub(crate) fn parsing_threads() -> usize {
    #[cfg(target_family = "wasm")]
    {
        1
    }
    #[cfg(not(target_family = "wasm"))]
    {
        std::thread::available_parallelism().map_or(1, |n| n.get()).min(8)
    }
}

/// Parses a large file in chunks cut at top-level items, on every core.
/// Returns the sinks of the chunks that parsed cleanly, in order up to the
/// first chunk with a syntax error, and where an in-order parse must take
/// over: that chunk's start, the start of a file too small to split, or
/// `None` when every chunk parsed cleanly.
///
/// A chunk that parses without error gives exactly the items a whole parse
/// gives for its text: each cut is at the start of a line beginning with a
/// top-level keyword, so a chunk can only succeed where the whole file
/// splits into the same items. Error recovery is left to the in-order parse
/// from the first failed chunk on, which is what a whole parse does there,
/// since everything before that chunk parsed cleanly.
fn parse_in_parallel<S: ItemSink>(source: &str, resume_points: &[usize], start: usize) -> (Vec<S>, Option<usize>) {
    use std::sync::atomic::{AtomicUsize, Ordering};

    let threads = parsing_threads();
    if source.len() < PARALLEL_THRESHOLD || threads < 2 {
        return (Vec::new(), Some(start));
    }
    let chunk_size = (source.len() / (threads * CHUNKS_PER_THREAD)).max(MIN_CHUNK_SIZE);
    let mut bounds = vec![start];
    let mut target = start + chunk_size;
    while target < source.len() {
        let index = resume_points.partition_point(|point| *point < target);
        match resume_points.get(index) {
            Some(&point) => {
                bounds.push(point);
                target = point + chunk_size;
            }
            None => break,
        }
    }
    bounds.push(source.len());
    let chunks: Vec<(usize, usize)> = bounds.windows(2).map(|pair| (pair[0], pair[1])).collect();
    if chunks.len() < 2 {
        return (Vec::new(), Some(start));
    }
    // Threads take chunks in turn; a chunk with an error yields `None`, and
    // no chunk after the first such one is worth parsing.
    let next = AtomicUsize::new(0);
    let first_failure = AtomicUsize::new(usize::MAX);
    let work = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(&(from, to)) = chunks.get(index) else { break };
            if index > first_failure.load(Ordering::Relaxed) {
                break;
            }
            let mut sink = S::default();
            let diagnostics = parse_range(source, resume_points, from, to, &mut sink);
            if diagnostics.is_empty() {
                done.push((index, Some(sink)));
            } else {
                first_failure.fetch_min(index, Ordering::Relaxed);
                done.push((index, None));
            }
        }
        done
    };
    // This thread works too: each thread leaves memory its allocator keeps
    // for a while, so one thread fewer is less memory for the same speed.
    let mut parts: Vec<(usize, Option<S>)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads.min(chunks.len())).map(|_| scope.spawn(work)).collect();
        let mut parts = work();
        for helper in helpers {
            parts.extend(helper.join().unwrap_or_default());
        }
        parts
    });
    parts.sort_by_key(|(index, _)| *index);
    let mut sinks = Vec::with_capacity(parts.len());
    for (expected, (index, part)) in parts.into_iter().enumerate() {
        match part {
            Some(part) if index == expected => sinks.push(part),
            // A failed chunk, or one missing because its thread stopped:
            // from here on the file is parsed in order.
            _ => return (sinks, chunks.get(expected).map(|&(from, _)| from)),
        }
    }
    (sinks, None)
}

/// Line starts, at column 1, of a top-level keyword followed by something
/// that cannot continue a name.
fn resume_points(source: &str, start: usize) -> Vec<usize> {
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

fn continues_name(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
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
                items.into_iter().for_each(|item| self.sink.item(item));
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

/// The start of the messages for habits after which the block is read whole,
/// so it is not broken.
const HABIT_READ_WHOLE: &str = "the block's `{`";

/// `{` on the line after the block head: one error, and the block is read.
fn brace_on_next_line(keyword: &Word, head_end: usize, brace: usize) -> Diagnostic {
    Diagnostic::new(
        Code::Syntax,
        format!("{HABIT_READ_WHOLE} goes on the same line as its head"),
        Span::new(brace, brace + 1),
        "this `{` opens the block above",
    )
    .with_related(Span::new(head_end, head_end), "put `{` here")
    .with_help(format!(
        "a block starts on one line: `{} ... {{`; the line break before `{{` ends the head",
        keyword.text
    ))
}

/// A block head without `{`, followed by indented statements.
fn missing_open_brace(keyword: &Word, head_end: usize) -> Diagnostic {
    let head_start = keyword.span.start();
    Diagnostic::new(
        Code::Syntax,
        format!("{HABIT_READ_WHOLE} is missing: this block has no `{{`"),
        Span::new(head_start, head_end),
        "`{` expected at the end of this line",
    )
    .with_help("indentation does not open a block: end the head line with `{` and close the block with `}`")
}

/// What is expected between items at `pos`, where no item can start.
fn top_level_error(source: &str, pos: usize, to: usize) -> Diagnostic {
    if source[pos..].starts_with('}') {
        return Diagnostic::new(
            Code::Syntax,
            "unexpected `}`: no block is open here",
            Span::new(pos, pos + 1),
            "nothing to close",
        )
        .with_help("remove this `}`; the block before it is already closed");
    }
    habit(source, pos).unwrap_or_else(|| explain_syntax_error(source, pos, to, &["a block", "the end of the file"]))
}

/// The habits people bring from other formats (§4), each one error with a
/// help line that shows the canvas way. `at` is where the text stops
/// matching the grammar.
fn habit(source: &str, at: usize) -> Option<Diagnostic> {
    let rest = &source[at.min(source.len())..];
    let c = rest.chars().next()?;
    let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = source[line_start..at].trim_end();
    let line_rest = rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())].trim_end();
    let span = Span::new(at, at + c.len_utf8());
    match c {
        ':' | '=' => {
            let after = line_rest[1..].trim_start();
            let written = format!("{} {after}", before.trim_start());
            let what = if c == ':' { "`:`" } else { "`=`" };
            Some(
                Diagnostic::new(
                    Code::Syntax,
                    format!("a statement takes no {what} between its keyword and its value"),
                    span,
                    format!("remove this `{c}`"),
                )
                .with_help(format!("write `{}`", written.trim_end())),
            )
        }
        '/' if before.ends_with(|c: char| c.is_alphanumeric()) => {
            let unit: String = line_rest[1..].chars().take_while(|c| continues_name(*c)).collect();
            let unit = if unit.is_empty() { "month".to_string() } else { unit };
            Some(
                Diagnostic::new(
                    Code::Syntax,
                    format!("a rate is written with `per`, not `/`: `per {unit}`"),
                    Span::new(at, at + 1 + unit.len()),
                    "not a rate",
                )
                .with_help(format!("write `{} per {unit}`", before.trim_start())),
            )
        }
        '€' | '$' | '£' | '¥' => {
            let code = match c {
                '€' => "EUR",
                '$' => "USD",
                '£' => "GBP",
                _ => "JPY",
            };
            let number: String = line_rest[c.len_utf8()..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == '_')
                .collect();
            let number = if number.is_empty() { "12".to_string() } else { number };
            Some(
                Diagnostic::new(
                    Code::Syntax,
                    format!("a currency is written as its code after the number, not as `{c}`"),
                    span,
                    "currency symbol",
                )
                .with_help(format!("write `{number} {code}`")),
            )
        }
        _ => None,
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

/// The message of an unclosed string, which swallows the rest of its line.
const UNCLOSED_STRING: &str = "this string is not closed";

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

/// A syntax error, already in plain words.
struct SyntaxError {
    offset: usize,
    diagnostic: Box<Diagnostic>,
}

impl SyntaxError {
    fn from_pest(source: &str, base: usize, end: usize, error: &pest::error::Error<Rule>) -> Self {
        let relative = match error.location {
            pest::error::InputLocation::Pos(pos) => pos,
            pest::error::InputLocation::Span((pos, _)) => pos,
        };
        let offset = base + relative;
        let expected: Vec<&str> = match &error.variant {
            pest::error::ErrorVariant::ParsingError { positives, .. } => {
                let mut names: Vec<&str> = positives.iter().filter_map(|rule| expected_name(*rule)).collect();
                names.dedup();
                let mut seen = Vec::new();
                names.retain(|name| {
                    let fresh = !seen.contains(name);
                    seen.push(name);
                    fresh
                });
                names
            }
            pest::error::ErrorVariant::CustomError { .. } => Vec::new(),
        };
        let diagnostic = if let pest::error::ErrorVariant::CustomError { message } = &error.variant {
            // pest's own limits ("call limit reached", "stack limit reached").
            parser_limit(source, base, end, message)
        } else if offset >= end && end < source.len() && expected.contains(&"`}`") {
            unclosed_before(source, base, end)
        } else {
            explain_syntax_error(source, offset, end, &expected)
        };
        SyntaxError {
            offset,
            diagnostic: Box::new(diagnostic),
        }
    }
}

/// pest stopped at one of its limits while reading `source[start..end]`:
/// only a text larger than canvasc reads can make it (see [`crate::limits`]).
fn parser_limit(source: &str, start: usize, end: usize, reason: &str) -> Diagnostic {
    let line_end = source[start..end].find('\n').map_or(end, |i| start + i);
    Diagnostic::new(
        Code::TooLarge,
        format!(
            "this text of {} bytes is too large to parse: the parser stopped ({reason})",
            end - start
        ),
        Span::new(start, line_end),
        "the parser stopped in the text from here",
    )
    .with_help("canvasc reads files of at most 256 MiB; split the canvas into several files")
}

/// What a user would call the thing a grammar rule matches. The match has no
/// wildcard, so a new rule cannot ship without a readable name.
fn expected_name(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::file | Rule::items | Rule::item | Rule::item_head => "a block",
        Rule::scenario => "a scenario",
        Rule::scenario_keyword => "`scenario`",
        Rule::override_entry => "an override",
        Rule::body | Rule::scenario_body | Rule::override_body => "`{`",
        Rule::close_brace => "`}`",
        Rule::statement | Rule::statement_at => "a statement",
        Rule::override_at => "an override",
        Rule::override_body_at => "`{`",
        Rule::keyword | Rule::name => "a name",
        Rule::arguments | Rule::argument | Rule::atom => "a value",
        Rule::number => "a number",
        Rule::string => "a string",
        Rule::EOI => "the end of the file",
        Rule::WHITESPACE
        | Rule::COMMENT
        | Rule::line_break
        | Rule::separator
        | Rule::blank
        | Rule::comment
        | Rule::continuation
        | Rule::name_text => return None,
    })
}

/// A block whose `}` is missing before the next item or the end of the
/// file: the one error is labelled at the `{` it lacks a partner for (§4).
fn unclosed_block(open: Span, last: usize) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(Code::Syntax, "this block is not closed", open, "this `{` has no `}`");
    if last > open.end() {
        diagnostic = diagnostic.with_related(Span::new(last, last), "expected `}` after this");
    }
    diagnostic.with_help("close the block with `}`")
}

/// The same, from pest's error at the end of a window (used only when
/// recovery finds nothing else to say).
fn unclosed_before(source: &str, start: usize, end: usize) -> Diagnostic {
    let first_line_end = source[start..end].find('\n').map_or(end, |i| start + i);
    let text_end = start + source[start..end].trim_end().len();
    match source[start..first_line_end].find('{') {
        Some(brace) => unclosed_block(Span::new(start + brace, start + brace + 1), text_end),
        None => Diagnostic::new(
            Code::Syntax,
            "this block is not closed",
            Span::new(text_end, text_end),
            "expected `}`",
        )
        .with_help("close the block with `}` before the next block starts"),
    }
}

/// Turns "expected these rules at this offset" into a sentence, looking at
/// the text for the common mistakes pest cannot name.
fn explain_syntax_error(source: &str, offset: usize, end: usize, expected: &[&str]) -> Diagnostic {
    let offset = offset.min(source.len());
    let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[offset..].find('\n').map_or(source.len(), |i| offset + i);
    let line = &source[line_start..line_end];

    if let Some(quote) = unclosed_string(line) {
        let span = Span::new(line_start + quote, line_start + line.trim_end_matches('\r').len());
        return Diagnostic::new(Code::Syntax, UNCLOSED_STRING, span, "string starts here")
            .with_help("a string ends with `\"` on the same line; write `\\\"` for a quote inside it");
    }

    let rest = &source[offset..end.max(offset)];
    let found = rest.chars().next();
    let (span, found_text) = match found {
        None => (Span::new(offset, offset), "the end of the file".to_string()),
        Some('\n') => (Span::new(offset, offset), "the end of the line".to_string()),
        Some('\r') if rest.starts_with("\r\n") => (Span::new(offset, offset), "the end of the line".to_string()),
        Some(c) => {
            let token_len = if continues_name(c) {
                rest.find(|c: char| !continues_name(c)).unwrap_or(rest.len())
            } else {
                c.len_utf8()
            };
            let token = &rest[..token_len];
            (
                Span::new(offset, offset + token_len),
                format!("`{}`", crate::render::escape_control(token)),
            )
        }
    };

    if found == Some('\r') && !rest.starts_with("\r\n") {
        return Diagnostic::new(
            Code::Syntax,
            "a carriage return without a line feed",
            span,
            "lone `\\r`",
        )
        .with_help("lines end with `\\n` or `\\r\\n`");
    }
    if found == Some('-') && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return Diagnostic::new(Code::Syntax, "numbers have no sign", span, "remove this `-`")
            .with_help("every quantity in a canvas is non-negative");
    }
    if found == Some('{') && expected.contains(&"`}`") {
        return Diagnostic::new(
            Code::Syntax,
            "blocks do not nest: unexpected `{` inside a block",
            span,
            "unexpected `{`",
        )
        .with_help("close the previous block with `}` before starting a new one");
    }

    let top_level = expected.contains(&"the end of the file");
    let message = match expected {
        [] => format!("unexpected {found_text}"),
        _ if top_level => format!("expected a block, found {found_text}"),
        _ => format!("expected {}, found {found_text}", join_or(expected)),
    };
    let label = match found {
        None if expected.contains(&"`}`") => "the block is not closed".to_string(),
        None => "the file ends here".to_string(),
        Some(_) => format!("unexpected {found_text}"),
    };
    let mut diagnostic = Diagnostic::new(Code::Syntax, message, span, label);
    if expected.contains(&"`}`") && (found.is_none() || end < source.len()) {
        diagnostic = diagnostic.with_help("close the block with `}`");
    } else if top_level {
        diagnostic = diagnostic
            .with_help("a block starts with its kind and name, as in `segment young-women {`; comments start with `#`");
    } else if found == Some('{') {
        diagnostic = diagnostic.with_help("a block starts with its kind and name, as in `segment young-women {`");
    } else if found == Some('"') || found.is_some_and(|c| c.is_ascii_digit()) {
        diagnostic = diagnostic.with_help("statements start with a keyword, one per line (or separated by `;`)");
    }
    diagnostic
}

/// Where an unclosed string starts on this line, if one does.
fn unclosed_string(line: &str) -> Option<usize> {
    let mut in_string = None;
    let mut chars = line.char_indices();
    while let Some((index, c)) = chars.next() {
        match (in_string, c) {
            (None, '#') => return None,
            (None, '"') => in_string = Some(index),
            (Some(_), '\\') => {
                chars.next();
            }
            (Some(_), '"') => in_string = None,
            _ => {}
        }
    }
    in_string
}

fn join_or(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// Spans of comments: `#` outside a string, to the end of the line.
pub fn comment_spans(source: &str) -> Vec<Span> {
    let mut comments = Vec::new();
    let bytes = source.as_bytes();
    let mut index = 0;
    let mut in_string = false;
    while index < bytes.len() {
        match bytes[index] {
            b'\n' => in_string = false,
            b'"' => in_string = !in_string,
            b'\\' if in_string => index += 1,
            b'#' if !in_string => {
                let end = source[index..].find('\n').map_or(source.len(), |i| index + i);
                let end = if end > index && bytes[end - 1] == b'\r' {
                    end - 1
                } else {
                    end
                };
                comments.push(Span::new(index, end));
                index = end;
                continue;
            }
            _ => {}
        }
        index += 1;
    }
    comments
}

/// Lowers pest pairs into the syntax tree, one method per grammar rule.
struct Lower<'d> {
    /// Offset of the parsed text in the whole source.
    base: usize,
    /// Where escapes that do not exist are reported.
    diagnostics: &'d mut Vec<Diagnostic>,
}

impl Lower<'_> {
    fn span(&self, pair: &Pair<Rule>) -> Span {
        let span = pair.as_span();
        Span::new(self.base + span.start(), self.base + span.end())
    }

    fn items(mut self, pair: Pair<Rule>) -> Vec<Item> {
        pair.into_inner()
            .filter(|pair| pair.as_rule() == Rule::item)
            .map(|pair| self.item(pair))
            .collect()
    }

    fn item(&mut self, pair: Pair<Rule>) -> Item {
        let span = self.span(&pair);
        let mut keyword = None;
        let mut arguments = Vec::new();
        let mut body = None;
        for inner in pair.into_inner() {
            match inner.as_rule() {
                Rule::keyword | Rule::scenario_keyword => keyword = Some(self.word(inner)),
                Rule::arguments => arguments = self.arguments(inner),
                Rule::body | Rule::scenario_body => body = Some(self.body(inner)),
                // A scenario is an item of the same shape, whose body holds overrides.
                Rule::scenario => return self.item(inner),
                _ => {}
            }
        }
        let keyword = keyword.unwrap_or_else(|| Word {
            text: Str::default(),
            span: Span::new(span.start(), span.start()),
        });
        // pest's implicit trivia can leave trailing spaces and comments inside
        // a rule's span; an item ends with its last token.
        let end = body
            .as_ref()
            .map(|body| body.close.end())
            .or_else(|| arguments.last().map(|argument| argument.span.end()))
            .unwrap_or(keyword.span.end());
        Item {
            keyword,
            arguments,
            body,
            span: Span::new(span.start(), end),
            broken: false,
        }
    }

    fn body(&mut self, pair: Pair<Rule>) -> Body {
        let span = self.span(&pair);
        // The grammar makes a body's first and last bytes its braces.
        let open = Span::new(span.start(), span.start() + 1);
        let close = Span::new(span.end().saturating_sub(1), span.end());
        let mut statements = Vec::new();
        for inner in pair.into_inner() {
            if matches!(inner.as_rule(), Rule::statement | Rule::override_entry) {
                statements.push(self.statement(inner));
            }
        }
        Body {
            open,
            statements,
            close,
        }
    }

    fn statement(&mut self, pair: Pair<Rule>) -> Statement {
        let span = self.span(&pair);
        let mut keyword = None;
        let mut arguments = Vec::new();
        let mut body = None;
        for inner in pair.into_inner() {
            match inner.as_rule() {
                Rule::keyword => keyword = Some(self.word(inner)),
                Rule::arguments => arguments = self.arguments(inner),
                Rule::override_body => body = Some(self.body(inner)),
                _ => {}
            }
        }
        let keyword = keyword.unwrap_or_else(|| Word {
            text: Str::default(),
            span: Span::new(span.start(), span.start()),
        });
        let end = body.as_ref().map(|body| body.close.end()).unwrap_or_else(|| {
            arguments
                .last()
                .map_or(keyword.span.end(), |argument| argument.span.end())
        });
        Statement {
            keyword,
            arguments,
            span: Span::new(span.start(), end),
            body,
        }
    }

    fn word(&mut self, pair: Pair<Rule>) -> Word {
        let span = self.span(&pair);
        Word {
            text: Str::from(pair.as_str()),
            span,
        }
    }

    fn arguments(&mut self, pair: Pair<Rule>) -> Vec<Argument> {
        pair.into_inner()
            .filter(|pair| pair.as_rule() == Rule::argument)
            .map(|pair| self.argument(pair))
            .collect()
    }

    fn argument(&mut self, pair: Pair<Rule>) -> Argument {
        let span = self.span(&pair);
        let atoms = pair
            .into_inner()
            .filter_map(|atom| match atom.as_rule() {
                Rule::name => Some(Atom::Name(self.word(atom))),
                Rule::number => Some(Atom::Number(Number {
                    text: Str::from(atom.as_str()),
                    span: self.span(&atom),
                })),
                Rule::string => Some(Atom::Str(self.string(atom))),
                _ => None,
            })
            .collect();
        let atoms: Vec<Atom> = atoms;
        let end = atoms.last().map_or(span.end(), |atom| atom.span().end());
        Argument {
            atoms,
            span: Span::new(span.start(), end),
        }
    }

    fn string(&mut self, pair: Pair<Rule>) -> Text {
        let span = self.span(&pair);
        let raw = &pair.as_str()[1..pair.as_str().len() - 1];
        let value = match unescape(raw) {
            Ok(value) => value,
            Err((at, len, problem)) => {
                let escape = Span::new(span.start() + 1 + at, span.start() + 1 + at + len);
                self.diagnostics.push(
                    Diagnostic::new(Code::Syntax, format!("{problem} in this string"), escape, problem)
                        .with_help("the escapes are `\\\"`, `\\\\`, `\\n`, `\\t` and `\\u{...}`"),
                );
                Str::from(raw)
            }
        };
        Text { value, span }
    }
}

/// Unescapes a string body, or says where the first bad escape is.
fn unescape(raw: &str) -> Result<Str, (usize, usize, &'static str)> {
    if !raw.contains('\\') {
        return Ok(Str::from(raw));
    }
    let mut value = Str::with_capacity(raw.len());
    let mut chars = raw.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        if c != '\\' {
            value.push(c);
            continue;
        }
        match chars.next() {
            Some((_, '"')) => value.push('"'),
            Some((_, '\\')) => value.push('\\'),
            Some((_, 'n')) => value.push('\n'),
            Some((_, 't')) => value.push('\t'),
            Some((_, 'u')) => {
                let rest = &raw[index + 2..];
                let close = rest.find('}');
                let digits = match (rest.strip_prefix('{'), close) {
                    (Some(_), Some(close)) => &rest[1..close],
                    _ => return Err((index, 2, "`\\u` takes a code point in braces, as in `\\u{1F600}`")),
                };
                let escape_len = 2 + close.unwrap_or(0) + 1;
                let code_point = (1..=6)
                    .contains(&digits.len())
                    .then(|| u32::from_str_radix(digits, 16).ok())
                    .flatten()
                    .and_then(char::from_u32);
                match code_point {
                    Some(decoded) => value.push(decoded),
                    None => return Err((index, escape_len, "not a Unicode code point")),
                }
                for _ in 0..close.unwrap_or(0) + 1 {
                    chars.next();
                }
            }
            Some((_, other)) => return Err((index, 1 + other.len_utf8(), "unknown escape")),
            None => return Err((index, 1, "a lone `\\` at the end of the string")),
        }
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file large enough to be parsed in chunks, with a syntax error
    /// planted in some of its blocks.
    fn large(broken: &[usize]) -> String {
        let mut source = String::from("canvas \"Chunks\" { currency EUR }\n");
        for index in 0..20_000 {
            let need = if broken.contains(&index) {
                "need \"unclosed".to_string()
            } else {
                format!("need \"need {index}\"")
            };
            source.push_str(&format!(
                "segment s{index} \"Segment {index}\" {{\n  type niche\n  {need}\n}}\n\n"
            ));
        }
        source
    }

    /// What a parse of the whole file in one piece, in order, gives.
    fn in_order(source: &str) -> (Vec<Item>, Vec<Diagnostic>) {
        let points = resume_points(source, 0);
        let mut items = Vec::new();
        let diagnostics = parse_range(source, &points, 0, source.len(), &mut items);
        (items, diagnostics)
    }

    #[test]
    fn chunked_parsing_gives_what_parsing_in_order_gives() {
        for broken in [&[][..], &[9_000], &[0, 3_001, 19_999]] {
            let source = large(broken);
            assert!(source.len() > PARALLEL_THRESHOLD);
            let (items, diagnostics) = parse_into::<Vec<Item>>(&source);
            let (expected_items, expected_diagnostics) = in_order(&source);
            assert_eq!(items.len(), 20_001, "{broken:?}");
            assert_eq!(diagnostics.len(), broken.len(), "{broken:?}");
            assert!(items == expected_items, "items differ with errors in {broken:?}");
            assert_eq!(diagnostics, expected_diagnostics, "{broken:?}");
        }
    }

    #[test]
    fn a_parser_limit_is_a_too_large_diagnostic() {
        // pest's error when its call limit is reached (see `limit_parser_calls`).
        let source = "canvas \"x\"\nsegment a { need b }\n";
        let error = pest::error::Error::<Rule>::new_from_pos(
            pest::error::ErrorVariant::CustomError {
                message: "call limit reached".to_string(),
            },
            pest::Position::new(&source[11..], 5).unwrap_or_else(|| pest::Position::from_start(source)),
        );
        let error = SyntaxError::from_pest(source, 11, source.len(), &error);
        assert_eq!(error.diagnostic.code, Code::TooLarge);
        assert_eq!(error.diagnostic.primary_span(), Some(Span::new(11, 31)));
        assert!(
            error.diagnostic.message.contains("call limit reached"),
            "{}",
            error.diagnostic.message
        );
    }
}
