//! The interpreter: gives each item and statement of the syntax tree its
//! meaning, block by block.
//!
//! It reports what can only be known while reading a statement: unknown
//! block kinds and statements, values outside their enumeration
//! (`unknown-value`), and malformed values (`invalid-value`, or `syntax` for
//! a block head that is not `KIND ID "label"`). Everything that needs the
//! whole model is left to resolution and the rules.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, Zero};

use super::enums::Enumeration;
use super::scenario::{Override, Scenario, Setting};
use super::statements::{self, with_block_type, Shape, Shaped, StatementSpec, View};
use super::*;
use crate::code::{Code, Severity};
use crate::diagnostic::{did_you_mean, single_candidate, Diagnostic};
use crate::syntax::{concat, TOP_LEVEL_KEYWORDS};
use crate::syntax::{Argument, Atom, Item, SourceFile, Span, Statement};

/// Builds the model of a parsed file (without resolving references).
pub fn build(file: &SourceFile) -> (Model, Vec<Diagnostic>) {
    let mut builder = Builder::default();
    for item in &file.items {
        builder.item(item);
    }
    builder.finish()
}

/// Builds a model one item at a time, so items can be dropped as soon as
/// they are read (see [`crate::syntax::parse_into`]).
#[derive(Default)]
pub struct Builder {
    model: Model,
    /// Bounded as they are found: a file of a million unknown items never
    /// holds a million diagnostics (see [`crate::limits::Capped`]).
    diagnostics: crate::limits::Capped,
    /// The kind of block being read, for the forms quoted in help lines.
    current: Option<BlockKind>,
    /// The sorts of `cost` or `price` the block being read has given.
    sorts: Sorts,
}

impl crate::syntax::ItemSink for Builder {
    fn item(&mut self, item: Item) {
        Builder::item(self, &item);
    }

    fn join(mut parts: Vec<Self>) -> Self {
        // Kind by kind, so that at most one kind's list exists twice.
        fn each<T>(parts: &mut [Builder], list: fn(&mut Model) -> &mut Vec<T>) -> Vec<T> {
            concat(
                parts
                    .iter_mut()
                    .map(|part| std::mem::take(list(&mut part.model)))
                    .collect(),
            )
        }
        let model = Model {
            headers: each(&mut parts, |model| &mut model.headers),
            segments: each(&mut parts, |model| &mut model.segments),
            propositions: each(&mut parts, |model| &mut model.propositions),
            relationships: each(&mut parts, |model| &mut model.relationships),
            channels: each(&mut parts, |model| &mut model.channels),
            revenues: each(&mut parts, |model| &mut model.revenues),
            costs: each(&mut parts, |model| &mut model.costs),
            partners: each(&mut parts, |model| &mut model.partners),
            activities: each(&mut parts, |model| &mut model.activities),
            resources: each(&mut parts, |model| &mut model.resources),
            allows: each(&mut parts, |model| &mut model.allows),
            scenarios: each(&mut parts, |model| &mut model.scenarios),
            facts: Facts::default(),
        };
        let current = parts.iter().rev().find_map(|part| part.current);
        let mut diagnostics = crate::limits::Capped::default();
        for part in parts {
            diagnostics.absorb(part.diagnostics);
        }
        Builder {
            model,
            diagnostics,
            current,
            sorts: Sorts::default(),
        }
    }
}

impl Builder {
    /// The model of the items read so far, and what reading them found (at
    /// most the per-file cap, then one `too-many-diagnostics`).
    pub fn finish(self) -> (Model, Vec<Diagnostic>) {
        let (model, diagnostics) = self.finish_capped();
        (model, diagnostics.finish())
    }

    /// [`Builder::finish`], with the diagnostics still being collected, so
    /// that a caller can add its own under the same cap.
    pub fn finish_capped(mut self) -> (Model, crate::limits::Capped) {
        // The lists grew by doubling; a large canvas would keep up to half
        // of each as spare room for as long as the model lives.
        let model = &mut self.model;
        model.headers.shrink_to_fit();
        model.segments.shrink_to_fit();
        model.propositions.shrink_to_fit();
        model.relationships.shrink_to_fit();
        model.channels.shrink_to_fit();
        model.revenues.shrink_to_fit();
        model.costs.shrink_to_fit();
        model.partners.shrink_to_fit();
        model.activities.shrink_to_fit();
        model.resources.shrink_to_fit();
        (self.model, self.diagnostics)
    }

    /// The exact value of a number, or an `invalid-value` when it has more
    /// digits than [`crate::limits::MAX_NUMBER_DIGITS`] (reference §2): the
    /// digits are counted first, in linear time, so no literal makes the
    /// arithmetic slow.
    fn number(&mut self, number: &crate::syntax::Number) -> Option<BigRational> {
        let digits = crate::limits::digits(&number.text);
        if digits > crate::limits::MAX_NUMBER_DIGITS {
            self.report(
                Diagnostic::new(
                    Code::InvalidValue,
                    format!(
                        "a number of {digits} digits is more than the {} canvasc computes with",
                        crate::limits::MAX_NUMBER_DIGITS
                    ),
                    number.span,
                    "too many digits",
                )
                .with_help("no quantity in a business model needs this many digits: check the number"),
            );
            return None;
        }
        Some(number_value(&number.text))
    }

    fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Reads one top-level item into the model.
    pub fn item(&mut self, item: &Item) {
        let keyword = item.keyword.text.as_str();
        if keyword == "allow" {
            self.top_level_allow(item);
            return;
        }
        if keyword == "scenario" {
            self.scenario(item);
            return;
        }
        let Some(kind) = self.block_kind(item) else {
            return;
        };
        self.current = Some(kind);
        let block = self.block(kind, item);
        with_block_type!(kind, B => self.read_block::<B>(block, item));
    }

    /// Reads the statements of a block of type `B` by its statement table.
    fn read_block<B: Shaped>(&mut self, block: Block, item: &Item) {
        let mut read = B::new(block);
        read.read_head(self);
        self.sorts = Sorts::default();
        for statement in item.body.iter().flat_map(|body| body.statements.iter()) {
            if let Some(entry) = self.statement::<B>(read.block_mut(), statement) {
                entry.read(self, statement, &mut read);
            }
        }
        B::all_mut(&mut self.model).push(read);
    }

    /// The type a relationship's head names, when it names one.
    pub(super) fn relationship_type(&mut self, block: &Block) -> Option<Spanned<RelationshipType>> {
        block.id.as_ref().and_then(|id| self.enumeration(&id.value, id.span))
    }

