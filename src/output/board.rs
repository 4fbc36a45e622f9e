//! The canvas as people look at it: what the HTML, SVG and Markdown outputs
//! show, read once from the checked model so the three always agree.
//!
//! Invariants: every string here is raw user text (or text built from it),
//! not yet escaped: each output escapes it once, for its own context. The
//! model is read the way [`super::json`] reads it (references as written,
//! labels over identifiers for display, money rounded half away from zero),
//! and every index into the model or its facts is looked up, never assumed,
//! so no input can make an output panic.

use crate::code::Severity;
use crate::lines::LineIndex;
use crate::model::derive::Flow;
use crate::model::statements::{with_block_type, Shape, Shaped, Shown, StatementSpec, View};
use crate::model::*;
use crate::Checked;

use super::text;

/// Sticky-note colours, light enough for dark text; a segment takes the one at its index.
pub const PALETTE: [&str; 8] = [
    "#fff2a8", "#ffd3e0", "#cfe8ff", "#d5f5c8", "#ffe0b8", "#e5d9ff", "#c8f1ec", "#f3e3c9",
];

/// The colour of an item that serves no segment.
pub const NEUTRAL: &str = "#f2f2ef";

/// The nine blocks in reading order of the board: left to right, then the bottom row.
pub const BOARD_ORDER: [BlockKind; 9] = [
    BlockKind::Partner,
    BlockKind::Activity,
    BlockKind::Resource,
    BlockKind::Proposition,
    BlockKind::Relationship,
    BlockKind::Channel,
    BlockKind::Segment,
    BlockKind::Cost,
    BlockKind::Revenue,
];

/// One statement of fact about an item, such as `type` `niche`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    /// The statement it comes from, as its keyword.
    pub key: &'static str,
    /// What it says, for people.
    pub value: String,
}

/// One sticky note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// The label, else the identifier.
    pub name: String,
    /// The identifier; empty for a relationship, whose type is one of its facts.
    pub id: String,
    /// The palette index of the segment it serves; `None` when neutral.
    pub colour: Option<usize>,
    /// What its statements say, in table order.
    pub facts: Vec<Fact>,
}

impl Item {
    /// The item's colour as CSS.
    pub fn fill(&self) -> &'static str {
        fill(self.colour)
    }
}

/// The CSS colour of a palette index.
pub fn fill(colour: Option<usize>) -> &'static str {
    colour.and_then(|index| PALETTE.get(index)).copied().unwrap_or(NEUTRAL)
}

/// One of the nine blocks with its notes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Area {
    /// Which block.
    pub kind: BlockKind,
    /// Its notes, in source order.
    pub items: Vec<Item>,
}

/// The header: title, description and the smaller facts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    /// The canvas name.
    pub title: String,
    /// The canvas description, when it has one.
    pub description: Option<String>,
    /// The currency and the other facts of the header.
    pub facts: Vec<Fact>,
}

/// A segment's journey: for each phase, the channels covering it (names).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JourneyRow {
    /// The segment's name.
    pub segment: String,
    /// The segment's palette index.
    pub colour: Option<usize>,
    /// Each phase with the channels that cover it.
    pub phases: Vec<(Phase, Vec<String>)>,
}

/// A relationship with its derived facts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelationshipRow {
    /// The relationship's name.
    pub name: String,
    /// The palette index of the first segment it serves.
    pub colour: Option<usize>,
    /// Its type as written.
    pub relationship_type: String,
    /// The segments it serves, as a list for people.
    pub segments: String,
    /// The intimacy its type implies, when it has a known type.
    pub intimacy: Option<Intimacy>,
    /// Its derived directness.
    pub directness: Option<Directness>,
    /// Its `link` (the `Link` it declares), when it has one.
    pub link: Option<Link>,
    /// Its goals, as a list.
    pub goals: String,
    /// The channels it runs through, as a list.
    pub via: String,
    /// What it costs, as a rate for people.
    pub cost: Option<String>,
}

/// One need, pain, job or gain, and the propositions that answer it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FitRow {
    /// `need`, `pain`, `job` or `gain`.
    pub kind: &'static str,
    /// The need, pain, job or gain as written.
    pub text: String,
    /// Display names of the propositions answering it; empty when unanswered.
    pub answered_by: Vec<String>,
}

