#include "input/InputFile.h"

#include "llvm/ADT/Twine.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace mmio {

std::string byteLimitText(uint64_t Bytes) {
  if (Bytes >= (uint64_t(1) << 20) && Bytes % (uint64_t(1) << 20) == 0)
    return std::to_string(Bytes >> 20) + " MiB";
  return std::to_string(Bytes) + " bytes";
}

llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> readInputFile(llvm::StringRef Path, uint64_t MaxBytes) {
  auto Fail = [&](const llvm::Twine &Why, std::error_code EC = std::make_error_code(std::errc::invalid_argument)) {
    return llvm::createStringError(EC, "%s", Why.str().c_str());
  };
  // Non-blocking, so that opening a FIFO does not wait for a writer; the descriptor is checked before any read.
  std::string Name = Path.str();
  int FD = ::open(Name.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (FD < 0) {
    std::error_code EC(errno, std::generic_category());
    return Fail(EC.message(), EC);
  }
  struct stat Status;
  if (::fstat(FD, &Status) != 0 || !S_ISREG(Status.st_mode)) {
    ::close(FD);
    return Fail(S_ISDIR(Status.st_mode) ? "is a directory" : "not a regular file");
  }
  if (static_cast<uint64_t>(Status.st_size) > MaxBytes) {
    ::close(FD);
    return Fail("larger than " + byteLimitText(MaxBytes));
  }
  ::fcntl(FD, F_SETFL, ::fcntl(FD, F_GETFL) & ~O_NONBLOCK);
  // Read with read(2), never mapped (LLVM maps even a "volatile" file when no terminator is asked for): a file that
  // shrinks meanwhile reads short, one that grows stops at the limit; neither can fault.
  std::string Data;
  Data.reserve(static_cast<size_t>(Status.st_size));
  char Chunk[65536];
  for (;;) {
    ssize_t N = ::read(FD, Chunk, sizeof Chunk);
    if (N < 0 && errno == EINTR)
      continue;
    if (N < 0) {
      std::error_code EC(errno, std::generic_category());
      ::close(FD);
      return Fail(EC.message(), EC);
    }
    if (N == 0)
      break;
    Data.append(Chunk, static_cast<size_t>(N));
    if (Data.size() > MaxBytes) {
      ::close(FD);
      return Fail("larger than " + byteLimitText(MaxBytes));
    }
  }
  ::close(FD);
  return llvm::MemoryBuffer::getMemBufferCopy(Data, Path);
}

} // namespace mmio
