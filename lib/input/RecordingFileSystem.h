// A file system that remembers what a compile looked up: every path it asked about, whether it was there, and a
// hash of the bytes of every file it read. That is what a unit's result depends on, so a cache can tell, without
// compiling again, that a result still holds: the same bytes read, the same paths absent (a header added earlier
// on the include path would shadow the one read), the same directories present.
#ifndef MMIO_AUDIT_INPUT_RECORDINGFILESYSTEM_H
#define MMIO_AUDIT_INPUT_RECORDINGFILESYSTEM_H

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace mmio {

/// A 128-bit content hash (XXH3), printed as 32 hex digits.
struct ContentHash {
  uint64_t Low = 0, High = 0;
  bool operator==(const ContentHash &O) const { return Low == O.Low && High == O.High; }
  bool operator!=(const ContentHash &O) const { return !(*this == O); }
  std::string hex() const;
  static std::optional<ContentHash> fromHex(llvm::StringRef Hex);
};
ContentHash hashContent(llvm::StringRef Bytes);

struct FileLookup {
  enum Kind { Absent, Present, Read };
  Kind What = Absent;
  ContentHash Hash; // Read: of the bytes the compile got
};

/// What one compile looked up, by absolute path. When a path was looked up more than once, what it was read as
/// wins over its being present.
class LookupLog {
public:
  void note(std::string Path, FileLookup::Kind What, ContentHash Hash = {});
  /// Sorted by path.
  std::vector<std::pair<std::string, FileLookup>> entries() const;
  /// Whether a lookup failed other than by the path being absent (a permission, an I/O error): the result of such a
  /// compile is not a function of what the log can check again.
  bool unsure() const;
  void markUnsure();

private:
  mutable std::mutex Mutex;
  llvm::StringMap<FileLookup> Seen;
  bool Unsure = false;
};

/// `Base` with every status and open recorded in `Log`, which must outlive it.
llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> recordLookups(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base,
                                                              LookupLog &Log);

} // namespace mmio

#endif