/// A segment's customer profile and how it is answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FitGroup {
    /// The segment's name.
    pub segment: String,
    /// The segment's palette index.
    pub colour: Option<usize>,
    /// Each need, pain, job and gain, and what answers it.
    pub rows: Vec<FitRow>,
}

/// A figure for people: known, and formatted, or unknown (it depends on a
/// segment without `size`). Each output shows an unknown figure its own way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Figure {
    /// A figure, formatted.
    Known(String),
    /// A figure that cannot be known.
    Unknown,
}

impl Figure {
    /// An amount of money in the canvas currency, unknown when `None`.
    fn money(value: Option<&num_rational::BigRational>, currency: Option<&str>) -> Figure {
        value.map_or(Figure::Unknown, |value| Figure::Known(text::money(value, currency)))
    }
}

/// Per-segment economics, formatted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SegmentMoney {
    /// The segment's name.
    pub segment: String,
    /// The segment's palette index.
    pub colour: Option<usize>,
    /// Its size, when it has one.
    pub size: Option<String>,
    /// What a customer brings per month.
    pub revenue_per_customer: String,
    /// What a customer's relationships cost per month.
    pub relationship_cost_per_customer: String,
    /// Unknown without a size.
    pub revenue: Figure,
    /// The relationship cost of the whole segment; unknown without a size.
    pub relationship_cost: Figure,
}

/// A one-off amount, formatted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OneOffRow {
    /// The block's name and noun: `Implementation services (revenue stream)`.
    pub item: String,
    /// `revenue` or `cost`.
    pub flow: &'static str,
    /// The amount, as written for people.
    pub amount: String,
    /// The amount over the segments it applies to; unknown without their sizes.
    pub total: Figure,
}

/// The economics of the canvas, formatted (monthly, in the canvas currency).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Money {
    /// The canvas currency, when it is known.
    pub currency: Option<String>,
    /// Each segment's figures.
    pub segments: Vec<SegmentMoney>,
    /// Revenue per month.
    pub monthly_revenue: Figure,
    /// Cost per month.
    pub monthly_cost: Figure,
    /// Revenue less cost per month.
    pub monthly_margin: Figure,
    /// Whether the margin is known and below zero.
    pub loss: bool,
    /// The one-off amounts, kept apart from the monthly figures.
    pub one_off: Vec<OneOffRow>,
    /// Unit economics and scenarios, for a canvas that uses them.
    pub unit: Option<super::economics::UnitEconomics>,
}

/// A diagnostic as a row: where and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// How serious it is.
    pub severity: Severity,
    /// The rule code.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// How to put it right, when there is something to say.
    pub help: Option<String>,
    /// 1-based; `None` for a problem of the whole file.
    pub line: Option<usize>,
}

/// Everything the outputs for people show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Board {
    /// The canvas name, description and header facts.
    pub heading: Heading,
    /// The nine blocks, in `BOARD_ORDER`.
    pub areas: Vec<Area>,
    /// Each segment's journey.
    pub journeys: Vec<JourneyRow>,
    /// Each relationship with its derived facts.
    pub relationships: Vec<RelationshipRow>,
    /// Each segment's profile and what answers it.
    pub fits: Vec<FitGroup>,
    /// The economics.
    pub money: Money,
    /// The warnings and advice.
    pub findings: Vec<Finding>,
}

impl Board {
    /// Reads the board of a checked canvas.
    pub fn of(checked: &Checked) -> Board {
        let model = &checked.model;
        Board {
            heading: heading(model),
            areas: BOARD_ORDER.iter().map(|kind| area(model, *kind)).collect(),
            journeys: journeys(model),
            relationships: relationships(model),
            fits: fits(model),
            money: money(model),
            findings: findings(checked),
        }
    }

    /// The area of `kind`.
    pub fn area(&self, kind: BlockKind) -> Option<&Area> {
        self.areas.iter().find(|area| area.kind == kind)
    }
}

/// The palette index of a segment.
pub fn segment_colour(index: usize) -> usize {
    index % PALETTE.len()
}

