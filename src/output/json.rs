//! `build --format json`: the model as a stable JSON document.
//!
//! The schema is documented in `docs/json.md`. Invariants: blocks appear
//! kind by kind in source order; every reference is written as the name the
//! author wrote; money is a decimal string rounded to two places, and a
//! figure that cannot be known (a segment without `size`) is `null`;
//! spans never appear, so two canvases that mean the same thing produce
//! the same document.
//!
//! The document is written by typed [`Serialize`] views that borrow from
//! the model ([`Document`], [`BlockJson`], [`EconomicsJson`], ...), straight
//! to the output: on a large canvas a `serde_json::Value` tree of ordered
//! maps cost several times the model's memory and most of the time.
//! [`model_json`] gives that tree still, for callers that index into it.

use num_rational::BigRational;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::Value;

use super::SCHEMA_VERSION;
use crate::model::derive::{format_decimal, format_money, Flow, SegmentEconomics};
use crate::model::statements::{Shaped, View};
use crate::model::*;

/// The model document of a checked canvas, with the scenario it was built
/// for when there is one (`build --scenario`, written last).
#[derive(Clone, Copy, Debug)]
pub struct Document<'a> {
    /// The model, of the base canvas or of the scenario's.
    pub model: &'a Model,
    /// The scenario the model is of, if any.
    pub scenario: Option<&'a str>,
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let model = self.model;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("schema_version", &SCHEMA_VERSION)?;
        map.serialize_entry("canvas", &HeaderJson(model))?;
        map.serialize_entry("segments", &blocks_of::<Segment>(model))?;
        map.serialize_entry("propositions", &blocks_of::<Proposition>(model))?;
        map.serialize_entry("relationships", &blocks_of::<Relationship>(model))?;
        map.serialize_entry("channels", &blocks_of::<Channel>(model))?;
        map.serialize_entry("revenues", &blocks_of::<Revenue>(model))?;
        map.serialize_entry("costs", &blocks_of::<Cost>(model))?;
        map.serialize_entry("partners", &blocks_of::<Partner>(model))?;
        map.serialize_entry("activities", &blocks_of::<Activity>(model))?;
        map.serialize_entry("resources", &blocks_of::<Resource>(model))?;
        map.serialize_entry("economics", &EconomicsJson(model, &model.facts.economics))?;
        map.serialize_entry("scenarios", &ScenariosJson(model))?;
        if let Some(scenario) = self.scenario {
            map.serialize_entry("scenario", scenario)?;
        }
        map.end()
    }
}

/// The document as pretty-printed JSON text with a final newline, as
/// `build --format json` writes it.
pub fn document_text(model: &Model, scenario: Option<&str>) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing to memory fails only on a serializer error, which none of the
    // views raise (every map key is a string).
    if serde_json::to_writer_pretty(&mut out, &Document { model, scenario }).is_err() {
        out.clear();
    }
    out.push(b'\n');
    out
}

/// The model of a checked canvas as a JSON value (the same document as
/// [`document_text`] writes).
pub fn model_json(model: &Model) -> Value {
    serde_json::to_value(Document { model, scenario: None }).unwrap_or(Value::Null)
}

/// Each scenario: its name, its overrides and its own economics.
pub fn scenarios_json(model: &Model) -> Value {
    serde_json::to_value(ScenariosJson(model)).unwrap_or(Value::Null)
}

/// The `economics` object of a canvas (the base's or a scenario's).
pub fn economics_json(model: &Model, economics: &Economics) -> Value {
    serde_json::to_value(EconomicsJson(model, economics)).unwrap_or(Value::Null)
}

/// The JSON of one block (with its derived fields) as a value, as it
/// stands in the document.
pub fn block_json(model: &Model, id: BlockId) -> Value {
    fn one<B: Shaped>(model: &Model, index: usize) -> Value
    where
        for<'a> BlockJson<'a, B>: Serialize,
    {
        match B::all(model).get(index) {
            Some(block) => serde_json::to_value(BlockJson { model, index, block }).unwrap_or(Value::Null),
            None => Value::Null,
        }
    }
    if id.kind == BlockKind::Header {
        return if id.index == 0 {
            serde_json::to_value(HeaderJson(model)).unwrap_or(Value::Null)
        } else {
            Value::Null
        };
    }
    crate::model::statements::with_block_type!(id.kind, B => one::<B>(model, id.index))
}

