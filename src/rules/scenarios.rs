//! Every rule on every scenario (§3 *Scenarios*): what a scenario's canvas
//! has that the base does not is reported once, at the override that
//! causes it, naming the scenario.
//!
//! Two diagnostics are "the same" when their code and the place of their
//! primary label are. A diagnostic a scenario introduces is labelled at the
//! one override statement without which the scenario would not have it;
//! when no single statement is that (several together cause it), at the
//! scenario's name, with those statements as related labels.

use std::collections::HashSet;

use crate::code::Code;
use crate::diagnostic::{Diagnostic, Label};
use crate::model::resolve::Names;
use crate::model::scenario::{self, Scenario};
use crate::model::Model;
use crate::span::Span;

/// Above this many settings in one scenario, a diagnostic it introduces is
/// labelled at the scenario's name rather than searched for its cause: each
/// setting tried costs a check of the whole canvas.
const MAX_SETTINGS_TRIED: usize = 32;

/// How many blocks the checks of all scenarios may visit together (a check
/// of the canvas visits every block once), so that no file can make them
/// slow: a hand-written canvas stays far below (the worked example uses 9
/// blocks x 2 checks). Past it, causes are no longer searched (what a
/// scenario introduces is labelled at its name), and then scenarios are no
/// longer checked at all (see "Limits and hostile input" in the reference).
const BLOCKS_CHECKED_BUDGET: usize = 250_000;

/// The identity of a diagnostic across the base and its scenarios.
fn key(diagnostic: &Diagnostic) -> (Code, Option<Span>) {
    (diagnostic.code, diagnostic.primary_span())
}

/// The rules' diagnostics on a canvas, with its blocks' `allow`s applied.
fn checked(model: &Model, names: &Names) -> Vec<Diagnostic> {
    let mut diagnostics = super::run(model, names);
    super::apply_allows(model, &mut diagnostics);
    diagnostics
}

/// The diagnostics the scenarios of `base` introduce, given the rules'
/// diagnostics on the base (before `allow`).
pub(crate) fn introduced(base: &Model, names: &Names, base_diagnostics: &[Diagnostic]) -> Vec<Diagnostic> {
    if base.scenarios.is_empty() {
        return Vec::new();
    }
    let known: HashSet<(Code, Option<Span>)> = base_diagnostics.iter().map(key).collect();
    let blocks = base.blocks().count().max(1);
    let mut budget = BLOCKS_CHECKED_BUDGET;
    let mut out = Vec::new();
    for scenario in &base.scenarios {
        if scenario.broken || scenario.id.is_none() {
            continue;
        }
        out.extend(of_scenario(base, names, scenario, &known, blocks, &mut budget));
    }
    out
}

fn of_scenario(
    base: &Model,
    names: &Names,
    scenario: &Scenario,
    known: &HashSet<(Code, Option<Span>)>,
    blocks: usize,
    budget: &mut usize,
) -> Vec<Diagnostic> {
    let settings: Vec<Span> = scenario.settings().map(|(_, setting)| setting.span).collect();
    if settings.is_empty() || *budget < blocks {
        return Vec::new();
    }
    *budget -= blocks;
    let whole = scenario::apply(base, scenario);
    let new: Vec<Diagnostic> = checked(&whole, names)
        .into_iter()
        .filter(|diagnostic| !known.contains(&key(diagnostic)))
        .filter(|diagnostic| {
            diagnostic.is_error() || !scenario.allows.iter().any(|allow| allow.value == diagnostic.code)
        })
        .collect();
    if new.is_empty() {
        return new;
    }
    // For each setting, the diagnostics of the scenario without it: a
    // setting whose removal loses a diagnostic is a cause of it.
    let without: Vec<HashSet<(Code, Option<Span>)>> = if settings.len() == 1 {
        vec![HashSet::new()]
    } else if settings.len() <= MAX_SETTINGS_TRIED && *budget >= blocks * settings.len() {
        *budget -= blocks * settings.len();
        (0..settings.len())
            .map(|left_out| {
                let model = scenario::apply_some(base, scenario, |index| index != left_out);
                checked(&model, names).iter().map(key).collect()
            })
            .collect()
    } else {
        Vec::new()
    };
    new.into_iter()
        .map(|diagnostic| {
            let causes: Vec<Span> = settings
                .iter()
                .zip(&without)
                .filter(|(_, others)| !others.contains(&key(&diagnostic)))
                .map(|(span, _)| *span)
                .collect();
            relabel(diagnostic, scenario, &causes)
        })
        .collect()
}

/// Names the scenario in the message and labels the diagnostic at its cause.
fn relabel(mut diagnostic: Diagnostic, scenario: &Scenario, causes: &[Span]) -> Diagnostic {
    diagnostic.message = format!("in scenario `{}`, {}", scenario.name(), diagnostic.message);
    let inside = diagnostic
        .primary_span()
        .is_some_and(|primary| scenario.span.contains(primary.start()));
    if inside {
        // Already labelled in the scenario (a bad override value).
        return diagnostic;
    }
    // The base's labels are dropped: they point at text the scenario did not
    // change, and the message names what they named.
    let what = diagnostic.labels.first().map_or_else(
        || "causes it".to_string(),
        |label| format!("causes it: {}", label.message),
    );
    diagnostic.labels = match causes {
        [cause] => vec![Label::new(*cause, format!("this override {what}"))],
        _ => {
            let mut labels = vec![Label::new(scenario.name_span(), format!("this scenario {what}"))];
            labels.extend(
                causes
                    .iter()
                    .map(|cause| Label::new(*cause, "one of the overrides that cause it")),
            );
            labels
        }
    };
    // A fix made for the base's text does not fit the scenario's label.
    diagnostic.fix = None;
    diagnostic
}
