//! The syntax: text in, the syntax tree and syntax diagnostics out.
//!
//! The tree ([`tree`]) mirrors the grammar's shape: a file is a list of
//! [`Item`]s (the header, blocks, `allow` lines and scenarios), an item has
//! a keyword, arguments and an optional body of [`Statement`]s, and an
//! argument is a run of [`Atom`]s. Which keywords and values are valid is
//! the model's business.
//!
//! One file per job: [`grammar`] (the pest parser of `grammar/canvas.pest`
//! and the keywords that start items), [`driver`] (a whole text in),
//! [`chunks`] (a large file on several threads), [`recovery`] (resume
//! points, windows, reading a broken item statement by statement),
//! [`errors`] (the prose of syntax errors) and [`lower`] (pest pairs into
//! the tree).
//!
//! Invariants:
//! - parsing never fails: every input yields a tree (possibly empty) and
//!   the syntax diagnostics that explain what was left out;
//! - after a syntax error, parsing resumes at the next line that starts in
//!   column 1 with a word of [`TOP_LEVEL_KEYWORDS`] (§4), and the broken
//!   item keeps the name read from its first line (`Item::broken`);
//! - every node carries the byte [`Span`] of its text in
//!   the whole source, whatever part was parsed, and spans of siblings are
//!   ordered and disjoint;
//! - strings hold their unescaped value; their span includes the quotes;
//! - comments are not nodes: [`SourceFile::comments`] lists their spans, so
//!   the formatter can put them back and everything else can ignore them.

mod chunks;
mod driver;
mod errors;
mod grammar;
mod lower;
mod recovery;
mod tree;

pub(crate) use crate::span::Span;
pub use driver::{comment_spans, parse, parse_into, recognise};
pub(crate) use grammar::TOP_LEVEL_KEYWORDS;
pub(crate) use tree::{concat, Argument, Body, Number};
pub use tree::{Atom, Item, ItemSink, SourceFile, Statement};
