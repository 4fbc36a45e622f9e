//! The model: what a canvas means.
//!
//! [`build`] interprets the syntax tree block by block (statements, values,
//! rates), [`resolve`] links every reference to the block it names, and
//! [`derive`](mod@derive) computes the facts the reference calls derived: intimacy,
//! directness, journeys and economics (unit economics and break-even
//! included). [`scenario`] owns the `scenario` items: which block each
//! override names, and the canvas a scenario makes.
//!
//! Invariants:
//! - the model keeps every block in source order, including duplicates and
//!   broken blocks, so rules can see what was written;
//! - a value that failed to read (an `unknown-value`) is absent from its
//!   field, but its statement still counts as present
//!   ([`Block::statements`]), so no rule reports it missing as well;
//! - a [`Reference`] whose target is `None` has exactly one error about it
//!   (`unknown-reference` or `wrong-kind`) and is otherwise ignored;
//! - money is exact ([`num_rational::BigRational`]); rounding happens only
//!   when a figure is printed.

pub mod build;
pub mod derive;
pub mod enums;
pub mod meanings;
pub mod resolve;
pub mod scenario;
pub mod statements;

use num_bigint::BigInt;
use num_rational::BigRational;

pub use derive::{Economics, Facts, Fit, SegmentEconomics};
pub use enums::*;

pub use crate::blocks::{BlockKind, Namespace};
use crate::code::Code;
use crate::span::Span;
pub use crate::span::{Spanned, Str};
use statements::Shaped;

/// A list a block holds: needs, references, statements. One pointer wide,
/// and empty without an allocation: a block leaves most of its lists empty,
/// and a large canvas holds hundreds of thousands of blocks.
pub type List<T> = thin_vec::ThinVec<T>;

/// Which block a resolved reference names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlockId {
    pub kind: BlockKind,
    pub index: usize,
}

/// A name used where a block of some kind is expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    pub name: Spanned<Str>,
    pub expects: Namespace,
    /// The block it names; `None` when the name does not resolve.
    pub target: Option<BlockId>,
}

/// A statement as written in a block, recognised or not valid in value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatementUse {
    /// What the statement is (a thin pointer: a large canvas has a use per line).
    pub statement: &'static statements::StatementSpec,
    /// The whole statement; it starts with the keyword.
    pub span: Span,
}

impl StatementUse {
    pub fn keyword(&self) -> &'static str {
        self.statement.keyword
    }
}

/// What every block has.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    /// The identifier; for a relationship, its type as written; none for the header.
    pub id: Option<Spanned<Str>>,
    /// The optional display label (the header's title).
    pub label: Option<Spanned<Str>>,
    /// The keyword, identifier and label: where `missing-field` points.
    pub head: Span,
    /// The whole block, braces included.
    pub span: Span,
    pub statements: List<StatementUse>,
    pub notes: List<Spanned<Str>>,
    pub allows: List<Spanned<Code>>,
    /// The block had a syntax error: it keeps the statements read before
    /// and after it, but is not judged (§4 "One mistake, one diagnostic").
    pub broken: bool,
    /// The block has a statement that is unknown with no single candidate:
    /// rules that would read it stay quiet for the block and its segments.
    pub unsure: bool,
    /// The names written in those unknown statements: the segments among
    /// them are as quiet as the segments the block names.
    pub unsure_names: List<Str>,
}

impl Block {
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

    /// Where messages about the block as a whole point: its identifier, else its head.
    pub fn name_span(&self) -> Span {
        self.id.as_ref().map_or(self.head, |id| id.span)
    }

    /// Every use of the statement `keyword`, in order.
    pub fn uses<'a>(&'a self, keyword: &'a str) -> impl Iterator<Item = &'a StatementUse> + 'a {
        self.statements.iter().filter(move |used| used.keyword() == keyword)
    }

    pub fn has(&self, keyword: &str) -> bool {
        self.uses(keyword).next().is_some()
    }
}

/// An amount of money as written, with its exact value.
#[derive(Clone, Debug, PartialEq)]
pub struct Money {
    pub value: BigRational,
    /// The number as written (`0.10`, `120_000`).
    pub text: Str,
    pub currency: Option<Spanned<Str>>,
    pub span: Span,
}

