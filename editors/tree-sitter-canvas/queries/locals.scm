;; Scopes, definitions and references. A file is one scope: every block
;; identifier is visible everywhere in it.

(source_file) @local.scope

; `segment young-women`, `channel webshop`, ... define a name.
(block
  name: (name) @local.definition)

; The names in a reference statement (`for young-women`, `via webshop`) refer
; to one.
(statement
  keyword: (keyword) @_keyword
  (#any-of? @_keyword "for" "via" "reaches" "from" "linked" "provides" "partner")
  arguments: (arguments
    (argument
      (name) @local.reference)))
