//! Rules about the shape of the canvas: headers, duplicates, required and
//! repeated statements, currencies, contradictions, classification.

use std::collections::HashMap;

use super::{Context, Findings};
use crate::code::Code;
use crate::diagnostic::{a, Diagnostic};
use crate::model::statements::{self, Cardinality};
use crate::model::{ChannelType, Link, Owner, RelationshipType};

/// `missing-header`: a file without `canvas "..."`.
pub(super) fn missing_header(context: &Context, out: &mut Findings) {
    if context.model.headers.is_empty() {
        out.push(
            Diagnostic::whole_file(Code::MissingHeader, "this file has no `canvas \"...\"` header")
                .with_help("start the file with a header such as `canvas \"My Business\" { currency EUR }`"),
        );
    }
}

/// `duplicate-header`: every header after the first.
pub(super) fn duplicate_header(context: &Context, out: &mut Findings) {
    let Some((first, rest)) = context.model.headers.split_first() else {
        return;
    };
    for header in rest {
        out.push(
            Diagnostic::new(
                Code::DuplicateHeader,
                "a file has one `canvas` header",
                header.block.head,
                "second header",
            )
            .with_related(first.block.head, "first header here")
            .with_help("one file describes one business model; merge the headers or split the file"),
        );
    }
}

/// `duplicate-definition`: two blocks of one namespace with one identifier,
/// or two relationships with the same type, label and segments.
pub(super) fn duplicate_definition(context: &Context, out: &mut Findings) {
    let mut relationships: HashMap<(&str, Option<&str>, Vec<&str>), crate::span::Span> =
        HashMap::with_capacity(context.model.relationships.len());
    let mut found = Vec::new();
    // Resolution met every name defined twice while building its table.
    for &(again, first) in context.names.duplicates() {
        let (Some(block), Some(first)) = (context.model.block(again), context.model.block(first)) else {
            continue;
        };
        let Some(id) = &block.id else { continue };
        let message = if first.kind == block.kind {
            format!("{} `{}` is defined twice", block.kind.noun(), id.value)
        } else {
            format!(
                "`{}` is already {}; resources and activities share one set of names",
                id.value,
                a(first.kind.noun())
            )
        };
        found.push(
            Diagnostic::new(Code::DuplicateDefinition, message, id.span, "defined again here")
                .with_related(first.name_span(), "first defined here")
                .with_help("rename one of them, or merge the two blocks"),
        );
    }
    for relationship in &context.model.relationships {
        let block = &relationship.block;
        let mut segments: Vec<&str> = relationship
            .segments
            .iter()
            .map(|reference| reference.name.value.as_str())
            .collect();
        segments.sort_unstable();
        segments.dedup();
        let key = (
            block.name(),
            block.label.as_ref().map(|label| label.value.as_str()),
            segments,
        );
        match relationships.get(&key) {
            Some(first) => found.push(
                Diagnostic::new(
                    Code::DuplicateDefinition,
                    format!(
                        "a `{}` relationship with this label and these segments is defined twice",
                        block.name()
                    ),
                    block.head,
                    "defined again here",
                )
                .with_related(*first, "first defined here")
                .with_help("merge the two relationships, or give them different labels"),
            ),
            None => {
                relationships.insert(key, block.head);
            }
        }
    }
    found.sort_by_key(|diagnostic| diagnostic.primary_span().map(|span| span.start()));
    out.extend(found);
}

/// `missing-field`: a required statement (`for`, `reaches`, `from`) is absent.
pub(super) fn missing_field(context: &Context, out: &mut Findings) {
    for (_, block) in context.model.blocks() {
        if block.broken {
            continue;
        }
        for spec in statements::statements(block.kind) {
            if spec.cardinality == Cardinality::Required && !block.has(spec.keyword) {
                let name = match &block.id {
                    Some(id) => format!("{} `{}`", block.kind.noun(), id.value),
                    None => format!("this {}", block.kind.noun()),
                };
                out.push(
                    Diagnostic::new(
                        Code::MissingField,
                        format!("{name} has no `{}`", spec.keyword),
                        block.head,
                        format!("`{}` missing in this block", spec.keyword),
                    )
                    .with_help(format!("add `{}`: {}", spec.form, lowercase_first(spec.meaning))),
                );
            }
        }
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `duplicate-field`: a statement allowed at most once appears again.
pub(super) fn duplicate_field(context: &Context, out: &mut Findings) {
    for (_, block) in context.model.blocks() {
        for spec in statements::statements(block.kind) {
            if spec.cardinality != Cardinality::Once {
                continue;
            }
            let mut uses = block.uses(spec.keyword);
            let Some(first) = uses.next() else { continue };
            for again in uses {
                out.push(
                    Diagnostic::new(
                        Code::DuplicateField,
                        format!("`{}` is given twice in this {}", spec.keyword, block.kind.noun()),
                        again.span,
                        "given again here",
                    )
                    .with_related(first.span, "first given here")
                    .with_help(format!(
                        "{} takes `{}` at most once; keep one",
                        a(block.kind.noun()),
                        spec.keyword
                    )),
                );
            }
        }
    }
}

/// `invalid-value`: an amount with no currency where the header sets none.
pub(super) fn amount_without_currency(context: &Context, out: &mut Findings) {
    let header_currency = context.model.header().and_then(|header| header.currency.as_ref());
    if header_currency.is_some() {
        return;
    }
    for rate in context.model.rates() {
        if rate.amount.currency.is_none() {
            out.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    "this amount has no currency and the header sets none",
                    rate.amount.span,
                    "which currency?",
                )
                .with_help(format!(
                    "write the code after the amount (`{} EUR`), or set `currency EUR` in the `canvas` header",
                    rate.amount.text
                )),
            );
        }
    }
}

