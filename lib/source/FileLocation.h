// A place in a file by name, line and column: the one location type that outlives an AST, for findings, rulesets
// and reports alike.
#ifndef MMIO_AUDIT_SOURCE_FILELOCATION_H
#define MMIO_AUDIT_SOURCE_FILELOCATION_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace clang {
class SourceLocation;
class SourceManager;
} // namespace clang

namespace mmio {

struct FileLocation {
  std::string File;
  unsigned Line = 0;   // 1-based; 0 when unknown
  unsigned Column = 0; // 1-based; 0 when unknown
  bool valid() const { return Line != 0; }
};

/// `Path` made absolute against `Directory` (when relative; the working directory when `Directory` is empty) with
/// `.` and `..` removed.
std::string absolutePath(llvm::StringRef Path, llvm::StringRef Directory);

/// Where `Loc` physically is: the file as opened and its real line, whatever a `#line` directive says, since a
/// report read by a machine (and a fix applied from it) must point at the bytes that are there. Invalid locations
/// give an empty result.
FileLocation resolveLocation(const clang::SourceManager &SM, clang::SourceLocation Loc);

/// Where `Loc` is as clang presents it to people, `#line` directives respected.
FileLocation presumedLocation(const clang::SourceManager &SM, clang::SourceLocation Loc);

} // namespace mmio

#endif