/// The colour of the first segment `references` resolve to.
fn colour_of(references: &[Reference]) -> Option<usize> {
    targets(references, BlockKind::Segment).next().map(segment_colour)
}

/// What an item is called on the board.
fn display(block: &Block) -> String {
    let name = block.display_name();
    if name.is_empty() {
        block.kind.keyword().to_string()
    } else {
        name.to_string()
    }
}

/// The display name of the segment at `index`.
fn segment_name(model: &Model, index: usize) -> String {
    model
        .segments
        .get(index)
        .map_or_else(String::new, |s| display(&s.block))
}

fn heading(model: &Model) -> Heading {
    let Some(header) = model.header() else {
        return Heading {
            title: "Business Model Canvas".to_string(),
            description: None,
            facts: Vec::new(),
        };
    };
    let title = header
        .block
        .label
        .as_ref()
        .map_or_else(|| "Business Model Canvas".to_string(), |label| label.value.to_string());
    let mut facts = statement_facts(header, model.currency());
    // The canvas currency, which the first amount gives when the header does not.
    if !facts.iter().any(|fact| fact.key == "currency") {
        if let Some(currency) = model.currency() {
            facts.insert(
                0,
                Fact {
                    key: "currency",
                    value: currency.to_string(),
                },
            );
        }
    }
    Heading {
        title,
        description: header.description.as_ref().map(|d| d.value.to_string()),
        facts,
    }
}

/// Adds a fact when there is a value to state.
fn push(facts: &mut Vec<Fact>, key: &'static str, value: Option<String>) {
    if let Some(value) = value.filter(|value| !value.is_empty()) {
        facts.push(Fact { key, value });
    }
}

fn some_list<T: std::fmt::Display>(values: impl IntoIterator<Item = T>) -> Option<String> {
    Some(text::list(values))
}

