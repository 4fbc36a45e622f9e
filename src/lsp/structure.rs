//! The features that show a canvas's structure and what the model derives
//! from it: semantic tokens, document highlight, folding and selection
//! ranges, inlay hints, code lenses, range formatting and the fix-all action.
//!
//! Invariants: every feature reads the checked model and the text it was
//! checked from (never a newer text), and every position goes through the
//! client's encoding ([`super::position::Text`]).

use lsp_types::{
    CodeAction, CodeActionKind, CodeLens, Command, DocumentHighlight, DocumentHighlightKind, FoldingRange,
    FoldingRangeKind, InlayHint, InlayHintKind, InlayHintLabel, Location, SelectionRange, SemanticToken,
    SemanticTokenModifier, SemanticTokenType, SemanticTokensLegend, TextEdit, Uri, WorkspaceEdit,
};
use num_rational::BigRational;
use num_traits::Zero;

use super::Document;
use crate::model::derive::{format_decimal, months_per_period};
use crate::model::meanings::value_meaning;
use crate::model::*;
use crate::span::Span;

/// The token types of [`legend`], in order: a token's type is its index.
const TOKEN_TYPES: [SemanticTokenType; 7] = [
    SemanticTokenType::KEYWORD,     // block kinds and top-level keywords
    SemanticTokenType::PROPERTY,    // statement keywords
    SemanticTokenType::ENUM_MEMBER, // enumeration values
    SemanticTokenType::VARIABLE,    // identifiers: definitions and references
    SemanticTokenType::STRING,
    SemanticTokenType::NUMBER,
    SemanticTokenType::COMMENT,
];
const KEYWORD: u32 = 0;
const PROPERTY: u32 = 1;
const ENUM_MEMBER: u32 = 2;
const VARIABLE: u32 = 3;
const STRING: u32 = 4;
const NUMBER: u32 = 5;
const COMMENT: u32 = 6;
/// Modifier bits: a definition is also a declaration, as rust-analyzer marks them.
const DECLARATION: u32 = 1;
const DEFINITION: u32 = 2;

pub(super) fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TOKEN_TYPES.to_vec(),
        token_modifiers: vec![SemanticTokenModifier::DECLARATION, SemanticTokenModifier::DEFINITION],
    }
}

/// One lexical piece of the text: a comment, a string, a number or a word.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Piece {
    Comment,
    String,
    Number,
    Word,
}

/// The comments, strings, numbers and words of `source`, in order, read as
/// the grammar reads them (an unclosed string ends at its line's end).
fn pieces(source: &str) -> Vec<(Piece, Span)> {
    let bytes = source.as_bytes();
    let mut found = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        let start = index;
        let piece = match bytes[index] {
            b'#' => {
                index = source[index..].find('\n').map_or(source.len(), |end| index + end);
                Piece::Comment
            }
            b'"' => {
                index += 1;
                while index < bytes.len() && bytes[index] != b'"' && bytes[index] != b'\n' {
                    index += if bytes[index] == b'\\' { 2 } else { 1 };
                }
                index = (index + 1).min(bytes.len());
                Piece::String
            }
            b'0'..=b'9' => {
                while index < bytes.len() && (bytes[index].is_ascii_alphanumeric() || b"._".contains(&bytes[index])) {
                    index += 1;
                }
                Piece::Number
            }
            _ => {
                let rest = &source[index..];
                let length: usize = rest
                    .chars()
                    .take_while(|c| super::features::is_name_char(*c))
                    .map(char::len_utf8)
                    .sum();
                if length == 0 {
                    index += rest.chars().next().map_or(1, char::len_utf8);
                    continue;
                }
                index += length;
                Piece::Word
            }
        };
        let end = crate::lines::floor_char_boundary(source, index);
        found.push((piece, Span::new(start, end)));
        index = end.max(start + 1);
    }
    found
}

