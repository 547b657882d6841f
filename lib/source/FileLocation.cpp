#include "source/FileLocation.h"

#include "clang/Basic/SourceManager.h"

namespace mmio {

FileLocation resolveLocation(const clang::SourceManager &SM, clang::SourceLocation Loc) {
  FileLocation L;
  if (Loc.isInvalid())
    return L;
  clang::PresumedLoc P = SM.getPresumedLoc(Loc);
  if (P.isInvalid())
    return L;
  L.File = P.getFilename();
  L.Line = P.getLine();
  L.Column = P.getColumn();
  return L;
}

} // namespace mmio
