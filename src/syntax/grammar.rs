//! The pest grammar (`grammar/canvas.pest`) and the words of the language
//! that the parser itself needs: the keywords that start items, and what
//! may continue a name.

use crate::blocks::BlockKind;

#[derive(pest_derive::Parser)]
#[grammar = "grammar/canvas.pest"]
pub(super) struct CanvasParser;

/// The words that may start a top-level item, and so where parsing resumes
/// after a syntax error: the header's `canvas`, then `allow` and
/// `scenario`, then every block's keyword ([`BlockKind::ALL`]).
pub(crate) const TOP_LEVEL_KEYWORDS: &[&str] = &top_level_keywords();

/// How many words start a top-level item: the header and the blocks, and
/// `allow` and `scenario`.
const TOP_LEVEL_COUNT: usize = BlockKind::ALL.len() + 2;

const fn top_level_keywords() -> [&'static str; TOP_LEVEL_COUNT] {
    let mut words = [""; TOP_LEVEL_COUNT];
    words[0] = BlockKind::Header.keyword();
    words[1] = "allow";
    words[2] = "scenario";
    // `BlockKind::ALL` starts with the header, already first.
    let mut index = 1;
    while index < BlockKind::ALL.len() {
        words[index + 2] = BlockKind::ALL[index].keyword();
        index += 1;
    }
    words
}

/// Sets pest's call limit, once per process, before the first parse: a
/// bound no text within `MAX_FILE_SIZE` reaches (see [`crate::limits`]),
/// so a parse always ends; reaching it is a `too-large` diagnostic.
pub(super) fn limit_parser_calls() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| pest::set_call_limit(std::num::NonZeroUsize::new(crate::limits::PARSER_CALL_LIMIT)));
}

pub(super) fn continues_name(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_keyword_that_starts_an_item_once() {
        assert_eq!(
            TOP_LEVEL_KEYWORDS,
            [
                "canvas",
                "allow",
                "scenario",
                "segment",
                "proposition",
                "relationship",
                "channel",
                "revenue",
                "cost",
                "partner",
                "activity",
                "resource",
            ]
        );
        for kind in BlockKind::ALL {
            assert!(TOP_LEVEL_KEYWORDS.contains(&kind.keyword()), "{kind:?}");
        }
    }
}