/// The facts a note shows of what `block`'s statements say, as its
/// statement table's [`Shown`] says.
fn statement_facts<B: Shaped>(block: &B, currency: Option<&str>) -> Vec<Fact> {
    let mut lead = Vec::new();
    let mut facts = Vec::new();
    // Where the fact `is` goes, and its words.
    let mut classes: Option<(usize, Vec<&str>)> = None;
    for statement in B::STATEMENTS {
        let spec = &statement.spec;
        let view = statement.view(block);
        match (spec.shown, view) {
            (Shown::Hidden, _) => {}
            (Shown::Lead(key), view) => push(&mut lead, key, shown(spec, &view, currency)),
            (Shown::Fact(key), view) => push(&mut facts, key, shown(spec, &view, currency)),
            (Shown::Joined(key), View::Texts(texts)) => push(
                &mut facts,
                key,
                Some(
                    texts
                        .iter()
                        .map(|text| text.value.as_str())
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            ),
            (Shown::Class, view) => {
                let (_, words) = classes.get_or_insert_with(|| (facts.len(), Vec::new()));
                if let View::Value(Some(word)) = view {
                    words.push(word);
                }
            }
            (Shown::Rates(key, per_new_customer_key), View::Rates(ordinary, per_new_customer)) => {
                push(&mut facts, key, ordinary.map(|rate| text::rate(rate, currency)));
                push(
                    &mut facts,
                    per_new_customer_key,
                    per_new_customer.map(|rate| text::rate(rate, currency)),
                );
            }
            (Shown::Joined(_) | Shown::Rates(..), _) => {}
        }
    }
    if let Some((at, words)) = classes {
        let value = text::list(words);
        if !value.is_empty() {
            facts.insert(at, Fact { key: "is", value });
        }
    }
    lead.extend(facts);
    lead
}

/// One statement's field as the value of a fact.
fn shown(spec: &StatementSpec, view: &View<'_>, currency: Option<&str>) -> Option<String> {
    match view {
        View::Block => None,
        View::Text(value) => value.map(|value| value.value.to_string()),
        View::Texts(values) => some_list(values.iter().map(|value| value.value.as_str())),
        View::Attributes(attributes) => some_list(
            attributes
                .iter()
                .map(|attribute| format!("{} {}", attribute.key.value, attribute.value.value.as_str())),
        ),
        View::Count(count) => count.map(text::count),
        View::Value(value) => value.map(str::to_string),
        View::Values(values) => some_list(values.iter()),
        View::Reference(reference) => reference.map(|reference| reference.name.value.to_string()),
        View::References(references) => Some(text::names(references)),
        View::Phases(phases) => some_list(phases.iter().map(|coverage| coverage.phase.value)),
        View::Rate(rate) | View::Rates(rate, _) => rate.map(|rate| text::rate(rate, currency)),
        View::PerPeriod(value) => value.map(|value| {
            let number = if value.value.is_integer() {
                text::count(&value.value.to_integer())
            } else {
                crate::model::derive::format_decimal(&value.value, 2)
            };
            let unit = if spec.shape == Shape::Percentage { "%" } else { "" };
            format!("{number}{unit} per {}", value.period)
        }),
    }
}

/// The colour of a block: that of the first segment its first statement
/// naming segments names; neutral when it names none.
fn colour<B: Shaped>(block: &B) -> Option<usize> {
    B::STATEMENTS
        .iter()
        .find(|statement| statement.spec.shape.namespace() == Some(Namespace::Segment))
        .and_then(|statement| colour_of(statement.references(block)))
}

/// The notes of blocks shown by their statements alone.
fn notes<B: Shaped>(blocks: &[B], currency: Option<&str>) -> Vec<Item> {
    blocks
        .iter()
        .map(|block| Item {
            name: display(block.block()),
            id: block.block().name().to_string(),
            colour: colour(block),
            facts: statement_facts(block, currency),
        })
        .collect()
}

fn area(model: &Model, kind: BlockKind) -> Area {
    let currency = model.currency();
    let items = match kind {
        BlockKind::Header => Vec::new(),
        BlockKind::Segment => model
            .segments
            .iter()
            .enumerate()
            .map(|(index, segment)| {
                let mut facts = statement_facts(segment, currency);
                if let Some(figures) = model.facts.economics.segments.get(index) {
                    push(
                        &mut facts,
                        "LTV",
                        figures.lifetime_value.as_ref().map(|ltv| text::money(ltv, currency)),
                    );
                    push(
                        &mut facts,
                        "CAC",
                        figures
                            .has_acquisition_cost
                            .then(|| text::money(&figures.acquisition_cost, currency)),
                    );
                }
                Item {
                    name: display(&segment.block),
                    id: segment.block.name().to_string(),
                    colour: Some(segment_colour(index)),
                    facts,
                }
            })
            .collect(),
        BlockKind::Relationship => model
            .relationships
            .iter()
            .map(|relationship| {
                let mut facts = Vec::new();
                // Without a label the name is the type already.
                if relationship.block.label.is_some() {
                    push(&mut facts, "type", Some(relationship.block.name().to_string()));
                }
                facts.extend(statement_facts(relationship, currency));
                // Known by its type, which is a fact here rather than an identifier.
                Item {
                    name: display(&relationship.block),
                    id: String::new(),
                    colour: colour_of(&relationship.segments),
                    facts,
                }
            })
            .collect(),
        _ => with_block_type!(kind, B => notes(B::all(model), currency)),
    };
    Area { kind, items }
}

fn journeys(model: &Model) -> Vec<JourneyRow> {
    model
        .segments
        .iter()
        .enumerate()
        .map(|(index, segment)| {
            let journey = model.facts.journeys.get(index);
            let phases = Phase::ALL
                .iter()
                .map(|phase| {
                    let channels = journey
                        .map(|journey| journey.channels(*phase))
                        .unwrap_or_default()
                        .iter()
                        .filter_map(|channel| model.channels.get(*channel))
                        .map(|channel| display(&channel.block))
                        .collect();
                    (*phase, channels)
                })
                .collect();
            JourneyRow {
                segment: display(&segment.block),
                colour: Some(segment_colour(index)),
                phases,
            }
        })
        .collect()
}

fn relationships(model: &Model) -> Vec<RelationshipRow> {
    let currency = model.currency();
    model
        .relationships
        .iter()
        .enumerate()
        .map(|(index, relationship)| RelationshipRow {
            name: display(&relationship.block),
            colour: colour_of(&relationship.segments),
            relationship_type: relationship.block.name().to_string(),
            segments: text::list(
                targets(&relationship.segments, BlockKind::Segment).map(|segment| segment_name(model, segment)),
            ),
            intimacy: relationship
                .relationship_type
                .as_ref()
                .and_then(|kind| kind.value.intimacy()),
            directness: model.facts.directness.get(index).copied(),
            link: relationship.link.as_ref().map(|link| link.value),
            goals: text::list(relationship.goals.iter().map(|goal| goal.value)),
            via: text::list(
                targets(&relationship.via, BlockKind::Channel)
                    .filter_map(|channel| model.channels.get(channel))
                    .map(|channel| display(&channel.block)),
            ),
            cost: relationship.cost.as_ref().map(|rate| text::rate(rate, currency)),
        })
        .collect()
}

fn fits(model: &Model) -> Vec<FitGroup> {
    let proposition_name = |index: &usize| model.propositions.get(*index).map(|p| display(&p.block));
    model
        .segments
        .iter()
        .enumerate()
        .map(|(index, segment)| {
            let unknown = Fit::default();
            let fit = model.facts.fits.get(index).unwrap_or(&unknown);
            let mut rows = Vec::new();
            let sides = [
                ("need", &segment.needs, &fit.needs),
                ("pain", &segment.pains, &fit.pains),
                ("job", &segment.jobs, &fit.jobs),
                ("gain", &segment.gains, &fit.gains),
            ];
            for (kind, items, answers) in sides {
                for (position, item) in items.iter().enumerate() {
                    let answered_by = answers
                        .get(position)
                        .map(|propositions| propositions.iter().filter_map(proposition_name).collect())
                        .unwrap_or_default();
                    rows.push(FitRow {
                        kind,
                        text: item.value.to_string(),
                        answered_by,
                    });
                }
            }
            FitGroup {
                segment: display(&segment.block),
                colour: Some(segment_colour(index)),
                rows,
            }
        })
        .collect()
}

fn money(model: &Model) -> Money {
    let economics = &model.facts.economics;
    let currency = model.currency();
    let segments = model
        .segments
        .iter()
        .enumerate()
        .zip(&economics.segments)
        .map(|((index, segment), figures)| SegmentMoney {
            segment: display(&segment.block),
            colour: Some(segment_colour(index)),
            size: segment.size.as_ref().map(|size| text::count(&size.value)),
            revenue_per_customer: text::money(&figures.revenue_per_customer, currency),
            relationship_cost_per_customer: text::money(&figures.relationship_cost_per_customer, currency),
            revenue: Figure::money(figures.revenue_total.as_ref(), currency),
            relationship_cost: Figure::money(figures.relationship_cost_total.as_ref(), currency),
        })
        .collect();
    let one_off = economics
        .one_off
        .iter()
        .map(|item| {
            let name = model.block(item.block).map(display).unwrap_or_default();
            let mut amount = text::money(&item.amount, currency);
            if item.per_customer {
                amount.push_str(" per customer");
            }
            OneOffRow {
                item: format!("{name} ({})", item.block.kind.noun()),
                flow: match item.flow {
                    Flow::Revenue => "revenue",
                    Flow::Cost => "cost",
                },
                amount,
                total: Figure::money(item.total.as_ref(), currency),
            }
        })
        .collect();
    let loss = economics
        .monthly_margin
        .as_ref()
        .is_some_and(num_traits::Signed::is_negative);
    Money {
        currency: currency.map(str::to_string),
        segments,
        monthly_revenue: Figure::money(economics.monthly_revenue.as_ref(), currency),
        monthly_cost: Figure::money(economics.monthly_cost.as_ref(), currency),
        monthly_margin: Figure::money(economics.monthly_margin.as_ref(), currency),
        loss,
        one_off,
        unit: super::economics::unit_economics(model),
    }
}

fn findings(checked: &Checked) -> Vec<Finding> {
    let lines = LineIndex::new(&checked.source);
    checked
        .diagnostics
        .iter()
        .map(|diagnostic| Finding {
            severity: diagnostic.severity,
            code: diagnostic.code.as_str(),
            message: diagnostic.message.clone(),
            help: diagnostic.help.clone(),
            line: diagnostic
                .primary_span()
                .map(|span| lines.position(&checked.source, span.start()).line),
        })
        .collect()
}
