//! The blocks of a canvas: the kinds of item a file holds, the keyword that
//! starts each, what the canvas method calls it, and the namespace its
//! identifiers live in.
//!
//! A leaf: it imports nothing of the crate, so the parser (which resumes
//! after an error at these keywords) and the model share one list.

/// The kinds of item a file holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BlockKind {
    #[default]
    /// The `canvas` header: name, description, currency.
    Header,
    /// A customer segment.
    Segment,
    /// A value proposition.
    Proposition,
    /// A customer relationship.
    Relationship,
    /// A channel.
    Channel,
    /// A revenue stream.
    Revenue,
    /// A cost item.
    Cost,
    /// A key partner.
    Partner,
    /// A key activity.
    Activity,
    /// A key resource.
    Resource,
}

impl BlockKind {
    /// Every kind, the header first, then the blocks in the order of the reference.
    pub const ALL: &'static [BlockKind] = &[
        BlockKind::Header,
        BlockKind::Segment,
        BlockKind::Proposition,
        BlockKind::Relationship,
        BlockKind::Channel,
        BlockKind::Revenue,
        BlockKind::Cost,
        BlockKind::Partner,
        BlockKind::Activity,
        BlockKind::Resource,
    ];

    /// The keyword that starts the block.
    pub const fn keyword(self) -> &'static str {
        match self {
            BlockKind::Header => "canvas",
            BlockKind::Segment => "segment",
            BlockKind::Proposition => "proposition",
            BlockKind::Relationship => "relationship",
            BlockKind::Channel => "channel",
            BlockKind::Revenue => "revenue",
            BlockKind::Cost => "cost",
            BlockKind::Partner => "partner",
            BlockKind::Activity => "activity",
            BlockKind::Resource => "resource",
        }
    }

    /// The kind whose keyword is `keyword`.
    pub fn from_keyword(keyword: &str) -> Option<BlockKind> {
        BlockKind::ALL.iter().copied().find(|kind| kind.keyword() == keyword)
    }

    /// What the canvas method calls this block, for messages.
    pub fn noun(self) -> &'static str {
        match self {
            BlockKind::Header => "canvas header",
            BlockKind::Segment => "segment",
            BlockKind::Proposition => "proposition",
            BlockKind::Relationship => "relationship",
            BlockKind::Channel => "channel",
            BlockKind::Revenue => "revenue stream",
            BlockKind::Cost => "cost item",
            BlockKind::Partner => "partner",
            BlockKind::Activity => "activity",
            BlockKind::Resource => "resource",
        }
    }

    /// The block's name in the nine-block canvas.
    pub fn title(self) -> &'static str {
        match self {
            BlockKind::Header => "Canvas",
            BlockKind::Segment => "Customer Segments",
            BlockKind::Proposition => "Value Propositions",
            BlockKind::Relationship => "Customer Relationships",
            BlockKind::Channel => "Channels",
            BlockKind::Revenue => "Revenue Streams",
            BlockKind::Cost => "Cost Structure",
            BlockKind::Partner => "Key Partners",
            BlockKind::Activity => "Key Activities",
            BlockKind::Resource => "Key Resources",
        }
    }

    /// Where the block's identifiers live: resources and activities share one.
    pub fn namespace(self) -> Namespace {
        match self {
            BlockKind::Header => Namespace::Header,
            BlockKind::Segment => Namespace::Segment,
            BlockKind::Proposition => Namespace::Proposition,
            BlockKind::Relationship => Namespace::Relationship,
            BlockKind::Channel => Namespace::Channel,
            BlockKind::Revenue => Namespace::Revenue,
            BlockKind::Cost => Namespace::Cost,
            BlockKind::Partner => Namespace::Partner,
            BlockKind::Activity | BlockKind::Resource => Namespace::Infrastructure,
        }
    }
}

/// A set of identifiers that must be unique among themselves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Namespace {
    /// The canvas header.
    Header,
    /// Customer segments.
    Segment,
    /// Value propositions.
    Proposition,
    /// Customer relationships.
    Relationship,
    /// Channels.
    Channel,
    /// Revenue streams.
    Revenue,
    /// Cost items.
    Cost,
    /// Key partners.
    Partner,
    /// Key resources and key activities.
    Infrastructure,
}

impl Namespace {
    /// The kinds of block whose identifiers live here.
    pub fn kinds(self) -> &'static [BlockKind] {
        match self {
            Namespace::Header => &[BlockKind::Header],
            Namespace::Segment => &[BlockKind::Segment],
            Namespace::Proposition => &[BlockKind::Proposition],
            Namespace::Relationship => &[BlockKind::Relationship],
            Namespace::Channel => &[BlockKind::Channel],
            Namespace::Revenue => &[BlockKind::Revenue],
            Namespace::Cost => &[BlockKind::Cost],
            Namespace::Partner => &[BlockKind::Partner],
            Namespace::Infrastructure => &[BlockKind::Activity, BlockKind::Resource],
        }
    }

    /// What a reference into this namespace names, for messages.
    pub fn noun(self) -> &'static str {
        match self {
            Namespace::Header => "canvas header",
            Namespace::Segment => "segment",
            Namespace::Proposition => "proposition",
            Namespace::Relationship => "relationship",
            Namespace::Channel => "channel",
            Namespace::Revenue => "revenue stream",
            Namespace::Cost => "cost item",
            Namespace::Partner => "partner",
            Namespace::Infrastructure => "resource or activity",
        }
    }
}
