#include "source/FileLocation.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace mmio {

std::string absolutePath(llvm::StringRef Path, llvm::StringRef Directory) {
  llvm::SmallString<256> P(Path);
  if (!llvm::sys::path::is_absolute(P) && !Directory.empty())
    llvm::sys::fs::make_absolute(Directory, P);
  else if (!llvm::sys::path::is_absolute(P))
    llvm::sys::fs::make_absolute(P);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

static FileLocation resolve(const clang::SourceManager &SM, clang::SourceLocation Loc, bool UseLineDirectives) {
  FileLocation L;
  if (Loc.isInvalid())
    return L;
  clang::PresumedLoc P = SM.getPresumedLoc(Loc, UseLineDirectives);
  if (P.isInvalid())
    return L;
  L.File = P.getFilename();
  L.Line = P.getLine();
  L.Column = P.getColumn();
  return L;
}

FileLocation resolveLocation(const clang::SourceManager &SM, clang::SourceLocation Loc) {
  return resolve(SM, Loc, /*UseLineDirectives=*/false);
}

FileLocation presumedLocation(const clang::SourceManager &SM, clang::SourceLocation Loc) {
  return resolve(SM, Loc, /*UseLineDirectives=*/true);
}

} // namespace mmio
