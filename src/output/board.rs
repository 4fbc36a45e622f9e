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
    pub key: &'static str,
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
    pub kind: BlockKind,
    pub items: Vec<Item>,
}

/// The header: title, description and the smaller facts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    pub title: String,
    pub description: Option<String>,
    pub facts: Vec<Fact>,
}

/// A segment's journey: for each phase, the channels covering it (names).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JourneyRow {
    pub segment: String,
    pub colour: Option<usize>,
    pub phases: Vec<(Phase, Vec<String>)>,
}

/// A relationship with its derived facts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelationshipRow {
    pub name: String,
    pub colour: Option<usize>,
    pub relationship_type: String,
    pub segments: String,
    pub intimacy: Option<Intimacy>,
    pub directness: Option<Directness>,
    pub link: Option<Link>,
    pub goals: String,
    pub via: String,
    pub cost: Option<String>,
}

/// One need, pain, job or gain, and the propositions that answer it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FitRow {
    /// `need`, `pain`, `job` or `gain`.
    pub kind: &'static str,
    pub text: String,
    /// Display names of the propositions answering it; empty when unanswered.
    pub answered_by: Vec<String>,
}

/// A segment's customer profile and how it is answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FitGroup {
    pub segment: String,
    pub colour: Option<usize>,
    pub rows: Vec<FitRow>,
}

/// Per-segment economics, formatted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SegmentMoney {
    pub segment: String,
    pub colour: Option<usize>,
    pub size: Option<String>,
    pub revenue_per_customer: String,
    pub relationship_cost_per_customer: String,
    /// `unknown` without a size.
    pub revenue: String,
    pub relationship_cost: String,
}

/// A one-off amount, formatted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OneOffRow {
    /// The block's name and noun: `Implementation services (revenue stream)`.
    pub item: String,
    pub flow: &'static str,
    pub amount: String,
    pub total: String,
}

/// The economics of the canvas, formatted (monthly, in the canvas currency).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Money {
    pub currency: Option<String>,
    pub segments: Vec<SegmentMoney>,
    pub monthly_revenue: String,
    pub monthly_cost: String,
    pub monthly_margin: String,
    /// Whether the margin is known and below zero.
    pub loss: bool,
    pub one_off: Vec<OneOffRow>,
    /// Unit economics and scenarios, for a canvas that uses them.
    pub unit: Option<super::economics::UnitEconomics>,
}

/// A diagnostic as a row: where and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub help: Option<String>,
    /// 1-based; `None` for a problem of the whole file.
    pub line: Option<usize>,
}

/// Everything the outputs for people show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Board {
    pub heading: Heading,
    pub areas: Vec<Area>,
    pub journeys: Vec<JourneyRow>,
    pub relationships: Vec<RelationshipRow>,
    pub fits: Vec<FitGroup>,
    pub money: Money,
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
    let mut facts = Vec::new();
    push(&mut facts, "currency", model.currency().map(str::to_string));
    push(
        &mut facts,
        "version",
        header.version.as_ref().map(|v| v.value.to_string()),
    );
    push(&mut facts, "owner", header.owner.as_ref().map(|v| v.value.to_string()));
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

fn value<T: Copy + std::fmt::Display>(value: &Option<Spanned<T>>) -> Option<String> {
    value.as_ref().map(|value| value.value.to_string())
}

