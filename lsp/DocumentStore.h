// The documents the editor has open: their text as the editor has it (not as on disk), and its version.
#ifndef MMIO_AUDIT_LSP_DOCUMENTSTORE_H
#define MMIO_AUDIT_LSP_DOCUMENTSTORE_H

#include "Positions.h"
#include "Protocol.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace mmio::lsp {

struct Document {
  std::string Uri;
  std::string Path; // absolute
  std::string LanguageId;
  int64_t Version = 0;
  std::string Text;
};

/// Applies one content change: a range replaced, or (without a range) the whole text.
llvm::Error applyChange(std::string &Text, const TextDocumentContentChangeEvent &Change, OffsetEncoding E);

class DocumentStore {
public:
  void open(Document D);
  /// Applies `Changes` in order and takes `Version`; an unknown document or a change that does not fit is an
  /// error and leaves the document as it was.
  llvm::Error change(llvm::StringRef Uri, int64_t Version, const std::vector<TextDocumentContentChangeEvent> &Changes,
                     OffsetEncoding E);
  /// Replaces the whole text (didSave with includeText).
  void setText(llvm::StringRef Uri, std::string Text);
  bool close(llvm::StringRef Uri);

  std::optional<Document> get(llvm::StringRef Uri) const;
  std::optional<int64_t> version(llvm::StringRef Uri) const;
  std::vector<Document> all() const;

private:
  mutable std::mutex Mutex;
  llvm::StringMap<Document> Docs;
};

} // namespace mmio::lsp

#endif
