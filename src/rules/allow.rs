//! `allow`: silencing warnings and advice at the file or block level.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::model::{Model, Spanned};
use crate::span::Span;

/// What the `allow`s of one model silence, gathered once.
pub(crate) struct Allows<'m> {
    /// Codes allowed in the whole file.
    file: &'m [Spanned<Code>],
    /// Blocks with allows of their own, sorted by start.
    blocks: Vec<(Span, &'m [Spanned<Code>])>,
}

impl<'m> Allows<'m> {
    pub(crate) fn of(model: &'m Model) -> Self {
        let mut blocks: Vec<(Span, &[Spanned<Code>])> = model
            .blocks()
            .filter(|(_, block)| !block.allows.is_empty())
            .map(|(_, block)| (block.span, block.allows.as_slice()))
            .collect();
        blocks.sort_by_key(|(span, _)| span.start());
        Allows {
            file: &model.allows,
            blocks,
        }
    }

    /// Whether nothing is allowed.
    pub(crate) fn is_empty(&self) -> bool {
        self.file.is_empty() && self.blocks.is_empty()
    }

    /// Whether `diagnostic` is kept: errors always are; a warning or advice
    /// unless its code is allowed at the top level, or in the block its
    /// primary label lies in.
    pub(crate) fn keeps(&self, diagnostic: &Diagnostic) -> bool {
        if diagnostic.is_error() {
            return true;
        }
        if self.file.iter().any(|allow| allow.value == diagnostic.code) {
            return false;
        }
        let Some(primary) = diagnostic.primary_span() else {
            return true;
        };
        let index = self.blocks.partition_point(|(span, _)| span.start() <= primary.start());
        let allowed_in_block = index
            .checked_sub(1)
            .and_then(|index| self.blocks.get(index))
            .filter(|(span, _)| span.contains(primary.start()))
            .is_some_and(|(_, allows)| allows.iter().any(|allow| allow.value == diagnostic.code));
        !allowed_in_block
    }
}

/// Drops the warnings and advice that an `allow` silences: at the top
/// level for the whole file, inside a block for the diagnostics whose
/// primary label lies in that block. Errors are never dropped.
pub(crate) fn apply_allows(model: &Model, diagnostics: &mut Vec<Diagnostic>) {
    let allows = Allows::of(model);
    if !allows.is_empty() {
        diagnostics.retain(|diagnostic| allows.keeps(diagnostic));
    }
}
