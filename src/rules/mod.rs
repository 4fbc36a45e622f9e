//! The rules of §4: one small function per rule code, each reading the
//! resolved model and returning its diagnostics.
//!
//! Invariants:
//! - a rule never reports what a broader rule already says (§4 "How often a
//!   rule fires"): the quiet cases are written in the rule itself;
//! - unresolved references are skipped by every rule but the two that
//!   report them, so a misspelt name is one error, not a cascade;
//! - broken blocks (syntax errors) define their names but are not judged,
//!   and while one is broken the rules its kind could satisfy stay quiet in
//!   the whole file (`quiet`, §4 "One mistake, one diagnostic");
//! - the order of diagnostics here does not matter: [`crate::check`] sorts
//!   them into source order and applies `allow`.

mod allow;
mod economics;
mod hidden_text;
mod journey;
mod profile;
mod quiet;
mod references;
mod relationships;
pub(crate) mod scenarios;
mod structure;

use crate::diagnostic::Diagnostic;
use crate::model::resolve::Names;
use crate::model::{targets, BlockKind, List, Model};

pub(crate) use allow::{apply_allows, Allows};

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::limits::Capped;

/// What the rules share: the model and indexes from segments to the blocks
/// that serve them, built once so no rule rescans the canvas.
pub(crate) struct Context<'m> {
    pub model: &'m Model,
    pub names: &'m Names,
    /// Per segment: the relationships that are `for` it. (Thin lists, as
    /// in the model: most segments of a large canvas have short ones.)
    pub relationships_for: Vec<List<usize>>,
    /// Per segment: the channels that `reach` it.
    pub channels_for: Vec<List<usize>>,
    /// Per segment: the propositions that are `for` it.
    pub propositions_for: Vec<List<usize>>,
}

impl<'m> Context<'m> {
    pub(crate) fn new(model: &'m Model, names: &'m Names) -> Self {
        let segments = model.segments.len();
        let index = |lists: &mut Vec<List<usize>>, block: usize, references: &[crate::model::Reference]| {
            for segment in targets(references, BlockKind::Segment) {
                if lists[segment].last() != Some(&block) {
                    lists[segment].push(block);
                }
            }
        };
        let mut relationships_for = vec![List::new(); segments];
        for (block, relationship) in model.relationships.iter().enumerate() {
            index(&mut relationships_for, block, &relationship.segments);
        }
        let mut channels_for = vec![List::new(); segments];
        for (block, channel) in model.channels.iter().enumerate() {
            index(&mut channels_for, block, &channel.segments);
        }
        let mut propositions_for = vec![List::new(); segments];
        for (block, proposition) in model.propositions.iter().enumerate() {
            index(&mut propositions_for, block, &proposition.segments);
        }
        Context {
            model,
            names,
            relationships_for,
            channels_for,
            propositions_for,
        }
    }

    /// The segments a rule judges: those whose text was read whole.
    pub(crate) fn judged_segments(&self) -> impl Iterator<Item = (usize, &'m crate::model::Segment)> {
        self.model
            .segments
            .iter()
            .enumerate()
            .filter(|(_, segment)| !segment.block.broken)
    }
}

/// A rule: reads the context, puts its diagnostics into the findings.
type Rule = fn(&Context, &mut Findings);

/// Where a rule puts its diagnostics. What broken and unsure blocks silence
/// (and, for a check, what `allow` silences) is dropped as it arrives, and
/// no more than the file's cap is held: a rule that fires on each of a
/// million blocks holds a few thousand diagnostics, never a million.
pub(crate) struct Findings<'a> {
    quiet: &'a quiet::Quiet,
    allows: Option<&'a Allows<'a>>,
    /// With scenarios to compare: each finding before `allow`.
    unsifted: Option<Vec<Diagnostic>>,
    kept: Capped,
    /// The file's [`Capped::horizon`] so far (`usize::MAX` until it has
    /// one): what a rule finds past it is counted, not held.
    horizon: &'a AtomicUsize,
}

impl Findings<'_> {
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        if !self.quiet.keeps(&diagnostic) {
            return;
        }
        if let Some(unsifted) = &mut self.unsifted {
            unsifted.push(diagnostic.clone());
        }
        if self.allows.is_none_or(|allows| allows.keeps(&diagnostic)) {
            let past = diagnostic
                .primary_span()
                .is_some_and(|span| span.start() > self.horizon.load(Ordering::Relaxed));
            if past {
                self.kept.count_dropped(&diagnostic);
            } else {
                self.kept.push(diagnostic);
            }
        }
    }

    pub(crate) fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        diagnostics.into_iter().for_each(|diagnostic| self.push(diagnostic));
    }
}

