//! Rules about value: a proposition for every segment, meeting its needs,
//! and — with the Value Proposition Canvas — relieving its pains, creating
//! its gains and helping with its jobs.

use std::collections::{HashMap, HashSet};

use super::{Context, Findings};
use crate::code::Code;
use crate::diagnostic::{did_you_mean, single_candidate, Diagnostic, Edit};
use crate::model::{targets, BlockKind, Proposition, Segment, SegmentType, Spanned};

/// `no-value-proposition`: a segment no proposition is `for`.
pub(super) fn no_value_proposition(context: &Context, out: &mut Findings) {
    for (index, segment) in context.judged_segments() {
        if context.propositions_for[index].is_empty() {
            let name = segment.block.name();
            out.push(
                Diagnostic::new(
                    Code::NoValueProposition,
                    format!("no value proposition is for segment `{name}`"),
                    segment.block.name_span(),
                    "no proposition",
                )
                .with_help(format!(
                    "add a proposition with `for {name}`: what value do you deliver to these customers?"
                )),
            );
        }
    }
}

/// One side of the fit between a customer profile and a value map.
struct Side {
    code: Code,
    /// What the segment side is called (`need`).
    item: &'static str,
    /// The statement that answers it (`meets`).
    answer: &'static str,
    segment: fn(&Segment) -> &[Spanned<crate::model::Str>],
    proposition: fn(&Proposition) -> &[Spanned<crate::model::Str>],
    /// Which propositions answer each item, as derived in the model.
    answered_by: fn(&crate::model::Fit) -> &[Vec<usize>],
}

const NEEDS: Side = Side {
    code: Code::UnmetNeed,
    item: "need",
    answer: "meets",
    segment: |segment| &segment.needs,
    proposition: |proposition| &proposition.meets,
    answered_by: |fit| &fit.needs,
};
const PAINS: Side = Side {
    code: Code::UnrelievedPain,
    item: "pain",
    answer: "relieves",
    segment: |segment| &segment.pains,
    proposition: |proposition| &proposition.relieves,
    answered_by: |fit| &fit.pains,
};
const JOBS: Side = Side {
    code: Code::UnaddressedJob,
    item: "job",
    answer: "helps",
    segment: |segment| &segment.jobs,
    proposition: |proposition| &proposition.helps,
    answered_by: |fit| &fit.jobs,
};
const GAINS: Side = Side {
    code: Code::UnmetGain,
    item: "gain",
    answer: "creates",
    segment: |segment| &segment.gains,
    proposition: |proposition| &proposition.creates,
    answered_by: |fit| &fit.gains,
};

/// Reports each item of a segment's profile that no proposition for it answers.
fn unanswered(context: &Context, side: &Side, out: &mut Findings) {
    for (index, segment) in context.judged_segments() {
        if context.propositions_for[index].is_empty() {
            continue; // `no-value-proposition` says it already.
        }
        let Some(fit) = context.model.facts.fits.get(index) else {
            continue;
        };
        let items = (side.segment)(segment);
        for (item, answered_by) in items.iter().zip((side.answered_by)(fit)) {
            if !answered_by.is_empty() || answered_as_candidate(context, side, index, items, &item.value) {
                continue;
            }
            let verb = match side.code {
                Code::UnmetNeed => "meets",
                Code::UnrelievedPain => "relieves",
                Code::UnaddressedJob => "helps with",
                _ => "creates",
            };
            out.push(
                Diagnostic::new(
                    side.code,
                    format!(
                        "no proposition for `{}` {verb} the {} \"{}\"",
                        segment.block.name(),
                        side.item,
                        item.value
                    ),
                    item.span,
                    format!("{} not addressed", side.item),
                )
                .with_help(format!(
                    "add `{} \"{}\"` to a proposition for `{}`",
                    side.answer,
                    item.value,
                    segment.block.name()
                )),
            );
        }
    }
}

/// Whether a proposition for the segment misspells `item` with it as the one
/// close candidate: read as meant, the misspelling answers it (§4), and its
/// `unknown-need` is the one diagnostic.
fn answered_as_candidate(
    context: &Context,
    side: &Side,
    segment: usize,
    items: &[Spanned<crate::model::Str>],
    item: &str,
) -> bool {
    context.propositions_for[segment].iter().any(|&proposition| {
        (side.proposition)(&context.model.propositions[proposition])
            .iter()
            .filter(|text| !items.iter().any(|known| known.value == text.value))
            .any(|text| single_candidate(&text.value, items.iter().map(|known| known.value.as_str())) == Some(item))
    })
}

/// `unmet-need`: a need no proposition for the segment meets.
pub(super) fn unmet_need(context: &Context, out: &mut Findings) {
    unanswered(context, &NEEDS, out);
}

/// `unrelieved-pain`: a pain no proposition for the segment relieves.
pub(super) fn unrelieved_pain(context: &Context, out: &mut Findings) {
    unanswered(context, &PAINS, out);
}

/// `unaddressed-job`: a job no proposition for the segment helps with.
pub(super) fn unaddressed_job(context: &Context, out: &mut Findings) {
    unanswered(context, &JOBS, out);
}

/// `unmet-gain`: a gain no proposition for the segment creates.
pub(super) fn unmet_gain(context: &Context, out: &mut Findings) {
    unanswered(context, &GAINS, out);
}

