//! Limits: the most canvasc reads, parses and reports, each with its own
//! code (see "Limits and hostile input" in `docs/reference.md`).
//!
//! Invariants:
//!
//! - No valid file under [`MAX_FILE_SIZE`] reaches [`PARSER_CALL_LIMIT`]:
//!   the limit is a measured bound of the grammar's calls per byte
//!   (`examples/parser_calls.rs`), with room to spare, times that size.
//! - [`Capped`] never changes whether a file has errors: the one
//!   `too-many-diagnostics` that replaces the dropped diagnostics takes the
//!   highest severity among them.

use crate::code::{Code, Severity};
use crate::diagnostic::Diagnostic;

/// The largest file canvasc reads: far beyond any hand-written canvas.
pub const MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

/// The most diagnostics one file reports; the rest are counted in one
/// `too-many-diagnostics`. Far above what a canvas written by a person has
/// (10,000 duplicate blocks give 9,999), and low enough that holding them
/// stays within the memory bound of a 1 MB file (a diagnostic takes about
/// 400 bytes, and each of the chunks a file is parsed in holds its own
/// until they are joined): 10,000 of them are 4 MB.
pub const MAX_DIAGNOSTICS_PER_FILE: usize = 10_000;

/// A bound on the counted pest calls the grammar makes per byte of text.
/// `cargo run --example parser_calls` measured 3.0 to 3.9 on the examples
/// and a generated canvas, and at most 33.0 on hostile shapes (the worst:
/// one-letter items, `a` and a line break, 66 calls each; then empty blocks,
/// 26.7, and one-word statements, 18.5); this is about twice the worst.
pub const PARSER_CALLS_PER_BYTE: u64 = 64;

/// The call limit set on pest (`pest::set_call_limit`): the calls-per-byte
/// bound times the largest text one parse can receive, a whole file of
/// [`MAX_FILE_SIZE`]: 17,179,869,184 calls (on a 32-bit target, where that
/// is more than a `usize`, the largest `usize`). Reaching it is a
/// `too-large` diagnostic, never a hang or a panic.
pub(crate) const PARSER_CALL_LIMIT: usize = {
    let limit = PARSER_CALLS_PER_BYTE * MAX_FILE_SIZE;
    if limit > usize::MAX as u64 {
        usize::MAX
    } else {
        limit as usize
    }
};

/// The most digits a number may have (reference §2); a longer one is an
/// `invalid-value`. Exact arithmetic on decimal text is quadratic in its
/// length: 1,000 digits cost microseconds, 200,000 cost seconds.
pub(crate) const MAX_NUMBER_DIGITS: usize = 1000;

/// How many digits a number literal has (`_` separators and the decimal
/// point are not digits), in one pass.
pub(crate) fn digits(text: &str) -> usize {
    text.bytes().filter(u8::is_ascii_digit).count()
}

/// How many threads one check may use (to parse a file, derive its facts
/// and run its rules): one per core, at most 8.
///
/// The one place where the browser build differs (playground/): WebAssembly
/// in a page has one thread, and its standard library cannot start another,
/// so there every file is parsed in order, on the calling thread. Nothing
/// else in the library depends on the target.
pub(crate) fn threads() -> usize {
    #[cfg(target_family = "wasm")]
    {
        1
    }
    #[cfg(not(target_family = "wasm"))]
    {
        std::thread::available_parallelism().map_or(1, |n| n.get()).min(8)
    }
}

/// `256 MiB`: a size in mebibytes, with one decimal when it has one.
fn mebibytes(bytes: u64) -> String {
    let tenths = bytes * 10 / (1024 * 1024);
    if tenths % 10 == 0 {
        format!("{} MiB", tenths / 10)
    } else {
        format!("{}.{} MiB", tenths / 10, tenths % 10)
    }
}