    /// The kind of block an item is. A misspelt kind is reported, and read
    /// as its one close candidate when it has one (§4), so that the block
    /// still defines its name and is judged.
    fn block_kind(&mut self, item: &Item) -> Option<BlockKind> {
        let keyword = item.keyword.text.as_str();
        if let Some(kind) = BlockKind::from_keyword(keyword) {
            return Some(kind);
        }
        let diagnostic = Diagnostic::new(
            Code::UnknownValue,
            format!("unknown block kind `{keyword}`"),
            item.keyword.span,
            "not a block kind",
        );
        let lower = keyword.to_lowercase();
        if lower != keyword && TOP_LEVEL_KEYWORDS.contains(&lower.as_str()) {
            self.report(
                diagnostic
                    .with_help(format!("keywords are lower case: write `{lower}`"))
                    .with_fix(item.keyword.span, lower.clone()),
            );
            return self.candidate_kind(item, &lower);
        }
        let single = single_candidate(keyword, TOP_LEVEL_KEYWORDS.iter().copied());
        self.report(suggest_or(diagnostic, did_you_mean(keyword, TOP_LEVEL_KEYWORDS.iter().copied()), || {
            "a canvas has the blocks segment, proposition, relationship, channel, revenue, cost, partner, activity and resource".into()
        }));
        self.candidate_kind(item, single?)
    }

    /// The block kind a misspelt keyword is read as; `allow` is read as the
    /// top-level `allow` it names.
    fn candidate_kind(&mut self, item: &Item, candidate: &str) -> Option<BlockKind> {
        if candidate == "allow" {
            self.top_level_allow(item);
            return None;
        }
        if candidate == "scenario" {
            self.scenario(item);
            return None;
        }
        BlockKind::from_keyword(candidate)
    }

    /// Reads a `scenario` item: its name, notes, allows and overrides.
    fn scenario(&mut self, item: &Item) {
        let mut scenario = Scenario {
            id: None,
            label: None,
            head: item.keyword.span,
            span: item.span,
            notes: Vec::new(),
            allows: Vec::new(),
            broken: item.broken,
            overrides: Vec::new(),
        };
        let atoms = item
            .arguments
            .first()
            .map(|argument| argument.atoms.as_slice())
            .unwrap_or_default();
        let rest = match atoms {
            [Atom::Name(id), Atom::Str(label), rest @ ..] => {
                scenario.id = Some(Spanned::new(id.text.clone(), id.span));
                scenario.label = Some(Spanned::new(label.value.clone(), label.span));
                scenario.head = scenario.head.to(label.span);
                rest
            }
            [Atom::Name(id), rest @ ..] => {
                scenario.id = Some(Spanned::new(id.text.clone(), id.span));
                scenario.head = scenario.head.to(id.span);
                rest
            }
            _ => {
                scenario.broken = true;
                self.report(
                    Diagnostic::new(
                        Code::Syntax,
                        "expected the scenario's name after `scenario`",
                        atoms.first().map_or(item.keyword.span, Atom::span),
                        "name expected",
                    )
                    .with_help("write `scenario slow-growth \"Label\" { ... }`"),
                );
                &[]
            }
        };
        let extra = rest
            .first()
            .map(Atom::span)
            .or_else(|| item.arguments.get(1).map(|argument| argument.span));
        if let Some(extra) = extra {
            self.report(
                Diagnostic::new(
                    Code::Syntax,
                    "unexpected in the head of a scenario",
                    extra,
                    "unexpected here",
                )
                .with_help("a scenario head is `scenario name \"Label\"`, then `{`"),
            );
        }
        if let Some(id) = scenario.id.as_ref().filter(|id| id.value == "base") {
            self.report(
                Diagnostic::new(
                    Code::InvalidValue,
                    "`base` is the canvas as written and cannot name a scenario",
                    id.span,
                    "reserved",
                )
                .with_help("give the scenario another name, such as `slow-growth`"),
            );
        }
        let statements = item.body.iter().flat_map(|body| body.statements.iter());
        for statement in statements {
            let keyword = statement.keyword.text.as_str();
            match keyword {
                "note" | "allow" => {
                    if let Some(body) = &statement.body {
                        self.report(Diagnostic::new(
                            Code::Syntax,
                            format!("`{keyword}` takes no `{{ }}`"),
                            body.open.to(body.close),
                            "unexpected block",
                        ));
                    }
                    if keyword == "note" {
                        let notes = self.texts(statement);
                        scenario.notes.extend(notes);
                    } else {
                        let allows = self.allow_codes(statement.keyword.span, &statement.arguments);
                        scenario.allows.extend(allows);
                    }
                }
                _ => match BlockKind::from_keyword(keyword).filter(|kind| *kind != BlockKind::Header) {
                    Some(kind) => {
                        let read = self.block_override(kind, statement);
                        scenario.overrides.push(read);
                    }
                    None => {
                        let diagnostic = Diagnostic::new(
                            Code::UnknownValue,
                            format!("a scenario holds overrides of blocks, not `{keyword}`"),
                            statement.keyword.span,
                            "not a block kind",
                        );
                        let kinds = BlockKind::ALL
                            .iter()
                            .filter(|kind| **kind != BlockKind::Header)
                            .map(|kind| kind.keyword())
                            .chain(["note", "allow"]);
                        self.report(suggest_or(diagnostic, did_you_mean(keyword, kinds), || {
                            "a scenario holds overrides such as `segment young-women { size 60_000 }`, and `note` and `allow`".into()
                        }));
                    }
                },
            }
        }
        self.model.scenarios.push(scenario);
    }

