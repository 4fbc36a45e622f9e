//! The economics of a model diff: the canvas's figures and those of every
//! segment whose figures changed, each before and after with its signed
//! change.
//!
//! The figures are read from the `economics` of the model document (see
//! [`crate::output::json`]), not from the model's types: every field there
//! whose value is a decimal string (or `null`, unknown) is a figure, its
//! unit told by its name ([`Unit::of`]), and a boolean `P_never` marks the
//! figure named `P_...` as never reached (a payback that never comes, a
//! break-even the canvas never reaches). So a figure the model gains is
//! diffed, with its change, without a change here.
//!
//! A segment's object is made only when its figures differ from its
//! match's ([`Side`] holds the model's figures): on a large canvas nearly
//! every segment keeps its figures.

use std::borrow::Cow;
use std::collections::HashMap;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, Zero};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::model::derive::{format_money, SegmentEconomics};
use crate::model::Model;
use crate::output::json::{canvas_figures_json, SegmentEconomicsJson};

/// The economics before and after.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct EconomicsChange {
    /// The canvas currency of the new side, else of the old.
    pub currency: Option<String>,
    /// Every figure of the canvas, changed or not.
    pub canvas: Vec<Figure>,
    /// Every segment with a changed figure (an added or removed segment
    /// too), with those figures only.
    pub segments: Vec<SegmentFigures>,
}

impl EconomicsChange {
    /// The canvas figure named `name` (`monthly_margin`, ...).
    pub fn canvas_figure(&self, name: &str) -> Option<&Figure> {
        self.canvas.iter().find(|figure| figure.name == name)
    }
}

/// One segment's changed figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SegmentFigures {
    /// The segment's identifier on the new side (on the old for a removed one).
    pub segment: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    /// `"added"` or `"removed"` for a segment on one side only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub only: Option<&'static str>,
    pub figures: Vec<Figure>,
}

/// One figure before and after.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figure {
    /// The field of the model document's economics (`monthly_margin`).
    pub name: String,
    pub unit: Unit,
    /// A decimal string, or `null` when unknown on that side.
    pub before: Value,
    pub after: Value,
    /// `after − before` as a decimal string, when both are known numbers.
    pub change: Option<String>,
    /// The figure is never reached on that side (its value is then `null`).
    #[serde(skip_serializing_if = "is_false")]
    pub before_never: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub after_never: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}

impl Figure {
    pub fn changed(&self) -> bool {
        self.before != self.after || self.before_never != self.after_never
    }

    /// The change as a number, when it is known.
    pub fn change_value(&self) -> Option<BigRational> {
        self.change.as_deref().and_then(decimal)
    }
}

/// What a figure counts, told by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// An amount in the canvas currency.
    Money,
    /// A percentage (`"4.00"` is 4%).
    Percent,
    Months,
    /// A ratio such as LTV:CAC.
    Ratio,
    /// A number of customers.
    Customers,
    /// A factor on the customers given (break-even).
    Scale,
}

impl Unit {
    /// The unit of the economics field `name`; money unless the name says otherwise.
    pub fn of(name: &str) -> Unit {
        if name.starts_with("churn") || name.ends_with("_percent") {
            Unit::Percent
        } else if name.ends_with("_months") {
            Unit::Months
        } else if name.contains("_to_") {
            Unit::Ratio
        } else if name.starts_with("growth") || name.ends_with("customers") {
            Unit::Customers
        } else if name.ends_with("_scale") {
            Unit::Scale
        } else {
            Unit::Money
        }
    }
}

/// Fields of `economics` that are not figures of the canvas.
const NOT_CANVAS_FIGURES: &[&str] = &["currency", "segments", "one_off", "scenarios"];

