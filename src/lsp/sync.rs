//! The client's text as it changes: incremental `didChange` edits applied in
//! order, and the edits since the last checked version kept so that an
//! offset of the newest text can be found in that version (and back), which
//! lets hover answer from the last check while the newest is being checked.
//!
//! Invariants: every offset produced is a char boundary of its text; a range
//! outside the text is clamped to it, as the protocol asks, never a panic.

use lsp_types::TextDocumentContentChangeEvent;

use super::position::{Encoding, Text};
use crate::lines::LineIndex;

/// One replacement: `old` bytes at `start` became `new` bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Edit {
    pub start: usize,
    pub old: usize,
    pub new: usize,
}

/// A document's newest text.
pub(super) struct Current {
    pub text: String,
    pub lines: LineIndex,
}

impl Current {
    pub(super) fn new(text: String) -> Self {
        Current {
            lines: LineIndex::new(&text),
            text,
        }
    }

    pub(super) fn view(&self, encoding: Encoding) -> Text<'_> {
        Text {
            text: &self.text,
            lines: &self.lines,
            encoding,
        }
    }

    /// Applies one change (a range, or the whole text without one).
    pub(super) fn apply(&mut self, change: TextDocumentContentChangeEvent, encoding: Encoding) -> Edit {
        let (start, end) = match change.range {
            Some(range) => {
                let view = self.view(encoding);
                let start = view.offset(range.start);
                (start, view.offset(range.end).max(start))
            }
            None => (0, self.text.len()),
        };
        self.text.replace_range(start..end, &change.text);
        self.lines = LineIndex::new(&self.text);
        Edit {
            start,
            old: end - start,
            new: change.text.len(),
        }
    }
}

/// Where `offset` of the text after `edits` was before them; `None` when it
/// lies in text an edit wrote.
pub(super) fn back(edits: &[Edit], mut offset: usize) -> Option<usize> {
    for edit in edits.iter().rev() {
        if offset >= edit.start + edit.new {
            offset = offset - edit.new + edit.old;
        } else if offset > edit.start {
            return None;
        }
    }
    Some(offset)
}

/// Where `offset` of the text before `edits` is after them; `None` when an
/// edit replaced it.
pub(super) fn forward(edits: &[Edit], mut offset: usize) -> Option<usize> {
    for edit in edits {
        if offset >= edit.start + edit.old {
            offset = offset - edit.old + edit.new;
        } else if offset > edit.start {
            return None;
        }
    }
    Some(offset)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    fn change(start: (u32, u32), end: (u32, u32), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(start.0, start.1), Position::new(end.0, end.1))),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn ranges_are_applied_in_order_and_clamped() {
        let mut current = Current::new("ab\n需要x\n".to_string());
        current.apply(change((1, 2), (1, 2), "!"), Encoding::Utf16);
        assert_eq!(current.text, "ab\n需要!x\n");
        current.apply(change((0, 0), (1, 1), ""), Encoding::Utf16);
        assert_eq!(current.text, "要!x\n");
        current.apply(change((0, 99), (99, 0), "end"), Encoding::Utf8);
        assert_eq!(current.text, "要!xend");
        let whole = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "new".into(),
        };
        current.apply(whole, Encoding::Utf8);
        assert_eq!(current.text, "new");
    }

    #[test]
    fn offsets_map_across_edits_both_ways() {
        // "hello world" -> "hello,, world" -> "hi,, world"
        let edits = [
            Edit {
                start: 5,
                old: 0,
                new: 2,
            },
            Edit {
                start: 1,
                old: 4,
                new: 1,
            },
        ];
        assert_eq!(forward(&edits, 6), Some(5)); // the `w`
        assert_eq!(back(&edits, 5), Some(6));
        assert_eq!(back(&edits, 0), Some(0));
        assert_eq!(back(&edits, 3), None); // between the written commas
        assert_eq!(forward(&edits, 3), None); // `ll` was replaced
        for offset in [0, 5, 6, 7, 10, 11] {
            let there = forward(&edits, offset).expect("kept");
            assert_eq!(back(&edits, there), Some(offset), "{offset}");
        }
    }
}
