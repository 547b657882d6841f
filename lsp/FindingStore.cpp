#include "FindingStore.h"

namespace mmio::lsp {

namespace {

/// The finding's diagnostic, read back from the text the converter wrote (it always parses).
llvm::json::Value diagnosticValue(const LspFinding &F) {
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(F.Diagnostic);
  if (!V) {
    llvm::consumeError(V.takeError());
    return llvm::json::Object();
  }
  return std::move(*V);
}

} // namespace

void FindingStore::set(llvm::StringRef Uri, int64_t Version, std::vector<LspFinding> Findings) {
  std::lock_guard<std::mutex> Lock(Mutex);
  Entries[Uri] = Entry{Version, std::move(Findings)};
}

void FindingStore::erase(llvm::StringRef Uri) {
  std::lock_guard<std::mutex> Lock(Mutex);
  Entries.erase(Uri);
}

llvm::json::Array FindingStore::codeActions(llvm::StringRef Uri, int64_t CurrentVersion, const Range &Requested) const {
  std::lock_guard<std::mutex> Lock(Mutex);
  llvm::json::Array Actions;
  auto It = Entries.find(Uri);
  if (It == Entries.end() || It->second.Version != CurrentVersion)
    return Actions;
  for (const LspFinding &F : It->second.Findings) {
    if (!F.Fix || !(F.Call.touches(Requested) || F.Fix->Where.touches(Requested)))
      continue;
    llvm::json::Object Edit{{"range", F.Fix->Where}, {"newText", F.Fix->NewText}};
    llvm::json::Object Changes;
    Changes[F.Fix->Uri] = llvm::json::Array{std::move(Edit)};
    Actions.push_back(llvm::json::Object{
        {"title", F.Fix->Title},
        {"kind", "quickfix"},
        {"diagnostics", llvm::json::Array{diagnosticValue(F)}},
        {"isPreferred", true},
        {"edit", llvm::json::Object{{"changes", std::move(Changes)}}},
    });
  }
  return Actions;
}

} // namespace mmio::lsp
