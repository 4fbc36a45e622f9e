//! Scenarios (§3 *Scenarios*): "what if" variants of a canvas.
//!
//! This module owns what a scenario is (its overrides and the values they
//! set), which block each override names, and the canvas a scenario makes:
//! the base with the overrides applied ([`apply`]). Running the rules on
//! that canvas is `rules::scenarios`' business.
//!
//! Invariants: applying a scenario never changes the base; an override
//! whose block is unknown or ambiguous has no target and applies nothing
//! (its error says why); a scenario's canvas has no scenarios of its own.

use std::collections::HashMap;

use num_bigint::BigInt;

use super::resolve::Names;
use super::{BlockId, BlockKind, Facts, Model, PerPeriod, Rate, RateSort, Reference, Spanned, Str};
use crate::code::Code;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::span::Span;

/// A `scenario` item.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub id: Option<Spanned<Str>>,
    pub label: Option<Spanned<Str>>,
    /// The keyword, identifier and label.
    pub head: Span,
    /// The whole item, braces included.
    pub span: Span,
    pub notes: Vec<Spanned<Str>>,
    pub allows: Vec<Spanned<Code>>,
    /// The scenario had a syntax error; it introduces no diagnostic.
    pub broken: bool,
    pub overrides: Vec<Override>,
}

impl Scenario {
    /// The identifier as written, or the empty string.
    pub fn name(&self) -> &str {
        self.id.as_ref().map_or("", |id| id.value.as_str())
    }

    /// The label if there is one, else the identifier.
    pub fn display_name(&self) -> &str {
        self.label
            .as_ref()
            .map_or_else(|| self.name(), |label| label.value.as_str())
    }

    /// Where messages about the scenario as a whole point.
    pub fn name_span(&self) -> Span {
        self.id.as_ref().map_or(self.head, |id| id.span)
    }

    /// Every rate an override sets, for the currency checks of the file.
    pub fn rates(&self) -> impl Iterator<Item = &Rate> {
        self.overrides
            .iter()
            .flat_map(|block| block.settings.iter())
            .filter_map(|setting| match &setting.value {
                Setting::Rate(rate) => Some(rate),
                _ => None,
            })
    }

    /// Every setting of the scenario's resolved overrides, in source order.
    pub fn settings(&self) -> impl Iterator<Item = (&Override, &Spanned<Setting>)> {
        self.overrides
            .iter()
            .filter(|block| block.target.is_some())
            .flat_map(|block| block.settings.iter().map(move |setting| (block, setting)))
    }
}

/// One override: a block named as in its own header, and what it sets.
#[derive(Clone, Debug, PartialEq)]
pub struct Override {
    pub kind: BlockKind,
    /// The identifier (for a relationship, its type).
    pub name: Option<Spanned<Str>>,
    pub label: Option<Spanned<Str>>,
    /// A relationship override's `for` segments, which select the relationship.
    pub segments: Vec<Reference>,
    pub head: Span,
    pub span: Span,
    /// The values it sets, each with the span of its statement.
    pub settings: Vec<Spanned<Setting>>,
    /// The block it overrides, once resolved.
    pub target: Option<BlockId>,
}

impl Override {
    /// How the override names its block, for messages (`relationship community`).
    pub fn describe(&self) -> String {
        let name = self.name.as_ref().map_or("", |name| name.value.as_str());
        format!("{} {name}", self.kind.keyword())
    }
}

/// A value an override sets.
#[derive(Clone, Debug, PartialEq)]
pub enum Setting {
    Size(BigInt),
    Churn(PerPeriod),
    Growth(PerPeriod),
    /// A `price`, `cost` or `amount`, according to the block.
    Rate(Rate),
}