/// How a caller wants the rules' findings sifted.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Sift {
    /// Apply `allow` (a check); otherwise every finding is kept.
    pub allow: bool,
    /// Also hand over each finding before `allow` (the base of scenarios).
    pub keep_unsifted: bool,
}

/// Every rule over the resolved model, in the order of the reference.
const RULES: &[Rule] = &[
    structure::missing_header,
    structure::duplicate_header,
    structure::duplicate_definition,
    references::unknown_reference,
    references::wrong_kind,
    structure::missing_field,
    structure::duplicate_field,
    structure::amount_without_currency,
    structure::currency_mismatch,
    structure::contradiction,
    relationships::no_relationship,
    journey::no_channel,
    journey::incomplete_journey,
    profile::no_value_proposition,
    profile::unmet_need,
    profile::unknown_need,
    relationships::unmet_expectation,
    relationships::costly_relationship,
    relationships::no_retention,
    relationships::unprofitable_relationship,
    profile::undifferentiated,
    relationships::lonely_side,
    profile::unrelieved_pain,
    profile::unaddressed_job,
    hidden_text::confusable_name,
    economics::unrecovered_acquisition,
    structure::unclassified,
    profile::unmet_gain,
    profile::unsupported_proposition,
    economics::slow_payback,
];

/// The rules that read the text itself rather than the model: what it
/// holds in strings and comments (`bidi-control`).
pub(crate) fn run_on_text(source: &str) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    hidden_text::bidi_control(source, &mut diagnostics);
    diagnostics
}

/// Runs every rule over a resolved model: every finding, `allow` not
/// applied, at most the file's cap of them (then one `too-many-diagnostics`).
pub fn run(model: &Model, names: &Names) -> Vec<Diagnostic> {
    let mut diagnostics = Capped::default();
    run_each(model, names, Sift::default(), |found, _| {
        diagnostics.absorb(found);
        diagnostics.horizon()
    });
    diagnostics.finish()
}

/// Runs every rule over a resolved model, handing each rule's findings to
/// `each` as soon as that rule is done (kept, and before `allow` when
/// [`Sift::keep_unsifted`] asks), so a caller can bound what it keeps.
///
/// `each` answers with its collector's [`Capped::horizon`], if it has one:
/// the rules still to finish then hold nothing found past it.
pub(crate) fn run_each(
    model: &Model,
    names: &Names,
    sift: Sift,
    mut each: impl FnMut(Capped, Vec<Diagnostic>) -> Option<usize>,
) {
    let context = Context::new(model, names);
    let quiet = quiet::Quiet::of(&context);
    let allows = Allows::of(model);
    let horizon = AtomicUsize::new(usize::MAX);
    let mut deliver = |kept: Capped, unsifted: Vec<Diagnostic>| {
        if let Some(seen) = each(kept, unsifted) {
            horizon.fetch_min(seen, Ordering::Relaxed);
        }
    };
    // What is silenced is decided per diagnostic, so sifting each rule's
    // findings alone is the same as sifting all.
    // Each rule's findings are ranked by its place in RULES, after what
    // parsing found (rank 0): at one place they are in that order however
    // the threads finish.
    let run = |rank: usize, rule: &Rule| {
        let mut findings = Findings {
            quiet: &quiet,
            allows: (sift.allow && !allows.is_empty()).then_some(&allows),
            unsifted: sift.keep_unsifted.then(Vec::new),
            kept: Capped::ranked(u32::try_from(rank + 1).unwrap_or(u32::MAX)),
            horizon: &horizon,
        };
        rule(&context, &mut findings);
        (findings.kept, findings.unsifted.unwrap_or_default())
    };
    let threads = crate::limits::threads().min(RULES.len());
    if threads < 2 || model.segments.len() < PARALLEL_SEGMENTS {
        for (rank, rule) in RULES.iter().enumerate() {
            let (kept, unsifted) = run(rank, rule);
            deliver(kept, unsifted);
        }
        return;
    }
    // The rules read the model and share nothing else: each thread takes
    // the next rule and sends its findings here, where `each` sees them one
    // rule at a time as before (their order does not matter, see above).
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (sender, findings) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let sender = sender.clone();
            let (next, run) = (&next, &run);
            scope.spawn(move || loop {
                let rank = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(rule) = RULES.get(rank) else { break };
                if sender.send(run(rank, rule)).is_err() {
                    break;
                }
            });
        }
        drop(sender);
        for (kept, unsifted) in findings.iter() {
            deliver(kept, unsifted);
        }
    });
}

/// The rank of what comes after the rules (the text's own rules, what
/// scenarios introduce): at one place, after every rule's findings.
pub(crate) const AFTER_RULES: u32 = u32::MAX;

/// Below this many segments the rules run on the calling thread: starting
/// threads would cost more than they save.
const PARALLEL_SEGMENTS: usize = 2_000;