/// `unknown-need`: a `meets`, `relieves`, `creates` or `helps` text that is
/// not a need, pain, gain or job of any segment the proposition is for.
pub(super) fn unknown_need(context: &Context, out: &mut Findings) {
    for proposition in &context.model.propositions {
        let segments: Vec<&Segment> = targets(&proposition.segments, BlockKind::Segment)
            .map(|index| &context.model.segments[index])
            .collect();
        if segments.is_empty() {
            continue; // Nothing to match against: `missing-field` or an unresolved `for` says why.
        }
        let mut found = Vec::new();
        for fit in [&NEEDS, &PAINS, &GAINS, &JOBS] {
            let known: Vec<&str> = segments
                .iter()
                .flat_map(|segment| (fit.segment)(segment).iter())
                .map(|text| text.value.as_str())
                .collect();
            for text in (fit.proposition)(proposition) {
                if known.contains(&text.value.as_str()) {
                    continue;
                }
                let whose = match segments.as_slice() {
                    [one] => format!("of `{}`", one.block.name()),
                    _ => "of any segment it is for".to_string(),
                };
                found.push(
                    Diagnostic::new(
                        Code::UnknownNeed,
                        format!("\"{}\" is not a {} {whose}", text.value, fit.item),
                        text.span,
                        format!("no such {}", fit.item),
                    )
                    .with_help(fit_help(&segments, fit, &text.value, &known))
                    .with_optional_fix(did_you_mean(&text.value, known.iter().copied()).map(|near| Edit {
                        span: text.span,
                        replacement: quote(near),
                    })),
                );
            }
        }
        found.sort_by_key(|diagnostic| diagnostic.primary_span().map(|span| span.start()));
        out.extend(found);
    }
}

/// `undifferentiated`: diversified segments served by exactly the same
/// propositions; reported on each later segment, pointing at the first.
pub(super) fn undifferentiated(context: &Context, out: &mut Findings) {
    let mut first_with: HashMap<Vec<usize>, &Segment> = HashMap::new();
    for (index, segment) in context.judged_segments() {
        if segment.segment_type.as_ref().map(|kind| kind.value) != Some(SegmentType::Diversified) {
            continue;
        }
        let mut propositions = context.propositions_for[index].clone();
        if propositions.is_empty() {
            continue;
        }
        propositions.sort_unstable();
        match first_with.get(&propositions) {
            Some(first) => out.push(
                Diagnostic::new(
                    Code::Undifferentiated,
                    format!(
                        "diversified segments `{}` and `{}` get exactly the same propositions",
                        first.block.name(),
                        segment.block.name()
                    ),
                    segment.block.name_span(),
                    "same propositions",
                )
                .with_related(first.block.name_span(), "as this segment")
                .with_help("diversified means a tailored proposition for each segment: differentiate them, or merge the segments"),
            ),
            None => {
                first_with.insert(propositions, segment);
            }
        }
    }
}

/// `unsupported-proposition`: a proposition no key resource or activity is
/// `for`, in a canvas that links at least one of them to a proposition.
pub(super) fn unsupported_proposition(context: &Context, out: &mut Findings) {
    let model = context.model;
    let links = model
        .activities
        .iter()
        .flat_map(|activity| activity.propositions.iter())
        .chain(model.resources.iter().flat_map(|resource| resource.propositions.iter()));
    let mut links = links.peekable();
    if links.peek().is_none() {
        return;
    }
    let supported: HashSet<usize> = links
        .filter_map(|reference| reference.target)
        .filter(|target| target.kind == BlockKind::Proposition)
        .map(|target| target.index)
        .collect();
    for (index, proposition) in model.propositions.iter().enumerate() {
        if proposition.block.broken || supported.contains(&index) {
            continue;
        }
        let name = proposition.block.name();
        out.push(
            Diagnostic::new(
                Code::UnsupportedProposition,
                format!("no key resource or activity is for proposition `{name}`"),
                proposition.block.name_span(),
                "unsupported",
            )
            .with_help(format!(
                "add `for {name}` to the resources and activities this proposition needs"
            )),
        );
    }
}

/// Help for a value-map text that matches nothing: a near text of the right
/// kind, or the statement that would match it if it is another kind of item.
fn fit_help(segments: &[&Segment], fit: &Side, text: &str, known: &[&str]) -> String {
    if let Some(near) = did_you_mean(text, known.iter().copied()) {
        return format!("did you mean \"{near}\"?");
    }
    for other in [&NEEDS, &PAINS, &GAINS, &JOBS] {
        let is_other = segments
            .iter()
            .any(|segment| (other.segment)(segment).iter().any(|item| item.value == text));
        if is_other {
            return format!(
                "\"{text}\" is a {} of the segment: answer it with `{} \"{text}\"`",
                other.item, other.answer
            );
        }
    }
    format!(
        "`{}` takes the text of a `{}` of the segment, word for word",
        fit.answer, fit.item
    )
}

/// A string literal for `text`, escaped as the language requires.
fn quote(text: &str) -> String {
    let mut literal = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => literal.push_str("\\\""),
            '\\' => literal.push_str("\\\\"),
            '\n' => literal.push_str("\\n"),
            '\t' => literal.push_str("\\t"),
            c if c.is_control() => literal.push_str(&format!("\\u{{{:X}}}", c as u32)),
            c => literal.push(c),
        }
    }
    literal.push('"');
    literal
}
