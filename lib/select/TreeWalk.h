// The walk of a source tree that the scan reads: every regular file under some directories, listed in parallel and
// in an order that does not depend on the file system's (each directory's entries sorted by name). A tree is
// untrusted input: symbolic links to directories are not followed, and the entries walked are bounded.
#ifndef MMIO_AUDIT_SELECT_TREEWALK_H
#define MMIO_AUDIT_SELECT_TREEWALK_H

#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem/UniqueID.h"

#include <cstdint>
#include <string>
#include <vector>

struct stat;

namespace mmio {

/// What tells a file's contents unchanged without reading them: identity, size, modification time.
struct FileStamp {
  llvm::sys::fs::UniqueID ID;
  uint64_t Size = 0, MTimeNs = 0;
  bool operator==(const FileStamp &O) const { return ID == O.ID && Size == O.Size && MTimeNs == O.MTimeNs; }
};

FileStamp stampOf(const struct stat &St);

struct WalkRequest {
  std::vector<std::string> Roots;
  /// Absolute directories not entered; version-control directories (`.git`, `.hg`, `.svn`) never are.
  std::vector<std::string> SkipDirectories;
  size_t MaxEntries = 2000000; // directory entries, directories included
  unsigned Threads = 1;
  /// Stamp every file as it is listed (a stat beside its directory's entry, cheaper than by path afterwards).
  bool Stamps = false;
};

struct WalkedFile {
  std::string Path;
  bool Stamped = false;
  FileStamp Stamp; // of the file a symbolic link names, for a link
};

/// The regular files under the roots (a symbolic link to one is listed by the link's path). Fails when a root
/// cannot be read or the bound is passed; a directory below a root that cannot be read holds nothing.
llvm::Expected<std::vector<WalkedFile>> walkTree(const WalkRequest &Request);

} // namespace mmio

#endif
