//! Whether two matched blocks say the same thing, read from their typed
//! statements, and how the old side's references follow renames.
//!
//! The diff's meaning is defined on the model document (see
//! [`crate::output::json`]): two blocks are the same when their JSON forms,
//! without derived fields and with the old side's references renamed, are
//! equal once lists are sorted. Making that JSON for every block of two
//! large canvases cost most of a diff's time and memory, and nearly every
//! block is untouched. So [`same_content`] compares the statements as the
//! model holds them, field by field in the order of the statement table:
//! `true` only when the JSON forms are certainly equal (equal values give
//! equal JSON); anything else, including a list reordered or an amount
//! that differs only past the cents, is left to the JSON comparison, which
//! decides.

use std::collections::HashMap;

use crate::model::statements::{Shaped, View};
use crate::model::*;

/// Old identifier → new, by kind: the renames found.
pub(super) type Renames<'a> = HashMap<BlockKind, HashMap<&'a str, &'a str>>;

/// Which renames an old block's references follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Stage {
    /// While blocks are matched: those of the kinds matched before its own.
    Before,
    /// Once every block is matched: all of them.
    All,
}

/// A kind's place in [`super::RENAME_ORDER`]; the header and relationships
/// come after every kind there.
pub(super) fn position(kind: BlockKind) -> usize {
    super::RENAME_ORDER
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(usize::MAX)
}

/// Whether blocks of `kind` are matched by identifier in the stages of
/// [`super::RENAME_ORDER`] (and the header after them), and so follow the
/// renames of the earlier kinds first, then the rest.
pub(super) fn has_stages(kind: BlockKind) -> bool {
    kind == BlockKind::Header || position(kind) != usize::MAX
}

/// The new name of `name`, a reference to a block of one of `kinds`, by the
/// first of those kinds `applies` to that renamed it.
pub(super) fn renamed<'a>(
    renames: &Renames<'a>,
    kinds: &[BlockKind],
    name: &str,
    applies: impl Fn(BlockKind) -> bool,
) -> Option<&'a str> {
    kinds
        .iter()
        .filter(|kind| applies(**kind))
        .find_map(|kind| renames.get(kind).and_then(|names| names.get(name)).copied())
}

/// `name`, a reference held by an old block of kind `own` to a block of one
/// of `kinds`, after the renames of `stage`: first those of the kinds
/// matched before `own`, then (once all are matched) those of the others.
pub(super) fn followed<'a>(
    renames: &Renames<'a>,
    own: BlockKind,
    kinds: &[BlockKind],
    name: &'a str,
    stage: Stage,
) -> &'a str {
    if renames.is_empty() {
        return name;
    }
    let own_position = position(own);
    let mut name = name;
    if has_stages(own) {
        if let Some(new) = renamed(renames, kinds, name, |named| position(named) < own_position) {
            name = new;
        }
    }
    if stage == Stage::All {
        if let Some(new) = renamed(renames, kinds, name, |named| {
            own_position == usize::MAX || position(named) >= own_position
        }) {
            name = new;
        }
    }
    name
}

/// Whether the block `old_index` of kind `kind` in `old` says what the
/// block `new_index` of that kind in `new` says, the old references
/// following every rename (see the module documentation: `false` may
/// still be the same).
pub(super) fn same_content<'a>(
    (old, kind, old_index): (&'a Model, BlockKind, usize),
    (new, new_index): (&Model, usize),
    renames: &Renames<'a>,
) -> bool {
    crate::model::statements::with_block_type!(kind, B => same_blocks::<B>((old, old_index), (new, new_index), renames))
}

fn same_blocks<'a, B: Shaped>(
    (old_model, i): (&'a Model, usize),
    (new_model, j): (&Model, usize),
    renames: &Renames<'a>,
) -> bool {
    let (Some(old), Some(new)) = (B::all(old_model).get(i), B::all(new_model).get(j)) else {
        return false;
    };
    let (old_block, new_block) = (old.block(), new.block());
    if text(&old_block.label) != text(&new_block.label) || !same_texts(&old_block.notes, &new_block.notes) {
        return false;
    }
    // A relationship's type is a field of its JSON; a header's currency is
    // the canvas's, which the first amount gives when the header does not.
    if B::KIND == BlockKind::Relationship && old_block.name() != new_block.name() {
        return false;
    }
    if B::KIND == BlockKind::Header && old_model.currency() != new_model.currency() {
        return false;
    }
    B::STATEMENTS.iter().all(|statement| {
        let key = statement.spec.json;
        if key.is_empty() || (B::KIND == BlockKind::Header && key == "currency") {
            return true;
        }
        let kinds = statement
            .spec
            .shape
            .namespace()
            .map_or(&[][..], |namespace| namespace.kinds());
        let name =
            |reference: &'a Reference| followed(renames, B::KIND, kinds, reference.name.value.as_str(), Stage::All);
        same_view(statement.view(old), statement.view(new), name)
    })
}

