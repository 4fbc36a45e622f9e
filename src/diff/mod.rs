//! Semantic diff: what a change does to the business model.
//!
//! Two checked canvases are compared as models, not as text: what counts as
//! a change is defined on their JSON form (see [`crate::output::json`]), so
//! layout, comments and the order of blocks and list items never count as
//! changes. Most matched blocks are told equal from their typed statements
//! ([`compare`]); a block's JSON is made only when that cannot, for the
//! blocks weighed as renames and for those added or removed. Blocks are
//! matched in three steps:
//!
//! 1. by kind and identifier (relationships, which have none, by type, label
//!    and segments);
//! 2. a block whose identifier changed is a **rename** when it and a new
//!    block of its kind share at least half of their statements and label,
//!    counted together ([`similar_enough`]), and no other pair shares as
//!    much; kinds are taken in the order of their references
//!    ([`RENAME_ORDER`]), so that the references that followed a rename are
//!    not changes of the blocks that hold them;
//! 3. a relationship by its type and segments (a new label is a label
//!    change), then by its type and label (its segments changed).
//!
//! What is left is added or removed, with its whole content in canonical
//! form. The consequences are the diagnostics the change introduces and
//! resolves (each with its place), and the economics before and after, for
//! the canvas and every segment whose figures changed ([`economics`]).
//!
//! Invariants: `diff(x, x)` is empty; which blocks match never depends on
//! spans; the rename search is bounded ([`MAX_RENAME_PAIRS`]).

mod compare;
pub mod economics;
pub mod render;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::hash::{Hash, Hasher};

use serde::Serialize;
use serde_json::Value;

pub use economics::{EconomicsChange, Figure, SegmentFigures, Unit};

use crate::lines::LineIndex;
use crate::model::{Block, BlockId, BlockKind, Model};
use crate::output::json::{block_json, scenario_statements_json};
use crate::{Checked, Diagnostic};
use compare::{Renames, Stage};

/// The difference between two canvases.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ModelDiff {
    pub blocks: Vec<BlockChange>,
    pub introduced: Vec<DiagnosticSummary>,
    pub resolved: Vec<DiagnosticSummary>,
    pub economics: EconomicsChange,
}

impl ModelDiff {
    /// Whether the two models mean the same thing.
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// How many blocks changed in the way `change`.
    pub fn count(&self, change: ChangeKind) -> usize {
        self.blocks.iter().filter(|block| block.change == change).count()
    }
}

/// What a changed block is: a block of the canvas, or a scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DiffKind {
    Block(BlockKind),
    Scenario,
}

impl DiffKind {
    /// Its keyword (`segment`, `relationship`, `scenario`, ...).
    pub fn keyword(self) -> &'static str {
        match self {
            DiffKind::Block(kind) => kind.keyword(),
            DiffKind::Scenario => "scenario",
        }
    }

    /// Its place in a diff: the kinds in the order of the reference, then scenarios.
    fn order(self) -> usize {
        match self {
            DiffKind::Block(kind) => BlockKind::ALL
                .iter()
                .position(|known| *known == kind)
                .unwrap_or(usize::MAX),
            DiffKind::Scenario => usize::MAX,
        }
    }
}

impl fmt::Display for DiffKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.keyword())
    }
}

/// Written as its keyword.
impl Serialize for DiffKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.keyword())
    }
}

/// What happened to one block.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BlockChange {
    /// The block's kind, written as its keyword (`segment`, `relationship`, ...).
    pub kind: DiffKind,
    /// The identifier (after the change); for relationships, the type.
    pub id: String,
    /// The label (after the change): a relationship is told apart by it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// A relationship's segments, which are part of its identity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segments: Option<Vec<String>>,
    pub change: ChangeKind,
    /// The identifier before a rename.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    /// For a rename: how much of the two blocks is the same.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similarity: Option<Similarity>,
    /// A changed or renamed block's changed fields; an added block's every
    /// field as `after`/`added`, a removed one's as `before`/`removed`.
    pub fields: Vec<FieldChange>,
    /// An added or removed block as written in canonical form: its first
    /// line (keyword, identifier, label), then every statement.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub content: Vec<String>,
}