fn area(model: &Model, kind: BlockKind) -> Area {
    let currency = model.currency();
    let rate = |rate: &Option<Rate>| rate.as_ref().map(|rate| text::rate(rate, currency));
    let items = match kind {
        BlockKind::Header => Vec::new(),
        BlockKind::Segment => model
            .segments
            .iter()
            .enumerate()
            .map(|(index, segment)| {
                let mut facts = Vec::new();
                push(&mut facts, "type", value(&segment.segment_type));
                push(
                    &mut facts,
                    "size",
                    segment.size.as_ref().map(|size| text::count(&size.value)),
                );
                push(&mut facts, "priority", value(&segment.priority));
                let attributes = segment
                    .attributes
                    .iter()
                    .map(|attribute| format!("{} {}", attribute.key.value, attribute.value.value.as_str()));
                push(&mut facts, "attributes", some_list(attributes));
                push(
                    &mut facts,
                    "expects",
                    some_list(segment.expects.iter().map(|e| e.value)),
                );
                push(&mut facts, "linked", Some(text::names(&segment.linked)));
                let per_period = |value: &crate::model::PerPeriod, unit: &str| {
                    let number = if value.value.is_integer() {
                        text::count(&value.value.to_integer())
                    } else {
                        crate::model::derive::format_decimal(&value.value, 2)
                    };
                    format!("{number}{unit} per {}", value.period)
                };
                push(
                    &mut facts,
                    "churn",
                    segment.churn.as_ref().map(|churn| per_period(churn, "%")),
                );
                push(
                    &mut facts,
                    "growth",
                    segment.growth.as_ref().map(|growth| per_period(growth, "")),
                );
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
        BlockKind::Proposition => model
            .propositions
            .iter()
            .map(|proposition| {
                let mut facts = Vec::new();
                push(&mut facts, "for", Some(text::names(&proposition.segments)));
                push(&mut facts, "kind", some_list(proposition.kinds.iter().map(|k| k.value)));
                push(
                    &mut facts,
                    "offers",
                    Some(
                        proposition
                            .offers
                            .iter()
                            .map(|offer| offer.value.as_str())
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                );
                Item {
                    name: display(&proposition.block),
                    id: proposition.block.name().to_string(),
                    colour: colour_of(&proposition.segments),
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
                push(&mut facts, "for", Some(text::names(&relationship.segments)));
                push(&mut facts, "link", value(&relationship.link));
                push(
                    &mut facts,
                    "goals",
                    some_list(relationship.goals.iter().map(|g| g.value)),
                );
                push(&mut facts, "via", Some(text::names(&relationship.via)));
                push(&mut facts, "cost", rate(&relationship.cost));
                push(&mut facts, "to win", rate(&relationship.acquisition_cost));
                // Known by its type, which is a fact here rather than an identifier.
                Item {
                    name: display(&relationship.block),
                    id: String::new(),
                    colour: colour_of(&relationship.segments),
                    facts,
                }
            })
            .collect(),
        BlockKind::Channel => model
            .channels
            .iter()
            .map(|channel| {
                let mut facts = Vec::new();
                push(&mut facts, "reaches", Some(text::names(&channel.segments)));
                let classes = [
                    value(&channel.owner),
                    value(&channel.channel_type),
                    value(&channel.mode),
                ];
                push(&mut facts, "is", some_list(classes.into_iter().flatten()));
                push(
                    &mut facts,
                    "phases",
                    some_list(channel.phases.iter().map(|c| c.phase.value)),
                );
                push(
                    &mut facts,
                    "partner",
                    channel.partner.as_ref().map(|p| p.name.value.to_string()),
                );
                push(&mut facts, "cost", rate(&channel.cost));
                push(&mut facts, "to win", rate(&channel.acquisition_cost));
                Item {
                    name: display(&channel.block),
                    id: channel.block.name().to_string(),
                    colour: colour_of(&channel.segments),
                    facts,
                }
            })
            .collect(),
        BlockKind::Revenue => model
            .revenues
            .iter()
            .map(|revenue| {
                let mut facts = Vec::new();
                push(&mut facts, "from", Some(text::names(&revenue.segments)));
                push(&mut facts, "type", value(&revenue.revenue_type));
                push(&mut facts, "pricing", value(&revenue.pricing));
                push(&mut facts, "price", rate(&revenue.price));
                push(&mut facts, "set-up fee", rate(&revenue.setup_fee));
                push(&mut facts, "for", Some(text::names(&revenue.propositions)));
                Item {
                    name: display(&revenue.block),
                    id: revenue.block.name().to_string(),
                    colour: colour_of(&revenue.segments),
                    facts,
                }
            })
            .collect(),
        BlockKind::Cost => model
            .costs
            .iter()
            .map(|cost| {
                let mut facts = Vec::new();
                push(&mut facts, "type", value(&cost.cost_type));
                push(&mut facts, "amount", rate(&cost.amount));
                push(&mut facts, "for", Some(text::names(&cost.drivers)));
                neutral(&cost.block, facts)
            })
            .collect(),
        BlockKind::Partner => model
            .partners
            .iter()
            .map(|partner| {
                let mut facts = Vec::new();
                push(&mut facts, "type", value(&partner.partnership));
                push(
                    &mut facts,
                    "motivation",
                    some_list(partner.motivations.iter().map(|m| m.value)),
                );
                push(&mut facts, "provides", Some(text::names(&partner.provides)));
                neutral(&partner.block, facts)
            })
            .collect(),
        BlockKind::Activity => model
            .activities
            .iter()
            .map(|activity| {
                let mut facts = Vec::new();
                push(&mut facts, "type", value(&activity.activity_type));
                push(&mut facts, "for", Some(text::names(&activity.propositions)));
                neutral(&activity.block, facts)
            })
            .collect(),
        BlockKind::Resource => model
            .resources
            .iter()
            .map(|resource| {
                let mut facts = Vec::new();
                push(&mut facts, "type", value(&resource.resource_type));
                push(&mut facts, "for", Some(text::names(&resource.propositions)));
                neutral(&resource.block, facts)
            })
            .collect(),
    };
    Area { kind, items }
}

fn neutral(block: &Block, facts: Vec<Fact>) -> Item {
    Item {
        name: display(block),
        id: block.name().to_string(),
        colour: None,
        facts,
    }
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
            revenue: text::optional_money(figures.revenue_total.as_ref(), currency),
            relationship_cost: text::optional_money(figures.relationship_cost_total.as_ref(), currency),
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
                total: text::optional_money(item.total.as_ref(), currency),
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
        monthly_revenue: text::optional_money(economics.monthly_revenue.as_ref(), currency),
        monthly_cost: text::optional_money(economics.monthly_cost.as_ref(), currency),
        monthly_margin: text::optional_money(economics.monthly_margin.as_ref(), currency),
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