/// The `too-large` diagnostic of a file over [`MAX_FILE_SIZE`], which is
/// refused before it is read. `name` is the file's name (`-` for standard
/// input), named in the message because the diagnostic has no label to show
/// it; `size` is its size when known (standard input is only known to be
/// larger).
pub fn too_large(name: &str, size: Option<u64>) -> Diagnostic {
    let limit = mebibytes(MAX_FILE_SIZE);
    let what = if name == "-" {
        "standard input".to_string()
    } else {
        format!("`{name}`")
    };
    let message = match size {
        Some(size) => format!(
            "{what} is {} ({size} bytes), more than the {limit} canvasc reads; it was not read",
            mebibytes(size)
        ),
        None => format!("{what} is more than the {limit} canvasc reads; it was not read"),
    };
    Diagnostic::whole_file(Code::TooLarge, message).with_help(
        "a canvas is a page of text: check that this is the file you meant, or split it into several canvases",
    )
}

/// What a [`Capped`] let go: how many of each severity, and the first of
/// them in source order (its position and its label's span).
#[derive(Clone, Debug, Default)]
struct Dropped {
    counts: [usize; 3],
    first: Option<(Option<usize>, Option<crate::span::Span>)>,
}

impl Dropped {
    fn add(&mut self, diagnostic: &Diagnostic) {
        let severity = match diagnostic.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Advice => 2,
        };
        self.counts[severity] += 1;
        let key = diagnostic.primary_span().map(|span| span.start());
        self.keep_first(key, diagnostic.primary_span());
    }

    fn merge(&mut self, other: Dropped) {
        for (count, more) in self.counts.iter_mut().zip(other.counts) {
            *count += more;
        }
        if let Some((key, span)) = other.first {
            self.keep_first(key, span);
        }
    }

    /// Keeps the earlier of the first so far and this one; at one place,
    /// the shorter label, so the result never depends on arrival order.
    fn keep_first(&mut self, key: Option<usize>, span: Option<crate::span::Span>) {
        let order = |span: Option<crate::span::Span>| span.map(|span| span.end());
        if self
            .first
            .is_none_or(|(first, first_span)| (key, order(span)) < (first, order(first_span)))
        {
            self.first = Some((key, span));
        }
    }

    fn total(&self) -> usize {
        self.counts.iter().sum()
    }
}

/// The diagnostics of one file as they are found, holding at most 1.5 times
/// the cap at any time: whenever that many are held,
/// they are put in source order and all but the first cap are counted and
/// let go. So a file with millions of findings never holds millions of
/// diagnostics, and [`Capped::finish`] gives exactly what sorting all of
/// them and keeping the first [`MAX_DIAGNOSTICS_PER_FILE`] would. Diagnostics at one place are ordered by
/// the rank of what found them ([`Capped::ranked`]: parsing first, then
/// each rule in turn), then in the order they were pushed; so the order
/// never depends on which thread finished first.
#[derive(Clone, Debug)]
pub struct Capped {
    kept: Vec<(u32, Diagnostic)>,
    dropped: Dropped,
    limit: usize,
    /// The rank given to what is pushed from now on.
    rank: u32,
    /// Once `limit` are kept: the position of the last of them in source
    /// order. Anything found after it can never be among the first
    /// `limit`, so it is counted and let go at once, never held.
    horizon: Option<usize>,
}

impl Default for Capped {
    fn default() -> Self {
        Capped::new(MAX_DIAGNOSTICS_PER_FILE)
    }
}

impl Capped {
    /// A collector that keeps the first `limit` diagnostics in source order.
    pub fn new(limit: usize) -> Self {
        Capped {
            kept: Vec::new(),
            dropped: Dropped::default(),
            limit,
            rank: 0,
            horizon: None,
        }
    }

    /// A collector at the file's cap whose diagnostics come, at one place,
    /// after those of lower ranks, whenever it is absorbed.
    pub fn ranked(rank: u32) -> Self {
        Capped {
            rank,
            ..Capped::default()
        }
    }

    /// Ranks what is pushed from now on (see [`Capped::ranked`]).
    pub fn set_rank(&mut self, rank: u32) {
        self.rank = rank;
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.push_ranked(self.rank, diagnostic);
    }

    /// Where the first `limit` diagnostics in source order are known to
    /// end: a diagnostic that starts after it would be let go (see
    /// [`Capped::count_dropped`]).
    pub fn horizon(&self) -> Option<usize> {
        self.horizon
    }

