//! Near names: the did-you-mean of a misspelt name among many names.
//!
//! [`crate::diagnostic::did_you_mean`] compares a name with every candidate,
//! which is right for the twenty keywords of a block and quadratic for a
//! canvas with thousands of misspelt references among thousands of names.
//! A [`NearNames`] indexes a set of names once and answers the same question
//! with the same answer:
//!
//! - every name, lowercased, is filed under a hash of itself and of each
//!   string one character shorter. Two strings within one edit of each other
//!   (Damerau–Levenshtein: an insertion, a deletion, a substitution or a
//!   swap of neighbours) share one of those, so a lookup of the query's own
//!   variants finds every candidate within one edit, and the edit distance
//!   is computed for those few only;
//! - when no candidate is within one edit and the query is long enough to
//!   allow more, the candidates of a near length are compared one by one, as
//!   `did_you_mean` does, within a budget of work per index
//!   ([`SCAN_BUDGET`]). A file that spends it gets no further far-fetched
//!   suggestions, but every suggestion one edit away.
//!
//! Invariants: an answer is always the answer of the plain comparison
//! (the tests compare the two on generated names); the index holds a fixed
//! number of entries per name (at most [`MAX_INDEXED_LENGTH`] + 1), and the
//! work of all lookups together is bounded by the size of the index and the
//! budget.

