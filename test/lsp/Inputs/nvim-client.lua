-- A real LSP client for test/lsp/nvim.test: Neovim's built-in one (0.7's API: vim.lsp.start_client and
-- vim.lsp.buf_attach_client; vim.lsp.start came in 0.8), driven headless. It opens MMIO_FILE with mmio-audit-lsp
-- (MMIO_LSP) attached, writes what it received to MMIO_OUT (each diagnostic: place, severity, code, source, message;
-- its related information; the code actions at its place), applies the first quick fix as `:lua
-- vim.lsp.buf.code_action()` would, waits for the server to re-analyse the edited buffer, and writes the buffer to
-- MMIO_FIXED. Exits 0, or 1 after a line starting FAIL.
local out = assert(io.open(os.getenv('MMIO_OUT'), 'w'))
local function emit(line)
  out:write(line .. '\n')
  out:flush()
end
local function finish(status)
  out:close()
  vim.cmd(status == 0 and 'qall!' or 'cquit 1')
end
local function fail(message)
  emit('FAIL: ' .. message)
  finish(1)
end

local file = os.getenv('MMIO_FILE')
local client_id = vim.lsp.start_client({
  name = 'mmio-audit',
  cmd = { os.getenv('MMIO_LSP') },
  root_dir = vim.fn.fnamemodify(file, ':h'),
})
if not client_id then
  return fail('vim.lsp.start_client did not start the server')
end
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(bufnr, client_id)

if not vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20) then
  return fail('no diagnostics within 30s')
end
local client = vim.lsp.get_client_by_id(client_id)
emit('server ' .. client.name .. ', offset encoding ' .. client.offset_encoding)
local diagnostics = vim.diagnostic.get(bufnr)
table.sort(diagnostics, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
for _, d in ipairs(diagnostics) do
  emit(string.format('diagnostic %d:%d-%d:%d severity=%s code=%s source=%s message=%s', d.lnum + 1, d.col + 1,
    d.end_lnum + 1, d.end_col + 1, vim.diagnostic.severity[d.severity], tostring(d.code), tostring(d.source),
    d.message))
  for _, r in ipairs((d.user_data and d.user_data.lsp and d.user_data.lsp.relatedInformation) or {}) do
    emit(string.format('  related %s:%d:%d %s', vim.fn.fnamemodify(vim.uri_to_fname(r.location.uri), ':t'),
      r.location.range.start.line + 1, r.location.range.start.character + 1, r.message))
  end
end

-- The cursor on the first diagnostic, and the code actions there, as vim.lsp.buf.code_action() asks for them.
local first = diagnostics[1]
vim.api.nvim_win_set_cursor(0, { first.lnum + 1, first.col })
local params = vim.lsp.util.make_range_params(0, client.offset_encoding)
params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr) }
local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000)
if not responses or not responses[client_id] or responses[client_id].err then
  return fail('no answer to textDocument/codeAction')
end
local actions = responses[client_id].result or {}
for _, a in ipairs(actions) do
  emit(string.format('action %s kind=%s preferred=%s', a.title, tostring(a.kind), tostring(a.isPreferred)))
end
if #actions == 0 then
  return fail('no code action')
end

-- Apply the first one; Neovim sends the edit to the server as a didChange, and the server analyses the buffer.
vim.lsp.util.apply_workspace_edit(actions[1].edit, client.offset_encoding)
local before = #diagnostics
if not vim.wait(30000, function() return #vim.diagnostic.get(bufnr) < before end, 20) then
  return fail('the diagnostics did not change after the fix')
end
emit(string.format('after the fix: %d diagnostic(s)', #vim.diagnostic.get(bufnr)))
vim.fn.writefile(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), os.getenv('MMIO_FIXED'))

vim.lsp.stop_client(client_id)
if not vim.wait(10000, function() return vim.lsp.client_is_stopped(client_id) end, 20) then
  return fail('the server did not stop')
end
emit('stopped')
finish(0)
