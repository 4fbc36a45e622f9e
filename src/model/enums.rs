//! The enumerations of the language reference (§3), each with its spelling.
//!
//! Values are checked here rather than in the grammar, so a misspelling gets
//! `unknown-value` with the nearest valid value.

/// The words of one enumeration, with what each means: what the language
/// server shows on hover and completion, and what `editors/vocabulary.json`
/// lists. Meanings belong to an enumeration, not to a spelling:
/// `subscription` means one thing as a relationship type and another as a
/// revenue type.
#[derive(Debug, PartialEq, Eq)]
pub struct Vocabulary {
    /// The enumeration's name in the code (`SegmentType`), for the editors' file.
    pub name: &'static str,
    /// What the reference calls it, for messages.
    pub what: &'static str,
    /// Every value, in the order of the reference.
    pub words: &'static [Word],
}

/// One value of an enumeration.
#[derive(Debug, PartialEq, Eq)]
pub struct Word {
    /// The value as written in a canvas.
    pub spelling: &'static str,
    /// What it means in the canvas method; none for a period or a derived fact.
    pub meaning: Option<&'static str>,
}

impl Vocabulary {
    /// The spellings of every value, in the order of the reference.
    pub fn spellings(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.words.iter().map(|word| word.spelling)
    }

    /// What `spelling` means as a value of this enumeration.
    pub fn meaning(&self, spelling: &str) -> Option<&'static str> {
        self.words
            .iter()
            .find(|word| word.spelling == spelling)
            .and_then(|word| word.meaning)
    }
}

/// The enumerations a canvas is written with (not the periods of a rate,
/// nor the derived facts), in the order of the reference.
pub const VOCABULARIES: &[&Vocabulary] = &[
    &SegmentType::VOCABULARY,
    &Priority::VOCABULARY,
    &RelationshipType::VOCABULARY,
    &Link::VOCABULARY,
    &Goal::VOCABULARY,
    &Phase::VOCABULARY,
    &Owner::VOCABULARY,
    &ChannelType::VOCABULARY,
    &Mode::VOCABULARY,
    &ValueKind::VOCABULARY,
    &RevenueType::VOCABULARY,
    &Pricing::VOCABULARY,
    &CostType::VOCABULARY,
    &Partnership::VOCABULARY,
    &Motivation::VOCABULARY,
    &ActivityType::VOCABULARY,
    &ResourceType::VOCABULARY,
];

/// `None`, or `Some` of the one value given.
macro_rules! optional {
    () => {
        None
    };
    ($value:expr) => {
        Some($value)
    };
}

macro_rules! enumeration {
    ($(#[$doc:meta])* $name:ident, $what:literal { $($variant:ident = $text:literal $(=> $meaning:literal)?,)* }) => {
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
            /// Every value with what it means.
            pub const VOCABULARY: Vocabulary = Vocabulary {
                name: stringify!($name),
                what: $what,
                words: &[$(Word { spelling: $text, meaning: optional!($($meaning)?) },)*],
            };

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
    /// What the reference calls the enumeration, for messages.
    const WHAT: &'static str;
    /// The value spelt `text`.
    fn parse(text: &str) -> Option<Self>;
    /// The spellings of every value.
    fn spellings() -> Vec<&'static str>;
    /// How the value is written.
    fn spelling(self) -> &'static str;
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
            fn spelling(self) -> &'static str {
                self.as_str()
            }
        })*
    };
}

enumeration!(
    /// How a segment relates to the market.
    SegmentType, "segment type" {
        MassMarket = "mass-market" => "One large group with broadly similar needs and problems; no distinction between segments.",
        Niche = "niche" => "A specific, specialised segment; propositions, channels and relationships are tailored to it.",
        Segmented = "segmented" => "Segments with slightly different needs and problems, served by distinct propositions.",
        Diversified = "diversified" => "Unrelated segments with very different needs, each served by its own tailored offer.",
        MultiSided = "multi-sided" => "One side of a platform serving several interdependent segments, each needing the others.",
    }
);

