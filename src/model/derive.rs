//! Derived facts (§3): each relationship's directness, each segment's
//! journey, and the economics of the canvas: monthly revenue, cost and
//! margin, each segment's unit economics (contribution, lifetime, CAC, LTV,
//! payback) and the break-even scale.
//!
//! Invariants: arithmetic is exact (no float anywhere); a figure that
//! depends on a segment without `size` is `None` (unknown), never zero; a
//! figure whose input is missing (`churn`, `growth`) is unknown too; one-off
//! amounts, and `per new customer` amounts without `growth`, are kept apart
//! from monthly figures; margin = contribution − fixed cost, so break-even
//! and margin always agree.

use num_bigint::BigInt;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::sync::Arc;

use num_rational::BigRational;
use num_traits::{One, Signed, Zero};

use super::{targets, BlockId, BlockKind, Directness, List, Model, Owner, Period, Phase, Rate};

/// Facts computed from the blocks of a model.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facts {
    /// Per relationship, in model order.
    pub directness: Vec<Directness>,
    /// Per segment, in model order: the channels covering each phase.
    pub journeys: Vec<Journey>,
    /// Per segment, in model order: which propositions answer its profile.
    pub fits: Vec<Fit>,
    pub economics: Economics,
}

/// How a segment's customer profile is answered by the propositions for it:
/// for each need, pain, job and gain (in source order), the propositions
/// (indexes) that meet, relieve, help with or create it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fit {
    pub needs: List<Vec<usize>>,
    pub pains: List<Vec<usize>>,
    pub jobs: List<Vec<usize>>,
    pub gains: List<Vec<usize>>,
}

/// For each of the five phases, the channels (indexes) that cover it for a segment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Journey {
    /// Thin lists: a large canvas has a journey per segment, and most
    /// phases of most journeys are empty.
    pub phases: [List<usize>; 5],
}

impl Journey {
    pub fn channels(&self, phase: Phase) -> &[usize] {
        &self.phases[phase as usize]
    }

    /// Phases no channel covers, in journey order.
    pub fn gaps(&self) -> Vec<Phase> {
        Phase::ALL
            .iter()
            .copied()
            .filter(|phase| self.channels(*phase).is_empty())
            .collect()
    }
}

/// Money figures of the canvas, per month, in the canvas currency.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Economics {
    /// One per segment; segments with the default figures share one.
    pub segments: Vec<Arc<SegmentEconomics>>,
    /// `None` when a figure depends on a segment without `size`.
    pub monthly_revenue: Option<BigRational>,
    pub monthly_cost: Option<BigRational>,
    pub monthly_margin: Option<BigRational>,
    /// Amounts without a period, never mixed into monthly figures.
    pub one_off: Vec<OneOff>,
    /// `per new customer` amounts that apply to a segment without `growth`,
    /// and so enter no monthly figure there.
    pub per_new_customer: Vec<PerNewCustomer>,
    /// The break-even scale (see [`BreakEven`]).
    pub break_even: BreakEven,
}

/// Where the margin of the canvas is zero, as a fraction of the given sizes.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum BreakEven {
    /// A segment with a recurring per-customer amount has no `size`.
    #[default]
    Unknown,
    /// The contribution of the customers is zero or negative: no scale breaks even.
    Never,
    /// Fixed cost / contribution (0 when the flat revenue covers the fixed cost).
    At(BigRational),
}

impl BreakEven {
    pub fn scale(&self) -> Option<&BigRational> {
        match self {
            BreakEven::At(scale) => Some(scale),
            _ => None,
        }
    }
}

