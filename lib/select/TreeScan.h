// The fast selection's scan of a source tree: every file read once, to find those that may make an allocator call
// in whatever unit includes them (docs/cli.md, "Selecting units"). Files are told apart by identity (device and
// inode), so a unit's source named through a symbolic link is the file the walk read.
#ifndef MMIO_AUDIT_SELECT_TREESCAN_H
#define MMIO_AUDIT_SELECT_TREESCAN_H

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem/UniqueID.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mmio {

struct ScanRequest {
  /// Directories walked recursively. Symbolic links to directories are not followed (a kernel build directory
  /// links back to its source), nor are version-control directories (`.git`, `.hg`, `.svn`) entered.
  std::vector<std::string> Roots;
  /// Directories under the roots that are not walked (absolute): the tool's own cache, when it lives in the tree.
  std::vector<std::string> SkipDirectories;
  /// Units' source files, read even when outside the roots.
  std::vector<std::string> Units;
  /// Other files read even when outside the roots (`-include` headers).
  std::vector<std::string> Extra;
  /// The allocators' identifiers.
  std::vector<std::string> Allocators;
  /// Patch mode: other contents of files (absolute path -> text), scanned as well as what is on disk; a file that
  /// is only here is scanned as if it were on disk.
  const llvm::StringMap<std::string> *AlsoAs = nullptr;
  unsigned Threads = 0; // 0: every core
  // Bounds: a scan past them fails, and the caller selects another way.
  size_t MaxFiles = 2000000;         // directory entries walked, directories included
  uint64_t MaxFileBytes = 64u << 20; // a larger file is not read; it counts as one that may call
  unsigned MaxRounds = 64;           // rounds of derived macro names
  /// A file of what the last scan found per file (written when it changes, replaced whole): files whose device,
  /// inode, size and modification time are unchanged are not read again, and the macro names derived last time
  /// are checked against the changed files alone. A changed file that derives a name not known then, or a cache
  /// that does not read back, makes a full scan. Not used with `AlsoAs`. Empty: none.
  std::string CachePath;
};

class TreeScan {
public:
  /// Fails when a bound is reached or a root cannot be walked.
  static llvm::Expected<TreeScan> run(const ScanRequest &Request);

  /// True when a unit that reads `Path` (or is it) may call an allocator: the file spells a wanted name where it
  /// makes a call, or includes by name a file that does. A file the scan did not read counts as one that may.
  bool mayCall(llvm::StringRef Path) const;

  size_t filesRead() const { return Files.size(); }
  uint64_t bytesRead() const { return Bytes; }
  unsigned rounds() const { return Rounds; }
  /// Files whose facts came from ScanRequest::CachePath, unread this time (0: a full scan).
  size_t filesReused() const { return Reused; }
  /// True when this scan wrote ScanRequest::CachePath (what it found differs from what the cache said).
  bool cacheWritten() const { return Written; }
  /// Why the cache was not used or not kept, if it was asked for and something went wrong (for --verbose).
  const std::string &cacheNote() const { return CacheNote; }
  /// Macros found to spell or paste a wanted name, sorted.
  const std::vector<std::string> &derivedMacros() const { return Derived; }
  /// The files that may make a call, by the path the walk found them at, sorted; `OwnText`: only those whose own
  /// text makes one (not by including another).
  std::vector<std::string> callingFiles(bool OwnText = false) const;

private:
  struct File {
    std::string Path;
    llvm::sys::fs::UniqueID ID;
    std::vector<std::string> Includes;
    bool ComputedInclude = false;
    bool Unit = false;
    bool Unread = false; // too large, or vanished while read: may call
    bool MayCall = false;
    bool Spells = false; // its own text makes a call
    uint64_t Size = 0, MTimeNs = 0;
  };
  std::vector<File> Files;
  llvm::DenseMap<llvm::sys::fs::UniqueID, size_t> ByID;
  std::vector<std::string> Derived;
  uint64_t Bytes = 0;
  unsigned Rounds = 0;
  size_t Reused = 0;
  bool Written = false;
  std::string CacheNote;

  friend class TreeScanBuilder;
};

} // namespace mmio

#endif
