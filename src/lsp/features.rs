//! The language features, each a function from a document and a position
//! to LSP values.

use lsp_types::{
    CodeAction, CodeActionKind, CompletionItem, CompletionItemKind, CompletionTextEdit, Diagnostic as LspDiagnostic,
    DiagnosticRelatedInformation, DiagnosticSeverity, DocumentSymbol, Hover, HoverContents, Location, MarkupContent,
    MarkupKind, NumberOrString, SymbolKind, TextEdit, Uri, WorkspaceEdit,
};

use super::position::Text;
use super::Document;
use crate::code::Severity;
use crate::model::meanings::{block_meaning, value_meaning};
use crate::model::statements::{self, statements, Shape};
use crate::model::*;
use crate::span::Span;

/// The document's diagnostics for the client.
pub(super) fn diagnostics(document: &Document, uri: &Uri) -> Vec<LspDiagnostic> {
    let text = document.text();
    document
        .checked
        .diagnostics
        .iter()
        .map(|diagnostic| {
            let span = diagnostic.primary_span().unwrap_or_default();
            let mut message = diagnostic.message.clone();
            if let Some(help) = &diagnostic.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            let related: Vec<DiagnosticRelatedInformation> = diagnostic
                .labels
                .iter()
                .skip(1)
                .map(|label| DiagnosticRelatedInformation {
                    location: Location::new(uri.clone(), text.range(label.span)),
                    message: label.message.clone(),
                })
                .collect();
            LspDiagnostic {
                range: text.range(span),
                severity: Some(match diagnostic.severity {
                    Severity::Error => DiagnosticSeverity::ERROR,
                    Severity::Warning => DiagnosticSeverity::WARNING,
                    Severity::Advice => DiagnosticSeverity::INFORMATION,
                }),
                code: Some(NumberOrString::String(diagnostic.code.to_string())),
                source: Some("canvasc".to_string()),
                message,
                related_information: (!related.is_empty()).then_some(related),
                ..LspDiagnostic::default()
            }
        })
        .collect()
}

/// What the cursor is on.
enum Target<'m> {
    Reference(&'m Reference),
    Definition(BlockId),
}

fn touches(span: Span, offset: usize) -> bool {
    span.start() <= offset && offset <= span.end()
}

fn target_at(model: &Model, offset: usize) -> Option<Target<'_>> {
    if let Some(reference) = model
        .references()
        .find(|reference| touches(reference.name.span, offset))
    {
        return Some(Target::Reference(reference));
    }
    model
        .blocks()
        .find(|(id, block)| {
            id.kind != BlockKind::Relationship && block.id.as_ref().is_some_and(|name| touches(name.span, offset))
        })
        .map(|(id, _)| Target::Definition(id))
}

/// The block a target stands for.
fn block_of(target: &Target) -> Option<BlockId> {
    match target {
        Target::Reference(reference) => reference.target,
        Target::Definition(id) => Some(*id),
    }
}

fn describe_block(model: &Model, id: BlockId) -> String {
    let Some(block) = model.block(id) else {
        return String::new();
    };
    let mut text = format!("**{}** `{}`", id.kind.noun(), block.name());
    if let Some(label) = &block.label {
        text.push_str(&format!(" — {}", label.value));
    }
    if let Some(meaning) = block_meaning(id.kind.keyword()) {
        text.push_str(&format!("\n\n{meaning}"));
    }
    if let BlockKind::Segment = id.kind {
        let segment = &model.segments[id.index];
        if let Some(kind) = &segment.segment_type {
            text.push_str(&format!("\n\ntype `{}`", kind.value));
        }
        if !segment.needs.is_empty() {
            let needs: Vec<String> = segment.needs.iter().map(|need| format!("\"{}\"", need.value)).collect();
            text.push_str(&format!("\n\nneeds: {}", needs.join(", ")));
        }
        let figures = model.facts.economics.segments.get(id.index);
        if let Some(figures) = figures.filter(|figures| {
            figures.has_recurring_per_customer || figures.lifetime_months.is_some() || figures.has_acquisition_cost
        }) {
            text.push_str(&unit_economics_hover(figures, model.currency()));
        }
    }
    text
}

