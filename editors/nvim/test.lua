-- A Neovim check of the language server with Neovim's own LSP client (0.11+):
-- diagnostics at the right byte, hover, completion, semantic tokens, inlay
-- hints, a refused rename, formatting and a clean stop.
--
--   nvim --headless -u NONE -i NONE -l editors/nvim/test.lua /path/to/canvasc
--
-- Prints one line per check and exits 0 when all pass, 1 otherwise.

local canvasc = arg[1] or 'canvasc'
local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local failures, passed = 0, 0

local function check(what, ok, detail)
  if ok then
    passed = passed + 1
    io.write('ok    ', what, '\n')
  else
    failures = failures + 1
    io.write('FAIL  ', what, detail and (': ' .. vim.inspect(detail)) or '', '\n')
  end
end

vim.cmd('filetype on')
vim.filetype.add({ extension = { canvas = 'canvas' } })
local directory = vim.fn.tempname()
vim.fn.mkdir(directory, 'p')
local file = directory .. '/shop.canvas'
vim.fn.writefile({
  'canvas "Shop" { currency EUR }',
  'segment jóvenes "需要" { need "需要"; type\tnich }',
  'segment young-women { type niche }',
  'proposition p { for jóvenes; meets "需要" }',
  'revenue sales { from jóvenes; type subscription; price 12 EUR per customer per year }',
}, file)
vim.cmd.edit(file)
local buffer = vim.api.nvim_get_current_buf()
check('file type', vim.bo[buffer].filetype == 'canvas', vim.bo[buffer].filetype)

local id = vim.lsp.start({ name = 'canvasc', cmd = { canvasc, 'lsp' }, root_dir = directory })
check('the client starts', id ~= nil)
local client = vim.lsp.get_client_by_id(id)
vim.wait(10000, function() return #vim.diagnostic.get(buffer) > 0 end, 20)
check('UTF-8 positions negotiated', client and client.offset_encoding == 'utf-8', client and client.offset_encoding)

local nich
for _, diagnostic in ipairs(vim.diagnostic.get(buffer)) do
  if diagnostic.code == 'unknown-value' then nich = diagnostic end
end
-- `nich` is at byte 48 (0-based) of line 2: after "需要" twice and a tab.
check('diagnostic at the byte of `nich`', nich and nich.lnum == 1 and nich.col == 48, nich)
if nich then
  vim.api.nvim_win_set_cursor(0, { nich.lnum + 1, nich.col })
  check('the cursor lands on `nich`', vim.fn.expand('<cword>') == 'nich', vim.fn.expand('<cword>'))
end

local function request(method, params)
  local responses = vim.lsp.buf_request_sync(buffer, method, params, 10000) or {}
  local response = responses[id] or {}
  return response.result, response.error
end
local function at(line, character)
  return { textDocument = { uri = vim.uri_from_bufnr(buffer) }, position = { line = line, character = character } }
end

local hover = request('textDocument/hover', at(2, 27))
check('hover on a value', hover and hover.contents and hover.contents.value:find('niche') ~= nil, hover)

local items = request('textDocument/completion', at(2, 22)) or {}
local labels = {}
for _, item in ipairs(items.items or items) do labels[item.label] = true end
check('completion of statements', labels['type'] and labels['need'], vim.tbl_keys(labels))

local tokens = request('textDocument/semanticTokens/full', { textDocument = { uri = vim.uri_from_bufnr(buffer) } })
check('semantic tokens', tokens and #tokens.data > 0 and #tokens.data % 5 == 0, tokens)

local hints = request('textDocument/inlayHint', {
  textDocument = { uri = vim.uri_from_bufnr(buffer) },
  range = { start = { line = 0, character = 0 }, ['end'] = { line = 5, character = 0 } },
}) or {}
local hint_labels = {}
for _, hint in ipairs(hints) do table.insert(hint_labels, hint.label) end
check('inlay hint: a yearly price per month', vim.tbl_contains(hint_labels, '≈ 1.00 / month'), hint_labels)

local params = at(2, 10)
params.newName = 'jóvenes'
local _, refused = request('textDocument/rename', params)
check('rename to a name in use is refused', refused ~= nil)

local edits = request('textDocument/formatting', {
  textDocument = { uri = vim.uri_from_bufnr(buffer) },
  options = { tabSize = 2, insertSpaces = true },
})
check('formatting', edits and #edits == 1, edits)

client:stop()
vim.wait(5000, function() return client:is_stopped() end, 20)
check('the server stops', client:is_stopped())

io.write(string.format('%d passed, %d failed\n', passed, failures))
os.exit(failures == 0 and 0 or 1)