impl BlockChange {
    /// A one-line name of the block that is never the same for two blocks
    /// of one side: kind and identifier, and for a relationship its label
    /// and segments too.
    pub fn title(&self) -> String {
        if self.kind == DiffKind::Block(BlockKind::Header) {
            return "canvas header".to_string();
        }
        let mut title = format!("{} {}", self.kind, self.id);
        if let Some(segments) = &self.segments {
            if let Some(label) = &self.label {
                title.push_str(&format!(" {label:?}"));
            }
            title.push_str(&format!(" (for {})", segments.join(", ")));
        }
        title
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
    Renamed,
}

/// How alike two blocks are: the statements and label they share, of the
/// larger of their two counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Similarity {
    pub shared: usize,
    pub of: usize,
}

/// Whether two blocks are alike enough to be one block renamed: they share
/// at least half of their statements and label, counted together (a
/// statement that lists several names or texts counts once per item, as
/// the model keeps them), of the larger count.
pub fn similar_enough(similarity: Similarity) -> bool {
    similarity.shared > 0 && similarity.shared * 2 >= similarity.of
}

/// What happened to one field of a block.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldChange {
    pub field: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<Value>,
}

/// A diagnostic, as a reviewer reads it, with its place: in the new file
/// for one introduced, in the old file for one resolved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DiagnosticSummary {
    #[serde(serialize_with = "as_text")]
    pub code: crate::Code,
    #[serde(serialize_with = "as_text")]
    pub severity: crate::code::Severity,
    pub message: String,
    pub file: String,
    /// Where its first label is (from 1, columns in code points); none for
    /// a problem of the whole file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

/// Serializes a code or a severity as it is written (`unknown-reference`, `error`).
fn as_text<T: fmt::Display, S: serde::Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

impl DiagnosticSummary {
    fn of(checked: &Checked, lines: &LineIndex, diagnostic: &Diagnostic) -> Self {
        let position = diagnostic.labels.first().map(|label| {
            let offset = label.span.start().min(checked.source.len());
            lines.position(&checked.source, offset)
        });
        DiagnosticSummary {
            code: diagnostic.code,
            severity: diagnostic.severity,
            message: diagnostic.message.clone(),
            file: checked.name.clone(),
            line: position.as_ref().map(|position| position.line),
            column: position.as_ref().map(|position| position.column),
        }
    }

    /// `file:line:column`, or the file alone for a problem of the whole file.
    pub fn place(&self) -> String {
        match (self.line, self.column) {
            (Some(line), Some(column)) => format!("{}:{line}:{column}", self.file),
            _ => self.file.clone(),
        }
    }
}

/// The model's blocks, kind by kind in the order of the model document:
/// every kind but the header.
const SECTIONS: &[BlockKind] = BlockKind::ALL.split_at(1).1;

/// The kinds whose renames are looked for, each after the kinds it names,
/// so that its references have already followed their renames.
pub const RENAME_ORDER: &[BlockKind] = &[
    BlockKind::Segment,
    BlockKind::Proposition,
    BlockKind::Activity,
    BlockKind::Resource,
    BlockKind::Partner,
    BlockKind::Channel,
    BlockKind::Revenue,
    BlockKind::Cost,
];

/// The most removed × added pairs of one kind compared for renames; past it
/// only blocks of equal content are renames (the search grows with the
/// product, and a change that large is not read pair by pair anyway).
pub const MAX_RENAME_PAIRS: usize = 1_000_000;

/// Fields that name other blocks (their JSON keys), and the kinds of block
/// they name, from the statement table.
fn reference_fields(kind: BlockKind) -> impl Iterator<Item = (&'static str, &'static [BlockKind])> {
    crate::model::statements::statements(kind)
        .filter_map(|spec| spec.shape.namespace().map(|namespace| (spec.json, namespace.kinds())))
}

/// Fields derived from others: their changes show as consequences.
const DERIVED_FIELDS: &[&str] = &["journey", "fit", "intimacy", "directness"];

/// One block of one side: where it is in its model and its identifier.
/// Its JSON form is made only for the few blocks that need it (those
/// compared for renames, those changed, added or removed).
#[derive(Clone, Copy, Debug)]
struct Entry<'a> {
    kind: BlockKind,
    /// Its place among the blocks of its kind in the model.
    index: usize,
    /// The identifier; for a relationship, its type.
    id: &'a str,
}

