#include "DocumentStore.h"

namespace mmio::lsp {

llvm::Error applyChange(std::string &Text, const TextDocumentContentChangeEvent &Change, OffsetEncoding E) {
  if (!Change.Replaced) {
    Text = Change.Text;
    return llvm::Error::success();
  }
  llvm::Expected<size_t> Begin = positionToOffset(Text, Change.Replaced->Start, E);
  if (!Begin)
    return Begin.takeError();
  llvm::Expected<size_t> End = positionToOffset(Text, Change.Replaced->End, E);
  if (!End)
    return End.takeError();
  if (*End < *Begin)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "a content change whose range ends before it starts");
  Text.replace(*Begin, *End - *Begin, Change.Text);
  return llvm::Error::success();
}

void DocumentStore::open(Document D) {
  std::lock_guard<std::mutex> Lock(Mutex);
  std::string Uri = D.Uri;
  Docs[Uri] = std::move(D);
}

llvm::Error DocumentStore::change(llvm::StringRef Uri, int64_t Version,
                                  const std::vector<TextDocumentContentChangeEvent> &Changes, OffsetEncoding E) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Docs.find(Uri);
  if (It == Docs.end())
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "didChange for a document that is not open: %s",
                                   Uri.str().c_str());
  std::string Text = It->second.Text;
  for (const TextDocumentContentChangeEvent &C : Changes)
    if (llvm::Error Err = applyChange(Text, C, E))
      return Err;
  It->second.Text = std::move(Text);
  It->second.Version = Version;
  return llvm::Error::success();
}

void DocumentStore::setText(llvm::StringRef Uri, std::string Text) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Docs.find(Uri);
  if (It != Docs.end())
    It->second.Text = std::move(Text);
}

bool DocumentStore::close(llvm::StringRef Uri) {
  std::lock_guard<std::mutex> Lock(Mutex);
  return Docs.erase(Uri);
}

std::optional<Document> DocumentStore::get(llvm::StringRef Uri) const {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Docs.find(Uri);
  if (It == Docs.end())
    return std::nullopt;
  return It->second;
}

std::optional<int64_t> DocumentStore::version(llvm::StringRef Uri) const {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Docs.find(Uri);
  if (It == Docs.end())
    return std::nullopt;
  return It->second.Version;
}

std::vector<Document> DocumentStore::all() const {
  std::lock_guard<std::mutex> Lock(Mutex);
  std::vector<Document> Out;
  for (const auto &E : Docs)
    Out.push_back(E.second);
  return Out;
}

} // namespace mmio::lsp