/// The scenarios of a model.
struct ScenariosJson<'a>(&'a Model);

impl Serialize for ScenariosJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let model = self.0;
        let scenarios = crate::model::scenario::economics(model);
        let mut seq = serializer.serialize_seq(Some(scenarios.len()))?;
        for (scenario, figures) in &scenarios {
            seq.serialize_element(&ScenarioJson {
                model,
                scenario,
                economics: figures,
            })?;
        }
        seq.end()
    }
}

/// One scenario, with its economics.
pub struct ScenarioJson<'a> {
    /// The base canvas the scenario overrides.
    pub model: &'a Model,
    /// The scenario, as written.
    pub scenario: &'a crate::model::scenario::Scenario,
    /// The economics of the scenario's canvas.
    pub economics: &'a Economics,
}

impl Serialize for ScenarioJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        scenario_entries(self.scenario, &mut map)?;
        map.serialize_entry("economics", &EconomicsJson(self.model, self.economics))?;
        map.end()
    }
}

/// A scenario's name, label, notes and overrides: what it says, not what follows.
fn scenario_entries<M: SerializeMap>(scenario: &crate::model::scenario::Scenario, map: &mut M) -> Result<(), M::Error> {
    map.serialize_entry("id", scenario.name())?;
    map.serialize_entry("label", &text(&scenario.label))?;
    map.serialize_entry("notes", &Texts(&scenario.notes))?;
    map.serialize_entry("overrides", &Overrides(&scenario.overrides))?;
    Ok(())
}

/// A scenario without its economics, as a value: what the diff compares of one.
pub fn scenario_statements_json(scenario: &crate::model::scenario::Scenario) -> Value {
    struct Statements<'a>(&'a crate::model::scenario::Scenario);
    impl Serialize for Statements<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(None)?;
            scenario_entries(self.0, &mut map)?;
            map.end()
        }
    }
    serde_json::to_value(Statements(scenario)).unwrap_or(Value::Null)
}

struct Overrides<'a>(&'a [crate::model::scenario::Override]);

impl Serialize for Overrides<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().filter(|o| o.target.is_some()).map(OverrideJson))
    }
}

struct OverrideJson<'a>(&'a crate::model::scenario::Override);

impl Serialize for OverrideJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let block = self.0;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("kind", block.kind.keyword())?;
        map.serialize_entry("block", &block.name.as_ref().map(|name| name.value.as_str()))?;
        map.serialize_entry("label", &text(&block.label))?;
        map.serialize_entry("for", &Names(&block.segments))?;
        map.serialize_entry("sets", &Sets(block))?;
        map.end()
    }
}

/// What an override sets, one key a setting; a key set twice keeps its
/// first place and its last value.
struct Sets<'a>(&'a crate::model::scenario::Override);

/// One value an override sets.
enum SetValue<'a> {
    Size(String),
    PerPeriod(&'a PerPeriod),
    Rate(&'a Rate),
}

impl Serialize for SetValue<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            SetValue::Size(size) => serializer.serialize_str(size),
            SetValue::PerPeriod(value) => PerPeriodJson(value).serialize(serializer),
            SetValue::Rate(rate) => RateJson(rate).serialize(serializer),
        }
    }
}

impl Serialize for Sets<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use crate::model::scenario::Setting;
        let block = self.0;
        let mut sets: Vec<(String, SetValue<'_>)> = Vec::with_capacity(block.settings.len());
        for setting in &block.settings {
            let (key, value) = match &setting.value {
                Setting::Size(size) => ("size".to_string(), SetValue::Size(size.to_string())),
                Setting::Churn(churn) => ("churn".to_string(), SetValue::PerPeriod(churn)),
                Setting::Growth(growth) => ("growth".to_string(), SetValue::PerPeriod(growth)),
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
                    (key, SetValue::Rate(one))
                }
            };
            match sets.iter_mut().find(|(known, _)| *known == key) {
                Some(entry) => entry.1 = value,
                None => sets.push((key, value)),
            }
        }
        let mut map = serializer.serialize_map(Some(sets.len()))?;
        for (key, value) in &sets {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// `churn` and `growth` as written: the number (without `%`) and its period.
struct PerPeriodJson<'a>(&'a PerPeriod);