/// Per-customer figures of one segment (§3 *Unit economics*), per month.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SegmentEconomics {
    /// Monthly revenue per customer from recurring per-customer streams.
    pub revenue_per_customer: BigRational,
    /// Monthly cost per customer: the recurring per-customer costs of the
    /// relationships for the segment and the channels that reach it.
    pub cost_per_customer: BigRational,
    /// Revenue − cost per customer; may be negative.
    pub contribution_per_customer: BigRational,
    /// Monthly relationship cost per customer from recurring per-customer costs.
    pub relationship_cost_per_customer: BigRational,
    /// Some revenue stream charges this segment per customer, recurringly.
    pub has_recurring_revenue: bool,
    /// Some relationship with this segment costs per customer, recurringly.
    pub has_recurring_relationship_cost: bool,
    /// Some recurring per-customer amount (revenue or cost) applies to it.
    pub has_recurring_per_customer: bool,
    /// Per customer × size; `None` without a size.
    pub revenue_total: Option<BigRational>,
    pub relationship_cost_total: Option<BigRational>,
    /// The share of customers lost per month, as a fraction (`1/25` for 4%).
    pub churn_per_month: Option<BigRational>,
    /// 1 / monthly churn, in months.
    pub lifetime_months: Option<BigRational>,
    /// The `per new customer` costs of its relationships and channels (CAC).
    pub acquisition_cost: BigRational,
    /// Some relationship or channel costs it per new customer.
    pub has_acquisition_cost: bool,
    /// The `per new customer` prices (set-up fees) of its revenue streams.
    pub setup_fees: BigRational,
    /// Contribution × lifetime + set-up fees (needs churn).
    pub lifetime_value: Option<BigRational>,
    /// LTV / CAC (unknown when CAC is 0).
    pub ltv_to_cac: Option<BigRational>,
    /// CAC / contribution, in months.
    pub payback: Payback,
    /// New customers per month.
    pub growth_per_month: Option<BigRational>,
    /// CAC × growth (needs growth).
    pub acquisition_spend_per_month: Option<BigRational>,
    /// Set-up fees × growth (needs growth).
    pub setup_revenue_per_month: Option<BigRational>,
}

/// How long the acquisition cost takes to pay back.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Payback {
    /// No acquisition cost (CAC is 0).
    #[default]
    Unknown,
    /// CAC above 0 and the contribution is zero or negative.
    Never,
    Months(BigRational),
}

impl Payback {
    pub fn months(&self) -> Option<&BigRational> {
        match self {
            Payback::Months(months) => Some(months),
            _ => None,
        }
    }

    pub fn is_never(&self) -> bool {
        matches!(self, Payback::Never)
    }
}

/// A `per new customer` amount that enters no monthly figure for some of
/// its segments, for want of `growth`.
#[derive(Clone, Debug, PartialEq)]
pub struct PerNewCustomer {
    pub block: BlockId,
    pub flow: Flow,
    pub amount: BigRational,
}

/// Whether an amount comes in or goes out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Revenue,
    Cost,
}

/// A one-off amount.
#[derive(Clone, Debug, PartialEq)]
pub struct OneOff {
    pub block: BlockId,
    pub flow: Flow,
    pub amount: BigRational,
    pub per_customer: bool,
    /// The amount over every customer it applies to; `None` without sizes.
    pub total: Option<BigRational>,
}

/// How many months one period lasts.
pub fn months_per_period(period: Period) -> BigRational {
    let ratio = |numerator: i64, denominator: i64| BigRational::new(BigInt::from(numerator), BigInt::from(denominator));
    match period {
        Period::Day => ratio(12, 365),
        Period::Week => ratio(12, 52),
        Period::Month => BigRational::one(),
        Period::Quarter => ratio(3, 1),
        Period::Year => ratio(12, 1),
    }
}

/// An amount per `period` as an amount per month. Most rates are monthly,
/// and they are the one case without arithmetic.
pub fn per_month(amount: &BigRational, period: Period) -> BigRational {
    match period {
        Period::Month => amount.clone(),
        _ => amount / months_per_period(period),
    }
}

impl Facts {
    /// Computes the facts of a resolved model.
    pub fn of(model: &Model) -> Facts {
        // The economics are half the work and need nothing else here: on a
        // large canvas they are computed beside the rest.
        if model.segments.len() >= 2_000 && crate::limits::threads() >= 2 {
            return std::thread::scope(|scope| {
                let economics = scope.spawn(|| economics(model));
                let facts = Facts::structure_of(model);
                Facts {
                    economics: economics
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                    ..facts
                }
            });
        }
        Facts {
            economics: economics(model),
            ..Facts::structure_of(model)
        }
    }

