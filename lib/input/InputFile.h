// Files the tools are pointed at (a ruleset, a report, a compile database), read as untrusted input: only a regular
// file (a FIFO would block forever, /dev/zero never end), no larger than the reader's limit, and read into memory
// rather than mapped (a mapped file truncated while it is read ends the process with SIGBUS).
#ifndef MMIO_AUDIT_INPUT_INPUTFILE_H
#define MMIO_AUDIT_INPUT_INPUTFILE_H

#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cstdint>
#include <memory>

namespace mmio {

/// `Path`'s contents. An error is the reason alone ("No such file or directory", "is a directory", "not a regular
/// file", "larger than 1 MiB"), for the caller to say what it was reading.
llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> readInputFile(llvm::StringRef Path, uint64_t MaxBytes);

/// "1 MiB": how a limit reads in messages.
std::string byteLimitText(uint64_t Bytes);

} // namespace mmio

#endif
