//! `build --format json`: the model as a stable JSON document.
//!
//! The schema is documented in `docs/json.md`. Invariants: blocks appear
//! kind by kind in source order; every reference is written as the name the
//! author wrote; money is a decimal string rounded to two places, and a
//! figure that cannot be known (a segment without `size`) is `null`;
//! spans never appear, so two canvases that mean the same thing produce
//! the same document.

use num_rational::BigRational;
use serde_json::{json, Map, Value};

use super::SCHEMA_VERSION;
use crate::model::derive::{format_money, Flow};
use crate::model::*;

/// The model of a checked canvas as JSON.
pub fn model_json(model: &Model) -> Value {
    let mut document = Map::new();
    document.insert("schema_version".into(), json!(SCHEMA_VERSION));
    document.insert("canvas".into(), header(model));
    document.insert(
        "segments".into(),
        model
            .segments
            .iter()
            .enumerate()
            .map(|(i, s)| segment(model, i, s))
            .collect(),
    );
    document.insert(
        "propositions".into(),
        model.propositions.iter().map(proposition).collect(),
    );
    document.insert(
        "relationships".into(),
        model
            .relationships
            .iter()
            .enumerate()
            .map(|(i, r)| relationship(model, i, r))
            .collect(),
    );
    document.insert("channels".into(), model.channels.iter().map(channel).collect());
    document.insert("revenues".into(), model.revenues.iter().map(revenue).collect());
    document.insert("costs".into(), model.costs.iter().map(cost).collect());
    document.insert("partners".into(), model.partners.iter().map(partner).collect());
    document.insert("activities".into(), model.activities.iter().map(activity).collect());
    document.insert("resources".into(), model.resources.iter().map(resource).collect());
    document.insert("economics".into(), economics_json(model, &model.facts.economics));
    document.insert("scenarios".into(), scenarios_json(model));
    Value::Object(document)
}

/// Each scenario: its name, its overrides and its own economics.
pub fn scenarios_json(model: &Model) -> Value {
    crate::model::scenario::economics(model)
        .into_iter()
        .map(|(scenario, figures)| {
            let overrides: Vec<Value> = scenario
                .overrides
                .iter()
                .filter(|o| o.target.is_some())
                .map(override_json)
                .collect();
            json!({
                "id": scenario.name(),
                "label": text(&scenario.label),
                "notes": texts(&scenario.notes),
                "overrides": overrides,
                "economics": economics_json(model, &figures),
            })
        })
        .collect()
}

fn override_json(block: &crate::model::scenario::Override) -> Value {
    use crate::model::scenario::Setting;
    let mut sets = Map::new();
    for setting in &block.settings {
        let (key, value) = match &setting.value {
            Setting::Size(size) => ("size".to_string(), json!(size.to_string())),
            Setting::Churn(churn) => ("churn".to_string(), per_period(churn)),
            Setting::Growth(growth) => ("growth".to_string(), per_period(growth)),
            Setting::Rate(one) => {
                let keyword = match block.kind {
                    BlockKind::Revenue => "price",
                    BlockKind::Cost => "amount",
                    _ => "cost",
                };
                let key = if one.per_new_customer {
                    format!("{keyword}_per_new_customer")
                } else {
                    keyword.to_string()
                };
                (key, rate(&Some(one.clone())))
            }
        };
        sets.insert(key, value);
    }
    json!({
        "kind": block.kind.keyword(),
        "block": block.name.as_ref().map(|name| name.value.clone()),
        "label": text(&block.label),
        "for": names(&block.segments),
        "sets": sets,
    })
}

/// `churn` and `growth` as written: the number (without `%`) and its period.
fn per_period(value: &PerPeriod) -> Value {
    json!({ "value": decimal(&value.value), "period": value.period })
}

/// A ratio or count as a decimal string rounded to two places.
fn decimal(value: &BigRational) -> Value {
    json!(crate::model::derive::format_decimal(value, 2))
}

fn optional_decimal(value: Option<&BigRational>) -> Value {
    value.map_or(Value::Null, decimal)
}

fn text(value: &Option<Spanned<crate::model::Str>>) -> Value {
    value.as_ref().map_or(Value::Null, |value| json!(value.value))
}

fn texts(values: &[Spanned<crate::model::Str>]) -> Value {
    values.iter().map(|value| json!(value.value)).collect()
}

fn enum_value<T: serde::Serialize>(value: &Option<Spanned<T>>) -> Value {
    value.as_ref().map_or(Value::Null, |value| json!(value.value))
}

fn enum_values<T: serde::Serialize>(values: &[Spanned<T>]) -> Value {
    values.iter().map(|value| json!(value.value)).collect()
}

fn names(references: &[Reference]) -> Value {
    references.iter().map(|reference| json!(reference.name.value)).collect()
}

fn money(value: &BigRational) -> Value {
    json!(format_money(value))
}