    /// The facts but the economics: directness, journeys and fits.
    fn structure_of(model: &Model) -> Facts {
        let directness = model
            .relationships
            .iter()
            .map(|relationship| {
                let through_partner = targets(&relationship.via, BlockKind::Channel).any(|channel| {
                    model.channels[channel]
                        .owner
                        .as_ref()
                        .is_some_and(|owner| owner.value == Owner::Partner)
                });
                if through_partner {
                    Directness::Indirect
                } else {
                    Directness::Direct
                }
            })
            .collect();
        let mut journeys = vec![Journey::default(); model.segments.len()];
        for (index, channel) in model.channels.iter().enumerate() {
            let mut reached: Vec<usize> = targets(&channel.segments, BlockKind::Segment).collect();
            reached.sort_unstable();
            reached.dedup();
            for segment in reached {
                for coverage in &channel.phases {
                    let channels = &mut journeys[segment].phases[coverage.phase.value as usize];
                    if channels.last() != Some(&index) {
                        channels.push(index);
                    }
                }
            }
        }
        Facts {
            directness,
            journeys,
            fits: fits(model),
            economics: Economics::default(),
        }
    }
}

fn fits(model: &Model) -> Vec<Fit> {
    type Items = fn(&super::Segment) -> &[super::Spanned<super::Str>];
    type Answers = fn(&super::Proposition) -> &[super::Spanned<super::Str>];
    /// Below this many comparisons of an item with an answer, a segment's
    /// side is compared directly; above it, looked up.
    const DIRECT: usize = 4_096;
    let sides: [(Items, Answers); 4] = [
        (|segment| &segment.needs, |p| &p.meets),
        (|segment| &segment.pains, |p| &p.relieves),
        (|segment| &segment.jobs, |p| &p.helps),
        (|segment| &segment.gains, |p| &p.creates),
    ];
    let mut propositions_for = vec![Vec::new(); model.segments.len()];
    for (index, proposition) in model.propositions.iter().enumerate() {
        for segment in targets(&proposition.segments, BlockKind::Segment) {
            if propositions_for[segment].last() != Some(&index) {
                propositions_for[segment].push(index);
            }
        }
    }
    // The propositions giving each text as an answer, in model order: for
    // the segments where comparing every item with every answer would cost
    // too much (thousands of needs), so that they stay linear. Built when
    // first needed, so a canvas of small segments never holds them.
    let index_of = |answers: Answers| {
        let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
        for (index, proposition) in model.propositions.iter().enumerate() {
            for answer in answers(proposition) {
                let list = by_text.entry(answer.value.as_str()).or_default();
                if list.last() != Some(&index) {
                    list.push(index);
                }
            }
        }
        by_text
    };
    let indexes: [OnceCell<HashMap<&str, Vec<usize>>>; 4] = Default::default();
    let answered = |side: usize, segment: &super::Segment, propositions: &[usize]| {
        let (items, answers) = sides[side];
        let items = items(segment);
        let comparisons: usize = propositions
            .iter()
            .map(|index| answers(&model.propositions[*index]).len())
            .sum::<usize>()
            .saturating_mul(items.len());
        if comparisons <= DIRECT {
            return items
                .iter()
                .map(|item| {
                    propositions
                        .iter()
                        .copied()
                        .filter(|index| {
                            answers(&model.propositions[*index])
                                .iter()
                                .any(|answer| answer.value == item.value)
                        })
                        .collect::<Vec<usize>>()
                })
                .collect::<List<Vec<usize>>>();
        }
        let by_text = indexes[side].get_or_init(|| index_of(answers));
        // Both lists are in increasing order: the shorter is walked and
        // looked up in the longer, and the result keeps the segment's order.
        items
            .iter()
            .map(|item| {
                let answering = by_text.get(item.value.as_str()).map_or(&[][..], Vec::as_slice);
                let (short, long) = if answering.len() < propositions.len() {
                    (answering, propositions)
                } else {
                    (propositions, answering)
                };
                short
                    .iter()
                    .copied()
                    .filter(|index| long.binary_search(index).is_ok())
                    .collect::<Vec<usize>>()
            })
            .collect()
    };
    model
        .segments
        .iter()
        .zip(&propositions_for)
        .map(|(segment, propositions)| Fit {
            needs: answered(0, segment, propositions),
            pains: answered(1, segment, propositions),
            jobs: answered(2, segment, propositions),
            gains: answered(3, segment, propositions),
        })
        .collect()
}

