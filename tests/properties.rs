//! Property tests: random valid canvases survive formatting with the same
//! model, and random edits of real canvases never crash `check`, the
//! formatter or the language server's features.

use proptest::prelude::*;

const SEGMENT_TYPES: &[&str] = &["mass-market", "niche", "segmented", "diversified", "multi-sided"];
const RELATIONSHIP_TYPES: &[&str] = &[
    "personal-assistance",
    "self-service",
    "community",
    "co-creation",
    "subscription",
];
const PHASES: &[&str] = &["awareness", "evaluation", "purchase", "delivery", "after-sales"];

/// Layout noise the formatter must see through.
fn blank() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(" ".to_string()),
        Just("  ".to_string()),
        Just("\t".to_string()),
        Just(" ".to_string())
    ]
}

fn separator() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\n  ".to_string()),
        Just("\n\n  ".to_string()),
        Just(" # note\n  ".to_string()),
        Just("; ".to_string()),
        Just("\n# own line\n  ".to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    "[a-z ]{1,12}".prop_map(|text| format!("\"{}\"", text.trim()))
}

/// A statement of a segment block, with its value.
fn segment_statement(segments: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(SEGMENT_TYPES).prop_map(|value| format!("type {value}")),
        text().prop_map(|need| format!("need {need}")),
        (1u32..1_000_000).prop_map(|size| format!("size {size}")),
        prop::sample::select(RELATIONSHIP_TYPES).prop_map(|value| format!("expects {value}")),
        (0..segments).prop_map(|other| format!("linked s{other}")),
        text().prop_map(|pain| format!("pain {pain}")),
    ]
}

fn channel_statement(segments: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        (0..segments).prop_map(|segment| format!("reaches s{segment}")),
        (prop::sample::select(PHASES), prop::option::of(text()))
            .prop_map(|(phase, how)| format!("phase {phase}{}", how.map(|how| format!(" {how}")).unwrap_or_default())),
        (1u32..10_000, 0u32..100).prop_map(|(whole, cents)| format!("cost {whole}.{cents:02} EUR per month")),
    ]
}

fn block(keyword: &'static str, name: String, statements: Vec<String>, separators: Vec<String>, pad: String) -> String {
    let mut body = String::new();
    for (statement, separator) in statements.iter().zip(separators.iter().cycle()) {
        body.push_str(statement);
        body.push_str(separator);
    }
    format!("{keyword}{pad}{name}{pad}{{\n  {body}\n}}\n")
}

fn canvas() -> impl Strategy<Value = String> {
    (1usize..6).prop_flat_map(|segments| {
        let segment_blocks = prop::collection::vec(
            (
                prop::collection::vec(segment_statement(segments), 0..5),
                prop::collection::vec(separator(), 1..3),
                blank(),
            ),
            segments,
        );
        let channels = prop::collection::vec(
            (
                prop::collection::vec(channel_statement(segments), 1..6),
                prop::collection::vec(separator(), 1..3),
                blank(),
            ),
            0..3,
        );
        let relationships = prop::collection::vec((prop::sample::select(RELATIONSHIP_TYPES), 0..segments), 0..3);
        (segment_blocks, channels, relationships).prop_map(|(segment_blocks, channels, relationships)| {
            let mut source = String::from("# generated\ncanvas \"Property\" { currency EUR }\n\n");
            for (index, (statements, separators, pad)) in segment_blocks.into_iter().enumerate() {
                source.push_str(&block("segment", format!("s{index}"), statements, separators, pad));
            }
            for (index, (statements, separators, pad)) in channels.into_iter().enumerate() {
                source.push_str(&block("channel", format!("c{index}"), statements, separators, pad));
            }
            for (index, (kind, segment)) in relationships.into_iter().enumerate() {
                source.push_str(&format!("relationship {kind} \"r{index}\" {{ for s{segment} }}\n"));
            }
            source
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn formatting_keeps_the_model_and_is_idempotent(source in canvas()) {
        let before = canvasc::check("before.canvas", &source);
        prop_assert!(before.parsed_cleanly(), "generated text must parse:\n{source}");
        let once = canvasc::fmt::format_source(&source).expect("it parses");
        let after = canvasc::check("after.canvas", &once);
        prop_assert_eq!(
            canvasc::output::json::model_json(&before.model),
            canvasc::output::json::model_json(&after.model)
        );
        prop_assert_eq!(canvasc::fmt::format_source(&once), Some(once.clone()));
    }

    #[test]
    fn random_edits_never_crash_check_fmt_or_the_language_server(
        edits in prop::collection::vec((0usize..4_000, prop::sample::select(vec!["", "{", "}", "\"", "#", ",", ";", "\n", "\r", "é", "😀", "-", "\u{202E}", "\0", "segment x", "per"])), 1..8)
    ) {
        let mut source = include_str!("../examples/beauty-shop.canvas").to_string();
        for (position, insert) in edits {
            let mut at = position.min(source.len());
            while !source.is_char_boundary(at) {
                at -= 1;
            }
            // Delete a character, then insert the fragment.
            let next = source[at..].chars().next().map_or(0, char::len_utf8);
            source.replace_range(at..at + next, insert);
        }
        let checked = canvasc::check("edited.canvas", &source);
        let _ = canvasc::render::render_all(&checked.name, &checked.source, &checked.diagnostics, canvasc::render::Style::plain());
        if let Some(formatted) = canvasc::fmt::format_source(&source) {
            prop_assert_eq!(canvasc::fmt::format_source(&formatted), Some(formatted.clone()));
        }
        canvasc::testing::exercise(&source, 97);
    }
}
