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
use crate::model::statements::{Shaped, View};
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
    document.insert("propositions".into(), blocks(&model.propositions));
    document.insert(
        "relationships".into(),
        model
            .relationships
            .iter()
            .enumerate()
            .map(|(i, r)| relationship(model, i, r))
            .collect(),
    );
    document.insert("channels".into(), blocks(&model.channels));
    document.insert("revenues".into(), blocks(&model.revenues));
    document.insert("costs".into(), blocks(&model.costs));
    document.insert("partners".into(), blocks(&model.partners));
    document.insert("activities".into(), blocks(&model.activities));
    document.insert("resources".into(), blocks(&model.resources));
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
                (key, rate(Some(one)))
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

fn names(references: &[Reference]) -> Value {
    references.iter().map(|reference| json!(reference.name.value)).collect()
}

fn money(value: &BigRational) -> Value {
    json!(format_money(value))
}

fn optional_money(value: &Option<BigRational>) -> Value {
    value.as_ref().map_or(Value::Null, money)
}

fn rate(rate: Option<&Rate>) -> Value {
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
fn block(block: &Block, fields: Map<String, Value>) -> Value {
    let mut object = Map::new();
    if block.kind != BlockKind::Header && block.kind != BlockKind::Relationship {
        object.insert("id".into(), json!(block.name()));
    }
    object.insert("label".into(), text(&block.label));
    object.extend(fields);
    object.insert("notes".into(), texts(&block.notes));
    Value::Object(object)
}

/// The fields of what `block`'s statements say, in the order of its
/// statement table, each under its spec's JSON key.
fn statement_fields<B: Shaped>(block: &B, fields: &mut Map<String, Value>) {
    for statement in B::STATEMENTS {
        let key = statement.spec.json;
        if key.is_empty() {
            continue;
        }
        match statement.view(block) {
            View::Block => {}
            View::Rates(ordinary, per_new_customer) => {
                fields.insert(key.into(), rate(ordinary));
                fields.insert(format!("{key}_per_new_customer"), rate(per_new_customer));
            }
            view => {
                fields.insert(key.into(), view_json(view));
            }
        }
    }
}

/// One statement's field as JSON.
fn view_json(view: View<'_>) -> Value {
    match view {
        View::Block => Value::Null,
        View::Text(value) => value.map_or(Value::Null, |value| json!(value.value)),
        View::Texts(values) => texts(values),
        View::Attributes(attributes) => attributes
            .iter()
            .map(|attribute| json!({ "key": attribute.key.value, "value": attribute.value.value.as_str() }))
            .collect(),
        View::Count(count) => json!(count.map(ToString::to_string)),
        View::Value(value) => json!(value),
        View::Values(values) => json!(values),
        View::Reference(reference) => json!(reference.map(|reference| reference.name.value.clone())),
        View::References(references) => names(references),
        View::Phases(phases) => phases
            .iter()
            .map(|coverage| json!({ "phase": coverage.phase.value, "how": text(&coverage.how) }))
            .collect(),
        View::Rate(value) => rate(value),
        View::Rates(ordinary, _) => rate(ordinary),
        View::PerPeriod(value) => value.map_or(Value::Null, per_period),
    }
}

/// Blocks whose JSON is their statements alone.
fn blocks<B: Shaped>(blocks: &[B]) -> Value {
    blocks
        .iter()
        .map(|item| {
            let mut fields = Map::new();
            statement_fields(item, &mut fields);
            block(item.block(), fields)
        })
        .collect()
}

fn header(model: &Model) -> Value {
    let Some(header) = model.header() else {
        return Value::Null;
    };
    let mut object = Map::new();
    object.insert("title".into(), text(&header.block.label));
    statement_fields(header, &mut object);
    // The canvas currency, which the first amount gives when the header does not.
    object.insert("currency".into(), json!(model.currency()));
    object.insert("notes".into(), texts(&header.block.notes));
    Value::Object(object)
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
    let mut fields = Map::new();
    statement_fields(segment, &mut fields);
    fields.insert("journey".into(), Value::Object(journey));
    fields.insert("fit".into(), fit(model, index, segment));
    block(&segment.block, fields)
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

fn relationship(model: &Model, index: usize, relationship: &Relationship) -> Value {
    let mut fields = Map::new();
    fields.insert("type".into(), json!(relationship.block.name()));
    statement_fields(relationship, &mut fields);
    fields.insert(
        "intimacy".into(),
        json!(relationship
            .relationship_type
            .as_ref()
            .and_then(|kind| kind.value.intimacy())),
    );
    fields.insert("directness".into(), json!(model.facts.directness.get(index)));
    block(&relationship.block, fields)
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