impl Serialize for PerPeriodJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("value", &decimal(&self.0.value))?;
        map.serialize_entry("period", &self.0.period)?;
        map.end()
    }
}

/// A ratio or count as a decimal string rounded to two places.
fn decimal(value: &BigRational) -> String {
    format_decimal(value, 2)
}

fn optional_decimal(value: Option<&BigRational>) -> Option<String> {
    value.map(decimal)
}

fn text(value: &Option<Spanned<Str>>) -> Option<&str> {
    value.as_ref().map(|value| value.value.as_str())
}

fn optional_money(value: &Option<BigRational>) -> Option<String> {
    value.as_ref().map(format_money)
}

/// Texts as an array of strings.
struct Texts<'a>(&'a [Spanned<Str>]);

impl Serialize for Texts<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|value| value.value.as_str()))
    }
}

/// References as the names written.
struct Names<'a>(&'a [Reference]);

impl Serialize for Names<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|reference| reference.name.value.as_str()))
    }
}

/// A rate, or `null`.
struct RateJson<'a>(&'a Rate);

impl Serialize for RateJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let rate = self.0;
        let mut map = serializer.serialize_map(Some(6))?;
        map.serialize_entry("amount", &format_money(&rate.amount.value))?;
        map.serialize_entry(
            "currency",
            &rate.amount.currency.as_ref().map(|currency| currency.value.as_str()),
        )?;
        map.serialize_entry("per_customer", &rate.per_customer)?;
        map.serialize_entry("per_new_customer", &rate.per_new_customer)?;
        map.serialize_entry("period", &rate.period)?;
        map.serialize_entry("monthly", &rate.monthly().as_ref().map(format_money))?;
        map.end()
    }
}

/// One statement's field.
pub struct ViewJson<'a>(pub View<'a>);

impl Serialize for ViewJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            View::Block => serializer.serialize_unit(),
            View::Text(value) => value.map(|value| value.value.as_str()).serialize(serializer),
            View::Texts(values) => Texts(values).serialize(serializer),
            View::Attributes(attributes) => serializer.collect_seq(attributes.iter().map(AttributeJson)),
            View::Count(count) => count.map(ToString::to_string).serialize(serializer),
            View::Value(value) => value.serialize(serializer),
            View::Values(values) => values.serialize(serializer),
            View::Reference(reference) => reference
                .map(|reference| reference.name.value.as_str())
                .serialize(serializer),
            View::References(references) => Names(references).serialize(serializer),
            View::Phases(phases) => serializer.collect_seq(phases.iter().map(PhaseJson)),
            View::Rate(value) | View::Rates(value, _) => value.map(RateJson).serialize(serializer),
            View::PerPeriod(value) => value.map(PerPeriodJson).serialize(serializer),
        }
    }
}

struct AttributeJson<'a>(&'a Attribute);

impl Serialize for AttributeJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("key", self.0.key.value.as_str())?;
        map.serialize_entry("value", self.0.value.value.as_str())?;
        map.end()
    }
}

struct PhaseJson<'a>(&'a PhaseCoverage);

impl Serialize for PhaseJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("phase", &self.0.phase.value)?;
        map.serialize_entry("how", &text(&self.0.how))?;
        map.end()
    }
}

/// The fields of what `block`'s statements say, in the order of its
/// statement table, each under its spec's JSON key; `field` writes the one
/// whose key it takes (the header's `currency`) instead.
fn statement_entries<B: Shaped, M: SerializeMap>(
    block: &B,
    map: &mut M,
    mut field: impl FnMut(&str, &mut M) -> Result<bool, M::Error>,
) -> Result<(), M::Error> {
    for statement in B::STATEMENTS {
        let key = statement.spec.json;
        if key.is_empty() || field(key, map)? {
            continue;
        }
        match statement.view(block) {
            View::Block => {}
            View::Rates(ordinary, per_new_customer) => {
                map.serialize_entry(key, &ordinary.map(RateJson))?;
                map.serialize_entry(&format!("{key}_per_new_customer"), &per_new_customer.map(RateJson))?;
            }
            view => map.serialize_entry(key, &ViewJson(view))?,
        }
    }
    Ok(())
}