fn optional_money(value: &Option<BigRational>) -> Value {
    value.as_ref().map_or(Value::Null, money)
}

fn rate(rate: &Option<Rate>) -> Value {
    let Some(rate) = rate else { return Value::Null };
    json!({
        "amount": money(&rate.amount.value),
        "currency": rate.amount.currency.as_ref().map(|currency| currency.value.clone()),
        "per_customer": rate.per_customer,
        "per_new_customer": rate.per_new_customer,
        "period": rate.period,
        "monthly": rate.monthly().as_ref().map(format_money),
    })
}

/// The fields every block has, then the block's own.
fn block(block: &Block, fields: Value) -> Value {
    let mut object = Map::new();
    if block.kind != BlockKind::Header && block.kind != BlockKind::Relationship {
        object.insert("id".into(), json!(block.name()));
    }
    object.insert("label".into(), text(&block.label));
    if let Value::Object(fields) = fields {
        object.extend(fields);
    }
    object.insert("notes".into(), texts(&block.notes));
    Value::Object(object)
}

fn header(model: &Model) -> Value {
    let Some(header) = model.header() else {
        return Value::Null;
    };
    json!({
        "title": text(&header.block.label),
        "description": text(&header.description),
        "currency": model.currency(),
        "version": text(&header.version),
        "owner": text(&header.owner),
        "notes": texts(&header.block.notes),
    })
}

fn segment(model: &Model, index: usize, segment: &Segment) -> Value {
    let journey = model.facts.journeys.get(index);
    let journey: Map<String, Value> = Phase::ALL
        .iter()
        .map(|phase| {
            let channels: Value = journey
                .map(|journey| journey.channels(*phase))
                .unwrap_or_default()
                .iter()
                .map(|channel| json!(model.channels[*channel].block.name()))
                .collect();
            (phase.as_str().to_string(), channels)
        })
        .collect();
    let attributes: Vec<Value> = segment
        .attributes
        .iter()
        .map(|attribute| json!({ "key": attribute.key.value, "value": attribute.value.value.as_str() }))
        .collect();
    block(
        &segment.block,
        json!({
            "type": enum_value(&segment.segment_type),
            "attributes": attributes,
            "needs": texts(&segment.needs),
            "expects": enum_values(&segment.expects),
            "size": segment.size.as_ref().map(|size| size.value.to_string()),
            "priority": enum_value(&segment.priority),
            "linked": names(&segment.linked),
            "jobs": texts(&segment.jobs),
            "pains": texts(&segment.pains),
            "gains": texts(&segment.gains),
            "churn": segment.churn.as_ref().map(per_period),
            "growth": segment.growth.as_ref().map(per_period),
            "journey": journey,
            "fit": fit(model, index, segment),
        }),
    )
}

/// Each profile item with the propositions that answer it.
fn fit(model: &Model, index: usize, segment: &Segment) -> Value {
    let Some(fit) = model.facts.fits.get(index) else {
        return Value::Null;
    };
    let side = |items: &[Spanned<crate::model::Str>], by: &[Vec<usize>]| -> Value {
        items
            .iter()
            .zip(by)
            .map(|(item, propositions)| {
                let names: Vec<&str> = propositions
                    .iter()
                    .map(|p| model.propositions[*p].block.name())
                    .collect();
                json!({ "text": item.value, "by": names })
            })
            .collect()
    };
    json!({
        "needs": side(&segment.needs, &fit.needs),
        "pains": side(&segment.pains, &fit.pains),
        "jobs": side(&segment.jobs, &fit.jobs),
        "gains": side(&segment.gains, &fit.gains),
    })
}

fn proposition(proposition: &Proposition) -> Value {
    block(
        &proposition.block,
        json!({
            "for": names(&proposition.segments),
            "meets": texts(&proposition.meets),
            "kinds": enum_values(&proposition.kinds),
            "offers": texts(&proposition.offers),
            "relieves": texts(&proposition.relieves),
            "creates": texts(&proposition.creates),
            "helps": texts(&proposition.helps),
        }),
    )
}

fn relationship(model: &Model, index: usize, relationship: &Relationship) -> Value {
    block(
        &relationship.block,
        json!({
            "type": relationship.block.name(),
            "for": names(&relationship.segments),
            "link": enum_value(&relationship.link),
            "goals": enum_values(&relationship.goals),
            "via": names(&relationship.via),
            "cost": rate(&relationship.cost),
            "cost_per_new_customer": rate(&relationship.acquisition_cost),
            "intimacy": relationship.relationship_type.as_ref().and_then(|kind| kind.value.intimacy()),
            "directness": model.facts.directness.get(index),
        }),
    )
}

