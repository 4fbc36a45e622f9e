//! Rules about channels: how each segment is reached, phase by phase.

use super::{Context, Findings};
use crate::code::Code;
use crate::diagnostic::Diagnostic;

/// `no-channel`: a segment no channel reaches.
pub(super) fn no_channel(context: &Context, out: &mut Findings) {
    for (index, segment) in context.judged_segments() {
        if context.channels_for[index].is_empty() {
            let name = segment.block.name();
            out.push(
                Diagnostic::new(
                    Code::NoChannel,
                    format!("no channel reaches segment `{name}`"),
                    segment.block.name_span(),
                    "not reached",
                )
                .with_help(format!(
                    "add a channel with `reaches {name}`: how will these customers hear of you, buy and get support?"
                )),
            );
        }
    }
}

/// `incomplete-journey`: the channels reaching a segment leave phases uncovered.
pub(super) fn incomplete_journey(context: &Context, out: &mut Findings) {
    for (index, segment) in context.judged_segments() {
        if context.channels_for[index].is_empty() {
            continue; // `no-channel` says it already.
        }
        let Some(journey) = context.model.facts.journeys.get(index) else {
            continue;
        };
        let gaps = journey.gaps();
        if gaps.is_empty() {
            continue;
        }
        let list = gaps.iter().map(|phase| phase.as_str()).collect::<Vec<_>>().join(", ");
        let name = segment.block.name();
        out.push(
            Diagnostic::new(
                Code::IncompleteJourney,
                format!("the channels reaching `{name}` do not cover {list}"),
                segment.block.name_span(),
                format!("no channel for {list}"),
            )
            .with_help(format!(
                "add `phase {}` to a channel that reaches `{name}`, or a channel that covers it",
                gaps[0].as_str()
            )),
        );
    }
}
