#include "source/ExternalFileLocations.h"

#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace mmio {

SourceLocation ExternalFileLocations::locate(SourceManager &SM, llvm::StringRef File, unsigned Line, unsigned Column) {
  if (File.empty() || Line == 0)
    return SourceLocation();
  auto It = Loaded.find(File);
  if (It == Loaded.end()) {
    FileID FID;
    if (llvm::Expected<FileEntryRef> FE = SM.getFileManager().getFileRef(File, /*OpenFile=*/true))
      FID = SM.createFileID(*FE, SourceLocation(), SrcMgr::C_User);
    else
      llvm::consumeError(FE.takeError());
    It = Loaded.insert({File, FID}).first;
  }
  if (It->second.isInvalid())
    return SourceLocation();
  return SM.translateLineCol(It->second, Line, Column ? Column : 1);
}

} // namespace mmio
