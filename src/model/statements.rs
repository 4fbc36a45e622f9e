//! Which statements each block takes, and how often (§3's table).
//!
//! One table serves the model builder (unknown statements), the rules
//! (`missing-field`, `duplicate-field`), the language server (completion,
//! hover) and the docs.

use super::BlockKind;

/// How often a statement may appear in a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cardinality {
    /// At least once (R* in the reference).
    Required,
    /// At most once.
    Once,
    /// At most once of each sort (`cost`, `price`: one recurring or one-off,
    /// one `per new customer`); the model builder, which reads the sort,
    /// reports a second of one sort.
    OncePerSort,
    /// Any number of times.
    Many,
}

/// A statement a block takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatementSpec {
    pub keyword: &'static str,
    pub cardinality: Cardinality,
    /// The statement's form, as in the reference (`need "..."`).
    pub form: &'static str,
    /// One sentence on what it means in the canvas method.
    pub meaning: &'static str,
}

const fn spec(
    keyword: &'static str,
    cardinality: Cardinality,
    form: &'static str,
    meaning: &'static str,
) -> StatementSpec {
    StatementSpec {
        keyword,
        cardinality,
        form,
        meaning,
    }
}

use Cardinality::{Many, Once, OncePerSort, Required};

const NOTE: StatementSpec = spec("note", Many, "note \"...\"", "A free-form note kept with the block.");
const ALLOW: StatementSpec = spec(
    "allow",
    Many,
    "allow CODE, ...",
    "Silences the named warnings and advice for this block.",
);

const HEADER: &[StatementSpec] = &[
    spec(
        "description",
        Once,
        "description \"...\"",
        "What the business does, in a sentence.",
    ),
    spec(
        "currency",
        Once,
        "currency CODE",
        "The ISO 4217 currency every amount is in; amounts may then omit it.",
    ),
    spec("version", Once, "version \"...\"", "The version of this canvas."),
    spec("owner", Once, "owner \"...\"", "Who owns this canvas."),
    NOTE,
    ALLOW,
];

const SEGMENT: &[StatementSpec] = &[
    spec(
        "type",
        Once,
        "type mass-market|niche|segmented|diversified|multi-sided",
        "How the segment relates to the market.",
    ),
    spec(
        "attribute",
        Many,
        "attribute KEY VALUE",
        "A free-form trait of the segment (age, region, income, ...).",
    ),
    spec(
        "need",
        Many,
        "need \"...\"",
        "A need the segment has, to be met by a proposition.",
    ),
    spec(
        "expects",
        Many,
        "expects REL-TYPE, ...",
        "The type of relationship the segment expects.",
    ),
    spec(
        "size",
        Once,
        "size N",
        "How many paying customers the segment has (or is planned to have).",
    ),
    spec(
        "priority",
        Once,
        "priority high|medium|low",
        "How much the segment matters to the business.",
    ),
    spec(
        "linked",
        Many,
        "linked SEGMENT, ...",
        "Another side of a multi-sided platform this segment depends on.",
    ),
    spec(
        "job",
        Many,
        "job \"...\"",
        "A job the customer is trying to get done (customer profile).",
    ),
    spec(
        "pain",
        Many,
        "pain \"...\"",
        "Something that annoys the customer or blocks the job (customer profile).",
    ),
    spec(
        "gain",
        Many,
        "gain \"...\"",
        "An outcome the customer hopes for (customer profile).",
    ),
    spec(
        "churn",
        Once,
        "churn PERCENT per PERIOD",
        "The share of the segment's customers lost per period, e.g. `churn 3% per month`.",
    ),
    spec(
        "growth",
        Once,
        "growth N per PERIOD",
        "How many new customers the segment wins per period, e.g. `growth 400 per month`.",
    ),
    NOTE,
    ALLOW,
];

const PROPOSITION: &[StatementSpec] = &[
    spec(
        "for",
        Required,
        "for SEGMENT, ...",
        "The segments this proposition creates value for.",
    ),
    spec(
        "meets",
        Many,
        "meets \"need\", ...",
        "A need of those segments this proposition meets.",
    ),
    spec(
        "kind",
        Many,
        "kind VALUE-KIND, ...",
        "How the proposition creates value (price, design, ...).",
    ),
    spec(
        "offers",
        Many,
        "offers \"...\"",
        "A product or service of the value map.",
    ),
    spec(
        "relieves",
        Many,
        "relieves \"pain\", ...",
        "A pain of the segments this proposition relieves.",
    ),
    spec(
        "creates",
        Many,
        "creates \"gain\", ...",
        "A gain of the segments this proposition creates.",
    ),
    spec(
        "helps",
        Many,
        "helps \"job\", ...",
        "A job of the segments this proposition helps get done.",
    ),
    NOTE,
    ALLOW,
];