impl<'a> Entry<'a> {
    fn block(&self, model: &'a Model) -> Option<&'a Block> {
        model.block(BlockId {
            kind: self.kind,
            index: self.index,
        })
    }

    /// The label (a header's title) as written.
    fn label(&self, model: &'a Model) -> Option<&'a str> {
        self.block(model)
            .and_then(|block| block.label.as_ref())
            .map(|label| label.value.as_str())
    }

    /// A relationship's segments, each after `renames` (empty for the new
    /// side), sorted, without repeats.
    fn segments(&self, model: &'a Model, renames: &Renames<'a>) -> Vec<String> {
        self.segment_names(model, renames)
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    /// [`Entry::segments`], borrowed.
    fn segment_names(&self, model: &'a Model, renames: &Renames<'a>) -> Vec<&'a str> {
        let references: &[crate::model::Reference] = match self.kind {
            BlockKind::Relationship => model
                .relationships
                .get(self.index)
                .map_or(&[], |relationship| &relationship.segments),
            _ => &[],
        };
        let mut names: Vec<&str> = references
            .iter()
            .map(|reference| {
                compare::followed(
                    renames,
                    self.kind,
                    &[BlockKind::Segment],
                    reference.name.value.as_str(),
                    Stage::All,
                )
            })
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// The block as JSON without derived fields, its references to renamed
    /// blocks following the renames of `stage` (none for the new side,
    /// whose `renames` are empty).
    fn value(&self, model: &Model, renames: &Renames<'_>, stage: Stage) -> Value {
        let mut value = block_json(
            model,
            BlockId {
                kind: self.kind,
                index: self.index,
            },
        );
        if let Value::Object(object) = &mut value {
            for field in DERIVED_FIELDS {
                object.shift_remove(*field);
            }
        }
        if !renames.is_empty() {
            if compare::has_stages(self.kind) {
                follow_renames(&mut value, self.kind, renames, |named| {
                    compare::position(named) < compare::position(self.kind)
                });
            }
            if stage == Stage::All {
                let own = compare::position(self.kind);
                follow_renames(&mut value, self.kind, renames, |named| {
                    own == usize::MAX || compare::position(named) >= own
                });
            }
        }
        value
    }
}

/// The statements and label of a block's JSON, one hash an item, sorted:
/// what renames are judged on. The identifier is left out, and so is a
/// field with no value.
fn items(value: &Value) -> Vec<u64> {
    let mut items = Vec::new();
    if let Value::Object(object) = value {
        for (field, value) in object {
            if field == "id" {
                continue;
            }
            match value {
                Value::Null => {}
                Value::Array(values) => items.extend(values.iter().map(|value| item_hash(field, value))),
                value => items.push(item_hash(field, value)),
            }
        }
    }
    items.sort_unstable();
    items
}

fn item_hash(field: &str, value: &Value) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    field.hash(&mut hasher);
    normalize(value).to_string().hash(&mut hasher);
    hasher.finish()
}

/// The blocks of `model`, kind by kind, then the header.
fn entries(model: &Model) -> Vec<Entry<'_>> {
    let mut entries = Vec::new();
    for kind in SECTIONS {
        entries.extend(
            model
                .blocks()
                .filter(|(id, _)| id.kind == *kind)
                .map(|(id, block)| Entry {
                    kind: id.kind,
                    index: id.index,
                    id: block.name(),
                }),
        );
    }
    if model.header().is_some() {
        entries.push(Entry {
            kind: BlockKind::Header,
            index: 0,
            id: "",
        });
    }
    entries
}

/// Renames every reference in `value`, a block of kind `kind`, to a block
/// of a kind `applies` to.
fn follow_renames(value: &mut Value, kind: BlockKind, renames: &Renames<'_>, applies: impl Fn(BlockKind) -> bool) {
    for (field, kinds) in reference_fields(kind) {
        let rename = |name: &str| compare::renamed(renames, kinds, name, &applies).map(str::to_string);
        match value.get_mut(field) {
            Some(Value::Array(items)) => {
                for item in items.iter_mut() {
                    if let Some(new) = item.as_str().and_then(rename) {
                        *item = Value::String(new);
                    }
                }
            }
            Some(item @ Value::String(_)) => {
                if let Some(new) = item.as_str().and_then(rename) {
                    *item = Value::String(new);
                }
            }
            _ => {}
        }
    }
}

/// Sorts arrays so list order never counts as a change.
fn normalize(value: &Value) -> Value {
    match value {
        Value::Array(items) => {
            let mut items: Vec<Value> = items.iter().map(normalize).collect();
            items.sort_by_key(|item| item.to_string());
            Value::Array(items)
        }
        Value::Object(object) => Value::Object(object.iter().map(|(k, v)| (k.clone(), normalize(v))).collect()),
        other => other.clone(),
    }
}

/// How many of two sorted item lists are shared, counting repeats.
fn shared(left: &[u64], right: &[u64]) -> usize {
    let (mut i, mut j, mut count) = (0, 0, 0);
    while i < left.len() && j < right.len() {
        match left[i].cmp(&right[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                count += 1;
                i += 1;
                j += 1;
            }
        }
    }
    count
}

/// Pairs blocks of `old` and `new` (indexes into the entries, with their
/// items beside them) that are alike enough, the most alike first; a pair
/// is taken only when neither block has another pair, still open, that
/// shares as much. With more than [`MAX_RENAME_PAIRS`] pairs, only blocks
/// of equal content are paired.
fn pair_by_similarity(
    old: &[usize],
    new: &[usize],
    old_items: &[Vec<u64>],
    new_items: &[Vec<u64>],
) -> Vec<(usize, usize, Similarity)> {
    if old.is_empty() || new.is_empty() {
        return Vec::new();
    }
    let mut candidates: Vec<(usize, usize, Similarity)> = Vec::new();
    if old.len().saturating_mul(new.len()) > MAX_RENAME_PAIRS {
        let mut by_content: HashMap<&[u64], Vec<usize>> = HashMap::new();
        for (j, items) in new_items.iter().enumerate() {
            by_content.entry(items.as_slice()).or_default().push(j);
        }
        for (i, items) in old_items.iter().enumerate() {
            if let Some([j]) = by_content.get(items.as_slice()).map(Vec::as_slice) {
                let of = items.len();
                candidates.push((i, *j, Similarity { shared: of, of }));
            }
        }
    } else {
        for (i, left) in old_items.iter().enumerate() {
            for (j, right) in new_items.iter().enumerate() {
                let similarity = Similarity {
                    shared: shared(left, right),
                    of: left.len().max(right.len()),
                };
                if similar_enough(similarity) {
                    candidates.push((i, j, similarity));
                }
            }
        }
    }
    // The most alike first; among equals, a block in two pairs is ambiguous.
    candidates.sort_by_key(|(i, j, similarity)| (std::cmp::Reverse(similarity.shared), *i, *j));
    let mut old_taken = vec![false; old.len()];
    let mut new_taken = vec![false; new.len()];
    let mut pairs = Vec::new();
    let mut start = 0;
    while start < candidates.len() {
        let level = candidates[start].2.shared;
        let end = candidates[start..]
            .iter()
            .position(|candidate| candidate.2.shared != level)
            .map_or(candidates.len(), |offset| start + offset);
        let open: Vec<&(usize, usize, Similarity)> = candidates[start..end]
            .iter()
            .filter(|(i, j, _)| !old_taken[*i] && !new_taken[*j])
            .collect();
        let mut old_count: HashMap<usize, usize> = HashMap::new();
        let mut new_count: HashMap<usize, usize> = HashMap::new();
        for (i, j, _) in &open {
            *old_count.entry(*i).or_default() += 1;
            *new_count.entry(*j).or_default() += 1;
        }
        for (i, j, similarity) in open {
            if old_count.get(i) == Some(&1) && new_count.get(j) == Some(&1) {
                old_taken[*i] = true;
                new_taken[*j] = true;
                pairs.push((old[*i], new[*j], *similarity));
            } else {
                // Ambiguous at this level: neither block is a rename of the other.
                old_taken[*i] = true;
                new_taken[*j] = true;
            }
        }
        start = end;
    }
    pairs
}

/// A matched pair: the old entry, the new entry, and, for a rename, how alike.
type Pair = (usize, usize, Option<Similarity>);

/// Compares two checked canvases.
pub fn diff(old: &Checked, new: &Checked) -> ModelDiff {
    let (old_model, new_model) = (&old.model, &new.model);
    let old_entries = entries(old_model);
    let new_entries = entries(new_model);
    let (pairs, renames) = match_blocks((old_model, &old_entries), (new_model, &new_entries));
    let none = Renames::new();

    let mut old_matched = vec![false; old_entries.len()];
    let mut new_matched = vec![false; new_entries.len()];
    let mut blocks = Vec::new();
    for (old_index, new_index, similarity) in pairs {
        old_matched[old_index] = true;
        new_matched[new_index] = true;
        let (old_entry, new_entry) = (&old_entries[old_index], &new_entries[new_index]);
        // Most blocks are untouched, which their statements tell without JSON.
        let fields = if compare::same_content(
            (old_model, old_entry.kind, old_entry.index),
            (new_model, new_entry.index),
            &renames,
        ) {
            Vec::new()
        } else {
            field_changes(
                &old_entry.value(old_model, &renames, Stage::All),
                &new_entry.value(new_model, &none, Stage::All),
            )
        };
        let renamed = old_entry.kind != BlockKind::Relationship && old_entry.id != new_entry.id;
        if renamed {
            let mut change = block_change(new_model, new_entry, &none, ChangeKind::Renamed, fields);
            change.renamed_from = Some(old_entry.id.to_string());
            change.similarity = similarity;
            blocks.push(change);
        } else if !fields.is_empty() {
            blocks.push(block_change(new_model, new_entry, &none, ChangeKind::Changed, fields));
        }
    }
    for (entry, _) in old_entries.iter().zip(&old_matched).filter(|(_, matched)| !**matched) {
        let value = entry.value(old_model, &renames, Stage::All);
        let mut change = block_change(
            old_model,
            entry,
            &renames,
            ChangeKind::Removed,
            whole_fields(&value, false),
        );
        change.content = content(old, entry);
        blocks.push(change);
    }
    for (entry, _) in new_entries.iter().zip(&new_matched).filter(|(_, matched)| !**matched) {
        let value = entry.value(new_model, &none, Stage::All);
        let mut change = block_change(new_model, entry, &none, ChangeKind::Added, whole_fields(&value, true));
        change.content = content(new, entry);
        blocks.push(change);
    }
    blocks.extend(scenario_changes(old_model, new_model));
    blocks.sort_by(|a, b| {
        (a.kind.order(), &a.id, &a.label, &a.segments, a.change as u8).cmp(&(
            b.kind.order(),
            &b.id,
            &b.label,
            &b.segments,
            b.change as u8,
        ))
    });

    let segment_renames: HashMap<&str, &str> = renames.get(&BlockKind::Segment).cloned().unwrap_or_default();
    let (introduced, resolved) = diagnostics_change(old, new, &renames);
    ModelDiff {
        blocks,
        introduced,
        resolved,
        economics: economics::change(
            economics::Side::of_model(old_model),
            economics::Side::of_model(new_model),
            &segment_renames,
        ),
    }
}

/// The diagnostics `new` introduces and those it resolves, each placed in
/// its side. Only those are placed: a line index of a large canvas costs
/// more than the few diagnostics a change usually moves.
fn diagnostics_change(
    old: &Checked,
    new: &Checked,
    renames: &Renames,
) -> (Vec<DiagnosticSummary>, Vec<DiagnosticSummary>) {
    // An old message that names a renamed block is compared as if it named
    // the new one: the same problem, not one resolved and one introduced.
    let renamed_names: Vec<(String, String)> = renames
        .values()
        .flatten()
        .map(|(old_id, new_id)| (format!("`{old_id}`"), format!("`{new_id}`")))
        .collect();
    let old_messages: Vec<std::borrow::Cow<'_, str>> = old
        .diagnostics
        .iter()
        .map(|diagnostic| {
            if renamed_names.is_empty() {
                std::borrow::Cow::Borrowed(diagnostic.message.as_str())
            } else {
                std::borrow::Cow::Owned(
                    renamed_names
                        .iter()
                        .fold(diagnostic.message.clone(), |message, (old_name, new_name)| {
                            message.replace(old_name, new_name)
                        }),
                )
            }
        })
        .collect();
    let new_messages: Vec<std::borrow::Cow<'_, str>> = new
        .diagnostics
        .iter()
        .map(|diagnostic| std::borrow::Cow::Borrowed(diagnostic.message.as_str()))
        .collect();
    let introduced = multiset_minus((&new.diagnostics, &new_messages), (&old.diagnostics, &old_messages));
    let resolved = multiset_minus((&old.diagnostics, &old_messages), (&new.diagnostics, &new_messages));
    let place = |checked: &Checked, diagnostics: Vec<&Diagnostic>| -> Vec<DiagnosticSummary> {
        if diagnostics.is_empty() {
            return Vec::new();
        }
        let lines = LineIndex::new(&checked.source);
        diagnostics
            .into_iter()
            .map(|diagnostic| DiagnosticSummary::of(checked, &lines, diagnostic))
            .collect()
    };
    (place(new, introduced), place(old, resolved))
}

/// The scenarios added, removed or changed, matched by name and compared on
/// their label, notes and overrides (their economics are consequences).
fn scenario_changes(old_model: &Model, new_model: &Model) -> Vec<BlockChange> {
    fn take(model: &Model) -> Vec<(&str, Value)> {
        model
            .scenarios
            .iter()
            .filter(|scenario| scenario.id.is_some())
            .map(|scenario| (scenario.name(), scenario_statements_json(scenario)))
            .collect()
    }
    let change = |id: &str, value: &Value, change: ChangeKind, fields: Vec<FieldChange>| BlockChange {
        kind: DiffKind::Scenario,
        id: id.to_string(),
        label: value.get("label").and_then(Value::as_str).map(str::to_string),
        segments: None,
        change,
        renamed_from: None,
        similarity: None,
        fields,
        content: Vec::new(),
    };
    let (old, new) = (take(old_model), take(new_model));
    let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, (id, _)) in new.iter().enumerate().rev() {
        by_id.entry(*id).or_default().push(index);
    }
    let mut matched = vec![false; new.len()];
    let mut changes = Vec::new();
    for (id, value) in &old {
        match by_id.get_mut(*id).and_then(Vec::pop) {
            Some(index) => {
                matched[index] = true;
                let new_value = &new[index].1;
                let fields = field_changes(value, new_value);
                if !fields.is_empty() {
                    changes.push(change(id, new_value, ChangeKind::Changed, fields));
                }
            }
            None => changes.push(change(id, value, ChangeKind::Removed, whole_fields(value, false))),
        }
    }
    for ((id, value), _) in new.iter().zip(&matched).filter(|(_, matched)| !**matched) {
        changes.push(change(id, value, ChangeKind::Added, whole_fields(value, true)));
    }
    changes
}

