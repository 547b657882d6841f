// Source locations in files outside the translation unit (a ruleset), so notes can point at the line that defines
// what a finding relies on: the file is loaded into the SourceManager once, on first use.
#ifndef MMIO_AUDIT_SOURCE_EXTERNALFILELOCATIONS_H
#define MMIO_AUDIT_SOURCE_EXTERNALFILELOCATIONS_H

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

namespace clang {
class SourceManager;
}

namespace mmio {

class ExternalFileLocations {
public:
  /// The location of `Line`:`Column` (1-based; column 0 means 1) in `File`, or an invalid location when the file
  /// cannot be read or no line is given (a ruleset compiled into the tool has no file).
  clang::SourceLocation locate(clang::SourceManager &SM, llvm::StringRef File, unsigned Line, unsigned Column);

private:
  llvm::StringMap<clang::FileID> Loaded;
};

} // namespace mmio

#endif