/// A segment's unit economics, per customer and per month, for its hover.
fn unit_economics_hover(figures: &crate::model::SegmentEconomics, currency: Option<&str>) -> String {
    use crate::model::derive::{format_decimal, Payback};
    let money = |value: &num_rational::BigRational| crate::output::text::money(value, currency);
    let mut lines = vec![format!(
        "revenue {} − cost {} = contribution {} per customer a month",
        money(&figures.revenue_per_customer),
        money(&figures.cost_per_customer),
        money(&figures.contribution_per_customer)
    )];
    if let Some(lifetime) = &figures.lifetime_months {
        lines.push(format!("lifetime {} months", format_decimal(lifetime, 2)));
    }
    if let Some(ltv) = &figures.lifetime_value {
        lines.push(format!("lifetime value (LTV) {}", money(ltv)));
    }
    if figures.has_acquisition_cost {
        lines.push(format!("acquisition cost (CAC) {}", money(&figures.acquisition_cost)));
    }
    if let Some(ratio) = &figures.ltv_to_cac {
        lines.push(format!("LTV to CAC {}", format_decimal(ratio, 2)));
    }
    match &figures.payback {
        Payback::Months(months) => lines.push(format!("payback {} months", format_decimal(months, 2))),
        Payback::Never => lines.push("payback never".to_string()),
        Payback::Unknown => {}
    }
    format!("\n\n{}", lines.join("  \n"))
}

/// Hover: a reference shows the block it names; a keyword or value what it means.
pub(super) fn hover(document: &Document, offset: usize) -> Option<Hover> {
    let model = &document.checked.model;
    let text = document.text();
    if let Some(target) = target_at(model, offset) {
        let (span, value) = match &target {
            Target::Reference(reference) => match reference.target {
                Some(id) => (reference.name.span, describe_block(model, id)),
                None => (
                    reference.name.span,
                    format!("no {} named `{}`", reference.expects.noun(), reference.name.value),
                ),
            },
            Target::Definition(id) => (
                model.block(*id).map(|block| block.name_span()).unwrap_or_default(),
                describe_block(model, *id),
            ),
        };
        return Some(markdown_hover(value, Some(text.range(span))));
    }
    let (word, span) = word_at(&document.source, offset)?;
    let in_block = enclosing_block(&document.source, offset);
    let meaning = match in_block {
        Some(kind) if line_starts_with_word(&document.source, span.start()) => statements::find(kind, word)
            .map(|spec| format!("**{}** — `{}`\n\n{}", spec.keyword, spec.form, spec.meaning)),
        None if line_starts_with_word(&document.source, span.start()) => {
            block_meaning(word).map(|meaning| format!("**{word}**\n\n{meaning}"))
        }
        _ => None,
    }
    .or_else(|| {
        value_meaning_at(&document.source, span.start(), in_block, word)
            .map(|meaning| format!("**{word}**\n\n{meaning}"))
    })?;
    Some(markdown_hover(meaning, Some(text.range(span))))
}

/// What `word`, starting at `start`, means as a value of the statement it
/// is written in: a value means what its enumeration says it does. Where
/// the statement is not one of the block's, the first enumeration that has
/// the word says.
fn value_meaning_at(source: &str, start: usize, block: Option<BlockKind>, word: &str) -> Option<&'static str> {
    let line_start = source[..start].rfind(['\n', ';', '{']).map_or(0, |i| i + 1);
    let keyword = source[line_start..start]
        .split(|c: char| c.is_whitespace() || c == ',')
        .find(|word| !word.is_empty());
    let vocabulary = match (block, keyword) {
        (Some(kind), Some(keyword)) => statements::find(kind, keyword).and_then(|spec| spec.shape.vocabulary()),
        (None, Some("relationship")) => Some(&RelationshipType::VOCABULARY),
        _ => None,
    };
    vocabulary
        .and_then(|vocabulary| vocabulary.meaning(word))
        .or_else(|| value_meaning(word))
}

fn markdown_hover(value: String, range: Option<lsp_types::Range>) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range,
    }
}

