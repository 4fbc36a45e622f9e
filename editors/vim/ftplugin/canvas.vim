" Vim filetype plugin for canvasc's canvas language (.canvas files).

if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1

" Comments run from `#` to the end of the line.
setlocal commentstring=#\ %s
setlocal comments=:#
setlocal formatoptions-=t formatoptions+=croql

" The canonical layout (`canvasc fmt`) indents with two spaces.
setlocal shiftwidth=2 softtabstop=2 expandtab

" Identifiers are kebab-case (`young-women`): keep them one word.
setlocal iskeyword+=-

" `gf` on a file name without its extension.
setlocal suffixesadd=.canvas

let b:undo_ftplugin = 'setlocal commentstring< comments< formatoptions<'
      \ . ' shiftwidth< softtabstop< expandtab< iskeyword< suffixesadd<'
