#include "check/Finding.h"

#include "clang/Basic/SourceManager.h"

namespace mmio {

llvm::StringRef verdictName(Verdict V) {
  switch (V) {
  case Verdict::Violated:
    return "violated";
  case Verdict::Holds:
    return "holds";
  case Verdict::Unknown:
    return "unknown";
  }
  return "unknown";
}

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
