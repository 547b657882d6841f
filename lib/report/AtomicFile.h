// Writing a file so that it is either wholly the old one or wholly the new one: never half-written.
#ifndef MMIO_AUDIT_REPORT_ATOMICFILE_H
#define MMIO_AUDIT_REPORT_ATOMICFILE_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>

namespace mmio {

/// A file's new contents, written in full to a temporary file beside it but not yet in place. `commit` renames it
/// over the target; until then the target is untouched. The temporary file is removed by `discard`, by the
/// destructor, and by LLVM's signal handling when an interrupt ends the process, so nothing is left behind.
class StagedFile {
public:
  /// Writes `Write`'s output beside `Path`. Fails (leaving nothing) when the directory does not exist, `Write`
  /// returns an error, or the disk is full. `Mode` sets the new file's permissions (default: 0666 less the umask).
  /// Errors read "cannot write PATH: REASON".
  static llvm::Expected<StagedFile> create(llvm::StringRef Path,
                                           llvm::function_ref<llvm::Error(llvm::raw_ostream &)> Write,
                                           std::optional<llvm::sys::fs::perms> Mode = std::nullopt);
  StagedFile(StagedFile &&) = default;
  StagedFile &operator=(StagedFile &&) = default;
  ~StagedFile() { discard(); }

  /// Puts the new contents in place: one rename, so a reader sees the old file or the new one.
  llvm::Error commit();
  void discard();
  const std::string &path() const { return Path; }

private:
  StagedFile(std::string Path, llvm::sys::fs::TempFile Temp) : Path(std::move(Path)), Temp(std::move(Temp)) {}
  std::string Path;
  std::optional<llvm::sys::fs::TempFile> Temp;
};

/// Whether `Path` could be staged and committed, checked before the work whose result it will hold (minutes on a
/// tree): its directory exists and is writable, and what is at the path, if anything, is a regular file. Errors
/// read as StagedFile::create's.
llvm::Error checkWritable(llvm::StringRef Path);

/// Stages `Path` and commits it at once; see StagedFile.
llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::function_ref<llvm::Error(llvm::raw_ostream &)> Write,
                                std::optional<llvm::sys::fs::perms> Mode = std::nullopt);

} // namespace mmio

#endif