/// No field written otherwise.
fn no_field<M: SerializeMap>(_: &str, _: &mut M) -> Result<bool, M::Error> {
    Ok(false)
}

/// The blocks of one kind, as the array of the document.
struct Blocks<'a, B>(&'a Model, std::marker::PhantomData<B>);

fn blocks_of<B>(model: &Model) -> Blocks<'_, B> {
    Blocks(model, std::marker::PhantomData)
}

impl<B: Shaped> Serialize for Blocks<'_, B>
where
    for<'a> BlockJson<'a, B>: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let model = self.0;
        let blocks = B::all(model);
        let mut seq = serializer.serialize_seq(Some(blocks.len()))?;
        for (index, block) in blocks.iter().enumerate() {
            seq.serialize_element(&BlockJson { model, index, block })?;
        }
        seq.end()
    }
}

/// One block of the document: the fields every block has, its statements'
/// fields, and its derived ones (a segment's journey and fit, a
/// relationship's intimacy and directness).
pub struct BlockJson<'a, B> {
    /// The model the block is part of, for its derived fields.
    pub model: &'a Model,
    /// Its place among the blocks of its kind.
    pub index: usize,
    /// The block.
    pub block: &'a B,
}

impl<B: Shaped> BlockJson<'_, B> {
    /// `id` (blocks with identifiers) and `label`, then `own`, then `notes`.
    fn write<S: Serializer>(
        &self,
        serializer: S,
        own: impl FnOnce(&mut S::SerializeMap) -> Result<(), S::Error>,
    ) -> Result<S::Ok, S::Error> {
        let block = self.block.block();
        let mut map = serializer.serialize_map(None)?;
        if block.kind != BlockKind::Header && block.kind != BlockKind::Relationship {
            map.serialize_entry("id", block.name())?;
        }
        map.serialize_entry("label", &text(&block.label))?;
        own(&mut map)?;
        map.serialize_entry("notes", &Texts(&block.notes))?;
        map.end()
    }

    /// Blocks whose JSON is their statements alone.
    fn statements_only<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.write(serializer, |map| statement_entries(self.block, map, no_field))
    }
}

macro_rules! statements_only {
    ($($type:ident),*) => {
        $(impl Serialize for BlockJson<'_, $type> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.statements_only(serializer)
            }
        })*
    };
}

statements_only!(Proposition, Channel, Revenue, Cost, Partner, Activity, Resource);

impl Serialize for BlockJson<'_, Header> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        HeaderJson(self.model).serialize(serializer)
    }
}

impl Serialize for BlockJson<'_, Segment> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (model, index, segment) = (self.model, self.index, self.block);
        self.write(serializer, |map| {
            statement_entries(segment, map, no_field)?;
            map.serialize_entry("journey", &JourneyJson(model, index))?;
            map.serialize_entry("fit", &FitJson(model, index, segment))
        })
    }
}

impl Serialize for BlockJson<'_, Relationship> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (model, index, relationship) = (self.model, self.index, self.block);
        self.write(serializer, |map| {
            map.serialize_entry("type", relationship.block.name())?;
            statement_entries(relationship, map, no_field)?;
            map.serialize_entry(
                "intimacy",
                &relationship
                    .relationship_type
                    .as_ref()
                    .and_then(|kind| kind.value.intimacy()),
            )?;
            map.serialize_entry("directness", &model.facts.directness.get(index))
        })
    }
}

/// The canvas header, or `null` without one.
struct HeaderJson<'a>(&'a Model);

impl Serialize for HeaderJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let model = self.0;
        let Some(header) = model.header() else {
            return serializer.serialize_unit();
        };
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("title", &text(&header.block.label))?;
        statement_entries(header, &mut map, |key, map| {
            // The canvas currency, which the first amount gives when the
            // header does not, in the place of the header's own.
            if key == "currency" {
                map.serialize_entry("currency", &model.currency())?;
                return Ok(true);
            }
            Ok(false)
        })?;
        map.serialize_entry("notes", &Texts(&header.block.notes))?;
        map.end()
    }
}

