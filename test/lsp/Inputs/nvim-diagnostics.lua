-- For test/lsp/docs-neovim.test: with the docs' init.lua loaded, waits until the current buffer has diagnostics
-- (from whatever configuration attached a server), then writes each to MMIO_OUT as the docs' virtual_text format
-- shows it, with the client that sent it and the code actions at its place. Exits 0, or 1 after a FAIL line.
local out = assert(io.open(os.getenv('MMIO_OUT'), 'w'))
local function emit(line) out:write(line .. '\n') out:flush() end
local bufnr = vim.api.nvim_get_current_buf()
emit('filetype ' .. vim.bo[bufnr].filetype)
if not vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20) then
  emit('FAIL: no diagnostics within 30s')
  out:close()
  vim.cmd('cquit 1')
  return
end
local format = vim.diagnostic.config().virtual_text.format
for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
  emit('client ' .. client.name)
end
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  emit(string.format('%d:%d %s', d.lnum + 1, d.col + 1, format(d)))
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  local params = vim.lsp.util.make_range_params()
  params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr) }
  for _, response in pairs(vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000) or {}) do
    for _, action in ipairs(response.result or {}) do
      emit('  action ' .. action.title)
    end
  end
end
for _, client in pairs(vim.lsp.get_active_clients()) do
  client.stop()
end
vim.wait(10000, function() return #vim.lsp.get_active_clients() == 0 end, 20)
out:close()
vim.cmd('qall!')
