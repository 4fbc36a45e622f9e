" Vim indent file for canvasc's canvas language: one level inside `{ }`, one
" more on the lines of a list that goes on after a trailing comma.

if exists('b:did_indent')
  finish
endif
let b:did_indent = 1

setlocal autoindent
setlocal nosmartindent nocindent
setlocal indentexpr=GetCanvasIndent(v:lnum)
setlocal indentkeys=0},0#,!^F,o,O

let b:undo_indent = 'setlocal autoindent< smartindent< cindent< indentexpr< indentkeys<'

if exists('*GetCanvasIndent')
  finish
endif

let s:cpo_save = &cpoptions
set cpoptions&vim

" A line without its strings and comment.
function! s:Code(lnum) abort
  let line = substitute(getline(a:lnum), '"\%(\\.\|[^"\\]\)*"', '""', 'g')
  return substitute(line, '\s*#.*$', '', '')
endfunction

" The last line before lnum that holds code (not blank, not only a comment).
function! s:PrevCode(lnum) abort
  let lnum = prevnonblank(a:lnum)
  while lnum > 0 && s:Code(lnum) =~# '^\s*$'
    let lnum = prevnonblank(lnum - 1)
  endwhile
  return lnum
endfunction

" The first line of the statement or item that lnum belongs to: lists go on
" over lines that follow a trailing comma.
function! s:StatementStart(lnum) abort
  let lnum = a:lnum
  let before = s:PrevCode(lnum - 1)
  while before > 0 && s:Code(before) =~# ',\s*$'
    let lnum = before
    let before = s:PrevCode(lnum - 1)
  endwhile
  return lnum
endfunction

function! GetCanvasIndent(lnum) abort
  let prev = s:PrevCode(a:lnum - 1)
  if prev == 0
    return 0
  endif
  let code = s:Code(prev)
  let ind = indent(s:StatementStart(prev))
  if code =~# '{\s*$'
    let ind += shiftwidth()
  elseif code =~# ',\s*$'
    let ind += shiftwidth()
  endif
  if getline(a:lnum) =~# '^\s*}'
    let ind -= shiftwidth()
  endif
  return ind < 0 ? 0 : ind
endfunction

let &cpoptions = s:cpo_save
unlet s:cpo_save