/// `currency-mismatch`: an amount in another currency than the canvas's.
pub(super) fn currency_mismatch(context: &Context, out: &mut Findings) {
    let canvas_currency = context
        .model
        .header()
        .and_then(|header| header.currency.as_ref())
        .map(|currency| (currency, "the canvas currency is set here"))
        .or_else(|| {
            context
                .model
                .rates()
                .find_map(|rate| rate.amount.currency.as_ref())
                .map(|currency| (currency, "the first amount is in this currency"))
        });
    let Some((expected, why)) = canvas_currency else { return };
    for rate in context.model.rates() {
        let Some(currency) = &rate.amount.currency else {
            continue;
        };
        if currency.value != expected.value {
            out.push(
                Diagnostic::new(
                    Code::CurrencyMismatch,
                    format!(
                        "this amount is in {}, but the canvas uses {}",
                        currency.value, expected.value
                    ),
                    currency.span,
                    format!("not {}", expected.value),
                )
                .with_related(expected.span, why)
                .with_help(format!(
                    "one canvas uses one currency: convert the amount to {}",
                    expected.value
                )),
            );
        }
    }
}

/// `contradiction`: facts that cannot both hold.
pub(super) fn contradiction(context: &Context, out: &mut Findings) {
    for channel in &context.model.channels {
        if let (Some(owner), Some(channel_type)) = (&channel.owner, &channel.channel_type) {
            if owner.value == Owner::Partner && channel_type.value == ChannelType::Direct {
                out.push(
                    Diagnostic::new(
                        Code::Contradiction,
                        format!(
                            "channel `{}` is owned by a partner, so it cannot be direct",
                            channel.block.name()
                        ),
                        channel_type.span,
                        "direct",
                    )
                    .with_related(owner.span, "owned by a partner")
                    .with_help("partner channels are always indirect: write `type indirect`, or `owner own`"),
                );
            }
        }
    }
    for relationship in &context.model.relationships {
        if let (Some(kind), Some(link)) = (&relationship.relationship_type, &relationship.link) {
            if kind.value == RelationshipType::Subscription && link.value == Link::Transactional {
                out.push(
                    Diagnostic::new(
                        Code::Contradiction,
                        "a subscription cannot be a transactional relationship",
                        link.span,
                        "transactional",
                    )
                    .with_related(kind.span, "a subscription lasts")
                    .with_help("write `link long-term`, or choose another relationship type"),
                );
            }
        }
    }
}

/// `unclassified`: a segment without `type`, a channel without `owner` or
/// `type`, a relationship without `link`; one diagnostic per block.
pub(super) fn unclassified(context: &Context, out: &mut Findings) {
    let mut report = |block: &crate::model::Block, missing: Vec<&str>| {
        if missing.is_empty() || block.broken {
            return;
        }
        let list = missing
            .iter()
            .map(|keyword| format!("`{keyword}`"))
            .collect::<Vec<_>>()
            .join(" and ");
        out.push(
            Diagnostic::new(
                Code::Unclassified,
                format!("{} `{}` has no {list}", block.kind.noun(), block.name()),
                block.name_span(),
                "unclassified",
            )
            .with_help(format!(
                "classify it: {}",
                missing
                    .iter()
                    .filter_map(|keyword| statements::find(block.kind, keyword))
                    .map(|spec| format!("`{}`", spec.form))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        );
    };
    for segment in &context.model.segments {
        let missing = if segment.block.has("type") {
            vec![]
        } else {
            vec!["type"]
        };
        report(&segment.block, missing);
    }
    for channel in &context.model.channels {
        let missing = ["owner", "type"]
            .into_iter()
            .filter(|keyword| !channel.block.has(keyword))
            .collect();
        report(&channel.block, missing);
    }
    for relationship in &context.model.relationships {
        let missing = if relationship.block.has("link") {
            vec![]
        } else {
            vec!["link"]
        };
        report(&relationship.block, missing);
    }
}