    /// Reads one override of a scenario: `KIND NAME "label"? { ... }`.
    fn block_override(&mut self, kind: BlockKind, statement: &Statement) -> Override {
        let head_item = Item {
            keyword: statement.keyword.clone(),
            arguments: statement.arguments.clone(),
            body: None,
            span: statement.span,
            broken: false,
        };
        let head = self.block(kind, &head_item);
        let mut read = Override {
            kind,
            name: head.id,
            label: head.label,
            segments: Vec::new(),
            head: head.head,
            span: statement.span,
            settings: Vec::new(),
            target: None,
        };
        let previous = self.current.replace(kind);
        let mut first_of: Vec<(&'static str, RateSort, Span)> = Vec::new();
        for setting in statement.body.iter().flat_map(|body| body.statements.iter()) {
            let keyword = setting.keyword.text.as_str();
            if kind == BlockKind::Relationship && keyword == "for" {
                read.segments.extend(self.references(setting, Namespace::Segment));
                continue;
            }
            let spec = statements::find(kind, keyword).filter(|spec| spec.overridable);
            let Some(spec) = spec else {
                self.not_overridable(kind, setting);
                continue;
            };
            let sort = written_sort(setting);
            if let Some((_, _, first)) = first_of.iter().find(|(k, s, _)| *k == spec.keyword && *s == sort) {
                self.report(
                    Diagnostic::new(
                        Code::DuplicateField,
                        format!("`{}` is set twice in this override", spec.keyword),
                        setting.span,
                        "set again here",
                    )
                    .with_related(*first, "first set here")
                    .with_help("an override sets each statement once; keep one"),
                );
                continue;
            }
            first_of.push((spec.keyword, sort, setting.span));
            let value = match spec.shape {
                Shape::Count => self.size(setting).map(|size| Setting::Size(size.value)),
                Shape::Percentage => self.churn(setting).map(Setting::Churn),
                Shape::CountPerPeriod => self.growth(setting).map(Setting::Growth),
                _ => self.rate(setting, kind).map(Setting::Rate),
            };
            if let Some(value) = value {
                read.settings.push(Spanned::new(value, setting.span));
            }
        }
        self.current = previous;
        read
    }

    fn not_overridable(&mut self, kind: BlockKind, statement: &Statement) {
        let keyword = statement.keyword.text.as_str();
        let settable: Vec<&str> = statements::statements(kind)
            .filter(|spec| spec.overridable)
            .map(|spec| spec.keyword)
            .collect();
        let diagnostic = Diagnostic::new(
            Code::UnknownValue,
            format!(
                "an override of {} cannot set `{keyword}`",
                crate::diagnostic::a(kind.noun())
            ),
            statement.keyword.span,
            "not settable in a scenario",
        );
        let near = did_you_mean(keyword, settable.iter().copied()).filter(|near| *near != keyword);
        let help = || {
            let what = if settable.is_empty() {
                "nothing".to_string()
            } else {
                settable.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
            };
            format!(
                "an override may set `size`, `churn`, `growth`, `price`, `cost` and `amount`, each where its block takes it; in {} that is {what}",
                crate::diagnostic::a(kind.noun())
            )
        };
        self.report(suggest_or(diagnostic, near, help));
    }

    /// Reads the head of a block: `KIND ID "label"`, or `canvas "Title"`.
    fn block(&mut self, kind: BlockKind, item: &Item) -> Block {
        let mut block = Block {
            kind,
            id: None,
            label: None,
            head: item.keyword.span,
            span: item.span,
            statements: List::with_capacity(item.body.as_ref().map_or(0, |body| body.statements.len())),
            notes: List::new(),
            allows: List::new(),
            broken: item.broken,
            unsure: false,
            unsure_names: List::new(),
        };
        let keyword = kind.keyword();
        let mut atoms = item
            .arguments
            .first()
            .map(|argument| argument.atoms.as_slice())
            .unwrap_or_default();
        if let Some(extra) = item.arguments.get(1) {
            self.report(
                Diagnostic::new(
                    Code::Syntax,
                    format!("{} has one name", crate::diagnostic::a(kind.noun())),
                    extra.span,
                    "unexpected list",
                )
                .with_help(format!("write one block for each {}", kind.noun())),
            );
        }
        if kind == BlockKind::Header {
            match atoms.split_first() {
                Some((Atom::Str(title), rest)) => {
                    block.label = Some(Spanned::new(title.value.clone(), title.span));
                    block.head = block.head.to(title.span);
                    atoms = rest;
                }
                // A broken head (an unclosed title) has its one error already.
                _ if item.broken && item.arguments.is_empty() => {}
                _ => self.report(
                    Diagnostic::new(
                        Code::Syntax,
                        "the canvas header needs a title",
                        item.keyword.span,
                        "title expected after this",
                    )
                    .with_help("write `canvas \"Title\"`"),
                ),
            }
        } else {
            match atoms.split_first() {
                Some((Atom::Name(id), rest)) => {
                    block.id = Some(Spanned::new(id.text.clone(), id.span));
                    block.head = block.head.to(id.span);
                    atoms = rest;
                }
                _ => {
                    // Without a name the block cannot be judged; the syntax error says why.
                    block.broken = true;
                    let what = if kind == BlockKind::Relationship {
                        "type"
                    } else {
                        "identifier"
                    };
                    self.report(
                        Diagnostic::new(
                            Code::Syntax,
                            format!("expected the {}'s {what} after `{keyword}`", kind.noun()),
                            atoms.first().map_or(item.keyword.span, Atom::span),
                            format!("{what} expected"),
                        )
                        .with_help(match atoms.first() {
                            Some(Atom::Str(label)) => format!(
                                "write `{keyword} {} \"{}\" {{ ... }}`: every block has an identifier; the label is optional",
                                identifier_for(&label.value),
                                label.value
                            ),
                            _ => format!("write `{keyword} name \"Label\" {{ ... }}`"),
                        }),
                    );
                }
            }
            if let Some((Atom::Str(label), rest)) = atoms.split_first() {
                block.label = Some(Spanned::new(label.value.clone(), label.span));
                block.head = block.head.to(label.span);
                atoms = rest;
            }
        }
        if let Some(extra) = atoms.first() {
            self.report(
                Diagnostic::new(
                    Code::Syntax,
                    format!(
                        "{} is not expected in the head of {}",
                        extra.describe(),
                        crate::diagnostic::a(kind.noun())
                    ),
                    extra.span(),
                    "unexpected here",
                )
                .with_help(if kind == BlockKind::Header {
                    "the header is `canvas \"Title\"`, then `{`".to_string()
                } else {
                    format!("a block head is `{keyword} name \"Label\"`, then `{{`")
                }),
            );
        }
        block
    }

    /// Records a statement in its block and returns its entry when the block
    /// takes it (or takes the one statement it is a misspelling of).
    fn statement<B: Shaped>(
        &mut self,
        block: &mut Block,
        statement: &Statement,
    ) -> Option<&'static statements::Statement<B>> {
        let keyword = statement.keyword.text.as_str();
        let entry = match statements::entry::<B>(keyword) {
            Some(entry) => entry,
            None => {
                self.unknown_statement(block.kind, statement);
                // Read as its one close candidate (§4), else the block is
                // unsure about what the statement said.
                let valid = B::STATEMENTS.iter().map(|entry| entry.spec.keyword);
                match single_candidate(keyword, valid).and_then(statements::entry::<B>) {
                    Some(entry) => entry,
                    None => {
                        block.unsure = true;
                        block.unsure_names.extend(
                            statement
                                .arguments
                                .iter()
                                .flat_map(|argument| &argument.atoms)
                                .filter_map(|atom| match atom {
                                    Atom::Name(word) => Some(word.text.clone()),
                                    _ => None,
                                }),
                        );
                        return None;
                    }
                }
            }
        };
        block.statements.push(StatementUse {
            statement: &entry.spec,
            span: statement.span,
        });
        Some(entry)
    }

    /// Reads a `note` into its block.
    pub(super) fn note(&mut self, statement: &Statement, block: &mut Block) {
        let notes = self.texts(statement);
        block.notes.extend(notes);
    }

    /// Reads an `allow` into its block.
    pub(super) fn allow(&mut self, statement: &Statement, block: &mut Block) {
        let allows = self.allow_codes(statement.keyword.span, &statement.arguments);
        block.allows.extend(allows);
    }

    fn unknown_statement(&mut self, kind: BlockKind, statement: &Statement) {
        let keyword = statement.keyword.text.as_str();
        let valid: Vec<&StatementSpec> = statements::statements(kind).collect();
        let elsewhere: Vec<&str> = BlockKind::ALL
            .iter()
            .filter(|other| statements::find(**other, keyword).is_some())
            .map(|other| other.noun())
            .collect();
        let diagnostic = Diagnostic::new(
            Code::UnknownValue,
            format!("unknown statement `{keyword}` in {}", crate::diagnostic::a(kind.noun())),
            statement.keyword.span,
            "not a statement of this block",
        );
        self.report(suggest_or(
            diagnostic,
            did_you_mean(keyword, valid.iter().map(|spec| spec.keyword)),
            || {
                let all: Vec<&str> = valid.iter().map(|spec| spec.keyword).collect();
                if elsewhere.is_empty() {
                    format!("{} takes {}", crate::diagnostic::a(kind.noun()), all.join(", "))
                } else {
                    format!(
                        "`{keyword}` belongs in {}; {} takes {}",
                        elsewhere
                            .iter()
                            .map(|noun| crate::diagnostic::a(noun))
                            .collect::<Vec<_>>()
                            .join(" or "),
                        crate::diagnostic::a(kind.noun()),
                        all.join(", ")
                    )
                }
            },
        ));
    }

