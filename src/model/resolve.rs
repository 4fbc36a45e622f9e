//! Name resolution: links every [`Reference`](super::Reference) to the block it names.
//!
//! Invariants: identifiers are looked up in their own namespace only (a
//! segment and a channel may share a name); when a name is defined twice,
//! references go to the first definition, and `duplicate-definition`
//! reports the second. Resolution itself reports nothing: the rules
//! `unknown-reference` and `wrong-kind` read the unresolved references.
//!
//! A misspelt name with exactly one close candidate in its namespace is
//! linked to that candidate (§4 "One mistake, one diagnostic"), so the rules
//! read it as meant; its `name` still differs from the target's identifier,
//! which is how `unknown-reference` finds it. When a definition is used
//! nowhere and two or more misspelt uses point at it, the definition is the
//! mistake (`Names::misspelt_definition`).

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use std::sync::OnceLock;

use super::{BlockId, BlockKind, Model, Namespace, Spanned, Str};
use crate::suggest::NearNames;

/// Every identifier of a canvas, by namespace, to its first definition.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Names {
    table: HashMap<Namespace, HashMap<Str, BlockId>>,
    /// Each block whose name an earlier block of its namespace already
    /// defines, with that first block, in source order.
    duplicates: Vec<(BlockId, BlockId)>,
    /// Definitions read as misspelt: used nowhere by their own name, and the
    /// one close candidate of two or more uses of another name.
    misspelt: HashMap<BlockId, Vec<Spanned<Str>>>,
    /// The near-name index of each namespace, built when a misspelling
    /// first needs it.
    near: NearCache,
}

/// One [`NearNames`] per namespace, built on first use; not part of the
/// table's value (a copy starts empty, and two caches are always equal).
#[derive(Debug, Default)]
struct NearCache([OnceLock<NearNames>; 9]);

// One cell per namespace: the last namespace is the last cell.
const _: () = assert!(Namespace::Infrastructure as usize == 8);

impl Clone for NearCache {
    fn clone(&self) -> Self {
        NearCache::default()
    }
}

impl PartialEq for NearCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Names {
    /// Collects the identifiers of every block of `model`.
    pub fn of(model: &Model) -> Names {
        let mut names = Names::default();
        // In source order, so the first definition written is the one that counts.
        let mut blocks: Vec<_> = model.blocks().collect();
        blocks.sort_by_key(|(_, block)| block.span.start());
        for (id, block) in blocks {
            if block.kind == BlockKind::Header || block.kind == BlockKind::Relationship {
                continue;
            }
            if let Some(name) = &block.id {
                let defined = names.table.entry(block.kind.namespace()).or_default();
                match defined.entry(name.value.clone()) {
                    Entry::Occupied(first) => names.duplicates.push((id, *first.get())),
                    Entry::Vacant(vacant) => {
                        vacant.insert(id);
                    }
                }
            }
        }
        names
    }

    /// Each block that defines a name again, with the block that defined
    /// it first, in source order: what `duplicate-definition` reports.
    pub fn duplicates(&self) -> &[(BlockId, BlockId)] {
        &self.duplicates
    }

    /// The uses of another name that point at `block`, when its definition is
    /// the misspelling (see the module docs).
    pub fn misspelt_definition(&self, block: BlockId) -> Option<&[Spanned<Str>]> {
        self.misspelt.get(&block).map(Vec::as_slice)
    }

    /// The misspelt definition (see the module docs) whose uses spell it `name`.
    pub fn misspelt_as(&self, namespace: Namespace, name: &str) -> Option<BlockId> {
        let mut found: Vec<BlockId> = self
            .misspelt
            .iter()
            .filter(|(id, uses)| id.kind.namespace() == namespace && uses.iter().any(|used| used.value == name))
            .map(|(id, _)| *id)
            .collect();
        found.sort();
        found.into_iter().next()
    }

    /// The block `name` defines in `namespace`.
    pub fn get(&self, namespace: Namespace, name: &str) -> Option<BlockId> {
        self.table.get(&namespace)?.get(name).copied()
    }

    /// Every identifier of `namespace`, for did-you-mean and completion.
    pub fn in_namespace(&self, namespace: Namespace) -> impl Iterator<Item = &str> {
        self.table
            .get(&namespace)
            .into_iter()
            .flat_map(|names| names.keys().map(Str::as_str))
    }

    /// The name of `namespace` nearest to the misspelling `wanted`, if one
    /// is close enough (`diagnostic::did_you_mean`, indexed).
    pub fn did_you_mean(&self, namespace: Namespace, wanted: &str) -> Option<&str> {
        self.near(namespace).did_you_mean(wanted)
    }

    /// The one nearest name of `namespace` to `wanted`
    /// (`diagnostic::single_candidate`, indexed).
    pub fn single_candidate(&self, namespace: Namespace, wanted: &str) -> Option<&str> {
        self.near(namespace).single_candidate(wanted)
    }

    fn near(&self, namespace: Namespace) -> &NearNames {
        self.near.0[namespace as usize].get_or_init(|| NearNames::new(self.in_namespace(namespace)))
    }

    /// Namespaces other than `except` where `name` is defined, in a fixed order.
    pub fn elsewhere(&self, name: &str, except: Namespace) -> Option<BlockId> {
        let mut found: Vec<BlockId> = self
            .table
            .iter()
            .filter(|(namespace, _)| **namespace != except)
            .filter_map(|(_, names)| names.get(name).copied())
            .collect();
        found.sort();
        found.into_iter().next()
    }
}

/// Resolves every reference of `model` in place and returns the name table.
pub fn resolve(model: &mut Model) -> Names {
    let mut names = Names::of(model);
    let mut used = std::collections::HashSet::new();
    let mut misspelt: Vec<(BlockId, Spanned<Str>)> = Vec::new();
    model.each_reference_mut(&mut |reference| {
        reference.target = names.get(reference.expects, &reference.name.value);
        match reference.target {
            Some(target) => {
                used.insert(target);
            }
            None if names.elsewhere(&reference.name.value, reference.expects).is_none() => {
                let candidate = names
                    .single_candidate(reference.expects, &reference.name.value)
                    .and_then(|candidate| names.get(reference.expects, candidate));
                if let Some(candidate) = candidate {
                    reference.target = Some(candidate);
                    misspelt.push((candidate, reference.name.clone()));
                }
            }
            None => {}
        }
    });
    let mut uses: HashMap<BlockId, Vec<Spanned<Str>>> = HashMap::new();
    for (target, name) in misspelt {
        if !used.contains(&target) {
            uses.entry(target).or_default().push(name);
        }
    }
    uses.retain(|_, uses| uses.len() >= 2);
    names.misspelt = uses;
    names
}