/// Money, optionally `per customer` and `per PERIOD`, or `per new customer`.
#[derive(Clone, Debug, PartialEq)]
pub struct Rate {
    pub amount: Money,
    pub per_customer: bool,
    /// `per new customer`: paid once for each customer won (an acquisition
    /// cost, or a set-up fee on a revenue stream); never with a period.
    pub per_new_customer: bool,
    /// `None` for a one-off amount.
    pub period: Option<Period>,
    pub span: Span,
}

impl Rate {
    /// The amount per month, for a recurring rate.
    pub fn monthly(&self) -> Option<BigRational> {
        self.period.map(|period| derive::per_month(&self.amount.value, period))
    }

    pub fn is_recurring(&self) -> bool {
        self.period.is_some()
    }

    /// Which of the two sorts a block takes at most one of each this rate is.
    pub fn sort(&self) -> RateSort {
        if self.per_new_customer {
            RateSort::PerNewCustomer
        } else {
            RateSort::Ordinary
        }
    }
}

/// The sorts of `cost` and `price` (§3: "1 of each sort"): recurring or
/// one-off, and `per new customer`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RateSort {
    Ordinary,
    PerNewCustomer,
}

/// A quantity per period, as written (`4% per month`, `300 per month`).
#[derive(Clone, Debug, PartialEq)]
pub struct PerPeriod {
    /// The number as written, without `%` (`4` for `4%`).
    pub value: BigRational,
    pub period: Period,
    pub span: Span,
}

impl PerPeriod {
    /// The value per month, converted linearly (year = 12 months).
    pub fn monthly(&self) -> BigRational {
        derive::per_month(&self.value, self.period)
    }
}

/// The header: `canvas "Title" { ... }`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Header {
    pub block: Block,
    pub description: Option<Spanned<Str>>,
    pub currency: Option<Spanned<Str>>,
    pub version: Option<Spanned<Str>>,
    pub owner: Option<Spanned<Str>>,
}

/// An `attribute KEY VALUE` of a segment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribute {
    pub key: Spanned<Str>,
    pub value: Spanned<AttributeValue>,
}

/// The value of an attribute, as one of the three forms it may take.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttributeValue {
    Text(Str),
    Number(Str),
    Name(Str),
}

impl AttributeValue {
    pub fn as_str(&self) -> &str {
        match self {
            AttributeValue::Text(text) | AttributeValue::Number(text) | AttributeValue::Name(text) => text,
        }
    }
}

/// A customer segment, with its customer profile.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Segment {
    pub block: Block,
    pub segment_type: Option<Spanned<SegmentType>>,
    pub attributes: List<Attribute>,
    pub needs: List<Spanned<Str>>,
    pub expects: List<Spanned<RelationshipType>>,
    pub size: Option<Spanned<BigInt>>,
    pub priority: Option<Spanned<Priority>>,
    pub linked: List<Reference>,
    pub jobs: List<Spanned<Str>>,
    pub pains: List<Spanned<Str>>,
    pub gains: List<Spanned<Str>>,
    /// `churn PERCENT per PERIOD`: the value is the percentage.
    pub churn: Option<Box<PerPeriod>>,
    /// `growth N per PERIOD`: new customers won.
    pub growth: Option<Box<PerPeriod>>,
}

impl Segment {
    /// The share of customers lost per month, as a fraction (`1/25` for 4%).
    pub fn churn_per_month(&self) -> Option<BigRational> {
        self.churn
            .as_ref()
            .map(|churn| churn.monthly() / BigRational::from_integer(BigInt::from(100)))
    }
}

/// A value proposition, with its value map.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Proposition {
    pub block: Block,
    pub segments: List<Reference>,
    pub meets: List<Spanned<Str>>,
    pub kinds: List<Spanned<ValueKind>>,
    pub offers: List<Spanned<Str>>,
    pub relieves: List<Spanned<Str>>,
    pub creates: List<Spanned<Str>>,
    pub helps: List<Spanned<Str>>,
}

/// A customer relationship, known by its type, label and segments.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Relationship {
    pub block: Block,
    /// `None` when the type in the head is not a REL-TYPE.
    pub relationship_type: Option<Spanned<RelationshipType>>,
    pub segments: List<Reference>,
    pub link: Option<Spanned<Link>>,
    pub goals: List<Spanned<Goal>>,
    pub via: List<Reference>,
    /// The recurring or one-off cost.
    pub cost: Option<Rate>,
    /// The `cost ... per new customer`.
    pub acquisition_cost: Option<Rate>,
}