/// A character that may follow the first of an identifier, as the grammar's
/// `name` rule says: a letter, a mark, an ASCII digit, `-` or `_`.
pub(super) fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_' || pest::unicode::LETTER(c) || pest::unicode::MARK(c)
}

/// Whether `text` is an identifier of the grammar (`name`): a letter, then
/// name characters.
pub(super) fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || pest::unicode::LETTER(first))
        && chars.all(is_name_char)
}

/// The name-like word around `offset`.
fn word_at(source: &str, offset: usize) -> Option<(&str, Span)> {
    let offset = crate::lines::floor_char_boundary(source, offset);
    let start = source[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_name_char(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = source[offset..]
        .find(|c: char| !is_name_char(c))
        .map_or(source.len(), |i| offset + i);
    (start < end).then(|| (&source[start..end], Span::new(start, end)))
}

/// Whether the word at `start` is the first word of its statement.
fn line_starts_with_word(source: &str, start: usize) -> bool {
    let line_start = source[..start].rfind(['\n', ';', '{']).map_or(0, |i| i + 1);
    source[line_start..start].trim().is_empty()
}

/// The kind of block whose braces enclose `offset`, read from the text so
/// it works while the file is being typed and does not parse.
fn enclosing_block(source: &str, offset: usize) -> Option<BlockKind> {
    let offset = crate::lines::floor_char_boundary(source, offset);
    let mut open: Option<usize> = None;
    let mut in_string = false;
    let mut in_comment = false;
    let bytes = source.as_bytes();
    let mut index = 0;
    while index < offset {
        match bytes[index] {
            b'\n' => {
                in_string = false;
                in_comment = false;
            }
            _ if in_comment => {}
            b'\\' if in_string => index += 1,
            b'"' => in_string = !in_string,
            b'#' if !in_string => in_comment = true,
            b'{' if !in_string => open = Some(index),
            b'}' if !in_string => open = None,
            _ => {}
        }
        index += 1;
    }
    let open = open?;
    let line_start = source[..open].rfind('\n').map_or(0, |i| i + 1);
    let keyword = source[line_start..open].split_whitespace().next()?;
    BlockKind::from_keyword(keyword)
}

fn item(label: &str, kind: CompletionItemKind, detail: Option<&str>) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail: detail.map(str::to_string),
        ..CompletionItem::default()
    }
}

/// The values of an enumeration, each with what it means there.
fn values(vocabulary: &Vocabulary) -> Vec<CompletionItem> {
    vocabulary
        .words
        .iter()
        .map(|word| item(word.spelling, CompletionItemKind::ENUM_MEMBER, word.meaning))
        .collect()
}

/// Completion: statements in a block, values after a statement, names where
/// a reference goes, and profile texts after `meets`, `relieves`, `creates`, `helps`.
///
/// Each item replaces what is typed of its word (inside a string, the text
/// after its opening quote) and closes the string it completes; a list does
/// not offer what it already holds (`kind price, ` no longer offers `price`).
pub(super) fn completion(text: &Text, checked: &crate::Checked, offset: usize) -> Vec<CompletionItem> {
    let source = text.text;
    let offset = crate::lines::floor_char_boundary(source, offset.min(source.len()));
    let line_start = source[..offset].rfind(['\n', ';', '{']).map_or(0, |i| i + 1);
    let before = &source[line_start..offset];
    let open_quote = open_string(before).map(|at| line_start + at);
    let typed_from = match open_quote {
        Some(quote) => quote + 1,
        None => source[..offset]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_name_char(*c))
            .last()
            .map_or(offset, |(i, _)| i),
    };
    let closed = open_quote.is_some() && source[offset..].starts_with('"');
    // What the statement already lists, less the word being typed.
    let listed = &source[line_start..typed_from];
    let used: Vec<String> = listed
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|word| !word.is_empty())
        .skip(1)
        .filter(|word| !word.starts_with('"'))
        .map(str::to_string)
        .chain(quoted_texts(listed))
        .collect();
    let range = text.range(Span::new(typed_from, offset));
    completion_items(source, checked, offset)
        .into_iter()
        .filter(|item| !used.contains(&item.label))
        .map(|mut item| {
            let mut new_text = item.insert_text.take().unwrap_or_else(|| item.label.clone());
            if open_quote.is_some() {
                // Inside a string: the text alone, then the closing quote.
                new_text = item.label.clone();
                if !closed {
                    new_text.push('"');
                }
            }
            item.text_edit = Some(CompletionTextEdit::Edit(TextEdit::new(range, new_text)));
            item
        })
        .collect()
}

