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
use crate::model::{targets, BlockId, BlockKind, Namespace, Reference};
use crate::span::Span;

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

/// The segments a block names (`for`, `reaches`, `from`), and for an unsure
/// block those its unknown statements may have named.
fn named_segments(context: &Context, id: BlockId) -> Vec<usize> {
    let model = context.model;
    let maybe = model
        .block(id)
        .into_iter()
        .flat_map(|block| &block.unsure_names)
        .filter_map(|name| {
            context
                .names
                .get(Namespace::Segment, name)
                .filter(|target| target.kind == BlockKind::Segment)
                .map(|target| target.index)
        });
    let references: &[Reference] = match id.kind {
        BlockKind::Proposition => model.propositions.get(id.index).map_or(&[], |block| &block.segments),
        BlockKind::Relationship => model.relationships.get(id.index).map_or(&[], |block| &block.segments),
        BlockKind::Channel => model.channels.get(id.index).map_or(&[], |block| &block.segments),
        BlockKind::Revenue => model.revenues.get(id.index).map_or(&[], |block| &block.segments),
        _ => &[],
    };
    targets(references, BlockKind::Segment).chain(maybe).collect()
}

/// Whether a rule's diagnostic judges the block it is labelled in (rather
/// than reporting a mistake in what the block says).
fn judges(diagnostic: &Diagnostic) -> bool {
    diagnostic.severity != Severity::Error || diagnostic.code == Code::MissingField
}

/// What broken and unsure blocks silence in one model, gathered once for
/// all the rules.
pub(super) struct Quiet {
    /// Codes quiet in the whole file.
    codes: HashSet<Code>,
    /// Blocks not judged, as spans sorted by start.
    not_judged: Vec<Span>,
    /// Segments quiet for some codes, as spans sorted by start: the
    /// segments an unsure block names.
    quiet_in: Vec<(Span, &'static [&'static str])>,
}

impl Quiet {
    pub(super) fn of(context: &Context) -> Quiet {
        let model = context.model;
        let mut codes: HashSet<Code> = HashSet::new();
        let mut not_judged: Vec<Span> = Vec::new();
        let mut quiet_in: Vec<(Span, &'static [&'static str])> = Vec::new();
        for (id, block) in model.blocks() {
            if block.broken {
                codes.extend(
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
        not_judged.sort_by_key(Span::start);
        quiet_in.sort_by_key(|(span, _)| span.start());
        Quiet {
            codes,
            not_judged,
            quiet_in,
        }
    }

    /// Whether a rule's diagnostic is kept: not silenced by a broken or
    /// unsure block.
    pub(super) fn keeps(&self, diagnostic: &Diagnostic) -> bool {
        if self.codes.contains(&diagnostic.code) {
            return false;
        }
        let Some(at) = diagnostic.primary_span().map(|span| span.start()) else {
            return true;
        };
        // Blocks do not overlap, so only the last one starting at or
        // before `at` can hold it.
        let index = self.not_judged.partition_point(|span| span.start() <= at);
        if judges(diagnostic) && index > 0 && self.not_judged[index - 1].contains(at) {
            return false;
        }
        // One segment may be named by several unsure blocks: every entry
        // for the last segment starting at or before `at` is looked at.
        let index = self.quiet_in.partition_point(|(span, _)| span.start() <= at);
        let Some(&(segment, _)) = index.checked_sub(1).and_then(|last| self.quiet_in.get(last)) else {
            return true;
        };
        !self.quiet_in[..index]
            .iter()
            .rev()
            .take_while(|(span, _)| span.start() == segment.start())
            .any(|(span, codes)| span.contains(at) && codes.contains(&diagnostic.code.as_str()))
    }
}
