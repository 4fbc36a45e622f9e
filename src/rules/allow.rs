//! `allow`: silencing warnings and advice at the file or block level.

use crate::diagnostic::Diagnostic;
use crate::model::Model;

/// Drops the warnings and advice that an `allow` silences: at the top
/// level for the whole file, inside a block for the diagnostics whose
/// primary label lies in that block. Errors are never dropped.
pub fn apply_allows(model: &Model, diagnostics: &mut Vec<Diagnostic>) {
    let mut blocks: Vec<(crate::syntax::Span, &[crate::model::Spanned<crate::code::Code>])> = model
        .blocks()
        .filter(|(_, block)| !block.allows.is_empty())
        .map(|(_, block)| (block.span, block.allows.as_slice()))
        .collect();
    if model.allows.is_empty() && blocks.is_empty() {
        return;
    }
    blocks.sort_by_key(|(span, _)| span.start());
    diagnostics.retain(|diagnostic| {
        if diagnostic.is_error() {
            return true;
        }
        if model.allows.iter().any(|allow| allow.value == diagnostic.code) {
            return false;
        }
        let Some(primary) = diagnostic.primary_span() else {
            return true;
        };
        let index = blocks.partition_point(|(span, _)| span.start() <= primary.start());
        let allowed_in_block = index
            .checked_sub(1)
            .and_then(|index| blocks.get(index))
            .filter(|(span, _)| span.contains(primary.start()))
            .is_some_and(|(_, allows)| allows.iter().any(|allow| allow.value == diagnostic.code));
        !allowed_in_block
    });
}
