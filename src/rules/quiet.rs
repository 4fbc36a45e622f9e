//! What stays quiet after a mistake (§4 "One mistake, one diagnostic").
//!
//! This module owns the table of the reference that says, for a *broken*
//! block of each kind (one with a syntax error), which rules stay quiet in
//! the whole file; and the narrower quiet of an *unsure* block (one with an
//! unknown statement that has no single candidate), which silences the
//! rules that could have read that statement for the block itself and for
//! the segments it names. It runs after every rule, on their diagnostics,
//! so a rule added later is covered by naming its code in the table.
//!
//! Invariants:
//! - only diagnostics of the rules pass through here; what the parser and
//!   the builder report (the mistakes themselves) is never dropped;
//! - a broken or unsure block is not judged: no warning, advice or
//!   `missing-field` is labelled inside it; errors about what it does say
//!   (a bad reference, a duplicate) stay;
//! - codes are named by their spelling, so a code another part of the
//!   program adds is quiet here as soon as it exists.

use std::collections::HashSet;

use super::Context;
use crate::code::{Code, Severity};
use crate::diagnostic::Diagnostic;
use crate::model::{targets, BlockId, BlockKind, Reference};
use crate::syntax::Span;

/// The rules a block of `kind` could satisfy, which stay quiet in the whole
/// file while such a block is broken (the reference's table).
fn quiet_while_broken(kind: BlockKind) -> &'static [&'static str] {
    match kind {
        BlockKind::Header => &["invalid-value"],
        BlockKind::Segment => &["unknown-need", "lonely-side", "undifferentiated", "confusable-name"],
        BlockKind::Proposition => &[
            "no-value-proposition",
            "unmet-need",
            "unrelieved-pain",
            "unaddressed-job",
            "unmet-gain",
            "undifferentiated",
        ],
        BlockKind::Relationship => &[
            "no-relationship",
            "unmet-expectation",
            "no-retention",
            "unprofitable-relationship",
            "unrecovered-acquisition",
            "slow-payback",
        ],
        BlockKind::Channel => &[
            "no-channel",
            "incomplete-journey",
            "unrecovered-acquisition",
            "slow-payback",
        ],
        BlockKind::Revenue => &["unprofitable-relationship", "unrecovered-acquisition", "slow-payback"],
        BlockKind::Activity | BlockKind::Resource => &["unsupported-proposition"],
        BlockKind::Cost | BlockKind::Partner => &[],
    }
}

/// The segments a block names (`for`, `reaches`, `from`).
fn named_segments(context: &Context, id: BlockId) -> Vec<usize> {
    let model = context.model;
    let references: &[Reference] = match id.kind {
        BlockKind::Proposition => model.propositions.get(id.index).map_or(&[], |block| &block.segments),
        BlockKind::Relationship => model.relationships.get(id.index).map_or(&[], |block| &block.segments),
        BlockKind::Channel => model.channels.get(id.index).map_or(&[], |block| &block.segments),
        BlockKind::Revenue => model.revenues.get(id.index).map_or(&[], |block| &block.segments),
        _ => &[],
    };
    targets(references, BlockKind::Segment).collect()
}

/// Whether a rule's diagnostic judges the block it is labelled in (rather
/// than reporting a mistake in what the block says).
fn judges(diagnostic: &Diagnostic) -> bool {
    diagnostic.severity != Severity::Error || diagnostic.code == Code::MissingField
}

/// Drops the rules' diagnostics that broken and unsure blocks silence.
pub fn apply(context: &Context, diagnostics: &mut Vec<Diagnostic>) {
    let model = context.model;
    let mut quiet_codes: HashSet<Code> = HashSet::new();
    // Blocks not judged, and segments quiet for some codes, as spans.
    let mut not_judged: Vec<Span> = Vec::new();
    let mut quiet_in: Vec<(Span, &'static [&'static str])> = Vec::new();
    for (id, block) in model.blocks() {
        if block.broken {
            quiet_codes.extend(
                quiet_while_broken(block.kind)
                    .iter()
                    .filter_map(|code| Code::from_name(code)),
            );
        }
        if block.broken || block.unsure {
            not_judged.push(block.span);
        }
        if block.unsure {
            for segment in named_segments(context, id) {
                if let Some(segment) = model.segments.get(segment) {
                    quiet_in.push((segment.block.span, quiet_while_broken(block.kind)));
                }
            }
        }
    }
    if quiet_codes.is_empty() && not_judged.is_empty() {
        return;
    }
    not_judged.sort_by_key(Span::start);
    let inside = |spans: &[Span], at: usize| {
        let index = spans.partition_point(|span| span.start() <= at);
        index > 0 && spans[index - 1].contains(at)
    };
    diagnostics.retain(|diagnostic| {
        if quiet_codes.contains(&diagnostic.code) {
            return false;
        }
        let Some(at) = diagnostic.primary_span().map(|span| span.start()) else {
            return true;
        };
        if judges(diagnostic) && inside(&not_judged, at) {
            return false;
        }
        !quiet_in
            .iter()
            .any(|(span, codes)| span.contains(at) && codes.contains(&diagnostic.code.as_str()))
    });
}