/// A phase a channel covers, and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhaseCoverage {
    pub phase: Spanned<Phase>,
    pub how: Option<Spanned<Str>>,
}

/// A channel.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Channel {
    pub block: Block,
    pub segments: List<Reference>,
    pub owner: Option<Spanned<Owner>>,
    pub channel_type: Option<Spanned<ChannelType>>,
    pub mode: Option<Spanned<Mode>>,
    pub phases: List<PhaseCoverage>,
    pub partner: Option<Reference>,
    /// The recurring or one-off cost.
    pub cost: Option<Rate>,
    /// The `cost ... per new customer`.
    pub acquisition_cost: Option<Rate>,
}

impl Channel {
    pub fn covers(&self, phase: Phase) -> bool {
        self.phases.iter().any(|coverage| coverage.phase.value == phase)
    }
}

/// A revenue stream.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Revenue {
    pub block: Block,
    pub segments: List<Reference>,
    pub revenue_type: Option<Spanned<RevenueType>>,
    pub pricing: Option<Spanned<Pricing>>,
    /// The recurring or one-off price.
    pub price: Option<Rate>,
    /// The `price ... per new customer`: a set-up fee.
    pub setup_fee: Option<Rate>,
    pub propositions: List<Reference>,
}

/// An item of the cost structure.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cost {
    pub block: Block,
    pub cost_type: Option<Spanned<CostType>>,
    pub amount: Option<Rate>,
    /// The resources and activities that drive this cost.
    pub drivers: List<Reference>,
}

/// A key partner.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Partner {
    pub block: Block,
    pub partnership: Option<Spanned<Partnership>>,
    pub motivations: List<Spanned<Motivation>>,
    pub provides: List<Reference>,
}

/// A key activity.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Activity {
    pub block: Block,
    pub activity_type: Option<Spanned<ActivityType>>,
    pub propositions: List<Reference>,
}

/// A key resource.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resource {
    pub block: Block,
    pub resource_type: Option<Spanned<ResourceType>>,
    pub propositions: List<Reference>,
}

/// A whole canvas.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Model {
    /// Every header written; the first is the canvas's.
    pub headers: Vec<Header>,
    pub segments: Vec<Segment>,
    pub propositions: Vec<Proposition>,
    pub relationships: Vec<Relationship>,
    pub channels: Vec<Channel>,
    pub revenues: Vec<Revenue>,
    pub costs: Vec<Cost>,
    pub partners: Vec<Partner>,
    pub activities: Vec<Activity>,
    pub resources: Vec<Resource>,
    /// Top-level `allow` lines.
    pub allows: Vec<Spanned<Code>>,
    /// The `scenario` items, in source order.
    pub scenarios: Vec<scenario::Scenario>,
    /// Facts derived from the blocks.
    pub facts: Facts,
}

impl Model {
    /// The canvas header, if there is one.
    pub fn header(&self) -> Option<&Header> {
        self.headers.first()
    }

    /// The canvas currency: the header's, else the first amount's.
    pub fn currency(&self) -> Option<&str> {
        self.header()
            .and_then(|header| header.currency.as_ref())
            .or_else(|| self.rates().find_map(|rate| rate.amount.currency.as_ref()))
            .map(|currency| currency.value.as_str())
    }

    /// The common part of the block `id` names.
    pub fn block(&self, id: BlockId) -> Option<&Block> {
        statements::with_block_type!(id.kind, B => B::all(self).get(id.index).map(Shaped::block))
    }