/// Matches the blocks of the two sides (see the module documentation);
/// the renames found are what the old side's references follow.
fn match_blocks<'a>(
    (old_model, old_entries): (&'a Model, &[Entry<'a>]),
    (new_model, new_entries): (&'a Model, &[Entry<'a>]),
) -> (Vec<Pair>, Renames<'a>) {
    let mut pairs: Vec<Pair> = Vec::new();
    let mut renames = Renames::new();
    let none = Renames::new();
    let mut old_free = vec![true; old_entries.len()];
    let mut new_free = vec![true; new_entries.len()];

    // The header and the kinds with identifiers: same identifier, then renames.
    let mut kinds: Vec<BlockKind> = RENAME_ORDER.to_vec();
    kinds.push(BlockKind::Header);
    for kind in kinds {
        let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
        for (index, entry) in new_entries.iter().enumerate().filter(|(_, entry)| entry.kind == kind) {
            by_id.entry(entry.id).or_default().push(index);
        }
        for (index, entry) in old_entries.iter().enumerate().filter(|(_, entry)| entry.kind == kind) {
            if let Some(found) = by_id.get_mut(entry.id).filter(|found| !found.is_empty()) {
                let new_index = found.remove(0);
                old_free[index] = false;
                new_free[new_index] = false;
                pairs.push((index, new_index, None));
            }
        }
        if kind == BlockKind::Header {
            continue;
        }
        let old_ids: HashSet<&str> = old_entries
            .iter()
            .filter(|entry| entry.kind == kind)
            .map(|entry| entry.id)
            .collect();
        let new_ids: HashSet<&str> = new_entries
            .iter()
            .filter(|entry| entry.kind == kind)
            .map(|entry| entry.id)
            .collect();
        // A rename leaves its old identifier behind and brings a new one.
        let gone: Vec<usize> = (0..old_entries.len())
            .filter(|&i| old_free[i] && old_entries[i].kind == kind && !new_ids.contains(old_entries[i].id))
            .collect();
        let arrived: Vec<usize> = (0..new_entries.len())
            .filter(|&j| new_free[j] && new_entries[j].kind == kind && !old_ids.contains(new_entries[j].id))
            .collect();
        if gone.is_empty() || arrived.is_empty() {
            continue;
        }
        // The kinds before this one have their renames.
        let old_items: Vec<Vec<u64>> = gone
            .iter()
            .map(|&i| items(&old_entries[i].value(old_model, &renames, Stage::Before)))
            .collect();
        let new_items: Vec<Vec<u64>> = arrived
            .iter()
            .map(|&j| items(&new_entries[j].value(new_model, &none, Stage::Before)))
            .collect();
        for (i, j, similarity) in pair_by_similarity(&gone, &arrived, &old_items, &new_items) {
            old_free[i] = false;
            new_free[j] = false;
            renames
                .entry(kind)
                .or_default()
                .insert(old_entries[i].id, new_entries[j].id);
            pairs.push((i, j, Some(similarity)));
        }
    }

    // Relationships: type, label and segments; then type and segments;
    // then type and label. (Their references take every rename.)
    let relationship = |entries: &[Entry], free: &[bool]| -> Vec<usize> {
        (0..entries.len())
            .filter(|&index| free[index] && entries[index].kind == BlockKind::Relationship)
            .collect()
    };
    // Borrowed from the models: every free relationship has one.
    type Key<'k> = (&'k str, Option<String>, Vec<&'k str>);
    // The label as its JSON text, as the model document writes it.
    let label_of = |model: &Model, entry: &Entry| -> Option<String> {
        entry.label(model).map(|label| Value::from(label).to_string())
    };
    let full_key = |model: &'a Model, entry: &Entry<'a>, renames: &Renames<'a>| -> Key<'a> {
        (entry.id, label_of(model, entry), entry.segment_names(model, renames))
    };
    let segments_key = |model: &'a Model, entry: &Entry<'a>, renames: &Renames<'a>| -> Key<'a> {
        (entry.id, None, entry.segment_names(model, renames))
    };
    let label_key = |model: &'a Model, entry: &Entry<'a>, _: &Renames<'a>| -> Key<'a> {
        (entry.id, label_of(model, entry), Vec::new())
    };
    for step in 0..3 {
        let key = |model: &'a Model, entry: &Entry<'a>, renames: &Renames<'a>| match step {
            0 => full_key(model, entry, renames),
            1 => segments_key(model, entry, renames),
            _ => label_key(model, entry, renames),
        };
        let mut old_groups: BTreeMap<Key<'a>, Vec<usize>> = BTreeMap::new();
        for index in relationship(old_entries, &old_free) {
            old_groups
                .entry(key(old_model, &old_entries[index], &renames))
                .or_default()
                .push(index);
        }
        let mut new_groups: BTreeMap<Key<'a>, Vec<usize>> = BTreeMap::new();
        for index in relationship(new_entries, &new_free) {
            new_groups
                .entry(key(new_model, &new_entries[index], &none))
                .or_default()
                .push(index);
        }
        for (group, old_group) in old_groups {
            let Some(new_group) = new_groups.get(&group) else {
                continue;
            };
            let matched: Vec<(usize, usize)> = match (step, old_group.as_slice(), new_group.as_slice()) {
                // The same identity: paired in order.
                (0, _, _) => old_group.iter().copied().zip(new_group.iter().copied()).collect(),
                // One on each side: the same relationship, changed.
                (_, [i], [j]) => vec![(*i, *j)],
                // Several with the same type and segments: the most alike.
                (1, _, _) => {
                    let old_items: Vec<Vec<u64>> = old_group
                        .iter()
                        .map(|&i| items(&old_entries[i].value(old_model, &renames, Stage::All)))
                        .collect();
                    let new_items: Vec<Vec<u64>> = new_group
                        .iter()
                        .map(|&j| items(&new_entries[j].value(new_model, &none, Stage::All)))
                        .collect();
                    pair_by_similarity(&old_group, new_group, &old_items, &new_items)
                        .into_iter()
                        .map(|(i, j, _)| (i, j))
                        .collect()
                }
                _ => Vec::new(),
            };
            for (i, j) in matched {
                old_free[i] = false;
                new_free[j] = false;
                pairs.push((i, j, None));
            }
        }
    }
    (pairs, renames)
}