/// A decimal string of the model document as a number.
pub fn decimal(text: &str) -> Option<BigRational> {
    // The document's figures are short; anything else is not one of them.
    if text.is_empty() || text.len() > 1_100 {
        return None;
    }
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty() || !whole.chars().chain(fraction.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let numerator: BigInt = format!("{whole}{fraction}").parse().ok()?;
    let denominator = num_traits::pow(BigInt::from(10), fraction.len());
    let value = BigRational::new(numerator, denominator);
    Some(if negative { -value } else { value })
}

/// The figures of one economics object (the canvas's or a segment's).
fn figures_of(object: Option<&Map<String, Value>>, skip: &[&str]) -> Vec<(String, Value, bool)> {
    let Some(object) = object else {
        return Vec::new();
    };
    let never: Vec<&str> = object
        .iter()
        .filter(|(name, value)| name.ends_with("_never") && value.as_bool() == Some(true))
        .filter_map(|(name, _)| name.strip_suffix("_never"))
        .collect();
    object
        .iter()
        .filter(|(name, _)| !skip.contains(&name.as_str()) && !name.ends_with("_never"))
        .filter(|(_, value)| value.is_null() || value.as_str().is_some_and(|text| decimal(text).is_some()))
        .map(|(name, value)| {
            let is_never = value.is_null()
                && never
                    .iter()
                    .any(|prefix| name.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('_')));
            (name.clone(), value.clone(), is_never)
        })
        .collect()
}

/// Pairs the figures of two sides by name (a figure on one side only is
/// unknown on the other).
fn compare(before: Vec<(String, Value, bool)>, after: Vec<(String, Value, bool)>) -> Vec<Figure> {
    let mut after: Vec<Option<(String, Value, bool)>> = after.into_iter().map(Some).collect();
    let mut figures = Vec::new();
    for (name, old, old_never) in before {
        let found = after
            .iter_mut()
            .find(|entry| entry.as_ref().is_some_and(|(other, _, _)| *other == name))
            .and_then(Option::take);
        let (new, new_never) = found.map_or((Value::Null, false), |(_, value, never)| (value, never));
        figures.push(figure(name, old, old_never, new, new_never));
    }
    for (name, new, new_never) in after.into_iter().flatten() {
        figures.push(figure(name, Value::Null, false, new, new_never));
    }
    figures
}

/// The figures of a segment on one side only, those that say something:
/// neither unknown nor zero.
fn one_side(figures: Vec<Figure>) -> Vec<Figure> {
    let says_something = |value: &Value| value.as_str().and_then(decimal).is_some_and(|value| !value.is_zero());
    figures
        .into_iter()
        .filter(|figure| {
            says_something(&figure.before) || says_something(&figure.after) || figure.before_never || figure.after_never
        })
        .collect()
}

fn figure(name: String, before: Value, before_never: bool, after: Value, after_never: bool) -> Figure {
    let number = |value: &Value| value.as_str().and_then(decimal);
    let change = if before == after && before.is_string() {
        Some("0.00".to_string())
    } else {
        match (number(&before), number(&after)) {
            (Some(old), Some(new)) => Some(format_money(&(new - old))),
            _ => None,
        }
    };
    Figure {
        unit: Unit::of(&name),
        name,
        before,
        after,
        change,
        before_never,
        after_never,
    }
}

/// The economics of one side of a diff.
pub struct Side<'a> {
    /// The canvas currency.
    currency: Option<&'a str>,
    /// The canvas's economics object (only its figures are read).
    canvas: Value,
    segments: Vec<SegmentSide<'a>>,
}

/// One segment's figures: the model's, or an object of a model document.
struct SegmentSide<'a> {
    name: &'a str,
    figures: Figures<'a>,
}

enum Figures<'a> {
    Model(&'a SegmentEconomics),
    Document(&'a Map<String, Value>),
}

impl<'a> SegmentSide<'a> {
    /// Its object as the model document has it.
    fn object(&self) -> Cow<'a, Map<String, Value>> {
        match self.figures {
            Figures::Document(object) => Cow::Borrowed(object),
            Figures::Model(figures) => match serde_json::to_value(SegmentEconomicsJson(self.name, figures)) {
                Ok(Value::Object(object)) => Cow::Owned(object),
                _ => Cow::Owned(Map::new()),
            },
        }
    }

    /// Whether the two have the same object (equal figures do).
    fn same(&self, other: &SegmentSide<'_>) -> bool {
        match (&self.figures, &other.figures) {
            (Figures::Model(a), Figures::Model(b)) if std::ptr::eq(*a, *b) || a == b => self.name == other.name,
            _ => self.object() == other.object(),
        }
    }
}

