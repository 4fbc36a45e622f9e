//! Rules about unit economics (§3 *Unit economics*): does a customer bring
//! back what it cost to win, and how soon?

use super::{Context, Findings};
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::model::derive::{format_money, Payback, SegmentEconomics};
use crate::model::Segment;

/// Payback above this many months is slow (Skok; a16z).
const SLOW_PAYBACK_MONTHS: i64 = 12;

/// While a relationship, channel or revenue stream is broken, a segment's
/// acquisition cost, contribution or set-up fees may be missing what the
/// broken block held: both rules stay quiet in the whole file (§4).
fn unsure(context: &Context) -> bool {
    let model = context.model;
    model.relationships.iter().any(|block| block.block.broken)
        || model.channels.iter().any(|block| block.block.broken)
        || model.revenues.iter().any(|block| block.block.broken)
}

/// The judged segments with their figures.
fn segments<'c>(context: &'c Context) -> impl Iterator<Item = (&'c Segment, &'c SegmentEconomics)> + 'c {
    context.judged_segments().filter_map(|(index, segment)| {
        context
            .model
            .facts
            .economics
            .segments
            .get(index)
            .map(|figures| (segment, &**figures))
    })
}

/// The lifetime value is known and below a positive acquisition cost.
fn unrecovered(figures: &SegmentEconomics) -> bool {
    figures.acquisition_cost > num_traits::Zero::zero()
        && figures
            .lifetime_value
            .as_ref()
            .is_some_and(|ltv| *ltv < figures.acquisition_cost)
}

/// `unrecovered-acquisition`: a segment's lifetime value is below what it
/// costs to win one of its customers.
pub(super) fn unrecovered_acquisition(context: &Context, out: &mut Findings) {
    if unsure(context) {
        return;
    }
    let currency = context.model.currency().unwrap_or("");
    for (segment, figures) in segments(context) {
        if !unrecovered(figures) {
            continue;
        }
        let Some(ltv) = &figures.lifetime_value else { continue };
        out.push(
            Diagnostic::new(
                Code::UnrecoveredAcquisition,
                format!(
                    "a customer of `{}` brings back less than it costs to win: lifetime value {} {currency} is below the acquisition cost of {} {currency}",
                    segment.block.name(),
                    format_money(ltv),
                    format_money(&figures.acquisition_cost),
                ),
                segment.block.name_span(),
                "lifetime value below acquisition cost",
            )
            .with_help("raise the contribution per customer (price, cheaper service), keep customers longer (lower churn), or win them for less"),
        );
    }
}

/// `slow-payback`: a segment's acquisition cost takes more than 12 months
/// of its contribution to pay back, or never pays back.
pub(super) fn slow_payback(context: &Context, out: &mut Findings) {
    if unsure(context) {
        return;
    }
    let currency = context.model.currency().unwrap_or("");
    let limit = num_rational::BigRational::from_integer(SLOW_PAYBACK_MONTHS.into());
    for (segment, figures) in segments(context) {
        if unrecovered(figures) {
            continue; // `unrecovered-acquisition` says it already.
        }
        let name = segment.block.name();
        let cac = format_money(&figures.acquisition_cost);
        let message = match &figures.payback {
            Payback::Months(months) if *months > limit => format!(
                "winning a customer of `{name}` takes {} months to pay back: the acquisition cost of {cac} {currency} over a contribution of {} {currency} a month",
                format_money(months),
                format_money(&figures.contribution_per_customer),
            ),
            Payback::Never => format!(
                "winning a customer of `{name}` never pays back: the acquisition cost is {cac} {currency} and the contribution per customer is {} {currency} a month",
                format_money(&figures.contribution_per_customer),
            ),
            _ => continue,
        };
        out.push(
            Diagnostic::new(Code::SlowPayback, message, segment.block.name_span(), "slow payback")
                .with_help("payback within 12 months is the usual benchmark: win customers for less, or raise what each contributes a month"),
        );
    }
}
