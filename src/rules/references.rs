//! Rules about names: every reference must name a block of the kind its
//! statement expects.

use super::{Context, Findings};
use crate::code::Code;
use crate::diagnostic::{a, candidates_help, Diagnostic};
use crate::model::{BlockId, Reference};

fn unresolved<'m>(context: &'m Context) -> impl Iterator<Item = &'m Reference> + 'm {
    context
        .model
        .references()
        .filter(|reference| reference.target.is_none())
}

/// Offers the near name as help and fix, or lists the candidates.
fn with_suggestion(context: &Context, reference: &Reference, diagnostic: Diagnostic) -> Diagnostic {
    match context.names.did_you_mean(reference.expects, &reference.name.value) {
        Some(candidate) => diagnostic.suggest(candidate),
        None => diagnostic.with_optional_help(nearest(context, reference)),
    }
}

fn nearest(context: &Context, reference: &Reference) -> Option<String> {
    let plural = match reference.expects {
        crate::model::Namespace::Infrastructure => "resources and activities".to_string(),
        namespace => format!("{}s", namespace.noun()),
    };
    candidates_help(&plural, context.names.in_namespace(reference.expects))
}

/// References read as their one close candidate (§4): linked, under another name.
fn read_as_candidate<'m>(context: &'m Context) -> impl Iterator<Item = (&'m Reference, BlockId)> + 'm {
    context.model.references().filter_map(|reference| {
        let target = reference.target?;
        let block = context.model.block(target)?;
        (block.name() != reference.name.value.as_str()).then_some((reference, target))
    })
}

/// `unknown-reference`: a name no block defines.
pub(super) fn unknown_reference(context: &Context, out: &mut Findings) {
    for (reference, target) in read_as_candidate(context) {
        if context.names.misspelt_definition(target).is_some() {
            continue; // Reported once, at the definition.
        }
        let Some(block) = context.model.block(target) else {
            continue;
        };
        out.push(
            Diagnostic::new(
                Code::UnknownReference,
                format!("no {} named `{}`", reference.expects.noun(), reference.name.value),
                reference.name.span,
                "used here",
            )
            .suggest(block.name()),
        );
    }
    misspelt_definitions(context, out);
    for reference in unresolved(context) {
        let name = &reference.name.value;
        if context.names.elsewhere(name, reference.expects).is_some() {
            continue;
        }
        let diagnostic = Diagnostic::new(
            Code::UnknownReference,
            format!("no {} named `{name}`", reference.expects.noun()),
            reference.name.span,
            "used here",
        );
        out.push(with_suggestion(context, reference, diagnostic));
    }
}

/// `wrong-kind`: the name exists, but as another kind of block.
pub(super) fn wrong_kind(context: &Context, out: &mut Findings) {
    for reference in unresolved(context) {
        let name = &reference.name.value;
        let Some(found) = context.names.elsewhere(name, reference.expects) else {
            continue;
        };
        let Some(block) = context.model.block(found) else {
            continue;
        };
        out.push(
            Diagnostic::new(
                Code::WrongKind,
                format!(
                    "`{name}` is {}, not {}",
                    a(block.kind.noun()),
                    a(reference.expects.noun())
                ),
                reference.name.span,
                format!("{} is expected here", a(reference.expects.noun())),
            )
            .with_related(block.name_span(), format!("`{name}` is defined here"))
            .with_optional_help(nearest(context, reference)),
        );
    }
}

/// A definition used nowhere, whose name two or more uses misspell the same
/// way: one `unknown-reference` at the definition, the uses related (§4).
fn misspelt_definitions(context: &Context, out: &mut Findings) {
    for (id, block) in context.model.blocks() {
        let Some(uses) = context.names.misspelt_definition(id) else {
            continue;
        };
        let Some(first) = uses.first() else { continue };
        // The name most uses spell, the first of them on a tie.
        let mut spelling = first.value.as_str();
        let mut most = 0;
        for candidate in uses {
            let count = uses.iter().filter(|other| other.value == candidate.value).count();
            if count > most {
                most = count;
                spelling = candidate.value.as_str();
            }
        }
        let mut diagnostic = Diagnostic::new(
            Code::UnknownReference,
            format!(
                "no {} named `{spelling}`: {} uses name it, but this one is `{}`",
                block.kind.namespace().noun(),
                uses.len(),
                block.name()
            ),
            block.name_span(),
            "defined here",
        );
        for used in uses {
            diagnostic = diagnostic.with_related(used.span, format!("`{}` used here", used.value));
        }
        out.push(
            diagnostic
                .with_help(format!("did you mean `{spelling}`?"))
                .with_fix(block.name_span(), spelling),
        );
    }
}
