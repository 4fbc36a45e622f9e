//! Diagnostics as plain data, shared by the command line and the language
//! server. Only the command line turns them into miette reports
//! (see [`crate::render`]).
//!
//! Invariants: the first label is the primary one; labels point into the
//! source they were made for (clamped when rendered); a diagnostic without
//! labels is about the whole file; no message, label or help repeats a word
//! (a name, a string) of more than [`MAX_WORD_SHOWN`]
//! characters in full.

use crate::code::{Code, Severity};
use crate::span::Span;

/// A span of source with a short message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// Where, in bytes of the source.
    pub span: Span,
    /// What the label says there.
    pub message: String,
}

impl Label {
    /// A label on `span`.
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Label {
            span,
            message: cut_long_words(message.into()),
        }
    }
}

/// A replacement of one span of the source: a fix that is certain, such
/// as the one close candidate of a did-you-mean.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// The text replaced, in bytes of the source.
    pub span: Span,
    /// What is written in its place.
    pub replacement: String,
}

/// One problem found in a canvas.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule that found it.
    pub code: Code,
    /// How serious it is (a level may raise it to an error).
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where: the first label is the primary one; none for the whole file.
    pub labels: Vec<Label>,
    /// How to put it right, when there is something to say.
    pub help: Option<String>,
    /// A machine-applicable fix, when there is exactly one likely one.
    pub fix: Option<Edit>,
}

impl Diagnostic {
    /// A diagnostic of `code` at its usual severity, labelled at `span`.
    pub fn new(code: Code, message: impl Into<String>, span: Span, label: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            message: cut_long_words(message.into()),
            labels: vec![Label::new(span, label)],
            help: None,
            fix: None,
        }
    }

    /// A diagnostic about the whole file, with no label.
    pub fn whole_file(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            message: cut_long_words(message.into()),
            labels: Vec::new(),
            help: None,
            fix: None,
        }
    }

    /// Adds a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(cut_long_words(help.into()));
        self
    }

    /// Adds a help line only when there is one.
    pub fn with_optional_help(mut self, help: Option<String>) -> Self {
        self.help = help.map(cut_long_words);
        self
    }

    /// Offers `replacement` for `span` as the fix.
    pub fn with_fix(mut self, span: Span, replacement: impl Into<String>) -> Self {
        self.fix = Some(Edit {
            span,
            replacement: replacement.into(),
        });
        self
    }

    /// Adds `fix`, when there is one.
    pub fn with_optional_fix(mut self, fix: Option<Edit>) -> Self {
        self.fix = fix;
        self
    }

    /// Suggests the near name `candidate` for the primary span, as help and fix.
    pub fn suggest(self, candidate: &str) -> Self {
        let span = self.primary_span().unwrap_or_default();
        self.with_help(format!("did you mean `{candidate}`?"))
            .with_fix(span, candidate)
    }

    /// Adds a secondary label, such as the first of two duplicates.
    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label::new(span, message));
        self
    }

    /// The span of the primary label, if any.
    pub fn primary_span(&self) -> Option<Span> {
        self.labels.first().map(|label| label.span)
    }

    /// Whether it fails the check.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Puts diagnostics in source order: whole-file problems first, then by the
/// start of the primary label. The sort is stable, so diagnostics at one
/// place keep the order in which the rules found them.
pub(crate) fn sort_in_source_order(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|diagnostic| diagnostic.primary_span().map(|span| span.start()));
}

/// Names and texts longer than this get no did-you-mean.
pub(crate) const MAX_SUGGESTION_LENGTH: usize = 200;

/// The name closest to `wanted` among `candidates`, when one is close enough
/// to be a likely misspelling.
pub(crate) fn did_you_mean<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // Edit distance is quadratic in length; no one misspells a name this long.
    if wanted.len() > MAX_SUGGESTION_LENGTH {
        return None;
    }
    let wanted_lower = wanted.to_lowercase();
    let limit = (wanted.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .filter(|candidate| *candidate != wanted)
        // Lengths that differ by more than the limit cannot be within it;
        // skipping them keeps long names from costing quadratic time.
        .filter(|candidate| candidate.len() <= MAX_SUGGESTION_LENGTH)
        .filter(|candidate| candidate.chars().count().abs_diff(wanted.chars().count()) <= limit)
        .map(|candidate| {
            let distance = strsim::damerau_levenshtein(&wanted_lower, &candidate.to_lowercase());
            (distance, candidate)
        })
        .filter(|(distance, _)| *distance <= limit)
        // Among candidates equally near, the first in alphabetical order:
        // names come from hash tables, whose order changes from run to run,
        // and the same canvas must always get the same suggestion.
        .min_by_key(|&(distance, candidate)| (distance, candidate))
        .map(|(_, candidate)| candidate)
}

