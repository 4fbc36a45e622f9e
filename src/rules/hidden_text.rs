//! Rules about text that hides what it says, after rustc's lints:
//! `bidi-control` (a string or comment whose bidirectional controls can make
//! it read differently from what it is) and `confusable-name` (two
//! identifiers that differ but look alike, by the skeletons of Unicode
//! TR39).
//!
//! Invariants:
//!
//! - `bidi-control` reads the source text, not the model (comments are not in
//!   the model); it costs one pass over the text, and lexes only the lines
//!   that hold a bidirectional control. One diagnostic per string or comment,
//!   labelled over the whole token; an escape such as `\u{202E}` is visible
//!   and never fires.
//! - `confusable-name` compares every identifier a block defines, of any
//!   kind, by skeleton; only pairs where at least one name is not ASCII are
//!   reported (as rustc does: a file of ASCII names has none), the later
//!   definition labelled and the first related. Two equal names are
//!   `duplicate-definition`'s business (or allowed across kinds), never this.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use super::{Context, Findings};
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::model::BlockKind;
use crate::span::Span;

/// The bidirectional controls that reorder text (reference §4):
/// embeddings, overrides and their end (U+202A–U+202E), isolates and their
/// end (U+2066–U+2069), with the names Unicode gives them.
fn bidi_control_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        _ => return None,
    })
}

/// A string or a comment on one line, as byte offsets into the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token {
    Str(usize, usize),
    Comment(usize, usize),
}

/// The strings and comments of one line (`start..end`, without its line
/// break), as the grammar reads them: `#` outside a string starts a comment
/// to the end of the line; a string ends at its unescaped `"`, or, broken,
/// at the end of the line.
fn tokens(source: &str, start: usize, end: usize) -> Vec<Token> {
    let line = &source[start..end];
    let mut found = Vec::new();
    let mut chars = line.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '#' => {
                found.push(Token::Comment(start + at, end));
                break;
            }
            '"' => {
                let mut close = end;
                while let Some((inner, c)) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => {
                            close = start + inner + 1;
                            break;
                        }
                        _ => {}
                    }
                }
                found.push(Token::Str(start + at, close));
            }
            _ => {}
        }
    }
    found
}

/// `bidi-control`: a string or comment that holds a bidirectional control
/// character literally.
pub(super) fn bidi_control(source: &str, out: &mut Vec<Diagnostic>) {
    // Each line is lexed once, however many controls it holds: linear time.
    let mut lexed_until = 0;
    for (at, c) in source.char_indices() {
        if at < lexed_until || bidi_control_name(c).is_none() {
            continue;
        }
        let line_start = source[..at].rfind('\n').map_or(0, |newline| newline + 1);
        let line_end = source[at..].find('\n').map_or(source.len(), |newline| at + newline);
        lexed_until = line_end + 1;
        let line_end = if source[..line_end].ends_with('\r') {
            line_end - 1
        } else {
            line_end
        };
        for token in tokens(source, line_start, line_end) {
            let (Token::Str(from, to) | Token::Comment(from, to)) = token;
            let Some((c, name)) = source[from..to]
                .chars()
                .find_map(|c| bidi_control_name(c).map(|name| (c, name)))
            else {
                continue;
            };
            let what = match token {
                Token::Str(..) => "string",
                Token::Comment(..) => "comment",
            };
            out.push(
                Diagnostic::new(
                    Code::BidiControl,
                    format!(
                        "this {what} holds an invisible bidirectional control (U+{:04X} {name}): it may read differently from what it is",
                        u32::from(c)
                    ),
                    Span::new(from, to),
                    format!("holds U+{:04X}", u32::from(c)),
                )
                .with_help(match token {
                    Token::Str(..) => format!(
                        "remove it, or write it as the escape `\\u{{{:X}}}` if it is meant",
                        u32::from(c)
                    ),
                    Token::Comment(..) => "remove it: a comment has no use for it".to_string(),
                }),
            );
        }
    }
}

