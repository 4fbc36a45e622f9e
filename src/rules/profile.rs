//! Rules about value: a proposition for every segment, meeting its needs,
//! and — with the Value Proposition Canvas — relieving its pains, creating
//! its gains and helping with its jobs.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use super::{Context, Findings};
use crate::code::Code;
use crate::diagnostic::{Diagnostic, Edit};
use crate::model::{targets, BlockKind, Proposition, Segment, SegmentType, Spanned};
use crate::suggest::NearNames;

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
        let mut read_as: Option<HashSet<&str>> = None;
        for (item, answered_by) in items.iter().zip((side.answered_by)(fit)) {
            if !answered_by.is_empty() {
                continue;
            }
            let read_as = read_as.get_or_insert_with(|| read_as_candidates(context, side, index, items));
            if read_as.contains(item.value.as_str()) {
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

/// The items of a segment's profile that a proposition for it misspells,
/// each the one close candidate of the misspelling: read as meant, the
/// misspelling answers it (§4), and its `unknown-need` is the one
/// diagnostic. Computed once per segment, with the items indexed, so a
/// segment with many items and many misspellings costs lookups rather than
/// a comparison of every pair.
fn read_as_candidates<'m>(
    context: &'m Context,
    side: &Side,
    segment: usize,
    items: &'m [Spanned<crate::model::Str>],
) -> HashSet<&'m str> {
    let known = Known::new(items.iter().map(|item| item.value.as_str()));
    let mut read = HashSet::new();
    for &proposition in &context.propositions_for[segment] {
        for text in (side.proposition)(&context.model.propositions[proposition]) {
            if !known.contains(&text.value) {
                read.extend(known.single_candidate(&text.value));
            }
        }
    }
    read
}

/// Texts to match answers against: a set, and the near-name index of the
/// set when a misspelling first needs one.
struct Known<'m> {
    texts: HashSet<&'m str>,
    near: OnceCell<NearNames>,
}

impl<'m> Known<'m> {
    fn new(texts: impl IntoIterator<Item = &'m str>) -> Self {
        Known {
            texts: texts.into_iter().collect(),
            near: OnceCell::new(),
        }
    }

    fn contains(&self, text: &str) -> bool {
        self.texts.contains(text)
    }

    fn near(&self) -> &NearNames {
        self.near.get_or_init(|| NearNames::new(self.texts.iter().copied()))
    }

    /// [`crate::diagnostic::did_you_mean`] among the texts.
    fn did_you_mean(&self, wanted: &str) -> Option<&'m str> {
        let near = self.near().did_you_mean(wanted)?;
        self.texts.get(near).copied()
    }

    /// [`crate::diagnostic::single_candidate`] among the texts.
    fn single_candidate(&self, wanted: &str) -> Option<&'m str> {
        let near = self.near().single_candidate(wanted)?;
        self.texts.get(near).copied()
    }
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
    const SIDES: [&Side; 4] = [&NEEDS, &PAINS, &GAINS, &JOBS];
    /// A segment with more texts than this has them indexed once for all
    /// the propositions for it alone (so many propositions for one segment
    /// with many needs cost lookups); smaller profiles are read afresh
    /// for each proposition, so a canvas of small segments holds no index.
    const SHARED_PROFILE: usize = 64;
    let mut shared: HashMap<usize, [Known; 4]> = HashMap::new();
    for proposition in &context.model.propositions {
        let mut indexes: Vec<usize> = targets(&proposition.segments, BlockKind::Segment).collect();
        if indexes.is_empty() {
            continue; // Nothing to match against: `missing-field` or an unresolved `for` says why.
        }
        let segments: Vec<&Segment> = indexes.iter().map(|index| &context.model.segments[*index]).collect();
        indexes.sort_unstable();
        indexes.dedup();
        let read = || {
            SIDES.map(|side| {
                Known::new(
                    segments
                        .iter()
                        .flat_map(|segment| (side.segment)(segment).iter())
                        .map(|text| text.value.as_str()),
                )
            })
        };
        let texts: usize = segments
            .iter()
            .map(|segment| SIDES.iter().map(|side| (side.segment)(segment).len()).sum::<usize>())
            .sum();
        let afresh;
        let profile: &[Known; 4] = match indexes.as_slice() {
            [one] if texts > SHARED_PROFILE => shared.entry(*one).or_insert_with(read),
            _ => {
                afresh = read();
                &afresh
            }
        };
        let mut found = Vec::new();
        for (fit, known) in SIDES.iter().zip(profile.iter()) {
            for text in (fit.proposition)(proposition) {
                if known.contains(&text.value) {
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
                    .with_help(fit_help(profile, fit, &text.value, known))
                    .with_optional_fix(known.did_you_mean(&text.value).map(|near| Edit {
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
        let mut propositions = context.propositions_for[index].to_vec();
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
/// `profile` holds the segments' texts in the order of `unknown_need`'s sides.
fn fit_help(profile: &[Known; 4], fit: &Side, text: &str, known: &Known) -> String {
    if let Some(near) = known.did_you_mean(text) {
        return format!("did you mean \"{near}\"?");
    }
    for (other, texts) in [&NEEDS, &PAINS, &GAINS, &JOBS].into_iter().zip(profile) {
        if texts.contains(text) {
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