/// A segment's channels, phase by phase.
struct JourneyJson<'a>(&'a Model, usize);

impl Serialize for JourneyJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (model, index) = (self.0, self.1);
        let journey = model.facts.journeys.get(index);
        let mut map = serializer.serialize_map(Some(Phase::ALL.len()))?;
        for phase in Phase::ALL {
            let channels = journey.map(|journey| journey.channels(*phase)).unwrap_or_default();
            map.serialize_entry(
                phase.as_str(),
                &Collected(
                    channels
                        .iter()
                        .map(|channel| model.channels.get(*channel).map_or("", |channel| channel.block.name())),
                ),
            )?;
        }
        map.end()
    }
}

/// An iterator written as an array.
struct Collected<I>(I);

impl<I> Serialize for Collected<I>
where
    I: Iterator + Clone,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.clone())
    }
}

/// Each profile item of a segment with the propositions that answer it.
struct FitJson<'a>(&'a Model, usize, &'a Segment);

impl Serialize for FitJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (model, index, segment) = (self.0, self.1, self.2);
        let Some(fit) = model.facts.fits.get(index) else {
            return serializer.serialize_unit();
        };
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("needs", &FitSide(model, &segment.needs, &fit.needs))?;
        map.serialize_entry("pains", &FitSide(model, &segment.pains, &fit.pains))?;
        map.serialize_entry("jobs", &FitSide(model, &segment.jobs, &fit.jobs))?;
        map.serialize_entry("gains", &FitSide(model, &segment.gains, &fit.gains))?;
        map.end()
    }
}

struct FitSide<'a>(&'a Model, &'a [Spanned<Str>], &'a [Vec<usize>]);

impl Serialize for FitSide<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let model = self.0;
        serializer.collect_seq(self.1.iter().zip(self.2).map(|(item, propositions)| FitItem {
            text: item.value.as_str(),
            by: Collected(propositions.iter().map(|p| {
                model
                    .propositions
                    .get(*p)
                    .map_or("", |proposition| proposition.block.name())
            })),
        }))
    }
}

struct FitItem<'a, I> {
    text: &'a str,
    by: Collected<I>,
}

impl<I> Serialize for FitItem<'_, I>
where
    I: Iterator + Clone,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("text", self.text)?;
        map.serialize_entry("by", &self.by)?;
        map.end()
    }
}

/// The `economics` object of a canvas (the base's or a scenario's).
pub struct EconomicsJson<'a>(pub &'a Model, pub &'a Economics);

impl Serialize for EconomicsJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (model, economics) = (self.0, self.1);
        let mut map = serializer.serialize_map(None)?;
        self.canvas_figures(&mut map)?;
        map.serialize_entry(
            "segments",
            &Collected(
                model
                    .segments
                    .iter()
                    .zip(&economics.segments)
                    .map(|(segment, figures)| SegmentEconomicsJson(segment.block.name(), figures)),
            ),
        )?;
        map.serialize_entry(
            "one_off",
            &Collected(economics.one_off.iter().map(|item| OneOffJson(model, item))),
        )?;
        map.serialize_entry(
            "per_new_customer",
            &Collected(
                economics
                    .per_new_customer
                    .iter()
                    .map(|item| PerNewCustomerJson(model, item)),
            ),
        )?;
        map.end()
    }
}

impl EconomicsJson<'_> {
    /// The currency and the canvas's own figures: the entries before `segments`.
    pub fn canvas_figures<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        use crate::model::derive::BreakEven;
        let economics = self.1;
        map.serialize_entry("currency", &self.0.currency())?;
        map.serialize_entry("monthly_revenue", &optional_money(&economics.monthly_revenue))?;
        map.serialize_entry("monthly_cost", &optional_money(&economics.monthly_cost))?;
        map.serialize_entry("monthly_margin", &optional_money(&economics.monthly_margin))?;
        map.serialize_entry("break_even_scale", &optional_decimal(economics.break_even.scale()))?;
        map.serialize_entry("break_even_never", &matches!(economics.break_even, BreakEven::Never))?;
        Ok(())
    }
}