/// Where the string left open at the end of `line` starts, if one is.
fn open_string(line: &str) -> Option<usize> {
    let mut open = None;
    let mut escaped = false;
    for (index, c) in line.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if open.is_some() => escaped = true,
            '"' => open = if open.is_some() { None } else { Some(index) },
            '#' if open.is_none() => return None,
            _ => {}
        }
    }
    open
}

/// The texts of the closed strings of `line`, as written between their quotes.
fn quoted_texts(line: &str) -> Vec<String> {
    let mut texts = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find('"') {
        let Some(length) = rest[start + 1..].find('"') else {
            break;
        };
        texts.push(rest[start + 1..start + 1 + length].to_string());
        rest = &rest[start + length + 2..];
    }
    texts
}

fn completion_items(source: &str, checked: &crate::Checked, offset: usize) -> Vec<CompletionItem> {
    let line_start = source[..offset].rfind(['\n', ';', '{']).map_or(0, |i| i + 1);
    let before = &source[line_start..offset];
    let words: Vec<&str> = before
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    // At the start of a statement (nothing typed yet, or its first word being typed).
    let typing_first_word = words.is_empty() || (words.len() == 1 && !before.ends_with(char::is_whitespace));
    let block = enclosing_block(source, offset);
    let model = &checked.model;
    let names = |namespace: Namespace| -> Vec<CompletionItem> {
        let mut found: Vec<CompletionItem> = checked
            .names
            .in_namespace(namespace)
            .map(|name| item(name, CompletionItemKind::REFERENCE, Some(namespace.noun())))
            .collect();
        found.sort_by(|a, b| a.label.cmp(&b.label));
        found
    };
    let Some(kind) = block else {
        if typing_first_word {
            return crate::syntax::TOP_LEVEL_KEYWORDS
                .iter()
                .map(|keyword| item(keyword, CompletionItemKind::KEYWORD, block_meaning(keyword)))
                .collect();
        }
        return match words.first().copied() {
            Some("relationship") if words.len() <= 2 => values(&RelationshipType::VOCABULARY),
            Some("allow") => codes(),
            _ => Vec::new(),
        };
    };
    if typing_first_word {
        return statements(kind)
            .map(|spec| item(spec.keyword, CompletionItemKind::KEYWORD, Some(spec.meaning)))
            .collect();
    }
    let keyword = words.first().copied().unwrap_or_default();
    // What follows a statement's keyword is what its shape takes.
    let Some(spec) = statements::find(kind, keyword) else {
        return Vec::new();
    };
    match spec.shape {
        Shape::Value(vocabulary) | Shape::Values(vocabulary) => values(vocabulary),
        // The phase, not the text after it.
        Shape::Phase if words.len() <= 2 => values(&Phase::VOCABULARY),
        Shape::Reference(namespace) | Shape::References(namespace) => names(namespace),
        Shape::Answers(_) => profile_texts(model, offset, keyword),
        Shape::Codes => codes(),
        _ => Vec::new(),
    }
}

fn codes() -> Vec<CompletionItem> {
    crate::Code::ALL
        .iter()
        .filter(|code| code.severity() != Severity::Error)
        .map(|code| item(code.as_str(), CompletionItemKind::VALUE, Some(&code.summary())))
        .collect()
}

