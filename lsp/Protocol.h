// The LSP messages this server reads, as types decoded with fromJSON (errors say where, through json::Path), as
// clangd's Protocol.h does. Only the fields the server uses are declared.
#ifndef MMIO_AUDIT_LSP_PROTOCOL_H
#define MMIO_AUDIT_LSP_PROTOCOL_H

#include "Positions.h"

#include "llvm/Support/JSON.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mmio::lsp {

struct InitializeParams {
  /// LSP 3.17's capabilities.general.positionEncodings, in the client's order of preference.
  std::optional<std::vector<std::string>> PositionEncodings;
  /// clangd's capabilities.offsetEncoding, which clients wrote before LSP 3.17.
  std::optional<std::vector<std::string>> OffsetEncodings;
};

struct TextDocumentIdentifier {
  std::string Uri;
};

struct TextDocumentItem {
  std::string Uri;
  std::string LanguageId;
  int64_t Version = 0;
  std::string Text;
};

struct DidOpenTextDocumentParams {
  TextDocumentItem TextDocument;
};

struct TextDocumentContentChangeEvent {
  std::optional<Range> Replaced; // absent: `Text` is the whole document
  std::string Text;
};

struct DidChangeTextDocumentParams {
  TextDocumentIdentifier TextDocument;
  int64_t Version = 0;
  std::vector<TextDocumentContentChangeEvent> ContentChanges;
};

struct DidSaveTextDocumentParams {
  TextDocumentIdentifier TextDocument;
  std::optional<std::string> Text; // with `save.includeText`
};

struct DidCloseTextDocumentParams {
  TextDocumentIdentifier TextDocument;
};

struct CodeActionParams {
  TextDocumentIdentifier TextDocument;
  Range Requested;
  std::optional<std::vector<std::string>> Only; // context.only: the kinds the client wants
};

bool fromJSON(const llvm::json::Value &V, InitializeParams &P, llvm::json::Path Path);
bool fromJSON(const llvm::json::Value &V, TextDocumentIdentifier &P, llvm::json::Path Path);
bool fromJSON(const llvm::json::Value &V, TextDocumentItem &P, llvm::json::Path Path);
bool fromJSON(const llvm::json::Value &V, DidOpenTextDocumentParams &P, llvm::json::Path Path);
bool fromJSON(const llvm::json::Value &V, TextDocumentContentChangeEvent &P, llvm::json::Path Path);
bool fromJSON(const llvm::json::Value &V, DidChangeTextDocumentParams &P, llvm::json::Path Path);
bool fromJSON(const llvm::json::Value &V, DidSaveTextDocumentParams &P, llvm::json::Path Path);
bool fromJSON(const llvm::json::Value &V, DidCloseTextDocumentParams &P, llvm::json::Path Path);
bool fromJSON(const llvm::json::Value &V, CodeActionParams &P, llvm::json::Path Path);

} // namespace mmio::lsp

#endif