/// The change of `entry`, a block of `model` whose references follow
/// `renames` (the old side's, or none).
fn block_change<'a>(
    model: &'a Model,
    entry: &Entry<'a>,
    renames: &Renames<'a>,
    change: ChangeKind,
    fields: Vec<FieldChange>,
) -> BlockChange {
    BlockChange {
        kind: DiffKind::Block(entry.kind),
        id: entry.id.to_string(),
        label: entry.label(model).map(str::to_string),
        segments: (entry.kind == BlockKind::Relationship).then(|| entry.segments(model, renames)),
        change,
        renamed_from: None,
        similarity: None,
        fields,
        content: Vec::new(),
    }
}

/// Every field of a block with a value, as a change from nothing (`added`)
/// or to nothing.
fn whole_fields(value: &Value, added: bool) -> Vec<FieldChange> {
    let Some(object) = value.as_object() else {
        return Vec::new();
    };
    object
        .iter()
        .filter(|(field, value)| *field != "id" && !value.is_null())
        .filter(|(_, value)| value.as_array().is_none_or(|items| !items.is_empty()))
        .map(|(field, value)| {
            let mut change = FieldChange {
                field: field.clone(),
                before: None,
                after: None,
                added: Vec::new(),
                removed: Vec::new(),
            };
            match (value, added) {
                (Value::Array(items), true) => change.added = items.clone(),
                (Value::Array(items), false) => change.removed = items.clone(),
                (value, true) => change.after = Some(value.clone()),
                (value, false) => change.before = Some(value.clone()),
            }
            change
        })
        .collect()
}

