//! Rules about customer relationships: one for each segment, of the type
//! it expects, affordable, aimed at keeping customers as well as winning them.

use std::collections::HashSet;

use super::{Context, Findings};
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::model::derive::{format_decimal, format_money};
use crate::model::{targets, BlockKind, Goal, RelationshipType, SegmentType};

/// `no-relationship`: a segment no relationship is `for`.
pub(super) fn no_relationship(context: &Context, out: &mut Findings) {
    for (index, segment) in context.judged_segments() {
        if context.relationships_for[index].is_empty() {
            let name = segment.block.name();
            out.push(
                Diagnostic::new(
                    Code::NoRelationship,
                    format!("segment `{name}` has no customer relationship"),
                    segment.block.name_span(),
                    "no relationship",
                )
                .with_help(format!(
                    "add a relationship such as `relationship self-service {{ for {name} }}`: how do you win and keep these customers?"
                )),
            );
        }
    }
}

/// `unmet-expectation`: a segment expects a type of relationship it does not get.
pub(super) fn unmet_expectation(context: &Context, out: &mut Findings) {
    for (index, segment) in context.judged_segments() {
        let relationships = &context.relationships_for[index];
        if relationships.is_empty() {
            continue; // `no-relationship` says it already.
        }
        let offered: HashSet<RelationshipType> = relationships
            .iter()
            .filter_map(|relationship| context.model.relationships[*relationship].relationship_type.as_ref())
            .map(|kind| kind.value)
            .collect();
        for expected in &segment.expects {
            if !offered.contains(&expected.value) {
                out.push(
                    Diagnostic::new(
                        Code::UnmetExpectation,
                        format!(
                            "segment `{}` expects {} but no relationship with it is of that type",
                            segment.block.name(),
                            expected.value
                        ),
                        expected.span,
                        "expected, not offered",
                    )
                    .with_help(format!(
                        "add `relationship {} {{ for {} }}`, or drop the expectation",
                        expected.value,
                        segment.block.name()
                    )),
                );
            }
        }
    }
}

/// `costly-relationship`: dedicated personal assistance for a mass market.
pub(super) fn costly_relationship(context: &Context, out: &mut Findings) {
    for relationship in &context.model.relationships {
        let Some(kind) = &relationship.relationship_type else {
            continue;
        };
        if kind.value != RelationshipType::DedicatedPersonalAssistance {
            continue;
        }
        let mut seen = HashSet::new();
        for index in targets(&relationship.segments, BlockKind::Segment) {
            let segment = &context.model.segments[index];
            let Some(segment_type) = &segment.segment_type else {
                continue;
            };
            if segment_type.value != SegmentType::MassMarket || !seen.insert(index) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    Code::CostlyRelationship,
                    format!("dedicated personal assistance for the mass-market segment `{}`", segment.block.name()),
                    kind.span,
                    "high-touch relationship",
                )
                .with_related(segment_type.span, "a mass market")
                .with_help("a mass market is served by automated or self-service relationships; keep dedicated advisers for key accounts"),
            );
        }
    }
}

/// `no-retention`: a segment with an acquisition goal and no retention goal.
pub(super) fn no_retention(context: &Context, out: &mut Findings) {
    for (index, segment) in context.judged_segments() {
        let goals: HashSet<Goal> = context.relationships_for[index]
            .iter()
            .flat_map(|relationship| context.model.relationships[*relationship].goals.iter())
            .map(|goal| goal.value)
            .collect();
        if goals.contains(&Goal::Acquisition) && !goals.contains(&Goal::Retention) {
            let name = segment.block.name();
            out.push(
                Diagnostic::new(
                    Code::NoRetention,
                    format!("segment `{name}` is acquired but never retained"),
                    segment.block.name_span(),
                    "acquisition without retention",
                )
                .with_help(format!("give a relationship with `{name}` the goal `retention`: winning customers pays only if you keep them")),
            );
        }
    }
}

/// `unprofitable-relationship`: a segment's relationships cost more per
/// customer each month than the segment pays.
pub(super) fn unprofitable_relationship(context: &Context, out: &mut Findings) {
    let currency = context.model.currency().unwrap_or("");
    for (index, segment) in context.judged_segments() {
        let Some(figures) = context.model.facts.economics.segments.get(index) else {
            continue;
        };
        if !(figures.has_recurring_revenue && figures.has_recurring_relationship_cost) {
            continue;
        }
        if figures.relationship_cost_per_customer <= figures.revenue_per_customer {
            continue;
        }
        let (mut cost, mut revenue) = (
            format_money(&figures.relationship_cost_per_customer),
            format_money(&figures.revenue_per_customer),
        );
        if cost == revenue {
            // Rounding to cents hides the difference; show enough of it.
            cost = format_decimal(&figures.relationship_cost_per_customer, 4);
            revenue = format_decimal(&figures.revenue_per_customer, 4);
        }
        out.push(
            Diagnostic::new(
                Code::UnprofitableRelationship,
                format!(
                    "relationships with `{}` cost {cost} {currency} per customer a month, more than the {revenue} {currency} each customer pays",
                    segment.block.name(),
                ),
                segment.block.name_span(),
                "costs more than it earns",
            )
            .with_help("lower the relationship's cost (automate, self-service, community) or raise the price for this segment"),
        );
    }
}

/// `lonely-side`: a multi-sided segment linked to no other side.
pub(super) fn lonely_side(context: &Context, out: &mut Findings) {
    let named_by_others: HashSet<usize> = context
        .model
        .segments
        .iter()
        .enumerate()
        .flat_map(|(index, segment)| {
            targets(&segment.linked, BlockKind::Segment).filter(move |target| *target != index)
        })
        .collect();
    for (index, segment) in context.judged_segments() {
        let Some(segment_type) = &segment.segment_type else {
            continue;
        };
        if segment_type.value != SegmentType::MultiSided {
            continue;
        }
        if !segment.linked.is_empty() || named_by_others.contains(&index) {
            continue;
        }
        out.push(
            Diagnostic::new(
                Code::LonelySide,
                format!(
                    "multi-sided segment `{}` is linked to no other side",
                    segment.block.name()
                ),
                segment.block.name_span(),
                "a side alone",
            )
            .with_related(segment_type.span, "multi-sided")
            .with_help("a platform serves interdependent sides: add `linked OTHER-SEGMENT`"),
        );
    }
}