    fn top_level_allow(&mut self, item: &Item) {
        if let Some(body) = &item.body {
            self.report(Diagnostic::new(
                Code::Syntax,
                "an `allow` line takes no `{ }`",
                body.open.to(body.close),
                "unexpected block",
            ));
        }
        let allows = self.allow_codes(item.keyword.span, &item.arguments);
        self.model.allows.extend(allows);
    }

    fn allow_codes(&mut self, keyword: Span, arguments: &[Argument]) -> Vec<Spanned<Code>> {
        let mut codes = Vec::new();
        for name in self.names_of("allow", keyword, arguments) {
            match Code::from_name(&name.value) {
                Some(code) if code.severity() == Severity::Error => self.report(
                    Diagnostic::new(
                        Code::InvalidValue,
                        format!("`{code}` is an error and cannot be allowed"),
                        name.span,
                        "an error code",
                    )
                    .with_help("only warnings and advice can be allowed; fix the error instead"),
                ),
                Some(code) => codes.push(Spanned::new(code, name.span)),
                None => {
                    let diagnostic = Diagnostic::new(
                        Code::UnknownValue,
                        format!("unknown rule code `{}`", name.value),
                        name.span,
                        "not a rule code",
                    );
                    let near = did_you_mean(&name.value, Code::ALL.iter().map(|code| code.as_str()));
                    self.report(suggest_or(diagnostic, near, || {
                        "`canvasc explain` lists the codes".into()
                    }));
                }
            }
        }
        codes
    }

