//! The syntax tree: what the text says, before any meaning is given to it.
//!
//! The tree mirrors the grammar's shape: a file is a list of [`Item`]s (the
//! header, blocks and `allow` lines), an item has a keyword, arguments and
//! an optional body of [`Statement`]s, and an argument is a run of
//! [`Atom`]s. Which keywords and values are valid is the model's business.
//!
//! Invariants:
//! - every node carries the byte [`Span`] of its text in the source, and
//!   spans of siblings are ordered and disjoint;
//! - strings hold their unescaped value; their span includes the quotes;
//! - comments are not nodes: [`SourceFile::comments`] lists their spans, so
//!   the formatter can put them back and everything else can ignore them.

use std::fmt;

/// A byte range `start..end` in the source text.
///
/// Offsets are stored as `u32`, halving the size of every node and model
/// value that carries one: sources are far below 4 GiB (the command line
/// reads at most 256 MiB, and [`crate::check`] refuses larger texts), and an
/// offset that did not fit would saturate rather than wrap.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    start: u32,
    end: u32,
}

impl Span {
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

    pub fn len(&self) -> usize {
        self.end() - self.start()
    }

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

    pub fn contains(&self, offset: usize) -> bool {
        self.start() <= offset && offset < self.end()
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// A parsed file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceFile {
    pub items: Vec<Item>,
    /// Spans of `# ...` comments, in source order, without the line break.
    pub comments: Vec<Span>,
    /// The file starts with a UTF-8 byte-order mark.
    pub bom: bool,
    /// The file's first line break is `\r\n`.
    pub crlf: bool,
}

/// A top-level item: the `canvas` header, a block, or an `allow` line.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub keyword: Word,
    pub arguments: Vec<Argument>,
    pub body: Option<Body>,
    pub span: Span,
    /// The item's text did not parse; only its first line was salvaged.
    pub broken: bool,
}

/// The braces of a block and the statements between them.
#[derive(Clone, Debug, PartialEq)]
pub struct Body {
    pub open: Span,
    pub statements: Vec<Statement>,
    pub close: Span,
}

/// A statement inside a block: a keyword and its arguments.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    pub keyword: Word,
    pub arguments: Vec<Argument>,
    pub span: Span,
    /// The body of an override inside a `scenario` (its statements have
    /// none: overrides nest one level); `None` everywhere else.
    pub body: Option<Body>,
}

/// One comma-separated argument.
#[derive(Clone, Debug, PartialEq)]
pub struct Argument {
    pub atoms: Vec<Atom>,
    pub span: Span,
}

/// The smallest pieces of a statement.
#[derive(Clone, Debug, PartialEq)]
pub enum Atom {
    Name(Word),
    Str(Text),
    Number(Number),
}

impl Atom {
    pub fn span(&self) -> Span {
        match self {
            Atom::Name(word) => word.span,
            Atom::Str(text) => text.span,
            Atom::Number(number) => number.span,
        }
    }

    /// What kind of token this is, for messages.
    pub fn describe(&self) -> &'static str {
        match self {
            Atom::Name(_) => "a name",
            Atom::Str(_) => "a string",
            Atom::Number(_) => "a number",
        }
    }
}

/// An identifier or keyword, as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub text: crate::model::Str,
    pub span: Span,
}

/// A string literal: its unescaped value, and the span including quotes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub value: crate::model::Str,
    pub span: Span,
}

/// A number literal, kept as written (`120_000`, `0.10`) so the formatter
/// can keep the author's spelling; the model reads its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number {
    pub text: crate::model::Str,
    pub span: Span,
}
