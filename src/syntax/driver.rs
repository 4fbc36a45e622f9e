//! The driver: a whole source text in, items and syntax diagnostics out,
//! on several threads for a large file ([`super::chunks`]), in order with
//! recovery otherwise ([`super::recovery`]).

use pest::Parser as _;

use super::chunks::parse_in_parallel;
use super::grammar::{limit_parser_calls, CanvasParser, Rule};
use super::recovery::{parse_range, resume_points};
use super::tree::{Item, ItemSink, SourceFile};
use crate::diagnostic::Diagnostic;
use crate::span::Span;

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