    /// The documented form of a statement of the current block.
    fn form(&self, keyword: &str) -> Option<&'static str> {
        self.current
            .and_then(|kind| statements::find(kind, keyword))
            .map(|spec| spec.form)
    }

    // Value readers. Each reports a malformed value and returns what it could read.

    /// Complains when a statement that takes values has none.
    fn require_arguments(&mut self, statement: &Statement) -> bool {
        if statement.arguments.is_empty() {
            let form = self.form(&statement.keyword.text);
            self.report(
                Diagnostic::new(
                    Code::InvalidValue,
                    format!("`{}` needs a value", statement.keyword.text),
                    statement.keyword.span,
                    "value expected after this",
                )
                .with_optional_help(form.map(|form| format!("write `{form}`"))),
            );
            return false;
        }
        true
    }

    /// Complains when a statement that takes one value got a list.
    fn single<'s>(&mut self, statement: &'s Statement) -> Option<&'s Argument> {
        if !self.require_arguments(statement) {
            return None;
        }
        if let Some(extra) = statement.arguments.get(1) {
            self.report(Diagnostic::new(
                Code::InvalidValue,
                format!("`{}` takes one value, not a list", statement.keyword.text),
                extra.span,
                "unexpected second value",
            ));
        }
        statement.arguments.first()
    }

    fn wrong_shape(&mut self, keyword: &str, found: &Atom, wanted: &str) {
        let form = self.form(keyword);
        self.report(
            Diagnostic::new(
                Code::InvalidValue,
                format!("`{keyword}` takes {wanted}, found {}", found.describe()),
                found.span(),
                format!("{wanted} expected"),
            )
            .with_optional_help(form.map(|form| format!("write `{form}`"))),
        );
    }

    /// Reads every argument as exactly one string.
    fn texts(&mut self, statement: &Statement) -> Vec<Spanned<Str>> {
        if !self.require_arguments(statement) {
            return Vec::new();
        }
        let keyword = statement.keyword.text.as_str();
        let mut texts = Vec::new();
        for argument in &statement.arguments {
            match argument.atoms.as_slice() {
                [Atom::Str(text)] => texts.push(Spanned::new(text.value.clone(), text.span)),
                [Atom::Str(_), extra, ..] => self.wrong_shape(keyword, extra, "one string per value"),
                [other, ..] => self.wrong_shape(keyword, other, "a string"),
                [] => {}
            }
        }
        texts
    }

    fn text(&mut self, statement: &Statement) -> Option<Spanned<Str>> {
        let argument = self.single(statement)?;
        match argument.atoms.as_slice() {
            [Atom::Str(text)] => Some(Spanned::new(text.value.clone(), text.span)),
            [Atom::Str(_), extra, ..] | [extra, ..] => {
                let wanted = "a string";
                self.wrong_shape(&statement.keyword.text, extra, wanted);
                None
            }
            [] => None,
        }
    }

    /// A version may be written as a string or a number.
    fn version(&mut self, statement: &Statement) -> Option<Spanned<Str>> {
        let argument = self.single(statement)?;
        match argument.atoms.as_slice() {
            [Atom::Str(text)] => Some(Spanned::new(text.value.clone(), text.span)),
            [Atom::Number(number)] => Some(Spanned::new(number.text.clone(), number.span)),
            [_, extra, ..] | [extra] => {
                self.wrong_shape("version", extra, "a string");
                None
            }
            [] => None,
        }
    }

    fn names_of(&mut self, keyword: &str, keyword_span: Span, arguments: &[Argument]) -> Vec<Spanned<Str>> {
        if arguments.is_empty() {
            self.report(Diagnostic::new(
                Code::InvalidValue,
                format!("`{keyword}` needs a value"),
                keyword_span,
                "value expected after this",
            ));
            return Vec::new();
        }
        let mut names = Vec::new();
        for argument in arguments {
            match argument.atoms.as_slice() {
                [Atom::Name(word)] => names.push(Spanned::new(word.text.clone(), word.span)),
                [Atom::Name(_), extra, ..] => self.wrong_shape(keyword, extra, "names separated by commas"),
                [other, ..] => self.wrong_shape(keyword, other, "a name"),
                [] => {}
            }
        }
        names
    }

    fn names(&mut self, statement: &Statement) -> Vec<Spanned<Str>> {
        self.names_of(&statement.keyword.text, statement.keyword.span, &statement.arguments)
    }

    /// Reads a statement that names one block (`partner PARTNER`).
    fn reference(&mut self, statement: &Statement, expects: Namespace) -> Option<Reference> {
        self.single(statement)?;
        let first = Statement {
            arguments: statement.arguments.iter().take(1).cloned().collect(),
            ..statement.clone()
        };
        self.references(&first, expects).into_iter().next()
    }

    fn references(&mut self, statement: &Statement, expects: Namespace) -> Vec<Reference> {
        self.names(statement)
            .into_iter()
            .map(|name| Reference {
                name,
                expects,
                target: None,
            })
            .collect()
    }

    fn enumeration<E: Enumeration>(&mut self, text: &str, span: Span) -> Option<Spanned<E>> {
        if let Some(value) = E::parse(text) {
            return Some(Spanned::new(value, span));
        }
        let spellings = E::spellings();
        let diagnostic = Diagnostic::new(
            Code::UnknownValue,
            format!("unknown {} `{text}`", E::WHAT),
            span,
            format!("not {}", crate::diagnostic::a(E::WHAT)),
        );
        self.report(suggest_or(
            diagnostic,
            did_you_mean(text, spellings.iter().copied()),
            || format!("{} is one of {}", crate::diagnostic::a(E::WHAT), spellings.join(", ")),
        ));
        // Read as its one close candidate, for everything but this diagnostic (§4).
        single_candidate(text, spellings.iter().copied())
            .and_then(E::parse)
            .map(|value| Spanned::new(value, span))
    }

    fn values<E: Enumeration>(&mut self, statement: &Statement) -> Vec<Spanned<E>> {
        self.names(statement)
            .into_iter()
            .filter_map(|name| self.enumeration(&name.value, name.span))
            .collect()
    }

    fn value<E: Enumeration>(&mut self, statement: &Statement) -> Option<Spanned<E>> {
        let argument = self.single(statement)?;
        match argument.atoms.as_slice() {
            [Atom::Name(word)] => self.enumeration(&word.text, word.span),
            [Atom::Name(_), extra, ..] | [extra, ..] => {
                self.wrong_shape(&statement.keyword.text, extra, &format!("one {}", E::WHAT));
                None
            }
            [] => None,
        }
    }

    fn currency(&mut self, statement: &Statement) -> Option<Spanned<Str>> {
        let argument = self.single(statement)?;
        match argument.atoms.as_slice() {
            [Atom::Name(word)] => self.currency_code(&word.text, word.span),
            [_, extra, ..] | [extra] => {
                self.wrong_shape("currency", extra, "an ISO 4217 code such as `EUR`");
                None
            }
            [] => None,
        }
    }

    fn currency_code(&mut self, text: &str, span: Span) -> Option<Spanned<Str>> {
        if is_currency_code(text) {
            return Some(Spanned::new(Str::from(text), span));
        }
        let upper = text.to_uppercase();
        let help = if is_currency_code(&upper) {
            format!("currency codes are written in capitals: `{upper}`")
        } else {
            "a currency is a three-letter ISO 4217 code such as `EUR` or `USD`".to_string()
        };
        self.report(
            Diagnostic::new(
                Code::InvalidValue,
                format!("`{text}` is not an ISO 4217 currency code"),
                span,
                "not a currency code",
            )
            .with_help(help),
        );
        None
    }

    fn size(&mut self, statement: &Statement) -> Option<Spanned<BigInt>> {
        if let Some(size) = self.thousands(statement) {
            return Some(size);
        }
        let argument = self.single(statement)?;
        let number = match argument.atoms.as_slice() {
            [Atom::Number(number)] => number,
            [Atom::Number(_), extra, ..] | [extra, ..] => {
                self.wrong_shape("size", extra, "a whole number of customers");
                return None;
            }
            [] => return None,
        };
        let value = self.number(number)?;
        if !value.is_integer() || is_percentage(&number.text) {
            self.report(Diagnostic::new(
                Code::InvalidValue,
                format!("a size is a whole number of customers, not `{}`", number.text),
                number.span,
                "not a whole number",
            ));
            return None;
        }
        if value.is_zero() {
            self.report(
                Diagnostic::new(
                    Code::InvalidValue,
                    "a segment has at least 1 customer",
                    number.span,
                    "size 0",
                )
                .with_help("leave `size` out when the size is not known"),
            );
            return None;
        }
        Some(Spanned::new(value.to_integer(), number.span))
    }

    /// `size 3,000`, a habit from prose: a comma groups digits there, but
    /// separates values here. One `syntax` error showing `3_000`, and the
    /// number is read as meant.
    fn thousands(&mut self, statement: &Statement) -> Option<Spanned<BigInt>> {
        let [first, groups @ ..] = statement.arguments.as_slice() else {
            return None;
        };
        let digits = |argument: &Argument| match argument.atoms.as_slice() {
            [Atom::Number(number)] => Some(number.text.clone()),
            _ => None,
        };
        let lead = digits(first).filter(|text| text.bytes().all(|byte| byte.is_ascii_digit()) && text.len() <= 3)?;
        let mut written = lead.to_string();
        for group in groups {
            let text =
                digits(group).filter(|text| text.len() == 3 && text.bytes().all(|byte| byte.is_ascii_digit()))?;
            written.push('_');
            written.push_str(&text);
        }
        // Beyond the digit bound this is no habit to read past: the groups
        // are reported as they are, and no long number is computed.
        if groups.is_empty() || 3 + 3 * groups.len() > crate::limits::MAX_NUMBER_DIGITS {
            return None;
        }
        let span = first
            .span
            .to(statement.arguments.last().map_or(first.span, |last| last.span));
        self.report(
            Diagnostic::new(
                Code::Syntax,
                "a number is written without `,` between its digits",
                span,
                "`,` separates values",
            )
            .with_help(format!("write `{written}`: `_` groups digits"))
            .with_fix(span, written.clone()),
        );
        Some(Spanned::new(number_value(&written).to_integer(), span))
    }

    fn attribute(&mut self, statement: &Statement) -> Option<Attribute> {
        let argument = self.single(statement)?;
        match argument.atoms.as_slice() {
            [Atom::Name(key), value] => {
                let value = match value {
                    Atom::Name(word) => Spanned::new(AttributeValue::Name(word.text.clone()), word.span),
                    Atom::Str(text) => Spanned::new(AttributeValue::Text(text.value.clone()), text.span),
                    Atom::Number(number) => Spanned::new(AttributeValue::Number(number.text.clone()), number.span),
                };
                Some(Attribute {
                    key: Spanned::new(key.text.clone(), key.span),
                    value,
                })
            }
            [Atom::Name(key)] => {
                self.report(
                    Diagnostic::new(
                        Code::InvalidValue,
                        format!("attribute `{}` needs a value", key.text),
                        key.span,
                        "value expected after this",
                    )
                    .with_help(format!("write `attribute {} \"value\"`", key.text)),
                );
                None
            }
            [Atom::Name(_), _, extra, ..] => {
                self.wrong_shape("attribute", extra, "a key and one value");
                None
            }
            [other, ..] => {
                self.wrong_shape("attribute", other, "a key (a name)");
                None
            }
            [] => None,
        }
    }

    fn phases(&mut self, statement: &Statement) -> Vec<PhaseCoverage> {
        if !self.require_arguments(statement) {
            return Vec::new();
        }
        let mut phases = Vec::new();
        for argument in &statement.arguments {
            match argument.atoms.as_slice() {
                [Atom::Name(word), rest @ ..] => {
                    let how = match rest {
                        [] => None,
                        [Atom::Str(how)] => Some(Spanned::new(how.value.clone(), how.span)),
                        [Atom::Str(_), extra, ..] | [extra, ..] => {
                            self.wrong_shape("phase", extra, "a phase and how it is covered");
                            None
                        }
                    };
                    if let Some(phase) = self.enumeration(&word.text, word.span) {
                        phases.push(PhaseCoverage { phase, how });
                    }
                }
                [other, ..] => self.wrong_shape("phase", other, "a phase"),
                [] => {}
            }
        }
        phases
    }

    /// Reads `AMOUNT [CODE] (per customer | per new customer | per PERIOD)*`.
    fn rate(&mut self, statement: &Statement, kind: BlockKind) -> Option<Rate> {
        let argument = self.single(statement)?;
        let keyword = statement.keyword.text.as_str();
        let (number, rest) = match argument.atoms.split_first() {
            Some((Atom::Number(number), rest)) => (number, rest),
            Some((other, _)) => {
                self.wrong_shape(keyword, other, "an amount such as `12 EUR per month`");
                return None;
            }
            None => return None,
        };
        if is_percentage(&number.text) {
            self.report(
                Diagnostic::new(
                    Code::InvalidValue,
                    format!("`{keyword}` takes an amount of money, not a percentage"),
                    number.span,
                    "a percentage",
                )
                .with_help("write an amount such as `12 EUR per month`; percentages are for `churn`"),
            );
            return None;
        }
        let mut rest = rest;
        let mut amount_span = number.span;
        let currency = match rest.first() {
            Some(Atom::Name(word)) if word.text != "per" => {
                rest = &rest[1..];
                amount_span = amount_span.to(word.span);
                Some(self.currency_code(&word.text, word.span)?)
            }
            _ => None,
        };
        let mut per_customer: Option<Span> = None;
        let mut per_new_customer: Option<Span> = None;
        let mut period: Option<Spanned<Period>> = None;
        while let Some((first, after)) = rest.split_first() {
            let per = match first {
                Atom::Name(word) if word.text == "per" => word,
                other => {
                    self.wrong_shape(
                        keyword,
                        other,
                        "`per customer`, `per new customer` or `per PERIOD` after the amount",
                    );
                    return None;
                }
            };
            let Some((Atom::Name(unit), after)) = after.split_first() else {
                self.report(
                    Diagnostic::new(
                        Code::InvalidValue,
                        "`per` needs `customer`, `new customer` or a period",
                        per.span,
                        "incomplete rate",
                    )
                    .with_help("write `per customer`, `per new customer` or `per day|week|month|quarter|year`"),
                );
                return None;
            };
            rest = after;
            if unit.text == "new" {
                let Some((Atom::Name(customer), after)) = rest
                    .split_first()
                    .filter(|(atom, _)| matches!(atom, Atom::Name(word) if word.text == "customer"))
                else {
                    self.report(
                        Diagnostic::new(
                            Code::InvalidValue,
                            "`per new` needs `customer`",
                            per.span.to(unit.span),
                            "incomplete rate",
                        )
                        .with_help("write `per new customer`: paid once for each customer won"),
                    );
                    return None;
                };
                rest = after;
                let span = per.span.to(customer.span);
                if let Some(first) = per_new_customer {
                    self.report(
                        Diagnostic::new(
                            Code::InvalidValue,
                            "`per new customer` is written twice",
                            span,
                            "again here",
                        )
                        .with_related(first, "first here"),
                    );
                    return None;
                }
                per_new_customer = Some(span);
                continue;
            }
            let span = per.span.to(unit.span);
            let mut units = vec!["customer", "new"];
            units.extend(Period::names());
            let known = units.contains(&unit.text.as_str());
            // A misspelt unit is read as its one close candidate (§4).
            let unit_text = match single_candidate(&unit.text, units.iter().copied()) {
                Some(candidate) if !known => candidate,
                _ => unit.text.as_str(),
            };
            if !known {
                let diagnostic = Diagnostic::new(
                    Code::UnknownValue,
                    format!("unknown period `{}`", unit.text),
                    unit.span,
                    "not a period",
                );
                self.report(suggest_or(diagnostic, did_you_mean(&unit.text, units.iter().copied()), || {
                    "a rate is `per customer` and/or `per day`, `per week`, `per month`, `per quarter` or `per year`, or `per new customer`".into()
                }));
                if unit_text == unit.text.as_str() {
                    return None;
                }
            }
            if unit_text == "customer" {
                if let Some(first) = per_customer {
                    self.report(
                        Diagnostic::new(
                            Code::InvalidValue,
                            "`per customer` is written twice",
                            span,
                            "again here",
                        )
                        .with_related(first, "first here"),
                    );
                    return None;
                }
                per_customer = Some(span);
                continue;
            }
            let value = Period::from_name(unit_text)?;
            if let Some(first) = &period {
                self.report(
                    Diagnostic::new(Code::InvalidValue, "a rate has one period", span, "second period")
                        .with_related(first.span, "first period"),
                );
                return None;
            }
            period = Some(Spanned::new(value, span));
        }
        if let Some(new) = per_new_customer {
            let clash = per_customer
                .map(|span| (span, "a rate is `per customer` or `per new customer`, not both"))
                .or_else(|| {
                    period.as_ref().map(|period| {
                        (
                            period.span,
                            "`per new customer` is paid once for each customer won and takes no period",
                        )
                    })
                });
            if let Some((span, message)) = clash {
                self.report(
                    Diagnostic::new(
                        Code::InvalidValue,
                        message,
                        span,
                        "not with `per new customer`",
                    )
                    .with_related(new, "paid once per customer won")
                    .with_help("write `30 EUR per new customer` for what winning a customer costs, and a separate `per customer per month` rate for what keeping one costs"),
                );
                return None;
            }
        }
        if let (BlockKind::Cost, Some(span)) = (kind, per_customer.or(per_new_customer)) {
            let what = if per_customer.is_some() {
                "`per customer`"
            } else {
                "`per new customer`"
            };
            self.report(
                Diagnostic::new(
                    Code::InvalidValue,
                    format!("{what} makes no sense on a cost item"),
                    span,
                    "a cost item names no segments",
                )
                .with_help("give the cost per period; costs per customer belong on relationships and channels"),
            );
            // Read past it as a cost per period, so that the amount's other
            // mistakes (a second currency) are reported too (§4: two mistakes,
            // two diagnostics).
            per_customer = None;
        }
        let amount = Money {
            value: self.number(number)?,
            text: number.text.clone(),
            currency,
            span: amount_span,
        };
        Some(Rate {
            amount,
            per_customer: per_customer.is_some(),
            per_new_customer: per_new_customer.is_some(),
            period: period.map(|period| period.value),
            span: argument.span,
        })
    }

    /// Reads a `cost` or `price` into the field of its sort: `ordinary` for
    /// a recurring or one-off one, `per_new` for one `per new customer`.
    pub(super) fn sorted_rate(
        &mut self,
        statement: &Statement,
        ordinary: &mut Option<Rate>,
        per_new: &mut Option<Rate>,
    ) {
        if let Some(rate) = self.sorted_rate_of(statement, self.kind()) {
            match rate.sort() {
                RateSort::Ordinary => *ordinary = Some(rate),
                RateSort::PerNewCustomer => *per_new = Some(rate),
            }
        }
    }

    /// The kind of block being read.
    fn kind(&self) -> BlockKind {
        self.current.unwrap_or(BlockKind::Header)
    }

    /// Reads a `cost` or `price` and reports a second one of its sort
    /// (§3: at most one of each sort). The sort is read from the text, so a
    /// rate that fails to read still counts as given.
    fn sorted_rate_of(&mut self, statement: &Statement, kind: BlockKind) -> Option<Rate> {
        let sort = written_sort(statement);
        let slot = match sort {
            RateSort::Ordinary => &mut self.sorts.ordinary,
            RateSort::PerNewCustomer => &mut self.sorts.per_new_customer,
        };
        if let Some(first) = *slot {
            let keyword = statement.keyword.text.as_str();
            let what = match sort {
                RateSort::Ordinary => format!("a recurring or one-off `{keyword}`"),
                RateSort::PerNewCustomer => format!("a `{keyword} ... per new customer`"),
            };
            let noun = kind.noun();
            self.report(
                Diagnostic::new(
                    Code::DuplicateField,
                    format!("{what} is given twice in this {noun}"),
                    statement.span,
                    "given again here",
                )
                .with_related(first, "first given here")
                .with_help(format!(
                    "{} takes at most one `{keyword}` of each sort (one recurring or one-off, one per new customer); keep one",
                    crate::diagnostic::a(noun)
                )),
            );
            return None;
        }
        *slot = Some(statement.span);
        self.rate(statement, kind)
    }

    /// Reads `churn PERCENT per PERIOD`: more than 0%, at most 100% a month.
    fn churn(&mut self, statement: &Statement) -> Option<PerPeriod> {
        let churn = self.per_period(statement, true)?;
        let monthly = churn.monthly();
        let hundred = BigRational::from_integer(BigInt::from(100));
        if churn.value.is_zero() || monthly > hundred {
            let problem = if churn.value.is_zero() {
                "churn is more than 0%".to_string()
            } else {
                format!(
                    "churn is at most 100% a month, and this is {}% a month",
                    super::derive::format_decimal(&monthly, 2)
                )
            };
            self.report(
                Diagnostic::new(Code::InvalidValue, problem, churn.span, "out of range")
                    .with_help("churn is the share of customers lost per period, such as `churn 3% per month`; leave it out when it is not known"),
            );
            return None;
        }
        Some(churn)
    }

    /// Reads `growth N per PERIOD`, N a whole number of customers.
    fn growth(&mut self, statement: &Statement) -> Option<PerPeriod> {
        let growth = self.per_period(statement, false)?;
        if !growth.value.is_integer() {
            self.report(
                Diagnostic::new(
                    Code::InvalidValue,
                    "growth is a whole number of new customers",
                    growth.span,
                    "not a whole number",
                )
                .with_help("write `growth 400 per month`"),
            );
            return None;
        }
        Some(growth)
    }

    /// Reads `NUMBER per PERIOD`, the number a percentage or not.
    fn per_period(&mut self, statement: &Statement, percentage: bool) -> Option<PerPeriod> {
        let argument = self.single(statement)?;
        let keyword = statement.keyword.text.as_str();
        let wanted = if percentage {
            "a percentage per period, such as `3% per month`"
        } else {
            "a number per period, such as `400 per month`"
        };
        let (number, per, unit) = match argument.atoms.as_slice() {
            [Atom::Number(number), Atom::Name(per), Atom::Name(unit)] if per.text == "per" => (number, per, unit),
            [Atom::Number(_), Atom::Name(per), Atom::Name(_), extra, ..] if per.text == "per" => {
                self.wrong_shape(keyword, extra, wanted);
                return None;
            }
            [Atom::Number(number)] => {
                self.report(
                    Diagnostic::new(
                        Code::InvalidValue,
                        format!("`{keyword}` needs a period"),
                        number.span,
                        "per what?",
                    )
                    .with_help(format!("write `{keyword} {} per month`", number.text)),
                );
                return None;
            }
            [Atom::Number(_), extra, ..] | [extra, ..] => {
                self.wrong_shape(keyword, extra, wanted);
                return None;
            }
            [] => return None,
        };
        if is_percentage(&number.text) != percentage {
            let (problem, help) = if percentage {
                (
                    format!("`{keyword}` is a percentage"),
                    format!("write `{keyword} {}% per {}`", number.text, unit.text),
                )
            } else {
                (
                    format!("`{keyword}` is a number of customers, not a percentage"),
                    format!(
                        "write `{keyword} {} per {}`",
                        number.text.trim_end_matches('%'),
                        unit.text
                    ),
                )
            };
            self.report(Diagnostic::new(Code::InvalidValue, problem, number.span, "here").with_help(help));
            return None;
        }
        let Some(period) = Period::from_name(&unit.text) else {
            let diagnostic = Diagnostic::new(
                Code::UnknownValue,
                format!("unknown period `{}`", unit.text),
                unit.span,
                "not a period",
            );
            self.report(suggest_or(
                diagnostic,
                did_you_mean(&unit.text, Period::names()),
                || "a period is day, week, month, quarter or year".into(),
            ));
            return None;
        };
        let _ = per;
        Some(PerPeriod {
            value: self.number(number)?,
            period,
            span: argument.span,
        })
    }
}

