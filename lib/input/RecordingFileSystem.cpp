#include "input/RecordingFileSystem.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

#include <algorithm>

namespace mmio {

std::string ContentHash::hex() const {
  return llvm::utohexstr(High, /*LowerCase=*/true, 16) + llvm::utohexstr(Low, /*LowerCase=*/true, 16);
}

std::optional<ContentHash> ContentHash::fromHex(llvm::StringRef Hex) {
  ContentHash H;
  if (Hex.size() != 32 || Hex.take_front(16).getAsInteger(16, H.High) || Hex.drop_front(16).getAsInteger(16, H.Low))
    return std::nullopt;
  return H;
}

ContentHash hashContent(llvm::StringRef Bytes) {
  llvm::XXH128_hash_t H = llvm::xxh3_128bits(llvm::ArrayRef(Bytes.bytes_begin(), Bytes.size()));
  return ContentHash{H.low64, H.high64};
}

void LookupLog::note(std::string Path, FileLookup::Kind What, ContentHash Hash) {
  std::lock_guard<std::mutex> Lock(Mutex);
  FileLookup &L = Seen[Path];
  if (L.What == FileLookup::Read && What != FileLookup::Read)
    return;
  L.What = What;
  L.Hash = Hash;
}

std::vector<std::pair<std::string, FileLookup>> LookupLog::entries() const {
  std::lock_guard<std::mutex> Lock(Mutex);
  std::vector<std::pair<std::string, FileLookup>> Out;
  Out.reserve(Seen.size());
  for (const auto &E : Seen)
    Out.emplace_back(E.getKey().str(), E.getValue());
  llvm::sort(Out, [](const auto &A, const auto &B) { return A.first < B.first; });
  return Out;
}

bool LookupLog::unsure() const {
  std::lock_guard<std::mutex> Lock(Mutex);
  return Unsure;
}

void LookupLog::markUnsure() {
  std::lock_guard<std::mutex> Lock(Mutex);
  Unsure = true;
}

namespace {

/// A file whose every buffer handed out is hashed into the log as it goes.
class RecordedFile : public llvm::vfs::File {
public:
  RecordedFile(std::unique_ptr<llvm::vfs::File> Inner, std::string Path, LookupLog &Log)
      : Inner(std::move(Inner)), Path(std::move(Path)), Log(Log) {}

  llvm::ErrorOr<llvm::vfs::Status> status() override { return Inner->status(); }
  llvm::ErrorOr<std::string> getName() override { return Inner->getName(); }
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> getBuffer(const llvm::Twine &Name, int64_t FileSize,
                                                               bool RequiresNullTerminator, bool IsVolatile) override {
    auto Buffer = Inner->getBuffer(Name, FileSize, RequiresNullTerminator, IsVolatile);
    if (Buffer)
      Log.note(Path, FileLookup::Read, hashContent((*Buffer)->getBuffer()));
    return Buffer;
  }
  std::error_code close() override { return Inner->close(); }

private:
  std::unique_ptr<llvm::vfs::File> Inner;
  std::string Path;
  LookupLog &Log;
};

class RecordingFileSystem : public llvm::vfs::ProxyFileSystem {
public:
  RecordingFileSystem(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base, LookupLog &Log)
      : ProxyFileSystem(std::move(Base)), Log(Log) {}

  llvm::ErrorOr<llvm::vfs::Status> status(const llvm::Twine &Path) override {
    auto S = ProxyFileSystem::status(Path);
    noteOutcome(Path, S ? std::error_code() : S.getError());
    return S;
  }

  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>> openFileForRead(const llvm::Twine &Path) override {
    auto F = ProxyFileSystem::openFileForRead(Path);
    if (!F) {
      noteOutcome(Path, F.getError());
      return F;
    }
    std::string Absolute = absolute(Path);
    Log.note(Absolute, FileLookup::Present);
    return std::unique_ptr<llvm::vfs::File>(std::make_unique<RecordedFile>(std::move(*F), Absolute, Log));
  }

private:
  std::string absolute(const llvm::Twine &Path) {
    llvm::SmallString<256> P;
    Path.toVector(P);
    makeAbsolute(P);
    llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/false);
    return std::string(P);
  }

  void noteOutcome(const llvm::Twine &Path, std::error_code EC) {
    if (!EC)
      Log.note(absolute(Path), FileLookup::Present);
    else if (EC == std::errc::no_such_file_or_directory || EC == std::errc::not_a_directory)
      Log.note(absolute(Path), FileLookup::Absent);
    else
      Log.markUnsure();
  }

  LookupLog &Log;
};

} // namespace

llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> recordLookups(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base,
                                                              LookupLog &Log) {
  return llvm::makeIntrusiveRefCnt<RecordingFileSystem>(std::move(Base), Log);
}

} // namespace mmio