/// Links each override to the block it names, and reports what §3 asks:
/// an unknown block (`unknown-reference`), a relationship header that fits
/// several relationships (`duplicate-definition`), a block overridden twice
/// in one scenario (`duplicate-field`), and a scenario name given twice
/// (`duplicate-definition`).
pub fn resolve(model: &mut Model, names: &Names) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut scenario_names: HashMap<Str, Span> = HashMap::new();
    let mut scenarios = std::mem::take(&mut model.scenarios);
    for scenario in &mut scenarios {
        if let Some(id) = &scenario.id {
            if let Some(first) = scenario_names.get(&id.value) {
                diagnostics.push(
                    Diagnostic::new(
                        Code::DuplicateDefinition,
                        format!("scenario `{}` is defined twice", id.value),
                        id.span,
                        "defined again here",
                    )
                    .with_related(*first, "first defined here")
                    .with_help("give each scenario its own name"),
                );
            } else {
                scenario_names.insert(id.value.clone(), id.span);
            }
        }
        let mut overridden: HashMap<BlockId, Span> = HashMap::new();
        for block in &mut scenario.overrides {
            block.target = target(model, names, block, &mut diagnostics);
            let Some(target) = block.target else { continue };
            if let Some(first) = overridden.get(&target) {
                diagnostics.push(
                    Diagnostic::new(
                        Code::DuplicateField,
                        format!("`{}` is overridden twice in this scenario", block.describe()),
                        block.head,
                        "overridden again here",
                    )
                    .with_related(*first, "first overridden here")
                    .with_help("put every statement for this block in one override"),
                );
                block.target = None;
            } else {
                overridden.insert(target, block.head);
            }
        }
    }
    model.scenarios = scenarios;
    diagnostics
}

/// The block an override names, or `None` with the error that says why.
fn target(model: &Model, names: &Names, block: &Override, out: &mut Vec<Diagnostic>) -> Option<BlockId> {
    let name = block.name.as_ref()?;
    let noun = block.kind.noun();
    if block.kind != BlockKind::Relationship {
        // A misspelt definition is read as the name its uses spell (§4),
        // and already has its one diagnostic.
        let found = names
            .get(block.kind.namespace(), &name.value)
            .or_else(|| names.misspelt_as(block.kind.namespace(), &name.value))
            .filter(|id| id.kind == block.kind);
        if found.is_none() {
            let candidates = model
                .blocks()
                .filter(|(id, _)| id.kind == block.kind)
                .map(|(_, found)| found.name());
            let diagnostic = Diagnostic::new(
                Code::UnknownReference,
                format!("no {noun} named `{}` to override", name.value),
                name.span,
                "overridden here",
            );
            out.push(match did_you_mean(&name.value, candidates) {
                Some(near) => diagnostic.suggest(near),
                None => diagnostic.with_help(format!(
                    "an override names {} of the canvas",
                    crate::diagnostic::a(noun)
                )),
            });
        }
        return found;
    }
    // A relationship by its type, then its label and `for` segments.
    let fits: Vec<usize> = model
        .relationships
        .iter()
        .enumerate()
        .filter(|(_, relationship)| relationship.block.name() == name.value)
        .filter(|(_, relationship)| {
            block.label.as_ref().is_none_or(|label| {
                relationship
                    .block
                    .label
                    .as_ref()
                    .is_some_and(|own| own.value == label.value)
            })
        })
        .filter(|(_, relationship)| {
            block.segments.iter().all(|wanted| {
                relationship
                    .segments
                    .iter()
                    .any(|segment| segment.name.value == wanted.name.value)
            })
        })
        .map(|(index, _)| index)
        .collect();
    match fits.as_slice() {
        [index] => Some(BlockId {
            kind: BlockKind::Relationship,
            index: *index,
        }),
        [] => {
            let types = model.relationships.iter().map(|relationship| relationship.block.name());
            let diagnostic = Diagnostic::new(
                Code::UnknownReference,
                format!("no relationship `{}` fits this override", name.value),
                block.head,
                "overridden here",
            );
            out.push(match did_you_mean(&name.value, types).filter(|near| *near != name.value) {
                Some(near) => diagnostic.suggest(near),
                None => diagnostic.with_help(
                    "a relationship override names the relationship's type, and its label and `for` segments where needed",
                ),
            });
            None
        }
        _ => {
            let mut diagnostic = Diagnostic::new(
                Code::DuplicateDefinition,
                format!("this override fits {} relationships `{}`", fits.len(), name.value),
                block.head,
                "which one?",
            );
            for index in &fits {
                let relationship = &model.relationships[*index].block;
                diagnostic = diagnostic.with_related(relationship.head, "fits this relationship");
            }
            out.push(diagnostic.with_help(
                "add the relationship's label (`relationship community \"Instagram community\" { ... }`), or a `for` segment",
            ));
            None
        }
    }
}