    /// Counts `diagnostic` as let go without holding it: for a finder that
    /// knows it starts past another collector's [`Capped::horizon`].
    pub fn count_dropped(&mut self, diagnostic: &Diagnostic) {
        self.dropped.add(diagnostic);
    }

    fn push_ranked(&mut self, rank: u32, diagnostic: Diagnostic) {
        let start = diagnostic.primary_span().map(|span| span.start());
        if let (Some(horizon), Some(start)) = (self.horizon, start) {
            if start > horizon {
                self.dropped.add(&diagnostic);
                return;
            }
        }
        self.kept.push((rank, diagnostic));
        // Half the cap again before each sort: memory stays within 1.5
        // times the cap, and sorting costs a few comparisons per diagnostic.
        if self.kept.len() >= self.limit.saturating_add(self.limit / 2).max(1) {
            self.trim();
        }
    }

    /// Takes every diagnostic of `diagnostics`, in order.
    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        for diagnostic in diagnostics {
            self.push(diagnostic);
        }
    }

    /// Takes what another collector kept and let go, after what this one holds.
    pub fn absorb(&mut self, other: Capped) {
        self.dropped.merge(other.dropped);
        for (rank, diagnostic) in other.kept {
            self.push_ranked(rank, diagnostic);
        }
    }

    /// Drops what `keep` refuses among the diagnostics held (an `allow`).
    /// Call it before more than the cap was found: what was already let
    /// go past the horizon cannot come back.
    pub fn retain(&mut self, mut keep: impl FnMut(&Diagnostic) -> bool) {
        let before = self.kept.len();
        self.kept.retain(|(_, diagnostic)| keep(diagnostic));
        if self.kept.len() < before {
            self.horizon = None;
        }
    }

    /// Sorts what is held and lets go of all but the first `limit`.
    fn trim(&mut self) {
        self.kept
            .sort_by_key(|(rank, diagnostic)| (diagnostic.primary_span().map(|span| span.start()), *rank));
        if self.kept.len() > self.limit {
            for (_, diagnostic) in self.kept.drain(self.limit..) {
                self.dropped.add(&diagnostic);
            }
        }
        if self.kept.len() == self.limit {
            self.horizon = self
                .kept
                .last()
                .and_then(|(_, diagnostic)| diagnostic.primary_span())
                .map(|span| span.start());
        }
    }

    /// The first `limit` diagnostics in source order, then, if any were let
    /// go, one `too-many-diagnostics` that counts them (as [`cap`] words it).
    pub fn finish(mut self) -> Vec<Diagnostic> {
        self.trim();
        let mut diagnostics: Vec<Diagnostic> = self.kept.into_iter().map(|(_, diagnostic)| diagnostic).collect();
        if self.dropped.total() == 0 {
            return diagnostics;
        }
        let [errors, warnings, advice] = self.dropped.counts;
        let dropped = self.dropped.total();
        let counts: Vec<String> = [
            (errors, "error", "errors"),
            (warnings, "warning", "warnings"),
            (advice, "advice", "advice"),
        ]
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
        .collect();
        let severity = if errors > 0 {
            Severity::Error
        } else if warnings > 0 {
            Severity::Warning
        } else {
            Severity::Advice
        };
        let message = format!(
            "{dropped} more {} not reported ({}): canvasc reports at most {} per file",
            if dropped == 1 { "diagnostic" } else { "diagnostics" },
            counts.join(", "),
            self.limit
        );
        let mut diagnostic = match self.dropped.first.and_then(|(_, span)| span) {
            Some(span) => Diagnostic::new(Code::TooManyDiagnostics, message, span, "the first one not reported"),
            None => Diagnostic::whole_file(Code::TooManyDiagnostics, message),
        }
        .with_help("fix the diagnostics reported and check again: the others will show");
        diagnostic.severity = severity;
        diagnostics.push(diagnostic);
        diagnostics
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What [`Capped`] must give, the plain way: keeps the first `limit`
    /// diagnostics and replaces the rest by one
    /// `too-many-diagnostics`, labelled where the first dropped one was (so
    /// source order holds), with the highest severity among the dropped ones
    /// (so a file with errors still has errors, and one without gains none).
    fn cap(diagnostics: &mut Vec<Diagnostic>, limit: usize) {
        if diagnostics.len() <= limit {
            return;
        }
        let dropped = diagnostics.split_off(limit);
        let count = |severity: Severity| dropped.iter().filter(|d| d.severity == severity).count();
        let counts: Vec<String> = [
            (count(Severity::Error), "error", "errors"),
            (count(Severity::Warning), "warning", "warnings"),
            (count(Severity::Advice), "advice", "advice"),
        ]
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
        .collect();
        let severity = dropped.iter().map(|d| d.severity).max().unwrap_or(Severity::Advice);
        let message = format!(
            "{} more {} not reported ({}): canvasc reports at most {limit} per file",
            dropped.len(),
            if dropped.len() == 1 {
                "diagnostic"
            } else {
                "diagnostics"
            },
            counts.join(", ")
        );
        let mut diagnostic = match dropped.first().and_then(Diagnostic::primary_span) {
            Some(span) => Diagnostic::new(Code::TooManyDiagnostics, message, span, "the first one not reported"),
            None => Diagnostic::whole_file(Code::TooManyDiagnostics, message),
        }
        .with_help("fix the diagnostics reported and check again: the others will show");
        diagnostic.severity = severity;
        diagnostics.push(diagnostic);
    }

    use crate::span::Span;

    fn at(code: Code, start: usize) -> Diagnostic {
        Diagnostic::new(code, "m", Span::new(start, start + 1), "l")
    }

    #[test]
    fn under_the_cap_nothing_changes() {
        let mut diagnostics = vec![at(Code::NoChannel, 1), at(Code::Syntax, 2)];
        let before = diagnostics.clone();
        cap(&mut diagnostics, 2);
        assert_eq!(diagnostics, before);
    }

    #[test]
    fn over_the_cap_the_rest_are_counted_at_the_first_dropped() {
        let mut diagnostics: Vec<Diagnostic> = (0..5).map(|i| at(Code::NoChannel, i)).collect();
        diagnostics.push(at(Code::UnmetGain, 9));
        cap(&mut diagnostics, 3);
        assert_eq!(diagnostics.len(), 4);
        let last = &diagnostics[3];
        assert_eq!(last.code, Code::TooManyDiagnostics);
        assert_eq!(
            last.message,
            "3 more diagnostics not reported (2 warnings, 1 advice): canvasc reports at most 3 per file"
        );
        assert_eq!(last.primary_span(), Some(Span::new(3, 4)));
        assert_eq!(last.severity, Severity::Warning);
    }

    #[test]
    fn the_cap_never_changes_whether_a_file_has_errors() {
        // A dropped error makes the replacement an error.
        let mut diagnostics = vec![
            at(Code::NoChannel, 1),
            at(Code::NoChannel, 2),
            at(Code::UnknownReference, 3),
        ];
        cap(&mut diagnostics, 1);
        assert!(diagnostics.iter().any(Diagnostic::is_error));
        assert_eq!(diagnostics[1].severity, Severity::Error);
        assert!(diagnostics[1].message.contains("(1 error, 1 warning)"));
        // Dropped advice alone stays advice.
        let mut diagnostics = vec![
            at(Code::NoChannel, 1),
            at(Code::Unclassified, 2),
            at(Code::Unclassified, 3),
        ];
        cap(&mut diagnostics, 1);
        assert!(!diagnostics.iter().any(Diagnostic::is_error));
        assert_eq!(diagnostics[1].severity, Severity::Advice);
    }

    #[test]
    fn ranked_findings_give_one_order_whatever_order_they_arrive_in() {
        // Three "rules" finding things at the same places, as the rules do
        // on two threads: absorbed in every order, one result.
        let batches: Vec<Vec<Diagnostic>> = [Code::NoChannel, Code::NoRelationship, Code::Unclassified]
            .into_iter()
            .map(|code| (0..30).map(|n| at(code, n % 7)).collect())
            .collect();
        let orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
        let results: Vec<Vec<Diagnostic>> = orders
            .iter()
            .map(|order| {
                let mut all = Capped::new(40);
                all.push(at(Code::UnknownValue, 3));
                for &rule in order {
                    let mut found = Capped::ranked(rule as u32 + 1);
                    found.limit = 40;
                    found.extend(batches[rule].iter().cloned());
                    all.absorb(found);
                }
                all.finish()
            })
            .collect();
        for result in &results[1..] {
            assert_eq!(result, &results[0]);
        }
        // And it is the order of one thread running them in turn.
        let mut in_turn: Vec<Diagnostic> = std::iter::once(at(Code::UnknownValue, 3))
            .chain(batches.iter().flatten().cloned())
            .collect();
        crate::diagnostic::sort_in_source_order(&mut in_turn);
        cap(&mut in_turn, 40);
        assert_eq!(results[0], in_turn);
    }

    #[test]
    fn what_is_past_the_horizon_may_be_counted_without_being_held() {
        // A rule's finder sees the file's horizon and only counts what lies
        // past it: the file's result is the same as if it had held it all.
        let found: Vec<Diagnostic> = (0..60).map(|n| at(Code::NoChannel, (n * 37) % 50)).collect();
        let mut held = Capped::new(20);
        held.extend(found.iter().cloned());
        let mut counted = Capped::new(20);
        counted.extend(found[..30].iter().cloned());
        let horizon = counted.horizon().expect("30 of a cap of 20 were trimmed once");
        let mut rule = Capped::ranked(1);
        for diagnostic in &found[30..] {
            if diagnostic.primary_span().is_some_and(|span| span.start() > horizon) {
                rule.count_dropped(diagnostic);
            } else {
                rule.push(diagnostic.clone());
            }
        }
        let mut expected = Capped::new(20);
        expected.extend(found[..30].iter().cloned());
        let mut all_of_rule = Capped::ranked(1);
        all_of_rule.extend(found[30..].iter().cloned());
        expected.absorb(all_of_rule);
        counted.absorb(rule);
        assert_eq!(counted.finish(), expected.finish());
        assert_eq!(held.finish().len(), 21);
    }

    #[test]
    fn collecting_capped_gives_what_capping_everything_gives() {
        // Pseudo-random positions and codes, pushed out of order, through
        // many trims: the result is the sort-then-cap of all of them.
        let mut state = 12_345u64;
        let mut next = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize
        };
        let codes = [Code::NoChannel, Code::UnknownValue, Code::Unclassified];
        for limit in [1, 3, 10, 50] {
            let all: Vec<Diagnostic> = (0..400)
                .map(|_| {
                    let code = codes[next() % 3];
                    if next() % 40 == 0 {
                        Diagnostic::whole_file(code, "w")
                    } else {
                        at(code, next() % 97)
                    }
                })
                .collect();
            let mut expected = all.clone();
            crate::diagnostic::sort_in_source_order(&mut expected);
            cap(&mut expected, limit);
            let mut capped = Capped::new(limit);
            let (first, second) = all.split_at(150);
            let mut other = Capped::new(limit);
            other.extend(second.iter().cloned());
            capped.extend(first.iter().cloned());
            capped.absorb(other);
            assert_eq!(capped.finish(), expected, "limit {limit}");
        }
    }

    #[test]
    fn sizes_are_in_mebibytes() {
        assert_eq!(mebibytes(MAX_FILE_SIZE), "256 MiB");
        assert_eq!(mebibytes(300 * 1024 * 1024 + 512 * 1024), "300.5 MiB");
        let diagnostic = too_large("huge.canvas", Some(300 * 1024 * 1024));
        assert_eq!(diagnostic.code, Code::TooLarge);
        assert!(diagnostic.labels.is_empty());
        assert_eq!(
            diagnostic.message,
            "`huge.canvas` is 300 MiB (314572800 bytes), more than the 256 MiB canvasc reads; it was not read"
        );
        assert!(too_large("-", None)
            .message
            .starts_with("standard input is more than the 256 MiB"));
    }
}