enumeration!(
    /// How much a segment matters.
    Priority, "priority" {
        High = "high" => "How much the segment matters to the business.",
        Medium = "medium" => "How much the segment matters to the business.",
        Low = "low" => "How much the segment matters to the business.",
    }
);

enumeration!(
    /// The type of a customer relationship (REL-TYPE).
    RelationshipType, "relationship type" {
        PersonalAssistance = "personal-assistance" => "Human interaction: customers talk to a representative during and after the sale.",
        DedicatedPersonalAssistance = "dedicated-personal-assistance" => "The most intimate relationship: a representative dedicated to one client, as for key accounts.",
        SelfService = "self-service" => "No direct relationship: the company provides all the means for customers to help themselves.",
        AutomatedService = "automated-service" => "Self-service with automated processes that recognise customers and their needs, such as recommendations.",
        Community = "community" => "User communities where customers exchange knowledge and solve each other's problems.",
        CoCreation = "co-creation" => "Customers create value with the company: reviews, designs, content.",
        ThirdParty = "third-party" => "The relationship is run by a third party on the company's behalf.",
        ExclusiveAccess = "exclusive-access" => "Members get access others do not, such as a private club or early releases.",
        Subscription = "subscription" => "A lasting relationship renewed every period, such as a membership or a plan.",
        Monitoring = "monitoring" => "The company watches usage or outcomes and steps in when needed.",
        CustomerService = "customer-service" => "Help on request through a service desk, phone or chat.",
    }
);

enumeration!(
    /// Whether a relationship is a single transaction or lasts.
    Link, "link" {
        Transactional = "transactional" => "A single transaction: the relationship ends with the sale.",
        LongTerm = "long-term" => "A relationship meant to last beyond one sale.",
    }
);

enumeration!(
    /// What a relationship is for.
    Goal, "goal" {
        Acquisition = "acquisition" => "Winning new customers (or, for a partnership, acquiring resources and activities).",
        Retention = "retention" => "Keeping existing customers.",
        Upselling = "upselling" => "Selling existing customers more, or more valuable, products.",
        CrossSelling = "cross-selling" => "Selling existing customers other products.",
    }
);

enumeration!(
    /// A phase of the customer's journey through the channels, in order.
    Phase, "phase" {
        Awareness = "awareness" => "Journey phase 1: how do we raise awareness of our products and services?",
        Evaluation = "evaluation" => "Journey phase 2: how do we help customers evaluate our value proposition?",
        Purchase = "purchase" => "Journey phase 3: how do we allow customers to purchase specific products and services?",
        Delivery = "delivery" => "Journey phase 4: how do we deliver the value proposition to customers?",
        AfterSales = "after-sales" => "Journey phase 5: how do we provide post-purchase customer support?",
    }
);

enumeration!(
    /// Who owns a channel.
    Owner, "channel owner" {
        Own = "own" => "The company owns the channel (a sales force, web shop, own stores).",
        Partner = "partner" => "A partner owns the channel (partner stores, wholesalers, platforms): wider reach, lower margins.",
    }
);

enumeration!(
    /// Whether a channel reaches customers directly.
    ChannelType, "channel type" {
        Direct = "direct" => "The company reaches customers itself.",
        Indirect = "indirect" => "Customers are reached through an intermediary.",
    }
);

enumeration!(
    /// Whether a channel is online or offline.
    Mode, "channel mode" {
        Online = "online" => "The channel works online.",
        Offline = "offline" => "The channel works offline.",
    }
);

enumeration!(
    /// The kind of value a proposition creates (VALUE-KIND).
    ValueKind, "value kind" {
        Newness = "newness" => "Satisfies an entirely new set of needs customers did not perceive before.",
        Performance = "performance" => "Improves product or service performance.",
        Customization = "customization" => "Tailors products and services to the specific needs of customers.",
        GettingTheJobDone = "getting-the-job-done" => "Helps the customer get certain jobs done.",
        Design = "design" => "Stands out through superior design.",
        Brand = "brand" => "Customers find value in using and displaying a brand.",
        Price = "price" => "Offers similar value at a lower price.",
        CostReduction = "cost-reduction" => "Helps customers reduce their costs.",
        RiskReduction = "risk-reduction" => "Reduces the risks customers incur (or, for a partnership, the company's risks).",
        Accessibility = "accessibility" => "Makes products and services available to customers who lacked access.",
        Convenience = "convenience" => "Makes things more convenient or easier to use.",
    }
);