/// The first statement of each sort of `cost` or `price` in a block.
#[derive(Default)]
struct Sorts {
    ordinary: Option<Span>,
    per_new_customer: Option<Span>,
}

/// The sort a `cost` or `price` is written as: `per new` anywhere in it.
fn written_sort(statement: &Statement) -> RateSort {
    let per_new = statement.arguments.iter().any(|argument| {
        argument
            .atoms
            .windows(2)
            .any(|pair| matches!(pair, [Atom::Name(per), Atom::Name(new)] if per.text == "per" && new.text == "new"))
    });
    if per_new {
        RateSort::PerNewCustomer
    } else {
        RateSort::Ordinary
    }
}

/// A number written with `%`.
pub fn is_percentage(text: &str) -> bool {
    text.ends_with('%')
}

/// A kebab-case identifier made from a label, for help lines.
fn identifier_for(label: &str) -> String {
    let mut identifier = String::new();
    for c in label.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            identifier.push(c);
        } else if !identifier.is_empty() && !identifier.ends_with('-') {
            identifier.push('-');
        }
    }
    let identifier = identifier.trim_end_matches('-');
    if identifier.starts_with(|c: char| c.is_alphabetic()) {
        identifier.to_string()
    } else {
        "name".to_string()
    }
}

fn is_currency_code(text: &str) -> bool {
    text.len() == 3 && text.bytes().all(|byte| byte.is_ascii_uppercase())
}