const RELATIONSHIP: &[StatementSpec] = &[
    spec(
        "for",
        Required,
        "for SEGMENT, ...",
        "The segments this relationship is with.",
    ),
    spec(
        "link",
        Once,
        "link transactional|long-term",
        "Whether the relationship is a single transaction or lasts.",
    ),
    spec(
        "goal",
        Many,
        "goal GOAL, ...",
        "What the relationship is for: acquisition, retention, upselling, cross-selling.",
    ),
    spec(
        "via",
        Many,
        "via CHANNEL, ...",
        "The channels through which the relationship is kept.",
    ),
    spec(
        "cost",
        OncePerSort,
        "cost RATE",
        "What the relationship costs, e.g. `1.50 EUR per customer per month`, or `40 EUR per new customer` to win one.",
    ),
    NOTE,
    ALLOW,
];

const CHANNEL: &[StatementSpec] = &[
    spec(
        "reaches",
        Required,
        "reaches SEGMENT, ...",
        "The segments this channel reaches.",
    ),
    spec(
        "owner",
        Once,
        "owner own|partner",
        "Whether the company or a partner owns the channel.",
    ),
    spec(
        "type",
        Once,
        "type direct|indirect",
        "Whether the channel reaches customers directly.",
    ),
    spec(
        "mode",
        Once,
        "mode online|offline",
        "Whether the channel is online or offline.",
    ),
    spec(
        "phase",
        Many,
        "phase PHASE \"how\"",
        "A phase of the customer journey this channel covers.",
    ),
    spec(
        "partner",
        Once,
        "partner PARTNER",
        "The partner that runs this channel.",
    ),
    spec(
        "cost",
        OncePerSort,
        "cost RATE",
        "What the channel costs, e.g. `800 EUR per month`, or `30 EUR per new customer` to win one.",
    ),
    NOTE,
    ALLOW,
];

const REVENUE: &[StatementSpec] = &[
    spec("from", Required, "from SEGMENT, ...", "The segments that pay."),
    spec(
        "type",
        Once,
        "type REVENUE-TYPE",
        "How the stream earns: asset-sale, subscription, ...",
    ),
    spec(
        "pricing",
        Once,
        "pricing PRICING",
        "How the price is set: list-price, auction, ...",
    ),
    spec(
        "price",
        OncePerSort,
        "price RATE",
        "What customers pay, e.g. `12 EUR per customer per month`, or `50 EUR per new customer` as a set-up fee.",
    ),
    spec(
        "for",
        Many,
        "for PROPOSITION, ...",
        "The propositions customers pay for.",
    ),
    NOTE,
    ALLOW,
];

const COST: &[StatementSpec] = &[
    spec(
        "type",
        Once,
        "type fixed|variable",
        "Whether the cost moves with volume.",
    ),
    spec(
        "amount",
        Once,
        "amount RATE",
        "What it costs, e.g. `300 EUR per month`.",
    ),
    spec(
        "for",
        Many,
        "for RESOURCE-OR-ACTIVITY, ...",
        "The resources and activities that drive this cost.",
    ),
    NOTE,
    ALLOW,
];

const PARTNER: &[StatementSpec] = &[
    spec(
        "type",
        Once,
        "type PARTNERSHIP",
        "The kind of partnership: strategic-alliance, joint-venture, ...",
    ),
    spec(
        "motivation",
        Many,
        "motivation MOTIVATION, ...",
        "Why the partnership exists: optimization, risk-reduction, acquisition.",
    ),
    spec(
        "provides",
        Many,
        "provides RESOURCE-OR-ACTIVITY, ...",
        "The resources and activities the partner provides.",
    ),
    NOTE,
    ALLOW,
];

const ACTIVITY: &[StatementSpec] = &[
    spec(
        "type",
        Once,
        "type production|problem-solving|platform",
        "The kind of key activity.",
    ),
    spec(
        "for",
        Many,
        "for PROPOSITION, ...",
        "The propositions this activity is key to.",
    ),
    NOTE,
    ALLOW,
];

const RESOURCE: &[StatementSpec] = &[
    spec(
        "type",
        Once,
        "type physical|intellectual|human|financial",
        "The kind of key resource.",
    ),
    spec(
        "for",
        Many,
        "for PROPOSITION, ...",
        "The propositions this resource is key to.",
    ),
    NOTE,
    ALLOW,
];

/// The statements an override in a `scenario` may set (§3 *Scenarios*),
/// each where its block takes it.
pub const OVERRIDABLE: &[&str] = &["size", "churn", "growth", "price", "cost", "amount"];

/// What a `scenario` takes besides its overrides.
pub const SCENARIO: &[StatementSpec] = &[NOTE, ALLOW];

/// The statements `kind` takes, in the order of the reference.
pub fn statements(kind: BlockKind) -> &'static [StatementSpec] {
    match kind {
        BlockKind::Header => HEADER,
        BlockKind::Segment => SEGMENT,
        BlockKind::Proposition => PROPOSITION,
        BlockKind::Relationship => RELATIONSHIP,
        BlockKind::Channel => CHANNEL,
        BlockKind::Revenue => REVENUE,
        BlockKind::Cost => COST,
        BlockKind::Partner => PARTNER,
        BlockKind::Activity => ACTIVITY,
        BlockKind::Resource => RESOURCE,
    }
}

/// The spec of `keyword` in `kind`, if the block takes it.
pub fn find(kind: BlockKind, keyword: &str) -> Option<&'static StatementSpec> {
    statements(kind).iter().find(|spec| spec.keyword == keyword)
}
