// Writing a file so that it is either wholly the old one or wholly the new one: never half-written.
#ifndef MMIO_AUDIT_REPORT_ATOMICFILE_H
#define MMIO_AUDIT_REPORT_ATOMICFILE_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>

namespace mmio {

/// Writes `Path` through a temporary file in the same directory that is renamed over `Path` once `Write` has
/// succeeded and everything is on disk. When anything fails (`Write` returns an error, the directory does not
/// exist, the disk is full) the temporary file is removed and `Path` is as it was. `Mode` sets the new file's
/// permissions (default: 0666 less the umask). Errors read "cannot write PATH: REASON".
llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::function_ref<llvm::Error(llvm::raw_ostream &)> Write,
                                std::optional<llvm::sys::fs::perms> Mode = std::nullopt);

} // namespace mmio

#endif