    /// Every block with its id, kind by kind in the order of the reference.
    pub fn blocks(&self) -> impl Iterator<Item = (BlockId, &Block)> {
        fn each<'a, T>(
            kind: BlockKind,
            items: &'a [T],
            block: fn(&T) -> &Block,
        ) -> impl Iterator<Item = (BlockId, &'a Block)> + 'a {
            items
                .iter()
                .enumerate()
                .map(move |(index, item)| (BlockId { kind, index }, block(item)))
        }
        each(BlockKind::Header, &self.headers, |b| &b.block)
            .chain(each(BlockKind::Segment, &self.segments, |b| &b.block))
            .chain(each(BlockKind::Proposition, &self.propositions, |b| &b.block))
            .chain(each(BlockKind::Relationship, &self.relationships, |b| &b.block))
            .chain(each(BlockKind::Channel, &self.channels, |b| &b.block))
            .chain(each(BlockKind::Revenue, &self.revenues, |b| &b.block))
            .chain(each(BlockKind::Cost, &self.costs, |b| &b.block))
            .chain(each(BlockKind::Partner, &self.partners, |b| &b.block))
            .chain(each(BlockKind::Activity, &self.activities, |b| &b.block))
            .chain(each(BlockKind::Resource, &self.resources, |b| &b.block))
    }

    /// Every reference in the canvas, block by block, each block's in the
    /// order of its statement table: what the rules and the language server read.
    pub fn references(&self) -> impl Iterator<Item = &Reference> {
        fn of<B: Shaped>(blocks: &[B]) -> impl Iterator<Item = &Reference> {
            blocks.iter().flat_map(|block| {
                B::STATEMENTS
                    .iter()
                    .filter(|statement| statement.spec.shape.namespace().is_some())
                    .flat_map(move |statement| statement.references(block))
            })
        }
        of(&self.headers)
            .chain(of(&self.segments))
            .chain(of(&self.propositions))
            .chain(of(&self.relationships))
            .chain(of(&self.channels))
            .chain(of(&self.revenues))
            .chain(of(&self.costs))
            .chain(of(&self.partners))
            .chain(of(&self.activities))
            .chain(of(&self.resources))
    }

    /// Calls `visit` on every reference, in the order of [`Model::references`]:
    /// what resolution links. The two walks read the same statement tables,
    /// so a reference resolved is a reference checked.
    pub fn each_reference_mut(&mut self, visit: &mut impl FnMut(&mut Reference)) {
        fn of<B: Shaped>(blocks: &mut [B], visit: &mut impl FnMut(&mut Reference)) {
            for block in blocks {
                for statement in B::STATEMENTS {
                    if statement.spec.shape.namespace().is_some() {
                        statement.references_mut(block).iter_mut().for_each(&mut *visit);
                    }
                }
            }
        }
        of(&mut self.headers, visit);
        of(&mut self.segments, visit);
        of(&mut self.propositions, visit);
        of(&mut self.relationships, visit);
        of(&mut self.channels, visit);
        of(&mut self.revenues, visit);
        of(&mut self.costs, visit);
        of(&mut self.partners, visit);
        of(&mut self.activities, visit);
        of(&mut self.resources, visit);
    }

    /// Every rate written in the canvas, in source order.
    pub fn rates(&self) -> impl Iterator<Item = &Rate> {
        let mut rates: Vec<&Rate> = self
            .relationships
            .iter()
            .flat_map(|r| r.cost.iter().chain(r.acquisition_cost.iter()))
            .chain(
                self.channels
                    .iter()
                    .flat_map(|c| c.cost.iter().chain(c.acquisition_cost.iter())),
            )
            .chain(
                self.revenues
                    .iter()
                    .flat_map(|r| r.price.iter().chain(r.setup_fee.iter())),
            )
            .chain(self.costs.iter().filter_map(|c| c.amount.as_ref()))
            .chain(self.scenarios.iter().flat_map(scenario::Scenario::rates))
            .collect();
        rates.sort_by_key(|rate| rate.span.start());
        rates.into_iter()
    }
}

/// The indexes that `references` resolve to, as segment indexes.
pub fn targets(references: &[Reference], kind: BlockKind) -> impl Iterator<Item = usize> + '_ {
    references.iter().filter_map(move |reference| {
        reference
            .target
            .filter(|target| target.kind == kind)
            .map(|target| target.index)
    })
}
// A large canvas holds a segment per line: keep the blocks compact
// (docs/performance.md, "What keeps memory small"). On 64-bit targets.
#[cfg(target_pointer_width = "64")]
const _: () = {
    assert!(size_of::<Block>() <= 120);
    assert!(size_of::<Segment>() <= 256);
    assert!(size_of::<derive::Journey>() <= 40);
    assert!(size_of::<Fit>() <= 32);
};
