//! Single-edit mutations of a valid canvas, and how the checker answers
//! them, for the promise "one mistake, one diagnostic" (§4).
//!
//! Shared by the recovery test (`tests/recovery.rs`, which asserts it) and
//! the measuring program (`examples/recovery.rs`, which prints the share of
//! exact results). The edits are the kinds of issue #14: a typo (one letter
//! dropped) in a block kind, a statement keyword, an enumeration value or a
//! reference (a name, or a `meets`/`relieves`/`creates`/`helps` text); a
//! capitalised block keyword; a typo in the identifier of a block used twice
//! or more (a misspelt definition); a lost `}`, `{` or closing `"`; `type:`;
//! `size =`; `/month`; a stray `}` after a block.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use canvasc::span::Span;
use canvasc::testing::{Atom, Item, Statement};
use canvasc::{Checked, Code, Diagnostic, Severity};

/// One edit of a source, and the block it was made in.
pub struct Mutation {
    /// Stable name: `kind@line:column` of the edit in the original.
    pub id: String,
    pub kind: &'static str,
    pub source: String,
    /// Where the edit replaced text in the original, and by how much it
    /// moved what follows.
    edit: Span,
    delta: isize,
    /// The edited block, in the mutated source.
    pub block: std::ops::Range<usize>,
    /// The mistake is a misspelt text, reported as the warning `unknown-need`.
    pub text: bool,
}

/// What the checker said about a mutation, against the original.
pub struct Outcome {
    /// Diagnostics of the mutation that the original does not have.
    pub new: Vec<Diagnostic>,
    /// Exactly one new diagnostic, of the right severity, labelled in the block.
    pub exact: bool,
    /// Some new error (or `unknown-need`) is labelled in the edited block.
    pub found_in_block: bool,
    /// Nothing new at all: the mistake passed silently.
    pub silent: bool,
}

const ENUM_STATEMENTS: &[(&str, &[&str])] = &[
    ("segment", &["type", "priority", "expects"]),
    ("proposition", &["kind"]),
    ("relationship", &["link", "goal"]),
    ("channel", &["owner", "type", "mode", "phase"]),
    ("revenue", &["type", "pricing"]),
    ("cost", &["type"]),
    ("partner", &["type", "motivation"]),
    ("activity", &["type"]),
    ("resource", &["type"]),
];

const REFERENCE_STATEMENTS: &[(&str, &[&str])] = &[
    ("segment", &["linked"]),
    ("proposition", &["for"]),
    ("relationship", &["for", "via"]),
    ("channel", &["reaches", "partner"]),
    ("revenue", &["from", "for"]),
    ("cost", &["for"]),
    ("partner", &["provides"]),
    ("activity", &["for"]),
    ("resource", &["for"]),
];

const TEXT_REFERENCES: &[&str] = &["meets", "relieves", "creates", "helps"];

fn takes(table: &[(&str, &[&str])], kind: &str, keyword: &str) -> bool {
    table
        .iter()
        .any(|(block, keywords)| *block == kind && keywords.contains(&keyword))
}

/// `text` with one letter dropped near its middle, if it has one to drop.
fn drop_letter(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() < 2 {
        return None;
    }
    let middle = chars.len() / 2;
    let at = (middle..chars.len())
        .chain((0..middle).rev())
        .find(|index| chars[*index].is_alphabetic())?;
    let mut out: String = chars[..at].iter().collect();
    out.extend(&chars[at + 1..]);
    Some(out)
}

struct Maker<'s> {
    name: &'s str,
    file: &'s canvasc::testing::SourceFile,
    source: &'s str,
    lines: canvasc::testing::LineIndex,
    out: Vec<Mutation>,
}

