" Tests of the Vim support: filetype detection, ftplugin options, syntax
" groups, indentation and the canvasc compiler's errorformat.
"
"   cd editors/vim/test && vim -Nu NONE -i NONE -es -S run.vim
"
" Exits 0 when every check passes, 1 otherwise; the failures and a closing
" `N passed, N failed` line go to the file $VIM_TEST_RESULT (to stdout when it
" is not set).
" With canvasc on PATH it also runs `:make` for real. $CANVAS_REINDENT may
" name files (a glob) that must come out of `gg=G` unchanged.

set nocompatible encoding=utf-8
let s:here = expand('<sfile>:p:h')
execute 'set runtimepath^=' . fnameescape(fnamemodify(s:here, ':h'))
filetype plugin indent on
syntax on
execute 'cd ' . fnameescape(s:here)
let s:checks = 0

function! s:Equal(expected, actual, what) abort
  let s:checks += 1
  call assert_equal(a:expected, a:actual, a:what)
endfunction

" --- filetype detection and ftplugin ---------------------------------------
edit syntax.canvas
call s:Equal('canvas', &filetype, 'filetype of a .canvas file')
call s:Equal(2, &shiftwidth, 'shiftwidth')
call s:Equal(1, &expandtab, 'expandtab')
call s:Equal('# %s', &commentstring, 'commentstring')
call s:Equal('GetCanvasIndent(v:lnum)', &indentexpr, 'indentexpr')

let s:json = tempname() . '.canvas'
call writefile(['{"nodes": [], "edges": []}'], s:json)
execute 'edit ' . fnameescape(s:json)
call s:Equal('', &filetype, 'a JSON Canvas file is not canvasc''s language')
bwipeout!

" --- syntax ----------------------------------------------------------------
edit syntax.canvas
function! s:Group(line, text, nth) abort
  " The syntax group of the nth occurrence of text on line.
  let col = 0
  for _ in range(a:nth)
    let col = stridx(getline(a:line), a:text, col) + 1
  endfor
  return synIDattr(synID(a:line, col, 1), 'name')
endfunction
for [s:line, s:text, s:nth, s:group] in [
      \ [1, '#', 1, 'canvasComment'],
      \ [2, 'canvas', 1, 'canvasHeader'],
      \ [2, 'Maria', 1, 'canvasString'],
      \ [2, '\"', 1, 'canvasEscape'],
      \ [2, '\n', 1, 'canvasEscape'],
      \ [2, '\u{1F600}', 1, 'canvasEscape'],
      \ [2, '\q', 1, 'canvasBadEscape'],
      \ [2, '{', 2, 'canvasBrace'],
      \ [3, 'description', 1, 'canvasStatement'],
      \ [3, '# trailing', 1, 'canvasComment'],
      \ [4, 'EUR', 1, 'canvasCurrency'],
      \ [5, ';', 1, 'canvasSeparator'],
      \ [5, 'owner', 1, 'canvasStatement'],
      \ [7, 'segment', 1, 'canvasBlockKind'],
      \ [7, 'young-women', 1, 'canvasBlockName'],
      \ [8, 'type', 1, 'canvasStatement'],
      \ [8, 'niche', 1, 'canvasValue'],
      \ [9, 'attribute', 1, 'canvasAttribute'],
      \ [9, 'age', 1, 'canvasAttributeKey'],
      \ [11, 'community', 1, 'canvasValue'],
      \ [11, ',', 1, 'canvasComma'],
      \ [12, 'self-service', 1, 'canvasValue'],
      \ [14, '120_000', 1, 'canvasNumber'],
      \ [15, 'high', 1, 'canvasValue'],
      \ [16, 'linked', 1, 'canvasStatement'],
      \ [16, 'skin-care', 1, 'canvasBody'],
      \ [17, 'speed', 1, 'canvasBody'],
      \ [18, 'allow', 1, 'canvasAllow'],
      \ [18, 'unmet-need', 1, 'canvasCode'],
      \ [18, 'no-channel', 1, 'canvasCode'],
      \ [20, 'relationship', 1, 'canvasBlockKind'],
      \ [20, 'community', 1, 'canvasBlockName'],
      \ [22, 'cost', 1, 'canvasStatement'],
      \ [22, '0.10', 1, 'canvasNumber'],
      \ [22, 'EUR', 1, 'canvasCurrency'],
      \ [22, 'per customer', 1, 'canvasUnit'],
      \ [22, 'per month', 1, 'canvasUnit'],
      \ [25, 'channel', 1, 'canvasBlockKind'],
      \ [25, 'partner', 1, 'canvasValue'],
      \ [25, 'partner', 2, 'canvasStatement'],
      \ [25, 'indirect', 1, 'canvasValue'],
      \ [25, 'per month', 1, 'canvasUnit'],
      \ [26, 'cost', 1, 'canvasBlockKind'],
      \ [26, 'hosting', 1, 'canvasBlockName'],
      \ [26, 'per year', 1, 'canvasUnit'],
      \ [26, 'fixed', 1, 'canvasValue'],
      \ [27, 'partner', 1, 'canvasBlockKind'],
      \ [27, 'buyer-supplier', 1, 'canvasValue'],
      \ [28, 'problem-solving', 1, 'canvasValue'],
      \ [29, 'allow', 1, 'canvasAllow'],
      \ [29, 'lonely-side', 1, 'canvasCode'],
      \ ]
  call s:Equal(s:group, s:Group(s:line, s:text, s:nth),
        \ printf('syntax of %s #%d on line %d', s:text, s:nth, s:line))
