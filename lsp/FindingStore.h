// The findings last published for each document, and the quick fixes they offer at a range (textDocument/codeAction).
#ifndef MMIO_AUDIT_LSP_FINDINGSTORE_H
#define MMIO_AUDIT_LSP_FINDINGSTORE_H

#include "FindingConverter.h"
#include "Positions.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/JSON.h"

#include <cstdint>
#include <mutex>
#include <vector>

namespace mmio::lsp {

class FindingStore {
public:
  void set(llvm::StringRef Uri, int64_t Version, std::vector<LspFinding> Findings);
  void erase(llvm::StringRef Uri);

  /// A quick fix (an LSP CodeAction with a workspace edit) for each finding with a fix-it whose call touches
  /// `Requested`. None when the document has changed since its findings were published (`CurrentVersion`), since
  /// the edit's range would be stale; the next analysis brings them back.
  llvm::json::Array codeActions(llvm::StringRef Uri, int64_t CurrentVersion, const Range &Requested) const;

private:
  struct Entry {
    int64_t Version = 0;
    std::vector<LspFinding> Findings;
  };
  mutable std::mutex Mutex;
  llvm::StringMap<Entry> Entries;
};

} // namespace mmio::lsp

#endif