/// The needs, pains, gains or jobs of the segments the proposition at
/// `offset` is for (of every segment, when it names none yet).
fn profile_texts(model: &Model, offset: usize, keyword: &str) -> Vec<CompletionItem> {
    let proposition = model.propositions.iter().find(|proposition| {
        let span = proposition.block.span;
        span.start() <= offset && offset <= span.end().max(span.start())
    });
    let segments: Vec<&Segment> = match proposition {
        Some(proposition) if proposition.segments.iter().any(|reference| reference.target.is_some()) => {
            targets(&proposition.segments, BlockKind::Segment)
                .map(|index| &model.segments[index])
                .collect()
        }
        _ => model.segments.iter().collect(),
    };
    let mut items = Vec::new();
    for segment in segments {
        let (texts, what) = match keyword {
            "meets" => (&segment.needs, "need"),
            "relieves" => (&segment.pains, "pain"),
            "creates" => (&segment.gains, "gain"),
            _ => (&segment.jobs, "job"),
        };
        for text in texts {
            let mut completion = item(
                &text.value,
                CompletionItemKind::TEXT,
                Some(&format!("{what} of {}", segment.block.name())),
            );
            completion.insert_text = Some(format!("\"{}\"", text.value));
            if !items
                .iter()
                .any(|existing: &CompletionItem| existing.label == completion.label)
            {
                items.push(completion);
            }
        }
    }
    items
}

/// Where the block under the cursor (or named by the reference under it) is defined.
pub(super) fn definition(document: &Document, uri: &Uri, offset: usize) -> Option<Location> {
    let model = &document.checked.model;
    let id = block_of(&target_at(model, offset)?)?;
    let block = model.block(id)?;
    Some(Location::new(uri.clone(), document.text().range(block.name_span())))
}

/// The spans of every use of the block under the cursor.
fn uses(model: &Model, id: BlockId, include_definition: bool) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    if include_definition {
        if let Some(name) = model.block(id).and_then(|block| block.id.as_ref()) {
            spans.push(name.span);
        }
    }
    spans.extend(
        model
            .references()
            .filter(|reference| reference.target == Some(id))
            .map(|reference| reference.name.span),
    );
    spans
}

pub(super) fn references(document: &Document, uri: &Uri, offset: usize, include_declaration: bool) -> Vec<Location> {
    let model = &document.checked.model;
    let Some(id) = target_at(model, offset).as_ref().and_then(block_of) else {
        return Vec::new();
    };
    let text = document.text();
    uses(model, id, include_declaration)
        .into_iter()
        .map(|span| Location::new(uri.clone(), text.range(span)))
        .collect()
}

/// The identifier a rename would change, if the cursor is on one.
pub(super) fn prepare_rename(document: &Document, offset: usize) -> Option<lsp_types::Range> {
    let model = &document.checked.model;
    let target = target_at(model, offset)?;
    let id = block_of(&target)?;
    let span = match target {
        Target::Reference(reference) => reference.name.span,
        Target::Definition(_) => model.block(id)?.id.as_ref()?.span,
    };
    Some(document.text().range(span))
}

/// Renames the identifier under the cursor and every reference to it.
// `WorkspaceEdit` is keyed by `Uri`, whose cached parts clippy takes for mutable.
#[allow(clippy::mutable_key_type)]
pub(super) fn rename(
    document: &Document,
    uri: &Uri,
    offset: usize,
    new_name: &str,
) -> Result<Option<WorkspaceEdit>, String> {
    if !is_identifier(new_name) {
        return Err(format!(
            "`{new_name}` is not an identifier: a letter, then letters, marks, digits, `-` or `_`"
        ));
    }
    let model = &document.checked.model;
    let Some(id) = target_at(model, offset).as_ref().and_then(block_of) else {
        return Ok(None);
    };
    let namespace = id.kind.namespace();
    if let Some(existing) = document.checked.names.get(namespace, new_name) {
        if existing != id {
            return Err(format!(
                "a {} named `{new_name}` already exists: renaming would define it twice",
                namespace.noun()
            ));
        }
    }
    let text = document.text();
    let edits: Vec<TextEdit> = uses(model, id, true)
        .into_iter()
        .map(|span| TextEdit::new(text.range(span), new_name.to_string()))
        .collect();
    let mut changes = std::collections::HashMap::new();
    changes.insert(uri.clone(), edits);
    Ok(Some(WorkspaceEdit::new(changes)))
}

