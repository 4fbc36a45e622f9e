//! Applying the certain fixes of diagnostics (`canvasc check --fix`).
//!
//! A diagnostic's `fix` is an [`Edit`] offered only when one change is
//! likely (the one close name of a did-you-mean). [`fix`] applies them to a
//! source text, checks the result again and repeats, because one fix can
//! reveal another (a block kind spelt right makes its statements readable).
//!
//! Invariants:
//!
//! - Pure: text in, text out; writing files is the command line's business.
//! - Edits that overlap an earlier one, or whose span is not inside the text
//!   on character boundaries, are skipped, never half-applied; the others
//!   are applied from the end of the text backwards, so each span still
//!   means what it meant when it was found.
//! - A pass that would add a syntax error is thrown away, and at most
//!   [`MAX_PASSES`] passes run, so fixing always ends and never makes a
//!   file less readable than it was.
//! - Only the diagnostics that survive the levels carry fixes that are
//!   applied: an allowed diagnostic's fix is not wanted.

use crate::diagnostic::Edit;
use crate::levels::Levels;
use crate::{check, Checked, Code};

/// The most passes [`fix`] runs: enough for a fix revealing another, and a
/// bound on a pair of fixes that would undo each other.
pub const MAX_PASSES: usize = 8;

/// The outcome of fixing one source.
#[derive(Clone, Debug)]
pub struct Fixed {
    /// The text with every applied fix.
    pub source: String,
    /// How many fixes were applied, over all passes.
    pub applied: usize,
    /// The check of `source`, levels applied: what remains.
    pub checked: Checked,
}

impl Fixed {
    /// Whether the text changed.
    pub fn changed(&self) -> bool {
        self.applied > 0
    }
}

/// Applies the edits that fit (see the module invariants) and returns the
/// new text and how many were applied.
pub fn apply_edits<'a>(source: &str, edits: impl IntoIterator<Item = &'a Edit>) -> (String, usize) {
    let mut edits: Vec<&Edit> = edits
        .into_iter()
        .filter(|edit| {
            edit.span.start() <= edit.span.end()
                && edit.span.end() <= source.len()
                && source.is_char_boundary(edit.span.start())
                && source.is_char_boundary(edit.span.end())
        })
        .collect();
    edits.sort_by_key(|edit| (edit.span.start(), edit.span.end()));
    let mut accepted: Vec<&Edit> = Vec::with_capacity(edits.len());
    for edit in edits {
        let overlaps = accepted.last().is_some_and(|last| {
            // Two insertions at one place, or a span starting before the
            // last one ended, cannot both be applied with a certain result.
            edit.span.start() < last.span.end() || edit.span.start() == last.span.start()
        });
        if !overlaps {
            accepted.push(edit);
        }
    }
    let mut text = source.to_string();
    for edit in accepted.iter().rev() {
        text.replace_range(edit.span.range(), &edit.replacement);
    }
    (text, accepted.len())
}

/// Checks `source` under `levels`.
pub fn check_with(name: &str, source: &str, levels: &Levels) -> Checked {
    let mut checked = check(name, source);
    levels.apply(&mut checked.diagnostics);
    checked
}

/// Applies every certain fix, re-checking after each pass, and returns the
/// final text with its check.
pub fn fix(name: &str, source: &str, levels: &Levels) -> Fixed {
    let mut checked = check_with(name, source, levels);
    let mut applied = 0;
    for _ in 0..MAX_PASSES {
        let (text, count) = apply_edits(
            &checked.source,
            checked
                .diagnostics
                .iter()
                .filter_map(|diagnostic| diagnostic.fix.as_ref()),
        );
        if count == 0 || text == checked.source {
            break;
        }
        let next = check_with(name, &text, levels);
        if syntax_errors(&next) > syntax_errors(&checked) {
            break;
        }
        applied += count;
        checked = next;
    }
    Fixed {
        source: checked.source.clone(),
        applied,
        checked,
    }
}

fn syntax_errors(checked: &Checked) -> usize {
    checked
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.code == Code::Syntax)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn edit(start: usize, end: usize, replacement: &str) -> Edit {
        Edit {
            span: Span::new(start, end),
            replacement: replacement.to_string(),
        }
    }

    #[test]
    fn edits_apply_from_the_end_and_overlaps_are_skipped() {
        let edits = [edit(0, 3, "one"), edit(4, 7, "TWO"), edit(5, 6, "x"), edit(8, 8, "!")];
        assert_eq!(apply_edits("abc def ghi", &edits), ("one TWO !ghi".to_string(), 3));
    }

    #[test]
    fn edits_outside_the_text_or_inside_a_character_are_skipped() {
        let edits = [edit(1, 2, "x"), edit(3, 99, "y")];
        assert_eq!(apply_edits("é ab", &edits), ("é ab".to_string(), 0));
    }

    #[test]
    fn fixing_repeats_until_nothing_is_left_to_fix() {
        let source = "canvas \"X\" { currency EUR }\nsegment young-women { type nich }\n\
                      proposition p { for young-woman }\n";
        let fixed = fix("x.canvas", source, &Levels::new());
        assert_eq!(fixed.applied, 2);
        assert!(fixed.source.contains("type niche"), "{}", fixed.source);
        assert!(fixed.source.contains("for young-women"), "{}", fixed.source);
        assert!(!fixed.checked.has_errors());
    }

    #[test]
    fn a_clean_source_is_left_as_it_is() {
        let source = "canvas \"X\" { currency EUR }\n";
        let fixed = fix("x.canvas", source, &Levels::new());
        assert!(!fixed.changed());
        assert_eq!(fixed.source, source);
    }
}