enumeration!(
    /// How a revenue stream earns (REVENUE-TYPE).
    RevenueType, "revenue type" {
        AssetSale = "asset-sale" => "Selling ownership rights to a physical product.",
        UsageFee = "usage-fee" => "Charging for the use of a service: the more it is used, the more the customer pays.",
        Subscription = "subscription" => "Selling continuous access to a product or service, paid every period.",
        Lending = "lending" => "Granting the exclusive right to use an asset for a fixed period (renting, leasing).",
        Licensing = "licensing" => "Granting permission to use protected intellectual property in exchange for fees.",
        Brokerage = "brokerage" => "Intermediation services performed on behalf of two or more parties.",
        Advertising = "advertising" => "Fees for advertising a product, service or brand.",
    }
);

enumeration!(
    /// How a revenue stream sets its price (PRICING).
    Pricing, "pricing" {
        ListPrice = "list-price" => "Fixed prices for individual products, services or propositions.",
        FeatureDependent = "feature-dependent" => "The price depends on the number or quality of proposition features.",
        SegmentDependent = "segment-dependent" => "The price depends on the type and characteristics of a segment.",
        VolumeDependent = "volume-dependent" => "The price is a function of the quantity purchased.",
        Negotiation = "negotiation" => "The price is negotiated between partners, depending on power and skills.",
        YieldManagement = "yield-management" => "The price depends on inventory and time of purchase.",
        RealTimeMarket = "real-time-market" => "The price is established dynamically by supply and demand.",
        Auction = "auction" => "The price is determined by competitive bidding.",
    }
);

enumeration!(
    /// Whether a cost moves with volume.
    CostType, "cost type" {
        Fixed = "fixed" => "A cost that stays the same whatever the volume produced.",
        Variable = "variable" => "A cost that varies with the volume produced.",
    }
);

enumeration!(
    /// The kind of a key partnership (PARTNERSHIP).
    Partnership, "partnership type" {
        StrategicAlliance = "strategic-alliance" => "A strategic alliance between non-competitors.",
        Coopetition = "coopetition" => "A strategic partnership between competitors.",
        JointVenture = "joint-venture" => "A joint venture to develop new businesses.",
        BuyerSupplier = "buyer-supplier" => "A buyer-supplier relationship to assure reliable supplies.",
    }
);

enumeration!(
    /// Why a company enters a partnership (MOTIVATION).
    Motivation, "motivation" {
        Optimization = "optimization" => "Partnering to optimise the allocation of resources and activities; economies of scale.",
        RiskReduction = "risk-reduction" => "Reduces the risks customers incur (or, for a partnership, the company's risks).",
        Acquisition = "acquisition" => "Winning new customers (or, for a partnership, acquiring resources and activities).",
    }
);

enumeration!(
    /// The kind of a key activity.
    ActivityType, "activity type" {
        Production = "production" => "Designing, making and delivering a product in substantial quantities or of superior quality.",
        ProblemSolving = "problem-solving" => "Coming up with new solutions to individual customer problems.",
        Platform = "platform" => "Running and developing a platform or network.",
    }
);

enumeration!(
    /// The kind of a key resource.
    ResourceType, "resource type" {
        Physical = "physical" => "Physical assets: facilities, buildings, vehicles, machines, networks.",
        Intellectual = "intellectual" => "Brands, proprietary knowledge, patents, copyrights, partnerships, customer databases.",
        Human = "human" => "People, most prominent in knowledge-intensive and creative industries.",
        Financial = "financial" => "Cash, lines of credit, stock options.",
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