impl Maker<'_> {
    fn push(&mut self, kind: &'static str, item: &Item, edit: Span, replacement: &str, text: bool) {
        let canvasc::testing::Position { line, column } = self.lines.position(self.source, edit.start());
        let mut source = String::with_capacity(self.source.len() + replacement.len());
        source.push_str(&self.source[..edit.start()]);
        source.push_str(replacement);
        source.push_str(&self.source[edit.end()..]);
        let delta = replacement.len() as isize - edit.len() as isize;
        let end = (item.span.end() as isize + delta).max(item.span.start() as isize) as usize;
        let end = end.max(edit.start() + replacement.len());
        self.out.push(Mutation {
            id: format!("{}:{kind}@{line}:{column}", self.name),
            kind,
            source,
            edit,
            delta,
            block: item.span.start()..end,
            text,
        });
    }

    fn typo(&mut self, kind: &'static str, item: &Item, span: Span, text: &str, is_text: bool) {
        if let Some(typo) = drop_letter(text) {
            self.push(kind, item, span, &typo, is_text);
        }
    }

    fn item(&mut self, item: &Item) {
        let keyword = item.keyword.text.as_str();
        if keyword == "allow" {
            return;
        }
        self.typo("block-kind-typo", item, item.keyword.span, keyword, false);
        let mut capital = keyword.to_string();
        capital[..1].make_ascii_uppercase();
        self.push("capitalised-keyword", item, item.keyword.span, &capital, false);
        if let Some(Atom::Name(id)) = item.arguments.first().and_then(|argument| argument.atoms.first()) {
            // A misspelt definition is told from misspelt uses only when two
            // or more uses agree (§4); a name used once is covered by the
            // typo in its use, which reads the same.
            if keyword != "relationship" && keyword != "canvas" && self.uses(&id.text) >= 2 {
                self.typo("definition-typo", item, id.span, &id.text, false);
            }
        }
        if keyword == "relationship" {
            if let Some(Atom::Name(kind)) = item.arguments.first().and_then(|argument| argument.atoms.first()) {
                self.typo("value-typo", item, kind.span, &kind.text, false);
            }
        }
        for atom in item.arguments.iter().flat_map(|argument| &argument.atoms) {
            if let Atom::Str(label) = atom {
                self.push(
                    "lost-quote",
                    item,
                    Span::new(label.span.end() - 1, label.span.end()),
                    "",
                    false,
                );
            }
        }
        let Some(body) = &item.body else { return };
        self.push("lost-close-brace", item, body.close, "", false);
        self.push("lost-open-brace", item, body.open, "", false);
        self.push(
            "stray-close-brace",
            item,
            Span::new(body.close.end(), body.close.end()),
            "\n}",
            false,
        );
        for statement in &body.statements {
            self.statement(item, keyword, statement);
        }
    }

    /// How many times `name` is used in a reference statement.
    fn uses(&self, name: &str) -> usize {
        self.file
            .items
            .iter()
            .filter_map(|item| Some((item.keyword.text.as_str(), item.body.as_ref()?)))
            .flat_map(|(kind, body)| body.statements.iter().map(move |statement| (kind, statement)))
            .filter(|(kind, statement)| takes(REFERENCE_STATEMENTS, kind, &statement.keyword.text))
            .flat_map(|(_, statement)| statement.arguments.iter().flat_map(|argument| &argument.atoms))
            .filter(|atom| matches!(atom, Atom::Name(word) if word.text == name))
            .count()
    }

    fn statement(&mut self, item: &Item, kind: &str, statement: &Statement) {
        let keyword = statement.keyword.text.as_str();
        self.typo("keyword-typo", item, statement.keyword.span, keyword, false);
        let after_keyword = Span::new(statement.keyword.span.end(), statement.keyword.span.end());
        if keyword == "type" {
            self.push("type-colon", item, after_keyword, ":", false);
        }
        if keyword == "size" {
            self.push("size-equals", item, after_keyword, " =", false);
        }
        let text = &self.source[statement.span.range()];
        if let Some(at) = text.find(" per month") {
            let start = statement.span.start() + at;
            self.push(
                "slash-month",
                item,
                Span::new(start, start + " per month".len()),
                "/month",
                false,
            );
        }
        let mut quoted = false;
        for atom in statement.arguments.iter().flat_map(|argument| &argument.atoms) {
            match atom {
                Atom::Name(name) if takes(ENUM_STATEMENTS, kind, keyword) => {
                    self.typo("value-typo", item, name.span, &name.text, false);
                }
                Atom::Name(name) if takes(REFERENCE_STATEMENTS, kind, keyword) => {
                    self.typo("reference-typo", item, name.span, &name.text, false);
                }
                Atom::Str(text) if TEXT_REFERENCES.contains(&keyword) && kind == "proposition" => {
                    let inner = Span::new(text.span.start() + 1, text.span.end() - 1);
                    let raw = &self.source[inner.range()];
                    self.typo("text-typo", item, inner, raw, true);
                }
                _ => {}
            }
            if let (Atom::Str(text), false) = (atom, quoted) {
                quoted = true;
                self.push(
                    "lost-quote",
                    item,
                    Span::new(text.span.end() - 1, text.span.end()),
                    "",
                    false,
                );
            }
        }
    }
}

