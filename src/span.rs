//! Where things are in the source, and the text the stages hold: byte
//! [`Span`]s, values with their span ([`Spanned`]) and compact strings
//! ([`Str`]).
//!
//! A leaf: it imports nothing of the crate, so the syntax tree, the model,
//! diagnostics and every output share these types without depending on
//! one another.

use std::fmt;

/// A byte range `start..end` in the source text.
///
/// Offsets are stored as `u32`, halving the size of every node and model
/// value that carries one: sources are far below 4 GiB (the command line
/// reads at most 256 MiB, and `canvasc::check` refuses larger texts), and an
/// offset that did not fit would saturate rather than wrap.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    start: u32,
    end: u32,
}

impl Span {
    /// The span of bytes `start..end` (an offset past 4 GiB saturates).
    pub fn new(start: usize, end: usize) -> Self {
        let offset = |offset: usize| u32::try_from(offset).unwrap_or(u32::MAX);
        Span {
            start: offset(start),
            end: offset(end),
        }
    }

    /// The byte offset where the span starts.
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// The byte offset just past the span.
    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// The span as a range, for slicing the source.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start()..self.end()
    }

    /// How many bytes it covers.
    pub fn len(&self) -> usize {
        self.end() - self.start()
    }

    /// Whether it covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// Whether `offset` lies inside it.
    pub fn contains(&self, offset: usize) -> bool {
        self.start() <= offset && offset < self.end()
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// Text held by the syntax tree and the model: names, labels, needs. Most
/// are short, and a string of up to 24 bytes is stored inline, without an
/// allocation of its own; a large canvas holds hundreds of thousands of them.
pub type Str = compact_str::CompactString;

/// A value and where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// `value`, written at `span`.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}
