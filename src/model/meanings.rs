//! What keywords and enumeration values mean in the canvas method: the
//! short explanations the language server shows on hover and completion.

/// The meaning of an enumeration value, written for someone learning the method.
pub fn value_meaning(value: &str) -> Option<&'static str> {
    Some(match value {
        // Segment types.
        "mass-market" => "One large group with broadly similar needs and problems; no distinction between segments.",
        "niche" => "A specific, specialised segment; propositions, channels and relationships are tailored to it.",
        "segmented" => "Segments with slightly different needs and problems, served by distinct propositions.",
        "diversified" => "Unrelated segments with very different needs, each served by its own tailored offer.",
        "multi-sided" => "One side of a platform serving several interdependent segments, each needing the others.",
        // Relationship types.
        "personal-assistance" => "Human interaction: customers talk to a representative during and after the sale.",
        "dedicated-personal-assistance" => {
            "The most intimate relationship: a representative dedicated to one client, as for key accounts."
        }
        "self-service" => {
            "No direct relationship: the company provides all the means for customers to help themselves."
        }
        "automated-service" => {
            "Self-service with automated processes that recognise customers and their needs, such as recommendations."
        }
        "community" => "User communities where customers exchange knowledge and solve each other's problems.",
        "co-creation" => "Customers create value with the company: reviews, designs, content.",
        "third-party" => "The relationship is run by a third party on the company's behalf.",
        "exclusive-access" => "Members get access others do not, such as a private club or early releases.",
        "subscription" => "A lasting relationship renewed every period, such as a membership or a plan.",
        "monitoring" => "The company watches usage or outcomes and steps in when needed.",
        "customer-service" => "Help on request through a service desk, phone or chat.",
        // Goals and links.
        "acquisition" => "Winning new customers (or, for a partnership, acquiring resources and activities).",
        "retention" => "Keeping existing customers.",
        "upselling" => "Selling existing customers more, or more valuable, products.",
        "cross-selling" => "Selling existing customers other products.",
        "transactional" => "A single transaction: the relationship ends with the sale.",
        "long-term" => "A relationship meant to last beyond one sale.",
        // Phases.
        "awareness" => "Journey phase 1: how do we raise awareness of our products and services?",
        "evaluation" => "Journey phase 2: how do we help customers evaluate our value proposition?",
        "purchase" => "Journey phase 3: how do we allow customers to purchase specific products and services?",
        "delivery" => "Journey phase 4: how do we deliver the value proposition to customers?",
        "after-sales" => "Journey phase 5: how do we provide post-purchase customer support?",
        // Channels.
        "own" => "The company owns the channel (a sales force, web shop, own stores).",
        "partner" => "A partner owns the channel (partner stores, wholesalers, platforms): wider reach, lower margins.",
        "direct" => "The company reaches customers itself.",
        "indirect" => "Customers are reached through an intermediary.",
        "online" => "The channel works online.",
        "offline" => "The channel works offline.",
        // Value kinds.
        "newness" => "Satisfies an entirely new set of needs customers did not perceive before.",
        "performance" => "Improves product or service performance.",
        "customization" => "Tailors products and services to the specific needs of customers.",
        "getting-the-job-done" => "Helps the customer get certain jobs done.",
        "design" => "Stands out through superior design.",
        "brand" => "Customers find value in using and displaying a brand.",
        "price" => "Offers similar value at a lower price.",
        "cost-reduction" => "Helps customers reduce their costs.",
        "risk-reduction" => "Reduces the risks customers incur (or, for a partnership, the company's risks).",
        "accessibility" => "Makes products and services available to customers who lacked access.",
        "convenience" => "Makes things more convenient or easier to use.",
        // Revenue types and pricing.
        "asset-sale" => "Selling ownership rights to a physical product.",
        "usage-fee" => "Charging for the use of a service: the more it is used, the more the customer pays.",
        "lending" => "Granting the exclusive right to use an asset for a fixed period (renting, leasing).",
        "licensing" => "Granting permission to use protected intellectual property in exchange for fees.",
        "brokerage" => "Intermediation services performed on behalf of two or more parties.",
        "advertising" => "Fees for advertising a product, service or brand.",
        "list-price" => "Fixed prices for individual products, services or propositions.",
        "feature-dependent" => "The price depends on the number or quality of proposition features.",
        "segment-dependent" => "The price depends on the type and characteristics of a segment.",
        "volume-dependent" => "The price is a function of the quantity purchased.",
        "negotiation" => "The price is negotiated between partners, depending on power and skills.",
        "yield-management" => "The price depends on inventory and time of purchase.",
        "real-time-market" => "The price is established dynamically by supply and demand.",
        "auction" => "The price is determined by competitive bidding.",
        // Costs, partnerships, activities, resources.
        "fixed" => "A cost that stays the same whatever the volume produced.",
        "variable" => "A cost that varies with the volume produced.",
        "strategic-alliance" => "A strategic alliance between non-competitors.",
        "coopetition" => "A strategic partnership between competitors.",
        "joint-venture" => "A joint venture to develop new businesses.",
        "buyer-supplier" => "A buyer-supplier relationship to assure reliable supplies.",
        "optimization" => "Partnering to optimise the allocation of resources and activities; economies of scale.",
        "production" => "Designing, making and delivering a product in substantial quantities or of superior quality.",
        "problem-solving" => "Coming up with new solutions to individual customer problems.",
        "platform" => "Running and developing a platform or network.",
        "physical" => "Physical assets: facilities, buildings, vehicles, machines, networks.",
        "intellectual" => "Brands, proprietary knowledge, patents, copyrights, partnerships, customer databases.",
        "human" => "People, most prominent in knowledge-intensive and creative industries.",
        "financial" => "Cash, lines of credit, stock options.",
        "high" | "medium" | "low" => "How much the segment matters to the business.",
        _ => return None,
    })
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