/// Every mutation of `source`, a canvas without errors, named after `name`.
pub fn mutations(name: &str, source: &str) -> Vec<Mutation> {
    let (file, _) = canvasc::testing::parse(source);
    let mut maker = Maker {
        name,
        file: &file,
        source,
        lines: canvasc::testing::LineIndex::new(source),
        out: Vec::new(),
    };
    for item in &file.items {
        maker.item(item);
    }
    maker.out
}

fn key(diagnostic: &Diagnostic) -> (Code, Option<usize>) {
    (diagnostic.code, diagnostic.primary_span().map(|span| span.start()))
}

/// How the checker answers `mutation` of a source whose check is `original`.
pub fn outcome(original: &Checked, mutation: &Mutation) -> Outcome {
    let checked = canvasc::check("mutation.canvas", &mutation.source);
    // The original's diagnostics, moved as the edit moved the text.
    let mut before: Vec<(Code, Option<usize>)> = original
        .diagnostics
        .iter()
        .map(|diagnostic| {
            let (code, start) = key(diagnostic);
            let moved = start.map(|start| {
                if start >= mutation.edit.end() {
                    (start as isize + mutation.delta) as usize
                } else {
                    start
                }
            });
            (code, moved)
        })
        .collect();
    let mut new = Vec::new();
    for diagnostic in checked.diagnostics {
        match before.iter().position(|old| *old == key(&diagnostic)) {
            Some(index) => {
                before.swap_remove(index);
            }
            None => new.push(diagnostic),
        }
    }
    let right_kind = |diagnostic: &Diagnostic| {
        diagnostic.severity == Severity::Error || (mutation.text && diagnostic.code == Code::UnknownNeed)
    };
    let in_block = |diagnostic: &Diagnostic| {
        diagnostic
            .primary_span()
            .is_some_and(|span| mutation.block.contains(&span.start()) || span.start() == mutation.block.end)
    };
    let found_in_block = new
        .iter()
        .any(|diagnostic| right_kind(diagnostic) && in_block(diagnostic));
    Outcome {
        exact: new.len() == 1 && found_in_block,
        found_in_block,
        silent: new.is_empty(),
        new,
    }
}

/// The valid canvases the mutations start from, with stable names.
pub fn corpus() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = Vec::new();
    for folder in ["examples", "tests/ui/clean", "tests/recovery/canvases"] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(root.join(folder))
            .map(|entries| {
                entries
                    .filter_map(|entry| Some(entry.ok()?.path()))
                    .filter(|path| path.extension().is_some_and(|extension| extension == "canvas"))
                    .collect()
            })
            .unwrap_or_default();
        found.sort();
        files.extend(found);
    }
    files
        .into_iter()
        .filter_map(|path| {
            let source = std::fs::read_to_string(&path).ok()?;
            let name = path.strip_prefix(root).ok()?.to_string_lossy().replace('\\', "/");
            Some((name, source))
        })
        .collect()
}