/// The canvas figures of an economics object alone (no segments, one-off
/// or per-new-customer lists), as a value: what the diff compares of it.
pub fn canvas_figures_json(model: &Model, economics: &Economics) -> Value {
    struct Canvas<'a>(EconomicsJson<'a>);
    impl Serialize for Canvas<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(None)?;
            self.0.canvas_figures(&mut map)?;
            map.end()
        }
    }
    serde_json::to_value(Canvas(EconomicsJson(model, economics))).unwrap_or(Value::Null)
}

/// One segment's figures, under its name.
pub struct SegmentEconomicsJson<'a>(pub &'a str, pub &'a SegmentEconomics);

impl Serialize for SegmentEconomicsJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let figures = self.1;
        let hundred = BigRational::from_integer(100.into());
        let money = format_money;
        let mut map = serializer.serialize_map(Some(18))?;
        map.serialize_entry("segment", self.0)?;
        map.serialize_entry("revenue_per_customer", &money(&figures.revenue_per_customer))?;
        map.serialize_entry(
            "relationship_cost_per_customer",
            &money(&figures.relationship_cost_per_customer),
        )?;
        map.serialize_entry("cost_per_customer", &money(&figures.cost_per_customer))?;
        map.serialize_entry("contribution_per_customer", &money(&figures.contribution_per_customer))?;
        map.serialize_entry("revenue", &optional_money(&figures.revenue_total))?;
        map.serialize_entry("relationship_cost", &optional_money(&figures.relationship_cost_total))?;
        map.serialize_entry(
            "churn_per_month",
            &optional_decimal(figures.churn_per_month.as_ref().map(|churn| churn * &hundred).as_ref()),
        )?;
        map.serialize_entry("lifetime_months", &optional_decimal(figures.lifetime_months.as_ref()))?;
        map.serialize_entry("acquisition_cost", &money(&figures.acquisition_cost))?;
        map.serialize_entry("setup_fees", &money(&figures.setup_fees))?;
        map.serialize_entry("lifetime_value", &optional_money(&figures.lifetime_value))?;
        map.serialize_entry("ltv_to_cac", &optional_decimal(figures.ltv_to_cac.as_ref()))?;
        map.serialize_entry("payback_months", &optional_decimal(figures.payback.months()))?;
        map.serialize_entry("payback_never", &figures.payback.is_never())?;
        map.serialize_entry("growth_per_month", &optional_decimal(figures.growth_per_month.as_ref()))?;
        map.serialize_entry(
            "acquisition_spend_per_month",
            &optional_money(&figures.acquisition_spend_per_month),
        )?;
        map.serialize_entry(
            "setup_revenue_per_month",
            &optional_money(&figures.setup_revenue_per_month),
        )?;
        map.end()
    }
}

fn flow(flow: Flow) -> &'static str {
    match flow {
        Flow::Revenue => "revenue",
        Flow::Cost => "cost",
    }
}

struct OneOffJson<'a>(&'a Model, &'a crate::model::derive::OneOff);

impl Serialize for OneOffJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (model, item) = (self.0, self.1);
        let mut map = serializer.serialize_map(Some(6))?;
        map.serialize_entry("kind", item.block.kind.keyword())?;
        map.serialize_entry("block", &model.block(item.block).map(|block| block.name()))?;
        map.serialize_entry("flow", flow(item.flow))?;
        map.serialize_entry("amount", &format_money(&item.amount))?;
        map.serialize_entry("per_customer", &item.per_customer)?;
        map.serialize_entry("total", &optional_money(&item.total))?;
        map.end()
    }
}

struct PerNewCustomerJson<'a>(&'a Model, &'a crate::model::derive::PerNewCustomer);

impl Serialize for PerNewCustomerJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (model, item) = (self.0, self.1);
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("kind", item.block.kind.keyword())?;
        map.serialize_entry("block", &model.block(item.block).map(|block| block.name()))?;
        map.serialize_entry("flow", flow(item.flow))?;
        map.serialize_entry("amount", &format_money(&item.amount))?;
        map.end()
    }
}