/// The one close candidate for `wanted`, when exactly one is nearest: what a
/// misspelling is read as for everything but its own diagnostic (§4 "One
/// mistake, one diagnostic"). Two candidates at the same distance leave the
/// reader unsure, so neither is chosen.
pub(crate) fn single_candidate<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if wanted.len() > MAX_SUGGESTION_LENGTH {
        return None;
    }
    let wanted_lower = wanted.to_lowercase();
    let limit = (wanted.chars().count() / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    let mut tied = false;
    for candidate in candidates {
        if candidate == wanted
            || candidate.len() > MAX_SUGGESTION_LENGTH
            || candidate.chars().count().abs_diff(wanted.chars().count()) > limit
        {
            continue;
        }
        let distance = strsim::damerau_levenshtein(&wanted_lower, &candidate.to_lowercase());
        if distance > limit {
            continue;
        }
        match best {
            Some((nearest, other)) if distance == nearest && other != candidate => tied = true,
            Some((nearest, _)) if distance >= nearest => {}
            _ => {
                best = Some((distance, candidate));
                tied = false;
            }
        }
    }
    if tied {
        return None;
    }
    best.map(|(_, candidate)| candidate)
}

/// `a segment`, `an activity`: the noun with its indefinite article.
pub(crate) fn a(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}

/// Help for an unknown name with no near candidate: the candidates
/// themselves, when there are few enough to list.
pub(crate) fn candidates_help<'a>(what: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    // Only whether there are more than eight matters, and a namespace may
    // hold thousands of names: look at nine at most.
    let mut candidates: Vec<&str> = candidates.into_iter().take(9).collect();
    candidates.sort_unstable();
    match candidates.len() {
        0 => Some(format!("this canvas defines no {what} yet")),
        1..=8 => Some(format!(
            "the {what} defined here: {}",
            candidates
                .iter()
                .map(|name| format!("`{name}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        _ => None,
    }
}

/// The longest word (a run without spaces: a name, a quoted string) a
/// diagnostic's message, label or help repeats in full; a longer one is cut
/// to its start, an ellipsis and its last characters, as long lines are in
/// excerpts. The source keeps it whole, and a fix's replacement is never cut.
pub(crate) const MAX_WORD_SHOWN: usize = 256;

/// `text` with every word over [`MAX_WORD_SHOWN`] characters cut: its first
/// 200, `…`, its last 2 (so a closing backtick or quote stays), and how long
/// it was. Linear in the text; a short text is returned as it is.
pub(crate) fn cut_long_words(text: String) -> String {
    if text.len() <= MAX_WORD_SHOWN
        || !text
            .split(char::is_whitespace)
            .any(|word| word.len() > MAX_WORD_SHOWN && word.chars().count() > MAX_WORD_SHOWN)
    {
        return text;
    }
    let mut cut = String::with_capacity(MAX_WORD_SHOWN * 4);
    let mut rest = text.as_str();
    while !rest.is_empty() {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (word, after) = rest.split_at(end);
        let count = word.chars().count();
        if count > MAX_WORD_SHOWN {
            cut.extend(word.chars().take(200));
            cut.push_str(&format!("…({count} characters)…"));
            cut.extend(word.chars().skip(count - 2));
        } else {
            cut.push_str(word);
        }
        let spaces = after.len() - after.trim_start().len();
        cut.push_str(&after[..spaces]);
        rest = &after[spaces..];
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::{cut_long_words, did_you_mean};

    #[test]
    fn equally_near_candidates_give_the_same_suggestion_in_any_order() {
        // `custmer-1802` is two edits from both.
        let mut candidates = ["customer-802", "customer-102", "customer-7"];
        for _ in 0..candidates.len() {
            candidates.rotate_left(1);
            assert_eq!(
                did_you_mean("custmer-1802", candidates.iter().copied()),
                Some("customer-102")
            );
        }
    }

    #[test]
    fn long_words_are_cut_and_short_ones_kept() {
        let name = "x".repeat(100_000);
        let cut = cut_long_words(format!("no segment named `{name}` here"));
        assert!(cut.len() < 400, "{}", cut.len());
        assert!(cut.starts_with("no segment named `xxx"));
        assert!(cut.ends_with("x` here"));
        assert!(cut.contains("…(100002 characters)…"));
        let short = "no segment named `tea-lovers`".to_string();
        assert_eq!(cut_long_words(short.clone()), short);
        // Multi-byte words are cut at character boundaries.
        let cut = cut_long_words("é".repeat(500));
        assert!(cut.starts_with(&"é".repeat(200)) && cut.ends_with("éé"));
    }
}
