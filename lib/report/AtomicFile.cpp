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

/// Only a regular file is replaced: renaming over a device node, a FIFO or a symbolic link would swap it for a
/// regular file (as root, `-o /dev/null` would replace the system's).
llvm::Error refuseNonRegularTarget(llvm::StringRef Path) {
  llvm::sys::fs::file_status Existing;
  if (!llvm::sys::fs::status(Path, Existing, /*Follow=*/false) && llvm::sys::fs::exists(Existing) &&
      Existing.type() != llvm::sys::fs::file_type::regular_file)
    return llvm::createStringError(std::make_error_code(std::errc::invalid_argument),
                                   "cannot write %s: not a regular file, and only regular files are replaced",
                                   Path.str().c_str());
  return llvm::Error::success();
}

} // namespace

llvm::Expected<StagedFile> StagedFile::create(llvm::StringRef Path,
                                              llvm::function_ref<llvm::Error(llvm::raw_ostream &)> Write,
                                              std::optional<llvm::sys::fs::perms> Mode) {
  if (llvm::Error E = refuseNonRegularTarget(Path))
    return std::move(E);
  // Beside the target, so the final rename stays within one file system. TempFile::create registers the file for
  // removal should a signal end the process.
  llvm::SmallString<256> Model(llvm::sys::path::parent_path(Path));
  llvm::sys::path::append(Model, "." + llvm::sys::path::filename(Path) + ".mmio-audit-%%%%%%.tmp");
  llvm::Expected<llvm::sys::fs::TempFile> Temp = llvm::sys::fs::TempFile::create(Model);
  if (!Temp)
    return cannotWrite(Path, Temp.takeError());
  StagedFile Staged(Path.str(), std::move(*Temp));
  llvm::Error WriteError = llvm::Error::success();
  std::error_code StreamError;
  {
    llvm::raw_fd_ostream OS(Staged.Temp->FD, /*shouldClose=*/false);
    WriteError = Write(OS);
    OS.flush();
    StreamError = OS.error();
    OS.clear_error(); // reported here, not by the stream's destructor
  }
  if (WriteError)
    return std::move(WriteError); // Staged's destructor removes the temporary file
  if (StreamError)
    return cannotWrite(Path, StreamError);
  if (Mode)
    if (std::error_code EC = llvm::sys::fs::setPermissions(Staged.Temp->TmpName, *Mode))
      return cannotWrite(Path, EC);
  return std::move(Staged);
}

llvm::Error StagedFile::commit() {
  if (!Temp)
    return cannotWrite(Path, std::make_error_code(std::errc::invalid_argument));
  llvm::Error E = Temp->keep(Path);
  if (E) {
    discard();
    return cannotWrite(Path, std::move(E));
  }
  Temp.reset();
  return llvm::Error::success();
}

void StagedFile::discard() {
  if (!Temp)
    return;
  llvm::consumeError(Temp->discard());
  Temp.reset();
}

llvm::Error checkWritable(llvm::StringRef Path) {
  if (llvm::Error E = refuseNonRegularTarget(Path))
    return E;
  llvm::SmallString<256> Dir(llvm::sys::path::parent_path(Path));
  if (Dir.empty())
    Dir = ".";
  if (!llvm::sys::fs::is_directory(Dir))
    return cannotWrite(Path, std::make_error_code(std::errc::no_such_file_or_directory));
  if (llvm::sys::fs::access(Dir, llvm::sys::fs::AccessMode::Write))
    return cannotWrite(Path, std::make_error_code(std::errc::permission_denied));
  return llvm::Error::success();
}

llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::function_ref<llvm::Error(llvm::raw_ostream &)> Write,
                                std::optional<llvm::sys::fs::perms> Mode) {
  llvm::Expected<StagedFile> Staged = StagedFile::create(Path, Write, Mode);
  if (!Staged)
    return Staged.takeError();
  return Staged->commit();
}

} // namespace mmio