/// The exact value of a number literal the grammar accepted.
pub fn number_value(text: &str) -> BigRational {
    if let Some(value) = small_number_value(text) {
        return value;
    }
    let digits: String = text.chars().filter(|c| *c != '_' && *c != '%').collect();
    let (whole, fraction) = digits.split_once('.').unwrap_or((&digits, ""));
    let numerator: BigInt = format!("{whole}{fraction}").parse().unwrap_or_default();
    let denominator = num_traits::pow(BigInt::from(10), fraction.len());
    let value = BigRational::new(numerator, denominator);
    debug_assert!(!value.is_negative());
    value
}

/// [`number_value`] without big-number arithmetic, for the common literal
/// of at most 18 digits (`12.50`, `120_000`, `4%`): `None` for longer ones.
fn small_number_value(text: &str) -> Option<BigRational> {
    let mut numerator: u64 = 0;
    let mut digits = 0;
    let mut decimals: Option<u32> = None;
    for byte in text.bytes() {
        match byte {
            b'0'..=b'9' => {
                digits += 1;
                if digits > 18 {
                    return None;
                }
                numerator = numerator * 10 + u64::from(byte - b'0');
                decimals = decimals.map(|places| places + 1);
            }
            b'.' => decimals = Some(0),
            b'_' | b'%' => {}
            _ => return None,
        }
    }
    let denominator = 10u64.pow(decimals.unwrap_or(0));
    let common = num_integer::gcd(numerator, denominator).max(1);
    Some(BigRational::new_raw(
        BigInt::from(numerator / common),
        BigInt::from(denominator / common),
    ))
}

