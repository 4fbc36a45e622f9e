" *.canvas files are canvasc's Business Model Canvas language. A file that
" starts with `{` is a JSON Canvas (Obsidian) file instead and is left alone.
autocmd BufRead,BufNewFile *.canvas
      \ if getline(1) !~# '^\s*{' | set filetype=canvas | endif