impl<'a> Side<'a> {
    /// The economics of a model.
    pub fn of_model(model: &'a Model) -> Side<'a> {
        let economics = &model.facts.economics;
        Side {
            currency: model.currency(),
            canvas: canvas_figures_json(model, economics),
            segments: model
                .segments
                .iter()
                .zip(&economics.segments)
                .map(|(segment, figures)| SegmentSide {
                    name: segment.block.name(),
                    figures: Figures::Model(figures),
                })
                .collect(),
        }
    }

    /// The economics of a model document (`model` gives the currency).
    pub fn of_document(model: &'a Model, document: &'a Value) -> Side<'a> {
        let economics = document.get("economics");
        let segments = economics
            .and_then(|economics| economics.get("segments"))
            .and_then(Value::as_array)
            .map(|segments| {
                segments
                    .iter()
                    .filter_map(Value::as_object)
                    .map(|object| SegmentSide {
                        name: object.get("segment").and_then(Value::as_str).unwrap_or_default(),
                        figures: Figures::Document(object),
                    })
                    .collect()
            })
            .unwrap_or_default();
        Side {
            currency: model.currency(),
            canvas: economics.cloned().unwrap_or(Value::Null),
            segments,
        }
    }
}

/// The economics change of two sides; `renames` maps an old segment
/// identifier to its new one.
pub fn change(old: Side<'_>, new: Side<'_>, renames: &HashMap<&str, &str>) -> EconomicsChange {
    let canvas = compare(
        figures_of(old.canvas.as_object(), NOT_CANVAS_FIGURES),
        figures_of(new.canvas.as_object(), NOT_CANVAS_FIGURES),
    );

    let new_segments = &new.segments;
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, segment) in new_segments.iter().enumerate() {
        by_name.entry(segment.name).or_default().push(index);
    }
    let mut matched = vec![false; new_segments.len()];
    let mut segments = Vec::new();
    for old_segment in &old.segments {
        let old_name = old_segment.name.to_string();
        let new_name = renames
            .get(old_name.as_str())
            .map_or(old_name.clone(), |name| name.to_string());
        let found = by_name
            .get_mut(new_name.as_str())
            .and_then(|indexes| (!indexes.is_empty()).then(|| indexes.remove(0)));
        match found {
            // Most segments keep their figures: nothing to read.
            Some(index) if old_segment.same(&new_segments[index]) => matched[index] = true,
            Some(index) => {
                let before = figures_of(Some(&old_segment.object()), &["segment"]);
                matched[index] = true;
                let figures: Vec<Figure> =
                    compare(before, figures_of(Some(&new_segments[index].object()), &["segment"]))
                        .into_iter()
                        .filter(Figure::changed)
                        .collect();
                if !figures.is_empty() {
                    segments.push(SegmentFigures {
                        renamed_from: (new_name != old_name).then_some(old_name),
                        segment: new_name,
                        only: None,
                        figures,
                    });
                }
            }
            None => segments.push(SegmentFigures {
                segment: old_name,
                renamed_from: None,
                only: Some("removed"),
                figures: one_side(compare(
                    figures_of(Some(&old_segment.object()), &["segment"]),
                    Vec::new(),
                )),
            }),
        }
    }
    for (segment, _) in new_segments.iter().zip(&matched).filter(|(_, matched)| !**matched) {
        segments.push(SegmentFigures {
            segment: segment.name.to_string(),
            renamed_from: None,
            only: Some("added"),
            figures: one_side(compare(Vec::new(), figures_of(Some(&segment.object()), &["segment"]))),
        });
    }
    EconomicsChange {
        currency: new.currency.or(old.currency).map(str::to_string),
        canvas,
        segments,
    }
}