/// Sums a per-customer or flat rate over the segments it applies to.
struct Ledger<'m> {
    model: &'m Model,
    total: Option<BigRational>,
}

impl<'m> Ledger<'m> {
    fn new(model: &'m Model) -> Self {
        Ledger {
            model,
            total: Some(BigRational::zero()),
        }
    }

    /// The customers of the given segments, or `None` if one has no size.
    fn customers(&self, segments: &[usize]) -> Option<BigRational> {
        segments.iter().try_fold(BigRational::zero(), |sum, segment| {
            let size = self.model.segments[*segment].size.as_ref()?;
            Some(sum + BigRational::from_integer(size.value.clone()))
        })
    }

    /// An amount over the customers it applies to.
    fn over(&self, amount: &BigRational, per_customer: bool, segments: &[usize]) -> Option<BigRational> {
        if per_customer {
            self.customers(segments).map(|customers| amount * customers)
        } else {
            Some(amount.clone())
        }
    }

    fn add(&mut self, rate: &Rate, segments: &[usize]) {
        let Some(monthly) = rate.monthly() else { return };
        let part = self.over(&monthly, rate.per_customer, segments);
        self.total = match (self.total.take(), part) {
            (Some(total), Some(part)) => Some(total + part),
            _ => None,
        };
    }
}

fn unique_segments(references: &[super::Reference]) -> Vec<usize> {
    let mut segments: Vec<usize> = targets(references, BlockKind::Segment).collect();
    segments.sort_unstable();
    segments.dedup();
    segments
}

