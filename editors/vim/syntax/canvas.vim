" Vim syntax file
" Language:    canvas (canvasc's Business Model Canvas language, *.canvas)
" Maintainer:  canvasc contributors
" License:     MIT
"
" The word lists mirror src/model/statements.rs, src/model/enums.rs and
" src/code.rs; editors/check-vocabulary.js keeps them in step.

if exists('b:current_syntax')
  finish
endif

let s:cpo_save = &cpoptions
set cpoptions&vim

syntax case match
" Identifiers are letters, digits, `_` and `-` (`young-women`).
syntax iskeyword @,48-57,_,-,192-255

" The lists, as regex alternations.
let s:statements = 'description\|growth\|churn\|motivation\|currency\|priority\|provides\|relieves\|creates\|expects\|'
      \ . 'partner\|pricing\|reaches\|version\|amount\|linked\|offers\|helps\|'
      \ . 'meets\|owner\|phase\|price\|cost\|from\|gain\|goal\|'
      \ . 'kind\|link\|mode\|need\|note\|pain\|size\|type\|'
      \ . 'for\|job\|via'
let s:values = 'dedicated-personal-assistance\|getting-the-job-done\|personal-assistance\|strategic-alliance\|automated-service\|feature-dependent\|'
      \ . 'segment-dependent\|customer-service\|exclusive-access\|real-time-market\|volume-dependent\|yield-management\|'
      \ . 'problem-solving\|buyer-supplier\|cost-reduction\|risk-reduction\|accessibility\|cross-selling\|'
      \ . 'customization\|joint-venture\|transactional\|intellectual\|optimization\|self-service\|'
      \ . 'subscription\|acquisition\|advertising\|after-sales\|co-creation\|convenience\|'
      \ . 'coopetition\|diversified\|mass-market\|multi-sided\|negotiation\|performance\|'
      \ . 'third-party\|asset-sale\|evaluation\|list-price\|monitoring\|production\|'
      \ . 'awareness\|brokerage\|community\|financial\|licensing\|long-term\|'
      \ . 'retention\|segmented\|upselling\|usage-fee\|delivery\|indirect\|'
      \ . 'physical\|platform\|purchase\|variable\|auction\|lending\|'
      \ . 'newness\|offline\|partner\|design\|direct\|medium\|'
      \ . 'online\|brand\|fixed\|human\|niche\|price\|'
      \ . 'high\|low\|own'
let s:codes = 'unrecovered-acquisition\|unprofitable-relationship\|slow-payback\|unsupported-proposition\|duplicate-definition\|no-value-proposition\|too-many-diagnostics\|costly-relationship\|incomplete-journey\|'
      \ . 'currency-mismatch\|unknown-reference\|unmet-expectation\|duplicate-header\|undifferentiated\|duplicate-field\|'
      \ . 'no-relationship\|unaddressed-job\|unrelieved-pain\|confusable-name\|missing-header\|contradiction\|invalid-value\|'
      \ . 'missing-field\|unknown-value\|no-retention\|unclassified\|bidi-control\|unknown-need\|lonely-side\|'
      \ . 'no-channel\|unmet-gain\|unmet-need\|wrong-kind\|too-large\|syntax'
let s:blocks = 'segment\|proposition\|relationship\|channel\|revenue\|cost\|partner\|activity\|resource'

" Comments.
syntax keyword canvasTodo contained TODO FIXME XXX
syntax match canvasComment "#.*$" contains=canvasTodo,@Spell

" Strings on one line, with the escapes \" \\ \n \t \u{1F600}; any other
" backslash is an error canvasc reports.
syntax region canvasString start=+"+ skip=+\\\\\|\\"+ end=+"+ end=+$+ oneline
      \ contains=canvasBadEscape,canvasEscape,@Spell
syntax match canvasBadEscape contained +\\.\=+
syntax match canvasEscape contained +\\[\\"nt]+
syntax match canvasEscape contained +\\u{\x\{1,6}}+

" Numbers, money and rates: `120_000`, `12.50 EUR per customer per month`.
syntax match canvasNumber "\<\d[0-9_]*\%(\.\d[0-9_]*\)\=\>"
syntax match canvasCurrency contained "\<\u\u\u\>"
syntax match canvasUnit contained "\<per\s\+\%(customer\|day\|week\|month\|quarter\|year\)\>"
syntax match canvasUnit contained "\<per\s\+new\s\+customer\>"

syntax match canvasSeparator ";"
syntax match canvasComma contained ","

" Top-level items: the header, the blocks (kind, then identifier) and `allow`.
" They start a line, or follow a `;`.
syntax match canvasHeader "\%(^\|;\)\s*\zs\<canvas\>"
" A scenario, whose body holds overrides: block heads with bodies of their own.
syntax match canvasScenario "\%(^\|;\)\s*\zs\<scenario\>" nextgroup=canvasBlockName skipwhite
execute 'syntax match canvasBlockKind "\%(^\|;\)\s*\zs\<\%(' . s:blocks . '\)\>"'
      \ . ' nextgroup=canvasBlockName skipwhite'
syntax match canvasBlockName contained "\<\k\+"
syntax match canvasAllow "\%(^\|[{;]\)\s*\zs\<allow\>" nextgroup=canvasCodeList skipwhite
syntax match canvasCodeList contained "[^;#}]*" contains=canvasCode,canvasComma
execute 'syntax match canvasCode contained "\<\%(' . s:codes . '\)\>"'

" A block's body: statements, one per line or separated by `;`.
syntax region canvasBody matchgroup=canvasBrace start="{" end="}" fold
      \ contains=canvasComment,canvasString,canvasNumber,canvasCurrency,canvasUnit,
      \canvasSeparator,canvasComma,canvasValue,canvasStatement,canvasAttribute,canvasAllow,
      \canvasBody
execute 'syntax match canvasValue contained "\<\%(' . s:values . '\)\>"'
execute 'syntax match canvasStatement contained'
      \ . ' "\%(\%(^\|[{;]\)\s*\)\@<=\<\%(' . s:statements . '\)\>"'
syntax match canvasAttribute contained "\%(\%(^\|[{;]\)\s*\)\@<=\<attribute\>"
      \ nextgroup=canvasAttributeKey skipwhite
syntax match canvasAttributeKey contained "\<\k\+"

syntax sync minlines=50

highlight default link canvasComment      Comment
highlight default link canvasTodo         Todo
highlight default link canvasString       String
highlight default link canvasEscape       SpecialChar
highlight default link canvasBadEscape    Error
highlight default link canvasNumber       Number
highlight default link canvasCurrency     Type
highlight default link canvasUnit         Type
highlight default link canvasSeparator    Delimiter
highlight default link canvasComma        Delimiter
highlight default link canvasBrace        Delimiter
highlight default link canvasHeader       Keyword
highlight default link canvasBlockKind    Structure
highlight default link canvasScenario     Structure
highlight default link canvasBlockName    Identifier
highlight default link canvasAllow        PreProc
highlight default link canvasCode         Special
highlight default link canvasStatement    Statement
highlight default link canvasAttribute    Statement
highlight default link canvasAttributeKey Identifier
highlight default link canvasValue        Constant

let b:current_syntax = 'canvas'

let &cpoptions = s:cpo_save
unlet s:cpo_save
