//! Semantic diff: what a change does to the business model.
//!
//! Two checked canvases are compared as models, not as text: blocks are
//! matched by kind and identifier (relationships by type, label and
//! segments), and compared field by field on their JSON form (see
//! [`crate::output::json`]), so layout, comments and the order of blocks
//! and list items never count as changes. A block whose identifier changed
//! while nothing else did, and whose references followed, is a rename.
//! The consequences are the diagnostics the change introduces and resolves,
//! and the economics before and after.
//!
//! Invariants: `diff(x, x)` is empty; the diff never depends on spans.

pub mod render;

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use serde_json::Value;

use crate::model::{BlockKind, Model};
use crate::output::json::model_json;
use crate::{Checked, Diagnostic};

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
}

/// What happened to one block.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BlockChange {
    /// The block keyword (`segment`, `relationship`, ...).
    pub kind: &'static str,
    /// The identifier (after the change); for relationships, the type.
    pub id: String,
    /// A relationship's segments, which are part of its identity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segments: Option<Vec<String>>,
    pub change: ChangeKind,
    /// The identifier before a rename.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    pub fields: Vec<FieldChange>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
    Renamed,
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

/// A diagnostic, as a reviewer reads it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct DiagnosticSummary {
    pub code: String,
    pub severity: String,
    pub message: String,
}

impl DiagnosticSummary {
    fn of(diagnostic: &Diagnostic) -> Self {
        DiagnosticSummary {
            code: diagnostic.code.to_string(),
            severity: diagnostic.severity.to_string(),
            message: diagnostic.message.clone(),
        }
    }
}

/// The canvas's monthly figures before and after (`null` when unknown).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct EconomicsChange {
    pub currency: Option<String>,
    pub revenue: (Value, Value),
    pub cost: (Value, Value),
    pub margin: (Value, Value),
}

/// The JSON arrays of the model, with the block keyword of their items.
const SECTIONS: &[(&str, BlockKind)] = &[
    ("segments", BlockKind::Segment),
    ("propositions", BlockKind::Proposition),
    ("relationships", BlockKind::Relationship),
    ("channels", BlockKind::Channel),
    ("revenues", BlockKind::Revenue),
    ("costs", BlockKind::Cost),
    ("partners", BlockKind::Partner),
    ("activities", BlockKind::Activity),
    ("resources", BlockKind::Resource),
];

/// Fields that name other blocks, and the kind of block they name.
fn reference_fields(kind: BlockKind) -> &'static [(&'static str, &'static [BlockKind])] {
    const SEGMENT: &[BlockKind] = &[BlockKind::Segment];
    const PROPOSITION: &[BlockKind] = &[BlockKind::Proposition];
    const INFRASTRUCTURE: &[BlockKind] = &[BlockKind::Activity, BlockKind::Resource];
    match kind {
        BlockKind::Segment => &[("linked", SEGMENT)],
        BlockKind::Proposition => &[("for", SEGMENT)],
        BlockKind::Relationship => &[("for", SEGMENT), ("via", &[BlockKind::Channel])],
        BlockKind::Channel => &[("reaches", SEGMENT), ("partner", &[BlockKind::Partner])],
        BlockKind::Revenue => &[("from", SEGMENT), ("for", PROPOSITION)],
        BlockKind::Cost => &[("for", INFRASTRUCTURE)],
        BlockKind::Partner => &[("provides", INFRASTRUCTURE)],
        BlockKind::Activity | BlockKind::Resource => &[("for", PROPOSITION)],
        BlockKind::Header => &[],
    }
}

/// Fields derived from others: their changes show as consequences.
const DERIVED_FIELDS: &[&str] = &["journey", "fit", "intimacy", "directness"];

/// One block of one side, as JSON without derived fields.
#[derive(Clone, Debug)]
struct Entry {
    kind: BlockKind,
    id: String,
    value: Value,
}

impl Entry {
    /// The identity a block is matched by.
    fn key(&self) -> (BlockKind, String, Option<String>, Vec<String>) {
        if self.kind == BlockKind::Relationship {
            let label = self.value.get("label").and_then(Value::as_str).map(str::to_string);
            (self.kind, self.id.clone(), label, sorted_names(self.value.get("for")))
        } else {
            (self.kind, self.id.clone(), None, Vec::new())
        }
    }
}

fn sorted_names(value: Option<&Value>) -> Vec<String> {
    let mut names: Vec<String> = value
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(Value::as_str).map(str::to_string).collect())
        .unwrap_or_default();
    names.sort();
    names.dedup();
    names
}

/// Takes the blocks out of `json` (moved, not copied: on a large canvas the
/// copies cost more than the comparison); the economics stay behind.
fn entries(json: &mut Value) -> Vec<Entry> {
    let mut entries = Vec::new();
    for (section, kind) in SECTIONS {
        let Some(items) = json.get_mut(*section).and_then(Value::as_array_mut) else {
            continue;
        };
        for mut value in std::mem::take(items) {
            if let Value::Object(object) = &mut value {
                for field in DERIVED_FIELDS {
                    object.shift_remove(*field);
                }
            }
            let id = if *kind == BlockKind::Relationship {
                value
                    .get("type")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string()
            } else {
                value.get("id").and_then(Value::as_str).unwrap_or_default().to_string()
            };
            entries.push(Entry { kind: *kind, id, value });
        }
    }
    let header = json.get_mut("canvas").map(Value::take).unwrap_or(Value::Null);
    if !header.is_null() {
        entries.push(Entry {
            kind: BlockKind::Header,
            id: String::new(),
            value: header,
        });
    }
    entries
}