fn economics(model: &Model) -> Economics {
    // Figures are made only for the segments something applies to: a bare
    // segment's are the default, shared (a hostile file of bare segments
    // would otherwise hold a kilobyte of figures for each).
    let mut segments: Vec<Option<Box<SegmentEconomics>>> = vec![None; model.segments.len()];
    let mut revenue = Ledger::new(model);
    let mut cost = Ledger::new(model);
    let mut one_off = Vec::new();

    let mut note_one_off = |ledger: &Ledger, block: BlockId, flow: Flow, rate: &Rate, applies_to: &[usize]| {
        if rate.is_recurring() {
            return;
        }
        one_off.push(OneOff {
            block,
            flow,
            amount: rate.amount.value.clone(),
            per_customer: rate.per_customer,
            total: ledger.over(&rate.amount.value, rate.per_customer, applies_to),
        });
    };

    for (index, stream) in model.revenues.iter().enumerate() {
        let Some(price) = &stream.price else { continue };
        let from = unique_segments(&stream.segments);
        revenue.add(price, &from);
        note_one_off(
            &revenue,
            BlockId {
                kind: BlockKind::Revenue,
                index,
            },
            Flow::Revenue,
            price,
            &from,
        );
        if let (true, Some(monthly)) = (price.per_customer, price.monthly()) {
            for segment in &from {
                let figures = figures_of(&mut segments, *segment);
                figures.revenue_per_customer += &monthly;
                figures.has_recurring_revenue = true;
                figures.has_recurring_per_customer = true;
            }
        }
    }
    for (index, relationship) in model.relationships.iter().enumerate() {
        let Some(rate) = &relationship.cost else { continue };
        let with = unique_segments(&relationship.segments);
        cost.add(rate, &with);
        note_one_off(
            &cost,
            BlockId {
                kind: BlockKind::Relationship,
                index,
            },
            Flow::Cost,
            rate,
            &with,
        );
        if let (true, Some(monthly)) = (rate.per_customer, rate.monthly()) {
            for segment in &with {
                let figures = figures_of(&mut segments, *segment);
                figures.relationship_cost_per_customer += &monthly;
                figures.cost_per_customer += &monthly;
                figures.has_recurring_relationship_cost = true;
                figures.has_recurring_per_customer = true;
            }
        }
    }
    for (index, channel) in model.channels.iter().enumerate() {
        let Some(rate) = &channel.cost else { continue };
        let reaches = unique_segments(&channel.segments);
        cost.add(rate, &reaches);
        if let (true, Some(monthly)) = (rate.per_customer, rate.monthly()) {
            for segment in &reaches {
                let figures = figures_of(&mut segments, *segment);
                figures.cost_per_customer += &monthly;
                figures.has_recurring_per_customer = true;
            }
        }
        note_one_off(
            &cost,
            BlockId {
                kind: BlockKind::Channel,
                index,
            },
            Flow::Cost,
            rate,
            &reaches,
        );
    }
    for (index, item) in model.costs.iter().enumerate() {
        let Some(rate) = &item.amount else { continue };
        cost.add(rate, &[]);
        note_one_off(
            &cost,
            BlockId {
                kind: BlockKind::Cost,
                index,
            },
            Flow::Cost,
            rate,
            &[],
        );
    }

    // `per new customer` amounts: acquisition costs and set-up fees.
    let mut per_new_customer = Vec::new();
    let mut note_per_new = |segments: &[usize], block: BlockId, flow: Flow, rate: &Rate| {
        if segments.iter().any(|segment| model.segments[*segment].growth.is_none()) {
            per_new_customer.push(PerNewCustomer {
                block,
                flow,
                amount: rate.amount.value.clone(),
            });
        }
    };
    for (index, relationship) in model.relationships.iter().enumerate() {
        let Some(rate) = &relationship.acquisition_cost else {
            continue;
        };
        let with = unique_segments(&relationship.segments);
        for segment in &with {
            let figures = figures_of(&mut segments, *segment);
            figures.acquisition_cost += &rate.amount.value;
            figures.has_acquisition_cost = true;
        }
        let block = BlockId {
            kind: BlockKind::Relationship,
            index,
        };
        note_per_new(&with, block, Flow::Cost, rate);
    }
    for (index, channel) in model.channels.iter().enumerate() {
        let Some(rate) = &channel.acquisition_cost else {
            continue;
        };
        let reaches = unique_segments(&channel.segments);
        for segment in &reaches {
            let figures = figures_of(&mut segments, *segment);
            figures.acquisition_cost += &rate.amount.value;
            figures.has_acquisition_cost = true;
        }
        let block = BlockId {
            kind: BlockKind::Channel,
            index,
        };
        note_per_new(&reaches, block, Flow::Cost, rate);
    }
    for (index, stream) in model.revenues.iter().enumerate() {
        let Some(rate) = &stream.setup_fee else { continue };
        let from = unique_segments(&stream.segments);
        for segment in &from {
            figures_of(&mut segments, *segment).setup_fees += &rate.amount.value;
        }
        let block = BlockId {
            kind: BlockKind::Revenue,
            index,
        };
        note_per_new(&from, block, Flow::Revenue, rate);
    }

    // Unit economics, and what they add to the monthly figures.
    let mut contribution = Some(BigRational::zero());
    let mut acquisition_spend = BigRational::zero();
    let mut setup_revenue = BigRational::zero();
    let shared = Arc::new(SegmentEconomics::default());
    let mut figures_per_segment = Vec::with_capacity(segments.len());
    for (segment, applied) in model.segments.iter().zip(segments) {
        let mut figures = applied.map_or_else(SegmentEconomics::default, |figures| *figures);
        figures.contribution_per_customer = &figures.revenue_per_customer - &figures.cost_per_customer;
        if let Some(size) = &segment.size {
            let customers = BigRational::from_integer(size.value.clone());
            figures.revenue_total = Some(&figures.revenue_per_customer * &customers);
            figures.relationship_cost_total = Some(&figures.relationship_cost_per_customer * &customers);
            if let Some(sum) = contribution.as_mut() {
                *sum += &figures.contribution_per_customer * &customers;
            }
        } else if figures.has_recurring_per_customer {
            contribution = None;
        }
        figures.churn_per_month = segment.churn_per_month();
        figures.lifetime_months = figures
            .churn_per_month
            .as_ref()
            .filter(|churn| churn.is_positive())
            .map(BigRational::recip);
        figures.lifetime_value = figures
            .lifetime_months
            .as_ref()
            .map(|lifetime| &figures.contribution_per_customer * lifetime + &figures.setup_fees);
        let cac_positive = figures.acquisition_cost.is_positive();
        figures.ltv_to_cac = match (&figures.lifetime_value, cac_positive) {
            (Some(ltv), true) => Some(ltv / &figures.acquisition_cost),
            _ => None,
        };
        figures.payback = if !cac_positive {
            Payback::Unknown
        } else if figures.contribution_per_customer.is_positive() {
            Payback::Months(&figures.acquisition_cost / &figures.contribution_per_customer)
        } else {
            Payback::Never
        };
        figures.growth_per_month = segment.growth.as_deref().map(super::PerPeriod::monthly);
        if let Some(growth) = &figures.growth_per_month {
            let spend = &figures.acquisition_cost * growth;
            let fees = &figures.setup_fees * growth;
            acquisition_spend += &spend;
            setup_revenue += &fees;
            figures.acquisition_spend_per_month = Some(spend);
            figures.setup_revenue_per_month = Some(fees);
        }
        figures_per_segment.push(if figures == *shared {
            Arc::clone(&shared)
        } else {
            Arc::new(figures)
        });
    }
    let monthly_revenue = revenue.total.map(|total| total + &setup_revenue);
    let monthly_cost = cost.total.map(|total| total + &acquisition_spend);
    let monthly_margin = match (&monthly_revenue, &monthly_cost) {
        (Some(revenue), Some(cost)) => Some(revenue - cost),
        _ => None,
    };
    let break_even = match contribution {
        None => BreakEven::Unknown,
        Some(contribution) => {
            let fixed = flat_monthly(model) + &acquisition_spend - &setup_revenue;
            if !fixed.is_positive() {
                BreakEven::At(BigRational::zero())
            } else if !contribution.is_positive() {
                BreakEven::Never
            } else {
                BreakEven::At(fixed / contribution)
            }
        }
    };
    Economics {
        segments: figures_per_segment,
        monthly_revenue,
        monthly_cost,
        monthly_margin,
        one_off,
        per_new_customer,
        break_even,
    }
}

