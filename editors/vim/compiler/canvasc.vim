" Vim compiler file for canvasc: `:compiler canvasc`, then `:make` checks the
" current file and fills the quickfix list with its diagnostics.
"
" It runs `canvasc check --format short --columns bytes`, which prints one
" line per diagnostic on standard output:
"
"   shop.canvas:27:7: error[unknown-reference]: no segment named `young-woman`
"   empty.canvas: error[missing-header]: this file has no `canvas "..."` header
"
" The column counts bytes, as Vim's quickfix list does (%c), so `:cc` lands
" on the right character after multi-byte text and after a tab. A problem of
" the whole file has no line and points at the file. The summary line goes to
" standard error and is not read.

if exists('current_compiler')
  finish
endif
let current_compiler = 'canvasc'

if exists(':CompilerSet') != 2
  command -nargs=* CompilerSet setlocal <args>
endif

let s:cpo_save = &cpoptions
set cpoptions&vim

if has('win32')
  CompilerSet makeprg=canvasc\ check\ --format\ short\ --columns\ bytes\ %
else
  CompilerSet makeprg=canvasc\ check\ --format\ short\ --columns\ bytes\ %:S
endif

CompilerSet errorformat=
      \%E%f:%l:%c:\ error[%*[^]]]:\ %m,
      \%W%f:%l:%c:\ warning[%*[^]]]:\ %m,
      \%I%f:%l:%c:\ advice[%*[^]]]:\ %m,
      \%E%f:\ error[%*[^]]]:\ %m,
      \%W%f:\ warning[%*[^]]]:\ %m,
      \%I%f:\ advice[%*[^]]]:\ %m,
      \%E%f:\ error:\ %m,
      \%-G%.%#

let &cpoptions = s:cpo_save
unlet s:cpo_save