fn text(value: &Option<Spanned<Str>>) -> Option<&str> {
    value.as_ref().map(|value| value.value.as_str())
}

fn same_texts(old: &[Spanned<Str>], new: &[Spanned<Str>]) -> bool {
    old.len() == new.len() && old.iter().zip(new).all(|(a, b)| a.value == b.value)
}

/// Whether two views of one statement give the same JSON (in order: a
/// list reordered is left to the JSON comparison); `name` is an old
/// reference after its renames.
fn same_view<'a>(old: View<'a>, new: View<'_>, name: impl Fn(&'a Reference) -> &'a str) -> bool {
    match (old, new) {
        (View::Block, View::Block) => true,
        (View::Text(a), View::Text(b)) => text_of(a) == text_of(b),
        (View::Texts(a), View::Texts(b)) => same_texts(a, b),
        (View::Attributes(a), View::Attributes(b)) => {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|(a, b)| a.key.value == b.key.value && a.value.value.as_str() == b.value.value.as_str())
        }
        (View::Count(a), View::Count(b)) => a == b,
        (View::Value(a), View::Value(b)) => a == b,
        (View::Values(a), View::Values(b)) => a == b,
        (View::Reference(a), View::Reference(b)) => a.map(name) == b.map(|reference| reference.name.value.as_str()),
        (View::References(a), View::References(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| name(a) == b.name.value.as_str())
        }
        (View::Phases(a), View::Phases(b)) => {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|(a, b)| a.phase.value == b.phase.value && text(&a.how) == text(&b.how))
        }
        (View::Rate(a), View::Rate(b)) => same_rate(a, b),
        (View::Rates(a, a_new), View::Rates(b, b_new)) => same_rate(a, b) && same_rate(a_new, b_new),
        (View::PerPeriod(a), View::PerPeriod(b)) => match (a, b) {
            (None, None) => true,
            (Some(a), Some(b)) => a.value == b.value && a.period == b.period,
            _ => false,
        },
        _ => false,
    }
}

fn text_of(value: Option<&Spanned<Str>>) -> Option<&str> {
    value.map(|value| value.value.as_str())
}

/// Equal rates give equal JSON: its amount and monthly figure come from the
/// amount and period.
fn same_rate(old: Option<&Rate>, new: Option<&Rate>) -> bool {
    match (old, new) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            a.amount.value == b.amount.value
                && text_of(a.amount.currency.as_ref()) == text_of(b.amount.currency.as_ref())
                && a.per_customer == b.per_customer
                && a.per_new_customer == b.per_new_customer
                && a.period == b.period
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = r#"
segment shoppers "Shoppers" {
  need "speed"
  size 100
}
proposition fast "Fast" {
  for shoppers
  meets "speed"
}
revenue sales {
  from shoppers
  price 10.004 EUR per customer per month
}
"#;

    fn model(source: &str) -> Model {
        crate::check("a.canvas", source).model
    }

    #[test]
    fn equal_statements_are_the_same_and_changed_ones_are_left_to_the_json() {
        let (old, new) = (model(BASE), model(BASE));
        let none = Renames::new();
        for kind in [BlockKind::Segment, BlockKind::Proposition, BlockKind::Revenue] {
            assert!(same_content((&old, kind, 0), (&new, 0), &none), "{kind:?}");
        }
        // A price that differs past the cents is not told equal here; the
        // JSON comparison decides (its document rounds both to 10.00).
        let rounded = model(&BASE.replace("10.004", "10.001"));
        assert!(!same_content((&old, BlockKind::Revenue, 0), (&rounded, 0), &none));
        let relabelled = model(&BASE.replace("\"Fast\"", "\"Quick\""));
        assert!(!same_content(
            (&old, BlockKind::Proposition, 0),
            (&relabelled, 0),
            &none
        ));
    }

    #[test]
    fn old_references_follow_the_renames() {
        let old = model(BASE);
        let new = model(&BASE.replace("shoppers", "buyers"));
        let renames: Renames = HashMap::from([(BlockKind::Segment, HashMap::from([("shoppers", "buyers")]))]);
        assert!(same_content((&old, BlockKind::Proposition, 0), (&new, 0), &renames));
        assert!(!same_content(
            (&old, BlockKind::Proposition, 0),
            (&new, 0),
            &Renames::new()
        ));
        // A segment's own references follow only once every block is matched.
        let kinds = [BlockKind::Segment];
        assert_eq!(
            followed(&renames, BlockKind::Segment, &kinds, "shoppers", Stage::Before),
            "shoppers"
        );
        assert_eq!(
            followed(&renames, BlockKind::Segment, &kinds, "shoppers", Stage::All),
            "buyers"
        );
        assert_eq!(
            followed(&renames, BlockKind::Revenue, &kinds, "shoppers", Stage::Before),
            "buyers"
        );
    }
}