/// The semantic tokens of the whole document, encoded as the protocol asks
/// (each relative to the previous one).
pub(super) fn semantic_tokens(document: &Document) -> Vec<SemanticToken> {
    let model = &document.checked.model;
    let source = &document.source;
    let mut definitions: Vec<usize> = Vec::new();
    let mut heads: Vec<usize> = Vec::new();
    let mut statement_starts: Vec<usize> = Vec::new();
    for (id, block) in model.blocks() {
        heads.push(block.head.start());
        if id.kind != BlockKind::Relationship {
            if let Some(name) = &block.id {
                definitions.push(name.span.start());
            }
        }
        statement_starts.extend(block.statements.iter().map(|statement| statement.span.start()));
    }
    let references: Vec<usize> = model
        .references()
        .map(|reference| reference.name.span.start())
        .collect();
    definitions.sort_unstable();
    heads.sort_unstable();
    statement_starts.sort_unstable();
    let mut references = references;
    references.sort_unstable();
    let has = |list: &[usize], offset: usize| list.binary_search(&offset).is_ok();

    let text = document.text();
    let mut tokens = Vec::new();
    let (mut line, mut character) = (0u32, 0u32);
    let mut at_line_start = true;
    for (piece, span) in pieces(source) {
        let word = &source[span.start()..span.end()];
        let kind = match piece {
            Piece::Comment => Some((COMMENT, 0)),
            Piece::String => Some((STRING, 0)),
            Piece::Number => Some((NUMBER, 0)),
            Piece::Word if has(&definitions, span.start()) => Some((VARIABLE, DECLARATION | DEFINITION)),
            Piece::Word if has(&references, span.start()) => Some((VARIABLE, 0)),
            Piece::Word if has(&heads, span.start()) => Some((KEYWORD, 0)),
            Piece::Word if has(&statement_starts, span.start()) => Some((PROPERTY, 0)),
            Piece::Word if at_line_start && crate::syntax::TOP_LEVEL_KEYWORDS.contains(&word) => Some((KEYWORD, 0)),
            Piece::Word if value_meaning(word).is_some() => Some((ENUM_MEMBER, 0)),
            Piece::Word => None,
        };
        let line_start = source[..span.start()].rfind('\n').map_or(0, |i| i + 1);
        at_line_start = piece != Piece::Comment && source[line_start..span.end()].trim_start().len() == word.len();
        let Some((token_type, modifiers)) = kind else {
            continue;
        };
        let start = text.position(span.start());
        let end = text.position(span.end());
        if start.line != end.line {
            continue; // A token never spans lines.
        }
        let delta_line = start.line - line;
        let delta_start = if delta_line == 0 {
            start.character - character
        } else {
            start.character
        };
        tokens.push(SemanticToken {
            delta_line,
            delta_start,
            length: end.character - start.character,
            token_type,
            token_modifiers_bitset: modifiers,
        });
        line = start.line;
        character = start.character;
    }
    tokens
}

/// The block under the cursor (or named by the reference under it).
fn block_at(model: &Model, offset: usize) -> Option<BlockId> {
    let touches = |span: Span| span.start() <= offset && offset <= span.end();
    if let Some(reference) = model.references().find(|reference| touches(reference.name.span)) {
        return reference.target;
    }
    model
        .blocks()
        .find(|(id, block)| {
            id.kind != BlockKind::Relationship && block.id.as_ref().is_some_and(|name| touches(name.span))
        })
        .map(|(id, _)| id)
}

/// Every use of the name under the cursor: its definition (written) and its
/// references (read).
pub(super) fn highlights(document: &Document, offset: usize) -> Vec<DocumentHighlight> {
    let model = &document.checked.model;
    let Some(id) = block_at(model, offset) else {
        return Vec::new();
    };
    let text = document.text();
    let mut found = Vec::new();
    if let Some(name) = model.block(id).and_then(|block| block.id.as_ref()) {
        found.push(DocumentHighlight {
            range: text.range(name.span),
            kind: Some(DocumentHighlightKind::WRITE),
        });
    }
    found.extend(
        model
            .references()
            .filter(|reference| reference.target == Some(id))
            .map(|reference| DocumentHighlight {
                range: text.range(reference.name.span),
                kind: Some(DocumentHighlightKind::READ),
            }),
    );
    found
}

/// A fold per block of more than one line, and per run of two or more comment lines.
pub(super) fn folding_ranges(document: &Document) -> Vec<FoldingRange> {
    let text = document.text();
    let mut ranges: Vec<FoldingRange> = Vec::new();
    for (_, block) in document.checked.model.blocks() {
        let start = text.position(block.span.start()).line;
        let end = text.position(block.span.end()).line;
        if end > start {
            ranges.push(FoldingRange {
                start_line: start,
                end_line: end,
                kind: Some(FoldingRangeKind::Region),
                ..FoldingRange::default()
            });
        }
    }
    let mut run: Option<(u32, u32)> = None;
    for (index, line) in document.source.lines().enumerate() {
        let index = u32::try_from(index).unwrap_or(u32::MAX);
        if line.trim_start().starts_with('#') {
            run = Some(run.map_or((index, index), |(first, _)| (first, index)));
            continue;
        }
        if let Some((first, last)) = run.take().filter(|(first, last)| last > first) {
            ranges.push(comment_fold(first, last));
        }
    }
    if let Some((first, last)) = run.filter(|(first, last)| last > first) {
        ranges.push(comment_fold(first, last));
    }
    ranges.sort_by_key(|range| range.start_line);
    ranges
}