endfor

" --- indentation -----------------------------------------------------------
function! s:Reindent(lines) abort
  enew!
  setfiletype canvas
  call setline(1, map(copy(a:lines), 'substitute(v:val, "^\\s*", "", "")'))
  normal! gg=G
  let result = getline(1, '$')
  bwipeout!
  return result
endfunction
let s:lists = [
      \ 'segment a {',
      \ '  expects community,',
      \ '    self-service, # a comment',
      \ '    # a comment line',
      \ '    co-creation',
      \ '  need "a { in a string"',
      \ '  attribute age "18-30" # {',
      \ '}',
      \ 'activity b { type production }',
      \ 'allow unclassified,',
      \ '  lonely-side',
      \ 'segment c {',
      \ '  type niche',
      \ '}',
      \ ]
call s:Equal(s:lists, s:Reindent(s:lists), 'indentation of lists and braces')
for s:file in split(glob($CANVAS_REINDENT), "\n")
  let s:lines = readfile(s:file)
  call s:Equal(s:lines, s:Reindent(s:lines), 'gg=G keeps ' . s:file)
endfor

" --- the canvasc compiler --------------------------------------------------
edit broken.canvas
compiler canvasc
function! s:Entries() abort
  return map(getqflist(), {_, e -> [e.bufnr ? fnamemodify(bufname(e.bufnr), ':t') : '', e.lnum, e.col, e.type,
        \ substitute(e.text, '\n', ' ', 'g')]})
endfunction
" (From a file: `:cgetexpr` would read the global 'errorformat', not the compiler's.)
function! s:EntriesOf(lines) abort
  let l:file = tempname()
  call writefile(a:lines, l:file)
  execute 'cgetfile ' . fnameescape(l:file)
  call delete(l:file)
  return s:Entries()
endfunction
let s:expected = [
      \ ['broken.canvas', 2, 9, 'W', 'segment `jóvenes` has no customer relationship'],
      \ ['broken.canvas', 2, 9, 'W', 'no channel reaches segment `jóvenes`'],
      \ ['broken.canvas', 2, 36, 'E', 'unknown segment type `nich`'],
      \ ['broken.canvas', 3, 37, 'W', '"an unknown need" is not a need of `jóvenes`'],
      \ ['empty.canvas', 0, 0, 'E', 'this file has no `canvas "..."` header'],
      \ ]
" check-short.txt is `canvasc check --format short --columns bytes broken.canvas empty.canvas`.
cgetfile check-short.txt
call s:Equal(s:expected, s:Entries(), 'errorformat on canvasc check --format short')
call s:Equal(['advice.canvas', 3, 5, 'I', 'a hint'],
      \ s:EntriesOf(['advice.canvas:3:5: advice[some-code]: a hint', '1 error, 0 warnings in 1 file'])[0], 'advice')
if executable('canvasc')
  let &l:makeprg = substitute(&l:makeprg, '%:S', 'broken.canvas empty.canvas', '')
  " The output goes to the error file only, not to the screen.
  let &shellpipe = '>%s 2>&1'
  silent make!
  call s:Equal(s:expected, s:Entries(), ':make with ' . exepath('canvasc'))
  " `:cc` lands on the character canvasc means, after wide text and a tab.
  edit wide.canvas
  compiler canvasc
  silent make!
  let s:index = index(map(getqflist(), {_, e -> e.text}), 'unknown segment type `nich`')
  execute 'cc ' . (s:index + 1)
  call s:Equal([2, 'nich'], [line('.'), expand('<cword>')], ':cc after "需要" and a tab')
  let s:index = index(map(getqflist(), {_, e -> e.text}), 'no proposition for `jóvenes` meets the need "需要"')
  execute 'cc ' . (s:index + 1)
  call s:Equal('"需要"', strpart(getline('.'), col('.') - 1, 8), ':cc at "需要"')
else
  echomsg 'canvasc is not on PATH: :make not tried'
endif

" --- report ----------------------------------------------------------------
let s:result = empty($VIM_TEST_RESULT) ? '/dev/stdout' : $VIM_TEST_RESULT
call writefile(v:errors + [printf('%d passed, %d failed', s:checks - len(v:errors), len(v:errors))],
      \ s:result, 'a')
if empty(v:errors)
  qall!
else
  cquit!
endif