/// The block of `entry` in canonical form: its first line, then each
/// statement on a line of its own (comments left out).
fn content(checked: &Checked, entry: &Entry) -> Vec<String> {
    let Some(block) = entry.block(&checked.model) else {
        return Vec::new();
    };
    let Some(text) = checked.source.get(block.span.range()) else {
        return Vec::new();
    };
    let (file, _) = crate::parse::parse(text);
    let Some(item) = file.items.first() else {
        return Vec::new();
    };
    let mut lines = vec![crate::fmt::one_line(text, &item.keyword.text, &item.arguments)];
    if let Some(body) = &item.body {
        lines.extend(
            body.statements
                .iter()
                .map(|statement| crate::fmt::one_line(text, &statement.keyword.text, &statement.arguments)),
        );
    }
    lines
}

/// Field-by-field changes between two versions of a block.
fn field_changes(before: &Value, after: &Value) -> Vec<FieldChange> {
    let empty = serde_json::Map::new();
    let before = before.as_object().unwrap_or(&empty);
    let after = after.as_object().unwrap_or(&empty);
    let mut fields: Vec<&String> = before.keys().chain(after.keys()).collect();
    let mut seen = HashSet::new();
    fields.retain(|field| seen.insert(*field));
    let mut changes = Vec::new();
    for field in fields {
        if field == "id" {
            continue;
        }
        let old = before.get(field).unwrap_or(&Value::Null);
        let new = after.get(field).unwrap_or(&Value::Null);
        // Most fields are untouched: compare as written before sorting lists.
        if old == new || normalize(old) == normalize(new) {
            continue;
        }
        match (old, new) {
            (Value::Array(old_items), Value::Array(new_items)) => {
                let removed = list_minus(old_items, new_items);
                let added = list_minus(new_items, old_items);
                changes.push(FieldChange {
                    field: field.clone(),
                    before: None,
                    after: None,
                    added,
                    removed,
                });
            }
            _ => changes.push(FieldChange {
                field: field.clone(),
                before: Some(old.clone()),
                after: Some(new.clone()),
                added: Vec::new(),
                removed: Vec::new(),
            }),
        }
    }
    changes
}