/// The figures of one segment, made when something first applies to it.
fn figures_of(segments: &mut [Option<Box<SegmentEconomics>>], segment: usize) -> &mut SegmentEconomics {
    segments[segment].get_or_insert_with(Box::default)
}

/// Every recurring cost without `per customer`, less every recurring
/// revenue without it: the flat part of the monthly margin.
fn flat_monthly(model: &Model) -> BigRational {
    let flat = |rate: &Option<Rate>| {
        rate.as_ref()
            .filter(|rate| !rate.per_customer)
            .and_then(Rate::monthly)
            .unwrap_or_default()
    };
    let costs: BigRational = model
        .relationships
        .iter()
        .map(|relationship| flat(&relationship.cost))
        .chain(model.channels.iter().map(|channel| flat(&channel.cost)))
        .chain(model.costs.iter().map(|item| flat(&item.amount)))
        .sum();
    let revenues: BigRational = model.revenues.iter().map(|stream| flat(&stream.price)).sum();
    costs - revenues
}

/// Formats money rounded half away from zero to two decimals (`1846900.00`).
pub fn format_money(value: &BigRational) -> String {
    format_decimal(value, 2)
}

/// Formats a number rounded half away from zero to `places` decimals.
pub fn format_decimal(value: &BigRational, places: usize) -> String {
    // Nearly every figure is a small fraction: machine integers give the
    // same digits without big-number arithmetic (a model document has
    // hundreds of thousands of them).
    format_small_decimal(value, places).unwrap_or_else(|| format_big_decimal(value, places))
}

