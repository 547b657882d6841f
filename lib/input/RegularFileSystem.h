// The file system the front ends give clang and the compile-database reader: the real one, except that only
// regular files can be opened. A stranger's compile database or source can name a FIFO (as the source, in
// `-include`, `-imacros`, an `#include` or an `@response` file), which would block the read forever, or a device
// such as /dev/zero, which would never end; each is refused at once, as "not a regular file".
#ifndef MMIO_AUDIT_INPUT_REGULARFILESYSTEM_H
#define MMIO_AUDIT_INPUT_REGULARFILESYSTEM_H

#include "llvm/Support/VirtualFileSystem.h"

namespace mmio {

/// `Base` (default: a fresh physical file system, with a working directory of its own) with every open of
/// something other than a regular file refused.
llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
regularFilesOnly(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base = nullptr);

/// The error such an open fails with ("not a regular file").
std::error_code notARegularFile();

} // namespace mmio

#endif
