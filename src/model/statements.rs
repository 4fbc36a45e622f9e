//! The statement table (§3): which statements each block takes, how often,
//! in what shape, and which field of the model holds what they say.
//!
//! It is the one place the language's statements are written down. The
//! model builder reads each statement by its entry (the shape's reader
//! stores into the entry's field); the reference walk that resolution and
//! the rules share, the JSON output, the board, the diff's reference
//! fields, the language server's completion and hover, and the editors'
//! `editors/vocabulary.json` all read the same entries. Adding a statement
//! is one entry here, its field in the block's struct, and the rules that
//! read it.
//!
//! Invariants: an entry's [`Shape`] agrees with the type of its field (the
//! field's [`Slot`] reads and shows it); the order of a block's entries is
//! the order of the reference, which is the order of help lines,
//! completion and JSON fields.

use super::build::{Builder, Slot};
use super::*;
use crate::syntax;

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

/// What a statement's values are; each shape has its reader in the model builder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// One string.
    Text,
    /// A list of strings.
    Texts,
    /// A list of strings that quote a segment's profile items (`meets`
    /// quotes needs); the keyword is the segment statement quoted.
    Answers(&'static str),
    /// A string or a number (`version`).
    Version,
    /// An ISO 4217 currency code.
    Currency,
    /// A list of rule codes (`allow`).
    Codes,
    /// `KEY VALUE`.
    Attribute,
    /// A whole number of customers (`size`).
    Count,
    /// One value of an enumeration.
    Value(&'static Vocabulary),
    /// A list of values of an enumeration.
    Values(&'static Vocabulary),
    /// One name of a block of the namespace.
    Reference(Namespace),
    /// A list of names of blocks of the namespace.
    References(Namespace),
    /// `PHASE "how"`.
    Phase,
    /// An amount of money, per customer and per period or not.
    Rate,
    /// A rate, at most one of each sort: recurring or one-off, and `per new customer`.
    SortedRate,
    /// `PERCENT per PERIOD`.
    Percentage,
    /// `N per PERIOD`, N a whole number.
    CountPerPeriod,
}

impl Shape {
    /// The enumeration the statement's values come from, if they do.
    pub fn vocabulary(self) -> Option<&'static Vocabulary> {
        match self {
            Shape::Value(vocabulary) | Shape::Values(vocabulary) => Some(vocabulary),
            Shape::Phase => Some(&Phase::VOCABULARY),
            _ => None,
        }
    }

    /// The namespace of the blocks the statement names, if it names any.
    pub fn namespace(self) -> Option<Namespace> {
        match self {
            Shape::Reference(namespace) | Shape::References(namespace) => Some(namespace),
            _ => None,
        }
    }
}

/// How the board (HTML, SVG, Markdown) shows a statement on its item's note.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    /// Not on the note (a profile item, a note, an `allow`).
    Hidden,
    /// A fact with this label, in table order.
    Fact(&'static str),
    /// A fact with this label, before the others: what a segment's note leads with.
    Lead(&'static str),
    /// The strings, joined by `; `, as a fact with this label.
    Joined(&'static str),
    /// One word of the fact `is` (a channel is `own, direct, online`).
    Class,
    /// A sorted rate: the recurring or one-off one with the first label,
    /// the `per new customer` one with the second.
    Rates(&'static str, &'static str),
}

/// A statement a block takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatementSpec {
    /// The word that starts the statement.
    pub keyword: &'static str,
    pub cardinality: Cardinality,
    /// The statement's form, as in the reference (`need "..."`).
    pub form: &'static str,
    /// One sentence on what it means in the canvas method.
    pub meaning: &'static str,
    pub shape: Shape,
    /// The key of its field in the JSON output (`docs/json.md`); empty for
    /// `note` and `allow`, which every block writes alike. A sorted rate
    /// also writes `KEY_per_new_customer`.
    pub json: &'static str,
    pub shown: Shown,
    /// Whether an override in a `scenario` may set it (§3 *Scenarios*).
    pub overridable: bool,
}

/// What a statement's field holds, borrowed for the outputs.
#[derive(Clone, Debug)]
pub enum View<'a> {
    /// Kept on the block itself (`note`, `allow`).
    Block,
    Text(Option<&'a Spanned<Str>>),
    Texts(&'a [Spanned<Str>]),
    Attributes(&'a [Attribute]),
    Count(Option<&'a BigInt>),
    Value(Option<&'static str>),
    Values(Vec<&'static str>),
    Reference(Option<&'a Reference>),
    References(&'a [Reference]),
    Phases(&'a [PhaseCoverage]),
    Rate(Option<&'a Rate>),
    /// A sorted rate: the recurring or one-off one, and the `per new customer` one.
    Rates(Option<&'a Rate>, Option<&'a Rate>),
    PerPeriod(Option<&'a PerPeriod>),
}

/// A statement of the block type `B`: its spec, and how its field is read,
/// shown and walked.
pub struct Statement<B: 'static> {
    pub spec: StatementSpec,
    read: fn(&mut Builder, &StatementSpec, &syntax::Statement, &mut B),
    view: fn(&B) -> View<'_>,
    references: fn(&B) -> &[Reference],
    references_mut: fn(&mut B) -> &mut [Reference],
}

impl<B> Statement<B> {
    /// Reads `statement` into its field of `block`.
    pub(super) fn read(&self, builder: &mut Builder, statement: &syntax::Statement, block: &mut B) {
        (self.read)(builder, &self.spec, statement, block);
    }

    /// What the statement's field of `block` holds.
    pub fn view<'a>(&self, block: &'a B) -> View<'a> {
        (self.view)(block)
    }

    /// The references the statement's field of `block` holds.
    pub fn references<'a>(&self, block: &'a B) -> &'a [Reference] {
        (self.references)(block)
    }

    /// The references the statement's field of `block` holds, to resolve.
    pub fn references_mut<'a>(&self, block: &'a mut B) -> &'a mut [Reference] {
        (self.references_mut)(block)
    }
}

/// A block type of the model, with its statement table.
pub trait Shaped: Sized + 'static {
    const KIND: BlockKind;
    /// The statements the block takes, in the order of the reference.
    const STATEMENTS: &'static [Statement<Self>];
    /// A block of this type with its head read and no statement yet.
    fn new(block: Block) -> Self;
    fn block(&self) -> &Block;
    fn block_mut(&mut self) -> &mut Block;
    /// The model's blocks of this type.
    fn all(model: &Model) -> &[Self];
    fn all_mut(model: &mut Model) -> &mut Vec<Self>;
    /// Reads what the head says besides the name (a relationship's type).
    fn read_head(&mut self, _builder: &mut Builder) {}
}

/// Calls `$body` with `$B` the block type of `$kind`.
macro_rules! with_block_type {
    ($kind:expr, $B:ident => $body:expr) => {
        match $kind {
            BlockKind::Header => {
                type $B = Header;
                $body
            }
            BlockKind::Segment => {
                type $B = Segment;
                $body
            }
            BlockKind::Proposition => {
                type $B = Proposition;
                $body
            }
            BlockKind::Relationship => {
                type $B = Relationship;
                $body
            }
            BlockKind::Channel => {
                type $B = Channel;
                $body
            }
            BlockKind::Revenue => {
                type $B = Revenue;
                $body
            }
            BlockKind::Cost => {
                type $B = Cost;
                $body
            }
            BlockKind::Partner => {
                type $B = Partner;
                $body
            }
            BlockKind::Activity => {
                type $B = Activity;
                $body
            }
            BlockKind::Resource => {
                type $B = Resource;
                $body
            }
        }
    };
}
pub(crate) use with_block_type;

/// The specs of one block's statements, in order.
#[derive(Clone, Debug)]
pub struct Specs {
    kind: BlockKind,
    next: usize,
}

impl Iterator for Specs {
    type Item = &'static StatementSpec;

    fn next(&mut self) -> Option<Self::Item> {
        let spec = with_block_type!(self.kind, B => B::STATEMENTS.get(self.next).map(|entry| &entry.spec));
        self.next += 1;
        spec
    }
}

/// The statements `kind` takes, in the order of the reference.
pub fn statements(kind: BlockKind) -> Specs {
    Specs { kind, next: 0 }
}

/// The spec of `keyword` in `kind`, if the block takes it.
pub fn find(kind: BlockKind, keyword: &str) -> Option<&'static StatementSpec> {
    with_block_type!(kind, B => entry::<B>(keyword).map(|entry| &entry.spec))
}

/// The entry of `keyword` in the table of `B`.
pub(super) fn entry<B: Shaped>(keyword: &str) -> Option<&'static Statement<B>> {
    B::STATEMENTS.iter().find(|entry| entry.spec.keyword == keyword)
}

use Cardinality::{Many, Once, OncePerSort, Required};

const NOTE: StatementSpec = StatementSpec {
    keyword: "note",
    cardinality: Many,
    form: "note \"...\"",
    meaning: "A free-form note kept with the block.",
    shape: Shape::Texts,
    json: "",
    shown: Shown::Hidden,
    overridable: false,
};

const ALLOW: StatementSpec = StatementSpec {
    keyword: "allow",
    cardinality: Many,
    form: "allow CODE, ...",
    meaning: "Silences the named warnings and advice for this block.",
    shape: Shape::Codes,
    json: "",
    shown: Shown::Hidden,
    overridable: false,
};

/// `note`, which every block takes.
const fn note<B: Shaped>() -> Statement<B> {
    Statement {
        spec: NOTE,
        read: read_note::<B>,
        view: on_block::<B>,
        references: no_references::<B>,
        references_mut: no_references_mut::<B>,
    }
}

/// `allow`, which every block takes.
const fn allow<B: Shaped>() -> Statement<B> {
    Statement {
        spec: ALLOW,
        read: read_allow::<B>,
        view: on_block::<B>,
        references: no_references::<B>,
        references_mut: no_references_mut::<B>,
    }
}

fn read_note<B: Shaped>(builder: &mut Builder, _: &StatementSpec, statement: &syntax::Statement, block: &mut B) {
    builder.note(statement, block.block_mut());
}

fn read_allow<B: Shaped>(builder: &mut Builder, _: &StatementSpec, statement: &syntax::Statement, block: &mut B) {
    builder.allow(statement, block.block_mut());
}

fn on_block<B>(_: &B) -> View<'_> {
    View::Block
}

fn no_references<B>(_: &B) -> &[Reference] {
    &[]
}

fn no_references_mut<B>(_: &mut B) -> &mut [Reference] {
    &mut []
}

/// A table entry whose field's [`Slot`] reads, shows and walks it.
macro_rules! statement {
    ($keyword:literal, $cardinality:ident, $form:literal, $meaning:literal,
     $shape:expr, json $json:literal, $shown:expr, $field:ident $(, $overridable:ident)?) => {
        Statement {
            spec: StatementSpec {
                keyword: $keyword,
                cardinality: $cardinality,
                form: $form,
                meaning: $meaning,
                shape: $shape,
                json: $json,
                shown: $shown,
                overridable: overridable!($($overridable)?),
            },
            read: |builder, spec, statement, block| Slot::read(&mut block.$field, builder, spec, statement),
            view: |block| Slot::view(&block.$field),
            references: |block| Slot::references(&block.$field),
            references_mut: |block| Slot::references_mut(&mut block.$field),
        }
    };
}

macro_rules! overridable {
    () => {
        false
    };
    (overridable) => {
        true
    };
}

/// The entry of a sorted rate (`cost`, `price`), read into two fields.
macro_rules! sorted_rate {
    ($keyword:literal, $form:literal, $meaning:literal, json $json:literal, $shown:expr, $ordinary:ident, $per_new:ident) => {
        Statement {
            spec: StatementSpec {
                keyword: $keyword,
                cardinality: OncePerSort,
                form: $form,
                meaning: $meaning,
                shape: Shape::SortedRate,
                json: $json,
                shown: $shown,
                overridable: true,
            },
            read: |builder, _, statement, block| {
                builder.sorted_rate(statement, &mut block.$ordinary, &mut block.$per_new)
            },
            view: |block| View::Rates(block.$ordinary.as_ref(), block.$per_new.as_ref()),
            references: no_references,
            references_mut: no_references_mut,
        }
    };
}

/// Implements [`Shaped`] for a block type.
macro_rules! shaped {
    ($type:ident, $kind:ident, $table:ident, $list:ident) => {
        impl Shaped for $type {
            const KIND: BlockKind = BlockKind::$kind;
            const STATEMENTS: &'static [Statement<Self>] = $table;
            fn new(block: Block) -> Self {
                $type {
                    block,
                    ..$type::default()
                }
            }
            fn block(&self) -> &Block {
                &self.block
            }
            fn block_mut(&mut self) -> &mut Block {
                &mut self.block
            }
            fn all(model: &Model) -> &[Self] {
                &model.$list
            }
            fn all_mut(model: &mut Model) -> &mut Vec<Self> {
                &mut model.$list
            }
        }
    };
}

shaped!(Header, Header, HEADER, headers);
shaped!(Segment, Segment, SEGMENT, segments);
shaped!(Proposition, Proposition, PROPOSITION, propositions);
shaped!(Channel, Channel, CHANNEL, channels);
shaped!(Revenue, Revenue, REVENUE, revenues);
shaped!(Cost, Cost, COST, costs);
shaped!(Partner, Partner, PARTNER, partners);
shaped!(Activity, Activity, ACTIVITY, activities);
shaped!(Resource, Resource, RESOURCE, resources);

impl Shaped for Relationship {
    const KIND: BlockKind = BlockKind::Relationship;
    const STATEMENTS: &'static [Statement<Self>] = RELATIONSHIP;
    fn new(block: Block) -> Self {
        Relationship {
            block,
            ..Relationship::default()
        }
    }
    fn block(&self) -> &Block {
        &self.block
    }
    fn block_mut(&mut self) -> &mut Block {
        &mut self.block
    }
    fn all(model: &Model) -> &[Self] {
        &model.relationships
    }
    fn all_mut(model: &mut Model) -> &mut Vec<Self> {
        &mut model.relationships
    }
    /// The head names the relationship's type.
    fn read_head(&mut self, builder: &mut Builder) {
        self.relationship_type = builder.relationship_type(&self.block);
    }
}

use Shown::{Class, Fact, Hidden, Joined, Lead, Rates};

const HEADER: &[Statement<Header>] = &[
    statement!("description", Once, "description \"...\"", "What the business does, in a sentence.",
        Shape::Text, json "description", Hidden, description),
    statement!("currency", Once, "currency CODE", "The ISO 4217 currency every amount is in; amounts may then omit it.",
        Shape::Currency, json "currency", Fact("currency"), currency),
    statement!("version", Once, "version \"...\"", "The version of this canvas.",
        Shape::Version, json "version", Fact("version"), version),
    statement!("owner", Once, "owner \"...\"", "Who owns this canvas.",
        Shape::Text, json "owner", Fact("owner"), owner),
    note(),
    allow(),
];

const SEGMENT: &[Statement<Segment>] = &[
    statement!("type", Once, "type mass-market|niche|segmented|diversified|multi-sided", "How the segment relates to the market.",
        Shape::Value(&SegmentType::VOCABULARY), json "type", Lead("type"), segment_type),
    statement!("attribute", Many, "attribute KEY VALUE", "A free-form trait of the segment (age, region, income, ...).",
        Shape::Attribute, json "attributes", Fact("attributes"), attributes),
    statement!("need", Many, "need \"...\"", "A need the segment has, to be met by a proposition.",
        Shape::Texts, json "needs", Hidden, needs),
    statement!("expects", Many, "expects REL-TYPE, ...", "The type of relationship the segment expects.",
        Shape::Values(&RelationshipType::VOCABULARY), json "expects", Fact("expects"), expects),
    statement!("size", Once, "size N", "How many paying customers the segment has (or is planned to have).",
        Shape::Count, json "size", Lead("size"), size, overridable),
    statement!("priority", Once, "priority high|medium|low", "How much the segment matters to the business.",
        Shape::Value(&Priority::VOCABULARY), json "priority", Lead("priority"), priority),
    statement!("linked", Many, "linked SEGMENT, ...", "Another side of a multi-sided platform this segment depends on.",
        Shape::References(Namespace::Segment), json "linked", Fact("linked"), linked),
    statement!("job", Many, "job \"...\"", "A job the customer is trying to get done (customer profile).",
        Shape::Texts, json "jobs", Hidden, jobs),
    statement!("pain", Many, "pain \"...\"", "Something that annoys the customer or blocks the job (customer profile).",
        Shape::Texts, json "pains", Hidden, pains),
    statement!("gain", Many, "gain \"...\"", "An outcome the customer hopes for (customer profile).",
        Shape::Texts, json "gains", Hidden, gains),
    statement!("churn", Once, "churn PERCENT per PERIOD", "The share of the segment's customers lost per period, e.g. `churn 3% per month`.",
        Shape::Percentage, json "churn", Fact("churn"), churn, overridable),
    statement!("growth", Once, "growth N per PERIOD", "How many new customers the segment wins per period, e.g. `growth 400 per month`.",
        Shape::CountPerPeriod, json "growth", Fact("growth"), growth, overridable),
    note(),
    allow(),
];

const PROPOSITION: &[Statement<Proposition>] = &[
    statement!("for", Required, "for SEGMENT, ...", "The segments this proposition creates value for.",
        Shape::References(Namespace::Segment), json "for", Fact("for"), segments),
    statement!("meets", Many, "meets \"need\", ...", "A need of those segments this proposition meets.",
        Shape::Answers("need"), json "meets", Hidden, meets),
    statement!("kind", Many, "kind VALUE-KIND, ...", "How the proposition creates value (price, design, ...).",
        Shape::Values(&ValueKind::VOCABULARY), json "kinds", Fact("kind"), kinds),
    statement!("offers", Many, "offers \"...\"", "A product or service of the value map.",
        Shape::Texts, json "offers", Joined("offers"), offers),
    statement!("relieves", Many, "relieves \"pain\", ...", "A pain of the segments this proposition relieves.",
        Shape::Answers("pain"), json "relieves", Hidden, relieves),
    statement!("creates", Many, "creates \"gain\", ...", "A gain of the segments this proposition creates.",
        Shape::Answers("gain"), json "creates", Hidden, creates),
    statement!("helps", Many, "helps \"job\", ...", "A job of the segments this proposition helps get done.",
        Shape::Answers("job"), json "helps", Hidden, helps),
    note(),
    allow(),
];

const RELATIONSHIP: &[Statement<Relationship>] = &[
    statement!("for", Required, "for SEGMENT, ...", "The segments this relationship is with.",
        Shape::References(Namespace::Segment), json "for", Fact("for"), segments),
    statement!("link", Once, "link transactional|long-term", "Whether the relationship is a single transaction or lasts.",
        Shape::Value(&Link::VOCABULARY), json "link", Fact("link"), link),
    statement!("goal", Many, "goal GOAL, ...", "What the relationship is for: acquisition, retention, upselling, cross-selling.",
        Shape::Values(&Goal::VOCABULARY), json "goals", Fact("goals"), goals),
    statement!("via", Many, "via CHANNEL, ...", "The channels through which the relationship is kept.",
        Shape::References(Namespace::Channel), json "via", Fact("via"), via),
    sorted_rate!("cost", "cost RATE",
        "What the relationship costs, e.g. `1.50 EUR per customer per month`, or `40 EUR per new customer` to win one.",
        json "cost", Rates("cost", "to win"), cost, acquisition_cost),
    note(),
    allow(),
];

const CHANNEL: &[Statement<Channel>] = &[
    statement!("reaches", Required, "reaches SEGMENT, ...", "The segments this channel reaches.",
        Shape::References(Namespace::Segment), json "reaches", Fact("reaches"), segments),
    statement!("owner", Once, "owner own|partner", "Whether the company or a partner owns the channel.",
        Shape::Value(&Owner::VOCABULARY), json "owner", Class, owner),
    statement!("type", Once, "type direct|indirect", "Whether the channel reaches customers directly.",
        Shape::Value(&ChannelType::VOCABULARY), json "type", Class, channel_type),
    statement!("mode", Once, "mode online|offline", "Whether the channel is online or offline.",
        Shape::Value(&Mode::VOCABULARY), json "mode", Class, mode),
    statement!("phase", Many, "phase PHASE \"how\"", "A phase of the customer journey this channel covers.",
        Shape::Phase, json "phases", Fact("phases"), phases),
    statement!("partner", Once, "partner PARTNER", "The partner that runs this channel.",
        Shape::Reference(Namespace::Partner), json "partner", Fact("partner"), partner),
    sorted_rate!("cost", "cost RATE",
        "What the channel costs, e.g. `800 EUR per month`, or `30 EUR per new customer` to win one.",
        json "cost", Rates("cost", "to win"), cost, acquisition_cost),
    note(),
    allow(),
];

const REVENUE: &[Statement<Revenue>] = &[
    statement!("from", Required, "from SEGMENT, ...", "The segments that pay.",
        Shape::References(Namespace::Segment), json "from", Fact("from"), segments),
    statement!("type", Once, "type REVENUE-TYPE", "How the stream earns: asset-sale, subscription, ...",
        Shape::Value(&RevenueType::VOCABULARY), json "type", Fact("type"), revenue_type),
    statement!("pricing", Once, "pricing PRICING", "How the price is set: list-price, auction, ...",
        Shape::Value(&Pricing::VOCABULARY), json "pricing", Fact("pricing"), pricing),
    sorted_rate!("price", "price RATE",
        "What customers pay, e.g. `12 EUR per customer per month`, or `50 EUR per new customer` as a set-up fee.",
        json "price", Rates("price", "set-up fee"), price, setup_fee),
    statement!("for", Many, "for PROPOSITION, ...", "The propositions customers pay for.",
        Shape::References(Namespace::Proposition), json "for", Fact("for"), propositions),
    note(),
    allow(),
];

const COST: &[Statement<Cost>] = &[
    statement!("type", Once, "type fixed|variable", "Whether the cost moves with volume.",
        Shape::Value(&CostType::VOCABULARY), json "type", Fact("type"), cost_type),
    statement!("amount", Once, "amount RATE", "What it costs, e.g. `300 EUR per month`.",
        Shape::Rate, json "amount", Fact("amount"), amount, overridable),
    statement!("for", Many, "for RESOURCE-OR-ACTIVITY, ...", "The resources and activities that drive this cost.",
        Shape::References(Namespace::Infrastructure), json "for", Fact("for"), drivers),
    note(),
    allow(),
];

const PARTNER: &[Statement<Partner>] = &[
    statement!("type", Once, "type PARTNERSHIP", "The kind of partnership: strategic-alliance, joint-venture, ...",
        Shape::Value(&Partnership::VOCABULARY), json "type", Fact("type"), partnership),
    statement!("motivation", Many, "motivation MOTIVATION, ...", "Why the partnership exists: optimization, risk-reduction, acquisition.",
        Shape::Values(&Motivation::VOCABULARY), json "motivations", Fact("motivation"), motivations),
    statement!("provides", Many, "provides RESOURCE-OR-ACTIVITY, ...", "The resources and activities the partner provides.",
        Shape::References(Namespace::Infrastructure), json "provides", Fact("provides"), provides),
    note(),
    allow(),
];

const ACTIVITY: &[Statement<Activity>] = &[
    statement!("type", Once, "type production|problem-solving|platform", "The kind of key activity.",
        Shape::Value(&ActivityType::VOCABULARY), json "type", Fact("type"), activity_type),
    statement!("for", Many, "for PROPOSITION, ...", "The propositions this activity is key to.",
        Shape::References(Namespace::Proposition), json "for", Fact("for"), propositions),
    note(),
    allow(),
];

const RESOURCE: &[Statement<Resource>] = &[
    statement!("type", Once, "type physical|intellectual|human|financial", "The kind of key resource.",
        Shape::Value(&ResourceType::VOCABULARY), json "type", Fact("type"), resource_type),
    statement!("for", Many, "for PROPOSITION, ...", "The propositions this resource is key to.",
        Shape::References(Namespace::Proposition), json "for", Fact("for"), propositions),
    note(),
    allow(),
];

#[cfg(test)]
mod tests {
    use serde_json::{json, Map, Value};

    use super::*;

    /// The language's words as `editors/vocabulary.json` lists them for the
    /// editor integrations, which cannot read Rust (`editors/check-vocabulary.js`).
    fn editor_vocabulary() -> Value {
        let blocks: Vec<&str> = BlockKind::ALL
            .iter()
            .filter(|kind| **kind != BlockKind::Header)
            .map(|kind| kind.keyword())
            .collect();
        let statements: Map<String, Value> = BlockKind::ALL
            .iter()
            .map(|kind| {
                let keywords: Vec<&str> = statements(*kind).map(|spec| spec.keyword).collect();
                (kind.keyword().to_string(), json!(keywords))
            })
            .collect();
        let enumerations: Map<String, Value> = VOCABULARIES
            .iter()
            .map(|vocabulary| {
                let spellings: Vec<&str> = vocabulary.spellings().collect();
                (vocabulary.name.to_string(), json!(spellings))
            })
            .collect();
        let codes: Vec<&str> = crate::Code::ALL.iter().map(|code| code.as_str()).collect();
        json!({
            "about": "The words of the canvas language, for the editor integrations. Generated from canvasc's statement table by `cargo test`; CANVASC_UPDATE_VOCABULARY=1 cargo test --lib vocabulary rewrites it. Do not edit.",
            "header": BlockKind::Header.keyword(),
            "blocks": blocks,
            "statements": statements,
            "enumerations": enumerations,
            "periods": Period::names().collect::<Vec<_>>(),
            "codes": codes,
        })
    }

    #[test]
    fn editors_vocabulary_is_the_statement_table() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/editors/vocabulary.json");
        let expected = serde_json::to_string_pretty(&editor_vocabulary()).expect("a JSON value prints") + "\n";
        if std::env::var_os("CANVASC_UPDATE_VOCABULARY").is_some() {
            std::fs::write(path, &expected).expect("editors/vocabulary.json is writable");
        }
        let written = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            written == expected,
            "editors/vocabulary.json is not the statement table's: run `CANVASC_UPDATE_VOCABULARY=1 cargo test --lib vocabulary` and commit it"
        );
    }

    /// A canvas with a block of `kind` whose statement `keyword` names `names`,
    /// and a block `target-block` of `target`.
    fn naming(kind: BlockKind, keyword: &str, names: &str, target: BlockKind) -> String {
        let subject = match kind {
            BlockKind::Relationship => "subscription",
            _ => "subject",
        };
        format!(
            "canvas \"T\" {{ currency EUR }}\n{} target-block {{ }}\n{} {subject} {{ {keyword} {names} }}\n",
            target.keyword(),
            kind.keyword()
        )
    }

    #[test]
    fn every_statement_that_names_blocks_is_resolved_checked_and_written() {
        // Generated from the table: a statement added to it is tested here
        // without a line of this test changing.
        let mut seen = 0;
        for kind in BlockKind::ALL {
            for spec in statements(*kind) {
                let Some(namespace) = spec.shape.namespace() else {
                    continue;
                };
                for target in namespace.kinds() {
                    seen += 1;
                    let what = format!("{kind:?} `{}` naming {target:?}", spec.keyword);
                    let right = crate::check("right.canvas", &naming(*kind, spec.keyword, "target-block", *target));
                    let unknown = |checked: &crate::Checked| {
                        checked
                            .diagnostics
                            .iter()
                            .filter(|diagnostic| {
                                matches!(diagnostic.code, crate::Code::UnknownReference | crate::Code::WrongKind)
                            })
                            .count()
                    };
                    assert_eq!(unknown(&right), 0, "{what}: {:?}", right.diagnostics);
                    let resolved = right
                        .model
                        .references()
                        .filter(|reference| reference.name.value == "target-block")
                        .filter(|reference| reference.target.is_some_and(|id| id.kind == *target))
                        .count();
                    assert_eq!(resolved, 1, "{what}: resolved once");
                    let json = crate::output::json::model_json(&right.model).to_string();
                    assert!(
                        json.contains(&format!("\"{}\":[\"target-block\"]", spec.json))
                            || json.contains(&format!("\"{}\":\"target-block\"", spec.json)),
                        "{what}: written under `{}` in {json}",
                        spec.json
                    );
                    let wrong = crate::check("wrong.canvas", &naming(*kind, spec.keyword, "nowhere-at-all", *target));
                    assert_eq!(unknown(&wrong), 1, "{what}: {:?}", wrong.diagnostics);
                }
            }
        }
        assert!(seen >= 12, "the table names blocks in {seen} places");
    }

    #[test]
    fn shapes_agree_with_fields() {
        // Every statement's field reads and shows as its shape says; a
        // mismatch (a list of names stored as texts) shows here.
        fn check<B: Shaped>() {
            let block = B::new(Block::default());
            for statement in B::STATEMENTS {
                let spec = &statement.spec;
                let view = statement.view(&block);
                let fits = match spec.shape {
                    Shape::Text | Shape::Version | Shape::Currency => matches!(view, View::Text(_)),
                    Shape::Texts | Shape::Answers(_) => matches!(view, View::Texts(_) | View::Block),
                    Shape::Codes => matches!(view, View::Block),
                    Shape::Attribute => matches!(view, View::Attributes(_)),
                    Shape::Count => matches!(view, View::Count(_)),
                    Shape::Value(_) => matches!(view, View::Value(_)),
                    Shape::Values(_) => matches!(view, View::Values(_)),
                    Shape::Reference(_) => matches!(view, View::Reference(_)),
                    Shape::References(_) => matches!(view, View::References(_)),
                    Shape::Phase => matches!(view, View::Phases(_)),
                    Shape::Rate => matches!(view, View::Rate(_)),
                    Shape::SortedRate => matches!(view, View::Rates(..)),
                    Shape::Percentage | Shape::CountPerPeriod => matches!(view, View::PerPeriod(_)),
                };
                assert!(
                    fits,
                    "{:?} `{}`: shape {:?}, field {view:?}",
                    B::KIND,
                    spec.keyword,
                    spec.shape
                );
                assert_eq!(
                    spec.json.is_empty(),
                    matches!(view, View::Block),
                    "{:?} `{}`: only `note` and `allow` stay out of the JSON",
                    B::KIND,
                    spec.keyword
                );
            }
        }
        check::<Header>();
        check::<Segment>();
        check::<Proposition>();
        check::<Relationship>();
        check::<Channel>();
        check::<Revenue>();
        check::<Cost>();
        check::<Partner>();
        check::<Activity>();
        check::<Resource>();
    }
}