/// `+1,200.00`, `−1,200.00` or `±0.00`: a change as people read it.
pub fn signed(value: &BigRational, grouped: impl Fn(&BigRational) -> String) -> String {
    if value.is_zero() {
        format!("±{}", grouped(value))
    } else if value.is_negative() {
        format!("−{}", grouped(&-value))
    } else {
        format!("+{}", grouped(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_of_the_document_read_back_exactly() {
        assert_eq!(
            decimal("-1200.50").map(|value| format_money(&value)).as_deref(),
            Some("-1200.50")
        );
        assert_eq!(decimal("0.00").map(|value| value.is_zero()), Some(true));
        assert_eq!(decimal("12"), Some(BigRational::from_integer(12.into())));
        assert_eq!(decimal("1.2.3"), None);
        assert_eq!(decimal("-"), None);
        assert_eq!(decimal(""), None);
        assert_eq!(decimal("1e5"), None);
    }

    #[test]
    fn units_come_from_the_names_the_model_uses() {
        assert_eq!(Unit::of("monthly_margin"), Unit::Money);
        assert_eq!(Unit::of("revenue_per_customer"), Unit::Money);
        assert_eq!(Unit::of("churn_per_month"), Unit::Percent);
        assert_eq!(Unit::of("lifetime_months"), Unit::Months);
        assert_eq!(Unit::of("payback_months"), Unit::Months);
        assert_eq!(Unit::of("ltv_to_cac"), Unit::Ratio);
        assert_eq!(Unit::of("growth_per_month"), Unit::Customers);
        assert_eq!(Unit::of("break_even_scale"), Unit::Scale);
        assert_eq!(Unit::of("acquisition_spend_per_month"), Unit::Money);
    }

    #[test]
    fn figures_the_model_gains_are_diffed_with_their_units() {
        // Unit economics and break-even as the 0.2 model document carries them.
        let old = serde_json::json!({ "economics": {
            "monthly_margin": "100.00",
            "break_even_scale": "0.50",
            "break_even_never": false,
            "segments": [
                { "segment": "a", "churn_per_month": "4.00", "payback_months": "14.00", "payback_never": false },
                { "segment": "b", "churn_per_month": "2.00" },
            ],
        }});
        let new = serde_json::json!({ "economics": {
            "monthly_margin": "-20.00",
            "break_even_scale": null,
            "break_even_never": true,
            "segments": [
                { "segment": "a2", "churn_per_month": "5.50", "payback_months": null, "payback_never": true },
                { "segment": "b", "churn_per_month": "2.00" },
            ],
        }});
        let model = Model::default();
        let renames = HashMap::from([("a", "a2")]);
        let change = change(
            Side::of_document(&model, &old),
            Side::of_document(&model, &new),
            &renames,
        );
        let margin = change.canvas_figure("monthly_margin").expect("margin");
        assert_eq!(margin.change.as_deref(), Some("-120.00"));
        let scale = change.canvas_figure("break_even_scale").expect("break-even");
        assert_eq!(
            (scale.unit, scale.after_never, scale.change.clone()),
            (Unit::Scale, true, None)
        );
        assert!(change.canvas_figure("break_even_never").is_none());
        // `b` did not change; `a` is found under its new name.
        assert_eq!(change.segments.len(), 1, "{change:#?}");
        let segment = &change.segments[0];
        assert_eq!(
            (segment.segment.as_str(), segment.renamed_from.as_deref()),
            ("a2", Some("a"))
        );
        let churn = &segment.figures[0];
        assert_eq!((churn.unit, churn.change.as_deref()), (Unit::Percent, Some("1.50")));
        let payback = &segment.figures[1];
        assert_eq!(
            (payback.unit, payback.before_never, payback.after_never),
            (Unit::Months, false, true)
        );
    }

    #[test]
    fn a_never_flag_marks_its_figure() {
        let object = serde_json::json!({
            "payback_months": null,
            "payback_never": true,
            "lifetime_months": null,
            "label": "not a figure",
        });
        let figures = figures_of(object.as_object(), &[]);
        assert_eq!(
            figures,
            vec![
                ("payback_months".to_string(), Value::Null, true),
                ("lifetime_months".to_string(), Value::Null, false),
            ]
        );
    }
}
