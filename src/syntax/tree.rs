//! The typed tree, and [`ItemSink`]: whatever takes its items as they are
//! parsed.

use crate::span::{Span, Str};

/// A parsed file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceFile {
    /// The items, in source order.
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
    /// The keyword that starts it (`segment`, `canvas`, ...).
    pub keyword: Word,
    /// The comma-separated arguments of its head.
    pub arguments: Vec<Argument>,
    /// Its braces and statements, when it has a body.
    pub body: Option<Body>,
    /// The whole item, from its keyword to its last token.
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
    /// The keyword that starts it.
    pub keyword: Word,
    /// Its comma-separated arguments.
    pub arguments: Vec<Argument>,
    /// The whole statement, from its keyword to its last token.
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
    /// An identifier or keyword.
    Name(Word),
    /// A string literal.
    Str(Text),
    /// A number literal.
    Number(Number),
}

impl Atom {
    /// Where the atom was written.
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
    pub text: Str,
    pub span: Span,
}

/// A string literal: its unescaped value, and the span including quotes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub value: Str,
    pub span: Span,
}

/// A number literal, kept as written (`120_000`, `0.10`) so the formatter
/// can keep the author's spelling; the model reads its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number {
    pub text: Str,
    pub span: Span,
}

/// Whatever consumes the items of a file as they are parsed.
///
/// A large file is parsed in chunks on several threads; each chunk's items
/// go into a sink of their own, on the thread that parsed them, and the
/// sinks are then joined in source order. A sink that only needs each
/// item once (the model builder) lets it go at once, so the syntax tree of
/// the whole file never exists, and it is freed by the thread that made it.
pub trait ItemSink: Default + Send {
    /// Takes the next item, in source order.
    fn item(&mut self, item: Item);
    /// Joins sinks that took consecutive runs of items, in source order.
    fn join(parts: Vec<Self>) -> Self;
}

impl ItemSink for Vec<Item> {
    fn item(&mut self, item: Item) {
        self.push(item);
    }

    fn join(parts: Vec<Self>) -> Self {
        concat(parts)
    }
}

/// Concatenates lists: the only non-empty one as it is, or all of them
/// into one list allocated once at its final size, each part freed as soon
/// as it is copied, so joining costs little more memory than the result.
pub(crate) fn concat<T>(parts: Vec<Vec<T>>) -> Vec<T> {
    let total = parts.iter().map(Vec::len).sum();
    let mut filled = parts.into_iter().filter(|part| !part.is_empty());
    let Some(first) = filled.next() else {
        return Vec::new();
    };
    if first.len() == total {
        return first;
    }
    let mut joined = Vec::with_capacity(total);
    joined.extend(first);
    filled.for_each(|part| joined.extend(part));
    joined
}
