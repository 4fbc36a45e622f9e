//! The enumerations of the language reference (§3), each with its spelling.
//!
//! Values are checked here rather than in the grammar, so a misspelling gets
//! `unknown-value` with the nearest valid value.

macro_rules! enumeration {
    ($(#[$doc:meta])* $name:ident, $what:literal { $($variant:ident = $text:literal,)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($variant,)*
        }

        impl $name {
            /// Every value, in the order of the reference.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];
            /// What the reference calls this enumeration, for messages.
            pub const WHAT: &'static str = $what;

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            pub fn from_name(text: &str) -> Option<Self> {
                match text {
                    $($text => Some($name::$variant),)*
                    _ => None,
                }
            }

            /// The spellings of every value.
            pub fn names() -> impl Iterator<Item = &'static str> {
                Self::ALL.iter().map(|value| value.as_str())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}

/// Implemented by every enumeration, so the model builder can read any of
/// them with one function.
pub trait Enumeration: Copy + 'static {
    const WHAT: &'static str;
    fn parse(text: &str) -> Option<Self>;
    fn spellings() -> Vec<&'static str>;
}

macro_rules! impl_enumeration {
    ($($name:ident),*) => {
        $(impl Enumeration for $name {
            const WHAT: &'static str = $name::WHAT;
            fn parse(text: &str) -> Option<Self> {
                $name::from_name(text)
            }
            fn spellings() -> Vec<&'static str> {
                $name::names().collect()
            }
        })*
    };
}

enumeration!(
    /// How a segment relates to the market.
    SegmentType, "segment type" {
        MassMarket = "mass-market",
        Niche = "niche",
        Segmented = "segmented",
        Diversified = "diversified",
        MultiSided = "multi-sided",
    }
);

enumeration!(
    /// How much a segment matters.
    Priority, "priority" {
        High = "high",
        Medium = "medium",
        Low = "low",
    }
);

enumeration!(
    /// The type of a customer relationship (REL-TYPE).
    RelationshipType, "relationship type" {
        PersonalAssistance = "personal-assistance",
        DedicatedPersonalAssistance = "dedicated-personal-assistance",
        SelfService = "self-service",
        AutomatedService = "automated-service",
        Community = "community",
        CoCreation = "co-creation",
        ThirdParty = "third-party",
        ExclusiveAccess = "exclusive-access",
        Subscription = "subscription",
        Monitoring = "monitoring",
        CustomerService = "customer-service",
    }
);

enumeration!(
    /// Whether a relationship is a single transaction or lasts.
    Link, "link" {
        Transactional = "transactional",
        LongTerm = "long-term",
    }
);

enumeration!(
    /// What a relationship is for.
    Goal, "goal" {
        Acquisition = "acquisition",
        Retention = "retention",
        Upselling = "upselling",
        CrossSelling = "cross-selling",
    }
);

enumeration!(
    /// A phase of the customer's journey through the channels, in order.
    Phase, "phase" {
        Awareness = "awareness",
        Evaluation = "evaluation",
        Purchase = "purchase",
        Delivery = "delivery",
        AfterSales = "after-sales",
    }
);

enumeration!(
    /// Who owns a channel.
    Owner, "channel owner" {
        Own = "own",
        Partner = "partner",
    }
);

enumeration!(
    /// Whether a channel reaches customers directly.
    ChannelType, "channel type" {
        Direct = "direct",
        Indirect = "indirect",
    }
);

enumeration!(
    /// Whether a channel is online or offline.
    Mode, "channel mode" {
        Online = "online",
        Offline = "offline",
    }
);

enumeration!(
    /// The kind of value a proposition creates (VALUE-KIND).
    ValueKind, "value kind" {
        Newness = "newness",
        Performance = "performance",
        Customization = "customization",
        GettingTheJobDone = "getting-the-job-done",
        Design = "design",
        Brand = "brand",
        Price = "price",
        CostReduction = "cost-reduction",
        RiskReduction = "risk-reduction",
        Accessibility = "accessibility",
        Convenience = "convenience",
    }
);

enumeration!(
    /// How a revenue stream earns (REVENUE-TYPE).
    RevenueType, "revenue type" {
        AssetSale = "asset-sale",
        UsageFee = "usage-fee",
        Subscription = "subscription",
        Lending = "lending",
        Licensing = "licensing",
        Brokerage = "brokerage",
        Advertising = "advertising",
    }
);

enumeration!(
    /// How a revenue stream sets its price (PRICING).
    Pricing, "pricing" {
        ListPrice = "list-price",
        FeatureDependent = "feature-dependent",
        SegmentDependent = "segment-dependent",
        VolumeDependent = "volume-dependent",
        Negotiation = "negotiation",
        YieldManagement = "yield-management",
        RealTimeMarket = "real-time-market",
        Auction = "auction",
    }
);

enumeration!(
    /// Whether a cost moves with volume.
    CostType, "cost type" {
        Fixed = "fixed",
        Variable = "variable",
    }
);

enumeration!(
    /// The kind of a key partnership (PARTNERSHIP).
    Partnership, "partnership type" {
        StrategicAlliance = "strategic-alliance",
        Coopetition = "coopetition",
        JointVenture = "joint-venture",
        BuyerSupplier = "buyer-supplier",
    }
);

enumeration!(
    /// Why a company enters a partnership (MOTIVATION).
    Motivation, "motivation" {
        Optimization = "optimization",
        RiskReduction = "risk-reduction",
        Acquisition = "acquisition",
    }
);

enumeration!(
    /// The kind of a key activity.
    ActivityType, "activity type" {
        Production = "production",
        ProblemSolving = "problem-solving",
        Platform = "platform",
    }
);

enumeration!(
    /// The kind of a key resource.
    ResourceType, "resource type" {
        Physical = "physical",
        Intellectual = "intellectual",
        Human = "human",
        Financial = "financial",
    }
);

enumeration!(
    /// A period of a recurring rate.
    Period, "period" {
        Day = "day",
        Week = "week",
        Month = "month",
        Quarter = "quarter",
        Year = "year",
    }
);

enumeration!(
    /// How close a relationship is (a derived fact).
    Intimacy, "intimacy" {
        Personal = "personal",
        Automated = "automated",
        SelfService = "self-service",
        Collective = "collective",
        CoCreation = "co-creation",
        ThirdParty = "third-party",
    }
);

enumeration!(
    /// Whether a relationship reaches customers only through own channels (a derived fact).
    Directness, "directness" {
        Direct = "direct",
        Indirect = "indirect",
    }
);

impl_enumeration!(
    SegmentType,
    Priority,
    RelationshipType,
    Link,
    Goal,
    Phase,
    Owner,
    ChannelType,
    Mode,
    ValueKind,
    RevenueType,
    Pricing,
    CostType,
    Partnership,
    Motivation,
    ActivityType,
    ResourceType,
    Period
);

impl RelationshipType {
    /// The intimacy of this type of relationship, where it has one.
    pub fn intimacy(self) -> Option<Intimacy> {
        use RelationshipType::*;
        match self {
            PersonalAssistance | DedicatedPersonalAssistance | CustomerService => Some(Intimacy::Personal),
            AutomatedService | Monitoring => Some(Intimacy::Automated),
            SelfService => Some(Intimacy::SelfService),
            Community => Some(Intimacy::Collective),
            CoCreation => Some(Intimacy::CoCreation),
            ThirdParty => Some(Intimacy::ThirdParty),
            ExclusiveAccess | Subscription => None,
        }
    }
}