/// The did-you-mean of `near` as help and fix, or the fallback help.
fn suggest_or(diagnostic: Diagnostic, near: Option<&str>, fallback: impl FnOnce() -> String) -> Diagnostic {
    match near {
        Some(candidate) => diagnostic.suggest(candidate),
        None => diagnostic.with_help(fallback()),
    }
}

/// A field of a block that a statement is read into: it reads the
/// statement by the shape of its entry, and shows what it holds to the
/// outputs (see [`statements`]).
pub trait Slot {
    /// Reads `statement`, whose entry is `spec`, into the field.
    fn read(&mut self, builder: &mut Builder, spec: &StatementSpec, statement: &Statement);
    /// What the field holds.
    fn view(&self) -> View<'_>;
    /// The references the field holds.
    fn references(&self) -> &[Reference] {
        &[]
    }
    /// The references the field holds, to resolve.
    fn references_mut(&mut self) -> &mut [Reference] {
        &mut []
    }
}

impl Slot for Option<Spanned<Str>> {
    fn read(&mut self, builder: &mut Builder, spec: &StatementSpec, statement: &Statement) {
        *self = match spec.shape {
            Shape::Currency => builder.currency(statement),
            Shape::Version => builder.version(statement),
            _ => builder.text(statement),
        };
    }

    fn view(&self) -> View<'_> {
        View::Text(self.as_ref())
    }
}

impl Slot for List<Spanned<Str>> {
    fn read(&mut self, builder: &mut Builder, _: &StatementSpec, statement: &Statement) {
        self.extend(builder.texts(statement));
    }

    fn view(&self) -> View<'_> {
        View::Texts(self)
    }
}

impl Slot for List<Attribute> {
    fn read(&mut self, builder: &mut Builder, _: &StatementSpec, statement: &Statement) {
        self.extend(builder.attribute(statement));
    }

    fn view(&self) -> View<'_> {
        View::Attributes(self)
    }
}

impl Slot for Option<Spanned<BigInt>> {
    fn read(&mut self, builder: &mut Builder, _: &StatementSpec, statement: &Statement) {
        *self = builder.size(statement);
    }

    fn view(&self) -> View<'_> {
        View::Count(self.as_ref().map(|size| &size.value))
    }
}

impl Slot for List<Reference> {
    fn read(&mut self, builder: &mut Builder, spec: &StatementSpec, statement: &Statement) {
        if let Some(namespace) = spec.shape.namespace() {
            self.extend(builder.references(statement, namespace));
        }
    }

    fn view(&self) -> View<'_> {
        View::References(self)
    }

    fn references(&self) -> &[Reference] {
        self
    }

    fn references_mut(&mut self) -> &mut [Reference] {
        self
    }
}

impl Slot for Option<Reference> {
    fn read(&mut self, builder: &mut Builder, spec: &StatementSpec, statement: &Statement) {
        if let Some(namespace) = spec.shape.namespace() {
            *self = builder.reference(statement, namespace);
        }
    }

    fn view(&self) -> View<'_> {
        View::Reference(self.as_ref())
    }

    fn references(&self) -> &[Reference] {
        self.as_slice()
    }

    fn references_mut(&mut self) -> &mut [Reference] {
        self.as_mut_slice()
    }
}

impl Slot for List<PhaseCoverage> {
    fn read(&mut self, builder: &mut Builder, _: &StatementSpec, statement: &Statement) {
        self.extend(builder.phases(statement));
    }

    fn view(&self) -> View<'_> {
        View::Phases(self)
    }
}

impl Slot for Option<Rate> {
    fn read(&mut self, builder: &mut Builder, _: &StatementSpec, statement: &Statement) {
        *self = builder.rate(statement, builder.kind());
    }

    fn view(&self) -> View<'_> {
        View::Rate(self.as_ref())
    }
}

impl Slot for Option<Box<PerPeriod>> {
    fn read(&mut self, builder: &mut Builder, spec: &StatementSpec, statement: &Statement) {
        let figure = match spec.shape {
            Shape::Percentage => builder.churn(statement),
            _ => builder.growth(statement),
        };
        *self = figure.map(Box::new);
    }

    fn view(&self) -> View<'_> {
        View::PerPeriod(self.as_deref())
    }
}

impl<E: Enumeration> Slot for Option<Spanned<E>> {
    fn read(&mut self, builder: &mut Builder, _: &StatementSpec, statement: &Statement) {
        *self = builder.value(statement);
    }

    fn view(&self) -> View<'_> {
        View::Value(self.as_ref().map(|value| value.value.spelling()))
    }
}

impl<E: Enumeration> Slot for List<Spanned<E>> {
    fn read(&mut self, builder: &mut Builder, _: &StatementSpec, statement: &Statement) {
        self.extend(builder.values(statement));
    }

    fn view(&self) -> View<'_> {
        View::Values(self.iter().map(|value| value.value.spelling()).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The exact value by the long way, big numbers throughout.
    fn by_big_numbers(text: &str) -> BigRational {
        let digits: String = text.chars().filter(|c| *c != '_' && *c != '%').collect();
        let (whole, fraction) = digits.split_once('.').unwrap_or((&digits, ""));
        let numerator: BigInt = format!("{whole}{fraction}").parse().unwrap_or_default();
        BigRational::new(numerator, num_traits::pow(BigInt::from(10), fraction.len()))
    }

    #[test]
    fn the_small_number_path_gives_the_exact_value() {
        let mut texts: Vec<String> = ["0", "0.0", "00.10", "12.50", "120_000", "4%", "2.5%", "1_000.000_1"]
            .map(String::from)
            .to_vec();
        // Every length around the 18-digit edge, with and without decimals.
        for digits in 1..=22 {
            let number = "9".repeat(digits);
            texts.push(number.clone());
            texts.push(format!("{}.{}", &number[..digits / 2 + 1], &number[digits / 2..]));
            texts.push(format!("1{}", "0".repeat(digits - 1)));
        }
        for text in &texts {
            let value = number_value(text);
            assert_eq!(value, by_big_numbers(text), "{text}");
            // Reduced as `BigRational::new` reduces, so printing is unchanged.
            assert_eq!(value.numer(), by_big_numbers(text).numer(), "{text}");
            assert_eq!(value.denom(), by_big_numbers(text).denom(), "{text}");
        }
    }
}
