#include "input/RegularFileSystem.h"

#include <string>

namespace mmio {

namespace {

class InputErrorCategory : public std::error_category {
public:
  const char *name() const noexcept override { return "mmio-audit input"; }
  std::string message(int) const override { return "not a regular file"; }
};

class RegularFileSystem : public llvm::vfs::ProxyFileSystem {
public:
  using ProxyFileSystem::ProxyFileSystem;

  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>> openFileForRead(const llvm::Twine &Path) override {
    // The check is on what the path leads to (links followed), before anything is opened: opening a FIFO for
    // reading blocks until a writer comes.
    llvm::ErrorOr<llvm::vfs::Status> S = getUnderlyingFS().status(Path);
    if (!S)
      return S.getError();
    if (S->getType() != llvm::sys::fs::file_type::regular_file)
      return S->isDirectory() ? std::make_error_code(std::errc::is_a_directory) : notARegularFile();
    return ProxyFileSystem::openFileForRead(Path);
  }
};

} // namespace

std::error_code notARegularFile() {
  static const InputErrorCategory Category;
  return std::error_code(1, Category);
}

llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> regularFilesOnly(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base) {
  if (!Base)
    Base = llvm::vfs::createPhysicalFileSystem();
  return llvm::makeIntrusiveRefCnt<RegularFileSystem>(std::move(Base));
}

} // namespace mmio
