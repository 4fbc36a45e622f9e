" Vim compiler file for canvasc: `:compiler canvasc`, then `:make` checks the
" current file and fills the quickfix list with its diagnostics.
"
" canvasc prints miette reports on standard error:
"
"   unknown-reference
"
"     × no segment named `young-woman`
"      ╭─[shop.canvas:27:7]
"   26 │ proposition cheap-and-cute "Low-cost products" {
"   ...
"
" The line with ×, ⚠ or ☞ holds the message of an error, a warning or an
" advice (a long one goes on over lines starting with │); the ╭─[FILE:LINE:COL]
" line below it ends the entry. COL counts characters, not bytes, so it is
" read with %v (a virtual column) rather than %c. A problem of the whole file (an empty file
" has no header) has no location and shows as a plain message.

if exists('current_compiler')
  finish
endif
let current_compiler = 'canvasc'

if exists(':CompilerSet') != 2
  command -nargs=* CompilerSet setlocal <args>
endif

let s:cpo_save = &cpoptions
set cpoptions&vim

" No colour codes, and a wide terminal so messages are not wrapped.
if has('win32')
  CompilerSet makeprg=canvasc\ check\ %\ 2>&1
else
  CompilerSet makeprg=env\ NO_COLOR=1\ COLUMNS=1000\ canvasc\ check\ %:S\ 2>&1
endif

CompilerSet errorformat=
      \%E%*[\ ]×\ %m,
      \%W%*[\ ]⚠\ %m,
      \%I%*[\ ]☞\ %m,
      \%C%*[\ ]│\ %m,
      \%Z%*[\ ]╭─[%f:%l:%v],
      \%-G%.%#

let &cpoptions = s:cpo_save
unlet s:cpo_save