/// The TR39 skeleton of an identifier: what it looks like, so that two
/// names that look alike have the same one.
fn skeleton(name: &str) -> String {
    unicode_security::skeleton(name).collect()
}

/// `confusable-name`: two identifiers defined in the file that differ but
/// look alike.
pub(super) fn confusable_name(context: &Context, out: &mut Findings) {
    let model = context.model;
    let defines = |kind: BlockKind| kind != BlockKind::Header && kind != BlockKind::Relationship;
    // A file of ASCII names has no pair to report: nothing to compute.
    let any_non_ascii = model
        .blocks()
        .filter(|(id, _)| defines(id.kind))
        .filter_map(|(_, block)| block.id.as_ref())
        .any(|name| !name.value.is_ascii());
    if !any_non_ascii {
        return;
    }
    let mut blocks: Vec<_> = model
        .blocks()
        .filter(|(id, _)| defines(id.kind))
        .filter_map(|(id, block)| block.id.as_ref().map(|name| (id.kind, name)))
        .collect();
    blocks.sort_by_key(|(_, name)| name.span.start());
    let mut first_by_look: HashMap<String, (BlockKind, &crate::model::Spanned<crate::model::Str>)> = HashMap::new();
    for (kind, name) in blocks {
        match first_by_look.entry(skeleton(&name.value)) {
            Entry::Vacant(vacant) => {
                vacant.insert((kind, name));
            }
            Entry::Occupied(first) => {
                let (first_kind, first_name) = *first.get();
                if first_name.value == name.value || (name.value.is_ascii() && first_name.value.is_ascii()) {
                    continue;
                }
                out.push(
                    Diagnostic::new(
                        Code::ConfusableName,
                        format!(
                            "{} `{}` looks like {} `{}` but is another name",
                            kind.noun(),
                            name.value,
                            first_kind.noun(),
                            first_name.value
                        ),
                        name.span,
                        format!("looks like `{}`", first_name.value),
                    )
                    .with_related(first_name.span, "the name it looks like")
                    .with_help(format!(
                        "the two differ in {}: use one spelling, or names that look different",
                        differing_scripts(&first_name.value, &name.value)
                    )),
                );
            }
        }
    }
}

/// How two look-alike names differ, for the help line: the first characters
/// that differ, as code points.
fn differing_scripts(first: &str, second: &str) -> String {
    let pair = first.chars().zip(second.chars()).find(|(a, b)| a != b);
    match pair {
        Some((a, b)) => format!("`{a}` (U+{:04X}) and `{b}` (U+{:04X})", u32::from(a), u32::from(b)),
        None => "their letters".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes_of(source: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        bidi_control(source, &mut out);
        out.iter()
            .filter_map(Diagnostic::primary_span)
            .map(|span| (span.start(), span.end()))
            .collect()
    }

    #[test]
    fn one_diagnostic_per_string_or_comment_over_the_whole_token() {
        let source = "a \"x\u{202E}y\u{2066}\" b \"\u{2069}\" # c\u{202A}\n\"plain\" # \\u{202E}\n";
        let first = source.find('"').unwrap_or_default();
        assert_eq!(codes_of(source).len(), 3);
        assert_eq!(codes_of(source)[0].0, first);
        // Escapes and other lines are quiet.
        assert!(codes_of("\"\\u{202E}\" # \\u{2066}\n").is_empty());
    }

    #[test]
    fn a_quote_inside_a_comment_or_an_escaped_quote_does_not_open_a_string() {
        assert_eq!(codes_of("# \"\u{202E}\n").len(), 1);
        let source = "\"a\\\"b\u{202E}\"";
        assert_eq!(codes_of(source), [(0, source.len())]);
        // A broken string runs to the end of its line, without its `\r`.
        let source = "\"a\u{202E}\r\nnext";
        assert_eq!(codes_of(source), [(0, source.find('\r').unwrap_or_default())]);
    }

    #[test]
    fn skeletons_match_latin_and_cyrillic_look_alikes() {
        assert_eq!(skeleton("admin"), skeleton("\u{0430}dmin"));
        assert_ne!(skeleton("admin"), skeleton("adnin"));
    }
}
