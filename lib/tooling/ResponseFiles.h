// `@file` arguments in a compile database, expanded where clang would expand them, but as untrusted input: only
// regular files are read (a FIFO would block, /dev/zero never end), nesting is bounded, and a file that cannot be
// read leaves the argument as it is (clang then fails the unit on it, naming it) with a one-line reason.
#ifndef MMIO_AUDIT_TOOLING_RESPONSEFILES_H
#define MMIO_AUDIT_TOOLING_RESPONSEFILES_H

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <memory>

namespace mmio {

/// `Base` with the response files of every command expanded. `Report` hears of each that could not be, as
/// "FILE: cannot expand @ARG: REASON" (FILE the unit's source); it may be called from several threads.
std::unique_ptr<clang::tooling::CompilationDatabase>
expandResponseFilesSafely(std::unique_ptr<clang::tooling::CompilationDatabase> Base,
                          std::function<void(const std::string &)> Report);

} // namespace mmio

#endif
