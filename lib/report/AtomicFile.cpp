#include "report/AtomicFile.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

namespace mmio {

namespace {

llvm::Error cannotWrite(llvm::StringRef Path, std::error_code EC) {
  return llvm::createStringError(EC, "cannot write %s: %s", Path.str().c_str(), EC.message().c_str());
}

llvm::Error cannotWrite(llvm::StringRef Path, llvm::Error E) {
  std::error_code EC = llvm::errorToErrorCode(std::move(E));
  return cannotWrite(Path, EC);
}

} // namespace

llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::function_ref<llvm::Error(llvm::raw_ostream &)> Write,
                                std::optional<llvm::sys::fs::perms> Mode) {
  // Beside the target, so the final rename stays within one file system.
  llvm::SmallString<256> Model(llvm::sys::path::parent_path(Path));
  llvm::sys::path::append(Model, "." + llvm::sys::path::filename(Path) + ".mmio-audit-%%%%%%.tmp");
  llvm::Expected<llvm::sys::fs::TempFile> Temp = llvm::sys::fs::TempFile::create(Model);
  if (!Temp)
    return cannotWrite(Path, Temp.takeError());
  auto Discard = [&](llvm::Error E) {
    llvm::consumeError(Temp->discard());
    return E;
  };
  llvm::Error WriteError = llvm::Error::success();
  std::error_code StreamError;
  {
    llvm::raw_fd_ostream OS(Temp->FD, /*shouldClose=*/false);
    WriteError = Write(OS);
    OS.flush();
    StreamError = OS.error();
    OS.clear_error(); // reported here, not by the stream's destructor
  }
  if (WriteError)
    return Discard(std::move(WriteError));
  if (StreamError)
    return Discard(cannotWrite(Path, StreamError));
  if (Mode)
    if (std::error_code EC = llvm::sys::fs::setPermissions(Temp->TmpName, *Mode))
      return Discard(cannotWrite(Path, EC));
  if (llvm::Error E = Temp->keep(Path))
    return Discard(cannotWrite(Path, std::move(E)));
  return llvm::Error::success();
}

} // namespace mmio