/// An outline of the canvas: one symbol per block, in source order.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written out.
pub(super) fn document_symbols(document: &Document) -> Vec<DocumentSymbol> {
    let text = document.text();
    let mut blocks: Vec<(BlockId, &Block)> = document.checked.model.blocks().collect();
    blocks.sort_by_key(|(_, block)| block.span.start());
    blocks
        .into_iter()
        .map(|(id, block)| {
            let name = match id.kind {
                BlockKind::Header => format!("canvas {}", block.display_name()),
                _ => format!("{} {}", id.kind.keyword(), block.name()),
            };
            let kind = match id.kind {
                BlockKind::Header => SymbolKind::FILE,
                BlockKind::Segment => SymbolKind::CLASS,
                BlockKind::Proposition => SymbolKind::INTERFACE,
                BlockKind::Relationship => SymbolKind::EVENT,
                BlockKind::Channel => SymbolKind::FUNCTION,
                BlockKind::Revenue => SymbolKind::NUMBER,
                BlockKind::Cost => SymbolKind::NUMBER,
                BlockKind::Partner => SymbolKind::OBJECT,
                BlockKind::Activity => SymbolKind::METHOD,
                BlockKind::Resource => SymbolKind::CONSTANT,
            };
            let range = text.range(block.span);
            let selection = text.range(block.name_span());
            let children: Vec<DocumentSymbol> = block
                .statements
                .iter()
                .map(|statement| {
                    let written = document
                        .source
                        .get(statement.span.start()..statement.span.end())
                        .unwrap_or_default();
                    // The keyword as written, which may be a misspelling read as its candidate.
                    let keyword_length = written.find(|c: char| !is_name_char(c)).unwrap_or(written.len());
                    let rest = written[keyword_length..].trim();
                    let detail: String = rest.lines().next().unwrap_or_default().chars().take(80).collect();
                    let keyword_end = statement.span.start() + keyword_length;
                    DocumentSymbol {
                        name: statement.keyword().to_string(),
                        detail: (!detail.is_empty()).then_some(detail),
                        kind: SymbolKind::FIELD,
                        tags: None,
                        deprecated: None,
                        range: text.range(statement.span),
                        selection_range: text.range(Span::new(statement.span.start(), keyword_end)),
                        children: None,
                    }
                })
                .collect();
            DocumentSymbol {
                name: if name.trim().is_empty() {
                    id.kind.keyword().to_string()
                } else {
                    name
                },
                detail: block.label.as_ref().map(|label| label.value.to_string()),
                kind,
                tags: None,
                deprecated: None,
                range,
                selection_range: selection,
                children: (!children.is_empty()).then_some(children),
            }
        })
        .collect()
}

/// The whole document in canonical layout, as one edit (none if already canonical
/// or if it has syntax errors).
pub(super) fn formatting(document: &Document) -> Vec<TextEdit> {
    let Some(formatted) = crate::fmt::format_source(&document.source) else {
        return Vec::new();
    };
    if formatted == document.source {
        return Vec::new();
    }
    let text = document.text();
    vec![TextEdit::new(
        text.range(Span::new(0, document.source.len())),
        formatted,
    )]
}

/// Quick fixes: the certain fix of each diagnostic in the range.
#[allow(clippy::mutable_key_type)] // See `rename`.
pub(super) fn code_actions(document: &Document, uri: &Uri, range: Span) -> Vec<CodeAction> {
    let text = document.text();
    document
        .checked
        .diagnostics
        .iter()
        .filter_map(|diagnostic| {
            let fix = diagnostic.fix.as_ref()?;
            let span = diagnostic.primary_span()?;
            if span.end() < range.start() || span.start() > range.end() {
                return None;
            }
            let mut changes = std::collections::HashMap::new();
            changes.insert(
                uri.clone(),
                vec![TextEdit::new(text.range(fix.span), fix.replacement.clone())],
            );
            Some(CodeAction {
                title: format!("replace with `{}`", fix.replacement),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: None,
                edit: Some(WorkspaceEdit::new(changes)),
                is_preferred: Some(true),
                ..CodeAction::default()
            })
        })
        .collect()
}
