//! Error prose: pest's errors and the habits people bring from other
//! formats, turned into sentences with a help line.

use super::grammar::{continues_name, Rule};
use super::tree::Word;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::hazards::escape_control;
use crate::span::Span;

/// The start of the messages for habits after which the block is read whole,
/// so it is not broken.
pub(super) const HABIT_READ_WHOLE: &str = "the block's `{`";

/// `{` on the line after the block head: one error, and the block is read.
pub(super) fn brace_on_next_line(keyword: &Word, head_end: usize, brace: usize) -> Diagnostic {
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
pub(super) fn missing_open_brace(keyword: &Word, head_end: usize) -> Diagnostic {
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
pub(super) fn top_level_error(source: &str, pos: usize, to: usize) -> Diagnostic {
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
pub(super) fn habit(source: &str, at: usize) -> Option<Diagnostic> {
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

/// The message of an unclosed string, which swallows the rest of its line.
pub(super) const UNCLOSED_STRING: &str = "this string is not closed";

/// A syntax error, already in plain words.
pub(super) struct SyntaxError {
    pub(super) offset: usize,
    pub(super) diagnostic: Box<Diagnostic>,
}

impl SyntaxError {
    pub(super) fn from_pest(source: &str, base: usize, end: usize, error: &pest::error::Error<Rule>) -> Self {
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
pub(super) fn unclosed_block(open: Span, last: usize) -> Diagnostic {
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
pub(super) fn explain_syntax_error(source: &str, offset: usize, end: usize, expected: &[&str]) -> Diagnostic {
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
                format!("`{}`", escape_control(token)),
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

#[cfg(test)]
mod tests {
    use super::*;

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
