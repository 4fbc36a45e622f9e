//! Lowering: pest pairs into the syntax tree, one method per grammar rule,
//! strings unescaped on the way.

use pest::iterators::Pair;

use super::grammar::Rule;
use super::tree::{Argument, Atom, Body, Item, Number, Statement, Text, Word};
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::span::{Span, Str};

/// Lowers pest pairs into the syntax tree, one method per grammar rule.
pub(super) struct Lower<'d> {
    /// Offset of the parsed text in the whole source.
    pub(super) base: usize,
    /// Where escapes that do not exist are reported.
    pub(super) diagnostics: &'d mut Vec<Diagnostic>,
}

impl Lower<'_> {
    fn span(&self, pair: &Pair<Rule>) -> Span {
        let span = pair.as_span();
        Span::new(self.base + span.start(), self.base + span.end())
    }

    pub(super) fn items(mut self, pair: Pair<Rule>) -> Vec<Item> {
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

    pub(super) fn statement(&mut self, pair: Pair<Rule>) -> Statement {
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

    pub(super) fn word(&mut self, pair: Pair<Rule>) -> Word {
        let span = self.span(&pair);
        Word {
            text: Str::from(pair.as_str()),
            span,
        }
    }

    pub(super) fn arguments(&mut self, pair: Pair<Rule>) -> Vec<Argument> {
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