/// The canvas of `scenario`: the base with every resolved override's
/// settings applied, its facts computed.
pub fn apply(base: &Model, scenario: &Scenario) -> Model {
    apply_some(base, scenario, |_| true)
}

/// [`apply`] with only the settings whose index (in [`Scenario::settings`]
/// order) `keep` accepts.
pub fn apply_some(base: &Model, scenario: &Scenario, keep: impl Fn(usize) -> bool) -> Model {
    let mut model = Model {
        scenarios: Vec::new(),
        ..base.clone()
    };
    for (index, (block, setting)) in scenario.settings().enumerate() {
        if !keep(index) {
            continue;
        }
        let Some(target) = block.target else { continue };
        set(&mut model, target, &setting.value, setting.span);
    }
    model.facts = Facts::of(&model);
    model
}

/// Replaces (or adds) one statement's value in the block `target`.
fn set(model: &mut Model, target: BlockId, setting: &Setting, span: Span) {
    match (target.kind, setting) {
        (BlockKind::Segment, Setting::Size(size)) => {
            if let Some(segment) = model.segments.get_mut(target.index) {
                segment.size = Some(Spanned::new(size.clone(), span));
            }
        }
        (BlockKind::Segment, Setting::Churn(churn)) => {
            if let Some(segment) = model.segments.get_mut(target.index) {
                segment.churn = Some(Box::new(churn.clone()));
            }
        }
        (BlockKind::Segment, Setting::Growth(growth)) => {
            if let Some(segment) = model.segments.get_mut(target.index) {
                segment.growth = Some(Box::new(growth.clone()));
            }
        }
        (BlockKind::Relationship, Setting::Rate(rate)) => {
            if let Some(relationship) = model.relationships.get_mut(target.index) {
                match rate.sort() {
                    RateSort::Ordinary => relationship.cost = Some(rate.clone()),
                    RateSort::PerNewCustomer => relationship.acquisition_cost = Some(rate.clone()),
                }
            }
        }
        (BlockKind::Channel, Setting::Rate(rate)) => {
            if let Some(channel) = model.channels.get_mut(target.index) {
                match rate.sort() {
                    RateSort::Ordinary => channel.cost = Some(rate.clone()),
                    RateSort::PerNewCustomer => channel.acquisition_cost = Some(rate.clone()),
                }
            }
        }
        (BlockKind::Revenue, Setting::Rate(rate)) => {
            if let Some(revenue) = model.revenues.get_mut(target.index) {
                match rate.sort() {
                    RateSort::Ordinary => revenue.price = Some(rate.clone()),
                    RateSort::PerNewCustomer => revenue.setup_fee = Some(rate.clone()),
                }
            }
        }
        (BlockKind::Cost, Setting::Rate(rate)) => {
            if let Some(cost) = model.costs.get_mut(target.index) {
                cost.amount = Some(rate.clone());
            }
        }
        // The builder only reads a setting where its block takes it.
        _ => {}
    }
}

/// The economics of every scenario, in source order, with the scenario.
pub fn economics(model: &Model) -> Vec<(&Scenario, super::Economics)> {
    model
        .scenarios
        .iter()
        .filter(|scenario| scenario.id.is_some())
        .map(|scenario| (scenario, apply(model, scenario).facts.economics))
        .collect()
}

/// The scenario named `id`.
pub fn find<'m>(model: &'m Model, id: &str) -> Option<&'m Scenario> {
    model.scenarios.iter().find(|scenario| scenario.name() == id)
}