/// [`format_decimal`] in exact big-number arithmetic, for any fraction.
fn format_big_decimal(value: &BigRational, places: usize) -> String {
    let hundred = num_traits::pow(BigInt::from(10), places);
    let scaled = value * BigRational::from_integer(hundred.clone());
    let half = BigRational::new(BigInt::one(), BigInt::from(2));
    let magnitude = (scaled.abs() + half).floor().to_integer();
    let sign = if scaled.is_negative() && !magnitude.is_zero() {
        "-"
    } else {
        ""
    };
    let whole = &magnitude / &hundred;
    let cents = &magnitude % &hundred;
    if places == 0 {
        return format!("{sign}{whole}");
    }
    format!("{sign}{whole}.{cents:0>places$}")
}

/// [`format_decimal`] for a fraction whose numerator and denominator fit
/// in 64 bits, with up to 18 places; `None` for any other.
fn format_small_decimal(value: &BigRational, places: usize) -> Option<String> {
    use num_traits::ToPrimitive;
    if places > 18 {
        return None;
    }
    let numerator = i128::from(value.numer().to_i64()?);
    let denominator = i128::from(value.denom().to_i64()?);
    if denominator <= 0 {
        return None;
    }
    let scale = 10_i128.pow(places as u32);
    // |n| · 10^places / d rounded half away from zero: ⌊(2·|n|·10^places + d) / 2d⌋,
    // at most 2^64 · 10^18 · 2 + 2^63 < 2^127.
    let magnitude = (2 * numerator.abs() * scale + denominator) / (2 * denominator);
    let sign = if numerator < 0 && magnitude != 0 { "-" } else { "" };
    let (whole, cents) = (magnitude / scale, magnitude % scale);
    Some(if places == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{cents:0>places$}")
    })
}

/// Formats money with thousands separators for people (`1,846,900.00`).
pub fn format_money_grouped(value: &BigRational) -> String {
    let plain = format_money(value);
    let (sign, rest) = plain.strip_prefix('-').map_or(("", plain.as_str()), |rest| ("-", rest));
    let (whole, cents) = rest.split_once('.').unwrap_or((rest, "00"));
    let mut grouped = String::new();
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{sign}{grouped}.{cents}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The machine-integer path gives the digits of the big-number one.
    #[test]
    fn small_decimals_format_as_big_ones_do() {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut values: Vec<(i64, i64)> = vec![
            (1, 2),
            (-1, 2),
            (5, 1000),
            (-5, 1000),
            (-4, 1000),
            (0, 1),
            (i64::MAX, 1),
            (i64::MIN + 1, 3),
            (i64::MAX, i64::MAX - 1),
            (1, i64::MAX),
        ];
        for _ in 0..20_000 {
            let numerator = (next() % 2_000_001) as i64 - 1_000_000;
            let denominator = (next() % 10_000) as i64 + 1;
            values.push((numerator, denominator));
            values.push((next() as i64, (next() >> 1) as i64 | 1));
        }
        for (numerator, denominator) in values {
            let value = BigRational::new(BigInt::from(numerator), BigInt::from(denominator));
            for places in [0, 2, 4] {
                assert_eq!(
                    format_small_decimal(&value, places).as_deref(),
                    Some(format_big_decimal(&value, places).as_str()),
                    "{numerator}/{denominator} to {places} places"
                );
            }
        }
        let huge = BigRational::new(BigInt::from(10).pow(30u32) + 1, BigInt::from(3));
        assert_eq!(format_small_decimal(&huge, 2), None);
        assert_eq!(format_decimal(&huge, 2), format_big_decimal(&huge, 2));
    }
}
