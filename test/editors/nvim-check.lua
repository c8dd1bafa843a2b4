-- Drives the MLOps language server from Neovim's own LSP client (Neovim 0.7: vim.lsp.start_client),
-- headless. The test passes the server, the output file and cursor positions through the environment
-- and reads back one JSON object per line.
local out_path = os.getenv('MLOPS_NVIM_OUT')
local server = os.getenv('MLOPS_SERVER')
local results = {}
local function record(kind, value) table.insert(results, vim.fn.json_encode({ kind = kind, value = value })) end

local function position(name)
  local line, col = (os.getenv(name) or '0:0'):match('(%d+):(%d+)')
  return { line = tonumber(line), character = tonumber(col) }
end

vim.cmd('filetype on')
local client_id = vim.lsp.start_client({
  name = 'mlops',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.getcwd(),
  init_options = { debounceMs = 0 },
})
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'yaml',
  callback = function(args) vim.lsp.buf_attach_client(args.buf, client_id) end,
})

local function request(buf, method, params)
  local res = vim.lsp.buf_request_sync(buf, method, params, 10000) or {}
  for _, r in pairs(res) do if r.result then return r.result end end
  return vim.NIL
end

function MlopsCheck()
  local buf = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(buf)
  local got = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    record('diagnostic', { line = d.lnum, col = d.col, code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code), message = d.message })
  end
  local doc = { uri = uri }
  local completion = request(buf, 'textDocument/completion', { textDocument = doc, position = position('MLOPS_COMPLETE_AT') })
  local items = completion ~= vim.NIL and (completion.items or completion) or {}
  local labels = {}
  for _, it in ipairs(items) do table.insert(labels, it.label) end
  record('completion', labels)
  record('hover', request(buf, 'textDocument/hover', { textDocument = doc, position = position('MLOPS_HOVER_AT') }))
  record('definition', request(buf, 'textDocument/definition', { textDocument = doc, position = position('MLOPS_DEFINITION_AT') }))
  -- The diagnostics of the first finding's line, in LSP shape, as vim.lsp.buf.code_action() sends them.
  local first = vim.diagnostic.get(buf)[1]
  local lsp_diags = first and vim.lsp.diagnostic.get_line_diagnostics(buf, first.lnum) or {}
  local actions = request(buf, 'textDocument/codeAction', { textDocument = doc, range = lsp_diags[1] and lsp_diags[1].range or { start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } }, context = { diagnostics = lsp_diags } })
  local titles = {}
  if actions ~= vim.NIL then for _, a in ipairs(actions) do table.insert(titles, a.title) end end
  record('codeActions', titles)
  vim.fn.writefile(results, out_path)
  vim.lsp.stop_client(client_id)
  vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
  if got then vim.cmd('qa!') else vim.cmd('cquit 1') end
end