fn channel(channel: &Channel) -> Value {
    let phases: Vec<Value> = channel
        .phases
        .iter()
        .map(|coverage| json!({ "phase": coverage.phase.value, "how": text(&coverage.how) }))
        .collect();
    block(
        &channel.block,
        json!({
            "reaches": names(&channel.segments),
            "owner": enum_value(&channel.owner),
            "type": enum_value(&channel.channel_type),
            "mode": enum_value(&channel.mode),
            "phases": phases,
            "partner": channel.partner.as_ref().map(|partner| partner.name.value.clone()),
            "cost": rate(&channel.cost),
            "cost_per_new_customer": rate(&channel.acquisition_cost),
        }),
    )
}

fn revenue(revenue: &Revenue) -> Value {
    block(
        &revenue.block,
        json!({
            "from": names(&revenue.segments),
            "type": enum_value(&revenue.revenue_type),
            "pricing": enum_value(&revenue.pricing),
            "price": rate(&revenue.price),
            "price_per_new_customer": rate(&revenue.setup_fee),
            "for": names(&revenue.propositions),
        }),
    )
}

fn cost(cost: &Cost) -> Value {
    block(
        &cost.block,
        json!({
            "type": enum_value(&cost.cost_type),
            "amount": rate(&cost.amount),
            "for": names(&cost.drivers),
        }),
    )
}

fn partner(partner: &Partner) -> Value {
    block(
        &partner.block,
        json!({
            "type": enum_value(&partner.partnership),
            "motivations": enum_values(&partner.motivations),
            "provides": names(&partner.provides),
        }),
    )
}

fn activity(activity: &Activity) -> Value {
    block(
        &activity.block,
        json!({
            "type": enum_value(&activity.activity_type),
            "for": names(&activity.propositions),
        }),
    )
}

fn resource(resource: &Resource) -> Value {
    block(
        &resource.block,
        json!({
            "type": enum_value(&resource.resource_type),
            "for": names(&resource.propositions),
        }),
    )
}

/// The `economics` object of a canvas (the base's or a scenario's).
pub fn economics_json(model: &Model, economics: &Economics) -> Value {
    use crate::model::derive::BreakEven;
    let currency = model.currency();
    let hundred = BigRational::from_integer(100.into());
    let segments: Vec<Value> = model
        .segments
        .iter()
        .zip(&economics.segments)
        .map(|(segment, figures)| {
            json!({
                "segment": segment.block.name(),
                "revenue_per_customer": money(&figures.revenue_per_customer),
                "relationship_cost_per_customer": money(&figures.relationship_cost_per_customer),
                "cost_per_customer": money(&figures.cost_per_customer),
                "contribution_per_customer": money(&figures.contribution_per_customer),
                "revenue": optional_money(&figures.revenue_total),
                "relationship_cost": optional_money(&figures.relationship_cost_total),
                "churn_per_month": optional_decimal(figures.churn_per_month.as_ref().map(|churn| churn * &hundred).as_ref()),
                "lifetime_months": optional_decimal(figures.lifetime_months.as_ref()),
                "acquisition_cost": money(&figures.acquisition_cost),
                "setup_fees": money(&figures.setup_fees),
                "lifetime_value": optional_money(&figures.lifetime_value),
                "ltv_to_cac": optional_decimal(figures.ltv_to_cac.as_ref()),
                "payback_months": optional_decimal(figures.payback.months()),
                "payback_never": figures.payback.is_never(),
                "growth_per_month": optional_decimal(figures.growth_per_month.as_ref()),
                "acquisition_spend_per_month": optional_money(&figures.acquisition_spend_per_month),
                "setup_revenue_per_month": optional_money(&figures.setup_revenue_per_month),
            })
        })
        .collect();
    let flow = |flow: Flow| match flow {
        Flow::Revenue => "revenue",
        Flow::Cost => "cost",
    };
    let one_off: Vec<Value> = economics
        .one_off
        .iter()
        .map(|item| {
            let block = model.block(item.block);
            json!({
                "kind": item.block.kind.keyword(),
                "block": block.map(|block| block.name()),
                "flow": flow(item.flow),
                "amount": money(&item.amount),
                "per_customer": item.per_customer,
                "total": optional_money(&item.total),
            })
        })
        .collect();
    let per_new_customer: Vec<Value> = economics
        .per_new_customer
        .iter()
        .map(|item| {
            let block = model.block(item.block);
            json!({
                "kind": item.block.kind.keyword(),
                "block": block.map(|block| block.name()),
                "flow": flow(item.flow),
                "amount": money(&item.amount),
            })
        })
        .collect();
    json!({
        "currency": currency,
        "monthly_revenue": optional_money(&economics.monthly_revenue),
        "monthly_cost": optional_money(&economics.monthly_cost),
        "monthly_margin": optional_money(&economics.monthly_margin),
        "break_even_scale": optional_decimal(economics.break_even.scale()),
        "break_even_never": matches!(economics.break_even, BreakEven::Never),
        "segments": segments,
        "one_off": one_off,
        "per_new_customer": per_new_customer,
    })
}