fn comment_fold(first: u32, last: u32) -> FoldingRange {
    FoldingRange {
        start_line: first,
        end_line: last,
        kind: Some(FoldingRangeKind::Comment),
        ..FoldingRange::default()
    }
}

/// For each offset, the ranges around it from the inside out: the word, the
/// statement, the block, the whole document.
pub(super) fn selection_ranges(document: &Document, offsets: &[usize]) -> Vec<SelectionRange> {
    let text = document.text();
    let source = &document.source;
    offsets
        .iter()
        .map(|&offset| {
            let mut spans: Vec<Span> = Vec::new();
            if let Some((_, span)) = pieces(source)
                .into_iter()
                .find(|(_, span)| span.start() <= offset && offset <= span.end())
            {
                spans.push(span);
            }
            let block = document
                .checked
                .model
                .blocks()
                .map(|(_, block)| block)
                .filter(|block| block.span.start() <= offset && offset <= block.span.end())
                .min_by_key(|block| block.span.len());
            if let Some(block) = block {
                if let Some(statement) = block
                    .statements
                    .iter()
                    .find(|statement| statement.span.start() <= offset && offset <= statement.span.end())
                {
                    spans.push(statement.span);
                }
                spans.push(block.span);
            }
            spans.push(Span::new(0, source.len()));
            spans.dedup();
            let mut range: Option<SelectionRange> = None;
            for span in spans.into_iter().rev() {
                range = Some(SelectionRange {
                    range: text.range(span),
                    parent: range.map(Box::new),
                });
            }
            range.unwrap_or(SelectionRange {
                range: text.range(Span::new(offset, offset)),
                parent: None,
            })
        })
        .collect()
}

/// A money figure with the canvas currency: `1.08 EUR`.
fn money(value: &BigRational, currency: Option<&str>) -> String {
    let figure = format_decimal(value, 2);
    match currency {
        Some(currency) => format!("{figure} {currency}"),
        None => figure,
    }
}

/// Hints after heads and rates, within `range`: a segment's journey coverage,
/// monthly revenue and LTV/CAC (where known), a relationship's intimacy and directness, and the
/// monthly value of a rate that is not monthly.
pub(super) fn inlay_hints(document: &Document, range: Span) -> Vec<InlayHint> {
    let model = &document.checked.model;
    let facts = &model.facts;
    let currency = model.currency();
    let text = document.text();
    let mut hints: Vec<(usize, String)> = Vec::new();
    for (index, segment) in model.segments.iter().enumerate() {
        let mut parts = Vec::new();
        if let Some(journey) = facts.journeys.get(index) {
            let covered = Phase::ALL.len() - journey.gaps().len();
            parts.push(format!("{covered}/{} phases", Phase::ALL.len()));
        }
        let economics = facts.economics.segments.get(index);
        if let Some(total) = economics
            .filter(|economics| economics.has_recurring_revenue)
            .and_then(|economics| economics.revenue_total.as_ref())
        {
            parts.push(format!("{} / month", money(total, currency)));
        }
        if let Some(ratio) = economics.and_then(|economics| economics.ltv_to_cac.as_ref()) {
            parts.push(format!("LTV/CAC {}", format_decimal(ratio, 1)));
        }
        hints.push((segment.block.head.end(), parts.join(" · ")));
    }
    for (index, relationship) in model.relationships.iter().enumerate() {
        let mut parts = Vec::new();
        if let Some(intimacy) = relationship
            .relationship_type
            .as_ref()
            .and_then(|kind| kind.value.intimacy())
        {
            parts.push(intimacy.to_string());
        }
        if let Some(directness) = facts.directness.get(index) {
            parts.push(directness.to_string());
        }
        hints.push((relationship.block.head.end(), parts.join(" · ")));
    }
    let rates = model
        .revenues
        .iter()
        .filter_map(|revenue| revenue.price.as_ref())
        .chain(model.costs.iter().filter_map(|cost| cost.amount.as_ref()))
        .chain(
            model
                .relationships
                .iter()
                .filter_map(|relationship| relationship.cost.as_ref()),
        )
        .chain(model.channels.iter().filter_map(|channel| channel.cost.as_ref()));
    for rate in rates {
        let Some(period) = rate.period.filter(|period| *period != Period::Month) else {
            continue;
        };
        let months = months_per_period(period);
        if months.is_zero() {
            continue;
        }
        let monthly = &rate.amount.value / months;
        hints.push((rate.span.end(), format!("≈ {} / month", format_decimal(&monthly, 2))));
    }
    hints.sort_by_key(|(offset, _)| *offset);
    hints
        .into_iter()
        .filter(|(offset, label)| !label.is_empty() && range.start() <= *offset && *offset <= range.end())
        .map(|(offset, label)| InlayHint {
            position: text.position(offset),
            label: InlayHintLabel::String(label),
            kind: Some(InlayHintKind::TYPE),
            text_edits: None,
            tooltip: None,
            padding_left: Some(true),
            padding_right: None,
            data: None,
        })
        .collect()
}