/// The items of `left` not in `right`, counting duplicates.
fn list_minus(left: &[Value], right: &[Value]) -> Vec<Value> {
    let mut remaining: Vec<&Value> = right.iter().collect();
    let mut out = Vec::new();
    for item in left {
        match remaining.iter().position(|other| *other == item) {
            Some(position) => {
                remaining.swap_remove(position);
            }
            None => out.push(item.clone()),
        }
    }
    out
}

/// The diagnostics of `left` that `right` does not have, by code, severity
/// and message (each side's messages as compared, beside it), counting repeats.
fn multiset_minus<'a, 'm>(
    (left, left_messages): (&'a [Diagnostic], &'m [std::borrow::Cow<'m, str>]),
    (right, right_messages): (&[Diagnostic], &'m [std::borrow::Cow<'m, str>]),
) -> Vec<&'a Diagnostic> {
    let mut counts: HashMap<(crate::Code, crate::code::Severity, &'m str), usize> = HashMap::new();
    for (item, message) in right.iter().zip(right_messages) {
        *counts.entry((item.code, item.severity, message.as_ref())).or_default() += 1;
    }
    let mut out = Vec::new();
    for (item, message) in left.iter().zip(left_messages) {
        let key: (crate::Code, crate::code::Severity, &'m str) = (item.code, item.severity, message.as_ref());
        match counts.get_mut(&key) {
            Some(count) if *count > 0 => *count -= 1,
            _ => out.push(item),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_shared_is_enough_and_less_is_not() {
        assert!(similar_enough(Similarity { shared: 2, of: 4 }));
        assert!(similar_enough(Similarity { shared: 3, of: 5 }));
        assert!(!similar_enough(Similarity { shared: 2, of: 5 }));
        assert!(!similar_enough(Similarity { shared: 0, of: 0 }));
    }

    #[test]
    fn shared_counts_repeats_once_each() {
        assert_eq!(shared(&[1, 1, 2, 5], &[1, 2, 2, 5, 7]), 3);
        assert_eq!(shared(&[], &[1]), 0);
    }
}