/// Renames every reference in `entry` according to `renames` (old → new, per kind).
fn follow_renames(entry: &mut Entry, renames: &HashMap<(BlockKind, String), String>) {
    for (field, kinds) in reference_fields(entry.kind) {
        let rename = |name: &str| {
            kinds
                .iter()
                .find_map(|kind| renames.get(&(*kind, name.to_string())))
                .cloned()
                .unwrap_or_else(|| name.to_string())
        };
        match entry.value.get_mut(*field) {
            Some(Value::Array(items)) => {
                for item in items.iter_mut() {
                    if let Some(name) = item.as_str() {
                        *item = Value::String(rename(name));
                    }
                }
            }
            Some(item @ Value::String(_)) => {
                if let Some(name) = item.as_str() {
                    *item = Value::String(rename(name));
                }
            }
            _ => {}
        }
    }
}

/// The block's content without its identifier, for rename detection.
fn content(entry: &Entry) -> Value {
    let mut value = entry.value.clone();
    if let Value::Object(object) = &mut value {
        object.shift_remove("id");
    }
    normalize(&value)
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

/// Compares two checked canvases.
pub fn diff(old: &Checked, new: &Checked) -> ModelDiff {
    // The JSON of each side is made once, both at once: it is the costly part.
    let (mut old_json, mut new_json) = std::thread::scope(|scope| {
        let old_json = scope.spawn(|| model_json(&old.model));
        let new_json = model_json(&new.model);
        // The other thread cannot panic on any model; if it somehow did,
        // making its JSON again here gives the same result.
        let old_json = old_json.join().unwrap_or_else(|_| model_json(&old.model));
        (old_json, new_json)
    });
    let mut old_entries = entries(&mut old_json);
    let new_entries = entries(&mut new_json);
    let renames = detect_renames(&old_entries, &new_entries, &new.model);
    for entry in &mut old_entries {
        follow_renames(entry, &renames);
    }

    let mut blocks = Vec::new();
    let mut unmatched_new: Vec<Option<&Entry>> = new_entries.iter().map(Some).collect();
    let mut by_key: BTreeMap<_, Vec<usize>> = BTreeMap::new();
    for (index, entry) in new_entries.iter().enumerate() {
        by_key.entry(entry.key()).or_default().push(index);
    }
    let mut unmatched_old = Vec::new();
    for old_entry in &old_entries {
        let renamed_to = renames.get(&(old_entry.kind, old_entry.id.clone()));
        let mut key = old_entry.key();
        if let Some(new_id) = renamed_to {
            key.1 = new_id.clone();
        }
        let found = by_key
            .get_mut(&key)
            .and_then(|indexes| (!indexes.is_empty()).then(|| indexes.remove(0)));
        match found {
            Some(index) => {
                let new_entry = &new_entries[index];
                unmatched_new[index] = None;
                let fields = field_changes(&old_entry.value, &new_entry.value);
                if renamed_to.is_some() {
                    blocks.push(block_change(
                        new_entry,
                        ChangeKind::Renamed,
                        Some(old_entry.id.clone()),
                        fields,
                    ));
                } else if !fields.is_empty() {
                    blocks.push(block_change(new_entry, ChangeKind::Changed, None, fields));
                }
            }
            None => unmatched_old.push(old_entry),
        }
    }
    // A relationship whose segments changed is still the same relationship
    // when one, and only one, of each side shares its type and label.
    let mut removed = Vec::new();
    for old_entry in unmatched_old {
        let partner = (old_entry.kind == BlockKind::Relationship)
            .then(|| {
                let same = |entry: &Entry| {
                    entry.kind == BlockKind::Relationship
                        && entry.id == old_entry.id
                        && entry.value.get("label") == old_entry.value.get("label")
                };
                let candidates: Vec<usize> = unmatched_new
                    .iter()
                    .enumerate()
                    .filter_map(|(index, entry)| entry.filter(|entry| same(entry)).map(|_| index))
                    .collect();
                (candidates.len() == 1).then(|| candidates[0])
            })
            .flatten();
        match partner {
            Some(index) => {
                let new_entry = &new_entries[index];
                unmatched_new[index] = None;
                let fields = field_changes(&old_entry.value, &new_entry.value);
                blocks.push(block_change(new_entry, ChangeKind::Changed, None, fields));
            }
            None => removed.push(block_change(old_entry, ChangeKind::Removed, None, Vec::new())),
        }
    }
    blocks.extend(removed);
    for entry in unmatched_new.into_iter().flatten() {
        blocks.push(block_change(entry, ChangeKind::Added, None, Vec::new()));
    }
    blocks.sort_by_key(|block| (kind_order(block.kind), block.id.clone()));

    let before: Vec<DiagnosticSummary> = old.diagnostics.iter().map(DiagnosticSummary::of).collect();
    let after: Vec<DiagnosticSummary> = new.diagnostics.iter().map(DiagnosticSummary::of).collect();
    ModelDiff {
        blocks,
        introduced: multiset_minus(&after, &before),
        resolved: multiset_minus(&before, &after),
        economics: economics_change((&old.model, &old_json), (&new.model, &new_json)),
    }
}

fn kind_order(keyword: &str) -> usize {
    BlockKind::ALL
        .iter()
        .position(|kind| kind.keyword() == keyword)
        .unwrap_or(usize::MAX)
}

fn block_change(
    entry: &Entry,
    change: ChangeKind,
    renamed_from: Option<String>,
    fields: Vec<FieldChange>,
) -> BlockChange {
    BlockChange {
        kind: entry.kind.keyword(),
        id: entry.id.clone(),
        segments: (entry.kind == BlockKind::Relationship).then(|| sorted_names(entry.value.get("for"))),
        change,
        renamed_from,
        fields,
    }
}

/// Pairs a removed and an added block of one kind whose content is equal
/// once references follow the rename, when no block still names the old id.
fn detect_renames(old: &[Entry], new: &[Entry], new_model: &Model) -> HashMap<(BlockKind, String), String> {
    let old_ids: HashSet<(BlockKind, &str)> = old.iter().map(|entry| (entry.kind, entry.id.as_str())).collect();
    let new_ids: HashSet<(BlockKind, &str)> = new.iter().map(|entry| (entry.kind, entry.id.as_str())).collect();
    let gone: Vec<&Entry> = old
        .iter()
        .filter(|entry| entry.kind != BlockKind::Relationship && entry.kind != BlockKind::Header)
        .filter(|entry| !new_ids.contains(&(entry.kind, entry.id.as_str())))
        .collect();
    let arrived: Vec<&Entry> = new
        .iter()
        .filter(|entry| entry.kind != BlockKind::Relationship && entry.kind != BlockKind::Header)
        .filter(|entry| !old_ids.contains(&(entry.kind, entry.id.as_str())))
        .collect();
    if gone.is_empty() || arrived.is_empty() {
        return HashMap::new();
    }
    let still_named: HashSet<&str> = new_model
        .references()
        .map(|reference| reference.name.value.as_str())
        .collect();
    // Candidates first by content without references, then confirmed with them.
    let mut renames = HashMap::new();
    for old_entry in &gone {
        if still_named.contains(old_entry.id.as_str()) {
            continue;
        }
        let candidates: Vec<&&Entry> = arrived
            .iter()
            .filter(|new_entry| new_entry.kind == old_entry.kind)
            .filter(|new_entry| without_references(new_entry) == without_references(old_entry))
            .collect();
        if let [only] = candidates.as_slice() {
            renames.insert((old_entry.kind, old_entry.id.clone()), only.id.clone());
        }
    }
    // Confirm: with references renamed, the content must be equal.
    let confirmed: HashMap<(BlockKind, String), String> = renames
        .iter()
        .filter(|((kind, old_id), new_id)| {
            let Some(old_entry) = gone.iter().find(|entry| entry.kind == *kind && &entry.id == old_id) else {
                return false;
            };
            let Some(new_entry) = arrived.iter().find(|entry| entry.kind == *kind && &&entry.id == new_id) else {
                return false;
            };
            let mut followed = (*old_entry).clone();
            follow_renames(&mut followed, &renames);
            content(&followed) == content(new_entry)
        })
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    confirmed
}

fn without_references(entry: &Entry) -> Value {
    let mut value = content(entry);
    if let Value::Object(object) = &mut value {
        for (field, _) in reference_fields(entry.kind) {
            object.shift_remove(*field);
        }
    }
    value
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

fn multiset_minus(left: &[DiagnosticSummary], right: &[DiagnosticSummary]) -> Vec<DiagnosticSummary> {
    let mut counts: HashMap<&DiagnosticSummary, usize> = HashMap::new();
    for item in right {
        *counts.entry(item).or_default() += 1;
    }
    left.iter()
        .filter(|item| match counts.get_mut(item) {
            Some(count) if *count > 0 => {
                *count -= 1;
                false
            }
            _ => true,
        })
        .cloned()
        .collect()
}

fn economics_change(old: (&Model, &Value), new: (&Model, &Value)) -> EconomicsChange {
    let figures = |json: &Value| {
        let economics = json.get("economics").cloned().unwrap_or(Value::Null);
        let get = |name: &str| economics.get(name).cloned().unwrap_or(Value::Null);
        (get("monthly_revenue"), get("monthly_cost"), get("monthly_margin"))
    };
    let (old_revenue, old_cost, old_margin) = figures(old.1);
    let (new_revenue, new_cost, new_margin) = figures(new.1);
    EconomicsChange {
        currency: new.0.currency().or_else(|| old.0.currency()).map(str::to_string),
        revenue: (old_revenue, new_revenue),
        cost: (old_cost, new_cost),
        margin: (old_margin, new_margin),
    }
}