use std::hash::{DefaultHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::diagnostic::MAX_SUGGESTION_LENGTH;

/// Names longer than this are not indexed by their variants (a name of n
/// characters has n of them) and are only found by the scan.
pub(crate) const MAX_INDEXED_LENGTH: usize = 64;

/// Cells of edit-distance tables the scans of one index may fill: about a
/// second of work. Lookups within one edit never spend it.
pub(crate) const SCAN_BUDGET: u64 = 50_000_000;

/// A set of names indexed for near-match lookups.
#[derive(Debug)]
pub(crate) struct NearNames {
    /// The names, sorted by length in characters, then alphabetically.
    names: Vec<Candidate>,
    /// `(hash of a variant, index into names)`, sorted by hash.
    variants: Vec<(u64, u32)>,
    budget: AtomicU64,
}

#[derive(Debug)]
struct Candidate {
    name: Box<str>,
    lower: Box<str>,
    chars: usize,
}

impl NearNames {
    /// Indexes `names`; repeated names count once.
    pub(crate) fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> NearNames {
        let mut names: Vec<Candidate> = names
            .into_iter()
            .filter(|name| name.len() <= MAX_SUGGESTION_LENGTH)
            .map(|name| Candidate {
                name: name.into(),
                lower: name.to_lowercase().into(),
                chars: name.chars().count(),
            })
            .collect();
        names.sort_by(|a, b| (a.chars, &a.name).cmp(&(b.chars, &b.name)));
        names.dedup_by(|a, b| a.name == b.name);
        let mut variants = Vec::new();
        for (index, candidate) in names.iter().enumerate() {
            if candidate.lower.chars().count() > MAX_INDEXED_LENGTH {
                continue;
            }
            let Ok(index) = u32::try_from(index) else { break };
            each_variant(&candidate.lower, |hash| variants.push((hash, index)));
        }
        variants.sort_unstable();
        variants.dedup();
        NearNames {
            names,
            variants,
            budget: AtomicU64::new(SCAN_BUDGET),
        }
    }

    /// The name closest to `wanted`, when one is close enough to be a likely
    /// misspelling; among equally close ones, the first alphabetically.
    /// The answer of [`crate::diagnostic::did_you_mean`] over the same names.
    pub(crate) fn did_you_mean(&self, wanted: &str) -> Option<&str> {
        self.nearest(wanted)?.first().copied()
    }

    /// The one closest name, when exactly one is nearest: the answer of
    /// [`crate::diagnostic::single_candidate`] over the same names.
    pub(crate) fn single_candidate(&self, wanted: &str) -> Option<&str> {
        match self.nearest(wanted)?.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    /// The names at the least distance from `wanted` within its limit, in
    /// alphabetical order.
    fn nearest(&self, wanted: &str) -> Option<Vec<&str>> {
        if wanted.len() > MAX_SUGGESTION_LENGTH {
            return None;
        }
        let wanted_lower = wanted.to_lowercase();
        let wanted_chars = wanted.chars().count();
        let limit = (wanted_chars / 3).max(1);
        let mut found = Found::default();
        let eligible =
            |candidate: &Candidate| &*candidate.name != wanted && candidate.chars.abs_diff(wanted_chars) <= limit;
        // A name within one edit of `wanted` is at most one character
        // longer, so it is indexed when `wanted` is shorter than the bound.
        if wanted_lower.chars().count() < MAX_INDEXED_LENGTH {
            let mut seen: Vec<u32> = Vec::new();
            each_variant(&wanted_lower, |hash| {
                let start = self.variants.partition_point(|(variant, _)| *variant < hash);
                seen.extend(
                    self.variants[start..]
                        .iter()
                        .take_while(|(variant, _)| *variant == hash)
                        .map(|(_, index)| *index),
                );
            });
            seen.sort_unstable();
            seen.dedup();
            for index in seen {
                let candidate = &self.names[index as usize];
                if eligible(candidate) {
                    found.offer(
                        strsim::damerau_levenshtein(&wanted_lower, &candidate.lower),
                        &candidate.name,
                    );
                }
            }
            // Every candidate within one edit shares a variant with `wanted`,
            // so a best of one or less is the best of all names.
            if found.distance.is_some_and(|distance| distance <= 1) || limit <= 1 {
                return found.within(limit);
            }
        }
        // The candidates of a near length: their lengths differ by at most `limit`.
        let first = self
            .names
            .partition_point(|candidate| candidate.chars + limit < wanted_chars);
        let mut found = Found::default();
        for candidate in self.names[first..]
            .iter()
            .take_while(|candidate| candidate.chars <= wanted_chars + limit)
        {
            if !eligible(candidate) {
                continue;
            }
            let cost = (wanted_lower.len() as u64 + 1) * (candidate.lower.len() as u64 + 1);
            let spent = self
                .budget
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| left.checked_sub(cost));
            if spent.is_err() {
                // The budget is spent: an answer from part of the names
                // could differ from the plain comparison, so give none.
                return None;
            }
            found.offer(
                strsim::damerau_levenshtein(&wanted_lower, &candidate.lower),
                &candidate.name,
            );
        }
        found.within(limit)
    }
}

/// The best distance seen and the names at it.
#[derive(Default)]
struct Found<'a> {
    distance: Option<usize>,
    names: Vec<&'a str>,
}

impl<'a> Found<'a> {
    fn offer(&mut self, distance: usize, name: &'a str) {
        match self.distance {
            Some(best) if distance > best => {}
            Some(best) if distance == best => self.names.push(name),
            _ => {
                self.distance = Some(distance);
                self.names.clear();
                self.names.push(name);
            }
        }
    }

    fn within(mut self, limit: usize) -> Option<Vec<&'a str>> {
        self.distance.filter(|distance| *distance <= limit)?;
        self.names.sort_unstable();
        self.names.dedup();
        Some(self.names)
    }
}

/// Calls `each` with the hash of `text` and of every string made from it by
/// deleting one character.
fn each_variant(text: &str, mut each: impl FnMut(u64)) {
    each(hash_of(text, ""));
    for (at, character) in text.char_indices() {
        each(hash_of(&text[..at], &text[at + character.len_utf8()..]));
    }
}

