#include "DocumentStore.h"

namespace mmio::lsp {

llvm::Error applyChange(std::string &Text, const llvm::json::Object &Change, OffsetEncoding E) {
  std::optional<llvm::StringRef> NewText = Change.getString("text");
  if (!NewText)
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "a content change without text");
  const llvm::json::Value *RangeValue = Change.get("range");
  if (!RangeValue) {
    Text = NewText->str();
    return llvm::Error::success();
  }
  Range R;
  llvm::json::Path::Root Root;
  if (!fromJSON(*RangeValue, R, Root))
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "a content change with an invalid range");
  llvm::Expected<size_t> Begin = positionToOffset(Text, R.Start, E);
  if (!Begin)
    return Begin.takeError();
  llvm::Expected<size_t> End = positionToOffset(Text, R.End, E);
  if (!End)
    return End.takeError();
  if (*End < *Begin)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "a content change whose range ends before it starts");
  Text.replace(*Begin, *End - *Begin, NewText->str());
  return llvm::Error::success();
}

void DocumentStore::open(Document D) {
  std::lock_guard<std::mutex> Lock(Mutex);
  std::string Uri = D.Uri;
  Docs[Uri] = std::move(D);
}

llvm::Error DocumentStore::change(llvm::StringRef Uri, int64_t Version, const llvm::json::Array &Changes,
                                  OffsetEncoding E) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Docs.find(Uri);
  if (It == Docs.end())
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "didChange for a document that is not open: %s",
                                   Uri.str().c_str());
  std::string Text = It->second.Text;
  for (const llvm::json::Value &C : Changes) {
    const llvm::json::Object *Obj = C.getAsObject();
    if (!Obj)
      return llvm::createStringError(llvm::inconvertibleErrorCode(), "a content change that is not an object");
    if (llvm::Error Err = applyChange(Text, *Obj, E))
      return Err;
  }
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
