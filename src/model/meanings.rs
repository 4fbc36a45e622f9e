//! What keywords and enumeration values mean in the canvas method: the
//! short explanations the language server shows on hover and completion.
//! A value's meaning is its enumeration's ([`super::enums::Vocabulary`]);
//! a statement's is its spec's ([`super::statements`]).

use super::enums::VOCABULARIES;

/// The meaning of `value` as a value of the first enumeration that has it,
/// for a word whose statement is not known (the language server's
/// highlighting, or a line being typed). Where the statement is known, its
/// enumeration's meaning is the one to show: `subscription` means one thing
/// as a relationship type and another as a revenue type.
pub fn value_meaning(value: &str) -> Option<&'static str> {
    VOCABULARIES.iter().find_map(|vocabulary| vocabulary.meaning(value))
}

/// What a block keyword stands for in the canvas.
pub fn block_meaning(keyword: &str) -> Option<&'static str> {
    Some(match keyword {
        "canvas" => "The header: the business model's title, description and currency.",
        "segment" => "Customer Segments: the groups of people or organisations the business aims to reach and serve.",
        "proposition" => "Value Propositions: the bundle of products and services that creates value for a segment.",
        "relationship" => "Customer Relationships: the type of relationship the business establishes with a segment.",
        "channel" => "Channels: how the business communicates with and reaches its segments, phase by phase.",
        "revenue" => "Revenue Streams: the cash the business generates from each segment.",
        "cost" => "Cost Structure: the costs incurred to operate the business model.",
        "partner" => "Key Partners: the suppliers and partners that make the business model work.",
        "activity" => "Key Activities: the most important things the business must do to make its model work.",
        "resource" => "Key Resources: the most important assets required to make the business model work.",
        "allow" => "Silences the named warnings and advice for the whole file.",
        _ => return None,
    })
}