/// The hash of `a` followed by `b`, as one string. `DefaultHasher::new` has
/// fixed keys, so the index, and so every answer, is the same on every run.
fn hash_of(a: &str, b: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    hasher.write(a.as_bytes());
    hasher.write(b.as_bytes());
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{did_you_mean, single_candidate};

    /// A small deterministic generator, so failures reproduce.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self, below: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) as usize) % below.max(1)
        }
    }

    /// `name` with a few random edits of the kinds people make.
    fn misspell(random: &mut Lcg, name: &str, edits: usize) -> String {
        let alphabet: Vec<char> = "abcdeé-_0123XYZ".chars().collect();
        let mut chars: Vec<char> = name.chars().collect();
        for _ in 0..edits {
            let at = random.next(chars.len() + 1);
            match random.next(5) {
                0 if at < chars.len() => {
                    chars.remove(at);
                }
                1 => chars.insert(at, alphabet[random.next(alphabet.len())]),
                2 if at < chars.len() => chars[at] = alphabet[random.next(alphabet.len())],
                3 if at + 1 < chars.len() => chars.swap(at, at + 1),
                _ => {
                    if let Some(last) = chars.last().copied() {
                        chars.push(last.to_ascii_uppercase());
                    }
                }
            }
        }
        chars.into_iter().collect()
    }

    #[test]
    fn answers_as_the_plain_comparison_does() {
        let mut random = Lcg(7);
        for round in 0..300 {
            let count = 1 + random.next(40);
            let names: Vec<String> = (0..count)
                .map(|_| {
                    let stem = ["customer", "cust", "a", "shop-owner", "b2b", "Freelancer", "étudiant"][random.next(7)];
                    format!("{stem}{}", random.next(60 - round % 50))
                })
                .collect();
            let index = NearNames::new(names.iter().map(String::as_str));
            for _ in 0..20 {
                let name = &names[random.next(names.len())];
                let edits = random.next(4);
                let wanted = misspell(&mut random, name, edits);
                let plain = did_you_mean(&wanted, names.iter().map(String::as_str));
                assert_eq!(
                    index.did_you_mean(&wanted),
                    plain,
                    "did you mean {wanted:?} among {names:?}"
                );
                let plain = single_candidate(&wanted, names.iter().map(String::as_str));
                assert_eq!(
                    index.single_candidate(&wanted),
                    plain,
                    "single {wanted:?} among {names:?}"
                );
            }
        }
    }

    #[test]
    fn long_names_are_found_by_the_scan() {
        let long = "n".repeat(100);
        let names = [long.as_str(), "short"];
        let index = NearNames::new(names);
        let wanted = format!("{long}xx");
        assert_eq!(index.did_you_mean(&wanted), Some(long.as_str()));
        assert_eq!(index.did_you_mean(&wanted), did_you_mean(&wanted, names));
    }

    #[test]
    fn many_misspellings_among_many_names_stay_fast_and_exact() {
        // The shape that was quadratic: each of 20,000 references misspelt
        // by one edit among 20,000 names. Within one edit, the index never
        // scans, so the budget is untouched.
        let names: Vec<String> = (0..20_000).map(|n| format!("customer-{n}")).collect();
        let index = NearNames::new(names.iter().map(String::as_str));
        for n in (0..20_000).step_by(7) {
            let wanted = format!("custmer-{n}");
            assert_eq!(index.did_you_mean(&wanted), Some(names[n].as_str()));
        }
        assert_eq!(index.budget.load(Ordering::Relaxed), SCAN_BUDGET);
    }

    #[test]
    fn a_spent_budget_gives_no_answer_rather_than_a_partial_one() {
        let names: Vec<String> = (0..2_000).map(|n| format!("segment-number-{n:05}")).collect();
        let index = NearNames::new(names.iter().map(String::as_str));
        index.budget.store(0, Ordering::Relaxed);
        // Two edits away: needs the scan, which has nothing left.
        assert_eq!(index.did_you_mean("segmnt-numbr-00042"), None);
        // One edit away: never needs it.
        assert_eq!(index.did_you_mean("segment-numbr-00042"), Some("segment-number-00042"));
    }
}
