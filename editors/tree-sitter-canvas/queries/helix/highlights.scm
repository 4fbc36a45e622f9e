;; Generated from ../highlights.scm by helix-queries.sh, with the capture
;; names of Helix. Do not edit: edit ../highlights.scm and run the script.

;; Highlights for the canvas language (nvim-treesitter capture names; Helix
;; and Zed fall back from `@a.b` to `@a`). Where two patterns could match one
;; node they exclude each other, so the result is the same whether the first
;; pattern wins (tree-sitter highlight, Helix) or the last (Neovim, Zed).
;; The word lists mirror src/model/statements.rs and src/model/enums.rs.

(comment) @comment

; Items: the header, the nine blocks and top-level `allow`.
"canvas" @keyword

(block_kind) @keyword.type

"allow" @keyword

"scenario" @keyword

(block
  name: (name) @type.definition)

(scenario
  name: (name) @type.definition)

(override
  name: (name) @type)

; Statements the language defines; an unknown one is left plain, so that a
; misspelt keyword stands out.
(statement
  keyword: (keyword) @keyword
  (#any-of? @keyword
    "description" "currency" "version" "owner" "note" "type" "attribute"
    "need" "expects" "size" "priority" "linked" "job" "pain" "gain" "for"
    "meets" "kind" "offers" "relieves" "creates" "helps" "link" "goal" "via"
    "cost" "reaches" "mode" "phase" "partner" "from" "pricing" "price"
    "amount" "motivation" "provides" "churn" "growth"))

; A rule code after `allow`.
(code) @constant

; The key of `attribute KEY VALUE`.
(statement
  keyword: (keyword) @keyword
  (#eq? @keyword "attribute")
  arguments: (arguments
    .
    (argument
      .
      (name) @variable.other.member)))

; Enumeration values.
(argument
  (name) @constant.builtin
  (#any-of? @constant.builtin
    "mass-market" "niche" "segmented" "diversified" "multi-sided" "high"
    "medium" "low" "personal-assistance" "dedicated-personal-assistance"
    "self-service" "automated-service" "community" "co-creation"
    "third-party" "exclusive-access" "subscription" "monitoring"
    "customer-service" "transactional" "long-term" "acquisition" "retention"
    "upselling" "cross-selling" "awareness" "evaluation" "purchase"
    "delivery" "after-sales" "own" "partner" "direct" "indirect" "online"
    "offline" "newness" "performance" "customization" "getting-the-job-done"
    "design" "brand" "price" "cost-reduction" "risk-reduction"
    "accessibility" "convenience" "asset-sale" "usage-fee" "lending"
    "licensing" "brokerage" "advertising" "list-price" "feature-dependent"
    "segment-dependent" "volume-dependent" "negotiation" "yield-management"
    "real-time-market" "auction" "fixed" "variable" "strategic-alliance"
    "coopetition" "joint-venture" "buyer-supplier" "optimization"
    "production" "problem-solving" "platform" "physical" "intellectual"
    "human" "financial"))

; Money and rates: `12.50 EUR per customer per month`.
(argument
  (name) @type.builtin
  (#match? @type.builtin "^[A-Z][A-Z][A-Z]$"))

(argument
  (name) @keyword.operator
  (#eq? @keyword.operator "per"))

(argument
  (name) @type.builtin
  (#any-of? @type.builtin
    "customer" "day" "week" "month" "quarter" "year"))

; Names in a reference statement name a block (`for young-women`).
(statement
  keyword: (keyword) @keyword
  (#any-of? @keyword "for" "via" "reaches" "from" "linked" "provides" "partner")
  arguments: (arguments
    (argument
      (name) @variable
      (#not-any-of? @variable
        "mass-market" "niche" "segmented" "diversified" "multi-sided" "high"
        "medium" "low" "personal-assistance" "dedicated-personal-assistance"
        "self-service" "automated-service" "community" "co-creation"
        "third-party" "exclusive-access" "subscription" "monitoring"
        "customer-service" "transactional" "long-term" "acquisition" "retention"
        "upselling" "cross-selling" "awareness" "evaluation" "purchase"
        "delivery" "after-sales" "own" "partner" "direct" "indirect" "online"
        "offline" "newness" "performance" "customization" "getting-the-job-done"
        "design" "brand" "price" "cost-reduction" "risk-reduction"
        "accessibility" "convenience" "asset-sale" "usage-fee" "lending"
        "licensing" "brokerage" "advertising" "list-price" "feature-dependent"
        "segment-dependent" "volume-dependent" "negotiation" "yield-management"
        "real-time-market" "auction" "fixed" "variable" "strategic-alliance"
        "coopetition" "joint-venture" "buyer-supplier" "optimization"
        "production" "problem-solving" "platform" "physical" "intellectual"
        "human" "financial"))))

(number) @constant.numeric

(string) @string

(escape_sequence) @constant.character.escape

["{" "}"] @punctuation.bracket

["," ";"] @punctuation.delimiter