/// On each segment's head: how many propositions, relationships and
/// channels are for it, each showing those references.
pub(super) fn code_lenses(document: &Document, uri: &Uri) -> Vec<CodeLens> {
    let model = &document.checked.model;
    let text = document.text();
    let mut lenses = Vec::new();
    for (index, segment) in model.segments.iter().enumerate() {
        let naming = |references: &[Reference]| {
            references
                .iter()
                .find(|reference| {
                    reference.target
                        == Some(BlockId {
                            kind: BlockKind::Segment,
                            index,
                        })
                })
                .map(|reference| reference.name.span)
        };
        let propositions: Vec<Span> = model.propositions.iter().filter_map(|p| naming(&p.segments)).collect();
        let relationships: Vec<Span> = model.relationships.iter().filter_map(|r| naming(&r.segments)).collect();
        let channels: Vec<Span> = model.channels.iter().filter_map(|c| naming(&c.segments)).collect();
        let head = text.range(segment.block.head);
        for (spans, one, many) in [
            (propositions, "proposition", "propositions"),
            (relationships, "relationship", "relationships"),
            (channels, "channel", "channels"),
        ] {
            let title = format!("{} {}", spans.len(), if spans.len() == 1 { one } else { many });
            let locations: Vec<Location> = spans
                .into_iter()
                .map(|span| Location::new(uri.clone(), text.range(span)))
                .collect();
            lenses.push(CodeLens {
                range: head,
                command: Some(Command {
                    title,
                    // VS Code's own command; other clients show the title.
                    command: "editor.action.showReferences".into(),
                    arguments: Some(vec![
                        serde_json::json!(uri),
                        serde_json::json!(head.start),
                        serde_json::json!(locations),
                    ]),
                }),
                data: None,
            });
        }
    }
    lenses
}

/// The canonical layout of the lines of `range`: the changed lines of the
/// whole document's formatting that touch it (none when it has syntax errors).
pub(super) fn range_formatting(document: &Document, range: Span) -> Vec<TextEdit> {
    let Some(formatted) = crate::fmt::format_source(&document.source) else {
        return Vec::new();
    };
    let text = document.text();
    let old_lines: Vec<&str> = document.source.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = formatted.split_inclusive('\n').collect();
    let diff = similar::capture_diff_slices(similar::Algorithm::Myers, &old_lines, &new_lines);
    let line_offset = |line: usize| -> usize { old_lines[..line].iter().map(|l| l.len()).sum() };
    let mut edits = Vec::new();
    for op in diff {
        let (tag, old, new) = op.as_tag_tuple();
        if tag == similar::DiffTag::Equal {
            continue;
        }
        let span = Span::new(line_offset(old.start), line_offset(old.end));
        // A pure insertion touches the range where it goes.
        if span.end() < range.start() || span.start() > range.end() {
            continue;
        }
        edits.push(TextEdit::new(text.range(span), new_lines[new].concat()));
    }
    edits
}

/// `source.fixAll`: every certain fix at once, as `canvasc check --fix` applies them.
#[allow(clippy::mutable_key_type)] // `WorkspaceEdit` is keyed by `Uri`.
pub(super) fn fix_all(document: &Document, uri: &Uri) -> Option<CodeAction> {
    if !document
        .checked
        .diagnostics
        .iter()
        .any(|diagnostic| diagnostic.fix.is_some())
    {
        return None;
    }
    let levels = super::project_levels(uri);
    let fixed = crate::fix::fix(uri.as_str(), &document.source, &levels);
    if !fixed.changed() {
        return None;
    }
    let text = document.text();
    let mut changes = std::collections::HashMap::new();
    changes.insert(
        uri.clone(),
        vec![TextEdit::new(
            text.range(Span::new(0, document.source.len())),
            fixed.source,
        )],
    );
    Some(CodeAction {
        title: format!(
            "fix all certain problems ({})",
            if fixed.applied == 1 {
                "1 fix".to_string()
            } else {
                format!("{} fixes", fixed.applied)
            }
        ),
        kind: Some(CodeActionKind::SOURCE_FIX_ALL),
        edit: Some(WorkspaceEdit::new(changes)),
        ..CodeAction::default()
    })
}
