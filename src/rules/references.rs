//! Rules about names: every reference must name a block of the kind its
//! statement expects.

use super::Context;
use crate::code::Code;
use crate::diagnostic::{a, did_you_mean, name_help, Diagnostic};
use crate::model::Reference;

fn unresolved<'m>(context: &'m Context) -> impl Iterator<Item = &'m Reference> + 'm {
    context
        .model
        .references()
        .filter(|reference| reference.target.is_none())
}

/// Offers the near name as help and fix, or lists the candidates.
fn with_suggestion(context: &Context, reference: &Reference, diagnostic: Diagnostic) -> Diagnostic {
    match did_you_mean(&reference.name.value, context.names.in_namespace(reference.expects)) {
        Some(candidate) => diagnostic.suggest(candidate),
        None => diagnostic.with_optional_help(nearest(context, reference)),
    }
}

fn nearest(context: &Context, reference: &Reference) -> Option<String> {
    let plural = match reference.expects {
        crate::model::Namespace::Infrastructure => "resources and activities".to_string(),
        namespace => format!("{}s", namespace.noun()),
    };
    name_help(
        &reference.name.value,
        &plural,
        context.names.in_namespace(reference.expects),
    )
}

/// `unknown-reference`: a name no block defines.
pub fn unknown_reference(context: &Context, out: &mut Vec<Diagnostic>) {
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
pub fn wrong_kind(context: &Context, out: &mut Vec<Diagnostic>) {
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
